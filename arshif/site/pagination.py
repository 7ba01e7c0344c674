"""Paginated lists whose pages never change once full, and whose file names
can never collide.

Numbered pages are counted from the oldest article: ``<folder>/page-1.html``
holds a list's 20 oldest articles, ``page-2.html`` the next 20, and so on.
Only full pages are written, so publishing a new article never moves an
article to another page: a full page keeps its items for ever (its link to
the newer page is the only thing that changes, once, when that page is
started).  The list's first page, ``<folder>/index.html``, shows the newest
``per_page`` articles (some of them are also on the newest numbered page, the
others are on no numbered page yet) and links into the numbered pages; it is
the one page of a list that a new article rewrites.  Every list has a folder
of its own, so page 2 of «وسم28» can never be the file of page 1 of «وسم282»
(Pelican's default patterns glue the number to the name).  Items are always
shown newest first.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST = 0  # ListPage.number of the list's first page, index.html


@dataclass
class ListPage:
    number: int  # FIRST for index.html, else counted from the oldest page (1)
    full_pages: int  # numbered pages of the list
    items: list  # newest first
    folder: str
    total: int  # number of items in the list

    @staticmethod
    def url_of(folder: str, number: int) -> str:
        return f"{folder}/index.html" if number == FIRST else f"{folder}/page-{number}.html"

    @property
    def is_first(self) -> bool:
        return self.number == FIRST

    @property
    def url(self) -> str:
        return self.url_of(self.folder, self.number)

    @property
    def first_url(self) -> str:
        return self.url_of(self.folder, FIRST)

    @property
    def older(self) -> int | None:
        """The numbered page after this one, reading on (older articles)."""
        if self.is_first:
            per_page = len(self.items)
            # The page holding the newest article this page does not show.
            if not per_page or self.total <= per_page:
                return None
            return (self.total - 1) // per_page
        return self.number - 1 if self.number > 1 else None

    @property
    def newer(self) -> int | None:
        """The page before this one (newer articles): FIRST after the newest
        numbered page."""
        if self.is_first:
            return None
        return self.number + 1 if self.number < self.full_pages else FIRST

    @property
    def next_url(self) -> str | None:  # rel=next: reading on, older articles
        older = self.older
        return None if older is None else self.url_of(self.folder, older)

    @property
    def prev_url(self) -> str | None:  # rel=prev: newer articles
        newer = self.newer
        return None if newer is None else self.url_of(self.folder, newer)

    def window(self, size: int = 2) -> list[int | None]:
        """Numbered pages to link, newest first; None marks a gap.  The first
        page shows the newest few; a numbered page its neighbours (only one
        newer, so that it changes only when that page is started) and page 1."""
        if not self.full_pages:
            return []
        if self.is_first:
            shown = {*range(self.full_pages - size, self.full_pages + 1), 1}
        else:
            top = self.number + (1 if self.number < self.full_pages else 0)
            shown = {*range(self.number - size, top + 1), 1}
        out: list[int | None] = []
        for n in sorted((n for n in shown if 1 <= n <= self.full_pages), reverse=True):
            if out and (out[-1] or 0) - n > 1:
                out.append(None)
            out.append(n)
        return out

    def shown(self) -> tuple:
        """What the page shows besides its items (for its fingerprint): a
        numbered page shows neither the total nor how many pages follow."""
        if self.is_first:
            return (self.number, self.folder, self.full_pages, self.total, len(self.items))
        return (self.number, self.folder, self.number < self.full_pages)


def paginate(items: list, folder: str, per_page: int) -> list[ListPage]:
    """``items`` newest first -> the first page, then the full numbered pages,
    oldest (1) first.  There is always a first page, so an empty section
    still has its index."""
    total = len(items)
    full = total // per_page
    pages = [ListPage(FIRST, full, items[:per_page], folder, total)]
    for number in range(1, full + 1):
        # Page k holds the oldest k*per_page articles but the first (k-1)*per_page.
        start, stop = total - number * per_page, total - (number - 1) * per_page
        pages.append(ListPage(number, full, items[start:stop], folder, total))
    return pages
