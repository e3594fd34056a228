"""The group photo's line-up (PROTOCOL.md §8), as the camera sees it.

Who is in it: the people of the case (a plan scenario) that ``[photo] include``
names — the rostrum's people by default — plus anyone marked 是 in the
roster's 合影 column, less anyone marked 否. They are ranked in one order:
the rostrum's people first by precedence (the rostrum's own rule, a
substitute seated ``in-place`` taking the leader's rank), then the hall's
(units in the office's order, each unit by precedence), the 列席 and the
工作人员 the same way. The host takes their own rank: host_seat and the
roster's pinned seats are rules of the rostrum table, not of the photo.

Rows are filled front row first, each to its size; inside a row the rostrum
rule places them (:func:`~meetplan.protocol.rostrum.centre_out_columns`: No.1
at the centre, then alternating from the honour side — the camera's right
under 左为上, its left under 右为上; even rows by ``even_rostrum``). Every row
is centred, and a row with as many people, odd or even, as the row in front
of it stands half a place aside, so that each face shows between two in
front (rows that differ by one need no shift).

Rows are named 前排, 二排, 三排 … (PROTOCOL.md §8: "前排左起：…；二排左起：…");
a photo of one row has no row name ("左起：…").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Area, Attendance, Attendee
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.photo import (
    PHOTO_COLUMN,
    PHOTO_NO,
    PHOTO_YES,
    FrontRow,
    PhotoInclude,
    PhotoLineup,
    PhotoPlace,
    PhotoRow,
    PhotoSettings,
)
from meetplan.model.plan import Plan, Scenario, UnseatedReason
from meetplan.model.settings import EvenRostrum, HonorSide
from meetplan.protocol.precedence import precedence_key, unit_order
from meetplan.protocol.rostrum import centre_out_columns, split_into_rows
from meetplan.scenarios import seating_stand_in

# -- the words the documents print ---------------------------------------------------

FRONT = "前排"
ROW = "{number}排"
LEFT_FROM = "左起"
CAPTION_ROW = "{row}左起：{names}"
CAPTION_ONE_ROW = "左起：{names}"
CAPTION_SEPARATOR = "；"
CAPTION_END = "。"
NAME_SEPARATOR = "、"
PLACE = "{row}左起第{position}位"
PLACE_ONE_ROW = "左起第{position}位"
NUMERALS = "〇一二三四五六七八九"

# The contingency sheet's lines (应急调整表.pdf)
CHANGE_LEAVE = "不参加合影：{name}（原{place}）"
CHANGE_JOIN = "加入合影：{name}，站{place}"
CHANGE_MOVE = "{name}：{before} → {after}"
CHANGE_ROW = "{row}：{before} 人 → {after} 人"
CHANGE_NONE = "合影站位不变。"
CHANGES_TEXT = CHANGE_LEAVE + CHANGE_JOIN + CHANGE_MOVE + CHANGE_ROW + CHANGE_NONE


def numeral(n: int) -> str:
    """二, 三 … 十, 十一 … 九十九 (a row's number as the caption writes it)."""
    if n < 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    if n < 100:
        return (NUMERALS[tens] if tens > 1 else "") + "十" + (NUMERALS[ones] if ones else "")
    return str(n)


def row_name(number: int, rows: int = 2) -> str:
    """前排 for the front row, 二排, 三排 … behind it; "" for a photo of one row."""
    if rows <= 1:
        return ""
    return FRONT if number == 1 else ROW.format(number=numeral(number))


def place_text(row: int, position: int, rows: int = 2) -> str:
    """A place as the staff and the labels say it: 二排左起第5位 (左起第5位 in one row)."""
    if rows <= 1:
        return PLACE_ONE_ROW.format(position=position)
    return PLACE.format(row=row_name(row, rows), position=position)


# -- who is in the photo ---------------------------------------------------------------

_GROUPS = {Area.ROSTRUM: 1, Area.HALL: 1, Area.OBSERVER: 2, Area.STAFF: 3}


def marked(person: Attendee) -> bool | None:
    """The roster's 合影 cell: True (是), False (否), None (blank: ``include`` decides)."""
    value = person.extra.get(PHOTO_COLUMN)
    if value == PHOTO_YES:
        return True
    if value == PHOTO_NO:
        return False
    return None


def photo_people(plan: Plan, settings: PhotoSettings, scenario: Scenario) -> list[Attendee]:
    """Everyone in the photo of this case, No.1 first (see the module's docstring)."""
    protocol = plan.settings.protocol
    roster = plan.roster
    present: list[tuple[Attendee, bool]] = [
        (a.person, a.seat.area == "rostrum") for a in scenario.assignments
    ]
    present += [
        (u.person, False)
        for u in scenario.unseated
        if u.reason is UnseatedReason.STAFF_WITHOUT_SEATS
    ]
    units = {unit: i for i, unit in enumerate(unit_order(roster.attendees))}
    ranked = []
    for person, on_rostrum in present:
        stand_in = seating_stand_in(person, roster, protocol.substitute_seat)
        group = 0 if on_rostrum else _GROUPS[stand_in.area]
        unit = -1 if group == 0 else units.get(stand_in.unit, len(units))
        key = (group, unit, precedence_key(stand_in, protocol.name_order))
        ranked.append((key, person, stand_in))
    ranked.sort(key=lambda item: item[0])
    heads: set[int] = set()
    seen_units: set[str] = set()
    for (group, _unit, _rank), person, stand_in in ranked:
        if group == 1 and stand_in.unit and stand_in.unit not in seen_units:
            seen_units.add(stand_in.unit)
            heads.add(person.id)
    chosen = []
    for (group, _unit, _rank), person, _stand_in in ranked:
        if settings.include is PhotoInclude.ROSTRUM:
            wanted = group == 0
        elif settings.include is PhotoInclude.ROSTRUM_HALL_HEADS:
            wanted = group == 0 or person.id in heads
        elif settings.include is PhotoInclude.ALL:
            wanted = group <= 2
        else:
            wanted = False
        mark = marked(person)
        if mark if mark is not None else wanted:
            chosen.append(person)
    return with_guests(chosen)


GUEST = "客方"  # the roster's 主客 column, kept in Attendee.extra (as the banquet reads it)


def has_guests(people: Sequence[Attendee]) -> bool:
    return any(p.extra.get("主客") == GUEST for p in people)


def with_guests(people: list[Attendee]) -> list[Attendee]:
    """With guests in the photo (主客 = 客方), the order of places for
    :func:`line_up`: the host at the centre, the 主宾 on the host's right, then host
    side and guest side alternating so that neighbours are of the two sides
    ("主人居中，以主人右手为上，主客双方间隔排列"). Places are taken centre-out,
    right then left, so the sequence after the host is guest, guest, host, host,
    guest, guest … (the first two guests flank the host); a side that runs out
    leaves the rest to the other. Without guests: unchanged."""
    if not has_guests(people):
        return people
    hosts = [p for p in people if p.extra.get("主客") != GUEST]
    guests = [p for p in people if p.extra.get("主客") == GUEST]
    if not hosts:
        return people
    order = [hosts.pop(0)]
    turn = 0  # 0: two guests, 1: two hosts
    while hosts or guests:
        side = guests if (turn == 0 and guests) or not hosts else hosts
        order += side[:2]
        del side[:2]
        turn = 1 - turn
    return order


# -- the rows ----------------------------------------------------------------------------


def _alternating(count: int, k: int, front_odd: bool) -> tuple[int, ...] | None:
    """``k`` rows adding up to ``count``, each one more or one fewer than the row in front,
    the front row odd (``front_odd``) or even; as even as can be, the wider rows at the
    back. None when the parity of ``count`` does not allow it.

    Alternating sizes c, c+1, c, … are the start; raising a narrower row by two (its
    neighbours are one wider) or lowering a wider one by two keeps every neighbour one
    apart, so the sum moves in steps of two.
    """
    parity = [(i + (0 if front_odd else 1)) % 2 == 0 for i in range(k)]  # True: odd row
    c = count // k
    rows = [c if (c % 2 == 1) == odd else c + 1 for odd in parity]
    diff = count - sum(rows)
    if diff % 2:
        return None
    low = min(rows)
    if diff > 0:  # raise the narrower rows, from the back
        for i in reversed(range(k)):
            if diff and rows[i] == low:
                rows[i] += 2
                diff -= 2
    elif diff < 0:  # lower the wider rows, from the front
        high = max(rows)
        for i in range(k):
            if diff and rows[i] == high:
                rows[i] -= 2
                diff += 2
    if diff or min(rows) < 1 or any(abs(a - b) != 1 for a, b in itertools.pairwise(rows)):
        return None
    return tuple(rows)


def _balanced(count: int, k: int, row_max: int) -> tuple[int, ...]:
    """``k`` rows as even as can be, the wider at the back; the front row odd if one
    place can go to a row behind it (within ``row_max``)."""
    c, extra = divmod(count, k)
    rows = [c] * (k - extra) + [c + 1] * extra
    if k > 1 and rows[0] % 2 == 0 and rows[0] > 1:
        room = [i for i in range(k - 1, 0, -1) if rows[i] < row_max]
        if room:
            rows[0] -= 1
            rows[room[0]] += 1
    return tuple(rows)


def automatic_rows(count: int, row_max: int) -> tuple[int, ...]:
    """Rows for ``count`` people when the office gives none, front row first.

    One row when everyone fits in ``row_max``. Otherwise as few rows as
    ``row_max`` allows; each row one more or one fewer than the row in front of
    it where the number of people allows it (the rows then stand staggered
    without any shift), the front row odd (No.1 on the centre line) before
    even, the rows as even as can be with the wider ones at the back:
    36 people, 15 a row: 11, 12, 13. Where the number does not allow it (16
    people in two rows), the rows are as even as can be, the front row odd
    (7, 9), and a row with as many people, odd or even, as the row in front
    stands half a place aside (:func:`stagger`).
    """
    if count <= 0:
        return ()
    row_max = max(row_max, 1)
    if count <= row_max:
        return (count,)
    k = math.ceil(count / row_max)
    for front_odd in (True, False):
        rows = _alternating(count, k, front_odd)
        if rows is not None and max(rows) <= row_max:
            return rows
    return _balanced(count, k, row_max)


def stagger(sizes: Sequence[int], honor_side: HonorSide = HonorSide.LEFT) -> list[float]:
    """Each row's offset from the centre line, in places (positive: the camera's right).

    A row's places stand at ``offset + p - (n + 1) / 2`` for p = 1..n. Two rows are
    staggered when every place of one falls half-way between two of the other:
    centred rows whose sizes differ by one are; a row whose size has the parity of
    the row in front is set half a place aside — toward the honour side after a
    centred row, back toward the centre line after a shifted one.
    """
    offsets: list[float] = []
    for i, n in enumerate(sizes):
        if i == 0:
            offsets.append(0.0)
            continue
        before, shift = sizes[i - 1], offsets[-1]
        phase = (shift + (n - before) / 2 + 0.5) % 1.0
        if phase == 0.0:
            offsets.append(0.0)
        elif shift:
            offsets.append(-math.copysign(0.5, shift))
        else:
            offsets.append(0.5 if honor_side is HonorSide.LEFT else -0.5)
    return offsets


def _listed(rows: Sequence[int]) -> str:
    return "[" + ", ".join(str(n) for n in rows) + "]"


def rows_example(count: int, given: Sequence[int]) -> tuple[int, ...]:
    """The office's number of rows, sized for ``count`` people (for a message)."""
    k = max(len(given), math.ceil(count / 100))
    for front_odd in (True, False):
        rows = _alternating(count, k, front_odd)
        if rows is not None:
            return rows
    return _balanced(count, k, count)


def too_many(count: int, settings: PhotoSettings, title: str = "") -> Problem:
    """More people than places in ``photo.rows``: how many short, and what to change."""
    places = sum(settings.rows)
    short = count - places
    where = Location(key="photo.rows", value=_listed(settings.rows))
    message = (
        _(
            "{count} people are in the group photo in the case {case}, but photo.rows = "
            "{rows} has places for {places}: {short} short."
        )
        if title
        else _(
            "{count} people are in the group photo, but photo.rows = {rows} has places for "
            "{places}: {short} short."
        )
    )
    hint = ngettext(
        "Add {short} place to the rows, for example rows = {example}; or leave rows out "
        "(rows worked out from the number of people); or mark people 否 in the roster's "
        "合影 column.",
        "Add {short} places to the rows, for example rows = {example}; or leave rows out "
        "(rows worked out from the number of people); or mark people 否 in the roster's "
        "合影 column.",
        short,
    )
    return Problem(
        message.format(
            count=count, case=title, rows=_listed(settings.rows), places=places, short=short
        ),
        where,
        hint=hint.format(short=short, example=_listed(rows_example(count, settings.rows))),
    )


def row_sizes(
    count: int, settings: PhotoSettings, base: Sequence[int] = (), title: str = ""
) -> list[int]:
    """How many people stand in each row, front row first.

    The office's ``rows`` are filled front row first (the back rows give up
    places when fewer come); more people than places is an error. Without
    them, a case keeps the rows of the base photo (``base``) as long as
    everyone fits, the back rows giving up places; else :func:`automatic_rows`.
    """
    if settings.rows:
        if count > sum(settings.rows):
            raise UserError(too_many(count, settings, title))
        return split_into_rows(count, settings.rows)
    if base and count <= sum(base):
        return split_into_rows(count, tuple(base))
    return list(automatic_rows(count, settings.row_max))


def line_up(
    plan: Plan,
    settings: PhotoSettings,
    scenario: Scenario | None = None,
    base_rows: Sequence[int] = (),
) -> PhotoLineup:
    """The photo of one case (the base plan by default): rows front first, each row from
    the camera's left. ``base_rows``: the base photo's row sizes, kept in other cases."""
    scenario = scenario or plan.base
    protocol = plan.settings.protocol
    people = photo_people(plan, settings, scenario)
    title = "" if scenario is plan.base else scenario.title
    sizes = row_sizes(len(people), settings, base_rows, title)
    # with guests the host's right ranks first (the camera's left), whatever [protocol] says
    honour = HonorSide.RIGHT if has_guests(people) else protocol.honor_side
    offsets = stagger(sizes, honour)
    rows = []
    start = 0
    for number, (size, offset) in enumerate(zip(sizes, offsets, strict=True), start=1):
        members = people[start : start + size]
        columns = centre_out_columns(size, honour, _order(protocol.even_rostrum))
        places = sorted(
            (
                PhotoPlace(
                    person,
                    number,
                    col,
                    start + index + 1,
                    offset + col - (size + 1) / 2,
                )
                for index, (person, col) in enumerate(zip(members, columns, strict=True))
            ),
            key=lambda p: p.position,
        )
        start += size
        seated = number == 1 and settings.front_row is FrontRow.SEATED
        rows.append(PhotoRow(number, tuple(places), offset, seated))
    return PhotoLineup(scenario.id, scenario.title, tuple(rows))


def _order(even: EvenRostrum) -> EvenRostrum:
    # 双数单摆 differs from variant A only in where the table's chairs stand;
    # a photo row is centred on the photographer's line whatever its size.
    return EvenRostrum.A if even is EvenRostrum.AXIS else even


def lineups(plan: Plan, settings: PhotoSettings) -> list[PhotoLineup]:
    """One photo per plan scenario, the base first. Every case whose people do not fit
    ``photo.rows`` is said, all of them together."""
    problems: list[Problem] = []
    found: list[PhotoLineup] = []
    base_rows: tuple[int, ...] = ()
    for scenario in plan.scenarios:
        try:
            lineup = line_up(plan, settings, scenario, base_rows)
        except UserError as error:
            problems += error.problems
            continue
        if scenario is plan.base:
            base_rows = tuple(len(row.places) for row in lineup.rows)
        found.append(lineup)
    if problems:
        raise UserError(problems)
    return found


def risers(lineup: PhotoLineup) -> int:
    """Steps of riser needed: the first row standing stands on the floor (behind the chairs
    when the front row is seated), each row behind it one step higher."""
    standing = sum(1 for row in lineup.rows if not row.seated)
    return max(standing - 1, 0)


# -- the caption ---------------------------------------------------------------------------


def caption(lineup: PhotoLineup) -> str:
    """The caption the news writer pastes: 前排左起：甲、乙、丙；二排左起：丁、戊。

    Row by row from the front, each row from the camera's left (the photo's left).
    """
    rows = [row for row in lineup.rows if row.places]
    if not rows:
        return ""
    if len(rows) == 1:
        names = NAME_SEPARATOR.join(p.person.name for p in rows[0].places)
        return CAPTION_ONE_ROW.format(names=names) + CAPTION_END
    return (
        CAPTION_SEPARATOR.join(
            CAPTION_ROW.format(
                row=row_name(row.number, len(rows)),
                names=NAME_SEPARATOR.join(p.person.name for p in row.places),
            )
            for row in rows
        )
        + CAPTION_END
    )


CASE_HEADING = "【{title}】"
NO_PHOTO = "本次合影无人参加。"


def caption_text(lineups: Sequence[PhotoLineup]) -> str:
    """合影说明.txt: the base photo's caption; when other cases change the photo, each
    of them under its title (the base's under its own). Windows line ends, for Notepad."""
    if not lineups:
        return ""
    base = lineups[0]
    others = [lu for lu in lineups[1:] if caption(lu) != caption(base)]
    if not others:
        lines = [caption(base) or NO_PHOTO]
    else:
        lines = []
        for lu in [base, *others]:
            lines += [CASE_HEADING.format(title=lu.title), caption(lu) or NO_PHOTO, ""]
        lines.pop()
    return "\r\n".join(lines) + "\r\n"


# -- what changes in another case ------------------------------------------------------------


@dataclass(frozen=True)
class PhotoMove:
    name: str
    before: str  # the place in the base photo: 前排左起第3位
    after: str


@dataclass(frozen=True)
class PhotoChanges:
    """What the staff change in the line-up between the base photo and another case."""

    leave: tuple[tuple[str, str], ...]  # (name, place in the base photo): not in this one
    join: tuple[tuple[str, str], ...]  # (name, place): in this photo, not in the base one
    move: tuple[PhotoMove, ...]  # people who stand elsewhere
    rows: tuple[tuple[int, int, int], ...]  # (row, people before, after): rows that change size

    @property
    def none(self) -> bool:
        return not (self.leave or self.join or self.move or self.rows)


def photo_changes(base: PhotoLineup, other: PhotoLineup) -> PhotoChanges:
    """Who leaves, joins and moves in the photo from the base case to ``other``, front
    row first and each row from the camera's left."""
    before = {p.person.id: p for p in base.places}
    after = {p.person.id: p for p in other.places}
    rows_before, rows_after = len(base.rows), len(other.rows)

    def where(place: PhotoPlace, rows: int) -> str:
        return place_text(place.row, place.position, rows)

    leave = tuple(
        (p.person.name, where(p, rows_before)) for p in base.places if p.person.id not in after
    )
    join = tuple(
        (p.person.name, where(p, rows_after)) for p in other.places if p.person.id not in before
    )
    move = tuple(
        PhotoMove(p.person.name, where(before[p.person.id], rows_before), where(p, rows_after))
        for p in other.places
        if p.person.id in before
        and (before[p.person.id].row, before[p.person.id].position) != (p.row, p.position)
    )
    sizes_before = [len(r.places) for r in base.rows]
    sizes_after = [len(r.places) for r in other.rows]
    count = max(len(sizes_before), len(sizes_after))
    sizes_before += [0] * (count - len(sizes_before))
    sizes_after += [0] * (count - len(sizes_after))
    rows = tuple(
        (number, b, a)
        for number, (b, a) in enumerate(zip(sizes_before, sizes_after, strict=True), start=1)
        if b != a
    )
    return PhotoChanges(leave, join, move, rows)


def change_lines(change: PhotoChanges, rows: int = 2) -> tuple[str, ...]:
    """The changes as the contingency sheet prints them (Chinese)."""
    if change.none:
        return (CHANGE_NONE,)
    lines = [CHANGE_LEAVE.format(name=n, place=p) for n, p in change.leave]
    lines += [
        CHANGE_ROW.format(row=row_name(r, max(rows, 2)), before=b, after=a)
        for r, b, a in change.rows
    ]
    lines += [CHANGE_MOVE.format(name=m.name, before=m.before, after=m.after) for m in change.move]
    lines += [CHANGE_JOIN.format(name=n, place=p) for n, p in change.join]
    return tuple(lines)


# -- the terminal ----------------------------------------------------------------------------


def terminal_lines(lineup: PhotoLineup) -> list[str]:
    """The line-up as ``meetplan photo`` prints it: back row first (the top of the
    picture), each row from the camera's left, then the counts and the caption."""
    lines = [_("Group photo, seen from the camera (left to right):")]
    if not lineup.rows:
        lines.append("    " + _("Nobody is in the photo."))
        return lines
    tentative = False
    for row in reversed(lineup.rows):
        names = "  ".join(
            p.person.name + ("?" if p.person.attendance is Attendance.TENTATIVE else "")
            for p in row.places
        )
        tentative = tentative or any(
            p.person.attendance is Attendance.TENTATIVE for p in row.places
        )
        if row.seated:
            line = _("Row {row}, seated: {names}").format(row=row.number, names=names)
        else:
            line = _("Row {row}, standing: {names}").format(row=row.number, names=names)
        if row.offset > 0:
            line += "  " + _("(half a place to the right)")
        elif row.offset < 0:
            line += "  " + _("(half a place to the left)")
        lines.append("    " + line)
    if tentative:
        lines.append("    " + _("(? = tentative: the photo is lined up again if they do not come)"))
    lines.append(
        "  "
        + ngettext(
            "{n} person in the photo; rows: {rows}; riser steps needed: {steps}",
            "{n} people in the photo; rows: {rows}; riser steps needed: {steps}",
            lineup.count,
        ).format(n=lineup.count, rows=len(lineup.rows), steps=risers(lineup))
    )
    lines.append("  " + _("Caption: {caption}").format(caption=caption(lineup)))
    return lines
