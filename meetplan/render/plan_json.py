"""out/plan.json: the machine-readable plan, documented by schema/plan.schema.json.

Deterministic: the same input gives byte-identical output (no timestamps,
keys in a fixed order, people in a fixed order).
"""

from __future__ import annotations

import json
from typing import Any

from meetplan.model.attendee import Attendee
from meetplan.model.plan import Plan, Scenario

SCHEMA_VERSION = "meetplan-plan/1"


def person_fields(p: Attendee) -> dict[str, Any]:
    return {
        "person": p.id,
        "name": p.name,
        "unit": p.unit,
        "title": p.title,
        "precedence": p.precedence,
    }


def scenario_dict(s: Scenario) -> dict[str, Any]:
    seats = []
    for a in sorted(
        s.assignments,
        key=lambda a: (a.seat.area != "rostrum", a.seat.floor, a.seat.row, a.seat.col),
    ):
        seat = a.seat
        seats.append(
            {
                "area": seat.area,
                "floor": seat.floor,
                "row": seat.row,
                "col": seat.col,
                "number": seat.number,
                "section": seat.section + 1,
                "use": seat.use.value,
                "label": seat.label,
                **person_fields(a.person),
                "attendance": a.person.attendance.value,
            }
        )
    unseated = [
        {**person_fields(u.person), "reason": u.reason.value, "reason_text": u.reason.label}
        for u in sorted(s.unseated, key=lambda u: u.person.id)
    ]
    out: dict[str, Any] = {
        "id": s.id,
        "title": s.title,
        "absent": list(s.absent),
        "substitutes": list(s.substitutes),
        "seats": seats,
        "unseated": unseated,
    }
    if s.hall is not None:
        out["hall"] = {
            "method": s.hall.method,
            "status": s.hall.status.value,
            "objective": s.hall.objective,
            "bound": s.hall.bound,
            "gap": round(s.hall.gap, 6),
            "terms": dict(s.hall.terms),
            "units": s.hall.units,
            "speakers_on_aisle": list(s.hall.speakers_on_aisle),
        }
    return out


def plan_dict(plan: Plan) -> dict[str, Any]:
    m = plan.settings.meeting
    p = plan.settings.protocol
    return {
        "schema": SCHEMA_VERSION,
        "meeting": {
            "title": m.title,
            "date": m.date,
            "time": m.time,
            "venue": m.venue,
            "organizer": m.organizer,
            "classification": m.classification,
        },
        "layout": {"name": plan.layout.name, "title": plan.layout.title},
        "protocol": {
            "honor_side": p.honor_side.value,
            "even_rostrum": p.even_rostrum.value,
            "name_order": p.name_order.value,
            "host": p.host,
            "host_seat": p.host_seat.value,
            "allow_ties": p.allow_ties,
            "hall_method": p.hall_method.value,
            "substitute_seat": p.substitute_seat.value,
            "hall_gaps": plan.settings.hall.gaps.value,
        },
        "attendees": [
            {
                **person_fields(a),
                "area": a.area.value,
                "attendance": a.attendance.value,
                "substitute_for": a.substitute_for,
                "roster_row": a.source_row,
            }
            for a in plan.roster.attendees
        ],
        "scenarios": [scenario_dict(s) for s in plan.scenarios],
    }


def render_plan_json(plan: Plan) -> bytes:
    text = json.dumps(plan_dict(plan), ensure_ascii=False, indent=2) + "\n"
    # An unpaired surrogate (the readers refuse them) cannot be UTF-8: written as the JSON
    # escape \udXXX instead of stopping the build.
    return text.encode("utf-8", "backslashreplace")
