"""座位查询.html: self-contained, safe with any name, and it finds people in a real browser.

The browser tests drive Debian's headless Chromium with Selenium and skip (saying
why) when either is missing; .ci/run installs both, so CI runs them.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from meetplan.build import build
from meetplan.layouts import load_layout
from meetplan.meeting import load_config
from meetplan.model import Area, Attendance, Attendee, MeetingInfo, Plan, Roster, Settings
from meetplan.planning import make_plan
from meetplan.render.seat_finder import (
    SEAT_FINDER,
    finder_makers,
    name_syllables,
    render_seat_finder,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "county-plenary"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
HOSTILE = [
    "</script><script>document.title='破'</script>",
    '张"三',
    "李'四",
    "王&lt;五",
    "<b>赵六</b>",
]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    folder = tmp_path_factory.mktemp("county") / "county-plenary"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    return build(load_config(folder)).plan


@pytest.fixture(scope="module")
def county_page(county: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / SEAT_FINDER
    path.write_bytes(finder_makers(county)[SEAT_FINDER]())
    return path


def hostile_plan() -> Plan:
    people = [
        Attendee(1, "欧阳少东", 1, "县委", "书记", area=Area.ROSTRUM),
        *(
            Attendee(i, name, i, "<i>单位</i>&", "科员\u2028'\"")
            for i, name in enumerate(HOSTILE, start=2)
        ),
        Attendee(10, "单建国", 10, "县委办", "主任", attendance=Attendance.TENTATIVE),
    ]
    meeting = MeetingInfo(title="</title><script>x()</script>会议", date="2026-12-01")
    return make_plan(
        Roster(tuple(people)), load_layout("meeting-room-40"), Settings(meeting=meeting)
    )


def page_data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    return data


# -- without a browser ---------------------------------------------------------


def test_self_contained(county_page: Path) -> None:
    html = county_page.read_text(encoding="utf-8")
    assert not re.search(r"https?://", html)
    assert not re.search(r"<script[^>]*\ssrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*\shref\s*=", html, re.I)
    assert not re.search(r"\ssrc\s*=|\shref\s*=|@import|url\(|@font-face", html, re.I)
    assert "fetch(" not in html and "XMLHttpRequest" not in html


def test_same_plan_same_bytes(county: Plan) -> None:
    assert render_seat_finder(county) == render_seat_finder(county)


def test_every_roster_person_once_with_their_base_seat(county: Plan, county_page: Path) -> None:
    people = page_data(county_page.read_text(encoding="utf-8"))["people"]
    assert sorted(p[0] for p in people) == sorted(a.name for a in county.roster.attendees)
    labels = {a.person.name: a.seat.label for a in county.base.assignments}
    for p in people:
        assert p[3] == labels.get(p[0], "未安排座位")


def test_pinyin_with_surname_readings() -> None:
    assert name_syllables("欧阳少东") == ["ou", "yang", "shao", "dong"]
    assert name_syllables("单建国")[0] == "shan"  # 单 as a surname is shàn, not dān
    assert name_syllables("阿依古丽·买买提") == ["a", "yi", "gu", "li", "mai", "mai", "ti"]


def test_tentative_and_substitute_marked_as_on_the_chart(county: Plan, county_page: Path) -> None:
    people = {p[0]: p for p in page_data(county_page.read_text(encoding="utf-8"))["people"]}
    substitutes = [a.person for a in county.base.assignments if a.person.substitute_for]
    tentative = [
        a.person for a in county.base.assignments if a.person.attendance is Attendance.TENTATIVE
    ]
    assert substitutes and tentative
    for person in substitutes:
        assert f"代{person.substitute_for}出席" in people[person.name][5]
    for person in tentative:
        assert "待定" in people[person.name][5]


def test_hostile_names_stay_data() -> None:
    plan = hostile_plan()
    html = render_seat_finder(plan).decode("utf-8")
    # one <script> element of data, one of code, and nothing from a name closes either
    assert html.count("</script>") == 2
    assert html.count("<script") == 2
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html
    data = page_data(html)
    assert {p[0] for p in data["people"]} >= set(HOSTILE)
    assert "<i>单位</i>&" in data["units"]


# -- in a browser --------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("no Chromium: apt-get install chromium chromium-driver (CI does)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("no selenium: pip install -e '.[test]'")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def search(driver: Any, page: Path, text: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(page.as_uri())
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)


def chosen(driver: Any) -> dict[str, str]:
    from selenium.webdriver.common.by import By

    mark = driver.find_element(By.ID, "mark-seat")
    shown = driver.find_element(By.ID, "mark").is_displayed()
    return {
        "name": driver.find_element(By.ID, "name").text,
        "seat": driver.find_element(By.ID, "seat").text,
        "note": driver.find_element(By.ID, "note").text,
        "shown": "yes" if shown else "no",
        **{k: mark.get_attribute(f"data-{k}") or "" for k in ("area", "floor", "row", "col")},
        "x": mark.get_attribute("x") or "",
        "y": mark.get_attribute("y") or "",
    }


@pytest.mark.parametrize("query", ["oysd", "少东", "ouyang", "OYSD"])
def test_finds_ouyang_shaodong_and_marks_the_seat(
    browser: Any, county: Plan, county_page: Path, query: str
) -> None:
    (person,) = county.roster.by_name("欧阳少东")
    seat = county.base.seat_of(person.id)
    assert seat is not None and seat.area == "rostrum"
    search(browser, county_page, query)
    found = chosen(browser)
    assert found["name"] == "欧阳少东"
    assert found["seat"] == seat.label
    assert found["shown"] == "yes"
    assert (found["area"], found["floor"], found["row"], found["col"]) == (
        seat.area,
        seat.floor,
        str(seat.row),
        str(seat.col),
    )


def test_marks_move_with_the_seat(browser: Any, county: Plan, county_page: Path) -> None:
    """The mark is drawn where the seat is: rostrum above the hall, row 1 nearer the
    rostrum than row 2, column 1 on the left."""
    places = {}
    picks = {
        a.person.name: a.seat
        for a in county.base.assignments
        if (a.seat.area, a.seat.row, a.seat.col) in {("rostrum", 1, 1), ("rostrum", 1, 2)}
        or (a.seat.area == "hall" and a.seat.col == 10 and a.seat.row in (1, 2))
    }
    assert len(picks) == 4
    for name, seat in picks.items():
        search(browser, county_page, name)
        found = chosen(browser)
        assert found["seat"] == seat.label
        places[(seat.area, seat.row, seat.col)] = (float(found["x"]), float(found["y"]))
    assert places[("rostrum", 1, 1)][0] < places[("rostrum", 1, 2)][0]
    assert places[("rostrum", 1, 1)][1] < places[("hall", 1, 10)][1] < places[("hall", 2, 10)][1]


def test_substitute_shows_whom_they_replace(browser: Any, county: Plan, county_page: Path) -> None:
    person = next(a.person for a in county.base.assignments if a.person.substitute_for)
    search(browser, county_page, person.name)
    assert f"代{person.substitute_for}出席" in chosen(browser)["note"]


def test_several_found_tap_to_choose(browser: Any, county: Plan, county_page: Path) -> None:
    from selenium.webdriver.common.by import By

    search(browser, county_page, "东")
    buttons = browser.find_elements(By.CSS_SELECTOR, "#results button")
    expected = [p for p in county.roster.attendees if "东" in p.name]
    assert len(buttons) == len(expected) > 1
    last = buttons[-1]
    name = browser.execute_script("return arguments[0].firstChild.nodeValue", last)
    last.click()
    assert chosen(browser)["name"] == name


def test_hostile_names_do_not_break_the_page(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / SEAT_FINDER
    page.write_bytes(render_seat_finder(hostile_plan()))
    search(browser, page, "zs")
    assert browser.title == "</title><script>x()</script>会议 座位查询"
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    for name in HOSTILE:
        search(browser, page, name)
        assert chosen(browser)["name"] == name
    search(browser, page, "sjg")
    found = chosen(browser)
    assert found["name"] == "单建国" and found["note"] == "待定"


def test_loads_nothing(browser: Any, county_page: Path) -> None:
    search(browser, county_page, "oysd")
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function(e){return e.name})"
    )
    assert resources == []
    assert browser.execute_script("return document.querySelectorAll('[src],[href]').length") == 0
