"""Hostile content: injection payloads in every field an editor or an import
controls; the site builds, and in Chromium no payload runs."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from .conftest import CONFIG, serve
from .helpers import outside

PWN = "window.__pwned=1"
PAYLOADS = [
    f"<script>{PWN}</script>",
    f'"><img src=https://evil.example/x onerror="{PWN}">',
    f"'><svg onload={PWN}>",
    f"</script><script>{PWN}</script>",
    f"</title><script>{PWN}</script>",
    "{{ 7*7 }} {% raw %}",
    f"<iframe src=\"javascript:{PWN}\"></iframe>",
    f"<math><mtext><table><mglyph><style><img src=https://evil.example/x onerror={PWN}>",
    "\u202e\u2066<b>bidi</b>",
]
BODY = "\n\n".join([
    "فقرة أولى.",
    f"[رابط](javascript:{PWN}) و[آخر](JaVaScRiPt:{PWN}) و[ثالث](data:text/html,<script>{PWN}</script>)",
    f'<a href="jav&#x09;ascript:{PWN}">مخفي</a> <img src="https://evil.example/x.png" onerror="{PWN}">',
    "<form action=\"https://evil.example/\"><input name=q></form><style>body{display:none}</style>",
    f"<div onmouseover=\"{PWN}\" style=\"position:fixed\">غطاء</div>",
    f"<object data=\"javascript:{PWN}\"></object><embed src=\"javascript:{PWN}\">",
    f"<svg><script>{PWN}</script></svg><math><a xlink:href=\"javascript:{PWN}\">x</a></math>",
    "<bdi dir=\"ltr\">COP28</bdi> و<span lang=\"fr\" dir=\"ltr\">Maroc</span>",
] + PAYLOADS)


def quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from arshif.build import build

    root = tmp_path_factory.mktemp("hostile")
    articles = root / "content" / "articles" / "2024" / "02"
    articles.mkdir(parents=True)
    for number, payload in enumerate(PAYLOADS):
        fields = [
            f"title: {quoted('عنوان ' + payload)}",
            f"date: 2024-02-{number + 1:02d} 10:00",
            "section: سياسة",
            f"tags: [{quoted('وسم ' + payload)}, {quoted(payload)}]",
            f"summary: {quoted('ملخص ' + payload)}",
            f"author: {quoted('كاتب ' + payload)}",
            f"dateline: {quoted('الرباط ' + payload)}",
            f"source: {quoted(payload)}",
            f"original_url: {quoted('https://old.example/x?a=' + payload)}",
        ]
        text = "---\n" + "\n".join(fields) + "\n---\n\n" + BODY + "\n"
        (articles / f"p{number}.md").write_text(text, encoding="utf-8")
    output = root / "output"
    result = build(CONFIG, {"PATH": str(root / "content"), "OUTPUT_PATH": str(output),
                            "ARSHIF_CACHE_PATH": None, "SITEURL": ""}, search=False)
    assert result.ok, [str(p) for p in result.problems] + result.pelican_errors
    return output, result


def test_no_script_capable_markup_in_the_output(hostile_site):
    output, _ = hostile_site
    for page in output.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), (page, element)
                if name in ("href", "src", "action", "data", "formaction", "xlink:href"):
                    cleaned = re.sub(r"[\s\x00-\x1f]", "", str(value)).lower()
                    assert not cleaned.startswith(("javascript:", "data:", "vbscript:")), page
        for body in soup.select(".article-body"):
            assert not body.find_all(["iframe", "object", "embed", "form", "style", "script",
                                      "svg", "math", "input"]), page
        for script in soup.find_all("script"):
            # Only the theme's files and JSON-LD data blocks.
            assert script.get("src") or script.get("type") == "application/ld+json", page


def test_json_ld_keeps_payloads_as_data(hostile_site):
    output, _ = hostile_site
    soup = BeautifulSoup((output / "2024/02/p3.html").read_text(encoding="utf-8"), "html.parser")
    data = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert data[0]["headline"] == "عنوان " + PAYLOADS[3]


def test_meta_descriptions_keep_payloads_as_text(hostile_site):
    """A tag page's description names the tag: escaped, it stays one attribute."""
    output, result = hostile_site
    tags = result.generator.newsroom.tags
    assert len(tags) >= len(PAYLOADS)
    for term in tags:
        soup = BeautifulSoup((output / term.url).read_text(encoding="utf-8"), "html.parser")
        metas = soup.find_all("meta", attrs={"name": "description"})
        assert len(metas) == 1, term.url
        assert metas[0]["content"].startswith(f"أخبار الوسم «{term.name}» في "), metas[0]


def test_no_payload_runs_in_chromium(visit, hostile_site):
    output, result = hostile_site
    pages = ["index.html", "tag/index.html", "search.html?q=script", "archive/2024/02/index.html"]
    pages += [a.url for a in result.generator.newsroom.articles]
    pages += [t.url for t in result.generator.newsroom.tags][:6]
    with serve(output) as base:
        for page in pages:
            with visit(base + page) as v:
                dialogs = []
                v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                v.page.mouse.move(200, 300)
                v.page.wait_for_timeout(50)
                assert v.page.evaluate("window.__pwned") is None, page
                assert dialogs == [], page
                assert v.errors == [], (page, v.errors)
                assert outside(v.requests, base) == [], page


def test_feeds_and_sitemap_stay_well_formed_xml(hostile_site, tmp_path):
    """Parsed strictly (lxml without recover), also with the publish settings
    (absolute links, sitemap)."""
    from lxml import etree

    from arshif.build import build

    output, _ = hostile_site
    strict = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    published = tmp_path / "published"
    result = build(CONFIG, {"PATH": str(output.parent / "content"), "OUTPUT_PATH": str(published),
                            "ARSHIF_CACHE_PATH": None, "SITEURL": "https://archive.example"},
                   search=False)
    assert result.ok, result.pelican_errors
    files = [*output.rglob("*.xml"), *published.rglob("*.xml")]
    assert any(f.name == "sitemap.xml" for f in files)
    for xml in files:
        etree.fromstring(xml.read_bytes(), strict)
