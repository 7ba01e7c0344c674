"""Every bad input the suite knows, alone and two at a time in one article:
the build fails (exit 1), lists each problem as ``file:line: field: message``
and never shows a traceback (issue #13, "Done when")."""

from __future__ import annotations

import itertools
import os
import random
import re
import subprocess

import pytest

from conftest import Site, copy_project

BASE = {
    "title": '"عنوان الخبر"',
    "date": "2023-11-29 20:54",
    "section": "سياسة",
    "tags": "[الماء, الجفاف]",
}
BODY = "فقرة أولى من الخبر.\n\nفقرة ثانية.\n"

# name -> (front-matter changes: field -> value, None removes it; extra raw
# front-matter lines; body).  Each is a mistake editors or other generators make.
FIELD_MISTAKES = {
    "no title": ({"title": None}, [], BODY),
    "empty title": ({"title": '""'}, [], BODY),
    "colon in title": ({"title": "الوزير: لا زيادة"}, [], BODY),
    "partial date": ({"date": "2023-11"}, [], BODY),
    "impossible date": ({"date": "2023-02-30 10:00"}, [], BODY),
    "day-first date": ({"date": "29/11/2023"}, [], BODY),
    "unclosed quote": ({"date": '"2023-11-29 20:54'}, [], BODY),
    "unclosed list": ({"tags": "[الماء, الجفاف"}, [], BODY),
    "unknown section": ({"section": "الفضاء"}, [], BODY),
    "no section": ({"section": None}, [], BODY),
    "tags mapping": ({"tags": "{a: b}"}, [], BODY),
    "bad status": ({}, ["status: archived"], BODY),
    "bad draft flag": ({}, ["draft: maybe"], BODY),
    "duplicate key": ({}, ["title: مرة ثانية"], BODY),
    "tab indent": ({}, ["\tsource: وكالة"], BODY),
    "control char": ({"title": '"عنوان \\x01"'}, [], BODY),
    "raw control char": ({}, ["summary: خلاصة \x02"], BODY),
    "bad slug": ({}, ["slug: a b/c"], BODY),
    "web image": ({}, ["image: https://cdn.example/x.jpg"], BODY),
    "missing image": ({}, ["image: images/2023/none.png"], BODY),
    "body image missing": ({}, [], BODY + "\n![صورة](/images/2023/none-body.png)\n"),
    "related nowhere": ({}, ["related: [no-such-article]"], BODY),
    "alias bomb": ({}, ["a: &a [x,x,x,x,x,x,x,x,x,x]", "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
                        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]",
                        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]"], BODY),
    "placeholder published": ({}, [], "اكتب نص المقال هنا.\n"),
    "bad publishDate": ({}, ["publishDate: soon"], BODY),
}

# Whole files that cannot be combined with another mistake.
FILE_MISTAKES = {
    "empty.md": b"",
    "no-front-matter.md": "نص بلا رأس.\n".encode(),
    "unclosed-fence.md": "---\ntitle: x\n".encode(),
    "latin1.md": "---\ntitle: caf\xe9\n---\n".encode("latin-1"),
    "notes.txt": b"not an article",
    "toml-error.md": '+++\ntitle = "x\n+++\n'.encode(),
    "only-list.md": "---\n- a\n- b\n---\n".encode(),
}

PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (warning: )?(?P<field>[\w .-]+): \S")


def source(*names: str) -> str:
    fields = dict(BASE)
    extra, body = [], BODY
    for name in names:
        changes, lines, mistake_body = FIELD_MISTAKES[name]
        fields.update(changes)
        extra += lines
        if mistake_body != BODY:
            body = mistake_body
    head = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return "---\n" + "\n".join(head + extra) + "\n---\n\n" + body


def file_name(*names: str) -> str:
    return "-".join(re.sub(r"\W+", "-", n) for n in names) + ".md"


def assert_problem_lines(problems, expected_paths):
    shown = [str(p) for p in problems]
    for line in shown:
        assert PROBLEM_LINE.match(line), line
    failed = {p.path for p in problems if p.is_error}
    assert failed >= set(expected_paths), sorted(set(expected_paths) - failed)


@pytest.mark.parametrize("name", sorted(FIELD_MISTAKES))
def test_each_mistake_alone_fails_with_problem_lines(site, name):
    site.add("2023/11/good", title="خبر سليم")
    path = f"articles/2023/11/{file_name(name)}"
    site.write(path, source(name))
    result = site.build()
    assert not result.ok
    assert_problem_lines(result.problems, [path])


def test_random_pairs_of_mistakes_in_one_article(tmp_path):
    """Sixty pairs drawn with a fixed seed (every pair: `invoke fuzz` style
    runs can raise ARSHIF_PAIRS), all in one archive, built once."""
    pairs = list(itertools.combinations(sorted(FIELD_MISTAKES), 2))
    count = int(os.environ.get("ARSHIF_PAIRS", "60"))
    chosen = random.Random(13).sample(pairs, min(count, len(pairs)))
    site = Site(tmp_path)
    site.add("2023/11/good", title="خبر سليم")
    paths = []
    for pair in chosen:
        path = f"articles/2023/11/{file_name(*pair)}"
        site.write(path, source(*pair))
        paths.append(path)
    for problems in (site.check(), site.build().problems):
        assert_problem_lines(problems, paths)


def test_invoke_build_over_every_bad_input_exits_1_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    folder = project / "content" / "articles" / "2023" / "11"
    expected = []
    for name in sorted(FIELD_MISTAKES):
        (folder / file_name(name)).write_text(source(name), encoding="utf-8")
        expected.append(f"content/articles/2023/11/{file_name(name)}")
    for name, data in FILE_MISTAKES.items():
        (folder / name).write_bytes(data)
        expected.append(f"content/articles/2023/11/{name}")
    os.symlink("/etc/hostname", folder / "link.md")
    expected.append("content/articles/2023/11/link.md")
    for command in (["check"], ["build", "--no-search"]):
        run = subprocess.run(["invoke", *command], cwd=project, capture_output=True, text=True)
        assert run.returncode == 1, run.stdout + run.stderr
        assert "Traceback" not in run.stdout + run.stderr
        lines = [line for line in run.stderr.splitlines()
                 if not line.startswith(("build failed:", "error:")) and line.strip()
                 and not re.match(r"^\d+ error\(s\)$", line)]
        for line in lines:
            assert PROBLEM_LINE.match(line), line
        named = {PROBLEM_LINE.match(line).group("path") for line in lines}
        assert named >= set(expected), sorted(set(expected) - named)
    assert not (project / "output").exists()
