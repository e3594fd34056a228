"""The hall as lanes of row segments: the order in which unit blocks are laid out.

A *segment* is a run of neighbouring chairs of one kind (代表席, 列席 …) within
one section of one row (one column of a section, in 竖排法): aisles, blocked
places and reserved seats end it. A *lane* is a sequence of segments in the
order a hall method fills them (PROTOCOL.md §3); units take consecutive
stretches of a lane, in unit order, and a unit's people take its stretch in
lane order.

- rows (横排法): floor by floor, rows front to back. Under ``row_order =
  "serpentine"`` (蛇形, default) row 1 runs from the start side, row 2 back
  the other way, and so on, so a unit that runs out of row continues directly
  behind itself; under ``"one-way"`` every row runs from the start side. The
  start side is the audience's left under 左为上 (从左至右), the right under
  右为上.
- columns (竖排法): a *line* is one column of seats of a section, front to
  back. ``column_order = "across"``: sections and their columns from the start
  side; ``"centre-out"``: two lanes, the columns of the honour half and of the
  other half, each from the centre line outward.
- center-out (左右排列法): two lanes, the honour half and the other half of
  each row, the front row from the centre line outward; under ``row_order =
  "serpentine"`` the next row comes back toward the centre, so that a unit
  that reaches the end of a half-row continues directly behind itself
  (``"one-way"``: every row from the centre outward, leaving the rest of a
  half-row empty when the next unit does not fit it). The first unit sits
  astride the centre line (see :mod:`meetplan.solver`), then units alternate
  honour side, other side. A unit's people always take its seats row by row,
  each row from the centre line outward (:func:`centre_out_key`).

Every lane also knows, for each position, which *line* (row, or column in
竖排法) it lies in and where across that line it stands; :class:`LaneShape`
uses it to keep a unit's part in one line directly behind (or beside) its part
in the line before: a unit never wraps from one end of a row to the other.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from meetplan.model.geometry import frame_width, seat_positions
from meetplan.model.layout import Layout, Seat, hall_seats
from meetplan.model.settings import ColumnOrder, HallMethod, HonorSide, RowOrder, Settings

TOUCH = 0.01  # two parts whose extents meet edge to edge count as touching


class Break(StrEnum):
    """What lies between two consecutive segments of a lane."""

    AISLE = "aisle"  # same row: an aisle or a blocked place
    ROW = "row"  # the next row (or, in 竖排法, the next column of the same section)
    FLOOR = "floor"  # another floor


@dataclass(frozen=True)
class LaneRules:
    """The settings that shape lanes: the hall method and its directions."""

    method: HallMethod = HallMethod.ROWS
    honor_side: HonorSide = HonorSide.LEFT
    row_order: RowOrder = RowOrder.SERPENTINE
    column_order: ColumnOrder = ColumnOrder.ACROSS
    # 竖排法 with more units than columns: every other column runs back to front
    serpentine_columns: bool = False

    @classmethod
    def of(cls, settings: Settings) -> LaneRules:
        return cls(
            settings.protocol.hall_method,
            settings.protocol.honor_side,
            settings.hall.row_order,
            settings.hall.column_order,
        )

    @property
    def halves(self) -> bool:
        """Two lanes, the honour half and the other half, filled alternately."""
        return self.method is HallMethod.CENTER_OUT or (
            self.method is HallMethod.COLUMNS and self.column_order is ColumnOrder.CENTRE_OUT
        )


@dataclass(frozen=True)
class Segment:
    seats: tuple[Seat, ...]  # in the order the lane fills them
    floor: int  # index of the floor, 0 = lowest
    row: int
    section: int
    line: int  # index of the line (row, or column in 竖排法) within the lane

    @property
    def capacity(self) -> int:
        return len(self.seats)


@dataclass(frozen=True)
class Lane:
    name: str
    segments: tuple[Segment, ...]
    breaks: tuple[Break, ...]  # breaks[s] lies between segments s and s+1
    # across[pos]: where the seat at that position stands across its line (seat widths
    # for a row, the row number for a column of 竖排法); monotonic within a line
    across: tuple[float, ...] = ()
    by_columns: bool = False  # lines are columns (竖排法)

    @property
    def capacity(self) -> int:
        return sum(s.capacity for s in self.segments)

    @property
    def seats(self) -> list[Seat]:
        return [seat for segment in self.segments for seat in segment.seats]


def _break(a: Segment, b: Segment, by_columns: bool) -> Break:
    if a.floor != b.floor:
        return Break.FLOOR
    if by_columns and a.section != b.section:
        return Break.AISLE  # 竖排法: on into the first column across the aisle
    if a.line != b.line:
        return Break.ROW
    return Break.AISLE


def _lane(
    name: str,
    lines: Iterable[Sequence[Seat]],
    floors: dict[str, int],
    where: Callable[[Seat], float],
    by_columns: bool = False,
) -> Lane:
    """A lane from its lines, each already in fill order; a line splits into segments
    wherever two seats next to each other in the order are not neighbours."""
    segments: list[Segment] = []
    across: list[float] = []
    for index, line in enumerate(lines):
        runs: list[list[Seat]] = []
        for seat in line:
            last = runs[-1][-1] if runs else None
            if last is not None and _neighbours(last, seat, by_columns):
                runs[-1].append(seat)
            else:
                runs.append([seat])
        for run in runs:
            first = run[0]
            segments.append(
                Segment(tuple(run), floors[first.floor], first.row, first.section, index)
            )
            across += [where(seat) for seat in run]
    breaks = tuple(_break(a, b, by_columns) for a, b in itertools.pairwise(segments))
    return Lane(name, tuple(segments), breaks, tuple(across), by_columns)


def _neighbours(a: Seat, b: Seat, by_columns: bool) -> bool:
    if a.floor != b.floor or a.section != b.section:
        return False
    if by_columns:
        return abs(a.row - b.row) == 1
    return a.row == b.row and abs(a.col - b.col) == 1


def build_lanes(seats: list[Seat], layout: Layout, rules: LaneRules) -> list[Lane]:
    """The lanes of one pool of seats (all 代表席, or all 列席 …)."""
    floors = {f.name: i for i, f in enumerate(layout.floors)}
    x = seat_positions(layout)
    width = {f.name: frame_width(f) for f in layout.floors}

    def pos(s: Seat) -> float:
        return x[(s.floor, s.row, s.col)]

    def toward_honour(s: Seat) -> bool:
        """The seat lies on the honour half of its floor (a centre seat counts as honour)."""
        middle = pos(s) + 0.5 - width[s.floor] / 2
        return middle > -TOUCH if rules.honor_side is HonorSide.LEFT else middle < TOUCH

    # from the start side: left under 左为上, right under 右为上 (every order mirrors)
    sign = 1 if rules.honor_side is HonorSide.LEFT else -1
    rows: dict[tuple[int, int], list[Seat]] = {}
    for s in seats:
        rows.setdefault((floors[s.floor], s.row), []).append(s)
    keys = sorted(rows)

    if rules.method is HallMethod.ROWS:
        lines = []
        parity: dict[int, int] = {}
        for key in keys:
            k = parity[key[0]] = parity.get(key[0], -1) + 1  # rows counted per floor
            back = rules.row_order is RowOrder.SERPENTINE and k % 2 == 1
            lines.append(sorted(rows[key], key=lambda s: sign * pos(s) * (-1 if back else 1)))
        return [_lane("rows", lines, floors, pos)]

    if rules.method is HallMethod.CENTER_OUT:
        halves = []
        for honour_half in (True, False):
            outward = sign if honour_half else -sign  # toward honour is +x under 左为上
            lines = []
            seen: dict[int, int] = {}  # rows counted per floor
            for key in keys:
                line = [s for s in rows[key] if toward_honour(s) is honour_half]
                if not line:
                    continue
                k = seen[key[0]] = seen.get(key[0], -1) + 1
                back = rules.row_order is RowOrder.SERPENTINE and k % 2 == 1
                lines.append(sorted(line, key=lambda s: outward * pos(s) * (-1 if back else 1)))
            halves.append(_lane("honour" if honour_half else "other", lines, floors, pos))
        return halves

    # 竖排法: columns of seats (the same place across the floor), front to back
    columns: dict[tuple[int, int, float], list[Seat]] = {}
    for s in seats:
        columns.setdefault((floors[s.floor], s.section, round(pos(s), 3)), []).append(s)
    for column in columns.values():
        column.sort(key=lambda s: s.row)

    def row_of(s: Seat) -> float:
        return float(s.row)

    def snake(keys: list[tuple[int, int, float]]) -> list[list[Seat]]:
        lines = [list(columns[k]) for k in keys]
        if rules.serpentine_columns:
            for i in range(1, len(lines), 2):
                lines[i].reverse()
        return lines

    if rules.column_order is ColumnOrder.ACROSS:
        order = sorted(columns, key=lambda k: (k[0], sign * k[2]))
        return [_lane("columns", snake(order), floors, row_of, by_columns=True)]
    halves = []
    for honour_half in (True, False):
        chosen = [k for k in columns if toward_honour(columns[k][0]) is honour_half]
        outward = sign if honour_half else -sign
        chosen.sort(key=lambda k: (k[0], outward * k[2]))
        halves.append(
            _lane(
                "honour" if honour_half else "other",
                snake(chosen),
                floors,
                row_of,
                by_columns=True,
            )
        )
    return halves


class Shape(StrEnum):
    """How strictly a unit's stretch of a lane must keep to one block."""

    FREE = "free"  # any stretch
    PREFER_BLOCK = "prefer-block"  # any stretch, but each one that breaks BLOCK costs WRAP
    BLOCK = "block"  # each part directly behind the part in the line before
    COLUMN_FRONT = "column-front"  # BLOCK, and 竖排法: the unit starts at the front of a column


@dataclass
class LaneShape:
    """Where a unit may start in a lane so that its block stays one block.

    Wherever a unit continues from one line (row; column in 竖排法) into the
    next line of the same floor, its part in the new line must lie directly
    behind its part in the line before: the two overlap or touch across the
    line, so a unit never wraps from one end of a row to the other end of the
    next. Under :attr:`Shape.COLUMN_FRONT` a unit also starts at the front of a
    column (沿一条直线从前至后), so that each unit has columns of its own.
    """

    lane: Lane
    shape: Shape = Shape.BLOCK
    line_start: list[int] = field(init=False)
    line_end: list[int] = field(init=False)  # one past the last position of the line
    floor_of: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.line_start, self.line_end, self.floor_of = [], [], []
        pos = 0
        bounds: list[tuple[int, int, int]] = []  # (line, first, end)
        for seg in self.lane.segments:
            if bounds and bounds[-1][0] == seg.line:
                bounds[-1] = (seg.line, bounds[-1][1], pos + seg.capacity)
            else:
                bounds.append((seg.line, pos, pos + seg.capacity))
            self.floor_of += [seg.floor] * seg.capacity
            pos += seg.capacity
        for _line, first, end in bounds:
            self.line_start += [first] * (end - first)
            self.line_end += [end] * (end - first)

    def legal(self, p: int, n: int) -> bool:
        """A unit of ``n`` people may start at position ``p`` (hard)."""
        if self.shape in (Shape.FREE, Shape.PREFER_BLOCK) or n <= 0:
            return True
        if self.shape is Shape.COLUMN_FRONT and p != self.line_start[p]:
            return False
        return self.keeps_block(p, n)

    def keeps_block(self, p: int, n: int) -> bool:
        """A unit of ``n`` people starting at position ``p`` is one block: each of its
        parts lies directly behind its part in the line before."""
        end = p + n  # one past the unit's last position
        first = p
        across = self.lane.across
        while self.line_end[first] < end:
            boundary = self.line_end[first]  # the first position of the next line
            if self.floor_of[boundary] == self.floor_of[first]:
                a0, a1 = sorted((across[first], across[boundary - 1]))
                last = min(end, self.line_end[boundary]) - 1
                b0, b1 = sorted((across[boundary], across[last]))
                if b0 > a1 + 1 + TOUCH or a0 > b1 + 1 + TOUCH:
                    return False
            first = boundary
        return True

    def earliest(self, sizes: Sequence[int], cover: Sequence[Span] = ()) -> list[int] | None:
        """The earliest legal start of each unit, in order; None when they do not all fit.

        ``cover`` (per unit, or shorter): the positions a unit's stretch must
        contain (a pinned seat, :func:`covers`). Each unit at its earliest start
        ends as early as it can, so when this finds nothing, no placement of
        these units in this lane keeps the shape.
        """
        total = len(self.line_start)
        starts: list[int] = []
        p = 0
        for i, n in enumerate(sizes):
            span = cover[i] if i < len(cover) else None
            if span is not None:
                p = max(p, span[1] - n + 1)
            while p + n <= total and not (self.legal(p, n) and covers(p, n, span)):
                p += 1
            if p + n > total:
                return None
            starts.append(p)
            p += n
        return starts


# The first and last position a unit's stretch must contain (its pinned seats), or None.
Span = tuple[int, int] | None


def covers(p: int, n: int, span: Span) -> bool:
    """A unit of ``n`` people starting at ``p`` holds the positions of ``span``."""
    return span is None or (p <= span[0] and p + n - 1 >= span[1])


SeatKey = tuple[str, int, int]


def seat_key(seat: Seat) -> SeatKey:
    return (seat.floor, seat.row, seat.col)


def centre_out_key(layout: Layout, honor_side: HonorSide) -> Callable[[Seat], tuple[float, ...]]:
    """左右排列法 inside one block: front rows first, each row from the centre line
    outward, the honour side first of two seats equally far (PROTOCOL.md §3)."""
    floors = {f.name: i for i, f in enumerate(layout.floors)}
    x = seat_positions(layout)
    width = {f.name: frame_width(f) for f in layout.floors}
    sign = 1 if honor_side is HonorSide.LEFT else -1

    def key(s: Seat) -> tuple[float, ...]:
        offset = sign * (x[seat_key(s)] + 0.5 - width[s.floor] / 2)  # > 0: toward honour
        return (floors[s.floor], s.row, round(abs(offset), 3), 0 if offset > -TOUCH else 1)

    return key


def fill_order(seats: Iterable[Seat], layout: Layout, rules: LaneRules) -> list[Seat]:
    """Seats of one block in the order its people take them (PROTOCOL.md §3): the order
    of the lane (横排法, 竖排法), or centre-out (左右排列法)."""
    if rules.method is HallMethod.CENTER_OUT:
        return sorted(seats, key=centre_out_key(layout, rules.honor_side))
    rank = lane_ranks(layout, rules)
    return sorted(seats, key=lambda s: rank[seat_key(s)])


_RANKS: dict[tuple[Layout, LaneRules], dict[SeatKey, tuple[int, int]]] = {}


def lane_ranks(layout: Layout, rules: LaneRules) -> dict[SeatKey, tuple[int, int]]:
    """(lane, position) of every hall seat in the lanes of the whole hall."""
    cache_key = (layout, rules)
    if cache_key not in _RANKS:
        if len(_RANKS) > 8:
            _RANKS.clear()
        ranks: dict[SeatKey, tuple[int, int]] = {}
        for index, lane in enumerate(build_lanes(hall_seats(layout), layout, rules)):
            for pos, seat in enumerate(lane.seats):
                ranks[seat_key(seat)] = (index, pos)
        _RANKS[cache_key] = ranks
    return _RANKS[cache_key]
