"""Table cards (桌签.pdf): PROTOCOL.md §6.

A tent card: the sheet is folded along its long middle; the lower half faces
the hall, the upper half is drawn rotated 180° so that the name also reads
upright from the seat. One font size for every name of the set; two-character
names are spread to the width of three-character ones; names too long for the
card are condensed horizontally — never wrapped, never made smaller — down to
:data:`NAME_LEAST` of their width; a name longer still is cut with "…" (the build
warns: :func:`clipped_cards`).

With ``index=True`` an index page (or several) comes first, on the same paper:
every card in print order with its seat and its status, so the staff can tell
the cards to lay at once from those kept back for a scenario (PROTOCOL.md §5).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from meetplan.model.attendee import Attendance
from meetplan.model.plan import Plan
from meetplan.render.fitting import Clipped, condensed, cut_to_width, metadata
from meetplan.scenarios import leaders, standby

MARGIN = 12 * mm
TRACKING = 0.12  # space between the characters of a name, in ems
NAME_HEIGHT = 0.62  # the name's font size as a share of the half card's height
TITLE_SCALE = 0.22  # the title line's size relative to the name
# Names are condensed down to this share of their width (a name of about 20 Chinese
# characters on any card), then cut with "…": narrower still cannot be read.
NAME_LEAST = 0.15
LINE_LEAST = 0.5  # the title line, the index's cells: condensed to this, then cut
NOTE_SIZE = 8.0  # the seat and status, small, on the seat side
GREY = Color(0.55, 0.55, 0.55)
NO_CARDS = "本次会议主席台无人就座，无需桌签"

# Card statuses (Card.status), as the index page and the card's seat side print them.
PRESENT = "出席"
TENTATIVE = "待定：不到会时撤下"
SUBSTITUTE = "出席（代{leader}）"  # a substitute whose leader is 请假: always comes
STANDBY = "代会备用：仅在{leader}不到会时使用"

INDEX_HEADING = "目录"
INDEX_CONTINUED = "（续）"
INDEX_COLUMNS = ("序号", "姓名", "座位", "状态", "页码")
INDEX_NO_SEAT = "视情况放置"
INDEX_SUMMARY = "共 {n} 张，其中条件桌签 {k} 张（灰底）：先摆放“出席”的桌签，条件桌签另行存放，按应急调整表使用。"
INDEX_FOOTER = "目录第 {page} 页 共 {pages} 页　　页码即本文件中该桌签所在页"
INDEX_TEXT = (
    INDEX_HEADING
    + INDEX_CONTINUED
    + "".join(INDEX_COLUMNS)
    + INDEX_NO_SEAT
    + INDEX_SUMMARY
    + INDEX_FOOTER
    + "0123456789"
)


@dataclass(frozen=True)
class Card:
    name: str
    title: str = ""
    seat_label: str = ""  # printed small on the leader's side, for the staff laying cards
    status: str = ""  # PRESENT, TENTATIVE, STANDBY ...: on the index; conditional ones on the card
    person: int = 0  # the roster id of the person, when known

    @property
    def conditional(self) -> bool:
        """Laid only in some scenarios: a tentative leader's card or a standby substitute's."""
        return bool(self.status) and not self.status.startswith(PRESENT)

    @property
    def seat_note(self) -> str:
        """The small print on the seat side: the seat, and the status of a conditional card."""
        return "　".join(x for x in (self.seat_label, self.status if self.conditional else "") if x)


def conditional_cards(plan: Plan) -> list[Card]:
    """Every card to print in advance, in laying order, each with its status.

    First one card per rostrum seat of the base plan (front row first, left to
    right from the hall; tentative leaders included), then one card per
    standby substitute who sits on the rostrum in their own scenario, with
    that seat.
    """
    lead = leaders(plan.roster)
    cards = []
    for row in plan.base.rostrum_rows():
        for a in row:
            person = a.person
            if person.attendance is Attendance.TENTATIVE:
                status = TENTATIVE
            elif person.id in lead:
                status = SUBSTITUTE.format(leader=lead[person.id].name)
            else:
                status = PRESENT
            cards.append(Card(person.name, person.title, a.seat.label, status, person.id))
    scenarios = {s.id: s for s in plan.scenarios}
    for sub in standby(plan.roster):
        scenario = scenarios.get(f"substitute-{sub.id}")
        seat = scenario.seat_of(sub.id) if scenario else None
        if seat is not None and seat.area != "rostrum":
            continue  # seated in the hall in their scenario: no card
        label = seat.label if seat is not None else ""
        cards.append(
            Card(sub.name, sub.title, label, STANDBY.format(leader=lead[sub.id].name), sub.id)
        )
    return cards


def cards_text(
    cards: Sequence[Card], *, with_title: bool = False, index: bool = False, title: str = ""
) -> str:
    """Every character render_cards draws for these cards (register the font with it).

    Give the same ``with_title``, ``index`` and ``title`` as to render_cards.
    """
    text = "".join(c.name + (c.title if with_title else "") + c.seat_note for c in cards)
    text += "国" + NO_CARDS
    if index:
        text += "".join(c.seat_label + c.status for c in cards) + INDEX_TEXT + title
    return text


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def natural_width(name: str, font: str, size: float) -> float:
    """Width of the name as set: glyph widths plus tracking between characters."""
    return stringWidth(name, font, size) + TRACKING * size * max(len(name) - 1, 0)


def spread_two(name: str) -> bool:
    """Two-character Chinese names are set to the width of three (王  伟)."""
    return len(name) == 2 and all(is_wide(c) for c in name)


def set_size(font: str, width: float, height: float) -> float:
    """The one font size for the whole set.

    As large as the half card's height allows, but no larger than lets a
    three-character name fit the width: longer names are condensed instead,
    so one long name never shrinks everybody else's.
    """
    size = height * NAME_HEIGHT
    three = (
        natural_width("国国国", font, 100.0) / 100.0
    )  # width of a three-character name per point
    return min(size, width / three)


def draw_name(
    c: Canvas, name: str, font: str, size: float, centre_x: float, baseline: float, max_width: float
) -> None:
    standard = natural_width("国国国", font, size)
    c.setFont(font, size)
    if spread_two(name):
        w1 = stringWidth(name[1], font, size)
        left = centre_x - standard / 2
        c.drawString(left, baseline, name[0])
        c.drawString(left + standard - w1, baseline, name[1])
        return
    width = natural_width(name, font, size)
    scale = 1.0
    if width > max_width:  # condensed, and cut with "…" beyond NAME_LEAST
        name, scale = condensed(name, font, size, max_width, NAME_LEAST, TRACKING * size)
        width = natural_width(name, font, size)
    if scale == 1.0:  # most names: one text operation, no change of the drawing's frame
        c.drawString(centre_x - width / 2, baseline, name, charSpace=TRACKING * size)
        return
    c.saveState()
    c.translate(centre_x - width * scale / 2, baseline)
    c.scale(scale, 1.0)  # horizontal condensing only: the height stays the set's size
    c.drawString(0, 0, name, charSpace=TRACKING * size)  # one text operation per name
    c.restoreState()


def draw_half(
    c: Canvas,
    card: Card,
    font: str,
    size: float,
    width: float,
    half: float,
    with_title: bool,
    with_seat: bool,
) -> None:
    """One face of the card, upright, in the box (0, 0)-(width, half)."""
    inner_w = width - 2 * MARGIN
    title_size = size * TITLE_SCALE
    # Optical centre: cap height of CJK glyphs is about 0.88 em, descent 0.12.
    block = size * 0.88 + ((title_size * 1.5) if with_title and card.title else 0)
    bottom = (half - block) / 2
    baseline = bottom + size * 0.1
    draw_name(c, card.name, font, size, width / 2, baseline, inner_w)
    if with_title and card.title:
        c.setFont(font, title_size)
        title, scale = condensed(card.title, font, title_size, inner_w, LINE_LEAST)
        tw = stringWidth(title, font, title_size)
        c.saveState()
        c.translate(width / 2 - tw * scale / 2, baseline + size * 0.88 + title_size * 0.5)
        c.scale(scale, 1.0)
        c.drawString(0, 0, title)
        c.restoreState()
    note = card.seat_note
    if with_seat and note:
        c.setFillColor(GREY)
        c.setFont(font, NOTE_SIZE)
        c.drawString(MARGIN / 2, 4 * mm, cut_to_width(note, font, NOTE_SIZE, width - MARGIN))
        c.setFillColor(black)


def card_layout(
    font: str, page: tuple[float, float], with_title: bool
) -> tuple[float, float, float]:
    """(name size, card width, half height) of a card on this paper (portrait as named)."""
    width, height = max(page), min(page)
    half = height / 2
    size = set_size(
        font,
        width - 2 * MARGIN,
        half - 2 * MARGIN - (half * 0.12 if with_title else 0),
    )
    return size, width, half


def clipped_cards(
    cards: Sequence[Card],
    font: str,
    page: tuple[float, float],
    *,
    with_title: bool = False,
    document: str = "桌签.pdf",
) -> list[Clipped]:
    """The names (and titles, ``with_title``) too long for the card, cut with "…" on it.

    Give the font and paper of :func:`render_cards`.
    """
    size, width, _half = card_layout(font, page, with_title)
    inner = width - 2 * MARGIN
    found = []
    for card in cards:
        if not spread_two(card.name):
            name, _scale = condensed(card.name, font, size, inner, NAME_LEAST, TRACKING * size)
            if name != card.name:
                found.append(Clipped(document, card.name, "姓名", card.name))
        if with_title and card.title:
            title, _scale = condensed(card.title, font, size * TITLE_SCALE, inner, LINE_LEAST)
            if title != card.title:
                found.append(Clipped(document, card.name, "职务", card.title))
    return found


def draw_fold(c: Canvas, width: float, half: float) -> None:
    c.saveState()
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.setDash(3, 3)
    c.line(0, half, width, half)
    c.setDash()
    c.setLineWidth(0.8)
    for x in (0, width):  # marks at both edges, visible even when the dash is too faint
        c.line(x - 6 * mm if x else 0, half, x + 6 * mm if not x else width, half)
    c.restoreState()


def render_cards(
    cards: Sequence[Card],
    font: str,
    page: tuple[float, float],
    *,
    with_title: bool = False,
    title: str = "桌签",
    author: str = "",
    index: bool = False,
) -> bytes:
    """One page per card. ``page`` is the paper as named (portrait); the card uses it landscape.

    ``index``: first an index of the cards in print order (序号, 姓名, 座位,
    状态, 页码) on the same paper, headed by ``title``.
    """
    size, width, half = card_layout(font, page, with_title)
    height = 2 * half
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1, initialFontName=font)
    c.setTitle(metadata(title))
    c.setAuthor(metadata(author))
    c.setCreator("meetplan")
    if index and cards:
        draw_index(c, cards, font, width, height, title)
    for card in cards:
        draw_half(c, card, font, size, width, half, with_title, with_seat=False)  # faces the hall
        c.saveState()
        c.translate(width, height)
        c.rotate(180)  # the upper half, upside down on the sheet, faces the seat
        draw_half(c, card, font, size, width, half, with_title, with_seat=True)
        c.restoreState()
        draw_fold(c, width, half)
        c.showPage()
    if not cards:  # never a stale or blank file: say why there is nothing to fold
        c.setFont(font, 28)
        c.drawCentredString(width / 2, half, NO_CARDS)
        c.showPage()
    c.save()
    return buf.getvalue()


# -- the index page ---------------------------------------------------------------

INDEX_SHARES = (0.08, 0.24, 0.25, 0.35, 0.08)  # column widths as shares of the table
LIGHT = Color(0.88, 0.88, 0.88)


def index_layout(height: float) -> tuple[float, float, float]:
    """(font size, row height, top of the table) for paper of this height (landscape)."""
    size = max(8.0, min(11.0, height / 54))
    row = size * 1.75
    top = height - MARGIN - size * 4.2
    return size, row, top


def index_pages(count: int, height: float) -> int:
    size, row, top = index_layout(height)
    per_page = max(1, int((top - MARGIN - size * 2.5) // row) - 1)  # the header row repeats
    return max(1, -(-count // per_page))


def fit_cell(c: Canvas, text: str, font: str, size: float, x: float, y: float, room: float) -> None:
    """One line in a cell: condensed horizontally when too long, never wrapped; cut with
    "…" beyond :data:`LINE_LEAST`."""
    text, scale = condensed(text, font, size, room, LINE_LEAST)
    c.saveState()
    c.translate(x, y)
    c.scale(scale, 1.0)
    c.setFont(font, size)
    c.drawString(0, 0, text)
    c.restoreState()


def draw_index(
    c: Canvas, cards: Sequence[Card], font: str, width: float, height: float, title: str
) -> None:
    """The index: every card in print order, its seat and whether it is laid at once."""
    size, row_h, top = index_layout(height)
    pages = index_pages(len(cards), height)
    per_page = -(-len(cards) // pages)
    table_w = width - 2 * MARGIN
    columns = [share * table_w for share in INDEX_SHARES]
    conditional = sum(1 for card in cards if card.conditional)
    for page in range(pages):
        chunk = list(enumerate(cards))[page * per_page : (page + 1) * per_page]
        rest = INDEX_HEADING + (INDEX_CONTINUED if page else "")
        room = width - 2 * MARGIN - stringWidth("　" + rest, font, size * 1.6)
        heading = "　".join(x for x in (cut_to_width(title, font, size * 1.6, room), rest) if x)
        c.setFont(font, size * 1.6)
        c.drawCentredString(width / 2, height - MARGIN - size * 1.6, heading)
        c.setFont(font, size * 0.9)
        summary = INDEX_SUMMARY.format(n=len(cards), k=conditional)
        c.drawCentredString(width / 2, height - MARGIN - size * 3.2, summary)
        y = top
        for line, (number, card) in enumerate([(-1, None), *chunk]):
            y -= row_h
            if card is not None and card.conditional:
                c.setFillColor(LIGHT)
                c.rect(MARGIN, y, table_w, row_h, stroke=0, fill=1)
                c.setFillColor(black)
            if card is None:
                cells: Sequence[str] = INDEX_COLUMNS
            else:
                cells = (
                    str(number + 1),
                    card.name,
                    card.seat_label or INDEX_NO_SEAT,
                    card.status,
                    str(pages + number + 1),
                )
            x = MARGIN
            for text, w in zip(cells, columns, strict=True):
                fit_cell(c, text, font, size, x + size * 0.4, y + row_h * 0.32, w - size * 0.8)
                x += w
            c.setLineWidth(0.8 if line <= 1 else 0.4)
            c.line(MARGIN, y + row_h, MARGIN + table_w, y + row_h)
        c.setLineWidth(0.8)
        c.line(MARGIN, y, MARGIN + table_w, y)
        c.setFont(font, size * 0.8)
        c.drawCentredString(width / 2, MARGIN / 2, INDEX_FOOTER.format(page=page + 1, pages=pages))
        c.showPage()
