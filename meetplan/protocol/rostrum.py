"""Rostrum (主席台) seating: PROTOCOL.md §2.

The rule is centre-out: No.1 at the centre, then alternating between No.1's
honour side and the other side. Columns are counted from the audience's left.
Under 左为上 the seated person's left hand, the honour side, is the audience's
right, so "toward honour" means a higher column; 右为上 mirrors every row.

Multi-row rostrums are filled front row first, each row to its capacity and
each row centre-out by the same rule (front rows outrank back rows). Chairs
are set for the people actually present, centred on the table: a row of k
people has columns 1..k.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Attendee
from meetplan.model.errors import Problem, UserError
from meetplan.model.layout import Seat, rostrum_seat
from meetplan.model.settings import EvenRostrum, HonorSide, HostSeat


def centre_out_columns(n: int, honor_side: HonorSide, even: EvenRostrum) -> list[int]:
    """The column (1-based, from the audience's left) of rank 1..n in a row of n chairs.

    Odd n: No.1 in the centre, No.2 on the honour side, No.3 on the other,
    alternating outward. Even n, variant A: No.1 and No.2 share the centre with
    No.2 on No.1's honour side; odd ranks run outward on No.1's side, even ranks
    on No.2's. Even n, variant B: No.1 takes the centre seat on the honour side
    of the centre line, No.2 the other; then No.3 beside No.1, No.4 beside No.2.
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
        if even is EvenRostrum.A:
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


@dataclass(frozen=True)
class RostrumRules:
    honor_side: HonorSide = HonorSide.LEFT
    even: EvenRostrum = EvenRostrum.A
    host_seat: HostSeat = HostSeat.RANK


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


def seat_rostrum(
    people: list[Attendee],
    capacities: tuple[int, ...],
    rules: RostrumRules,
    host: Attendee | None = None,
    layout_name: str = "",
) -> list[tuple[Seat, Attendee]]:
    """Seat people already in precedence order (No.1 first) on the rostrum.

    ``host`` (主持人), if given, is one of ``people`` and is placed by the
    host_seat rule: by rank (pulled into the front row if rank would put them
    behind it), at the front-row centre, or at the front-row end away from the
    honour side.
    """
    check_capacity(len(people), capacities, layout_name)
    ordered = list(people)
    front_cap = capacities[0] if capacities else 0
    host_at_end = False
    if host is not None:
        ordered.remove(host)
        if rules.host_seat is HostSeat.FRONT_CENTRE:
            ordered.insert(0, host)
        elif rules.host_seat is HostSeat.RANK:
            position = people.index(host)
            ordered.insert(min(position, front_cap - 1), host)
        else:
            host_at_end = True

    sizes = split_into_rows(len(ordered) + (1 if host_at_end else 0), capacities)
    placed: list[tuple[Seat, Attendee]] = []
    start = 0
    for row_index, size in enumerate(sizes, start=1):
        in_row = size - 1 if (host_at_end and row_index == 1) else size
        members = ordered[start : start + in_row]
        start += in_row
        if host_at_end and row_index == 1 and host is not None:
            placed.extend(_row_with_host_at_end(members, host, rules))
            continue
        for person, col in zip(
            members, centre_out_columns(len(members), rules.honor_side, rules.even), strict=True
        ):
            placed.append((rostrum_seat(row_index, col), person))
    return placed


def _row_with_host_at_end(
    members: list[Attendee], host: Attendee, rules: RostrumRules
) -> list[tuple[Seat, Attendee]]:
    """The front row with the host on its end seat away from the honour side.

    The others are seated centre-out among themselves; the host's chair is
    added at the far end on the non-honour side (the audience's left under
    左为上), and the whole row of chairs is set centred on the table.
    """
    cols = centre_out_columns(len(members), rules.honor_side, rules.even)
    if rules.honor_side is HonorSide.LEFT:
        # the host takes column 1; everyone else moves one to the right
        seats = [(rostrum_seat(1, c + 1), p) for p, c in zip(members, cols, strict=True)]
        seats.append((rostrum_seat(1, 1), host))
    else:
        seats = [(rostrum_seat(1, c), p) for p, c in zip(members, cols, strict=True)]
        seats.append((rostrum_seat(1, len(members) + 1), host))
    return seats
