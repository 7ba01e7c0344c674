"""GitHub Pages: ``.nojekyll`` and ``CNAME`` in the output, and deployment.

``.nojekyll`` stops GitHub's Jekyll from dropping files whose names start
with ``_``.  Deployment pushes a finished output folder with ghp-import; the
caller (``invoke gh-pages``) only calls it after a strict build passed.
"""

from __future__ import annotations

import os
import subprocess
import sys

from arshif.site import signals


def on_built(sender, writer, settings, **_):
    writer.write_text(".nojekyll", "", "github pages")
    cname = settings.get("ARSHIF_CNAME", "").strip()
    if cname:
        writer.write_text("CNAME", cname + "\n", "github pages")


# GitHub Pages publishes sites of at most 1 GB; a bigger one fails on
# GitHub's side, after the push.  publishconf.py sets ARSHIF_MAX_SITE_BYTES.
PAGES_LIMIT_BYTES = 1_000_000_000


class SiteTooLarge(RuntimeError):
    pass


def site_bytes(folder: str) -> int:
    return sum(os.path.getsize(os.path.join(directory, name))
               for directory, _dirs, names in os.walk(folder) for name in names)


def check_site_size(folder: str, limit: int = PAGES_LIMIT_BYTES, articles: int = 0) -> int:
    """The size of ``folder`` in bytes; raises SiteTooLarge past ``limit``."""
    size = site_bytes(folder)
    if size > limit:
        per_article = f" ({size / 1024 / articles:.1f} KB per article)" if articles else ""
        raise SiteTooLarge(
            f"{folder} is {size / 1e6:,.1f} MB{per_article}: GitHub Pages publishes at most "
            f"{limit / 1e6:,.1f} MB. Build without the full-text index "
            "(invoke build --no-search: the offline search still works), or publish "
            "the archive in parts")
    return size


def deploy(folder: str, remote: str = "origin", branch: str = "gh-pages",
           message: str = "Publish the archive", repo: str = ".",
           limit: int = PAGES_LIMIT_BYTES) -> None:
    """Commit ``folder`` as the whole of ``branch`` and push it to ``remote``."""
    if not os.path.isfile(os.path.join(folder, "index.html")):
        raise RuntimeError(f"{folder} has no index.html: refusing to publish it")
    check_site_size(folder, limit)
    env = dict(os.environ)
    # ghp-import commits: give git an identity where the machine has none.
    for key, value in (("GIT_AUTHOR_NAME", "Arshif"), ("GIT_COMMITTER_NAME", "Arshif"),
                       ("GIT_AUTHOR_EMAIL", "arshif@localhost"),
                       ("GIT_COMMITTER_EMAIL", "arshif@localhost")):
        env.setdefault(key, value)
    command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push", "--force",
               "--remote", remote, "--branch", branch, "--message", message,
               os.path.abspath(folder)]
    completed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError("ghp-import failed: " + (completed.stderr or completed.stdout).strip())


def register():
    signals.built.connect(on_built)
