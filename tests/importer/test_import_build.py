"""What the importer writes builds without edits: a real strict Arshif build."""

from __future__ import annotations

from importer_testkit import build_site, imported  # noqa: F401 (fixtures)



def test_imported_articles_build(imported, tmp_path):
    content, _run = imported
    output = tmp_path / "output"
    result = build_site(content, output)
    assert result.ok, [str(p) for p in result.problems] + result.pelican_errors
    assert [str(p) for p in result.problems] == []  # not even a warning
    statuses = {r["source"]: r["status"] for r in result.records}
    assert statuses["articles/2024/01/مسودة-الدخول-المدرسي-في-العالم-القروي.md"] == "draft"
    assert list(statuses.values()).count("published") == 8  # 7 imported + the hand-written one
    for page in ("2023/11/sahel-security.html", "2023/11/un-mission-mali.html",
                 "2023/12/tangier-port-record.html", "2023/12/تحويلات-مغاربة-الخارج.html",
                 "2023/12/tamazight-novelist-interview.html", "2024/03/inflation-ramadan.html",
                 "2024/01/الهيدروجين-الأخضر-الداخلة.html"):
        assert (output / page).is_file(), page
    sahel = (output / "2023/11/sahel-security.html").read_text(encoding="utf-8")
    assert 'src="../../images/2023/sahel-map.png"' in sahel
    assert 'src="../../images/2023/niamey-meeting.png"' in sahel
    assert (output / "images/2023/niamey-meeting.png").is_file()
    # The related articles named by «إقرأ أيضًا» are linked from the page.
    read_also = sahel[sahel.index('<aside class="read-also"'):]
    read_also = read_also[:read_also.index("</aside>")]
    assert read_also.index('href="../../2023/11/un-mission-mali.html"') < \
        read_also.index('href="../../2023/10/drought-water-plan.html"')
    assert "cdn.photos.example" not in sahel
