"""Seat labels as printed (主席台第1排第3座, 1排12号, 二楼3排12号), read back from text.

The roster's 座位 column pins a person to a seat written the way plan.json and
the chart print it (:func:`meetplan.model.layout.rostrum_seat`,
:func:`meetplan.model.layout.hall_seats`). Offices type them by hand, so
spaces, full-width digits (１排１２号) and a missing 第 (主席台1排3座) are
accepted; :func:`parse_label` gives the label in its printed form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ROSTRUM = "rostrum"
HALL = "hall"

_ROSTRUM = re.compile(r"主席台第?(\d+)排第?(\d+)[座号位]?")
_HALL = re.compile(r"(.*?)第?(\d+)排第?(\d+)[号座位]?")

# Digits a row or seat number may have: no hall has 10,000 rows or seats in a
# row. A longer number names no seat (and int() refuses thousands of digits).
MAX_LABEL_DIGITS = 4


@dataclass(frozen=True)
class SeatRef:
    """A seat named by its printed label: ``number`` is the printed seat number (the
    column on the rostrum), ``floor`` the floor's name as the layout writes it."""

    area: str  # ROSTRUM or HALL
    row: int
    number: int
    floor: str = ""

    @property
    def label(self) -> str:
        if self.area == ROSTRUM:
            return f"主席台第{self.row}排第{self.number}座"
        return f"{self.floor}{self.row}排{self.number}号"


def normalise_label(text: str) -> str:
    """No spaces of any kind, ASCII digits."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def parse_label(text: str) -> SeatRef | None:
    """The seat a label names, or None when the text is not a seat label."""
    label = normalise_label(text)
    if found := _ROSTRUM.fullmatch(label):
        if not _short(found[1], found[2]):
            return None
        row, number = int(found[1]), int(found[2])
        return SeatRef(ROSTRUM, row, number) if row >= 1 and number >= 1 else None
    if found := _HALL.fullmatch(label):
        if not _short(found[2], found[3]):
            return None
        floor, row, number = found[1], int(found[2]), int(found[3])
        if row < 1 or number < 1 or floor.startswith("主席台"):
            return None
        return SeatRef(HALL, row, number, floor)
    return None


def _short(*numbers: str) -> bool:
    return all(len(n.lstrip("0")) <= MAX_LABEL_DIGITS for n in numbers)
