"""Problems found in content, reported as ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        # Always a line, so editors and tools can jump to it: a problem of the
        # whole file (not Markdown, a refused link) points at its first line.
        where = f"{self.path}:{self.line or 1}"
        prefix = "" if self.is_error else "warning: "
        return f"{where}: {prefix}{self.field}: {self.message}"


class ContentErrors(Exception):
    """Raised by a strict build when content has errors; carries all of them."""

    exitcode = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sort_problems(problems)
        errors = [p for p in self.problems if p.is_error]
        super().__init__(
            f"{len(errors)} content error(s):\n" + "\n".join(str(p) for p in errors)
        )


def sort_problems(problems) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field, p.message))
