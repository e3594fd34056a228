"""Hand adjustments: meetplan swap and meetplan seat, replayed by every build, --undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from meetplan.cli import main
from tests.roster_files import write_xlsx

HEADER = ["排序", "姓名", "单位", "职务", "座区", "出席"]
LEADERS = [
    [1, "张建国", "县委", "书记", "主席台", "出席"],
    [2, "李明", "县政府", "县长", "主席台", "待定"],
    [3, "王伟", "县人大", "主任", "主席台", "出席"],
]


def hall_rows() -> list[list[object]]:
    rows: list[list[object]] = []
    for unit, count in (("县委办", 6), ("县财政局", 5)):
        for k in range(count):
            rows.append([None, f"{unit[1:3]}{k + 1}号", unit, "科员", "会场", "出席"])
    return rows


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    assert run("init", str(folder), "--layout", "meeting-room-40").exit_code == 0
    write_xlsx(folder / "roster.xlsx", [HEADER, *LEADERS, *hall_rows()])
    result = run("build", str(folder))
    assert result.exit_code == 0, result.output
    return folder


def seats(folder: Path, scenario: int = 0) -> dict[str, str]:
    plan = json.loads((folder / "out" / "plan.json").read_text(encoding="utf-8"))
    return {s["name"]: s["label"] for s in plan["scenarios"][scenario]["seats"]}


def test_a_hall_swap_is_kept_by_every_build_and_every_scenario(meeting: Path) -> None:
    before = seats(meeting)
    result = run("swap", str(meeting), "委办1号", "财政2号")
    assert result.exit_code == 0, result.output
    assert f"委办1号 moves {before['委办1号']} → {before['财政2号']}" in result.output
    after = seats(meeting)
    assert after["委办1号"] == before["财政2号"] and after["财政2号"] == before["委办1号"]
    assert seats(meeting, 1)["委办1号"] == before["财政2号"]  # the 李明-absent scenario too
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert "No change since the printed plan." in result.output
    assert seats(meeting) == after


def test_undo_takes_the_last_adjustment_back(meeting: Path) -> None:
    before = seats(meeting)
    assert run("seat", str(meeting), "委办3号", "2排5号").exit_code == 0
    assert seats(meeting)["委办3号"] == "2排5号"
    result = run("seat", str(meeting), "--undo")
    assert result.exit_code == 0, result.output
    assert "Taken back: 委办3号 to 2排5号" in result.output
    assert seats(meeting) == before
    assert run("build", str(meeting)).exit_code == 0
    assert seats(meeting) == before
    result = run("swap", str(meeting), "--undo")
    assert result.exit_code == 1 and "no hand adjustment to take back" in result.output


def test_seat_on_a_taken_seat_exchanges_with_its_occupant(meeting: Path) -> None:
    before = seats(meeting)
    target = before["财政1号"]
    assert run("seat", str(meeting), "委办1号", target).exit_code == 0
    after = seats(meeting)
    assert after["委办1号"] == target and after["财政1号"] == before["委办1号"]


def test_a_rostrum_swap_holds_in_every_scenario(meeting: Path) -> None:
    before = seats(meeting)
    result = run("swap", str(meeting), "张建国", "王伟")
    assert result.exit_code == 0, result.output
    assert "Carry the card of 王伟" in result.output
    after = seats(meeting)
    assert after["张建国"] == before["王伟"] and after["王伟"] == before["张建国"]
    absent = seats(meeting, 1)  # 李明 does not come: two chairs, still exchanged
    plan = json.loads((meeting / "out" / "plan.json").read_text(encoding="utf-8"))
    protocol = {s["name"]: s["label"] for s in plan["scenarios"][1]["seats"]}
    assert absent == protocol
    assert absent["张建国"] != absent["王伟"]


def test_bad_adjustments_say_what_is_wrong(meeting: Path) -> None:
    result = run("swap", str(meeting), "张建国", "委办2号")
    assert result.exit_code == 1 and "same area" in result.output
    result = run("swap", str(meeting), "张建华", "王伟")
    assert result.exit_code == 1 and "Did you mean: 张建国" in result.output
    result = run("seat", str(meeting), "委办1号", "9排99号")
    assert result.exit_code == 1 and "There is no seat 9排99号" in result.output
    result = run("seat", str(meeting), "委办1号", "主席台第1排第1座")
    assert result.exit_code == 1 and "the rostrum" in result.output
    assert not (meeting / "adjustments.jsonl").exists()  # nothing recorded
    assert CliRunner().invoke(main, ["swap", str(meeting), "委办1号"]).exit_code == 2


def test_adjustments_survive_a_revised_roster(meeting: Path) -> None:
    assert run("swap", str(meeting), "委办1号", "财政2号").exit_code == 0
    swapped = seats(meeting)
    rows = hall_rows()
    rows.append([None, "新来的", "县财政局", "科员", "会场", "出席"])
    write_xlsx(meeting / "roster.xlsx", [HEADER, *LEADERS, *rows])
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    after = seats(meeting)
    assert after["委办1号"] == swapped["委办1号"] and after["财政2号"] == swapped["财政2号"]
