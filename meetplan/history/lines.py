"""The meeting's append-only files: one JSON object a line (attendance log, adjustments).

Each line is one decision of the office (who does not come, who moves where), so a
line that cannot be read is never skipped: skipping it would silently seat people
otherwise. The run stops, and the message names the file, the line, the key and
what is wrong with it; the lines before it are kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from meetplan.i18n import _, ngettext
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.text import shown
from meetplan.tomlfile import encoding_guess, read_regular

T = TypeVar("T")

# A line meetplan writes is a few hundred bytes; a meeting has tens of changes.
LINE_LENGTH = 10_000  # bytes in one line
LINES = 1_000  # lines in one file (each change on the day is planned again in turn)
FILE_SIZE = 2_000_000  # bytes in one file


class BadLine(ValueError):
    """What is wrong with a line that can be parsed: said in the reader's language,
    with the key (when one field is wrong) and the value as found."""

    def __init__(
        self, reason: str, key: str = "", value: str | None = None, hint: str = ""
    ) -> None:
        super().__init__(reason)
        self.reason, self.key, self.value = reason, key, value
        self.hint = hint  # said after the file's own hint


def json_kind(value: Any) -> str:
    """What a JSON value is, as a message names it (null, a number, a list …)."""
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return _("text")


def echoed(value: Any) -> str:
    """A JSON value as a message echoes it: cut and visible (a list or an object by its kind)."""
    if isinstance(value, list | dict):
        return json_kind(value)
    return shown(json.dumps(value, ensure_ascii=False))


def text_field(data: dict[str, Any], key: str, *, required: bool = False) -> str:
    """A text field of a line; missing is "" unless ``required``; any other type is wrong."""
    if key not in data:
        if required:
            raise BadLine(_("the key {key} is missing.").format(key=key), key)
        return ""
    value = data[key]
    if not isinstance(value, str):
        raise BadLine(
            _("{key} must be text in quotes, not {kind}.").format(key=key, kind=json_kind(value)),
            key,
            echoed(value),
        )
    return value


Action = TypeVar("Action", bound=StrEnum)


def action_field(data: dict[str, Any], kinds: type[Action]) -> Action:
    """The line's ``action``, one of ``kinds``; a BadLine naming the allowed ones if not."""
    action = text_field(data, "action", required=True)
    allowed = [kind.value for kind in kinds]
    if action not in allowed:
        raise BadLine(
            _("action must be one of {allowed}, not {value}.").format(
                allowed=", ".join(allowed), value=shown(action)
            ),
            "action",
            shown(action),
        )
    return kinds(action)


def read_lines(
    path: Path,
    entry: Callable[[dict[str, Any], int], T],
    unreadable: str,
    hint: str,
    *,
    limit: int = LINES,
    size: int = FILE_SIZE,
    damaged: Callable[[Problem], None] | None = None,
) -> list[T]:
    """Every line of ``path`` made into an entry (given the data and the line's number),
    in order. A line that cannot be read stops everything: ``unreadable`` (with a
    {line} field, no full stop) names it, followed by what is wrong, and ``hint`` says
    what to do.

    ``entry`` raises :class:`BadLine` for a line of the wrong shape, naming the key.
    A folder or a pipe in the file's place, a file or a line beyond the limits, and
    text that is not UTF-8 are all stopped before any JSON is parsed.

    ``limit`` and ``size`` are the most lines and bytes read (a log of arrivals at a
    large meeting is longer than a log of changes). With ``damaged``, a line that
    cannot be read is given to it (as a warning naming the line) and the others are
    still read: for a log where each line stands alone, such as the check-in log.
    """
    file = str(path)
    data = read_regular(path, size, _("Cannot read {file}: {error}"))
    if data is None:
        return []
    return entries_of(data, file, entry, unreadable, hint, limit=limit, damaged=damaged)


def entries_of(
    data: bytes,
    file: str,
    entry: Callable[[dict[str, Any], int], T],
    unreadable: str,
    hint: str,
    *,
    first: int = 1,
    limit: int = LINES,
    damaged: Callable[[Problem], None] | None = None,
) -> list[T]:
    """The entries of the lines in ``data`` (the whole file, or its part from line
    ``first`` on), as :func:`read_lines` reads them."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    count = first - 1 + len(lines)
    if count > limit:
        raise UserError(
            Problem(
                ngettext(
                    "{file} has {n} line; meetplan reads at most {limit}.",
                    "{file} has {n} lines; meetplan reads at most {limit}.",
                    count,
                ).format(file=shown(file, 200), n=f"{count:,}", limit=f"{limit:,}"),
                Location(file=file, row=limit + 1),
                hint=_(
                    "This is not the file meetplan wrote, or it has been damaged: put the "
                    "right file back, or delete the lines that do not belong."
                ),
            )
        )
    out = []
    for number, raw in enumerate(lines, start=first):
        if not raw.strip():
            continue
        try:
            out.append(entry(_parsed(raw, number), number))
        except BadLine as bad:
            stopped = _stopped(file, number, unreadable, hint, bad)
        except (ValueError, KeyError, TypeError, AttributeError):  # a shape not foreseen
            odd = BadLine(_("it is not a line as meetplan writes it."), value=_said(raw))
            stopped = _stopped(file, number, unreadable, hint, odd)
        else:
            continue
        if damaged is None:
            raise stopped from None
        damaged(replace(stopped.problems[0], severity=Severity.WARNING))
    return out


def _stopped(file: str, number: int, unreadable: str, hint: str, bad: BadLine) -> UserError:
    return UserError(
        Problem(
            _("{message}: {reason}").format(
                message=unreadable.format(line=number), reason=bad.reason
            ),
            Location(file=file, row=number, key=bad.key, value=bad.value),
            hint=hint + bad.hint,
        )
    )


def _said(raw: bytes) -> str:
    return shown(raw[:200].decode("utf-8", "replace").strip())


def _parsed(raw: bytes, number: int) -> Any:
    """The JSON object of one line, or :class:`BadLine` saying why there is none."""
    said = _said(raw)
    if len(raw) > LINE_LENGTH:
        raise BadLine(
            _("it is {n} bytes long; a line is at most {limit}.").format(
                n=f"{len(raw):,}", limit=f"{LINE_LENGTH:,}"
            ),
            value=said,
        )
    try:
        # a byte-order mark (a text editor's UTF-8 mark) is not part of the first line
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        raise BadLine(
            _("it is not UTF-8 text: {saved}.").format(saved=encoding_guess(raw)),
            value=said,
            hint=" "
            + _(
                "If a text editor saved the file in another encoding, save it again as "
                "UTF-8: 文件 → 另存为 → 编码 UTF-8."
            ),
        ) from None
    try:
        value = json.loads(text)
    except RecursionError:
        raise BadLine(_("its lists or objects are nested too deeply."), value=said) from None
    except ValueError:
        raise BadLine(_("it is not a JSON object as meetplan writes it."), value=said) from None
    if not isinstance(value, dict):
        raise BadLine(
            _("it holds {kind}, not a JSON object {{…}}.").format(kind=json_kind(value)),
            value=said,
        )
    return value


def append_line(path: Path, record: str) -> None:
    """One line more at the end of ``path`` (created if need be)."""
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(record + "\n")
    except OSError as exc:
        raise UserError(
            Problem(
                _("Cannot write to {file}: {error}").format(
                    file=shown(str(path), 200), error=exc.strerror
                ),
                Location(file=str(path)),
                hint=_("Check that the meeting folder can be written to, then run it again."),
            )
        ) from None
