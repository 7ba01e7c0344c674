"""«إقرأ أيضًا»: up to N related articles per article.

Modelled on Hugo's related content: a weighted inverted index.  Candidates
come only from the posting lists of the article's tags and sections, never
from the whole archive, and a long posting list contributes only the
articles nearest in time, so the cost grows with the number of articles, not
with its square (100k articles take seconds).

Only older articles are candidates (as a newsroom links when it publishes),
and a tag's rarity is taken as of the article's own date (``log(n / df)``
over the n articles up to it: a tag on half the archive says little, a rare
one a lot), so publishing a new article never changes an older page's
«إقرأ أيضًا» (the ``related`` of its front matter may still name any article).

Score of a candidate = sum over shared tags of that rarity
+ a bonus for the same section (smaller for the same top-level section)
+ a bonus that fades with the distance in time.
Ties are broken by date distance, then URL, so results are deterministic.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import multiprocessing
import os
from bisect import bisect_left
from heapq import nlargest, nsmallest

from arshif.content.model import Article

SAME_SECTION = 1.0
SAME_TOP_SECTION = 0.4
TIME_BONUS = 0.6
TIME_SCALE_DAYS = 60.0
TAG_WINDOW = 8  # twice this many older neighbours in time are taken from a tag posting list
SECTION_WINDOW = 5  # the same from the article's section and top-level section
BEST_BONUS = SAME_SECTION + TIME_BONUS  # the most a candidate can gain beyond its tags


def compute(articles: list[Article], count: int = 5, window: int = TAG_WINDOW,
            overrides: dict | None = None, jobs: int | None = None,
            start: int = 0) -> dict[Article, list[Article]]:
    """Map each article to its related list (``overrides`` first); with
    ``start``, only the articles from that position in ``chronological``
    order on (the older ones' lists cannot have changed)."""
    # The loop allocates millions of short-lived tuples and no cycles; with
    # the cyclic GC on, every collection rescans the growing result and the
    # run becomes superlinear.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compute(articles, count, window, overrides or {}, jobs, start)
    finally:
        if enabled:
            gc.enable()


CACHE_FILE = "related.json"


def chronological(articles: list[Article]) -> list[Article]:
    """The order results depend on: an article's list depends only on the
    articles up to it in this order (older candidates, rarity as of its date)."""
    return sorted(articles, key=lambda a: (a.date.timestamp(), a.url))


def inputs_key(count: int, window: int) -> str:
    """What every result depends on: the parameters and this module's code."""
    digest = hashlib.sha1()
    with open(__file__, "rb") as handle:
        digest.update(handle.read())
    digest.update(repr((count, window)).encode())
    return digest.hexdigest()


def article_key(article: Article, chosen=()) -> str:
    """What an article brings to its own list and to newer ones: URL, date,
    section and tag identities, and its own ``related`` (``chosen``, as
    resolved: an unknown or deleted article is not in it).  Bodies and titles
    are not in it, so editing an article's text (the usual edit) keeps it."""
    return hashlib.sha1(repr((article.url, article.date.timestamp(), article.section.path,
                              [t.key for t in article.tags], [o.url for o in chosen])
                             ).encode("utf-8")).hexdigest()[:16]


def compute_cached(articles: list[Article], count: int = 5, cache_folder: str | None = None,
                   overrides: dict | None = None) -> dict[Article, list[Article]]:
    """``compute``, remembered in ``cache_folder`` between builds.  Since an
    article's list depends only on the articles up to it (``chronological``),
    the lists of the longest run of oldest articles whose keys did not change
    are reused and only the newer ones are ranked again: publishing a new
    article ranks that one article; a rebuild with nothing changed ranks none."""
    if not cache_folder:
        return compute(articles, count, overrides=overrides)
    overrides = overrides or {}
    key = inputs_key(count, TAG_WINDOW)
    ordered = chronological(articles)
    urls = [a.url for a in ordered]
    keys = [article_key(a, overrides.get(a, ())) for a in ordered]
    path = os.path.join(cache_folder, CACHE_FILE)
    by_url = dict(zip(urls, ordered))
    kept: dict[Article, list[Article]] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            stored = json.load(handle)
        if stored.get("key") == key:
            same = 0
            for old, new in zip(stored["keys"], keys):
                if old != new:
                    break
                same += 1
            related = stored["related"]
            kept = {a: [by_url[u] for u in related[url]]
                    for a, url in zip(ordered[:same], urls)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        kept = {}  # missing, stale or damaged: compute again
    if len(kept) == len(ordered):
        return kept
    result = dict(kept)
    result.update(compute(articles, count, overrides=overrides, start=len(kept)))
    try:
        os.makedirs(cache_folder, exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump({"key": key, "keys": keys,
                       "related": {url: [r.url for r in result[a]]
                                   for a, url in zip(ordered, urls)}},
                      handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        pass  # only a cache (the article cache has already said why it is unusable)
    return result


def _compute(articles, count, window, overrides, jobs=None, start=0):
    # Work on positions in chronological order: a posting list of positions
    # is then also sorted by time, and "nearest in time" is a slice.
    ordered = chronological(articles)
    total = len(ordered)
    days = [a.date.timestamp() / 86400.0 for a in ordered]
    urls = [a.url for a in ordered]
    section_ids: dict[object, int] = {}
    section_of = [section_ids.setdefault(a.section, len(section_ids)) for a in ordered]
    top_of = [section_ids.setdefault(a.section.top, len(section_ids)) for a in ordered]

    tag_postings: dict[object, list[int]] = {}
    section_postings: dict[int, list[int]] = {}
    for position, article in enumerate(ordered):
        for tag in article.tags:
            tag_postings.setdefault(tag, []).append(position)
        section_postings.setdefault(section_of[position], []).append(position)
        if top_of[position] != section_of[position]:
            section_postings.setdefault(top_of[position], []).append(position)
    index = _Index(ordered, days, urls, section_of, top_of, section_postings,
                   [[tag_postings[t] for t in a.tags] for a in ordered], window, count)
    position_of = {a: p for p, a in enumerate(ordered)}
    pinned = {position_of[a]: [position_of[o] for o in chosen if o in position_of and o is not a]
              for a, chosen in overrides.items() if a in position_of}
    ranges = [range(first, min(first + RANGE, total)) for first in range(start, total, RANGE)]
    workers = min(jobs or os.cpu_count() or 1, len(ranges))
    if workers > 1 and total >= PARALLEL_THRESHOLD:
        # Forked workers share the index copy-on-write; only small lists of
        # positions travel back.
        global _shared
        _shared = (index, pinned)
        gc.freeze()  # workers must not copy the model by scanning it
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(workers) as pool:
                parts = pool.map(_rank_shared, ranges)
        finally:
            gc.unfreeze()
            _shared = None
    else:
        parts = [index.rank(r, pinned) for r in ranges]
    result = {}
    for part_range, part in zip(ranges, parts):
        for position, chosen in zip(part_range, part):
            result[ordered[position]] = [ordered[p] for p in chosen]
    return result


PARALLEL_THRESHOLD = 20_000
RANGE = 5_000
_shared = None


def _rank_shared(positions):
    index, pinned = _shared
    return index.rank(positions, pinned)


class _Index:
    """The inverted index over chronological positions."""

    def __init__(self, ordered, days, urls, section_of, top_of, section_postings, tag_lists,
                 window, count):
        self.ordered, self.days, self.urls = ordered, days, urls
        self.section_of, self.top_of = section_of, top_of
        self.section_postings, self.tag_lists = section_postings, tag_lists
        self.window, self.count = window, count

    def rank(self, positions, pinned) -> list[list[int]]:
        gc.disable()  # forked workers inherit nothing of the caller's gc state
        days, urls, section_of, top_of = self.days, self.urls, self.section_of, self.top_of
        section_postings, window, count = self.section_postings, self.window, self.count
        span, section_span = 2 * window, 2 * SECTION_WINDOW
        log = math.log
        out = []
        for position in positions:
            scores: dict[int, float] = {}
            get = scores.get
            for postings in self.tag_lists[position]:
                # The older articles of the tag, the nearest in time of a long list;
                # its rarity among the articles up to this one (itself included).
                where = bisect_left(postings, position)
                weight = log((position + 1) / (where + 1)) + 0.1
                for other in postings[max(0, where - span): where]:
                    scores[other] = get(other, 0.0) + weight
            # Candidates even with no shared tag, so an untagged article still
            # gets neighbours from its section.
            own_section, own_top = section_of[position], top_of[position]
            for section in (own_section, own_top):
                postings = section_postings[section]
                where = bisect_left(postings, position)
                for other in postings[max(0, where - section_span): where]:
                    if other not in scores:
                        scores[other] = 0.0
            chosen = list(pinned.get(position, ()))
            needed = count + len(chosen)
            if count <= len(chosen):
                out.append(chosen)
                continue
            # Only a candidate whose tag score is within BEST_BONUS of the
            # needed-th best can still make the list: skip scoring the rest.
            floor = (nlargest(needed, scores.values())[-1] - BEST_BONUS
                     if len(scores) > needed else -1.0)
            own_day = days[position]
            ranked = []
            for other, score in scores.items():
                if score < floor:
                    continue
                if section_of[other] == own_section:
                    score += SAME_SECTION
                elif top_of[other] == own_top:
                    score += SAME_TOP_SECTION
                distance = abs(days[other] - own_day)
                ranked.append((-score - TIME_BONUS / (1.0 + distance / TIME_SCALE_DAYS),
                               distance, urls[other], other))
            for *_, other in nsmallest(needed, ranked):
                if len(chosen) >= count:
                    break
                if other not in chosen:
                    chosen.append(other)
            out.append(chosen)
        return out
