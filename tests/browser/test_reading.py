"""What a reader notices (issue #17): the opened menu panels' contrast, the 404 page on a
server that behaves like GitHub Pages, latest news high on phones and no story twice,
line length, image scaling and tap targets, and the small things (labels with state,
breadcrumbs, indicators, descriptions)."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import PUBLISHED_SITEURL
from .helpers import NARROW, WIDE, axe_violations, url_for

# Contrast of an element's text over the first opaque background behind it (WCAG 2).
CONTRAST = """(el) => {
    const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
    const lum = ({r, g, b}) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    let bg = null, opacity = 1;
    for (let n = el; n; n = n.parentElement) {
        const s = getComputedStyle(n);
        opacity *= parseFloat(s.opacity);
        const c = parse(s.backgroundColor);
        if (!bg && c.a >= 0.99) bg = c;
    }
    bg = bg || {r: 255, g: 255, b: 255};
    const fg = parse(getComputedStyle(el).color);
    const a = fg.a * opacity;
    const mixed = {r: fg.r * a + bg.r * (1 - a), g: fg.g * a + bg.g * (1 - a), b: fg.b * a + bg.b * (1 - a)};
    const [l1, l2] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    return {text: el.textContent.trim(), ratio: (l1 + 0.05) / (l2 + 0.05), color: getComputedStyle(el).color};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_opened_menu_panels_keep_contrast(scheme, http_base, visit):
    with visit(url_for(http_base, "index.html"), width=WIDE, color_scheme=scheme) as v:
        page = v.page
        page.wait_for_selector(".nav-latest li", state="attached", timeout=5000)
        items = page.locator(".nav-menu > li:has(> .nav-panel)")
        assert items.count() >= 2
        for i in range(items.count()):
            item = items.nth(i)
            for how in ("hover", "focus"):
                if how == "hover":
                    item.hover()
                else:
                    page.mouse.move(5, 880)
                    item.locator("> a").focus()
                panel = item.locator(".nav-panel")
                assert panel.is_visible(), (i, how)
                links = panel.locator("a:visible")
                assert links.count() > 0
                for j in range(links.count()):
                    found = links.nth(j).evaluate(CONTRAST)
                    assert found["ratio"] >= 4.5, (scheme, how, found)
                report = axe_violations(page, {"runOnly": ["color-contrast"],
                                               "resultTypes": ["violations"]})
                assert not report, report
            page.keyboard.press("Escape")


class PagesLike(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages for a project site: files under /arshif/, and 404.html (with
    status 404) for any missing path, at that path."""
    prefix = "/arshif/"

    def log_message(self, format, *args):  # noqa: A002
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        target = Path(self.directory) / unquote(path[len(self.prefix):])
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        self.path = self.prefix + str(target.relative_to(self.directory))
        return super().send_head()

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)[len(self.prefix):]
        return str(Path(self.directory) / path)


@pytest.fixture(scope="module")
def pages_like(published_output):
    handler = functools.partial(PagesLike, directory=str(published_output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("missing", ["nope.html", "2023/11/nope/deeper.html"])
def test_404_page_works_at_any_depth_on_a_pages_like_server(missing, pages_like, published_output,
                                                             visit):
    site = PUBLISHED_SITEURL + "/"
    with visit("about:blank", width=WIDE) as v:
        page = v.page
        statuses = {}
        # The public address is answered by the Pages-like server.
        page.route(PUBLISHED_SITEURL.split("/arshif")[0] + "/**", lambda route: route.fulfill(
            response=route.fetch(url=pages_like + urlsplit(route.request.url).path)))
        page.on("response", lambda r: statuses.__setitem__(r.url, r.status))
        response = page.goto(site + missing, wait_until="load")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "الصفحة غير موجودة"
        # site.css applies (the bar's colour, the text font), its fonts load.
        assert page.evaluate("getComputedStyle(document.querySelector('.site-nav'))"
                             ".backgroundColor") == "rgb(28, 28, 33)"
        assert "Arshif Naskh" in page.evaluate("getComputedStyle(document.body).fontFamily")
        page.evaluate("document.fonts.ready")
        page.wait_for_function("[...document.fonts].some(f => f.status === 'loaded')",
                               timeout=5000)
        # site.js found latest.js from the page's root.
        page.locator(".latest-list li").first.wait_for(state="attached", timeout=5000)
        assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth)")
        loaded = {u: s for u, s in statuses.items() if u != site + missing}
        assert loaded and all(s == 200 for s in loaded.values()), loaded
        assert any(u.endswith(".woff2") for u in loaded), loaded
        # The skip link stays on the page; every other link names a file of the site.
        assert page.evaluate("document.querySelector('.skip-link').href") == \
            site + missing + "#main"
        hrefs = page.evaluate("[...document.querySelectorAll('a[href]:not(.skip-link)')]"
                              ".map(a => a.href)")
        assert hrefs
        for href in hrefs:
            assert href.startswith(site), href
            path = unquote(urlsplit(href).path)[len("/arshif/"):] or "index.html"
            assert (published_output / path).is_file(), href
        # The one error is the page's own status.
        assert [e for e in v.errors if "status of 404" not in e] == [], v.errors


STORY_LINKS = ".lead-title a, .latest-list a + a, .home-item-title a"


def test_home_on_a_phone_shows_latest_news_early_and_no_story_twice(http_base, visit, newsroom):
    with visit(url_for(http_base, "index.html"), width=NARROW, height=740) as v:
        page = v.page
        top = page.evaluate("document.getElementById('latest-title').getBoundingClientRect().top"
                            " + scrollY")
        assert top < 1600, top
        hrefs = page.evaluate(f"[...document.querySelectorAll({STORY_LINKS!r})]"
                              ".map(a => a.href)")
        assert len(hrefs) > 20
        assert len(hrefs) == len(set(hrefs)), sorted(h for h in hrefs if hrefs.count(h) > 1)
        # The lead, then the newest others.
        assert page.locator(".latest-list > li").count() == 10
    with visit(url_for(http_base, "index.html"), width=WIDE) as v:
        # Wide screens: the list is the side column, beside the lead story.
        lead = v.page.locator(".lead-story").bounding_box()
        side = v.page.locator(".latest-news").bounding_box()
        assert side["x"] + side["width"] <= lead["x"] + 1 and abs(side["y"] - lead["y"]) < 40, \
            (lead, side)


# Characters on the first line of the longest paragraph: a range per character until
# the line changes (right to left, the line is what shares the first glyph's top).
FIRST_LINE = """() => {
    const p = [...document.querySelectorAll('.article-body > p')]
        .sort((a, b) => b.textContent.length - a.textContent.length)[0];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let count = 0, top = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            if (top === null) top = rect.top;
            if (rect.top > top + rect.height / 2) return {count, text: p.textContent.length};
            count++;
        }
    }
    return {count, text: p.textContent.length};
}"""


def an_article_with_image(newsroom):
    return next(a for a in newsroom.articles if a.image and len(a.body_parts[0]) > 1000)


def test_article_lines_keep_a_readable_length(http_base, visit, newsroom):
    article = an_article_with_image(newsroom)
    with visit(url_for(http_base, article.url), width=WIDE) as v:
        v.page.evaluate("document.fonts.ready")
        found = v.page.evaluate(FIRST_LINE)
        assert found["text"] > found["count"] * 1.2, found  # more than one line
        assert 55 <= found["count"] <= 80, found


@pytest.mark.parametrize("width", [NARROW, WIDE, 1600])
def test_lead_image_is_never_upscaled(width, http_base, visit, newsroom):
    article = an_article_with_image(newsroom)
    with visit(url_for(http_base, article.url), width=width) as v:
        img = v.page.locator(".article-image img")
        img.evaluate("i => i.decode()")
        shown, natural = img.evaluate("i => [i.getBoundingClientRect().width, i.naturalWidth]")
        assert 0 < shown <= natural, (shown, natural)


@pytest.mark.parametrize("width", [NARROW, WIDE])
def test_latest_news_tap_targets_are_big_enough(width, http_base, visit):
    with visit(url_for(http_base, "index.html"), width=width) as v:
        boxes = v.page.locator(".latest-list a").evaluate_all(
            "links => links.map(a => { const r = a.getBoundingClientRect();"
            " return [a.textContent.trim(), r.top, r.bottom, r.height]; })")
        assert boxes
        for text, top, bottom, height in boxes:
            assert height >= 24, (text, height)
        # Spaced: no two targets overlap.
        spans = sorted((top, bottom) for _, top, bottom, _ in boxes)
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert start >= end - 0.5, spans


# ---------- Small things ----------

def _saved_key(settings):
    return f"arshif:{settings['SITENAME']}:saved"


def test_save_buttons_say_whether_the_article_is_saved(http_base, visit, newsroom):
    """The label names the state, and agrees with aria-pressed, on the article's
    button and on the list items' (reader.js), also after a reload."""
    article = newsroom.articles[0]
    with visit(url_for(http_base, article.url)) as v:
        page = v.page
        button = page.locator(".article-header .save-toggle")
        assert button.inner_text().strip() == "حفظ الخبر"
        assert page.get_by_role("button", name="حفظ الخبر", exact=True, pressed=False).count() == 1
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        assert button.inner_text().strip() == "الخبر محفوظ"
        assert page.get_by_role("button", name="الخبر محفوظ", exact=True, pressed=True).count() == 1
        page.reload(wait_until="load")
        assert button.inner_text().strip() == "الخبر محفوظ"
        assert button.get_attribute("aria-pressed") == "true"
        button.click()  # unsave
        assert button.inner_text().strip() == "حفظ الخبر"
        assert button.get_attribute("aria-pressed") == "false"

        tag = next(t for t in newsroom.tags if len(t.articles) >= 2)
        page.goto(url_for(http_base, tag.url), wait_until="load")
        first, second = tag.articles[:2]
        card = page.locator(".article-list > li").nth(1).locator(".save-toggle")
        assert card.inner_text().strip() == "حفظ"
        assert card.get_attribute("aria-label") == f"حفظ: {second.title}"
        card.click()
        assert card.inner_text().strip() == "محفوظ"
        assert card.get_attribute("aria-label") == f"محفوظ: {second.title}"
        assert page.get_by_role("button", name=f"محفوظ: {second.title}", exact=True,
                                pressed=True).count() == 1
        other = page.locator(".article-list > li").nth(0).locator(".save-toggle")
        assert other.inner_text().strip() == "حفظ"
        assert other.get_attribute("aria-label") == f"حفظ: {first.title}"
        assert not v.errors, v.errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_toggle_says_whether_dark_mode_is_on(scheme, http_base, visit):
    from playwright.sync_api import expect

    off, on = "الوضع الداكن", "الوضع الداكن: مفعّل"
    other = "light" if scheme == "dark" else "dark"
    with visit(url_for(http_base, "index.html"), color_scheme=scheme) as v:
        page = v.page
        toggle = page.locator(".theme-toggle")

        def shows(dark):
            expect(toggle).to_have_text(on if dark else off)
            expect(toggle).to_have_attribute("aria-pressed", "true" if dark else "false")
            assert page.get_by_role("button", name=on if dark else off, exact=True,
                                    pressed=dark).count() == 1

        dark = scheme == "dark"
        shows(dark)  # until the reader picks, the system's choice
        page.emulate_media(color_scheme=other)
        shows(not dark)
        page.emulate_media(color_scheme=scheme)
        shows(dark)
        toggle.click()
        shows(not dark)
        page.reload(wait_until="load")  # the stored choice
        shows(not dark)
        toggle.click()
        shows(dark)
        assert not v.errors, v.errors


def _crumbs(page):
    return page.locator(".breadcrumb li").evaluate_all("""items => items.map(li => {
        const link = li.querySelector('a'), current = li.querySelector('[aria-current]');
        return {text: li.textContent.trim(), link: link ? link.href : null,
                current: current ? current.getAttribute('aria-current') : null};
    })""")


def test_breadcrumb_ends_with_the_current_page(http_base, visit, newsroom):
    article = newsroom.articles[0]
    sub = next(s for s in newsroom.tree if s.parent is not None and newsroom.by_section[s])
    year = newsroom.years[0]
    month = year.months[0]
    author = newsroom.authors[0]
    tag = newsroom.tags[0]
    from arshif.content.dates import month_name

    expected = {
        article.url: [s.name for s in article.section.ancestors] + [article.title],
        f"section/{sub.path}/index.html": [s.name for s in sub.ancestors],
        tag.url: ["الوسوم", tag.name],
        year.url: ["الأرشيف", str(year.year)],
        month.url: ["الأرشيف", str(year.year), month_name(month.month)],
        author.url: [author.name],  # author pages have one too
    }
    with visit(url_for(http_base, "index.html")) as v:
        for path, names in expected.items():
            v.page.goto(url_for(http_base, path), wait_until="load")
            crumbs = _crumbs(v.page)
            assert [c["text"] for c in crumbs] == ["الرئيسية"] + names, path
            *before, last = crumbs
            assert all(c["link"] and c["current"] is None for c in before), (path, crumbs)
            assert last["link"] is None and last["current"] == "page", (path, crumbs)
            assert v.page.locator(".breadcrumb [aria-current]").count() == 1
            assert v.page.locator(".breadcrumb").get_attribute("aria-label") == "مسار التصفح"
        assert not v.errors, v.errors


def test_breadcrumb_of_a_numbered_list_page_links_its_first_page(published_http_base,
                                                                 published_output, visit):
    numbered = sorted(published_output.glob("tag/*/page-1.html"))[0]
    path = numbered.relative_to(published_output).as_posix()
    with visit(url_for(published_http_base, path)) as v:
        crumbs = _crumbs(v.page)
        heading = v.page.locator("h1").inner_text().strip()
        assert [c["text"] for c in crumbs] == ["الرئيسية", "الوسوم", heading, "الصفحة 1"]
        first = url_for(published_http_base, path.replace("page-1.html", "index.html"))
        assert crumbs[2]["link"] == first and crumbs[2]["current"] is None, crumbs
        assert crumbs[3]["link"] is None and crumbs[3]["current"] == "page"


MORE_INDICATOR = """summary => {
    const s = getComputedStyle(summary, '::after');
    return {content: s.content, width: parseFloat(s.width), height: parseFloat(s.height),
            transform: s.transform, display: s.display};
}"""


@pytest.mark.parametrize("javascript", [True, False])
def test_more_sections_show_that_they_expand_on_phones(javascript, file_base, visit):
    with visit(url_for(file_base, "index.html"), width=NARROW, javascript=javascript) as v:
        page = v.page
        page.locator(".nav-mobile > summary").click()
        summary = page.locator(".nav-more-menu > summary")
        assert summary.is_visible()
        closed = summary.evaluate(MORE_INDICATOR)
        assert closed["content"] not in ("none", "normal"), closed
        assert closed["display"] != "none" and closed["width"] >= 6 and closed["height"] >= 4, closed
        assert not page.locator(".nav-more-list").is_visible()
        summary.click()
        assert page.locator(".nav-more-list").is_visible()
        opened = summary.evaluate(MORE_INDICATOR)
        assert opened["content"] == closed["content"]
        assert opened["transform"] != closed["transform"], (closed, opened)  # it turns
        assert not v.errors, v.errors


def test_interests_save_as_they_change_and_say_so(http_base, visit, newsroom, settings):
    """The page says each change is saved at once, and it is: no save button."""
    section = newsroom.tree.roots[0]
    key = f"arshif:{settings['SITENAME']}:interests"
    with visit(url_for(http_base, "interests.html")) as v:
        page = v.page
        form = page.locator(".interests-form")
        assert form.is_visible()
        assert "فور" in page.locator(".reader-intro").inner_text()
        assert form.locator("button[type=submit], input[type=submit]").count() == 0
        assert [b for b in form.locator("button").all_inner_texts() if "حفظ" in b] == []
        page.locator(f".interests-form input[value='{section.path}']").check()
        page.locator(".reader-status").filter(has_text="تم حفظ اهتماماتك").wait_for(timeout=3000)
        stored = page.evaluate("k => JSON.parse(localStorage.getItem(k))", key)
        assert stored == {"v": 1, "sections": [section.path]}
        page.reload(wait_until="load")
        assert page.locator(f".interests-form input[value='{section.path}']").is_checked()
        assert not v.errors, v.errors


def test_tag_index_counts_sit_inside_their_chips(http_base, visit, newsroom):
    with visit(url_for(http_base, "tag/index.html"), width=NARROW) as v:
        chips = v.page.locator(".tag-index li").evaluate_all("""items => items.map(li => {
            const a = li.querySelector('a'), count = li.querySelector('.count');
            const box = a.getBoundingClientRect(), c = count.getBoundingClientRect();
            return {inside: a.contains(count), name: a.textContent.trim(),
                    within: c.left >= box.left - 0.5 && c.right <= box.right + 0.5
                            && c.top >= box.top - 0.5 && c.bottom <= box.bottom + 0.5};
        })""")
    assert len(chips) == len(newsroom.tags)
    for chip, tag in zip(chips, newsroom.tags):
        assert chip["inside"] and chip["within"], chip
        assert chip["name"] == f"{tag.name} ({len(tag.articles)})", chip


def _description(page):
    found = page.locator("meta[name=description]")
    assert found.count() == 1
    return found.get_attribute("content")


def test_home_tag_and_search_pages_have_a_meta_description(http_base, published_http_base,
                                                           published_output, visit, newsroom,
                                                           settings):
    tag = next(t for t in newsroom.tags if len(t.articles) >= 3)
    with visit(url_for(http_base, "index.html")) as v:
        assert _description(v.page) == settings["ARSHIF_DESCRIPTION"]
        v.page.goto(url_for(http_base, "search.html"), wait_until="load")
        assert _description(v.page).startswith(f"البحث في أخبار {settings['SITENAME']}")
        v.page.goto(url_for(http_base, tag.url), wait_until="load")
        text = _description(v.page)
        assert f"«{tag.name}»" in text and f"{len(tag.articles)} مقال" in text, text
        assert text.startswith("أخبار الوسم"), text
    # A numbered page names its page, not the count (which changes with every article).
    numbered = sorted(published_output.glob("tag/*/page-1.html"))[0]
    with visit(url_for(published_http_base, numbered.relative_to(published_output).as_posix())) as v:
        text = _description(v.page)
        name = v.page.locator("h1").inner_text().strip()
        assert f"«{name}»" in text and "الصفحة 1" in text, text


# ---------- Nothing jumps (Lighthouse's layout shift on phones and on the search page) ----------

SHIFTS = """window.__shifts = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) {
    if (!e.hadRecentInput) window.__shifts += e.value; } })
    .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("width", [NARROW, 576, 577])  # 36em = 576px: two rows up to it
def test_the_reader_bar_keeps_its_height_when_its_controls_come(width, http_base, visit,
                                                               newsroom):
    """reader.js adds text size and dark/light after the first paint: their room is
    kept from the start (CSS, where scripting is on), so the page does not move."""
    url = url_for(http_base, newsroom.articles[0].url)
    height = "document.querySelector('.reader-bar').getBoundingClientRect().height"
    with visit("about:blank", width=width) as v:
        v.page.route("**/reader.js", lambda route: route.abort())
        v.page.goto(url, wait_until="load")
        assert v.page.locator(".reader-prefs").count() == 0
        before = v.page.evaluate(height)
    for scheme in ("light", "dark"):  # (the dark toggle's label is longer)
        with visit(url, width=width, color_scheme=scheme) as v:
            v.page.locator(".reader-prefs").wait_for()
            assert v.page.evaluate(height) == pytest.approx(before, abs=0.5), (scheme, before)


@pytest.mark.parametrize("width", [NARROW, WIDE])
def test_search_results_push_nothing_in_view(width, http_base, visit):
    """The results come after the first paint: the search page keeps a screen's height
    for them, so «آخر الأخبار» (below on phones) and the footer start out of view."""
    url = http_base + "search.html?q=الرباط"
    tops = """() => ['.latest-news', '.site-footer'].map(s =>
        document.querySelector(s).getBoundingClientRect().top - innerHeight)"""
    with visit("about:blank", width=width, height=740) as v:
        v.page.route("**/search.js", lambda route: route.abort())
        v.page.goto(url, wait_until="load")
        below = v.page.evaluate(tops)
        assert all(d >= 0 for d in below[1 if width == WIDE else 0:]), below
    with visit("about:blank", width=width, height=740) as v:
        v.page.add_init_script(SHIFTS)
        v.page.goto(url, wait_until="load")
        v.page.wait_for_function("document.querySelector('.search-status').dataset.state"
                                 " === 'results'")
        v.page.locator(".latest-list li").first.wait_for(state="attached")
        v.page.wait_for_timeout(200)
        assert v.page.evaluate("window.__shifts") < 0.05
