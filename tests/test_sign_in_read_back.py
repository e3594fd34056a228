"""The checklist reads the sign-in workbook's 姓名 column back from its XML
(meetplan.materials.checks.listed_names): the same names, as often, as openpyxl reads."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from meetplan.build import build, font_book
from meetplan.materials.checks import listed_names
from meetplan.meeting import load_config

ROOT = Path(__file__).resolve().parent.parent


def by_openpyxl(data: bytes) -> Counter[str]:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    listed: Counter[str] = Counter()
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=4, values_only=True):
            if len(row) > 1 and row[1]:
                listed[str(row[1])] += 1
    wb.close()
    return listed


@pytest.mark.parametrize("sign_in", ["by-area", "by-unit"])
def test_the_county_examples_sheets_read_as_openpyxl_reads_them(
    tmp_path: Path, sign_in: str
) -> None:
    folder = tmp_path / "county"
    shutil.copytree(
        ROOT / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
    )
    toml = folder / "meeting.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("[print]", f'[print]\nsign_in = "{sign_in}"', 1), encoding="utf-8")
    config = load_config(folder)
    data = build(config, font_book(config)).documents["签到表.xlsx"]
    listed = listed_names(data)
    assert listed == by_openpyxl(data)
    assert sum(listed.values()) > 100


def test_shared_inline_formula_like_and_numbers_read_alike() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [
        ("序号", "姓名"),
        ("1", "不算"),
        ("2", "标题"),
        (1, "张三"),
        (2, "=SUM(A1)"),
        (3, "李 四"),
        (4, 12345),
        (5, "张三"),
        (6, None),
        (7, "O'Brien & 王<五>"),
    ]
    for row in rows:
        ws.append(list(row))
    ws["B5"].data_type = "s"  # text that looks like a formula stays text
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl's own writer: shared strings
    data = buffer.getvalue()
    assert listed_names(data) == by_openpyxl(data)
    assert listed_names(data)["张三"] == 2
