"""One registration desk's session: what it says for each arrival, undo and count.

Everything here returns the lines to show (in the user's language); reading the
keyboard and printing is the command line's (:func:`meetplan.cli.checkin`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from meetplan.checkin.counts import Count, Counts, State, key, no_seat_reason, seat_text, tally
from meetplan.checkin.match import Found, Miss, find_people
from meetplan.history.checkin import CheckinLog, Entry, append_entry, arrival, undo
from meetplan.i18n import _
from meetplan.model.attendee import Area, Attendance, Attendee
from meetplan.model.errors import Problem
from meetplan.model.plan import Plan, UnseatedReason
from meetplan.model.text import shown
from meetplan.scenarios import leaders

MAX_LISTED = 20  # people listed to choose from; more: type more of the name


def clock(entry: Entry) -> str:
    """An arrival's time as the desk says it: 09:12 today, otherwise with the date."""
    try:
        when = dt.datetime.fromisoformat(entry.time)
    except ValueError:
        return shown(entry.time) or "?"
    today = dt.datetime.now(when.tzinfo).date()
    return when.strftime("%H:%M" if when.date() == today else "%Y-%m-%d %H:%M")


@dataclass
class Desk:
    plan: Plan  # the plan of the day (attendance changes replayed)
    log: CheckinLog
    desk: str
    folder: str  # as the clerk typed it, for the commands the desk suggests
    count_observers: bool = False

    @property
    def people(self) -> Sequence[Attendee]:
        return self.plan.roster.attendees

    def refresh(self) -> list[Problem]:
        """What other desks wrote since; the damaged lines newly found."""
        return self.log.refresh()

    def counts(self) -> Counts:
        return tally(self.plan.roster, self.log.arrived(), count_observers=self.count_observers)

    def find(self, text: str) -> Found:
        return find_people(text, self.people, self.plan.settings.meeting)

    # -- what the desk says -------------------------------------------------------

    def missed(self, found: Found, text: str) -> str:
        if found.miss is Miss.OTHER_MEETING:
            return _(
                "This pass is for another meeting ({code}); it does not admit to this one."
            ).format(code=shown(text.strip()))
        if found.miss is Miss.UNKNOWN_CODE:
            return _(
                "No one on the roster has this pass ({code}): it was printed for a name or "
                "unit since changed. Type the person's name instead."
            ).format(code=shown(text.strip()))
        if found.miss is Miss.UNPRINTABLE:
            return _("The line holds control characters; type the name again.")
        return _("No one on the roster matches “{text}”.").format(text=shown(text.strip()))

    def describe(self, person: Attendee) -> str:
        """张建国　县委　县委书记　主席台第1排第3座 — a person as listed to choose from."""
        seat = seat_text(self.plan, person) or self.no_seat(person)
        parts = [person.name, person.unit or _("(no unit)")]
        if person.title:
            parts.append(person.title)
        return "　".join([*parts, seat])

    def no_seat(self, person: Attendee) -> str:
        reason = no_seat_reason(self.plan.base, person)
        if reason is UnseatedReason.STAFF_WITHOUT_SEATS or person.area is Area.STAFF:
            return _("staff, no seat")
        if person.attendance is Attendance.ABSENT:
            return _("on leave (请假), no seat")
        return _("no seat")

    def choices(self, found: Found) -> list[str]:
        """The people to choose from, numbered; at most MAX_LISTED."""
        lines = [
            _("{n} people match; type the number of the right one (Enter: none):").format(
                n=len(found.people)
            )
        ]
        for number, person in enumerate(found.people[:MAX_LISTED], start=1):
            lines.append(f"  {number:>2}. {self.describe(person)}")
        if len(found.people) > MAX_LISTED:
            lines.append(
                "  "
                + _("… and {n} more: type more of the name.").format(
                    n=len(found.people) - MAX_LISTED
                )
            )
        return lines

    def check_in(
        self, person: Attendee, write: Callable[[Path, Entry], None] = append_entry
    ) -> list[str]:
        """Record the arrival (unless already recorded) and say who it is and where they sit."""
        self.refresh()
        earlier = self.log.arrived().get(key(person))
        lines = []
        if earlier is not None:
            lines.append(
                _("{name} was already checked in at {time} at desk {desk}.").format(
                    name=person.name, time=clock(earlier), desk=earlier.desk or "?"
                )
            )
        else:
            entry = arrival(person, self.desk)
            write(self.log.path, entry)
            self.log.refresh()
        seat = seat_text(self.plan, person)
        lines.insert(
            0,
            _("{name}　{unit}　{title}")
            .format(name=person.name, unit=person.unit or _("(no unit)"), title=person.title)
            .rstrip("　"),
        )
        lines.insert(1, "  " + _("Seat: {seat}").format(seat=seat or self.no_seat(person)))
        lines += ["  " + line for line in self.notes(person)]
        return lines

    def notes(self, person: Attendee) -> list[str]:
        """What the clerk must know about this arrival: 代会, 请假, 待定, staff."""
        folder = self.folder
        out = []
        lead = leaders(self.plan.roster)
        leader = lead.get(person.id)
        arrived = self.log.arrived()
        if leader is not None:
            out.append(_("Substitutes for {leader}.").format(leader=leader.name))
            if leader.attendance is not Attendance.ABSENT:
                seen = arrived.get(key(leader))
                if seen is not None:
                    out.append(
                        _("{leader} has arrived too (at {time}).").format(
                            leader=leader.name, time=clock(seen)
                        )
                    )
                else:
                    out.append(
                        _(
                            "The plan seats {name} only once the change is recorded: "
                            "meetplan attend {folder} {leader} --substitute {name}"
                        ).format(name=person.name, folder=folder, leader=leader.name)
                    )
        if person.attendance is Attendance.ABSENT:
            replaced = [s.name for s, lp in _subs(lead, person, self.people)]
            if replaced:
                out.append(
                    _("Recorded 请假; {others} comes in their place.").format(
                        others=_(", ").join(replaced)
                    )
                )
            out.append(
                _(
                    "Recorded 请假: the plan has no seat for them unless it is recorded that "
                    "they come: meetplan attend {folder} {name} --present"
                ).format(folder=folder, name=person.name)
            )
        elif person.attendance is Attendance.TENTATIVE:
            out.append(_("Was 待定: their seat and card are ready."))
        for sub, _leader in _subs(lead, person, self.people):
            seen = arrived.get(key(sub))
            if seen is not None and sub.id != person.id:
                out.append(
                    _("{sub} checked in for them at {time}.").format(sub=sub.name, time=clock(seen))
                )
        if person.area is Area.STAFF:
            out.append(_("Staff (工作人员): counted apart."))
        elif person.area is Area.OBSERVER and not self.count_observers:
            out.append(_("Observer (列席): counted apart."))
        return out

    def undo_last(self, write: Callable[[Path, Entry], None] = append_entry) -> list[str]:
        """Take back this desk's last arrival still in force."""
        self.refresh()
        last = self.log.last_of(self.desk)
        if last is None:
            return [_("This desk has no arrival to take back.")]
        write(self.log.path, undo(last, self.desk))
        self.log.refresh()
        return [
            _("Taken back: the arrival of {name} ({unit}) at {time}.").format(
                name=last.name, unit=last.unit or _("(no unit)"), time=clock(last)
            )
        ]

    # -- the counts ----------------------------------------------------------------

    def count_line(self, counts: Counts | None = None) -> str:
        c = counts or self.counts()
        t = c.total
        line = _(
            "Expected {expected} · arrived {arrived} · on leave {leave} · not yet {missing}"
        ).format(expected=t.expected, arrived=t.arrived, leave=t.leave, missing=t.missing)
        apart = []
        if not c.count_observers and c.area(Area.OBSERVER).expected:
            o = c.area(Area.OBSERVER)
            apart.append(
                _("列席 {arrived}/{expected}").format(arrived=o.arrived, expected=o.expected)
            )
        s = c.area(Area.STAFF)
        if s.expected:
            apart.append(
                _("工作人员 {arrived}/{expected}").format(arrived=s.arrived, expected=s.expected)
            )
        if apart:
            line += "  (" + _(", ").join(apart) + ")"
        return line

    def count_details(self) -> list[str]:
        """The counts per area and per unit (the desk's ? or 统计)."""
        c = self.counts()
        lines = [self.count_line(c), c.sentence, _("By area:")]
        for area, count in c.areas:
            apart = "" if c.counted_area(area) else "  " + _("(counted apart)")
            lines.append("  " + _row(area.label, count) + apart)
        lines.append(_("By unit:"))
        width = max((_width(u or _("(no unit)")) for u, _c in c.units), default=0)
        for unit, count in c.units:
            lines.append("  " + _row(unit or _("(no unit)"), count, width))
        missing = c.in_state(State.MISSING)
        if missing and len(missing) <= MAX_LISTED:
            lines.append(
                _("Not yet arrived: {names}").format(
                    names=_(", ").join(f.place.person.name for f in missing)
                )
            )
        return lines


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (a Chinese character takes two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _row(label: str, count: Count, width: int = 8) -> str:
    pad = " " * max(0, width - _width(label))
    return _(
        "{label}{pad}  expected {expected:>4}  arrived {arrived:>4}  on leave {leave:>3}  not yet {missing:>4}"
    ).format(
        label=label,
        pad=pad,
        expected=count.expected,
        arrived=count.arrived,
        leave=count.leave,
        missing=count.missing,
    )


def _subs(
    lead: dict[int, Attendee], person: Attendee, people: Sequence[Attendee]
) -> list[tuple[Attendee, Attendee]]:
    """The substitutes named for ``person``, each with their leader."""
    by_id = {p.id: p for p in people}
    return [(by_id[s], leader) for s, leader in lead.items() if leader.id == person.id]
