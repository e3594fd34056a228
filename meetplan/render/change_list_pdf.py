"""变更清单.pdf: what changed since the plan was last printed, in the order the staff act.

A revised roster is re-planned against the printed plan (:mod:`meetplan.history.revision`);
this sheet tells the office what to do about it: a summary first, then the rostrum
(cards taken away, chairs, cards carried, new cards put down), the hall (labels taken
away, people moved, newcomers, seats left empty), the changed names, units and titles,
and last what to print again (补打桌签.pdf, 补打座签.pdf) and which units' pages of
座次分单位.pdf to send again. Every table has a blank 核对 column to tick.

The sheet is built as plain content first (:func:`sheet_content`), so
:func:`change_list_text` knows every character the PDF draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from meetplan.history.revision import Revision
from meetplan.model.attendee import Attendee
from meetplan.model.layout import hall_seats
from meetplan.model.plan import Assignment, Plan
from meetplan.render.contingency_pdf import chairs_line, chinese_number, uses_seat_labels
from meetplan.render.fitting import TITLE_LINES, in_lines, printed_title, running_title
from meetplan.render.pdfpage import SheetStart, render_numbered_a4
from meetplan.render.sign_in_pdf import meeting_line

# -- the words on the sheet --------------------------------------------------------

TITLE = "{title} 变更清单"
UNTITLED = "会议"
RUNNING_HEAD = "{title}　变更清单"
AGAINST = "与上次打印的座次相比"
AGAINST_FRESH = "重新编排（未沿用上次打印的座次）：与上次打印的座次相比"
NOTHING = "与上次打印的座次相比没有变化。"
SUMMARY_PEOPLE = "新增 {added} 人　减少 {gone} 人　调座 {moved} 人　信息变更 {edited} 项"
SUMMARY_RANKS = "（另有排序变动 {n} 人）"
SUMMARY_PRINT = "需补打：桌签 {cards} 张"
SUMMARY_LABELS = "、座签 {labels} 张"
SUMMARY_UNITS = "座次分单位需重发：{units}（{n} 个单位）"
SUMMARY_NO_UNITS = "座次分单位：无需重发"
SECTION = "{number}、{title}"
STEP = "{number}. {title}"
ROSTRUM = "主席台"
HALL = "会场"
EDITS = "信息变更"
REPRINT = "需补打、重发"
STEP_REMOVE = "撤下桌签"
STEP_REMOVE_NOTE = "撤下的桌签收回，不再使用。"
STEP_CHAIRS = "撤椅、加椅"
STEP_MOVE = "移动桌签"
STEP_MOVE_NOTE = (
    "先把下列桌签全部取下，再逐一放到新座位（新座位号按调整后的椅子数）；"
    "标“补打”的换用补打的桌签（桌签上印有座位）。"
)
STEP_ADD = "放置新桌签"
STEP_GONE = "减少人员"
STEP_HALL_MOVE = "调座人员"
STEP_HALL_MOVE_NOTE = "原座位上的座签撤下；新座位贴补打的座签。"
STEP_NEW = "新增人员"
STEP_EMPTY = "空出的座位（{n} 个）"
STEP_EDITS = "姓名、单位、职务、座区变更"
BY_NAME_NOTE = "标“按姓名对应”的人员单位有变，系按姓名认定为同一人，请与名单核实。"
STEP_BY_NAME = "按姓名对应的人员（单位有变，请核实是否同一人）"
BY_NAME_LINE = "{name}　按姓名对应：原单位 {before}，现单位 {after}"
STEP_RANKS = "排序变动（{n} 人）"
STEP_RANKS_NOTE = "排序变动引起的座位变化已在上文列出，此处仅供核对。"
RANKS_NOT_LISTED = "人数较多（多为名单增删后顺延），不逐一列出。"
RANK_ITEM = "{name} {before}→{after}"
STEP_CARDS = "补打桌签（{n} 张，见补打桌签.pdf）"
STEP_CARDS_NOTE = "换下的旧桌签收回销毁，以免误用。"
STEP_LABELS = "补打座签（{n} 张，见补打座签.pdf）"
STEP_LABELS_NOTE = "换下的旧座签收回销毁，以免误用。"
STEP_UNITS = "重发座次分单位（{n} 个单位）"
STEP_UNITS_NOTE = "下列单位在座次分单位.pdf中的一页有变化，请重新发送："
# fmt: off
# table headers
NUMBER, NAME, UNIT, TITLE_COL, SEAT, CHECK = "序号", "姓名", "单位", "职务", "座位", "核对"
OLD_SEAT, NEW_SEAT, REMARK, FIELD, BEFORE, AFTER = "原座位", "新座位", "说明", "项目", "原为", "现为"
CARD, REASON, HANDLING = "桌签", "原因", "处理"
# what the cells say
NOT_COMING, TO_HALL, TO_ROSTRUM, INTO_HALL = "不再参会", "调到会场", "由会场调上主席台", "调入会场"
REPRINTED, OLD_CARD, LABEL_OFF, SEAT_FREE = "补打", "用原桌签", "座签撤下", "座位空出"
STANDBY_CARD_OFF, NOTHING_TO_DO = "代会备用桌签收回", "无需处理"
NO_SEAT, NO_SEAT_PLAIN, EMPTY, BY_NAME = "无座位：{reason}", "无座位", "（空）", "按姓名对应"
NEW_PERSON, NEW_ON_ROSTRUM, MOVED, CHANGED = "新增", "新上主席台", "调座", "{field}变更"
# fmt: on
SEP = "、"

# Every word constant above (all of them are printed somewhere), and the page furniture.
FIXED_TEXT = "".join(
    (
        *(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str)),
        "第页共时间：地点　0123456789",
    )
)

RANKS_LISTED = 40  # more 排序 changes than this (a renumbered list) are counted, not listed

# -- the content -------------------------------------------------------------------

WIDTHS: dict[str, tuple[float, ...]] = {  # mm, 180 in all (A4 less the margins)
    "remove": (12, 34, 50, 66, 18),
    "move": (12, 30, 48, 48, 24, 18),
    "add": (12, 34, 58, 58, 18),
    "gone": (12, 30, 58, 34, 28, 18),
    "hall_move": (12, 30, 58, 31, 31, 18),
    "new": (12, 30, 46, 40, 34, 18),
    "edits": (12, 30, 20, 45, 45, 28),
    "cards": (12, 34, 58, 58, 18),
    "labels": (12, 30, 58, 42, 20, 18),
}


@dataclass(frozen=True)
class Block:
    """One step: a heading, a note, then a table (header and rows) or lines of text."""

    heading: str
    note: str = ""
    kind: str = ""  # a key of WIDTHS when the block is a table
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SheetContent:
    title: str
    meeting_line: str
    against: str
    summary: tuple[str, ...]  # empty when nothing changed
    sections: tuple[Section, ...]


def _numbered(rows: Sequence[tuple[str, ...]], check: bool = True) -> tuple[tuple[str, ...], ...]:
    return tuple((str(i), *r, *(("",) if check else ())) for i, r in enumerate(rows, start=1))


def _steps(blocks: list[Block]) -> tuple[Block, ...]:
    """Number the steps that have something to do."""
    kept = [b for b in blocks if b.rows or b.lines]
    return tuple(
        Block(STEP.format(number=i, title=b.heading), b.note, b.kind, b.columns, b.rows, b.lines)
        for i, b in enumerate(kept, start=1)
    )


def _rostrum(plan: Plan, revision: Revision, at: dict[str, Assignment]) -> list[Block]:
    m = revision.moves
    gone_at = {label for _p, label in revision.gone}
    remove = [(n, s, NOT_COMING if s in gone_at else TO_HALL) for n, s in m.remove]
    chairs = tuple(chairs_line(c.row, c.before, c.after, plan) for c in m.chairs)
    cards = set(revision.cards)
    # the card prints its seat: a card that moves is usually one printed again
    move = [
        (c.name, c.before, c.after, REPRINTED if at[c.after].person.id in cards else OLD_CARD)
        for c in m.move
    ]
    new_ids = {p.id for p, _s in revision.added}
    add = []
    for name, label in m.add:
        pid = at[label].person.id
        note = (REPRINTED if pid in cards else OLD_CARD) + (
            "" if pid in new_ids else f"（{TO_ROSTRUM}）"
        )
        add.append((name, label, note))
    return [
        Block(STEP_REMOVE, STEP_REMOVE_NOTE, "remove", (NUMBER, NAME, SEAT, REMARK, CHECK),
              _numbered(remove)),
        Block(STEP_CHAIRS, lines=chairs),
        Block(STEP_MOVE, STEP_MOVE_NOTE, "move", (NUMBER, NAME, OLD_SEAT, NEW_SEAT, CARD, CHECK),
              _numbered(move)),
        Block(STEP_ADD, "", "add", (NUMBER, NAME, SEAT, CARD, CHECK), _numbered(add)),
    ]  # fmt: skip


def _no_seat(reason: str) -> str:
    return NO_SEAT.format(reason=reason) if reason else NO_SEAT_PLAIN


def _gone_handling(person: Attendee, seat: str, labels: bool) -> str:
    if seat:
        return LABEL_OFF if labels else SEAT_FREE
    return STANDBY_CARD_OFF if person.substitute_for else NOTHING_TO_DO


def _hall(plan: Plan, revision: Revision, at: dict[str, Assignment]) -> list[Block]:
    m = revision.moves
    order = {s.label: i for i, s in enumerate(hall_seats(plan.layout))}
    labels = uses_seat_labels(plan)
    gone = sorted(
        ((p, s) for p, s in revision.gone if not s.startswith(ROSTRUM) or not s),
        key=lambda ps: order.get(ps[1], -1),  # first those who had no seat, then seat order
    )
    gone_rows = [
        (p.name, p.unit, s or NO_SEAT_PLAIN, _gone_handling(p, s, labels)) for p, s in gone
    ]
    moved = [(c.name, at[c.after].person.unit, c.before, c.after) for c in m.hall_move]
    added = {p.id for p, _s in revision.added}
    reasons = {u.person.id: u.reason.label for u in plan.base.unseated}
    new_rows = [
        (p.name, p.unit, p.title, s or _no_seat(reasons.get(p.id, "")))
        for p, s in revision.added
        if not s.startswith(ROSTRUM)
    ]
    new_rows += [
        (at[s].person.name, at[s].person.unit, at[s].person.title, f"{s}（{INTO_HALL}）")
        for _n, s in m.hall_new
        if at[s].person.id not in added
    ]
    return [
        Block(STEP_GONE, "", "gone", (NUMBER, NAME, UNIT, OLD_SEAT, HANDLING, CHECK),
              _numbered(gone_rows)),
        Block(STEP_HALL_MOVE, STEP_HALL_MOVE_NOTE if labels else "", "hall_move",
              (NUMBER, NAME, UNIT, OLD_SEAT, NEW_SEAT, CHECK), _numbered(moved)),
        Block(STEP_NEW, "", "new", (NUMBER, NAME, UNIT, TITLE_COL, SEAT, CHECK),
              _numbered(new_rows)),
        Block(STEP_EMPTY.format(n=len(m.hall_empty)), lines=(SEP.join(m.hall_empty),)
              if m.hall_empty else ()),
    ]  # fmt: skip


def _edits(revision: Revision) -> list[Block]:
    by_name = {m.new.name for m in revision.matching.pairs if m.by_name_only}
    rows = [
        (c.name, c.field, c.before or EMPTY, c.after or EMPTY,
         BY_NAME if c.field == "单位" and c.name in by_name else "")
        for c in revision.edited
        if c.field != "排序"
    ]  # fmt: skip
    checks = tuple(
        BY_NAME_LINE.format(name=m.new.name, before=m.old.unit or EMPTY, after=m.new.unit or EMPTY)
        for m in revision.matching.pairs
        if m.by_name_only
    )
    ranks = [c for c in revision.edited if c.field == "排序"]
    rank_line = (
        SEP.join(
            RANK_ITEM.format(name=c.name, before=c.before or EMPTY, after=c.after or EMPTY)
            for c in ranks
        )
        if len(ranks) <= RANKS_LISTED
        else RANKS_NOT_LISTED
    )
    return [
        Block(STEP_EDITS, BY_NAME_NOTE if checks else "", "edits",
              (NUMBER, NAME, FIELD, BEFORE, AFTER, REMARK), _numbered(rows, check=False)),
        Block(STEP_BY_NAME, lines=checks),
        Block(STEP_RANKS.format(n=len(ranks)), STEP_RANKS_NOTE, lines=(rank_line,)
              if ranks else ()),
    ]  # fmt: skip


def _reprint(plan: Plan, revision: Revision) -> list[Block]:
    people = {p.id: p for p in plan.roster.attendees}
    seats = {a.person.id: a.seat.label for a in plan.base.assignments}
    reasons = {u.person.id: u.reason.label for u in plan.base.unseated}
    old_of = {m.new.id: m.old for m in revision.matching.pairs}
    moved_to = {c.after for c in revision.moves.hall_move + revision.moves.move}
    came_to = {label for _n, label in revision.moves.add + revision.moves.hall_new}

    def reason(p: Attendee, card: bool) -> str:
        """Why a card (or a seat label) is printed again, the weightiest reason first."""
        old = old_of.get(p.id)
        if old is None:
            return NEW_PERSON
        if seats.get(p.id) in moved_to:
            return MOVED
        if seats.get(p.id) in came_to:  # from the hall to the rostrum, or the other way
            return NEW_ON_ROSTRUM if card else INTO_HALL
        for field, before, after in (("姓名", old.name, p.name), ("单位", old.unit, p.unit)):
            if before != after:
                return CHANGED.format(field=field)
        return CHANGED.format(field="职务") if old.title != p.title else REPRINTED

    cards = [
        (people[i].name, seats.get(i) or _no_seat(reasons.get(i, "")), reason(people[i], True))
        for i in revision.cards
    ]
    labels = [
        (people[i].name, people[i].unit, seats.get(i, ""), reason(people[i], False))
        for i in revision.labels
    ]
    units = (SEP.join(_unit_order(plan, revision.units)),) if revision.units else ()
    return [
        Block(STEP_CARDS.format(n=len(cards)), STEP_CARDS_NOTE, "cards",
              (NUMBER, NAME, SEAT, REASON, CHECK), _numbered(cards)),
        Block(STEP_LABELS.format(n=len(labels)), STEP_LABELS_NOTE, "labels",
              (NUMBER, NAME, UNIT, SEAT, REASON, CHECK),
              _numbered(labels) if uses_seat_labels(plan) else ()),
        Block(STEP_UNITS.format(n=len(revision.units)), STEP_UNITS_NOTE, lines=units),
    ]  # fmt: skip


def _unit_order(plan: Plan, units: Sequence[str]) -> list[str]:
    """Units as the meeting orders them (their most senior member first), as 座次分单位.pdf
    does; a unit no longer on the roster last."""
    rank: dict[str, float] = {}
    for p in plan.roster.attendees:
        key = p.precedence if p.precedence is not None else float("inf")
        rank[p.unit] = min(rank.get(p.unit, key), key)
    return sorted(units, key=lambda u: (u not in rank, rank.get(u, 0), u))


def sheet_content(plan: Plan, revision: Revision) -> SheetContent:
    meeting = plan.settings.meeting
    title = TITLE.format(title=printed_title(meeting) or UNTITLED)
    against = AGAINST_FRESH if revision.fresh else AGAINST
    line = meeting_line(meeting)
    if revision.nothing:
        return SheetContent(title, line, NOTHING, (), ())
    ranks = sum(1 for c in revision.edited if c.field == "排序")
    edited = len(revision.edited) - ranks
    people = SUMMARY_PEOPLE.format(
        added=len(revision.added), gone=len(revision.gone), moved=revision.moved, edited=edited
    ) + (SUMMARY_RANKS.format(n=ranks) if ranks else "")
    reprint = SUMMARY_PRINT.format(cards=len(revision.cards)) + (
        SUMMARY_LABELS.format(labels=len(revision.labels)) if uses_seat_labels(plan) else ""
    )
    units = (
        SUMMARY_UNITS.format(
            units=SEP.join(_unit_order(plan, revision.units)), n=len(revision.units)
        )
        if revision.units
        else SUMMARY_NO_UNITS
    )
    at = {a.seat.label: a for a in plan.base.assignments}
    parts = (
        (ROSTRUM, _rostrum(plan, revision, at)),
        (HALL, _hall(plan, revision, at)),
        (EDITS, _edits(revision)),
        (REPRINT, _reprint(plan, revision)),
    )
    sections = [(head, _steps(blocks)) for head, blocks in parts]
    numbered = tuple(
        Section(SECTION.format(number=chinese_number(i), title=head), blocks)
        for i, (head, blocks) in enumerate(((h, b) for h, b in sections if b), start=1)
    )
    return SheetContent(title, line, against, (people, reprint, units), numbered)


def change_list_text(plan: Plan, revision: Revision) -> str:
    """Every character 变更清单.pdf draws: register the body and the heading font with it."""
    content = sheet_content(plan, revision)
    parts = [FIXED_TEXT, content.title, content.meeting_line, content.against]
    parts += [*content.summary, plan.settings.meeting.classification]
    for s in content.sections:
        parts.append(s.heading)
        for b in s.blocks:
            parts += [b.heading, b.note, *b.columns, *b.lines]
            parts += ["".join(r) for r in b.rows]
    return "".join(dict.fromkeys("".join(parts)))


# -- the document ------------------------------------------------------------------

PAGE_MARGINS = (15 * mm, 15 * mm, 18 * mm, 18 * mm)  # left, right, top, bottom
BODY_SIZE = 10.5
PADDING = 8  # a cell's left plus right padding, points
ROOM = A4[1] - PAGE_MARGINS[2] - PAGE_MARGINS[3] - 12  # a page's frame, less its padding
START_ROWS = 4 * 7 * mm  # a table's header and about three rows
HEADER_FILL = colors.Color(0.86, 0.86, 0.86)  # light grey: prints in black and white
CELL_LINES = 6  # a table cell wraps on this many lines at most; longer text is cut with "…"
SUMMARY_LINES = 8  # a line of the summary box (a box cannot break across pages)


def _styles(body: str, heading: str) -> dict[str, ParagraphStyle]:
    def style(name: str, font: str, size: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.45, wordWrap="CJK", **kw
        )

    return {
        "title": style("title", heading, 19, alignment=TA_CENTER),
        "line": style("line", body, 10.5, alignment=TA_CENTER),
        "against": style("against", heading, 12, alignment=TA_CENTER, spaceBefore=2 * mm),
        "summary": style("summary", heading, 11.5),
        "section": style("section", heading, 14, spaceBefore=5 * mm),
        "step": style("step", heading, 11.5, spaceBefore=3 * mm, leftIndent=3 * mm),
        "note": style("note", body, 9.5, leftIndent=3 * mm),
        "item": style("item", body, BODY_SIZE, leftIndent=3 * mm),
        "cell": style("cell", body, BODY_SIZE),
        "head": style("head", heading, BODY_SIZE, alignment=TA_CENTER),
    }


def _table(block: Block, styles: dict[str, ParagraphStyle], body: str) -> Table:
    widths = [w * mm for w in WIDTHS[block.kind]]
    cell = styles["cell"]

    def fit(text: str, width: float) -> str | Paragraph:
        """A plain string where it fits on one line (fast on long lists); else it wraps."""
        if stringWidth(text, body, BODY_SIZE) <= width - PADDING - 1:
            return text
        return Paragraph(escape(in_lines(text, width - PADDING, BODY_SIZE, CELL_LINES)), cell)

    header = [Paragraph(escape(c), styles["head"]) for c in block.columns]
    rows = [[fit(t, w) for t, w in zip(r, widths, strict=True)] for r in block.rows]
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), body),  # plain-string cells: no stray Helvetica
                ("FONTSIZE", (0, 0), (-1, -1), BODY_SIZE),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING / 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING / 2),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _summary_box(lines: tuple[str, ...], style: ParagraphStyle, width: float) -> Table:
    room = width - 4 * mm - 6  # the box's padding
    box = Table(
        [
            [Paragraph(escape(in_lines(t, room, style.fontSize, SUMMARY_LINES)), style)]
            for t in lines
        ],
        colWidths=[width],
    )
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), style.fontName),  # no stray Helvetica
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (0, 0), 3 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
            ]
        )
    )
    return box


def render_change_list(plan: Plan, revision: Revision, body_font: str, heading_font: str) -> bytes:
    """变更清单.pdf, A4 portrait: the fonts must be registered with change_list_text(plan, revision)."""
    meeting = plan.settings.meeting
    content = sheet_content(plan, revision)
    styles = _styles(body_font, heading_font)
    width = sum(WIDTHS["remove"]) * mm
    story: list[Flowable] = [
        SheetStart("changes", RUNNING_HEAD.format(title=running_title(meeting) or UNTITLED)),
        Paragraph(escape(content.title), styles["title"]),
    ]
    if content.meeting_line:
        line = in_lines(content.meeting_line, width, 10.5, TITLE_LINES)
        story.append(Paragraph(escape(line), styles["line"]))
    story += [Paragraph(escape(content.against), styles["against"]), Spacer(1, 3 * mm)]
    if content.summary:
        story.append(_summary_box(content.summary, styles["summary"], width))
    for section in content.sections:
        for i, block in enumerate(section.blocks):
            head: list[Flowable] = [Paragraph(escape(block.heading), styles["step"])]
            if i == 0:  # the section's heading stays with its first step
                head.insert(0, Paragraph(escape(section.heading), styles["section"]))
            if block.note:
                head.append(Paragraph(escape(block.note), styles["note"]))
            head += [Paragraph(escape(t), styles["item"]) for t in block.lines]
            if block.rows:
                head += [Spacer(1, 1.5 * mm), _table(block, styles, body_font)]
            heights = [f.wrap(width, 10_000)[1] + f.getSpaceBefore() for f in head]
            if sum(heights) <= ROOM:  # on one page: started on a new one if need be
                story.append(KeepTogether(head))
            else:  # runs on from here, its heading and first rows together
                story += [CondPageBreak(sum(heights[:-1]) + START_ROWS), *head]
    return render_numbered_a4(story, meeting, content.title, body_font, heading_font, PAGE_MARGINS)
