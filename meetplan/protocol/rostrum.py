"""Rostrum (主席台) seating: PROTOCOL.md §2.

The rule is centre-out: No.1 at the centre, then alternating between No.1's
honour side and the other side. Columns are counted from the audience's left.
Under 左为上 the seated person's left hand, the honour side, is the audience's
right, so "toward honour" means a higher column; 右为上 mirrors every row.

Multi-row rostrums are filled front row first, each row to its capacity (or
to the office's ``rostrum_rows``) and each row centre-out by the same rule
(front rows outrank back rows). Chairs are set for the people actually
present: a row of k people has columns 1..k. Where those chairs stand on the
table is :func:`row_offset`: centred, except under 双数单摆 (``axis``), where
an even row is set with its No.1 on the table's centre axis.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Attendee
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.layout import Seat, rostrum_seat
from meetplan.model.plan import Assignment
from meetplan.model.settings import EvenRostrum, HonorSide, HostSeat, ProtocolSettings


def centre_out_columns(n: int, honor_side: HonorSide, even: EvenRostrum) -> list[int]:
    """The column (1-based, from the audience's left) of rank 1..n in a row of n chairs.

    Odd n: No.1 in the centre, No.2 on the honour side, No.3 on the other,
    alternating outward. Even n, variant A: No.1 and No.2 share the centre with
    No.2 on No.1's honour side; odd ranks run outward on No.1's side, even ranks
    on No.2's. Even n, variant B: No.1 takes the centre seat on the honour side
    of the centre line, No.2 the other; then No.3 beside No.1, No.4 beside No.2.
    Even n, 双数单摆 (``axis``): the order of variant A (the odd rule carried on:
    No.1, No.2 on the honour side, No.3 on the other); what differs from A is
    where the chairs stand, No.1 on the table's axis (:func:`row_offset`).
    """
    if n <= 0:
        return []
    columns = _columns_left_honour(n, even)
    if honor_side is HonorSide.RIGHT:
        columns = [n + 1 - c for c in columns]
    return columns


def _columns_left_honour(n: int, even: EvenRostrum) -> list[int]:
    # Under 左为上, honour is the audience's right: +1 column.
    columns: list[int] = []
    if n % 2 == 1:
        centre = (n + 1) // 2
        for rank in range(1, n + 1):
            step = rank // 2
            columns.append(centre + step if rank % 2 == 0 else centre - step)
        return columns
    left_centre, right_centre = n // 2, n // 2 + 1
    for rank in range(1, n + 1):
        step = (rank - 1) // 2
        if even is not EvenRostrum.B:  # A, and axis (same order, other chair positions)
            # odd ranks walk left from the left-centre seat, even ranks right
            columns.append(left_centre - step if rank % 2 == 1 else right_centre + step)
        else:
            # odd ranks walk right (honour side) from the right-centre seat
            columns.append(right_centre + step if rank % 2 == 1 else left_centre - step)
    return columns


def sequence_from_audience(n: int, honor_side: HonorSide, even: EvenRostrum) -> list[int]:
    """Ranks as seen from the hall, left to right (the form PROTOCOL.md's table uses)."""
    seq = [0] * n
    for rank, col in enumerate(centre_out_columns(n, honor_side, even), start=1):
        seq[col - 1] = rank
    return seq


def row_offset(
    chairs: int, honor_side: HonorSide, even: EvenRostrum, host_at_end: bool = False
) -> float:
    """Where a row of ``chairs`` chairs stands on the rostrum table: the distance, in
    seats, from the table's centre axis to the middle of the row, positive toward
    the audience's right.

    0 (the row centred) except under 双数单摆 (``axis``) with an even number of
    chairs: then the row's No.1 sits on the axis and the row reaches half a seat
    further to one side — toward the honour side (the audience's right under
    左为上, its left under 右为上), or away from it when the host's chair stands
    at the front-row end (``host_seat = "front-end"``, ``host_at_end``). An odd
    row has its No.1 on the axis anyway. Under axis no chair moves when a row
    loses or gains its lowest places: every rank keeps its distance from the axis.
    """
    if even is not EvenRostrum.AXIS or chairs <= 0 or chairs % 2 == 1:
        return 0.0
    members = chairs - 1 if host_at_end else chairs
    first = centre_out_columns(members, honor_side, even)[0] if members else 1
    if host_at_end and honor_side is HonorSide.LEFT:
        first += 1  # the host's chair is column 1
    return (chairs + 1) / 2 - first


def rostrum_offsets(
    rows: Sequence[Sequence[Assignment]], protocol: ProtocolSettings
) -> list[float]:
    """:func:`row_offset` of each row of a seated rostrum (front row first), as set."""
    offsets = []
    for index, row in enumerate(rows):
        host_at_end = (
            index == 0
            and protocol.host_seat is HostSeat.FRONT_END
            and bool(protocol.host)
            and any(a.person.name == protocol.host for a in row)
        )
        offsets.append(
            row_offset(len(row), protocol.honor_side, protocol.even_rostrum, host_at_end)
        )
    return offsets


def table_seats(chairs: Sequence[int], offsets: Sequence[float]) -> float:
    """How many seats wide a table centred on the axis must be to hold every row."""
    return max((k + 2 * abs(o) for k, o in zip(chairs, offsets, strict=True) if k), default=0.0)


@dataclass(frozen=True)
class RostrumRules:
    honor_side: HonorSide = HonorSide.LEFT
    even: EvenRostrum = EvenRostrum.A
    host_seat: HostSeat = HostSeat.RANK
    # people per row, front row first, as the office sets them (rostrum_rows);
    # empty: each row filled to the layout's capacity
    rows: tuple[int, ...] = ()


def split_into_rows(count: int, capacities: tuple[int, ...]) -> list[int]:
    """How many people sit in each rostrum row: front row first, each to capacity."""
    sizes: list[int] = []
    left = count
    for cap in capacities:
        take = min(cap, left)
        sizes.append(take)
        left -= take
    while sizes and sizes[-1] == 0:
        sizes.pop()
    return sizes


def check_capacity(count: int, capacities: tuple[int, ...], layout_name: str) -> None:
    total = sum(capacities)
    if count > total:
        raise UserError(
            Problem(
                _(
                    "The rostrum of layout {layout} has {seats} seats ({rows}), "
                    "but {count} people are to sit on it: {short} short."
                ).format(
                    layout=layout_name,
                    seats=total,
                    rows=_(" + ").join(
                        _("row {row}: {n}").format(row=i, n=c) for i, c in enumerate(capacities, 1)
                    ),
                    count=count,
                    short=count - total,
                ),
                hint=ngettext(
                    "Move {short} person from 主席台 to another 座区 in the roster, "
                    "or choose a layout with a larger rostrum.",
                    "Move {short} people from 主席台 to another 座区 in the roster, "
                    "or choose a layout with a larger rostrum.",
                    count - total,
                ).format(short=count - total),
            )
        )


def _listed(rows: Sequence[int]) -> str:
    return "[" + ", ".join(str(n) for n in rows) + "]"


def row_sizes(count: int, capacities: tuple[int, ...], rows: tuple[int, ...] = ()) -> list[int]:
    """How many people sit in each rostrum row, front row first.

    Without ``rows`` each row is filled to the layout's capacity. With the
    office's ``rows`` (rostrum_rows), fewer people than they add up to (a 待定
    leader not coming) take the rows front first, so the back rows give up
    chairs first and the front row is the last to lose one; the count is
    checked beforehand (:func:`check_rows`).
    """
    return split_into_rows(count, rows or capacities)


def _rows_example(count: int, rows: tuple[int, ...], capacities: tuple[int, ...]) -> str:
    """rostrum_rows changed to add up to ``count``, from the back, within the layout's
    rows; "" when there is no such change."""
    rows = rows[: len(capacities)]  # rows beyond the layout's have their own message
    if count <= sum(rows):
        sizes = split_into_rows(count, rows)
    else:
        sizes = list(rows)
        extra = count - sum(rows)
        for i in reversed(range(len(sizes))):  # the back rows take the extra people first
            take = min(extra, max(capacities[i] - sizes[i], 0))
            sizes[i] += take
            extra -= take
        for cap in capacities[len(rows) :]:  # then rows the office left out
            if extra:
                sizes.append(min(extra, cap))
                extra -= sizes[-1]
        if extra:
            return ""
    if not sizes or any(n > cap for n, cap in zip(sizes, capacities, strict=False)):
        return ""
    return _listed(sizes)


def check_rows(
    count: int,
    capacities: tuple[int, ...],
    rows: tuple[int, ...],
    layout_name: str,
    exact: bool,
) -> list[Problem]:
    """What is wrong with the office's rostrum_rows for ``count`` people, all of it.

    ``exact`` (the base plan, 待定 leaders included): the rows must add up to
    ``count``. Otherwise (a scenario, a change on the day) fewer people are
    seated from the rows (:func:`row_sizes`), more are an error.
    """
    where = Location(key="protocol.rostrum_rows", value=_listed(rows))
    problems: list[Problem] = []
    if len(rows) > len(capacities):
        problems.append(
            Problem(
                _(
                    "rostrum_rows gives {given} rows, but the rostrum of layout {layout} "
                    "has {rows} ({capacities})."
                ).format(
                    given=len(rows),
                    layout=layout_name,
                    rows=len(capacities),
                    capacities=_listed(capacities),
                ),
                where,
                hint=_(
                    "Give at most {rows} numbers, front row first, or choose a layout with "
                    "more rostrum rows."
                ).format(rows=len(capacities)),
            )
        )
    for row, (size, cap) in enumerate(zip(rows, capacities, strict=False), start=1):
        if size > cap:
            problems.append(
                Problem(
                    _(
                        "rostrum_rows puts {n} people in row {row}, but row {row} of the "
                        "rostrum of layout {layout} has {cap} seats."
                    ).format(n=size, row=row, layout=layout_name, cap=cap),
                    where,
                    hint=_(
                        "Put at most {cap} people in row {row} and the others in a row "
                        "behind it, or choose a layout with a larger rostrum."
                    ).format(cap=cap, row=row),
                )
            )
    total = sum(rows)
    if count > total or (exact and count != total):
        shown = _(" + ").join(str(n) for n in rows)
        if exact:
            message = _(
                "rostrum_rows adds up to {total} ({rows}), but {count} sit on the rostrum "
                "in the plan with everyone present (待定 leaders included)."
            )
        else:
            message = _(
                "rostrum_rows adds up to {total} ({rows}), but {count} are to sit on the rostrum."
            )
        example = _rows_example(count, rows, capacities)
        hint = (
            _(
                "Make the rows add up to {count}, for example rostrum_rows = {example}; "
                "when someone does not come, the back rows give up chairs first."
            ).format(count=count, example=example)
            if example
            else _(
                "Make the rows add up to {count}; when someone does not come, the back rows "
                "give up chairs first."
            ).format(count=count)
        )
        problems.append(
            Problem(message.format(total=total, rows=shown, count=count), where, hint=hint)
        )
    return problems


def seat_rostrum(
    people: list[Attendee],
    capacities: tuple[int, ...],
    rules: RostrumRules,
    host: Attendee | None = None,
    layout_name: str = "",
    exact_rows: bool = False,
    pins: Mapping[int, tuple[int, int]] | None = None,
    notes: list[Problem] | None = None,
) -> list[tuple[Seat, Attendee]]:
    """Seat people already in precedence order (No.1 first) on the rostrum.

    ``host`` (主持人), if given, is one of ``people`` and is placed by the
    host_seat rule: by rank (pulled into the front row if rank would put them
    behind it), at the front-row centre, or at the front-row end away from the
    honour side. With ``rules.rows`` (rostrum_rows) the rows hold the office's
    numbers; ``exact_rows`` (the base plan) requires them to add up to
    everyone, see :func:`check_rows`.

    ``pins`` (person id -> (row, col), the roster's 座位) put a person on a seat
    of their own: each row's chairs and their rank order are the usual ones for
    the whole row; the pinned columns are taken out and the others fill the
    remaining columns in that order (:func:`place_pins`). A pin beyond the
    chairs set is an error in the base plan (``exact_rows``); with fewer people
    (a scenario) the person takes the nearest chair and ``notes`` says so.
    """
    if rules.rows:
        problems = check_rows(len(people), capacities, rules.rows, layout_name, exact_rows)
        if problems:
            raise UserError(problems)
    else:
        check_capacity(len(people), capacities, layout_name)
    sizes = row_sizes(len(people), capacities, rules.rows)
    fixed = place_pins(people, pins or {}, sizes, exact_rows, notes)
    ordered = [p for p in people if p.id not in fixed]
    pinned_in_row = [
        sum(1 for r, _c in fixed.values() if r == row) for row in range(1, len(sizes) + 1)
    ]
    front_cap = (sizes[0] - pinned_in_row[0]) if sizes else 0
    host_at_end = False
    if host is not None and host.id not in fixed:  # a pinned host keeps the pinned seat
        ordered.remove(host)
        if rules.host_seat is HostSeat.FRONT_CENTRE:
            ordered.insert(0, host)
        elif rules.host_seat is HostSeat.RANK:
            position = [p for p in people if p.id not in fixed].index(host)
            ordered.insert(max(min(position, front_cap - 1), 0), host)
        else:
            host_at_end = True
    else:
        host = None

    by_id = {p.id: p for p in people}
    placed: list[tuple[Seat, Attendee]] = [
        (rostrum_seat(row, col), by_id[pid]) for pid, (row, col) in fixed.items()
    ]
    start = 0
    for row_index, size in enumerate(sizes, start=1):
        taken = {col for r, col in fixed.values() if r == row_index}
        if host_at_end and row_index == 1 and host is not None:
            members = ordered[start : start + size - 1 - len(taken)]
            start += len(members)
            placed.extend(_row_with_host_at_end(members, host, rules, size, taken))
            continue
        members = ordered[start : start + size - len(taken)]
        start += len(members)
        columns = [
            c for c in centre_out_columns(size, rules.honor_side, rules.even) if c not in taken
        ]
        for person, col in zip(members, columns, strict=True):
            placed.append((rostrum_seat(row_index, col), person))
    return placed


def place_pins(
    people: Sequence[Attendee],
    pins: Mapping[int, tuple[int, int]],
    sizes: Sequence[int],
    exact: bool,
    notes: list[Problem] | None,
) -> dict[int, tuple[int, int]]:
    """Where each pinned person of ``people`` sits among the chairs set (``sizes``).

    ``exact`` (the base plan): a pin beyond the chairs is an error with the
    numbers. Otherwise (fewer people: a scenario) the person keeps the pinned
    seat when it is still there, else takes the nearest chair left (a warning).
    """
    fixed: dict[int, tuple[int, int]] = {}
    problems: list[Problem] = []
    shown = _(" + ").join(str(n) for n in sizes) or "0"
    for person in people:
        if person.id not in pins:
            continue
        row, col = pins[person.id]
        if row <= len(sizes) and col <= sizes[row - 1]:
            fixed[person.id] = (row, col)
            continue
        label = rostrum_seat(row, col).label
        if exact:
            problems.append(
                Problem(
                    _(
                        "{name} is pinned to {seat}, but the rostrum has chairs for {rows} "
                        "people (row by row, front first): {seat} is not among them."
                    ).format(name=person.name, seat=label, rows=shown),
                    Location(row=person.source_row, column="座位", value=person.seat),
                    hint=_(
                        "A row of k people has seats 1 to k from the audience's left: pin a "
                        "seat within them, or change rostrum_rows."
                    ),
                )
            )
            continue
        near_row = min(row, len(sizes))
        free = [
            c
            for c in range(1, sizes[near_row - 1] + 1)
            if (near_row, c) not in fixed.values() and (near_row, c) not in pins.values()
        ]
        if free:
            near = min(free, key=lambda c: (abs(c - col), -c))
            fixed[person.id] = (near_row, near)
            moved = _("{name} sits on {other} instead").format(
                name=person.name, other=rostrum_seat(near_row, near).label
            )
        else:
            moved = _("{name} is seated by rank instead").format(name=person.name)
        if notes is not None:
            notes.append(
                Problem(
                    _(
                        "{name} is pinned to {seat}, but with these people the rostrum has "
                        "chairs for {rows}: {moved}."
                    ).format(name=person.name, seat=label, rows=shown, moved=moved),
                    Location(row=person.source_row, column="座位", value=person.seat),
                    hint=_("Check the cards and chairs of this case by hand."),
                    severity=Severity.WARNING,
                )
            )
    if problems:
        raise UserError(problems)
    return fixed


def _row_with_host_at_end(
    members: list[Attendee],
    host: Attendee,
    rules: RostrumRules,
    size: int,
    taken: Collection[int] = (),
) -> list[tuple[Seat, Attendee]]:
    """The front row of ``size`` chairs with the host on its end seat away from the
    honour side.

    The others are seated centre-out among themselves (the chairs beside the
    host's, in the usual order, less any pinned ones); the host's chair is at
    the far end on the non-honour side (the audience's left under 左为上), and
    the whole row of chairs is set centred on the table.
    """
    cols = centre_out_columns(size - 1, rules.honor_side, rules.even)
    if rules.honor_side is HonorSide.LEFT:
        host_col = 1  # the host takes column 1; everyone else moves one to the right
        cols = [c + 1 for c in cols]
    else:
        host_col = size
    if host_col in taken:
        raise UserError(
            Problem(
                _(
                    "{seat} is the host's seat (host_seat = front-end), but someone is pinned to it."
                ).format(seat=rostrum_seat(1, host_col).label),
                Location(key="protocol.host_seat", value=rules.host_seat.value),
                hint=_("Pin that person to another seat, or pin the host instead."),
            )
        )
    free = [c for c in cols if c not in taken]
    seats = [(rostrum_seat(1, c), p) for p, c in zip(members, free, strict=True)]
    seats.append((rostrum_seat(1, host_col), host))
    return seats
