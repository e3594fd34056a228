"""The group photo (合影, PROTOCOL.md §8): who is in it, the rows, each row in
rostrum order, the stagger, the caption, and what changes per attendance case.

- :mod:`meetplan.photo.config`: meeting.toml ``[photo]``.
- :mod:`meetplan.photo.lineup`: the line-up, its caption and its changes.
- :mod:`meetplan.photo.documents`: 合影站位图.pdf, 合影说明.txt, 站位贴.pdf.
"""

from meetplan.photo.config import parse_photo
from meetplan.photo.lineup import (
    automatic_rows,
    caption,
    caption_text,
    line_up,
    lineups,
    photo_changes,
    terminal_lines,
)

__all__ = [
    "automatic_rows",
    "caption",
    "caption_text",
    "line_up",
    "lineups",
    "parse_photo",
    "photo_changes",
    "terminal_lines",
]
