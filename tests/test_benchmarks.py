"""The benchmark's synthetic rosters and halls are valid input (no timing here: see benchmarks/)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmarks.halls import GENERATED, generated_path
from benchmarks.roster import Shape, roster_rows, shape_for, write_roster
from meetplan.layouts import read_layout
from meetplan.model import Area, Attendance
from meetplan.roster import load_roster


def test_synthetic_roster_loads_cleanly(tmp_path: Path) -> None:
    shape = Shape(people=240, units=10, leaders=15, observers=12, staff=2)
    roster, warnings = load_roster(write_roster(tmp_path / "roster.xlsx", shape))
    assert warnings == []
    assert len(roster) == 240
    areas = Counter(p.area for p in roster.attendees)
    assert areas[Area.ROSTRUM] == 15
    assert (areas[Area.OBSERVER], areas[Area.STAFF]) == (12, 2)
    assert {p.attendance for p in roster.attendees} == set(Attendance)
    assert len({p.unit for p in roster.by_area(Area.HALL)}) == 10
    assert any(p.substitute_for for p in roster.attendees)  # a deputy attends for a unit head
    assert [p.precedence for p in roster.attendees] == list(range(1, 241))


def test_synthetic_roster_is_the_same_every_time() -> None:
    assert roster_rows(shape_for(300)) == roster_rows(shape_for(300))
    assert roster_rows(shape_for(300), seed=1) != roster_rows(shape_for(300))


def test_cases_follow_the_issue() -> None:
    assert [shape_for(n).units for n in (300, 3_000, 10_000)] == [1, 100, 303]
    assert all(15 <= shape_for(n).leaders <= 25 for n in (300, 3_000, 10_000))


def test_generated_halls_are_valid_layouts(tmp_path: Path) -> None:
    for name in GENERATED:
        layout = read_layout(generated_path(name, tmp_path))
        assert layout.hall_capacity > 3_000
