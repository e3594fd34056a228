"""The printed plan's record: what the last build planned, kept in out/.

``out/.first-plan.json`` holds the first plan of the last build (the plan from
the roster before the day's changes) with the roster as it was read, and the
base plan as it was printed (after the day's changes). It spares ``attend``
reading the spreadsheet and solving the hall again, and it is the baseline
the next build re-plans a revised roster against (:mod:`meetplan.history.revision`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from meetplan.i18n import language
from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.errors import Location, Problem, Severity
from meetplan.model.layout import Layout, hall_seats, rostrum_seat
from meetplan.model.plan import (
    Assignment,
    HallReport,
    Scenario,
    SolveStatus,
    Unseated,
    UnseatedReason,
)
from meetplan.model.settings import HallMethod, Settings

# What reading a damaged record can raise: every one means "solve again".
DAMAGE = (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError)

RECORD = ".printed-plan.json"  # in out/: the last build, as planned and as printed
OLD_RECORD = ".first-plan.json"  # its name before the printed plan was recorded too
VERSION = 2


def fingerprint(roster_file: Path, layout: Layout, settings: Settings) -> str:
    """What the first plan depends on: the roster and layout files, the settings, the version."""
    from meetplan import __version__

    digest = hashlib.sha256()
    digest.update(roster_file.read_bytes())
    digest.update(layout_key(layout).encode())
    digest.update(repr(settings).encode())
    digest.update(__version__.encode())
    return digest.hexdigest()


def layout_key(layout: Layout) -> str:
    """The room the plan was made for: the layout file's bytes (or its name)."""
    data = Path(layout.source).read_bytes() if layout.source else layout.name.encode()
    return hashlib.sha256(data).hexdigest()


def shape_key(settings: Settings) -> str:
    """The settings that decide where blocks lie: a plan made under others cannot be
    the baseline of a re-plan (the hall method, its directions, the honour side, the
    units' placements)."""
    p, h = settings.protocol, settings.hall
    return f"{p.hall_method}|{p.honor_side}|{h.row_order}|{h.column_order}|{h.place!r}"


def _seats(scenario: Scenario) -> list[list[Any]]:
    # in the people's order, whatever order the plan was made in: the same plan
    # is always the same record
    return sorted(
        (
            [a.person.id, a.seat.area, a.seat.floor, a.seat.row, a.seat.col]
            for a in scenario.assignments
        ),
        key=lambda seat: seat[0],
    )


def _hall(report: HallReport | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {
        "method": report.method,
        "status": report.status.value,
        "objective": report.objective,
        "bound": report.bound,
        "terms": [list(t) for t in report.terms],
        "units": report.units,
        "speakers_on_aisle": list(report.speakers_on_aisle),
    }


def first_record(
    first: Scenario,
    key: str,
    roster: Roster | None = None,
    warnings: Sequence[Problem] = (),
    *,
    layout: Layout | None = None,
    settings: Settings | None = None,
    printed: Scenario | None = None,
    printed_roster: Roster | None = None,
    banquet: Sequence[tuple[str, str, int]] = (),
) -> bytes:
    """The record of a build: the first plan's seats and the roster as read (to spare
    the next ``attend`` reading the spreadsheet and solving the hall again), and the
    base plan as printed with its roster (the baseline of the next build)."""
    data = {
        "version": VERSION,
        "key": key,
        "layout": layout_key(layout) if layout is not None else "",
        "shape": shape_key(settings) if settings is not None else "",
        "language": language(),  # the roster's warnings are stored in it
        "seats": _seats(first),
        "unseated": [[u.person.id, u.reason.value] for u in first.unseated],
        "hall": _hall(first.hall),
        "roster": None if roster is None else roster_data(roster, warnings),
        "printed": None
        if printed is None or printed_roster is None
        else {
            "seats": _seats(printed),
            "unseated": [[u.person.id, u.reason.value] for u in printed.unseated],
            "roster": roster_data(printed_roster, ()),
        },
        # the banquet as printed: name, unit, table (kept by the next build)
        "banquet": [list(row) for row in sorted(banquet)],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


ATTENDEE_FIELDS = tuple(f.name for f in fields(Attendee))


# The roster file's path, where it stood in the record: the record does not
# depend on where the meeting folder is (the same input, the same bytes).
ROSTER_FILE = "<roster>"


def roster_data(roster: Roster, warnings: Sequence[Problem]) -> dict[str, Any]:
    def where(location: Location) -> list[Any]:
        if location.file == roster.source:
            location = replace(location, file=ROSTER_FILE)
        return list(astuple(location))

    return {
        "source": ROSTER_FILE,
        "attendees": [[getattr(p, name) for name in ATTENDEE_FIELDS] for p in roster.attendees],
        "warnings": [[w.message, w.hint, w.severity.value, *where(w.location)] for w in warnings],
    }


# What each stored field must be. The record is meetplan's own file, but it lies in
# out/ where anyone can edit or damage it: a value of another type must make it
# unusable here, not fail later in the planner or a renderer.
_INT = (int,)
_TEXT = (str,)
_ATTENDEE_TYPES: dict[str, tuple[type, ...]] = {
    "id": _INT,
    "name": _TEXT,
    "precedence": (int, type(None)),
    "unit": _TEXT,
    "title": _TEXT,
    "area": _TEXT,
    "attendance": _TEXT,
    "substitute_for": _TEXT,
    "speaker": (bool,),
    "extra": (dict,),
    "source_row": (int, type(None)),
    "seat": _TEXT,
}
_LOCATION_TYPES: tuple[tuple[type, ...], ...] = (
    _TEXT,
    (int, type(None)),
    _TEXT,
    _TEXT,
    (str, type(None)),
)


def _typed(value: Any, types: tuple[type, ...]) -> Any:
    """``value`` if it is of one of ``types`` (a bool is not a number here); else ValueError."""
    if isinstance(value, bool) and bool not in types:
        raise ValueError("a damaged record")
    if not isinstance(value, types):
        raise ValueError("a damaged record")
    return value


def _list(value: Any) -> list[Any]:
    return _typed(value, (list,))  # type: ignore[no-any-return]


def _roster(stored: dict[str, Any], source: str) -> tuple[Roster, list[Problem]]:
    """The stored roster, its file now at ``source``."""
    people = []
    stored = _typed(stored, (dict,))
    for row in _list(stored["attendees"]):
        if len(_list(row)) > len(ATTENDEE_FIELDS):
            raise ValueError("a record of a newer meetplan")
        # a record written before a field was added has fewer: they take their defaults
        values = dict(zip(ATTENDEE_FIELDS, row, strict=False))
        for name, value in values.items():
            _typed(value, _ATTENDEE_TYPES.get(name, (object,)))
        if not all(
            isinstance(k, str) and isinstance(v, str) for k, v in values.get("extra", {}).items()
        ):
            raise ValueError("a damaged record")
        values["area"] = Area(values["area"])
        values["attendance"] = Attendance(values["attendance"])
        people.append(Attendee(**values))
    if len({p.id for p in people}) != len(people):
        raise ValueError("a damaged record: two people of one id")
    warnings = []
    for message, hint, severity, *where in _list(stored["warnings"]):
        if len(where) > len(_LOCATION_TYPES):
            raise ValueError("a damaged record")
        for value, types in zip(where, _LOCATION_TYPES, strict=False):
            _typed(value, types)
        location = Location(*where)
        if location.file == ROSTER_FILE:
            location = replace(location, file=source)
        warnings.append(
            Problem(_typed(message, _TEXT), location, _typed(hint, _TEXT), Severity(severity))
        )
    stored_source = _typed(stored["source"], _TEXT)
    return Roster(
        tuple(people), source if stored_source == ROSTER_FILE else stored_source
    ), warnings


# The record of a 10,000-person meeting is a few megabytes.
RECORD_SIZE = 100_000_000  # bytes


def parse_record(data: bytes) -> dict[str, Any] | None:
    """The record's contents, read once; None when it cannot be read (a damaged file:
    not JSON, not UTF-8, nested too deeply for the parser, larger than any record)."""
    if len(data) > RECORD_SIZE:
        return None
    try:
        record = json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    return record if isinstance(record, dict) else None


def key_of(record: dict[str, Any] | None) -> str:
    """The fingerprint a record was made for ("" when there is none)."""
    return str(record.get("key", "")) if record is not None else ""


def roster_from_record(
    record: dict[str, Any] | None, key: str, source: str
) -> tuple[Roster, list[Problem]] | None:
    """The roster as the first build read it, when roster, settings and language are unchanged.

    Reading a 3,000-row spreadsheet takes most of a second; the move list of
    ``attend`` must print within one.
    """
    if record is None or record.get("key") != key or record.get("language") != language():
        return None
    try:
        return _roster(record["roster"], source)
    except DAMAGE:
        return None  # an old or damaged record: the roster is simply read again


def _scenario(
    seats: list[list[Any]],
    unseated: list[list[Any]],
    roster: Roster,
    layout: Layout,
    report: HallReport | None = None,
) -> Scenario:
    people = {p.id: p for p in roster.attendees}
    chairs = {(s.floor, s.row, s.col): s for s in hall_seats(layout)}
    assignments = []
    for pid, area, floor, row, col in _list(seats):
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (pid, row, col)):
            raise ValueError("a damaged record")
        if area == "rostrum":
            if not (
                0 < row <= len(layout.rostrum_rows) and 0 < col <= layout.rostrum_rows[row - 1]
            ):
                raise KeyError((floor, row, col))  # a rostrum seat this room does not have
            seat = rostrum_seat(row, col)
        else:
            seat = chairs[(_typed(floor, _TEXT), row, col)]
        assignments.append(Assignment(seat, people[pid]))
    absent = tuple(Unseated(people[pid], UnseatedReason(reason)) for pid, reason in _list(unseated))
    ids = [a.person.id for a in assignments] + [u.person.id for u in absent]
    taken = [(a.seat.area, a.seat.floor, a.seat.row, a.seat.col) for a in assignments]
    if len(set(ids)) != len(ids) or len(set(taken)) != len(taken):
        raise ValueError("a damaged record: one person or one seat twice")
    return Scenario("base", "", tuple(assignments), absent, report)


def _report(hall: dict[str, Any] | None) -> HallReport | None:
    if hall is None:
        return None
    hall = _typed(hall, (dict,))
    number = (int, float)
    # the term names interned: the very strings a plan just solved names them with (the
    # solver's constants), so that the same plan is the same value (meetplan.render.memo)
    terms = tuple(
        (sys.intern(_typed(name, _TEXT)), _typed(count, number))
        for name, count in _list(hall["terms"])
    )
    on_aisle, speakers = _list(hall["speakers_on_aisle"])
    method = _typed(hall["method"], _TEXT)
    with contextlib.suppress(ValueError):  # the setting's own text, as a plan just solved has it
        method = HallMethod(method).value
    return HallReport(
        method,
        SolveStatus(hall["status"]),
        _typed(hall["objective"], number),
        _typed(hall["bound"], number),
        terms,
        _typed(hall["units"], _INT),
        (_typed(on_aisle, _INT), _typed(speakers, _INT)),
    )


def first_from_record(
    record: dict[str, Any] | None, key: str, roster: Roster, layout: Layout
) -> Scenario | None:
    """The recorded first plan, or None when it does not belong to this roster, layout and settings."""
    if record is None or record.get("key") != key:
        return None
    try:
        return _scenario(
            record["seats"], record["unseated"], roster, layout, _report(record["hall"])
        )
    except DAMAGE:
        return None  # an old or damaged record: the first plan is simply solved again


class Unusable(StrEnum):
    """Why a record in out/ cannot be the baseline of a re-plan."""

    DAMAGED = "damaged"
    LAYOUT = "layout"  # made for another room (or the layout file changed)
    SHAPE = "shape"  # made under another hall method, direction or honour side


@dataclass(frozen=True)
class PrintedPlan:
    """The last build as its record in out/ keeps it."""

    roster: Roster  # the roster file as it was read
    first: Scenario  # its first plan, before the day's changes
    printed_roster: Roster  # the roster with the day's changes
    printed: Scenario  # the base plan as printed


def read_printed(
    record: dict[str, Any] | None, layout: Layout, settings: Settings, source: str = ""
) -> PrintedPlan | Unusable:
    """The printed plan of the last build, or why it cannot be the baseline here.

    A record written before the printed plan was kept (``.first-plan.json``)
    holds only the first plan: it serves as both.
    """
    if record is None:
        return Unusable.DAMAGED
    try:
        if record.get("version", 1) >= 2:
            if record.get("layout") != layout_key(layout):
                return Unusable.LAYOUT
            if record.get("shape") != shape_key(settings):
                return Unusable.SHAPE
        roster, _warnings = _roster(record["roster"], source)
        first = _scenario(
            record["seats"], record["unseated"], roster, layout, _report(record["hall"])
        )
        printed_data = record.get("printed")
        if not printed_data:
            return PrintedPlan(roster, first, roster, first)
        printed_data = _typed(printed_data, (dict,))
        printed_roster, _w = _roster(printed_data["roster"], source)
        printed = _scenario(
            printed_data["seats"], printed_data["unseated"], printed_roster, layout, first.hall
        )
        return PrintedPlan(roster, first, printed_roster, printed)
    except KeyError as error:
        if error.args and isinstance(error.args[0], tuple):
            return Unusable.LAYOUT  # a seat this room does not have
        return Unusable.DAMAGED
    except DAMAGE:
        return Unusable.DAMAGED


def printed_banquet(record: dict[str, Any] | None) -> dict[tuple[str, str], int]:
    """The banquet as the last build printed it: (name, unit) -> table number; empty
    for a record without one, or a damaged one (the banquet is then seated afresh)."""
    if record is None:
        return {}
    rows = record.get("banquet")
    if not isinstance(rows, list):
        return {}
    found: dict[tuple[str, str], int] = {}
    for row in rows:
        if (
            isinstance(row, list)
            and len(row) == 3
            and isinstance(row[0], str)
            and isinstance(row[1], str)
            and isinstance(row[2], int)
            and not isinstance(row[2], bool)
            and 0 < row[2] < 10_000
        ):
            found[(row[0], row[1])] = row[2]
    return found
