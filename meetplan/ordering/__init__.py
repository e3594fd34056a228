"""Ordering people of equal precedence by name (PROTOCOL.md §4).

``name_key(name, order)`` is the one entry point for the protocol setting
``name_order``; ``stroke_key``, ``pinyin_key`` and ``stroke_rank`` are the
building blocks, for documents that order other text the same way.

- ``strokes``: GF 3003-1999 stroke order of characters (data in ``data/``).
- ``surnames``: compound surnames and surname readings (data tables).
- ``pinyin``: pinyin order with surnames read as surnames.
- ``names``: the key of each NameOrder.
- ``text``: what of a typed name counts (blanks and middle dots do not).
"""

from meetplan.ordering.names import name_key
from meetplan.ordering.pinyin import pinyin_key
from meetplan.ordering.strokes import stroke_key, stroke_rank

__all__ = ["name_key", "pinyin_key", "stroke_key", "stroke_rank"]
