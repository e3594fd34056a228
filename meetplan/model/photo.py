"""The group photo (合影): its settings and the line-up (PROTOCOL.md §8).

Directions are the camera's: the camera faces the group as the hall faces the
rostrum, so "left" is the audience's left (PROTOCOL.md §1) and the honour side
under 左为上 is the camera's right. Rows are numbered from the front (1 = the
row nearest the camera); places in a row from the camera's left.

meeting.toml ``[photo]`` (every key optional; the table itself says a photo is
taken)::

    [photo]
    include = "rostrum"     # rostrum | rostrum+hall-heads | all | marked
    front_row = "seated"    # seated | standing
    rows = [11, 12, 13]     # people per row, front row first; leave out (or "auto"): automatic
    row_max = 15            # automatic rows: at most this many people in a row
    labels = false          # 站位贴.pdf: one label per place
    paper = "auto"          # auto | A4 | A3 (landscape)

The roster's 合影 column (是 / 否) puts a person in the photo or leaves them
out whatever ``include`` says; a blank cell follows ``include``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from meetplan.model.attendee import Attendee


class PhotoInclude(StrEnum):
    """Who is in the photo when the roster's 合影 cell is blank."""

    ROSTRUM = "rostrum"  # the people on the rostrum in that case (default)
    ROSTRUM_HALL_HEADS = "rostrum+hall-heads"  # and the first person of each unit in the hall
    ALL = "all"  # everyone who comes, but 工作人员
    MARKED = "marked"  # only those marked 是 in the roster's 合影 column


class FrontRow(StrEnum):
    """The front row sits on chairs (the leaders, as a rule) or stands."""

    SEATED = "seated"
    STANDING = "standing"


class PhotoPaper(StrEnum):
    """The paper of 合影站位图.pdf, landscape."""

    AUTO = "auto"  # A4, or A3 for a wide or deep line-up (see meetplan.render.photo_pdf)
    A4 = "A4"
    A3 = "A3"


# The roster's 合影 column: the key in Attendee.extra and its two values.
PHOTO_COLUMN = "合影"
PHOTO_YES = "是"
PHOTO_NO = "否"

# Bounds of the settings: no riser holds more, and a message must stay short.
MAX_ROW_PEOPLE = 100  # in one row
MAX_ROWS = 30  # rows given in photo.rows
DEFAULT_ROW_MAX = 15


@dataclass(frozen=True)
class PhotoSettings:
    """meeting.toml ``[photo]``; each default is the common practice (PROTOCOL.md §8)."""

    include: PhotoInclude = PhotoInclude.ROSTRUM
    front_row: FrontRow = FrontRow.SEATED
    # people per row, front row first, as the office sets the risers; empty: automatic
    # (meetplan.photo.lineup.automatic_rows)
    rows: tuple[int, ...] = ()
    row_max: int = DEFAULT_ROW_MAX  # automatic rows: at most this many people in a row
    labels: bool = False  # 站位贴.pdf
    paper: PhotoPaper = PhotoPaper.AUTO


@dataclass(frozen=True)
class PhotoPlace:
    """One person's place in the photo."""

    person: Attendee
    row: int  # 1 = the front row
    position: int  # 1-based, from the camera's left
    rank: int  # 1 = No.1 of the photo (the order the rows were filled in)
    x: float  # from the centre line, in places, positive to the camera's right


@dataclass(frozen=True)
class PhotoRow:
    number: int  # 1 = the front row
    places: tuple[PhotoPlace, ...]  # left to right as the camera sees them
    # The stagger: how far the row's middle stands from the centre line, in places
    # (0, or ±0.5 when the row has as many people, odd or even, as the row in front).
    offset: float = 0.0
    seated: bool = False


@dataclass(frozen=True)
class PhotoLineup:
    """The photo of one attendance case (one per plan scenario)."""

    scenario: str  # the scenario's id ("base" first)
    title: str  # the scenario's title, for people
    rows: tuple[PhotoRow, ...]  # front row first

    @property
    def places(self) -> list[PhotoPlace]:
        """Every place, front row first, each row from the camera's left."""
        return [place for row in self.rows for place in row.places]

    @property
    def count(self) -> int:
        return sum(len(row.places) for row in self.rows)

    def place_of(self, person_id: int) -> PhotoPlace | None:
        for place in self.places:
            if place.person.id == person_id:
                return place
        return None
