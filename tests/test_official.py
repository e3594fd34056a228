"""Dates and times as 公文 write them, on every document."""

from __future__ import annotations

import pytest

from meetplan.model.settings import MeetingInfo
from meetplan.render.official import official_date, official_time, when
from meetplan.render.sign_in_pdf import meeting_line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", "2026年12月1日（星期二）"),
        ("2026/1/5", "2026年1月5日（星期一）"),
        ("2026年3月8日", "2026年3月8日（星期日）"),
        ("2026-02-30", "2026-02-30"),  # no such day: printed as written
        ("十二月初", "十二月初"),
        ("", ""),
    ],
)
def test_official_date(text: str, expected: str) -> None:
    assert official_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "hour24"),
    [
        ("09:00", "上午9:00", "9:00"),
        ("8:30", "上午8:30", "8:30"),
        ("12:00", "中午12:00", "12:00"),
        ("14:30", "下午2:30", "14:30"),
        ("19:05", "晚上7:05", "19:05"),
        ("25:00", "25:00", "25:00"),
        ("上午", "上午", "上午"),
    ],
)
def test_official_time(text: str, expected: str, hour24: str) -> None:
    assert official_time(text) == expected
    assert official_time(text, hour24=True) == hour24


def test_the_meeting_line_names_the_venue_once() -> None:
    meeting = MeetingInfo(title="会", date="2026-12-01", time="09:00", venue="县委大礼堂")
    assert when(meeting) == "2026年12月1日（星期二）上午9:00"
    assert meeting_line(meeting) == "时间：2026年12月1日（星期二）上午9:00　　地点：县委大礼堂"


def test_the_24_hour_clock_is_a_setting() -> None:
    meeting = MeetingInfo(date="2026-12-01", time="14:30", clock="24h")  # type: ignore[arg-type]
    assert when(meeting) == "2026年12月1日（星期二）14:30"
