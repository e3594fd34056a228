"""Glyphs compiled once and kept between builds: subsets come out byte for byte as
fontTools makes them from its own glyphs, whatever the glyph cache holds."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.filterPen import DecomposingFilterPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import newTable
from reportlab.pdfbase.ttfonts import TTFont

from meetplan.fonts import cache as cache_module
from meetplan.fonts import source as source_module
from meetplan.fonts.book import FontBook, bundled_path
from meetplan.fonts.cache import CACHE_DIR, GlyphCache, format_glyphs
from meetplan.fonts.characters import ALWAYS_INCLUDED
from meetplan.fonts.source import MAX_CURVE_ERROR, CompiledGlyph, QuadraticGlyph, SourceFont
from meetplan.fonts.styles import Bundled
from meetplan.fonts.truetype import build_truetype, glyph_names_for
from meetplan.util.store import Store

ASCII_AND_PUNCTUATION = "".join(map(chr, range(0x20, 0x7F))) + "，。、；：？！“”‘’（）《》【】—…·"
SPACES = " \u00a0\u2002\u2003\u3000张 建国"  # space-like glyphs are empty (no contours)
FONTS = [Bundled.SERIF, Bundled.SANS]


@pytest.fixture(scope="module")
def font_bytes() -> dict[Bundled, bytes]:
    return {font: Path(bundled_path(font)).read_bytes() for font in FONTS}


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per glyph SourceFont.quadratic converts (draws through cu2qu)."""
    made: list[str] = []

    class CountingPen(Cu2QuPen):  # type: ignore[misc]  # fontTools has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            made.append("glyph")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(source_module, "Cu2QuPen", CountingPen)
    return made


def fresh(fonts: dict[Bundled, bytes], font: Bundled, glyphs: Path | None = None) -> SourceFont:
    """A SourceFont as a new build opens it, with a glyph cache in ``glyphs`` if given."""
    cache = GlyphCache(glyphs) if glyphs is not None else None
    return SourceFont(bundled_path(font), data=fonts[font], glyphs=cache)


def random_cjk(source: SourceFont, count: int, seed: int) -> str:
    cjk = sorted(cp for cp in source.cmap if 0x4E00 <= cp <= 0x9FFF)
    return "".join(map(chr, random.Random(seed).sample(cjk, count)))


def plain_quadratic(self: SourceFont, glyph_name: str) -> QuadraticGlyph:
    """SourceFont.quadratic as it was before glyphs were compiled once: fontTools'
    own TTGlyphPen glyph, which every subset's save expands and compiles again."""
    kept: dict[str, QuadraticGlyph] = self.__dict__.setdefault("_plain", {})
    if glyph_name not in kept:
        glyph_set = self.__dict__.setdefault("_plain_glyph_set", self.font.getGlyphSet())
        tt_pen = TTGlyphPen(None)
        pen: Any = Cu2QuPen(tt_pen, MAX_CURVE_ERROR, reverse_direction=self.is_cff)
        if not self.is_cff:
            pen = DecomposingFilterPen(pen, glyph_set, reverseFlipped=True)
        glyph_set[glyph_name].draw(pen)
        advance = int(self.font["hmtx"][glyph_name][0])
        kept[glyph_name] = QuadraticGlyph(tt_pen.glyph(), advance)
    return kept[glyph_name]


def plain_subset(fonts: dict[Bundled, bytes], font: Bundled, text: str, ps_name: str) -> bytes:
    """The subset as meetplan made it before glyphs were compiled once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SourceFont, "quadratic", plain_quadratic)
        return build_truetype(fresh(fonts, font), map(ord, text), ps_name)


def character_sets(source: SourceFont) -> dict[str, str]:
    return {
        "ascii": ASCII_AND_PUNCTUATION,
        "cjk": random_cjk(source, 300, seed=1),
        "spaces": SPACES,
        "always included": "".join(map(chr, ALWAYS_INCLUDED & source.cmap.keys())),
    }


@pytest.mark.parametrize("font", FONTS)
def test_compiled_glyphs_give_the_same_subsets_as_fonttools(
    font_bytes: dict[Bundled, bytes], font: Bundled
) -> None:
    source = fresh(font_bytes, font)  # one source: its glyphs serve every subset below
    texts = character_sets(source)
    texts["overlapping"] = texts["cjk"][100:250] + random_cjk(source, 50, seed=2) + SPACES
    for label, text in texts.items():
        ps_name = f"Meetplan-{label.replace(' ', '-')}"
        made = build_truetype(source, map(ord, text), ps_name)
        assert made == plain_subset(font_bytes, font, text, ps_name), label
        registered = TTFont(f"x-{font.name}-{ps_name}", io.BytesIO(made))
        assert {ord(c) for c in text} <= set(registered.face.charToGlyph), label
    assert all(isinstance(g.glyph, CompiledGlyph) for g in source._quadratic.values())


def test_a_compiled_glyph_carries_what_a_save_reads(font_bytes: dict[Bundled, bytes]) -> None:
    source = fresh(font_bytes, Bundled.SERIF)
    for char in "国\u3000":
        plain = plain_quadratic(source, source.cmap[ord(char)]).glyph
        data = plain.compile(newTable("glyf"))
        plain.recalcBounds(newTable("glyf"))
        glyph = CompiledGlyph(data)
        assert glyph.compile(newTable("glyf")) == data
        assert glyph.numberOfContours == plain.numberOfContours
        bounds = ("xMin", "yMin", "xMax", "yMax")
        assert [getattr(glyph, b) for b in bounds] == [getattr(plain, b) for b in bounds]
        assert not glyph.isComposite()
        if plain.numberOfContours:
            assert glyph.getMaxpValues() == plain.getMaxpValues()
    assert CompiledGlyph(b"").numberOfContours == 0  # a space
    data = plain_quadratic(source, source.cmap[ord("国")]).glyph.compile(newTable("glyf"))
    for bad in (data[:9], data[:12], b"\xff\xff" + data[2:], b"\x00\x00" + data[2:]):
        with pytest.raises(ValueError):
            CompiledGlyph(bad)  # cut short, a composite, no contours


def test_a_warm_glyph_cache_converts_nothing(
    tmp_path: Path, font_bytes: dict[Bundled, bytes], conversions: list[str]
) -> None:
    first = fresh(font_bytes, Bundled.SERIF, tmp_path)
    text = random_cjk(first, 200, seed=3) + ASCII_AND_PUNCTUATION
    subset = build_truetype(first, map(ord, text), "Meetplan-Warm")
    first.save_glyphs()
    assert len(conversions) == len(glyph_names_for(first, map(ord, text)))
    assert len(list(tmp_path.glob("*.glyphs"))) == 1

    conversions.clear()
    again = fresh(font_bytes, Bundled.SERIF, tmp_path)
    assert build_truetype(again, map(ord, text), "Meetplan-Warm") == subset
    assert conversions == []

    # a revised roster: only the characters it adds are converted
    added = random_cjk(again, 30, seed=4)
    revised = text + added
    new_glyphs = set(glyph_names_for(again, map(ord, added))) - set(
        glyph_names_for(again, map(ord, text))
    )
    made = build_truetype(again, map(ord, revised), "Meetplan-Revised")
    assert len(conversions) == len(new_glyphs)
    assert made == plain_subset(font_bytes, Bundled.SERIF, revised, "Meetplan-Revised")


def test_saving_is_free_when_nothing_was_converted(
    tmp_path: Path, font_bytes: dict[Bundled, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = fresh(font_bytes, Bundled.SERIF, tmp_path)
    build_truetype(source, map(ord, "张建国"), "Meetplan-Once")
    writes: list[str] = []
    original = Store.put
    monkeypatch.setattr(
        Store, "put", lambda self, key, data: writes.append(key) or original(self, key, data)
    )
    source.save_glyphs()
    source.save_glyphs()  # nothing new since
    build_truetype(source, map(ord, "国建张"), "Meetplan-Twice")
    source.save_glyphs()
    assert len(writes) == 1
    fresh(font_bytes, Bundled.SERIF, tmp_path).save_glyphs()  # opened, nothing converted
    assert len(writes) == 1


DAMAGES = [
    "cut short",
    "one byte changed",
    "empty",
    "junk with a good checksum",
    "another font's file",
    "records cut short with a good checksum",
    "trailing bytes with a good checksum",
    "glyph bytes damaged with a good checksum",
]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_glyph_cache_gives_the_same_subsets(
    tmp_path: Path, font_bytes: dict[Bundled, bytes], damage: str
) -> None:
    text = random_cjk(fresh(font_bytes, Bundled.SANS), 60, seed=5) + SPACES
    expected = build_truetype(fresh(font_bytes, Bundled.SANS), map(ord, text), "Meetplan-D")
    source = fresh(font_bytes, Bundled.SANS, tmp_path)
    build_truetype(source, map(ord, text), "Meetplan-D")
    source.save_glyphs()
    cache = GlyphCache(tmp_path)
    key = cache.key(source.identity())
    path = tmp_path / f"{key}.glyphs"
    blob = path.read_bytes()
    body = blob[:-32]  # without the Store's checksum
    store = Store(tmp_path, ".glyphs", 10)
    records = [(name, *record) for name, record in cache.load(source.identity()).items()]
    if damage == "cut short":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "one byte changed":
        path.write_bytes(blob[:100] + bytes([blob[100] ^ 1]) + blob[101:])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "junk with a good checksum":
        store.put(key, b"\x80\x04not a glyph file")
    elif damage == "another font's file":  # made for the serif face, put under this one's key
        serif = fresh(font_bytes, Bundled.SERIF, tmp_path / "serif")
        build_truetype(serif, map(ord, text), "Meetplan-D")
        serif.save_glyphs()
        (other,) = (tmp_path / "serif").glob("*.glyphs")
        path.write_bytes(other.read_bytes())
    elif damage == "records cut short with a good checksum":
        store.put(key, body[:-7])
    elif damage == "trailing bytes with a good checksum":
        store.put(key, body + b"\0")
    elif damage == "glyph bytes damaged with a good checksum":
        store.put(key, format_glyphs([(n, a, d[:11]) for n, a, d in records], key))
    again = fresh(font_bytes, Bundled.SANS, tmp_path)
    assert build_truetype(again, map(ord, text), "Meetplan-D") == expected
    again.save_glyphs()  # made good again
    assert len(cache.load(source.identity())) == len(records)


def test_a_font_never_uses_another_fonts_glyphs(
    tmp_path: Path, font_bytes: dict[Bundled, bytes], conversions: list[str]
) -> None:
    serif = fresh(font_bytes, Bundled.SERIF, tmp_path)
    text = random_cjk(serif, 80, seed=6) + ASCII_AND_PUNCTUATION
    build_truetype(serif, map(ord, text), "Meetplan-F")
    serif.save_glyphs()
    conversions.clear()
    sans = fresh(font_bytes, Bundled.SANS, tmp_path)
    made = build_truetype(sans, map(ord, text), "Meetplan-F")
    assert len(conversions) == len(glyph_names_for(sans, map(ord, text)))
    assert made == plain_subset(font_bytes, Bundled.SANS, text, "Meetplan-F")
    sans.save_glyphs()
    assert len(list(tmp_path.glob("*.glyphs"))) == 2  # one file per font


def test_the_glyph_cache_keeps_the_glyphs_used_last_within_its_cap(
    tmp_path: Path, font_bytes: dict[Bundled, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_GLYPHS", 40)
    source = fresh(font_bytes, Bundled.SERIF, tmp_path)
    text = random_cjk(source, 100, seed=7)
    build_truetype(source, map(ord, text), "Meetplan-Cap")
    source.save_glyphs()
    kept = GlyphCache(tmp_path).load(source.identity())
    assert len(kept) == 40
    later = fresh(font_bytes, Bundled.SERIF, tmp_path)
    recent = text[-20:] + random_cjk(later, 15, seed=8)  # some kept, some new; 36 glyphs
    build_truetype(later, map(ord, recent), "Meetplan-Cap2")
    later.save_glyphs()
    kept = GlyphCache(tmp_path).load(later.identity())
    assert len(kept) == 40
    assert set(glyph_names_for(later, map(ord, recent))) <= set(kept)


def test_an_unwritable_glyph_cache_only_means_converting(
    tmp_path: Path, font_bytes: dict[Bundled, bytes]
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    source = fresh(font_bytes, Bundled.SERIF, blocked / "fonts")
    made = build_truetype(source, map(ord, "张建国"), "Meetplan-U")
    source.save_glyphs()
    assert made == plain_subset(font_bytes, Bundled.SERIF, "张建国", "Meetplan-U")


def test_the_font_book_keeps_glyphs_for_the_next_build(
    tmp_path: Path, conversions: list[str]
) -> None:
    """A revised roster: the new build's subsets miss (other characters), but only
    the characters the revision adds are converted."""
    folder = tmp_path / CACHE_DIR / "fonts"
    book = FontBook(cache=folder)
    source = SourceFont(bundled_path(Bundled.SERIF))
    names = random_cjk(source, 120, seed=9)  # not registered by any other test
    book.register("song", names[:100])
    assert len(list(folder.glob("*.glyphs"))) == 1
    conversions.clear()
    FontBook(cache=folder).register("song", names)
    assert len(conversions) == len(
        set(glyph_names_for(source, map(ord, names[100:])))
        - set(glyph_names_for(source, map(ord, names[:100])))
    )
