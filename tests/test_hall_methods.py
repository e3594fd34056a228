"""The hall methods as published (PROTOCOL.md §3): 横排法 from the start side and
蛇形, 竖排法 one column per delegation, 左右排列法 from the centre line, every
order mirrored under 右为上, and no unit ever wrapping from one end of a row to
the other end of the next."""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetplan.layouts import load_layout, shipped_layouts
from meetplan.meeting import load_config
from meetplan.model import Area, Attendee, HonorSide, ProtocolSettings, Roster, Settings
from meetplan.model.errors import UserError
from meetplan.model.geometry import seat_positions
from meetplan.model.layout import Floor, HallRow, Layout, Seat
from meetplan.model.plan import Plan
from meetplan.model.settings import ColumnOrder, HallMethod, HallSettings, RowOrder, WithinUnit
from meetplan.planning import make_plan
from meetplan.roster import load_roster

METHODS = list(HallMethod)
SIDES = list(HonorSide)


def hall(*rows: tuple[int, ...]) -> Layout:
    """One floor; each argument is a row's sections, front row first."""
    floor = Floor("", tuple(HallRow("", r, tuple(s)) for r, s in enumerate(rows, start=1)))
    return Layout("test", "测试厅", (3,), (floor,))


def people(sizes: list[int], *, ranked: bool = True, unit: str = "单位") -> list[Attendee]:
    out, i = [], 0
    for u, n in enumerate(sizes):
        for k in range(n):
            i += 1
            out.append(
                Attendee(
                    id=i,
                    name=f"人{u:02d}{k:02d}",
                    precedence=i if ranked else None,
                    unit=f"{unit}{u:02d}" if unit else "",
                    area=Area.HALL,
                )
            )
    return out


def plan_of(
    roster: list[Attendee],
    layout: Layout,
    method: HallMethod = HallMethod.ROWS,
    side: HonorSide = HonorSide.LEFT,
    **hall_settings: object,
) -> Plan:
    settings = Settings(
        protocol=ProtocolSettings(hall_method=method, honor_side=side),
        hall=HallSettings(**hall_settings),  # type: ignore[arg-type]
    )
    return make_plan(Roster(tuple(roster)), layout, settings)


def row_names(plan: Plan, row: int = 1) -> list[str]:
    """The names seated in a row, from the audience's left ("" for an empty seat)."""
    size = next(r.size for r in plan.layout.floors[0].rows if r.number == row)
    seated = {a.seat.col: a.person.name for a in plan.base.in_area("hall") if a.seat.row == row}
    return [seated.get(c, "") for c in range(1, size + 1)]


def grid(plan: Plan) -> dict[tuple[int, int], str]:
    return {(a.seat.row, a.seat.col): a.person.name for a in plan.base.in_area("hall")}


# -- 横排法


@pytest.mark.parametrize("side", SIDES)
def test_rows_seat_a_block_from_the_start_side_and_mirror(side: HonorSide) -> None:
    plan = plan_of(people([5]), hall((5,)), side=side)
    expected = ["人0000", "人0001", "人0002", "人0003", "人0004"]
    assert row_names(plan) == (expected if side is HonorSide.LEFT else expected[::-1])


@pytest.mark.parametrize("side", SIDES)
def test_rows_run_serpentine_so_a_unit_continues_behind_itself(side: HonorSide) -> None:
    plan = plan_of(people([4, 4]), hall((6,), (6,)), side=side)
    g = grid(plan)
    if side is HonorSide.LEFT:
        # row 1 left to right, row 2 right to left: 单位01's last two sit behind its first two
        assert [g.get((1, c)) for c in range(1, 7)] == [
            "人0000",
            "人0001",
            "人0002",
            "人0003",
            "人0100",
            "人0101",
        ]
        assert g[(2, 6)] == "人0102" and g[(2, 5)] == "人0103"
    else:
        assert [g.get((1, c)) for c in range(6, 0, -1)] == [
            "人0000",
            "人0001",
            "人0002",
            "人0003",
            "人0100",
            "人0101",
        ]
        assert g[(2, 1)] == "人0102" and g[(2, 2)] == "人0103"


def test_one_way_rows_still_never_wrap() -> None:
    # 4 + 4 people in rows of 6, every row left to right: 单位01 cannot take 5–6 of row 1
    # and 1–2 of row 2 (the other end); it starts row 2 instead.
    plan = plan_of(people([4, 4]), hall((6,), (6,)), row_order=RowOrder.ONE_WAY)
    g = grid(plan)
    assert {g.get((2, c)) for c in range(1, 5)} == {"人0100", "人0101", "人0102", "人0103"}
    assert g.get((1, 5)) is None and g.get((1, 6)) is None


# -- 竖排法


def test_columns_give_each_delegation_its_own_column_front_to_back() -> None:
    # a 4-seat-wide section, 6 deep, 4 delegations of 5: one column each, front to back
    plan = plan_of(people([5, 5, 5, 5]), hall(*[(4,)] * 6), HallMethod.COLUMNS)
    g = grid(plan)
    for u in range(4):
        assert [g.get((r, u + 1)) for r in range(1, 6)] == [f"人{u:02d}{k:02d}" for k in range(5)]


def test_columns_mirror_under_right_honour() -> None:
    plan = plan_of(people([5, 5]), hall(*[(4,)] * 6), HallMethod.COLUMNS, HonorSide.RIGHT)
    g = grid(plan)
    assert [g.get((r, 4)) for r in range(1, 6)] == [f"人00{k:02d}" for k in range(5)]
    assert [g.get((r, 3)) for r in range(1, 6)] == [f"人01{k:02d}" for k in range(5)]


def test_a_unit_deeper_than_the_section_takes_more_columns_side_by_side() -> None:
    plan = plan_of(people([9, 2]), hall(*[(4,)] * 6), HallMethod.COLUMNS)
    g = grid(plan)
    assert [g.get((r, 1)) for r in range(1, 7)] == [f"人00{k:02d}" for k in range(6)]
    assert [g.get((r, 2)) for r in range(1, 4)] == [f"人00{k:02d}" for k in range(6, 9)]
    assert [g.get((r, 3)) for r in range(1, 3)] == ["人0100", "人0101"]  # a column of its own


def test_columns_centre_out_alternate_from_the_centre_honour_side_first() -> None:
    plan = plan_of(
        people([3, 3, 3, 3]),
        hall(*[(6,)] * 4),
        HallMethod.COLUMNS,
        column_order=ColumnOrder.CENTRE_OUT,
    )
    g = grid(plan)
    # under 左为上 the honour half is the audience's right: 1st unit col 4, 2nd col 3, 3rd col 5
    assert g[(1, 4)] == "人0000" and g[(1, 3)] == "人0100" and g[(1, 5)] == "人0200"
    assert g[(1, 2)] == "人0300"


def test_more_units_than_columns_share_columns_with_a_warning() -> None:
    plan = plan_of(people([2, 2, 2, 2, 2, 2]), hall(*[(3,)] * 6), HallMethod.COLUMNS)
    assert len(plan.base.in_area("hall")) == 12
    assert_blocks(plan)


# -- 左右排列法


@pytest.mark.parametrize("side", SIDES)
def test_centre_out_individual_units_are_9_7_5_3_1_2_4_6_8(side: HonorSide) -> None:
    plan = plan_of(people([1] * 9), hall((9,)), HallMethod.CENTER_OUT, side)
    by_name = {f"人{u:02d}00": u + 1 for u in range(9)}
    ranks = [by_name[n] for n in row_names(plan)]
    expected = [9, 7, 5, 3, 1, 2, 4, 6, 8]
    assert ranks == (expected if side is HonorSide.LEFT else expected[::-1])


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("unit", ["单位", ""])
def test_centre_out_seats_individuals_of_one_unit_from_the_centre(
    side: HonorSide, unit: str
) -> None:
    plan = plan_of(people([9], unit=unit), hall((9,)), HallMethod.CENTER_OUT, side)
    ranks = [int(n[-2:]) + 1 for n in row_names(plan)]
    expected = [9, 7, 5, 3, 1, 2, 4, 6, 8]
    assert ranks == (expected if side is HonorSide.LEFT else expected[::-1])


def test_centre_out_with_a_single_person() -> None:
    plan = plan_of(people([1]), hall((5,)), HallMethod.CENTER_OUT)
    assert row_names(plan) == ["", "", "人0000", "", ""]


def test_centre_out_first_unit_straddles_the_centre_and_the_next_go_honour_then_other() -> None:
    plan = plan_of(people([3, 2, 2]), hall((11,)), HallMethod.CENTER_OUT)
    assert row_names(plan) == [
        "",
        "",
        "人0201",
        "人0200",
        "人0002",
        "人0000",
        "人0001",
        "人0100",
        "人0101",
        "",
        "",
    ]


# -- within a unit


def test_list_order_inside_a_unit_and_name_order_only_as_a_setting() -> None:
    names = ["张局长", "王副局长", "丁科员"]  # listed in this order, no 排序
    roster = [
        Attendee(id=i, name=n, precedence=None, unit="公安局", area=Area.HALL)
        for i, n in enumerate(names, 1)
    ]
    plan = plan_of(roster, hall((3,)))
    assert row_names(plan) == names
    by_strokes = plan_of(roster, hall((3,)), within_unit=WithinUnit.NAME_ORDER)
    assert row_names(by_strokes) == ["张局长", "丁科员", "王副局长"]  # head first, then strokes


# -- speakers


@pytest.mark.parametrize("method", METHODS)
def test_a_speaker_gets_an_aisle_seat_of_the_block_or_a_warning(method: HallMethod) -> None:
    roster = people([6, 6])
    for i in (2, 8):  # one speaker in each unit
        p = roster[i]
        roster[i] = Attendee(
            id=p.id, name=p.name, precedence=p.precedence, unit=p.unit, area=Area.HALL, speaker=True
        )
    plan = plan_of(roster, hall((5, 5), (5, 5), (5, 5)), method)
    aisle = {5, 6}
    for person_id in (3, 9):
        a = next(a for a in plan.base.assignments if a.person.id == person_id)
        block = {s.seat.col for s in plan.base.assignments if s.person.unit == a.person.unit}
        if block & aisle:
            assert a.seat.col in aisle, (method, a)
        else:
            assert any(a.person.name in n.message for n in plan.notes), (method, a)


def test_a_speaker_without_an_aisle_seat_is_told() -> None:
    roster = [
        Attendee(id=1, name="甲", precedence=None, unit="一局", area=Area.HALL),
        Attendee(id=2, name="乙", precedence=None, unit="一局", area=Area.HALL, speaker=True),
    ]
    plan = plan_of(roster, hall((4,)))
    from meetplan.solver import seat_hall

    result = seat_hall(roster, plan.layout, plan.settings)
    assert any("乙" in w.message and "aisle" in w.message for w in result.warnings)


# -- no unit ever wraps (property over random rosters and every shipped layout)


def blocks_of(plan: Plan) -> dict[str, list[Seat]]:
    out: dict[str, list[Seat]] = defaultdict(list)
    for a in plan.base.in_area("hall"):
        out[(a.person.area.value, a.person.unit)].append(a.seat)  # type: ignore[index]
    return out


def assert_blocks(plan: Plan) -> None:
    """Every unit's part in a row lies directly behind its part in the row before it
    (their spans across the floor overlap or touch); in 竖排法 the same for columns."""
    x = seat_positions(plan.layout)
    by_columns = plan.settings.protocol.hall_method is HallMethod.COLUMNS
    for unit, seats in blocks_of(plan).items():
        lines: dict[tuple, list[float]] = defaultdict(list)
        for s in seats:
            place = x[(s.floor, s.row, s.col)]
            if by_columns:
                lines[(s.floor, s.section, place)].append(s.row)
            else:
                lines[(s.floor, s.row)].append(place)
        keys = sorted(lines)
        for a, b in itertools.pairwise(keys):
            if a[0] != b[0]:
                continue  # another floor
            if by_columns and a[1] != b[1]:
                continue  # across an aisle: a new section
            a0, a1 = min(lines[a]), max(lines[a])
            b0, b1 = min(lines[b]), max(lines[b])
            assert b0 <= a1 + 1.01 and a0 <= b1 + 1.01, (unit, a, lines[a], b, lines[b])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sizes=st.lists(st.integers(1, 40), min_size=1, max_size=25),
    method=st.sampled_from(METHODS),
    side=st.sampled_from(SIDES),
    order=st.sampled_from(list(RowOrder)),
    layout_name=st.sampled_from(sorted(p.stem for p in shipped_layouts() if "10000" not in p.stem)),
)
def test_no_unit_wraps_on_any_shipped_layout(
    sizes: list[int], method: HallMethod, side: HonorSide, order: RowOrder, layout_name: str
) -> None:
    layout = load_layout(layout_name)
    capacity = layout.hall_capacity
    while sum(sizes) > capacity * 6 // 10 and len(sizes) > 1:
        sizes = sizes[:-1]
    if sum(sizes) > capacity * 6 // 10:
        sizes = [max(1, capacity // 4)]
    try:
        plan = plan_of(people(sizes), layout, method, side, row_order=order)
    except UserError as error:
        # 左右排列法 keeps each unit in one half: a unit larger than the room left in
        # either half is refused with that message (sizes 1, 1, 16 in meeting-room-40)
        assert method is HallMethod.CENTER_OUT, error
        assert "does not fit as a block in either half" in error.problems[0].message
        return
    assert len(plan.base.in_area("hall")) == sum(sizes)
    assert_blocks(plan)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("example", ["county-plenary", "unit-meeting"])
def test_no_unit_wraps_in_the_shipped_examples(method: HallMethod, example: str) -> None:
    folder = Path(__file__).parent.parent / "examples" / example
    config = load_config(folder, overrides={"protocol": {"hall_method": method.value}})
    assert config.roster is not None
    roster, _warnings = load_roster(config.roster)
    plan = make_plan(roster, load_layout(config.layout, base=folder), config.settings)
    assert_blocks(plan)
