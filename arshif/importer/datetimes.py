"""Dates as the old site gave them -> the two forms Arshif accepts.

A date that carries an offset (JSON-LD, ``article:published_time``, or a
WordPress local time next to its GMT time) keeps it:
``2023-11-29T20:54:00+01:00``.  A date without one (visible text, ISO without
offset) is Moroccan local time and is written ``2023-11-29 20:54``.  A date
without a time of day is written as the day alone, ``2023-11-29``: midnight
would be a guess.

Visible dates are read with Arabic month names in every regional spelling
(Moroccan يوليوز/غشت/شتنبر, Egyptian and Gulf أغسطس/سبتمبر, Levantine and
Iraqi تموز/آب/أيلول/تشرين الأول, Maghreb جويلية/أوت/فيفري), Western or
Arabic-Indic digits, and ص/م for the time: «الأربعاء، 07 أكتوبر 2020 - 12:09 م».
dateparser 1.5 knows only some of these names, so they are listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from arshif.content import dates, text as text_mod

ISO_RE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{1,2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$", re.I)
# «29/11/2023 | 20:54», «29-11-2023 - 20:54», «29/11/2023 على الساعة 20:54»
VISIBLE_RE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})(?!\d)"
    r"\s*(?:(?:[|،,–—-]|على\s+الساعة|الساعة)\s*){0,2}(?:(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d))?")
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
DAY_ONLY_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
# Month names as text.search_normalize folds them (أ إ آ -> ا, ة -> ه, ى -> ي).
ARABIC_MONTHS = {
    1: ("يناير", "ينار", "كانون الثاني", "جانفي", "جانفيه"),
    2: ("فبراير", "فبرير", "شباط", "فيفري"),
    3: ("مارس", "اذار"),
    4: ("ابريل", "ابريل", "نيسان", "افريل"),
    5: ("مايو", "ماي", "ايار"),
    6: ("يونيو", "يونيه", "يونيوز", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "يوليوز", "تموز", "جويليه"),
    8: ("اغسطس", "غشت", "اب", "اوت"),
    9: ("سبتمبر", "شتنبر", "ايلول"),
    10: ("اكتوبر", "تشرين الاول"),
    11: ("نوفمبر", "نونبر", "تشرين الثاني"),
    12: ("ديسمبر", "دجنبر", "كانون الاول"),
}
MONTH_OF = {text_mod.search_normalize(name): number
            for number, names in ARABIC_MONTHS.items() for name in names}
_MONTH = "|".join(re.escape(n).replace(r"\ ", r"\s+")
                  for n in sorted(MONTH_OF, key=len, reverse=True))
# «07 أكتوبر 2020 - 12:09 م», «8 فيفري 2019», «9 تشرين الثاني (نوفمبر) 2020»,
# «19 أغسطس/آب 2020 الساعة 10:30 صباحا» (on folded text).
NAMED_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?({_MONTH})(?![^\W\d_])"
    rf"(?:\s*[/(-]\s*(?:{_MONTH})(?![^\W\d_])\s*\)?)?\s*[,،]?\s*(\d{{4}})(?!\d)"
    r"(?:\s*(?:(?:[|،,–—-]|\bفي\b|علي|الساعه|تمام)\s*){0,4}"
    r"(\d{1,2}):(\d{2})(?::\d{2})?(?!\d)\s*(ص|م|صباحا|صباحاً|مساء|مساءا|مساءً|ظهرا|عصرا|ليلا|am|pm)?"
    r"(?![^\W\d_]))?", re.I)
# «2020年07月03日», «2020年7月3日(金) 10:30» (Japanese and Chinese pages).
CJK_RE = re.compile(r"(?<!\d)(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
                    r"(?:\s*(?:\([^)]{1,3}\)|（[^）]{1,3}）)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d))?")
AFTERNOON = {"م", "مساء", "مساءا", "مساءً", "عصرا", "ليلا", "pm"}
MORNING = {"ص", "صباحا", "صباحاً", "am"}
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


def day_only(year: int, month: int, day: int,
             tz: str = dates.DEFAULT_TIMEZONE) -> SourceDate | None:
    """A date without a time of day: written ``YYYY-MM-DD``, never midnight."""
    try:
        moment = dates.day(year, month, day, tz)
    except ValueError:
        return None
    return SourceDate(moment.strftime("%Y-%m-%d"), moment)


def is_day_only(found: SourceDate | None) -> bool:
    return found is not None and dates.date_only(found.moment)


def from_iso(value, tz: str = dates.DEFAULT_TIMEZONE) -> SourceDate | None:
    if not isinstance(value, str):
        return None
    value = value.translate(ARABIC_DIGITS)
    match = ISO_RE.match(value)
    if not match:
        day = DAY_ONLY_RE.match(value)
        return day_only(*(int(g) for g in day.groups()), tz) if day else None
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


def from_any(value, tz: str = dates.DEFAULT_TIMEZONE) -> SourceDate | None:
    """A metadata value in whatever form the site wrote it: ISO 8601, a day
    alone, RFC 2822 (``Sun, 07 Jun 2020 18:06:00 +0300``) or visible text
    («الأربعاء، 07 أكتوبر 2020 - 12:09 م»)."""
    if not isinstance(value, str) or not value.strip():
        return None
    found = from_iso(value, tz)
    if found:
        return found
    if re.match(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", value):
        try:
            moment = parsedate_to_datetime(value.strip())
        except (TypeError, ValueError):
            moment = None
        if moment is not None:
            return with_offset(moment) if moment.tzinfo else local(moment, tz)
    found, _ = from_visible(value, tz)
    return found


def from_visible(text: str, tz: str = dates.DEFAULT_TIMEZONE):
    """``(SourceDate | None, note)`` from text such as «29/11/2023 | 20:54»
    (day first, as Moroccan sites print it) or «الجمعة 8 فيفري 2019».  A date
    with a time of day wins over one without; a day alone gives a date-only
    SourceDate.  ``note`` says why a date-like text was not used."""
    text = text.translate(ARABIC_DIGITS)
    note = ""
    first_day = None
    for day, month, year, hour, minute, marker, whole in _visible_dates(text):
        if hour is None:
            found = day_only(year, month, day, tz)
            if found is None:
                note = note or f"{whole!r} is not a real date"
            first_day = first_day or found
            continue
        hour = _24_hour(hour, marker)
        try:
            return local(datetime(year, month, day, hour, minute), tz), ""
        except ValueError:
            note = note or f"{whole!r} is not a real date"
    if first_day is not None:
        return first_day, ""
    return None, note


def _visible_dates(text: str):
    """``(day, month, year, hour|None, minute|None, marker, text)``, in the
    order they appear."""
    found = []
    for match in (m for pattern in (VISIBLE_RE, CJK_RE) for m in pattern.finditer(text)):
        hour, minute = match.group("hour"), match.group("minute")
        found.append((match.start(), int(match.group("day")), int(match.group("month")),
                      int(match.group("year")), int(hour) if hour else None,
                      int(minute) if minute else None, "", match.group(0).strip()))
    folded = text_mod.search_normalize(text)
    for match in NAMED_RE.finditer(folded):
        day, name, year, hour, minute, marker = match.groups()
        month = MONTH_OF[" ".join(name.split())]
        found.append((match.start() + 0.5, int(day), month, int(year),
                      int(hour) if hour else None, int(minute) if minute else None,
                      (marker or "").lower(), match.group(0).strip()))
    return [item[1:] for item in sorted(found, key=lambda item: item[0])]


def _24_hour(hour: int, marker: str) -> int:
    if marker in AFTERNOON and hour < 12:
        return hour + 12
    if marker in MORNING and hour == 12:
        return 0
    if marker == "ظهرا" and hour < 6:
        return hour + 12
    return hour


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
