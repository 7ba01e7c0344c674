"""What reading an input produces: an article to write, or an outcome to
report (skipped, failed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from arshif.content.sections import Section
from arshif.importer.datetimes import SourceDate
from arshif.importer.urls import url_key

IMPORTED = "imported"
UPDATED = "updated"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
FAILED = "failed"  # an article that could not be imported: makes the exit code non-zero
STATUSES = (IMPORTED, UPDATED, UNCHANGED, SKIPPED, FAILED)
ARTICLE = "article"  # content/articles/YYYY/MM/<slug>.md
PAGE = "page"  # content/pages/<slug>.md: a static page (WordPress pages)


@dataclass
class Outcome:
    status: str
    origin: str  # the input, as the report names it
    reason: str = ""
    path: str = ""  # the article file, relative to the content folder
    note: str = ""
    images_not_copied: int = 0  # pictures of the written file that have no local copy


@dataclass(eq=False)
class Candidate:
    """An article read from the old site, before it gets a path."""

    origin: str
    source_file: Path
    title: str
    date: SourceDate
    section: Section | None  # None for a static page
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    summary: str = ""
    dateline: str = ""
    source: str = ""
    modified: SourceDate | None = None
    original_url: str = ""
    status: str = "published"
    slug_hint: str | None = None
    body: str = ""  # Markdown; pictures as tokens until their paths are known
    images: dict[str, Path] = field(default_factory=dict)  # token -> local file
    lead_file: Path | None = None
    lead_url: str = ""
    lead_caption: str = ""
    read_also: list[str] = field(default_factory=list)  # hrefs of «إقرأ أيضًا» links
    notes: list[str] = field(default_factory=list)  # for the report: e.g. images refused
    kind: str = ARTICLE
    # Pictures with no local copy: web addresses (kept in ``original_images``)
    # and other references (named in the report only).
    missing_images: list[str] = field(default_factory=list)
    lost_images: list[str] = field(default_factory=list)
    # Identity of a source without an address (a Jekyll/Hugo/Zola file): "file:<path>".
    source_key: str = ""
    # Other fields written as they are (Hugo's publishDate and expiryDate).
    extra_fields: dict[str, str] = field(default_factory=dict)
    # Decided by the plan:
    path: str = ""
    slug: str = ""
    adopt: bool = False  # the path holds an article the importer did not write
    related: list[str] = field(default_factory=list)
    image_paths: dict[str, str] = field(default_factory=dict)  # token -> images/YYYY/x.png
    lead_path: str = ""

    @property
    def key(self) -> str:
        """Identity across runs: the source file of a migrated post, the old
        address, or date and title without one."""
        return (self.source_key or url_key(self.original_url)
                or f"untitled:{self.date.text}|{self.title}")

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def images_not_copied(self) -> int:
        lead = 1 if self.lead_url and self.lead_file is None else 0
        return lead + len(self.missing_images) + len(self.lost_images)


def body_fields(converted) -> dict:
    """The Candidate fields that come from a converted body (body.Body), the
    same for saved pages and WordPress posts."""
    lead = converted.lead
    return {
        "body": converted.markdown,
        "images": converted.images,
        "lead_file": lead.file if lead else None,
        "lead_url": lead.url if lead else "",
        "lead_caption": lead.caption if lead else "",
        "read_also": converted.read_also,
    }
