"""Tags and authors as terms: one page per term, whatever spelling variant.

Variants that differ only by tashkeel, tatweel, invisible marks or spacing
are merged into one term (the most used spelling is shown) and reported, so
an editor can tidy them.  Slugs keep Arabic letters; if two *different*
terms still produce one slug (e.g. ``24/7`` and ``24-7``) the later one gets
a numbered slug, so no two terms ever share a page.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from arshif.content import text
from arshif.content.model import Article, Term
from arshif.content.problems import WARNING, Problem
from arshif.content.validate import fold_url


def arabic_sort_key(name: str):
    """Alphabetical order for Arabic: hamza forms of alef sort with alef,
    tashkeel is ignored; raw text breaks ties deterministically."""
    return (text.search_normalize(name), name)


def _look_alike_terms(terms, spellings, files, field_name, line_of) -> list[Problem]:
    """Two terms a reader takes for one word (ه/ة, ى/ي, hamza seats) keep
    their own pages; say so, naming both spellings and where each is used."""
    groups = defaultdict(list)
    for key in terms:
        groups[text.loose_key(key)].append(key)
    problems = []
    for keys in groups.values():
        if len(keys) < 2:
            continue
        for key in keys:
            for other in keys:
                if other == key:
                    continue
                name, other_name = terms[key].name, terms[other].name
                where = sorted({p for n in spellings[other] for p in files[(other, n)]})
                shown = ", ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3
                                                 else "")
                for path in sorted({p for n in spellings[key] for p in files[(key, n)]}):
                    problems.append(Problem(
                        path, line_of(path), field_name,
                        f"{name!r} and {other_name!r} (in {shown}) are two different "
                        f"{'tags' if field_name == 'tags' else 'authors'} with two pages, but look like one word; "
                        f"write one spelling in both", WARNING))
    return problems


def build_terms(articles: list[Article], kind: str) -> tuple[list[Term], list[Problem]]:
    """Group ``article.tag_names`` (kind "tag") or ``author_names`` ("author")
    into Terms, attach them to the articles, and list merged variants."""
    attribute = "tag_names" if kind == "tag" else "author_names"
    field_name = "tags" if kind == "tag" else "author"
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

    def line_of(path):
        article = by_path[path]
        return article.lines.get(field_name) or article.lines.get(field_name + "s")

    by_path = {a.source_path: a for a in articles}
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
                        path, line_of(path), field_name,
                        f"{variant!r} is written differently from {name!r} elsewhere; "
                        f"both are listed as {name!r}", WARNING))
    problems += _look_alike_terms(terms, spellings, files, field_name, line_of)

    target = "tags" if kind == "tag" else "authors"
    for article in articles:
        chosen = [terms[keys[n]] for n in getattr(article, attribute)]
        setattr(article, target, chosen)
        for term in chosen:
            term.articles.append(article)
    ordered = sorted(terms.values(), key=lambda t: arabic_sort_key(t.name))
    return ordered, problems
