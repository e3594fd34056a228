"""People into their unit's block, in linear time.

Within a block (PROTOCOL.md §3) the unit's people take its seats in order —
the unit's head first — in the order the hall method fills the block
(:func:`meetplan.solver.lanes.fill_order`). Speakers (发言) are first given the
block's aisle seats, in that order, so that they can reach the podium.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from meetplan.model.attendee import Attendee
from meetplan.model.geometry import aisle_seats
from meetplan.model.layout import Seat

__all__ = ["aisle_seats", "fill_block"]


def fill_block(
    people: Sequence[Attendee],
    seats: Sequence[Seat],
    aisles: set[tuple[str, int, int]],
    pinned: Mapping[int, Seat] | None = None,
) -> tuple[list[tuple[Seat, Attendee]], list[Attendee]]:
    """Seat a unit's people (in the order they take seats) on its block's seats (in the
    order they are taken: :func:`meetplan.solver.lanes.fill_order`). A person with a
    ``pinned`` seat (person id -> seat, the roster's 座位) sits there whatever their
    rank; then speakers take the block's aisle seats, in that order. Returns the pairs
    and the speakers left without an aisle seat."""
    pinned = pinned or {}
    fixed = [(pinned[p.id], p) for p in people if p.id in pinned]
    if fixed:
        held = {(s.floor, s.row, s.col) for s, _p in fixed}
        rest_people = [p for p in people if p.id not in pinned]
        rest_seats = [s for s in seats if (s.floor, s.row, s.col) not in held]
        pairs, missed = fill_block(rest_people, rest_seats, aisles)
        return fixed + pairs, missed
    speakers = [p for p in people if p.speaker]
    on_aisle = [s for s in seats if (s.floor, s.row, s.col) in aisles]
    placed = list(zip(on_aisle, speakers, strict=False))
    taken = {id(seat) for seat, _p in placed}
    seated = {id(person) for _s, person in placed}
    missed = [p for p in speakers if id(p) not in seated]
    rest = [p for p in people if id(p) not in seated]
    free = [s for s in seats if id(s) not in taken]
    placed += list(zip(free, rest, strict=False))
    return placed, missed
