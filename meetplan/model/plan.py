"""Plans: who sits where, per attendance scenario.

A scenario is complete: every roster person is either in ``assignments`` or
in ``unseated`` with a reason, exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from meetplan.model.attendee import Attendee, Roster
from meetplan.model.errors import Problem
from meetplan.model.layout import Layout, Seat
from meetplan.model.settings import Settings


class UnseatedReason(StrEnum):
    ABSENT = "absent"  # 请假
    STAFF_WITHOUT_SEATS = "staff-without-seats"  # 工作人员, and the layout has no staff seats
    REPLACED = "replaced"  # absent, and a substitute (代会) sits for them
    STANDBY = "standby"  # a substitute who comes only if their leader does not
    NOT_COMING = "not-coming"  # 待定, and in this scenario not coming

    @property
    def label(self) -> str:
        return UNSEATED_LABELS[self]


UNSEATED_LABELS: dict[UnseatedReason, str] = {
    UnseatedReason.ABSENT: "请假",
    UnseatedReason.STAFF_WITHOUT_SEATS: "工作人员（会场未设工作人员席）",
    UnseatedReason.REPLACED: "请假（由代会人员出席）",
    UnseatedReason.STANDBY: "代会备用（所代领导出席时不到会）",
    UnseatedReason.NOT_COMING: "待定，本情形不到会",
}


@dataclass(frozen=True)
class Assignment:
    seat: Seat
    person: Attendee


@dataclass(frozen=True)
class Unseated:
    person: Attendee
    reason: UnseatedReason


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"  # no better plan exists in the model
    FEASIBLE = "feasible"  # the best plan found within the time limit; see the gap
    TRIVIAL = "trivial"  # nothing to decide (no hall people, or one way only)


@dataclass(frozen=True)
class HallReport:
    """How the hall plan was found, for the user and for plan.json."""

    method: str  # rows | columns | center-out
    status: SolveStatus
    objective: int  # the total cost of the plan (lower is better)
    bound: int  # no plan can cost less than this
    terms: tuple[tuple[str, int], ...]  # each named objective term and its cost in this plan
    units: int  # unit blocks placed
    speakers_on_aisle: tuple[int, int] = (0, 0)  # (on an aisle seat, speakers in the hall)

    @property
    def gap(self) -> float:
        """Relative distance from the bound: 0 when optimal."""
        if self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / self.objective)


@dataclass(frozen=True)
class Scenario:
    id: str  # "base" first
    title: str  # for people: 全部出席, 张三请假 ...
    assignments: tuple[Assignment, ...]
    unseated: tuple[Unseated, ...]
    hall: HallReport | None = None
    absent: tuple[int, ...] = ()  # 待定 people who do not come in this scenario
    substitutes: tuple[int, ...] = ()  # 代会 substitutes who come in this scenario

    def in_area(self, area: str) -> list[Assignment]:
        return [a for a in self.assignments if a.seat.area == area]

    def in_people_order(self) -> Scenario:
        """The same scenario with its seats and its unseated in the people's order.

        However a plan was made (solved, carried over to a revised roster, read
        back from the printed plan's record), the same plan is then the same
        value: the documents kept between builds (:mod:`meetplan.render.memo`)
        are found by it.
        """
        return replace(
            self,
            assignments=tuple(sorted(self.assignments, key=lambda a: a.person.id)),
            unseated=tuple(sorted(self.unseated, key=lambda u: u.person.id)),
        )

    def rostrum_rows(self) -> list[list[Assignment]]:
        """The rostrum as set: one list per row, front row first, left to right from the hall."""
        rows: dict[int, list[Assignment]] = {}
        for a in self.in_area("rostrum"):
            rows.setdefault(a.seat.row, []).append(a)
        return [sorted(rows[r], key=lambda a: a.seat.col) for r in sorted(rows)]

    def seat_of(self, person_id: int) -> Seat | None:
        for a in self.assignments:
            if a.person.id == person_id:
                return a.seat
        return None


@dataclass(frozen=True)
class Plan:
    roster: Roster
    layout: Layout
    settings: Settings
    scenarios: tuple[Scenario, ...]
    # Warnings from planning, for the person running the build: no document prints them
    # (a rebuild from the printed plan's record, which does not repeat them, makes the same
    # documents), so the documents kept between builds are not keyed by them.
    notes: tuple[Problem, ...] = field(default=(), metadata={"printed": False})

    @property
    def base(self) -> Scenario:
        return self.scenarios[0]
