"""Writes rendered pages inside the output folder, and only there.

Every page gets ``output_file`` (its own path) in its template context; the
``rel`` filter turns a site path into a path relative to that page, so all
links point at files and work opened from disk (``file://``).
"""

from __future__ import annotations

import functools
import os
import re

from jinja2 import BaseLoader, Environment, pass_context
from markupsafe import Markup


class OutputError(Exception):
    pass


# Indentation and blank lines of the templates, dropped once when a template
# is loaded (about a tenth of a page) instead of from every rendered page.
# Templates have no <pre> or <textarea>; article bodies are not touched.
TEMPLATE_INDENT = re.compile(r"\n[ \t\n]+")


class IndentStrippingLoader(BaseLoader):
    """Wraps a loader: each template's source without line indentation."""

    def __init__(self, inner: BaseLoader):
        self.inner = inner

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        return TEMPLATE_INDENT.sub("\n", source), filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


def root_of(output_file: str) -> str:
    """Relative path from a page to the site root: ``2023/11/x.html`` -> ``../../``."""
    return "../" * output_file.count("/")


def page_root(context) -> str:
    """What a page's links start with: its ``link_root`` when it has one (404.html
    in a publish build: the site's address, as GitHub Pages serves that file at any
    depth), else the relative path to the site root."""
    return context.get("link_root") or root_of(context["output_file"])


# What a file name may hold but a URL path may not: ``#`` and ``?`` would
# start a fragment or query, ``%`` an escape.  Other letters (Arabic too)
# stay as they are: browsers accept them and they are 3x shorter than %XX.
UNSAFE_IN_PATH = re.compile(r'[\x00-\x20"#%<>?\\^`{|}\x7f]')


def url_path(path: str) -> str:
    """A site path (a file name) as the path of a URL: ``a#1 ?b%.png`` ->
    ``a%231%20%3Fb%25.png``."""
    if UNSAFE_IN_PATH.search(path) is None:
        return path
    return UNSAFE_IN_PATH.sub(lambda m: "%{:02X}".format(ord(m.group())), path)


@pass_context
def rel(context, target: str) -> str:
    """Site path (``section/politics/index.html``) -> relative to the current
    page, as a URL (see ``url_path``)."""
    if not target:
        return target
    return page_root(context) + url_path(target.lstrip("/"))


def safe_path(output_path: str, relative: str) -> str:
    """Absolute path of ``relative`` inside ``output_path``; refuses anything
    that would land outside it (Pelican's own check compares string
    prefixes, so ``../out-evil`` passes it)."""
    if not relative or relative.startswith("/") or "\\" in relative or "\0" in relative:
        raise OutputError(f"refusing to write {relative!r}: not a relative site path")
    root = _real(output_path)
    # Site paths are made by Arshif inside a folder it just created, so no
    # symlink can redirect them: normalising the text is enough (and much
    # cheaper than resolving every file's path on disk).
    target = os.path.normpath(os.path.join(root, relative))
    if os.path.commonpath([root, target]) != root or target == root:
        raise OutputError(f"refusing to write {relative!r}: outside the output folder")
    return target


@functools.lru_cache(maxsize=8)
def _real(path: str) -> str:
    return os.path.realpath(path)


class SiteWriter:
    def __init__(self, output_path: str, env: Environment, context: dict):
        self.output_path = output_path
        self.env = env
        self.context = context
        self.written: dict[str, str] = {}  # site path -> what wrote it
        self.folders: set[str] = set()  # made already: one mkdir per folder, not per page

    def write_text(self, relative: str, content: str, origin: str = "",
                   record: bool = True) -> str:
        if record:
            if relative in self.written:
                raise OutputError(
                    f"{relative} would be written twice ({self.written[relative]} and {origin})")
            self.written[relative] = origin or relative
        target = safe_path(self.output_path, relative)
        # The output folder is new for every build (unchanged pages are linked
        # into it by arshif.site.render), so every file here is written fresh.
        folder = os.path.dirname(target)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        with open(target, "wb") as handle:
            handle.write(content.encode("utf-8"))
        return target

    def render(self, relative: str, template: str, origin: str = "", record: bool = False,
               **context) -> str:
        """Render a page (callers record it in ``written`` beforehand)."""
        page_context = dict(self.context)
        page_context.update(context)
        page_context["output_file"] = relative
        html = self.env.get_template(template).render(page_context)
        return self.write_text(relative, html, origin or template, record=record)


class SharedPartials:
    """Renders the chrome every page repeats (header, sidebar, footer) once per
    variant instead of once per page.

    A variant is what these partials can depend on: the page's depth (its
    relative links), its top-level section (the menu marks it), and the page
    itself only when the chrome links to it (``aria-current``).  Anything else
    they show must come from site-wide data.
    """

    def __init__(self, link_targets: set[str]):
        self.link_targets = link_targets
        self.rendered: dict[tuple, Markup] = {}

    def key(self, name: str, context) -> tuple:
        here = context["output_file"]
        section = context.get("section")
        article = context.get("article")
        top = section.top if section is not None else (
            article.section.top if article is not None else None)
        return (name, page_root(context), top.path if top is not None else "",
                here if here in self.link_targets else "")

    @pass_context
    def __call__(self, context, name: str) -> Markup:
        key = self.key(name, context)
        if key not in self.rendered:
            template = context.environment.get_template(name)
            self.rendered[key] = Markup(template.render(context.get_all()))
        return self.rendered[key]


class ListEntries:
    """Renders each article's entry in the article lists once per page depth
    and variant (``compact``: tag, author and archive lists) and reuses it on
    every list that shows it: an article is on ~9 lists, mostly at the same
    depth.  The entry (``partials/list_entry.html``) sees only the article,
    the variant and the page's depth (its relative links)."""

    TEMPLATE = "partials/list_entry.html"
    LIMIT = 200_000  # entries kept; past it the cache starts again (memory at 100k+)

    def __init__(self):
        self.rendered: dict[tuple, Markup] = {}

    @pass_context
    def __call__(self, context, item, compact=False) -> Markup:
        compact = bool(compact)
        root = root_of(context["output_file"])
        key = (id(item), root, compact)
        entry = self.rendered.get(key)
        if entry is None:
            if len(self.rendered) >= self.LIMIT:
                self.rendered.clear()
            template = context.environment.get_template(self.TEMPLATE)
            entry = self.rendered[key] = Markup(template.render(
                newsroom=context["newsroom"], output_file=context["output_file"],
                item=item, compact=compact))
        return entry
