"""Dates as the old site gave them -> the two forms Arshif accepts.

A date that carries an offset (JSON-LD, ``article:published_time``, or a
WordPress local time next to its GMT time) keeps it:
``2023-11-29T20:54:00+01:00``.  A date without one (visible text, ISO without
offset) is Moroccan local time and is written ``2023-11-29 20:54``.  A date
without a time of day is not accepted: midnight would be a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from arshif import dates

ISO_RE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$", re.I)
# «29/11/2023 | 20:54», «29-11-2023 - 20:54», «29/11/2023 على الساعة 20:54»
VISIBLE_RE = re.compile(
    r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)"
    r"\s*(?:(?:[|،,–—-]|على\s+الساعة|الساعة)\s*){0,2}(?:(\d{1,2}):(\d{2})(?!\d))?")
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
WORDPRESS_EMPTY = "0000-00-00"


@dataclass(frozen=True)
class SourceDate:
    text: str  # as written in front matter
    moment: datetime  # aware; its year/month place the file


def local(naive: datetime, tz: str = dates.DEFAULT_TIMEZONE) -> SourceDate:
    naive = naive.replace(second=0, microsecond=0)
    return SourceDate(naive.strftime("%Y-%m-%d %H:%M"), naive.replace(tzinfo=dates.zone(tz)))


def with_offset(moment: datetime) -> SourceDate:
    return SourceDate(moment.replace(microsecond=0).isoformat(timespec="seconds"), moment)


def from_iso(value, tz: str = dates.DEFAULT_TIMEZONE) -> SourceDate | None:
    if not isinstance(value, str):
        return None
    match = ISO_RE.match(value.translate(ARABIC_DIGITS))
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        naive = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    if not offset:
        return local(naive, tz)
    if offset.upper() == "Z":
        return with_offset(naive.replace(tzinfo=timezone.utc))
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return with_offset(naive.replace(tzinfo=timezone(sign * delta)))


def from_visible(text: str, tz: str = dates.DEFAULT_TIMEZONE):
    """``(SourceDate | None, note)`` from text such as «29/11/2023 | 20:54»
    (day first, as Moroccan sites print it).  ``note`` says why a date-like
    text was not used."""
    text = text.translate(ARABIC_DIGITS)
    note = ""
    for match in VISIBLE_RE.finditer(text):
        day, month, year, hour, minute = match.groups()
        if hour is None:
            note = note or f"found {match.group(0).strip()!r} without a time of day"
            continue
        try:
            return local(datetime(int(year), int(month), int(day), int(hour), int(minute)), tz), ""
        except ValueError:
            note = note or f"{match.group(0).strip()!r} is not a real date"
    return None, note


def from_wordpress(local_value: str | None, gmt_value: str | None,
                   tz: str = dates.DEFAULT_TIMEZONE) -> SourceDate | None:
    """WXR gives ``post_date`` (site time) and ``post_date_gmt``; together they
    give the exact offset the site used.  Drafts have an empty GMT date."""
    if not local_value or local_value.startswith(WORDPRESS_EMPTY):
        return None
    try:
        naive = datetime.strptime(local_value.strip()[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return from_iso(local_value, tz)
    if gmt_value and not gmt_value.startswith(WORDPRESS_EMPTY):
        try:
            gmt = datetime.strptime(gmt_value.strip()[:19], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            gmt = None
        if gmt is not None and abs(naive - gmt) <= timedelta(hours=14):
            return with_offset(naive.replace(tzinfo=timezone(naive - gmt)))
    return local(naive, tz)
