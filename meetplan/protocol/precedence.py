"""The order of people: 排序 first, list order where none is given, the name-order
setting only for people ranked equal (PROTOCOL.md §3, §4).

A rank is only compared inside the group it orders — the rostrum, a unit's
block — so a roster numbered again from 1 in each 座区 or unit (see
:mod:`meetplan.roster.load`) orders the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from meetplan.model.attendee import Attendee
from meetplan.model.settings import NameOrder, WithinUnit
from meetplan.ordering import name_key


def precedence_key(person: Attendee, name_order: NameOrder) -> tuple[Any, ...]:
    """Numbered people first by 排序; people with a blank 排序 after them, in list order.

    Only people the office ranked equal (the same 排序, with ``allow_ties``) are
    ordered by the name-order setting; the roster's order breaks what is left
    (identical names), so the result never depends on anything else.
    """
    if person.precedence is None:
        return (True, person.id)
    return (False, person.precedence, name_key(person.name, name_order), person.id)


def in_precedence_order(people: Iterable[Attendee], name_order: NameOrder) -> list[Attendee]:
    return sorted(people, key=lambda p: precedence_key(p, name_order))


def unit_seating_order(
    people: Iterable[Attendee], name_order: NameOrder, within_unit: WithinUnit
) -> list[Attendee]:
    """The order in which one unit's people take the seats of its block ([hall] within_unit).

    ``list``: by precedence (:func:`in_precedence_order`). ``name-order``: the
    unit's head — the first in precedence order — first, then the others by
    the name-order setting, as large congresses seat a delegation (head in
    front, the rest by strokes); with ``name_order = "list"`` the others keep
    the roster's order.
    """
    ordered = in_precedence_order(people, name_order)
    if within_unit is WithinUnit.LIST or not ordered:
        return ordered
    head, *rest = ordered
    return [head, *sorted(rest, key=lambda p: (name_key(p.name, name_order), p.id))]


def unit_order(people: Iterable[Attendee]) -> list[str]:
    """Units in the office's order: the order in which they first appear in the roster.

    The tool never invents a unit order (PROTOCOL.md §3): the office lists its
    units in the agreed order, and the roster's order is that order.
    """
    seen: dict[str, None] = {}
    for p in sorted(people, key=lambda p: p.id):
        seen.setdefault(p.unit, None)
    return list(seen)
