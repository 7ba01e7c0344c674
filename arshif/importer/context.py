"""What every reader needs to turn a source into a candidate article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from arshif.content import dates
from arshif.importer.candidate import FAILED, Outcome
from arshif.importer.sections_map import SectionMap


@dataclass
class ReadContext:
    sections: SectionMap
    timezone: str = dates.DEFAULT_TIMEZONE
    uploads: Path | None = None  # a copy of the old site's wp-content/uploads (--uploads)

    def section_or_failure(self, groups: list[list[str]], origin: str):
        """``(Section, None)`` or ``(None, Outcome)`` naming the unmapped category."""
        section, unmapped = self.sections.choose(groups)
        if section is not None:
            return section, None
        if self.sections.default_section is not None:
            return self.sections.default_section, None
        if unmapped:
            names = "، ".join(f"«{n}»" for n in unmapped[:3])
            return None, Outcome(FAILED, origin, f"unmapped category {names} (add it to "
                                                 "import_sections.yaml, or use "
                                                 "--default-section SECTION)")
        return None, Outcome(FAILED, origin, "no category found: add --default-section SECTION")

    @property
    def content_selector(self) -> str:
        return self.sections.content_selector


def failed(origin: str, reason: str) -> Outcome:
    return Outcome(FAILED, origin, reason)

