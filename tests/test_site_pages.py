"""Build tests of the newsroom pages: sections, tags, archives, feeds, sitemap, SEO."""

import json
import posixpath
import re
import xml.etree.ElementTree as ET

import pytest

SECTIONS = ["إفريقيا", "مغاربة العالم", "خارج الحدود", "سياسة", "جهات"]
TAGS = ["الأمن", "الماء", "علم", "ألم", "وسم28", "وسم282"]
BODY = "\n\n".join(f"الفقرة رقم {n} من المقال." for n in range(1, 6))
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import Site

    site = Site(tmp_path_factory.mktemp("newsroom"))
    for n in range(25):
        site.add(f"{2022 + n % 3}/{1 + n % 12:02d}/a{n:02d}", title=f"مقال {n}",
                 date=f"{2022 + n % 3}-{1 + n % 12:02d}-{1 + n:02d} 10:{n:02d}",
                 section=SECTIONS[n % len(SECTIONS)],
                 tags=[TAGS[n % len(TAGS)], TAGS[(n * 7) % len(TAGS)]],
                 author=["سعاد", "كريم"][n % 2], body=BODY,
                 dateline="الرباط", source="متابعة")
    site.add("2024/05/hostile", title='</script><script>alert("x")</script> عنوان',
             date="2024-05-05 05:05", section="سياسة", tags=["الأمن"], body=BODY)
    result = site.build(ARSHIF_PER_PAGE=3, SITEURL="https://archive.example/ar")
    assert result.ok, [str(p) for p in result.problems]
    site.result = result
    return site


def follow_pages(site, first):
    """Every article URL listed over a paginated list, following rel=next
    (once each: the first page shows the newest, some of them on a numbered
    page too)."""
    found, page, seen = [], first, set()
    while page and page not in seen:
        seen.add(page)
        soup = site.html(page)
        for a in soup.select(".article-list h2 a"):
            found.append(posixpath.normpath(posixpath.join(posixpath.dirname(page), a["href"])))
        nxt = soup.select_one('.pagination a[rel="next"]')
        page = posixpath.normpath(posixpath.join(posixpath.dirname(page), nxt["href"])) if nxt else None
    return list(dict.fromkeys(found))


def test_every_article_on_its_section_parent_tag_and_month_pages(built):
    room = built.result.generator.newsroom
    for article in room.articles:
        for section in article.section.ancestors:
            assert article.url in follow_pages(built, f"section/{section.path}/index.html")
        for tag in article.tags:
            assert article.url in follow_pages(built, tag.url)
        month = f"archive/{article.date.year}/{article.date.month:02d}/index.html"
        assert article.url in follow_pages(built, month)
        assert article.url in follow_pages(built, f"archive/{article.date.year}/index.html")


def test_pagination_links_resolve_and_are_labelled(built):
    for page in built.pages():
        for link in built.html(page).select(".pagination a"):
            assert link["rel"][0] in ("prev", "next")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))
            assert (built.output / target).is_file()
    # 15 articles under خارج الحدود, 3 a page: five numbered pages, counted
    # from the oldest; the first page shows the newest 3 (those of page 5).
    soup = built.html("section/abroad/page-2.html")
    assert soup.h1.get_text() == "خارج الحدود"
    assert soup.select_one(".pagination-status").get_text() == "الصفحة 2"
    assert soup.title.get_text().startswith("خارج الحدود - الصفحة 2 |")
    assert not soup.select(".list-count")  # a full page shows nothing that grows
    first = built.html("section/abroad/index.html")
    assert first.select_one(".pagination-status").get_text() == "أحدث المقالات"
    assert first.select_one(".list-count").get_text() == "عدد المقالات: 15"
    assert [a.get_text() for a in first.select(".pagination-pages a")] == \
        ["الأحدث", "الصفحة 5", "الصفحة 4", "الصفحة 3", "الصفحة 1"]
    assert first.select_one('.pagination a[rel="next"]')["href"].endswith("/abroad/page-4.html")
    assert [a["href"].rsplit("/", 1)[1] for a in soup.select(".pagination a")] == ["page-3.html", "page-1.html"]
    assert not (built.output / "section/abroad/page-6.html").exists()


def test_parent_section_links_to_its_subsections(built):
    links = [a.get_text() for a in built.html("section/abroad/index.html").select(".subsections a")]
    assert links == ["مغاربة العالم", "إفريقيا", "الشرق الأوسط", "دولي"]


def test_tags_that_look_alike_keep_their_own_pages(built):
    for tag in TAGS:
        assert built.html(f"tag/{tag}/index.html").h1.get_text() == tag
    index = built.html("tag/index.html")
    names = [li.a.bdi.get_text() for li in index.select(".tag-index li")]
    # Letter by letter with hamza forms as alef: الامن < الم < الماء.
    assert names == ["الأمن", "ألم", "الماء", "علم", "وسم28", "وسم282"]
    counts = [li.select_one("a .count").get_text() for li in index.select(".tag-index li")]
    assert all(re.fullmatch(r"\(\d+\)", c) for c in counts)


def test_archive_root_lists_years_and_months_with_counts(built):
    soup = built.html("archive/index.html")
    years = [li.a.get_text() for li in soup.select(".archive-years > li")]
    assert years == ["2024", "2023", "2022"]
    months = [a.get_text() for a in soup.select(".archive-months a")]
    assert "يناير 2022" in months and "نونبر 2023" in months and "دجنبر 2024" in months


def test_read_also_sits_after_paragraph_three(built):
    body = built.html("2024/12/a23.html").select_one(".article-body")  # only older ones are related
    block = body.select_one(".read-also")
    before = [p for p in block.find_previous_siblings("p") if "article-dateline" not in p.get("class", [])]
    assert len(before) == 3
    assert len(block.select("a")) == 5


def test_times_carry_full_iso_datetimes(built):
    for page in ("index.html", "2022/01/a00.html", "tag/الأمن/index.html"):
        for time in built.html(page).find_all("time"):
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", time["datetime"])


def test_feeds_parse_and_list_the_latest_articles(built):
    room = built.result.generator.newsroom
    feed = ET.parse(built.output / "feeds/all.atom.xml").getroot()
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert links == [f"https://archive.example/ar/{a.url}" for a in room.articles]
    assert "https://archive.example/ar/2024/05/hostile.html" in links
    africa = ET.parse(built.output / "section/abroad/africa/feed.atom.xml").getroot()
    expected = [f"https://archive.example/ar/{a.url}" for a in room.by_section[
        room.tree.by_path("abroad/africa")]]
    assert [e.find(f"{ATOM}link").get("href") for e in africa.findall(f"{ATOM}entry")] == expected


def test_sitemap_lists_every_page_with_absolute_urls(built):
    root = ET.parse(built.output / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {e.find(f"{ns}loc").text for e in root.findall(f"{ns}url")}
    from urllib.parse import quote
    personal = {"404.html", "search.html", "saved.html", "history.html", "interests.html"}
    expected = {f"https://archive.example/ar/{quote(p)}" for p in built.pages() if p not in personal}
    assert locs == expected
    assert "Sitemap: https://archive.example/ar/sitemap.xml" in (built.output / "robots.txt").read_text()


def test_sitemap_index_past_the_limit():
    from arshif.outputs.sitemap import sitemap_files

    files = sitemap_files([(f"p{n}.html", None) for n in range(5)], "https://x.org", limit=2)
    assert [name for name, _ in files] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml",
                                           "sitemap-3.xml"]
    assert "<sitemapindex" in files[0][1]


def test_json_ld_survives_hostile_titles(built):
    soup = built.html("2024/05/hostile.html")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 2
    article, crumbs = (json.loads(s.string) for s in scripts)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == '</script><script>alert("x")</script> عنوان'
    assert article["datePublished"] == "2024-05-05T05:05:00+01:00"
    assert article["url"] == "https://archive.example/ar/2024/05/hostile.html"
    assert [i["name"] for i in crumbs["itemListElement"]][:2] == ["الرئيسية", "سياسة"]
    for script in soup.find_all("script"):
        # Structured data, or the theme's own scripts: nothing from the content.
        assert script.get("type") == "application/ld+json" or \
            script.get("src", "").startswith("../../theme/js/"), script
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "https://archive.example/ar/2024/05/hostile.html"
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:title"] == article["headline"] and og["og:type"] == "article"
    # Each fact once: the summary in the two description tags, the tags in keywords.
    summary = soup.find("meta", attrs={"name": "description"})
    assert "description" not in article and "article:tag" not in og
    assert summary is None or og.get("og:description") == summary["content"]
    assert ", " not in soup.find("script", type="application/ld+json").string[:60]


def test_author_pages(built):
    soup = built.html("author/سعاد/index.html")
    assert soup.h1.get_text() == "سعاد"
    assert len(follow_pages(built, "author/سعاد/index.html")) == 13


def test_shared_chrome_marks_the_current_page_and_section(built):
    """Header, sidebar and footer are rendered once per variant: the current
    page and section must still be marked on every page."""
    politics = built.html("section/politics/index.html")
    assert [a.get_text() for a in politics.select(".site-nav [aria-current='page']")] == ["سياسة"]
    article = built.html("2024/05/hostile.html")
    assert [a.get_text() for a in article.select(".nav-menu > li > [aria-current]")] == ["سياسة"]
    africa = built.html("2022/01/a00.html")  # section إفريقيا, top level خارج الحدود
    assert [a.get_text() for a in africa.select(".site-nav [aria-current='true']")][:1] == \
        ["خارج الحدود"]
    assert not built.html("tag/index.html").select(".nav-menu > li > [aria-current]")
    # Relative links follow each page's depth.
    assert built.html("index.html").select_one(".brand")["href"] == "index.html"
    assert built.html("tag/الأمن/page-2.html").select_one(".brand")["href"] == "../../index.html"
