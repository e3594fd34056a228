"""Reading a TOML file a person wrote, with the file named in every message."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from meetplan.i18n import _
from meetplan.model.errors import Location, Problem, UserError

_WHERE = re.compile(
    r"^(?P<reason>.*) \((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)$",
    re.S,
)


def toml_error(error: Exception) -> tuple[str, int]:
    """A TOML syntax error in the reader's language, and its line (0 when unknown)."""
    text = str(error)
    match = _WHERE.match(text)
    if not match:
        return text, 0
    reason = match["reason"]
    for pattern, say in _reasons():
        found = re.fullmatch(pattern, reason)
        if found:
            reason = say.format(*found.groups())
            break
    if match["line"] is None:
        return _("at the end of the file: {reason}").format(reason=reason), 0
    line, column = int(match["line"]), int(match["column"])
    return _("line {line}, column {column}: {reason}").format(
        line=line, column=column, reason=reason
    ), line


def _reasons() -> list[tuple[str, str]]:
    """tomllib's reasons, in the reader's language ({0}: what the reason names)."""
    return [
        (r"Cannot declare (.*) twice", _("the table {0} is declared twice")),
        (r"Cannot overwrite a value", _("a key is given a value twice")),
        (r"Cannot (?:mutate immutable|redefine) namespace (.*)", _("{0} is defined twice")),
        (r"Duplicate inline table key (.*)", _("the key {0} is given twice")),
        (r"Expected '=' after a key in a key/value pair", _("'=' is missing after the key")),
        (r"Expected '\]' at the end of a table declaration", _("']' is missing after [table")),
        (r"Expected '\]\]' at the end of an array declaration", _("']]' is missing after [[table")),
        (
            r"Expected newline or end of document after a statement",
            _("something follows the value on the same line (a missing # before a comment?)"),
        ),
        (r"Expected (.*)", _("{0} is expected here")),
        (r"(?:Found invalid|Illegal) character (.*)", _("the character {0} is not allowed here")),
        (r"Invalid date or datetime", _("not a valid date or time")),
        (r"Invalid initial character for a key part", _("a key cannot start like this")),
        (r"Invalid statement", _("not a key = value line or a [table]")),
        (r"Invalid value", _("not a valid value (text must be in quotes)")),
        (r"Unclosed array", _("a [ list is not closed with ]")),
        (r"Unclosed inline table", _("a {{ table is not closed with }}")),
        (r"Unterminated string", _("a text in quotes is not closed")),
    ]


def load_toml(path: Path, not_valid: str, unreadable: str, hint: str) -> dict[str, Any]:
    """The file's tables; ``not_valid`` and ``unreadable`` are messages with an {error}
    field (and, if they like, a {file} field)."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        said, line = toml_error(exc)
        raise UserError(
            Problem(
                not_valid.format(error=said, file=path),
                Location(file=str(path), row=line or None),
                hint=hint,
            )
        ) from None
    except OSError as exc:
        raise UserError(
            Problem(unreadable.format(error=exc.strerror, file=path), Location(file=str(path)))
        ) from None
