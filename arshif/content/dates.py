"""Dates: strict parsing of front matter, and display the way the portal shows them.

Parsing accepts only whole values: ``YYYY-MM-DD HH:MM[:SS]`` in the
archive's local time; the same with an offset, as ISO 8601 writes it
(``2023-11-29T20:54:00+01:00``) or as Jekyll does (``2016-05-27 20:10 +0300``);
or a day alone, ``YYYY-MM-DD``, for old articles whose time of day nobody
knows.  Pelican (through dateutil) fills a partial ``2023-11`` with *today's*
day, which silently mis-dates an archive; here that is an error.

A day alone is a ``Day``: a datetime at the start of that day in the
archive's timezone (so it sorts, groups and makes URLs like any other date)
that knows it has no time of day, so every display shows the day only.

Display uses Babel's ``ar_MA`` data (Moroccan month names such as نونبر and
دجنبر, Western digits) with explicit patterns: Babel's medium/short patterns
carry invisible U+200F marks.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from datetime import timezone as fixed_offset
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import get_month_names
from markupsafe import Markup

LOCALE = "ar_MA"
DEFAULT_TIMEZONE = "Africa/Casablanca"

# Date, time, then an optional offset: "Z", "+01:00" or "+0100", straight
# after the time (ISO 8601) or after one space (Jekyll's "%Y-%m-%d %H:%M:%S %z").
DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?"
    r"(?: ?(Z|[+-]\d{2}:?\d{2}))?$"
)
DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
PARTIAL_RE = re.compile(r"^\d{4}(-\d{1,2})?$")
MAX_OFFSET = timedelta(hours=14)


class DateError(ValueError):
    pass


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


class Day(datetime):
    """A date without a time of day: the start of that day in the archive's
    timezone.  Only ``parse`` makes one; keep it in that timezone (a Day moved
    to another zone would show the other zone's day)."""

    __slots__ = ()


def date_only(moment: datetime) -> bool:
    return isinstance(moment, Day)


def day(year: int, month: int, day_: int, timezone: str = DEFAULT_TIMEZONE) -> Day:
    """The ``Day`` for a calendar date (what ``parse("YYYY-MM-DD")`` gives)."""
    return Day(year, month, day_, tzinfo=zone(timezone))


def parse(value: str, timezone: str = DEFAULT_TIMEZONE) -> datetime:
    """Return an aware datetime (a ``Day`` for a date alone), or raise
    DateError with a helpful message."""
    value = value.strip()
    match = DATETIME_RE.match(value)
    if match:
        *fields, fraction, offset = match.groups()
        try:
            moment = datetime(*(int(g) for g in fields if g is not None),
                              int((fraction or "0").ljust(6, "0")))
            tzinfo = _offset(offset) if offset else zone(timezone)
        except ValueError as exc:
            raise DateError(f"{value!r} is not a real date ({exc})") from None
        return moment.replace(tzinfo=tzinfo)
    match = DAY_RE.match(value)
    if match:
        try:
            return day(*(int(g) for g in match.groups()), timezone=timezone)
        except ValueError as exc:
            raise DateError(f"{value!r} is not a real date ({exc})") from None
    if PARTIAL_RE.match(value):
        raise DateError(
            f"{value!r} is incomplete; write the whole day, e.g. 2023-11-29, "
            "and the time if it is known: 2023-11-29 20:54"
        )
    raise DateError(
        f"{value!r} is not a date; write YYYY-MM-DD HH:MM (e.g. 2023-11-29 20:54), "
        "YYYY-MM-DD when the time is not known, or a time with an offset "
        "(2023-11-29T20:54:00+01:00, 2023-11-29 20:54 +0100)"
    )


def _offset(text: str) -> fixed_offset:
    if text == "Z":
        return fixed_offset.utc
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[-2:])
    if minutes > 59 or timedelta(hours=hours, minutes=minutes) > MAX_OFFSET:
        raise ValueError(f"{text} is not a UTC offset")
    return fixed_offset(sign * timedelta(hours=hours, minutes=minutes))


def local_day(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> date:
    """The calendar day of ``moment`` in the archive's timezone."""
    return moment.date() if date_only(moment) else moment.astimezone(zone(timezone)).date()


def iso(moment: datetime) -> str:
    """Full ISO 8601 with offset, for <time datetime>, JSON-LD, Open Graph and
    the sitemap; ``2023-11-29`` for a date without a time of day."""
    if date_only(moment):
        return moment.strftime("%Y-%m-%d")
    return moment.isoformat(timespec="seconds")


def portal(moment: datetime) -> str:
    """``29/11/2023 | 20:54``, as the original portal prints article dates;
    ``29/11/2023`` for a date without a time of day."""
    # Purely numeric, so plain formatting gives Babel's result much faster.
    if date_only(moment):
        return moment.strftime("%d/%m/%Y")
    return moment.strftime("%d/%m/%Y | %H:%M")


def time_element(moment: datetime) -> Markup:
    """``<time datetime="ISO">29/11/2023 | 20:54</time>``: every list item shows
    one, and a filter is several times cheaper than a template include.  Both
    strings are digits and punctuation only, so nothing needs escaping.
    A date without a time: ``<time datetime="2023-11-29">29/11/2023</time>``."""
    return Markup(f'<time datetime="{iso(moment)}">{portal(moment)}</time>')


def long_date(moment: datetime) -> str:
    """``29 نونبر 2023``."""
    return f"{moment.day} {month_name(moment.month)} {moment.year}"


@lru_cache(maxsize=1)
def month_names() -> dict[int, str]:
    names = get_month_names("wide", locale=LOCALE)
    return {number: names[number] for number in range(1, 13)}


def month_name(month: int) -> str:
    return month_names()[month]


def month_year(year: int, month: int) -> str:
    """``نونبر 2023``."""
    return f"{month_name(month)} {year}"
