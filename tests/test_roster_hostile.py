"""Roster files made to break the reader (issue 12): every bad input is a located
UserError, never a traceback, a hang, or a person lost or garbled in silence."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xlwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roster_files import csv_bytes, write_csv, write_xls, write_xlsx

from meetplan.model import Problem, Roster, UserError
from meetplan.model.labels import parse_label
from meetplan.model.text import unprintable
from meetplan.roster import load_roster
from meetplan.roster.columns import FORMULA_START, cell_text, is_error_value, normalise_name
from meetplan.roster.limits import (
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_NAME_LENGTH,
    MAX_ROWS,
    MAX_TEXT_LENGTH,
    MAX_UNPACKED_BYTES,
)
from meetplan.roster.load import _HEADING
from meetplan.roster.sheets import _cell_text

TAIWAN = [
    ["姓名", "單位", "職務", "出席"],
    ["張偉", "臺北市政府", "市長", "出席"],
    ["陳靜", "香港特別行政區政府", "局長", "請假"],
    ["劉洋", "新竹縣政府", "處長", "出席"],
    ["黃麗", "高雄市議會", "議員", "待定"],
]


def load_errors(path: Path) -> list[Problem]:
    with pytest.raises(UserError) as info:
        load_roster(path)
    problems = info.value.problems
    assert problems and all(p.is_error for p in problems)
    return problems


def at(problems: list[Problem], row: int) -> Problem:
    found = [p for p in problems if p.location.row == row]
    assert len(found) == 1, [(p.location.row, p.message) for p in problems]
    return found[0]


def names(roster: Roster) -> list[str]:
    return [a.name for a in roster.attendees]


def rewrite_sheet(path: Path, change: Any) -> Path:
    """Apply ``change`` to the first sheet's XML (what openpyxl will not write)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


# ---------------------------------------------------------------------------
# 1. Big5


def test_big5_csv_reads_traditional_names_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes(TAIWAN, "big5"))
    # Every Big5 file also decodes as GB18030, into nonsense: 張偉 became 眎岸.
    assert path.read_bytes().decode("gb18030")
    roster, warnings = load_roster(path)
    assert warnings == []
    assert names(roster) == ["張偉", "陳靜", "劉洋", "黃麗"]
    assert roster.attendees[1].unit == "香港特別行政區政府"  # traditional headers are read too
    assert roster.attendees[1].attendance.label == "请假"

    # The same list in GBK and UTF-8 still reads as itself.
    simplified = [["姓名", "单位"], ["张伟", "县委"], ["李明", "县政府"], ["刘芳", "县人大"]]
    for encoding in ("gbk", "utf-8"):
        path.write_bytes(csv_bytes(simplified, encoding))
        roster, _ = load_roster(path)
        assert names(roster) == ["张伟", "李明", "刘芳"]
    # These GBK bytes are valid Big5 too (燠滂, 隸饑): the Chinese headers decide.
    path.write_bytes(csv_bytes([["姓名", "单位"], ["李芳", "县委"], ["刘娜", "县委"]], "gbk"))
    assert path.read_bytes().decode("cp950")
    assert names(load_roster(path)[0]) == ["李芳", "刘娜"]


def test_csv_that_reads_as_well_in_gbk_as_in_big5_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes([["name"], ["李芳"]], "gbk"))  # Big5: 燠滂, just as common
    [problem] = load_errors(path)
    assert problem.message == (
        f"meetplan cannot tell whether {path} is in GBK (simplified Chinese) or in Big5 "
        '(traditional Chinese): read as GBK it begins "李芳", read as Big5 "燠滂".'
    )
    assert "UTF-8" in problem.hint and ".xlsx" in problem.hint
    assert problem.location.file == str(path)


# ---------------------------------------------------------------------------
# 2. A header cell merged down into the people


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_header_merged_down_over_people_loses_nobody(tmp_path: Path, suffix: str) -> None:
    rows = [
        ["姓名", "单位", "职务"],
        ["张三", None, "书记"],
        ["李四", None, "县长"],
        ["王五", "县人大", "主任"],
    ]
    path = tmp_path / f"roster{suffix}"
    (write_xlsx if suffix == ".xlsx" else write_xls)(path, rows, ["B1:B3"])
    [problem] = load_errors(path)
    assert problem.message == (
        "The header 单位 (B) is merged down over people's rows: row 2 (张三), row 3 (李四). "
        "Under the header, their 单位 cannot be seen or read."
    )
    assert (problem.location.row, problem.location.column) == (1, "单位 (B)")
    assert "取消单元格合并" in problem.hint


def test_name_header_merged_down_names_every_row(tmp_path: Path) -> None:
    rows = [["姓名", "单位"], [None, "县委"], [None, "县政府"], ["王五", "县人大"]]
    problems = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows, ["A1:A3"]))
    assert "merged down over people's rows: row 2, row 3." in problems[0].message
    assert [p.location.row for p in problems[1:]] == [2, 3]  # no name: each row named
    assert all("has data but no name" in p.message for p in problems[1:])


def test_sub_headings_under_a_merged_header_are_still_a_header(tmp_path: Path) -> None:
    rows = [
        ["姓名", "单位", "联系方式", None],
        [None, None, "手机", "座机"],
        ["张建国", "县委", "138", "0351"],
        ["李明", "县政府", "139", "0352"],
    ]
    merges = ["A1:A2", "B1:B2", "C1:D1"]
    roster, _ = load_roster(write_xlsx(tmp_path / "r.xlsx", rows, merges))
    assert names(roster) == ["张建国", "李明"]
    # The same header merged one row too deep: 张建国 is a person, and the merge is said.
    problems = load_errors(write_xlsx(tmp_path / "deep.xlsx", rows, ["A1:A2", "B1:B3", "C1:D1"]))
    assert [p.location.row for p in problems] == [1]
    assert "row 3 (张建国)" in problems[0].message


# ---------------------------------------------------------------------------
# 3. Cells in error


def test_error_cells_are_reported_where_they_are(tmp_path: Path) -> None:
    rows = [
        ["姓名", "单位", "排序", "备注"],
        ["#N/A", "县委", 1, None],
        ["李四", "#REF!", 2, None],
        ["王五", "县人大", "#VALUE!", None],
        ["赵六", "县政协", 4, "#DIV/0!"],
        ["孙七", "#NAME?", 5, "#NULL!"],
        ["周八", "#NUM!", 6, "#GETTING_DATA"],
    ]
    problems = load_errors(write_xlsx(tmp_path / "roster.xlsx", rows))
    where = [(p.location.row, p.location.column, p.location.value) for p in problems]
    assert where == [
        (2, "姓名 (A)", "#N/A"),
        (3, "单位 (B)", "#REF!"),
        (4, "排序 (C)", "#VALUE!"),
        (5, "备注 (D)", "#DIV/0!"),
        (6, "单位 (B)", "#NAME?"),
        (6, "备注 (D)", "#NULL!"),
        (7, "单位 (B)", "#NUM!"),
        (7, "备注 (D)", "#GETTING_DATA"),
    ]
    assert problems[0].message == (
        "Row 2, 姓名 (A): the cell shows the spreadsheet error #N/A instead of a value."
    )
    assert problems[0].hint == (
        "Fix the formula that gives this error, or type the value itself in the cell."
    )


def test_error_cells_in_xls_csv_and_stored_formula_results(tmp_path: Path) -> None:
    # .xls: xlrd gives error codes, read as the text Excel shows.
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    for c, header in enumerate(["姓名", "单位"]):
        ws.write(0, c, header)
    ws.row(1).set_cell_error(0, 0x2A)  # #N/A
    ws.write(1, 1, "县委")
    ws.write(2, 0, "李四")
    ws.row(2).set_cell_error(1, 0x17)  # #REF!
    wb.save(str(tmp_path / "roster.xls"))
    problems = load_errors(tmp_path / "roster.xls")
    assert [(p.location.row, p.location.value) for p in problems] == [(2, "#N/A"), (3, "#REF!")]

    # A CSV saved from a sheet in error holds the text; LibreOffice writes Err:502.
    rows = [["姓名", "单位"], ["#N/A", "县委"], ["李四", "Err:502"], ["王五", "#n/a"]]
    problems = load_errors(write_csv(tmp_path / "roster.csv", rows))
    assert [p.location.row for p in problems] == [2, 3, 4]

    # A formula whose stored result is an error.
    path = write_xlsx(tmp_path / "formula.xlsx", [["姓名", "单位"], ["张三", "=1/0"]])
    rewrite_sheet(
        path,
        lambda xml: re.sub(
            r'<c r="B2"([^>]*)><f>1/0</f><v\s*/?>(?:</v>)?',
            r'<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v>',
            xml,
        ),
    )
    [problem] = load_errors(path)
    assert (problem.location.row, problem.location.value) == (2, "#DIV/0!")


# ---------------------------------------------------------------------------
# 4. Control characters, line breaks and tabs


def test_line_breaks_and_tabs_are_layout_control_characters_are_errors(tmp_path: Path) -> None:
    rows = [
        ["姓名", "单位", "职务"],
        ["王\n五", "县委\r\n办公室", "县\t长"],
        ["Anna\nSmith", "Party\nOffice", "局长"],
    ]
    roster, warnings = load_roster(write_csv(tmp_path / "ok.csv", rows))
    assert warnings == []
    assert [(a.name, a.unit, a.title) for a in roster.attendees] == [
        ("王五", "县委办公室", "县长"),
        ("AnnaSmith", "Party Office", "局长"),
    ]

    rows = [
        ["姓名", "单位", "职务"],
        ["张\x1b[31m三", "县委", "书记"],
        ["李四", "县\x00政府", "县长"],
        ["王五", "县人大", "主\x9b任"],
        ["赵六", "县政协\x7f", "主席"],
    ]
    problems = load_errors(write_csv(tmp_path / "bad.csv", rows))
    assert [(p.location.row, p.location.column) for p in problems] == [
        (2, "姓名"),
        (3, "单位"),
        (4, "职务"),
        (5, "单位"),
    ]
    assert problems[0].message == (
        'Row 2, 姓名: the cell holds characters that cannot be printed (\\x1b): "张\\x1b[31m三".'
    )
    assert problems[0].location.value == "张\x1b[31m三"  # the CLI shows it with shown()
    assert all(not unprintable(p.message) for p in problems)


def test_control_characters_in_xlsx_arrive_escaped(tmp_path: Path) -> None:
    # Excel writes a control character as _xHHHH_ (XML cannot hold it).
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        [["姓名", "单位"], ["张ESC三", "县委LF办公室"], ["李四", "县政府"]],
    )
    rewrite_sheet(path, lambda xml: xml.replace("ESC", "_x001B_").replace("LF", "_x000A_"))
    [problem] = load_errors(path)
    assert (problem.location.row, problem.location.column) == (2, "姓名 (A)")
    assert "(\\x1b)" in problem.message
    rewrite_sheet(path, lambda xml: xml.replace("_x001B_", ""))
    roster, _ = load_roster(path)
    assert [(a.name, a.unit) for a in roster.attendees] == [
        ("张三", "县委办公室"),
        ("李四", "县政府"),
    ]


# ---------------------------------------------------------------------------
# 5. Very long cells


def test_long_names_and_long_cells_are_too_long_not_damaged(tmp_path: Path) -> None:
    longest = "阿依古丽·买买提·艾尔肯"
    rows = [
        ["姓名", "单位", "职务", "备注"],
        [longest, "县委", "书记", None],
        ["张" * 600, "县委", "书记", None],
        ["李四", "县" * (MAX_TEXT_LENGTH + 1), "县长", None],
        [
            "王五",
            "县人大",
            "主任",
            "备注" * 2_500_000,
        ],  # a 5 MB cell (the csv module stops at 128 KB)
        ["A" * MAX_NAME_LENGTH, "县政协", "主席", None],
    ]
    csv_file = write_csv(tmp_path / "r.csv", rows)
    rows[4][3] = "备注" * 16_000  # as long as Excel allows
    for path in (csv_file, write_xlsx(tmp_path / "r.xlsx", rows)):
        problems = load_errors(path)
        assert [p.location.row for p in problems] == [3, 4, 5], path
        name, unit, note = problems
        assert "this is too long to be a name (600 characters; a name has at most 40)" in (
            name.message
        )
        assert "the text is too long: 201 characters, where this column holds at most 200" in (
            unit.message
        )
        assert "where this column holds at most 1000" in note.message
        assert all("damaged" not in p.message and len(p.message) < 300 for p in problems)
    rows[2:5] = []
    roster, _ = load_roster(write_csv(tmp_path / "ok.csv", rows))
    assert names(roster) == [longest, "A" * MAX_NAME_LENGTH]


# ---------------------------------------------------------------------------
# 6. Numbers too large


def test_numbers_too_large_are_located_errors(tmp_path: Path) -> None:
    rows = [
        ["姓名", "排序", "座位"],
        ["张三", "9" * 5000, None],
        ["李四", "1" + "0" * 9, None],
        ["王五", "0" * 5000 + "3", "1排123456号"],
        ["赵六", 4, "主席台第1排第99999999999座"],
    ]
    problems = load_errors(write_csv(tmp_path / "roster.csv", rows))
    assert [(p.location.row, p.location.column) for p in problems] == [
        (2, "排序"),
        (3, "排序"),
        (4, "座位"),
        (5, "座位"),
    ]
    assert problems[0].message == (
        'Row 2, 排序: "9999999999999999999999999999999999999999…" is too large for an order '
        "number: at most 999,999,999."
    )
    assert problems[2].message == (
        'Row 4, 座位: "1排123456号" has a row or seat number too large for any hall.'
    )
    # 序号 alone is the rank, read the same way.
    rows = [["序号", "姓名"], ["9" * 5000, "张三"]]
    [problem] = load_errors(write_csv(tmp_path / "rank.csv", rows))
    assert "too large for an order number" in problem.message
    assert parse_label("1排" + "9" * 5000 + "号") is None
    assert parse_label("0001排0012号") is not None


# ---------------------------------------------------------------------------
# 7. Floods and blocking files


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_link_to_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.symlink_to("/dev/zero")
    [problem] = load_errors(path)
    assert problem.message == (
        f"{path} is not a regular file (it is a device, a pipe or a socket), "
        "so meetplan does not read it."
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    os.mkfifo(path)
    [problem] = load_errors(path)  # opening it would wait for a writer for ever
    assert "is not a regular file" in problem.message


def test_file_bigger_than_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    [problem] = load_errors(path)
    assert problem.message == f"{path} is 50 MB; a roster file is at most 50 MB."


def test_xlsx_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [["姓名"], ["张三"]])
    bomb = tmp_path / "bomb.xlsx"
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000
    with (
        zipfile.ZipFile(good) as src,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for item in src.infolist():
            data = src.read(item)
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with dst.open(item.filename, "w", force_zip64=True) as f:
                f.write(head)
                for _ in range(MAX_UNPACKED_BYTES // len(row) + 1):
                    f.write(row)
                f.write(b"</sheetData>" + tail)
    assert bomb.stat().st_size < 3_000_000
    [problem] = load_errors(bomb)
    assert problem.message == (
        f"{bomb} unpacks to 200 MB; a roster workbook unpacks to far less "
        "(meetplan reads at most 200 MB)."
    )


def test_xlsx_with_more_shared_strings_than_cells_is_refused_before_parsing(
    tmp_path: Path,
) -> None:
    # openpyxl parses every shared string on opening, some 100,000 a second.
    good = write_xlsx(tmp_path / "good.xlsx", [["姓名"], ["张三"]])
    bomb = tmp_path / "strings.xlsx"
    sst = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    with (
        zipfile.ZipFile(good) as src,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for item in src.infolist():
            data = src.read(item).decode("utf-8")
            data = data.replace(
                "</Types>",
                f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sst}"/></Types>',
            ).replace(
                "</Relationships>",
                f'<Relationship Id="rIdS" Type="{rel}" Target="sharedStrings.xml"/></Relationships>',
            )
            dst.writestr(item, data)
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for _ in range(MAX_CELLS // 100_000 + 1):
                f.write(b"<si><t>x</t></si>" * 100_000)
            f.write(b"</sst>")
    [problem] = load_errors(bomb)
    assert problem.message == f"{bomb} holds more than 2,000,000 cells; a roster holds far fewer."


def test_rows_and_cells_beyond_the_limits(tmp_path: Path) -> None:
    # One value on a row far below the list.
    path = write_xlsx(tmp_path / "far.xlsx", [["姓名"], ["张三"]])
    rewrite_sheet(
        path,
        lambda xml: xml.replace(
            "</sheetData>",
            f'<row r="{MAX_ROWS + 1}"><c r="A{MAX_ROWS + 1}" t="inlineStr">'
            "<is><t>x</t></is></c></row></sheetData>",
        ),
    )
    [problem] = load_errors(path)
    assert problem.message == (
        f'{path} goes on to row 100001; a roster has at most 100,000 rows. Row 100001 holds "x".'
    )
    assert problem.location.row == MAX_ROWS + 1

    # A value in the last column (XFD) of every row: 16,384 cells a row.
    wide = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>人{r}</t></is></c>'
        f'<c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>'
        for r in range(2, 400)
    )
    path = write_xlsx(tmp_path / "wide.xlsx", [["姓名"]])
    rewrite_sheet(path, lambda xml: xml.replace("</sheetData>", wide + "</sheetData>"))
    [problem] = load_errors(path)
    assert "holds more than 2,000,000 cells" in problem.message

    # A CSV file of more lines than any roster.
    path = tmp_path / "long.csv"
    path.write_bytes(b"name\r\n" + b"x\r\n" * MAX_ROWS)
    [problem] = load_errors(path)
    assert problem.location.row == MAX_ROWS + 1


# ---------------------------------------------------------------------------
# 8. Any text in any cell


HEADER = ["姓名", "单位", "职务", "排序", "备注"]
NAMES = ["张三", "李四", "王伟", "阿依古丽·买买提", "John Smith", "一、主席台", "王  伟"]
HOSTILE = [
    *["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA"],
    *["=1+1", '=HYPERLINK("http://x","张三")', "+86", "@SUM(A1)", "-", "=A1"],
    *["王\n伟", "县委\r\n办公室", "a\tb", "张\x1b[31m三", "\x00", "\x85", "\u2028", "\ufffe"],
    *["9" * 5000, "0", "1.0", "３", "1e400", "主席台第1排第3座", "1排" + "9" * 50 + "号"],
]
text_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(HOSTILE),
    st.text(alphabet="张王李县委 \n·", min_size=35, max_size=300),
    st.integers(min_value=0, max_value=10**30).map(str),
)
name_cell = st.one_of(st.sampled_from(NAMES), text_cell, st.none())
other_cell = st.one_of(text_cell, st.none(), st.integers(0, 10**12))
roster_rows = st.lists(
    st.tuples(name_cell, other_cell, other_cell, other_cell, other_cell), min_size=1, max_size=6
)

# What openpyxl refuses to write, and what Excel writes as _xHHHH_ instead.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _as_written(value: object, suffix: str) -> str:
    """A cell's text as the reader gets it back from the file."""
    if value is None:
        return ""
    if suffix == ".xlsx":
        return _cell_text(value)
    return str(value)


def _for_xlsx(value: object) -> object:
    if isinstance(value, str):
        return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m[0]):04X}_", value)
    return value


def _hostile_name(text: str) -> bool:
    return bool(
        is_error_value(text)
        or unprintable(text)
        or len("".join(text.split())) > MAX_NAME_LENGTH
        or normalise_name(text).startswith(FORMULA_START)
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=roster_rows)
def test_any_cells_give_a_roster_or_located_errors(
    tmp_path: Path, suffix: str, rows: list[tuple[object, ...]]
) -> None:
    path = tmp_path / f"roster{suffix}"
    if suffix == ".csv":
        write_csv(path, [HEADER, *rows])
    else:
        write_xlsx(path, [HEADER, *[[_for_xlsx(v) for v in row] for row in rows]])
    texts = [[_as_written(v, suffix) for v in row] for row in rows]
    named = {r: cell_text(row[0]) for r, row in enumerate(texts, start=2) if cell_text(row[0])}
    lone = {r for r, row in enumerate(texts, start=2) if sum(1 for t in row if cell_text(t)) == 1}
    try:
        roster, problems = load_roster(path)
    except UserError as error:  # anything else fails the test
        problems = error.problems
        assert all(p.is_error and p.location.file == str(path) for p in problems)
        rows_in_error = {p.location.row for p in problems}
        for r, name in named.items():
            if _hostile_name(name) and not (r in lone and _HEADING.fullmatch(name)):
                assert r in rows_in_error, (r, name, [p.message for p in problems])
    else:
        people = {a.source_row: a for a in roster.attendees}
        warned = {p.location.row for p in problems}
        for r, name in named.items():
            assert r in people or r in warned, (r, name)
            if r in people:
                assert people[r].name == normalise_name(name)  # as typed, never garbled
                assert not _hostile_name(name)
    for p in problems:
        assert not unprintable(p.message + p.hint), p.message
        assert len(p.message) < 1000
