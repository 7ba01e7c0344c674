"""``invoke livereload`` reloads the open page after an edit, in Chromium and
under the site's Content-Security-Policy; strict builds keep the plain policy."""

from __future__ import annotations

import hashlib
import base64
import re
import time

from bs4 import BeautifulSoup

from conftest import copy_project
from processes import fetch, free_port, server

from .conftest import CONFIG

ARTICLE = "content/articles/2023/11/green-march-anniversary.md"
PAGE = "2023/11/green-march-anniversary.html"
PUBLISHED_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                    "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
                    "form-action 'self'")


def policy(html: str) -> str:
    meta = BeautifulSoup(html, "html.parser").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"]


def evaluate(page, expression):
    """page.evaluate that survives the page navigating away under it."""
    try:
        return page.evaluate(expression)
    except Exception as exc:  # noqa: BLE001 - Playwright's "context was destroyed"
        if "destroyed" in str(exc) or "navigat" in str(exc):
            return None
        raise


def poll(page, expression, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = evaluate(page, expression)
        if value:
            return value
        page.wait_for_timeout(200)
    raise AssertionError(f"timed out after {seconds} s waiting for {expression}")


def test_livereload_reloads_the_page_after_an_edit(tmp_path, visit):
    project = copy_project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with server(["invoke", "livereload", "--port", str(port)], project, base,
                tmp_path / "livereload.log"):
        # The server injects an inline script; the page's policy allows exactly it.
        served = fetch(base + PAGE)[1].decode("utf-8")
        injected = re.search(r"<script type=\"text/javascript\">(.*?)</script>\s*</head>",
                             served, re.S)
        assert injected, "livereload injected no script"
        digest = base64.b64encode(hashlib.sha256(injected.group(1).encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy(served)

        with visit(base + PAGE, csp=True) as v:
            connected = ("!!(window.LiveReload && window.LiveReload.connector"
                         " && window.LiveReload.connector._isSocketConnected())")
            poll(v.page, connected, 30)
            source = project / ARTICLE
            text = source.read_text(encoding="utf-8")
            source.write_text(text.replace("title: العيون", "title: تحديث حي في العيون", 1),
                              encoding="utf-8")
            try:
                poll(v.page, "document.querySelector('h1') && document.querySelector('h1')"
                             ".textContent.includes('تحديث حي')", 60)
            except AssertionError as exc:
                log = (tmp_path / "livereload.log").read_text(encoding="utf-8")
                raise AssertionError(f"{exc}\n{v.errors}\n{log}") from None
            refused = [e for e in v.errors if "Content Security Policy" in e]
            assert refused == [], refused

    # The preview's output, then a strict build of the same project: every page
    # is rendered again with the published policy (no page reused with the allowance).
    import subprocess

    build = subprocess.run(["invoke", "build", "--no-search"], cwd=project,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    for page in (project / "output").rglob("*.html"):
        assert policy(page.read_text(encoding="utf-8")) == PUBLISHED_POLICY, page


def test_strict_builds_never_allow_the_livereload_script(tmp_path):
    from arshif.build import build

    for strict, settings in ((True, CONFIG), (True, CONFIG.replace("pelican", "publish"))):
        output = tmp_path / f"out-{len(settings)}"
        result = build(settings, {"OUTPUT_PATH": str(output), "ARSHIF_LIVERELOAD": True,
                                  "ARSHIF_PAGE_CACHE_PATH": str(tmp_path / "cache")},
                       strict=strict)
        assert result.ok, result.problems
        html = (output / PAGE).read_text(encoding="utf-8")
        assert policy(html) == PUBLISHED_POLICY
