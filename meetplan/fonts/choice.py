"""The font chosen for a setting: what renderers and messages need to know."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FontChoice:
    """A resolved font setting.

    ``style`` is the style asked for (song, hei, kai, fangsong), or "" when the
    setting was a file path. ``fallback_note`` is "" or a sentence for the user
    when another style stands in for the one asked for (no 楷体 found, ...).
    """

    path: str
    index: int  # the face inside a .ttc collection; 0 for .ttf/.otf
    family: str  # a human name: "SimSun", "Noto Serif SC (bundled)"
    style: str
    fallback_note: str = ""
