"""Stroke order (笔画序) of Han characters, GF 3003-1999, as sort weights.

GF 3003-1999 orders characters by stroke count, then by the shapes of the
strokes in writing order (横 丨 丿 丶 乛; 提 counts as 横, 捺 as 丶, 竖钩 as 丨,
other hooks and turns as 乛), then the next character. The order of 20,897
characters comes precomputed in ``data/stroke_order.txt`` (see
``data/README.md`` for its source and limits), so a character's weight is its
position there.

Every character of a name maps to one integer weight:

- the blank between a one-character surname and a one-character given name
  (按姓氏笔画) weighs ``GAP`` and so sorts before every character;
- known Han characters weigh their GF 3003 rank, 1 to about 21,000;
- Han characters missing from the data sort after all known ones, by code point;
- everything else (Latin letters, digits, other symbols) sorts after all Han
  characters, by code point of its lower-case form.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from meetplan.ordering.text import clean_name, is_han

DATA_FILE = "stroke_order.txt"

GAP = 0
UNKNOWN_HAN_BASE = 1 << 21  # above every rank in the data
OTHER_BASE = UNKNOWN_HAN_BASE + 0x110000  # above every unknown Han code point


@cache
def stroke_ranks() -> dict[str, int]:
    """Character -> GF 3003 rank (1 = first), read once on first use."""
    text = files(__package__).joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    order = "".join(line for line in text.splitlines() if not line.startswith("#"))
    ranks = {ch: rank for rank, ch in enumerate(order, start=1)}
    if len(ranks) != len(order) or len(order) >= UNKNOWN_HAN_BASE:
        raise RuntimeError(f"{DATA_FILE} is corrupt: regenerate it with tools/make_stroke_order.py")
    return ranks


def stroke_rank(ch: str) -> int | None:
    """The GF 3003 stroke-order rank of one Han character, or None if the data lacks it."""
    return stroke_ranks().get(ch)


def char_weight(ch: str) -> int:
    """The sort weight of one character (see the module docstring for the ranges)."""
    rank = stroke_ranks().get(ch)
    if rank is not None:
        return rank
    if is_han(ch):
        return UNKNOWN_HAN_BASE + ord(ch)
    return OTHER_BASE + ord(ch.lower()[0])


def weights(text: str) -> tuple[int, ...]:
    """Weights of already-cleaned text, one per character."""
    ranks = stroke_ranks()
    return tuple(ranks.get(ch) or char_weight(ch) for ch in text)


def stroke_key(text: str) -> tuple[int, ...]:
    """Sort key of ``text`` in stroke order, every character compared as written (按姓名笔画).

    Blanks and the separator dot of minority names are ignored (see
    ``text.clean_name``). A name that is a prefix of another sorts first.
    """
    return weights(clean_name(text))
