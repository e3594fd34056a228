"""Cases a hostile sweep of the commands found, each once a traceback, a lost or
garbled person, or a write outside the meeting folder."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from meetplan.cli import main
from meetplan.roster.load import load_roster
from tests.roster_files import write_xlsx

HEADER = ["排序", "姓名", "单位", "职务", "座区", "出席"]
PEOPLE = [
    [1, "张建国", "县委", "书记", "主席台", "出席"],
    [2, "李明", "县政府", "县长", "主席台", "待定"],
    [3, "王伟", "县人大", "主任", "主席台", "出席"],
    [4, "钱进", "县政府", "副县长", "会场", "出席"],
    [5, "孙强", "县财政局", "局长", "会场", "出席"],
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    assert run("init", str(folder), "--layout", "meeting-room-40").exit_code == 0
    write_xlsx(folder / "roster.xlsx", [HEADER, *PEOPLE])
    return folder


def test_a_substitute_with_a_title_on_cards_that_print_titles(meeting: Path) -> None:
    toml = meeting / "meeting.toml"
    text = toml.read_text(encoding="utf-8")
    assert "card_title = false" in text
    toml.write_text(text.replace("card_title = false", "card_title = true"), encoding="utf-8")
    assert run("build", str(meeting)).exit_code == 0
    result = run("attend", str(meeting), "李明", "--substitute", "赵刚", "--title", "常务副县长")
    assert result.exit_code == 0, result.output
    assert (meeting / "out" / "新增桌签.pdf").is_file()


def test_absent_and_present_together_is_a_usage_error(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    result = run("attend", str(meeting), "李明", "--absent", "--present")
    assert result.exit_code == 2
    assert not (meeting / "attendance-log.jsonl").exists()


def test_a_damaged_rostrum_adjustment_is_skipped_with_a_warning(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    assert run("seat", str(meeting), "钱进", "1排3号").exit_code == 0
    path = meeting / "adjustments.jsonl"
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    line["area"] = "rostrum"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert "it is skipped" in result.output


def test_an_adjustment_to_a_seat_the_hall_lacks_is_said(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    assert run("seat", str(meeting), "钱进", "1排3号").exit_code == 0
    path = meeting / "adjustments.jsonl"
    path.write_text(
        path.read_text(encoding="utf-8").replace("1排3号", "99排9999号"), encoding="utf-8"
    )
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert "99排9999号" in result.output and "it is skipped" in result.output


def test_a_linked_lock_file_is_not_followed(meeting: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "x"
    outside.parent.mkdir()
    (meeting / ".meetplan.lock").symlink_to(outside)
    assert run("build", str(meeting)).exit_code == 0
    assert not outside.exists()
    assert not (meeting / ".meetplan.lock").is_symlink()


def test_a_hidden_old_list_before_the_visible_one(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        sheets={"旧名单": ([HEADER, PEOPLE[0]], []), "名单": ([HEADER, *PEOPLE], [])},
    )
    wb = openpyxl.load_workbook(path)
    wb["旧名单"].sheet_state = "hidden"
    wb.save(path)
    roster, warnings = load_roster(path)
    assert [p.name for p in roster.attendees] == [p[1] for p in PEOPLE]
    assert any("Hidden sheet" in w.message and "旧名单" in w.message for w in warnings)


def test_invisible_marks_in_a_name_do_not_make_another_person(tmp_path: Path) -> None:
    rows = [HEADER, [1, "张建\u00ad国", "县委", "书记", "会场", "出席"]]
    rows.append([2, "\u202e李明", "县政府", "县长", "会场", "出席"])
    roster, _warnings = load_roster(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert [p.name for p in roster.attendees] == ["张建国", "李明"]


def test_total_and_signature_lines_under_the_list_are_not_people(tmp_path: Path) -> None:
    rows = [HEADER, *PEOPLE, [None, "合计：5人"], [None, "制表人：张三", None, "审核：李四"]]
    roster, warnings = load_roster(write_xlsx(tmp_path / "roster.xlsx", rows))
    assert len(roster.attendees) == len(PEOPLE)
    skipped = [w for w in warnings if "signature line" in w.message]
    assert [w.location.row for w in skipped] == [7, 8]


def test_a_font_without_chinese_is_said_in_a_bounded_list() -> None:
    from meetplan.build import GLYPHS_SHOWN, capped_glyphs
    from meetplan.model.errors import Problem

    problems = [Problem(f"character {i}") for i in range(2000)]
    capped = capped_glyphs(problems, "roster.xlsx")
    assert len(capped) == GLYPHS_SHOWN + 1
    assert "1980 more characters" in capped[-1].message
    assert capped_glyphs(problems[:5], "roster.xlsx") == problems[:5]


def test_attend_still_checks_the_print_settings_after_its_move_list(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    toml = meeting / "meeting.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('card_size = "A4"', 'card_size = "B99"'), encoding="utf-8")
    result = run("attend", str(meeting), "李明", "--absent")
    assert result.exit_code == 1
    assert "print.card_size" in result.output
    assert not (meeting / "attendance-log.jsonl").exists()
