"""The hall solver: tiny instances with known optima, exhaustive checks, and properties
over every shipped layout and hall method."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetplan.layouts import load_layout, shipped_layouts
from meetplan.model import Area, Attendee, ProtocolSettings, Roster, Settings, UserError
from meetplan.model.geometry import seat_positions
from meetplan.model.layout import SeatUse, hall_seats
from meetplan.model.plan import SolveStatus
from meetplan.model.settings import HallMethod, HallSettings
from meetplan.planning import make_plan
from meetplan.solver.blocks import LaneUnits, costs, objective_of, solve_blocks
from meetplan.solver.chain import solve_chain
from meetplan.solver.lanes import LaneRules, build_lanes


def room(tmp_path: Path, floors: str) -> str:
    path = tmp_path / "room.toml"
    path.write_text('title = "测试厅"\n[rostrum]\nrows = [3]\n' + floors, encoding="utf-8")
    return str(path)


def people(sizes: list[int], area: Area = Area.HALL) -> list[Attendee]:
    out, i = [], 0
    for u, n in enumerate(sizes):
        for _ in range(n):
            i += 1
            out.append(
                Attendee(id=i, name=f"人{i:04d}", precedence=i, unit=f"单位{u:03d}", area=area)
            )
    return out


def seats_of(plan, unit: str) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return sorted(
        (a.seat.floor, a.seat.row, a.seat.col)
        for a in plan.base.assignments
        if a.person.unit == unit
    )


ONE_ROW = "[[floors]]\nrows = 1\nsections = [4, 4]\n"


def test_a_gap_beats_a_split_across_the_aisle(tmp_path: Path) -> None:
    plan = make_plan(
        Roster(tuple(people([3, 3]))), load_layout(room(tmp_path, ONE_ROW)), Settings()
    )
    assert seats_of(plan, "单位000") == [("", 1, 1), ("", 1, 2), ("", 1, 3)]
    assert seats_of(plan, "单位001") == [("", 1, 5), ("", 1, 6), ("", 1, 7)]
    report = plan.base.hall
    assert report is not None and report.status is SolveStatus.OPTIMAL
    assert dict(report.terms)["split_aisle"] == 0
    assert report.objective == 3 + 10  # one empty seat inside the block area, in a front row


def test_a_cheap_split_beats_a_gap(tmp_path: Path) -> None:
    cheap = Settings(hall=HallSettings(split_aisle=5))
    plan = make_plan(Roster(tuple(people([3, 3]))), load_layout(room(tmp_path, ONE_ROW)), cheap)
    assert seats_of(plan, "单位001") == [("", 1, 4), ("", 1, 5), ("", 1, 6)]
    assert plan.base.hall is not None and plan.base.hall.objective == 5


def test_a_unit_is_not_split_between_floors(tmp_path: Path) -> None:
    floors = "".join(
        f'[[floors]]\nname = "{n}"\nrows = 1\nsections = [5]\n' for n in ("一楼", "二楼")
    )
    plan = make_plan(Roster(tuple(people([3, 3]))), load_layout(room(tmp_path, floors)), Settings())
    assert {f for f, _r, _c in seats_of(plan, "单位001")} == {"二楼"}


def test_more_people_than_seats_says_by_how_much(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        make_plan(Roster(tuple(people([5, 5]))), load_layout(room(tmp_path, ONE_ROW)), Settings())
    message = err.value.problems[0].message
    assert "8 seats" in message and "10 people" in message and "2 short" in message


def test_unit_larger_than_any_section(tmp_path: Path) -> None:
    layout = load_layout(room(tmp_path, ONE_ROW))
    plan = make_plan(Roster(tuple(people([6]))), layout, Settings())
    assert any("larger than any section" in n.message for n in plan.notes)
    with pytest.raises(UserError) as err:
        make_plan(
            Roster(tuple(people([6]))), layout, Settings(hall=HallSettings(allow_unit_split=False))
        )
    assert "allow_unit_split" in err.value.problems[0].hint


def test_solver_is_deterministic() -> None:
    layout = load_layout("auditorium-600")
    roster = Roster(tuple(people([7, 12, 30, 5, 41, 9, 16, 3, 22])))
    first = make_plan(roster, layout, Settings())
    second = make_plan(roster, layout, Settings())
    assert [(a.seat, a.person.id) for a in first.base.assignments] == [
        (a.seat, a.person.id) for a in second.base.assignments
    ]


def brute_force(lane, sizes, windows, weights) -> int:  # type: ignore[no-untyped-def]
    """Every placement of the units within their windows, in order, without overlap."""
    best = None
    for starts in itertools.product(*(range(lo, hi + 1) for lo, hi in windows)):
        if any(starts[i] + sizes[i] > starts[i + 1] for i in range(len(sizes) - 1)):
            continue
        parts = [[] for _ in lane.segments]
        begins = [0, *itertools.accumulate(s.capacity for s in lane.segments)]
        for unit, (p, n) in enumerate(zip(starts, sizes, strict=True)):
            pos, left = p, n
            while left:
                s = max(i for i, b in enumerate(begins[:-1]) if b <= pos)
                take = min(begins[s + 1] - pos, left)
                parts[s].append((unit, pos - begins[s], take))
                pos, left = pos + take, left - take
        cost = objective_of(costs([LaneUnits(lane, tuple(sizes))], [parts], weights), weights)
        best = cost if best is None else min(best, cost)
    assert best is not None
    return best


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(1, 5), min_size=1, max_size=4),
    st.lists(st.integers(1, 4), min_size=2, max_size=4),
    st.integers(1, 3),
)
def test_chain_optimum_equals_exhaustive_search(
    sizes: list[int], sections: list[int], rows: int
) -> None:
    total = sum(sections) * rows
    if sum(sizes) > total:
        return
    from meetplan.model.layout import Floor, HallRow, Layout

    floor = Floor("", tuple(HallRow("", r, tuple(sections)) for r in range(1, rows + 1)))
    layout = Layout("t", "t", (3,), (floor,))
    (lane,) = build_lanes(hall_seats(layout), layout, LaneRules())
    weights = HallSettings()
    slack = total - sum(sizes)
    windows, pos = [], 0
    for n in sizes:
        windows.append((pos, pos + slack))
        pos += n
    cost, _starts = solve_chain(lane, tuple(sizes), windows, weights)
    assert cost == brute_force(lane, sizes, windows, weights)
    solution = solve_blocks([LaneUnits(lane, tuple(sizes))], weights)
    assert solution.status is SolveStatus.OPTIMAL
    assert solution.objective == cost == objective_of(solution.terms, weights)


LAYOUTS = [p.stem for p in shipped_layouts()]


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("method", list(HallMethod))
def test_every_layout_and_method_keeps_the_rules(name: str, method: HallMethod) -> None:
    layout = load_layout(name)
    general = layout.capacity_for(SeatUse.GENERAL)
    target = min(general * 6 // 10, 2500)
    sizes = [(7 * k) % 23 + 2 for k in range(1, 400)]
    unit_sizes, total = [], 0
    for n in sizes:
        if total + n > target:
            break
        unit_sizes.append(n)
        total += n
    roster = people(unit_sizes)
    plan = make_plan(
        Roster(tuple(roster)), layout, Settings(protocol=ProtocolSettings(hall_method=method))
    )
    base = plan.base
    assert sorted(a.person.id for a in base.assignments) == [p.id for p in roster]  # everyone once
    keys = [(a.seat.floor, a.seat.row, a.seat.col) for a in base.assignments]
    assert len(keys) == len(set(keys))  # no seat twice
    chairs = {(s.floor, s.row, s.col): s for s in hall_seats(layout)}
    assert all(
        k in chairs and chairs[k].use is SeatUse.GENERAL for k in keys
    )  # no blocked or reserved
    floors = {f.name: i for i, f in enumerate(layout.floors)}
    by_unit: dict[str, list] = {}
    for a in base.assignments:
        by_unit.setdefault(a.person.unit, []).append(a.seat)
    for seats in by_unit.values():
        # contiguous within each section of each row: nothing between two of a unit's seats
        # but places that are not 代表席 (a blocked place, a reserved seat)
        groups: dict[tuple, list[int]] = {}
        for s in seats:
            groups.setdefault((s.floor, s.row, s.section), []).append(s.col)
        for (floor, row, _section), cols in groups.items():
            cols.sort()
            for a, b in itertools.pairwise(cols):
                between = [chairs.get((floor, row, c)) for c in range(a + 1, b)]
                assert all(ch is None or ch.use is not SeatUse.GENERAL for ch in between)
    firsts = [
        min((floors[s.floor], s.row) for s in by_unit[f"单位{u:03d}"])
        for u in range(len(unit_sizes))
    ]
    if method is HallMethod.ROWS:
        assert firsts == sorted(firsts)  # unit order kept front to back
    if method is HallMethod.COLUMNS:  # units take the columns in order, left to right
        x = seat_positions(layout)
        columns = [
            min(
                (floors[s.floor], s.section, x[(s.floor, s.row, s.col)], s.row)
                for s in by_unit[f"单位{u:03d}"]
            )
            for u in range(len(unit_sizes))
        ]
        assert columns == sorted(columns)
    assert base.hall is not None and base.hall.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
