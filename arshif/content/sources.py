"""From files on disk to validated, rendered Article objects.

``load_article_bytes`` is a plain function of (file bytes, relative path,
settings): it parses, validates and renders one file and returns the
article together with every problem found.  It never raises for bad content,
so nothing is silently skipped: the caller decides what a problem means
(strict build, preview, ``invoke check``).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote

from arshif.content import frontmatter, markup, text
from arshif.content.model import Article, Page
from arshif.content.problems import WARNING, Problem
from arshif.content.validate import Settings, check_slug, validate_fields

ARTICLES_DIR = "articles"
PAGES_DIR = "pages"
# Markdown files, as Jekyll and other generators name them too.
ARTICLE_SUFFIXES = (".md", ".markdown")


@dataclass
class Loaded:
    path: str
    article: Article | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.article is not None and not any(p.is_error for p in self.problems)


def read_matter(content_root: str, path: str) -> frontmatter.FrontMatter:
    with open(os.path.join(content_root, path), "rb") as handle:
        data = handle.read()
    return frontmatter.parse(frontmatter.decode(data, path), path)


def render_body(matter: frontmatter.FrontMatter, root: str, path: str,
                problems: list[Problem]) -> str:
    """The body's HTML; what the renderer had to repair is a warning."""
    notes = []
    body = markup.render(matter.body, root, notes)
    for name, offset in notes:
        line = matter.body_line + (matter.body.count("\n", 0, offset) if offset is not None else 0)
        problems.append(Problem(path, line, "body", markup.raw_text_message(name), WARNING))
    return body


def load_article_bytes(data: bytes, path: str, settings: Settings,
                       read_also_after: int = 3) -> Loaded:
    """A pure function (no file access unless ``settings.content_root`` asks to
    check that images exist); arshif.content.archive reads the files."""
    loaded = Loaded(path)
    if not path.endswith(ARTICLE_SUFFIXES):
        loaded.problems.append(Problem(
            path, None, "file",
            f"not an article: only Markdown (.md) files belong in {ARTICLES_DIR}/ "
            "(images go in images/)"))
        return loaded
    try:
        matter = frontmatter.parse(frontmatter.decode(data, path), path)
    except frontmatter.FrontMatterError as exc:
        loaded.problems.extend(exc.problems)
        return loaded
    article, problems = validate_fields(matter, path, settings)
    loaded.problems.extend(problems)
    if not matter.body.strip():
        loaded.problems.append(Problem(path, matter.body_line, "body", "is empty", "warning"))
    if article is None:
        return loaded
    root = "../" * (article.url.count("/"))
    # Control characters are removed (with a warning) before anything reads the body.
    matter.body = without_controls(matter, loaded.problems, path)
    body = render_body(matter, root, path, loaded.problems)
    if text.CONTROL.search(body):  # written as character references (&#1;)
        body = text.CONTROL.sub("", body)
        loaded.problems.append(Problem(path, matter.body_line, "body",
                                       "removed invisible control characters written as "
                                       "character references (&#…;)", "warning"))
    article.body_html = body
    article.body_images = markup.local_images(body, article.url)
    article.body_image_lines = image_lines(matter, article.body_images)
    article.read_also_offset = markup.offset_after_paragraph(body, read_also_after)
    if not article.summary:
        article.summary = markup.summary_from_html(body)
    loaded.article = article
    return loaded


def without_controls(matter: frontmatter.FrontMatter, problems: list, path: str) -> str:
    """The body without control characters, with a warning at the first one."""
    found = text.CONTROL.search(matter.body)
    if found is None:
        return matter.body
    line = matter.body_line + matter.body.count("\n", 0, found.start())
    count = len(text.CONTROL.findall(matter.body))
    problems.append(Problem(path, line, "body",
                            f"removed {count} invisible control character(s) "
                            f"(the first is U+{ord(found.group()):04X})", "warning"))
    return text.CONTROL.sub("", matter.body)


def image_lines(matter: frontmatter.FrontMatter, paths: list[str]) -> dict[str, int]:
    """The source line of each body image (its file name's first mention in
    the body), so a missing picture is reported where the editor wrote it."""
    lines = matter.body.splitlines()
    found = {}
    for path in paths:
        name = PurePosixPath(path).name
        found[path] = next((matter.body_line + number for number, line in enumerate(lines)
                            if name in unquote(line)), matter.body_line)
    return found


def load_page(content_root: str, path: str) -> tuple[Page | None, list[Problem]]:
    """Static pages need only a title (and optionally a slug)."""
    problems = []
    if not path.endswith(ARTICLE_SUFFIXES):
        return None, [Problem(path, None, "file", f"not a page: only Markdown (.md) files "
                                                   f"belong in {PAGES_DIR}/")]
    try:
        matter = read_matter(content_root, path)
    except frontmatter.FrontMatterError as exc:
        return None, exc.problems
    except OSError as exc:
        return None, [Problem(path, None, "file", f"cannot be read: {exc.strerror}")]
    title = matter.fields.get("title")
    if isinstance(title, str) and text.control_problem(title):
        problems.append(Problem(path, matter.line("title"), "title", text.control_problem(title)))
    elif not isinstance(title, str) or not text.clean(title):
        problems.append(Problem(path, matter.line("title"), "title", "is required"))
    slug = matter.fields.get("slug") or PurePosixPath(path).stem
    if not isinstance(slug, str) or check_slug(slug):
        problems.append(Problem(path, matter.line("slug"), "slug",
                                check_slug(slug) if isinstance(slug, str) else "must be text"))
    for key in matter.fields:
        # original_images: addresses of pictures an import could not copy (never loaded).
        if key not in ("title", "slug", "summary", "original_images"):
            problems.append(Problem(path, matter.line(key), key, "unknown field, ignored", "warning"))
    if any(p.is_error for p in problems):
        return None, problems
    body = render_body(matter, "../", path, problems)
    page = Page(source_path=path, slug=unicodedata.normalize("NFC", slug),
                title=text.clean(title), body_html=body,
                slug_line=matter.line("slug") or 1)
    return page, problems
