"""The opening «الرباط-متابعة» of a news story: place and source, written
before the first sentence.  Arshif shows them from front matter, so they are
taken out of the body.

A dash after the first words is not enough to call them a dateline («كوفيد-19
يعود…», «قال-حسب المصدر…»): the source must be set apart (bold, or followed
by ':') or be one of the usual source words.
"""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag

from arshif.content import text
from arshif.importer.blocks import norm

KNOWN_SOURCES = ("متابعة", "متابعات", "خاص", "وكالات", "مراسلة", "مراسل", "و.م.ع", "ومع",
                 "الأناضول", "رويترز", "أ ف ب", "فرانس برس", "بلاغ", "مواقع")
KNOWN = {norm(s) for s in KNOWN_SOURCES}
WORD = r"[^\W\d_]{2,}"
PLACE = rf"{WORD}(?:\s+{WORD}){{0,2}}"
DASH = r"\s*[-–—]\s*"
SOURCE_WORD = r"[^\W\d_](?:[^\W\d_]|\.(?=[^\W\d_]))*\.?"
SEPARATED = re.compile(rf"^\s*({PLACE}){DASH}({SOURCE_WORD}(?:\s+{SOURCE_WORD})?)\s*[:.،|]?\s*$")
KNOWN_ALTERNATIVES = "|".join(re.escape(s) for s in sorted(KNOWN_SOURCES, key=len, reverse=True))
OPENING = re.compile(
    rf"^\s*({PLACE}){DASH}(?:({KNOWN_ALTERNATIVES})(?=[\s:.،|]|$)|({SOURCE_WORD})(?=\s*[:|]))"
    r"\s*[:.،|]?\s*")
LEADING_PUNCTUATION = re.compile(r"^[\s:.،|–—-]+")


def take(content: Tag) -> tuple[str, str]:
    """Remove the dateline from the first paragraph: ``(place, source)``."""
    paragraph = _first_paragraph(content)
    if paragraph is None:
        return "", ""
    first = next((c for c in paragraph.children
                  if not (isinstance(c, NavigableString) and not c.strip())), None)
    if isinstance(first, Tag) and first.name in ("strong", "b"):
        match = SEPARATED.match(first.get_text())
        if match:
            first.decompose()
            _strip_leading_punctuation(paragraph)
            return text.clean(match.group(1)), text.clean(match.group(2))
    match = OPENING.match(paragraph.get_text())
    if not match:
        return "", ""
    _remove_chars(paragraph, match.end())
    return text.clean(match.group(1)), text.clean(match.group(2) or match.group(3))


def _first_paragraph(content: Tag) -> Tag | None:
    for paragraph in content.find_all("p"):
        if any(p.name in ("blockquote", "figure", "table", "li") for p in paragraph.parents):
            continue
        if paragraph.get_text(strip=True):
            return paragraph
    return None


def _remove_chars(paragraph: Tag, count: int) -> None:
    """Drop the first ``count`` characters of the paragraph's text, across
    inline elements (the dateline may be half bold)."""
    for string in list(paragraph.find_all(string=True)):
        if count <= 0:
            break
        if len(string) <= count:
            count -= len(string)
            string.extract()
        else:
            string.replace_with(string[count:])
            count = 0


def _strip_leading_punctuation(paragraph: Tag) -> None:
    for string in list(paragraph.find_all(string=True)):
        stripped = LEADING_PUNCTUATION.sub("", str(string))
        if stripped:
            string.replace_with(stripped)
            return
        string.extract()
