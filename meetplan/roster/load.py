"""Import the attendee spreadsheet: find the header, read every row, check it all.

Order of work (CONVENTIONS: validate everything first, then act): read the
file into rows of text; find the header row and map its columns; read every
row after it into a :class:`_Row` or a problem; check the rows against each
other (how 排序 is numbered, same name twice, 代会 references); only when no
error was found, build the :class:`~meetplan.model.Roster`.

排序 (or 序号 when there is no 排序) is only ever compared inside a 座区 — the
rostrum as a whole; in the hall, 列席 and 工作人员 only inside a unit — so a
list may number each 座区, or each unit outside the rostrum, from 1 again
(see ``_SheetReader._read_ranks``).

Nothing is dropped silently: every non-blank row after the header becomes an
attendee or is reported with its row number.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meetplan.i18n import _, ngettext
from meetplan.model import (
    Area,
    Attendee,
    Location,
    Problem,
    Roster,
    Severity,
    UserError,
    raise_if_errors,
)
from meetplan.model.text import shown
from meetplan.roster.columns import (
    COLUMNS,
    NAME_COLUMN,
    RANK_FROM_ROW_NUMBER,
    CellError,
    Column,
    cell_text,
    column_for,
    join_list,
    quote,
    strip_cell,
)
from meetplan.roster.sheets import Sheet, open_book, template_hint

HEADER_SCAN_ROWS = 30  # title and note rows above the header are common; 30 is plenty
INSTRUCTIONS_SHEET = "填写说明"  # the template's notes sheet: never a roster, never warned about
GROUPS_SHOWN = 8  # units a message names before "…"

# A heading inside the list, "一、主席台领导" or "（二）列席人员": never a name.
_HEADING = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]).*")


def load_roster(path: Path, *, allow_ties: bool = False) -> tuple[Roster, list[Problem]]:
    """Read and check a roster file.

    Returns the roster and the warnings, with the notices saying how the file
    was read (``Severity.NOTICE``: how 排序 is numbered); raises
    :class:`UserError` carrying every error found in the whole file (not just
    the first).
    """
    path = Path(path)
    source = str(path)
    problems: list[Problem] = []
    with open_book(path, _header_score) as book:
        names = book.sheet_names
        heads = [book.head(i, HEADER_SCAN_ROWS) for i in range(len(names))]
        # The first visible sheet with a header; a hidden one only when no visible one has
        # a header (an old list kept out of sight must not replace the one on screen).
        listed = [i for i, head in enumerate(heads) if _find_header(head) is not None]
        shown_first = sorted(listed, key=book.hidden)
        index = shown_first[0] if shown_first else None
        if index is None:
            raise _no_header(source, heads)
        sheet = book.read(index)
        hidden = [names[i] for i in listed if i != index and book.hidden(i)]
    problems += _other_sheets(source, names, heads, index)
    if hidden:
        problems.append(
            Problem(
                _("Hidden sheet(s) {sheets} also have a 姓名 column and were not read.").format(
                    sheets=_quoted(hidden)
                ),
                Location(file=source),
                _(
                    "Unhide them in Excel or WPS to see what is there; delete them if they are old lists."
                ),
                Severity.WARNING,
            )
        )

    reader = _SheetReader(source, sheet, allow_ties)
    attendees = reader.run()
    problems += reader.problems
    from meetplan.roster.template import is_sample  # the template module imports this one

    problems += [
        Problem(
            _("Row {row}: {name} is the template's sample row.").format(
                row=a.source_row, name=a.name
            ),
            Location(file=source, row=a.source_row, column="姓名", value=a.name),
            hint=_(
                "Delete this row if it is only the example; keep it if this person really attends."
            ),
            severity=Severity.WARNING,
        )
        for a in attendees
        if is_sample(a)
    ]
    raise_if_errors(problems)
    return Roster(tuple(attendees), source=source), problems


# ---------------------------------------------------------------------------
# Finding the header


def _find_header(rows: Sequence[Sequence[str]]) -> int | None:
    """Index (0-based) of the first row with a recognised name header."""
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if any(column_for(cell) is NAME_COLUMN for cell in row if cell):
            return i
    return None


def _header_score(rows: list[list[str]]) -> int:
    """How roster-like the header in these rows is: recognised headers, 0 if no 姓名."""
    i = _find_header(rows)
    if i is None:
        return 0
    return sum(1 for cell in rows[i] if cell and column_for(cell) is not None)


def _non_blank(row: Iterable[str]) -> list[str]:
    return [text for text in (strip_cell(cell) for cell in row) if text]


def _no_header(source: str, heads: list[list[list[str]]]) -> UserError:
    if not any(_non_blank(row) for head in heads for row in head):
        return UserError(
            [
                Problem(
                    _("The roster file {file} is empty: it has no rows.").format(file=source),
                    Location(file=source),
                    template_hint(),
                )
            ]
        )
    # Show the row that most looks like a header: the fullest of the first rows.
    sheet_index, row_index = max(
        ((s, r) for s, head in enumerate(heads) for r in range(len(head))),
        key=lambda sr: len(_non_blank(heads[sr[0]][sr[1]])),
    )
    seen = _non_blank(heads[sheet_index][row_index])
    accepted = join_list(NAME_COLUMN.headers)
    return UserError(
        [
            Problem(
                _(
                    "{file} has no 姓名 column: none of its first {count} rows has a header "
                    "for the names. Row {row} has: {headers}."
                ).format(
                    file=source,
                    count=HEADER_SCAN_ROWS,
                    row=row_index + 1,
                    headers=join_list(seen[:20]),
                ),
                Location(file=source, row=row_index + 1),
                _(
                    "Put a header row above the list, with one of {accepted} over the names "
                    "(the other headers are listed in the roster template)."
                ).format(accepted=accepted),
            )
        ]
    )


def _other_sheets(
    source: str, names: list[str], heads: list[list[list[str]]], used: int
) -> list[Problem]:
    others = [
        (name, _find_header(head) is not None)
        for i, (name, head) in enumerate(zip(names, heads, strict=True))
        if i != used and name != INSTRUCTIONS_SHEET and any(_non_blank(row) for row in head)
    ]
    if not others:
        return []
    lists = [name for name, has_names in others if has_names]
    if lists:
        message = _(
            'Only sheet "{used}" was read. Sheet(s) {others} also have a 姓名 column; '
            "the people on them are NOT in the plan."
        ).format(used=names[used], others=_quoted(lists))
        hint = _("Put everyone on one sheet, or move the sheet to be read to the front.")
    else:
        message = _('Only sheet "{used}" was read; sheet(s) {others} were ignored.').format(
            used=names[used], others=_quoted([name for name, _has in others])
        )
        hint = _("If people are listed there too, put everyone on one sheet.")
    return [Problem(message, Location(file=source), hint, Severity.WARNING)]


def _quoted(names: Iterable[str]) -> str:
    return join_list(quote(name) for name in names)


# ---------------------------------------------------------------------------
# Reading the rows


@dataclass
class _Row:
    """A row that names a person, with its cleaned values."""

    row: int
    name: str
    values: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


class _SheetReader:
    """Reads one sheet whose header has been found; collects ``problems``."""

    def __init__(self, source: str, sheet: Sheet, allow_ties: bool) -> None:
        self.source = source
        self.sheet = sheet
        self.allow_ties = allow_ties
        self.problems: list[Problem] = []
        header_index = _find_header(sheet.rows)
        assert header_index is not None  # the sheet was chosen for having one
        self.header_row = header_index + 1
        self.first_data = self._header_block_end(self.header_row) + 1
        self.header_text = self._header_texts(self.header_row, self.first_data - 1)
        self.columns: dict[int, Column] = {}  # column index (0-based) -> its Column
        self.merged_wide: dict[tuple[int, int], int] = {}  # (row, col) -> columns merged across
        self.merged_down: set[tuple[int, int]] = set()  # (row, col) filled from a cell above

    # -- reporting

    def _problem(
        self,
        message: str,
        hint: str = "",
        *,
        row: int | None = None,
        column: str = "",
        value: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        location = Location(file=self.source, row=row, column=column, value=value)
        self.problems.append(Problem(message, location, hint, severity))

    def _warn(self, message: str, hint: str = "", **where: Any) -> None:
        self._problem(message, hint, severity=Severity.WARNING, **where)

    def _notice(self, message: str, hint: str = "", **where: Any) -> None:
        self._problem(message, hint, severity=Severity.NOTICE, **where)

    def _label(self, col: int) -> str:
        """A column as messages name it: the header as written, and its letter."""
        header = shown(self.header_text.get(col, ""))
        if not self.sheet.lettered:
            return header or _("column {number}").format(number=col + 1)
        letter = column_letter(col + 1)
        return f"{header} ({letter})" if header else letter

    def _header(self, col: int) -> str:
        """A column's header as written (made safe to show), or its letter."""
        header = self.header_text.get(col)
        return shown(header) if header else column_letter(col + 1)

    # -- the work

    def run(self) -> list[Attendee]:
        """The attendees, or [] when an error was found (see ``problems``)."""
        self.columns = self._map_columns()
        self._check_header_merges()
        self._fill_vertical_merges()
        people = self._read_rows()
        if not people and not any(p.is_error for p in self.problems):
            self._problem(
                _("The header of {file} is on row {row}, but no one is listed below it.").format(
                    file=self.source, row=self.header_row
                ),
                _("Add the people, one per row, below the header."),
                row=self.header_row,
            )
        by_name: dict[str, list[_Row]] = defaultdict(list)
        for person in people:
            by_name[person.name].append(person)
        self._read_ranks(people)
        self._check_names(by_name)
        self._check_substitutes(people, by_name)
        if any(p.is_error for p in self.problems):
            return []
        return self._attendees(people)

    def _header_block_end(self, header_row: int) -> int:
        """The last row of the header: below the header row when a header cell is
        merged down over a second header row of sub-headings (联系方式 / 手机, 座机).

        Only rows holding nothing but sub-headings belong to it — text under a
        header merged across, or under no header. A row with anything under a
        header of its own (a name under 姓名) lists a person, even where a header
        cell is merged down over it: that merge is reported by
        :meth:`_check_header_merges`, the row is read.
        """
        rows = self.sheet.rows
        deepest = max(
            (m.last_row for m in self.sheet.merges if m.first_row == header_row),
            default=header_row,
        )
        across = {
            c
            for m in self.sheet.merges
            if m.first_row == header_row and m.last_col > m.first_col
            for c in range(m.first_col - 1, m.last_col)
        }
        end = header_row
        for r in range(header_row + 1, min(deepest, len(rows)) + 1):
            if any(
                strip_cell(text) and c not in across and strip_cell(_cell(rows, header_row, c))
                for c, text in enumerate(rows[r - 1])
            ):
                break
            end = r
        return end

    def _check_header_merges(self) -> None:
        """A header cell merged down into the rows of people: in Excel the header
        covers their cells in that column, so what they have there cannot be seen."""
        for merge in self.sheet.merges:
            if not (self.header_row <= merge.first_row < self.first_data <= merge.last_row):
                continue
            read = [c for c in range(merge.first_col - 1, merge.last_col) if c in self.columns]
            covered = [
                r
                for r in range(self.first_data, merge.last_row + 1)
                if _non_blank(self.sheet.rows[r - 1])
            ]
            if not read or not covered:
                continue  # a column meetplan does not read, or blank rows only
            name_col = self._column_of(NAME_COLUMN.identifier)
            people = []
            for r in covered[:GROUPS_SHOWN]:
                name = cell_text(_cell(self.sheet.rows, r, name_col))
                people.append(
                    _("row {row} ({name})").format(row=r, name=shown(name))
                    if name
                    else _("row {row}").format(row=r)
                )
            if len(covered) > GROUPS_SHOWN:
                people.append("…")
            label = join_list(self._label(c) for c in read)
            header = join_list(self._header(c) for c in read)
            message = _(
                "The header {column} is merged down over people's rows: {people}. Under the "
                "header, their {header} cannot be seen or read."
            ).format(column=label, people=join_list(people), header=header)
            self._problem(
                message,
                _(
                    "Unmerge the header cell (select it, then 合并后居中 → 取消单元格合并) and "
                    "fill in {header} for each person below it."
                ).format(header=header),
                row=self.header_row,
                column=label,
                value=self.header_text.get(read[0], ""),
            )

    def _header_texts(self, first: int, last: int) -> dict[int, str]:
        """Each column's header: its text in the header row if recognised, otherwise
        the lowest non-blank text in the header rows (the sub-heading)."""
        texts: dict[int, str] = {}
        for r in range(first, last + 1):
            for c, cell in enumerate(self.sheet.rows[r - 1]):
                text = strip_cell(cell)
                if text and not (c in texts and column_for(texts[c]) is not None):
                    texts[c] = text
        return texts

    def _map_columns(self) -> dict[int, Column]:
        by_field: dict[str, list[int]] = defaultdict(list)
        unknown: list[int] = []
        for c, text in sorted(self.header_text.items()):
            column = column_for(text)
            if column is None:
                unknown.append(c)
            else:
                by_field[column.identifier].append(c)
        mapped: dict[int, Column] = {}
        for identifier, cols in by_field.items():
            column = next(col for col in COLUMNS if col.identifier == identifier)
            if len(cols) > 1:
                labels = join_list(self._label(c) for c in cols)
                self._problem(
                    _("Columns {columns} are the same column ({field}) twice.").format(
                        columns=labels, field=column.label
                    ),
                    _("Keep one of them: delete or rename the others."),
                    row=self.header_row,
                    column=labels,
                    value=self.header_text[cols[1]],
                )
            mapped[cols[0]] = column
        if "row_number" in by_field and "precedence" not in by_field:
            mapped[by_field["row_number"][0]] = RANK_FROM_ROW_NUMBER  # 序号 alone is the rank
        if unknown:
            labels = join_list(self._label(c) for c in unknown)
            self._warn(
                _("Columns not used by meetplan were ignored: {columns}.").format(columns=labels),
                _("Accepted columns: {accepted}.").format(
                    accepted=join_list(col.label for col in COLUMNS)
                ),
                row=self.header_row,
                column=labels,
            )
        return mapped

    def _has(self, identifier: str) -> bool:
        return any(col.identifier == identifier for col in self.columns.values())

    def _fill_vertical_merges(self) -> None:
        """A value merged down over several rows (one 单位 for many people) belongs
        to every one of those rows."""
        rows = self.sheet.rows
        first_data = self.first_data
        for merge in self.sheet.merges:
            if merge.last_col > merge.first_col:
                for r in range(max(merge.first_row, first_data), merge.last_row + 1):
                    self.merged_wide[r, merge.first_col - 1] = merge.last_col - merge.first_col + 1
            if merge.first_row < first_data or merge.last_row == merge.first_row:
                continue
            c = merge.first_col - 1
            value = _cell(rows, merge.first_row, c)
            for r in range(merge.first_row + 1, min(merge.last_row, len(rows)) + 1):
                row = rows[r - 1]
                if len(row) <= c:
                    row.extend([""] * (c + 1 - len(row)))
                if not strip_cell(row[c]):
                    row[c] = value
                    self.merged_down.add((r, c))

    def _read_rows(self) -> list[_Row]:
        rows = self.sheet.rows
        name_col = self._column_of(NAME_COLUMN.identifier)
        blank: list[int] = []
        last_content = 0
        unheaded: set[int] = set()
        people: list[_Row] = []
        for r in range(self.first_data, len(rows) + 1):
            cells = rows[r - 1]
            filled = [(c, text) for c, text in enumerate(map(strip_cell, cells)) if text]
            # A row whose only content is merged down from above is blank: a 单位
            # merged over one row too many is not a person without a name.
            if all((r, c) in self.merged_down for c, _text in filled):
                blank.append(r)
                continue
            last_content = r
            unheaded.update(c for c, _text in filled if c not in self.header_text)
            name_text = strip_cell(cells[name_col]) if name_col < len(cells) else ""
            if _FOOTER.match(name_text):  # 合计：24人, 制表人：张三 — never a person
                self._warn(
                    _(
                        'Row {row} was skipped: "{value}" is a total or a signature line, not a name.'
                    ).format(row=r, value=shown(name_text)),
                    _("If it is a person, write only the name in the 姓名 column."),
                    row=r,
                    column=self._label(name_col),
                    value=name_text,
                )
                continue
            if len(filled) == 1 and self._is_heading(r, *filled[0]):
                self._warn(
                    _('Row {row} was skipped as a heading: "{value}".').format(
                        row=r, value=shown(filled[0][1])
                    ),
                    _("If it is a person, write the name in the 姓名 column alone."),
                    row=r,
                    column=self._label(filled[0][0]),
                    value=filled[0][1],
                )
                continue
            person = self._read_row(r, cells, name_col)
            if person is not None:
                people.append(person)

        inner_blank = [r for r in blank if r < last_content]
        if inner_blank:
            self._warn(
                _("Blank rows were skipped: {rows}.").format(rows=row_list(inner_blank)),
                row=inner_blank[0],
            )
        if unheaded:
            labels = join_list(self._label(c) for c in sorted(unheaded))
            self._warn(
                _("Column(s) {columns} have values but no header; they were ignored.").format(
                    columns=labels
                ),
                _("Give the column a header if meetplan should read it."),
                row=self.header_row,
                column=labels,
            )
        return people

    def _is_heading(self, r: int, c: int, text: str) -> bool:
        """A lone value merged across more than half the table's columns, or numbered
        like a heading. A name merged over two cells of a wide table is still a name."""
        width = self.merged_wide.get((r, c), 1)
        wide = width >= 2 and width * 2 > len(self.header_text)
        return wide or bool(_HEADING.fullmatch(text))

    def _read_row(self, r: int, cells: list[str], name_col: int) -> _Row | None:
        raw_name = cell_text(cells[name_col]) if name_col < len(cells) else ""
        if not raw_name:
            filled = [
                f"{self._header(c)} {quote(shown(text))}"
                for c, text in enumerate(map(strip_cell, cells))
                if text
            ]
            self._problem(
                _("Row {row} has data but no name: {cells}.").format(
                    row=r, cells=join_list(filled[:4])
                ),
                _("Write the name in the 姓名 column, or delete the row if it is not a person."),
                row=r,
                column=self._label(name_col),
                value="",
            )
            return None
        person = _Row(r, "")
        for c, column in self.columns.items():
            cell = cells[c] if c < len(cells) else ""
            try:
                value = column.read(cell)
            except CellError as err:
                self._problem(
                    _("Row {row}, {column}: {problem}").format(
                        row=r, column=self._label(c), problem=err.message
                    ),
                    err.hint,
                    row=r,
                    column=self._label(c),
                    value=cell_text(cell),
                )
                continue
            if column.extra:
                if value:
                    person.extra[column.label] = value
            else:
                person.values[column.identifier] = value
        # A name in error is reported above; the row still takes part in the checks
        # across rows, under its name as messages show it.
        person.name = person.values.get("name", "") or shown(raw_name)
        return person

    def _column_of(self, identifier: str) -> int:
        return next(c for c, col in self.columns.items() if col.identifier == identifier)

    # -- checks across rows

    def _read_ranks(self, people: list[_Row]) -> None:
        """Check how 排序 is numbered, and say once, as a notice, how it was read where
        that is not plain: 序号 kept beside 排序 as the row number only, or a rank
        numbered from 1 again in each 座区 or unit. One column numbered straight
        through says nothing."""
        if not self._has("precedence"):
            return
        label = self._label(self._column_of("precedence"))
        numbered = [p for p in people if p.values.get("precedence") is not None]
        scopes = join_list(self._check_numbering(numbered, label))
        row_number = self._label(self._column_of("row_number")) if self._has("row_number") else ""
        # Read part by part, wrongly, only when one straight order repeats its numbers.
        hint = (
            _("If it is meant as one order for the whole list, number it straight through.")
            if scopes
            else ""
        )
        if row_number and scopes:
            message = _(
                "The order is taken from {rank}, numbered part by part: read as the order "
                "within {scopes}; {row_number} is read as the row number only."
            ).format(rank=label, scopes=scopes, row_number=row_number)
        elif row_number:
            message = _(
                "The order is taken from {rank}; {row_number} is read as the row number only."
            ).format(rank=label, row_number=row_number)
        elif scopes:
            message = _(
                "{column} is numbered part by part: read as the order within {scopes}."
            ).format(column=label, scopes=scopes)
        else:
            message = ""
        if message:
            self._notice(message, hint, row=self.header_row, column=label)
        self._report_blank_ranks(people, numbered, label)

    def _check_numbering(self, numbered: list[_Row], label: str) -> list[str]:
        """Report numbers repeated where they are compared, and return where the
        numbering starts again — ``[]`` when it is one order for the whole list.

        Numbers must differ inside each 座区 — or, outside the rostrum, inside each
        unit when every unit visibly starts again at 1. Anything else repeated is
        an error (a tie, unless ties are allowed).
        """
        has_areas = self._has("area")
        by_area: dict[Area, list[_Row]] = defaultdict(list)
        for person in numbered:
            by_area[_area_of(person)].append(person)
        areas_of_number: dict[int, set[Area]] = defaultdict(set)
        for area, group in by_area.items():
            for number in _numbers(group):
                areas_of_number[number].add(area)
        # Each 座区 numbered from 1 again: a repeat is then named with its 座区.
        by_area_again = any(len(areas) > 1 for areas in areas_of_number.values())
        scopes: list[str] = []
        by_unit_somewhere = False
        for area in Area:  # in the order people are seated: 主席台, 会场, 列席, 工作人员
            group = by_area.get(area, [])
            if not group:
                continue
            by_unit: dict[str, list[_Row]] = defaultdict(list)
            for person in group:
                by_unit[person.values.get("unit", "")].append(person)
            if _distinct(group):
                scopes.append(area.label)
            elif (
                area is not Area.ROSTRUM
                and len(by_unit) > 1
                and all(min(_numbers(unit)) == 1 for unit in by_unit.values())
            ):
                by_unit_somewhere = True
                scopes.append(
                    _("each unit of {area}").format(area=area.label)
                    if has_areas
                    else _("each unit")
                )
                if not self.allow_ties:
                    for unit, members in by_unit.items():
                        self._report_repeats(members, label, unit=unit or _("(no unit)"))
            else:
                scopes.append(area.label)
                if not self.allow_ties:
                    self._report_repeats(group, label, area=area.label if by_area_again else "")
        return scopes if by_unit_somewhere or by_area_again else []

    def _report_repeats(
        self, group: list[_Row], label: str, *, area: str = "", unit: str = ""
    ) -> None:
        """One error per number given to two or more people of ``group``, naming them all."""
        by_number: dict[int, list[_Row]] = defaultdict(list)
        for person in group:
            by_number[person.values["precedence"]].append(person)
        for number, sharing in sorted(by_number.items()):
            if len(sharing) < 2:
                continue
            who = join_list(_("row {row} ({name})").format(row=p.row, name=p.name) for p in sharing)
            if unit:
                message = _(
                    "{column} {number} is given to more than one person of {unit}: {people}."
                ).format(column=label, number=number, unit=unit, people=who)
                hint = _(
                    "Here each unit is numbered from 1: give each person of {unit} a "
                    "different number. If equal rank is meant, set allow_ties = true under "
                    "[protocol] in meeting.toml (people of equal rank are then ordered by the "
                    "name-order setting)."
                ).format(unit=unit)
            else:
                message = (
                    _(
                        "{column} {number} is given to more than one person in {area}: {people}."
                    ).format(column=label, number=number, area=area, people=who)
                    if area
                    else _("{column} {number} is given to more than one person: {people}.").format(
                        column=label, number=number, people=who
                    )
                )
                hint = _(
                    "Give each of them a different number; the numbering may start again at 1 "
                    "in each 座区, and outside 主席台 in each unit. If equal rank is meant, set "
                    "allow_ties = true under [protocol] in meeting.toml (people of equal rank "
                    "are then ordered by the name-order setting)."
                )
            self._problem(
                message,
                hint,
                row=sharing[0].row,
                column=label,
                value=str(number),
            )

    def _report_blank_ranks(self, people: list[_Row], numbered: list[_Row], label: str) -> None:
        """People without a number come after the numbered people of their group — the
        rostrum as a whole, elsewhere their unit — in list order (DESIGN.md). A blank
        beside numbered people of its group may be a slip: a warning naming the rows.
        Groups left blank as a whole are in list order on purpose: said once, as a notice.
        """
        blank = [p for p in people if "precedence" in p.values and p.values["precedence"] is None]
        if not blank:
            return
        ranked = {_group_of(p) for p in numbered}
        slips = [p for p in blank if _group_of(p) in ranked]
        unranked = list(dict.fromkeys(_group_of(p) for p in blank if _group_of(p) not in ranked))
        header = self.header_text[self._column_of("precedence")]
        if slips:
            self._warn(
                ngettext(
                    "No {column} on row {rows}: this person comes after the numbered people, "
                    "in list order.",
                    "No {column} on rows {rows}: these people come after the numbered people, "
                    "in list order.",
                    len(slips),
                ).format(column=header, rows=row_list(p.row for p in slips)),
                _(
                    "Fill in {column} for them if they should come earlier; otherwise nothing "
                    "needs doing."
                ).format(column=header),
                row=slips[0].row,
                column=label,
                value="",
            )
        if not unranked:
            return
        if not numbered:
            message = _("{column} is blank on every row: everyone is in list order.").format(
                column=label
            )
        elif all(_area_of(p) is Area.ROSTRUM for p in numbered):
            message = _(
                "{column} is given for 主席台 only: everyone else is in list order."
            ).format(column=label)
        else:
            shown = [self._group_label(group) for group in unranked[:GROUPS_SHOWN]]
            if len(unranked) > GROUPS_SHOWN:
                shown.append("…")
            message = _(
                "{column} is not given for anyone of {groups}: they are in list order."
            ).format(column=label, groups=join_list(shown))
        self._notice(message, row=self.header_row, column=label)

    def _group_label(self, group: tuple[Area, str]) -> str:
        area, unit = group
        if area is Area.ROSTRUM:
            return area.label
        name = unit or _("(no unit)")
        return (
            _("{unit} ({area})").format(unit=name, area=area.label)
            if area is not Area.HALL
            else name
        )

    def _check_names(self, by_name: dict[str, list[_Row]]) -> None:
        name_label = self._label(self._column_of("name"))
        for name, same in by_name.items():
            if len(same) < 2:
                continue
            who = join_list(
                _("row {row} ({unit})").format(row=p.row, unit=p.values.get("unit") or "—")
                for p in same
            )
            self._warn(
                _('"{name}" is on the roster {count} times: {rows}. All are kept.').format(
                    name=name, count=len(same), rows=who
                ),
                _("If this is one person listed twice, delete the extra rows."),
                row=same[1].row,
                column=name_label,
                value=name,
            )

    def _check_substitutes(self, people: list[_Row], by_name: dict[str, list[_Row]]) -> None:
        if not any(p.values.get("substitute_for") for p in people):
            return
        label = self._label(self._column_of("substitute_for"))
        for person in people:
            target = person.values.get("substitute_for", "")
            if not target:
                continue
            where = {"row": person.row, "column": label, "value": target}
            if target == person.name:
                self._problem(
                    _("Row {row}, {column}: {name} cannot attend in place of themselves.").format(
                        row=person.row, column=label, name=person.name
                    ),
                    _("Write the name of the leader this person replaces, or leave it blank."),
                    **where,
                )
            elif target not in by_name:
                close = difflib.get_close_matches(target, list(by_name), n=3, cutoff=0.5)
                message = _('Row {row}, {column}: "{target}" is not anyone on the roster.').format(
                    row=person.row, column=label, target=target
                )
                if close:
                    message += " " + _("Did you mean {names}?").format(names=_quoted(close))
                self._problem(
                    message,
                    _(
                        "代会 must be the name of the leader replaced, written exactly as in "
                        "their own row; add that leader to the roster (as 请假) if missing."
                    ),
                    **where,
                )
            elif len(by_name[target]) > 1:
                self._problem(
                    _(
                        'Row {row}, {column}: two or more people are called "{target}" '
                        "(rows {rows}), so it is not clear whom {name} replaces."
                    ).format(
                        row=person.row,
                        column=label,
                        target=target,
                        name=person.name,
                        rows=row_list(p.row for p in by_name[target]),
                    ),
                    _(
                        "Check those rows: if one person is listed twice, delete the extra "
                        "row; if they are different people, arrange this substitution by hand."
                    ),
                    **where,
                )

    # -- building

    def _attendees(self, people: list[_Row]) -> list[Attendee]:
        has_precedence = self._has("precedence")
        attendees = []
        for number, person in enumerate(people, start=1):
            values = dict(person.values)
            values.pop("name", None)
            if not has_precedence:
                values["precedence"] = number
            attendees.append(
                Attendee(
                    id=number,
                    name=person.name,
                    extra=person.extra,
                    source_row=person.row,
                    **values,
                )
            )
        return attendees


# Lines under a list that are not people: totals, who made it, who checked it,
# notes ("合计：24人", "制表人：张三", "注：…").
_FOOTER = re.compile(
    r"(合计|总计|小计|共计|制表|填表|审核|审批|联系人|联系电话|注|备注|说明)[^：:]{0,4}[：:]"
)


def _area_of(person: _Row) -> Area:
    area = person.values.get("area")
    return area if isinstance(area, Area) else Area.HALL  # blank, or a cell in error


def _group_of(person: _Row) -> tuple[Area, str]:
    """The people a rank is compared with: the rostrum as a whole; elsewhere a unit of a 座区."""
    area = _area_of(person)
    return (area, "") if area is Area.ROSTRUM else (area, person.values.get("unit", ""))


def _numbers(people: list[_Row]) -> list[int]:
    return [p.values["precedence"] for p in people]


def _distinct(people: list[_Row]) -> bool:
    numbers = _numbers(people)
    return len(set(numbers)) == len(numbers)


def _cell(rows: list[list[str]], row: int, col: int) -> str:
    if row - 1 >= len(rows):
        return ""
    cells = rows[row - 1]
    return cells[col] if col < len(cells) else ""


def column_letter(number: int) -> str:
    """The spreadsheet's letters for a 1-based column number: 1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def row_list(rows: Iterable[int]) -> str:
    """Row numbers as people read them: 3, 5–7, 12."""
    numbers = sorted(set(rows))
    parts: list[str] = []
    start = prev = None
    for n in [*numbers, None]:
        if start is not None and n is not None and prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = n
    return join_list(parts)


__all__ = ["load_roster", "row_list"]
