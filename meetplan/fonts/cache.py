"""Font work kept between builds, inside the meeting folder (:mod:`meetplan.util.store`).

An office rebuilds a meeting many times an evening; most builds print the same
characters in the same fonts. Two things are kept in
``<meeting>/.meetplan.cache/fonts/``:

- **subsets** (``.ttf``): building one (cu2qu on each glyph) is the slowest part
  of a small build. A subset depends only on the font file, the characters and
  the name it carries, so it is kept under a digest of exactly those (and of
  the meetplan and fontTools versions that built it).
- **character maps** (``.cmap``): decoding a Chinese font's cmap (some 30,000
  entries) takes about 0.1 s per font; the map depends only on the file's
  content and face, so it is kept under the font's identity (a digest of the
  file's bytes and face number).

A change of font or characters can never reuse a stale file; a damaged one is
made again, silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from meetplan.util.store import CACHE_DIR, Store, digest

__all__ = ["CACHE_DIR", "MAX_FILES", "CmapCache", "SubsetCache"]

MAX_FILES = 200  # subsets kept (a few hundred kB each)
MAX_CMAPS = 20  # character maps kept (a few hundred kB each)


def _versions() -> str:
    from fontTools import version as fonttools_version

    from meetplan import __version__

    return f"{__version__}|{fonttools_version}"


class SubsetCache:
    """Subset bytes by (font identity, characters, PostScript name)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._store = Store(folder, ".ttf", MAX_FILES)

    def key(self, identity: str, codepoints: Iterable[int], ps_name: str) -> str:
        return digest((identity, ",".join(map(str, sorted(codepoints))), ps_name, _versions()))

    def get_or_build(self, key: str, build: Callable[[], bytes]) -> bytes:
        """The cached subset, or ``build()`` (then kept). Never fails for the cache's sake:
        an unreadable or unwritable cache only means building."""
        return self._store.get_or_make(key, build)


class CmapCache:
    """A font's Unicode character map (code point -> glyph name) by the font's identity."""

    def __init__(self, folder: Path) -> None:
        self._store = Store(folder, ".cmap", MAX_CMAPS)

    def get_or_read(self, identity: str, read: Callable[[], dict[int, str]]) -> dict[int, str]:
        key = digest((identity, "cmap", _versions()))
        kept = self._store.get(key)
        if kept is not None:
            try:
                codes, names = json.loads(kept)
                if len(codes) == len(names):
                    return dict(zip(map(int, codes), map(str, names), strict=True))
            except (ValueError, TypeError):
                pass  # not what this version writes: read the font again
        cmap = read()
        codes = sorted(cmap)
        self._store.put(
            key, json.dumps([codes, [cmap[c] for c in codes]], separators=(",", ":")).encode()
        )
        return cmap
