"""The README's table of limits says what the code enforces."""

from __future__ import annotations

from pathlib import Path

from meetplan.history import lines
from meetplan.layouts import FLOOR_ROWS, FLOORS, HALL_SEATS, ROSTRUM_ROWS, ROW_SEATS
from meetplan.materials import manuscripts
from meetplan.meeting import TEXT_LENGTH
from meetplan.model.labels import MAX_LABEL_DIGITS
from meetplan.roster import limits
from meetplan.tomlfile import TOML_SIZE

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
MB = 1024 * 1024


def row(what: str) -> str:
    for line in README.splitlines():
        if line.startswith(f"| {what} |"):
            return line
    raise AssertionError(f"no row {what!r} in the README's limits")


def test_the_readme_states_each_limit() -> None:
    assert f"{limits.MAX_FILE_BYTES // MB} MB" in row("roster file")
    assert f"{limits.MAX_UNPACKED_BYTES // MB} MB" in row("roster file")
    assert f"{limits.MAX_ROWS:,} rows, {limits.MAX_CELLS:,} cells" in row("roster rows / cells")
    assert f"{limits.MAX_NAME_LENGTH} characters" in row("a name (姓名, 代会)")
    other = row("any other cell")
    assert (
        f"{limits.MAX_TEXT_LENGTH} characters" in other and f"{limits.MAX_NOTE_LENGTH:,}" in other
    )
    assert f"{limits.MAX_RANK:,}" in row("排序 / 序号")
    assert f"{MAX_LABEL_DIGITS} digits" in row("row and seat numbers in 座位")
    assert f"{TOML_SIZE // 1_000_000} MB" in row("meeting.toml, a layout file")
    assert f"{TEXT_LENGTH} characters" in row("a printed setting (title, venue …)")
    hall = row("a hall")
    assert f"{HALL_SEATS:,} seats, {ROW_SEATS:,} a row, {FLOOR_ROWS} rows a floor" in hall
    assert f"{FLOORS} floors; rostrum {ROSTRUM_ROWS} rows" in hall
    logs = row("attendance-log.jsonl, adjustments.jsonl")
    assert f"{lines.FILE_SIZE // 1_000_000} MB, {lines.LINES:,} lines" in logs
    assert f"{lines.LINE_LENGTH:,} bytes a line" in logs
    manuscript = row("a manuscript")
    assert f"{manuscripts.MAX_BYTES // MB} MB" in manuscript
    assert (
        f"over {manuscripts.MAX_PAGES} pages (or {manuscripts.PAGES_SECONDS:.0f} s)" in manuscript
    )
