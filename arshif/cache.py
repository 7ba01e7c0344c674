"""A content-hash cache of loaded articles, so a warm rebuild only parses and
renders the files that changed.

Keyed by the file's bytes, its path (the slug defaults to the file name),
the settings that affect loading and the code of the modules that load, so
a fresh checkout (where every mtime is new) still hits, and any change that
could alter the result misses.  Pelican's own cache is keyed by mtime.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache

LOADER_MODULES = ("frontmatter", "validate", "markup", "sources", "dates", "text", "sections",
                  "model", "problems", "cache")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256()
    for name in LOADER_MODULES:
        with open(os.path.join(here, f"{name}.py"), "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


class ArticleCache:
    def __init__(self, folder: str | None, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (self.fingerprint.encode(), code_fingerprint().encode(),
                     path.encode("utf-8"), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".pickle")

    def get(self, key: str):
        if not self.folder:
            return None
        try:
            with open(self._file(key), "rb") as handle:
                value = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        if not self.folder:
            return
        target = self._file(key)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = f"{target}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
