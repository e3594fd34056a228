"""Build roster spreadsheets for tests: .xlsx (openpyxl), .xls (xlwt), .csv in any encoding.

Rows are lists of cell values; ``None`` is an empty cell. Merges are given as
Excel ranges ("A3:E3"), the same for both workbook formats.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import xlwt
from openpyxl.utils.cell import range_boundaries

Rows = Sequence[Sequence[Any]]

HEADER = ["排序", "姓名", "单位", "职务", "座区", "出席"]
PEOPLE = [
    [1, "张建国", "县委", "县委书记", "主席台", "出席"],
    [2, "李明", "县政府", "县长", "主席台", "出席"],
    [3, "王伟", "县人大", "主任", "主席台", "待定"],
    [4, "赵丽", "县政协", "主席", "会场", "请假"],
]


def write_xlsx(
    path: Path,
    rows: Rows = (),
    merges: Sequence[str] = (),
    sheets: dict[str, tuple[Rows, Sequence[str]]] | None = None,
) -> Path:
    """One sheet of ``rows``, or several: ``sheets`` maps title -> (rows, merges)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for title, (sheet_rows, sheet_merges) in (sheets or {"Sheet1": (rows, merges)}).items():
        ws = wb.create_sheet(title)
        for r, row in enumerate(sheet_rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for merge in sheet_merges:
            ws.merge_cells(merge)
    wb.save(path)
    return path


def write_xls(path: Path, rows: Rows, merges: Sequence[str] = ()) -> Path:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    merged_cells = set()
    for merge in merges:
        min_col, min_row, max_col, max_row = range_boundaries(merge)
        value = rows[min_row - 1][min_col - 1]
        ws.write_merge(min_row - 1, max_row - 1, min_col - 1, max_col - 1, value)
        merged_cells |= {
            (r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
        }
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and (r, c) not in merged_cells:
                ws.write(r - 1, c - 1, value)
    wb.save(str(path))
    return path


def csv_bytes(rows: Rows, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue().encode(encoding)


def write_csv(path: Path, rows: Rows, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    path.write_bytes(csv_bytes(rows, encoding, delimiter))
    return path


def write_any(path: Path, rows: Rows, merges: Sequence[str] = ()) -> Path:
    """Write by the file's extension (CSV cannot merge)."""
    if path.suffix == ".xlsx":
        return write_xlsx(path, rows, merges)
    if path.suffix == ".xls":
        return write_xls(path, rows, merges)
    assert not merges
    return write_csv(path, rows)


# What Excel writes for a drop-down list whose values are on another sheet;
# openpyxl warns that it drops it.
_X14_VALIDATIONS = (
    b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:dataValidations count="0"/></ext></extLst>'
)


def add_excel_extension(path: Path) -> Path:
    """Rewrite an .xlsx so that its first sheet carries an Excel-only extension."""
    original = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", _X14_VALIDATIONS + b"</worksheet>")
            dst.writestr(item, data)
    return path
