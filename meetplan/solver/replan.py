"""Re-planning the hall for a change: the fewest people moved, found exactly.

When someone does not come, their seat can simply stay empty. When someone
new comes (a substitute, a person back after an absence whose seat has gone),
their unit's block must hold one more person — and the rules of the hall
(PROTOCOL.md §3) still hold: each unit sits in one unbroken stretch of its
lane, units follow one another in the office's order, and no stretch holds
more people than it has seats.

Each lane (see :mod:`meetplan.solver.lanes`) is a line of positions. Unit
*k* takes the stretch ``[start_k, end_k]``; a person *stays* when the
stretch of their unit still contains the seat they hold (or the seat they
are to return to). The objective is, first, the fewest people who do not
stay; then the smallest stretches. It starts from the plan before the
change: when that plan still holds (each unit's stretch as it was, with a
free seat for each newcomer), it is the answer; otherwise a dynamic
programme over the lane finds the optimum exactly.

Most changes need no model at all: when each unit still has a free seat for
each newcomer inside its own stretch, nobody moves, and that is returned
at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from meetplan.i18n import _
from meetplan.model.attendee import Area, Attendee
from meetplan.model.errors import Problem, UserError
from meetplan.model.layout import Layout, Seat, SeatUse, hall_seats
from meetplan.model.plan import SolveStatus
from meetplan.model.settings import Settings
from meetplan.protocol.precedence import unit_order, unit_seating_order
from meetplan.solver.lanes import Lane, LaneRules, LaneShape, Shape, build_lanes, fill_order

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
    # units that did not change but whose people moved to make room, with how many moved
    pushed: dict[str, int] = field(default_factory=dict)
    # units whose stretch no longer keeps to one block (it continues at the other end of
    # the next row): the fewest moves won over the shape, and the office is told
    broken: tuple[str, ...] = ()


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


def solve_stretches(units: Sequence[LineUnit], length: int) -> Stretches | None:
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

    return stretches_by_dynamic_programme(units, length)


def stretches_by_dynamic_programme(units: Sequence[LineUnit], length: int) -> Stretches:
    """The exact optimum, in time proportional to units × seats.

    Costs are ``(length + 1) × moved + Σ(end − start)``: first the fewest people
    moved, then the smallest stretches. With ``C(i)`` the number of a unit's
    kept positions before ``i``, a unit on ``[s, e]`` loses ``K − C(e+1) + C(s)``
    people, so the best start for each end is a running minimum over ``s`` of
    ``best(previous units before s) + W·C(s) − s``: one pass per unit.

    A CP-SAT model of the same problem (start, end and a stay literal per
    person) did not prove its optimum within 5 s on a 3,000-person hall; this
    programme solves that hall exactly in a fraction of a second.
    """
    weight = length + 1
    infinity = float("inf")
    before: list[float] = [0.0] * (length + 1)  # best cost of earlier units, all ending before s
    best_start: list[list[int]] = []  # per unit, per end: the best start
    best_end: list[list[int]] = []  # per unit, per t: the best end at or before t - 1
    for unit in units:
        kept = sorted(p for p in unit.kept if p is not None)
        count_before = [0] * (length + 1)
        k = 0
        for i in range(length + 1):
            while k < len(kept) and kept[k] < i:
                k += 1
            count_before[i] = k
        total = len(kept)
        cost = [infinity] * length
        start_of = [-1] * length
        running, running_start = infinity, -1
        for end in range(unit.size - 1, length):
            start = end - unit.size + 1
            value = before[start] + weight * count_before[start] - start
            if value < running:
                running, running_start = value, start
            cost[end] = weight * (total - count_before[end + 1]) + end + running
            start_of[end] = running_start
        after: list[float] = [infinity] * (length + 1)
        end_of = [-1] * (length + 1)
        low, low_end = infinity, -1
        for t in range(length):
            if cost[t] < low:
                low, low_end = cost[t], t
            after[t + 1] = low
            end_of[t + 1] = low_end
        best_start.append(start_of)
        best_end.append(end_of)
        before = after
    spans: list[tuple[int, int]] = []
    limit = length
    for index in range(len(units) - 1, -1, -1):
        end = best_end[index][limit]
        start = best_start[index][end]
        spans.append((start, end))
        limit = start
    spans.reverse()
    stays = tuple(
        tuple(p is not None and start <= p <= end for p in unit.kept)
        for unit, (start, end) in zip(units, spans, strict=True)
    )
    return Stretches(tuple(spans), stays, SolveStatus.OPTIMAL)


def replan_hall(
    people: Sequence[Attendee],
    wanted: Mapping[int, Seat],
    changed_units: set[str],
    layout: Layout,
    settings: Settings,
    fixed: Mapping[int, Seat] | None = None,
    keep_free: Collection[Seat] = (),
    regions: Mapping[str, Sequence[Seat]] | None = None,
) -> Replan:
    """A seat for each of ``people`` (hall, 列席 and staff with a seat), moving the fewest.

    ``wanted`` is the seat each person holds before the change (or is to return
    to); two people never want the same seat. ``changed_units`` are the units
    that gained or lost people: people of other units move only when the rules
    leave no other way, and ``Replan.pushed`` says which and how many.

    ``fixed`` people (pinned to a seat, the roster's 座位) sit there and never
    move; ``keep_free`` seats (pinned to someone not here) go to nobody. The
    units of ``regions`` (``[hall.place]``: unit -> the seats it may take) stay
    in them: their people keep their seats, newcomers take the region's first
    free seats, and no other unit is given those seats.
    """
    fixed = {p.id: fixed[p.id] for p in people if fixed and p.id in fixed}
    blocked = {key(s) for s in fixed.values()} | {key(s) for s in keep_free}
    wanted = {
        pid: seat for pid, seat in wanted.items() if pid not in fixed and key(seat) not in blocked
    }
    seats: dict[int, Seat] = dict(fixed)
    rules = LaneRules.of(settings)
    movers = [p for p in people if p.id not in fixed]
    for placed, region in (regions or {}).items():
        members = [p for p in movers if p.unit == placed and p.area is Area.HALL]
        if not members:
            continue
        occupied = blocked | {key(s) for s in wanted.values()}
        free = [s for s in fill_order(region, layout, rules) if key(s) not in occupied]
        newcomers = unit_seating_order(
            [p for p in members if p.id not in wanted],
            settings.protocol.name_order,
            settings.hall.within_unit,
        )
        if len(newcomers) > len(free):
            raise UserError(
                Problem(
                    _(
                        "After this change {unit} has {count} people, but the seats its "
                        "[[hall.place]] allows have only {free} free for the {new} newcomers."
                    ).format(unit=placed, count=len(members), free=len(free), new=len(newcomers)),
                    hint=_("Give the unit more rows or sections in meeting.toml [[hall.place]]."),
                )
            )
        for person in members:
            if person.id in wanted:
                seats[person.id] = wanted[person.id]
        for person, seat in zip(newcomers, free, strict=False):
            seats[person.id] = seat
        blocked |= {key(seats[p.id]) for p in members}
    movers = [p for p in movers if p.id not in seats]
    if all(p.id in wanted for p in movers) and len({key(wanted[p.id]) for p in movers}) == len(
        movers
    ):
        # Nobody new: everybody keeps their seat (a seat left empty is allowed).
        return Replan(seats | {p.id: wanted[p.id] for p in movers})
    people = movers
    lanes, lane_use, where = lanes_of(layout, rules, frozenset(blocked))

    lane_of = choose_lanes(people, wanted, where, lanes, lane_use)
    order = settings.protocol.name_order
    pushed: Counter[str] = Counter()
    broken: list[str] = []
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
        by_unit: dict[str, list[Attendee]] = {u: [] for u in names}
        for p in members:
            by_unit[p.unit].append(p)
        groups = [by_unit[u] for u in names]
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
        found = solve_stretches(units, len(line))
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
        shape = LaneShape(lane, Shape.BLOCK)
        for unit, (start, end) in zip(units, found.spans, strict=True):
            if not shape.keeps_block(start, end - start + 1):
                broken.append(unit.name)
        for unit, group, (start, end), stays in zip(
            units, groups, found.spans, found.stays, strict=True
        ):
            for person, position, stay in zip(group, unit.kept, stays, strict=True):
                if stay:
                    assert position is not None
                    seats[person.id] = line[position]
            movers = unit_seating_order(
                [p for p, stay in zip(group, stays, strict=True) if not stay],
                order,
                settings.hall.within_unit,
            )
            if movers:  # into the free seats of the stretch, in the order the method fills
                held = {unit.kept[i] for i, stay in enumerate(stays) if stay}
                free = [line[p] for p in range(start, end + 1) if p not in held]
                for person, seat in zip(movers, fill_order(free, layout, rules), strict=False):
                    seats[person.id] = seat
            if unit.name not in changed_units:
                count = sum(1 for p in movers if p.id in wanted)
                if count:
                    pushed[unit.name] += count
    return Replan(seats, dict(pushed), tuple(broken))


@lru_cache(maxsize=8)
def lanes_of(
    layout: Layout, rules: LaneRules, without: frozenset[SeatKey] = frozenset()
) -> tuple[list[Lane], list[SeatUse], dict[SeatKey, tuple[int, int]]]:
    """Every lane of the hall (代表席, 列席, staff), its kind, and each seat's (lane, position);
    ``without`` the seats that are not to be given (pinned, placed)."""
    chairs = [s for s in hall_seats(layout) if key(s) not in without]
    lanes: list[Lane] = []
    lane_use: list[SeatUse] = []
    where: dict[SeatKey, tuple[int, int]] = {}
    for use in SeatUse:
        pool = [s for s in chairs if s.use is use]
        if not pool:
            continue
        for lane in build_lanes(pool, layout, rules):
            index = len(lanes)
            lanes.append(lane)
            lane_use.append(use)
            line = [seat for segment in lane.segments for seat in segment.seats]
            for pos, seat in enumerate(line):
                where[key(seat)] = (index, pos)
    return lanes, lane_use, where


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
