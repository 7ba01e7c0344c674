"""Reader features in a real browser: saved articles, reading history, interests and
the home page's «أخبارك», text size, dark/light, share, reading progress.

State lives in localStorage under "arshif:<SITENAME>:…" (theme/static/js/reader.js).
Chromium gives every file:// page one origin, so each test uses a fresh context
(``visit``) and navigates inside it.
"""

from __future__ import annotations

import json

import pytest

from .conftest import CONFIG
from .helpers import NARROW, SCROLL_WIDTH, WIDE, axe_violations, outside, screenshot, url_for

MODES = ["http", "file"]


@pytest.fixture(scope="module")
def key():
    from arshif.build import load_settings

    prefix = f"arshif:{load_settings(CONFIG)['SITENAME']}:"
    return lambda name: prefix + name


@pytest.fixture(scope="module")
def busy_section(newsroom):
    """The top-level section with the most articles (at least three)."""
    section = max(newsroom.tree.roots, key=lambda s: len(newsroom.by_section[s]))
    assert len(newsroom.by_section[section]) >= 3
    return section


def base_for(mode, http_base, file_base):
    return http_base if mode == "http" else file_base


def go(page, base, path):
    page.goto(url_for(base, path), wait_until="load")


def texts(page, selector):
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def hrefs(page, selector):
    return page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('href'))")


def set_item(page, name, value):
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [name, value])


def check_clean(v, base):
    assert not outside(v.requests, base), outside(v.requests, base)
    assert not v.errors, v.errors


@pytest.mark.parametrize("mode", MODES)
def test_save_unsave_and_the_saved_page(mode, http_base, file_base, visit, newsroom,
                                        busy_section):
    base = base_for(mode, http_base, file_base)
    a, b, c = newsroom.by_section[busy_section][:3]
    with visit(url_for(base, a.url)) as v:
        page = v.page
        button = page.locator(".article-header .save-toggle")
        assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        page.locator(".reader-status").filter(has_text="تم حفظ الخبر").wait_for(timeout=3000)

        go(page, base, f"section/{busy_section.path}/index.html")
        items = page.locator(".article-list > li")
        assert items.nth(0).locator(".save-toggle").get_attribute("aria-pressed") == "true"
        items.nth(2).locator(".save-toggle").click()
        items.nth(1).locator(".save-toggle").click()
        assert items.nth(1).locator(".save-toggle").get_attribute("aria-pressed") == "true"

        go(page, base, "saved.html")
        assert texts(page, ".reader-list .reader-item-title") == [b.title, c.title, a.title]
        assert [h.removesuffix(".html") for h in hrefs(page, ".reader-item-title a")] == \
            [x.url.removesuffix(".html") for x in (b, c, a)]
        first = page.locator(".reader-item").first
        assert first.locator(".reader-item-section").inner_text() == b.section.name
        assert first.locator("time").get_attribute("datetime") == b.date.isoformat()
        assert "3" in page.locator(".reader-count").inner_text()

        page.locator(".reader-item", has_text=c.title).locator(".reader-remove").click()
        assert texts(page, ".reader-item-title") == [b.title, a.title]
        assert page.evaluate("document.activeElement.className") == "reader-remove"

        page.locator(".reader-item-title a").last.click()  # links work: open a again
        page.wait_for_url(f"**/{a.url}")
        page.locator(".article-header .save-toggle").click()  # unsave
        assert page.locator(".article-header .save-toggle").get_attribute("aria-pressed") == "false"

        go(page, base, "saved.html")
        assert texts(page, ".reader-item-title") == [b.title]
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator(".reader-clear").click()
        assert page.locator(".reader-item").count() == 0
        assert page.locator(".reader-empty").is_visible()
        assert not page.locator(".reader-clear").is_visible()
        check_clean(v, base)


@pytest.mark.parametrize("mode", MODES)
def test_history_is_newest_first_without_duplicates_and_keeps_50(
        mode, http_base, file_base, visit, newsroom, key):
    base = base_for(mode, http_base, file_base)
    a, b, c, d = newsroom.articles[:4]
    with visit(url_for(base, "history.html")) as v:
        page = v.page
        assert page.locator(".reader-empty").is_visible()
        for article in (a, b, c, a):
            go(page, base, article.url)
        go(page, base, "history.html")
        assert texts(page, ".reader-item-title") == [a.title, c.title, b.title]

        seeded = [{"path": f"2001/01/seed-{n}", "title": f"مقال {n}", "section": "سياسة",
                   "date": "01/01/2001 | 10:00", "iso": "2001-01-01T10:00:00+01:00", "at": n}
                  for n in range(60)]
        set_item(page, key("history"), json.dumps({"v": 1, "items": seeded}))
        go(page, base, d.url)
        stored = json.loads(page.evaluate("k => localStorage.getItem(k)", key("history")))
        assert len(stored["items"]) == 50
        go(page, base, "history.html")
        titles = texts(page, ".reader-item-title")
        assert len(titles) == 50
        assert titles[:2] == [d.title, "مقال 0"] and titles[-1] == "مقال 48"
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator(".reader-clear").click()
        assert page.locator(".reader-item").count() == 0
        check_clean(v, base)


@pytest.mark.parametrize("mode", MODES)
def test_interests_feed_the_home_block(mode, http_base, file_base, visit, newsroom):
    base = base_for(mode, http_base, file_base)
    chosen = [s for s in newsroom.tree if s.children and newsroom.by_section[s]][0]
    other = next(s for s in newsroom.tree.roots
                 if not s.children and len(newsroom.by_section[s]) >= 2)
    with visit(url_for(base, "index.html")) as v:
        page = v.page
        assert not page.locator(".for-you").is_visible()
        # (reader-index.js loads only for «أخبارك»; the menu uses latest.js.)

        go(page, base, "interests.html")
        page.locator(f".interests-form input[value='{chosen.path}']").check()
        page.locator(".reader-status").filter(has_text="تم حفظ اهتماماتك").wait_for(timeout=3000)
        go(page, base, "index.html")
        page.locator(".for-you-list li").first.wait_for(timeout=5000)
        expected = newsroom.by_section[chosen][:6]  # includes its sub-sections
        assert texts(page, ".for-you .reader-item-title") == [x.title for x in expected]
        assert texts(page, ".for-you .reader-item-section") == [x.section.name for x in expected]

        go(page, base, "interests.html")
        assert page.locator(f".interests-form input[value='{chosen.path}']").is_checked()
        page.locator(f".interests-form input[value='{other.path}']").check()
        go(page, base, "index.html")
        page.locator(".for-you-list li").first.wait_for(timeout=5000)
        pool = set(newsroom.by_section[chosen][:10]) | set(newsroom.by_section[other][:10])
        merged = [x for x in newsroom.articles if x in pool][:6]
        assert texts(page, ".for-you .reader-item-title") == [x.title for x in merged]
        page.locator(".for-you .reader-item-title a").first.click()
        page.wait_for_url(f"**/{merged[0].url}")

        go(page, base, "interests.html")
        page.locator(".interests-clear").click()
        go(page, base, "index.html")
        assert not page.locator(".for-you").is_visible()
        check_clean(v, base)


AT_INTERACTIVE = """document.addEventListener('readystatechange', () => {
  if (document.readyState === 'interactive') {
    window.__early = {size: document.documentElement.dataset.textSize || null,
                      theme: document.documentElement.dataset.theme || null};
  }
});"""


def test_text_size_and_theme_are_remembered(http_base, visit, newsroom, key):
    a, b = newsroom.articles[:2]
    with visit(url_for(http_base, a.url)) as v:
        page = v.page
        page.add_init_script(AT_INTERACTIVE)
        prose = "parseFloat(getComputedStyle(document.querySelector('.prose')).fontSize)"
        normal = page.evaluate(prose)
        larger = page.locator(".text-size-step[data-step='1']")
        smaller = page.locator(".text-size-step[data-step='-1']")
        larger.click()
        larger.click()
        assert page.evaluate("document.documentElement.dataset.textSize") == "xlarge"
        assert larger.get_attribute("aria-disabled") == "true"
        assert page.evaluate(prose) == pytest.approx(normal * 1.3, rel=0.02)

        go(page, http_base, b.url)  # applied by prefs.js before the deferred scripts run
        assert page.evaluate("window.__early") == {"size": "xlarge", "theme": None}
        assert page.evaluate(prose) == pytest.approx(normal * 1.3, rel=0.02)
        for _ in range(3):
            smaller.click()
        assert page.evaluate("document.documentElement.dataset.textSize") == "small"
        assert smaller.get_attribute("aria-disabled") == "true"
        smaller.click(force=True)  # aria-disabled: nothing smaller, announced, unchanged
        page.locator(".reader-status").filter(has_text="أصغر حجم").wait_for(timeout=3000)

        toggle = page.locator(".theme-toggle")
        assert toggle.get_attribute("aria-pressed") == "false"  # system: light
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert dark != "rgb(255, 255, 255)"
        go(page, http_base, "saved.html")
        assert page.evaluate("window.__early") == {"size": "small", "theme": "dark"}
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
        assert page.locator(".theme-toggle").get_attribute("aria-pressed") == "true"
        page.locator(".theme-toggle").click()  # back to the system's light: follow it again
        go(page, http_base, "index.html")
        assert page.evaluate("window.__early")["theme"] is None
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == \
            "rgb(255, 255, 255)"
        prefs = json.loads(page.evaluate("k => localStorage.getItem(k)", key("prefs")))
        assert prefs == {"v": 1, "text": "small"}
        assert not v.errors

    with visit(url_for(http_base, a.url), color_scheme="dark") as v:
        page = v.page
        toggle = page.locator(".theme-toggle")
        assert toggle.get_attribute("aria-pressed") == "true"  # system: dark
        toggle.click()
        go(page, http_base, b.url)
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == \
            "rgb(255, 255, 255)"
        assert not v.errors


BAD_VALUES = ["{not json", "42", "[1, 2]", '{"v": 99, "items": "x", "sections": "x"}']


@pytest.mark.parametrize("mode", MODES)
def test_corrupted_or_odd_stored_data_is_ignored(mode, http_base, file_base, visit, newsroom,
                                                 key):
    base = base_for(mode, http_base, file_base)
    article = newsroom.articles[0]
    pages = [article.url, "saved.html", "history.html", "interests.html", "index.html"]
    with visit(url_for(base, "index.html")) as v:
        page = v.page
        for bad in BAD_VALUES:
            for name in ("prefs", "saved", "history", "interests"):
                set_item(page, key(name), bad)
            for path in pages:
                go(page, base, path)
            assert page.evaluate("document.documentElement.dataset.theme") is None
        # Valid JSON with odd entries: the good ones are kept, the rest dropped.
        odd = {"v": 1, "items": [
            {"path": "javascript:alert(1)", "title": "سيء"},
            {"path": "/etc/passwd", "title": "سيء"},
            {"path": "../../x", "title": "سيء"},
            {"path": "2023/11/ok", "title": "<img src=x onerror=alert(1)>", "section": 5},
            5, None, [], {"path": "2023/11/ok", "title": "مكرر"},
        ]}
        set_item(page, key("saved"), json.dumps(odd))
        set_item(page, key("interests"), json.dumps({"v": 1, "sections": ["../x", 7, "politics"]}))
        set_item(page, key("prefs"), json.dumps({"v": 1, "theme": "purple", "text": "huge"}))
        go(page, base, "saved.html")
        assert texts(page, ".reader-item-title") == ["<img src=x onerror=alert(1)>"]
        assert page.locator(".reader-list img").count() == 0
        assert hrefs(page, ".reader-item-title a") == ["2023/11/ok.html"]
        go(page, base, "index.html")
        assert page.locator(".for-you").is_visible()
        assert page.evaluate("document.documentElement.dataset.textSize") is None
        go(page, base, article.url)  # and saving still works, rewriting the data cleanly
        page.locator(".article-header .save-toggle").click()
        saved = json.loads(page.evaluate("k => localStorage.getItem(k)", key("saved")))
        assert [i["path"] for i in saved["items"]] == [article.url.removesuffix(".html"),
                                                       "2023/11/ok"]
        check_clean(v, base)


BLOCK_STORAGE = """Object.defineProperty(window, 'localStorage', {
  configurable: true, get() { throw new DOMException('denied', 'SecurityError'); }});"""


def test_pages_work_when_storage_is_unavailable(file_base, visit, newsroom):
    with visit("about:blank") as v:
        page = v.page
        page.add_init_script(BLOCK_STORAGE)
        go(page, file_base, newsroom.articles[0].url)
        assert not page.locator(".article-header .save-toggle").is_visible()
        page.locator(".theme-toggle").click()  # works on the page, just not remembered
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        for path in ("saved.html", "history.html", "interests.html"):
            go(page, file_base, path)
            assert page.locator(".reader-unavailable").is_visible(), path
            assert page.locator("button:visible").count() == 4, path  # search, size ×2, theme
        assert not v.errors, v.errors


@pytest.mark.parametrize("path", ["index.html", "article", "section", "saved.html",
                                  "history.html", "interests.html"])
def test_without_javascript_no_control_needs_it(path, file_base, visit, newsroom, busy_section):
    path = {"article": newsroom.articles[0].url,
            "section": f"section/{busy_section.path}/index.html"}.get(path, path)
    with visit(url_for(file_base, path), javascript=False, width=NARROW) as v:
        page = v.page
        visible = page.locator("button:visible, input[type=checkbox]:visible")
        kinds = visible.evaluate_all(
            "els => els.map(e => e.type === 'submit' && e.form && e.form.action ? 'ok' : e.outerHTML)")
        assert kinds == ["ok"], kinds  # only the header search's submit button
        assert not page.locator(".reading-progress").is_visible()
        assert not page.locator(".for-you").is_visible()
        if path.endswith(("saved.html", "history.html", "interests.html")):
            assert "تحتاج هذه الصفحة إلى تفعيل JavaScript" in page.locator("main").inner_text()
        width, inner = page.evaluate(SCROLL_WIDTH)
        assert width <= inner


def seed(page, key, newsroom, sections):
    items = [{"path": a.url.removesuffix(".html"), "title": a.title, "section": a.section.name,
              "date": a.date.strftime("%d/%m/%Y | %H:%M"), "iso": a.date.isoformat(), "at": 1}
             for a in newsroom.articles[:3]]
    set_item(page, key("saved"), json.dumps({"v": 1, "items": items}))
    set_item(page, key("history"), json.dumps({"v": 1, "items": items[::-1]}))
    set_item(page, key("interests"), json.dumps({"v": 1, "sections": sections}))


@pytest.mark.parametrize("path", ["saved.html", "history.html", "interests.html", "index.html",
                                  "article"])
def test_reader_pages_are_accessible_and_fit_narrow_screens(path, http_base, visit, newsroom,
                                                            key, screenshots_dir):
    name = path.removesuffix(".html")
    path = newsroom.articles[0].url if path == "article" else path
    # Screenshots (light and dark, both widths): the reader pages with their lists,
    # and the home page with «أخبارك» (the article page's are test_theme.py's).
    shot = {"index": "home-for-you"}.get(name, name)
    with visit(url_for(http_base, "404.html")) as v:
        page = v.page
        seed(page, key, newsroom, [newsroom.tree.roots[0].path])
        go(page, http_base, path)
        if name == "index":
            page.locator(".for-you-list li").first.wait_for(timeout=5000)
        report = axe_violations(page)
        assert not report, f"{path}\n{report}"
        if name != "article":
            screenshot(page, screenshots_dir, shot)
        page.set_viewport_size({"width": NARROW, "height": 800})
        width, inner = page.evaluate(SCROLL_WIDTH)
        assert width <= inner, f"{path}: {width}px wide at {inner}px"
        if name != "article":
            screenshot(page, screenshots_dir, shot)
        page.emulate_media(color_scheme="dark")
        report = axe_violations(page, {"runOnly": ["color-contrast"],
                                       "resultTypes": ["violations"]})
        assert not report, f"{path} (dark)\n{report}"
        if name != "article":
            screenshot(page, screenshots_dir, shot, "dark")
            page.set_viewport_size({"width": WIDE, "height": 900})
            screenshot(page, screenshots_dir, shot, "dark")
        check_clean(v, http_base)


WEB_SHARE = """navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"""


def test_share_uses_the_web_share_api_where_available(http_base, visit, newsroom):
    article = newsroom.articles[0]
    url = url_for(http_base, article.url)
    with visit(url) as v:
        assert not v.page.locator(".share-native").is_visible()  # no navigator.share here
        assert v.page.locator(".copy-link").is_visible()
    with visit(url_for(http_base, "404.html")) as v:
        page = v.page
        page.add_init_script(WEB_SHARE)
        go(page, http_base, article.url)
        page.locator(".share-native").click()
        shared = page.evaluate("window.__shared")
        assert shared == {"title": article.title, "url": page.url}
        assert not v.errors


def test_reading_progress_follows_the_scroll(http_base, visit, newsroom, screenshots_dir):
    article = max(newsroom.articles, key=lambda a: len(a.body_html))
    with visit(url_for(http_base, article.url), width=NARROW, height=700,
               reduced_motion="reduce") as v:
        page = v.page
        bar = page.locator(".reading-progress")
        assert bar.is_visible() and bar.get_attribute("aria-hidden") == "true"
        fill = page.locator(".reading-progress-bar")
        width = "document.querySelector('.reading-progress-bar').getBoundingClientRect().width"
        assert page.evaluate(width) < 2
        assert fill.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"
        page.evaluate("window.scrollTo(0, document.querySelector('.article').offsetHeight / 2)")
        page.wait_for_function(f"{width} > 40")
        page.screenshot(path=screenshots_dir / f"article-progress-{NARROW}-light.png")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function(f"{width} >= innerWidth - 1")
        assert not v.errors
