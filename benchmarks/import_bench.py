"""Pages per second of ``invoke import`` on a synthetic wget mirror.

    python3 benchmarks/import_bench.py [--pages 1000] [--fallback-share 0.1] [--workdir DIR]
    invoke bench-import --pages 1000

The mirror mixes the kinds of pages a real one holds, deterministic by seed:
JSON-LD (Yoast-style @graph), Open Graph / ``article:*`` meta only, theme
markup with a visible Arabic date («الأربعاء، 07 أكتوبر 2020 - 12:09 م»),
and pages no theme reader knows (``--fallback-share`` of them), which go
through trafilatura and htmldate.  Each page carries a header, a menu and a
«آخر الأخبار» sidebar, ~6 KB of text in all.  Prints the time and pages per
second of the whole run (reading, planning, writing); the target is above
20 pages/s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import pelicanconf  # noqa: E402
from arshif.importer.cli import run_import  # noqa: E402

WORDS = ("الحكومة المغرب الرباط وزارة مشروع المواطنين الجهات التنمية الاقتصاد الماء الجفاف "
         "الفلاحة التعليم المدرسة الصحة المستشفى الطرق القطار الميناء الصادرات السياحة "
         "المهرجان الثقافة الكتاب الرياضة المنتخب البطولة الاستثمار الشباب التشغيل").split()
SECTIONS = ("سياسة", "مجتمع", "اقتصاد", "رياضة", "ثقافة وفن")
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر",
          "أكتوبر", "نونبر", "دجنبر")
CHROME = """<header class="site-header"><div class="logo"><a href="/">أخبار</a></div>
<nav class="main-menu"><ul>{menu}</ul></nav></header>"""
SIDEBAR = """<aside class="sidebar"><div class="widget latest"><h3>آخر الأخبار</h3><ul>{items}</ul>
</div></aside><footer class="site-footer"><p>جميع الحقوق محفوظة</p></footer>"""


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def page(rng: random.Random, number: int, kind: str) -> str:
    year, month, day = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    title = sentence(rng, 8)[:-1]
    section = rng.choice(SECTIONS)
    url = f"https://akhbar.example/{year}/{month:02d}/{day:02d}/story-{number}/"
    iso = f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00+01:00"
    paragraphs = "".join(f"<p>{sentence(rng, rng.randint(25, 45))}</p>" for _ in range(8))
    menu = "".join(f'<li><a href="/category/{n}/">{name}</a></li>' for n, name in enumerate(SECTIONS))
    items = "".join(f'<li><a href="/{year}/{month:02d}/{day:02d}/other-{n}/">{sentence(rng, 7)}</a>'
                    f'<span class="date">{day:02d}/{month:02d}/{year}</span></li>' for n in range(8))
    head = f'<meta charset="utf-8"><title>{title} | أخبار</title>'
    if kind == "jsonld":
        graph = {"@context": "https://schema.org", "@graph": [
            {"@type": "NewsArticle", "@id": url + "#article", "headline": title,
             "datePublished": iso, "articleSection": section,
             "author": {"@id": "https://akhbar.example/#/schema/person/1"}},
            {"@type": "Person", "@id": "https://akhbar.example/#/schema/person/1",
             "name": "يوسف الحمري"}]}
        head += f'<script type="application/ld+json">{json.dumps(graph, ensure_ascii=False)}</script>'
    if kind in ("jsonld", "meta"):
        head += (f'<meta property="og:type" content="article"><meta property="og:title" '
                 f'content="{title}"><meta property="og:url" content="{url}">'
                 f'<meta property="article:published_time" content="{iso}">'
                 f'<meta property="article:section" content="{section}">')
    chrome = CHROME.format(menu=menu)
    sidebar = SIDEBAR.format(items=items)
    if kind == "fallback":  # no theme reader knows this markup
        head += f'<link rel="canonical" href="{url}">'
        meridiem = "م" if hour >= 12 else "ص"
        body = (f'<div class="wrap"><div class="col"><h1>{title}</h1><div class="when">'
                f'{day} {MONTHS[month - 1]} {year} - {(hour % 12) or 12}:{minute:02d} {meridiem}</div>'
                f'<div class="txt">{paragraphs}</div></div>{sidebar}</div>')
        return f'<!doctype html><html lang="ar"><head>{head}</head><body>{chrome}{body}</body></html>'
    date_line = (f'<span class="date">{day:02d}/{month:02d}/{year} | {hour:02d}:{minute:02d}</span>'
                 if kind == "theme" else "")
    category = f'<a href="/category/{section}/" rel="category tag">{section}</a>'
    body = (f'<article class="post"><h1 class="entry-title">{title}</h1>'
            f'<div class="entry-meta">{date_line} {category}</div>'
            f'<div class="entry-content">{paragraphs}</div></article>{sidebar}')
    return (f'<!doctype html><html lang="ar"><head>{head}</head>'
            f'<body class="single single-post">{chrome}{body}</body></html>')


def write_mirror(root: str, pages: int, fallback_share: float, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    kinds = {"jsonld": 0, "meta": 0, "theme": 0, "fallback": 0}
    for number in range(pages):
        roll = rng.random()
        kind = ("fallback" if roll < fallback_share else
                "jsonld" if roll < fallback_share + (1 - fallback_share) * 0.45 else
                "meta" if roll < fallback_share + (1 - fallback_share) * 0.8 else "theme")
        kinds[kind] += 1
        folder = os.path.join(root, "akhbar.example", f"story-{number}")
        os.makedirs(folder)
        with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as handle:
            handle.write(page(rng, number, kind))
    return kinds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--fallback-share", type=float, default=0.1,
                        help="share of pages only trafilatura/htmldate can read (default 0.1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default=os.path.join(HERE, "out", "import-bench"))
    args = parser.parse_args(argv)
    shutil.rmtree(args.workdir, ignore_errors=True)
    mirror, content = os.path.join(args.workdir, "mirror"), os.path.join(args.workdir, "content")
    kinds = write_mirror(mirror, args.pages, args.fallback_share, args.seed)
    os.makedirs(os.path.join(content, "articles"))
    out = io.StringIO()
    started = time.perf_counter()
    code = run_import([mirror], content_root=content, sections_spec=pelicanconf.ARSHIF_SECTIONS,
                      out=out, keep_going=True, default_section="مختصرات")
    seconds = time.perf_counter() - started
    summary = out.getvalue().strip().splitlines()[-1]
    print(f"{args.pages} pages ({', '.join(f'{v} {k}' for k, v in kinds.items())}): "
          f"{seconds:.1f} s, {args.pages / seconds:.1f} pages/s; {summary}")
    if "0 failed" not in summary:
        print(out.getvalue())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
