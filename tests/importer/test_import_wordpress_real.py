"""A real WordPress export: a cut of WordPress's theme unit test data
(fixtures/real/wordpress, see the README there).  What is never public on
the old site is never published; a damaged export is reported, never
imported half in silence; control characters do not eat a body; pages
become static pages; pictures are copied from --uploads or counted."""

from __future__ import annotations

import re

from importer_testkit import FIXTURES, Run, build_site, content, read_article, tiny_png  # noqa: F401

from arshif.importer import wxr

REAL = FIXTURES / "real" / "wordpress"
EXPORT = REAL / "themeunittestdata.cut.wordpress.xml"
MAPPING = str(REAL / "theme-unit-test.mapping.yaml")
ORIGIN = "real/wordpress/themeunittestdata.cut.wordpress.xml"
PASSWORD = "articles/2012/01/template-password-protected.md"
COMMENTS_DISABLED = "articles/2012/01/template-comments-disabled.md"
CAPTION = "articles/2010/08/post-format-image-caption.md"


def run(content, paths, **options):
    return Run(content, paths, mapping_path=MAPPING, **options)


def copy_export(tmp_path, data: bytes, name="export.xml"):
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def uploads_folder(tmp_path):
    """What a copy of the site's wp-content/uploads holds for the cut."""
    uploads = tmp_path / "uploads"
    for seed, name in enumerate(["2008/06/100_5478.jpg", "2008/06/100_5540.jpg",
                                 "2010/08/manhattansummer.jpg"], 1):
        (uploads / name).parent.mkdir(parents=True, exist_ok=True)
        (uploads / name).write_bytes(tiny_png(8, 6, seed))
    return uploads


def test_password_protected_post_is_a_draft(content):
    result = run(content, [EXPORT])
    fields, body = read_article(content / PASSWORD)
    assert fields["status"] == "draft"
    assert body.strip() == ("This content, comments, pingbacks, and trackbacks should not be "
                            "visible until the password is entered.")
    assert result.status_of("template-password-protected.md") == "imported"
    assert "(kept as a draft: password-protected on the old site)" in result.report
    # Scheduled (future) and Draft posts of the same export: drafts too.
    assert read_article(content / "articles/2030/01/scheduled.md")[0]["status"] == "draft"
    assert read_article(content / "articles/2013/04/draft.md")[0]["status"] == "draft"
    assert "status" not in read_article(content / COMMENTS_DISABLED)[0]


def test_private_and_pending_posts_are_drafts(content, tmp_path):
    data = EXPORT.read_bytes()
    block = data.index(b"<wp:post_id>1150</wp:post_id>")
    private = data[:block] + data[block:].replace(b"<wp:status>publish</wp:status>",
                                                  b"<wp:status>private</wp:status>", 1)
    run(content, [copy_export(tmp_path, private)])
    fields, _body = read_article(content / COMMENTS_DISABLED)
    assert fields["status"] == "draft"


def test_truncated_export_is_reported_with_line_column_and_count(content, tmp_path):
    """An interrupted export (the full export cut at 300 KB lost 50 posts in
    silence): the parser's line and column, the posts read, exit 1."""
    data = EXPORT.read_bytes()
    cut = data.index(b"<wp:post_id>1158</wp:post_id>")  # inside «Post Format: Image»
    export = copy_export(tmp_path, data[:cut])
    result = run(content, [export])
    assert result.code == 1
    damaged = [line for line in result.lines if "not well-formed XML" in line]
    assert len(damaged) == 1, result.report
    assert re.fullmatch(
        r"  failed     \S+export\.xml: not well-formed XML at line (\d+), column (\d+) "
        r"\(Premature end of data in tag \w+ line \d+\): the export is cut short or damaged; "
        r"3 posts read before that point, nothing after it \(export the site again, or repair "
        r"the file and re-run\)", damaged[0]), damaged[0]
    line = int(re.search(r"at line (\d+)", damaged[0]).group(1))
    assert line == data[:cut].count(b"\n") + 1
    # What was read in full is imported; nothing of the post that was cut.
    assert (content / COMMENTS_DISABLED).is_file()
    assert not list((content / "articles/2010").rglob("*.md"))
    again = run(content, [export], keep_going=True)
    assert again.code == 0
    assert damaged[0] in again.lines  # still printed


def test_control_characters_never_eat_a_body(content, tmp_path):
    data = EXPORT.read_bytes().replace(
        b"This post has its comments, pingbacks, and trackbacks disabled.",
        b"This post has\x01 its comments, pingbacks,\x02 and trackbacks disabled.")
    result = run(content, [copy_export(tmp_path, data)])
    _fields, body = read_article(content / COMMENTS_DISABLED)
    assert body == ("\nThis post has its comments, pingbacks, and trackbacks disabled.\n\n"
                    "There should be no comment reply form, but *should* display pingbacks "
                    "and trackbacks.\n")
    line = data[:data.index(b"\x01")].count(b"\n") + 1
    assert (f"(removed 2 characters XML does not allow (invisible control characters; "
            f"line {line}))") in result.report
    assert result.code == 1  # «Keyboard navigation» has no category, «no title» has none
    assert "not well-formed" not in result.report


def test_invalid_characters_are_removed_as_bytes_and_references():
    data, lines = wxr.without_invalid_characters(
        "<a>x\x01\n&#1;y&#x1F;\n&#10;&#x9;\x0bz</a>".encode())
    assert data == b"<a>x\n y\n&#10;&#x9;z</a>".replace(b" ", b"")
    assert lines == [1, 2, 2, 3]


def test_wordpress_pages_become_static_pages(content):
    result = run(content, [EXPORT])
    fields, body = read_article(content / "pages/about.md")
    assert fields == {"title": "About The Tests"}
    assert body.startswith("\nThis site is using the standard WordPress Theme Unit Test Data")
    assert "## WordPress Theme Development Resources" in body
    assert (content / "pages/page-with-comments-disabled.md").is_file()
    assert result.status_of("pages/about.md") == "imported"
    assert f"{ORIGIN}: not articles: 2 attachment, 1 nav_menu_item" in result.report


def test_a_password_protected_page_is_not_imported(content, tmp_path):
    data = EXPORT.read_bytes()
    block = data.index(b"<wp:post_id>156</wp:post_id>")
    data = data[:block] + data[block:].replace(b"<wp:post_password/>",
                                               b"<wp:post_password>secret</wp:post_password>", 1)
    result = run(content, [copy_export(tmp_path, data)])
    assert not (content / "pages/page-with-comments-disabled.md").exists()
    assert ("#page-156 «Page with comments disabled»: a password-protected page on the old "
            "site: static pages cannot be drafts") in result.report
    assert result.status_of("#page-156") == "skipped"


def test_images_without_a_copy_are_counted_and_kept_as_addresses(content):
    result = run(content, [EXPORT])
    assert ("Images: 3 not copied, in 3 files (no local copy: their addresses are kept in "
            "original_image_url and original_images, never loaded; for a WordPress export, "
            "--uploads DIR copies them from a copy of its wp-content/uploads folder)") \
        in result.lines
    page, _body = read_article(content / "pages/clearing-floats.md")
    assert page["original_images"] == [
        "https://i0.wp.com/wpthemetestdata.files.wordpress.com/2010/08/manhattansummer.jpg?w=150"]
    caption, _body = read_article(content / CAPTION)
    assert caption["original_image_url"] == \
        "https://i0.wp.com/wpthemetestdata.files.wordpress.com/2008/06/100_5478.jpg?w=604"
    assert not (content / "images").exists()


def test_uploads_folder_gives_the_pictures(content, tmp_path):
    result = run(content, [EXPORT], uploads=str(uploads_folder(tmp_path)))
    assert not any(line.startswith("Images:") for line in result.lines), result.report
    caption, _body = read_article(content / CAPTION)
    assert caption["image"] == "images/2010/100_5478.png"
    assert caption["image_caption"] == "Bell on wharf in San Francisco"
    _page, body = read_article(content / "pages/clearing-floats.md")
    assert "![](/images/2010/manhattansummer.png)" in body
    assert (content / "images/2010/manhattansummer.png").read_bytes() == tiny_png(8, 6, 3)


def test_uploads_are_read_only_from_inside_that_folder(content, tmp_path):
    (tmp_path / "secret.png").write_bytes(tiny_png(4, 4, 9))
    uploads = uploads_folder(tmp_path)
    data = EXPORT.read_bytes().replace(
        b"2008/06/100_5540.jpg?w=604",
        b"wp-content/uploads/../../secret.png")
    result = run(content, [copy_export(tmp_path, data)], uploads=str(uploads))
    assert "refused: it is outside the uploads folder" in result.report
    assert not list((content / "images").rglob("secret*"))


def test_uploads_folder_must_exist(content, tmp_path):
    result = run(content, [EXPORT], uploads=str(tmp_path / "nowhere"))
    assert result.code == 2
    assert result.lines == [f"import: --uploads {tmp_path / 'nowhere'}: no such folder"]


def test_second_run_changes_nothing(content, tmp_path):
    uploads = str(uploads_folder(tmp_path))
    first = run(content, [EXPORT], uploads=uploads)
    second = run(content, [EXPORT], uploads=uploads)
    assert first.lines[-1] == "Done: 10 imported, 0 updated, 0 unchanged, 1 skipped, 2 failed."
    assert second.lines[-1] == "Done: 0 imported, 0 updated, 10 unchanged, 1 skipped, 2 failed."


def test_imported_export_builds_and_publishes_nothing_private(content, tmp_path):
    run(content, [EXPORT], uploads=str(uploads_folder(tmp_path)))
    output = tmp_path / "output"
    result = build_site(content, output)
    assert result.ok, [str(p) for p in result.problems] + result.pelican_errors
    statuses = {r["source"]: r["status"] for r in result.records}
    assert statuses[PASSWORD] == "draft"
    assert statuses["articles/2030/01/scheduled.md"] == "draft"
    assert statuses["pages/about.md"] == "published"
    assert not list(output.rglob("template-password-protected*"))
    site = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in output.rglob("*") if p.suffix in {".html", ".xml", ".js", ".json"})
    assert "should not be visible until the password is entered" not in site
    assert "wp.com/wpthemetestdata" not in site  # never hot-linked
    assert (output / "pages/clearing-floats.html").is_file()


def test_addresses_kept_build_without_warnings(content, tmp_path):
    """original_images on an article and on a static page is a known field."""
    run(content, [EXPORT])
    assert "original_images" in (content / "pages/clearing-floats.md").read_text(encoding="utf-8")
    output = tmp_path / "output"
    result = build_site(content, output)
    assert result.ok, [str(p) for p in result.problems] + result.pelican_errors
    assert [str(p) for p in result.problems if "original_images" in str(p)] == []
    assert "manhattansummer" not in (output / "pages/clearing-floats.html").read_text("utf-8")


def test_original_images_must_be_web_addresses():
    import pelicanconf
    from arshif.content.frontmatter import parse
    from arshif.content.sections import SectionTree
    from arshif.content.validate import Settings, validate_fields

    settings = Settings(sections=SectionTree(pelicanconf.ARSHIF_SECTIONS))
    source = ('---\ntitle: "ت"\ndate: 2020-01-02\nsection: مجتمع\n'
              'original_images: ["https://a.example/x.jpg", "file:///etc/passwd"]\n---\nنص.\n')
    _article, problems = validate_fields(parse(source, "x.md"), "x.md", settings)
    assert [(p.field, p.message) for p in problems] == [
        ("original_images", "'file:///etc/passwd' must be an http(s) address")]
