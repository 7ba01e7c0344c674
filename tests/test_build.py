"""Real in-process builds of small archives, asserted on the written HTML."""

import json
import posixpath



def test_strict_build_reports_every_bad_file_in_one_run(site):
    site.add("2023/11/good", title="خبر سليم")
    site.add("2023/11/no-title", title=None)
    site.add("2023/11/partial-date", date="2023-11")
    site.add("2023/11/bad-section", section="الفضاء")
    site.write("articles/2023/11/empty.md", "")
    site.write("articles/2023/11/latin1.md", "---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    site.write("articles/2023/11/notes.txt", "not an article")
    site.write("articles/2023/11/colon.md", "---\ntitle: الوزير: نعم\ndate: 2023-11-29 20:54\n"
                                            "section: سياسة\n---\nنص\n")
    result = site.build()
    assert not result.ok
    assert {p.path: p.field for p in result.errors} == {
        "articles/2023/11/no-title.md": "title",
        "articles/2023/11/partial-date.md": "date",
        "articles/2023/11/bad-section.md": "section",
        "articles/2023/11/empty.md": "file",
        "articles/2023/11/latin1.md": "file",
        "articles/2023/11/notes.txt": "file",
        "articles/2023/11/colon.md": "title",
    }
    assert not site.output.exists(), "a failed build must not publish anything"


def test_failed_build_leaves_previous_output_untouched(site):
    site.add("2023/11/first", title="الأول")
    assert site.build().ok
    before = {p: (site.output / p).read_bytes() for p in site.pages()}
    site.add("2023/11/second", title="الثاني", date="yesterday")
    assert not site.build().ok
    assert {p: (site.output / p).read_bytes() for p in site.pages()} == before


def test_ledger_accounts_for_every_source(site):
    site.add("2023/11/pub", title="منشور")
    site.add("2023/11/draft", title="مسودة", status="draft")
    site.write("articles/2023/11/.DS_Store", b"\0")
    site.write("pages/about.md", "---\ntitle: من نحن\n---\nنص\n")
    result = site.build()
    assert result.ok, result.problems
    ledger = json.loads((site.output / "ledger.json").read_text(encoding="utf-8"))["sources"]
    assert ledger == [
        {"source": "articles/2023/11/.DS_Store", "status": "ignored", "reason": "hidden file"},
        {"source": "articles/2023/11/draft.md", "status": "draft"},
        {"source": "articles/2023/11/pub.md", "status": "published", "output": "2023/11/pub.html"},
        {"source": "pages/about.md", "status": "published", "output": "pages/about.html"},
    ]
    assert result.summary == "4 sources: 2 published, 1 draft, 0 error, 1 ignored"
    assert not (site.output / "2023/11/draft.html").exists()
    assert "مسودة" not in (site.output / "index.html").read_text(encoding="utf-8")


def test_preview_builds_valid_articles_and_lists_the_others(site):
    site.add("2023/11/good", title="سليم")
    site.add("2023/11/bad", date="2023")
    result = site.build(strict=False)
    assert result.ok
    assert [str(p) for p in result.errors] == [
        "articles/2023/11/bad.md:3: date: '2023' is incomplete; write the whole day, "
        "e.g. 2023-11-29, and the time if it is known: 2023-11-29 20:54"]
    assert (site.output / "2023/11/good.html").exists()
    records = {r["source"]: r["status"] for r in result.records}
    assert records == {"articles/2023/11/bad.md": "error", "articles/2023/11/good.md": "published"}


def test_two_articles_on_one_url_name_both_files(site):
    site.add("a/same", title="أ")
    site.add("b/same", title="ب")
    result = site.build()
    assert not result.ok
    messages = [str(p) for p in result.errors]
    assert any("articles/a/same.md" in m and "articles/b/same.md" in m for m in messages)
    assert len(messages) == 2


def test_every_page_is_rtl_arabic_with_relative_file_links(site):
    site.add("2023/11/one", title="واحد", section="إفريقيا", tags=["الساحل", "الأمن"],
             author="سعاد")
    site.add("2024/01/two", title="اثنان", section="سياسة", tags=["الأمن"])
    site.write("pages/about.md", "---\ntitle: من نحن\n---\nنص\n")
    assert site.build().ok
    pages = site.pages()
    assert "section/abroad/africa/index.html" in pages and "tag/الأمن/index.html" in pages
    for page in pages:
        soup = site.html(page)
        assert soup.html["lang"] == "ar" and soup.html["dir"] == "rtl", page
        for element in soup.find_all(["a", "link", "img", "script"]):
            url = element.get("href") or element.get("src")
            if not url or url.startswith(("#", "mailto:")):
                continue
            assert not url.startswith(("/", "http:", "https:")), (page, url)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), url.split("#")[0]))
            assert (site.output / target).is_file(), (page, url)


def test_article_page_shows_title_as_h1_and_escapes_content(site):
    site.add("2023/11/x", title='<script>alert(1)</script> "الحكومة" & الشعب',
             body='قالت و"الحكومة" إن <b onclick="x()">الخطة</b> جاهزة.\n\n<script>alert(2)</script>')
    assert site.build().ok
    raw = (site.output / "2023/11/x.html").read_text(encoding="utf-8")
    soup = site.html("2023/11/x.html")
    assert soup.h1.get_text() == '<script>alert(1)</script> "الحكومة" & الشعب'
    assert "<script>alert" not in raw and "onclick" not in raw
    # typogrify without smartypants: straight quotes after و stay as written.
    assert 'و"الحكومة"' in soup.select_one(".article-body").get_text()


def test_dates_shown_like_the_portal(site):
    site.add("2023/11/x", date="2023-11-29 20:54")
    assert site.build().ok
    time = site.html("2023/11/x.html").select_one(".article-meta time")
    assert time.get_text() == "29/11/2023 | 20:54"
    assert time["datetime"] == "2023-11-29T20:54:00+01:00"
    assert "\u200f" not in (site.output / "2023/11/x.html").read_text(encoding="utf-8")
    assert site.html("archive/2023/11/index.html").h1.get_text() == "نونبر 2023"


def test_check_validates_without_writing(site):
    site.add("2023/11/a", title="أ", tags=["المغرب"])
    site.add("2023/11/b", title="ب", tags=["المغـرب"], sectoin="x")
    site.add("2023/11/c", section="nowhere")
    problems = site.check()
    assert [(p.path, p.field, p.severity) for p in problems] == [
        ("articles/2023/11/b.md", "tags", "warning"),
        ("articles/2023/11/b.md", "sectoin", "warning"),
        ("articles/2023/11/c.md", "section", "error"),
    ]
    assert not site.output.exists()


def test_sample_archive_builds_and_ledger_matches_sources(tmp_path):
    """The bundled archive: every source published or draft, none lost."""
    from conftest import CONFIG, ROOT
    from arshif.build import build

    result = build(CONFIG, {"OUTPUT_PATH": str(tmp_path / "out")})
    assert result.ok, [str(p) for p in result.errors]
    sources = sorted(p.relative_to(ROOT / "content").as_posix()
                     for folder in ("articles", "pages")
                     for p in (ROOT / "content" / folder).rglob("*") if p.is_file())
    assert [r["source"] for r in result.records] == sources
    statuses = [r["status"] for r in result.records]
    assert statuses.count("published") >= 40 and set(statuses) <= {"published", "draft"}
    for record in result.records:
        if record["status"] == "published":
            assert (tmp_path / "out" / record["output"]).is_file()


def test_warm_rebuild_reads_only_changed_files_from_the_cache(site):
    for n in range(5):
        site.add(f"2023/11/a{n}", title=f"مقال {n}")
    first = site.build()
    assert first.ok and first.generator.archive_cache_hits == 0
    site.add("2023/11/a2", title="عنوان معدل")
    second = site.build()
    assert second.ok and second.generator.archive_cache_hits == 4
    assert site.html("2023/11/a2.html").h1.get_text() == "عنوان معدل"


def test_parallel_loading_gives_the_same_site(site, tmp_path):
    import hashlib

    for n in range(12):
        site.add(f"2023/{1 + n % 12:02d}/p{n}", title=f"مقال {n}", tags=[f"وسم{n % 3}"])
    site.add("2023/05/broken", date="2023")

    def digest():
        h = hashlib.sha256()
        for path in sorted(p for p in site.output.rglob("*") if p.is_file()):
            h.update(path.relative_to(site.output).as_posix().encode() + path.read_bytes())
        return h.hexdigest()

    from arshif.content import archive
    serial = site.build(strict=False, ARSHIF_CACHE_PATH=None, ARSHIF_JOBS=1)
    serial_digest = digest()
    threshold, archive.PARALLEL_THRESHOLD = archive.PARALLEL_THRESHOLD, 1
    try:
        parallel = site.build(strict=False, ARSHIF_CACHE_PATH=None, ARSHIF_JOBS=2)
    finally:
        archive.PARALLEL_THRESHOLD = threshold
    assert [str(p) for p in parallel.problems] == [str(p) for p in serial.problems]
    assert digest() == serial_digest


def _digest(folder):
    import hashlib

    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_warm_rebuild_reuses_unchanged_pages_and_matches_a_cold_build(site, tmp_path):
    for n in range(30):
        site.add(f"2023/{1 + n % 12:02d}/w{n:02d}", title=f"مقال {n}",
                 date=f"2023-{1 + n % 12:02d}-{1 + n:02d} 10:00",
                 section=["سياسة", "رياضة", "إفريقيا"][n % 3], tags=[f"وسم{n % 5}"])
    first = site.build()
    assert first.ok and first.generator.render_stats.reused == 0
    # An old article's body changes: its page is re-rendered, most are linked.
    site.add("2023/01/w00", title="مقال 0", date="2023-01-01 10:00", section="سياسة",
             tags=["وسم0"], body="نص جديد تماما.")
    second = site.build()
    stats = second.generator.render_stats
    assert second.ok and stats.rendered >= 1 and stats.reused > stats.rendered * 5
    assert "نص جديد تماما" in (site.output / "2023/01/w00.html").read_text(encoding="utf-8")

    cold = site.build(OUTPUT_PATH=str(tmp_path / "cold"), ARSHIF_PAGE_CACHE_PATH=None,
                      ARSHIF_CACHE_PATH=None)
    assert cold.ok and cold.generator.render_stats.reused == 0
    assert _digest(site.output) == _digest(tmp_path / "cold")


def test_a_failed_build_does_not_leave_trusted_fingerprints(site):
    site.add("2023/11/a", title="أ")
    assert site.build().ok
    site.add("2023/11/b", date="2023")
    assert not site.build().ok
    site.add("2023/11/b", title="ب")
    result = site.build()
    assert result.ok
    assert site.html("2023/11/b.html").h1.get_text() == "ب"


def test_footer_links_static_pages_and_tables_scroll_in_a_region(site):
    site.write("pages/about.md", "---\ntitle: من نحن\n---\nنص\n")
    site.add("2023/11/t", body="| أ | ب |\n|---|---|\n| 1 | 2 |")
    assert site.build().ok
    footer = site.html("2023/11/t.html").select_one("footer")
    assert [a["href"] for a in footer.find_all("a") if a.get_text() == "من نحن"] == \
        ["../../pages/about.html"]
    wrap = site.html("2023/11/t.html").select_one(".article-body .table-wrap")
    assert wrap["tabindex"] == "0" and wrap.table is not None


def test_body_images_must_be_files_of_the_archive(site):
    site.write("images/2023/ok.png", b"\x89PNG\r\n\x1a\n")
    site.add("2023/11/good", body="![صورة](/images/2023/ok.png)")
    site.add("2023/11/bad", body="![صورة](/images/2023/missing.png)")
    site.add("2023/11/relative", body="![صورة](photo.jpg)")
    result = site.build()
    assert not result.ok
    assert {(p.path, p.field) for p in result.errors} == {
        ("articles/2023/11/bad.md", "body"), ("articles/2023/11/relative.md", "body")}
    assert "'images/2023/missing.png' is not a file of the archive" in str(result.errors[0])
    result = site.build(strict=False)
    assert 'src="../../images/2023/ok.png"' in (site.output / "2023/11/good.html").read_text("utf-8")


def test_code_blocks_keep_their_indentation(site):
    site.add("2023/11/code", body="نص.\n\n```\ndef f():\n    return 1\n```\n")
    assert site.build().ok
    pre = site.html("2023/11/code.html").select_one(".article-body pre")
    assert pre.get_text() == "def f():\n    return 1\n"


def test_check_finds_missing_images_in_bodies(site):
    site.add("2023/11/x", body="![صورة](/images/none.png)")
    assert [(p.field, p.is_error) for p in site.check()] == [("body", True)]


def test_ledger_fails_the_build_when_a_published_page_is_missing(tmp_path):
    import pytest as _pytest

    from arshif.outputs import ledger

    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "a.html").write_text("x")
    records = [{"source": "articles/a.md", "status": "published", "output": "2023/a.html"},
               {"source": "articles/b.md", "status": "published", "output": "2023/b.html"},
               {"source": "articles/c.md", "status": "draft"}]
    assert ledger.missing_outputs(records, str(tmp_path)) == [records[1]]

    class Sender:
        pass

    with _pytest.raises(ledger.LedgerError, match="articles/b.md -> 2023/b.html"):
        ledger.on_built(Sender(), str(tmp_path), records)
    assert json.loads((tmp_path / "ledger.json").read_text())["sources"] == records


def test_article_cache_survives_damage_and_drops_what_no_build_uses(tmp_path):
    from arshif.content.cache import DATABASE, ArticleCache

    cache = ArticleCache(str(tmp_path), "settings")
    keys = [cache.key(f"articles/{n}.md", b"x") for n in range(1600)]
    for n, key in enumerate(keys):
        cache.put(key, {"n": n})
    cache.close()
    again = ArticleCache(str(tmp_path), "settings")
    assert again.get(keys[7]) == {"n": 7} and again.hits == 1
    assert again.get(again.key("articles/new.md", b"x")) is None and again.misses == 1
    again.close()  # used 2 of 1,600 entries: the others are dropped
    third = ArticleCache(str(tmp_path), "settings")
    assert third.get(keys[7]) == {"n": 7} and third.get(keys[8]) is None
    third.close()

    (tmp_path / DATABASE).write_bytes(b"not a database" * 100)
    damaged = ArticleCache(str(tmp_path), "settings")
    assert damaged.get(keys[7]) is None  # a miss, not a failed build
    damaged.put(keys[7], {"n": 7})
    damaged.close()
    assert ArticleCache(str(tmp_path), "settings").get(keys[7]) == {"n": 7}
    assert ArticleCache(None, "settings").get(keys[7]) is None  # no folder: no cache


def test_fingerprints_know_every_newsroom_attribute_the_templates_read():
    """A template that reads newsroom data the fingerprints do not cover would
    keep a stale page on a warm rebuild."""
    import re

    from conftest import ROOT

    from arshif.site.fingerprint import SITE_WIDE_READS, TEMPLATE_READS

    templates = ROOT / "theme" / "templates"
    for path in sorted(templates.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"\{%-? if newsroom\.articles -?%\}", "{% if newsroom.articles? %}", source)
        used = set(re.findall(r"newsroom\.(\w+\??)", re.sub(r"\{#.*?#\}", "", source, flags=re.S)))
        name = path.relative_to(templates).as_posix()
        allowed = set(SITE_WIDE_READS) | set(TEMPLATE_READS.get(name, ()))
        assert used <= allowed, (name, used - allowed)


def test_rebuild_after_adding_and_retagging_articles_matches_a_cold_build(site, tmp_path):
    for n in range(40):
        site.add(f"2023/{1 + n % 12:02d}/r{n:02d}", title=f"مقال {n}",
                 date=f"2023-{1 + n % 12:02d}-{1 + n % 28:02d} 10:00",
                 section=["سياسة", "رياضة", "إفريقيا", "اقتصاد"][n % 4], tags=[f"وسم{n % 6}"])
    assert site.build().ok
    total = len(site.pages())

    # A back-dated article (an archivist's import): only what shows it changes.
    site.add("2023/06/old", title="خبر قديم", date="2023-06-15 09:00", section="رياضة",
             tags=["وسم1"])
    backdated = site.build()
    assert backdated.ok and backdated.generator.render_stats.rendered < total / 2
    # A tag added to an old article: its tag pages, not the whole site.
    site.add("2023/02/r01", title="مقال 1", date="2023-02-02 10:00", section="رياضة",
             tags=["وسم1", "وسم جديد"])
    retagged = site.build()
    assert retagged.ok and retagged.generator.render_stats.rendered < total / 2
    assert "وسم جديد" in site.html("tag/index.html").get_text()
    # The newest article: «آخر الأخبار» is in latest.js, not in the pages.
    site.add("2024/01/new", title="أحدث خبر", date="2024-01-05 08:00", section="سياسة",
             tags=["وسم2"])
    newest = site.build()
    assert newest.ok and newest.generator.render_stats.rendered < 15
    assert "أحدث خبر" not in (site.output / "2023/03/r02.html").read_text(encoding="utf-8")
    assert "أحدث خبر" in (site.output / "latest.js").read_text(encoding="utf-8")

    cold = site.build(OUTPUT_PATH=str(tmp_path / "cold"), ARSHIF_PAGE_CACHE_PATH=None,
                      ARSHIF_CACHE_PATH=None)
    assert cold.ok and _digest(site.output) == _digest(tmp_path / "cold")


def test_pages_carry_no_template_indentation_but_bodies_keep_theirs(site):
    import re

    site.add("2023/11/code", tags=["برمجة"], body="مثال:\n\n    سطر أول\n        سطر مزاح\n")
    assert site.build().ok
    for page in ("2023/11/code.html", "tag/برمجة/index.html", "index.html"):
        raw = (site.output / page).read_text(encoding="utf-8")
        outside_pre = re.sub(r"<pre\b.*?</pre>", "", raw, flags=re.S)
        assert not re.search(r"\n[ \t]+\S", outside_pre), page
    assert "\n    سطر مزاح" in site.html("2023/11/code.html").pre.get_text()


def _files(folder):
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def _lists(site, n=45):
    for n in range(n):
        site.add(f"2023/{1 + n % 12:02d}/s{n:02d}", title=f"مقال {n}",
                 date=f"2023-{1 + n % 12:02d}-{1 + n % 28:02d} {10 + n % 12}:00",
                 section=["سياسة", "رياضة", "إفريقيا"][n % 3], tags=[f"وسم{n % 4}", "عام"],
                 author=["سعاد العلمي", "كريم"][n % 2])


def test_publishing_the_newest_article_rewrites_only_the_pages_that_show_it(site):
    """Pages are immutable unless their own content changes: «آخر الأخبار» and
    the menu's headlines come from latest.js; numbered list pages count from
    the oldest article; «إقرأ أيضًا» takes older articles only."""
    _lists(site)
    assert site.build(ARSHIF_PER_PAGE=5).ok
    before = _files(site.output)
    site.add("2024/02/newest", title="أحدث خبر", date="2024-02-01 09:00", section="إفريقيا",
             tags=["وسم1", "عام"], author="كريم")
    assert site.build(ARSHIF_PER_PAGE=5).ok
    after = _files(site.output)
    changed = {p for p in before if p in after and before[p] != after[p]}
    # The first article of a new year also turns last year's month shards of
    # the offline search index into one year shard (see README, Search).
    assert set(after) - set(before) == {"2024/02/newest.html", "archive/2024/index.html",
                                        "archive/2024/02/index.html", "search/2024-02.js",
                                        "search/2023.js"}
    assert set(before) - set(after) == {p for p in before
                                        if p.startswith("search/2023-") and p.endswith(".js")}
    # The article's neighbour (its «المقال التالي»), the first page of each of
    # its lists, the home page, the indexes; and the shared files.
    room_section = "2023/12/s23.html"  # the newest إفريقيا article before it (2023-12-24)
    assert {p for p in changed if p.endswith(".html")} == {
        room_section, "index.html", "tag/index.html", "archive/index.html",
        "section/abroad/index.html", "section/abroad/africa/index.html",
        "tag/وسم1/index.html", "tag/عام/index.html", "author/كريم/index.html"}
    assert {p for p in changed if not p.endswith(".html")} == {
        "latest.js", "reader-index.js", "search-index.js", "ledger.json", "feeds/all.atom.xml",
        "section/abroad/feed.atom.xml", "section/abroad/africa/feed.atom.xml"}


def test_warm_equals_cold_after_publishing_editing_and_deleting(site, tmp_path):
    _lists(site)
    steps = [
        lambda: site.add("2024/02/newest", title="أحدث خبر", date="2024-02-01 09:00",
                         section="إفريقيا", tags=["وسم1", "عام"], author="كريم"),
        lambda: site.add("2023/05/s04", title="عنوان جديد", date="2023-05-05 14:00",
                         section="رياضة", tags=["وسم0"], body="نص معدل."),
        lambda: (site.content / "articles/2023/07/s18.md").unlink(),
        lambda: (site.content / "articles/2024/02/newest.md").unlink(),
    ]
    assert site.build(ARSHIF_PER_PAGE=5).ok
    for number, step in enumerate(steps):
        step()
        warm = site.build(ARSHIF_PER_PAGE=5)
        assert warm.ok and warm.generator.render_stats.reused > 0
        cold = site.build(ARSHIF_PER_PAGE=5, OUTPUT_PATH=str(tmp_path / f"cold{number}"),
                          ARSHIF_PAGE_CACHE_PATH=None, ARSHIF_CACHE_PATH=None)
        assert cold.ok and cold.generator.render_stats.reused == 0
        assert _files(site.output) == _files(tmp_path / f"cold{number}"), number
