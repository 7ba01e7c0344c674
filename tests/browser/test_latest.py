"""Pages that never change when articles are published after them.

«آخر الأخبار» and the menu panels' latest headlines are filled by site.js from
latest.js (one small shared file), over http and from file://; without
JavaScript the sidebar is a plain link to the home page, whose list is in its
HTML.  List pages: the first page shows the newest articles, numbered pages
are counted from the oldest, and the pager links them both ways."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .helpers import NARROW, axe_violations, url_for

MODES = ["http", "file"]


def base_for(mode, http_base, file_base):
    return http_base if mode == "http" else file_base


@pytest.mark.parametrize("mode", MODES)
def test_latest_news_and_menu_headlines_come_from_latest_js(mode, http_base, file_base, visit,
                                                             newsroom):
    base = base_for(mode, http_base, file_base)
    article = newsroom.articles[-1]  # the oldest: every other article is newer
    with visit(url_for(base, article.url)) as v:
        page = v.page
        page.locator(".latest-news .latest-list li").first.wait_for(state="attached", timeout=5000)
        items = page.locator(".latest-news .latest-list > li")
        assert items.count() == len(newsroom.latest) == 5
        assert [t.strip() for t in page.locator(".latest-list > li > a:nth-of-type(2)")
                .all_inner_texts()] == [a.title for a in newsroom.latest]
        assert [t.strip() for t in page.locator(".latest-list > li > a:first-child")
                .all_inner_texts()] == [a.section.name for a in newsroom.latest]
        first = page.locator(".latest-list > li > a:nth-of-type(2)").first
        assert first.get_attribute("href") == "../../" + newsroom.latest[0].url
        # The link to the home page stays, after the list (more latest news there).
        assert page.locator(".latest-news > .latest-list + .latest-more a").count() == 1
        # The menu bar's panels: each section's latest headlines.
        page.wait_for_selector(".nav-latest li", state="attached")
        top = newsroom.tree.roots[0]
        shown = page.locator(f".nav-menu > li[data-section='{top.path}'] .nav-latest a")
        assert [t.strip() for t in shown.all_inner_texts()] == \
            [a.title for a in newsroom.latest_by_top[top]]
        assert v.errors == [], v.errors
        if mode == "http":  # axe reads the stylesheets, which file:// refuses to scripts
            report = axe_violations(page)
            assert not report, report
        assert any(r.endswith("/latest.js") for r in v.requests)
        assert not any(r.endswith("/reader-index.js") for r in v.requests)
    with visit(url_for(base, article.url), width=NARROW) as v:
        # Phones: the sidebar is filled too (no menu panels there).
        v.page.locator(".latest-list li").first.wait_for(state="attached", timeout=5000)
        assert v.page.locator(".latest-list > li").count() == 5
        assert v.page.locator(".nav-latest").count() == 0


def test_without_javascript_latest_news_is_a_link_to_the_home_page(http_base, visit, newsroom):
    article = newsroom.articles[-1]
    with visit(url_for(http_base, article.url), javascript=False) as v:
        page = v.page
        link = page.locator(".latest-news .latest-more a")
        assert link.count() == 1 and link.is_visible()
        assert link.get_attribute("href") == "../../index.html"
        assert page.locator(".latest-news .latest-list").count() == 0
        assert not any(r.endswith("/latest.js") for r in v.requests)
        link.click()
        page.wait_for_url("**/index.html")
        # The home page's own list is in its HTML: the newest articles but the lead
        # story (shown once, above it).
        titles = [t.strip() for t in page.locator(".latest-news .latest-list > li > a:nth-of-type(2)")
                  .all_inner_texts()]
        assert titles == [a.title for a in newsroom.home_latest]
        assert newsroom.home_latest == [a for a in newsroom.articles
                                        if a is not newsroom.lead][:10]


def test_pagination_both_ways(published_output, published_http_base, visit, newsroom):
    """4 articles a page (the published build of the sample, whose articles are
    the sample's): the first page shows the newest 4; page 1 the oldest 4."""
    section = max(newsroom.tree, key=lambda s: len(newsroom.by_section[s]))
    listed = newsroom.by_section[section]  # newest first
    full = len(listed) // 4
    assert full >= 2, "expected a section with two full pages"
    folder = f"section/{section.path}/"
    with visit(published_http_base + quote(folder + "index.html")) as v:
        page = v.page

        def titles():
            return [t.strip() for t in page.locator(".article-list h2 a").all_inner_texts()]

        assert titles() == [a.title for a in listed[:4]]
        assert page.locator(".pagination-status").inner_text() == "أحدث المقالات"
        assert page.locator(".pagination-pages a[aria-current='page']").inner_text() == "الأحدث"
        assert page.locator(".pagination a[rel='prev']").count() == 0
        # Reading on: the numbered page holding the newest article not shown.
        page.locator(".pagination a[rel='next']").click()
        newest_not_shown = (len(listed) - 1) // 4
        page.wait_for_url(f"**/page-{newest_not_shown}.html")
        seen = []
        while True:
            number = int(page.url.rsplit("page-", 1)[1][:-5])
            start = len(listed) - number * 4
            assert titles() == [a.title for a in listed[start:start + 4]], number
            assert page.locator(".pagination-status").inner_text() == f"الصفحة {number}"
            assert f"{section.name} - الصفحة {number} |" in page.title()
            seen.append(number)
            if not page.locator(".pagination a[rel='next']").count():
                break
            page.locator(".pagination a[rel='next']").click()
            page.wait_for_load_state()
        assert seen == list(range(newest_not_shown, 0, -1))  # down to page 1, the oldest
        assert titles()[-1] == listed[-1].title
        report = axe_violations(page)
        assert not report, report
        # And back: rel=prev goes to the newer pages, then to the first page.
        for number in range(2, full + 1):
            page.locator(".pagination a[rel='prev']").click()
            page.wait_for_url(f"**/page-{number}.html")
        page.locator(".pagination a[rel='prev']").click()
        page.wait_for_url("**/" + quote(section.path.rsplit("/", 1)[-1]) + "/index.html")
        assert titles() == [a.title for a in listed[:4]]
        assert v.errors == [], v.errors
    assert not (published_output / folder / f"page-{full + 1}.html").exists()
