"""Validation of one article and of the archive as a whole."""

import pytest

from arshif.content import frontmatter
from arshif.content.validate import Settings, validate_archive, validate_fields


@pytest.fixture
def check(tree):
    def run(text, path="articles/2023/11/slug.md", content_root=None):
        matter = frontmatter.parse(text, path)
        return validate_fields(matter, path, Settings(sections=tree, content_root=content_root))
    return run


GOOD = "---\ntitle: عنوان\ndate: 2023-11-29 20:54\nsection: إفريقيا\ntags: [الساحل، الأمن]\n---\nنص\n"


def messages(problems):
    return [str(p) for p in problems]


def test_valid_article(check):
    article, problems = check(GOOD)
    assert problems == []
    assert article.title == "عنوان"
    assert article.section.path == "abroad/africa"
    assert article.date.isoformat() == "2023-11-29T20:54:00+01:00"
    assert article.slug == "slug"
    assert article.url == "2023/11/slug.html"


def test_tags_comma_separated_with_arabic_comma(check):
    text = GOOD.replace("tags: [الساحل، الأمن]", "tags: الساحل، الأمن, التنمية")
    article, _ = check(text)
    assert article.tag_names == ["الساحل", "الأمن", "التنمية"]


def test_yaml_list_of_tags_stays_text(check):
    article, _ = check(GOOD.replace("tags: [الساحل، الأمن]", "tags: [no, on, 2030]"))
    assert article.tag_names == ["no", "on", "2030"]


@pytest.mark.parametrize("line, expected", [
    ("section: خارج الحدود/إفريقيا", "abroad/africa"),
    ("section: abroad/africa", "abroad/africa"),
    ("section: africa", "abroad/africa"),
    ("section: خارج الحدود", "abroad"),
    ("section: مجتمع / جهات", "society/regions"),
])
def test_section_spellings(check, line, expected):
    article, problems = check(GOOD.replace("section: إفريقيا", line))
    assert article.section.path == expected, problems


def test_all_problems_of_a_file_at_once(check):
    text = "---\ntitle: \ndate: 2023-11\nsection: الفضاء\nstatus: archived\ntgas: [x]\n---\n"
    article, problems = check(text)
    assert article is None
    assert messages(problems) == [
        "articles/2023/11/slug.md:6: warning: tgas: unknown field, ignored (did you mean 'tags'?)",
        "articles/2023/11/slug.md:2: title: is empty",
        "articles/2023/11/slug.md:3: date: '2023-11' is incomplete; write the whole day, "
        "e.g. 2023-11-29, and the time if it is known: 2023-11-29 20:54",
        "articles/2023/11/slug.md:4: section: unknown section 'الفضاء'",
        "articles/2023/11/slug.md:5: status: 'archived' is not a status; use 'published' or 'draft'",
    ]


def test_missing_required_fields(check):
    article, problems = check("---\nsummary: x\n---\n")
    assert article is None
    assert {p.field for p in problems} == {"title", "date", "section"}
    assert all(p.message == "is required" for p in problems)


@pytest.mark.parametrize("value, fragment", [
    ("2023", "is incomplete"),
    ("2023-11", "is incomplete"),
    ("29/11/2023 20:54", "is not a date"),
    ("2023-02-30 10:00", "is not a real date"),
    ("5 مارس 2024", "is not a date"),
])
def test_bad_dates(check, value, fragment):
    _, problems = check(GOOD.replace("2023-11-29 20:54", value))
    [problem] = problems
    assert problem.field == "date" and problem.line == 3 and fragment in problem.message


def test_date_with_offset_is_kept(check):
    article, _ = check(GOOD.replace("2023-11-29 20:54", "2023-11-29T18:00:00Z"))
    assert article.date.utcoffset().total_seconds() == 0


def test_ambiguous_leaf_section(tree):
    from arshif.content.sections import SectionTree

    spec = [{"name": "أ", "slug": "a", "children": [{"name": "أخبار", "slug": "news"}]},
            {"name": "ب", "slug": "b", "children": [{"name": "أخبار", "slug": "news"}]}]
    with pytest.raises(LookupError, match="ambiguous"):
        SectionTree(spec).resolve("أخبار")
    assert SectionTree(spec).resolve("ب/أخبار").path == "b/news"


def test_wrong_types(check):
    text = GOOD.replace("tags: [الساحل، الأمن]", "tags: {a: b}\ntitle2: x").replace(
        "title: عنوان", "title: [a, b]")
    _, problems = check(text)
    found = messages(problems)
    assert "articles/2023/11/slug.md:2: title: must be text, not a list" in found
    assert "articles/2023/11/slug.md:5: tags: must be a list or comma-separated text, not a mapping" in found


@pytest.mark.parametrize("slug", ["../../etc/passwd", "a/b", "..", ".hidden", "with space", "x" * 200])
def test_slugs_that_would_escape_or_break_urls(check, slug):
    _, problems = check(GOOD.replace("---\nنص", f"slug: \"{slug}\"\n---\nنص"))
    assert [p.field for p in problems] == ["slug"]


def test_arabic_slug_is_allowed(check):
    article, problems = check(GOOD.replace("---\nنص", "slug: المسيرة-الخضراء\n---\nنص"))
    assert problems == [] and article.url == "2023/11/المسيرة-الخضراء.html"


def test_file_name_that_cannot_be_a_slug(check):
    _, problems = check(GOOD, path="articles/2023/11/my article.md")
    [problem] = problems
    assert problem.field == "slug" and "rename the file or add a 'slug:'" in problem.message


def test_image_must_be_a_local_file(check, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.jpg").write_bytes(b"x")
    ok, problems = check(GOOD.replace("---\nنص", "image: images/a.jpg\n---\nنص"),
                         content_root=str(tmp_path))
    assert problems == [] and ok.image == "images/a.jpg"
    for value, fragment in [("https://example.com/a.jpg", "not a web address"),
                            ("../secret.jpg", "outside the content folder"),
                            ("images/missing.jpg", "does not exist"),
                            ("images/a.txt", "not an image file")]:
        _, problems = check(GOOD.replace("---\nنص", f"image: {value}\n---\nنص"),
                            content_root=str(tmp_path))
        assert [p.field for p in problems] == ["image"] and fragment in problems[0].message


def test_url_collision_names_both_files(check):
    first, _ = check(GOOD, path="articles/a/same.md")
    second, _ = check(GOOD, path="articles/b/same.md")
    problems = messages(validate_archive([first, second]))
    assert problems == [
        "articles/a/same.md:1: slug: would be written to the same URL 2023/11/same.html as "
        "articles/b/same.md; give one a different slug",
        "articles/b/same.md:1: slug: would be written to the same URL 2023/11/same.html as "
        "articles/a/same.md; give one a different slug",
    ]


def test_related_must_exist_and_be_published(check):
    target, _ = check(GOOD, path="articles/target.md")
    draft, _ = check(GOOD.replace("---\nنص", "status: draft\n---\nنص"), path="articles/dr.md")
    source, _ = check(GOOD.replace("---\nنص", "related: [target, missing, dr]\n---\nنص"),
                      path="articles/src.md")
    problems = messages(validate_archive([target, draft, source]))
    assert problems == [
        "articles/src.md:6: related: no article has the slug 'missing'",
        "articles/src.md:6: related: 'dr' is a draft, not a published article",
    ]
