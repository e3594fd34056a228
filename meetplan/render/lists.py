"""What the sign-in sheets and lookup lists say, independent of PDF or xlsx."""

from __future__ import annotations

from dataclasses import dataclass

from meetplan.model.attendee import Area, Attendance, Attendee
from meetplan.model.plan import Plan
from meetplan.model.settings import SignInGrouping, SignInRemarks
from meetplan.protocol.hall import by_units
from meetplan.protocol.precedence import in_precedence_order
from meetplan.scenarios import standby


@dataclass(frozen=True)
class SignInRow:
    number: int  # 序号 within its sheet
    name: str
    unit: str
    title: str
    remark: str  # 备注: 待定, 请假, 代 某某
    struck: bool = False  # 请假: name, unit and title are struck through, and 备注 says why


@dataclass(frozen=True)
class SignInSheet:
    area: Area
    heading: str  # 主席台领导签到表 ...
    rows: tuple[SignInRow, ...]
    # [print] sign_in = "by-unit": the unit of a hall sheet, printed under the heading
    # ("" on a sheet of a whole area; NO_UNIT for the hall's people without a unit).
    unit: str = ""

    @property
    def key(self) -> str:
        """Names the sheet: its pages are numbered on their own (第 x 页 共 y 页)."""
        return f"{self.area.value}:{self.unit}" if self.unit else self.area.value


NO_UNIT = "未填单位"


HEADINGS: dict[Area, str] = {
    Area.ROSTRUM: "主席台领导签到表",
    Area.HALL: "参会人员签到表",
    Area.OBSERVER: "列席人员签到表",
    Area.STAFF: "工作人员签到表",
}


def remark(
    person: Attendee,
    replaced_by: dict[str, str],
    on_standby: set[int] | None = None,
    shown: SignInRemarks = SignInRemarks.ALL,
) -> str:
    """备注 on a sign-in sheet: the status (请假, 待定, 代会), and the roster's own 备注
    only under ``[print] sign_in_remarks = "all"`` (it may be private: 可能赴省开会)."""
    if shown is SignInRemarks.NONE:
        return ""
    parts = []
    if person.attendance is Attendance.TENTATIVE:
        parts.append("待定")
    elif person.attendance is Attendance.ABSENT:
        sub = replaced_by.get(person.name)
        parts.append(f"请假（{sub}代会）" if sub else "请假")
    if person.substitute_for and on_standby and person.id in on_standby:
        parts.append(f"代会备用：{person.substitute_for}不到会时代其出席")
    elif person.substitute_for:
        parts.append(f"代{person.substitute_for}出席")
    note = person.extra.get("备注", "") if shown is SignInRemarks.ALL else ""
    if note:
        parts.append(note)
    return "；".join(parts)


def sheet_order(plan: Plan, area: Area) -> list[Attendee]:
    """People of one area in sign-in order: the rostrum by precedence; the hall, 列席 and
    工作人员 as seated, unit by unit in the office's order (a rank may restart per unit)."""
    name_order = plan.settings.protocol.name_order
    people = plan.roster.by_area(area)
    if area is Area.ROSTRUM:
        return in_precedence_order(people, name_order)
    return by_units(people, name_order, plan.settings.hall.within_unit)


def in_units(people: list[Attendee]) -> list[tuple[str, list[Attendee]]]:
    """People in sign-in order, grouped by unit: (unit, its people), units in the order
    they first appear (the hall's unit order), people in their order."""
    groups: dict[str, list[Attendee]] = {}
    for person in people:
        groups.setdefault(person.unit, []).append(person)
    return list(groups.items())


def sign_in_sheets(plan: Plan) -> list[SignInSheet]:
    """One sheet per area that has people: rostrum leaders on their own sheet.

    With ``[print] sign_in = "by-unit"``, the hall's people get one sheet per unit
    instead (in the hall's unit order), to hand to each delegation; the rostrum,
    列席 and 工作人员 keep a sheet each (leaders sign at the rostrum's desk, and
    列席 and staff are no delegation).

    Everyone on the roster is listed exactly once, 请假 included (struck
    through, and marked in 备注), so the desk can tick the whole roster.
    """
    waiting = {p.id for p in standby(plan.roster)}
    replaced_by = {
        p.substitute_for: p.name
        for p in plan.roster.attendees
        if p.substitute_for and p.seated and p.id not in waiting
    }
    by_unit = plan.settings.printing.sign_in is SignInGrouping.BY_UNIT
    sheets = []
    for area in (Area.ROSTRUM, Area.HALL, Area.OBSERVER, Area.STAFF):
        people = sheet_order(plan, area)
        if not people:
            continue
        groups = in_units(people) if by_unit and area is Area.HALL else [("", people)]
        for unit, group in groups:
            rows = tuple(
                SignInRow(
                    i,
                    p.name,
                    p.unit,
                    p.title,
                    remark(p, replaced_by, waiting, plan.settings.printing.sign_in_remarks),
                    struck=p.attendance is Attendance.ABSENT,
                )
                for i, p in enumerate(group, start=1)
            )
            shown_unit = (unit or NO_UNIT) if by_unit and area is Area.HALL else ""
            sheets.append(SignInSheet(area, HEADINGS[area], rows, shown_unit))
    return sheets
