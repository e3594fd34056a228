"""Seat labels (座签.pdf): one sticker per hall seat, on label stock.

Each label carries the person's name, large, and the seat as printed in the
hall (一楼 3排 12号), smaller; optionally the unit on a line above the name;
with ``[print] seat_label_code = true``, the person's pass code as a QR code at the
right (:mod:`meetplan.model.codes`: the same code as on the pass).
Labels fill the sheet left to right, top to bottom, in seat order (floor,
row, seat from the audience's left), so the staff peel them off row by row.

The names follow the table cards' rules (PROTOCOL.md §6): one size for the
whole set, two-character names spread to the width of three, longer names
condensed horizontally — never wrapped, never made smaller — and cut with "…"
only beyond what condensing can hold (:func:`clipped_labels` says which). The
rostrum has table cards instead of labels.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from meetplan.i18n import _
from meetplan.model.codes import person_code
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.plan import Plan, Scenario
from meetplan.render.cards import NAME_LEAST, TRACKING, draw_name, natural_width, spread_two
from meetplan.render.fitting import Clipped, condensed, metadata, shrunk
from meetplan.render.qr import draw_qr

LABEL_SIZE = (70 * mm, 37 * mm)  # the common 24-up A4 sheet (3 x 8, butt cut)
GRID = (3, 8)  # columns, rows of labels on a sheet
PADDING = 0.08  # blank border inside a label, as a share of its height
NAME_HEIGHT = 0.40  # the name's font size as a share of the label's height
SEAT_HEIGHT = 0.13  # the seat line's size as a share of the label's height
UNIT_HEIGHT = 0.09  # the unit line's size as a share of the label's height
CODE_HEIGHT = 0.62  # the QR code's side (with its quiet zone) as a share of the label's height
MIN_CONDENSE = 0.55  # a secondary line narrower than this is set smaller instead
LINE_MIN_SIZE = 4.0  # points: a secondary line is never set smaller; beyond, it is cut with "…"
GUIDE = Color(0.7, 0.7, 0.7)
NO_LABELS = "本次会议会场无人就座，无需座签"
STANDARD = "国国国"  # the three-character name the set size is fitted to
# Every character this renderer prints besides the labels' own text.
FIXED_TEXT = STANDARD + NO_LABELS + "排号0123456789 "

MIN_LABEL = 15 * mm  # smaller than this cannot hold a readable name
MAX_GRID = 30  # labels per row or column of a sheet
_PAIR = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×X*]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$", re.IGNORECASE)
_GRID = re.compile(r"^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$")


@dataclass(frozen=True)
class SeatLabel:
    name: str
    seat: str  # as printed: 一楼 3排 12号
    unit: str = ""
    code: str = ""  # the pass's code (meetplan.model.codes), as a QR code at the right; "" none


def seat_text(floor: str, row: int, number: int) -> str:
    """The seat as the label prints it: 一楼 3排 12号 (3排 12号 in a one-floor room)."""
    return " ".join(part for part in (floor, f"{row}排", f"{number}号") if part)


def labels_for(plan: Plan, scenario: Scenario | None = None) -> list[SeatLabel]:
    """A label for every hall seat taken in the scenario (the base plan by default).

    In seat order: floors as the layout lists them, rows front to back, seats
    from the audience's left. Rostrum people get table cards, not labels.
    """
    scenario = scenario or plan.base
    coded = plan.settings.printing.seat_label_code
    floor_index = {floor.name: i for i, floor in enumerate(plan.layout.floors)}
    hall = sorted(
        scenario.in_area("hall"),
        key=lambda a: (floor_index.get(a.seat.floor, len(floor_index)), a.seat.row, a.seat.col),
    )
    return [
        SeatLabel(
            name=a.person.name,
            seat=seat_text(a.seat.floor, a.seat.row, a.seat.number),
            unit=a.person.unit,
            code=person_code(plan.settings.meeting, a.person) if coded else "",
        )
        for a in hall
    ]


def seat_label_text(labels: Sequence[SeatLabel], *, with_unit: bool = True) -> str:
    """Every character the labels print: register the font with this text."""
    return (
        "".join(label.name + label.seat + (label.unit if with_unit else "") for label in labels)
        + FIXED_TEXT
    )


# ---------------------------------------------------------------------------
# Settings: label size and sheet grid


def millimetres(spec: str, least: float) -> tuple[float, float] | None:
    """ "WIDTHxHEIGHT" in millimetres as (width, height) in points, each between
    ``least`` (points) and an A4 sheet's length; None when it is not one."""
    m = _PAIR.match(spec)
    if m:
        w, h = float(m.group(1)) * mm, float(m.group(2)) * mm
        if min(w, h) >= least and max(w, h) <= 297 * mm:
            return (w, h)
    return None


def columns_rows(spec: str, most: int) -> tuple[int, int] | None:
    """ "COLUMNSxROWS" as (columns, rows), each from 1 to ``most``; None when it is not one."""
    m = _GRID.match(spec)
    if m:
        cols, rows = int(m.group(1)), int(m.group(2))
        if 1 <= cols <= most and 1 <= rows <= most:
            return (cols, rows)
    return None


def parse_label_spec(spec: str, key: str = "print.label_size") -> tuple[float, float]:
    """A label size "WIDTHxHEIGHT" in millimetres (70x37) as (width, height) in points."""
    size = millimetres(spec, MIN_LABEL)
    if size is not None:
        return size
    raise UserError(
        Problem(
            _("Unknown label size {value!r}.").format(value=spec),
            Location(key=key, value=spec),
            hint=_(
                "Give the label's width and height in millimetres, such as 70x37; "
                "each between 15 and 297."
            ),
        )
    )


def parse_grid(
    spec: str,
    key: str = "print.label_grid",
    *,
    label_size: tuple[float, float] | None = None,
    page: tuple[float, float] = A4,
) -> tuple[int, int]:
    """A sheet grid "COLUMNSxROWS" (3x8) as (columns, rows).

    With ``label_size``, also checks that so many labels fit on the page.
    """
    grid = columns_rows(spec, MAX_GRID)
    if grid is not None:
        if label_size is not None:
            check_grid_fits(label_size, grid, page, key=key)
        return grid
    raise UserError(
        Problem(
            _("Unknown label grid {value!r}.").format(value=spec),
            Location(key=key, value=spec),
            hint=_(
                "Give the labels per sheet as columns x rows, such as 3x8 "
                "(3 across, 8 down); each between 1 and 30."
            ),
        )
    )


def check_grid_fits(
    label_size: tuple[float, float],
    grid: tuple[int, int],
    page: tuple[float, float] = A4,
    *,
    gap: tuple[float, float] = (0.0, 0.0),
    key: str = "print.label_grid",
) -> None:
    """Refuse a grid of labels larger than the page, saying by how much."""
    need_w = grid[0] * label_size[0] + (grid[0] - 1) * gap[0]
    need_h = grid[1] * label_size[1] + (grid[1] - 1) * gap[1]
    over_w, over_h = need_w - page[0], need_h - page[1]
    if over_w > 0.01 or over_h > 0.01:  # a hundredth of a point: rounding, not a misfit
        raise UserError(
            Problem(
                _(
                    "{cols} x {rows} labels of {w:g} x {h:g} mm need {need_w:.0f} x {need_h:.0f} mm, "
                    "but the page is {page_w:.0f} x {page_h:.0f} mm."
                ).format(
                    cols=grid[0],
                    rows=grid[1],
                    w=round(label_size[0] / mm, 1),
                    h=round(label_size[1] / mm, 1),
                    need_w=need_w / mm,
                    need_h=need_h / mm,
                    page_w=page[0] / mm,
                    page_h=page[1] / mm,
                ),
                Location(key=key, value=f"{grid[0]}x{grid[1]}"),
                hint=_(
                    "Copy the label size and the number across and down from the label "
                    "sheet's packet; fewer labels per sheet or smaller labels fit."
                ),
            )
        )


# ---------------------------------------------------------------------------
# Drawing


@dataclass(frozen=True)
class _Sheet:
    """Where the labels sit on the page: the grid centred, (0, 0) at the bottom left."""

    page: tuple[float, float]
    label: tuple[float, float]
    grid: tuple[int, int]
    gap: tuple[float, float]

    @property
    def per_page(self) -> int:
        return self.grid[0] * self.grid[1]

    def origin(self, index: int) -> tuple[float, float]:
        """Bottom-left corner of the index-th label of a page, filled row by row from the top."""
        cols, rows = self.grid
        (w, h), (gx, gy) = self.label, self.gap
        left = (self.page[0] - (cols * w + (cols - 1) * gx)) / 2
        top = self.page[1] - (self.page[1] - (rows * h + (rows - 1) * gy)) / 2
        row, col = divmod(index, cols)
        return (left + col * (w + gx), top - (row + 1) * h - row * gy)


def code_side(label: tuple[float, float]) -> float:
    """The side of a label's QR code: most of its height, at most a third of its width."""
    width, height = label
    return min(height * CODE_HEIGHT, width / 3)


def text_width(label: tuple[float, float], coded: bool) -> float:
    """The width the label's text lines have: all but the padding, and the code's room."""
    width, height = label
    pad = PADDING * height
    return width - 2 * pad - (code_side(label) if coded else 0.0)


def name_size(font: str, label: tuple[float, float], coded: bool = False) -> float:
    """One size for every name: as tall as the label allows, and a three-character name fits
    (beside the code, ``coded``)."""
    height = label[1]
    inner = text_width(label, coded)
    per_point = natural_width(STANDARD, font, 100.0) / 100.0
    return min(height * NAME_HEIGHT, inner / per_point)


def draw_line(
    c: Canvas, text: str, font: str, size: float, centre_x: float, baseline: float, max_w: float
) -> None:
    """A secondary line, centred, condensed to fit; set smaller only when very long, and
    cut with "…" beyond :data:`LINE_MIN_SIZE`."""
    text, size, scale = line_fit(text, font, size, max_w)
    width = stringWidth(text, font, size)
    c.saveState()
    c.setFont(font, size)
    c.translate(centre_x - width * scale / 2, baseline)
    c.scale(scale, 1.0)
    c.drawString(0, 0, text)
    c.restoreState()


def line_fit(text: str, font: str, size: float, max_w: float) -> tuple[str, float, float]:
    """(text, size, scale) of a secondary line (unit, seat) in ``max_w``."""
    return shrunk(text, font, size, max_w, MIN_CONDENSE, min(LINE_MIN_SIZE, size))


def clipped_labels(
    labels: Sequence[SeatLabel],
    font: str,
    *,
    label_size: tuple[float, float] = LABEL_SIZE,
    with_unit: bool = True,
    document: str = "座签.pdf",
) -> list[Clipped]:
    """The names and units too long for a label, cut with "…" on it (the font and the
    label size of :func:`render_seat_labels`)."""
    height = label_size[1]
    coded = any(label.code for label in labels)
    inner = text_width(label_size, coded)
    size = name_size(font, label_size, coded)
    found = []
    for label in labels:
        if not spread_two(label.name):
            name, _scale = condensed(label.name, font, size, inner, NAME_LEAST, TRACKING * size)
            if name != label.name:
                found.append(Clipped(document, label.name, "姓名", label.name))
        if with_unit and label.unit:
            unit = line_fit(label.unit, font, height * UNIT_HEIGHT, inner)[0]
            if unit != label.unit:
                found.append(Clipped(document, label.name, "单位", label.unit))
    return found


def draw_label(
    c: Canvas,
    label: SeatLabel,
    font: str,
    size: float,
    box: tuple[float, float, float, float],
    with_unit: bool,
    coded: bool = False,
) -> None:
    """One label in the box (x, y, width, height): unit, name, seat, top to bottom; with
    ``coded``, the text to the left and the label's QR code to the right."""
    x, y, width, height = box
    pad = PADDING * height
    inner = text_width((width, height), coded)
    centre = x + pad + inner / 2
    if coded and label.code:
        side = code_side((width, height))
        # The code's own quiet zone is its margin: it may come to the label's edge.
        draw_qr(c, label.code, x + width - side, y + (height - side) / 2, side)
    seat_size = height * SEAT_HEIGHT
    seat_base = y + pad + seat_size * 0.12  # CJK glyphs descend about 0.12 em
    draw_line(c, label.seat, font, seat_size, centre, seat_base, inner)
    top = y + height - pad
    if with_unit and label.unit:
        unit_size = height * UNIT_HEIGHT
        draw_line(c, label.unit, font, unit_size, centre, top - unit_size * 0.88, inner)
        top -= unit_size * 1.3
    # The name is centred in the room between the seat line and the top (or the unit line).
    room_bottom = y + pad + seat_size * 1.3
    baseline = room_bottom + (top - room_bottom - size * 0.88) / 2 + size * 0.04
    draw_name(c, label.name, font, size, centre, baseline, inner)


def draw_guides(c: Canvas, sheet: _Sheet, count: int) -> None:
    """Thin grey outlines round the labels used, for cutting plain paper by hand."""
    c.saveState()
    c.setStrokeColor(GUIDE)
    c.setLineWidth(0.3)
    c.setDash(1, 2)
    for index in range(count):
        x, y = sheet.origin(index)
        c.rect(x, y, sheet.label[0], sheet.label[1], stroke=1, fill=0)
    c.restoreState()


def render_seat_labels(
    labels: Sequence[SeatLabel],
    font: str,
    *,
    label_size: tuple[float, float] = LABEL_SIZE,
    grid: tuple[int, int] = GRID,
    page: tuple[float, float] = A4,
    gap: tuple[float, float] = (0.0, 0.0),
    with_unit: bool = True,
    cut_guides: bool = False,
    title: str = "座签",
    author: str = "",
) -> bytes:
    """The label sheets as a PDF: ceil(len(labels) / (columns x rows)) pages.

    ``label_size`` and ``gap`` (between neighbouring labels) are in points;
    the grid is centred on the page. ``font`` must be registered with
    :func:`seat_label_text` of the same labels.
    """
    check_grid_fits(label_size, grid, page, gap=gap)
    sheet = _Sheet(page, label_size, grid, gap)
    coded = any(label.code for label in labels)
    size = name_size(font, label_size, coded)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=page, invariant=1, pageCompression=1, initialFontName=font)
    c.setTitle(metadata(title))
    c.setAuthor(metadata(author))
    c.setCreator("meetplan")
    c.setFillColor(black)
    pages = math.ceil(len(labels) / sheet.per_page)
    for p in range(pages):
        on_page = labels[p * sheet.per_page : (p + 1) * sheet.per_page]
        if cut_guides:
            draw_guides(c, sheet, len(on_page))
        for index, label in enumerate(on_page):
            x, y = sheet.origin(index)
            draw_label(c, label, font, size, (x, y, *label_size), with_unit, coded)
        c.showPage()
    if not labels:  # never a blank file: say why there is nothing to stick on the seats
        c.setFont(font, 20)
        c.drawCentredString(page[0] / 2, page[1] / 2, NO_LABELS)
        c.showPage()
    c.save()
    return buf.getvalue()
