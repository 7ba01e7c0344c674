"""What the archive already holds: articles by old address and by slug, so
re-imports update the right file and «إقرأ أيضًا» links reach articles
imported earlier."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from arshif.content import dates, frontmatter
from arshif.importer.urls import url_key

ARTICLES_DIR = "articles"


@dataclass
class Entry:
    path: str  # relative to the content folder
    slug: str
    url_stem: str  # "2023/11/slug": how ``related`` names an article unambiguously
    published: bool


class ArchiveIndex:
    def __init__(self):
        self.by_key: dict[str, Entry] = {}
        self.by_path: dict[str, Entry] = {}

    @classmethod
    def scan(cls, content_root: Path, timezone: str = dates.DEFAULT_TIMEZONE) -> "ArchiveIndex":
        index = cls()
        base = content_root / ARTICLES_DIR
        for file in sorted(base.rglob("*.md")) if base.is_dir() else []:
            if any(part.startswith(".") for part in file.relative_to(base).parts):
                continue
            relative = file.relative_to(content_root).as_posix()
            try:
                matter = frontmatter.parse(frontmatter.decode(file.read_bytes(), relative), relative)
            except (frontmatter.FrontMatterError, OSError):
                continue  # a broken file is `invoke check`'s business, not the importer's
            fields = matter.fields
            slug = fields.get("slug") if isinstance(fields.get("slug"), str) else ""
            slug = unicodedata.normalize("NFC", slug.strip() or PurePosixPath(relative).stem)
            try:
                moment = dates.parse(fields.get("date") or "", timezone)
                stem = f"{moment.year:04d}/{moment.month:02d}/{slug}"
            except (dates.DateError, TypeError, AttributeError):
                stem = ""
            entry = Entry(relative, slug, stem, (fields.get("status") or "published") == "published")
            index.by_path[relative] = entry
            address = fields.get("original_url")
            key = url_key(address if isinstance(address, str) else "")
            if key and key not in index.by_key:
                index.by_key[key] = entry
        return index
