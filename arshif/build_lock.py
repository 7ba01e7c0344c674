"""One build per project at a time.

Two builds share the staging folder (``output.partial``), the article cache
and the page fingerprints: run side by side (``invoke livereload`` beside
``invoke build``) one deleted the other's half-written output, and a gutted
site was swapped in with exit 0.  Every build holds an exclusive ``flock``
on one lock file per project; a second build waits for it (saying so once)
and gives up with one clear line after ``timeout`` seconds.

The kernel drops a ``flock`` when its process dies, so a killed build
never leaves a stale lock behind; the pid written in the file is only for
the message.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager

LOCK_NAME = "build.lock"
POLL_SECONDS = 0.2


class BuildBusy(Exception):
    pass


def lock_path(cache_root: str | None, final_output: str) -> str:
    """In the project's cache folder (shared by every output of the project),
    or beside the output folder when there is no cache."""
    if cache_root:
        return os.path.join(cache_root, LOCK_NAME)
    return final_output.rstrip(os.sep) + ".lock"


def _holder(handle) -> str:
    try:
        handle.seek(0)
        pid = handle.read().strip()
    except OSError:
        pid = ""
    return f" (pid {pid})" if pid.isdigit() else ""


@contextmanager
def exclusive(path: str, timeout: float = 600.0, notify=None):
    """Hold the lock for the block.  ``notify(message)`` is called once when
    another build holds it; ``BuildBusy`` is raised after ``timeout`` s."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    # O_NOFOLLOW: a link planted at the lock's name is not opened through.
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    with os.fdopen(descriptor, "r+", encoding="ascii", errors="replace") as handle:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(handle)
                if time.monotonic() >= deadline:
                    raise BuildBusy(f"another build of this project is still running{holder} "
                                    f"after {timeout:.0f} s; nothing was built") from None
                if not told and notify:
                    notify(f"waiting for another build of this project{holder} to finish…")
                    told = True
                time.sleep(POLL_SECONDS)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
