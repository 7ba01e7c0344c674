"""The theme in a real browser: every page type over HTTP and from disk.

Per page type and mode (http://127.0.0.1 and file://): no request leaves the site, no
console error, no horizontal scrolling at 360 px, the navigation starts at the right
edge; axe finds no violation (over HTTP); screenshots at 360 and 1280 px, light and dark,
go to ``screenshots/`` (``<kind>-<width>-<light|dark>.png``; the search and reader pages'
come from test_search.py and test_reader.py). Then the behaviours: mobile menu without JavaScript, the copy-link
button, panels of the section menu, the read-also position, print and dark styles.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

import pytest

from .helpers import (NARROW, SCROLL_WIDTH, WIDE, axe_violations, load_lazy_images, outside,
                      screenshot, url_for)


@pytest.fixture(scope="session")
def page_types(newsroom, sample_output) -> dict[str, str]:
    """One page of each kind, picked from the sample's model (site paths)."""
    article = next(a for a in newsroom.articles if a.image and a.related)
    section = next(s for s in newsroom.tree.roots if s.children and newsroom.by_section[s])
    year = newsroom.years[0]
    kinds = {
        "home": "index.html",
        "article": article.url,
        "section": f"section/{section.path}/index.html",
        "tag": newsroom.tags[0].url,
        "tags": "tag/index.html",
        "archive": "archive/index.html",
        "year": year.url,
        "month": year.months[0].url,
        "author": newsroom.authors[0].url,
        "page": "pages/about.html",
        "404": "404.html",
    }
    for path in kinds.values():
        assert (sample_output / path).is_file(), path
    return kinds


# The sample's lists fit on one page: test_published.py checks a list page 2.
KINDS = ["home", "article", "section", "tag", "tags", "archive", "year", "month", "author",
         "page", "404"]


def first_nav_item_at_right_edge(page) -> dict:
    return page.evaluate("""() => {
        const inner = document.querySelector('.site-nav .container');
        const style = getComputedStyle(inner);
        const edge = inner.getBoundingClientRect().right - parseFloat(style.paddingRight);
        const item = document.querySelector('.nav-menu > li:first-child').getBoundingClientRect();
        const brand = document.querySelector('.brand').getBoundingClientRect();
        return {edge, item: item.right, brand: brand.right, width: innerWidth};
    }""")


@pytest.mark.parametrize("mode", ["http", "file"])
@pytest.mark.parametrize("kind", KINDS)
def test_page_type(kind, mode, page_types, http_base, file_base, visit, screenshots_dir):
    base = http_base if mode == "http" else file_base
    path = page_types[kind]
    with visit(url_for(base, path), width=WIDE) as v:
        page = v.page
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("document.documentElement.lang") == "ar"
        geometry = first_nav_item_at_right_edge(page)
        assert abs(geometry["item"] - geometry["edge"]) <= 2, geometry
        assert geometry["item"] > geometry["width"] * 0.8, geometry
        assert abs(geometry["brand"] - geometry["edge"]) <= 2, geometry
        width, inner = page.evaluate(SCROLL_WIDTH)
        assert width <= inner, f"{path}: {width}px wide at {inner}px"
        if mode == "http":
            report = axe_violations(page)
            assert not report, f"{path}\n{report}"
            load_lazy_images(page)
            screenshot(page, screenshots_dir, kind)
        page.set_viewport_size({"width": NARROW, "height": 800})
        width, inner = page.evaluate(SCROLL_WIDTH)
        assert width <= inner, f"{path}: {width}px wide at {inner}px"
        assert page.locator(".nav-mobile > summary").is_visible()
        # site.js closes the menu in a matchMedia "change" handler, which can run
        # after the resize returns: wait for it (a timeout fails the test).
        page.locator(".nav-menu").wait_for(state="hidden", timeout=5000)
        assert not page.locator(".nav-menu").is_visible()
        if mode == "http":
            screenshot(page, screenshots_dir, kind)
            # The same page in the dark palette, at both widths (the system's choice).
            page.emulate_media(color_scheme="dark")
            screenshot(page, screenshots_dir, kind, "dark")
            page.set_viewport_size({"width": WIDE, "height": 900})
            screenshot(page, screenshots_dir, kind, "dark")
        page.wait_for_load_state("load")
        assert not outside(v.requests, base), outside(v.requests, base)
        assert not v.errors, v.errors


@pytest.mark.parametrize("kind", ["home", "article"])
def test_narrow_layout_has_no_axe_violations(kind, page_types, http_base, visit):
    with visit(url_for(http_base, page_types[kind]), width=NARROW) as v:
        v.page.click(".nav-mobile > summary")
        report = axe_violations(v.page)
        assert not report, report


@pytest.mark.parametrize("kind", ["home", "article", "section"])
def test_dark_colours_keep_contrast(kind, page_types, http_base, visit):
    with visit(url_for(http_base, page_types[kind]), color_scheme="dark") as v:
        background = v.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)"
        report = axe_violations(v.page, {"runOnly": ["color-contrast"],
                                         "resultTypes": ["violations"]})
        assert not report, report
    # A later toggle sets data-theme on <html>: it must win over the system setting.
    with visit(url_for(http_base, page_types[kind]), color_scheme="light") as v:
        v.page.evaluate("document.documentElement.dataset.theme = 'dark'")
        assert v.page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    with visit(url_for(http_base, page_types[kind]), color_scheme="dark") as v:
        v.page.evaluate("document.documentElement.dataset.theme = 'light'")
        assert v.page.evaluate("getComputedStyle(document.body).backgroundColor") == \
            "rgb(255, 255, 255)"


def test_read_also_sits_after_the_configured_paragraph(page_types, file_base, visit, settings):
    after = settings.get("ARSHIF_READ_ALSO_AFTER", 3)
    with visit(url_for(file_base, page_types["article"])) as v:
        found = v.page.evaluate("""() => {
            const block = document.querySelector('.article-body > .read-also');
            const paragraphs = [];
            for (let node = block.previousElementSibling; node; node = node.previousElementSibling) {
                if (node.matches('p:not(.article-dateline)')) paragraphs.unshift(node);
            }
            const last = paragraphs[paragraphs.length - 1].getBoundingClientRect();
            const next = block.nextElementSibling;
            return {count: paragraphs.length, links: block.querySelectorAll('a').length,
                    gap: block.getBoundingClientRect().top - last.bottom,
                    nextBelow: next ? next.getBoundingClientRect().top
                        >= block.getBoundingClientRect().bottom : true};
        }""")
    assert found["count"] == after, found
    assert found["links"] >= 1 and found["gap"] >= 0 and found["nextBelow"], found


def test_mobile_menu_opens_without_javascript(page_types, file_base, visit, newsroom):
    with visit(url_for(file_base, page_types["article"]), width=NARROW, javascript=False) as v:
        page = v.page
        menu = page.locator(".nav-menu")
        assert not menu.is_visible()
        summary = page.locator(".nav-mobile > summary")
        summary.focus()
        page.keyboard.press("Enter")
        assert menu.is_visible()
        names = [n.strip() for n in page.locator(".nav-menu > li > a").all_inner_texts()]
        page.locator(".nav-more-menu > summary").click()
        names += [n.strip() for n in page.locator(".nav-more-list > li > a").all_inner_texts()]
        assert [s.name for s in newsroom.tree.roots] == [n for n in names
                                                          if n not in ("الرئيسية", "الأرشيف", "الوسوم")]
        width, inner = page.evaluate(SCROLL_WIDTH)
        assert width <= inner
        summary.click()
        assert not menu.is_visible()
        assert not v.errors


def test_copy_link_button_needs_javascript(page_types, http_base, visit):
    """Without SITEURL there are no share links: without JavaScript nothing of the
    share tools is in the page; site.js creates the block and its copy button."""
    url = url_for(http_base, page_types["article"])
    with visit(url, javascript=False) as v:
        assert v.page.locator(".share, .copy-link, .share-native").count() == 0
    with visit(url, permissions=["clipboard-read", "clipboard-write"]) as v:
        button = v.page.locator(".article-tools .share .copy-link")
        assert button.count() == 1 and button.is_visible()
        assert v.page.locator(".share").get_attribute("aria-labelledby") == "share-title"
        assert v.page.locator("#share-title").inner_text() == "شارك المقال"
        button.click()
        status = v.page.locator(".share-status")
        status.filter(has_text="تم نسخ الرابط").wait_for(timeout=3000)
        assert v.page.evaluate("navigator.clipboard.readText()") == v.page.url
        assert not v.errors


def test_section_panels_open_on_hover_and_focus(page_types, http_base, visit, newsroom, settings):
    items = settings.get("ARSHIF_NAV_ITEMS", 8)
    roots = newsroom.tree.roots
    with visit(url_for(http_base, page_types["home"])) as v:
        page = v.page
        links = page.locator(".nav-menu > li[data-section] > a")
        assert links.all_inner_texts() == [s.name for s in roots[:items]]
        # On wide screens the bar shows home, the sections and «أقسام أخرى»; the
        # last two items (archive, tags) are for the phone menu only.
        shown = [t.strip() for t in page.locator(".nav-menu > li:visible > a, "
                                                 ".nav-menu > li:visible summary").all_inner_texts()]
        more = ["أقسام أخرى"] if len(roots) > items else []
        assert shown == ["الرئيسية"] + [s.name for s in roots[:items]] + more
        # site.js adds each section's 4 latest articles from latest.js.
        page.wait_for_selector(".nav-latest li", state="attached")
        first = roots[0]
        latest = [a.title for a in newsroom.latest_by_top[first]]
        with_panel = page.locator(".nav-menu > li:has(> .nav-panel)").first
        assert with_panel.get_attribute("data-section") == first.path
        panel = with_panel.locator(".nav-panel")
        assert not panel.is_visible()
        with_panel.hover()
        assert panel.is_visible()
        assert panel.locator(".nav-latest a").all_inner_texts() == latest[:4]
        page.mouse.move(5, 880)
        assert not panel.is_visible()
        with_panel.locator("> a").focus()
        assert panel.is_visible()
        page.keyboard.press("Escape")  # site.js: Escape dismisses the open panel
        assert not panel.is_visible()
        if len(roots) > items:
            more = page.locator(".nav-more-menu")
            more.locator("summary").click()
            others = more.locator(".nav-more-list > li > a").all_inner_texts()
            assert others == [s.name for s in roots[items:]]
            page.mouse.click(5, 880)
            assert not more.locator(".nav-more-list").is_visible()
        assert not v.errors


def test_current_section_is_marked(page_types, http_base, visit, newsroom):
    with visit(url_for(http_base, page_types["section"])) as v:
        current = v.page.locator(".nav-menu [aria-current='page']")
        assert current.count() == 1
        assert current.get_attribute("href").endswith("index.html")


def test_skip_link_and_focus_are_visible(page_types, http_base, visit):
    with visit(url_for(http_base, page_types["article"])) as v:
        page = v.page
        assert page.evaluate("document.querySelector('.skip-link').getBoundingClientRect().bottom") <= 0
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect();
            return {cls: el.className, top: box.top, right: box.right, width: innerWidth,
                    outline: getComputedStyle(el).outlineStyle};
        }""")
        assert focused["cls"] == "skip-link" and focused["top"] >= 0, focused
        assert focused["right"] > focused["width"] / 2, focused  # at the start (right) side
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        page.keyboard.press("Tab")  # the first link of the main content
        focused = page.evaluate("""() => ({inMain: !!document.activeElement.closest('main'),
            outline: getComputedStyle(document.activeElement).outlineStyle})""")
        assert focused == {"inMain": True, "outline": "solid"}, focused


def test_print_shows_just_the_article(page_types, file_base, visit):
    with visit(url_for(file_base, page_types["article"])) as v:
        v.page.emulate_media(media="print")
        for hidden in (".site-nav", ".latest-news", ".share", ".site-footer", ".breadcrumb",
                       ".site-search"):
            assert not v.page.locator(hidden).first.is_visible(), hidden
        for shown in (".article-title", ".article-body", ".article-meta time"):
            assert v.page.locator(shown).first.is_visible(), shown


def test_fonts_of_a_first_visit_stay_small(page_types, http_base, visit, sample_output):
    """The web fonts an article downloads (Arabic + Latin subsets, two faces)."""
    with visit(url_for(http_base, page_types["article"])) as v:
        v.page.evaluate("document.fonts.ready.then(() => true)")
        fonts = sorted({u for u in v.requests if u.endswith(".woff2")})
        loaded = v.page.evaluate("[...document.fonts].filter(f => f.status === 'loaded')"
                                 ".map(f => f.family.replace(/[\"']/g, ''))")
    assert fonts, "no web font was requested"
    assert {"Arshif Naskh", "Arshif Cairo"} <= set(loaded), loaded
    total = sum((sample_output / unquote(u[len(http_base):])).stat().st_size for u in fonts)
    assert total <= 150_000, (total, fonts)


def test_theme_makes_no_request_outside_the_site():
    """Templates, CSS and JS name no other site (share links are plain links, built
    only with SITEURL)."""
    from .conftest import ROOT

    theme = ROOT / "theme"
    offenders = []
    for path in theme.rglob("*"):
        if path.suffix not in (".html", ".css", ".js", ".svg") or path.name == "search.js":
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"https?://[^\s\"'<>)]+", text):
            url = match.group(0)
            if path.name == "share.html" or url.startswith("http://www.w3.org/2000/svg"):
                continue
            offenders.append(f"{path.relative_to(ROOT)}: {url}")
        if path.suffix == ".css":
            assert "@import" not in text, path
    assert not offenders, offenders


def test_links_resolve_inside_the_output(page_types, sample_output):
    """Every href/src of each page type is a file of the output (no directory links)."""
    from bs4 import BeautifulSoup

    for path in page_types.values():
        soup = BeautifulSoup((sample_output / path).read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["a", "link", "img", "script", "form"]):
            url = element.get("href") or element.get("src") or element.get("action")
            if not url or url.startswith(("#", "mailto:")):
                continue
            assert not url.startswith(("/", "http:", "https:")), (path, url)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path),
                                                       unquote(url.split("#")[0])))
            assert (sample_output / target).is_file(), (path, url)
