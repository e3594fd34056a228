"""Hall seating: unit blocks placed by a CP-SAT model, people filled into them.

:func:`seat_hall` is the one entry point. It returns plain data (seat and
person pairs, a :class:`~meetplan.model.plan.HallReport`, warnings and the
people left without a seat); OR-Tools stays inside :mod:`meetplan.solver.blocks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Area, Attendee
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.layout import Layout, Seat, SeatUse, hall_seats
from meetplan.model.plan import HallReport, SolveStatus
from meetplan.model.settings import HallMethod, Settings
from meetplan.protocol.precedence import in_precedence_order, unit_order
from meetplan.solver.fill import aisle_seats, fill_block
from meetplan.solver.lanes import Lane, build_lanes

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
    """Unit blocks in the office's order; people inside by precedence, then name order."""
    order = settings.protocol.name_order
    return [
        Unit(u, tuple(in_precedence_order([p for p in people if p.unit == u], order)))
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


def assign_lanes(units: list[Unit], lanes: list[Lane], method: HallMethod) -> list[list[int]]:
    """Which units go to which lane. One lane: all. 左右排列法: alternate, honour side first,
    moving to the other side when one half is full."""
    if len(lanes) == 1:
        return [list(range(len(units)))]
    room = [lane.capacity for lane in lanes]
    chosen: list[list[int]] = [[] for _ in lanes]
    for i, unit in enumerate(units):
        prefer = i % len(lanes)
        for k in [prefer] + [k for k in range(len(lanes)) if k != prefer]:
            if room[k] >= len(unit.people):
                chosen[k].append(i)
                room[k] -= len(unit.people)
                break
        else:
            raise UserError(
                Problem(
                    _(
                        "左右排列法 cannot seat unit {unit} ({n} people) as a block in either half of the hall."
                    ).format(unit=unit.name, n=len(unit.people)),
                    Location(key="protocol.hall_method", value=method.value),
                    hint=_('Use hall_method = "rows" or a larger layout.'),
                )
            )
    return chosen


def seat_pool(
    units: list[Unit],
    seats: list[Seat],
    layout: Layout,
    settings: Settings,
    lanes_out: list[LaneUnits],
) -> tuple[list[Lane], list[list[int]]]:
    method = settings.protocol.hall_method
    from meetplan.solver.blocks import LaneUnits

    lanes = build_lanes(seats, layout, method, settings.protocol.honor_side)
    chosen = assign_lanes(units, lanes, method)
    for lane, members in zip(lanes, chosen, strict=True):
        lanes_out.append(LaneUnits(lane, tuple(len(units[i].people) for i in members)))
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
    groups = []  # (units, lanes, lane membership) per pool
    for units, seats in (
        (general_units, pools[SeatUse.GENERAL]),
        (in_area, pools[SeatUse.OBSERVER]),
        (seated_staff, pools[SeatUse.STAFF]),
    ):
        if not units:
            continue
        lanes, chosen = seat_pool(units, seats, layout, settings, lane_units)
        if units is general_units:
            warnings += split_units(units, lanes, settings)
        groups.append((units, lanes, chosen))

    # OR-Tools (and the numpy/pandas it loads) is imported only when a hall is solved.
    from meetplan.solver.blocks import solve_blocks

    solution = solve_blocks(lane_units, settings.hall)
    floors = {f.name: i for i, f in enumerate(layout.floors)}
    aisles = aisle_seats(layout)
    placed: list[tuple[Seat, Attendee]] = []
    speakers = lucky = 0
    lane_index = 0
    for units, lanes, chosen in groups:
        for lane, members_idx in zip(lanes, chosen, strict=True):
            block: dict[int, list[Seat]] = {}
            for seg, parts in zip(lane.segments, solution.parts[lane_index], strict=True):
                for local, offset, count in parts:
                    block.setdefault(local, []).extend(seg.seats[offset : offset + count])
            lane_index += 1
            for local, unit_i in enumerate(members_idx):
                unit = units[unit_i]
                pairs, on_aisle = fill_block(unit.people, block.get(local, []), floors, aisles)
                placed += pairs
                speakers += sum(1 for p in unit.people if p.speaker)
                lucky += on_aisle
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
