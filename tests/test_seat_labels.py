"""Seat labels (座签.pdf): seat order, text on the sheet, one name size, settings checked."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm

from meetplan.fonts import FontBook
from meetplan.model import (
    Area,
    Attendee,
    Floor,
    HallRow,
    Layout,
    Roster,
    Settings,
    UserError,
)
from meetplan.planning import make_plan
from meetplan.render.seat_labels import (
    NO_LABELS,
    SeatLabel,
    labels_for,
    parse_grid,
    parse_label_spec,
    render_seat_labels,
    seat_label_text,
)
from tests.test_build import fonts_of

NAMES = ["张建国", "苏宇", "欧阳少东", "阿依古丽·买买提·艾尔肯", "李明"]
UNITS = ["县委办公室", "县发展和改革局", "县住房和城乡建设局"]


def sample(n: int) -> list[SeatLabel]:
    return [
        SeatLabel(NAMES[i % len(NAMES)], f"一楼 {i // 20 + 1}排 {i % 20 + 1}号", UNITS[i % 3])
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def font() -> str:
    return FontBook(use_system_fonts=False).register("song", seat_label_text(sample(60)))


def text_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def name_draws(pdf: bytes) -> list[tuple[str, float, float]]:
    """(text, font size, horizontal scale) of every draw larger than the seat line."""
    found: list[tuple[str, float, float]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text: str, cm: list[float], tm: list[float], _f: object, size: float) -> None:
            if text.strip() and size > 20:
                found.append((text.strip(), size, cm[0] * tm[0]))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("n", [1, 24, 25, 49])
def test_one_page_per_sheet_of_labels(font: str, n: int) -> None:
    pdf = render_seat_labels(sample(n), font)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == math.ceil(n / 24)


def test_grid_decides_the_labels_per_page(font: str) -> None:
    pdf = render_seat_labels(sample(25), font, label_size=(99 * mm, 57 * mm), grid=(2, 5))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3


def test_every_label_prints_name_seat_and_unit(font: str) -> None:
    labels = sample(24)
    (page,) = text_of(render_seat_labels(labels, font))
    flat = page.replace("\n", "").replace(" ", "")
    for label in labels:
        assert label.seat.replace(" ", "") in flat
        assert label.unit in flat
    assert "欧阳少东" in flat  # condensed, never wrapped
    assert "阿依古丽·买买提·艾尔肯" in flat
    (without,) = text_of(render_seat_labels(labels, font, with_unit=False))
    assert not any(unit in without for unit in UNITS)


def test_one_name_size_long_names_condensed(font: str) -> None:
    draws = name_draws(render_seat_labels(sample(5), font))
    assert len({size for _t, size, _s in draws}) == 1
    assert any(scale == pytest.approx(1.0) for text, _size, scale in draws if text.startswith("张"))
    assert any(scale < 0.9 for text, _size, scale in draws if "阿依古丽" in text)


def test_fonts_embedded(font: str, tmp_path: Path) -> None:
    path = tmp_path / "座签.pdf"
    path.write_bytes(render_seat_labels(sample(30), font, cut_guides=True))
    fonts = fonts_of(path)
    assert fonts
    assert all(embedded for _name, embedded in fonts), fonts


def test_no_labels_says_why(font: str) -> None:
    pages = text_of(render_seat_labels([], font))
    assert len(pages) == 1
    assert NO_LABELS in pages[0]


def test_labels_follow_the_hall_not_the_rostrum(font: str) -> None:
    layout = Layout(
        name="two-floors",
        title="礼堂",
        rostrum_rows=(3,),
        floors=(
            Floor("一楼", (HallRow("一楼", 1, (2, 2)), HallRow("一楼", 2, (2, 2)))),
            Floor("二楼", (HallRow("二楼", 1, (3,)),)),
        ),
    )
    people = [Attendee(1, "张建国", 1, "县委", area=Area.ROSTRUM)]
    people += [Attendee(i, f"代表{i}", i, "县财政局") for i in range(2, 12)]
    people.append(Attendee(12, "列席甲", 12, "县档案馆", area=Area.OBSERVER))
    plan = make_plan(Roster(tuple(people)), layout, Settings())
    labels = labels_for(plan)
    assert "张建国" not in {label.name for label in labels}  # a table card, not a label
    assert [label.seat for label in labels] == [
        *(f"一楼 1排 {n}号" for n in range(1, 5)),
        *(f"一楼 2排 {n}号" for n in range(1, 5)),
        *(f"二楼 1排 {n}号" for n in range(1, 4)),
    ]
    assert labels[-1] == SeatLabel("列席甲", "二楼 1排 3号", "县档案馆")


def test_one_floor_room_has_no_floor_on_the_label() -> None:
    layout = Layout("room", "会议室", (1,), (Floor("", (HallRow("", 1, (3,)),)),))
    plan = make_plan(Roster((Attendee(1, "王伟", 1, "县委"),)), layout, Settings())
    assert labels_for(plan) == [SeatLabel("王伟", "1排 1号", "县委")]


@pytest.mark.parametrize(
    ("spec", "expected"), [("70x37", (70, 37)), (" 63.5 × 38.1 mm", (63.5, 38.1))]
)
def test_label_size_in_millimetres(spec: str, expected: tuple[float, float]) -> None:
    w, h = parse_label_spec(spec)
    assert (round(w / mm, 1), round(h / mm, 1)) == expected


@pytest.mark.parametrize("spec", ["70", "70x", "A4", "5x5", "70x-37", "400x37"])
def test_bad_label_size_is_a_user_error(spec: str) -> None:
    with pytest.raises(UserError) as err:
        parse_label_spec(spec)
    problem = err.value.problems[0]
    assert problem.location.key == "print.label_size"
    assert problem.location.value == spec
    assert "70x37" in problem.hint


def test_grid() -> None:
    assert parse_grid("3x8") == (3, 8)
    assert parse_grid("2 × 5", label_size=(99 * mm, 57 * mm)) == (2, 5)


@pytest.mark.parametrize("spec", ["3", "3x", "0x8", "3.5x8", "three by eight", "3x99"])
def test_bad_grid_is_a_user_error(spec: str) -> None:
    with pytest.raises(UserError) as err:
        parse_grid(spec)
    assert err.value.problems[0].location.key == "print.label_grid"
    assert "3x8" in err.value.problems[0].hint


def test_grid_larger_than_the_page_is_refused(font: str) -> None:
    with pytest.raises(UserError) as err:
        parse_grid("3x8", label_size=(70 * mm, 37 * mm), page=A5)
    message = err.value.problems[0].message
    assert "210 x 296 mm" in message and "148 x 210 mm" in message
    with pytest.raises(UserError):
        render_seat_labels(sample(3), font, grid=(4, 8), page=A4)
