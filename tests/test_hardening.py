"""Hostile and odd input: fuzzed front matter, path escapes, determinism."""

import hashlib
import os
import string

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from arshif.content import frontmatter
from arshif.content.frontmatter import FrontMatterError
from arshif.content.validate import Settings, validate_fields

# Short in the suite; `invoke fuzz --examples N` runs a long campaign.
settings.register_profile("suite", max_examples=300)
settings.register_profile("long", max_examples=int(os.environ.get("ARSHIF_FUZZ_EXAMPLES", "20000")))
settings.load_profile("long" if os.environ.get("ARSHIF_FUZZ_EXAMPLES") else "suite")

ARABIC = "".join(chr(c) for c in range(0x0621, 0x064B)) + "ًٌٍَُِّْـ"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
ODD_SPACE = "\u00a0\u2009\u3000\t\r\ufeff"
YAML_BITS = [":", "- ", "[", "]", "{", "}", "&a", "*a", "!!python/object", "|", ">", "#",
             "'", '"', "---", "...", "%YAML", "? ", ",", "null", "~", "yes", "no", "0x1F",
             "1:30", "2023-11", "2023-11-29 20:54", "\n", "\n  ", "\\"]
text_strategy = st.lists(st.one_of(st.sampled_from(YAML_BITS),
                                   st.text(alphabet=ARABIC + BIDI + ODD_SPACE + string.printable,
                                           max_size=12)), max_size=30).map("".join)
FIELDS = ["title", "date", "section", "tags", "slug", "summary", "author", "authors",
          "image", "status", "related", "modified", "tgas", "عنوان"]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=text_strategy)
def test_any_text_is_a_valid_article_or_clear_problems(tree, body):
    path = "articles/2023/11/x.md"
    try:
        matter = frontmatter.parse(body, path)
    except FrontMatterError as exc:
        assert exc.problems
        assert all(p.path == path and p.message and p.field for p in exc.problems)
        return
    article, problems = validate_fields(matter, path, Settings(sections=tree))
    if article is None:
        assert any(p.is_error for p in problems)
    else:
        assert article.title and article.date.tzinfo is not None
        assert "/" not in article.slug and not article.slug.startswith(".")


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.dictionaries(st.sampled_from(FIELDS), text_strategy, max_size=8))
def test_fuzzed_field_values(tree, values):
    lines = ["---", 'title: "عنوان"', "date: 2023-11-29 20:54", "section: سياسة"]
    lines += [f"{key}: {value}" for key, value in values.items()]
    source = "\n".join(lines) + "\n---\nنص\n"
    path = "articles/x.md"
    try:
        matter = frontmatter.parse(source, path)
    except FrontMatterError as exc:
        assert all(p.line and p.line >= 1 for p in exc.problems)
        return
    article, problems = validate_fields(matter, path, Settings(sections=tree))
    for problem in problems:
        assert str(problem).startswith(f"{path}:")
    if article is not None:
        assert article.url.count("/") == 2 and ".." not in article.url
        assert all(tag.strip() for tag in article.tag_names)


def digest(folder):
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_two_builds_are_byte_identical(tmp_path):
    from conftest import CONFIG
    from arshif.build import build

    first = build(CONFIG, {"OUTPUT_PATH": str(tmp_path / "a")})
    second = build(CONFIG, {"OUTPUT_PATH": str(tmp_path / "b")})
    assert first.ok and second.ok
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


@pytest.mark.parametrize("relative", ["../evil.html", "/etc/x", "a/../../x", "", "a\\b"])
def test_writer_refuses_paths_outside_the_output(tmp_path, relative):
    from arshif.site.writer import OutputError, safe_path

    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError):
        safe_path(str(tmp_path / "out"), relative)


def test_writer_refuses_sibling_with_common_prefix(tmp_path):
    """Pelican's check compares string prefixes: ``../out-evil`` passes it."""
    from arshif.site.writer import OutputError, safe_path

    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError):
        safe_path(str(tmp_path / "out"), "../out-evil/x.html")
