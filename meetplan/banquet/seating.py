"""The banquet's rules (PROTOCOL.md §8): which table ranks where, which place at a table
ranks where, and who sits in each.

Tables (:func:`rank_tables`): 面门为上、居中为上、以远为上、以右为上, as four named
rules applied in turn (:func:`faces_door`, :func:`rows_from_far_wall`,
:func:`centre_out`; :func:`near_main_first` for ``table_order = "near-main"``).
Places at a table (:func:`places`, :func:`seat_order`): the 主陪 faces the door,
the 副主陪 opposite; the guests right and left of them by the ``second_guest``
setting; the host side's other people between the guests. People
(:func:`assign`): who dines, on which side, the hosts of each table, the guests
by rank to the tables in table order, pins from the roster's 宴会座位 column.

All measures are taken from the door and the main table as
:mod:`meetplan.banquet.geometry` defines them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from math import lcm
from typing import Any

from meetplan.banquet.geometry import (
    depth,
    distance,
    long_hands,
    long_sides,
    offset,
    second_host_chair,
)
from meetplan.banquet.room import TABLE_SEATS
from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.banquet import (
    DINES_COLUMN,
    HOST_SIDE,
    NO,
    ROLE_PLACES,
    SEAT_COLUMN,
    SIDE_COLUMN,
    YES,
    BanquetPin,
    BanquetPlan,
    BanquetSeat,
    BanquetSettings,
    BanquetTable,
    HostOrder,
    Include,
    Role,
    Room,
    RoomTable,
    SecondGuest,
    Shape,
    Sides,
    TableOrder,
    parse_banquet_seat,
)
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.settings import NameOrder
from meetplan.protocol.precedence import precedence_key
from meetplan.scenarios import standby

# -- tables: 面门、居中、以远、以右 ------------------------------------------------------------

# Two tables whose distances from the door's wall differ by at most this (metres) stand
# in one row: a hand-drawn room is not exact to the centimetre.
ROW_TOLERANCE = 1.0
# Two tables whose distances from the main table's axis (or, for near-main, from the
# main table) differ by at most this are "equally placed": 以右 decides between them.
EQUAL_TOLERANCE = 0.5


def faces_door(table: RoomTable) -> bool:
    """面门为上: the main table is the one that faces the door across the room (the room
    file marks it ``main = true``; the loader insists on exactly one). It ranks first.
    Every table is set so that its 主陪 faces the door's wall
    (:func:`meetplan.banquet.geometry.chair_points`)."""
    return table.main


def rows_from_far_wall(room: Room, tables: Iterable[RoomTable]) -> list[list[RoomTable]]:
    """以远为上: the tables in rows, the row farthest from the door first.

    "Far" is measured from the wall the door is in, straight into the room
    (:func:`meetplan.banquet.geometry.depth`), so that the tables of one row are
    equally far however far to the side of the door they stand. A table whose depth
    is within :data:`ROW_TOLERANCE` of the first (deepest) table of a row is in it.
    """
    ordered = sorted(tables, key=lambda t: (-depth(room, t), t.index))
    rows: list[list[RoomTable]] = []
    for table in ordered:
        if rows and depth(room, rows[-1][0]) - depth(room, table) <= ROW_TOLERANCE:
            rows[-1].append(table)
        else:
            rows.append([table])
    return rows


def on_main_right(room: Room, table: RoomTable) -> bool:
    """以右为上: whether the table stands on the main table's right — the right hand of a
    person at the main table facing the door (with the door in the bottom wall, the
    left of the sheet). Measured along the door's wall from the main table's centre."""
    return offset(room, table) > 0


def _bands(
    tables: Iterable[RoomTable], measure: Callable[[RoomTable], float]
) -> list[list[RoomTable]]:
    """Tables grouped by ``measure``, smallest first; a group holds the tables within
    :data:`EQUAL_TOLERANCE` of its first."""
    bands: list[list[RoomTable]] = []
    for table in sorted(tables, key=lambda t: (measure(t), t.index)):
        if bands and measure(table) - measure(bands[-1][0]) <= EQUAL_TOLERANCE:
            bands[-1].append(table)
        else:
            bands.append([table])
    return bands


def _right_first(room: Room, tables: list[RoomTable]) -> list[RoomTable]:
    """Equally placed tables: the one farthest to the main table's right first (以右),
    then the one farther from the door (以远), then the file's order."""
    return sorted(tables, key=lambda t: (-offset(room, t), -depth(room, t), t.index))


def centre_out(room: Room, row: Iterable[RoomTable]) -> list[RoomTable]:
    """居中为上 within one row: nearest the main table's axis (the line through the main
    table's centre, straight from the door's wall) first; of two equally near
    (within :data:`EQUAL_TOLERANCE`), the one on the main table's right first (以右)."""
    out: list[RoomTable] = []
    for band in _bands(row, lambda t: abs(offset(room, t))):
        out += _right_first(room, band)
    return out


def near_main_first(room: Room, tables: Iterable[RoomTable]) -> list[RoomTable]:
    """``table_order = "near-main"``: the nearer the main table, the higher (近高远低);
    of two equally near, the one on the main table's right (以右), then the one
    farther from the door (以远)."""
    main = room.main
    out: list[RoomTable] = []
    for band in _bands(tables, lambda t: distance(t, main)):
        out += _right_first(room, band)
    return out


def rank_tables(room: Room, order: TableOrder = TableOrder.ROWS) -> tuple[RoomTable, ...]:
    """Every table of the room in rank order; a table's number is its place here (the
    main table 1).

    面门 first (:func:`faces_door`: the main table). Then, with ``order = "rows"``
    (the default), 以远 (:func:`rows_from_far_wall`: row by row from the far wall),
    within each row 居中 (:func:`centre_out`), and between tables equally central
    以右 (:func:`on_main_right`). With ``"near-main"``: :func:`near_main_first`.
    """
    main = [t for t in room.tables if faces_door(t)]
    others = [t for t in room.tables if not faces_door(t)]
    if order is TableOrder.NEAR_MAIN:
        return (*main, *near_main_first(room, others))
    return (*main, *(t for row in rows_from_far_wall(room, others) for t in centre_out(room, row)))


# -- places at one table ------------------------------------------------------------------

HOST, SECOND = "主陪", "副主陪"
RIGHT, LEFT = "右", "左"
Hand = tuple[str, str]  # (whose, which hand)

# PROTOCOL.md §8: the 1st guest on the 主陪's right; the 2nd on the 主陪's left (default)
# or on the 副主陪's right; then the next two; then on, one chair further out each time.
HANDS: dict[SecondGuest, tuple[Hand, ...]] = {
    SecondGuest.HOST_LEFT: ((HOST, RIGHT), (HOST, LEFT), (SECOND, RIGHT), (SECOND, LEFT)),
    SecondGuest.SECOND_HOST_RIGHT: ((HOST, RIGHT), (SECOND, RIGHT), (HOST, LEFT), (SECOND, LEFT)),
}


@dataclass(frozen=True)
class Place:
    """A place at a table: its chair, and its ring — 0 for the 主陪's and 副主陪's
    chairs, d for the chairs d places from one of them."""

    chair: int
    ring: int


def hand_chair(chairs: int, hand: Hand, d: int, shape: Shape = Shape.ROUND) -> int | None:
    """The chair ``d`` places to the given hand of the 主陪 or 副主陪, or None when that
    side has no such chair (it would reach the other host or beyond).

    Round table: chairs 1, 2 … run to the 主陪's right up to the 副主陪
    (:func:`~meetplan.banquet.geometry.second_host_chair`), and on from the 副主陪 to
    the 副主陪's right, back to the 主陪. Long table: see
    :func:`~meetplan.banquet.geometry.long_hands`.
    """
    whose, side = hand
    if shape is Shape.LONG:
        host_right, host_left, second_right, second_left = long_hands(chairs)
        far = long_sides(chairs)[0]
        if whose == HOST:
            if side == RIGHT:
                return d if d <= host_right else None
            return host_right + d if d <= host_left else None
        if side == RIGHT:
            return far + d if d <= second_right else None
        return far + second_right + d if d <= second_left else None
    if chairs < 2:
        return None
    second = second_host_chair(chairs)
    if whose == HOST:
        chair = d if side == RIGHT else chairs - d
        return (
            chair
            if 0 < chair < chairs and (chair < second if side == RIGHT else chair > second)
            else None
        )
    chair = second + d if side == RIGHT else second - d
    return chair if (second < chair < chairs if side == RIGHT else 0 < chair < second) else None


def places(
    chairs: int, variant: SecondGuest = SecondGuest.HOST_LEFT, shape: Shape = Shape.ROUND
) -> list[Place]:
    """The places of a table set with ``chairs`` chairs, in rank order (PROTOCOL.md §8).

    Place 1 the 主陪's chair (0), place 2 the 副主陪's, opposite. Then ring by ring,
    one chair further out each time, the four hands in the order ``variant`` gives
    (:data:`HANDS`): host-left — 主陪's right, 主陪's left, 副主陪's right,
    副主陪's left; second-host-right — 主陪's right, 副主陪's right, 主陪's left,
    副主陪's left. A chair that two hands reach (the far side of a table of 12) is
    taken the first time.
    """
    if chairs <= 0:
        return []
    if chairs == 1:
        return [Place(0, 0)]
    second = second_host_chair(chairs) if shape is Shape.ROUND else long_sides(chairs)[0]
    out = [Place(0, 0), Place(second, 0)]
    taken = {0, second}
    d = 1
    while len(out) < chairs:
        for hand in HANDS[variant]:
            chair = hand_chair(chairs, hand, d, shape)
            if chair is not None and chair not in taken:
                taken.add(chair)
                out.append(Place(chair, d))
        d += 1
        if d > chairs:  # every chair is reached long before; a guard, not a rule
            raise AssertionError(f"places({chairs}, {variant}, {shape}) left chairs out")
    return out


def seat_order(
    chairs: int, variant: SecondGuest = SecondGuest.HOST_LEFT, shape: Shape = Shape.ROUND
) -> list[int]:
    """The chairs of :func:`places` in rank order: ``seat_order(n)[i]`` is the chair of
    place i + 1 (chair 0 the 主陪's, counting round the table to the 主陪's right)."""
    return [p.chair for p in places(chairs, variant, shape)]


def seat_words(chairs: int, chair: int, shape: Shape = Shape.ROUND) -> str:
    """Where a chair is, as the staff say it at the door: 主陪位, 副主陪位, 主陪右手第2位."""
    if chair == 0:
        return "主陪位"
    if chairs >= 2 and chair == (
        second_host_chair(chairs) if shape is Shape.ROUND else long_sides(chairs)[0]
    ):
        return "副主陪位"
    for d in range(1, chairs):
        for hand in ((HOST, RIGHT), (HOST, LEFT), (SECOND, RIGHT), (SECOND, LEFT)):
            if hand_chair(chairs, hand, d, shape) == chair:
                return f"{hand[0]}{hand[1]}手第{d}位"
    return f"第{chair + 1}位"


# -- people ------------------------------------------------------------------------------

# Tables are compared by how full they are, count / seats, exactly: as whole numbers
# over the seats' common multiple (a table has at most TABLE_SEATS).
_SEATS_LCM = lcm(*range(1, TABLE_SEATS + 1))

# Ranks are compared across the whole roster; a roster numbered again from 1 in each
# 座区 puts the rostrum first.
AREA_ORDER = {Area.ROSTRUM: 0, Area.HALL: 1, Area.OBSERVER: 2, Area.STAFF: 3}
NOT_DINING = "不参加宴会"


def rank_key(person: Attendee, name_order: NameOrder) -> tuple[Any, ...]:
    """The banquet's order of people: the rostrum before the hall (a rank numbered per
    座区 is compared within it), then 排序 as everywhere (meetplan.protocol.precedence)."""
    return (AREA_ORDER[person.area], precedence_key(person, name_order))


def dines(person: Attendee, settings: BanquetSettings, waiting: set[int]) -> bool:
    """Whether a person is at the banquet: never when 请假 or a standby substitute (代会备用);
    宴会 = 否 never, 宴会 = 是 or a 宴会座位 pin always; a blank 宴会 cell as ``include``
    says (``all``: everyone who comes but 工作人员)."""
    if person.attendance is Attendance.ABSENT or person.id in waiting:
        return False
    mark = person.extra.get(DINES_COLUMN, "")
    if mark == NO:
        return False
    if mark == YES or person.extra.get(SEAT_COLUMN):
        return True
    return settings.include is Include.ALL and person.area is not Area.STAFF


def on_host_side(person: Attendee, settings: BanquetSettings) -> bool:
    """主方 or 客方: the 主客 cell where it is filled; else, with ``sides = "units"``, whether
    the person's unit is one of ``host_units``; else 客方."""
    cell = person.extra.get(SIDE_COLUMN, "")
    if cell:
        return cell == HOST_SIDE
    return settings.sides is Sides.UNITS and person.unit in settings.host_units


def _roster_at(roster: Roster, person: Attendee, column: str, value: str) -> Location:
    return Location(file=roster.source, row=person.source_row, column=column, value=value)


@dataclass
class _Table:
    """One table while people are being seated."""

    number: int
    spec: RoomTable
    count: int = 0  # chairs to set: the people it will seat
    people: list[int] = field(default_factory=list)
    roles: dict[Role, int] = field(default_factory=dict)

    @property
    def free(self) -> int:
        return self.count - len(self.people)


class _Seating:
    """One call of :func:`assign`: reads, checks, then seats."""

    def __init__(
        self,
        roster: Roster,
        room: Room,
        settings: BanquetSettings,
        name_order: NameOrder,
        settings_file: str,
    ) -> None:
        self.roster = roster
        self.room = room
        self.settings = settings
        self.name_order = name_order
        self.file = settings_file
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.by_id = {p.id: p for p in roster.attendees}
        waiting = {p.id for p in standby(roster)}
        self.waiting = waiting
        self.named = self._named_hosts()
        named_ids = {pid for pid, _t, _r in self.named}
        self.diners = [
            p for p in roster.attendees if dines(p, settings, waiting) or p.id in named_ids
        ]
        self.diner_ids = {p.id for p in self.diners}
        pinned_hosts = {
            p.id
            for p in self.diners
            if (pin := parse_banquet_seat(p.extra.get(SEAT_COLUMN, ""))) is not None
            and pin.role in (Role.HOST, Role.SECOND_HOST)
        }
        self.host_side = {
            p.id
            for p in self.diners
            if on_host_side(p, settings) or p.id in named_ids or p.id in pinned_hosts
        }
        self.ranked = sorted(self.diners, key=self.rank)
        self.tables = [
            _Table(number, spec)
            for number, spec in enumerate(rank_tables(room, settings.table_order), 1)
        ]
        self.fixed: dict[int, int] = {}  # person id -> table number

    def rank(self, person: Attendee) -> tuple[Any, ...]:
        return rank_key(person, self.name_order)

    # -- reading and checking

    def _named_hosts(self) -> list[tuple[int, int, Role]]:
        """(person id, table, role) of each host named in [banquet] hosts / second_hosts."""
        out: list[tuple[int, int, Role]] = []
        count = len(self.room.tables)
        for key, role, names in (
            ("hosts", Role.HOST, self.settings.hosts),
            ("second_hosts", Role.SECOND_HOST, self.settings.second_hosts),
        ):
            for table, name in sorted(names.items()):
                where = Location(file=self.file, key=f"banquet.{key}.{table}", value=name)
                if table > count:
                    self.problems.append(
                        Problem(
                            _(
                                "Table {table} is named in banquet.{key}, but room {room} has "
                                "{count} tables."
                            ).format(table=table, key=key, room=self.room.name, count=count),
                            where,
                            hint=_("Number the tables 1 to {count}: the main table is 1.").format(
                                count=count
                            ),
                        )
                    )
                    continue
                person = self._named_person(name, role, table, where)
                if person is not None:
                    out.append((person.id, table, role))
        return out

    def _named_person(self, name: str, role: Role, table: int, where: Location) -> Attendee | None:
        found = self.roster.by_name(name)
        what = (
            _("the host (主陪) of table {table}")
            if role is Role.HOST
            else _("the second host (副主陪) of table {table}")
        )
        what = what.format(table=table)
        if not found:
            self.problems.append(
                Problem(
                    _("{name}, named {what}, is not on the roster.").format(name=name, what=what),
                    where,
                    hint=_("Write the name as the roster writes it, or name another host."),
                )
            )
            return None
        if len(found) > 1:
            self.problems.append(
                Problem(
                    _("{name}, named {what}, is on the roster {n} times.").format(
                        name=name, what=what, n=len(found)
                    ),
                    where,
                    hint=_("Pin the right one with the roster's 宴会座位 column instead."),
                )
            )
            return None
        person = found[0]
        reason = ""
        if person.attendance is Attendance.ABSENT:
            reason = _("is on leave (请假)")
        elif person.id in self.waiting:
            reason = _("is a standby substitute (代会备用)")
        elif person.extra.get(DINES_COLUMN) == NO:
            reason = _("is marked 宴会 = 否")
        if reason:
            self.problems.append(
                Problem(
                    _(
                        "{name}, named {what}, is not attending the banquet: {name} {reason}."
                    ).format(name=name, what=what, reason=reason),
                    where,
                    hint=_(
                        "Name another host for this table, or leave it out to take the host by "
                        "rank from the host side."
                    ),
                )
            )
            return None
        return person

    def check_people(self) -> None:
        if not self.diners:
            hint = (
                _(
                    'Mark who dines with 宴会 = 是 in the roster, or set include = "all" in [banquet].'
                )
                if self.settings.include is Include.MARKED
                else _("Everyone is marked 宴会 = 否, on leave or staff: check the roster.")
            )
            self.problems.append(
                Problem(
                    _("Nobody on the roster dines at the banquet."),
                    Location(file=self.roster.source, column=DINES_COLUMN),
                    hint=hint,
                )
            )
            return
        if not self.host_side:
            if self.settings.sides is Sides.UNITS:
                where = Location(
                    file=self.file,
                    key="banquet.host_units",
                    value=", ".join(self.settings.host_units),
                )
                hint = _(
                    "List the host side's units in host_units exactly as the roster writes them, "
                    "or mark the hosts 主客 = 主方 in the roster."
                )
            else:
                where = Location(file=self.roster.source, column=SIDE_COLUMN)
                hint = _(
                    'Mark the hosts 主客 = 主方 in the roster, or set sides = "units" and '
                    'host_units = ["…"] in [banquet].'
                )
            self.problems.append(
                Problem(
                    ngettext(
                        "The host side (主方) is empty: nobody of the {n} person at the banquet "
                        "is on it, so no table has a host (主陪).",
                        "The host side (主方) is empty: nobody of the {n} people at the banquet "
                        "is on it, so no table has a host (主陪).",
                        len(self.diners),
                    ).format(n=len(self.diners)),
                    where,
                    hint=hint,
                )
            )
        places = self.room.places
        if len(self.diners) > places:
            short = len(self.diners) - places
            self.problems.append(
                Problem(
                    ngettext(
                        "{n} people dine, but room {room} has {places} places: {short} place short.",
                        "{n} people dine, but room {room} has {places} places: {short} places short.",
                        short,
                    ).format(n=len(self.diners), room=self.room.name, places=places, short=short),
                    Location(file=self.room.source, key="tables"),
                    hint=_(
                        "Choose a larger room (banquet.room), add tables or seats to the room "
                        "file, or mark fewer people 宴会 = 是."
                    ),
                )
            )

    def check_pins(self) -> dict[int, BanquetPin]:
        """Every pin of a diner, checked: its table exists, no role twice, no table over full."""
        pins: dict[int, BanquetPin] = {}
        count = len(self.tables)
        for person in self.roster.attendees:
            text = person.extra.get(SEAT_COLUMN, "")
            if not text:
                continue
            where = _roster_at(self.roster, person, SEAT_COLUMN, text)
            if person.id not in self.diner_ids:
                if person.attendance is not Attendance.ABSENT and person.id not in self.waiting:
                    self.notes.append(
                        Problem(
                            _(
                                "Row {row}: {name} is pinned to {seat} but marked 宴会 = 否: "
                                "the pin is not used."
                            ).format(row=person.source_row, name=person.name, seat=text),
                            where,
                            hint=_("Clear one of the two cells."),
                            severity=Severity.WARNING,
                        )
                    )
                continue
            pin = parse_banquet_seat(text)
            assert pin is not None  # the roster reader checked the cell
            if pin.table > count:
                self.problems.append(
                    Problem(
                        _(
                            "Row {row}: {name}'s banquet seat {seat} names table {table}, but room "
                            "{room} has {count} tables."
                        ).format(
                            row=person.source_row,
                            name=person.name,
                            seat=text,
                            table=pin.table,
                            room=self.room.name,
                            count=count,
                        ),
                        where,
                        hint=_("Number the tables 1 to {count}: the main table is 1.").format(
                            count=count
                        ),
                    )
                )
                continue
            pins[person.id] = pin
        return pins

    def fix(self, pins: Mapping[int, BanquetPin]) -> None:
        """Put the named hosts and the pinned people at their tables, roles first."""
        holder: dict[tuple[int, Role], tuple[int, Location]] = {}
        wanted: list[tuple[int, int, Role | None, Location]] = []
        for pid, number, named_role in self.named:
            key = "hosts" if named_role is Role.HOST else "second_hosts"
            wanted.append(
                (pid, number, named_role, Location(file=self.file, key=f"banquet.{key}.{number}"))
            )
        for pid, pin in pins.items():
            person = self.by_id[pid]
            wanted.append(
                (pid, pin.table, pin.role, _roster_at(self.roster, person, SEAT_COLUMN, pin.label))
            )
        for pid, table, role, where in wanted:
            person = self.by_id[pid]
            if pid in self.fixed and self.fixed[pid] != table:
                self.problems.append(
                    Problem(
                        _("{name} is placed at table {a} and at table {b}.").format(
                            name=person.name, a=self.fixed[pid], b=table
                        ),
                        where,
                        hint=_(
                            "Keep one: the 宴会座位 column and [banquet] hosts / second_hosts "
                            "must agree."
                        ),
                    )
                )
                continue
            if role is not None:
                other = holder.get((table, role))
                if other is not None and other[0] != pid:
                    self.problems.append(
                        Problem(
                            _("{a} and {b} are both placed as {role} of table {table}.").format(
                                a=self.by_id[other[0]].name,
                                b=person.name,
                                role=role.label,
                                table=table,
                            ),
                            where,
                            hint=_("Give each table one {role}.").format(role=role.label),
                        )
                    )
                    continue
                mine = [r for (t, r), (p, _w) in holder.items() if p == pid]
                if mine and mine[0] is not role:
                    self.problems.append(
                        Problem(
                            _("{name} is placed both as {a} and as {b} of table {table}.").format(
                                name=person.name, a=mine[0].label, b=role.label, table=table
                            ),
                            where,
                            hint=_("Give each person one place."),
                        )
                    )
                    continue
                holder[(table, role)] = (pid, where)
            self.fixed[pid] = table
        for (table, role), (pid, _where) in holder.items():
            self.tables[table - 1].roles[role] = pid
        at: dict[int, list[int]] = defaultdict(list)
        for pid, table in self.fixed.items():
            at[table].append(pid)
        for table, people in sorted(at.items()):
            seats = self.tables[table - 1].spec.seats
            if len(people) > seats:
                self.problems.append(
                    Problem(
                        _(
                            "Table {table} has {seats} seats, but {n} people are placed at it: "
                            "{names}."
                        ).format(
                            table=table,
                            seats=seats,
                            n=len(people),
                            names=_(", ").join(self.by_id[p].name for p in people),
                        ),
                        Location(file=self.roster.source, column=SEAT_COLUMN),
                        hint=_("Move some of them to another table in the 宴会座位 column."),
                    )
                )

    # -- seating

    def set_tables(self, previous: Mapping[int, int] | None) -> list[_Table]:
        """The tables to set and their chairs: the main table, every table someone is
        placed at, then tables in number order until everyone has a place; the empty
        places are spread so that every table is about as full as the others."""
        placed = set(self.fixed.values())
        chosen = {1} | placed
        room = sum(self.tables[t - 1].spec.seats for t in chosen)
        for candidate in self.tables:
            if room >= len(self.diners):
                break
            if candidate.number not in chosen:
                chosen.add(candidate.number)
                room += candidate.spec.seats
        used = [t for t in self.tables if t.number in chosen]
        fixed_at: defaultdict[int, int] = defaultdict(int)
        for number in self.fixed.values():
            fixed_at[number] += 1
        for t in used:
            t.count = t.spec.seats
        for _step in range(room - len(self.diners)):
            candidates = [t for t in used if t.count > fixed_at[t.number]]
            fullest = max(
                candidates, key=lambda t: (t.count * (_SEATS_LCM // t.spec.seats), t.number)
            )
            fullest.count -= 1
        used = [t for t in used if t.count > 0]
        for pid, number in sorted(
            self.fixed.items(), key=lambda item: self.rank(self.by_id[item[0]])
        ):
            self.tables[number - 1].people.append(pid)
        if previous:  # the printed plan's tables, kept where there is still room
            for person in self.ranked:
                before = previous.get(person.id)
                if person.id in self.fixed or before is None or not 1 <= before <= len(self.tables):
                    continue
                t = self.tables[before - 1]
                if t in used and t.free > 0:
                    t.people.append(person.id)
                    self.fixed[person.id] = before
        return used

    def take_hosts(self, used: list[_Table]) -> None:
        """Each table's 主陪 and 副主陪 where none is named: a host-side person already at
        the table, by rank, else the highest-ranked host-side person not yet placed."""
        free = [p.id for p in self.ranked if p.id in self.host_side and p.id not in self.fixed]
        if self.settings.host_order is HostOrder.HOSTS_FIRST:
            order = [(t, Role.HOST) for t in used] + [(t, Role.SECOND_HOST) for t in used]
        else:
            main, rest = used[0], used[1:]
            order = [(main, Role.HOST), (main, Role.SECOND_HOST)]
            order += [(t, Role.HOST) for t in rest] + [(t, Role.SECOND_HOST) for t in rest]
        for table, role in order:
            if role in table.roles or table.count < ROLE_PLACES[role]:
                continue
            holding = set(table.roles.values())
            here = [pid for pid in table.people if pid in self.host_side and pid not in holding]
            if here:
                table.roles[role] = min(here, key=lambda pid: self.rank(self.by_id[pid]))
            elif free and table.free > 0:
                pid = free.pop(0)
                table.people.append(pid)
                self.fixed[pid] = table.number
                table.roles[role] = pid
        hostless = [t.number for t in used if Role.HOST not in t.roles]
        if hostless:
            self.notes.append(
                Problem(
                    ngettext(
                        "Table {tables} has no host-side person to host it (主陪): its first "
                        "guest sits in the host's place.",
                        "Tables {tables} have no host-side person to host them (主陪): their "
                        "first guest sits in the host's place.",
                        len(hostless),
                    ).format(tables=_(", ").join(map(str, hostless))),
                    Location(file=self.roster.source, column=SIDE_COLUMN),
                    hint=_("Mark more people 主客 = 主方, or name the hosts in [banquet] hosts."),
                    severity=Severity.WARNING,
                )
            )

    def fill(self, used: list[_Table]) -> None:
        """The people not yet placed: guests by rank to the tables in number order, and the
        host side's others with them, each table taking guests and hosts in about the
        proportion of the whole; with ``keep_units`` a guest unit at one table."""
        guests = [p for p in self.ranked if p.id not in self.fixed and p.id not in self.host_side]
        hosts = [p for p in self.ranked if p.id not in self.fixed and p.id in self.host_side]
        total = sum(t.free for t in used)
        assert total == len(guests) + len(hosts)
        quota: dict[int, int] = {}
        seen = before = 0
        for t in used:
            seen += t.free
            upto = (2 * seen * len(guests) + total) // (2 * total) if total else 0
            quota[t.number] = upto - before
            before = upto
        if self.settings.keep_units:
            self._fill_units(used, guests, quota)
        else:
            queue = list(guests)
            for t in used:
                for _i in range(quota[t.number]):
                    t.people.append(queue.pop(0).id)
        queue = list(hosts)
        for t in used:
            while t.free > 0:
                t.people.append(queue.pop(0).id)

    def _fill_units(
        self, used: list[_Table], guests: list[Attendee], quota: dict[int, int]
    ) -> None:
        units: dict[str, list[Attendee]] = {}
        for person in guests:  # in rank order: a unit comes where its best-ranked member would
            units.setdefault(person.unit or f"\0{person.id}", []).append(person)
        left = dict(quota)
        placed_at = {
            self.by_id[pid].unit: t for pid, t in self.fixed.items() if pid not in self.host_side
        }
        split: list[str] = []
        for unit, members in units.items():
            order = [t for t in used if t.number == placed_at.get(unit)]
            order += [t for t in used if t.number != placed_at.get(unit)]
            table = next((t for t in order if left[t.number] >= len(members)), None)
            if table is not None:
                table.people += [m.id for m in members]
                left[table.number] -= len(members)
                continue
            split.append(unit)
            queue = list(members)
            for t in used:
                while queue and left[t.number] > 0:
                    t.people.append(queue.pop(0).id)
                    left[t.number] -= 1
        table_of = {pid: t.number for t in used for pid in t.people}
        for unit in split:
            where = sorted({table_of[m.id] for m in units[unit]})
            self.notes.append(
                Problem(
                    _(
                        "{unit}: its {n} guests do not fit at one table with the places left for "
                        "guests; they sit at tables {tables}."
                    ).format(unit=unit, n=len(units[unit]), tables=_(", ").join(map(str, where))),
                    Location(file=self.file, key="banquet.keep_units"),
                    hint=_(
                        "Choose a room with larger tables, or pin the unit's people with 宴会座位."
                    ),
                    severity=Severity.WARNING,
                )
            )

    def seat(self, table: _Table) -> BanquetTable:
        """The people of one table in its places: roles first, then ring by ring, guests
        in the odd rings and the host side's others in the even ones (they interleave)."""
        chairs = len(table.people)
        order = places(chairs, self.settings.second_guest, table.spec.shape)
        at: dict[int, tuple[int, Role]] = {}
        for role, pid in table.roles.items():
            if ROLE_PLACES[role] <= chairs:
                at[ROLE_PLACES[role] - 1] = (pid, role)
        holding = {pid for pid, _r in at.values()}
        rest = sorted(
            (p for p in table.people if p not in holding),
            key=lambda pid: self.rank(self.by_id[pid]),
        )
        guests = [p for p in rest if p not in self.host_side]
        hosts = [p for p in rest if p in self.host_side]
        seats = []
        for index, place in enumerate(order):
            if index in at:
                pid, role = at[index]
            else:
                first, second = (hosts, guests) if place.ring % 2 == 0 else (guests, hosts)
                pid = (first or second).pop(0)
                role = _role(index, pid in self.host_side)
            seats.append(
                BanquetSeat(self.by_id[pid], index + 1, place.chair, role, pid in self.host_side)
            )
        return BanquetTable(table.number, table.spec, tuple(seats))


def _role(index: int, host_side: bool) -> Role:
    """The role of place ``index + 1`` for a person of this side."""
    if host_side:
        return {0: Role.HOST, 1: Role.SECOND_HOST}.get(index, Role.ESCORT)
    return {2: Role.FIRST_GUEST, 3: Role.SECOND_GUEST}.get(index, Role.GUEST)


def assign(
    roster: Roster,
    room: Room,
    settings: BanquetSettings,
    *,
    name_order: NameOrder = NameOrder.SURNAME_STROKES,
    previous: Mapping[int, int] | None = None,
    settings_file: str = "meeting.toml",
) -> BanquetPlan:
    """Who dines at which table and place.

    1. Who dines (:func:`dines`), on which side (:func:`on_host_side`).
    2. The hosts named in [banquet] hosts / second_hosts and the roster's 宴会座位
       pins are placed first; everything is checked before anyone is seated, and
       every problem is raised together (:class:`UserError`): more people than
       places, a named host not at the banquet, an empty host side, a pin to a
       table the room does not have, a role or a table given twice or over full.
    3. Tables are set in number order (:func:`rank_tables`) until everyone has a
       place, with the empty places spread over them.
    4. Each table's 主陪 and 副主陪 not named are taken by rank from the host side
       (``host_order``); then the guests by rank to the tables in number order
       (``keep_units``: a unit together), the host side's others with them.
    5. At each table, the places of :func:`places` (``second_guest``), guests and
       hosts interleaved.

    ``previous`` (person id -> table number, from the printed plan) keeps people at
    their table where it still has room: a re-plan moves only whom it must.
    """
    seating = _Seating(roster, room, settings, name_order, settings_file)
    seating.check_people()
    seating.fix(seating.check_pins())
    if seating.problems:
        raise UserError(seating.problems)
    used = seating.set_tables(previous)
    seating.take_hosts(used)
    seating.fill(used)
    seated = {t.number: seating.seat(t) for t in used}
    tables = tuple(seated.get(t.number, BanquetTable(t.number, t.spec)) for t in seating.tables)
    not_dining = tuple(p for p in roster.attendees if p.id not in seating.diner_ids)
    return BanquetPlan(room, settings, tables, not_dining, tuple(seating.notes))


def seat_label(plan: BanquetPlan, table: BanquetTable, seat: BanquetSeat) -> str:
    """A seat as the seating list prints it: 主桌 主陪位, 3号桌 主陪右手第2位."""
    words = seat_words(table.chairs, seat.chair, table.table.shape)
    return f"{plan.table_name(table.number)} {words}"
