"""From roster, layout and settings to a plan: the base scenario.

Protocol decisions live in :mod:`meetplan.protocol`; this module only decides
who goes where (rostrum, hall, no seat) and assembles the scenario.
"""

from __future__ import annotations

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.layout import Layout
from meetplan.model.plan import Assignment, Plan, Scenario, Unseated, UnseatedReason
from meetplan.model.settings import Settings
from meetplan.protocol.precedence import in_precedence_order
from meetplan.protocol.rostrum import RostrumRules, seat_rostrum
from meetplan.solver import seat_hall

BASE_ID = "base"
BASE_TITLE = "全部出席（含待定人员）"


def find_host(rostrum: list[Attendee], host_name: str) -> Attendee | None:
    if not host_name:
        return None
    matches = [p for p in rostrum if p.name == host_name]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        problem = Problem(
            _("The host {name} is not among the rostrum people.").format(name=host_name),
            Location(key="protocol.host", value=host_name),
            hint=_("Write the host's name exactly as in the roster, and give them 座区 主席台."),
        )
    else:
        problem = Problem(
            _("Two rostrum people are called {name}; the host cannot be told apart.").format(
                name=host_name
            ),
            Location(key="protocol.host", value=host_name),
        )
    raise UserError(problem)


def plan_base(roster: Roster, layout: Layout, settings: Settings) -> tuple[Scenario, list[Problem]]:
    protocol = settings.protocol
    replaced = {p.substitute_for for p in roster.attendees if p.substitute_for and p.seated}
    unseated: list[Unseated] = []
    attending: list[Attendee] = []
    for person in roster.attendees:
        if person.attendance is Attendance.ABSENT:
            reason = UnseatedReason.REPLACED if person.name in replaced else UnseatedReason.ABSENT
            unseated.append(Unseated(person, reason))
        else:
            attending.append(person)

    rostrum = in_precedence_order(
        [p for p in attending if p.area is Area.ROSTRUM], protocol.name_order
    )
    rules = RostrumRules(protocol.honor_side, protocol.even_rostrum, protocol.host_seat)
    hall_people = [p for p in attending if p.area is not Area.ROSTRUM]
    problems: list[Problem] = []
    placed = []
    try:  # the rostrum and the hall are both checked, and reported together
        host = find_host(rostrum, protocol.host)
        placed += seat_rostrum(rostrum, layout.rostrum_rows, rules, host, layout.name)
    except UserError as error:
        problems += error.problems
    hall = None
    try:
        hall = seat_hall(hall_people, layout, settings)
        placed += hall.placed
        unseated += [Unseated(p, UnseatedReason.STAFF_WITHOUT_SEATS) for p in hall.without_seat]
    except UserError as error:
        problems += error.problems
    if problems:
        raise UserError(problems)

    assignments = tuple(Assignment(seat, person) for seat, person in placed)
    unseated.sort(key=lambda u: u.person.id)
    assert hall is not None
    return Scenario(BASE_ID, BASE_TITLE, assignments, tuple(unseated), hall.report), hall.warnings


def substitution_warnings(roster: Roster) -> list[Problem]:
    """代会 cases that are planned as written but are probably not what the office means."""
    warnings: list[Problem] = []
    for sub in roster.attendees:
        if not sub.substitute_for or not sub.seated:
            continue
        for leader in roster.by_name(sub.substitute_for):
            where = Location(
                file=roster.source, row=sub.source_row, column="代会", value=sub.substitute_for
            )
            if leader.seated:
                warnings.append(
                    Problem(
                        _(
                            "{sub} attends in place of {leader}, but {leader} is marked {state}: "
                            "both have a seat and a card."
                        ).format(sub=sub.name, leader=leader.name, state=leader.attendance.label),
                        where,
                        hint=_("If {leader} will not come, mark them 请假 in the roster.").format(
                            leader=leader.name
                        ),
                        severity=Severity.WARNING,
                    )
                )
            if leader.area is Area.ROSTRUM and sub.area is not Area.ROSTRUM:
                warnings.append(
                    Problem(
                        _(
                            "{sub} replaces {leader}, who sits on the rostrum, but is listed for "
                            "{area}: {sub} is seated there."
                        ).format(sub=sub.name, leader=leader.name, area=sub.area.label),
                        where,
                        hint=_("Give {sub} 座区 主席台 if they are to sit on the rostrum.").format(
                            sub=sub.name
                        ),
                        severity=Severity.WARNING,
                    )
                )
    return warnings


def unitless_warnings(roster: Roster) -> list[Problem]:
    """Hall people with no 单位 sit together as one block; say so, since it is often a slip.

    A CSV or .xls saved from a sheet with 单位 merged over several rows keeps
    the unit only in the first of them.
    """
    rows = [
        p.source_row
        for p in roster.attendees
        if p.area in (Area.HALL, Area.OBSERVER) and not p.unit
    ]
    if not rows:
        return []
    shown = _(", ").join(str(r) for r in rows[:12]) + (_(" …") if len(rows) > 12 else "")
    return [
        Problem(
            ngettext(
                "{n} person in the hall has no 单位 (row {rows}): they are seated as one block of their own.",
                "{n} people in the hall have no 单位 (rows {rows}): they are seated as one block of their own.",
                len(rows),
            ).format(n=len(rows), rows=shown),
            Location(file=roster.source, column="单位"),
            hint=_(
                "Fill in 单位 on every row; a 单位 merged over several rows is kept only in the first "
                "row when the sheet is saved as CSV."
            ),
            severity=Severity.WARNING,
        )
    ]


def make_plan(roster: Roster, layout: Layout, settings: Settings) -> Plan:
    base, notes = plan_base(roster, layout, settings)
    return Plan(
        roster=roster, layout=layout, settings=settings, scenarios=(base,), notes=tuple(notes)
    )
