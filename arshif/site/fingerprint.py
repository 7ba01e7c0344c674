"""Fingerprints of pages, so a warm rebuild re-renders only pages whose data
changed and links the others from the previous output.

A page's fingerprint covers everything its template can show: the job's own
context (articles by their display data; the article of an article page with
its body, related list and neighbours; a list page by what its pager shows
and its items), a site-wide key (templates, code, display settings and what
really is on every page: the section tree, the static pages, whether there
are articles) and, for the few templates that read more of the newsroom,
that data (TEMPLATE_READS).  Nothing that changes with every new article is
site-wide: the latest headlines are in latest.js, not in the pages.  So a new
article re-renders the pages that show it (its own, its neighbour's, the
first page of each of its lists, the home page and the indexes), not the
whole site.
Templates take page data from their job context; newsroom data a template
reads directly must be listed here (tests/test_build.py checks the templates
against this list).
"""

from __future__ import annotations

import functools
import hashlib
import os

import arshif
from arshif.content.model import Article, Page, Term
from arshif.content.sections import Section
from arshif.newsroom.model import Month, Newsroom, Year
from arshif.site.pagination import ListPage

DISPLAY_SETTINGS = ("SITENAME", "SITESUBTITLE", "ARSHIF_DESCRIPTION", "SITEURL", "ARSHIF_COPYRIGHT",
                    "ARSHIF_READ_ALSO_AFTER", "ARSHIF_RELATED_COUNT", "ARSHIF_PER_PAGE",
                    "ARSHIF_NAV_ITEMS", "ARSHIF_SECTIONS", "ARSHIF_PAGEFIND",
                    "ARSHIF_CSP_SCRIPT_EXTRA")
# Newsroom attributes in the site-wide key: the header, footer and sidebar
# show them on (nearly) every page.  "articles?" is `{% if newsroom.articles %}`
# (the feed links), which only asks whether there are any.
SITE_WIDE_READS = ("tree", "articles?", "section_url")
# Newsroom attributes that only these templates read.
TEMPLATE_READS = {
    "index.html": ("lead", "home_latest", "home_blocks"),
    "tags.html": ("tags",),
    "archive.html": ("years",),
}


def _digest(*parts) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


class Fingerprints:
    def __init__(self, newsroom: Newsroom, settings: dict, template_dirs: list[str],
                 static_pages: list[Page] = ()):
        self._display: dict[int, str] = {}
        self.site_key = _digest(
            _templates_digest(template_dirs),
            _code_digest(),
            [(name, settings.get(name)) for name in DISPLAY_SETTINGS],
            [s.name_path for s in newsroom.tree],
            bool(newsroom.articles),
            [(p.url, p.title) for p in static_pages],
        )
        reads = {
            "lead": lambda: self.display(newsroom.lead) if newsroom.lead else None,
            "latest_by_top": lambda: [[self.display(a) for a in v]
                                      for v in newsroom.latest_by_top.values()],
            "home_latest": lambda: [self.display(a) for a in newsroom.home_latest],
            "home_blocks": lambda: [(s.path, [self.display(a) for a in items])
                                    for s, items in newsroom.home_blocks],
            "articles": lambda: [self.display(a) for a in newsroom.articles[:20]],
            "tags": lambda: [(t.name, t.slug, len(t.articles)) for t in newsroom.tags],
            "years": lambda: [(y.year, [(m.month, len(m.articles)) for m in y.months])
                              for y in newsroom.years],
        }
        self.template_keys = {template: _digest(*(reads[name]() for name in names))
                              for template, names in TEMPLATE_READS.items()}

    def display(self, article: Article) -> str:
        """What a list, a read-also block or a neighbour link can show."""
        key = id(article)
        if key not in self._display:
            self._display[key] = _digest(
                # repr(), not isoformat(): a day alone (dates.Day) shows
                # differently from the same day at 00:00.
                article.url, article.title, repr(article.date), repr(article.modified),
                article.section.path, article.summary, article.image, article.image_caption,
                [t.name for t in article.tags], [a.name for a in article.authors],
                article.dateline, article.source)
        return self._display[key]

    def full(self, article: Article) -> str:
        """Everything an article page shows."""
        return _digest(
            # The body by its own hash: repr() of the compressed bytes was the
            # slowest part of fingerprinting a warm rebuild.
            self.display(article), hashlib.sha1(article.body_zip).hexdigest(),
            article.read_also_offset,
            article.original_url, [t.url for t in article.tags], [a.url for a in article.authors],
            [self.display(r) for r in article.related],
            self.display(article.prev_in_section) if article.prev_in_section else None,
            self.display(article.next_in_section) if article.next_in_section else None)

    def value(self, value, main: bool = False):
        if value is None or isinstance(value, (str, int, float)):
            return value  # most of a context: checked first
        if isinstance(value, Article):
            return self.full(value) if main else self.display(value)
        # Terms, years and months by identity: their counts are on the first
        # page of their list only, through its ListPage (or given apart).
        if isinstance(value, Term):
            return (value.kind, value.name, value.slug)
        if isinstance(value, Section):
            return value.name_path
        if isinstance(value, ListPage):
            return (value.shown(), [self.value(i) for i in value.items])
        if isinstance(value, Year):
            return value.year
        if isinstance(value, Month):
            return (value.year, value.month)
        if isinstance(value, Page):
            return (value.slug, value.title, value.body_html)
        if isinstance(value, (list, tuple)):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return sorted((k, self.value(v)) for k, v in value.items())
        return value

    def page(self, job) -> str:
        context = [(key, self.value(value, main=(key == "article")))
                   for key, value in sorted(job.context.items())]
        return _digest(self.site_key, self.template_keys.get(job.template), job.url,
                       job.template, context)


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """Arshif's own code: a new version (a filter, the writer) may change every
    page even when the content and templates did not."""
    package = os.path.dirname(os.path.abspath(arshif.__file__))
    return _templates_digest([package], suffix=".py")


def _templates_digest(template_dirs: list[str], suffix: str = "") -> str:
    digest = hashlib.sha1()
    for folder in template_dirs:
        for directory, subdirs, names in os.walk(folder):
            subdirs.sort()
            for name in sorted(names):
                if not name.endswith(suffix):
                    continue
                path = os.path.join(directory, name)
                digest.update(os.path.relpath(path, folder).encode())
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()
