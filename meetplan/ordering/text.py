"""What of a name counts for ordering: the characters, not the typing.

Rosters type the same name in different ways: a full-width space to align
two-character names (田　富), a middle dot between the parts of a minority or
foreign name (阿沛·阿旺晋美) in one of several look-alike code points, full-width
Latin letters. None of these change who the person is, so ordering ignores them.
"""

from __future__ import annotations

import unicodedata

# The middle dot of minority and foreign names (GB/T 28039) and the look-alikes
# that rosters use for it; "." also appears (阿沛.阿旺晋美).
SEPARATOR_DOTS = frozenset(
    "\u00b7"  # · MIDDLE DOT, the standard one
    "\u2022"  # • BULLET
    "\u2027"  # ‧ HYPHENATION POINT
    "\u30fb"  # ・ KATAKANA MIDDLE DOT (NFKC also maps the half-width ･ here)
    "\u2219"  # ∙ BULLET OPERATOR
    "\u22c5"  # ⋅ DOT OPERATOR
    "\u2e31"  # ⸱ WORD SEPARATOR MIDDLE DOT
    "."  # full stop (NFKC maps the full-width ． here)
)

# Han ideographs: 〇, CJK Unified Ideographs with Extension A and B-H, and the
# compatibility blocks (most of which NFKC maps to unified ideographs anyway).
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
    (0x2F800, 0x2FA1F),
)


def is_han(ch: str) -> bool:
    """True for one Han ideograph (汉字)."""
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF:  # the common case, checked first
        return True
    return any(low <= code <= high for low, high in HAN_RANGES)


def split_name(name: str) -> tuple[str, bool]:
    """The characters that order a name, and whether it had a separator dot.

    The characters are NFKC-normalised, without blanks or separator dots. NFKC
    turns full-width Latin letters and digits into ASCII and compatibility
    ideographs into their unified forms, so that a name typed two ways orders
    the same way. A dotted name (买买提·艾力) is a transliteration: it has no Han
    surname.
    """
    normal = unicodedata.normalize("NFKC", name)
    kept = "".join(ch for ch in normal if not ch.isspace() and ch not in SEPARATOR_DOTS)
    return kept, len(kept) < len(normal) and any(ch in SEPARATOR_DOTS for ch in normal)


def clean_name(name: str) -> str:
    """The characters that order a name (see ``split_name``)."""
    return split_name(name)[0]
