"""Where each candidate goes: its file, its pictures' names, and the slugs of
the articles its «إقرأ أيضًا» list pointed at.

Paths are stable across runs: an address already imported keeps the file the
state file records, one already in the archive keeps that file, and a new one
gets ``articles/YYYY/MM/<slug>.md`` with ``-2``, ``-3``… when the month
already has that slug.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from arshif.content import text
from arshif.importer.archive import ArchiveIndex
from arshif.importer.candidate import ARTICLE, FAILED, PAGE, Candidate, Outcome
from arshif.importer.images import ImageStore
from arshif.importer.urls import MAX_SLUG_BYTES, absolute, is_web_url, sanitize_slug, url_key
from arshif.importer.writer import ImportState, OutsideContentError, inside

ARTICLES_PREFIX = "articles/"
PAGES_PREFIX = "pages/"


@dataclass
class Target:
    path: str
    slug: str
    url_stem: str
    published: bool


def month_stem(candidate: Candidate, slug: str) -> str:
    moment = candidate.date.moment
    return f"{moment.year:04d}/{moment.month:02d}/{slug}"


class Planner:
    def __init__(self, content_root: Path, state: ImportState, archive: ArchiveIndex,
                 images: ImageStore):
        self.content_root = content_root
        self.state = state
        self.archive = archive
        self.images = images

    def assign_paths(self, candidates: list[Candidate]) -> list[Outcome]:
        """Give every candidate a path; returns failures (a corrupt state entry)."""
        failures = []
        taken_paths = set(self.archive.by_path)
        taken_stems = {e.url_stem for e in self.archive.by_path.values() if e.url_stem}
        for candidate in candidates:
            remembered = self.state.get(candidate.key)
            known = self.archive.by_key.get(candidate.key)
            if remembered:
                path = remembered["path"]
                if not self._is_own_path(path, candidate.kind):
                    what = "an article file" if candidate.kind == ARTICLE else "a page file"
                    failures.append(Outcome(FAILED, candidate.origin,
                                            f"the import state names {path!r}, not {what}"))
                    continue
                candidate.path = path
                entry = self.archive.by_path.get(path)
                candidate.slug = entry.slug if entry else PurePosixPath(path).stem
            elif candidate.kind == PAGE:
                candidate.slug = self._free_page_slug(candidate, taken_paths)
                candidate.path = f"{PAGES_PREFIX}{candidate.slug}.md"
            elif known:
                candidate.path, candidate.slug, candidate.adopt = known.path, known.slug, True
            else:
                candidate.slug = self._free_slug(candidate, taken_paths, taken_stems)
                moment = candidate.date.moment
                candidate.path = (f"{ARTICLES_PREFIX}{moment.year:04d}/{moment.month:02d}/"
                                  f"{candidate.slug}.md")
            taken_paths.add(candidate.path)
            if candidate.kind == ARTICLE:
                taken_stems.add(month_stem(candidate, candidate.slug))
        return failures

    def _is_own_path(self, path: str, kind: str = ARTICLE) -> bool:
        prefix = PAGES_PREFIX if kind == PAGE else ARTICLES_PREFIX
        if not path.startswith(prefix) or not path.endswith(".md") \
                or ".." in PurePosixPath(path).parts:
            return False
        try:
            inside(self.content_root, path)
        except OutsideContentError:
            return False
        return True

    def _free_slug(self, candidate: Candidate, taken_paths: set, taken_stems: set) -> str:
        base = candidate.slug_hint or sanitize_slug(text.slugify(candidate.title, max_length=80)) \
            or "article"
        moment = candidate.date.moment
        folder = f"{ARTICLES_PREFIX}{moment.year:04d}/{moment.month:02d}"
        number = 1
        while True:
            suffix = "" if number == 1 else f"-{number}"
            stem = base
            while len((stem + suffix).encode("utf-8")) > MAX_SLUG_BYTES:
                stem = stem[:-1]
            slug = stem.rstrip("-_") + suffix
            path = f"{folder}/{slug}.md"
            if (path not in taken_paths and month_stem(candidate, slug) not in taken_stems
                    and not (self.content_root / path).exists()):
                return slug
            number += 1

    def _free_page_slug(self, candidate: Candidate, taken_paths: set) -> str:
        """``pages/<slug>.md``: WordPress's page slug, ``-2``… when taken
        (also by a page that differs only in letter case)."""
        base = candidate.slug_hint or sanitize_slug(text.slugify(candidate.title, max_length=80)) \
            or "page"
        folder = self.content_root / PAGES_PREFIX
        existing = {p.stem.casefold() for p in folder.glob("*.md")} if folder.is_dir() else set()
        taken = {PurePosixPath(p).stem.casefold() for p in taken_paths
                 if p.startswith(PAGES_PREFIX)} | existing
        number = 1
        while True:
            slug = base if number == 1 else f"{base}-{number}"
            if slug.casefold() not in taken:
                return slug
            number += 1

    def assign_images(self, candidate: Candidate) -> None:
        year = candidate.date.moment.year
        candidate.image_paths = {token: self.images.plan(file, year)
                                 for token, file in candidate.images.items()}
        if candidate.lead_file is not None:
            candidate.lead_path = self.images.plan(candidate.lead_file, year)

    def link_related(self, candidates: list[Candidate]) -> None:
        """«إقرأ أيضًا» links -> ``related`` slugs, for targets imported in this
        run or already in the archive.  A slug two articles share is written
        as ``YYYY/MM/slug``, which Arshif resolves unambiguously."""
        candidates = [c for c in candidates if c.kind == ARTICLE]  # pages: no «إقرأ أيضًا»
        by_path = {e.path: Target(e.path, e.slug, e.url_stem, e.published)
                   for e in self.archive.by_path.values()}
        by_key = {key: by_path[e.path] for key, e in self.archive.by_key.items()}
        by_file = {}
        files = Counter(c.source_file for c in candidates)
        for candidate in candidates:
            target = Target(candidate.path, candidate.slug, month_stem(candidate, candidate.slug),
                            candidate.published)
            by_path[candidate.path] = target
            by_key[candidate.key] = target
            if files[candidate.source_file] == 1:  # one page, one article (not an export)
                by_file[candidate.source_file.resolve()] = target
        slug_uses = Counter(t.slug for t in by_path.values())
        for candidate in candidates:
            related = []
            for href in candidate.read_also:
                target = self._target(href, candidate, by_key, by_file)
                if target is None or target.path == candidate.path:
                    continue
                if candidate.published and not target.published:
                    continue  # a published page must not point at a draft
                name = target.slug if slug_uses[target.slug] == 1 else target.url_stem
                if name and name not in related:
                    related.append(name)
            candidate.related = related

    @staticmethod
    def _target(href: str, candidate: Candidate, by_key: dict, by_file: dict) -> Target | None:
        full = absolute(href, candidate.original_url)
        if is_web_url(full) and url_key(full) in by_key:
            return by_key[url_key(full)]
        if is_web_url(href):
            return None
        # A link wget rewrote to the saved copy of the other page.
        local = urlsplit(href).path
        if not local:
            return None
        path = (candidate.source_file.parent / unquote(local)).resolve()
        return by_file.get(path) or by_file.get(path / "index.html")
