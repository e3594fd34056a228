"""Hall (会场) seating by 横排法: PROTOCOL.md §3.

Units in the office's order across each row from the audience's left, then
the next row, front to back and lower floors first; within a unit by
precedence then name order; 列席 after all members. This is the plain fill;
the constraint solver replaces it where there is freedom to optimise.
"""

from __future__ import annotations

from meetplan.i18n import _
from meetplan.model.attendee import Area, Attendee
from meetplan.model.errors import Problem, UserError
from meetplan.model.layout import Layout, Seat, hall_seats
from meetplan.model.settings import NameOrder
from meetplan.protocol.precedence import in_precedence_order, unit_order


def hall_sequence(people: list[Attendee], name_order: NameOrder) -> list[Attendee]:
    """Everyone seated in the hall, in the order they take seats."""
    members = [p for p in people if p.area is Area.HALL]
    observers = [p for p in people if p.area is Area.OBSERVER]
    order: list[Attendee] = []
    for group in (members, observers):
        for unit in unit_order(group):
            order.extend(in_precedence_order([p for p in group if p.unit == unit], name_order))
    return order


def seat_hall_rows(
    people: list[Attendee], layout: Layout, name_order: NameOrder
) -> list[tuple[Seat, Attendee]]:
    ordered = hall_sequence(people, name_order)
    seats = hall_seats(layout)
    if len(ordered) > len(seats):
        short = len(ordered) - len(seats)
        raise UserError(
            Problem(
                _(
                    "The hall of layout {layout} has {seats} seats, {count} people need one: {short} short."
                ).format(layout=layout.name, seats=len(seats), count=len(ordered), short=short),
                hint=_(
                    "Choose a larger layout, or mark people who do not come as 请假 in the roster."
                ),
            )
        )
    return list(zip(seats, ordered, strict=False))
