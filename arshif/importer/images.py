"""Pictures: find the file a page's image refers to in the saved copy, and
copy it into ``content/images/YYYY/``.

The site never loads anything from another host, so an image is either a
local copy or nothing.  Where saved copies keep their files:

* browser "save page as": ``Page_files/name.jpg`` next to ``Page.html``, the
  ``src`` rewritten to that (URL-encoded) relative path, or left absolute;
* ``wget --mirror``: ``host/wp-content/uploads/…`` under the mirror folder
  (``-nH`` drops the host folder), ``src`` absolute or converted to relative;
* a WordPress export next to a copy of its ``wp-content/uploads`` folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from arshif.importer.writer import temporary_beside

# Magic numbers -> file suffix.  The bytes decide, not the name: a saved
# "photo.jpg" is sometimes the HTML of an error page.  SVG is not accepted:
# opened directly it can run scripts on the archive's own origin.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
)
SAME_TYPE = {".jpeg": ".jpg"}
MIRROR_DEPTH = 8  # how many folders up a mirror root is looked for
NAME_CHARS = re.compile(r"[^\w-]+")
MAX_NAME_BYTES = 80
# Where an address keeps its place in a WordPress uploads folder:
# ".../wp-content/uploads/2023/11/x.jpg", or WordPress.com's ".../2023/11/x.jpg".
UPLOADS_PATH = re.compile(r"/wp-content/uploads/(.+)$|/(\d{4}/\d{2}/[^/]+)$")
SIZE_SUFFIX = re.compile(r"-\d{2,5}x\d{2,5}(?=\.\w+$)")  # x-300x200.jpg: a resized copy


def image_suffix(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    for magic, suffix in SIGNATURES:
        if head.startswith(magic):
            return suffix
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    return None


class ImageLocator:
    """Finds local copies of images referenced by one page, only inside
    ``root``: the folder being imported (for a single file, its folder).

    A page of the old site is not trusted: ``src="../../../../home/…"``,
    ``og:image`` ``file:///…`` or ``src="/etc/…"`` must never copy a file of
    this machine into the archive.  A path that resolves outside ``root``
    and a ``file:`` address are refused, and each refusal is noted in
    ``refusals`` for the import report.  Root-absolute paths and other hosts
    are looked up inside the mirror only (``/wp-content/x.jpg``,
    ``host/wp-content/x.jpg``); nothing is ever fetched.

    ``uploads``: a copy of the site's ``wp-content/uploads`` folder (given
    with ``--uploads``): an address ``…/wp-content/uploads/2023/11/x.jpg``
    (or WordPress.com's ``…/2023/11/x.jpg``) is looked up as
    ``2023/11/x.jpg`` inside it, and only inside it.  ``missing`` collects
    the web addresses of pictures found nowhere, for the front matter."""

    def __init__(self, page_file: Path, root: Path | None = None, uploads: Path | None = None):
        self.page_file = page_file
        self.folder = page_file.parent
        self.root = (root or self.folder).resolve()
        self.uploads = uploads.resolve() if uploads is not None else None
        self.files_folders = [self.folder / f"{page_file.stem}_files",
                              self.folder / f"{page_file.stem}-files"]
        self.refusals: list[str] = []
        self.missing: list[str] = []

    def find(self, src: str | None) -> Path | None:
        if not src or src.strip().lower().startswith(("data:", "blob:", "javascript:")):
            return None
        src = src.strip()
        if urlsplit(src).scheme.lower() == "file":
            self._refuse(f"image {src[:120]!r} refused: a file: address is never read")
            return None
        outside = False
        for candidate in self._candidates(src):
            resolved = candidate.resolve()
            if not resolved.is_relative_to(self.root):
                outside = outside or resolved.exists()
                continue
            if resolved.is_file() and image_suffix(resolved):
                return resolved
        found = self._in_uploads(src)
        if found is not None:
            return found
        if outside:
            self._refuse(f"image {src[:120]!r} refused: it is outside the imported folder")
        return None

    def not_found(self, url: str) -> None:
        """A picture the page shows that has no local copy: its address is
        kept (never loaded) and counted in the report."""
        if url and url not in self.missing:
            self.missing.append(url)

    def _in_uploads(self, src: str) -> Path | None:
        if self.uploads is None:
            return None
        path = unicodedata.normalize("NFC", unquote(urlsplit(src).path))
        match = UPLOADS_PATH.search(path)
        if not match:
            return None
        inner = match.group(1) or match.group(2)
        for name in dict.fromkeys((inner, SIZE_SUFFIX.sub("", inner))):
            resolved = (self.uploads / name).resolve()
            if not resolved.is_relative_to(self.uploads):
                self._refuse(f"image {src[:120]!r} refused: it is outside the uploads folder")
                return None
            if resolved.is_file() and image_suffix(resolved):
                return resolved
        return None

    def _refuse(self, note: str) -> None:
        if note not in self.refusals:
            self.refusals.append(note)

    def _candidates(self, src: str):
        parts = urlsplit(src)
        raw_path = parts.path
        decoded = unicodedata.normalize("NFC", unquote(raw_path))
        paths = [p for p in dict.fromkeys((decoded, raw_path, unquote(raw_path))) if p]
        if not parts.scheme and not parts.netloc and not raw_path.startswith("/"):
            for path in paths:  # relative to the page: "Page_files/x.jpg", "../../uploads/x.jpg"
                yield self.folder / path
        else:
            host = parts.hostname or ""
            # A mirror's root is the page's folder or one above it, never above ``root``.
            ancestors = [a for a in [self.folder, *list(self.folder.parents)[:MIRROR_DEPTH]]
                         if a.resolve().is_relative_to(self.root)]
            for ancestor in ancestors:
                for path in paths:
                    inner = path.lstrip("/")
                    if host:
                        yield ancestor / host / inner
                    yield ancestor / inner
        for folder in self.files_folders:  # browsers save absolute images here by name
            for path in paths:
                yield folder / os.path.basename(path)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def clean_name(path: Path) -> str:
    stem = unicodedata.normalize("NFC", unquote(path.stem))
    stem = NAME_CHARS.sub("-", stem).strip("-_") or "image"
    while len(stem.encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip("-_") or "image"


class ImageStore:
    """Names images inside ``content/images/YYYY/`` and copies them there.

    A name is reused when the file already there has the same bytes (so a
    second import changes nothing), and gets ``-2``, ``-3``… when another
    picture already has it."""

    def __init__(self, content_root: Path):
        self.content_root = content_root
        self.planned: dict[str, str] = {}  # relative path -> digest
        self.sources: dict[str, Path] = {}

    def plan(self, source: Path, year: int) -> str:
        """Relative path (``images/2023/x.png``) the file will have."""
        digest = file_digest(source)
        suffix = image_suffix(source) or source.suffix.lower()
        own = SAME_TYPE.get(source.suffix.lower(), source.suffix.lower())
        if own == suffix:
            suffix = source.suffix.lower()  # keep ".jpeg" when the file says so
        base = f"images/{year:04d}/{clean_name(source)}"
        number = 1
        while True:
            rel = f"{base}{suffix}" if number == 1 else f"{base}-{number}{suffix}"
            existing = self.planned.get(rel) or self._digest_on_disk(rel)
            if existing is None or existing == digest:
                self.planned[rel] = digest
                self.sources[rel] = source
                return rel
            number += 1

    def copy(self, rel: str, inside) -> None:
        """Copy a planned image unless an identical file is already there.
        ``inside`` turns the relative path into a checked absolute one."""
        target = inside(rel)
        if target.is_file() and file_digest(target) == self.planned[rel]:
            return
        with open(self.sources[rel], "rb") as source, temporary_beside(target) as handle:
            shutil.copyfileobj(source, handle)

    def _digest_on_disk(self, rel: str) -> str | None:
        target = self.content_root / rel
        return file_digest(target) if target.is_file() else None
