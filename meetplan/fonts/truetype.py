"""Build a small TrueType font holding just the glyphs a document draws.

reportlab embeds only TrueType (glyf) outlines, and Chinese fonts such as
Noto CJK are CFF. The usual recipe, ``fontTools.subset`` then the otf2ttf
snippet, spends most of its time on CFF work the conversion then throws away
(closure over subroutines, desubroutinizing, hint removal): about 0.5 s for 300
characters of Noto Serif SC. Building the subset directly from the glyphs it
needs, each converted once by cu2qu and cached (see :mod:`source`), gives the
same TrueType font in a fraction of that time. The glyphs arrive compiled
(:class:`~meetplan.fonts.source.CompiledGlyph`): saving a subset only joins their
bytes, where fontTools would expand and compile each glyph again for every
subset (~0.2 ms a glyph each time: over a build's ~10 subsets, more than the
~0.7 ms of converting it).

The result is deterministic: the head table, with its timestamps, is copied
from the source and not recomputed, so the same text gives the same bytes.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable

from fontTools.fontBuilder import FontBuilder
from fontTools.ttLib import TTFont, newTable

from meetplan.fonts.source import SourceFont


def glyph_names_for(source: SourceFont, codepoints: Iterable[int]) -> list[str]:
    """.notdef first (glyph 0 by rule), then the glyphs in the source's own order."""
    notdef = source.notdef_name()
    wanted = {source.cmap[cp] for cp in codepoints} - {notdef}
    return [notdef, *sorted(wanted, key=source.glyph_id)]


def build_truetype(source: SourceFont, codepoints: Iterable[int], ps_name: str) -> bytes:
    """A TrueType font with the given characters of source (all must be in its cmap).

    ps_name becomes the PostScript name. It must differ between subsets of
    one font: reportlab treats two fonts with one PostScript name as the same
    font (the second registration silently gets the first one's glyphs), and a
    PDF with two different subsets under one name may be printed with the
    wrong one.
    """
    mapping = {cp: source.cmap[cp] for cp in sorted(set(codepoints))}
    names = glyph_names_for(source, mapping)
    glyphs = {name: source.quadratic(name) for name in names}

    original = source.font
    builder = FontBuilder(int(original["head"].unitsPerEm), isTTF=True)
    font = builder.font
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(mapping)
    builder.setupGlyf({name: g.glyph for name, g in glyphs.items()})
    builder.setupHorizontalMetrics(
        # TrueType's left side bearing is the outline's xMin, known after setupGlyf
        {name: (g.advance, getattr(g.glyph, "xMin", 0)) for name, g in glyphs.items()}
    )
    _copy_font_wide_tables(source, font, ps_name)
    builder.setupPost(
        keepGlyphNames=False,  # format 3: reportlab writes its own post table anyway
        italicAngle=original["post"].italicAngle,
        underlinePosition=original["post"].underlinePosition,
        underlineThickness=original["post"].underlineThickness,
        isFixedPitch=original["post"].isFixedPitch,
    )
    builder.setupMaxp()
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _copy_font_wide_tables(source: SourceFont, font: TTFont, ps_name: str) -> None:
    """Metrics, licence flags and names come from the source unchanged.

    head, hhea and OS/2 are small fixed records; their per-glyph summaries
    (bounding box, maximum advance) are recomputed when the subset is saved.
    """
    original = source.font
    for tag in ("head", "hhea", "OS/2"):
        if tag in original:
            font[tag] = copy.deepcopy(original[tag])
    font["head"].glyphDataFormat = 0
    name = newTable("name")
    name.names = [r for r in copy.deepcopy(source.kept_name_records()) if r.nameID != 6]
    name.setName(ps_name, 6, 3, 1, 0x409)  # Windows, Unicode BMP, English (US)
    name.setName(ps_name, 6, 1, 0, 0)  # Macintosh, Roman, English
    font["name"] = name
