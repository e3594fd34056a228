"""Sort keys for people's names under each NameOrder (PROTOCOL.md §4).

Each order is one named key function; ``NAME_ORDER_KEYS`` maps the setting
to it. ``name_key`` appends the name as typed, so that two different strings
never compare equal (田富 and 田 富 have the same characters but are still two
entries): sorting is then a total, repeatable order. Identical names get
identical keys; they stay two people, and the caller decides (and warns).
"""

from __future__ import annotations

from collections.abc import Callable

from meetplan.model.settings import NameOrder
from meetplan.ordering.pinyin import pinyin_key
from meetplan.ordering.strokes import GAP, stroke_key, weights
from meetplan.ordering.surnames import parse_name


def surname_stroke_key(name: str) -> tuple[int, ...]:
    """按姓氏笔画: stroke order, with a blank between surname and a one-character given name.

    The blank sorts before every character, so 田富 comes before 田大利 and
    欧阳东 before 欧阳少东. Names without a Han surname (dotted
    transliterations, Latin names) are compared as written.
    """
    parsed = parse_name(name)
    if parsed.surname and len(parsed.given) == 1:
        return (*weights(parsed.surname), GAP, *weights(parsed.given))
    return weights(parsed.text)


NAME_ORDER_KEYS: dict[NameOrder, Callable[[str], tuple[object, ...]]] = {
    NameOrder.SURNAME_STROKES: surname_stroke_key,
    NameOrder.NAME_STROKES: stroke_key,  # 按姓名笔画: every character as written
    NameOrder.PINYIN: pinyin_key,
}


def name_key(name: str, order: NameOrder) -> tuple[object, ...]:
    """Sort key of a person's name under ``order``, for use after precedence.

    ``sorted(people, key=lambda p: (p.precedence, name_key(p.name, order)))``.
    ``NameOrder.LIST`` gives ``()`` for everyone, so a stable sort keeps the
    roster's order.
    """
    if order is NameOrder.LIST:
        return ()
    return (NAME_ORDER_KEYS[order](name), name)
