"""会务检查清单.pdf and .xlsx: every result and item printed, failures unmissable, fonts embedded."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from meetplan.fonts import FontBook
from meetplan.model.checklist import Checklist, ChecklistItem, CheckResult, Outcome, Stage
from meetplan.model.settings import MeetingInfo
from meetplan.render.checklist_pdf import checklist_text, render_checklist_pdf
from meetplan.render.checklist_xlsx import render_checklist_xlsx

MEETING = MeetingInfo(
    title="全县经济工作会议", date="2026-12-01", time="09:00", venue="县委礼堂", organizer="县委办"
)
LONG_REASON = (
    "讲话稿 materials/县委书记讲话-final-v3-revised-2026-11-28-for-print.docx "
    "未标注密级，会议密级为内部，请在首页左上角标注后重新打印并逐页核对页码"
)
RESULTS = (
    CheckResult(
        "材料", "县委书记讲话（讲话稿）", Outcome.FAILED, "缺页：应为连续页码", page=6, copies=35
    ),
    CheckResult(
        "材料", "县长工作报告（工作报告）", Outcome.PASSED, "共 18 页，页码连续", copies=420
    ),
    CheckResult("材料", "主持词", Outcome.MANUAL, "扫描件，无法读取页码"),
    CheckResult("座位", "主席台座位", Outcome.PASSED, "主席台 2 排 15 人"),
    CheckResult("密级", "密级标注", Outcome.MANUAL, LONG_REASON),
    CheckResult("桌签", "桌签", Outcome.PASSED),
)
ITEMS = (
    ChecklistItem(
        Stage.BEFORE, "会议通知已发出，参会回执已收齐", "before.notice", "王明", "11月28日"
    ),
    ChecklistItem(Stage.BEFORE, "讲话材料逐页核对页码：无缺页、重页、倒页、空白页", "before.pages"),
    ChecklistItem(Stage.DURING, "工作人员提前一小时到岗", "during.staff", owner="李华"),
    ChecklistItem(Stage.AFTER, "整理会议纪要", "after.minutes", when="会后三日内"),
)


def checklist(**meeting: str) -> Checklist:
    return Checklist(replace(MEETING, **meeting), RESULTS, ITEMS)


def pdf_of(cl: Checklist) -> bytes:
    book = FontBook(use_system_fonts=False)
    text = checklist_text(cl)
    return render_checklist_pdf(cl, book.register("song", text), book.register("hei", text))


def page_texts(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return pdf_of(checklist(classification="机密"))


def test_pdf_prints_every_result_and_item(pdf: bytes) -> None:
    texts = page_texts(pdf)
    text = flat("".join(texts))
    assert "全县经济工作会议" in text and "会务检查清单" in text
    assert "时间：2026年12月1日（星期二）上午9:00" in text and "地点：县委礼堂" in text
    assert "自动检查6项：通过3项，不通过1项，需人工核对2项" in text
    for heading in ("一、自动检查结果", "二、会前", "三、会中", "四、会后"):
        assert heading in text
    for r in RESULTS:
        assert r.item in text
        assert flat(r.reason) in text
    for item in ITEMS:
        assert flat(item.text) in text
    assert "王明" in text and "11月28日" in text and "李华" in text and "会后三日内" in text
    assert "第6页：缺页" in text and "需印35份" in text and "需印420份" in text
    assert text.count("不通过") >= 3  # the summary, the failed list, the row
    assert "需人工核对" in text
    assert "检查人：" in text and "复核人：" in text
    assert "第 1 页" in texts[0]
    assert "✓" not in text and "✗" not in text  # marks are drawn, not set in a font


def test_pdf_fonts_all_embedded_no_helvetica(pdf: bytes) -> None:
    fonts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts.append((str(font["/BaseFont"]), embedded))
    assert fonts
    assert all(embedded for _name, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts), fonts


def test_pdf_classification_only_when_set(pdf: bytes) -> None:
    assert all("机密" in text for text in page_texts(pdf))  # drawn on every page
    plain = flat("".join(page_texts(pdf_of(checklist()))))
    assert "机密" not in plain


def test_pdf_all_passed_summary() -> None:
    passed = tuple(replace(r, outcome=Outcome.PASSED) for r in RESULTS)
    cl = Checklist(MEETING, passed, ITEMS)
    text = flat("".join(page_texts(pdf_of(cl))))
    assert "自动检查全部通过（6项）" in text
    assert "不通过" not in text


def test_pdf_text_stays_inside_the_page(pdf: bytes) -> None:
    """Long reasons wrap inside their cell: no drawn line runs past the right margin."""
    book = FontBook(use_system_fonts=False)
    text = checklist_text(checklist(classification="机密"))
    fonts = (book.register("song", text), book.register("hei", text))
    right = A4[0] - 14 * mm + 1
    for page in PdfReader(io.BytesIO(pdf)).pages:
        found: list[tuple[str, float, float]] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            _f: object,
            size: float,
            found: list = found,
        ) -> None:
            if text.strip():
                found.append((text, tm[4] * cm[0] + cm[4], size * cm[0]))

        page.extract_text(visitor_text=visit)
        assert found
        for drawn, x, size in found:
            width = max(stringWidth(drawn.rstrip("\n"), f, size) for f in fonts)
            assert x + width <= right, drawn


def test_pdf_long_checklist_paginates() -> None:
    items = tuple(
        ChecklistItem(list(Stage)[n % 3], f"第{n}号检查事项：核对会场第{n}排座椅与桌签", owner="")
        for n in range(200)
    )
    cl = Checklist(MEETING, RESULTS, items)
    texts = page_texts(pdf_of(cl))
    assert len(texts) > 1
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
    joined = flat("".join(texts))
    assert all(f"第{n}号检查事项" in joined for n in range(200))
    assert "检查人：" in flat(texts[-1])


def test_xlsx_sheets_and_failed_fill() -> None:
    wb = load_workbook(io.BytesIO(render_checklist_xlsx(checklist(classification="机密"))))
    assert wb.sheetnames == ["自动检查", "人工核对"]
    ws = wb["自动检查"]
    assert "会务检查清单" in ws["A1"].value
    assert "不通过 1 项" in ws["A3"].value
    assert [c.value for c in ws[4]] == ["序号", "检查内容", "结果", "说明", "需印份数"]
    rows = {row[1].value: row for row in ws.iter_rows(min_row=5) if row[0].value}
    failed = rows["材料：县委书记讲话（讲话稿）"]
    assert failed[2].value == "✗ 不通过"
    assert failed[3].value == "第6页：缺页：应为连续页码"
    assert failed[4].value == 35
    assert failed[0].fill.fill_type == "solid"
    assert failed[0].fill.fgColor.rgb.endswith("FFC7CE")
    passed = rows["材料：县长工作报告（工作报告）"]
    assert passed[2].value == "✓ 通过" and passed[4].value == 420
    assert passed[0].fill.fill_type is None
    assert rows["材料：主持词"][2].value == "？需人工核对"
    assert ws.print_title_rows == "$1:$4"
    assert ws.oddHeader.left.text == "机密"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4

    ws = wb["人工核对"]
    assert [c.value for c in ws[3]] == ["阶段", "序号", "事项", "负责人", "时间", "完成"]
    stages = {s.value for s in Stage}
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[0].value in stages]
    with_text = [r for r in body if r[2]]
    assert [r[2] for r in with_text] == [i.text for i in ITEMS]
    assert with_text[0] == ["会前", 1, ITEMS[0].text, "王明", "11月28日", "□"]
    assert with_text[1][3] in (None, "") and with_text[1][4] in (None, "")
    assert [r[0] for r in with_text] == ["会前", "会前", "会中", "会后"]
    assert len(body) == len(ITEMS) + 3 * 2  # two empty rows a stage to write in
    assert all(r[5] == "□" for r in body)
    assert "检查人：" in ws.cell(row=ws.max_row, column=1).value


def test_xlsx_formula_like_text_stays_text() -> None:
    results = (CheckResult("=SUM(A1)", "x", Outcome.FAILED, "+1"),)
    wb = load_workbook(io.BytesIO(render_checklist_xlsx(Checklist(MEETING, results, ()))))
    ws = wb["自动检查"]
    assert ws["B5"].data_type == "s" and ws["B5"].quotePrefix
    assert ws["D5"].data_type == "s" and ws["D5"].quotePrefix
