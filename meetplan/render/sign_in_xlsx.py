"""签到表.xlsx: the same sheets as the PDF, printing the same way: A4, the header rows on
every page, and each section (主席台, 会场, 列席, 工作人员; or each unit, with ``[print]
sign_in = "by-unit"``) a worksheet numbered on its own, 第 1 页 共 N 页, as the PDF numbers it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from meetplan.model.settings import MeetingInfo
from meetplan.render.lists import SignInSheet
from meetplan.render.sign_in_pdf import COLUMNS, UNIT_LINE, meeting_line
from meetplan.render.xlsx import (
    CENTRE,
    HEADING_FONT,
    fit_row,
    heading_rows,
    new_workbook,
    paginate_sheet,
    print_setup,
    put,
    rows_of_height,
    to_bytes,
)

WIDTHS = (6, 14, 24, 26, 14, 18)
INFO_HEIGHT, HEADER_HEIGHT = 20.0, 22.0  # rows 2 and 3; explicit, so the pages can be counted
ROW_HEIGHT = 28.0  # a row to sign in: the sheet's own row height
TITLE_LENGTH = 31  # Excel's longest worksheet name
NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a worksheet name


def sheet_titles(sheets: Sequence[SignInSheet]) -> list[str]:
    """A worksheet name per sheet: the area (主席台 …) or the unit, as Excel allows
    (31 characters, none of []:*?/\\), each once (县委办公室, 县委办公室(2) …)."""
    titles: list[str] = []
    for sheet in sheets:
        base = NOT_IN_TITLE.sub("_", sheet.unit or sheet.area.label).strip("'") or "_"
        title, n = base[:TITLE_LENGTH], 1
        while title.casefold() in {t.casefold() for t in titles}:
            n += 1
            suffix = f"({n})"
            title = base[: TITLE_LENGTH - len(suffix)] + suffix
        titles.append(title)
    return titles


def render_sign_in_xlsx(sheets: Sequence[SignInSheet], meeting: MeetingInfo) -> bytes:
    wb = new_workbook()
    wb.remove(wb.active)
    for sheet, name in zip(sheets, sheet_titles(sheets), strict=True):
        ws = wb.create_sheet(name)
        ncol = len(COLUMNS)
        heading = "\n".join(
            x
            for x in (meeting.title, sheet.heading, UNIT_LINE + sheet.unit if sheet.unit else "")
            if x
        )
        heading_rows(ws, heading, meeting_line(meeting), ncol)
        for col, header in enumerate(COLUMNS, start=1):
            put(ws, 3, col, header, bold=True, align=CENTRE, font=HEADING_FONT)
        rows_of_height(ws, ROW_HEIGHT)  # room to sign; a row with wrapped text is taller
        heights = []
        for i, r in enumerate(sheet.rows, start=4):
            put(ws, i, 1, r.number, align=CENTRE)
            put(ws, i, 2, r.name, strike=r.struck)
            put(ws, i, 3, r.unit, strike=r.struck)
            put(ws, i, 4, r.title, strike=r.struck)
            put(ws, i, 5, "")
            put(ws, i, 6, r.remark)
            heights.append(
                fit_row(
                    ws,
                    i,
                    {3: WIDTHS[2], 4: WIDTHS[3], 6: WIDTHS[5]},
                    minimum=ROW_HEIGHT,
                    default=ROW_HEIGHT,
                )
            )
        lines = heading.count("\n") + 1
        ws.row_dimensions[1].height = 24.0 * lines if lines > 1 else 30.0
        ws.row_dimensions[2].height = INFO_HEIGHT
        ws.row_dimensions[3].height = HEADER_HEIGHT
        for col, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[chr(64 + col)].width = width
        ws.freeze_panes = "A4"
        print_setup(ws, title_rows="1:3", classification=meeting.classification)
        paginate_sheet(
            ws,
            WIDTHS,
            heights,
            sum(ws.row_dimensions[i].height for i in (1, 2, 3)),
            4,
        )
    return to_bytes(wb)
