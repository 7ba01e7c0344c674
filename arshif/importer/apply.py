"""Write one planned article, or say why not.

An article is checked with Arshif's own validator before it is written, so
what the importer writes builds without edits.  A file the importer wrote
earlier is replaced only while nobody touched it since (same SHA-256 as in
the state file); ``force`` overrides that.
"""

from __future__ import annotations

from pathlib import Path

from arshif.content import frontmatter, text
from arshif.importer.candidate import (FAILED, IMPORTED, PAGE, SKIPPED, UNCHANGED, UPDATED,
                                       Candidate, Outcome)
from arshif.content.validate import Settings, check_slug, validate_fields
from arshif.importer.images import ImageStore
from arshif.importer.writer import ImportState, digest, inside, render, write_atomic


class Applier:
    def __init__(self, content_root: Path, state: ImportState, images: ImageStore,
                 settings: Settings, force: bool = False):
        self.content_root = content_root
        self.state = state
        self.images = images
        self.settings = settings
        self.force = force

    def check(self, candidate: Candidate) -> Outcome | None:
        """A failure when the article would not pass Arshif's validation."""
        problems = self._problems(render(candidate), candidate.path, candidate.kind)
        if problems:
            return Outcome(FAILED, candidate.origin,
                           "would not pass validation: " + "; ".join(problems), candidate.path)
        return None

    def apply(self, candidate: Candidate) -> Outcome:
        origin, path = candidate.origin, candidate.path
        failure = self.check(candidate)
        if failure:
            return failure
        source = render(candidate)
        data = source.encode("utf-8")
        target = inside(self.content_root, path)
        current = target.read_bytes() if target.is_file() else None
        refusal = self._refusal(candidate, current, data)
        if refusal:
            return Outcome(SKIPPED, origin, refusal, path)
        for relative in [*candidate.image_paths.values(), candidate.lead_path]:
            if relative:
                self.images.copy(relative, lambda rel: inside(self.content_root, rel))
        if current == data:
            status = UNCHANGED
        else:
            write_atomic(target, data)
            status = IMPORTED if current is None else UPDATED
        self.state.remember(candidate.key, path, digest(data), candidate.original_url)
        notes = (["empty body"] if not candidate.body.strip() else []) + candidate.notes
        lost = candidate.images_not_copied
        if lost:
            notes.append(f"{lost} image{'s' if lost != 1 else ''} not copied: no local copy "
                         "(addresses kept in the front matter, never loaded)")
        return Outcome(status, origin, "", path, "; ".join(notes), lost)

    def _refusal(self, candidate: Candidate, current: bytes | None, data: bytes) -> str:
        if self.force or current == data:
            return ""
        remembered = self.state.get(candidate.key)
        if remembered and remembered["path"] == candidate.path:
            if current is None:
                return "deleted by hand since the last import (use --force to recreate it)"
            if digest(current) != remembered.get("sha256"):
                return "edited by hand since the last import (use --force)"
            return ""
        if candidate.adopt and current is not None:
            return ("already in the archive with this original_url, not written by the importer "
                    "(use --force to replace it)")
        return ""

    def _problems(self, source: str, path: str, kind: str = "article") -> list[str]:
        try:
            matter = frontmatter.parse(source, path)
        except frontmatter.FrontMatterError as exc:
            return [str(p) for p in exc.problems]
        if kind == PAGE:  # what arshif.content.sources.load_page requires
            title = matter.fields.get("title")
            has_title = isinstance(title, str) and text.clean(title)
            problems = [] if has_title else ["title: is required"]
            slug_problem = check_slug(path.rsplit("/", 1)[-1].removesuffix(".md"))
            return problems + ([f"slug: {slug_problem}"] if slug_problem else [])
        _article, problems = validate_fields(matter, path, self.settings)
        return [f"{p.field}: {p.message}" for p in problems if p.is_error]
