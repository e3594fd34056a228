"""The banquet, like the hall, is planned many times: a revised list keeps
everyone still dining at the table printed for them; --fresh seats it anew."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from meetplan.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "county-plenary"


def tables(folder: Path) -> dict[tuple[str, str], int]:
    record = json.loads((folder / "out" / ".printed-plan.json").read_text(encoding="utf-8"))
    return {(name, unit): table for name, unit, table in record["banquet"]}


def dine_more(roster: Path, how_many: int) -> list[str]:
    """Mark more people of the first hall unit 宴会 = 是 (they rank before most guests)."""
    wb = openpyxl.load_workbook(roster)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[3]]
    dine, side, area = header.index("宴会") + 1, header.index("主客") + 1, header.index("座区") + 1
    added = []
    for row in range(4, ws.max_row + 1):
        if ws.cell(row, area).value == "会场" and ws.cell(row, dine).value is None:
            ws.cell(row, dine, "是")
            ws.cell(row, side, "客方")
            added.append(str(ws.cell(row, 2).value))
            if len(added) == how_many:
                break
    wb.save(roster)
    return added


def test_a_revised_list_keeps_the_printed_tables(tmp_path: Path) -> None:
    folder = tmp_path / "county"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(folder)]).exit_code == 0
    before = tables(folder)
    assert len(before) >= 30
    added = dine_more(folder / "roster.xlsx", 3)
    result = runner.invoke(main, ["build", str(folder)])
    assert result.exit_code == 0, result.output
    after = tables(folder)
    assert {key: after[key] for key in before} == before  # nobody printed moves table
    assert {name for name, _unit in after} >= set(added)
    fresh = runner.invoke(main, ["build", str(folder), "--fresh"])
    assert fresh.exit_code == 0, fresh.output
    anew = tables(folder)
    assert {name for name, _unit in anew} == {name for name, _unit in after}
    assert anew != after  # from nothing, the three newcomers take their places by rank
