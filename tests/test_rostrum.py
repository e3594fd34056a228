"""The rostrum engine against PROTOCOL.md §2's published sequences."""

from __future__ import annotations

import pytest

from meetplan.model import Area, Attendee, EvenRostrum, HonorSide, HostSeat, UserError
from meetplan.protocol.rostrum import (
    RostrumRules,
    centre_out_columns,
    check_rows,
    row_offset,
    row_sizes,
    seat_rostrum,
    sequence_from_audience,
    split_into_rows,
    table_seats,
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


# -- 双数单摆 (axis): the order of A, the chairs set with No.1 on the table's axis


@pytest.mark.parametrize(
    ("chairs", "side", "host_at_end", "offset"),
    [
        (4, HonorSide.LEFT, False, 0.5),  # 3 [1] 2 4: one more seat on the honour side (right)
        (4, HonorSide.RIGHT, False, -0.5),  # 4 2 [1] 3
        (2, HonorSide.LEFT, False, 0.5),  # [1] 2
        (5, HonorSide.LEFT, False, 0.0),  # odd: No.1 is the centre seat anyway
        (1, HonorSide.LEFT, False, 0.0),
        (0, HonorSide.LEFT, False, 0.0),
        (6, HonorSide.LEFT, True, -0.5),  # host 5 3 [1] 2 4: the host's end is the longer one
        (6, HonorSide.RIGHT, True, 0.5),
        (5, HonorSide.LEFT, True, 0.0),  # host 3 [1] 2 4: centred
    ],
)
def test_row_offset_under_axis(
    chairs: int, side: HonorSide, host_at_end: bool, offset: float
) -> None:
    assert row_offset(chairs, side, EvenRostrum.AXIS, host_at_end) == offset


@pytest.mark.parametrize("variant", [EvenRostrum.A, EvenRostrum.B])
@pytest.mark.parametrize("chairs", range(0, 10))
def test_rows_are_centred_under_a_and_b(chairs: int, variant: EvenRostrum) -> None:
    for side in HonorSide:
        assert row_offset(chairs, side, variant) == 0.0
        assert row_offset(chairs, side, variant, host_at_end=True) == 0.0


def where_on_table(k: int, side: HonorSide, variant: EvenRostrum) -> list[float]:
    """Each rank's distance from the table's axis, in seats (+: the audience's right)."""
    offset = row_offset(k, side, variant)
    return [col - (k + 1) / 2 + offset for col in centre_out_columns(k, side, variant)]


@pytest.mark.parametrize("side", list(HonorSide))
def test_axis_no1_on_the_axis_and_no_chair_moves_when_a_row_shrinks(side: HonorSide) -> None:
    honour = 1 if side is HonorSide.LEFT else -1
    for k in range(1, 10):
        places = where_on_table(k, side, EvenRostrum.AXIS)
        assert places[0] == 0  # No.1 on the axis, odd or even
        # every rank keeps its place whatever the row's length: No.2 one seat to the
        # honour side, No.3 one to the other side, ...
        assert places == [honour * (r // 2) * (1 if r % 2 == 0 else -1) for r in range(1, k + 1)]
    # variant A, for contrast: the centre line falls between No.1 and No.2
    assert where_on_table(4, side, EvenRostrum.A)[:2] == [-0.5 * honour, 0.5 * honour]


def test_table_holds_every_row() -> None:
    assert table_seats([4, 5], [0.5, 0.0]) == 5  # a 4-row half a seat off needs 5 seats
    assert table_seats([4, 6], [0.5, -0.5]) == 7
    assert table_seats([], []) == 0


# -- rostrum_rows: the office's number of people per row


def test_rostrum_rows_set_each_row() -> None:
    placed = seat_rostrum(people(5), (13, 15), RostrumRules(rows=(2, 3)), exact_rows=True)
    rows = layout_rows(placed)
    assert rows == {1: [1, 2], 2: [5, 3, 4]}  # row 2: its No.1..3 are ranks 3..5


def test_rostrum_rows_fewer_people_back_rows_shrink_first() -> None:
    assert row_sizes(6, (13, 15), (2, 3, 2)) == [2, 3, 1]
    assert row_sizes(4, (13, 15), (2, 3, 2)) == [2, 2]
    assert row_sizes(2, (13, 15), (2, 3, 2)) == [2]
    assert row_sizes(1, (13, 15), (2, 3, 2)) == [1]  # the front row is never short before
    rows = layout_rows(seat_rostrum(people(4), (13, 15), RostrumRules(rows=(2, 3))))
    assert rows == {1: [1, 2], 2: [3, 4]}
    assert row_sizes(16, (13, 15)) == [13, 3]  # without rostrum_rows: capacity first


def test_rostrum_rows_must_add_up_in_the_base_plan() -> None:
    with pytest.raises(UserError) as err:
        seat_rostrum(people(5), (13, 15), RostrumRules(rows=(2, 2)), exact_rows=True)
    (problem,) = err.value.problems
    assert "rostrum_rows adds up to 4 (2 + 2), but 5 sit on the rostrum" in problem.message
    assert problem.location.key == "protocol.rostrum_rows"
    assert problem.location.value == "[2, 2]"
    assert "add up to 5" in problem.hint and "[2, 3]" in problem.hint
    # too many rows' worth in the base plan is as wrong as too few
    problems = check_rows(3, (13, 15), (2, 2), "auditorium-600", exact=True)
    assert len(problems) == 1 and "[2, 1]" in problems[0].hint
    # a scenario with more people than the rows (a substitute from the hall) is refused too
    with pytest.raises(UserError):
        seat_rostrum(people(5), (13, 15), RostrumRules(rows=(2, 2)))


def test_rostrum_rows_against_the_layout_every_problem_at_once() -> None:
    problems = check_rows(41, (13, 15), (14, 16, 10), "auditorium-600", exact=True)
    messages = [p.message for p in problems]
    assert len(problems) == 4
    assert (
        "rostrum_rows gives 3 rows, but the rostrum of layout auditorium-600 has 2" in messages[0]
    )
    assert "puts 14 people in row 1" in messages[1] and "has 13 seats" in messages[1]
    assert "puts 16 people in row 2" in messages[2] and "has 15 seats" in messages[2]
    assert "adds up to 40 (14 + 16 + 10), but 41 sit on the rostrum" in messages[3]
    assert "for example" not in problems[3].hint  # no rows of this layout can hold 41
    assert all(p.location.key == "protocol.rostrum_rows" and p.hint for p in problems)


@pytest.mark.parametrize("seat", list(HostSeat))
def test_host_rules_with_rostrum_rows(seat: HostSeat) -> None:
    ps = people(6)
    host = ps[4]  # No.5 would sit in the back row of rostrum_rows (3, 3)
    placed = seat_rostrum(
        ps, (13, 15), RostrumRules(host_seat=seat, rows=(3, 3)), host=host, exact_rows=True
    )
    rows = layout_rows(placed)
    assert [len(rows[1]), len(rows[2])] == [3, 3]  # the office's numbers hold
    assert next(s for s, p in placed if p is host).row == 1
    expected = {
        HostSeat.RANK: [5, 1, 2],  # the host is the front row's No.3
        HostSeat.FRONT_CENTRE: [2, 5, 1],  # the host at the centre, then No.1, No.2
        HostSeat.FRONT_END: [5, 1, 2],  # the end away from the honour side
    }
    assert rows[1] == expected[seat]
