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
from meetplan.model.layout import Floor, HallRow, Layout, Numbering, Podium, SeatUse, seat_numbers
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
    if problems:
        raise UserError(problems)
    layout, problems = _build(path.stem, data, file)
    if problems:
        raise UserError(problems)
    return layout


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
    """What a schema cannot say; found by building the layout."""
    return _build("", data, file)[1]


def _problem(message: str, file: str, key: str, value: object = None, hint: str = "") -> Problem:
    return Problem(
        message, Location(file=file, key=key, value=None if value is None else str(value)), hint
    )


def _floor_rows(
    fi: int, floor: dict[str, Any], file: str, problems: list[Problem]
) -> dict[int, dict[str, Any]]:
    """Each row's sections and printed numbers, overrides applied and checked."""
    numbering = Numbering(floor.get("numbering", "left-to-right"))
    rows: dict[int, dict[str, Any]] = {
        r: {"sections": tuple(floor["sections"]), "numbers": ()}
        for r in range(1, floor["rows"] + 1)
    }
    seen: dict[int, int] = {}
    for oi, override in enumerate(floor.get("row_overrides", [])):
        key = f"floors[{fi + 1}].row_overrides[{oi + 1}]"
        for row in override["rows"]:
            if row > floor["rows"]:
                problems.append(
                    _problem(
                        _("Row {row} is beyond the floor's {count} rows.").format(
                            row=row, count=floor["rows"]
                        ),
                        file,
                        key + ".rows",
                        row,
                    )
                )
                continue
            if row in seen:
                problems.append(
                    _problem(
                        _("Row {row} is overridden twice (overrides {a} and {b}).").format(
                            row=row, a=seen[row] + 1, b=oi + 1
                        ),
                        file,
                        key + ".rows",
                        row,
                        _("Give each row at most one override."),
                    )
                )
            seen[row] = oi
            rows[row] = {
                "sections": tuple(override["sections"]),
                "numbers": tuple(override.get("numbers", ())),
            }
    for number, row in rows.items():
        size = sum(row["sections"])
        printed = list(row["numbers"]) or seat_numbers(size, numbering)
        if len(printed) != size:
            problems.append(
                _problem(
                    _("Row {row} has {seats} seats but {numbers} seat numbers.").format(
                        row=number, seats=size, numbers=len(printed)
                    ),
                    file,
                    f"floors[{fi + 1}].row_overrides",
                    number,
                    _("Give one number per seat, from the audience's left."),
                )
            )
        repeated = sorted({n for n in printed if printed.count(n) > 1})
        if repeated:
            problems.append(
                _problem(
                    _("Row {row}: seat numbers repeat: {numbers}.").format(
                        row=number, numbers=", ".join(map(str, repeated))
                    ),
                    file,
                    f"floors[{fi + 1}].row_overrides",
                    number,
                    _("Every seat of a row needs its own number."),
                )
            )
        row["printed"] = printed
    return rows


def _mark(
    fi: int,
    floor: dict[str, Any],
    rows: dict[int, dict[str, Any]],
    file: str,
    problems: list[Problem],
) -> None:
    """Apply blocked places and reserved areas to the rows, by printed seat number."""
    entries = [("blocked", i, e, SeatUse.BLOCKED) for i, e in enumerate(floor.get("blocked", []))]
    entries += [
        ("reserved", i, e, SeatUse(e["use"])) for i, e in enumerate(floor.get("reserved", []))
    ]
    for kind, index, entry, use in entries:
        key = f"floors[{fi + 1}].{kind}[{index + 1}]"
        for number in entry["rows"]:
            row = rows.get(number)
            if row is None:
                problems.append(
                    _problem(
                        _("Row {row} is beyond the floor's {count} rows.").format(
                            row=number, count=len(rows)
                        ),
                        file,
                        key + ".rows",
                        number,
                    )
                )
                continue
            widths = row["sections"]
            chosen = entry.get("sections") or list(range(1, len(widths) + 1))
            cols: list[int] = []
            for section in chosen:
                if section > len(widths):
                    problems.append(
                        _problem(
                            _(
                                "Row {row} has {count} sections; there is no section {section}."
                            ).format(row=number, count=len(widths), section=section),
                            file,
                            key + ".sections",
                            section,
                        )
                    )
                    continue
                start = sum(widths[: section - 1])
                cols += range(start + 1, start + widths[section - 1] + 1)
            if "seats" in entry:
                by_number = {row["printed"][c - 1]: c for c in cols if c - 1 < len(row["printed"])}
                wanted = entry["seats"]
                if len(wanted) > len(cols):
                    problems.append(
                        _problem(
                            _(
                                "{n} seats listed, but row {row} has only {m} in the sections named."
                            ).format(n=len(wanted), row=number, m=len(cols)),
                            file,
                            key + ".seats",
                            len(wanted),
                        )
                    )
                missing = [n for n in wanted if n not in by_number]
                if missing:
                    problems.append(
                        _problem(
                            _(
                                "Row {row} has no seat numbered {numbers} in the sections named."
                            ).format(row=number, numbers=", ".join(map(str, missing))),
                            file,
                            key + ".seats",
                            missing[0],
                            _("Use the seat numbers as printed in that row."),
                        )
                    )
                cols = [by_number[n] for n in wanted if n in by_number]
            uses = row.setdefault("uses", {})
            for col in cols:
                if col in uses and uses[col] is not use:
                    problems.append(
                        _problem(
                            _("Row {row}, seat {number} is marked twice ({a} and {b}).").format(
                                row=number,
                                number=row["printed"][col - 1],
                                a=uses[col].value,
                                b=use.value,
                            ),
                            file,
                            key,
                            row["printed"][col - 1],
                            _("Mark each seat at most once."),
                        )
                    )
                uses[col] = use


def _build(name: str, data: dict[str, Any], file: str) -> tuple[Layout, list[Problem]]:
    problems: list[Problem] = []
    floors = []
    for fi, floor in enumerate(data["floors"]):
        rows = _floor_rows(fi, floor, file, problems)
        _mark(fi, floor, rows, file, problems)
        fname = floor.get("name", "")
        floors.append(
            Floor(
                name=fname,
                rows=tuple(
                    HallRow(
                        floor=fname,
                        number=r,
                        sections=rows[r]["sections"],
                        numbers=tuple(rows[r]["numbers"]),
                        uses=tuple(sorted(rows[r].get("uses", {}).items())),
                    )
                    for r in sorted(rows)
                ),
                numbering=Numbering(floor.get("numbering", "left-to-right")),
            )
        )
    rostrum = data["rostrum"]
    layout = Layout(
        name=name,
        title=data["title"],
        description=data.get("description", ""),
        rostrum_rows=tuple(rostrum["rows"]),
        podium=Podium(rostrum.get("podium", "front-right")),
        floors=tuple(floors),
        source=file,
    )
    if not problems and layout.capacity_for(SeatUse.GENERAL) == 0:
        problems.append(
            _problem(
                _("The hall has no seats."),
                file,
                "floors",
                None,
                _("Give at least one section a number of seats above 0."),
            )
        )
    return layout, problems


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
