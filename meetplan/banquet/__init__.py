"""The banquet (宴会, PROTOCOL.md §8): its rooms, its settings, who sits where.

- :mod:`~meetplan.banquet.room`: banquet room files (layouts/banquet-*.toml).
- :mod:`~meetplan.banquet.config`: meeting.toml ``[banquet]``.
- :mod:`~meetplan.banquet.geometry`: distances from the door and the main table; chairs.
- :mod:`~meetplan.banquet.seating`: the rules — table ranks, places at a table, people.
- :mod:`~meetplan.banquet.report`: the terminal's summary (``meetplan banquet``).
- :mod:`~meetplan.banquet.documents`: 宴会桌次图.pdf, 席卡.pdf, 桌号牌.pdf, 宴会座位表.xlsx.
"""

# Imported when first used (PEP 562): a command that only reads meeting.toml
# does not pay for the room files, the seating rules or the renderers.
_WHERE = {
    "assign": "meetplan.banquet.seating",
    "load_room": "meetplan.banquet.room",
    "parse_banquet": "meetplan.banquet.config",
    "places": "meetplan.banquet.seating",
    "rank_tables": "meetplan.banquet.seating",
    "read_room": "meetplan.banquet.room",
    "seat_order": "meetplan.banquet.seating",
    "shipped_rooms": "meetplan.banquet.room",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_WHERE[name]), name)
