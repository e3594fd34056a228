"""Where each hall seat stands across its floor, in seat widths.

One answer for every part that needs it: the seating chart draws the rows
this way, and the hall solver uses the same positions to keep a unit's stretch
in one row directly behind its stretch in the row before (PROTOCOL.md §3).

A floor's *frame* gives each section index the width of its widest row among
the rows that have every section. A row's outer sections keep to the aisle
(side walls splay; the aisles run straight), inner sections are centred in
their frame; a row with fewer sections than the floor is centred as a whole.
"""

from __future__ import annotations

from functools import lru_cache

from meetplan.model.layout import Floor, Layout

AISLE = 0.8  # an aisle's width, in seats


def frame_of(floor: Floor) -> tuple[list[float], list[float]]:
    """Start and width of each section index: the widest of the rows that have them all."""
    count = max(len(r.sections) for r in floor.rows)
    widths = [0.0] * count
    for row in floor.rows:
        if len(row.sections) == count:
            widths = [max(w, s) for w, s in zip(widths, row.sections, strict=True)]
    starts, x = [], 0.0
    for w in widths:
        starts.append(x)
        x += w + AISLE
    return starts, widths


def frame_width(floor: Floor) -> float:
    _starts, widths = frame_of(floor)
    return sum(widths) + AISLE * (len(widths) - 1)


def floor_positions(floor: Floor) -> dict[int, tuple[float, ...]]:
    """Row number -> the left edge of each seat of the row (col 1 first), blocked places included."""
    starts, widths = frame_of(floor)
    full = sum(widths) + AISLE * (len(widths) - 1)
    out: dict[int, tuple[float, ...]] = {}
    for row in floor.rows:
        xs: list[float] = []
        whole = sum(row.sections) + AISLE * (len(row.sections) - 1)
        x = (full - whole) / 2  # used when the row does not follow the frame
        for index, width in enumerate(row.sections):
            if len(row.sections) == len(widths):
                if len(widths) == 1:
                    x = (widths[0] - width) / 2
                elif index == 0:
                    x = starts[0] + widths[0] - width
                elif index == len(widths) - 1:
                    x = starts[index]
                else:
                    x = starts[index] + (widths[index] - width) / 2
            for _ in range(width):
                xs.append(x)
                x += 1
            x += AISLE
        out[row.number] = tuple(xs)
    return out


@lru_cache(maxsize=16)
def seat_positions(layout: Layout) -> dict[tuple[str, int, int], float]:
    """(floor, row, col) -> the left edge of that seat across its floor, in seat widths."""
    out: dict[tuple[str, int, int], float] = {}
    for floor in layout.floors:
        for number, xs in floor_positions(floor).items():
            for col, x in enumerate(xs, start=1):
                out[(floor.name, number, col)] = x
    return out


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
