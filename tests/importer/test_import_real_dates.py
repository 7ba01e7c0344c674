"""Issue #14's measurement: how many real news pages, in many languages,
import with the right publication day.

The pages are htmldate's "MediaCloud 2020" evaluation set, each cut to its
first 16,000 characters (tests/importer/fixtures/real/README.md, «dates/»);
their known days are in ``dates/expected*.json``.  Each page is read the way
``html_page.read_page`` reads it (same decoding and parser, then
``extract.read``), without the section mapping a full import would need.
Cut short, many pages lose their article text and a full import would
refuse them; their date is still read (``extract.read_date``, the same
reading) and the refusals are counted apart.

Each page is one of:

* right: the day the importer would write is the known day;
* none: no date found -- the import fails and its report says why;
* wrong with a note: another day, but the report says to check it;
* wrong silently: another day and nothing says so.  Must never happen;
* disputed: the page's own sources all give another day than the set, and
  the page shows the set is off (``DISPUTED``, with the evidence).

The summary also counts the pages whose cut still writes their known day
somewhere (``date_checks.spelled``): on the others no reader could find it.
"""

from __future__ import annotations

import json
import re
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path

import importer_testkit  # noqa: F401  (puts the project on sys.path)
from arshif.importer import date_checks, extract, nesting, page_kind
from arshif.importer.charset import decode_page

DATES = Path(__file__).parent / "fixtures" / "real" / "dates"
# The figure the issue asks for.  MEASURED_FLOOR is what the set reaches
# today (96 of 113 pages, 85.0%; 96 of the 100 whose saved part still writes
# their day): raise it as the importer gets better, never lower it to pass.
TARGET = 0.75
MEASURED_FLOOR = 0.849
# Pages where the set's day is not the page's, with the evidence.
DISPUTED = {
    "1727473717": "the live blog of IPL 2020's match 14 (Chennai v Hyderabad, Dubai), "
                  "played on 2 October 2020: every post's JSON-LD says 2020-10-02 (IST)",
    "1500330653": "a syndicated copy (?rsf=syn:…) of a realestate.com.au article whose byline "
                  "reads «21 Jan 2020» and whose pictures were uploaded at 2020/01/21/1032…",
}
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
LETTER = re.compile(r"[^\W\d_]")
HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z-]*)", re.I)


def expected_days() -> dict[str, str]:
    days = {}
    for path in sorted(DATES.glob("expected*.json")):
        for page_id, entry in json.loads(path.read_text(encoding="utf-8")).items():
            if entry.get("date"):
                days[page_id] = entry["date"]
    return days


def is_arabic(source: str, soup) -> bool:
    """``<html lang="ar…">``; without a language, mostly Arabic letters in the text."""
    langs = [lang.lower() for lang in HTML_LANG.findall(source) if lang]
    if langs:
        return any(lang == "ar" or lang.startswith("ar-") for lang in langs)
    words = (soup.body or soup).get_text(" ")
    letters = len(LETTER.findall(words))
    return letters > 0 and len(ARABIC_LETTER.findall(words)) > letters / 2


@dataclass
class Page:
    page_id: str
    known: str
    found: str = ""  # the date as it would be written, "" if none
    outcome: str = ""  # right, none, wrong-noted, wrong-silent
    why: str = ""
    arabic: bool = False
    refused: str = ""  # why a full import of the cut page refuses it
    spelled: bool = False  # the cut page still writes the known day somewhere


def read_date(page_id: str, known: str) -> Page:
    page = Page(page_id, known)
    source, _codec = decode_page((DATES / f"{page_id}.html").read_bytes())
    soup = nesting.parse(source)
    page.arabic = is_arabic(source, soup)
    page.spelled = date_checks.spelled(source, date.fromisoformat(known))
    facts = extract.read(soup, source)
    refused = facts.not_article or facts.problem or ("" if facts.title else "no title")
    if refused:
        # Cut to 16,000 characters, many pages lose their text: their date
        # is still read, as extract.read reads it, to measure the dates.
        page.refused = refused
        published, date_note, notes = extract.read_date(
            soup, source, facts.content or page_kind.content(soup))
    else:
        published, date_note, notes = facts.published, facts.date_note, facts.notes
    if published is None:
        page.outcome = "none"
        page.why = "no date" + (f": {date_note}" if date_note else "")
        return page
    page.found = published.text
    checks = [n for n in notes + [date_note] if "check it" in n]
    if page.found[:10] == known:
        page.outcome = "right"
    elif checks:
        page.outcome, page.why = "wrong-noted", checks[0]
    elif page_id in DISPUTED:
        page.outcome, page.why = "disputed", DISPUTED[page_id]
    else:
        page.outcome = "wrong-silent"
    return page


@dataclass
class Figures:
    pages: list[Page] = field(default_factory=list)

    def count(self, outcome: str, arabic: bool | None = None) -> int:
        return sum(p.outcome == outcome and (arabic is None or p.arabic == arabic)
                   for p in self.pages)

    def summary(self) -> str:
        total = len(self.pages)
        arabic = sum(p.arabic for p in self.pages)
        right = self.count("right")
        lines = [
            f"real news pages with known dates: {total}",
            f"  right day: {right} ({right / total:.1%}; target {TARGET:.0%})",
            f"  no date written: {self.count('none')}",
            f"  wrong day, report says check it: {self.count('wrong-noted')}",
            f"  wrong day written silently: {self.count('wrong-silent')}",
            f"  the set's day disputed by the page: {self.count('disputed')}",
            f"  pages whose cut still writes their day: {sum(p.spelled for p in self.pages)}, "
            f"right day: {sum(p.spelled and p.outcome == 'right' for p in self.pages)}",
            f"  Arabic pages: {arabic}, right day: {self.count('right', True)}",
            f"  (refused by a full import of the cut page: "
            f"{sum(bool(p.refused) for p in self.pages)})",
        ]
        for p in self.pages:
            if p.outcome != "right":
                lines.append(f"    {p.outcome:12} {p.page_id} known {p.known} found "
                             f"{p.found or '-'} {p.why}")
            if p.refused:
                lines.append(f"    {'':12} {p.page_id} refused: {p.refused[:70]}")
        return "\n".join(lines)


def test_how_many_real_news_pages_import_with_the_right_day():
    days = expected_days()
    saved = sorted(p.stem for p in DATES.glob("*.html") if p.stem in days)
    assert saved, "no page of dates/ has a known date"
    figures = Figures([read_date(page_id, days[page_id]) for page_id in saved])
    summary = figures.summary()
    print("\n" + summary)
    assert figures.count("wrong-silent") == 0, summary
    assert figures.count("right") / len(figures.pages) >= MEASURED_FLOOR, summary
    assert MEASURED_FLOOR >= TARGET
