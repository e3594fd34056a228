"""The whole path through the CLI: roster -> plan -> documents, and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from meetplan.cli import main
from meetplan.model import EvenRostrum, HonorSide
from meetplan.protocol.rostrum import sequence_from_audience
from tests.roster_files import write_xlsx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-plenary"
BASIC = {
    "plan.json",
    "座次表.xlsx",
    "桌签.pdf",
    "签到表.pdf",
    "签到表.xlsx",
    "座次图.pdf",
    "座次分单位.pdf",
    "会务检查清单.pdf",
    "会务检查清单.xlsx",
    "座位查询.html",
}
OUTPUTS = BASIC | {
    "座签.pdf",
    "应急调整表.pdf",
    "合影站位图.pdf",
    "合影说明.txt",
    "站位贴.pdf",
    "宴会桌次图.pdf",
    "席卡.pdf",
    "桌号牌.pdf",
    "宴会座位表.xlsx",
    "出席证.pdf",
}  # auditorium-600 labels its seats; the example has 待定, a [photo] and a [banquet]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("county") / "county-plenary"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LANGUAGE", "en")
        mp.setenv("MEETPLAN_NO_SYSTEM_FONTS", "1")
        result = run("build", str(folder))
    assert result.exit_code == 0, result.output
    return folder


def plan_of(folder: Path) -> dict:
    return json.loads((folder / "out" / "plan.json").read_text(encoding="utf-8"))


def test_example_builds_every_document(county: Path) -> None:
    assert {p.name for p in (county / "out").iterdir() if not p.name.startswith(".")} == OUTPUTS


def test_plan_json_follows_its_schema(county: Path) -> None:
    schema = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    plan = plan_of(county)
    jsonschema.validate(plan, schema)
    assert plan["scenarios"][0]["id"] == "base"


def test_every_roster_person_once_per_scenario(county: Path) -> None:
    plan = plan_of(county)
    ids = [a["person"] for a in plan["attendees"]]
    for scenario in plan["scenarios"]:
        seen = [s["person"] for s in scenario["seats"]] + [
            u["person"] for u in scenario["unseated"]
        ]
        assert sorted(seen) == sorted(ids)
        seats = [(s["area"], s["floor"], s["row"], s["col"]) for s in scenario["seats"]]
        assert len(seats) == len(set(seats))


def test_example_rostrum_follows_protocol(county: Path) -> None:
    base = plan_of(county)["scenarios"][0]
    rostrum = [s for s in base["seats"] if s["area"] == "rostrum"]
    assert len(rostrum) == 16  # the 待定 leader has a seat too
    for row in (1, 2):
        members = sorted((s for s in rostrum if s["row"] == row), key=lambda s: s["col"])
        ranks = sorted(s["precedence"] for s in members)
        position = {p: i + 1 for i, p in enumerate(ranks)}
        seen = [position[s["precedence"]] for s in members]
        assert seen == sequence_from_audience(len(members), HonorSide.LEFT, EvenRostrum.A)
    front = [s for s in rostrum if s["row"] == 1]
    assert len(front) == 13


def test_two_builds_give_identical_plan_json(county: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    shutil.copytree(county, again, ignore=shutil.ignore_patterns("out"))
    assert run("build", str(again)).exit_code == 0
    assert (again / "out" / "plan.json").read_bytes() == (county / "out" / "plan.json").read_bytes()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def fonts_of(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font used on every page."""
    out = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            out.append((str(font["/BaseFont"]), embedded))
    return out


@pytest.mark.parametrize(
    "name", ["桌签.pdf", "签到表.pdf", "座次图.pdf", "座次分单位.pdf", "座签.pdf", "应急调整表.pdf"]
)
def test_every_font_embedded(county: Path, name: str) -> None:
    fonts = fonts_of(county / "out" / name)
    assert fonts
    assert all(embedded for _, embedded in fonts), fonts


def test_cards_carry_every_rostrum_name(county: Path) -> None:
    plan = plan_of(county)
    rostrum = [s for s in plan["scenarios"][0]["seats"] if s["area"] == "rostrum"]
    standby = [u for u in plan["scenarios"][0]["unseated"] if u["reason"] == "standby"]
    reader = PdfReader(county / "out" / "桌签.pdf")
    # an index page (some cards are conditional), every base rostrum card, then standby cards
    assert len(reader.pages) == 1 + len(rostrum) + len(standby)
    texts = [page.extract_text().replace(" ", "").replace("\n", "") for page in reader.pages]
    assert "待定" in texts[0] and all(u["name"] in texts[0] for u in standby)
    order = sorted(rostrum, key=lambda s: (s["row"], s["col"]))  # front row first, left to right
    for text, seat in zip(texts[1 : 1 + len(rostrum)], order, strict=True):
        assert text.count(seat["name"]) == 2  # both faces of the tent card
        assert seat["label"] in text
    for text, person in zip(texts[1 + len(rostrum) :], standby, strict=True):
        assert text.count(person["name"]) == 2


def test_sign_in_lists_every_attendee_exactly_once(county: Path) -> None:
    plan = plan_of(county)
    wb = openpyxl.load_workbook(county / "out" / "签到表.xlsx")
    listed = []
    for ws in wb.worksheets:
        header = [c.value for c in ws[3]]
        assert header == ["序号", "姓名", "单位", "职务", "签名", "备注"]
        listed += [row[1] for row in ws.iter_rows(min_row=4, values_only=True)]
        assert ws.print_title_rows == "$1:$3"
    assert sorted(listed) == sorted(a["name"] for a in plan["attendees"])
    text = pdf_text(county / "out" / "签到表.pdf").replace(" ", "")
    for a in plan["attendees"]:
        assert a["name"] in text
    assert wb.sheetnames[0] == "主席台"


def test_sign_in_strikes_through_who_is_on_leave(county: Path) -> None:
    wb = openpyxl.load_workbook(county / "out" / "签到表.xlsx")
    struck = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=4):
            struck[row[1].value] = (
                [c.font.strike for c in row[1:4]],
                row[5].value or "",
            )
    fonts, remark = struck["史成忠"]  # 请假 in the example roster; 邹梅健 attends for him
    assert fonts == [True, True, True] and remark.startswith("请假（邹梅健代会）")
    assert struck["邹梅健"][0] == [False, False, False]
    assert struck["范宁雪"][0] == [False, False, False]  # 待定 is not struck through
    assert sum(1 for f, _ in struck.values() if any(f)) == 1


def test_sign_in_pdf_numbers_pages_per_sheet(county: Path) -> None:
    reader = PdfReader(county / "out" / "签到表.pdf")
    footers = [page.extract_text() for page in reader.pages]
    assert "第 1 页 共 1 页" in footers[0]  # the rostrum leaders' own sheet
    assert "第 1 页 共" in footers[1]
    assert any("第 2 页" in f for f in footers[1:])


def test_seating_table_has_rostrum_grid_and_lookup(county: Path) -> None:
    plan = plan_of(county)
    wb = openpyxl.load_workbook(county / "out" / "座次表.xlsx")
    assert wb.sheetnames == ["主席台", "会场", "座位查询"]
    lookup = wb["座位查询"]
    rows = list(lookup.iter_rows(min_row=5, values_only=True))
    assert len(rows) == len(plan["attendees"])
    seat_of = {s["name"]: s["label"] for s in plan["scenarios"][0]["seats"]}
    for name, _unit, _title, _area, seat, _note in rows:
        assert seat == seat_of.get(name, "无座位")


# --- bad input: a clear message, exit 1, nothing written -------------------


def roster_file(tmp_path: Path, rows: list[list], name: str = "roster.xlsx") -> Path:
    return write_xlsx(
        tmp_path / name, [["排序", "姓名", "单位", "职务", "座区", "出席", "代会"], *rows]
    )


LEADERS = [
    [i, n, "县委", "常委", "主席台", "出席", None]
    for i, n in enumerate(["张建国", "李明", "王伟"], 1)
]


def build_roster(tmp_path: Path, roster: Path, *extra: str) -> Result:
    return run(
        "build",
        "--roster",
        str(roster),
        "--layout",
        "meeting-room-40",
        "--out",
        str(tmp_path / "out"),
        *extra,
    )


def assert_refused(result: Result, tmp_path: Path, *phrases: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.output, result.output
    assert "nothing was written" in result.output
    assert not (tmp_path / "out").exists()


def test_good_roster_without_meeting_folder(tmp_path: Path) -> None:
    result = build_roster(tmp_path, roster_file(tmp_path, LEADERS))
    assert result.exit_code == 0, result.output
    assert {
        p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")
    } == BASIC  # a meeting room: no seat labels
    assert "Row 1: 王伟  张建国  李明" in result.output


def test_missing_roster_file(tmp_path: Path) -> None:
    assert_refused(build_roster(tmp_path, tmp_path / "nope.xlsx"), tmp_path, "nope.xlsx")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "names.docx"
    path.write_bytes(b"PK\x03\x04 not a roster")
    assert_refused(build_roster(tmp_path, path), tmp_path, "names.docx", ".xlsx")


def test_empty_sheet(tmp_path: Path) -> None:
    assert_refused(build_roster(tmp_path, write_xlsx(tmp_path / "e.xlsx", [])), tmp_path, "e.xlsx")


def test_no_name_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "h.xlsx", [["人员", "单位"], ["张建国", "县委"]])
    assert_refused(build_roster(tmp_path, path), tmp_path, "姓名")


@pytest.mark.parametrize(("value", "phrase"), [("一", '"一"'), (2, "more than one person")])
def test_bad_precedence(tmp_path: Path, value: object, phrase: str) -> None:
    rows = [*LEADERS, [value, "赵丽", "县政协", "主席", "主席台", "出席", None]]
    assert_refused(build_roster(tmp_path, roster_file(tmp_path, rows)), tmp_path, phrase, "row 5")


def test_ties_allowed_by_setting(tmp_path: Path) -> None:
    rows = [*LEADERS, [2, "赵丽", "县政协", "主席", "主席台", "出席", None]]
    result = build_roster(tmp_path, roster_file(tmp_path, rows), "--allow-ties")
    assert result.exit_code == 0, result.output


def test_substitute_for_nobody(tmp_path: Path) -> None:
    rows = [*LEADERS, [4, "赵丽", "县政协", "主席", "会场", "出席", "钱七"]]
    assert_refused(build_roster(tmp_path, roster_file(tmp_path, rows)), tmp_path, "钱七")


def test_same_name_twice_is_a_warning_and_both_are_seated(tmp_path: Path) -> None:
    rows = [*LEADERS, [4, "王伟", "县政协", "委员", "会场", "出席", None]]
    result = build_roster(tmp_path, roster_file(tmp_path, rows))
    assert result.exit_code == 0, result.output
    assert "Warning" in result.output and "王伟" in result.output
    plan = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in plan["scenarios"][0]["seats"]].count("王伟") == 2


def test_full_width_spaces_in_names(tmp_path: Path) -> None:
    rows = [
        [1, "王\u3000伟", "县委", "书记", "主席台", "出席", None],
        [2, " 李  明 ", "县委", "", "主席台", "出席", None],
    ]
    result = build_roster(tmp_path, roster_file(tmp_path, rows))
    assert result.exit_code == 0, result.output
    names = {
        a["name"] for a in json.loads((tmp_path / "out" / "plan.json").read_text())["attendees"]
    }
    assert names == {"王伟", "李明"}


def test_more_rostrum_people_than_seats_says_how_many_short(tmp_path: Path) -> None:
    rows = [[i, f"领导{chr(0x4E00 + i)}", "县委", "", "主席台", "出席", None] for i in range(1, 10)]
    assert_refused(
        build_roster(tmp_path, roster_file(tmp_path, rows)),
        tmp_path,
        "7 seats",
        "9 people",
        "2 short",
    )


def test_layout_with_unknown_key(tmp_path: Path) -> None:
    layout = tmp_path / "room.toml"
    layout.write_text(
        'title = "x"\ncolour = "red"\n[rostrum]\nrows = [5]\n[[floors]]\nrows = 2\nsections = [4]\n',
        encoding="utf-8",
    )
    result = run(
        "build",
        "--roster",
        str(roster_file(tmp_path, LEADERS)),
        "--layout",
        str(layout),
        "--out",
        str(tmp_path / "out"),
    )
    assert_refused(result, tmp_path, "colour", str(layout))


def test_character_no_font_has_names_person_and_character(tmp_path: Path) -> None:
    rows = [
        *LEADERS,
        [4, "王\U00020bb7", "县委", "", "主席台", "出席", None],
    ]  # 𠮷 is in no bundled font
    assert_refused(
        build_roster(tmp_path, roster_file(tmp_path, rows)), tmp_path, "王\U00020bb7", "U+20BB7"
    )


def test_formula_cells_are_neutralised_in_every_xlsx(tmp_path: Path) -> None:
    rows = [*LEADERS, [4, "赵丽", '=HYPERLINK("http://x","点击")', "+1", "会场", "出席", None]]
    result = build_roster(tmp_path, roster_file(tmp_path, rows))
    assert result.exit_code == 0, result.output
    for name in ("座次表.xlsx", "签到表.xlsx"):
        wb = openpyxl.load_workbook(tmp_path / "out" / name)
        cells = [
            c
            for ws in wb.worksheets
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and c.value.startswith(("=HYPERLINK", "+1"))
        ]
        assert cells, name
        assert all(c.data_type == "s" and c.quotePrefix for c in cells), name


def test_failed_build_leaves_earlier_output_untouched(tmp_path: Path) -> None:
    good = roster_file(tmp_path, LEADERS)
    assert build_roster(tmp_path, good).exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    bad = write_xlsx(tmp_path / "bad.xlsx", [["姓名", "排序"], ["张建国", "一"]])
    result = build_roster(tmp_path, bad)
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


# --- the other commands ----------------------------------------------------


def test_init_then_build(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "meeting.toml").is_file() and (folder / "roster.xlsx").is_file()
    assert run("init", str(folder)).exit_code == 1  # never overwrites
    result = run("build", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "out" / "桌签.pdf").is_file()


def test_meeting_toml_unknown_key(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    assert run("init", str(folder)).exit_code == 0
    toml = folder / "meeting.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("honor_side", "honour_side"), encoding="utf-8"
    )
    result = run("build", str(folder))
    assert result.exit_code == 1
    assert "honour_side" in result.output and "honor_side" in result.output


def test_cli_option_overrides_meeting_toml(tmp_path: Path) -> None:
    result = build_roster(tmp_path, roster_file(tmp_path, LEADERS), "--honor-side", "right")
    assert result.exit_code == 0
    assert "Row 1: 李明  张建国  王伟" in result.output


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["build", "--honor-side", "up"]).exit_code == 2


def test_layouts_lists_and_shows() -> None:
    listing = run("layouts")
    assert "auditorium-600" in listing.output and "meeting-room-40" in listing.output
    shown = run("layouts", "auditorium-600")
    assert shown.exit_code == 0 and "604" in shown.output


def test_every_command_documented_with_an_example() -> None:
    for name, command in main.commands.items():
        assert command.help and "Example:" in command.help, name


def test_out_is_never_half_old_half_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from meetplan import build as build_module
    from meetplan.model import UserError
    from meetplan.util import folder

    out = tmp_path / "out"
    build_module.write_documents(out, {"a.txt": b"old a", "b.txt": b"old b"})

    def locked(new: Path, target: Path) -> None:  # a file of out/ is open in Excel
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(folder, "_exchange_or_rename", locked)
    with pytest.raises(UserError) as err:
        build_module.write_documents(out, {"a.txt": b"new a", "b.txt": b"new b"})
    assert str(out) in err.value.problems[0].message
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {"a.txt": b"old a", "b.txt": b"old b"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it


# -- 座次表.xlsx and 签到表.xlsx print as documents ---------------------------------------


def test_seating_table_prints_fitted_and_centred(county: Path) -> None:
    wb = openpyxl.load_workbook(county / "out" / "座次表.xlsx")
    for ws in (wb["主席台"], wb["会场"]):
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert ws.print_options.horizontalCentered
        assert ws.page_setup.orientation == "landscape"
    rostrum, hall = wb["主席台"], wb["会场"]
    assert rostrum.page_setup.fitToHeight == 1 and rostrum.print_options.verticalCentered
    assert str(rostrum.page_setup.paperSize) == rostrum.PAPERSIZE_A4
    # 35 columns of seats: too narrow on A4, as on the seating chart, so A3
    assert str(hall.page_setup.paperSize) == hall.PAPERSIZE_A3
    assert hall.page_setup.fitToHeight == 0
    assert hall.print_title_rows == "$1:$4"


def test_hall_sheet_fills_each_unit_and_has_a_legend(county: Path) -> None:
    hall_seats = [s for s in plan_of(county)["scenarios"][0]["seats"] if s["area"] == "hall"]
    people: dict[str, int] = {}
    for seat in hall_seats:
        people[seat["unit"]] = people.get(seat["unit"], 0) + 1
    ws = openpyxl.load_workbook(county / "out" / "座次表.xlsx")["会场"]
    cells = [c for row in ws.iter_rows() for c in row]
    top = next(c.row for c in cells if str(c.value or "").startswith("图例"))
    legend: dict[str, tuple[int, str, object]] = {}  # unit -> number, people, fill
    for c in cells:
        if c.row > top and isinstance(c.value, int):
            name = ws.cell(row=c.row, column=c.column + 1).value
            count = ws.cell(row=c.row, column=c.column + 6).value
            legend[name] = (c.value, count, (c.fill.patternType, c.fill.fgColor.rgb))
    # every unit of the hall, with its people, numbered 1.. as on the seating chart
    assert {u: n for u, (_, n, _) in legend.items()} == {u: f"{n}人" for u, n in people.items()}
    assert sorted(n for n, _, _ in legend.values()) == list(range(1, len(people) + 1))
    assert legend["县委办公室"][0] == 1  # the roster's first unit
    # neighbouring numbers look different; each seat wears its unit's fill
    by_number = {n: fill for n, _, fill in legend.values()}
    assert all(by_number[n] != by_number[n + 1] for n in range(1, len(by_number)))
    unit_of = {s["name"]: s["unit"] for s in hall_seats}
    for c in cells:
        if c.row < top and c.value in unit_of:
            assert (c.fill.patternType, c.fill.fgColor.rgb) == legend[unit_of[c.value]][2]


def test_sign_in_xlsx_numbers_each_section_on_its_own(county: Path) -> None:
    wb = openpyxl.load_workbook(county / "out" / "签到表.xlsx")
    assert wb.sheetnames == ["主席台", "会场", "列席", "工作人员"]
    for ws in wb.worksheets:
        assert ws.page_setup.useFirstPageNumber and ws.page_setup.firstPageNumber == 1
        pages = ws.page_setup.fitToHeight
        assert ws.oddFooter.center.text == f"第 &P 页 共 {pages} 页"
        assert len(ws.row_breaks.brk) == pages - 1
    assert wb["主席台"].page_setup.fitToHeight == 1
    assert wb["会场"].page_setup.fitToHeight > 1  # 300 people: several pages, counted alone


def test_xlsx_is_the_same_bytes_for_the_same_input(tmp_path: Path) -> None:
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        shutil.copytree(
            ROOT / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
        )
        folders.append(folder)
        assert CliRunner().invoke(main, ["build", str(folder)]).exit_code == 0
    for book in ("座次表.xlsx", "签到表.xlsx", "会务检查清单.xlsx"):
        assert (folders[0] / "out" / book).read_bytes() == (folders[1] / "out" / book).read_bytes()
