"""User errors: wrong input that a person must fix, as opposed to bugs.

A :class:`Problem` says what is wrong, where (file, row, column, value) and
what to do. Validation collects every problem before anything is planned; a
:class:`UserError` carries them all together to the CLI, which prints them and
exits with status 1. Warnings are problems that do not stop the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"  # how meetplan read something, said once; nothing to correct


@dataclass(frozen=True)
class Location:
    """Where a problem is. Every part is optional; give as much as is known."""

    file: str = ""
    row: int | None = None  # 1-based, as the spreadsheet shows it
    column: str = ""  # the header as written, or the column letter
    key: str = ""  # for TOML files: the dotted key
    value: str | None = None

    def parts(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.file:
            out.append(("file", self.file))
        if self.row is not None:
            out.append(("row", str(self.row)))
        if self.column:
            out.append(("column", self.column))
        if self.key:
            out.append(("key", self.key))
        if self.value is not None:
            out.append(("value", self.value))
        return out


@dataclass(frozen=True)
class Problem:
    message: str  # what is wrong, already in the reader's language
    location: Location = field(default_factory=Location)
    hint: str = ""  # what to do
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class UserError(Exception):
    """Input a person must correct. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem | str, hint: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, hint=hint)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(p.message for p in self.problems))


def raise_if_errors(problems: list[Problem]) -> None:
    errors = [p for p in problems if p.is_error]
    if errors:
        raise UserError(errors)
