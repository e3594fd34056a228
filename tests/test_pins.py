"""Pinned seats (the roster's 座位) and unit placement ([[hall.place]]): hard rules in
the base plan, in every 待定/代会 scenario and in a re-plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetplan.layouts import load_layout
from meetplan.meeting import load_config
from meetplan.model import (
    Area,
    Attendance,
    Attendee,
    Plan,
    ProtocolSettings,
    Roster,
    Scenario,
    Settings,
    UserError,
)
from meetplan.model.labels import parse_label
from meetplan.model.settings import HallGaps, HallPlace, HallSettings, SubstituteSeat
from meetplan.planning import make_plan
from meetplan.protocol.rostrum import centre_out_columns
from meetplan.roster.load import load_roster
from tests.roster_files import write_csv

ROOM = "meeting-room-40"  # rostrum of 7; hall 3 rows of 11, one section
HALL = "lecture-hall-200"  # rostrum of 9; hall 12 rows of 3 + 9 + 3


def leader(i: int, name: str, **kw: object) -> Attendee:
    return Attendee(id=i, name=name, precedence=i, unit="县委", area=Area.ROSTRUM, **kw)  # type: ignore[arg-type]


def member(i: int, unit: str, **kw: object) -> Attendee:
    return Attendee(id=i, name=f"人{i:03d}", precedence=i, unit=unit, area=Area.HALL, **kw)  # type: ignore[arg-type]


def seats_of(scenario: Scenario) -> dict[str, str]:
    return {a.person.name: a.seat.label for a in scenario.assignments}


def check_once(plan: Plan) -> None:
    for scenario in plan.scenarios:
        labels = [a.seat.label for a in scenario.assignments]
        assert len(labels) == len(set(labels)), scenario.id
        ids = [a.person.id for a in scenario.assignments] + [u.person.id for u in scenario.unseated]
        assert sorted(ids) == sorted(p.id for p in plan.roster.attendees)


# --- labels -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("主席台第1排第3座", "主席台第1排第3座"),
        ("主席台 1排3座", "主席台第1排第3座"),
        ("１排１２号", "1排12号"),
        ("二楼 3 排 12 号", "二楼3排12号"),
        ("第3排12号", "3排12号"),
    ],
)
def test_labels_as_offices_type_them(text: str, label: str) -> None:
    ref = parse_label(text)
    assert ref is not None and ref.label == label


def test_roster_reads_the_seat_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        [["姓名", "座区", "指定座位"], ["甲", "主席台", "主席台 1排 1座"], ["乙", "会场", "左边"]],
    )
    with pytest.raises(UserError) as err:
        load_roster(path)
    [problem] = err.value.problems
    assert problem.location.row == 3 and problem.location.value == "左边"
    assert "is not a seat as printed" in problem.message


# --- rostrum ----------------------------------------------------------------


def rostrum(scenario: Scenario) -> dict[str, int]:
    return {a.person.name: a.seat.col for a in scenario.in_area("rostrum")}


def test_rostrum_pin_the_others_by_protocol_in_every_scenario() -> None:
    people = [
        leader(1, "甲一"),
        leader(2, "乙二", attendance=Attendance.TENTATIVE),
        leader(3, "丙三"),
        leader(4, "丁四"),
        leader(5, "戊五", seat="主席台第1排第1座"),  # a guest from a superior body
        leader(6, "己六", substitute_for="乙二"),
    ]
    plan = make_plan(Roster(tuple(people)), load_layout(ROOM), Settings())
    check_once(plan)
    base = rostrum(plan.base)
    assert base["戊五"] == 1
    # five chairs, rank order 3 1 2 4 5 → columns [3, 4, 2, 5, 1]; column 1 is pinned, so
    # 甲一 乙二 丙三 丁四 take 3, 4, 2, 5
    assert centre_out_columns(5, Settings().protocol.honor_side, Settings().protocol.even_rostrum)[
        :4
    ] == [3, 4, 2, 5]
    assert [base[n] for n in ("甲一", "乙二", "丙三", "丁四")] == [3, 4, 2, 5]
    for scenario in plan.scenarios:
        assert rostrum(scenario)["戊五"] == 1, scenario.id
    absent = next(s for s in plan.scenarios if s.id == "absent-2")
    # four chairs: 3 1 2 4 → columns [2, 3, 1, 4]; 1 is pinned → 甲一 2, 丙三 3, 丁四 4
    assert rostrum(absent) == {"戊五": 1, "甲一": 2, "丙三": 3, "丁四": 4}


def test_rostrum_pin_beyond_the_chairs_is_an_error_with_the_numbers() -> None:
    people = [leader(1, "甲一"), leader(2, "乙二", seat="主席台第1排第5座"), leader(3, "丙三")]
    with pytest.raises(UserError) as err:
        make_plan(Roster(tuple(people)), load_layout(ROOM), Settings())
    [problem] = err.value.problems
    assert "主席台第1排第5座" in problem.message and "3" in problem.message
    assert problem.location.column == "座位" and problem.hint


def test_rostrum_pin_at_the_end_of_a_row_a_tentative_leader_absent() -> None:
    # the pinned seat is the last chair; without the 待定 leader the row is one chair
    # shorter: the pinned person takes the nearest chair, and a warning says so
    people = [
        leader(1, "甲一"),
        leader(2, "乙二", attendance=Attendance.TENTATIVE),
        leader(3, "丙三", seat="主席台第1排第3座"),
    ]
    plan = make_plan(Roster(tuple(people)), load_layout(ROOM), Settings())
    assert rostrum(plan.base)["丙三"] == 3
    absent = next(s for s in plan.scenarios if s.id == "absent-2")
    assert rostrum(absent) == {"丙三": 2, "甲一": 1}
    assert any("主席台第1排第3座" in n.message and "乙二" in n.message for n in plan.notes)


def test_host_pinned_keeps_the_seat() -> None:
    people = [leader(1, "甲一"), leader(2, "乙二"), leader(3, "丙三", seat="主席台第1排第1座")]
    settings = Settings(protocol=ProtocolSettings(host="丙三", host_seat="front-end"))  # type: ignore[arg-type]
    plan = make_plan(Roster(tuple(people)), load_layout(ROOM), settings)
    assert rostrum(plan.base)["丙三"] == 1


# --- hall -------------------------------------------------------------------


def hall_people(pin: str = "", tentative: int = 0) -> list[Attendee]:
    people = [leader(1, "甲一")]
    people += [member(i, "甲局") for i in range(2, 8)]
    people += [
        member(
            i,
            "乙局",
            attendance=Attendance.TENTATIVE if i == tentative else Attendance.PRESENT,
            seat=pin if i == 10 else "",
        )
        for i in range(8, 13)
    ]
    people += [member(i, "丙局") for i in range(13, 18)]
    return people


def block_of(scenario: Scenario, unit: str) -> list[tuple[int, int]]:
    return sorted(
        (a.seat.row, a.seat.col) for a in scenario.in_area("hall") if a.person.unit == unit
    )


def touches(block: list[tuple[int, int]], seat: tuple[int, int]) -> bool:
    return any(abs(r - seat[0]) + abs(c - seat[1]) <= 1 for r, c in block)


@pytest.mark.parametrize("gaps", list(HallGaps))
def test_hall_pin_the_unit_forms_around_it_in_every_scenario(gaps: HallGaps) -> None:
    people = hall_people("3排2号", tentative=10)
    people.append(member(20, "乙局", substitute_for="人010"))
    plan = make_plan(
        Roster(tuple(people)), load_layout(ROOM), Settings(hall=HallSettings(gaps=gaps))
    )
    check_once(plan)
    base = plan.base
    assert seats_of(base)["人010"] == "3排2号"
    assert (3, 2) in block_of(base, "乙局")
    assert [a.person.name for a in base.in_area("hall") if a.seat.label == "3排2号"] == ["人010"]
    # 乙局's block lies around the pinned seat, the others around it in the office's order
    substitute = next(s for s in plan.scenarios if s.id == "substitute-20")
    absent = next(s for s in plan.scenarios if s.id == "absent-10")
    assert "人010" not in seats_of(absent)
    assert gaps is HallGaps.CLOSE_UP or "3排2号" not in seats_of(absent).values()
    assert touches(block_of(substitute, "乙局"), (3, 2))
    for scenario in plan.scenarios:  # nobody else of the base plan moves for the pin
        if "人010" in seats_of(scenario):
            assert seats_of(scenario)["人010"] == "3排2号"


def test_hall_pin_the_block_contains_the_seat() -> None:
    plan = make_plan(Roster(tuple(hall_people("2排6号"))), load_layout(ROOM), Settings())
    assert seats_of(plan.base)["人010"] == "2排6号"
    block = block_of(plan.base, "乙局")
    assert (2, 6) in block and len(block) == 5
    assert all(touches([s for s in block if s != b], b) for b in block)  # one block


def test_hall_pin_that_cannot_hold_the_block_keeps_the_seat_with_a_warning() -> None:
    # 乙局 comes after 甲局 (6 people); a pin in row 1, seat 1 leaves no room before it
    plan = make_plan(Roster(tuple(hall_people("1排1号"))), load_layout(ROOM), Settings())
    check_once(plan)
    assert seats_of(plan.base)["人010"] == "1排1号"
    assert [a.person.name for a in plan.base.in_area("hall") if a.seat.label == "1排1号"] == [
        "人010"
    ]
    assert any("cannot be formed around the pinned seat" in n.message for n in plan.notes)


def test_a_pinned_substitute_has_the_seat_kept_free_in_the_base_plan() -> None:
    people = hall_people(tentative=9)
    people.append(member(20, "丙局", substitute_for="人009", seat="1排11号"))
    plan = make_plan(Roster(tuple(people)), load_layout(ROOM), Settings())
    check_once(plan)
    assert "1排11号" not in seats_of(plan.base).values()
    substitute = next(s for s in plan.scenarios if s.id == "substitute-20")
    assert seats_of(substitute)["人020"] == "1排11号"


def test_a_substitute_may_share_the_pin_of_the_leader_replaced() -> None:
    people = hall_people("2排6号", tentative=10)
    people.append(member(20, "乙局", substitute_for="人010", seat="2排6号"))
    plan = make_plan(
        Roster(tuple(people)),
        load_layout(ROOM),
        Settings(protocol=ProtocolSettings(substitute_seat=SubstituteSeat.OWN_RANK)),
    )
    substitute = next(s for s in plan.scenarios if s.id == "substitute-20")
    assert seats_of(plan.base)["人010"] == "2排6号"
    assert seats_of(substitute)["人020"] == "2排6号"


def test_a_replan_with_a_new_pin_moves_the_person_there_and_nobody_else_onto_it() -> None:
    roster = Roster(tuple(hall_people()))
    layout = load_layout(ROOM)
    first = make_plan(roster, layout, Settings())
    held = next(a for a in first.base.in_area("hall") if a.person.unit == "丙局")
    pinned = tuple(
        p if p.id != 10 else Attendee(**{**p.__dict__, "seat": held.seat.label})
        for p in roster.attendees
    )
    again = make_plan(Roster(pinned), layout, Settings(), previous=first.base)
    check_once(again)
    assert seats_of(again.base)["人010"] == held.seat.label
    assert seats_of(again.base)[held.person.name] != held.seat.label


# --- bad pins, all reported together -----------------------------------------


def test_every_bad_pin_is_named_with_row_and_what_to_do() -> None:
    people = [
        leader(1, "甲一", source_row=2, seat="主席台第1排第9座"),  # no such rostrum seat
        leader(2, "乙二", source_row=3, seat="1排3号"),  # a hall seat for the rostrum
        member(3, "甲局", source_row=4, seat="主席台第1排第1座"),  # a rostrum seat for the hall
        member(4, "甲局", source_row=5, seat="4排3号"),  # no row 4
        member(5, "甲局", source_row=6, seat="2排5号"),
        member(6, "甲局", source_row=7, seat="2排5号"),  # the same seat twice
    ]
    with pytest.raises(UserError) as err:
        make_plan(Roster(tuple(people), source="r.xlsx"), load_layout(ROOM), Settings())
    messages = [p.message for p in err.value.problems]
    assert len(messages) == 5, messages
    assert "not on the rostrum of layout meeting-room-40" in messages[0]
    assert "pinned to the hall seat 1排3号" in messages[1]
    assert "pinned to the rostrum seat" in messages[2] and "会场" in messages[2]
    assert "4排3号 is not a seat of layout" in messages[3]
    assert "Rows 6 and 7" in messages[4] and "2排5号" in messages[4]
    assert all(
        p.location.file == "r.xlsx" and p.location.column == "座位" for p in err.value.problems
    )
    assert all(p.hint for p in err.value.problems)


def test_a_pin_on_a_reserved_seat() -> None:
    layout = load_layout("auditorium-1500")  # 二楼 has a 列席 area at the left of each row
    people = [leader(1, "甲一"), member(2, "甲局", seat="二楼1排 8号", source_row=3)]
    with pytest.raises(UserError) as err:
        make_plan(Roster(tuple(people)), layout, Settings())
    [problem] = err.value.problems
    assert "列席 area" in problem.message and "会场" in problem.message


def test_a_close_seat_is_suggested() -> None:
    people = [leader(1, "甲一"), member(2, "甲局", seat="3排12号", source_row=3)]
    with pytest.raises(UserError) as err:
        make_plan(Roster(tuple(people)), load_layout(ROOM), Settings())
    [problem] = err.value.problems
    assert "Did you mean" in problem.hint and "3排1" in problem.hint


# --- unit placement -------------------------------------------------------------


def placed_people() -> list[Attendee]:
    people = [leader(1, "甲一")]
    people += [member(i, "甲局") for i in range(2, 20)]
    people += [
        member(i, "公安局", attendance=Attendance.TENTATIVE if i == 22 else Attendance.PRESENT)
        for i in range(20, 26)
    ]
    people += [member(i, "丙局") for i in range(26, 40)]
    people.append(member(40, "公安局", substitute_for="人022"))
    return people


def test_a_placed_unit_stays_in_its_region_in_every_scenario() -> None:
    place = HallPlace("公安局", sections=(1,), rows=(4, 5, 6))
    settings = Settings(hall=HallSettings(place=(place,)))
    plan = make_plan(Roster(tuple(placed_people())), load_layout(HALL), settings)
    check_once(plan)
    for scenario in plan.scenarios:
        block = [a.seat for a in scenario.in_area("hall") if a.person.unit == "公安局"]
        assert block and all(s.section == 0 and s.row in (4, 5, 6) for s in block), scenario.id
    assert len([a for a in plan.base.in_area("hall") if a.person.unit == "公安局"]) == 6
    # the other units keep the office's order in the rest of the hall
    front = [a.seat for a in plan.base.in_area("hall") if a.person.unit == "甲局"]
    assert min(s.row for s in front) == 1


def test_an_impossible_placement_says_the_numbers() -> None:
    place = HallPlace("公安局", sections=(1,), rows=(1,))
    settings = Settings(hall=HallSettings(place=(place,)))
    with pytest.raises(UserError) as err:
        make_plan(Roster(tuple(placed_people())), load_layout(HALL), settings)
    [problem] = err.value.problems
    assert "hall.place[1]" in problem.message
    assert "6 people" in problem.message and "3 seats" in problem.message


def test_two_placements_overlapping_too_much() -> None:
    places = (
        HallPlace("甲局", sections=(2,), rows=(1, 2)),
        HallPlace("丙局", sections=(2,), rows=(2,)),
    )
    settings = Settings(hall=HallSettings(place=places))
    with pytest.raises(UserError) as err:
        make_plan(Roster(tuple(placed_people())), load_layout(HALL), settings)
    [problem] = err.value.problems
    assert "hall.place[2]" in problem.message and "of which 0 are free" in problem.message


def test_placements_checked_against_roster_and_layout() -> None:
    places = (
        HallPlace("公按局", rows=(1,)),
        HallPlace("甲局", floor="二楼"),
        HallPlace("丙局", sections=(4,), rows=(30,)),
    )
    settings = Settings(hall=HallSettings(place=places))
    with pytest.raises(UserError) as err:
        make_plan(Roster(tuple(placed_people())), load_layout(HALL), settings)
    keys = [p.location.key for p in err.value.problems]
    assert keys == [
        "hall.place[1].unit",
        "hall.place[2].floor",
        "hall.place[3].sections",
        "hall.place[3].rows",
    ]
    assert "Did you mean 公安局?" in err.value.problems[0].hint


def write_toml(tmp_path: Path, text: str) -> Path:
    (tmp_path / "meeting.toml").write_text(
        '[meeting]\nroster = "r.xlsx"\nlayout = "lecture-hall-200"\n' + text, encoding="utf-8"
    )
    return tmp_path


def test_hall_place_in_meeting_toml(tmp_path: Path) -> None:
    folder = write_toml(
        tmp_path,
        '[[hall.place]]\nunit = "县公安局"\nfloor = ""\nsections = [1]\nrows = "1-3"\n'
        '[[hall.place]]\nunit = "县法院"\nrows = [5, "7~8"]\n',
    )
    config = load_config(folder)
    assert config.settings.hall.place == (
        HallPlace("县公安局", "", (1,), (1, 2, 3)),
        HallPlace("县法院", "", (), (5, 7, 8)),
    )


def test_hall_place_validation_names_each_key(tmp_path: Path) -> None:
    folder = write_toml(
        tmp_path,
        '[[hall.place]]\nunit = "县公安局"\nrows = [0]\n'
        '[[hall.place]]\nsections = "左"\ndoor = 1\n'
        '[[hall.place]]\nunit = "县公安局"\n',
    )
    with pytest.raises(UserError) as err:
        load_config(folder)
    found = [(p.location.key, p.message) for p in err.value.problems]
    keys = [k for k, _m in found]
    assert keys == [
        "hall.place[1].rows",
        "hall.place[2].sections",
        "hall.place[2].door",
        "hall.place[2].unit",
        "hall.place[3].unit",
    ]
    assert "numbers of 1 or more" in found[0][1]
    assert "has no unit" in found[3][1]
    assert "placed twice" in found[4][1]
