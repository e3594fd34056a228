"""Unit placement (meeting.toml ``[[hall.place]]``): the seats a placed unit's block may take.

A placement names a unit and limits its block to a floor, to sections
(1-based from the audience's left, as the chart's 左区/中区/右区) and to rows
(as printed). A placed unit is seated as its own block inside those seats,
before the other units (:func:`meetplan.solver.seat_hall`); the others take
the rest of the hall. :func:`check_places` names every placement that cannot
work — a unit not on the roster, a floor, section or row the layout does not
have — before anything is planned.
"""

from __future__ import annotations

import difflib

from meetplan.i18n import _
from meetplan.model.attendee import Area, Roster
from meetplan.model.errors import Location, Problem
from meetplan.model.layout import Layout, Seat, SeatUse, hall_seats
from meetplan.model.settings import HallPlace


def key_of(index: int, name: str) -> str:
    return f"hall.place[{index}].{name}"


def allowed_seats(place: HallPlace, layout: Layout) -> list[Seat]:
    """The 代表席 a placed unit may sit on, in the order of :func:`hall_seats`."""
    return [
        s
        for s in hall_seats(layout)
        if s.use is SeatUse.GENERAL
        and (not place.floor or s.floor == place.floor)
        and (not place.sections or s.section + 1 in place.sections)
        and (not place.rows or s.row in place.rows)
    ]


def region_name(place: HallPlace) -> str:
    """The region as people say it: 一楼 第1区 第1–3排."""
    parts = [place.floor] if place.floor else []
    if place.sections:
        parts.append(_("section {numbers}").format(numbers=_numbers(place.sections)))
    if place.rows:
        parts.append(_("rows {numbers}").format(numbers=_numbers(place.rows)))
    return " ".join(parts) or _("the whole hall")


def _numbers(numbers: tuple[int, ...]) -> str:
    if len(numbers) > 2 and list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return _(", ").join(str(n) for n in numbers)


def check_places(places: tuple[HallPlace, ...], roster: Roster, layout: Layout) -> list[Problem]:
    """Every placement naming a unit, floor, section or row that does not exist."""
    problems: list[Problem] = []
    units = list(
        dict.fromkeys(p.unit for p in roster.attendees if p.area is Area.HALL and p.seated)
    )
    floors = {f.name: f for f in layout.floors}
    for index, place in enumerate(places, start=1):
        if place.unit not in units:
            close = difflib.get_close_matches(place.unit, units, n=3, cutoff=0.5)
            hint = _("Write the unit exactly as the roster's 单位 column does (会场 people only).")
            if close:
                hint = _("Did you mean {names}? ").format(names=_(", ").join(close)) + hint
            problems.append(
                Problem(
                    _("{key}: no one of the hall on the roster is in unit {unit}.").format(
                        key=key_of(index, "unit"), unit=place.unit
                    ),
                    Location(key=key_of(index, "unit"), value=place.unit),
                    hint=hint,
                )
            )
        if place.floor and place.floor not in floors:
            problems.append(
                Problem(
                    _("{key}: layout {layout} has no floor {floor}.").format(
                        key=key_of(index, "floor"), layout=layout.name, floor=place.floor
                    ),
                    Location(key=key_of(index, "floor"), value=place.floor),
                    hint=_("Its floors: {floors}.").format(
                        floors=_(", ").join(f or '""' for f in floors)
                    ),
                )
            )
            continue
        chosen = [floors[place.floor]] if place.floor else list(layout.floors)
        rows = [r for f in chosen for r in f.rows]
        most = max((len(r.sections) for r in rows), default=0)
        wrong_sections = [n for n in place.sections if n > most]
        if wrong_sections:
            problems.append(
                Problem(
                    _("{key}: the hall of layout {layout} has {count} section(s) across.").format(
                        key=key_of(index, "sections"), layout=layout.name, count=most
                    ),
                    Location(key=key_of(index, "sections"), value=_numbers(place.sections)),
                    hint=_("Count sections from the audience's left: 1 to {count}.").format(
                        count=most
                    ),
                )
            )
        numbers = sorted({r.number for r in rows})
        wrong_rows = [n for n in place.rows if n not in numbers]
        if wrong_rows:
            problems.append(
                Problem(
                    _(
                        "{key}: there is no row {rows} in layout {layout} (rows {first}–{last})."
                    ).format(
                        key=key_of(index, "rows"),
                        rows=_numbers(tuple(wrong_rows)),
                        layout=layout.name,
                        first=numbers[0] if numbers else 0,
                        last=numbers[-1] if numbers else 0,
                    ),
                    Location(key=key_of(index, "rows"), value=_numbers(place.rows)),
                    hint=_("Give rows as the seating chart numbers them."),
                )
            )
        if not wrong_sections and not wrong_rows and not allowed_seats(place, layout):
            problems.append(
                Problem(
                    _("{key}: {region} holds no 代表席 for {unit}.").format(
                        key=key_of(index, "unit"), region=region_name(place), unit=place.unit
                    ),
                    Location(key=key_of(index, "unit"), value=place.unit),
                    hint=_(
                        "Choose sections and rows with seats for members (not a reserved area)."
                    ),
                )
            )
    return problems
