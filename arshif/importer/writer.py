"""Article files and the import state.

Front matter is written the way Arshif reads it: every value a plain
string, text values in double quotes (titles are full of ':' and «»).

The state file ``content/.import-state.json`` remembers, for every old
address, the file written for it and the SHA-256 of the bytes written.  A
file whose bytes differ from that was edited by hand and is left alone
unless the import is forced.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

from arshif.importer.candidate import PAGE, Candidate

STATE_FILE = ".import-state.json"
STATE_VERSION = 1
# What YAML and Arshif refuse in a value: C0 and C1 controls, non-characters.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


class OutsideContentError(ValueError):
    pass


def quote(value: str) -> str:
    value = CONTROL.sub(" ", value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plain_or_quoted(value: str) -> str:
    """Section paths are written bare, as editors write them, unless YAML
    would read them as something else."""
    if re.search(r"[:#\[\]{},&*!|>'\"%@`]", value) or value != value.strip():
        return quote(value)
    return value


def quoted_list(values: list[str]) -> str:
    return "[" + ", ".join(quote(v) for v in values) + "]"


def front_matter(candidate: Candidate) -> str:
    c = candidate
    if c.kind == PAGE:  # a static page: a title (its file name is its slug)
        lines = [f"title: {quote(c.title)}"]
        if c.missing_images:
            lines.append(f"original_images: {quoted_list(c.missing_images)}")
        return "---\n" + "\n".join(lines) + "\n---\n"
    lines = [f"title: {quote(c.title)}", f"date: {c.date.text}",
             f"section: {plain_or_quoted(c.section.name_path)}"]
    if c.tags:
        lines.append(f"tags: {quoted_list(c.tags)}")
    if c.summary:
        lines.append(f"summary: {quote(c.summary)}")
    if len(c.authors) == 1:
        lines.append(f"author: {quote(c.authors[0])}")
    elif c.authors:
        lines.append(f"authors: {quoted_list(c.authors)}")
    for name in ("dateline", "source"):
        if getattr(c, name):
            lines.append(f"{name}: {quote(getattr(c, name))}")
    if c.lead_path:
        lines.append(f"image: {c.lead_path}")
        if c.lead_caption:
            lines.append(f"image_caption: {quote(c.lead_caption)}")
    elif c.lead_url:
        lines.append(f"original_image_url: {quote(c.lead_url)}")
        if c.lead_caption:
            lines.append(f"image_caption: {quote(c.lead_caption)}")
    if c.missing_images:  # pictures of the body with no local copy: their addresses only
        lines.append(f"original_images: {quoted_list(c.missing_images)}")
    if c.modified and c.modified.moment > c.date.moment:
        lines.append(f"modified: {c.modified.text}")
    if c.original_url:
        lines.append(f"original_url: {quote(c.original_url)}")
    if not c.published:
        lines.append("status: draft")
    for name, value in c.extra_fields.items():
        lines.append(f"{name}: {quote(value)}")
    if c.related:
        lines.append(f"related: {quoted_list(c.related)}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def render(candidate: Candidate) -> str:
    body = candidate.body
    for token, path in candidate.image_paths.items():
        body = body.replace(f"]({token})", f"](/{path})")
    return front_matter(candidate) + ("\n" + body if body else "")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inside(content_root: Path, relative: str) -> Path:
    """Absolute path of ``relative`` in the content folder; refuses any path
    that resolves elsewhere ('..', absolute paths, symlinks out)."""
    root = content_root.resolve()
    if not relative or os.path.isabs(relative) or "\0" in relative or "\\" in relative:
        raise OutsideContentError(
            f"refusing to write {relative!r}: not a path inside the content folder")
    target = (root / relative).resolve()
    if target == root or not target.is_relative_to(root):
        raise OutsideContentError(f"refusing to write {relative!r}: outside the content folder")
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write through a temporary file: an interrupted import never leaves half an article.

    The temporary file is created new (``mkstemp``: ``O_CREAT|O_EXCL``, a
    random name), so a link planted beside the target cannot be written
    through; ``os.replace`` then swaps it in (replacing a link at the final
    name, never writing through it)."""
    with temporary_beside(target) as handle:
        handle.write(data)


@contextmanager
def temporary_beside(target: Path):
    """A new file in the target's folder, open for writing; renamed to
    ``target`` when the block ends without an exception, removed otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                             suffix=".importing")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        os.replace(temporary, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class ImportState:
    def __init__(self, content_root: Path, articles: dict | None = None):
        self.content_root = content_root
        self.articles: dict[str, dict] = articles or {}
        self._saved = self._serialise()

    @classmethod
    def load(cls, content_root: Path) -> "ImportState":
        path = content_root / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(content_root)
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: cannot be read ({exc}); fix or delete it") from None
        articles = data.get("articles") if isinstance(data, dict) else None
        if not isinstance(articles, dict):
            raise ValueError(f"{path}: not an import state file; fix or delete it")
        return cls(content_root, {k: v for k, v in articles.items()
                                  if isinstance(v, dict) and isinstance(v.get("path"), str)})

    def get(self, key: str) -> dict | None:
        return self.articles.get(key)

    def remember(self, key: str, path: str, sha256: str, original_url: str) -> None:
        entry = {"path": path, "sha256": sha256}
        if original_url:
            entry["original_url"] = original_url
        self.articles[key] = entry

    def _serialise(self) -> str:
        return json.dumps({"version": STATE_VERSION, "articles": dict(sorted(self.articles.items()))},
                          ensure_ascii=False, indent=1) + "\n"

    def save(self) -> bool:
        """Write the state when it changed (a run that changes nothing writes nothing)."""
        data = self._serialise()
        if data == self._saved:
            return False
        write_atomic(inside(self.content_root, STATE_FILE), data.encode("utf-8"))
        self._saved = data
        return True
