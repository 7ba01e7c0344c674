"""The newsroom model: everything list pages need, built once from the
published articles in (near) linear time.

Pelican's own tag/category/author/period generators filter the full date
list once per term (quadratic); here every index is built in one pass over
the articles, which are sorted once, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from arshif.content.model import Article, Term
from arshif.content.problems import Problem
from arshif.content.sections import Section, SectionTree
from arshif.newsroom import related as related_mod
from arshif.newsroom import taxonomy


@dataclass
class Month:
    year: int
    month: int
    articles: list[Article] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"archive/{self.year:04d}/{self.month:02d}/index.html"


@dataclass
class Year:
    year: int
    months: list[Month] = field(default_factory=list)  # newest first
    articles: list[Article] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"archive/{self.year:04d}/index.html"


@dataclass
class Newsroom:
    articles: list[Article]  # published, newest first
    tree: SectionTree
    by_section: dict[Section, list[Article]]  # own + descendants, newest first
    tags: list[Term]  # Arabic alphabetical order
    authors: list[Term]
    years: list[Year]  # newest first
    latest: list[Article]
    latest_by_top: dict[Section, list[Article]]
    lead: Article | None = None  # the home page's lead story
    # The home page: «آخر الأخبار» and a block per top-level section, no story twice
    # (see home_page()).
    home_latest: list[Article] = field(default_factory=list)
    home_blocks: list[tuple[Section, list[Article]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def section_url(self, section: Section) -> str:
        return section_url(section)


def section_url(section: Section) -> str:
    return f"section/{section.path}/index.html"


def newest_first(articles):
    return sorted(articles, key=lambda a: a.sort_key)


def group_by_section(articles: list[Article], tree: SectionTree) -> dict[Section, list[Article]]:
    """Each section lists its own articles and all of its descendants'.
    ``articles`` must already be newest first; order is kept."""
    out = {section: [] for section in tree}
    for article in articles:
        for section in article.section.ancestors:
            out[section].append(article)
    return out


def group_by_month(articles: list[Article]) -> list[Year]:
    """Years and months, newest first; ``articles`` already newest first.
    Grouped by the article's own (local) date, the one its URL carries."""
    years: dict[int, Year] = {}
    months: dict[tuple[int, int], Month] = {}
    for article in articles:
        y, m = article.date.year, article.date.month
        year = years.get(y)
        if year is None:
            year = years[y] = Year(y)
        year.articles.append(article)
        month = months.get((y, m))
        if month is None:
            month = months[(y, m)] = Month(y, m)
            year.months.append(month)
        month.articles.append(article)
    return sorted(years.values(), key=lambda y: -y.year)


def link_neighbours(by_section: dict[Section, list[Article]]) -> None:
    """Previous (older) / next (newer) article within the article's own section."""
    for section, listed in by_section.items():
        own = [a for a in listed if a.section is section]
        for index, article in enumerate(own):
            article.next_in_section = own[index - 1] if index > 0 else None
            article.prev_in_section = own[index + 1] if index + 1 < len(own) else None


def lead_story(published: list[Article], lookback: int = 10) -> Article | None:
    """The newest article with an image among the latest few, else the newest."""
    with_image = [a for a in published[:lookback] if a.image]
    return with_image[0] if with_image else (published[0] if published else None)


def home_page(published: list[Article], lead: Article | None, by_section, roots,
              latest_count: int = 10, per_section: int = 4):
    """The home page's lists, so that no story shows twice on it: the lead first, then
    «آخر الأخبار» (the newest others), then each top-level section's newest articles
    not shown above (a section whose articles are all shown has no block)."""
    shown = {id(lead)} if lead is not None else set()
    latest = [a for a in published if id(a) not in shown][:latest_count]
    shown.update(id(a) for a in latest)
    blocks = []
    for section in roots:
        items = [a for a in by_section[section] if id(a) not in shown][:per_section]
        shown.update(id(a) for a in items)
        if items:
            blocks.append((section, items))
    return latest, blocks


def build(articles: list[Article], tree: SectionTree, overrides: dict | None = None,
          related_count: int = 5, latest_count: int = 5, latest_per_section: int = 4,
          cache_folder: str | None = None) -> Newsroom:
    published = newest_first(a for a in articles if a.is_published)
    tags, tag_problems = taxonomy.build_terms(published, "tag")
    authors, author_problems = taxonomy.build_terms(published, "author")
    by_section = group_by_section(published, tree)
    link_neighbours(by_section)
    for article, related in related_mod.compute_cached(published, related_count, cache_folder,
                                                       overrides=overrides).items():
        article.related = related
    lead = lead_story(published)
    home_latest, home_blocks = home_page(published, lead, by_section, tree.roots,
                                         per_section=latest_per_section)
    return Newsroom(
        articles=published,
        tree=tree,
        by_section=by_section,
        tags=tags,
        authors=authors,
        years=group_by_month(published),
        latest=published[:latest_count],
        lead=lead,
        home_latest=home_latest,
        home_blocks=home_blocks,
        latest_by_top={s: by_section[s][:latest_per_section] for s in tree.roots},
        problems=tag_problems + author_problems,
    )
