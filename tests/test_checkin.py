"""The registration desk (meetplan checkin): matching, the check-in log, the counts, the report."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from meetplan.checkin.counts import tally
from meetplan.checkin.match import Miss, find_people
from meetplan.cli import main
from meetplan.history.checkin import (
    CHECKIN_LOG,
    CheckinLog,
    append_entry,
    arrival,
    read_checkins,
    undo,
)
from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.codes import person_code
from meetplan.model.errors import UserError
from meetplan.model.settings import MeetingInfo

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "county-plenary"
MEETING = MeetingInfo(title="全县经济工作会议", date="2026-12-01")
OTHER = MeetingInfo(title="全县经济工作会议", date="2025-12-01")


def person(pid: int, name: str, unit: str = "县委", **kw: object) -> Attendee:
    return Attendee(id=pid, name=name, precedence=pid, unit=unit, **kw)  # type: ignore[arg-type]


PEOPLE = (
    person(1, "张建国"),
    person(2, "张建军", "县政府"),
    person(3, "李明", "县财政局"),
    person(4, "李明", "县教育局"),
    person(5, "曾华", "城关镇"),
)


# -- matching ------------------------------------------------------------------------


def test_a_scanned_code_finds_its_person() -> None:
    found = find_people(person_code(MEETING, PEOPLE[2]) + "\n", PEOPLE, MEETING)
    assert found.people == (PEOPLE[2],) and found.by_code


def test_a_code_of_another_meeting_is_said_so() -> None:
    found = find_people(person_code(OTHER, PEOPLE[0]), PEOPLE, MEETING)
    assert found.miss is Miss.OTHER_MEETING and not found.people


def test_a_code_nobody_has_is_said_so() -> None:
    stranger = person(9, "王五")
    found = find_people(person_code(MEETING, stranger), PEOPLE, MEETING)
    assert found.miss is Miss.UNKNOWN_CODE


def test_pinyin_initials_and_spelling() -> None:
    assert find_people("zjg", PEOPLE, MEETING).people == (PEOPLE[0],)
    assert find_people("ZJG", PEOPLE, MEETING).people == (PEOPLE[0],)
    assert find_people("zhangjianguo", PEOPLE, MEETING).people == (PEOPLE[0],)
    assert find_people("zhangj", PEOPLE, MEETING).people == PEOPLE[:2]  # as far as typed
    assert find_people("zh", PEOPLE, MEETING).people == (PEOPLE[4],)  # 曾 zeng (ceng) 华 hua
    assert find_people("lm", PEOPLE, MEETING).people == PEOPLE[2:4]


def test_part_of_a_name_and_several_matches() -> None:
    assert find_people("建国", PEOPLE, MEETING).people == (PEOPLE[0],)
    assert find_people("张建", PEOPLE, MEETING).people == PEOPLE[:2]
    assert find_people("李 明", PEOPLE, MEETING).people == PEOPLE[2:4]  # same name: ask which
    assert find_people("赵六", PEOPLE, MEETING).miss is Miss.NOBODY
    assert find_people("\x1b[A", PEOPLE, MEETING).miss is Miss.UNPRINTABLE


# -- the log -------------------------------------------------------------------------


def test_arrivals_and_undo(tmp_path: Path) -> None:
    path = tmp_path / CHECKIN_LOG
    first = arrival(PEOPLE[0], "1号台")
    append_entry(path, first)
    append_entry(path, arrival(PEOPLE[2], "2号台"))
    log = CheckinLog(path)
    log.refresh()
    assert set(log.arrived()) == {("张建国", "县委"), ("李明", "县财政局")}
    assert log.last_of("1号台") == log.entries[0]
    append_entry(path, undo(first, "1号台"))
    log.refresh()
    assert set(log.arrived()) == {("李明", "县财政局")}
    assert log.last_of("1号台") is None
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert line["name"] == "张建国" and line["desk"] == "1号台" and len(line["tag"]) == 8


def test_a_damaged_line_is_named_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / CHECKIN_LOG
    append_entry(path, arrival(PEOPLE[0], "1"))
    with open(path, "ab") as f:
        f.write(b'{"action": "arrive", "name": \n')  # half a line
    append_entry(path, arrival(PEOPLE[1], "1"))
    entries, damaged = read_checkins(path)
    assert [e.name for e in entries] == ["张建国", "张建军"]
    assert len(damaged) == 1 and damaged[0].location.row == 2
    assert "Line 2 of the check-in log" in damaged[0].message
    assert path.read_bytes().count(b"\n") == 3  # nothing rewritten


def test_a_line_left_unfinished_is_closed_by_the_next(tmp_path: Path) -> None:
    path = tmp_path / CHECKIN_LOG
    path.write_bytes(b'{"action": "arr')  # a desk killed while writing
    append_entry(path, arrival(PEOPLE[0], "1"))
    entries, damaged = read_checkins(path)
    assert [e.name for e in entries] == ["张建国"] and damaged[0].location.row == 1


def test_a_read_only_folder_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import meetplan.history.checkin as checkin

    def refused(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(checkin.os, "open", refused)
    with pytest.raises(UserError) as error:
        append_entry(tmp_path / CHECKIN_LOG, arrival(PEOPLE[0], "1"))
    assert "Cannot write to" in error.value.problems[0].message
    assert "Permission denied" in error.value.problems[0].message


def _desk(args: tuple[str, str, int, int]) -> None:
    path, desk, start, n = args
    for i in range(start, start + n):
        append_entry(Path(path), arrival(person(i, f"代表{i}", "县直单位"), desk))


def test_two_desks_at_once_lose_no_arrival(tmp_path: Path) -> None:
    path = tmp_path / CHECKIN_LOG
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        pool.map(_desk, [(str(path), "1号台", 1, 250), (str(path), "2号台", 251, 250)])
    lines = path.read_bytes().splitlines()
    assert len(lines) == 500 and all(json.loads(line) for line in lines)
    entries, damaged = read_checkins(path)
    assert not damaged and len(entries) == 500
    roster = Roster(tuple(person(i, f"代表{i}", "县直单位") for i in range(1, 501)))
    counts = tally(roster, logged_arrivals(path))
    assert counts.total.arrived == counts.arrivals == 500 and counts.total.missing == 0
    assert sum(1 for e in entries if e.desk == "1号台") == 250


def logged_arrivals(path: Path) -> dict[tuple[str, str], object]:
    log = CheckinLog(path)
    log.refresh()
    return dict(log.arrived())


# -- the counts ----------------------------------------------------------------------


def test_substitutes_fill_their_leaders_place() -> None:
    roster = Roster(
        (
            person(1, "甲", attendance=Attendance.ABSENT),
            person(2, "乙", substitute_for="甲"),  # 代会 for a 请假 leader
            person(3, "丙", attendance=Attendance.TENTATIVE),
            person(4, "丁", substitute_for="丙"),  # on standby
            person(5, "戊", attendance=Attendance.ABSENT),
            person(6, "己", area=Area.OBSERVER),
            person(7, "庚", area=Area.STAFF),
        )
    )
    counts = tally(roster, {("丁", "县委"): 1, ("庚", "县委"): 1})
    assert (counts.total.expected, counts.total.arrived, counts.total.leave) == (3, 1, 1)
    assert counts.sentence == "本次会议应到会3人，实到会1人，请假1人。"
    assert counts.area(Area.STAFF).arrived == 1
    with_observers = tally(roster, {}, count_observers=True)
    assert with_observers.total.expected == 4


# -- the county example --------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("county") / "county"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    result = CliRunner().invoke(main, ["build", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def county(built: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "county"
    shutil.copytree(built, folder)
    return folder


def desk(folder: Path, typed: str, *extra: str) -> object:
    return CliRunner().invoke(
        main, ["checkin", str(folder), "--desk", "1号台", *extra], input=typed
    )


def test_the_desk_checks_people_in(county: Path) -> None:
    result = desk(county, "郭琳强\nglq\n邹梅健\n?\nq\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "主席台第1排第7座" in out
    assert "was already checked in at" in out  # glq is 郭琳强 again
    assert "Substitutes for 史成忠" in out
    assert "本次会议应到会166人，实到会2人，请假0人。" in out
    entries, _damaged = read_checkins(county / CHECKIN_LOG)
    assert [e.name for e in entries] == ["郭琳强", "邹梅健"]


def test_the_desk_asks_which_of_several(county: Path) -> None:
    result = desk(county, "何\n1\nq\n")
    assert "people match" in result.output
    entries, _damaged = read_checkins(county / CHECKIN_LOG)
    assert len(entries) == 1 and entries[0].name.startswith("何")


def test_a_person_on_leave_is_checked_in_with_a_note(county: Path) -> None:
    result = desk(county, "史成忠\nq\n")
    assert result.exit_code == 0
    assert "--present" in result.output and "邹梅健" in result.output
    # 史成忠's place is 邹梅健's (代会): counted once, and not as 请假
    assert "arrived 1 ·" in result.output


def test_a_code_of_another_meeting_at_the_desk(county: Path) -> None:
    result = desk(county, "MP-000000-12345678\nq\n")
    assert "another meeting" in result.output
    assert not (county / CHECKIN_LOG).exists() or not read_checkins(county / CHECKIN_LOG)[0]


def test_undo_at_the_desk(county: Path) -> None:
    desk(county, "郭琳强\n邓胜卫\n撤销\nq\n")
    log = CheckinLog(county / CHECKIN_LOG)
    log.refresh()
    assert [k[0] for k in log.arrived()] == ["郭琳强"]


def test_a_read_only_meeting_folder_is_said_at_once(
    county: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import meetplan.history.checkin as checkin

    real = checkin.os.open

    def refused(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith(CHECKIN_LOG):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checkin.os, "open", refused)
    result = desk(county, "郭琳强\nq\n")
    assert result.exit_code == 1
    assert "Permission denied" in result.output and "Traceback" not in result.output


def test_the_report_for_the_county(county: Path) -> None:
    desk(county, "郭琳强\n邹梅健\n段健宁\n邵东辉\n何红伟\n郝健德\nq\n")
    result = desk(county, "", "--report")
    assert result.exit_code == 0, result.output
    pdf = county / "out" / "签到统计.pdf"
    assert (county / "out" / "签到统计.xlsx").is_file()
    assert (county / "out" / "桌签.pdf").is_file()  # the build's documents kept
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace(" ", "")
    # 郭琳强, 邹梅健 (for 史成忠), 段健宁 (for 范宁雪, 待定), 邵东辉 (待定); 列席 and staff apart
    assert "本次会议应到会166人，实到会4人，请假0人。" in text
    assert "未到人员名单（162人，另计列席、工作人员6人）" in text
    assert "代史成忠" in text and "代范宁雪" in text


def test_observers_counted_when_set(county: Path) -> None:
    toml = county / "meeting.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + "\n[checkin]\ncount_observers = true\n",
        encoding="utf-8",
    )
    result = desk(county, "何红伟\n?\nq\n")
    assert "本次会议应到会171人，实到会1人，请假0人。" in result.output
