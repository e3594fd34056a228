"""People into their unit's block, in linear time.

Within a block (PROTOCOL.md §3): the unit's leaders first — the front of the
block, nearest its middle — then by precedence and the name-order setting.
Speakers (发言) are first given the block's aisle seats, front-most first, so
that they can reach the podium.
"""

from __future__ import annotations

from collections.abc import Sequence

from meetplan.model.attendee import Attendee
from meetplan.model.layout import Layout, Seat


def aisle_seats(layout: Layout) -> set[tuple[str, int, int]]:
    """(floor, row, col) of every seat beside an aisle between two sections."""
    out: set[tuple[str, int, int]] = set()
    for floor in layout.floors:
        for row in floor.rows:
            edge = 0
            widths = row.sections
            for index, width in enumerate(widths):
                if width and index > 0 and any(widths[:index]):
                    out.add((floor.name, row.number, edge + 1))  # first seat of the section
                if width and index < len(widths) - 1 and any(widths[index + 1 :]):
                    out.add((floor.name, row.number, edge + width))  # last seat of the section
                edge += width
    return out


def block_order(seats: Sequence[Seat], floors: dict[str, int]) -> list[Seat]:
    """Front rows first; in each row, from the block's middle outward."""
    by_row: dict[tuple[int, int], list[Seat]] = {}
    for seat in seats:
        by_row.setdefault((floors[seat.floor], seat.row), []).append(seat)
    ordered: list[Seat] = []
    for key in sorted(by_row):
        row = sorted(by_row[key], key=lambda s: s.col)
        middle = (row[0].col + row[-1].col) / 2
        ordered += sorted(row, key=lambda s: (abs(s.col - middle), s.col))
    return ordered


def fill_block(
    people: Sequence[Attendee],
    seats: Sequence[Seat],
    floors: dict[str, int],
    aisles: set[tuple[str, int, int]],
) -> tuple[list[tuple[Seat, Attendee]], int]:
    """Seat a unit's people (already in precedence order) in its block; returns the
    pairs and how many speakers got an aisle seat."""
    ordered = block_order(seats, floors)
    speakers = [p for p in people if p.speaker]
    on_aisle = [s for s in ordered if (s.floor, s.row, s.col) in aisles]
    placed: list[tuple[Seat, Attendee]] = []
    taken: set[int] = set()
    for person, seat in zip(speakers, on_aisle, strict=False):
        placed.append((seat, person))
        taken.add(id(seat))
    lucky = len(placed)
    seated = {id(q) for _s, q in placed}
    rest = [p for p in people if id(p) not in seated]
    free = [s for s in ordered if id(s) not in taken]
    placed += list(zip(free, rest, strict=False))
    return placed, lucky
