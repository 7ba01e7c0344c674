"""The sample built as a public site (SITEURL set, 4 articles a list page): share links,
the 404 page's absolute links, and numbered pagination (page ≥ 2) in the browser."""

from __future__ import annotations

from urllib.parse import quote, unquote

from bs4 import BeautifulSoup

from .conftest import PUBLISHED_SITEURL
from .helpers import NARROW, SCROLL_WIDTH, axe_violations, outside


def an_article(output) -> str:
    return sorted(p.relative_to(output).as_posix() for p in output.glob("[0-9]*/*/*.html"))[-1]


def soup_of(output, path):
    return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html.parser")


def test_share_links_use_the_public_address(published_output):
    path = an_article(published_output)
    share = soup_of(published_output, path).select_one(".share")
    assert share is not None and not share.has_attr("hidden")
    hrefs = [a["href"] for a in share.select("a")]
    public = quote(f"{PUBLISHED_SITEURL}/{path}", safe="")
    hosts = ["facebook.com", "x.com", "wa.me", "t.me", "linkedin.com", "mailto:"]
    assert all(any(h in href for href in hrefs) for h in hosts), hrefs
    assert all(public.replace("%2F", "/") in href.replace("%2F", "/") for href in hrefs), hrefs
    for a in share.select("a[target]"):
        assert "noopener" in a["rel"]
        # the networks show the page's card: its title is not copied into every link
        assert "text=%D" not in a["href"] and "%20" not in a["href"], a["href"]
    mail = share.select_one('a[href^="mailto:"]')["href"]
    assert "subject=%D" in mail  # mail shows no card: it gets the Arabic title
    # The copy-link and «مشاركة…» buttons need JavaScript: site.js adds them.
    assert not share.select("button") and not share.select("[hidden]")


def test_share_block_gets_its_buttons_in_the_browser(published_output, published_http_base,
                                                     visit):
    path = an_article(published_output)
    with visit(published_http_base + quote(path)) as v:
        page = v.page
        assert page.locator(".share").count() == 1  # the links' block, not a second one
        share = page.locator(".share")
        assert share.locator(".share-links a").count() == 6
        assert share.locator("button.copy-link").is_visible()
        assert share.locator(".share-status[role=status]").count() == 1
        assert not v.errors, v.errors
    with visit(published_http_base + quote(path), javascript=False) as v:
        assert v.page.locator(".share .share-links a").first.is_visible()
        assert v.page.locator(".share button").count() == 0


def test_404_links_resolve_from_the_site_root(published_output):
    # GitHub Pages serves 404.html at any depth: every URL it loads or links is
    # absolute (no <base>, which would also send the skip link to the home page);
    # test_reading.py opens it on a Pages-like server.
    soup = soup_of(published_output, "404.html")
    assert soup.find("base") is None
    assert soup.html["data-root"] == PUBLISHED_SITEURL + "/"
    for element in soup.find_all(["a", "link", "script", "form", "img"]):
        url = element.get("href") or element.get("src") or element.get("action") or ""
        if url.startswith("#") or element.get("rel") == ["alternate"] and not url:
            continue
        if url.startswith("http") and not url.startswith(PUBLISHED_SITEURL + "/"):
            continue  # share links and the like
        assert url.startswith(PUBLISHED_SITEURL + "/"), url
        path = unquote(url[len(PUBLISHED_SITEURL) + 1:]) or "index.html"
        assert (published_output / path).is_file(), url


def test_numbered_pagination_in_the_browser(published_output, published_http_base, visit):
    pages = sorted(published_output.glob("section/*/page-2.html"))
    assert pages, "expected a second list page with 4 articles a page"
    path = pages[0].relative_to(published_output).as_posix()
    base = published_http_base
    with visit(base + quote(path)) as v:
        page = v.page
        current = page.locator(".pagination-pages a[aria-current='page']")
        assert current.count() == 1 and current.inner_text().strip().endswith("2")
        assert page.locator(".pagination a[rel='prev']").count() == 1
        # Counted from the oldest, a numbered page shows neither the total nor
        # how many pages follow (it must not change when articles are added).
        assert page.locator(".pagination-status").inner_text() == "الصفحة 2"
        report = axe_violations(page)
        assert not report, report
        page.set_viewport_size({"width": NARROW, "height": 800})
        width, inner = page.evaluate(SCROLL_WIDTH)
        assert width <= inner
        assert not outside(v.requests, base), outside(v.requests, base)
        assert not v.errors, v.errors
