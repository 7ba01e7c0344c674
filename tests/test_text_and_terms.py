"""Arabic normalisation, tag identity and slugs, pagination file names."""

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from arshif.content import text
from arshif.content.model import Article
from arshif.newsroom.taxonomy import build_terms
from arshif.site.pagination import paginate


def test_tashkeel_tatweel_and_spaces_do_not_make_a_new_tag():
    assert text.term_key("  المَغْرِب ") == text.term_key("المغـــرب") == text.term_key("المغرب")
    assert text.term_key("الدار\u200f  البيضاء") == text.term_key("الدار البيضاء")


def test_slugs_keep_arabic_and_do_not_collide():
    slugs = {text.slugify(w) for w in ["علم", "ألم", "عالم"]}
    assert slugs == {"علم", "ألم", "عالم"}
    assert text.slugify("كأس العالم 2030") == "كأس-العالم-2030"
    assert text.slugify("24/7") == "24-7"
    assert "/" not in text.slugify("../../etc") and ".." not in text.slugify("../../etc")
    assert text.slugify("!!!").startswith("t-")


def test_search_normalisation():
    assert text.search_normalize("إِسْتِراتيجيّة") == text.search_normalize("استراتيجيه")
    assert text.search_normalize("مستشفى") == "مستشفي"
    assert text.search_normalize("آفاق") == "افاق"


def _article(name, tags, section, days=0):
    moment = datetime(2023, 1, 1, tzinfo=timezone.utc) + timedelta(days=days)
    return Article(source_path=f"{name}.md", slug=name, title=name, date=moment,
                   section=section, tag_names=tags)


def test_variant_spellings_merge_with_a_warning(tree):
    politics = tree.resolve("سياسة")
    a = _article("a", ["المغرب"], politics)
    b = _article("b", ["المغـرب"], politics, 1)
    c = _article("c", ["المغرب", "علم"], politics, 2)
    d = _article("d", ["ألم"], politics, 3)
    terms, problems = build_terms([a, b, c, d], "tag")
    names = [t.name for t in terms]
    assert names == ["ألم", "المغرب", "علم"]
    morocco = next(t for t in terms if t.name == "المغرب")
    assert [x.slug for x in morocco.articles] == ["a", "b", "c"]
    assert b.tags == [morocco]
    assert [str(p) for p in problems] == [
        "b.md:1: warning: tags: 'المغـرب' is written differently from 'المغرب' elsewhere; "
        "both are listed as 'المغرب'"]
    assert len({t.slug for t in terms}) == 3


def test_terms_sorted_in_arabic_alphabetical_order(tree):
    politics = tree.resolve("سياسة")
    words = ["يوم", "باب", "أمن", "تعليم", "الماء", "ثقافة"]
    terms, _ = build_terms([_article(str(i), [w], politics, i) for i, w in enumerate(words)], "tag")
    # Letter by letter, hamza forms of alef sorted as alef: الماء (ا ل) before أمن (ا م).
    assert [t.name for t in terms] == ["الماء", "أمن", "باب", "تعليم", "ثقافة", "يوم"]


def test_distinct_terms_with_one_slug_get_distinct_pages(tree):
    politics = tree.resolve("سياسة")
    terms, _ = build_terms([_article("a", ["24/7"], politics), _article("b", ["24-7"], politics)],
                           "tag")
    assert sorted(t.slug for t in terms) == ["24-7", "24-7-2"]


def test_pagination_file_names_never_collide():
    items = list(range(45))
    urls = [p.url for base in ("tag/وسم28", "tag/وسم282") for p in paginate(items, base, 20)]
    assert len(urls) == len(set(urls)) == 6
    assert len(paginate([], "tag/empty", 20)) == 1


def test_numbered_pages_count_from_the_oldest_and_the_first_page_shows_the_newest():
    """Stable pagination: items newest first (45 = newest, 1 = oldest)."""
    items = list(range(45, 0, -1))
    first, one, two = paginate(items, "tag/x", 20)
    assert [p.url for p in (first, one, two)] == \
        ["tag/x/index.html", "tag/x/page-1.html", "tag/x/page-2.html"]
    assert first.items == list(range(45, 25, -1))  # the newest 20
    assert one.items == list(range(20, 0, -1)) and two.items == list(range(40, 20, -1))
    # Reading on from the first page: the page of the newest item it does not show.
    assert first.next_url == "tag/x/page-2.html" and first.prev_url is None
    assert two.prev_url == "tag/x/index.html" and two.next_url == "tag/x/page-1.html"
    assert one.prev_url == "tag/x/page-2.html" and one.next_url is None
    assert first.window() == [2, 1] and one.window() == [2, 1]
    # Only full pages are numbered; five more articles fill nothing, 40 more
    # make two new pages: page 1 keeps its items, and a page's fingerprint
    # (shown()) changes only for the page that gains a newer neighbour.
    more = paginate(list(range(50, 0, -1)), "tag/x", 20)
    assert len(more) == 3 and more[1].items == one.items and more[2].items == two.items
    assert (more[1].shown(), more[2].shown()) == (one.shown(), two.shown())
    grown = paginate(list(range(85, 0, -1)), "tag/x", 20)
    assert [p.number for p in grown] == [0, 1, 2, 3, 4]
    assert grown[1].items == one.items and grown[1].shown() == one.shown()
    assert grown[2].items == two.items and grown[2].shown() != two.shown()  # links page 3 now
    assert grown[0].next_url == "tag/x/page-4.html"  # the newest 20 are 85..66, page 4 is 80..61
    assert grown[0].window() == [4, 3, 2, 1] and grown[4].prev_url == "tag/x/index.html"
    assert paginate(list(range(20)), "t", 20)[0].next_url is None  # all on the first page


def test_body_typography_keeps_quotes_and_leaves_line_breaking_to_css():
    from arshif.content import markup

    html = markup.render('قالت و"الحكومة" إن شركة OCP & شركاءها وقعوا الاتفاق اليوم')
    assert 'و"الحكومة"' in html  # no smartypants: both quotes stay straight
    assert '<span class="amp">&amp;</span>' in html and '<span class="caps">OCP</span>' in html
    # No widont: the theme's `text-wrap: pretty` avoids a lone last word.
    assert "\u00a0" not in html and "&nbsp;" not in html and "الاتفاق اليوم</p>" in html


def _typogrify_itself(fragment):
    from typogrify.filters import typogrify

    from arshif.content import markup

    return typogrify(fragment, ignore_tags=["pre", "code"], **markup.TYPOGRIFY_OMIT)


def test_skipping_typogrify_filters_that_cannot_apply_changes_nothing():
    from arshif.content import markup

    samples = [
        "<p>نص عربي فقط بلا رموز.</p>",
        "<p>شركة OCP و FIFA وD.O.T. في الرباط</p>",
        '<p>"اقتباس" في أول الفقرة</p><p>\'مفرد\' كذلك</p>',
        "<p>هذا &amp; ذاك</p><pre><code>A &amp; B \"x\"</code></pre>",
        "<h2>OCP</h2><ul><li>&ldquo;نص&rdquo;</li></ul>",
    ]
    for fragment in samples:
        assert markup.typography(fragment) == _typogrify_itself(fragment), fragment


@given(st.lists(st.sampled_from(
    ["<p>", "</p>", "<li>", "</li>", "<em>", "</em>", "<code>", "</code>", " ", "نص", "OCP",
     "A", "b", "&amp;", "&", '"', "'", "&ldquo;", ".", "D.O.T.", "2KU2", "\n"]), max_size=30))
@settings(max_examples=300, deadline=None)
def test_typography_equals_typogrify_on_any_fragment(parts):
    from arshif.content import markup

    fragment = "".join(parts)
    assert markup.typography(fragment) == _typogrify_itself(fragment)


def test_article_counts_follow_arabic_number_agreement():
    from arshif.content.text import article_count

    assert [article_count(n) for n in (1, 2, 3, 10, 11, 99, 100, 102, 103, 111)] == [
        "مقال واحد", "مقالان", "3 مقالات", "10 مقالات", "11 مقالًا", "99 مقالًا",
        "100 مقال", "102 مقال", "103 مقالات", "111 مقالًا"]

