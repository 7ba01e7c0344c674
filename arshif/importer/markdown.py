"""Cleaned HTML -> Markdown that reads well in an editor and renders back
to the same text through Arshif's Markdown."""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag
from markdownify import MarkdownConverter

BLOCKS = {"p", "div", "li", "td", "th", "blockquote", "h2", "h3", "h4", "h5", "h6", "section",
          "figcaption", "dd", "dt"}
# Text that Markdown would read as markup: "2023. سنة" at the start of a
# paragraph is a list, "<script>" in prose is an HTML tag.  Only these are
# escaped; escaping every '-' or '(' would make the files hard to edit.
LINE_START_MARKER = re.compile(r"^(\s*)(?:(\d+)([.)])|([-+*#>]))(?=\s)")
TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")


class _Converter(MarkdownConverter):
    """markdownify with line breaks as ``<br>``: Python-Markdown ignores the
    backslash form, and two trailing spaces vanish in any editor."""

    def convert_br(self, el, text, parent_tags):
        if "_inline" in parent_tags:
            return super().convert_br(el, text, parent_tags)
        return "<br>\n" + text


CONVERTER = _Converter(heading_style="ATX", bullets="-", escape_underscores=False,
                       table_infer_header=True)


def _escape_marker(match: re.Match) -> str:
    space, number, dot, sign = match.groups()
    return f"{space}{number}\\{dot}" if number else f"{space}\\{sign}"


def _protect_text(content: Tag) -> None:
    for string in list(content.find_all(string=True)):
        if string.find_parent(["pre", "code"]) is not None:
            continue
        value = TAG_LIKE.sub("&lt;", str(string))
        previous = string.previous_sibling
        starts_line = previous is None or getattr(previous, "name", "") == "br"
        if string.parent.name in BLOCKS and starts_line:
            value = LINE_START_MARKER.sub(_escape_marker, value)
        if value != str(string):
            string.replace_with(NavigableString(value))


def to_markdown(content: Tag) -> str:
    _protect_text(content)
    markdown = CONVERTER.convert_soup(content).replace("\u00a0", " ")
    lines = [line.rstrip() for line in markdown.splitlines()]
    markdown = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return markdown + "\n" if markdown else ""
