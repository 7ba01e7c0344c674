"""Old categories -> sections of the tree.

The old portal named its categories in several ways: Arabic display names
(«أخبار دولية»), WordPress slugs (``international``, or percent-encoded Arabic
``%d8%af%d9%88%d9%84%d9%8a``) and URL paths (``/category/abroad/africa/``).
Every section's own name, slug, name path and slug path map to it; the
mapping file adds the old site's variants.  A name that maps nowhere is never
guessed: the page is reported with that name so the archivist can add it.

Two keys of the mapping file are settings, not categories:
``_default_section: SECTION`` (the section of pages whose categories map
nowhere, WordPress "Uncategorized" included; ``--default-section``) and
``_content_selector: CSS`` (where the article text is on the old site's
pages; ``--content-selector``).
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote

import yaml

from arshif.content import text
from arshif.content.sections import Section, SectionTree
from arshif.importer.urls import is_web_url, path_segments

IGNORED = object()  # a category the mapping file marks as meaningless
SETTING_KEYS = ("_default_section", "_content_selector")
IGNORE_VALUES = {"", "~", "null", "none"}
DEFAULT_MAPPING_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "import_sections.yaml")


class MappingError(ValueError):
    pass


def key(name: str) -> str:
    """Spelling-insensitive identity: hamza forms, ta marbuta, tashkeel, case,
    and '-'/'_' versus spaces (slugs) do not matter."""
    name = unquote(name).replace("-", " ").replace("_", " ")
    return text.search_normalize(name).strip(" /")


class SectionMap:
    def __init__(self, tree: SectionTree, variants: dict[str, str | None] | None = None):
        self.tree = tree
        self.default_section: Section | None = None
        self.content_selector: str = ""
        variants = dict(variants or {})
        settings = {name: variants.pop(name, None) for name in SETTING_KEYS}
        self._map: dict[str, object] = {}
        for section in tree:
            for name in (section.name, section.slug, section.name_path, section.path):
                self._map[key(name)] = section
        problems = []
        for old, target in variants.items():
            if target is None or target.strip().lower() in IGNORE_VALUES:
                self._map[key(old)] = IGNORED
                continue
            try:
                self._map[key(old)] = tree.resolve(target)
            except LookupError as exc:
                problems.append(f"{old!r}: {exc.args[0]}")
        if problems:
            raise MappingError("; ".join(problems))
        self.set_default_section(settings["_default_section"], "_default_section")
        self.set_content_selector(settings["_content_selector"], "_content_selector")

    def set_default_section(self, target: str | None, where: str = "--default-section") -> None:
        """The section for pages whose categories map nowhere (None: keep)."""
        if target is None or not target.strip():
            return
        try:
            self.default_section = self.tree.resolve(target.strip())
        except LookupError as exc:
            raise MappingError(f"{where} {target!r}: {exc.args[0]}") from None

    def set_content_selector(self, selector: str | None, where: str = "--content-selector") -> None:
        """A CSS selector for the article text of the old site's pages."""
        if selector is None or not selector.strip():
            return
        import soupsieve

        try:
            soupsieve.compile(selector.strip())
        except (soupsieve.SelectorSyntaxError, ValueError) as exc:
            raise MappingError(f"{where} {selector!r} is not a CSS selector: "
                               f"{str(exc).splitlines()[0]}") from None
        self.content_selector = selector.strip()

    @classmethod
    def load(cls, tree: SectionTree, path: str | None) -> "SectionMap":
        """Read ``path`` (default: the project's import_sections.yaml; a missing
        default file means: section names and slugs only)."""
        chosen = path or DEFAULT_MAPPING_FILE
        if not os.path.exists(chosen):
            if path:
                raise MappingError(f"{path}: no such mapping file")
            return cls(tree)
        try:
            with open(chosen, encoding="utf-8") as handle:
                # BaseLoader: keys such as "no" or "2023" stay text.
                data = yaml.load(handle, Loader=yaml.BaseLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise MappingError(f"{chosen}: cannot be read: {exc}") from None
        data = data or {}
        if not isinstance(data, dict) or not all(
                isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()):
            raise MappingError(f"{chosen}: must be 'old name: section' lines")
        try:
            return cls(tree, data)
        except MappingError as exc:
            raise MappingError(f"{chosen}: {exc}") from None

    def lookup(self, name: str):
        """Section, IGNORED, or None when unknown."""
        return self._map.get(key(name))

    def choose(self, groups: list[list[str]]) -> tuple[Section | None, list[str]]:
        """Section for a page, from its category names in groups of decreasing
        reliability: the first group with a mapped name wins, and within it the
        deepest section (WordPress lists both «خارج الحدود» and «إفريقيا»).
        Returns ``(section, unmapped names of the most reliable group)``."""
        unmapped: list[str] | None = None
        for group in groups:
            found, missing = [], []
            for name in group:
                result = self.lookup(name)
                if isinstance(result, Section):
                    found.append(result)
                elif result is None and any(ch.isalpha() for ch in name) and name not in missing:
                    missing.append(text.clean(name))
            if found:
                return max(found, key=lambda s: s.depth), missing
            if unmapped is None and (missing or any(self.lookup(n) is IGNORED for n in group)):
                unmapped = missing
        return None, unmapped or []


CATEGORY_MARKERS = ("category", "categorie", "section", "rubrique", "cat")


def url_categories(url: str, markers=CATEGORY_MARKERS) -> list[str]:
    """Category names an address carries: ``/category/abroad/africa/`` ->
    ``["abroad/africa", "africa", "abroad"]``."""
    if not is_web_url(url):
        return []
    segments = path_segments(url)
    for index, segment in enumerate(segments):
        if segment.lower() in markers:
            rest = [s for s in segments[index + 1:] if not re.fullmatch(r"page|\d+", s)]
            return (["/".join(rest)] if len(rest) > 1 else []) + rest[::-1]
    return []
