"""Search: the offline index and the Pagefind step, both in shards.

Over http(s) the search page uses Pagefind (full text, Arabic stemming).
Opened from disk, browsers refuse Pagefind's module scripts and ``fetch``;
there the page loads ``search-index.js``, a classic script written here, and
searches titles, tags, sections and dates in the browser.

Both indexes are split the same way, by the URL of the article
(``YYYY/MM/slug.html``): one shard per year, and in the newest year one per
month (``2025-03``; see ``shard_of``).  Publishing an article touches only
its shard:

* ``search-index.js`` is a small manifest (fields, sections, and one entry
  per shard, newest first); ``search/<shard>.js`` holds that shard's
  documents, a function of its own articles only.
* ``pagefind/<shard>/`` is one Pagefind bundle per shard, each indexed by
  its own Pagefind process (peak memory: the largest shard, not the
  archive), merged in the browser with Pagefind's ``mergeIndex``.  The
  oldest shard's bundle is the primary one and alone carries Pagefind's
  engine files (``pagefind.js``, its worker and WebAssembly); the others hold
  only their index.  A shard whose indexed pages did not change since the
  previous build is not indexed again: its bundle is linked from the
  previous output (see ``run_pagefind``), so it stays byte-identical.

Both sides fold Arabic the same way (``text.search_normalize`` and
``normalize()`` in search.js); each document's searchable text is folded
here once, so the browser only folds the query.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field

from arshif.content import dates, text
from arshif.site import signals, state

INDEX_FILE = "search-index.js"
SHARD_DIR = "search"
SHARDS_GLOBAL = "ARSHIF_SEARCH_SHARDS"
FIELDS = ["url", "title", "section", "date", "datetime", "tags", "text", "excerpt"]
# The offline results show the opening words of the body (Pagefind's show
# the words around the match); the offline search itself reads titles, tags
# and sections only.
EXCERPT_CHARS = 140
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SPACE = re.compile(r"\s+")
PAGEFIND_DIR = "pagefind"
# Pagefind reads only the article element (data-pagefind-body, in
# theme/templates/article.html) minus what carries data-pagefind-ignore.
YEAR = re.compile(r"^[0-9]{4}$")
MONTH = re.compile(r"^[0-9]{2}$")


# Pagefind needs ~240 KB of memory per page it indexes at once (1.6 GB for
# 6,650 pages, what a year holds in a 100k archive): a year with more
# articles than this is split by month too, keeping each process under 3 GB.
MAX_YEAR_PAGES = 8000


def monthly_years(year_counts: dict[str, int]) -> set[str]:
    """The years split by month: the newest, and any with over MAX_YEAR_PAGES."""
    if not year_counts:
        return set()
    return {max(year_counts)} | {y for y, n in year_counts.items() if n > MAX_YEAR_PAGES}


def shard_of(url: str, monthly: set[str]) -> str:
    """The shard of an article, from its URL (``YYYY/MM/slug.html``): its
    year, or its month (``YYYY-MM``) in the ``monthly`` years.  A shard's
    index files are all rewritten when one of its articles changes (Pagefind
    renumbers its pages), so the shard new articles go into is kept small:
    at 100k articles a year holds ~6,700 of them, a month ~550."""
    year, month = url.split("/", 2)[:2]
    return f"{year}-{month}" if year in monthly else year


def shard_folder(name: str) -> str:
    """The output folder of a shard's pages: ``2023`` or ``2025/03``."""
    return name.replace("-", "/")


# ---------------------------------------------------------------------------
# The offline index (search-index.js + search/YYYY.js)

def lead(body_html: str, limit: int = EXCERPT_CHARS) -> str:
    """The body's opening words as plain text, cut at a word (with «…»)."""
    plain = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", body_html[:limit * 12]))).strip()
    if len(plain) <= limit:
        return plain
    cut = plain[:limit + 1].rsplit(" ", 1)[0] if " " in plain[:limit + 1] else plain[:limit]
    return cut.rstrip(" ،,.:؛") + "…"


class Texts:
    """The two costly parts of a document, the folded searchable text and
    the body's opening words, remembered between builds (``cache/``) by what
    they are made of: a rebuild then folds and cuts only new and edited
    articles (at 10,000 articles, 1.2 s of every rebuild otherwise)."""

    VERSION = 1

    def __init__(self, path: str | None = None):
        self.path = path
        self.folded: dict[str, str] = {}
        self.leads: dict[str, str] = {}
        self.used_folded: dict[str, str] = {}
        self.used_leads: dict[str, str] = {}
        self.code = _texts_code()
        stored = _read_json(path)
        if stored.get("texts") == self.VERSION and stored.get("code") == self.code:
            self.folded, self.leads = stored.get("folded", {}), stored.get("leads", {})

    def fold(self, haystack: str) -> str:
        found = self.folded.get(haystack)
        if found is None:
            found = text.search_normalize(haystack)
        self.used_folded[haystack] = found
        return found

    def lead(self, article) -> str:
        key = hashlib.blake2b(article.body_zip, digest_size=16).hexdigest()
        found = self.leads.get(key)
        if found is None:
            found = lead(article.body_html)
        self.used_leads[key] = found
        return found

    def save(self) -> None:
        """Keeps what this build used, so deleted and edited articles' texts go."""
        if self.path:
            # Arabic as UTF-8, not \uXXXX: a third of the bytes (~20 MB at 100,000 articles).
            state.write(self.path, {"version": STATE_VERSION, "texts": self.VERSION,
                                    "code": self.code, "folded": self.used_folded,
                                    "leads": self.used_leads},
                        ensure_ascii=False, separators=(",", ":"))


def _texts_code() -> str:
    """The code the remembered texts come from: this module and the folding."""
    digest = hashlib.sha256()
    for module in (__file__, text.__file__):
        with open(module, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:16]


def _document(article, position, texts: Texts) -> list:
    tags = [t.name for t in article.tags]
    haystack = " ".join([article.title, *tags, article.section.name_path])
    return [
        article.url,
        article.title,
        position[article.section],
        dates.portal(article.date),
        dates.iso(article.date),
        tags,
        texts.fold(haystack),
        texts.lead(article),
    ]


def index_shards(newsroom, texts: Texts | None = None) -> tuple[list[str], dict[str, list]]:
    """The section list and, per shard (newest first), its documents
    (newest first, as ``newsroom.articles`` are)."""
    texts = texts or Texts()
    sections = [s.name_path for s in newsroom.tree]
    position = {s: i for i, s in enumerate(newsroom.tree)}
    shards: dict[str, list] = {}
    monthly = monthly_years(Counter(a.url.split("/", 1)[0] for a in newsroom.articles))
    for article in newsroom.articles:
        shards.setdefault(shard_of(article.url, monthly), []).append(
            _document(article, position, texts))
    ordered = dict(sorted(shards.items(), reverse=True))
    return sections, ordered


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def shard_script(name: str, docs: list) -> str:
    # A classic script (not JSON + fetch) so it loads from file:// too.  JSON
    # is valid JS; "</" cannot end a script that is loaded by src anyway.
    return (f"(window.{SHARDS_GLOBAL}=window.{SHARDS_GLOBAL}||{{}})"
            f"[{_json(name)}]={_json(docs)};\n")


def index_files(newsroom, texts: Texts | None = None) -> dict[str, str]:
    """Every file of the offline index: ``{site path: text}``.  The manifest
    names each shard with a hash of its text (``?v=``), so a browser or CDN
    never mixes a cached old shard with a new manifest."""
    sections, shards = index_shards(newsroom, texts)
    files = {}
    listed = []
    for name, docs in shards.items():
        path = f"{SHARD_DIR}/{name}.js"
        files[path] = shard_script(name, docs)
        version = hashlib.sha256(files[path].encode("utf-8")).hexdigest()[:12]
        listed.append({"name": name, "src": f"{path}?v={version}", "docs": len(docs)})
    manifest = {"fields": FIELDS, "sections": sections, "shards": listed}
    files[INDEX_FILE] = f"window.ARSHIF_SEARCH_INDEX={_json(manifest)};\n"
    return files


def index_documents(newsroom) -> dict:
    """The whole offline index in one object (fields, sections, docs newest
    first): what the browser holds once it has loaded every shard."""
    sections, shards = index_shards(newsroom)
    return {"fields": FIELDS, "sections": sections,
            "docs": [doc for docs in shards.values() for doc in docs]}


def on_built(sender, newsroom, writer, settings=None, **_):
    settings = settings or {}
    texts = Texts(state.output_file(settings.get("ARSHIF_PAGE_CACHE_PATH"),
                                    settings.get("ARSHIF_FINAL_OUTPUT"), "search-texts"))
    for path, content in index_files(newsroom, texts).items():
        writer.write_text(path, content, "search index")
    texts.save()


# ---------------------------------------------------------------------------
# Pagefind, one bundle per shard

# Files Pagefind writes at the top of a bundle that the browser needs only
# once (from the primary bundle); the rest of the top level is the index.
ENGINE = re.compile(r"^(pagefind\.js|pagefind-worker\.js|wasm\.[^/]+\.pagefind)$")
# Pagefind also ships ready-made UIs; the search page has its own.
UNUSED = re.compile(r"^pagefind-(.*ui.*|highlight\.js)$")
STATE_VERSION = 1


@dataclass
class ShardRun:
    name: str
    pages: int
    built: bool  # False: linked unchanged from the previous output
    seconds: float = 0.0
    peak_rss_mb: float | None = None  # of the Pagefind process (built shards)
    files: int = 0
    bytes: int = 0


@dataclass
class PagefindRun:
    shards: list[ShardRun] = field(default_factory=list)
    state: dict = field(default_factory=dict)  # to save once the output is swapped in
    state_file: str | None = None

    @property
    def built(self) -> list[ShardRun]:
        return [s for s in self.shards if s.built]

    @property
    def peak_rss_mb(self) -> float | None:
        peaks = [s.peak_rss_mb for s in self.shards if s.peak_rss_mb is not None]
        return max(peaks) if peaks else None

    def save_state(self) -> None:
        if self.state_file:
            _write_json(self.state_file, self.state)


def state_file(cache_root: str | None, final_output: str) -> str | None:
    """Where the shards' input digests are kept for ``final_output``
    (beside the page fingerprints of arshif.site.render)."""
    return state.output_file(cache_root, final_output, "search")


def _write_json(path: str, data) -> None:
    state.write(path, data, sort_keys=True)


def _read_json(path: str | None) -> dict:
    data = state.read(path)
    return data if data.get("version") == STATE_VERSION else {}


# What Pagefind reads of a page: the element carrying data-pagefind-body
# (without the elements inside it carrying data-pagefind-ignore), the <html>
# tag (its lang picks the stemmer) and any data-pagefind-* tag elsewhere.
_OPEN = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.I)
_BODY = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bdata-pagefind-body\b[^>]*>")
_IGNORE = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bdata-pagefind-ignore\b[^>]*>")
_ANY = re.compile(rb"<[a-zA-Z][^>]*\bdata-pagefind-[^>]*>")


def _element_end(html: bytes, tag: bytes, start: int) -> int:
    """End of the element whose start tag begins at ``start`` (nesting of the
    same tag counted; the page's HTML is well formed)."""
    pattern = re.compile(rb"<(/?)" + re.escape(tag) + rb"\b[^>]*>", re.I)
    depth = 0
    for match in pattern.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)


def indexed_part(html: bytes) -> bytes:
    """The bytes of a page that Pagefind's index depends on (b"" when the
    page has no data-pagefind-body, which Pagefind then skips)."""
    body = _BODY.search(html)
    if not body:
        return b""
    end = _element_end(html, body.group(1), body.start())
    region = html[body.start():end]
    parts = []
    position = 0
    while True:
        ignored = _IGNORE.search(region, position)
        if not ignored:
            break
        parts.append(region[position:ignored.start()])
        position = _element_end(region, ignored.group(1), ignored.start())
    parts.append(region[position:])
    outside = html[:body.start()] + html[end:]
    head = _HTML_TAG.search(html)
    # White space only separates words for Pagefind: an ignored element that
    # disappears (a «إقرأ أيضًا» block with nothing older to show) leaves
    # more or fewer blank lines, which must not make the page look changed.
    text = re.sub(rb"\s+", b" ", b"".join(parts))
    return b"\0".join([head.group(0) if head else b"", *_ANY.findall(outside), text])


def _pagefind_version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind_bin")
    except Exception:  # noqa: BLE001 - any failure: never reuse on a guess
        return "unknown"


def plan_shards(site: str) -> list[str]:
    """The shards of a built site, oldest first: its year folders, or their
    month folders in the years ``monthly_years`` names (see ``shard_of``)."""
    months = {}
    for year in os.listdir(site):
        if YEAR.match(year) and os.path.isdir(os.path.join(site, year)):
            months[year] = {m: len(_shard_pages(site, f"{year}-{m}"))
                            for m in os.listdir(os.path.join(site, year))
                            if MONTH.match(m) and os.path.isdir(os.path.join(site, year, m))}
    counts = {year: sum(found.values()) for year, found in months.items() if sum(found.values())}
    monthly = monthly_years(counts)
    names = []
    for year in sorted(counts):
        if year in monthly:
            names.extend(f"{year}-{m}" for m in sorted(months[year]) if months[year][m])
        else:
            names.append(year)
    return names


def _shard_pages(site: str, name: str) -> list[str]:
    pages = []
    root = os.path.join(site, shard_folder(name))
    for directory, folders, names in os.walk(root):
        folders.sort()
        pages.extend(os.path.relpath(os.path.join(directory, n), site).replace(os.sep, "/")
                     for n in sorted(names) if n.endswith(".html"))
    return pages


def _inputs_digest(site: str, pages: list[str], salt: str) -> str:
    digest = hashlib.sha256(salt.encode())
    for page in pages:
        with open(os.path.join(site, page), "rb") as handle:
            part = indexed_part(handle.read())
        digest.update(page.encode() + b"\0" + hashlib.sha256(part).digest())
    return digest.hexdigest()


def _listing(bundle: str, engine: bool) -> list[tuple[str, int]]:
    """(path, size) of a bundle's files, engine files only or all others."""
    found = []
    for directory, folders, names in os.walk(bundle):
        folders.sort()
        for name in sorted(names):
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, bundle).replace(os.sep, "/")
            if bool(ENGINE.match(relative)) == engine:
                found.append((relative, os.path.getsize(path)))
    return found


def _listing_digest(bundle: str) -> str:
    return hashlib.sha256(json.dumps(_listing(bundle, engine=False)).encode()).hexdigest()


def _copy_tree(source: str, target: str, only=None) -> None:
    """Hard-link (else copy) files of ``source`` into ``target``; ``only``
    filters relative paths.  The previous output is never modified (files
    are never rewritten in place), so linking is safe."""
    for directory, _folders, names in os.walk(source):
        for name in names:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, source)
            if only is not None and not only(relative.replace(os.sep, "/")):
                continue
            _link(path, os.path.join(target, relative))


def _link(source: str, destination: str) -> None:
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _index_shard(site: str, name: str, bundle: str) -> tuple[float, float | None]:
    """Run the Pagefind CLI over one shard; returns (seconds, peak RSS MB)."""
    command = [sys.executable, "-m", "pagefind", "--site", site,
               "--glob", f"{shard_folder(name)}/**/*.html", "--output-path", bundle, "--silent"]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        peak = None
        try:
            # wait4 gives this process's own peak memory (python -m pagefind
            # execs the Pagefind binary, so it is Pagefind's).
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / 1024
        except (AttributeError, ChildProcessError):  # no wait4 (Windows)
            process.wait()
        log.seek(0)
        message = log.read().decode("utf-8", "replace").strip()
    if process.returncode != 0 or not os.path.isfile(os.path.join(bundle, "pagefind-entry.json")):
        raise RuntimeError(f"pagefind failed on {name}/: {message or process.returncode}")
    return time.perf_counter() - started, peak


def _build_shard(site: str, name: str, bundle: str, shard: ShardRun) -> None:
    if os.path.isdir(bundle):
        shutil.rmtree(bundle)
    shard.seconds, shard.peak_rss_mb = _index_shard(site, name, bundle)
    shard.built = True
    for file in os.listdir(bundle):
        if UNUSED.match(file):
            os.remove(os.path.join(bundle, file))


def _place_engine(root: str, shards: list[ShardRun], previous_output: str | None,
                  previous_names: list[str], site: str) -> None:
    """Pagefind's engine files in the primary (oldest) bundle only.  They
    depend only on Pagefind's version (part of every digest), so they come
    from the previous primary when it is kept (unchanged files), else from a
    bundle indexed now, else from any bundle of the previous output."""
    primary = shards[0]
    target = os.path.join(root, primary.name)
    previous = os.path.join(previous_output, PAGEFIND_DIR) if previous_output else None
    candidates = [target] if primary.built else []
    if previous:
        candidates.append(os.path.join(previous, primary.name))
    candidates += [os.path.join(root, s.name) for s in shards if s.built]
    if previous:
        candidates += [os.path.join(previous, name) for name in previous_names]
    source = next((c for c in candidates if _listing(c, engine=True)), None)
    if source is None:  # nowhere to take them from: index the primary again
        _build_shard(site, primary.name, target, primary)
        source = target
    if source != target:
        for file, _size in _listing(source, engine=True):
            _link(os.path.join(source, file), os.path.join(target, file))
    for shard in shards[1:]:
        for file, _size in _listing(os.path.join(root, shard.name), engine=True):
            os.remove(os.path.join(root, shard.name, file))


def run_pagefind(output_path: str, previous_output: str | None = None,
                 state_path: str | None = None) -> PagefindRun:
    """Index the built site in ``output_path`` with one Pagefind run per shard
    into ``pagefind/<shard>/`` (one process at a time: peak memory is the
    largest shard's).  ``<html lang="ar">`` turns on Pagefind's Arabic stemming.

    With ``previous_output`` and ``state_path`` (the digests saved after the
    previous build of that output), a shard whose indexed pages are unchanged
    is linked from the previous output instead of indexed again.  The new
    digests are in the result: save them (``save_state``) only once
    ``output_path`` has replaced ``previous_output``.
    """
    salt = json.dumps([_pagefind_version(), "glob YYYY/**/*.html, YYYY/MM/**/*.html"])
    previous_state = _read_json(state_path) if previous_output else {}
    previous_shards = previous_state.get("shards", {}) if previous_state.get("salt") == salt else {}
    if state_path:  # forget the old digests first: this build may fail half-way
        _write_json(state_path, {})
    root = os.path.join(output_path, PAGEFIND_DIR)
    names = plan_shards(output_path)
    run = PagefindRun(state_file=state_path)
    shards = {}
    for name in names:
        pages = _shard_pages(output_path, name)
        if not pages:
            continue
        inputs = _inputs_digest(output_path, pages, salt)
        bundle = os.path.join(root, name)
        old = previous_shards.get(name, {})
        old_bundle = os.path.join(previous_output, PAGEFIND_DIR, name) if previous_output else None
        shard = ShardRun(name, len(pages), built=True)
        if (old.get("inputs") == inputs and old_bundle and os.path.isdir(old_bundle)
                and old.get("listing") == _listing_digest(old_bundle)):
            _copy_tree(old_bundle, bundle, only=lambda p: not ENGINE.match(p))
            shard.built = False
        else:
            _build_shard(output_path, name, bundle, shard)
        shards[name] = {"inputs": inputs}
        run.shards.append(shard)
    if run.shards:
        _place_engine(root, run.shards, previous_output, sorted(previous_shards), output_path)
    for shard in run.shards:
        bundle = os.path.join(root, shard.name)
        shards[shard.name]["listing"] = _listing_digest(bundle)
        listing = _listing(bundle, engine=False) + _listing(bundle, engine=True)
        shard.files, shard.bytes = len(listing), sum(size for _p, size in listing)
    run.state = {"version": STATE_VERSION, "salt": salt, "shards": shards}
    return run


def register():
    signals.built.connect(on_built)
