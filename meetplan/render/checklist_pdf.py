"""会务检查清单.pdf: what the machine checked, then what to tick by hand, stage by stage.

PROTOCOL.md §7. The office prints it the evening before the meeting: the
summary says at once whether anything failed; failed rows are shaded and set
in the heading font, so they show in black-and-white printing too. The marks
(✓, ✗, △ and the empty boxes) are drawn as lines, never as glyphs: a CJK font
may lack them.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from meetplan.model.checklist import (
    OUTCOME_LABELS,
    Checklist,
    ChecklistItem,
    CheckResult,
    Outcome,
    Stage,
)
from meetplan.render.fitting import (
    TITLE_LINES,
    characters_of,
    in_lines,
    lines_in,
    printed_title,
    running_title,
)
from meetplan.render.pdfpage import SheetStart, render_numbered_a4
from meetplan.render.sign_in_pdf import meeting_line

# -- the words on the sheet --------------------------------------------------------

TITLE = "会务检查清单"
UNTITLED = "会议"
RUNNING_HEAD = "{title}　会务检查清单"
RESULTS_HEADING = "一、自动检查结果"
RESULT_COLUMNS = ("序号", "检查内容", "结果", "说明")
STAGE_HEADINGS = {Stage.BEFORE: "二、会前", Stage.DURING: "三、会中", Stage.AFTER: "四、会后"}
ITEM_COLUMNS = ("序号", "事项", "负责人", "时间", "完成")
SUMMARY = "自动检查 {total} 项：通过 {passed} 项，不通过 {failed} 项，需人工核对 {manual} 项"
ALL_PASSED = "自动检查全部通过（{total} 项）"
NO_RESULTS = "本次没有自动检查项目。"
FAILED_NOTE = "以下项目不通过，须在会前处理："
FAILED_LINE = "序号 {number}　{group}：{item}"
MANUAL_NOTE = "需人工核对的项目，机器无法判断，请逐项核对后在“说明”栏签注。"
NO_ITEMS = "本阶段没有列出事项，可在空行中手写补充。"
PAGE = "第{page}页"
COPIES = "需印 {copies} 份"
GROUP_COUNT = "（{n} 项）"
SIGNATURES = "检查人：__________  复核人：__________  日期：__________"
BLANK_ROWS = 2  # empty rows under each stage's items, for what the office adds by hand

# Every character this renderer prints besides the checklist's own text:
# the fonts are subset to exactly what is drawn.
FIXED_TEXT = characters_of(
    TITLE,
    UNTITLED,
    RUNNING_HEAD,
    RESULTS_HEADING,
    "".join(RESULT_COLUMNS),
    "".join(STAGE_HEADINGS.values()),
    "".join(ITEM_COLUMNS),
    SUMMARY,
    ALL_PASSED,
    NO_RESULTS,
    FAILED_NOTE,
    FAILED_LINE,
    MANUAL_NOTE,
    NO_ITEMS,
    PAGE,
    COPIES,
    GROUP_COUNT,
    SIGNATURES,
    "".join(OUTCOME_LABELS.values()),
    "时间：地点　第页共0123456789",
)

# -- content shared with the xlsx ------------------------------------------------------


def grouped(results: Sequence[CheckResult]) -> list[tuple[str, list[tuple[int, CheckResult]]]]:
    """Results by group, groups in the order they first appear; each with its 序号 (1-based),
    numbered in the printed order."""
    groups: dict[str, list[CheckResult]] = {}
    for r in results:
        groups.setdefault(r.group, []).append(r)
    out = []
    number = 0
    for group, members in groups.items():
        numbered = []
        for r in members:
            number += 1
            numbered.append((number, r))
        out.append((group, numbered))
    return out


def explanation(result: CheckResult, with_copies: bool = True) -> list[str]:
    """The lines of the 说明 cell: the reason (after 第N页, when the check concerns a page
    the reason does not name), then 需印 N 份 (unless the reason says it already)."""
    lines = []
    reason = result.reason
    named = result.page is not None and str(result.page) in reason
    page = PAGE.format(page=result.page) if result.page is not None and not named else ""
    if page and reason:
        lines.append(f"{page}：{reason}")
    elif page or reason:
        lines.append(page or reason)
    if with_copies and result.copies is not None and str(result.copies) not in reason:
        lines.append(COPIES.format(copies=result.copies))
    return lines


def summary(checklist: Checklist) -> str:
    total = len(checklist.results)
    if not total:
        return NO_RESULTS
    if checklist.passed:
        return ALL_PASSED.format(total=total)
    failed, manual = len(checklist.failed), len(checklist.manual)
    return SUMMARY.format(total=total, passed=total - failed - manual, failed=failed, manual=manual)


def stage_items(checklist: Checklist, stage: Stage) -> list[ChecklistItem]:
    return [i for i in checklist.items if i.stage is stage]


def checklist_text(checklist: Checklist) -> str:
    """Every character 会务检查清单.pdf draws: register the body and the heading font with it."""
    m = checklist.meeting
    parts = [FIXED_TEXT, m.title, meeting_line(m), m.classification, summary(checklist)]
    for r in checklist.results:
        parts += [r.group, r.item, *explanation(r)]
    for i in checklist.items:
        parts += [i.text, i.owner, i.when]
    return "".join(dict.fromkeys("".join(parts)))


# -- drawn marks -----------------------------------------------------------------------

MARK = 3.6 * mm  # the side of a ✓ ✗ △ mark
BOX = 4.2 * mm  # the side of an empty 完成 box
LABEL_SIZE = 10.0


class ResultMark(Flowable):
    """✓ 通过, ✗ 不通过 or △ 需人工核对: the mark drawn with lines, then the label."""

    def __init__(self, outcome: Outcome, body_font: str, heading_font: str) -> None:
        super().__init__()
        self.outcome = outcome
        self.font = body_font if outcome is Outcome.PASSED else heading_font
        self.width = 0.0
        self.height = LABEL_SIZE * 1.3

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.black)
        c.setLineCap(1)
        c.setLineJoin(1)
        y0 = (self.height - MARK) / 2
        s = MARK
        if self.outcome is Outcome.PASSED:
            c.setLineWidth(1.2)
            p = c.beginPath()
            p.moveTo(0.05 * s, y0 + 0.5 * s)
            p.lineTo(0.38 * s, y0 + 0.12 * s)
            p.lineTo(0.95 * s, y0 + 0.95 * s)
            c.drawPath(p, stroke=1, fill=0)
        elif self.outcome is Outcome.FAILED:
            c.setLineWidth(2.0)
            c.line(0.08 * s, y0 + 0.08 * s, 0.92 * s, y0 + 0.92 * s)
            c.line(0.08 * s, y0 + 0.92 * s, 0.92 * s, y0 + 0.08 * s)
        else:
            c.setLineWidth(1.1)
            p = c.beginPath()
            p.moveTo(0.02 * s, y0 + 0.06 * s)
            p.lineTo(0.98 * s, y0 + 0.06 * s)
            p.lineTo(0.5 * s, y0 + 0.94 * s)
            p.close()
            c.drawPath(p, stroke=1, fill=0)
        c.setFillColor(colors.black)
        c.setFont(self.font, LABEL_SIZE)
        c.drawString(s + 1.6 * mm, (self.height - LABEL_SIZE) / 2 + 1.3, self.outcome.label)
        c.restoreState()


class EmptyBox(Flowable):
    """An empty square to tick by hand, centred in its cell."""

    def __init__(self) -> None:
        super().__init__()
        self.width = 0.0
        self.height = BOX

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.8)
        c.rect((self.width - BOX) / 2, 0, BOX, BOX, stroke=1, fill=0)
        c.restoreState()


# -- the sheet -------------------------------------------------------------------------

PAGE_MARGINS = (14 * mm, 14 * mm, 16 * mm, 18 * mm)  # left, right, top, bottom
RESULT_WIDTHS = (12 * mm, 56 * mm, 32 * mm, 82 * mm)  # 182 mm on A4's 210
ITEM_WIDTHS = (12 * mm, 90 * mm, 28 * mm, 34 * mm, 18 * mm)
CELL_SIZE = 10.0
CELL_PAD = 2.5 * mm  # above and below the text of a body row
ITEM_PAD = 3.2 * mm  # hand-ticked rows are taller: room to write
FAILED_SHADE = colors.Color(0.82, 0.82, 0.82)
HEADER_SHADE = colors.Color(0.92, 0.92, 0.92)
GROUP_SHADE = colors.Color(0.97, 0.97, 0.97)
# A row of a table never breaks across pages: its cells wrap on at most this many lines,
# and longer text (a file name of hundreds of characters, a long list) is cut with "…".
CELL_LINES = 12


def _styles(body_font: str, heading_font: str) -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle(
        "cell", fontName=body_font, fontSize=CELL_SIZE, leading=13, wordWrap="CJK"
    )
    return {
        "title": ParagraphStyle(
            "title",
            fontName=heading_font,
            fontSize=18,
            leading=24,
            alignment=TA_CENTER,
            wordWrap="CJK",
        ),
        "sub": ParagraphStyle(
            "sub", fontName=body_font, fontSize=11, leading=15, alignment=TA_CENTER, wordWrap="CJK"
        ),
        "summary": ParagraphStyle(
            "summary", fontName=heading_font, fontSize=12.5, leading=17, wordWrap="CJK"
        ),
        "note": ParagraphStyle("note", fontName=body_font, fontSize=10, leading=14, wordWrap="CJK"),
        "section": ParagraphStyle(
            "section",
            fontName=heading_font,
            fontSize=13.5,
            leading=18,
            wordWrap="CJK",
        ),
        "cell": cell,
        "strong": ParagraphStyle("strong", parent=cell, fontName=heading_font),
        "head": ParagraphStyle("head", parent=cell, fontName=heading_font, alignment=TA_CENTER),
        "group": ParagraphStyle("group", parent=cell, fontName=heading_font),
        "centre": ParagraphStyle("centre", parent=cell, alignment=TA_CENTER),
        "signatures": ParagraphStyle("signatures", fontName=body_font, fontSize=11.5, leading=16),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _cell(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A cell's paragraph, on at most CELL_LINES lines (the cell's padding aside)."""
    return _para(in_lines(text, width - 12, style.fontSize, CELL_LINES), style)


def _lines(lines: Sequence[str], style: ParagraphStyle, width: float) -> Paragraph:
    kept = lines_in(list(lines), width - 12, style.fontSize, CELL_LINES)
    return Paragraph("<br/>".join(escape(x) for x in kept), style)


def _summary_box(
    checklist: Checklist, numbers: dict[int, int], styles: dict[str, ParagraphStyle], width: float
) -> Table:
    """The summary in a frame: heavy and shaded when something failed, with the failed items."""
    rows: list[list[Flowable]] = [[_para(summary(checklist), styles["summary"])]]
    failed = checklist.failed
    if failed:
        rows.append([_para(FAILED_NOTE, styles["strong"])])
        for r in failed:
            line = FAILED_LINE.format(number=numbers[id(r)], group=r.group, item=r.item)
            rows.append([_cell(line, styles["strong"], width - 3 * mm)])
    if checklist.manual:
        rows.append([_para(MANUAL_NOTE, styles["note"])])
    box = Table(rows, colWidths=[width])
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles["cell"].fontName),
        ("BOX", (0, 0), (-1, -1), 2.0 if failed else 0.8, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ("TOPPADDING", (0, 0), (-1, 0), 2.5 * mm),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 2.5 * mm),
    ]
    if failed:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), FAILED_SHADE))
    box.setStyle(TableStyle(commands))
    return box


def _heading_commands(lines: float) -> list[tuple]:
    """Row 0 of a section's table is its heading, row 1 the column names: both repeat on every
    page the table runs onto, so a heading never stands alone at the foot of a page."""
    return [
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (-1, 0), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 2 * mm),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("GRID", (0, 1), (-1, lines), 0.6, colors.black),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("BACKGROUND", (0, 1), (-1, 1), HEADER_SHADE),
        ("NOSPLIT", (0, 0), (-1, 2)),  # heading, column names and the first row together
    ]


def _results_table(
    checklist: Checklist, body_font: str, heading_font: str, styles: dict[str, ParagraphStyle]
) -> Table:
    rows: list[list] = [
        [_para(RESULTS_HEADING, styles["section"]), "", "", ""],
        [_para(h, styles["head"]) for h in RESULT_COLUMNS],
    ]
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), body_font),  # plain-string cells too: no stray Helvetica
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        *_heading_commands(-1),
        ("TOPPADDING", (0, 2), (-1, -1), CELL_PAD),
        ("BOTTOMPADDING", (0, 2), (-1, -1), CELL_PAD),
    ]
    for group, members in grouped(checklist.results):
        g = len(rows)
        heading = group + GROUP_COUNT.format(n=len(members))
        rows.append([_cell(heading, styles["group"], sum(RESULT_WIDTHS)), "", "", ""])
        commands += [
            ("SPAN", (0, g), (-1, g)),
            ("BACKGROUND", (0, g), (-1, g), GROUP_SHADE),
            ("TOPPADDING", (0, g), (-1, g), 1.2 * mm),
            ("BOTTOMPADDING", (0, g), (-1, g), 1.2 * mm),
            ("NOSPLIT", (0, g), (-1, g + 1)),  # a group's name never ends a page
        ]
        for number, r in members:
            i = len(rows)
            strong = r.outcome is Outcome.FAILED
            text_style = styles["strong"] if strong else styles["cell"]
            rows.append(
                [
                    str(number),
                    _cell(r.item, text_style, RESULT_WIDTHS[1]),
                    ResultMark(r.outcome, body_font, heading_font),
                    _lines(explanation(r), text_style, RESULT_WIDTHS[3]),
                ]
            )
            if strong:
                commands += [
                    ("BACKGROUND", (0, i), (-1, i), FAILED_SHADE),
                    ("FONTNAME", (0, i), (0, i), heading_font),
                    ("LINEBEFORE", (0, i), (0, i), 2.5, colors.black),
                ]
    table = Table(rows, colWidths=RESULT_WIDTHS, repeatRows=2)
    table.setStyle(TableStyle(commands))
    return table


def _items_table(
    stage: Stage,
    items: Sequence[ChecklistItem],
    body_font: str,
    styles: dict[str, ParagraphStyle],
    signatures: bool = False,
) -> Table:
    """A stage's items to tick, two empty rows for the office's own, and, under the last stage,
    the signature line (kept on the page of the last rows: never alone on a page)."""
    heading: list[Flowable] = [_para(STAGE_HEADINGS[stage], styles["section"])]
    if not items:
        heading.append(_para(NO_ITEMS, styles["note"]))
    rows: list[list] = [
        [heading, "", "", "", ""],
        [_para(h, styles["head"]) for h in ITEM_COLUMNS],
    ]
    for number, item in enumerate(items, start=1):
        rows.append(
            [
                str(number),
                _cell(item.text, styles["cell"], ITEM_WIDTHS[1]),
                _cell(item.owner, styles["centre"], ITEM_WIDTHS[2]) if item.owner else "",
                _cell(item.when, styles["centre"], ITEM_WIDTHS[3]) if item.when else "",
                EmptyBox(),
            ]
        )
    rows += [["", "", "", "", EmptyBox()] for _ in range(BLANK_ROWS)]
    last = len(rows) - 1
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), body_font),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        *_heading_commands(last),
        ("TOPPADDING", (0, 2), (-1, last), ITEM_PAD),
        ("BOTTOMPADDING", (0, 2), (-1, last), ITEM_PAD),
    ]
    if signatures:
        rows.append([_para(SIGNATURES, styles["signatures"]), "", "", "", ""])
        commands += [
            ("SPAN", (0, -1), (-1, -1)),
            ("LEFTPADDING", (0, -1), (-1, -1), 0),
            ("TOPPADDING", (0, -1), (-1, -1), 8 * mm),
            ("NOSPLIT", (0, max(2, last - BLANK_ROWS)), (-1, -1)),
        ]
    table = Table(rows, colWidths=ITEM_WIDTHS, repeatRows=2)
    table.setStyle(TableStyle(commands))
    return table


def render_checklist_pdf(checklist: Checklist, body_font: str, heading_font: str) -> bytes:
    meeting = checklist.meeting
    styles = _styles(body_font, heading_font)
    left, right, _top, _bottom = PAGE_MARGINS
    width = A4[0] - left - right - 12  # the frame's own padding
    title = printed_title(meeting) or UNTITLED
    numbers = {id(r): n for _g, members in grouped(checklist.results) for n, r in members}

    story: list = [
        SheetStart("checklist", RUNNING_HEAD.format(title=running_title(meeting) or UNTITLED)),
        _para(in_lines(title, width, 18, TITLE_LINES), styles["title"]),
        _para(TITLE, styles["title"]),
    ]
    line = meeting_line(meeting)
    if line:
        story.append(_para(in_lines(line, width, 11, TITLE_LINES), styles["sub"]))
    story += [Spacer(1, 4 * mm), _summary_box(checklist, numbers, styles, width)]

    if checklist.results:
        story.append(_results_table(checklist, body_font, heading_font, styles))
    else:
        story += [
            Spacer(1, 5 * mm),
            _para(RESULTS_HEADING, styles["section"]),
            _para(NO_RESULTS, styles["note"]),
        ]
    for stage in Stage:
        items = stage_items(checklist, stage)
        story.append(_items_table(stage, items, body_font, styles, signatures=stage is Stage.AFTER))
    return render_numbered_a4(
        story, meeting, f"{title} {TITLE}", body_font, heading_font, PAGE_MARGINS
    )
