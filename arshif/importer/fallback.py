"""The last resort of extraction: trafilatura for the main text (and title,
author, categories, tags), htmldate for the date, when a page's structured
sources (JSON-LD, Open Graph and ``article:*`` meta, WordPress markup) do
not give them.

Both libraries are given the parsed local page, never an address: a string
that starts with ``http`` would make them download it.  They are slower than
the structured readers (tens of milliseconds a page), so they run only for
the pages that need them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from arshif.content import text

# Both log a warning for every page they give up on; the import report says it once.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

MIN_TEXT = 120  # characters: less is a caption or a teaser, not an article


@dataclass
class MainText:
    html: str  # simplified HTML: p, h2…, ul/li, blockquote, table, a, img
    text_length: int
    title: str = ""
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def parse(source: str):
    """An lxml tree of the page (what both libraries take instead of text)."""
    try:
        return lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return None


def main_text(source: str, url: str = "") -> MainText | None:
    """trafilatura's main text of the page, or None when it finds none."""
    import trafilatura
    from trafilatura.htmlprocessing import convert_to_html

    tree = parse(source)
    if tree is None:
        return None
    try:
        document = trafilatura.bare_extraction(
            tree, url=url or None, with_metadata=True, include_comments=False,
            include_tables=True, include_images=True, include_links=True,
            include_formatting=True, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # noqa: BLE001 - a library failure is "nothing found", not a crash
        return None
    if document is None or document.body is None:
        return None
    length = len(text.clean(document.text or ""))
    if length < MIN_TEXT:
        return None
    html = etree.tostring(convert_to_html(document.body), encoding="unicode")
    return MainText(
        html=html,
        text_length=length,
        title=text.clean(document.title or ""),
        authors=[text.clean(a) for a in (document.author or "").split(";") if text.clean(a)],
        categories=[text.clean(c) for c in (document.categories or []) if text.clean(c)],
        tags=[text.clean(t) for t in (document.tags or []) if text.clean(t)],
    )


def find_date(source: str, url: str = "", extensive: bool = False) -> tuple[int, int, int] | None:
    """htmldate's publication date of the page, as ``(year, month, day)``.

    ``extensive=False`` reads metadata, markup and precise patterns only;
    ``True`` also guesses from the page's free text."""
    import htmldate

    tree = parse(source)
    if tree is None:
        return None
    # HTML comments are not the page: htmldate took «<!-- WyborczaSVG compiled:
    # 2020-01-17 11:05:06 -->» for the date of an article of the 31st.
    etree.strip_tags(tree, etree.Comment)  # the text after each comment stays
    try:
        found = htmldate.find_date(tree, url=url or None, extensive_search=extensive,
                                   original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001
        return None
    if not found:
        return None
    year, month, day = (int(part) for part in found.split("-"))
    return year, month, day
