"""JSON-LD of a page: the most reliable metadata WordPress SEO plugins emit.

Yoast and Rank Math put everything in one ``@graph`` and link nodes by
``@id`` (the article's author is ``{"@id": "…#/schema/person/1"}``), so
values are looked up through those references.
"""

from __future__ import annotations

import json
import re

ARTICLE_TYPES = {
    "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting",
    "Report", "SatiricalArticle",
}
LIST_TYPES = {"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage"}


class Graph:
    def __init__(self, nodes: list[dict]):
        self.nodes = nodes
        self.by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}

    @classmethod
    def from_soup(cls, soup) -> "Graph":
        nodes = []
        for script in soup.find_all("script", type=lambda t: t and "ld+json" in t.lower()):
            try:
                data = json.loads(script.string or script.get_text() or "null", strict=False)
            except ValueError:
                continue  # a broken block says nothing; the rest of the page still does
            _flatten(data, nodes)
        return cls(nodes)

    def of_types(self, wanted: set[str]) -> list[dict]:
        return [n for n in self.nodes if types(n) & wanted]

    def article(self) -> dict | None:
        found = self.of_types(ARTICLE_TYPES)
        return found[0] if found else None

    def deref(self, value):
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.by_id.get(value["@id"], value)
        return value

    def names(self, value) -> list[str]:
        """Author-like values: "Name", {"name": …}, a reference, or a list of them."""
        out = []
        for item in value if isinstance(value, list) else [value]:
            item = self.deref(item)
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict) and isinstance(item.get("name"), str):
                out.append(item["name"])
        return [n for n in out if n.strip()]

    def image(self, value) -> tuple[str, str]:
        """``(url, caption)`` of the first image."""
        if isinstance(value, list):
            value = value[0] if value else None
        value = self.deref(value)
        if isinstance(value, str):
            return value, ""
        if isinstance(value, dict):
            url = value.get("contentUrl") or value.get("url") or ""
            caption = value.get("caption") or ""
            return ((url if isinstance(url, str) else ""),
                    (caption if isinstance(caption, str) else ""))
        return "", ""


def types(node: dict) -> set[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def strings(value) -> list[str]:
    """``"a, b"`` (or the Arabic comma) or ``["a", "b"]`` -> ``["a", "b"]``."""
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,،]", value) if part.strip()]
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def _flatten(data, out: list) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out)
