"""meetplan.fonts: style resolution, missing-glyph checks, embedded subset fonts.

Resolution tests use ``FontBook(use_system_fonts=False)`` (only the bundled
Noto fonts) or feed discovery fake candidates, so they give the same answer on
every machine. PDFs are read back with pypdf: the text must come back and
every font must be embedded.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from meetplan.fonts import NO_SYSTEM_FONTS_ENV, FontBook, FontChoice, UnregisteredTextError
from meetplan.fonts import book as book_module
from meetplan.fonts.discovery import Candidate, fontconfig_candidates, parse_fc_list
from meetplan.fonts.source import SourceFont, pick_face
from meetplan.fonts.styles import STYLES, style_of
from meetplan.fonts.truetype import build_truetype
from meetplan.model.errors import UserError
from meetplan.model.settings import FontStyle

NAMES = ["张建国", "欧阳娜娜", "王伟", "李明", "刘䶮", "陈喆", "赵玥", "周燚", "吴堃", "郑赟"]
# Neither is in Noto Sans/Serif SC (checked in test_noto_lacks_the_rare_characters):
# 𠮷 (U+20BB7, CJK Extension B, the 吉 of some family names) and 𪚥 (U+2A6A5, Extension B).
RARE = "𠮷"
RARER = "𪚥"


@pytest.fixture(scope="module")
def book() -> FontBook:
    """One book for the module: the bundled fonts are parsed once, as in a real run."""
    return FontBook(use_system_fonts=False)


def tiny_font(
    path: Path,
    chars: str,
    *,
    family: str = "Tiny Test",
    fs_type: int = 0,
) -> Path:
    """A small TrueType font with a square for each of chars: a stand-in for a system font."""
    glyph_names = {ch: f"uni{ord(ch):04X}" for ch in chars}
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", *glyph_names.values()])
    builder.setupCharacterMap({ord(ch): name for ch, name in glyph_names.items()})
    glyphs = {name: _square() for name in [".notdef", *glyph_names.values()]}
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (1000, 100) for name in glyphs})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable(
        {"familyName": family, "styleName": "Regular", "psName": family.replace(" ", "")}
    )
    builder.setupOS2(fsType=fs_type, sTypoAscender=880, sTypoDescender=-120)
    builder.setupPost()
    builder.save(str(path))
    return path


def _square() -> object:
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, 0))
    pen.closePath()
    return pen.glyph()


def draw_page(font_name: str, lines: list[str]) -> bytes:
    """A PDF page with the lines in the font; the canvas starts in it, so no Helvetica."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1, initialFontName=font_name)
    pdf.setFont(font_name, 20)
    for i, line in enumerate(lines):
        pdf.drawString(50, 780 - 30 * i, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def page_fonts(pdf: bytes) -> list[Any]:
    """The font dictionaries every page uses (pypdf objects)."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts = []
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources.get_object()["/Font"].get_object().values():
            fonts.append(ref.get_object())
    return fonts


def assert_all_embedded(pdf: bytes) -> list[str]:
    """Every font of the PDF carries its TrueType program (FontFile2); returns BaseFont names."""
    fonts = page_fonts(pdf)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    return [str(font["/BaseFont"]) for font in fonts]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# -- resolution -----------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "file", "note_has"),
    [
        ("song", "NotoSerifSC-Regular.otf", ""),
        ("hei", "NotoSansSC-Regular.otf", ""),
        ("kai", "NotoSerifSC-Regular.otf", "楷体"),
        ("fangsong", "NotoSerifSC-Regular.otf", "仿宋"),
        ("宋体", "NotoSerifSC-Regular.otf", ""),
        ("HEI", "NotoSansSC-Regular.otf", ""),
    ],
)
def test_styles_resolve_to_the_bundled_noto(
    book: FontBook, spec: str, file: str, note_has: str
) -> None:
    choice = book.resolve(spec)
    assert Path(choice.path).name == file
    assert choice.index == 0
    assert "(bundled)" in choice.family
    assert choice.style == str(style_of(spec))
    if note_has:
        assert note_has in choice.fallback_note
        assert choice.family in choice.fallback_note
    else:
        assert choice.fallback_note == ""


def test_a_choice_is_a_frozen_value(book: FontBook) -> None:
    choice = book.resolve("song")
    assert isinstance(choice, FontChoice)
    with pytest.raises(AttributeError):
        choice.family = "x"  # type: ignore[misc]


def test_a_system_font_of_the_style_is_preferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kai = tiny_font(tmp_path / "simkai.ttf", "中国会议张王0123456789", family="KaiTi")
    monkeypatch.delenv(NO_SYSTEM_FONTS_ENV, raising=False)
    monkeypatch.setattr(
        book_module.discovery,
        "windows_candidates",
        lambda style: [Candidate(str(kai), None, ("KaiTi",))] if style.label == "楷体" else [],
    )
    monkeypatch.setattr(book_module.discovery, "macos_candidates", lambda style: [])
    monkeypatch.setattr(book_module.discovery, "fontconfig_fonts", lambda: [])

    choice = FontBook().resolve("kai")
    assert choice == FontChoice(str(kai), 0, "KaiTi", "kai", "")
    assert "Noto" in FontBook(use_system_fonts=False).resolve("kai").family

    monkeypatch.setenv(NO_SYSTEM_FONTS_ENV, "1")
    assert "Noto" in FontBook().resolve("kai").family


@pytest.mark.parametrize(
    ("chars", "fs_type"),
    [
        ("ABCdef0123456789", 0),  # Latin only: what fc-match answers when no CJK font exists
        ("中国会议张王", 0),  # no digits, like Droid Sans Fallback
        ("中国会议张王0123456789", 0x0002),  # licence forbids embedding
    ],
)
def test_an_unusable_system_font_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chars: str, fs_type: int
) -> None:
    fake = tiny_font(tmp_path / "fake.ttf", chars, family="Fake Song", fs_type=fs_type)
    monkeypatch.delenv(NO_SYSTEM_FONTS_ENV, raising=False)
    monkeypatch.setattr(
        book_module.discovery, "windows_candidates", lambda style: [Candidate(str(fake), 0, ())]
    )
    monkeypatch.setattr(book_module.discovery, "macos_candidates", lambda style: [])
    monkeypatch.setattr(book_module.discovery, "fontconfig_fonts", lambda: [])
    choice = FontBook().resolve("song")
    assert Path(choice.path).name == "NotoSerifSC-Regular.otf"


def test_fontconfig_families_are_matched_exactly_and_regular_first() -> None:
    fc_output = "\n".join(
        [
            "/f/DejaVuSans.ttf\t0\tDejaVu Sans\tBook",
            "/f/NotoSerifCJK-Bold.ttc\t2\tNoto Serif CJK SC,Noto Serif CJK SC Bold\tBold",
            "/f/NotoSerifCJK-Regular.ttc\t2\tNoto Serif CJK SC\tRegular",
            "/f/NotoSerifCJK-Regular.ttc\t0\tNoto Serif CJK JP\tRegular",
            "/f/uming.ttc\t0\tAR PL UMing CN\tLight",
            "garbage line",
        ]
    )
    fonts = parse_fc_list(fc_output)
    assert len(fonts) == 5
    song = fontconfig_candidates(STYLES[FontStyle.SONG], fonts)
    assert [(c.path, c.index) for c in song] == [
        ("/f/NotoSerifCJK-Regular.ttc", 2),
        ("/f/uming.ttc", 0),
    ]
    assert fontconfig_candidates(STYLES[FontStyle.KAI], fonts) == []


def test_a_collection_face_is_picked_by_family(tmp_path: Path) -> None:
    collection = TTCollection()
    collection.fonts = [
        TTFont(str(tiny_font(tmp_path / "a.ttf", "中国会议", family="NSimSun"))),
        TTFont(str(tiny_font(tmp_path / "b.ttf", "中国会议", family="SimSun"))),
    ]
    ttc = tmp_path / "simsun.ttc"
    collection.save(str(ttc))
    data = ttc.read_bytes()
    assert pick_face(data, ("SimSun",)) == 1
    assert pick_face(data, ("NSimSun",)) == 0
    assert pick_face(data, ("Nothing",)) == 0
    # A .ttc named in the settings uses its first face.
    assert FontBook(use_system_fonts=False).resolve(str(ttc)).family == "NSimSun"


def test_a_missing_font_file_is_a_user_error_naming_the_path(
    book: FontBook, tmp_path: Path
) -> None:
    path = tmp_path / "no-such-font.ttf"
    with pytest.raises(UserError) as raised:
        book.resolve(str(path))
    assert str(path) in str(raised.value)


def test_an_unknown_style_word_is_a_user_error(book: FontBook) -> None:
    with pytest.raises(UserError) as raised:
        book.resolve("songti")
    assert "songti" in str(raised.value)
    assert "fangsong" in raised.value.problems[0].hint


@pytest.mark.parametrize(("name", "content"), [("notes.txt", b"hello"), ("bad.ttf", b"x" * 64)])
def test_a_file_that_is_not_a_font_is_a_user_error(
    book: FontBook, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as raised:
        book.register(str(path), "张三")
    assert str(path) in str(raised.value)


def test_a_font_that_forbids_embedding_is_refused(book: FontBook, tmp_path: Path) -> None:
    path = tiny_font(tmp_path / "restricted.ttf", "张三", fs_type=0x0002)
    with pytest.raises(UserError) as raised:
        book.resolve(str(path))
    assert "0x0002" in str(raised.value)
    assert str(path) in str(raised.value)


# -- missing characters -----------------------------------------------------


def test_noto_lacks_the_rare_characters(book: FontBook) -> None:
    for style in ("song", "hei"):
        cmap = SourceFont(book.resolve(style).path).cmap
        assert ord(RARE) not in cmap and ord(RARER) not in cmap
        assert ord("张") in cmap


def test_missing_names_each_lacking_character_once_in_order(book: FontBook) -> None:
    assert book.missing("song", f"张{RARER}李{RARE}{RARER}") == [RARER, RARE]
    assert book.missing("hei", "王😀") == ["😀"]


@pytest.mark.parametrize("style", ["song", "hei", "kai", "fangsong"])
def test_missing_is_empty_for_common_names(book: FontBook, style: str) -> None:
    for name in NAMES:
        assert book.missing(style, name) == [], name


def test_missing_ignores_whitespace_and_control_characters(book: FontBook) -> None:
    assert book.missing("song", "王\u2009伟\n\t\x07 李\u3000明") == []


# -- registering and embedding ----------------------------------------------


@pytest.mark.parametrize("style", ["song", "hei", "kai"])
def test_registered_font_is_embedded_and_text_comes_back(book: FontBook, style: str) -> None:
    lines = [*NAMES, "第1排第３座 2026-12-01（内部）"]
    name = book.register(style, "".join(lines))
    pdf = draw_page(name, lines)

    base_fonts = assert_all_embedded(pdf)
    expected = "NotoSansSC" if style == "hei" else "NotoSerifSC"
    assert all(expected in font and "+" in font for font in base_fonts), base_fonts
    text = pdf_text(pdf)
    for line in lines:
        assert line in text


def test_ascii_and_punctuation_are_always_in_the_subset(book: FontBook) -> None:
    name = book.register("song", "张建国第页")
    pdf = draw_page(name, ["张建国，第12页。(A-Z)"])
    assert "张建国，第12页。(A-Z)" in pdf_text(pdf)


def test_two_subsets_of_one_font_in_one_pdf_keep_their_own_glyphs(book: FontBook) -> None:
    # reportlab merges fonts that share a PostScript name: the second subset
    # would silently be drawn with the first one's glyphs.
    first = book.register("song", "张建国")
    second = book.register("song", "李明")
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1, initialFontName=first)
    pdf.setFont(first, 20)
    pdf.drawString(50, 780, "张建国")
    pdf.setFont(second, 20)
    pdf.drawString(50, 750, "李明")
    pdf.showPage()
    pdf.save()
    base_fonts = assert_all_embedded(out.getvalue())
    assert len(set(base_fonts)) == 2, base_fonts
    text = pdf_text(out.getvalue())
    assert "张建国" in text and "李明" in text


def test_subset_is_truetype_with_the_characters(book: FontBook) -> None:
    source = SourceFont(book.resolve("song").path)
    data = build_truetype(source, [ord(c) for c in "张建国"], "NotoSerifSC-Regular-TEST")
    font = TTFont(io.BytesIO(data))
    assert font.sfntVersion == "\x00\x01\x00\x00"
    assert "glyf" in font and "CFF " not in font
    assert set(font.getBestCmap()) == {ord(c) for c in "张建国"}
    assert font.getGlyphOrder()[0] == ".notdef"
    assert font["glyf"][font.getBestCmap()[ord("国")]].numberOfContours > 0
    assert font["name"].getDebugName(6) == "NotoSerifSC-Regular-TEST"


def test_register_refuses_a_character_the_font_lacks(book: FontBook) -> None:
    with pytest.raises(UserError) as raised:
        book.register("song", f"张{RARE}")
    message = str(raised.value)
    assert RARE in message and "U+20BB7" in message


def test_register_refuses_a_space_the_font_would_draw_as_a_box(book: FontBook) -> None:
    # Noto SC has no U+2009 THIN SPACE; reportlab would draw its .notdef box.
    with pytest.raises(UserError) as raised:
        book.register("song", "王\u2009伟")
    assert "U+2009" in str(raised.value)


def test_register_again_gives_the_same_name_and_registers_once(book: FontBook) -> None:
    text = "".join(NAMES)
    first = book.register("song", text)
    count = len(pdfmetrics.getRegisteredFontNames())
    assert book.register("song", text) == first
    assert FontBook(use_system_fonts=False).register("song", text) == first
    assert len(pdfmetrics.getRegisteredFontNames()) == count
    assert book.register("song", text + "孙") != first
    assert book.register("hei", text) != first


def test_same_input_gives_the_same_pdf(book: FontBook) -> None:
    name = book.register("hei", "".join(NAMES))
    assert draw_page(name, NAMES) == draw_page(name, NAMES)


def test_drawing_text_not_given_to_register_is_refused(book: FontBook) -> None:
    name = book.register("song", "张建国")
    with pytest.raises(UnregisteredTextError):
        draw_page(name, ["李明"])


def test_a_truetype_font_file_works_too(book: FontBook, tmp_path: Path) -> None:
    path = tiny_font(tmp_path / "squares.ttf", "张建国 ", family="Squares")
    choice = book.resolve(str(path))
    assert (choice.family, choice.style, choice.index) == ("Squares", "", 0)
    assert book.missing(str(path), "张建国李") == ["李"]
    name = book.register(str(path), "张建国")
    pdf = draw_page(name, ["张建国"])
    assert "+Squares-" in assert_all_embedded(pdf)[0]
    assert "张建国" in pdf_text(pdf)
