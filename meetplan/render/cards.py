"""Table cards (桌签.pdf): PROTOCOL.md §6.

A tent card: the sheet is folded along its long middle; the lower half faces
the hall, the upper half is drawn rotated 180° so that the name also reads
upright from the seat. One font size for every name of the set; two-character
names are spread to the width of three-character ones; names too long for the
card are condensed horizontally — never wrapped, never made smaller.
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

MARGIN = 12 * mm
TRACKING = 0.12  # space between the characters of a name, in ems
NAME_HEIGHT = 0.62  # the name's font size as a share of the half card's height
TITLE_SCALE = 0.22  # the title line's size relative to the name
GREY = Color(0.55, 0.55, 0.55)
NO_CARDS = "本次会议主席台无人就座，无需桌签"


@dataclass(frozen=True)
class Card:
    name: str
    title: str = ""
    seat_label: str = ""  # printed small on the leader's side, for the staff laying cards


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
    scale = min(1.0, max_width / width) if width else 1.0
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
        tw = stringWidth(card.title, font, title_size)
        scale = min(1.0, inner_w / tw) if tw else 1.0
        c.saveState()
        c.translate(width / 2 - tw * scale / 2, baseline + size * 0.88 + title_size * 0.5)
        c.scale(scale, 1.0)
        c.drawString(0, 0, card.title)
        c.restoreState()
    if with_seat and card.seat_label:
        c.setFillColor(GREY)
        c.setFont(font, 8)
        c.drawString(MARGIN / 2, 4 * mm, card.seat_label)
        c.setFillColor(black)


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
) -> bytes:
    """One page per card. ``page`` is the paper as named (portrait); the card uses it landscape."""
    width, height = max(page), min(page)
    half = height / 2
    size = set_size(
        font,
        width - 2 * MARGIN,
        half - 2 * MARGIN - (half * 0.12 if with_title else 0),
    )
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1, initialFontName=font)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("meetplan")
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
