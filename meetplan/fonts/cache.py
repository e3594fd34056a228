"""Font subsets kept between builds, inside the meeting folder.

An office rebuilds a meeting many times an evening; most builds print the same
characters in the same fonts, and building a subset (cu2qu on each glyph) is
the slowest part of a small build. A subset depends only on the font file,
the characters and the name it carries, so it is kept in
``<meeting>/.meetplan.cache/fonts/`` under a digest of exactly those (and of the
meetplan and fontTools versions that built it): a change of font or characters
can never reuse a stale subset.

Each file ends with the SHA-256 of its content; a file that does not match (a
build killed while writing, a disk error) is built again, silently. Files are
written under a temporary name and renamed, so two builds never read half a
file. The folder is kept to ``MAX_FILES`` subsets, the least recently used
going first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

CACHE_DIR = ".meetplan.cache"  # in the meeting folder, beside out/
MAX_FILES = 200  # subsets kept (a few hundred kB each)
_DIGEST = 32  # bytes of SHA-256 at the end of each file


def _versions() -> str:
    from fontTools import version as fonttools_version

    from meetplan import __version__

    return f"{__version__}|{fonttools_version}"


class SubsetCache:
    """Subset bytes by (font identity, characters, PostScript name)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, identity: str, codepoints: Iterable[int], ps_name: str) -> str:
        digest = hashlib.sha256()
        for part in (identity, ",".join(map(str, sorted(codepoints))), ps_name, _versions()):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def get_or_build(self, key: str, build: Callable[[], bytes]) -> bytes:
        """The cached subset, or ``build()`` (then kept). Never fails for the cache's sake:
        an unreadable or unwritable cache only means building."""
        path = self.folder / f"{key}.ttf"
        data = self._read(path)
        if data is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: pruned last
            return data
        data = build()
        self._write(path, data)
        return data

    def _read(self, path: Path) -> bytes | None:
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        data, digest = blob[:-_DIGEST], blob[-_DIGEST:]
        if len(blob) <= _DIGEST or hashlib.sha256(data).digest() != digest:
            return None  # damaged: built again
        return data

    def _write(self, path: Path, data: bytes) -> None:
        temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data + hashlib.sha256(data).digest())
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return
        self._prune()

    def _prune(self) -> None:
        try:
            entries = [p for p in self.folder.iterdir() if p.suffix in (".ttf", ".tmp")]
            if len(entries) <= MAX_FILES:
                return
            entries.sort(key=lambda p: p.stat().st_mtime)
        except OSError:
            return
        for old in entries[: len(entries) - MAX_FILES]:
            with contextlib.suppress(OSError):
                old.unlink()
