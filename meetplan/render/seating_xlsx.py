"""座次表.xlsx: the rostrum and the hall as grids seen from the hall, and a name → seat lookup."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from meetplan.model.attendee import Attendance, Attendee
from meetplan.model.layout import Floor, SeatUse, row_numbers
from meetplan.model.plan import Assignment, Plan, Scenario
from meetplan.ordering import name_key
from meetplan.protocol.rostrum import rostrum_offsets, table_seats
from meetplan.render.sign_in_pdf import meeting_line
from meetplan.render.xlsx import CENTRE, HEADING_FONT, fit_row, print_setup, put, to_bytes

GREY = "808080"


def seat_text(person: Attendee) -> str:
    return person.name + ("（待定）" if person.attendance is Attendance.TENTATIVE else "")


def title_rows(ws: Worksheet, plan: Plan, heading: str, ncol: int) -> int:
    m = plan.settings.meeting
    put(
        ws,
        1,
        1,
        f"{m.title}　{heading}" if m.title else heading,
        bold=True,
        size=16,
        align=CENTRE,
        border=False,
        font=HEADING_FONT,
    )
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(ncol, 1))
    put(ws, 2, 1, meeting_line(m), align=CENTRE, border=False)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(ncol, 1))
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
    ws.column_dimensions["A"].width = 8
    for col in range(2, ncol + 1):
        ws.column_dimensions[get_column_letter(col)].width = 8.5
    print_setup(
        ws, landscape=True, fit_height=True, classification=plan.settings.meeting.classification
    )


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


def hall_sheet(ws: Worksheet, plan: Plan, scenario: Scenario) -> None:
    by_seat: dict[tuple[str, int, int], Assignment] = {
        (a.seat.floor, a.seat.row, a.seat.col): a for a in scenario.in_area("hall")
    }
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
                    if a:
                        put(ws, r, 2 + left + k, seat_text(a.person), size=9, align=CENTRE)
                    elif use is SeatUse.BLOCKED:
                        put(ws, r, 2 + left + k, "×", size=9, align=CENTRE, color=GREY)
                    else:  # an empty chair shows its number (and what it is kept for)
                        label = f"{numbers[col - 1]}号" + (
                            "" if use is SeatUse.GENERAL else use.label
                        )
                        put(ws, r, 2 + left + k, label, size=7, align=CENTRE, color=GREY)
            ws.row_dimensions[r].height = 24
            r += 1
        r += 1
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions[get_column_letter(width + 2)].width = 6
    for col in range(2, width + 2):
        ws.column_dimensions[get_column_letter(col)].width = 7
    ws.freeze_panes = ws.cell(row=first_grid_row, column=2)
    print_setup(
        ws,
        landscape=True,
        paper="A3",
        title_rows=f"{first_grid_row - 1}:{first_grid_row - 1}",
        classification=plan.settings.meeting.classification,
    )


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
    for row in range(header + 1, r + 1):
        fit_row(ws, row, widths)
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    ws.auto_filter.ref = f"A{header}:F{r}"
    print_setup(
        ws, title_rows=f"{header}:{header}", classification=plan.settings.meeting.classification
    )


def render_seating_xlsx(plan: Plan, scenario: Scenario | None = None) -> bytes:
    scenario = scenario or plan.base
    wb = Workbook()
    rostrum_sheet(wb.active, plan, scenario)
    wb.active.title = "主席台"
    hall_sheet(wb.create_sheet("会场"), plan, scenario)
    lookup_sheet(wb.create_sheet("座位查询"), plan, scenario)
    return to_bytes(wb)
