"""A hostile page in a mirror must not make the importer write or read
files outside the archive (hardening round two, items 2 and 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importer_testkit import Run, read_article

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def hostile_page(image_src: str, og_image: str = "", slug: str = "leak-test") -> str:
    """A WordPress-like news page whose pictures point wherever an attacker likes."""
    og = f'<meta property="og:image" content="{og_image}">' if og_image else ""
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>خبر تجريبي</title>
<meta property="og:title" content="خبر تجريبي عن الأمن">
<meta property="og:url" content="https://akhbar.example/2023/11/29/{slug}/">
<meta property="article:published_time" content="2023-11-29T20:54:00+01:00">
<meta property="article:section" content="سياسة">
{og}
</head><body><article><h1>خبر تجريبي عن الأمن</h1>
<div class="entry-content">
<p>الفقرة الأولى من الخبر، وهي طويلة بما يكفي لتكون نصا حقيقيا للمقال.</p>
<p><img src="{image_src}" alt="صورة"></p>
<p>الفقرة الثانية من الخبر.</p>
</div></article></body></html>
"""


@pytest.fixture
def outside(tmp_path) -> Path:
    """A picture (and a start-up file) elsewhere on the machine."""
    folder = tmp_path / "home" / "someone"
    folder.mkdir(parents=True)
    (folder / "private.png").write_bytes(PNG + b"private")
    (folder / ".bashrc").write_text("# the user's shell start-up file\n", encoding="utf-8")
    return folder


def images_in(content: Path) -> list[Path]:
    return sorted(p for p in (content / "images").rglob("*") if p.is_file()) \
        if (content / "images").exists() else []


@pytest.mark.parametrize("how", ["relative", "absolute", "file-url", "og-file-url",
                                 "encoded-absolute"])
def test_images_are_never_copied_from_outside_the_imported_folder(tmp_path, outside, how):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    secret = outside / "private.png"
    depth = "../" * (len(mirror.parts) + 1)
    src = {
        "relative": f"{depth}{secret.relative_to('/')}",
        "absolute": str(secret),
        "file-url": secret.as_uri(),
        "og-file-url": "inline.png",
        "encoded-absolute": str(secret).replace("/", "%2F"),
    }[how]
    og = secret.as_uri() if how == "og-file-url" else ""
    (mirror / "page.html").write_text(hostile_page(src, og), encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)

    run = Run(content, [mirror])
    assert run.code == 0, run.report
    assert run.status_of("page.html") == "imported"
    for image in images_in(content):
        assert b"private" not in image.read_bytes(), image
    [article] = (content / "articles").rglob("*.md")
    fields, body = read_article(article)
    assert "private" not in body
    if how in ("relative", "file-url", "og-file-url"):
        line = next(line for line in run.lines if "page.html" in line)
        assert "refused" in line, run.report


def test_an_image_inside_the_imported_folder_is_still_copied(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "wp-content" / "uploads").mkdir(parents=True)
    (mirror / "wp-content" / "uploads" / "ok.png").write_bytes(PNG + b"kept")
    (mirror / "2023").mkdir()
    (mirror / "2023" / "page.html").write_text(
        hostile_page("/wp-content/uploads/ok.png"), encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    run = Run(content, [mirror])
    assert run.code == 0, run.report
    assert [p.read_bytes()[-4:] for p in images_in(content)] == [b"kept"]


def test_a_single_page_only_reads_images_beside_it(tmp_path, outside):
    """Given one file, the folder being imported is that file's folder."""
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "up.png").write_bytes(PNG + b"private")
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "page.html").write_text(hostile_page("../uploads/up.png"), encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    run = Run(content, [folder / "page.html"])
    assert run.code == 0, run.report
    assert images_in(content) == []
    assert "outside the imported folder" in run.report


def test_links_planted_at_temporary_names_are_never_written_through(tmp_path, outside):
    """``.<slug>.md.importing``, ``..import-state.json.importing`` and
    ``<image>.importing`` used to be opened for writing as they were."""
    mirror = tmp_path / "mirror"
    (mirror / "wp-content").mkdir(parents=True)
    (mirror / "wp-content" / "ok.png").write_bytes(PNG + b"kept")
    (mirror / "page.html").write_text(hostile_page("/wp-content/ok.png"), encoding="utf-8")
    content = tmp_path / "content"
    month = content / "articles" / "2023" / "11"
    month.mkdir(parents=True)
    (content / "images" / "2023").mkdir(parents=True)
    bashrc = outside / ".bashrc"
    before = bashrc.read_bytes()
    for planted in (month / ".leak-test.md.importing",
                    content / "..import-state.json.importing",
                    content / "images" / "2023" / "ok.png.importing"):
        planted.symlink_to(bashrc)

    run = Run(content, [mirror])
    assert run.code == 0, run.report
    assert bashrc.read_bytes() == before
    assert (month / "leak-test.md").is_file() and not (month / "leak-test.md").is_symlink()
    assert json.loads((content / ".import-state.json").read_text(encoding="utf-8"))["articles"]
    assert (content / "images" / "2023" / "ok.png").read_bytes().endswith(b"kept")
    leftovers = [p.name for p in content.rglob("*.importing") if not p.is_symlink()]
    assert leftovers == []


def test_a_link_at_the_final_name_is_left_alone(tmp_path, outside):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "page.html").write_text(hostile_page("x.png"), encoding="utf-8")
    content = tmp_path / "content"
    month = content / "articles" / "2023" / "11"
    month.mkdir(parents=True)
    bashrc = outside / ".bashrc"
    before = bashrc.read_bytes()
    (month / "leak-test.md").symlink_to(bashrc)
    run = Run(content, [mirror])
    assert bashrc.read_bytes() == before
    assert run.code == 0, run.report
    assert (month / "leak-test.md").is_symlink()  # not replaced, not written through
    assert run.status_of("page.html") == "imported"
    assert "articles/2023/11/leak-test-2.md" in run.report


def test_a_c1_character_in_a_title_never_makes_front_matter_the_build_refuses(tmp_path):
    """Hardening round two, item 5: the importer wrote C1 controls as they were."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    page = hostile_page("x.png").replace("خبر تجريبي عن الأمن", "خبر\x85 تجريبي \x91عن\x9c الأمن")
    (mirror / "page.html").write_text(page, encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    run = Run(content, [mirror])
    assert run.code == 0, run.report
    assert run.status_of("page.html") == "imported"
    [article] = (content / "articles").rglob("*.md")
    fields, _ = read_article(article)
    assert not any(0x80 <= ord(ch) <= 0x9f for ch in fields["title"]), fields["title"]
