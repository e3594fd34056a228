"""out/ replaced as a whole: wholly the old documents or wholly the new, never a mix.

A build makes every document in memory. :func:`replace_folder` then writes a
complete new folder beside out/ (``.meetplan-out-XXXX``, in the same parent, so
on the same disk), with the documents and the files that stay (the user's own,
meetplan's record), and exchanges the two folders in one step:

- on Linux with ``renameat2(RENAME_EXCHANGE)`` and on macOS with
  ``renamex_np(RENAME_SWAP)``: one system call; a process killed at any moment
  leaves out/ wholly old or wholly new;
- elsewhere (Windows) with two renames: out/ → ``.meetplan-old-XXXX``, then the
  new folder → out/. A process killed between the two leaves no out/ for a
  moment; the next command puts the old one back (:func:`recover`).

Whatever a killed run leaves behind starts with ``.meetplan-`` and is removed by
the next run (:func:`clean_leftovers`), under the meeting's lock so that a
second command never removes the first's work.

A document whose bytes are the same as the one it replaces is linked, not
written, so its modification time says it did not change.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Everything meetplan leaves behind when killed starts with this.
LEFTOVER = ".meetplan-"
NEW_PREFIX = LEFTOVER + "out-"
OLD_PREFIX = LEFTOVER + "old-"


class FolderError(Exception):
    """The folder could not be replaced; out/ is as it was. ``path`` is the
    file or folder that failed, ``reason`` the system's words."""

    def __init__(self, path: Path, reason: str, code: int | None = None) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.code = code


@dataclass
class Replaced:
    written: list[Path] = field(default_factory=list)  # every document, in the given order
    unchanged: list[str] = field(default_factory=list)  # documents with the same bytes as before
    kept: list[str] = field(default_factory=list)  # old entries carried into the new folder


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_folder(
    out: Path,
    documents: dict[str, bytes],
    keep: Callable[[str], bool],
) -> Replaced:
    """Make ``out`` hold exactly ``documents`` and the old entries ``keep`` accepts
    (by name), all at once. Raises :class:`FolderError` with out/ untouched."""
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FolderError(parent, exc.strerror or str(exc), exc.errno) from None
    old_exists = out.is_dir()
    result = Replaced()
    current = out
    try:
        new = Path(tempfile.mkdtemp(prefix=NEW_PREFIX, dir=parent))
    except OSError as exc:
        raise FolderError(parent, exc.strerror or str(exc), exc.errno) from None
    try:
        mode = stat.S_IMODE(out.stat().st_mode) if old_exists else 0o777 & ~umask()
        os.chmod(new, mode)
        for name, data in documents.items():
            current = out / name
            target = new / name
            if old_exists and _same_bytes(out / name, data) and _link(out / name, target):
                result.unchanged.append(name)
            else:
                _write(target, data)
            result.written.append(current)
        if old_exists:
            for entry in sorted(os.listdir(out)):
                if entry in documents or entry.startswith(LEFTOVER) or not keep(entry):
                    continue
                current = out / entry
                _carry(out / entry, new / entry)
                result.kept.append(entry)
        current = out
        if old_exists:
            _exchange_or_rename(new, out)
        else:
            step("rename", new, out)
            os.rename(new, out)
    except OSError as exc:
        _remove(new)
        raise FolderError(current, exc.strerror or str(exc), exc.errno) from None
    _remove(new)  # after an exchange: the old documents
    return result


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def _write(path: Path, data: bytes) -> None:
    step("write", path, path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _carry(source: Path, target: Path) -> None:
    """An entry of the old folder into the new one: linked where the disk allows
    (instant, no space), copied otherwise; links are carried as links."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy)
    elif source.is_file():
        _link_or_copy(source, target)
    # anything else (a FIFO, a socket) is not a document and is not carried


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


# ---------------------------------------------------------------------------
# Exchanging two folders in one step


def step(kind: str, source: Path, target: Path) -> None:
    """Called before each step that changes the disk; tests replace it to kill
    the process there."""


def _exchange_or_rename(new: Path, out: Path) -> None:
    """Give ``out`` the contents of ``new``; ``new`` then holds the old ones."""
    step("exchange", new, out)
    if _exchange(new, out):
        return
    old = Path(tempfile.mktemp(prefix=OLD_PREFIX, dir=out.parent))
    step("rename", out, old)
    os.rename(out, old)
    try:
        step("rename", new, out)
        os.rename(new, out)
    except OSError:
        os.rename(old, out)
        raise
    os.rename(old, new)  # the caller removes it


_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS sys/stdio.h
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically where the system can; False where it cannot."""
    libc = _libc()
    if libc is None:
        return False
    if sys.platform.startswith("linux"):
        call = getattr(libc, "renameat2", None)
        if call is None:
            return False
        result = call(
            _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
        )
    else:
        call = getattr(libc, "renamex_np", None)
        if call is None:
            return False
        result = call(os.fsencode(a), os.fsencode(b), ctypes.c_uint(_RENAME_SWAP))
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this file system cannot: rename instead
    raise OSError(code, os.strerror(code), str(b))


_LIBC: list[ctypes.CDLL | None] = []


def _libc() -> ctypes.CDLL | None:
    if not _LIBC:
        library = None
        if sys.platform.startswith("linux") or sys.platform == "darwin":
            with contextlib.suppress(OSError):
                library = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        _LIBC.append(library)
    return _LIBC[0]


# ---------------------------------------------------------------------------
# After a killed run


def recover(out: Path) -> bool:
    """Put the old out/ back where a run was killed between its two renames
    (systems without an atomic exchange). True if it did."""
    if out.exists() or out.is_symlink():
        return False
    olds = sorted(_leftovers(out.parent, (OLD_PREFIX,)), key=_mtime, reverse=True)
    for old in olds:
        if old.is_dir():
            with contextlib.suppress(OSError):
                os.rename(old, out)
                return True
    return False


def clean_leftovers(folders: Iterable[Path]) -> list[Path]:
    """Remove what killed runs left (``.meetplan-*`` files and folders) in each of
    ``folders``; call only under the meeting's lock. The ones removed."""
    removed = []
    for folder in folders:
        for path in _leftovers(folder, (LEFTOVER,)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
            removed.append(path)
    return removed


def _leftovers(folder: Path, prefixes: tuple[str, ...]) -> list[Path]:
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / n for n in sorted(names) if n.startswith(prefixes)]


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


# ---------------------------------------------------------------------------
# Taking back a line appended to a log


def length(path: Path) -> int | None:
    """The file's length now, None if there is none: what :func:`take_back` needs."""
    try:
        return path.stat().st_size
    except OSError:
        return None


def take_back(path: Path, before: int | None) -> None:
    """Undo appending to ``path``: cut it back to its length ``before`` (remove it
    if it did not exist). For a command whose documents could not be written
    after it recorded its change."""
    with contextlib.suppress(OSError):
        if before is None:
            path.unlink()
        else:
            os.truncate(path, before)
