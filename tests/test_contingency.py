"""应急调整表.pdf and the card index: what the staff do for each scenario, and that it is right."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from meetplan.build import plan_meeting
from meetplan.fonts import FontBook
from meetplan.layouts import load_layout
from meetplan.meeting import load_config
from meetplan.model import (
    Area,
    Attendance,
    Attendee,
    EvenRostrum,
    HonorSide,
    ProtocolSettings,
    Roster,
    Settings,
)
from meetplan.model.layout import Seat
from meetplan.model.plan import Plan
from meetplan.model.settings import HallGaps, HallSettings, MeetingInfo, SubstituteSeat
from meetplan.moves import RowChairs, all_changes, apply, changes
from meetplan.planning import make_plan
from meetplan.render.cards import (
    INDEX_NO_SEAT,
    PRESENT,
    STANDBY,
    TENTATIVE,
    Card,
    cards_text,
    conditional_cards,
    render_cards,
)
from meetplan.render.contingency_pdf import (
    NO_SCENARIOS,
    NOTHING_CHANGES,
    chairs_line,
    chinese_number,
    compress_seats,
    contingency_text,
    render_contingency,
)
from meetplan.render.paper import paper_size
from tests.test_build import fonts_of
from tests.test_rostrum import published

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-plenary"
NAMES = "甲乙丙丁戊己庚辛壬癸"


def leader(i: int, precedence: int | None = None, **kw: object) -> Attendee:
    name = f"领导{NAMES[i - 1]}" if i <= len(NAMES) else f"领导{i}"
    return Attendee(
        id=i,
        name=name,
        precedence=precedence if precedence is not None else i,
        unit="县委",
        area=Area.ROSTRUM,
        **kw,  # type: ignore[arg-type]
    )


def plan_of(people: list[Attendee], layout: str = "auditorium-600", **settings: object) -> Plan:
    return make_plan(Roster(tuple(people)), load_layout(layout), Settings(**settings))  # type: ignore[arg-type]


def rostrum(scenario) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {a.seat.label: a.person.name for a in scenario.in_area("rostrum")}


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def render(plan: Plan) -> bytes:
    fonts = FontBook(use_system_fonts=False)
    text = contingency_text(plan)
    return render_contingency(plan, fonts.register("song", text), fonts.register("hei", text))


# -- the property: the absent scenario is the protocol's row for N-1, and the list gets there


@pytest.mark.parametrize("side", list(HonorSide))
@pytest.mark.parametrize("variant", list(EvenRostrum))
@pytest.mark.parametrize(("n", "absent"), [(n, k) for n in range(3, 10) for k in range(1, n + 1)])
def test_absent_scenario_is_the_published_row_and_the_moves_reach_it(
    n: int, absent: int, variant: EvenRostrum, side: HonorSide
) -> None:
    people = [
        leader(i, attendance=Attendance.TENTATIVE if i == absent else Attendance.PRESENT)
        for i in range(1, n + 1)
    ]
    plan = plan_of(people, protocol=ProtocolSettings(honor_side=side, even_rostrum=variant))
    scenario = next(s for s in plan.scenarios if s.id == f"absent-{absent}")
    row = sorted(scenario.in_area("rostrum"), key=lambda a: a.seat.col)
    remaining = sorted(p.precedence for p in people if p.id != absent)  # type: ignore[type-var]
    rank = {p: r for r, p in enumerate(remaining, start=1)}
    expected = published(n - 1, variant)
    if side is HonorSide.RIGHT:
        expected = expected[::-1]
    assert [rank[a.person.precedence] for a in row] == expected
    assert [a.seat.col for a in row] == list(range(1, n))  # no empty chair

    change = changes(plan.base, scenario)
    assert apply(plan.base, change) == rostrum(scenario)
    assert change.remove == ((f"领导{NAMES[absent - 1]}", plan.base.seat_of(absent).label),)  # type: ignore[union-attr]
    assert change.chairs == (RowChairs(1, n, n - 1),)
    assert not change.add


@pytest.mark.parametrize("mode", list(SubstituteSeat))
def test_substitute_scenario_moves_reach_it(mode: SubstituteSeat) -> None:
    people = [leader(i) for i in range(1, 6)]
    people[1] = leader(2, attendance=Attendance.TENTATIVE)
    people.append(leader(6, substitute_for="领导乙"))
    plan = plan_of(people, protocol=ProtocolSettings(substitute_seat=mode))
    for change in all_changes(plan):
        assert apply(plan.base, change) == rostrum(change.scenario)
    sub = next(s for s in plan.scenarios if s.id == "substitute-6")
    change = changes(plan.base, sub)
    assert change.add == (("领导己", sub.seat_of(6).label),)  # type: ignore[union-attr]
    if mode is SubstituteSeat.IN_PLACE:
        assert not change.move and not change.chairs


# -- the sheet's words -----------------------------------------------------------------


def test_sheet_names_every_scenario_card_and_move() -> None:
    people = [leader(i) for i in range(1, 8)]
    people[2] = leader(3, attendance=Attendance.TENTATIVE)
    people[5] = leader(6, attendance=Attendance.TENTATIVE)
    people.append(leader(8, substitute_for="领导丙"))
    plan = plan_of(people, meeting=MeetingInfo(title="测试会议", classification="内部"))
    pdf = render(plan)
    text = flat(pdf_text(pdf))
    assert "应急调整表" in text and "测试会议" in text and "内部" in text
    assert len(plan.scenarios) == 5  # base, 丙 absent, 丙 by 辛, 己 absent, both absent
    for change in all_changes(plan):
        assert change.scenario.title in text
        for name, seat in change.remove + change.add:
            assert flat(f"{name}：{seat}") in text
        for m in change.move:
            assert flat(f"{m.name}：{m.before} → {m.after.removeprefix('主席台')}") in text
    assert "第1排：从（观众看）" in text  # which end the chair goes from
    assert "代会备用" in text
    # every character drawn was registered with the fonts
    drawn = set(flat(pdf_text(pdf)))
    assert drawn <= set(contingency_text(plan))
    assert re.search(r"第1页共\d+页", text)


def test_no_change_and_no_scenario() -> None:
    plain = plan_of([leader(1), leader(2)])
    assert flat(NO_SCENARIOS) in flat(pdf_text(render(plain)))
    same = replace(plain.base, id="absent-9", title="某人不到会")  # nothing to change
    plan = replace(plain, scenarios=(plain.base, same))
    text = flat(pdf_text(render(plan)))
    assert "某人不到会" in text and flat(NOTHING_CHANGES) in text


@pytest.mark.parametrize("gaps", list(HallGaps))
def test_hall_part_lists_empty_seats_and_moves_by_unit(gaps: HallGaps) -> None:
    people = [leader(1), leader(2, attendance=Attendance.TENTATIVE)]
    people += [
        Attendee(id=i, name=f"人{i:03d}", precedence=i, unit="甲局" if i < 9 else "乙局")
        for i in range(3, 14)
    ]
    people[4] = replace(people[4], attendance=Attendance.TENTATIVE)  # 人005, 甲局
    plan = plan_of(people, layout="meeting-room-40", hall=HallSettings(gaps=gaps))
    change = next(c for c in all_changes(plan) if c.scenario.id == "all-tentative-absent")
    text = flat(pdf_text(render(plan)))
    assert "空出的座位（1个" in text
    if gaps is HallGaps.CLOSE_UP:
        assert change.hall_move and "调整座位：甲局" in text
        for m in change.hall_move:
            assert flat(f"{m.name}：{m.before} → {m.after}") in text
    else:
        assert not change.hall_move and "调整座位" not in text


def test_chairs_go_from_the_end_of_the_lowest_place() -> None:
    plan = plan_of([leader(1)])
    # 13 chairs: No.13 sits at the audience's left end (PROTOCOL.md §2, 左为上)
    assert (
        chairs_line(1, 13, 12, plan) == "第1排：从（观众看）左端撤去 1 把椅子，其余 12 把居中摆放"
    )
    # 12 chairs, variant A: No.12 at the right end
    assert "右端撤去 1 把" in chairs_line(1, 12, 11, plan)
    assert "左、右两端各撤去 1 把" in chairs_line(1, 5, 3, plan)
    assert "左端撤去 2 把、右端撤去 1 把" in chairs_line(1, 5, 2, plan)
    assert chairs_line(2, 3, 0, plan) == "第2排：撤去全部 3 把椅子"
    assert "加 1 把椅子，共 4 把居中摆放" in chairs_line(1, 3, 4, plan)


def test_hall_seats_compressed_by_row() -> None:
    def seat(row: int, col: int) -> Seat:
        return Seat("hall", row, col, f"{row}排{col}号", number=col)

    seats = [seat(3, 12), seat(3, 14), *(seat(5, c) for c in range(1, 5)), seat(5, 7)]
    assert compress_seats(seats) == "3排12、14号；5排1–4、7号"


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]


def test_large_rostrum_fits_the_page() -> None:
    people = [
        leader(i, attendance=Attendance.TENTATIVE if i in (3, 40) else Attendance.PRESENT)
        for i in range(1, 80)
    ]
    plan = plan_of(people, layout="great-hall-10000")
    pdf = render(plan)
    reader = PdfReader(io.BytesIO(pdf))
    width = float(reader.pages[0].mediabox.width)
    for page in reader.pages:
        xs: list[float] = []

        def visit(
            text: str, cm: list[float], tm: list[float], _f: object, _s: float, xs: list = xs
        ) -> None:
            if text.strip():
                xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

        page.extract_text(visitor_text=visit)
        assert all(0 <= x < width - 20 for x in xs)
    assert "领导40不到会" in flat(pdf_text(pdf))


# -- the card index --------------------------------------------------------------------


def test_card_index_lists_every_card_with_its_status() -> None:
    people = [leader(i) for i in range(1, 6)]
    people[1] = leader(2, attendance=Attendance.TENTATIVE)
    people.append(leader(6, substitute_for="领导乙"))
    people.append(leader(7, attendance=Attendance.ABSENT))
    people.append(leader(8, substitute_for="领导庚"))  # comes in every scenario
    plan = plan_of(people)
    cards = conditional_cards(plan)
    assert [c.name for c in cards if not c.conditional][-1] == "领导辛"
    assert {c.name: c.status for c in cards}["领导辛"] == "出席（代领导庚）"
    cards = [c for c in cards if c.name != "领导辛"]
    base = rostrum(plan.base)
    assert [c.name for c in cards[:5]] == [base[c.seat_label] for c in cards[:5]]
    assert [c.seat_label for c in cards[:5]] == [f"主席台第1排第{i}座" for i in range(1, 6)]
    status = {c.name: c.status for c in cards}
    assert status["领导乙"] == TENTATIVE
    assert status["领导甲"] == PRESENT
    assert status["领导己"] == STANDBY.format(leader="领导乙")
    sub = next(s for s in plan.scenarios if s.id == "substitute-6")
    assert cards[-1] == Card("领导己", "", sub.seat_of(6).label, status["领导己"], 6)  # type: ignore[union-attr]

    fonts = FontBook(use_system_fonts=False)
    title = "测试会议 桌签"
    font = fonts.register("song", cards_text(cards, index=True, title=title))
    pdf = render_cards(cards, font, paper_size("A4"), title=title, index=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(cards) + 1
    index = flat(reader.pages[0].extract_text())
    for number, card in enumerate(cards, start=1):
        # 序号, 姓名, 座位, 状态, and the page the card is printed on (after the index page)
        assert flat(f"{number}{card.name}{card.seat_label}{card.status}{number + 1}") in index
    # conditional cards say so on the seat side, for the staff sorting them
    for number, card in enumerate(cards, start=1):
        face = reader.pages[number].extract_text()
        assert ("待定" in face or "代会备用" in face) == card.conditional
    assert set(flat(pdf_text(pdf))) <= set(cards_text(cards, index=True, title=title))


def test_card_index_without_seat_and_defaults_unchanged() -> None:
    fonts = FontBook(use_system_fonts=False)
    cards = [Card("张三", status=PRESENT), Card("李四", status=STANDBY.format(leader="张三"))]
    font = fonts.register("song", cards_text(cards, index=True))
    pdf = render_cards(cards, font, paper_size("A5"), index=True)
    assert INDEX_NO_SEAT in pdf_text(pdf)
    plain = render_cards(cards, font, paper_size("A5"))
    assert len(PdfReader(io.BytesIO(plain)).pages) == 2  # no index unless asked


def test_long_index_runs_over_pages_with_the_right_page_numbers() -> None:
    fonts = FontBook(use_system_fonts=False)
    cards = [Card(f"代表{i}", seat_label=f"主席台第1排第{i}座", status=PRESENT) for i in range(60)]
    font = fonts.register("song", cards_text(cards, index=True))
    reader = PdfReader(io.BytesIO(render_cards(cards, font, paper_size("A4"), index=True)))
    pages = len(reader.pages) - len(cards)
    assert pages > 1
    assert "（续）" in reader.pages[1].extract_text()
    last = flat(reader.pages[pages - 1].extract_text())
    assert flat(f"60代表59主席台第1排第59座出席{len(reader.pages)}") in last
    assert flat(reader.pages[pages].extract_text()).count("代表0") == 2  # the first card


# -- the county example ----------------------------------------------------------------


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, bytes, bytes]:
    folder = tmp_path_factory.mktemp("county") / "county-plenary"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEETPLAN_NO_SYSTEM_FONTS", "1")
        fonts = FontBook(use_system_fonts=False)
        day, _warnings = plan_meeting(load_config(folder), fonts)
        plan = day.plan
        text = contingency_text(plan)
        sheet = render_contingency(plan, fonts.register("song", text), fonts.register("hei", text))
        cards = conditional_cards(plan)
        card_font = fonts.register("song", cards_text(cards, index=True, title="桌签"))
        deck = render_cards(cards, card_font, paper_size("A4"), index=True)
    return plan, sheet, deck


def test_county_sheet(county: tuple[Plan, bytes, bytes], tmp_path: Path) -> None:
    plan, sheet, deck = county
    text = flat(pdf_text(sheet))
    assert len(plan.scenarios) > 1
    for s in plan.scenarios[1:]:
        assert s.title in text
    assert "范宁雪：主席台第1排第2座" in text
    path = tmp_path / "应急调整表.pdf"
    path.write_bytes(sheet)
    fonts = fonts_of(path)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    path = tmp_path / "桌签.pdf"
    path.write_bytes(deck)
    assert all(embedded for _name, embedded in fonts_of(path))
    index = flat(PdfReader(io.BytesIO(deck)).pages[0].extract_text())
    for card in conditional_cards(plan):
        assert flat(card.name + card.seat_label + card.status) in index
