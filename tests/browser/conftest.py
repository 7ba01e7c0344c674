"""Session fixtures for tests in a real browser (Debian's Chromium, driven by Playwright).

Reuse them from any test under ``tests/browser/``:

* ``sample_build``: the bundled sample archive (``content/``) built once, in-process,
  into a temporary folder; the ``BuildResult`` (``.generator.newsroom`` has the model).
* ``sample_output``: that build's output folder (a ``Path``).
* ``http_base``: ``http://127.0.0.1:PORT/`` serving ``sample_output`` (ThreadingHTTPServer).
* ``file_base``: ``file:///…/output/`` for the same folder opened from disk.
* ``published_output`` / ``published_http_base``: the sample built with SITEURL set and\n  4 articles a list page (share links, absolute 404 links, numbered pagination), and its server.
* ``browser``: one Chromium for the whole session (fails when /usr/bin/chromium is missing;
  ``invoke test`` installs it).
* ``visit``: ``with visit(url, width=1280, javascript=True) as v:`` opens ``url`` in a new
  context/page and records ``v.requests`` (every request URL) and ``v.errors`` (console
  errors and uncaught exceptions); the context is closed on exit.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
CONFIG = str(ROOT / "pelicanconf.py")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
SCREENSHOTS = ROOT / "screenshots"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    from arshif.build import build

    output = tmp_path_factory.mktemp("sample") / "output"
    result = build(CONFIG, {"OUTPUT_PATH": str(output)})
    assert result.ok, [str(p) for p in result.problems] + result.pelican_errors
    return result


@pytest.fixture(scope="session")
def newsroom(sample_build):
    """The sample's newsroom model: tests pick their pages from it."""
    return sample_build.generator.newsroom


@pytest.fixture(scope="session")
def settings():
    from arshif.build import load_settings

    return load_settings(CONFIG)


@pytest.fixture(scope="session")
def sample_output(sample_build) -> Path:
    return Path(sample_build.output_path)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def http_base(sample_output):
    with serve(sample_output) as base:
        yield base


@pytest.fixture(scope="session")
def file_base(sample_output) -> str:
    return sample_output.as_uri() + "/"


def require_chromium(path: str = CHROMIUM) -> None:
    """Fail, never skip: a suite that passes without its browser tests tests nothing
    of the site readers get."""
    if not os.path.exists(path):
        pytest.fail(f"{path} is missing: run the suite with `invoke test`, which installs "
                    "Debian's chromium and fonts-noto-core (or apt-get install them)",
                    pytrace=False)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Visit:
    page: object
    context: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def visit(browser):
    """Open a URL in a fresh context; see the module docstring."""

    @contextlib.contextmanager
    def open_page(url: str, width: int = 1280, height: int = 900, javascript: bool = True,
                  color_scheme: str = "light", csp: bool = False, **context_options):
        # Playwright's wait_for_function evaluates strings inside the page, which
        # the site's Content-Security-Policy forbids: tests bypass the policy
        # unless they ask for it (csp=True; test_csp.py checks it is kept).
        context = browser.new_context(viewport={"width": width, "height": height},
                                      bypass_csp=not csp,
                                      java_script_enabled=javascript,
                                      color_scheme=color_scheme, **context_options)
        page = context.new_page()
        record = Visit(page, context)
        page.on("request", lambda request: record.requests.append(request.url))
        page.on("console", lambda message: record.errors.append(
            f"console: {message.text}") if message.type == "error" else None)
        page.on("pageerror", lambda error: record.errors.append(f"exception: {error}"))
        try:
            page.goto(url, wait_until="load")
            yield record
        finally:
            context.close()

    return open_page


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


PUBLISHED_SITEURL = "https://example.github.io/arshif"


@pytest.fixture(scope="session")
def published_output(tmp_path_factory) -> Path:
    """The sample built like a public site (SITEURL set) with short list pages, so that
    share links, the 404 page's absolute links and numbered pagination are exercised too."""
    from arshif.build import build

    output = tmp_path_factory.mktemp("published") / "output"
    result = build(CONFIG, {"OUTPUT_PATH": str(output), "SITEURL": PUBLISHED_SITEURL,
                            "ARSHIF_PER_PAGE": 4})
    assert result.ok, [str(p) for p in result.problems] + result.pelican_errors
    return output


@pytest.fixture(scope="session")
def published_http_base(published_output):
    with serve(published_output) as base:
        yield base
