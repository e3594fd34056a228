"""Text as people type it, and text as meetplan prints or echoes it.

Three small rules shared by every reader (roster, meeting.toml, the
attendance log, the command line) and by every message:

- :func:`unfold` removes *presentation* characters: a line break or a tab in a
  cell (Alt+Enter in Excel wraps a long unit name) only lays the text out. Between
  two Chinese characters it disappears; elsewhere it becomes one space.
- :func:`unprintable` lists the characters no document can print: control
  characters (NUL, ESC and the rest of C0 and C1), unpaired surrogates and
  Unicode non-characters. They arrive from old systems and copy-and-paste; the
  reader reports them with their place, never prints them.
- :func:`shown` is a value as a message echoes it: control characters made
  visible (``\\x1b``) and cut after a few dozen characters with "…", so a
  100 MB cell or log line never floods the terminal.
"""

from __future__ import annotations

import re

# Line breaks and tabs: how the text was laid out in its cell, not part of it.
PRESENTATION = "\t\n\r\x0b\x0c\x85\u2028\u2029"
_HAN = r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
_BREAK = f"[{re.escape(PRESENTATION)}]+"
_BREAK_BETWEEN_HAN = re.compile(rf"(?<={_HAN})[ ]*{_BREAK}[ ]*(?={_HAN})")
_BREAKS = re.compile(rf"[ ]*{_BREAK}[ ]*")

# What a message shows of a value, at most.
SHOWN_LENGTH = 40


def unfold(text: str) -> str:
    """The text without its layout: line breaks and tabs between Chinese
    characters removed, elsewhere turned into one space."""
    if not any(c in PRESENTATION for c in text):
        return text
    return _BREAKS.sub(" ", _BREAK_BETWEEN_HAN.sub("", text))


def _unprintable(c: str) -> bool:
    code = ord(c)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF  # unpaired surrogates (from broken UTF-16)
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE  # U+FFFE, U+FFFF and the same in every plane
    )


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` that cannot be printed, each once, in order
    (presentation characters are not among them: :func:`unfold` them first)."""
    seen: dict[str, None] = {}
    for c in text:
        if c not in PRESENTATION and _unprintable(c):
            seen.setdefault(c)
    return list(seen)


def visible(c: str) -> str:
    """One character as a message names it: ``\\x1b``, ``\\u2028``."""
    code = ord(c)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """``text`` as a message echoes it: control characters and line breaks made
    visible, cut after ``limit`` characters with "…"."""
    cut = len(text) > limit
    text = text[:limit]
    if any(_unprintable(c) or c in PRESENTATION for c in text):
        text = "".join(visible(c) if _unprintable(c) or c in PRESENTATION else c for c in text)
    return text + "…" if cut else text


# What a message may be at most: every echoed value in it should already be
# :func:`shown`; this bounds whatever slipped through.
MESSAGE_LENGTH = 2000


def screened(message: str) -> str:
    """A whole message made safe for a terminal: control characters visible
    (line breaks kept: messages have them on purpose), at most
    ``MESSAGE_LENGTH`` characters."""
    cut = len(message) > MESSAGE_LENGTH
    message = message[:MESSAGE_LENGTH]
    if any(_unprintable(c) and c != "\n" for c in message):
        message = "".join(visible(c) if _unprintable(c) and c != "\n" else c for c in message)
    return message + "…" if cut else message
