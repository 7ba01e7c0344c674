"""The report printed at the end of an import: one line per page, grouped
by what happened, then the counts."""

from __future__ import annotations

from collections import Counter

from arshif.importer.candidate import STATUSES, Outcome

WIDTH = max(len(s) for s in STATUSES)


def line(outcome: Outcome) -> str:
    label = outcome.status.ljust(WIDTH)
    if outcome.path and not outcome.reason:
        note = f"  ({outcome.note})" if outcome.note else ""
        return f"  {label}  {outcome.path}  <- {outcome.origin}{note}"
    where = f" -> {outcome.path}" if outcome.path else ""
    return f"  {label}  {outcome.origin}{where}: {outcome.reason}"


def summary(outcomes: list[Outcome]) -> str:
    counts = Counter(o.status for o in outcomes)
    return ", ".join(f"{counts[s]} {s}" for s in STATUSES)


def format_report(outcomes: list[Outcome], content_root: str) -> str:
    lines = [f"Import into {content_root}"]
    for status in STATUSES:
        lines += [line(o) for o in outcomes if o.status == status]
    lost = sum(o.images_not_copied for o in outcomes)
    if lost:
        written = sum(1 for o in outcomes if o.images_not_copied)
        lines.append(f"Images: {lost} not copied, in {written} file{'s' if written != 1 else ''} "
                     "(no local copy: their addresses are kept in original_image_url and "
                     "original_images, never loaded; for a WordPress export, --uploads DIR "
                     "copies them from a copy of its wp-content/uploads folder)")
    lines.append(f"Done: {summary(outcomes)}.")
    return "\n".join(lines) + "\n"
