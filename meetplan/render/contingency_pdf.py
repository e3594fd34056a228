"""应急调整表.pdf: what the staff change in the hall when a 待定 leader does not come.

One section per scenario after the base plan (PROTOCOL.md §5), in the order
the staff act: take away the absent leaders' cards, take away or add chairs so
each rostrum row is set centred for the people there, carry the cards that
move, put down the substitutes' cards (printed in advance in 桌签.pdf), then
the hall. Each rostrum row that changes is drawn before and after, seen from
the hall. Seats are counted from the audience's left (PROTOCOL.md §1); after a
chair is taken away or added, the row is counted again.

The sheet is built as plain content first (:func:`sheet_content`), so
:func:`contingency_text` knows every character the PDF draws.
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
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from meetplan.model.attendee import Area, Attendance, Attendee
from meetplan.model.layout import Seat
from meetplan.model.photo import PhotoSettings
from meetplan.model.plan import Plan, Scenario
from meetplan.model.settings import EvenRostrum, ProtocolSettings, SeatLabels
from meetplan.moves import Changes, changes
from meetplan.photo.lineup import (
    CHANGE_NONE,
    CHANGES_TEXT,
    change_lines,
    lineups,
    photo_changes,
)
from meetplan.protocol.rostrum import (
    centre_out_columns,
    rostrum_offsets,
    row_offset,
    table_seats,
)
from meetplan.render.fitting import (
    TITLE_LINES,
    cut,
    draw_box_column,
    draw_box_lines,
    in_lines,
    printed_title,
    running_title,
)
from meetplan.render.pdfpage import SheetStart, render_numbered_a4
from meetplan.render.sign_in_pdf import meeting_line
from meetplan.scenarios import leaders, standby

# -- the words on the sheet --------------------------------------------------------

TITLE = "应急调整表"
UNTITLED = "会议"
RUNNING_HEAD = "{title}　应急调整表"
NOTES_HEADING = "使用说明"
NOTES = (
    "会前，桌签和座椅按“全部出席（含待定人员）”摆放（见座次图.pdf）。"
    "得知下列某一情形时，按对应一节的步骤依次调整。",
    "座位号一律从观众看、自左向右数：“第1排第2座”即从台下看第1排左起第2个座位。"
    "撤椅、加椅后，按调整后的椅子重新数。",
)
NOTE_COMBINATIONS = (
    "本表列出每位待定领导单独不到会（或由他人代会）和待定人员均不到会的情形；"
    "其他组合，请在名单中更新出席情况后重新运行 meetplan build 生成本表。"
)
TENTATIVE_LINE = "待定人员：{people}"
HALL_LISTED = 12  # more 待定 people in the hall than this are counted, not named
HALL_TENTATIVE_LIST = "会场待定人员：{people}，见“待定人员均不到会”一节"
HALL_TENTATIVE_COUNT = "会场待定人员 {n} 人，见“待定人员均不到会”一节"
STANDBY_LINE = "代会备用：{people}"
STANDBY_PERSON = "{name}（{leader}不到会时代会，桌签已印）"
CONTENTS = "本表情形：{items}"
NO_SCENARIOS = "本次会议没有待定人员，也没有代会备用人员，无需应急调整。"
NUMERALS = "〇一二三四五六七八九十百"
SECTION_HEADING = "{number}、{title}"
NOTHING_CHANGES = "本情形无需调整：主席台的桌签、座椅和会场座位均不变。"

STEP_REMOVE = "撤下桌签"
STEP_REMOVE_NOTE = "撤下的桌签收好备用，本人如又到会仍需放回。"
STEP_CHAIRS = "撤椅、加椅"
STEP_CHAIRS_REMOVE = "撤椅"
STEP_CHAIRS_ADD = "加椅"
STEP_MOVE = "移动桌签"
STEP_MOVE_NOTE = "先把下列桌签全部取下，再逐一放到新座位（新座位号按调整后的椅子数）。"
STEP_ADD = "放置新桌签"
STEP_ADD_NOTE = "桌签已预先印好，在桌签.pdf 中标有“代会备用”。"
STEP_HALL = "会场"
STEP_HEADING = "{number}. {title}"
STEP_PHOTO = "合影站位"
STEP_PHOTO_NOTE = "位置从相机方向看、左起数；本情形的站位图见合影站位图.pdf。"

CARD_AT = "{name}：{seat}"
CARD_MOVE = "{name}：{before} → {after}"
ROW_NAME = "第{row}排"
LEFT_END = "（观众看）左端"
RIGHT_END = "（观众看）右端"
BOTH_ENDS = "（观众看）左、右两端各"
CHAIRS_REMOVE = "{row}：从{ends}撤去 {n} 把椅子，其余 {rest} 把{placing}摆放"
CHAIRS_REMOVE_SPLIT = (
    "{row}：从（观众看）左端撤去 {left} 把、右端撤去 {right} 把椅子，其余 {rest} 把{placing}摆放"
)
CHAIRS_REMOVE_ALL = "{row}：撤去全部 {n} 把椅子"
CHAIRS_ADD = "{row}：在{ends}加 {n} 把椅子，共 {total} 把{placing}摆放"
CHAIRS_ADD_SPLIT = (
    "{row}：在（观众看）左端加 {left} 把、右端加 {right} 把椅子，共 {total} 把{placing}摆放"
)
CHAIRS_NEW_ROW = "{row}：摆放 {n} 把椅子，{placing}"
CENTRED = "居中"
# 双数单摆 (even_rostrum = "axis"), a row of an even number of chairs: not centred
ON_AXIS = "按本排位次最高者的座位对准桌子中线"
AXIS_NOTE = "；两排之间的短竖线为桌子中线（双数单摆）"
HALL_EMPTY = "空出的座位（{n} 个{labels}）：{seats}"
HALL_EMPTY_LABELS = "，座签撤下"
HALL_MOVE = "调整座位（{n} 人{labels}）："
HALL_MOVE_UNIT = "调整座位：{unit}（{n} 人{labels}）"
HALL_MOVE_LABELS = "，座签随人移动"
HALL_NEW = "新安排座位（{n} 人）："
SEAT_RANGE = "{first}–{last}"
SEATS_IN_ROW = "{row}排{numbers}号"

PICTURE_CAPTION = "主席台示意（从台下看，图的左边即观众的左手边）"
BEFORE = "调整前"
AFTER = "调整后"
AUDIENCE = "台　下（观众席）"
LEGEND_MOVED = "移动的桌签"
LEGEND_REMOVED = "撤下的桌签"
LEGEND_NEW = "新放的桌签"
NO_CHAIRS = "（无椅子）"

FIXED_TEXT = "".join(
    (
        TITLE,
        UNTITLED,
        RUNNING_HEAD,
        NOTES_HEADING,
        *NOTES,
        NOTE_COMBINATIONS,
        TENTATIVE_LINE,
        HALL_TENTATIVE_LIST,
        HALL_TENTATIVE_COUNT,
        STANDBY_LINE,
        STANDBY_PERSON,
        CONTENTS,
        NO_SCENARIOS,
        NUMERALS,
        SECTION_HEADING,
        NOTHING_CHANGES,
        STEP_REMOVE,
        STEP_REMOVE_NOTE,
        STEP_CHAIRS,
        STEP_CHAIRS_REMOVE,
        STEP_CHAIRS_ADD,
        STEP_MOVE,
        STEP_MOVE_NOTE,
        STEP_ADD,
        STEP_ADD_NOTE,
        STEP_HALL,
        STEP_HEADING,
        STEP_PHOTO,
        STEP_PHOTO_NOTE,
        CHANGES_TEXT,
        CARD_AT,
        CARD_MOVE,
        ROW_NAME,
        LEFT_END,
        RIGHT_END,
        BOTH_ENDS,
        CHAIRS_REMOVE,
        CHAIRS_REMOVE_SPLIT,
        CHAIRS_REMOVE_ALL,
        CHAIRS_ADD,
        CHAIRS_ADD_SPLIT,
        CHAIRS_NEW_ROW,
        CENTRED,
        ON_AXIS,
        AXIS_NOTE,
        HALL_EMPTY,
        HALL_EMPTY_LABELS,
        HALL_MOVE,
        HALL_MOVE_UNIT,
        HALL_MOVE_LABELS,
        HALL_NEW,
        SEAT_RANGE,
        SEATS_IN_ROW,
        PICTURE_CAPTION,
        BEFORE,
        AFTER,
        AUDIENCE,
        LEGEND_MOVED,
        LEGEND_REMOVED,
        LEGEND_NEW,
        NO_CHAIRS,
        "第页共时间：地点　、；0123456789",
    )
)

# -- the content -------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """One card in the picture: its name and what happens to it."""

    name: str
    mark: str = ""  # "" | "moved" | "removed" | "new"


@dataclass(frozen=True)
class RowPicture:
    row: int
    before: tuple[Box, ...]
    after: tuple[Box, ...]
    # where each row of chairs stands from the table's centre axis, in seats
    # (protocol.rostrum.row_offset: not 0 only under 双数单摆)
    before_offset: float = 0.0
    after_offset: float = 0.0
    axis: bool = False  # mark the table's centre axis (双数单摆)


@dataclass(frozen=True)
class Step:
    title: str
    lines: tuple[str, ...]
    note: str = ""
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (sub-heading, lines): the hall


@dataclass(frozen=True)
class Section:
    heading: str
    steps: tuple[Step, ...]
    pictures: tuple[RowPicture, ...]


@dataclass(frozen=True)
class SheetContent:
    title: str
    meeting_line: str
    preamble: tuple[str, ...]
    sections: tuple[Section, ...]


def chinese_number(n: int) -> str:
    """一, 二 ... 十, 十一 ... 九十九: the numbering of the sections."""
    digits = NUMERALS[:10]
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    if n < 100:
        return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")
    return str(n)


def short_seat(label: str) -> str:
    """A rostrum seat after the first one of a line: 第1排第2座 (主席台 said once)."""
    return label.removeprefix("主席台")


def chairs_line(row: int, before: int, after: int, plan: Plan) -> str:
    """Which chairs to take away or add, and from which end.

    The chairs that go are those of the lowest places in the fuller row
    (they sit at its ends, PROTOCOL.md §2); the rest are set centred again —
    or, under 双数单摆 with an even number left, with the row's No.1 on the
    table's centre line (:func:`~meetplan.protocol.rostrum.row_offset`).
    """
    name = ROW_NAME.format(row=row)
    protocol = plan.settings.protocol
    off_centre = row_offset(after, protocol.honor_side, protocol.even_rostrum) != 0
    placing = ON_AXIS if off_centre else CENTRED
    if after == 0:
        return CHAIRS_REMOVE_ALL.format(row=name, n=before)
    if before == 0:
        return CHAIRS_NEW_ROW.format(row=name, n=after, placing=placing)
    fuller, fewer = max(before, after), min(before, after)
    columns = centre_out_columns(fuller, protocol.honor_side, protocol.even_rostrum)
    ends = columns[fewer:]  # the places of ranks fewer+1 .. fuller
    left = sum(1 for col in ends if col <= fuller // 2)
    right = len(ends) - left
    fewer_chairs = after < before
    if left and right and left != right:
        split = CHAIRS_REMOVE_SPLIT if fewer_chairs else CHAIRS_ADD_SPLIT
        return split.format(
            row=name, left=left, right=right, rest=after, total=after, placing=placing
        )
    where = BOTH_ENDS if left and right else (LEFT_END if left else RIGHT_END)
    each = left if left and right else fuller - fewer
    line = CHAIRS_REMOVE if fewer_chairs else CHAIRS_ADD
    return line.format(row=name, ends=where, n=each, rest=after, total=after, placing=placing)


def compress_seats(seats: Sequence[Seat]) -> str:
    """Hall seats, row by row: 3排12、14号；5排1–4号 (runs of neighbouring seats joined)."""
    rows: dict[tuple[str, int], list[Seat]] = {}
    for seat in seats:
        rows.setdefault((seat.floor, seat.row), []).append(seat)
    parts = []
    for (floor, row), members in rows.items():
        members.sort(key=lambda s: s.col)
        runs: list[list[Seat]] = []
        for seat in members:
            last = runs[-1][-1] if runs else None
            if last and seat.col == last.col + 1 and seat.number == last.number + 1:
                runs[-1].append(seat)
            else:
                runs.append([seat])
        numbers = [
            SEAT_RANGE.format(first=r[0].number, last=r[-1].number)
            if len(r) > 2
            else "、".join(str(s.number) for s in r)
            for r in runs
        ]
        parts.append(SEATS_IN_ROW.format(row=f"{floor}{row}", numbers="、".join(numbers)))
    return "；".join(parts)


def uses_seat_labels(plan: Plan) -> bool:
    """Whether 座签.pdf is made (as build.wants_seat_labels decides)."""
    choice = plan.settings.printing.seat_labels
    return choice is SeatLabels.YES or (choice is SeatLabels.LAYOUT and plan.layout.seat_labels)


def mark(label: str, gone_or_new: set[str], moved: set[str], kind: str = "removed") -> str:
    return kind if label in gone_or_new else "moved" if label in moved else ""


def row_pictures(
    base: Scenario, scenario: Scenario, change: Changes, protocol: ProtocolSettings
) -> tuple[RowPicture, ...]:
    """Each rostrum row whose cards or chairs change, before and after, each row of
    chairs where it stands on the table."""
    removed = {label for _name, label in change.remove}
    moved_from = {m.before for m in change.move}
    moved_to = {m.after for m in change.move}
    added = {label for _name, label in change.add}
    before = {r[0].seat.row: r for r in base.rostrum_rows()}
    after = {r[0].seat.row: r for r in scenario.rostrum_rows()}
    before_offset = dict(zip(before, rostrum_offsets(list(before.values()), protocol), strict=True))
    after_offset = dict(zip(after, rostrum_offsets(list(after.values()), protocol), strict=True))
    pictures = []
    for row in sorted(set(before) | set(after)):
        old = before.get(row, [])
        new = after.get(row, [])
        if [a.person.id for a in old] == [a.person.id for a in new]:
            continue
        pictures.append(
            RowPicture(
                row,
                tuple(Box(a.person.name, mark(a.seat.label, removed, moved_from)) for a in old),
                tuple(Box(a.person.name, mark(a.seat.label, added, moved_to, "new")) for a in new),
                before_offset.get(row, 0.0),
                after_offset.get(row, 0.0),
                protocol.even_rostrum is EvenRostrum.AXIS,
            )
        )
    return tuple(pictures)


def section(plan: Plan, number: int, scenario: Scenario, photo: tuple[str, ...] = ()) -> Section:
    base = plan.base
    change = changes(base, scenario)
    steps: list[Step] = []
    if change.remove:
        steps.append(
            Step(
                STEP_REMOVE,
                tuple(CARD_AT.format(name=n, seat=s) for n, s in change.remove),
                STEP_REMOVE_NOTE,
            )
        )
    if change.chairs:
        kinds = {STEP_CHAIRS_REMOVE if c.change < 0 else STEP_CHAIRS_ADD for c in change.chairs}
        title = kinds.pop() if len(kinds) == 1 else STEP_CHAIRS
        steps.append(
            Step(title, tuple(chairs_line(c.row, c.before, c.after, plan) for c in change.chairs))
        )
    if change.move:
        steps.append(
            Step(
                STEP_MOVE,
                tuple(
                    CARD_MOVE.format(name=m.name, before=m.before, after=short_seat(m.after))
                    for m in change.move
                ),
                STEP_MOVE_NOTE,
            )
        )
    if change.add:
        steps.append(
            Step(
                STEP_ADD,
                tuple(CARD_AT.format(name=n, seat=s) for n, s in change.add),
                STEP_ADD_NOTE,
            )
        )
    groups: list[tuple[str, tuple[str, ...]]] = []
    labels = uses_seat_labels(plan)
    if change.hall_empty:
        seats = {a.seat.label: a.seat for a in base.in_area("hall")}
        empty = [seats[label] for label in change.hall_empty if label in seats]
        groups.append(
            (
                HALL_EMPTY.format(
                    n=len(change.hall_empty),
                    labels=HALL_EMPTY_LABELS if labels else "",
                    seats=compress_seats(empty),
                ),
                (),
            )
        )
    if change.hall_move:
        # by unit: each unit's block is set by the staff member looking after it
        unit_at = {a.seat.label: a.person.unit for a in scenario.in_area("hall")}
        units: dict[str, list[str]] = {}
        for m in change.hall_move:
            line = CARD_MOVE.format(name=m.name, before=m.before, after=m.after)
            units.setdefault(unit_at.get(m.after, ""), []).append(line)
        note = HALL_MOVE_LABELS if labels else ""
        for unit, lines in units.items():
            head = (
                HALL_MOVE_UNIT.format(unit=unit, n=len(lines), labels=note)
                if unit
                else HALL_MOVE.format(n=len(lines), labels=note)
            )
            groups.append((head, tuple(lines)))
    if change.hall_new:
        groups.append(
            (
                HALL_NEW.format(n=len(change.hall_new)),
                tuple(CARD_AT.format(name=n, seat=s) for n, s in change.hall_new),
            )
        )
    if groups:
        steps.append(Step(STEP_HALL, (), groups=tuple(groups)))
    if photo and photo != (CHANGE_NONE,):
        steps.append(Step(STEP_PHOTO, photo, STEP_PHOTO_NOTE))
    elif photo and steps:  # said only beside other changes
        steps.append(Step(STEP_PHOTO, photo))
    heading = SECTION_HEADING.format(number=chinese_number(number), title=scenario.title)
    return Section(
        heading, tuple(steps), row_pictures(base, scenario, change, plan.settings.protocol)
    )


def preamble(plan: Plan) -> tuple[str, ...]:
    roster = plan.roster
    tentative = [p for p in roster.attendees if p.attendance is Attendance.TENTATIVE]
    waiting = standby(roster)
    if not tentative and not waiting:
        return (NO_SCENARIOS,)
    lead = leaders(roster)
    replaced = {lead[s.id].id for s in waiting}

    def with_seat(p: Attendee) -> str:
        seat = plan.base.seat_of(p.id)
        return f"{p.name}（{seat.label}）" if seat else p.name

    own = [p for p in tentative if p.area is Area.ROSTRUM or p.id in replaced]
    hall = [p for p in tentative if p not in own]
    lines = list(NOTES)
    if own:
        lines.append(TENTATIVE_LINE.format(people="、".join(with_seat(p) for p in own)))
    if hall:
        people = "、".join(with_seat(p) for p in hall) if len(hall) <= HALL_LISTED else ""
        lines.append(
            (HALL_TENTATIVE_LIST if people else HALL_TENTATIVE_COUNT).format(
                n=len(hall), people=people
            )
        )
    if waiting:
        lines.append(
            STANDBY_LINE.format(
                people="、".join(
                    STANDBY_PERSON.format(name=p.name, leader=lead[p.id].name) for p in waiting
                )
            )
        )
    if len(tentative) >= 2:
        lines.append(NOTE_COMBINATIONS)
    return tuple(lines)


def photo_lines(plan: Plan, photo: PhotoSettings | None) -> list[tuple[str, ...]]:
    """Per scenario after the base one: who leaves, joins and moves in the group photo
    (nothing when no photo is taken)."""
    if photo is None:
        return [() for _s in plan.scenarios[1:]]
    found = lineups(plan, photo)
    rows = len(found[0].rows)
    return [change_lines(photo_changes(found[0], other), rows) for other in found[1:]]


def sheet_content(plan: Plan, photo: PhotoSettings | None = None) -> SheetContent:
    """``photo``: the group photo's settings, when one is taken (a step per scenario)."""
    meeting = plan.settings.meeting
    sections = tuple(
        section(plan, i, s, lines)
        for i, (s, lines) in enumerate(
            zip(plan.scenarios[1:], photo_lines(plan, photo), strict=True), start=1
        )
    )
    lines = preamble(plan)
    if len(sections) >= 2:
        lines += (CONTENTS.format(items="；".join(s.heading for s in sections)),)
    return SheetContent(printed_title(meeting) or UNTITLED, meeting_line(meeting), lines, sections)


def contingency_text(plan: Plan, photo: PhotoSettings | None = None) -> str:
    """Every character 应急调整表.pdf draws: register the body and the heading font with it."""
    content = sheet_content(plan, photo)
    parts = [FIXED_TEXT, content.title, content.meeting_line, plan.settings.meeting.classification]
    parts += content.preamble
    for s in content.sections:
        parts.append(s.heading)
        for step in s.steps:
            parts += [step.title, step.note, *step.lines]
            for head, lines in step.groups:
                parts += [head, *lines]
        for picture in s.pictures:
            parts += [b.name for b in picture.before + picture.after]
    return "".join(dict.fromkeys("".join(parts)))


# -- the picture -------------------------------------------------------------------

LABEL_WIDTH = 13 * mm
PICTURE_FIXED = 19 * mm  # caption above, 台下 and the legend below
MAX_PITCH = 22 * mm
GAP_SHARE = 0.15  # the gap between two boxes, as a share of the pitch
NUMBER_SIZE = 6.0
LEGEND_BOX = (9 * mm, 4.5 * mm)
INK = colors.black
GREY = colors.Color(0.4, 0.4, 0.4)
LIGHT = colors.Color(0.82, 0.82, 0.82)
STRIKE = colors.Color(0.35, 0.35, 0.35)
VERTICAL_CHARS = 12  # a name set one character a line is cut with "…" beyond this


def name_lines(name: str, per_line: int) -> list[str]:
    """A name in the picture: one line, or two when too long (broken at the · if any);
    never more than two lines (each is condensed, and cut with "…" if need be)."""
    if len(name) <= per_line:
        return [name]
    if "·" in name:
        head, _dot, tail = name.partition("·")
        return [head + "·", tail]
    half = -(-len(name) // 2)
    return [name[:half], name[half:]]


def vertical_name(name: str) -> str:
    """A name set one character a line: at most VERTICAL_CHARS characters."""
    return cut(name, VERTICAL_CHARS)


class RostrumPicture(Flowable):
    """Before and after of each changed rostrum row, seen from the hall."""

    def __init__(
        self,
        rows: Sequence[RowPicture],
        body: str,
        heading: str,
        sizing: Sequence[RowPicture] = (),
    ) -> None:
        super().__init__()
        self.rows = rows
        self.body = body
        self.heading = heading
        self.sizing = sizing or rows  # the rows that set the scale: all of them, when split
        self.width = 0.0
        self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        seats = max(
            (
                table_seats((len(r.before), len(r.after)), (r.before_offset, r.after_offset))
                for r in self.sizing
            ),
            default=1.0,
        )
        self.pitch = min(MAX_PITCH, (available_width - LABEL_WIDTH) / max(seats, 1))
        self.box_w = self.pitch * (1 - GAP_SHARE)
        self.bold = max(
            1.2, min(2.2, self.box_w * 0.08)
        )  # narrow boxes: a bold line that stays apart
        names = [b.name for r in self.sizing for b in r.before + r.after] or ["国"]
        # Horizontal names when three characters fit at 7.5 pt or more; else one character a line.
        self.vertical = (self.box_w - 3) / 3 < 7.5
        if self.vertical:
            self.size = min(9.0, self.box_w - 2.5)
            tallest = max(len(vertical_name(n)) for n in names)
            self.box_h = tallest * self.size * 1.05 + 4
        else:
            self.size = min(9.5, (self.box_w - 3) / 3)
            self.per_line = max(3, int((self.box_w - 3) // self.size))
            lines = max(len(name_lines(n, self.per_line)) for n in names)
            self.box_h = lines * self.size * 1.2 + 5
        self.row_h = NUMBER_SIZE + 2 + self.box_h + 2.5 * mm + self.box_h + NUMBER_SIZE + 2
        self.height = PICTURE_FIXED + len(self.rows) * (self.row_h + 4 * mm)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """A tall picture (a deep rostrum) is split between rows, each part at the same scale."""
        self.wrap(available_width, available_height)
        if self.height <= available_height or len(self.rows) < 2:
            return []
        fit = int((available_height - PICTURE_FIXED) // (self.row_h + 4 * mm))
        if fit < 1:
            return []
        return [
            RostrumPicture(self.rows[:fit], self.body, self.heading, self.sizing),
            RostrumPicture(self.rows[fit:], self.body, self.heading, self.sizing),
        ]

    def draw(self) -> None:
        c = self.canv
        top = self.height
        c.setFont(self.heading, 9)
        axis = any(row.axis for row in self.rows)
        c.drawString(0, top - 4 * mm, PICTURE_CAPTION + (AXIS_NOTE if axis else ""))
        y = top - 6 * mm
        centre = LABEL_WIDTH + (self.width - LABEL_WIDTH) / 2
        for row in self.rows:
            y -= 2 * mm
            before_y = y - NUMBER_SIZE - 2 - self.box_h
            after_y = before_y - 2.5 * mm - self.box_h
            c.setFont(self.heading, 9.5)
            c.drawString(0, y - NUMBER_SIZE, ROW_NAME.format(row=row.row))
            c.setFont(self.body, 8.5)
            c.drawString(0, before_y + self.box_h / 2 - 3, BEFORE)
            c.drawString(0, after_y + self.box_h / 2 - 3, AFTER)
            if row.axis:
                self.draw_axis(centre, after_y + self.box_h, before_y)
            self.draw_row(row.before, centre + row.before_offset * self.pitch, before_y, True)
            self.draw_row(row.after, centre + row.after_offset * self.pitch, after_y, False)
            y -= self.row_h + 2 * mm
        c.setFont(self.body, 9)
        c.setFillColor(GREY)
        c.drawCentredString(centre, y - 4 * mm, AUDIENCE)
        c.setFillColor(INK)
        self.draw_legend(y - 11 * mm)

    def draw_axis(self, x: float, bottom: float, top: float) -> None:
        """The table's centre line (双数单摆: an even row is not centred on it), in the gap
        between the row before and the row after."""
        c = self.canv
        c.saveState()
        c.setStrokeColor(GREY)
        c.setLineWidth(0.8)
        c.line(x, bottom, x, top)
        c.restoreState()

    def draw_row(self, boxes: Sequence[Box], centre: float, y: float, numbers_above: bool) -> None:
        """One row of boxes, its middle at ``centre``."""
        c = self.canv
        if not boxes:
            c.setFont(self.body, 8)
            c.setFillColor(GREY)
            c.drawCentredString(centre, y + self.box_h / 2 - 3, NO_CHAIRS)
            c.setFillColor(INK)
            return
        x = centre - len(boxes) * self.pitch / 2 + self.pitch * GAP_SHARE / 2
        for col, box in enumerate(boxes, start=1):
            self.draw_box(box, x, y, self.box_w, self.box_h)
            c.setFont(self.body, NUMBER_SIZE)
            c.setFillColor(GREY)
            number_y = y + self.box_h + 1.5 if numbers_above else y - NUMBER_SIZE - 0.5
            c.drawCentredString(x + self.box_w / 2, number_y, str(col))
            c.setFillColor(INK)
            x += self.pitch

    def draw_box(self, box: Box, x: float, y: float, w: float, h: float) -> None:
        c = self.canv
        c.saveState()
        if box.mark == "new":
            c.setFillColor(LIGHT)
            c.rect(x, y, w, h, stroke=0, fill=1)
        c.setStrokeColor(INK if box.mark != "removed" else GREY)
        c.setLineWidth(self.bold if box.mark in ("moved", "new") else 0.6)
        c.rect(x, y, w, h, stroke=1, fill=0)
        c.setFillColor(GREY if box.mark == "removed" else INK)
        self.draw_name(box.name, x, y, w, h)
        if box.mark == "removed":
            c.setStrokeColor(STRIKE)
            c.setLineWidth(0.9)
            c.line(x, y, x + w, y + h)
            c.line(x, y + h, x + w, y)
        c.restoreState()

    def draw_name(self, name: str, x: float, y: float, w: float, h: float) -> None:
        c = self.canv
        size = self.size
        c.setFont(self.body, size)
        if self.vertical:
            draw_box_column(c, vertical_name(name), size, (x, y, w, h))
            return
        lines = name_lines(name, self.per_line)
        draw_box_lines(c, lines, self.body, size, (x, y, w, h), size * 1.2, 0.25)

    def draw_legend(self, y: float) -> None:
        c = self.canv
        w, h = LEGEND_BOX
        x = LABEL_WIDTH
        for mark, text in (
            ("moved", LEGEND_MOVED),
            ("removed", LEGEND_REMOVED),
            ("new", LEGEND_NEW),
        ):
            c.saveState()
            if mark == "new":
                c.setFillColor(LIGHT)
                c.rect(x, y, w, h, stroke=0, fill=1)
            c.setLineWidth(2.2 if mark != "removed" else 0.6)
            c.setStrokeColor(INK if mark != "removed" else GREY)
            c.rect(x, y, w, h, stroke=1, fill=0)
            if mark == "removed":
                c.setStrokeColor(STRIKE)
                c.setLineWidth(0.9)
                c.line(x, y, x + w, y + h)
                c.line(x, y + h, x + w, y)
            c.restoreState()
            c.setFont(self.body, 8.5)
            c.drawString(x + w + 2 * mm, y + 1.2 * mm, text)
            x += w + 2 * mm + stringWidth(text, self.body, 8.5) + 8 * mm


# -- the document ------------------------------------------------------------------

PAGE_MARGINS = (15 * mm, 15 * mm, 18 * mm, 18 * mm)  # left, right, top, bottom
BODY_SIZE = 10.5
TABLE_ROWS = 20  # rows of one two-column block of a long list


def step_block(
    step: Step, number: int, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(escape(STEP_HEADING.format(number=number, title=step.title)), styles["step"])
    ]
    if step.note:
        out.append(Paragraph(escape(step.note), styles["note"]))
    out += item_lines(step.lines, styles, width)
    for head, lines in step.groups:
        out.append(Paragraph(escape(head), styles["item"]))
        out += item_lines(lines, styles, width, indent=2)
    return out


def item_lines(
    lines: Sequence[str], styles: dict[str, ParagraphStyle], width: float, indent: int = 1
) -> list[Flowable]:
    """Short lines one under another; many of them in two columns when they fit."""
    style = styles["item"] if indent == 1 else styles["subitem"]
    room = width - style.leftIndent
    widest = max((stringWidth(t, style.fontName, style.fontSize) for t in lines), default=0)
    if len(lines) > 6 and widest < room / 2 - 12:
        # Blocks of at most 2 × TABLE_ROWS lines, each read down its left column, then its right:
        # a long list breaks between pages block by block, in reading order.
        blocks = []
        for start in range(0, len(lines), 2 * TABLE_ROWS):
            chunk = lines[start : start + 2 * TABLE_ROWS]
            half = -(-len(chunk) // 2)
            cells: list[Paragraph | str] = [Paragraph(escape(t), style) for t in chunk]
            cells += [""] * (2 * half - len(chunk))
            blocks.append(
                two_columns([[cells[i], cells[i + half]] for i in range(half)], width, style)
            )
        return blocks
    return [Paragraph(escape(t), style) for t in lines]


def height_of(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        total += f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def two_columns(rows: list[list[Paragraph | str]], width: float, style: ParagraphStyle) -> Table:
    table = Table(rows, colWidths=[width / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), style.fontName),
            ]
        )
    )
    return table


def render_contingency(
    plan: Plan, body_font: str, heading_font: str, photo: PhotoSettings | None = None
) -> bytes:
    """应急调整表.pdf, A4 portrait: the fonts must be registered with contingency_text(plan).

    ``photo``: the group photo's settings, when one is taken (give the same to
    contingency_text): each section then says who moves in the photo.
    """
    meeting = plan.settings.meeting
    content = sheet_content(plan, photo)
    left, right, top, bottom = PAGE_MARGINS
    width = A4[0] - left - right
    room = A4[1] - top - bottom - 12  # the frame's own padding
    styles = {
        "title": ParagraphStyle(
            "title", fontName=heading_font, fontSize=20, leading=28, alignment=TA_CENTER
        ),
        "sub": ParagraphStyle(
            "sub",
            fontName=heading_font,
            fontSize=13,
            leading=18,
            alignment=TA_CENTER,
            wordWrap="CJK",
        ),
        "line": ParagraphStyle(
            "line",
            fontName=body_font,
            fontSize=BODY_SIZE,
            leading=16,
            alignment=TA_CENTER,
            wordWrap="CJK",
        ),
        "body": ParagraphStyle(
            "body", fontName=body_font, fontSize=BODY_SIZE, leading=16, wordWrap="CJK"
        ),
        "section": ParagraphStyle(
            "section",
            fontName=heading_font,
            fontSize=14,
            leading=20,
            spaceBefore=4 * mm,
            spaceAfter=1 * mm,
            keepWithNext=1,
            wordWrap="CJK",
        ),
        "step": ParagraphStyle(
            "step",
            fontName=heading_font,
            fontSize=11.5,
            leading=17,
            spaceBefore=2 * mm,
            leftIndent=3 * mm,
            keepWithNext=1,
            wordWrap="CJK",
        ),
        "note": ParagraphStyle(
            "note",
            fontName=body_font,
            fontSize=9,
            leading=13,
            leftIndent=9 * mm,
            textColor=GREY,
            wordWrap="CJK",
        ),
        "item": ParagraphStyle(
            "item",
            fontName=body_font,
            fontSize=BODY_SIZE,
            leading=16,
            leftIndent=9 * mm,
            wordWrap="CJK",
        ),
        "subitem": ParagraphStyle(
            "subitem",
            fontName=body_font,
            fontSize=BODY_SIZE,
            leading=16,
            leftIndent=15 * mm,
            wordWrap="CJK",
        ),
    }
    story: list[Flowable] = [
        SheetStart("contingency", RUNNING_HEAD.format(title=running_title(meeting) or UNTITLED)),
        Paragraph(TITLE, styles["title"]),
        Paragraph(escape(in_lines(content.title, width, 13, TITLE_LINES)), styles["sub"]),
    ]
    if content.meeting_line:
        line = in_lines(content.meeting_line, width, BODY_SIZE, TITLE_LINES)
        story.append(Paragraph(escape(line), styles["line"]))
    story.append(Spacer(1, 4 * mm))
    for line in content.preamble:
        story.append(Paragraph(escape(line), styles["body"]))
    for s in content.sections:
        heading = in_lines(s.heading, width, 14, TITLE_LINES)
        block: list[Flowable] = [Paragraph(escape(heading), styles["section"])]
        if not s.steps:
            block.append(Paragraph(escape(NOTHING_CHANGES), styles["item"]))
        for number, step in enumerate(s.steps, start=1):
            block += step_block(step, number, styles, width)
        if s.pictures:
            block += [Spacer(1, 3 * mm), RostrumPicture(s.pictures, body_font, heading_font)]
        if height_of(block, width) <= room:
            story.append(KeepTogether(block))  # on one page: started on a new one if need be
        else:
            story += block  # longer than a page: it runs on; headings stay with what follows
    return render_numbered_a4(
        story, meeting, f"{meeting.title} {TITLE}", body_font, heading_font, PAGE_MARGINS
    )
