"""Newsroom model units: related scoring, section aggregation, archives."""

from datetime import datetime, timedelta, timezone

from arshif.content.model import Article
from arshif.newsroom import model, related
from arshif.newsroom.taxonomy import build_terms

START = datetime(2023, 1, 1, 12, tzinfo=timezone.utc)


def make(name, section, tags=(), days=0, status="published"):
    return Article(source_path=f"{name}.md", slug=name, title=name, section=section,
                   date=START + timedelta(days=days), tag_names=list(tags), status=status)


def with_terms(articles):
    build_terms(articles, "tag")
    return articles


def test_rare_shared_tag_beats_common_one(tree):
    politics, sports = tree.resolve("سياسة"), tree.resolve("رياضة")
    filler = [make(f"f{i}", sports, ["المغرب"], days=i) for i in range(20)]
    subject = make("subject", politics, ["المغرب", "السدود"], days=50)
    common = make("common", politics, ["المغرب"], days=49)  # same section, closer in time
    rare = make("rare", sports, ["السدود"], days=10)
    result = related.compute(with_terms(filler + [subject, common, rare]))
    assert result[subject][0] is rare


def test_never_itself_deterministic_and_capped(tree):
    politics = tree.resolve("سياسة")
    articles = with_terms([make(f"a{i}", politics, ["x", f"t{i % 3}"], days=i) for i in range(30)])
    first = related.compute(articles)
    second = related.compute(list(reversed(articles)))
    for n, article in enumerate(articles):
        assert article not in first[article]
        assert len(first[article]) == min(5, n)  # older articles only
        assert [a.slug for a in first[article]] == [a.slug for a in second[article]]


def test_only_older_articles_are_related_so_a_new_one_changes_no_older_page(tree):
    politics, sports = tree.resolve("سياسة"), tree.resolve("رياضة")
    articles = with_terms([make(f"a{i}", [politics, sports][i % 2], ["x", f"t{i % 3}"], days=i)
                           for i in range(40)])
    before = {a.slug: [r.slug for r in v] for a, v in related.compute(articles).items()}
    days = {a.slug: a.date for a in articles}
    assert all(days[r] < days[a] for a, v in before.items() for r in v)
    newest = make("newest", politics, ["x", "t1"], days=100)
    after = related.compute(with_terms(articles + [newest]))
    assert {a.slug: [r.slug for r in v] for a, v in after.items() if a is not newest} == before
    assert len(after[newest]) == 5


def test_untagged_article_gets_section_neighbours(tree):
    africa, politics = tree.resolve("إفريقيا"), tree.resolve("سياسة")
    articles = with_terms([make("lonely", africa, days=5), make("n1", africa, days=1),
                           make("n2", tree.resolve("دولي"), days=2),
                           make("other", politics, ["x"], days=3)])
    result = related.compute(articles)
    assert [a.slug for a in result[articles[0]]][:2] == ["n1", "n2"]


def test_overrides_come_first(tree):
    politics = tree.resolve("سياسة")
    articles = with_terms([make(f"a{i}", politics, ["x"], days=i) for i in range(8)])
    chosen = [articles[7], articles[0]]  # an editor's choice may be a newer article
    result = related.compute(articles, overrides={articles[6]: chosen})
    assert result[articles[6]][:2] == chosen and len(result[articles[6]]) == 5


def test_drafts_are_left_out_of_the_model(tree):
    politics = tree.resolve("سياسة")
    published = make("pub", politics, ["x"], days=1)
    draft = make("draft", politics, ["x"], days=2, status="draft")
    room = model.build([published, draft], tree)
    assert room.articles == [published]
    assert published.related == []
    assert [t.articles for t in room.tags] == [[published]]


def test_parent_section_lists_descendants_newest_first(tree):
    africa, abroad = tree.resolve("إفريقيا"), tree.resolve("خارج الحدود")
    world = tree.resolve("مغاربة العالم")
    a, b, c = make("a", africa, days=1), make("b", world, days=3), make("c", abroad, days=2)
    room = model.build([a, b, c], tree)
    assert room.by_section[abroad] == [b, c, a]
    assert room.by_section[africa] == [a]
    assert room.latest_by_top[abroad] == [b, c, a]
    assert (c.prev_in_section, c.next_in_section) == (None, None)


def test_prev_next_within_own_section(tree):
    politics = tree.resolve("سياسة")
    a, b, c = (make(n, politics, days=d) for n, d in (("a", 1), ("b", 2), ("c", 3)))
    model.build([a, b, c], tree)
    assert (b.prev_in_section, b.next_in_section) == (a, c)


def test_archive_grouping_by_local_month(tree):
    politics = tree.resolve("سياسة")
    casablanca = __import__("zoneinfo").ZoneInfo("Africa/Casablanca")
    late = Article(source_path="late.md", slug="late", title="late", section=politics,
                   date=datetime(2023, 12, 31, 23, 30, tzinfo=casablanca))
    early = make("early", politics, days=40)  # 2023-02-10
    years = model.group_by_month(model.newest_first([late, early]))
    assert [(y.year, [(m.month, len(m.articles)) for m in y.months]) for y in years] == [
        (2023, [(12, 1), (2, 1)])]
    assert years[0].months[0].url == "archive/2023/12/index.html"


def test_parallel_related_equals_serial(tree, monkeypatch):
    sections = list(tree)
    articles = with_terms([make(f"a{i}", sections[i % len(sections)],
                                [f"t{i % 7}", f"t{i % 11}", f"t{(i * 5) % 13}"], days=i % 97)
                           for i in range(300)])
    serial = related.compute(articles, jobs=1)
    monkeypatch.setattr(related, "PARALLEL_THRESHOLD", 10)
    monkeypatch.setattr(related, "RANGE", 40)
    parallel = related.compute(articles, jobs=2)
    assert {a.slug: [x.slug for x in v] for a, v in serial.items()} == \
        {a.slug: [x.slug for x in v] for a, v in parallel.items()}


def test_related_result_is_reused_until_its_inputs_change(tree, tmp_path, monkeypatch):
    politics = tree.resolve("سياسة")

    def archive():
        return with_terms([make(f"a{i}", politics, ["x", f"t{i % 4}"], days=i)
                           for i in range(12)])

    articles = archive()
    fresh = related.compute(articles)
    first = related.compute_cached(articles, cache_folder=str(tmp_path))
    assert {a.url: [r.url for r in v] for a, v in first.items()} == \
        {a.url: [r.url for r in v] for a, v in fresh.items()}

    calls = []
    original = related.compute
    monkeypatch.setattr(related, "compute", lambda *a, **k: calls.append(1) or original(*a, **k))
    again = archive()  # new objects, same URLs, dates, sections and tags: reused
    for article in again:
        article.title = article.body_html = "نص آخر"  # text edits do not matter
    reused = related.compute_cached(again, cache_folder=str(tmp_path))
    assert calls == [] and set(reused) == set(again)
    assert all(r in again for v in reused.values() for r in v)
    assert [r.url for r in reused[again[5]]] == [r.url for r in first[articles[5]]]

    retagged = archive()
    retagged[5].tag_names = ["y"]
    retagged = with_terms(retagged)
    related.compute_cached(retagged, cache_folder=str(tmp_path))
    assert calls == [1]
    overridden = archive()
    related.compute_cached(overridden, cache_folder=str(tmp_path),
                           overrides={overridden[0]: [overridden[9]]})
    assert calls == [1, 1]
    (tmp_path / related.CACHE_FILE).write_text("{damaged", encoding="utf-8")
    assert related.compute_cached(archive(), cache_folder=str(tmp_path)) and calls == [1, 1, 1]


def test_a_new_newest_article_is_the_only_one_ranked_again(tree, tmp_path, monkeypatch):
    politics, sports = tree.resolve("سياسة"), tree.resolve("رياضة")

    def archive(extra=()):
        return with_terms([make(f"a{i}", [politics, sports][i % 3 == 0], ["x", f"t{i % 4}"],
                                days=i) for i in range(30)] + list(extra))

    related.compute_cached(archive(), cache_folder=str(tmp_path))
    starts = []
    original = related.compute
    monkeypatch.setattr(related, "compute",
                        lambda *a, **k: starts.append(k.get("start", 0)) or original(*a, **k))
    newest = make("newest", politics, ["x", "t1"], days=90)
    articles = archive([newest])
    cached = related.compute_cached(articles, cache_folder=str(tmp_path))
    assert starts == [30]
    fresh = original(archive([make("newest", politics, ["x", "t1"], days=90)]))
    assert {a.url: [r.url for r in v] for a, v in cached.items()} == \
        {a.url: [r.url for r in v] for a, v in fresh.items()}
    # A back-dated article: the lists from its date on are ranked again.
    related.compute_cached(archive([newest, make("old", sports, ["x"], days=20.5)]),
                           cache_folder=str(tmp_path))
    assert starts == [30, 21]


def test_home_page_shows_no_story_twice(tree):
    politics, abroad = tree.resolve("سياسة"), tree.resolve("خارج الحدود")
    # Newest first: p1 … p15 (politics), then w1 … w3 (abroad).
    articles = [make(f"p{i}", politics, days=100 - i) for i in range(1, 16)] + \
        [make(f"w{i}", abroad, days=50 - i) for i in range(1, 4)]
    lead = articles[0]
    latest, blocks = model.home_page(model.newest_first(articles), lead,
                                  model.group_by_section(articles, tree), tree.roots)
    shown = [lead] + latest + [a for _, items in blocks for a in items]
    assert len(shown) == len({id(a) for a in shown})
    assert latest == articles[1:11]
    assert dict((s, [a.slug for a in items]) for s, items in blocks) == {
        politics: ["p12", "p13", "p14", "p15"], abroad: ["w1", "w2", "w3"]}
