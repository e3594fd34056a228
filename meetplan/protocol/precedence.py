"""The order of people: 排序 first, then the name-order setting for equals (PROTOCOL.md §4)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from meetplan.model.attendee import Attendee
from meetplan.model.settings import NameOrder
from meetplan.ordering import name_key


def precedence_key(person: Attendee, name_order: NameOrder) -> tuple[Any, ...]:
    """Numbered people first by 排序; people with a blank 排序 after them.

    Ties (equal 排序, or both blank) are ordered by the name-order setting, and
    finally by roster order, so the result never depends on anything else.
    """
    unranked = person.precedence is None
    return (unranked, person.precedence or 0, name_key(person.name, name_order), person.id)


def in_precedence_order(people: Iterable[Attendee], name_order: NameOrder) -> list[Attendee]:
    return sorted(people, key=lambda p: precedence_key(p, name_order))


def unit_order(people: Iterable[Attendee]) -> list[str]:
    """Units in the office's order: the order in which they first appear in the roster.

    The tool never invents a unit order (PROTOCOL.md §3): the office lists its
    units in the agreed order, and the roster's order is that order.
    """
    seen: dict[str, None] = {}
    for p in sorted(people, key=lambda p: p.id):
        seen.setdefault(p.unit, None)
    return list(seen)
