"""Search: the offline index and the Pagefind step.

Over http(s) the search page uses Pagefind (full text, Arabic stemming).
Opened from disk, browsers refuse Pagefind's module scripts and ``fetch``;
there the page loads ``search-index.js``, a classic script written here with
titles, tags, sections, dates and URLs, and searches it in the browser.

Both sides fold Arabic the same way (``text.search_normalize`` and
``normalize()`` in search.js); each document's searchable text is folded
here once, so the browser only folds the query.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from arshif import dates, signals, text

INDEX_FILE = "search-index.js"
PAGEFIND_DIR = "pagefind"
# Index only the article itself: not the menus, sidebar or read-also block
# that every page repeats.
PAGEFIND_ROOT = "main"
PAGEFIND_EXCLUDE = ".breadcrumb, .read-also, .article-neighbours, .share, .latest-news, nav"


def index_documents(newsroom) -> dict:
    sections = [s.name_path for s in newsroom.tree]
    position = {s: i for i, s in enumerate(newsroom.tree)}
    docs = []
    for article in newsroom.articles:
        tags = [t.name for t in article.tags]
        haystack = " ".join([article.title, *tags, article.section.name_path])
        docs.append([
            article.url,
            article.title,
            position[article.section],
            dates.portal(article.date),
            dates.iso(article.date),
            tags,
            text.search_normalize(haystack),
        ])
    return {
        "fields": ["url", "title", "section", "date", "datetime", "tags", "text"],
        "sections": sections,
        "docs": docs,
    }


def index_script(newsroom) -> str:
    data = json.dumps(index_documents(newsroom), ensure_ascii=False, separators=(",", ":"))
    # A classic script (not JSON + fetch) so it loads from file:// too.  JSON
    # is valid JS; "</" cannot end a script that is loaded by src anyway.
    return f"window.ARSHIF_SEARCH_INDEX={data};\n"


def on_built(sender, newsroom, writer, **_):
    writer.write_text(INDEX_FILE, index_script(newsroom), "search index")


def run_pagefind(output_path: str) -> None:
    """Index the built site once with the Pagefind CLI (not one call per page).
    ``<html lang="ar">`` turns on its Arabic stemming."""
    command = [sys.executable, "-m", "pagefind", "--site", output_path,
               "--output-subdir", PAGEFIND_DIR, "--root-selector", PAGEFIND_ROOT,
               "--exclude-selectors", PAGEFIND_EXCLUDE, "--glob", "[0-9]*/**/*.html",
               "--silent"]
    completed = subprocess.run(command, capture_output=True, text=True)
    bundle = os.path.join(output_path, PAGEFIND_DIR)
    if completed.returncode != 0 or not os.path.isfile(os.path.join(bundle, "pagefind.js")):
        raise RuntimeError("pagefind failed: " + (completed.stderr or completed.stdout).strip())
    # Pagefind also ships ready-made UIs; the search page has its own.
    for name in sorted(os.listdir(bundle)):
        if name.startswith("pagefind-") and "ui" in name or name == "pagefind-highlight.js":
            os.remove(os.path.join(bundle, name))


def register():
    signals.built.connect(on_built)
