"""What is not the article in a WordPress news theme, recognised by tag and
by class names: embeds and forms, share bars, ads, meta lines, widgets."""

from __future__ import annotations

import re

from bs4 import Tag

DROP_TAGS = ["script", "style", "noscript", "iframe", "form", "ins", "object", "embed",
             "button", "input", "select", "textarea", "svg", "canvas", "video", "audio",
             "nav", "header", "footer", "aside", "template", "link", "meta", "source"]
# Words of class names and ids ("sharedaddy", "post-share", "jp-relatedposts"…).
# Matched against whole words of a class name, so "ad" hits "post-ad" but not
# "header" or "read-more".  Widgets hold other articles: their dates and
# bylines must never be taken for this article's.
WIDGET_WORDS = {
    "widget", "sidebar", "latest", "popular", "trending", "related", "relatedposts", "yarpp",
    "comment", "comments", "respond", "disqus", "newsletter", "subscribe", "subscription",
    "mc4wp", "outbrain", "taboola", "navigation", "pagination",
}
BOILERPLATE_WORDS = WIDGET_WORDS | {
    "share", "sharing", "sharedaddy", "social", "addtoany", "a2a", "breadcrumb", "breadcrumbs",
    "tags", "tagcloud", "advert", "advertisement", "adsbygoogle", "ad", "ads", "banner",
    "sponsor", "sponsored", "promo", "whatsapp", "telegram", "print", "meta", "byline", "rating",
    "metadata", "follow", "breadcrumbholder",
}
BOILERPLATE_CLASSES = {"author-box", "author-bio", "about-author", "post-author", "nav-links",
                       "entry-footer", "wp-block-buttons", "screen-reader-text"}
# WordPress adds taxonomy classes ("tag-share", "category-sport") to posts:
# they say what the post is about, not what the element is.
TAXONOMY_CLASS = re.compile(r"^(?:tag|category|format|status|type|postid)-|^post-\d+$", re.I)
# Read-also boxes whose label is drawn by CSS (::before), not written.
READ_ALSO_CLASS = re.compile(r"read[-_]?also|also[-_]?read|related[-_]?(?:inline|article|link)", re.I)


def class_names(element: Tag) -> set[str]:
    names = list(element.get("class") or [])
    if element.get("id"):
        names.append(element["id"])
    return {name.lower() for name in names if not TAXONOMY_CLASS.match(name)}


def class_words(element: Tag) -> set[str]:
    return {word for name in class_names(element) for word in re.split(r"[-_\s]+", name)}


def is_boilerplate(element: Tag) -> bool:
    """Share bars, ads, meta lines, widgets: nothing of the article's text."""
    return bool(class_words(element) & BOILERPLATE_WORDS
                or class_names(element) & BOILERPLATE_CLASSES)


def is_widget(element: Tag) -> bool:
    """A box about other articles (latest, related, comments…)."""
    return bool(class_words(element) & WIDGET_WORDS)


def drop(content: Tag) -> None:
    """Remove every boilerplate element under ``content``."""
    for element in content.find_all(DROP_TAGS):
        if not element.decomposed:
            element.decompose()
    for element in content.find_all(True):
        if not element.decomposed and is_boilerplate(element):
            element.decompose()
