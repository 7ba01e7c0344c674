"""Is a saved page one article, and which element holds its text?

A mirror holds many pages that are not articles: section fronts, tag and
author pages, the home page, static pages.  A page that says it is a post
(JSON-LD article, og:type article, WordPress "single" body class) is an
article; otherwise list markers (body classes, a CollectionPage, many
teasers) make it a list.
"""

from __future__ import annotations

from bs4 import Tag

from arshif.importer import jsonld
from arshif.importer.boilerplate import is_widget
from arshif.importer.html_meta import meta

CONTENT_SELECTORS = (
    '[itemprop="articleBody"]', ".entry-content", ".post-content", ".article-content",
    ".td-post-content", ".single-post-content", ".post-entry", ".article-body",
    ".article__content", ".story-body", ".news-content", "article .content", ".post-body",
)
LIST_BODY_CLASSES = {"category": "a section front", "tag": "a tag page", "author": "an author page",
                     "search": "search results", "search-results": "search results",
                     "home": "the home page", "date": "an archive", "archive": "an archive",
                     "blog": "a list of posts", "paged": "a list of posts"}
TEASER_MINIMUM = 3


def _body_classes(soup) -> set[str]:
    return set(soup.body.get("class") or []) if soup.body else set()


def claims_article(soup, article: dict) -> bool:
    """The page says it is one post: JSON-LD, og:type, WordPress body classes."""
    classes = _body_classes(soup)
    return bool(article) or meta(soup, "og:type").lower() == "article" or "single" in classes \
        or "single-post" in classes or any(c.startswith("postid-") for c in classes)


def not_article(soup, graph: jsonld.Graph, article: dict, claims: bool) -> str:
    classes = _body_classes(soup)
    if "page" in classes and not article:
        return "not an article page (a static page)"
    if claims:
        return ""
    listed = graph.of_types(jsonld.LIST_TYPES)
    if listed:
        return f"not an article page (it describes itself as {sorted(jsonld.types(listed[0]))[0]})"
    for name, kind in LIST_BODY_CLASSES.items():
        if name in classes:
            return f"not an article page ({kind})"
    teasers = [a for a in soup.find_all(["article", "div", "li"],
                                        class_=["post", "hentry", "type-post"])
               if not a.find_parent(["article"])] if soup.body else []
    teasers = teasers or soup.find_all("article")
    if len(teasers) >= TEASER_MINIMUM:
        return f"not an article page (a list of {len(teasers)} teasers)"
    return ""


def content(soup) -> Tag | None:
    for selector in CONTENT_SELECTORS:
        found = soup.select(selector)
        # Prefer matches outside widgets; but broken markup (an unclosed
        # div) can put the real content inside one.
        found = [el for el in found if not inside_widget(el)] or found
        if found:
            return max(found, key=lambda el: len(el.get_text(strip=True)))
    articles = soup.find_all("article")
    return max(articles, key=lambda el: len(el.get_text(strip=True))) if articles else None


def inside_widget(element: Tag) -> bool:
    return any(is_widget(parent) for parent in element.parents
               if isinstance(parent, Tag) and parent.name not in ("html", "body", "[document]"))

