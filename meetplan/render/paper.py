"""Paper sizes given by name or as "WIDTHxHEIGHT" in millimetres."""

from __future__ import annotations

import re

from reportlab.lib import pagesizes
from reportlab.lib.units import mm

from meetplan.i18n import _
from meetplan.model.errors import Location, Problem, UserError

NAMED = {
    "A3": pagesizes.A3,
    "A4": pagesizes.A4,
    "A5": pagesizes.A5,
    "B5": pagesizes.B5,
    "LETTER": pagesizes.LETTER,
}
_MM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$", re.IGNORECASE)


def paper_size(spec: str, key: str = "print.card_size") -> tuple[float, float]:
    """(width, height) in points, portrait as the paper is named."""
    named = NAMED.get(spec.strip().upper())
    if named is not None:
        return (float(named[0]), float(named[1]))
    m = _MM.match(spec)
    if m:
        w, h = float(m.group(1)) * mm, float(m.group(2)) * mm
        if 40 * mm <= min(w, h) and max(w, h) <= 1200 * mm:  # a card, not a poster
            return (w, h)
    raise UserError(
        Problem(
            _("Unknown paper size {value!r}.").format(value=spec),
            Location(key=key, value=spec),
            hint=_("Use A4, A5, B5, A3, letter, or a size in millimetres such as 210x297."),
        )
    )
