"""«إقرأ أيضًا»: up to N related articles per article.

Modelled on Hugo's related content: a weighted inverted index.  Candidates
come only from the posting lists of the article's tags and from its section,
never from the whole archive, and each posting list contributes only the
articles nearest in time, so the cost grows with the number of articles, not
with its square.

Score of a candidate = sum over shared tags of the tag's rarity
(``log(N / df)``: a tag on half the archive says little, a rare one a lot)
+ a bonus for the same section (smaller for the same parent section)
+ a bonus that fades with the distance in time.
Ties are broken by date distance, then URL, so results are deterministic.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict

from arshif.model import Article

SAME_SECTION = 1.0
SAME_TOP_SECTION = 0.4
TIME_BONUS = 0.6
TIME_SCALE_DAYS = 60.0
WINDOW = 24  # neighbours taken on each side from each posting list


def _window(postings: list[Article], times: list[float], moment: float, size: int):
    """The ``size`` articles on each side of ``moment`` in a posting list
    sorted by time (oldest first)."""
    where = bisect_left(times, moment)
    return postings[max(0, where - size): where + size + 1]


def compute(articles: list[Article], count: int = 5, window: int = WINDOW,
            overrides: dict | None = None) -> dict[Article, list[Article]]:
    """Map each published article to its related list (overrides first)."""
    overrides = overrides or {}
    total = len(articles)
    chronological = sorted(articles, key=lambda a: (a.date.timestamp(), a.url))
    tag_postings: dict[object, list[Article]] = defaultdict(list)
    section_postings: dict[object, list[Article]] = defaultdict(list)
    for article in chronological:
        for tag in article.tags:
            tag_postings[tag].append(article)
        section_postings[article.section].append(article)
        if article.section.parent is not None:
            section_postings[article.section.top].append(article)
    tag_times = {t: [a.date.timestamp() for a in p] for t, p in tag_postings.items()}
    section_times = {s: [a.date.timestamp() for a in p] for s, p in section_postings.items()}
    rarity = {t: math.log(total / len(p)) + 0.1 for t, p in tag_postings.items()}

    result = {}
    for article in articles:
        moment = article.date.timestamp()
        scores: dict[Article, float] = defaultdict(float)
        for tag in article.tags:
            weight = rarity[tag]
            for other in _window(tag_postings[tag], tag_times[tag], moment, window):
                scores[other] += weight
        # Same section, then the same top-level section: candidates even with
        # no shared tag, so an untagged article still gets neighbours.
        for section in {article.section, article.section.top}:
            for other in _window(section_postings[section], section_times[section], moment,
                                 window):
                scores[other] += 0.0
        scores.pop(article, None)
        ranked = []
        for other, score in scores.items():
            if other.section is article.section:
                score += SAME_SECTION
            elif other.section.top is article.section.top:
                score += SAME_TOP_SECTION
            distance = abs(other.date.timestamp() - moment) / 86400.0
            score += TIME_BONUS / (1.0 + distance / TIME_SCALE_DAYS)
            ranked.append((-score, distance, other.url, other))
        ranked.sort(key=lambda item: item[:3])
        chosen = [a for a in overrides.get(article, []) if a is not article]
        for *_, other in ranked:
            if len(chosen) >= count:
                break
            if other not in chosen:
                chosen.append(other)
        result[article] = chosen[:max(count, len(chosen))]
    return result
