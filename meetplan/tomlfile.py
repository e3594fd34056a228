"""Reading a TOML file a person wrote, with the file named in every message."""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from meetplan.i18n import _, ngettext
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.text import shown

# meeting.toml and a layout file are written by hand: a few kilobytes. Anything
# beyond this is not such a file (a spreadsheet or a disk image saved under its
# name), and reading it whole would only make the run hang.
TOML_SIZE = 1_000_000  # bytes

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


def read_regular(path: Path, limit: int, unreadable: str) -> bytes | None:
    """The bytes of the ordinary file ``path``, or None when there is no file of that name.

    Never blocks and never reads without bound: a folder, a pipe (FIFO), a device
    or a socket under the file's name is refused before it is opened, and so is a
    file larger than ``limit`` bytes. ``unreadable`` is a message with an {error}
    (and, if it likes, a {file}) field for a file that cannot be read.
    """
    file = str(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte in it, no permission
        raise UserError(_unreadable(path, unreadable, exc)) from None
    if stat.S_ISDIR(status.st_mode):
        raise UserError(
            Problem(
                _("{file} is a folder, not a file.").format(file=shown(file, 200)),
                Location(file=file),
                hint=_(
                    "meetplan reads a file of this name here: rename or move the folder, "
                    "and put the file in its place."
                ),
            )
        )
    if not stat.S_ISREG(status.st_mode):
        raise UserError(
            Problem(
                _(
                    "{file} is not an ordinary file (it is a pipe, a device or a socket); "
                    "meetplan does not read it."
                ).format(file=shown(file, 200)),
                Location(file=file),
                hint=_("Put the file itself in its place."),
            )
        )
    if status.st_size > limit:
        raise UserError(_too_large(path, status.st_size, limit))
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        raise UserError(_unreadable(path, unreadable, exc)) from None
    if len(data) > limit:
        raise UserError(_too_large(path, len(data), limit))
    return data


def _unreadable(path: Path, unreadable: str, exc: Exception) -> Problem:
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        return Problem(
            _("The name of this file is too long for the system: {file}").format(
                file=shown(str(path), 80)
            ),
            Location(file=shown(str(path), 200)),
            hint=_("Use a shorter file or folder name."),
        )
    error = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return Problem(
        unreadable.format(error=error, file=shown(str(path), 200)),
        Location(file=shown(str(path), 200)),
    )


def _too_large(path: Path, size: int, limit: int) -> Problem:
    return Problem(
        _("{file} is too large: {size} bytes, where at most {limit} are read.").format(
            file=shown(str(path), 200), size=f"{size:,}", limit=f"{limit:,}"
        ),
        Location(file=str(path)),
        hint=_(
            "This is not the file meetplan expects here, or it has been damaged: "
            "put the right file in its place."
        ),
    )


def not_utf8(path: Path, data: bytes, error: UnicodeDecodeError) -> Problem:
    """A file that is not UTF-8 text, with the line of the first wrong byte and how to
    save it again (a TOML or JSON file saved by Windows Notepad in GBK is usual)."""
    line = data[: error.start].count(b"\n") + 1
    return Problem(
        _("{file} is not UTF-8 text: {saved}.").format(
            file=shown(str(path), 200), saved=encoding_guess(data)
        ),
        Location(file=str(path), row=line),
        hint=_(
            "Open it in 记事本 or WPS and save it as UTF-8: 文件 → 另存为 → 编码 UTF-8, "
            "then run the command again."
        ),
    )


def encoding_guess(data: bytes) -> str:
    """How bytes that are not UTF-8 were most likely saved, as a message says it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("it is saved as UTF-16 (记事本's “Unicode”)")
    if b"\0" in data[:4096]:
        return _("it is not a text file")
    if _decodes(data, "gb18030"):
        return _("it is saved in GBK (the Chinese Windows default)")
    return _("it holds bytes that are not UTF-8 text")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def load_toml(path: Path, not_valid: str, unreadable: str, hint: str) -> dict[str, Any]:
    """The file's tables; ``not_valid`` and ``unreadable`` are messages with an {error}
    field (and, if they like, a {file} field)."""
    data = read_regular(path, TOML_SIZE, unreadable)
    if data is None:
        raise UserError(
            Problem(
                unreadable.format(error=os.strerror(errno.ENOENT), file=shown(str(path), 200)),
                Location(file=str(path)),
            )
        )
    try:
        # A byte-order mark is how 记事本 marks UTF-8: it is not part of the text.
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UserError(not_utf8(path, data, exc)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        said, line = toml_error(exc)
        raise UserError(
            Problem(
                not_valid.format(error=said, file=path),
                Location(file=str(path), row=line or None),
                hint=hint,
            )
        ) from None
    except RecursionError:
        said = _("lists or tables are nested too deeply")
    except ValueError:  # a whole number of thousands of digits
        said = _("a number is too long")
    raise UserError(
        Problem(not_valid.format(error=said, file=path), Location(file=str(path)), hint=hint)
    )


# Problems said about one file at most: a file of thousands of wrong lines is
# the wrong file, and a screenful says so better than thousands of lines.
PROBLEMS_SHOWN = 20


def capped(problems: list[Problem], file: str = "") -> list[Problem]:
    """The first ``PROBLEMS_SHOWN`` problems, and one more saying how many are left out."""
    if len(problems) <= PROBLEMS_SHOWN:
        return problems
    rest = problems[PROBLEMS_SHOWN:]
    return [
        *problems[:PROBLEMS_SHOWN],
        Problem(
            ngettext(
                "… and {n} more problem in this file, not shown.",
                "… and {n} more problems in this file, not shown.",
                len(rest),
            ).format(n=len(rest)),
            Location(file=file),
            hint=_("Correct the ones above first; if they are many, check it is the right file."),
            severity=Severity.ERROR if any(p.is_error for p in rest) else Severity.WARNING,
        ),
    ]
