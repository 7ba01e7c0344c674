"""The section tree, declared as data in ``pelicanconf.py`` (``ARSHIF_SECTIONS``).

A section can be named in front matter by its Arabic path
(``خارج الحدود/إفريقيا``), its slug path (``abroad/africa``) or, when only one
section carries it, by its leaf name (``إفريقيا`` or ``africa``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from arshif.content import text

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(eq=False)
class Section:
    name: str
    slug: str
    parent: "Section | None" = None
    children: list["Section"] = field(default_factory=list)
    order: int = 0

    @property
    def path(self) -> str:
        """Slug path, e.g. ``abroad/africa``."""
        return f"{self.parent.path}/{self.slug}" if self.parent else self.slug

    @property
    def name_path(self) -> str:
        return f"{self.parent.name_path}/{self.name}" if self.parent else self.name

    @property
    def ancestors(self) -> list["Section"]:
        """From the top-level section down to this one (inclusive)."""
        chain = []
        node = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @property
    def top(self) -> "Section":
        return self.ancestors[0]

    @property
    def depth(self) -> int:
        return len(self.ancestors) - 1

    def descendants(self) -> list["Section"]:
        out = []
        for child in self.children:
            out.append(child)
            out.extend(child.descendants())
        return out

    def __repr__(self) -> str:
        return f"Section({self.path!r})"


class SectionTreeError(ValueError):
    pass


def section_key(value: str) -> str:
    """Section names match as search matches words: hamza forms, ة/ه, ى/ي,
    tashkeel and case do not count («افريقيا» is «إفريقيا»)."""
    return "/".join(part.strip() for part in text.search_normalize(value).split("/"))


def leaf_keys(name: str) -> set[str]:
    """A leaf name with and without the article ال («الاقتصاد» is «اقتصاد»)."""
    key = section_key(name)
    bare = key[2:] if key.startswith("ال") and len(key) > 4 else key
    return {key, bare, "ال" + bare}


class SectionTree:
    def __init__(self, spec: list[dict]):
        self.roots: list[Section] = []
        self._by_path: dict[str, Section] = {}
        self._by_name_path: dict[str, Section] = {}
        self._by_leaf: dict[str, list[Section]] = {}
        for index, item in enumerate(spec):
            self.roots.append(self._build(item, None, index))
        self.roots.sort(key=lambda s: s.order)

    def _build(self, item: dict, parent: Section | None, index: int) -> Section:
        try:
            name = text.clean(item["name"])
            slug = item["slug"]
        except (KeyError, TypeError) as exc:
            raise SectionTreeError(f"section needs 'name' and 'slug': {item!r}") from exc
        if not SLUG_RE.match(slug):
            raise SectionTreeError(
                f"section slug {slug!r} must be lowercase Latin letters, digits and '-'"
            )
        section = Section(name=name, slug=slug, parent=parent, order=item.get("order", index))
        if section.path in self._by_path:
            raise SectionTreeError(f"two sections have the slug path {section.path!r}")
        if section.name_path in self._by_name_path:
            raise SectionTreeError(f"two sections have the path {section.name_path!r}")
        self._by_path[section.path] = section
        self._by_name_path[text.term_key(section.name_path)] = section
        self._by_name_path.setdefault(section_key(section.name_path), section)
        for leaf in {text.term_key(name), slug, *leaf_keys(name)}:
            if section not in self._by_leaf.setdefault(leaf, []):
                self._by_leaf[leaf].append(section)
        for child_index, child in enumerate(item.get("children", [])):
            section.children.append(self._build(child, section, child_index))
        section.children.sort(key=lambda s: s.order)
        return section

    def __iter__(self):
        """Every section, depth first, in declared order."""
        for root in self.roots:
            yield root
            yield from root.descendants()

    def __len__(self) -> int:
        return len(self._by_path)

    def by_path(self, path: str) -> Section:
        return self._by_path[path]

    def resolve(self, value: str) -> Section:
        """Find the section an editor meant, or raise ``LookupError`` with a
        message that says what to write instead."""
        wanted = "/".join(part.strip() for part in text.clean(value).strip("/").split("/"))
        if wanted in self._by_path:
            return self._by_path[wanted]
        key = text.term_key(wanted)
        for candidate in (key, section_key(wanted)):
            if candidate in self._by_name_path:
                return self._by_name_path[candidate]
        if "/" not in wanted:
            found = self._by_leaf.get(key) or self._by_leaf.get(wanted, [])
            for leaf in leaf_keys(wanted):
                found = found or self._by_leaf.get(leaf, [])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                options = "، ".join(s.name_path for s in found)
                raise LookupError(f"{value!r} is ambiguous; write the full path: {options}")
        close = self.suggest(wanted)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise LookupError(f"unknown section {value!r}{hint}")

    def suggest(self, wanted: str, count: int = 3) -> list[str]:
        """Sections whose name (leaf or path, folded like search) is close to ``wanted``."""
        folded = section_key(wanted)
        scored = []
        for section in self:
            forms = {section_key(section.name_path), section_key(section.name), section.path,
                     section.slug, *leaf_keys(section.name)}
            score = max(difflib.SequenceMatcher(None, folded, form).ratio() for form in forms)
            if score >= 0.7:
                scored.append((-score, section.order, section.name_path))
        return [name for _score, _order, name in sorted(scored)[:count]]
