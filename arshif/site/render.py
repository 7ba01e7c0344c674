"""Render the planned pages: in parallel when there are many, and reusing
unchanged pages of the previous output on a warm rebuild.

Reuse: each page's fingerprint (arshif.site.fingerprint) is kept in the cache
folder; a page whose fingerprint is unchanged and whose file exists in the
previous output is hard-linked into the new output instead of rendered.  The
new output is built beside the old one and swapped in at the end, and files
are never modified in place, so linking is safe.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
from dataclasses import dataclass

from arshif.site import state
from arshif.site.writer import OutputError, safe_path

PARALLEL_THRESHOLD = 600
CHUNK = 200


@dataclass
class RenderStats:
    rendered: int = 0
    reused: int = 0


def check_unique(jobs) -> None:
    """A last guard (content collisions are reported by validation first):
    no two pages on one file, also on a case-insensitive file system."""
    from arshif.content.validate import fold_url

    seen = {}
    for job in jobs:
        key = fold_url(job.url)
        if key in seen:
            raise OutputError(f"{job.url} would be written twice ({seen[key]} and {job.origin})")
        seen[key] = job.origin


def fingerprint_file(cache_root: str | None, final_output: str | None) -> str | None:
    return state.output_file(cache_root, final_output, "pages")


def load_fingerprints(path: str | None) -> dict:
    return state.read(path)


def save_fingerprints(path: str | None, fingerprints: dict) -> None:
    if path:
        state.write(path, fingerprints, ensure_ascii=False, sort_keys=True)


def _link(previous: str, target: str, folders: set[str]) -> bool:
    folder = os.path.dirname(target)
    if folder not in folders:  # one mkdir per folder, not per page
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)
    try:
        os.link(previous, target)
    except OSError:
        try:
            shutil.copy2(previous, target)
        except OSError:
            return False
    return True


_shared = None


def _render_range(bounds):
    writer, jobs = _shared
    for job in jobs[bounds[0]:bounds[1]]:
        writer.render(job.url, job.template, job.origin, **job.context)
    return bounds[1] - bounds[0]


def render_all(jobs, writer, *, processes: int = 1, fingerprints: dict | None = None,
               previous: dict | None = None, previous_output: str | None = None) -> RenderStats:
    """Write every job through ``writer`` (which records what it wrote)."""
    check_unique(jobs)
    stats = RenderStats()
    to_render = []
    for job in jobs:
        if (fingerprints and previous_output and previous
                and previous.get(job.url) == fingerprints.get(job.url)
                and _link(os.path.join(previous_output, job.url),
                          safe_path(writer.output_path, job.url), writer.folders)):
            stats.reused += 1
        else:
            to_render.append(job)
        writer.written[job.url] = job.origin
    stats.rendered = len(to_render)
    if processes > 1 and len(to_render) >= PARALLEL_THRESHOLD:
        global _shared
        _shared = (writer, to_render)
        ranges = [(start, min(start + CHUNK, len(to_render)))
                  for start in range(0, len(to_render), CHUNK)]
        # Forked workers share the model and the compiled templates
        # copy-on-write.  Freezing the heap first keeps the workers' garbage
        # collector from writing to (and so copying) every object it scans;
        # the parent renders too, so one copy fewer exists.
        gc.collect()
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(processes - 1) as pool:
                pending = pool.map_async(
                    _render_range, [r for i, r in enumerate(ranges) if i % processes])
                for bounds in ranges[::processes]:
                    _render_range(bounds)
                pending.get()
        finally:
            gc.unfreeze()
            _shared = None
    else:
        for job in to_render:
            writer.render(job.url, job.template, job.origin, record=False, **job.context)
    return stats
