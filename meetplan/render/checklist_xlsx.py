"""会务检查清单.xlsx: the automatic checks on one sheet, the items to tick by hand on another.

The same content as the PDF (PROTOCOL.md §7), printing the same way: A4,
fit to width, the header rows on every page. Failed rows are filled, so they
show on screen and, as a light grey, in black-and-white printing.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from meetplan.model.checklist import Checklist, Outcome, Stage
from meetplan.render.checklist_pdf import (
    SIGNATURES,
    TITLE,
    UNTITLED,
    explanation,
    grouped,
    stage_items,
    summary,
)
from meetplan.render.sign_in_pdf import meeting_line
from meetplan.render.xlsx import (
    CENTRE,
    HEADING_FONT,
    LEFT,
    fit_row,
    heading_rows,
    new_workbook,
    print_setup,
    put,
    to_bytes,
)

RESULTS_SHEET = "自动检查"
ITEMS_SHEET = "人工核对"
RESULT_COLUMNS = ("序号", "检查内容", "结果", "说明", "需印份数")
RESULT_WIDTHS = (6, 32, 14, 46, 10)
ITEM_COLUMNS = ("阶段", "序号", "事项", "负责人", "时间", "完成")
ITEM_WIDTHS = (7, 6, 48, 14, 14, 7)
MARKS = {Outcome.PASSED: "✓ 通过", Outcome.FAILED: "✗ 不通过", Outcome.MANUAL: "？需人工核对"}
EMPTY_BOX = "□"
BLANK_ROWS = 2  # empty rows under each stage's items, for what the office adds by hand

FAILED_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's own "bad" fill: light grey on paper
MANUAL_FILL = PatternFill("solid", fgColor="FFEB9C")  # Excel's "neutral"
HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
FILLS = {Outcome.FAILED: FAILED_FILL, Outcome.MANUAL: MANUAL_FILL}


def _top(ws: Worksheet, checklist: Checklist, ncol: int, heading: str) -> int:
    """Title, time and place; returns the next free row."""
    meeting = checklist.meeting
    title = meeting.title or UNTITLED
    heading_rows(ws, f"{title}\n{TITLE}（{heading}）", meeting_line(meeting), ncol)
    ws.row_dimensions[1].height = 48
    return 3


def _header(ws: Worksheet, row: int, columns: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        put(ws, row, col, name, bold=True, align=CENTRE, font=HEADING_FONT).fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[row].height = 22


def _signatures(ws: Worksheet, row: int, ncol: int) -> None:
    put(ws, row, 1, SIGNATURES, border=False, size=12)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
    ws.row_dimensions[row].height = 36


def _results_sheet(wb: Workbook, checklist: Checklist) -> None:
    ws = wb.create_sheet(RESULTS_SHEET)
    ncol = len(RESULT_COLUMNS)
    row = _top(ws, checklist, ncol, RESULTS_SHEET)
    failed = bool(checklist.failed)
    cell = put(ws, row, 1, summary(checklist), bold=True, size=12, border=False, font=HEADING_FONT)
    if failed:
        cell.fill = FAILED_FILL
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
    ws.row_dimensions[row].height = 26
    row += 1
    _header(ws, row, RESULT_COLUMNS, RESULT_WIDTHS)
    header_row = row
    for group, members in grouped(checklist.results):
        for number, r in members:
            row += 1
            strong = r.outcome is Outcome.FAILED
            cells = [
                put(ws, row, 1, number, align=CENTRE, bold=strong),
                put(ws, row, 2, f"{group}：{r.item}", bold=strong),
                put(ws, row, 3, MARKS[r.outcome], bold=strong, align=CENTRE),
                put(ws, row, 4, "\n".join(explanation(r, with_copies=False)), bold=strong),
                put(ws, row, 5, r.copies, align=CENTRE),
            ]
            fill = FILLS.get(r.outcome)
            if fill is not None:
                for c in cells:
                    c.fill = fill
            fit_row(ws, row, {2: RESULT_WIDTHS[1], 4: RESULT_WIDTHS[3]}, minimum=20)
    _signatures(ws, row + 2, ncol)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    print_setup(ws, title_rows=f"1:{header_row}", classification=checklist.meeting.classification)


def _items_sheet(wb: Workbook, checklist: Checklist) -> None:
    ws = wb.create_sheet(ITEMS_SHEET)
    ncol = len(ITEM_COLUMNS)
    row = _top(ws, checklist, ncol, ITEMS_SHEET)
    _header(ws, row, ITEM_COLUMNS, ITEM_WIDTHS)
    header_row = row
    for stage in Stage:
        items = stage_items(checklist, stage)
        rows = [(str(n), i.text, i.owner, i.when) for n, i in enumerate(items, start=1)]
        rows += [("", "", "", "")] * BLANK_ROWS
        for number, text, owner, when in rows:
            row += 1
            put(ws, row, 1, stage.value, align=CENTRE, font=HEADING_FONT)
            put(ws, row, 2, int(number) if number else "", align=CENTRE)
            put(ws, row, 3, text, align=LEFT)
            put(ws, row, 4, owner, align=CENTRE)
            put(ws, row, 5, when, align=CENTRE)
            put(ws, row, 6, EMPTY_BOX, align=CENTRE, size=14)
            fit_row(ws, row, {3: ITEM_WIDTHS[2], 4: ITEM_WIDTHS[3], 5: ITEM_WIDTHS[4]}, minimum=26)
    _signatures(ws, row + 2, ncol)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    print_setup(ws, title_rows=f"1:{header_row}", classification=checklist.meeting.classification)


def render_checklist_xlsx(checklist: Checklist) -> bytes:
    wb = new_workbook()
    wb.remove(wb.active)
    _results_sheet(wb, checklist)
    _items_sheet(wb, checklist)
    return to_bytes(wb)
