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
- **converted glyphs** (``.glyphs``): converting a glyph from CFF to TrueType
  (cu2qu) costs ~0.7 ms, and a revised roster misses every subset kept for the
  one before (a subset is kept under its exact characters). One file per font,
  under the font's identity, holds each glyph's compiled TrueType bytes and
  advance width, so a rebuild converts only the characters it adds.

A change of font or characters can never reuse a stale file; a damaged one is
made again, silently.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable, Iterable
from pathlib import Path

from meetplan.util.store import CACHE_DIR, Store, digest

__all__ = ["CACHE_DIR", "MAX_FILES", "MAX_GLYPHS", "CmapCache", "GlyphCache", "SubsetCache"]

MAX_FILES = 200  # subsets kept (a few hundred kB each)
MAX_CMAPS = 20  # character maps kept (a few hundred kB each)
MAX_GLYPH_FILES = 10  # fonts whose glyphs are kept
MAX_GLYPHS = 20_000  # glyphs kept per font (~450 bytes each for Noto CJK: at most ~9 MB)


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

    def has(self, key: str) -> bool:
        """Whether a subset of this key is kept (not read: it may still turn out damaged)."""
        return self._store.path(key).is_file()

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


# A glyph file: this header, then for each glyph its record header, name and bytes.
_GLYPHS_MAGIC = b"meetplan glyphs 1\n"
_GLYPHS_HEADER = struct.Struct(">64sI")  # the file's own key (hex), number of glyphs
_GLYPH_RECORD = struct.Struct(">HHI")  # name length, advance width, data length


class GlyphCache:
    """Each font's converted glyphs by the font's identity: for each glyph name, the
    advance width and the compiled TrueType bytes (the glyph's bounds and counts
    are read from those, see :class:`~meetplan.fonts.source.CompiledGlyph`).

    A plain binary format read defensively, never pickle: a file that is damaged,
    cut short, of another version or another font's (it names its own key) is
    ignored and its glyphs are converted again. Should two builds of one meeting
    write at once, the last one's file is kept; a glyph lost is only converted again.
    """

    def __init__(self, folder: Path) -> None:
        self._store = Store(folder, ".glyphs", MAX_GLYPH_FILES)

    def key(self, identity: str) -> str:
        return digest((identity, "glyphs", _versions()))

    def load(self, identity: str) -> dict[str, tuple[int, bytes]]:
        """Glyph name -> (advance, compiled bytes); empty when nothing usable is kept."""
        key = self.key(identity)
        return parse_glyphs(self._store.get(key) or b"", key)

    def save(self, identity: str, glyphs: Iterable[tuple[str, int, bytes]]) -> None:
        """Replace the font's file with these glyphs (name, advance, bytes), the first
        :data:`MAX_GLYPHS` of them. Never fails: a cache that cannot be written only
        means converting again next time."""
        key = self.key(identity)
        self._store.put(key, format_glyphs(glyphs, key))


def format_glyphs(glyphs: Iterable[tuple[str, int, bytes]], key: str) -> bytes:
    parts: list[bytes] = []
    for name, advance, data in glyphs:
        encoded = name.encode("utf-8")
        if len(encoded) > 0xFFFF or not 0 <= advance <= 0xFFFF:
            continue  # not a glyph this format can hold: converted again next time
        parts += (_GLYPH_RECORD.pack(len(encoded), advance, len(data)), encoded, data)
        if len(parts) == 3 * MAX_GLYPHS:
            break
    header = _GLYPHS_HEADER.pack(key.encode("ascii"), len(parts) // 3)
    return b"".join((_GLYPHS_MAGIC, header, *parts))


def parse_glyphs(blob: bytes, key: str) -> dict[str, tuple[int, bytes]]:
    """The glyphs of a file made by :func:`format_glyphs` for ``key``; {} for
    anything else (a file whose every part is not exactly as written)."""
    if not blob.startswith(_GLYPHS_MAGIC):
        return {}
    try:
        position = len(_GLYPHS_MAGIC)
        own_key, count = _GLYPHS_HEADER.unpack_from(blob, position)
        if own_key != key.encode("ascii") or count > MAX_GLYPHS:
            return {}
        position += _GLYPHS_HEADER.size
        glyphs: dict[str, tuple[int, bytes]] = {}
        record = _GLYPH_RECORD
        for _ in range(count):
            name_size, advance, data_size = record.unpack_from(blob, position)
            position += record.size
            name = blob[position : position + name_size].decode("utf-8")
            position += name_size
            data = blob[position : position + data_size]
            position += data_size
            glyphs[name] = (advance, data)
    except (struct.error, UnicodeDecodeError):
        return {}
    if position != len(blob) or len(glyphs) != count:  # cut short, trailing bytes, repeats
        return {}
    return glyphs
