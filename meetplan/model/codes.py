"""The code on a pass (出席证) or a seat label, as a scanner types it at the desk.

A code names the meeting and the person: ``MP-<meeting>-<person>``, both parts
short hexadecimal digests, ASCII only (a USB scanner types it as keys, in any
keyboard layout and input method).

- The meeting part comes from the meeting's title and date: a pass of another
  meeting (last year's, the next room's) is told apart, not taken for a person.
- The person part comes from the name and the unit as printed: it stays the same
  across roster revisions that do not change them (the pass printed last week
  still scans), and a pass reprinted after a change of name or unit gets a new
  code, as its face changes too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from meetplan.model.attendee import Attendee
from meetplan.model.settings import MeetingInfo

PREFIX = "MP"
_CODE = re.compile(r"MP-([0-9A-F]{6})-([0-9A-F]{8})")


def _digest(text: str, size: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size].upper()


def meeting_tag(meeting: MeetingInfo) -> str:
    """Six hexadecimal digits naming the meeting (its title and date)."""
    return _digest(f"{meeting.title}\n{meeting.date}", 6)


def person_tag(person: Attendee) -> str:
    """Eight hexadecimal digits naming the person (name and unit)."""
    return _digest(f"{person.name}\n{person.unit}", 8)


def person_code(meeting: MeetingInfo, person: Attendee) -> str:
    """The code printed on the person's pass and seat label: MP-1A2B3C-0F1E2D3C."""
    return f"{PREFIX}-{meeting_tag(meeting)}-{person_tag(person)}"


@dataclass(frozen=True)
class Scanned:
    meeting: str  # the meeting tag read
    person: str  # the person tag read


def read_code(text: str) -> Scanned | None:
    """A scanned or typed code, or None when the text is not one (then it is a name
    or initials). Case, spaces and a trailing Enter are forgiven; so is a scanner
    in a Chinese input method that types the hyphen as a full-width one."""
    cleaned = text.strip().upper().replace("－", "-").replace("—", "-").replace(" ", "")
    match = _CODE.fullmatch(cleaned)
    if match is None:
        return None
    return Scanned(match.group(1), match.group(2))
