"""``invoke new`` writes a valid article at the right path."""

from datetime import datetime

import pytest

import pelicanconf
from arshif.scaffold import new_article


def settings_for(site):
    return {"PATH": str(site.content), "ARSHIF_SECTIONS": pelicanconf.ARSHIF_SECTIONS}


def test_new_article_builds(site):
    path = new_article(settings_for(site), title='الوزير: "خطة" جديدة', section="africa",
                       tags="الساحل، الأمن", date="2024-03-05 09:30")
    assert path.endswith("articles/2024/03/الوزير-خطة-جديدة.md")
    problems = site.check()
    assert [p for p in problems if p.is_error] == []
    # A new article starts as a draft holding a placeholder: nothing goes live.
    result = site.build()
    assert result.ok
    assert not (site.output / "2024/03/الوزير-خطة-جديدة.html").exists()
    # Published with the placeholder still in it: an error at the placeholder's line.
    source = open(path, encoding="utf-8").read()
    published = source.replace("status: draft\n", "")
    open(path, "w", encoding="utf-8").write(published)
    line = published.splitlines().index("اكتب نص المقال هنا.") + 1
    errors = [str(p) for p in site.check() if p.is_error]
    assert errors == [f"articles/2024/03/الوزير-خطة-جديدة.md:{line}: body: still holds the "
                      "placeholder «اكتب نص المقال هنا.» of invoke new; write the article, or "
                      "keep it unpublished with status: draft"]
    # Written, then published: the page is built.
    open(path, "w", encoding="utf-8").write(published.replace("اكتب نص المقال هنا.", "نص الخبر."))
    result = site.build()
    assert result.ok, result.problems
    soup = site.html("2024/03/الوزير-خطة-جديدة.html")
    assert soup.h1.get_text() == 'الوزير: "خطة" جديدة'
    assert [a.get_text() for a in soup.select(".article-tags a")] == ["الساحل", "الأمن"]
    assert soup.select_one(".breadcrumb").get_text(" ", strip=True) == \
        'الرئيسية خارج الحدود إفريقيا الوزير: "خطة" جديدة'


def test_new_article_uses_moroccan_time_now(site):
    def fake_now(tz):
        return datetime(2025, 1, 2, 3, 4, 59, tzinfo=tz)
    path = new_article(settings_for(site), title="خبر", section="سياسة", slug="news", now=fake_now)
    assert path.endswith("articles/2025/01/news.md")
    assert "date: 2025-01-02 03:04\n" in open(path, encoding="utf-8").read()


@pytest.mark.parametrize("date, folder", [
    ("2024-03-05", "2024/03"),                     # a day alone: no invented time
    ("2016-05-27 20:10 +0300", "2016/05"),         # Jekyll's form
    ("2023-11-30T23:30:00-05:00", "2023/11"),      # its own day, as its URL
])
def test_new_article_writes_the_date_as_given(site, date, folder):
    path = new_article(settings_for(site), title="خبر", section="سياسة", slug="d", date=date)
    assert path.endswith(f"articles/{folder}/d.md")
    source = open(path, encoding="utf-8").read()
    assert f"\ndate: {date}\n" in source
    # Written and published by the editor:
    open(path, "w", encoding="utf-8").write(
        source.replace("status: draft\n", "").replace("اكتب نص المقال هنا.", "نص."))
    assert site.build().ok
    time = site.html(f"{folder}/d.html").select_one(".article-meta time")
    assert time["datetime"] == {"2024-03-05": "2024-03-05",
                                "2016-05-27 20:10 +0300": "2016-05-27T20:10:00+03:00",
                                "2023-11-30T23:30:00-05:00": "2023-11-30T23:30:00-05:00"}[date]


@pytest.mark.parametrize("kwargs, message", [
    ({"section": "nowhere"}, "section: unknown section"),
    ({"slug": "a b"}, "slug:"),
    ({"date": "2024-03"}, "date: '2024-03' is incomplete"),
    ({"date": "2024-02-30"}, "date: '2024-02-30' is not a real date"),
    ({"title": "  "}, "title is empty"),
])
def test_new_article_refuses_bad_input(site, kwargs, message):
    args = {"title": "خبر", "section": "سياسة", "slug": "x", "date": "2024-03-05 09:30"}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        new_article(settings_for(site), **args)


def test_default_file_name_is_cut_at_a_word_boundary(site):
    title = ("الحكومة تعلن عن برنامج استعجالي جديد لدعم الفلاحين المتضررين من الجفاف "
             "في جهات المملكة")
    path = new_article(settings_for(site), title=title, section="سياسة", date="2024-03-05 09:30")
    slug = path.rsplit("/", 1)[1].removesuffix(".md")
    assert len(slug.encode("utf-8")) <= 60
    words = title.split()
    assert slug.split("-") == words[:len(slug.split("-"))], slug  # whole words only, no hash


def test_new_article_never_overwrites(site):
    args = dict(title="خبر", section="سياسة", slug="x", date="2024-03-05 09:30")
    new_article(settings_for(site), **args)
    with pytest.raises(ValueError, match="already exists"):
        new_article(settings_for(site), **args)
