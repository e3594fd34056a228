"""What the clerk typed or scanned at the desk, matched to people of the roster.

In this order: a pass's code (``MP-<meeting>-<person>``, :mod:`meetplan.model.codes`);
a whole name; pinyin letters (zjg or zhangjianguo for 张建国, and their first
letters as far as typed); part of a name (建国). Several people matched are all
returned, in roster order: the desk lists them and asks which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from meetplan.model.attendee import Attendee
from meetplan.model.codes import meeting_tag, person_tag, read_code
from meetplan.model.settings import MeetingInfo
from meetplan.model.text import unfold, unprintable
from meetplan.ordering.pinyin import char_reading, parse_marked, parse_tone3, pinyin_table
from meetplan.ordering.surnames import SURNAME_READINGS, parse_name
from meetplan.roster.columns import normalise_name

LONGEST = 100  # characters of a typed line looked at (a scanner types about 20)


class Miss(StrEnum):
    """Why nobody was found."""

    OTHER_MEETING = "other-meeting"  # a pass's code of another meeting
    UNKNOWN_CODE = "unknown-code"  # a code of this meeting that no one on the roster has
    NOBODY = "nobody"  # a name or letters that match no one
    UNPRINTABLE = "unprintable"  # control characters: a scanner's stray keys, not a name


@dataclass(frozen=True)
class Found:
    people: tuple[Attendee, ...] = ()  # one: that person; several: the desk asks which
    miss: Miss | None = None
    by_code: bool = False


@cache
def _readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading of a Han character (曾: zeng, ceng), the default first."""
    found = pinyin_table().get(ord(ch))
    if not found:
        return ()
    return tuple(dict.fromkeys(parse_marked(r)[0] for r in found.split(",")))


@cache
def spellings(name: str) -> tuple[tuple[str, ...], ...]:
    """Per character of ``name``, the pinyin syllables it may be typed as (a surname
    read as a surname first: 单 shan); a Latin letter as itself; other signs none."""
    parsed = parse_name(name)
    out: list[tuple[str, ...]] = []
    for ch in parsed.text:
        if ch.isascii():
            out.append((ch.lower(),) if ch.isalnum() else ())
            continue
        default = char_reading(ch)
        out.append(tuple(dict.fromkeys(([default[0]] if default else []) + list(_readings(ch)))))
    for i, syllable in enumerate(SURNAME_READINGS.get(parsed.surname, ())):
        if i < len(out):
            out[i] = tuple(dict.fromkeys([parse_tone3(syllable)[0], *out[i]]))
    return tuple(s for s in out if s)


def _initials_match(query: str, name: str, *, whole: bool) -> bool:
    """zjg for 张建国: each letter the first letter of a reading of the character in its
    place; ``whole``: one letter for each character."""
    chars = spellings(name)
    if len(query) > len(chars) or (whole and len(query) != len(chars)):
        return False
    return all(
        any(s.startswith(q) for s in options) for q, options in zip(query, chars, strict=False)
    )


def _spelled_match(query: str, name: str, *, whole: bool) -> bool:
    """zhangjianguo (or zhangjian, as far as typed) for 张建国."""

    def fits(rest: str, index: int) -> bool:
        if not rest:
            return not whole or index == len(chars)
        if index == len(chars):
            return False
        return any(
            fits(rest[len(s) :], index + 1)
            for s in chars[index]
            if rest.startswith(s) or (not whole and s.startswith(rest))
        )

    chars = spellings(name)
    return fits(query, 0)


def find_people(text: str, people: Sequence[Attendee], meeting: MeetingInfo) -> Found:
    """Who ``text`` (a scanned code, a name, pinyin letters, part of a name) means."""
    text = text[:LONGEST]
    scanned = read_code(text)
    if scanned is not None:
        if scanned.meeting != meeting_tag(meeting):
            return Found(miss=Miss.OTHER_MEETING, by_code=True)
        found = tuple(p for p in people if person_tag(p) == scanned.person)
        return Found(found, None if found else Miss.UNKNOWN_CODE, by_code=True)
    cleaned = normalise_name(unfold(text))
    if unprintable(cleaned):
        return Found(miss=Miss.UNPRINTABLE)
    if not cleaned:
        return Found(miss=Miss.NOBODY)
    exact = tuple(p for p in people if p.name == cleaned)
    if exact:
        return Found(exact)
    if cleaned.isascii() and cleaned.isalpha():
        query = cleaned.lower()
        for test in (
            lambda p: _initials_match(query, p.name, whole=True),
            lambda p: _spelled_match(query, p.name, whole=True),
            lambda p: (
                _initials_match(query, p.name, whole=False)
                or _spelled_match(query, p.name, whole=False)
            ),
        ):
            found = tuple(p for p in people if test(p))
            if found:
                return Found(found)
        return Found(miss=Miss.NOBODY)
    found = tuple(p for p in people if cleaned in p.name)
    return Found(found, None if found else Miss.NOBODY)
