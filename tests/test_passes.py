"""Passes (出席证.pdf) with a code the desk scans, seat labels with the same code, and
sign-in sheets per unit ([print] sign_in = "by-unit")."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageDraw
from pypdf import PdfReader
from reportlab.lib.units import mm

from meetplan.fonts import FontBook
from meetplan.layouts import load_layout
from meetplan.model import Area, Attendance, Attendee, PrintSettings, Roster, Settings, UserError
from meetplan.model.codes import person_code
from meetplan.model.plan import Plan
from meetplan.model.settings import MeetingInfo, SignInGrouping
from meetplan.planning import make_plan
from meetplan.render.lists import SignInRow, SignInSheet, sign_in_sheets
from meetplan.render.passes import (
    PASSES_PDF,
    Pass,
    check_pass_settings,
    clipped_passes,
    parse_pass_grid,
    parse_pass_size,
    pass_makers,
    passes_for,
    passes_text,
    render_passes,
)
from meetplan.render.qr import qr_modules
from meetplan.render.seat_labels import labels_for, render_seat_labels, seat_label_text
from meetplan.render.sign_in_pdf import FIXED_TEXT, render_sign_in_pdf
from meetplan.render.sign_in_xlsx import render_sign_in_xlsx

zxingcpp = pytest.importorskip("zxingcpp")

MEETING = MeetingInfo(title="全县经济工作会议", date="2026-12-01", organizer="县委办公室")


def roster() -> Roster:
    people = [
        Attendee(1, "张建国", 1, unit="县委", area=Area.ROSTRUM),
        Attendee(2, "李明", 2, unit="县政府", area=Area.ROSTRUM, attendance=Attendance.TENTATIVE),
        Attendee(3, "王强", 3, unit="县人大", area=Area.ROSTRUM, attendance=Attendance.ABSENT),
        # stands by for 李明 (待定): comes only if 李明 does not
        Attendee(4, "赵刚", 4, unit="县政府", area=Area.ROSTRUM, substitute_for="李明"),
        Attendee(5, "孙丽", 5, unit="县财政局"),
        Attendee(6, "周涛", 6, unit="县财政局"),
        Attendee(7, "吴敏", 7, unit="县教育局"),
        Attendee(8, "郑洁", 8, unit="县教育局", attendance=Attendance.ABSENT),
        Attendee(9, "冯军", 9, unit="县财政局"),
        Attendee(10, "陈静", 10, unit="县审计局", area=Area.OBSERVER),
        Attendee(11, "褚伟", 11, unit="县委办公室", area=Area.STAFF),
    ]
    return Roster(tuple(people))


def plan_with(**printing: object) -> Plan:
    settings = Settings(meeting=MEETING, printing=PrintSettings(**printing))  # type: ignore[arg-type]
    return make_plan(roster(), load_layout("meeting-room-40"), settings)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return plan_with(passes=True)


@pytest.fixture(scope="module")
def fonts() -> FontBook:
    return FontBook(use_system_fonts=False)


def render(plan: Plan, fonts: FontBook) -> bytes:
    return pass_makers(plan, fonts)[PASSES_PDF]()


def decoded(image: Image.Image) -> list[str]:
    return sorted(r.text for r in zxingcpp.read_barcodes(image))


# ---------------------------------------------------------------------------
# Who gets a pass


def test_one_pass_per_attendee_who_comes(plan: Plan) -> None:
    names = [p.name for p in passes_for(plan)]
    # 王强 and 郑洁 are 请假; 赵刚 stands by for 李明 (待定), who gets a pass: he may come.
    assert sorted(names) == sorted(
        ["张建国", "李明", "孙丽", "周涛", "吴敏", "冯军", "陈静", "褚伟"]
    )
    assert names[:2] == ["张建国", "李明"]  # the rostrum first, by precedence


def test_titles_seats_and_codes(plan: Plan) -> None:
    by_name = {p.name: p for p in passes_for(plan)}
    assert by_name["张建国"].title == "出席证" and by_name["孙丽"].title == "出席证"
    assert by_name["陈静"].title == "列席证"
    assert by_name["褚伟"].title == "工作证"
    assert by_name["张建国"].seat.startswith("主席台")
    assert re.fullmatch(r"\d+排 \d+号", by_name["孙丽"].seat)
    for person in plan.roster.attendees:
        if person.name in by_name:
            assert by_name[person.name].code == person_code(MEETING, person)


def test_pass_title_setting() -> None:
    found = {p.name: p.title for p in passes_for(plan_with(passes=True, pass_title="代表证"))}
    assert found["张建国"] == "代表证" and found["陈静"] == "列席证"


def test_no_passes_unless_asked(fonts: FontBook) -> None:
    assert pass_makers(plan_with(), fonts) == {}


# ---------------------------------------------------------------------------
# The PDF


def test_every_name_on_the_passes(plan: Plan, fonts: FontBook) -> None:
    pdf = render(plan, fonts)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == math.ceil(len(passes_for(plan)) / 4)  # 2 x 2 on A4
    text = "".join("".join(page.extract_text().split()) for page in pages)
    for p in passes_for(plan):
        assert p.name in text and p.code in text
    assert "全县经济工作会议" in text and "2026年12月1日" in text
    assert "列席证" in text and "工作证" in text


def test_grid_and_size_decide_the_passes_per_page(plan: Plan, fonts: FontBook) -> None:
    small = replace(plan.settings.printing, pass_size="86x54", pass_grid="2x5")
    plan = replace(plan, settings=replace(plan.settings, printing=small))
    pages = PdfReader(io.BytesIO(render(plan, fonts))).pages
    assert len(pages) == 1
    assert "".join(pages[0].extract_text().split()).count("MP-") == len(passes_for(plan))


def test_same_plan_same_bytes(plan: Plan, fonts: FontBook) -> None:
    assert render(plan, fonts) == render(plan, fonts)


def test_qr_code_modules_decode_to_the_code() -> None:
    code = "MP-78CB18-29973A49"
    modules = qr_modules(code)
    box, quiet = 8, 4
    side = (len(modules) + 2 * quiet) * box
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                x, y = (c + quiet) * box, (r + quiet) * box
                draw.rectangle((x, y, x + box - 1, y + box - 1), fill=0)
    assert decoded(image) == [code]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_printed_qr_codes_decode_to_person_codes(
    plan: Plan, fonts: FontBook, tmp_path: Path
) -> None:
    pdf = tmp_path / PASSES_PDF
    pdf.write_bytes(render(plan, fonts))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    assert decoded(Image.open(png)) == sorted(p.code for p in passes_for(plan)[:4])


# ---------------------------------------------------------------------------
# Settings


@pytest.mark.parametrize("spec", ["90", "90x", "axb", "10x120", "90x400", ""])
def test_pass_size_refused_with_its_key(spec: str) -> None:
    with pytest.raises(UserError) as err:
        parse_pass_size(spec)
    problem = err.value.problems[0]
    assert problem.location.key == "print.pass_size" and problem.location.value == spec


def test_pass_grid_refused_with_its_key() -> None:
    with pytest.raises(UserError) as err:
        parse_pass_grid("2 by 2")
    assert err.value.problems[0].location.key == "print.pass_grid"
    with pytest.raises(UserError) as err:  # 3 x 120 mm is taller than A4
        parse_pass_grid("2x3", size=(90 * mm, 120 * mm))
    assert err.value.problems[0].location.key == "print.pass_grid"
    assert "297" in err.value.problems[0].message
    assert parse_pass_grid("2x2", size=(90 * mm, 120 * mm)) == (2, 2)
    assert parse_pass_size("90x120") == pytest.approx((90 * mm, 120 * mm))


def test_pass_settings_checked_only_when_passes_are_asked() -> None:
    assert check_pass_settings(PrintSettings(pass_size="big")) == []
    problems = check_pass_settings(PrintSettings(passes=True, pass_size="big"))
    assert [p.location.key for p in problems] == ["print.pass_size"]
    problems = check_pass_settings(PrintSettings(passes=True, pass_grid="3x3"))
    assert [p.location.key for p in problems] == ["print.pass_grid"]
    assert check_pass_settings(PrintSettings(passes=True)) == []


def test_long_names_and_units_said_cut(fonts: FontBook) -> None:
    long = Pass(
        "阿依古丽·买买提·艾尔肯·热合曼·吐尔逊·司马义" * 3,
        "县" + "住房和城乡建设局" * 40,
        "",
        "出席证",
        "MP-0-0",
    )
    short = Pass("张建国", "县委", "1排 2号", "出席证", "MP-0-1")
    font = fonts.register("song", passes_text([long, short], MEETING))
    cut = clipped_passes([long, short], font)
    assert {(c.name, c.field) for c in cut} == {(long.name, "姓名"), (long.name, "单位")}
    assert clipped_passes([short], font) == []
    # and a pass is still drawn for them
    pdf = render_passes([long, short], MEETING, font, font, font)
    assert "张建国" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


# ---------------------------------------------------------------------------
# Seat labels with the code


def test_seat_labels_carry_the_code_when_asked(fonts: FontBook, tmp_path: Path) -> None:
    plain = labels_for(plan_with())
    assert plain and all(label.code == "" for label in plain)
    coded_plan = plan_with(seat_label_code=True)
    labels = labels_for(coded_plan)
    codes = {p.name: person_code(MEETING, p) for p in coded_plan.roster.attendees}
    assert [label.code for label in labels] == [codes[label.name] for label in labels]
    font = fonts.register("song", seat_label_text(labels))
    pdf = render_seat_labels(labels, font)
    assert render_seat_labels(labels, font) == pdf
    text = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert all(label.name in text for label in labels)
    if shutil.which("pdftoppm") is None:
        return
    (tmp_path / "l.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "l.pdf"),
            str(tmp_path / "l"),
        ],
        check=True,
    )
    (png,) = tmp_path.glob("l*.png")
    assert decoded(Image.open(png)) == sorted(label.code for label in labels)


# ---------------------------------------------------------------------------
# Sign-in sheets per unit


def test_sign_in_by_area_by_default() -> None:
    sheets = sign_in_sheets(plan_with())
    assert [(s.area, s.unit) for s in sheets] == [
        (Area.ROSTRUM, ""),
        (Area.HALL, ""),
        (Area.OBSERVER, ""),
        (Area.STAFF, ""),
    ]


def test_sign_in_by_unit_one_sheet_per_unit() -> None:
    plan = plan_with(sign_in=SignInGrouping.BY_UNIT)
    sheets = sign_in_sheets(plan)
    assert [(s.area, s.unit) for s in sheets] == [
        (Area.ROSTRUM, ""),  # the leaders keep their own sheet
        (Area.HALL, "县财政局"),
        (Area.HALL, "县教育局"),
        (Area.OBSERVER, ""),
        (Area.STAFF, ""),
    ]
    by_unit = {s.unit: s for s in sheets if s.unit}
    assert [r.name for r in by_unit["县财政局"].rows] == ["孙丽", "周涛", "冯军"]
    assert [r.number for r in by_unit["县财政局"].rows] == [1, 2, 3]  # 序号 per unit
    # 请假 people stay on their unit's sheet, struck through
    assert [(r.name, r.struck) for r in by_unit["县教育局"].rows] == [
        ("吴敏", False),
        ("郑洁", True),
    ]
    assert len({s.key for s in sheets}) == len(sheets)


def unit_sheet(unit: str, n: int) -> SignInSheet:
    rows = tuple(SignInRow(i, f"{unit[1]}员{i}", unit, "科员", "") for i in range(1, n + 1))
    return SignInSheet(Area.HALL, "参会人员签到表", rows, unit)


def test_sign_in_pdf_pages_numbered_per_unit(fonts: FontBook) -> None:
    sheets = [unit_sheet("县财政局", 45), unit_sheet("县教育局", 3), unit_sheet("城关镇", 30)]
    text = "".join(r.name + r.unit + r.title for s in sheets for r in s.rows) + FIXED_TEXT
    text += MEETING.title + "参会人员签到表"
    body = fonts.register("song", text)
    heading = fonts.register("hei", text)
    pdf = render_sign_in_pdf(sheets, MEETING, body, heading)
    assert pdf == render_sign_in_pdf(sheets, MEETING, body, heading)
    pages = ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    marks = {"县财政局": "财员", "县教育局": "教员", "城关镇": "关员"}
    units = [[u for u, mark in marks.items() if mark in page] for page in pages]
    assert all(len(found) == 1 for found in units)  # a page holds one unit's people only
    numbers = [tuple(map(int, re.findall(r"第(\d+)页共(\d+)页", page)[0])) for page in pages]
    for unit in marks:  # each unit numbered on its own: 1..k of k
        mine = [n for n, found in zip(numbers, units, strict=True) if found == [unit]]
        assert mine == [(i, len(mine)) for i in range(1, len(mine) + 1)]
    assert sum(found == ["县财政局"] for found in units) >= 2  # 45 rows: two pages
    heads = [page for page in pages if "单位：" in page]
    assert [re.search("单位：(县财政局|县教育局|城关镇)", h).group(1) for h in heads] == list(marks)  # type: ignore[union-attr]


def test_sign_in_xlsx_one_worksheet_per_unit() -> None:
    sheets = sign_in_sheets(plan_with(sign_in=SignInGrouping.BY_UNIT))
    wb = load_workbook(io.BytesIO(render_sign_in_xlsx(sheets, MEETING)))
    assert wb.sheetnames == ["主席台", "县财政局", "县教育局", "列席", "工作人员"]
    ws = wb["县财政局"]
    assert "单位：县财政局" in ws["A1"].value
    assert [ws.cell(r, 2).value for r in range(4, ws.max_row + 1)] == ["孙丽", "周涛", "冯军"]
