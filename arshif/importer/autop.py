"""WordPress post text as stored in an export -> HTML.

``content:encoded`` is what the editor typed: paragraphs separated by blank
lines, single newlines as line breaks, and shortcodes such as
``[caption]<img …> Caption[/caption]``.  WordPress adds the <p> tags only when
it displays a post (``wpautop``); this does the same for the importer.
"""

from __future__ import annotations

import re

BLOCK_START = re.compile(
    r"^<(?:/?)(?:address|article|aside|blockquote|details|div|dl|dd|dt|fieldset|figcaption|"
    r"figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|thead|tfoot|"
    r"tr|td|th|ul|iframe|script|style|noscript|!--)\b", re.I)
CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.S | re.I)
IMAGE_THEN_TEXT = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)
# Any other shortcode ([embed]…[/embed], [gallery ids=…]): its output cannot be rebuilt.
ENCLOSING = re.compile(r"\[(embed|video|audio|playlist|gallery)\b[^\]]*\].*?\[/\1\]", re.S | re.I)
SHORTCODE = re.compile(r"\[/?[a-z][a-z0-9_-]*(?:\s[^\]]*)?\]", re.I)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)


def _caption(match: re.Match) -> str:
    inner = IMAGE_THEN_TEXT.match(match.group(1))
    if not inner:
        return match.group(1)
    image, caption = inner.group(1), inner.group(2).strip()
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image}{caption_html}</figure>"


def to_html(content: str) -> str:
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    content = BLOCK_COMMENT.sub("", content)  # Gutenberg markers around blocks
    content = CAPTION.sub(_caption, content)
    content = ENCLOSING.sub("", content)
    content = SHORTCODE.sub("", content)
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", content):
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(paragraphs)
