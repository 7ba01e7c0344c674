"""GitHub Pages output, deployment to a local bare repository, the offline
zip, the Kiwix ZIM, and a walk over every link of the sample build."""

import posixpath
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import CONFIG, ROOT, copy_project

PUBLISH_CONFIG = str(ROOT / "publishconf.py")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from arshif.build import build

    out = tmp_path_factory.mktemp("sample") / "output"
    result = build(CONFIG, {"OUTPUT_PATH": str(out)}, search=True)
    assert result.ok, result.pelican_errors + [str(p) for p in result.errors]
    result.out = out
    return result


def local_targets(out: Path):
    """(page, url) for every href/src of every HTML page and url() of every CSS file."""
    for page in sorted(out.rglob("*.html")):
        relative = page.relative_to(out).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            for attribute in ("href", "src", "srcset", "poster", "data"):
                value = element.get(attribute)
                if value:
                    for url in (v.strip().split(" ")[0] for v in value.split(",")) \
                            if attribute == "srcset" else [value]:
                        yield relative, url
    for sheet in sorted(out.rglob("*.css")):
        relative = sheet.relative_to(out).as_posix()
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            yield relative, url


def test_every_link_of_the_sample_build_resolves_to_a_file(sample):
    checked = 0
    for page, url in local_targets(sample.out):
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "data") or url.startswith("#"):
            continue
        if parts.scheme in ("http", "https"):
            # Only plain links may leave the site (share links, sources); checked
            # for loads in the browser tests.
            continue
        assert not parts.scheme and not parts.netloc, (page, url)
        assert not url.startswith("/"), f"{page}: root-absolute {url} breaks file://"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        assert not target.startswith(".."), (page, url)
        assert (sample.out / target).is_file(), f"{page}: {url} -> {target} is not a file"
        checked += 1
    assert checked > 5000


def test_nothing_is_loaded_from_elsewhere(sample):
    for page in sample.out.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["script", "img", "link", "iframe", "source", "video", "audio"]):
            url = element.get("src") or (element.get("href") if element.name == "link" else None)
            if element.name == "link" and "alternate" in element.get("rel", []) or \
                    element.name == "link" and "canonical" in element.get("rel", []):
                continue
            assert not url or not re.match(r"^(https?:)?//", url), (page, url)


def test_github_pages_files(sample):
    assert (sample.out / ".nojekyll").read_bytes() == b""
    assert not (sample.out / "CNAME").exists()


def test_publish_build_has_absolute_feed_urls_and_cname(tmp_path, monkeypatch):
    from arshif.build import build

    monkeypatch.setenv("ARSHIF_SITEURL", "https://news.example.org/archive/")
    monkeypatch.setenv("ARSHIF_CNAME", "news.example.org")
    out = tmp_path / "publish"
    result = build(PUBLISH_CONFIG, {"OUTPUT_PATH": str(out)})
    assert result.ok
    assert (out / "CNAME").read_text() == "news.example.org\n"
    feed = (out / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert '<link href="https://news.example.org/archive/20' in feed
    assert "https://news.example.org/archive/sitemap.xml" in (out / "robots.txt").read_text()


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def test_gh_pages_task_pushes_a_strict_build_to_a_bare_repository(tmp_path):
    bare = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(bare), cwd=tmp_path)
    work = copy_project(tmp_path / "work")
    git("init", "-q", cwd=work)
    git("remote", "add", "pages", str(bare), cwd=work)
    run = subprocess.run(["invoke", "gh-pages", "--remote", "pages", "--branch", "site"],
                         cwd=work, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    files = git("ls-tree", "-r", "--name-only", "site", cwd=bare).split("\n")
    assert "index.html" in files and ".nojekyll" in files and "ledger.json" in files
    assert any(f.startswith("2023/11/") for f in files)

    # A broken article: the strict build fails and nothing is pushed.
    before = git("rev-parse", "site", cwd=bare)
    broken = work / "content/articles/2023/11/broken.md"
    broken.write_text("---\ntitle: x\ndate: 2023-11\nsection: سياسة\n---\n", encoding="utf-8")
    run = subprocess.run(["invoke", "gh-pages", "--remote", "pages", "--branch", "site"],
                         cwd=work, capture_output=True, text=True)
    assert run.returncode == 1
    assert "content/articles/2023/11/broken.md:3: date:" in run.stderr
    assert git("rev-parse", "site", cwd=bare) == before


def test_offline_zip_has_the_readme_page_and_the_site(sample, tmp_path):
    from arshif.publish.bundle import README_NAME, make_zip

    target = tmp_path / "a.zip"
    count = make_zip(str(sample.out), str(target), "أرشيف", sample.summary)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names[0] == README_NAME and len(names) == count
        assert "index.html" in names and "search-index.js" in names
        readme = archive.read(README_NAME).decode("utf-8")
    assert 'href="index.html"' in readme and 'dir="rtl"' in readme
    again = tmp_path / "b.zip"
    make_zip(str(sample.out), str(again), "أرشيف", sample.summary)
    assert target.read_bytes() == again.read_bytes()


def test_zim_reads_back_with_libzim(sample, tmp_path):
    from libzim.reader import Archive
    from libzim.search import Query, Searcher

    from arshif.publish.zim import write_zim

    target = tmp_path / "archive.zim"
    count = write_zim(str(sample.out), str(target), name="arshif_ar_all", title="أرشيف",
                      description="أرشيف الأخبار", creator="أرشيف", publisher="أرشيف",
                      date="2025-10-07")
    archive = Archive(str(target))
    published = [r for r in sample.records if r["status"] == "published"
                 and r["source"].startswith("articles/")]
    assert archive.article_count == len(published)
    assert count == sum(1 for p in sample.out.rglob("*") if p.is_file()
                        and not p.relative_to(sample.out).as_posix().startswith("pagefind/"))
    assert archive.main_entry.get_item().path == "index.html"
    assert archive.get_metadata("Language").decode() == "ara"
    assert archive.get_metadata("Illustration_48x48@1")[:8] == b"\x89PNG\r\n\x1a\n"
    entry = archive.get_entry_by_path("2023/11/green-march-anniversary.html")
    assert "المسيرة الخضراء" in bytes(entry.get_item().content).decode("utf-8")
    search = Searcher(archive).search(Query().set_query("المسيرة الخضراء"))
    assert "2023/11/green-march-anniversary.html" in list(search.getResults(0, 10))


def test_lychee_finds_no_broken_link_or_fragment(sample):
    """A real link checker over the whole sample build, offline, fragments included."""
    lychee = shutil.which("lychee")
    if lychee is None:
        pytest.fail("lychee is missing: python3 -m pip install -r requirements.txt")
    run = subprocess.run([lychee, "--offline", "--include-fragments", "--no-progress",
                          "--root-dir", str(sample.out), "--format", "json",
                          str(sample.out) + "/**/*.html"], capture_output=True, text=True)
    import json

    report = json.loads(run.stdout)
    assert run.returncode == 0 and report["errors"] == 0, run.stdout[-3000:]
    assert report["total"] > 5000


def test_a_site_too_big_for_github_pages_is_refused_before_pushing(sample, tmp_path):
    from arshif.publish.gh_pages import SiteTooLarge, check_site_size, deploy, site_bytes

    size = site_bytes(str(sample.out))
    assert check_site_size(str(sample.out), size) == size
    with pytest.raises(SiteTooLarge, match=r"GitHub Pages publishes at most .* --no-search"):
        check_site_size(str(sample.out), size - 1, articles=50)
    # deploy() checks before ghp-import runs: no repository is needed to see it refuse.
    with pytest.raises(SiteTooLarge):
        deploy(str(sample.out), remote="nowhere", repo=str(tmp_path), limit=size - 1)


def test_publish_build_fails_when_the_site_exceeds_the_size_limit(tmp_path):
    work = copy_project(tmp_path / "work")
    (work / "tinyconf.py").write_text(
        "from publishconf import *\nARSHIF_MAX_SITE_BYTES = 100_000\n", encoding="utf-8")
    run = subprocess.run(["invoke", "build", "--no-search", "--settings", "tinyconf.py"],
                         cwd=work, capture_output=True, text=True)
    assert run.returncode == 1
    assert "GitHub Pages publishes at most 0.1 MB" in run.stderr and "KB per article" in run.stderr
    run = subprocess.run(["invoke", "build", "--no-search", "--settings", "publishconf.py"],
                         cwd=work, capture_output=True, text=True)
    assert run.returncode == 0 and re.search(r"output: [\d.,]+ MB", run.stdout), run.stdout
