"""Structured data for article pages: JSON-LD ``NewsArticle`` and
``BreadcrumbList``, and Open Graph values.

Templates embed the dicts with Jinja's ``tojson`` filter, which escapes
``<``, ``>``, ``&`` and ``'``, so no content text can close the script element.
"""

from __future__ import annotations

from arshif.content.dates import iso
from arshif.outputs.urls import absolute


def breadcrumb_list(trail: list[tuple[str, str]], siteurl: str, root: str = "") -> dict:
    """``trail`` is [(name, site path)] from the home page down."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name,
             "item": absolute(siteurl, path, root)}
            for index, (name, path) in enumerate(trail, 1)
        ],
    }


def news_article(article, siteurl: str, sitename: str, root: str = "") -> dict:
    """``root`` makes URLs relative to the page when no SITEURL is known."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": iso(article.date),
        "dateModified": iso(article.modified or article.date),
        "articleSection": article.section.name,
        "inLanguage": "ar",
        # No "mainEntityOfPage": it would be the same address as "url".
        "url": absolute(siteurl, article.url, root),
        "publisher": {"@type": "Organization", "name": sitename},
    }
    # No "description": the summary is already the page's meta description and
    # og:description (and NewsArticle does not need it); 10k pages x 3 copies.
    if article.authors:
        data["author"] = [{"@type": "Person", "name": a.name,
                           "url": absolute(siteurl, a.url, root)} for a in article.authors]
    else:
        data["author"] = {"@type": "Organization", "name": sitename}
    if article.image:
        data["image"] = [absolute(siteurl, article.image, root)]
    if article.tags:
        data["keywords"] = [t.name for t in article.tags]
    return data


def open_graph(article, siteurl: str, sitename: str) -> list[tuple[str, str]]:
    """``(property, content)`` pairs; og:url and og:image only with a SITEURL,
    since Open Graph wants absolute addresses.  Each fact once in the head: the
    dates and the section are in the JSON-LD (datePublished, dateModified,
    articleSection), the language in ``<html lang>``."""
    tags = [
        ("og:type", "article"),
        ("og:site_name", sitename),
        ("og:title", article.title),
    ]
    if article.summary:
        tags.append(("og:description", article.summary))
    if siteurl:
        tags.append(("og:url", absolute(siteurl, article.url)))
        if article.image:
            tags.append(("og:image", absolute(siteurl, article.image)))
    # No article:tag: the tags are in the JSON-LD "keywords" already.
    return tags
