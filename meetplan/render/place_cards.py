"""席卡.pdf: a small tent card for every person at the banquet (PROTOCOL.md §8).

Each card is a 桌签 in small (:mod:`meetplan.render.cards`): folded along its long
middle, the name on both faces, the upper face drawn rotated 180° so it reads
upright from the seat; one name size for the whole set, two-character names
spread to the width of three, long names condensed and then cut with "…". On the
face toward the seat, small and grey, the table and the place (3号桌 主陪右手第1位)
for the staff who lay the cards.

Cards of ``card_size`` (unfolded, e.g. 100 × 90 mm) are set out on A4 sheets,
as many as fit, with their cut lines; a card larger than A4 gets a page of its own
size. Cards come table by table in number order, each table's in place order, so
that the staff lay them as they come off the printer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from meetplan.banquet.seating import seat_label
from meetplan.model.banquet import BanquetPlan
from meetplan.render.cards import (
    NAME_HEIGHT,
    NAME_LEAST,
    TRACKING,
    Card,
    draw_name,
    natural_width,
    spread_two,
)
from meetplan.render.fitting import Clipped, condensed, cut_to_width, metadata

SHEET = A4
SHEET_MARGIN = 5 * mm  # printers do not print to the edge
PAD = 4 * mm  # inside a card face
NOTE_SIZE = 6.0
GREY = Color(0.55, 0.55, 0.55)
CUT = Color(0.75, 0.75, 0.75)
NO_CARDS = "无人参加宴会，无需席卡"
DOCUMENT = "席卡.pdf"


def place_cards(plan: BanquetPlan) -> list[Card]:
    """One card per person at the banquet, table by table, each table in place order."""
    return [
        Card(
            seat.person.name,
            seat.person.title,
            seat_label(plan, table, seat),
            person=seat.person.id,
        )
        for table in plan.used
        for seat in table.seats
    ]


def place_cards_text(cards: Sequence[Card]) -> str:
    """Every character :func:`render_place_cards` draws (register the card font with it)."""
    return "".join(c.name + c.seat_label for c in cards) + "国" + NO_CARDS


def card_face(card: tuple[float, float]) -> tuple[float, float]:
    """(width, height) of one face of a card of this unfolded size: folded along its long
    middle."""
    width, height = max(card), min(card)
    return width, height / 2


def name_size(font: str, card: tuple[float, float]) -> float:
    """The one size of the set: as large as a face's height allows, no larger than lets
    a three-character name fit across (longer names are condensed)."""
    width, half = card_face(card)
    size = (half - 2 * PAD) * NAME_HEIGHT
    three = natural_width("国国国", font, 100.0) / 100.0
    return min(size, (width - 2 * PAD) / three)


def sheet_grid(card: tuple[float, float]) -> tuple[tuple[float, float], int, int]:
    """(page size, cards across, cards down): A4 portrait or landscape, whichever holds
    more; a card larger than A4 on a page of its own size."""
    width, height = max(card), min(card)
    best: tuple[tuple[float, float], int, int] | None = None
    for page in (SHEET, (SHEET[1], SHEET[0])):
        across = int((page[0] - 2 * SHEET_MARGIN) // width)
        down = int((page[1] - 2 * SHEET_MARGIN) // height)
        if across and down and (best is None or across * down > best[1] * best[2]):
            best = (page, across, down)
    return best if best is not None else ((width, height), 1, 1)


def draw_face(
    c: Canvas, card: Card, font: str, size: float, width: float, half: float, seat: bool
) -> None:
    """One face, upright, in the box (0, 0)-(width, half)."""
    baseline = (half - size * 0.88) / 2 + size * 0.1
    draw_name(c, card.name, font, size, width / 2, baseline, width - 2 * PAD)
    if seat and card.seat_label:
        c.setFillColor(GREY)
        c.setFont(font, NOTE_SIZE)
        c.drawString(PAD / 2, 2 * mm, cut_to_width(card.seat_label, font, NOTE_SIZE, width - PAD))
        c.setFillColor(black)


def draw_card(c: Canvas, card: Card, font: str, size: float, width: float, height: float) -> None:
    half = height / 2
    draw_face(c, card, font, size, width, half, seat=False)  # faces the table
    c.saveState()
    c.translate(width, height)
    c.rotate(180)  # the upper face, upside down on the sheet, faces the seat
    draw_face(c, card, font, size, width, half, seat=True)
    c.restoreState()
    c.saveState()
    c.setStrokeColor(CUT)
    c.setLineWidth(0.3)
    c.rect(0, 0, width, height, stroke=1, fill=0)  # cut here
    c.setDash(2, 2)
    c.line(0, half, width, half)  # fold here
    c.restoreState()


def render_place_cards(
    cards: Sequence[Card],
    font: str,
    card: tuple[float, float],
    *,
    title: str = "席卡",
    author: str = "",
) -> bytes:
    """席卡.pdf: ``card`` is the unfolded card in points (either way round)."""
    page, across, down = sheet_grid(card)
    width, height = max(card), min(card)
    size = name_size(font, card)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=page, invariant=1, pageCompression=1, initialFontName=font)
    c.setTitle(metadata(title))
    c.setAuthor(metadata(author))
    c.setCreator("meetplan")
    per_page = across * down
    left = (page[0] - across * width) / 2
    top = page[1] - (page[1] - down * height) / 2
    for start in range(0, len(cards), per_page):
        for i, one in enumerate(cards[start : start + per_page]):
            row, col = divmod(i, across)
            c.saveState()
            c.translate(left + col * width, top - (row + 1) * height)
            draw_card(c, one, font, size, width, height)
            c.restoreState()
        c.showPage()
    if not cards:  # never a blank file: say why there is nothing to fold
        c.setFont(font, 20)
        c.drawCentredString(page[0] / 2, page[1] / 2, NO_CARDS)
        c.showPage()
    c.save()
    return buf.getvalue()


def clipped_place_cards(
    cards: Sequence[Card], font: str, card: tuple[float, float]
) -> list[Clipped]:
    """The names too long for the card, cut with "…" on it."""
    size = name_size(font, card)
    width, _half = card_face(card)
    found = []
    for one in cards:
        if spread_two(one.name):
            continue
        name, _scale = condensed(one.name, font, size, width - 2 * PAD, NAME_LEAST, TRACKING * size)
        if name != one.name:
            found.append(Clipped(DOCUMENT, one.name, "姓名", one.name))
    return found
