"""``invoke import``: pages of the old portal -> articles of the archive.

    run_import(["mirror/", "export.xml", "_posts/"], content_root="content",
               sections_spec=pelicanconf.ARSHIF_SECTIONS)

Saved pages, WordPress exports (WXR) and the Markdown posts of other static
site generators (a Jekyll ``_posts/``, a Hugo or Zola ``content/`` folder).

Reads every input first (so «إقرأ أيضًا» links can point at articles of the
same run), then plans paths, then writes, then prints the report.  Exit code:
0 when every article could be imported (pages that are not articles,
duplicates, unchanged and hand-edited files are not failures), 1 when some
could not (no title, no date, unmapped category, unreadable), unless
``keep_going``; 2 when the import cannot start (bad mapping or state file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from arshif.content import dates
from arshif.content.sections import SectionTree
from arshif.content.validate import Settings
from arshif.importer import inputs
from arshif.importer.apply import Applier
from arshif.importer.archive import ArchiveIndex
from arshif.importer.candidate import FAILED, SKIPPED, Candidate, Outcome
from arshif.importer.context import ReadContext
from arshif.importer.generators import read_post_file
from arshif.importer.html_page import read_page
from arshif.importer.images import ImageStore
from arshif.importer.plan import Planner
from arshif.importer.report import format_report
from arshif.importer.sections_map import SectionMap
from arshif.importer.writer import ImportState, OutsideContentError
from arshif.importer.wxr import read_export

EXIT_OK, EXIT_FAILED, EXIT_CANNOT_START = 0, 1, 2


def run_import(paths: list[str], *, content_root: str, sections_spec: list,
               keep_going: bool = False, force: bool = False, mapping_path: str | None = None,
               out=sys.stdout, timezone: str = dates.DEFAULT_TIMEZONE,
               default_section: str | None = None, content_selector: str | None = None,
               uploads: str | None = None) -> int:
    """``default_section``: the section of pages whose categories map nowhere;
    ``content_selector``: CSS for the article text the extractors miss.  Both
    override ``_default_section`` / ``_content_selector`` of the mapping file.
    ``uploads``: a copy of the old site's ``wp-content/uploads`` folder;
    pictures of a WordPress export are copied from it (and only from it)."""
    root = Path(content_root)
    if uploads is not None and not Path(uploads).is_dir():
        print(f"import: --uploads {uploads}: no such folder", file=out)
        return EXIT_CANNOT_START
    try:
        tree = SectionTree(sections_spec)
        sections = SectionMap.load(tree, mapping_path)
        sections.set_default_section(default_section)
        sections.set_content_selector(content_selector)
        state = ImportState.load(root)
    except ValueError as exc:  # MappingError, SectionTreeError, a corrupt state file
        print(f"import: {exc}", file=out)
        return EXIT_CANNOT_START
    context = ReadContext(sections, timezone, Path(uploads) if uploads is not None else None)

    found, missing = inputs.discover(paths)
    outcomes = [Outcome(FAILED, given, "no such file or folder") for given in missing]
    candidates = []
    for item in found:
        for result in _read(item, context):
            (candidates if isinstance(result, Candidate) else outcomes).append(result)
    candidates, duplicates = _without_duplicates(candidates)
    outcomes += duplicates

    images = ImageStore(root)
    planner = Planner(root, state, ArchiveIndex.scan(root, timezone), images)
    failures = planner.assign_paths(candidates)
    outcomes += failures
    failed_origins = {o.origin for o in failures}
    candidates = [c for c in candidates if c.origin not in failed_origins]
    for candidate in candidates:
        planner.assign_images(candidate)
    applier = Applier(root, state, images, Settings(sections=tree, timezone=timezone), force)
    # Checked before linking, so no «إقرأ أيضًا» slug names an article that is not written.
    invalid = {id(c): failure for c in candidates if (failure := applier.check(c))}
    outcomes += invalid.values()
    candidates = [c for c in candidates if id(c) not in invalid]
    planner.link_related(candidates)

    for candidate in candidates:
        try:
            outcomes.append(applier.apply(candidate))
        except (OSError, OutsideContentError) as exc:
            outcomes.append(Outcome(FAILED, candidate.origin, f"cannot be written: {exc}",
                                    candidate.path))
    try:
        state.save()
    except OSError as exc:
        outcomes.append(Outcome(FAILED, str(root), f"the import state cannot be saved: {exc}"))

    out.write(format_report(outcomes, str(root)))
    if any(o.status == FAILED for o in outcomes) and not keep_going:
        return EXIT_FAILED
    return EXIT_OK


def _read(item: inputs.Input, context: ReadContext) -> list[Candidate | Outcome]:
    origin = inputs.display(item.file)
    try:
        if inputs.is_export(item.file):
            return read_export(item.file, origin, context, root=item.root)
        if inputs.is_markdown(item.file):
            return [read_post_file(item.file, origin, context, root=item.root)]
        return [read_page(item.file, origin, context, root=item.root)]
    except Exception as exc:  # noqa: BLE001 - one odd page must not stop a run over thousands
        return [Outcome(FAILED, origin, f"unreadable: {type(exc).__name__}: {exc}")]


def _without_duplicates(candidates: list[Candidate]):
    """The first page with an address wins; later copies (an AMP or print
    version, the same page saved twice, the post in an export) are reported."""
    first: dict[str, Candidate] = {}
    kept, duplicates = [], []
    for candidate in candidates:
        if candidate.key in first:
            duplicates.append(Outcome(SKIPPED, candidate.origin,
                                      f"duplicate of {first[candidate.key].origin} (same address)"))
            continue
        first[candidate.key] = candidate
        kept.append(candidate)
    return kept, duplicates


def main(argv: list[str] | None = None) -> int:
    """``python -m arshif.importer.cli PATH…`` (what ``invoke import`` wraps)."""
    parser = argparse.ArgumentParser(prog="arshif-import", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="saved pages, folders, WordPress exports (.xml), "
                                                 "or Jekyll/Hugo/Zola posts (.md, .markdown)")
    parser.add_argument("--content", default=None, help="content folder (default: the site's)")
    parser.add_argument("--mapping", default=None, help="category mapping file "
                                                        "(default: import_sections.yaml)")
    parser.add_argument("--keep-going", action="store_true", help="exit 0 even if pages failed")
    parser.add_argument("--force", action="store_true", help="overwrite articles edited by hand")
    parser.add_argument("--default-section", default=None, metavar="SECTION",
                        help="section for pages whose categories map nowhere "
                             "(default: _default_section of the mapping file)")
    parser.add_argument("--content-selector", default=None, metavar="CSS",
                        help="where the article text is on the old site's pages "
                             "(default: _content_selector of the mapping file)")
    parser.add_argument("--uploads", default=None, help="a copy of the old site's "
                                                        "wp-content/uploads folder (WordPress)")
    args = parser.parse_args(argv)
    import pelicanconf  # the project's settings: section tree and content folder

    return run_import(args.paths, content_root=args.content or pelicanconf.PATH,
                      sections_spec=pelicanconf.ARSHIF_SECTIONS, keep_going=args.keep_going,
                      force=args.force, mapping_path=args.mapping, uploads=args.uploads,
                      default_section=args.default_section,
                      content_selector=args.content_selector,
                      timezone=getattr(pelicanconf, "ARSHIF_TIMEZONE", dates.DEFAULT_TIMEZONE))


if __name__ == "__main__":
    sys.exit(main())
