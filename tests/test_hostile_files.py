"""The meeting's other files, hostile: every bad input gives a located message
(file, line, key, value, what to do), exit 1 and nothing written — never a
traceback, a hang or a flood of output.

One test per class of input (issue 12), then property tests over the attendance
log's lines and the layout's values.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetplan.cli import main
from meetplan.history.adjust import read_adjustments
from meetplan.history.lines import FILE_SIZE, LINE_LENGTH, LINES
from meetplan.history.log import Action, new_change, read_log
from meetplan.history.record import (
    PrintedPlan,
    Unusable,
    first_from_record,
    parse_record,
    read_printed,
    roster_from_record,
)
from meetplan.layouts import (
    FLOOR_ROWS,
    FLOORS,
    HALL_SEATS,
    ROSTRUM_ROWS,
    ROW_SEATS,
    load_layout,
    parse_layout,
    read_layout,
)
from meetplan.meeting import load_config
from meetplan.model.attendee import Attendee, Roster
from meetplan.model.errors import Problem, UserError
from meetplan.model.layout import hall_seats
from meetplan.model.plan import (
    Assignment,
    HallReport,
    Scenario,
    SolveStatus,
    Unseated,
    UnseatedReason,
)
from meetplan.model.settings import Settings
from meetplan.resources import schema_dir
from meetplan.tomlfile import PROBLEMS_SHOWN, TOML_SIZE

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-plenary"
# What one problem may print at most (message, hint and echoed value together).
SAID = 1500

FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    return folder


def bounded(problems: list[Problem]) -> None:
    assert problems
    for p in problems:
        said = p.message + p.hint + (p.location.value or "") + p.location.key + p.location.file
        assert len(said) < SAID, said[:200]
    assert len(problems) <= PROBLEMS_SHOWN + 1


def refused(result: Result, *words: str) -> None:
    """Exit 1, a message with every word, no traceback, nothing written."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output
    assert len(result.output) < 5 * SAID


# ---------------------------------------------------------------------------
# 1. meeting.toml and layout files that are not UTF-8 text, or not files


def _replace(path: Path, kind: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if path.exists():
        path.unlink()
    if kind == "gbk":
        path.write_bytes(text.encode("gbk"))
    elif kind == "utf16":
        path.write_bytes(text.encode("utf-16"))
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        path.write_bytes(b"# " + b"x" * TOML_SIZE + b"\n")


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("gbk", ["is not UTF-8 text", "GBK", "另存为", "UTF-8"]),
        ("utf16", ["is not UTF-8 text", "UTF-16"]),
        ("binary", ["is not UTF-8 text", "not a text file"]),
        ("folder", ["is a folder, not a file"]),
        pytest.param("fifo", ["not an ordinary file"], marks=FIFO),
        ("huge", ["too large", "1,000,000"]),
    ],
)
def test_settings_files_that_are_not_utf8_text_or_not_files(
    meeting: Path, tmp_path: Path, kind: str, words: list[str]
) -> None:
    toml = meeting / "meeting.toml"
    _replace(toml, kind)
    refused(run("build", str(meeting)), "meeting.toml", *words)
    assert not (meeting / "out").exists()
    # a layout file is read the same way
    layout = tmp_path / "hall.toml"
    layout.write_text((ROOT / "layouts" / "meeting-room-40.toml").read_text("utf-8"), "utf-8")
    _replace(layout, kind)
    with pytest.raises(UserError) as caught:
        read_layout(layout)
    assert all(w in caught.value.problems[0].message for w in words if w.isascii())
    bounded(caught.value.problems)


def test_a_utf8_byte_order_mark_is_not_part_of_meeting_toml(meeting: Path) -> None:
    toml = meeting / "meeting.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + toml.read_bytes())
    assert load_config(meeting).settings.meeting.title == "全县经济工作会议"


# ---------------------------------------------------------------------------
# 2. dates and times that no calendar or clock has


def _setting(meeting: Path, key: str, value: str) -> None:
    toml = meeting / "meeting.toml"
    lines = toml.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{key} = "))
    lines[at] = f"{key} = {value}"
    toml.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("date", '"2026-13-45"', "2026-13-45 is not a date"),
        ("date", '"2026年2月30日"', "2026年2月30日 is not a date"),
        ("date", '"2月30日"', "2月30日 is not a date"),
        ("date", '"2027/2/29"', "2027/2/29 is not a date"),
        ("date", "2026-12-01T09:00:00", "the date holds a time too"),
        ("time", '"25:00"', "25:00 is not a time of day"),
        ("time", '"9:75"', "9:75 is not a time of day"),
    ],
)
def test_impossible_dates_and_times_are_refused(
    meeting: Path, key: str, value: str, shown: str
) -> None:
    _setting(meeting, key, value)
    result = run("build", str(meeting))
    refused(result, shown, f"setting meeting.{key}", "meeting.toml")
    assert not (meeting / "out").exists()


def test_real_dates_and_times_are_kept(meeting: Path) -> None:
    _setting(meeting, "date", '"2028年2月29日"')
    assert load_config(meeting).settings.meeting.date == "2028年2月29日"
    _setting(meeting, "date", "2026-12-01")  # a TOML date
    _setting(meeting, "time", "14:30:00")  # a TOML time
    info = load_config(meeting).settings.meeting
    assert (info.date, info.time) == ("2026-12-01", "14:30")


def test_a_checklist_time_must_exist(meeting: Path) -> None:
    toml = meeting / "meeting.toml"
    toml.write_text(toml.read_text("utf-8").replace("11月30日 18:00", "11月31日 18:00"), "utf-8")
    with pytest.raises(UserError) as caught:
        load_config(meeting)
    (problem,) = caught.value.problems
    assert "11月31日 is not a date" in problem.message
    assert problem.location.key == "checklist.time.before.inspection"


# ---------------------------------------------------------------------------
# 3. control characters, tabs and line breaks in printed settings


def test_printed_settings_unfold_line_breaks_and_refuse_control_characters(
    meeting: Path,
) -> None:
    _setting(meeting, "title", '"全县经济\\n工作会议"')
    _setting(meeting, "venue", '"县委\\t大礼堂 A\\nB"')
    info = load_config(meeting).settings.meeting
    assert (info.title, info.venue) == ("全县经济工作会议", "县委大礼堂 A B")
    _setting(meeting, "title", '"全县\\u001b[31m会议"')
    result = run("build", str(meeting))
    refused(result, "cannot be printed: \\x1b", "setting meeting.title", "“全县\\x1b[31m会议”")
    _setting(meeting, "title", '"会议"')
    refused(run("build", str(meeting), "--title", "a\x07b"), "\\x07", "setting --title")
    _setting(meeting, "roster", '"roster\\u0000.xlsx"')
    refused(run("build", str(meeting)), "setting meeting.roster", "\\x00")
    _setting(meeting, "roster", '"roster.xlsx"')
    _setting(meeting, "organizer", '"' + "办" * 5000 + '"')
    refused(run("build", str(meeting)), "5000 characters long", "at most 200")


# ---------------------------------------------------------------------------
# 4. what `attend` is given on the command line


@pytest.mark.parametrize("other", ["=SUM(A1)", "+1", "@x", "-x", "李" * 41, "李\x1b明"])
def test_attend_refuses_a_formula_or_a_name_too_long_or_unprintable(
    meeting: Path, other: str
) -> None:
    with pytest.raises(UserError) as caught:
        new_change(Action.SUBSTITUTE, "郭琳强", other=other)
    (problem,) = caught.value.problems
    assert problem.location.key == "--substitute"
    bounded([problem])
    result = run("attend", str(meeting), "郭琳强", "--substitute", other)
    refused(result, "The substitute's name cannot be used")
    assert not (meeting / "attendance-log.jsonl").exists()
    assert not (meeting / "out").exists()


def test_attend_arguments_are_read_as_the_roster_reads_them(meeting: Path) -> None:
    change = new_change(
        Action.SUBSTITUTE, "郭琳\n强", unit=" 县委\n办公室 ", other="李 明", other_title="副\t县长"
    )
    assert (change.name, change.unit, change.other, change.other_title) == (
        "郭琳强",
        "县委办公室",
        "李明",
        "副县长",
    )
    with pytest.raises(UserError):
        new_change(Action.SUBSTITUTE, "郭琳强", other="  ")
    result = run("attend", str(meeting), "郭琳强", "--absent", "--unit", "县\x1b[2J委")
    refused(result, "The unit cannot be used", "\\x1b", "setting --unit")


# ---------------------------------------------------------------------------
# 5. the attendance log and the hand adjustments


LOG_OK = '{"action": "absent", "name": "郭琳强"}'


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (b'{"action": "absent", "name": "\xe9\x83\xad", "unit": null}', ["unit must be text"]),
        (b'{"action": "absent", "name": 7}', ["name must be text", "a number"]),
        (b'{"action": "absent"}', ["the key name is missing"]),
        (b'{"action": "gone", "name": "x"}', ["action must be one of"]),
        (b'{"action": "substitute", "name": "x"}', ["needs the substitute's name"]),
        (b'{"action": "substitute", "name": "x", "other": "=1+1"}', ["spreadsheet formula"]),
        (b'{"action": "absent", "name": "a\\u0007b"}', ["cannot be printed", "\\x07"]),
        (b'["absent"]', ["a list, not a JSON object"]),
        (b"{broken", ["not a JSON object"]),
        ("郭琳强".encode("gbk"), ["not UTF-8", "GBK"]),
        (bytes(range(1, 10)) + b"\xff\xfe", ["not UTF-8"]),
        (b"[" * 100_000 + b"]" * 100_000, ["bytes long"]),
        (b"[" * 4000 + b"]" * 4000, ["nested too deeply"]),
        (b'{"a": "' + b"x" * 2 * LINE_LENGTH + b'"}', ["bytes long"]),
    ],
)
def test_a_damaged_log_line_stops_with_the_file_and_the_line(
    tmp_path: Path, line: bytes, words: list[str]
) -> None:
    log = tmp_path / "attendance-log.jsonl"
    log.write_bytes(LOG_OK.encode() + b"\n\n" + line + b"\n" + LOG_OK.encode() + b"\n")
    with pytest.raises(UserError) as caught:
        read_log(log)
    (problem,) = caught.value.problems
    assert problem.location.file == str(log) and problem.location.row == 3
    assert problem.message.startswith("Line 3 of the attendance log cannot be read: ")
    for word in words:
        assert word in problem.message + problem.hint, problem.message
    bounded([problem])


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"action": "swap", "area": "hall", "places": []}', ["places names 0 people"]),
        ('{"action": "seat", "area": "hall", "places": [["a", "b"]]}', ["three texts"]),
        ('{"action": "seat", "area": "roof", "places": [["a", "", "1排1号"]]}', ["area must"]),
        ('{"action": "swap", "area": "hall", "places": {"a": 1}}', ["must be a list"]),
        ('{"action": "undo", "user": ["x"]}', ["user must be text"]),
    ],
)
def test_a_damaged_adjustment_line_stops_with_the_file_and_the_line(
    tmp_path: Path, line: str, words: list[str]
) -> None:
    path = tmp_path / "adjustments.jsonl"
    path.write_text(line + "\n", "utf-8")
    with pytest.raises(UserError) as caught:
        read_adjustments(path)
    (problem,) = caught.value.problems
    assert problem.location.row == 1
    assert all(w in problem.message for w in words), problem.message


@pytest.mark.parametrize(
    "kind",
    [
        "folder",
        pytest.param("fifo", marks=FIFO),
        "too large",
        "too many lines",
    ],
)
def test_a_log_that_is_not_a_file_of_lines_stops_the_build(meeting: Path, kind: str) -> None:
    log = meeting / "attendance-log.jsonl"
    if kind == "folder":
        log.mkdir()
        words = ["is a folder, not a file"]
    elif kind == "fifo":
        os.mkfifo(log)
        words = ["not an ordinary file"]
    elif kind == "too large":
        log.write_bytes(b"x" * (FILE_SIZE + 1))  # one 2 MB line: never echoed whole
        words = ["too large"]
    else:
        log.write_text((LOG_OK + "\n") * (LINES + 1), "utf-8")
        words = [f"{LINES + 1:,} lines"]
    refused(run("build", str(meeting)), "attendance-log.jsonl", *words)
    assert not (meeting / "out").exists()
    refused(run("attend", str(meeting), "郭琳强", "--absent"), *words)
    assert not (meeting / "out").exists()


def test_a_wrongly_typed_unit_is_said_as_such_not_as_a_missing_person(meeting: Path) -> None:
    log = meeting / "attendance-log.jsonl"
    log.write_text('{"action": "absent", "name": "郭琳强", "unit": null}\n', "utf-8")
    result = run("build", str(meeting))
    refused(result, "unit must be text in quotes, not null", "row 1")
    assert "not on the roster" not in result.output


# ---------------------------------------------------------------------------
# 6. the printed plan's record in out/


def _small_plan() -> tuple[dict[str, Any], Any]:
    from meetplan.history.record import first_record

    layout = load_layout("meeting-room-40")
    people = tuple(Attendee(i, f"人{i}", i, unit="县委") for i in range(1, 5))
    roster = Roster(people, "roster.xlsx")
    chairs = hall_seats(layout)
    report = HallReport("rows", SolveStatus.OPTIMAL, 3, 3, (("split_row", 3),), 1, (0, 0))
    scenario = Scenario(
        "base",
        "",
        tuple(Assignment(chairs[i], p) for i, p in enumerate(people[:3])),
        (Unseated(people[3], UnseatedReason.ABSENT),),
        report,
    )
    data = first_record(
        scenario,
        "key",
        roster,
        layout=layout,
        settings=Settings(),
        printed=scenario,
        printed_roster=roster,
    )
    record = parse_record(data)
    assert record is not None
    return record, layout


def _tamper(record: dict[str, Any], how: str) -> Any:
    r = json.loads(json.dumps(record))
    if how == "list":
        return [r]
    if how == "version text":
        r["version"] = "2"
    elif how == "roster list":
        r["roster"] = []
    elif how == "name a number":
        r["roster"]["attendees"][0][1] = 123
    elif how == "id text":
        r["roster"]["attendees"][0][0] = "1"
    elif how == "ids twice":
        r["roster"]["attendees"][1][0] = r["roster"]["attendees"][0][0]
    elif how == "extra a list":
        r["roster"]["attendees"][0][9] = ["x"]
    elif how == "warning of numbers":
        r["roster"]["warnings"] = [[1, 2, "warning", "f", 1, "", "", None]]
    elif how == "seat short":
        r["seats"][0] = r["seats"][0][:3]
    elif how == "seat row text":
        r["seats"][0][3] = "1"
    elif how == "rostrum seat far":
        r["seats"][0] = [1, "rostrum", "", 99, 99]
    elif how == "one seat twice":
        r["seats"][1][2:] = r["seats"][0][2:]
    elif how == "hall a list":
        r["hall"] = [1]
    elif how == "objective text":
        r["hall"]["objective"] = "3"
    elif how == "unseated reason":
        r["unseated"][0][1] = "gone"
    elif how == "no seats":
        del r["seats"]
    elif how == "printed a list":
        r["printed"] = [1, 2]
    elif how == "deep":
        r["seats"] = json.loads("[" * 50 + "]" * 50)
    return r


TAMPERED = [
    "version text",
    "roster list",
    "name a number",
    "id text",
    "ids twice",
    "extra a list",
    "warning of numbers",
    "seat short",
    "seat row text",
    "one seat twice",
    "hall a list",
    "objective text",
    "unseated reason",
    "no seats",
    "printed a list",
    "deep",
]


ROSTER_DAMAGE = {"roster list", "name a number", "id text", "ids twice", "extra a list"}
ROSTER_DAMAGE |= {"warning of numbers"}


@pytest.mark.parametrize("how", TAMPERED)
def test_a_tampered_record_is_unusable_never_an_exception(how: str) -> None:
    record, layout = _small_plan()
    assert isinstance(read_printed(record, layout, Settings()), PrintedPlan)  # the control
    stored = roster_from_record(record, "key", "roster.xlsx")
    assert stored is not None
    roster = stored[0]
    assert first_from_record(record, "key", roster, layout) is not None
    tampered = _tamper(record, how)
    assert read_printed(tampered, layout, Settings()) is Unusable.DAMAGED
    # the roster is read again from the spreadsheet, the first plan solved again
    if how in ROSTER_DAMAGE:
        assert roster_from_record(tampered, "key", "roster.xlsx") is None
    elif how not in ("version text", "printed a list"):  # what only read_printed reads
        assert first_from_record(tampered, "key", roster, layout) is None


def test_a_record_seat_the_room_does_not_have_is_another_layout() -> None:
    record, layout = _small_plan()
    assert read_printed(_tamper(record, "rostrum seat far"), layout, Settings()) is Unusable.LAYOUT


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"version": 2, "seats": "\xff\xfe"}',
        b"[1, 2]",
        b"",
        b"\x00" * 1000,
    ],
)
def test_an_unreadable_record_is_no_record(data: bytes) -> None:
    assert parse_record(data) is None
    _record, layout = _small_plan()
    assert read_printed(parse_record(data), layout, Settings()) is Unusable.DAMAGED


# ---------------------------------------------------------------------------
# 7. layouts beyond every real hall, names longer than the system takes


BASE_LAYOUT = {
    "title": "会议室",
    "rostrum": {"rows": [5]},
    "floors": [{"rows": 10, "sections": [10, 10]}],
}


def _layout(**floor: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(BASE_LAYOUT))
    data["floors"][0].update(floor)
    return data


def test_the_schema_states_the_limits() -> None:
    schema = json.loads((schema_dir() / "layout.schema.json").read_text("utf-8"))
    floors = schema["properties"]["floors"]
    assert floors["maxItems"] == FLOORS
    assert floors["items"]["properties"]["rows"]["maximum"] == FLOOR_ROWS
    assert schema["properties"]["rostrum"]["properties"]["rows"]["maxItems"] == ROSTRUM_ROWS
    assert f"{HALL_SEATS:,} hall seats" in floors["description"]
    assert f"{ROW_SEATS:,} seats in one row" in floors["description"]


@pytest.mark.parametrize(
    ("data", "key", "words"),
    [
        # six million seats: refused before a single seat is made
        (
            {**BASE_LAYOUT, "floors": [{"rows": 200, "sections": [200] * 50}] * 10},
            "floors[1].sections",
            ["10,000 seats; a row has at most 1,000"],
        ),
        (
            {**BASE_LAYOUT, "floors": [{"rows": 200, "sections": [200] * 5}] * 10},
            "floors",
            ["2,000,000 seats; a layout has at most 50,000"],
        ),
        (_layout(rows=3.0), "floors[1].rows", ["a whole number, found 3.0"]),
        (_layout(rows=math.nan), "floors[1].rows", ["found nan"]),
        (_layout(sections=[math.inf]), "floors[1].sections[1]", ["found inf"]),
        (_layout(sections=[-5]), "floors[1].sections[1]", ["from 0 to 200, found -5"]),
        (_layout(rows=10**4000), "floors[1].rows", ["from 1 to 200", "…"]),
        (_layout(name="一\x1b楼"), "floors[1].name", ["cannot be printed: \\x1b"]),
        (_layout(name="楼" * 50), "floors[1].name", ["at most 20 characters"]),
        (_layout(blocked=[{"rows": [1] * 201, "seats": [1]}]), "floors[1].blocked[1].rows", []),
        (
            _layout(reserved=[{"use": "staff", "rows": list(range(1, 201))}] * 30, rows=200),
            "floors",
            ["6,000 rows in all; at most 5,000"],
        ),
        (_layout(name=[[[[[[[[[["x"]]]]]]]]]]), "(top level)", ["nested more than 8 deep"]),
        (_layout(numbers=list(range(30_000))), "(top level)", ["more than 20,000 values"]),
        (_layout(**{"k" + str(i): 1 for i in range(500)}), "floors[1].k0", ["Unknown key"]),
    ],
)
def test_layout_values_beyond_every_real_hall_are_refused(
    data: dict[str, Any], key: str, words: list[str]
) -> None:
    with pytest.raises(UserError) as caught:
        parse_layout(data, "hall", "hall.toml")
    problems = caught.value.problems
    assert problems[0].location.key == key, problems[0]
    for word in words:
        assert word in problems[0].message, problems[0].message
    bounded(problems)


def test_names_longer_than_the_system_takes(meeting: Path, tmp_path: Path) -> None:
    long = "会" * 300  # 900 bytes: beyond a file name's 255
    refused(run("build", str(meeting), "--layout", long), "too long for the system")
    _setting(meeting, "layout", f'"{long}.toml"')
    refused(run("build", str(meeting)), "too long for the system")
    _setting(meeting, "layout", '"meeting-room-40"')
    _setting(meeting, "roster", f'"{long}.xlsx"')
    refused(run("build", str(meeting)), "too long for the system", "setting meeting.roster")
    result = run("init", str(tmp_path / long))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not (meeting / "out").exists()


# ---------------------------------------------------------------------------
# 8. properties: reading either succeeds or says a bounded UserError


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=60),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        "action",
        "name",
        "unit",
        "other",
        "other_unit",
        "other_title",
        "time",
        "user",
        "area",
        "places",
    ]
)
LINE = st.one_of(
    st.binary(max_size=200),
    JSON.map(lambda v: json.dumps(v, ensure_ascii=False).encode()),
    st.dictionaries(FIELDS, JSON | st.sampled_from(["absent", "substitute", "swap", "hall"])).map(
        lambda d: json.dumps(d, ensure_ascii=False).encode()
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINE, max_size=4))
def test_any_log_line_reads_or_says_a_bounded_user_error(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes]
) -> None:
    path = tmp_path_factory.mktemp("log") / "attendance-log.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    for read in (read_log, read_adjustments):
        try:
            entries = read(path)
        except UserError as error:
            bounded(error.problems)
            continue
        for entry in entries:
            for value in vars(entry).values():
                if isinstance(value, str):
                    assert len(value) <= LINE_LENGTH


SMALL = st.integers(0, 30)
NUMBER = st.one_of(
    SMALL,
    SMALL,
    SMALL,
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(0, 20).map(float),  # 3.0: JSON Schema's "integer", not Python's
)
NUMBERS = st.lists(NUMBER, max_size=8)
TEXT = st.text(max_size=30)
ANY = NUMBER | TEXT | NUMBERS | st.booleans() | st.dictionaries(TEXT, NUMBER, max_size=2)
USE = st.sampled_from(["observer", "staff", "media"]) | TEXT
# Each key of a layout with values mostly of its own type (so that many layouts get
# as far as being built), sometimes of any other.
LAYOUT_VALUES = {
    ("title",): TEXT,
    ("rostrum", "rows"): NUMBERS,
    ("rostrum", "podium"): st.sampled_from(["front-right", "front-centre", "none"]) | TEXT,
    ("floors", "rows"): NUMBER,
    ("floors", "sections"): NUMBERS,
    ("floors", "numbering"): st.sampled_from(["left-to-right", "odd-even"]) | TEXT,
    ("floors", "name"): TEXT,
    ("floors", "row_overrides"): st.lists(
        st.fixed_dictionaries(
            {"rows": NUMBERS, "sections": NUMBERS}, optional={"numbers": NUMBERS}
        ),
        max_size=3,
    ),
    ("floors", "blocked"): st.lists(
        st.fixed_dictionaries({"rows": NUMBERS, "seats": NUMBERS}), max_size=3
    ),
    ("floors", "reserved"): st.lists(
        st.fixed_dictionaries(
            {"use": USE, "rows": NUMBERS}, optional={"sections": NUMBERS, "seats": NUMBERS}
        ),
        max_size=3,
    ),
}
CHANGE = st.sampled_from(sorted(LAYOUT_VALUES)).flatmap(
    lambda key: st.tuples(st.just(key), LAYOUT_VALUES[key] | LAYOUT_VALUES[key] | ANY)
)


@settings(max_examples=300, deadline=None)
@given(changes=st.lists(CHANGE, max_size=5))
def test_any_layout_values_read_or_say_a_bounded_user_error(
    changes: list[tuple[tuple[str, ...], Any]],
) -> None:
    data = json.loads(json.dumps(BASE_LAYOUT))
    for keys, value in changes:
        target = data["floors"][0] if keys[0] == "floors" else data
        if keys[0] == "rostrum":
            target = data["rostrum"]
        target[keys[-1]] = value
    try:
        layout = parse_layout(data, "hall", "hall.toml")
    except UserError as error:
        bounded(error.problems)
        return
    assert 0 < layout.hall_capacity <= HALL_SEATS
