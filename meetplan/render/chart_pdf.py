"""座次图.pdf (the seating chart) and 座次分单位.pdf (each unit's seats, to send to the units).

The chart is drawn as the room is seen from the hall: the rostrum at the top
(its back row uppermost), the hall below with row 1 nearest the rostrum, lower
floors first; column 1 (the audience's left) on the left of the sheet.

Units stay apart in black-and-white printing three ways: every unit's block has
a thick outline, a fill style (grey levels and hatchings, cycling through
:data:`STYLES`) and a unit number in a black tag, explained by the legend.

Paper: A4 landscape when every seat of the hall is at least
:data:`COMFORTABLE` wide on it, else A3 landscape when at least
:data:`MIN_PITCH`; a hall too large for that is split: an overview page of the
whole room (unit blocks, no names) that says which page shows which part,
then one page per floor part with the names. Drawing uses canvas primitives
only, one path per fill style and one text object per kind of text, so that a
10,000-seat chart stays fast.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from meetplan.model.attendee import Area, Attendance, Attendee
from meetplan.model.geometry import AISLE, floor_positions, frame_of, frame_width
from meetplan.model.layout import Layout, Podium, SeatUse, row_numbers
from meetplan.model.plan import Assignment, Plan, Scenario
from meetplan.model.settings import MeetingInfo
from meetplan.protocol.precedence import unit_order
from meetplan.protocol.rostrum import rostrum_offsets, table_seats
from meetplan.render.fitting import (
    RUNNING_CHARS,
    TITLE_LINES,
    Clipped,
    chars_in,
    cut,
    cut_to_width,
    in_lines,
    metadata,
    printed_classification,
    printed_title,
    printed_venue,
    running_title,
    shrunk,
)
from meetplan.render.official import when
from meetplan.render.pdfpage import SheetStart, render_numbered_a4

# -- what is printed besides the people and the meeting ------------------------

CHART = "座次图"
EXTRACT = "座次（分单位）"
ROSTRUM = "主席台"
PODIUM = "发言席"
TOWARD_ROSTRUM = "主席台方向"
VIEW_NOTE = "注：左右以观众视角（面向主席台）为准"
NO_UNIT = "（未填单位）"
LEGEND = "图例"
LEGEND_CONTINUED = "图例（续）"
LEGEND_ELSEWHERE = "单位名称见第{page}页图例"
EMPTY_SEAT = "空座"
BLOCKED_SEAT = "无座（柱子、机位等）"
RESERVED = "预留区"
SEE_PAGE = "见第{page}页"
OVERVIEW = "总览"
ROW = "{row}排"
ROWS = "第{first}–{last}排"
PEOPLE = "{n}人"
SECTION_NAMES = {2: ("左区", "右区"), 3: ("左区", "中区", "右区")}
SECTION_NUMBERED = "第{n}区"
PART = "（{i}/{n}）"
EXTRACT_COLUMNS = ("序号", "姓名", "职务", "座位", "备注")
SEATS_LINE = "座位："
UNSEATED_LINE = "未安排座位："
REMARK_TENTATIVE = "待定"
REMARK_OBSERVER = "列席"
REMARK_SUBSTITUTE = "代{name}出席"
ODD, EVEN = "（单号）", "（双号）"
INFO_TIME, INFO_VENUE, INFO_ROOM = "时间：", "地点：", "会场："
PAGE_FOOTER = "第 {page} 页 共 {pages} 页"
USE_LABELS = {SeatUse.OBSERVER: "列席", SeatUse.STAFF: "工作人员", SeatUse.MEDIA: "媒体"}

FIXED_TEXT = "".join(
    [
        CHART,
        EXTRACT,
        ROSTRUM,
        PODIUM,
        TOWARD_ROSTRUM,
        VIEW_NOTE,
        NO_UNIT,
        LEGEND,
        LEGEND_CONTINUED,
        LEGEND_ELSEWHERE,
        EMPTY_SEAT,
        BLOCKED_SEAT,
        RESERVED,
        SEE_PAGE,
        OVERVIEW,
        ROW,
        ROWS,
        PEOPLE,
        *(n for names in SECTION_NAMES.values() for n in names),
        SECTION_NUMBERED,
        PART,
        *EXTRACT_COLUMNS,
        SEATS_LINE,
        UNSEATED_LINE,
        REMARK_TENTATIVE,
        REMARK_OBSERVER,
        REMARK_SUBSTITUTE,
        ODD,
        EVEN,
        INFO_TIME,
        INFO_VENUE,
        INFO_ROOM,
        PAGE_FOOTER,
        *USE_LABELS.values(),
        "0123456789 　–、；：（）/.第号",
    ]
)

# -- paper and sizes -------------------------------------------------------------

PAPERS = (landscape(A4), landscape(A3))
MARGIN = 10 * mm
TOP = 13 * mm  # room for the classification mark above the title
FOOTER = 12 * mm
COMFORTABLE = 9 * mm  # seat width that gives names of about 9 pt
MIN_PITCH = 7 * mm  # below this a name is too small to read: split the hall
MAX_PITCH = 20 * mm
BOX_RATIO = 0.62  # seat box height / width
MAX_RATIO = 0.8
ROW_NO = 9 * mm  # the row-number columns either side of the hall
GAP = 4 * mm
LEGEND_SHARE = 0.3  # the legend stays on the chart page up to this share of its height
LEGEND_LINE = 5.2 * mm
SWATCH = (11 * mm, 4.2 * mm)
# Names and labels are condensed, then set smaller down to this many points, then cut
# with "…" (a name of a hundred characters must not shrink to a grey line).
LEAST_SIZE = 3.0
TITLE_LEAST_SIZE = 9.0  # the title and the time and place line
LEGEND_LEAST_SIZE = 5.0
CELL_LINES = 6  # a cell of 座次分单位.pdf wraps on this many lines at most; longer is cut
LINE = colors.Color(0.3, 0.3, 0.3)
FAINT = colors.Color(0.55, 0.55, 0.55)


# -- unit styles -----------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """A fill a black-and-white printer keeps apart from its neighbours."""

    grey: float | None  # fill level, 1 = white; None: no fill
    hatch: tuple[str, ...] = ()  # line families: / and \\ (diagonals), . (dots)

    @property
    def halo(self) -> bool:
        """Lines under a name hurt reading: names on hatched seats get a white ground."""
        return bool(self.hatch)


# Neighbouring unit numbers get the most different styles; empty seats are white.
# No horizontal or vertical hatching: beside a name its lines read as 三 or 川.
STYLES = (
    Style(0.88),
    Style(None, ("/",)),
    Style(0.72),
    Style(None, (".",)),
    Style(None, ("\\",)),
    Style(None, ("/", "\\")),
)
HATCH_STEP = 3.0  # points between hatch lines
HATCH_GREY = colors.Color(0.4, 0.4, 0.4)


def style_of(unit: int) -> Style:
    return STYLES[(unit - 1) % len(STYLES)]


# -- what the chart shows, independent of paper ----------------------------------


@dataclass(frozen=True)
class Unit:
    number: int  # 1-based, in the office's order
    name: str  # as on the roster
    people: int

    @property
    def label(self) -> str:
        return self.name or NO_UNIT


@dataclass
class Cell:
    """One place of a hall row, as drawn."""

    x: float  # left edge, in seat widths from the left edge of the floor's frame
    number: int  # as printed
    use: SeatUse
    person: Attendee | None
    unit: int  # unit number, 0 when nobody of a unit sits here


@dataclass
class ChartRow:
    number: int
    cells: list[Cell]


@dataclass
class ChartFloor:
    name: str
    rows: list[ChartRow]
    width: float  # the frame: widest section of each index, aisles between
    sections: list[tuple[float, float]]  # the frame's sections (x ranges), left to right


def unit_list(scenario: Scenario) -> list[Unit]:
    """Units of the hall in the office's order (first appearance in the roster), members
    before units that only have observers (列席 sit after members)."""
    hall = [a.person for a in scenario.in_area("hall")]
    order = unit_order(p for p in hall if p.area is not Area.OBSERVER)
    order += [u for u in unit_order(p for p in hall if p.area is Area.OBSERVER) if u not in order]
    counts: dict[str, int] = {}
    for p in hall:
        counts[p.unit] = counts.get(p.unit, 0) + 1
    return [Unit(i, name, counts[name]) for i, name in enumerate(order, start=1)]


def chart_floors(layout: Layout, scenario: Scenario, units: Sequence[Unit]) -> list[ChartFloor]:
    """The hall as drawn: each seat where :mod:`meetplan.model.geometry` puts it."""
    number_of = {u.name: u.number for u in units}
    seated = {(a.seat.floor, a.seat.row, a.seat.col): a.person for a in scenario.in_area("hall")}
    floors = []
    for floor in layout.floors:
        starts, widths = frame_of(floor)
        positions = floor_positions(floor)
        rows = []
        for row in floor.rows:
            numbers = row_numbers(floor, row)
            uses = dict(row.uses)
            cells: list[Cell] = []
            for col, x in enumerate(positions[row.number], start=1):
                person = seated.get((floor.name, row.number, col))
                unit = number_of.get(person.unit, 0) if person else 0
                use = uses.get(col, SeatUse.GENERAL)
                cells.append(Cell(x, numbers[col - 1], use, person, unit))
            rows.append(ChartRow(row.number, cells))
        sections = [(s, s + w) for s, w in zip(starts, widths, strict=True) if w > 0]
        floors.append(ChartFloor(floor.name, rows, frame_width(floor), sections))
    return floors


def section_names(count: int) -> list[str]:
    named = SECTION_NAMES.get(count)
    if named:
        return list(named)
    return [SECTION_NUMBERED.format(n=i) for i in range(1, count + 1)]


# -- text ------------------------------------------------------------------------


def info_line(meeting: MeetingInfo, layout: Layout) -> str:
    """时间：2026年12月1日（星期二）上午9:00　地点：县委大礼堂 — the room's own name only
    when no venue is given (the venue names the room once)."""
    date_time = when(meeting)
    parts = []
    if date_time:
        parts.append(INFO_TIME + date_time)
    if meeting.venue:
        parts.append(INFO_VENUE + printed_venue(meeting))
    elif layout.title:
        parts.append(INFO_ROOM + layout.title)
    return "　".join(parts)


def chart_title(plan: Plan, scenario: Scenario, kind: str) -> str:
    title = printed_title(plan.settings.meeting) + kind
    if scenario.id != plan.base.id:
        title += f"（{scenario.title}）"
    return title


def remark(person: Attendee) -> str:
    parts = []
    if person.area is Area.OBSERVER:
        parts.append(REMARK_OBSERVER)
    if person.attendance is Attendance.TENTATIVE:
        parts.append(REMARK_TENTATIVE)
    if person.substitute_for:
        parts.append(REMARK_SUBSTITUTE.format(name=person.substitute_for))
    return "；".join(parts)


def chart_text(plan: Plan, scenario: Scenario) -> str:
    """Every character 座次图.pdf and 座次分单位.pdf draw, for ``FontBook.register``.

    Register both the body and the heading font with it: either may draw any of it.
    """
    meeting = plan.settings.meeting
    layout = plan.layout
    parts = [
        FIXED_TEXT,
        chart_title(plan, scenario, CHART),
        chart_title(plan, scenario, EXTRACT),
        info_line(meeting, layout),
        meeting.classification,
        layout.title,
    ]
    parts += [f.name for f in layout.floors]
    for a in scenario.assignments:
        p = a.person
        parts += [p.name, p.unit, p.title, a.seat.label, remark(p)]
    for u in scenario.unseated:
        parts += [u.person.name, u.reason.label]
    return "".join(dict.fromkeys("".join(parts)))


# -- drawing helpers -------------------------------------------------------------


class Path:
    """A path as PDF operators, written directly: reportlab's path object formats every
    number in pure Python, which is most of the time of a 10,000-seat chart."""

    def __init__(self) -> None:
        self.code: list[str] = []

    def moveTo(self, x: float, y: float) -> None:  # reportlab's names
        self.code.append(f"{x:.2f} {y:.2f} m")

    def lineTo(self, x: float, y: float) -> None:
        self.code.append(f"{x:.2f} {y:.2f} l")

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.code.append(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re")

    def roundRect(self, x: float, y: float, w: float, h: float, r: float) -> None:
        k = r * 0.4477  # the Bézier handle that makes a quarter circle
        x1, y1 = x + w, y + h
        self.code.append(
            f"{x + r:.2f} {y:.2f} m {x1 - r:.2f} {y:.2f} l "
            f"{x1 - k:.2f} {y:.2f} {x1:.2f} {y + k:.2f} {x1:.2f} {y + r:.2f} c "
            f"{x1:.2f} {y1 - r:.2f} l "
            f"{x1:.2f} {y1 - k:.2f} {x1 - k:.2f} {y1:.2f} {x1 - r:.2f} {y1:.2f} c "
            f"{x + r:.2f} {y1:.2f} l "
            f"{x + k:.2f} {y1:.2f} {x:.2f} {y1 - k:.2f} {x:.2f} {y1 - r:.2f} c "
            f"{x:.2f} {y + r:.2f} l "
            f"{x:.2f} {y + k:.2f} {x + k:.2f} {y:.2f} {x + r:.2f} {y:.2f} c h"
        )

    def getCode(self) -> str:  # what Canvas.drawPath asks for
        return "\n".join(self.code)


@dataclass
class Ink:
    """Everything drawn on one page, batched: one path per style, one text object per kind."""

    canvas: Canvas
    body: str
    heading: str
    fills: dict[float, Path] = field(default_factory=dict)
    hatches: dict[str, Path] = field(default_factory=dict)
    halos: Path | None = None
    grid: Path | None = None
    dashed: Path | None = None
    faint: Path | None = None
    thick: Path | None = None
    frames: Path | None = None  # the overview: the parts that have a page of their own
    plates: Path | None = None  # white ground of labels drawn over the seats
    tags: Path | None = None
    text: PDFTextObject | None = None
    small: PDFTextObject | None = None
    white: PDFTextObject | None = None
    font: tuple[str, float, float] = ("", 0.0, 100.0)
    small_font: tuple[str, float] = ("", 0.0)
    white_font: tuple[str, float] = ("", 0.0)

    def path(self, attr: str) -> Path:
        p = getattr(self, attr)
        if p is None:
            p = Path()
            setattr(self, attr, p)
        return p

    def fill(self, style: Style, x: float, y: float, w: float, h: float) -> None:
        if style.grey is not None:
            p = self.fills.get(style.grey)
            if p is None:
                p = self.fills[style.grey] = Path()
            p.rect(x, y, w, h)
        for family in style.hatch:
            p = self.hatches.get(family)
            if p is None:
                p = self.hatches[family] = Path()
            hatch(p, family, x, y, x + w, y + h)

    def say(
        self, s: str, x: float, y: float, size: float, *, font: str = "", scale: float = 1.0
    ) -> None:
        """Black text, left end at x, baseline y, condensed by scale."""
        if self.text is None:
            self.text = self.canvas.beginText()
        key = (font or self.body, size, round(scale * 100, 1))
        if key[:2] != self.font[:2]:
            self.text.setFont(key[0], size)
        if key[2] != self.font[2]:
            self.text.setHorizScale(key[2])
        self.font = key
        self.text.setTextOrigin(x, y)
        self.text.textOut(s)

    def note(self, s: str, x: float, y: float, size: float) -> None:
        """Small grey text: seat numbers."""
        if self.small is None:
            self.small = self.canvas.beginText()
            self.small.setFillColor(colors.Color(0.25, 0.25, 0.25))
        if self.small_font != (self.body, size):
            self.small.setFont(self.body, size)
            self.small_font = (self.body, size)
        self.small.setTextOrigin(x, y)
        self.small.textOut(s)

    def tag(self, number: int, x: float, top: float, size: float, *, centre: bool = False) -> None:
        """A unit number, white on black; its top-right corner at (x, top), or centred on x."""
        s = str(number)
        w = stringWidth(s, self.body, size) + size * 0.5
        h = size * 1.1
        left = x - w / 2 if centre else x - w
        self.path("tags").rect(left, top - h, w, h)
        if self.white is None:
            self.white = self.canvas.beginText()
            self.white.setFillColor(colors.white)
        if self.white_font != (self.body, size):
            self.white.setFont(self.body, size)
            self.white_font = (self.body, size)
        self.white.setTextOrigin(left + size * 0.25, top - h + size * 0.22)
        self.white.textOut(s)

    def flush(self) -> None:
        """Paint everything, bottom layer first."""
        c = self.canvas
        c.saveState()
        for grey, p in self.fills.items():
            c.setFillGray(grey)
            c.drawPath(p, stroke=0, fill=1)
        c.setStrokeColor(HATCH_GREY)
        c.setLineWidth(0.35)
        for family, p in self.hatches.items():
            if family == ".":
                c.saveState()
                c.setLineCap(1)
                c.setLineWidth(0.9)
                c.setDash([0, HATCH_STEP])
                c.drawPath(p, stroke=1, fill=0)
                c.restoreState()
            else:
                c.drawPath(p, stroke=1, fill=0)
        if self.halos is not None:
            c.setFillColor(colors.white)
            c.drawPath(self.halos, stroke=0, fill=1)
        if self.grid is not None:
            c.setStrokeColor(LINE)
            c.setLineWidth(0.3)
            c.drawPath(self.grid, stroke=1, fill=0)
        if self.faint is not None:
            c.setStrokeColor(FAINT)
            c.setLineWidth(0.5)
            c.drawPath(self.faint, stroke=1, fill=0)
        if self.dashed is not None:
            c.setStrokeColor(colors.black)
            c.setLineWidth(0.7)
            c.setDash([2, 1.5])
            c.drawPath(self.dashed, stroke=1, fill=0)
            c.setDash()
        if self.thick is not None:
            c.setStrokeColor(colors.black)
            c.setLineWidth(1.4)
            c.setLineCap(2)
            c.drawPath(self.thick, stroke=1, fill=0)
        if self.frames is not None:
            c.setStrokeColor(colors.Color(0.35, 0.35, 0.35))
            c.setLineWidth(1.8)
            c.setDash([6, 3])
            c.drawPath(self.frames, stroke=1, fill=0)
            c.setDash()
        if self.tags is not None:
            c.setFillColor(colors.black)
            c.drawPath(self.tags, stroke=0, fill=1)
        if self.plates is not None:
            c.setFillColor(colors.white)
            c.setStrokeColor(colors.black)
            c.setLineWidth(0.5)
            c.drawPath(self.plates, stroke=1, fill=1)
        c.setFillColor(colors.black)  # the text object that sets no colour of its own
        for t in (self.small, self.text, self.white):
            if t is not None:
                c.drawText(t)
        c.restoreState()
        self.fills, self.hatches = {}, {}
        self.halos = self.grid = self.dashed = self.faint = self.thick = None
        self.frames = self.tags = self.plates = None
        self.text = self.small = self.white = None
        self.font, self.small_font, self.white_font = ("", 0.0, 100.0), ("", 0.0), ("", 0.0)


def hatch(p: Path, family: str, x0: float, y0: float, x1: float, y1: float) -> None:
    """Lines of one family inside a rectangle, on a grid fixed to the page so neighbours join."""
    d = HATCH_STEP
    if family == "/":  # y = x - k
        step = d * math.sqrt(2)
        k = math.ceil((x0 - y1) / step) * step
        while k < x1 - y0:
            xa, xb = max(x0, y0 + k), min(x1, y1 + k)
            if xb > xa:
                p.moveTo(xa, xa - k)
                p.lineTo(xb, xb - k)
            k += step
    elif family == "\\":  # y = k - x
        step = d * math.sqrt(2)
        k = math.ceil((x0 + y0) / step) * step
        while k < x1 + y1:
            xa, xb = max(x0, k - y1), min(x1, k - y0)
            if xb > xa:
                p.moveTo(xa, k - xa)
                p.lineTo(xb, k - xb)
            k += step
    elif family == ".":  # dotted lines: stroked with a dash pattern of dots
        y = math.floor(y0 / d) * d + d / 2
        start = math.ceil(x0 / d) * d
        while y < y1:
            if y > y0:
                p.moveTo(start, y)
                p.lineTo(x1, y)
            y += d


def fit(
    text: str,
    font: str,
    size: float,
    width: float,
    least: float = 0.5,
    smallest: float = LEAST_SIZE,
) -> tuple[str, float, float]:
    """(text, size, horizontal scale) to set text in width: condensed first, smaller only
    below ``least``, and cut with "…" below ``smallest`` points."""
    return shrunk(text, font, size, width, least, min(smallest, size))


def centred(
    ink: Ink,
    text: str,
    cx: float,
    y: float,
    size: float,
    width: float,
    font: str = "",
    smallest: float = LEAST_SIZE,
) -> None:
    text, size, scale = fit(text, font or ink.body, size, width, smallest=smallest)
    w = stringWidth(text, font or ink.body, size) * scale
    ink.say(text, cx - w / 2, y, size, font=font, scale=scale)


# -- the hall --------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """One seat box: width p, height q; and the type sizes that go with it."""

    p: float
    names: bool  # names and seat numbers (a page for reading), or blocks only (overview)
    ratio: float = BOX_RATIO  # taller boxes when the page has the room

    @property
    def q(self) -> float:
        return self.p * self.ratio

    @property
    def number_size(self) -> float:
        return min(max(self.q * 0.24, 3.2), 6.0)

    @property
    def name_size(self) -> float:
        pad = 1.2
        by_width = (self.p - 2 * pad) / (3 * 0.88)  # three characters, condensed a little
        by_height = (self.q - self.number_size - 2.5 * pad) / 0.92
        return max(min(by_width, by_height, 15.0), 3.0)

    @property
    def row_size(self) -> float:
        return min(self.q * 0.6, 8.0)


@dataclass(frozen=True)
class Window:
    """A part of one floor drawn on one page: some rows, the cells whose centre lies in [x0, x1)."""

    floor: int
    first: int  # row indices into the floor's rows, end exclusive
    last: int
    x0: float
    x1: float
    title: str = ""

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def rows(self) -> int:
        return self.last - self.first


def whole(floors: Sequence[ChartFloor]) -> list[Window]:
    return [Window(i, 0, len(f.rows), 0.0, f.width) for i, f in enumerate(floors)]


def floor_label_height(floor: ChartFloor, floors: int) -> float:
    return 6 * mm if floor.name or floors > 1 else 0.0


def draw_window(
    ink: Ink,
    floor: ChartFloor,
    window: Window,
    left: float,
    top: float,
    scale: Scale,
) -> float:
    """Draw a window with its frame's left edge at ``left`` and the first row's top at
    ``top``; return the bottom of the last row."""
    p, q = scale.p, scale.q
    rows = [
        [c for c in r.cells if window.x0 <= c.x + 0.5 < window.x1]
        for r in floor.rows[window.first : window.last]
    ]
    numbers = [r.number for r in floor.rows[window.first : window.last]]

    def px(x: float) -> float:
        return left + (x - window.x0) * p

    previous: list[Cell] = []
    y = top
    for cells, row_number in zip(rows, numbers, strict=True):
        y -= q
        draw_row(ink, cells, px, y, scale)
        outline_between(ink, previous, cells, px, y + q, p)
        previous = cells
        if cells:
            label = ROW.format(row=row_number)
            size = scale.row_size
            w = stringWidth(label, ink.body, size)
            base = y + (q - size * 0.8) / 2
            ink.say(label, left - 1.5 * mm - w, base, size)
            ink.say(label, left + window.width * p + 1.5 * mm, base, size)
    outline_between(ink, previous, [], px, y, p)
    return y


def runs(cells: Sequence[Cell], key: Callable[[Cell], object]) -> Iterable[list[Cell]]:
    """Maximal runs of touching cells (no aisle between) with the same key."""
    run: list[Cell] = []
    for c in cells:
        if run and (c.x != run[-1].x + 1 or key(c) != key(run[0])):
            yield run
            run = []
        run.append(c)
    if run:
        yield run


def draw_row(
    ink: Ink, cells: Sequence[Cell], px: Callable[[float], float], y: float, scale: Scale
) -> None:
    p, q = scale.p, scale.q
    grid = ink.path("grid") if scale.p >= 2.5 * mm else ink.path("faint")
    for run in runs(cells, lambda c: (c.unit, c.use is SeatUse.BLOCKED)):
        x0 = px(run[0].x)
        w = len(run) * p
        first = run[0]
        if first.use is SeatUse.BLOCKED:
            cross = ink.path("faint")
            for c in run:
                x = px(c.x)
                cross.moveTo(x + p * 0.25, y + q * 0.2)
                cross.lineTo(x + p * 0.75, y + q * 0.8)
                cross.moveTo(x + p * 0.25, y + q * 0.8)
                cross.lineTo(x + p * 0.75, y + q * 0.2)
            continue
        if first.unit:
            ink.fill(style_of(first.unit), x0, y, w, q)
            if not scale.names:  # the overview: one tag in the middle of the run, if it fits
                size = min(q * 0.75, 7.0)
                if w > stringWidth(str(first.unit), ink.body, size) + size:
                    ink.tag(first.unit, x0 + w / 2, y + (q + size * 1.1) / 2, size, centre=True)
        for c in run:
            grid.rect(px(c.x), y, p, q)
        if scale.names:
            style = style_of(first.unit) if first.unit else None
            for c in run:
                draw_seat(ink, c, px(c.x), y, scale, style)
            if first.unit:
                ink.tag(first.unit, x0 + p - 0.6, y + q - 0.6, scale.number_size)
    reserved = [c for c in cells if c.use in USE_LABELS]
    for run in runs(reserved, lambda c: c.use):
        x0, w = px(run[0].x), len(run) * p
        ink.path("dashed").rect(x0 + 0.8, y + 0.8, w - 1.6, q - 1.6)
        for empty in runs([c for c in run if c.person is None], lambda c: c.use):
            ex, ew = px(empty[0].x), len(empty) * p
            label = USE_LABELS[empty[0].use]
            if scale.names:  # under the seat numbers
                size = min(q * 0.42, 9.0)
                base = y + (q - scale.number_size - size * 0.88) / 2 + size * 0.12
            else:
                size = min(q * 0.7, 8.0)
                base = y + (q - size * 0.88) / 2 + size * 0.12
            if scale.names or ew > size * 1.5:
                centred(ink, label, ex + ew / 2, base, size, ew - 2)
    # unit boundaries inside the row
    thick = ink.path("thick")
    for a, b in itertools.pairwise(cells):
        touching = b.x == a.x + 1
        if touching and a.unit != b.unit:
            thick.moveTo(px(b.x), y)
            thick.lineTo(px(b.x), y + q)
        elif not touching:
            if a.unit:
                thick.moveTo(px(a.x + 1), y)
                thick.lineTo(px(a.x + 1), y + q)
            if b.unit:
                thick.moveTo(px(b.x), y)
                thick.lineTo(px(b.x), y + q)
    if cells and cells[0].unit:
        thick.moveTo(px(cells[0].x), y)
        thick.lineTo(px(cells[0].x), y + q)
    if cells and cells[-1].unit:
        thick.moveTo(px(cells[-1].x + 1), y)
        thick.lineTo(px(cells[-1].x + 1), y + q)


def draw_seat(ink: Ink, c: Cell, x: float, y: float, scale: Scale, style: Style | None) -> None:
    p, q = scale.p, scale.q
    ns = scale.number_size
    ink.note(str(c.number), x + 0.9, y + q - ns * 0.95, ns)
    if c.person is None:
        return
    name, size, squeeze = fit(c.person.name, ink.body, scale.name_size, p - 2.0, least=0.45)
    w = stringWidth(name, ink.body, size) * squeeze
    room = q - ns - 1.2
    base = y + 0.6 + (room - size * 0.88) / 2 + size * 0.12
    if style is not None and style.halo:  # the name's band white across the seat
        ink.path("halos").rect(x, base - size * 0.2, p, size * 1.08)
    ink.say(name, x + (p - w) / 2, base, size, scale=squeeze)


def outline_between(
    ink: Ink,
    above: Sequence[Cell],
    below: Sequence[Cell],
    px: Callable[[float], float],
    y: float,
    p: float,
) -> None:
    """Thick lines along a row boundary where the unit changes (or a block ends)."""
    edges = sorted(
        {c.x for c in above}
        | {c.x + 1 for c in above}
        | {c.x for c in below}
        | {c.x + 1 for c in below}
    )
    if len(edges) < 2:
        return
    thick = ink.path("thick")
    ia = ib = 0
    start: float | None = None
    for a, b in itertools.pairwise(edges):
        mid = (a + b) / 2
        while ia < len(above) and above[ia].x + 1 <= mid:
            ia += 1
        while ib < len(below) and below[ib].x + 1 <= mid:
            ib += 1
        ua = above[ia].unit if ia < len(above) and above[ia].x <= mid else 0
        ub = below[ib].unit if ib < len(below) and below[ib].x <= mid else 0
        differ = ua != ub
        if differ and start is None:
            start = a
        elif not differ and start is not None:
            thick.moveTo(px(start), y)
            thick.lineTo(px(a), y)
            start = None
    if start is not None:
        thick.moveTo(px(start), y)
        thick.lineTo(px(edges[-1]), y)


# -- the rostrum -----------------------------------------------------------------


@dataclass(frozen=True)
class RostrumBox:
    p: float  # seat width
    q: float  # seat height
    label: float  # the width kept either side for 主席台 and the row numbers

    def height(self, rows: int, podium: bool) -> float:
        return max(rows, 1) * (self.q + 1.5 * mm) + 3 * mm + (7 * mm if podium else 0.0)


def rostrum_box(
    rows: Sequence[Sequence[Assignment]],
    width: float,
    hall_p: float,
    offsets: Sequence[float] = (),
) -> RostrumBox:
    """``offsets``: each row's place on the table (:func:`~meetplan.protocol.rostrum.row_offset`)."""
    label = 16 * mm
    widest = table_seats([len(r) for r in rows], offsets or [0.0] * len(rows))
    p = min(max(hall_p * 1.8, 15 * mm), 26 * mm)
    if widest:
        p = min(p, (width - 2 * label - 6 * mm) / widest)
    q = min(max(p * 0.5, 7 * mm), 11 * mm)
    return RostrumBox(p, q, label)


def rostrum_name_size(box: RostrumBox) -> float:
    return min((box.p - 3) / (3 * 0.88), (box.q - 4) / 0.92, 16.0)


def draw_rostrum(
    ink: Ink,
    rows: Sequence[Sequence[Assignment]],
    podium: Podium,
    box: RostrumBox,
    cx: float,
    top: float,
    offsets: Sequence[float] = (),
) -> float:
    """The rostrum, back row on top and the front row nearest the hall; returns its bottom.

    ``cx`` is the table's centre axis; each row stands ``offsets[i]`` seats from
    it (:func:`~meetplan.protocol.rostrum.row_offset`: under 双数单摆 an even row
    has its No.1 on the axis), so the table is drawn wide enough for every row.
    """
    offsets = offsets or [0.0] * len(rows)
    widest = table_seats([len(r) for r in rows], offsets)
    inner = max(widest * box.p, 40 * mm)
    stage_w = inner + 2 * box.label
    stage_h = max(len(rows), 1) * (box.q + 1.5 * mm) + 1.5 * mm
    stage_x = cx - stage_w / 2
    ink.path("faint").roundRect(stage_x, top - stage_h, stage_w, stage_h, 2 * mm)
    size = 12.0
    ink.say(ROSTRUM, stage_x + 3 * mm, top - stage_h / 2 - size * 0.35, size, font=ink.heading)
    name_size = rostrum_name_size(box)
    y = top - 1.5 * mm
    for row, offset in reversed(list(zip(rows, offsets, strict=True))):  # back row on top
        y -= box.q
        x = cx + (offset - len(row) / 2) * box.p
        for a in row:
            ink.path("grid").rect(x, y, box.p, box.q)
            name, s, squeeze = fit(a.person.name, ink.body, name_size, box.p - 3, least=0.45)
            w = stringWidth(name, ink.body, s) * squeeze
            ink.say(
                name, x + (box.p - w) / 2, y + (box.q - s * 0.88) / 2 + s * 0.1, s, scale=squeeze
            )
            x += box.p
        if len(rows) > 1:
            label = ROW.format(row=row[0].seat.row)
            ink.note(label, stage_x + stage_w - box.label + 3 * mm, y + box.q / 2 - 2.5, 7.0)
        y -= 1.5 * mm
    bottom = top - stage_h
    if podium is not Podium.NONE:
        w, h = 16 * mm, 5.5 * mm
        x = cx - w / 2 if podium is Podium.FRONT_CENTRE else stage_x + stage_w - box.label - w
        ink.path("grid").roundRect(x, bottom - 1.5 * mm - h, w, h, 1 * mm)
        centred(ink, PODIUM, x + w / 2, bottom - 1.5 * mm - h + 1.6 * mm, 8.0, w - 2)
        bottom -= h + 1.5 * mm
    return bottom


# -- the legend ------------------------------------------------------------------


@dataclass(frozen=True)
class LegendEntry:
    unit: int  # 0 for the non-unit entries
    text: str
    kind: str = "unit"  # unit | empty | reserved | blocked


LEGEND_SIZE = 8.0


def legend_entries(units: Sequence[Unit], floors: Sequence[ChartFloor]) -> list[LegendEntry]:
    entries = [LegendEntry(u.number, f"{u.label}　{PEOPLE.format(n=u.people)}") for u in units]
    cells = [c for f in floors for r in f.rows for c in r.cells]
    if any(c.person is None and c.use is SeatUse.GENERAL for c in cells):
        entries.append(LegendEntry(0, EMPTY_SEAT, "empty"))
    used = [u for u in USE_LABELS if any(c.use is u for c in cells)]
    if used:
        entries.append(
            LegendEntry(0, "、".join(USE_LABELS[u] for u in used) + RESERVED, "reserved")
        )
    if any(c.use is SeatUse.BLOCKED for c in cells):
        entries.append(LegendEntry(0, BLOCKED_SEAT, "blocked"))
    return entries


def legend_grid(entries: Sequence[LegendEntry], font: str, width: float) -> tuple[int, float, int]:
    """(columns, column width, lines) to set the entries in the given width."""
    if not entries:
        return 0, 0.0, 0
    longest = max(stringWidth(e.text, font, LEGEND_SIZE) for e in entries)
    column = min(SWATCH[0] + 2 * mm + longest + 5 * mm, width)
    columns = max(1, min(len(entries), int(width // column)))
    return columns, width / columns, math.ceil(len(entries) / columns)


def legend_height(entries: Sequence[LegendEntry], font: str, width: float) -> float:
    lines = legend_grid(entries, font, width)[2]
    return 0.0 if not lines else 6 * mm + lines * LEGEND_LINE


def draw_legend(
    ink: Ink, entries: Sequence[LegendEntry], left: float, top: float, width: float, title: str
) -> float:
    _columns, column, lines = legend_grid(entries, ink.body, width)
    ink.say(title, left, top - 4 * mm, 9.0, font=ink.heading)
    top -= 6 * mm
    for i, e in enumerate(entries):  # down the first column, then the next
        x = left + (i // lines) * column
        y = top - (i % lines + 1) * LEGEND_LINE + 1 * mm
        sw, sh = SWATCH
        if e.kind == "unit":
            ink.fill(style_of(e.unit), x, y, sw, sh)
            ink.path("thick").rect(x, y, sw, sh)
            ink.tag(e.unit, x + sw - 0.6, y + sh - 0.6, 5.5)
        elif e.kind == "reserved":
            ink.path("dashed").rect(x, y, sw, sh)
        elif e.kind == "blocked":
            cross = ink.path("faint")
            cross.moveTo(x + sw * 0.35, y + sh * 0.15)
            cross.lineTo(x + sw * 0.65, y + sh * 0.85)
            cross.moveTo(x + sw * 0.35, y + sh * 0.85)
            cross.lineTo(x + sw * 0.65, y + sh * 0.15)
        else:
            ink.path("grid").rect(x, y, sw, sh)
        text, size, squeeze = fit(
            e.text, ink.body, LEGEND_SIZE, column - sw - 4 * mm, smallest=LEGEND_LEAST_SIZE
        )
        ink.say(text, x + sw + 2 * mm, y + sh / 2 - size * 0.35, size, scale=squeeze)
    return top - lines * LEGEND_LINE


# -- pages -----------------------------------------------------------------------


@dataclass
class Sheet:
    """What the chart needs to know to lay out pages."""

    plan: Plan
    scenario: Scenario
    units: list[Unit]
    floors: list[ChartFloor]
    rostrum: list[list[Assignment]]
    entries: list[LegendEntry]
    body: str
    heading: str


def rostrum_offsets_of(sheet: Sheet) -> list[float]:
    return rostrum_offsets(sheet.rostrum, sheet.plan.settings.protocol)


def content_width(paper: tuple[float, float]) -> float:
    return paper[0] - 2 * MARGIN


TITLE_BLOCK = 17 * mm
CLASSIFICATION_ROOM = 120 * mm  # the classification mark, top left, above the title
TOWARD_BAR = 7 * mm  # 主席台方向, on pages without the rostrum
DETAIL_HEAD = 12 * mm


def body_height(paper: tuple[float, float]) -> float:
    return paper[1] - TOP - FOOTER


def hall_width(windows: Sequence[Window]) -> float:
    """Widest window, in seats (the row-number columns aside)."""
    return max((w.width for w in windows), default=1.0)


def hall_height(sheet: Sheet, windows: Sequence[Window], scale: Scale) -> float:
    return sum(
        floor_label_height(sheet.floors[w.floor], len(sheet.floors)) + w.rows * scale.q + GAP
        for w in windows
    )


def fit_scale(
    sheet: Sheet,
    paper: tuple[float, float],
    windows: Sequence[Window],
    fixed: float,
    names: bool,
    with_rostrum: bool,
    cap: float = MAX_PITCH,
) -> Scale:
    """The largest seat box (width ≤ MAX_PITCH) at which the windows, the rostrum and
    ``fixed`` height fit the paper; boxes grow taller (up to MAX_RATIO) to fill the page."""
    room_w = content_width(paper) - 2 * (ROW_NO + 1.5 * mm)
    p = min(cap, room_w / hall_width(windows))

    def height(scale: Scale) -> float:
        h = fixed + hall_height(sheet, windows, scale)
        if with_rostrum:
            box = rostrum_box(
                sheet.rostrum, content_width(paper), scale.p, rostrum_offsets_of(sheet)
            )
            h += box.height(len(sheet.rostrum), sheet.plan.layout.podium is not Podium.NONE) + GAP
        return h

    room_h = body_height(paper)
    if height(Scale(p, names)) > room_h:
        lo, hi = 0.2 * mm, p
        for _ in range(30):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if height(Scale(mid, names)) <= room_h else (lo, mid)
        return Scale(lo, names)
    lo, hi = BOX_RATIO, MAX_RATIO
    for _ in range(20):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if height(Scale(p, names, mid)) <= room_h else (lo, mid)
    return Scale(p, names, lo)


@dataclass(frozen=True)
class Page:
    kind: str  # single | overview | legend | detail
    paper: tuple[float, float]
    scale: Scale = Scale(0.0, False)
    windows: tuple[Window, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    legend_page: int = 0  # where the full legend is, when not on this page


def plan_pages(sheet: Sheet) -> list[Page]:
    """The first that works: the whole room and its legend on one A4 sheet, then on A3,
    then the room alone on A3 with the legend on the next page; else the split chart."""
    windows = tuple(whole(sheet.floors))
    a4, a3 = PAPERS
    for paper, least, with_legend in (
        (a4, COMFORTABLE, True),
        (a3, MIN_PITCH, True),
        (a3, MIN_PITCH, False),
    ):
        lh = legend_height(sheet.entries, sheet.body, content_width(paper))
        if with_legend and lh > body_height(paper) * LEGEND_SHARE:
            continue
        scale = fit_scale(
            sheet, paper, windows, TITLE_BLOCK + (lh if with_legend else 0.0), True, True
        )
        if scale.p < least:
            continue
        if with_legend:
            return [Page("single", paper, scale, windows, tuple(sheet.entries))]
        return [Page("single", paper, scale, windows, legend_page=2), *legend_pages(sheet, paper)]
    return split_pages(sheet, a3)


def legend_pages(sheet: Sheet, paper: tuple[float, float]) -> list[Page]:
    """The full legend on pages of its own, as many as it takes."""
    room = body_height(paper) - DETAIL_HEAD - 6 * mm
    columns, _, _ = legend_grid(sheet.entries, sheet.body, content_width(paper))
    per_page = max(1, int(room // LEGEND_LINE)) * columns
    return [
        Page("legend", paper, legend=tuple(sheet.entries[i : i + per_page]))
        for i in range(0, len(sheet.entries), per_page)
    ]


def split_pages(sheet: Sheet, paper: tuple[float, float]) -> list[Page]:
    """An overview of the whole room, the legend, then the hall in parts with names."""
    width = content_width(paper)
    room_w = width - 2 * (ROW_NO + 1.5 * mm)
    legend_room = body_height(paper) * 0.22
    q = COMFORTABLE * BOX_RATIO
    max_seats = room_w / COMFORTABLE
    detail_fixed = TITLE_BLOCK + TOWARD_BAR + legend_room
    max_rows = max(1, int((body_height(paper) - detail_fixed - 6 * mm - GAP) // q))
    parts: list[Window] = []
    for index, floor in enumerate(sheet.floors):
        names = section_names(len(floor.sections))
        groups = column_groups(floor, names, max_seats)
        chunks = math.ceil(len(floor.rows) / max_rows)
        per = math.ceil(len(floor.rows) / chunks)
        for first in range(0, len(floor.rows), per):
            last = min(first + per, len(floor.rows))
            for x0, x1, name in groups:
                where = " ".join(s for s in (floor.name, name) if s)
                if chunks > 1:
                    where += " " + ROWS.format(
                        first=floor.rows[first].number, last=floor.rows[last - 1].number
                    )
                parts.append(Window(index, first, last, x0, x1, where.strip()))
    # one scale for every part, so that seats look alike from page to page
    p = min([fit_scale(sheet, paper, [w], detail_fixed, True, False).p for w in parts] + [12 * mm])
    ratio = min(fit_scale(sheet, paper, [w], detail_fixed, True, False, cap=p).ratio for w in parts)
    detail = Scale(p, True, ratio)
    lh = legend_height(sheet.entries, sheet.body, width)
    on_overview = lh <= body_height(paper) * LEGEND_SHARE
    windows = whole(sheet.floors)
    overview = fit_scale(
        sheet, paper, windows, TITLE_BLOCK + (lh if on_overview else 0), False, True
    )
    pages = [Page("overview", paper, overview, tuple(windows))]
    if on_overview:
        pages[0] = Page("overview", paper, overview, tuple(windows), tuple(sheet.entries))
    else:
        pages += legend_pages(sheet, paper)
    legend_at = 1 if on_overview else 2
    for w in parts:
        units = sorted(
            {
                c.unit
                for r in sheet.floors[w.floor].rows[w.first : w.last]
                for c in r.cells
                if c.unit and w.x0 <= c.x + 0.5 < w.x1
            }
        )
        entries = tuple(e for e in sheet.entries if e.unit in units or e.kind != "unit")
        if legend_height(entries, sheet.body, width) > legend_room:
            entries = ()
        pages.append(Page("detail", paper, detail, (w,), entries, legend_page=legend_at))
    return pages


def column_groups(
    floor: ChartFloor, names: Sequence[str], max_seats: float
) -> list[tuple[float, float, str]]:
    """The floor's sections in as few pages as fit, as evenly as possible; a section too
    wide for a page is cut in equal parts. Returns (x0, x1, name) in frame units."""
    pieces: list[tuple[float, float, str]] = []  # sections, or parts of a wide one
    for i, (a, b) in enumerate(floor.sections):
        n = math.ceil((b - a) / max_seats)
        step = math.ceil((b - a) / n)
        for k in range(n):
            lo, hi = a + k * step, min(b, a + (k + 1) * step)
            pieces.append((lo, hi, names[i] + (PART.format(i=k + 1, n=n) if n > 1 else "")))
    if not pieces:  # a floor of zero-width sections
        return [(0.0, max(floor.width, 1.0), "")]
    groups = even_groups(pieces, max_seats)
    out = []
    for group in groups:
        first, last = pieces[group[0]], pieces[group[-1]]
        name = first[2] if len(group) == 1 else f"{first[2]}–{last[2]}"
        if len(groups) == 1:
            name = ""
        x0 = first[0] - (AISLE / 2 if group[0] == 0 or pieces[group[0] - 1][1] < first[0] else 0)
        x1 = last[1] + (
            AISLE / 2 if group[-1] == len(pieces) - 1 or pieces[group[-1] + 1][0] > last[1] else 0
        )
        out.append((x0, x1, name))
    return out


def even_groups(pieces: Sequence[tuple[float, float, str]], limit: float) -> list[list[int]]:
    """Consecutive pieces in the fewest groups no wider than limit, the widest group as
    narrow as it can be (a small exhaustive search: a floor has a handful of sections)."""
    n = len(pieces)

    def width(i: int, j: int) -> float:  # pieces i..j inclusive, aisles between included
        return pieces[j][1] - pieces[i][0]

    # best[i] = (groups, widest) for pieces i.., and where the first group ends
    best: list[tuple[int, float]] = [(0, 0.0)] * (n + 1)
    cut = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        best[i] = (n + 1, math.inf)
        for j in range(i, n):
            if width(i, j) > limit and j > i:
                break
            rest = best[j + 1]
            candidate = (rest[0] + 1, max(rest[1], width(i, j)))
            if candidate < best[i]:
                best[i], cut[i] = candidate, j + 1
    groups, i = [], 0
    while i < n:
        groups.append(list(range(i, cut[i])))
        i = cut[i]
    return groups


def classification_mark(sheet: Sheet) -> str:
    """The classification as printed top left: cut with "…" beyond its room."""
    mark = printed_classification(sheet.plan.settings.meeting)
    return cut_to_width(mark, sheet.heading, 12.0, CLASSIFICATION_ROOM) if mark else ""


def draw_title(ink: Ink, sheet: Sheet, paper: tuple[float, float], subtitle: str = "") -> float:
    """Title, time, place, room and the viewing note; returns the y below it."""
    w, h = paper
    meeting = sheet.plan.settings.meeting
    top = h - TOP
    title = chart_title(sheet.plan, sheet.scenario, CHART)
    if subtitle:
        title += "　" + subtitle
    centred(
        ink,
        title,
        w / 2,
        top - 6 * mm,
        17.0,
        content_width(paper),
        font=ink.heading,
        smallest=TITLE_LEAST_SIZE,
    )
    info = info_line(meeting, sheet.plan.layout)
    if info:
        centred(ink, info, w / 2, top - 12 * mm, 9.5, content_width(paper) * 0.7, smallest=6.0)
    size = 8.0
    ink.say(
        VIEW_NOTE,
        w - MARGIN - stringWidth(VIEW_NOTE, ink.body, size),
        top - 15.5 * mm,
        size,
    )
    return top - TITLE_BLOCK


def draw_page(ink: Ink, sheet: Sheet, page: Page, number: int, pages: list[Page]) -> None:
    paper = page.paper
    w, h = paper
    width = content_width(paper)
    if page.kind in ("single", "overview"):
        y = draw_title(ink, sheet, paper, OVERVIEW if page.kind == "overview" else "")
        scale = page.scale
        offsets = rostrum_offsets_of(sheet)
        box = rostrum_box(sheet.rostrum, width, scale.p, offsets)
        y = draw_rostrum(ink, sheet.rostrum, sheet.plan.layout.podium, box, w / 2, y, offsets)
        y -= GAP
        y = draw_floors(ink, sheet, page.windows, scale, w / 2, y, pages, frames=True)
    elif page.kind == "detail":
        window = page.windows[0]
        y = draw_title(ink, sheet, paper, window.title)
        # the rostrum is not on this page: show which way it is
        bar = ink.path("faint")
        bar.moveTo(w / 2 - 6, y - 1 * mm)
        bar.lineTo(w / 2, y + 1.5 * mm)
        bar.lineTo(w / 2 + 6, y - 1 * mm)
        centred(ink, TOWARD_ROSTRUM, w / 2, y - 5 * mm, 8.0, 40 * mm)
        y -= TOWARD_BAR
        y = draw_floors(ink, sheet, page.windows, page.scale, w / 2, y, pages)
    else:
        y = h - TOP
        centred(
            ink,
            chart_title(sheet.plan, sheet.scenario, CHART),
            w / 2,
            y - 6 * mm,
            14.0,
            width,
            font=ink.heading,
            smallest=TITLE_LEAST_SIZE,
        )
        y -= DETAIL_HEAD
    if page.legend:
        title = (
            LEGEND
            if page.kind != "legend" or page is pages_first_legend(pages)
            else LEGEND_CONTINUED
        )
        draw_legend(ink, page.legend, MARGIN, y, width, title)
    elif page.legend_page and page.kind != "legend":
        ink.say(LEGEND_ELSEWHERE.format(page=page.legend_page), MARGIN, y - 4 * mm, 8.0)
    footer = PAGE_FOOTER.format(page=number, pages=len(pages))
    centred(ink, footer, w / 2, 7 * mm, 9.0, width)
    mark = classification_mark(sheet)
    if mark:
        ink.say(mark, MARGIN + 5 * mm, h - 11 * mm, 12.0, font=ink.heading)


def pages_first_legend(pages: Sequence[Page]) -> Page | None:
    return next((p for p in pages if p.kind == "legend"), None)


def draw_floors(
    ink: Ink,
    sheet: Sheet,
    windows: Sequence[Window],
    scale: Scale,
    cx: float,
    y: float,
    pages: Sequence[Page],
    *,
    frames: bool = False,
) -> float:
    for window in windows:
        floor = sheet.floors[window.floor]
        left = cx - window.width * scale.p / 2
        if floor_label_height(floor, len(sheet.floors)):
            label = floor.name or ""
            if label:
                label = cut_to_width(label, ink.heading, 10.0, window.width * scale.p + ROW_NO)
                ink.say(label, left - ROW_NO, y - 4.5 * mm, 10.0, font=ink.heading)
            y -= 6 * mm
        top = y
        y = draw_window(ink, floor, window, left, top, scale)
        if frames:  # the overview: frame each part that has its own page
            for pg_number, pg in enumerate(pages, start=1):
                if pg.kind != "detail" or pg.windows[0].floor != window.floor:
                    continue
                part = pg.windows[0]
                x0 = left + (max(part.x0, 0.0)) * scale.p
                x1 = left + min(part.x1, floor.width) * scale.p
                y0 = top - part.first * scale.q
                y1 = top - part.last * scale.q
                ink.path("frames").rect(x0, y1, x1 - x0, y0 - y1)
                label = SEE_PAGE.format(page=pg_number)
                size = 9.0
                lw = stringWidth(label, ink.heading, size)
                ink.path("plates").rect(x0 + 1.5, y0 - size - 2.5, lw + 3, size + 2)
                ink.say(label, x0 + 3, y0 - size - 0.5, size, font=ink.heading)
        y -= GAP
    return y


def chart_sheet(plan: Plan, scenario: Scenario, body_font: str, heading_font: str) -> Sheet:
    units = unit_list(scenario)
    floors = chart_floors(plan.layout, scenario, units)
    return Sheet(
        plan,
        scenario,
        units,
        floors,
        scenario.rostrum_rows(),
        legend_entries(units, floors),
        body_font,
        heading_font,
    )


def clipped_chart(
    plan: Plan, scenario: Scenario, body_font: str, heading_font: str
) -> list[Clipped]:
    """The names the seating chart cuts with "…" (too long for a seat's box even condensed
    and set small), and the unit names its legend cuts: the fonts of :func:`render_chart`."""
    sheet = chart_sheet(plan, scenario, body_font, heading_font)
    pages = plan_pages(sheet)
    found: dict[tuple[int, str], Clipped] = {}
    for page in pages:
        scale = page.scale
        if page.kind in ("single", "overview"):
            box = rostrum_box(
                sheet.rostrum, content_width(page.paper), scale.p, rostrum_offsets_of(sheet)
            )
            size = rostrum_name_size(box)
            for a in (a for row in sheet.rostrum for a in row):
                if fit(a.person.name, body_font, size, box.p - 3, least=0.45)[0] != a.person.name:
                    found[(a.person.id, "姓名")] = Clipped(
                        CHART_FILE, a.person.name, "姓名", a.person.name
                    )
        if scale.names:
            for window in page.windows:
                floor = sheet.floors[window.floor]
                for row in floor.rows[window.first : window.last]:
                    for c in row.cells:
                        person = c.person
                        if person is None or not window.x0 <= c.x + 0.5 < window.x1:
                            continue
                        name = fit(person.name, body_font, scale.name_size, scale.p - 2.0, 0.45)[0]
                        if name != person.name:
                            found[(person.id, "姓名")] = Clipped(
                                CHART_FILE, person.name, "姓名", person.name
                            )
        if page.legend:
            _columns, column, _lines = legend_grid(
                page.legend, body_font, content_width(page.paper)
            )
            for e in page.legend:
                room = column - SWATCH[0] - 4 * mm
                text = fit(e.text, body_font, LEGEND_SIZE, room, smallest=LEGEND_LEAST_SIZE)[0]
                if e.kind == "unit" and text != e.text:
                    unit = sheet.units[e.unit - 1].name
                    found[(-e.unit, "单位")] = Clipped(CHART_FILE, "", "单位", unit)
    return list(found.values())


def render_chart(plan: Plan, scenario: Scenario, body_font: str, heading_font: str) -> bytes:
    """座次图.pdf for one scenario. Fonts must be registered with :func:`chart_text`."""
    sheet = chart_sheet(plan, scenario, body_font, heading_font)
    pages = plan_pages(sheet)
    buf = io.BytesIO()
    c = Canvas(
        buf, pagesize=pages[0].paper, invariant=1, pageCompression=1, initialFontName=body_font
    )
    meeting = plan.settings.meeting
    c.setTitle(metadata(chart_title(plan, scenario, CHART)))
    c.setAuthor(metadata(meeting.organizer))
    c.setCreator("meetplan")
    ink = Ink(c, body_font, heading_font)
    for number, page in enumerate(pages, start=1):
        c.setPageSize(page.paper)
        draw_page(ink, sheet, page, number, pages)
        ink.flush()
        c.showPage()
    with binary_streams():
        c.save()
    return buf.getvalue()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Write page streams compressed but not ASCII85-encoded: smaller files, and no
    pass of reportlab's pure-Python encoder (a second on a 10,000-seat chart)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


# -- 座次分单位.pdf ------------------------------------------------------------------


def number_ranges(numbers: Sequence[int]) -> str:
    """Printed seat numbers of touching seats, said briefly: 12–20号; in a 单双号 row
    11–15号（单号）, or 2–6号（双号）、1–5号（单号） for a run across the centre."""
    ordered = sorted(numbers)
    steps = {b - a for a, b in itertools.pairwise(ordered)}
    if len(ordered) > 1 and steps in ({1}, {2}):
        pieces = [ordered]
    else:  # left to right, in pieces of one step each
        pieces = []
        for n in numbers:
            if pieces:
                piece = pieces[-1]
                step = n - piece[-1]
                if (len(piece) == 1 and abs(step) in (1, 2)) or (
                    len(piece) > 1 and step == piece[-1] - piece[-2]
                ):
                    piece.append(n)
                    continue
            pieces.append([n])
    out = []
    for piece in pieces:
        lo, hi = min(piece), max(piece)
        if lo == hi:
            out.append(f"{lo}号")
            continue
        text = f"{lo}–{hi}号"
        if abs(piece[1] - piece[0]) == 2:
            text += ODD if lo % 2 else EVEN
        out.append(text)
    return "、".join(out)


def seat_summary(assignments: Sequence[Assignment], layout: Layout) -> str:
    """一楼 第3排 12–20号；第4排 1–8号 — consecutive rows alike are joined (第3–5排)."""
    floor_index = {f.name: i for i, f in enumerate(layout.floors)}
    by_row: dict[tuple[int, int], list[Assignment]] = {}
    for a in assignments:
        by_row.setdefault((floor_index.get(a.seat.floor, 0), a.seat.row), []).append(a)
    lines: list[tuple[int, int, int, str]] = []  # floor, first row, last row, seats
    for (fi, row), seats in sorted(by_row.items()):
        seats.sort(key=lambda a: a.seat.col)
        parts = []
        for run in seat_runs(seats):
            parts.append(number_ranges([a.seat.number for a in run]))
        text = "、".join(parts)
        if lines and lines[-1][0] == fi and lines[-1][2] == row - 1 and lines[-1][3] == text:
            lines[-1] = (fi, lines[-1][1], row, text)
        else:
            lines.append((fi, row, row, text))
    out = []
    last_floor = -1
    for fi, first, last, text in lines:
        rows = f"第{first}排" if first == last else ROWS.format(first=first, last=last)
        head = ""
        if fi != last_floor:
            head = layout.floors[fi].name
            last_floor = fi
        out.append(" ".join(x for x in (head, rows, text) if x))
    return "；".join(out)


def seat_runs(seats: Sequence[Assignment]) -> list[list[Assignment]]:
    """Touching seats of one row: consecutive columns in the same section."""
    out: list[list[Assignment]] = []
    for a in seats:
        if (
            out
            and a.seat.col == out[-1][-1].seat.col + 1
            and a.seat.section == out[-1][-1].seat.section
        ):
            out[-1].append(a)
        else:
            out.append([a])
    return out


KEEP = 40 * mm  # a unit's heading, the table header and a few rows stay together
EXTRACT_WIDTHS = (12 * mm, 30 * mm, 64 * mm, 46 * mm, 30 * mm)  # 序号 姓名 职务 座位 备注
EXTRACT_WIDTH = sum(EXTRACT_WIDTHS)
EXTRACT_FILE = "座次分单位.pdf"
CHART_FILE = "座次图.pdf"


def extract_cell(text: str, column: int) -> str:
    """A cell's text as printed: cut with "…" beyond CELL_LINES lines."""
    return in_lines(text, EXTRACT_WIDTHS[column] - 12, 10, CELL_LINES)


def unit_heading(unit: Unit, people: int) -> str:
    """1. 县委办公室　12人: a unit name too long for TITLE_LINES lines is cut with "…"."""
    tail = f"　{PEOPLE.format(n=people)}"
    room = chars_in(EXTRACT_WIDTH, 12.5, TITLE_LINES) - len(f"{unit.number}. ") - len(tail)
    return f"{unit.number}. {cut(unit.label, room)}{tail}"


def clipped_extract(plan: Plan, scenario: Scenario) -> list[Clipped]:
    """What 座次分单位.pdf cuts short with "…": names, titles, remarks, unit names."""
    found = []
    for a in scenario.in_area("rostrum") + scenario.in_area("hall"):
        p = a.person
        for column, what, text in (
            (1, "姓名", p.name),
            (2, "职务", p.title),
            (4, "备注", remark(p)),
        ):
            if extract_cell(text, column) != text:
                found.append(Clipped(EXTRACT_FILE, p.name, what, text))
    for unit in unit_list(scenario):
        if unit.label not in unit_heading(unit, unit.people):
            found.append(Clipped(EXTRACT_FILE, "", "单位", unit.name))
    return found


def render_unit_extract(plan: Plan, scenario: Scenario, body_font: str, heading_font: str) -> bytes:
    """座次分单位.pdf: the rostrum, then each unit's seats and people, in unit order."""
    meeting = plan.settings.meeting
    title_style = ParagraphStyle(
        "title", fontName=heading_font, fontSize=17, leading=23, alignment=TA_CENTER, wordWrap="CJK"
    )
    sub = ParagraphStyle(
        "sub", fontName=body_font, fontSize=10, leading=14, alignment=TA_CENTER, wordWrap="CJK"
    )
    unit_head = ParagraphStyle(
        "unit",
        fontName=heading_font,
        fontSize=12.5,
        leading=17,
        spaceBefore=9,
        spaceAfter=2,
        wordWrap="CJK",
    )
    line = ParagraphStyle(
        "line",
        fontName=body_font,
        fontSize=10,
        leading=14,
        spaceAfter=3,
        wordWrap="CJK",
    )
    cell = ParagraphStyle("cell", fontName=body_font, fontSize=10, leading=12.5, wordWrap="CJK")
    widths = EXTRACT_WIDTHS

    running = running_title(meeting) + EXTRACT
    if scenario.id != plan.base.id:
        running += f"（{cut(scenario.title, RUNNING_CHARS)}）"
    story: list = [SheetStart("extract", running)]
    title = in_lines(chart_title(plan, scenario, EXTRACT), EXTRACT_WIDTH, 17, TITLE_LINES)
    story.append(Paragraph(escape(title), title_style))
    info = info_line(meeting, plan.layout)
    if info:
        story.append(Paragraph(escape(in_lines(info, EXTRACT_WIDTH, 10, TITLE_LINES)), sub))
    story.append(Spacer(1, 3 * mm))

    def cell_of(text: str, column: int) -> str | Paragraph:
        """Plain text where it fits on one line (fast); a wrapping paragraph where not, cut
        with "…" beyond CELL_LINES lines."""
        if stringWidth(text, body_font, 10) <= widths[column] - 12:
            return text
        return Paragraph(escape(extract_cell(text, column)), cell)

    def table(assignments: Sequence[Assignment]) -> Table:
        data: list[list[str | Paragraph]] = [list(EXTRACT_COLUMNS)]
        for i, a in enumerate(assignments, start=1):
            p = a.person
            data.append(
                [
                    str(i),
                    cell_of(p.name, 1),
                    cell_of(p.title, 2),
                    cell_of(a.seat.label, 3),
                    cell_of(remark(p), 4),
                ]
            )
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), body_font),
                    ("FONTNAME", (0, 0), (-1, 0), heading_font),
                    ("FONTSIZE", (0, 0), (-1, -1), 10),
                    ("ALIGN", (0, 0), (0, -1), "CENTER"),
                    ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ]
            )
        )
        return t

    rostrum = [a for row in scenario.rostrum_rows() for a in row]
    if rostrum:
        story.append(CondPageBreak(KEEP))
        story.append(Paragraph(escape(f"{ROSTRUM}　{PEOPLE.format(n=len(rostrum))}"), unit_head))
        story.append(table(rostrum))

    hall = scenario.in_area("hall")
    floor_index = {f.name: i for i, f in enumerate(plan.layout.floors)}

    def order(a: Assignment) -> tuple[int, int, int]:
        return (floor_index.get(a.seat.floor, 0), a.seat.row, a.seat.col)

    unseated: dict[str, list[str]] = {}
    for u in scenario.unseated:
        if u.person.area in (Area.HALL, Area.OBSERVER):
            unseated.setdefault(u.person.unit, []).append(f"{u.person.name}（{u.reason.label}）")
    for unit in unit_list(scenario):
        mine = sorted((a for a in hall if a.person.unit == unit.name), key=order)
        summary = SEATS_LINE + seat_summary(mine, plan.layout)
        # a heading never ends a page: room for it, its lines and the table's first rows
        story.append(CondPageBreak(KEEP + stringWidth(summary, body_font, 10) / (170 * mm) * 14))
        story.append(Paragraph(escape(unit_heading(unit, len(mine))), unit_head))
        story.append(Paragraph(escape(summary), line))
        if unit.name in unseated:
            story.append(Paragraph(escape(UNSEATED_LINE + "、".join(unseated[unit.name])), line))
        story.append(table(mine))

    with binary_streams():
        return render_numbered_a4(
            story, meeting, chart_title(plan, scenario, EXTRACT), body_font, heading_font
        )
