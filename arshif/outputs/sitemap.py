"""``sitemap.xml`` (a sitemap index past 50,000 URLs) and ``robots.txt``.

Sitemaps need absolute URLs, so they are written only when ``SITEURL`` is
set (``publishconf.py``); ``robots.txt`` is always written.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from arshif.content import dates
from arshif.outputs.urls import absolute
from arshif.site import signals

MAX_URLS = 50_000
NOT_LISTED = {"404.html", "search.html", "saved.html", "history.html", "interests.html"}


def entries(written: dict, newsroom) -> list[tuple[str, str | None]]:
    """``(site path, lastmod or None)`` for every HTML page, sorted."""
    lastmod = {a.url: dates.iso(a.modified or a.date) for a in newsroom.articles}
    return [(path, lastmod.get(path)) for path in sorted(written)
            if path.endswith(".html") and path not in NOT_LISTED]


def urlset(items, siteurl: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, modified in items:
        entry = f"<url><loc>{escape(absolute(siteurl, path))}</loc>"
        if modified:
            entry += f"<lastmod>{modified}</lastmod>"
        lines.append(entry + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_files(items, siteurl: str, limit: int = MAX_URLS) -> list[tuple[str, str]]:
    if len(items) <= limit:
        return [("sitemap.xml", urlset(items, siteurl))]
    files = []
    for number, start in enumerate(range(0, len(items), limit), 1):
        files.append((f"sitemap-{number}.xml", urlset(items[start:start + limit], siteurl)))
    index = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    index += [f"<sitemap><loc>{escape(absolute(siteurl, name))}</loc></sitemap>"
              for name, _ in files]
    index.append("</sitemapindex>")
    return [("sitemap.xml", "\n".join(index) + "\n")] + files


def robots(siteurl: str) -> str:
    text = "User-agent: *\nAllow: /\n"
    if siteurl:
        text += f"Sitemap: {absolute(siteurl, 'sitemap.xml')}\n"
    return text


def on_built(sender, newsroom, writer, settings, **_):
    siteurl = settings.get("SITEURL", "")
    if siteurl:
        for name, xml in sitemap_files(entries(dict(writer.written), newsroom), siteurl):
            writer.write_text(name, xml, "sitemap")
    writer.write_text("robots.txt", robots(siteurl), "robots")


def register():
    signals.built.connect(on_built)
