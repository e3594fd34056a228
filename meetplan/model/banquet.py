"""The banquet (宴会, 中餐宴请): its room, its settings, and who sits where (PROTOCOL.md §8).

A banquet room is a layout like a hall (``layouts/banquet-NAME.toml``, read by
:mod:`meetplan.banquet.room`): its size, its door and its tables. Coordinates
are metres in the room as drawn: ``x`` from the left wall, ``y`` from the
bottom wall. The tables are numbered by rank (面门、居中、以远、以右: see
:mod:`meetplan.banquet.seating`), the main table 1.

At each table the chairs are numbered round it: chair 0 is the host's (主陪),
on the side of the table away from the door, facing the door; chair 1 is on
the host's right, and so on round the table (counter-clockwise as drawn).
A table is set with one chair per person seated at it, at most its ``seats``.

Imports nothing from the rest of meetplan but the model.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from meetplan.model.attendee import Attendee
from meetplan.model.errors import Problem

# The roster's columns for the banquet (meetplan.roster.columns reads them into
# Attendee.extra under these names).
DINES_COLUMN = "宴会"  # 是 / 否
SIDE_COLUMN = "主客"  # 主方 / 客方
SEAT_COLUMN = "宴会座位"  # a pin: 3号桌, 1号桌主陪, 主桌
YES, NO = "是", "否"
HOST_SIDE, GUEST_SIDE = "主方", "客方"


# -- the room ---------------------------------------------------------------------------


class Wall(StrEnum):
    """The wall the door is in, as the room is drawn (the chart keeps it there)."""

    BOTTOM = "bottom"
    TOP = "top"
    LEFT = "left"
    RIGHT = "right"


class Shape(StrEnum):
    ROUND = "round"  # 圆桌
    LONG = "long"  # 长桌: its long sides parallel to the door's wall


# The depth a chair and the person on it take beside a table (metres): tables are
# too close when these overlap, and every table with its chairs must be inside the room.
CHAIR_DEPTH = 0.45
# A chair's width along a table's edge (metres): a long table's default length.
CHAIR_WIDTH = 0.65


@dataclass(frozen=True)
class Door:
    """The room's door: in ``wall``, its middle ``at`` metres from the wall's left end
    (bottom and top walls) or bottom end (left and right walls)."""

    wall: Wall
    at: float
    width: float = 1.8


@dataclass(frozen=True)
class RoomTable:
    """One table of the room file; ``index`` is its place in the file (tables[3])."""

    index: int
    x: float
    y: float
    seats: int  # chairs it can take at most
    shape: Shape = Shape.ROUND
    main: bool = False  # 主桌
    diameter: float = 0.0  # round tables, metres
    length: float = 0.0  # long tables, along the door's wall
    width: float = 0.0  # long tables, toward the door

    @property
    def half_extents(self) -> tuple[float, float]:
        """Half the table's size (along the door's wall, toward the door), without chairs."""
        if self.shape is Shape.ROUND:
            return self.diameter / 2, self.diameter / 2
        return self.length / 2, self.width / 2


@dataclass(frozen=True)
class Room:
    name: str  # the file's name without .toml (banquet-hall-10)
    title: str  # printed: 宴会厅
    width: float  # metres, left to right as drawn
    depth: float  # metres, bottom to top as drawn
    door: Door
    tables: tuple[RoomTable, ...]
    description: str = ""
    source: str = ""  # the file, for messages

    @property
    def places(self) -> int:
        return sum(t.seats for t in self.tables)

    @property
    def main(self) -> RoomTable:
        return next(t for t in self.tables if t.main)


# -- the settings ([banquet] in meeting.toml) ---------------------------------------------


class Include(StrEnum):
    """Who dines."""

    MARKED = "marked"  # those with 宴会 = 是 (or a 宴会座位) — default
    ALL = "all"  # everyone who comes, except 宴会 = 否 (工作人员 only when 宴会 = 是)


class Sides(StrEnum):
    """Who is on the host side (主方) and who on the guest side (客方)."""

    COLUMN = "column"  # the roster's 主客 column; blank = 客方 — default
    UNITS = "units"  # people of host_units are 主方; a filled 主客 cell still wins


class SecondGuest(StrEnum):
    """Where the second guest sits (PROTOCOL.md §8: places differ)."""

    HOST_LEFT = "host-left"  # on the 主陪's left; the 3rd and 4th by the 副主陪 — default
    SECOND_HOST_RIGHT = "second-host-right"  # on the 副主陪's right; the 3rd on the 主陪's left


class HostOrder(StrEnum):
    """Hosts taken by rank from the host side, where none is named."""

    # the main table's 主陪 and 副主陪 are hosts 1 and 2; then every other table's 主陪 in
    # table order, then their 副主陪 — default
    MAIN_TABLE_FIRST = "main-table-first"
    HOSTS_FIRST = "hosts-first"  # every table's 主陪 first, then every table's 副主陪


class TableOrder(StrEnum):
    """How the tables after the main table are ranked (see meetplan.banquet.seating)."""

    ROWS = "rows"  # 以远 by rows from the far wall, then 居中, then 以右 — default
    NEAR_MAIN = "near-main"  # nearest the main table first, then 以右, then 以远


@dataclass(frozen=True)
class BanquetSettings:
    """meeting.toml ``[banquet]``; every key has a default (docs in meetplan.banquet.config)."""

    room: str = "banquet-hall-10"  # a room file's name (layouts/banquet-*.toml) or path
    include: Include = Include.MARKED
    sides: Sides = Sides.COLUMN
    host_units: tuple[str, ...] = ()  # the host side's units, for sides = "units"
    # Table number -> the name of its 主陪 / 副主陪, as on the roster; a table not
    # named takes its hosts by rank from the host side.
    hosts: dict[int, str] = field(default_factory=dict)
    second_hosts: dict[int, str] = field(default_factory=dict)
    host_order: HostOrder = HostOrder.MAIN_TABLE_FIRST
    second_guest: SecondGuest = SecondGuest.HOST_LEFT
    table_order: TableOrder = TableOrder.ROWS
    keep_units: bool = False  # a guest unit at one table where it fits
    card_size: str = "100x90"  # 席卡, unfolded, millimetres (each face 100 x 45) or a paper name
    number_size: str = "A4"  # 桌号牌, unfolded: a paper name or millimetres
    main_table_label: str = "主桌"  # the main table on the chart and its 桌号牌; "" = 1号桌


# -- pins (the roster's 宴会座位 column) ----------------------------------------------------


class Role(StrEnum):
    """What a place at a table is (PROTOCOL.md §8)."""

    HOST = "host"  # 主陪: faces the door
    SECOND_HOST = "second-host"  # 副主陪: opposite the 主陪
    FIRST_GUEST = "first-guest"  # 主宾: on the 主陪's right
    SECOND_GUEST = "second-guest"  # 副主宾: the second guest's place (SecondGuest)
    GUEST = "guest"  # 客方, the other guests
    ESCORT = "escort"  # 主方, the other hosts (陪同), between the guests

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.HOST: "主陪",
    Role.SECOND_HOST: "副主陪",
    Role.FIRST_GUEST: "主宾",
    Role.SECOND_GUEST: "副主宾",
    Role.GUEST: "客人",
    Role.ESCORT: "陪同",
}
# The roles a 宴会座位 pin may name, and the place at the table each one is.
PINNED_ROLES: dict[str, Role] = {
    "主陪": Role.HOST,
    "副主陪": Role.SECOND_HOST,
    "主宾": Role.FIRST_GUEST,
    "副主宾": Role.SECOND_GUEST,
}
ROLE_PLACES: dict[Role, int] = {
    Role.HOST: 1,
    Role.SECOND_HOST: 2,
    Role.FIRST_GUEST: 3,
    Role.SECOND_GUEST: 4,
}
MAIN_TABLE = "主桌"
# Digits a table number may have in a pin: no room has 10,000 tables.
MAX_TABLE_DIGITS = 4


@dataclass(frozen=True)
class BanquetPin:
    """A 宴会座位 cell: a table (by its number), and perhaps a role there."""

    table: int
    role: Role | None = None

    @property
    def label(self) -> str:
        return f"{self.table}号桌" + (self.role.label if self.role else "")


_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}
_PIN = re.compile(
    r"(?:主桌|第?([0-9]+|[零〇一二两三四五六七八九十百]+)号?桌)(主陪|副主陪|主宾|副主宾)?"
)


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105 (up to 999); None if it is not one."""
    if not text:
        return None
    total = 0
    current: int | None = None
    for unit, value in (("百", 100), ("十", 10)):
        if unit in text:
            head, _sep, text = text.partition(unit)
            if len(head) > 1 or (head and head not in _CHINESE_DIGITS):
                return None
            number = _CHINESE_DIGITS[head] if head else 1
            total += number * value
    if text:
        text = text.lstrip("零〇")
        if len(text) > 1 or (text and text not in _CHINESE_DIGITS):
            return None
        current = _CHINESE_DIGITS[text] if text else 0
    return total + (current or 0)


def parse_banquet_seat(text: str) -> BanquetPin | None:
    """The pin a 宴会座位 cell names, or None when the text is not one.

    Accepted: 3号桌, 第3桌, 3桌, 三号桌, 主桌 (table 1), each perhaps followed by
    主陪, 副主陪, 主宾 or 副主宾; spaces and full-width digits as offices type them.
    """
    label = "".join(unicodedata.normalize("NFKC", text).split())
    found = _PIN.fullmatch(label)
    if not found:
        return None
    number_text, role_text = found[1], found[2]
    if number_text is None:
        number: int | None = 1
    elif number_text.isdigit():
        digits = number_text.lstrip("0")
        number = int(digits) if digits and len(digits) <= MAX_TABLE_DIGITS else None
    else:
        number = chinese_number(number_text)
    if not number:
        return None
    return BanquetPin(number, PINNED_ROLES[role_text] if role_text else None)


# -- the result ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BanquetSeat:
    """One person at a table."""

    person: Attendee
    place: int  # 1 = 主陪, 2 = 副主陪, 3 = the first guest's place … (the place's rank)
    chair: int  # round the table: 0 = the 主陪's chair, then to the 主陪's right
    role: Role
    host_side: bool  # 主方 (else 客方)


@dataclass(frozen=True)
class BanquetTable:
    """A table of the room, numbered by rank (its ``number`` is its rank: the main table 1)."""

    number: int
    table: RoomTable
    seats: tuple[BanquetSeat, ...] = ()  # in place order; empty: the table is not set

    @property
    def rank(self) -> int:
        return self.number

    @property
    def chairs(self) -> int:
        """Chairs set at the table: one per person."""
        return len(self.seats)

    @property
    def used(self) -> bool:
        return bool(self.seats)

    def by_role(self, role: Role) -> BanquetSeat | None:
        return next((s for s in self.seats if s.role is role), None)


@dataclass(frozen=True)
class BanquetPlan:
    """Who dines at which table and place; every roster person dines once or is in
    ``not_dining``."""

    room: Room
    settings: BanquetSettings
    tables: tuple[BanquetTable, ...]  # every table of the room, in number order
    not_dining: tuple[Attendee, ...] = ()
    notes: tuple[Problem, ...] = ()  # warnings for the person running the command

    @property
    def used(self) -> list[BanquetTable]:
        return [t for t in self.tables if t.used]

    @property
    def diners(self) -> int:
        return sum(t.chairs for t in self.tables)

    def seat_of(self, person_id: int) -> tuple[BanquetTable, BanquetSeat] | None:
        for table in self.tables:
            for seat in table.seats:
                if seat.person.id == person_id:
                    return table, seat
        return None

    def table_name(self, number: int) -> str:
        """As printed: 主桌 (the main_table_label setting) or 3号桌."""
        if number == 1 and self.settings.main_table_label:
            return self.settings.main_table_label
        return f"{number}号桌"
