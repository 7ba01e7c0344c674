"""The reader index: what the home page's «أخبارك» block needs.

Readers choose sections on ``interests.html`` (kept in their browser's
``localStorage``, never sent anywhere); the home page then lists the latest
articles of those sections.  A static site cannot ask a server, so every
build writes ``reader-index.js``: for each section path, the positions of its
latest articles (its own and its descendants', newest first) in one
deduplicated list of articles, itself newest first.  Merging several
sections in the browser is then a union of positions, sorted ascending.

Like ``search-index.js`` it is a classic script (not JSON + ``fetch``), so it
loads from ``file://`` too; the home page loads it only when the reader has
chosen sections (``theme/static/js/reader.js``).
"""

from __future__ import annotations

import json

from arshif.content import dates
from arshif.site import signals

INDEX_FILE = "reader-index.js"
GLOBAL_NAME = "ARSHIF_READER_INDEX"
PER_SECTION = 10
FORMAT_VERSION = 1


def reader_index(newsroom, per_section: int = PER_SECTION) -> dict:
    """``{"v", "fields", "articles", "sections"}``.

    ``articles``: ``[url, title, section name, date display, ISO datetime]``,
    each article once, newest first.  ``sections``: section path -> positions
    in ``articles`` of its latest ``per_section`` published articles,
    descendants included, newest first.  Sections without articles are left out.
    """
    chosen: dict[int, object] = {}  # id -> article, for every section's latest
    latest_by_path: dict[str, list] = {}
    for section in newsroom.tree:
        latest = [a for a in newsroom.by_section.get(section, []) if a.is_published]
        latest = latest[:per_section]
        if not latest:
            continue
        latest_by_path[section.path] = latest
        for article in latest:
            chosen[id(article)] = article
    ordered = sorted(chosen.values(), key=lambda a: a.sort_key)
    position = {id(a): i for i, a in enumerate(ordered)}
    return {
        "v": FORMAT_VERSION,
        "fields": ["url", "title", "section", "date", "datetime"],
        "articles": [[a.url, a.title, a.section.name, dates.portal(a.date), dates.iso(a.date)]
                     for a in ordered],
        "sections": {path: [position[id(a)] for a in latest]
                     for path, latest in latest_by_path.items()},
    }


def index_script(newsroom, per_section: int = PER_SECTION) -> str:
    data = json.dumps(reader_index(newsroom, per_section), ensure_ascii=False,
                      separators=(",", ":"))
    # JSON is valid JavaScript; "</" cannot end a script loaded by src.
    return f"window.{GLOBAL_NAME}={data};\n"


def on_built(sender, newsroom, writer, **_):
    writer.write_text(INDEX_FILE, index_script(newsroom), "reader index")


def register():
    signals.built.connect(on_built)
