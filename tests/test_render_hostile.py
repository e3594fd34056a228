"""Hostile text and files: every document is made, nothing crashes or hangs, nothing is
written outside the meeting folder (issue 12).

The readers limit what a roster or meeting.toml may hold; the renderers and the
materials checks must be safe on their own, so these build plans directly, with text
far beyond the readers' limits (600-character names).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from functools import cache
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from meetplan.fonts import FontBook
from meetplan.history.revision import revise
from meetplan.layouts import load_layout
from meetplan.materials import manuscripts
from meetplan.materials.checks import check_classification, run_checks
from meetplan.materials.config import parse_checklist, parse_materials
from meetplan.materials.manuscripts import MAX_PAGES, check_manuscript
from meetplan.model import Area, Attendance, Attendee, Roster, Settings
from meetplan.model.checklist import Checklist, ChecklistItem, Material, Outcome, Stage
from meetplan.model.plan import Plan
from meetplan.model.settings import MeetingInfo, PrintSettings, SeatLabels
from meetplan.planning import make_plan
from meetplan.render.cards import cards_text, clipped_cards, conditional_cards, render_cards
from meetplan.render.change_list_pdf import change_list_text, render_change_list
from meetplan.render.chart_pdf import (
    chart_text,
    clipped_chart,
    clipped_extract,
    render_chart,
    render_unit_extract,
)
from meetplan.render.checklist_pdf import checklist_text, render_checklist_pdf
from meetplan.render.checklist_xlsx import render_checklist_xlsx
from meetplan.render.contingency_pdf import contingency_text, render_contingency
from meetplan.render.fitting import ELLIPSIS, clipped_meeting
from meetplan.render.lists import HEADINGS, sign_in_sheets
from meetplan.render.paper import paper_size
from meetplan.render.plan_json import render_plan_json
from meetplan.render.seat_labels import (
    clipped_labels,
    labels_for,
    render_seat_labels,
    seat_label_text,
)
from meetplan.render.seating_xlsx import render_seating_xlsx
from meetplan.render.sign_in_pdf import (
    FIXED_TEXT,
    clipped_cells,
    meeting_line,
    render_sign_in_pdf,
)
from meetplan.render.sign_in_xlsx import render_sign_in_xlsx
from meetplan.render.xlsx import cell_text

LONG = 600  # far beyond any reader's limit (names ≤ 40)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def long_text(head: str, char: str, n: int = LONG) -> str:
    return head + char * (n - len(head))


def hostile_people() -> list[Attendee]:
    """Rostrum leaders (one 待定 with a standby substitute, one 请假 replaced), and a hall of
    three units, with names, units, titles and remarks of hundreds of characters."""
    people: list[Attendee] = []

    def add(**kw: object) -> Attendee:
        person = Attendee(id=len(people) + 1, precedence=len(people) + 1, **kw)  # type: ignore[arg-type]
        people.append(person)
        return person

    rostrum = Area.ROSTRUM
    add(
        name=long_text("王", "长"),
        unit=long_text("县委", "委"),
        title=long_text("书", "记", 300),
        area=rostrum,
    )
    tentative = add(
        name=long_text("李", "待"),
        unit="县政府",
        title="县长",
        area=rostrum,
        attendance=Attendance.TENTATIVE,
    )
    absent = add(
        name=long_text("张", "假"),
        unit="县人大",
        title="主任",
        area=rostrum,
        attendance=Attendance.ABSENT,
    )
    add(
        name="赵伟",
        unit=long_text("县政协", "协", 300),
        title=long_text("主", "席", 300),
        area=rostrum,
    )
    add(
        name=long_text("刘", "代"),
        unit="县政府办",
        title=long_text("副", "长", 300),
        area=rostrum,
        substitute_for=tentative.name,
    )
    add(
        name=long_text("陈", "替"),
        unit="县人大办",
        title="副主任",
        area=rostrum,
        substitute_for=absent.name,
    )
    units = [long_text("县教育局", "教", 300), "县财政局", long_text("=县卫健委", "卫", 300)]
    for i in range(24):
        unit = units[i % 3]
        name = SURNAMES[i % len(SURNAMES)] + ("长" * LONG if i % 4 == 0 else "明")
        add(
            name=name,
            unit=unit,
            title=long_text("科", "员", 300) if i % 3 == 1 else "科员",
            area=Area.HALL,
            attendance=Attendance.TENTATIVE if i == 5 else Attendance.PRESENT,
            extra={"备注": long_text("备", "注", 300)} if i % 5 == 0 else {},
        )
    return people


MEETING = MeetingInfo(
    title=long_text("全县", "会"),
    date="2026-12-01",
    time="09:00",
    venue=long_text("县委", "堂"),
    organizer=long_text("县委", "办"),
    classification=long_text("内部", "密", 200),
)


def hostile_plan(people: list[Attendee] | None = None, meeting: MeetingInfo = MEETING) -> Plan:
    settings = Settings(
        meeting=meeting,
        printing=PrintSettings(card_title=True, seat_labels=SeatLabels.YES),
    )
    roster = Roster(tuple(people or hostile_people()), "roster.xlsx")
    return make_plan(roster, load_layout("lecture-hall-200"), settings)


def render_all(plan: Plan, book: FontBook, folder: Path) -> dict[str, bytes]:
    """Every document a build makes, each font registered with the document's own text
    function, as build.py does (a character drawn but not registered would raise)."""
    meeting = plan.settings.meeting
    docs: dict[str, bytes] = {"plan.json": render_plan_json(plan)}
    docs["座次表.xlsx"] = render_seating_xlsx(plan)
    cards = conditional_cards(plan)
    title = f"{meeting.title} 桌签"
    card_font = book.register("song", cards_text(cards, with_title=True, index=True, title=title))
    docs["桌签.pdf"] = render_cards(
        cards, card_font, paper_size("A4"), with_title=True, title=title, index=True
    )
    sheets = sign_in_sheets(plan)
    text = (
        "".join(r.name + r.unit + r.title + r.remark for s in sheets for r in s.rows)
        + meeting_line(meeting)
        + meeting.title
        + "".join(HEADINGS.values())
        + FIXED_TEXT
        + meeting.classification
    )
    docs["签到表.pdf"] = render_sign_in_pdf(
        sheets, meeting, book.register("song", text), book.register("hei", text)
    )
    docs["签到表.xlsx"] = render_sign_in_xlsx(sheets, meeting)
    chart = chart_text(plan, plan.base)
    body, heading = book.register("song", chart), book.register("hei", chart)
    docs["座次图.pdf"] = render_chart(plan, plan.base, body, heading)
    docs["座次分单位.pdf"] = render_unit_extract(plan, plan.base, body, heading)
    contingency = contingency_text(plan)
    docs["应急调整表.pdf"] = render_contingency(
        plan, book.register("song", contingency), book.register("hei", contingency)
    )
    labels = labels_for(plan)
    docs["座签.pdf"] = render_seat_labels(labels, book.register("song", seat_label_text(labels)))
    before = hostile_plan(hostile_people()[:-3])  # three fewer: a change list with moves
    revision = revise(before.base, before.roster, plan)
    changes = change_list_text(plan, revision)
    docs["变更清单.pdf"] = render_change_list(
        plan, revision, book.register("song", changes), book.register("hei", changes)
    )
    materials = (
        Material(
            "讲话稿",
            long_text("县委书记讲话", "讲"),
            file=long_text("materials/", "文") + ".pdf",
            speaker=plan.roster.attendees[0].name,
            pages=3,
            copies="rostrum+5",
        ),
        Material("议程", "会议议程", copies="all"),
    )
    results = run_checks(
        plan,
        materials,
        folder,
        docs,
        cards_file="桌签.pdf",
        sign_in_file="签到表.xlsx",
        displayed={"桌签.pdf", "座签.pdf"},
        missing_glyphs=lambda text: [],
    )
    items = (
        ChecklistItem(
            Stage.BEFORE,
            long_text("会场", "查"),
            owner=long_text("王", "强", 200),
            when=long_text("11月", "日", 200),
        ),
        ChecklistItem(Stage.DURING, "签到"),
    )
    checklist = Checklist(meeting, tuple(results), items)
    text = checklist_text(checklist)
    docs["会务检查清单.pdf"] = render_checklist_pdf(
        checklist, book.register("song", text), book.register("hei", text)
    )
    docs["会务检查清单.xlsx"] = render_checklist_xlsx(checklist)
    return docs


@cache
def documents() -> dict[str, bytes]:
    folder = Path(__file__).resolve().parent / "roster_files"  # read-only: no manuscript there
    return render_all(hostile_plan(), FontBook(use_system_fonts=False), folder)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# -- 1. very long text -----------------------------------------------------------------


def test_every_document_is_made_with_600_character_text() -> None:
    docs = documents()
    assert {n for n in docs if n.endswith(".pdf")} == {
        "桌签.pdf",
        "签到表.pdf",
        "座次图.pdf",
        "座次分单位.pdf",
        "应急调整表.pdf",
        "座签.pdf",
        "变更清单.pdf",
        "会务检查清单.pdf",
    }
    for name, data in docs.items():
        if name.endswith(".pdf"):
            assert len(PdfReader(io.BytesIO(data)).pages) >= 1, name
        elif name.endswith(".xlsx"):
            load_workbook(io.BytesIO(data))


@pytest.mark.parametrize(
    "name",
    ["桌签.pdf", "签到表.pdf", "座次图.pdf", "座次分单位.pdf", "座签.pdf", "会务检查清单.pdf"],
)
def test_long_text_is_cut_with_an_ellipsis(name: str) -> None:
    text = pdf_text(documents()[name])
    assert ELLIPSIS in text
    assert "长" * 300 not in text.replace("\n", "").replace(" ", "")  # no name printed whole


@pytest.mark.parametrize("name", ["应急调整表.pdf", "变更清单.pdf"])
def test_running_text_wraps_and_cells_and_headings_are_cut(name: str) -> None:
    """The steps' lines wrap (a name is said whole where it is an instruction); headings,
    table cells and the rostrum picture are cut."""
    text = pdf_text(documents()[name])
    assert ELLIPSIS in text
    assert "会" * 100 not in text.replace("\n", "")  # the meeting's title


def test_the_long_title_is_cut_and_the_heading_kept() -> None:
    text = pdf_text(documents()["签到表.pdf"]).replace("\n", "")
    assert "会" * 200 not in text
    assert "主席台领导签到表" in text


def test_a_long_classification_is_cut_alike_everywhere_and_found() -> None:
    """The mark is cut the same way on every page and sheet header, and the checklist
    looks for it as printed."""
    docs = documents()
    result = check_classification(hostile_plan(), docs, displayed={"桌签.pdf", "座签.pdf"})
    assert result is not None and result.outcome is Outcome.PASSED, result
    assert "内部" + "密" * 17 + ELLIPSIS in pdf_text(docs["座次图.pdf"])


def test_spreadsheets_keep_the_whole_text() -> None:
    wb = load_workbook(io.BytesIO(documents()["签到表.xlsx"]))
    names = [c.value for ws in wb.worksheets for c in ws["B"] if c.value]
    assert long_text("王", "长") in names


def test_what_is_cut_is_said() -> None:
    plan = hostile_plan()
    book = FontBook(use_system_fonts=False)
    cards = conditional_cards(plan)
    font = book.register("song", cards_text(cards, with_title=True))
    cut = clipped_cards(cards, font, paper_size("A4"), with_title=True)
    assert {(c.name[:1], c.field) for c in cut} >= {("王", "姓名"), ("王", "职务"), ("刘", "姓名")}
    assert all(c.document == "桌签.pdf" and len(c.text) > 40 for c in cut)
    assert "赵伟" not in {c.name for c in cut if c.field == "姓名"}
    labels = labels_for(plan)
    cut_labels = clipped_labels(labels, book.register("song", seat_label_text(labels)))
    assert {c.field for c in cut_labels} == {"姓名", "单位"}
    assert {c.field for c in clipped_extract(plan, plan.base)} >= {"姓名", "职务", "备注"}
    chart = chart_text(plan, plan.base)
    on_chart = clipped_chart(
        plan, plan.base, book.register("song", chart), book.register("hei", chart)
    )
    assert {c.field for c in on_chart} == {"姓名", "单位"}
    assert "赵伟" not in {c.name for c in on_chart}
    assert {c.field for c in clipped_meeting(plan.settings.meeting)} == {
        "meeting.title",
        "meeting.venue",
        "meeting.classification",
    }
    assert any(column == "姓名" for _s, _n, column, _t in clipped_cells(sign_in_sheets(plan)))


def test_a_name_that_fits_is_not_cut() -> None:
    book = FontBook(use_system_fonts=False)
    from meetplan.render.cards import Card

    name = "阿依古丽·买买提·艾尔肯"  # 12 characters: condensed on the card, whole
    font = book.register("song", name)
    assert clipped_cards([Card(name)], font, paper_size("A5")) == []
    assert name in pdf_text(render_cards([Card(name)], font, paper_size("A5")))


# -- 2. characters no font draws, no workbook holds -----------------------------------

CONTROL = "王\x00伟\x1b[31m\x07\u2028\ufffe\ud800"


def test_control_characters_do_not_stop_any_document() -> None:
    people = [
        *hostile_people()[:6],
        Attendee(
            id=7,
            name=CONTROL,
            precedence=7,
            unit="县\n财政局",
            title="科员\t\x0b",
            extra={"备注": "\x01备注"},
        ),
        Attendee(id=8, name="李\r\n明", precedence=8, unit="县\x85教育局"),
    ]
    meeting = MeetingInfo(
        title="全县\x00会议\ud800\n大会",
        date="2026-12-01\x00",
        time="09:00\ud800",
        venue="地\x1b点",
        organizer="办\ud800公室\x00",
        classification="内部\x07",
    )
    plan = hostile_plan(people, meeting)
    docs = render_all(plan, FontBook(use_system_fonts=False), Path("."))
    text = pdf_text(docs["签到表.pdf"])
    assert "全县会议 大会" in text and "王伟[31m" in text  # the control characters left out
    wb = load_workbook(io.BytesIO(docs["签到表.xlsx"]))
    values = [
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
    ]
    assert any(v.startswith("王伟") for v in values)
    assert not any("\x00" in v or "\x1b" in v for v in values)


def test_cell_text_leaves_out_what_a_workbook_cannot_hold() -> None:
    assert cell_text("王\x00伟\x0b\x1f\ufffe\ud800") == "王伟"
    assert cell_text("a\nb\tc") == "a\nb\tc"  # line breaks and tabs are kept in cells
    assert len(cell_text("国" * 40_000)) == 32_767


def test_the_font_book_never_asks_for_control_characters() -> None:
    book = FontBook(use_system_fonts=False)
    assert book.missing("song", "王\x00伟\u2028\ufffe") == []
    font = book.register("song", "王\x00伟\n李")
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, initialFontName=font)
    c.setFont(font, 12)
    c.drawString(10, 10, "王\x00伟\n李\u2028\x1b")  # left out or unfolded, never a box
    c.save()
    assert "王伟李" in PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()


# -- 3. formula injection --------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_formula_like_text_is_written_as_text(start: str) -> None:
    people = [
        *hostile_people()[:6],
        Attendee(
            id=7,
            name=f'{start}HYPERLINK("http://x")',
            precedence=7,
            unit=f"{start}1+1",
            title=f"{start}cmd|' /C calc'!A0",
        ),
    ]
    plan = hostile_plan(people)
    for data in (
        render_sign_in_xlsx(sign_in_sheets(plan), plan.settings.meeting),
        render_seating_xlsx(plan),
    ):
        wb = load_workbook(io.BytesIO(data))
        cells = [
            c
            for ws in wb.worksheets
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and c.value.startswith(start)
        ]
        assert len(cells) >= 3
        assert all(c.data_type == "s" for c in cells)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert not any(
                b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")
            )


# -- 4. manuscripts ----------------------------------------------------------------------


def many_pages(path: Path, pages: int) -> Path:
    c = Canvas(str(path), pagesize=(72, 72))
    for n in range(1, pages + 1):
        c.drawString(10, 10, str(n))
        c.showPage()
    c.save()
    return path


def test_a_manuscript_beyond_the_page_limit_is_left_to_a_hand_check(tmp_path: Path) -> None:
    path = many_pages(tmp_path / "huge.pdf", MAX_PAGES + 1)
    start = time.monotonic()
    report = check_manuscript(path, expected_pages=12)
    assert time.monotonic() - start < 5
    assert report.outcome is Outcome.FAILED  # it should have 12 pages
    manual = [f for f in report.findings if f.outcome is Outcome.MANUAL]
    assert len(manual) == 1 and str(MAX_PAGES) in manual[0].message
    assert report.pages == MAX_PAGES + 1
    assert check_manuscript(path).outcome is Outcome.MANUAL


def test_reading_pages_stops_after_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manuscripts, "PAGES_SECONDS", -1.0)
    report = check_manuscript(many_pages(tmp_path / "slow.pdf", 3), expected_pages=3)
    assert report.outcome is Outcome.MANUAL
    assert "were not checked one by one" in report.findings[0].message


def test_a_huge_manuscript_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manuscripts, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    report = check_manuscript(path)
    assert report.outcome is Outcome.MANUAL
    assert "more than the 1 MB" in report.findings[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_manuscript_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "speech.pdf"
    os.mkfifo(fifo)
    code = (
        "import sys; from pathlib import Path\n"
        "from meetplan.materials.manuscripts import check_manuscript\n"
        "r = check_manuscript(Path(sys.argv[1]))\n"
        "print(r.outcome.value, r.findings[0].message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.stdout.startswith("failed"), done.stderr
    assert "not an ordinary file" in done.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_manuscript_is_not_read(tmp_path: Path) -> None:
    link = tmp_path / "speech.pdf"
    link.symlink_to("/dev/zero")
    report = check_manuscript(link)
    assert report.outcome is Outcome.FAILED
    assert "not an ordinary file" in report.findings[0].message


def test_materials_settings_refuse_what_cannot_be_printed() -> None:
    materials, problems = parse_materials(
        [
            {"kind": "讲话稿", "title": "书记\x1b[31m讲话", "file": "a.pdf"},
            {"title": "讲" * 201},
            {"title": "主持词", "file": "materials/\n主持词.pdf"},
            {"title": "议程\n（草案）", "speaker": "张\t建国"},  # line breaks are layout
        ],
        "meeting.toml",
    )
    assert [m.title for m in materials] == ["议程（草案）"]
    assert materials[0].speaker == "张建国"  # a tab between Chinese characters goes
    keys = [p.location.key for p in problems]
    assert keys == ["materials[1].title", "materials[2].title", "materials[3].file"]
    assert "\\x1b" in problems[0].message and "201" in problems[1].message
    settings, problems = parse_checklist(
        {
            "owner": {"before.sound": "王\x00强"},
            "add": [{"stage": "会前", "text": "核对" * 101}],
        },
        "meeting.toml",
    )
    assert settings.owner == {} and settings.add == ()
    assert [p.location.key for p in problems] == [
        "checklist.owner.before.sound",
        "checklist.add[1].text",
    ]


# -- 5. LibreOffice writes only inside the meeting folder -----------------------------


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>讲话</w:t></w:r></w:p></w:body></w:document>",
        )
    return path


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed",
)
def test_libreoffice_writes_nothing_outside_the_meeting_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, tmp, meeting = tmp_path / "home", tmp_path / "tmp", tmp_path / "meeting"
    for folder in (home, tmp, meeting / "materials"):
        folder.mkdir(parents=True)
    for var in ("TMPDIR", "TMP", "TEMP"):
        monkeypatch.setenv(var, str(tmp))
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr("tempfile.tempdir", None)
    seen: list[list[Path]] = []
    run = manuscripts._run_libreoffice

    def watched(program: str, data: bytes, timeout: float, work: Path) -> object:
        result = run(program, data, timeout, work)
        seen.append(sorted(work.iterdir()))  # the profile was made in the private folder
        return result

    monkeypatch.setattr(manuscripts, "_run_libreoffice", watched)
    path = docx(meeting / "materials" / "讲话.docx")
    report = check_manuscript(path, scratch=meeting)
    assert seen and any(p.name == "profile" for p in seen[0]), (seen, report)
    assert list(home.iterdir()) == [] and list(tmp.iterdir()) == []
    assert sorted(p.name for p in meeting.iterdir()) == ["materials"]  # removed after


def test_leftover_scratch_folders_are_removed(tmp_path: Path) -> None:
    old = tmp_path / ".meetplan-tmp-old"
    (old / "profile").mkdir(parents=True)
    young = tmp_path / ".meetplan-tmp-young"
    young.mkdir()
    other = tmp_path / ".meetplan-other"
    other.mkdir()
    hour_ago = time.time() - 7200
    os.utime(old, (hour_ago, hour_ago))
    assert manuscripts.remove_leftovers(tmp_path) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".meetplan-other", ".meetplan-tmp-young"]


WRITES: list[str] = []
WATCHING = [False]


def _watch_writes(event: str, args: tuple[object, ...]) -> None:
    if WATCHING[0] and event == "open" and len(args) >= 3:
        path, mode, flags = args[0], args[1], args[2]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        )
        if writing and isinstance(path, str | bytes | os.PathLike):
            WRITES.append(os.fsdecode(path))


sys.addaudithook(_watch_writes)  # for the whole run, but it records only while watching


def test_making_the_documents_writes_no_file(tmp_path: Path) -> None:
    """Every document is made in memory: no temporary file anywhere (openpyxl writes each
    sheet to one unless told otherwise), nothing outside the meeting folder."""
    plan = hostile_plan()
    book = FontBook(use_system_fonts=False)
    render_all(plan, book, tmp_path)  # fonts parsed and cached first
    WRITES.clear()
    WATCHING[0] = True
    try:
        docs = render_all(plan, book, tmp_path)
    finally:
        WATCHING[0] = False
    assert len(docs) >= 12
    assert WRITES == []


def test_no_temporary_files_from_the_renderers_and_checks() -> None:
    root = Path(__file__).resolve().parent.parent / "meetplan"
    for folder in ("render", "materials"):
        for source in (root / folder).glob("*.py"):
            text = source.read_text(encoding="utf-8")
            assert "TemporaryDirectory" not in text and "NamedTemporaryFile" not in text, source
            assert "write_only" not in text, source  # openpyxl's write-only sheets use tempfile
            if "mkdtemp" in text:
                assert "mkdtemp(prefix=SCRATCH_PREFIX, dir=folder)" in text, source
