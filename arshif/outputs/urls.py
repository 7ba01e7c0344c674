"""Absolute URLs for feeds, sitemaps and structured data.

Pages link to each other with relative paths (see ``writer.rel``); only
machine-readable output needs absolute URLs, and only when the site's public
address is known (``SITEURL``, set by ``publishconf.py``).
"""

from __future__ import annotations

from urllib.parse import quote


def absolute(siteurl: str, path: str, root: str = "") -> str:
    """``https://x.org/arshif`` + ``tag/الأمن/index.html`` -> percent-encoded absolute URL.
    Without a SITEURL: the path relative to the page whose ``root`` (``../../``) is given."""
    encoded = quote(path, safe="/")
    if not siteurl:
        return root + encoded
    return siteurl.rstrip("/") + "/" + encoded
