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
