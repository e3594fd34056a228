"""meeting.toml ``[photo]``: read, checked, every problem named with its key and value.

The keys and their defaults are documented in :mod:`meetplan.model.photo`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from meetplan.i18n import _
from meetplan.model.errors import Location, Problem
from meetplan.model.photo import (
    MAX_ROW_PEOPLE,
    MAX_ROWS,
    FrontRow,
    PhotoInclude,
    PhotoPaper,
    PhotoSettings,
)
from meetplan.model.text import shown

PHOTO_KEYS = ("include", "front_row", "rows", "row_max", "labels", "paper")
SECTION = "photo"
AUTO = "auto"


def _shown(value: Any) -> str:
    """A value as a message echoes it: TOML's own spelling for lists and booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return shown("[" + ", ".join(_shown(v) for v in value) + "]")
    if isinstance(value, str):
        return shown(value)
    return shown(str(value))


def _choice(
    kind: type[StrEnum], value: Any, key: str, where: Location
) -> tuple[Any, Problem | None]:
    allowed = [m.value for m in kind]
    if isinstance(value, str):
        for member in kind:
            if value.strip().casefold() == member.value.casefold():
                return member, None
    return None, Problem(
        _("Invalid value for {key}.").format(key=f"{SECTION}.{key}"),
        where,
        _("Use one of: {allowed}.").format(allowed=", ".join(allowed)),
    )


def _rows(value: Any, where: Location) -> tuple[tuple[int, ...], Problem | None]:
    """``rows``: a list of people per row, front row first, or "auto" (automatic)."""
    if isinstance(value, str) and value.strip().casefold() == AUTO:
        return (), None
    hint = _(
        "Give the number of people in each row, front row first, such as rows = [11, 12, 13]; "
        'or rows = "auto" for rows worked out from the number of people.'
    )
    if not isinstance(value, list) or not value:
        return (), Problem(_("photo.rows must be a list of whole numbers."), where, hint)
    bad = [
        v
        for v in value
        if isinstance(v, bool) or not isinstance(v, int) or not 0 < v <= MAX_ROW_PEOPLE
    ]
    if bad:
        return (), Problem(
            _("photo.rows holds {value}, which is not a number of people from 1 to {most}.").format(
                value=_shown(bad[0]), most=MAX_ROW_PEOPLE
            ),
            where,
            hint,
        )
    if len(value) > MAX_ROWS:
        return (), Problem(
            _("photo.rows gives {n} rows; a photo has at most {most}.").format(
                n=len(value), most=MAX_ROWS
            ),
            where,
            _("Put more people in each row."),
        )
    return tuple(value), None


def parse_photo(raw: Any, file: str) -> tuple[PhotoSettings, list[Problem]]:
    """``[photo]`` as :class:`PhotoSettings`; each problem names its key and value.

    A wrong value leaves that setting at its default, so that every problem of
    the table is found in one pass (the caller stops on errors).
    """
    if not isinstance(raw, dict):
        return PhotoSettings(), [
            Problem(
                _("[photo] must be a table."),
                Location(file=file, key=SECTION, value=_shown(raw)),
                hint=_(
                    'Write it as [photo] on a line of its own, with keys below it: include = "rostrum".'
                ),
            )
        ]
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in raw.items():
        where = Location(file=file, key=f"{SECTION}.{shown(str(key))}", value=_shown(value))
        problem: Problem | None = None
        if key not in PHOTO_KEYS:
            problem = Problem(
                _("Unknown key '{key}' in [{section}].").format(
                    key=shown(str(key)), section=SECTION
                ),
                where,
                hint=_("Allowed keys in [{section}]: {keys}.").format(
                    section=SECTION, keys=", ".join(PHOTO_KEYS)
                ),
            )
        elif key == "include":
            values[key], problem = _choice(PhotoInclude, value, key, where)
        elif key == "front_row":
            values[key], problem = _choice(FrontRow, value, key, where)
        elif key == "paper":
            values[key], problem = _choice(PhotoPaper, value, key, where)
        elif key == "rows":
            values[key], problem = _rows(value, where)
        elif key == "row_max":
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 1 <= value <= MAX_ROW_PEOPLE
            ):
                problem = Problem(
                    _("Invalid value for {key}.").format(key=f"{SECTION}.{key}"),
                    where,
                    _(
                        "Use a whole number of people from 1 to {most}, such as row_max = 15."
                    ).format(most=MAX_ROW_PEOPLE),
                )
            else:
                values[key] = value
        else:  # labels
            if isinstance(value, bool):
                values[key] = value
            else:
                problem = Problem(
                    _("Invalid value for {key}.").format(key=f"{SECTION}.{key}"),
                    where,
                    _("Use true or false."),
                )
        if problem is not None:
            problems.append(problem)
            values.pop(key, None)
    return PhotoSettings(**values), problems
