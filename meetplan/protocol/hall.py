"""Hall (会场) order of people: PROTOCOL.md §3.

Units in the office's order; within a unit by precedence then name order;
列席 after all members. The seats themselves are chosen by
:mod:`meetplan.solver`; this order is also the sign-in sheets' order.
"""

from __future__ import annotations

from meetplan.model.attendee import Area, Attendee
from meetplan.model.settings import NameOrder
from meetplan.protocol.precedence import in_precedence_order, unit_order


def hall_sequence(people: list[Attendee], name_order: NameOrder) -> list[Attendee]:
    """Hall members then 列席, each group by unit in the office's order, inside by precedence."""
    members = [p for p in people if p.area is Area.HALL]
    observers = [p for p in people if p.area is Area.OBSERVER]
    order: list[Attendee] = []
    for group in (members, observers):
        for unit in unit_order(group):
            order.extend(in_precedence_order([p for p in group if p.unit == unit], name_order))
    return order
