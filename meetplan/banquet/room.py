"""Reading banquet room files (layouts/banquet-NAME.toml) into :class:`meetplan.model.banquet.Room`.

The format is documented by ``schema/banquet.schema.json``: every field has a
description and unknown keys are rejected. As with hall layouts
(:mod:`meetplan.layouts`), every error names the file, the key and what is
expected; then what a schema cannot say is checked: a door, within its wall;
exactly one main table; every table with its chairs inside the room; no two
tables overlapping.

A room is looked for in the meeting folder's ``layouts/`` first, then in the
meeting folder, then among the shipped rooms.
"""

from __future__ import annotations

import difflib
import errno
import math
from pathlib import Path
from typing import Any

from meetplan.banquet.geometry import inside, long_length, overlap, wall_length
from meetplan.i18n import _
from meetplan.layouts import (
    BANQUET_PREFIX,
    SUFFIX,
    printed_text,
    schema_problems,
    size_problems,
)
from meetplan.model.banquet import Door, Room, RoomTable, Shape, Wall
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.text import shown, unprintable, visible
from meetplan.resources import layouts_dir, load_schema
from meetplan.tomlfile import capped, load_toml

# What a room file may describe (the schema states the same numbers): the largest
# banquet halls hold about a hundred tables; beyond these a file is a mistake.
MAX_TABLES = 200
TABLE_SEATS = 24  # chairs at one table
ROOM_METRES = 500.0  # a wall's length
MEETING_LAYOUTS = "layouts"  # the meeting folder's own rooms and layouts
# A round table's edge per chair (metres): its diameter when the file gives none.
EDGE_PER_CHAIR = 0.6
LONG_WIDTH = 1.0  # a long table's width when the file gives none


def shipped_rooms() -> list[Path]:
    """The shipped banquet rooms: layouts/banquet-*.toml."""
    return sorted(layouts_dir().glob(BANQUET_PREFIX + "*" + SUFFIX))


def _candidates(name_or_path: str, base: Path | None) -> list[Path]:
    as_path = Path(name_or_path)
    if as_path.suffix == SUFFIX or "/" in name_or_path or "\\" in name_or_path:
        out = [base / as_path] if base is not None and not as_path.is_absolute() else []
        return [*out, as_path]
    names = [name_or_path + SUFFIX]
    if not name_or_path.startswith(BANQUET_PREFIX):  # room = "hall-10" finds banquet-hall-10
        names.append(BANQUET_PREFIX + name_or_path + SUFFIX)
    folders = [base / MEETING_LAYOUTS, base] if base is not None else []
    return [folder / name for folder in [*folders, layouts_dir()] for name in names]


def find_room(name_or_path: str, base: Path | None = None) -> Path:
    """A room's name (banquet-hall-10) or a path to a room file; a relative path is taken
    relative to ``base`` (the meeting folder) first."""
    said = shown(name_or_path, 80)
    bad = unprintable(name_or_path) + [c for c in name_or_path if c in "\n\r\t"]
    if bad:
        raise UserError(
            Problem(
                _("A banquet room's name cannot hold the characters {chars}.").format(
                    chars=" ".join(visible(c) for c in dict.fromkeys(bad))
                ),
                Location(key="banquet.room", value=said),
                hint=_("Type the room's name or path again by hand."),
            )
        )
    for path in _candidates(name_or_path, base):
        try:
            if path.is_file():
                return path
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                raise UserError(
                    Problem(
                        _("The banquet room's name is too long for the system: {name}").format(
                            name=said
                        ),
                        Location(key="banquet.room", value=said),
                        hint=_("Use a shorter file or folder name."),
                    )
                ) from None
            raise UserError(
                Problem(
                    _("Cannot read the banquet room file: {error}").format(error=exc.strerror),
                    Location(file=shown(str(path), 200)),
                )
            ) from None
    shipped = [p.stem for p in shipped_rooms()]
    close = difflib.get_close_matches(Path(name_or_path).stem[:200], shipped, n=2, cutoff=0.6)
    hint = _(
        "Use one of the shipped rooms ({names}), a room file in the meeting folder's layouts/, "
        "or the path to a room file."
    ).format(names=_(", ").join(shipped))
    if close:
        hint = _("Did you mean {names}? ").format(names=_(", ").join(close)) + hint
    raise UserError(
        Problem(
            _("Banquet room not found: {name}").format(name=said),
            Location(key="banquet.room", value=said),
            hint=hint,
        )
    )


def load_room(name_or_path: str, base: Path | None = None) -> Room:
    """The room [banquet] room names: see :func:`find_room` and :func:`parse_room`."""
    return read_room(find_room(name_or_path, base))


def read_room(path: Path) -> Room:
    data = load_toml(
        path,
        _("The banquet room file is not valid TOML: {error}"),
        _("Cannot read the banquet room file: {error}"),
        _("Fix the line named above; compare with a shipped room (layouts/banquet-hall-10.toml)."),
    )
    return parse_room(data, path.stem, str(path))


def _problem(message: str, file: str, key: str, value: object = None, hint: str = "") -> Problem:
    return Problem(
        message,
        Location(file=file, key=key, value=None if value is None else shown(str(value))),
        hint,
    )


def _no_door(file: str) -> Problem:
    return _problem(
        _(
            "The room has no door: its tables are ranked from the door, and every table's host "
            "faces it."
        ),
        file,
        "door",
        hint=_(
            'Add a [door] table: wall = "bottom" (the wall as drawn: bottom, top, left or right) '
            "and at = the metres from the wall's left (or bottom) end to the door's middle."
        ),
    )


def parse_room(data: dict[str, Any], name: str, file: str) -> Room:
    """A room file's tables made into a :class:`Room`, checked in turn: its size, the
    schema (with a door), then what only the room as a whole shows. Raises
    :class:`UserError` with every problem of the first check that has any."""
    problems = size_problems(data, file)
    if not problems:
        problems = schema_problems(data, file, load_schema("banquet.schema.json"))
        if "door" not in data:
            # said in words of its own, in place of the schema's "Required key missing: door"
            required = _("Required key missing: {names}.").format(names="door")
            problems = [p for p in problems if p.message != required]
            problems.insert(0, _no_door(file))
    if problems:
        raise UserError(capped(problems, file))
    room, problems = _build(name, data, file)
    if problems:
        raise UserError(capped(problems, file))
    return room


def _finite(data: dict[str, Any], file: str) -> list[Problem]:
    """TOML allows nan and inf, which pass a schema's bounds unnoticed."""
    out = []
    values = [(k, data[k]) for k in ("width", "depth")]
    values += [(f"door.{k}", v) for k, v in data["door"].items() if k != "wall"]
    values += [
        (f"tables[{i}].{k}", v)
        for i, t in enumerate(data["tables"], start=1)
        for k, v in t.items()
        if isinstance(v, float)
    ]
    for key, value in values:
        if isinstance(value, float) and not math.isfinite(value):
            out.append(
                _problem(
                    _("Expected a number of metres, found {value}.").format(value=value), file, key
                )
            )
    return out


def _table(index: int, entry: dict[str, Any]) -> RoomTable:
    seats = entry["seats"]
    shape = Shape(entry.get("shape", "round"))
    if shape is Shape.ROUND:
        diameter = float(
            entry.get("diameter", max(0.8, round(seats * EDGE_PER_CHAIR / math.pi, 2)))
        )
        return RoomTable(
            index,
            float(entry["x"]),
            float(entry["y"]),
            seats,
            shape,
            bool(entry.get("main", False)),
            diameter=diameter,
        )
    return RoomTable(
        index,
        float(entry["x"]),
        float(entry["y"]),
        seats,
        shape,
        bool(entry.get("main", False)),
        length=float(entry.get("length", long_length(seats))),
        width=float(entry.get("width", LONG_WIDTH)),
    )


def _build(name: str, data: dict[str, Any], file: str) -> tuple[Room, list[Problem]]:
    problems = _finite(data, file)
    title = printed_text(data["title"], "title", file, problems)
    description = printed_text(data.get("description", ""), "description", file, problems)
    door_data = data["door"]
    door = Door(Wall(door_data["wall"]), float(door_data["at"]), float(door_data.get("width", 1.8)))
    tables = tuple(_table(i, entry) for i, entry in enumerate(data["tables"], start=1))
    room = Room(
        name, title, float(data["width"]), float(data["depth"]), door, tables, description, file
    )
    if problems:
        return room, problems
    along = wall_length(room, door.wall)
    if door.at - door.width / 2 < -1e-9 or door.at + door.width / 2 > along + 1e-9:
        problems.append(
            _problem(
                _(
                    "The door ({width} m wide, its middle at {at} m) does not fit in the {wall} wall, "
                    "which is {length} m long."
                ).format(width=door.width, at=door.at, wall=door.wall.value, length=along),
                file,
                "door.at",
                door.at,
                _(
                    "Measure at from the wall's left end (bottom and top walls) or bottom end "
                    "(left and right walls) to the door's middle."
                ),
            )
        )
    mains = [t for t in tables if t.main]
    if not mains:
        problems.append(
            _problem(
                _("No table is the main table (主桌)."),
                file,
                "tables",
                hint=_("Mark the table that faces the door from the far side with main = true."),
            )
        )
    elif len(mains) > 1:
        problems.append(
            _problem(
                _("Tables {tables} are all marked main = true; a room has one main table.").format(
                    tables=_(", ").join(f"tables[{t.index}]" for t in mains)
                ),
                file,
                f"tables[{mains[1].index}].main",
                hint=_("Keep main = true on one table only."),
            )
        )
    for t in tables:
        if not inside(room, t):
            problems.append(
                _problem(
                    _(
                        "Table {index} at ({x}, {y}) with its chairs is not inside the room "
                        "({width} × {depth} m)."
                    ).format(index=t.index, x=t.x, y=t.y, width=room.width, depth=room.depth),
                    file,
                    f"tables[{t.index}]",
                    hint=_(
                        "Move it in from the walls: a chair and its sitter take {depth} m "
                        "round a table."
                    ).format(depth=0.45),
                )
            )
    for i, a in enumerate(tables):
        for b in tables[i + 1 :]:
            if overlap(room, a, b):
                problems.append(
                    _problem(
                        _(
                            "Tables {a} and {b} overlap (their chairs included): ({ax}, {ay}) and "
                            "({bx}, {by})."
                        ).format(a=a.index, b=b.index, ax=a.x, ay=a.y, bx=b.x, by=b.y),
                        file,
                        f"tables[{b.index}]",
                        hint=_(
                            "Move them apart: each table needs {depth} m for its chairs all round."
                        ).format(depth=0.45),
                    )
                )
    return room, problems


def describe_room(room: Room) -> list[str]:
    """The room in a few lines for the terminal: its tables and places, and each table
    in rank order with where it stands."""
    from meetplan.banquet.seating import rank_tables

    lines = [f"{room.name}: {room.title}"]
    if room.description:
        lines.append(room.description)
    lines.append(
        _("{width} × {depth} m, door in the {wall} wall; {tables} tables, {places} places.").format(
            width=room.width,
            depth=room.depth,
            wall=room.door.wall.value,
            tables=len(room.tables),
            places=room.places,
        )
    )
    for number, table in enumerate(rank_tables(room), start=1):
        lines.append(
            "  "
            + _("Table {number}: {seats} seats, {shape}, at ({x}, {y}){main}").format(
                number=number,
                seats=table.seats,
                shape=_("round") if table.shape is Shape.ROUND else _("long"),
                x=table.x,
                y=table.y,
                main=_(" — main table (主桌)") if table.main else "",
            )
        )
    return lines
