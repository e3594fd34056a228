"""Messages for people, through the standard gettext machinery.

Source strings are English; the Chinese catalogue lives in
``meetplan/locale/zh/LC_MESSAGES/meetplan.po`` (compiled to ``.mo`` beside it).
gettext picks the language from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, so a
Chinese locale (zh_CN.UTF-8, zh_TW, ...) gets Chinese and anything else English.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "meetplan"

_translation: _gettext.NullTranslations | None = None


def translation() -> _gettext.NullTranslations:
    global _translation
    if _translation is None:
        _translation = _gettext.translation(DOMAIN, localedir=LOCALE_DIR, fallback=True)
    return _translation


def reset() -> None:
    """Forget the chosen language (tests change the locale variables)."""
    global _translation
    _translation = None


def language() -> str:
    """The language messages are given in: "zh_CN", or "en" for the English source."""
    return str(translation().info().get("language", "en"))


def terminal_language() -> str:
    """ "zh" or "en": the language the terminal's messages are given in."""
    return "zh" if language().startswith("zh") else "en"


def _(message: str) -> str:
    return translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation().ngettext(singular, plural, n)


@contextmanager
def in_language(code: str) -> Iterator[None]:
    """Messages in ``code`` ("zh" or "en") for a while, whatever the terminal's locale:
    printed documents are in their own language ([print] language), the terminal in
    the user's."""
    global _translation
    saved = _translation
    if code == "zh":
        _translation = _gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=["zh_CN", "zh"], fallback=True
        )
    else:
        _translation = _gettext.NullTranslations()
    try:
        yield
    finally:
        _translation = saved
