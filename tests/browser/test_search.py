"""Search in a real browser: the header box leads to results and an article,
with Pagefind over http (one bundle per shard, merged with mergeIndex) and the
classic-script fallback from file:// (one script per shard); both show
excerpts of the article body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CONFIG, serve
from .helpers import outside

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
        assert "عدد النتائج" in v.page.locator(".search-status").inner_text()


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
