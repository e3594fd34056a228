"""People on the roster.

Field names follow DESIGN.md's vocabulary: area 座区, attendance 出席,
precedence 排序, substitute_for 代会.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Area(StrEnum):
    """Where a person sits (the roster's 座区 column)."""

    ROSTRUM = "rostrum"  # 主席台
    HALL = "hall"  # 会场
    OBSERVER = "observer"  # 列席: in the hall, after members
    STAFF = "staff"  # 工作人员: staff seats only

    @property
    def label(self) -> str:
        return AREA_LABELS[self]


AREA_LABELS: dict[Area, str] = {
    Area.ROSTRUM: "主席台",
    Area.HALL: "会场",
    Area.OBSERVER: "列席",
    Area.STAFF: "工作人员",
}


class Attendance(StrEnum):
    """Whether a person comes (the roster's 出席 column)."""

    PRESENT = "present"  # 出席
    TENTATIVE = "tentative"  # 待定: a seat and a card are prepared
    ABSENT = "absent"  # 请假: no seat

    @property
    def label(self) -> str:
        return ATTENDANCE_LABELS[self]


ATTENDANCE_LABELS: dict[Attendance, str] = {
    Attendance.PRESENT: "出席",
    Attendance.TENTATIVE: "待定",
    Attendance.ABSENT: "请假",
}


@dataclass(frozen=True)
class Attendee:
    """One roster row that became a person.

    ``id`` is the person's position in the roster (1-based, in file order) and
    never changes between scenarios. ``precedence`` is 排序 (1 = most senior);
    None when the roster has a 排序 column but this row left it blank.
    """

    id: int
    name: str
    precedence: int | None
    unit: str = ""
    title: str = ""
    area: Area = Area.HALL
    attendance: Attendance = Attendance.PRESENT
    substitute_for: str = ""
    speaker: bool = False
    extra: dict[str, str] = field(default_factory=dict)  # 性别, 民族, 备注 ...
    source_row: int | None = None  # the row number in the spreadsheet
    # 座位: a seat the office pinned this person to, as printed (主席台第1排第3座,
    # 二楼3排12号), normalised by meetplan.model.labels; "" for none. A hard rule.
    seat: str = ""

    @property
    def seated(self) -> bool:
        """Whether a seat is prepared in the base plan."""
        return self.attendance is not Attendance.ABSENT


@dataclass(frozen=True)
class Roster:
    """Every person of the imported spreadsheet, in file order."""

    attendees: tuple[Attendee, ...]
    source: str = ""  # the file it came from, for messages

    def by_area(self, area: Area) -> list[Attendee]:
        return [a for a in self.attendees if a.area is area]

    def by_name(self, name: str) -> list[Attendee]:
        return [a for a in self.attendees if a.name == name]

    def __len__(self) -> int:
        return len(self.attendees)
