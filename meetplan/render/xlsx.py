"""Shared xlsx helpers: safe cells and print setup.

Cells that start with = + - @ are written as text with Excel's quote prefix,
never as formulas (CSV/formula injection:
https://owasp.org/www-community/attacks/CSV_Injection). A roster cell like
"=HYPERLINK(...)" therefore prints as the characters typed.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
FONT_NAME = "宋体"
HEADING_FONT = "黑体"


@cache
def _font(name: str, bold: bool, size: float, color: str | None, strike: bool = False) -> Font:
    """One Font object per look: building a new one for every cell is most of the time
    spent writing a 10,000-seat sheet."""
    return Font(name=name, bold=bold, size=size, color=color, strike=strike)


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: Any,
    *,
    bold: bool = False,
    size: float = 11,
    align: Alignment = LEFT,
    border: bool = True,
    font: str = FONT_NAME,
    color: str | None = None,
    strike: bool = False,
) -> Cell:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # text, not a formula
        cell.quotePrefix = True
    cell.font = _font(font, bold, size, color, strike)
    cell.alignment = align
    if border:
        cell.border = BOX
    return cell


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: a CJK character takes about two of Excel's width units."""
    units = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
    return max(1, math.ceil(units / max(width - 1, 1)))


def fit_row(
    ws: Worksheet, row: int, widths: Mapping[int, float], minimum: float = 15, line: float = 14
) -> None:
    """Make a row tall enough for its wrapped cells; spreadsheets do not grow rows on their own."""
    lines = max(
        text_lines(str(ws.cell(row=row, column=c).value or ""), w) for c, w in widths.items()
    )
    ws.row_dimensions[row].height = max(minimum, lines * line + 4)


def print_setup(
    ws: Worksheet,
    *,
    landscape: bool = False,
    paper: str = "A4",
    title_rows: str | None = None,
    fit_height: bool = False,
    classification: str = "",
) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if paper == "A3" else ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if fit_height else 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    if classification:
        ws.oddHeader.left.text = classification
        ws.oddHeader.left.font = HEADING_FONT


def to_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
