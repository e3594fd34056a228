"""meeting.toml ``[banquet]``: read, checked, every problem named with its key.

```toml
[banquet]
room = "banquet-hall-10"         # a room: layouts/banquet-*.toml, the meeting's layouts/, or a path
include = "marked"               # marked: 宴会 = 是 | all: everyone who comes, except 宴会 = 否
sides = "column"                 # column: 主客 = 主方 / 客方 (blank = 客方) | units: host_units below
host_units = ["县委办公室"]        # the host side's units, for sides = "units"
hosts = { 1 = "张建国", 2 = "王强" }   # 主陪 of tables 1, 2 …; a table not named: by rank
second_hosts = { 1 = "李华" }     # 副主陪, the same way
host_order = "main-table-first"  # main-table-first | hosts-first: hosts taken by rank
second_guest = "host-left"       # host-left: 2nd guest on the 主陪's left | second-host-right
table_order = "rows"             # rows: 以远 by rows, 居中, 以右 | near-main: nearest the main table
keep_units = false               # true: a guest unit at one table where it fits
card_size = "100x90"             # 席卡, unfolded, in millimetres (each face 100 × 45) or A4, A5 …
number_size = "A4"               # 桌号牌, unfolded
main_table_label = "主桌"         # the main table's name on the chart and its 桌号牌; "" = 1号桌
```
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from enum import StrEnum
from typing import Any

from meetplan.i18n import _
from meetplan.model.banquet import (
    MAIN_TABLE,
    BanquetSettings,
    HostOrder,
    Include,
    SecondGuest,
    Sides,
    TableOrder,
)
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.text import PRESENTATION, shown, unfold, unprintable, visible
from meetplan.roster.columns import normalise_name
from meetplan.roster.limits import MAX_NAME_LENGTH

SECTION = "banquet"
TEXT_LENGTH = 200  # a printed text or a unit's name
PATH_LENGTH = 4096
MAX_LIST = 1000  # host units, named hosts
MAIN_LABEL_LENGTH = 10  # 主桌, 主宾桌: printed large on a 桌号牌


class _Refused(ValueError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _text(value: Any, limit: int = TEXT_LENGTH, *, path: bool = False) -> str:
    if not isinstance(value, str):
        raise _Refused(_("Expected text in quotes."))
    text = value.strip() if path else unfold(value).strip()
    bad = list(
        dict.fromkeys(([c for c in text if c in PRESENTATION] if path else []) + unprintable(text))
    )
    if bad:
        raise _Refused(
            _("the text holds characters that cannot be printed: {chars}.").format(
                chars=" ".join(visible(c) for c in bad[:8])
            ),
            _(
                "Type it again by hand (text copied from other programs can carry invisible characters)."
            ),
        )
    if len(text) > limit:
        raise _Refused(
            _("the text is {length} characters long; at most {limit} are allowed.").format(
                length=len(text), limit=limit
            ),
            _("Shorten it to at most {limit} characters.").format(limit=limit),
        )
    return text


def _path(value: Any) -> str:
    text = _text(value, PATH_LENGTH, path=True)
    if not text:
        raise _Refused(_("The room's name is empty."), _('Name a room, such as "banquet-hall-10".'))
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Refused(_("Expected true or false."), _("Use true or false, without quotes."))
    return value


def _enum(kind: type[StrEnum]) -> Callable[[Any], StrEnum]:
    def parse(value: Any) -> StrEnum:
        allowed = ", ".join(m.value for m in kind)
        if isinstance(value, str):
            for member in kind:
                if member.value == value.strip():
                    return member
        raise _Refused(
            _("Expected one of {allowed}, found {value}.").format(
                allowed=allowed, value=shown(repr(value))
            ),
            _("Use one of: {allowed}.").format(allowed=allowed),
        )

    return parse


def _name(value: Any) -> str:
    name = normalise_name(_text(value, MAX_NAME_LENGTH))
    if not name:
        raise _Refused(_("The name is empty."), _("Write the name as the roster writes it."))
    return name


def _units(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise _Refused(
            _("Expected a list of units in [ ], at most {n}.").format(n=MAX_LIST),
            _(
                'Write the units as the roster writes them: host_units = ["县委办公室", "县政府办公室"].'
            ),
        )
    return tuple(dict.fromkeys(_text(unit) for unit in value))


def _paper(key: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value)
        try:
            _paper_size(text, key=f"{SECTION}.{key}")
        except UserError as error:
            raise _Refused(error.problems[0].message, error.problems[0].hint) from None
        return text

    return parse


def _label(value: Any) -> str:
    return _text(value, MAIN_LABEL_LENGTH)


PARSERS: dict[str, Callable[[Any], Any]] = {
    "room": _path,
    "include": _enum(Include),
    "sides": _enum(Sides),
    "host_units": _units,
    "host_order": _enum(HostOrder),
    "second_guest": _enum(SecondGuest),
    "table_order": _enum(TableOrder),
    "keep_units": _bool,
    "card_size": _paper("card_size"),
    "number_size": _paper("number_size"),
    "main_table_label": _label,
}
HOST_KEYS = ("hosts", "second_hosts")
KEYS = (*PARSERS, *HOST_KEYS)
assert set(KEYS) == {f.name for f in fields(BanquetSettings)}


def _table_number(key: Any) -> int | None:
    text = str(key).strip()
    if text == MAIN_TABLE:
        return 1
    text = text.removesuffix("号桌")
    if text.isdigit() and len(text) <= 4 and int(text) >= 1:
        return int(text)
    return None


def _hosts(raw: Any, key: str, file: str, problems: list[Problem]) -> dict[int, str]:
    """``{ 1 = "张建国" }`` (table number -> name) or ``["张建国", "王强"]`` (tables 1, 2 …;
    "" leaves a table to be hosted by rank)."""
    where = Location(file=file, key=f"{SECTION}.{key}", value=shown(str(raw)))
    if isinstance(raw, list):
        entries: list[tuple[Any, Any]] = [(i, v) for i, v in enumerate(raw, start=1) if v != ""]
    elif isinstance(raw, dict):
        entries = list(raw.items())
    else:
        problems.append(
            Problem(
                _("{key} must be a table of table numbers and names.").format(
                    key=f"{SECTION}.{key}"
                ),
                where,
                hint=_('Write {key} = {{ 1 = "张建国", 2 = "王强" }}: the main table is 1.').format(
                    key=key
                ),
            )
        )
        return {}
    if len(entries) > MAX_LIST:
        problems.append(
            Problem(
                _("{key} names more than {n} tables.").format(key=f"{SECTION}.{key}", n=MAX_LIST),
                where,
            )
        )
        return {}
    out: dict[int, str] = {}
    for table_key, value in entries:
        here = Location(
            file=file, key=f"{SECTION}.{key}.{shown(str(table_key))}", value=shown(str(value))
        )
        number = _table_number(table_key)
        if number is None:
            problems.append(
                Problem(
                    _("{value} is not a table number.").format(value=shown(str(table_key))),
                    here,
                    hint=_("Number the tables 1, 2, 3 …: the main table is 1."),
                )
            )
            continue
        try:
            name = _name(value)
        except _Refused as refused:
            problems.append(
                Problem(
                    _("Invalid value for {key}: {reason}").format(
                        key=here.key, reason=refused.message
                    ),
                    here,
                    refused.hint,
                )
            )
            continue
        if number in out:
            problems.append(
                Problem(
                    _("Table {table} is named twice in {key}.").format(
                        table=number, key=f"{SECTION}.{key}"
                    ),
                    here,
                    hint=_("Name one person for each table."),
                )
            )
            continue
        out[number] = name
    return out


def parse_banquet(raw: Any, file: str) -> tuple[BanquetSettings, list[Problem]]:
    """``[banquet]`` as :class:`BanquetSettings`; every problem names its key. A key left
    out keeps its default (see the module's example)."""
    if not isinstance(raw, dict):
        return BanquetSettings(), [
            Problem(
                _("[banquet] must be a table."),
                Location(file=file, key=SECTION),
                hint=_(
                    'Write it as [banquet] with room = "banquet-hall-10" and the other keys below it.'
                ),
            )
        ]
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        where = Location(file=file, key=f"{SECTION}.{shown(str(key))}", value=shown(str(value)))
        if key in HOST_KEYS:
            values[key] = _hosts(value, key, file, problems)
            continue
        parser = PARSERS.get(key)
        if parser is None:
            problems.append(
                Problem(
                    _("Unknown key '{key}' in [{section}].").format(
                        key=shown(str(key)), section=SECTION
                    ),
                    where,
                    hint=_("Allowed keys in [{section}]: {keys}.").format(
                        section=SECTION, keys=", ".join(KEYS)
                    ),
                )
            )
            continue
        try:
            values[key] = parser(value)
        except _Refused as refused:
            problems.append(
                Problem(
                    _("Invalid value for {key}: {reason}").format(
                        key=f"{SECTION}.{key}", reason=refused.message
                    ),
                    where,
                    refused.hint,
                )
            )
    if values.get("sides") is Sides.UNITS and not values.get("host_units"):
        problems.append(
            Problem(
                _('sides = "units" needs the host side\'s units in host_units.'),
                Location(file=file, key=f"{SECTION}.host_units"),
                hint=_('Write host_units = ["县委办公室"], as the roster writes the units.'),
            )
        )
    return BanquetSettings(**values), problems


def _paper_size(text: str, key: str) -> tuple[float, float]:
    from meetplan.render.paper import paper_size  # the renderers only when a size is given

    return paper_size(text, key=key)
