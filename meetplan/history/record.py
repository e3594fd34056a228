"""The printed plan's record: what the last build planned, kept in out/.

``out/.first-plan.json`` holds the first plan of the last build (the plan from
the roster before the day's changes) with the roster as it was read, and the
base plan as it was printed (after the day's changes). It spares ``attend``
reading the spreadsheet and solving the hall again, and it is the baseline
the next build re-plans a revised roster against (:mod:`meetplan.history.revision`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import astuple, fields
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
from meetplan.model.settings import Settings


def fingerprint(roster_file: Path, layout: Layout, settings: Settings) -> str:
    """What the first plan depends on: the roster and layout files, the settings, the version."""
    from meetplan import __version__

    digest = hashlib.sha256()
    digest.update(roster_file.read_bytes())
    digest.update(Path(layout.source).read_bytes() if layout.source else layout.name.encode())
    digest.update(repr(settings).encode())
    digest.update(__version__.encode())
    return digest.hexdigest()


def first_record(
    first: Scenario, key: str, roster: Roster | None = None, warnings: Sequence[Problem] = ()
) -> bytes:
    """The first plan's seats, to spare the next ``attend`` solving the hall again;
    and the roster as read, to spare it reading the spreadsheet again."""
    data = {
        "key": key,
        "language": language(),  # the roster's warnings are stored in it
        "seats": [
            [a.person.id, a.seat.area, a.seat.floor, a.seat.row, a.seat.col]
            for a in first.assignments
        ],
        "unseated": [[u.person.id, u.reason.value] for u in first.unseated],
        "hall": None
        if first.hall is None
        else {
            "method": first.hall.method,
            "status": first.hall.status.value,
            "objective": first.hall.objective,
            "bound": first.hall.bound,
            "terms": [list(t) for t in first.hall.terms],
            "units": first.hall.units,
            "speakers_on_aisle": list(first.hall.speakers_on_aisle),
        },
        "roster": None if roster is None else roster_data(roster, warnings),
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


ATTENDEE_FIELDS = tuple(f.name for f in fields(Attendee))


def roster_data(roster: Roster, warnings: Sequence[Problem]) -> dict[str, Any]:
    return {
        "source": roster.source,
        "attendees": [[getattr(p, name) for name in ATTENDEE_FIELDS] for p in roster.attendees],
        "warnings": [[w.message, w.hint, w.severity.value, *astuple(w.location)] for w in warnings],
    }


def roster_from_record(data: bytes, key: str) -> tuple[Roster, list[Problem]] | None:
    """The roster as the first build read it, when roster, settings and language are unchanged.

    Reading a 3,000-row spreadsheet takes most of a second; the move list of
    ``attend`` must print within one.
    """
    try:
        record = json.loads(data)
        if record.get("key") != key or record.get("language") != language():
            return None
        stored = record["roster"]
        people = []
        for row in stored["attendees"]:
            values = dict(zip(ATTENDEE_FIELDS, row, strict=True))
            values["area"] = Area(values["area"])
            values["attendance"] = Attendance(values["attendance"])
            people.append(Attendee(**values))
        warnings = [
            Problem(message, Location(*where), hint, Severity(severity))
            for message, hint, severity, *where in stored["warnings"]
        ]
        return Roster(tuple(people), stored["source"]), warnings
    except (ValueError, KeyError, TypeError):
        return None  # an old or damaged record: the roster is simply read again


def first_from_record(data: bytes, key: str, roster: Roster, layout: Layout) -> Scenario | None:
    """The recorded first plan, or None when it does not belong to this roster, layout and settings."""
    try:
        record = json.loads(data)
        if record.get("key") != key:
            return None
        people = {p.id: p for p in roster.attendees}
        chairs = {(s.floor, s.row, s.col): s for s in hall_seats(layout)}
        assignments = []
        for pid, area, floor, row, col in record["seats"]:
            seat = rostrum_seat(row, col) if area == "rostrum" else chairs[(floor, row, col)]
            assignments.append(Assignment(seat, people[pid]))
        hall = record["hall"]
        report = None
        if hall is not None:
            report = HallReport(
                hall["method"],
                SolveStatus(hall["status"]),
                hall["objective"],
                hall["bound"],
                tuple((name, count) for name, count in hall["terms"]),
                hall["units"],
                tuple(hall["speakers_on_aisle"]),  # type: ignore[arg-type]
            )
        unseated = tuple(
            Unseated(people[pid], UnseatedReason(reason)) for pid, reason in record["unseated"]
        )
        return Scenario("base", "", tuple(assignments), unseated, report)
    except (ValueError, KeyError, TypeError):
        return None  # an old or damaged record: the first plan is simply solved again
