"""Which characters of a text a font must have, and how to name one in a message."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from meetplan.model.text import unfold, unprintable

# Always kept in a subset when the font has them, so that page numbers, dates,
# 第1排 and punctuation added by a renderer never meet a character the subset lost.
# Kept small: each glyph costs about 1 ms to convert the first time.
ALWAYS_INCLUDED: frozenset[int] = frozenset(
    [*range(0x20, 0x7F)]  # ASCII printable
    + [ord(c) for c in "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·～－　"]
    + [*range(0xFF10, 0xFF1A)]  # full-width digits: 第１排
)


def is_ignorable(ch: str) -> bool:
    """Whitespace and control characters: layout, not something a font must draw."""
    return ch.isspace() or unicodedata.category(ch) == "Cc"


def is_control(ch: str) -> bool:
    """Control characters (line breaks, tabs) are never drawn by reportlab."""
    return unicodedata.category(ch) == "Cc"


# Any character :func:`printable` changes: a line break or tab, a control character, an
# unpaired surrogate or a non-character (U+FDD0–U+FDEF, U+xFFFE and U+xFFFF of every plane).
_SUSPECT = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)


def plain(text: str) -> bool:
    """Whether ``text`` holds no line break, tab, control character, unpaired surrogate or
    non-character (a fast test: nearly all text is plain)."""
    return _SUSPECT.search(text) is None


def printable(text: str) -> str:
    """``text`` as a document draws it: line breaks and tabs unfolded (:func:`unfold`), and
    characters no document can print (control characters, non-characters, unpaired
    surrogates) left out.

    The readers refuse such characters; this is the font book's last line of defence,
    so that one that slips through is neither demanded of a font nor drawn as a box.
    """
    if plain(text):  # nearly always: all text reportlab draws passes here
        return text
    text = unfold(text)
    bad = unprintable(text)
    if bad:
        drop = set(bad)
        text = "".join(c for c in text if c not in drop)
    return text


def unique_chars(text: str) -> list[str]:
    """The characters of text once each, in first-seen order (messages list them as written)."""
    return list(dict.fromkeys(text))


def lacking(text: str, cmap: Mapping[int, object], *, skip_whitespace: bool) -> list[str]:
    """Characters of text the cmap lacks, first-seen order, no duplicates.

    Whitespace is skipped when naming a person's missing characters (a name's
    spacing is presentation); when embedding, only control characters are,
    because reportlab draws a whitespace character the font lacks as a box.
    """
    skip = is_ignorable if skip_whitespace else is_control
    out: list[str] = []
    seen: set[str] = set()
    for ch in text:
        if ch in seen:
            continue
        seen.add(ch)
        if ord(ch) not in cmap and not skip(ch):
            out.append(ch)
    return out


def describe(chars: Iterable[str]) -> str:
    """“𠮷” (U+20BB7), …: the code point too, as a missing character may be invisible."""
    return ", ".join(f"“{ch}” (U+{ord(ch):04X})" for ch in chars)
