"""Chinese line breaking (禁则) in the PDFs' wrapped paragraphs."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

import meetplan.render  # noqa: F401  (installs the rules)
from meetplan.fonts import FontBook
from meetplan.render.kinsoku import CANNOT_END, CANNOT_START


def lines(text: str, width: float, font: str) -> list[str]:
    style = ParagraphStyle("t", fontName=font, fontSize=10, leading=12, wordWrap="CJK")
    para = Paragraph(text, style)
    para.wrap(width, 1000)
    out = []
    for line in para.blPara.lines:
        words = line[1] if isinstance(line, tuple) else line.words
        out.append("".join(str(w) if not hasattr(w, "text") else w.text for w in words))
    return out


@pytest.fixture(scope="module")
def font() -> str:
    sample = (
        "会议材料第共页，。、；：？！（）《》“”县委书记在全县经济工作会议上的讲话稿件检查页码连续完整文件"
        * 2
    )
    return FontBook().register("song", sample + "materials/abc.pdf 0123456789")


@pytest.mark.parametrize("width", [float(w) for w in range(40, 181, 7)])
def test_no_closing_mark_starts_and_no_opening_mark_ends_a_line(font: str, width: float) -> None:
    text = "县委书记在全县经济工作会议上的讲话（讲话稿），检查页码：连续、完整。《会议材料》共页！“文件”？"
    found = lines(text, width, font)
    assert "".join(found) == text  # nothing lost or added
    for line in found[1:]:
        assert line[0] not in CANNOT_START, found
    for line in found[:-1]:
        assert line[-1] not in CANNOT_END, found


def test_a_file_name_is_kept_whole_when_the_line_has_room(font: str) -> None:
    found = lines("会议材料会议材料会议材料 materials/abc.pdf 共6页", 120, font)
    assert any("materials/abc.pdf" in line for line in found), found


def test_no_document_of_the_example_breaks_a_line_against_the_rules(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every PDF renderer that wraps text, on the county example (long checklist
    reasons, long unit names, contingency steps)."""
    import shutil
    from pathlib import Path

    from click.testing import CliRunner
    from pypdf import PdfReader

    from meetplan.cli import main

    root = Path(__file__).resolve().parent.parent
    folder = tmp_path / "county"
    shutil.copytree(
        root / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
    )
    assert CliRunner().invoke(main, ["build", str(folder)]).exit_code == 0
    starts, ends = set("。，、；：？！）」』》"), set("（「『《“")
    bad = []
    for pdf in sorted((folder / "out").glob("*.pdf")):
        for page in PdfReader(pdf).pages:
            for line in (page.extract_text() or "").splitlines():
                text = line.strip()
                if text and (text[0] in starts or text[-1] in ends):
                    bad.append((pdf.name, text))
    assert bad == []
