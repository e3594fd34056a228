"""Hall seating: unit blocks placed by a CP-SAT model, people filled into them.

:func:`seat_hall` is the one entry point. It returns plain data (seat and
person pairs, a :class:`~meetplan.model.plan.HallReport`, warnings and the
people left without a seat); OR-Tools stays inside :mod:`meetplan.solver.blocks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Area, Attendee
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.layout import Layout, Seat, SeatUse, hall_seats
from meetplan.model.plan import HallReport, SolveStatus
from meetplan.model.settings import HallMethod, RowOrder, Settings
from meetplan.protocol.precedence import unit_order, unit_seating_order
from meetplan.solver.fill import aisle_seats, fill_block
from meetplan.solver.lanes import (
    Lane,
    LaneRules,
    LaneShape,
    Shape,
    build_lanes,
    centre_out_key,
    fill_order,
)

if TYPE_CHECKING:
    from meetplan.solver.blocks import LaneUnits


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


def seat_hall(people: list[Attendee], layout: Layout, settings: Settings) -> HallResult:
    """Seat every hall member, 列席 and staff person of the base plan.

    Members take the 代表席 in unit blocks. 列席 take the layout's 列席 area, or,
    without one (or when it is full), the 代表席 after all members. Staff take
    staff seats; without them, they have no seat (and are listed as such).
    """
    all_seats = hall_seats(layout)
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

    lane_units: list[LaneUnits] = []
    groups = []  # (units, lanes, shares per lane) per pool
    for units, seats in (
        (general_units, pools[SeatUse.GENERAL]),
        (in_area, pools[SeatUse.OBSERVER]),
        (seated_staff, pools[SeatUse.STAFF]),
    ):
        if not units:
            continue
        lanes, chosen = seat_pool(units, seats, layout, settings, lane_units, warnings)
        if units is general_units:
            warnings += split_units(units, lanes, settings)
        groups.append((units, lanes, chosen))

    # OR-Tools (and the numpy/pandas it loads) is imported only when a hall is solved.
    from meetplan.solver.blocks import solve_blocks

    solution = solve_blocks(lane_units, settings.hall)
    aisles = aisle_seats(layout)
    rules = LaneRules.of(settings)
    placed: list[tuple[Seat, Attendee]] = []
    speakers = lucky = 0
    lane_index = 0
    wrapped: list[str] = []
    for units, lanes, chosen in groups:
        blocks: dict[int, list[Seat]] = {}
        for lane, shares in zip(lanes, chosen, strict=True):
            lu = lane_units[lane_index]
            parts_of: dict[int, list[Seat]] = {}
            for seg, parts in zip(lane.segments, solution.parts[lane_index], strict=True):
                for local, offset, count in parts:
                    parts_of.setdefault(local, []).extend(seg.seats[offset : offset + count])
            if lu.shape is Shape.PREFER_BLOCK:
                wrapped += broken_blocks(lane, solution.parts[lane_index], shares, units)
            lane_index += 1
            for local, share in enumerate(shares):
                blocks.setdefault(share.unit, []).extend(parts_of.get(local, []))
        for index, unit in enumerate(units):
            ordered = fill_order(blocks.get(index, []), layout, rules)
            pairs, missed = fill_block(unit.people, ordered, aisles)
            placed += pairs
            speakers += sum(1 for p in unit.people if p.speaker)
            lucky += sum(1 for p in unit.people if p.speaker) - len(missed)
            warnings += [no_aisle_seat(person) for person in missed]
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
    report = HallReport(
        method=settings.protocol.hall_method.value,
        status=solution.status,
        objective=solution.objective,
        bound=solution.bound,
        terms=tuple(sorted(solution.terms.items())),
        units=sum(len(u) for u, _l, _c in groups),
        speakers_on_aisle=(lucky, speakers),
    )
    if solution.status is SolveStatus.TRIVIAL:
        report = HallReport(report.method, SolveStatus.TRIVIAL, 0, 0, (), 0, (0, 0))
    return HallResult(placed, report, warnings, without)


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
