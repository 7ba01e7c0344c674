"""The objects the rest of Arshif works with, after validation."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import datetime

from arshif.content.dates import date_only
from arshif.content.sections import Section

PUBLISHED = "published"
DRAFT = "draft"
STATUSES = (PUBLISHED, DRAFT)


@dataclass(eq=False)
class Term:
    """A tag or an author: one page per term, whatever spelling variants editors used."""

    kind: str  # "tag" or "author"
    name: str  # display form: the most used spelling
    key: str
    slug: str
    articles: list = field(default_factory=list)  # newest first once indexed

    @property
    def url(self) -> str:
        return f"{self.kind}/{self.slug}/index.html"

    def __repr__(self) -> str:
        return f"Term({self.kind}:{self.name!r})"


@dataclass(eq=False)
class Article:
    source_path: str  # relative to the content folder, with '/' separators
    slug: str
    title: str
    date: datetime  # a dates.Day when the front matter gives the day alone
    section: Section
    tag_names: list[str] = field(default_factory=list)
    author_names: list[str] = field(default_factory=list)
    summary: str = ""
    dateline: str = ""
    source: str = ""
    image: str = ""
    image_caption: str = ""
    modified: datetime | None = None  # a dates.Day too, when the day alone
    original_url: str = ""
    status: str = PUBLISHED
    publish_after: datetime | None = None  # Hugo's publishDate: held back until then
    expires: datetime | None = None  # Hugo's expiryDate: unpublished from then
    related_slugs: list[str] = field(default_factory=list)
    # The sanitised body, kept compressed: a 100k-article archive would
    # otherwise hold over a gigabyte of HTML in memory (see body_html).
    body_zip: bytes = b""
    read_also_offset: int = 0  # where the «إقرأ أيضًا» block goes in body_html
    body_images: list[str] = field(default_factory=list)  # site paths the body loads
    body_image_lines: dict = field(default_factory=dict)  # site path -> line in the source
    lines: dict = field(default_factory=dict)  # front-matter field -> line
    # Filled by the newsroom model:
    tags: list[Term] = field(default_factory=list)
    authors: list[Term] = field(default_factory=list)
    related: list["Article"] = field(default_factory=list)
    prev_in_section: "Article | None" = None
    next_in_section: "Article | None" = None

    @property
    def url(self) -> str:
        """Depends only on date and slug, so an edited title never moves a page.
        Kept once made (lists, links and fingerprints ask for it ~20 times per
        article), while the date and the slug are the same objects."""
        made = self.__dict__.get("_url")
        if made is None or made[0] is not self.date or made[1] is not self.slug:
            made = self.__dict__["_url"] = (
                self.date, self.slug, f"{self.date.year:04d}/{self.date.month:02d}/{self.slug}.html")
        return made[2]

    @property
    def sort_key(self):
        """Newest first, ties broken by URL so every list is deterministic.
        A date without a time of day counts as the start of that day (as in
        the feeds) and comes after every timed article of the day, 00:00
        included."""
        return (-self.date.timestamp(), date_only(self.date), self.url)

    @property
    def body_html(self) -> str:
        return zlib.decompress(self.body_zip).decode("utf-8") if self.body_zip else ""

    @body_html.setter
    def body_html(self, value: str) -> None:
        self.body_zip = zlib.compress(value.encode("utf-8"), 1) if value else b""

    @property
    def body_parts(self) -> tuple[str, str]:
        """The body before and after the «إقرأ أيضًا» block (one decompression)."""
        body = self.body_html
        return body[: self.read_also_offset], body[self.read_also_offset :]

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED

    def __repr__(self) -> str:
        return f"Article({self.source_path!r})"


@dataclass(eq=False)
class Page:
    """A static page such as «من نحن»."""

    source_path: str
    slug: str
    title: str
    body_html: str
    slug_line: int = 1  # where the slug comes from: its field, or the file name (line 1)

    @property
    def url(self) -> str:
        return f"pages/{self.slug}.html"
