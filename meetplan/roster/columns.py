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
from meetplan.model.labels import parse_label


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
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# Middle-dot look-alikes used between the parts of a transliterated name
# (阿沛·阿旺晋美); all become U+00B7, the form the national standard uses.
_MIDDLE_DOTS = str.maketrans(dict.fromkeys("•‧・･∙⋅·", "·"))
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
_DOT_BETWEEN_HAN = re.compile(rf"(?<={_HAN})[.．](?={_HAN})")

# A leading = + - @ makes a spreadsheet treat the cell as a formula.
FORMULA_START = ("=", "+", "-", "@")


def strip_cell(text: str) -> str:
    """Whitespace around a value is never meaningful (U+3000 and NBSP included)."""
    return text.translate(_INVISIBLE).strip()


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


def normalise_header(text: str) -> str:
    """The header as matched: no spaces, case-folded, without '*' or a bracketed note."""
    header = "".join(text.translate(_INVISIBLE).split())
    header = unicodedata.normalize("NFKC", header).casefold()
    previous = None
    while previous != header:  # "*姓名（必填）*" needs several passes
        previous = header
        header = _HEADER_NOTE.sub("", header).strip("*")
    return header


def _normalise_choice(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


# ---------------------------------------------------------------------------
# Lists and quotes inside messages: 、 and “” in Chinese


def join_list(items: Iterable[str]) -> str:
    return _(", ").join(items)


def quote(text: str) -> str:
    return _('"{text}"').format(text=text)


# ---------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class Column:
    """A roster column: ``identifier`` is the Attendee field it fills."""

    identifier: str
    label: str  # the Chinese header, as the template writes it
    headers: tuple[str, ...]  # every accepted header, before normalisation
    required: bool = False
    extra: bool = False  # kept in Attendee.extra under ``label``

    def clean(self, text: str) -> Any:
        """The value for a cell's text (already stripped). Blank is allowed."""
        return text


@dataclass(frozen=True)
class NameColumn(Column):
    def clean(self, text: str) -> str:
        name = normalise_name(text)
        if name.startswith(FORMULA_START):
            raise CellError(
                _('"{value}" is a formula, not a name.').format(value=text),
                _("Type the person's name itself in this cell, not a formula."),
            )
        return name


@dataclass(frozen=True)
class SubstituteColumn(Column):
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
            raise CellError(
                _('"{value}" is not a seat as printed.').format(value=text),
                _(
                    "Write the seat as the seating chart prints it: 主席台第1排第3座, 1排12号 "
                    "or 二楼3排12号; leave the cell blank to let meetplan choose."
                ),
            )
        return seat.label


_WHOLE_NUMBER = re.compile(r"[0-9]+(?:\.0*)?")


def precedence_hint() -> str:
    return _("Use whole numbers 1, 2, 3 … ; 1 is the most senior.")


@dataclass(frozen=True)
class PrecedenceColumn(Column):
    def clean(self, text: str) -> int | None:
        if not text:
            return None
        # NFKC turns full-width digits (３) and points into ASCII ones.
        number = unicodedata.normalize("NFKC", text).strip()
        if not _WHOLE_NUMBER.fullmatch(number) or int(number.split(".")[0]) < 1:
            raise CellError(
                _('"{value}" is not a whole number of 1 or more.').format(value=text),
                precedence_hint(),
            )
        return int(number.split(".")[0])


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
                _('"{value}" is not a value this column accepts.').format(value=text),
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
    Column("gender", "性别", ("性别", "gender"), extra=True),
    Column("ethnicity", "民族", ("民族", "ethnicity"), extra=True),
    Column("note", "备注", ("备注", "note"), extra=True),
)

NAME_COLUMN = COLUMNS[0]
ROW_NUMBER_COLUMN = next(col for col in COLUMNS if col.identifier == "row_number")
# 序号 read as the rank: a roster without a 排序 column numbers its people in 序号.
RANK_FROM_ROW_NUMBER = PrecedenceColumn("precedence", "序号", ROW_NUMBER_COLUMN.headers)

# normalised header -> column
HEADER_INDEX: dict[str, Column] = {
    normalise_header(header): column for column in COLUMNS for header in column.headers
}


def column_for(header: str) -> Column | None:
    return HEADER_INDEX.get(normalise_header(header))
