"""Pinyin order (音序) of names, with surnames read as surnames.

Characters are compared one at a time, as in a dictionary: the toneless
syllable (lower case, ü written v, so lü follows lu), then the tone (1-4, the
neutral tone as 5), then the character's stroke weight, so that homophones
(李 and 理 are both li3) still have one fixed order. Surnames come from
``surnames.parse_name``; those in ``SURNAME_READINGS`` are read as surnames
(单 shàn, 曾 zēng, 尉迟 yù chí), every other character with pypinyin's
default reading for that character alone. Phrase readings are not used: a
name is not a phrase, and reading across the surname boundary goes wrong
(单位 would read dān).

Non-Han characters and Han characters without a reading sort after all read
Han characters, by stroke weight (see ``strokes``).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from meetplan.ordering.strokes import char_weight
from meetplan.ordering.surnames import SURNAME_READINGS, parse_name

NEUTRAL_TONE = 5
# Combining marks of tone-marked pinyin after NFD (ǎ = a + U+030C).
TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
UMLAUT = "\u0308"  # ü = u + U+0308, written v

Reading = tuple[str, int]  # (toneless syllable, tone)
PinyinElement = tuple[int, str, int, int]  # (0 read / 1 unread, syllable, tone, stroke weight)


def parse_tone3(syllable: str) -> Reading:
    """'zhong1' -> ('zhong', 1); a syllable without a digit is neutral."""
    if syllable[-1:].isdigit():
        return syllable[:-1], int(syllable[-1])
    return syllable, NEUTRAL_TONE


def parse_marked(syllable: str) -> Reading:
    """'zhōng' -> ('zhong', 1), 'lǚ' -> ('lv', 3): pypinyin's TONE3 style, done by hand."""
    letters: list[str] = []
    tone = NEUTRAL_TONE
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        elif ch == UMLAUT and letters:
            letters[-1] = "v"
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)), tone


@cache
def pinyin_table() -> dict[int, str]:
    """pypinyin's character dictionary (code point -> "zhōng,zhòng"), read on first use.

    This is the table ``pypinyin.pinyin_dict`` holds, read from the same file
    (``pinyin_dict.json`` in pypinyin's folder) without running pypinyin's
    ``__init__``, which also loads its phrase dictionary and word segmenter:
    about 0.03 s instead of 0.3 s, and 50 MB less. If the file is not where
    this pypinyin keeps it, pypinyin's own module is used.
    """
    spec = find_spec("pypinyin")  # finds the package folder without importing it
    folders = spec.submodule_search_locations if spec is not None else None
    for folder in folders or ():
        try:
            raw = json.loads((Path(folder) / "pinyin_dict.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return {int(k): v for k, v in raw.items()}
    from pypinyin.pinyin_dict import pinyin_dict

    return dict(pinyin_dict)


@cache
def char_reading(ch: str) -> Reading | None:
    """pypinyin's default reading of one Han character, or None if it has none.

    This is what ``lazy_pinyin(ch, style=Style.TONE3)`` returns, read straight
    from pypinyin's character dictionary (:func:`pinyin_table`): that is ten
    times faster, which matters for rosters with thousands of different characters.
    """
    readings = pinyin_table().get(ord(ch))
    return parse_marked(readings.split(",")[0]) if readings else None


def pinyin_key(text: str, *, surname: bool = True) -> tuple[PinyinElement, ...]:
    """Sort key of a name in pinyin order (see the module docstring).

    ``surname=False`` reads every character with its everyday reading, for
    text that is not a person's name.
    """
    parsed = parse_name(text)
    elements = [char_element(ch) for ch in parsed.text]
    if surname:
        for i, syllable in enumerate(SURNAME_READINGS.get(parsed.surname, ())):
            elements[i] = pinyin_element(parsed.text[i], parse_tone3(syllable))
    return tuple(elements)


@cache
def char_element(ch: str) -> PinyinElement:
    """The key element of a character read with its everyday reading."""
    return pinyin_element(ch, char_reading(ch))


def pinyin_element(ch: str, reading: Reading | None) -> PinyinElement:
    if reading is None:
        return (1, "", 0, char_weight(ch))
    return (0, reading[0], reading[1], char_weight(ch))
