"""签到表.pdf: one sheet per area (or per unit: ``[print] sign_in = "by-unit"``), the table
header on every page, 第 x 页 共 y 页 counted within each sheet."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from meetplan.model.settings import MeetingInfo
from meetplan.render.fitting import (
    TITLE_LINES,
    chars_in,
    cut,
    in_lines,
    printed_title,
    printed_venue,
    running_title,
)
from meetplan.render.lists import NO_UNIT, SignInSheet
from meetplan.render.official import DATE_TEXT, when
from meetplan.render.pdfpage import SheetStart, render_numbered_a4

COLUMNS = ("序号", "姓名", "单位", "职务", "签名", "备注")
UNTITLED = "会议"
UNIT_LINE = "单位："  # the unit of a per-unit sheet, under its heading
UNIT_SIZE = 14  # points: the unit line, in the body font (it holds any unit's characters)
# Every character this renderer prints besides the people and the meeting:
# the fonts are subset to exactly what is drawn.
FIXED_TEXT = (
    "".join(COLUMNS) + UNTITLED + "时间：地点　第页共0123456789…" + DATE_TEXT + UNIT_LINE + NO_UNIT
)
MAX_LINES = 6  # a cell never grows taller than this: longer text is cut with "…"

WIDTHS = (13 * mm, 30 * mm, 36 * mm, 44 * mm, 30 * mm, 29 * mm)  # 182 mm on A4's 210
PADDING = 12  # reportlab's default cell padding: 6 points left plus 6 right
NAME_SIZE = 10.5
NAME_LEAST = 6.0  # points: a long name is set smaller down to this, then wraps


def meeting_line(meeting: MeetingInfo) -> str:
    """时间：2026年12月1日（星期二）上午9:00　　地点：县委大礼堂"""
    date_time = when(meeting)
    parts = []
    if date_time:
        parts.append(f"时间：{date_time}")
    if meeting.venue:
        parts.append(f"地点：{printed_venue(meeting)}")
    return "　　".join(parts)


def room_for(column: int) -> int:
    """How many full-width characters fit in a cell of this column, on MAX_LINES lines
    (the name at its least size)."""
    size = NAME_LEAST if column == 1 else NAME_SIZE
    return chars_in(WIDTHS[column] - PADDING, size, MAX_LINES)


def clip(text: str, column: int) -> str:
    return cut(text, room_for(column))


def clipped_cells(sheets: Sequence[SignInSheet]) -> list[tuple[str, int, str, str]]:
    """(sheet, 序号, column, text) of every cell too long for the printed sheet."""
    found = []
    for sheet in sheets:
        for r in sheet.rows:
            for column, text in ((1, r.name), (2, r.unit), (3, r.title), (5, r.remark)):
                if clip(text, column) != text:
                    found.append((sheet.heading, r.number, COLUMNS[column], text))
    return found


def name_style(name: str, cell: ParagraphStyle) -> ParagraphStyle:
    """A name is never wrapped: a long one (阿依古丽·买买提) is set a little smaller to fit."""
    room = WIDTHS[1] - PADDING - 2  # a little slack: the paragraph must never break it
    width = stringWidth(name, cell.fontName, NAME_SIZE)
    if width <= room:
        return cell
    size = max(6.0, NAME_SIZE * room / width)
    return ParagraphStyle(f"name{size:.2f}", parent=cell, fontSize=size, leading=size * 1.25)


PAGE_MARGINS = (14 * mm, 14 * mm, 16 * mm, 18 * mm)  # left, right, top, bottom
CELL_PAD = 3 * mm  # above and below the text of a body row
HEADER_HEIGHT = 8 * mm


def _cell(text: str, column: int, style: ParagraphStyle, struck: bool = False) -> str | Paragraph:
    """A plain string when the text fits on one line (fast), a wrapping paragraph otherwise
    (and always for struck-through text: a 请假 line)."""
    if struck and text:
        return Paragraph(f"<strike>{escape(text)}</strike>", style)
    if stringWidth(text, style.fontName, style.fontSize) <= WIDTHS[column] - PADDING - 1:
        return text
    return Paragraph(escape(text), style)


def _name(name: str, style: ParagraphStyle, struck: bool) -> Paragraph:
    name = clip(name, 1)
    text = escape(name)
    return Paragraph(f"<strike>{text}</strike>" if struck else text, name_style(name, style))


def _height(cells: list[str | Paragraph]) -> float:
    tallest = NAME_SIZE * 1.25
    for cell, width in zip(cells, WIDTHS, strict=True):
        if isinstance(cell, Paragraph):
            tallest = max(tallest, cell.wrap(width - PADDING, 10_000)[1])
    return tallest + 2 * CELL_PAD


def _pages(
    rows: list[list[str | Paragraph]], first_room: float, room: float
) -> list[list[list[str | Paragraph]]]:
    """Rows packed into pages, measured once: long sheets stay linear in time
    (one long table that reportlab splits page by page is re-measured at every split)."""
    pages: list[list[list[str | Paragraph]]] = [[]]
    left = first_room - HEADER_HEIGHT
    for row in rows:
        h = _height(row)
        if pages[-1] and h > left:
            pages.append([])
            left = room - HEADER_HEIGHT
        pages[-1].append(row)
        left -= h
    return pages


def render_sign_in_pdf(
    sheets: Sequence[SignInSheet], meeting: MeetingInfo, body_font: str, heading_font: str
) -> bytes:
    title_style = ParagraphStyle(
        "title", fontName=heading_font, fontSize=18, leading=24, alignment=TA_CENTER, wordWrap="CJK"
    )
    sub_style = ParagraphStyle(
        "sub", fontName=body_font, fontSize=11, leading=15, alignment=TA_CENTER, wordWrap="CJK"
    )
    unit_style = ParagraphStyle(
        "unit",
        fontName=body_font,
        fontSize=UNIT_SIZE,
        leading=UNIT_SIZE * 1.4,
        alignment=TA_CENTER,
        wordWrap="CJK",
        spaceAfter=2,
    )
    cell = ParagraphStyle(
        "cell", fontName=body_font, fontSize=NAME_SIZE, leading=13, wordWrap="CJK"
    )
    head = ParagraphStyle("head", parent=cell, alignment=TA_CENTER, fontName=heading_font)
    left, right, top, bottom = PAGE_MARGINS
    frame_width = A4[0] - left - right
    room = A4[1] - top - bottom - 12  # the frame's own padding, and a little slack
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), body_font),  # plain-string cells too: no stray Helvetica
            ("FONTSIZE", (0, 0), (-1, -1), NAME_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
            ("TOPPADDING", (0, 1), (-1, -1), CELL_PAD),
            ("BOTTOMPADDING", (0, 1), (-1, -1), CELL_PAD),
        ]
    )

    story: list = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        running = "　".join(x for x in (running_title(meeting), sheet.heading, sheet.unit) if x)
        story.append(SheetStart(sheet.key, running))
        top_block = [
            Paragraph(
                escape(in_lines(printed_title(meeting) or UNTITLED, frame_width, 18, TITLE_LINES)),
                title_style,
            ),
            Paragraph(escape(sheet.heading), title_style),
        ]
        if sheet.unit:
            top_block.append(
                Paragraph(
                    escape(in_lines(UNIT_LINE + sheet.unit, frame_width, UNIT_SIZE, TITLE_LINES)),
                    unit_style,
                )
            )
        line = meeting_line(meeting)
        if line:
            line = in_lines(line, frame_width, 11, TITLE_LINES)
            top_block.append(Paragraph(escape(line), sub_style))
        top_block.append(Spacer(1, 4 * mm))
        story += top_block
        used = sum(f.wrap(frame_width, room)[1] for f in top_block)
        rows = [
            [
                str(r.number),
                _name(r.name, cell, r.struck),
                _cell(clip(r.unit, 2), 2, cell, r.struck),
                _cell(clip(r.title, 3), 3, cell, r.struck),
                "",
                _cell(clip(r.remark, 5), 5, cell),
            ]
            for r in sheet.rows
        ]
        header = [Paragraph(h, head) for h in COLUMNS]
        for page_no, page in enumerate(_pages(rows, room - used, room)):
            if page_no:
                story.append(PageBreak())
            table = Table(
                [header, *page], colWidths=WIDTHS, rowHeights=[HEADER_HEIGHT] + [None] * len(page)
            )
            table.setStyle(style)
            story.append(table)

    return render_numbered_a4(
        story, meeting, f"{meeting.title} 签到表", body_font, heading_font, PAGE_MARGINS
    )
