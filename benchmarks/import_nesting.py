"""Time the importer on legacy pages that never close their <font> tags.

    python3 benchmarks/import_nesting.py [--levels 1500 20000] [--workdir DIR]

Each page is an article whose body opens one <font> per run of text
(≈80 bytes each, ~120 KB at 1,500 levels) and closes none.  Prints seconds
and the import status per page; the figures are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import pelicanconf  # noqa: E402
from arshif.importer.cli import run_import  # noqa: E402

UNIT = '<font face="Arial" size="3" color="#000000">كلمات في النص رقم {n} '
PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>خبر قديم</title>
<meta property="og:title" content="خبر قديم بخطوط متداخلة">
<meta property="og:url" content="https://akhbar.example/2023/11/29/fonts-{levels}/">
<meta property="article:published_time" content="2023-11-29T20:54:00+01:00">
<meta property="article:section" content="سياسة">
</head><body><article><h1>خبر قديم بخطوط متداخلة</h1>
<div class="entry-content"><p>الفقرة الأولى من الخبر.</p><p>{inner}</p>
<p>الفقرة الأخيرة من الخبر.</p></div></article></body></html>
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1500, 20000])
    parser.add_argument("--workdir", default=os.path.join(HERE, "out", "import-nesting"))
    args = parser.parse_args(argv)
    for levels in args.levels:
        root = os.path.join(args.workdir, str(levels))
        shutil.rmtree(root, ignore_errors=True)
        mirror, content = os.path.join(root, "mirror"), os.path.join(root, "content")
        os.makedirs(mirror)
        os.makedirs(os.path.join(content, "articles"))
        page = PAGE.format(levels=levels, inner="".join(UNIT.format(n=n) for n in range(levels)))
        with open(os.path.join(mirror, "page.html"), "w", encoding="utf-8") as handle:
            handle.write(page)
        out = io.StringIO()
        started = time.perf_counter()
        code = run_import([mirror], content_root=content,
                          sections_spec=pelicanconf.ARSHIF_SECTIONS, out=out, keep_going=True)
        seconds = time.perf_counter() - started
        status = out.getvalue().splitlines()[1].split()[0]
        print(f"{levels:>6} levels, {len(page.encode()) / 1000:,.0f} KB: "
              f"{seconds:.2f} s, {status} (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
