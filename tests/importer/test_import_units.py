"""The importer's parts on their own: encodings, dates, addresses, slugs,
datelines, read-also and widget blocks, categories, quoting, fixtures."""

from __future__ import annotations

import struct
import unicodedata
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import pelicanconf
from arshif.content.frontmatter import parse
from arshif.content.sections import SectionTree
from arshif.importer import blocks, body, charset, dateline, datetimes, urls, writer
from arshif.importer.context import ReadContext
from arshif.importer.sections_map import IGNORED, SectionMap
from arshif.importer.wxr import read_export

from importer_testkit import FIXTURES

ARABIC = "الرباط عاصمة المملكة"


def page(declaration: str, encoding: str) -> bytes:
    return f"<html><head>{declaration}</head><body><p>{ARABIC}</p></body></html>".encode(encoding)


@pytest.mark.parametrize("data, codec", [
    (page('<meta charset="windows-1256">', "cp1256"), "cp1256"),
    (page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "cp1256"), "cp1256"),
    (page("", "utf-8"), "utf-8"),
    (page("", "cp1256"), "cp1256"),  # no declaration, not UTF-8
    (page('<meta charset="utf-8">', "cp1256"), "cp1256"),  # declared wrongly
    (page('<meta charset="iso-8859-1">', "cp1256"), "cp1256"),  # a Western label on Arabic bytes
    (b"\xef\xbb\xbf" + page("", "utf-8"), "utf-8-sig"),
])
def test_pages_are_decoded_whatever_they_declare(data, codec):
    text, used = charset.decode_page(data)
    assert used == codec
    assert ARABIC in text


@pytest.mark.parametrize("data, message", [(b"", "empty"), (b"\x00\x01PK\x03", "binary")])
def test_files_that_are_not_text_are_unreadable(data, message):
    with pytest.raises(charset.UnreadableError, match=message):
        charset.decode_page(data)


@pytest.mark.parametrize("value, expected", [
    ("2023-11-29T20:54:00+01:00", "2023-11-29T20:54:00+01:00"),
    ("2023-11-29T19:54:00Z", "2023-11-29T19:54:00+00:00"),
    ("2023-11-29T20:54:00.000+0100", "2023-11-29T20:54:00+01:00"),
    ("2023-11-29T20:54:00", "2023-11-29 20:54"),  # no offset: local time
    ("2023-11-29", "2023-11-29"),  # no time of day: the day alone, never midnight
    ("2020-12-05T23:15:0Z", "2020-12-05T23:15:00+00:00"),  # one-digit seconds (a real page)
    ("2023-02-30", None),
    ("yesterday", None),
])
def test_iso_dates(value, expected):
    found = datetimes.from_iso(value)
    assert (found.text if found else None) == expected


@pytest.mark.parametrize("value, expected", [
    ("نشر في 29/11/2023 | 20:54", "2023-11-29 20:54"),
    ("29/11/2023 على الساعة 20:54", "2023-11-29 20:54"),
    ("٢٩/١١/٢٠٢٣ - ٢٠:٥٤", "2023-11-29 20:54"),
    ("31/02/2023 | 10:00", None),
    ("29/11/2023", "2023-11-29"),  # the day alone: written without a time
    ("2020年07月03日", "2020-07-03"),  # Japanese and Chinese pages
    ("2020年7月3日(金) 10:30", "2020-07-03 10:30"),
    ("2020年2月30日", None),
])
def test_visible_dates_are_day_first(value, expected):
    found, _note = datetimes.from_visible(value)
    assert (found.text if found else None) == expected


def test_wordpress_dates_keep_the_site_offset():
    assert datetimes.from_wordpress("2023-07-10 12:00:00", "2023-07-10 11:00:00").text == \
        "2023-07-10T12:00:00+01:00"
    assert datetimes.from_wordpress("2023-07-10 12:00:00", "0000-00-00 00:00:00").text == \
        "2023-07-10 12:00"
    assert datetimes.from_wordpress("0000-00-00 00:00:00", "") is None


def test_one_address_written_many_ways_has_one_key():
    variants = [
        "https://akhbar.example/2023/12/05/%D8%AA%D8%AD%D9%88%D9%8A%D9%84%D8%A7%D8%AA/",
        "http://www.akhbar.example/2023/12/05/تحويلات",
        "https://akhbar.example/2023/12/05/تحويلات/index.html?utm_source=x#comments",
    ]
    assert len({urls.url_key(v) for v in variants}) == 1
    assert urls.url_key("https://akhbar.example/?p=12&amp=1") == "akhbar.example?p=12"
    assert urls.url_key("index.html") is None


def test_slugs_from_addresses():
    decomposed = unicodedata.normalize("NFD", "أخبار")
    assert urls.slug_from_url(f"https://a.example/2023/11/{decomposed}-اليوم/") == "أخبار-اليوم"
    assert urls.slug_from_url("https://a.example/news/12345.html") == "12345"
    assert urls.slug_from_url("https://a.example/?p=5") is None
    assert urls.sanitize_slug("عَاجِل: خبر.مهم (صور)") == "عاجل-خبر-مهم-صور"
    long = urls.sanitize_slug("ب" * 100)
    assert long == "ب" * 60 and len(long.encode("utf-8")) == 120


@pytest.mark.parametrize("html, expected, rest", [
    ("<p><strong>الرباط-متابعة</strong> أعلنت الوزارة</p>", ("الرباط", "متابعة"), "أعلنت الوزارة"),
    ("<p>الرباط - متابعة أعلنت الوزارة</p>", ("الرباط", "متابعة"), "أعلنت الوزارة"),
    ("<p>الدار البيضاء-مراسلة: وصل الوفد</p>", ("الدار البيضاء", "مراسلة"), "وصل الوفد"),
    ("<p><b>أكادير – و.م.ع</b> - قال</p>", ("أكادير", "و.م.ع"), "قال"),
    ("<p>كوفيد-19 يعود إلى الواجهة</p>", ("", ""), "كوفيد-19 يعود إلى الواجهة"),
    ("<p>الرباط - أعلنت الوزارة اليوم</p>", ("", ""), "الرباط - أعلنت الوزارة اليوم"),
])
def test_datelines(html, expected, rest):
    soup = BeautifulSoup(html, "lxml")
    assert dateline.take(soup.body) == expected
    assert soup.body.get_text().strip() == rest


def convert(html: str, tmp_path: Path) -> body.Body:
    soup = BeautifulSoup(f"<html><body><div class='entry-content'>{html}</div></body></html>", "lxml")
    page_file = tmp_path / "page.html"
    return body.convert(soup.select_one(".entry-content"), body.Context(
        title="عنوان", page_url="https://akhbar.example/2023/11/29/x/",
        locator=body.ImageLocator(page_file)))


@pytest.mark.parametrize("block", [
    '<p><strong>إقرأ أيضًا:</strong> <a href="/2023/11/28/a/">خبر أول</a></p>',
    '<p>اقرأ ايضا</p><ul><li><a href="/2023/11/28/a/">خبر أول</a></li></ul>',
    '<div class="read-also"><a href="/2023/11/28/a/">خبر أول</a></div>',
    '<aside><h4>اقرأ كذلك</h4><ul><li><a href="/2023/11/28/a/">خبر أول</a></li></ul></aside>',
])
def test_read_also_blocks_become_links(block, tmp_path):
    converted = convert(f"<p>فقرة أولى.</p>{block}<p>فقرة أخيرة.</p>", tmp_path)
    assert converted.markdown == "فقرة أولى.\n\nفقرة أخيرة.\n"
    assert converted.read_also == ["/2023/11/28/a/"]


def test_labels_inside_sentences_are_text(tmp_path):
    text = ("<p>شارك المغرب في القمة بوفد رفيع.</p>"
            "<p>اقرأ أيضا ما كتبه المحلل في عموده الأسبوعي عن القمة نفسها وعن نتائجها.</p>")
    converted = convert(text, tmp_path)
    assert "شارك المغرب" in converted.markdown
    assert "ما كتبه المحلل" in converted.markdown
    assert converted.read_also == []


def test_markdown_signs_in_text_stay_text(tmp_path):
    converted = convert("<p>2023. سنة الجفاف</p><p>- ليست قائمة</p><p>&lt;script&gt; نص</p>", tmp_path)
    assert converted.markdown == "2023\\. سنة الجفاف\n\n\\- ليست قائمة\n\n&lt;script> نص\n"


def test_pictures_without_a_local_copy_are_dropped_with_their_caption(tmp_path):
    converted = convert('<p>نص.</p><figure><img src="https://cdn.example/a.jpg">'
                        '<figcaption>تعليق</figcaption></figure><p>تتمة.</p>', tmp_path)
    assert converted.markdown == "نص.\n\nتتمة.\n"
    assert converted.images == {}


def test_blocks_ignore_the_root_and_long_elements():
    soup = BeautifulSoup("<div><p>آخر الأخبار</p><ul><li><a href='/x'>س</a></li></ul>"
                         "<p>نص عادي</p></div>", "lxml")
    found = blocks.find_blocks(soup.div, ["آخر الأخبار"])
    assert [[e.name for e in b.elements] for b in found] == [["p", "ul"]]


def test_section_mapping():
    tree = SectionTree(pelicanconf.ARSHIF_SECTIONS)
    mapping = SectionMap.load(tree, None)  # the project's import_sections.yaml
    for old, section in [("افريقيا", "abroad/africa"), ("أخبار دولية", "abroad/international"),
                         ("المغاربة في العالم", "abroad/moroccans-abroad"), ("politique", "politics"),
                         ("societe", "society"), ("sport", "sports"), ("economie", "economy"),
                         ("culture", "culture"), ("international", "abroad/international"),
                         ("afrique", "abroad/africa"), ("tamazight", "culture"),
                         ("abroad/africa", "abroad/africa"), ("خارج الحدود/إفريقيا", "abroad/africa"),
                         ("%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1-%d8%af%d9%88%d9%84%d9%8a%d8%a9",
                          "abroad/international")]:
        assert mapping.lookup(old).path == section, old
    assert mapping.lookup("غير مصنف") is IGNORED
    assert mapping.lookup("منوعات") is None
    section, unmapped = mapping.choose([["منوعات"], ["خارج الحدود", "إفريقيا", "غير مصنف"]])
    assert (section.path, unmapped) == ("abroad/africa", [])
    assert mapping.choose([["منوعات", "غير مصنف"], ["›", "الرئيسية"]]) == (None, ["منوعات"])


def test_every_section_maps_to_itself_without_a_mapping_file():
    tree = SectionTree(pelicanconf.ARSHIF_SECTIONS)
    mapping = SectionMap(tree)
    for section in tree:
        assert mapping.lookup(section.name) is section
        assert mapping.lookup(section.slug) is section


def test_quoted_values_read_back_unchanged():
    tricky = 'عنوان: "اقتباس" \\ #وسم [أ، ب] «نص» {x}'
    source = f"---\ntitle: {writer.quote(tricky)}\ntags: {writer.quoted_list([tricky, 'no'])}\n---\n"
    fields = parse(source, "x.md").fields
    assert fields == {"title": tricky, "tags": [tricky, "no"]}


def test_xml_that_is_not_a_wordpress_export_is_skipped(tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                       "<url><loc>https://akhbar.example/</loc></url></urlset>", encoding="utf-8")
    tree = SectionTree(pelicanconf.ARSHIF_SECTIONS)
    [outcome] = read_export(sitemap, "sitemap.xml", ReadContext(SectionMap(tree)))
    assert (outcome.status, outcome.reason) == ("skipped", "not a WordPress export (WXR)")


@pytest.mark.parametrize("png", sorted(FIXTURES.rglob("*.png")), ids=lambda p: p.name)
def test_fixture_pictures_are_small_valid_pngs(png):
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and 200 <= len(data) <= 600
    position, chunks = 8, {}
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind, payload = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        assert crc == zlib.crc32(kind + payload)
        chunks[kind] = payload
        position += 12 + length
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    assert len(zlib.decompress(chunks[b"IDAT"])) == height * (1 + 3 * width)
    assert list(chunks) == [b"IHDR", b"IDAT", b"IEND"]


def test_picture_names_are_stable_and_never_clash(tmp_path):
    from arshif.importer.images import ImageStore
    from importer_testkit import tiny_png

    first, second = tmp_path / "a" / "صورة 1.png", tmp_path / "b" / "صورة 1.png"
    for path, seed in ((first, 1), (second, 2)):
        path.parent.mkdir()
        path.write_bytes(tiny_png(8, 8, seed))
    content = tmp_path / "content"
    store = ImageStore(content)
    assert store.plan(first, 2023) == "images/2023/صورة-1.png"
    assert store.plan(second, 2023) == "images/2023/صورة-1-2.png"  # same name, other picture
    assert store.plan(first, 2023) == "images/2023/صورة-1.png"  # same picture, same name
    store.copy("images/2023/صورة-1.png", lambda rel: content / rel)
    again = ImageStore(content)  # a later run finds the copy already there
    assert again.plan(second, 2023) == "images/2023/صورة-1-2.png"
    assert again.plan(first, 2023) == "images/2023/صورة-1.png"


def test_only_real_pictures_are_found(tmp_path):
    from arshif.importer.images import ImageLocator

    saved = tmp_path / "Page.html"
    folder = tmp_path / "Page_files"
    folder.mkdir()
    (folder / "error page.jpg").write_text("<html>404</html>", encoding="utf-8")
    (folder / "photo 1.gif").write_bytes(b"GIF89a" + b"\0" * 20)
    locator = ImageLocator(saved)
    assert locator.find("./Page_files/error%20page.jpg") is None
    assert locator.find("./Page_files/photo%201.gif") == (folder / "photo 1.gif").resolve()
    assert locator.find("https://old.example/uploads/photo%201.gif") == (folder / "photo 1.gif").resolve()
    assert locator.find("data:image/gif;base64,R0lGOD") is None


def test_read_date_finds_the_date_read_finds_even_without_article_text():
    from arshif.importer import extract

    source = ('<html><head><meta property="article:published_time" '
              'content="2020-03-17T17:27:41Z"></head><body><h1>T</h1></body></html>')
    soup = BeautifulSoup(source, "lxml")
    assert extract.read(soup, source).problem  # no article text: the import refuses it
    published, note, notes = extract.read_date(soup, source)
    assert published.text == "2020-03-17T17:27:41+00:00" and note == "" and notes == []
