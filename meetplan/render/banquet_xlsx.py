"""宴会座位表.xlsx: every person at the banquet and their table, for the hosts at the door.

Sheet 宴会座位表: name → table and seat, sorted by the name-order setting (姓氏笔画,
拼音 …, as the seating table's lookup sheet), so that a guest is found at once.
Sheet 各桌名单: table by table in number order, each in place order with its role.
Both print on A4 with their header rows repeated, like the other workbooks
(:mod:`meetplan.render.xlsx`: text cells, no formulas, the same bytes for the same
plan).
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from meetplan.banquet.seating import seat_words
from meetplan.model.attendee import Attendance
from meetplan.model.banquet import GUEST_SIDE, HOST_SIDE, BanquetPlan, BanquetSeat, BanquetTable
from meetplan.model.settings import MeetingInfo, NameOrder
from meetplan.ordering import name_key
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

LOOKUP = "宴会座位表"
TABLES = "各桌名单"
LOOKUP_COLUMNS = ("姓名", "单位", "职务", "桌号", "座位", "主客", "备注")
LOOKUP_WIDTHS = (12, 28, 22, 12, 18, 8, 12)
TABLE_COLUMNS = ("桌号", "位次", "姓名", "角色", "单位", "职务", "座位")
TABLE_WIDTHS = (12, 6, 12, 8, 28, 22, 18)
TENTATIVE = "待定"
SUMMARY = "{room}　共{tables}桌{people}人"


def remark(seat: BanquetSeat) -> str:
    return TENTATIVE if seat.person.attendance is Attendance.TENTATIVE else ""


def title_rows(
    ws: Worksheet, plan: BanquetPlan, meeting: MeetingInfo, heading: str, ncol: int
) -> int:
    summary = SUMMARY.format(room=plan.room.title, tables=len(plan.used), people=plan.diners)
    heading_rows(ws, f"{meeting.title}　{heading}" if meeting.title else heading, summary, ncol)
    return 4


def _header(ws: Worksheet, row: int, columns: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for c, (text, width) in enumerate(zip(columns, widths, strict=True), start=1):
        put(ws, row, c, text, bold=True, align=CENTRE, font=HEADING_FONT)
        ws.column_dimensions[get_column_letter(c)].width = width


def _finish(
    ws: Worksheet, header: int, last: int, widths: tuple[int, ...], meeting: MeetingInfo
) -> None:
    by_column = dict(enumerate(widths, start=1))
    for row in range(header + 1, last + 1):
        fit_row(ws, row, by_column)
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    ws.auto_filter.ref = f"A{header}:{get_column_letter(len(widths))}{max(last, header)}"
    print_setup(ws, title_rows=f"{header}:{header}", classification=meeting.classification)


def seats_by_name(plan: BanquetPlan, order: NameOrder) -> list[tuple[BanquetTable, BanquetSeat]]:
    """Every seat, sorted by the person's name under the name-order setting (the roster's
    order breaks ties: two people of one name stay two rows)."""
    seats = [(t, s) for t in plan.tables for s in t.seats]
    return sorted(seats, key=lambda ts: (name_key(ts[1].person.name, order), ts[1].person.id))


def lookup_sheet(ws: Worksheet, plan: BanquetPlan, meeting: MeetingInfo, order: NameOrder) -> None:
    r = title_rows(ws, plan, meeting, LOOKUP, len(LOOKUP_COLUMNS))
    _header(ws, r, LOOKUP_COLUMNS, LOOKUP_WIDTHS)
    header = r
    for table, seat in seats_by_name(plan, order):
        r += 1
        person = seat.person
        cells = (
            person.name,
            person.unit,
            person.title,
            plan.table_name(table.number),
            seat_words(table.chairs, seat.chair, table.table.shape),
            HOST_SIDE if seat.host_side else GUEST_SIDE,
            remark(seat),
        )
        for c, text in enumerate(cells, start=1):
            put(ws, r, c, text, align=CENTRE if c in (4, 6) else LEFT)
    _finish(ws, header, r, LOOKUP_WIDTHS, meeting)


def tables_sheet(ws: Worksheet, plan: BanquetPlan, meeting: MeetingInfo) -> None:
    r = title_rows(ws, plan, meeting, TABLES, len(TABLE_COLUMNS))
    _header(ws, r, TABLE_COLUMNS, TABLE_WIDTHS)
    header = r
    for table in plan.used:
        for seat in table.seats:
            r += 1
            person = seat.person
            cells: tuple[str | int, ...] = (
                plan.table_name(table.number),
                seat.place,
                person.name,
                seat.role.label,
                person.unit,
                person.title,
                seat_words(table.chairs, seat.chair, table.table.shape),
            )
            for c, value in enumerate(cells, start=1):
                put(ws, r, c, value, align=CENTRE if c in (1, 2, 4) else LEFT)
    _finish(ws, header, r, TABLE_WIDTHS, meeting)


def render_banquet_xlsx(plan: BanquetPlan, meeting: MeetingInfo, order: NameOrder) -> bytes:
    """宴会座位表.xlsx: the lookup by name, then the tables."""
    wb = new_workbook()
    lookup_sheet(wb.active, plan, meeting, order)
    wb.active.title = LOOKUP
    tables_sheet(wb.create_sheet(TABLES), plan, meeting)
    return to_bytes(wb)
