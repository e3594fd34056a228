"""Re-planning the hall for a change: fewest people moved, checked against exhaustive search."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from meetplan.layouts import load_layout
from meetplan.model import Area, Attendance, Attendee, Roster, Settings
from meetplan.model.plan import SolveStatus
from meetplan.model.settings import HallGaps, HallSettings
from meetplan.moves import changes
from meetplan.planning import make_plan
from meetplan.solver.replan import LineUnit, Stretches, solve_stretches


def fewest_moves(units: list[LineUnit], length: int) -> int | None:
    """Every way to give each unit a stretch that keeps the rules; the fewest people moved."""
    best = None

    def walk(index: int, first_free: int, moved: int) -> None:
        nonlocal best
        if index == len(units):
            best = moved if best is None else min(best, moved)
            return
        unit = units[index]
        for start in range(first_free, length):
            for end in range(start + unit.size - 1, length):
                lost = sum(1 for p in unit.kept if p is None or not start <= p <= end)
                walk(index + 1, end + 1, moved + lost)

    walk(0, 0, 0)
    return best


def keeps_the_rules(units: list[LineUnit], length: int, found: Stretches) -> bool:
    end_before = -1
    for unit, (start, end), stays in zip(units, found.spans, found.stays, strict=True):
        if start <= end_before or end >= length or end - start + 1 < unit.size:
            return False
        for position, stay in zip(unit.kept, stays, strict=True):
            if stay and (position is None or not start <= position <= end):
                return False
        end_before = end
    return True


def random_case(rng: random.Random) -> tuple[list[LineUnit], int]:
    """A lane as a plan left it (units in order, each in its stretch), then a change:
    some people leave, some newcomers join."""
    length = rng.randint(3, 9)
    count = rng.randint(1, 3)
    cuts = sorted(rng.sample(range(1, length), min(count - 1, length - 1)))
    bounds = list(zip([0, *cuts], [*cuts, length], strict=True))
    units = []
    for number, (lo, hi) in enumerate(bounds):
        seated = sorted(rng.sample(range(lo, hi), rng.randint(0, hi - lo)))
        staying = [p for p in seated if rng.random() < 0.8]
        newcomers = rng.randint(0, 2)
        kept: list[int | None] = [*staying, *([None] * newcomers)]
        if kept:
            units.append(LineUnit(f"单位{number}", len(kept), tuple(kept)))
    return units, length


def test_fewest_moves_equals_exhaustive_search() -> None:
    rng = random.Random(2026)
    checked = solved = 0
    for _ in range(400):
        units, length = random_case(rng)
        if not units:
            continue
        best = fewest_moves(units, length)
        found = solve_stretches(units, length)
        checked += 1
        if best is None:
            assert found is None  # more people than seats
            continue
        assert found is not None and keeps_the_rules(units, length, found)
        newcomers = sum(1 for u in units for p in u.kept if p is None)
        assert found.moved - newcomers == best - newcomers, (units, length)
        solved += found.status is not SolveStatus.TRIVIAL
    assert checked > 300 and solved > 50  # the model itself was exercised, not just the fast path


def test_a_free_seat_in_the_block_moves_nobody_and_needs_no_model() -> None:
    units = [LineUnit("甲", 3, (0, 2, None)), LineUnit("乙", 2, (3, 4))]
    found = solve_stretches(units, 5)
    assert found is not None and found.status is SolveStatus.TRIVIAL
    assert found.spans == ((0, 2), (3, 4)) and found.moved == 1  # only the newcomer


def test_a_full_hall_is_refused() -> None:
    assert solve_stretches([LineUnit("甲", 3, (0, 1, None)), LineUnit("乙", 1, (2,))], 3) is None


NINE = "[[floors]]\nrows = 1\nsections = [9]\n"


def room(tmp_path: Path) -> str:
    path = tmp_path / "room.toml"
    path.write_text('title = "测试厅"\n[rostrum]\nrows = [3]\n' + NINE, encoding="utf-8")
    return str(path)


def person(i: int, name: str, unit: str, **kw: object) -> Attendee:
    return Attendee(id=i, name=name, precedence=i, unit=unit, area=Area.HALL, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("gaps", list(HallGaps))
def test_a_substitute_in_a_full_hall_pushes_the_neighbours_as_little_as_possible(
    tmp_path: Path, gaps: HallGaps
) -> None:
    # Nine chairs, three units of three: 甲 | 乙 | 丙. 丙's 丙三 may not come; if so,
    # 甲五 of 甲 comes in their place. 甲 then needs four chairs, so 乙 must give way.
    people = [
        person(1, "甲一", "甲"),
        person(2, "甲二", "甲"),
        person(3, "甲三", "甲"),
        person(4, "乙一", "乙"),
        person(5, "乙二", "乙"),
        person(6, "乙三", "乙"),
        person(7, "丙一", "丙"),
        person(8, "丙二", "丙"),
        person(9, "丙三", "丙", attendance=Attendance.TENTATIVE),
        person(10, "甲五", "甲", substitute_for="丙三"),
    ]
    settings = Settings(hall=HallSettings(gaps=gaps))
    plan = make_plan(Roster(tuple(people)), load_layout(room(tmp_path)), settings)
    case = next(s for s in plan.scenarios if s.substitutes)
    seats = {a.person.name: a.seat.col for a in case.in_area("hall")}
    assert len(seats) == 9
    order = [name for name, _col in sorted(seats.items(), key=lambda kv: kv[1])]
    units = [name[0] for name in order]
    assert units == ["甲"] * 4 + ["乙"] * 3 + ["丙"] * 2  # blocks unbroken, in order
    moved = {m.name for m in changes(plan.base, case).hall_move}
    # Exhaustive: every seating of these nine people that keeps the rules
    # (and, for close-up, keeps each unit in precedence order along its block).
    base = {a.person.name: a.seat.col for a in plan.base.in_area("hall")}
    best = None
    for arrangement in itertools.permutations(seats):
        if [n[0] for n in arrangement] != units:
            continue
        cost = sum(
            1 for col, name in enumerate(arrangement, start=1) if name in base and base[name] != col
        )
        best = cost if best is None else min(best, cost)
    assert best is not None
    if gaps is HallGaps.LEAVE_EMPTY:
        assert len(moved) == best  # nobody moves who need not
    else:
        assert len(moved) >= best
    assert "乙" in {n[0] for n in moved}  # 乙 had to give way ...
    notes = " ".join(n.message for n in plan.notes)
    assert "乙" in notes and "moves" in notes  # ... and the plan says why


def test_a_free_seat_in_the_unit_block_is_taken_without_moving_anyone(tmp_path: Path) -> None:
    people = [person(i, f"甲{i}", "甲") for i in range(1, 4)]
    people += [person(i, f"乙{i}", "乙") for i in range(4, 7)]
    people += [person(7, "乙七", "乙", attendance=Attendance.TENTATIVE)]
    people += [person(8, "乙八", "乙", substitute_for="乙七")]
    plan = make_plan(Roster(tuple(people)), load_layout(room(tmp_path)), Settings())
    case = next(s for s in plan.scenarios if s.substitutes)
    assert changes(plan.base, case).hall_move == ()
    assert not plan.notes
