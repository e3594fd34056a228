"""Pinned seats (the roster's 座位 column): resolved against the layout and checked.

A pin is a hard rule: the person sits on that seat in the base plan, in
every 待定/代会 scenario and in every re-plan. :func:`resolve_pins` finds each
pinned seat in the layout and reports, all together, every label that names
no seat, every blocked or reserved seat, every seat pinned twice and every
pin in the wrong 座区. Where a rostrum pin lands among the chairs set for
the people present is :mod:`meetplan.protocol.rostrum`'s business; how a unit's
block forms around a hall pin is :mod:`meetplan.solver`'s.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from meetplan.i18n import _
from meetplan.model.attendee import Area, Attendee, Roster
from meetplan.model.errors import Location, Problem
from meetplan.model.labels import HALL, ROSTRUM, parse_label
from meetplan.model.layout import Layout, Seat, SeatUse, hall_seats, row_numbers
from meetplan.scenarios import leaders

COLUMN = "座位"

# The seats each 座区 may be pinned to (列席 sit among the members when the layout
# has no 列席 area, or when it is full).
ALLOWED_USES: dict[Area, tuple[SeatUse, ...]] = {
    Area.HALL: (SeatUse.GENERAL,),
    Area.OBSERVER: (SeatUse.OBSERVER, SeatUse.GENERAL),
    Area.STAFF: (SeatUse.STAFF,),
}


@dataclass(frozen=True)
class Pins:
    """Every pinned seat of the roster, by person id."""

    rostrum: dict[int, tuple[int, int]] = field(default_factory=dict)  # (row, col)
    hall: dict[int, Seat] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rostrum or self.hall)


def where(roster: Roster, person: Attendee) -> Location:
    return Location(file=roster.source, row=person.source_row, column=COLUMN, value=person.seat)


def resolve_pins(roster: Roster, layout: Layout) -> tuple[Pins, list[Problem]]:
    """The pinned seats of everyone who may come (请假 pins are ignored), and every problem."""
    pins = Pins()
    problems: list[Problem] = []
    chairs = {(s.floor, s.row, s.number): s for s in hall_seats(layout)}
    blocked = _blocked(layout)
    floors = [f.name for f in layout.floors]
    for person in roster.attendees:
        if not person.seat or not person.seated:
            continue
        ref = parse_label(person.seat)
        assert ref is not None  # the roster loader read the cell
        here = where(roster, person)
        if ref.area == ROSTRUM:
            if person.area is not Area.ROSTRUM:
                problems.append(_wrong_area(person, here, rostrum=True))
            elif (
                ref.row > len(layout.rostrum_rows) or ref.number > layout.rostrum_rows[ref.row - 1]
            ):
                problems.append(
                    Problem(
                        _(
                            "Row {row}: {name}'s seat {seat} is not on the rostrum of layout "
                            "{layout}, which has {rows} row(s) of {capacities} seats."
                        ).format(
                            row=person.source_row,
                            name=person.name,
                            seat=person.seat,
                            layout=layout.name,
                            rows=len(layout.rostrum_rows),
                            capacities=_(", ").join(str(n) for n in layout.rostrum_rows),
                        ),
                        here,
                        hint=_("Write a seat of the rostrum, or leave 座位 blank."),
                    )
                )
            else:
                pins.rostrum[person.id] = (ref.row, ref.number)
            continue
        if person.area is Area.ROSTRUM:
            problems.append(_wrong_area(person, here, rostrum=False))
            continue
        floor = ref.floor
        if not floor and len(floors) == 1:
            floor = floors[0]  # 3排12号 in a room of one floor named 一楼
        if floor not in floors:
            problems.append(
                Problem(
                    _(
                        "Row {row}: {name}'s seat {seat} names no floor of layout {layout} "
                        "(its floors: {floors})."
                    ).format(
                        row=person.source_row,
                        name=person.name,
                        seat=person.seat,
                        layout=layout.name,
                        floors=_(", ").join(f or '""' for f in floors),
                    ),
                    here,
                    hint=_(
                        "Begin the seat with the floor as the chart prints it: {example}."
                    ).format(example=f"{floors[-1]}{ref.row}排{ref.number}号"),
                )
            )
            continue
        seat = chairs.get((floor, ref.row, ref.number))
        if seat is None:
            message = (
                _("Row {row}: {name}'s seat {seat} is a place without a chair in layout {layout}.")
                if (floor, ref.row, ref.number) in blocked
                else _("Row {row}: {name}'s seat {seat} is not a seat of layout {layout}.")
            )
            close = difflib.get_close_matches(
                f"{floor}{ref.row}排{ref.number}号",
                [s.label for s in chairs.values() if s.floor == floor and s.row == ref.row]
                or [s.label for s in chairs.values() if s.floor == floor],
                n=3,
                cutoff=0.5,
            )
            hint = _("Write a seat as the seating chart prints it, or leave 座位 blank.")
            if close:
                hint = _("Did you mean {seats}? ").format(seats=_(", ").join(close)) + hint
            problems.append(
                Problem(
                    message.format(
                        row=person.source_row,
                        name=person.name,
                        seat=person.seat,
                        layout=layout.name,
                    ),
                    here,
                    hint=hint,
                )
            )
            continue
        allowed = ALLOWED_USES[person.area]
        if seat.use not in allowed:
            problems.append(
                Problem(
                    _(
                        "Row {row}: {name}'s seat {seat} is in the {use} area of layout {layout}, "
                        "which is not for {area}."
                    ).format(
                        row=person.source_row,
                        name=person.name,
                        seat=person.seat,
                        use=seat.use.label,
                        layout=layout.name,
                        area=person.area.label,
                    ),
                    here,
                    hint=_("Choose a seat of the {uses} area, or change the person's 座区.").format(
                        uses=_(", ").join(use.label for use in allowed)
                    ),
                )
            )
            continue
        pins.hall[person.id] = seat
    problems += _pinned_twice(roster, pins)
    return pins, problems


def _wrong_area(person: Attendee, here: Location, rostrum: bool) -> Problem:
    if rostrum:
        message = _(
            "Row {row}: {name} is pinned to the rostrum seat {seat}, but their 座区 is {area}."
        )
        hint = _("Give {name} 座区 主席台, or pin them to a hall seat.")
    else:
        message = _(
            "Row {row}: {name} sits on the rostrum (座区 主席台), but is pinned to the hall seat {seat}."
        )
        hint = _("Pin {name} to a rostrum seat (主席台第1排第3座), or change their 座区.")
    return Problem(
        message.format(
            row=person.source_row, name=person.name, seat=person.seat, area=person.area.label
        ),
        here,
        hint=hint.format(name=person.name),
    )


def _blocked(layout: Layout) -> set[tuple[str, int, int]]:
    """(floor, row, printed number) of every place that has no chair."""
    out = set()
    for floor in layout.floors:
        for row in floor.rows:
            numbers = row_numbers(floor, row)
            for col, use in row.uses:
                if use is SeatUse.BLOCKED:
                    out.add((floor.name, row.number, numbers[col - 1]))
    return out


def _pinned_twice(roster: Roster, pins: Pins) -> list[Problem]:
    """Two people on one seat — unless one stands in for the other (代会): they never
    come together, so the substitute may have the leader's seat."""
    people = {p.id: p for p in roster.attendees}
    lead = leaders(roster)
    by_seat: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for pid, (row, col) in pins.rostrum.items():
        by_seat[(ROSTRUM, str(row), str(col))].append(pid)
    for pid, seat in pins.hall.items():
        by_seat[(HALL, seat.floor, str(seat.row), str(seat.col))].append(pid)
    problems = []
    for ids in by_seat.values():
        if len(ids) < 2:
            continue
        if len(ids) == 2 and any(
            lead.get(a) is not None and lead[a].id == b for a, b in (ids, ids[::-1])
        ):
            continue
        first, *others = [people[pid] for pid in ids]
        for other in others:
            problems.append(
                Problem(
                    _("Rows {first} and {other}: {a} and {b} are both pinned to {seat}.").format(
                        first=first.source_row,
                        other=other.source_row,
                        a=first.name,
                        b=other.name,
                        seat=first.seat,
                    ),
                    where(roster, other),
                    hint=_(
                        "Give each person a seat of their own, or leave 座位 blank for one of them."
                    ),
                )
            )
    return problems
