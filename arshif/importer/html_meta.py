"""<meta> tags: Open Graph (``property``) and classic (``name``) alike."""

from __future__ import annotations

from arshif.content import text


def meta(soup, name: str) -> str:
    return next(iter(metas(soup, name)), "")


def metas(soup, name: str) -> list[str]:
    found = (soup.find_all("meta", attrs={"property": name})
             + soup.find_all("meta", attrs={"name": name}))
    return [text.clean(m.get("content") or "") for m in found if text.clean(m.get("content") or "")]
