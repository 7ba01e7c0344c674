"""Front matter -> Article, or a list of Problems that say what to fix.

``validate_fields`` checks one file on its own; ``validate_archive`` checks
what only the whole archive can tell (two files on one URL, ``related``
slugs that do not exist).  Both return every problem they find, never just
the first, so one ``invoke check`` lists all that an editor has to fix.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from arshif.content import dates, text
from arshif.content.frontmatter import FrontMatter
from arshif.content.model import DRAFT, PUBLISHED, STATUSES, Article
from arshif.content.problems import WARNING, Problem
from arshif.content.sections import SectionTree

KNOWN_FIELDS = (
    "title", "date", "section", "tags", "slug", "summary", "author", "authors",
    "dateline", "source", "image", "image_caption", "modified", "original_url",
    "original_image_url", "original_images", "status", "related",
)
# What other generators write to keep a post unpublished (Hugo and Zola
# ``draft: true``, Jekyll ``published: false``, Hugo's publish and expiry
# dates): read, never ignored, so an embargoed story cannot go live.
PUBLICATION_FLAGS = {"draft": True, "published": False}  # value that means unpublished
PUBLISH_DATE_FIELDS = ("publishDate", "publishdate", "publish_date")
EXPIRY_DATE_FIELDS = ("expiryDate", "expirydate", "expiry_date", "unpublishdate")
YES = {"true", "yes", "on", "1"}
NO = {"false", "no", "off", "0"}
# Fields of other generators that mean something Arshif says differently.
FIELD_HINTS = {
    "categories": "Arshif files an article under one 'section' (e.g. section: خارج الحدود/إفريقيا)",
    "category": "Arshif files an article under one 'section' (e.g. section: خارج الحدود/إفريقيا)",
    "description": "write the text shown under the title as 'summary'",
    "excerpt": "write the text shown under the title as 'summary'",
    "layout": "the theme lays out every article the same way",
    "permalink": "the URL is always YYYY/MM/<slug>.html; write 'slug' to choose its last part",
    "url": "the URL is always YYYY/MM/<slug>.html; write 'slug' to choose its last part",
    "tag": "did you mean 'tags'?",
    "keywords": "write them as 'tags'",
}
TEXT_FIELDS = ("summary", "dateline", "source", "image_caption")
# A slug becomes a file name: letters (any script), digits, '-' and '_'.
SLUG_RE = re.compile(r"^\w[\w-]*$")
MAX_SLUG_BYTES = 120
MAX_TAG_LENGTH = 100
LIST_SEPARATORS = re.compile(r"[,،]")
IMAGES_DIR = "images"
# The body ``invoke new`` writes (arshif/scaffold.py): published as it is, it
# would top «آخر الأخبار» on every page.
PLACEHOLDER = "اكتب نص المقال هنا."
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}


@dataclass
class Settings:
    """What validation needs to know about the site."""

    sections: SectionTree
    timezone: str = dates.DEFAULT_TIMEZONE
    content_root: str | None = None  # to check that images exist (missing_files)


def check_slug(value: str) -> str | None:
    """Problem with a slug, or None when it is a safe file name."""
    if not SLUG_RE.match(value):
        return (f"{value!r} can't be used in a URL: use letters, digits, '-' or '_' "
                "(no spaces, '/', '.' or other signs)")
    if len(value.encode("utf-8")) > MAX_SLUG_BYTES:
        return f"is too long ({len(value.encode('utf-8'))} bytes; at most {MAX_SLUG_BYTES})"
    return None


def split_list(value) -> list | None:
    """A YAML list, or text separated by ',' or the Arabic comma '،'."""
    if isinstance(value, str):
        return [part for part in LIST_SEPARATORS.split(value)]
    if isinstance(value, list):
        return value
    return None


def validate_fields(matter: FrontMatter, path: str, settings: Settings):
    """Return ``(article_or_None, problems)`` for one file."""
    problems: list[Problem] = []
    fields = matter.fields

    def problem(field_name, message, severity="error", line=None):
        problems.append(
            Problem(path, line or matter.line(field_name), field_name, message, severity)
        )

    def get_text(field_name, required=False):
        value = fields.get(field_name)
        if value is None:
            if required:
                problem(field_name, "is required", line=matter.first_line - 1)
            return ""
        if not isinstance(value, str):
            problem(field_name, f"must be text, not a {_kind(value)}")
            return ""
        if text.control_problem(value):
            problem(field_name, text.control_problem(value))
            return ""
        value = text.clean(value)
        if required and not value:
            problem(field_name, "is empty")
        return value

    for key in fields:
        if key not in KNOWN_FIELDS and key not in READ_FLAGS:
            problem(key, unknown_field_message(key), WARNING)

    title = get_text("title", required=True)

    moment = None
    raw_date = get_text("date", required=True)
    if raw_date:
        try:
            moment = dates.parse(raw_date, settings.timezone)
        except dates.DateError as exc:
            problem("date", str(exc))

    modified = None
    raw_modified = get_text("modified")
    if raw_modified:
        try:
            modified = dates.parse(raw_modified, settings.timezone)
        except dates.DateError as exc:
            problem("modified", str(exc))
        else:
            if moment and _earlier(modified, moment, settings.timezone):
                problem("modified", "is earlier than date", WARNING)

    section = None
    raw_section = get_text("section", required=True)
    if raw_section:
        try:
            section = settings.sections.resolve(raw_section)
        except LookupError as exc:
            problem("section", str(exc.args[0]))

    tag_names = _names(fields, "tags", problem)
    author_names = []
    for key in ("author", "authors"):
        for name in _names(fields, key, problem):
            if text.term_key(name) not in {text.term_key(n) for n in author_names}:
                author_names.append(name)

    slug = get_text("slug")
    if "slug" in fields and not slug and not problems_for(problems, "slug"):
        problem("slug", "is empty")
    slug_line = None
    if not slug:
        slug = unicodedata.normalize("NFC", PurePosixPath(path).stem)
        slug_line = 1
    else:
        slug = unicodedata.normalize("NFC", slug)
    slug_problem = check_slug(slug)
    if slug_problem:
        if slug_line:
            problem("slug", f"the file name {slug_problem}; rename the file or add a 'slug:'",
                    line=1)
        else:
            problem("slug", slug_problem)

    status = get_text("status") or PUBLISHED
    if status not in STATUSES:
        problem("status", f"{status!r} is not a status; use {PUBLISHED!r} or {DRAFT!r}")
    for flag, unpublished in PUBLICATION_FLAGS.items():
        if flag not in fields:
            continue
        value = fields[flag]
        word = value.strip().lower() if isinstance(value, str) else None
        if word not in YES | NO:
            problem(flag, f"must be true or false, not {value!r}; the article is not "
                          "published until it is")
            status = DRAFT
        elif (word in YES) == unpublished:
            if "status" in fields and status == PUBLISHED:
                problem(flag, f"says the article is unpublished but status says "
                              f"{PUBLISHED!r}; it is kept as a draft", WARNING)
            status = DRAFT
    if status == PUBLISHED and PLACEHOLDER in matter.body:
        offset = matter.body.index(PLACEHOLDER)
        problem("body", f"still holds the placeholder «{PLACEHOLDER}» of invoke new; write the "
                        "article, or keep it unpublished with status: draft",
                line=matter.body_line + matter.body.count("\n", 0, offset))
    publish_after = _optional_date(fields, PUBLISH_DATE_FIELDS, settings, problem)
    expires = _optional_date(fields, EXPIRY_DATE_FIELDS, settings, problem)

    related = []
    if "related" in fields:
        items = split_list(fields["related"])
        if items is None:
            problem("related", f"must be a list of slugs, not a {_kind(fields['related'])}")
        else:
            for item in items:
                if not isinstance(item, str):
                    problem("related", f"must be a list of slugs; found a {_kind(item)}")
                elif text.clean(item):
                    related.append(text.clean(item))

    values = {name: get_text(name) for name in TEXT_FIELDS}

    image = get_text("image")
    if image:
        image = _check_image(image, problem)

    original_url = get_text("original_url")
    if original_url and not re.match(r"^https?://[^\s/]+", original_url):
        problem("original_url", f"{original_url!r} must be an http(s) address")
    original_image_url = get_text("original_image_url")
    if original_image_url and not re.match(r"^https?://", original_image_url):
        problem("original_image_url", f"{original_image_url!r} must be an http(s) address")
    if "original_images" in fields:
        addresses = split_list(fields["original_images"])
        if addresses is None or not all(isinstance(a, str) for a in addresses):
            problem("original_images", "must be a list of http(s) addresses")
        else:
            for address in addresses:
                if not re.match(r"^https?://", address.strip()):
                    problem("original_images", f"{address!r} must be an http(s) address")

    if any(p.is_error for p in problems):
        return None, problems
    article = Article(
        source_path=path,
        slug=slug,
        title=title,
        date=moment,
        section=section,
        tag_names=tag_names,
        author_names=author_names,
        summary=values["summary"],
        dateline=values["dateline"],
        source=values["source"],
        image=image,
        image_caption=values["image_caption"],
        modified=modified,
        original_url=original_url,
        status=status,
        publish_after=publish_after,
        expires=expires,
        related_slugs=related,
        lines=dict(matter.lines),
    )
    if settings.content_root is not None:
        missing = missing_files(article, settings.content_root)
        if missing:
            return None, problems + missing
    return article, problems


READ_FLAGS = {*PUBLICATION_FLAGS, *PUBLISH_DATE_FIELDS, *EXPIRY_DATE_FIELDS}


def _optional_date(fields, names, settings, problem):
    for name in names:
        value = fields.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            problem(name, f"must be a date, not a {_kind(value)}")
            return None
        try:
            return dates.parse(value, settings.timezone)
        except dates.DateError as exc:
            problem(name, str(exc))
    return None


def hold_back(article: Article, now) -> Problem | None:
    """A published article whose time has not come (a date or publishDate in
    the future) or has gone (expiryDate past) is kept unpublished in this
    build.  Decided at build time, outside the article cache."""
    if article.status != PUBLISHED:
        return None
    reason = None
    for field_name, moment in (("date", article.date), ("publishDate", article.publish_after)):
        if moment is not None and moment > now:
            reason = (field_name, f"{dates.iso(moment)} is in the future: not published "
                                  "before then (rebuild after that time)")
    if article.expires is not None and article.expires <= now:
        reason = ("expiryDate", f"{dates.iso(article.expires)} has passed: not published")
    if reason is None:
        return None
    article.status = DRAFT
    field_name, message = reason
    line = article.lines.get(field_name) or article.lines.get(field_name.lower())
    return Problem(article.source_path, line, field_name, message, WARNING)


def unknown_field_message(key: str) -> str:
    """Never a hint to an unrelated field: known spellings of other
    generators, a different case, or a one- or two-letter typo."""
    hint = FIELD_HINTS.get(key.lower())
    if hint:
        return f"unknown field, ignored: {hint}"
    if key.lower() in KNOWN_FIELDS:
        return f"unknown field, ignored (field names are lower case: '{key.lower()}')"
    limit = 1 if len(key) <= 5 else 2
    close = sorted((typo_distance(key.lower(), known), known) for known in KNOWN_FIELDS)
    if close and close[0][0] <= limit:
        return f"unknown field, ignored (did you mean '{close[0][1]}'?)"
    return "unknown field, ignored"


def typo_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def problems_for(problems, field_name):
    return [p for p in problems if p.field == field_name]


def _earlier(modified, moment, timezone) -> bool:
    """A day alone is compared by the day: ``modified: 2023-11-29`` is not
    earlier than ``date: 2023-11-29 20:54``."""
    if dates.date_only(modified) or dates.date_only(moment):
        return dates.local_day(modified, timezone) < dates.local_day(moment, timezone)
    return modified < moment


def _kind(value) -> str:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else "value"


def _names(fields, key, problem) -> list[str]:
    """Tags or authors: a list or comma-separated text; duplicates dropped."""
    if key not in fields:
        return []
    items = split_list(fields[key])
    if items is None:
        problem(key, f"must be a list or comma-separated text, not a {_kind(fields[key])}")
        return []
    names, keys = [], set()
    for item in items:
        if not isinstance(item, str):
            problem(key, f"each entry must be text; found a {_kind(item)}")
            continue
        if text.control_problem(item):
            problem(key, text.control_problem(item))
            continue
        name = text.clean(item)
        if not name or not text.strip_marks(name).strip():
            continue
        if len(name) > MAX_TAG_LENGTH:
            problem(key, f"entry is too long ({len(name)} characters; at most {MAX_TAG_LENGTH})")
            continue
        if text.term_key(name) not in keys:
            keys.add(text.term_key(name))
            names.append(name)
    return names


def _check_image(image: str, problem) -> str:
    """An image is a file of the archive, named relative to the content folder."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", image, re.I):
        problem("image", "must be a file of the archive (e.g. images/2023/photo.jpg), "
                "not a web address: the site never loads files from elsewhere")
        return ""
    normal = posixpath.normpath(image.lstrip("/"))
    if normal.startswith("../") or normal == ".." or "\\" in image or "\0" in image:
        problem("image", f"{image!r} points outside the content folder")
        return ""
    if PurePosixPath(normal).suffix.lower() not in IMAGE_SUFFIXES:
        problem("image", f"{image!r} is not an image file ({', '.join(sorted(IMAGE_SUFFIXES))})")
        return ""
    return normal


def missing_files(article: Article, content_root: str) -> list[Problem]:
    """The lead image and the body's images must be files under the content
    folder (images are copied from its images/ folder): every one missing is
    reported, at its line.  Builds call this on every run, outside the
    article cache: a file may have been deleted since the article was cached."""
    problems = []
    if article.image and not os.path.isfile(os.path.join(content_root, article.image)):
        problems.append(Problem(article.source_path, article.lines.get("image"), "image",
                                f"{article.image!r} does not exist in the content folder"))
    for path in dict.fromkeys(article.body_images):
        if not (path.startswith(f"{IMAGES_DIR}/")
                and os.path.isfile(os.path.join(content_root, path))):
            problems.append(Problem(
                article.source_path, article.body_image_lines.get(path), "body",
                f"image {path!r} is not a file of the archive: put it under "
                f"content/{IMAGES_DIR}/ and write its path from the site root, "
                f"e.g. ![وصف](/{IMAGES_DIR}/2023/photo.jpg) (the path is a URL: "
                "write # ? % or a space of a file name as %23 %3F %25 %20)"))
    return problems


def fold_url(url: str) -> str:
    """What a case-insensitive, normalising file system sees of a file name
    (Windows, macOS, FAT/exFAT sticks: where the offline zip is unpacked)."""
    return unicodedata.normalize("NFC", url).casefold()


def url_collisions(items, line_of) -> list[Problem]:
    """Articles or pages written to one file: the same URL, or URLs that
    differ only in letter case or Unicode form (``Rabat``/``rabat``)."""
    problems = []
    by_fold = defaultdict(list)
    for item in items:
        by_fold[fold_url(item.url)].append(item)
    for group in by_fold.values():
        if len(group) < 2:
            continue
        for item in group:
            same = ", ".join(o.source_path for o in group if o is not item and o.url == item.url)
            if same:
                problems.append(Problem(
                    item.source_path, line_of(item), "slug",
                    f"would be written to the same URL {item.url} as {same}; "
                    "give one a different slug"))
            case = ", ".join(f"{o.source_path} ({o.url})" for o in group if o.url != item.url)
            if case:
                problems.append(Problem(
                    item.source_path, line_of(item), "slug",
                    f"{item.url} differs only in letter case or Unicode form from {case}: "
                    "on Windows, macOS and FAT/exFAT disks (where the offline zip is unpacked) "
                    "they are one file; give one a different slug"))
    return problems


def validate_pages(pages) -> list[Problem]:
    """Problems between static pages: two on one file."""
    return url_collisions(pages, lambda page: page.slug_line or 1)


def validate_archive(articles: list[Article]) -> list[Problem]:
    """Problems between files: shared URLs (also by case) and ``related`` slugs."""
    problems = url_collisions(articles, lambda article: article.lines.get("slug", 1))
    by_slug = slug_index(articles)
    for article in articles:
        line = article.lines.get("related")
        for slug in article.related_slugs:
            found = by_slug.get(slug.removesuffix(".html"), [])
            if not found:
                problems.append(Problem(article.source_path, line, "related",
                                        f"no article has the slug {slug!r}"))
            elif len(found) > 1:
                urls = ", ".join(a.url.removesuffix(".html") for a in found)
                problems.append(Problem(article.source_path, line, "related",
                                        f"{slug!r} names several articles; write one of: {urls}"))
            elif found[0] is article:
                problems.append(Problem(article.source_path, line, "related",
                                        f"{slug!r} is this article itself"))
            elif found[0].status != PUBLISHED and article.status == PUBLISHED:
                problems.append(Problem(article.source_path, line, "related",
                                        f"{slug!r} is a draft, not a published article"))
    return problems


def slug_index(articles: list[Article]) -> dict[str, list[Article]]:
    """What a ``related:`` entry may name: a slug, or ``YYYY/MM/slug`` when
    several months share one slug."""
    by_slug = defaultdict(list)
    for article in articles:
        by_slug[article.slug].append(article)
        by_slug[article.url.removesuffix(".html")].append(article)
    return by_slug


def resolve_related(articles: list[Article]) -> dict[Article, list[Article]]:
    """``related:`` slugs -> articles (only call once validate_archive passed)."""
    by_slug = slug_index(articles)
    out = {}
    for article in articles:
        chosen = []
        for slug in article.related_slugs:
            found = by_slug.get(slug.removesuffix(".html"), [])
            if len(found) == 1 and found[0] is not article and found[0] not in chosen:
                chosen.append(found[0])
        out[article] = chosen
    return out
