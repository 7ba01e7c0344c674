"""The second opinions on a found publication date (arshif/importer/date_checks.py),
each from a page of htmldate's real set (test_import_real_dates.py) where the
date was written without a word, and the heading that names the site."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup

import importer_testkit  # noqa: F401  (puts the project on sys.path)
from arshif.importer import date_checks, extract


@pytest.mark.parametrize("url, expected", [
    ("https://laprensafl.com/2020/02/17/tenemos-silvia-pinal/", date(2020, 2, 17)),
    ("https://www.news24.com/World/News/australian-megablaze-20200113", date(2020, 1, 13)),
    ("https://example.com/news/2023-11-29-rabat.html", date(2023, 11, 29)),
    ("https://au.news.yahoo.com/covid-measures-222249752.html", None),  # an id, not a day
    ("https://example.com/2020/10/", None),  # a month alone
    ("https://example.com/2020/02/30/x", None),
    ("https://20200217.example.com/x", None),  # the host is not the page's path
])
def test_the_day_an_address_gives(url, expected):
    assert date_checks.address_day(url) == expected


@pytest.mark.parametrize("source, day, expected", [
    ('<meta content="2020-12-05T23:15:0Z">', date(2020, 12, 5), True),
    ("<span>Tue, 14 Jan 2020</span>", date(2020, 1, 14), True),
    ("<p>13. März 2020</p>", date(2020, 3, 13), True),
    ("<p>July 3rd, 2020</p>", date(2020, 7, 3), True),
    ("<span>2020年07月03日</span>", date(2020, 7, 3), True),
    ("<p>الأربعاء 07 أكتوبر 2020</p>", date(2020, 10, 7), True),
    # an image's folder and the start of its hash: what htmldate read as a day
    ('<meta content="https://s3.amazonaws.com/images/2020-10/7d31f440-1961.jpg">',
     date(2020, 10, 7), False),
    ("<p>3 July, in 2019 and 2020</p>", date(2020, 7, 3), True),
    ("<p>© 2020</p>", date(2020, 1, 1), False),
])
def test_whether_a_page_writes_a_day(source, day, expected):
    assert date_checks.spelled(source, day) is expected


def test_each_doubt_is_a_line_that_says_check_it():
    quiet = date_checks.notes("2020-02-17 21:18", "https://a.example/2020/02/17/x", [],
                              False, "")
    assert quiet == []
    address = date_checks.notes("2020-02-18T02:18:11+00:00",
                                "https://a.example/2020/02/17/x", [], False, "")
    assert len(address) == 2  # the address, and a UTC time near midnight
    assert all(line.endswith("check it") for line in address)
    assert "address says 2020-02-17" in address[1]
    metadata = date_checks.notes("2020-04-25T07:25:06+00:00", "https://a.example/x",
                                 ["2020-04-24T21:25:06+00:00"], False, "")
    assert metadata == ["date 2020-04-25T07:25:06+00:00, but the page's metadata also "
                        "say 2020-04-24: check it"]
    unwritten = date_checks.notes("2020-10-07", "", [], True, "<p>2020-10/7d31</p>")
    assert unwritten and "not written as a date" in unwritten[0]
    assert date_checks.notes("2020-10-07", "", [], True, "<p>7 Oct 2020</p>") == []


@pytest.mark.parametrize("found, near", [
    ("2020-12-05T23:15:00+00:00", True), ("2020-02-18T02:18:11+00:00", True),
    ("2020-11-26T12:02:04+00:00", False), ("2020-12-05T23:15:00+01:00", False),
    ("2020-12-05 23:15", False), ("2020-12-05", False),
])
def test_utc_times_near_midnight(found, near):
    assert date_checks.utc_near_midnight(found) is near


def test_htmldate_does_not_read_dates_in_comments():
    """trojmiasto.wyborcza.pl: an SVG sprite's build date in a comment came first."""
    from arshif.importer import fallback
    page = ("<html><head><title>x</title></head><body>"
            "<!-- WyborczaSVG version: 17.0.35 compiled: 2020-01-17 11:05:06 -->"
            "<p>Tekst.</p><p class='date'>31.01.2020</p></body></html>")
    assert fallback.find_date(page, extensive=True) == (2020, 1, 31)


def test_a_heading_that_links_to_the_blog_names_the_site():
    """goo.ne.jp blogs: <h1> is the blog's name, the entry's date is below it."""
    page = BeautifulSoup(
        '<div id="wrap"><div class="header"><div class="title">'
        '<h1><a href="https://blog.goo.ne.jp/jgccg115">The blog</a></h1></div></div>'
        '<div class="entry"><div class="entry-top"><h3>The entry</h3>'
        '<span class="entry-top-info-time">2020年07月03日</span></div>'
        '<div class="entry-body"><p>Text.</p></div></div></div>', "html.parser")
    url = "https://blog.goo.ne.jp/jgccg115/e/5d8c31a659b95cc18a43ad75d152e80f"
    assert extract._names_the_site(page.h1, url)
    published, _note, _notes = extract._publication_date(
        page, "", {}, extract._header_scope(page, url), None, url, "Africa/Casablanca")
    assert published is not None and published.text == "2020-07-03"


@pytest.mark.parametrize("heading, url, names_site", [
    ('<h1><a href="/">Site</a></h1>', "https://a.example/2020/x.html", True),
    ('<h1><a href="https://a.example/2020/x.html">Title</a></h1>',
     "https://a.example/2020/x.html", False),  # a link to the page itself
    ('<h1><a href="?p=12">Title</a></h1>', "https://a.example/?p=12", False),
    ('<h1>Title <a href="/">more</a></h1>', "https://a.example/x", False),
    ('<h1>Title</h1>', "https://a.example/x", False),
])
def test_which_headings_name_the_site(heading, url, names_site):
    assert extract._names_the_site(BeautifulSoup(heading, "html.parser").h1, url) is names_site
