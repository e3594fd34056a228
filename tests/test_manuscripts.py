"""Speech manuscripts checked page by page: page numbers, blank pages, sizes, bad files."""

from __future__ import annotations

import gettext
import re
import shutil
import stat
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from meetplan import i18n
from meetplan.materials import manuscripts
from meetplan.materials.manuscripts import (
    Finding,
    ManuscriptReport,
    Outcome,
    check_manuscript,
)
from meetplan.materials.pagenumbers import (
    BeyondTotal,
    Duplicate,
    Missing,
    MissingAtEnd,
    NoNumbers,
    OutOfOrder,
    PageLabel,
    Unnumbered,
    WrongTotal,
    check_numbering,
    find_page_label,
    is_only_page_number,
    parse_bare_number,
    parse_page_label,
)

ROOT = Path(__file__).resolve().parent.parent
SONG = "STSong-Light"  # reportlab's built-in CID font: Chinese without a font file
pdfmetrics.registerFont(UnicodeCIDFont(SONG))

BODY = [
    "同志们：",
    "2024年全县经济运行总体平稳，地区生产总值增长5.2%。",
    "2024",  # a year on its own line in the body is not a page number
    "下面，我讲三点意见。",
]


# ---------------------------------------------------------------------------
# Building manuscripts


@dataclass(frozen=True)
class Page:
    footer: str | None = None  # the page number line, as printed
    body: bool = True
    size: tuple[float, float] = A4
    image: bool = False
    header: str | None = None


def numbered(count: int, style: str = "- {n} -", start: int = 1) -> list[Page]:
    return [Page(style.format(n=n, total=count + start - 1)) for n in range(start, start + count)]


def write_pdf(path: Path, pages: Sequence[Page]) -> Path:
    out = canvas.Canvas(str(path), pagesize=A4)
    for page in pages:
        width, height = page.size
        out.setPageSize(page.size)
        if page.body:
            out.setFont(SONG, 14)
            for i, line in enumerate(BODY):
                out.drawString(72, height - 100 - 24 * i, line)
        if page.image:
            from PIL import Image

            picture = Image.new("L", (40, 40), 200)
            out.drawImage(ImageReader(picture), 72, 72, width - 144, height - 144)
        out.setFont(SONG, 12)
        if page.header:
            out.drawCentredString(width / 2, height - 40, page.header)
        if page.footer:
            out.drawCentredString(width / 2, 40, page.footer)
        out.showPage()
    out.save()
    return path


def pdf(tmp_path: Path, pages: Sequence[Page], name: str = "speech.pdf") -> Path:
    return write_pdf(tmp_path / name, pages)


def failed_pages(report: ManuscriptReport) -> list[int | None]:
    return [f.page for f in report.findings if f.outcome is Outcome.FAILED]


def only(report: ManuscriptReport) -> Finding:
    assert len(report.findings) == 1, report.findings
    return report.findings[0]


def mentions(finding: Finding, *numbers: int) -> bool:
    return all(str(n) in finding.message for n in numbers)


# ---------------------------------------------------------------------------
# Reading a page number from one line / one page


@pytest.mark.parametrize(
    ("line", "number", "total"),
    [
        ("— 3 —", 3, None),
        ("－3－", 3, None),
        ("- 3 -", 3, None),
        ("-12-", 12, None),
        ("―　７　―", 7, None),  # full-width digit and space
        ("第3页 共18页", 3, 18),
        ("第 3 页，共 18 页", 3, 18),
        ("共18页 第3页", 3, 18),
        ("XX县人民政府办公室 第 3 页 共 18 页", 3, 18),
        ("XX县人民政府办公室印  — 3 —", 3, None),
        ("— 3 —  XX县人民政府办公室印", 3, None),
        ("第 3 页", 3, None),
        ("3/18", 3, 18),
        ("3 / 18", 3, 18),
        ("３／１８", 3, 18),
        ("Page 3 of 18", 3, 18),
        ("page 3/18", 3, 18),
        ("Page 3", 3, None),
    ],
)
def test_decorated_page_numbers_are_read(line: str, number: int, total: int | None) -> None:
    label = parse_page_label(line)
    assert label is not None
    assert (label.number, label.total) == (number, total)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "2024",  # a bare number is not decorated
        "2024年3月18日",
        "详见第3页的表格",  # 第3页 inside a sentence
        "增长3/18的比例如下",
        "- 0 -",
        "一、总体情况",
        "Pages 3 of 18 were missing",
        "2023-3-18",
        "完成了-3-项",  # dashes inside a sentence
    ],
)
def test_other_lines_are_not_page_numbers(line: str) -> None:
    assert parse_page_label(line) is None


def test_bare_numbers_are_one_to_three_digits() -> None:
    assert parse_bare_number(" 7 ") == PageLabel(7, None, "7")
    assert parse_bare_number("２") == PageLabel(2, None, "2")
    assert parse_bare_number("2024") is None
    assert parse_bare_number("0") is None
    assert parse_bare_number("7.") is None


def test_the_number_is_found_at_the_top_or_bottom_whatever_the_extraction_order() -> None:
    body = "同志们：\n2024年我们完成了3/18项任务\n2024\n下面讲三点意见"
    assert find_page_label(body + "\n— 5 —") == PageLabel(5, None, "— 5 —")
    assert find_page_label("— 5 —\n" + body) == PageLabel(5, None, "— 5 —")
    assert find_page_label(body + "\n第 5 页 共 9 页\n") == PageLabel(5, 9, "第 5 页 共 9 页")
    assert find_page_label(body + "\n5/9\n抄送：县委办") == PageLabel(5, 9, "5/9")
    # a bare number only on the very first or last line
    assert find_page_label(body + "\n5") == PageLabel(5, None, "5")
    assert find_page_label("5\n" + body) == PageLabel(5, None, "5")
    assert find_page_label(body) is None  # "2024" in the body is not a page number
    assert find_page_label(body + "\n5\n抄送：县委办") is None
    # a decorated number wins over a bare one
    assert find_page_label("12\n" + body + "\n- 5 -") == PageLabel(5, None, "- 5 -")


def test_a_page_with_nothing_but_its_number() -> None:
    assert is_only_page_number("\n— 6 —\n")
    assert is_only_page_number("6")
    assert not is_only_page_number("")
    assert not is_only_page_number("同志们\n— 6 —")


# ---------------------------------------------------------------------------
# Checking the sequence of numbers


def labels(*numbers: int | None, total: int | None = None) -> list[PageLabel | None]:
    return [None if n is None else PageLabel(n, total) for n in numbers]


def test_a_complete_sequence_passes_with_or_without_a_cover() -> None:
    assert check_numbering(labels(1, 2, 3, 4)) == []
    assert check_numbering(labels(None, 1, 2, 3)) == []  # cover not counted
    assert check_numbering(labels(None, 2, 3, 4)) == []  # cover counted as page 1
    assert check_numbering(labels(1, 2, 3, total=3)) == []


def test_gaps_name_the_page_after_them() -> None:
    assert check_numbering(labels(1, 2, 4, 5)) == [Missing(3, 4, 3, 3)]
    assert check_numbering(labels(1, 2, 6)) == [Missing(3, 6, 3, 5)]
    assert check_numbering(labels(2, 3, 4)) == [Missing(1, 2, 1, 1)]  # the first page is gone


def test_repeats_and_pages_out_of_order() -> None:
    assert check_numbering(labels(1, 2, 3, 3, 4)) == [Duplicate(4, 3, 3)]
    assert check_numbering(labels(1, 2, 4, 3, 5)) == [OutOfOrder(4, 3, 2, 2, belongs_after=True)]
    # one page moved forward: only that page is out of place, nothing is missing
    assert check_numbering(labels(1, 5, 2, 3, 4, 6)) == [OutOfOrder(2, 5, 5, 4, belongs_after=True)]
    assert check_numbering(labels(2, 1, 3)) == [OutOfOrder(2, 1, 1, 2, belongs_after=False)]


def test_pages_without_a_number() -> None:
    # page 3 is unnumbered but in its place: no number is missing
    assert check_numbering(labels(1, 2, None, 4)) == [Unnumbered(3)]
    assert check_numbering(labels(None, None, None)) == [NoNumbers()]
    assert check_numbering(labels(None)) == []  # a one-page speech needs no number
    # scanned pages need no number and stand for the ones their place implies
    assert check_numbering(labels(1, None, 3), unreadable={2}) == []
    # a blank page neither needs a number nor stands for one
    assert check_numbering(labels(1, 2, None, 3), blank={3}) == []
    assert check_numbering(labels(1, 2, None, 4), blank={3}) == [Missing(4, 4, 3, 3)]


def test_printed_totals() -> None:
    assert check_numbering(labels(1, 2, 3, total=5)) == [MissingAtEnd(3, 3, 5, 4, 5)]
    mixed = [PageLabel(1, 3), PageLabel(2, 4), PageLabel(3, 3)]
    assert check_numbering(mixed) == [WrongTotal(2, 4, 3)]
    assert check_numbering(labels(1, 2, 3, 4, total=3)) == [BeyondTotal(4, 4, 3)]


# ---------------------------------------------------------------------------
# PDF manuscripts


def test_a_complete_manuscript_passes(tmp_path: Path) -> None:
    report = check_manuscript(pdf(tmp_path, numbered(6, "— {n} —")), expected_pages=6)
    assert report.outcome is Outcome.PASSED
    assert report.findings == ()
    assert report.pages == 6
    assert report.method == "PDF"


@pytest.mark.parametrize(
    "style",
    ["－{n}－", "第{n}页 共{total}页", "第 {n} 页", "{n}/{total}", "Page {n} of {total}", "{n}"],
)
def test_every_printed_style_passes(tmp_path: Path, style: str) -> None:
    report = check_manuscript(pdf(tmp_path, numbered(4, style)))
    assert report.outcome is Outcome.PASSED, report.findings


def test_page_numbers_in_the_header_pass(tmp_path: Path) -> None:
    pages = [Page(header=f"{n}/3") for n in (1, 2, 3)]
    assert check_manuscript(pdf(tmp_path, pages)).outcome is Outcome.PASSED


def test_a_cover_without_a_number_passes(tmp_path: Path) -> None:
    for start, name in ((1, "a.pdf"), (2, "b.pdf")):
        pages = [Page(footer=None), *numbered(4, start=start)]
        report = check_manuscript(pdf(tmp_path, pages, name))
        assert report.outcome is Outcome.PASSED, report.findings


def test_wrong_page_count(tmp_path: Path) -> None:
    report = check_manuscript(pdf(tmp_path, numbered(17)), expected_pages=18)
    finding = only(report)
    assert finding.outcome is Outcome.FAILED
    assert finding.page is None
    assert mentions(finding, 17, 18)


def test_a_missing_page(tmp_path: Path) -> None:
    pages = numbered(6)
    del pages[3]  # the page numbered 4: physical page 4 now shows 5
    finding = only(check_manuscript(pdf(tmp_path, pages)))
    assert (finding.outcome, finding.page) == (Outcome.FAILED, 4)
    assert (
        finding.message
        == "Page 4: the page numbered 4 is missing before it (this page is numbered 5)."
    )


def test_a_duplicated_page(tmp_path: Path) -> None:
    pages = numbered(5)
    pages.insert(3, pages[2])  # the page numbered 3 twice: physical pages 3 and 4
    finding = only(check_manuscript(pdf(tmp_path, pages)))
    assert (finding.outcome, finding.page) == (Outcome.FAILED, 4)
    assert mentions(finding, 4, 3)


def test_pages_out_of_order(tmp_path: Path) -> None:
    pages = numbered(5)
    pages[2], pages[3] = pages[3], pages[2]  # printed 1 2 4 3 5
    finding = only(check_manuscript(pdf(tmp_path, pages)))
    assert (finding.outcome, finding.page) == (Outcome.FAILED, 4)
    assert "out of order" in finding.message
    assert mentions(finding, 4, 3)


def test_a_page_without_a_number(tmp_path: Path) -> None:
    pages = numbered(5)
    pages[2] = Page(footer=None)
    finding = only(check_manuscript(pdf(tmp_path, pages)))
    assert (finding.outcome, finding.page) == (Outcome.FAILED, 3)
    assert finding.message == "Page 3: no page number could be read."


def test_no_page_numbers_at_all(tmp_path: Path) -> None:
    finding = only(check_manuscript(pdf(tmp_path, [Page(), Page(), Page()])))
    assert (finding.outcome, finding.page) == (Outcome.FAILED, None)
    assert "No page number" in finding.message


def test_blank_pages(tmp_path: Path) -> None:
    pages = numbered(4)
    pages.insert(2, Page(body=False))  # an empty page between 2 and 3
    pages[4] = Page("- 4 -", body=False)  # nothing but the page number
    pages.append(Page(body=False))  # a blank last page
    report = check_manuscript(pdf(tmp_path, pages))
    assert report.outcome is Outcome.FAILED
    assert failed_pages(report) == [3, 5, 6]
    blank, only_number, last = report.findings
    assert blank.message == "Page 3 is blank; remove it or reprint the page with its text."
    assert "apart from its page number" in only_number.message
    assert mentions(last, 6)


def test_a_landscape_page_and_an_a3_page(tmp_path: Path) -> None:
    pages = numbered(5)
    pages[1] = Page("- 2 -", size=landscape(A4))
    pages[3] = Page("- 4 -", size=A3)
    report = check_manuscript(pdf(tmp_path, pages))
    assert failed_pages(report) == [2, 4]
    wide, big = report.findings
    assert wide.message == (
        "Page 2 is A4 landscape (297 × 210 mm) while the other pages are "
        "A4 portrait (210 × 297 mm); print every page on the same paper."
    )
    assert "A3 portrait" in big.message


def test_a_rotated_page_counts_as_landscape(tmp_path: Path) -> None:
    source = pdf(tmp_path, numbered(3))
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.pages[2].rotate(90)
    rotated = tmp_path / "rotated.pdf"
    writer.write(rotated)
    finding = only(check_manuscript(rotated))
    assert finding.page == 3
    assert "A4 landscape" in finding.message


def test_printed_total_disagrees_with_the_pages(tmp_path: Path) -> None:
    pages = [Page(f"第 {n} 页 共 18 页") for n in range(1, 18)]
    finding = only(check_manuscript(pdf(tmp_path, pages)))
    assert (finding.outcome, finding.page) == (Outcome.FAILED, 17)
    assert mentions(finding, 17, 18)
    pages = [Page(f"第 {n} 页 共 {19 if n == 2 else 3} 页") for n in range(1, 4)]
    finding = only(check_manuscript(pdf(tmp_path, pages, "b.pdf")))
    assert finding.page == 2
    assert mentions(finding, 19, 3)


def test_a_scanned_manuscript_must_be_checked_by_hand(tmp_path: Path) -> None:
    pages = [Page(body=False, image=True)] * 3
    report = check_manuscript(pdf(tmp_path, pages), expected_pages=3)
    assert report.outcome is Outcome.MANUAL
    assert report.pages == 3
    finding = only(report)
    assert (finding.outcome, finding.page) == (Outcome.MANUAL, None)
    assert "check them by hand" in finding.message


def test_a_scanned_manuscript_still_gets_the_other_checks(tmp_path: Path) -> None:
    pages = [Page(body=False, image=True)] * 3 + [Page(body=False)]
    report = check_manuscript(pdf(tmp_path, pages), expected_pages=5)
    assert report.outcome is Outcome.FAILED
    assert [(f.outcome, f.page) for f in report.findings] == [
        (Outcome.FAILED, None),  # 4 pages, not 5
        (Outcome.MANUAL, None),  # no text layer
        (Outcome.FAILED, 4),  # blank
    ]


def test_one_scanned_page_among_text_pages(tmp_path: Path) -> None:
    pages = numbered(4)
    pages[2] = Page(body=False, image=True)
    report = check_manuscript(pdf(tmp_path, pages))
    assert report.outcome is Outcome.MANUAL
    finding = only(report)
    assert (finding.outcome, finding.page) == (Outcome.MANUAL, 3)
    assert mentions(finding, 3)


def test_password_protected_pdf(tmp_path: Path) -> None:
    source = pdf(tmp_path, numbered(2))
    locked, owner_only = tmp_path / "locked.pdf", tmp_path / "owner.pdf"
    for target, user_password in ((locked, "secret"), (owner_only, "")):
        writer = PdfWriter(clone_from=PdfReader(source))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        writer.write(target)
    finding = only(check_manuscript(locked))
    assert finding.outcome is Outcome.FAILED
    assert "password" in finding.message
    # only an owner password (printing and copying limits): it opens, and is checked
    assert check_manuscript(owner_only).outcome is Outcome.PASSED


def test_truncated_and_damaged_pdfs(tmp_path: Path) -> None:
    data = pdf(tmp_path, numbered(3)).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    report = check_manuscript(cut)
    assert report.outcome is Outcome.FAILED
    assert report.pages is None
    assert "incomplete" in only(report).message
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + b"\x00 nonsense " * 50 + b"\n%%EOF\n")
    finding = only(check_manuscript(garbage))
    assert finding.outcome is Outcome.FAILED
    assert "damaged" in finding.message or "no pages" in finding.message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "named .pdf but is really a PNG image"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "is a JPEG image"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, ".doc"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "password"),
        ("notes.txt", "讲话稿".encode(), "neither a PDF nor a Word"),
        ("empty.pdf", b"", "empty"),
        ("fake.pdf", b"<html>not found</html>", "not a PDF"),
        ("broken.docx", b"PK\x03\x04 broken zip", "damaged"),
    ],
)
def test_files_that_are_not_manuscripts(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    report = check_manuscript(path)
    finding = only(report)
    assert (report.outcome, finding.page, report.pages) == (Outcome.FAILED, None, None)
    assert expected in finding.message


def test_damaged_copies_are_reported_not_raised(tmp_path: Path) -> None:
    """Bytes changed or cut off anywhere: always a report, never the catch-all."""
    import random

    sources = [pdf(tmp_path, numbered(3)), write_docx(tmp_path / "speech.docx")]
    rng = random.Random(7)
    for source in sources:
        data = source.read_bytes()
        for i in range(25):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 10)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            if i % 3 == 0:
                damaged = damaged[: rng.randrange(len(damaged))]
            path = tmp_path / f"damaged{i}{source.suffix}"
            path.write_bytes(bytes(damaged))
            report = check_manuscript(path, libreoffice=None)
            assert isinstance(report.outcome, Outcome)
            assert not any("could not be checked" in f.message for f in report.findings)


def test_a_missing_file_or_a_folder(tmp_path: Path) -> None:
    assert "does not exist" in only(check_manuscript(tmp_path / "nowhere.pdf")).message
    assert "folder" in only(check_manuscript(tmp_path)).message


def test_expected_pages_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        check_manuscript(tmp_path / "x.pdf", expected_pages=0)


def test_the_type_is_read_from_the_content(tmp_path: Path) -> None:
    source = pdf(tmp_path, numbered(2))
    renamed = tmp_path / "speech.docx"
    renamed.write_bytes(source.read_bytes())
    report = check_manuscript(renamed)
    assert (report.outcome, report.method) == (Outcome.PASSED, "PDF")


# ---------------------------------------------------------------------------
# Word manuscripts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(
    path: Path, *, page_field: str | None = "complex", paragraphs: int = 3, pages: int | None = 3
) -> Path:
    """A .docx with page breaks between paragraphs; the footer's PAGE field as asked."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for i in range(paragraphs):
        run = document.add_paragraph().add_run(f"Speech, part {i + 1}. In 2024 we did well.")
        if i < paragraphs - 1:
            run.add_break(WD_BREAK.PAGE)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("- ")
    if page_field == "complex":  # the field code split over runs, as Word may write it
        pieces = [("begin", None), (None, " PA"), (None, "GE \\* MERGEFORMAT "), ("separate", None)]
        for kind, code in pieces:
            element = OxmlElement("w:fldChar" if kind else "w:instrText")
            if kind:
                element.set(qn("w:fldCharType"), kind)
            else:
                element.set(qn("xml:space"), "preserve")
                element.text = code
            footer.add_run()._r.append(element)
        footer.add_run("1")
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        footer.add_run()._r.append(end)
    elif page_field == "simple":
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), " PAGE ")
        footer._p.append(simple)
    elif page_field == "numpages":  # the total alone does not number the pages
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), "NUMPAGES")
        footer._p.append(simple)
    footer.add_run(" -")
    document.save(str(path))
    set_stored_pages(path, pages)
    return path


def set_stored_pages(path: Path, pages: int | None) -> None:
    """Rewrite docProps/app.xml with <Pages> set (or the part removed)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    app = parts.pop("docProps/app.xml").decode()
    if pages is not None:
        start, end = app.index("<Pages>"), app.index("</Pages>") + len("</Pages>")
        parts["docProps/app.xml"] = (app[:start] + f"<Pages>{pages}</Pages>" + app[end:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.mark.parametrize("field", ["complex", "simple"])
def test_docx_with_page_numbers_is_checked_by_hand_without_libreoffice(
    tmp_path: Path, field: str
) -> None:
    path = write_docx(tmp_path / "speech.docx", page_field=field)
    report = check_manuscript(path, expected_pages=3, libreoffice=None)
    assert report.outcome is Outcome.MANUAL
    assert (report.pages, report.method) == (3, "Word stored count (may be out of date)")
    finding = only(report)
    assert finding.outcome is Outcome.MANUAL
    assert "may be out of date" in finding.message
    assert "LibreOffice" in finding.message


def test_docx_without_page_numbers_fails(tmp_path: Path) -> None:
    for field in (None, "numpages"):
        path = write_docx(tmp_path / f"{field}.docx", page_field=field)
        report = check_manuscript(path, libreoffice=None)
        assert report.outcome is Outcome.FAILED
        assert [f.page for f in report.findings if f.outcome is Outcome.FAILED] == [None]
        assert "no page number" in report.findings[0].message


def test_docx_stored_page_count(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "speech.docx", pages=7)
    report = check_manuscript(path, expected_pages=8, libreoffice=None)
    assert report.outcome is Outcome.FAILED
    assert report.pages == 7
    wrong = report.findings[0]
    assert wrong.outcome is Outcome.FAILED
    assert mentions(wrong, 7, 8)
    unknown = check_manuscript(write_docx(tmp_path / "other.docx", pages=None), libreoffice=None)
    assert (unknown.outcome, unknown.pages) == (Outcome.MANUAL, None)
    assert "does not record a page count" in only(unknown).message


def test_zip_files_that_are_not_word_documents(tmp_path: Path) -> None:
    workbook = tmp_path / "book.docx"
    with zipfile.ZipFile(workbook, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in only(check_manuscript(workbook, libreoffice=None)).message
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("word/document.xml", "<w:document")
    finding = only(check_manuscript(broken, libreoffice=None))
    assert (finding.outcome, finding.page) == (Outcome.FAILED, None)
    assert "damaged" in finding.message


def fake_libreoffice(tmp_path: Path, result: Path | None, message: str = "") -> str:
    """A stand-in for soffice: copies ``result`` to --outdir as the converted PDF, or fails."""
    script = tmp_path / "fake-soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, shutil, sys\n"
        "args = sys.argv[1:]\n"
        "assert args[0].startswith('-env:UserInstallation=file:'), args\n"
        "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
        f"result = {str(result) if result else ''!r}\n"
        "if result:\n"
        "    out.mkdir(parents=True, exist_ok=True)\n"
        "    shutil.copy(result, out / (pathlib.Path(args[-1]).stem + '.pdf'))\n"
        f"print({message!r}, file=sys.stderr)\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script")


@posix_only
def test_docx_through_libreoffice_gets_the_pdf_checks(tmp_path: Path) -> None:
    docx_path = write_docx(tmp_path / "speech.docx", pages=3)
    good = pdf(tmp_path, numbered(3), "good.pdf")
    report = check_manuscript(docx_path, 3, libreoffice=fake_libreoffice(tmp_path, good))
    assert (report.outcome, report.pages, report.method) == (
        Outcome.PASSED,
        3,
        "LibreOffice conversion",
    )
    assert report.findings == ()

    pages = numbered(3)
    pages.insert(1, Page(body=False))
    bad = pdf(tmp_path, pages, "bad.pdf")
    report = check_manuscript(docx_path, 3, libreoffice=fake_libreoffice(tmp_path, bad))
    assert report.outcome is Outcome.FAILED
    assert [(f.outcome, f.page) for f in report.findings] == [
        (Outcome.FAILED, None),  # 4 pages, not 3
        (Outcome.MANUAL, None),  # Word stored 3: the layouts differ
        (Outcome.FAILED, 2),  # blank
    ]


@posix_only
def test_libreoffice_failing_falls_back_to_the_stored_count(tmp_path: Path) -> None:
    docx_path = write_docx(tmp_path / "speech.docx", pages=3)
    program = fake_libreoffice(tmp_path, None, "Error: source file could not be loaded")
    report = check_manuscript(docx_path, libreoffice=program)
    assert (report.outcome, report.pages) == (Outcome.MANUAL, 3)
    assert report.method == "Word stored count (may be out of date)"
    reason, stored = report.findings
    assert "source file could not be loaded" in reason.message
    assert "out of date" in stored.message
    assert "install LibreOffice" not in stored.message  # it is installed, it failed
    missing = check_manuscript(docx_path, libreoffice=str(tmp_path / "no-soffice"))
    assert "was not found" in missing.findings[0].message


@posix_only
def test_libreoffice_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "slow"
    script.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(manuscripts, "LIBREOFFICE_TIMEOUT", 0.5)
    report = check_manuscript(write_docx(tmp_path / "speech.docx"), libreoffice=str(script))
    assert report.outcome is Outcome.MANUAL
    assert "did not finish within 0.5 seconds" in report.findings[0].message


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_docx_through_real_libreoffice(tmp_path: Path) -> None:
    """The one real conversion (a couple of seconds)."""
    report = check_manuscript(write_docx(tmp_path / "speech.docx", pages=3), 3)
    if report.method != "LibreOffice conversion":
        pytest.skip(f"this LibreOffice cannot convert Word files: {report.findings[0].message}")
    assert (report.outcome, report.pages) == (Outcome.PASSED, 3), report.findings


# ---------------------------------------------------------------------------
# Messages


def chinese_translations() -> dict[str, str]:
    """From the fragment (before tools/update_catalog.py merges it) or the catalogue (after)."""
    translations: dict[str, str] = {}
    locale = ROOT / "meetplan" / "locale" / "zh"
    for po in [*locale.glob("fragments/*.po"), locale / "LC_MESSAGES" / "meetplan.po"]:
        if po.exists():
            with po.open("rb") as f:
                for message in read_po(f):
                    if message.id and message.string and isinstance(message.id, str):
                        translations.setdefault(message.id, str(message.string))
    return translations


def test_every_message_has_a_chinese_translation_with_the_same_placeholders() -> None:
    placeholder = re.compile(r"\{(\w*)[^}]*\}")
    translations = chinese_translations()
    code: set[str] = set()
    for module in ("manuscripts.py", "pagenumbers.py"):
        with (ROOT / "meetplan" / "materials" / module).open("rb") as f:
            for _line, message, _comments, _context in extract("python", f, keywords={"_": None}):
                assert isinstance(message, str)
                code.add(message)
    assert len(code) > 30
    for msgid in sorted(code):
        assert msgid in translations, f"no Chinese for: {msgid}"
        same = set(placeholder.findall(translations[msgid])) == set(placeholder.findall(msgid))
        assert same, msgid


def test_messages_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page and the numbers read naturally in Chinese."""
    translations = chinese_translations()

    class Chinese(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return translations.get(message, message)

    monkeypatch.setattr(i18n, "_translation", Chinese())
    pages = numbered(5)
    del pages[3]
    report = check_manuscript(pdf(tmp_path, pages), expected_pages=5)
    assert [f.message for f in report.findings] == [
        "应为 5 页，实际 4 页。",
        "第 4 页：其前缺页码为 4 的一页（本页页码为 5）。",
    ]
    assert report.method == "PDF文件"
