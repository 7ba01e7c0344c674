"""Every file under a content folder, accounted for, and never a file from outside.

A contributor's pull request can plant a symbolic link under ``content/``
(``images/env.png -> /proc/self/environ``, ``cfg.png -> ../../.git/config``):
whatever it points at would be read or copied into the site and deployed.
``walk`` lists a folder without following links blindly:

* a link whose resolved target stays inside the allowed folder is used like
  the file or folder it points at (a folder is walked once, loops refused);
* a link leading outside it, a broken link or a loop is a problem naming
  the link, and nothing behind it is read;
* hidden files and folders and editor backups are listed as ignored, each
  with its reason, so nothing vanishes unreported.

The allowed folder is ``content/`` for articles and pages, and the static
folder itself for files copied as they are (a link ``images/a -> ../articles``
would otherwise publish the Markdown of drafts).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

from arshif.content.problems import Problem

FIELD = "file"


@dataclass
class Listing:
    files: list[str] = field(default_factory=list)  # site paths: "articles/2023/x.md"
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (site path, reason)
    problems: list[Problem] = field(default_factory=list)


def ignore_reason(name: str) -> str | None:
    """Editor and OS droppings: hidden files, backups, swap and lock files."""
    if name.startswith("."):
        return "hidden file"
    if name.endswith("~"):
        return "editor backup"
    if name.startswith("#"):
        return "editor autosave"
    return None


def is_inside(path: str, folder: str) -> bool:
    """``path`` and ``folder`` are both resolved (``os.path.realpath``)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def walk(content_root: str, folder: str, allowed: str | None = None) -> Listing:
    """List ``content_root/folder`` (site paths sorted).  Links must resolve
    inside ``content_root/allowed`` (default: the whole content folder)."""
    listing = Listing()
    root_real = os.path.realpath(content_root)
    fence = os.path.realpath(os.path.join(content_root, allowed)) if allowed else root_real
    fence_name = f"{allowed.strip('/')}/" if allowed else "content/"
    base = os.path.join(content_root, folder)
    if os.path.islink(base) and not _link_ok(base, folder, fence, fence_name, listing):
        return listing
    if not os.path.isdir(base):
        return listing
    visited = {os.path.realpath(base)}
    _walk_folder(base, folder, fence, fence_name, visited, listing)
    listing.files.sort()
    listing.ignored.sort()
    return listing


def _walk_folder(directory, site_prefix, fence, fence_name, visited, listing):
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        listing.problems.append(Problem(site_prefix, None, FIELD,
                                        f"folder cannot be read: {exc.strerror}"))
        return
    for entry in entries:
        site_path = f"{site_prefix}/{entry.name}"
        reason = ignore_reason(entry.name)
        if reason:
            if _is_dir(entry):
                _ignore_folder(entry.path, site_path, f"inside hidden folder {site_path}/",
                               listing)
            else:
                listing.ignored.append((site_path, reason))
            continue
        if entry.is_symlink() and not _link_ok(entry.path, site_path, fence, fence_name, listing):
            continue
        if _is_dir(entry):
            real = os.path.realpath(entry.path)
            if real in visited:
                listing.problems.append(Problem(
                    site_path, None, FIELD,
                    "is a symbolic link to a folder that is already listed (a loop or a "
                    "second copy); refused"))
                continue
            visited.add(real)
            _walk_folder(entry.path, site_path, fence, fence_name, visited, listing)
        else:
            listing.files.append(site_path)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows a link (checked first by the caller)
    except OSError:
        return False


def _ignore_folder(directory, site_prefix, reason, listing):
    """Hidden folders are not read, but what they hold is listed (without
    following any link inside them)."""
    for folder, subfolders, files in os.walk(directory):
        below = os.path.relpath(folder, directory)
        prefix = site_prefix if below == "." else f"{site_prefix}/{below.replace(os.sep, '/')}"
        subfolders.sort()
        listing.ignored.extend((f"{prefix}/{name}", reason) for name in sorted(files))


def _link_ok(path, site_path, fence, fence_name, listing) -> bool:
    """True when the link at ``path`` may be followed; otherwise a problem."""
    try:
        shown = os.readlink(path)
    except OSError:
        shown = "?"
    target = os.path.realpath(path)
    if not os.path.exists(target):
        message = f"is a broken or looping symbolic link (-> {shown}); refused"
    elif not is_inside(target, fence):
        message = (f"is a symbolic link to {shown}, outside {fence_name}; refused "
                   f"(copy the file into {fence_name} instead)")
    else:
        return True
    listing.problems.append(Problem(site_path, None, FIELD, message))
    return False


def copy_into(content_root: str, files: list[str], output_path: str) -> None:
    """Copy files listed by ``walk`` (already checked) to the same paths in the output."""
    made = set()
    for site_path in files:
        target = os.path.join(output_path, *site_path.split("/"))
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        shutil.copyfile(os.path.join(content_root, *site_path.split("/")), target)
