"""Atom feeds that a validator accepts (issue #17, item 5): feedparser reads
them without complaint, the RFC 4287 elements are there (an author for the
feed or every entry, absolute ids, updated), links are absolute in publish
builds and work from the feed file in local ones, and entries carry the
article's full text."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

import feedparser
import pytest
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


@pytest.fixture
def archive(site):
    site.write("images/2023/map.png", PNG)
    site.add("2023/11/with-author", title="بقلم كاتب", author="سعاد العلمي",
             body="فقرة أولى.\n\n![خريطة](/images/2023/map.png)\n\nرابط [داخلي](/2023/11/no-author.html).")
    site.add("2023/11/no-author", title="بلا كاتب", date="2023-11-28 10:00",
             section="خارج الحدود/إفريقيا", body="نص كامل للخبر في الخلاصة.")
    return site


def feeds(output):
    return sorted(output.rglob("*.atom.xml"))


@pytest.mark.parametrize("siteurl", ["", "https://archive.example/ar"])
def test_every_feed_is_valid_atom_with_full_content(archive, siteurl):
    assert archive.build(SITEURL=siteurl).ok
    found = feeds(archive.output)
    assert len(found) >= 3  # the site, خارج الحدود, إفريقيا, سياسة
    for path in found:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        root = etree.fromstring(path.read_bytes(), etree.XMLParser(recover=False))
        assert root.find(f"{ATOM}author/{ATOM}name").text == "أرشيف"
        assert root.find(f"{ATOM}updated") is not None
        ids = [root.find(f"{ATOM}id").text] + [e.find(f"{ATOM}id").text
                                                for e in root.iter(f"{ATOM}entry")]
        assert all(re.match(r"^(https://|urn:uuid:)", i) for i in ids), ids
        assert len(set(ids)) == len(ids)
        site_path = path.relative_to(archive.output).as_posix()
        for entry in parsed.entries:
            assert entry.updated and entry.title and entry.link
            content = entry.content[0].value
            assert "<p>" in content
            for link in [entry.link, *re.findall(r'(?:src|href)="([^"]+)"', content)]:
                if siteurl:
                    assert link.startswith(siteurl + "/"), link
                    target = unquote(link[len(siteurl) + 1:])
                else:
                    assert not re.match(r"^[a-z]+:", link), link
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(site_path),
                                                               unquote(link)))
                assert (archive.output / target).is_file(), (path, link)
    parsed = feedparser.parse((archive.output / "feeds/all.atom.xml").read_bytes())
    by_title = {e.title: e for e in parsed.entries}
    assert by_title["بقلم كاتب"].author == "سعاد العلمي"
    assert "نص كامل للخبر في الخلاصة." in by_title["بلا كاتب"].content[0].value


def test_feed_ids_do_not_change_between_builds(archive):
    assert archive.build().ok
    first = (archive.output / "feeds/all.atom.xml").read_bytes()
    assert archive.build().ok
    assert (archive.output / "feeds/all.atom.xml").read_bytes() == first
