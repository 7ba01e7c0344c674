"""``invoke bundle``: the built archive as one zip for a USB stick or a hard
disk, with a short «اقرأني» page at its root.  Entries are sorted and carry a
fixed timestamp, so the same site always gives the same zip."""

from __future__ import annotations

import os
import zipfile
from html import escape

README_NAME = "اقرأني.html"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def readme_page(sitename: str, summary: str) -> str:
    name = escape(sitename)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>اقرأني | {name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-inline-size: 40rem; margin: 2rem auto; padding-inline: 1rem; line-height: 1.8">
<h1>{name}: نسخة للتصفح دون اتصال</h1>
<p>فك ضغط هذا الملف في مجلد، ثم افتح <a href="index.html">index.html</a> في أي متصفح.
لا حاجة إلى خادم ولا إلى اتصال بالإنترنت: كل الصفحات والخطوط والصور موجودة في المجلد.</p>
<p>البحث يعمل في العناوين والوسوم والأقسام. يمكن أيضًا تصفح الأرشيف حسب
<a href="archive/index.html">التاريخ</a> أو <a href="tag/index.html">الوسوم</a>.</p>
<p><small>{escape(summary)}</small></p>
</body>
</html>
"""


def make_zip(output_path: str, zip_path: str, sitename: str, summary: str = "") -> int:
    """Write the zip (outside ``output_path``); returns the number of files."""
    files = []
    for directory, subdirs, names in os.walk(output_path):
        subdirs.sort()
        for name in sorted(names):
            full = os.path.join(directory, name)
            files.append(os.path.relpath(full, output_path).replace(os.sep, "/"))
    files.sort()
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(README_NAME, FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, readme_page(sitename, summary))
        for relative in files:
            info = zipfile.ZipInfo(relative, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(os.path.join(output_path, relative), "rb") as handle:
                archive.writestr(info, handle.read())
    return len(files) + 1
