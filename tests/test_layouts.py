"""Layout files: the shipped ones load; bad files get messages naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetplan.layouts import load_layout, picture, read_layout, shipped_layouts
from meetplan.model import Numbering, UserError
from meetplan.model.layout import hall_seats, seat_numbers


def test_shipped_layouts_load() -> None:
    names = {p.stem for p in shipped_layouts()}
    assert {"meeting-room-40", "auditorium-600"} <= names
    for path in shipped_layouts():
        layout = read_layout(path)
        assert layout.hall_capacity > 0
        assert layout.rostrum_capacity > 0


def test_auditorium_600_has_two_row_rostrum_front_13() -> None:
    layout = load_layout("auditorium-600")
    assert layout.rostrum_rows[0] == 13
    assert len(layout.rostrum_rows) == 2
    assert 580 <= layout.hall_capacity <= 620


def test_hall_seats_unique_and_ordered() -> None:
    layout = load_layout("auditorium-600")
    seats = hall_seats(layout)
    assert len(seats) == layout.hall_capacity
    assert len({(s.floor, s.row, s.col) for s in seats}) == len(seats)
    assert len({s.label for s in seats}) == len(seats)
    assert seats[0].label == "1排1号"
    assert [s.row for s in seats] == sorted(s.row for s in seats)


def test_odd_even_numbering() -> None:
    # seen from the hall: even numbers on the left, 1 just right of the centre
    assert seat_numbers(6, Numbering.ODD_EVEN) == [6, 4, 2, 1, 3, 5]
    assert seat_numbers(5, Numbering.ODD_EVEN) == [4, 2, 1, 3, 5]
    assert seat_numbers(3, Numbering.LEFT_TO_RIGHT) == [1, 2, 3]


def write(tmp_path: Path, text: str, name: str = "room.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """
title = "小会议室"
[rostrum]
rows = [5]
[[floors]]
rows = 2
sections = [4, 4]
"""


def test_custom_layout_by_path(tmp_path: Path) -> None:
    layout = load_layout(str(write(tmp_path, GOOD)))
    assert layout.name == "room"
    assert layout.hall_capacity == 16
    assert "小会议室" in picture(layout)


def problems_of(path: Path) -> list:
    with pytest.raises(UserError) as err:
        read_layout(path)
    return err.value.problems


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("rows = [5]", "rows = [5]\nseats = 5"))
    (p,) = problems_of(path)
    assert "seats" in p.message
    assert p.location.file == str(path)
    assert p.location.key == "rostrum.seats"
    assert "rows" in p.hint and "podium" in p.hint


def test_wrong_type_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("rows = 2", 'rows = "two"').replace("[4, 4]", "[4, -1]"))
    found = {p.location.key: p.message for p in problems_of(path)}
    assert "floors[1].rows" in found
    assert "floors[1].sections[2]" in found


def test_overridden_row_twice_and_beyond_floor(tmp_path: Path) -> None:
    text = (
        GOOD
        + """
[[floors.row_overrides]]
rows = [1, 5]
sections = [3, 3]
[[floors.row_overrides]]
rows = [1]
sections = [2, 2]
"""
    )
    messages = [p.message for p in problems_of(write(tmp_path, text))]
    assert any("5" in m and "beyond" in m for m in messages)
    assert any("twice" in m for m in messages)


def test_zero_seat_layout(tmp_path: Path) -> None:
    (p,) = problems_of(write(tmp_path, GOOD.replace("[4, 4]", "[0, 0]")))
    assert "no seats" in p.message


def test_not_toml(tmp_path: Path) -> None:
    (p,) = problems_of(write(tmp_path, "title = \n"))
    assert "TOML" in p.message


def test_unknown_layout_name_lists_shipped() -> None:
    with pytest.raises(UserError) as err:
        load_layout("auditorium-601")
    assert "auditorium-600" in err.value.problems[0].hint
