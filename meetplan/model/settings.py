"""Settings: every protocol convention is one named setting with a default.

The same names are used in meeting.toml ``[protocol]`` and as CLI options
(``honor_side`` <-> ``--honor-side``). Defaults and their sources are in
PROTOCOL.md; the README lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from meetplan.model.banquet import BanquetSettings
from meetplan.model.photo import PhotoSettings


class HonorSide(StrEnum):
    """左为上 (政务, default) or 右为上 (外事/商务): PROTOCOL.md §1."""

    LEFT = "left"
    RIGHT = "right"


class EvenRostrum(StrEnum):
    """How an even number of people share the rostrum centre: PROTOCOL.md §2."""

    A = "A"  # No.1 and No.2 share the centre, No.2 on No.1's honour side
    B = "B"  # No.1 on the honour side of the centre line, No.2 the other centre seat
    AXIS = "axis"  # 双数单摆: No.1 on the physical centre axis, the row one seat longer on one side


class NameOrder(StrEnum):
    """How people of equal precedence are ordered: PROTOCOL.md §4."""

    SURNAME_STROKES = "surname-strokes"  # 按姓氏笔画: a single given name's gap sorts first
    NAME_STROKES = "name-strokes"  # 按姓名笔画: every character compared as written
    PINYIN = "pinyin"
    LIST = "list"  # the roster's own order


class HostSeat(StrEnum):
    """Where the host (主持人) sits: PROTOCOL.md §2, three accepted practices."""

    RANK = "rank"  # by own precedence, but never in a back row
    FRONT_CENTRE = "front-centre"  # the centre of the front row
    FRONT_END = "front-end"  # the end of the front row, on the side away from honour


class HallMethod(StrEnum):
    """How units fill the hall: PROTOCOL.md §3."""

    ROWS = "rows"  # 横排法
    COLUMNS = "columns"  # 竖排法
    CENTER_OUT = "center-out"  # 左右排列法


class SubstituteSeat(StrEnum):
    """Where a substitute (代会) sits: PROTOCOL.md §5."""

    OWN_RANK = "own-rank"  # by the substitute's own precedence (default, inferred)
    IN_PLACE = "in-place"  # in the absent leader's seat


@dataclass(frozen=True)
class ProtocolSettings:
    honor_side: HonorSide = HonorSide.LEFT
    even_rostrum: EvenRostrum = EvenRostrum.A
    name_order: NameOrder = NameOrder.SURNAME_STROKES
    host: str = ""  # the host's name, as on the roster; empty: no host on the rostrum
    host_seat: HostSeat = HostSeat.RANK
    # Two people with the same 排序 are an error unless the office allows ties,
    # which are then ordered by name_order.
    allow_ties: bool = False
    hall_method: HallMethod = HallMethod.ROWS
    substitute_seat: SubstituteSeat = SubstituteSeat.OWN_RANK
    # How many people sit in each rostrum row, front row first (12, 12, 14, 14);
    # empty: each row filled to the layout's capacity, front row first.
    rostrum_rows: tuple[int, ...] = ()


class WithinUnit(StrEnum):
    """The order of a unit's people inside its block: PROTOCOL.md §3."""

    LIST = "list"  # by 排序, and the roster's order where no 排序 is given (default)
    NAME_ORDER = "name-order"  # the unit's head first, the rest by name_order (large congresses)


class RowOrder(StrEnum):
    """横排法: the direction each row runs, PROTOCOL.md §3."""

    SERPENTINE = "serpentine"  # 蛇形: each row the opposite way to the one before (default)
    ONE_WAY = "one-way"  # every row from the same side


class ColumnOrder(StrEnum):
    """竖排法: the order of the units' columns, PROTOCOL.md §3."""

    ACROSS = "across"  # from the audience's left (right under 右为上), section by section
    CENTRE_OUT = "centre-out"  # alternating outward from the centre line, honour side first


class HallGaps(StrEnum):
    """What happens in the hall when someone of the base plan does not come."""

    LEAVE_EMPTY = "leave-empty"  # the seat stays empty: nobody moves
    CLOSE_UP = "close-up"  # the unit's block closes the gap, in precedence order


@dataclass(frozen=True)
class HallPlace:
    """[[hall.place]]: where one unit's block must lie (a door, the front of the left section).

    Empty ``floor``, ``sections`` or ``rows`` place no limit of that kind.
    Sections count from 1 at the audience's left; rows are numbered as printed.
    """

    unit: str
    floor: str = ""
    sections: tuple[int, ...] = ()
    rows: tuple[int, ...] = ()


@dataclass(frozen=True)
class HallSettings:
    """The hall solver: its time limit and the weight of each soft goal (see docs/protocol.md).

    Every weight is "cost per occurrence" in one objective that CP-SAT minimises;
    a weight of 0 switches that goal off.
    """

    time_limit: float = 5.0  # seconds; the best plan found by then is used, with its gap shown
    split_aisle: int = 20  # a unit split across an aisle (or a blocked place) in one row
    split_row: int = 2  # a unit continued on the next row (usual in 横排法, so cheap)
    split_floor: int = 500  # a unit split between two floors
    empty_inside: int = 3  # each empty seat inside the occupied part of the hall
    front_empty: int = 10  # each empty seat in the front rows (the seats a camera sees)
    front_rows: int = 3  # how many rows count as front rows, on the lowest floor
    allow_unit_split: bool = True  # a unit larger than any section may sit across sections
    gaps: HallGaps = HallGaps.LEAVE_EMPTY
    within_unit: WithinUnit = WithinUnit.LIST
    row_order: RowOrder = RowOrder.SERPENTINE
    column_order: ColumnOrder = ColumnOrder.ACROSS
    place: tuple[HallPlace, ...] = ()  # [[hall.place]]: units seated in a region of their own


class Clock(StrEnum):
    """How the time is printed."""

    H12 = "12h"  # 上午9:00, 下午2:30 (as 公文 write it; default)
    H24 = "24h"  # 9:00, 14:30


@dataclass(frozen=True)
class MeetingInfo:
    title: str = ""
    date: str = ""  # as printed, e.g. 2026-12-01
    time: str = ""
    venue: str = ""
    organizer: str = ""
    classification: str = ""  # 密级, e.g. 内部: printed top-left on every document
    clock: Clock = Clock.H12  # 上午9:00 or 9:00 / 14:30


class FontStyle(StrEnum):
    """A typeface family as offices name them; resolved to a real font at print time."""

    SONG = "song"  # 宋体
    HEI = "hei"  # 黑体
    KAI = "kai"  # 楷体
    FANGSONG = "fangsong"  # 仿宋


class SeatLabels(StrEnum):
    """Whether to print 座签 (labels fixed to hall seats)."""

    LAYOUT = "layout"  # when the layout asks for them (seat_labels = true in its file)
    YES = "yes"
    NO = "no"


class SignInRemarks(StrEnum):
    """What the 备注 column of the sign-in sheets, which the attendees sign, shows."""

    STATUS = "status"  # 请假, 待定, 代会 only (default): the roster's own 备注 may be private
    ALL = "all"  # the status and the roster's 备注
    NONE = "none"  # a blank column


class SignInGrouping(StrEnum):
    """How the sign-in sheets (签到表) are split."""

    BY_AREA = "by-area"  # one sheet per area: 主席台, 会场, 列席, 工作人员 (default)
    BY_UNIT = "by-unit"  # one sheet per unit, handed to each delegation; 主席台 still its own


class DocumentLanguage(StrEnum):
    """The language of every printed word, whatever the terminal speaks."""

    ZH = "zh"  # 中文 (default)
    EN = "en"  # English, for a foreign delegation's copies


@dataclass(frozen=True)
class PrintSettings:
    card_size: str = "A4"  # a paper name (A4, A5, B5, A3, letter) or "210x297" in mm
    card_title: bool = False  # print the person's 职务 above the name on cards
    card_font: str = "song"  # a FontStyle value or a path to a .ttf/.otf/.ttc file
    list_font: str = "song"  # sign-in sheets and lists
    heading_font: str = "hei"  # titles on every document
    seat_labels: SeatLabels = SeatLabels.LAYOUT
    label_size: str = "70x37"  # one seat label in millimetres, as on the label sheet's packet
    label_grid: str = "3x8"  # labels across x down on an A4 sheet
    language: DocumentLanguage = DocumentLanguage.ZH  # of the documents, not of the terminal
    sign_in_remarks: SignInRemarks = SignInRemarks.STATUS
    # The settings below decide no seat: out of repr, so out of the printed plan's
    # fingerprint (history.record.fingerprint); asking for passes re-plans nothing.
    sign_in: SignInGrouping = field(default=SignInGrouping.BY_AREA, repr=False)
    # 出席证.pdf: a pass per attendee with a code that `meetplan checkin` reads.
    passes: bool = field(default=False, repr=False)
    # 90x120 mm: the insert of the common upright PVC badge sleeve (卡套) hung on a
    # lanyard at meetings; four to an A4 sheet (pass_grid), cut along the marks.
    pass_size: str = field(default="90x120", repr=False)
    pass_grid: str = field(default="2x2", repr=False)  # passes across x down on an A4 sheet
    # 代表证 …; 列席 get 列席证 and 工作人员 工作证 whatever this says
    pass_title: str = field(default="出席证", repr=False)
    seat_label_code: bool = field(default=False, repr=False)  # the pass's code on 座签 too


@dataclass(frozen=True)
class CheckinSettings:
    """[checkin]: the registration desk (meetplan checkin) and its counts."""

    # 列席 in 应到 / 实到 / 未到 with the members, or counted on a line of their own
    count_observers: bool = False


@dataclass(frozen=True)
class Settings:
    meeting: MeetingInfo = field(default_factory=MeetingInfo)
    protocol: ProtocolSettings = field(default_factory=ProtocolSettings)
    printing: PrintSettings = field(default_factory=PrintSettings)
    hall: HallSettings = field(default_factory=HallSettings)
    photo: PhotoSettings | None = None  # None: no [photo] table, no group photo
    banquet: BanquetSettings | None = None  # None: no [banquet] table, no banquet
    # Not part of the plan: out of repr, so out of the printed plan's fingerprint
    # (history.record.fingerprint); changing it on the day re-plans nothing.
    checkin: CheckinSettings = field(default_factory=CheckinSettings, repr=False)
