"""Shared fixtures: write a small archive into tmp_path and build it in-process."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CONFIG = str(ROOT / "pelicanconf.py")


def article(title="عنوان", date="2023-11-29 20:54", section="سياسة", tags=None,
            body="فقرة أولى.\n\nفقرة ثانية.", **extra) -> str:
    """Source text of an article; pass ``None`` to leave a field out."""
    lines = ["---"]
    if title is not None:
        lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    if date is not None:
        lines.append(f"date: {date}")
    if section is not None:
        lines.append(f"section: {section}")
    if tags is not None:
        lines.append(f"tags: {json.dumps(tags, ensure_ascii=False)}")
    for key, value in extra.items():
        lines.append(f"{key}: {value}")
    lines.append("---")
    lines.append("")
    lines.append(body)
    return "\n".join(lines) + "\n"


def copy_project(destination: Path) -> Path:
    """The project's code, theme, settings and sample content, as a newcomer's
    checkout would have them (for tests that run the ``invoke`` commands)."""
    import shutil

    destination.mkdir(parents=True, exist_ok=True)
    for name in ("arshif", "theme", "content"):
        shutil.copytree(ROOT / name, destination / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py", "import_sections.yaml"):
        shutil.copy(ROOT / name, destination / name)
    return destination


class Site:
    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        (self.content / "articles").mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text,
                            encoding="utf-8")
        return path

    def add(self, name: str, **fields) -> Path:
        """An article at ``articles/<name>.md`` (name may contain folders)."""
        return self.write(f"articles/{name}.md", article(**fields))

    def overrides(self, **extra) -> dict:
        settings = {"PATH": str(self.content), "OUTPUT_PATH": str(self.output),
                    "ARSHIF_CACHE_PATH": str(self.root / "cache" / "articles"),
                    "ARSHIF_PAGE_CACHE_PATH": str(self.root / "cache")}
        settings.update(extra)
        return settings

    def build(self, strict=True, search=False, **extra):
        from arshif.build import build

        return build(CONFIG, self.overrides(**extra), strict=strict, search=search)

    def check(self, **extra):
        from arshif.build import check

        return check(CONFIG, self.overrides(**extra))

    def html(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / relative).read_text(encoding="utf-8"), "html.parser")

    def pages(self):
        return sorted(p.relative_to(self.output).as_posix()
                      for p in self.output.rglob("*.html"))


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


@pytest.fixture(scope="session")
def tree():
    import pelicanconf
    from arshif.content.sections import SectionTree

    return SectionTree(pelicanconf.ARSHIF_SECTIONS)


# Never pass by skipping: a skipped test is counted as a failure of the run
# (tests/test_test_command.py also checks no test skips itself).
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_line(
            f"{len(_skipped)} test(s) skipped, which fails the run: the suite must test "
            f"everything (run it with `invoke test`, which installs what it needs); "
            f"first: {_skipped[0]}", red=True)


def offline_index(output: Path) -> dict:
    """The offline search index of a build as the browser holds it once every
    shard is loaded: the manifest (``search-index.js``) with ``docs``, every
    year's documents (``search/YYYY.js``), newest first."""
    text = (output / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.ARSHIF_SEARCH_INDEX="
    assert text.startswith(prefix) and text.endswith(";\n")
    manifest = json.loads(text[len(prefix):-2])
    manifest["docs"] = []
    for shard in manifest["shards"]:
        script = (output / shard["src"].split("?")[0]).read_text(encoding="utf-8")
        head = ("(window.ARSHIF_SEARCH_SHARDS=window.ARSHIF_SEARCH_SHARDS||{})"
                f"[{json.dumps(shard['name'])}]=")
        assert script.startswith(head) and script.endswith(";\n"), script[:100]
        docs = json.loads(script[len(head):-2])
        assert len(docs) == shard["docs"]
        manifest["docs"].extend(docs)
    return manifest
