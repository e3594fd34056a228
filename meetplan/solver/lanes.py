"""The hall as lanes of row segments: the order in which unit blocks are laid out.

A *segment* is a run of neighbouring chairs of one kind (代表席, 列席 …) within
one section of one row: aisles, blocked places and reserved seats end it. A
*lane* is a sequence of segments in the order a hall method fills them
(PROTOCOL.md §3); units take consecutive stretches of a lane, in unit order.

- rows (横排法): floor by floor, rows front to back, sections left to right.
- columns (竖排法): floor by floor, sections left to right, rows front to back
  within a section, so that each unit takes a column.
- center-out (左右排列法): two lanes, the honour half and the other half of
  the hall; each runs row by row from the centre line outward. Units alternate
  between them, the first on the honour side.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from meetplan.model.layout import Layout, Seat
from meetplan.model.settings import HallMethod, HonorSide


class Break(StrEnum):
    """What lies between two consecutive segments of a lane."""

    AISLE = "aisle"  # same row: an aisle or a blocked place
    ROW = "row"  # the next row (or, in 竖排法, the next row of the same column)
    FLOOR = "floor"  # another floor


@dataclass(frozen=True)
class Segment:
    seats: tuple[Seat, ...]  # in the order the lane fills them
    floor: int  # index of the floor, 0 = lowest
    row: int
    section: int

    @property
    def capacity(self) -> int:
        return len(self.seats)


@dataclass(frozen=True)
class Lane:
    name: str
    segments: tuple[Segment, ...]
    breaks: tuple[Break, ...]  # breaks[s] lies between segments s and s+1

    @property
    def capacity(self) -> int:
        return sum(s.capacity for s in self.segments)


def _runs(seats: list[Seat]) -> list[list[Seat]]:
    """Split seats (already in fill order) wherever the next one is not a neighbour."""
    runs: list[list[Seat]] = []
    for seat in seats:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.floor == seat.floor
            and last.row == seat.row
            and last.section == seat.section
            and abs(last.col - seat.col) == 1
        ):
            runs[-1].append(seat)
        else:
            runs.append([seat])
    return runs


def _break(a: Segment, b: Segment, method: HallMethod) -> Break:
    if a.floor != b.floor:
        return Break.FLOOR
    if method is HallMethod.COLUMNS:
        return Break.ROW if a.section == b.section else Break.AISLE
    return Break.AISLE if a.row == b.row else Break.ROW


def _lane(name: str, ordered: Iterable[Seat], floors: dict[str, int], method: HallMethod) -> Lane:
    segments = tuple(
        Segment(tuple(run), floors[run[0].floor], run[0].row, run[0].section)
        for run in _runs(list(ordered))
    )
    breaks = tuple(_break(a, b, method) for a, b in itertools.pairwise(segments))
    return Lane(name, segments, breaks)


def build_lanes(
    seats: list[Seat], layout: Layout, method: HallMethod, honor_side: HonorSide
) -> list[Lane]:
    """The lanes of one pool of seats (all 代表席, or all 列席 …)."""
    floors = {f.name: i for i, f in enumerate(layout.floors)}
    sizes = {(f.name, r.number): r.size for f in layout.floors for r in f.rows}
    if method is HallMethod.ROWS:
        order = sorted(seats, key=lambda s: (floors[s.floor], s.row, s.col))
        return [_lane("rows", order, floors, method)]
    if method is HallMethod.COLUMNS:
        order = sorted(seats, key=lambda s: (floors[s.floor], s.section, s.row, s.col))
        return [_lane("columns", order, floors, method)]

    # 左右排列法: seen from the hall, honour is the right half under 左为上.
    def centre(s: Seat) -> float:
        return (sizes[(s.floor, s.row)] + 1) / 2

    right = [s for s in seats if s.col >= centre(s)]
    left = [s for s in seats if s.col < centre(s)]
    right.sort(key=lambda s: (floors[s.floor], s.row, s.col))  # outward = rightward
    left.sort(key=lambda s: (floors[s.floor], s.row, -s.col))  # outward = leftward
    if honor_side is HonorSide.RIGHT:
        # 右为上: the honour half is the audience's left; the centre seat stays with honour
        right = [s for s in seats if s.col > centre(s)]
        left = [s for s in seats if s.col <= centre(s)]
        right.sort(key=lambda s: (floors[s.floor], s.row, s.col))
        left.sort(key=lambda s: (floors[s.floor], s.row, -s.col))
        return [_lane("honour", left, floors, method), _lane("other", right, floors, method)]
    return [_lane("honour", right, floors, method), _lane("other", left, floors, method)]
