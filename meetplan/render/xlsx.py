"""Shared xlsx helpers: safe cells and print setup.

Cells that start with = + - @ are written as text with Excel's quote prefix,
never as formulas (CSV/formula injection:
https://owasp.org/www-community/attacks/CSV_Injection). A roster cell like
"=HYPERLINK(...)" therefore prints as the characters typed.

Every text goes through :func:`cell_text` first: characters a workbook cannot
hold (control characters, which openpyxl refuses with IllegalCharacterError,
and those XML forbids) are left out, and a text longer than Excel's limit for a
cell is cut. The readers refuse such text; this is the last line of defence.
"""

from __future__ import annotations

import copy
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from meetplan.fonts.characters import plain
from meetplan.model.text import unprintable
from meetplan.render.fitting import CLASSIFICATION_CHARS, cut

FORMULA_STARTS = ("=", "+", "-", "@")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
MAX_CELL = 32_767  # characters: Excel's limit for one cell (it cuts or refuses a longer one)
MAX_ROW_HEIGHT = 409.0  # points: Excel's tallest row
FONT_NAME = "宋体"
HEADING_FONT = "黑体"


# The workbook's own font sets the unit of every column width. Arial 10 has the digit
# width of Excel's default (7 px) and, unlike Calibri, a metric twin (Liberation Sans)
# on every LibreOffice, so a sheet is as wide, and paginates the same, everywhere.
BOOK_FONT = Font(name="Arial", size=10, family=2)


def new_workbook() -> Workbook:
    wb = Workbook()
    wb._fonts = IndexedList([BOOK_FONT])  # openpyxl has no public setter for the default font
    wb._named_styles["Normal"].font = BOOK_FONT
    return wb


@cache
def _font(name: str, bold: bool, size: float, color: str | None, strike: bool = False) -> Font:
    """One Font object per look: building a new one for every cell is most of the time
    spent writing a 10,000-seat sheet."""
    return Font(name=name, bold=bold, size=size, color=color, strike=strike)


def cell_text(text: str, limit: int = MAX_CELL) -> str:
    """``text`` as a workbook can hold it: characters it cannot (control characters, XML's
    forbidden ones) left out, at most ``limit`` characters."""
    if not plain(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
        bad = unprintable(text)
        if bad:
            drop = set(bad)
            text = "".join(c for c in text if c not in drop)
    return cut(text, limit)


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
    if isinstance(value, str):
        value = cell_text(value)
    cell.value = value
    quoted = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    if quoted:
        cell.data_type = "s"  # text, not a formula
    # Setting a font, an alignment and a border hashes each against the workbook's
    # lists, most of the time of a large sheet: each look is set once per workbook,
    # then its style (indices into those lists) is copied to every cell that has it.
    look = (
        font,
        bold,
        size,
        color,
        strike,
        align.horizontal,
        align.vertical,
        align.wrap_text,
        align.shrink_to_fit,
        align.indent,
        align.text_rotation,
        border,
        quoted,
    )
    styles = _styles(ws)
    known = styles.get(look)
    if known is not None:
        cell._style = known.__copy__()  # StyleArray: an array, copied as one
        return cell
    if quoted:
        cell.quotePrefix = True
    cell.font = _font(font, bold, size, color, strike)
    cell.alignment = align
    if border:
        cell.border = BOX
    styles[look] = copy.copy(cell._style)
    return cell


def heading_rows(ws: Worksheet, title: str, line: str, ncol: int) -> None:
    """Rows 1 and 2 of a list: its title, large, and a line under it (time and place …),
    each across the first ``ncol`` columns."""
    ncol = max(ncol, 1)
    put(ws, 1, 1, title, bold=True, size=16, align=CENTRE, border=False, font=HEADING_FONT)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    put(ws, 2, 1, line, align=CENTRE, border=False)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)


def _styles(ws: Worksheet) -> dict[tuple[Any, ...], Any]:
    """The looks already set in this worksheet's workbook (see :func:`put`)."""
    book = ws.parent
    found: dict[tuple[Any, ...], Any] | None = getattr(book, "_meetplan_looks", None)
    if found is None:
        found = {}
        book._meetplan_looks = found
    return found


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: a CJK character takes about two of Excel's width units."""
    units = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
    return max(1, math.ceil(units / max(width - 1, 1)))


def fit_row(
    ws: Worksheet,
    row: int,
    widths: Mapping[int, float],
    minimum: float = 15,
    line: float = 14,
    default: float | None = None,
) -> float:
    """Make a row tall enough for its wrapped cells; spreadsheets do not grow rows on their own.

    ``default``: the sheet's own row height (:func:`rows_of_height`); a row of that
    height is left to it (a sheet of thousands of rows is written much faster).
    Returns the row's height."""
    lines = max(
        text_lines(str(ws.cell(row=row, column=c).value or ""), w) for c, w in widths.items()
    )
    height = min(max(minimum, lines * line + 4), MAX_ROW_HEIGHT)
    if height != default:
        ws.row_dimensions[row].height = height
    return height


def rows_of_height(ws: Worksheet, height: float) -> None:
    """Rows not given a height of their own are ``height`` points tall: the sheet's
    default row height, marked as set by hand (customHeight), as Excel, WPS and
    LibreOffice read it."""
    ws.sheet_format.defaultRowHeight = height
    ws.sheet_format.customHeight = True


# -- paper ---------------------------------------------------------------------------

PAPERS_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}  # portrait width, height
SIDE_MARGIN = 0.5  # inches, left and right
END_MARGIN = 0.7  # inches, top and bottom; the header and footer print inside them
PAGE_FOOTER = "第 &P 页 共 &N 页"
SHEET_FOOTER = "第 &P 页 共 {pages} 页"


def column_points(width: float) -> float:
    """Printed width of a column of the given Excel width: 7 px a character of the
    default font (Calibri 11) plus 5 px padding, at 96 px to the inch."""
    return (7 * width + 5) * 0.75


def printable(paper: str, landscape: bool) -> tuple[float, float]:
    """Width and height in points inside the margins."""
    short, long_ = (mm / 25.4 * 72 for mm in PAPERS_MM[paper])
    w, h = (long_, short) if landscape else (short, long_)
    return w - 2 * SIDE_MARGIN * 72, h - 2 * END_MARGIN * 72


def print_setup(
    ws: Worksheet,
    *,
    landscape: bool = False,
    paper: str = "A4",
    title_rows: str | None = None,
    fit_height: bool = False,
    pages_wide: int = 1,
    centre_vertically: bool = False,
    classification: str = "",
) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if paper == "A3" else ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 1 if fit_height else 0
    ws.print_options.horizontalCentered = True
    ws.print_options.verticalCentered = centre_vertically
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN
    ws.page_margins.top = ws.page_margins.bottom = END_MARGIN
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = PAGE_FOOTER
    if classification:
        # as the PDFs print it (the checklist looks for it so)
        ws.oddHeader.left.text = cell_text(cut(classification, CLASSIFICATION_CHARS))
        ws.oddHeader.left.font = HEADING_FONT


# The pages are counted as the office suite will fill them, a little optimistically: the
# sheet is also set to fit its width and the counted number of pages tall, so where a
# page holds less than counted the suite shrinks the print a little to keep the count,
# and where it holds more the hand-placed breaks keep it (Excel ignores them on a sheet
# set to fit, but then fills its pages as counted here: its font metrics are the ones
# column_points assumes, and it prints at a whole percentage, rounded down).
PAGE_FILL = 1.03


def paginate_sheet(
    ws: Worksheet,
    widths: Sequence[float],
    heights: Sequence[float],
    title_height: float,
    first_body_row: int,
    *,
    paper: str = "A4",
    landscape: bool = False,
) -> int:
    """Number the sheet's pages on its own: 第 1 页 共 N 页 on every sheet, whether the
    sheet is printed alone or the whole workbook in one job.

    In a workbook printed at once, &P runs on from the previous sheet and &N counts
    every page of the job (LibreOffice always, Excel when printing the whole
    workbook), so the first page of the second sheet read 第 2 页 共 8 页. Here the
    pages are counted (rows of ``heights``, in points, from ``first_body_row``; the
    repeated title rows take ``title_height``), each sheet's numbering starts at 1,
    and the total is written as a number. Call after :func:`print_setup`. Returns the
    number of pages."""
    room_w, room_h = printable(paper, landscape)
    percent = min(100, math.floor(100 * room_w / sum(column_points(w) for w in widths)))
    room = room_h * PAGE_FILL * 100 / percent - title_height
    used, pages = 0.0, 1
    for i, h in enumerate(heights):
        if used and used + h > room:
            ws.row_breaks.append(Break(id=first_body_row + i - 1))
            used, pages = 0.0, pages + 1
        used += h
    ws.page_setup.fitToHeight = pages
    ws.page_setup.useFirstPageNumber = True
    ws.page_setup.firstPageNumber = 1
    ws.oddFooter.center.text = SHEET_FOOTER.format(pages=pages)
    return pages


# -- saving ------------------------------------------------------------------------------

FIXED_TIME = "2000-01-01T00:00:00Z"  # docProps: no clock in the file, so no diff between builds
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


class _InMemoryWriter(ExcelWriter):  # type: ignore[misc]  # openpyxl has no type hints
    """openpyxl's writer, keeping each sheet's XML in memory.

    openpyxl writes every worksheet to a temporary file in the system's temporary
    folder, then copies it into the archive: meetplan writes nothing outside the
    meeting folder, so here the sheet goes to memory and into the archive
    directly (openpyxl 3.1's ``ExcelWriter.write_worksheet``, less the file).
    """

    def write_worksheet(self, ws: Worksheet) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def to_bytes(wb: Workbook) -> bytes:
    """The workbook as bytes, the same for the same content: openpyxl stamps the
    save time into docProps/core.xml and every zip entry; both are fixed here.
    Nothing is written to a temporary file (:class:`_InMemoryWriter`)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _InMemoryWriter(wb, archive).save()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>" + FIXED_TIME.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()
