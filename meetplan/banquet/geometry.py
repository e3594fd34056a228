"""Where things are in a banquet room, measured from its door and its main table.

Three directions, in the room's metres as drawn (``x`` to the right, ``y`` up):

- :func:`inward`: from the door's wall into the room. A table's *depth*
  (:func:`depth`) is how far it stands from the door's wall along it: 以远.
- :func:`main_right`: the right hand of a person sitting at the main table
  facing the door (PROTOCOL.md §8). With the door in the bottom wall that
  person faces down the sheet, and their right is the sheet's left.
- A table's *offset* (:func:`offset`) is how far it stands to the main table's
  right (negative: to its left), measured along the door's wall: 居中 is a
  small ``abs(offset)``, 以右 a positive one.

Chairs (:func:`chair_points`): every table is set so that its host (主陪, chair
0) sits on the side away from the door, facing the door's wall; chair 1 is on
the host's right, and the chairs go on round the table that way.
"""

from __future__ import annotations

import math

from meetplan.model.banquet import CHAIR_DEPTH, CHAIR_WIDTH, Room, RoomTable, Shape, Wall

Point = tuple[float, float]

_INWARD: dict[Wall, Point] = {
    Wall.BOTTOM: (0.0, 1.0),
    Wall.TOP: (0.0, -1.0),
    Wall.LEFT: (1.0, 0.0),
    Wall.RIGHT: (-1.0, 0.0),
}


def inward(room: Room) -> Point:
    """The unit vector from the door's wall into the room."""
    return _INWARD[room.door.wall]


def main_right(room: Room) -> Point:
    """The right hand of a person who faces the door: the person faces ``-inward``,
    and their right is that direction turned a quarter clockwise."""
    nx, ny = inward(room)
    return (-ny, nx)


def door_point(room: Room) -> Point:
    """The middle of the door, on its wall."""
    door = room.door
    return {
        Wall.BOTTOM: (door.at, 0.0),
        Wall.TOP: (door.at, room.depth),
        Wall.LEFT: (0.0, door.at),
        Wall.RIGHT: (room.width, door.at),
    }[door.wall]


def wall_length(room: Room, wall: Wall) -> float:
    return room.width if wall in (Wall.BOTTOM, Wall.TOP) else room.depth


def depth(room: Room, table: RoomTable) -> float:
    """How far the table's centre stands from the door's wall (以远: more is farther)."""
    dx, dy = door_point(room)
    nx, ny = inward(room)
    return (table.x - dx) * nx + (table.y - dy) * ny


def offset(room: Room, table: RoomTable) -> float:
    """How far the table's centre stands to the main table's right, along the door's
    wall (negative: to its left)."""
    main = room.main
    rx, ry = main_right(room)
    return (table.x - main.x) * rx + (table.y - main.y) * ry


def distance(a: RoomTable, b: RoomTable) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)


def footprint(room: Room, table: RoomTable) -> tuple[float, float, float, float]:
    """The table with its chairs as a box in the room: (left, bottom, right, top).

    A round table's box is its circle's; :func:`overlap` treats it as the circle.
    """
    along, toward = table.half_extents
    if table.shape is Shape.ROUND:
        along = toward = along + CHAIR_DEPTH
    else:
        toward += CHAIR_DEPTH  # chairs on the two long sides only
    rx, ry = main_right(room)
    half_x = abs(rx) * along + abs(ry) * toward
    half_y = abs(ry) * along + abs(rx) * toward
    return (table.x - half_x, table.y - half_y, table.x + half_x, table.y + half_y)


def overlap(room: Room, a: RoomTable, b: RoomTable) -> bool:
    """Whether the two tables, with their chairs, take some of the same floor."""
    if a.shape is Shape.ROUND and b.shape is Shape.ROUND:
        reach = a.diameter / 2 + b.diameter / 2 + 2 * CHAIR_DEPTH
        return distance(a, b) < reach - 1e-9
    if a.shape is Shape.ROUND or b.shape is Shape.ROUND:
        circle, box = (a, b) if a.shape is Shape.ROUND else (b, a)
        left, bottom, right, top = footprint(room, box)
        radius = circle.diameter / 2 + CHAIR_DEPTH
        nearest_x = min(max(circle.x, left), right)
        nearest_y = min(max(circle.y, bottom), top)
        return math.hypot(circle.x - nearest_x, circle.y - nearest_y) < radius - 1e-9
    a0, a1, a2, a3 = footprint(room, a)
    b0, b1, b2, b3 = footprint(room, b)
    return a0 < b2 - 1e-9 and b0 < a2 - 1e-9 and a1 < b3 - 1e-9 and b1 < a3 - 1e-9


def inside(room: Room, table: RoomTable) -> bool:
    """Whether the table with its chairs stands within the room's walls."""
    left, bottom, right, top = footprint(room, table)
    return (
        left >= -1e-9
        and bottom >= -1e-9
        and right <= room.width + 1e-9
        and top <= room.depth + 1e-9
    )


def second_host_chair(chairs: int) -> int:
    """The 副主陪's chair at a round table of ``chairs`` chairs: opposite the 主陪. With
    an odd number no chair is exactly opposite; the one just past it is taken, so
    that the 主陪's right (the honour side) has the more chairs."""
    return (chairs + 1) // 2


def long_sides(chairs: int) -> tuple[int, int]:
    """A long table's chairs on the far side (the 主陪's) and on the near side."""
    return (chairs + 1) // 2, chairs // 2


def chair_points(room: Room, table: RoomTable, chairs: int) -> list[tuple[float, float, float]]:
    """(x, y, angle) of each chair, numbered as :mod:`meetplan.model.banquet` says:
    ``angle`` (radians, as drawn) points from the table's centre to the chair."""
    if chairs <= 0:
        return []
    nx, ny = inward(room)
    rx, ry = main_right(room)
    if table.shape is Shape.ROUND:
        radius = table.diameter / 2 + CHAIR_DEPTH / 2
        start = math.atan2(ny, nx)  # chair 0 on the far side: facing the door
        out = []
        for k in range(chairs):
            a = start + 2 * math.pi * k / chairs  # counter-clockwise: the host's right
            out.append((table.x + radius * math.cos(a), table.y + radius * math.sin(a), a))
        return out
    far, near = long_sides(chairs)
    pitch = max(table.length / max(far, 1), 0.1)
    out = []
    side = table.width / 2 + CHAIR_DEPTH / 2
    # far side, chair 0 (the host) in the middle; then to the host's right (+r) …
    for along, toward in _long_offsets(far, near, pitch):
        x = table.x + along * rx + toward * side * nx
        y = table.y + along * ry + toward * side * ny
        out.append((x, y, math.atan2(toward * ny, toward * nx)))
    return out


def long_hosts(chairs: int) -> tuple[int, int]:
    """A long table's chairs are numbered along each side from the end on the main
    table's left (-r) to the end on its right (+r), one chair's width apart on both
    sides. Of those, the 主陪's (far side): the middle one, with an even count the one
    that leaves more chairs on his right (+r); the 副主陪's (near side): the one
    opposite him, or nearest to opposite (then the one leaving more chairs on the
    副主陪's right, -r)."""
    far, near = long_sides(chairs)
    host = (far - 1) // 2
    if not near:
        return host, 0
    at = host - (far - 1) / 2
    second = min(range(near), key=lambda j: (abs(j - (near - 1) / 2 - at), -j))
    return host, second


def long_hands(chairs: int) -> tuple[int, int, int, int]:
    """Chairs of a long table to the 主陪's right and left, and to the 副主陪's right and left."""
    far, near = long_sides(chairs)
    host, second = long_hosts(chairs)
    return far - 1 - host, host, second, near - 1 - second if near else 0


def _long_offsets(far: int, near: int, pitch: float) -> list[tuple[float, int]]:
    """(offset along the main table's right, +1 far side / -1 near side) of each chair of
    a long table, in chair-number order: the 主陪, the chairs to his right going out,
    those to his left going out; then the 副主陪 and the near side the same way."""
    host, second = long_hosts(far + near)
    far_at = [(i - (far - 1) / 2) * pitch for i in range(far)]
    offsets: list[tuple[float, int]] = [(far_at[host], 1)]
    offsets += [(far_at[i], 1) for i in range(host + 1, far)]
    offsets += [(far_at[i], 1) for i in range(host - 1, -1, -1)]
    if near:
        near_at = [(i - (near - 1) / 2) * pitch for i in range(near)]
        offsets.append((near_at[second], -1))
        offsets += [(near_at[i], -1) for i in range(second - 1, -1, -1)]
        offsets += [(near_at[i], -1) for i in range(second + 1, near)]
    return offsets


def long_length(seats: int) -> float:
    """A long table's default length: half its chairs side by side."""
    return long_sides(seats)[0] * CHAIR_WIDTH
