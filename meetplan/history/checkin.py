"""The check-in log: who arrived, when, at which desk (``meetplan checkin``).

``checkin-log.jsonl`` in the meeting folder holds one JSON line per arrival, and
one per arrival taken back (an undo names the arrival it takes back). The file is
only ever appended to. Several desks (several terminals, several computers on a
shared folder) write it at once: each line is written by one ``write()`` on a
file opened with ``O_APPEND``, under an advisory lock of the log file itself, so
two lines never mix and none is lost. The meeting's own lock
(:mod:`meetplan.util.lock`) is not taken: a desk never waits for a build.

Unlike the attendance log, a line that cannot be read does not stop the desk:
each line is one arrival and stands alone. The line is named (file and number)
and the others are read; nothing is rewritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import secrets
import socket
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from meetplan.history.lines import BadLine, action_field, entries_of, text_field
from meetplan.i18n import _
from meetplan.model.attendee import Attendee
from meetplan.model.codes import person_tag
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.text import shown, unprintable, visible
from meetplan.tomlfile import read_regular

CHECKIN_LOG = "checkin-log.jsonl"
# A line is about 250 bytes; a 10,000-seat meeting with its undos and second desks
# stays well inside these.
LINES = 100_000
FILE_SIZE = 30_000_000
DESK_LENGTH = 40  # characters of a desk's name


class Kind(StrEnum):
    ARRIVE = "arrive"
    UNDO = "undo"  # takes back the arrival named by ``undoes``


@dataclass(frozen=True)
class Entry:
    kind: Kind
    id: str  # this line's own id: an undo names it
    name: str = ""
    unit: str = ""
    tag: str = ""  # the person part of the pass's code (model.codes.person_tag)
    desk: str = ""
    user: str = ""
    time: str = ""  # ISO 8601 with the UTC offset
    undoes: str = ""  # for an undo: the id of the arrival taken back
    line: int = 0  # in the file, for messages

    @property
    def person(self) -> tuple[str, str]:
        """Who arrived, as the roster names them: (name, unit)."""
        return (self.name, self.unit)

    def record(self) -> str:
        data: dict[str, str] = {
            "time": self.time,
            "action": self.kind.value,
            "id": self.id,
        }
        if self.kind is Kind.ARRIVE:
            data |= {"name": self.name, "unit": self.unit, "tag": self.tag}
        else:
            data |= {"undoes": self.undoes, "name": self.name, "unit": self.unit}
        data |= {"desk": self.desk, "user": self.user}
        return json.dumps(data, ensure_ascii=False)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on this system: the arrival is still recorded
        return ""


def default_desk() -> str:
    """The desk's name when none is given: the computer's name."""
    try:
        return socket.gethostname()[:DESK_LENGTH] or "desk"
    except OSError:
        return "desk"


def desk_name(text: str) -> str:
    """A desk's name as typed (--desk), or :class:`UserError` saying what is wrong."""
    name = text.strip()
    bad = unprintable(name)
    if bad or not name or len(name) > DESK_LENGTH:
        raise UserError(
            Problem(
                _("The desk's name cannot be used: {reason}").format(
                    reason=_("it holds characters that cannot be printed: {chars}.").format(
                        chars=" ".join(visible(c) for c in bad[:8])
                    )
                    if bad
                    else _("give 1 to {n} characters.").format(n=DESK_LENGTH)
                ),
                Location(key="--desk", value=shown(text)),
                hint=_("For example: --desk 1号台"),
            )
        )
    return name


def arrival(person: Attendee, desk: str, time: str = "") -> Entry:
    """A new arrival of ``person`` at ``desk``, stamped now."""
    return Entry(
        Kind.ARRIVE,
        secrets.token_hex(6),
        name=person.name,
        unit=person.unit,
        tag=person_tag(person),
        desk=desk,
        user=_user(),
        time=time or _now(),
    )


def undo(of: Entry, desk: str) -> Entry:
    """The line that takes ``of`` back."""
    return Entry(
        Kind.UNDO,
        secrets.token_hex(6),
        name=of.name,
        unit=of.unit,
        desk=desk,
        user=_user(),
        time=_now(),
        undoes=of.id,
    )


def _entry(data: dict[str, Any], number: int) -> Entry:
    kind = action_field(data, Kind)
    texts = {
        key: text_field(data, key, required=key == "id")
        for key in ("id", "name", "unit", "tag", "desk", "user", "time")
    }
    texts["undoes"] = text_field(data, "undoes", required=kind is Kind.UNDO)
    for key, value in texts.items():
        bad = unprintable(value)
        if bad:
            raise BadLine(
                _("{key} holds characters that cannot be printed: {chars}.").format(
                    key=key, chars=" ".join(visible(c) for c in bad[:8])
                ),
                key,
                shown(value),
            )
    if not texts["id"]:
        raise BadLine(_("the id is empty."), "id", "")
    if kind is Kind.ARRIVE and not texts["name"]:
        raise BadLine(_("the name is empty."), "name", "")
    if kind is Kind.UNDO and not texts["undoes"]:
        raise BadLine(_("an undo line must name the arrival it takes back (undoes)."), "undoes")
    return Entry(kind, line=number, **texts)


def _hint() -> str:
    return _(
        "The line is left out of the counts; every other line is read. Correct or delete "
        "it with a text editor (each line is one arrival), or check the person in again."
    )


def _too_big(path: Path, size: int) -> UserError:
    return UserError(
        Problem(
            _("{file} is {size} bytes; meetplan reads a check-in log of at most {limit}.").format(
                file=shown(str(path), 200), size=f"{size:,}", limit=f"{FILE_SIZE:,}"
            ),
            Location(file=str(path)),
            hint=_(
                "This is not the file meetplan wrote, or it has been damaged: put the right "
                "file back."
            ),
        )
    )


class CheckinLog:
    """The check-in log as read so far; :meth:`refresh` reads only what other desks
    appended since (the file only grows), so a desk re-reads it at every arrival."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self.warnings: list[Problem] = []  # every damaged line found, in order
        self._offset = 0  # bytes read: up to the end of the last whole line
        self._lines = 0
        self._identity: tuple[int, int] | None = None

    def _reset(self) -> None:
        self.entries, self.warnings = [], []
        self._offset = self._lines = 0

    def refresh(self, *, whole: bool = False) -> list[Problem]:
        """Read what was appended since the last call; the damaged lines newly found.

        A last line without its line break is being written by another desk: it
        is read next time, unless ``whole`` (a report: the file is read to its end)."""
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            self._reset()
            self._identity = None
            return []
        except OSError:
            status = None
        identity = (status.st_dev, status.st_ino) if status is not None else None
        if (
            status is None
            or not stat.S_ISREG(status.st_mode)
            or identity != self._identity
            or status.st_size < self._offset
        ):
            self._reset()  # a new or replaced file: read from the start
        if status is not None and status.st_size > FILE_SIZE:
            raise _too_big(self.path, status.st_size)
        if self._offset == 0:
            # the checks of every meetplan file: a folder or a pipe in its place …
            data = read_regular(self.path, FILE_SIZE, _("Cannot read {file}: {error}")) or b""
        else:
            try:
                with open(self.path, "rb") as f:
                    f.seek(self._offset)
                    data = f.read(FILE_SIZE - self._offset + 1)
            except OSError as exc:
                raise UserError(
                    Problem(
                        _("Cannot read {file}: {error}").format(
                            file=shown(str(self.path), 200), error=exc.strerror
                        ),
                        Location(file=str(self.path)),
                    )
                ) from None
        self._identity = identity
        end = len(data) if whole else data.rfind(b"\n") + 1
        chunk = data[:end]
        found: list[Problem] = []
        self.entries += entries_of(
            chunk,
            str(self.path),
            _entry,
            _("Line {line} of the check-in log cannot be read"),
            _hint(),
            first=self._lines + 1,
            limit=LINES,
            damaged=found.append,
        )
        self._offset += end
        self._lines += chunk.count(b"\n") + (1 if chunk and not chunk.endswith(b"\n") else 0)
        self.warnings += found
        return found

    # -- what the lines say ------------------------------------------------------

    def in_force(self) -> list[Entry]:
        return in_force(self.entries)

    def arrived(self) -> dict[tuple[str, str], Entry]:
        return arrived(self.entries)

    def last_of(self, desk: str) -> Entry | None:
        """This desk's last arrival still in force (what undo takes back)."""
        mine = [e for e in self.in_force() if e.desk == desk]
        return mine[-1] if mine else None


def in_force(entries: Sequence[Entry]) -> list[Entry]:
    """The arrivals not taken back, in the log's order."""
    undone = {e.undoes for e in entries if e.kind is Kind.UNDO}
    return [e for e in entries if e.kind is Kind.ARRIVE and e.id not in undone]


def arrived(entries: Sequence[Entry]) -> dict[tuple[str, str], Entry]:
    """Each person checked in, by (name, unit), with their first arrival in force."""
    out: dict[tuple[str, str], Entry] = {}
    for e in in_force(entries):
        out.setdefault(e.person, e)
    return out


def read_checkins(path: Path) -> tuple[list[Entry], list[Problem]]:
    """Every readable line of the log, and the damaged lines, each named."""
    log = CheckinLog(path)
    log.refresh(whole=True)
    return log.entries, log.warnings


def _cannot_write(path: Path, exc: OSError) -> UserError:
    return UserError(
        Problem(
            _("Cannot write to {file}: {error}").format(
                file=shown(str(path), 200), error=exc.strerror or str(exc)
            ),
            Location(file=str(path)),
            hint=_(
                "The arrival was not recorded. Copy the meeting folder to a place you may "
                "write to (not a CD or a read-only share), or ask for write permission."
            ),
        )
    )


def check_writable(path: Path) -> None:
    """The log can be appended to (created if need be): said before the first arrival,
    not after the clerk has typed it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o666)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    os.close(fd)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # the log is meetplan's file: never through a link


def append_entry(path: Path, entry: Entry) -> None:
    """One line more at the end of the log, whole, whatever other desks write meanwhile."""
    record = entry.record().encode("utf-8") + b"\n"
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o666)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with _locked(fd):
            size = os.fstat(fd).st_size
            # a line left without its end (a desk killed while writing, on a network
            # share): ours starts on a line of its own, and that one is reported
            if size and _byte_at(fd, size - 1) != b"\n":
                record = b"\n" + record
            written = os.write(fd, record)
            if written != len(record):  # a full disk: say so, the reader names the piece
                raise OSError(28, os.strerror(28))
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        os.close(fd)


def _byte_at(fd: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, 1, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows; the write still goes to the end (O_APPEND)
    return os.read(fd, 1)


if sys.platform == "win32":  # pragma: no cover - the desks of one office on Windows
    import msvcrt

    @contextlib.contextmanager
    def _locked(fd: int) -> Iterator[None]:
        # msvcrt locks a byte range: the first byte stands for the file (LK_LOCK
        # tries for 10 seconds, then fails: tried again)
        os.lseek(fd, 0, os.SEEK_SET)
        for _attempt in range(100):
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                break
            except OSError:
                continue
        try:
            os.lseek(fd, 0, os.SEEK_END)
            yield
        finally:
            with contextlib.suppress(OSError):
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    @contextlib.contextmanager
    def _locked(fd: int) -> Iterator[None]:
        # O_APPEND alone keeps lines whole on a local disk; the lock keeps them whole on
        # network shares that do not honour it. A file system without locks: go on.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            yield
            return
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
