"""Rooms: the rostrum and the hall, as a layout file describes them.

Positions are counted from the audience's left (PROTOCOL.md §1): ``col`` 1 is
the leftmost seat as seen from the hall. Rows are numbered from the front.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class Podium(StrEnum):
    """Where the 发言席 stands."""

    FRONT_RIGHT = "front-right"  # in front of the rostrum, on its right seen from the hall
    FRONT_CENTRE = "front-centre"
    NONE = "none"


class Numbering(StrEnum):
    """How seat numbers are printed in a hall row."""

    LEFT_TO_RIGHT = "left-to-right"  # 1, 2, 3 ... from the audience's left
    ODD_EVEN = "odd-even"  # 单双号: 1 at the centre, odd to the right, even to the left


class SeatUse(StrEnum):
    """What a hall seat is for. Reserved areas are kept out of the unit blocks."""

    GENERAL = "general"  # members, seated by unit blocks
    OBSERVER = "observer"  # 列席
    STAFF = "staff"  # 工作人员
    MEDIA = "media"  # 媒体: nobody from the roster sits here
    BLOCKED = "blocked"  # no chair: a pillar, a camera platform

    @property
    def label(self) -> str:
        return SEAT_USE_LABELS[self]


SEAT_USE_LABELS = {
    SeatUse.GENERAL: "代表席",
    SeatUse.OBSERVER: "列席",
    SeatUse.STAFF: "工作人员",
    SeatUse.MEDIA: "媒体",
    SeatUse.BLOCKED: "无座",
}


@dataclass(frozen=True)
class HallRow:
    floor: str
    number: int  # the row number as printed, 1 = front row of its floor
    sections: tuple[int, ...]  # seats per section, left to right; aisles between
    numbers: tuple[int, ...] = ()  # printed seat numbers left to right; () = the floor's numbering
    uses: tuple[tuple[int, SeatUse], ...] = ()  # (col, use) of every seat that is not GENERAL

    @property
    def size(self) -> int:
        return sum(self.sections)

    def use_of(self, col: int) -> SeatUse:
        for c, use in self.uses:
            if c == col:
                return use
        return SeatUse.GENERAL

    def section_of(self, col: int) -> int:
        """0-based section of a column (1-based from the audience's left)."""
        edge = 0
        for index, width in enumerate(self.sections):
            edge += width
            if col <= edge:
                return index
        raise ValueError(col)


@dataclass(frozen=True)
class Floor:
    name: str  # 一楼, 二楼 ...; may be empty for a one-floor room
    rows: tuple[HallRow, ...]
    numbering: Numbering = Numbering.LEFT_TO_RIGHT

    @property
    def capacity(self) -> int:
        """Chairs on this floor (blocked places are not chairs)."""
        return sum(r.size - sum(1 for _c, u in r.uses if u is SeatUse.BLOCKED) for r in self.rows)


@dataclass(frozen=True)
class Seat:
    """One chair. ``area`` is "rostrum" or "hall"."""

    area: str
    row: int
    col: int
    label: str  # as printed: 主席台第1排第3座, 一楼3排12号
    floor: str = ""
    number: int = 0  # the seat number as printed (hall); equals col on the rostrum
    section: int = 0  # 0-based section index within the row (aisles separate sections)
    use: SeatUse = SeatUse.GENERAL


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    rostrum_rows: tuple[int, ...]  # capacity of each rostrum row, front row first
    floors: tuple[Floor, ...]
    podium: Podium = Podium.FRONT_RIGHT
    description: str = ""
    seat_labels: bool = False  # the room's seats take labels (座签)
    source: str = ""  # the file it was read from

    @cached_property
    def chairs(self) -> tuple[Seat, ...]:
        """:func:`hall_seats`, kept with the layout (not a field: not compared, not printed)."""
        return _hall_seats(self)

    @property
    def rostrum_capacity(self) -> int:
        return sum(self.rostrum_rows)

    @property
    def hall_capacity(self) -> int:
        return sum(f.capacity for f in self.floors)

    def capacity_for(self, use: SeatUse) -> int:
        return sum(1 for s in hall_seats(self) if s.use is use)


def seat_numbers(size: int, numbering: Numbering) -> list[int]:
    """The printed numbers of a row's seats, from the audience's left.

    单双号 (odd-even): seen from the hall, seat 1 is just right of the centre
    line, odd numbers run outward to the right and even numbers to the left.
    """
    if numbering is Numbering.LEFT_TO_RIGHT:
        return list(range(1, size + 1))
    left = size // 2
    right = size - left
    evens = [2 * (i + 1) for i in range(left)][::-1]  # ..., 4, 2 from the left edge in
    odds = [2 * i + 1 for i in range(right)]  # 1, 3, 5 ... outward to the right
    return evens + odds


def rostrum_seat(row: int, col: int) -> Seat:
    return Seat(area="rostrum", row=row, col=col, number=col, label=f"主席台第{row}排第{col}座")


def row_numbers(floor: Floor, row: HallRow) -> list[int]:
    return list(row.numbers) if row.numbers else seat_numbers(row.size, floor.numbering)


def hall_seats(layout: Layout) -> list[Seat]:
    """Every hall chair (blocked places left out) in 横排法 order:
    floors in order, rows front to back, seats left to right. Worked out once per
    layout (a 10,000-seat hall is asked for its chairs many times a build)."""
    return list(layout.chairs)


def _hall_seats(layout: Layout) -> tuple[Seat, ...]:
    seats: list[Seat] = []
    for floor in layout.floors:
        for row in floor.rows:
            numbers = row_numbers(floor, row)
            uses = dict(row.uses)
            col = 0
            for section, width in enumerate(row.sections):
                for _ in range(width):
                    number = numbers[col]
                    col += 1
                    use = uses.get(col, SeatUse.GENERAL)
                    if use is SeatUse.BLOCKED:
                        continue
                    seats.append(
                        Seat(
                            area="hall",
                            floor=floor.name,
                            row=row.number,
                            col=col,
                            number=number,
                            section=section,
                            label=f"{floor.name}{row.number}排{number}号",
                            use=use,
                        )
                    )
    return tuple(seats)
