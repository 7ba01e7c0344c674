"""Old-site addresses: a key to recognise the same page under its variants,
and the slug its path carries."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

from arshif.content import text

# Query parameters that name a post on WordPress ("?p=123"); every other
# parameter (utm_*, amp, replytocom…) leaves the page the same.
IDENTIFYING_PARAMS = {"p", "page_id", "id", "post"}
INDEX_FILES = re.compile(r"/(?:index\.(?:html?|php|aspx?))$", re.I)
PAGE_SUFFIX = re.compile(r"\.(?:html?|php|aspx?)$", re.I)
NOT_SLUG_CHARS = re.compile(r"[^\w-]+")
MAX_SLUG_BYTES = 120


def is_web_url(value: str | None) -> bool:
    return bool(value) and bool(re.match(r"^https?://[^\s/]+", value.strip(), re.I))


def absolute(href: str, base: str | None) -> str:
    """``href`` made absolute against ``base`` when ``base`` is a web address."""
    href = href.strip()
    if base and is_web_url(base):
        return urljoin(base, href)
    return href


def url_key(url: str | None) -> str | None:
    """``old.example/2023/11/29/slug`` for every spelling of one address:
    http or https, with or without www., trailing slash, index.html,
    percent-encoding or tracking parameters."""
    if not is_web_url(url):
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = unicodedata.normalize("NFC", unquote(parts.path))
    path = INDEX_FILES.sub("/", path).rstrip("/")
    params = sorted((k, v) for k, v in parse_qsl(parts.query) if k.lower() in IDENTIFYING_PARAMS)
    query = f"?{urlencode(params)}" if params else ""
    return f"{host}{path}{query}"


def path_segments(url: str) -> list[str]:
    """Decoded, non-empty path segments of a web address."""
    path = urlsplit(url.strip()).path
    return [unicodedata.normalize("NFC", unquote(s)) for s in path.split("/") if s]


def slug_from_url(url: str | None) -> str | None:
    """The last path segment, as WordPress permalinks carry the post's slug."""
    if not is_web_url(url):
        return None
    segments = path_segments(url)
    while segments and re.fullmatch(r"index\.\w+", segments[-1], re.I):
        segments.pop()
    if not segments:
        return None
    return sanitize_slug(PAGE_SUFFIX.sub("", segments[-1]))


def sanitize_slug(value: str | None) -> str | None:
    """A slug that passes Arshif's rule ``^\\w[\\w-]*$`` (≤120 bytes), or None.

    Tashkeel is dropped rather than turned into '-': harakat are not ``\\w``
    and a slug with them would be cut in the middle of a word."""
    if not value:
        return None
    value = text.strip_marks(text.clean(unquote(value)))
    value = NOT_SLUG_CHARS.sub("-", value)
    value = re.sub(r"-{2,}", "-", value).strip("-_")
    while len(value.encode("utf-8")) > MAX_SLUG_BYTES:
        value = value[:-1].rstrip("-_")
    return value or None
