"""Changes on the day: an append-only log of attendance changes, replayed on the roster.

The roster file is never modified. Each ``meetplan attend`` appends one JSON
line to ``attendance-log.jsonl`` in the meeting folder: who changed what, and
when. The plan of the day is the first plan, then each change in turn
re-planned from the plan before it with the fewest moves; replaying the log
from the roster therefore gives the same plan every time.
"""

from __future__ import annotations

import datetime as dt
import difflib
import getpass
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetplan.history.adjust import Adjustment, apply_adjustments
from meetplan.history.lines import BadLine, action_field, append_line, read_lines, text_field
from meetplan.i18n import _
from meetplan.model.attendee import Attendance, Attendee, Roster
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.layout import Layout, Seat
from meetplan.model.plan import (
    Plan,
    Scenario,
)
from meetplan.model.settings import Settings
from meetplan.model.text import shown, unfold, unprintable, visible
from meetplan.planning import make_plan
from meetplan.roster.columns import FORMULA_START, normalise_name
from meetplan.roster.limits import MAX_NAME_LENGTH, MAX_TEXT_LENGTH

if TYPE_CHECKING:
    from meetplan.history.revision import Revision

LOG_NAME = "attendance-log.jsonl"


class Action(StrEnum):
    ABSENT = "absent"  # does not come after all
    PRESENT = "present"  # comes (undoes an earlier absent)
    SUBSTITUTE = "substitute"  # does not come; OTHER comes in their place


@dataclass(frozen=True)
class Change:
    action: Action
    name: str
    unit: str = ""  # to tell two people of the same name apart
    other: str = ""  # the substitute
    other_unit: str = ""
    other_title: str = ""
    time: str = ""
    user: str = ""
    line: int = 0  # in the log file, for messages

    def record(self) -> str:
        data = {
            "time": self.time,
            "user": self.user,
            "action": self.action.value,
            "name": self.name,
            "unit": self.unit,
            "other": self.other,
            "other_unit": self.other_unit,
            "other_title": self.other_title,
        }
        return json.dumps(data, ensure_ascii=False)


class _Unusable(ValueError):
    """Why a name or text of a change cannot be used, and what to do."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.reason, self.hint = reason, hint


def _cleaned(text: str, *, name: bool, new: bool = False) -> str:
    """A name or text of a change as the roster would read it, or :class:`_Unusable`.

    A name loses its spaces and line breaks (as in the roster); a unit or a title
    its layout (:func:`~meetplan.model.text.unfold`). Control characters are refused,
    and so is a text too long to print; a ``new`` person's name (a substitute, added
    to the documents) may not start as a spreadsheet formula does.
    """
    text = normalise_name(text) if name else unfold(text).strip()
    bad = unprintable(text)
    if bad:
        raise _Unusable(
            _("it holds characters that cannot be printed: {chars}.").format(
                chars=" ".join(visible(c) for c in bad[:8])
            ),
            _(
                "Type it again by hand: text copied from other programs can carry "
                "invisible control characters."
            ),
        )
    limit = MAX_NAME_LENGTH if name else MAX_TEXT_LENGTH  # as the roster's cells
    if len(text) > limit:
        raise _Unusable(
            _("it is {length} characters long; at most {limit} are allowed.").format(
                length=f"{len(text):,}", limit=limit
            ),
            _("Give the name alone, without a title or a unit.")
            if name
            else _("Shorten it to at most {limit} characters.").format(limit=limit),
        )
    if name and new and text.startswith(FORMULA_START):
        raise _Unusable(
            _("it starts with {char} as a spreadsheet formula does; it is not a name.").format(
                char=text[0]
            ),
            _("Type the person's name itself."),
        )
    return text


def argument(
    value: str, *, name: bool, key: str, what: str, new: bool = False
) -> tuple[str, Problem | None]:
    """A name (``name``) or a text typed on the command line, as the roster would read
    it, or what is wrong with it, located at the option ``key`` and called ``what``."""
    try:
        return _cleaned(value, name=name, new=new), None
    except _Unusable as error:
        return "", Problem(
            _("{what} cannot be used: {reason}").format(what=what, reason=error.reason),
            Location(key=key, value=shown(value)),
            hint=error.hint,
        )


def new_change(
    action: Action,
    name: str,
    unit: str = "",
    other: str = "",
    other_unit: str = "",
    other_title: str = "",
) -> Change:
    """A change as typed on the command line, checked as a roster row is, and stamped
    with who and when."""
    fields = [
        ("NAME", _("The name"), name, True),
        ("--unit", _("The unit"), unit, False),
        ("--substitute", _("The substitute's name"), other, True),
        ("--other-unit", _("The substitute's unit"), other_unit, False),
        ("--title", _("The substitute's title"), other_title, False),
    ]
    problems = []
    clean: dict[str, str] = {}
    for option, what, value, is_name in fields:
        clean[option], problem = argument(
            value, name=is_name, key=option, what=what, new=option == "--substitute"
        )
        if problem is not None:
            problems.append(problem)
    if not problems and not clean["NAME"]:
        problems.append(Problem(_("Give the person's name."), Location(key="NAME", value="")))
    if not problems and action is Action.SUBSTITUTE and not clean["--substitute"]:
        problems.append(
            Problem(
                _("Give the substitute's name."),
                Location(key="--substitute", value=""),
                hint=_("For example: meetplan attend my-meeting 张建国 --substitute 李明"),
            )
        )
    if problems:
        raise UserError(problems)
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        user = getpass.getuser()
    except Exception:  # no user name on this system: the change is still recorded
        user = ""
    return Change(
        action,
        clean["NAME"],
        unit=clean["--unit"],
        other=clean["--substitute"],
        other_unit=clean["--other-unit"],
        other_title=clean["--title"],
        time=now,
        user=user,
    )


def _entry(data: dict[str, Any], number: int) -> Change:
    """One line of the log; every field checked as ``meetplan attend`` checks it."""
    action = action_field(data, Action)
    texts: dict[str, str] = {}
    for key in ("name", "unit", "other", "other_unit", "other_title"):
        value = text_field(data, key, required=key == "name")
        try:
            texts[key] = _cleaned(value, name=key in ("name", "other"), new=key == "other")
        except _Unusable as error:
            raise BadLine(f"{key}: {error.reason}", key, shown(value)) from None
    if not texts["name"]:
        raise BadLine(_("the name is empty."), "name", "")
    if action == Action.SUBSTITUTE and not texts["other"]:
        raise BadLine(_("a substitute's line needs the substitute's name (other)."), "other", "")
    return Change(
        action,
        texts["name"],
        unit=texts["unit"],
        other=texts["other"],
        other_unit=texts["other_unit"],
        other_title=texts["other_title"],
        time=text_field(data, "time"),
        user=text_field(data, "user"),
        line=number,
    )


def read_log(path: Path) -> list[Change]:
    """Every change, in order. A line that cannot be read stops everything, named by number."""
    return read_lines(
        path,
        _entry,
        _("Line {line} of the attendance log cannot be read"),
        _(
            "The lines before it are kept. Correct or delete this line with a text "
            "editor (each line is one change, as meetplan attend wrote it), then run "
            "the command again."
        ),
    )


def append_log(path: Path, change: Change) -> None:
    append_line(path, change.record())


def find(roster: Roster, name: str, unit: str, what: str) -> Attendee:
    """The one person of that name (and unit); otherwise say who is meant or how to say it."""
    found = [p for p in roster.attendees if p.name == name and (not unit or p.unit == unit)]
    if len(found) == 1:
        return found[0]
    if not found:
        names = sorted({p.name for p in roster.attendees})
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        hint = (
            _("Did you mean: {names}?").format(names=_(", ").join(close))
            if close
            else _("Write the name exactly as in the roster.")
        )
        raise UserError(
            Problem(
                _("{what} {name} is not on the roster.").format(what=what, name=name),
                Location(value=name),
                hint,
            )
        )
    units = _(", ").join(p.unit or _("(no unit)") for p in found)
    raise UserError(
        Problem(
            _("{n} people are called {name} ({units}).").format(
                n=len(found), name=name, units=units
            ),
            Location(value=name),
            hint=_("Say which one with --unit (for the substitute: --other-unit)."),
        )
    )


def apply(roster: Roster, change: Change, original: Roster | None = None) -> Roster:
    """The roster as the change makes it; the file itself is never touched.

    ``--present`` undoes an earlier change: the person gets back the attendance
    the roster gave them (待定 stays 待定), or 出席 if the roster said 请假.
    """
    people = list(roster.attendees)
    person = find(roster, change.name, change.unit, _("The person"))
    index = people.index(person)
    if change.action is Action.PRESENT:
        first = {p.id: p for p in (original or roster).attendees}.get(person.id)
        back = first.attendance if first is not None and first.seated else Attendance.PRESENT
        people[index] = replace(person, attendance=back)
        return Roster(tuple(people), roster.source)
    people[index] = replace(person, attendance=Attendance.ABSENT)
    if change.action is Action.ABSENT:
        return Roster(tuple(people), roster.source)

    if person.substitute_for:
        raise UserError(
            Problem(
                _(
                    "{name} is a substitute for {leader}; a substitute cannot be replaced in turn."
                ).format(name=person.name, leader=person.substitute_for),
                hint=_("Record the change for {leader} instead.").format(
                    leader=person.substitute_for
                ),
            )
        )
    named = [p for p in roster.attendees if p.name == change.other]
    if named:
        other = find(roster, change.other, change.other_unit, _("The substitute"))
        if other.seated and not other.substitute_for:
            raise UserError(
                Problem(
                    _(
                        "{other} already attends in their own right, so cannot substitute for {name}."
                    ).format(other=other.name, name=person.name),
                    hint=_(
                        "Choose someone who is not attending, or record {other} as absent first."
                    ).format(other=other.name),
                )
            )
        if other.substitute_for and other.substitute_for != person.name and other.seated:
            raise UserError(
                Problem(
                    _("{other} already substitutes for {leader}.").format(
                        other=other.name, leader=other.substitute_for
                    )
                )
            )
        people[people.index(other)] = replace(
            other, attendance=Attendance.PRESENT, substitute_for=person.name
        )
    else:
        people.append(
            Attendee(
                id=max(p.id for p in people) + 1,
                name=change.other,
                precedence=None,
                unit=change.other_unit or person.unit,
                title=change.other_title,
                area=person.area,
                substitute_for=person.name,
            )
        )
    return Roster(tuple(people), roster.source)


@dataclass(frozen=True)
class Day:
    """The plan of the day: before and after the last change."""

    plan: Plan  # with every change applied
    before: Plan | None  # with all but the last change (None without changes)
    roster: Roster  # as the changes make it
    first: Scenario | None = None  # the base of the first plan, before any change
    key: str = ""  # fingerprint of what the first plan depends on
    imported: Roster | None = None  # the roster file as read, before any change
    roster_warnings: tuple[Problem, ...] = ()  # what reading it found
    revision: Revision | None = None  # what changed since the printed plan (a build)
    notes: tuple[Problem, ...] = ()  # hand adjustments that no longer fit


def replay(
    roster: Roster,
    layout: Layout,
    settings: Settings,
    changes: list[Change],
    extra: Change | None = None,
    known_first: Scenario | None = None,
    baseline: Scenario | None = None,
    adjustments: Sequence[Adjustment] = (),
    adjustments_file: str = "",
) -> Day:
    """The first plan, then each change re-planned from the plan before it.

    ``known_first`` is the first plan's base as an earlier run found it (the
    roster, layout and settings unchanged): re-planning from it gives the same
    first plan without solving the hall again. ``baseline`` is the printed
    first plan carried over to a revised roster
    (:func:`meetplan.history.revision.carried`): the first plan is re-planned
    from it with the fewest moves instead of solved afresh.
    """
    steps = [*changes, *([extra] if extra else [])]
    if known_first is not None and steps:
        first = make_plan(roster, layout, settings, previous=known_first, with_cases=False)
    elif baseline is not None:
        first = make_plan(
            roster, layout, settings, previous=baseline, with_cases=not steps, revised=True
        )
    else:
        first = make_plan(roster, layout, settings, with_cases=not steps)
    planned = first.base  # before the hand adjustments: what a later re-plan starts from
    first, notes = apply_adjustments(first, list(adjustments), adjustments_file)
    if not steps:
        return Day(first, None, roster, planned, notes=tuple(notes))
    home: dict[int, Seat] = {a.person.id: a.seat for a in first.base.in_area("hall")}
    original = roster
    current, before_plan = first, first
    for number, change in enumerate(steps, start=1):
        try:
            roster = apply(roster, change, original)
        except UserError as error:
            if change.line:  # an old line no longer fits the roster: say which
                where = _("line {line} of the attendance log").format(line=change.line)
                raise UserError(
                    [replace(p, message=f"{where}: {p.message}") for p in error.problems]
                ) from None
            raise
        last = number == len(steps)
        before_plan = current
        current = make_plan(
            roster, layout, settings, previous=current.base, home=home, with_cases=last
        )
        current, _notes = apply_adjustments(current, list(adjustments), adjustments_file)
    return Day(current, before_plan, roster, planned, notes=tuple(notes))
