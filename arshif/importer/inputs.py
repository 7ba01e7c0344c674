"""The files an import reads: the PATHs given, folders walked in sorted
order (so runs are repeatable) for saved pages and WordPress exports."""

from __future__ import annotations

import os
from pathlib import Path

PAGE_SUFFIXES = {".html", ".htm", ".xhtml"}
EXPORT_SUFFIXES = {".xml"}


def is_assets_folder(name: str) -> bool:
    """``Page_files``: what a browser saved with a page (frames included)."""
    return name.endswith("_files") or name.endswith("-files")


def discover(paths: list[str]) -> tuple[list[Path], list[str]]:
    """``(files, missing paths)``."""
    found, missing = [], []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders
                                       if not d.startswith(".") and not is_assets_folder(d))
                for name in sorted(files):
                    if Path(name).suffix.lower() in PAGE_SUFFIXES | EXPORT_SUFFIXES \
                            and not name.startswith("."):
                        found.append(Path(folder) / name)
        else:
            missing.append(given)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique, missing


def is_export(path: Path) -> bool:
    return path.suffix.lower() in EXPORT_SUFFIXES


def display(path: Path) -> str:
    """The path as the report shows it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
