"""The ZIM in Kiwix's own server (kiwix-serve, Debian's kiwix-tools; `invoke
test` installs it): pages, fonts and images work with kiwix-serve's injected
toolbar (no Content-Security-Policy errors), and the Arabic full-text search
finds articles only, with snippets of their text, not menus or footers
(issue #17, item 4)."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest
from bs4 import BeautifulSoup

from processes import free_port

CHROME_WORDS = ("جميع الحقوق محفوظة", "الأقسام", "آخر الأخبار", "حفظ الخبر")


@pytest.fixture(scope="module")
def kiwix(sample_output, tmp_path_factory):
    from arshif.publish.zim import write_zim

    server_binary = shutil.which("kiwix-serve")
    assert server_binary, "kiwix-serve is missing: apt-get install kiwix-tools (invoke test does)"
    zim = tmp_path_factory.mktemp("zim") / "archive.zim"
    write_zim(str(sample_output), str(zim), name="arshif_ar_all", title="أرشيف",
              description="أرشيف الأخبار", creator="أرشيف", publisher="أرشيف", date="2025-10-07")
    port = free_port()
    process = subprocess.Popen([server_binary, "--address", "127.0.0.1", "--port", str(port),
                                str(zim)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=1).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("kiwix-serve did not start")
            time.sleep(0.2)
    yield base + "/archive/"
    process.terminate()
    process.wait(10)


def search(base: str, words: str) -> BeautifulSoup:
    root = base.rsplit("/archive/", 1)[0]
    query = urllib.parse.urlencode({"content": "archive", "pattern": words})
    with urllib.request.urlopen(f"{root}/search?{query}", timeout=10) as answer:
        return BeautifulSoup(answer.read().decode("utf-8"), "html.parser")


def test_search_finds_articles_with_snippets_of_their_text(kiwix):
    results = search(kiwix, "المسيرة الخضراء").select(".results li")
    assert results, "no result"
    links = [li.a["href"] for li in results]
    assert links[0].endswith("/2023/11/green-march-anniversary.html"), links
    for li in results:
        path = li.a["href"].split("/archive/", 1)[1]
        assert path.count("/") == 2 and path[:4].isdigit(), f"not an article: {path}"
        snippet = li.cite.get_text(" ", strip=True) if li.cite else ""
        assert snippet and not any(word in snippet for word in CHROME_WORDS), snippet


def test_a_list_page_is_never_a_result(kiwix):
    # Every tag page lists «ميناء» headlines; only the articles may come back.
    links = [li.a["href"] for li in search(kiwix, "ميناء").select(".results li")]
    assert links and all("/tag/" not in link and "/section/" not in link for link in links)


@pytest.mark.parametrize("path", ["index.html", "2023/11/green-march-anniversary.html"])
def test_pages_work_in_kiwix_serve_with_its_toolbar(visit, kiwix, path):
    with visit(kiwix + path, csp=True) as record:
        page = record.page
        page.wait_for_load_state("networkidle")
        assert record.errors == [], record.errors
        assert page.locator("h1, .lead-story").first.is_visible()
        fonts = page.evaluate("document.fonts.ready.then(() => [...document.fonts]"
                              ".filter(f => f.status === 'loaded').length)")
        assert fonts >= 1
        broken = page.evaluate("[...document.images].filter(i => i.complete && "
                               "i.naturalWidth === 0).map(i => i.src)")
        assert broken == []
