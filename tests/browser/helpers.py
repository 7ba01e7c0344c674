"""Helpers shared by the browser tests (plain functions; the fixtures are in conftest.py)."""

from __future__ import annotations

from urllib.parse import quote, unquote

WIDE, NARROW = 1280, 360

SCROLL_WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"


def axe_violations(page, options=None) -> str:
    from axe_playwright_python.sync_playwright import Axe

    options = options or {"resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return "" if results.violations_count == 0 else results.generate_report()


def url_for(base: str, path: str) -> str:
    return base + quote(path)


def outside(requests, base: str) -> list[str]:
    """Requests that do not stay under ``base`` (the site's own URL or folder)."""
    allowed = unquote(base)
    return [u for u in requests if not unquote(u).startswith(allowed) and not u.startswith("data:")]


def load_lazy_images(page):
    """Full-page screenshots show every image: lazy ones are loaded first."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]')"
                  ".forEach(img => img.loading = 'eager')")
    page.wait_for_function("[...document.images].every(img => img.complete)", timeout=5000)


def screenshot(page, folder, name: str, scheme: str = "light", full_page: bool = True):
    """``screenshots/<name>-<width>-<scheme>.png`` at the page's current width (the
    caller emulates the colour scheme: ``page.emulate_media(color_scheme="dark")``)."""
    width = page.viewport_size["width"]
    page.screenshot(path=folder / f"{name}-{width}-{scheme}.png", full_page=full_page)

