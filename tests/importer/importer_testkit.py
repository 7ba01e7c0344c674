"""Shared helpers and fixtures of the importer tests: the fixture pages, a
content folder per test, and one import of everything shared by the
read-only tests.

Not a conftest.py: the project's tests do ``from conftest import …``, and a
second conftest module would shadow theirs.  Test modules import the
fixtures they use from here.
"""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pelicanconf  # noqa: E402
from arshif.content.frontmatter import decode, parse  # noqa: E402
from arshif.importer.cli import run_import  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
MIRROR = FIXTURES / "mirror"
SAVED = FIXTURES / "saved"
WXR = FIXTURES / "wxr"
PROBLEMS = FIXTURES / "problems"
ALL_GOOD = [MIRROR, SAVED, WXR]

# An article an editor wrote by hand before the import: the sahel page's
# «إقرأ أيضًا» list links to its old address.
HAND_WRITTEN = """---
title: "مخطط استعجالي لمواجهة الجفاف وتأمين الماء الشروب"
date: 2023-10-12 11:00
section: مجتمع
tags: ["الماء", "الجفاف"]
original_url: "https://akhbar.example/2023/10/12/drought-water-plan/"
---

أعلنت الحكومة عن مخطط استعجالي لتأمين الماء الشروب في المناطق الأكثر تضررا من الجفاف.
"""


class Run:
    """One call of run_import: its exit code and its report."""

    def __init__(self, content: Path, paths, **options):
        out = io.StringIO()
        # From the fixtures folder, so the report names inputs the same way
        # wherever pytest is started.
        here = os.getcwd()
        os.chdir(FIXTURES)
        try:
            self.code = run_import([str(p) for p in paths], content_root=str(content),
                                   sections_spec=pelicanconf.ARSHIF_SECTIONS, out=out, **options)
        finally:
            os.chdir(here)
        self.report = out.getvalue()
        self.lines = self.report.splitlines()

    def status_of(self, needle: str) -> str:
        """Status word of the report line that mentions ``needle``."""
        found = [line.split()[0] for line in self.lines[1:-1] if needle in line]
        assert len(found) == 1, f"{needle!r} in {len(found)} report lines:\n{self.report}"
        return found[0]


def new_content(root: Path) -> Path:
    content = root / "content"
    article = content / "articles" / "2023" / "10" / "drought-water-plan.md"
    article.parent.mkdir(parents=True)
    article.write_text(HAND_WRITTEN, encoding="utf-8")
    return content


def read_article(path: Path) -> tuple[dict, str]:
    matter = parse(decode(path.read_bytes(), str(path)), str(path))
    return matter.fields, matter.body


@pytest.fixture
def content(tmp_path) -> Path:
    return new_content(tmp_path)


_IMPORTED: dict = {}


@pytest.fixture(scope="session")
def imported(tmp_path_factory):
    """Everything importable, imported once into a fresh content folder
    (memoised here: each test module that imports this fixture gets its own
    fixture definition, but they all share one import)."""
    if "run" not in _IMPORTED:
        content = new_content(tmp_path_factory.mktemp("imported"))
        _IMPORTED["run"] = (content, Run(content, ALL_GOOD))
    return _IMPORTED["run"]


@pytest.fixture
def copy_of():
    """Copy a fixture folder so a test can change it."""
    def copy(source: Path, target: Path) -> Path:
        shutil.copytree(source, target)
        return target
    return copy


def _load_script(path: Path):
    spec = importlib.util.spec_from_file_location("importer_fixture_images", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tiny_png = _load_script(FIXTURES / "make_images.py").tiny_png


def build_site(content: Path, output: Path):
    """A strict build of ``content`` into ``output`` with the project's
    settings, its caches beside ``output`` (never in the project's cache/)."""
    from arshif.build import build

    cache = output.parent / f"{output.name}-cache"
    return build(str(REPO / "pelicanconf.py"),
                 overrides={"PATH": str(content), "OUTPUT_PATH": str(output),
                            "ARSHIF_CACHE_PATH": str(cache / "articles"),
                            "ARSHIF_PAGE_CACHE_PATH": str(cache)})
