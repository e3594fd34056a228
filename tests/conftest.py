"""Shared test setup: English messages unless a test asks for Chinese, no system fonts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from meetplan import i18n


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANGUAGE", "en")
    # Documents must come out the same on every machine: only the bundled fonts.
    monkeypatch.setenv("MEETPLAN_NO_SYSTEM_FONTS", "1")
    i18n.reset()
    yield
    i18n.reset()


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    i18n.reset()
    yield
    i18n.reset()
