"""TOML syntax errors say the line, the column and the reason in the reader's language."""

from __future__ import annotations

import tomllib

import pytest

from meetplan import i18n
from meetplan.tomlfile import toml_error


def error_of(text: str) -> tuple[str, int]:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return toml_error(error)
    raise AssertionError("valid TOML")


@pytest.mark.parametrize(
    ("text", "english", "line"),
    [
        ('title = "会" 多余', "line 1, column 13: something follows the value", 1),
        ("a = [1, 2", "at the end of the file: a [ list is not closed with ]", 0),
        ("a = {x = 1", "at the end of the file: a { table is not closed with }", 0),
        ('a = "x', "at the end of the file: a text in quotes is not closed", 0),
        ("[t\n", "line 1, column 3: ']' is missing after [table", 1),
        ("[a]\nx = 1\n[a]\n", "line 3, column 3: the table ('a',) is declared twice", 3),
        ("title = 全县", "line 1, column 9: not a valid value (text must be in quotes)", 1),
    ],
)
def test_toml_errors(text: str, english: str, line: int) -> None:
    said, where = error_of(text)
    assert said.startswith(english) and where == line


def test_toml_errors_in_chinese(chinese: None) -> None:
    said, _line = error_of("title = 全县")
    assert said == "第 1 行第 9 个字符处：不是有效的值（文字要加英文引号）"
    assert i18n.language().startswith("zh")
