"""Check a speech manuscript (PDF or Word .docx) page by page before it goes on the rostrum.

A leader reading from a manuscript with a page missing, repeated or out of
order is the failure this module exists to prevent. :func:`check_manuscript`
reports every defect it finds, each naming the physical page of the file it
concerns, and says plainly what it could not check by machine.

PDF: the page count, the page number printed on each page (read from the text
layer, see :mod:`meetplan.materials.pagenumbers`), blank pages, and pages whose
paper size or orientation differs from the rest.

Word (.docx): whether the header or footer carries a page-number field, and the
page count Word stored when it last saved the file. That stored count may be
stale, so the result is "check by hand" unless LibreOffice is available: then
the file is converted to PDF and gets every PDF check, on LibreOffice's layout.

The file's type is decided by its content, not its name, and no bad file makes
this module raise: every problem becomes a failed finding that says what is
wrong and what to do. No file makes it hang either: only an ordinary file is
opened (never a pipe or a device), of at most :data:`MAX_BYTES`; a PDF of more
than :data:`MAX_PAGES` pages, or whose pages take longer than
:data:`PAGES_SECONDS` to read, is left to be checked by hand; LibreOffice runs
under :data:`LIBREOFFICE_TIMEOUT`.

LibreOffice writes nothing outside the meeting folder: it runs in a private
folder made there (``.meetplan-tmp-…``, see :func:`scratch_folder`) with its
profile, HOME and temporary folder inside it, removed afterwards.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import pypdf
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import ContentStream, IndirectObject

from meetplan.i18n import _
from meetplan.materials.pagenumbers import (
    BeyondTotal,
    Duplicate,
    Missing,
    MissingAtEnd,
    NoNumbers,
    NumberingIssue,
    OutOfOrder,
    PageLabel,
    Unnumbered,
    WrongTotal,
    check_numbering,
    find_page_label,
    is_only_page_number,
)
from meetplan.model.checklist import Outcome

__all__ = ["Finding", "ManuscriptReport", "Outcome", "check_manuscript"]

LIBREOFFICE_TIMEOUT = 120  # seconds for one conversion, start-up included
# Bounds on what one manuscript may cost. A speech or a report is a few dozen pages and a
# few megabytes (a scanned one some tens); beyond these the file is reported, not read.
MAX_BYTES = 200 * 1024 * 1024  # a larger file is not read at all
MAX_PAGES = 500  # a PDF of more pages is not checked page by page
PAGES_SECONDS = 120.0  # reading the pages stops after this long (a pathological file)
# LibreOffice's private folder, made in the meeting folder and removed after each
# conversion; one left behind (the process was killed) is removed by a later one.
SCRATCH_PREFIX = ".meetplan-tmp-"
SCRATCH_STALE_SECONDS = 3600  # older than this, a scratch folder is a leftover
SIZE_TOLERANCE = 2.0  # points: pages closer than this in both directions are the same size
_PAPER_TOLERANCE = 3.0  # points, when naming a paper size
_MAX_FORM_DEPTH = 5  # form XObjects inside form XObjects, when looking for marks on a page


@dataclass(frozen=True)
class Finding:
    outcome: Outcome  # FAILED for a defect, MANUAL for "cannot check, check by hand"
    message: str  # one sentence for office staff, in their language, naming the page(s)
    page: int | None = None  # 1-based physical page of the file it concerns, if any


@dataclass(frozen=True)
class ManuscriptReport:
    path: Path
    pages: int | None  # physical page count, None if unknown
    method: str  # how the pages were counted, in the reader's language
    findings: tuple[Finding, ...]

    @property
    def outcome(self) -> Outcome:
        outcomes = {finding.outcome for finding in self.findings}
        if Outcome.FAILED in outcomes:
            return Outcome.FAILED
        if Outcome.MANUAL in outcomes:
            return Outcome.MANUAL
        return Outcome.PASSED


def check_manuscript(
    path: Path,
    expected_pages: int | None = None,
    *,
    libreoffice: str | Literal["auto"] | None = "auto",
    scratch: Path | None = None,
) -> ManuscriptReport:
    """Check one manuscript file; never raises for a bad file.

    ``expected_pages`` is the page count the manuscript should have, if known.
    ``libreoffice`` is used for Word files only: ``"auto"`` looks for
    ``soffice``/``libreoffice``, ``None`` never converts, any other string is
    the program to run. ``scratch`` is the folder LibreOffice works in (its
    private folder is made there and removed): the meeting folder; by default
    the manuscript's own folder. Raises :class:`ValueError` only for an
    ``expected_pages`` below 1.
    """
    if expected_pages is not None and expected_pages < 1:
        raise ValueError(f"expected_pages must be at least 1, not {expected_pages}")
    path = Path(path)
    try:
        return _check(path, expected_pages, libreoffice, scratch or path.parent)
    except Exception as error:  # a bad file must be reported, never crash the caller
        return _unreadable(
            path,
            _("The file could not be checked ({error}); check it by hand.").format(
                error=_describe(error)
            ),
        )


def _check(
    path: Path, expected: int | None, libreoffice: str | Literal["auto"] | None, scratch: Path
) -> ManuscriptReport:
    if not path.exists():
        return _unreadable(path, _("The file does not exist; check the path and the file name."))
    if path.is_dir():
        return _unreadable(
            path, _("This is a folder, not a file; give the manuscript file itself.")
        )
    try:
        data = _read_file(path)
    except _NotRead as problem:
        return problem.report(path)
    except OSError as error:
        return _unreadable(
            path,
            _(
                "The file cannot be opened ({error}); close it in other programs and check the "
                "permissions."
            ).format(error=_describe(error)),
        )
    kind = _sniff(data)
    if kind == "pdf":
        result = _check_pdf(data, expected)
        return _report(path, result.pages, _("PDF"), result.findings)
    if kind == "zip":
        return _check_docx(path, data, expected, libreoffice, scratch)
    return _unreadable(path, _wrong_kind(kind, path.suffix.lower()))


class _NotRead(Exception):
    """A file that is not read at all: not an ordinary file, or too large."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding

    def report(self, path: Path) -> ManuscriptReport:
        return ManuscriptReport(path, None, _("not read"), (self.finding,))


def _read_file(path: Path) -> bytes:
    """The file's bytes, if it is an ordinary file of at most MAX_BYTES.

    A pipe (FIFO) would block the build until something writes to it, and a
    device such as /dev/zero never ends: neither is ever read. The type is asked
    before opening (opening some devices does something) and again of the open
    file, which is opened without waiting for a writer, in case the name was
    changed in between.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise _NotRead(_failed(_not_a_file()))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _NotRead(_failed(_not_a_file()))
        if info.st_size > MAX_BYTES:
            raise _NotRead(_too_large(info.st_size))
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # it grew while being read
        raise _NotRead(_too_large(len(data)))
    return data


def _not_a_file() -> str:
    return _(
        "This is not an ordinary file (it is a device, a pipe or a socket); give the "
        "manuscript file itself."
    )


def _too_large(size: int) -> Finding:
    return _manual(
        _(
            "The file is {size} MB, more than the {limit} MB a manuscript is read up to, so it "
            "was not checked; check that it is the right file, and check it by hand."
        ).format(size=_megabytes(size), limit=_megabytes(MAX_BYTES))
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _report(
    path: Path, pages: int | None, method: str, findings: list[Finding]
) -> ManuscriptReport:
    ordered = sorted(findings, key=lambda f: 0 if f.page is None else f.page)
    return ManuscriptReport(path, pages, method, tuple(ordered))


def _unreadable(path: Path, message: str) -> ManuscriptReport:
    return ManuscriptReport(path, None, _("not read"), (Finding(Outcome.FAILED, message),))


def _failed(message: str, page: int | None = None) -> Finding:
    return Finding(Outcome.FAILED, message, page)


def _manual(message: str, page: int | None = None) -> Finding:
    return Finding(Outcome.MANUAL, message, page)


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# ---------------------------------------------------------------------------
# What the file really is


_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(data: bytes) -> str:
    """The file's type from its first bytes: pdf, zip, ole, rtf, empty, unknown or an image name."""
    if not data:
        return "empty"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(_OLE):
        return "ole"
    for magic, name in _IMAGES:
        if data.startswith(magic):
            return name
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return "HEIC"
    if b"%PDF-" in data[:1024]:  # the header may follow a little junk
        return "pdf"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    return "unknown"


def _wrong_kind(kind: str, suffix: str) -> str:
    if kind == "empty":
        return _("The file is empty (0 bytes); copy it again from the original.")
    if kind == "ole":
        if suffix == ".docx":
            return _(
                "The file is named .docx but is in the old or password-protected Word format; "
                "remove any password and save it again as .docx or PDF."
            )
        return _(
            "The file is in the old Word or WPS format (.doc, .wps); open it in Word or WPS and "
            "save it as .docx or PDF."
        )
    if kind == "rtf":
        return _("The file is in RTF format; open it in Word or WPS and save it as .docx or PDF.")
    if kind == "unknown":
        if suffix == ".pdf":
            return _(
                "The file is named .pdf but is not a PDF (it is damaged or of another type); "
                "export or copy the PDF again."
            )
        if suffix == ".docx":
            return _(
                "The file is named .docx but is not a Word document (it is damaged or of another "
                "type); save it again from Word or WPS."
            )
        return _(
            "The file is neither a PDF nor a Word (.docx) document; supply the manuscript as PDF "
            "or .docx."
        )
    # an image
    if suffix in (".pdf", ".docx", ".doc"):
        return _(
            "The file is named {suffix} but is really a {kind} image; supply the manuscript "
            "itself as PDF or .docx."
        ).format(suffix=suffix, kind=kind)
    return _(
        "The file is a {kind} image, not a manuscript; supply the manuscript as PDF or .docx."
    ).format(kind=kind)


# ---------------------------------------------------------------------------
# PDF


@dataclass
class _PdfResult:
    pages: int | None
    findings: list[Finding]
    readable: bool = True


@dataclass
class _Marks:
    """What a page's content draws besides extractable text."""

    image: bool = False
    drawing: bool = False  # paths or shadings that are not white
    text: bool = False  # text-showing operators with something to show


@dataclass
class _Page:
    number: int
    width: float  # as displayed, after /Rotate
    height: float
    text: str = ""
    label: PageLabel | None = None
    blank: bool = False
    only_number: bool = False  # blank apart from the page number
    unreadable: bool = False  # has content, but no text to read a number from
    error: str | None = None


def _check_pdf(data: bytes, expected: int | None, *, require_numbers: bool = True) -> _PdfResult:
    # pypdf warns (by logging) about every flaw it repairs while reading; the findings
    # already say what matters, so office staff are spared the library's notes.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR + 10)
    try:
        with warnings.catch_warnings(), _without_helpers():
            warnings.simplefilter("ignore")
            return _check_pdf_quietly(data, expected, require_numbers)
    finally:
        logger.setLevel(level)


def _without_helpers() -> contextlib.AbstractContextManager[object]:
    """pypdf without its outside helper: for a JBIG2 image it runs the jbig2dec program
    in a temporary folder of the system's, and a manuscript needs no image decoded."""
    apply = getattr(pypdf, "apply_configuration", None)  # in recent pypdf only
    return apply(jbig2dec_binary=None) if apply is not None else contextlib.nullcontext()


def _check_pdf_quietly(data: bytes, expected: int | None, require_numbers: bool) -> _PdfResult:
    def unreadable(message: str) -> _PdfResult:
        return _PdfResult(None, [_failed(message)], readable=False)

    if b"%%EOF" not in data[-4096:]:
        return unreadable(
            _(
                "The PDF is incomplete: its end is missing (the copy or download was probably "
                "cut off); copy it again from the original."
            )
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return unreadable(
                _("The PDF is protected by a password; ask for a copy without a password.")
            )
        count = _page_count(reader, MAX_PAGES)
    except DependencyError as error:  # AES without the optional cryptography package
        return unreadable(
            _(
                "The PDF is encrypted in a way this computer cannot open ({error}); ask for "
                "a copy without protection."
            ).format(error=_describe(error))
        )
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        return unreadable(
            _("The PDF is damaged and cannot be read ({error}); export or copy it again.").format(
                error=_describe(error)
            )
        )
    if count == 0:
        return unreadable(_("The PDF has no pages; export it again."))
    if count is None:
        return _too_many_pages(reader, expected)

    findings: list[Finding] = []
    if expected is not None and count != expected:
        findings.append(
            _failed(
                _("The file has {actual} pages but should have {expected}.").format(
                    actual=count, expected=expected
                )
            )
        )
    pages = _read_pages(reader, count)
    if pages is None:
        findings.append(
            _manual(
                _(
                    "Reading the pages took more than {seconds} seconds and was stopped, so "
                    "they were not checked one by one; check them by hand."
                ).format(seconds=f"{PAGES_SECONDS:g}")
            )
        )
        return _PdfResult(count, findings)
    findings += [
        _failed(
            _("Page {page} cannot be read ({error}); check this page by hand.").format(
                page=p.number, error=p.error
            ),
            p.number,
        )
        for p in pages
        if p.error is not None
    ]
    findings += _size_findings(pages)
    findings += _blank_findings(pages)
    findings += _numbering_findings(pages, require_numbers)
    return _PdfResult(count, findings)


def _page_count(reader: PdfReader, limit: int) -> int | None:
    """The number of pages, counted in the page tree up to ``limit``; None beyond it.

    pypdf's own count lists every page first: for a file of a million pages that
    takes minutes. Leaves of the tree are counted as pypdf counts them (a node with
    /Kids is a branch); a node met twice (a damaged, looping tree) counts once.
    """
    stack: list[Any] = [_pages_root(reader)]
    seen: set[tuple[int, int]] = set()
    count = 0
    while stack:
        ref = stack.pop()
        if isinstance(ref, IndirectObject):
            key = (ref.idnum, ref.generation)
            if key in seen:
                continue
            seen.add(key)
        node = _resolve(ref)
        if not hasattr(node, "get"):
            continue
        kind = node.get("/Type") or ("/Pages" if "/Kids" in node else "/Page")
        if kind == "/Pages":
            stack.extend(reversed(list(_resolve(node.get("/Kids")) or [])))
        elif kind == "/Page":
            count += 1
            if count > limit:
                return None
    return count if count else len(reader.pages)  # no tree pypdf can walk: as it counts


def _pages_root(reader: PdfReader) -> Any:
    """The root of the page tree (a reference, as the catalogue holds it)."""
    root: Any = reader.trailer["/Root"]
    return _resolve(root)["/Pages"]


def _too_many_pages(reader: PdfReader, expected: int | None) -> _PdfResult:
    """A PDF of more than MAX_PAGES pages: its count, as the file states it, not checked."""
    stated = _resolve(_resolve(_pages_root(reader)).get("/Count"))
    pages = int(stated) if isinstance(stated, int) and stated > MAX_PAGES else None
    findings = [
        _manual(
            _(
                "The file has more than {limit} pages, so its pages were not checked one by "
                "one (a manuscript is checked up to {limit} pages); check that it is the right "
                "file, and check it by hand."
            ).format(limit=MAX_PAGES)
        )
    ]
    if expected is not None and (pages is None or pages != expected):
        findings.append(
            _failed(
                _("The file has more than {limit} pages but should have {expected}.").format(
                    limit=MAX_PAGES, expected=expected
                )
            )
        )
    return _PdfResult(pages, findings)


def _read_pages(reader: PdfReader, count: int) -> list[_Page] | None:
    """Every page read, or None when that takes longer than PAGES_SECONDS."""
    deadline = time.monotonic() + PAGES_SECONDS
    pages = []
    for i in range(count):
        if time.monotonic() > deadline:
            return None
        pages.append(_read_page(reader, i))
    return pages


def _read_page(reader: PdfReader, index: int) -> _Page:
    number = index + 1
    try:
        page = reader.pages[index]
        box = page.mediabox
        width, height = abs(float(box.width)), abs(float(box.height))
        if int(page.rotation) % 180 == 90:
            width, height = height, width
    except Exception as error:
        return _Page(number, 0.0, 0.0, error=_describe(error))
    result = _Page(number, width, height)
    try:
        raw = page.extract_text() or ""
    except Exception as error:
        result.error = _describe(error)
        return result
    result.text = raw
    if raw.strip():
        result.label = find_page_label(raw) or _label_from_layout(page)
        if is_only_page_number(raw):
            marks = _page_marks(reader, page)
            result.only_number = not (marks.image or marks.drawing)
        return result
    marks = _page_marks(reader, page)
    if marks.text and not raw:
        result.unreadable = True  # text is drawn, but in a font whose characters cannot be read
    elif marks.image or marks.drawing:
        result.unreadable = True
    else:
        result.blank = True
    return result


def _label_from_layout(page: Any) -> PageLabel | None:
    """Second try: the layout extraction orders lines from top to bottom."""
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # the layout mode fails on some fonts; the plain text was already tried
        return None
    return find_page_label(text or "")


# Marks on a page, for telling a blank page from a scanned or drawn one.

_FILL = {b"f", b"F", b"f*"}
_STROKE = {b"S", b"s"}
_FILL_AND_STROKE = {b"B", b"B*", b"b", b"b*"}
_SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}


def _page_marks(reader: PdfReader, page: Any) -> _Marks:
    marks = _Marks()
    try:
        contents = page.get_contents()
        if contents is not None:
            _scan(contents.operations, page.get("/Resources"), reader, marks, 0)
    except Exception:  # unparsable content: it is not blank, and its number is unknown
        marks.drawing = True
    return marks


def _scan(
    operations: list[tuple[Any, bytes]],
    resources: Any,
    reader: PdfReader,
    marks: _Marks,
    depth: int,
) -> None:
    fill_white = stroke_white = False
    saved: list[tuple[bool, bool]] = []
    xobjects = _resolve(_resolve(resources).get("/XObject")) if resources is not None else None
    for operands, op in operations:
        if op == b"q":
            saved.append((fill_white, stroke_white))
        elif op == b"Q":
            if saved:
                fill_white, stroke_white = saved.pop()
        elif op in (b"g", b"rg", b"k"):
            fill_white = _is_white(op, operands)
        elif op in (b"G", b"RG", b"K"):
            stroke_white = _is_white(op.lower(), operands)
        elif op in (b"cs", b"sc", b"scn"):
            fill_white = False
        elif op in (b"CS", b"SC", b"SCN"):
            stroke_white = False
        elif op in _FILL:
            marks.drawing |= not fill_white
        elif op in _STROKE:
            marks.drawing |= not stroke_white
        elif op in _FILL_AND_STROKE:
            marks.drawing |= not (fill_white and stroke_white)
        elif op == b"sh":
            marks.drawing = True
        elif op == b"INLINE IMAGE":
            marks.image = True
        elif op in _SHOW_TEXT:
            marks.text |= _shows_something(operands)
        elif op == b"Do" and operands:
            _scan_xobject(xobjects, operands[0], resources, reader, marks, depth)


def _scan_xobject(
    xobjects: Any, name: Any, resources: Any, reader: PdfReader, marks: _Marks, depth: int
) -> None:
    xobject = _resolve(xobjects.get(name)) if xobjects is not None else None
    if xobject is None:
        return
    subtype = xobject.get("/Subtype")
    if subtype == "/Image":
        marks.image = True
    elif subtype == "/Form":
        if depth >= _MAX_FORM_DEPTH:
            marks.drawing = True
            return
        inner = ContentStream(xobject, reader)
        inner_resources = xobject.get("/Resources") or resources  # a form may use its page's
        _scan(inner.operations, inner_resources, reader, marks, depth + 1)


def _resolve(obj: Any) -> Any:
    return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj


def _is_white(op: bytes, operands: Any) -> bool:
    try:
        values = [float(v) for v in operands]
    except (TypeError, ValueError):
        return False
    if op == b"k":
        return len(values) == 4 and all(v <= 0.0 for v in values)
    return bool(values) and all(v >= 1.0 for v in values)


def _shows_something(operands: Any) -> bool:
    for operand in operands:
        if isinstance(operand, str | bytes) and len(operand) > 0:
            return True
        if isinstance(operand, list) and _shows_something(operand):
            return True
    return False


# Page sizes

_PAPERS = (  # portrait width and height in points
    ("A3", 841.89, 1190.55),
    ("A4", 595.28, 841.89),
    ("A5", 419.53, 595.28),
    ("B4", 708.66, 1000.63),
    ("B4", 728.50, 1031.81),  # JIS B4, as Word calls it
    ("B5", 498.90, 708.66),
    ("B5", 515.91, 728.50),  # JIS B5
    ("Letter", 612.0, 792.0),
    ("Legal", 612.0, 1008.0),
)


def _size_findings(pages: list[_Page]) -> list[Finding]:
    sized = [p for p in pages if p.error is None or p.width > 0]
    groups: list[list[_Page]] = []
    for page in sized:
        for group in groups:
            if _same_size(group[0], page):
                group.append(page)
                break
        else:
            groups.append([page])
    if len(groups) < 2:
        return []
    usual = max(groups, key=len)  # the first of equally large groups: the one with page 1
    described = _describe_size(usual[0].width, usual[0].height)
    return [
        _failed(
            _(
                "Page {page} is {size} while the other pages are {usual}; print every page on "
                "the same paper."
            ).format(page=p.number, size=_describe_size(p.width, p.height), usual=described),
            p.number,
        )
        for group in groups
        if group is not usual
        for p in group
    ]


def _same_size(a: _Page, b: _Page) -> bool:
    return abs(a.width - b.width) <= SIZE_TOLERANCE and abs(a.height - b.height) <= SIZE_TOLERANCE


def _describe_size(width: float, height: float) -> str:
    landscape = width > height + SIZE_TOLERANCE
    orientation = _("landscape") if landscape else _("portrait")
    short, long = sorted((width, height))
    mm_w, mm_h = round(width * 25.4 / 72), round(height * 25.4 / 72)
    for name, paper_w, paper_h in _PAPERS:
        if abs(short - paper_w) <= _PAPER_TOLERANCE and abs(long - paper_h) <= _PAPER_TOLERANCE:
            return _("{paper} {orientation} ({width} × {height} mm)").format(
                paper=name, orientation=orientation, width=mm_w, height=mm_h
            )
    return _("{width} × {height} mm {orientation}").format(
        width=mm_w, height=mm_h, orientation=orientation
    )


# Blank pages and page numbers


def _blank_findings(pages: list[_Page]) -> list[Finding]:
    findings: list[Finding] = []
    for p in pages:
        if p.blank:
            findings.append(
                _failed(
                    _("Page {page} is blank; remove it or reprint the page with its text.").format(
                        page=p.number
                    ),
                    p.number,
                )
            )
        elif p.only_number:
            findings.append(
                _failed(
                    _(
                        "Page {page} is blank apart from its page number; check whether text is "
                        "missing and remove the empty page."
                    ).format(page=p.number),
                    p.number,
                )
            )
    return findings


def _numbering_findings(pages: list[_Page], require_numbers: bool) -> list[Finding]:
    readable = [p for p in pages if p.error is None]
    if (
        readable
        and not any(p.text.strip() for p in readable)
        and any(p.unreadable for p in readable)
    ):
        return [
            _manual(
                _(
                    "The PDF has no text layer (it was probably scanned), so the page numbers "
                    "cannot be read by machine; check them by hand."
                )
            )
        ]
    findings = [
        _manual(
            _(
                "Page {page} has no readable text (it is probably scanned), so its page number "
                "cannot be read; check it by hand."
            ).format(page=p.number),
            p.number,
        )
        for p in pages
        if p.unreadable
    ]
    issues = check_numbering(
        [p.label for p in pages],
        blank={p.number for p in pages if p.blank},
        unreadable={p.number for p in pages if p.unreadable or p.error is not None},
    )
    findings += [
        _numbering_finding(issue)
        for issue in issues
        if require_numbers or not isinstance(issue, NoNumbers)
    ]
    return findings


def _numbering_finding(issue: NumberingIssue) -> Finding:
    match issue:
        case NoNumbers():
            return _failed(
                _(
                    "No page number could be read on any page, so a missing page cannot be "
                    "noticed; add page numbers, or check by hand if they are printed in an "
                    "unusual style."
                )
            )
        case Unnumbered(page):
            return _failed(_("Page {page}: no page number could be read.").format(page=page), page)
        case Missing(page, number, first, last) if first == last:
            return _failed(
                _(
                    "Page {page}: the page numbered {missing} is missing before it (this page is "
                    "numbered {number})."
                ).format(page=page, missing=first, number=number),
                page,
            )
        case Missing(page, number, first, last):
            return _failed(
                _(
                    "Page {page}: the pages numbered {first} to {last} are missing before it "
                    "(this page is numbered {number})."
                ).format(page=page, first=first, last=last, number=number),
                page,
            )
        case MissingAtEnd(page, number, total, first, last) if first == last:
            return _failed(
                _(
                    "Page {page} is the last page (numbered {number}) but the pages say there "
                    "are {total}; the page numbered {missing} is missing at the end."
                ).format(page=page, number=number, total=total, missing=first),
                page,
            )
        case MissingAtEnd(page, number, total, first, last):
            return _failed(
                _(
                    "Page {page} is the last page (numbered {number}) but the pages say there "
                    "are {total}; the pages numbered {first} to {last} are missing at the end."
                ).format(page=page, number=number, total=total, first=first, last=last),
                page,
            )
        case Duplicate(page, number, first_page):
            return _failed(
                _(
                    "Page {page} is numbered {number} again (as page {first_page}); a page is "
                    "duplicated."
                ).format(page=page, number=number, first_page=first_page),
                page,
            )
        case OutOfOrder(page, number, near_page, near_number, belongs_after) if belongs_after:
            return _failed(
                _(
                    "Page {page} (numbered {number}) is out of order; it belongs after page "
                    "{near_page} (numbered {near_number})."
                ).format(page=page, number=number, near_page=near_page, near_number=near_number),
                page,
            )
        case OutOfOrder(page, number, near_page, near_number, _after):
            return _failed(
                _(
                    "Page {page} (numbered {number}) is out of order; it belongs before page "
                    "{near_page} (numbered {near_number})."
                ).format(page=page, number=number, near_page=near_page, near_number=near_number),
                page,
            )
        case WrongTotal(page, total, usual):
            return _failed(
                _(
                    "Page {page} gives the total as {total} pages while the other pages give "
                    "{usual}."
                ).format(page=page, total=total, usual=usual),
                page,
            )
        case BeyondTotal(page, number, total):
            return _failed(
                _(
                    "Page {page} is numbered {number}, beyond the total of {total} pages printed "
                    "on the pages."
                ).format(page=page, number=number, total=total),
                page,
            )
    raise AssertionError(f"unhandled numbering issue {issue!r}")


# ---------------------------------------------------------------------------
# Word (.docx)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_DOCUMENT = "word/document.xml"
_MAX_PART = 100 * 1024 * 1024  # bytes: no genuine document part comes near this


class _Damaged(Exception):
    """A .docx that cannot be read."""


@dataclass(frozen=True)
class _Docx:
    has_page_field: bool
    stored_pages: int | None


def _check_docx(
    path: Path,
    data: bytes,
    expected: int | None,
    libreoffice: str | Literal["auto"] | None,
    scratch: Path,
) -> ManuscriptReport:
    try:
        docx = _read_docx(data)
    except _Damaged as problem:
        return _unreadable(path, str(problem))
    findings: list[Finding] = []
    if not docx.has_page_field:
        findings.append(
            _failed(
                _(
                    "The header and footer carry no page number, so a missing page cannot be "
                    "noticed; insert page numbers (Insert → Page Number) and check again."
                )
            )
        )
    stored = docx.stored_pages

    program, note = _find_libreoffice(libreoffice)
    if program is not None:
        pdf, reason = _convert_to_pdf(program, data, LIBREOFFICE_TIMEOUT, scratch)
        if pdf is not None:
            result = _check_pdf(pdf, expected, require_numbers=docx.has_page_field)
            if result.readable:
                findings += result.findings
                if stored is not None and result.pages is not None and stored != result.pages:
                    findings.append(
                        _manual(
                            _(
                                "LibreOffice lays the file out on {pages} pages but Word stored "
                                "{stored}; the fonts or settings on this computer may differ, so "
                                "check the page count on the printed copy."
                            ).format(pages=result.pages, stored=stored)
                        )
                    )
                return _report(path, result.pages, _("LibreOffice conversion"), findings)
            reason = _("the PDF it produced cannot be read")
        note = _(
            "LibreOffice could not convert the file ({reason}), so only the page count Word "
            "stored was used."
        ).format(reason=reason)
    if note is not None:
        findings.append(_manual(note))

    findings += _stored_count_findings(stored, expected, libreoffice_tried=note is not None)
    return _report(path, stored, _("Word stored count (may be out of date)"), findings)


def _stored_count_findings(
    stored: int | None, expected: int | None, *, libreoffice_tried: bool
) -> list[Finding]:
    """What the page count Word stored can and cannot tell."""
    findings: list[Finding] = []
    if stored is None:
        if libreoffice_tried:
            message = _(
                "The file does not record a page count (it was probably not saved by Word); "
                "count the pages by hand."
            )
        else:
            message = _(
                "The file does not record a page count (it was probably not saved by Word); "
                "count the pages by hand, or install LibreOffice for an exact count."
            )
        findings.append(_manual(message))
    else:
        if expected is not None and stored != expected:
            findings.append(
                _failed(
                    _(
                        "Word stored a page count of {actual} but the manuscript should have "
                        "{expected} pages; check the printed copy."
                    ).format(actual=stored, expected=expected)
                )
            )
        if libreoffice_tried:
            message = _(
                "The page count {pages} is the one Word stored when the file was last saved "
                "and may be out of date; confirm it by hand."
            )
        else:
            message = _(
                "The page count {pages} is the one Word stored when the file was last saved "
                "and may be out of date; confirm it by hand, or install LibreOffice for an "
                "exact count."
            )
        findings.append(_manual(message.format(pages=stored)))
    return findings


def _read_docx(data: bytes) -> _Docx:
    damaged = _(
        "The Word file is damaged and cannot be read ({error}); open it in Word or WPS and save "
        "it again."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if _DOCUMENT not in names:
                raise _Damaged(_not_a_word_file(zf, names))
            ET.fromstring(_read_part(zf, _DOCUMENT))  # must at least be well-formed
            parts = _header_footer_parts(zf, names)
            unpacked = sum(zf.getinfo(part).file_size for part in parts)
            if unpacked > _MAX_PART:  # many parts, each under the limit: a zip bomb
                raise ValueError(f"the headers and footers unpack to {unpacked} bytes")
            has_field = any(_has_page_field(ET.fromstring(_read_part(zf, part))) for part in parts)
            app = "docProps/app.xml"
            stored = _stored_pages(_read_part(zf, app)) if app in names else None
    except _Damaged:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        ET.ParseError,
        KeyError,
        EOFError,
        OSError,
        NotImplementedError,
        ValueError,
    ) as error:
        raise _Damaged(damaged.format(error=_describe(error))) from error
    return _Docx(has_field, stored)


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    if zf.getinfo(name).file_size > _MAX_PART:
        raise ValueError(f"{name} is implausibly large")
    return zf.read(name)


def _not_a_word_file(zf: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return _(
            "The file is an Excel workbook, not a Word document; supply the manuscript as PDF or "
            ".docx."
        )
    if "ppt/presentation.xml" in names:
        return _(
            "The file is a PowerPoint presentation, not a Word document; supply the manuscript "
            "as PDF or .docx."
        )
    if "mimetype" in names and _read_part(zf, "mimetype").startswith(
        b"application/vnd.oasis.opendocument"
    ):
        return _("The file is an OpenDocument file (.odt); save it as .docx or PDF.")
    return _(
        "The file is a ZIP archive but not a Word document (word/document.xml is missing); save "
        "it again from Word or WPS as .docx."
    )


def _header_footer_parts(zf: zipfile.ZipFile, names: set[str]) -> list[str]:
    """The header and footer parts the document refers to (all of them if it has no relationships)."""
    rels = "word/_rels/document.xml.rels"
    if rels not in names:
        return sorted(
            n
            for n in names
            if PurePosixPath(n).parent.as_posix() == "word"
            and n.endswith(".xml")
            and PurePosixPath(n).name.startswith(("header", "footer"))
        )
    parts: list[str] = []
    for rel in ET.fromstring(_read_part(zf, rels)).iter(f"{_RELS}Relationship"):
        kind = rel.get("Type", "")
        target = rel.get("Target", "")
        if kind.endswith(("/header", "/footer")) and rel.get("TargetMode") != "External":
            name = target.lstrip("/") if target.startswith("/") else _join("word", target)
            if name in names:
                parts.append(name)
    return parts


def _join(base: str, target: str) -> str:
    out: list[str] = base.split("/")
    for piece in target.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece and piece != ".":
            out.append(piece)
    return "/".join(out)


def _has_page_field(root: ET.Element) -> bool:
    """Whether the XML holds a PAGE field, simple or complex (its code may span several runs)."""
    for simple in root.iter(f"{_W}fldSimple"):
        if _is_page_code(simple.get(f"{_W}instr", "")):
            return True
    code: list[str] | None = None
    for element in root.iter():
        if element.tag == f"{_W}fldChar":
            kind = element.get(f"{_W}fldCharType")
            if kind == "begin":
                code = []
            elif code is not None:  # separate or end: the code is complete
                if _is_page_code("".join(code)):
                    return True
                code = None
        elif element.tag == f"{_W}instrText" and code is not None:
            code.append(element.text or "")
    return False


def _is_page_code(code: str) -> bool:
    words = code.split()
    return bool(words) and words[0].upper() == "PAGE"


def _stored_pages(app_xml: bytes) -> int | None:
    try:
        element = ET.fromstring(app_xml).find(f"{_APP}Pages")
    except ET.ParseError:
        return None
    if element is None or not (element.text or "").strip().isdigit():
        return None
    pages = int((element.text or "").strip())
    return pages if pages > 0 else None


# LibreOffice


def _find_libreoffice(choice: str | None) -> tuple[str | None, str | None]:
    """The program to run and, if a named one is missing, a note saying so."""
    if choice is None:
        return None, None
    if choice == "auto":
        for name in ("soffice", "libreoffice"):
            found = shutil.which(name)
            if found:
                return found, None
        for candidate in _usual_places():
            if candidate.is_file():
                return str(candidate), None
        return None, None
    found = shutil.which(choice)
    if found:
        return found, None
    return None, _(
        "LibreOffice was not found at {path}, so only the page count Word stored was used."
    ).format(path=choice)


def _usual_places() -> list[Path]:
    places = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)"):
        root = os.environ.get(variable)
        if root:
            places.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    return places


def scratch_folder(folder: Path) -> Path:
    """A new private folder for LibreOffice in ``folder`` (the meeting folder):
    ``.meetplan-tmp-XXXXXXXX``, readable by the user alone. Leftovers of earlier runs
    (:func:`remove_leftovers`) are removed first."""
    remove_leftovers(folder)
    return Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=folder))


def remove_leftovers(folder: Path, older_than: float = SCRATCH_STALE_SECONDS) -> list[Path]:
    """Remove the private folders (``.meetplan-tmp-*``) that a killed run left in
    ``folder``, those older than ``older_than`` seconds (a younger one may be another
    run's, still working); returns those removed."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(folder.glob(SCRATCH_PREFIX + "*"))
    except OSError:
        return removed
    for entry in entries:
        try:
            info = entry.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and now - info.st_mtime > older_than:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _private_environment(work: Path) -> dict[str, str]:
    """LibreOffice's environment: its home, configuration, caches and temporary files in
    ``work`` (it otherwise writes under $HOME and in the system's temporary folder)."""
    home, tmp = work / "home", work / "tmp"
    for folder in (home, tmp):
        folder.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),  # Windows
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_RUNTIME_DIR=str(tmp),  # dconf writes here
        TMPDIR=str(tmp),
        TMP=str(tmp),
        TEMP=str(tmp),
    )
    return env


def _convert_to_pdf(
    program: str, data: bytes, timeout: float, scratch: Path
) -> tuple[bytes | None, str]:
    """The file converted by LibreOffice, or None and why not.

    Runs in a private folder made in ``scratch`` (the meeting folder), with a
    private user profile, home and temporary folder there, so a LibreOffice the
    user has open is neither disturbed nor in the way, and nothing is written
    outside the meeting folder; the folder is removed afterwards.
    """
    try:
        work = scratch_folder(scratch)
    except OSError as error:
        return None, _("no working folder could be made in {folder}: {error}").format(
            folder=scratch, error=_describe(error)
        )
    try:
        return _run_libreoffice(program, data, timeout, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_libreoffice(
    program: str, data: bytes, timeout: float, work: Path
) -> tuple[bytes | None, str]:
    source = work / "manuscript.docx"
    source.write_bytes(data)
    out = work / "out"
    command = [
        program,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
    ]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            cwd=work,
            env=_private_environment(work),
        )
    except OSError as error:
        return None, _("it could not be started: {error}").format(error=_describe(error))
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        return None, _("it did not finish within {seconds} seconds").format(seconds=f"{timeout:g}")
    pdf = out / "manuscript.pdf"
    if pdf.is_file():
        return pdf.read_bytes(), ""
    said = _last_message(stderr) or _last_message(stdout)
    if said:
        return None, _("it made no PDF and said: {message}").format(message=said)
    return None, _("it made no PDF (exit status {status})").format(status=process.returncode)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and the processes it started (it runs in its own session)."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.communicate()


def _last_message(output: bytes) -> str:
    lines = [
        line.strip()
        for line in output.decode("utf-8", "replace").splitlines()
        if line.strip() and "javaldx" not in line
    ]
    return lines[-1] if lines else ""
