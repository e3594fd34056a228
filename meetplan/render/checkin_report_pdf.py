"""签到统计.pdf: 应到 / 实到 / 请假 / 未到 at the moment of printing, for the host and the office.

First the sentence for the host's script (主持词) in a frame, then the totals by
area (列席 and 工作人员 on lines of their own unless counted), the counts per
unit, and the names: not yet arrived (with unit, seat and 待定 / 代会 notes),
请假, and 代会 arrived. What the tables print is made once here and shared with
the xlsx (:mod:`meetplan.render.checkin_report_xlsx`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from meetplan.checkin.counts import Count, Counts, Place, State, note, seat_text
from meetplan.model.attendee import Area, Attendee
from meetplan.model.plan import Plan
from meetplan.render.fitting import (
    TITLE_LINES,
    characters_of,
    in_lines,
    printed_title,
    running_title,
)
from meetplan.render.pdfpage import SheetStart, render_numbered_a4
from meetplan.render.sign_in_pdf import meeting_line

REPORT_PDF = "签到统计.pdf"
TITLE = "签到统计"
UNTITLED = "会议"
RUNNING_HEAD = "{title}　签到统计"
AT = "统计时间：{at}"
SENTENCE_LABEL = "主持词用语："
TOTALS_HEADING = "一、到会情况"
UNITS_HEADING = "二、分单位统计"
MISSING_HEADING = "三、未到人员名单（{n}人{apart}）"
APART_COUNT = "，另计列席、工作人员{n}人"
LEAVE_HEADING = "四、请假人员名单（{n}人）"
SUBSTITUTES_HEADING = "五、代会人员（{n}人）"
COUNT_COLUMNS = ("", "应到", "实到", "请假", "未到")
PEOPLE_COLUMNS = ("序号", "姓名", "单位", "职务", "座位", "备注")
TOTAL = "合计"
APART = "（另计）"
NO_UNIT = "（无单位）"
NOBODY_MISSING = "应到人员均已到会。"
NOBODY = "无。"
STRANGERS = "另有 {n} 人已签到但不在当前名单上：{names}。"
DAMAGED = "签到记录中有 {n} 行无法读取，未计入统计，请核对 checkin-log.jsonl。"

FIXED_TEXT = characters_of(
    TITLE,
    UNTITLED,
    RUNNING_HEAD,
    AT,
    SENTENCE_LABEL,
    TOTALS_HEADING,
    UNITS_HEADING,
    MISSING_HEADING,
    APART_COUNT,
    LEAVE_HEADING,
    SUBSTITUTES_HEADING,
    "".join(COUNT_COLUMNS + PEOPLE_COLUMNS),
    TOTAL,
    APART,
    NO_UNIT,
    NOBODY_MISSING,
    NOBODY,
    STRANGERS,
    DAMAGED,
    "".join(a.label for a in Area),
    "本次会议应到会实到会请假人。代会时或由待定、；：0123456789-",
    "时间地点第页共（）座区单位",
)


@dataclass(frozen=True)
class PersonRow:
    name: str
    unit: str
    title: str
    seat: str
    remark: str


@dataclass(frozen=True)
class ReportContent:
    """What 签到统计 prints, in order; both the PDF and the xlsx print it."""

    sentence: str
    areas: tuple[tuple[str, Count], ...]  # label (with 另计 for what is apart), count
    total: Count
    units: tuple[tuple[str, Count], ...]
    missing: tuple[PersonRow, ...]
    leave: tuple[PersonRow, ...]
    substitutes: tuple[PersonRow, ...]
    notes: tuple[str, ...]


def content(plan: Plan, counts: Counts, damaged: int = 0) -> ReportContent:
    areas = []
    for area, count in counts.areas:
        areas.append((area.label + ("" if counts.counted_area(area) else APART), count))
    counted = [(a, c) for a, c in areas if not a.endswith(APART)]  # in Area's order
    apart = [(a, c) for a, c in areas if a.endswith(APART)]

    def row(place: Place, by: Attendee | None = None) -> PersonRow:
        person = by or place.person
        remark = note(place, by)
        return PersonRow(
            person.name, person.unit or NO_UNIT, person.title, seat_text(plan, person), remark
        )

    missing = [row(f.place) for f in counts.in_state(State.MISSING)]
    # 列席 and 工作人员 not counted: after the members, marked as counted apart
    for f in counts.in_state(State.MISSING, counted=False):
        r = row(f.place)
        mark = f.place.area.label + APART
        missing.append(replace(r, remark="；".join(x for x in (mark, r.remark) if x)))
    leave = [row(f.place) for f in counts.filled if f.state is State.LEAVE]
    substitutes = [
        row(f.place, f.by)
        for f in counts.filled
        if f.state is State.ARRIVED and f.by is not None and f.by.substitute_for
    ]
    notes = []
    if counts.strangers:
        names = "、".join(name for name, _unit in counts.strangers[:20])
        notes.append(STRANGERS.format(n=len(counts.strangers), names=names))
    if damaged:
        notes.append(DAMAGED.format(n=damaged))
    return ReportContent(
        counts.sentence,
        (*counted, *apart),
        counts.total,
        tuple((u or NO_UNIT, c) for u, c in counts.units),
        tuple(missing),
        tuple(leave),
        tuple(substitutes),
        tuple(notes),
    )


def report_text(plan: Plan, report: ReportContent, at: str) -> str:
    """Every character the PDF draws (for the fonts' subsets)."""
    m = plan.settings.meeting
    parts = [FIXED_TEXT, m.title, meeting_line(m), m.classification, at, report.sentence]
    parts += [u for u, _c in report.units] + list(report.notes)
    for r in (*report.missing, *report.leave, *report.substitutes):
        parts += [r.name, r.unit, r.title, r.seat, r.remark]
    return "".join(dict.fromkeys("".join(parts)))


# -- the sheet -------------------------------------------------------------------------

COUNT_WIDTHS = (62 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm)  # 182 mm
PEOPLE_WIDTHS = (12 * mm, 24 * mm, 46 * mm, 32 * mm, 40 * mm, 28 * mm)
HEADER_SHADE = colors.Color(0.92, 0.92, 0.92)
TOTAL_SHADE = colors.Color(0.96, 0.96, 0.96)
CELL_SIZE = 10.5
CELL_LINES = 4


def _styles(body: str, heading: str) -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle("cell", fontName=body, fontSize=CELL_SIZE, leading=13.5, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", fontName=heading, fontSize=18, leading=24, alignment=TA_CENTER, wordWrap="CJK"
        ),
        "sub": ParagraphStyle(
            "sub", fontName=body, fontSize=11, leading=15, alignment=TA_CENTER, wordWrap="CJK"
        ),
        "sentence": ParagraphStyle(
            "sentence", fontName=heading, fontSize=15, leading=22, wordWrap="CJK"
        ),
        "label": ParagraphStyle("label", fontName=body, fontSize=10.5, leading=14),
        "section": ParagraphStyle(
            "section", fontName=heading, fontSize=13.5, leading=18, wordWrap="CJK"
        ),
        "note": ParagraphStyle("note", fontName=body, fontSize=10.5, leading=15, wordWrap="CJK"),
        "cell": cell,
        "head": ParagraphStyle("head", parent=cell, fontName=heading, alignment=TA_CENTER),
        "strong": ParagraphStyle("strong", parent=cell, fontName=heading),
        "number": ParagraphStyle("number", parent=cell, alignment=TA_CENTER),
        "strong_number": ParagraphStyle(
            "strong_number", parent=cell, fontName=heading, alignment=TA_CENTER
        ),
    }


def _p(text: str, style: ParagraphStyle, width: float | None = None) -> Paragraph:
    if width is not None:
        text = in_lines(text, width - 12, style.fontSize, CELL_LINES)
    return Paragraph(escape(text), style)


def _section(heading: str, styles: dict[str, ParagraphStyle], columns: int) -> list:
    return [_p(heading, styles["section"]), *[""] * (columns - 1)]


def _table_commands(body: str, header_row: int = 1) -> list[tuple]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), body),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (-1, 0), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 2 * mm),
        ("GRID", (0, header_row), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, header_row), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, header_row), (-1, header_row), HEADER_SHADE),
        ("TOPPADDING", (0, header_row + 1), (-1, -1), 1.6 * mm),
        ("BOTTOMPADDING", (0, header_row + 1), (-1, -1), 1.6 * mm),
        ("NOSPLIT", (0, 0), (-1, min(header_row + 1, 2))),
    ]


def _count_row(label: str, c: Count, styles: dict[str, ParagraphStyle], strong: bool) -> list:
    number = styles["strong_number"] if strong else styles["number"]
    return [
        _p(label, styles["strong"] if strong else styles["cell"], COUNT_WIDTHS[0]),
        *(_p(str(n), number) for n in (c.expected, c.arrived, c.leave, c.missing)),
    ]


def _counts_table(
    heading: str,
    rows: tuple[tuple[str, Count], ...],
    total: Count | None,
    first: str,
    body: str,
    styles: dict[str, ParagraphStyle],
) -> Table:
    data: list[list] = [
        _section(heading, styles, 5),
        [_p(h, styles["head"]) for h in (first, *COUNT_COLUMNS[1:])],
    ]
    commands = _table_commands(body)
    for label, count in rows:
        data.append(_count_row(label, count, styles, strong=False))
    if total is not None:
        # the total of what is counted, before the lines counted apart
        counted = [i for i, (label, _c) in enumerate(rows) if not label.endswith(APART)]
        at = 2 + (max(counted) + 1 if counted else 0)
        data.insert(at, _count_row(TOTAL, total, styles, strong=True))
        commands.append(("BACKGROUND", (0, at), (-1, at), TOTAL_SHADE))
        commands.append(("LINEABOVE", (0, at), (-1, at), 1.4, colors.black))
    table = Table(data, colWidths=COUNT_WIDTHS, repeatRows=2)
    table.setStyle(TableStyle(commands))
    return table


def _people_table(
    heading: str, rows: tuple[PersonRow, ...], body: str, styles: dict[str, ParagraphStyle]
) -> list:
    if not rows:
        return [
            Spacer(1, 5 * mm),
            _p(heading, styles["section"]),
            Spacer(1, 1.5 * mm),
            _p(NOBODY, styles["note"]),
        ]
    data: list[list] = [
        _section(heading, styles, 6),
        [_p(h, styles["head"]) for h in PEOPLE_COLUMNS],
    ]
    for number, r in enumerate(rows, start=1):
        values = (r.name, r.unit, r.title, r.seat, r.remark)
        data.append(
            [
                _p(str(number), styles["number"]),
                *(_p(v, styles["cell"], w) for v, w in zip(values, PEOPLE_WIDTHS[1:], strict=True)),
            ]
        )
    table = Table(data, colWidths=PEOPLE_WIDTHS, repeatRows=2)
    table.setStyle(TableStyle(_table_commands(body)))
    return [table]


def render_checkin_report(
    plan: Plan, report: ReportContent, at: str, body: str, heading: str
) -> bytes:
    """The PDF, with ``body`` and ``heading`` registered for :func:`report_text`."""
    meeting = plan.settings.meeting
    styles = _styles(body, heading)
    width = A4[0] - 28 * mm - 12
    title = printed_title(meeting) or UNTITLED
    story: list = [
        SheetStart("checkin", RUNNING_HEAD.format(title=running_title(meeting) or UNTITLED)),
        _p(in_lines(title, width, 18, TITLE_LINES), styles["title"]),
        _p(TITLE, styles["title"]),
    ]
    line = meeting_line(meeting)
    if line:
        story.append(_p(in_lines(line, width, 11, TITLE_LINES), styles["sub"]))
    story.append(_p(AT.format(at=at), styles["sub"]))
    box = Table(
        [[_p(SENTENCE_LABEL, styles["label"])], [_p(report.sentence, styles["sentence"])]],
        colWidths=[width],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.4, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, 0), 2.5 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 3.5 * mm),
            ]
        )
    )
    story += [Spacer(1, 4 * mm), box]
    story.append(_counts_table(TOTALS_HEADING, report.areas, report.total, "座区", body, styles))
    story.append(_counts_table(UNITS_HEADING, report.units, None, "单位", body, styles))
    for note_line in report.notes:
        story += [Spacer(1, 3 * mm), _p(note_line, styles["note"])]
    apart = len(report.missing) - report.total.missing
    missing_heading = MISSING_HEADING.format(
        n=report.total.missing, apart=APART_COUNT.format(n=apart) if apart else ""
    )
    if report.missing:
        story += _people_table(missing_heading, report.missing, body, styles)
    else:
        story += [
            Spacer(1, 5 * mm),
            _p(missing_heading, styles["section"]),
            _p(NOBODY_MISSING, styles["note"]),
        ]
    story += _people_table(LEAVE_HEADING.format(n=len(report.leave)), report.leave, body, styles)
    story += _people_table(
        SUBSTITUTES_HEADING.format(n=len(report.substitutes)), report.substitutes, body, styles
    )
    return render_numbered_a4(story, meeting, f"{title} {TITLE}", body, heading)


def render_checkin_pdf(
    plan: Plan, counts: Counts, at: str, fonts: object, damaged: int = 0
) -> bytes:
    """签到统计.pdf with the meeting's list and heading fonts (a :class:`FontBook`)."""
    from meetplan.fonts import FontBook

    assert isinstance(fonts, FontBook)
    report = content(plan, counts, damaged)
    text = report_text(plan, report, at)
    printing = plan.settings.printing
    return render_checkin_report(
        plan,
        report,
        at,
        fonts.register(printing.list_font, text),
        fonts.register(printing.heading_font, text),
    )
