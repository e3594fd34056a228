"""Re-planning the hall for a change: the fewest people moved, by CP-SAT, warm-started.

When someone does not come, their seat can simply stay empty. When someone
new comes (a substitute, a person back after an absence whose seat has gone),
their unit's block must hold one more person — and the rules of the hall
(PROTOCOL.md §3) still hold: each unit sits in one unbroken stretch of its
lane, units follow one another in the office's order, and no stretch holds
more people than it has seats.

The model works on each lane (see :mod:`meetplan.solver.lanes`) as a line
of positions. Unit *k* takes the stretch ``[start_k, end_k]``; a person
*stays* when the stretch of their unit still contains the seat they hold
(or the seat they are to return to). The objective is, first, the fewest
people who do not stay; then the least change to the stretches. The solver
starts from the plan before the change (every stretch as it was, everybody
staying), so it only has to find the few changes that make room.

Most changes need no model at all: when each unit still has a free seat for
each newcomer inside its own stretch, nobody moves, and that is returned
at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from meetplan.i18n import _
from meetplan.model.attendee import Area, Attendee
from meetplan.model.errors import Problem, UserError
from meetplan.model.layout import Layout, Seat, SeatUse, hall_seats
from meetplan.model.plan import SolveStatus
from meetplan.model.settings import Settings
from meetplan.protocol.precedence import in_precedence_order, unit_order
from meetplan.solver.fill import block_order
from meetplan.solver.lanes import Lane, build_lanes

SeatKey = tuple[str, int, int]  # (floor, row, col)

AREA_USE = {Area.HALL: SeatUse.GENERAL, Area.OBSERVER: SeatUse.OBSERVER, Area.STAFF: SeatUse.STAFF}


def key(seat: Seat) -> SeatKey:
    return (seat.floor, seat.row, seat.col)


@dataclass(frozen=True)
class LineUnit:
    """One unit on one lane: how many people it seats, and the positions they would keep."""

    name: str
    size: int
    kept: tuple[int | None, ...]  # per person: the position they hold now, or None


@dataclass(frozen=True)
class Stretches:
    """The solution on one lane: each unit's stretch, and which people stay."""

    spans: tuple[tuple[int, int], ...]  # (start, end) per unit, inclusive
    stays: tuple[tuple[bool, ...], ...]  # per unit, per person
    status: SolveStatus

    @property
    def moved(self) -> int:
        return sum(1 for unit in self.stays for s in unit if not s)


@dataclass
class Replan:
    """Every hall person's seat after the change, and what had to move and why."""

    seats: dict[int, Seat]
    status: SolveStatus = SolveStatus.TRIVIAL
    # units that did not change but whose people moved to make room, with how many moved
    pushed: dict[str, int] = field(default_factory=dict)


def fits_without_moves(units: Sequence[LineUnit], length: int) -> bool:
    """Whether each unit seats its newcomers inside its own current stretch, nobody moving."""
    previous_end = -1
    for unit in units:
        kept = [p for p in unit.kept if p is not None]
        if not kept:
            return False  # a unit new to this lane needs a stretch of its own
        start, end = min(kept), max(kept)
        if start <= previous_end or end - start + 1 < unit.size or end >= length:
            return False
        previous_end = end
    return True


def solve_stretches(
    units: Sequence[LineUnit], length: int, time_limit: float = 5.0
) -> Stretches | None:
    """The stretches that keep the most people in their seats; None if the lane is too small."""
    if sum(u.size for u in units) > length:
        return None
    if fits_without_moves(units, length):
        spans = tuple(
            (min(p for p in u.kept if p is not None), max(p for p in u.kept if p is not None))
            for u in units
        )
        stays = tuple(tuple(p is not None for p in u.kept) for u in units)
        return Stretches(spans, stays, SolveStatus.TRIVIAL)

    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    starts: list[cp_model.IntVar] = []
    ends: list[cp_model.IntVar] = []
    stay_vars: list[list[cp_model.IntVar | None]] = []
    for index, unit in enumerate(units):
        start = model.new_int_var(0, length - 1, f"start{index}")
        end = model.new_int_var(0, length - 1, f"end{index}")
        model.add(end >= start + unit.size - 1)
        if ends:
            model.add(start >= ends[-1] + 1)  # units follow one another, never overlap
        unit_stays: list[cp_model.IntVar | None] = []
        for person, position in enumerate(unit.kept):
            if position is None:
                unit_stays.append(None)
                continue
            stay = model.new_bool_var(f"stay{index}_{person}")
            model.add(start <= position).only_enforce_if(stay)
            model.add(end >= position).only_enforce_if(stay)
            model.add_hint(stay, True)
            unit_stays.append(stay)
        kept = [p for p in unit.kept if p is not None]
        if kept:  # warm start: the stretch as it was
            model.add_hint(start, min(kept))
            model.add_hint(end, max(kept))
        starts.append(start)
        ends.append(end)
        stay_vars.append(unit_stays)
    moved = sum(1 - s for unit in stay_vars for s in unit if s is not None)
    # First the fewest people moved; then the smallest stretches (no block grows
    # further than it must). The second term is below one move in weight.
    spread = sum(e - s for s, e in zip(starts, ends, strict=True))
    model.minimize((length + 1) * moved + spread)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1  # one worker and a fixed seed: the same plan every time
    solver.parameters.random_seed = 7
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    spans = tuple((solver.value(s), solver.value(e)) for s, e in zip(starts, ends, strict=True))
    stays_out = tuple(
        tuple(s is not None and bool(solver.value(s)) for s in unit) for unit in stay_vars
    )
    found = SolveStatus.OPTIMAL if status == cp_model.OPTIMAL else SolveStatus.FEASIBLE
    return Stretches(spans, stays_out, found)


def replan_hall(
    people: Sequence[Attendee],
    wanted: Mapping[int, Seat],
    changed_units: set[str],
    layout: Layout,
    settings: Settings,
) -> Replan:
    """A seat for each of ``people`` (hall, 列席 and staff with a seat), moving the fewest.

    ``wanted`` is the seat each person holds before the change (or is to return
    to); two people never want the same seat. ``changed_units`` are the units
    that gained or lost people: people of other units move only when the rules
    leave no other way, and ``Replan.pushed`` says which and how many.
    """
    chairs = hall_seats(layout)
    pools = {use: [s for s in chairs if s.use is use] for use in SeatUse}
    method, honor = settings.protocol.hall_method, settings.protocol.honor_side
    lanes: list[Lane] = []
    where: dict[SeatKey, tuple[int, int]] = {}  # seat -> (lane, position)
    lane_use: list[SeatUse] = []
    for use, pool in pools.items():
        if not pool:
            continue
        for lane in build_lanes(pool, layout, method, honor):
            index = len(lanes)
            lanes.append(lane)
            lane_use.append(use)
            line = [seat for segment in lane.segments for seat in segment.seats]
            for pos, seat in enumerate(line):
                where[key(seat)] = (index, pos)

    lane_of = choose_lanes(people, wanted, where, lanes, lane_use)
    floors = {f.name: i for i, f in enumerate(layout.floors)}
    order = settings.protocol.name_order
    seats: dict[int, Seat] = {}
    pushed: Counter[str] = Counter()
    status = SolveStatus.TRIVIAL
    for index, lane in enumerate(lanes):
        members = [p for p in people if lane_of[p.id] == index]
        if not members:
            continue
        line = [seat for segment in lane.segments for seat in segment.seats]
        # members' units first, then 列席 units sitting in the hall after them (as planned)
        names = list(
            dict.fromkeys(
                unit_order([p for p in members if p.area is Area.HALL])
                + unit_order([p for p in members if p.area is not Area.HALL])
            )
        )
        groups = [in_precedence_order([p for p in members if p.unit == u], order) for u in names]
        units = [
            LineUnit(
                name,
                len(group),
                tuple(
                    where[key(wanted[p.id])][1]
                    if p.id in wanted and where.get(key(wanted[p.id]), (-1,))[0] == index
                    else None
                    for p in group
                ),
            )
            for name, group in zip(names, groups, strict=True)
        ]
        found = solve_stretches(units, len(line), settings.hall.time_limit)
        if found is None:
            raise UserError(
                Problem(
                    _(
                        "After this change the hall cannot seat everyone in unit blocks: "
                        "{count} people for {seats} seats."
                    ).format(count=len(members), seats=len(line)),
                    hint=_("Choose a larger layout, or mark someone who does not come as 请假."),
                )
            )
        if found.status is not SolveStatus.TRIVIAL:
            status = found.status if status is not SolveStatus.FEASIBLE else status
        for unit, group, (start, end), stays in zip(
            units, groups, found.spans, found.stays, strict=True
        ):
            held = {unit.kept[i] for i, stay in enumerate(stays) if stay}
            free = block_order([line[p] for p in range(start, end + 1) if p not in held], floors)
            movers = [p for p, stay in zip(group, stays, strict=True) if not stay]
            for person, position, stay in zip(group, unit.kept, stays, strict=True):
                if stay:
                    assert position is not None
                    seats[person.id] = line[position]
            for person, seat in zip(movers, free, strict=False):
                seats[person.id] = seat
            if unit.name not in changed_units:
                count = sum(1 for p in movers if p.id in wanted)
                if count:
                    pushed[unit.name] += count
    return Replan(seats, status, dict(pushed))


def choose_lanes(
    people: Sequence[Attendee],
    wanted: Mapping[int, Seat],
    where: Mapping[SeatKey, tuple[int, int]],
    lanes: Sequence[Lane],
    lane_use: Sequence[SeatUse],
) -> dict[int, int]:
    """The lane of each person: the lane of the seat they hold; else the lane their unit
    (of the same area) sits in; else the lane of their kind with the most free seats."""
    lane_of: dict[int, int] = {}
    unit_lanes: dict[tuple[str, Area], Counter[int]] = {}
    for person in people:
        seat = wanted.get(person.id)
        if seat is not None and key(seat) in where:
            lane_of[person.id] = where[key(seat)][0]
            unit_lanes.setdefault((person.unit, person.area), Counter())[lane_of[person.id]] += 1
    load = Counter(lane_of.values())
    for person in people:
        if person.id in lane_of:
            continue
        mates = unit_lanes.get((person.unit, person.area))
        if mates:
            lane_of[person.id] = mates.most_common(1)[0][0]
        else:
            use = AREA_USE[person.area]
            kinds = [i for i, u in enumerate(lane_use) if u is use]
            if not kinds and use is SeatUse.OBSERVER:  # no 列席 area: 列席 sit in the hall
                kinds = [i for i, u in enumerate(lane_use) if u is SeatUse.GENERAL]
            if not kinds:
                raise UserError(
                    Problem(
                        _("No free seat is left in the hall for {name}.").format(name=person.name),
                        hint=_(
                            "Choose a larger layout, or mark someone who does not come as 请假."
                        ),
                    )
                )
            lane_of[person.id] = max(kinds, key=lambda i: (lanes[i].capacity - load[i], -i))
            unit_lanes.setdefault((person.unit, person.area), Counter())[lane_of[person.id]] += 1
        load[lane_of[person.id]] += 1
    return lane_of
