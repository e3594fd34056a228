"""The group photo's documents for out/: 合影站位图.pdf, 合影说明.txt and, with
``[photo] labels = true``, 站位贴.pdf.

:func:`photo_makers` gives each document and the function that makes it (the
fonts registered), as ``meetplan.build.document_makers`` does for the others;
:func:`photo_documents` makes them all. A photo with more people than
``photo.rows`` has places raises :class:`~meetplan.model.errors.UserError`
before anything is drawn.
"""

from __future__ import annotations

from collections.abc import Callable

from meetplan.fonts import FontBook
from meetplan.model.photo import PhotoSettings
from meetplan.model.plan import Plan
from meetplan.photo.lineup import caption_text, lineups
from meetplan.render.fitting import Clipped

PHOTO_PDF = "合影站位图.pdf"
CAPTION_TXT = "合影说明.txt"
PHOTO_LABELS_PDF = "站位贴.pdf"


def photo_makers(
    plan: Plan, fonts: FontBook, settings: PhotoSettings
) -> dict[str, Callable[[], bytes]]:
    """Each photo document of out/ and the function that makes it."""
    from meetplan.render.photo_labels import photo_label_text, photo_labels, render_photo_labels
    from meetplan.render.photo_pdf import photo_text, render_photo
    from meetplan.render.seat_labels import parse_grid, parse_label_spec

    printing = plan.settings.printing
    meeting = plan.settings.meeting
    found = lineups(plan, settings)
    text = photo_text(found, meeting)
    body = fonts.register(printing.list_font, text)
    heading = fonts.register(printing.heading_font, text)
    makers: dict[str, Callable[[], bytes]] = {
        PHOTO_PDF: lambda: render_photo(found, meeting, settings, body, heading),
        CAPTION_TXT: lambda: caption_text(found).encode("utf-8"),
    }
    if settings.labels and found and found[0].count:
        labels = photo_labels(found[0])
        label_font = fonts.register(printing.card_font, photo_label_text(labels))
        size = parse_label_spec(printing.label_size)
        grid = parse_grid(printing.label_grid, label_size=size)
        makers[PHOTO_LABELS_PDF] = lambda: render_photo_labels(
            labels,
            label_font,
            label_size=size,
            grid=grid,
            title=f"{meeting.title} 站位贴",
            author=meeting.organizer,
        )
    return makers


def photo_documents(plan: Plan, fonts: FontBook, settings: PhotoSettings) -> dict[str, bytes]:
    """{file name in out/: its bytes} for the group photo."""
    return {name: make() for name, make in photo_makers(plan, fonts, settings).items()}


def clipped_photo_documents(plan: Plan, fonts: FontBook, settings: PhotoSettings) -> list[Clipped]:
    """Names the photo's PDFs print cut short with "…", for the build's warnings."""
    from meetplan.render.photo_labels import clipped_photo_labels, photo_label_text, photo_labels
    from meetplan.render.photo_pdf import clipped_photo, photo_text
    from meetplan.render.seat_labels import parse_label_spec

    printing = plan.settings.printing
    found = lineups(plan, settings)
    body = fonts.register(printing.list_font, photo_text(found, plan.settings.meeting))
    clipped = clipped_photo(found, body, settings)
    if settings.labels and found and found[0].count:
        labels = photo_labels(found[0])
        label_font = fonts.register(printing.card_font, photo_label_text(labels))
        clipped += clipped_photo_labels(
            labels, label_font, label_size=parse_label_spec(printing.label_size)
        )
    return clipped
