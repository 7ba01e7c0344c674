"""Real public news pages (tests/importer/fixtures/real/README.md says where
each comes from) imported with their known dates, titles, bylines and text."""

from __future__ import annotations

import pytest

from importer_testkit import FIXTURES, Run, new_content, read_article

REAL = FIXTURES / "real"
# file -> (known publication day, what the front matter must hold, body: starts, ends, never)
EXPECTED = {
    "ar/akhbarelyom.com.1731695567.html": ("2020-10-07", {
        # article:published_time is Arabic text: «الأربعاء، 07 أكتوبر 2020 - 12:09 م»
        "date": "2020-10-07 12:09",
        "title": "36 عامًا.. سر رحيل نعيمة عاكف في سن مبكر",
        "author": "نورهان نبيل",  # not meta author «akhbarelyom», the site itself
        "tags": ["النمر", "مدرسة البنات", "نعيمة عاكف", "فتاة السيرك", "بياعة الجرايد"],
    }, ("يصادف اليوم ذكرى ميلاد الفنانة نعيمة عاكف", "بعد رحلة مع مرض سرطان الأمعاء.",
        ["<br>", "الكلمات الدالة", "أخر الأخبار"])),
    "ar/albayan.ae.1623715966.html": ("2020-06-03", {
        "date": "2020-06-03T03:01:00+04:00",
        "title": "القائم بأعمال السفارة الأفغانية يثمّن جهود الإمارات",
        "dateline": "أبوظبي", "source": "البيان",  # «(أبوظبي - البيان)» is nobody's name
    }, ("ثمّن أحمد ساير داودزي", "للسيطرة على الوباء والحد من انتشاره والقضاء عليه.",
        ["المصدر", "التاريخ", "03 يونيو", "غوغل نيوز", "استطلاع"])),
    "ar/beirutobserver.com.1764731404.html": ("2020-11-09", {
        "date": "2020-11-09T18:34:47+00:00",  # the day-only itemprop datePublished is less
        "title": "سرقة منزل أميرة سعودية في باريس يضم أغراضاً فاخرة بقيمة 700 ألف دولار",
        "author": "Ziad Sankary",
    }, ("نشر موقع [Middle East Eye]", "حيث تقع شقة الأميرة السعودية.",
        ["<br>", "addtoany", "Facebook", "WhatsApp", "باسيل"])),
    "multi/rnanews.com.1545738097.html": ("2020-03-11", {
        # only «March 11, 2020» in the page: htmldate's day, no time invented
        "date": "2020-03-11",
        "title": "Young leaders from Canada, Fiji, Pakistan, Uganda win Commonwealth Youth Awards 2020",
        "tags": ["Commonwealth Youth Award"],
    }, ("Kigali: Four outstanding young people", "from Commonwealth countries. (End)",
        ["Please follow", "Leave a Reply", "twitter.com/share", "logged in"])),
}


@pytest.fixture(scope="module")
def real_import(tmp_path_factory):
    content = new_content(tmp_path_factory.mktemp("real"))
    # ar/ and multi/ only: dates/ holds two of the same pages, cut (test_import_real_dates.py)
    run = Run(content, [REAL / "ar", REAL / "multi"], default_section="مختصرات")
    by_origin = {}
    for line in run.lines[1:-1]:
        status, rest = line.split(None, 1)
        if "  <- " in rest:
            path, origin = rest.split("  <- ", 1)
            by_origin[origin.split("  (")[0].removeprefix("real/")] = (status, path, line)
        else:
            origin = rest.split(": ", 1)[0]
            by_origin[origin.removeprefix("real/")] = (status, "", line)
    return content, run, by_origin


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page(real_import, name):
    content, run, by_origin = real_import
    day, fields, (starts, ends, never) = EXPECTED[name]
    status, path, line = by_origin[name]
    assert status == "imported", line
    found, body = read_article(content / path)
    for key, value in fields.items():
        assert found.get(key) == value, (key, found.get(key))
    assert str(found["date"]).startswith(day)
    body = body.strip()
    assert body.startswith(starts), body[:200]
    assert body.rstrip().endswith(ends), body[-200:]
    for text in never:
        assert text not in body, text


def test_how_many_real_pages_import_with_the_right_date(real_import):
    """The figure for the closing note: right dates out of the real pages,
    and no page imported with a wrong date unless the report says to check it."""
    content, run, by_origin = real_import
    right, wrong_unflagged, arabic = 0, [], 0
    for name, (day, _fields, _body) in EXPECTED.items():
        status, path, line = by_origin[name]
        arabic += name.startswith("ar/")
        if status != "imported":
            continue
        found, _ = read_article(content / path)
        if str(found["date"]).startswith(day):
            right += 1
        elif "check it" not in line:
            wrong_unflagged.append((name, found["date"]))
    print(f"\nreal pages: {right}/{len(EXPECTED)} imported with the right date "
          f"({arabic} Arabic); wrong dates written silently: {len(wrong_unflagged)}")
    assert wrong_unflagged == []
    assert right >= 0.75 * len(EXPECTED)
