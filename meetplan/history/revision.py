"""A revised roster against the printed plan: who is who, and what changed.

An office plans a meeting many times; what has been printed stays put unless
a change forces it. A build that finds the printed plan's record in out/
(:mod:`meetplan.history.record`) matches the people of the revised roster to
the printed ones (:func:`match_people`), carries the printed seats over to
them (:func:`carried`), and re-plans from there with the fewest moves
(:func:`meetplan.planning.make_plan` with ``previous``). :func:`revise` then
compares the new plan with the printed one: who is new, who is gone, who moves
from which seat to which, what changed in a name, unit or title, and which
cards, seat labels and unit pages must be printed again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from meetplan.model.attendee import Area, Attendee, Roster
from meetplan.model.plan import Assignment, Plan, Scenario, Unseated
from meetplan.moves import Changes, changes
from meetplan.scenarios import standby


@dataclass(frozen=True)
class Match:
    old: Attendee  # as printed
    new: Attendee  # as in the revised roster
    by_name_only: bool = False  # the unit changed (or was renamed): matched by name alone


@dataclass(frozen=True)
class Matching:
    pairs: tuple[Match, ...]
    gone: tuple[Attendee, ...]  # printed, not in the revised roster
    added: tuple[Attendee, ...]  # in the revised roster, not printed

    def new_of(self) -> dict[int, Attendee]:
        """Printed person id -> the same person in the revised roster."""
        return {m.old.id: m.new for m in self.pairs}


def match_people(old: Roster, new: Roster) -> Matching:
    """Pair the people of two roster versions.

    First by name and unit (two people of one name in one unit pair in list
    order, so they stay two people); then, among those left, by name alone
    when exactly one printed and one revised person have that name (their unit
    changed, or the unit was renamed). Everyone else is gone or new.
    """
    left_old: dict[tuple[str, str], list[Attendee]] = defaultdict(list)
    for p in old.attendees:
        left_old[(p.name, p.unit)].append(p)
    pairs: list[Match] = []
    unmatched_new: list[Attendee] = []
    for p in new.attendees:
        same = left_old.get((p.name, p.unit))
        if same:
            pairs.append(Match(same.pop(0), p))
        else:
            unmatched_new.append(p)
    rest_old = [p for group in left_old.values() for p in group]
    by_name_old: dict[str, list[Attendee]] = defaultdict(list)
    for p in rest_old:
        by_name_old[p.name].append(p)
    by_name_new: dict[str, list[Attendee]] = defaultdict(list)
    for p in unmatched_new:
        by_name_new[p.name].append(p)
    added: list[Attendee] = []
    for p in unmatched_new:
        olds, news = by_name_old.get(p.name, []), by_name_new[p.name]
        if len(olds) == 1 and len(news) == 1:
            pairs.append(Match(olds.pop(), p, by_name_only=True))
        else:
            added.append(p)
    # A name corrected by one character, in the same unit: the same person, when exactly
    # one printed and one revised person of that unit fit (said in a note).
    left = [p for group in by_name_old.values() for p in group]
    still: list[Attendee] = []
    for p in added:
        olds = [o for o in left if o.unit == p.unit and corrected(o.name, p.name)]
        news = [n for n in added if n.unit == p.unit and olds and corrected(olds[0].name, n.name)]
        if len(olds) == 1 and len(news) == 1:
            left.remove(olds[0])
            pairs.append(Match(olds[0], p, by_name_only=True))
        else:
            still.append(p)
    added = still
    matched = {m.old.id for m in pairs}
    gone = tuple(p for p in old.attendees if p.id not in matched)
    pairs.sort(key=lambda m: m.new.id)
    return Matching(tuple(pairs), gone, tuple(added))


def corrected(old: str, new: str) -> bool:
    """Two names that differ in one character only (a typing slip corrected)."""
    return (
        len(old) == len(new) >= 2
        and old != new
        and sum(1 for a, b in zip(old, new, strict=True) if a != b) == 1
    )


def keeps_place(match: Match) -> bool:
    """A matched person keeps their printed seat when their unit and area are unchanged;
    a changed unit or area moves only that person (their rank alone does not)."""
    return match.old.unit == match.new.unit and match.old.area is match.new.area


def carried(printed: Scenario, matching: Matching) -> Scenario:
    """The printed base plan in the revised roster's people: the hall seats of everyone
    who keeps their place. The rostrum is seated by protocol anyway; people who are
    new, or changed unit or area, join their unit's block when the plan is made."""
    new_of = {m.old.id: m.new for m in matching.pairs if keeps_place(m)}
    assignments = tuple(
        Assignment(a.seat, new_of[a.person.id])
        for a in printed.assignments
        if a.person.id in new_of and a.seat.area == "hall"
    )
    unseated = tuple(
        Unseated(new_of[u.person.id], u.reason) for u in printed.unseated if u.person.id in new_of
    )
    return Scenario(printed.id, printed.title, assignments, unseated, printed.hall)


@dataclass(frozen=True)
class FieldChange:
    name: str  # as in the revised roster
    field: str  # 姓名, 单位, 职务, 座区, 排序
    before: str
    after: str


@dataclass(frozen=True)
class Revision:
    """What changed between the printed plan and the new one, as the office acts on it."""

    fresh: bool  # planned from nothing (build --fresh, or the printed plan could not be used)
    matching: Matching
    moves: Changes  # rostrum cards to take away, carry and put down; hall moves
    edited: tuple[FieldChange, ...]
    gone: tuple[tuple[Attendee, str], ...]  # (printed person, printed seat label or "")
    added: tuple[tuple[Attendee, str], ...]  # (new person, seat label or "")
    cards: tuple[int, ...]  # revised-roster ids whose table card is printed (again)
    labels: tuple[int, ...]  # revised-roster ids whose seat label is printed (again)
    units: tuple[str, ...]  # units whose page of 座次分单位.pdf changed

    @property
    def nothing(self) -> bool:
        m = self.moves
        return not (
            self.edited
            or self.gone
            or self.added
            or m.remove
            or m.move
            or m.add
            or m.chairs
            or m.hall_move
            or m.hall_new
            or m.hall_empty
        )

    @property
    def moved(self) -> int:
        """People of the printed plan who sit elsewhere now (rostrum and hall)."""
        return len(self.moves.move) + len(self.moves.hall_move)


def _in_new_ids(printed: Scenario, matching: Matching) -> Scenario:
    """The printed plan with every matched person under their revised-roster id and
    every gone person under an id no revised person has."""
    new_of = matching.new_of()

    def person(p: Attendee) -> Attendee:
        return new_of[p.id] if p.id in new_of else replace(p, id=-p.id - 1)

    return Scenario(
        printed.id,
        printed.title,
        tuple(Assignment(a.seat, person(a.person)) for a in printed.assignments),
        tuple(Unseated(person(u.person), u.reason) for u in printed.unseated),
        printed.hall,
    )


def _edits(matching: Matching) -> list[FieldChange]:
    out = []
    for m in matching.pairs:
        for field, before, after in (
            ("姓名", m.old.name, m.new.name),
            ("单位", m.old.unit, m.new.unit),
            ("职务", m.old.title, m.new.title),
            ("座区", m.old.area.label, m.new.area.label),
            # 排序 only on the rostrum, where it decides the seat: in the hall a list
            # renumbered after one insertion would flood the change list
            ("排序", _rank(m.old), _rank(m.new))
            if m.new.area is Area.ROSTRUM
            else ("排序", "", ""),
        ):
            if before != after:
                out.append(FieldChange(m.new.name, field, before, after))
    return out


def _rank(person: Attendee) -> str:
    return "" if person.precedence is None else str(person.precedence)


def revise(
    printed: Scenario, printed_roster: Roster, plan: Plan, *, fresh: bool = False
) -> Revision:
    """The change list from the printed base plan (with its roster) to ``plan``'s base."""
    matching = match_people(printed_roster, plan.roster)
    before = _in_new_ids(printed, matching)
    after = plan.base
    moves = changes(before, after)
    seat_before = {a.person.id: a.seat for a in before.assignments}
    seat_after = {a.person.id: a.seat for a in after.assignments}
    gone = tuple(
        (p, seat_before[-p.id - 1].label if -p.id - 1 in seat_before else "") for p in matching.gone
    )
    added = tuple((p, seat_after[p.id].label if p.id in seat_after else "") for p in matching.added)
    edited = _edits(matching)
    # what a seat label prints: the name and the unit (by revised name)
    relabelled = {c.name for c in edited if c.field in ("姓名", "单位")}
    card_title = plan.settings.printing.card_title

    # Table cards: every rostrum seat of the base plan and every standby substitute.
    def card_holders(scenario: Scenario, roster: Roster) -> set[int]:
        return {a.person.id for a in scenario.in_area("rostrum")} | {p.id for p in standby(roster)}

    new_of = matching.new_of()
    had_card = {new_of[i].id for i in card_holders(printed, printed_roster) if i in new_of}
    by_id = {m.new.id: m for m in matching.pairs}
    cards = tuple(
        sorted(
            pid
            for pid in card_holders(after, plan.roster)
            if pid not in had_card
            or by_id[pid].old.name != by_id[pid].new.name
            or (card_title and by_id[pid].old.title != by_id[pid].new.title)
            or seat_before.get(pid) != seat_after.get(pid)  # the card prints its seat
        )
    )
    # Seat labels: a hall seat whose label now reads differently (a new person, a move, a
    # new name or unit on it).
    labels = tuple(
        sorted(
            a.person.id
            for a in after.in_area("hall")
            if a.person.id not in seat_before
            or seat_before[a.person.id] != a.seat
            or a.person.name in relabelled
        )
    )
    touched: set[str] = set()
    for p, _seat in gone:
        if p.area is not Area.ROSTRUM:
            touched.add(p.unit)
    for p, _seat in added:
        if p.area is not Area.ROSTRUM:
            touched.add(p.unit)
    hall_ids = {m.new.id for m in matching.pairs if m.new.area is not Area.ROSTRUM} | {
        m.new.id for m in matching.pairs if m.old.area is not Area.ROSTRUM
    }
    for m in matching.pairs:
        if m.new.id in hall_ids and (
            m.new.name in relabelled
            or m.old.title != m.new.title
            or seat_before.get(m.new.id) != seat_after.get(m.new.id)
            or m.old.area is not m.new.area
        ):
            touched.update({m.old.unit, m.new.unit})
    return Revision(
        fresh,
        matching,
        moves,
        tuple(edited),
        gone,
        added,
        cards,
        labels,
        tuple(u for u in unit_order(plan.roster.attendees, gone) if u in touched),
    )


def unit_order(people: tuple[Attendee, ...], gone: tuple[tuple[Attendee, str], ...]) -> list[str]:
    """Units in the office's order (the revised roster's), then units that are gone."""
    order = dict.fromkeys(p.unit for p in people)
    order.update(dict.fromkeys(p.unit for p, _seat in gone))
    return list(order)
