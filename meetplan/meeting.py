"""The meeting folder and its meeting.toml (DESIGN.md "The meeting folder").

Every key of meeting.toml is also a CLI option with the same meaning; the
options given on the command line win. Unknown keys are errors (a misspelt
``honour_side`` must not be silently ignored).
"""

from __future__ import annotations

import calendar
import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from meetplan.banquet.config import parse_banquet
from meetplan.i18n import _
from meetplan.materials.config import ChecklistSettings, parse_checklist, parse_materials
from meetplan.model.banquet import BanquetSettings
from meetplan.model.checklist import Material
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.photo import PhotoSettings
from meetplan.model.settings import (
    CheckinSettings,
    Clock,
    ColumnOrder,
    DocumentLanguage,
    EvenRostrum,
    HallGaps,
    HallMethod,
    HallPlace,
    HallSettings,
    HonorSide,
    HostSeat,
    MeetingInfo,
    NameOrder,
    PrintSettings,
    ProtocolSettings,
    RowOrder,
    SeatLabels,
    Settings,
    SignInGrouping,
    SignInRemarks,
    SubstituteSeat,
    WithinUnit,
)
from meetplan.model.text import PRESENTATION, shown, unfold, unprintable, visible
from meetplan.photo.config import parse_photo
from meetplan.tomlfile import capped, load_toml

MEETING_FILE = "meeting.toml"
OUT_DIR = "out"


@dataclass(frozen=True)
class MeetingConfig:
    """Everything a build needs to know, before reading the roster and layout."""

    folder: Path | None  # None for a one-off run without a meeting folder
    roster: Path | None
    layout: str
    out: Path
    settings: Settings
    warnings: list[Problem] = field(default_factory=list)
    materials: tuple[Material, ...] = ()  # [[materials]]: manuscripts and handouts
    checklist: ChecklistSettings = field(default_factory=ChecklistSettings)


# A printed setting (the title, the venue …): one or two lines on every document.
TEXT_LENGTH = 200


class Refused(ValueError):
    """A value of the right type that cannot be used: what is wrong, and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _text(value: Any) -> str:
    """Text printed on the documents (the title, the venue …): its line breaks and tabs
    are layout (unfolded); control characters and a text beyond ``TEXT_LENGTH`` are refused."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, dt.date | dt.time | dt.datetime):
        text = value.isoformat()
    else:
        raise TypeError
    return _printable(unfold(text).strip(), TEXT_LENGTH)


def _printable(text: str, limit: int) -> str:
    bad = unprintable(text)
    if bad:
        raise Refused(
            _("the text holds characters that cannot be printed: {chars}.").format(
                chars=" ".join(visible(c) for c in bad[:8])
            ),
            _(
                "Type the text again by hand: text copied from other programs can carry "
                "invisible control characters."
            ),
        )
    if len(text) > limit:
        raise Refused(
            _("the text is {length} characters long; at most {limit} are allowed.").format(
                length=len(text), limit=limit
            ),
            _("Shorten it to at most {limit} characters.").format(limit=limit),
        )
    return text


# A file name or path: the system's limit on a whole path is 4096 bytes (Linux),
# far below on Windows; anything longer cannot name a file.
PATH_LENGTH = 4096


def _path(value: Any) -> str:
    """A file name or path (the roster, the layout): no control characters, no line breaks."""
    if not isinstance(value, str):
        raise TypeError
    bad = [c for c in value if c in PRESENTATION] + unprintable(value)
    if bad:
        raise Refused(
            _("a file name cannot hold the characters {chars}.").format(
                chars=" ".join(visible(c) for c in dict.fromkeys(bad))
            ),
            _("Type the file name again by hand."),
        )
    if len(value) > PATH_LENGTH:
        raise Refused(
            _("the file name is {length} characters long; at most {limit} are allowed.").format(
                length=len(value), limit=PATH_LENGTH
            ),
            _("Use a shorter file or folder name."),
        )
    return value.strip()


# Dates as offices type them: 2026-12-01, 2026/12/1, 2026年12月1日, and 12月1日 alone.
_YEAR_MONTH_DAY = re.compile(
    r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*[日号])?(?!\d)"
)
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_HOUR_MINUTE = re.compile(r"(?<!\d)(\d{1,2})\s*[:：]\s*(\d{1,2})(?!\d)")


def impossible_date(text: str) -> str:
    """The first date written in ``text`` that no calendar has (2026-13-45, 2月30日), or ""."""
    for found in _YEAR_MONTH_DAY.finditer(text):
        year, month, day = (int(g) for g in found.groups())
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(max(year, 1), month)[1]):
            return found[0]
        if year < 1:
            return found[0]
    for found in _MONTH_DAY.finditer(text):
        month, day = int(found[1]), int(found[2])
        # without a year, 2月29日 is possible
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]):
            return found[0]
    return ""


def impossible_time(text: str) -> str:
    """The first time of day written in ``text`` that no clock shows (25:00, 9:75), or ""."""
    for found in _HOUR_MINUTE.finditer(text):
        if int(found[1]) > 23 or int(found[2]) > 59:
            return found[0]
    return ""


def _date(value: Any) -> str:
    """The meeting's date: a TOML date, or text; a date written in it must exist."""
    if isinstance(value, dt.datetime):
        raise Refused(
            _("the date holds a time too."),
            _('Give the date alone, date = 2026-12-01, and the time as time = "09:00".'),
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value)
    wrong = impossible_date(text)
    if wrong:
        raise Refused(
            _("{value} is not a date of the calendar.").format(value=shown(wrong)),
            _("Check the month (1 to 12) and the day (February has 28 days, 29 in a leap year)."),
        )
    return text


def _time(value: Any) -> str:
    """The starting time: a TOML time (09:00:00 is 09:00), or text such as "09:00"."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, dt.date):
        raise TypeError
    text = _text(value)
    wrong = impossible_time(text)
    if wrong:
        raise Refused(
            _("{value} is not a time of day.").format(value=shown(wrong)),
            _('Write hours from 0 to 23 and minutes from 0 to 59: time = "09:00".'),
        )
    return text


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 600:
        raise ValueError
    return float(value)


def _weight(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
        raise ValueError
    return value


def _row_sizes(value: Any) -> tuple[int, ...]:
    """A list of people per row: [12, 12, 14, 14] in meeting.toml, "12,12,14,14" on the command line."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace("，", ",").split(",")]
        if not all(p.isdigit() for p in parts):
            raise ValueError
        value = [int(p) for p in parts]
    if not isinstance(value, list) or not value:
        raise TypeError
    if any(isinstance(v, bool) or not isinstance(v, int) or not 0 < v <= 1000 for v in value):
        raise ValueError
    return tuple(value)


def _enum(kind: type[StrEnum]) -> Callable[[Any], StrEnum]:
    def parse(value: Any) -> StrEnum:
        if not isinstance(value, str):
            raise TypeError
        return kind(value)

    parse.allowed = [m.value for m in kind]  # type: ignore[attr-defined]
    return parse


PASS_TITLE_LENGTH = 6  # 出席证, 代表证, 特邀代表证: printed large across a pass


def _pass_title(value: Any) -> str:
    """The word printed large on a pass (出席证, 代表证): short, and not empty."""
    text = _text(value)
    if not text or len(text) > PASS_TITLE_LENGTH:
        raise Refused(
            _("a pass's title is one short word, of 1 to {n} characters.").format(
                n=PASS_TITLE_LENGTH
            ),
            _('Write it as the passes print it: pass_title = "代表证".'),
        )
    return text


# section -> key -> parser. The single list of what meeting.toml may hold.
KEYS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "meeting": {
        "title": _text,
        "date": _date,
        "time": _time,
        "venue": _text,
        "organizer": _text,
        "classification": _text,
        "clock": _enum(Clock),
        "roster": _path,
        "layout": _path,
    },
    "protocol": {
        "honor_side": _enum(HonorSide),
        "even_rostrum": _enum(EvenRostrum),
        "name_order": _enum(NameOrder),
        "host": _text,
        "host_seat": _enum(HostSeat),
        "allow_ties": _bool,
        "hall_method": _enum(HallMethod),
        "substitute_seat": _enum(SubstituteSeat),
        "rostrum_rows": _row_sizes,
    },
    "hall": {
        "time_limit": _number,
        "split_aisle": _weight,
        "split_row": _weight,
        "split_floor": _weight,
        "empty_inside": _weight,
        "front_empty": _weight,
        "front_rows": _weight,
        "allow_unit_split": _bool,
        "gaps": _enum(HallGaps),
        "within_unit": _enum(WithinUnit),
        "row_order": _enum(RowOrder),
        "column_order": _enum(ColumnOrder),
    },
    "print": {
        "card_size": _text,
        "card_title": _bool,
        "card_font": _path,
        "list_font": _path,
        "heading_font": _path,
        "seat_labels": _enum(SeatLabels),
        "label_size": _text,
        "label_grid": _text,
        "language": _enum(DocumentLanguage),
        "sign_in_remarks": _enum(SignInRemarks),
        "sign_in": _enum(SignInGrouping),
        "passes": _bool,
        "pass_size": _text,  # checked by meetplan.render.passes.check_pass_settings
        "pass_grid": _text,
        "pass_title": _pass_title,
        "seat_label_code": _bool,
    },
    "checkin": {
        "count_observers": _bool,
    },
}
# Tables read by meetplan.materials (the materials checklist), not settings of the plan.
MATERIAL_TABLES = ("materials", "checklist", "photo", "banquet")  # read by their own parsers


PLACE_KEYS = ("unit", "floor", "sections", "rows")
_RANGE = re.compile(r"\s*(\d+)\s*(?:[-~–—至到]\s*(\d+)\s*)?")


def _numbers(value: Any) -> tuple[int, ...]:
    """Row or section numbers: 3, [1, 2, 3], "1-3" or ["1-3", 5]; each 1 or more."""
    items = value if isinstance(value, list) else [value]
    numbers: list[int] = []
    for item in items:
        if isinstance(item, bool):
            raise TypeError
        if isinstance(item, int):
            if item < 1:
                raise ValueError
            numbers.append(item)
            continue
        if not isinstance(item, str):
            raise TypeError
        for part in item.replace("，", ",").split(","):
            found = _RANGE.fullmatch(part)
            if found is None:
                raise ValueError
            first = int(found[1])
            last = int(found[2]) if found[2] else first
            if first < 1 or last < first:
                raise ValueError
            numbers += range(first, last + 1)
    if not numbers:
        raise ValueError
    return tuple(sorted(set(numbers)))


def parse_places(raw: Any, file: str) -> tuple[tuple[HallPlace, ...], list[Problem]]:
    """``[[hall.place]]`` entries; every wrong entry is named by its key (hall.place[2].rows).

    Whether the unit, floor, sections and rows exist is checked once the roster
    and the layout are read (:mod:`meetplan.solver.regions`).
    """
    if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
        return (), [
            Problem(
                _("hall.place must be a list of [[hall.place]] tables."),
                Location(file=file, key="hall.place", value=str(raw)),
                hint=_(
                    'Write each placement as [[hall.place]] with unit = "县公安局", rows = [1, 2].'
                ),
            )
        ]
    places: list[HallPlace] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw, start=1):
        where = f"hall.place[{index}]"
        values: dict[str, Any] = {}
        for key, value in entry.items():
            location = Location(file=file, key=f"{where}.{shown(key)}", value=str(value))
            if key not in PLACE_KEYS:
                problems.append(
                    Problem(
                        _("Unknown key '{key}' in [[hall.place]] item {index}.").format(
                            key=shown(key), index=index
                        ),
                        location,
                        hint=_("Allowed keys: {keys}.").format(keys=", ".join(PLACE_KEYS)),
                    )
                )
            elif key in ("unit", "floor"):
                if not isinstance(value, str) or (key == "unit" and not value.strip()):
                    problems.append(
                        Problem(
                            _("{key} must be text in quotes.").format(key=f"{where}.{key}"),
                            location,
                            hint=_('For example unit = "县公安局", floor = "一楼".'),
                        )
                    )
                else:
                    values[key] = unfold(value).strip()
            else:
                try:
                    values[key] = _numbers(value)
                except (TypeError, ValueError):
                    problems.append(
                        Problem(
                            _("{key} must be numbers of 1 or more.").format(key=f"{where}.{key}"),
                            location,
                            hint=(
                                _('Give row numbers as printed: rows = [1, 2, 3] or rows = "1-3".')
                                if key == "rows"
                                else _(
                                    "Give sections counted from the audience's left, 1 first: "
                                    "sections = [1] for the left section."
                                )
                            ),
                        )
                    )
        if "unit" not in values:
            if "unit" not in entry:
                problems.append(
                    Problem(
                        _("[[hall.place]] item {index} has no unit.").format(index=index),
                        Location(file=file, key=f"{where}.unit"),
                        hint=_('Name the unit as the roster writes it: unit = "县公安局".'),
                    )
                )
            continue
        unit = values["unit"]
        if unit in seen:
            problems.append(
                Problem(
                    _(
                        "{unit} is placed twice: hall.place[{first}] and hall.place[{index}]."
                    ).format(unit=unit, first=seen[unit], index=index),
                    Location(file=file, key=f"{where}.unit", value=unit),
                    hint=_("Keep one [[hall.place]] per unit."),
                )
            )
            continue
        seen[unit] = index
        places.append(HallPlace(**values))
    return tuple(places), problems


def parse_setting(
    section: str, key: str, value: Any, where: Location
) -> tuple[Any, Problem | None]:
    """One setting's value, checked the same way from meeting.toml and from the command line."""
    parser = KEYS[section][key]
    try:
        parsed = parser(value)
    except Refused as refused:
        return None, Problem(
            _("Invalid value for {key}: {reason}").format(
                key=f"{section}.{key}", reason=refused.message
            ),
            where,
            refused.hint,
        )
    except (TypeError, ValueError):
        allowed = getattr(parser, "allowed", None)
        if allowed:
            hint = _("Use one of: {allowed}.").format(allowed=", ".join(allowed))
        elif parser is _bool:
            hint = _("Use true or false.")
        elif parser is _number:
            hint = _("Use a number of seconds above 0, at most 600.")
        elif parser is _weight:
            hint = _("Use a whole number from 0 to 100000.")
        elif parser is _row_sizes:
            hint = _("Give the number of people in each row, front row first: [12, 12, 14, 14].")
        else:
            hint = _("Put the text in quotes.")
        return None, Problem(
            _("Invalid value for {key}.").format(key=f"{section}.{key}"), where, hint
        )
    return parsed, None


def read_meeting_toml(
    path: Path,
) -> tuple[dict[str, dict[str, Any]], list[Problem], dict[str, Any]]:
    """meeting.toml as {section: {key: parsed value}}, every problem collected, and the
    raw [[materials]] and [checklist] tables."""
    file = str(path)
    data = load_toml(
        path,
        _("meeting.toml is not valid TOML: {error}"),
        _("Cannot read {file}: {error}"),
        _('Fix the line named above. Text values need quotes: title = "全县经济工作会议".'),
    )

    problems: list[Problem] = []
    values: dict[str, dict[str, Any]] = {s: {} for s in KEYS}
    tables: dict[str, Any] = {}
    for section, content in data.items():
        if section in MATERIAL_TABLES:
            tables[section] = content
            continue
        if section not in KEYS or not isinstance(content, dict):
            problems.append(
                Problem(
                    _("Unknown section [{section}].").format(section=shown(section)),
                    Location(file=file, key=shown(section)),
                    hint=_("meeting.toml has the sections {sections}.").format(
                        sections=", ".join(f"[{s}]" for s in KEYS)
                    ),
                )
            )
            continue
        for key, value in content.items():
            if section == "hall" and key == "place":  # [[hall.place]]: an array of tables
                values["hall"]["place"], found = parse_places(value, file)
                problems += found
                continue
            parser = KEYS[section].get(key)
            where = Location(file=file, key=f"{section}.{shown(key)}", value=str(value))
            if parser is None:
                problems.append(
                    Problem(
                        _("Unknown key '{key}' in [{section}].").format(
                            key=shown(key), section=section
                        ),
                        where,
                        hint=_("Allowed keys in [{section}]: {keys}.").format(
                            section=section, keys=", ".join(KEYS[section])
                        ),
                    )
                )
                continue
            parsed, problem = parse_setting(section, key, value, where)
            if problem is not None:
                problems.append(problem)
            else:
                values[section][key] = parsed
    return values, capped(problems), tables


FONT_KEYS = ("card_font", "list_font", "heading_font")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def _fonts_relative_to(folder: Path, printing: dict[str, Any]) -> None:
    """A font file named in meeting.toml is found beside meeting.toml, like the roster."""
    for key in FONT_KEYS:
        value = printing.get(key)
        if isinstance(value, str) and value.lower().endswith(FONT_SUFFIXES):
            path = Path(value)
            if not path.is_absolute():
                printing[key] = str(folder / path)


def settings_from(values: dict[str, dict[str, Any]]) -> Settings:
    m = values.get("meeting", {})
    info = MeetingInfo(**{k: v for k, v in m.items() if k in MeetingInfo.__dataclass_fields__})
    protocol = ProtocolSettings(**values.get("protocol", {}))
    printing = PrintSettings(**values.get("print", {}))
    hall = HallSettings(**values.get("hall", {}))
    checkin = CheckinSettings(**values.get("checkin", {}))
    return Settings(meeting=info, protocol=protocol, printing=printing, hall=hall, checkin=checkin)


def _kind(path: Path, key: str) -> str:
    """What ``path`` names: "folder", "file", "other" (a pipe, a device) or "missing".
    A name the system cannot take (too long, a NUL byte) is a user error, located at
    ``key``."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except (OSError, ValueError) as exc:
        too_long = isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG
        raise UserError(
            Problem(
                _("The name of this file is too long for the system: {file}").format(
                    file=shown(str(path), 80)
                )
                if too_long
                else _("Cannot read {file}: {error}").format(
                    file=shown(str(path), 200),
                    error=exc.strerror if isinstance(exc, OSError) else str(exc),
                ),
                Location(file=shown(str(path), 200), key=key),
                hint=_("Use a shorter file or folder name.") if too_long else "",
            )
        ) from None
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def checklist_time_problems(raw: Any, file: str) -> list[Problem]:
    """[checklist]'s times (time = { "before.inspection" = "11月30日 18:00" } and each added
    item's time) are printed on the checklist: a date or time in them must exist."""
    if not isinstance(raw, dict):
        return []  # said by meetplan.materials.config
    texts: list[tuple[str, Any]] = []
    if isinstance(raw.get("time"), dict):
        texts += [(f"checklist.time.{shown(k)}", v) for k, v in raw["time"].items()]
    if isinstance(raw.get("add"), list):
        texts += [
            (f"checklist.add[{i}].time", item.get("time"))
            for i, item in enumerate(raw["add"], start=1)
            if isinstance(item, dict)
        ]
    problems = []
    for key, value in texts:
        if not isinstance(value, str):
            continue
        date, time = impossible_date(value), impossible_time(value)
        if date or time:
            problems.append(
                Problem(
                    _("{value} is not a date of the calendar.").format(value=shown(date))
                    if date
                    else _("{value} is not a time of day.").format(value=shown(time)),
                    Location(file=file, key=key, value=value),
                    hint=_(
                        "Check the month (1 to 12) and the day (February has 28 days, "
                        "29 in a leap year)."
                    )
                    if date
                    else _('Write hours from 0 to 23 and minutes from 0 to 59: time = "09:00".'),
                )
            )
    return problems


def load_config(
    folder: Path | None,
    *,
    roster: Path | None = None,
    layout: str | None = None,
    out: Path | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
) -> MeetingConfig:
    """The meeting folder's meeting.toml (if any) with command-line overrides applied."""
    values: dict[str, dict[str, Any]] = {s: {} for s in KEYS}
    problems: list[Problem] = []
    materials: tuple[Material, ...] = ()
    checklist = ChecklistSettings()
    photo: PhotoSettings | None = None
    banquet: BanquetSettings | None = None
    if folder is not None:
        if _kind(folder, "") != "folder":
            raise UserError(
                Problem(
                    _("Meeting folder not found: {folder}").format(folder=folder),
                    Location(file=str(folder)),
                    hint=_("Create one with: meetplan init {folder}").format(folder=folder),
                )
            )
        toml_path = folder / MEETING_FILE
        if _kind(toml_path, "") != "missing":  # a folder or a pipe of that name is said so
            values, problems, tables = read_meeting_toml(toml_path)
            _fonts_relative_to(folder, values["print"])
            if "materials" in tables:
                materials, found = parse_materials(tables["materials"], str(toml_path))
                problems += found
            if "checklist" in tables:
                problems += checklist_time_problems(tables["checklist"], str(toml_path))
                checklist, found = parse_checklist(tables["checklist"], str(toml_path))
                problems += found
            if "photo" in tables:
                photo, found = parse_photo(tables["photo"], str(toml_path))
                problems += found
            if "banquet" in tables:
                banquet, found = parse_banquet(tables["banquet"], str(toml_path))
                problems += found
        elif roster is None:
            raise UserError(
                Problem(
                    _("{file} not found in {folder}.").format(file=MEETING_FILE, folder=folder),
                    Location(file=str(toml_path)),
                    hint=_(
                        "Create the folder with `meetplan init`, or give --roster and --layout."
                    ),
                )
            )
    for section, items in (overrides or {}).items():
        for key, value in items.items():
            if value is None:
                continue
            option = "--" + key.replace("_", "-")
            parsed, problem = parse_setting(
                section, key, value, Location(key=option, value=str(value))
            )
            if problem is not None:
                problems.append(problem)
            else:
                values.setdefault(section, {})[key] = parsed
    errors = [p for p in problems if p.is_error]
    if errors:
        raise UserError(errors)

    base = folder if folder is not None else Path.cwd()
    roster_path = roster or (
        base / values["meeting"]["roster"] if "roster" in values["meeting"] else None
    )
    if roster_path is None:
        raise UserError(
            Problem(
                _("No roster given."),
                hint=_(
                    'Set roster = "roster.xlsx" in meeting.toml [meeting], or give --roster FILE.'
                ),
            )
        )
    _kind(roster_path, "--roster" if roster else "meeting.roster")  # a name too long: said here
    layout_name = layout or values["meeting"].get("layout")
    if not layout_name:
        raise UserError(
            Problem(
                _("No layout given."),
                hint=_(
                    'Set layout = "auditorium-600" in meeting.toml [meeting], or give --layout NAME; '
                    "`meetplan layouts` lists the shipped ones."
                ),
            )
        )
    out_dir = out or base / OUT_DIR
    settings = replace(settings_from(values), photo=photo, banquet=banquet)
    warnings = [p for p in problems if not p.is_error]
    return MeetingConfig(
        folder, roster_path, layout_name, out_dir, settings, warnings, materials, checklist
    )
