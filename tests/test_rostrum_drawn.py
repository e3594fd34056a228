"""双数单摆 where the rostrum is drawn (座次图, 应急调整表, 座次表.xlsx), and rostrum_rows
from meeting.toml and the command line through to the plan."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from reportlab.pdfbase.pdfmetrics import stringWidth

from meetplan.cli import main
from meetplan.fonts import FontBook
from meetplan.layouts import load_layout
from meetplan.meeting import load_config
from meetplan.model import (
    Area,
    Attendance,
    Attendee,
    EvenRostrum,
    HonorSide,
    HostSeat,
    Plan,
    ProtocolSettings,
    Roster,
    Settings,
    UserError,
)
from meetplan.moves import changes
from meetplan.planning import make_plan
from meetplan.protocol.rostrum import rostrum_offsets
from meetplan.render import chart_pdf
from meetplan.render.contingency_pdf import (
    AXIS_NOTE,
    ON_AXIS,
    chairs_line,
    contingency_text,
    render_contingency,
    row_pictures,
)
from meetplan.render.seating_xlsx import render_seating_xlsx
from tests.test_contingency import pdf_text

ROOT = Path(__file__).resolve().parent.parent
NAMES = "甲乙丙丁戊己庚辛壬癸"


def leaders(n: int, tentative: tuple[int, ...] = ()) -> list[Attendee]:
    return [
        Attendee(
            id=i,
            name=f"领导{NAMES[i - 1]}",
            precedence=i,
            unit="县委",
            area=Area.ROSTRUM,
            attendance=Attendance.TENTATIVE if i in tentative else Attendance.PRESENT,
        )
        for i in range(1, n + 1)
    ]


def plan_of(people: list[Attendee], layout: str = "meeting-room-40", **protocol: object) -> Plan:
    settings = Settings(protocol=ProtocolSettings(**protocol))  # type: ignore[arg-type]
    return make_plan(Roster(tuple(people)), load_layout(layout), settings)


def name_centres(plan: Plan, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, float], float]:
    """Where the chart draws each string (the middle of it, across), and the page's centre."""
    found: dict[str, float] = {}
    page_width: list[float] = []
    say = chart_pdf.Ink.say

    def record(
        self: chart_pdf.Ink,
        s: str,
        x: float,
        y: float,
        size: float,
        *,
        font: str = "",
        scale: float = 1.0,
    ) -> None:
        if self.canvas.getPageNumber() == 1:
            found.setdefault(s, x + stringWidth(s, font or self.body, size) * scale / 2)
            page_width[:] = [self.canvas._pagesize[0]]
        say(self, s, x, y, size, font=font, scale=scale)

    monkeypatch.setattr(chart_pdf.Ink, "say", record)
    book = FontBook(use_system_fonts=False)
    text = chart_pdf.chart_text(plan, plan.base)
    chart_pdf.render_chart(plan, plan.base, book.register("song", text), book.register("hei", text))
    return found, page_width[0] / 2


@pytest.mark.parametrize("side", list(HonorSide))
@pytest.mark.parametrize("n", [2, 4, 6])
def test_chart_axis_puts_no1_on_the_page_centre_line(
    n: int, side: HonorSide, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_of(leaders(n), even_rostrum=EvenRostrum.AXIS, honor_side=side)
    at, centre = name_centres(plan, monkeypatch)
    assert at["领导甲"] == pytest.approx(centre, abs=0.01)
    # No.2 one seat toward the honour side: the audience's right under 左为上
    honour = 1 if side is HonorSide.LEFT else -1
    assert (at["领导乙"] - centre) * honour > 0
    if n > 2:
        assert at["领导丙"] - centre == pytest.approx(-(at["领导乙"] - centre))


@pytest.mark.parametrize("side", list(HonorSide))
def test_chart_variant_a_centres_the_line_between_no1_and_no2(
    side: HonorSide, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_of(leaders(4), even_rostrum=EvenRostrum.A, honor_side=side)
    at, centre = name_centres(plan, monkeypatch)
    assert (at["领导甲"] + at["领导乙"]) / 2 == pytest.approx(centre, abs=0.01)


def test_chart_axis_two_rows_each_no1_on_the_axis(monkeypatch: pytest.MonkeyPatch) -> None:
    # rostrum_rows (4, 3): the front row's No.1 is 领导甲, the back row's 领导戊
    plan = plan_of(
        leaders(7), layout="auditorium-600", even_rostrum=EvenRostrum.AXIS, rostrum_rows=(4, 3)
    )
    assert [len(r) for r in plan.base.rostrum_rows()] == [4, 3]
    at, centre = name_centres(plan, monkeypatch)
    assert at["领导甲"] == pytest.approx(centre, abs=0.01)
    assert at["领导戊"] == pytest.approx(centre, abs=0.01)


def test_axis_with_the_host_at_the_front_end_keeps_no1_on_the_axis() -> None:
    people = leaders(6)
    plan = plan_of(
        people,
        even_rostrum=EvenRostrum.AXIS,
        host="领导丙",
        host_seat=HostSeat.FRONT_END,
    )
    (row,) = plan.base.rostrum_rows()
    assert row[0].person.name == "领导丙"  # the host's end: the audience's left
    (offset,) = rostrum_offsets([row], plan.settings.protocol)
    no1 = next(a for a in row if a.person.name == "领导甲")
    assert no1.seat.col - (len(row) + 1) / 2 + offset == 0


# -- 应急调整表: the pictures and the chairs under 双数单摆


def test_contingency_axis_pictures_and_chairs() -> None:
    plan = plan_of(leaders(5, tentative=(3,)), even_rostrum=EvenRostrum.AXIS)
    scenario = next(s for s in plan.scenarios if s.id == "absent-3")
    (picture,) = row_pictures(
        plan.base, scenario, changes(plan.base, scenario), plan.settings.protocol
    )
    assert (picture.before_offset, picture.after_offset, picture.axis) == (0.0, 0.5, True)
    # 5 → 4 chairs: rank 5's chair at the left end goes; the others stay where they are
    line = chairs_line(1, 5, 4, plan)
    assert line == f"第1排：从（观众看）左端撤去 1 把椅子，其余 4 把{ON_AXIS}摆放"
    assert chairs_line(1, 4, 3, plan).endswith("其余 3 把居中摆放")
    book = FontBook(use_system_fonts=False)
    text = contingency_text(plan)
    pdf = render_contingency(plan, book.register("song", text), book.register("hei", text))
    assert AXIS_NOTE.lstrip("；") in pdf_text(pdf).replace("\n", "")


def test_contingency_variant_a_says_centred() -> None:
    plan = plan_of(leaders(5, tentative=(3,)))
    assert chairs_line(1, 5, 4, plan).endswith("其余 4 把居中摆放")
    scenario = next(s for s in plan.scenarios if s.id == "absent-3")
    (picture,) = row_pictures(
        plan.base, scenario, changes(plan.base, scenario), plan.settings.protocol
    )
    assert (picture.before_offset, picture.after_offset, picture.axis) == (0.0, 0.0, False)


# -- 座次表.xlsx: each seat two cells wide, so a row can stand half a seat off


@pytest.mark.parametrize("variant", [EvenRostrum.A, EvenRostrum.AXIS])
def test_xlsx_rostrum_axis(variant: EvenRostrum) -> None:
    plan = plan_of(leaders(4), even_rostrum=variant)
    sheet = load_workbook(io.BytesIO(render_seating_xlsx(plan))).worksheets[0]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    grid_middle = (2 + sheet.max_column) / 2  # between the grid's two middle columns
    no1 = cells["领导甲"].column  # its seat: this cell and the next
    no2 = cells["领导乙"].column
    if variant is EvenRostrum.AXIS:
        assert no1 + 0.5 == grid_middle
    else:
        assert (no1 + no2) / 2 + 0.5 == grid_middle


# -- rostrum_rows through the plan, meeting.toml and the command line


def test_plan_with_rostrum_rows_scenarios_shrink_the_back_rows_first() -> None:
    plan = plan_of(leaders(7, tentative=(2, 7)), layout="auditorium-600", rostrum_rows=(4, 3))
    assert [len(r) for r in plan.base.rostrum_rows()] == [4, 3]
    one = next(s for s in plan.scenarios if s.id == "absent-2")
    assert [len(r) for r in one.rostrum_rows()] == [4, 2]  # 领导戊 moves up to row 1
    assert [a.person.name for a in one.rostrum_rows()[0]] == [
        "领导丁",
        "领导甲",
        "领导丙",
        "领导戊",
    ]
    both = next(s for s in plan.scenarios if s.id not in ("base", "absent-2", "absent-7"))
    assert [len(r) for r in both.rostrum_rows()] == [4, 1]


def test_plan_with_rostrum_rows_not_adding_up() -> None:
    with pytest.raises(UserError) as err:
        plan_of(leaders(7, tentative=(7,)), layout="auditorium-600", rostrum_rows=(4, 2))
    (problem,) = err.value.problems
    assert "adds up to 6 (4 + 2), but 7 sit on the rostrum" in problem.message
    assert "待定" in problem.message
    assert "[4, 3]" in problem.hint


def test_rostrum_rows_from_meeting_toml_and_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    shutil.copytree(
        ROOT / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
    )
    toml = folder / "meeting.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('even_rostrum = "A"', 'even_rostrum = "axis"')
    text = text.replace("[protocol]\n", "[protocol]\nrostrum_rows = [12, 12, 14, 14]\n")
    toml.write_text(text, encoding="utf-8")
    protocol = load_config(folder).settings.protocol
    assert protocol.rostrum_rows == (12, 12, 14, 14)
    assert protocol.even_rostrum is EvenRostrum.AXIS
    overridden = load_config(folder, overrides={"protocol": {"rostrum_rows": "3,2"}})
    assert overridden.settings.protocol.rostrum_rows == (3, 2)

    result = CliRunner().invoke(main, ["build", str(folder), "--rostrum-rows", "9,9,9"])
    assert result.exit_code == 1
    assert "rostrum_rows gives 3 rows, but the rostrum of layout auditorium-600 has 2" in (
        result.output
    )
    assert "rostrum_rows adds up to 27 (9 + 9 + 9)" in result.output
    assert "nothing was written" in result.output
