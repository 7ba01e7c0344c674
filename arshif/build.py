"""Run a build in-process: the API behind ``invoke build``/``check`` and the tests.

Pelican on its own logs a problem and exits 0; here any content error, any
error Pelican logs, or a source missing from the output fails the build
(unless ``strict=False``, the preview mode, which builds the valid articles
and lists the others).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field

from arshif.content.problems import ContentErrors, Problem, sort_problems


STAGING_SUFFIX = ".partial"


@dataclass
class BuildResult:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)
    output_path: str = ""
    content_root: str = ""
    seconds: float = 0.0
    search_seconds: float = 0.0
    search_run: object = None  # arshif.outputs.search.PagefindRun: the shards, built or reused
    pelican_errors: list[str] = field(default_factory=list)
    summary: str = ""
    generator: object = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def load_settings(settings_file: str = "pelicanconf.py", overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings

    return read_settings(settings_file, override=overrides or {})


def check(settings_file: str = "pelicanconf.py", overrides: dict | None = None) -> list[Problem]:
    """Validate every source without building the site: nothing is written but
    the article cache.  Bodies are converted too (from the cache when unchanged),
    since only then can images in them be checked."""
    from arshif.content import archive
    from arshif.content.sections import SectionTree
    from arshif.newsroom.model import build as build_newsroom

    settings = load_settings(settings_file, overrides)
    tree = SectionTree(settings["ARSHIF_SECTIONS"])
    loaded = archive.load(settings["PATH"], settings, tree)
    articles, problems = loaded.articles, loaded.problems
    # Tag spelling variants are only found by the newsroom model.
    newsroom = build_newsroom(articles, tree, related_count=0)
    return sort_problems(problems + newsroom.problems)


def build(settings_file: str = "pelicanconf.py", overrides: dict | None = None,
          strict: bool = True, search: bool = False, notify=None) -> BuildResult:
    """``search`` runs Pagefind over the output (timed in ``search_seconds``);
    the offline search index is always written.  One build per project runs
    at a time: ``notify(message)`` (default: stderr) says when this one waits."""
    from arshif import build_lock

    started = time.perf_counter()
    overrides = dict(overrides or {})
    overrides["ARSHIF_STRICT"] = strict
    first = load_settings(settings_file, overrides)
    final_output = first["OUTPUT_PATH"]
    lock = build_lock.lock_path(first.get("ARSHIF_PAGE_CACHE_PATH"), final_output)
    notify = notify or (lambda message: print(message, file=sys.stderr, flush=True))
    try:
        with build_lock.exclusive(lock, first.get("ARSHIF_LOCK_TIMEOUT", 600), notify):
            result = _build_locked(settings_file, overrides, final_output, strict, search)
    except build_lock.BuildBusy as exc:
        result = BuildResult(ok=False, output_path=final_output, content_root=first["PATH"],
                             pelican_errors=[str(exc)])
    except OSError as exc:  # a full disk, a read-only or missing folder: one line, no traceback
        # A half-written staging folder must not go on filling the disk.
        shutil.rmtree(final_output.rstrip(os.sep) + STAGING_SUFFIX, ignore_errors=True)
        result = BuildResult(ok=False, output_path=final_output, content_root=first["PATH"],
                             pelican_errors=[file_system_error(exc)])
    result.seconds = time.perf_counter() - started
    return result


def file_system_error(exc: OSError) -> str:
    where = f" ({exc.filename})" if exc.filename else ""
    return (f"cannot write the site: {exc.strerror or exc}{where}; nothing was published "
            "and the previous output is untouched")


def _build_locked(settings_file, overrides, final_output, strict, search) -> BuildResult:
    from pelican import Pelican
    from pelican.log import console as pelican_console

    from arshif.outputs.ledger import LedgerError, missing_outputs
    from arshif.site import signals as arshif_signals

    # Build beside the output folder, then swap: a failed build leaves the
    # previous output untouched (Pelican empties OUTPUT_PATH before reading).
    staging = final_output.rstrip(os.sep) + STAGING_SUFFIX
    recover(final_output)
    if os.path.exists(staging):
        shutil.rmtree(staging)
    overrides["OUTPUT_PATH"] = staging
    overrides["DELETE_OUTPUT_DIRECTORY"] = True
    overrides["ARSHIF_FINAL_OUTPUT"] = final_output
    overrides["ARSHIF_PAGEFIND"] = search  # the search page asks Pagefind only if it exists
    # Only a live-preview build lets the livereload script run (arshif/preview.py);
    # a strict build, which may be published, never does.
    from arshif.preview import snippet_source

    live = overrides.get("ARSHIF_LIVERELOAD") and not strict
    overrides["ARSHIF_CSP_SCRIPT_EXTRA"] = snippet_source() if live else ""
    settings = load_settings(settings_file, overrides)
    collector = _ErrorCollector()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(collector)
    result = BuildResult(ok=False, output_path=final_output,
                         content_root=settings["PATH"])
    seen = []

    def remember(sender, **_):
        seen.append(sender)

    arshif_signals.built.connect(remember)
    # Pelican's closing line counts only its own generators ("0 articles");
    # the ledger summary replaces it.
    quiet, pelican_console.quiet = pelican_console.quiet, True
    try:
        Pelican(settings).run()
    except ContentErrors as exc:
        result.problems = exc.problems
    except LedgerError as exc:
        result.pelican_errors.append(str(exc))
    finally:
        pelican_logger.removeHandler(collector)
        arshif_signals.built.disconnect(remember)
        pelican_console.quiet = quiet
    result.pelican_errors.extend(collector.messages)
    if seen:
        generator = seen[-1]
        result.generator = generator
        result.problems = generator.problems
        result.records = generator.records
        result.summary = getattr(generator, "ledger_summary", "")
    has_errors = bool(result.errors) or bool(result.pelican_errors)
    result.ok = (not has_errors) if strict else not result.pelican_errors and bool(result.summary)
    if result.ok and search:
        from arshif.outputs.search import run_pagefind, state_file

        search_started = time.perf_counter()
        try:
            result.search_run = run_pagefind(
                staging, previous_output=final_output,
                state_path=state_file(settings.get("ARSHIF_PAGE_CACHE_PATH"), final_output))
        except (RuntimeError, OSError) as exc:
            result.ok = False
            result.pelican_errors.append(str(exc))
        result.search_seconds = time.perf_counter() - search_started
    if result.ok:
        swap_in(staging, final_output)
        # Success is claimed only for an output that holds every published page.
        missing = missing_outputs(result.records, final_output)
        if missing:
            result.ok = False
            result.pelican_errors.append(
                f"{len(missing)} published page(s) missing from {final_output} after the build, "
                f"e.g. {missing[0]['output']}; build again")
        elif result.generator is not None:
            # Only now do the pages on disk match the new fingerprints.
            from arshif.site.render import save_fingerprints

            save_fingerprints(*result.generator.pending_fingerprints)
        if result.ok and result.search_run is not None:
            result.search_run.save_state()
    elif os.path.exists(staging):
        shutil.rmtree(staging)
    return result


def recover(final: str) -> None:
    """A build killed between swap_in's two renames left the last good output
    as ``final.old`` and no ``final``: put it back before anything else."""
    old = final.rstrip(os.sep) + ".old"
    if os.path.isdir(old) and not os.path.exists(final):
        os.rename(old, final)


def swap_in(staging: str, final: str) -> None:
    """Replace ``final`` with ``staging`` by two renames (see ``recover``)."""
    old = final.rstrip(os.sep) + ".old"
    if os.path.exists(old):
        shutil.rmtree(old)
    if os.path.exists(final):
        os.rename(final, old)
    os.rename(staging, final)
    if os.path.exists(old):
        shutil.rmtree(old)


