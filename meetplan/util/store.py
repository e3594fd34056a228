"""Files that spare work between builds, kept inside the meeting folder.

Everything a build derives only from its inputs (a font subset from the font
file and the characters, a font's character map from the file) may be kept in
``<meeting>/.meetplan.cache/<kind>/`` under a digest of exactly those inputs:
a change of any input gives another name, so a stale file is never used.

Each file ends with the SHA-256 of its content; a file that does not match (a
build killed while writing, a disk error, a hand edit) is made again, silently.
Files are written under a temporary name and renamed, so two builds never read
half a file. A folder keeps at most ``limit`` files (and, if given,
``max_bytes``), the least recently used going first. Nothing here ever fails a build: a cache that cannot be read or
written only means doing the work.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

CACHE_DIR = ".meetplan.cache"  # in the meeting folder, beside out/
_DIGEST = 32  # bytes of SHA-256 at the end of each file


def digest(parts: Iterable[str | bytes]) -> str:
    """A SHA-256 of the parts, each ended by a NUL so that ("ab", "c") ≠ ("a", "bc")."""
    found = hashlib.sha256()
    for part in parts:
        found.update(part.encode("utf-8") if isinstance(part, str) else part)
        found.update(b"\0")
    return found.hexdigest()


class Store:
    """Bytes by key (a hex digest) in one folder, checked on every read."""

    def __init__(self, folder: Path, suffix: str, limit: int, max_bytes: int = 0) -> None:
        """At most ``limit`` files, and (if ``max_bytes``) at most that many bytes."""
        self.folder = folder
        self.suffix = suffix
        self.limit = limit
        self.max_bytes = max_bytes

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        """The kept bytes, or None when missing or damaged."""
        path = self.path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        data, check = blob[:-_DIGEST], blob[-_DIGEST:]
        if len(blob) <= _DIGEST or hashlib.sha256(data).digest() != check:
            return None  # damaged: made again
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return data

    def put(self, key: str, data: bytes) -> None:
        path = self.path(key)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data + hashlib.sha256(data).digest())
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return
        self._prune()

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The kept bytes, or ``make()`` (then kept)."""
        data = self.get(key)
        if data is None:
            data = make()
            self.put(key, data)
        return data

    def _prune(self) -> None:
        """The least recently used files go first, down to the limits."""
        try:
            entries = []
            for entry in os.scandir(self.folder):
                if entry.name.endswith((self.suffix, ".tmp")):
                    info = entry.stat(follow_symlinks=False)
                    entries.append((info.st_mtime, info.st_size, entry.path))
        except OSError:
            return
        entries.sort(reverse=True)  # newest first
        total = 0
        for count, (_mtime, size, path) in enumerate(entries, 1):
            total += size
            if count > self.limit or (self.max_bytes and total > self.max_bytes and count > 1):
                with contextlib.suppress(OSError):
                    os.unlink(path)
