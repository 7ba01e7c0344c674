"""html-validate (npm, pinned in package.json) over every page of the sample build."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT

VALIDATOR = ROOT / "node_modules" / ".bin" / "html-validate"
CONFIG = ROOT / ".htmlvalidate.json"


def run_html_validate(files: list[str]) -> list[subprocess.Popen]:
    if not VALIDATOR.exists():
        pytest.fail("node_modules is missing: run the suite with `invoke test` (it runs "
                    "`npm ci` for html-validate, pinned in package-lock.json)", pytrace=False)
    if shutil.which("npx") is None:
        pytest.fail("npx (Node.js) is not installed: run the suite with `invoke test`",
                    pytrace=False)
    # Two processes (the machines have two cores): html-validate takes ~50 ms a page.
    half = (len(files) + 1) // 2
    return [subprocess.Popen(["npx", "--no-install", "html-validate", "-c", str(CONFIG),
                              *chunk], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
            for chunk in (files[:half], files[half:]) if chunk]


def assert_valid(files):
    failures = []
    for process in run_html_validate(files):
        output, _ = process.communicate(timeout=300)
        if process.returncode != 0:
            failures.append(output)
    assert not failures, "\n".join(failures)


def test_every_sample_page_is_valid_html(sample_output):
    files = sorted(str(p) for p in sample_output.rglob("*.html"))
    assert len(files) > 100
    assert_valid(files)


def test_public_build_pages_are_valid_html(published_output):
    """Share links, absolute 404 links and numbered pagination only appear in this build."""
    files = sorted(str(p) for p in published_output.glob("section/**/page-*.html"))
    files += [str(published_output / "404.html"),
              str(sorted(published_output.glob("[0-9]*/*/*.html"))[-1])]
    assert_valid(files)
