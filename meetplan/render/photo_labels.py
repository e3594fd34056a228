"""站位贴.pdf: one small label per place of the group photo ([photo] labels = true).

Each label carries the name, large, and the place, smaller: 二排左起第5位
(左起第5位 in a photo of one row). The labels are the seat labels' (座签):
the same stock and sheet grid ([print] label_size, label_grid), the same
rules for names (:mod:`meetplan.render.seat_labels`). They run front row
first, each row from the camera's left, so the staff hand them out row by row.
Only the base photo is labelled; a case that re-lines the photo is set from
the contingency sheet (应急调整表.pdf).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.pagesizes import A4

from meetplan.model.photo import PhotoLineup
from meetplan.photo.lineup import place_text
from meetplan.render.fitting import Clipped
from meetplan.render.seat_labels import (
    GRID,
    LABEL_SIZE,
    SeatLabel,
    clipped_labels,
    render_seat_labels,
    seat_label_text,
)

DOCUMENT = "站位贴.pdf"
TITLE = "站位贴"


def photo_labels(lineup: PhotoLineup) -> list[SeatLabel]:
    """A label for every place of the photo, front row first, each row from the left."""
    rows = len(lineup.rows)
    return [
        SeatLabel(name=place.person.name, seat=place_text(place.row, place.position, rows))
        for place in lineup.places
    ]


def photo_label_text(labels: Sequence[SeatLabel]) -> str:
    """Every character the labels print: register the font with this text."""
    return seat_label_text(labels, with_unit=False)


def clipped_photo_labels(
    labels: Sequence[SeatLabel], font: str, *, label_size: tuple[float, float] = LABEL_SIZE
) -> list[Clipped]:
    """The names too long for a label, cut with "…" on it."""
    return clipped_labels(labels, font, label_size=label_size, with_unit=False, document=DOCUMENT)


def render_photo_labels(
    labels: Sequence[SeatLabel],
    font: str,
    *,
    label_size: tuple[float, float] = LABEL_SIZE,
    grid: tuple[int, int] = GRID,
    page: tuple[float, float] = A4,
    title: str = TITLE,
    author: str = "",
) -> bytes:
    """The label sheets as a PDF (see :func:`meetplan.render.seat_labels.render_seat_labels`)."""
    return render_seat_labels(
        labels,
        font,
        label_size=label_size,
        grid=grid,
        page=page,
        with_unit=False,
        title=title,
        author=author,
    )
