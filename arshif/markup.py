"""Article body: Markdown -> typogrify -> sanitised HTML.

One Markdown instance per process is reused (Pelican builds a new one per
file, which is a large part of its read time).  Raw HTML is allowed in
Markdown but goes through an nh3 allowlist that keeps ``dir``, ``lang`` and
``<bdi>`` for mixed-direction text, drops scripts, event handlers and
``javascript:`` URLs, and never lets an image be loaded from another site.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote
from functools import lru_cache

import markdown
import nh3
from typogrify.filters import typogrify

MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]

ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
    "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
}
ALLOWED_ATTRIBUTES = {
    "*": {"dir", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "reversed"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "time": {"datetime"},
    "sup": {"id"},
    "li": {"id"},
}
ALLOWED_CLASSES = {  # nh3 wants "class" out of ALLOWED_ATTRIBUTES for these
    # typogrify's markup and the footnotes extension's container.
    "span": {"amp", "caps", "dquo", "quo"},
    "div": {"footnote"},
}
URL_SCHEMES = {"http", "https", "mailto"}
FOOTNOTE_ID = re.compile(r"^fn(ref)?:[\w-]+$")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=MARKDOWN_EXTENSIONS,
        extension_configs={"footnotes": {"BACKLINK_TITLE": "العودة إلى موضع الحاشية %d"}},
        output_format="html",
    )


def markdown_to_html(source: str) -> str:
    md = _markdown()
    md.reset()
    return md.convert(source)


def _attribute_filter(tag: str, attribute: str, value: str):
    if attribute == "id":
        return value if FOOTNOTE_ID.match(value) else None
    if tag == "img" and attribute == "src" and EXTERNAL.match(value):
        return None  # never load anything from another site
    return value


@lru_cache(maxsize=16)
def _cleaner(root: str) -> nh3.Cleaner:
    """``root`` is the relative path from the page to the site root, e.g.
    ``../../``: root-absolute links an editor wrote (``/images/x.jpg``)
    become relative, so the site also works opened from disk."""

    def relative(url: str):
        if url.startswith("/") and not url.startswith("//"):
            return root + url.lstrip("/") if root else url.lstrip("/")
        return url

    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        url_relative=relative,
        link_rel="noopener noreferrer",
    )


TABLE_WRAP = '<section class="table-wrap" tabindex="0" aria-label="جدول">'


def sanitize(fragment: str, root: str = "") -> str:
    html_out = _cleaner(root).clean(fragment)
    # An <img> whose only source was removed is an empty box: drop it.
    html_out = re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", html_out)
    # Wide tables scroll inside a focusable region instead of widening the
    # page (added after sanitising: nh3 has already normalised every <table>).
    return html_out.replace("<table>", TABLE_WRAP + "<table>").replace("</table>", "</table></section>")


# typogrify's filters minus two.  smartypants turns both quotes after و/ب
# into closing quotes.  widont (a no-break space before each paragraph's last
# word) was half of typogrify's time on an article; the theme asks the browser
# for the same with `text-wrap: pretty`, which also costs no bytes.
TYPOGRIFY_OMIT = {"smartypants": False, "widont": False}
# What each remaining filter needs to find before it can change anything: an
# Arabic article mostly has no Latin capital, ampersand or straight quote, and
# then typogrify's tokenising is skipped.  The output is the same either way
# (tests compare with typogrify itself).
TYPOGRIFY_TRIGGERS = {
    "amp": re.compile(r"&"),
    "caps": re.compile(r"[A-Z]"),
    "initial_quotes": re.compile(r"[\"'&]"),
}


def typography(fragment: str) -> str:
    wanted = {name: bool(trigger.search(fragment))
              for name, trigger in TYPOGRIFY_TRIGGERS.items()}
    if not any(wanted.values()):
        return fragment
    return typogrify(fragment, ignore_tags=["pre", "code"], **TYPOGRIFY_OMIT, **wanted)


def render(source: str, root: str = "") -> str:
    """Markdown source -> typogrified (see TYPOGRIFY_OMIT) -> safe HTML."""
    return sanitize(typography(markdown_to_html(source)), root)


IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"')


def local_images(fragment: str, page_url: str) -> list[str]:
    """Site paths of the images a sanitised body loads (external ones are
    already gone), so the build can check that each is a file of the site."""
    folder = posixpath.dirname(page_url)
    found = []
    for src in IMG_SRC.findall(fragment):
        path = html.unescape(src).split("#")[0].split("?")[0]
        found.append(posixpath.normpath(posixpath.join(folder, unquote(path))))
    return found


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")


def offset_after_paragraph(fragment: str, count: int) -> int:
    """Character offset just after the ``count``-th top-level ``</p>``; the end
    of the fragment when it has fewer paragraphs.  Works on sanitised HTML,
    which is well-formed."""
    if count <= 0:
        return 0
    depth = 0
    seen = 0
    for match in TAG.finditer(fragment):
        closing, name, selfclose = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID or selfclose:
            continue
        if closing:
            depth -= 1
            if depth == 0 and name == "p":
                seen += 1
                if seen == count:
                    return match.end()
        else:
            depth += 1
    return len(fragment)


WORDS_IN_SUMMARY = 35
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
ANY_TAG = re.compile(r"<[^>]+>")


def summary_from_html(fragment: str, words: int = WORDS_IN_SUMMARY) -> str:
    """Plain text of the first paragraph, cut at a word boundary."""
    match = FIRST_PARAGRAPH.search(fragment)
    if not match:
        return ""
    text = html.unescape(ANY_TAG.sub("", match.group(1)))
    text = " ".join(text.split())
    parts = text.split(" ")
    if len(parts) <= words:
        return text
    return " ".join(parts[:words]) + "…"
