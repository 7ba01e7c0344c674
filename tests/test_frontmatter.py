"""Parsing front matter: values stay the text the editor wrote; errors have lines."""

import pytest

from arshif.content import frontmatter
from arshif.content.frontmatter import FrontMatterError


def parse(text):
    return frontmatter.parse(text, "a.md")


def problems_of(text):
    with pytest.raises(FrontMatterError) as info:
        parse(text)
    return [str(p) for p in info.value.problems]


def test_values_keep_yaml_text_untyped():
    matter = parse("---\ntitle: 2024\ntags: [no, on, yes]\ndate: 2023-11-29 20:54\n"
                   "summary: 1:30\n---\nbody\n")
    assert matter.fields["title"] == "2024"
    assert matter.fields["tags"] == ["no", "on", "yes"]
    assert matter.fields["date"] == "2023-11-29 20:54"
    assert matter.fields["summary"] == "1:30"
    assert matter.body == "body\n"


def test_lines_of_fields_and_body():
    matter = parse("---\ntitle: a\n\ndate: b\n---\n\nbody")
    assert matter.lines == {"title": 2, "date": 4}
    assert matter.body_line == 6


def test_empty_file():
    assert problems_of("") == ["a.md:1: file: file is empty"]
    assert problems_of("  \n\n") == ["a.md:1: file: file is empty"]


def test_missing_front_matter():
    [message] = problems_of("title: x\n\nbody")
    assert message.startswith("a.md:1: front matter: missing")


def test_unclosed_front_matter():
    [message] = problems_of("---\ntitle: x\nbody")
    assert message == "a.md:1: front matter: no closing '---' line after the opening one"


def test_empty_front_matter():
    assert problems_of("---\n---\nbody") == ["a.md:1: front matter: is empty"]


def test_unquoted_colon_in_title_gets_a_hint():
    [message] = problems_of("---\ndate: 2023-11-29 20:54\ntitle: الوزير: لا زيادة في الأسعار\n---\n")
    assert message.startswith("a.md:3: title: YAML syntax error")
    assert 'title: "الوزير: لا زيادة في الأسعار"' in message


def test_syntax_error_reports_its_line():
    [message] = problems_of("---\ntitle: a\ntags: [a, b\nsection: x\n---\n")
    assert message.startswith("a.md:")
    assert "YAML syntax error" in message


def test_duplicate_field():
    [message] = problems_of("---\ntitle: a\ntitle: b\n---\n")
    assert message == "a.md:3: title: appears twice (first on line 2)"


def test_not_a_mapping():
    [message] = problems_of("---\n- a\n- b\n---\n")
    assert "must be 'field: value' lines" in message


def test_alias_bomb_is_refused():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for n in "bcdefghij":
        prev = chr(ord(n) - 1)
        bomb += f"{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    bomb += "---\n"
    messages = problems_of(bomb)
    assert any("too large" in m for m in messages)


def test_invalid_utf8_names_the_line():
    with pytest.raises(FrontMatterError) as info:
        frontmatter.decode("---\ntitle: ok\n".encode() + b"date: \xff\xfe\n", "a.md")
    assert str(info.value.problems[0]) == (
        "a.md:3: file: not valid UTF-8 (byte 0xff); save the file as UTF-8")


def test_bom_is_accepted():
    text = frontmatter.decode("\ufeff---\ntitle: a\n---\n".encode("utf-8"), "a.md")
    assert parse(text).fields == {"title": "a"}
