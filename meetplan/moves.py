"""What the staff must change to go from the base plan to a scenario.

On the rostrum the order is fixed by the protocol, so the moves follow from
comparing the two plans: cards taken away, cards carried to another seat,
new cards put down, and chairs taken away or added so that each row is set,
centred, for the people actually there. In the hall, the scenario already
holds the fewest moves the settings allow; the list names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetplan.model.plan import Plan, Scenario


@dataclass(frozen=True)
class CardMove:
    name: str
    before: str  # seat label in the base plan
    after: str  # seat label in the scenario


@dataclass(frozen=True)
class RowChairs:
    """One rostrum row: how many chairs in the base plan and in the scenario."""

    row: int
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Changes:
    scenario: Scenario
    remove: tuple[tuple[str, str], ...]  # (name, seat label): cards to take away
    move: tuple[CardMove, ...]  # rostrum cards carried to another seat
    add: tuple[tuple[str, str], ...]  # (name, seat label): cards to put down
    chairs: tuple[RowChairs, ...]  # rostrum rows whose number of chairs changes
    hall_move: tuple[CardMove, ...]  # hall people who change seat
    hall_empty: tuple[str, ...]  # hall seats left empty
    hall_new: tuple[tuple[str, str], ...]  # (name, seat label): people newly seated in the hall

    @property
    def moved_people(self) -> int:
        return len(self.move) + len(self.hall_move)


def changes(base: Scenario, scenario: Scenario) -> Changes:
    """The differences between the base plan and a scenario, as the staff act on them."""
    before = {a.person.id: a for a in base.assignments}
    after = {a.person.id: a for a in scenario.assignments}

    def in_area(table: dict, pid: int, area: str) -> bool:  # type: ignore[type-arg]
        return pid in table and table[pid].seat.area == area

    remove = tuple(
        (a.person.name, a.seat.label)
        for pid, a in sorted(before.items(), key=lambda kv: _seat_key(kv[1]))
        if a.seat.area == "rostrum" and not in_area(after, pid, "rostrum")
    )
    add = tuple(
        (a.person.name, a.seat.label)
        for pid, a in sorted(after.items(), key=lambda kv: _seat_key(kv[1]))
        if a.seat.area == "rostrum" and not in_area(before, pid, "rostrum")
    )
    move = tuple(
        CardMove(a.person.name, before[pid].seat.label, a.seat.label)
        for pid, a in sorted(after.items(), key=lambda kv: _seat_key(before.get(kv[0], kv[1])))
        if a.seat.area == "rostrum"
        and in_area(before, pid, "rostrum")
        and before[pid].seat.label != a.seat.label
    )
    rows_before = {len(r) and r[0].seat.row: len(r) for r in base.rostrum_rows()}
    rows_after = {len(r) and r[0].seat.row: len(r) for r in scenario.rostrum_rows()}
    chairs = tuple(
        RowChairs(row, rows_before.get(row, 0), rows_after.get(row, 0))
        for row in sorted(set(rows_before) | set(rows_after))
        if rows_before.get(row, 0) != rows_after.get(row, 0)
    )
    hall_move = tuple(
        CardMove(a.person.name, before[pid].seat.label, a.seat.label)
        for pid, a in sorted(after.items(), key=lambda kv: _seat_key(kv[1]))
        if a.seat.area == "hall"
        and in_area(before, pid, "hall")
        and before[pid].seat.label != a.seat.label
    )
    taken_after = {a.seat.label for a in after.values() if a.seat.area == "hall"}
    hall_empty = tuple(
        a.seat.label
        for a in sorted(before.values(), key=_seat_key)
        if a.seat.area == "hall" and a.seat.label not in taken_after
    )
    hall_new = tuple(
        (a.person.name, a.seat.label)
        for pid, a in sorted(after.items(), key=lambda kv: _seat_key(kv[1]))
        if a.seat.area == "hall" and not in_area(before, pid, "hall")
    )
    return Changes(scenario, remove, move, add, chairs, hall_move, hall_empty, hall_new)


def _seat_key(a) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    return (a.seat.area != "rostrum", a.seat.floor, a.seat.row, a.seat.col)


def all_changes(plan: Plan) -> list[Changes]:
    return [changes(plan.base, s) for s in plan.scenarios[1:]]


def apply(base: Scenario, change: Changes) -> dict[str, str]:
    """Base rostrum (person name by seat label) with the listed changes applied.

    Tests use it to check that the list, carried out, gives the scenario.
    """
    seats = {a.seat.label: a.person.name for a in base.in_area("rostrum")}
    for _name, label in change.remove:
        del seats[label]
    carried = {m.before: seats.pop(m.before) for m in change.move}
    for m in change.move:
        seats[m.after] = carried[m.before]
    for name, label in change.add:
        seats[label] = name
    return seats
