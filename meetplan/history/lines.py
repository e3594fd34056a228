"""The meeting's append-only files: one JSON object a line (attendance log, adjustments)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from meetplan.model.errors import Location, Problem, UserError

T = TypeVar("T")


def read_lines(
    path: Path, entry: Callable[[dict[str, Any], int], T], unreadable: str, hint: str
) -> list[T]:
    """Every line of ``path`` made into an entry (given the data and the line's number),
    in order. A line that cannot be read stops everything: ``unreadable`` (with a
    {line} field) names it, and ``hint`` says what to do."""
    if not path.is_file():
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, start=1):
            if not text.strip():
                continue
            try:
                out.append(entry(json.loads(text), number))
            except (ValueError, KeyError, TypeError, AttributeError):
                raise UserError(
                    Problem(
                        unreadable.format(line=number),
                        Location(file=str(path), row=number, value=text.strip()[:80]),
                        hint=hint,
                    )
                ) from None
    return out


def append_line(path: Path, record: str) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(record + "\n")
