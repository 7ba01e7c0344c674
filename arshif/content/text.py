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

from babel import Locale

# Harakat, Quranic annotation marks and superscript alef.
TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
# Removed from displayed text: bidi embeddings/overrides/isolates (they can
# reorder what a reader sees), LRM/RLM/ALM, zero-width space, word joiner, BOM.
# ZWNJ and ZWJ (U+200C, U+200D) stay: Persian and Urdu words («وقفه‌های») and
# emoji sequences are spelled with them.
INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# What the search folding removes (mirrored by INVISIBLE in theme/static/js/search.js).
SEARCH_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# Also ignored in a tag's or author's identity: soft hyphen, combining
# grapheme joiner, variation selectors, Mongolian vowel separator, Hangul fillers.
KEY_IGNORABLE = re.compile("[\u00ad\u034f\u180e\ufe00-\ufe0f\u115f\u1160\u3164\uffa0"
                           "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
# Persian keheh and yeh are the same letters as Arabic kaf and yeh in a tag.
KEY_LETTERS = str.maketrans({"ک": "ك", "ی": "ي"})
WHITESPACE = re.compile(r"\s+")
# Characters no text of an article may hold: C0 and C1 controls (but tab and
# line breaks), surrogates and non-characters.  Atom (XML) cannot carry them
# at all, and they render as nothing or as boxes.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff"
                     "\ufdd0-\ufdef\ufffe\uffff]")
SEARCH_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
# Spellings a reader takes for one word (and search finds as one) but that
# stay two tags: ه/ة, ى/ي and hamza seats.
LOOSE_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                             "ئ": "ي", "ؤ": "و", "ء": ""})


def control_problem(value: str) -> str | None:
    """What to tell an editor whose text holds a control character, or None."""
    found = CONTROL.search(value)
    if found is None:
        return None
    return (f"contains the invisible control character U+{ord(found.group()):04X}, which is "
            "not allowed; delete it (or the escape that writes it)")


def clean(text: str) -> str:
    """NFC, without bidi controls and zero-width spaces, with runs of white
    space folded to one.  For display: the text as written."""
    text = unicodedata.normalize("NFC", text)
    text = INVISIBLE.sub("", text)
    return WHITESPACE.sub(" ", text).strip()


def strip_marks(text: str) -> str:
    """Remove tashkeel and tatweel."""
    return TASHKEEL.sub("", text).replace(TATWEEL, "")


def term_key(text: str) -> str:
    """Identity of a tag or author name: variants that differ only by
    tashkeel, tatweel, invisible or joining marks, presentation forms (NFKC:
    ﻻ is لا), Persian ی/ک for ي/ك, spacing or Latin case are equal."""
    text = KEY_IGNORABLE.sub("", unicodedata.normalize("NFKC", text))
    text = strip_marks(text).translate(KEY_LETTERS)
    return WHITESPACE.sub(" ", text).strip().casefold()


def loose_key(key: str) -> str:
    """Of a ``term_key``: equal for spellings that differ only by ه/ة, ى/ي
    or a hamza seat («الداخله»/«الداخلة», «الموانى»/«الموانئ»)."""
    return key.translate(LOOSE_FOLDS)


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
    text = SEARCH_INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return strip_marks(WHITESPACE.sub(" ", text).strip()).translate(SEARCH_FOLDS).lower()


ARABIC = Locale("ar")
# «مقال واحد», «مقالان», «3 مقالات», «11 مقالًا», «100 مقال»: the noun after an Arabic
# number, by the CLDR plural category of ``ar`` (n % 100 in 3–10 is "few",
# 11–99 "many"; 100, 101, 102… "other").
ARTICLE_COUNT = {"zero": "لا مقالات", "one": "مقال واحد", "two": "مقالان",
                 "few": "{n} مقالات", "many": "{n} مقالًا", "other": "{n} مقال"}


def article_count(n: int) -> str:
    """A number of articles in words, as a template filter (``|article_count``)."""
    return ARTICLE_COUNT[ARABIC.plural_form(n)].format(n=n)
