"""Atom feeds: the whole site and one per section (latest 50 each).

Written after the pages (on Arshif's ``built`` signal).  Links are absolute
when ``SITEURL`` is set (``publishconf.py``).  A feed's ``updated`` is its
newest article's date, never the build time, so builds stay reproducible.
Atom requires a full timestamp, so an article dated by the day alone is
published (and updated) at the start of that day in the archive's timezone,
which is also where it sorts.
"""

from __future__ import annotations

import posixpath
import re
import uuid
from urllib.parse import urljoin

from feedgenerator import Atom1Feed

from arshif.outputs.urls import absolute
from arshif.site import signals
from arshif.site.writer import root_of

# href and src of the sanitised body (nh3 writes them double-quoted).
LINK_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')

FEED_SIZE = 50
SITE_FEED = "feeds/all.atom.xml"


def section_feed_path(section) -> str:
    return f"section/{section.path}/feed.atom.xml"


def entry_id(siteurl: str, sitename: str, path: str) -> str:
    """Atom ids must be absolute IRIs that never change: the page's address
    with a SITEURL, else a name-based UUID of the archive and the page."""
    if siteurl:
        return absolute(siteurl, path)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"arshif:{sitename}:{path}").urn


def rebase(body: str, page_path: str, feed_path: str, siteurl: str) -> str:
    """The body's links are relative to its page; in a feed they must work
    from the feed: absolute with a SITEURL, else relative to the feed file."""
    page_url = "https://arshif.invalid/" + page_path

    def one(match):
        name, value = match.groups()
        if not value or value.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
            return match.group(0)
        target = urljoin(page_url, value)
        if not target.startswith("https://arshif.invalid/"):
            return match.group(0)
        site_path = target[len("https://arshif.invalid/"):]
        if siteurl:
            return f'{name}="{siteurl.rstrip("/")}/{site_path}"'
        relative = posixpath.relpath(site_path.split("#")[0] or ".",
                                     posixpath.dirname(feed_path) or ".")
        fragment = "#" + site_path.split("#", 1)[1] if "#" in site_path else ""
        return f'{name}="{relative}{fragment}"'

    return LINK_ATTRIBUTE.sub(one, body)


def atom(title: str, link_path: str, feed_path: str, articles, siteurl: str,
         sitename: str = "") -> str:
    """A feed that passes an Atom validator: an author for the feed (the
    archive: entries without a byline inherit it), absolute ids, ``updated``,
    and each entry's full sanitised text as its content."""
    root = root_of(feed_path)
    feed = Atom1Feed(
        title=title,
        link=absolute(siteurl, link_path, root),
        description="",
        language="ar",
        feed_url=absolute(siteurl, feed_path, root),
        feed_guid=entry_id(siteurl, sitename, feed_path),
        author_name=sitename or title,
    )
    for article in articles:
        feed.add_item(
            title=article.title,
            link=absolute(siteurl, article.url, root),
            unique_id=entry_id(siteurl, sitename, article.url),
            description=article.summary,
            content=rebase(article.body_html, article.url, feed_path, siteurl),
            pubdate=article.date,
            updateddate=article.modified or article.date,
            categories=[tag.name for tag in article.tags],
            author_name="، ".join(a.name for a in article.authors) or None,
        )
    return feed.writeString("utf-8")


def feed_jobs(newsroom, sitename: str, siteurl: str, size: int = FEED_SIZE):
    """``(path, xml)`` for every feed; sections without articles get none."""
    if newsroom.articles:
        yield SITE_FEED, atom(sitename, "index.html", SITE_FEED, newsroom.articles[:size], siteurl,
                              sitename)
    for section in newsroom.tree:
        listed = newsroom.by_section[section]
        if listed:
            path = section_feed_path(section)
            yield path, atom(f"{section.name} | {sitename}", f"section/{section.path}/index.html",
                             path, listed[:size], siteurl, sitename)


def on_built(sender, newsroom, writer, settings, **_):
    for path, xml in feed_jobs(newsroom, settings["SITENAME"], settings.get("SITEURL", "")):
        writer.write_text(path, xml, "feed")


def register():
    signals.built.connect(on_built)
