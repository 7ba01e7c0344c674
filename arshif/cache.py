"""A content-hash cache of loaded articles, so a warm rebuild only parses and
renders the files that changed.

Keyed by the file's bytes, its path (the slug defaults to the file name),
the settings that affect loading and the code of the modules that load, so
a fresh checkout (where every mtime is new) still hits, and any change that
could alter the result misses.  Pelican's own cache is keyed by mtime.

The entries live in one SQLite file: creating one small file per article
cost about as much as a tenth of a cold build on this project's machines.
It is only a cache: any error reading it is a miss, a damaged file is
started afresh, and entries no build used are dropped once they outnumber
the ones in use.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from functools import lru_cache

LOADER_MODULES = ("frontmatter", "validate", "markup", "sources", "dates", "text", "sections",
                  "model", "problems", "cache")
DATABASE = "articles.sqlite"
BATCH = 500  # entries written per transaction


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
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, bytes]] = []
        self._used: set[str] = set()

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (self.fingerprint.encode(), code_fingerprint().encode(),
                     path.encode("utf-8"), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.hexdigest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and self.folder:
            os.makedirs(self.folder, exist_ok=True)
            path = os.path.join(self.folder, DATABASE)
            for attempt in (1, 2):
                try:
                    db = sqlite3.connect(path, timeout=60)
                    # A cache: after a crash the worst case is a rebuild.
                    db.execute("PRAGMA synchronous=OFF")
                    db.execute("CREATE TABLE IF NOT EXISTS entry "
                               "(key TEXT PRIMARY KEY, value BLOB NOT NULL)")
                    self._db = db
                    break
                except sqlite3.DatabaseError:
                    if attempt == 2:
                        raise
                    os.remove(path)  # not a database (damaged): start afresh
        return self._db

    def get(self, key: str):
        db = self._connect()
        if db is None:
            return None
        self._used.add(key)
        try:
            row = db.execute("SELECT value FROM entry WHERE key = ?", (key,)).fetchone()
            value = pickle.loads(row[0]) if row else None
        except (sqlite3.Error, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, ValueError):
            value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        if not self.folder:
            return
        self._used.add(key)
        self._pending.append((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        db = self._connect()
        if db is None or not self._pending:
            return
        with db:
            db.executemany("INSERT OR REPLACE INTO entry (key, value) VALUES (?, ?)",
                           self._pending)
        self._pending.clear()

    def close(self) -> None:
        """Write what is pending, and drop unused entries once they outnumber
        the used ones (old versions of edited files, deleted files)."""
        db = self._connect()
        if db is None:
            return
        self.flush()
        (total,) = db.execute("SELECT COUNT(*) FROM entry").fetchone()
        if total > 2 * len(self._used) + 1000:
            with db:
                db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?)",
                               ((k,) for k in self._used))
                db.execute("DELETE FROM entry WHERE key NOT IN (SELECT key FROM used)")
                db.execute("DROP TABLE used")
            db.execute("VACUUM")
        db.close()
        self._db = None
