"""The banquet (宴会, PROTOCOL.md §8): its rooms, its settings, who sits where.

- :mod:`~meetplan.banquet.room`: banquet room files (layouts/banquet-*.toml).
- :mod:`~meetplan.banquet.config`: meeting.toml ``[banquet]``.
- :mod:`~meetplan.banquet.geometry`: distances from the door and the main table; chairs.
- :mod:`~meetplan.banquet.seating`: the rules — table ranks, places at a table, people.
- :mod:`~meetplan.banquet.report`: the terminal's summary (``meetplan banquet``).
- :mod:`~meetplan.banquet.documents`: 宴会桌次图.pdf, 席卡.pdf, 桌号牌.pdf, 宴会座位表.xlsx.
"""

from meetplan.banquet.config import parse_banquet
from meetplan.banquet.room import load_room, read_room, shipped_rooms
from meetplan.banquet.seating import assign, places, rank_tables, seat_order

__all__ = [
    "assign",
    "load_room",
    "parse_banquet",
    "places",
    "rank_tables",
    "read_room",
    "seat_order",
    "shipped_rooms",
]
