"""From roster, layout and settings to a plan: the base scenario.

Protocol decisions live in :mod:`meetplan.protocol`; this module only decides
who goes where (rostrum, hall, no seat) and assembles the scenario.
"""

from __future__ import annotations

from dataclasses import replace

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.errors import Location, Problem, Severity, UserError, raise_if_errors
from meetplan.model.layout import Layout, Seat
from meetplan.model.plan import Assignment, Plan, Scenario, Unseated, UnseatedReason
from meetplan.model.settings import HallGaps, Settings, SubstituteSeat
from meetplan.pins import Pins, resolve_pins
from meetplan.protocol.precedence import in_precedence_order, unit_seating_order
from meetplan.protocol.rostrum import RostrumRules, seat_rostrum
from meetplan.scenarios import (
    BASE,
    BASE_ID,
    BASE_TITLE,
    Case,
    attendance,
    cases,
    check_substitutes,
    leaders,
    seating_stand_in,
)
from meetplan.solver import seat_hall
from meetplan.solver.fill import aisle_seats, fill_block
from meetplan.solver.lanes import LaneRules, fill_order
from meetplan.solver.regions import allowed_seats, check_places
from meetplan.solver.replan import replan_hall


def find_host(rostrum: list[Attendee], host_name: str) -> Attendee | None:
    if not host_name:
        return None
    matches = [p for p in rostrum if p.name == host_name]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        problem = Problem(
            _("The host {name} is not among the rostrum people.").format(name=host_name),
            Location(key="protocol.host", value=host_name),
            hint=_("Write the host's name exactly as in the roster, and give them 座区 主席台."),
        )
    else:
        problem = Problem(
            _("Two rostrum people are called {name}; the host cannot be told apart.").format(
                name=host_name
            ),
            Location(key="protocol.host", value=host_name),
        )
    raise UserError(problem)


def _seat_rostrum(
    attending: list[Attendee],
    layout: Layout,
    settings: Settings,
    base: bool = False,
    pins: dict[int, tuple[int, int]] | None = None,
    notes: list[Problem] | None = None,
) -> list[tuple[Seat, Attendee]]:
    """The rostrum for the people attending. ``base``: the plan with everyone present
    (待定 leaders included), for whom the office's rostrum_rows must add up exactly;
    with fewer people (a scenario) the back rows give up chairs first. ``pins``: the
    rostrum seats of the roster's 座位 (person id -> (row, col))."""
    protocol = settings.protocol
    rostrum = in_precedence_order(
        [p for p in attending if p.area is Area.ROSTRUM], protocol.name_order
    )
    rules = RostrumRules(
        protocol.honor_side, protocol.even_rostrum, protocol.host_seat, protocol.rostrum_rows
    )
    # The host was found in the base plan; a scenario in which the host does not come
    # (a 待定 host) seats the rostrum without one.
    here = base or any(p.name == protocol.host for p in rostrum)
    host = find_host(rostrum, protocol.host) if here else None
    return seat_rostrum(rostrum, layout.rostrum_rows, rules, host, layout.name, base, pins, notes)


def pins_of(roster: Roster, layout: Layout) -> Pins:
    """The roster's pinned seats (座位), every problem with them raised together."""
    pins, problems = resolve_pins(roster, layout)
    raise_if_errors(problems)
    return pins


def pins_here(
    pins: Pins, people: dict[int, Attendee], roster: Roster, mode: SubstituteSeat
) -> Pins:
    """The pins of the people of one case. A substitute seated in place (``in-place``)
    without a pin of their own takes their leader's."""
    rostrum = {pid: rc for pid, rc in pins.rostrum.items() if pid in people}
    hall = {pid: seat for pid, seat in pins.hall.items() if pid in people}
    if mode is SubstituteSeat.IN_PLACE:
        for sub_id, leader in leaders(roster).items():
            if sub_id in people and sub_id not in rostrum and sub_id not in hall:
                if leader.id in pins.rostrum and people[sub_id].area is Area.ROSTRUM:
                    rostrum[sub_id] = pins.rostrum[leader.id]
                elif leader.id in pins.hall and people[sub_id].area is not Area.ROSTRUM:
                    hall[sub_id] = pins.hall[leader.id]
    return Pins(rostrum, hall)


def kept_free(pins: Pins, here: Pins) -> list[Seat]:
    """Hall seats pinned to someone not in this case (a standby substitute): nobody
    else is given them, so that they are free when that person comes."""
    taken = {(s.floor, s.row, s.col) for s in here.hall.values()}
    return [
        seat
        for pid, seat in pins.hall.items()
        if pid not in here.hall and (seat.floor, seat.row, seat.col) not in taken
    ]


def regions_of(settings: Settings, layout: Layout) -> dict[str, list[Seat]]:
    """The seats each placed unit (``[[hall.place]]``) may take."""
    return {place.unit: allowed_seats(place, layout) for place in settings.hall.place}


def plan_base(
    roster: Roster, layout: Layout, settings: Settings, pins: Pins | None = None
) -> tuple[Scenario, list[Problem]]:
    attending, unseated = attendance(roster, BASE)
    originals = {p.id: p for p in roster.attendees}
    mode = settings.protocol.substitute_seat
    stand_ins = [seating_stand_in(p, roster, mode) for p in attending]
    hall_people = [p for p in stand_ins if p.area is not Area.ROSTRUM]
    pins = pins if pins is not None else pins_of(roster, layout)
    here = pins_here(pins, {p.id: p for p in stand_ins}, roster, mode)
    problems: list[Problem] = []
    placed = []
    try:  # the rostrum and the hall are both checked, and reported together
        placed += _seat_rostrum(stand_ins, layout, settings, True, here.rostrum)
    except UserError as error:
        problems += error.problems
    hall = None
    try:
        hall = seat_hall(hall_people, layout, settings, here.hall, kept_free(pins, here))
        placed += hall.placed
        unseated += [
            Unseated(originals[p.id], UnseatedReason.STAFF_WITHOUT_SEATS) for p in hall.without_seat
        ]
    except UserError as error:
        problems += error.problems
    if problems:
        raise UserError(problems)

    assignments = tuple(Assignment(seat, originals[person.id]) for seat, person in placed)
    unseated.sort(key=lambda u: u.person.id)
    assert hall is not None
    return Scenario(BASE_ID, BASE_TITLE, assignments, tuple(unseated), hall.report), hall.warnings


def plan_case(
    roster: Roster,
    layout: Layout,
    settings: Settings,
    case: Case,
    base: Scenario,
    home: dict[int, Seat] | None = None,
    pins: Pins | None = None,
    exact_rows: bool = False,
) -> tuple[Scenario, list[Problem]]:
    """One attendance case, with the fewest moves from the base plan the rules allow;
    and notes on moves the rules force on people whose unit did not change.

    The rostrum follows the protocol for the people present: re-centred, no
    empty chair. In the hall, a person who does not come leaves their seat
    empty (``[hall] gaps = "leave-empty"``), or their unit's block closes up
    in precedence order (``"close-up"``). A substitute takes their leader's
    hall seat when seated in place; someone coming back (a change undone)
    wants their ``home`` seat from the first plan, when it is free. Whoever
    has no seat to keep joins their unit's block, and the hall solver
    (:func:`~meetplan.solver.replan.replan_hall`) makes room moving the
    fewest people: usually nobody, when the block has a free seat.

    A person pinned to a seat (座位) sits there in every case and never moves;
    a placed unit (``[[hall.place]]``) stays in the seats its placement allows.
    """
    originals = {p.id: p for p in roster.attendees}
    attending, unseated = attendance(roster, case)
    mode = settings.protocol.substitute_seat
    stand_ins = {p.id: seating_stand_in(p, roster, mode) for p in attending}
    pins = pins if pins is not None else pins_of(roster, layout)
    here = pins_here(pins, stand_ins, roster, mode)
    rostrum_notes: list[Problem] = []
    placed = _seat_rostrum(
        list(stand_ins.values()),
        layout,
        settings,
        exact_rows,
        pins=here.rostrum,
        notes=rostrum_notes,
    )

    base_hall = {a.person.id: a.seat for a in base.in_area("hall")}
    freed = [seat for pid, seat in base_hall.items() if pid not in stand_ins]
    lead = leaders(roster)
    base_reasons = {u.person.id: u.reason for u in base.unseated}
    wanted: dict[int, Seat] = {pid: seat for pid, seat in base_hall.items() if pid in stand_ins}
    hall_people: list[Attendee] = []
    for pid, person in stand_ins.items():
        if person.area is Area.ROSTRUM:
            continue
        if pid not in wanted and base_reasons.get(pid) is UnseatedReason.STAFF_WITHOUT_SEATS:
            # no hall seat in the base plan either (staff beyond the staff seats): none now
            unseated.append(Unseated(originals[pid], UnseatedReason.STAFF_WITHOUT_SEATS))
            continue
        hall_people.append(person)
        if pid in wanted:
            continue
        leader = lead.get(pid)
        leader_seat = base_hall.get(leader.id) if leader else None
        own = (home or {}).get(pid)
        if mode is SubstituteSeat.IN_PLACE and leader_seat is not None and leader_seat in freed:
            wanted[pid] = leader_seat
            freed.remove(leader_seat)
        elif own is not None and own not in wanted.values():
            wanted[pid] = own
    changed = {originals[pid].unit for pid in base_hall if pid not in stand_ins} | {
        p.unit for p in hall_people if p.id not in base_hall
    }
    found = replan_hall(
        hall_people,
        wanted,
        changed,
        layout,
        settings,
        fixed=here.hall,
        keep_free=kept_free(pins, here),
        regions=regions_of(settings, layout),
    )
    hall = found.seats
    notes = (
        rostrum_notes
        + pushed_notes(found.pushed, changed)
        + [
            Problem(
                _(
                    "The block of {unit} now continues at the other end of the next row: keeping "
                    "the printed seats left no room for it in one block."
                ).format(unit=unit or _("(no unit)")),
                hint=_("Look at 座次图.pdf; build with --fresh to lay out the hall again."),
                severity=Severity.WARNING,
            )
            for unit in dict.fromkeys(found.broken)
        ]
    )
    if settings.hall.gaps is HallGaps.CLOSE_UP:
        hall = close_up(
            hall,
            base_hall,
            stand_ins,
            originals,
            layout,
            settings,
            here.hall,
            kept_free(pins, here),
        )
    placed += [(seat, stand_ins[pid]) for pid, seat in hall.items()]
    assignments = tuple(
        Assignment(seat, originals[p.id])
        for seat, p in sorted(
            placed, key=lambda sp: (sp[0].area != "rostrum", sp[0].floor, sp[0].row, sp[0].col)
        )
    )
    unseated.sort(key=lambda u: u.person.id)
    scenario = Scenario(
        case.id,
        case.title,
        assignments,
        tuple(unseated),
        absent=tuple(sorted(case.absent)),
        substitutes=tuple(sorted(case.substitutes)),
    )
    return scenario, notes


def pushed_notes(pushed: dict[str, int], changed: set[str]) -> list[Problem]:
    """Why people of a unit that did not change have to move (the rules leave no other way)."""
    if not pushed:
        return []
    return [
        Problem(
            ngettext(
                "{n} person of {unit} moves although nobody of {unit} changed: the block of "
                "{changed} needed more seats, and each unit sits in one unbroken stretch "
                "in the office's order.",
                "{n} people of {unit} move although nobody of {unit} changed: the block of "
                "{changed} needed more seats, and each unit sits in one unbroken stretch "
                "in the office's order.",
                n,
            ).format(n=n, unit=unit or _("(no unit)"), changed=_(", ").join(sorted(changed))),
            hint=_("The move list shows each seat; leave-empty and close-up cannot avoid it."),
            severity=Severity.WARNING,
        )
        for unit, n in sorted(pushed.items())
    ]


def close_up(
    hall: dict[int, Seat],
    base_hall: dict[int, Seat],
    people: dict[int, Attendee],
    originals: dict[int, Attendee],
    layout: Layout,
    settings: Settings,
    pinned: dict[int, Seat] | None = None,
    keep_free: list[Seat] | None = None,
) -> dict[int, Seat]:
    """Each unit that lost people closes up: its people take the front of its block again,
    in the block's own order; the seats left over are at the block's end. A pinned
    person (座位) keeps the pinned seat, and a seat kept free for someone pinned to it
    is not taken.

    The block is the unit's base block, less any seat another unit was given to
    make room (see :func:`~meetplan.solver.replan.replan_hall`), plus any seat
    the unit was given beyond it.
    """
    aisles = aisle_seats(layout)
    rules = LaneRules.of(settings)
    pinned = pinned or {}
    free_kept = {(s.floor, s.row, s.col) for s in keep_free or []}
    out = dict(hall)
    for unit in dict.fromkeys(originals[pid].unit for pid in base_hall):
        base_block = [seat for pid, seat in base_hall.items() if originals[pid].unit == unit]
        members = [pid for pid in hall if people[pid].unit == unit]
        if len(members) >= len(base_block):
            continue  # nobody of this unit is missing
        others = {seat for pid, seat in hall.items() if people[pid].unit != unit}
        block = [s for s in base_block if s not in others]
        block += [hall[pid] for pid in members if hall[pid] not in block]
        own_pins = {pid: pinned[pid] for pid in members if pid in pinned}
        held = set(own_pins.values())
        ordered = [
            s
            for s in fill_order(block, layout, rules)
            if s not in held and (s.floor, s.row, s.col) not in free_kept
        ]
        unit_people = unit_seating_order(
            [people[p] for p in members], settings.protocol.name_order, settings.hall.within_unit
        )
        seats = ordered[: len(unit_people) - len(own_pins)] + list(held)
        pairs, _missed = fill_block(unit_people, seats, aisles, own_pins)
        for seat, person in pairs:
            out[person.id] = seat
    return out


def substitution_warnings(roster: Roster) -> list[Problem]:
    """代会 cases that are planned as written but are probably not what the office means."""
    warnings: list[Problem] = []
    for sub in roster.attendees:
        if not sub.substitute_for or not sub.seated:
            continue
        for leader in roster.by_name(sub.substitute_for):
            where = Location(
                file=roster.source, row=sub.source_row, column="代会", value=sub.substitute_for
            )
            if leader.attendance is Attendance.PRESENT:
                warnings.append(
                    Problem(
                        _(
                            "{sub} is to attend in place of {leader}, but {leader} is marked 出席: "
                            "{sub} has a card ready but no seat."
                        ).format(sub=sub.name, leader=leader.name),
                        where,
                        hint=_(
                            "If {leader} may not come, mark them 待定 (a scenario is then prepared) "
                            "or 请假 (then {sub} is seated)."
                        ).format(leader=leader.name, sub=sub.name),
                        severity=Severity.WARNING,
                    )
                )
            if leader.area is Area.ROSTRUM and sub.area is not Area.ROSTRUM:
                warnings.append(
                    Problem(
                        _(
                            "{sub} replaces {leader}, who sits on the rostrum, but is listed for "
                            "{area}: {sub} is seated there."
                        ).format(sub=sub.name, leader=leader.name, area=sub.area.label),
                        where,
                        hint=_("Give {sub} 座区 主席台 if they are to sit on the rostrum.").format(
                            sub=sub.name
                        ),
                        severity=Severity.WARNING,
                    )
                )
    return warnings


def unitless_warnings(roster: Roster) -> list[Problem]:
    """Hall people with no 单位 sit together as one block; say so, since it is often a slip.

    A CSV or .xls saved from a sheet with 单位 merged over several rows keeps
    the unit only in the first of them.
    """
    rows = [
        p.source_row
        for p in roster.attendees
        if p.area in (Area.HALL, Area.OBSERVER) and not p.unit
    ]
    if not rows:
        return []
    shown = _(", ").join(str(r) for r in rows[:12]) + (_(" …") if len(rows) > 12 else "")
    return [
        Problem(
            ngettext(
                "{n} person in the hall has no 单位 (row {rows}): they are seated as one block of their own.",
                "{n} people in the hall have no 单位 (rows {rows}): they are seated as one block of their own.",
                len(rows),
            ).format(n=len(rows), rows=shown),
            Location(file=roster.source, column="单位"),
            hint=_(
                "Fill in 单位 on every row; a 单位 merged over several rows is kept only in the first "
                "row when the sheet is saved as CSV."
            ),
            severity=Severity.WARNING,
        )
    ]


def make_plan(
    roster: Roster,
    layout: Layout,
    settings: Settings,
    previous: Scenario | None = None,
    home: dict[int, Seat] | None = None,
    with_cases: bool = True,
    revised: bool = False,
) -> Plan:
    """The plan: the base scenario, then every other attendance case.

    Without ``previous`` the hall is solved afresh. With it (a change recorded
    on the day, or a revised roster planned from the printed plan: ``revised``),
    the base is re-planned from that plan with the fewest moves, and keeps the
    hall solver's report of the plan it derives from. A revised roster's base
    plan has everyone present, so rostrum_rows must add up as in a fresh plan.
    """
    check_substitutes(roster)
    pins, problems = resolve_pins(roster, layout)
    problems += check_places(settings.hall.place, roster, layout)
    raise_if_errors(problems)
    if previous is None:
        base, notes = plan_base(roster, layout, settings, pins)
    else:
        derived, notes = plan_case(
            roster, layout, settings, BASE, previous, home, pins, exact_rows=revised
        )
        base = replace(derived, hall=previous.hall)
    base = base.in_people_order()  # the same plan, however it was made: the same value
    if not with_cases:
        return Plan(
            roster=roster, layout=layout, settings=settings, scenarios=(base,), notes=tuple(notes)
        )
    others = []
    for case in cases(roster):
        scenario, case_notes = plan_case(roster, layout, settings, case, base, pins=pins)
        others.append(scenario)
        notes += [
            replace(n, message=f"{case.title}: {n.message}") for n in case_notes if n not in notes
        ]
    return Plan(
        roster=roster,
        layout=layout,
        settings=settings,
        scenarios=(base, *others),
        notes=tuple(notes),
    )
