"""One build per project at a time (hardening round two, item 3): two builds
side by side used to publish a gutted site with exit 0."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import time

from conftest import CONFIG, ROOT
from arshif import build_lock


def _hold(path, seconds, ready):
    with build_lock.exclusive(path, timeout=5):
        ready.set()
        time.sleep(seconds)


def holding(site, seconds):
    """A process that holds the project's build lock for ``seconds``."""
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    process = ctx.Process(target=_hold, args=(str(site.root / "cache" / "build.lock"),
                                              seconds, ready))
    process.start()
    assert ready.wait(30)
    return process


def fill(site, count=40):
    for number in range(count):
        site.add(f"2023/11/a{number:03d}", title=f"خبر رقم {number}", tags=["وسم", f"و{number % 7}"],
                 date=f"2023-11-{1 + number % 28:02d} 10:{number % 60:02d}")


def test_a_second_build_gives_up_with_one_clear_line_and_touches_nothing(site):
    fill(site, 3)
    assert site.build().ok
    before = {p: (site.output / p).read_bytes() for p in site.pages()}
    site.add("2023/11/new", title="جديد")
    holder = holding(site, 5)
    try:
        result = site.build(ARSHIF_LOCK_TIMEOUT=0.5)
    finally:
        holder.join()
    assert not result.ok
    assert len(result.pelican_errors) == 1
    assert result.pelican_errors[0].startswith(
        f"another build of this project is still running (pid {holder.pid})")
    assert {p: (site.output / p).read_bytes() for p in site.pages()} == before


def test_a_second_build_waits_for_the_first_and_says_so(site):
    fill(site, 3)
    said = []
    holder = holding(site, 1.5)
    try:
        from arshif.build import build

        result = build(CONFIG, site.overrides(), notify=said.append)
    finally:
        holder.join()
    assert result.ok, result.problems
    assert said == [f"waiting for another build of this project (pid {holder.pid}) to finish…"]


BUILD = """
import sys
sys.path.insert(0, {root!r})
from arshif.build import build
result = build({config!r}, {overrides!r}, strict={strict})
sys.exit(0 if result.ok else 1)
"""


def test_two_builds_at_once_both_leave_a_complete_site(site):
    fill(site)
    overrides = site.overrides(ARSHIF_JOBS=1)
    lock = site.root / "cache" / "build.lock"
    runs = []
    for strict in (True, False):  # like invoke build beside invoke livereload
        runs.append(subprocess.Popen([sys.executable, "-c", BUILD.format(
            root=str(ROOT), config=CONFIG, overrides=overrides, strict=strict)],
            cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.01)  # the second starts once the first holds the lock
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert any("waiting for another build" in text for text in outputs), outputs
    ledger = json.loads((site.output / "ledger.json").read_text(encoding="utf-8"))["sources"]
    published = [r for r in ledger if r["status"] == "published"]
    assert len(published) == 40
    assert all((site.output / r["output"]).is_file() for r in published)
    assert not (site.root / "output.partial").exists()
    # The same site as one build on its own.
    site_pages = site.pages()
    import shutil

    shutil.rmtree(site.output)
    assert site.build().ok
    assert site.pages() == site_pages


def test_a_full_disk_is_one_line_and_leaves_no_partial_output(site, monkeypatch):
    import errno

    from arshif.site import writer

    fill(site, 3)
    assert site.build().ok
    before = {p: (site.output / p).read_bytes() for p in site.pages()}
    site.add("2023/11/new", title="جديد")
    written = []
    real = writer.SiteWriter.write_text

    def fill_up(self, relative, *args, **kwargs):
        written.append(relative)
        if len(written) > 5:
            raise OSError(errno.ENOSPC, "No space left on device",
                          str(site.root / "output.partial" / relative))
        return real(self, relative, *args, **kwargs)

    monkeypatch.setattr(writer.SiteWriter, "write_text", fill_up)
    result = site.build(ARSHIF_JOBS=1)
    assert not result.ok
    assert len(result.pelican_errors) == 1
    assert result.pelican_errors[0].startswith("cannot write the site: No space left on device (")
    assert not (site.root / "output.partial").exists()
    assert {p: (site.output / p).read_bytes() for p in site.pages()} == before


def test_an_output_folder_that_cannot_be_made_is_one_line(site, tmp_path):
    fill(site, 2)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output's parent should be")
    result = site.build(OUTPUT_PATH=str(blocker / "output"))
    assert not result.ok
    assert len(result.pelican_errors) == 1
    assert result.pelican_errors[0].startswith("cannot write the site: Not a directory")
