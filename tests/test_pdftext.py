"""The quick reading of the text a PDF page shows (meetplan/materials/pdftext.py)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from meetplan.materials.pdftext import FontMap, page_text, pages_text, unescape

ROOT = Path(__file__).resolve().parent.parent
CMAP = b"""/CIDInit /ProcSet findresource begin
begincmap
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar
<01> <673A>
<02> <5BC6>
endbfchar
1 beginbfrange
<10> <12> <0041>
endbfrange
1 beginbfrange
<20> <21> [<4E00> <4E8C>]
endbfrange
endcmap"""


def test_a_fonts_map_reads_bfchar_and_both_kinds_of_bfrange() -> None:
    font = FontMap(CMAP)
    assert font.decode(b"\x01\x02") == "机密"
    assert font.decode(b"\x10\x11\x12") == "ABC"
    assert font.decode(b"\x20\x21") == "一二"
    assert font.decode(b"\x03") == "\ufffd"  # a code the map does not know
    assert FontMap(None).decode(b"Page 1") == "Page 1"  # a simple font: the bytes as they are


def test_escapes_of_literal_strings() -> None:
    assert unescape(rb"a\(b\)c\\d\053\7\n") == b"a(b)c\\d+\x07\n"
    assert unescape(b"split \\\nline") == b"split line"  # a line continuation


def test_strings_are_decoded_in_the_font_of_the_moment_with_a_break_where_text_moves() -> None:
    fonts = {"F1": FontMap(CMAP), "F2": FontMap(None)}
    content = (
        b"BT /F1 12 Tf (\\001\\002) Tj ET\n"
        b"BT /F2 9 Tf [(Pa) -20 (ge)] TJ T* <3120> Tj 0 -12 Td (\\(2\\)) Tj ET\n"
        b"0 0 m 10 10 l S [3 2] 0 d"  # paths and a dash array: not text
    )
    assert page_text(content, fonts) == "\n机密\n\nPage\n1 \n(2)\n"


def test_q_and_Q_restore_the_font() -> None:
    fonts = {"F1": FontMap(CMAP), "F2": FontMap(None)}
    content = b"BT /F1 12 Tf ET q BT /F2 9 Tf (x) Tj ET Q BT (\\001) Tj ET"
    assert page_text(content, fonts) == "\n\n\nx\n\n机\n"


@pytest.mark.parametrize(
    ("content", "forms"),
    [
        (b"BT /F9 12 Tf (x) Tj ET", ()),  # a font the page does not name
        (b"q /Fm1 Do Q", ("Fm1",)),  # a form XObject may hold text
        (b"BI /W 1 /H 1 ID \x00 EI", ()),  # an inline image: binary data amid the operators
    ],
)
def test_what_it_cannot_read_is_none(content: bytes, forms: tuple[str, ...]) -> None:
    assert page_text(content, {"F1": FontMap(CMAP)}, forms) is None


def test_an_image_is_not_text() -> None:
    assert page_text(b"q /Im1 Do Q BT /F1 9 Tf (\\001) Tj ET", {"F1": FontMap(CMAP)}) == "\n机\n"


def test_it_reads_what_pypdf_reads_on_the_examples_documents() -> None:
    from meetplan.build import build
    from meetplan.meeting import load_config

    documents = build(load_config(ROOT / "examples" / "county-plenary")).documents
    pdfs = {name: data for name, data in documents.items() if name.endswith(".pdf")}
    assert len(pdfs) >= 6
    for name, data in pdfs.items():
        reader = PdfReader(io.BytesIO(data))
        quick = pages_text(reader)
        for number, (page, text) in enumerate(zip(reader.pages, quick, strict=True), start=1):
            assert text is not None, (name, number)
            expected = re.sub(r"\s", "", page.extract_text())
            assert re.sub(r"\s", "", text) == expected, (name, number)
