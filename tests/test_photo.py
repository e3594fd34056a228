"""The group photo (合影, PROTOCOL.md §8): who is in it, the rows, the order, the
stagger, the caption, the scenarios, [photo] and the documents."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from meetplan.fonts import FontBook
from meetplan.layouts import load_layout
from meetplan.model import (
    Area,
    Attendance,
    Attendee,
    EvenRostrum,
    HonorSide,
    ProtocolSettings,
    Roster,
    Settings,
    UserError,
)
from meetplan.model.photo import (
    FrontRow,
    PhotoInclude,
    PhotoLineup,
    PhotoPaper,
    PhotoSettings,
)
from meetplan.model.plan import Plan
from meetplan.model.settings import SubstituteSeat
from meetplan.photo.config import parse_photo
from meetplan.photo.documents import (
    CAPTION_TXT,
    PHOTO_LABELS_PDF,
    PHOTO_PDF,
    clipped_photo_documents,
    photo_documents,
)
from meetplan.photo.lineup import (
    automatic_rows,
    caption,
    caption_text,
    change_lines,
    line_up,
    lineups,
    photo_changes,
    place_text,
    row_name,
    stagger,
    terminal_lines,
)
from meetplan.planning import make_plan
from meetplan.render.contingency_pdf import contingency_text, render_contingency
from meetplan.render.photo_pdf import paper_for
from meetplan.roster import load_roster
from tests.roster_files import write_csv
from tests.test_rostrum import published

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"


def person(i: int, area: Area = Area.ROSTRUM, **kw: object) -> Attendee:
    """Person i: precedence i; 王国, 李国 … for the first 40, then 王41, 李42 …"""
    surname = SURNAMES[(i - 1) % len(SURNAMES)]
    name = surname + ("国" if i <= len(SURNAMES) else str(i))
    return Attendee(id=i, name=name, precedence=i, unit="县委", area=area, **kw)  # type: ignore[arg-type]


def crowd(n: int) -> list[Attendee]:
    """n people: nine on the rostrum, the rest in the hall (include = "all" takes them all)."""
    return [person(i, Area.ROSTRUM if i <= 9 else Area.HALL) for i in range(1, n + 1)]


def plan_of(people: list[Attendee], layout: str = "auditorium-600", **settings: object) -> Plan:
    return make_plan(Roster(tuple(people)), load_layout(layout), Settings(**settings))  # type: ignore[arg-type]


def ranks(lineup: PhotoLineup) -> list[list[int]]:
    """Each row's ranks (precedence), left to right as the camera sees them."""
    return [[p.person.precedence or 0 for p in row.places] for row in lineup.rows]


def rule(n: int, side: HonorSide, even: EvenRostrum = EvenRostrum.A) -> list[int]:
    """The published rule (PROTOCOL.md §2, §8), seen from the camera, stated on its own:
    odd n: n … 5 3 1 2 4 … n-1; even n, variant A: n-1 … 3 1 2 4 … n; variant B: the
    mirror of A's even rule (n … 4 2 1 3 … n-1); 右为上 mirrors all."""
    odds = list(range(1, n + 1, 2))
    evens = list(range(2, n + 1, 2))
    variant_b = n % 2 == 0 and even is EvenRostrum.B
    seq = evens[::-1] + odds if variant_b else odds[::-1] + evens
    return seq if side is HonorSide.LEFT else seq[::-1]


# -- the order: the rostrum rule, N = 1..25, each honour side -----------------------------


@pytest.mark.parametrize("side", list(HonorSide))
@pytest.mark.parametrize("n", range(1, 26))
def test_one_row_is_the_rostrum_rule(n: int, side: HonorSide) -> None:
    people = [person(i) for i in range(1, n + 1)]
    plan = plan_of(people, "auditorium-600", protocol=ProtocolSettings(honor_side=side))
    photo = PhotoSettings(include=PhotoInclude.ROSTRUM, rows=(n,))
    assert ranks(line_up(plan, photo)) == [rule(n, side)]
    if n <= 9:  # the table printed in PROTOCOL.md
        expected = published(n, EvenRostrum.A) if n > 1 else [1]
        assert ranks(line_up(plan, photo))[0] == (
            expected if side is HonorSide.LEFT else expected[::-1]
        )


@pytest.mark.parametrize("side", list(HonorSide))
@pytest.mark.parametrize("n", range(2, 26, 2))
def test_even_rows_follow_even_rostrum_b(n: int, side: HonorSide) -> None:
    plan = plan_of(
        [person(i) for i in range(1, n + 1)],
        protocol=ProtocolSettings(honor_side=side, even_rostrum=EvenRostrum.B),
    )
    lineup = line_up(plan, PhotoSettings(rows=(n,)))
    assert ranks(lineup) == [rule(n, side, EvenRostrum.B)]


@pytest.mark.parametrize("side", list(HonorSide))
@pytest.mark.parametrize("n", range(1, 26))
def test_rows_filled_front_first_each_by_the_rule(n: int, side: HonorSide) -> None:
    plan = plan_of([person(i) for i in range(1, n + 1)], protocol=ProtocolSettings(honor_side=side))
    lineup = line_up(plan, PhotoSettings(row_max=5))
    start = 0
    assert sum(len(r) for r in ranks(lineup)) == n
    for row in ranks(lineup):
        k = len(row)
        assert [r - start for r in row] == rule(k, side)  # front rows take the first ranks
        start += k


def test_the_honour_side_is_the_cameras_right_under_left_honour() -> None:
    plan = plan_of([person(i) for i in range(1, 4)])
    row = line_up(plan, PhotoSettings()).rows[0]
    assert [p.person.name for p in row.places] == ["张国", "王国", "李国"]  # 3 1 2
    first, second = (next(p for p in row.places if p.rank == r) for r in (1, 2))
    assert second.x > first.x  # No.2 on No.1's own left: the camera's right


# -- the rows and the stagger ------------------------------------------------------------------


def interleaved(lineup: PhotoLineup) -> bool:
    """No place stands straight behind one in the row in front (less than half a place off)."""
    for front, back in zip(lineup.rows, lineup.rows[1:], strict=False):
        for a in front.places:
            for b in back.places:
                if abs(a.x - b.x) < 0.5 - 1e-9:
                    return False
    return True


@pytest.mark.parametrize("front", range(1, 16))
@pytest.mark.parametrize("step", [1, -1])
def test_rows_that_differ_by_one_are_staggered_centred(front: int, step: int) -> None:
    sizes = [front, front + step, front] if front + step > 0 else [front]
    plan = plan_of(crowd(sum(sizes)))
    lineup = line_up(plan, PhotoSettings(include=PhotoInclude.ALL, rows=tuple(sizes)))
    assert [r.offset for r in lineup.rows] == [0.0] * len(sizes)  # no shift needed
    assert interleaved(lineup)
    for row in lineup.rows:  # centred on the line
        xs = [p.x for p in row.places]
        assert xs[0] == -xs[-1]


@pytest.mark.parametrize("sizes", [(7, 9), (8, 8), (11, 13, 15), (10, 10, 10), (5, 7, 6, 6)])
@pytest.mark.parametrize("side", list(HonorSide))
def test_rows_of_the_same_parity_stand_half_a_place_aside(
    sizes: tuple[int, ...], side: HonorSide
) -> None:
    plan = plan_of(crowd(sum(sizes)), protocol=ProtocolSettings(honor_side=side))
    lineup = line_up(plan, PhotoSettings(include=PhotoInclude.ALL, rows=sizes))
    assert interleaved(lineup)
    assert lineup.rows[1].offset == (0.5 if side is HonorSide.LEFT else -0.5)


@given(st.lists(st.integers(1, 40), min_size=1, max_size=12))
def test_stagger_never_puts_one_face_behind_another(sizes: list[int]) -> None:
    offsets = stagger(sizes)
    for (n1, o1), (n2, o2) in zip(
        zip(sizes, offsets, strict=True), list(zip(sizes, offsets, strict=True))[1:], strict=False
    ):
        xs1 = {o1 + p - (n1 + 1) / 2 for p in range(1, n1 + 1)}
        xs2 = {o2 + p - (n2 + 1) / 2 for p in range(1, n2 + 1)}
        assert min(abs(a - b) for a in xs1 for b in xs2) == 0.5
    assert all(abs(o) <= 0.5 for o in offsets)


@pytest.mark.parametrize(
    ("count", "row_max", "rows"),
    [
        (9, 15, (9,)),
        (15, 15, (15,)),
        (36, 15, (11, 12, 13)),  # the example
        (40, 15, (13, 14, 13)),
        (29, 15, (15, 14)),
        (16, 15, (7, 9)),  # two rows cannot differ by one: the back one half a place aside
        (24, 10, (7, 8, 9)),
    ],
)
def test_automatic_rows(count: int, row_max: int, rows: tuple[int, ...]) -> None:
    assert automatic_rows(count, row_max) == rows


@given(st.integers(1, 600), st.integers(1, 60))
def test_automatic_rows_hold_everyone_within_row_max(count: int, row_max: int) -> None:
    rows = automatic_rows(count, row_max)
    assert sum(rows) == count and min(rows) >= 1 and max(rows) <= row_max
    assert len(rows) == -(-count // row_max)  # as few rows as row_max allows


def test_a_case_keeps_the_base_rows_the_back_row_giving_up_places() -> None:
    people = crowd(40)
    people[2] = person(3, attendance=Attendance.TENTATIVE)
    plan = plan_of(people, "auditorium-600")
    photo = PhotoSettings(include=PhotoInclude.ALL)
    base, absent = lineups(plan, photo)[:2]
    assert [len(r.places) for r in base.rows] == [13, 14, 13]
    assert [len(r.places) for r in absent.rows] == [13, 14, 12]
    assert interleaved(absent)


# -- the caption -------------------------------------------------------------------------------


@pytest.mark.parametrize("side", list(HonorSide))
def test_caption_lists_each_row_left_to_right_as_the_camera_sees_it(side: HonorSide) -> None:
    names = ["甲", "乙", "丙", "丁", "戊"]
    people = [
        Attendee(id=i, name=name, precedence=i, area=Area.ROSTRUM)
        for i, name in enumerate(names, start=1)
    ]
    plan = plan_of(people, protocol=ProtocolSettings(honor_side=side))
    lineup = line_up(plan, PhotoSettings(rows=(3, 2)))
    if side is HonorSide.LEFT:
        assert caption(lineup) == "前排左起：丙、甲、乙；二排左起：丁、戊。"
    else:
        assert caption(lineup) == "前排左起：乙、甲、丙；二排左起：戊、丁。"
    for row in lineup.rows:  # the caption is the picture, row by row, left to right
        listed = caption(lineup).split("；")[row.number - 1].split("：")[1].rstrip("。")
        assert listed.split("、") == [p.person.name for p in sorted(row.places, key=lambda p: p.x)]


def test_caption_of_one_row_and_row_names() -> None:
    plan = plan_of([person(i) for i in range(1, 4)])
    assert caption(line_up(plan, PhotoSettings())) == "左起：张国、王国、李国。"
    assert [row_name(n, 12) for n in (1, 2, 3, 10, 11, 12)] == [
        "前排",
        "二排",
        "三排",
        "十排",
        "十一排",
        "十二排",
    ]
    assert place_text(2, 5, 3) == "二排左起第5位"
    assert place_text(1, 3, 1) == "左起第3位"


def test_caption_text_names_each_case_that_changes_the_photo() -> None:
    people = [person(i) for i in range(1, 6)]
    people[1] = person(2, attendance=Attendance.TENTATIVE)
    plan = plan_of(people)
    found = lineups(plan, PhotoSettings())
    text = caption_text(found)
    assert text.startswith("【全部出席（含待定人员）】\r\n左起：陈国、张国、王国、李国、刘国。")
    assert "【李国不到会】\r\n左起：刘国、王国、张国、陈国。" in text
    plain = plan_of([person(i) for i in range(1, 4)])
    assert caption_text(lineups(plain, PhotoSettings())) == "左起：张国、王国、李国。\r\n"


# -- who is in the photo ---------------------------------------------------------------------


def meeting_people() -> list[Attendee]:
    rostrum = [person(i) for i in range(1, 4)]
    hall = [
        Attendee(id=10, name="甲一", precedence=2, unit="财政局", area=Area.HALL),
        Attendee(id=11, name="甲二", precedence=1, unit="财政局", area=Area.HALL),
        Attendee(id=12, name="乙一", precedence=1, unit="教育局", area=Area.HALL),
        Attendee(id=13, name="乙二", precedence=2, unit="教育局", area=Area.HALL),
        Attendee(id=14, name="列席甲", precedence=1, unit="县委", area=Area.OBSERVER),
        Attendee(id=15, name="工作甲", precedence=1, unit="县委办", area=Area.STAFF),
    ]
    return rostrum + hall


def order(plan: Plan, include: PhotoInclude) -> list[str]:
    lineup = line_up(plan, PhotoSettings(include=include, row_max=20))
    return [p.person.name for p in sorted(lineup.places, key=lambda p: p.rank)]


def test_include_rostrum_heads_all_and_marked() -> None:
    plan = plan_of(meeting_people(), "meeting-room-40")
    assert order(plan, PhotoInclude.ROSTRUM) == ["王国", "李国", "张国"]
    # each unit's first by precedence, units in the roster's order
    assert order(plan, PhotoInclude.ROSTRUM_HALL_HEADS) == ["王国", "李国", "张国", "甲二", "乙一"]
    assert order(plan, PhotoInclude.ALL) == [
        "王国",
        "李国",
        "张国",
        "甲二",
        "甲一",
        "乙一",
        "乙二",
        "列席甲",
    ]
    assert order(plan, PhotoInclude.MARKED) == []


def test_the_roster_column_puts_people_in_or_out() -> None:
    people = meeting_people()
    people[1] = Attendee(**{**people[1].__dict__, "extra": {"合影": "否"}})
    people[-1] = Attendee(**{**people[-1].__dict__, "extra": {"合影": "是"}})
    plan = plan_of(people, "meeting-room-40")
    assert order(plan, PhotoInclude.ROSTRUM) == ["王国", "张国", "工作甲"]
    assert order(plan, PhotoInclude.MARKED) == ["工作甲"]


def test_roster_column_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        [
            ["姓名", "座区", "合影"],
            ["张三", "主席台", "是"],
            ["李四", "会场", "否"],
            ["王五", "会场", ""],
        ],
    )
    roster, _warnings = load_roster(path)
    assert [p.extra.get("合影") for p in roster.attendees] == ["是", "否", None]
    bad = write_csv(tmp_path / "bad.csv", [["姓名", "合影"], ["张三", "也许"]])
    with pytest.raises(UserError) as caught:
        load_roster(bad)
    assert "合影" in str(caught.value.problems[0].location.column)


# -- scenarios ---------------------------------------------------------------------------------


@pytest.mark.parametrize("side", list(HonorSide))
@pytest.mark.parametrize(("n", "absent"), [(n, k) for n in range(2, 10) for k in range(1, n + 1)])
def test_a_tentative_leader_not_coming_re_lines_the_photo(
    n: int, absent: int, side: HonorSide
) -> None:
    people = [
        person(i, attendance=Attendance.TENTATIVE if i == absent else Attendance.PRESENT)
        for i in range(1, n + 1)
    ]
    plan = plan_of(people, protocol=ProtocolSettings(honor_side=side))
    found = {lu.scenario: lu for lu in lineups(plan, PhotoSettings())}
    lineup = found[f"absent-{absent}"]
    remaining = [i for i in range(1, n + 1) if i != absent]
    assert ranks(lineup) == [[remaining[r - 1] for r in rule(n - 1, side)]]
    change = photo_changes(found["base"], lineup)
    assert [name for name, _place in change.leave] == [person(absent).name]
    assert not change.join
    moved = {m.name for m in change.move}
    base_place = {p.person.name: (p.row, p.position) for p in found["base"].places}
    after_place = {p.person.name: (p.row, p.position) for p in lineup.places}
    assert moved == {name for name in after_place if after_place[name] != base_place[name]}


@pytest.mark.parametrize("mode", list(SubstituteSeat))
def test_a_substitute_joins_the_photo(mode: SubstituteSeat) -> None:
    people = [person(i) for i in range(1, 6)]
    people[1] = person(2, attendance=Attendance.TENTATIVE)
    people.append(
        Attendee(id=6, name="代表", precedence=6, area=Area.ROSTRUM, substitute_for="李国")
    )
    plan = plan_of(people, protocol=ProtocolSettings(substitute_seat=mode))
    found = {lu.scenario: lu for lu in lineups(plan, PhotoSettings())}
    assert "代表" not in [p.person.name for p in found["base"].places]
    sub = found["substitute-6"]
    change = photo_changes(found["base"], sub)
    assert [name for name, _p in change.join] == ["代表"]
    assert [name for name, _p in change.leave] == ["李国"]
    rank = {p.person.name: p.rank for p in sub.places}
    if mode is SubstituteSeat.IN_PLACE:  # the leader's rank
        assert rank["代表"] == 2
    else:
        assert rank["代表"] == 5
    lines = change_lines(change, len(found["base"].rows))
    assert "不参加合影：李国（原左起第4位）" in lines
    assert any(line.startswith("加入合影：代表，站左起第") for line in lines)


# -- too many people -----------------------------------------------------------------------


def test_more_people_than_places_says_how_many_short_and_what_to_change() -> None:
    plan = plan_of([person(i) for i in range(1, 9)])
    with pytest.raises(UserError) as caught:
        lineups(plan, PhotoSettings(rows=(3, 3)))
    (problem,) = caught.value.problems
    assert "8 people" in problem.message and "places for 6" in problem.message
    assert "2 short" in problem.message
    assert problem.location.key == "photo.rows" and problem.location.value == "[3, 3]"
    example = re.search(r"rows = \[([\d, ]+)\]", problem.hint)
    assert example is not None
    suggested = [int(x) for x in example.group(1).split(",")]
    assert sum(suggested) == 8 and len(suggested) == 2


def test_fewer_people_than_places_leave_the_back_row_short() -> None:
    plan = plan_of([person(i) for i in range(1, 9)])
    lineup = line_up(plan, PhotoSettings(rows=(5, 6)))
    assert [len(r.places) for r in lineup.rows] == [5, 3]


# -- [photo] -------------------------------------------------------------------------------


def test_parse_photo_reads_every_key() -> None:
    settings, problems = parse_photo(
        {
            "include": "rostrum+hall-heads",
            "front_row": "standing",
            "rows": [11, 12, 13],
            "row_max": 20,
            "labels": True,
            "paper": "A3",
        },
        "meeting.toml",
    )
    assert not problems
    assert settings == PhotoSettings(
        PhotoInclude.ROSTRUM_HALL_HEADS, FrontRow.STANDING, (11, 12, 13), 20, True, PhotoPaper.A3
    )
    assert parse_photo({}, "m.toml") == (PhotoSettings(), [])
    assert parse_photo({"rows": "auto"}, "m.toml")[0].rows == ()


@pytest.mark.parametrize(
    ("table", "key", "value", "words"),
    [
        ({"size": 3}, "photo.size", "3", "Unknown key 'size'"),
        ({"include": 3}, "photo.include", "3", "Invalid value for photo.include"),
        ({"include": "everyone"}, "photo.include", "everyone", "Invalid value"),
        ({"front_row": "kneeling"}, "photo.front_row", "kneeling", "Invalid value"),
        ({"rows": [11, "x"]}, "photo.rows", "[11, x]", "holds x"),
        ({"rows": [0, 3]}, "photo.rows", "[0, 3]", "holds 0"),
        ({"rows": [11.5]}, "photo.rows", "[11.5]", "holds 11.5"),
        ({"rows": []}, "photo.rows", "[]", "list of whole numbers"),
        ({"rows": "3,4"}, "photo.rows", "3,4", "list of whole numbers"),
        ({"rows": [1] * 31}, "photo.rows", None, "at most 30"),
        ({"row_max": 0}, "photo.row_max", "0", "Invalid value"),
        ({"row_max": True}, "photo.row_max", "true", "Invalid value"),
        ({"labels": "yes"}, "photo.labels", "yes", "Invalid value"),
        ({"paper": "A5"}, "photo.paper", "A5", "Invalid value"),
    ],
)
def test_parse_photo_problems_are_located(
    table: dict[str, object], key: str, value: str | None, words: str
) -> None:
    settings, problems = parse_photo(table, "meeting.toml")
    assert settings == PhotoSettings()  # a wrong value leaves its default
    (problem,) = problems
    assert words in problem.message
    assert problem.location.file == "meeting.toml" and problem.location.key == key
    if value is not None:
        assert problem.location.value == value
    assert problem.hint


def test_parse_photo_collects_every_problem_and_refuses_a_non_table() -> None:
    _settings, problems = parse_photo({"include": 1, "rows": [0], "x": 1}, "m.toml")
    assert [p.location.key for p in problems] == ["photo.include", "photo.rows", "photo.x"]
    _settings, problems = parse_photo([1, 2], "m.toml")
    assert problems and problems[0].location.key == "photo"


# -- the terminal --------------------------------------------------------------------------


def test_terminal_lines_back_row_first() -> None:
    people = [person(i) for i in range(1, 8)]
    people[0] = person(1, attendance=Attendance.TENTATIVE)
    plan = plan_of(people)
    lines = terminal_lines(line_up(plan, PhotoSettings(rows=(3, 4))))
    assert lines[0] == "Group photo, seen from the camera (left to right):"
    assert lines[1].strip().startswith("Row 2, standing: ")
    assert lines[2].strip() == "Row 1, seated: 张国  王国?  李国"
    assert "7 people in the photo; rows: 2; riser steps needed: 0" in lines[-2]
    assert (
        lines[-1].strip()
        == "Caption: 前排左起：张国、王国、李国；二排左起：杨国、刘国、陈国、黄国。"
    )


# -- the documents -------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.parametrize("count", [9, 40])
def test_documents_print_every_name_and_the_caption(count: int) -> None:
    people = [person(i) for i in range(1, 10)]
    people += [person(i, Area.HALL) for i in range(10, count + 1)]
    people[2] = person(3, attendance=Attendance.TENTATIVE)
    plan = plan_of(people)
    settings = PhotoSettings(include=PhotoInclude.ALL, labels=True)
    fonts = FontBook(use_system_fonts=False)
    docs = photo_documents(plan, fonts, settings)
    assert set(docs) == {PHOTO_PDF, CAPTION_TXT, PHOTO_LABELS_PDF}
    found = lineups(plan, settings)
    text = pdf_text(docs[PHOTO_PDF])
    for p in people:
        assert p.name in text
    assert caption(found[0]).replace(" ", "") in text
    assert "合影站位图" in text and "相机" in text and "情形：张国不到会" in text
    assert docs[CAPTION_TXT].decode("utf-8") == caption_text(found)
    labels = pdf_text(docs[PHOTO_LABELS_PDF])
    for place in found[0].places:
        assert place.person.name in labels
    if count == 40:
        assert "二排左起第5位" in labels
    assert not clipped_photo_documents(plan, fonts, settings)


def test_no_labels_unless_asked_and_a4_or_a3() -> None:
    plan = plan_of([person(i) for i in range(1, 10)])
    docs = photo_documents(plan, FontBook(use_system_fonts=False), PhotoSettings())
    assert set(docs) == {PHOTO_PDF, CAPTION_TXT}
    page = PdfReader(io.BytesIO(docs[PHOTO_PDF])).pages[0].mediabox
    assert round(float(page.width)) == 842 and round(float(page.height)) == 595  # A4 landscape
    wide = plan_of([person(i) for i in range(1, 26)])
    found = lineups(wide, PhotoSettings(rows=(25,)))
    assert round(paper_for(found, PhotoPaper.AUTO)[0]) == 1191  # A3 landscape
    assert round(paper_for(found, PhotoPaper.A4)[0]) == 842


def test_a_very_deep_photo_is_still_drawn() -> None:
    people = [person(i) for i in range(1, 9)] + [person(i, Area.HALL) for i in range(9, 301)]
    plan = plan_of(people, "auditorium-600")
    settings = PhotoSettings(include=PhotoInclude.ALL, row_max=10)
    docs = photo_documents(plan, FontBook(use_system_fonts=False), settings)
    text = pdf_text(docs[PHOTO_PDF])
    assert "三十排" in text and person(300).name in text


def test_the_contingency_sheet_says_who_moves_in_the_photo() -> None:
    people = [person(i) for i in range(1, 6)]
    people[1] = person(2, attendance=Attendance.TENTATIVE)
    plan = plan_of(people)
    fonts = FontBook(use_system_fonts=False)
    photo = PhotoSettings()
    text = contingency_text(plan, photo)
    pdf = render_contingency(plan, fonts.register("song", text), fonts.register("hei", text), photo)
    printed = pdf_text(pdf)
    assert "合影站位" in printed and "不参加合影：李国（原左起第4位）" in printed
    assert "刘国：左起第5位→左起第1位" in printed
    without = contingency_text(plan)
    assert "不参加合影" not in render_text(plan, fonts, without)


def render_text(plan: Plan, fonts: FontBook, text: str) -> str:
    return pdf_text(
        render_contingency(plan, fonts.register("song", text), fonts.register("hei", text))
    )


def test_a_name_too_long_for_its_box_is_cut_and_said() -> None:
    long_name = "阿" * 40
    people = [person(i) for i in range(1, 26)]
    people[4] = Attendee(id=5, name=long_name, precedence=5, area=Area.ROSTRUM)
    plan = plan_of(people)
    settings = PhotoSettings(rows=(25,), labels=True)
    fonts = FontBook(use_system_fonts=False)
    clipped = clipped_photo_documents(plan, fonts, settings)
    assert {(c.document, c.name) for c in clipped} == {
        (PHOTO_PDF, long_name),
        (PHOTO_LABELS_PDF, long_name),
    }
    docs = photo_documents(plan, fonts, settings)
    assert "阿阿阿" in pdf_text(docs[PHOTO_PDF])
    assert long_name in docs[CAPTION_TXT].decode("utf-8")  # the caption keeps it whole


def test_build_names_the_photo_documents_it_may_write() -> None:
    from meetplan.build import PHOTO_DOCUMENTS
    from meetplan.photo.documents import CAPTION_TXT, PHOTO_LABELS_PDF, PHOTO_PDF

    assert set(PHOTO_DOCUMENTS) == {PHOTO_PDF, CAPTION_TXT, PHOTO_LABELS_PDF}


# -- with guests: the host at the centre, the 主宾 on the host's right, sides alternating ---


@pytest.mark.parametrize("side", list(HonorSide))
def test_a_photo_with_guests_puts_the_first_guest_on_the_hosts_right(side: HonorSide) -> None:
    hosts = [person(i, extra={"主客": "主方"}) for i in (1, 3, 5, 7)]
    guests = [person(i, extra={"主客": "客方"}) for i in (2, 4, 6)]
    plan = plan_of(hosts + guests, protocol=ProtocolSettings(honor_side=side))
    (row,) = line_up(plan, PhotoSettings()).rows
    seen = [p.person for p in row.places]  # from the camera's left
    centre = len(seen) // 2
    assert seen[centre].precedence == 1  # the host
    # the host's right is the camera's left, whatever [protocol] honor_side says
    assert seen[centre - 1].precedence == 2  # 主宾
    assert seen[centre + 1].precedence == 4  # the second guest on the host's left
    # neighbours alternate while both sides last (three guests, four hosts)
    assert [p.precedence for p in seen] == [6, 3, 2, 1, 4, 5, 7]
    assert [p.extra["主客"][0] for p in seen] == ["客", "主", "客", "主", "客", "主", "主"]


def test_a_photo_without_guests_keeps_the_rostrum_rule() -> None:
    from meetplan.photo.lineup import with_guests

    people = [person(i, extra={"主客": "主方"}) for i in range(1, 6)]
    assert with_guests(people) == people
