"""Reading layout files (layouts/NAME.toml) into :class:`meetplan.model.Layout`.

The file format is documented by ``schema/layout.schema.json``: every field has
a description and unknown keys are rejected. Every error names the file, the
key and what is expected, in plain words.
"""

from __future__ import annotations

import difflib
import errno
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from meetplan.i18n import _
from meetplan.model.errors import Location, Problem, UserError
from meetplan.model.layout import Floor, HallRow, Layout, Numbering, Podium, SeatUse, seat_numbers
from meetplan.model.text import shown, unfold, unprintable, visible
from meetplan.resources import layouts_dir, load_schema, schema_bytes
from meetplan.tomlfile import capped, load_toml
from meetplan.util.store import CACHE_DIR, Store, digest

SUFFIX = ".toml"
# Banquet rooms (meetplan.banquet.room) live beside the halls as banquet-NAME.toml:
# they are not hall layouts.
BANQUET_PREFIX = "banquet-"

# What a layout may describe: the largest halls in use (the Great Hall of the
# People: 10,000 seats on three floors) fit well within these; beyond them a file
# is a mistake, and planning it would run for hours. The schema
# (schema/layout.schema.json) states the same numbers for each key.
HALL_SEATS = 50_000  # every hall seat of every floor
ROW_SEATS = 1_000  # the seats of one row, all sections together
FLOORS = 10
FLOOR_ROWS = 200  # the rows of one floor (the schema's floors[].rows maximum)
ROSTRUM_ROWS = 10
# Row numbers listed in the floors' blocked and reserved entries, all added up:
# each costs a pass over its row.
MARKED_ROWS = 5_000
# Values in the whole file (every number and text, every list and table): a
# hand-written layout has a few hundred.
LAYOUT_VALUES = 20_000
# Lists and tables inside each other: floors[1].blocked[2].rows is three deep.
LAYOUT_DEPTH = 8


SCHEMA = "layout.schema.json"


def shipped_layouts() -> list[Path]:
    """The shipped hall layouts (banquet rooms, banquet-*.toml, are not among them)."""
    return sorted(
        p for p in layouts_dir().glob("*" + SUFFIX) if not p.name.startswith(BANQUET_PREFIX)
    )


def find_layout(name_or_path: str, base: Path | None = None) -> Path:
    """A shipped layout's name (auditorium-600) or a path to a layout file.

    A relative path is taken relative to ``base`` (the meeting folder) first.
    """
    said = shown(name_or_path, 80)
    bad = unprintable(name_or_path) + [c for c in name_or_path if c in "\n\r\t"]
    if bad:
        raise UserError(
            Problem(
                _("A layout name cannot hold the characters {chars}.").format(
                    chars=" ".join(visible(c) for c in dict.fromkeys(bad))
                ),
                Location(value=said),
                hint=_("Type the layout's name or path again by hand."),
            )
        )
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
        try:
            if c.is_file():
                return c
        except OSError as exc:
            if exc.errno != errno.ENAMETOOLONG:
                raise UserError(
                    Problem(
                        _("Cannot read the layout file: {error}").format(error=exc.strerror),
                        Location(file=shown(str(c), 200)),
                    )
                ) from None
            raise UserError(
                Problem(
                    _("The layout's name is too long for the system: {name}").format(name=said),
                    Location(value=said),
                    hint=_("Use a shorter file or folder name."),
                )
            ) from None
    shipped = [p.stem for p in shipped_layouts()]
    close = difflib.get_close_matches(as_path.stem[:200], shipped, n=2, cutoff=0.6)
    hint = _("Use one of the shipped layouts ({names}) or the path to a layout file.").format(
        names=_(", ").join(shipped)
    )
    if close:
        hint = _("Did you mean {names}? ").format(names=_(", ").join(close)) + hint
    raise UserError(
        Problem(
            _("Layout not found: {name}").format(name=said),
            Location(value=said),
            hint=hint,
        )
    )


def load_layout(name_or_path: str, base: Path | None = None) -> Layout:
    """The layout a meeting names. In a meeting folder (``base``), a layout file that
    passed the schema once is not checked against it again (:func:`read_layout`)."""
    path = find_layout(name_or_path, base)
    return read_layout(path, base / CACHE_DIR / "layouts" if base is not None else None)


def read_layout(path: Path, checked: Path | None = None) -> Layout:
    """``checked``: a folder of the meeting's cache (:mod:`meetplan.util.store`) that
    remembers the files that passed the schema, by a digest of their bytes, of the
    schema and of this module; the schema check (and loading jsonschema, 0.05 s) is
    then skipped for them. Every other check is made each time."""
    file = str(path)
    data = load_toml(
        path,
        _("The layout file is not valid TOML: {error}"),
        _("Cannot read the layout file: {error}"),
        _("Fix the line named above; compare with a shipped layout."),
    )
    if checked is None:
        return parse_layout(data, path.stem, file)
    store = Store(checked, ".valid", VALID_FILES)
    try:
        key = digest((path.read_bytes(), schema_bytes(SCHEMA), Path(__file__).read_bytes()))
    except OSError:  # read a moment ago: checked as if new
        return parse_layout(data, path.stem, file)
    valid = store.get(key) == _VALID
    layout = parse_layout(data, path.stem, file, schema_checked=valid)
    if not valid:
        store.put(key, _VALID)
    return layout


VALID_FILES = 50  # layout files remembered as valid
_VALID = b"passed the layout schema"


def parse_layout(
    data: dict[str, Any], name: str, file: str, schema_checked: bool = False
) -> Layout:
    """A layout file's tables made into a :class:`Layout`, checked in turn: the file's
    size, the schema (unless ``schema_checked``: these very bytes passed it before),
    the seats of each row and of the hall, then what only building shows. Raises
    :class:`UserError` with every problem of the first check that has any (at most
    :data:`meetplan.tomlfile.PROBLEMS_SHOWN` of them)."""
    problems = size_problems(data, file) or ([] if schema_checked else schema_problems(data, file))
    problems = problems or seat_problems(data, file)
    if problems:
        raise UserError(capped(problems, file))
    layout, problems = _build(name, data, file)
    if problems:
        raise UserError(capped(problems, file))
    return layout


def size_problems(data: Any, file: str) -> list[Problem]:
    """A file of more values, or deeper lists, than any layout has: said before the
    schema is checked (checking it would take minutes, or exceed Python's recursion)."""
    count = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > LAYOUT_DEPTH:
            return [
                _problem(
                    _("Lists and tables are nested more than {n} deep.").format(n=LAYOUT_DEPTH),
                    file,
                    "(top level)",
                    hint=_("Compare the file with a shipped layout (meetplan layouts NAME)."),
                )
            ]
        if count > LAYOUT_VALUES:
            return [
                _problem(
                    _("The layout holds more than {n} values.").format(n=f"{LAYOUT_VALUES:,}"),
                    file,
                    "(top level)",
                    hint=_("Compare the file with a shipped layout (meetplan layouts NAME)."),
                )
            ]
        if isinstance(value, dict):
            stack += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value]
    return []


def seat_problems(data: dict[str, Any], file: str) -> list[Problem]:
    """The limits no single key shows (the schema has checked each value): seats per row
    with its overrides, seats of the hall, rows marked blocked or reserved."""
    problems: list[Problem] = []
    total = marked = 0
    for fi, floor in enumerate(data["floors"]):
        key = f"floors[{fi + 1}]"
        widths = {r: sum(floor["sections"]) for r in range(1, floor["rows"] + 1)}
        where = {r: f"{key}.sections" for r in widths}
        for oi, override in enumerate(floor.get("row_overrides", [])):
            for row in override["rows"]:
                if row in widths:
                    widths[row] = sum(override["sections"])
                    where[row] = f"{key}.row_overrides[{oi + 1}].sections"
        wide = [r for r, w in widths.items() if w > ROW_SEATS]
        if wide:
            problems.append(
                _problem(
                    _("Row {row} has {seats} seats; a row has at most {limit}.").format(
                        row=wide[0], seats=f"{widths[wide[0]]:,}", limit=f"{ROW_SEATS:,}"
                    ),
                    file,
                    where[wide[0]],
                    widths[wide[0]],
                    _("Give the seats of each section of one row, from the audience's left."),
                )
            )
        total += sum(widths.values())
        marked += sum(
            len(entry["rows"]) for kind in ("blocked", "reserved") for entry in floor.get(kind, [])
        )
    if marked > MARKED_ROWS:
        problems.append(
            _problem(
                _("The blocked and reserved places list {n} rows in all; at most {limit}.").format(
                    n=f"{marked:,}", limit=f"{MARKED_ROWS:,}"
                ),
                file,
                "floors",
                hint=_("List each row once per area: rows = [1, 2, 3]."),
            )
        )
    if total > HALL_SEATS:
        problems.append(
            _problem(
                _("The hall has {seats} seats; a layout has at most {limit}.").format(
                    seats=f"{total:,}", limit=f"{HALL_SEATS:,}"
                ),
                file,
                "floors",
                hint=_("Check each floor's rows and sections (seats per row times rows)."),
            )
        )
    return problems


def _key(path: Any) -> str:
    parts: list[str] = []
    for p in path:
        if isinstance(p, int):
            parts.append(f"[{p + 1}]")
        else:
            parts.append(("." if parts else "") + str(p))
    return "".join(parts) or "(top level)"


class _Shown:
    """A value as a message echoes it: the catalogue's messages say {value!r}."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return shown(repr(self.value))


def _whole_number(_checker: Any, instance: Any) -> bool:
    # JSON Schema counts 3.0 as an integer; a layout's counts are used as Python ints
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def _validator_class() -> Any:
    """jsonschema's validator, integers as Python counts them (jsonschema loads in 0.05 s:
    only when a file is checked)."""
    import jsonschema

    return jsonschema.validators.extend(
        jsonschema.Draft202012Validator,
        type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
            "integer", _whole_number
        ),
    )


def schema_problems(
    data: dict[str, Any], file: str, schema: dict[str, Any] | None = None
) -> list[Problem]:
    """Schema errors, worded for people: which key, what it holds, what is expected.

    ``schema``: another file's schema worded the same way (a banquet room's); the
    hall layout's by default."""
    validator = _validator_class()(schema if schema is not None else load_schema(SCHEMA))
    problems = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        key = _key(err.absolute_path)
        value = _Shown(err.instance)
        v = err.validator
        if v == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            extra = sorted(set(err.instance) - set(allowed))
            for name in extra:
                name = shown(name)
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
        elif v == "maxItems":
            msg = _("Expected at most {n} items, found {found}.").format(
                n=f"{err.validator_value:,}", found=f"{len(err.instance):,}"
            )
        elif v == "maxLength":
            msg = _("Expected at most {n} characters, found {found}.").format(
                n=err.validator_value, found=f"{len(err.instance):,}"
            )
        else:
            msg = shown(err.message, 200)
        problems.append(Problem(msg, Location(file=file, key=key)))
    return problems


def _type_words(t: Any) -> str:
    words = {
        "integer": _("a whole number"),
        "number": _("a number"),
        "boolean": _("true or false"),
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
        r: {
            "sections": tuple(floor["sections"]),
            "numbers": (),
            "key": f"floors[{fi + 1}].sections",
        }
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
                "key": key + (".numbers" if "numbers" in override else ".sections"),
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
                    row["key"],
                    number,
                    _("Give one number per seat, from the audience's left."),
                )
            )
        repeated = sorted(n for n, times in Counter(printed).items() if times > 1)
        if repeated:
            problems.append(
                _problem(
                    _("Row {row}: seat numbers repeat: {numbers}.").format(
                        row=number, numbers=", ".join(map(str, repeated))
                    ),
                    file,
                    row["key"],
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


def printed_text(text: str, key: str, file: str, problems: list[Problem]) -> str:
    """A text the documents print (the room's title, a floor's name): line breaks and
    tabs are layout, unfolded; control characters are reported."""
    text = unfold(text).strip()
    bad = unprintable(text)
    if bad:
        problems.append(
            _problem(
                _("{key} holds characters that cannot be printed: {chars}.").format(
                    key=key, chars=" ".join(visible(c) for c in bad[:8])
                ),
                file,
                key,
                text,
                _(
                    "Type the text again by hand: text copied from other programs can carry "
                    "invisible control characters."
                ),
            )
        )
    return text


def _build(name: str, data: dict[str, Any], file: str) -> tuple[Layout, list[Problem]]:
    problems: list[Problem] = []
    floors = []
    title = printed_text(data["title"], "title", file, problems)
    description = printed_text(data.get("description", ""), "description", file, problems)
    for fi, floor in enumerate(data["floors"]):
        rows = _floor_rows(fi, floor, file, problems)
        _mark(fi, floor, rows, file, problems)
        fname = printed_text(floor.get("name", ""), f"floors[{fi + 1}].name", file, problems)
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
        title=title,
        description=description,
        rostrum_rows=tuple(rostrum["rows"]),
        podium=Podium(rostrum.get("podium", "front-right")),
        seat_labels=bool(data.get("seat_labels", False)),
        floors=tuple(floors),
        source=file,
    )
    if not problems and layout.hall_capacity == 0:
        problems.append(
            _problem(
                _("The hall has no seats."),
                file,
                "floors",
                None,
                _("Give at least one section a number of seats above 0."),
            )
        )
    elif not problems and layout.capacity_for(SeatUse.GENERAL) == 0:
        problems.append(
            _problem(
                _("Every hall seat is reserved or blocked: none is left for the members."),
                file,
                "floors",
                None,
                _("Reserve fewer seats (the floors' reserved and blocked lists)."),
            )
        )
    return layout, problems


# The picture's glyphs. Every one is East Asian Width "neutral": one column in
# every terminal, CJK terminals included. (□ ○ × are "ambiguous": two columns in
# a Chinese terminal and one elsewhere, which would break the columns.)
ROSTRUM_GLYPH = "▪"
PODIUM_GLYPH = "◘"
SEAT_GLYPHS = {
    SeatUse.GENERAL: "▫",
    SeatUse.OBSERVER: "◦",
    SeatUse.STAFF: "⊡",
    SeatUse.MEDIA: "⊞",
    SeatUse.BLOCKED: "✕",
}
# When one character stands for several seats, the first of these among them is
# drawn: the rarest marks first, so that a single pillar never disappears.
MARK_ORDER = (SeatUse.BLOCKED, SeatUse.MEDIA, SeatUse.STAFF, SeatUse.OBSERVER, SeatUse.GENERAL)
PICTURE_WIDTH = 80  # columns of a standard terminal
_LABEL = 6  # the row label before each line: "  R1  ", "  38  "


def _use_words() -> dict[SeatUse, str]:
    return {
        SeatUse.GENERAL: _("general (代表席)"),
        SeatUse.OBSERVER: _("observer (列席)"),
        SeatUse.STAFF: _("staff (工作人员)"),
        SeatUse.MEDIA: _("media (媒体)"),
        SeatUse.BLOCKED: _("no chair (无座)"),
    }


def _cells(width: int, per: int) -> int:
    return -(-width // per)


def _line_width(sections: tuple[int, ...], per: int) -> int:
    return sum(_cells(w, per) for w in sections) + len(sections) - 1


def picture_scale(layout: Layout, width: int = PICTURE_WIDTH) -> int:
    """Seats per character: the smallest that fits every line in ``width`` columns."""
    widest = max(
        [*layout.rostrum_rows, *(w for f in layout.floors for r in f.rows for w in r.sections)]
    )
    for per in range(1, max(widest, 1) + 1):
        lines = [_cells(n, per) for n in layout.rostrum_rows]
        lines += [_line_width(r.sections, per) for f in layout.floors for r in f.rows]
        if _LABEL + max(lines) <= width:
            return per
    return max(widest, 1)


def _row_body(row: HallRow, per: int) -> str:
    uses = dict(row.uses)
    parts = []
    col = 0
    for width in row.sections:
        chars = []
        for start in range(0, width, per):
            group = {
                uses.get(col + c, SeatUse.GENERAL)
                for c in range(start + 1, min(start + per, width) + 1)
            }
            chars.append(SEAT_GLYPHS[next(u for u in MARK_ORDER if u in group)])
        parts.append("".join(chars))
        col += width
    return " ".join(parts)


def _counts(rows: list[HallRow]) -> dict[SeatUse, int]:
    counts = dict.fromkeys(SeatUse, 0)
    for row in rows:
        counts[SeatUse.GENERAL] += row.size - len(row.uses)
        for _col, use in row.uses:
            counts[use] += 1
    return counts


def _count_words(counts: dict[SeatUse, int]) -> str:
    words = _use_words()
    return "  ".join(
        f"{words[use]} {counts[use]}"
        for use in SeatUse
        if use is not SeatUse.BLOCKED and (counts[use] or use is SeatUse.GENERAL)
    )


def picture(layout: Layout, width: int = PICTURE_WIDTH) -> str:
    """The layout as a text picture for the terminal (``meetplan layouts NAME``).

    From the top: the rostrum with its back row on top and its front row (R1)
    nearest the hall, the podium (发言席) where it stands, then each floor with
    its rows front to back, each line labelled with the row number. A row's
    sections are separated by one blank column (the aisle); every line is
    centred on the hall's centre line, so a 单双号 row's seat 1 sits just right
    of the middle. Each floor's heading gives its seats, rows and numbering, and
    the next line its seats by use; the end has a legend and the hall's seats by
    use (general, 列席, 工作人员, 媒体, and places without a chair).

    One character is one seat while every line fits in ``width`` columns
    (80, a standard terminal). A wider hall is drawn at a coarser scale, the
    same for the whole picture (so floors and the rostrum compare): one character
    for up to 2, 3 … seats side by side within a section (never across an
    aisle), the smallest scale that fits, stated above the picture. A character
    standing for several seats shows the rarest mark among them (no chair, then
    媒体, 工作人员, 列席, then general), so a single pillar or staff seat never
    disappears; the counts printed are always exact, seat by seat.

    The glyphs are all one column wide in every terminal (see ``SEAT_GLYPHS``).
    The function is pure: it reads nothing and returns the text.
    """
    per = picture_scale(layout, width)
    rostrum = [ROSTRUM_GLYPH * _cells(n, per) for n in layout.rostrum_rows]
    bodies = [[_row_body(r, per) for r in f.rows] for f in layout.floors]
    centre = max(len(b) for b in [*rostrum, *(b for fb in bodies for b in fb)])

    def line(label: str, body: str) -> str:
        return (f"{label:>4}  " + " " * ((centre - len(body)) // 2) + body).rstrip()

    lines = [f"{layout.name}: {layout.title}"]
    if layout.description:
        lines.append(layout.description)
    if per > 1:
        lines.append(
            _(
                "One character stands for up to {k} seats side by side in a section; it shows "
                "a reserved or blocked mark if any of them has one. The counts are exact."
            ).format(k=per)
        )
    lines.append("")
    lines.append(
        _("Rostrum (主席台): {n} seats; R1 is the front row, nearest the hall.").format(
            n=layout.rostrum_capacity
        )
    )
    for i in reversed(range(len(rostrum))):
        lines.append(line(f"R{i + 1}", rostrum[i]))
    if layout.podium is not Podium.NONE:
        front = len(rostrum[0])
        # front-right: just right of the front row's end, seen from the hall
        right = layout.podium is Podium.FRONT_RIGHT
        at = (centre - front) // 2 + front + 1 if right else centre // 2
        lines.append(" " * (_LABEL + at) + PODIUM_GLYPH + " " + _("podium (发言席)"))
    total = _counts([r for f in layout.floors for r in f.rows])
    for floor, floor_bodies in zip(layout.floors, bodies, strict=True):
        lines.append("")
        numbering = (
            _("单双号: seat 1 just right of the centre, odd numbers to the right, even to the left")
            if floor.numbering is Numbering.ODD_EVEN
            else _("seats numbered 1, 2, 3 … from the audience's left")
        )
        lines.append(
            _("{floor}: {n} seats, rows 1–{rows}; {numbering}.").format(
                floor=floor.name or _("Hall"),
                n=floor.capacity,
                rows=len(floor.rows),
                numbering=numbering,
            )
        )
        lines.append("      " + _count_words(_counts(list(floor.rows))))
        for row, body in zip(floor.rows, floor_bodies, strict=True):
            lines.append(line(str(row.number), body))
    words = _use_words()
    legend = [f"{ROSTRUM_GLYPH} " + _("rostrum (主席台)")]
    legend += [f"{SEAT_GLYPHS[use]} {words[use]}" for use in SeatUse]
    legend.append(f"{PODIUM_GLYPH} " + _("podium (发言席)"))
    lines.append("")
    lines.append(_("Legend: {items}").format(items="  ".join(legend)))
    lines.append(
        _("Hall seats by use: {uses}; places without a chair: {blocked}.").format(
            uses="  ".join(
                f"{words[use]} {total[use]}" for use in SeatUse if use is not SeatUse.BLOCKED
            ),
            blocked=total[SeatUse.BLOCKED],
        )
    )
    lines.append(
        _("Total: rostrum {r}, hall {h} seats.").format(
            r=layout.rostrum_capacity, h=layout.hall_capacity
        )
    )
    return "\n".join(lines)
