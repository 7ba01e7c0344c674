"""``invoke zim``: the built archive as a ZIM file for Kiwix (python-libzim).

Every page and asset goes in under its site path (links are relative, which
ZIM readers need since they serve content under a prefix), article pages are
marked as front articles, and the required metadata is added.  Kiwix's
full-text index (Arabic, ``ara``) gets each article's title and text only:
indexing whole pages made every result snippet menu and footer text, and
mixed list pages into the results.  Pages lose their Content-Security-Policy
inside the ZIM: kiwix-serve injects its own toolbar script into every page,
and the site's policy refused it.  Pagefind's bundle is left out: Kiwix has
its own search.  The ZIM's Date is the newest article's date, not the build
day, so the same archive gives the same metadata.
"""

from __future__ import annotations

import mimetypes
import os
import re
from html import unescape

import lxml.html
from libzim.writer import Creator, FileProvider, Hint, IndexData, Item, StringProvider

from arshif.publish.png import emblem

SKIPPED_DIRS = {"pagefind"}
ARTICLE_PATH = re.compile(r"^\d{4}/\d{2}/[^/]+\.html$")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)
MIMETYPES = {".woff2": "font/woff2", ".js": "application/javascript", ".xml": "application/xml",
             ".json": "application/json", ".svg": "image/svg+xml", ".html": "text/html"}


class FileItem(Item):
    def __init__(self, root: str, path: str):
        super().__init__()
        self.root = root
        self.site_path = path

    def get_path(self) -> str:
        return self.site_path

    def get_title(self) -> str:
        if not self.site_path.endswith(".html"):
            return ""
        with open(os.path.join(self.root, self.site_path), encoding="utf-8") as handle:
            match = TITLE.search(handle.read(4096))
        return unescape(match.group(1)).strip() if match else ""

    def get_mimetype(self) -> str:
        extension = os.path.splitext(self.site_path)[1].lower()
        return MIMETYPES.get(extension) or mimetypes.guess_type(self.site_path)[0] or \
            "application/octet-stream"

    def get_contentprovider(self):
        full = os.path.join(self.root, self.site_path)
        if not self.site_path.endswith(".html"):
            return FileProvider(full)
        with open(full, encoding="utf-8") as handle:
            page = CSP_META.sub("", handle.read(), count=1)
        if ARTICLE_PATH.match(self.site_path):
            page = only_text_for_snippets(page)
        return StringProvider(page)

    def get_hints(self):
        return {Hint.FRONT_ARTICLE: bool(ARTICLE_PATH.match(self.site_path))}

    def get_indexdata(self):
        if not ARTICLE_PATH.match(self.site_path):
            return NotIndexed()
        with open(os.path.join(self.root, self.site_path), encoding="utf-8") as handle:
            page = lxml.html.fromstring(handle.read())
        title = " ".join(page.xpath("string(//h1)").split())
        body = page.xpath('//*[contains(concat(" ", @class, " "), " article-body ")]')
        for aside in body[0].xpath('.//aside | .//nav') if body else []:
            aside.drop_tree()  # «إقرأ أيضًا» inside the body is not the article's text
        text = " ".join(body[0].text_content().split()) if body else ""
        return ArticleText(title or self.get_title(), text)


NOINDEX, END_NOINDEX = "htdig_noindex", "/htdig_noindex"


def only_text_for_snippets(page: str) -> str:
    """Kiwix makes result snippets from the page's HTML (Xapian's HTML
    parser), whatever was indexed: everything but the article's text is put
    between ``<!--htdig_noindex-->`` comments, which that parser skips."""
    from lxml import etree

    tree = lxml.html.document_fromstring(page)
    bodies = tree.xpath('//*[contains(concat(" ", @class, " "), " article-body ")]')
    if not bodies:
        return page
    article_body = bodies[0]
    body = tree.find("body")
    body.insert(0, etree.Comment(NOINDEX))
    article_body.addprevious(etree.Comment(END_NOINDEX))
    article_body.addnext(etree.Comment(NOINDEX))
    body.append(etree.Comment(END_NOINDEX))
    for aside in article_body.xpath(".//aside"):
        aside.addprevious(etree.Comment(NOINDEX))
        aside.addnext(etree.Comment(END_NOINDEX))
    return "<!DOCTYPE html>\n" + lxml.html.tostring(tree, encoding="unicode")


class ArticleText(IndexData):
    """What Kiwix indexes for an article: its headline and its text."""

    def __init__(self, title: str, text: str):
        super().__init__()
        self.title, self.text = title, text

    def has_indexdata(self):
        return bool(self.text)

    def get_title(self):
        return self.title

    def get_content(self):
        return self.text

    def get_keywords(self):
        return ""

    def get_wordcount(self):
        return len(self.text.split())

    def get_geoposition(self):
        return None


class NotIndexed(IndexData):
    """List pages, static pages and assets stay out of the full-text index."""

    def has_indexdata(self):
        return False


def site_files(output_path: str) -> list[str]:
    found = []
    for directory, subdirs, names in os.walk(output_path):
        relative_dir = os.path.relpath(directory, output_path)
        subdirs[:] = sorted(d for d in subdirs
                            if not (relative_dir == "." and d in SKIPPED_DIRS))
        for name in names:
            found.append(os.path.relpath(os.path.join(directory, name),
                                         output_path).replace(os.sep, "/"))
    return sorted(found)


def write_zim(output_path: str, zim_path: str, *, name: str, title: str, description: str,
              creator: str, publisher: str, date: str) -> int:
    """Returns the number of items written."""
    if not os.path.isfile(os.path.join(output_path, "index.html")):
        raise RuntimeError(f"{output_path} has no index.html: build the archive first")
    files = site_files(output_path)
    zim = Creator(zim_path).config_indexing(True, "ara").set_mainpath("index.html")
    with zim:
        for path in files:
            zim.add_item(FileItem(output_path, path))
        zim.add_metadata("Name", name)
        zim.add_metadata("Title", title[:30])
        zim.add_metadata("Description", description[:80])
        zim.add_metadata("Language", "ara")
        zim.add_metadata("Creator", creator)
        zim.add_metadata("Publisher", publisher)
        zim.add_metadata("Date", date)
        zim.add_illustration(48, emblem(48))
    return len(files)
