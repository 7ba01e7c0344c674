"""``invoke zim``: the built archive as a ZIM file for Kiwix (python-libzim).

Every page and asset goes in under its site path (links are relative, which
ZIM readers need since they serve content under a prefix), article pages are
marked as front articles for Kiwix's full-text index (Arabic, ``ara``), and
the required metadata is added.  Pagefind's bundle is left out: Kiwix has its
own search.  The ZIM's Date is the newest article's date, not the build day,
so the same archive gives the same metadata.
"""

from __future__ import annotations

import mimetypes
import os
import re
from html import unescape

from libzim.writer import Creator, FileProvider, Hint, Item

from arshif.png import emblem

SKIPPED_DIRS = {"pagefind"}
ARTICLE_PATH = re.compile(r"^\d{4}/\d{2}/[^/]+\.html$")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
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
        return FileProvider(os.path.join(self.root, self.site_path))

    def get_hints(self):
        return {Hint.FRONT_ARTICLE: bool(ARTICLE_PATH.match(self.site_path))}


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
