"""Reading a spreadsheet file into plain rows of text, whatever its format.

A :class:`Book` gives each sheet's first rows cheaply (to find the header) and
then one whole sheet as a :class:`Sheet`: every cell as text, rows numbered as
the spreadsheet shows them, and the merged ranges. Nothing here knows what a
roster is, except that a CSV file's delimiter is chosen by which one yields a
recognisable header (passed in as ``header_score``).

Any failure of a third-party parser on a file is a damaged file, reported as a
:class:`UserError`; it is never a bug of meetplan, so no traceback reaches the
user (the original exception stays chained for debugging).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meetplan.i18n import _
from meetplan.model import Location, Problem, UserError

SUPPORTED = (".xlsx", ".xls", ".csv")
CSV_DELIMITERS = (",", "\t", ";")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OOXML file protected by a password is an OLE container with this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class Merge:
    """A merged range, 1-based and inclusive, as the spreadsheet numbers it."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]  # rows[i] is spreadsheet row i + 1; rows may differ in length
    merges: list[Merge] = field(default_factory=list)
    lettered: bool = True  # whether columns have letters (A, B, ...) to quote in messages


class Book(ABC):
    """An open spreadsheet file. Use as a context manager; it closes the file."""

    def __init__(self, source: str) -> None:
        self.source = source

    @property
    @abstractmethod
    def sheet_names(self) -> list[str]: ...

    def head(self, index: int, rows: int) -> list[list[str]]:
        with self._reading():
            return self._head(index, rows)

    def read(self, index: int) -> Sheet:
        with self._reading():
            return self._read(index)

    @abstractmethod
    def _head(self, index: int, rows: int) -> list[list[str]]: ...

    @abstractmethod
    def _read(self, index: int) -> Sheet: ...

    def close(self) -> None:  # noqa: B027 -- only some formats hold a file open
        pass

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            # openpyxl warns about parts it drops (data-validation extensions,
            # drawings, a missing default style): irrelevant to reading values.
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
                yield
        except UserError:
            raise
        except Exception as exc:  # any parser failure on the file: see module docstring
            raise damaged(self.source) from exc


def open_book(path: Path, header_score: Callable[[list[list[str]]], int]) -> Book:
    """Open a roster file, or raise a UserError that says why it cannot be."""
    source = str(path)
    if path.is_dir():
        raise _file_error(
            source, _("{file} is a folder, not a roster file.").format(file=source), _accepted()
        )
    if not path.exists():
        # `--roster 名单` for 名单.xlsx, or .xls for .xlsx: name the file that is there.
        near = [p for p in (path.with_suffix(s) for s in SUPPORTED) if p != path and p.is_file()]
        hint = _("Check the file name and the folder it is in.")
        if near:
            hint = _("Did you mean {file}?").format(file=near[0])
        raise _file_error(
            source, _("The roster file {file} does not exist.").format(file=source), hint
        )
    if path.suffix.lower() not in SUPPORTED:
        raise _file_error(
            source,
            _("{file} is not a file type meetplan can read.").format(file=source),
            _accepted(),
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _file_error(
            source,
            _("{file} cannot be opened: {reason}.").format(file=source, reason=exc.strerror),
            _("If the file is open in Excel or WPS, close it and try again."),
        ) from None
    if not data.strip():
        raise _file_error(
            source, _("The roster file {file} is empty.").format(file=source), template_hint()
        )

    # Trust the content over the name: offices rename files, and online systems
    # export tab-separated text or web pages under an .xls name.
    if data.startswith(_ZIP_MAGIC):
        return XlsxBook(source, data)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise password_protected(source)
        return XlsBook(source, data)
    if path.suffix.lower() == ".csv":
        text = decode_text(data)
        if text is None:
            raise _file_error(
                source,
                _("{file} is not text in an encoding meetplan can read (UTF-8 or GBK).").format(
                    file=source
                ),
                _("Open it in Excel or WPS and save it as .xlsx."),
            )
        return CsvBook(source, text, header_score)
    if _looks_like_markup(data):
        raise _file_error(
            source,
            _("{file} is a web page (HTML or XML) saved under a spreadsheet name.").format(
                file=source
            ),
            _("Open it in Excel or WPS and save it as .xlsx (文件 → 另存为)."),
        )
    # Neither zip nor OLE: tab-separated text, or a damaged file (binary, so
    # not worth guessing an encoding for).
    text = decode_text(data, guess=False) if _looks_like_text(data) else None
    if text is None:
        raise damaged(source)
    return CsvBook(source, text, header_score)


# ---------------------------------------------------------------------------
# .xlsx


class XlsxBook(Book):
    def __init__(self, source: str, data: bytes) -> None:
        super().__init__(source)
        import openpyxl

        self._data = data
        with self._reading():
            # read_only streams values several times faster than the normal
            # mode; it has no merged-cell information, which _merges() reads
            # from the sheet XML. data_only=False: a formula is read as its
            # text, never evaluated or replaced by a cached result.
            self._wb = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            self._sheets = list(self._wb.worksheets)
            for ws in self._sheets:
                # Some writers record a wrong used range; read what is there.
                ws.reset_dimensions()

    @property
    def sheet_names(self) -> list[str]:
        return [ws.title for ws in self._sheets]

    def _head(self, index: int, rows: int) -> list[list[str]]:
        ws = self._sheets[index]
        return [_row_text(row) for row in ws.iter_rows(min_row=1, max_row=rows, values_only=True)]

    def _read(self, index: int) -> Sheet:
        ws = self._sheets[index]
        rows = [_row_text(row) for row in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
        if any(cell.startswith("=") for row in rows for cell in row):
            rows = self._stored_results(index, rows)
        return Sheet(ws.title, rows, self._merges(index))

    def _stored_results(self, index: int, rows: list[list[str]]) -> list[list[str]]:
        """Formula cells show the result Excel or WPS stored when the file was saved.

        Nothing is calculated here: a formula without a stored result (a file
        written by a program that does not calculate) keeps its text, and a
        name that is a formula is then reported, never guessed.
        """
        import openpyxl

        wb = openpyxl.load_workbook(
            io.BytesIO(self._data), read_only=True, data_only=True, keep_links=False
        )
        try:
            ws = wb.worksheets[index]
            ws.reset_dimensions()
            for r, stored in enumerate(ws.iter_rows(min_row=1, min_col=1, values_only=True)):
                if r >= len(rows):
                    break
                row = rows[r]
                for c, value in enumerate(stored[: len(row)]):
                    if row[c].startswith("=") and value is not None:
                        row[c] = _cell_text(value)
        finally:
            wb.close()
        return rows

    def _merges(self, index: int) -> list[Merge]:
        # openpyxl's read-only worksheet keeps the zip archive and the sheet's
        # part name; a regular expression over the part finds <mergeCell ref=>
        # in a few milliseconds, where a second full parse would take seconds.
        ws = self._sheets[index]
        xml = self._wb._archive.read(ws._worksheet_path)
        return [_merge_from_ref(ref.decode("ascii")) for ref in _MERGE_CELL.findall(xml)]

    def close(self) -> None:
        self._wb.close()


_MERGE_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Za-z0-9:$]+)"')


def _merge_from_ref(ref: str) -> Merge:
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    return Merge(min_row, min_col, max_row if max_row else min_row, max_col or min_col)


# ---------------------------------------------------------------------------
# .xls


class XlsBook(Book):
    def __init__(self, source: str, data: bytes) -> None:
        super().__init__(source)
        import xlrd

        try:
            # formatting_info is needed for merged cells; a few writers produce
            # files it cannot parse, which still read without it.
            try:
                self._book = xlrd.open_workbook(
                    file_contents=data, formatting_info=True, logfile=io.StringIO()
                )
            except xlrd.XLRDError as exc:
                if "encrypted" in str(exc).lower():
                    raise password_protected(source) from exc
                raise
            except Exception:
                self._book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO())
        except UserError:
            raise
        except Exception as exc:
            raise damaged(source) from exc
        self._datemode = self._book.datemode

    @property
    def sheet_names(self) -> list[str]:
        return list(self._book.sheet_names())

    def _head(self, index: int, rows: int) -> list[list[str]]:
        sheet = self._book.sheet_by_index(index)
        return [self._row(sheet, r) for r in range(min(rows, sheet.nrows))]

    def _read(self, index: int) -> Sheet:
        sheet = self._book.sheet_by_index(index)
        rows = [self._row(sheet, r) for r in range(sheet.nrows)]
        # xlrd: (row_lo, row_hi, col_lo, col_hi), 0-based, hi exclusive
        merges = [Merge(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells]
        return Sheet(sheet.name, rows, merges)

    def _row(self, sheet: Any, r: int) -> list[str]:
        import xlrd

        out = []
        for cell in sheet.row(r):
            kind, value = cell.ctype, cell.value
            if kind == xlrd.XL_CELL_TEXT:
                out.append(value)
            elif kind == xlrd.XL_CELL_NUMBER:
                out.append(_number_text(value))
            elif kind == xlrd.XL_CELL_DATE:
                try:
                    out.append(_cell_text(xlrd.xldate_as_datetime(value, self._datemode)))
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    out.append(_number_text(value))
            elif kind == xlrd.XL_CELL_BOOLEAN:
                out.append("TRUE" if value else "FALSE")
            elif kind == xlrd.XL_CELL_ERROR:
                out.append(xlrd.error_text_from_code.get(value, "#ERROR"))
            else:  # empty, blank
                out.append("")
        return out


# ---------------------------------------------------------------------------
# .csv (and tab-separated text under an .xls name)


class CsvBook(Book):
    def __init__(
        self, source: str, text: str, header_score: Callable[[list[list[str]]], int]
    ) -> None:
        super().__init__(source)
        with self._reading():
            self._rows = _parse_csv(text, _sniff_delimiter(text, header_score))

    @property
    def sheet_names(self) -> list[str]:
        return [""]

    def _head(self, index: int, rows: int) -> list[list[str]]:
        return self._rows[:rows]

    def _read(self, index: int) -> Sheet:
        return Sheet("", self._rows, lettered=False)


def decode_text(data: bytes, *, guess: bool = True) -> str | None:
    """Text of a CSV file: UTF-8 (with or without BOM), GBK/GB18030, or (``guess``)
    whatever charset-normalizer recognises; None if none fits. Decoding is strict,
    so nothing is garbled silently."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    if not guess:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def _parse_csv(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    if limit is None:
        return [row for row in reader]
    rows = []
    for row in reader:
        rows.append(row)
        if len(rows) >= limit:
            break
    return rows


def _sniff_delimiter(text: str, header_score: Callable[[list[list[str]]], int]) -> str:
    """The delimiter under which the first rows hold the best roster header; failing
    that, the one that splits the first rows into the most columns."""

    def score(delimiter: str) -> tuple[int, int]:
        try:
            head = _parse_csv(text, delimiter, limit=30)
        except csv.Error:
            return (-1, -1)
        return header_score(head), max((len(row) for row in head), default=0)

    return max(CSV_DELIMITERS, key=score)  # max() keeps the first of equals: "," wins ties


# ---------------------------------------------------------------------------
# Cells to text


def _row_text(row: tuple[Any, ...]) -> list[str]:
    return [value if type(value) is str else _cell_text(value) for value in row]


def _cell_text(value: Any) -> str:
    """A cell as the office typed it: 3 not 3.0, a date as 2026-12-01."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula: its formula text
    if isinstance(text, str):
        return text
    return str(value)


def _number_text(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return f"{value:.15g}"  # the digits Excel shows, without float noise


# ---------------------------------------------------------------------------
# Messages


def _file_error(source: str, message: str, hint: str) -> UserError:
    return UserError([Problem(message, Location(file=source), hint)])


def _accepted() -> str:
    return _(
        "The roster must be an Excel workbook (.xlsx or .xls) or a CSV file (.csv). "
        "Open the file in Excel or WPS and save it as .xlsx (文件 → 另存为)."
    )


def template_hint() -> str:
    return _("Fill in the roster; `meetplan init` writes a template to start from.")


def damaged(source: str) -> UserError:
    return UserError(
        [
            Problem(
                _("{file} cannot be read: it is damaged or not really a spreadsheet.").format(
                    file=source
                ),
                Location(file=source),
                _("Open it in Excel or WPS; if it opens, save it again as .xlsx and retry."),
            )
        ]
    )


def password_protected(source: str) -> UserError:
    return UserError(
        [
            Problem(
                _("{file} is protected by a password.").format(file=source),
                Location(file=source),
                _("Open it in Excel or WPS, remove the password, save it, and try again."),
            )
        ]
    )


def _looks_like_text(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" not in data[:4096]


def _looks_like_markup(data: bytes) -> bool:
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<"))
