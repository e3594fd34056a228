"""合影站位图.pdf: the group photo's line-up as the camera sees it, and its caption.

One page (or more, for a long caption) per case: the base photo first, then
each case (a 待定 leader not coming, a substitute) whose photo differs from it.
The rows are drawn as the photo shows them: the back row at the top, the front
row at the bottom nearest the camera, each from the camera's left, each row
where it stands (staggered rows half a place aside). Every place is a box with
the name, its number 左起第n位 above it; No.1 has a double outline. Row labels
(前排 / 二排 …, seated or standing) on the left; the number of people, rows,
chairs and riser steps above; the caption the news writer pastes below.

Black and white only: outlines and text, no colour and no fill that a
photocopier would lose. Paper: A4 landscape, or A3 landscape when the widest
row or the rows do not fit A4 at a readable size (``[photo] paper``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from meetplan.model.photo import PhotoLineup, PhotoPaper, PhotoSettings
from meetplan.model.settings import MeetingInfo
from meetplan.photo.lineup import (
    FRONT,
    NUMERALS,
    ROW,
    caption,
    risers,
    row_name,
)
from meetplan.render.fitting import (
    NAME_LEAST,
    TITLE_LINES,
    Clipped,
    condensed,
    cut,
    draw_box_column,
    draw_box_lines,
    in_lines,
    metadata,
    printed_classification,
    printed_title,
    running_title,
)
from meetplan.render.pdfpage import SheetStart, numbered_canvas
from meetplan.render.sign_in_pdf import meeting_line

DOCUMENT = "合影站位图.pdf"
TITLE = "合影站位图"
UNTITLED = "会议"
RUNNING_HEAD = "{title}　合影站位图"
CASE = "情形：{title}"
SUMMARY = "共 {n} 人，{rows} 排。"
SUMMARY_SEATED = "前排就座 {n} 人，设座椅 {n} 把。"
SUMMARY_STANDING = "前排站立。"
SUMMARY_RISERS = "站立各排由前往后逐级升高：站立的最前一排站地面，需合影台阶 {steps} 级。"
SUMMARY_NO_RISERS = "无需合影台阶。"
VIEW_NOTE = "图为从相机方向看：图的左边即照片的左边；框上数字为该排左起第几位，双线框为1号位。"
SHIFT_NOTE = "向{side}错开半个身位"  # printed on two lines of four characters
RIGHT = "右"
LEFT = "左"
SEATED = "就座"
STANDING = "站立"
CAMERA = "相　机"
CAPTION_HEADING = "合影说明（供新闻稿使用）"
NOBODY = "本次合影无人参加。"
ONE_ROW = "一排"

FIXED_TEXT = "".join(
    (
        TITLE,
        UNTITLED,
        RUNNING_HEAD,
        CASE,
        SUMMARY,
        SUMMARY_SEATED,
        SUMMARY_STANDING,
        SUMMARY_RISERS,
        SUMMARY_NO_RISERS,
        VIEW_NOTE,
        SHIFT_NOTE,
        RIGHT,
        LEFT,
        SEATED,
        STANDING,
        CAMERA,
        CAPTION_HEADING,
        NOBODY,
        ONE_ROW,
        FRONT,
        ROW,
        NUMERALS,
        "十左起：；、。第页共…0123456789",
    )
)

MARGINS = (15 * mm, 15 * mm, 18 * mm, 18 * mm)  # left, right, top, bottom
LABEL_WIDTH = 20 * mm  # the row labels, left of the picture
MAX_PITCH = 26 * mm  # a place at most this wide
GAP_SHARE = 0.12  # between two boxes, as a share of the pitch
NUMBER_SIZE = 6.5
NAME_MAX = 14.0
HORIZONTAL_LEAST = 7.0  # names set across while three characters fit at this size
VERTICAL_CHARS = 8  # a name set one character a line is cut with "…" beyond this
CAMERA_ROOM = 12 * mm
HEADER_ROOM = 48 * mm  # title, meeting, case and summary lines above the picture
INK = colors.black
LEAST_SCALE = 0.45  # a deep photo's names are set this much smaller at most, then split

# A4 landscape holds this many places in a row and this many rows at a readable size.
A4_ROW_PLACES = 20
A4_ROWS = 6


def paper_for(lineups: Sequence[PhotoLineup], paper: PhotoPaper) -> tuple[float, float]:
    """The page, landscape: as set, or (``auto``) A4 unless a photo is too wide or deep."""
    if paper is PhotoPaper.A4:
        return landscape(A4)
    if paper is PhotoPaper.A3:
        return landscape(A3)
    wide = max((len(r.places) + abs(r.offset) for lu in lineups for r in lu.rows), default=0)
    deep = max((len(lu.rows) for lu in lineups), default=0)
    return landscape(A3) if wide > A4_ROW_PLACES or deep > A4_ROWS else landscape(A4)


def printed_lineups(lineups: Sequence[PhotoLineup]) -> list[PhotoLineup]:
    """The base photo and each case whose photo differs from it."""
    if not lineups:
        return []
    base = lineups[0]
    shape = _shape(base)
    return [base, *(lu for lu in lineups[1:] if _shape(lu) != shape)]


def _shape(lineup: PhotoLineup) -> tuple[tuple[float, tuple[int, ...]], ...]:
    return tuple((r.offset, tuple(p.person.id for p in r.places)) for r in lineup.rows)


def row_label(number: int, rows: int) -> str:
    return row_name(number, rows) or ONE_ROW


def summary(lineup: PhotoLineup) -> str:
    """共 40 人，3 排。前排就座 13 人，设座椅 13 把。站立各排……需合影台阶 1 级。"""
    if not lineup.count:
        return NOBODY
    text = SUMMARY.format(n=lineup.count, rows=len(lineup.rows))
    front = lineup.rows[0]
    text += SUMMARY_SEATED.format(n=len(front.places)) if front.seated else SUMMARY_STANDING
    steps = risers(lineup)
    text += SUMMARY_RISERS.format(steps=steps) if steps else SUMMARY_NO_RISERS
    return text


def photo_text(lineups: Sequence[PhotoLineup], meeting: MeetingInfo) -> str:
    """Every character 合影站位图.pdf draws: register the body and the heading font with it."""
    parts = [FIXED_TEXT, printed_title(meeting), meeting_line(meeting), meeting.classification]
    for lu in printed_lineups(lineups):
        parts += [lu.title, caption(lu), summary(lu)]
        parts += [p.person.name for p in lu.places]
        parts += [row_label(r.number, len(lu.rows)) for r in lu.rows]
    return "".join(dict.fromkeys("".join(parts)))


def name_lines(name: str, per_line: int) -> list[str]:
    """A name on one line, or two when too long (broken at the · if any)."""
    if len(name) <= per_line:
        return [name]
    if "·" in name:
        head, _dot, tail = name.partition("·")
        return [head + "·", tail]
    half = -(-len(name) // 2)
    return [name[:half], name[half:]]


class LineupPicture(Flowable):
    """The rows as the camera sees them, the back row at the top.

    A photo too deep for a page even at the smallest names is split between
    rows (:meth:`split`), each part at the same scale; the camera is drawn
    below the part that holds the front row.
    """

    def __init__(
        self,
        lineup: PhotoLineup,
        body: str,
        heading: str,
        max_height: float,
        part: tuple[int, ...] = (),
    ) -> None:
        super().__init__()
        self.lineup = lineup
        self.body = body
        self.heading = heading
        self.max_height = max_height
        self.part = part or tuple(r.number for r in lineup.rows)  # the rows this part draws
        self.width = 0.0
        self.height = 0.0

    def _layout(self, width: float) -> None:
        rows = self.lineup.rows
        places = max((len(r.places) + 2 * abs(r.offset) for r in rows), default=1)
        self.pitch = min(MAX_PITCH, (width - LABEL_WIDTH) / max(places, 1))
        self.box_w = self.pitch * (1 - GAP_SHARE)
        names = [p.person.name for p in self.lineup.places] or ["国"]
        self.vertical = (self.box_w - 3) / 3 < HORIZONTAL_LEAST
        if self.vertical:
            self.size = min(9.0, self.box_w - 2)
            tallest = max(len(cut(n, VERTICAL_CHARS)) for n in names)
            self.box_h = tallest * self.size * 1.05 + 4
        else:
            self.size = min(NAME_MAX, (self.box_w - 6) / 3.1)
            self.per_line = max(3, int((self.box_w - 3) // self.size))
            lines = max(len(name_lines(n, self.per_line)) for n in names)
            self.box_h = max(lines * self.size * 1.25 + 6, self.size * 2.4, 30.0)
        self.row_h = NUMBER_SIZE + 3 + self.box_h + 4 * mm
        # The whole photo sets the scale, whatever part is drawn.
        whole = max(len(rows), 1)
        room = self.max_height - CAMERA_ROOM
        if whole * self.row_h > room:  # a deep photo: smaller names, down to a floor
            scale = max(room / (whole * self.row_h), LEAST_SCALE)
            self.box_h *= scale
            if self.vertical:
                self.size *= scale
            else:  # as large as the lower box holds (the width set it before)
                self.size = min(self.size, (self.box_h - 4) / (1.25 * lines))
            self.row_h = NUMBER_SIZE + 3 + self.box_h + 2 * mm
            if not self.vertical:
                self.per_line = max(3, int((self.box_w - 3) // self.size))

    @property
    def with_camera(self) -> bool:
        return 1 in self.part or not self.lineup.rows

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._layout(available_width)
        self.height = len(self.part) * self.row_h + (CAMERA_ROOM if self.with_camera else 0)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The back rows that fit here, then the rest (front row and camera) after them."""
        self.wrap(available_width, available_height)
        if self.height <= available_height or len(self.part) < 2:
            return []
        fit = int(available_height // self.row_h)
        if fit < 1:
            return []
        back = tuple(sorted(self.part, reverse=True))  # drawn from the top: the back row first
        first, rest = back[:fit], back[fit:]
        return [
            LineupPicture(self.lineup, self.body, self.heading, self.max_height, first),
            LineupPicture(self.lineup, self.body, self.heading, self.max_height, rest),
        ]

    def draw(self) -> None:
        c = self.canv
        rows = self.lineup.rows
        centre = LABEL_WIDTH + (self.width - LABEL_WIDTH) / 2
        y = self.height
        for row in reversed(rows):  # the back row at the top
            if row.number not in self.part:
                continue
            y -= self.row_h
            box_y = y + 2 * mm
            c.setFillColor(INK)
            # the labels from the top of the boxes down, as many lines as the row has room for
            room = self.box_h + NUMBER_SIZE
            label_size = min(10.5, room * 0.6)
            label_y = box_y + self.box_h - label_size
            c.setFont(self.heading, label_size)
            c.drawString(0, label_y, row_label(row.number, len(rows)))
            if room >= 22:
                c.setFont(self.body, 8)
                c.drawString(0, label_y - 10, SEATED if row.seated else STANDING)
            if row.offset and room >= 36:
                c.setFont(self.body, 7)
                note = SHIFT_NOTE.format(side=RIGHT if row.offset > 0 else LEFT)
                c.drawString(0, label_y - 19, note[:4])
                c.drawString(0, label_y - 27, note[4:])
            for place in row.places:
                x = centre + place.x * self.pitch - self.box_w / 2
                self.draw_box(place.person.name, x, box_y, place.rank == 1)
                c.setFont(self.body, NUMBER_SIZE)
                c.drawCentredString(x + self.box_w / 2, box_y + self.box_h + 2, str(place.position))
        if not self.with_camera:
            return
        # the camera, below the front row
        c.setFont(self.heading, 10)
        c.drawCentredString(centre, 3 * mm, CAMERA)
        c.setLineWidth(0.8)
        c.line(centre - 18 * mm, 8.5 * mm, centre + 18 * mm, 8.5 * mm)
        path = c.beginPath()  # an arrow up, toward the group
        path.moveTo(centre, 11.5 * mm)
        path.lineTo(centre - 1.8 * mm, 9 * mm)
        path.lineTo(centre + 1.8 * mm, 9 * mm)
        path.close()
        c.drawPath(path, stroke=0, fill=1)

    def draw_box(self, name: str, x: float, y: float, first: bool) -> None:
        c = self.canv
        w, h = self.box_w, self.box_h
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.7)
        c.rect(x, y, w, h, stroke=1, fill=0)
        if first:  # No.1: a second outline inside the first
            c.rect(x + 1.6, y + 1.6, w - 3.2, h - 3.2, stroke=1, fill=0)
        c.setFillColor(INK)
        size = self.size
        c.setFont(self.body, size)
        if self.vertical:
            draw_box_column(c, cut(name, VERTICAL_CHARS), size, (x, y, w, h))
        else:
            lines = name_lines(name, self.per_line)
            draw_box_lines(c, lines, self.body, size, (x, y, w, h), size * 1.25, 0.22)
        c.restoreState()


def picture_room(page: tuple[float, float]) -> float:
    """The height a picture may take on a page, below the lines above it."""
    return page[1] - MARGINS[2] - MARGINS[3] - 12 - HEADER_ROOM  # 12: the frame's padding


def clipped_photo(
    lineups: Sequence[PhotoLineup], body: str, settings: PhotoSettings
) -> list[Clipped]:
    """The names 合影站位图.pdf prints cut short with "…" (the registered body font)."""
    page = paper_for(lineups, settings.paper)
    width = page[0] - MARGINS[0] - MARGINS[1]
    found: dict[str, Clipped] = {}
    for lu in printed_lineups(lineups):
        picture = LineupPicture(lu, body, body, picture_room(page))
        picture.wrap(width, page[1])
        for place in lu.places:
            name = place.person.name
            if picture.vertical:
                cut_short = len(name) > VERTICAL_CHARS
            else:
                cut_short = any(
                    condensed(t, body, picture.size, picture.box_w - 3, NAME_LEAST)[0] != t
                    for t in name_lines(name, picture.per_line)
                )
            if cut_short:
                found.setdefault(name, Clipped(DOCUMENT, name, "姓名", name))
    return list(found.values())


def render_photo(
    lineups: Sequence[PhotoLineup],
    meeting: MeetingInfo,
    settings: PhotoSettings,
    body: str,
    heading: str,
) -> bytes:
    """合影站位图.pdf. The fonts must be registered with :func:`photo_text`."""
    page = paper_for(lineups, settings.paper)
    left, right, top, bottom = MARGINS
    width = page[0] - left - right
    styles = {
        "title": ParagraphStyle(
            "title", fontName=heading, fontSize=20, leading=26, alignment=TA_CENTER
        ),
        "sub": ParagraphStyle(
            "sub", fontName=heading, fontSize=13, leading=18, alignment=TA_CENTER, wordWrap="CJK"
        ),
        "line": ParagraphStyle(
            "line", fontName=body, fontSize=10.5, leading=15, alignment=TA_CENTER, wordWrap="CJK"
        ),
        "body": ParagraphStyle("body", fontName=body, fontSize=10, leading=15, wordWrap="CJK"),
        "caption_heading": ParagraphStyle(
            "caption_heading",
            fontName=heading,
            fontSize=11.5,
            leading=17,
            spaceBefore=2 * mm,
            keepWithNext=1,
        ),
        "caption": ParagraphStyle(
            "caption", fontName=body, fontSize=11, leading=18, wordWrap="CJK"
        ),
    }
    title = printed_title(meeting) or UNTITLED
    shown = printed_lineups(lineups)
    story: list[Flowable] = []
    for index, lu in enumerate(shown):
        if index:
            story.append(PageBreak())
        story += [
            SheetStart("photo", RUNNING_HEAD.format(title=running_title(meeting) or UNTITLED)),
            Paragraph(TITLE, styles["title"]),
            Paragraph(escape(in_lines(title, width, 13, TITLE_LINES)), styles["sub"]),
        ]
        line = meeting_line(meeting)
        if line:
            story.append(Paragraph(escape(in_lines(line, width, 10.5, 2)), styles["line"]))
        if len(shown) > 1:
            story.append(Paragraph(escape(CASE.format(title=lu.title)), styles["line"]))
        story += [
            Spacer(1, 2 * mm),
            Paragraph(escape(summary(lu)), styles["body"]),
            Paragraph(escape(VIEW_NOTE), styles["body"]),
            Spacer(1, 3 * mm),
        ]
        if lu.count:
            story.append(LineupPicture(lu, body, heading, picture_room(page)))
            story += [
                Paragraph(CAPTION_HEADING, styles["caption_heading"]),
                Paragraph(escape(caption(lu)), styles["caption"]),
            ]
    if not story:
        story.append(Paragraph(NOBODY, styles["body"]))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=page,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=metadata(f"{meeting.title} {TITLE}"),
        author=metadata(meeting.organizer),
        creator="meetplan",
        initialFontName=body,
    )
    doc.build(story, canvasmaker=numbered_canvas(body, heading, printed_classification(meeting)))
    return buf.getvalue()
