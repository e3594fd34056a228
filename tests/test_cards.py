"""Table cards: one size for the set, two-character names spread, long names condensed."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from meetplan.fonts import FontBook
from meetplan.model import UserError
from meetplan.render.cards import Card, natural_width, render_cards
from meetplan.render.paper import paper_size

NAMES = ["张建国", "苏宇", "欧阳少东", "阿依古丽·买买提·艾尔肯", "李明"]


@pytest.fixture(scope="module")
def font() -> str:
    return FontBook(use_system_fonts=False).register(
        "song", "".join(NAMES) + "国县委书记主席台第排座0123456789"
    )


def draws(pdf: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Per page: (text, font size, x on the page, horizontal scale) of every text draw."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        found: list[tuple[str, float, float, float]] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            _font: object,
            size: float,
            found: list = found,
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                found.append((text, size, x, cm[0] * tm[0]))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def test_one_size_for_every_name_and_both_faces(font: str) -> None:
    pdf = render_cards(
        [Card(n, seat_label="主席台第1排第1座") for n in NAMES], font, paper_size("A4")
    )
    sizes = {size for page in draws(pdf) for text, size, _x, _s in page if size > 20}
    assert len(sizes) == 1
    for page, name in zip(PdfReader(io.BytesIO(pdf)).pages, NAMES, strict=True):
        text = page.extract_text().replace("\n", "").replace(" ", "")
        assert text.count(name) == 2  # hall side and seat side, never wrapped


def test_two_character_names_spread_to_three(font: str) -> None:
    pdf = render_cards([Card("苏宇"), Card("张建国")], font, paper_size("A4"))
    two, three = draws(pdf)
    size = two[0][1]
    big_two = [d for d in two if d[1] == size][:2]  # the upright face
    big_three = [d for d in three if d[1] == size]
    left_two, right_two = big_two[0][2], big_two[1][2] + stringWidth("宇", font, size)
    three_width = natural_width("张建国", font, size)
    assert right_two - left_two == pytest.approx(three_width, abs=0.5)
    assert big_three  # drawn at the same size as the two-character name


def test_long_name_condensed_not_shrunk(font: str) -> None:
    long_name = "阿依古丽·买买提·艾尔肯"
    pdf = render_cards([Card("张建国"), Card(long_name)], font, paper_size("A4"))
    normal, condensed = draws(pdf)
    assert {d[1] for d in normal if d[1] > 20} == {d[1] for d in condensed if d[1] > 20}
    assert all(abs(d[3]) == pytest.approx(1.0) for d in normal)
    assert any(abs(d[3]) < 0.95 for d in condensed)  # squeezed horizontally only


def test_title_line_optional(font: str) -> None:
    with_title = render_cards(
        [Card("张建国", title="县委书记")], font, paper_size("A4"), with_title=True
    )
    without = render_cards([Card("张建国", title="县委书记")], font, paper_size("A4"))
    assert "县委书记" in PdfReader(io.BytesIO(with_title)).pages[0].extract_text()
    assert "县委书记" not in PdfReader(io.BytesIO(without)).pages[0].extract_text()


def test_card_is_the_paper_landscape_with_fold(font: str) -> None:
    pdf = render_cards([Card("张建国")], font, paper_size("A5"))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 420)


@pytest.mark.parametrize("spec", ["A6x", "10x10", "huge"])
def test_unknown_paper_is_a_user_error(spec: str) -> None:
    with pytest.raises(UserError) as err:
        paper_size(spec)
    assert "210x297" in err.value.problems[0].hint


def test_size_in_millimetres() -> None:
    w, h = paper_size("200x100")
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (200, 100)
