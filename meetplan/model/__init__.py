"""The domain model. Imports nothing from the rest of meetplan."""

from meetplan.model.attendee import Area, Attendance, Attendee, Roster
from meetplan.model.errors import Location, Problem, Severity, UserError, raise_if_errors
from meetplan.model.layout import Floor, HallRow, Layout, Numbering, Podium, Seat, SeatUse
from meetplan.model.plan import Assignment, Plan, Scenario, Unseated, UnseatedReason
from meetplan.model.settings import (
    EvenRostrum,
    FontStyle,
    HonorSide,
    HostSeat,
    MeetingInfo,
    NameOrder,
    PrintSettings,
    ProtocolSettings,
    Settings,
)

__all__ = [
    "Area",
    "Assignment",
    "Attendance",
    "Attendee",
    "EvenRostrum",
    "Floor",
    "FontStyle",
    "HallRow",
    "HonorSide",
    "HostSeat",
    "Layout",
    "Location",
    "MeetingInfo",
    "NameOrder",
    "Numbering",
    "Plan",
    "Podium",
    "PrintSettings",
    "Problem",
    "ProtocolSettings",
    "Roster",
    "Scenario",
    "Seat",
    "SeatUse",
    "Settings",
    "Severity",
    "Unseated",
    "UnseatedReason",
    "UserError",
    "raise_if_errors",
]
