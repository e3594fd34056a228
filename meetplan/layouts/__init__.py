"""Reading layout files (layouts/NAME.toml) into :class:`meetplan.model.Layout`.

The file format is documented by ``schema/layout.schema.json``: every field has
a description and unknown keys are rejected. Every error names the file, the
key and what is expected, in plain words.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from meetplan.i18n import _
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.layout import Floor, HallRow, Layout, Numbering, Podium
from meetplan.resources import layouts_dir, schema_dir

SUFFIX = ".toml"


@cache
def _schema() -> dict[str, Any]:
    with open(schema_dir() / "layout.schema.json", encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


def shipped_layouts() -> list[Path]:
    return sorted(layouts_dir().glob("*" + SUFFIX))


def find_layout(name_or_path: str, base: Path | None = None) -> Path:
    """A shipped layout's name (auditorium-600) or a path to a layout file.

    A relative path is taken relative to ``base`` (the meeting folder) first.
    """
    candidates: list[Path] = []
    as_path = Path(name_or_path)
    if as_path.suffix == SUFFIX or "/" in name_or_path or "\\" in name_or_path:
        if base is not None and not as_path.is_absolute():
            candidates.append(base / as_path)
        candidates.append(as_path)
    else:
        candidates.append(layouts_dir() / (name_or_path + SUFFIX))
        if base is not None:
            candidates.append(base / (name_or_path + SUFFIX))
    for c in candidates:
        if c.is_file():
            return c
    names = ", ".join(p.stem for p in shipped_layouts())
    raise UserError(
        Problem(
            _("Layout not found: {name}").format(name=name_or_path),
            Location(value=name_or_path),
            hint=_("Use one of the shipped layouts ({names}) or the path to a layout file.").format(
                names=names
            ),
        )
    )


def load_layout(name_or_path: str, base: Path | None = None) -> Layout:
    path = find_layout(name_or_path, base)
    return read_layout(path)


def read_layout(path: Path) -> Layout:
    file = str(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(
            Problem(
                _("The layout file is not valid TOML: {error}").format(error=exc),
                Location(file=file),
                hint=_("Fix the line named above; compare with a shipped layout."),
            )
        ) from None
    except OSError as exc:
        raise UserError(
            Problem(
                _("Cannot read the layout file: {error}").format(error=exc.strerror),
                Location(file=file),
            )
        ) from None
    problems = schema_problems(data, file)
    if not problems:
        problems = consistency_problems(data, file)
    if problems:
        raise UserError(problems)
    return _build(path.stem, data, file)


def _key(path: Any) -> str:
    parts: list[str] = []
    for p in path:
        if isinstance(p, int):
            parts.append(f"[{p + 1}]")
        else:
            parts.append(("." if parts else "") + str(p))
    return "".join(parts) or "(top level)"


def schema_problems(data: dict[str, Any], file: str) -> list[Problem]:
    """Schema errors, worded for people: which key, what it holds, what is expected."""
    validator = jsonschema.Draft202012Validator(_schema())
    problems = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        key = _key(err.absolute_path)
        value = err.instance
        v = err.validator
        if v == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            extra = sorted(set(err.instance) - set(allowed))
            for name in extra:
                problems.append(
                    Problem(
                        _("Unknown key '{name}'.").format(name=name),
                        Location(file=file, key=f"{key}.{name}" if err.absolute_path else name),
                        hint=_("Allowed keys here: {allowed}. Check the spelling.").format(
                            allowed=", ".join(allowed)
                        ),
                    )
                )
            continue
        if v == "required":
            missing = [r for r in err.validator_value if r not in err.instance]
            msg = _("Required key missing: {names}.").format(names=", ".join(missing))
        elif v == "type":
            msg = _("Expected {expected}, found {value!r}.").format(
                expected=_type_words(err.validator_value), value=value
            )
        elif v in ("minimum", "maximum"):
            msg = _("Expected a number from {low} to {high}, found {value!r}.").format(
                low=err.schema.get("minimum", "…"), high=err.schema.get("maximum", "…"), value=value
            )
        elif v == "enum":
            msg = _("Expected one of {allowed}, found {value!r}.").format(
                allowed=", ".join(map(str, err.validator_value)), value=value
            )
        elif v == "minItems":
            msg = _("Expected at least {n} item(s).").format(n=err.validator_value)
        elif v == "minLength":
            msg = _("Must not be empty.")
        else:
            msg = err.message
        problems.append(Problem(msg, Location(file=file, key=key)))
    return problems


def _type_words(t: Any) -> str:
    words = {
        "integer": _("a whole number"),
        "string": _("text in quotes"),
        "array": _("a list in [ ]"),
        "object": _("a table"),
    }
    return words.get(t, str(t))


def consistency_problems(data: dict[str, Any], file: str) -> list[Problem]:
    """What a schema cannot say: override rows inside the floor, no row twice, seats exist."""
    problems: list[Problem] = []
    for fi, floor in enumerate(data["floors"]):
        seen: dict[int, int] = {}
        for oi, override in enumerate(floor.get("row_overrides", [])):
            for row in override["rows"]:
                key = f"floors[{fi + 1}].row_overrides[{oi + 1}].rows"
                if row > floor["rows"]:
                    problems.append(
                        Problem(
                            _("Row {row} is beyond the floor's {count} rows.").format(
                                row=row, count=floor["rows"]
                            ),
                            Location(file=file, key=key, value=str(row)),
                        )
                    )
                if row in seen:
                    problems.append(
                        Problem(
                            _("Row {row} is overridden twice (overrides {a} and {b}).").format(
                                row=row, a=seen[row] + 1, b=oi + 1
                            ),
                            Location(file=file, key=key, value=str(row)),
                            hint=_("Give each row at most one override."),
                        )
                    )
                seen[row] = oi
    hall = sum(_floor_capacity(f) for f in data["floors"])
    if hall == 0:
        problems.append(
            Problem(
                _("The hall has no seats."),
                Location(file=file, key="floors"),
                hint=_("Give at least one section a number of seats above 0."),
            )
        )
    return problems


def _floor_capacity(floor: dict[str, Any]) -> int:
    sizes = {r: sum(floor["sections"]) for r in range(1, floor["rows"] + 1)}
    for override in floor.get("row_overrides", []):
        for r in override["rows"]:
            sizes[r] = sum(override["sections"])
    return sum(sizes.values())


def _build(name: str, data: dict[str, Any], file: str) -> Layout:
    floors = []
    for floor in data["floors"]:
        sections = {r: tuple(floor["sections"]) for r in range(1, floor["rows"] + 1)}
        for override in floor.get("row_overrides", []):
            for r in override["rows"]:
                sections[r] = tuple(override["sections"])
        fname = floor.get("name", "")
        rows = tuple(HallRow(floor=fname, number=r, sections=sections[r]) for r in sorted(sections))
        floors.append(
            Floor(
                name=fname, rows=rows, numbering=Numbering(floor.get("numbering", "left-to-right"))
            )
        )
    rostrum = data["rostrum"]
    return Layout(
        name=name,
        title=data["title"],
        description=data.get("description", ""),
        rostrum_rows=tuple(rostrum["rows"]),
        podium=Podium(rostrum.get("podium", "front-right")),
        floors=tuple(floors),
        source=file,
    )


def picture(layout: Layout) -> str:
    """The layout as a small text picture for the terminal (one character a seat)."""
    lines = [f"{layout.name}: {layout.title}"]
    if layout.description:
        lines.append(layout.description)
    widest = max(
        [*layout.rostrum_rows, *(r.size + len(r.sections) for f in layout.floors for r in f.rows)]
    )
    lines.append("")
    lines.append(_("Rostrum (主席台), {n} seats:").format(n=layout.rostrum_capacity))
    for i, cap in reversed(list(enumerate(layout.rostrum_rows, start=1))):
        lines.append(f"  R{i:<3} " + ("■" * cap).center(widest))
    if layout.podium is not Podium.NONE:
        lines.append(
            "       " + (_("podium: {where}").format(where=layout.podium.value)).center(widest)
        )
    for floor in layout.floors:
        lines.append("")
        title = floor.name or _("Hall")
        lines.append(_("{floor}, {n} seats:").format(floor=title, n=floor.capacity))
        for row in floor.rows:
            body = " ".join("□" * w for w in row.sections)
            lines.append(f"  {row.number:>3}  " + body.center(widest))
    lines.append("")
    lines.append(
        _("Total: rostrum {r}, hall {h} seats.").format(
            r=layout.rostrum_capacity, h=layout.hall_capacity
        )
    )
    return "\n".join(lines)
