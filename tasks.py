"""Editor, archivist and publisher commands: ``invoke --list``."""

from __future__ import annotations

import os
import sys
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
        searched = f", search index {result.search_seconds:.1f} s" if result.search_seconds else ""
        print(f"{result.summary} ({result.seconds:.1f} s{searched})")
    if not result.ok:
        errors = len(result.errors) + len(result.pelican_errors)
        raise Exit(f"build failed: {errors} error(s); nothing was published", code=1)
    from arshif.publish import SiteTooLarge, check_site_size

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
            _build(CONFIG, strict=False, search=False)
        except Exit as exc:
            print(exc.message, file=sys.stderr)

    rebuild()
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


@task(help={"args": "extra pytest arguments, e.g. -k related"})
def test(c, args=""):
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest {args}", pty=False)


@task(help={"remote": "git remote to push to (default origin)",
            "branch": "branch to publish to (default gh-pages)"})
def gh_pages(c, remote="origin", branch="gh-pages"):
    """Build with publishconf.py into a fresh folder and push it to GitHub Pages
    (only if the strict build passed)."""
    from arshif.publish import deploy

    folder = os.path.join(HERE, "output-publish")
    _build(PUBLISH_CONFIG, strict=True, overrides={"OUTPUT_PATH": folder})
    try:
        deploy(folder, remote=remote, branch=branch, repo=HERE)
    except RuntimeError as exc:
        raise Exit(f"error: {exc}", code=1) from None
    print(f"Published {os.path.relpath(folder)} to {remote}/{branch}")


@task(help={"name": "zip file name (default dist/<archive>.zip)"})
def bundle(c, name=""):
    """Build, then zip output/ with a short «اقرأني» page, for offline use."""
    from arshif.bundle import make_zip

    result = _build(CONFIG, strict=True)
    os.makedirs(os.path.join(HERE, "dist"), exist_ok=True)
    target = name or os.path.join(HERE, "dist", "arshif-offline.zip")
    count = make_zip(result.output_path, target, _settings()["SITENAME"], result.summary)
    print(f"Wrote {os.path.relpath(target)} ({count} files, "
          f"{os.path.getsize(target) / 1e6:.1f} MB)")


@task(help={"name": "ZIM file name (default dist/arshif.zim)"})
def zim(c, name=""):
    """Build, then write the archive as a ZIM file for Kiwix."""
    from arshif.zim import write_zim

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
    "uploads": "a copy of the old site's wp-content/uploads folder (WordPress pictures)",
})
def import_(c, path="", paths=None, keep_going=False, force=False, mapping="", uploads=""):
    """Import pages of the old site, a WordPress export or the posts of Jekyll,
    Hugo or Zola into content/articles/YYYY/MM/ (WordPress pages: content/pages/)."""
    from arshif.importer.cli import run_import

    inputs = ([path] if path else []) + list(paths or [])
    if not inputs:
        raise Exit("usage: invoke import PATH [--paths PATH …] [--keep-going] [--force]", code=2)
    settings = _settings()
    code = run_import(inputs, content_root=settings["PATH"],
                      sections_spec=settings["ARSHIF_SECTIONS"], keep_going=keep_going,
                      force=force, mapping_path=mapping or None, uploads=uploads or None,
                      timezone=settings.get("ARSHIF_TIMEZONE", "Africa/Casablanca"))
    if code:
        raise Exit(code=code)


@task(help={"articles": "number of synthetic articles (default 1000)",
            "seed": "corpus seed (default 1)",
            "bare": "also build the corpus with bare Pelican 4.12 and its default theme",
            "args": "more options for benchmarks/bench.py (see --help there)"})
def bench(c, articles=1000, seed=1, bare=True, args=""):
    """Build a synthetic archive and print wall time, peak memory, output size,
    warm rebuild time, and the ratio to bare Pelican."""
    sys.path.insert(0, os.path.join(HERE, "benchmarks"))
    import shlex

    import bench as harness

    argv = ["--articles", str(articles), "--seed", str(seed)]
    if not bare:
        argv.append("--no-bare")
    code = harness.main(argv + shlex.split(args))
    if code:
        raise Exit(code=code)


@task(help={"examples": "examples per fuzzed property (default 20000)"})
def fuzz(c, examples=20000):
    """A long Hypothesis campaign on the front-matter parser and validator."""
    c.run(f"{sys.executable} -m pytest -q tests/test_hardening.py"
          f" -k 'any_text or fuzzed' -p no:cacheprovider",
          env={"ARSHIF_FUZZ_EXAMPLES": str(examples)}, pty=False)
