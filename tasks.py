"""Editor, archivist and publisher commands: ``invoke --list``."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from datetime import datetime

from invoke import Exit, task

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
CONFIG = os.path.join(HERE, "pelicanconf.py")
PUBLISH_CONFIG = os.path.join(HERE, "publishconf.py")


def _show(problem, content_root):
    """``content/articles/x.md:3: date: …`` relative to where the user is."""
    shown = os.path.relpath(os.path.join(content_root, problem.path))
    return str(problem).replace(problem.path, shown, 1)


def _report(problems, content_root, stream=sys.stderr):
    for problem in problems:
        print(_show(problem, content_root), file=stream)


def _build(settings_file, strict, overrides=None, search=True):
    from arshif.build import build as run_build

    result = run_build(settings_file, overrides, strict=strict, search=search)
    content_root = result.content_root
    _report(result.problems, content_root)
    for message in result.pelican_errors:
        print(f"error: {message}", file=sys.stderr)
    if result.summary:
        searched = ""
        if result.search_run is not None:
            run = result.search_run
            searched = (f", search index {result.search_seconds:.1f} s: "
                        f"{len(run.built)} of {len(run.shards)} search shards indexed")
        print(f"{result.summary} ({result.seconds:.1f} s{searched})")
    if not result.ok:
        errors = len(result.errors) + len(result.pelican_errors)
        raise Exit(f"build failed: {errors} error(s); nothing was published", code=1)
    from arshif.publish.gh_pages import SiteTooLarge, check_site_size

    limit = result.generator.settings.get("ARSHIF_MAX_SITE_BYTES")
    published = sum(1 for r in result.records
                    if r.get("status") == "published" and r["source"].startswith("articles/"))
    try:
        size = check_site_size(result.output_path, limit or float("inf"), published)
    except SiteTooLarge as exc:
        raise Exit(f"error: {exc}", code=1) from None
    print(f"{os.path.relpath(result.output_path)}: {size / 1e6:,.1f} MB")
    return result


@task(help={"settings": "settings file (default pelicanconf.py)",
            "search": "index the site for full-text search with Pagefind (--no-search skips it)"})
def build(c, settings=CONFIG, search=True):
    """Build the archive into output/ (strict: any content error fails the build)."""
    result = _build(settings, strict=True, search=search)
    index = os.path.join(result.output_path, "index.html")
    print(f"Open {os.path.relpath(index)} in a browser, or run: invoke serve")


@task(help={"settings": "settings file (default pelicanconf.py)"})
def check(c, settings=CONFIG):
    """Validate every article without building (fast; for editors and pre-commit)."""
    from arshif.build import check as run_check, load_settings

    content_root = load_settings(settings)["PATH"]
    problems = run_check(settings)
    _report(problems, content_root)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise Exit(f"{len(errors)} error(s)", code=1)
    print(f"ok: no errors ({len(problems)} warning(s))")


@task(help={"port": "port on 127.0.0.1 (default 8000)"})
def serve(c, port=8000):
    """Serve output/ on http://127.0.0.1:PORT/."""
    import functools
    import http.server

    from arshif.build import load_settings

    root = load_settings(CONFIG)["OUTPUT_PATH"]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=root)
    with http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler) as server:
        print(f"Serving {os.path.relpath(root)} at http://127.0.0.1:{port}/ (Ctrl+C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


@task(help={"port": "port on 127.0.0.1 (default 8000)"})
def preview(c, port=8000):
    """Build what is valid (listing the invalid articles), then serve it."""
    _build(CONFIG, strict=False, search=False)
    serve(c, port)


@task(help={"port": "port on 127.0.0.1 (default 8000)"})
def livereload(c, port=8000):
    """Serve output/ and rebuild (non-strict) whenever content or theme change."""
    from livereload import Server

    from arshif.build import load_settings

    settings = load_settings(CONFIG)

    def rebuild():
        try:
            # ARSHIF_LIVERELOAD: the pages' Content-Security-Policy lets the
            # server's injected reload script run (arshif/preview.py).
            _build(CONFIG, strict=False, overrides={"ARSHIF_LIVERELOAD": True}, search=False)
        except Exit as exc:
            print(exc.message, file=sys.stderr)

    rebuild()
    # livereload ignores a change made within 3 s of the previous reload (the
    # rebuild still runs, the page stays stale); every rebuild here is done
    # before the reload is sent, so each one reloads.
    from livereload.handlers import LiveReloadHandler

    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server()
    for folder in (settings["PATH"], settings["THEME"]):
        server.watch(os.path.join(folder, "**", "*"), rebuild)
    server.watch(CONFIG, rebuild)
    server.serve(host="127.0.0.1", port=int(port), root=settings["OUTPUT_PATH"])


@task(help={
    "title": "the article's title (Arabic)",
    "section": "section: Arabic path, slug path or unambiguous leaf name",
    "tags": "comma-separated tags",
    "slug": "file name / URL part (default: made from the title, Arabic letters kept)",
    "date": "YYYY-MM-DD HH:MM, YYYY-MM-DD (the day alone) or with an offset, as in the front "
            "matter (default: now, Moroccan time)",
})
def new(c, title, section, tags="", slug="", date=""):
    """Create a new article with correct path, date and front matter."""
    from arshif import scaffold
    from arshif.build import load_settings

    settings = load_settings(CONFIG)
    try:
        path = scaffold.new_article(settings, title=title, section=section, tags=tags,
                                    slug=slug, date=date or None, now=datetime.now)
    except ValueError as exc:
        raise Exit(f"error: {exc}", code=1) from None
    print(f"Created {os.path.relpath(path)}")


# What the suite needs besides Python packages: Debian package -> a file it installs.
TEST_SYSTEM_PACKAGES = (
    ("chromium", "/usr/bin/chromium"),  # the browser tests (tests/browser/conftest.py)
    ("fonts-noto-core", "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"),
    ("kiwix-tools", "/usr/bin/kiwix-serve"),  # the ZIM in Kiwix's server (tests/browser/test_kiwix.py)
)
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
PACKAGE_LOCK = os.path.join(HERE, "package-lock.json")


def _stale_requirements(path=REQUIREMENTS) -> list[str]:
    """Lines of requirements.txt that the running Python does not have (pinned
    ``name==version`` lines are compared with what is installed)."""
    import re
    from importlib import metadata

    stale = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            pinned = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)", line)
            try:
                if not pinned or metadata.version(pinned[1]) != pinned[2]:
                    stale.append(line)
            except metadata.PackageNotFoundError:
                stale.append(line)
    return stale


def _stale_node_modules(lock=PACKAGE_LOCK) -> bool:
    """Whether node_modules lacks a package of package-lock.json at its locked version."""
    import json

    with open(lock, encoding="utf-8") as handle:
        packages = json.load(handle).get("packages", {})
    for name, entry in packages.items():
        if not name.startswith("node_modules/") or entry.get("optional"):
            continue
        installed = os.path.join(HERE, name, "package.json")
        try:
            with open(installed, encoding="utf-8") as handle:
                if json.load(handle).get("version") != entry.get("version"):
                    return True
        except (OSError, ValueError):
            return True
    return False


def ensure_test_tools(c):
    """Install what the suite needs, or stop with one line saying why it cannot.
    Quick when everything is there: nothing is run then (no apt-get update)."""
    import shutil

    missing = [name for name, path in TEST_SYSTEM_PACKAGES if not os.path.exists(path)]
    if shutil.which("npm") is None or shutil.which("node") is None:
        missing.append("npm")  # Debian's npm brings nodejs: html-validate, node tests
    if missing:
        wanted = " ".join(missing)
        if not shutil.which("apt-get"):
            raise Exit(f"invoke test: {wanted} missing and apt-get is not available here: "
                       f"install {wanted} (the browser tests need them)", code=1)
        if os.geteuid() != 0:
            raise Exit(f"invoke test: {wanted} missing and installing needs root: "
                       f"run `sudo apt-get install {wanted}`, then invoke test", code=1)
        print(f"invoke test: installing {wanted} with apt-get…", flush=True)
        apt = {"DEBIAN_FRONTEND": "noninteractive"}
        for command in ("apt-get update -qq", f"apt-get install -y -qq {wanted}"):
            if not c.run(command, env=apt, warn=True, hide="out", pty=False).ok:
                raise Exit(f"invoke test: `{command}` failed; install {wanted} by hand", code=1)
    stale = _stale_requirements()
    if stale:
        print(f"invoke test: installing {len(stale)} Python requirement(s) "
              f"({', '.join(stale[:3])}{'…' if len(stale) > 3 else ''})", flush=True)
        if not c.run(f"{sys.executable} -m pip install -q -r {REQUIREMENTS}",
                     warn=True, pty=False).ok:
            raise Exit("invoke test: pip could not install requirements.txt", code=1)
    if _stale_node_modules():
        print("invoke test: installing html-validate (npm ci)", flush=True)
        with c.cd(HERE):
            if not c.run("npm ci --no-audit --no-fund --loglevel=error", warn=True,
                         pty=False).ok:
                raise Exit("invoke test: npm ci failed (html-validate, package-lock.json)",
                           code=1)


@task(help={"args": "extra pytest arguments, e.g. -k related"})
def test(c, args=""):
    """Install what the suite needs when missing (Chromium, fonts, Python and npm
    packages), then run the whole test suite."""
    ensure_test_tools(c)
    c.run(f"{sys.executable} -m pytest {args}", pty=False)


@task(help={"remote": "git remote to push to (default origin)",
            "branch": "branch to publish to (default gh-pages)"})
def gh_pages(c, remote="origin", branch="gh-pages"):
    """Build with publishconf.py into a fresh folder and push it to GitHub Pages
    (only if the strict build passed)."""
    from arshif.publish.gh_pages import deploy

    folder = os.path.join(HERE, "output-publish")
    _build(PUBLISH_CONFIG, strict=True, overrides={"OUTPUT_PATH": folder})
    try:
        deploy(folder, remote=remote, branch=branch, repo=HERE)
    except RuntimeError as exc:
        raise Exit(f"error: {exc}", code=1) from None
    print(f"Published {os.path.relpath(folder)} to {remote}/{branch}")


@task(positional=["target"], help={
    "target": "s3://BUCKET[/PREFIX] to publish to",
    "endpoint_url": "the S3 service's address (R2, B2, MinIO…; default AWS)",
    "dry_run": "only say what would be uploaded and deleted",
    "max_deletes": "refuse to delete more objects than this (default 50)",
    "changed_list": "file that lists the changed paths, for CDN invalidation "
                    "(default dist/deploy-changes.txt)",
    "settings": "settings file of the build (default publishconf.py)",
})
def deploy(c, target=None, endpoint_url="", dry_run=False, max_deletes=50, changed_list="",
           settings=PUBLISH_CONFIG):
    """Build strictly into output-publish/, then upload only what changed to
    S3-compatible storage and delete what the site no longer has (credentials:
    the standard AWS variables or profile)."""
    from arshif.publish.deploy_s3 import DeployError, deploy as run_deploy, parse_target

    if not target:
        raise Exit("usage: invoke deploy s3://BUCKET[/PREFIX] [--endpoint-url URL] "
                   "[--dry-run] [--max-deletes N]", code=2)
    try:
        where = parse_target(target)
    except DeployError as exc:
        raise Exit(f"error: {exc}", code=2) from None
    folder = os.path.join(HERE, "output-publish")
    # Object storage has no size limit of GitHub Pages' kind.
    _build(settings, strict=True, overrides={"OUTPUT_PATH": folder,
                                             "ARSHIF_MAX_SITE_BYTES": None})
    changed = changed_list or os.path.join(HERE, "dist", "deploy-changes.txt")
    with _upload_progress() as progress:
        try:
            report = run_deploy(folder, where, endpoint_url=endpoint_url or None,
                                dry_run=dry_run, max_deletes=int(max_deletes),
                                changed_list=changed, progress=progress)
        except DeployError as exc:
            raise Exit(f"error: {exc}", code=1) from None
    verb = "would be" if dry_run else "were"
    print(f"{target}: {report.summary()}" + (" (dry run: nothing sent)" if dry_run else ""))
    print(f"The paths that {verb} changed are listed in {os.path.relpath(changed)}")


@contextmanager
def _upload_progress(threshold=200):
    """A progress bar (rich, which Pelican already installs) once an upload
    has more than ``threshold`` files; nothing for small deploys."""
    from rich.progress import BarColumn, Progress, TextColumn

    bar = Progress(TextColumn("uploading"), BarColumn(),
                   TextColumn("{task.completed}/{task.total} files"), transient=True)
    state = {}

    def update(done, total, sent, total_bytes):
        if total <= threshold:
            return
        if "task" not in state:
            bar.start()
            state["task"] = bar.add_task("upload", total=total)
        bar.update(state["task"], completed=done)

    try:
        yield update
    finally:
        if "task" in state:
            bar.stop()


@task(help={"name": "zip file name (default dist/<archive>.zip)"})
def bundle(c, name=""):
    """Build, then zip output/ with a short «اقرأني» page, for offline use."""
    from arshif.publish.bundle import make_zip

    result = _build(CONFIG, strict=True)
    os.makedirs(os.path.join(HERE, "dist"), exist_ok=True)
    target = name or os.path.join(HERE, "dist", "arshif-offline.zip")
    count = make_zip(result.output_path, target, _settings()["SITENAME"], result.summary)
    print(f"Wrote {os.path.relpath(target)} ({count} files, "
          f"{os.path.getsize(target) / 1e6:.1f} MB)")


@task(help={"name": "ZIM file name (default dist/arshif.zim)"})
def zim(c, name=""):
    """Build, then write the archive as a ZIM file for Kiwix."""
    from arshif.publish.zim import write_zim

    result = _build(CONFIG, strict=True, search=False)
    settings = _settings()
    os.makedirs(os.path.join(HERE, "dist"), exist_ok=True)
    target = name or os.path.join(HERE, "dist", "arshif.zim")
    if os.path.exists(target):
        os.remove(target)
    count = write_zim(result.output_path, target, **zim_metadata(settings, result))
    print(f"Wrote {os.path.relpath(target)} ({count} entries, "
          f"{os.path.getsize(target) / 1e6:.1f} MB)")


def zim_metadata(settings, result):
    newest = result.generator.newsroom.articles[0].date if result.generator.newsroom.articles \
        else None
    return {
        "name": settings.get("ARSHIF_ZIM_NAME", "arshif_ar_all"),
        "title": settings["SITENAME"],
        "description": settings.get("SITESUBTITLE", settings["SITENAME"]),
        "creator": settings["SITENAME"],
        "publisher": settings["SITENAME"],
        "date": newest.strftime("%Y-%m-%d") if newest else "2000-01-01",
    }


def _settings(settings_file=CONFIG):
    from arshif.build import load_settings

    return load_settings(settings_file)


@task(name="import", positional=["path"], iterable=["paths"], help={
    "path": "a saved HTML page, a folder of them (a wget mirror), a WordPress export (WXR), "
            "or a Jekyll _posts/ or Hugo/Zola content/ folder",
    "paths": "more of the same (repeat --paths)",
    "keep_going": "exit 0 even when some pages failed (they are still reported)",
    "force": "overwrite articles edited by hand since the last import",
    "mapping": "old categories -> sections (default import_sections.yaml)",
    "default_section": "section for pages whose categories map nowhere (or _default_section)",
    "content_selector": "CSS selector of the article text the extractors miss "
                        "(or _content_selector)",
    "uploads": "a copy of the old site's wp-content/uploads folder (WordPress pictures)",
})
def import_(c, path=None, paths=None, keep_going=False, force=False, mapping="",
            default_section="", content_selector="", uploads=""):
    """Import pages of the old site, a WordPress export or the posts of Jekyll,
    Hugo or Zola into content/articles/YYYY/MM/ (WordPress pages: content/pages/)."""
    from arshif.importer.cli import run_import

    # ``path`` defaults to None, not "": invoke takes a positional argument
    # with any other default as already given, and then refuses
    # ``invoke import PATH`` ("No idea what 'PATH' is!").
    inputs = [path] + list(paths or [])
    settings = _settings()
    code = run_import(inputs, content_root=settings["PATH"],
                      sections_spec=settings["ARSHIF_SECTIONS"], keep_going=keep_going,
                      force=force, mapping_path=mapping or None, uploads=uploads or None,
                      default_section=default_section or None,
                      content_selector=content_selector or None,
                      timezone=settings.get("ARSHIF_TIMEZONE", "Africa/Casablanca"))
    if code:
        raise Exit(code=code)


@task(help={"articles": "number of synthetic articles (default 1000)",
            "seed": "corpus seed (default 1)",
            "bare": "also build the corpus with bare Pelican 4.12 and its default theme",
            "search": "time Pagefind's full-text index too (--no-search skips it)",
            "args": "more options for benchmarks/bench.py (see --help there)"})
def bench(c, articles=1000, seed=1, bare=True, search=True, args=""):
    """Build a synthetic archive and print wall time, peak memory, output size,
    the rebuilds after publishing one article (what it rewrote) and after
    editing one, ms per phase, and the ratio to bare Pelican."""
    sys.path.insert(0, os.path.join(HERE, "benchmarks"))
    import shlex

    import bench as harness

    argv = ["--articles", str(articles), "--seed", str(seed)]
    if not bare:
        argv.append("--no-bare")
    if not search:
        argv.append("--no-search")
    code = harness.main(argv + shlex.split(args))
    if code:
        raise Exit(code=code)


@task(name="bench-deploy", help={"articles": "number of synthetic articles (default 1000)"})
def bench_deploy(c, articles=1000):
    """Deploy a synthetic archive to a local S3 server (rclone), then the deploy
    after one new article: files and bytes sent."""
    c.run(f"{sys.executable} {os.path.join(HERE, 'benchmarks', 'deploy_bench.py')} "
          f"--articles {int(articles)}", pty=False)


@task(name="bench-import", help={
    "pages": "pages in the synthetic mirror (default 1000)",
    "args": "more options for benchmarks/import_bench.py (see --help there)"})
def bench_import(c, pages=1000, args=""):
    """Import a synthetic wget mirror and print pages per second."""
    sys.path.insert(0, os.path.join(HERE, "benchmarks"))
    import shlex

    import import_bench

    code = import_bench.main(["--pages", str(pages)] + shlex.split(args))
    if code:
        raise Exit(code=code)


@task(help={"examples": "examples per fuzzed property (default 20000)"})
def fuzz(c, examples=20000):
    """A long Hypothesis campaign on the front-matter parser and validator."""
    c.run(f"{sys.executable} -m pytest -q tests/test_hardening.py"
          f" -k 'any_text or fuzzed' -p no:cacheprovider",
          env={"ARSHIF_FUZZ_EXAMPLES": str(examples)}, pty=False)
