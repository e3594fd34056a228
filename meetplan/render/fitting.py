"""Long text in print: cut with "…", condensed or wrapped on a bounded number of lines.

The readers limit what a roster or meeting.toml may hold, but a renderer must be
safe on its own: a table cell taller than a page makes reportlab raise
``LayoutError``, and a line wider than its box runs over its neighbours or off
the paper. Every text of a person, a meeting or a material that a PDF prints
passes through one of these helpers, so that any text gives a document, with
"…" where it was cut; each renderer's ``clipped_*`` function says what its
document cuts, for the build's warnings.

Counts in characters assume full-width characters (one em each): Chinese text
is, Latin letters and digits are narrower, so a count never lets a text grow
taller than planned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from meetplan.fonts.characters import printable
from meetplan.model.settings import MeetingInfo

ELLIPSIS = "…"
# No printed field is measured beyond this many characters: a text of a million
# characters costs no more than one of a few lines (nothing prints more than this).
LONGEST = 2000
# A title, a venue, a heading of the people's text: at most this many lines.
TITLE_LINES = 3
# The meeting's title and venue as the PDFs print them (the spreadsheets keep them whole):
# three lines of the sign-in sheet's title, one line of the seating chart's.
MEETING_CHARS = 80
RUNNING_CHARS = 30  # the title in a running head, top right of every page after the first
# The classification mark (内部, 秘密★1年), top left of every page and sheet header; the
# checklist looks for it as printed.
CLASSIFICATION_CHARS = 20


@dataclass(frozen=True)
class Clipped:
    """A text a document prints cut short (with "…"): for a warning naming it."""

    document: str  # the file name in out/, e.g. 桌签.pdf
    name: str  # the person it belongs to ("" for the meeting's own text)
    field: str  # 姓名, 单位, 职务, 备注 …, or the setting (meeting.title)
    text: str  # the whole text, as the roster or meeting.toml gives it


def printed_title(meeting: MeetingInfo) -> str:
    """The meeting's title as the PDFs print it: cut with "…" beyond MEETING_CHARS."""
    return cut(meeting.title, MEETING_CHARS)


def running_title(meeting: MeetingInfo) -> str:
    """The meeting's title in a running head: cut with "…" beyond RUNNING_CHARS."""
    return cut(meeting.title, RUNNING_CHARS)


def printed_classification(meeting: MeetingInfo) -> str:
    """The classification as every document prints it: cut with "…" beyond
    CLASSIFICATION_CHARS."""
    return cut(meeting.classification, CLASSIFICATION_CHARS)


def printed_venue(meeting: MeetingInfo) -> str:
    """The venue as the PDFs print it: cut with "…" beyond MEETING_CHARS."""
    return cut(meeting.venue, MEETING_CHARS)


def clipped_meeting(meeting: MeetingInfo) -> list[Clipped]:
    """The meeting's title and venue, where every PDF prints them cut short, and the
    classification, where every document does."""
    found = [
        Clipped("", "", f"meeting.{key}", text)
        for key, text in (("title", meeting.title), ("venue", meeting.venue))
        if len(text) > MEETING_CHARS
    ]
    if len(meeting.classification) > CLASSIFICATION_CHARS:
        found.append(Clipped("", "", "meeting.classification", meeting.classification))
    return found


def characters_of(*texts: str) -> str:
    """Every character of these texts once, their ``{placeholders}`` left out: what a
    renderer's fixed words need of a font."""
    return "".join(dict.fromkeys(re.sub(r"\{\w+\}", "", "".join(texts))))


def metadata(text: str) -> str:
    """A PDF's title or author (its document properties): as printable text, at most
    MEETING_CHARS * 2 characters (reportlab cannot write an unpaired surrogate there)."""
    return cut(printable(text), 2 * MEETING_CHARS)


def cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, the last of them "…" when it is cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def chars_in(width: float, size: float, lines: int = 1) -> int:
    """How many full-width characters of ``size`` points fit on ``lines`` lines of ``width``."""
    return max(int(width // size), 1) * max(lines, 1)


def has_ellipsis(font: str) -> bool:
    """Whether the registered font draws "…" (every Chinese font does; a subset of a
    font without it would refuse it)."""
    face = getattr(getFont(font), "face", None)
    glyphs = getattr(face, "charToGlyph", None)
    return glyphs is None or ord(ELLIPSIS) in glyphs


def _mark(font: str) -> str:
    return ELLIPSIS if has_ellipsis(font) else "..."


def cut_to_width(text: str, font: str, size: float, width: float, spacing: float = 0.0) -> str:
    """The longest start of ``text`` that, with "…", is at most ``width`` wide (``spacing``:
    added between characters, as a name's tracking); ``text`` itself when it fits."""
    text = cut(text, LONGEST)

    def measure(s: str) -> float:
        return stringWidth(s, font, size) + spacing * max(len(s) - 1, 0)

    if measure(text) <= width:
        return text
    mark = _mark(font)
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits, found in log(n) measures
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + mark) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + mark


def condensed(
    text: str, font: str, size: float, width: float, least: float, spacing: float = 0.0
) -> tuple[str, float]:
    """(text, horizontal scale) to set ``text`` on one line of ``width``: condensed down to
    ``least``, and cut with "…" where even that is not enough."""
    text = cut(text, LONGEST)
    natural = stringWidth(text, font, size) + spacing * max(len(text) - 1, 0)
    if natural <= width or natural == 0:
        return text, 1.0
    if natural * least <= width:
        return text, width / natural
    text = cut_to_width(text, font, size, width / least, spacing)
    natural = stringWidth(text, font, size) + spacing * max(len(text) - 1, 0)
    return text, min(1.0, width / natural) if natural else 1.0


NAME_LEAST = 0.5  # a line of a name in a box is condensed down to this, then cut with "…"


def draw_box_lines(
    c: Canvas,
    lines: list[str],
    font: str,
    size: float,
    box: tuple[float, float, float, float],
    leading: float,
    rise: float,
) -> None:
    """Lines centred in ``box`` (x, y, width, height), ``leading`` apart, each condensed
    to the box's width less 3 points (cut with … beyond :data:`NAME_LEAST`); ``rise``
    lifts each baseline within its line, as a share of the size."""
    x, y, w, h = box
    top = y + h / 2 + len(lines) * leading / 2
    for i, text in enumerate(lines):
        line, scale = condensed(text, font, size, w - 3, NAME_LEAST)
        width = stringWidth(line, font, size)
        c.saveState()
        c.translate(x + w / 2 - width * scale / 2, top - (i + 1) * leading + size * rise)
        c.scale(scale, 1.0)
        c.drawString(0, 0, line)
        c.restoreState()


def draw_box_column(
    c: Canvas, chars: str, size: float, box: tuple[float, float, float, float]
) -> None:
    """Characters one under another, centred in ``box`` (a name set vertically), in the
    canvas's current font."""
    x, y, w, h = box
    step = size * 1.05
    top = y + h / 2 + len(chars) * step / 2
    for i, ch in enumerate(chars):
        c.drawCentredString(x + w / 2, top - (i + 1) * step + size * 0.15, ch)


def shrunk(
    text: str, font: str, size: float, width: float, least_scale: float, least_size: float
) -> tuple[str, float, float]:
    """(text, size, scale): condensed down to ``least_scale``, then set smaller down to
    ``least_size``; a text too long even then is cut with "…" at ``size`` (the seating
    chart's names and labels: what is cut is at least legible)."""
    text = cut(text, LONGEST)
    natural = stringWidth(text, font, size)
    if natural <= width or natural == 0:
        return text, size, 1.0
    scale = width / natural
    if scale >= least_scale:
        return text, size, scale
    smaller = size * scale / least_scale
    if smaller >= least_size:
        return text, smaller, least_scale
    text, scale = condensed(text, font, size, width, least_scale)
    return text, size, scale


def in_lines(text: str, width: float, size: float, lines: int) -> str:
    """``text`` cut to what ``lines`` wrapped lines of ``width`` hold at ``size`` points."""
    return cut(text, chars_in(width, size, lines))


def lines_in(texts: list[str], width: float, size: float, lines: int) -> list[str]:
    """Texts set one under another (each wrapping) on at most ``lines`` lines in all: the
    last one that does not fit is cut with "…", any after it left out."""
    per_line = chars_in(width, size)
    out: list[str] = []
    left = lines
    for text in texts:
        if left <= 0:  # the rest left out: the last line says so
            if out and not out[-1].endswith(ELLIPSIS):
                out[-1] += ELLIPSIS
            break
        out.append(cut(text, per_line * left))
        left -= max(1, -(-len(text) // per_line))
    return out


def wrapped(text: str, style: ParagraphStyle, width: float, lines: int) -> Paragraph:
    """A wrapping paragraph of at most about ``lines`` lines: longer text is cut with "…"."""
    return Paragraph(escape(in_lines(text, width, style.fontSize, lines)), style)
