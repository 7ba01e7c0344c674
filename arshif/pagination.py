"""Paginated lists whose file names can never collide.

Page 1 of a list is ``<folder>/index.html`` and page N is
``<folder>/page-N.html``: every list has a folder of its own, so page 2 of
«وسم28» can never be the file of page 1 of «وسم282» (Pelican's default
patterns glue the number to the name).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class ListPage:
    number: int
    count: int  # number of pages
    items: list
    folder: str
    total: int  # number of items over all pages

    @staticmethod
    def url_of(folder: str, number: int) -> str:
        return f"{folder}/index.html" if number == 1 else f"{folder}/page-{number}.html"

    @property
    def url(self) -> str:
        return self.url_of(self.folder, self.number)

    @property
    def prev_url(self) -> str | None:
        return self.url_of(self.folder, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.folder, self.number + 1) if self.number < self.count else None

    @property
    def first_url(self) -> str:
        return self.url_of(self.folder, 1)

    @property
    def last_url(self) -> str:
        return self.url_of(self.folder, self.count)

    def window(self, size: int = 2) -> list[int | None]:
        """Page numbers to show around the current one; None marks a gap."""
        shown = {1, self.count, *range(self.number - size, self.number + size + 1)}
        numbers = sorted(n for n in shown if 1 <= n <= self.count)
        out: list[int | None] = []
        for n in numbers:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out


def paginate(items: list, folder: str, per_page: int) -> list[ListPage]:
    """Always at least one page, so an empty section still has its index."""
    count = max(1, math.ceil(len(items) / per_page))
    return [
        ListPage(number, count, items[(number - 1) * per_page: number * per_page], folder,
                 len(items))
        for number in range(1, count + 1)
    ]
