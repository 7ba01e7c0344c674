"""Hardening, round two (issue #18): a damaged cache, slugs that differ only
in case, raw-text elements left open, odd characters in image names."""

from __future__ import annotations

import hashlib
import logging
import shutil

import pytest

from arshif.content import markup


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
    cache_lines = [r for r in caplog.records if r.name == "arshif.content.cache"]
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


RAW_TEXT = ["style", "script", "textarea", "title", "xmp", "noscript", "iframe", "noembed",
            "noframes", "plaintext"]


@pytest.mark.parametrize("name", RAW_TEXT)
@pytest.mark.parametrize("layout", ["block", "inline", "upper"])
def test_an_unclosed_raw_text_element_keeps_the_rest_of_the_article(site, name, layout):
    opening = {"block": f"\n\n<{name}>\n\n", "inline": f" <{name} x='1'> ",
               "upper": f" <{name.upper()}>"}[layout]
    body = (f"فقرة أولى.{opening}كلمات بعد الوسم.\n\nفقرة ثالثة **قوية**.\n\n"
            "`<style>` في الشيفرة يبقى نصا.\n")
    path = site.add("2023/11/raw", title="خام", body=body)
    result = site.build()
    assert result.ok, [str(p) for p in result.problems]
    article = site.html("2023/11/raw.html").find("div", class_="article-body")
    text = article.get_text()
    assert "كلمات بعد الوسم" in text and "فقرة ثالثة" in text
    assert "<p>" not in text and "**" not in text
    assert article.find("strong").get_text() == "قوية"
    assert "<style>" in article.find("code").get_text()
    assert article.find(name) is None
    lines = path.read_text(encoding="utf-8").splitlines()
    line = 1 + next(n for n, text in enumerate(lines) if f"<{name}" in text.lower())
    warnings = [str(p) for p in result.warnings]
    assert warnings == [f"articles/2023/11/raw.md:{line}: warning: body: "
                        + markup.raw_text_message(name)], warnings


def test_closed_raw_text_elements_and_glued_tags_stay_harmless(site):
    site.add("2023/11/a", title="أ", body=(
        "قبل <style>p{color:red}</style> وسط <script>alert(1)</script> بعد.\n\n"
        "<scr<script>ipt>alert(2)</script> نهاية.\n\n<svg><style><img src=https://e.example/a onerror=alert(3)>\n\n"
        "آخر كلمة.\n"))
    result = site.build()
    assert result.ok
    page = (site.output / "2023/11/a.html").read_text(encoding="utf-8")
    body = site.html("2023/11/a.html").article
    for word in ("قبل", "وسط", "بعد", "نهاية", "آخر كلمة"):
        assert word in body.get_text()
    assert "color:red" not in page and "alert(1)" not in page
    assert body.find("script") is None and body.find("style") is None
    assert "onerror" not in str(body) and body.find("img") is None


def test_errors_with_and_without_a_line_in_one_file_are_listed_not_a_crash(site):
    site.add("2023/11/a", title="أ", tgas="[x]", body="![صورة](/images/none.png)\n")
    result = site.build()
    assert not result.ok and not result.pelican_errors
    shown = [str(p) for p in result.problems]
    assert shown[0] == "articles/2023/11/a.md:5: warning: tgas: unknown field, ignored " \
                       "(did you mean 'tags'?)"
    assert shown[1].startswith("articles/2023/11/a.md:8: body: image 'images/none.png'")


ODD_NAMES = {"lead": "images/2023/a#1 ?b%.png", "body": "images/2023/b#2 ?c%.png",
             "arabic": "images/2023/صورة الخبر#.png"}


def odd_image_site(site):
    """Articles whose images have #, ?, % and spaces (and Arabic) in their names."""
    from arshif.publish.png import encode_rgb

    png = encode_rgb(8, 6, lambda x, y: (200, 30 * y, 20 * x))
    for name in ODD_NAMES.values():
        site.write(name, png)
    body = ("فقرة أولى.\n\n![صورة](/images/2023/b%232%20%3Fc%25.png)\n\n"
            "![صورة عربية](</images/2023/صورة الخبر%23.png>)\n\nفقرة أخيرة.\n")
    site.add("2023/11/odd", title="صور بأسماء غريبة", image=f'"{ODD_NAMES["lead"]}"',
             image_caption="تعليق", tags=["صور"], body=body)
    return site


def local_target(page: str, url: str) -> str:
    """The site path a relative URL of ``page`` loads (fragment and query cut off)."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    path = unquote(urlsplit(url).path)
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def test_image_names_with_hash_question_mark_and_percent_are_encoded(site):
    import json

    odd_image_site(site)
    result = site.build()
    assert result.ok, [str(p) for p in result.problems]
    loaded = set()
    for page in site.pages():
        soup = site.html(page)
        for element in soup.find_all(["img", "a", "link", "script"]):
            url = element.get("src") or element.get("href")
            if not url or url.startswith(("#", "mailto:", "http:", "https:")):
                continue
            assert not any(c in url.split("#")[0] for c in ' "<>'), (page, url)
            target = local_target(page, url)
            assert (site.output / target).is_file(), (page, url)
            if element.name == "img":
                loaded.add(target)
        for script in soup.find_all("script", type="application/ld+json"):
            for image in json.loads(script.string).get("image", []):
                assert (site.output / local_target(page, image)).is_file(), (page, image)
    assert set(ODD_NAMES.values()) <= loaded, loaded
    figure = site.html("2023/11/odd.html").find("figure").img["src"]
    assert figure == "../../images/2023/a%231%20%3Fb%25.png"


def test_images_whose_names_differ_only_in_case_are_errors(site):
    from arshif.publish.png import encode_rgb

    png = encode_rgb(2, 2, lambda x, y: (0, 0, 0))
    site.write("images/2023/Map.png", png)
    site.write("images/2023/map.png", png)
    site.add("2023/11/a", title="أ", image="images/2023/map.png")
    result = site.build()
    assert not result.ok and not result.pelican_errors
    assert sorted(str(p) for p in result.errors) == [
        f"images/2023/{a}.png:1: file: differs only in letter case or Unicode form from "
        f"images/2023/{b}.png: on Windows, macOS and FAT/exFAT disks they are one file; rename one"
        for a, b in (("Map", "map"), ("map", "Map"))]
