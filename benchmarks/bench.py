"""Benchmark Arshif against bare Pelican 4.12 on a synthetic Arabic archive.

    python3 benchmarks/bench.py --articles 10000 [--seed 1] [--no-bare]
                                [--workdir benchmarks/out] [--jobs N]

Steps (each build runs in a fresh Python process, through a small wrapper
process that reports the wall time and the peak RSS of its child):

1. write the corpus twice, Arshif format and Pelican format
   (benchmarks/corpus.py; timed on its own, not part of any figure);
2. Arshif cold build into an empty output folder;
3. Arshif warm rebuild: one sentence appended to one article, rebuilt into
   the same output folder;
4. bare Pelican 4.12 (default theme, benchmarks/bare_pelicanconf.py) on the
   Pelican-format corpus, unless ``--no-bare``;
5. related articles alone (load the archive without rendering, then time
   ``arshif.related.compute``), unless ``--no-related``.

Prints a table and writes every figure to ``<workdir>/results-<N>.json``.
Exits 1 if a build fails (after printing the tail of its stderr).
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
TARGET_KB_PER_ARTICLE = 12.0  # at 10k
TARGET_RSS_MB_100K = 3 * 1024
TARGET_TIME_100K_VS_10K = 12.0
TARGET_RELATED_SECONDS_100K = 5.0

# Runs a command with stdout/stderr sent to files and prints, as JSON, the
# wall time and the peak RSS of the command (and of anything it waited for):
# RUSAGE_CHILDREN of this fresh process covers only that one command.
MEASURE = r"""
import json, resource, subprocess, sys, time
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out, "wb") as o, open(err, "wb") as e:
    started = time.perf_counter()
    rc = subprocess.call(cmd, stdout=o, stderr=e)
    seconds = time.perf_counter() - started
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "seconds": seconds, "maxrss": u.ru_maxrss,
                  "cpu": u.ru_utime + u.ru_stime}))
"""

# The Arshif build, as ``invoke build`` runs it, plus one line of JSON.
ARSHIF_BUILD = r"""
import json, sys
repo, config, path, output, jobs = sys.argv[1:6]
sys.path.insert(0, repo)
from arshif.build import build
overrides = {"PATH": path, "OUTPUT_PATH": output}
if jobs:
    overrides["ARSHIF_JOBS"] = int(jobs)
r = build(config, overrides=overrides)
print("%s" + json.dumps({
    "ok": r.ok, "summary": r.summary, "seconds": r.seconds,
    "errors": [str(p) for p in r.errors][:20], "error_count": len(r.errors),
    "warning_count": len(r.warnings), "pelican_errors": r.pelican_errors[:20],
}, ensure_ascii=False))
sys.exit(0 if r.ok else 1)
""" % RESULT_MARK

# Related articles on their own: read the archive without rendering Markdown,
# index the tags, then time arshif.related.compute.  Uses internal functions,
# so it reports an error instead of failing the benchmark if they change.
RELATED = r"""
import json, sys, time
repo, config, path = sys.argv[1:4]
sys.path.insert(0, repo)
from arshif.build import load_settings
from arshif.generator import load_archive
from arshif.sections import SectionTree
from arshif import related, taxonomy
settings = load_settings(config, {"PATH": path})
tree = SectionTree(settings["ARSHIF_SECTIONS"])
started = time.perf_counter()
articles = load_archive(path, settings, tree, render=False)[0]
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


# ---------------------------------------------------------------------------
# Measuring

def _maxrss_mb(value: int) -> float:
    """ru_maxrss is KiB on Linux, bytes on macOS."""
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def measure(cmd: list[str], log_prefix: str) -> dict:
    """Run ``cmd`` through the MEASURE wrapper; logs go to ``log_prefix.{out,err}``."""
    out, err = log_prefix + ".out", log_prefix + ".err"
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
        "stdout": out,
        "stderr": err,
    }
    reported = _reported(out)
    if reported is not None:
        run["reported"] = reported
    return run


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

def build_arshif(corpus_root: str, output: str, logs: str, name: str,
                 jobs: int | None) -> dict:
    cmd = [sys.executable, "-c", ARSHIF_BUILD, REPO, ARSHIF_CONFIG, corpus_root, output,
           str(jobs or "")]
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
    ratios = results["ratios"]
    out = [
        {"target": f"cold build <= {TARGET_COLD_VS_BARE}x bare Pelican (at 10k)",
         "value": ratios.get("arshif_cold_vs_bare"), "limit": TARGET_COLD_VS_BARE,
         "applies": n == 10000},
        {"target": f"warm rebuild <= {TARGET_WARM_VS_COLD}x cold",
         "value": ratios.get("warm_vs_cold"), "limit": TARGET_WARM_VS_COLD, "applies": True},
        {"target": f"output <= {TARGET_KB_PER_ARTICLE:g} KB per article (at 10k)",
         "value": cold.get("kb_per_article"), "limit": TARGET_KB_PER_ARTICLE,
         "applies": n == 10000},
        {"target": f"peak RSS <= {TARGET_RSS_MB_100K} MB (at 100k)",
         "value": cold.get("peak_rss_mb"), "limit": TARGET_RSS_MB_100K, "applies": n == 100000},
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
        value = item["value"]
        item["met"] = None if value is None else value <= item["limit"]
    return out


def _fmt(value, spec="", none="-"):
    return none if value is None else format(value, spec)


def print_table(results: dict) -> None:
    n = results["articles"]
    print()
    print(f"Arshif benchmark: {n:,} articles, seed {results['seed']}, "
          f"{results['machine']['cpus']} CPUs, Python {results['machine']['python']}, "
          f"Pelican {results['machine']['pelican']}")
    gen = results["corpus"]
    print(f"corpus: {gen['arshif']['bytes_per_article']:,} B/article, "
          f"{gen['arshif']['tags']:,} distinct tags used, generated in "
          f"{gen['arshif']['seconds']:.1f} s (Arshif format)"
          + (f" + {gen['pelican']['seconds']:.1f} s (Pelican format)" if "pelican" in gen else ""))
    print()
    header = f"{'build':<26}{'wall s':>9}{'CPU s':>9}{'peak RSS MB':>13}{'pages':>9}{'KB/article':>12}  status"
    print(header)
    print("-" * len(header))
    rows = [("Arshif cold", results["arshif"].get("cold")),
            ("Arshif warm (1 edit)", results["arshif"].get("warm")),
            ("bare Pelican 4.12", results.get("bare"))]
    for label, run in rows:
        if not run:
            continue
        status = "ok" if run.get("ok") else "FAILED"
        if label.startswith("Arshif warm") and run.get("ok"):
            status += ", edit visible" if run.get("edit_visible") else ", EDIT NOT IN OUTPUT"
        if label.startswith("bare") and run.get("logged_errors"):
            status += f", {run['logged_errors']} logged errors"
        print(f"{label:<26}{_fmt(run.get('wall_s'), '9.2f'):>9}{_fmt(run.get('cpu_s'), '9.2f'):>9}"
              f"{_fmt(run.get('peak_rss_mb'), '13.1f'):>13}{_fmt(run.get('pages'), ','):>9}"
              f"{_fmt(run.get('kb_per_article'), '12.2f'):>12}  {status}")
    related = results.get("related")
    if related:
        if related.get("ok"):
            print(f"{'related articles only':<26}{related['seconds']:>9.2f}"
                  f"{'':>9}{'':>13}{'':>9}{'':>12}  ok (archive read without "
                  f"rendering: {related['load_seconds']:.1f} s, not counted)")
        else:
            print(f"{'related articles only':<26}{'-':>9}  not measured: "
                  f"{related.get('error', 'failed')}")
    print()
    ratios = results["ratios"]
    print(f"Arshif cold / bare Pelican: {_fmt(ratios.get('arshif_cold_vs_bare'), '.3f')}   "
          f"Arshif warm / cold: {_fmt(ratios.get('warm_vs_cold'), '.3f')}   "
          f"RSS Arshif / bare: {_fmt(ratios.get('arshif_rss_vs_bare'), '.2f')}")
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
    parser.add_argument("--no-related", action="store_true",
                        help="skip timing related articles on their own")
    parser.add_argument("--workdir", default=DEFAULT_WORKDIR,
                        help="corpora, sites, logs and results (default benchmarks/out/)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="passed to the Arshif build as the ARSHIF_JOBS setting "
                             "(default: not set, the build's own default)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    return args


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    n = args.articles
    workdir = os.path.abspath(args.workdir)
    corpus_dir = os.path.join(workdir, f"corpus-{n}")
    site_dir = os.path.join(workdir, f"site-{n}")
    logs = os.path.join(workdir, f"logs-{n}")
    for folder in (site_dir, logs):
        os.makedirs(folder, exist_ok=True)
    arshif_corpus = os.path.join(corpus_dir, "arshif")
    pelican_corpus = os.path.join(corpus_dir, "pelican")
    arshif_out = os.path.join(site_dir, "arshif")
    bare_out = os.path.join(site_dir, "bare")

    import pelican
    results = {
        "articles": n,
        "seed": args.seed,
        "jobs": args.jobs,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "pelican": getattr(pelican, "__version__", "?"),
                    "platform": platform.platform()},
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

    # Arshif cold: an empty output folder (and no staging left over).
    for suffix in ("", ".partial", ".old"):
        remove(arshif_out + suffix)
    print("Arshif cold build ...", flush=True)
    cold = build_arshif(arshif_corpus, arshif_out, logs, "arshif-cold", args.jobs)
    results["arshif"]["cold"] = cold
    if cold["ok"]:
        published = published_from_ledger(arshif_out) or n
        cold.update(output_figures(arshif_out, published))
        source, output_file = edit_one_article(arshif_corpus)
        print(f"Arshif warm rebuild (edited {os.path.relpath(source, arshif_corpus)}) ...",
              flush=True)
        warm = build_arshif(arshif_corpus, arshif_out, logs, "arshif-warm", args.jobs)
        warm["edited"] = os.path.relpath(source, arshif_corpus)
        results["arshif"]["warm"] = warm
        if warm["ok"]:
            warm.update(output_figures(arshif_out, published_from_ledger(arshif_out) or n))
            warm["edit_visible"] = contains(os.path.join(arshif_out, output_file), EDIT_PROBE)
        else:
            failures.append(("Arshif warm rebuild", warm))
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
        else:
            last = [l for l in tail(run["stderr"], 5).splitlines() if l.strip()]
            related["error"] = last[-1] if last else f"exit code {run['rc']}"
        results["related"] = related

    warm = results["arshif"].get("warm") or {}
    bare = results.get("bare") or {}
    ok_cold = cold.get("wall_s") if cold["ok"] else None
    results["ratios"] = {
        "arshif_cold_vs_bare": _ratio(ok_cold, bare.get("wall_s") if bare.get("ok") else None),
        "warm_vs_cold": _ratio(warm.get("wall_s") if warm.get("ok") else None, ok_cold),
        "arshif_rss_vs_bare": _ratio(cold.get("peak_rss_mb") if cold["ok"] else None,
                                     bare.get("peak_rss_mb") if bare.get("ok") else None),
    }
    results["targets"] = targets(results, workdir)

    results_file = os.path.join(workdir, f"results-{n}.json")
    with open(results_file, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=1)
        handle.write("\n")

    print_table(results)
    print(f"results: {results_file}")
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
