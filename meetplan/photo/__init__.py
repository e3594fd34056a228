"""The group photo (合影, PROTOCOL.md §8): who is in it, the rows, each row in
rostrum order, the stagger, the caption, and what changes per attendance case.

- :mod:`meetplan.photo.config`: meeting.toml ``[photo]``.
- :mod:`meetplan.photo.lineup`: the line-up, its caption and its changes.
- :mod:`meetplan.photo.documents`: 合影站位图.pdf, 合影说明.txt, 站位贴.pdf.
"""

# Imported when first used (PEP 562): a command that only reads meeting.toml
# does not pay for the room files, the seating rules or the renderers.
_WHERE = {
    "automatic_rows": "meetplan.photo.lineup",
    "caption": "meetplan.photo.lineup",
    "caption_text": "meetplan.photo.lineup",
    "line_up": "meetplan.photo.lineup",
    "lineups": "meetplan.photo.lineup",
    "parse_photo": "meetplan.photo.config",
    "photo_changes": "meetplan.photo.lineup",
    "terminal_lines": "meetplan.photo.lineup",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_WHERE[name]), name)
