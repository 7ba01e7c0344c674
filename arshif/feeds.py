"""Atom feeds: the whole site and one per section (latest 50 each).

Written after the pages (on Arshif's ``built`` signal).  Links are absolute
when ``SITEURL`` is set (``publishconf.py``).  A feed's ``updated`` is its
newest article's date, never the build time, so builds stay reproducible.
Atom requires a full timestamp, so an article dated by the day alone is
published (and updated) at the start of that day in the archive's timezone,
which is also where it sorts.
"""

from __future__ import annotations

from feedgenerator import Atom1Feed

from arshif import signals
from arshif.urls import absolute

FEED_SIZE = 50
SITE_FEED = "feeds/all.atom.xml"


def section_feed_path(section) -> str:
    return f"section/{section.path}/feed.atom.xml"


def atom(title: str, link_path: str, feed_path: str, articles, siteurl: str) -> str:
    feed = Atom1Feed(
        title=title,
        link=absolute(siteurl, link_path),
        description="",
        language="ar",
        feed_url=absolute(siteurl, feed_path),
    )
    for article in articles:
        feed.add_item(
            title=article.title,
            link=absolute(siteurl, article.url),
            unique_id=absolute(siteurl, article.url),
            description=article.summary,
            pubdate=article.date,
            updateddate=article.modified or article.date,
            categories=[tag.name for tag in article.tags],
            author_name="، ".join(a.name for a in article.authors) or None,
        )
    return feed.writeString("utf-8")


def feed_jobs(newsroom, sitename: str, siteurl: str, size: int = FEED_SIZE):
    """``(path, xml)`` for every feed; sections without articles get none."""
    if newsroom.articles:
        yield SITE_FEED, atom(sitename, "index.html", SITE_FEED, newsroom.articles[:size], siteurl)
    for section in newsroom.tree:
        listed = newsroom.by_section[section]
        if listed:
            path = section_feed_path(section)
            yield path, atom(f"{section.name} | {sitename}", f"section/{section.path}/index.html",
                             path, listed[:size], siteurl)


def on_built(sender, newsroom, writer, settings, **_):
    for path, xml in feed_jobs(newsroom, settings["SITENAME"], settings.get("SITEURL", "")):
        writer.write_text(path, xml, "feed")


def register():
    signals.built.connect(on_built)
