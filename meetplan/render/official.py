"""Dates and times as 公文 write them: 2026年12月1日（星期二）上午9:00.

Every printed page says when the meeting is in the office's own form, whatever
the machine's locale; meeting.toml holds the date as 2026-12-01 (or a TOML
date) and the time as 09:00.
"""

from __future__ import annotations

import datetime as dt
import re

from meetplan.model.settings import MeetingInfo

WEEKDAYS = "一二三四五六日"
# every character a date or time line may print, for font subsets
DATE_TEXT = "0123456789年月日星期一二三四五六日（）上午下午中晚:："


def official_date(text: str) -> str:
    """2026-12-01 → 2026年12月1日（星期二）; anything else is printed as written."""
    match = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*", text or "")
    if not match:
        return (text or "").strip()
    year, month, day = (int(g) for g in match.groups())
    try:
        weekday = dt.date(year, month, day).weekday()
    except ValueError:
        return text.strip()
    return f"{year}年{month}月{day}日（星期{WEEKDAYS[weekday]}）"


def official_time(text: str, hour24: bool = False) -> str:
    """09:00 → 上午9:00 (14:30 → 下午2:30, 12:00 → 中午12:00); ``hour24``: 14:30 stays."""
    match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text or "")
    if not match:
        return (text or "").strip()
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return text.strip()
    if hour24:
        return f"{hour}:{minute:02d}"
    if hour < 12:
        return f"上午{hour}:{minute:02d}"
    if hour == 12:
        return f"中午12:{minute:02d}"
    if hour < 18:
        return f"下午{hour - 12}:{minute:02d}"
    return f"晚上{hour - 12}:{minute:02d}"


def when(meeting: MeetingInfo) -> str:
    """The meeting's date and time as printed: 2026年12月1日（星期二）上午9:00
    (``[meeting] clock = "24h"``: 14:30)."""
    return official_date(meeting.date) + official_time(meeting.time, meeting.clock == "24h")
