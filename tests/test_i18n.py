"""The Chinese message catalogue: complete, consistent with the code, compiled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from meetplan import i18n
from meetplan.cli import main

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "meetplan" / "locale" / "zh" / "LC_MESSAGES" / "meetplan.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")


def messages_in_code() -> set[str]:
    found = set()
    for _f, _l, message, _c, _x in extract_from_dir(
        ROOT / "meetplan", method_map=[("**.py", "python")], keywords={"_": None}
    ):
        assert isinstance(message, str), "_() needs one literal string"
        found.add(message)
    return found


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    with PO.open("rb") as f:
        translations = {m.id: m.string for m in read_po(f) if m.id}
    code = messages_in_code()
    assert len(code) > 100
    missing = sorted(code - set(translations))
    assert not missing, f"run python tools/update_catalog.py: {missing}"
    for msgid in code:
        msgstr = translations[msgid]
        assert msgstr, f"untranslated: {msgid}"
        assert set(PLACEHOLDER.findall(msgstr)) == set(PLACEHOLDER.findall(msgid)), msgid


def test_compiled_catalogue_matches_the_po() -> None:
    def plain(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    with PO.open("rb") as f:
        po = {plain(m.id): plain(m.string) for m in read_po(f) if m.id}
    with MO.open("rb") as f:
        mo = {plain(m.id): plain(m.string) for m in read_mo(f) if m.id}
    assert mo == po, "the .mo is stale: run python tools/update_catalog.py"


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh_CN.UTF-8", "找不到会场"), ("en_US.UTF-8", "Layout not found")]
)
def test_language_follows_the_locale(
    monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", lang)
    i18n.reset()
    result = CliRunner().invoke(main, ["layouts", "no-such-room"])
    assert result.exit_code == 1
    assert expected in result.output


ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?:[ ,]+[a-z]{2,}){2,}")


@pytest.mark.parametrize("command", [[], *[[name] for name in sorted(main.commands)]])
def test_every_help_is_chinese_under_a_chinese_locale(chinese: None, command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    text = "\n".join(
        line
        for line in result.output.splitlines()
        if not line.strip().startswith("meetplan ")  # an example command line
    )
    assert not ENGLISH_SENTENCE.findall(text), text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["build", "--wrong"], "没有选项 '--wrong'"),
        (["bulid"], "没有命令 'bulid'"),
        (["attend"], "缺少参数"),
    ],
)
def test_usage_errors_are_chinese(chinese: None, args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert expected in result.output and "错误：" in result.output


def test_a_windows_without_locale_variables_speaks_its_display_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n.sys, "platform", "win32")
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: 0x0804)  # 中文(简体)
    assert i18n.system_language() == "zh_CN"
    i18n.reset()
    assert i18n.language().startswith("zh")
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: 0x0409)  # English (US)
    i18n.reset()
    assert i18n.language() == "en"
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # a variable, where set, decides
    assert i18n.system_language() is None
    i18n.reset()
