"""Arabic text normalisation shared by tags, slugs and search.

Tags are compared by a *key*: the same word written with or without tashkeel,
tatweel, bidi marks or extra spaces is one tag.  Slugs keep Arabic letters
(Pelican's default ASCII transliteration turns علم, ألم and عالم all into
``lm``), so distinct tags never share a page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Harakat, Quranic annotation marks and superscript alef.
TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
# Marks that change nothing visible but make two strings differ: bidi
# embeddings/isolates, LRM/RLM/ALM, zero-width characters, BOM.
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
WHITESPACE = re.compile(r"\s+")
SEARCH_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def clean(text: str) -> str:
    """NFC, without invisible marks, with runs of white space folded to one."""
    text = unicodedata.normalize("NFC", text)
    text = INVISIBLE.sub("", text)
    return WHITESPACE.sub(" ", text).strip()


def strip_marks(text: str) -> str:
    """Remove tashkeel and tatweel."""
    return TASHKEEL.sub("", text).replace(TATWEEL, "")


def term_key(text: str) -> str:
    """Identity of a tag or author name: variants that differ only by
    tashkeel, tatweel, invisible marks, spacing or Latin case are equal."""
    return strip_marks(clean(text)).casefold()


def slugify(text: str, max_length: int = 80) -> str:
    """A file-name-safe slug that keeps Arabic (and any other) letters.

    Every run of characters that is not a letter or digit becomes one ``-``.
    Text with no letters at all gets a short stable hash instead of an empty
    slug, so it still has a page of its own.
    """
    key = term_key(text)
    out = []
    dash = False
    for ch in key:
        if unicodedata.category(ch)[0] in "LN":
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    slug = "".join(out).strip("-")
    if len(slug.encode("utf-8")) > max_length:
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        cut = slug.encode("utf-8")[: max_length - 9].decode("utf-8", "ignore")
        slug = f"{cut.rstrip('-')}-{digest}"
    if not slug:
        slug = "t-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return slug


def search_normalize(text: str) -> str:
    """The folding used by the offline search index, mirrored by
    ``normalize()`` in theme/static/js/search.js (shared test vectors in
    tests/search_vectors.json): tashkeel and tatweel removed, أ إ آ ٱ -> ا,
    ة -> ه, ى -> ي.  ``lower()`` rather than ``casefold()``, to match JS's
    ``toLowerCase()``."""
    return strip_marks(clean(text)).translate(SEARCH_FOLDS).lower()
