"""Hall (会场) order of people: PROTOCOL.md §3.

Units in the office's order; within a unit in the order its people take the
block's seats ([hall] within_unit: list order by default); 列席 after all
members. The seats themselves are chosen by :mod:`meetplan.solver`; this order
is also the sign-in sheets' order.
"""

from __future__ import annotations

from meetplan.model.attendee import Area, Attendee
from meetplan.model.settings import NameOrder, WithinUnit
from meetplan.protocol.precedence import unit_order, unit_seating_order


def by_units(
    people: list[Attendee], name_order: NameOrder, within_unit: WithinUnit = WithinUnit.LIST
) -> list[Attendee]:
    """People unit by unit in the office's order, each unit in its seating order."""
    order: list[Attendee] = []
    for unit in unit_order(people):
        order.extend(
            unit_seating_order([p for p in people if p.unit == unit], name_order, within_unit)
        )
    return order


def hall_sequence(
    people: list[Attendee], name_order: NameOrder, within_unit: WithinUnit = WithinUnit.LIST
) -> list[Attendee]:
    """Hall members then 列席, each group by unit in the office's order, inside by precedence."""
    members = [p for p in people if p.area is Area.HALL]
    observers = [p for p in people if p.area is Area.OBSERVER]
    return by_units(members, name_order, within_unit) + by_units(observers, name_order, within_unit)
