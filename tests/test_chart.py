"""座次图.pdf and 座次分单位.pdf: who is drawn where, page rules, fonts, the unit extract."""

from __future__ import annotations

import io
import itertools
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from meetplan.fonts import FontBook
from meetplan.layouts import load_layout
from meetplan.model import (
    Area,
    Attendance,
    Attendee,
    Floor,
    HallRow,
    Layout,
    MeetingInfo,
    Numbering,
    Plan,
    Podium,
    Roster,
    SeatUse,
    Settings,
)
from meetplan.planning import make_plan
from meetplan.render import chart_pdf
from meetplan.render.chart_pdf import (
    STYLES,
    chart_text,
    number_ranges,
    render_chart,
    render_unit_extract,
    style_of,
)
from meetplan.resources import layouts_dir
from tests.test_build import fonts_of

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏飞红玲志宏海波斌宇浩凯"
UNITS = [
    "县委办公室",
    "县人大常委会办公室",
    "县政府办公室",
    "县政协办公室",
    "县发展和改革局",
    "县财政局",
    "县教育局",
    "县公安局",
    "县住房和城乡建设局",
    "县农业农村局",
]
MEETING = MeetingInfo(
    title="全县经济工作会议",
    date="2026-12-01",
    time="09:00",
    venue="县委大礼堂",
    organizer="县委办公室",
    classification="内部",
)


def names() -> itertools.chain[str]:
    """Distinct names of two and three characters, and a few long ones to condense.

    No name is part of another, nor of two names written together (the chart's text
    runs names together): names end in a character no name starts with, and two- and
    three-character names differ in their second character.
    """
    long = ["欧阳少东", "阿依古丽·买买提"]
    two = (s + g for s, g in itertools.product(SURNAMES, GIVEN[:20]))
    three = (s + a + b for s, a, b in itertools.product(SURNAMES, GIVEN[20:], GIVEN))
    mixed = (n for pair in itertools.zip_longest(two, three) for n in pair if n)
    return itertools.chain(long, mixed)


def roster(
    hall: int, rostrum: int = 9, units: list[str] | None = None, observers: int = 0
) -> Roster:
    units = units or UNITS
    source = names()
    people: list[Attendee] = []
    for r in range(rostrum):
        people.append(
            Attendee(len(people) + 1, next(source), r + 1, "县委", "县委常委", area=Area.ROSTRUM)
        )
    per = -(-hall // len(units))
    for k in range(hall):
        people.append(
            Attendee(
                len(people) + 1,
                next(source),
                100 + k,
                units[k // per],
                "局长" if k % per == 0 else "科员",
                attendance=Attendance.TENTATIVE if k == 3 else Attendance.PRESENT,
            )
        )
    for k in range(observers):
        people.append(
            Attendee(
                len(people) + 1, next(source), 9000 + k, units[k % 2], "列席", area=Area.OBSERVER
            )
        )
    return Roster(tuple(people))


def make(layout: Layout | str, people: Roster) -> Plan:
    if isinstance(layout, str):
        layout = load_layout(layout)
    return make_plan(people, layout, Settings(meeting=MEETING))


@cache
def fonts_for(text: str) -> tuple[str, str]:
    book = FontBook(use_system_fonts=False)
    return book.register("song", text), book.register("hei", text)


def chart(plan: Plan) -> bytes:
    return render_chart(plan, plan.base, *fonts_for(chart_text(plan, plan.base)))


def extract(plan: Plan) -> bytes:
    return render_unit_extract(plan, plan.base, *fonts_for(chart_text(plan, plan.base)))


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def draws(plan: Plan, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[float, float]]:
    """Where each string is drawn (left end, baseline) on the chart's first page, taken
    from the drawing calls: pypdf merges the strings of a line, so cannot tell."""
    found: dict[str, tuple[float, float]] = {}
    say = chart_pdf.Ink.say

    def record(
        self: chart_pdf.Ink, s: str, x: float, y: float, *args: object, **kw: object
    ) -> None:
        if self.canvas.getPageNumber() == 1:
            found.setdefault(s, (x, y))
        say(self, s, x, y, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(chart_pdf.Ink, "say", record)
    chart(plan)
    return found


def page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]


A4_LANDSCAPE, A3_LANDSCAPE = (842, 595), (1191, 842)


def wide_hall(rows: int = 30, seats: int = 40) -> Layout:
    """Two wide sections: too wide for one readable page."""
    return Layout(
        name="wide",
        title="宽会场",
        rostrum_rows=(11,),
        floors=(
            Floor("一楼", tuple(HallRow("一楼", r, (seats, seats)) for r in range(1, rows + 1))),
        ),
        podium=Podium.FRONT_CENTRE,
    )


# -- the chart -------------------------------------------------------------------


def test_small_room_is_one_a4_page_with_every_name() -> None:
    plan = make("meeting-room-40", roster(25, rostrum=5, units=UNITS[:3]))
    pdf = chart(plan)
    assert page_sizes(pdf) == [A4_LANDSCAPE]
    (text,) = pages(pdf)
    for a in plan.base.assignments:
        assert a.person.name in flat(text)
    assert MEETING.title + "座次图" in flat(text)
    assert "县委大礼堂" in text and "2026年12月1日（星期二）" in text
    assert "左右以观众视角" in text  # nobody mirrors it
    assert "第1页共1页" in flat(text)


def test_auditorium_300_people_one_page_every_name_and_legend() -> None:
    plan = make("auditorium-600", roster(300, rostrum=15, observers=6))
    pdf = chart(plan)
    assert len(page_sizes(pdf)) == 1
    text = flat(pages(pdf)[0])
    for a in plan.base.assignments:
        assert a.person.name in text
    for unit in UNITS:
        assert unit in text  # the legend names every unit
    assert "主席台" in text and "发言席" in text


def test_every_font_embedded(tmp_path: Path) -> None:
    plan = make("auditorium-600", roster(120))
    for name, pdf in (("座次图.pdf", chart(plan)), ("座次分单位.pdf", extract(plan))):
        path = tmp_path / name
        path.write_bytes(pdf)
        fonts = fonts_of(path)
        assert fonts
        assert all(embedded for _name, embedded in fonts), (name, fonts)


def test_seen_from_the_hall_col_1_left_row_1_nearest_the_rostrum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = make("meeting-room-40", roster(25, rostrum=5, units=UNITS[:3]))
    where = draws(plan, monkeypatch)
    hall = {(a.seat.row, a.seat.col): a.person.name for a in plan.base.in_area("hall")}
    assert where[hall[1, 1]][0] < where[hall[1, 2]][0] < where[hall[1, 11]][0]
    assert where[hall[1, 1]][1] > where[hall[2, 1]][1]  # row 2 is further from the rostrum
    rostrum = [a.person.name for row in plan.base.rostrum_rows() for a in row]
    assert min(where[n][1] for n in rostrum) > where[hall[1, 1]][1]  # the rostrum on top
    front = plan.base.rostrum_rows()[0]
    xs = [where[a.person.name][0] for a in front]
    assert xs == sorted(xs)  # the rostrum, too, from the audience's left


def test_rostrum_back_row_on_top(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = make("auditorium-600", roster(20, rostrum=20))
    where = draws(plan, monkeypatch)
    front, back = plan.base.rostrum_rows()
    assert min(where[a.person.name][1] for a in back) > max(where[a.person.name][1] for a in front)


def test_odd_even_seat_numbers_as_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    layout = Layout(
        name="odd-even",
        title="礼堂",
        rostrum_rows=(3,),
        floors=(Floor("", (HallRow("", 1, (6,)),), numbering=Numbering.ODD_EVEN),),
    )
    plan = make(layout, roster(6, rostrum=1, units=UNITS[:1]))
    numbers: list[tuple[float, str]] = []
    note = chart_pdf.Ink.note

    def record(self: chart_pdf.Ink, s: str, x: float, y: float, size: float) -> None:
        numbers.append((x, s))
        note(self, s, x, y, size)

    monkeypatch.setattr(chart_pdf.Ink, "note", record)
    chart(plan)
    assert [s for _x, s in sorted(numbers)] == ["6", "4", "2", "1", "3", "5"]
    names = draws(plan, monkeypatch)
    by_col = {a.seat.col: names[a.person.name][0] for a in plan.base.in_area("hall")}
    assert [by_col[c] for c in range(1, 7)] == sorted(by_col.values())


def test_blocked_and_reserved_places_are_marked() -> None:
    layout = Layout(
        name="marked",
        title="礼堂",
        rostrum_rows=(3,),
        floors=(
            Floor(
                "",
                (
                    HallRow("", 1, (5,), uses=((3, SeatUse.BLOCKED),)),
                    HallRow("", 2, (5,), uses=tuple((c, SeatUse.MEDIA) for c in range(1, 6))),
                    HallRow("", 3, (5,), uses=tuple((c, SeatUse.STAFF) for c in (1, 2))),
                ),
            ),
        ),
    )
    plan = make(layout, roster(3, rostrum=1, units=UNITS[:1]))
    text = pages(chart(plan))[0]
    assert "媒体" in text and "工作人员" in text
    assert "无座" in text  # the legend explains the ×


def test_large_hall_splits_into_overview_and_parts() -> None:
    people = roster(2000, units=[f"第{i}代表团" for i in range(1, 41)])
    plan = make(wide_hall(), people)
    pdf = chart(plan)
    texts = pages(pdf)
    assert set(page_sizes(pdf)) == {A3_LANDSCAPE}
    assert len(texts) >= 3
    assert "总览" in texts[0]
    hall = [a.person.name for a in plan.base.in_area("hall")]
    overview = flat(texts[0])
    assert not any(name in overview for name in hall)  # blocks only on the overview
    assert "见第" in overview  # …saying where each part is
    parts = flat("".join(texts[1:]))
    for name in hall:
        assert parts.count(name) == 1, name
    for i, text in enumerate(texts, start=1):
        assert f"第{i}页共{len(texts)}页" in flat(text)


GREAT_HALL = layouts_dir() / "great-hall-10000.toml"


@pytest.mark.skipif(not GREAT_HALL.exists(), reason="the great hall layout is not shipped yet")
def test_great_hall_overview_legend_and_parts() -> None:
    units = [f"第{i}代表团" for i in range(1, 121)]
    plan = make("great-hall-10000", roster(3600, rostrum=60, units=units))
    texts = pages(chart(plan))
    assert "总览" in texts[0]
    assert len(texts) > 5
    everything = flat("".join(texts))
    for unit in units:
        assert unit in everything
    rostrum = [a.person.name for a in plan.base.in_area("rostrum")]
    for name in rostrum:
        assert name in flat(texts[0])


def test_same_plan_same_bytes() -> None:
    plan = make("auditorium-600", roster(80))
    assert chart(plan) == chart(plan)
    assert extract(plan) == extract(plan)


def test_neighbouring_units_never_share_a_style() -> None:
    assert len(set(STYLES)) == len(STYLES)
    for unit in range(1, 40):
        assert style_of(unit) != style_of(unit + 1)


# -- the unit extract ------------------------------------------------------------


def test_extract_lists_every_hall_person_once_with_their_seat() -> None:
    plan = make("auditorium-600", roster(300, rostrum=15, observers=6))
    tokens = "\n".join(pages(extract(plan))).split()  # a table row: 序号 姓名 职务 座位 备注
    for a in plan.base.in_area("hall"):
        assert tokens.count(a.person.name) == 1, a.person.name
        at = tokens.index(a.person.name)
        assert a.seat.label in tokens[at + 1 : at + 3]  # after the 职务, if any
    for label in (a.seat.label for a in plan.base.in_area("hall")):
        assert tokens.count(label) == 1, label


def test_extract_rostrum_first_then_units_in_roster_order() -> None:
    plan = make("auditorium-600", roster(60, rostrum=5))
    text = flat("".join(pages(extract(plan))))
    heads = [text.index("主席台5人")] + [text.index(f"{i}.{u}") for i, u in enumerate(UNITS, 1)]
    assert heads == sorted(heads)
    assert "座位：第1排1–6号" in text  # the first unit: six seats, row 1 from the left


def test_number_ranges() -> None:
    assert number_ranges([12, 13, 14, 15]) == "12–15号"
    assert number_ranges([7]) == "7号"
    assert number_ranges([11, 13, 15]) == "11–15号（单号）"
    assert number_ranges([8, 6, 4]) == "4–8号（双号）"
    assert number_ranges([6, 4, 2, 1, 3, 5]) == "1–6号"  # across the centre of a 单双号 row
    assert number_ranges([8, 6, 4, 1, 3]) == "4–8号（双号）、1–3号（单号）"
