"""Search: shared normalisation vectors (Python and the JS of the search
page), the offline index, and the Pagefind step."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from arshif.text import search_normalize

HERE = Path(__file__).parent
VECTORS = json.loads((HERE / "search_vectors.json").read_text(encoding="utf-8"))
SEARCH_JS = HERE.parent / "theme" / "static" / "js" / "search.js"


@pytest.mark.parametrize("raw, folded", VECTORS)
def test_python_normalisation_vectors(raw, folded):
    assert search_normalize(raw) == folded


def test_javascript_normalisation_matches_the_same_vectors():
    """The browser side is checked in Chromium too (tests/browser); node is a
    quick second opinion on the same function (``invoke test`` installs node)."""
    assert shutil.which("node"), "node is missing: run the suite with `invoke test`"
    program = (
        "global.window = {}; global.document = {currentScript: null};"
        f"require({json.dumps(str(SEARCH_JS))});"
        "const vectors = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(vectors.map(([raw]) => window.arshifNormalize(raw))));"
    )
    out = subprocess.run(["node", "-e", program], input=json.dumps(VECTORS), text=True,
                         capture_output=True, check=True).stdout
    assert json.loads(out) == [folded for _, folded in VECTORS]


def test_offline_index_lists_published_articles(site):
    site.add("2023/11/madrasa", title="افتتاح المدرسة الجديدة", section="تربية وتعليم",
             tags=["التعليم", "الرباط"])
    site.add("2023/11/draft", title="مسودة سرية", status="draft")
    assert site.build().ok
    script = (site.output / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.ARSHIF_SEARCH_INDEX=") and script.endswith(";\n")
    data = json.loads(script[len("window.ARSHIF_SEARCH_INDEX="):-2])
    [doc] = data["docs"]
    url, title, section, date, datetime, tags, text = doc
    assert (url, title, date, tags) == ("2023/11/madrasa.html", "افتتاح المدرسة الجديدة",
                                        "29/11/2023 | 20:54", ["التعليم", "الرباط"])
    assert data["sections"][section] == "مجتمع/تربية وتعليم"
    assert datetime == "2023-11-29T20:54:00+01:00"
    assert "المدرسه" in text and "مسودة" not in script


def test_pagefind_indexes_articles_only(site):
    site.add("2023/11/madrasa", title="افتتاح المدرسة الجديدة", body="نص عن التعليم في الرباط.")
    result = site.build(search=True)
    assert result.ok, result.pelican_errors
    bundle = site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert entry["languages"]["ar"]["page_count"] == 1
    assert not list(bundle.glob("pagefind-*ui*"))
