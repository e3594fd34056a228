"""Messages for people, through the standard gettext machinery.

Source strings are English; the Chinese catalogue lives in
``meetplan/locale/zh/LC_MESSAGES/meetplan.po`` (compiled to ``.mo`` beside it).
gettext picks the language from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, so a
Chinese locale (zh_CN.UTF-8, zh_TW, ...) gets Chinese and anything else English.
Where none of them is set — Windows, as a rule — the system's own display
language is asked (:func:`system_language`).
"""

from __future__ import annotations

import gettext as _gettext
import locale
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "meetplan"

_translation: _gettext.NullTranslations | None = None


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _windows_ui_language() -> int:
    """The Windows display language's LCID (0x0804 for 中文(简体)); 0 where unknown."""
    import ctypes

    return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]


def system_language() -> str | None:
    """The user's language when no locale variable says it: on Windows its display
    language (中文 Windows sets no LANG); None where the variables decide."""
    if any(os.environ.get(name) for name in LOCALE_VARIABLES):
        return None
    if sys.platform == "win32":
        try:
            code = locale.windows_locale.get(_windows_ui_language())
        except (AttributeError, OSError, ValueError):
            return None
        return code or None
    return None


def translation() -> _gettext.NullTranslations:
    global _translation
    if _translation is None:
        found = system_language()
        languages = [found, found.split("_")[0]] if found else None
        _translation = _gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=languages, fallback=True
        )
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


# click's own words (Usage:, Error:, No such option …): click asks the standard gettext
# module in the current text domain; making that domain meetplan's own catalogue gives
# a Chinese locale Chinese usage errors too. _click_catalogue is never called: it lists
# click's messages so that the catalogue keeps them (tools/update_catalog.py).


def speak_through_meetplan() -> None:
    """click's messages from meetplan's catalogue, in the locale's language (on a Windows
    without locale variables, the display language: click asks gettext, which reads
    LANGUAGE)."""
    found = system_language()
    if found:
        os.environ["LANGUAGE"] = found
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)


def _catalogue() -> None:  # pragma: no cover - read by the catalogue's extraction only
    _("Usage:")
    _("Options")
    _("Commands")
    _("Show this message and exit.")
    _("Show the version and exit.")
    _("%(prog)s, version %(version)s")
    _("Error: {message}")
    _("Try '{command} {option}' for help.")
    _("No such option {name!r}.")
    _("No such command {name!r}.")
    _("Missing argument")
    _("Missing option")
    _("Missing parameter")
    _("Missing command.")
    _("Missing {param_type}")
    _("Missing parameter: {param_name}")
    _("Invalid value for {param_hint}: {message}")
    _("Invalid value: {message}")
    _("Option {name!r} does not take a value.")
    _("Aborted!")
    _("default: {default}")
    _("{value!r} is not a valid {number_type}.")
    _("{value} is not in the range {range}.")
    _("{name} {filename!r} does not exist.")
    _("{name} {filename!r} is a file.")
    _("{name} {filename!r} is a directory.")
    _("directory")
    _("file")
    _("path")
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    )
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
