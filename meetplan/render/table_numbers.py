"""桌号牌.pdf: one large table number for every table set (PROTOCOL.md §8).

A tent card on ``number_size`` paper (landscape, folded along its long middle),
the number on both faces (the upper one drawn rotated 180°) so it reads from
every side of the table: the number large and 号桌 beside it smaller (3号桌), the
main table by its label (主桌, the ``main_table_label`` setting) with its number
small beneath. One page per table, in number order.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from meetplan.model.banquet import BanquetPlan
from meetplan.render.fitting import condensed, metadata

MARGIN = 10 * mm
NUMBER_HEIGHT = 0.9  # the number's size as a share of a face's height (digits are 0.72 em tall)
SUFFIX = "号桌"
SUFFIX_SCALE = 0.4
LABEL_SCALE = 0.75  # the main table's label (主桌), relative to a number
NOTE = "（{n}号桌）"
GREY = Color(0.55, 0.55, 0.55)
NO_TABLES = "无人参加宴会，无需桌号牌"


def numbers_text(plan: BanquetPlan) -> str:
    """Every character :func:`render_table_numbers` draws."""
    return "0123456789" + SUFFIX + NOTE + plan.settings.main_table_label + NO_TABLES


def draw_face(
    c: Canvas, plan: BanquetPlan, number: int, font: str, width: float, half: float
) -> None:
    """One face, upright, in the box (0, 0)-(width, half)."""
    size = (half - 2 * MARGIN) * NUMBER_HEIGHT
    room = width - 2 * MARGIN
    label = plan.table_name(number)
    if number == 1 and plan.settings.main_table_label:
        big = size * LABEL_SCALE
        text, scale = condensed(label, font, big, room, 0.5)
        w = stringWidth(text, font, big) * scale
        base = (half - 0.58 * big) / 2  # the label and the note beneath it, centred
        c.saveState()
        c.translate(width / 2 - w / 2, base)
        c.scale(scale, 1.0)
        c.setFont(font, big)
        c.drawString(0, 0, text)
        c.restoreState()
        note = NOTE.format(n=number)
        c.setFillColor(GREY)
        c.setFont(font, big * 0.2)
        c.drawCentredString(width / 2, base - big * 0.3, note)
        c.setFillColor(Color(0, 0, 0))
        return
    digits = str(number)
    small = size * SUFFIX_SCALE
    total = stringWidth(digits, font, size) + stringWidth(SUFFIX, font, small)
    scale = min(1.0, room / total)
    base = (half - size * 0.72) / 2
    c.saveState()
    c.translate(width / 2 - total * scale / 2, base)
    c.scale(scale, 1.0)
    c.setFont(font, size)
    c.drawString(0, 0, digits)
    c.setFont(font, small)
    c.drawString(stringWidth(digits, font, size), 0, SUFFIX)
    c.restoreState()


def render_table_numbers(
    plan: BanquetPlan,
    font: str,
    paper: tuple[float, float],
    *,
    title: str = "桌号牌",
    author: str = "",
) -> bytes:
    """桌号牌.pdf: one folded card per table set; ``paper`` as named (either way round)."""
    width, height = max(paper), min(paper)
    half = height / 2
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1, initialFontName=font)
    c.setTitle(metadata(title))
    c.setAuthor(metadata(author))
    c.setCreator("meetplan")
    for table in plan.used:
        draw_face(c, plan, table.number, font, width, half)
        c.saveState()
        c.translate(width, height)
        c.rotate(180)
        draw_face(c, plan, table.number, font, width, half)
        c.restoreState()
        c.saveState()
        c.setStrokeColor(GREY)
        c.setLineWidth(0.4)
        c.setDash(3, 3)
        c.line(0, half, width, half)
        c.restoreState()
        c.showPage()
    if not plan.used:
        c.setFont(font, 20)
        c.drawCentredString(width / 2, half, NO_TABLES)
        c.showPage()
    c.save()
    return buf.getvalue()
