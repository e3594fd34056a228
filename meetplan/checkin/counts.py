"""应到 / 实到 / 请假 / 未到: the places of the meeting and how many are filled.

The counts follow the plan of the day (the roster with every ``meetplan attend``
change replayed):

- A *place* is one person expected, or a leader together with the substitutes
  (代会) who may come in their place: whoever of them arrives fills it, and it
  counts once. A leader recorded 请假 whose substitute comes is the substitute's
  place, not a 请假.
- 应到: every place of the members (主席台 and 会场), 待定 included (they are
  expected until said otherwise); 列席 too when ``[checkin] count_observers``,
  otherwise they are counted on a line of their own. 工作人员 always on their own.
- 请假: places whose people are all recorded 请假 and nobody has arrived.
- 实到: places someone has arrived for; 未到 = 应到 − 实到 − 请假.

The sentence for the host's script (主持词) is
"本次会议应到会N人，实到会M人，请假K人。"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.plan import Plan, Scenario, UnseatedReason
from meetplan.scenarios import leaders

HOST_SENTENCE = "本次会议应到会{expected}人，实到会{arrived}人，请假{leave}人。"
MEMBER_AREAS = (Area.ROSTRUM, Area.HALL)


class State(StrEnum):
    ARRIVED = "arrived"  # 实到
    LEAVE = "leave"  # 请假
    MISSING = "missing"  # 未到


@dataclass(frozen=True)
class Place:
    """One place to fill: the person expected first, then who may come instead."""

    people: tuple[Attendee, ...]
    leave: bool = False  # everyone of the place is recorded 请假

    @property
    def person(self) -> Attendee:
        return self.people[0]

    @property
    def area(self) -> Area:
        return self.person.area

    @property
    def unit(self) -> str:
        return self.person.unit


def key(person: Attendee) -> tuple[str, str]:
    """A person as the check-in log names them."""
    return (person.name, person.unit)


def places(roster: Roster) -> list[Place]:
    """Every place of the roster, in roster order (a substitute's place where their leader's is)."""
    lead = leaders(roster)
    subs: dict[int, list[Attendee]] = {}
    for person in roster.attendees:
        if person.id in lead:
            subs.setdefault(lead[person.id].id, []).append(person)
    out = []
    for person in roster.attendees:
        if person.id in lead:
            continue  # in their leader's place
        others = subs.get(person.id, [])
        coming = [s for s in others if s.attendance is not Attendance.ABSENT]
        if person.attendance is Attendance.ABSENT and coming:
            # 代会: the substitute is expected; the leader may still turn up
            people = (*coming, person, *(s for s in others if s not in coming))
            out.append(Place(people))
        else:
            leave = person.attendance is Attendance.ABSENT
            out.append(Place((person, *others), leave=leave))
    return out


@dataclass(frozen=True)
class Count:
    expected: int = 0  # 应到
    arrived: int = 0  # 实到
    leave: int = 0  # 请假

    @property
    def missing(self) -> int:  # 未到
        return self.expected - self.arrived - self.leave

    def __add__(self, other: Count) -> Count:
        return Count(
            self.expected + other.expected, self.arrived + other.arrived, self.leave + other.leave
        )


@dataclass(frozen=True)
class Filled:
    """A place and who filled it (None: nobody yet)."""

    place: Place
    state: State
    by: Attendee | None = None


@dataclass(frozen=True)
class Counts:
    """The counts at one moment."""

    filled: tuple[Filled, ...]
    count_observers: bool
    arrivals: int  # people checked in, by the log (each once)
    strangers: tuple[tuple[str, str], ...] = ()  # checked in, no longer on the roster
    total: Count = field(default_factory=Count)  # 应到 … of the members (and 列席 if counted)
    areas: tuple[tuple[Area, Count], ...] = ()  # every area, 列席 and 工作人员 included
    units: tuple[tuple[str, Count], ...] = ()  # of the places in ``total``, by unit

    def counted_area(self, area: Area) -> bool:
        """Whether the area's places are in 应到 (members; 列席 when counted with them)."""
        return area in MEMBER_AREAS or (self.count_observers and area is Area.OBSERVER)

    def counted(self, place: Place) -> bool:
        return self.counted_area(place.area)

    def area(self, area: Area) -> Count:
        return dict(self.areas).get(area, Count())

    @property
    def sentence(self) -> str:
        t = self.total
        return HOST_SENTENCE.format(expected=t.expected, arrived=t.arrived, leave=t.leave)

    def in_state(self, state: State, *, counted: bool = True) -> list[Filled]:
        return [f for f in self.filled if f.state is state and self.counted(f.place) == counted]


def _count(state: State) -> Count:
    return Count(1, int(state is State.ARRIVED), int(state is State.LEAVE))


def tally(
    roster: Roster, arrived: Mapping[tuple[str, str], object], *, count_observers: bool = False
) -> Counts:
    """The counts with ``arrived`` (the log's people, by name and unit) checked in."""
    filled = []
    on_roster: set[tuple[str, str]] = set()
    for place in places(roster):
        on_roster.update(key(p) for p in place.people)
        by = next((p for p in place.people if key(p) in arrived), None)
        state = State.ARRIVED if by else State.LEAVE if place.leave else State.MISSING
        filled.append(Filled(place, state, by))
    counts = Counts(
        tuple(filled),
        count_observers,
        arrivals=len(arrived),
        strangers=tuple(k for k in arrived if k not in on_roster),
    )
    total = Count()
    areas: dict[Area, Count] = {}
    units: dict[str, Count] = {}
    for f in filled:
        one = _count(f.state)
        areas[f.place.area] = areas.get(f.place.area, Count()) + one
        if counts.counted(f.place):
            total += one
            units[f.place.unit] = units.get(f.place.unit, Count()) + one
    return Counts(
        counts.filled,
        count_observers,
        counts.arrivals,
        counts.strangers,
        total,
        tuple((a, areas[a]) for a in Area if a in areas),
        tuple(units.items()),
    )


def seat_text(plan: Plan, person: Attendee) -> str:
    """Where the person sits as the plan of the day has it, as printed; "" for no seat.
    A substitute on standby: their seat in the case where they come."""
    base = plan.base
    seat = base.seat_of(person.id)
    if seat is not None:
        return seat.label
    for scenario in plan.scenarios[1:]:
        if person.id in scenario.substitutes:
            found = scenario.seat_of(person.id)
            if found is not None:
                return f"（代会时）{found.label}"
    return ""


def no_seat_reason(scenario: Scenario, person: Attendee) -> UnseatedReason | None:
    for u in scenario.unseated:
        if u.person.id == person.id:
            return u.reason
    return None


def note(place: Place, by: Attendee | None = None) -> str:
    """What the lists print beside a place: 待定, 代会 (代 X), 请假."""
    person = by or place.person
    parts = []
    if person.substitute_for:
        parts.append(f"代{person.substitute_for}")
    if person.attendance is Attendance.TENTATIVE:
        parts.append("待定")
    elif person.attendance is Attendance.ABSENT:
        parts.append("请假")
    if by is None:
        standby = [p.name for p in place.people[1:] if p.attendance is not Attendance.ABSENT]
        if standby:
            parts.append("或由" + "、".join(standby) + "代会")
    return "；".join(parts)


def people_text(filled: Sequence[Filled]) -> str:
    """Every character the lists of these places print (for the fonts' subsets)."""
    parts = []
    for f in filled:
        for p in f.place.people:
            parts += [p.name, p.unit, p.title, p.substitute_for]
    return "".join(parts)
