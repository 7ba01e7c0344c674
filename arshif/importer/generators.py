"""Posts of other static site generators -> candidate articles.

A Jekyll ``_posts/`` folder, a Hugo or Zola ``content/`` folder: Markdown
files with YAML (``---``) or TOML (``+++``) front matter, read with
Arshif's own parser.  Each post is converted to this project's fields:

* ``title``; ``date`` as written (offsets such as ``+0300`` kept, a day
  alone stays a day), else the date of a Jekyll or Zola file name
  (``2016-05-27-title.md`` -> slug ``title``); ``lastmod``/``updated`` ->
  ``modified``;
* ``categories`` (or ``category``, or the folders the post sits in) ->
  ``section`` through the section mapping, never guessed; ``tags``;
* ``draft: true``, ``published: false`` or a ``_drafts/`` folder ->
  ``status: draft``; Hugo's ``publishDate``/``expiryDate`` are kept as
  written (the build holds the post back until, or after, them);
* ``description``/``summary``/``excerpt`` -> ``summary``; ``author(s)``.

``_index.md`` is a Hugo or Zola section page, not an article.  Liquid tags
(``{% … %}``, ``{{ … }}``), Hugo shortcodes (``{{< … >}}``, ``{{% … %}}``)
and Zola's (the Liquid forms) are template code: left out of the body and
named in the report with their line, never published as text.  What Jekyll
keeps verbatim (``{% raw %}…{% endraw %}``) and escaped shortcodes
(``{{</* … */>}}``, ``{%/* … */%}``) stay as text, as the old site showed
them.  Pictures are copied when the folder being imported has them; others
are left out and their addresses kept in ``original_images``.

Such posts have no address: across runs each is known by its file,
``file:<folder given>/<path inside it>``.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from arshif.content import dates, frontmatter, text
from arshif.content.validate import EXPIRY_DATE_FIELDS, NO, PUBLISH_DATE_FIELDS, YES
from arshif.importer import datetimes
from arshif.importer.candidate import SKIPPED, Candidate, Outcome
from arshif.importer.context import ReadContext, failed
from arshif.importer.images import ImageLocator
from arshif.importer.urls import is_web_url, sanitize_slug

# "2016-05-27-title.md" (Jekyll), "2016-05-27_title.md" (Zola)
DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[-_](.+)$")
# "digital-rain.ar.md", "index.fa.md": Hugo's and Zola's language suffix.
LANGUAGE_SUFFIX = re.compile(r"\.[a-z]{2,3}(?:-[a-zA-Z0-9]{2,4})?$")
DATE_FIELDS = ("date", "publishDate", "publishdate", "pubdate", "published")
MODIFIED_FIELDS = ("lastmod", "updated", "modified", "last_modified_at")
SUMMARY_FIELDS = ("summary", "description", "excerpt")
IMAGE_FIELDS = ("image", "featured_image", "cover", "thumbnail", "images")
# Folders that say where posts are kept, not what they are about.
GENERIC_FOLDERS = {"_posts", "_drafts", "posts", "post", "content", "blog", "articles"}
MAX_TAG = 2000  # characters: a template tag longer than this is not one

RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_ANY = "(.{0,%d}?)" % MAX_TAG
# Escaped shortcodes are shown as written, without the comment marks:
# Hugo {{</* x */>}} {{%/* x */%}}, Zola {{/* x */}} {%/* x */%}.
ESCAPED = re.compile(r"\{\{([<%]?)/\*" + _ANY + r"\*/([>%]?)\}\}|\{%/\*" + _ANY + r"\*/%\}", re.S)
# Template code: Hugo shortcodes, Liquid and Zola tags ({% … %}), and
# Liquid output ({{ … }}; in TOML files, where Hugo shows it as text, only
# Zola's shortcode calls {{ name(…) }}).
SHORTCODE = re.compile(r"\{\{<" + _ANY + r">\}\}|\{\{%" + _ANY + r"%\}\}|\{%" + _ANY + r"%\}", re.S)
# Code blocks written as template tags: Jekyll's {% highlight ruby %}…{% endhighlight %},
# Hugo's {{< highlight go >}}…{{< /highlight >}}.  They become fenced code blocks.
HIGHLIGHT = re.compile(
    r"\{%-?\s*highlight\s+([\w+#.-]+)[^%\n]*-?%\}[ \t]*\n?(.*?)\{%-?\s*endhighlight\s*-?%\}"
    r"|\{\{<\s*highlight\s+([\w+#.-]+)[^>\n]*>\}\}[ \t]*\n?(.*?)\{\{<\s*/highlight\s*>\}\}", re.S)
# Heading ids ("## Mermaid {#mermaid-header}", kramdown, Hugo and Zola): an anchor, not text.
HEADING_ID = re.compile(r"(?m)^(#{1,6}[ \t].*?)[ \t]+\{#[\w:.-]+\}[ \t]*$")
# kramdown's attribute lists on a line of their own ({:style="direction:ltr;"}).
KRAMDOWN_ATTRIBUTES = re.compile(r"(?m:^[ \t]*\{:[^}\n]*\}[ \t]*$)")
LIQUID_OUTPUT = re.compile(r"\{\{" + _ANY + r"\}\}", re.S)
ZOLA_CALL = re.compile(r"\{\{\s*[A-Za-z_]\w*\(" + _ANY + r"\)\s*\}\}", re.S)
MARKDOWN_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.I)
HTML_ALT = re.compile(r"\balt\s*=\s*[\"']([^\"']*)[\"']", re.I)
SHOWN_TAGS = 5
GAP = "\x00"  # where a tag was taken out (the body has no NUL: control characters are removed)


def read_post_file(path: Path, origin: str, context: ReadContext,
                   root: Path | None = None) -> Candidate | Outcome:
    """``root``: the folder being imported (for a file given alone, its
    folder); pictures are read only from inside it."""
    root = (root or path.parent).resolve()
    stem = LANGUAGE_SUFFIX.sub("", path.stem)
    if stem == "_index":
        return Outcome(SKIPPED, origin, "a section page (_index), not an article")
    try:
        source = frontmatter.decode(path.read_bytes(), origin)
        matter = frontmatter.parse(source, origin)
    except OSError as exc:
        return failed(origin, f"unreadable: {exc.strerror}")
    except frontmatter.FrontMatterError as exc:
        return failed(origin, "not a post: " + "; ".join(
            f"line {p.line}: {p.field}: {p.message}" if p.line else p.message
            for p in exc.problems))
    fields = matter.fields
    notes: list[str] = []

    title = _text(fields.get("title"))
    if not title:
        return failed(origin, "no title (the front matter has no 'title')")
    named = DATED_NAME.match(stem)
    date, date_note = _date(fields, named, context.timezone)
    if date is None:
        return failed(origin, f"no date: {date_note}")
    modified = next((d for name in MODIFIED_FIELDS
                     if (d := _parse_date(_text(fields.get(name)), context.timezone))), None)

    relative = path.resolve().relative_to(root) if path.resolve().is_relative_to(root) \
        else Path(path.name)
    folders = [part for part in relative.parts[:-1] if part.lower() not in GENERIC_FOLDERS]
    if stem == "index" and folders:
        folders = folders[:-1]  # a page bundle: its folder is the post, not a category
    groups = [_names(fields.get("section")),
              _names(fields.get("categories")) + _names(fields.get("category")),
              [unquote(f) for f in reversed(folders)]]
    section, problem = context.section_or_failure([g for g in groups if g], origin)
    if problem:
        return problem

    status, status_note = _status(fields, relative)
    if status_note:
        notes.append(status_note)
    extra = {}
    for name in (*PUBLISH_DATE_FIELDS, *EXPIRY_DATE_FIELDS):
        if _text(fields.get(name)):
            extra[name] = _text(fields[name])

    if stem == "index":
        slug = path.parent.name
    elif named:
        slug = named.group(4)
    else:
        slug = stem
    slug = sanitize_slug(_text(fields.get("slug")) or slug)

    body = text.CONTROL.sub("", matter.body)  # newlines are kept: lines still count
    if body != matter.body:
        notes.append("removed invisible control characters from the body")
    body = HEADING_ID.sub(r"\1", HIGHLIGHT.sub(_fenced, body))
    toml = source.lstrip("\ufeff").startswith(frontmatter.TOML_FENCE)
    output_tags = ZOLA_CALL if toml else LIQUID_OUTPUT
    cleaned, removed = _without_template_tags(body, output_tags)
    if removed:
        shown = ", ".join(f"line {matter.body_line + body.count(chr(10), 0, offset)} "
                          f"{_short(tag)}" for offset, tag in removed[:SHOWN_TAGS])
        more = f" and {len(removed) - SHOWN_TAGS} more" if len(removed) > SHOWN_TAGS else ""
        notes.append(f"left out of the body: {len(removed)} piece"
                     f"{'s' if len(removed) != 1 else ''} of template code ({shown}{more})")
    body = cleaned
    locator = ImageLocator(path, root)
    body, images, lost = _pictures(body, locator)
    lead_file, lead_url = _lead(fields, locator)
    if lost:
        notes.append("pictures not found in the imported folder: " + ", ".join(lost[:SHOWN_TAGS]))

    authors = []
    for name in _names(fields.get("authors"), split=False) + _names(fields.get("author"),
                                                                    split=False):
        if name not in authors:
            authors.append(name)
    extra_table = fields.get("extra")
    if not authors and isinstance(extra_table, dict) and _text(extra_table.get("author")):
        authors = [_text(extra_table["author"])]

    return Candidate(
        origin=origin,
        source_file=path,
        title=title,
        date=date,
        modified=modified,
        section=section,
        tags=_names(fields.get("tags")),
        authors=authors,
        summary=next((s for name in SUMMARY_FIELDS if (s := _text(fields.get(name)))), ""),
        status=status,
        slug_hint=slug,
        body=body.strip() + "\n" if body.strip() else "",
        images=images,
        lead_file=lead_file,
        lead_url=lead_url,
        notes=notes + locator.refusals,
        missing_images=list(locator.missing),
        lost_images=lost,
        source_key="file:" + (PurePosixPath(root.name) / relative.as_posix()).as_posix(),
        extra_fields=extra,
    )


def _text(value) -> str:
    return text.clean(value) if isinstance(value, str) else ""


def _names(value, split: bool = True) -> list[str]:
    """A list, or text: comma-separated (Arabic comma too), else, as Jekyll
    reads ``categories: jekyll update``, separated by spaces."""
    if isinstance(value, list):
        items = [v for v in value if isinstance(v, str)]
    elif isinstance(value, dict) and isinstance(value.get("name"), str):
        items = [value["name"]]  # Jekyll: author: {name: …, url: …}
    elif isinstance(value, str):
        if re.search(r"[,،]", value):
            items = re.split(r"[,،]", value)
        else:
            items = value.split() if split else [value]
    else:
        items = []
    return [name for name in (text.clean(i) for i in items) if name]


def _parse_date(value: str, timezone: str) -> datetimes.SourceDate | None:
    """A date as written when Arshif reads it (``2016-05-27 20:10 +0300``,
    ``2026-09-09``, ``2019-03-05T10:00:00+03:00``), with the fraction of a
    second generators sometimes add dropped."""
    if not value:
        return None
    value = re.sub(r"(:\d{2})\.\d+", r"\1", value.strip())
    try:
        moment = dates.parse(value, timezone)
    except dates.DateError:
        return None
    return datetimes.SourceDate(value, moment)


def _date(fields: dict, named, timezone: str):
    """``(SourceDate | None, why not)``: the front matter's date, else the
    file name's (a day alone)."""
    written = ""
    for name in DATE_FIELDS:
        value = _text(fields.get(name))
        if not value or value.lower() in YES | NO:  # Jekyll's "published: true"
            continue
        found = _parse_date(value, timezone)
        if found:
            return found, ""
        written = written or f"{name}: {value!r} is not a date Arshif reads"
    if named:
        day = "-".join(named.group(1, 2, 3))
        found = _parse_date(day, timezone)
        if found:
            return found, ""
        written = written or f"{day!r} in the file name is not a real date"
    return None, written or "no 'date' in the front matter and none in the file name"


def _status(fields: dict, relative: Path) -> tuple[str, str]:
    """``("draft", why)`` for anything the old site did not publish."""
    if "_drafts" in relative.parts:
        return "draft", "kept as a draft: in _drafts/ on the old site"
    for flag, unpublished in (("draft", True), ("published", False)):
        if flag not in fields:
            continue
        word = _text(fields[flag]).lower()
        if word not in YES | NO:
            return "draft", f"kept as a draft: {flag}: {fields[flag]!r} is not true or false"
        if (word in YES) == unpublished:
            return "draft", ""
    return "published", ""


def _without_template_tags(body: str, output_tags: re.Pattern):
    """``(body without template tags, [(offset, tag)] of each one removed)``."""
    removed: list[tuple[int, str]] = []
    tags = re.compile(f"{ESCAPED.pattern}|{SHORTCODE.pattern}|{output_tags.pattern}"
                      f"|{KRAMDOWN_ATTRIBUTES.pattern}", re.S)
    out, last = [], 0

    def clean(piece: str, start: int) -> str:
        kept, position = [], 0
        for match in tags.finditer(piece):
            kept.append(piece[position:match.start()])
            escaped = ESCAPED.fullmatch(match.group(0))
            if escaped:
                opening, inner, closing, block = escaped.groups()
                kept.append("{{" + opening + inner + closing + "}}" if block is None
                            else "{%" + block + "%}")
            else:
                removed.append((start + match.start(), match.group(0)))
                kept.append(GAP)
            position = match.end()
        kept.append(piece[position:])
        return "".join(kept)

    for match in RAW_BLOCK.finditer(body):  # Jekyll shows what {% raw %} holds as it is
        out.append(clean(body[last:match.start()], last))
        out.append(match.group(1))
        last = match.end()
    out.append(clean(body[last:], last))
    result = "".join(out)
    if removed:
        # No trailing spaces where a tag ended a line (two would make a line
        # break), and a tag alone on its line leaves no run of blank lines.
        result = re.sub(f"[ \\t]*{GAP}[ \\t{GAP}]*(?=\\n|$)", "", result).replace(GAP, "")
        result = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", result)
    return result, removed


def _fenced(match: re.Match) -> str:
    language = match.group(1) or match.group(3)
    code = match.group(2) if match.group(1) else match.group(4)
    fence = "````" if "```" in code else "```"
    return f"{fence}{language}\n{code.rstrip()}\n{fence}"


def _short(tag: str) -> str:
    tag = " ".join(tag.split())
    return tag if len(tag) <= 60 else tag[:57] + "…"


def _pictures(body: str, locator: ImageLocator):
    """Markdown and HTML pictures -> tokens for the ones found in the
    imported folder; the others are left out (their web addresses kept in
    ``locator.missing``, other references returned as ``lost``)."""
    images, lost, count = {}, [], [0]

    def replace(src: str, alt: str) -> str:
        found = locator.find(src)
        if found is None:
            if is_web_url(src):
                locator.not_found(src)
            elif src not in lost:
                lost.append(src)
            return ""
        token = f"arshif-image:md{count[0]}"
        count[0] += 1
        images[token] = found
        return f"![{alt}]({token})"

    body = MARKDOWN_IMAGE.sub(lambda m: replace(m.group(2), m.group(1)), body)
    body = HTML_IMAGE.sub(lambda m: replace(
        m.group(1), (HTML_ALT.search(m.group(0)) or [None, ""])[1]), body)
    return body, images, lost


def _lead(fields: dict, locator: ImageLocator) -> tuple[Path | None, str]:
    for name in IMAGE_FIELDS:
        value = fields.get(name)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, dict):
            value = value.get("image") or value.get("src") or value.get("path")
        value = _text(value)
        if not value or value.endswith("/"):
            continue
        found = locator.find(value)
        if found is not None:
            return found, ""
        return None, value if is_web_url(value) else ""
    return None, ""
