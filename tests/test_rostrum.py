"""The rostrum engine against PROTOCOL.md §2's published sequences."""

from __future__ import annotations

import pytest

from meetplan.model import Area, Attendee, EvenRostrum, HonorSide, HostSeat, UserError
from meetplan.protocol.rostrum import (
    RostrumRules,
    seat_rostrum,
    sequence_from_audience,
    split_into_rows,
)

# PROTOCOL.md §2, seen from the audience, left to right, under 左为上.
ODD_AND_A = {
    2: "1 2",
    3: "3 1 2",
    4: "3 1 2 4",
    5: "5 3 1 2 4",
    6: "5 3 1 2 4 6",
    7: "7 5 3 1 2 4 6",
    8: "7 5 3 1 2 4 6 8",
    9: "9 7 5 3 1 2 4 6 8",
}
EVEN_B = {2: "2 1", 4: "4 2 1 3", 6: "6 4 2 1 3 5", 8: "8 6 4 2 1 3 5 7"}


def published(n: int, variant: EvenRostrum) -> list[int]:
    table = EVEN_B if (variant is EvenRostrum.B and n % 2 == 0) else ODD_AND_A
    return [int(x) for x in table[n].split()]


@pytest.mark.parametrize("n", range(2, 10))
@pytest.mark.parametrize("variant", list(EvenRostrum))
@pytest.mark.parametrize("side", list(HonorSide))
def test_sequences_match_protocol(n: int, variant: EvenRostrum, side: HonorSide) -> None:
    expected = published(n, variant)
    if side is HonorSide.RIGHT:
        expected = expected[::-1]  # 右为上 mirrors every sequence
    assert sequence_from_audience(n, side, variant) == expected


def test_right_honour_example_from_protocol() -> None:
    assert sequence_from_audience(5, HonorSide.RIGHT, EvenRostrum.A) == [4, 2, 1, 3, 5]


def people(n: int) -> list[Attendee]:
    return [
        Attendee(id=i, name=f"领导{i}", precedence=i, area=Area.ROSTRUM) for i in range(1, n + 1)
    ]


def layout_rows(placed: list) -> dict[int, list[int]]:
    rows: dict[int, dict[int, int]] = {}
    for seat, person in placed:
        rows.setdefault(seat.row, {})[seat.col] = person.precedence
    return {r: [cols[c] for c in sorted(cols)] for r, cols in rows.items()}


def test_two_rows_front_first_each_centre_out() -> None:
    placed = seat_rostrum(people(16), (13, 15), RostrumRules())
    rows = layout_rows(placed)
    assert rows[1] == [13, 11, 9, 7, 5, 3, 1, 2, 4, 6, 8, 10, 12]
    assert rows[2] == [16, 14, 15]  # ranks 14..16 as No.1..3 of the back row
    labels = {p.precedence: s.label for s, p in placed}
    assert labels[1] == "主席台第1排第7座"
    assert labels[14] == "主席台第2排第2座"


def test_chairs_set_for_people_present() -> None:
    placed = seat_rostrum(people(5), (13, 15), RostrumRules())
    assert sorted(s.col for s, _ in placed) == [1, 2, 3, 4, 5]
    assert {s.row for s, _ in placed} == {1}


def test_too_many_people_says_how_many_short() -> None:
    with pytest.raises(UserError) as err:
        seat_rostrum(people(30), (13, 15), RostrumRules(), layout_name="auditorium-600")
    text = err.value.problems[0].message
    assert "28" in text and "30" in text and "2" in text


def test_host_by_rank_never_in_back_row() -> None:
    ps = people(6)
    host = ps[5]  # No.6 would sit in the back row of a (3, 5) rostrum
    placed = seat_rostrum(ps, (3, 5), RostrumRules(host_seat=HostSeat.RANK), host=host)
    seat = next(s for s, p in placed if p is host)
    assert seat.row == 1
    assert layout_rows(placed)[1] == [6, 1, 2]  # host is No.3 of the front row; No.3 moves back


def test_host_front_centre() -> None:
    ps = people(5)
    host = ps[2]
    placed = seat_rostrum(ps, (7,), RostrumRules(host_seat=HostSeat.FRONT_CENTRE), host=host)
    assert layout_rows(placed)[1] == [5, 2, 3, 1, 4]


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        (
            HonorSide.LEFT,
            [3, 4, 1, 2, 5],
        ),  # host (No.3) at the audience's left end, away from honour
        (HonorSide.RIGHT, [5, 2, 1, 4, 3]),
    ],
)
def test_host_front_end(side: HonorSide, expected: list[int]) -> None:
    ps = people(5)
    placed = seat_rostrum(
        ps, (7,), RostrumRules(honor_side=side, host_seat=HostSeat.FRONT_END), host=ps[2]
    )
    assert layout_rows(placed)[1] == expected


def test_split_into_rows() -> None:
    assert split_into_rows(16, (13, 15)) == [13, 3]
    assert split_into_rows(13, (13, 15)) == [13]
    assert split_into_rows(0, (13,)) == []
