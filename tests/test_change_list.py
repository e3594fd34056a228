"""变更清单.pdf: a revised roster against the printed plan, as the office reads it."""

from __future__ import annotations

import io
import time
from dataclasses import replace
from typing import Any

import pytest
from pypdf import PdfReader

from meetplan.fonts import FontBook
from meetplan.history.revision import Revision, carried, match_people, revise
from meetplan.layouts import load_layout
from meetplan.model import Area, Attendee, Roster, Settings
from meetplan.model.plan import Plan
from meetplan.model.settings import MeetingInfo
from meetplan.planning import make_plan
from meetplan.render.change_list_pdf import change_list_text, render_change_list

MEETING = MeetingInfo(
    title="全县经济工作会议",
    date="2026-12-01",
    time="09:00",
    venue="县委礼堂",
    classification="内部",
)
SETTINGS = Settings(meeting=MEETING)


def leader(i: int, name: str, rank: int) -> Attendee:
    return Attendee(id=i, name=name, precedence=rank, unit="县委", area=Area.ROSTRUM)


def member(i: int, name: str, unit: str, rank: int, title: str = "") -> Attendee:
    return Attendee(id=i, name=name, precedence=rank, unit=unit, title=title, area=Area.HALL)


PRINTED = Roster(
    (
        leader(1, "张建国", 1),
        leader(2, "李明", 2),
        leader(3, "王芳", 3),
        member(4, "赵一", "发改委", 4, "主任"),
        member(5, "钱二", "发改委", 5, "副主任"),
        member(6, "孙三", "财政局", 6, "局长"),
        member(7, "周四", "财政局", 7),
        member(8, "吴五", "教育局", 8),
    )
)
# 陈刚 joins the rostrum at rank 2, 郑六 joins 发改委, 周四 is gone, 钱二 has a new title.
REVISED = Roster(
    (
        leader(1, "张建国", 1),
        leader(2, "陈刚", 2),
        leader(3, "李明", 3),
        leader(4, "王芳", 4),
        member(5, "赵一", "发改委", 5, "主任"),
        member(6, "钱二", "发改委", 6, "一级调研员"),
        member(7, "郑六", "发改委", 7),
        member(8, "孙三", "财政局", 8, "局长"),
        member(9, "吴五", "教育局", 9),
    )
)


def replan(printed: Plan, roster: Roster, *, fresh: bool = False) -> tuple[Plan, Revision]:
    """As the build does it: carry the printed seats over, re-plan, compare."""
    previous = None if fresh else carried(printed.base, match_people(printed.roster, roster))
    plan = make_plan(roster, printed.layout, printed.settings, previous=previous)
    return plan, revise(printed.base, printed.roster, plan, fresh=fresh)


def pdf_of(plan: Plan, revision: Revision) -> bytes:
    book = FontBook(use_system_fonts=False)
    text = change_list_text(plan, revision)
    return render_change_list(
        plan, revision, book.register("song", text), book.register("hei", text)
    )


def page_texts(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")


@pytest.fixture(scope="module")
def printed() -> Plan:
    return make_plan(PRINTED, load_layout("meeting-room-40"), SETTINGS)


@pytest.fixture(scope="module")
def revised(printed: Plan) -> tuple[Plan, Revision]:
    return replan(printed, REVISED)


@pytest.fixture(scope="module")
def pdf(revised: tuple[Plan, Revision]) -> bytes:
    return pdf_of(*revised)


def seat(plan: Plan, name: str) -> str:
    (label,) = [a.seat.label for a in plan.base.assignments if a.person.name == name]
    return label


def test_every_change_with_old_and_new_seat(
    printed: Plan, revised: tuple[Plan, Revision], pdf: bytes
) -> None:
    plan, revision = revised
    text = flat("".join(page_texts(pdf)))
    assert "全县经济工作会议变更清单" in text and "与上次打印的座次相比" in text
    assert "时间：2026年12月1日（星期二）上午9:00" in text and "地点：县委礼堂" in text
    # every person who sits elsewhere: one row with the old seat, then the new one
    assert {m.name for m in revision.moves.move} == {"李明", "王芳"}
    assert [m.name for m in revision.moves.hall_move] == ["孙三"]
    for m in revision.moves.move:  # 姓名 原座位 新座位 桌签
        assert m.before == seat(printed, m.name) and m.after == seat(plan, m.name)
        assert f"{m.name}{m.before}{m.after}补打" in text
    assert f"孙三财政局{seat(printed, '孙三')}{seat(plan, '孙三')}" in text  # 姓名 单位 原 新
    assert f"陈刚{seat(plan, '陈刚')}补打" in text  # the new leader's card is printed
    assert f"郑六发改委{seat(plan, '郑六')}" in text  # the newcomer: unit, seat
    assert f"周四财政局{seat(printed, '周四')}" in text  # the printed seat of who is gone
    assert "钱二职务副主任一级调研员" in text
    assert "第1排：在（观众看）右端加1把椅子，共4把居中摆放" in text
    assert "座次分单位需重发：发改委、财政局（2个单位）" in text
    assert "内部" in page_texts(pdf)[0] and "第 1 页" in page_texts(pdf)[0]


def test_summary_counts(revised: tuple[Plan, Revision], pdf: bytes) -> None:
    _plan, revision = revised
    text = flat("".join(page_texts(pdf)))
    moved = len(revision.moves.move) + len(revision.moves.hall_move)
    ranks = sum(1 for c in revision.edited if c.field == "排序")
    assert f"新增2人减少1人调座{moved}人信息变更1项（另有排序变动{ranks}人）" in text
    assert f"需补打：桌签{len(revision.cards)}张" in text
    assert "座签" not in text  # this room has no seat labels


def test_nothing_changed(printed: Plan) -> None:
    plan, revision = replan(printed, PRINTED)
    assert revision.nothing
    text = flat("".join(page_texts(pdf_of(plan, revision))))
    assert "与上次打印的座次相比没有变化。" in text
    for word in ("主席台", "会场", "新增", "补打", "座次分单位"):
        assert word not in text


def test_fresh_plan_says_so(printed: Plan) -> None:
    plan, revision = replan(printed, REVISED, fresh=True)
    text = flat("".join(page_texts(pdf_of(plan, revision))))
    assert "重新编排（未沿用上次打印的座次）：与上次打印的座次相比" in text
    assert f"调座{revision.moved}人" in text


def test_unit_changed_is_matched_by_name_and_said(printed: Plan) -> None:
    people = list(PRINTED.attendees)
    people[7] = replace(people[7], unit="科技局")  # 吴五 moved to another unit
    plan, revision = replan(printed, Roster(tuple(people)))
    assert any(m.by_name_only for m in revision.matching.pairs)
    text = flat("".join(page_texts(pdf_of(plan, revision))))
    assert "吴五单位教育局科技局按姓名对应" in text
    assert "吴五按姓名对应：原单位教育局，现单位科技局" in text


def test_text_has_every_character_drawn(revised: tuple[Plan, Revision], pdf: bytes) -> None:
    drawn = set(flat("".join(page_texts(pdf))))
    assert drawn - set(change_list_text(*revised)) == set()


def all_fonts_embedded(pdf: bytes) -> list[tuple[str, bool]]:
    fonts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            base = descendants[0].get_object() if descendants else font
            descriptor = base.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts.append((str(font["/BaseFont"]), embedded))
    return fonts


def test_fonts_embedded_no_helvetica(pdf: bytes) -> None:
    fonts = all_fonts_embedded(pdf)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts), fonts


def big_roster(units: list[str], per_unit: int, title: str) -> Roster:
    people = [leader(1, "张建国", 1)]
    for u, unit in enumerate(units):
        for k in range(per_unit):
            i = len(people) + 1
            people.append(member(i, f"{unit[0]}员{u:02d}{k:02d}", unit, i, title))
    return Roster(tuple(people))


def test_five_hundred_changes_paginate() -> None:
    units = [f"{c}局" for c in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"]
    printed = make_plan(
        big_roster(units, 25, "科员"), load_layout("auditorium-600"), SETTINGS, with_cases=False
    )
    # every title changes, the units come in the opposite order, re-planned from nothing
    first, *hall = printed.roster.attendees
    revised = Roster(
        (
            first,
            *(
                replace(p, id=i, precedence=i, title="副科长")
                for i, p in enumerate(reversed(hall), start=2)
            ),
        )
    )
    plan, revision = replan(printed, revised, fresh=True)
    assert len(revision.edited) >= 500 and revision.moved >= 100
    started = time.perf_counter()
    pdf = pdf_of(plan, revision)
    assert time.perf_counter() - started < 30  # a hang, not a timing: benchmarks measure time
    texts = page_texts(pdf)
    total = len(texts)
    assert total > 10
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
    text = flat("".join(texts))
    for m in revision.moves.hall_move:
        assert m.name in text and f"{m.before}{m.after}" in text
    assert text.count("调座人员") == 1 and "座签" in text  # this hall labels its seats
    assert all(embedded for _name, embedded in all_fonts_embedded(pdf))
