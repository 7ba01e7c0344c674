"""Load the whole archive: every source file found, loaded (in parallel, or
from the content-hash cache), checked against the others, and accounted for
in ``records`` (one per file: published, draft, error or ignored)."""

from __future__ import annotations

import os
from datetime import datetime, timezone as tz
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from arshif.content import dates, files, sources
from arshif.content.cache import ArticleCache
from arshif.content.model import Article, Page
from arshif.content.problems import Problem
from arshif.content.sections import SectionTree
from arshif.content.validate import (Settings, fold_url, hold_back, missing_files,
                             validate_archive,
                             validate_pages)

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 400
CHUNK = 64


@dataclass
class Archive:
    articles: list[Article] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    static_files: list[str] = field(default_factory=list)  # copied as they are: "images/x.png"
    cache_hits: int = 0

    def keep_valid(self, items: list, problems: list[Problem]) -> list:
        """``items`` (articles or pages) without those an error in ``problems``
        names; those are recorded as errors."""
        self.problems.extend(problems)
        failed = {p.path for p in problems if p.is_error}
        self.records.extend({"source": item.source_path, "status": "error"}
                            for item in items if item.source_path in failed)
        return [item for item in items if item.source_path not in failed]

    def account(self, listing: files.Listing) -> None:
        """Refused links are errors; ignored files are listed with their reason."""
        self.problems.extend(listing.problems)
        self.records.extend({"source": p.path, "status": "error"} for p in listing.problems)
        self.records.extend({"source": path, "status": "ignored", "reason": reason}
                            for path, reason in listing.ignored)


_worker = {}


def _init_worker(content_root, sections_spec, timezone, read_also_after):
    _worker.update(
        content_root=content_root, read_also_after=read_also_after,
        settings=Settings(sections=SectionTree(sections_spec), timezone=timezone),
    )


def _load(job):
    """Runs in a worker (or inline): ``job`` is (path, bytes)."""
    path, data = job
    loaded = sources.load_article_bytes(
        data, path, _worker["settings"], _worker["read_also_after"])
    if loaded.article is not None:
        # Sections travel by path: the parent owns the one tree of objects.
        loaded.article.section = loaded.article.section.path
    return loaded


def load(content_root: str, settings: dict, tree: SectionTree,
         jobs: int | None = None) -> Archive:
    archive = Archive()
    timezone = settings.get("ARSHIF_TIMEZONE", dates.DEFAULT_TIMEZONE)
    read_also_after = settings.get("ARSHIF_READ_ALSO_AFTER", 3)
    init_args = (content_root, settings["ARSHIF_SECTIONS"], timezone, read_also_after)
    cache = ArticleCache(settings.get("ARSHIF_CACHE_PATH"),
                         repr(init_args[1:]))

    listing = files.walk(content_root, sources.ARTICLES_DIR)
    archive.account(listing)
    paths = listing.files
    results: dict[str, sources.Loaded] = {}
    pending, keys = [], {}
    for path in paths:
        try:
            with open(os.path.join(content_root, path), "rb") as handle:
                data = handle.read()
        except OSError as exc:
            results[path] = sources.Loaded(path, problems=[
                Problem(path, None, "file", f"cannot be read: {exc.strerror}")])
            continue
        keys[path] = cache.key(path, data)
        cached = cache.get(keys[path])
        if cached is not None:
            results[path] = cached
        else:
            pending.append((path, data))

    jobs = jobs or settings.get("ARSHIF_JOBS") or os.cpu_count() or 1
    try:
        if jobs > 1 and len(pending) >= PARALLEL_THRESHOLD:
            with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=init_args) as pool:
                # Results arrive while the workers go on: the parent stores
                # each in the cache meanwhile.
                for loaded in pool.map(_load, pending, chunksize=CHUNK):
                    results[loaded.path] = loaded
                    cache.put(keys[loaded.path], loaded)
        else:
            _init_worker(*init_args)
            for job in pending:
                loaded = results[job[0]] = _load(job)
                cache.put(keys[loaded.path], loaded)
    finally:
        cache.close()
    archive.cache_hits = cache.hits

    candidates = []
    for path in paths:
        loaded = results[path]
        archive.problems.extend(loaded.problems)
        if loaded.ok:
            article = loaded.article
            article.section = tree.by_path(article.section)
            image_problems = missing_files(article, content_root)
            if image_problems:
                archive.problems.extend(image_problems)
                archive.records.append({"source": path, "status": "error"})
                continue
            candidates.append(article)
        else:
            archive.records.append({"source": path, "status": "error"})

    now = datetime.now(tz.utc)
    for article in candidates:
        held = hold_back(article, now)
        if held:
            archive.problems.append(held)
    archive.articles = archive.keep_valid(candidates, validate_archive(candidates))

    listing = files.walk(content_root, sources.PAGES_DIR)
    archive.account(listing)
    pages = []
    for path in listing.files:
        page, page_problems = sources.load_page(content_root, path)
        archive.problems.extend(page_problems)
        if page is None:
            archive.records.append({"source": path, "status": "error"})
        else:
            pages.append(page)
    archive.pages = archive.keep_valid(pages, validate_pages(pages))

    # Files copied as they are: a link in them must stay inside their own folder.
    for folder in settings.get("ARSHIF_STATIC_PATHS", ["images"]):
        listing = files.walk(content_root, folder, allowed=folder)
        archive.problems.extend(listing.problems)
        archive.static_files.extend(listing.files)
    archive.problems.extend(static_collisions(archive.static_files))
    return archive


def static_collisions(paths: list[str]) -> list[Problem]:
    """Files copied as they are whose names differ only in letter case or
    Unicode form: one file on Windows, macOS and FAT/exFAT sticks."""
    by_fold: dict[str, list[str]] = {}
    for path in paths:
        by_fold.setdefault(fold_url(path), []).append(path)
    problems = []
    for group in by_fold.values():
        for path in group if len(group) > 1 else ():
            others = ", ".join(p for p in group if p != path)
            problems.append(Problem(path, None, "file",
                                    f"differs only in letter case or Unicode form from {others}: "
                                    "on Windows, macOS and FAT/exFAT disks they are one file; "
                                    "rename one"))
    return problems
