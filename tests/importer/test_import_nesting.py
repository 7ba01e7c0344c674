"""Legacy pages that never close their <font> tags (hardening round two,
item 9): linear time, bounded depth, a clear failure line."""

from __future__ import annotations

import re
import time

import pytest

from importer_testkit import Run, read_article

UNIT = '<font face="Arial" size="3" color="#000000">كلمات في النص رقم {n} '


def legacy_page(inner: str, slug: str) -> str:
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>خبر قديم</title>
<meta property="og:title" content="خبر قديم بخطوط متداخلة">
<meta property="og:url" content="https://akhbar.example/2023/11/29/{slug}/">
<meta property="article:published_time" content="2023-11-29T20:54:00+01:00">
<meta property="article:section" content="سياسة">
</head><body><article><h1>خبر قديم بخطوط متداخلة</h1>
<div class="entry-content">
<p>الفقرة الأولى من الخبر، وهي طويلة بما يكفي لتكون نصا حقيقيا للمقال.</p>
<p>{inner}</p>
<p>الفقرة الأخيرة من الخبر.</p>
</div></article></body></html>
"""


@pytest.mark.parametrize("levels", [1500, 20000])
def test_thousands_of_unclosed_font_tags_import_in_linear_time(tmp_path, levels):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    inner = "".join(UNIT.format(n=n) for n in range(levels))
    (mirror / "page.html").write_text(legacy_page(inner, f"fonts-{levels}"), encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    started = time.perf_counter()
    run = Run(content, [mirror])
    seconds = time.perf_counter() - started
    assert seconds < 20, seconds  # a guard against hangs; the figure is in benchmarks/
    assert run.code == 0, run.report
    assert run.status_of("page.html") == "imported"
    [article] = (content / "articles").rglob("*.md")
    fields, body = read_article(article)
    for n in (0, levels // 2, levels - 1):
        assert re.search(rf"كلمات في النص رقم {n}(?!\d)", body), n
    assert "الفقرة الأخيرة من الخبر" in body and "<font" not in body


def test_a_page_nested_too_deep_to_flatten_fails_with_a_clear_reason(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    inner = "".join(f"<ul><li>بند {n} " for n in range(5000))
    (mirror / "page.html").write_text(legacy_page(inner, "lists"), encoding="utf-8")
    (mirror / "fine.html").write_text(legacy_page("نص عادي", "fine"), encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    started = time.perf_counter()
    run = Run(content, [mirror], keep_going=True)
    assert time.perf_counter() - started < 20
    assert run.status_of("page.html") == "failed"
    line = next(line for line in run.lines if "page.html" in line)
    assert "too deeply nested (" in line and "Error" not in line, run.report
    assert run.status_of("fine.html") == "imported"


def test_a_wordpress_post_with_unclosed_fonts_is_flattened():
    from arshif.importer import body as body_mod, nesting

    started = time.perf_counter()
    element = body_mod.fragment("<p>" + "".join(UNIT.format(n=n) for n in range(20000)))
    assert time.perf_counter() - started < 20
    assert nesting.depth(element) <= nesting.FLATTEN_DEPTH + 2
    assert "رقم 19999" in element.get_text()
    with pytest.raises(nesting.TooDeep, match=r"too deeply nested \(\d+ levels"):
        body_mod.fragment("".join("<ol><li>بند" for _ in range(3000)))
