"""The reader index (reader-index.js) behind the home page's «أخبارك» block."""

from __future__ import annotations

import json

import pytest

from arshif.outputs.reader_index import GLOBAL_NAME, INDEX_FILE, reader_index


@pytest.fixture
def built(site):
    site.add("2023/11/p1", title="سياسة أولى", date="2023-11-01 10:00", section="سياسة")
    site.add("2023/11/a1", title="إفريقيا أولى", date="2023-11-03 10:00", section="إفريقيا")
    site.add("2023/11/m1", title="الشرق الأوسط", date="2023-11-04 10:00",
             section="خارج الحدود/الشرق الأوسط")
    site.add("2023/11/p2", title="سياسة ثانية", date="2023-11-05 10:00", section="سياسة")
    site.add("2023/11/a2", title="إفريقيا ثانية", date="2023-11-06 10:00", section="abroad/africa")
    site.add("2023/11/intl", title="دولي فقط", date="2023-11-02 10:00", section="دولي")
    site.add("2023/11/secret", title="مسودة إفريقية", date="2023-11-07 10:00",
             section="إفريقيا", status="draft")
    result = site.build()
    assert result.ok, result.pelican_errors
    return site, result.generator.newsroom


def urls_of(data, path):
    return [data["articles"][i][0] for i in data["sections"][path]]


def test_sections_list_their_latest_articles_with_descendants_newest_first(built):
    _, newsroom = built
    data = reader_index(newsroom)
    assert data["v"] == 1
    assert data["fields"] == ["url", "title", "section", "date", "datetime"]
    assert urls_of(data, "abroad") == ["2023/11/a2.html", "2023/11/m1.html", "2023/11/a1.html",
                                       "2023/11/intl.html"]
    assert urls_of(data, "abroad/africa") == ["2023/11/a2.html", "2023/11/a1.html"]
    assert urls_of(data, "politics") == ["2023/11/p2.html", "2023/11/p1.html"]
    # Sections without articles are left out.
    assert "society" not in data["sections"] and "economy" not in data["sections"]
    first = data["articles"][0]
    assert first == ["2023/11/a2.html", "إفريقيا ثانية", "إفريقيا", "06/11/2023 | 10:00",
                     "2023-11-06T10:00:00+01:00"]


def test_articles_are_listed_once_newest_first_and_drafts_never(built):
    _, newsroom = built
    data = reader_index(newsroom)
    urls = [row[0] for row in data["articles"]]
    assert len(urls) == len(set(urls))  # a2 is in "abroad" and "abroad/africa": listed once
    assert urls == [a.url for a in newsroom.articles]  # here every article is someone's latest
    assert all("secret" not in url for url in urls)
    assert "مسودة" not in json.dumps(data, ensure_ascii=False)
    # Positions ascend within each section, so merging sections is a sorted union.
    for positions in data["sections"].values():
        assert positions == sorted(positions)


def test_per_section_cap_keeps_only_referenced_articles(built):
    _, newsroom = built
    data = reader_index(newsroom, per_section=1)
    assert urls_of(data, "abroad") == ["2023/11/a2.html"]
    assert urls_of(data, "abroad/international") == ["2023/11/intl.html"]
    assert urls_of(data, "politics") == ["2023/11/p2.html"]
    referenced = {i for positions in data["sections"].values() for i in positions}
    assert referenced == set(range(len(data["articles"])))
    assert "2023/11/a1.html" not in [row[0] for row in data["articles"]]


def test_build_writes_a_classic_script(built):
    site, newsroom = built
    script = (site.output / INDEX_FILE).read_text(encoding="utf-8")
    prefix = f"window.{GLOBAL_NAME}="
    assert script.startswith(prefix) and script.endswith(";\n")
    assert json.loads(script[len(prefix):-2]) == reader_index(newsroom)
    # The reader pages exist and are not indexed by search engines.
    for page in ("saved.html", "history.html", "interests.html"):
        soup = site.html(page)
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    boxes = site.html("interests.html").select(".interests-form input[type=checkbox]")
    assert [b["value"] for b in boxes] == [s.path for s in newsroom.tree]
