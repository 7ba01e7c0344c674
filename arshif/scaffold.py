"""``invoke new``: a new article at the right path with valid front matter."""

from __future__ import annotations

import os
from datetime import datetime

from arshif.content import dates, text
from arshif.content.sections import SectionTree
from arshif.content.sources import ARTICLES_DIR
from arshif.content.validate import LIST_SEPARATORS, PLACEHOLDER, check_slug


def _quote(value: str) -> str:
    """A YAML double-quoted scalar (titles often contain ':' or quotes)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def front_matter(title: str, date: str, section_path: str, tags: list[str]) -> str:
    lines = [
        "---",
        f"title: {_quote(title)}",
        f"date: {date}",
        f"section: {section_path}",
        "tags: [" + ", ".join(_quote(t) for t in tags) + "]",
        "summary: \"\"",
        "author: \"\"",
        "dateline: \"\"",
        "source: \"\"",
        "# A new article is a draft: delete this line (or write status: published) to publish it.",
        "status: draft",
        "---",
        "",
        PLACEHOLDER,
        "",
    ]
    return "\n".join(lines)


SLUG_BYTES = 60


def slug_from_title(title: str, limit: int = SLUG_BYTES) -> str:
    """The title's words joined by '-', as many whole words as fit in
    ``limit`` bytes (never a word cut in two, never a hash)."""
    words = text.slugify(title, max_length=10_000).split("-")
    slug = words[0]
    for word in words[1:]:
        if len(f"{slug}-{word}".encode("utf-8")) > limit:
            break
        slug = f"{slug}-{word}"
    while len(slug.encode("utf-8")) > limit:  # one very long word: cut at a letter
        slug = slug[:-1]
    return slug


def new_article(settings: dict, title: str, section: str, tags: str = "", slug: str = "",
                date: str | None = None, now=datetime.now) -> str:
    title = text.clean(title)
    if not title:
        raise ValueError("title is empty")
    tree = SectionTree(settings["ARSHIF_SECTIONS"])
    try:
        resolved = tree.resolve(section)
    except LookupError as exc:
        raise ValueError(f"section: {exc.args[0]}") from None
    timezone = settings.get("ARSHIF_TIMEZONE", dates.DEFAULT_TIMEZONE)
    if date:
        # Any form the front matter accepts, written as given: a day alone
        # stays a day alone, an offset stays with its time.
        date = date.strip()
        try:
            moment = dates.parse(date, timezone)
        except dates.DateError as exc:
            raise ValueError(f"date: {exc}") from None
    else:
        moment = now(dates.zone(timezone)).replace(second=0, microsecond=0)
        date = moment.strftime("%Y-%m-%d %H:%M")
    slug = text.clean(slug) if slug else slug_from_title(title)
    problem = check_slug(slug)
    if problem:
        raise ValueError(f"slug: {problem}")
    tag_list = [text.clean(t) for t in LIST_SEPARATORS.split(tags) if text.clean(t)]
    folder = os.path.join(settings["PATH"], ARTICLES_DIR, f"{moment.year:04d}",
                          f"{moment.month:02d}")
    path = os.path.join(folder, f"{slug}.md")
    if os.path.exists(path):
        raise ValueError(f"{os.path.relpath(path)} already exists; choose another --slug")
    os.makedirs(folder, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(front_matter(title, date, resolved.name_path, tag_list))
    return path
