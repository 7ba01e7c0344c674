"""Pelican glue: the generator that reads the archive and writes the site.

Pelican's own article and page generators are switched off in
``pelicanconf.py`` (they drop bad files and still exit 0, slugify Arabic into
colliding ASCII, and paginate into colliding file names).  This generator
uses Pelican's settings, Jinja environment, plugin signals and static-file
handling, and the plain functions of the other modules for the rest.
"""

from __future__ import annotations

import logging
import os
import time

from pelican.generators import Generator
from pelican.plugins import signals as pelican_signals

from arshif.content import archive, dates, files, text
from arshif.content.model import PUBLISHED
from arshif.content.problems import ContentErrors, sort_problems
from arshif.content.sections import SectionTree
from arshif.content.validate import resolve_related
from arshif.newsroom.model import build as build_newsroom
from arshif.outputs import feeds, structured, urls
from arshif.site import render
from arshif.site import signals as arshif_signals
from arshif.site.fingerprint import Fingerprints
from arshif.site.plan import chrome_link_targets, plan
from arshif.site.writer import IndentStrippingLoader, ListEntries, SharedPartials, SiteWriter, rel, root_of

logger = logging.getLogger(__name__)


class NewsroomGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pelican makes a new environment for every build, so templates never
        # change under one; without this Jinja stats the template file on
        # every {% include %} (tens of thousands of times in a big build).
        self.env.auto_reload = False
        self.env.loader = IndentStrippingLoader(self.env.loader)
        self.env.filters.update({
            "rel": rel,
            "portal_date": dates.portal,
            "long_date": dates.long_date,
            "iso": dates.iso,
            "time_element": dates.time_element,
            "month_name": dates.month_name,
            "article_count": text.article_count,
        })
        # Arabic stays readable (and small) in JSON-LD, with no space after , and :
        # (bytes on every article page); tojson still escapes < > & '.
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False,
                                                  "separators": (",", ":")}
        self.env.globals.update({
            "root_of": root_of,
            "absolute_url": urls.absolute,
            "news_article_ld": structured.news_article,
            "breadcrumb_ld": structured.breadcrumb_list,
            "open_graph": structured.open_graph,
            "section_feed_path": feeds.section_feed_path,
            "SITE_FEED": feeds.SITE_FEED,
        })
        self.articles = []
        self.pages = []
        self.static_files = []
        self.records = []
        self.problems = []
        self.newsroom = None
        self.archive_cache_hits = 0
        self.render_stats = None
        self.pending_fingerprints = (None, {})
        self.phases: dict[str, float] = {}  # seconds per phase of the build (benchmarks)

    def _phase(self, name: str, started: float) -> float:
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - started
        return now

    def generate_context(self):
        started = time.perf_counter()
        tree = SectionTree(self.settings["ARSHIF_SECTIONS"])
        loaded = archive.load(self.path, self.settings, tree)
        started = self._phase("read articles", started)
        articles, pages, records, problems = (loaded.articles, loaded.pages, loaded.records,
                                              loaded.problems)
        self.archive_cache_hits = loaded.cache_hits
        self.problems = sort_problems(problems)
        if self.settings.get("ARSHIF_STRICT", True) and any(p.is_error for p in problems):
            raise ContentErrors(self.problems)
        overrides = resolve_related([a for a in articles if a.status == PUBLISHED])
        self.newsroom = build_newsroom(
            articles, tree,
            overrides=overrides,
            related_count=self.settings.get("ARSHIF_RELATED_COUNT", 5),
            cache_folder=self.settings.get("ARSHIF_CACHE_PATH"),
        )
        self.problems = sort_problems(self.problems + self.newsroom.problems)
        self._phase("newsroom model and related", started)
        self.articles = articles
        self.pages = pages
        self.static_files = loaded.static_files
        for article in articles:
            if article.is_published:
                records.append({"source": article.source_path, "status": "published",
                                "output": article.url})
            else:
                records.append({"source": article.source_path, "status": "draft"})
        for page in pages:
            records.append({"source": page.source_path, "status": "published",
                            "output": page.url})
        self.records = sorted(records, key=lambda r: r["source"])
        self.context["newsroom"] = self.newsroom

    def generate_output(self, writer):
        del writer  # Pelican's writer rewrites URLs per page; ours writes relative links.
        started = time.perf_counter()
        # Pelican's static generator would follow links out of content/ (and walk
        # them with followlinks=True); these files were checked by arshif.content.files.
        files.copy_into(self.path, self.static_files, self.output_path)
        context = dict(self.context)
        context["newsroom"] = self.newsroom
        context["static_pages"] = self.pages
        site_writer = SiteWriter(self.output_path, self.env, context)
        started = self._phase("copy content files", started)
        jobs = plan(self.newsroom, self.pages, self.settings.get("ARSHIF_PER_PAGE", 20),
                    self.settings.get("SITEURL", ""))
        self.env.globals["shared_partial"] = SharedPartials(chrome_link_targets(
            self.newsroom, self.pages))
        self.env.globals["list_entry"] = ListEntries()
        final_output = self.settings.get("ARSHIF_FINAL_OUTPUT")
        cache_root = self.settings.get("ARSHIF_PAGE_CACHE_PATH")
        store = render.fingerprint_file(cache_root, final_output)
        fingerprints = {}
        if store:
            prints = Fingerprints(self.newsroom, self.settings, self._templates_path, self.pages)
            fingerprints = {job.url: prints.page(job) for job in jobs}
        started = self._phase("plan and fingerprints", started)
        previous = render.load_fingerprints(store)
        # Forget the old fingerprints first: if this build fails half-way,
        # the next one must not trust them.
        render.save_fingerprints(store, {})
        self.render_stats = render.render_all(
            jobs, site_writer, processes=self.settings.get("ARSHIF_JOBS") or os.cpu_count() or 1,
            fingerprints=fingerprints, previous=previous,
            previous_output=final_output if previous else None)
        started = self._phase("render pages", started)
        self.pending_fingerprints = (store, fingerprints)
        self.written = site_writer.written
        arshif_signals.built.send(self, output_path=self.output_path, records=self.records,
                                  newsroom=self.newsroom, writer=site_writer,
                                  settings=self.settings)
        self._phase("feeds, indexes, ledger", started)


def get_generators(pelican):
    return NewsroomGenerator


def register():
    pelican_signals.get_generators.connect(get_generators)
