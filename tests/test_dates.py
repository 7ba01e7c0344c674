"""The date forms of the front matter (issue #13, item 5): Jekyll's offsets and
a day alone, parsed strictly and shown without an invented time of day."""

import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree

from arshif.content import dates, frontmatter
from arshif.content.validate import Settings, validate_fields
from conftest import offline_index

CASABLANCA = dates.zone("Africa/Casablanca")
ATOM = "{http://www.w3.org/2005/Atom}"


def offset(hours, minutes=0):
    return timezone(timedelta(hours=hours, minutes=minutes))


@pytest.mark.parametrize("value, expected", [
    ("2023-11-29 20:54", datetime(2023, 11, 29, 20, 54, tzinfo=CASABLANCA)),
    ("2023-11-29 20:54:07", datetime(2023, 11, 29, 20, 54, 7, tzinfo=CASABLANCA)),
    ("2023-11-29T20:54:00+01:00", datetime(2023, 11, 29, 20, 54, tzinfo=offset(1))),
    ("2023-11-29T18:00:00Z", datetime(2023, 11, 29, 18, tzinfo=timezone.utc)),
    # Jekyll: a space before the offset, the offset with or without a colon.
    ("2016-05-27 20:10 +0300", datetime(2016, 5, 27, 20, 10, tzinfo=offset(3))),
    ("2016-05-27 20:10:00 +0300", datetime(2016, 5, 27, 20, 10, tzinfo=offset(3))),
    ("2016-05-27 20:10:00 -0500", datetime(2016, 5, 27, 20, 10, tzinfo=offset(-5))),
    ("2016-05-27 20:10 +03:00", datetime(2016, 5, 27, 20, 10, tzinfo=offset(3))),
    ("2016-05-27 20:10:00 +0530", datetime(2016, 5, 27, 20, 10, tzinfo=offset(5, 30))),
])
def test_timed_forms(value, expected):
    moment = dates.parse(value)
    assert moment == expected and moment.utcoffset() == expected.utcoffset()
    assert not dates.date_only(moment)


def test_a_day_alone_is_the_start_of_that_day_in_the_site_timezone():
    moment = dates.parse("2024-03-05")
    assert dates.date_only(moment)
    assert moment == datetime(2024, 3, 5, tzinfo=CASABLANCA)
    assert dates.parse("2024-03-05", "Asia/Tokyo") == datetime(2024, 3, 5, tzinfo=dates.zone(
        "Asia/Tokyo"))
    assert dates.day(2024, 3, 5) == moment and dates.date_only(dates.day(2024, 3, 5))
    # The article cache pickles articles: a day alone must stay one.
    assert dates.date_only(pickle.loads(pickle.dumps(moment, protocol=pickle.HIGHEST_PROTOCOL)))


def test_a_day_alone_shows_no_time_anywhere():
    day = dates.parse("2023-11-29")
    assert dates.portal(day) == "29/11/2023"
    assert dates.iso(day) == "2023-11-29"
    assert str(dates.time_element(day)) == '<time datetime="2023-11-29">29/11/2023</time>'
    assert dates.long_date(day) == "29 نونبر 2023"
    timed = dates.parse("2023-11-29 00:00")
    assert dates.portal(timed) == "29/11/2023 | 00:00"
    assert dates.iso(timed) == "2023-11-29T00:00:00+01:00"


@pytest.fixture
def check(tree):
    def run(date, modified=None):
        text = f"---\ntitle: عنوان\ndate: {date}\nsection: سياسة\n"
        if modified:
            text += f"modified: {modified}\n"
        path = "articles/2023/11/slug.md"
        return validate_fields(frontmatter.parse(text + "---\nنص\n", path), path,
                               Settings(sections=tree))
    return run


@pytest.mark.parametrize("value, message", [
    ("2023-11", "'2023-11' is incomplete; write the whole day, e.g. 2023-11-29, "
                "and the time if it is known: 2023-11-29 20:54"),
    ("2023", "'2023' is incomplete; write the whole day"),
    ("2023-02-30", "'2023-02-30' is not a real date (day is out of range for month)"),
    ("2023-02-30 10:00", "'2023-02-30 10:00' is not a real date"),
    ("2023-11-29 25:00", "'2023-11-29 25:00' is not a real date"),
    ("2016-05-27 20:10 +0375", "'2016-05-27 20:10 +0375' is not a real date"),
    ("2016-05-27 20:10 +1500", "'2016-05-27 20:10 +1500' is not a real date"),
    # Strict: no dateutil guessing.
    ("2023-3-5", "'2023-3-5' is not a date; write YYYY-MM-DD HH:MM"),
    ("2016-05-27 20:10 +03", "is not a date"),
    ("2023-11-29 20", "is not a date"),
    ("29/11/2023", "is not a date"),
    ("May 27 2016", "is not a date"),
])
def test_refused_dates_name_file_line_and_field(check, value, message):
    article, problems = check(value)
    assert article is None
    [problem] = problems
    assert str(problem).startswith(f"articles/2023/11/slug.md:3: date: '{value}' ")
    assert message in str(problem)


def test_modified_accepts_the_same_forms_and_compares_days_by_the_day(check):
    article, problems = check("2023-11-29 20:54", modified="2023-11-29")
    assert problems == [] and dates.date_only(article.modified)
    article, problems = check("2023-11-29", modified="2023-11-29 08:00 +0300")
    assert problems == [] and article.modified.utcoffset() == timedelta(hours=3)
    _, problems = check("2023-11-29 20:54", modified="2023-11-28")
    assert [str(p) for p in problems] == [
        "articles/2023/11/slug.md:5: warning: modified: is earlier than date"]
    _, problems = check("2023-11-29", modified="2023-11-28 23:30")
    assert [p.field for p in problems] == ["modified"]
    _, problems = check("2023-11-29", modified="2023-11")
    assert [str(p) for p in problems][0].startswith(
        "articles/2023/11/slug.md:5: modified: '2023-11' is incomplete")


def _docs(path, name):
    text = path.read_text(encoding="utf-8")
    prefix = f"window.{name}="
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


@pytest.fixture
def dated(site):
    site.add("2023/11/day-only", title="يوم بلا ساعة", date="2023-11-29", tags=["أرشيف"])
    site.add("2023/11/midnight", title="منتصف الليل", date="2023-11-29 00:00", tags=["أرشيف"])
    site.add("2023/11/evening", title="مساء", date="2023-11-29 20:54", tags=["أرشيف"])
    site.add("2023/11/jekyll", title="جيكل", date="2023-11-29 20:10 +0300", tags=["أرشيف"])
    site.add("2023/11/day-before", title="اليوم السابق", date="2023-11-28 23:59",
             tags=["أرشيف"], modified="2023-12-02")
    result = site.build(SITEURL="https://archive.example")
    assert result.ok, [str(p) for p in result.problems]
    site.result = result
    return site


# Newest first; the day alone counts as the start of its day and comes after
# the day's timed articles, 00:00 included.  Jekyll's 20:10 +0300 is 18:10 here.
ORDER = ["2023/11/evening.html", "2023/11/jekyll.html", "2023/11/midnight.html",
         "2023/11/day-only.html", "2023/11/day-before.html"]


def test_day_alone_on_its_page_in_lists_and_latest_news(dated):
    page = dated.html("2023/11/day-only.html")
    time = page.select_one(".article-meta time")
    assert (time.get_text(), time["datetime"]) == ("29/11/2023", "2023-11-29")
    assert page.select_one("[data-pagefind-meta^=date]")["data-pagefind-meta"] == "date:29/11/2023"
    assert page.h1["data-pagefind-meta"] == "datetime:2023-11-29"
    jekyll = dated.html("2023/11/jekyll.html").select_one(".article-meta time")
    assert (jekyll.get_text(), jekyll["datetime"]) == ("29/11/2023 | 20:10",
                                                       "2023-11-29T20:10:00+03:00")
    for listing in ("index.html", "section/politics/index.html", "tag/أرشيف/index.html",
                    "archive/2023/11/index.html"):
        soup = dated.html(listing)
        times = {}
        for item in soup.select(".latest-list li, .article-list li"):
            link = item.find("a", href=lambda h: h and "day-only" in h)
            if link:
                time = item.find("time")
                times[(time.get_text(), time["datetime"])] = True
        assert list(times) == [("29/11/2023", "2023-11-29")], listing
    home = dated.html("index.html")
    latest = [a["href"] for a in home.select(".latest-list li > a:nth-of-type(2)")]
    # The lead story is not repeated in the home page's «آخر الأخبار» (issue #17).
    lead = home.select_one(".lead-title a")["href"].removeprefix("./")
    assert [h.removeprefix("./") for h in latest][:4] == [p for p in ORDER if p != lead][:4]
    politics = dated.html("section/politics/index.html")
    assert [a["href"].removeprefix("../../") for a in politics.select(".article-list h2 a")] \
        == ORDER


def test_day_alone_in_feeds_json_ld_sitemap_and_indexes(dated):
    # Atom wants a full timestamp: the start of the day, Moroccan time.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    feed = etree.parse(str(dated.output / "feeds/all.atom.xml"), parser).getroot()
    entries = {e.find(f"{ATOM}link").get("href").removeprefix("https://archive.example/"): e
               for e in feed.findall(f"{ATOM}entry")}
    assert list(entries) == ORDER
    day_only = entries["2023/11/day-only.html"]
    assert day_only.findtext(f"{ATOM}published") == "2023-11-29T00:00:00+01:00"
    assert day_only.findtext(f"{ATOM}updated") == "2023-11-29T00:00:00+01:00"
    assert entries["2023/11/day-before.html"].findtext(f"{ATOM}updated") \
        == "2023-12-02T00:00:00+01:00"
    assert feed.findtext(f"{ATOM}updated") == "2023-12-02T00:00:00+01:00"

    soup = dated.html("2023/11/day-only.html")
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert (ld["datePublished"], ld["dateModified"]) == ("2023-11-29", "2023-11-29")
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert "article:published_time" not in og  # each fact once: in the JSON-LD
    before = dated.html("2023/11/day-before.html")
    ld = json.loads(before.find("script", type="application/ld+json").string)
    assert (ld["datePublished"], ld["dateModified"]) == ("2023-11-28T23:59:00+01:00", "2023-12-02")

    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sitemap = etree.parse(str(dated.output / "sitemap.xml"), parser).getroot()
    lastmod = {u.findtext(f"{ns}loc").removeprefix("https://archive.example/"):
               u.findtext(f"{ns}lastmod") for u in sitemap.findall(f"{ns}url")}
    assert lastmod["2023/11/day-only.html"] == "2023-11-29"
    assert lastmod["2023/11/day-before.html"] == "2023-12-02"
    assert lastmod["2023/11/evening.html"] == "2023-11-29T20:54:00+01:00"

    search = offline_index(dated.output)
    assert [d[0] for d in search["docs"]] == ORDER
    assert search["docs"][3][3:5] == ["29/11/2023", "2023-11-29"]
    reader = _docs(dated.output / "reader-index.js", "ARSHIF_READER_INDEX")
    assert [a[0] for a in reader["articles"]] == ORDER
    assert reader["articles"][3][3:] == ["29/11/2023", "2023-11-29"]
    # «آخر الأخبار» of the other pages and the menu's headlines (latest.js).
    latest = _docs(dated.output / "latest.js", "ARSHIF_LATEST")
    assert [latest["articles"][p][0] for p in latest["latest"]] == ORDER[:5]
    assert latest["articles"][3][4:] == ["29/11/2023", "2023-11-29"]


def test_day_alone_keeps_its_url_and_month(dated):
    room = dated.result.generator.newsroom
    [article] = [a for a in room.articles if a.slug == "day-only"]
    assert article.url == "2023/11/day-only.html" and dates.date_only(article.date)
    assert [a.url for a in room.articles] == ORDER
    assert "يوم بلا ساعة" in dated.html("archive/2023/11/index.html").get_text()


def _digest(folder):
    import hashlib

    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("before, after", [("2023-11-01 00:00", "2023-11-01"),
                                           ("2023-11-01", "2023-11-01 00:00")])
def test_warm_rebuild_after_dropping_the_time_matches_a_cold_build(site, tmp_path, before, after):
    """00:00 and the day alone are the same instant, so nothing else moves:
    the page fingerprints must still tell them apart, or the warm build keeps
    the pages that show the old date."""
    for n in range(8):
        site.add(f"2023/11/n{n}", title=f"مقال {n}", date=f"2023-11-{20 + n} 10:00",
                 tags=["وسم"])
    site.add("2023/11/x", title="الخبر", date=before, tags=["وسم"], modified=before)
    assert site.build(SITEURL="https://archive.example").ok
    site.add("2023/11/x", title="الخبر", date=after, tags=["وسم"], modified=after)
    warm = site.build(SITEURL="https://archive.example")
    assert warm.ok and warm.generator.render_stats.reused > warm.generator.render_stats.rendered
    shown = "01/11/2023" if after == "2023-11-01" else "01/11/2023 | 00:00"
    assert site.html("2023/11/x.html").select_one(".article-meta time").get_text() == shown
    listed = site.html("tag/وسم/index.html").find("a", href=lambda h: h.endswith("/x.html"))
    assert listed.find_parent("li").find("time").get_text() == shown
    cold = site.build(OUTPUT_PATH=str(tmp_path / "cold"), ARSHIF_PAGE_CACHE_PATH=None,
                      ARSHIF_CACHE_PATH=None, SITEURL="https://archive.example")
    assert cold.ok and _digest(site.output) == _digest(tmp_path / "cold")
