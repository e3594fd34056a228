"""The banquet (PROTOCOL.md §8): table ranks, places at a table, who sits where, and
every message for a wrong room, setting or roster."""

from __future__ import annotations

from pathlib import Path

import pytest
from roster_files import write_xlsx

from meetplan.banquet import (
    assign,
    load_room,
    parse_banquet,
    rank_tables,
    seat_order,
    shipped_rooms,
)
from meetplan.banquet.geometry import chair_points, main_right
from meetplan.banquet.report import terminal_lines
from meetplan.banquet.room import MAX_TABLES, ROOM_METRES, TABLE_SEATS, parse_room, read_room
from meetplan.banquet.seating import HANDS, hand_chair, places, seat_words
from meetplan.layouts import shipped_layouts
from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.banquet import (
    BanquetPin,
    BanquetPlan,
    BanquetSettings,
    HostOrder,
    Include,
    Role,
    SecondGuest,
    Shape,
    Sides,
    TableOrder,
    parse_banquet_seat,
)
from meetplan.model.errors import UserError
from meetplan.roster.load import load_roster

A, B = SecondGuest.HOST_LEFT, SecondGuest.SECOND_HOST_RIGHT

# -- people ------------------------------------------------------------------------------


def person(
    pid: int,
    name: str,
    side: str = "客方",
    *,
    unit: str = "",
    rank: int | None = None,
    dines: str = "是",
    seat: str = "",
    attendance: Attendance = Attendance.PRESENT,
    area: Area = Area.HALL,
) -> Attendee:
    extra = {k: v for k, v in (("宴会", dines), ("主客", side), ("宴会座位", seat)) if v}
    return Attendee(
        pid,
        name,
        pid if rank is None else rank,
        unit=unit,
        extra=extra,
        source_row=pid + 1,
        attendance=attendance,
        area=area,
    )


def roster(*people: Attendee) -> Roster:
    return Roster(tuple(people), "roster.xlsx")


def crowd(
    hosts: int, guests: int, units: tuple[str, ...] = ("甲单位", "乙单位", "丙单位")
) -> Roster:
    """``hosts`` host-side people (主1 …) then ``guests`` guests (客1 …), ranked in that order."""
    people = [person(i, f"主{i}", "主方", unit="县委") for i in range(1, hosts + 1)]
    people += [
        person(hosts + i, f"客{i}", unit=units[(i - 1) % len(units)]) for i in range(1, guests + 1)
    ]
    return roster(*people)


def seats_of(plan: BanquetPlan, number: int) -> dict[str, tuple[int, int, Role]]:
    """name -> (place, chair, role) at one table."""
    return {s.person.name: (s.place, s.chair, s.role) for s in plan.tables[number - 1].seats}


def messages(error: pytest.ExceptionInfo[UserError]) -> str:
    return "\n".join(f"{p.message} | {p.hint} | {p.location}" for p in error.value.problems)


# -- table ranks: 面门、居中、以远、以右 ------------------------------------------------------


def test_shipped_rooms_are_not_hall_layouts() -> None:
    assert {p.stem for p in shipped_rooms()} == {"banquet-hall-10", "banquet-room-3"}
    assert not [p for p in shipped_layouts() if p.name.startswith("banquet-")]


def test_the_ten_table_hall_ranks_rows_from_the_far_wall_centre_out_right_first() -> None:
    room = load_room("banquet-hall-10")
    assert len(room.tables) == 10 and room.places == 102
    order = [(t.x, t.y) for t in rank_tables(room)]
    assert order == [
        (12.0, 16.0),  # 1 主桌: faces the door (面门), on its axis, against the far wall
        (5.0, 16.0),  # 2: first row, on the main table's right (the sheet's left: 以右)
        (19.0, 16.0),  # 3
        (12.0, 11.0),  # 4: second row (以远), its centre first (居中)
        (5.0, 11.0),  # 5: then the main table's right
        (19.0, 11.0),  # 6
        (9.0, 5.5),  # 7: the row by the door, the two inner tables first (居中), right first
        (15.0, 5.5),  # 8
        (3.5, 5.5),  # 9
        (20.5, 5.5),  # 10
    ]


def test_the_three_table_room_ranks_the_main_table_then_its_right() -> None:
    room = load_room("banquet-room-3")
    assert [(t.x, t.y) for t in rank_tables(room)] == [(5.5, 6.3), (2.8, 2.6), (8.2, 2.6)]
    assert main_right(room) == (
        -1.0,
        0.0,
    )  # facing the door in the bottom wall: right is the sheet's left


def room_text(door: str, tables: str, width: float = 20, depth: float = 20) -> str:
    return f'title = "厅"\nwidth = {width}\ndepth = {depth}\n{door}\n{tables}'


def tables_toml(*tables: tuple[float, float, bool]) -> str:
    return "".join(
        f"[[tables]]\nx = {x}\ny = {y}\nseats = 10\n" + ("main = true\n" if main else "")
        for x, y, main in tables
    )


def write_room(tmp_path: Path, text: str, name: str = "banquet-test.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ranks_are_measured_from_the_door_wherever_it_is(tmp_path: Path) -> None:
    # door in the left wall: the far wall is the right one; a person at the main table
    # facing the door (west) has their right hand to the north (up the sheet)
    tables = tables_toml((17, 10, True), (17, 15, False), (17, 5, False), (10, 10, False))
    room = read_room(write_room(tmp_path, room_text('[door]\nwall = "left"\nat = 10', tables)))
    assert [(t.x, t.y) for t in rank_tables(room)] == [(17, 10), (17, 15), (17, 5), (10, 10)]
    # door in the top wall: right is the sheet's right
    tables = tables_toml((10, 3, True), (15, 3, False), (5, 3, False))
    room = read_room(write_room(tmp_path, room_text('[door]\nwall = "top"\nat = 10', tables)))
    assert [(t.x, t.y) for t in rank_tables(room)] == [(10, 3), (15, 3), (5, 3)]


def test_centre_before_right_within_a_row_and_rows_before_centre(tmp_path: Path) -> None:
    tables = tables_toml((10, 17, True), (13, 12, False), (4, 12, False), (10, 6, False))
    room = read_room(write_room(tmp_path, room_text('[door]\nwall = "bottom"\nat = 10', tables)))
    # row 2: (13, 12) is 3 m off the axis on the left, (4, 12) 6 m off on the right: 居中 first;
    # the table by the door on the axis comes after the whole row (以远)
    assert [(t.x, t.y) for t in rank_tables(room)] == [(10, 17), (13, 12), (4, 12), (10, 6)]
    # near-main: nearest the main table first
    near = rank_tables(room, TableOrder.NEAR_MAIN)
    assert [(t.x, t.y) for t in near] == [(10, 17), (13, 12), (4, 12), (10, 6)]
    tables = tables_toml((10, 17, True), (3, 17, False), (10, 12, False))
    room = read_room(write_room(tmp_path, room_text('[door]\nwall = "bottom"\nat = 10', tables)))
    assert [(t.x, t.y) for t in rank_tables(room)] == [(10, 17), (3, 17), (10, 12)]
    assert [(t.x, t.y) for t in rank_tables(room, TableOrder.NEAR_MAIN)] == [
        (10, 17),
        (10, 12),
        (3, 17),
    ]


# -- places at one table ------------------------------------------------------------------

# Chair 0 is the 主陪's (facing the door); chairs count round the table to the 主陪's right.
# seat_order(n)[i] is the chair of place i + 1: 主陪, 副主陪, 1st guest, 2nd guest …
SEAT_ORDERS = {
    2: ([0, 1], [0, 1]),
    3: ([0, 2, 1], [0, 2, 1]),
    4: ([0, 2, 1, 3], [0, 2, 1, 3]),
    5: ([0, 3, 1, 4, 2], [0, 3, 1, 4, 2]),
    6: ([0, 3, 1, 5, 4, 2], [0, 3, 1, 4, 5, 2]),
    7: ([0, 4, 1, 6, 5, 3, 2], [0, 4, 1, 5, 6, 3, 2]),
    8: ([0, 4, 1, 7, 5, 3, 2, 6], [0, 4, 1, 5, 7, 3, 2, 6]),
    9: ([0, 5, 1, 8, 6, 4, 2, 7, 3], [0, 5, 1, 6, 8, 4, 2, 7, 3]),
    10: ([0, 5, 1, 9, 6, 4, 2, 8, 7, 3], [0, 5, 1, 6, 9, 4, 2, 7, 8, 3]),
    11: ([0, 6, 1, 10, 7, 5, 2, 9, 8, 4, 3], [0, 6, 1, 7, 10, 5, 2, 8, 9, 4, 3]),
    12: ([0, 6, 1, 11, 7, 5, 2, 10, 8, 4, 3, 9], [0, 6, 1, 7, 11, 5, 2, 8, 10, 4, 3, 9]),
}


@pytest.mark.parametrize("n", sorted(SEAT_ORDERS))
def test_seat_order_at_a_round_table_both_variants(n: int) -> None:
    host_left, second_host_right = SEAT_ORDERS[n]
    assert seat_order(n, A) == host_left
    assert seat_order(n, B) == second_host_right
    for order in (host_left, second_host_right):
        assert sorted(order) == list(range(n))  # every chair once


@pytest.mark.parametrize("n", range(4, 13))
@pytest.mark.parametrize("variant", [A, B])
def test_the_first_four_guests_by_the_rule(n: int, variant: SecondGuest) -> None:
    order = seat_order(n, variant)
    second = order[1]
    assert second == (n + 1) // 2  # the 副主陪 opposite the 主陪
    right, left = ("主陪", "右"), ("主陪", "左")
    assert order[2] == hand_chair(n, right, 1) == 1  # 主宾 on the 主陪's right
    second_guest = hand_chair(n, left, 1) if variant is A else hand_chair(n, ("副主陪", "右"), 1)
    assert order[3] == second_guest
    if n >= 6:  # the 3rd and 4th by the 副主陪 (A), or on the 主陪's left then the 副主陪's (B)
        expected = [order for order in (HANDS[variant][2], HANDS[variant][3])]
        assert order[4:6] == [hand_chair(n, hand, 1) for hand in expected]


def test_a_long_table_seats_the_same_way() -> None:
    # far side (the 主陪's) 0..4: 0 the 主陪, 1, 2 to his right, 3, 4 to his left;
    # near side 5..9: 5 the 副主陪, 6, 7 to his right, 8, 9 to his left
    assert seat_order(10, A, Shape.LONG) == [0, 5, 1, 3, 6, 8, 2, 4, 7, 9]
    assert seat_order(10, B, Shape.LONG) == [0, 5, 1, 6, 3, 8, 2, 7, 4, 9]
    for n in range(1, 25):
        assert sorted(seat_order(n, A, Shape.LONG)) == list(range(n))


def test_chairs_round_the_table_go_to_the_hosts_right() -> None:
    room = load_room("banquet-room-3")
    main = room.main
    points = chair_points(room, main, 10)
    host, first = points[0], points[1]
    assert host[1] > main.y  # the 主陪 on the far side, facing the door (bottom wall)
    assert abs(host[0] - main.x) < 1e-9
    assert first[0] < host[0]  # his right hand: the sheet's left
    assert points[5][1] < main.y  # the 副主陪 opposite, with his back to the door
    assert seat_words(10, 0) == "主陪位" and seat_words(10, 5) == "副主陪位"
    assert seat_words(10, 1) == "主陪右手第1位" and seat_words(10, 9) == "主陪左手第1位"
    assert seat_words(10, 6) == "副主陪右手第1位"


def test_places_ring_by_ring() -> None:
    assert [p.ring for p in places(10)] == [0, 0, 1, 1, 1, 1, 2, 2, 2, 2]


# -- people ------------------------------------------------------------------------------


def test_hosts_by_rank_guests_by_rank_to_tables_in_order() -> None:
    room = load_room("banquet-room-3")
    plan = assign(crowd(6, 24), room, BanquetSettings(room="banquet-room-3"))
    assert [t.chairs for t in plan.tables] == [10, 10, 10]
    main, second, third = (seats_of(plan, n) for n in (1, 2, 3))
    # main-table-first: the main table's 主陪 and 副主陪 are hosts 1 and 2, then the others' 主陪
    assert main["主1"][2] is Role.HOST and main["主2"][2] is Role.SECOND_HOST
    assert second["主3"][2] is Role.HOST and third["主4"][2] is Role.HOST
    assert second["主5"][2] is Role.SECOND_HOST and third["主6"][2] is Role.SECOND_HOST
    # guests by rank to the tables in table order
    assert {n for n in main if n.startswith("客")} == {f"客{i}" for i in range(1, 9)}
    assert {n for n in second if n.startswith("客")} == {f"客{i}" for i in range(9, 17)}
    assert main["客1"][:3] == (3, 1, Role.FIRST_GUEST)  # 主宾 on the 主陪's right
    assert main["客2"][:3] == (4, 9, Role.SECOND_GUEST)  # 2nd guest on the 主陪's left


def test_hosts_first_gives_every_table_a_host_before_any_second_host() -> None:
    room = load_room("banquet-room-3")
    settings = BanquetSettings(host_order=HostOrder.HOSTS_FIRST)
    plan = assign(crowd(6, 24), room, settings)
    assert [t.by_role(Role.HOST).person.name for t in plan.used] == ["主1", "主2", "主3"]  # type: ignore[union-attr]
    assert [t.by_role(Role.SECOND_HOST).person.name for t in plan.used] == ["主4", "主5", "主6"]  # type: ignore[union-attr]


def test_the_second_guest_variant_moves_the_second_guest_by_the_second_host() -> None:
    room = load_room("banquet-room-3")
    plan = assign(crowd(2, 8), room, BanquetSettings(second_guest=B))
    assert seats_of(plan, 1)["客2"][1] == 6  # the 副主陪 (chair 5)'s right


def test_host_side_and_guests_interleave() -> None:
    room = load_room("banquet-room-3")
    plan = assign(crowd(6, 4), room, BanquetSettings())
    table = plan.tables[0]
    assert table.chairs == 10
    by_chair = {s.chair: s for s in table.seats}
    sides = [by_chair[c].host_side for c in range(10)]
    assert sides.count(False) == 4
    for c in range(10):  # no two guests side by side: each guest between two hosts
        assert sides[c] or sides[(c + 1) % 10]
    assert {s.chair for s in table.seats if not s.host_side} == {1, 9, 6, 4}


def test_fewer_people_than_places_spreads_the_empty_places() -> None:
    room = load_room("banquet-hall-10")
    plan = assign(crowd(10, 31), room, BanquetSettings())
    assert [t.chairs for t in plan.used] == [12, 10, 10, 9]  # 41 people, the fewest tables
    plan = assign(crowd(10, 33), room, BanquetSettings())
    assert [t.chairs for t in plan.used] == [10, 9, 8, 8, 8]  # 43: one more table, all as full
    assert sum(t.chairs for t in plan.tables) == 43
    plan = assign(crowd(2, 11), room, BanquetSettings())
    assert [t.chairs for t in plan.used] == [7, 6]  # never one person left alone at a table


def test_keep_units_keeps_a_guest_unit_at_one_table() -> None:
    people = [person(i, f"主{i}", "主方") for i in range(1, 5)]
    units = ["甲", "乙", "甲", "丙", "乙", "甲", "丙", "乙", "甲", "丙", "丁", "丁", "丁", "丁"]
    people += [person(4 + i, f"客{i}", unit=u) for i, u in enumerate(units, start=1)]
    room = load_room("banquet-room-3")
    apart = assign(roster(*people), room, BanquetSettings())
    kept = assign(roster(*people), room, BanquetSettings(keep_units=True))

    def tables_of(plan: BanquetPlan) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for table in plan.used:
            for s in table.seats:
                if not s.host_side:
                    out.setdefault(s.person.unit, set()).add(table.number)
        return out

    assert any(len(t) > 1 for t in tables_of(apart).values())
    assert all(len(t) == 1 for t in tables_of(kept).values())
    assert not kept.notes
    # a unit too large for the places left for guests at any table is split, and said so
    units = ["甲", "乙", "甲", "丙", "乙", "甲", "丙", "乙", "甲", "丙", "乙", "丙", "甲", "乙"]
    people[4:] = [person(4 + i, f"客{i}", unit=u) for i, u in enumerate(units, start=1)]
    split = assign(roster(*people), room, BanquetSettings(keep_units=True))
    assert [n.message for n in split.notes] == [
        "丙: its 4 guests do not fit at one table with the places left for guests; "
        "they sit at tables 1, 2."
    ]


def test_named_hosts_and_pins() -> None:
    people = [
        person(1, "甲", "主方"),
        person(2, "乙", "主方"),
        person(3, "丙", "主方", seat="2号桌主陪"),
        person(4, "丁", "主方"),
        *(person(4 + i, f"客{i}") for i in range(1, 15)),
        person(19, "戊", seat="3号桌"),
        person(20, "己", seat="1号桌主宾", rank=20),
    ]
    settings = BanquetSettings(hosts={1: "乙"}, second_hosts={1: "甲"})
    plan = assign(roster(*people), load_room("banquet-room-3"), settings)
    main, second, third = (seats_of(plan, n) for n in (1, 2, 3))
    assert main["乙"][2] is Role.HOST and main["甲"][2] is Role.SECOND_HOST
    assert second["丙"][2] is Role.HOST
    assert main["己"][:3] == (3, 1, Role.FIRST_GUEST)  # pinned 主宾 though ranked last
    assert "戊" in third


def test_previous_tables_are_kept_where_they_still_have_room() -> None:
    room = load_room("banquet-room-3")
    first = assign(crowd(6, 20), room, BanquetSettings())
    table_of = {s.person.id: t.number for t in first.tables for s in t.seats}
    # a new guest who outranks everyone: the others stay where they were
    people = (person(100, "新客", rank=0), *crowd(6, 20).attendees)
    again = assign(roster(*people), room, BanquetSettings(), previous=table_of)
    moved = [
        s.person.name
        for t in again.tables
        for s in t.seats
        if s.person.id in table_of and table_of[s.person.id] != t.number
    ]
    assert moved == []
    fresh = assign(roster(*people), room, BanquetSettings())
    assert any(
        table_of[s.person.id] != t.number
        for t in fresh.tables
        for s in t.seats
        if s.person.id in table_of
    )


def test_who_dines() -> None:
    people = [
        person(1, "甲", "主方"),
        person(2, "乙", dines=""),  # blank: include decides
        person(3, "丙", dines="否"),
        person(4, "丁", attendance=Attendance.ABSENT),
        person(5, "戊", dines="", area=Area.STAFF),
        person(6, "己", dines="", seat="1号桌"),  # a pin is a 是
    ]
    marked = assign(roster(*people), load_room("banquet-room-3"), BanquetSettings())
    assert {s.person.name for t in marked.tables for s in t.seats} == {"甲", "己"}
    everyone = assign(
        roster(*people), load_room("banquet-room-3"), BanquetSettings(include=Include.ALL)
    )
    assert {s.person.name for t in everyone.tables for s in t.seats} == {"甲", "乙", "己"}
    assert {p.name for p in everyone.not_dining} == {"丙", "丁", "戊"}


def test_sides_by_unit() -> None:
    people = [
        person(1, "甲", "", unit="县委"),
        person(2, "乙", "", unit="省厅"),
        person(3, "丙", "主方", unit="省厅"),
    ]
    settings = BanquetSettings(sides=Sides.UNITS, host_units=("县委",))
    plan = assign(roster(*people), load_room("banquet-room-3"), settings)
    assert {s.person.name: s.host_side for s in plan.tables[0].seats} == {
        "甲": True,
        "乙": False,
        "丙": True,
    }


def test_terminal_lines() -> None:
    plan = assign(crowd(3, 9), load_room("banquet-room-3"), BanquetSettings())
    lines = terminal_lines(plan)
    assert lines[0] == "Banquet in 小餐厅 (banquet-room-3): 2 of 3 tables set, 12 of 30 places."
    assert "Host side (主方) 3, guest side (客方) 9" in lines[1]
    assert "Table 1, 6 chairs: 主桌" in lines[2]
    assert lines[3].strip().split("  ")[:3] == ["主陪 主1", "副主陪 主2", "主宾 客1"]
    assert lines[-1] == "  Not set: tables 3."


# -- errors ------------------------------------------------------------------------------


def test_more_people_than_places_says_how_many_short_and_what_to_change() -> None:
    with pytest.raises(UserError) as error:
        assign(crowd(5, 30), load_room("banquet-room-3"), BanquetSettings())
    (problem,) = error.value.problems
    assert (
        problem.message == "35 people dine, but room banquet-room-3 has 30 places: 5 places short."
    )
    assert "larger room (banquet.room)" in problem.hint and "宴会 = 是" in problem.hint
    assert problem.location.key == "tables" and problem.location.file.endswith(
        "banquet-room-3.toml"
    )


@pytest.mark.parametrize(
    ("host", "said"),
    [
        (person(9, "请假人", "主方", attendance=Attendance.ABSENT), "is on leave (请假)"),
        (person(9, "不吃人", "主方", dines="否"), "is marked 宴会 = 否"),
    ],
)
def test_a_named_host_who_is_not_attending(host: Attendee, said: str) -> None:
    people = roster(person(1, "甲", "主方"), person(2, "乙"), host)
    with pytest.raises(UserError) as error:
        assign(people, load_room("banquet-room-3"), BanquetSettings(hosts={2: host.name}))
    (problem,) = error.value.problems
    assert problem.message == (
        f"{host.name}, named the host (主陪) of table 2, is not attending the banquet: "
        f"{host.name} {said}."
    )
    assert problem.location.key == "banquet.hosts.2"


def test_a_named_host_not_on_the_roster_or_beyond_the_tables() -> None:
    people = roster(person(1, "甲", "主方"), person(2, "乙"))
    settings = BanquetSettings(hosts={1: "无此人"}, second_hosts={7: "甲"})
    with pytest.raises(UserError) as error:
        assign(people, load_room("banquet-room-3"), settings)
    text = messages(error)
    assert "无此人, named the host (主陪) of table 1, is not on the roster." in text
    assert "Table 7 is named in banquet.second_hosts, but room banquet-room-3 has 3 tables." in text


def test_host_side_empty() -> None:
    with pytest.raises(UserError) as error:
        assign(crowd(0, 5), load_room("banquet-room-3"), BanquetSettings())
    (problem,) = error.value.problems
    assert problem.message.startswith("The host side (主方) is empty: nobody of the 5 people")
    assert problem.location.column == "主客" and "主客 = 主方" in problem.hint
    settings = BanquetSettings(sides=Sides.UNITS, host_units=("县委",))
    with pytest.raises(UserError) as error:
        assign(crowd(0, 5), load_room("banquet-room-3"), settings)
    assert error.value.problems[0].location.key == "banquet.host_units"


def test_nobody_dines() -> None:
    with pytest.raises(UserError) as error:
        assign(roster(person(1, "甲", dines="")), load_room("banquet-room-3"), BanquetSettings())
    assert error.value.problems[0].message == "Nobody on the roster dines at the banquet."
    assert 'include = "all"' in error.value.problems[0].hint


def test_wrong_pins() -> None:
    people = [
        person(1, "甲", "主方", seat="1号桌主陪"),
        person(2, "乙", "主方", seat="1号桌主陪"),
        person(3, "丙", seat="9号桌"),
        *(person(3 + i, f"客{i}", seat="3号桌") for i in range(1, 12)),
    ]
    with pytest.raises(UserError) as error:
        assign(roster(*people), load_room("banquet-room-3"), BanquetSettings())
    text = messages(error)
    assert "甲 and 乙 are both placed as 主陪 of table 1." in text
    assert (
        "Row 4: 丙's banquet seat 9号桌 names table 9, but room banquet-room-3 has 3 tables."
        in text
    )
    assert "Table 3 has 10 seats, but 11 people are placed at it" in text


def test_a_pin_and_a_named_host_that_disagree() -> None:
    people = roster(person(1, "甲", "主方", seat="2号桌"), person(2, "乙"))
    with pytest.raises(UserError) as error:
        assign(people, load_room("banquet-room-3"), BanquetSettings(hosts={1: "甲"}))
    assert error.value.problems[0].message == "甲 is placed at table 1 and at table 2."


# -- room files --------------------------------------------------------------------------


def room_problems(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    with pytest.raises(UserError) as error:
        read_room(write_room(tmp_path, text))
    return [(p.message, p.location.key) for p in error.value.problems]


def test_a_room_without_a_door(tmp_path: Path) -> None:
    problems = room_problems(tmp_path, room_text("", tables_toml((10, 15, True))))
    assert problems == [
        (
            "The room has no door: its tables are ranked from the door, and every table's host "
            "faces it.",
            "door",
        )
    ]


def test_overlapping_tables(tmp_path: Path) -> None:
    tables = tables_toml((10, 15, True), (12, 15, False))
    problems = room_problems(tmp_path, room_text('[door]\nwall = "bottom"\nat = 10', tables))
    assert problems == [
        (
            "Tables 1 and 2 overlap (their chairs included): (10.0, 15.0) and (12.0, 15.0).",
            "tables[2]",
        )
    ]


def test_main_table_missing_or_twice_door_off_its_wall_table_outside(tmp_path: Path) -> None:
    tables = tables_toml((10, 15, False), (4, 5, False))
    assert room_problems(tmp_path, room_text('[door]\nwall = "bottom"\nat = 10', tables)) == [
        ("No table is the main table (主桌).", "tables")
    ]
    tables = tables_toml((10, 15, True), (4, 5, True))
    problems = room_problems(tmp_path, room_text('[door]\nwall = "bottom"\nat = 10', tables))
    assert problems[0][1] == "tables[2].main" and "one main table" in problems[0][0]
    tables = tables_toml((10, 15, True), (19.5, 5, False))
    problems = room_problems(tmp_path, room_text('[door]\nwall = "left"\nat = 19.5', tables))
    assert [key for _m, key in problems] == ["door.at", "tables[2]"]
    assert "does not fit in the left wall" in problems[0][0]


def test_room_schema_errors_are_located(tmp_path: Path) -> None:
    text = room_text(
        '[door]\nwall = "front"\nat = 10',
        "[[tables]]\nx = 10\ny = 10\nseats = 30\nmain = true\nlegs = 4\n",
    )
    problems = room_problems(tmp_path, text)
    assert ("Unknown key 'legs'.", "tables[1].legs") in problems
    assert ("Expected one of bottom, top, left, right, found 'front'.", "door.wall") in problems
    assert ("Expected a number from 2 to 24, found 30.", "tables[1].seats") in problems


def test_room_limits_match_the_schema() -> None:
    import json

    from meetplan.resources import schema_dir

    schema = json.loads((schema_dir() / "banquet.schema.json").read_text("utf-8"))
    assert schema["properties"]["tables"]["maxItems"] == MAX_TABLES
    assert schema["properties"]["tables"]["items"]["properties"]["seats"]["maximum"] == TABLE_SEATS
    assert schema["properties"]["width"]["maximum"] == ROOM_METRES


def test_a_room_is_found_in_the_meeting_folder_first(tmp_path: Path) -> None:
    (tmp_path / "layouts").mkdir()
    own = (Path(shipped_rooms()[1]).read_text("utf-8")).replace(
        'title = "小餐厅"', 'title = "本单位餐厅"'
    )
    (tmp_path / "layouts" / "banquet-room-3.toml").write_text(own, "utf-8")
    assert load_room("banquet-room-3", tmp_path).title == "本单位餐厅"
    assert load_room("room-3").title == "小餐厅"  # the banquet- prefix may be left out
    with pytest.raises(UserError) as error:
        load_room("banquet-hall-11")
    assert error.value.problems[0].message == "Banquet room not found: banquet-hall-11"
    assert "Did you mean banquet-hall-10" in error.value.problems[0].hint


def test_nan_is_not_a_distance(tmp_path: Path) -> None:
    text = room_text('[door]\nwall = "bottom"\nat = nan', tables_toml((10, 15, True)))
    assert room_problems(tmp_path, text) == [("Expected a number of metres, found nan.", "door.at")]


def test_parse_room_checks_the_size_first() -> None:
    data = {"title": "x", "tables": [{"x": 1}] * 30_000}
    with pytest.raises(UserError) as error:
        parse_room(data, "big", "big.toml")
    assert "more than 20,000 values" in error.value.problems[0].message


# -- [banquet] ----------------------------------------------------------------------------


def test_banquet_settings_defaults_and_values() -> None:
    settings, problems = parse_banquet({}, "meeting.toml")
    assert settings == BanquetSettings() and problems == []
    raw = {
        "room": "banquet-room-3",
        "include": "all",
        "sides": "units",
        "host_units": ["县委", "县政府"],
        "hosts": {"1": "张 建国", "主桌": "x"},
        "second_hosts": ["李华", "", "王强"],
        "host_order": "hosts-first",
        "second_guest": "second-host-right",
        "table_order": "near-main",
        "keep_units": True,
        "card_size": "120x100",
        "number_size": "A5",
        "main_table_label": "主宾桌",
    }
    settings, problems = parse_banquet(raw, "meeting.toml")
    assert [p.message for p in problems] == ["Table 1 is named twice in banquet.hosts."]
    assert settings.hosts == {1: "张建国"} and settings.second_hosts == {1: "李华", 3: "王强"}
    assert settings.include is Include.ALL and settings.sides is Sides.UNITS
    assert settings.second_guest is B and settings.keep_units and settings.card_size == "120x100"
    assert parse_banquet({"host_order": "main-table-first"}, "m")[0] == BanquetSettings()


def test_banquet_settings_errors_name_their_key() -> None:
    raw = {
        "rooms": "x",
        "include": "some",
        "keep_units": "yes",
        "card_size": "10x10",
        "hosts": {"one": "甲"},
        "sides": "units",
    }
    _settings, problems = parse_banquet(raw, "meeting.toml")
    keys = {p.location.key for p in problems}
    assert keys == {
        "banquet.rooms",
        "banquet.include",
        "banquet.keep_units",
        "banquet.card_size",
        "banquet.hosts.one",
        "banquet.host_units",
    }
    assert all(p.location.file == "meeting.toml" for p in problems)
    assert parse_banquet("x", "meeting.toml")[1][0].message == "[banquet] must be a table."


# -- the roster's columns ------------------------------------------------------------------


def test_pins_as_offices_write_them() -> None:
    assert parse_banquet_seat("3号桌") == BanquetPin(3)
    assert parse_banquet_seat(" 第 3 桌 ") == BanquetPin(3)
    assert parse_banquet_seat("３号桌主陪") == BanquetPin(3, Role.HOST)
    assert parse_banquet_seat("十二号桌副主陪") == BanquetPin(12, Role.SECOND_HOST)
    assert parse_banquet_seat("主桌主宾") == BanquetPin(1, Role.FIRST_GUEST)
    assert parse_banquet_seat("1号桌副主宾").label == "1号桌副主宾"  # type: ignore[union-attr]
    for wrong in ("3号", "桌3", "0号桌", "99999号桌", "3号桌第2位", "主席台第1排第3座"):
        assert parse_banquet_seat(wrong) is None, wrong


def test_roster_columns_for_the_banquet(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        [
            ["姓名", "单位", "宴会", "主客", "宴会座位"],
            ["张建国", "县委", "是", "主方", "主桌 主陪"],
            ["李明", "省厅", "√", "客", "1号桌主宾"],
            ["王伟", "省厅", "否", "", ""],
        ],
    )
    found, _warnings = load_roster(path)
    assert [p.extra for p in found.attendees] == [
        {"宴会": "是", "主客": "主方", "宴会座位": "1号桌主陪"},
        {"宴会": "是", "主客": "客方", "宴会座位": "1号桌主宾"},
        {"宴会": "否"},
    ]
    path = write_xlsx(
        tmp_path / "bad.xlsx", [["姓名", "宴会座位", "宴会"], ["张建国", "三楼", "也许"]]
    )
    with pytest.raises(UserError) as error:
        load_roster(path)
    text = messages(error)
    assert '"三楼" is not a banquet seat.' in text and "1号桌主陪" in text
    assert '"也许" is not a value this column accepts.' in text


# -- Chinese -----------------------------------------------------------------------------

BANQUET_SOURCES = (
    "banquet/seating.py",
    "banquet/room.py",
    "banquet/config.py",
    "banquet/report.py",
)
BANQUET_SOURCES += ("banquet/documents.py", "roster/columns.py", "layouts/__init__.py")


def test_every_banquet_message_has_chinese_with_the_same_placeholders() -> None:
    import re

    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    package = Path(__file__).resolve().parent.parent / "meetplan"
    known: dict[str, str] = {}
    locale = package / "locale" / "zh"
    # the catalogue, and the fragments not yet merged into it (tools/update_catalog.py)
    for po in [locale / "LC_MESSAGES" / "meetplan.po", *sorted(locale.glob("fragments/*.po"))]:
        with po.open("rb") as f:
            for message in read_po(f):
                if message.id:
                    msgid = message.id if isinstance(message.id, str) else message.id[0]
                    string = (
                        message.string if isinstance(message.string, str) else message.string[0]
                    )
                    known[msgid] = string
    placeholder = re.compile(r"\{(\w*)[^}]*\}")
    for source in BANQUET_SOURCES:
        found = extract_from_file(
            "python", package / source, keywords={"_": None, "ngettext": (1, 2)}
        )
        for _line, message, _comments, _context in found:
            for msgid in [message] if isinstance(message, str) else message:
                key = msgid if isinstance(message, str) else message[0]
                assert known.get(key), f"no Chinese for {key!r} ({source})"
                assert set(placeholder.findall(known[key])) == set(placeholder.findall(msgid)), key


def test_describe_room_lists_the_tables_in_rank_order() -> None:
    from meetplan.banquet.room import describe_room

    lines = describe_room(load_room("banquet-room-3"))
    assert lines[0] == "banquet-room-3: 小餐厅"
    assert lines[2] == "11.0 × 9.0 m, door in the bottom wall; 3 tables, 30 places."
    assert lines[3] == "  Table 1: 10 seats, round, at (5.5, 6.3) — main table (主桌)"
    assert lines[4] == "  Table 2: 10 seats, round, at (2.8, 2.6)"
