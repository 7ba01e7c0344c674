"""Second opinions on a publication date the importer found.

A date is written as found; these checks only decide whether the report
asks the archivist to check it.  Measured on htmldate's set of real news
pages (tests/importer/test_import_real_dates.py), the dates written
without a word were wrong in three ways, each caught here:

* the page's own address carries another day (``/2020/02/17/…`` while the
  JSON-LD says ``2020-02-18T02:18Z``: a UTC time of a local evening);
* two metadata sources of the page give different days (a JSON-LD time
  labelled UTC that is in fact local time, next to the right Open Graph
  time);
* htmldate's day is not written as a date anywhere in the page (it read
  ``2020-10/7d31f4…``, an image's folder and the start of its hash);
* a time given in UTC near midnight (``2020-12-05T23:15Z``, published at
  00:15 on the 6th in Rome): its day depends on the time zone.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from babel.dates import get_month_names

# Languages of the pages an Arabic archive imports, and htmldate's common ones.
MONTH_LOCALES = ("ar", "en", "fr", "de", "es", "it", "pt", "nl", "da", "sv", "nb", "pl",
                 "ru", "tr", "id", "cs", "ro", "hu", "fi", "el", "uk", "fa", "ur")
_YEAR = r"(19[89]\d|20\d\d)"
# /2020/02/17/, -2020-02-17, _20200217 (in a path or a slug, never inside a longer number)
ADDRESS_DAY = re.compile(
    rf"(?<![\d])(?:{_YEAR}[/_-](\d{{1,2}})[/_-](\d{{1,2}})|{_YEAR}(\d\d)(\d\d))(?![\d])")


def day_of(text: str) -> date | None:
    """The day of a date as written in front matter (``2020-02-18…``)."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def address_day(url: str) -> date | None:
    """The day a page's address gives, if it gives one whole."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]+", "", url or "", flags=re.I)
    for match in ADDRESS_DAY.finditer(path):
        groups = [g for g in match.groups() if g]
        try:
            return date(*(int(g) for g in groups))
        except ValueError:
            continue
    return None


@lru_cache(maxsize=None)
def _month_names(month: int) -> tuple[str, ...]:
    names = set()
    for locale in MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                name = get_month_names(width, context, locale)[month].rstrip(".")
                if len(name) >= 3:
                    names.add(name.casefold())
    return tuple(sorted(names, key=len, reverse=True))


def spelled(source: str, day: date) -> bool:
    """Whether the page writes ``day`` as a date: in numbers (ISO, day first or
    month first, 8 digits) or with the month's name near the year."""
    y, m, d = day.year, day.month, day.day
    numeric = (
        rf"(?<!\d){y}[-/.]0?{m}[-/.]0?{d}(?![\da-fA-F])",  # not «2020-10/7d31f4…», a hash
        rf"(?<!\d){y}{m:02d}{d:02d}(?!\d)",
        rf"(?<!\d)0?{d}[-/.]0?{m}[-/.]{y}(?!\d)",
        rf"(?<!\d)0?{m}/0?{d}/{y}(?!\d)",
        rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日",
    )
    if any(re.search(pattern, source) for pattern in numeric):
        return True
    folded = source.casefold()
    names = "|".join(re.escape(name) for name in _month_names(m))
    day_number = rf"(?<!\d)0?{d}(?:st|nd|rd|th|er|º|\.)?(?!\d)"
    near_year = rf"[^<>]{{0,24}}?(?<!\d){y}(?!\d)"
    named = (rf"{day_number}\s*(?:de\s+|of\s+)?(?:{names})\w*\.?{near_year}",
             rf"(?:{names})\w*\.?\s+{day_number}{near_year}")
    return any(re.search(pattern, folded) for pattern in named)


# A UTC time this close to midnight is another day from UTC-3 or UTC+3 on.
NEAR_MIDNIGHT = timedelta(hours=3)


def utc_near_midnight(found_text: str) -> bool:
    """``2020-12-05T23:15:00+00:00``: given in UTC, within 3 hours of midnight."""
    match = re.match(r"\d{4}-\d\d-\d\dT(\d\d):(\d\d)(?::\d\d)?(?:Z|[+-]00:?00)$", found_text)
    if not match:
        return False
    since_midnight = timedelta(hours=int(match.group(1)), minutes=int(match.group(2)))
    return since_midnight < NEAR_MIDNIGHT or since_midnight > timedelta(days=1) - NEAR_MIDNIGHT


def notes(found_text: str, page_url: str, candidates: list[str],
          by_htmldate: bool, source: str) -> list[str]:
    """Report lines (each ending «check it») on why this date may be wrong."""
    found = day_of(found_text)
    if found is None:
        return []
    lines = []
    if utc_near_midnight(found_text):
        lines.append(f"date {found_text} is given in UTC near midnight: in the publisher's "
                     "time zone it may be the day before or after: check it")
    in_address = address_day(page_url)
    if in_address and in_address != found:
        lines.append(f"date {found_text}, but the page's address says {in_address}: check it")
    days = sorted({d for d in map(day_of, candidates) if d} - {found})
    if days:
        others = ", ".join(str(d) for d in days)
        lines.append(f"date {found_text}, but the page's metadata also say {others}: check it")
    if by_htmldate and not spelled(source, found):
        lines.append(f"date {found_text} found by htmldate is not written as a date "
                     "in the page: check it")
    return lines
