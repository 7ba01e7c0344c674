"""Trust on content nobody here wrote (issue #13 items 1–4 and 8, and the
front-matter items of the second hardening round: control characters,
look-alike tags, YAML error lines, tracebacks).

Front matter from other generators is real: the Hugo/Zola/Jekyll fields and
forms below are the ones those generators document and write."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from arshif.content import frontmatter, text
from arshif.content.validate import Settings, validate_fields


@pytest.fixture
def check(tree):
    def run(source, path="articles/2023/11/slug.md"):
        try:
            matter = frontmatter.parse(source, path)
        except frontmatter.FrontMatterError as exc:
            return None, [str(p) for p in exc.problems]
        article, problems = validate_fields(matter, path, Settings(sections=tree))
        return article, [str(p) for p in problems]
    return run


HEAD = "---\ntitle: عنوان\ndate: 2023-11-29 20:54\nsection: سياسة\n"


def ledger(site) -> dict:
    data = json.loads((site.output / "ledger.json").read_text(encoding="utf-8"))
    return {r["source"]: r for r in data["sources"]}


# 1. Unpublished content stays unpublished.

@pytest.mark.parametrize("line", ["draft: true", "draft: yes", "draft: True", "published: false",
                                  "published: no", "status: draft"])
def test_what_other_generators_write_to_hold_an_article_back(site, line):
    site.write("articles/2023/11/embargo.md", HEAD + f"{line}\n---\n\nخبر محظور النشر.\n")
    site.add("2023/11/other", title="خبر آخر")
    result = site.build()
    assert result.ok, result.problems
    assert not (site.output / "2023/11/embargo.html").exists()
    assert ledger(site)["articles/2023/11/embargo.md"]["status"] == "draft"
    assert "محظور" not in (site.output / "index.html").read_text(encoding="utf-8")
    assert not [p for p in result.problems if "unknown field" in p.message]


@pytest.mark.parametrize("line", ["draft: false", "published: true"])
def test_flags_that_say_published(check, line):
    article, problems = check(HEAD + f"{line}\n---\n\nنص\n")
    assert article.status == "published" and problems == []


def test_a_flag_that_is_not_true_or_false_is_an_error(check):
    article, problems = check(HEAD + "draft: maybe\n---\n\nنص\n")
    assert article is None
    assert problems == ["articles/2023/11/slug.md:5: draft: must be true or false, not 'maybe'; "
                        "the article is not published until it is"]


def test_draft_flag_beats_status_published_with_a_warning(check):
    article, problems = check(HEAD + "status: published\ndraft: true\n---\n\nنص\n")
    assert article.status == "draft"
    assert problems == ["articles/2023/11/slug.md:6: warning: draft: says the article is "
                        "unpublished but status says 'published'; it is kept as a draft"]


def test_future_dates_and_hugo_publish_windows_are_held_back(site):
    site.write("articles/2999/01/future.md", HEAD.replace("2023-11-29", "2999-01-01")
               + "---\n\nخبر من المستقبل.\n")
    site.write("articles/2023/11/later.md", HEAD + "publishDate: 2999-01-01 10:00\n---\n\nلاحقا.\n")
    site.write("articles/2023/11/gone.md", HEAD + "expiryDate: 2024-01-01 10:00\n---\n\nانتهى.\n")
    site.write("articles/2023/11/window.md", HEAD + "publishDate: 2023-11-30 10:00\n"
               "expiryDate: 2999-01-01 10:00\n---\n\nمنشور.\n")
    result = site.build()
    assert result.ok, result.problems
    statuses = {k: v["status"] for k, v in ledger(site).items()}
    assert statuses == {"articles/2999/01/future.md": "draft", "articles/2023/11/later.md": "draft",
                        "articles/2023/11/gone.md": "draft",
                        "articles/2023/11/window.md": "published"}
    shown = [str(p) for p in result.warnings]
    assert any(p.startswith("articles/2999/01/future.md:3: warning: date: 2999-01-01T00:00:00")
               or p.startswith("articles/2999/01/future.md:3: warning: date: 2999-01-01T20:54")
               for p in shown), shown
    assert any(p.startswith("articles/2023/11/gone.md:5: warning: expiryDate:") for p in shown)


# 2. Tracebacks become problem lines; 3. every problem at once.

def test_missing_body_images_and_a_warning_are_all_listed(site):
    body = "\n".join(f"فقرة {n}.\n\n![صورة {n}](/images/2023/missing-{n}.png)\n" for n in range(8))
    site.write("articles/2023/11/pictures.md", HEAD + "description: وصف\n---\n\n" + body)
    result = site.build()
    assert not result.ok
    lines = [str(p) for p in result.problems]
    missing = [p for p in lines if "is not a file of the archive" in p]
    assert len(missing) == 8, lines
    assert missing[0].startswith("articles/2023/11/pictures.md:10: body: image "
                                 "'images/2023/missing-0.png'")
    assert missing[7].startswith("articles/2023/11/pictures.md:38: body:")
    assert any("description: unknown field, ignored: write the text shown under the title as "
               "'summary'" in p for p in lines)


def test_two_static_pages_with_one_slug_are_errors_in_check_and_build(site):
    site.add("2023/11/a")
    site.write("pages/about.md", "---\ntitle: من نحن\nslug: about\n---\nنص\n")
    site.write("pages/us.md", "---\ntitle: عنا\nslug: about\n---\nنص\n")
    for problems in (site.check(), site.build().problems):
        shown = [str(p) for p in problems if p.is_error]
        assert "pages/about.md:3: slug: would be written to the same URL pages/about.html as " \
               "pages/us.md; give one a different slug" in shown, shown
        assert any(p.startswith("pages/us.md:3: slug:") for p in shown)
    assert not site.build().ok


def test_an_unreadable_page_is_a_problem_not_a_traceback(site, tmp_path):
    site.add("2023/11/a")
    page = site.write("pages/secret.md", "---\ntitle: x\n---\n")
    page.chmod(0)
    try:
        import os

        if os.access(page, os.R_OK):  # root reads anything: use a folder where the file was
            page.chmod(0o644)
            page.unlink()
            page.mkdir()
            (page / "inner").write_text("x")
        problems = [str(p) for p in site.check()]
    finally:
        if page.is_file():
            page.chmod(0o644)
    assert any(p.startswith("pages/secret.md") for p in problems), problems


# 4. Text kept as written.

def test_zwnj_and_zwj_stay_in_what_readers_see(site):
    persian = "وقفه\u200cهای اصلاح\u200cطلبان"
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    site.add("2023/11/persian", title=f"{persian} {family}", tags=[persian],
             author=json.dumps(persian, ensure_ascii=False),
             summary=json.dumps(f"خلاصة {persian}", ensure_ascii=False))
    result = site.build()
    assert result.ok, result.problems
    page = (site.output / "2023/11/persian.html").read_text(encoding="utf-8")
    assert f"{persian} {family}" in page
    assert f"خلاصة {persian}" in page
    assert page.count(persian) >= 4  # title, tag, author, summary
    # ...while the tag's identity ignores the joiners.
    assert text.term_key(persian) == text.term_key(persian.replace("\u200c", ""))


# 8. Editor checks.

def test_a_date_missing_its_closing_quote_is_reported_on_its_own_line(check):
    _, problems = check('---\ntitle: "عنوان"\ndate: "2023-11-29 20:54\ntags: [أ, ب]\n'
                        'section: سياسة\n---\n\nنص\n')
    assert problems == ["articles/2023/11/slug.md:3: date: YAML syntax error: the quote that "
                        "opens this value is never closed; end it with the same quote"]


def test_look_alike_tag_spellings_are_warned_with_both_files(site):
    site.add("2023/11/a", title="أ", tags=["الداخلة", "الموانئ"])
    site.add("2023/11/b", title="ب", tags=["الداخله", "الموانى"])
    result = site.build()
    assert result.ok
    shown = [str(p) for p in result.warnings]
    assert ("articles/2023/11/b.md:5: warning: tags: 'الداخله' and 'الداخلة' (in "
            "articles/2023/11/a.md) are two different tags with two pages, but look like one "
            "word; write one spelling in both") in shown, shown
    assert any(p.startswith("articles/2023/11/a.md:5: warning: tags: 'الموانئ' and 'الموانى'")
               for p in shown), shown


@pytest.mark.parametrize("written", ["افريقيا", "خارج الحدود/افريقيا", "اقتصاد", "الاقتصاد"])
def test_sections_match_with_the_search_folding(check, written):
    article, problems = check(HEAD.replace("section: سياسة", f"section: {written}")
                              + "---\n\nنص\n")
    assert article is not None, problems


def test_section_suggestions_are_related(check):
    _, problems = check(HEAD.replace("section: سياسة", "section: افريقا") + "---\n\nنص\n")
    [problem] = problems
    assert "إفريقيا" in problem
    assert "رياضة" not in problem and "سياسة" not in problem


@pytest.mark.parametrize("key, hint", [
    ("categories", "section"), ("category", "section"), ("description", "summary"),
    ("excerpt", "summary"), ("layout", "the theme lays out"), ("permalink", "slug"),
    ("tgas", "did you mean 'tags'?"),
])
def test_hints_for_fields_of_other_generators(check, key, hint):
    _, problems = check(HEAD + f"{key}: x\n---\n\nنص\n")
    [problem] = problems
    assert problem.startswith(f"articles/2023/11/slug.md:5: warning: {key}: unknown field, ignored")
    assert hint in problem


@pytest.mark.parametrize("key", ["lang", "type", "weight", "toc", "comments", "aliases", "draftt"])
def test_unknown_fields_never_suggest_an_unrelated_field(check, key):
    _, problems = check(HEAD + f"{key}: x\n---\n\nنص\n")
    assert problems == [f"articles/2023/11/slug.md:5: warning: {key}: unknown field, ignored"]


# Hardening round two: control characters (5), look-alike tags (10), YAML lines (12).

@pytest.mark.parametrize("title, line", [
    ('"\\x01 عنوان"', 2), ('"عنوان \\u0085 \\u0091"', 2), ('"\\uFFFE"', 2),
    ("عنوان \x02", 2), ("عنوان \ufffe", 2),
])
def test_control_characters_in_front_matter_are_file_line_field_errors(check, title, line):
    article, problems = check(f"---\ntitle: {title}\ndate: 2023-11-29 20:54\nsection: سياسة\n"
                              "---\n\nنص\n")
    assert article is None
    assert len(problems) == 1 and problems[0].startswith(f"articles/2023/11/slug.md:{line}: title: "
                                                         "contains the invisible control character")


def test_control_characters_in_bodies_are_removed_with_a_warning_and_feeds_stay_xml(site):
    site.write("articles/2023/11/c.md", HEAD + "---\n\nأول \x01 سطر.\n\nثان &#1; و &#xFFFE; هنا.\n")
    result = site.build()
    assert result.ok, result.problems
    shown = [str(p) for p in result.warnings]
    assert "articles/2023/11/c.md:7: warning: body: removed 1 invisible control character(s) " \
           "(the first is U+0001)" in shown, shown
    page = (site.output / "2023/11/c.html").read_text(encoding="utf-8")
    assert "\x01" not in page and "\ufffe" not in page and "ثان" in page
    strict = etree.XMLParser(recover=False)
    for feed in site.output.rglob("*.xml"):
        etree.fromstring(feed.read_bytes(), strict)


LOOK_ALIKE = {
    "soft hyphen": "الدا\u00adخلة", "CGJ": "الداخ\u034fلة", "VS16": "الداخلة\ufe0f",
    "U+206C": "الداخلة\u206c", "hangul filler": "الداخلة\u3164", "presentation form": "ﺍﻟﺪﺍﺧﻠﺔ",
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKE))
def test_invisible_and_presentation_variants_are_one_tag_with_a_warning(site, name):
    site.add("2023/11/a", title="أ", tags=["الداخلة"])
    site.add("2023/11/b", title="ب", tags=[LOOK_ALIKE[name]])
    site.add("2023/11/c", title="ج", tags=["الداخلة"])
    result = site.build()
    assert result.ok
    tag_pages = [p for p in site.pages() if p.startswith("tag/") and p != "tag/index.html"]
    assert len(tag_pages) == 1, tag_pages
    assert any(p.path == "articles/2023/11/b.md" and p.line == 5 and "written differently" in
               p.message for p in result.warnings)


def test_persian_letters_are_the_same_tag():
    assert text.term_key("کتاب یک") == text.term_key("كتاب يك")


def test_after_an_alias_bomb_plain_fields_still_read(check):
    bomb = ("a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n")
    _, problems = check("---\n" + bomb + "title: t\ndate: 2023-11-29 20:54\nsection: سياسة\n---\n")
    assert problems == ["articles/2023/11/slug.md:5: d: value is too large or nested too deeply"]


def test_a_yaml_reader_error_names_its_line_and_field_on_one_line(check):
    _, problems = check("---\ntitle: t\ndate: 2023-11-29 20:54\nsummary: a\x07b\n---\n")
    assert problems == ["articles/2023/11/slug.md:4: summary: contains the invisible control "
                        "character U+0007, which is not allowed; delete it"]


# Front matter of other generators (the forms Hugo, Zola and Jekyll document
# and write: `hugo new` TOML with draft = true, Zola's [taxonomies] table,
# Jekyll's .markdown files).

HUGO_TOML = """+++
title = 'الوزير: لا زيادة في أسعار الماء'
date = 2023-11-29T20:54:00+01:00
draft = {draft}
section = "خارج الحدود/إفريقيا"
tags = ["الماء", "الجفاف"]
+++

نص الخبر.
"""

ZOLA_TOML = """+++
title = "قمة الساحل"
date = 2023-11-28T10:00:00+01:00
section = "إفريقيا"

[taxonomies]
tags = ["الساحل", "الأمن"]

[extra]
comments = false
+++

نص الخبر.
"""


@pytest.mark.parametrize("draft, published", [("true", False), ("false", True)])
def test_hugo_toml_front_matter_is_read(site, draft, published):
    site.write("articles/2023/11/water.md", HUGO_TOML.format(draft=draft))
    site.add("2023/11/other", title="آخر")
    result = site.build()
    assert result.ok, result.problems
    assert (site.output / "2023/11/water.html").exists() == published
    if published:
        soup = site.html("2023/11/water.html")
        assert soup.h1.get_text() == "الوزير: لا زيادة في أسعار الماء"
        assert [a.get_text() for a in soup.select(".article-tags a")] == ["الماء", "الجفاف"]


def test_zola_taxonomies_give_tags_and_extra_is_an_unknown_field(site):
    site.write("articles/2023/11/sahel.md", ZOLA_TOML)
    result = site.build()
    assert result.ok, result.problems
    soup = site.html("2023/11/sahel.html")
    assert [a.get_text() for a in soup.select(".article-tags a")] == ["الساحل", "الأمن"]
    assert [str(p) for p in result.warnings] == [
        "articles/2023/11/sahel.md:9: warning: extra: unknown field, ignored"]


def test_a_toml_syntax_error_names_its_line(check):
    _, problems = check('+++\ntitle = "عنوان"\ndate = 2023-11-29 20:54\n+++\n\nنص\n')
    assert len(problems) == 1
    assert problems[0].startswith("articles/2023/11/slug.md:3: date: TOML syntax error")


def test_markdown_suffix_files_are_articles(site):
    site.write("articles/2023/11/jekyll-post.markdown",
               HEAD + "layout: post\n---\n\nنص من جيكل.\n")
    site.write("articles/2023/11/jekyll-draft.markdown",
               HEAD + "published: false\n---\n\nمسودة.\n")
    result = site.build()
    assert result.ok, result.problems
    assert (site.output / "2023/11/jekyll-post.html").is_file()
    assert not (site.output / "2023/11/jekyll-draft.html").exists()
    assert ledger(site)["articles/2023/11/jekyll-draft.markdown"]["status"] == "draft"
