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
import os
import re
import stat
import warnings
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any

from meetplan.i18n import _
from meetplan.model import Location, Problem, UserError
from meetplan.model.text import shown
from meetplan.roster.limits import MAX_CELLS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES

SUPPORTED = (".xlsx", ".xls", ".csv")
# The start of a CSV file in which the delimiter is chosen: its first 30 rows
# (where the header is) are far shorter in any roster.
_SNIFF_CHARACTERS = 1_000_000
# What a cell in error shows when xlrd does not know its code.
UNKNOWN_ERROR = "#ERROR"
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

    def hidden(self, index: int) -> bool:
        """Whether the sheet is hidden in Excel or WPS (an old list kept out of sight)."""
        return False

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
    try:
        info: os.stat_result | None = os.stat(path)  # a link: what it points to
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:
        raise _file_error(
            source,
            _("{file} cannot be opened: {reason}.").format(file=source, reason=exc.strerror),
            _("If the file is open in Excel or WPS, close it and try again."),
        ) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _file_error(
            source, _("{file} is a folder, not a roster file.").format(file=source), _accepted()
        )
    if info is None:
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
    # A pipe would block the read for ever, a device (/dev/zero) never end it:
    # only a regular file is opened at all.
    if not stat.S_ISREG(info.st_mode):
        raise not_a_file(source)
    if info.st_size > MAX_FILE_BYTES:
        raise too_big(source, info.st_size)
    data = _read_file(path)
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
        text = decode_text(data, source)
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
    text = decode_text(data, source, guess=False) if _looks_like_text(data) else None
    if text is None:
        raise damaged(source)
    return CsvBook(source, text, header_score)


def _read_file(path: Path) -> bytes:
    """The file's bytes, at most MAX_FILE_BYTES of them. Opened without blocking
    and checked again once open: the name may have been switched to a pipe or a
    device since it was looked at."""
    source = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _file_error(
            source,
            _("{file} cannot be opened: {reason}.").format(file=source, reason=exc.strerror),
            _("If the file is open in Excel or WPS, close it and try again."),
        ) from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise not_a_file(source)
        try:
            data = f.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise _file_error(
                source,
                _("{file} cannot be opened: {reason}.").format(file=source, reason=exc.strerror),
                _("If the file is open in Excel or WPS, close it and try again."),
            ) from None
    if len(data) > MAX_FILE_BYTES:
        raise too_big(source, len(data))
    return data


# ---------------------------------------------------------------------------
# .xlsx


class XlsxBook(Book):
    def __init__(self, source: str, data: bytes) -> None:
        super().__init__(source)
        import openpyxl

        self._data = data
        with self._reading():
            _check_unpacked_size(source, data)
            # read_only streams values several times faster than the normal
            # mode; it has no merged-cell information, which _merges() reads
            # from the sheet XML. data_only=False: a formula is read as its
            # text, never evaluated or replaced by a cached result.
            self._wb = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            self._sheets = list(self._wb.worksheets)

    @property
    def sheet_names(self) -> list[str]:
        return [ws.title for ws in self._sheets]

    def hidden(self, index: int) -> bool:
        return getattr(self._sheets[index], "sheet_state", "visible") != "visible"

    def _head(self, index: int, rows: int) -> list[list[str]]:
        return _xlsx_rows(self.source, self._sheets[index], last=rows)

    def _read(self, index: int) -> Sheet:
        ws = self._sheets[index]
        rows = _xlsx_rows(self.source, ws)
        if any(cell.startswith("=") for row in rows for cell in row):
            rows = self._stored_results(index, rows)
        return Sheet(ws.title, rows, _clipped(self.source, self._merges(index), rows))

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
            stored_rows = _xlsx_rows(self.source, wb.worksheets[index], last=len(rows))
            for row, stored in zip(rows, stored_rows, strict=False):
                for c, value in enumerate(stored[: len(row)]):
                    if row[c].startswith("=") and value:
                        row[c] = value
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


def _check_unpacked_size(source: str, data: bytes) -> None:
    """Refuse an .xlsx whose parts unpack to more than MAX_UNPACKED_BYTES (a zip
    bomb) before anything is unpacked, or whose shared strings (which openpyxl
    parses all on opening) outnumber MAX_CELLS. The sizes are the ones the
    archive declares; Python's zipfile never unpacks more than that."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        items = archive.infolist()
        unpacked = sum(item.file_size for item in items)
        if unpacked > MAX_UNPACKED_BYTES:
            raise _file_error(
                source,
                _(
                    "{file} unpacks to {size} MB; a roster workbook unpacks to far less "
                    "(meetplan reads at most {limit} MB)."
                ).format(
                    file=source, size=_megabytes(unpacked), limit=_megabytes(MAX_UNPACKED_BYTES)
                ),
                _copy_the_list(),
            )
        for item in items:
            if item.filename.lower().endswith("sharedstrings.xml"):
                with archive.open(item) as part:
                    if _count(part, _SHARED_STRING) > MAX_CELLS:
                        raise too_many_cells(source, None)


# A shared string's element, <si> or <x:si ...> ("<" cannot occur in text).
_SHARED_STRING = (b"<si", b":si>", b":si ")


def _count(stream: IO[bytes], patterns: tuple[bytes, ...]) -> int:
    """Occurrences of short ``patterns`` in a stream, read a megabyte at a time."""
    count = 0
    tails = dict.fromkeys(patterns, b"")
    while chunk := stream.read(1 << 20):
        for pattern in patterns:
            # A match may straddle two chunks: the end of the last one goes in front.
            text = tails[pattern] + chunk
            count += text.count(pattern)
            tails[pattern] = text[-(len(pattern) - 1) :]
    return count


def _xlsx_rows(source: str, ws: Any, last: int | None = None) -> list[list[str]]:
    """A sheet's rows of text, from row 1 to its last non-blank row (or ``last``).

    The sheet's XML is parsed directly, row element by row element: openpyxl's
    own row iterator pads every row to its last cell and yields every missing
    row, so one value in column XFD or on row 1,048,576 would cost millions of
    blank cells before the limits could be checked.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    extent = _Extent(source)
    elements = 0
    with ws._get_source() as xml:
        parser = WorkSheetParser(
            xml,
            ws._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            if last is not None and number > last:
                break
            # Empty rows and formatted empty cells cost as much time to parse.
            elements += 1 + len(cells)
            if elements > MAX_CELLS:
                raise too_many_cells(source, number)
            values = {cell["column"]: cell["value"] for cell in cells if cell["value"] is not None}
            if not values:
                continue
            row = [""] * max(values)
            for column, value in values.items():
                row[column - 1] = _xlsx_text(value)
            extent.put(number, row)
    return extent.rows


# Excel writes a character that XML cannot hold (a control character) as
# _xHHHH_, and an underscore that would read as such an escape as _x005F_.
_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xlsx_text(value: Any) -> str:
    if type(value) is not str:
        return _cell_text(value)
    if "_x" not in value:
        return value
    return _XML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)


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

    def hidden(self, index: int) -> bool:
        return bool(getattr(self._book.sheet_by_index(index), "visibility", 0))

    def _head(self, index: int, rows: int) -> list[list[str]]:
        return self._rows(self._book.sheet_by_index(index), rows)

    def _read(self, index: int) -> Sheet:
        sheet = self._book.sheet_by_index(index)
        rows = self._rows(sheet, sheet.nrows)
        # xlrd: (row_lo, row_hi, col_lo, col_hi), 0-based, hi exclusive
        merges = [Merge(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells]
        return Sheet(sheet.name, rows, _clipped(self.source, merges, rows))

    def _rows(self, sheet: Any, count: int) -> list[list[str]]:
        extent = _Extent(self.source)
        for r in range(min(count, sheet.nrows)):
            extent.put(r + 1, self._row(sheet, r))
        return extent.rows

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
                out.append(xlrd.error_text_from_code.get(value, UNKNOWN_ERROR))
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
        with self._reading(), _long_fields():
            extent = _Extent(source)
            delimiter = _sniff_delimiter(text[:_SNIFF_CHARACTERS], header_score)
            # Each delimiter starts a cell: a line of millions of commas would be
            # millions of cells in memory before its row could be looked at.
            if text.count(delimiter) > MAX_CELLS:
                raise too_many_cells(source, None)
            rows = _csv_reader(text, delimiter)
            for number, row in enumerate(rows, start=1):
                extent.put(number, row)
            self._rows = extent.rows

    @property
    def sheet_names(self) -> list[str]:
        return [""]

    def _head(self, index: int, rows: int) -> list[list[str]]:
        return self._rows[:rows]

    def _read(self, index: int) -> Sheet:
        return Sheet("", self._rows, lettered=False)


# The two-byte Chinese encodings. Text in either decodes without error in the
# other more often than not (every Big5 file does as GB18030), so the one whose
# reading is plausible Chinese wins; see :func:`_plausibility`.
_SIMPLIFIED = "gb18030"  # GB2312 ⊂ GBK ⊂ GB18030: mainland China
_TRADITIONAL = ("cp950", "big5hkscs")  # Big5 as Windows writes it (Taiwan); Hong Kong's
# How much more plausible one reading must be than the other to be chosen.
_CLEAR_LEAD = 0.2


def decode_text(data: bytes, source: str, *, guess: bool = True) -> str | None:
    """Text of a CSV file: UTF-8 (with or without BOM), GBK/GB18030 or Big5, or
    (``guess``) whatever charset-normalizer recognises; None if none fits.

    Decoding is strict, so nothing is garbled silently. GB18030 and Big5 are
    told apart by which reading is made of common Chinese characters; a file
    too short to tell (a few names, each reading as plausible as the other) is
    refused with a UserError rather than read the wrong way.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Every Big5 file decodes as GB18030: one that does not is in neither.
    simplified = _decoded(data, _SIMPLIFIED)
    if simplified is not None:
        traditional = next(
            (text for e in _TRADITIONAL if (text := _decoded(data, e)) is not None), simplified
        )
        if traditional == simplified:
            return simplified
        lead = _plausibility(simplified) - _plausibility(traditional)
        if lead >= _CLEAR_LEAD:
            return simplified
        if lead <= -_CLEAR_LEAD:
            return traditional
        raise _ambiguous_encoding(source, simplified, traditional)
    if not guess:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# How much of a file's start is enough to judge its encoding.
_SAMPLE = 100_000


def _plausibility(text: str) -> float:
    """The share of the text's non-ASCII characters that are common in Chinese
    writing: the 3,755 characters of GB 2312 level 1, the 5,401 of Big5 常用字,
    CJK punctuation and full-width forms. About 1.0 for any real roster, in
    simplified or traditional characters; about 0.4 for Big5 read as GB18030
    (a mix of rare characters, kana and private-use code points)."""
    common = _common_characters()
    others = [c for c in text[:_SAMPLE] if c > "\x7f" and not c.isspace()]
    if not others:
        return 1.0
    return sum(1 for c in others if c in common) / len(others)


@cache
def _common_characters() -> frozenset[str]:
    """Read off the codecs themselves: GB 2312 level 1 is the rows B0–D7, Big5
    常用字 the codes A440–C67E (every other byte pair is a less common character,
    a symbol or kana)."""

    def block(encoding: str, first: int, last: int) -> set[str]:
        found = set()
        for lead in range(first >> 8, (last >> 8) + 1):
            for trail in range(0x40, 0xFF):
                if first <= (lead << 8 | trail) <= last:
                    with suppress(UnicodeDecodeError):
                        found.add(bytes((lead, trail)).decode(encoding))
        return {c for c in found if "\u4e00" <= c <= "\u9fff"}

    gb2312 = block("gb2312", 0xB0A1, 0xD7FE)
    big5 = block("big5", 0xA440, 0xC67E)
    punctuation = {chr(c) for c in [*range(0x3000, 0x3040), *range(0xFF01, 0xFF5F)]}
    return frozenset(gb2312 | big5 | punctuation | set("“”‘’…—·•"))


def _ambiguous_encoding(source: str, simplified: str, traditional: str) -> UserError:
    def sample(text: str) -> str:
        # The first line with Chinese in it, as this reading shows it.
        lines = text[:_SAMPLE].splitlines()
        line = next((ln for ln in lines if any(c > "\x7f" for c in ln)), "")
        return shown(line.strip(), 30)

    return _file_error(
        source,
        _(
            "meetplan cannot tell whether {file} is in GBK (simplified Chinese) or in Big5 "
            '(traditional Chinese): read as GBK it begins "{gbk}", read as Big5 "{big5}".'
        ).format(file=source, gbk=sample(simplified), big5=sample(traditional)),
        _(
            "Open it in Excel or WPS and save it as .xlsx, or as CSV UTF-8 "
            "(文件 → 另存为 → CSV UTF-8)."
        ),
    )


def _csv_reader(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(_lines(text), delimiter=delimiter)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, as open(newline="") gives them to the
    csv module (which joins the lines of a quoted cell). Not io.StringIO: it holds
    a copy of the whole text at four bytes a character."""
    return (m[0] for m in _LINE.finditer(text))


def _parse_csv(text: str, delimiter: str, limit: int) -> list[list[str]]:
    rows = []
    for row in _csv_reader(text, delimiter):
        rows.append(row)
        if len(rows) >= limit:
            break
    return rows


@contextmanager
def _long_fields() -> Iterator[None]:
    """Let the csv module read a field of any length the file can hold: by default
    it stops at 128 KB with an error that would read as a damaged file, where a
    cell that long is only too long — which the roster reader says, with its place."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, MAX_FILE_BYTES))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _sniff_delimiter(text: str, header_score: Callable[[list[list[str]]], int]) -> str:
    """The delimiter under which the first rows hold the best roster header; failing
    that, the one that splits the first rows into the most columns."""

    def score(delimiter: str) -> tuple[int, int]:
        try:
            head = _parse_csv(text, delimiter, limit=30)
        except csv.Error:
            return (-1, -1)
        return header_score(head), max((len(row) for row in head), default=0)

    with _long_fields():
        return max(CSV_DELIMITERS, key=score)  # max() keeps the first of equals: "," wins ties


# ---------------------------------------------------------------------------
# The extent of a sheet


class _Extent:
    """A sheet's rows as they are read, checked against MAX_ROWS and MAX_CELLS.

    Each row is kept up to its last non-blank cell, and the sheet up to its
    last non-blank row; blank rows between are kept (as []), since rows are
    numbered by their place in the list.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows: list[list[str]] = []
        self.cells = 0

    def put(self, number: int, row: list[str]) -> None:
        """Row ``number`` (1-based, as the spreadsheet numbers it)."""
        while row and not row[-1]:
            row.pop()
        if not row:
            return
        if number > MAX_ROWS:
            raise too_many_rows(self.source, number, row)
        if number <= len(self.rows):  # rows out of order: no spreadsheet program writes that
            raise damaged(self.source)
        self.cells += number - len(self.rows) - 1 + len(row)
        if self.cells > MAX_CELLS:
            raise too_many_cells(self.source, number)
        self.rows.extend([] for _ in range(number - len(self.rows) - 1))
        self.rows.append(row)


def _clipped(source: str, merges: list[Merge], rows: list[list[str]]) -> list[Merge]:
    """The merges over the rows that hold something, cut at the last of them. A
    merge is filled row by row, so their heights together count as cells."""
    last = len(rows)
    kept = [
        Merge(m.first_row, m.first_col, min(m.last_row, last), m.last_col)
        for m in merges
        if m.first_row <= last
    ]
    if sum(m.last_row - m.first_row + 1 for m in kept) > MAX_CELLS:
        raise too_many_cells(source, None)
    return kept


# ---------------------------------------------------------------------------
# Cells to text


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


def not_a_file(source: str) -> UserError:
    return _file_error(
        source,
        _(
            "{file} is not a regular file (it is a device, a pipe or a socket), "
            "so meetplan does not read it."
        ).format(file=source),
        _("Save the list from Excel or WPS as an .xlsx file and give meetplan that file."),
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f}" if size >= 1024 * 1024 else f"{size / (1024 * 1024):.1f}"


def _copy_the_list() -> str:
    return _(
        "Check that this is the right file. If it is, copy only the list of people into "
        "a new workbook in Excel or WPS, save that as .xlsx and use it."
    )


def too_big(source: str, size: int) -> UserError:
    return _file_error(
        source,
        _("{file} is {size} MB; a roster file is at most {limit} MB.").format(
            file=source, size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES)
        ),
        _copy_the_list(),
    )


def too_many_rows(source: str, row: int, cells: list[str]) -> UserError:
    value = next(cell for cell in cells if cell)
    return UserError(
        [
            Problem(
                _(
                    "{file} goes on to row {row}; a roster has at most {limit} rows. "
                    'Row {row} holds "{value}".'
                ).format(file=source, row=row, limit=f"{MAX_ROWS:,}", value=shown(value)),
                Location(file=source, row=row, value=value),
                _(
                    "If the list ends long before, delete the rows below it (select them, "
                    "right-click → 删除) and save; otherwise split the list."
                ),
            )
        ]
    )


def too_many_cells(source: str, row: int | None) -> UserError:
    return UserError(
        [
            Problem(
                _("{file} holds more than {limit} cells; a roster holds far fewer.").format(
                    file=source, limit=f"{MAX_CELLS:,}"
                ),
                Location(file=source, row=row),
                _(
                    "Delete what is to the right of the list and below it (select those "
                    "columns or rows, right-click → 删除) and save; or copy only the list of "
                    "people into a new workbook and use that."
                ),
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
