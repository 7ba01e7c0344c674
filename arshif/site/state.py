"""The JSON files in which a build leaves, in the cache folder, what the next
build of the same output reuses: page fingerprints, the search shards'
digests, the search texts.  Each is only a cache: a missing or damaged file
reads as empty, and a write never leaves a half-written file behind."""

from __future__ import annotations

import hashlib
import json
import os


def output_file(cache_root: str | None, final_output: str | None, kind: str) -> str | None:
    """``<cache_root>/<kind>-<key>.json``, one per output folder (the key is
    its absolute path), or None without a cache or an output."""
    if not cache_root or not final_output:
        return None
    key = hashlib.sha1(os.path.abspath(final_output).encode()).hexdigest()[:16]
    return os.path.join(cache_root, f"{kind}-{key}.json")


def read(path: str | None) -> dict:
    """The stored object; ``{}`` when there is none or it cannot be read."""
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write(path: str, data, **dump_options) -> None:
    """Through a temporary file renamed into place (``json.dump`` options as given)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, **dump_options)
    os.replace(temporary, path)
