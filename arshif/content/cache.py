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
import logging
import os
import pickle
import sqlite3
from functools import lru_cache

LOADER_MODULES = ("frontmatter", "validate", "markup", "sources", "dates", "text", "sections",
                  "model", "problems", "cache")
DATABASE = "articles.sqlite"
BATCH = 500  # entries written per transaction
DIGEST_SIZE = 16  # blake2b of each stored value

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256()
    for name in LOADER_MODULES:
        with open(os.path.join(here, f"{name}.py"), "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


class ArticleCache:
    """Never fails a build: a damaged database (a bad page, a truncated
    file, ``articles`` being a file instead of a folder) is reported in one
    warning and replaced by a fresh one; anything else that goes wrong with
    it turns the cache off for the run.  Each value carries a digest of its
    bytes, so a damaged page that SQLite does not notice is a miss too, never
    a wrong article."""

    def __init__(self, folder: str | None, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._off = not folder
        self._pending: list[tuple[str, bytes]] = []
        self._used: set[str] = set()

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (self.fingerprint.encode(), code_fingerprint().encode(),
                     path.encode("utf-8"), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.hexdigest()

    @property
    def path(self) -> str:
        return os.path.join(self.folder, DATABASE)

    def _open(self) -> sqlite3.Connection:
        if not os.path.isdir(self.folder) and os.path.lexists(self.folder):
            raise Damaged(f"{self.folder} is not a folder")
        os.makedirs(self.folder, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=60)
        try:
            # A cache: after a crash the worst case is a rebuild.
            db.execute("PRAGMA synchronous=OFF")
            db.execute("CREATE TABLE IF NOT EXISTS entry "
                       "(key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        except BaseException:
            db.close()
            raise
        return db

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._off:
            try:
                self._db = self._open()
            except (sqlite3.DatabaseError, Damaged) as exc:
                self._start_afresh(exc)
            except (sqlite3.Error, OSError) as exc:
                self._turn_off(exc)
        return self._db

    def _start_afresh(self, exc: Exception) -> None:
        """Delete the damaged database (or whatever is in the folder's place)
        and open an empty one; entries already read stay valid (checked by
        their digest)."""
        self._close_quietly()
        logger.warning("warning: article cache %s is damaged (%s): starting afresh",
                       self.path, _reason(exc))
        try:
            if os.path.isdir(self.folder) and not os.path.islink(self.folder):
                for suffix in ("", "-journal", "-wal", "-shm"):
                    if os.path.lexists(self.path + suffix):
                        os.remove(self.path + suffix)
            elif os.path.lexists(self.folder):
                os.remove(self.folder)
            self._db = self._open()
        except (sqlite3.Error, OSError, Damaged) as again:
            self._turn_off(again, quiet=True)

    def _turn_off(self, exc: Exception, quiet: bool = False) -> None:
        self._close_quietly()
        self._off = True
        self._pending.clear()
        if not quiet:
            logger.warning("warning: article cache %s cannot be used (%s): building without it",
                           self.path, _reason(exc))

    def _close_quietly(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def _failed(self, exc: sqlite3.Error) -> None:
        """``OperationalError`` (locked, disk full, read-only) is not damage."""
        if isinstance(exc, sqlite3.OperationalError):
            self._turn_off(exc)
        else:
            self._start_afresh(exc)

    def get(self, key: str):
        db = self._connect()
        if db is None:
            return None
        self._used.add(key)
        value = None
        try:
            row = db.execute("SELECT value FROM entry WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            row = None
        if row and isinstance(row[0], bytes) and len(row[0]) > DIGEST_SIZE:
            check, data = row[0][:DIGEST_SIZE], row[0][DIGEST_SIZE:]
            if _digest(data) == check:
                try:
                    value = pickle.loads(data)
                except (EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                        TypeError, ValueError, IndexError, KeyError):
                    value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        if self._off:
            return
        self._used.add(key)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending.append((key, _digest(data) + data))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for attempt in (1, 2):
            db = self._connect()
            if db is None or not self._pending:
                return
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO entry (key, value) VALUES (?, ?)",
                                   self._pending)
                break
            except sqlite3.Error as exc:
                if attempt == 2:
                    self._turn_off(exc)
                    return
                self._failed(exc)  # a fresh database, then once more
        self._pending.clear()

    def close(self) -> None:
        """Write what is pending, and drop unused entries once they outnumber
        the used ones (old versions of edited files, deleted files)."""
        self.flush()
        db = self._connect()
        if db is None:
            return
        try:
            (total,) = db.execute("SELECT COUNT(*) FROM entry").fetchone()
            if total > 2 * len(self._used) + 1000:
                with db:
                    db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                    db.executemany("INSERT OR IGNORE INTO used VALUES (?)",
                                   ((k,) for k in self._used))
                    db.execute("DELETE FROM entry WHERE key NOT IN (SELECT key FROM used)")
                    db.execute("DROP TABLE used")
                db.execute("VACUUM")
        except sqlite3.OperationalError:
            pass  # pruning can wait for another build
        except sqlite3.DatabaseError as exc:
            # Damage found while counting: the next build starts afresh
            # (this one's entries would be lost with the file anyway).
            self._start_afresh(exc)
        self._close_quietly()


class Damaged(Exception):
    pass


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
