"""Property tests: for any roster that fits, every person once, no seat twice, rules kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
)
from meetplan.model.layout import SeatUse
from meetplan.model.plan import UnseatedReason
from meetplan.planning import make_plan

LAYOUT = load_layout("auditorium-600")
UNITS = ["甲局", "乙局", "丙局", "丁局"]


@st.composite
def rosters(draw: st.DrawFn) -> list[Attendee]:
    n = draw(st.integers(min_value=0, max_value=60))
    people = []
    precedences = draw(st.permutations(list(range(1, n + 1))))
    rostrum_left = sum(LAYOUT.rostrum_rows)
    for i in range(n):
        area = draw(st.sampled_from(list(Area)))
        if area is Area.ROSTRUM:
            if rostrum_left == 0:
                area = Area.HALL
            else:
                rostrum_left -= 1
        people.append(
            Attendee(
                id=i + 1,
                name="人" + chr(0x4E00 + draw(st.integers(0, 300))) + chr(0x4E00 + i),
                precedence=precedences[i],
                unit=draw(st.sampled_from(UNITS)),
                area=area,
                attendance=draw(st.sampled_from(list(Attendance))),
            )
        )
    return people


@settings(max_examples=150, deadline=None)
@given(rosters(), st.sampled_from(list(HonorSide)), st.sampled_from(list(EvenRostrum)))
def test_every_person_once_and_rules_kept(
    people: list[Attendee], side: HonorSide, even: EvenRostrum
) -> None:
    plan = make_plan(
        Roster(tuple(people)),
        LAYOUT,
        Settings(protocol=ProtocolSettings(honor_side=side, even_rostrum=even)),
    )
    base = plan.base
    seated = [a.person.id for a in base.assignments]
    unseated = [u.person.id for u in base.unseated]
    assert sorted(seated + unseated) == [p.id for p in people]  # everyone exactly once
    seats = [(a.seat.area, a.seat.floor, a.seat.row, a.seat.col) for a in base.assignments]
    assert len(seats) == len(set(seats))  # no seat twice

    for u in base.unseated:  # nobody without a seat unless absent or staff
        assert u.person.attendance is Attendance.ABSENT or u.person.area is Area.STAFF
        assert u.reason in (
            UnseatedReason.ABSENT,
            UnseatedReason.REPLACED,
            UnseatedReason.STAFF_WITHOUT_SEATS,
        )

    rows = base.rostrum_rows()
    for i, row in enumerate(rows):
        assert [a.seat.col for a in row] == list(range(1, len(row) + 1))  # no empty chair
        if i + 1 < len(rows):
            assert len(row) == LAYOUT.rostrum_rows[i]  # a back row only once the front is full
    if len(rows) == 2:  # front row outranks the back row
        assert max(a.person.precedence for a in rows[0]) < min(a.person.precedence for a in rows[1])

    hall = sorted(base.in_area("hall"), key=lambda a: (a.seat.row, a.seat.col))
    for a in hall:  # staff only in staff seats; members never in a reserved area
        assert (a.person.area is Area.STAFF) == (a.seat.use is SeatUse.STAFF)
        if a.person.area is Area.HALL:
            assert a.seat.use is SeatUse.GENERAL
    general = [a for a in hall if a.seat.use is SeatUse.GENERAL]
    kinds = [a.person.area for a in general]
    assert kinds == sorted(kinds, key=lambda k: k is Area.OBSERVER)  # 列席 after members
    hall = general
    for kind in (Area.HALL, Area.OBSERVER):
        units = [a.person.unit for a in hall if a.person.area is kind]
        blocks = [u for j, u in enumerate(units) if j == 0 or units[j - 1] != u]
        assert len(blocks) == len(set(blocks))  # each unit one block
