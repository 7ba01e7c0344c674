"""Search: shared normalisation vectors (Python and the JS of the search
page), the offline index, and the Pagefind step."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from arshif.content.text import search_normalize
from arshif.outputs.search import EXCERPT_CHARS, indexed_part, lead
from conftest import offline_index

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
             tags=["التعليم", "الرباط"], body="<b>نص</b> عن التعليم &amp; المدرسة في الرباط.")
    site.add("2023/11/draft", title="مسودة سرية", status="draft")
    assert site.build().ok
    data = offline_index(site.output)
    [doc] = data["docs"]
    url, title, section, date, datetime, tags, text, excerpt = doc
    assert (url, title, date, tags) == ("2023/11/madrasa.html", "افتتاح المدرسة الجديدة",
                                        "29/11/2023 | 20:54", ["التعليم", "الرباط"])
    assert data["sections"][section] == "مجتمع/تربية وتعليم"
    assert datetime == "2023-11-29T20:54:00+01:00"
    assert "المدرسه" in text
    # The result shows the body's opening words, as text.
    assert excerpt == "نص عن التعليم & المدرسة في الرباط."
    scripts = "".join(p.read_text(encoding="utf-8") for p in site.output.glob("search*/**/*.js"))
    assert "مسودة" not in scripts + (site.output / "search-index.js").read_text("utf-8")


def test_offline_index_has_one_shard_per_year_and_per_month_of_the_newest(site):
    for year in (2022, 2024, 2023):
        site.add(f"{year}/05/a{year}", title=f"خبر {year}", date=f"{year}-05-01 10:00")
    site.add("2023/06/b2023", title="خبر ثان", date="2023-06-01 10:00")
    site.add("2024/06/b2024", title="خبر ثالث", date="2024-06-01 10:00")
    assert site.build().ok
    data = offline_index(site.output)
    assert [s["name"] for s in data["shards"]] == ["2024-06", "2024-05", "2023", "2022"]
    assert [s["docs"] for s in data["shards"]] == [1, 1, 2, 1]
    assert [d[0] for d in data["docs"]] == ["2024/06/b2024.html", "2024/05/a2024.html",
                                            "2023/06/b2023.html", "2023/05/a2023.html",
                                            "2022/05/a2022.html"]
    # Each shard is listed with a hash of its text, for caches.
    for shard in data["shards"]:
        path, version = shard["src"].split("?v=")
        assert path == f"search/{shard['name']}.js" and len(version) == 12
    assert sorted(p.name for p in (site.output / "search").iterdir()) == [
        "2022.js", "2023.js", "2024-05.js", "2024-06.js"]


def test_excerpt_is_the_opening_words_cut_at_a_word():
    assert lead("<h2>عنوان</h2><p>نص <a href=\"x\" title=\"a>b\">رابط</a></p>") == "عنوان نص رابط"
    long = lead("<p>" + "كلمة، " * 60 + "</p>")
    assert long.endswith("كلمة…") and len(long) <= EXCERPT_CHARS + 1


def _bundle_files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes()
            for p in sorted(output.rglob("*"))
            if p.is_file() and p.relative_to(output).parts[0] in ("pagefind", "search")
            or p.name == "search-index.js"}


def test_pagefind_indexes_article_pages_only_one_bundle_per_shard(site):
    site.add("2022/03/old", title="خبر قديم", date="2022-03-01 10:00", body="نص قديم.")
    site.add("2023/11/madrasa", title="افتتاح المدرسة الجديدة", body="نص عن التعليم في الرباط.")
    site.add("2023/12/other", title="خبر آخر", date="2023-12-01 10:00", body="نص آخر.")
    site.write("pages/about.md", "---\ntitle: من نحن\n---\n\nنص الصفحة.\n")
    result = site.build(search=True)
    assert result.ok, result.pelican_errors
    bundle = site.output / "pagefind"
    assert sorted(p.name for p in bundle.iterdir()) == ["2022", "2023-11", "2023-12"]
    counts = {}
    for name in ("2022", "2023-11", "2023-12"):
        entry = json.loads((bundle / name / "pagefind-entry.json").read_text())
        counts[name] = entry["languages"]["ar"]["page_count"]
    # Article pages only: no list, tag, archive or static page.
    assert counts == {"2022": 1, "2023-11": 1, "2023-12": 1}
    # The oldest year's bundle carries Pagefind's engine (search.js loads it and
    # merges the others into it); the others carry only their index.
    engine = {"pagefind.js", "pagefind-worker.js", "wasm.ar.pagefind", "wasm.unknown.pagefind"}
    assert engine <= {p.name for p in (bundle / "2022").iterdir()}
    assert not engine & {p.name for p in (bundle / "2023-11").iterdir()}
    assert not list(bundle.rglob("pagefind-*ui*")) and not list(bundle.rglob("*highlight*"))
    assert [(s.name, s.pages, s.built) for s in result.search_run.shards] == [
        ("2022", 1, True), ("2023-11", 1, True), ("2023-12", 1, True)]
    assert result.search_run.peak_rss_mb > 0


def test_indexed_part_is_what_pagefind_reads():
    page = (b'<html lang="ar"><body><nav>menu</nav><main><article data-pagefind-body>'
            b'<h1>t</h1><div data-pagefind-ignore><div>x</div>tools</div><p>body</p>'
            b'<nav class="n" data-pagefind-ignore>next</nav></article></main>'
            b'<aside>latest</aside></body></html>')
    part = indexed_part(page)
    assert b"body" in part and b"<h1>t</h1>" in part and b'lang="ar"' in part
    assert b"menu" not in part and b"latest" not in part
    assert b"tools" not in part and b"next" not in part
    # What Pagefind skips may change freely; what it reads may not.
    assert indexed_part(page.replace(b"latest", b"newer").replace(b"next", b"other")) == part
    assert indexed_part(page.replace(b"body", b"bodY")) != part
    assert indexed_part(b"<html><body><p>list page</p></body></html>") == b""


def test_publishing_an_article_rewrites_only_its_search_shard(site):
    """Build, publish a new article in the newest year, rebuild: every file of
    the other shards (both indexes) is byte-identical, linked from the previous
    build rather than indexed again.  Then the first article of a new year:
    the previous year's months become one shard; older years stay as they are."""
    for year, month in ((2022, 3), (2022, 8), (2023, 5), (2024, 2)):
        site.add(f"{year}/{month:02d}/a{month}", title=f"خبر {year} {month}",
                 date=f"{year}-{month:02d}-10 10:00", tags=["الماء"], section="سياسة",
                 body=f"نص المقال عن الماء في سنة {year}.")
    first = site.build(search=True)
    assert first.ok, first.pelican_errors
    before = _bundle_files(site.output)
    inodes = {p: (site.output / p).stat().st_ino for p in before}

    site.add("2024/03/new", title="خبر جديد عن الماء", date="2024-03-10 10:00",
             tags=["الماء"], section="سياسة", body="نص جديد عن الماء.")
    second = site.build(search=True)
    assert second.ok, second.pelican_errors
    after = _bundle_files(site.output)
    assert [(s.name, s.built) for s in second.search_run.shards] == [
        ("2022", False), ("2023", False), ("2024-02", False), ("2024-03", True)]
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    assert changed, "the new article's shard must change"
    assert all(p.startswith(("pagefind/2024-03/", "search/2024-03.js"))
               or p == "search-index.js" for p in changed), sorted(changed)
    old = [p for p in before if not p.startswith("search-index")]
    assert len(old) >= 20 and all(after[p] == before[p] for p in old)
    # Pagefind did not run for them: the files are the previous build's own.
    assert all((site.output / p).stat().st_ino == inodes[p]
               for p in old if p.startswith("pagefind/"))

    # Nothing changed: nothing is indexed again, and every search file is the same.
    third = site.build(search=True)
    assert third.ok and not third.search_run.built
    assert _bundle_files(site.output) == after

    site.add("2025/01/first", title="أول خبر في السنة", date="2025-01-05 10:00")
    fourth = site.build(search=True)
    assert fourth.ok, fourth.pelican_errors
    assert [(s.name, s.built) for s in fourth.search_run.shards] == [
        ("2022", False), ("2023", False), ("2024", True), ("2025-01", True)]
    now = _bundle_files(site.output)
    assert all(now[p] == after[p] for p in after
               if p.startswith(("pagefind/2022/", "pagefind/2023/", "search/2022", "search/2023")))
    assert not any(p.startswith(("pagefind/2024-", "search/2024-")) for p in now)


def test_shards_survive_losing_the_oldest_year_and_a_stale_state(site):
    """The engine files move to the new oldest year when the oldest goes; a
    previous output that does not match the saved digests is never reused."""
    site.add("2022/03/old", title="قديم", date="2022-03-01 10:00")
    site.add("2023/03/mid", title="وسط", date="2023-03-01 10:00")
    site.add("2024/03/new", title="جديد", date="2024-03-01 10:00")
    assert site.build(search=True).ok
    (site.content / "articles" / "2022" / "03" / "old.md").unlink()
    result = site.build(search=True)
    assert result.ok, result.pelican_errors
    assert [(s.name, s.built) for s in result.search_run.shards] == [
        ("2023", False), ("2024-03", False)]
    bundle = site.output / "pagefind"
    assert sorted(p.name for p in bundle.iterdir()) == ["2023", "2024-03"]
    assert (bundle / "2023" / "pagefind.js").is_file()
    assert not (bundle / "2024-03" / "pagefind.js").exists()
    # A shard file lost from the output: that shard is indexed again.
    next((bundle / "2024-03" / "fragment").iterdir()).unlink()
    result = site.build(search=True)
    assert [(s.name, s.built) for s in result.search_run.shards] == [
        ("2023", False), ("2024-03", True)]


def test_a_year_too_big_for_one_pagefind_process_is_split_by_month(site, monkeypatch):
    """Both indexes agree on the shards: the newest year and any year over
    MAX_YEAR_PAGES articles by month, the others by year."""
    from arshif.outputs import search

    monkeypatch.setattr(search, "MAX_YEAR_PAGES", 2)
    for name, date in (("2021/04/a", "2021-04-01"), ("2021/05/b", "2021-05-01"),
                       ("2022/01/c", "2022-01-01"), ("2022/02/d", "2022-02-01"),
                       ("2022/03/e", "2022-03-01"), ("2023/07/f", "2023-07-01")):
        site.add(name, title=f"خبر {name}", date=f"{date} 10:00")
    result = site.build(search=True)
    assert result.ok, result.pelican_errors
    expected = ["2021", "2022-01", "2022-02", "2022-03", "2023-07"]
    assert [s.name for s in result.search_run.shards] == expected
    assert sorted(p.name for p in (site.output / "pagefind").iterdir()) == expected
    assert [s["name"] for s in offline_index(site.output)["shards"]] == expected[::-1]
