"""Layout files: the shipped ones load; bad files get messages naming file and key."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from meetplan.layouts import (
    SEAT_GLYPHS,
    load_layout,
    picture,
    picture_scale,
    read_layout,
    shipped_layouts,
)
from meetplan.model import Layout, Numbering, SeatUse, UserError
from meetplan.model.layout import hall_seats, row_numbers, seat_numbers


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


# ---------------------------------------------------------------- the shipped layouts

REQUIRED = {
    "meeting-room-40",
    "lecture-hall-200",
    "auditorium-600",
    "auditorium-1500",
    "great-hall-10000",
}

# general, observer (列席), staff (工作人员), media (媒体), blocked places; rostrum rows
CAPACITIES = {
    "meeting-room-40": ((31, 0, 2, 0, 0), (7,)),
    "lecture-hall-200": ((206, 0, 2, 0, 0), (9,)),
    "auditorium-600": ((564, 32, 8, 0, 0), (13, 15)),
    "auditorium-1500": ((1414, 80, 8, 12, 10), (15, 17, 19)),
    "great-hall-10000": ((9246, 588, 60, 76, 28), (27, 31, 35, 39, 43, 47, 51)),
}


def blocked_places(layout: Layout) -> int:
    return sum(1 for f in layout.floors for r in f.rows for _c, u in r.uses if u is SeatUse.BLOCKED)


def test_the_required_layouts_are_shipped() -> None:
    assert {p.stem for p in shipped_layouts()} >= REQUIRED


@pytest.mark.parametrize("path", shipped_layouts(), ids=lambda p: p.stem)
def test_every_shipped_layout_loads_and_is_consistent(path: Path) -> None:
    layout = read_layout(path)
    assert layout.name == path.stem and layout.title and layout.description
    seats = hall_seats(layout)
    assert len(seats) == layout.hall_capacity
    assert len({s.label for s in seats}) == len(seats)  # every printed label unique
    assert sum(layout.capacity_for(u) for u in SeatUse) == layout.hall_capacity
    assert layout.capacity_for(SeatUse.GENERAL) > 0
    assert layout.rostrum_capacity > 0


@pytest.mark.parametrize("name", sorted(CAPACITIES))
def test_capacities_per_use(name: str) -> None:
    layout = load_layout(name)
    (general, observer, staff, media, blocked), rostrum = CAPACITIES[name]
    assert layout.capacity_for(SeatUse.GENERAL) == general
    assert layout.capacity_for(SeatUse.OBSERVER) == observer
    assert layout.capacity_for(SeatUse.STAFF) == staff
    assert layout.capacity_for(SeatUse.MEDIA) == media
    assert layout.capacity_for(SeatUse.BLOCKED) == 0  # a blocked place is not a chair
    assert blocked_places(layout) == blocked
    assert layout.rostrum_rows == rostrum


def test_sizes_are_realistic() -> None:
    lecture = load_layout("lecture-hall-200")
    assert 190 <= lecture.hall_capacity <= 215
    assert len(lecture.rostrum_rows) == 1 and 8 <= lecture.rostrum_rows[0] <= 10
    assert all(len(r.sections) == 3 for f in lecture.floors for r in f.rows)  # two aisles

    big = load_layout("auditorium-1500")
    assert 1450 <= big.hall_capacity <= 1550
    assert [f.name for f in big.floors] == ["一楼", "二楼"]
    assert 2 <= len(big.rostrum_rows) <= 3

    great = load_layout("great-hall-10000")
    assert 9800 <= great.hall_capacity <= 10200
    assert [f.name for f in great.floors] == ["一层", "二层", "三层"]
    assert great.floors[0].capacity >= 3600
    assert 5 <= len(great.rostrum_rows) <= 8 and great.rostrum_rows[0] <= 30
    assert all(f.numbering is Numbering.ODD_EVEN for f in great.floors)
    assert max(len(r.sections) for f in great.floors for r in f.rows) >= 7


def test_auditorium_600_keeps_room_for_the_county_plenary() -> None:
    # examples/county-plenary: about 155 hall members, 5 列席, 3 工作人员
    layout = load_layout("auditorium-600")
    assert layout.capacity_for(SeatUse.GENERAL) >= 300
    assert layout.capacity_for(SeatUse.OBSERVER) >= 12
    assert layout.capacity_for(SeatUse.STAFF) >= 6
    back = {s.row for s in hall_seats(layout) if s.use is SeatUse.OBSERVER}
    assert back <= {17, 18}  # 列席 behind the members


def test_auditorium_1500_stalls_are_numbered_odd_even() -> None:
    layout = load_layout("auditorium-1500")
    stalls = layout.floors[0]
    assert stalls.numbering is Numbering.ODD_EVEN
    for row in stalls.rows:
        numbers = row_numbers(stalls, row)
        middle = row.size // 2
        assert numbers[middle] == 1  # just right of the centre, seen from the hall
        assert numbers[middle - 1] == 2
        assert all(n % 2 == 1 for n in numbers[middle:])  # odd to the right
        assert all(n % 2 == 0 for n in numbers[:middle])  # even to the left
        assert sorted(numbers) == list(range(1, row.size + 1))
    row5 = [s for s in hall_seats(layout) if s.floor == "一楼" and s.row == 5]
    assert [s.number for s in row5[:2]] == [46, 44]
    assert row5[23].label == "一楼5排1号"


def test_blocked_places_are_not_hall_seats() -> None:
    layout = load_layout("auditorium-1500")
    seats = {(s.floor, s.row, s.number) for s in hall_seats(layout)}
    for row in (14, 15):  # the camera platform
        for number in (1, 2, 3, 4):
            assert ("一楼", row, number) not in seats
        assert ("一楼", row, 5) in seats
    assert ("一楼", 20, 23) not in seats and ("一楼", 20, 24) not in seats  # the pillars
    great = load_layout("great-hall-10000")
    assert not [s for s in hall_seats(great) if s.use is SeatUse.BLOCKED]
    assert len(hall_seats(great)) == sum(r.size for f in great.floors for r in f.rows) - 28


def test_reserved_areas_where_the_file_says() -> None:
    layout = load_layout("auditorium-1500")
    media = sorted((s.row, s.number) for s in hall_seats(layout) if s.use is SeatUse.MEDIA)
    assert media == [(r, n) for r in (14, 15) for n in range(5, 11)]
    observers = {(s.floor, s.row) for s in hall_seats(layout) if s.use is SeatUse.OBSERVER}
    assert observers == {("二楼", 1), ("二楼", 2)}
    staff = sorted((s.floor, s.row, s.number) for s in hall_seats(layout) if s.use is SeatUse.STAFF)
    assert staff[:4] == [("一楼", 25, n) for n in (43, 44, 45, 46)]


# ---------------------------------------------------------------- bad input, named by file and key

ROOM = """
title = "小礼堂"
[rostrum]
rows = [5]
[[floors]]
name = "一楼"
rows = 4
sections = [3, 6, 3]
"""


def one_problem(tmp_path: Path, text: str, phrase: str) -> tuple[str, str, str]:
    """The single problem whose message contains ``phrase``: (message, key, hint)."""
    path = write(tmp_path, ROOM + text)
    found = [p for p in problems_of(path) if phrase in p.message]
    assert len(found) == 1, [p.message for p in problems_of(path)]
    (p,) = found
    assert p.location.file == str(path)
    return p.message, p.location.key, p.hint


def test_rows_that_overlap_name_both_overrides(tmp_path: Path) -> None:
    text = """
[[floors.row_overrides]]
rows = [1, 2]
sections = [2, 6, 2]
[[floors.row_overrides]]
rows = [2, 3]
sections = [3, 5, 3]
"""
    message, key, hint = one_problem(tmp_path, text, "twice")
    assert "Row 2" in message and "1 and 2" in message
    assert key == "floors[1].row_overrides[2].rows"
    assert hint


def test_seat_numbers_that_repeat(tmp_path: Path) -> None:
    text = """
[[floors.row_overrides]]
rows = [1]
sections = [3, 3]
numbers = [5, 3, 1, 2, 3, 5]
"""
    message, key, hint = one_problem(tmp_path, text, "repeat")
    assert "Row 1" in message and "3, 5" in message
    assert key == "floors[1].row_overrides[1].numbers"
    assert "own number" in hint


def test_seat_numbers_not_one_per_seat(tmp_path: Path) -> None:
    text = """
[[floors.row_overrides]]
rows = [4]
sections = [3, 3]
numbers = [1, 2, 3, 4, 5]
"""
    message, key, _hint = one_problem(tmp_path, text, "seat numbers")
    assert "Row 4 has 6 seats but 5 seat numbers" in message
    assert key == "floors[1].row_overrides[1].numbers"


def test_reserved_area_larger_than_its_section(tmp_path: Path) -> None:
    text = """
[[floors.reserved]]
use = "observer"
rows = [4]
sections = [1]
seats = [1, 2, 3, 4]
"""
    message, key, _hint = one_problem(tmp_path, text, "listed")
    assert "4 seats listed" in message and "only 3" in message
    assert key == "floors[1].reserved[1].seats"


def test_reserved_seat_that_does_not_exist(tmp_path: Path) -> None:
    text = """
[[floors.reserved]]
use = "staff"
rows = [2]
seats = [12, 13]
"""
    message, key, hint = one_problem(tmp_path, text, "no seat numbered")
    assert "Row 2" in message and "13" in message and "12," not in message
    assert key == "floors[1].reserved[1].seats"
    assert "printed" in hint


def test_reserved_section_that_does_not_exist(tmp_path: Path) -> None:
    text = """
[[floors.reserved]]
use = "media"
rows = [1]
sections = [4]
"""
    message, key, _hint = one_problem(tmp_path, text, "no section")
    assert "3 sections" in message and "section 4" in message
    assert key == "floors[1].reserved[1].sections"


def test_seat_both_blocked_and_reserved(tmp_path: Path) -> None:
    text = """
[[floors.blocked]]
rows = [3]
seats = [6]
[[floors.reserved]]
use = "media"
rows = [2, 3]
sections = [2]
"""
    message, key, hint = one_problem(tmp_path, text, "marked twice")
    assert "Row 3, seat 6" in message and "blocked" in message and "media" in message
    assert key == "floors[1].reserved[1]"
    assert "at most once" in hint


def test_reserved_row_beyond_the_floor(tmp_path: Path) -> None:
    text = """
[[floors.reserved]]
use = "staff"
rows = [5]
"""
    message, key, _hint = one_problem(tmp_path, text, "beyond")
    assert "Row 5" in message and "4 rows" in message
    assert key == "floors[1].reserved[1].rows"


def test_zero_seat_layout_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, ROOM.replace("[3, 6, 3]", "[0, 0, 0]"))
    (p,) = problems_of(path)
    assert "no seats" in p.message
    assert (p.location.file, p.location.key) == (str(path), "floors")


def test_every_seat_reserved_or_blocked(tmp_path: Path) -> None:
    text = """
[[floors.reserved]]
use = "staff"
rows = [1, 2, 3]
[[floors.blocked]]
rows = [4]
seats = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
"""
    path = write(tmp_path, ROOM + text)
    (p,) = problems_of(path)
    assert "reserved or blocked" in p.message
    assert (p.location.file, p.location.key) == (str(path), "floors")


def test_unknown_key_in_a_reserved_area(tmp_path: Path) -> None:
    text = """
[[floors.reserved]]
use = "staff"
rows = [1]
seat = [1]
"""
    path = write(tmp_path, ROOM + text)
    (p,) = problems_of(path)
    assert "'seat'" in p.message
    assert (p.location.file, p.location.key) == (str(path), "floors[1].reserved[1].seat")
    assert "seats" in p.hint and "sections" in p.hint


def test_unknown_use(tmp_path: Path) -> None:
    text = """
[[floors.reserved]]
use = "guests"
rows = [1]
"""
    (p,) = problems_of(write(tmp_path, ROOM + text))
    assert "observer" in p.message and "guests" in p.message
    assert p.location.key == "floors[1].reserved[1].use"


def test_every_problem_reported_together(tmp_path: Path) -> None:
    text = """
[[floors.blocked]]
rows = [1]
seats = [99]
[[floors.reserved]]
use = "staff"
rows = [9]
"""
    keys = {p.location.key for p in problems_of(write(tmp_path, ROOM + text))}
    assert keys == {"floors[1].blocked[1].seats", "floors[1].reserved[1].rows"}


# ---------------------------------------------------------------- the picture


def seat_lines(text: str) -> list[str]:
    """The picture's lines that draw seats (a row label, then glyphs)."""
    return [line for line in text.splitlines() if re.match(r" *R?\d+  ", line)]


def test_picture_legend_and_counts() -> None:
    layout = load_layout("auditorium-1500")
    text = picture(layout)
    assert picture_scale(layout) == 1
    for word in ("general", "observer", "staff", "media", "no chair", "podium"):
        assert word in text
    assert "Legend:" in text
    for use, glyph in SEAT_GLYPHS.items():
        assert f"{glyph} " in text.split("Legend:")[1]
        drawn = sum(line.count(glyph) for line in seat_lines(text))
        expected = blocked_places(layout) if use is SeatUse.BLOCKED else layout.capacity_for(use)
        assert drawn == expected, use
    assert "general (代表席) 1414  observer (列席) 80  staff (工作人员) 8  media (媒体) 12" in text
    assert "places without a chair: 10" in text
    assert "hall 1514 seats" in text
    assert "一楼: 1128 seats, rows 1–25" in text and "二楼: 386 seats, rows 1–10" in text
    assert "单双号" in text


def test_picture_rostrum_back_row_on_top_and_podium() -> None:
    text = picture(load_layout("auditorium-600"))
    lines = text.splitlines()
    r2 = next(i for i, line in enumerate(lines) if line.strip().startswith("R2"))
    r1 = next(i for i, line in enumerate(lines) if line.strip().startswith("R1"))
    assert r2 < r1
    assert lines[r1].count("▪") == 13 and lines[r2].count("▪") == 15
    podium = lines[r1 + 1]
    assert "◘" in podium and podium.index("◘") > lines[r1].rindex("▪")  # front right
    assert "604" in text
    row17 = next(line for line in lines if line.startswith("  17"))
    assert row17.split() == ["17", "⊡⊡▫▫▫▫▫▫▫", "◦" * 16, "▫▫▫▫▫▫▫⊡⊡"]  # aisles kept


def test_picture_of_a_very_wide_hall_is_compressed_and_fits() -> None:
    layout = load_layout("great-hall-10000")
    text = picture(layout)
    assert picture_scale(layout) == 2
    assert "up to 2 seats" in text
    rows = seat_lines(text)
    assert len(rows) == 7 + 38 + 28 + 22
    assert max(len(line) for line in rows) <= 80
    # still exact in words, and nothing small disappears: the camera platform shows
    assert "places without a chair: 28" in text and "hall 9970 seats" in text
    assert "✕" in next(line for line in rows if line.startswith("  19"))
    # a narrower terminal gets a coarser scale
    assert picture_scale(layout, width=50) > 2
    assert max(len(line) for line in seat_lines(picture(layout, width=50))) <= 50


def test_picture_columns_are_one_cell_wide_everywhere() -> None:
    # East Asian Width "ambiguous" glyphs (□ ○ ×) take two cells in a Chinese
    # terminal and one elsewhere; the seat lines use none of them, nor wide ones.
    for path in shipped_layouts():
        for line in seat_lines(picture(read_layout(path))):
            assert {unicodedata.east_asian_width(c) for c in line} <= {"N", "Na"}, line


def test_picture_is_pure_and_deterministic() -> None:
    layout = load_layout("lecture-hall-200")
    assert picture(layout) == picture(layout)
    assert "staff (工作人员) 2" in picture(layout)


def test_a_misspelt_layout_suggests_the_near_name() -> None:
    from click.testing import CliRunner

    from meetplan.cli import main

    result = CliRunner().invoke(main, ["layouts", "auditorum-600"])
    assert result.exit_code == 1
    assert "Did you mean auditorium-600" in result.output


def test_a_layout_that_passed_the_schema_is_not_checked_again_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import meetplan.layouts as layouts

    source = next(p for p in shipped_layouts() if p.stem == "meeting-room-40")
    hall = tmp_path / "hall.toml"
    hall.write_bytes(source.read_bytes())
    checked = []
    real = layouts.schema_problems

    def counted(*args: object, **kwargs: object) -> object:
        checked.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(layouts, "schema_problems", counted)
    first = load_layout(str(hall), base=tmp_path)
    again = load_layout(str(hall), base=tmp_path)
    assert first == again and checked == [1]  # the same bytes: the schema is not asked again
    assert read_layout(hall) == first and checked == [1, 1]  # no meeting folder: checked
    hall.write_text(source.read_text(encoding="utf-8") + '\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(UserError, match="colour"):
        load_layout(str(hall), base=tmp_path)  # changed: checked, and the mistake is found
    for kept in (tmp_path / ".meetplan.cache" / "layouts").iterdir():
        kept.write_bytes(b"damaged")
    hall.write_bytes(source.read_bytes())
    load_layout(str(hall), base=tmp_path)
    assert len(checked) == 4  # a damaged cache only means checking again
