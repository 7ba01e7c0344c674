"""Symbolic links under content/ (hardening round two, items 1 and 8).

A pull request can add a link as easily as a file; whatever the link points
at must never reach the site unless it is itself part of content/."""

from __future__ import annotations

import json
import os

import pytest

from arshif.content import files

SECRET = "ARSHIF_SECRET_TOKEN=ghs_do_not_publish"


@pytest.fixture
def secret(tmp_path):
    """A file outside the content folder, like .git/config or /proc/self/environ."""
    path = tmp_path / "outside" / "config"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def output_text(site) -> str:
    chunks = []
    for path in site.output.rglob("*"):
        if path.is_file():
            chunks.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(chunks)


@pytest.mark.parametrize("where", ["images/cfg.png", "images/2023/env.png",
                                   "articles/2023/leak.md", "pages/leak.md"])
def test_a_link_out_of_content_is_an_error_in_check_and_build(site, secret, where):
    site.add("2023/11/ok", title="خبر سليم")
    link = site.content / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)

    problems = [str(p) for p in site.check() if p.is_error]
    assert any(p.startswith(f"{where}:1: file: is a symbolic link to {secret}, outside ")
               for p in problems), problems

    result = site.build()
    assert not result.ok
    assert any(p.path == where for p in result.errors)
    assert not site.output.exists(), "a failed build publishes nothing"


def test_preview_publishes_the_rest_but_never_the_link_target(site, secret):
    site.add("2023/11/ok", title="خبر سليم")
    site.write("images/real.png", b"\x89PNG\r\n\x1a\nreal")
    (site.content / "images" / "cfg.png").symlink_to(secret)
    (site.content / "images" / "root").symlink_to("/")  # would walk the whole disk

    result = site.build(strict=False)
    assert result.ok
    assert (site.output / "images" / "real.png").read_bytes().endswith(b"real")
    assert not (site.output / "images" / "cfg.png").exists()
    assert not (site.output / "images" / "root").exists()
    assert SECRET not in output_text(site)
    ledger = json.loads((site.output / "ledger.json").read_text(encoding="utf-8"))
    assert {"source": "articles/2023/11/ok.md", "status": "published",
            "output": "2023/11/ok.html"} in ledger["sources"]


def test_a_static_link_into_articles_would_publish_drafts_markdown(site):
    site.add("2023/11/secret", title="مقال محجوب", status="draft", body="نص سري لم ينشر.")
    (site.content / "images").mkdir()
    (site.content / "images" / "drafts").symlink_to("../articles", target_is_directory=True)

    problems = [str(p) for p in site.check() if p.is_error]
    assert any(p.startswith("images/drafts:1: file: is a symbolic link to ../articles, "
                            "outside images/") for p in problems), problems
    site.build(strict=False)
    assert "نص سري" not in output_text(site)


def test_a_whole_articles_folder_linked_from_outside_is_refused(site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text("---\ntitle: t\n---\n", encoding="utf-8")
    (site.content / "articles" / "2024").symlink_to(elsewhere, target_is_directory=True)
    problems = [str(p) for p in site.check() if p.is_error]
    assert any(p.startswith("articles/2024:1: file: is a symbolic link") for p in problems)


def test_broken_links_and_loops_are_reported_not_tracebacks(site):
    site.add("2023/11/ok")
    (site.content / "articles" / "dangling.md").symlink_to(site.content / "nowhere.md")
    (site.content / "articles" / "loop").symlink_to(".", target_is_directory=True)
    problems = [str(p) for p in site.check() if p.is_error]
    assert any(p.startswith("articles/dangling.md:1: file: is a broken") for p in problems)
    assert any(p.startswith("articles/loop:1: file:") and "already listed" in p for p in problems)
    result = site.build(strict=False)
    assert result.ok
    ledger = json.loads((site.output / "ledger.json").read_text(encoding="utf-8"))
    assert {"source": "articles/dangling.md", "status": "error"} in ledger["sources"]


def test_links_that_stay_inside_content_are_published(site):
    site.write("shared/2023/kept.md", "---\ntitle: \"محفوظ\"\ndate: 2023-11-29 20:54\n"
                                      "section: سياسة\n---\n\nنص.\n")
    (site.content / "articles" / "2023").symlink_to("../shared/2023", target_is_directory=True)
    site.write("images/a.png", b"\x89PNG\r\n\x1a\nA")
    (site.content / "images" / "b.png").symlink_to("a.png")
    result = site.build()
    assert result.ok, result.problems
    assert (site.output / "2023" / "11" / "kept.html").is_file()
    assert (site.output / "images" / "b.png").read_bytes().endswith(b"A")
    assert not (site.output / "images" / "b.png").is_symlink()


def test_hidden_folders_are_listed_as_ignored_with_the_reason(site):
    site.add("2023/11/ok")
    site.write("articles/.old/forgotten.md", "---\ntitle: x\n---\n")
    site.write("articles/2023/x.md~", "backup")
    result = site.build()
    assert result.ok
    ledger = json.loads((site.output / "ledger.json").read_text(encoding="utf-8"))
    assert {"source": "articles/.old/forgotten.md", "status": "ignored",
            "reason": "inside hidden folder articles/.old/"} in ledger["sources"]
    assert {"source": "articles/2023/x.md~", "status": "ignored",
            "reason": "editor backup"} in ledger["sources"]


def test_walk_is_a_plain_function(tmp_path):
    (tmp_path / "images" / "a").mkdir(parents=True)
    (tmp_path / "images" / "a" / "x.png").write_bytes(b"x")
    (tmp_path / "images" / ".DS_Store").write_bytes(b"x")
    os.symlink("/etc/hostname", tmp_path / "images" / "h.png")
    listing = files.walk(str(tmp_path), "images", allowed="images")
    assert listing.files == ["images/a/x.png"]
    assert listing.ignored == [("images/.DS_Store", "hidden file")]
    assert [p.path for p in listing.problems] == ["images/h.png"]


def test_workflows_do_not_keep_the_token_in_git_config():
    from conftest import ROOT

    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text(encoding="utf-8")
        checkouts = text.count("actions/checkout@")
        assert text.count("persist-credentials: false") == checkouts, workflow.name
