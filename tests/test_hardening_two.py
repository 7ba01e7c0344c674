"""Hardening, round two (issue #18): a damaged cache, slugs that differ only
in case, raw-text elements left open, odd characters in image names."""

from __future__ import annotations

import hashlib
import logging
import shutil

import pytest


def _digest(folder):
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _corrupt_a_page(db):
    with open(db, "r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(b"\xde\xad\xbe\xef" * 1024)


def _truncate(db):
    with open(db, "r+b") as handle:
        handle.truncate(handle.seek(0, 2) // 2 + 100)


def _folder_is_a_file(db):
    shutil.rmtree(db.parent)
    db.parent.write_bytes(b"not a folder")


@pytest.mark.parametrize("damage", [_corrupt_a_page, _truncate, _folder_is_a_file])
def test_a_damaged_article_cache_starts_afresh(site, tmp_path, caplog, damage):
    for n in range(24):
        site.add(f"2023/{1 + n % 12:02d}/c{n:02d}", title=f"مقال {n}",
                 date=f"2023-{1 + n % 12:02d}-{1 + n:02d} 10:00", tags=[f"وسم{n % 4}"],
                 body="فقرة طويلة في نص المقال. " * 80)
    assert site.build().ok
    db = site.root / "cache" / "articles" / "articles.sqlite"
    assert db.stat().st_size > 4096 * 4
    cold = site.build(OUTPUT_PATH=str(tmp_path / "cold"), ARSHIF_PAGE_CACHE_PATH=None,
                      ARSHIF_CACHE_PATH=None)
    assert cold.ok

    damage(db)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert site.check() == []
        result = site.build()
    assert result.ok and not result.pelican_errors, result.pelican_errors
    assert _digest(site.output) == _digest(tmp_path / "cold")
    cache_lines = [r for r in caplog.records if r.name == "arshif.cache"]
    assert len(cache_lines) <= 1 and all(r.exc_info is None for r in cache_lines)
    # Started afresh: the next build reads every article from the new cache.
    again = site.build()
    assert again.ok and again.generator.archive_cache_hits == 24


def _folded(paths):
    import unicodedata

    return {unicodedata.normalize("NFC", p).casefold() for p in paths}


@pytest.mark.parametrize("first, second", [("Rabat", "rabat"), ("ÉTÉ", "été"),
                                           ("Stra\u00dfe", "STRASSE")])
def test_slugs_that_differ_only_in_case_are_errors_naming_both_files(site, first, second):
    site.add(f"2023/11/{first}", title="أ")
    site.add(f"2023/11/{second}", title="ب")
    site.add("2023/11/other", title="ج")
    expected = {f"articles/2023/11/{first}.md", f"articles/2023/11/{second}.md"}
    for problems in (site.check(), site.build().problems):
        errors = [str(p) for p in problems if p.is_error]
        assert len(errors) == 2, errors
        for message, path in zip(sorted(errors), sorted(expected)):
            assert message.startswith(f"{path}:1: slug: ")
            assert (expected - {path}).pop() in message and "letter case" in message


def test_static_pages_on_one_file_are_errors_not_a_crash(site):
    site.add("2023/11/a", title="أ")
    site.write("pages/about.md", "---\ntitle: من نحن\n---\nنص\n")
    site.write("pages/About.md", "---\ntitle: عنا\n---\nنص\n")
    site.write("pages/old/contact.md", "---\ntitle: اتصل\n---\nنص\n")
    site.write("pages/contact.md", "---\ntitle: اتصل بنا\nslug: contact\n---\nنص\n")
    result = site.build()
    assert not result.ok and not result.pelican_errors
    messages = [str(p) for p in result.errors]
    assert any(m.startswith("pages/About.md:1: slug: ") and "pages/about.md" in m
               for m in messages), messages
    assert any(m.startswith("pages/contact.md:3: slug: ") and "pages/old/contact.md" in m
               for m in messages), messages
    assert {p.path for p in result.errors} == {"pages/about.md", "pages/About.md",
                                               "pages/contact.md", "pages/old/contact.md"}
    preview = site.build(strict=False)
    assert preview.ok and "pages/about.html" not in site.pages()


def test_tags_and_authors_that_differ_only_in_case_share_one_page(site):
    site.add("2023/11/a", title="أ", tags=["Rabat", "ÉTÉ", "24/7"], author="Ali")
    site.add("2023/11/b", title="ب", tags=["rabat", "été", "24-7"], author="ALI")
    site.add("2023/11/c", title="ج", tags=["RABAT", "Straße", "STRASSE"], author="ali")
    result = site.build()
    assert result.ok, [str(p) for p in result.problems]
    files = [p.relative_to(site.output).as_posix() for p in site.output.rglob("*")]
    assert len(_folded(files)) == len(files)
    tags = [p for p in site.pages() if p.startswith("tag/") and p != "tag/index.html"]
    assert len([p for p in tags if "rabat" in p.casefold()]) == 1
    assert len([p for p in site.pages() if p.startswith("author/")]) == 1
