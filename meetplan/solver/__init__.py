"""Hall seating: unit blocks placed by a CP-SAT model, people filled into them.

:func:`seat_hall` is the one entry point. It returns plain data (seat and
person pairs, a :class:`~meetplan.model.plan.HallReport`, warnings and the
people left without a seat); OR-Tools stays inside :mod:`meetplan.solver.blocks`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Area, Attendee
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.layout import Layout, Seat, SeatUse, hall_seats
from meetplan.model.plan import HallReport, SolveStatus
from meetplan.model.settings import HallMethod, HallPlace, RowOrder, Settings
from meetplan.protocol.precedence import unit_order, unit_seating_order
from meetplan.solver.fill import aisle_seats, fill_block
from meetplan.solver.lanes import (
    Lane,
    LaneRules,
    LaneShape,
    SeatKey,
    Shape,
    Span,
    build_lanes,
    centre_out_key,
    fill_order,
    seat_key,
)
from meetplan.solver.regions import allowed_seats, region_name

if TYPE_CHECKING:
    from meetplan.solver.blocks import BlockSolution, LaneUnits


@dataclass
class HallResult:
    placed: list[tuple[Seat, Attendee]]
    report: HallReport
    warnings: list[Problem] = field(default_factory=list)
    without_seat: list[Attendee] = field(default_factory=list)  # staff beyond the staff seats


@dataclass(frozen=True)
class Unit:
    name: str
    people: tuple[Attendee, ...]  # in the order they take seats within the block


def units_of(people: list[Attendee], settings: Settings) -> list[Unit]:
    """Unit blocks in the office's order; people inside in the order they take the
    block's seats ([hall] within_unit: list order by default)."""
    order, within = settings.protocol.name_order, settings.hall.within_unit
    return [
        Unit(u, tuple(unit_seating_order([p for p in people if p.unit == u], order, within)))
        for u in unit_order(people)
    ]


def short_of_seats(area: str, seats: int, needed: int, layout: Layout) -> Problem:
    return Problem(
        _(
            "The {area} of layout {layout} has {seats} seats, {count} people need one: {short} short."
        ).format(area=area, layout=layout.name, seats=seats, count=needed, short=needed - seats),
        hint=_(
            "Choose a larger layout, mark people who do not come as 请假 in the roster, "
            "or make the reserved areas of the layout smaller."
        ),
    )


def split_units(units: list[Unit], lanes: list[Lane], settings: Settings) -> list[Problem]:
    """Units larger than any segment of their lanes must sit across segments: say so, or refuse."""
    largest = max((s.capacity for lane in lanes for s in lane.segments), default=0)
    big = [u for u in units if len(u.people) > largest]
    if not big:
        return []
    names = _(", ").join(f"{u.name or _('(no unit)')} ({len(u.people)})" for u in big)
    if not settings.hall.allow_unit_split:
        raise UserError(
            Problem(
                _(
                    "These units are larger than any section of the hall ({largest} seats): {names}."
                ).format(largest=largest, names=names),
                Location(key="hall.allow_unit_split", value="false"),
                hint=_(
                    "Set allow_unit_split = true under [hall] to let them sit across sections, "
                    "or choose a layout with larger sections."
                ),
            )
        )
    return [
        Problem(
            ngettext(
                "This unit is larger than any section of the hall ({largest} seats) and will sit "
                "across neighbouring sections or rows: {names}.",
                "These units are larger than any section of the hall ({largest} seats) and will sit "
                "across neighbouring sections or rows: {names}.",
                len(big),
            ).format(largest=largest, names=names),
            Location(key="hall.allow_unit_split", value="true"),
            severity=Severity.WARNING,
        )
    ]


@dataclass(frozen=True)
class Share:
    """A unit's part in one lane: all its people, or, for 左右排列法's first unit, the
    people on one side of the centre line."""

    unit: int  # index into the pool's units
    people: int


def centre_split(unit: Unit, lanes: list[Lane], layout: Layout, settings: Settings) -> list[int]:
    """How many of 左右排列法's first unit sit on each half (honour, other): the first
    seats of the halves in centre-out order, row by row, so that the unit sits astride
    the centre line with its first person on the centre seat (or just on its honour side)."""
    key = centre_out_key(layout, settings.protocol.honor_side)
    tagged = sorted(
        ((key(seat), side) for side, lane in enumerate(lanes) for seat in lane.seats),
    )
    counts = [0] * len(lanes)
    for _key, side in tagged[: len(unit.people)]:
        counts[side] += 1
    return counts


def assign_lanes(
    units: list[Unit], lanes: list[Lane], layout: Layout, settings: Settings
) -> list[list[Share]]:
    """Which units go to which lane. One lane: all, in order. Two halves (左右排列法, or
    竖排法 with column_order = "centre-out"): the first unit astride the centre (左右排列法)
    or on the honour half (竖排法), then alternately honour side and other side, moving to
    the other side when one half is full."""
    if len(lanes) == 1:
        return [[Share(i, len(u.people)) for i, u in enumerate(units)]]
    room = [lane.capacity for lane in lanes]
    chosen: list[list[Share]] = [[] for _ in lanes]
    method = settings.protocol.hall_method
    first = 0
    if method is HallMethod.CENTER_OUT and units:
        for side, count in enumerate(centre_split(units[0], lanes, layout, settings)):
            if count:
                chosen[side].append(Share(0, count))
                room[side] -= count
        first = 1
    for i in range(first, len(units)):
        unit = units[i]
        # 左右排列法: the 2nd unit on the honour side, the 3rd on the other …;
        # 竖排法 centre-out: the 1st unit on the honour side, the 2nd on the other …
        prefer = (i + 1) % 2 if method is HallMethod.CENTER_OUT else i % 2
        for k in (prefer, 1 - prefer):
            if room[k] >= len(unit.people):
                chosen[k].append(Share(i, len(unit.people)))
                room[k] -= len(unit.people)
                break
        else:
            raise UserError(
                Problem(
                    _(
                        "Unit {unit} ({n} people) does not fit as a block in either half of the "
                        "hall ({left} and {right} seats left)."
                    ).format(
                        unit=unit.name or _("(no unit)"),
                        n=len(unit.people),
                        left=room[0],
                        right=room[1],
                    ),
                    Location(key="protocol.hall_method", value=method.value),
                    hint=_('Use hall_method = "rows" or a larger layout.'),
                )
            )
    return chosen


SHAPES = {
    HallMethod.ROWS: (Shape.BLOCK, Shape.PREFER_BLOCK),
    HallMethod.CENTER_OUT: (Shape.BLOCK, Shape.PREFER_BLOCK),
    HallMethod.COLUMNS: (Shape.COLUMN_FRONT, Shape.BLOCK, Shape.PREFER_BLOCK),
}


def lane_units(lane: Lane, shares: list[Share], settings: Settings, shape: Shape) -> LaneUnits:
    from meetplan.solver.blocks import LaneUnits

    pin = (
        settings.protocol.hall_method is HallMethod.CENTER_OUT
        and bool(shares)
        and shares[0].unit == 0
    )
    return LaneUnits(lane, tuple(share.people for share in shares), shape, pin)


def strictest(lane: Lane, shares: list[Share], shapes: tuple[Shape, ...]) -> Shape:
    """The strictest of ``shapes`` that the lane's units fit (the last one always does)."""
    sizes = [share.people for share in shares]
    for shape in shapes[:-1]:
        if LaneShape(lane, shape).earliest(sizes) is not None:
            return shape
    return shapes[-1]


def relaxed(units: list[Unit]) -> Problem:
    """竖排法 with more units than columns: some units share a column."""
    return Problem(
        _(
            "The hall has too few columns for each of its {n} units to start a column of its "
            "own (竖排法): some units sit behind another unit in the same column."
        ).format(n=len(units)),
        Location(key="protocol.hall_method", value=HallMethod.COLUMNS.value),
        hint=_('Choose a layout with more columns, or hall_method = "rows".'),
        severity=Severity.WARNING,
    )


def seat_pool(
    units: list[Unit],
    seats: list[Seat],
    layout: Layout,
    settings: Settings,
    lanes_out: list[LaneUnits],
    warnings: list[Problem],
) -> tuple[list[Lane], list[list[Share]]]:
    rules = LaneRules.of(settings)
    if rules.method is HallMethod.CENTER_OUT and len(units) == 1:
        # individuals (one unit, or no 单位): every row from the centre outward; one
        # unit astride the centre line never wraps
        rules = replace(rules, row_order=RowOrder.ONE_WAY)
    lanes = build_lanes(seats, layout, rules)
    chosen = assign_lanes(units, lanes, layout, settings)
    shapes = SHAPES[rules.method]
    snakes: list[Lane] = []
    for k, shares in enumerate(chosen):
        shape = strictest(lanes[k], shares, shapes)
        if shape is not shapes[0] and rules.method is HallMethod.COLUMNS:
            # 竖排法 with more units than columns: units share columns, and the columns
            # run 蛇形 (front to back, then back to front) so a unit continues beside itself
            snakes = snakes or build_lanes(seats, layout, replace(rules, serpentine_columns=True))
            lanes[k] = snakes[k]
            shape = strictest(lanes[k], shares, shapes[1:])
            if shares and not any(w.location.key == "protocol.hall_method" for w in warnings):
                warnings.append(relaxed(units))
        lanes_out.append(lane_units(lanes[k], shares, settings, shape))
    return lanes, chosen


def seat_hall(
    people: list[Attendee],
    layout: Layout,
    settings: Settings,
    pins: Mapping[int, Seat] | None = None,
    reserved: Collection[Seat] = (),
) -> HallResult:
    """Seat every hall member, 列席 and staff person of the base plan.

    Members take the 代表席 in unit blocks. 列席 take the layout's 列席 area, or,
    without one (or when it is full), the 代表席 after all members. Staff take
    staff seats; without them, they have no seat (and are listed as such).

    ``pins`` (person id -> seat, the roster's 座位): the person sits there, and
    their unit's block is formed around the seat (:func:`pinned_spans`); where
    that cannot be, the seat is taken out of the pool for them alone, with a
    warning. ``reserved``: seats pinned to people not in this plan (a standby
    substitute), kept free. Units placed by ``[hall.place]`` are seated first,
    each as its own block in the seats its placement allows; the other units
    take the rest of the hall.
    """
    ids = {p.id for p in people}
    pins = {pid: seat for pid, seat in (pins or {}).items() if pid in ids}
    kept = {seat_key(s) for s in reserved}
    all_seats = [s for s in hall_seats(layout) if seat_key(s) not in kept]
    pools = {use: [s for s in all_seats if s.use is use] for use in SeatUse}
    members = [p for p in people if p.area is Area.HALL]
    observers = [p for p in people if p.area is Area.OBSERVER]
    staff = [p for p in people if p.area is Area.STAFF]
    warnings: list[Problem] = []

    observer_room = len(pools[SeatUse.OBSERVER])
    obs_units = units_of(observers, settings)
    in_area: list[Unit] = []
    overflow: list[Unit] = []
    for unit in obs_units:  # whole units into the 列席 area while they fit
        if sum(len(u.people) for u in in_area) + len(unit.people) <= observer_room:
            in_area.append(unit)
        else:
            overflow.append(unit)
    if overflow and observer_room:
        warnings.append(
            Problem(
                _(
                    "The 列席 area has {seats} seats; {n} 列席 people sit in the hall after the members."
                ).format(seats=observer_room, n=sum(len(u.people) for u in overflow)),
                Location(file=layout.source, key="reserved"),
                severity=Severity.WARNING,
            )
        )
    general_units = units_of(members, settings) + overflow
    needed = sum(len(u.people) for u in general_units)
    if needed > len(pools[SeatUse.GENERAL]):
        raise UserError(short_of_seats(_("hall"), len(pools[SeatUse.GENERAL]), needed, layout))

    staff_units = units_of(staff, settings)
    staff_room = len(pools[SeatUse.STAFF])
    seated_staff: list[Unit] = []
    without: list[Attendee] = []
    for unit in staff_units:
        if sum(len(u.people) for u in seated_staff) + len(unit.people) <= staff_room:
            seated_staff.append(unit)
        else:
            without += unit.people
    if without and staff_room:
        warnings.append(
            Problem(
                _("{n} staff have no seat: the layout has {seats} staff seats.").format(
                    n=len(without), seats=staff_room
                ),
                Location(file=layout.source, key="reserved"),
                severity=Severity.WARNING,
            )
        )

    # Placed units first, in the order of [[hall.place]], each in its own region.
    parts: list[Seated] = []
    taken: set[SeatKey] = set()
    by_name = {u.name: u for u in units_of(members, settings)}
    pinned_keys = {seat_key(s): pid for pid, s in pins.items()}
    placed_names: set[str] = set()
    problems: list[Problem] = []
    for index, place in enumerate(settings.hall.place, start=1):
        placed_unit = by_name.get(place.unit)
        if placed_unit is None:
            continue  # nobody of it comes in this plan (or no such unit: checked beforehand)
        placed_names.add(placed_unit.name)
        own = {p.id for p in placed_unit.people}
        allowed = allowed_seats(place, layout)
        region = [
            s
            for s in allowed
            if seat_key(s) not in taken
            and seat_key(s) not in kept
            and pinned_keys.get(seat_key(s), next(iter(own))) in own
        ]
        if len(region) < len(placed_unit.people):
            problems.append(too_small(index, place, placed_unit, len(allowed), len(region)))
            continue
        part = seat_groups([([placed_unit], region)], layout, settings, pins, warnings)
        parts.append(part)
        taken |= {seat_key(seat) for seat, _p in part.placed}
    if problems:
        raise UserError(problems)

    rest = [u for u in general_units if u.name not in placed_names or u in overflow]
    general = [s for s in pools[SeatUse.GENERAL] if seat_key(s) not in taken]
    parts.append(
        seat_groups(
            [
                (rest, general),
                (in_area, pools[SeatUse.OBSERVER]),
                (seated_staff, pools[SeatUse.STAFF]),
            ],
            layout,
            settings,
            pins,
            warnings,
            check_split=True,
        )
    )

    placed = [pair for part in parts for pair in part.placed]
    wrapped = [name for part in parts for name in part.wrapped]
    if wrapped:
        warnings.append(
            Problem(
                _(
                    "The hall is too full to keep every unit in one block: {units} continue "
                    "at the other end of the next row."
                ).format(units=_(", ").join(dict.fromkeys(wrapped))),
                Location(key="protocol.hall_method", value=settings.protocol.hall_method.value),
                hint=_(
                    "Choose a larger layout, or look at 座次图.pdf before printing seat labels."
                ),
                severity=Severity.WARNING,
            )
        )
    solved = [part for part in parts if part.solution.status is not SolveStatus.TRIVIAL]
    if not solved:
        report = HallReport(settings.protocol.hall_method.value, SolveStatus.TRIVIAL, 0, 0, (), 0)
        return HallResult(placed, report, warnings, without)
    terms: dict[str, int] = {}
    for part in solved:
        for name, count in part.solution.terms.items():
            terms[name] = terms.get(name, 0) + count
    report = HallReport(
        method=settings.protocol.hall_method.value,
        status=(
            SolveStatus.OPTIMAL
            if all(p.solution.status is SolveStatus.OPTIMAL for p in solved)
            else SolveStatus.FEASIBLE
        ),
        objective=sum(p.solution.objective for p in solved),
        bound=sum(p.solution.bound for p in solved),
        terms=tuple(sorted(terms.items())),
        units=sum(p.units for p in parts),
        speakers_on_aisle=(sum(p.lucky for p in parts), sum(p.speakers for p in parts)),
    )
    return HallResult(placed, report, warnings, without)


def too_small(index: int, place: HallPlace, unit: Unit, allowed: int, free: int) -> Problem:
    """A placed unit with fewer free seats in its region than people."""
    message = _(
        "{key}: {unit} has {n} people, but {region} has {allowed} seats for members"
    ).format(
        key=f"hall.place[{index}]",
        unit=unit.name,
        n=len(unit.people),
        region=region_name(place),
        allowed=allowed,
    )
    if free < allowed:
        message += _(
            ", of which {free} are free (the others go to units placed before it, or to "
            "pinned or reserved seats)."
        ).format(free=free)
    else:
        message += "."
    return Problem(
        message,
        Location(key=f"hall.place[{index}]", value=unit.name),
        hint=_("Give the unit more rows or sections, or make the placements overlap less."),
    )


@dataclass
class Seated:
    """One solve of some pools of seats: who sits where, and how it was found."""

    placed: list[tuple[Seat, Attendee]]
    solution: BlockSolution
    units: int = 0
    wrapped: list[str] = field(default_factory=list)
    speakers: int = 0
    lucky: int = 0  # speakers on an aisle seat


def seat_groups(
    pools: list[tuple[list[Unit], list[Seat]]],
    layout: Layout,
    settings: Settings,
    pins: Mapping[int, Seat],
    warnings: list[Problem],
    check_split: bool = False,
) -> Seated:
    """Place the units of each pool (their own seats each) in one CP-SAT model, then
    seat their people in their blocks. ``check_split``: the first pool is the 代表席,
    whose units larger than any section are named (:func:`split_units`)."""
    lane_units: list[LaneUnits] = []
    groups = []  # (units, lanes, shares per lane) per pool
    direct: list[tuple[Seat, Attendee]] = []
    for number, (units, seats) in enumerate(pools):
        if not units:
            continue
        units, lanes, chosen, loose = pool_with_pins(
            units, seats, layout, settings, pins, lane_units, warnings
        )
        direct += [(pins[p.id], p) for u in loose for p in u.people if p.id in pins]
        if check_split and number == 0:
            warnings += split_units(units, lanes, settings)
        groups.append((units, lanes, chosen))

    # OR-Tools (and the numpy/pandas it loads) is imported only when a hall is solved.
    from meetplan.solver.blocks import solve_blocks

    solution = solve_blocks(lane_units, settings.hall)
    aisles = aisle_seats(layout)
    rules = LaneRules.of(settings)
    out = Seated(list(direct), solution)
    lane_index = 0
    for units, lanes, chosen in groups:
        blocks: dict[int, list[Seat]] = {}
        for lane, shares in zip(lanes, chosen, strict=True):
            lu = lane_units[lane_index]
            parts_of: dict[int, list[Seat]] = {}
            for seg, parts in zip(lane.segments, solution.parts[lane_index], strict=True):
                for local, offset, count in parts:
                    parts_of.setdefault(local, []).extend(seg.seats[offset : offset + count])
            if lu.shape is Shape.PREFER_BLOCK:
                out.wrapped += broken_blocks(lane, solution.parts[lane_index], shares, units)
            lane_index += 1
            for local, share in enumerate(shares):
                blocks.setdefault(share.unit, []).extend(parts_of.get(local, []))
        for index, unit in enumerate(units):
            ordered = fill_order(blocks.get(index, []), layout, rules)
            pairs, missed = fill_block(unit.people, ordered, aisles, pins)
            out.placed += pairs
            out.speakers += sum(1 for p in unit.people if p.speaker)
            out.lucky += sum(1 for p in unit.people if p.speaker) - len(missed)
            warnings += [no_aisle_seat(person) for person in missed]
        out.units += len(units)
    return out


def pool_with_pins(
    units: list[Unit],
    seats: list[Seat],
    layout: Layout,
    settings: Settings,
    pins: Mapping[int, Seat],
    lane_units: list[LaneUnits],
    warnings: list[Problem],
) -> tuple[list[Unit], list[Lane], list[list[Share]], list[Unit]]:
    """The pool's lanes with each pinned unit's stretch made to hold its pinned seats
    (:func:`pinned_spans`). A unit whose block cannot be formed around its pins loses
    them to a seat of their own: the pinned people are taken out of the unit and their
    seats out of the pool (returned as the last item, people seated directly), and a
    warning says so."""
    loose: dict[str, list[Attendee]] = {}
    own = {p.id for u in units for p in u.people}
    # seats pinned to people of other pools (or other solves) are theirs alone
    foreign = {seat_key(t) for pid, t in pins.items() if pid not in own}
    seats = [s for s in seats if seat_key(s) not in foreign]
    while True:
        gone = {p.id for people in loose.values() for p in people}
        active = [
            Unit(u.name, tuple(p for p in u.people if p.id not in gone))
            for u in units
            if any(p.id not in gone for p in u.people)
        ]
        away = {seat_key(pins[pid]) for pid in gone}
        pool = [s for s in seats if seat_key(s) not in away]
        found: list[LaneUnits] = []
        notes = list(warnings)  # seat_pool says some things once, looking at what was said
        lanes, chosen = seat_pool(active, pool, layout, settings, found, notes)
        culprit = None
        for k, (lane, shares) in enumerate(zip(lanes, chosen, strict=True)):
            cover, culprit = pinned_spans(lane, shares, active, pins, found[k].shape)
            if culprit is not None:
                break
            found[k] = replace(found[k], cover=cover)
        if culprit is None:
            break
        unit = active[culprit]
        loose[unit.name] = [p for p in unit.people if p.id in pins]
        warnings.append(pin_apart(unit, pins))
    warnings[:] = notes
    lane_units += found
    return active, lanes, chosen, [Unit(name, tuple(ps)) for name, ps in loose.items()]


def pinned_spans(
    lane: Lane, shares: list[Share], units: list[Unit], pins: Mapping[int, Seat], shape: Shape
) -> tuple[tuple[Span, ...], int | None]:
    """Per share, the first and last lane position its stretch must hold (its people's
    pinned seats), and the first unit whose block cannot hold them (None: all can).

    A unit cannot when a pinned seat lies outside its lane, the pins lie further
    apart than its people can stretch, or the units before it in the office's
    order cannot all fit before its pinned seat (:meth:`LaneShape.earliest`).
    """
    position = {seat_key(s): i for i, s in enumerate(lane.seats)}
    cover: list[Span] = []
    for share in shares:
        unit = units[share.unit]
        pinned = [position.get(seat_key(pins[p.id])) for p in unit.people if p.id in pins]
        if not pinned:
            cover.append(None)
            continue
        places = [p for p in pinned if p is not None]
        if (
            len(places) < len(pinned)
            or share.people < len(unit.people)
            or max(places) - min(places) + 1 > share.people
        ):
            return tuple(cover), share.unit
        cover.append((min(places), max(places)))
    fit = LaneShape(lane, shape)
    sizes = [share.people for share in shares]
    if fit.earliest(sizes, cover) is not None:
        return tuple(cover), None
    for j in range(len(shares)):
        if fit.earliest(sizes[: j + 1], cover[: j + 1]) is None:
            last = max(i for i in range(j + 1) if cover[i] is not None)
            return tuple(cover), shares[last].unit
    raise AssertionError("the shape was chosen for these units")


def pin_apart(unit: Unit, pins: Mapping[int, Seat]) -> Problem:
    """The warning for a unit whose block cannot be formed around its pinned seats."""
    pinned = [p for p in unit.people if p.id in pins]
    return Problem(
        _(
            "The block of {unit} cannot be formed around the pinned seat(s) of {names} "
            "(the units before it in the office's order need the seats up to there, or the "
            "seats are too far apart): {names} sit on the pinned seat(s), the rest of "
            "{unit} elsewhere."
        ).format(
            unit=unit.name or _("(no unit)"),
            names=_(", ").join(f"{p.name} ({pins[p.id].label})" for p in pinned),
        ),
        Location(column="座位"),
        hint=_("Pin a seat nearer the unit's block, or leave 座位 blank and let meetplan choose."),
        severity=Severity.WARNING,
    )


def broken_blocks(
    lane: Lane, parts: list[list[tuple[int, int, int]]], shares: list[Share], units: list[Unit]
) -> list[str]:
    """Units whose stretch of a lane seated without the block shape does not keep it."""
    strict = LaneShape(lane, Shape.BLOCK)
    first: dict[int, int] = {}
    pos = 0
    for seg, placed in zip(lane.segments, parts, strict=True):
        for local, offset, _count in placed:
            first.setdefault(local, pos + offset)
        pos += seg.capacity
    return [
        units[share.unit].name or _("(no unit)")
        for local, share in enumerate(shares)
        if local in first and not strict.keeps_block(first[local], share.people)
    ]


def no_aisle_seat(person: Attendee) -> Problem:
    return Problem(
        _(
            "{name} (发言) has no aisle seat: the block of {unit} has no seat beside an aisle "
            "free for them."
        ).format(name=person.name, unit=person.unit or _("(no unit)")),
        hint=_(
            "Seat them on the rostrum, give them a seat by hand in the roster (座位), or tell "
            "them the way to the podium."
        ),
        severity=Severity.WARNING,
    )
