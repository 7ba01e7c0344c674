"""What pages the site has: a plain list of jobs (URL, template, context).

Planning is separate from rendering so tests can inspect the site's
structure without writing files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from arshif.content.dates import month_name
from arshif.newsroom.model import Newsroom, section_url
from arshif.site.pagination import paginate


@dataclass
class Job:
    url: str
    template: str
    context: dict = field(default_factory=dict)
    origin: str = ""


def breadcrumb_for_section(section) -> list[tuple[str, str]]:
    return [(s.name, section_url(s)) for s in section.ancestors]


# Breadcrumbs (partials/breadcrumb.html): after «الرئيسية», the `breadcrumb` links
# (name, site path), then the current page, `crumb`, which is not a link (on a
# numbered list page it links the list's first page, and «الصفحة N» is current).


def chrome_link_targets(newsroom: Newsroom, pages: list) -> set[str]:
    """Every page the shared chrome (header, sidebar, footer) links to: on
    those pages the chrome differs (it marks the current page)."""
    targets = {"index.html", "search.html", "saved.html", "history.html", "interests.html",
               "archive/index.html", "tag/index.html"}
    targets.update(section_url(s) for s in newsroom.tree)
    targets.update(p.url for p in pages)
    return targets


def plan(newsroom: Newsroom, pages: list, per_page: int = 20, siteurl: str = "") -> list[Job]:
    jobs = [Job("index.html", "index.html", {"page_kind": "home"}, "home")]

    def paged(items, folder: str, template: str, origin: str, first: dict | None = None,
              **context):
        """One job per page of a paginated list; ``first``: context only the
        first page shows (what changes with every article of the list)."""
        for page in paginate(items, folder, per_page):
            extra = first if first and page.is_first else {}
            jobs.append(Job(page.url, template, dict(context, list_page=page, **extra), origin))

    for article in newsroom.articles:
        jobs.append(Job(article.url, "article.html", {
            "page_kind": "article",
            "article": article,
            "breadcrumb": breadcrumb_for_section(article.section),
            "crumb": article.title,
        }, article.source_path))
    for section in newsroom.tree:
        paged(newsroom.by_section[section], f"section/{section.path}", "section.html",
              f"section {section.path}", page_kind="section", section=section,
              breadcrumb=breadcrumb_for_section(section)[:-1], crumb=section.name)
    jobs.append(Job("tag/index.html", "tags.html", {"page_kind": "tags"}, "tag index"))
    for term in newsroom.tags:
        paged(term.articles, f"tag/{term.slug}", "tag.html", f"tag {term.name}",
              page_kind="tag", tag=term, breadcrumb=[("الوسوم", "tag/index.html")],
              crumb=term.name)
    for term in newsroom.authors:
        paged(term.articles, f"author/{term.slug}", "author.html", f"author {term.name}",
              page_kind="author", author=term, breadcrumb=[], crumb=term.name)
    jobs.append(Job("archive/index.html", "archive.html", {"page_kind": "archive"}, "archive"))
    for year in newsroom.years:
        paged(year.articles, f"archive/{year.year:04d}", "year.html", f"archive {year.year}",
              first={"months": [(m, len(m.articles)) for m in year.months]},
              page_kind="year", year=year, breadcrumb=[("الأرشيف", "archive/index.html")],
              crumb=str(year.year))
        for month in year.months:
            paged(month.articles, f"archive/{month.year:04d}/{month.month:02d}", "month.html",
                  f"archive {month.year}-{month.month:02d}", page_kind="month", month=month,
                  breadcrumb=[("الأرشيف", "archive/index.html"), (str(month.year), year.url)],
                  crumb=month_name(month.month))
    for static_page in pages:
        jobs.append(Job(static_page.url, "page.html", {
            "page_kind": "page", "page": static_page,
        }, static_page.source_path))
    jobs.append(Job("search.html", "search.html", {"page_kind": "search"}, "search"))
    # Reader pages: their data stays in the reader's browser (theme/static/js/reader.js).
    jobs.append(Job("saved.html", "saved.html", {"page_kind": "saved"}, "saved articles"))
    jobs.append(Job("history.html", "history.html", {"page_kind": "history"}, "reading history"))
    jobs.append(Job("interests.html", "interests.html", {"page_kind": "interests"}, "interests"))
    # GitHub Pages serves 404.html at any missing path: with a public address its
    # links are absolute (relative ones would break below the root).
    not_found = {"page_kind": "404"}
    if siteurl:
        not_found["link_root"] = siteurl.rstrip("/") + "/"
    jobs.append(Job("404.html", "404.html", not_found, "404"))
    return jobs
