"""The 备注 on sign-in sheets: the status by default; the roster's own remark only when asked."""

from __future__ import annotations

import pytest

from meetplan.layouts import load_layout
from meetplan.model import Area, Attendance, Attendee, PrintSettings, Roster, Settings
from meetplan.model.settings import SignInRemarks
from meetplan.planning import make_plan
from meetplan.render.lists import sign_in_sheets


def remarks(shown: SignInRemarks) -> dict[str, str]:
    people = (
        Attendee(id=1, name="张建国", precedence=1, area=Area.ROSTRUM),
        Attendee(
            id=2,
            name="李明",
            precedence=2,
            area=Area.ROSTRUM,
            attendance=Attendance.TENTATIVE,
            extra={"备注": "可能赴省开会"},
        ),
        Attendee(id=3, name="王伟", precedence=None, unit="甲", extra={"备注": "出差"}),
    )
    settings = Settings(printing=PrintSettings(sign_in_remarks=shown))
    plan = make_plan(Roster(people), load_layout("meeting-room-40"), settings)
    return {row.name: row.remark for sheet in sign_in_sheets(plan) for row in sheet.rows}


@pytest.mark.parametrize(
    ("shown", "li", "wang"),
    [
        (SignInRemarks.STATUS, "待定", ""),
        (SignInRemarks.ALL, "待定；可能赴省开会", "出差"),
        (SignInRemarks.NONE, "", ""),
    ],
)
def test_sign_in_remarks(shown: SignInRemarks, li: str, wang: str) -> None:
    found = remarks(shown)
    assert found["李明"] == li and found["王伟"] == wang and found["张建国"] == ""
