"""One face of a font file, read once and kept for the whole run.

A Chinese font is 10-30 MB with some 30,000 glyphs; parsing it is the slow
part of printing. A :class:`SourceFont` keeps the file's bytes and a lazily
parsed fontTools view of it, so that the character map (all that a missing-
glyph check needs) is decoded once, and each glyph is converted to TrueType
outlines at most once however many documents use it, and compiled to its
TrueType bytes once for every subset that holds it (:class:`CompiledGlyph`).
With a :class:`~meetplan.fonts.cache.GlyphCache`, converted glyphs are also kept
between builds: a revised roster converts only the characters it adds.
"""

from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.filterPen import DecomposingFilterPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, TTLibError, newTable
from fontTools.ttLib.tables._g_l_y_f import Glyph

from meetplan.i18n import _
from meetplan.model.errors import Location, Problem, UserError

if TYPE_CHECKING:
    from meetplan.fonts.cache import CmapCache, GlyphCache

# cu2qu tolerance in font units (1/1000 em for Noto): invisible at any print size.
MAX_CURVE_ERROR = 1.0

# OS/2 fsType bits (OpenType spec): licence terms a document must respect.
_FSTYPE_RESTRICTED = 0x0002  # must not be embedded at all
_FSTYPE_NO_SUBSETTING = 0x0100  # may only be embedded whole; we always subset
_FSTYPE_BITMAP_ONLY = 0x0200  # only bitmaps may be embedded; reportlab embeds outlines

# Name table IDs kept in a subset: copyright, names, version, licence.
_KEPT_NAME_IDS = frozenset({0, 1, 2, 3, 4, 5, 6, 7, 13, 14, 16, 17})


@dataclass(frozen=True)
class QuadraticGlyph:
    """A glyph in TrueType form, with the metrics a subset needs."""

    glyph: Any  # a CompiledGlyph, or (a composite, say) fontTools' own Glyph
    advance: int


class CompiledGlyph(Glyph):  # type: ignore[misc]  # fontTools has no type hints
    """A simple TrueType glyph whose bytes are made once, for every subset that holds it.

    A TTFont saved with recalcBBoxes (as FontBuilder makes it) expands and
    compiles every glyph again on each save (~0.2 ms a glyph); a build makes ~10
    subsets, most holding the same glyphs, so that costs more than converting them.
    This glyph's ``compile()`` returns the bytes fontTools made for it once, and
    it carries what the save's recalculations read: ``numberOfContours``, the
    bounds (maxp, head, hhea), ``getMaxpValues()`` (maxp) and ``isComposite()``.
    Its points themselves are only in the bytes: ``flags`` is empty, which is all
    FontBuilder.setupGlyf's check for cubic curves needs (a plain glyf table
    refuses to compile a cubic glyph, so a compiled one never is).

    The bounds and counts are read from the bytes' own header (numberOfContours,
    xMin, yMin, xMax, yMax, then the end point of each contour), so a glyph kept
    between builds carries only its bytes and cannot disagree with them.
    """

    def __init__(self, data: bytes) -> None:
        """Raises ValueError for bytes that are not one simple glyph, or an empty one."""
        super().__init__()  # numberOfContours = 0: an empty glyph (a space)
        self.compiled = bytes(data)
        self.flags = b""
        # an empty glyph's bounds are 0, as recalcBounds makes them (its hmtx side bearing)
        self.xMin = self.yMin = self.xMax = self.yMax = 0
        self._points = 0
        if not data:
            return
        try:
            contours, *bounds = struct.unpack_from(">5h", data)
            ends = 10 + 2 * contours
            (last_point,) = struct.unpack_from(">H", data, ends - 2)
            (instructions,) = struct.unpack_from(">H", data, ends)
        except struct.error as exc:
            raise ValueError("glyph data cut short") from exc
        if contours <= 0 or ends + 2 + instructions > len(data):
            raise ValueError("not a simple glyph")
        self.numberOfContours = contours
        self.xMin, self.yMin, self.xMax, self.yMax = bounds
        self._points = last_point + 1

    def compile(
        self,
        glyfTable: Any,
        recalcBBoxes: bool = True,
        *,
        boundsDone: Any = None,
        optimizeSize: bool = True,
    ) -> bytes:
        # as compiled with optimizeSize (fontTools' default; its OPTIMIZE_FONT_SPEED
        # setting would give other, equally valid bytes, and meetplan never sets it)
        return self.compiled

    def expand(self, glyfTable: Any) -> None:
        """Nothing to unpack: the table's __getitem__ calls this on every read."""

    def recalcBounds(self, glyfTable: Any, *, boundsDone: Any = None) -> None:
        """The bounds were set from the compiled bytes."""

    def isComposite(self) -> bool:
        return False

    def getMaxpValues(self) -> tuple[int, int]:
        return self._points, self.numberOfContours


def compiled(glyph: Any) -> CompiledGlyph | None:
    """The glyph compiled as a save compiles it, or None for one that cannot be
    compiled alone (a composite names other glyphs; a cubic one needs the
    extended table, so FontBuilder refuses it as before)."""
    if glyph.isComposite():
        return None
    try:
        # a table of its own: extended=False and optimizeSize as when a subset is saved
        return CompiledGlyph(glyph.compile(newTable("glyf"), recalcBBoxes=True))
    except (TTLibError, ValueError):
        return None


def font_error(path: str, message: str, hint: str = "") -> UserError:
    """A UserError that names the font file, for every way a font can fail to serve."""
    return UserError(Problem(message, location=Location(file=path), hint=hint))


def read_font_bytes(path: str) -> bytes:
    """The whole file: fontTools then parses from memory and no file handle stays open."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise font_error(
            path,
            _("Cannot read the font file {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            ),
        ) from exc


def face_count(data: bytes) -> int:
    """How many faces a file holds: 1 for .ttf/.otf, n for a .ttc collection."""
    if data[:4] != b"ttcf":
        return 1
    return int.from_bytes(data[8:12], "big")


def pick_face(data: bytes, families: tuple[str, ...]) -> int:
    """The face of a collection whose family is wanted (simsun.ttc: 0 SimSun, 1 NSimSun).

    Faces whose name says Regular are preferred, so that Songti.ttc gives
    Songti SC Regular rather than its Black.
    """
    if face_count(data) == 1:
        return 0
    wanted = [f.casefold() for f in families]
    collection = TTCollection(io.BytesIO(data), lazy=True)
    best: tuple[int, int, int] | None = None  # (family rank, not regular, index)
    for index, face in enumerate(collection.fonts):
        names = _name_strings(face, (1, 16))
        regular = 0 if "regular" in _name_strings(face, (2,)) else 1
        ranks = [rank for rank, family in enumerate(wanted) if family in names]
        if ranks:
            key = (ranks[0], regular, index)
            best = key if best is None else min(best, key)
    return best[2] if best else 0


def _name_strings(face: TTFont, name_ids: tuple[int, ...]) -> set[str]:
    """Name records of the given IDs, every language, casefolded (SimSun is also 宋体)."""
    return {r.toUnicode().strip().casefold() for r in face["name"].names if r.nameID in name_ids}


class SourceFont:
    """A face of a font file, parsed lazily and cached; see the module docstring."""

    def __init__(
        self,
        path: str,
        index: int = 0,
        data: bytes | None = None,
        cmaps: CmapCache | None = None,
        glyphs: GlyphCache | None = None,
    ) -> None:
        """``cmaps``: where the character map is kept between builds (decoding it is
        the slow part of opening a Chinese font); ``glyphs``: where converted glyphs
        are kept (:meth:`save_glyphs` writes the new ones)."""
        self.path = path
        self.index = index
        self._data = read_font_bytes(path) if data is None else data
        self._identity: str | None = None
        self._font = self._open()
        self.cmap: dict[int, str] = (
            cmaps.get_or_read(self.identity(), self._read_cmap) if cmaps else self._read_cmap()
        )
        self._glyph_set: Any = None
        self._quadratic: dict[str, QuadraticGlyph] = {}
        self._glyph_cache = glyphs
        # glyph name -> (advance, compiled bytes): those kept by earlier builds (read
        # when a glyph is first asked for) and those converted since
        self._kept: dict[str, tuple[int, bytes]] | None = None
        self._unsaved = False

    def _open(self) -> TTFont:
        """Reads only the table directory; tables are decoded when first used."""
        if not 0 <= self.index < face_count(self._data):
            raise font_error(
                self.path,
                _("The font file {path} has no face number {index}.").format(
                    path=self.path, index=self.index
                ),
            )
        try:
            return TTFont(io.BytesIO(self._data), lazy=True, fontNumber=self.index)
        except Exception as exc:  # fontTools raises many types for a damaged file
            raise self._unreadable(exc) from exc

    def _read_cmap(self) -> dict[int, str]:
        """The Unicode character map: the fast path for missing-glyph checks."""
        try:
            cmap = self._font.getBestCmap()
        except Exception as exc:  # a damaged cmap table, of any kind
            raise self._unreadable(exc) from exc
        if not cmap:
            raise font_error(
                self.path,
                _("The font file {path} has no Unicode character map.").format(path=self.path),
            )
        return dict(cmap)

    def _unreadable(self, exc: Exception) -> UserError:
        return font_error(
            self.path,
            _("Cannot read the font file {path}: {reason}").format(path=self.path, reason=exc),
            hint=_("Check that the file is a .ttf, .otf or .ttc font and is not damaged."),
        )

    @property
    def font(self) -> TTFont:
        return self._font

    @property
    def is_cff(self) -> bool:
        """PostScript (CFF) outlines, as in Noto CJK: reportlab needs them converted."""
        return "CFF " in self._font or "CFF2" in self._font

    @property
    def family(self) -> str:
        """The family name as the font gives it in English, for messages."""
        name = self._font["name"]
        family = name.getBestFamilyName() or name.getDebugName(1)
        return str(family) if family else Path(self.path).stem

    @property
    def ps_name(self) -> str:
        """The PostScript name (name ID 6), or one made from the family."""
        name = self._font["name"].getDebugName(6)
        return str(name) if name else "".join(ch for ch in self.family if ch.isalnum())

    @property
    def fs_type(self) -> int:
        return int(self._font["OS/2"].fsType) if "OS/2" in self._font else 0

    def embedding_problem(self) -> str:
        """Why the licence forbids embedding this font in a PDF, or "" when it allows it."""
        fs_type = self.fs_type
        if (fs_type & 0x000F) == _FSTYPE_RESTRICTED:
            reason = _("its licence forbids embedding it in documents")
        elif fs_type & _FSTYPE_BITMAP_ONLY:
            reason = _("its licence allows embedding only bitmaps")
        elif fs_type & _FSTYPE_NO_SUBSETTING:
            reason = _("its licence forbids embedding a subset of it")
        else:
            return ""
        return _(
            "The font {family} ({path}) cannot be used for printing: {reason} "
            "(OS/2 fsType 0x{fs_type:04X})."
        ).format(family=self.family, path=self.path, reason=reason, fs_type=fs_type)

    def identity(self) -> str:
        """A digest of the file's content and face: the same font gives the same name anywhere."""
        if self._identity is None:
            digest = hashlib.sha256(self._data)
            digest.update(self.index.to_bytes(4, "big"))
            self._identity = digest.hexdigest()
        return self._identity

    def glyph_id(self, glyph_name: str) -> int:
        return int(self._font.getGlyphID(glyph_name))

    def notdef_name(self) -> str:
        return str(self._font.getGlyphOrder()[0])

    def kept_name_records(self) -> list[Any]:
        """The naming records a subset carries: names for reportlab, licence for the reader."""
        return [r for r in self._font["name"].names if r.nameID in _KEPT_NAME_IDS]

    def quadratic(self, glyph_name: str) -> QuadraticGlyph:
        """The glyph with TrueType (quadratic) outlines, converted once and cached:
        in this run, and between builds with a glyph cache."""
        cached = self._quadratic.get(glyph_name)
        if cached is None:
            cached = self._kept_glyph(glyph_name) or self._convert(glyph_name)
            self._quadratic[glyph_name] = cached
        return cached

    def _kept_glyph(self, glyph_name: str) -> QuadraticGlyph | None:
        if self._glyph_cache is None:
            return None
        if self._kept is None:
            self._kept = self._glyph_cache.load(self.identity())
        record = self._kept.get(glyph_name)
        if record is None:
            return None
        advance, data = record
        try:
            return QuadraticGlyph(CompiledGlyph(data), advance)
        except ValueError:  # damaged in a way the file's checksum did not catch
            del self._kept[glyph_name]
            return None

    def _convert(self, glyph_name: str) -> QuadraticGlyph:
        """CFF outlines are cubic and wind the other way; cu2qu converts them
        and reverses the direction. TrueType sources pass through the same pen
        (their quadratic curves are kept as they are; components are drawn in
        place, so a subset never needs a glyph it does not list).
        """
        if self._glyph_set is None:
            self._glyph_set = self._font.getGlyphSet()
        tt_pen = TTGlyphPen(None)
        pen: Any = Cu2QuPen(tt_pen, MAX_CURVE_ERROR, reverse_direction=self.is_cff)
        if not self.is_cff:  # CFF has no components; skipping the filter saves ~10 %
            pen = DecomposingFilterPen(pen, self._glyph_set, reverseFlipped=True)
        try:
            self._glyph_set[glyph_name].draw(pen)
        except Exception as exc:  # a damaged outline, of any kind
            raise self._unreadable(exc) from exc
        advance = int(self._font["hmtx"][glyph_name][0])
        glyph = tt_pen.glyph()
        once = compiled(glyph)
        if once is None:
            return QuadraticGlyph(glyph, advance)
        if self._kept is not None and 0 <= advance <= 0xFFFF:
            self._kept[glyph_name] = (advance, once.compiled)
            self._unsaved = True
        return QuadraticGlyph(once, advance)

    def missing_glyphs(self, codepoints: Iterable[int]) -> list[str]:
        """The glyphs of these characters that are neither at hand in this run nor kept
        by an earlier build (those kept are taken now), by name."""
        names = {self.cmap[cp] for cp in codepoints if cp in self.cmap}
        missing = []
        for name in sorted(names):
            if name in self._quadratic:
                continue
            kept = self._kept_glyph(name)
            if kept is not None:
                self._quadratic[name] = kept
            else:
                missing.append(name)
        return missing

    def converted(self, names: Sequence[str]) -> list[tuple[str, int, bytes]]:
        """These glyphs converted and compiled, as (name, advance, bytes): made in
        whichever process calls it (:meth:`meetplan.fonts.book.FontBook.prepare`)."""
        out = []
        for name in names:
            glyph = self.quadratic(name)
            if isinstance(glyph.glyph, CompiledGlyph):
                out.append((name, glyph.advance, glyph.glyph.compiled))
        return out

    def adopt(self, glyphs: Iterable[tuple[str, int, bytes]]) -> None:
        """Glyphs :meth:`converted` made (in another process): at hand, and kept for the
        next build by :meth:`save_glyphs`."""
        for name, advance, data in glyphs:
            if name in self._quadratic:
                continue
            self._quadratic[name] = QuadraticGlyph(CompiledGlyph(data), advance)
            if self._kept is not None and 0 <= advance <= 0xFFFF:
                self._kept[name] = (advance, data)
                self._unsaved = True

    def load_outlines(self) -> None:
        """Parse the outlines now (before work is shared with another process, which
        would otherwise parse them again)."""
        if self._glyph_set is None:
            self._glyph_set = self._font.getGlyphSet()

    def save_glyphs(self) -> None:
        """Write the glyphs converted since the last call to the glyph cache, with
        those kept before (the ones this run used first, should the cache be full).
        Does nothing when no glyph was converted, or without a glyph cache."""
        if not self._unsaved or self._glyph_cache is None or self._kept is None:
            return
        kept = self._kept
        used = [name for name in self._quadratic if name in kept]
        rest = [name for name in kept if name not in self._quadratic]
        self._glyph_cache.save(self.identity(), [(name, *kept[name]) for name in (*used, *rest)])
        self._unsaved = False
