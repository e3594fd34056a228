"""One command at a time writes a meeting: the meeting's lock.

Two commands run at once on one meeting (two terminals, a double click) would
each re-plan from the same printed plan and each replace out/; the second
would also clean up the first's half-made folder as a leftover. The lock file
``.meetplan.lock`` in the meeting folder serialises them: the second waits
(saying so) until the first is done. The lock is the operating system's
(``flock`` or ``msvcrt.locking``), so a killed command never leaves it held.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = ".meetplan.lock"
WAIT_SECONDS = 300.0  # how long a command waits for another before giving up


class LockError(Exception):
    """The lock could not be taken: ``busy`` (another command held it all along)
    or the lock file could not be opened (``reason``)."""

    def __init__(self, path: Path, reason: str, busy: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.busy = busy


@contextlib.contextmanager
def meeting_lock(
    folder: Path,
    waiting: Callable[[], None] | None = None,
    wait: float = WAIT_SECONDS,
) -> Iterator[None]:
    """Hold the meeting's lock for the block. ``waiting`` is called once if
    another command holds it."""
    path = folder / LOCK_NAME
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        if path.is_symlink():  # never followed out of the meeting folder: it is meetplan's file
            path.unlink()
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise LockError(path, exc.strerror or str(exc)) from None
    try:
        if not _try_lock(fd):
            if waiting is not None:
                waiting()
            deadline = time.monotonic() + wait
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    raise LockError(path, "busy", busy=True)
                time.sleep(0.1)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:  # a file system without locks (some network drives): go on
            return True
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
