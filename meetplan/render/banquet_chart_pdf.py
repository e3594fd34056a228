"""宴会桌次图.pdf: the banquet room with its door, its numbered tables and a name at every chair.

Page 1 is the room as its file draws it (x to the right, y up the sheet), scaled to
A4 landscape (A3 when the names would be smaller than :data:`LEAST_SIZE` on A4):
the walls, the door with 入口, every table with its number (the main table by its
label, 主桌), one chair per person round each table set, and beside each chair
the name of who sits there. Names are written upright, in Chinese reading order:
across beside the chairs on the left and right of a table, down beside the chairs
at its top and bottom, so that every name reads the right way up however the
sheet is turned no further than a quarter. Chairs show the side: the 主陪's
black, the host side's grey, the guests' white; the legend says so, and how the
tables and places are ranked.

The pages after it list each table's people in place order (1 the 主陪 …), with
their roles: the whole names, for the master of ceremonies and for checking.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from meetplan.banquet.geometry import chair_points, door_point, inward, main_right
from meetplan.model.banquet import (
    ROLE_LABELS,
    BanquetPlan,
    BanquetSeat,
    BanquetTable,
    Role,
    SecondGuest,
    Shape,
    Wall,
)
from meetplan.model.settings import MeetingInfo
from meetplan.render.fitting import (
    Clipped,
    condensed,
    cut_to_width,
    metadata,
    printed_classification,
    printed_title,
)
from meetplan.render.official import DATE_TEXT, official_date

CHART = "宴会桌次图"
LIST = "各桌名单"
DOOR = "入口"
UNUSED = "未用"
PEOPLE = "{n}人"
TABLES = "共{tables}桌{people}人"
ROOM = "地点："
DATE = "日期："
CONTINUED = "（续）"
PAGE_FOOTER = "第 {page} 页 共 {pages} 页"
LEGEND_HOST = "主陪（面向入口）"
LEGEND_HOST_SIDE = "主方"
LEGEND_GUEST_SIDE = "客方"
RULE_TABLES = "桌次：面门为上、以远为上、居中为上、以右为上（右：以主桌面向入口为准），主桌为1号桌"
RULE_PLACES = {
    SecondGuest.HOST_LEFT: (
        "座次：主陪面向入口，副主陪相对；主宾在主陪右手，第二宾在主陪左手，"
        "第三、四宾在副主陪右、左手；主方、客方相间而坐"
    ),
    SecondGuest.SECOND_HOST_RIGHT: (
        "座次：主陪面向入口，副主陪相对；主宾在主陪右手，第二宾在副主陪右手，"
        "第三、四宾在主陪、副主陪左手；主方、客方相间而坐"
    ),
}
PLACE = "第{place}位"
FIXED_TEXT = (
    CHART
    + LIST
    + DOOR
    + UNUSED
    + PEOPLE
    + TABLES
    + ROOM
    + DATE
    + DATE_TEXT
    + CONTINUED
    + PAGE_FOOTER
    + LEGEND_HOST
    + LEGEND_HOST_SIDE
    + LEGEND_GUEST_SIDE
    + RULE_TABLES
    + "".join(RULE_PLACES.values())
    + PLACE
    + "".join(ROLE_LABELS.values())
    + "0123456789 　（）：、，·号桌…"
)

MARGIN = 10 * mm
TOP = 13 * mm  # the classification mark above the title
TITLE_BLOCK = 16 * mm
LEGEND_BLOCK = 16 * mm
PAD = 12 * mm  # round the room: names of chairs near a wall reach beyond it
LEAST_SIZE = 5.0  # names smaller than this on A4: the chart goes to A3
MOST_SIZE = 11.0
NAME_EMS = 3.4  # the room a name has, in ems along its line: three characters and a bit
NAME_LEAST = 0.5  # names condensed down to this, then cut with "…"
CHAIR_R = 1.5 * mm
CHAIR_GAP = 1.2 * mm  # between the table's edge and a chair
NAME_GAP = 0.8 * mm  # between a chair and its name
LINE = colors.Color(0.25, 0.25, 0.25)
FAINT = colors.Color(0.6, 0.6, 0.6)
HOST_GREY = colors.Color(0.62, 0.62, 0.62)
TABLE_FILL = colors.Color(0.94, 0.94, 0.94)


def chart_text(plan: BanquetPlan, meeting: MeetingInfo) -> str:
    """Every character 宴会桌次图.pdf draws, for ``FontBook.register`` (body and heading)."""
    parts = [FIXED_TEXT, printed_title(meeting), meeting.classification, plan.room.title]
    parts += [plan.table_name(t.number) for t in plan.tables]
    for table in plan.tables:
        for seat in table.seats:
            parts += [seat.person.name, seat.person.title]
    return "".join(dict.fromkeys("".join(parts)))


@dataclass(frozen=True)
class Frame:
    """Room metres to page points."""

    x0: float
    y0: float
    scale: float  # points per metre

    def at(self, x: float, y: float) -> tuple[float, float]:
        return self.x0 + x * self.scale, self.y0 + y * self.scale


def table_radius(plan: BanquetPlan, table: BanquetTable, scale: float) -> float:
    """The table's half size on the page (round: its radius; long: half its width)."""
    along, toward = table.table.half_extents
    return (along if table.table.shape is Shape.ROUND else toward) * scale


def name_size(plan: BanquetPlan, scale: float) -> float:
    """The one size of every name on the chart: as large as the chairs round each table
    and the space between tables allow, at most :data:`MOST_SIZE`."""
    size = MOST_SIZE
    ring: dict[int, float] = {}
    for table in plan.tables:
        ring[table.number] = table_radius(plan, table, scale)
        if table.used:  # the chairs, and where the names begin
            ring[table.number] += CHAIR_GAP + 2 * CHAIR_R + NAME_GAP
        if table.chairs >= 2:
            if table.table.shape is Shape.ROUND:
                pitch = 2 * math.pi * (ring[table.number] - NAME_GAP - CHAIR_R) / table.chairs
            else:
                pitch = table.table.length * scale / max((table.chairs + 1) // 2, 1)
            size = min(size, pitch / 1.2)
    tables = list(plan.tables)
    for i, a in enumerate(tables):
        for b in tables[i + 1 :]:
            gap = math.hypot(a.table.x - b.table.x, a.table.y - b.table.y) * scale
            # each table's names reach ring + NAME_EMS ems; the two must not meet
            room = gap * 0.97 - ring[a.number] - ring[b.number]
            if a.used and b.used:
                size = min(size, room / (2 * NAME_EMS))
            elif a.used or b.used:
                size = min(size, room / NAME_EMS)
    return size


def paper_and_frame(plan: BanquetPlan) -> tuple[tuple[float, float], Frame, float]:
    room = plan.room
    for paper in (landscape(A4), landscape(A3)):
        w, h = paper
        width = w - 2 * MARGIN - 2 * PAD
        height = h - TOP - TITLE_BLOCK - LEGEND_BLOCK - MARGIN - 2 * PAD
        scale = min(width / room.width, height / room.depth)
        x0 = (w - room.width * scale) / 2
        y0 = MARGIN + LEGEND_BLOCK + PAD + (height - room.depth * scale) / 2
        size = name_size(plan, scale)
        if size >= LEAST_SIZE:
            break
    return paper, Frame(x0, y0, scale), max(size, LEAST_SIZE * 0.8)


def _fill_of(seat: BanquetSeat) -> colors.Color:
    if seat.role is Role.HOST:
        return colors.black
    return HOST_GREY if seat.host_side else colors.white


def fitted_name(name: str, font: str, size: float) -> tuple[str, float]:
    """(name, scale) along its line in at most NAME_EMS ems."""
    return condensed(name, font, size, NAME_EMS * size, NAME_LEAST)


def draw_name(
    c: Canvas, name: str, font: str, size: float, x: float, y: float, angle: float
) -> None:
    """A name beside its chair, upright: across when the chair is on the table's left or
    right, down the page when it is at the top or bottom; starting at (x, y) and
    running away from the table."""
    cos, sin = math.cos(angle), math.sin(angle)
    c.setFont(font, size)
    if abs(cos) >= abs(sin) * 0.9:  # across
        text, scale = fitted_name(name, font, size)
        width = stringWidth(text, font, size) * scale
        left = x if cos >= 0 else x - width
        c.saveState()
        c.translate(left, y - size * 0.36)
        c.scale(scale, 1.0)
        c.drawString(0, 0, text)
        c.restoreState()
        return
    text, scale = fitted_name(name, font, size)
    step = size * scale
    count = len(text)
    for i, ch in enumerate(text):  # top to bottom, the reading order
        base = y + (count - 1 - i) * step if sin > 0 else y - (i + 1) * step
        c.saveState()
        c.translate(x, base + step * 0.12)
        c.scale(1.0, scale)
        c.drawCentredString(0, 0, ch)
        c.restoreState()


def draw_room(c: Canvas, plan: BanquetPlan, frame: Frame, body: str, heading: str) -> None:
    room = plan.room
    left, bottom = frame.at(0, 0)
    right, top = frame.at(room.width, room.depth)
    dx, dy = door_point(room)
    half = room.door.width / 2
    nx, ny = inward(room)
    along = (abs(ny), abs(nx))  # the door's wall runs this way
    a = frame.at(dx - along[0] * half, dy - along[1] * half)
    b = frame.at(dx + along[0] * half, dy + along[1] * half)
    c.setStrokeColor(LINE)
    c.setLineWidth(2.0)
    corners = [(left, bottom), (right, bottom), (right, top), (left, top)]
    walls = {
        Wall.BOTTOM: (corners[0], corners[1]),
        Wall.RIGHT: (corners[1], corners[2]),
        Wall.TOP: (corners[2], corners[3]),
        Wall.LEFT: (corners[3], corners[0]),
    }
    for wall, (p, q) in walls.items():
        if wall is not room.door.wall:
            c.line(*p, *q)
            continue
        # the door's wall, with its opening
        first, second = sorted([a, b], key=lambda pt: (pt[0] - p[0]) ** 2 + (pt[1] - p[1]) ** 2)
        c.line(*p, *first)
        c.line(*second, *q)
    c.setLineWidth(0.8)
    c.line(*a, *(a[0] + nx * 3 * mm, a[1] + ny * 3 * mm))  # door jambs
    c.line(*b, *(b[0] + nx * 3 * mm, b[1] + ny * 3 * mm))
    mx, my = frame.at(dx, dy)
    # an arrow into the room, and 入口 outside the wall
    c.setFillColor(LINE)
    tip = (mx + nx * 6 * mm, my + ny * 6 * mm)
    base = (mx + nx * 1.5 * mm, my + ny * 1.5 * mm)
    c.line(*base, *tip)
    px, py = -ny, nx
    path = c.beginPath()
    path.moveTo(*tip)
    path.lineTo(tip[0] - nx * 2 * mm + px * 1.2 * mm, tip[1] - ny * 2 * mm + py * 1.2 * mm)
    path.lineTo(tip[0] - nx * 2 * mm - px * 1.2 * mm, tip[1] - ny * 2 * mm - py * 1.2 * mm)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.setFont(heading, 10)
    width = stringWidth(DOOR, heading, 10)
    lx, ly = mx - nx * 6 * mm, my - ny * 6 * mm
    c.drawString(lx - width / 2, ly - 3.5, DOOR)
    c.setFillColor(colors.black)


def draw_table(
    c: Canvas,
    plan: BanquetPlan,
    table: BanquetTable,
    frame: Frame,
    size: float,
    body: str,
    heading: str,
) -> None:
    spec = table.table
    cx, cy = frame.at(spec.x, spec.y)
    c.setStrokeColor(LINE if table.used else FAINT)
    c.setFillColor(TABLE_FILL)
    c.setLineWidth(1.2 if spec.main else 0.8)
    if not table.used:
        c.setDash(2, 2)
    if spec.shape is Shape.ROUND:
        r = spec.diameter / 2 * frame.scale
        c.circle(cx, cy, r, stroke=1, fill=1)
        room_w = 1.7 * r
    else:
        along, toward = spec.half_extents
        rx, ry = main_right(plan.room)
        hx = abs(rx) * along + abs(ry) * toward
        hy = abs(ry) * along + abs(rx) * toward
        c.rect(
            cx - hx * frame.scale,
            cy - hy * frame.scale,
            2 * hx * frame.scale,
            2 * hy * frame.scale,
            stroke=1,
            fill=1,
        )
        room_w = 2 * hx * frame.scale * 0.9
    c.setDash()
    label = plan.table_name(table.number)
    if not table.used:
        label += f"（{UNUSED}）"
    c.setFillColor(colors.black if table.used else FAINT)
    label_size = min(12.0, max(size * 1.2, 6.0))
    text, scale = condensed(label, heading, label_size, room_w, NAME_LEAST)
    width = stringWidth(text, heading, label_size) * scale
    c.saveState()
    c.translate(cx - width / 2, cy - label_size * 0.36)
    c.scale(scale, 1.0)
    c.setFont(heading, label_size)
    c.drawString(0, 0, text)
    c.restoreState()
    c.setFillColor(colors.black)
    if not table.used:
        return
    points = chair_points(plan.room, spec, table.chairs)
    by_chair = {seat.chair: seat for seat in table.seats}
    for chair, (x, y, angle) in enumerate(points):
        seat = by_chair[chair]
        edge = (
            spec.diameter / 2 if spec.shape is Shape.ROUND else spec.half_extents[1]
        ) * frame.scale
        if spec.shape is Shape.ROUND:
            dist = edge + CHAIR_GAP + CHAIR_R
            px, py = cx + dist * math.cos(angle), cy + dist * math.sin(angle)
        else:
            px, py = frame.at(x, y)
            nx, ny = math.cos(angle), math.sin(angle)
            # on the page the chair sits just off the table's long side
            off = (edge + CHAIR_GAP + CHAIR_R) - ((px - cx) * nx + (py - cy) * ny)
            px, py = px + nx * off, py + ny * off
        c.setStrokeColor(LINE)
        c.setLineWidth(0.5)
        c.setFillColor(_fill_of(seat))
        c.circle(px, py, CHAIR_R, stroke=1, fill=1)
        c.setFillColor(colors.black)
        reach = CHAIR_R + NAME_GAP
        draw_name(
            c,
            seat.person.name,
            body,
            size,
            px + reach * math.cos(angle),
            py + reach * math.sin(angle),
            angle,
        )


def draw_legend(c: Canvas, plan: BanquetPlan, paper: tuple[float, float], body: str) -> None:
    w, _h = paper
    y = MARGIN + LEGEND_BLOCK - 5 * mm
    x = MARGIN
    size = 8.0
    c.setFont(body, size)
    for fill, words in (
        (colors.black, LEGEND_HOST),
        (HOST_GREY, LEGEND_HOST_SIDE),
        (colors.white, LEGEND_GUEST_SIDE),
    ):
        c.setFillColor(fill)
        c.setStrokeColor(LINE)
        c.circle(x + CHAIR_R, y + size * 0.3, CHAIR_R, stroke=1, fill=1)
        c.setFillColor(colors.black)
        c.drawString(x + 2 * CHAIR_R + 1.5 * mm, y, words)
        x += 2 * CHAIR_R + 4 * mm + stringWidth(words, body, size)
    room = w - x - MARGIN
    c.drawString(x, y, cut_to_width(RULE_TABLES, body, size, room))
    rule = RULE_PLACES[plan.settings.second_guest]
    c.drawString(MARGIN, y - size * 1.6, cut_to_width(rule, body, size, w - 2 * MARGIN))


def draw_head(
    c: Canvas,
    plan: BanquetPlan,
    meeting: MeetingInfo,
    paper: tuple[float, float],
    body: str,
    heading: str,
    subtitle: str = "",
) -> float:
    w, h = paper
    title = printed_title(meeting) + CHART + subtitle
    size = 17.0
    text = cut_to_width(title, heading, size, w - 2 * MARGIN - 60 * mm)
    c.setFont(heading, size)
    c.drawCentredString(w / 2, h - TOP - 6 * mm, text)
    info = ROOM + plan.room.title + "　" + TABLES.format(tables=len(plan.used), people=plan.diners)
    if meeting.date:  # the meeting's day: a banquet plan of another day is not mistaken
        info = DATE + official_date(meeting.date) + "　" + info
    c.setFont(body, 9.5)
    c.drawCentredString(w / 2, h - TOP - 12 * mm, cut_to_width(info, body, 9.5, w * 0.7))
    mark = printed_classification(meeting)
    if mark:
        c.setFont(heading, 12)
        c.drawString(MARGIN + 5 * mm, h - 11 * mm, cut_to_width(mark, heading, 12, 120 * mm))
    return h - TOP - TITLE_BLOCK


def list_lines(plan: BanquetPlan) -> list[tuple[str, list[str]]]:
    """Each table's heading and its people in place order: 1 张建国（主陪）."""
    out = []
    for table in plan.used:
        heading = f"{plan.table_name(table.number)}　{PEOPLE.format(n=table.chairs)}"
        if plan.table_name(table.number) != f"{table.number}号桌":
            heading = f"{plan.table_name(table.number)}（{table.number}号桌）　{PEOPLE.format(n=table.chairs)}"
        people = [f"{seat.place} {seat.person.name}（{seat.role.label}）" for seat in table.seats]
        out.append((heading, people))
    return out


LIST_SIZE = 10.0
LIST_COLUMNS = 4
LIST_LINE = LIST_SIZE * 1.55


def list_pages(plan: BanquetPlan, paper: tuple[float, float]) -> list[list[tuple[str, list[str]]]]:
    """The table lists, page by page: a table's list is never split."""
    _w, h = paper
    room = h - TOP - TITLE_BLOCK - MARGIN - 12 * mm
    pages: list[list[tuple[str, list[str]]]] = [[]]
    used = 0.0
    for block in list_lines(plan):
        needed = LIST_LINE * (-(-len(block[1]) // LIST_COLUMNS) + 2.0)
        if pages[-1] and used + needed > room:
            pages.append([])
            used = 0.0
        pages[-1].append(block)
        used += needed
    return pages


def draw_list_page(
    c: Canvas,
    blocks: list[tuple[str, list[str]]],
    top: float,
    paper: tuple[float, float],
    body: str,
    heading: str,
) -> None:
    w, _h = paper
    column = (w - 2 * MARGIN) / LIST_COLUMNS
    y = top
    for title, people in blocks:
        rows = -(-len(people) // LIST_COLUMNS)
        c.setFont(heading, LIST_SIZE + 1)
        c.drawString(
            MARGIN, y - LIST_LINE, cut_to_width(title, heading, LIST_SIZE + 1, w - 2 * MARGIN)
        )
        y -= LIST_LINE * 1.4
        c.setFont(body, LIST_SIZE)
        for i, text in enumerate(people):
            row, col = divmod(i, LIST_COLUMNS)
            c.drawString(
                MARGIN + col * column + 3 * mm,
                y - (row + 1) * LIST_LINE,
                cut_to_width(text, body, LIST_SIZE, column - 5 * mm),
            )
        y -= LIST_LINE * (rows + 0.6)
        c.setStrokeColor(FAINT)
        c.setLineWidth(0.4)
        c.line(MARGIN, y, w - MARGIN, y)


def page_footer(c: Canvas, paper: tuple[float, float], page: int, pages: int, body: str) -> None:
    w, _h = paper
    c.setFont(body, 9)
    c.drawCentredString(w / 2, 6 * mm, PAGE_FOOTER.format(page=page, pages=pages))


def render_banquet_chart(plan: BanquetPlan, meeting: MeetingInfo, body: str, heading: str) -> bytes:
    """宴会桌次图.pdf. Fonts must be registered with :func:`chart_text`."""
    paper, frame, size = paper_and_frame(plan)
    lists = list_pages(plan, paper)
    pages = 1 + len(lists)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=paper, invariant=1, pageCompression=1, initialFontName=body)
    c.setTitle(metadata(printed_title(meeting) + CHART))
    c.setAuthor(metadata(meeting.organizer))
    c.setCreator("meetplan")
    draw_head(c, plan, meeting, paper, body, heading)
    draw_room(c, plan, frame, body, heading)
    for table in plan.tables:
        draw_table(c, plan, table, frame, size, body, heading)
    draw_legend(c, plan, paper, body)
    page_footer(c, paper, 1, pages, body)
    c.showPage()
    for number, blocks in enumerate(lists, start=2):
        subtitle = "　" + LIST + (CONTINUED if number > 2 else "")
        top = draw_head(c, plan, meeting, paper, body, heading, subtitle)
        draw_list_page(c, blocks, top, paper, body, heading)
        page_footer(c, paper, number, pages, body)
        c.showPage()
    c.save()
    return buf.getvalue()


def clipped_chart(plan: BanquetPlan, body: str) -> list[Clipped]:
    """Names the chart condenses past :data:`NAME_LEAST` and cuts with "…" (the list
    pages print them whole unless longer than a list column)."""
    _paper, _frame, size = paper_and_frame(plan)
    found = []
    for table in plan.tables:
        for seat in table.seats:
            text, _scale = fitted_name(seat.person.name, body, size)
            if text != seat.person.name:
                found.append(Clipped(CHART_FILE, seat.person.name, "姓名", seat.person.name))
    return found


CHART_FILE = "宴会桌次图.pdf"
