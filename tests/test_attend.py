"""meetplan attend: the log, replay, undo, new cards, and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from meetplan.cli import main
from tests.roster_files import write_xlsx

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    assert run("init", str(folder), "--layout", "meeting-room-40").exit_code == 0
    rows = [
        ["排序", "姓名", "单位", "职务", "座区", "出席", "代会"],
        [1, "张建国", "县委", "书记", "主席台", "出席", None],
        [2, "李明", "县政府", "县长", "主席台", "待定", None],
        [3, "王伟", "县人大", "主任", "主席台", "出席", None],
        [4, "赵丽", "县政协", "主席", "主席台", "出席", None],
        [5, "钱进", "县政府", "副县长", "会场", "出席", None],
        [6, "孙强", "县财政局", "局长", "会场", "出席", None],
        [7, "孙强", "县教育局", "局长", "会场", "出席", None],
    ]
    write_xlsx(folder / "roster.xlsx", rows)
    return folder


def rostrum(folder: Path) -> list[str]:
    plan = json.loads((folder / "out" / "plan.json").read_text(encoding="utf-8"))
    seats = [s for s in plan["scenarios"][0]["seats"] if s["area"] == "rostrum"]
    return [s["name"] for s in sorted(seats, key=lambda s: (s["row"], s["col"]))]


def test_absent_then_present_undoes_and_the_log_keeps_both(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    base = rostrum(meeting)
    result = run("attend", str(meeting), "李明", "--absent")
    assert result.exit_code == 0, result.output
    assert "Take away the card of 李明" in result.output and "Recorded in" in result.output
    assert "李明" not in rostrum(meeting)
    assert rostrum(meeting) == ["赵丽", "张建国", "王伟"]  # three, re-centred: 3 1 2
    result = run("attend", str(meeting), "李明", "--present")
    assert result.exit_code == 0, result.output
    assert rostrum(meeting) == base
    lines = (meeting / "attendance-log.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["absent", "present"]
    assert (meeting / "roster.xlsx").is_file()  # the roster itself is untouched


def test_replaying_the_log_gives_the_same_plan(meeting: Path, tmp_path: Path) -> None:
    assert (
        run("attend", str(meeting), "李明", "--substitute", "周新", "--title", "副县长").exit_code
        == 0
    )
    first = (meeting / "out" / "plan.json").read_bytes()
    assert (meeting / "out" / "新增桌签.pdf").is_file()  # 周新's card was never printed before
    copy = tmp_path / "copy"
    shutil.copytree(meeting, copy, ignore=shutil.ignore_patterns("out"))
    assert run("build", str(copy)).exit_code == 0
    assert (copy / "out" / "plan.json").read_bytes() == first
    assert "周新" in rostrum(copy)


def test_unknown_name_suggests_close_matches(meeting: Path) -> None:
    result = run("attend", str(meeting), "张建", "--absent")
    assert result.exit_code == 1
    assert "张建国" in result.output
    assert not (meeting / "attendance-log.jsonl").exists()


def test_two_people_of_one_name_ask_for_the_unit(meeting: Path) -> None:
    result = run("attend", str(meeting), "孙强", "--absent")
    assert result.exit_code == 1 and "--unit" in result.output
    result = run("attend", str(meeting), "孙强", "--unit", "县教育局", "--absent")
    assert result.exit_code == 0, result.output


def test_a_substitute_who_already_attends_is_refused(meeting: Path) -> None:
    result = run("attend", str(meeting), "李明", "--substitute", "钱进")
    assert result.exit_code == 1 and "already attends" in result.output
    assert not (meeting / "attendance-log.jsonl").exists()


def test_a_substitute_chain_is_refused(meeting: Path) -> None:
    assert run("attend", str(meeting), "李明", "--substitute", "周新").exit_code == 0
    result = run("attend", str(meeting), "周新", "--substitute", "吴一")
    assert result.exit_code == 1 and "cannot be replaced in turn" in result.output
    assert len((meeting / "attendance-log.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_change_that_does_not_fit_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "full"
    assert run("init", str(folder), "--layout", "meeting-room-40").exit_code == 0  # rostrum of 7
    rows = [["排序", "姓名", "座区", "出席"]] + [
        [i, f"领导{'一二三四五六七八'[i - 1]}", "主席台", "出席"] for i in range(1, 8)
    ]
    rows.append([8, "领导八", "主席台", "请假"])
    write_xlsx(folder / "roster.xlsx", rows)
    assert run("build", str(folder)).exit_code == 0
    before = (folder / "out" / "plan.json").read_bytes()
    result = run("attend", str(folder), "领导八", "--present")  # an eighth chair does not fit
    assert result.exit_code == 1
    assert "7 seats" in result.output and "1 short" in result.output
    assert not (folder / "attendance-log.jsonl").exists()
    assert (folder / "out" / "plan.json").read_bytes() == before


def test_a_corrupted_log_line_is_named_and_earlier_lines_kept(meeting: Path) -> None:
    assert run("attend", str(meeting), "李明", "--absent").exit_code == 0
    log = meeting / "attendance-log.jsonl"
    log.write_text(log.read_text(encoding="utf-8") + "{broken\n", encoding="utf-8")
    result = run("attend", str(meeting), "王伟", "--absent")
    assert result.exit_code == 1
    assert "Line 2" in result.output
    assert (
        log.read_text(encoding="utf-8").splitlines()[0].startswith("{")
    )  # the first change is still there


def test_exactly_one_action(meeting: Path) -> None:
    assert CliRunner().invoke(main, ["attend", str(meeting), "李明"]).exit_code == 2


def test_the_recorded_first_plan_gives_the_same_result_as_solving_again(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    assert (meeting / "out" / ".printed-plan.json").is_file()
    assert run("attend", str(meeting), "钱进", "--absent").exit_code == 0  # from the record
    with_record = (meeting / "out" / "plan.json").read_bytes()
    shutil.rmtree(meeting / "out")
    assert run("build", str(meeting)).exit_code == 0  # solves the first plan again, replays the log
    assert (meeting / "out" / "plan.json").read_bytes() == with_record


def test_a_stale_record_is_not_used(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    record = meeting / "out" / ".printed-plan.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["key"] = "something else"
    data["seats"] = []  # would seat nobody, were it used
    record.write_text(json.dumps(data), encoding="utf-8")
    assert run("attend", str(meeting), "钱进", "--absent").exit_code == 0
    assert len(rostrum(meeting)) == 4


def test_the_record_is_what_attend_starts_from(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    record = meeting / "out" / ".printed-plan.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    hall = [s for s in data["seats"] if s[1] == "hall"]
    hall[0][2:], hall[1][2:] = hall[1][2:], hall[0][2:]  # two hall people swap seats in the record
    record.write_text(json.dumps(data), encoding="utf-8")
    assert run("attend", str(meeting), "李明", "--absent").exit_code == 0
    plan = json.loads((meeting / "out" / "plan.json").read_text(encoding="utf-8"))
    seat_of = {s["person"]: (s["row"], s["col"]) for s in plan["scenarios"][0]["seats"]}
    assert seat_of[hall[0][0]] == (hall[0][3], hall[0][4])  # the recorded seats, not solved again


def test_attend_takes_the_roster_from_the_record(
    meeting: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", str(meeting)).exit_code == 0

    def not_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("the roster file was read again")

    monkeypatch.setattr("meetplan.build.load_roster", not_read)
    result = run("attend", str(meeting), "钱进", "--absent")
    assert result.exit_code == 0, result.output
    plan = json.loads((meeting / "out" / "plan.json").read_text(encoding="utf-8"))
    people = {s["name"] for s in plan["scenarios"][0]["seats"]}
    assert {"张建国", "李明", "王伟", "赵丽", "孙强"} <= people and "钱进" not in people


def test_a_changed_roster_is_read_again(meeting: Path) -> None:
    assert run("build", str(meeting)).exit_code == 0
    rows = [
        ["排序", "姓名", "单位", "职务", "座区", "出席"],
        [1, "张建国", "县委", "书记", "主席台", "出席"],
        [2, "李明", "县政府", "县长", "主席台", "出席"],
        [5, "钱进", "县政府", "副县长", "会场", "出席"],
        [6, "周新", "县财政局", "局长", "会场", "出席"],
    ]
    write_xlsx(meeting / "roster.xlsx", rows)
    result = run("attend", str(meeting), "钱进", "--absent")
    assert result.exit_code == 0, result.output
    assert "has changed since the documents were printed" in result.output
    plan = json.loads((meeting / "out" / "plan.json").read_text(encoding="utf-8"))
    printed = {"张建国", "李明", "王伟", "赵丽", "孙强"}  # 钱进 absent; the edit not applied
    assert {s["name"] for s in plan["scenarios"][0]["seats"]} == printed
    result = run("build", str(meeting))  # the edit, planned against the printed plan
    assert result.exit_code == 0, result.output
    assert "New: 周新 (县财政局)" in result.output
    plan = json.loads((meeting / "out" / "plan.json").read_text(encoding="utf-8"))
    assert {s["name"] for s in plan["scenarios"][0]["seats"]} == {"张建国", "李明", "周新"}
