"""Passes (出席证.pdf): one badge per attendee who comes, with a code the desk scans.

Each pass carries the meeting's title and date, the pass's own title (出席证 or
``[print] pass_title``; 列席证 for 列席, 工作证 for 工作人员), the name large, the
unit, the seat as the seat labels print it, and a QR code of
:func:`meetplan.model.codes.person_code` with the code written under it (typed by
hand when a scanner fails). Passes fill an A4 sheet row by row (``pass_grid``)
with a small gutter between them, cut marks in the margin along every edge and a
thin grey outline round each.

Who gets one: everyone of the base plan, as the sign-in sheets list them —
rostrum by precedence, then the hall, 列席 and 工作人员 unit by unit. 待定 leaders
get a pass too: a seat and a card are prepared for them, and a pass made in
advance costs less than one made at the door. 请假 people (and those a
substitute replaces) get none, nor do standby substitutes (代会备用), who come
only if their leader does not: their pass is made on the day, with ``attend``.
工作人员 without staff seats get a pass without a seat line.

The names follow the seat labels' rules: one size for the set, condensed when
long, cut with "…" only beyond that (:func:`clipped_passes`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from meetplan.i18n import _
from meetplan.model.attendee import Area
from meetplan.model.codes import person_code
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.plan import Plan, UnseatedReason
from meetplan.model.settings import MeetingInfo, PrintSettings
from meetplan.render.cards import NAME_LEAST, TRACKING, draw_name, natural_width, spread_two
from meetplan.render.fitting import Clipped, condensed, cut, metadata
from meetplan.render.lists import sheet_order
from meetplan.render.official import DATE_TEXT, official_date
from meetplan.render.qr import draw_qr
from meetplan.render.seat_labels import columns_rows, line_fit, millimetres, seat_text

if TYPE_CHECKING:
    from meetplan.fonts import FontBook

PASSES_PDF = "出席证.pdf"
OBSERVER_TITLE = "列席证"
STAFF_TITLE = "工作证"
SEAT_PREFIX = "座位："
NO_PASSES = "本次会议无人出席，无需出席证"
STANDARD = "国国国"  # the three-character name the set's size is fitted to
CODE_CHARS = "MP-0123456789ABCDEF"
# Every character the passes print besides their own texts (names, units, seats, titles).
FIXED_TEXT = SEAT_PREFIX + NO_PASSES + STANDARD + CODE_CHARS + " "
TITLE_CHARS = 40  # the meeting's title on a pass: two lines at most, then "…"

PASS_SIZE = (90 * mm, 120 * mm)
GRID = (2, 2)
GUTTER = 6 * mm  # between neighbouring passes, when the sheet has room for it
MIN_PASS = 50 * mm  # a pass narrower or lower than this cannot hold a name and a code
MAX_GRID = 10
CROP = 5 * mm  # length of a cut mark in the margin
CROP_OFFSET = 1.5 * mm  # a cut mark stops this short of the pass
RED = Color(0.78, 0.08, 0.08)
GUIDE = Color(0.7, 0.7, 0.7)

# Shares of the pass: the pass is laid out in proportion to its height (portrait) or,
# for a landscape card (86x54), the text beside the code.
PAD = 0.06  # blank border inside the pass, share of the shorter side
MEETING_SIZE = 0.045  # the meeting's title
DATE_SIZE = 0.032
TITLE_SIZE = 0.10  # 出席证
NAME_SIZE = 0.12
LINE_SIZE = 0.042  # the unit and the seat
CODE_SIZE = 0.024  # the code's text under the QR code
QR_SHARE = 0.27  # the QR code's side (portrait: of the height; landscape: of the width)


@dataclass(frozen=True)
class Pass:
    name: str
    unit: str
    seat: str  # as the seat labels print it (一楼 3排 12号; 主席台第1排第3座); "" for none
    title: str  # 出席证, 列席证, 工作证
    code: str  # MP-1A2B3C-0F1E2D3C: the QR code and the text under it
    person: int = 0  # the roster id


def pass_title_for(area: Area, title: str) -> str:
    """The word on a pass: 列席 get 列席证, 工作人员 工作证, everyone else ``title``."""
    if area is Area.OBSERVER:
        return OBSERVER_TITLE
    if area is Area.STAFF:
        return STAFF_TITLE
    return title


def passes_for(plan: Plan) -> list[Pass]:
    """A pass for each person of the base plan who comes, in sign-in order."""
    base = plan.base
    seats = {a.person.id: a.seat for a in base.assignments}
    seatless = {
        u.person.id for u in base.unseated if u.reason is UnseatedReason.STAFF_WITHOUT_SEATS
    }
    meeting = plan.settings.meeting
    title = plan.settings.printing.pass_title
    found = []
    for area in (Area.ROSTRUM, Area.HALL, Area.OBSERVER, Area.STAFF):
        for person in sheet_order(plan, area):
            seat = seats.get(person.id)
            if seat is None and person.id not in seatless:
                continue  # 请假, replaced by a substitute, or a standby substitute
            if seat is None:
                where = ""
            elif seat.area == "hall":
                where = seat_text(seat.floor, seat.row, seat.number)
            else:
                where = seat.label
            found.append(
                Pass(
                    person.name,
                    person.unit,
                    where,
                    pass_title_for(area, title),
                    person_code(meeting, person),
                    person.id,
                )
            )
    return found


# ---------------------------------------------------------------------------
# Settings: pass size and sheet grid


def parse_pass_size(spec: str, key: str = "print.pass_size") -> tuple[float, float]:
    """A pass size "WIDTHxHEIGHT" in millimetres (90x120) as (width, height) in points."""
    size = millimetres(spec, MIN_PASS)
    if size is not None:
        return size
    raise UserError(
        Problem(
            _("Unknown pass size {value!r}.").format(value=spec),
            Location(key=key, value=spec),
            hint=_(
                "Give the pass's width and height in millimetres, such as 90x120 "
                "(the insert of the badge sleeve); each between 50 and 297."
            ),
        )
    )


def parse_pass_grid(
    spec: str,
    key: str = "print.pass_grid",
    *,
    size: tuple[float, float] | None = None,
    page: tuple[float, float] = A4,
) -> tuple[int, int]:
    """A sheet grid "COLUMNSxROWS" (2x2) as (columns, rows); with ``size``, also checks
    that so many passes fit on the page."""
    grid = columns_rows(spec, MAX_GRID)
    if grid is not None:
        cols, rows = grid
        if size is not None:
            need_w, need_h = cols * size[0], rows * size[1]
            if need_w > page[0] + 0.01 or need_h > page[1] + 0.01:
                raise UserError(
                    Problem(
                        _(
                            "{cols} x {rows} passes of {w:g} x {h:g} mm need "
                            "{need_w:.0f} x {need_h:.0f} mm, but the page is "
                            "{page_w:.0f} x {page_h:.0f} mm."
                        ).format(
                            cols=cols,
                            rows=rows,
                            w=round(size[0] / mm, 1),
                            h=round(size[1] / mm, 1),
                            need_w=need_w / mm,
                            need_h=need_h / mm,
                            page_w=page[0] / mm,
                            page_h=page[1] / mm,
                        ),
                        Location(key=key, value=spec),
                        hint=_("Fewer passes per sheet, or smaller passes, fit."),
                    )
                )
        return (cols, rows)
    raise UserError(
        Problem(
            _("Unknown pass grid {value!r}.").format(value=spec),
            Location(key=key, value=spec),
            hint=_(
                "Give the passes per sheet as columns x rows, such as 2x2 "
                "(2 across, 2 down); each between 1 and 10."
            ),
        )
    )


def check_pass_settings(printing: PrintSettings) -> list[Problem]:
    """The pass size and grid, checked before any roster work (when passes are asked for)."""
    if not printing.passes:
        return []
    try:
        parse_pass_grid(printing.pass_grid, size=parse_pass_size(printing.pass_size))
    except UserError as error:
        return list(error.problems)
    return []


# ---------------------------------------------------------------------------
# Layout


@dataclass(frozen=True)
class _Face:
    """Where each part of a pass sits, relative to its bottom-left corner."""

    width: float
    height: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def pad(self) -> float:
        return PAD * min(self.width, self.height)

    @property
    def unit(self) -> float:
        """The measure every size is a share of: the height of a portrait pass; for a
        landscape card, the height it would have in portrait at the same width."""
        return self.height if not self.landscape else min(self.height * 1.6, self.width)

    @property
    def qr_side(self) -> float:
        if self.landscape:
            return min(
                QR_SHARE * self.width * 1.3, self.height - 2 * self.pad - self.code_size * 1.6
            )
        return min(QR_SHARE * self.height, self.width - 2 * self.pad)

    @property
    def code_size(self) -> float:
        return CODE_SIZE * self.unit

    @property
    def text_width(self) -> float:
        """The width of the text column: the whole inner width, or beside the code."""
        inner = self.width - 2 * self.pad
        return inner - (self.qr_side + self.pad if self.landscape else 0)

    @property
    def text_centre(self) -> float:
        return self.pad + self.text_width / 2


def name_size(font: str, face: _Face) -> float:
    """One size for every name: as large as the pass allows, a three-character name fitting."""
    per_point = natural_width(STANDARD, font, 100.0) / 100.0
    return min(NAME_SIZE * face.unit, face.text_width / per_point)


def draw_line(
    c: Canvas, text: str, font: str, size: float, centre_x: float, baseline: float, max_w: float
) -> None:
    """A line centred, condensed (or set a little smaller) to fit, cut with "…" beyond."""
    text, size, scale = line_fit(text, font, size, max_w)
    width = stringWidth(text, font, size)
    c.saveState()
    c.setFont(font, size)
    c.translate(centre_x - width * scale / 2, baseline)
    c.scale(scale, 1.0)
    c.drawString(0, 0, text)
    c.restoreState()


def meeting_lines(title: str, font: str, size: float, width: float) -> list[str]:
    """The meeting's title on at most two lines of ``width``, broken where it fills the first."""
    title = cut(title, TITLE_CHARS)
    if stringWidth(title, font, size) <= width:
        return [title] if title else []
    cut_at = len(title)
    while cut_at > 1 and stringWidth(title[:cut_at], font, size) > width:
        cut_at -= 1
    return [title[:cut_at], title[cut_at:]]


def draw_pass(
    c: Canvas,
    card: Pass,
    meeting: MeetingInfo,
    fonts: tuple[str, str, str],
    size: float,
    face: _Face,
    origin: tuple[float, float],
) -> None:
    """One pass with its bottom-left corner at ``origin``."""
    name_font, body_font, heading_font = fonts
    x0, y0 = origin
    pad, u, tw, centre = face.pad, face.unit, face.text_width, x0 + face.text_centre
    c.setFillColor(black)
    top = y0 + face.height - pad
    # The meeting, its date, then the pass's title in red under a red rule.
    meeting_size = MEETING_SIZE * u
    for line in meeting_lines(meeting.title, heading_font, meeting_size, tw):
        top -= meeting_size
        draw_line(c, line, heading_font, meeting_size, centre, top + meeting_size * 0.12, tw)
        top -= meeting_size * 0.25
    date = official_date(meeting.date)
    if date:
        date_size = DATE_SIZE * u
        top -= date_size * 1.2
        draw_line(c, date, body_font, date_size, centre, top + date_size * 0.12, tw)
    title_size = TITLE_SIZE * u
    top -= title_size * 1.35
    c.setFillColor(RED)
    spaced = " ".join(card.title) if len(card.title) <= 3 else card.title
    draw_line(c, spaced, heading_font, title_size, centre, top + title_size * 0.12, tw)
    top -= title_size * 0.3
    c.setStrokeColor(RED)
    c.setLineWidth(1.2)
    c.line(x0 + pad, top, x0 + pad + tw, top)
    c.setFillColor(black)
    # The code: at the foot (portrait), or to the right (landscape), its text under it.
    side = face.qr_side
    code_size = face.code_size
    if face.landscape:
        qr_x = x0 + face.width - pad - side
        qr_y = y0 + pad + code_size * 1.5
    else:
        qr_x = x0 + (face.width - side) / 2
        qr_y = y0 + pad + code_size * 1.5
    draw_qr(c, card.code, qr_x, qr_y, side)
    draw_line(c, card.code, body_font, code_size, qr_x + side / 2, y0 + pad, side * 1.4)
    # Name, unit and seat share the room between the rule and the code.
    bottom = y0 + pad + (0 if face.landscape else side + code_size * 1.8)
    line_size = LINE_SIZE * u
    lines = [t for t in (card.unit, SEAT_PREFIX + card.seat if card.seat else "") if t]
    block = size * 0.88 + len(lines) * line_size * 1.6
    baseline = bottom + (top - bottom - block) / 2 + block - size * 0.88
    draw_name(c, card.name, name_font, size, centre, baseline, tw)
    for line in lines:
        baseline -= line_size * 1.6
        draw_line(c, line, body_font, line_size, centre, baseline, tw)


@dataclass(frozen=True)
class _Sheet:
    """The passes on a page: the grid centred, with a gutter where there is room."""

    page: tuple[float, float]
    size: tuple[float, float]
    grid: tuple[int, int]

    @property
    def per_page(self) -> int:
        return self.grid[0] * self.grid[1]

    def gutter(self, axis: int) -> float:
        n = self.grid[axis]
        if n < 2:
            return 0.0
        spare = self.page[axis] - n * self.size[axis]
        return max(0.0, min(GUTTER, spare / (n + 1)))

    def edges(self, axis: int) -> list[tuple[float, float]]:
        """(start, end) of each column (axis 0, left to right) or row (axis 1, top down)."""
        n, length, gap = self.grid[axis], self.size[axis], self.gutter(axis)
        start = (self.page[axis] - (n * length + (n - 1) * gap)) / 2
        spans = [
            (start + i * (length + gap), start + i * (length + gap) + length) for i in range(n)
        ]
        if axis == 1:  # rows count from the top of the page
            spans = [(self.page[1] - b, self.page[1] - a) for a, b in spans]
        return spans

    def origin(self, index: int) -> tuple[float, float]:
        row, col = divmod(index, self.grid[0])
        return (self.edges(0)[col][0], self.edges(1)[row][0])


def draw_marks(c: Canvas, sheet: _Sheet, count: int) -> None:
    """Cut marks in the margin along every edge of the passes, and a thin outline round each."""
    c.saveState()
    c.setStrokeColor(black)
    c.setLineWidth(0.3)
    columns, rows = sheet.edges(0), sheet.edges(1)
    left, right = columns[0][0], columns[-1][1]
    low, high = rows[-1][0], rows[0][1]
    room_x, room_y = left, sheet.page[1] - high  # the margins (the grid is centred)
    if room_y > CROP_OFFSET + 1 * mm:
        length = min(CROP, room_y - CROP_OFFSET - 1 * mm)
        for x in sorted({x for span in columns for x in span}):
            c.line(x, high + CROP_OFFSET, x, high + CROP_OFFSET + length)
            c.line(x, low - CROP_OFFSET, x, low - CROP_OFFSET - length)
    if room_x > CROP_OFFSET + 1 * mm:
        length = min(CROP, room_x - CROP_OFFSET - 1 * mm)
        for y in sorted({y for span in rows for y in span}):
            c.line(left - CROP_OFFSET, y, left - CROP_OFFSET - length, y)
            c.line(right + CROP_OFFSET, y, right + CROP_OFFSET + length, y)
    c.setStrokeColor(GUIDE)
    for index in range(count):
        x, y = sheet.origin(index)
        c.rect(x, y, sheet.size[0], sheet.size[1], stroke=1, fill=0)
    c.restoreState()


def passes_text(passes: Sequence[Pass], meeting: MeetingInfo) -> str:
    """Every character the passes print (register each of the three fonts with it)."""
    return (
        "".join(p.name + p.unit + p.seat + p.title + " ".join(p.title) + p.code for p in passes)
        + cut(meeting.title, TITLE_CHARS)
        + official_date(meeting.date)
        + DATE_TEXT
        + FIXED_TEXT
    )


def render_passes(
    passes: Sequence[Pass],
    meeting: MeetingInfo,
    name_font: str,
    body_font: str,
    heading_font: str,
    *,
    size: tuple[float, float] = PASS_SIZE,
    grid: tuple[int, int] = GRID,
    page: tuple[float, float] = A4,
    author: str = "",
) -> bytes:
    """The passes as a PDF, ``grid`` to a page; every font registered with
    :func:`passes_text` of the same passes."""
    sheet = _Sheet(page, size, grid)
    face = _Face(*size)
    set_size = name_size(name_font, face)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=page, invariant=1, pageCompression=1, initialFontName=body_font)
    c.setTitle(metadata(f"{meeting.title} 出席证"))
    c.setAuthor(metadata(author))
    c.setCreator("meetplan")
    for p in range(math.ceil(len(passes) / sheet.per_page)):
        on_page = passes[p * sheet.per_page : (p + 1) * sheet.per_page]
        draw_marks(c, sheet, len(on_page))
        for index, card in enumerate(on_page):
            draw_pass(
                c,
                card,
                meeting,
                (name_font, body_font, heading_font),
                set_size,
                face,
                sheet.origin(index),
            )
        c.showPage()
    if not passes:  # never a blank file
        c.setFont(body_font, 20)
        c.drawCentredString(page[0] / 2, page[1] / 2, NO_PASSES)
        c.showPage()
    c.save()
    return buf.getvalue()


def clipped_passes(
    passes: Sequence[Pass],
    font: str,
    body_font: str = "",
    *,
    size: tuple[float, float] = PASS_SIZE,
    document: str = PASSES_PDF,
) -> list[Clipped]:
    """The names, units and seats too long for a pass, cut with "…" on it (the fonts and
    the size of :func:`render_passes`)."""
    body_font = body_font or font
    face = _Face(*size)
    set_size = name_size(font, face)
    line_size = LINE_SIZE * face.unit
    found = []
    for card in passes:
        if not spread_two(card.name):
            name, _scale = condensed(
                card.name, font, set_size, face.text_width, NAME_LEAST, TRACKING * set_size
            )
            if name != card.name:
                found.append(Clipped(document, card.name, "姓名", card.name))
        for field_name, text in (("单位", card.unit), ("座位", card.seat)):
            shown = SEAT_PREFIX + text if field_name == "座位" else text
            if text and line_fit(shown, body_font, line_size, face.text_width)[0] != shown:
                found.append(Clipped(document, card.name, field_name, text))
    return found


# ---------------------------------------------------------------------------
# For the build


def _fonts(plan: Plan, fonts: FontBook, passes: Sequence[Pass]) -> tuple[str, str, str]:
    printing = plan.settings.printing
    text = passes_text(passes, plan.settings.meeting)
    return (
        fonts.register(printing.card_font, text),
        fonts.register(printing.list_font, text),
        fonts.register(printing.heading_font, text),
    )


def pass_makers(plan: Plan, fonts: FontBook) -> dict[str, Callable[[], bytes]]:
    """{"出席证.pdf": its maker} when ``[print] passes = true``, else nothing."""
    printing = plan.settings.printing
    if not printing.passes:
        return {}
    size = parse_pass_size(printing.pass_size)
    grid = parse_pass_grid(printing.pass_grid, size=size)
    passes = passes_for(plan)
    name_font, body_font, heading_font = _fonts(plan, fonts, passes)
    meeting = plan.settings.meeting
    return {
        PASSES_PDF: lambda: render_passes(
            passes,
            meeting,
            name_font,
            body_font,
            heading_font,
            size=size,
            grid=grid,
            author=meeting.organizer,
        )
    }


def clipped_pass_documents(plan: Plan, fonts: FontBook) -> list[Clipped]:
    """What 出席证.pdf prints cut short, for the build's warnings (nothing without passes)."""
    printing = plan.settings.printing
    if not printing.passes:
        return []
    passes = passes_for(plan)
    name_font, body_font, _heading = _fonts(plan, fonts, passes)
    return clipped_passes(passes, name_font, body_font, size=parse_pass_size(printing.pass_size))
