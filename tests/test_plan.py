"""Planning: plan.json's rostrum against PROTOCOL.md §2, and the 横排法 hall fill."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from meetplan.layouts import load_layout
from meetplan.model import (
    Area,
    Attendance,
    Attendee,
    EvenRostrum,
    HonorSide,
    ProtocolSettings,
    Roster,
    Settings,
    UserError,
)
from meetplan.model.layout import SeatUse
from meetplan.planning import make_plan
from meetplan.render.plan_json import render_plan_json
from tests.test_rostrum import published


def leaders(n: int) -> list[Attendee]:
    # listed out of order on purpose: precedence, not list order, decides
    people = [
        Attendee(id=i, name=f"领导{'一二三四五六七八九'[p - 1]}", precedence=p, area=Area.ROSTRUM)
        for i, p in enumerate(sorted(range(1, n + 1), key=lambda p: (p % 3, p)), start=1)
    ]
    return people


def plan_json(people: list[Attendee], layout: str = "meeting-room-40", **protocol: object) -> dict:
    settings = Settings(protocol=ProtocolSettings(**protocol))  # type: ignore[arg-type]
    plan = make_plan(Roster(tuple(people)), load_layout(layout), settings)
    return json.loads(render_plan_json(plan))


@pytest.mark.parametrize("n", range(2, 10))
@pytest.mark.parametrize("variant", list(EvenRostrum))
@pytest.mark.parametrize("side", list(HonorSide))
def test_plan_json_rostrum_matches_published_sequence(
    n: int, variant: EvenRostrum, side: HonorSide
) -> None:
    data = plan_json(leaders(n), layout="auditorium-600", honor_side=side, even_rostrum=variant)
    seats = sorted(
        (s for s in data["scenarios"][0]["seats"] if s["area"] == "rostrum"), key=lambda s: s["col"]
    )
    expected = published(n, variant)
    if side is HonorSide.RIGHT:
        expected = expected[::-1]
    assert [s["precedence"] for s in seats] == expected
    assert [s["col"] for s in seats] == list(range(1, n + 1))  # chairs set for the people present
    assert all(s["row"] == 1 for s in seats)


def person(
    i: int, unit: str, area: Area = Area.HALL, p: int | None = None, **kw: object
) -> Attendee:
    return Attendee(
        id=i, name=f"人{i:03d}", precedence=p if p is not None else i, unit=unit, area=area, **kw
    )  # type: ignore[arg-type]


def test_hall_units_in_roster_order_then_precedence_observers_last() -> None:
    people = [
        person(1, "甲局", p=5),
        person(2, "乙局", p=1),
        person(3, "甲局", p=2),
        person(4, "丙局", area=Area.OBSERVER, p=3),
        person(5, "乙局", p=9),
    ]
    data = plan_json(people)
    hall = sorted(
        (s for s in data["scenarios"][0]["seats"] if s["area"] == "hall"),
        key=lambda s: (s["row"], s["col"]),
    )
    # 甲局 first (it appears first), inside by 排序; then 乙局; then 列席
    assert [s["person"] for s in hall] == [3, 1, 2, 5, 4]
    assert hall[0]["label"] == "1排1号"


def test_absent_staff_and_substitute_reasons() -> None:
    people = [
        person(1, "县委", Area.ROSTRUM),
        Attendee(
            id=2, name="请假人", precedence=2, area=Area.ROSTRUM, attendance=Attendance.ABSENT
        ),
        Attendee(id=3, name="代会人", precedence=3, area=Area.ROSTRUM, substitute_for="请假人"),
        Attendee(id=4, name="工作者", precedence=4, area=Area.STAFF),
        Attendee(id=5, name="不来的", precedence=5, attendance=Attendance.ABSENT),
        Attendee(
            id=6, name="或许来", precedence=6, area=Area.ROSTRUM, attendance=Attendance.TENTATIVE
        ),
    ]
    base = plan_json(people)["scenarios"][0]
    reasons = {u["person"]: u["reason"] for u in base["unseated"]}
    assert reasons == {2: "replaced", 5: "absent"}
    seated = {s["person"]: s["attendance"] for s in base["seats"]}
    assert seated == {
        1: "present",
        3: "present",
        4: "present",
        6: "tentative",
    }  # staff in staff seats


def test_staff_without_staff_seats_have_no_seat(tmp_path: Path) -> None:
    room = tmp_path / "room.toml"
    room.write_text(
        'title = "x"\n[rostrum]\nrows = [3]\n[[floors]]\nrows = 2\nsections = [5]\n',
        encoding="utf-8",
    )
    people = [person(1, "甲局"), Attendee(id=2, name="工作者", precedence=2, area=Area.STAFF)]
    plan = make_plan(Roster(tuple(people)), load_layout(str(room)), Settings())
    assert [(u.person.id, u.reason.value) for u in plan.base.unseated] == [
        (2, "staff-without-seats")
    ]


def test_hall_too_small_says_by_how_much() -> None:
    people = [person(i, "甲局") for i in range(1, 40)]
    seats = load_layout("meeting-room-40").capacity_for(SeatUse.GENERAL)
    with pytest.raises(UserError) as err:
        plan_json(people)
    assert f"{seats} seats" in err.value.problems[0].message
    assert f"{39 - seats} short" in err.value.problems[0].message


def test_ties_are_ordered_by_name_order() -> None:
    people = [
        Attendee(id=1, name="田富", precedence=3, area=Area.ROSTRUM),
        Attendee(id=2, name="田大利", precedence=3, area=Area.ROSTRUM),
        Attendee(id=3, name="王一", precedence=1, area=Area.ROSTRUM),
    ]
    by_surname = plan_json(people, allow_ties=True)["scenarios"][0]["seats"]
    # 3 people: 3 1 2 from the hall; No.2 is 田富 (surname strokes: the single given name sorts first)
    assert [s["name"] for s in sorted(by_surname, key=lambda s: s["col"])] == [
        "田大利",
        "王一",
        "田富",
    ]
    from meetplan.model import NameOrder

    by_name = plan_json(people, allow_ties=True, name_order=NameOrder.NAME_STROKES)["scenarios"][0][
        "seats"
    ]
    assert [s["name"] for s in sorted(by_name, key=lambda s: s["col"])] == [
        "田富",
        "王一",
        "田大利",
    ]
