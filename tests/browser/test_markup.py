"""Page weight: what the theme ships in every page, and what JavaScript adds.

The HTML carries the content and the anatomy of each page and nothing else: no inline
SVG, no class on every item of a list when CSS can select it by position, no control
that only works with JavaScript (reader.js and site.js create those: the list items'
save buttons, text size and dark/light, copy link, Web Share, the reading-progress bar),
no «آخر الأخبار» column on list pages. The first tests read the built HTML; the others
check in Chromium that the controls JavaScript adds are there and work.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT
from .helpers import NARROW, SCROLL_WIDTH, WIDE, outside, url_for

# Controls that need JavaScript: never in the HTML.
MADE_BY_JAVASCRIPT = (".reader-prefs, .text-size-step, .theme-toggle, .copy-link, .share-native, "
                      ".share-status, .reading-progress, .icon-defs")
LIST_KINDS = ("section", "tag", "tags", "author", "year", "month", "archive")


@pytest.fixture(scope="module")
def pages(sample_output) -> dict[str, BeautifulSoup]:
    return {p.relative_to(sample_output).as_posix():
            BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sample_output.rglob("*.html")}


@pytest.fixture(scope="module")
def kinds(pages) -> dict[str, list[str]]:
    """Site paths of the sample's pages by kind (<body class="page-KIND">)."""
    found: dict[str, list[str]] = {}
    for path, soup in pages.items():
        kind = next(c for c in soup.body["class"] if c.startswith("page-"))[5:]
        found.setdefault(kind, []).append(path)
    return found


@pytest.fixture(scope="module")
def page_types(kinds, newsroom) -> dict[str, str]:
    """One page of each kind; the section is one with sub-sections and articles."""
    section = next(s for s in newsroom.tree.roots if s.children and len(newsroom.by_section[s]) > 2)
    chosen = {kind: sorted(paths)[0] for kind, paths in kinds.items()}
    chosen["section"] = f"section/{section.path}/index.html"
    chosen["page"] = "pages/about.html"
    return chosen


def key_of(settings):
    return lambda name: f"arshif:{settings['SITENAME']}:{name}"


# ---------- The HTML ----------

def test_no_inline_svg_and_no_control_that_needs_javascript(pages):
    assert len(pages) > 100
    for path, soup in pages.items():
        assert not soup.find("svg"), path
        assert not soup.select(MADE_BY_JAVASCRIPT), (path, soup.select(MADE_BY_JAVASCRIPT)[:1])
        assert not soup.select(".footer-reader, footer [href$='saved.html']"), path
        for button in soup.find_all("button"):
            # The search forms' submit buttons work without JavaScript; every other
            # button is hidden until a script reveals it.
            usable = button.get("type") == "submit" and button.find_parent("form")
            hidden = button.has_attr("hidden") or button.find_parent(attrs={"hidden": True})
            assert usable or hidden, (path, str(button)[:200])


def test_list_items_carry_no_save_button(pages, kinds):
    lists = [p for kind in LIST_KINDS + ("home",) for p in kinds.get(kind, [])]
    items = [li for p in lists for li in pages[p].select(".article-list > li")]
    assert len(items) > 50
    assert not [li for li in items if li.find("button") or li.select(".save-toggle")]
    # Styled by structure: no class inside an item, `has-image` on the item if any.
    for li in items:
        assert li.get("class") in (None, ["has-image"]), li
        assert not [e for e in li.find_all(True) if e.get("class")], li
        assert (li.get("class") == ["has-image"]) == (li.find("img", recursive=False) is not None)
        text = li.find("div", recursive=False)
        meta = text.select_one("h2 + p")
        assert text.select_one("h2 > a[href]") and meta.select_one("a[href] + time[datetime]"), li


def test_list_links_are_the_root_and_the_site_path(pages, kinds, newsroom):
    """reader.js takes the path it saves from the title link: href = data-root + path."""
    urls = {a.url for a in newsroom.articles}
    checked = 0
    for kind in ("section", "tag", "author", "month", "year"):
        for path in kinds[kind]:
            root = pages[path].html["data-root"]
            assert root == "../" * path.count("/")
            for link in pages[path].select(".article-list > li > div > h2 > a"):
                assert link["href"].startswith(root), (path, link["href"])
                assert link["href"][len(root):] in urls, (path, link["href"])
                checked += 1
    assert checked > 50


def test_article_save_button_carries_only_the_path(pages, newsroom):
    for article in newsroom.articles:
        soup = pages[article.url]
        button = soup.select_one(".article-header .save-toggle")
        assert button is not None and button.has_attr("hidden"), article.url
        assert set(button.attrs) == {"type", "class", "aria-pressed", "hidden", "data-url"}
        assert button["data-url"] == article.url
        assert button.get_text(strip=True) == "حفظ الخبر"
        # What reader.js reads instead of data attributes:
        header = soup.select_one("article.article")
        assert header.select_one(".article-title").get_text(strip=True) == article.title
        assert header.select_one(".article-section a").get_text(strip=True) == \
            article.section.name
        time = header.select_one(".article-meta time")
        assert time["datetime"] == article.date.isoformat()
        # No public address: no share block at all (site.js makes one for copy link).
        assert not soup.select(".share"), article.url


def test_list_pages_have_no_latest_news_column(pages, kinds):
    for kind in LIST_KINDS:
        assert kinds.get(kind), kind
        for path in kinds[kind]:
            assert not pages[path].select(".latest-news"), path
    for kind in ("home", "article", "page", "404", "search", "saved"):
        for path in kinds[kind]:
            # The home page's block follows its lead story inside <main> (phones
            # reach it second, issue #17); elsewhere it is the sidebar.
            where = ".main > .lead-story + .latest-news" if kind == "home" else ".layout > .latest-news"
            aside = pages[path].select_one(where)
            assert aside is not None, path
            items = aside.select(".latest-list > li")
            if kind != "home":
                # Filled by site.js from latest.js: the page never changes when
                # newer articles are published; without JavaScript, a link.
                assert not items and aside.select_one(".latest-more a[href$='index.html']"), path
                continue
            assert len(items) >= 5, path
            for item in items:  # section, title, date
                links = item.find_all("a", recursive=False)
                assert len(links) == 2 and item.find("time", recursive=False), path
                assert links[0]["href"].endswith("index.html") and "section/" in links[0]["href"]


def test_navigation_is_styled_by_structure(pages, newsroom, settings):
    nav_items = settings.get("ARSHIF_NAV_ITEMS", 8)
    roots = newsroom.tree.roots
    for path in ("index.html", newsroom.articles[0].url, "tag/index.html"):
        soup = pages[path]
        items = soup.select(".nav-menu > li")
        assert [li.get("class") for li in items if li.get("class")] == \
            ([["nav-more"]] if len(roots) > nav_items else [])
        assert not [a for a in soup.select(".nav-menu a") if a.get("class")]
        assert [li["data-section"] for li in items if li.has_attr("data-section")] == \
            [s.path for s in roots[:nav_items]]
        assert [a.get_text() for a in items[-2:] for a in a.find_all("a")] == ["الأرشيف", "الوسوم"]
        assert items[0].a.get_text() == "الرئيسية"
        for li in items[1:1 + nav_items]:
            section = next(s for s in roots if s.path == li["data-section"])
            subs = [a.get_text() for a in li.select(".nav-panel > ul > li > a")]
            assert subs == [c.name for c in section.children]
        search = soup.select_one(".site-search button[type=submit]")
        assert search["aria-label"] == "بحث"
        assert soup.select_one(".nav-mobile > summary").get_text(strip=True) == "القائمة"


def test_css_breaks_lines_without_nbsp():
    """typogrify's widont is gone from article bodies: CSS avoids a lone last word."""
    css = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")
    rules = {m.group(1).strip(): m.group(2) for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", css)}
    pretty = [sel for sel, body in rules.items() if "text-wrap: pretty" in body]
    assert any(".prose p" in sel.split(",")[0] or ".prose p" in sel for sel in pretty), pretty
    balanced = [sel for sel, body in rules.items() if "text-wrap: balance" in body]
    assert any(re.search(r"(^|,)\s*h1\b", sel) for sel in balanced), balanced


# ---------- In the browser ----------

@pytest.mark.parametrize("mode", ["http", "file"])
def test_reader_js_adds_working_save_buttons_to_list_items(mode, http_base, file_base, visit,
                                                           newsroom, settings):
    base = http_base if mode == "http" else file_base
    tag = max(newsroom.tags, key=lambda t: len(t.articles))
    listed = tag.articles[:20]
    assert len(listed) >= 2
    key = key_of(settings)
    with visit(url_for(base, tag.url), javascript=False) as v:
        assert v.page.locator(".article-list > li").count() == len(listed)
        assert v.page.locator(".save-toggle").count() == 0
    with visit(url_for(base, tag.url), width=NARROW) as v:
        page = v.page
        buttons = page.locator(".article-list > li > div > h2 + p > .save-toggle")
        assert buttons.count() == len(listed)
        assert buttons.evaluate_all("els => els.map(e => e.getAttribute('data-url'))") == \
            [a.url for a in listed]
        labels = buttons.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
        assert labels == [f"حفظ: {a.title}" for a in listed]
        assert all(b.is_visible() for b in buttons.all())
        assert buttons.first.get_attribute("aria-pressed") == "false"
        width, inner = page.evaluate(SCROLL_WIDTH)
        assert width <= inner
        second = listed[1]
        buttons.nth(1).click()  # the button, not the card's title link under it
        assert page.url.endswith(url_for(base, tag.url).rsplit("/", 1)[1])
        assert buttons.nth(1).get_attribute("aria-pressed") == "true"
        saved = json.loads(page.evaluate("k => localStorage.getItem(k)", key("saved")))
        item = saved["items"][0]
        assert {k: item[k] for k in ("path", "title", "section", "iso")} == {
            "path": second.url.removesuffix(".html"), "title": second.title,
            "section": second.section.name, "iso": second.date.isoformat()}
        page.goto(url_for(base, "saved.html"), wait_until="load")
        entry = page.locator(".reader-list .reader-item")
        assert entry.count() == 1
        assert entry.locator(".reader-item-title").inner_text().strip() == second.title
        assert entry.locator(".reader-item-section").inner_text() == second.section.name
        assert entry.locator("time").get_attribute("datetime") == second.date.isoformat()
        entry.locator(".reader-item-title a").click()
        page.wait_for_url(f"**/{second.url}")
        assert page.locator(".article-header .save-toggle").get_attribute("aria-pressed") == "true"
        assert not outside(v.requests, base), outside(v.requests, base)
        assert not v.errors, v.errors


def test_article_save_reads_the_page(http_base, visit, newsroom, settings):
    article = next(a for a in newsroom.articles if a.authors)
    with visit(url_for(http_base, article.url)) as v:
        v.page.locator(".article-header .save-toggle").click()
        saved = json.loads(v.page.evaluate("k => localStorage.getItem(k)",
                                           key_of(settings)("saved")))
        item = saved["items"][0]
        assert {k: item[k] for k in ("path", "title", "section", "date", "iso")} == {
            "path": article.url.removesuffix(".html"), "title": article.title,
            "section": article.section.name, "date": article.date.strftime("%d/%m/%Y | %H:%M"),
            "iso": article.date.isoformat()}
        assert not v.errors, v.errors


@pytest.mark.parametrize("path", ["index.html", "article", "tag/index.html", "saved.html"])
def test_reader_js_adds_text_size_and_theme_controls(path, file_base, visit, newsroom):
    path = newsroom.articles[0].url if path == "article" else path
    with visit(url_for(file_base, path), javascript=False) as v:
        assert v.page.locator(".reader-bar").is_visible()
        assert v.page.locator(".reader-prefs, .theme-toggle, .text-size-step").count() == 0
    with visit(url_for(file_base, path), width=NARROW) as v:
        page = v.page
        prefs = page.locator(".reader-bar-inner > .reader-prefs")
        assert prefs.count() == 1 and prefs.is_visible()
        group = prefs.locator(".text-size[role=group]")
        assert group.get_attribute("aria-label") == "حجم الخط"
        assert [b.get_attribute("data-step") for b in group.locator("button").all()] == ["-1", "1"]
        assert page.get_by_role("button", name="تكبير الخط").is_visible()
        assert page.get_by_role("button", name="تصغير الخط").is_visible()
        toggle = prefs.locator("button.theme-toggle")
        assert toggle.inner_text().strip() == "الوضع الداكن"
        assert toggle.get_attribute("aria-pressed") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        page.get_by_role("button", name="تكبير الخط").click()
        assert page.evaluate("document.documentElement.dataset.textSize") == "large"
        width, inner = page.evaluate(SCROLL_WIDTH)
        assert width <= inner
        assert not v.errors, v.errors


def test_reading_progress_bar_is_made_on_articles_only(http_base, visit, newsroom):
    with visit(url_for(http_base, newsroom.articles[0].url)) as v:
        bar = v.page.locator(".reading-progress")
        assert bar.count() == 1 and bar.get_attribute("aria-hidden") == "true"
        assert bar.locator(".reading-progress-bar").count() == 1
    with visit(url_for(http_base, "pages/about.html")) as v:
        assert v.page.locator(".reading-progress").count() == 0


def column_geometry(page) -> dict:
    return page.evaluate("""() => {
        const box = s => { const e = document.querySelector(s);
                           return e ? e.getBoundingClientRect().toJSON() : null; };
        const layout = document.querySelector('.layout'), style = getComputedStyle(layout);
        // The home page's «آخر الأخبار» is inside <main>, beside the rest of it.
        const home = document.querySelector('.main > .latest-news');
        const rest = home ? [...document.querySelectorAll('.main > :not(.latest-news)')]
            .filter(e => e.getClientRects().length) : null;
        const main = rest ? {left: Math.min(...rest.map(e => e.getBoundingClientRect().left)),
                             top: rest[0].getBoundingClientRect().top,
                             bottom: rest[0].getBoundingClientRect().bottom} : box('.main');
        return {main, aside: box('.latest-news'),
                inner: layout.clientWidth - parseFloat(style.paddingLeft)
                       - parseFloat(style.paddingRight)};
    }""")


def test_list_pages_use_the_full_width(page_types, http_base, visit):
    for kind in ("section", "tag", "tags", "archive", "year", "month", "author"):
        with visit(url_for(http_base, page_types[kind]), width=WIDE) as v:
            found = column_geometry(v.page)
            assert found["aside"] is None, kind
            assert found["main"]["width"] == pytest.approx(found["inner"], abs=1), (kind, found)
    with visit(url_for(http_base, page_types["section"]), width=WIDE) as v:
        # Two columns of articles, the first one on the right.
        boxes = v.page.locator(".article-list > li").evaluate_all(
            "els => els.slice(0, 2).map(e => e.getBoundingClientRect().toJSON())")
        assert len(boxes) == 2 and boxes[0]["top"] == boxes[1]["top"]
        assert boxes[0]["left"] > boxes[1]["right"]
    for kind in ("article", "home", "page"):
        with visit(url_for(http_base, page_types[kind]), width=WIDE) as v:
            found = column_geometry(v.page)
            assert found["aside"] is not None, kind
            # The sidebar sits on the left of the main column (right-to-left page).
            assert found["aside"]["right"] < found["main"]["left"], (kind, found)
            assert found["aside"]["top"] == pytest.approx(found["main"]["top"], abs=1)
        with visit(url_for(http_base, page_types[kind]), width=NARROW) as v:
            found = column_geometry(v.page)
            # Below the main column (on the home page: below the lead story).
            assert found["aside"]["top"] >= found["main"]["bottom"], (kind, found)


def test_css_icons_are_drawn_and_named(page_types, http_base, visit):
    with visit(url_for(http_base, page_types["article"]), width=NARROW) as v:
        page = v.page
        search = page.get_by_role("button", name="بحث")
        assert search.count() == 1 and search.is_visible()
        ring = search.evaluate("e => { const s = getComputedStyle(e, '::before');"
                               " return [s.content, s.borderTopWidth, s.width]; }")
        assert ring[0] == '""' and ring[1] != "0px" and ring[2] != "0px", ring
        menu = page.locator(".nav-mobile > summary")
        assert menu.evaluate("e => getComputedStyle(e, '::before').content") == '""'
        save = page.locator(".article-header .save-toggle")
        assert save.evaluate("e => getComputedStyle(e, '::before').clipPath") != "none"
        assert not v.errors, v.errors
