"""Extraction of pages the theme readers miss: Arabic month names in every
regional spelling, date-only pages, trafilatura and htmldate as the last
resort, the ways forward (--default-section, --content-selector), and a body
without breadcrumbs, prompts, share links, bylines or dates."""

from __future__ import annotations

import socket

import pytest

from arshif.importer import cleanup, datetimes, extract
from arshif.importer.cli import main
from importer_testkit import FIXTURES, Run, content, read_article  # noqa: F401 (fixture)

DAY_ONLY = FIXTURES / "dates" / "day-only.html"
PARAGRAPHS = ("<p>أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتلقيح تستهدف الأطفال في "
              "المناطق القروية، وتمتد الحملة على ثلاثة أسابيع في كل الجهات.</p>"
              "<p>وقال مسؤول في الوزارة إن الحملة تعبئ أكثر من ألفي إطار صحي وعشرات الوحدات "
              "المتنقلة للوصول إلى الدواوير البعيدة عن المراكز الصحية.</p>")


def page(head: str = "", body: str = "", body_class: str = "single") -> str:
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">{head}'
            f'</head><body class="{body_class}">{body}</body></html>')


def write(tmp_path, name: str, html: str):
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def only_article(content):
    found = sorted((content / "articles").rglob("*.md"))
    found = [p for p in found if p.name != "drought-water-plan.md"]
    assert len(found) == 1, found
    return read_article(found[0])


@pytest.mark.parametrize("value, expected", [
    # Egyptian / Gulf, 12-hour clock with ص/م
    ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", "2020-10-07 12:09"),
    ("الخميس 5 نوفمبر 2020 09:30 م", "2020-11-05 21:30"),
    ("5 أغسطس 2019 - 12:15 ص", "2019-08-05 00:15"),
    ("السبت 19 سبتمبر 2020 الساعة 10:30 صباحاً", "2020-09-19 10:30"),
    ("1 ديسمبر 2020", "2020-12-01"),
    ("3 يوليو 2020", "2020-07-03"),
    # Moroccan
    ("12 يناير 2021", "2021-01-12"), ("3 يوليوز 2020", "2020-07-03"),
    ("5 غشت 2019 - 11:40", "2019-08-05 11:40"), ("3 شتنبر 2021 على الساعة 09:15", "2021-09-03 09:15"),
    ("20 نونبر 2022", "2022-11-20"), ("نشر في 10 دجنبر 2019", "2019-12-10"),
    ("2 ماي 2018", "2018-05-02"),
    # Levantine / Iraqi
    ("12 كانون الثاني 2020", "2020-01-12"), ("3 شباط 2020", "2020-02-03"),
    ("4 آذار 2020", "2020-03-04"), ("5 نيسان 2020", "2020-04-05"), ("6 أيار 2020", "2020-05-06"),
    ("7 حزيران 2020", "2020-06-07"), ("8 تموز 2020", "2020-07-08"), ("9 آب 2020", "2020-08-09"),
    ("10 أيلول 2020", "2020-09-10"), ("11 تشرين الأول 2020", "2020-10-11"),
    ("12 تشرين الثاني 2020", "2020-11-12"), ("13 كانون الأول 2020", "2020-12-13"),
    ("9 تشرين الثاني (نوفمبر) 2020", "2020-11-09"), ("19 أغسطس/آب 2020", "2020-08-19"),
    # Maghreb, French-derived
    ("الجمعة 8 فيفري 2019", "2019-02-08"), ("14 جانفي 2021", "2021-01-14"),
    ("2 أفريل 2019", "2019-04-02"), ("15 جوان 2019", "2019-06-15"),
    ("1 جويلية 2018", "2018-07-01"), ("20 أوت 2018 - 18:05", "2018-08-20 18:05"),
    # Arabic-Indic and Persian digits
    ("٧ أيلول ٢٠٢٠ ٠٩:٣٠ م", "2020-09-07 21:30"), ("۱۲ مارس ۲۰۲۰", "2020-03-12"),
    # not dates
    ("31 فبراير 2020", None), ("قبل ساعتين", None), ("أب وابنه 2020", None),
])
def test_arabic_month_names_in_every_regional_spelling(value, expected):
    found = datetimes.from_any(value)
    assert (found.text if found else None) == expected


def test_metadata_dates_in_other_forms():
    assert datetimes.from_any("Sun, 07 Jun 2020 18:06:00 +0300").text == "2020-06-07T18:06:00+03:00"
    assert datetimes.from_any("2020-06-07").text == "2020-06-07"
    assert datetimes.is_day_only(datetimes.from_any("2020-06-07"))


def test_a_page_with_a_date_but_no_time_imports_date_only(content):
    run = Run(content, [DAY_ONLY])
    assert run.code == 0, run.report
    fields, _ = read_article(content / "articles/2023/11/افتتاح-مكتبة-وسائطية-في-وجدة.md")
    assert fields["date"] == "2023-11-29"  # never an invented 00:00


def test_meta_itemprop_date_published_in_head_counts(content, tmp_path):
    head = ('<title>حملة تلقيح</title><meta property="og:type" content="article">'
            '<meta itemprop="datePublished" content="2021-03-04T10:20:00+01:00">'
            '<meta property="article:section" content="مجتمع">')
    path = write(tmp_path, "a.html", page(head, f'<article><h1>حملة تلقيح</h1>'
                                               f'<div class="entry-content">{PARAGRAPHS}</div></article>'))
    run = Run(content, [path])
    assert run.code == 0, run.report
    fields, _ = only_article(content)
    assert fields["date"] == "2021-03-04T10:20:00+01:00"


def test_arabic_date_in_article_published_time_meta(content, tmp_path):
    head = ('<title>حملة تلقيح</title><meta property="og:type" content="article">'
            '<meta property="article:published_time" content="الأربعاء، 07 أكتوبر 2020 - 12:09 م">'
            '<meta property="article:section" content="مجتمع">')
    path = write(tmp_path, "a.html", page(head, f'<article><h1>حملة تلقيح</h1>'
                                               f'<div class="entry-content">{PARAGRAPHS}</div></article>'))
    assert Run(content, [path]).code == 0
    assert only_article(content)[0]["date"] == "2020-10-07 12:09"


UNKNOWN_THEME = page(
    '<title>Vaccination campaign reaches rural villages - Daily Example</title>'
    '<link rel="canonical" href="https://daily.example/health/vaccination-campaign">',
    '<div id="top"><a href="/">Home</a> <a href="/health">Health</a></div>'
    '<div class="wrap"><div class="main-col"><h1>Vaccination campaign reaches rural villages</h1>'
    '<div class="when">Published on March 3, 2021</div>'
    '<div class="txt"><p>The health ministry launched a national vaccination campaign for '
    'children in rural areas on Wednesday, with mobile units travelling to remote villages.</p>'
    '<p>Officials said more than two thousand health workers would take part in the campaign, '
    'which is to last three weeks in every region of the country.</p>'
    '<p>Parents were asked to bring their children’s health records to the nearest unit.</p>'
    '</div></div><div class="side"><ul><li><a href="/a">Other story one</a></li>'
    '<li><a href="/b">Other story two</a></li></ul></div></div>', body_class="")


def test_trafilatura_and_htmldate_read_a_page_no_theme_reader_knows(content, tmp_path):
    path = write(tmp_path, "story.html", UNKNOWN_THEME)
    run = Run(content, [path], default_section="مجتمع")
    assert run.code == 0, run.report
    fields, body = only_article(content)
    assert fields["title"] == "Vaccination campaign reaches rural villages"
    assert fields["date"] == "2021-03-03"  # htmldate gives the day: no time is invented
    assert "national vaccination campaign" in body and "nearest unit" in body
    assert "Other story" not in body


def test_fallback_extractors_never_touch_the_network(content, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    path = write(tmp_path, "story.html", UNKNOWN_THEME.replace(
        "Published on March 3, 2021", "").replace("March", "Mar"))
    run = Run(content, [path], default_section="مجتمع", keep_going=True)
    assert "tried to open a network connection" not in run.report


def test_a_date_htmldate_only_guesses_is_named_in_the_report(content, tmp_path):
    guessed = page('<title>Vaccination campaign</title>',
                   '<div class="txt"><p>The campaign started after the meeting of 12 May 2021 '
                   'between the ministry and the regions, officials said on the radio.</p>'
                   '<p>More than two thousand health workers take part in the campaign, which is '
                   'to last three weeks in every region of the country.</p></div>', body_class="")
    run = Run(content, [write(tmp_path, "g.html", guessed)], default_section="مجتمع")
    assert run.code == 0, run.report
    assert "guessed by htmldate from the page's text: check it" in run.report


def test_an_article_page_is_never_skipped_silently(content, tmp_path):
    """No theme reader and no extractor finds text: failed, with a way forward."""
    empty = page('<title>خبر</title><meta property="og:type" content="article">',
                 '<div class="x"><img src="a.jpg"></div>', body_class="")
    unknown = page('<title>صفحة</title>', '<div class="x"></div>', body_class="")
    run = Run(content, [write(tmp_path, "empty.html", empty), write(tmp_path, "unknown.html", unknown)])
    assert run.code == 1
    for name in ("empty.html", "unknown.html"):
        line = next(line for line in run.lines if name in line)
        assert line.split()[0] == "failed"
        assert "no article text found" in line and "--content-selector CSS" in line


def test_listing_pages_are_skipped_with_the_reason(content, tmp_path):
    teasers = "".join(f'<article class="post"><h2><a href="/p{n}">خبر {n}</a></h2></article>'
                      for n in range(5))
    run = Run(content, [write(tmp_path, "tag.html", page("<title>وسم</title>", teasers, "tag"))])
    assert run.code == 0
    assert "skipped" in run.report and "not an article page (a tag page)" in run.report


UNMAPPED = page('<title>حملة تلقيح</title><meta property="og:type" content="article">'
                '<meta property="article:published_time" content="2021-03-04T10:20:00+01:00">'
                '<meta property="article:section" content="منوعات">',
                f'<article><h1>حملة تلقيح</h1><div class="entry-content">{PARAGRAPHS}</div></article>')


def test_default_section_for_pages_whose_categories_map_nowhere(content, tmp_path):
    path = write(tmp_path, "u.html", UNMAPPED)
    run = Run(content, [path])
    assert run.code == 1
    assert "unmapped category «منوعات» (add it to import_sections.yaml, or use " \
           "--default-section SECTION)" in run.report
    run = Run(content, [path], default_section="مجتمع")
    assert run.code == 0, run.report
    assert only_article(content)[0]["section"] == "مجتمع"


def test_wordpress_uncategorized_goes_to_the_default_section(content, tmp_path):
    path = write(tmp_path, "u.html", UNMAPPED.replace("منوعات", "Uncategorized"))
    run = Run(content, [path])  # import_sections.yaml ignores it: no category at all
    assert "no category found: add --default-section SECTION" in run.report
    assert Run(content, [path], default_section="مجتمع").code == 0
    assert only_article(content)[0]["section"] == "مجتمع"


def test_a_page_without_any_category_names_the_way_forward(content, tmp_path):
    path = write(tmp_path, "n.html", UNMAPPED.replace("article:section", "x-none"))
    run = Run(content, [path])
    assert "no category found: add --default-section SECTION" in run.report


def test_both_options_can_be_set_in_the_mapping_file(content, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("_default_section: مجتمع\n_content_selector: '#fulltext'\n", encoding="utf-8")
    teaser = page('<title>حملة تلقيح</title><meta property="og:type" content="article">'
                  '<meta property="article:published_time" content="2021-03-04T10:20:00+01:00">',
                  '<article><h1>حملة تلقيح</h1><div class="entry-content"><p>ملخص قصير.</p></div>'
                  f'<div id="fulltext">{PARAGRAPHS}</div></article>')
    path = write(tmp_path, "t.html", teaser)
    run = Run(content, [path], mapping_path=str(mapping))
    assert run.code == 0, run.report
    fields, body = only_article(content)
    assert fields["section"] == "مجتمع"
    assert "ألفي إطار صحي" in body and "ملخص قصير" not in body


def test_content_selector_finds_the_text_the_extractors_miss(content, tmp_path):
    teaser = page('<title>حملة تلقيح</title><meta property="og:type" content="article">'
                  '<meta property="article:published_time" content="2021-03-04T10:20:00+01:00">'
                  '<meta property="article:section" content="مجتمع">',
                  '<article><h1>حملة تلقيح</h1><div class="entry-content"><p>ملخص قصير.</p>'
                  f'{PARAGRAPHS}</div><div class="story-x">{PARAGRAPHS.replace("الصحة", "التعليم")}'
                  '</div></article>')
    path = write(tmp_path, "t.html", teaser)
    assert Run(content, [path]).code == 0
    assert "وزارة الصحة" in only_article(content)[1]
    assert Run(content, [path], content_selector=".story-x", force=True).code == 0
    body = only_article(content)[1]
    assert "وزارة التعليم" in body and "ملخص قصير" not in body


@pytest.mark.parametrize("option, value, message", [
    ("default_section", "لا يوجد", "--default-section 'لا يوجد'"),
    ("content_selector", "div[", "--content-selector 'div[' is not a CSS selector"),
])
def test_a_wrong_option_stops_the_import_before_it_starts(content, tmp_path, option, value, message):
    run = Run(content, [write(tmp_path, "u.html", UNMAPPED)], **{option: value})
    assert run.code == 2
    assert message in run.report


def test_the_command_line_takes_both_options(tmp_path, capsys, monkeypatch):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    path = write(tmp_path, "u.html", UNMAPPED)
    code = main([str(path), "--content", str(content), "--default-section", "مجتمع",
                 "--content-selector", ".entry-content"])
    assert code == 0, capsys.readouterr().out
    assert only_article(content)[0]["section"] == "مجتمع"


NOISY_BODY = (
    '<div class="entry-content">'
    '<ul class="path"><li><a href="/">الرئيسية</a> »</li><li><a href="/society">مجتمع</a></li></ul>'
    '<p><strong>حسام أبو العلا - القاهرة</strong></p>'
    'أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتلقيح تستهدف الأطفال.<br><br>'
    'وتمتد الحملة على ثلاثة أسابيع في كل الجهات.<br/> <br/>'
    'وقال مسؤول إن الحملة تعبئ أكثر من ألفي إطار صحي.'
    '<p>للتواصل: <a href="mailto:desk@akhbar.example">desk@akhbar.example</a></p>'
    '<p>شارك: <a href="https://www.facebook.com/sharer/sharer.php?u=x">فيسبوك</a> '
    '<a href="https://twitter.com/intent/tweet?url=x">تويتر</a> '
    '<a href="mailto:?subject=خبر&amp;body=x">أرسل لصديق</a></p>'
    '<div><h3>Related articles</h3><ul><li><a href="/a">خبر آخر</a></li></ul></div>'
    '<p>أضف تعليقك على الخبر</p>'
    '<p>كتب: حسام أبو العلا</p>'
    '<p>الأربعاء، 07 أكتوبر 2020 - 12:09 م</p>'
    '</div>')


def test_the_body_keeps_only_the_article(content, tmp_path):
    head = ('<title>حملة &lt;b&gt;تلقيح&lt;/b&gt; وطنية</title>'
            '<meta property="og:title" content="حملة &lt;b&gt;تلقيح&lt;/b&gt; وطنية">'
            '<meta property="og:type" content="article">'
            '<meta property="article:published_time" content="2020-10-07T12:09:00+02:00">'
            '<meta property="article:section" content="مجتمع">'
            '<meta name="author" content="حسام أبو العلا - القاهرة">')
    run = Run(content, [write(tmp_path, "n.html", page(head, f"<article>{NOISY_BODY}</article>"))])
    assert run.code == 0, run.report
    fields, body = only_article(content)
    assert fields["title"] == "حملة تلقيح وطنية"  # HTML in titles is stripped to text
    assert fields["author"] == "حسام أبو العلا"
    assert fields["dateline"] == "القاهرة"
    paragraphs = body.strip().split("\n\n")
    assert paragraphs[:3] == ["أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتلقيح تستهدف الأطفال.",
                              "وتمتد الحملة على ثلاثة أسابيع في كل الجهات.",
                              "وقال مسؤول إن الحملة تعبئ أكثر من ألفي إطار صحي."]
    for gone in ("الرئيسية", "شارك", "فيسبوك", "mailto", "أرسل لصديق", "Related", "خبر آخر",
                 "أضف تعليقك", "كتب:", "أكتوبر", "<br>", "حسام أبو العلا - القاهرة"):
        assert gone not in body, gone
    assert "desk@akhbar.example" in body  # an address written in the text stays, unlinked


@pytest.mark.parametrize("byline, expected", [
    ("حسام أبو العلا - القاهرة", ("حسام أبو العلا", "القاهرة")),
    ("كتب: محمد علي – الإسكندرية", ("محمد علي", "الإسكندرية")),
    ("بقلم سارة بنعلي", ("سارة بنعلي", "")),
    ("Jane Doe", ("Jane Doe", "")),
])
def test_bylines_with_a_dateline(byline, expected):
    assert extract.split_byline(byline) == expected


def test_double_breaks_split_paragraphs_and_single_ones_stay():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup("<div><p>one<br><br>two<br>still two</p></div>", "lxml")
    root = soup.div
    cleanup.clean(root, [])
    assert str(root) == "<div><p>one</p><p>two<br/>still two</p></div>"


def test_invoke_import_takes_both_options(tmp_path, monkeypatch):
    import invoke

    import tasks

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    sections = tasks._settings()["ARSHIF_SECTIONS"]
    monkeypatch.setattr(tasks, "_settings", lambda *a: {"PATH": str(content),
                                                        "ARSHIF_SECTIONS": sections})
    path = write(tmp_path, "u.html", UNMAPPED)
    tasks.import_(invoke.Context(), path=str(path), default_section="مجتمع",
                  content_selector=".entry-content")
    assert only_article(content)[0]["section"] == "مجتمع"
