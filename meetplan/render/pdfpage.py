"""Page furniture shared by list-style PDFs: classification mark, page numbers per sheet."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from meetplan.model.settings import MeetingInfo
from meetplan.render.fitting import cut_to_width, metadata, printed_classification


class SheetStart(Flowable):
    """An invisible mark: a new sheet (with its own page count) starts here."""

    def __init__(self, key: str, running_head: str) -> None:
        super().__init__()
        self.key = key
        self.running_head = running_head
        self.width = self.height = 0

    def draw(self) -> None:
        canvas = self.canv
        canvas._sheet = (self.key, self.running_head)  # type: ignore[attr-defined]


def numbered_canvas(body_font: str, heading_font: str, classification: str) -> type[Canvas]:
    """A canvas class that writes "第 x 页 共 y 页" per sheet once all pages are known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            if kwargs.get("invariant") is None:  # platypus passes invariant=None explicitly
                kwargs["invariant"] = 1
            kwargs.setdefault("initialFontName", body_font)  # no stray unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._sheet = ("", "")

        def showPage(self) -> None:
            self._pages.append({**self.__dict__, "_sheet_of_page": self._sheet})
            self._startPage()

        def save(self) -> None:
            counts: dict[str, int] = {}
            for state in self._pages:
                key = state["_sheet_of_page"][0]
                counts[key] = counts.get(key, 0) + 1
            seen: dict[str, int] = {}
            for state in self._pages:
                key, head = state["_sheet_of_page"]
                seen[key] = seen.get(key, 0) + 1
                self.__dict__.update(state)
                self._furniture(seen[key], counts[key], head)
                super().showPage()
            super().save()

        def _furniture(self, page: int, total: int, head: str) -> None:
            width, height = self._pagesize
            self.setFont(body_font, 9)
            self.drawCentredString(width / 2, 10 * mm, f"第 {page} 页 共 {total} 页")
            mark = ""  # the classification, top left; the running head shares the line
            if classification:
                mark = cut_to_width(classification, heading_font, 12, width / 2 - 15 * mm)
            if page > 1 and head:
                room = (
                    width - 30 * mm - (stringWidth(mark, heading_font, 12) + 5 * mm if mark else 0)
                )
                self.drawRightString(
                    width - 15 * mm, height - 10 * mm, cut_to_width(head, body_font, 9, room)
                )
            if mark:
                self.setFont(heading_font, 12)
                self.drawString(15 * mm, height - 11 * mm, mark)

    return NumberedCanvas


A4_MARGINS = (14 * mm, 14 * mm, 16 * mm, 18 * mm)  # left, right, top, bottom


def render_numbered_a4(
    story: list[Any],
    meeting: MeetingInfo,
    title: str,
    body_font: str,
    heading_font: str,
    margins: tuple[float, float, float, float] = A4_MARGINS,
) -> bytes:
    """A flowing A4 document: page numbers per sheet, the classification mark, embedded fonts only."""
    left, right, top, bottom = margins
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=metadata(title),
        author=metadata(meeting.organizer),
        creator="meetplan",
        initialFontName=body_font,
    )
    mark = printed_classification(meeting)
    doc.build(story, canvasmaker=numbered_canvas(body_font, heading_font, mark))
    return buf.getvalue()
