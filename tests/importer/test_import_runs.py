"""What a run does with what it finds: the report, exit codes, repeated runs,
articles edited by hand, the archive already there, paths kept inside the
content folder, the category mapping."""

from __future__ import annotations

import json
import os

import pytest

from importer_testkit import (  # noqa: F401 (content, copy_of, imported are fixtures)
    ALL_GOOD, MIRROR, PROBLEMS, SAVED, WXR, Run, content, copy_of, imported, read_article)

SAHEL_PAGE = MIRROR / "akhbar.example/2023/11/29/sahel-security/index.html"
MALI_PAGE = MIRROR / "akhbar.example/2023/11/28/un-mission-mali/index.html"
SAHEL = "articles/2023/11/sahel-security.md"

CLEAN_REPORT = """\
  imported   articles/2023/11/un-mission-mali.md  <- mirror/akhbar.example/2023/11/28/un-mission-mali/index.html  (1 image not copied: no local copy (addresses kept in the front matter, never loaded))
  imported   articles/2023/11/sahel-security.md  <- mirror/akhbar.example/2023/11/29/sahel-security/index.html  (1 image not copied: no local copy (addresses kept in the front matter, never loaded))
  imported   articles/2023/12/tangier-port-record.md  <- mirror/akhbar.example/2023/12/02/tangier-port-record/index.html
  imported   articles/2023/12/تحويلات-مغاربة-الخارج.md  <- mirror/akhbar.example/2023/12/05/remittances-record/index.html
  imported   articles/2024/03/inflation-ramadan.md  <- mirror/akhbar.example/2024/03/14/inflation-ramadan/index.html
  imported   articles/2023/12/tamazight-novelist-interview.md  <- saved/Tamazight novelist interview - Akhbar.html
  imported   articles/2024/01/الهيدروجين-الأخضر-الداخلة.md  <- wxr/akhbar.WordPress.2024-01-15.xml#post-5012 «الداخلة تستقبل أول مشروع للهيدروجين الأخضر»  (1 image not copied: no local copy (addresses kept in the front matter, never loaded))
  imported   articles/2024/01/مسودة-الدخول-المدرسي-في-العالم-القروي.md  <- wxr/akhbar.WordPress.2024-01-15.xml#post-5020 «مسودة: الدخول المدرسي في العالم القروي»
  skipped    mirror/akhbar.example/category/politique/index.html: not an article page (a section front)
  skipped    wxr/akhbar.WordPress.2024-01-15.xml: not articles: 1 attachment
  skipped    mirror/akhbar.example/amp/sahel-security.html: duplicate of mirror/akhbar.example/2023/11/29/sahel-security/index.html (same address)
Images: 3 not copied, in 3 files (no local copy: their addresses are kept in original_image_url and original_images, never loaded; for a WordPress export, --uploads DIR copies them from a copy of its wp-content/uploads folder)
Done: 8 imported, 0 updated, 0 unchanged, 3 skipped, 0 failed.
"""

PROBLEM_REPORT = """\
  failed     problems/broken-binary.html: unreadable: binary data, not a text page
  failed     problems/no-title.html: no title
  failed     problems/unmapped-category.html: unmapped category «منوعات» (add it to import_sections.yaml, or use --default-section SECTION)
Done: 0 imported, 0 updated, 0 unchanged, 0 skipped, 3 failed.
"""


def snapshot(content):
    return {p.relative_to(content).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(content.rglob("*")) if p.is_file()}


def test_report_of_a_clean_import(imported):
    content, run = imported
    assert run.code == 0
    assert run.lines[0] == f"Import into {content}"
    assert "\n".join(run.lines[1:]) + "\n" == CLEAN_REPORT


def test_pages_that_cannot_be_imported_fail_the_run_unless_keep_going(content):
    run = Run(content, [PROBLEMS])
    assert run.code == 1
    assert "\n".join(run.lines[1:]) + "\n" == PROBLEM_REPORT
    again = Run(content, [PROBLEMS], keep_going=True)
    assert again.code == 0
    assert again.lines[1:] == run.lines[1:]
    assert not (content / ".import-state.json").exists()  # nothing was imported


def test_a_missing_path_is_a_failure(content):
    run = Run(content, [SAVED, "no/such/folder"])
    assert run.code == 1
    assert "  failed     no/such/folder: no such file or folder" in run.lines


def test_second_run_changes_nothing(content):
    first = Run(content, ALL_GOOD)
    before = snapshot(content)
    second = Run(content, ALL_GOOD)
    assert (first.code, second.code) == (0, 0)
    assert snapshot(content) == before  # not even rewritten with the same bytes
    assert second.lines[-1] == "Done: 0 imported, 0 updated, 8 unchanged, 3 skipped, 0 failed."
    assert second.status_of("sahel-security.md  <-") == "unchanged"


def test_state_records_what_was_written(imported):
    content, _run = imported
    state = json.loads((content / ".import-state.json").read_text(encoding="utf-8"))
    entry = state["articles"]["akhbar.example/2023/11/29/sahel-security"]
    assert entry["path"] == SAHEL
    assert entry["original_url"] == "https://akhbar.example/2023/11/29/sahel-security/"
    import hashlib
    assert entry["sha256"] == hashlib.sha256((content / SAHEL).read_bytes()).hexdigest()
    assert len(state["articles"]) == 8  # the hand-written article is not the importer's


def test_article_edited_by_hand_is_kept_unless_forced(content):
    Run(content, [SAHEL_PAGE, MALI_PAGE])
    article = content / SAHEL
    imported_text = article.read_text(encoding="utf-8")
    edited = imported_text.replace("دول الساحل تبحث", "دول الساحل الخمس تبحث", 1)
    article.write_text(edited, encoding="utf-8")

    run = Run(content, [SAHEL_PAGE, MALI_PAGE])
    assert run.code == 0
    assert (f"  skipped    mirror/akhbar.example/2023/11/29/sahel-security/index.html -> {SAHEL}: "
            "edited by hand since the last import (use --force)") in run.lines
    assert run.status_of("un-mission-mali") == "unchanged"
    assert article.read_text(encoding="utf-8") == edited

    forced = Run(content, [SAHEL_PAGE, MALI_PAGE], force=True)
    assert forced.status_of("sahel-security/index.html") == "updated"
    assert article.read_text(encoding="utf-8") == imported_text
    assert Run(content, [SAHEL_PAGE, MALI_PAGE]).status_of("sahel-security/index.html") == "unchanged"


def test_article_deleted_by_hand_is_not_recreated_unless_forced(content):
    Run(content, [SAHEL_PAGE])
    (content / SAHEL).unlink()
    run = Run(content, [SAHEL_PAGE])
    assert "deleted by hand since the last import (use --force to recreate it)" in run.report
    assert not (content / SAHEL).exists()
    assert Run(content, [SAHEL_PAGE], force=True).status_of("sahel-security") == "imported"
    assert (content / SAHEL).exists()


def test_a_changed_page_updates_the_same_file(content, tmp_path, copy_of):
    mirror = copy_of(MIRROR, tmp_path / "mirror")
    Run(content, [mirror])
    page = mirror / "akhbar.example/2023/11/28/un-mission-mali/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "الأمم المتحدة تنهي رسميا مهمة بعثتها في مالي", "مجلس الأمن ينهي مهمة البعثة الأممية في مالي"),
        encoding="utf-8")
    run = Run(content, [mirror])
    assert run.status_of("un-mission-mali") == "updated"
    fields, _body = read_article(content / "articles/2023/11/un-mission-mali.md")
    assert fields["title"] == "مجلس الأمن ينهي مهمة البعثة الأممية في مالي"
    assert len(list((content / "articles/2023/11").glob("*.md"))) == 2


def test_article_already_in_the_archive_is_matched_by_original_url(content):
    # An editor copied the Mali story by hand, under another file name.
    by_hand = content / "articles/2023/11/mali-mission-ends.md"
    by_hand.parent.mkdir(parents=True)
    by_hand.write_text('---\ntitle: "بعثة مالي"\ndate: 2023-11-28 18:30\nsection: دولي\n'
                       'original_url: "http://www.akhbar.example/2023/11/28/un-mission-mali"\n---\n\nنص.\n',
                       encoding="utf-8")
    run = Run(content, [SAHEL_PAGE, MALI_PAGE])
    assert run.code == 0
    assert ("  skipped    mirror/akhbar.example/2023/11/28/un-mission-mali/index.html -> "
            "articles/2023/11/mali-mission-ends.md: already in the archive with this original_url, "
            "not written by the importer (use --force to replace it)") in run.lines
    assert not (content / "articles/2023/11/un-mission-mali.md").exists()
    fields, _body = read_article(content / SAHEL)
    assert fields["related"] == ["mali-mission-ends", "drought-water-plan"]

    forced = Run(content, [SAHEL_PAGE, MALI_PAGE], force=True)
    assert forced.status_of("un-mission-mali") == "updated"
    fields, _body = read_article(by_hand)
    assert fields["title"] == "الأمم المتحدة تنهي رسميا مهمة بعثتها في مالي"


def test_a_slug_taken_in_the_same_month_gets_a_number(content):
    taken = content / SAHEL
    taken.parent.mkdir(parents=True)
    taken.write_text('---\ntitle: "مقال آخر"\ndate: 2023-11-02 10:00\nsection: سياسة\n---\n\nنص.\n',
                     encoding="utf-8")
    run = Run(content, [SAHEL_PAGE])
    assert run.status_of("sahel-security") == "imported"
    assert "articles/2023/11/sahel-security-2.md" in run.report
    assert "مقال آخر" in taken.read_text(encoding="utf-8")


def test_never_writes_outside_the_content_folder(content, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (content / "articles/2023/11").parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, content / "articles/2023/11")
    run = Run(content, [SAHEL_PAGE])
    assert run.code == 1
    assert "cannot be written: refusing to write 'articles/2023/11/sahel-security.md': " \
           "outside the content folder" in run.report
    assert list(outside.iterdir()) == []


def test_a_tampered_state_file_cannot_send_writes_elsewhere(content):
    state = {"version": 1, "articles": {"akhbar.example/2023/11/29/sahel-security": {
        "path": "articles/../../escaped.md", "sha256": "0"}}}
    (content / ".import-state.json").write_text(json.dumps(state), encoding="utf-8")
    run = Run(content, [SAHEL_PAGE])
    assert run.code == 1
    assert "the import state names 'articles/../../escaped.md', not an article file" in run.report
    assert not (content.parent / "escaped.md").exists()


def test_a_mapping_file_maps_more_categories(content, tmp_path):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("منوعات: مجتمع\n", encoding="utf-8")
    run = Run(content, [PROBLEMS / "unmapped-category.html"], mapping_path=str(mapping))
    assert run.code == 0
    fields, _body = read_article(content / "articles/2023/09/fes-food-festival.md")
    assert fields["section"] == "مجتمع"


@pytest.mark.parametrize("mapping, message", [
    ("منوعات: قسم غير موجود\n", "'منوعات': unknown section 'قسم غير موجود'"),
    ("- a list\n", "must be 'old name: section' lines"),
])
def test_a_bad_mapping_file_stops_the_import(content, tmp_path, mapping, message):
    path = tmp_path / "mapping.yaml"
    path.write_text(mapping, encoding="utf-8")
    run = Run(content, [WXR], mapping_path=str(path))
    assert run.code == 2
    assert message in run.report
    assert not (content / "articles/2024").exists()


def test_a_corrupt_state_file_stops_the_import(content):
    (content / ".import-state.json").write_text("{not json", encoding="utf-8")
    run = Run(content, [SAHEL_PAGE])
    assert run.code == 2
    assert ".import-state.json: cannot be read" in run.report
    assert not (content / SAHEL).exists()


def test_a_page_that_breaks_the_reader_is_reported_and_the_run_goes_on(content, monkeypatch):
    from arshif.importer import extract

    original = extract.read

    def fragile(soup, *args):
        if "انسحاب على مراحل" in soup.get_text():
            raise RecursionError("maximum recursion depth exceeded")
        return original(soup, *args)

    monkeypatch.setattr(extract, "read", fragile)
    run = Run(content, [SAHEL_PAGE, MALI_PAGE])
    assert run.code == 1
    assert ("  failed     mirror/akhbar.example/2023/11/28/un-mission-mali/index.html: "
            "unreadable: RecursionError: maximum recursion depth exceeded") in run.lines
    assert run.status_of("sahel-security") == "imported"
