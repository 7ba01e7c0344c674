"""Benchmark Arshif against bare Pelican 4.12 on a synthetic Arabic archive.

    python3 benchmarks/bench.py --articles 10000 [--seed 1] [--no-bare] [--no-related]
                                [--workdir benchmarks/out] [--jobs N]
                                [--wait-idle SECONDS] [--profile]

Steps (each build runs in a fresh Python process, through a small wrapper
process that reports its wall time, CPU time and peak memory):

1. write the corpus twice, Arshif format and Pelican format
   (benchmarks/corpus.py; timed on its own, not part of any figure);
2. Arshif cold build into an empty output folder with an empty article cache;
3. Arshif rebuild after publishing one newest article (article N+1 of the
   corpus, dated after all the others), into the same output folder with the
   same caches; the output trees before and after are compared by content;
4. Arshif warm rebuild: one sentence appended to one article, rebuilt into
   the same output folder with the same cache;
4b. unless ``--no-search``: the build with search as ``invoke build`` runs
   it (pages reused, then Pagefind once per shard), then one new article
   published and the same build again (only its shard is indexed again; the
   search files changed, added and removed are counted);
5. bare Pelican 4.12 (default theme, benchmarks/bare_pelicanconf.py) on the
   Pelican-format corpus, unless ``--no-bare``;
6. related articles alone (load the archive without rendering, then time
   ``arshif.newsroom.related.compute``), unless ``--no-related``;
7. with ``--profile``, one more cold build under cProfile (not timed).

Prints a table and writes every figure to ``<workdir>/results-<N>.json``.
Exits 1 if a build fails (after printing the tail of its stderr).
``main(argv)`` takes the same arguments as a list (for ``invoke bench``).
See benchmarks/README.md for what each figure means and the targets.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import corpus  # noqa: E402  (benchmarks/corpus.py)

ARSHIF_CONFIG = os.path.join(REPO, "pelicanconf.py")
BARE_CONFIG = os.path.join(HERE, "bare_pelicanconf.py")
DEFAULT_WORKDIR = os.path.join(HERE, "out")
RESULT_MARK = "BENCH-RESULT "
EDIT_SENTENCE = "وأضاف المحرر هذه الجملة للتحقق من إعادة البناء الدافئ رقم 4711."
EDIT_PROBE = "للتحقق من إعادة البناء الدافئ"
STDERR_TAIL = 40

# Targets (README.md).  N is the article count of the run.
TARGET_COLD_VS_BARE = 0.2  # at 10k
TARGET_WARM_VS_COLD = 0.3
TARGET_PUBLISH_VS_COLD = 0.15  # rebuild after publishing one newest article
TARGET_PUBLISH_HTML = 40  # HTML files it changes, adds or removes
TARGET_PUBLISH_FILES = 120  # all files (Pagefind's bundle apart)
TARGET_KB_PER_ARTICLE = 15.0  # at 10k
TARGET_RSS_MB_100K = 3 * 1024
TARGET_TIME_100K_VS_10K = 12.0
TARGET_RELATED_SECONDS_100K = 5.0

# Runs a command with stdout/stderr sent to files and prints, as JSON, the
# wall time and the peak RSS of the command: RUSAGE_CHILDREN of this fresh
# process covers only that command and what it waited for (its worker
# processes), but ru_maxrss is the largest *single* process.  So on Linux it
# also samples, every 0.2 s, the memory of the whole process tree (sum of
# PSS, which counts pages shared after fork() once): peak_total.
MEASURE = r"""
import json, os, resource, subprocess, sys, time
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]

def descendants(root):
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    parents[int(name)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return tree

def memory_kb(pid):
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as handle:
                for line in handle:
                    if line.startswith(field):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
    return 0

sampling = os.path.isdir("/proc/self")
peak_total = 0
with open(out, "wb") as o, open(err, "wb") as e:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=o, stderr=e)
    while proc.poll() is None:
        if sampling:
            try:
                peak_total = max(peak_total, sum(memory_kb(p) for p in descendants(proc.pid)))
            except OSError:
                pass
        try:
            proc.wait(0.2)
        except subprocess.TimeoutExpired:
            pass
    seconds = time.perf_counter() - started
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": proc.returncode, "seconds": seconds, "maxrss": u.ru_maxrss,
                  "cpu": u.ru_utime + u.ru_stime,
                  "peak_total_kb": peak_total if sampling else None}))
"""

# The Arshif build, as ``invoke build`` runs it, plus one line of JSON.
ARSHIF_BUILD = r"""
import json, sys
repo, config, path, output, cache, jobs = sys.argv[1:7]
sys.path.insert(0, repo)
from arshif.build import build
# The article cache goes to the work folder: emptied for the cold build, kept
# for the warm one, and never the repository's own cache/.
overrides = {"PATH": path, "OUTPUT_PATH": output, "ARSHIF_CACHE_PATH": cache}
if jobs:
    overrides["ARSHIF_JOBS"] = int(jobs)
r = build(config, overrides=overrides)
print("%s" + json.dumps({
    "ok": r.ok, "summary": r.summary, "seconds": r.seconds,
    "errors": [str(p) for p in r.errors][:20], "error_count": len(r.errors),
    "warning_count": len(r.warnings), "pelican_errors": r.pelican_errors[:20],
    "cache_hits": getattr(r.generator, "archive_cache_hits", None),
    "rendered": getattr(getattr(r.generator, "render_stats", None), "rendered", None),
    "reused": getattr(getattr(r.generator, "render_stats", None), "reused", None),
    "phases": {k: round(v, 3) for k, v in getattr(r.generator, "phases", {}).items()},
}, ensure_ascii=False))
sys.exit(0 if r.ok else 1)
""" % RESULT_MARK

# Related articles on their own: read the archive (no article cache, so this
# includes Markdown), index the tags, then time arshif.newsroom.related.compute.
# Uses internal functions, so it reports an error instead of failing the
# benchmark if they change.
RELATED = r"""
import json, sys, time
repo, config, path = sys.argv[1:4]
sys.path.insert(0, repo)
from arshif.build import load_settings
from arshif.content import archive
from arshif.content.sections import SectionTree
from arshif.newsroom import related, taxonomy
settings = load_settings(config, {"PATH": path, "ARSHIF_CACHE_PATH": None})
tree = SectionTree(settings["ARSHIF_SECTIONS"])
started = time.perf_counter()
articles = archive.load(path, settings, tree).articles
load = time.perf_counter() - started
published = sorted((a for a in articles if a.is_published), key=lambda a: a.sort_key)
taxonomy.build_terms(published, "tag")
started = time.perf_counter()
result = related.compute(published, settings.get("ARSHIF_RELATED_COUNT", 5))
seconds = time.perf_counter() - started
print("%s" + json.dumps({"ok": True, "seconds": seconds, "load_seconds": load,
                         "articles": len(published),
                         "with_related": sum(1 for v in result.values() if v)}))
""" % RESULT_MARK


# The search step as `invoke build` runs it: the build (its pages all reused
# from the previous output, so quick) then Pagefind, one process per shard
# (arshif.outputs.search.run_pagefind), timed on its own as the issue asks;
# with the per-shard figures.  Run once cold (no shard indexed before) and once
# after publishing one article (only its shard is indexed again).
SEARCH = r"""
import dataclasses, json, sys
repo, config, path, output, cache = sys.argv[1:6]
sys.path.insert(0, repo)
from arshif.build import build
r = build(config, overrides={"PATH": path, "OUTPUT_PATH": output, "ARSHIF_CACHE_PATH": cache},
          search=True)
run = r.search_run
print("%s" + json.dumps({
    "ok": r.ok, "seconds": r.search_seconds, "build_seconds": r.seconds - r.search_seconds,
    "errors": r.pelican_errors[:5] + [str(p) for p in r.errors][:5],
    "shards": [dataclasses.asdict(s) for s in run.shards] if run else [],
}, ensure_ascii=False))
sys.exit(0 if r.ok else 1)
""" % RESULT_MARK
PUBLISHED_PROBE = "bench-published-article"


# The Arshif build under cProfile (--profile): a separate, slower run that
# is never used for the figures.
PROFILE = r"""
import cProfile, pstats, sys
repo, config, path, output, cache, stats_file, top = sys.argv[1:8]
sys.path.insert(0, repo)
from arshif.build import build
# One process (ARSHIF_JOBS=1): cProfile sees only the process it runs in, so
# with worker processes it would show the parent waiting on them.
profiler = cProfile.Profile()
r = profiler.runcall(build, config, overrides={"PATH": path, "OUTPUT_PATH": output,
                                               "ARSHIF_CACHE_PATH": cache, "ARSHIF_JOBS": 1})
profiler.dump_stats(stats_file)
print("build ok:", r.ok, r.summary)
for key in ("tottime", "cumulative"):
    print(f"\n--- top {top} by {key} ---")
    pstats.Stats(stats_file).strip_dirs().sort_stats(key).print_stats(int(top))
"""


# ---------------------------------------------------------------------------
# Measuring

def _maxrss_mb(value: int) -> float:
    """ru_maxrss is KiB on Linux, bytes on macOS."""
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


WAIT_IDLE = {"seconds": 0.0, "below": 1.0}


def wait_idle() -> None:
    """With --wait-idle S: wait (at most S seconds) for the 1-minute load
    average to drop below 1, so that another job does not skew wall times."""
    deadline = time.monotonic() + WAIT_IDLE["seconds"]
    announced = False
    while time.monotonic() < deadline:
        load = _load()
        if load is None or load < WAIT_IDLE["below"]:
            return
        if not announced:
            print(f"  waiting for the machine to be idle (load {load:.1f}) ...", flush=True)
            announced = True
        time.sleep(5)


def measure(cmd: list[str], log_prefix: str) -> dict:
    """Run ``cmd`` through the MEASURE wrapper; logs go to ``log_prefix.{out,err}``."""
    out, err = log_prefix + ".out", log_prefix + ".err"
    wait_idle()
    load_before = _load()
    wrapper = subprocess.run([sys.executable, "-c", MEASURE, out, err, *cmd],
                             capture_output=True, text=True, check=False)
    if wrapper.returncode != 0:
        raise RuntimeError(f"measuring wrapper failed: {wrapper.stderr}")
    figures = json.loads(wrapper.stdout.strip().splitlines()[-1])
    run = {
        "rc": figures["rc"],
        "wall_s": round(figures["seconds"], 3),
        "cpu_s": round(figures["cpu"], 3),
        "peak_rss_mb": round(_maxrss_mb(figures["maxrss"]), 1),
        "peak_total_mb": (round(figures["peak_total_kb"] / 1024, 1)
                          if figures.get("peak_total_kb") else None),
        "stdout": out,
        "stderr": err,
        # 1-minute load average before and after: above the CPU count,
        # something else was running and wall times are not comparable.
        "load_before": load_before,
        "load_after": _load(),
    }
    reported = _reported(out)
    if reported is not None:
        run["reported"] = reported
    return run


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _reported(path: str) -> dict | None:
    """The child's own JSON line (RESULT_MARK), if it printed one."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = [l for l in handle if l.startswith(RESULT_MARK)]
    except OSError:
        return None
    return json.loads(lines[-1][len(RESULT_MARK):]) if lines else None


def tail(path: str, lines: int = STDERR_TAIL) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return "".join(handle.readlines()[-lines:])
    except OSError:
        return ""


def output_figures(output: str, articles: int) -> dict:
    """Pages (.html files), total bytes and bytes per published article."""
    pages = files = size = 0
    for directory, _dirs, names in os.walk(output):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(directory, name))
            pages += name.endswith(".html")
    return {
        "pages": pages,
        "files": files,
        "output_bytes": size,
        "published": articles,
        "kb_per_article": round(size / 1024 / articles, 2) if articles else None,
    }


def published_from_ledger(output: str) -> int | None:
    try:
        with open(os.path.join(output, "ledger.json"), encoding="utf-8") as handle:
            records = json.load(handle)["sources"]
    except (OSError, ValueError, KeyError):
        return None
    return sum(1 for r in records if r.get("status") == "published")


def code_state() -> dict:
    """The commit measured, and whether files outside benchmarks/ differ from it
    (figures of a work tree in the middle of an edit are not comparable)."""
    def git(*args):
        try:
            return subprocess.run(["git", "-C", REPO, *args], capture_output=True, text=True,
                                  check=False, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return ""
    changed = [line[3:] for line in git("status", "--porcelain").splitlines()
               if line[3:] and not line[3:].startswith("benchmarks/")]
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or None,
            "changed_files": len(changed), "changed": changed[:50]}


def remove(path: str) -> None:
    if os.path.isdir(path):
        shutil.rmtree(path)


def pelican_command() -> list[str]:
    if importlib.util.find_spec("pelican.__main__") is not None:
        return [sys.executable, "-m", "pelican"]
    script = shutil.which("pelican")
    if script is None:
        raise RuntimeError("neither 'python3 -m pelican' nor a 'pelican' script is available")
    return [script]


# ---------------------------------------------------------------------------
# The steps

def build_arshif(corpus_root: str, output: str, cache: str, logs: str, name: str,
                 jobs: int | None) -> dict:
    cmd = [sys.executable, "-c", ARSHIF_BUILD, REPO, ARSHIF_CONFIG, corpus_root, output,
           cache, str(jobs or "")]
    run = measure(cmd, os.path.join(logs, name))
    run["ok"] = run["rc"] == 0 and run.get("reported", {}).get("ok", False)
    return run


def build_bare(corpus_root: str, output: str, logs: str) -> dict:
    remove(output)
    cmd = [*pelican_command(), corpus_root, "-o", output, "-s", BARE_CONFIG]
    run = measure(cmd, os.path.join(logs, "bare"))
    text = tail(run["stdout"], 200) + tail(run["stderr"], 2000)
    run["logged_errors"] = sum(1 for line in text.splitlines()
                               if " ERROR " in f" {line} " or "CRITICAL" in line)
    run["ok"] = run["rc"] == 0 and "Done: Processed" in text
    return run


SEARCH_FILES = ("pagefind", "search")  # and search-index.js, the offline manifest


def search_digests(output: str) -> dict[str, tuple[int, str]]:
    """(size, sha256) of every search file: pagefind/, search/, search-index.js."""
    import hashlib

    found = {}
    tops = [os.path.join(output, top) for top in SEARCH_FILES]
    for top in tops:
        for directory, _dirs, names in os.walk(top):
            for name in names:
                path = os.path.join(directory, name)
                with open(path, "rb") as handle:
                    data = handle.read()
                found[os.path.relpath(path, output)] = (len(data), hashlib.sha256(data).hexdigest())
    manifest = os.path.join(output, "search-index.js")
    if os.path.isfile(manifest):
        with open(manifest, "rb") as handle:
            data = handle.read()
        found["search-index.js"] = (len(data), hashlib.sha256(data).hexdigest())
    return found


def index_search(corpus_root: str, output: str, cache: str, logs: str, name: str,
                 published: int) -> dict:
    """``invoke build`` with search over the built output (pages reused): the
    Pagefind step's time, its per-shard peaks and files; pagefind/ is counted
    apart from the cold build's KB/article."""
    cmd = [sys.executable, "-c", SEARCH, REPO, ARSHIF_CONFIG, corpus_root, output, cache]
    run = measure(cmd, os.path.join(logs, name))
    reported = run.get("reported") or {}
    run["ok"] = run["rc"] == 0 and reported.get("ok", False)
    shards = reported.get("shards", [])
    run["shards"] = shards
    run["seconds"] = reported.get("seconds")
    run["build_seconds"] = reported.get("build_seconds")
    built = [s for s in shards if s["built"]]
    peaks = [s["peak_rss_mb"] for s in built if s.get("peak_rss_mb") is not None]
    run["pagefind_peak_mb"] = round(max(peaks), 1) if peaks else None
    run["shards_built"] = len(built)
    run["bytes"] = sum(s["bytes"] for s in shards)
    run["files"] = sum(s["files"] for s in shards)
    run["kb_per_article"] = round(run["bytes"] / 1024 / published, 2) if published else None
    run["offline_bytes"] = sum(size for path, (size, _h) in search_digests(output).items()
                               if not path.startswith("pagefind"))
    return run


def publish_one_article(corpus_root: str) -> str:
    """Write one new article, the newest of the archive and in its newest year
    (the corpus ends on 2025-12-31 23:59); returns its source path."""
    import corpus as corpus_module

    section = corpus_module.sections_from_settings()[0][0]
    path = os.path.join(corpus_root, "articles", "2025", "12", f"{PUBLISHED_PROBE}.md")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    paragraphs = "\n\n".join([EDIT_SENTENCE] * 6)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"---\ntitle: \"خبر جديد للتحقق من النشر\"\ndate: 2025-12-31 23:59:59\n"
                     f"section: {section}\ntags: [\"النشر\"]\n---\n\n{paragraphs}\n")
    return path


def search_after_publishing(corpus_root: str, output: str, cache: str, logs: str,
                            published: int) -> dict:
    """Publish one article and build with search again: which search files
    changed, were added or removed (by content), and which shards were indexed
    again.  The article is removed from the corpus afterwards."""
    before = search_digests(output)
    source = publish_one_article(corpus_root)
    try:
        run = index_search(corpus_root, output, cache, logs, "search-publish", published + 1)
    finally:
        os.remove(source)
    after = search_digests(output)
    run["search_files"] = len(after)
    run["changed"] = sum(1 for p in before.keys() & after.keys() if before[p] != after[p])
    run["added"] = len(after.keys() - before.keys())
    run["removed"] = len(before.keys() - after.keys())
    run["changed_bytes"] = sum(after[p][0] for p in after
                               if before.get(p) != after[p])
    run["rebuilt"] = [s["name"] for s in run["shards"] if s["built"]]
    return run


def edit_one_article(corpus_root: str) -> tuple[str, str]:
    """Append a sentence to the middle article (in file order); return its
    source path and the output path Arshif gives it (YYYY/MM/slug.html)."""
    sources = []
    for directory, _dirs, names in os.walk(os.path.join(corpus_root, "articles")):
        sources.extend(os.path.join(directory, n) for n in names if n.endswith(".md"))
    sources.sort()
    source = sources[len(sources) // 2]
    with open(source, "a", encoding="utf-8") as handle:
        handle.write("\n" + EDIT_SENTENCE + "\n")
    year, month, name = os.path.relpath(source, os.path.join(corpus_root, "articles")).split(os.sep)
    return source, f"{year}/{month}/{name[:-3]}.html"


def publish_newest_article(corpus_root: str, n: int, seed: int) -> tuple[str, str]:
    """Write article N+1 of the corpus (a typical one: tags, section, body
    drawn like the others), dated after every other article: a newsroom
    publishing today.  Returns its source path and its output path."""
    *_, article = corpus.iter_articles(n + 1, seed)
    moment = corpus.LAST_DAY + corpus.timedelta(days=1, hours=9)
    article["date"] = moment.strftime("%Y-%m-%d %H:%M")
    folder = os.path.join(corpus_root, "articles", f"{moment.year:04d}", f"{moment.month:02d}")
    os.makedirs(folder, exist_ok=True)
    source = os.path.join(folder, article["slug"] + ".md")
    with open(source, "w", encoding="utf-8") as handle:
        handle.write(corpus.render_arshif(article))
    return source, f"{moment.year:04d}/{moment.month:02d}/{article['slug']}.html"


def tree_hashes(output: str, skip: tuple[str, ...] = ("pagefind/",)) -> dict[str, tuple[str, int]]:
    """Site path -> (SHA-1, size) of every file of a built site; Pagefind's
    bundle is left out (it is measured apart)."""
    import hashlib

    found = {}
    for directory, _dirs, names in os.walk(output):
        for name in names:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, output).replace(os.sep, "/")
            if relative.startswith(skip):
                continue
            with open(path, "rb") as handle:
                data = handle.read()
            found[relative] = (hashlib.sha1(data).hexdigest(), len(data))
    return found


def tree_changes(before: dict, after: dict) -> dict:
    """What a rebuild changed, by content: files changed, added, removed
    (HTML pages among them) and the bytes a deployment would upload."""
    changed = sorted(p for p in before.keys() & after.keys() if before[p][0] != after[p][0])
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    touched = changed + added + removed
    return {
        "changed": len(changed), "added": len(added), "removed": len(removed),
        "files": len(touched),
        "html": sum(1 for p in touched if p.endswith(".html")),
        "bytes_changed": sum(after[p][1] for p in changed + added),
        "bytes_removed": sum(before[p][1] for p in removed),
        "paths": {"changed": changed[:200], "added": added[:200], "removed": removed[:200]},
    }


def related_only(corpus_root: str, logs: str) -> dict:
    cmd = [sys.executable, "-c", RELATED, REPO, ARSHIF_CONFIG, corpus_root]
    run = measure(cmd, os.path.join(logs, "related"))
    run["ok"] = run["rc"] == 0 and "reported" in run
    return run


def contains(path: str, needle: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            return needle in handle.read()
    except OSError:
        return False


# ---------------------------------------------------------------------------
# Report

def _ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def targets(results: dict, workdir: str) -> list[dict]:
    """Each target with the figure measured in this run (None: not measured)."""
    n = results["articles"]
    cold = results["arshif"].get("cold", {})
    changes = (results["arshif"].get("publish") or {}).get("changes") or {}
    ratios = results["ratios"]
    out = [
        {"target": f"cold build <= {TARGET_COLD_VS_BARE}x bare Pelican (at 10k)",
         "value": ratios.get("arshif_cold_vs_bare"), "limit": TARGET_COLD_VS_BARE,
         "applies": n == 10000},
        {"target": f"warm rebuild <= {TARGET_WARM_VS_COLD}x cold",
         "value": ratios.get("warm_vs_cold"), "limit": TARGET_WARM_VS_COLD, "applies": True},
        {"target": f"publishing one article: rebuild <= {TARGET_PUBLISH_VS_COLD}x cold",
         "value": ratios.get("publish_vs_cold"), "limit": TARGET_PUBLISH_VS_COLD,
         "applies": n >= 10000},
        {"target": f"publishing one article: <= {TARGET_PUBLISH_HTML} HTML files written",
         "value": changes.get("html"), "limit": TARGET_PUBLISH_HTML, "applies": n >= 10000},
        {"target": f"publishing one article: <= {TARGET_PUBLISH_FILES} files written",
         "value": changes.get("files"), "limit": TARGET_PUBLISH_FILES, "applies": n >= 10000},
        {"target": f"output <= {TARGET_KB_PER_ARTICLE:g} KB per article (at 10k)",
         "value": cold.get("kb_per_article"), "limit": TARGET_KB_PER_ARTICLE,
         "applies": n == 10000},
        {"target": f"  the same with the Pagefind index (what `invoke build` deploys)",
         "value": (cold.get("kb_per_article") + results["search"]["kb_per_article"]
                   if cold.get("kb_per_article") is not None
                   and results.get("search", {}).get("ok") else None),
         "limit": TARGET_KB_PER_ARTICLE, "applies": n == 10000},
        {"target": f"Pagefind peak <= {TARGET_RSS_MB_100K} MB (largest shard, at 100k)",
         "value": results.get("search", {}).get("pagefind_peak_mb"),
         "limit": TARGET_RSS_MB_100K, "applies": n == 100000},
        {"target": f"peak memory <= {TARGET_RSS_MB_100K} MB (at 100k)",
         "value": _peak(cold), "limit": TARGET_RSS_MB_100K, "applies": n == 100000},
        {"target": f"related articles < {TARGET_RELATED_SECONDS_100K:g} s (at 100k)",
         "value": results.get("related", {}).get("seconds"),
         "limit": TARGET_RELATED_SECONDS_100K, "applies": n == 100000},
    ]
    if n == 100000:
        ten = os.path.join(workdir, "results-10000.json")
        value = None
        try:
            with open(ten, encoding="utf-8") as handle:
                ten_cold = json.load(handle)["arshif"]["cold"]["wall_s"]
            value = _ratio(cold.get("wall_s"), ten_cold)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        out.append({"target": f"100k time <= {TARGET_TIME_100K_VS_10K:g}x the 10k time "
                              "(results-10000.json of this workdir)",
                    "value": value, "limit": TARGET_TIME_100K_VS_10K, "applies": True})
    for item in out:
        value = item["value"] = None if item["value"] is None else round(item["value"], 3)
        item["met"] = None if value is None else value <= item["limit"]
    return out


def _peak(run: dict):
    """The larger of the biggest single process and the whole process tree."""
    values = [v for v in (run.get("peak_rss_mb"), run.get("peak_total_mb")) if v is not None]
    return max(values) if values else None


def _fmt(value, spec="", none="-"):
    return none if value is None else format(value, spec)


def print_shards(results: dict, search: dict) -> None:
    shards = search["shards"]
    biggest = max(shards, key=lambda s: s["pages"])
    peak = max((s for s in shards if s.get("peak_rss_mb") is not None),
               key=lambda s: s["peak_rss_mb"], default=None)
    files = sorted(s["files"] for s in shards)
    published = results["arshif"]["cold"].get("published") or results["articles"]
    print(f"  {len(shards)} Pagefind bundles (one per year, one per month of the newest), "
          f"{search['files']:,} files, "
          f"{search['bytes'] / published:,.0f} B/article; largest {biggest['name']} "
          f"({biggest['pages']:,} pages); files per bundle {files[0]:,}-{files[-1]:,} "
          f"(median {files[len(files) // 2]:,})"
          + (f"; peak {peak['peak_rss_mb']:,.0f} MB ({peak['name']}, {peak['pages']:,} pages, "
             f"{peak['peak_rss_mb'] * 1024 / peak['pages']:,.0f} KB/page)" if peak else ""))
    print(f"  offline index (search-index.js + search/YYYY.js): "
          f"{search['offline_bytes'] / published:,.0f} B/article")
    again = results.get("search_publish")
    if again and again.get("ok"):
        print(f"  after publishing one article: Pagefind re-ran on {', '.join(again['rebuilt'])} "
              f"only ({again['seconds']:.2f} s, peak "
              f"{_fmt(again.get('pagefind_peak_mb'), ',.0f')} MB); search files changed "
              f"{again['changed']}, added {again['added']}, removed {again['removed']} of "
              f"{again['search_files']:,} ({again['changed_bytes'] / 1024:,.0f} KB to upload)")


def print_table(results: dict) -> None:
    n = results["articles"]
    print()
    print(f"Arshif benchmark: {n:,} articles, seed {results['seed']}, "
          f"{results['machine']['cpus']} CPUs, Python {results['machine']['python']}, "
          f"Pelican {results['machine']['pelican']}")
    code = results["code"]
    print(f"code: commit {code['commit']}"
          + (f" + {code['changed_files']} changed files (outside benchmarks/)"
             if code["changed_files"] else " (clean)"))
    gen = results["corpus"]
    print(f"corpus: {gen['arshif']['bytes_per_article']:,} B/article, "
          f"{gen['arshif']['tags']:,} distinct tags used, generated in "
          f"{gen['arshif']['seconds']:.1f} s (Arshif format)"
          + (f" + {gen['pelican']['seconds']:.1f} s (Pelican format)" if "pelican" in gen else ""))
    print()
    header = (f"{'build':<24}{'wall s':>8}{'CPU s':>8}{'RSS MB':>8}{'tree MB':>9}"
              f"{'pages':>8}{'KB/art.':>9}  status")
    print(header)
    print("-" * len(header))
    rows = [("Arshif cold", results["arshif"].get("cold")),
            ("Arshif publish (1 new)", results["arshif"].get("publish")),
            ("Arshif warm (1 edit)", results["arshif"].get("warm")),
            ("bare Pelican 4.12", results.get("bare"))]
    for label, run in rows:
        if not run:
            continue
        status = "ok" if run.get("ok") else "FAILED"
        if label.startswith("Arshif publish") and run.get("ok"):
            status += ", page written" if run.get("page_visible") else ", PAGE NOT IN OUTPUT"
        if label.startswith("Arshif warm") and run.get("ok"):
            status += ", edit visible" if run.get("edit_visible") else ", EDIT NOT IN OUTPUT"
        if label.startswith("bare") and run.get("logged_errors"):
            status += f", {run['logged_errors']} logged errors"
        hits = (run.get("reported") or {}).get("cache_hits")
        if label.startswith("Arshif") and hits is not None:
            status += f", {hits:,} cache hits"
        reused = (run.get("reported") or {}).get("reused")
        if label.startswith("Arshif") and reused is not None:
            status += f", {reused:,} pages reused"
        print(f"{label:<24}{_fmt(run.get('wall_s'), '.2f'):>8}{_fmt(run.get('cpu_s'), '.2f'):>8}"
              f"{_fmt(run.get('peak_rss_mb'), '.0f'):>8}{_fmt(run.get('peak_total_mb'), '.0f'):>9}"
              f"{_fmt(run.get('pages'), ','):>8}{_fmt(run.get('kb_per_article'), '.2f'):>9}"
              f"  {status}")
    search = results.get("search")
    if search:
        print(f"{'search index (Pagefind)':<24}{_fmt(search.get('seconds'), '.2f'):>8}"
              f"{_fmt(search.get('cpu_s'), '.2f'):>8}{_fmt(search.get('pagefind_peak_mb'), '.0f'):>8}"
              f"{_fmt(search.get('peak_total_mb'), '.0f'):>9}{'':>8}"
              f"{_fmt(search.get('kb_per_article'), '.2f'):>9}"
              f"  {'ok' if search.get('ok') else 'FAILED'} (not in the cold build's time; wall s: "
              f"Pagefind alone; RSS: largest Pagefind process; tree: with the build; "
              f"KB/art. of pagefind/ alone)")
    if search and search.get("shards"):
        print_shards(results, search)
    related = results.get("related")
    if related:
        if related.get("ok"):
            print(f"{'related articles only':<24}{related['seconds']:>8.2f}"
                  f"{'':>8}{'':>8}{'':>9}{'':>8}{'':>9}  ok (reading the archive "
                  f"first: {related['load_seconds']:.1f} s, not counted)")
        else:
            print(f"{'related articles only':<24}{'-':>8}  not measured: "
                  f"{related.get('error', 'failed')}")
    print()
    changes = (results["arshif"].get("publish") or {}).get("changes")
    if changes:
        print(f"publishing one newest article (content compared with the tree before): "
              f"{changes['changed']:,} files changed, {changes['added']:,} added, "
              f"{changes['removed']:,} removed ({changes['html']:,} HTML); "
              f"{changes['bytes_changed'] / 1024:,.1f} KB written, "
              f"{changes['bytes_removed'] / 1024:,.1f} KB removed")
        print("  " + ", ".join(changes["paths"]["changed"][:60]
                               + [f"+{p}" for p in changes["paths"]["added"][:20]]
                               + [f"-{p}" for p in changes["paths"]["removed"][:20]]))
    for label, key in (("cold", "cold"), ("publish", "publish"), ("warm", "warm")):
        run = results["arshif"].get(key) or {}
        phases = (run.get("reported") or {}).get("phases")
        if phases:
            total = (run.get("reported") or {}).get("seconds") or 0.0
            rest = total - sum(phases.values())
            parts = [f"{name} {ms * 1000:,.0f}" for name, ms in phases.items()]
            parts.append(f"Pelican, theme files, swap {rest * 1000:,.0f}")
            parts.append(f"start-up {max(0.0, (run.get('wall_s') or 0) - total) * 1000:,.0f}")
            print(f"ms per phase, {label}: " + "; ".join(parts))
    print()
    ratios = results["ratios"]
    print(f"Arshif cold / bare Pelican: {_fmt(ratios.get('arshif_cold_vs_bare'), '.3f')}   "
          f"Arshif warm / cold: {_fmt(ratios.get('warm_vs_cold'), '.3f')}   "
          f"publish / cold: {_fmt(ratios.get('publish_vs_cold'), '.3f')}   "
          f"RSS Arshif / bare: {_fmt(ratios.get('arshif_rss_vs_bare'), '.2f')}")
    print(f"same in CPU time: Arshif cold / bare {_fmt(ratios.get('arshif_cold_vs_bare_cpu'), '.3f')}"
          f"   warm / cold {_fmt(ratios.get('warm_vs_cold_cpu'), '.3f')}")
    busy = [f"{label} {run['load_before']:.1f}"
            for label, run in rows if run and (run.get("load_before") or 0) > 1.0]
    if busy:
        print(f"WARNING: the machine was busy (1-min load average before: {', '.join(busy)}; "
              f"{results['machine']['cpus']} CPUs): wall times are noisy")
    print("RSS MB: largest single process (ru_maxrss); tree MB: peak sum of PSS of the build "
          "and its worker processes (sampled every 0.2 s)")
    print()
    print("targets:")
    for item in results["targets"]:
        mark = {True: "met", False: "MISSED", None: "not measured"}[item["met"]]
        scope = "" if item["applies"] else "  (indicative: applies at another size)"
        print(f"  {item['target']:<58} {_fmt(item['value'], 'g'):>9}  {mark}{scope}")
    print()


# ---------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="bench.py", description="Arshif vs bare Pelican 4.12 on a synthetic archive.")
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--no-bare", action="store_true", help="skip bare Pelican")
    parser.add_argument("--no-search", action="store_true",
                        help="skip the Pagefind step (timed apart from the build)")
    parser.add_argument("--no-related", action="store_true",
                        help="skip timing related articles on their own")
    parser.add_argument("--related-only", action="store_true",
                        help="write the corpus and time related articles only: no builds "
                             "(checks the 100k related target without a 100k build)")
    parser.add_argument("--workdir", default=DEFAULT_WORKDIR,
                        help="corpora, sites, logs and results (default benchmarks/out/)")
    parser.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                        help="before each build, wait up to SECONDS for the 1-minute load "
                             "average to drop below 1 (default 0: do not wait)")
    parser.add_argument("--profile", action="store_true",
                        help="also run one cold Arshif build under cProfile, in one "
                             "process (ARSHIF_JOBS=1; not timed): "
                             "<workdir>/profile-N.pstats and profile-N.txt")
    parser.add_argument("--jobs", type=int, default=None,
                        help="passed to the Arshif build as the ARSHIF_JOBS setting "
                             "(default: not set, the build's own default)")
    args = parser.parse_args(argv)
    if args.related_only:
        if args.no_related:
            parser.error("--related-only and --no-related contradict each other")
        args.no_bare = True
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    return args


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    n = args.articles
    WAIT_IDLE["seconds"] = args.wait_idle
    workdir = os.path.abspath(args.workdir)
    corpus_dir = os.path.join(workdir, f"corpus-{n}")
    site_dir = os.path.join(workdir, f"site-{n}")
    logs = os.path.join(workdir, f"logs-{n}")
    remove(logs)  # no log of an earlier run may pass for this one's
    for folder in (site_dir, logs):
        os.makedirs(folder, exist_ok=True)
    arshif_corpus = os.path.join(corpus_dir, "arshif")
    pelican_corpus = os.path.join(corpus_dir, "pelican")
    arshif_out = os.path.join(site_dir, "arshif")
    arshif_cache = os.path.join(site_dir, "cache")
    bare_out = os.path.join(site_dir, "bare")

    import pelican
    results = {
        "articles": n,
        "seed": args.seed,
        "jobs": args.jobs,
        "related_only": args.related_only,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "pelican": getattr(pelican, "__version__", "?"),
                    "platform": platform.platform()},
        "code": code_state(),
        "corpus": {},
        "arshif": {},
        "ratios": {},
    }
    failures = []

    print(f"writing the corpus ({n:,} articles) ...", flush=True)
    results["corpus"]["arshif"] = corpus.generate(arshif_corpus, n, args.seed, "arshif")
    if not args.no_bare:
        results["corpus"]["pelican"] = corpus.generate(pelican_corpus, n, args.seed, "pelican")
    elif os.path.isdir(pelican_corpus):
        shutil.rmtree(pelican_corpus)

    if args.related_only:
        cold = {"ok": False, "skipped": True}
    else:
        # Arshif cold: an empty output folder, no staging left over, empty cache.
        for folder in (arshif_out, arshif_out + ".partial", arshif_out + ".old", arshif_cache):
            remove(folder)
        print("Arshif cold build ...", flush=True)
        cold = build_arshif(arshif_corpus, arshif_out, arshif_cache, logs, "arshif-cold",
                            args.jobs)
        results["arshif"]["cold"] = cold
    if cold.get("skipped"):
        pass
    elif cold["ok"]:
        published = published_from_ledger(arshif_out) or n
        cold.update(output_figures(arshif_out, published))
        # Publishing: one new article, the newest, into the archive just built.
        before = tree_hashes(arshif_out)
        source, output_file = publish_newest_article(arshif_corpus, n, args.seed)
        print(f"Arshif rebuild after publishing one newest article "
              f"({os.path.relpath(source, arshif_corpus)}) ...", flush=True)
        publish = build_arshif(arshif_corpus, arshif_out, arshif_cache, logs, "arshif-publish",
                               args.jobs)
        publish["published"] = os.path.relpath(source, arshif_corpus)
        results["arshif"]["publish"] = publish
        if publish["ok"]:
            publish.update(output_figures(arshif_out, published_from_ledger(arshif_out) or n + 1))
            publish["page_visible"] = os.path.isfile(os.path.join(arshif_out, output_file))
            publish["changes"] = tree_changes(before, tree_hashes(arshif_out))
        else:
            failures.append(("Arshif rebuild after publishing", publish))
        source, output_file = edit_one_article(arshif_corpus)
        print(f"Arshif warm rebuild (edited {os.path.relpath(source, arshif_corpus)}) ...",
              flush=True)
        warm = build_arshif(arshif_corpus, arshif_out, arshif_cache, logs, "arshif-warm",
                            args.jobs)
        warm["edited"] = os.path.relpath(source, arshif_corpus)
        results["arshif"]["warm"] = warm
        if warm["ok"]:
            warm.update(output_figures(arshif_out, published_from_ledger(arshif_out) or n))
            warm["edit_visible"] = contains(os.path.join(arshif_out, output_file), EDIT_PROBE)
        else:
            failures.append(("Arshif warm rebuild", warm))
        if not args.no_search and warm["ok"]:
            print("search index (Pagefind, one bundle per shard) ...", flush=True)
            search = index_search(arshif_corpus, arshif_out, arshif_cache, logs, "search",
                                  published)
            results["search"] = search
            if search["ok"]:
                print("search index after publishing one article ...", flush=True)
                again = search_after_publishing(arshif_corpus, arshif_out, arshif_cache, logs,
                                                published)
                results["search_publish"] = again
                if not again["ok"]:
                    failures.append(("search index after publishing", again))
            else:
                failures.append(("search index", search))
    else:
        failures.append(("Arshif cold build", cold))

    if not args.no_bare:
        print("bare Pelican 4.12 build ...", flush=True)
        bare = build_bare(pelican_corpus, bare_out, logs)
        results["bare"] = bare
        if bare["ok"]:
            bare.update(output_figures(bare_out, n))
        else:
            failures.append(("bare Pelican build", bare))

    if not args.no_related:
        print("related articles on their own ...", flush=True)
        run = related_only(arshif_corpus, logs)
        related = {"ok": run["ok"], "wall_s": run["wall_s"], "peak_rss_mb": run["peak_rss_mb"]}
        if run["ok"]:
            related.update(run["reported"])
            related["seconds"] = round(related["seconds"], 3)
            related["load_seconds"] = round(related["load_seconds"], 3)
        else:
            last = [l for l in tail(run["stderr"], 5).splitlines() if l.strip()]
            related["error"] = last[-1] if last else f"exit code {run['rc']}"
        results["related"] = related

    if args.profile:
        print("Arshif build under cProfile ...", flush=True)
        stats_file = os.path.join(workdir, f"profile-{n}.pstats")
        report = os.path.join(workdir, f"profile-{n}.txt")
        profiled_out = os.path.join(site_dir, "arshif-profiled")
        profiled_cache = os.path.join(site_dir, "cache-profiled")  # empty: a cold build
        for folder in (profiled_out, profiled_out + ".partial", profiled_cache):
            remove(folder)
        with open(report, "w", encoding="utf-8") as handle:
            subprocess.run([sys.executable, "-c", PROFILE, REPO, ARSHIF_CONFIG, arshif_corpus,
                            profiled_out, profiled_cache, stats_file, "30"], stdout=handle,
                           stderr=subprocess.STDOUT, check=False)
        for folder in (profiled_out, profiled_out + ".partial", profiled_out + ".old",
                       profiled_cache):
            remove(folder)
        results["profile"] = {"pstats": stats_file, "report": report}

    warm = results["arshif"].get("warm") or {}
    publish = results["arshif"].get("publish") or {}
    bare = results.get("bare") or {}
    ok_cold = cold.get("wall_s") if cold["ok"] else None
    results["ratios"] = {
        "arshif_cold_vs_bare": _ratio(ok_cold, bare.get("wall_s") if bare.get("ok") else None),
        "warm_vs_cold": _ratio(warm.get("wall_s") if warm.get("ok") else None, ok_cold),
        "publish_vs_cold": _ratio(publish.get("wall_s") if publish.get("ok") else None, ok_cold),
        "arshif_cold_vs_bare_cpu": _ratio(cold.get("cpu_s") if cold["ok"] else None,
                                          bare.get("cpu_s") if bare.get("ok") else None),
        "warm_vs_cold_cpu": _ratio(warm.get("cpu_s") if warm.get("ok") else None,
                                   cold.get("cpu_s") if cold["ok"] else None),
        "arshif_rss_vs_bare": _ratio(cold.get("peak_rss_mb") if cold["ok"] else None,
                                     bare.get("peak_rss_mb") if bare.get("ok") else None),
        "arshif_tree_vs_bare": _ratio(cold.get("peak_total_mb") if cold["ok"] else None,
                                      bare.get("peak_total_mb") if bare.get("ok") else None),
    }
    results["targets"] = targets(results, workdir)

    # A related-only run must not replace the figures of a full run.
    results_file = os.path.join(workdir, f"results-{n}{'-related' if args.related_only else ''}.json")
    with open(results_file, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=1)
        handle.write("\n")

    print_table(results)
    print(f"results: {results_file}")
    if "profile" in results:
        print(f"profile: {results['profile']['report']}")
    for label, run in failures:
        print(f"\n{label} FAILED (exit code {run['rc']}); last lines of {run['stderr']}:",
              file=sys.stderr)
        reported = run.get("reported") or {}
        for message in reported.get("errors", []) + reported.get("pelican_errors", []):
            print(f"  {message}", file=sys.stderr)
        print(tail(run["stderr"]), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
