"""Attacks that held in the second hardening round, kept in the suite so they
keep holding: a build killed at any moment, and output that depends on
nothing but the content (hash seed, time zone, locale, worker count)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import CONFIG, ROOT, Site
from arshif.build import recover

BUILD = """
import sys
sys.path.insert(0, {root!r})
from arshif.build import build
result = build({config!r}, {overrides!r})
sys.exit(0 if result.ok else 1)
"""


def digest(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "ledger.json"}


def fill(site: Site, count: int, tag: str = "وسم"):
    for number in range(count):
        site.add(f"2023/{1 + number % 12:02d}/a{number:03d}", title=f"خبر {number} {tag}",
                 tags=[tag, f"و{number % 9}"], date=f"2023-{1 + number % 12:02d}-{1 + number % 28:02d} 10:00",
                 body=f"فقرة أولى من الخبر {number}.\n\nفقرة ثانية.\n\nفقرة ثالثة.")


def run_build(site: Site, env=None, **extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", BUILD.format(
        root=str(ROOT), config=CONFIG, overrides=site.overrides(**extra))],
        cwd=site.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_build_killed_at_any_moment_leaves_a_whole_site(tmp_path):
    site = Site(tmp_path / "site")
    fill(site, 60)
    assert site.build().ok
    before = digest(site.output)
    fill(site, 60, tag="جديد")  # every page changes
    started = time.monotonic()
    assert run_build(site).wait(300) == 0
    duration = time.monotonic() - started
    after = digest(site.output)
    assert after != before
    # Back to the first content, then kill the rebuild at spread-out moments.
    fill(site, 60)
    for step in range(1, 12):
        process = run_build(site)
        time.sleep(duration * step / 12)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        recover(str(site.output))  # what the next build does first
        state = digest(site.output)
        assert state in (before, after), f"a partial site after a kill at step {step}"
        after = state if state != before else after
    assert site.build().ok
    assert digest(site.output) == before
    assert not (site.root / "output.partial").exists() and not (site.root / "output.old").exists()


def test_the_output_depends_only_on_the_content(tmp_path):
    """Two builds of the same content with other hash seeds, time zones, locales
    and worker counts are byte-identical (the ledger names the folders)."""
    outputs = []
    settings = [({"PYTHONHASHSEED": "1", "TZ": "UTC", "LANG": "C.UTF-8"}, 1),
                ({"PYTHONHASHSEED": "4242", "TZ": "Asia/Tokyo", "LANG": "ar_MA.UTF-8"}, 2)]
    for number, (env, jobs) in enumerate(settings):
        site = Site(tmp_path / f"site{number}")
        fill(site, 30)
        process = run_build(site, env=dict(os.environ, **env), ARSHIF_JOBS=jobs)
        assert process.wait(300) == 0
        outputs.append(digest(site.output))
    assert outputs[0] == outputs[1]


def test_recover_puts_back_the_last_good_output(tmp_path):
    old = tmp_path / "output.old"
    old.mkdir()
    (old / "index.html").write_text("good")
    recover(str(tmp_path / "output"))
    assert (tmp_path / "output" / "index.html").read_text() == "good" and not old.exists()
