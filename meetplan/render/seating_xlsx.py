"""座次表.xlsx: the rostrum and the hall as grids seen from the hall, and a name → seat lookup.

Each sheet prints centred and fitted to the paper's width. The rostrum fills one
page. The hall takes its paper as the seating chart does (A4 landscape where the
names print comfortably, else A3, else A3 over several pages across), and tells
units apart as the chart does: a fill per unit (the chart's grey levels and
hatchings, as Excel pattern fills), a thick outline round each unit's block,
and a legend below the grid numbering the units as the chart's legend does."""

from __future__ import annotations

import math
from functools import cache

from openpyxl.styles import Border, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from meetplan.model.attendee import Attendance, Attendee
from meetplan.model.layout import Floor, SeatUse, row_numbers
from meetplan.model.plan import Assignment, Plan, Scenario
from meetplan.ordering import name_key
from meetplan.protocol.rostrum import rostrum_offsets, table_seats
from meetplan.render.chart_pdf import PEOPLE, Style, Unit, style_of, unit_list
from meetplan.render.sign_in_pdf import meeting_line
from meetplan.render.xlsx import (
    CENTRE,
    HEADING_FONT,
    THIN,
    column_points,
    fit_row,
    heading_rows,
    new_workbook,
    print_setup,
    printable,
    put,
    rows_of_height,
    to_bytes,
)

GREY = "808080"
LEGEND = "图例（单位编号与座次图一致）"


def seat_text(person: Attendee) -> str:
    return person.name + ("（待定）" if person.attendance is Attendance.TENTATIVE else "")


def title_rows(ws: Worksheet, plan: Plan, heading: str, ncol: int) -> int:
    m = plan.settings.meeting
    heading_rows(ws, f"{m.title}　{heading}" if m.title else heading, meeting_line(m), ncol)
    return 4


def rostrum_sheet(ws: Worksheet, plan: Plan, scenario: Scenario) -> None:
    """Back row on top, front row nearest the hall; each seat two cells wide so that a
    row can stand half a seat off: centred, or under 双数单摆 with No.1 on the axis."""
    rows = scenario.rostrum_rows()
    offsets = rostrum_offsets(rows, plan.settings.protocol)
    widest = round(table_seats([len(r) for r in rows], offsets)) or 1  # the table, in seats
    ncol = 1 + 2 * widest
    r = title_rows(ws, plan, "主席台座次", ncol)
    for index in range(len(rows), 0, -1):
        members = rows[index - 1]
        put(ws, r, 1, f"第{index}排", bold=True, align=CENTRE, font=HEADING_FONT)
        offset = widest - len(members) + round(2 * offsets[index - 1])  # in half seats
        for a in members:
            col = 2 + offset + 2 * (a.seat.col - 1)
            put(ws, r, col, seat_text(a.person), bold=True, size=14, align=CENTRE)
            put(ws, r, col + 1, None, align=CENTRE)
            ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + 1)
            put(ws, r + 1, col, a.person.title, size=9, align=CENTRE)
            put(ws, r + 1, col + 1, None, align=CENTRE)
            ws.merge_cells(start_row=r + 1, start_column=col, end_row=r + 1, end_column=col + 1)
        ws.row_dimensions[r].height = 30
        ws.row_dimensions[r + 1].height = 30
        r += 3
    put(ws, r, 2, "（台下 · 观众方向：左右以观众视角为准）", align=CENTRE, border=False)
    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=max(ncol, 2))
    landscape, seat = rostrum_paper(widest, r)
    ws.column_dimensions["A"].width = ROW_LABEL
    for col in range(2, ncol + 1):
        ws.column_dimensions[get_column_letter(col)].width = seat
    print_setup(
        ws,
        landscape=landscape,
        fit_height=True,
        centre_vertically=True,
        classification=plan.settings.meeting.classification,
    )


ROW_LABEL = 8.0
HALF_SEAT = (11.0, 16.0)  # Excel widths of half a rostrum seat: least (8 characters at 14 pt), most


def rostrum_paper(widest: int, last_row: int) -> tuple[bool, float]:
    """Landscape or portrait A4, whichever prints the rostrum larger, and the width of
    a half-seat column that fills the page across: fitting to a page only ever shrinks,
    so a small rostrum would print at 100 % in the middle of a blank sheet."""
    least, most = HALF_SEAT
    height = 30.0 * 2 * last_row / 3 + 60  # points, as the rows are set: roughly
    best: tuple[float, bool, float] | None = None
    for landscape in (True, False):
        room_w, room_h = printable("A4", landscape)
        natural = column_points(ROW_LABEL) + 2 * widest * column_points(least)
        scale = min(room_w / natural, room_h / height)
        seat = (room_w - column_points(ROW_LABEL)) / (2 * widest) / 0.75
        seat = min(most, max(least, (seat - 5) / 7))  # pixels back to Excel's width
        if best is None or scale > best[0] + 0.05:  # landscape unless portrait is clearly larger
            best = (scale, landscape, seat)
    assert best is not None
    return best[1], round(best[2], 1)


def floor_grid(floor: Floor) -> tuple[list[int], list[int], int]:
    """Start column (0-based) and width of each section, and the grid width; aisles one column wide."""
    widest = [0] * max(len(r.sections) for r in floor.rows)
    for row in floor.rows:
        for i, w in enumerate(row.sections):
            widest[i] = max(widest[i], w)
    starts, x = [], 0
    for w in widest:
        starts.append(x)
        x += w + 1
    return starts, widest, x - 1


# -- units told apart -------------------------------------------------------------------

PATTERNS = {("/",): "lightUp", ("\\",): "lightDown", (".",): "gray125", ("/", "\\"): "lightTrellis"}
HATCH_INK = "999999"  # light enough that a name stays readable over it


@cache
def unit_fill(style: Style) -> PatternFill:
    """The chart's style as an Excel fill: its grey level solid, its hatching as a pattern."""
    if style.grey is not None:
        level = f"{round(style.grey * 255):02X}" * 3
        return PatternFill(fill_type="solid", fgColor=level, bgColor=level)
    return PatternFill(fill_type=PATTERNS[style.hatch], fgColor=HATCH_INK, bgColor="FFFFFF")


THICK = Side(style="medium", color="000000")


@cache
def outline(left: bool, right: bool, top: bool, bottom: bool) -> Border:
    """A seat's border: thick on the sides where another unit (or no unit) begins."""
    return Border(
        left=THICK if left else THIN,
        right=THICK if right else THIN,
        top=THICK if top else THIN,
        bottom=THICK if bottom else THIN,
    )


def outline_units(ws: Worksheet, units: dict[tuple[int, int], int]) -> None:
    """A thick line round each unit's block, as on the chart: between two seats of
    different units, and between a unit's seat and an aisle, an empty seat or the edge."""
    for (r, c), u in units.items():
        if not u:
            continue

        def other(rr: int, cc: int, u: int = u) -> bool:
            return units.get((rr, cc), 0) != u

        ws.cell(row=r, column=c).border = outline(
            other(r, c - 1), other(r, c + 1), other(r - 1, c), other(r + 1, c)
        )


LEGEND_SPAN = (1, 5, 1)  # grid columns of an entry: unit number, unit name, people
LEGEND_GAP = 1


def legend(ws: Worksheet, units: list[Unit], top: int, first_col: int, width: int) -> int:
    """The units below the grid, in columns down then across, each with its fill, its
    number, its name and its people; returns the row after the legend."""
    if not units:
        return top
    put(ws, top, first_col, LEGEND, bold=True, border=False, font=HEADING_FONT)
    ws.merge_cells(start_row=top, start_column=first_col, end_row=top, end_column=first_col + 5)
    span = sum(LEGEND_SPAN) + LEGEND_GAP
    columns = max(1, min(len(units), (width + LEGEND_GAP) // span))
    lines = -(-len(units) // columns)
    number_w, name_w, people_w = LEGEND_SPAN
    for i, u in enumerate(units):
        r = top + 1 + i % lines
        c = first_col + (i // lines) * span
        cell = put(ws, r, c, u.number, bold=True, align=CENTRE)
        cell.fill = unit_fill(style_of(u.number))
        put(ws, r, c + number_w, u.label, size=10)
        for k in range(1, name_w):
            put(ws, r, c + number_w + k, None)
        ws.merge_cells(
            start_row=r, start_column=c + number_w, end_row=r, end_column=c + number_w + name_w - 1
        )
        put(ws, r, c + number_w + name_w, PEOPLE.format(n=u.people), size=10, align=CENTRE)
        for k in range(1, people_w):
            put(ws, r, c + number_w + name_w + k, None)
        ws.row_dimensions[r].height = 20
    return top + 1 + lines


# -- the hall's paper ----------------------------------------------------------------------

SEAT_WIDTH = 7.0  # Excel width of a seat column
ROW_NUMBER_WIDTH = 6.0
SEAT_FONT = 9.0
COMFORTABLE_PT = 7.0  # printed name size that reads easily: below it, A3
LEAST_PT = 5.5  # below this on A3 the hall prints across several A3 pages


def hall_paper(columns: int) -> tuple[str, int]:
    """A4 landscape when the names print at COMFORTABLE_PT or more fitted to its width,
    else A3 landscape when at LEAST_PT, else A3 as many pages across as keep the names
    at COMFORTABLE_PT: the seating chart's choice (A4, A3, then split), in sheet terms."""
    natural = 2 * column_points(ROW_NUMBER_WIDTH) + columns * column_points(SEAT_WIDTH)
    for paper, least in (("A4", COMFORTABLE_PT), ("A3", LEAST_PT)):
        if SEAT_FONT * min(1.0, printable(paper, True)[0] / natural) >= least:
            return paper, 1
    across = natural * COMFORTABLE_PT / SEAT_FONT / printable("A3", True)[0]
    return "A3", math.ceil(across)


def hall_sheet(ws: Worksheet, plan: Plan, scenario: Scenario) -> None:
    by_seat: dict[tuple[str, int, int], Assignment] = {
        (a.seat.floor, a.seat.row, a.seat.col): a for a in scenario.in_area("hall")
    }
    units = unit_list(scenario)
    number_of = {u.name: u.number for u in units}
    unit_at: dict[tuple[int, int], int] = {}  # sheet (row, column) of a seat -> its unit, 0 none
    width = max(floor_grid(f)[2] for f in plan.layout.floors)
    r = title_rows(ws, plan, "会场座次", width + 1)
    put(ws, r, 2, "主席台方向", bold=True, align=CENTRE, border=False)
    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=width + 1)
    r += 1
    first_grid_row = r
    for floor in plan.layout.floors:
        starts, widest, _ = floor_grid(floor)
        if floor.name:
            put(ws, r, 1, floor.name, bold=True, border=False, font=HEADING_FONT)
            r += 1
        for row in floor.rows:
            put(ws, r, 1, f"{row.number}排", bold=True, align=CENTRE)
            put(ws, r, width + 2, f"{row.number}排", bold=True, align=CENTRE)
            numbers = row_numbers(floor, row)
            col = 0
            for s, w in enumerate(row.sections):
                left = starts[s] + (widest[s] - w) // 2
                for k in range(w):
                    col += 1
                    a = by_seat.get((floor.name, row.number, col))
                    use = row.use_of(col)
                    at = (r, 2 + left + k)
                    if a:
                        cell = put(ws, *at, seat_text(a.person), size=SEAT_FONT, align=CENTRE)
                        unit_at[at] = number_of.get(a.person.unit, 0)
                        if unit_at[at]:
                            cell.fill = unit_fill(style_of(unit_at[at]))
                    elif use is SeatUse.BLOCKED:
                        put(ws, *at, "×", size=SEAT_FONT, align=CENTRE, color=GREY)
                    else:  # an empty chair shows its number (and what it is kept for)
                        label = f"{numbers[col - 1]}号" + (
                            "" if use is SeatUse.GENERAL else use.label
                        )
                        put(ws, *at, label, size=7, align=CENTRE, color=GREY)
            ws.row_dimensions[r].height = 24
            r += 1
        r += 1
    outline_units(ws, unit_at)
    legend(ws, units, r, 2, width)
    ws.column_dimensions["A"].width = ROW_NUMBER_WIDTH
    ws.column_dimensions[get_column_letter(width + 2)].width = ROW_NUMBER_WIDTH
    for col in range(2, width + 2):
        ws.column_dimensions[get_column_letter(col)].width = SEAT_WIDTH
    ws.freeze_panes = ws.cell(row=first_grid_row, column=2)
    paper, across = hall_paper(width)
    print_setup(
        ws,
        landscape=True,
        paper=paper,
        title_rows=f"1:{first_grid_row - 1}",
        pages_wide=across,
        classification=plan.settings.meeting.classification,
    )
    if across > 1:
        ws.print_title_cols = "A:A"  # the row numbers on every page across


LOOKUP_ROW = 15.0  # the lookup sheet's row height (a row with wrapped text is taller)


def lookup_sheet(ws: Worksheet, plan: Plan, scenario: Scenario) -> None:
    """Every roster person and their seat, sorted by the name-order setting, for the desk."""
    order = plan.settings.protocol.name_order
    columns = ("姓名", "单位", "职务", "座区", "座位", "备注")
    r = title_rows(ws, plan, "座位查询表", len(columns))
    for c, h in enumerate(columns, start=1):
        put(ws, r, c, h, bold=True, align=CENTRE, font=HEADING_FONT)
    header = r
    seats = {a.person.id: a.seat for a in scenario.assignments}
    reasons = {u.person.id: u.reason.label for u in scenario.unseated}
    for p in sorted(plan.roster.attendees, key=lambda p: (name_key(p.name, order), p.id)):
        r += 1
        seat = seats.get(p.id)
        put(ws, r, 1, p.name)
        put(ws, r, 2, p.unit)
        put(ws, r, 3, p.title)
        put(ws, r, 4, p.area.label)
        put(ws, r, 5, seat.label if seat else "无座位")
        put(ws, r, 6, reasons.get(p.id, "待定" if p.attendance is Attendance.TENTATIVE else ""))
    widths = dict(enumerate((12, 28, 22, 10, 20, 22), start=1))
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    rows_of_height(ws, LOOKUP_ROW)
    for row in range(header + 1, r + 1):
        fit_row(ws, row, widths, minimum=LOOKUP_ROW, default=LOOKUP_ROW)
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    ws.auto_filter.ref = f"A{header}:F{r}"
    print_setup(
        ws, title_rows=f"{header}:{header}", classification=plan.settings.meeting.classification
    )


def render_seating_xlsx(plan: Plan, scenario: Scenario | None = None) -> bytes:
    scenario = scenario or plan.base
    wb = new_workbook()
    rostrum_sheet(wb.active, plan, scenario)
    wb.active.title = "主席台"
    hall_sheet(wb.create_sheet("会场"), plan, scenario)
    lookup_sheet(wb.create_sheet("座位查询"), plan, scenario)
    return to_bytes(wb)
