"""A meeting planned many times: a revised roster re-planned against the printed plan,
the change list, --fresh, and attend after an edit nobody has built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from meetplan.cli import main
from meetplan.history.revision import match_people
from meetplan.model import Area, Attendee, Roster
from tests.roster_files import write_xlsx

HEADER = ["排序", "姓名", "单位", "职务", "座区", "出席"]
LEADERS = [
    [1, "张建国", "县委", "书记", "主席台", "出席"],
    [2, "李明", "县政府", "县长", "主席台", "出席"],
    [3, "王伟", "县人大", "主任", "主席台", "出席"],
]


def hall_rows() -> list[list[object]]:
    rows: list[list[object]] = []
    for unit, count in (("县委办", 6), ("县财政局", 5), ("县教育局", 5), ("县公安局", 6)):
        for k in range(count):
            rows.append([None, f"{unit[1:3]}{k + 1}号", unit, "科员", "会场", "出席"])
    return rows


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(folder: Path, rows: list[list[object]]) -> None:
    write_xlsx(folder / "roster.xlsx", [HEADER, *rows])


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    assert run("init", str(folder), "--layout", "meeting-room-40").exit_code == 0
    write(folder, LEADERS + hall_rows())
    result = run("build", str(folder))
    assert result.exit_code == 0, result.output
    return folder


def seats(folder: Path) -> dict[str, str]:
    plan = json.loads((folder / "out" / "plan.json").read_text(encoding="utf-8"))
    return {s["name"]: s["label"] for s in plan["scenarios"][0]["seats"]}


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_nothing_changed_is_said_in_one_line(meeting: Path) -> None:
    before = seats(meeting)
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert "No change since the printed plan." in result.output
    assert seats(meeting) == before
    assert not (meeting / "out" / "变更清单.pdf").exists()  # no list of no changes


def test_the_last_change_list_stays_when_a_rebuild_changes_nothing(meeting: Path) -> None:
    rows = hall_rows()
    rows.append([None, "新来的", "县公安局", "科员", "会场", "出席"])
    write(meeting, LEADERS + rows)
    assert run("build", str(meeting)).exit_code == 0
    listed = (meeting / "out" / "变更清单.pdf").read_bytes()
    result = run("build", str(meeting))
    assert "No change since the printed plan." in result.output
    assert (meeting / "out" / "变更清单.pdf").read_bytes() == listed


def test_a_revision_moves_only_the_people_it_must(meeting: Path) -> None:
    before = seats(meeting)
    rows = hall_rows()
    rows.insert(11, [None, "新来的", "县财政局", "科员", "会场", "出席"])  # after 县财政局
    removed = rows.pop(12)  # the first of 县教育局
    rows[0][3] = "主任"  # a title changes
    write(meeting, LEADERS + rows)
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    after = seats(meeting)
    assert "Changes since the printed plan:" in result.output
    assert "New: 新来的 (县财政局)" in result.output
    assert f"Gone: {removed[1]} (县教育局)" in result.output
    assert "Changed: 委办1号: 职务 科员 → 主任" in result.output
    moved = [n for n in after if n in before and after[n] != before[n]]
    assert len(moved) <= 2, moved
    for name in moved:
        assert f"{name} moves {before[name]} → {after[name]}" in result.output
    text = pdf_text(meeting / "out" / "变更清单.pdf")
    assert "新来的" in text and removed[1] in text
    for name in moved:
        assert name in text


def test_a_rostrum_leader_added_at_rank_2_reseats_the_row_by_protocol(meeting: Path) -> None:
    leaders = [
        [1, "张建国", "县委", "书记", "主席台", "出席"],
        [2, "新领导", "市委", "副书记", "主席台", "出席"],
        [3, "李明", "县政府", "县长", "主席台", "出席"],
        [4, "王伟", "县人大", "主任", "主席台", "出席"],
    ]
    write(meeting, leaders + hall_rows())
    before = seats(meeting)
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    after = seats(meeting)
    # 4 in a row, variant A: 4 2 1 3 … seen from the hall 3 1 2 4 → 李明 1, 张建国 2, 新领导 3, 王伟 4
    order = sorted((label, name) for name, label in after.items() if label.startswith("主席台"))
    assert [name for _l, name in order] == ["李明", "张建国", "新领导", "王伟"]
    assert "Put down the card of 新领导" in result.output
    assert all(after[n] == before[n] for n in before if not before[n].startswith("主席台"))
    assert (meeting / "out" / "补打桌签.pdf").is_file()
    assert "新领导" in pdf_text(meeting / "out" / "补打桌签.pdf")


def test_fresh_plans_from_nothing_and_says_how_many_move(meeting: Path) -> None:
    result = run("build", str(meeting), "--fresh")
    assert result.exit_code == 0, result.output
    assert "Planned from nothing (--fresh)" in result.output or "No change" in result.output


def test_a_damaged_record_stops_the_build_and_offers_fresh(meeting: Path) -> None:
    (meeting / "out" / ".printed-plan.json").write_text("{not json", encoding="utf-8")
    rows = hall_rows()
    rows.append([None, "新来的", "县公安局", "科员", "会场", "出席"])
    write(meeting, LEADERS + rows)
    result = run("build", str(meeting))
    assert result.exit_code == 1
    assert "cannot be read" in result.output and "--fresh" in result.output
    assert run("build", str(meeting), "--fresh").exit_code == 0


def test_other_hall_settings_stop_the_build_and_offer_fresh(meeting: Path) -> None:
    result = run("build", str(meeting), "--hall-method", "columns")
    assert result.exit_code == 1
    assert "other hall settings" in result.output and "--fresh" in result.output
    result = run("build", str(meeting), "--hall-method", "columns", "--fresh")
    assert result.exit_code == 0, result.output


def test_two_people_who_swap_rows_keep_their_seats(meeting: Path) -> None:
    before = seats(meeting)
    rows = hall_rows()
    rows[1], rows[2] = rows[2], rows[1]  # the list re-typed in another order
    write(meeting, LEADERS + rows)
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert seats(meeting) == before


def test_a_person_re_added_under_another_unit_moves_to_that_block(meeting: Path) -> None:
    rows = hall_rows()
    person = rows.pop(0)  # 委办1号 of 县委办 …
    rows.append([None, person[1], "县公安局", "科员", "会场", "出席"])  # … now of 县公安局
    write(meeting, LEADERS + rows)
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert "is taken to be the person printed under 县委办" in result.output
    plan = json.loads((meeting / "out" / "plan.json").read_text(encoding="utf-8"))
    hall = plan["scenarios"][0]["seats"]
    police = [s for s in hall if s["unit"] == "县公安局"]
    assert person[1] in {s["name"] for s in police}


def test_attend_after_an_unbuilt_edit_names_the_printed_seat(meeting: Path) -> None:
    printed = seats(meeting)
    rows = hall_rows()
    rows.insert(0, [None, "插队者", "县委办", "科员", "会场", "出席"])  # shifts everyone
    write(meeting, LEADERS + rows)
    name = "委办3号"
    result = run("attend", str(meeting), name, "--absent")
    assert result.exit_code == 0, result.output
    assert "has changed since the documents were printed" in result.output
    assert f"Hall: {printed[name]} stays empty" in result.output
    # the next build plans the edit against the plan as printed and recorded
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert "New: 插队者 (县委办)" in result.output


def test_matching_pairs_same_names_in_order_and_by_name_when_the_unit_changed() -> None:
    def person(i: int, name: str, unit: str) -> Attendee:
        return Attendee(id=i, name=name, precedence=None, unit=unit, area=Area.HALL)

    old = Roster((person(1, "王伟", "甲"), person(2, "王伟", "甲"), person(3, "李明", "乙")))
    new = Roster((person(1, "王伟", "甲"), person(2, "李明", "丙"), person(3, "王伟", "甲")))
    matching = match_people(old, new)
    pairs = {(m.old.id, m.new.id, m.by_name_only) for m in matching.pairs}
    assert pairs == {(1, 1, False), (2, 3, False), (3, 2, True)}
    assert not matching.gone and not matching.added


def test_a_name_corrected_by_one_character_is_the_same_person(meeting: Path) -> None:
    before = seats(meeting)
    rows = hall_rows()
    rows[3][1] = "委办4号改"[:3] + "甲"  # 委办4号 → 委办4甲: one character corrected
    write(meeting, LEADERS + rows)
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert "with the name corrected" in result.output
    assert "Changed: 委办4甲: 姓名 委办4号 → 委办4甲" in result.output
    assert seats(meeting)["委办4甲"] == before["委办4号"]
    assert "New:" not in result.output and "Gone:" not in result.output


def test_a_plan_printed_for_another_layout_stops_the_build_and_offers_fresh(meeting: Path) -> None:
    result = run("build", str(meeting), "--layout", "lecture-hall-200")
    assert result.exit_code == 1
    assert "another layout" in result.output and "--fresh" in result.output
    assert run("build", str(meeting), "--layout", "lecture-hall-200", "--fresh").exit_code == 0


def test_a_record_of_an_earlier_meetplan_is_still_the_baseline(meeting: Path) -> None:
    # .first-plan.json, as meetplan wrote it before the printed plan was recorded
    out = meeting / "out"
    data = json.loads((out / ".printed-plan.json").read_text(encoding="utf-8"))
    for key in ("version", "layout", "shape", "printed"):
        data.pop(key)
    for row in data["roster"]["attendees"]:
        row.pop()  # one person field fewer
    (out / ".first-plan.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (out / ".printed-plan.json").unlink()
    before = seats(meeting)
    rows = hall_rows()
    rows.append([None, "新来的", "县公安局", "科员", "会场", "出席"])
    write(meeting, LEADERS + rows)
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert "New: 新来的 (县公安局)" in result.output
    after = seats(meeting)
    assert sum(1 for n in before if after.get(n) != before[n]) <= 1
    assert not (out / ".first-plan.json").exists() and (out / ".printed-plan.json").is_file()
