"""签到统计.xlsx: the same counts and lists as 签到统计.pdf, for the office to sort and paste.

Sheets: 统计 (the host's sentence, the totals by area, the counts per unit),
未到人员, 请假人员 and 代会人员. A4, fit to width, header rows on every page.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from meetplan.checkin.counts import Count, Counts
from meetplan.model.plan import Plan
from meetplan.render.checkin_report_pdf import (
    AT,
    COUNT_COLUMNS,
    PEOPLE_COLUMNS,
    SENTENCE_LABEL,
    TITLE,
    TOTAL,
    UNTITLED,
    PersonRow,
    content,
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

REPORT_XLSX = "签到统计.xlsx"
COUNTS_SHEET = "统计"
MISSING_SHEET = "未到人员"
LEAVE_SHEET = "请假人员"
SUBSTITUTES_SHEET = "代会人员"
COUNT_WIDTHS = (30, 10, 10, 10, 10)
PEOPLE_WIDTHS = (6, 12, 26, 18, 22, 18)
HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


def _top(ws: Worksheet, plan: Plan, at: str, heading: str, ncol: int) -> int:
    meeting = plan.settings.meeting
    line = "　　".join(x for x in (meeting_line(meeting), AT.format(at=at)) if x)
    heading_rows(ws, f"{meeting.title or UNTITLED}\n{TITLE}（{heading}）", line, ncol)
    ws.row_dimensions[1].height = 48
    return 3


def _header(ws: Worksheet, row: int, columns: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        put(ws, row, col, name, bold=True, align=CENTRE, font=HEADING_FONT).fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width


def _count_rows(
    ws: Worksheet, row: int, first: str, rows: tuple[tuple[str, Count], ...], total: Count | None
) -> int:
    _header(ws, row, (first, *COUNT_COLUMNS[1:]), COUNT_WIDTHS)
    lines = list(rows)
    if total is not None:
        counted = [i for i, (label, _c) in enumerate(rows) if not label.endswith("（另计）")]
        lines.insert(max(counted) + 1 if counted else 0, (TOTAL, total))
    for label, c in lines:
        row += 1
        strong = label == TOTAL and total is not None
        cells = [put(ws, row, 1, label, bold=strong)]
        for col, n in enumerate((c.expected, c.arrived, c.leave, c.missing), start=2):
            cells.append(put(ws, row, col, n, bold=strong, align=CENTRE))
        if strong:
            for cell in cells:
                cell.fill = TOTAL_FILL
        fit_row(ws, row, {1: COUNT_WIDTHS[0]}, minimum=20)
    return row


def _counts_sheet(wb: Workbook, plan: Plan, counts: Counts, at: str, damaged: int) -> None:
    report = content(plan, counts, damaged)
    ws = wb.create_sheet(COUNTS_SHEET)
    ncol = len(COUNT_COLUMNS)
    row = _top(ws, plan, at, COUNTS_SHEET, ncol)
    put(ws, row, 1, SENTENCE_LABEL, border=False)
    row += 1
    put(ws, row, 1, report.sentence, bold=True, size=14, border=False, font=HEADING_FONT)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
    ws.row_dimensions[row].height = 28
    row = _count_rows(ws, row + 2, "座区", report.areas, report.total)
    row = _count_rows(ws, row + 2, "单位", report.units, None)
    for line in report.notes:
        row += 2
        put(ws, row, 1, line, border=False)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
    print_setup(ws, classification=plan.settings.meeting.classification)


def _people_sheet(
    wb: Workbook, plan: Plan, at: str, name: str, rows: tuple[PersonRow, ...]
) -> None:
    ws = wb.create_sheet(name)
    ncol = len(PEOPLE_COLUMNS)
    row = _top(ws, plan, at, f"{name} {len(rows)}人", ncol)
    _header(ws, row, PEOPLE_COLUMNS, PEOPLE_WIDTHS)
    header_row = row
    for number, r in enumerate(rows, start=1):
        row += 1
        put(ws, row, 1, number, align=CENTRE)
        for col, value in enumerate((r.name, r.unit, r.title, r.seat, r.remark), start=2):
            put(ws, row, col, value, align=CENTRE if col == 2 else LEFT)
        fit_row(ws, row, {c + 1: w for c, w in enumerate(PEOPLE_WIDTHS)}, minimum=20)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    print_setup(
        ws, title_rows=f"1:{header_row}", classification=plan.settings.meeting.classification
    )


def render_checkin_xlsx(plan: Plan, counts: Counts, at: str, damaged: int = 0) -> bytes:
    report = content(plan, counts, damaged)
    wb = new_workbook()
    wb.remove(wb.active)
    _counts_sheet(wb, plan, counts, at, damaged)
    _people_sheet(wb, plan, at, MISSING_SHEET, report.missing)
    _people_sheet(wb, plan, at, LEAVE_SHEET, report.leave)
    _people_sheet(wb, plan, at, SUBSTITUTES_SHEET, report.substitutes)
    return to_bytes(wb)
