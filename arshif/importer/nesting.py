"""Parse a saved page with bounded nesting.

Legacy pages open ``<font>`` (or ``<span>``, ``<b>``, ``<center>``…) for
every run of text and never close them: lxml nests them all, 1,500 or
20,000 levels deep.  Every later walk over such a tree (``find_parent``,
markdownify's recursion) costs its depth per element, and Python runs out
of stack.  Past ``FLATTEN_DEPTH`` levels the presentational wrappers are
dropped, keeping their text and everything else (one linear pass, then the
flat page is parsed again); a page still deeper than ``MAX_DEPTH`` (lists
or tables nested hundreds deep) is refused with ``TooDeep``.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

FLATTEN_DEPTH = 48
MAX_DEPTH = 128
# Wrappers that only style or group what they hold: past FLATTEN_DEPTH the
# words matter, not these.
PRESENTATIONAL = {
    "font", "span", "b", "i", "u", "s", "strike", "big", "small", "center", "tt", "em",
    "strong", "mark", "cite", "q", "abbr", "sub", "sup", "nobr", "ins", "del", "bdi",
    "bdo", "kbd", "samp", "var", "dfn", "blink", "marquee", "div", "section", "article",
    "aside", "blockquote", "label", "address",
}


class TooDeep(ValueError):
    pass


def parse(source: str, builder: str = "lxml") -> BeautifulSoup:
    soup = BeautifulSoup(source, builder)
    if depth(soup) <= FLATTEN_DEPTH:
        return soup
    soup = BeautifulSoup(flattened(soup), builder)
    deepest = depth(soup)
    if deepest > MAX_DEPTH:
        raise TooDeep(f"too deeply nested ({deepest} levels; at most {MAX_DEPTH} once "
                      f"font/span/div… wrappers are flattened)")
    return soup


def depth(root: Tag) -> int:
    """Deepest element nesting below ``root`` (without recursion)."""
    deepest = 0
    stack = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if level > deepest:
            deepest = level
        stack.extend((child, level + 1) for child in node.contents if isinstance(child, Tag))
    return deepest


def flattened(soup: BeautifulSoup) -> str:
    """The page as HTML, without the presentational tags nested deeper than
    FLATTEN_DEPTH kept elements (their content stays, in order)."""
    out: list[str] = []
    # (node, level of kept ancestors, closing tag or None); closing entries
    # are pushed before the children so they come out after them.
    stack: list[tuple[object, int, str | None]] = [
        (child, 0, None) for child in reversed(soup.contents)]
    while stack:
        node, level, closing = stack.pop()
        if closing is not None:
            out.append(closing)
            continue
        if not isinstance(node, Tag):
            if isinstance(node, NavigableString):
                out.append(node.output_ready("minimal"))
            continue
        keep = not (level >= FLATTEN_DEPTH and node.name in PRESENTATIONAL)
        inner = level + 1 if keep else level
        if keep:
            out.append(_start_tag(node))
            if not node.is_empty_element:
                stack.append((None, level, f"</{node.name}>"))
        stack.extend((child, inner, None) for child in reversed(node.contents))
    return "".join(out)


def _start_tag(tag: Tag) -> str:
    parts = [f"<{tag.name}"]
    for name, value in tag.attrs.items():
        if isinstance(value, list):
            value = " ".join(value)
        value = str(value).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        parts.append(f' {name}="{value}"')
    parts.append(">")
    return "".join(parts)
