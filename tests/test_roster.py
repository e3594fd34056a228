"""Roster import: formats, header detection, normalisation, and every message."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from roster_files import (
    HEADER,
    PEOPLE,
    add_excel_extension,
    csv_bytes,
    write_any,
    write_csv,
    write_xlsx,
)

from meetplan.model import Area, Attendance, NameOrder, Problem, Roster, Severity, UserError
from meetplan.protocol.precedence import in_precedence_order
from meetplan.roster import COLUMNS, load_roster, write_template
from meetplan.roster.columns import normalise_header, normalise_name
from meetplan.roster.load import row_list

ROSTER_PACKAGE = Path(__file__).parent.parent / "meetplan" / "roster"


def load_ok(path: Path, **kwargs: bool) -> tuple[Roster, list[Problem]]:
    return load_roster(path, **kwargs)


def load_errors(path: Path, **kwargs: bool) -> list[Problem]:
    with pytest.raises(UserError) as info:
        load_roster(path, **kwargs)
    problems = info.value.problems
    assert problems and all(p.is_error for p in problems)
    return problems


def names(roster: Roster) -> list[str]:
    return [a.name for a in roster.attendees]


def only(problems: list[Problem], pattern: str) -> Problem:
    found = [p for p in problems if re.search(pattern, p.message)]
    assert len(found) == 1, [p.message for p in problems]
    return found[0]


# ---------------------------------------------------------------------------
# Formats and encodings


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".csv"])
def test_each_format_reads_the_same_roster(tmp_path: Path, suffix: str) -> None:
    path = write_any(tmp_path / f"roster{suffix}", [HEADER, *PEOPLE])
    roster, warnings = load_ok(path)
    assert warnings == []
    assert roster.source == str(path)
    assert names(roster) == ["张建国", "李明", "王伟", "赵丽"]
    first, _, third, fourth = roster.attendees
    assert (first.id, first.precedence, first.unit, first.title) == (1, 1, "县委", "县委书记")
    assert first.area is Area.ROSTRUM and first.attendance is Attendance.PRESENT
    assert third.attendance is Attendance.TENTATIVE
    assert fourth.area is Area.HALL and fourth.attendance is Attendance.ABSENT
    assert [a.source_row for a in roster.attendees] == [2, 3, 4, 5]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [HEADER, *PEOPLE, [5, "阿沛·阿旺", "西藏, 拉萨", "顾问; 特邀", "列席", "出席"]]
    path = write_csv(tmp_path / "roster.csv", rows, encoding, delimiter)
    roster, warnings = load_ok(path)
    assert warnings == []
    assert names(roster)[0] == "张建国"
    assert roster.attendees[-1].unit == "西藏, 拉萨"
    assert roster.attendees[-1].title == "顾问; 特邀"
    assert roster.attendees[-1].area is Area.OBSERVER


def test_excel_extensions_openpyxl_drops_raise_no_warning(tmp_path: Path) -> None:
    # pytest turns warnings into errors: this fails if the reader lets one through.
    path = add_excel_extension(write_xlsx(tmp_path / "roster.xlsx", [HEADER, *PEOPLE]))
    with zipfile.ZipFile(path) as z:
        assert b"x14:dataValidations" in z.read("xl/worksheets/sheet1.xml")
    roster, warnings = load_ok(path)
    assert len(roster) == 4 and warnings == []


def test_tab_separated_text_saved_as_xls_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_bytes(csv_bytes([HEADER, *PEOPLE], "gbk", "\t"))
    roster, _ = load_ok(path)
    assert names(roster) == ["张建国", "李明", "王伟", "赵丽"]


def test_xlsx_renamed_to_xls_is_read_by_content(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [HEADER, *PEOPLE])
    renamed = path.rename(tmp_path / "roster.xls")
    roster, _ = load_ok(renamed)
    assert len(roster) == 4


def test_web_page_saved_as_xls_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>")
    [problem] = load_errors(path)
    assert "web page" in problem.message and str(path) in problem.message
    assert ".xlsx" in problem.hint


# ---------------------------------------------------------------------------
# The file itself


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    [problem] = load_errors(path)
    assert problem.message == f"The roster file {path} does not exist."
    assert problem.location.file == str(path)


def test_missing_file_suggests_the_one_with_another_extension(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "名单.xlsx", [HEADER, *PEOPLE])
    [problem] = load_errors(tmp_path / "名单.xls")
    assert problem.hint == f"Did you mean {tmp_path / '名单.xlsx'}?"


def test_directory(tmp_path: Path) -> None:
    [problem] = load_errors(tmp_path)
    assert "is a folder" in problem.message and str(tmp_path) in problem.message
    assert ".xlsx" in problem.hint and ".csv" in problem.hint


@pytest.mark.parametrize("suffix", [".numbers", ".docx", ".et", ""])
def test_unsupported_extension(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"名单{suffix}"
    path.write_bytes(b"anything")
    [problem] = load_errors(path)
    assert str(path) in problem.message
    assert "(.xlsx or .xls)" in problem.hint and "(.csv)" in problem.hint


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01garbage" * 50,
        bytes(range(256)) * 4,
        b"PK\x03\x04 not really a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ],
)
def test_damaged_xlsx_is_a_user_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    [problem] = load_errors(path)
    assert problem.message == f"{path} cannot be read: it is damaged or not really a spreadsheet."
    assert "save it again as .xlsx" in problem.hint


def test_csv_in_an_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(bytes(range(256)) * 4)
    [problem] = load_errors(path)
    assert problem.message == (
        f"{path} is not text in an encoding meetplan can read (UTF-8 or GBK)."
    )


def test_damaged_sheet_inside_a_valid_zip(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER, *PEOPLE])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]  # truncated XML
            dst.writestr(item, data)
    [problem] = load_errors(bad)
    assert problem.message.startswith(f"{bad} cannot be read: it is damaged")


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    # An encrypted OOXML file is an OLE container holding an EncryptedPackage stream.
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le")
    )
    [problem] = load_errors(path)
    assert "password" in problem.message


def test_empty_file_and_empty_sheet(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    [problem] = load_errors(empty)
    assert problem.message == f"The roster file {empty} is empty."
    sheet = write_xlsx(tmp_path / "empty.xlsx", [])
    [problem] = load_errors(sheet)
    assert problem.message == f"The roster file {sheet} is empty: it has no rows."
    assert "meetplan init" in problem.hint


def test_no_name_header_lists_what_was_seen(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        [["参会名单"], ["序", "人员", "单位"], [1, "张建国", "县委"]],
    )
    [problem] = load_errors(path)
    assert "has no 姓名 column" in problem.message
    assert "Row 2 has: 序, 人员, 单位." in problem.message
    assert "姓名, 名字, name" in problem.hint
    assert problem.location.row == 2


def test_header_but_nobody(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [["参会名单"], HEADER, [None]])
    [problem] = load_errors(path)
    assert problem.message == (f"The header of {path} is on row 2, but no one is listed below it.")


# ---------------------------------------------------------------------------
# Header


def test_header_below_title_and_blank_rows(tmp_path: Path) -> None:
    rows = [
        ["全县经济工作会议参会人员名单"],
        [None],
        ["填报单位：县委办公室", None, None, "2026年12月1日"],
        [],
        HEADER,
        *PEOPLE,
    ]
    roster, warnings = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows, ["A1:F1"]))
    assert warnings == []
    assert [a.source_row for a in roster.attendees] == [6, 7, 8, 9]


def test_columns_in_any_order_with_english_headers(tmp_path: Path) -> None:
    rows = [
        ["Title", "NAME", "Unit", "Attendance", "Area", "Precedence", "Substitute for", "Speaker"],
        ["县长", "李明", "县政府", "present", "rostrum", 2, None, "yes"],
        ["县委书记", "张建国", "县委", "tentative", "Rostrum", 1, None, "no"],
        ["副县长", "钱进", "县政府", "yes", "hall", 3, "李明", None],
    ]
    roster, warnings = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert warnings == []
    li, zhang, qian = roster.attendees
    assert (li.name, li.title, li.unit, li.precedence, li.speaker) == (
        "李明",
        "县长",
        "县政府",
        2,
        True,
    )
    assert zhang.attendance is Attendance.TENTATIVE and zhang.area is Area.ROSTRUM
    assert not zhang.speaker
    assert qian.substitute_for == "李明" and qian.area is Area.HALL


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("姓 名", "姓名"),
        ("姓\u3000名", "姓名"),
        (" 姓名* ", "姓名"),
        ("*姓名", "姓名"),
        ("姓名（必填）", "姓名"),
        ("排序(1为最高)", "排序"),
        ("是否\n出席", "是否出席"),
        ("NAME", "name"),
        ("Substitute For", "substitutefor"),
    ],
)
def test_header_normalisation(header: str, expected: str) -> None:
    assert normalise_header(header) == expected


def test_same_field_twice_is_an_error(tmp_path: Path) -> None:
    rows = [["排序", "姓名", "顺序"], [1, "张建国", 1]]
    problems = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows))
    problem = only(problems, "twice")
    assert problem.message == "Columns 排序 (A), 顺序 (C) are the same column (排序) twice."
    assert problem.location.row == 1


def test_unrecognised_columns_are_one_warning(tmp_path: Path) -> None:
    rows = [["姓名", "联系电话", "车牌号", "单位"], ["张建国", "138", "晋A", "县委"]]
    roster, warnings = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    [warning] = warnings
    assert warning.severity is Severity.WARNING
    assert warning.message == "Columns not used by meetplan were ignored: 联系电话 (B), 车牌号 (C)."
    assert roster.attendees[0].unit == "县委"


def test_values_in_a_column_without_header_are_reported(tmp_path: Path) -> None:
    rows = [["姓名", "单位"], ["张建国", "县委", "手机138"]]
    _, warnings = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    [warning] = warnings
    assert warning.message == "Column(s) C have values but no header; they were ignored."


def test_two_row_header_with_merged_cells(tmp_path: Path) -> None:
    rows = [
        ["姓名", "单位", "联系方式", None],
        [None, None, "手机", "座机"],
        ["张建国", "县委", "138", "0351"],
    ]
    roster, warnings = load_ok(write_xlsx(tmp_path / "r.xlsx", rows, ["A1:A2", "B1:B2", "C1:D1"]))
    assert names(roster) == ["张建国"]
    assert roster.attendees[0].source_row == 3
    assert "手机 (C), 座机 (D)" in only(warnings, "not used").message


# ---------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("王  伟", "王伟"),
        ("王\u3000伟", "王伟"),
        (" 王\u00a0伟\t", "王伟"),
        ("王\u200b伟", "王伟"),
        ("阿沛•阿旺晋美", "阿沛·阿旺晋美"),
        ("阿沛・阿旺晋美", "阿沛·阿旺晋美"),
        ("阿沛‧阿旺晋美", "阿沛·阿旺晋美"),
        ("阿沛･阿旺晋美", "阿沛·阿旺晋美"),
        ("阿沛.阿旺晋美", "阿沛·阿旺晋美"),
        ("John Smith", "JohnSmith"),
        ("J.Smith", "J.Smith"),
    ],
)
def test_name_normalisation(written: str, name: str) -> None:
    assert normalise_name(written) == name


@given(st.lists(st.sampled_from(["王", "伟", " ", "\u3000", "\u00a0", "\t", "·", "•"])))
def test_name_normalisation_is_idempotent_and_spaceless(parts: list[str]) -> None:
    name = normalise_name("".join(parts))
    assert normalise_name(name) == name
    assert not any(ch.isspace() for ch in name)


def test_names_with_spaces_in_a_file(tmp_path: Path) -> None:
    rows = [["姓名", "单位"], ["王  伟", " 县委 "], ["李\u3000明", "县政府\u3000"]]
    roster, _ = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert names(roster) == ["王伟", "李明"]
    assert [a.unit for a in roster.attendees] == ["县委", "县政府"]


def test_same_name_twice_is_a_warning_naming_both_rows(tmp_path: Path) -> None:
    rows = [["姓名", "单位"], ["王伟", "县委办"], ["李明", "县政府"], ["王 伟", "县财政局"]]
    roster, warnings = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert names(roster) == ["王伟", "李明", "王伟"]
    [warning] = warnings
    assert warning.message == (
        '"王伟" is on the roster 2 times: row 2 (县委办), row 4 (县财政局). All are kept.'
    )
    assert warning.location.value == "王伟"


def test_formula_in_name_is_an_error_but_kept_literally_in_a_note(tmp_path: Path) -> None:
    rows = [
        ["姓名", "备注", "单位"],
        ['=HYPERLINK("http://x","张三")', "=1+1", "县委"],
        ["李明", "@home", "-"],
        ["+86", None, None],
    ]
    problems = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert len(problems) == 2
    assert problems[0].message == (
        'Row 2, 姓名 (A): "=HYPERLINK("http://x","张三")" is a formula, not a name.'
    )
    assert problems[1].location.row == 4

    rows = [["姓名", "备注", "单位"], ["李明", "=1+1", "-"], ["王伟", "@home", "+86"]]
    roster, _ = load_ok(write_xlsx(tmp_path / "ok.xlsx", rows))
    assert roster.attendees[0].extra == {"备注": "=1+1"}  # never evaluated
    assert roster.attendees[0].unit == "-"
    assert roster.attendees[1].extra == {"备注": "@home"}


def test_formula_cells_are_not_evaluated(tmp_path: Path) -> None:
    rows = [["姓名", "职务"], ["张建国", '=CONCAT("县委","书记")']]
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    roster, _ = load_ok(path)
    assert roster.attendees[0].title == '=CONCAT("县委","书记")'


def test_row_with_data_but_no_name_is_an_error(tmp_path: Path) -> None:
    rows = [["排序", "姓名", "单位"], [1, "张建国", "县委"], [2, None, "县政府"]]
    [problem] = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert problem.message == 'Row 3 has data but no name: 排序 "2", 单位 "县政府".'
    assert (problem.location.row, problem.location.column) == (3, "姓名 (B)")


# ---------------------------------------------------------------------------
# 排序


def test_without_precedence_column_list_order_is_precedence(tmp_path: Path) -> None:
    rows = [["姓名"], ["李明"], [None], ["张建国"], ["王伟"]]
    roster, warnings = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [(a.id, a.name, a.precedence) for a in roster.attendees] == [
        (1, "李明", 1),
        (2, "张建国", 2),
        (3, "王伟", 3),
    ]
    assert [w.message for w in warnings] == ["Blank rows were skipped: 3."]


@pytest.mark.parametrize("written", [3, 3.0, " 3 ", "３", "3.0", "３．０"])
def test_precedence_accepted_forms(tmp_path: Path, written: object) -> None:
    rows = [["排序", "姓名"], [written, "张建国"]]
    roster, _ = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert roster.attendees[0].precedence == 3


@pytest.mark.parametrize("written", ["一", "第三", "3.5", 0, -1, "1a"])
def test_precedence_rejected_forms(tmp_path: Path, written: object) -> None:
    rows = [["姓名", "排序"], ["张建国", written]]
    [problem] = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert problem.message == f'Row 2, 排序 (B): "{written}" is not a whole number of 1 or more.'
    assert problem.hint == "Use whole numbers 1, 2, 3 … ; 1 is the most senior."
    assert (problem.location.row, problem.location.column) == (2, "排序 (B)")
    assert problem.location.value == str(written)


def test_duplicate_precedence_names_every_row(tmp_path: Path) -> None:
    rows = [["排序", "姓名"], [1, "张建国"], [2, "李明"], [2, "王伟"], [3, "赵丽"], [2, "钱进"]]
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    [problem] = load_errors(path)
    assert problem.message == (
        "排序 (A) 2 is given to more than one person: row 3 (李明), row 4 (王伟), row 6 (钱进)."
    )
    assert "allow_ties = true" in problem.hint and "[protocol]" in problem.hint

    roster, warnings = load_ok(path, allow_ties=True)
    assert [a.precedence for a in roster.attendees] == [1, 2, 2, 3, 2]
    assert warnings == []


def test_blank_precedence_is_one_warning(tmp_path: Path) -> None:
    rows = [["排序", "姓名"], [1, "张建国"], [None, "李明"], [2, "王伟"], ["", "赵丽"]]
    roster, warnings = load_ok(write_csv(tmp_path / "roster.csv", rows))
    assert [a.precedence for a in roster.attendees] == [1, None, 2, None]
    [warning] = warnings
    # List order, not the name-order setting: that only orders people ranked equal.
    assert warning.severity is Severity.WARNING
    assert warning.message == (
        "No 排序 on rows 3, 5: these people come after the numbered people, in list order."
    )
    assert warning.hint == (
        "Fill in 排序 for them if they should come earlier; otherwise nothing needs doing."
    )
    assert (warning.location.row, warning.location.value) == (3, "")
    assert warning.location.column == "排序"  # CSV columns have no letters


def notices(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems if p.severity is Severity.NOTICE]


def test_row_number_beside_precedence_is_only_the_row_number(tmp_path: Path) -> None:
    rows = [
        ["序号", "排序", "姓名", "单位", "座区"],
        [1, 2, "李明", "县政府", "主席台"],
        [2, None, "钱进", "县政府", "主席台"],
        [3, 1, "张建国", "县委", "主席台"],
        ["三", None, "王伟", "公安局", "会场"],  # 序号 as the office wrote it: never an error
        [None, None, "赵丽", "公安局", "会场"],
    ]
    roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [(a.precedence, a.extra.get("序号")) for a in roster.attendees] == [
        (2, "1"),
        (None, "2"),
        (1, "3"),
        (None, "三"),
        (None, None),
    ]
    assert notices(problems) == [
        "The order is taken from 排序 (B); 序号 (A) is read as the row number only.",
        "排序 (B) is given for 主席台 only: everyone else is in list order.",
    ]
    # A blank beside numbered rostrum people may be a slip; the hall's blanks are not.
    [warning] = [p for p in problems if p.severity is Severity.WARNING]
    assert warning.message == (
        "No 排序 on row 3: this person comes after the numbered people, in list order."
    )
    assert (warning.location.row, warning.location.column) == (3, "排序 (B)")


def test_row_number_restarting_per_area_is_the_order_within_each(tmp_path: Path) -> None:
    rows = [
        ["序号", "姓名", "单位", "座区"],
        [1, "张建国", "县委", "主席台"],
        [2, "李明", "县政府", "主席台"],
        [1, "王伟", "公安局", "会场"],
        [2, "赵丽", "财政局", "会场"],
        [1, "钱进", "县委办", "列席"],
    ]
    roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [a.precedence for a in roster.attendees] == [1, 2, 1, 2, 1]
    [notice] = problems
    assert notice.severity is Severity.NOTICE
    assert notice.message == (
        "序号 (A) is numbered part by part: read as the order within 主席台, 会场, 列席."
    )
    assert notice.hint == (
        "If it is meant as one order for the whole list, number it straight through."
    )
    assert (notice.location.row, notice.location.column) == (1, "序号 (A)")


def test_both_columns_and_precedence_restarting_per_area_is_one_notice(tmp_path: Path) -> None:
    rows = [
        ["序号", "排序", "姓名", "座区"],
        [1, 1, "张建国", "主席台"],
        [2, 1, "李明", "会场"],
    ]
    _roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [(p.severity, p.message) for p in problems] == [
        (
            Severity.NOTICE,
            "The order is taken from 排序 (B), numbered part by part: read as the order "
            "within 主席台, 会场; 序号 (A) is read as the row number only.",
        )
    ]


def test_row_number_restarting_per_area_with_a_repeat_in_one_area(tmp_path: Path) -> None:
    rows = [
        ["序号", "姓名", "单位", "座区"],
        [1, "张建国", "县委", "主席台"],
        [2, "李明", "县政府", "主席台"],
        [1, "王伟", "公安局", "会场"],
        [2, "赵丽", "公安局", "会场"],
        [2, "钱进", "财政局", "会场"],
        [3, "孙红", "财政局", "会场"],
    ]
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    [problem] = load_errors(path)
    assert problem.message == (
        "序号 (A) 2 is given to more than one person in 会场: row 5 (赵丽), row 6 (钱进)."
    )
    assert "start again at 1 in each 座区" in problem.hint and "allow_ties" in problem.hint
    assert (problem.location.row, problem.location.column, problem.location.value) == (
        5,
        "序号 (A)",
        "2",
    )
    roster, _ = load_ok(path, allow_ties=True)
    assert [a.precedence for a in roster.attendees] == [1, 2, 1, 2, 2, 3]


def test_repeat_in_a_list_numbered_straight_through_names_no_area(tmp_path: Path) -> None:
    rows = [
        ["排序", "姓名", "座区"],
        [1, "张建国", "主席台"],
        [2, "李明", "会场"],
        [2, "王伟", "会场"],
    ]
    [problem] = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert problem.message == (
        "排序 (A) 2 is given to more than one person: row 3 (李明), row 4 (王伟)."
    )


def test_row_number_restarting_per_unit_is_the_order_within_each_unit(tmp_path: Path) -> None:
    rows = [
        ["序号", "姓名", "单位"],
        [1, "王伟", "公安局"],
        [2, "赵丽", "公安局"],
        [1, "钱进", "财政局"],
        [2, "孙红", "财政局"],
        [3, "周强", "财政局"],
    ]
    roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [a.precedence for a in roster.attendees] == [1, 2, 1, 2, 3]
    assert notices(problems) == [
        "序号 (A) is numbered part by part: read as the order within each unit."
    ]
    assert problems[0].severity is Severity.NOTICE

    rows.append([2, "吴刚", "财政局"])
    [problem] = load_errors(write_xlsx(tmp_path / "again.xlsx", rows))
    assert problem.message == (
        "序号 (A) 2 is given to more than one person of 财政局: row 5 (孙红), row 7 (吴刚)."
    )
    assert "each unit is numbered from 1" in problem.hint


def test_row_number_restarting_per_unit_of_one_area(tmp_path: Path) -> None:
    rows = [
        ["序号", "姓名", "单位", "座区"],
        [1, "张建国", "县委", "主席台"],
        [2, "李明", "县政府", "主席台"],
        [1, "王伟", "公安局", "会场"],
        [2, "赵丽", "公安局", "会场"],
        [1, "钱进", "财政局", "会场"],
    ]
    _roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert notices(problems) == [
        "序号 (A) is numbered part by part: read as the order within 主席台, each unit of 会场."
    ]


def test_rostrum_numbered_per_unit_is_a_repeat(tmp_path: Path) -> None:
    # The rostrum is ordered as a whole: it cannot start again for each unit.
    rows = [
        ["序号", "姓名", "单位", "座区"],
        [1, "张建国", "县委", "主席台"],
        [1, "李明", "县政府", "主席台"],
    ]
    [problem] = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert problem.message == (
        "序号 (A) 1 is given to more than one person: row 2 (张建国), row 3 (李明)."
    )


def test_rank_for_some_people_of_a_unit(tmp_path: Path) -> None:
    rows = [
        ["排序", "姓名", "单位", "座区"],
        [1, "张建国", "县委", "主席台"],
        [None, "王伟", "公安局", "会场"],
        [1, "赵丽", "公安局", "会场"],
        [None, "丁一", "公安局", "会场"],
        [None, "钱进", "财政局", "会场"],
    ]
    roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    police = [a for a in roster.attendees if a.unit == "公安局"]
    # The unranked keep list order after the ranked (by strokes 丁 would come before 王).
    ordered = in_precedence_order(police, NameOrder.SURNAME_STROKES)
    assert [a.name for a in ordered] == ["赵丽", "王伟", "丁一"]
    [warning] = [p for p in problems if p.severity is Severity.WARNING]
    assert warning.message == (
        "No 排序 on rows 3, 5: these people come after the numbered people, in list order."
    )
    assert notices(problems) == [
        "排序 (A) is numbered part by part: read as the order within 主席台, 会场.",
        "排序 (A) is not given for anyone of 财政局: they are in list order.",
    ]


def test_rank_for_the_rostrum_only_is_one_notice(tmp_path: Path) -> None:
    rows = [
        ["排序", "姓名", "单位", "座区"],
        [1, "张建国", "县委", "主席台"],
        [2, "李明", "县政府", "主席台"],
        [None, "王伟", "公安局", "会场"],
        [None, "丁一", "公安局", "会场"],
        [None, "钱进", "县委办", "列席"],
    ]
    roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [a.precedence for a in roster.attendees] == [1, 2, None, None, None]
    [notice] = problems
    assert notice.severity is Severity.NOTICE
    assert notice.message == "排序 (A) is given for 主席台 only: everyone else is in list order."


def test_rank_blank_everywhere_is_one_notice(tmp_path: Path) -> None:
    rows = [["排序", "姓名"], [None, "张建国"], [None, "李明"]]
    _roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [(p.severity, p.message) for p in problems] == [
        (Severity.NOTICE, "排序 (A) is blank on every row: everyone is in list order.")
    ]


# ---------------------------------------------------------------------------
# 座区, 出席, 发言


@pytest.mark.parametrize(
    ("written", "area"),
    [
        ("主席台", Area.ROSTRUM),
        ("台上", Area.ROSTRUM),
        ("会场", Area.HALL),
        ("台下", Area.HALL),
        ("代表", Area.HALL),
        (None, Area.HALL),
        ("列席", Area.OBSERVER),
        ("Observer", Area.OBSERVER),
        ("工作人员", Area.STAFF),
        (" staff ", Area.STAFF),
    ],
)
def test_area_values(tmp_path: Path, written: str | None, area: Area) -> None:
    roster, _ = load_ok(write_xlsx(tmp_path / "r.xlsx", [["姓名", "座区"], ["张建国", written]]))
    assert roster.attendees[0].area is area


@pytest.mark.parametrize(
    ("written", "attendance"),
    [
        (None, Attendance.PRESENT),
        ("是", Attendance.PRESENT),
        ("√", Attendance.PRESENT),
        ("到会", Attendance.PRESENT),
        ("待定", Attendance.TENTATIVE),
        ("？", Attendance.TENTATIVE),
        ("待确认", Attendance.TENTATIVE),
        ("请假", Attendance.ABSENT),
        ("否", Attendance.ABSENT),
        ("缺席", Attendance.ABSENT),
        ("Absent", Attendance.ABSENT),
    ],
)
def test_attendance_values(tmp_path: Path, written: str | None, attendance: Attendance) -> None:
    rows = [["姓名", "是否出席"], ["张建国", written]]
    roster, _ = load_ok(write_xlsx(tmp_path / "r.xlsx", rows))
    assert roster.attendees[0].attendance is attendance


@pytest.mark.parametrize(
    ("written", "speaker"),
    [(None, False), ("是", True), ("否", False), ("✓", True), (1, True), (0, False), ("YES", True)],
)
def test_speaker_values(tmp_path: Path, written: object, speaker: bool) -> None:
    roster, _ = load_ok(write_xlsx(tmp_path / "r.xlsx", [["姓名", "发言"], ["张建国", written]]))
    assert roster.attendees[0].speaker is speaker


def test_unknown_area_and_attendance_list_the_allowed_values(tmp_path: Path) -> None:
    rows = [["姓名", "座区", "出席"], ["张建国", "贵宾席", "可能"]]
    area, attendance = load_errors(write_xlsx(tmp_path / "r.xlsx", rows))
    assert area.message == 'Row 2, 座区 (B): "贵宾席" is not a value this column accepts.'
    assert area.hint == "Write one of: 主席台, 会场, 列席, 工作人员. A blank cell means 会场."
    assert attendance.hint == "Write one of: 出席, 待定, 请假. A blank cell means 出席."


def test_extra_columns_are_kept_under_their_chinese_header(tmp_path: Path) -> None:
    rows = [["name", "gender", "民族", "Note"], ["张建国", "男", "汉族", None]]
    roster, _ = load_ok(write_xlsx(tmp_path / "r.xlsx", rows))
    assert roster.attendees[0].extra == {"性别": "男", "民族": "汉族"}


# ---------------------------------------------------------------------------
# 代会


def test_substitute_naming_nobody_suggests_close_names(tmp_path: Path) -> None:
    rows = [["姓名", "出席", "代会"], ["张建国", "请假", None], ["钱进", "出席", "张建华"]]
    [problem] = load_errors(write_xlsx(tmp_path / "r.xlsx", rows))
    assert problem.message == (
        'Row 3, 代会 (C): "张建华" is not anyone on the roster. Did you mean "张建国"?'
    )
    assert (problem.location.row, problem.location.value) == (3, "张建华")


def test_substitute_for_themselves_and_for_an_ambiguous_name(tmp_path: Path) -> None:
    rows = [
        ["姓名", "代会"],
        ["王伟", None],
        ["王伟", None],
        ["钱进", "王 伟"],
        ["李明", "李明"],
        ["赵丽", "无名氏"],
    ]
    problems = load_errors(write_xlsx(tmp_path / "r.xlsx", rows))
    assert only(problems, "two or more").message == (
        'Row 4, 代会 (B): two or more people are called "王伟" (rows 2–3), '
        "so it is not clear whom 钱进 replaces."
    )
    assert only(problems, "themselves").location.row == 5
    assert only(problems, "无名氏").message.endswith("is not anyone on the roster.")


def test_substitute_of_one_other_person_is_accepted(tmp_path: Path) -> None:
    rows = [["姓名", "出席", "代会"], ["张建国", "请假", None], ["钱进", None, "张 建国"]]
    roster, _ = load_ok(write_xlsx(tmp_path / "r.xlsx", rows))
    assert roster.attendees[1].substitute_for == "张建国"


# ---------------------------------------------------------------------------
# Blank rows and merged cells


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_blank_rows_and_merged_heading_rows(tmp_path: Path, suffix: str) -> None:
    rows = [
        HEADER,
        ["一、主席台领导", None, None, None, None, None],
        PEOPLE[0],
        [None] * 6,
        PEOPLE[1],
        ["会场人员", None, None, None, None, None],
        PEOPLE[3],
        [None] * 6,
        [None] * 6,
    ]
    path = write_any(tmp_path / f"roster{suffix}", rows, ["A2:F2", "A6:F6"])
    roster, warnings = load_ok(path)
    assert names(roster) == ["张建国", "李明", "赵丽"]
    assert [a.id for a in roster.attendees] == [1, 2, 3]
    assert [w.message for w in warnings] == [
        'Row 2 was skipped as a heading: "一、主席台领导".',
        'Row 6 was skipped as a heading: "会场人员".',
        "Blank rows were skipped: 4.",  # trailing blank rows 8-9 are not reported
    ]
    assert warnings[0].location.row == 2


def test_a_lone_name_merged_over_two_cells_is_still_a_person(tmp_path: Path) -> None:
    rows = [["排序", "姓名", None, "单位", "职务", "座区"], [1, "张建国", None, "县委", None, None]]
    rows.append([None, "李明", None, None, None, None])
    roster, _ = load_ok(write_xlsx(tmp_path / "r.xlsx", rows, ["B1:C1", "B2:C2", "B3:C3"]))
    assert names(roster) == ["张建国", "李明"]


def test_unmerged_numbered_heading_is_skipped_too(tmp_path: Path) -> None:
    rows = [["姓名", "单位"], ["（一）列席人员", None], ["张建国", "县委"]]
    roster, warnings = load_ok(write_xlsx(tmp_path / "r.xlsx", rows))
    assert names(roster) == ["张建国"]
    assert warnings[0].message == 'Row 2 was skipped as a heading: "（一）列席人员".'


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_unit_merged_down_belongs_to_every_row(tmp_path: Path, suffix: str) -> None:
    rows = [
        ["姓名", "单位", "职务"],
        ["张建国", "县委", "书记"],
        ["李明", None, "副书记"],
        ["王伟", None, "常委"],
        ["赵丽", "县政府", "县长"],
        [None, None, None],
    ]
    # The second merge reaches one row too far: that row has no content of its own.
    path = write_any(tmp_path / f"roster{suffix}", rows, ["B2:B4", "B5:B6"])
    roster, warnings = load_ok(path)
    assert [(a.name, a.unit) for a in roster.attendees] == [
        ("张建国", "县委"),
        ("李明", "县委"),
        ("王伟", "县委"),
        ("赵丽", "县政府"),
    ]
    assert warnings == []


def test_first_sheet_with_a_name_header_is_used(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "r.xlsx",
        sheets={
            "说明": ([["本表由县委办填写"]], []),
            "主席台": ([HEADER, *PEOPLE[:2]], []),
            "会场": ([HEADER, *PEOPLE[2:]], []),
            "统计": ([["合计", 4]], []),
            "Sheet5": ([], []),
        },
    )
    roster, warnings = load_ok(path)
    assert names(roster) == ["张建国", "李明"]
    [warning] = warnings
    assert warning.message == (
        'Only sheet "主席台" was read. Sheet(s) "会场" also have a 姓名 column; '
        "the people on them are NOT in the plan."
    )


# ---------------------------------------------------------------------------
# Locations and several errors together


def test_every_error_names_file_row_column_and_value(tmp_path: Path) -> None:
    rows = [
        ["标题"],
        ["排序", "姓名", "单位", "座区", "出席", "代会"],
        ["一", "张建国", "县委", "主席台", "出席", None],
        [2, "=A1", "县政府", "楼上", "也许", "没有人"],
        [2, "李明", None, None, None, None],
        [None, None, "县人大", None, None, None],
    ]
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    problems = load_errors(path)
    assert len(problems) == 7  # 一, =A1, 楼上, 也许, no name, 2 twice, 没有人
    for problem in problems:
        where = problem.location
        assert where.file == str(path)
        assert where.row is not None and where.column and where.value is not None
        assert problem.hint
    rows_seen = sorted(p.location.row for p in problems if p.location.row is not None)
    assert rows_seen == [3, 4, 4, 4, 4, 4, 6]
    assert {p.location.column for p in problems} >= {"排序 (A)", "姓名 (B)", "座区 (D)"}


def test_user_error_text_joins_every_message(tmp_path: Path) -> None:
    rows = [["排序", "姓名"], ["一", "张建国"], ["二", "李明"]]
    with pytest.raises(UserError) as info:
        load_roster(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert '"一"' in str(info.value) and '"二"' in str(info.value)


@pytest.mark.parametrize(
    "roster_file", sorted((Path(__file__).parent.parent / "examples").glob("*/roster.*"))
)
def test_example_rosters_load_without_problems(roster_file: Path) -> None:
    roster, warnings = load_ok(roster_file)
    assert warnings == []
    assert len(roster) > 10
    assert all(" " not in a.name and "\u3000" not in a.name for a in roster.attendees)


def test_row_list() -> None:
    assert row_list([7, 3, 4, 5, 12, 4]) == "3–5, 7, 12"
    assert row_list([]) == ""


# ---------------------------------------------------------------------------
# The template


def test_template_round_trips(tmp_path: Path) -> None:
    stream = io.BytesIO()
    write_template(stream)
    path = tmp_path / "roster.xlsx"
    path.write_bytes(stream.getvalue())

    roster, warnings = load_ok(path)
    [warning] = warnings  # the sample row is imported, and flagged as the sample
    assert "sample row" in warning.message and warning.location.row == 2
    [person] = roster.attendees
    assert (person.name, person.unit, person.title, person.precedence) == (
        "张建国",
        "县委",
        "县委书记",
        1,
    )
    assert person.area is Area.ROSTRUM and person.attendance is Attendance.PRESENT
    assert person.speaker

    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers == [
        "排序",
        "姓名",
        "单位",
        "职务",
        "座区",
        "出席",
        "代会",
        "发言",
        "座位",
        "合影",
        "宴会",
        "主客",
        "宴会座位",
        "性别",
        "民族",
        "备注",
    ]
    # Every column but 序号: the template orders by 排序; the notes say how an
    # office's own 序号 is read.
    assert {column_for_header(h) for h in headers} == {c.identifier for c in COLUMNS} - {
        "row_number"
    }
    assert ws.freeze_panes == "A2" and ws["B1"].font.b
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["E2:E1000"] == '"主席台,会场,列席,工作人员"'
    assert lists["F2:F1000"] == '"出席,待定,请假"'
    assert wb.sheetnames == ["名单", "填写说明"]
    notes = " ".join(str(c.value) for c in wb["填写说明"]["A"] if c.value)
    for header in [*headers, "序号"]:
        assert f"【{header}】" in notes


def test_template_rows_filled_by_an_office_import(tmp_path: Path) -> None:
    stream = io.BytesIO()
    write_template(stream)
    path = tmp_path / "roster.xlsx"
    path.write_bytes(stream.getvalue())
    wb = openpyxl.load_workbook(path)
    ws = wb["名单"]
    ws.append([2, "李 明", "县政府", "县长", "主席台", "待定", None, None])
    ws.append([3, "钱进", "县政府", "副县长", "会场", "出席", "李明", "否"])
    wb.save(path)
    roster, warnings = load_ok(path)
    assert [w.location.row for w in warnings] == [2]  # only: the sample row is still there
    assert names(roster) == ["张建国", "李明", "钱进"]
    assert roster.attendees[2].substitute_for == "李明"


def column_for_header(header: str) -> str:
    from meetplan.roster.columns import column_for

    column = column_for(header)
    assert column is not None
    return column.identifier


# ---------------------------------------------------------------------------
# Messages in Chinese (the catalogue as a whole is checked in test_i18n.py)


def test_messages_read_naturally_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meetplan import i18n

    monkeypatch.setenv("LANGUAGE", "zh_CN")
    i18n.reset()

    rows = [
        ["姓名", "排序", "座区"],
        ["张建国", "一", "贵宾席"],
        ["李明", 2, None],
        ["王伟", 2, None],
    ]
    first, second, third = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert first.message == "第 2 行，排序 (B) 列：“一”不是大于等于 1 的整数。"
    assert second.hint == "请填写以下之一：主席台、会场、列席、工作人员。不填视为会场。"
    assert third.message == "排序 (B) 为 2 的有不止一人：第 3 行（李明）、第 4 行（王伟）。"


def test_rank_messages_read_naturally_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fails until the catalogue has these messages (their translation is pending).
    from meetplan import i18n

    monkeypatch.setenv("LANGUAGE", "zh_CN")
    i18n.reset()

    rows = [
        ["序号", "排序", "姓名", "座区"],
        [1, 1, "张建国", "主席台"],
        [2, None, "李明", "主席台"],
        [3, None, "王伟", "会场"],
    ]
    _roster, problems = load_ok(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [p.message for p in problems] == [
        "顺序按 排序 (B) 列；序号 (A) 列只作行号。",
        "第 3 行没有填“排序”：排在有序号的人之后，按名单先后顺序排列。",
        "排序 (B) 列只填了主席台人员：其余人员按名单先后顺序排列。",
    ]

    rows = [
        ["序号", "姓名", "座区"],
        [1, "张建国", "主席台"],
        [1, "李明", "会场"],
        [1, "王伟", "会场"],
    ]
    [problem] = load_errors(write_xlsx(tmp_path / "again.xlsx", rows))
    assert (
        problem.message == "会场中 序号 (A) 为 1 的有不止一人：第 3 行（李明）、第 4 行（王伟）。"
    )


def _with_stored_results(path: Path, results: dict[str, str]) -> Path:
    """Add the cached results Excel or WPS stores beside each formula (openpyxl writes none)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, value in results.items():
        xml = re.sub(
            rf'(<c r="{ref}"[^>]*?)(?: t="\w+")?>(<f>.*?</f>)<v\s*/?>(?:</v>)?',
            rf'\1 t="str">\2<v>{value}</v>',
            xml,
        )
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_formula_cells_show_the_stored_result_never_evaluated(tmp_path: Path) -> None:
    rows = [
        ["序号", "姓名", "单位"],
        ["=ROW()-1", "张建国", "县委"],
        ["=ROW()-1", "李明", "=C2"],
    ]
    path = _with_stored_results(
        write_xlsx(tmp_path / "r.xlsx", rows), {"A2": "1", "A3": "2", "C3": "县委"}
    )
    roster, _ = load_ok(path)
    assert [(a.precedence, a.unit) for a in roster.attendees] == [(1, "县委"), (2, "县委")]


def test_formula_without_stored_result_stays_text(tmp_path: Path) -> None:
    rows = [["姓名", "单位"], ["张建国", "=B9"]]
    roster, _ = load_ok(write_xlsx(tmp_path / "r.xlsx", rows))
    assert roster.attendees[0].unit == "=B9"
