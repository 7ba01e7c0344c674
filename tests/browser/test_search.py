"""Search in a real browser: the header box leads to results and an article,
with Pagefind over http and the classic-script fallback from file://."""

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
