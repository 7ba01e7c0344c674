"""The Content-Security-Policy allows the site's own files and nothing else,
and every feature still works under it, over http and from file://."""

from __future__ import annotations

import time

import pytest

from .conftest import CONFIG, serve
from .helpers import url_for

POLICY_FIELDS = ("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'",
                 "style-src 'self'", "object-src 'none'")


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    from arshif.build import build

    output = tmp_path_factory.mktemp("csp") / "output"
    assert build(CONFIG, {"OUTPUT_PATH": str(output)}, search=True).ok
    return output


def poll(page, expression, seconds=10.0):
    """Wait without wait_for_function (it needs eval, which the policy forbids)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {expression}")


def test_every_page_carries_the_policy(searchable):
    from bs4 import BeautifulSoup

    for page in searchable.rglob("*.html"):
        if page.relative_to(searchable).parts[0] == "pagefind":
            continue
        meta = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, page
        assert all(field in meta["content"] for field in POLICY_FIELDS), page


@pytest.mark.parametrize("mode", ["http", "file"])
def test_features_work_under_the_policy(visit, searchable, mode):
    with serve(searchable) as http_base:
        base = http_base if mode == "http" else searchable.as_uri() + "/"
        with visit(base + "search.html?q=" + "المسيره", csp=True) as v:
            engine = poll(v.page, "document.documentElement.dataset.searchEngine !== 'pending'"
                                  " && document.documentElement.dataset.searchEngine")
            assert engine == ("pagefind" if mode == "http" else "fallback")
            assert poll(v.page, "document.querySelectorAll('.search-results li').length") >= 1
            assert v.errors == [], v.errors
        with visit(url_for(base, "2023/11/green-march-anniversary.html"), csp=True) as v:
            # site.js ran (copy button made), reader.js ran (save button shown, text
            # size and theme controls made), prefs.js ran, and the section menu got
            # its headlines.
            assert poll(v.page, "!!document.querySelector('.share .copy-link')")
            assert poll(v.page, "!document.querySelector('.save-toggle').hidden")
            assert poll(v.page, "!!document.querySelector('.reader-prefs .theme-toggle')")
            assert poll(v.page, "document.querySelectorAll('.nav-latest li').length") > 0
            # «آخر الأخبار» from latest.js, a file of the site: script-src 'self'.
            assert poll(v.page, "document.querySelectorAll('.latest-list li').length") == 5
            v.page.locator(".save-toggle").first.click()
            assert v.page.locator(".save-toggle").first.get_attribute("aria-pressed") == "true"
            # The bundled fonts load under font-src 'self'.
            assert poll(v.page, "[...document.fonts].some(f => f.status === 'loaded')")
            assert v.errors == [], v.errors
