"""排序 from the roster to the documents: list order wherever no rank is given, the
name-order setting only for people ranked equal, and a rank compared only inside
the group it orders (the rostrum; a unit of a 座区)."""

from __future__ import annotations

from pathlib import Path

from roster_files import write_xlsx

from meetplan.layouts import load_layout
from meetplan.model import Area, Attendee, Plan, Settings
from meetplan.model.settings import NameOrder, WithinUnit
from meetplan.planning import make_plan
from meetplan.protocol.hall import hall_sequence
from meetplan.protocol.precedence import in_precedence_order, unit_seating_order
from meetplan.render.lists import sign_in_sheets
from meetplan.roster import load_roster

STROKES = NameOrder.SURNAME_STROKES


def person(pid: int, name: str, precedence: int | None, unit: str = "公安局") -> Attendee:
    return Attendee(pid, name, precedence, unit)


def names(people: list[Attendee]) -> list[str]:
    return [p.name for p in people]


# ---------------------------------------------------------------------------
# The order itself


def test_unranked_people_keep_list_order_after_the_ranked() -> None:
    # By strokes 丁 (2) comes before 王 (4) and 石 (5): only list order may decide here.
    people = [person(1, "王大伟", None), person(2, "石磊", 1), person(3, "丁一", None)]
    assert names(in_precedence_order(people, STROKES)) == ["石磊", "王大伟", "丁一"]


def test_name_order_orders_only_people_ranked_equal() -> None:
    people = [person(1, "王大伟", 2), person(2, "丁一", 2), person(3, "石磊", 1)]
    assert names(in_precedence_order(people, STROKES)) == ["石磊", "丁一", "王大伟"]
    assert names(in_precedence_order(people, NameOrder.LIST)) == ["石磊", "王大伟", "丁一"]


def test_unit_seating_order() -> None:
    people = [person(1, "王大伟", None), person(2, "石磊", None), person(3, "丁一", None)]
    assert names(unit_seating_order(people, STROKES, WithinUnit.LIST)) == [
        "王大伟",
        "石磊",
        "丁一",
    ]
    # name-order: the head (first in precedence order) in front, the rest by strokes.
    assert names(unit_seating_order(people, STROKES, WithinUnit.NAME_ORDER)) == [
        "王大伟",
        "丁一",
        "石磊",
    ]


# ---------------------------------------------------------------------------
# The whole path: roster file -> plan -> sign-in sheets


def plan_from(tmp_path: Path, rows: list[list[object]]) -> Plan:
    roster, _problems = load_roster(write_xlsx(tmp_path / "roster.xlsx", rows))
    return make_plan(roster, load_layout("meeting-room-40"), Settings(), with_cases=False)


def sheet_names(plan: Plan, area: Area) -> list[str]:
    [sheet] = [s for s in sign_in_sheets(plan) if s.area is area]
    return [row.name for row in sheet.rows]


def hall_names(plan: Plan) -> list[str]:
    return names(hall_sequence(list(plan.roster.attendees), plan.settings.protocol.name_order))


def test_rank_for_the_rostrum_only_keeps_list_order_in_each_unit(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["排序", "姓名", "单位", "职务", "座区"],
        [2, "李明", "县政府", "县长", "主席台"],
        [1, "张建国", "县委", "县委书记", "主席台"],
        [None, "王大伟", "公安局", "局长", "会场"],
        [None, "丁一", "公安局", "民警", "会场"],
        [None, "石磊", "财政局", "局长", "会场"],
        [None, "王伟", "公安局", "民警", "会场"],
        [None, "卜凡", "财政局", "科员", "会场"],
    ]
    plan = plan_from(tmp_path, rows)
    assert plan.settings.protocol.name_order is STROKES  # which would put 丁 and 卜 first
    assert sheet_names(plan, Area.ROSTRUM) == ["张建国", "李明"]
    in_list_order = ["王大伟", "丁一", "王伟", "石磊", "卜凡"]  # units as listed, people as listed
    assert sheet_names(plan, Area.HALL) == in_list_order
    assert hall_names(plan) == in_list_order


def test_row_number_restarting_per_area_orders_each_area(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["序号", "姓名", "单位", "座区"],
        [2, "李明", "县政府", "主席台"],
        [1, "张建国", "县委", "主席台"],
        [2, "丁一", "公安局", "会场"],
        [1, "王大伟", "公安局", "会场"],
        [3, "石磊", "财政局", "会场"],
        [1, "卜凡", "县委办", "列席"],
    ]
    plan = plan_from(tmp_path, rows)
    assert sheet_names(plan, Area.ROSTRUM) == ["张建国", "李明"]
    assert sheet_names(plan, Area.HALL) == ["王大伟", "丁一", "石磊"]
    assert sheet_names(plan, Area.OBSERVER) == ["卜凡"]
    assert hall_names(plan) == ["王大伟", "丁一", "石磊", "卜凡"]


def test_row_number_restarting_per_unit_orders_each_unit(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["序号", "姓名", "单位"],
        [2, "丁一", "公安局"],
        [1, "王大伟", "公安局"],
        [1, "石磊", "财政局"],
        [2, "卜凡", "财政局"],
    ]
    plan = plan_from(tmp_path, rows)
    assert sheet_names(plan, Area.HALL) == ["王大伟", "丁一", "石磊", "卜凡"]
    assert hall_names(plan) == ["王大伟", "丁一", "石磊", "卜凡"]


def test_staff_numbered_per_unit_stay_together_on_their_sign_in_sheet(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["序号", "姓名", "单位", "座区"],
        [1, "张建国", "县委", "主席台"],
        [1, "王大伟", "县委办", "工作人员"],
        [2, "丁一", "县委办", "工作人员"],
        [1, "石磊", "县政府办", "工作人员"],
        [2, "卜凡", "县政府办", "工作人员"],
    ]
    plan = plan_from(tmp_path, rows)
    assert sheet_names(plan, Area.STAFF) == ["王大伟", "丁一", "石磊", "卜凡"]
