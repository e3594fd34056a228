"""The roster's columns: which headers are recognised, and how each cell is read.

``COLUMNS`` is the single source of truth (pretix style): one small object per
field, with its identifier (the :class:`~meetplan.model.Attendee` field, or the
``extra`` key), the headers accepted for it, and a ``clean()`` that turns the
cell text into a value or raises :class:`CellError` saying what is wrong and
what to do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from meetplan.i18n import _
from meetplan.model import Area, Attendance
from meetplan.model.banquet import parse_banquet_seat
from meetplan.model.labels import MAX_LABEL_DIGITS, normalise_label, parse_label
from meetplan.model.text import shown, unfold, unprintable, visible
from meetplan.roster.limits import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, MAX_RANK, MAX_TEXT_LENGTH
from meetplan.roster.sheets import UNKNOWN_ERROR


class CellError(ValueError):
    """A cell whose text cannot be read; the loader adds the location."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# ---------------------------------------------------------------------------
# Text normalisation

# Zero-width characters that arrive with text copied from web pages and chats;
# invisible, so they are presentation just like spaces.
# The soft hyphen and the direction marks (U+200E/F, U+202A-E, U+2066-9) are as
# invisible: a name with one must still be the same name.
_INVISIBLE_CHARS = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))

# Middle-dot look-alikes used between the parts of a transliterated name
# (阿沛·阿旺晋美); all become U+00B7, the form the national standard uses.
_MIDDLE_DOTS = str.maketrans(dict.fromkeys("•‧・･∙⋅·", "·"))
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
_DOT_BETWEEN_HAN = re.compile(rf"(?<={_HAN})[.．](?={_HAN})")

# A leading = + - @ makes a spreadsheet treat the cell as a formula.
FORMULA_START = ("=", "+", "-", "@")

# What a cell shows when its formula fails (Excel, WPS; openpyxl gives the
# text, xlrd a code turned into the text), and what a CSV exported from such
# a sheet holds. Never a value anyone typed.
ERROR_VALUES = frozenset(
    {
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        UNKNOWN_ERROR,
    }
)
# LibreOffice shows (and exports) most errors as Err:502 and the like.
_LIBREOFFICE_ERROR = re.compile(r"Err:\d{3}")


def is_error_value(text: str) -> bool:
    if not text.startswith(("#", "Err:")):
        return False
    return text.upper() in ERROR_VALUES or bool(_LIBREOFFICE_ERROR.fullmatch(text))


def strip_cell(text: str) -> str:
    """Whitespace around a value is never meaningful (U+3000 and NBSP included)."""
    if any(c in text for c in _INVISIBLE_CHARS):  # translate() is slow on long text
        text = text.translate(_INVISIBLE)
    return text.strip()


def normalise_name(text: str) -> str:
    """The name as compared and printed: no whitespace at all, one kind of middle dot.

    Spaces inside a name (王  伟, 王　伟) only align two-character names in a
    list; they are not part of the name.
    """
    name = "".join(text.translate(_INVISIBLE).split())
    name = name.translate(_MIDDLE_DOTS)
    return _DOT_BETWEEN_HAN.sub("·", name)


# A trailing note in brackets, as templates mark columns: 姓名（必填）, 排序(1最高).
_HEADER_NOTE = re.compile(r"[（(][^（()）]*[)）]$")


# The traditional characters of the recognised headers and values (單位, 職務,
# 請假 …): a Big5 roster from Taiwan or Hong Kong is read like any other.
_TRADITIONAL = str.maketrans(
    "單職務順區類狀態會發別註備場員請參確認臺門號", "单职务顺区类状态会发别注备场员请参确认台门号"
)


def normalise_header(text: str) -> str:
    """The header as matched: no spaces, case-folded, without '*' or a bracketed note,
    in simplified characters."""
    header = "".join(text.translate(_INVISIBLE).split()).translate(_TRADITIONAL)
    header = unicodedata.normalize("NFKC", header).casefold()
    previous = None
    while previous != header:  # "*姓名（必填）*" needs several passes
        previous = header
        header = _HEADER_NOTE.sub("", header).strip("*")
    return header


def _normalise_choice(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold().translate(_TRADITIONAL)


# ---------------------------------------------------------------------------
# Lists and quotes inside messages: 、 and “” in Chinese


def join_list(items: Iterable[str]) -> str:
    return _(", ").join(items)


def quote(text: str) -> str:
    return _('"{text}"').format(text=text)


# ---------------------------------------------------------------------------
# Columns


def cell_text(cell: str) -> str:
    """A cell's text as read: without its layout (line breaks, tabs: see
    :func:`meetplan.model.text.unfold`) and without spaces around it."""
    # Line breaks and tabs are not printable: most cells need no unfolding.
    return strip_cell(cell if cell.isprintable() else unfold(cell))


@dataclass(frozen=True)
class Column:
    """A roster column: ``identifier`` is the Attendee field it fills."""

    identifier: str
    label: str  # the Chinese header, as the template writes it
    headers: tuple[str, ...]  # every accepted header, before normalisation
    required: bool = False
    extra: bool = False  # kept in Attendee.extra under ``label``
    max_length: int | None = MAX_TEXT_LENGTH  # characters; None: clean() bounds it

    def read(self, cell: str) -> Any:
        """The value of a cell as the file holds it: :func:`cell_text`, checked for
        what no column accepts (a spreadsheet error, characters that cannot be
        printed, text too long), then :meth:`clean`. Raises :class:`CellError`."""
        text = cell_text(cell)
        if text:
            if is_error_value(text):
                raise CellError(
                    _("the cell shows the spreadsheet error {value} instead of a value.").format(
                        value=shown(text)
                    ),
                    _(
                        "Fix the formula that gives this error, or type the value itself "
                        "in the cell."
                    ),
                )
            bad = [] if text.isprintable() else unprintable(text)
            if bad:
                raise CellError(
                    _(
                        'the cell holds characters that cannot be printed ({characters}): "{value}".'
                    ).format(characters=join_list(visible(c) for c in bad[:5]), value=shown(text)),
                    _(
                        "Retype the cell (such characters come with text copied out of other "
                        "systems and cannot be seen in Excel); or copy the text into Notepad "
                        "and back."
                    ),
                )
            self.check_length(text)
        return self.clean(text)

    def check_length(self, text: str) -> None:
        if self.max_length is not None and len(text) > self.max_length:
            raise CellError(
                _(
                    "the text is too long: {length} characters, where this column holds at "
                    'most {limit}: "{value}".'
                ).format(length=len(text), limit=self.max_length, value=shown(text)),
                _(
                    "Shorten it. If other cells or a whole document were pasted into this "
                    "cell by mistake, retype it."
                ),
            )

    def clean(self, text: str) -> Any:
        """The value for a cell's text (already stripped). Blank is allowed."""
        return text


@dataclass(frozen=True)
class NameColumn(Column):
    max_length: int | None = MAX_NAME_LENGTH

    def check_length(self, text: str) -> None:
        length = len("".join(text.split()))  # spaces inside a name are not part of it
        if self.max_length is not None and length > self.max_length:
            raise CellError(
                _(
                    "this is too long to be a name ({length} characters; a name has at most "
                    '{limit}): "{value}".'
                ).format(length=length, limit=self.max_length, value=shown(text)),
                _(
                    "Put only the person's name in this column; the unit, the title and any "
                    "note go in their own columns."
                ),
            )

    def clean(self, text: str) -> str:
        name = normalise_name(text)
        if name.startswith(FORMULA_START):
            raise CellError(
                _('"{value}" is a formula, not a name.').format(value=shown(text)),
                _("Type the person's name itself in this cell, not a formula."),
            )
        return name


@dataclass(frozen=True)
class SubstituteColumn(NameColumn):
    def clean(self, text: str) -> str:
        return normalise_name(text)


@dataclass(frozen=True)
class SeatColumn(Column):
    """座位: a seat as printed; whether the layout has it is checked when planning."""

    def clean(self, text: str) -> str:
        if not text:
            return ""
        seat = parse_label(text)
        if seat is None:
            message = _('"{value}" is not a seat as printed.')
            if _LONG_NUMBER.search(normalise_label(text)):
                message = _('"{value}" has a row or seat number too large for any hall.')
            raise CellError(
                message.format(value=shown(text)),
                _(
                    "Write the seat as the seating chart prints it: 主席台第1排第3座, 1排12号 "
                    "or 二楼3排12号; leave the cell blank to let meetplan choose."
                ),
            )
        return seat.label


@dataclass(frozen=True)
class BanquetSeatColumn(Column):
    """宴会座位: a table, perhaps with a role (3号桌, 主桌, 1号桌主陪); whether the room has
    the table is checked when the banquet is planned (meetplan.banquet.seating)."""

    def clean(self, text: str) -> str:
        if not text:
            return ""
        pin = parse_banquet_seat(text)
        if pin is None:
            raise CellError(
                _('"{value}" is not a banquet seat.').format(value=shown(text)),
                _(
                    "Write a table, and a role there if needed: 3号桌, 主桌, 1号桌主陪, "
                    "2号桌副主陪, 1号桌主宾; leave the cell blank to let meetplan choose."
                ),
            )
        return pin.label


# A number with more digits than any row or seat has.
_LONG_NUMBER = re.compile(rf"[1-9]\d{{{MAX_LABEL_DIGITS},}}")


_WHOLE_NUMBER = re.compile(r"[0-9]+(?:\.0*)?")


def precedence_hint() -> str:
    return _("Use whole numbers 1, 2, 3 … ; 1 is the most senior.")


@dataclass(frozen=True)
class PrecedenceColumn(Column):
    max_length: int | None = None  # a long number is too large, not too long

    def clean(self, text: str) -> int | None:
        if not text:
            return None
        # NFKC turns full-width digits (３) and points into ASCII ones.
        number = unicodedata.normalize("NFKC", text).strip()
        digits = number.split(".")[0].lstrip("0")
        if not _WHOLE_NUMBER.fullmatch(number) or not digits:
            raise CellError(
                _('"{value}" is not a whole number of 1 or more.').format(value=shown(text)),
                precedence_hint(),
            )
        # Compared as text first: int() refuses thousands of digits (ValueError).
        if len(digits) > len(str(MAX_RANK)) or int(digits) > MAX_RANK:
            raise CellError(
                _('"{value}" is too large for an order number: at most {limit}.').format(
                    value=shown(text), limit=f"{MAX_RANK:,}"
                ),
                precedence_hint(),
            )
        return int(digits)


@dataclass(frozen=True)
class RowNumberColumn(Column):
    """序号: the office's own row number. Beside a 排序 column it is only that, kept
    as written (a blank or text cell is fine); alone, the loader reads it as the
    rank with :data:`RANK_FROM_ROW_NUMBER`."""


def _choices(*groups: tuple[Any, tuple[str, ...]]) -> Mapping[str, Any]:
    return MappingProxyType(
        {_normalise_choice(word): value for value, words in groups for word in words}
    )


@dataclass(frozen=True)
class ChoiceColumn(Column):
    """A column with a fixed set of values, written in words offices use."""

    choices: Mapping[str, Any] = field(default_factory=dict)  # normalised text -> value
    allowed: tuple[str, ...] = ()  # the values as the message lists them
    default: Any = None  # for a blank cell
    default_label: str = ""

    def clean(self, text: str) -> Any:
        if not text:
            return self.default
        try:
            return self.choices[_normalise_choice(text)]
        except KeyError:
            raise CellError(
                _('"{value}" is not a value this column accepts.').format(value=shown(text)),
                _("Write one of: {allowed}. A blank cell means {default}.").format(
                    allowed=join_list(self.allowed), default=self.default_label
                ),
            ) from None


_TICK = ("✓", "✔", "√")
_CROSS = ("✗", "✘", "×")

AREA_CHOICES = _choices(
    (Area.ROSTRUM, ("主席台", "台上", "rostrum")),
    (Area.HALL, ("会场", "台下", "代表", "hall")),
    (Area.OBSERVER, ("列席", "observer")),
    (Area.STAFF, ("工作人员", "staff")),
)
ATTENDANCE_CHOICES = _choices(
    (Attendance.PRESENT, ("出席", "是", "参加", "确认", "到会", "present", "yes", *_TICK)),
    (Attendance.TENTATIVE, ("待定", "未定", "不确定", "待确认", "?", "tentative")),
    (Attendance.ABSENT, ("请假", "否", "不参加", "缺席", "absent", "no", *_CROSS)),
)
SPEAKER_CHOICES = _choices(
    (True, ("是", "yes", "y", "1", "true", "发言", *_TICK)),
    (False, ("否", "no", "n", "0", "false", "不发言", *_CROSS)),
)
# 合影: kept in Attendee.extra as 是 / 否 (meetplan.model.photo); blank: [photo] include decides
PHOTO_CHOICES = _choices(
    ("是", ("是", "yes", "y", "1", "true", "合影", "参加", *_TICK)),
    ("否", ("否", "no", "n", "0", "false", "不合影", "不参加", *_CROSS)),
)

# 宴会 and 主客: kept in Attendee.extra as 是 / 否 and 主方 / 客方 (meetplan.model.banquet);
# blank: [banquet] include and sides decide
BANQUET_CHOICES = _choices(
    ("是", ("是", "yes", "y", "1", "true", "参加", "出席", "宴会", *_TICK)),
    ("否", ("否", "no", "n", "0", "false", "不参加", "不出席", *_CROSS)),
)
SIDE_CHOICES = _choices(
    ("主方", ("主方", "主", "主人", "东道主", "host")),
    ("客方", ("客方", "客", "客人", "宾", "来宾", "guest")),
)


COLUMNS: tuple[Column, ...] = (
    NameColumn("name", "姓名", ("姓名", "名字", "name"), required=True),
    Column("unit", "单位", ("单位", "工作单位", "部门", "unit")),
    Column("title", "职务", ("职务", "职位", "title")),
    PrecedenceColumn("precedence", "排序", ("排序", "顺序", "precedence")),
    # 编号 is left out on purpose: offices use it for delegate and staff numbers
    # (代表证编号, 2023015), which are not an order.
    RowNumberColumn("row_number", "序号", ("序号",), extra=True),
    ChoiceColumn(
        "area",
        "座区",
        ("座区", "区域", "类别", "area"),
        choices=AREA_CHOICES,
        allowed=tuple(a.label for a in Area),
        default=Area.HALL,
        default_label=Area.HALL.label,
    ),
    ChoiceColumn(
        "attendance",
        "出席",
        ("出席", "是否出席", "状态", "attendance"),
        choices=ATTENDANCE_CHOICES,
        allowed=tuple(a.label for a in Attendance),
        default=Attendance.PRESENT,
        default_label=Attendance.PRESENT.label,
    ),
    SubstituteColumn(
        "substitute_for", "代会", ("代会", "代替", "substitute for", "substitute_for")
    ),
    SeatColumn("seat", "座位", ("座位", "指定座位", "seat")),
    ChoiceColumn(
        "speaker",
        "发言",
        ("发言", "是否发言", "speaker"),
        choices=SPEAKER_CHOICES,
        allowed=("是", "否"),
        default=False,
        default_label="否",
    ),
    ChoiceColumn(
        "photo",
        "合影",
        ("合影", "是否合影", "photo"),
        extra=True,
        choices=PHOTO_CHOICES,
        allowed=("是", "否"),
        default=None,
        default_label="按 meeting.toml [photo] include 的设置",
    ),
    ChoiceColumn(
        "banquet",
        "宴会",
        ("宴会", "是否参加宴会", "参加宴会", "banquet"),
        extra=True,
        choices=BANQUET_CHOICES,
        allowed=("是", "否"),
        default=None,
        default_label="按 meeting.toml [banquet] include 的设置",
    ),
    ChoiceColumn(
        "banquet_side",
        "主客",
        ("主客", "主方客方", "宾主", "host or guest"),
        extra=True,
        choices=SIDE_CHOICES,
        allowed=("主方", "客方"),
        default=None,
        default_label="客方（或按 meeting.toml [banquet] host_units）",
    ),
    BanquetSeatColumn(
        "banquet_seat",
        "宴会座位",
        ("宴会座位", "宴会桌号", "宴会桌次", "banquet seat"),
        extra=True,
    ),
    Column("gender", "性别", ("性别", "gender"), extra=True),
    Column("ethnicity", "民族", ("民族", "ethnicity"), extra=True),
    Column("note", "备注", ("备注", "note"), extra=True, max_length=MAX_NOTE_LENGTH),
)

NAME_COLUMN = COLUMNS[0]
ROW_NUMBER_COLUMN = next(col for col in COLUMNS if col.identifier == "row_number")
# 序号 read as the rank: a roster without a 排序 column numbers its people in 序号.
RANK_FROM_ROW_NUMBER = PrecedenceColumn("precedence", "序号", ROW_NUMBER_COLUMN.headers)

# normalised header -> column
HEADER_INDEX: dict[str, Column] = {
    normalise_header(header): column for column in COLUMNS for header in column.headers
}


# Longer than any header with its note (姓名（必填，与身份证一致）): never looked up.
_HEADER_LENGTH = 100


def column_for(header: str) -> Column | None:
    if len(header) > _HEADER_LENGTH:
        return None
    return HEADER_INDEX.get(normalise_header(header))
