"""The banquet's documents: 宴会桌次图.pdf, 席卡.pdf, 桌号牌.pdf, 宴会座位表.xlsx."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from meetplan.banquet import assign, load_room
from meetplan.banquet.documents import (
    BANQUET_CHART_PDF,
    BANQUET_DOCUMENTS,
    BANQUET_XLSX,
    PLACE_CARDS_PDF,
    TABLE_NUMBERS_PDF,
    banquet_documents,
    check_banquet_glyphs,
    clipped_banquet,
    render_banquet,
)
from meetplan.fonts import FontBook
from meetplan.model.attendee import Attendee, Roster
from meetplan.model.banquet import BanquetPlan, BanquetSettings
from meetplan.model.layout import Layout
from meetplan.model.plan import Plan
from meetplan.model.settings import MeetingInfo, NameOrder, ProtocolSettings, Settings
from meetplan.ordering import name_key
from meetplan.render.paper import paper_size
from meetplan.render.place_cards import sheet_grid

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["建国", "伟", "志强", "秀英", "明", "丽华", "海涛", "军", "晓东", "欣", "少东", "红梅"]
MEETING = MeetingInfo(title="全县经济工作会议", classification="内部", organizer="县委办公室")


def crowd(hosts: int, guests: int) -> Roster:
    """Distinct names, host side first; guests of four units."""
    people = []
    for i in range(1, hosts + guests + 1):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 5) % len(GIVEN)] + ("" if i < 45 else "子")
        side = "主方" if i <= hosts else "客方"
        unit = "县委" if i <= hosts else ("省发展改革委", "省财政厅", "省交通运输厅", "市委")[i % 4]
        people.append(
            Attendee(
                i,
                name,
                i,
                unit=unit,
                title="处长",
                extra={"宴会": "是", "主客": side},
                source_row=i + 1,
            )
        )
    return Roster(tuple(people), "roster.xlsx")


@pytest.fixture(scope="module")
def fonts() -> FontBook:
    return FontBook(use_system_fonts=False)


def settings(order: NameOrder = NameOrder.SURNAME_STROKES) -> Settings:
    return Settings(meeting=MEETING, protocol=ProtocolSettings(name_order=order))


CASES = [("banquet-hall-10", 12, 28), ("banquet-room-3", 6, 14)]


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def case(request: pytest.FixtureRequest, fonts: FontBook) -> tuple[BanquetPlan, dict[str, bytes]]:
    room, hosts, guests = request.param
    plan = assign(crowd(hosts, guests), load_room(room), BanquetSettings(room=room))
    return plan, render_banquet(plan, fonts, settings())


def pdf_text(data: bytes) -> list[str]:
    """Each page's text, without the spaces and line breaks extraction puts in."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def names(plan: BanquetPlan) -> list[str]:
    return [s.person.name for t in plan.tables for s in t.seats]


def test_the_four_documents(case: tuple[BanquetPlan, dict[str, bytes]]) -> None:
    _plan, documents = case
    assert tuple(documents) == BANQUET_DOCUMENTS


def test_the_chart_has_every_name_the_tables_and_the_door(
    case: tuple[BanquetPlan, dict[str, bytes]],
) -> None:
    plan, documents = case
    pages = pdf_text(documents[BANQUET_CHART_PDF])
    chart, lists = pages[0], "".join(pages[1:])
    for name in names(plan):
        assert name in chart, name  # at its chair (written across, or down, upright)
        assert name in lists, name  # and in its table's list
    assert "入口" in chart and "主桌" in chart and "全县经济工作会议宴会桌次图" in chart
    for table in plan.tables[1:]:
        assert f"{table.number}号桌" in chart
    assert "1张建国（主陪）".replace("张建国", plan.tables[0].seats[0].person.name) in lists
    assert "内部" in chart and f"第1页共{len(pages)}页" in chart


def test_place_cards_one_per_diner_in_table_order(
    case: tuple[BanquetPlan, dict[str, bytes]],
) -> None:
    plan, documents = case
    per_sheet = 6  # 100 x 90 mm cards, 2 across and 3 down on A4
    assert sheet_grid(paper_size("100x90"))[1:] == (2, 3)
    pages = pdf_text(documents[PLACE_CARDS_PDF])
    assert len(pages) == -(-plan.diners // per_sheet)
    text = "".join(pages)
    order = names(plan)
    for name in order:
        assert text.count(name) >= 2, name  # both faces
    found = [text.find(name) for name in order]
    assert found == sorted(found)  # table by table, each in place order


def test_table_numbers_one_per_table_set(case: tuple[BanquetPlan, dict[str, bytes]]) -> None:
    plan, documents = case
    pages = pdf_text(documents[TABLE_NUMBERS_PDF])
    assert len(pages) == len(plan.used)
    assert "主桌" in pages[0] and "1号桌" in pages[0]
    for table, page in zip(plan.used[1:], pages[1:], strict=True):
        assert page.count(f"{table.number}号桌") == 2


def test_xlsx_sorted_by_the_name_order_setting(fonts: FontBook) -> None:
    plan = assign(crowd(12, 28), load_room("banquet-hall-10"), BanquetSettings())
    for order in (NameOrder.SURNAME_STROKES, NameOrder.PINYIN):
        data = render_banquet(plan, fonts, settings(order))[BANQUET_XLSX]
        book = openpyxl.load_workbook(io.BytesIO(data))
        lookup = book["宴会座位表"]
        header = next(r for r in range(1, 10) if lookup.cell(r, 1).value == "姓名")
        rows = [
            [cell.value for cell in row]
            for row in lookup.iter_rows(min_row=header + 1)
            if row[0].value
        ]
        listed = [r[0] for r in rows]
        assert listed == sorted(names(plan), key=lambda n: name_key(n, order))
        first = plan.tables[0].seats[0].person.name
        assert next(r for r in rows if r[0] == first)[3:6] == ["主桌", "主陪位", "主方"]
        tables = book["各桌名单"]
        by_table = [row[2].value for row in tables.iter_rows(min_row=header + 1) if row[2].value]
        assert by_table == names(plan)
    assert lookup.print_title_rows == f"${header}:${header}"


def test_the_same_plan_gives_the_same_bytes(fonts: FontBook) -> None:
    plan = assign(crowd(6, 14), load_room("banquet-room-3"), BanquetSettings())
    first = render_banquet(plan, FontBook(use_system_fonts=False), settings())
    again = render_banquet(plan, FontBook(use_system_fonts=False), settings())
    assert first == again


def test_banquet_documents_from_a_meeting_plan(fonts: FontBook) -> None:
    roster = crowd(6, 14)
    plan = Plan(roster, Layout("x", "x", (1,), ()), settings(), ())
    documents = banquet_documents(plan, fonts, BanquetSettings(), load_room("banquet-room-3"))
    assert set(documents) == set(BANQUET_DOCUMENTS)


def test_glyphs_and_cut_names(fonts: FontBook) -> None:
    roster = crowd(2, 4)
    long_name = "阿依古丽·买买提·艾尔肯·阿布都热合曼·托乎提·吐尔逊·买买提明·阿不都"
    people = (
        *roster.attendees[:-1],
        Attendee(99, long_name, 99, extra={"宴会": "是"}, source_row=100),
    )
    plan = assign(
        Roster(tuple(people), "roster.xlsx"), load_room("banquet-room-3"), BanquetSettings()
    )
    clipped = clipped_banquet(plan, fonts, settings())
    assert {(c.document, c.name) for c in clipped} == {
        ("席卡.pdf", long_name),
        ("宴会桌次图.pdf", long_name),
    }
    assert check_banquet_glyphs(plan, fonts, settings(), "roster.xlsx") == []
    odd = (*roster.attendees, Attendee(98, "王\U000f0000", 98, extra={"宴会": "是"}, source_row=99))
    plan = assign(Roster(tuple(odd), "roster.xlsx"), load_room("banquet-room-3"), BanquetSettings())
    problems = check_banquet_glyphs(plan, fonts, settings(), "roster.xlsx")
    assert problems and problems[0].location.row == 99


def test_chart_pages_render_to_png(
    tmp_path: Path, case: tuple[BanquetPlan, dict[str, bytes]]
) -> None:
    """The PDF is one a real reader opens: every page has the size it says."""
    _plan, documents = case
    for name in (BANQUET_CHART_PDF, PLACE_CARDS_PDF, TABLE_NUMBERS_PDF):
        reader = PdfReader(io.BytesIO(documents[name]))
        assert all(float(p.mediabox.width) > 100 for p in reader.pages)


def test_the_chart_takes_a3_when_names_would_be_too_small_on_a4(
    case: tuple[BanquetPlan, dict[str, bytes]],
) -> None:
    plan, documents = case
    page = PdfReader(io.BytesIO(documents[BANQUET_CHART_PDF])).pages[0]
    width = round(float(page.mediabox.width))
    assert width == (1191 if plan.room.name == "banquet-hall-10" else 842)  # A3 / A4 landscape


def test_build_names_the_banquet_documents_it_may_write() -> None:
    from meetplan.banquet.documents import BANQUET_DOCUMENTS as MADE
    from meetplan.build import BANQUET_DOCUMENTS

    assert set(BANQUET_DOCUMENTS) == set(MADE)
