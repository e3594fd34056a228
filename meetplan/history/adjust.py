"""Hand adjustments: the office's own decisions, kept and replayed by every build.

``meetplan swap`` and ``meetplan seat`` append one JSON line each to
``adjustments.jsonl`` in the meeting folder (the roster is never changed);
``--undo`` appends a line that takes the last one back. Every build applies
the adjustments, in order, to each scenario of the plan it made:

- in the hall an adjustment is a list of *placements* — this person on this
  seat — so applying it again changes nothing, and the re-plan of a revised
  roster (which starts from the plan before adjustments) gets it back;
  whoever sits on the seat takes the person's own seat in exchange;
- on the rostrum, where every scenario is seated by protocol, a swap
  exchanges the two people's seats wherever both are on the rostrum.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from meetplan.history.lines import (
    BadLine,
    action_field,
    append_line,
    echoed,
    json_kind,
    read_lines,
    text_field,
)
from meetplan.i18n import _
from meetplan.model.attendee import Attendee, Roster
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.layout import Seat, hall_seats
from meetplan.model.plan import Assignment, Plan, Scenario
from meetplan.model.text import SHOWN_LENGTH, shown

ADJUSTMENTS_NAME = "adjustments.jsonl"


class Kind(StrEnum):
    SWAP = "swap"  # two people exchange seats
    SEAT = "seat"  # a person onto a seat (its occupant, if any, takes theirs)
    UNDO = "undo"  # takes back the last adjustment not yet taken back


@dataclass(frozen=True)
class Place:
    """One person onto one seat, by the names and the seat label as printed."""

    name: str
    unit: str
    seat: str  # the seat label: 主席台第1排第3座, 一楼3排12号


@dataclass(frozen=True)
class Adjustment:
    kind: Kind
    places: tuple[Place, ...] = ()  # hall: where each person goes; rostrum swap: both, no seat
    area: str = ""  # "rostrum" or "hall"
    time: str = ""
    user: str = ""
    line: int = 0  # in the file, for messages

    def record(self) -> str:
        return json.dumps(
            {
                "time": self.time,
                "user": self.user,
                "action": self.kind.value,
                "area": self.area,
                "places": [[p.name, p.unit, p.seat] for p in self.places],
            },
            ensure_ascii=False,
        )

    def describe(self) -> str:
        if self.kind is Kind.UNDO:
            return _("the last adjustment taken back")
        if self.area == "rostrum" or self.kind is Kind.SWAP:
            return _("{a} and {b} exchange seats").format(
                a=self.places[0].name, b=self.places[1].name
            )
        return _("{name} to {seat}").format(name=self.places[0].name, seat=self.places[0].seat)


def stamped(kind: Kind, places: tuple[Place, ...] = (), area: str = "") -> Adjustment:
    """An adjustment as typed on the command line, stamped with who and when."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name on this system: the adjustment is still recorded
        user = ""
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return Adjustment(kind, places, area, now, user)


def _entry(data: dict[str, Any], number: int) -> Adjustment:
    """One line of the file; its shape checked, so that applying it cannot fail."""
    kind = action_field(data, Kind)
    area = text_field(data, "area")
    if kind is not Kind.UNDO and area not in ("rostrum", "hall"):
        raise BadLine(
            _("area must be rostrum or hall, not {value}.").format(value=shown(area)),
            "area",
            shown(area),
        )
    raw = data.get("places", [])
    if not isinstance(raw, list):
        raise BadLine(
            _("places must be a list, not {kind}.").format(kind=json_kind(raw)),
            "places",
            echoed(raw),
        )
    places = []
    for index, place in enumerate(raw, start=1):
        key = f"places[{index}]"
        if not (
            isinstance(place, list) and len(place) == 3 and all(isinstance(v, str) for v in place)
        ):
            raise BadLine(
                _("{key} must be a list of three texts: name, unit, seat.").format(key=key),
                key,
                echoed(place),
            )
        places.append(Place(*place))
    # a swap names two people; a seat, one person and perhaps the seat's occupant
    wanted = {Kind.SWAP: (2,), Kind.SEAT: (1, 2), Kind.UNDO: range(len(places) + 1)}[kind]
    if len(places) not in wanted:
        raise BadLine(
            _("places names {n} people; a swap names two, a seat one or two.").format(
                n=len(places)
            ),
            "places",
            shown(str(len(places))),
        )
    return Adjustment(
        kind,
        tuple(places),
        area,
        text_field(data, "time"),
        text_field(data, "user"),
        number,
    )


def read_adjustments(path: Path) -> list[Adjustment]:
    """Every adjustment, in order. A line that cannot be read stops everything."""
    return read_lines(
        path,
        _entry,
        _("Line {line} of the hand adjustments cannot be read"),
        _(
            "Correct or delete this line with a text editor (each line is one "
            "adjustment, as meetplan swap or meetplan seat wrote it), then run "
            "the command again."
        ),
    )


def append_adjustment(path: Path, adjustment: Adjustment) -> None:
    append_line(path, adjustment.record())


def in_force(adjustments: list[Adjustment]) -> list[Adjustment]:
    """The adjustments that hold: each undo takes back the last one still in force."""
    kept: list[Adjustment] = []
    for adjustment in adjustments:
        if adjustment.kind is Kind.UNDO:
            if kept:
                kept.pop()
        else:
            kept.append(adjustment)
    return kept


def _person(roster: Roster, name: str, unit: str) -> Attendee | None:
    found = [p for p in roster.attendees if p.name == name and (not unit or p.unit == unit)]
    return found[0] if len(found) == 1 else None


def apply_adjustments(
    plan: Plan, adjustments: list[Adjustment], source: str = ""
) -> tuple[Plan, list[Problem]]:
    """Each scenario with the adjustments in force; a warning for each one that no longer
    fits (a person gone from the roster, a seat taken by a change of area)."""
    warnings: list[Problem] = []
    scenarios = list(plan.scenarios)
    chairs = {s.label: s for s in hall_seats(plan.layout)}
    for adjustment in in_force(adjustments):
        people = [_person(plan.roster, p.name, p.unit) for p in adjustment.places]
        if any(p is None for p in people):
            missing = _(", ").join(
                p.name for p, who in zip(adjustment.places, people, strict=True) if who is None
            )
            warnings.append(
                Problem(
                    _(
                        "A hand adjustment names {names}, who is no longer on the roster: it is skipped."
                    ).format(names=missing),
                    Location(file=source, row=adjustment.line),
                    hint=_("Take it back with --undo if it is no longer wanted."),
                    severity=Severity.WARNING,
                )
            )
            continue
        ids = [p.id for p in people if p is not None]
        unknown = [
            p.seat for p in adjustment.places if adjustment.area == "hall" and p.seat not in chairs
        ]
        if (adjustment.area == "rostrum" and len(ids) != 2) or unknown:
            warnings.append(
                Problem(
                    _(
                        "A hand adjustment names a seat this hall does not have ({seats}), or is "
                        "damaged: it is skipped."
                    ).format(seats=shown(_(", ").join(unknown) or adjustment.area)),
                    Location(file=source, row=adjustment.line),
                    hint=_(
                        "Take it back with --undo, then make it again with meetplan seat or swap."
                    ),
                    severity=Severity.WARNING,
                )
            )
            continue
        for index, scenario in enumerate(scenarios):
            if adjustment.area == "rostrum":
                scenarios[index] = _swap(scenario, ids[0], ids[1], "rostrum")
            else:
                scenarios[index] = _place(scenario, ids, adjustment.places, chairs)
    return replace(plan, scenarios=tuple(scenarios)), warnings


def _swap(scenario: Scenario, a: int, b: int, area: str) -> Scenario:
    seat = {x.person.id: x.seat for x in scenario.assignments if x.seat.area == area}
    if a not in seat or b not in seat:
        return scenario
    exchanged = {a: seat[b], b: seat[a]}
    return replace(
        scenario,
        assignments=tuple(
            Assignment(exchanged.get(x.person.id, x.seat), x.person) for x in scenario.assignments
        ),
    )


def _place(
    scenario: Scenario, ids: list[int], places: tuple[Place, ...], chairs: dict[str, Seat]
) -> Scenario:
    """Each present person onto their seat; the seat's occupant onto the person's seat."""
    assignments = list(scenario.assignments)
    for pid, place in zip(ids, places, strict=True):
        where = {x.seat.label: i for i, x in enumerate(assignments) if x.seat.area == "hall"}
        mine = next(
            (i for i, x in enumerate(assignments) if x.person.id == pid and x.seat.area == "hall"),
            None,
        )
        if mine is None:
            continue  # not in the hall in this scenario
        target = chairs.get(place.seat)
        if target is None or assignments[mine].seat.label == place.seat:
            continue
        own = assignments[mine].seat
        assignments[mine] = Assignment(target, assignments[mine].person)
        other = where.get(place.seat)
        if other is not None and other != mine:
            assignments[other] = Assignment(own, assignments[other].person)
    return replace(scenario, assignments=tuple(assignments))


def _find(roster: Roster, name: str, unit: str, what: str) -> Attendee:
    from meetplan.history.log import argument, find

    name, wrong = argument(name, name=True, key="NAME", what=_("The name"))
    unit, wrong_unit = argument(unit, name=False, key="--unit", what=_("The unit"))
    problems = [p for p in (wrong, wrong_unit) if p is not None]
    if problems:
        raise UserError(problems)
    return find(roster, name, unit, what)


def _seated(scenario: Scenario, person: Attendee) -> Seat:
    for a in scenario.assignments:
        if a.person.id == person.id:
            return a.seat
    raise UserError(
        Problem(
            _("{name} has no seat in the printed plan.").format(name=person.name),
            Location(value=person.name),
            hint=_("Only people who have a seat can be moved by hand."),
        )
    )


def make_swap(
    scenario: Scenario, roster: Roster, a: str, a_unit: str, b: str, b_unit: str
) -> Adjustment:
    """Two people of the printed plan exchange seats (both on the rostrum, or both in the hall)."""
    first = _find(roster, a, a_unit, _("The person"))
    second = _find(roster, b, b_unit, _("The other person"))
    if first.id == second.id:
        raise UserError(Problem(_("Name two different people."), Location(value=first.name)))
    seat_a, seat_b = _seated(scenario, first), _seated(scenario, second)
    if seat_a.area != seat_b.area:
        raise UserError(
            Problem(
                _(
                    "{a} is seated in {area_a} and {b} in {area_b}: only two people of the "
                    "same area can exchange seats."
                ).format(
                    a=first.name,
                    b=second.name,
                    area_a=_area_word(seat_a.area),
                    area_b=_area_word(seat_b.area),
                ),
                Location(value=f"{first.name} {second.name}"),
                hint=_(
                    "To move someone between the rostrum and the hall, change their 座区 in the roster."
                ),
            )
        )
    if seat_a.area == "rostrum":
        places = (Place(first.name, first.unit, ""), Place(second.name, second.unit, ""))
    else:
        places = (
            Place(first.name, first.unit, seat_b.label),
            Place(second.name, second.unit, seat_a.label),
        )
    return stamped(Kind.SWAP, places, seat_a.area)


def _area_word(area: str) -> str:
    return _("the rostrum") if area == "rostrum" else _("the hall")


def normalise_label(text: str) -> str:
    """A seat as typed: spaces dropped, full-width digits made plain, 主席台1排3座 completed."""
    plain = "".join(text.split()).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if plain.startswith("主席台") and "第" not in plain:
        rest = plain[len("主席台") :]
        if "排" in rest:
            row, _sep, col = rest.partition("排")
            plain = f"主席台第{row}排第{col.removesuffix('座')}座"
    return plain


def make_seat(
    scenario: Scenario, roster: Roster, hall_chairs: list[Seat], name: str, unit: str, seat: str
) -> Adjustment:
    """A person of the printed plan onto a seat; its occupant, if any, takes theirs."""
    import difflib

    person = _find(roster, name, unit, _("The person"))
    own = _seated(scenario, person)
    label = normalise_label(seat)
    occupant = {a.seat.label: a.person for a in scenario.assignments}.get(label)
    chairs = {s.label: s for s in hall_chairs}
    rostrum = {a.seat.label for a in scenario.in_area("rostrum")}
    if label not in chairs and label not in rostrum:
        # no seat label is long: a long text is no seat, and comparing it would take long
        close = (
            difflib.get_close_matches(label, [*chairs, *rostrum], n=3, cutoff=0.6)
            if len(label) <= SHOWN_LENGTH
            else []
        )
        raise UserError(
            Problem(
                _("There is no seat {seat} in this plan.").format(seat=shown(seat)),
                Location(value=shown(seat)),
                hint=_("Did you mean: {seats}?").format(seats=_(", ").join(close))
                if close
                else _(
                    "Write the seat as plan.json or the seating chart print it: 1排12号, 二楼3排12号, 主席台第1排第3座."
                ),
            )
        )
    area = "rostrum" if label in rostrum else "hall"
    if area != own.area:
        raise UserError(
            Problem(
                _("{name} is seated in {area_a}; {seat} is in {area_b}.").format(
                    name=person.name,
                    area_a=_area_word(own.area),
                    seat=label,
                    area_b=_area_word(area),
                ),
                Location(value=shown(seat)),
                hint=_(
                    "To move someone between the rostrum and the hall, change their 座区 in the roster."
                ),
            )
        )
    if area == "rostrum":
        assert occupant is not None
        return make_swap(scenario, roster, person.name, person.unit, occupant.name, occupant.unit)
    places = [Place(person.name, person.unit, label)]
    if occupant is not None and occupant.id != person.id:
        places.append(Place(occupant.name, occupant.unit, own.label))
    return stamped(Kind.SEAT, tuple(places), "hall")
