"""Attendance scenarios: who comes, in each case the office must prepare for (PROTOCOL.md §5).

The base scenario has every confirmed and every tentative (待定) person present.
Then, for each tentative person, one scenario without them, and one for each
substitute (代会) who would come in their place; and one with every tentative
person absent. A substitute whose leader is 请假 comes in every scenario; one
whose leader may still come is on standby: their card is printed in advance,
but they have a seat only in the scenarios where they come.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from meetplan.i18n import _
from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.plan import Unseated, UnseatedReason
from meetplan.model.settings import SubstituteSeat

BASE_ID = "base"
BASE_TITLE = "全部出席（含待定人员）"
ALL_ABSENT_ID = "all-tentative-absent"


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    absent: frozenset[int] = frozenset()  # tentative people not coming
    substitutes: frozenset[int] = frozenset()  # standby substitutes coming


BASE = Case(BASE_ID, BASE_TITLE)


def leaders(roster: Roster) -> dict[int, Attendee]:
    """Substitute id -> the leader they replace (names are unique: the roster check sees to it)."""
    out = {}
    for person in roster.attendees:
        if person.substitute_for:
            found = roster.by_name(person.substitute_for)
            if len(found) == 1:
                out[person.id] = found[0]
    return out


def check_substitutes(roster: Roster) -> None:
    """A substitute cannot replace someone who is a substitute too (a chain)."""
    lead = leaders(roster)
    problems = []
    for sub_id, leader in lead.items():
        if leader.id in lead:
            sub = next(p for p in roster.attendees if p.id == sub_id)
            problems.append(
                Problem(
                    _("{a} replaces {b}, who replaces {c}: a chain of substitutes.").format(
                        a=sub.name, b=leader.name, c=lead[leader.id].name
                    ),
                    Location(
                        file=roster.source,
                        row=sub.source_row,
                        column="代会",
                        value=sub.substitute_for,
                    ),
                    hint=_(
                        "Name the leader who is actually absent in the 代会 column of {a}."
                    ).format(a=sub.name),
                )
            )
    if problems:
        raise UserError(problems)


def standby(roster: Roster) -> list[Attendee]:
    """Substitutes whose leader may come (待定 or 出席): they come only in their own scenarios."""
    lead = leaders(roster)
    return [
        p
        for p in roster.attendees
        if p.id in lead and lead[p.id].attendance is not Attendance.ABSENT and p.seated
    ]


def cases(roster: Roster) -> list[Case]:
    """Every scenario after the base one, in roster order.

    Each 待定 rostrum leader, and each 待定 person who has a standby substitute,
    gets a scenario of their own: those change cards and chairs. A 待定 person
    in the hall without a substitute only leaves a seat (or closes up their
    unit's block); they are covered by the "all 待定 absent" scenario, which
    keeps a 10,000-seat meeting with hundreds of 待定 from multiplying its plan.
    """
    lead = leaders(roster)
    tentative = [p for p in roster.attendees if p.attendance is Attendance.TENTATIVE]
    waiting = standby(roster)
    replaced = {lead[s.id].id for s in waiting}
    own = [p for p in tentative if p.area is Area.ROSTRUM or p.id in replaced]
    out: list[Case] = []
    for person in own:
        out.append(Case(f"absent-{person.id}", f"{person.name}不到会", frozenset({person.id})))
        for sub in waiting:
            if lead[sub.id].id == person.id:
                out.append(
                    Case(
                        f"substitute-{sub.id}",
                        f"{person.name}不到会，由{sub.name}代会",
                        frozenset({person.id}),
                        frozenset({sub.id}),
                    )
                )
    if len(tentative) >= 2 or (tentative and not own):
        out.append(Case(ALL_ABSENT_ID, "待定人员均不到会", frozenset(p.id for p in tentative)))
    return out


def attendance(roster: Roster, case: Case) -> tuple[list[Attendee], list[Unseated]]:
    """Who comes in this case, and why the others have no seat."""
    lead = leaders(roster)
    waiting = {p.id for p in standby(roster)}
    coming_subs = {s for s in lead if (s not in waiting or s in case.substitutes)}
    by_id = {p.id: p for p in roster.attendees}
    replaced = {lead[s].id for s in coming_subs if by_id[s].seated}
    attending: list[Attendee] = []
    unseated: list[Unseated] = []
    for person in roster.attendees:
        if person.attendance is Attendance.ABSENT or person.id in case.absent:
            if person.id in replaced:
                reason = UnseatedReason.REPLACED
            elif person.attendance is Attendance.ABSENT:
                reason = UnseatedReason.ABSENT
            else:
                reason = UnseatedReason.NOT_COMING
            unseated.append(Unseated(person, reason))
        elif person.id in waiting and person.id not in case.substitutes:
            unseated.append(Unseated(person, UnseatedReason.STANDBY))
        else:
            attending.append(person)
    return attending, unseated


def seating_stand_in(person: Attendee, roster: Roster, mode: SubstituteSeat) -> Attendee:
    """The attendee as the seating rules see them.

    ``in-place``: a substitute takes the absent leader's place — their area,
    unit and precedence — so the rules put them in the leader's seat.
    ``own-rank``: everyone is seated as the roster says.
    """
    if mode is not SubstituteSeat.IN_PLACE or not person.substitute_for:
        return person
    leader = leaders(roster).get(person.id)
    if leader is None:
        return person
    return replace(
        person, area=leader.area, unit=leader.unit, precedence=leader.precedence, name=person.name
    )
