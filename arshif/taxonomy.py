"""Tags and authors as terms: one page per term, whatever spelling variant.

Variants that differ only by tashkeel, tatweel, invisible marks or spacing
are merged into one term (the most used spelling is shown) and reported, so
an editor can tidy them.  Slugs keep Arabic letters; if two *different*
terms still produce one slug (e.g. ``24/7`` and ``24-7``) the later one gets
a numbered slug, so no two terms ever share a page.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from arshif import text
from arshif.model import Article, Term
from arshif.problems import WARNING, Problem
from arshif.validate import fold_url


def arabic_sort_key(name: str):
    """Alphabetical order for Arabic: hamza forms of alef sort with alef,
    tashkeel is ignored; raw text breaks ties deterministically."""
    return (text.search_normalize(name), name)


def build_terms(articles: list[Article], kind: str) -> tuple[list[Term], list[Problem]]:
    """Group ``article.tag_names`` (kind "tag") or ``author_names`` ("author")
    into Terms, attach them to the articles, and list merged variants."""
    attribute = "tag_names" if kind == "tag" else "author_names"
    spellings: dict[str, Counter] = defaultdict(Counter)
    files: dict[tuple[str, str], list[str]] = defaultdict(list)
    # A few thousand distinct names over hundreds of thousands of uses:
    # normalise each spelling once.
    keys: dict[str, str] = {}
    for article in articles:
        for name in getattr(article, attribute):
            key = keys.get(name)
            if key is None:
                key = keys[name] = text.term_key(name)
            spellings[key][name] += 1
            files[(key, name)].append(article.source_path)

    terms: dict[str, Term] = {}
    used_slugs: set[str] = set()
    problems = []
    for key in sorted(spellings):
        counts = spellings[key]
        # Most used spelling first; ties go to the plainest (shortest) form.
        name = sorted(counts, key=lambda n: (-counts[n], len(n), n))[0]
        slug = base = text.slugify(key)
        number = 2
        # Compared as a case-insensitive file system would (keys are already
        # case-folded; this also covers Unicode forms).
        while fold_url(slug) in used_slugs:
            slug = f"{base}-{number}"
            number += 1
        used_slugs.add(fold_url(slug))
        terms[key] = Term(kind=kind, name=name, key=key, slug=slug)
        if len(counts) > 1:
            for variant in sorted(counts):
                if variant == name:
                    continue
                for path in files[(key, variant)]:
                    problems.append(Problem(
                        path, None, "tags" if kind == "tag" else "author",
                        f"{variant!r} is written differently from {name!r} elsewhere; "
                        f"both are listed as {name!r}", WARNING))

    target = "tags" if kind == "tag" else "authors"
    for article in articles:
        chosen = [terms[keys[n]] for n in getattr(article, attribute)]
        setattr(article, target, chosen)
        for term in chosen:
            term.articles.append(article)
    ordered = sorted(terms.values(), key=lambda t: arabic_sort_key(t.name))
    return ordered, problems
