"""Image files whose names hold #, ? or % (and Arabic) load in Chromium,
over http and opened from disk (hardening round two, item 13)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import ROOT, serve

IMAGES = "[...document.images].map(img => [img.getAttribute('src'), img.naturalWidth])"


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import Site
    from test_hardening_two import ODD_NAMES, odd_image_site

    site = odd_image_site(Site(tmp_path_factory.mktemp("odd-images")))
    result = site.build()
    assert result.ok, [str(p) for p in result.problems]
    return site.output, len(ODD_NAMES)


@pytest.mark.parametrize("over", ["http", "file"])
def test_images_with_odd_names_load(visit, odd_site, over):
    output, count = odd_site
    with serve(output) as http_base:
        base = http_base if over == "http" else Path(output).as_uri() + "/"
        for page, expected in (("2023/11/odd.html", count), ("index.html", 1)):
            with visit(base + page) as v:
                v.page.evaluate("document.querySelectorAll('img[loading=lazy]')"
                                ".forEach(img => img.loading = 'eager')")
                v.page.wait_for_function("[...document.images].every(img => img.complete)",
                                         timeout=5000)
                images = v.page.evaluate(IMAGES)
                assert len(images) >= expected, images
                assert all(width > 0 for _, width in images), (over, page, images)
                assert v.errors == [], v.errors
