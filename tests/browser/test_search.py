"""Search in a real browser: the header box leads to results and an article,
with Pagefind over http (one bundle per shard, merged with mergeIndex) and the
classic-script fallback from file:// (one script per shard); both show
excerpts of the article body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CONFIG, serve
from .helpers import NARROW, WIDE, outside, screenshot

VECTORS = json.loads((Path(__file__).parents[1] / "search_vectors.json").read_text("utf-8"))
TARGET = "2023/11/green-march-anniversary.html"


@pytest.fixture(scope="module")
def search_output(tmp_path_factory) -> Path:
    from arshif.build import build

    output = tmp_path_factory.mktemp("search") / "output"
    result = build(CONFIG, {"OUTPUT_PATH": str(output)}, search=True)
    assert result.ok, result.pelican_errors
    return output


@pytest.fixture(scope="module")
def search_http(search_output):
    with serve(search_output) as base:
        yield base


def search_from_header(visit, base, query):
    """Type into the header's search box, press Enter, wait for results."""
    v = visit(base + "index.html")
    record = v.__enter__()
    page = record.page
    box = page.locator(".site-search input[type=search]").first
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_function(
        "['pagefind', 'fallback'].includes(document.documentElement.dataset.searchEngine)")
    page.wait_for_selector(".search-results li, .search-status:not(:empty)")
    return v, record


@pytest.mark.parametrize("mode", ["http", "file"])
def test_header_search_finds_an_article_and_opens_it(visit, search_http, search_output, mode):
    base = search_http if mode == "http" else search_output.as_uri() + "/"
    # ه for ة, no hamza: the folding finds «المسيرة الخضراء».
    manager, record = search_from_header(visit, base, "المسيره الخضراء")
    try:
        page = record.page
        engine = page.evaluate("document.documentElement.dataset.searchEngine")
        assert engine == ("pagefind" if mode == "http" else "fallback")
        links = page.locator(".search-results a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert any(h.endswith(TARGET) for h in hrefs), hrefs
        # Every result shows its section and date, from either engine.
        hit = page.locator(f".search-results li:has(a[href$='{TARGET}'])").first
        assert hit.locator(".search-result-section").inner_text() == "بانوراما"
        assert hit.locator("time").get_attribute("datetime") == "2023-11-06T20:30:00+01:00"
        assert hit.locator("time").inner_text() == "06/11/2023 | 20:30"
        page.locator(f".search-results a[href$='{TARGET}']").first.click()
        page.wait_for_url(f"**/{TARGET}")
        assert "المسيرة الخضراء" in page.locator("h1").inner_text()
        assert outside(record.requests, base) == []
        assert record.errors == []
    finally:
        manager.__exit__(None, None, None)


def test_fallback_finds_words_written_without_hamza(visit, search_output):
    base = search_output.as_uri() + "/"
    with visit(base + "search.html?q=" + "اجواء احتفاليه") as v:
        v.page.wait_for_selector(".search-results li")
        titles = v.page.locator(".search-results a").all_inner_texts()
        assert any("أجواء احتفالية" in t for t in titles), titles
        # The count line counts in Arabic («نتيجة واحدة», «3 نتائج», «11 نتيجة»).
        count = v.page.locator(".search-results li").count()
        assert v.page.locator(".search-status").inner_text().startswith(count_label(count))


def test_no_results_and_no_javascript_say_something_useful(visit, search_output, search_http):
    with visit(search_http + "search.html?q=" + "زززززز") as v:
        v.page.wait_for_function("document.querySelector('.search-status').textContent"
                                 ".includes('لا توجد نتائج')")
        assert v.page.locator(".search-results li").count() == 0
        assert v.errors == []
    with visit(search_http + "search.html?q=x", javascript=False) as v:
        text = v.page.locator("main").inner_text()
        assert "يحتاج البحث إلى تفعيل JavaScript" in text
        assert v.page.locator("noscript a[href$='archive/index.html']").count() == 1


def test_browser_normalisation_matches_python_vectors(visit, search_output):
    with visit(search_output.as_uri() + "/search.html") as v:
        folded = v.page.evaluate("vectors => vectors.map(([raw]) => window.arshifNormalize(raw))",
                                 VECTORS)
    assert folded == [expected for _, expected in VECTORS]


def _article_words(output: Path, url: str) -> set[str]:
    """Words of what Pagefind indexes of a page: its <article>, without the
    parts marked data-pagefind-ignore (tools, read-also, neighbours)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((output / url).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article[data-pagefind-body]")
    for ignored in article.select("[data-pagefind-ignore]"):
        ignored.decompose()
    return set(article.get_text(" ").split())


def _results(page) -> list[dict]:
    return page.evaluate("""[...document.querySelectorAll('.search-results li')].map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        excerpt: (li.querySelector('.search-result-excerpt') || {}).textContent || ''}))""")


# A word found only in the body (not the title) of one article of the oldest
# shard (2022: the bundle with Pagefind's engine) and one of the newest year
# (2025-04: a month's shard, merged into it with mergeIndex).
BODY_WORDS = [("اللوكوس", "2022/01/drought-dams-alert.html"),
              ("البيرينيه", "2025/04/iberian-blackout-interconnection.html")]


@pytest.mark.parametrize("word, url", BODY_WORDS)
def test_pagefind_merges_every_shard_and_shows_body_excerpts(visit, search_http, search_output,
                                                           word, url):
    with visit(search_http + "search.html?q=" + word) as v:
        v.page.wait_for_function("document.documentElement.dataset.searchEngine === 'pagefind'"
                                 " && document.querySelectorAll('.search-results li').length")
        [hit] = _results(v.page)
        assert hit["href"].endswith(url)
        # The excerpt is article text around the word: no menu, sidebar,
        # footer, tools or read-also words in it.
        words = hit["excerpt"].split()
        assert word in hit["excerpt"] and len(words) > 10, hit
        assert set(words) <= _article_words(search_output, url), set(words) - _article_words(
            search_output, url)
        # Every shard's bundle was searched: the engine came from the oldest
        # one alone, each other shard's index was merged in.
        shards = sorted(p.name for p in (search_output / "pagefind").iterdir())
        assert shards[:3] == ["2022", "2023", "2024"] and "2025-04" in shards
        fetched = [r.split("/pagefind/", 1)[1].split("?")[0] for r in v.requests
                   if "/pagefind/" in r]
        assert {f"{name}/pagefind-entry.json" for name in shards} <= set(fetched)
        assert {f for f in fetched if f.endswith((".js", ".pagefind"))} == {
            "2022/pagefind.js", "2022/pagefind-worker.js", "2022/wasm.ar.pagefind"}
        assert v.errors == []


def test_fallback_from_disk_searches_every_shard_and_shows_the_body_lead(visit, search_output):
    base = search_output.as_uri() + "/"
    # Words of the titles of articles of the oldest and the newest shards: the
    # fallback searches titles, tags and sections, in every shard.
    for query, url in (("حقينة السدود", "2022/01/drought-dams-alert.html"),
                       ("انقطاع شامل للتيار", "2025/04/iberian-blackout-interconnection.html")):
        with visit(base + "search.html?q=" + query) as v:
            v.page.wait_for_function(
                "document.documentElement.dataset.searchEngine === 'fallback'"
                " && document.querySelectorAll('.search-results li').length")
            hits = _results(v.page)
            [hit] = [h for h in hits if h["href"].endswith(url)]
            # The article's opening words, as plain text, cut at a word.
            from bs4 import BeautifulSoup

            soup = BeautifulSoup((search_output / url).read_text(encoding="utf-8"),
                                 "html.parser")
            body = " ".join(soup.select_one(".article-body").get_text(" ").split())
            excerpt = hit["excerpt"].rstrip("…")
            assert len(excerpt) > 40 and excerpt in body, (excerpt, body[:200])
            # Every shard's classic script was loaded, from disk.
            shards = sorted({r.rsplit("/", 1)[1].split("?")[0] for r in v.requests
                             if "/search/" in r and r.split("?")[0].endswith(".js")})
            expected = sorted(p.name for p in (search_output / "search").iterdir())
            assert shards == expected and expected[:3] == ["2022.js", "2023.js", "2024.js"]
            assert v.errors == []


# ---------- The search page as a page of the theme (issue #17, item 2) ----------

def count_label(n: int) -> str:
    """Arabic counting, as search.js writes the count line."""
    if n == 1:
        return "نتيجة واحدة"
    if n == 2:
        return "نتيجتان"
    return f"{n} نتائج" if 3 <= n % 100 <= 10 else f"{n} نتيجة"


def _base(mode, search_http, search_output):
    return search_http if mode == "http" else search_output.as_uri() + "/"


def _settled(page, engine):
    page.wait_for_function(
        f"document.documentElement.dataset.searchEngine === '{engine}'"
        " && document.querySelector('.search-status').dataset.state !== 'pending'")


COLOUR_OF = """name => { const probe = document.createElement('span');
    probe.style.color = `var(${name})`; document.body.append(probe);
    const colour = getComputedStyle(probe).color; probe.remove(); return colour; }"""


@pytest.mark.parametrize("mode", ["http", "file"])
def test_search_page_is_styled_marks_matches_and_counts(visit, search_http, search_output, mode,
                                                        screenshots_dir):
    from .helpers import axe_violations

    engine = "pagefind" if mode == "http" else "fallback"
    query = "المسيره الخضراء"  # ه for ة: the marks follow the folding
    with visit(_base(mode, search_http, search_output) + "search.html?q=" + query) as v:
        page = v.page
        _settled(page, engine)
        style = page.evaluate("""() => {
            const s = e => getComputedStyle(document.querySelector(e));
            return {box: s('.search-box').borderTopLeftRadius, boxBg: s('.search-box').backgroundColor,
                    input: s('#search-query').borderTopWidth, inputFont: s('#search-query').fontFamily,
                    button: s('.search-form button').backgroundColor,
                    buttonBorder: s('.search-form button').borderTopStyle,
                    list: s('.search-results').listStyleType, item: s('.search-result').display,
                    itemList: s('.search-result').listStyleType}; }""")
        # The theme's box (rounded, surface colour, the text font) and its
        # accent-coloured button, not the browser's inset box and grey button.
        assert style["box"] == "999px", style
        assert style["boxBg"] == page.evaluate(COLOUR_OF, "--surface")
        assert style["input"] == "0px" and "Arshif Naskh" in style["inputFont"], style
        assert style["button"] == page.evaluate(COLOUR_OF, "--accent"), style
        assert style["buttonBorder"] == "none", style
        # Results are not numbered.
        assert style["list"] == "none" and style["itemList"] == "none", style
        hit = page.locator(f".search-result:has(a[href$='{TARGET}'])").first
        # Section and date: two elements, apart, never glued in the text.
        boxes = hit.evaluate("""li => [li.querySelector('.search-result-section'),
            li.querySelector('time')].map(e => e.getBoundingClientRect().toJSON())""")
        section, when = boxes
        assert section["left"] - when["right"] >= 8, boxes  # RTL: the date is on the left
        meta = hit.locator(".search-result-meta").text_content()
        assert "بانوراما06" not in meta.replace(" ", "") or "القسم" in meta
        assert "بانوراما" in meta and "التاريخ" in meta, meta  # labels for screen readers
        # The searched word is marked in the excerpt (and the title).
        marks = hit.evaluate("""li => [...li.querySelectorAll('.search-result-excerpt mark')]
            .map(m => window.arshifNormalize(m.textContent))""")
        # (The offline excerpt is the article's lead, which has «الخضراء»;
        # Pagefind marks stemmed forms too, «للمسيرة».)
        assert "الخضراء" in marks, marks
        if mode == "file":
            assert set(marks) <= {"المسيره", "الخضراء"}, marks
        assert hit.locator(".search-result-title mark").all_text_contents() == [
            "المسيرة", "الخضراء"]
        # The count line.
        count = page.locator(".search-result").count()
        status = page.locator(".search-status")
        assert status.get_attribute("data-state") == "results"
        assert status.inner_text() == f"{count_label(count)} لـ «{query}»"
        assert v.errors == []
        # (Checked after the page's own errors: from file://, axe's fetch of
        # the stylesheets logs refused requests of its own.)
        assert axe_violations(page) == ""
        if mode == "http":  # screenshots/search-<width>-<light|dark>.png, with results
            screenshot(page, screenshots_dir, "search")
            page.set_viewport_size({"width": NARROW, "height": 800})
            screenshot(page, screenshots_dir, "search")
            page.emulate_media(color_scheme="dark")
            screenshot(page, screenshots_dir, "search", "dark")
            page.set_viewport_size({"width": WIDE, "height": 900})
            screenshot(page, screenshots_dir, "search", "dark")


def test_search_page_follows_the_dark_palette(visit, search_http):
    with visit(search_http + "search.html?q=الرباط", color_scheme="dark") as v:
        from .helpers import axe_violations

        _settled(v.page, "pagefind")
        button = v.page.evaluate("getComputedStyle(document.querySelector('.search-form button'))"
                                 ".backgroundColor")
        assert button == v.page.evaluate(COLOUR_OF, "--accent") == "rgb(255, 122, 136)"
        assert axe_violations(v.page) == ""


def _sections(page):
    return page.locator(".search-result-section").all_inner_texts()


@pytest.mark.parametrize("mode", ["http", "file"])
def test_filters_by_section_and_year_narrow_the_results(visit, search_http, search_output, mode):
    engine = "pagefind" if mode == "http" else "fallback"
    base = _base(mode, search_http, search_output)
    with visit(base + "search.html?q=الرباط") as v:
        page = v.page
        _settled(page, engine)
        total = page.locator(".search-result").count()
        section = page.locator("#search-filter-section")
        options = section.locator("option").all_inner_texts()
        assert options[0] == "كل الأقسام" and len(options) > 3, options
        # The section's option: its name and count; pick it.
        value, label = section.evaluate("s => [s.options[2].value, s.options[2].text]")
        name, expected = label.rsplit(" (", 1)
        expected = int(expected.rstrip(")"))
        assert 0 < expected < total
        section.select_option(value)
        page.wait_for_function(f"document.querySelectorAll('.search-result').length === {expected}")
        assert set(_sections(page)) == {name}
        assert page.locator(".search-status").inner_text().startswith(count_label(expected))
        assert "section=" in page.url
        # Back to every section, then a year: every result is of that year.
        section.select_option("")
        page.wait_for_function(f"document.querySelectorAll('.search-result').length === {total}")
        year = page.locator("#search-filter-year")
        chosen = year.evaluate("s => s.options[1].value")
        year.select_option(chosen)
        page.wait_for_function(f"document.querySelectorAll('.search-result').length < {total}")
        years = page.locator(".search-result time").evaluate_all(
            "ts => ts.map(t => t.getAttribute('datetime').slice(0, 4))")
        assert years and set(years) == {chosen}
        assert v.errors == []
    # The filters are in the address: a reload (or a shared link) keeps them,
    # under the site's Content-Security-Policy too.
    with visit(base + f"search.html?q=الرباط&year={chosen}", csp=True) as v:
        v.page.wait_for_selector(".search-status[data-state=results]")
        assert v.page.locator("#search-filter-year").input_value() == chosen
        assert v.page.locator(".search-result").count() == len(years)
        assert v.errors == []


@pytest.mark.parametrize("mode", ["http", "file"])
def test_empty_and_no_result_states(visit, search_http, search_output, mode):
    base = _base(mode, search_http, search_output)
    with visit(base + "search.html") as v:
        status = v.page.locator(".search-status[data-state=empty]")
        assert "اكتب كلمة أو أكثر" in status.inner_text()
        assert v.page.locator(".search-filters").count() == 0
        assert v.errors == []
    with visit(base + "search.html?q=زززززز") as v:
        status = v.page.locator(".search-status[data-state=none]")
        assert "لا توجد نتائج لـ «زززززز»" in status.inner_text()
        assert v.page.locator(".search-result").count() == 0
        assert v.errors == []


def test_pagefind_failure_falls_back_and_says_so_then_errors_plainly(visit, search_http):
    with visit(search_http + "search.html") as v:
        page = v.page
        page.route("**/pagefind/**", lambda route: route.abort())
        page.goto(search_http + "search.html?q=المسيره")
        _settled(page, "fallback")
        assert "تعذر تحميل البحث في النص الكامل" in page.locator(".search-note").inner_text()
        assert page.locator(f".search-result a[href$='{TARGET}']").count() == 1
        # Neither index: the error state, with somewhere to go.
        page.route("**/search-index.js*", lambda route: route.abort())
        page.goto(search_http + "search.html?q=المسيره")
        page.wait_for_selector(".search-status[data-state=error]")
        assert "تعذر تحميل فهرس البحث" in page.locator(".search-status").inner_text()
        assert page.locator(".search-result").count() == 0
