"""The files an import reads: the PATHs given, folders walked in sorted
order (so runs are repeatable) for saved pages, WordPress exports and the
Markdown posts of other generators (Jekyll, Hugo, Zola)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

@dataclass(frozen=True)
class Input:
    file: Path
    root: Path  # the folder given (for a file given alone, its folder): images come from inside it


PAGE_SUFFIXES = {".html", ".htm", ".xhtml"}
EXPORT_SUFFIXES = {".xml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}  # posts of Jekyll, Hugo, Zola
READ_SUFFIXES = PAGE_SUFFIXES | EXPORT_SUFFIXES | MARKDOWN_SUFFIXES


def is_assets_folder(name: str) -> bool:
    """``Page_files``: what a browser saved with a page (frames included)."""
    return name.endswith("_files") or name.endswith("-files")


def discover(paths: list[str]) -> tuple[list[Input], list[str]]:
    """``(inputs, missing paths)``."""
    found, missing = [], []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.append(Input(path.resolve(), path.resolve().parent))
        elif path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders
                                       if not d.startswith(".") and not is_assets_folder(d))
                for name in sorted(files):
                    if Path(name).suffix.lower() in READ_SUFFIXES \
                            and not name.startswith("."):
                        found.append(Input((Path(folder) / name).resolve(), path.resolve()))
        else:
            missing.append(given)
    seen, unique = set(), []
    for item in found:  # a file given twice is read once, with the first root given
        if item.file not in seen:
            seen.add(item.file)
            unique.append(item)
    return unique, missing


def is_export(path: Path) -> bool:
    return path.suffix.lower() in EXPORT_SUFFIXES


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def display(path: Path) -> str:
    """The path as the report shows it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
