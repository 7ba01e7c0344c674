"""WordPress export (WXR) -> candidate articles.

Posts (``wp:post_type`` post) are articles; attachments give the featured
image's address and caption; pages, menu items and the rest are counted and
reported in one line.  The ``wp`` namespace changes with the export version
(1.0, 1.1, 1.2), so elements are matched by local name and namespace family.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from lxml import etree

from arshif import text
from arshif.importer import autop, body as body_mod, datetimes, nesting
from arshif.importer.candidate import SKIPPED, Candidate, Outcome, body_fields
from arshif.importer.context import ReadContext, failed
from arshif.importer.images import ImageLocator
from arshif.importer.pictures import LeadImage
from arshif.importer.urls import is_web_url, sanitize_slug

DRAFT_STATUSES = {"draft", "pending", "private", "future"}  # never public on the old site
NOT_POSTS = {"trash": "in the trash", "auto-draft": "an empty auto-draft", "inherit": "a revision"}


def _family(namespace: str) -> str:
    if "purl.org/rss/1.0/modules/content" in namespace:
        return "content"
    if namespace.rstrip("/").endswith("excerpt"):
        return "excerpt"
    if "wordpress.org/export" in namespace:
        return "wp"
    if "purl.org/dc/elements" in namespace:
        return "dc"
    return namespace


class Item:
    """The child elements of an <item> or <wp:author>, by (family, local name)."""

    def __init__(self, element):
        self.element = element
        self.values: dict[tuple[str, str], list] = {}
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child)
            self.values.setdefault((_family(name.namespace or ""), name.localname), []).append(child)

    def get(self, family: str, name: str) -> str:
        found = self.values.get((family, name))
        return (found[0].text or "").strip() if found else ""

    def all(self, family: str, name: str) -> list:
        return self.values.get((family, name), [])

    def meta(self, key: str) -> str:
        for element in self.all("wp", "postmeta"):
            meta = Item(element)
            if meta.get("wp", "meta_key") == key:
                return meta.get("wp", "meta_value")
        return ""


def read_export(path: Path, origin: str, context: ReadContext,
                root: Path | None = None) -> list[Candidate | Outcome]:
    """``root``: the folder being imported; images are read only from inside it."""
    # No entities, no network: an export is data, never instructions to fetch files.
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    try:
        document = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        return [failed(origin, f"unreadable: {exc}")]
    channel = document.find("channel") if document is not None else None
    if channel is None or not any(
            isinstance(e.tag, str) and _family(etree.QName(e).namespace or "") == "wp"
            for e in channel.iter()):
        return [Outcome(SKIPPED, origin, "not a WordPress export (WXR)")]
    authors = {}
    for element in channel:
        if isinstance(element.tag, str) and etree.QName(element).localname == "author":
            author = Item(element)
            authors[author.get("wp", "author_login")] = author.get("wp", "author_display_name")
    items = [Item(e) for e in channel.findall("item")]
    attachments = {i.get("wp", "post_id"): i for i in items
                   if i.get("wp", "post_type") == "attachment"}
    results: list[Candidate | Outcome] = []
    others = Counter()
    for item in items:
        kind = item.get("wp", "post_type") or "post"
        if kind != "post":
            others[kind] += 1
            continue
        results.append(_read_post(item, path, origin, context, authors, attachments, root))
    if others:
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(others.items()))
        results.append(Outcome(SKIPPED, origin, f"not articles: {listed}"))
    return results


def _read_post(item: Item, path: Path, origin: str, context: ReadContext, authors: dict,
               attachments: dict, root: Path | None = None) -> Candidate | Outcome:
    post_id = item.get("wp", "post_id")
    title = text.clean(html.unescape(item.get("", "title")))
    where = f"{origin}#post-{post_id}" + (f" «{title}»" if title else "")
    status = item.get("wp", "status") or "publish"
    if status in NOT_POSTS:
        return Outcome(SKIPPED, where, f"not an article: {NOT_POSTS[status]}")
    if not title:
        return failed(where, "no title")
    date = datetimes.from_wordpress(item.get("wp", "post_date"), item.get("wp", "post_date_gmt"),
                                    context.timezone)
    if date is None:
        return failed(where, "no date (wp:post_date is empty)")
    modified = datetimes.from_wordpress(item.get("wp", "post_modified"),
                                        item.get("wp", "post_modified_gmt"), context.timezone)
    categories, tags = [], []
    for element in item.all("", "category"):
        name = text.clean(element.text or "")
        if element.get("domain") == "category":
            categories += [name, element.get("nicename") or ""]
        elif element.get("domain") == "post_tag" and name:
            tags.append(name)
    section, problem = context.section_or_failure([[c for c in categories if c]], where)
    if problem:
        return problem
    link = item.get("", "link")
    url = link if is_web_url(link) else item.get("", "guid")
    url = url if is_web_url(url) else ""
    locator = ImageLocator(path, root)
    lead = _featured(item, attachments, locator)
    try:
        content = body_mod.fragment(autop.to_html(item.get("content", "encoded")))
    except nesting.TooDeep as exc:
        return failed(where, str(exc))
    converted = body_mod.convert(content, body_mod.Context(title=title, page_url=url or None,
                                                           locator=locator, lead=lead))
    creator = item.get("dc", "creator")
    author = authors.get(creator) or creator
    return Candidate(
        origin=where,
        source_file=path,
        title=title,
        date=date,
        modified=modified,
        section=section,
        tags=tags,
        authors=[text.clean(author)] if text.clean(author) else [],
        summary=_plain(item.get("excerpt", "encoded")),
        dateline=converted.dateline,
        source=converted.source,
        original_url=url,
        status="draft" if status in DRAFT_STATUSES else "published",
        slug_hint=sanitize_slug(item.get("wp", "post_name")),
        notes=locator.refusals,
        **body_fields(converted),
    )


def _featured(item: Item, attachments: dict, locator: ImageLocator) -> LeadImage | None:
    attachment = attachments.get(item.meta("_thumbnail_id"))
    if attachment is None:
        return None
    url = attachment.get("wp", "attachment_url") or attachment.get("", "guid")
    caption = _plain(attachment.get("excerpt", "encoded"))
    return LeadImage(locator.find(url), url if is_web_url(url) else "", caption)


def _plain(fragment: str) -> str:
    return text.clean(html.unescape(re.sub(r"<[^>]+>", " ", fragment or "")))
