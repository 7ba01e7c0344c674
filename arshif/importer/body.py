"""The article's own content element -> clean Markdown.

What goes: scripts and embeds, ads, share bars, newsletter forms, comments,
navigation, «آخر الأخبار»-style widgets, the tag list, and inline «إقرأ
أيضًا» lists (their links are kept aside: they become ``related``).  What
stays: paragraphs, headings, quotes, lists, tables, links and the pictures
the saved copy has.  The opening «الرباط-متابعة» becomes
``dateline``/``source``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bs4 import Comment, Tag

from arshif.importer import blocks, boilerplate, cleanup, dateline, nesting, pictures
from arshif.importer.images import ImageLocator
from arshif.importer.markdown import to_markdown
from arshif.importer.pictures import LeadImage
from arshif.importer.urls import absolute, is_web_url

KEEP_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}, "td": {"colspan", "rowspan"},
                   "th": {"colspan", "rowspan"}, "ol": {"start"}}
EMPTY_WHEN_TEXTLESS = ["p", "div", "span", "li", "ul", "ol", "blockquote", "strong", "b", "em",
                       "i", "section", "figure", "h2", "h3", "h4", "h5", "h6"]


@dataclass
class Body:
    markdown: str = ""
    images: dict[str, Path] = field(default_factory=dict)  # token -> local file
    read_also: list[str] = field(default_factory=list)  # hrefs as written in the page
    dateline: str = ""
    source: str = ""
    lead: LeadImage | None = None


@dataclass
class Context:
    title: str
    page_url: str | None
    locator: ImageLocator
    lead: LeadImage | None = None  # the page's lead picture, found outside the body
    authors: list[str] = field(default_factory=list)  # a byline repeating them is dropped


def fragment(html: str) -> Tag:
    """Parse an HTML fragment (a WXR post) into one element; a stray
    ``</div>`` in the fragment cannot close a wrapper that is not there."""
    soup = nesting.parse(html or "<p></p>")  # nesting.TooDeep past its limit
    return soup.body or soup


def convert(content: Tag, context: Context) -> Body:
    """Clean ``content`` in place and convert it.  Call once per element."""
    body = Body()
    for comment in content.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    # Read-also lists first: themes often put them in an <aside>, dropped next.
    found = blocks.find_blocks(content, blocks.READ_ALSO_LABELS)
    found += [blocks.Block([e]) for e in content.find_all(class_=boilerplate.READ_ALSO_CLASS)]
    for block in found:
        if not block.elements[0].decomposed:
            body.read_also += [a["href"].strip() for a in block.links]
            block.remove()
    boilerplate.drop(content)
    for labels, plain in ((blocks.WIDGET_LABELS, False), (blocks.TAG_LABELS, True)):
        for block in blocks.find_blocks(content, labels, plain_text=plain):
            block.remove()
    _fix_headings(content, context.title)
    cleanup.clean(content, context.authors)
    body.images, body.lead = pictures.place(content, context.locator, context.page_url, context.lead)
    _fix_links(content, context.page_url)
    body.dateline, body.source = dateline.take(content)
    _drop_empty(content)
    body.markdown = to_markdown(content)
    return body


def _fix_headings(content: Tag, title: str) -> None:
    """The title is in front matter; a body heading is at most <h2>."""
    wanted = blocks.norm(title)
    for heading in content.find_all(["h1", "h2"]):
        if blocks.norm(heading.get_text(" ")) == wanted:
            heading.decompose()
        elif heading.name == "h1":
            heading.name = "h2"


def _fix_links(content: Tag, page_url: str | None) -> None:
    for link in content.find_all("a"):
        href = (link.get("href") or "").strip()
        target = absolute(href, page_url) if href and not href.startswith("#") else ""
        if not (is_web_url(target) or target.startswith("mailto:")):
            link.unwrap()  # an anchor, a script or a file of the saved copy: keep the words
            continue
        link["href"] = target
    for element in content.find_all(True):
        allowed = KEEP_ATTRIBUTES.get(element.name, set())
        element.attrs = {k: v for k, v in element.attrs.items() if k in allowed}


def _drop_empty(content: Tag) -> None:
    for element in reversed(content.find_all(EMPTY_WHEN_TEXTLESS)):
        if element.decomposed:
            continue
        if not element.get_text(strip=True) and not element.find(["img", "hr", "table"]):
            element.decompose()
