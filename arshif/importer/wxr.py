"""WordPress export (WXR) -> candidate articles and static pages.

Posts (``wp:post_type`` post) are articles; pages become static pages
(``content/pages/``); attachments give the featured image's address and
caption; menu items and the rest are counted and reported in one line.
Private, draft, pending, scheduled and password-protected posts are imported
as drafts: never published.  The ``wp`` namespace changes with the export
version (1.0, 1.1, 1.2), so elements are matched by local name and namespace
family.

An export is parsed strictly: one that is cut short or damaged is reported
with the parser's line and column and the number of posts read before it
(those are imported; nothing after the damage is guessed at).  Characters
XML forbids (control characters) are removed first, and reported.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from arshif.content import text
from arshif.importer import autop, body as body_mod, datetimes, nesting
from arshif.importer.candidate import ARTICLE, PAGE, SKIPPED, Candidate, Outcome, body_fields
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


# What XML 1.0 forbids, as an export can hold it (pasted from Word, a bad
# plugin): C0 controls other than tab, newline and return, and U+FFFE/U+FFFF,
# in UTF-8 bytes (each a single byte or that exact sequence, never part of
# another character), or as character references.  A strict parser stops at
# the first one; lxml's recover mode instead abandons the CDATA section it is
# in and re-reads the rest as markup, which is how a post with two of them
# became "]>".  They are removed before parsing, and the report says so.
INVALID_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
INVALID_REFERENCES = re.compile(
    rb"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])"
    rb"|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45]));")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class Parsed:
    is_wxr: bool = False
    items: list = field(default_factory=list)  # Item of every complete <item>
    authors: dict = field(default_factory=dict)
    damage: tuple[int, int, str] | None = None  # line, column, message of the parser


def without_invalid_characters(data: bytes) -> tuple[bytes, list[int]]:
    """``(data without the characters XML forbids, the line of each one removed)``."""
    if data.startswith(UTF16_BOMS):
        return data, []
    lines, last, line = [], 0, 1
    for pattern in (INVALID_BYTES, INVALID_REFERENCES):
        for match in pattern.finditer(data):
            lines.append(match.start())
    if not lines:
        return data, []
    numbered = []
    for offset in sorted(lines):
        line += data.count(b"\n", last, offset)
        last = offset
        numbered.append(line)
    data = INVALID_REFERENCES.sub(b"", INVALID_BYTES.sub(b"", data))
    return data, numbered


def parse(data: bytes) -> Parsed:
    """Parse strictly, keeping every <item> read before the first error (a
    truncated export still gives the posts before the cut, and only those:
    nothing the parser had to guess at)."""
    parsed = Parsed()
    # No entities, no network: an export is data, never instructions to fetch files.
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False,
                             no_network=True, huge_tree=True, load_dtd=False)
    try:
        for event, element in events:
            if not isinstance(element.tag, str):
                continue
            if event == "start":
                if not parsed.is_wxr and any(_family(ns or "") == "wp"
                                             for ns in element.nsmap.values()):
                    parsed.is_wxr = True
                continue
            parent = element.getparent()
            if parent is None or etree.QName(parent).localname != "channel":
                continue
            name = etree.QName(element)
            if name.localname == "item":
                parsed.items.append(Item(element))
            elif name.localname == "author" and _family(name.namespace or "") == "wp":
                author = Item(element)
                parsed.authors[author.get("wp", "author_login")] = \
                    author.get("wp", "author_display_name")
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        message = (exc.msg or "").splitlines()[0] if exc.msg else "not well-formed"
        message = re.sub(r",? line \d+, column \d+$", "", message).strip()
        parsed.damage = (line, column, message)
    if not parsed.is_wxr:
        parsed.is_wxr = any(key[0] == "wp" for item in parsed.items for key in item.values)
    return parsed


def read_export(path: Path, origin: str, context: ReadContext,
                root: Path | None = None) -> list[Candidate | Outcome]:
    """``root``: the folder being imported; images are read only from inside
    it (and from ``context.uploads``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [failed(origin, f"unreadable: {exc.strerror}")]
    data, removed_lines = without_invalid_characters(data)
    parsed = parse(data)
    if not parsed.is_wxr:
        why = "not a WordPress export (WXR)"
        if parsed.damage:
            why += f" (and not well-formed XML: line {parsed.damage[0]}, column {parsed.damage[1]})"
        return [Outcome(SKIPPED, origin, why)]
    items = parsed.items
    attachments = {i.get("wp", "post_id"): i for i in items
                   if i.get("wp", "post_type") == "attachment"}
    removed = _removed_by_item(items, removed_lines)
    results: list[Candidate | Outcome] = []
    others = Counter()
    for item in items:
        kind = item.get("wp", "post_type") or "post"
        if kind not in ("post", "page"):
            others[kind] += 1
            continue
        result = _read_post(item, path, origin, context, parsed.authors, attachments, root,
                            page=kind == "page")
        lines = removed.pop(id(item), [])
        if lines:
            note = _removal_note(lines)
            if isinstance(result, Candidate):
                result.notes.append(note)
            else:
                result.note = "; ".join(filter(None, [result.note, note]))
        results.append(result)
    listed = ", ".join(f"{count} {kind}" for kind, count in sorted(others.items()))
    elsewhere = sorted(line for lines in removed.values() for line in lines)
    if listed or elsewhere:
        reason = f"not articles: {listed}" if listed else "nothing else to import"
        if elsewhere:
            reason += f"; {_removal_note(elsewhere)}"
        results.append(Outcome(SKIPPED, origin, reason))
    if parsed.damage:
        line, column, message = parsed.damage
        posts = sum(1 for i in items if (i.get("wp", "post_type") or "post") == "post")
        results.append(failed(origin, (
            f"not well-formed XML at line {line}, column {column} ({message}): the export is "
            f"cut short or damaged; {posts} post{'s' if posts != 1 else ''} read before that "
            "point, nothing after it (export the site again, or repair the file and re-run)")))
    return results


def _removed_by_item(items: list, lines: list[int]) -> dict:
    """The removed characters' lines, by the item they were in (``None``:
    outside every item)."""
    starts = sorted(((i.element.sourceline or 0), id(i)) for i in items)
    found: dict = {}
    for line in lines:
        owner = None
        for start, key in starts:
            if start > line:
                break
            owner = key
        found.setdefault(owner, []).append(line)
    return found


def _removal_note(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in sorted(set(lines))[:5])
    return (f"removed {len(lines)} character{'s' if len(lines) != 1 else ''} XML does not allow "
            f"(invisible control characters; line {shown})")


def _read_post(item: Item, path: Path, origin: str, context: ReadContext, authors: dict,
               attachments: dict, root: Path | None = None,
               page: bool = False) -> Candidate | Outcome:
    """A post (an article) or, with ``page``, a WordPress page (a static page)."""
    post_id = item.get("wp", "post_id")
    title = text.clean(html.unescape(item.get("", "title")))
    where = f"{origin}#{'page' if page else 'post'}-{post_id}" + (f" «{title}»" if title else "")
    status = item.get("wp", "status") or "publish"
    if status in NOT_POSTS:
        return Outcome(SKIPPED, where, f"not an article: {NOT_POSTS[status]}")
    # Never public on the old site: imported as a draft, never published.
    protected = bool(item.get("wp", "post_password"))
    hidden = status in DRAFT_STATUSES or protected
    if page and hidden:
        why = "password-protected" if protected else f"«{status}»"
        return Outcome(SKIPPED, where, f"a {why} page on the old site: static pages cannot be "
                                       "drafts, so it is not imported (copy it by hand if needed)")
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
    section = None
    if not page:
        section, problem = context.section_or_failure([[c for c in categories if c]], where)
        if problem:
            return problem
    link = item.get("", "link")
    url = link if is_web_url(link) else item.get("", "guid")
    url = url if is_web_url(url) else ""
    locator = ImageLocator(path, root, context.uploads)
    lead = None if page else _featured(item, attachments, locator)
    try:
        content = body_mod.fragment(autop.to_html(item.get("content", "encoded")))
    except nesting.TooDeep as exc:
        return failed(where, str(exc))
    converted = body_mod.convert(content, body_mod.Context(title=title, page_url=url or None,
                                                           locator=locator, lead=lead))
    if page and converted.lead is not None:
        # A static page has no lead picture: the one it opens with stays in its text.
        _lead_back_into_body(converted, locator)
    creator = item.get("dc", "creator")
    author = authors.get(creator) or creator
    notes = list(locator.refusals)
    if protected:
        notes.append("kept as a draft: password-protected on the old site")
    elif status in DRAFT_STATUSES and status != "draft":
        notes.append(f"kept as a draft: «{status}» on the old site")
    return Candidate(
        origin=where,
        source_file=path,
        title=title,
        date=date,
        modified=modified,
        section=section,
        tags=[] if page else tags,
        authors=[text.clean(author)] if text.clean(author) and not page else [],
        summary="" if page else _plain(item.get("excerpt", "encoded")),
        dateline="" if page else converted.dateline,
        source="" if page else converted.source,
        original_url=url,
        status="draft" if hidden else "published",
        slug_hint=sanitize_slug(item.get("wp", "post_name")),
        notes=notes,
        kind=PAGE if page else ARTICLE,
        missing_images=list(locator.missing),
        **body_fields(converted),
    )


def _lead_back_into_body(converted, locator: ImageLocator) -> None:
    lead, converted.lead = converted.lead, None
    if lead.file is not None:
        token = "arshif-image:lead"
        converted.images[token] = lead.file
        alt = re.sub(r"[\[\]]", "", lead.caption)
        converted.markdown = f"![{alt}]({token})\n\n" + converted.markdown
    else:
        locator.not_found(lead.url)


def _featured(item: Item, attachments: dict, locator: ImageLocator) -> LeadImage | None:
    attachment = attachments.get(item.meta("_thumbnail_id"))
    if attachment is None:
        return None
    url = attachment.get("wp", "attachment_url") or attachment.get("", "guid")
    caption = _plain(attachment.get("excerpt", "encoded"))
    return LeadImage(locator.find(url), url if is_web_url(url) else "", caption)


def _plain(fragment: str) -> str:
    return text.clean(html.unescape(re.sub(r"<[^>]+>", " ", fragment or "")))
