"""Dates: strict parsing of front matter, and display the way the portal shows them.

Parsing accepts only complete values: ``YYYY-MM-DD HH:MM[:SS]`` in the
archive's local time, or full ISO 8601 with an offset.  Pelican (through
dateutil) fills a partial ``2023-11`` with *today's* day, which silently
mis-dates an archive; here that is an error.

Display uses Babel's ``ar_MA`` data (Moroccan month names such as نونبر and
دجنبر, Western digits) with explicit patterns: Babel's medium/short patterns
carry invisible U+200F marks.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import get_month_names
from markupsafe import Markup

LOCALE = "ar_MA"
DEFAULT_TIMEZONE = "Africa/Casablanca"

LOCAL_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$")
OFFSET_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})$"
)
PARTIAL_RE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")


class DateError(ValueError):
    pass


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def parse(value: str, timezone: str = DEFAULT_TIMEZONE) -> datetime:
    """Return an aware datetime, or raise DateError with a helpful message."""
    value = value.strip()
    if OFFSET_RE.match(value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise DateError(f"{value!r} is not a real date ({exc})") from None
    match = LOCAL_RE.match(value)
    if match:
        try:
            naive = datetime(*(int(g) for g in match.groups() if g is not None))
        except ValueError as exc:
            raise DateError(f"{value!r} is not a real date ({exc})") from None
        return naive.replace(tzinfo=zone(timezone))
    if PARTIAL_RE.match(value):
        raise DateError(
            f"{value!r} is incomplete; write the day and time too, e.g. 2023-11-29 20:54"
        )
    raise DateError(
        f"{value!r} is not a date; write YYYY-MM-DD HH:MM (e.g. 2023-11-29 20:54) "
        "or ISO 8601 with an offset (2023-11-29T20:54:00+01:00)"
    )


def iso(moment: datetime) -> str:
    """Full ISO 8601 with offset, for <time datetime> and JSON-LD."""
    return moment.isoformat(timespec="seconds")


def portal(moment: datetime) -> str:
    """``29/11/2023 | 20:54``, as the original portal prints article dates."""
    # Purely numeric, so plain formatting gives Babel's result much faster.
    return moment.strftime("%d/%m/%Y | %H:%M")


def time_element(moment: datetime) -> Markup:
    """``<time datetime="ISO">29/11/2023 | 20:54</time>``: every list item shows
    one, and a filter is several times cheaper than a template include.  Both
    strings are digits and punctuation only, so nothing needs escaping."""
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
