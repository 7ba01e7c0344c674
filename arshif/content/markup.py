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


# A link or image address as written is a URL (``#`` and ``?`` keep their
# meaning, ``%23`` is a ``#`` of the file name); what a URL cannot hold as it
# is (a space, a ``%`` that starts no escape, quotes…) is percent-encoded so
# browsers load the file the editor meant.
NOT_IN_URL = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]|%(?![0-9A-Fa-f]{2})')


def _valid_url(url: str) -> str:
    if NOT_IN_URL.search(url) is None:
        return url
    return NOT_IN_URL.sub(lambda m: "%{:02X}".format(ord(m.group()[0])), url)


@lru_cache(maxsize=16)
def _cleaner(root: str) -> nh3.Cleaner:
    """``root`` is the relative path from the page to the site root, e.g.
    ``../../``: root-absolute links an editor wrote (``/images/x.jpg``)
    become relative, so the site also works opened from disk."""

    def relative(url: str):
        url = _valid_url(url)
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


# Elements whose content the HTML parser reads as text up to their own end
# tag: left open, the sanitiser drops the rest of the article (script,
# style) or shows it as markup.  <plaintext> never ends; <noscript> is raw
# text with scripting on, as html5ever (nh3) parses it.
RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed",
            "noframes", "plaintext")
RAW_OPEN = re.compile(r"<(%s)(?=[\s/>])[^>]*>" % "|".join(RAW_TEXT), re.I)
# Where a tag is only text: code (fenced, indented, inline), link
# destinations in <…> and HTML comments.  Anything this misses is still
# caught in the HTML (see render); this only keeps the Markdown around it.
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INDENTED = re.compile(r"^(?: {4}|\t)")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
LINK_DESTINATION = re.compile(r"\]\(\s*<[^>\n]*>")


def _blank(match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _masked(source: str) -> str:
    """``source`` with code and comments blanked (same length and lines)."""
    lines, fence = [], None
    for line in source.splitlines(keepends=True):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            lines.append(re.sub(r"[^\n]", " ", line))
        elif opening:
            fence = opening.group(1)
            lines.append(re.sub(r"[^\n]", " ", line))
        elif INDENTED.match(line):
            lines.append(re.sub(r"[^\n]", " ", line))
        else:
            lines.append(line)
    text = COMMENT.sub(_blank, "".join(lines))
    return LINK_DESTINATION.sub(_blank, CODE_SPAN.sub(_blank, text))


def _closes(text: str, name: str, start: int) -> re.Match | None:
    return re.compile(r"</%s[\s/>]" % name, re.I).search(text, start)


def unclosed_raw_text(text: str) -> list[re.Match]:
    """Opening tags of raw-text elements that nothing closes, in order (a
    closed one's content is skipped: no tag inside it counts)."""
    found, position = [], 0
    while True:
        match = RAW_OPEN.search(text, position)
        if match is None:
            return found
        name = match.group(1).lower()
        end = None if name == "plaintext" else _closes(text, name, match.end())
        if end is None:
            found.append(match)
            position = match.end()
        else:
            position = end.end()


def _drop(text: str, matches) -> str:
    """A space where each tag was: the pieces around it cannot join into a
    new tag (``<scr<script>ipt>``)."""
    for match in reversed(matches):
        text = text[:match.start()] + " " + text[match.end():]
    return text


def render(source: str, root: str = "", notes: list | None = None) -> str:
    """Markdown source -> typogrified (see TYPOGRIFY_OMIT) -> safe HTML.

    A raw-text element left open (``<style>`` with no ``</style>``) would
    take the rest of the article with it: its opening tag is dropped, and
    ``notes`` (when given) gets ``(tag name, offset in source or None)``."""
    unclosed = unclosed_raw_text(_masked(source)) if RAW_OPEN.search(source) else []
    if unclosed:
        source = _drop(source, unclosed)
    fragment = markdown_to_html(source)
    # Anything left (e.g. made by Markdown itself) is dropped from the HTML.
    late = unclosed_raw_text(COMMENT.sub("", fragment)) if RAW_OPEN.search(fragment) else []
    if late:
        fragment = _drop(COMMENT.sub("", fragment), late)
    if notes is not None:
        notes.extend((m.group(1).lower(), m.start()) for m in unclosed)
        notes.extend((m.group(1).lower(), None) for m in late)
    return sanitize(typography(fragment), root)


def raw_text_message(name: str) -> str:
    if name == "plaintext":
        return ("<plaintext> would turn the rest of the article into plain text; "
                "the tag was dropped and the text kept")
    return (f"<{name}> is never closed, so everything after it would be lost; "
            f"the tag was dropped and the text kept (close it with </{name}> or remove it)")


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
