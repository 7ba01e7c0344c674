"""One saved HTML page -> a candidate article, or the reason it is not one."""

from __future__ import annotations

import re
from pathlib import Path

from arshif.importer import body as body_mod
from arshif.importer import extract, nesting
from arshif.importer.candidate import SKIPPED, Candidate, Outcome, body_fields
from arshif.importer.charset import UnreadableError, decode_page
from arshif.importer.context import ReadContext, failed
from arshif.importer.images import ImageLocator
from arshif.importer.urls import slug_from_url

LOOKS_LIKE_HTML = re.compile(r"<\s*(html|head|body|div|p|article|meta|title)\b", re.I)


def read_page(path: Path, origin: str, context: ReadContext,
              root: Path | None = None) -> Candidate | Outcome:
    """``root``: the folder being imported; images are read only from inside it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return failed(origin, f"unreadable: {exc.strerror}")
    try:
        source, _codec = decode_page(data)
    except UnreadableError as exc:
        return failed(origin, f"unreadable: {exc}")
    if not LOOKS_LIKE_HTML.search(source[:100_000]):
        return failed(origin, "unreadable: not an HTML page")
    # lxml repairs unclosed and truncated markup the way browsers do
    # (and nesting.parse flattens what it nests thousands deep).
    try:
        soup = nesting.parse(source)
    except nesting.TooDeep as exc:
        return failed(origin, str(exc))
    facts = extract.read(soup, source, context.content_selector, context.timezone)
    if facts.not_article:
        return Outcome(SKIPPED, origin, facts.not_article)
    if facts.problem:
        return failed(origin, facts.problem)
    if not facts.title:
        return failed(origin, "no title")
    if facts.published is None:
        why = (f": {facts.date_note}" if facts.date_note
               else " (no publication date in JSON-LD, meta, the page or htmldate's search)")
        return failed(origin, f"no date{why}")
    section, problem = context.section_or_failure(facts.category_groups, origin)
    if problem:
        return problem
    locator = ImageLocator(path, root)
    lead = facts.lead
    if lead is not None:
        lead.file = next((found for s in facts.lead_sources if (found := locator.find(s))), None)
    converted = body_mod.convert(facts.content, body_mod.Context(
        title=facts.title, page_url=facts.original_url or None, locator=locator, lead=lead,
        authors=facts.authors))
    return Candidate(
        origin=origin,
        source_file=path,
        title=facts.title,
        date=facts.published,
        modified=facts.modified,
        section=section,
        tags=facts.tags,
        authors=facts.authors,
        summary=_without_dateline(facts.summary, converted),
        dateline=facts.dateline or converted.dateline,
        source=converted.source or facts.source,
        original_url=facts.original_url,
        slug_hint=slug_from_url(facts.original_url),
        notes=facts.notes + locator.refusals,
        missing_images=list(locator.missing),
        **body_fields(converted),
    )


def _without_dateline(summary: str, converted: body_mod.Body) -> str:
    """Auto-generated descriptions start with the dateline the body lost."""
    if not (converted.dateline and converted.source):
        return summary
    opening = re.compile(rf"^{re.escape(converted.dateline)}\s*[-–—]\s*"
                         rf"{re.escape(converted.source)}\s*[:،.|]?\s*")
    return opening.sub("", summary) or summary
