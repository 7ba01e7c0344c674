"""``latest.js``: the latest headlines every page shows, in one small shared file.

«آخر الأخبار» (the sidebar of article and static pages) and the menu panels'
latest headlines of each top-level section depend on the newest articles, so
rendering them into every page would rewrite the whole site whenever an
article is published.  Instead every build writes this one file and
``theme/static/js/site.js`` fills both from it; pages stay the same until
their own content changes.  Without JavaScript the sidebar is a link to the
home page, whose list is rendered in its HTML.

A classic script setting a global (not JSON + ``fetch``), so it loads from
``file://`` too, and a file of the site, so the Content-Security-Policy's
``script-src 'self'`` allows it.  It is kept apart from ``reader-index.js``
(10 articles per section path, for «أخبارك») so that every page loads only
the few headlines it shows.
"""

from __future__ import annotations

import json

from arshif.content import dates
from arshif.site import signals

LATEST_FILE = "latest.js"
GLOBAL_NAME = "ARSHIF_LATEST"
FORMAT_VERSION = 1


def latest_data(newsroom, nav_items: int = 8) -> dict:
    """``{"v", "fields", "articles", "latest", "sections"}``: each article once,
    newest first; ``latest`` (the sidebar's, ``newsroom.latest``) and
    ``sections`` (path of a top-level section in the menu bar, the first
    ``nav_items``, -> its latest, for its panel: ``newsroom.latest_by_top``)
    are positions in ``articles``."""
    latest = newsroom.latest
    by_top = {section.path: newsroom.latest_by_top.get(section, [])
              for section in newsroom.tree.roots[:nav_items]}
    chosen = {id(a): a for a in latest}
    for listed in by_top.values():
        chosen.update((id(a), a) for a in listed)
    ordered = sorted(chosen.values(), key=lambda a: a.sort_key)
    position = {id(a): i for i, a in enumerate(ordered)}
    return {
        "v": FORMAT_VERSION,
        "fields": ["url", "title", "section", "section_url", "date", "datetime"],
        "articles": [[a.url, a.title, a.section.name, newsroom.section_url(a.section),
                      dates.portal(a.date), dates.iso(a.date)] for a in ordered],
        "latest": [position[id(a)] for a in latest],
        "sections": {path: [position[id(a)] for a in listed]
                     for path, listed in by_top.items() if listed},
    }


def latest_script(newsroom, nav_items: int = 8) -> str:
    data = json.dumps(latest_data(newsroom, nav_items), ensure_ascii=False,
                      separators=(",", ":"))
    # JSON is valid JavaScript; "</" cannot end a script loaded by src.
    return f"window.{GLOBAL_NAME}={data};\n"


def on_built(sender, newsroom, writer, settings, **_):
    writer.write_text(LATEST_FILE, latest_script(newsroom, settings.get("ARSHIF_NAV_ITEMS", 8)),
                      "latest headlines")


def register():
    signals.built.connect(on_built)
