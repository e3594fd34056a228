"""Chinese line breaking (禁则) for every wrapped paragraph and cell in the PDFs.

reportlab's ``wordWrap="CJK"`` breaks between any two characters and keeps a
closing mark off the start of a line only for the marks of its Japanese table
(not ，；：？！ …), and never keeps an opening bracket off the end of a line.
Chinese typesetting rules (GB/T 15834, the 标点符号用法) say: no closing
punctuation at the start of a line, no opening bracket or quote at the end.
:func:`split_lines` replaces reportlab's splitter: a closing mark that would
start a line hangs at the end of the line before (one at most); an opening
mark that would end a line moves down with the character it opens; a run of
Latin letters or digits (a file name, a number) is kept whole where the line
has room for it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.textsplit import getCharWidths
from reportlab.platypus import paragraph

CANNOT_START = frozenset(
    "。，、；：？！）」』》〉】〕］｝”’…—·％‰℃"  # Chinese closing marks
    "!),.:;?]}%"  # and their ASCII forms
) | frozenset(paragraph.ALL_CANNOT_START)
CANNOT_END = frozenset("（「『《〈【〔［｛“‘([{￥$")


def _width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


def _latin(ch: str) -> bool:
    return bool(ch) and ord(ch) < 0x3000 and not ch.isspace()


def _break_at(chars: list[str], start: int, i: int) -> int:
    """Where a line that overflows at ``chars[i]`` ends: the first character of the next line."""
    u = chars[i]
    following = chars[i + 1] if i + 1 < len(chars) else ""
    if u in CANNOT_START and following not in CANNOT_START:
        return i + 1  # hang one closing mark at the end of this line
    brk = i
    if _latin(u) and _latin(chars[i - 1]):
        # inside a Latin run: back to a space or a Chinese character, within half the line
        for j in range(i - 1, (start + i) // 2, -1):
            if chars[j].isspace() or ord(chars[j]) >= 0x3000:
                brk = j + 1
                break
    while brk - 1 > start and chars[brk] in CANNOT_START:
        brk -= 1  # closing marks go down with the character they close
    while brk - 1 > start and chars[brk - 1] in CANNOT_END:
        brk -= 1  # an opening mark goes down with what it opens
    return max(brk, start + 1)


def _lines(
    chars: list[str],
    widths: list[float],
    max_widths: list[float],
    breaks: frozenset[int] | set[int] = frozenset(),
) -> list[tuple[int, int, float, bool]]:
    """(start, end, width, forced) of each line: ``breaks`` are positions after which a
    line must end (an explicit line break)."""
    out: list[tuple[int, int, float, bool]] = []
    start = 0
    used = 0.0
    i = 0
    while i < len(chars):
        max_width = max_widths[min(len(out), len(max_widths) - 1)]
        used += widths[i]
        forced = i in breaks
        if forced or (used > max_width + paragraph._FUZZ and i > start):
            end = i + 1 if forced else _break_at(chars, start, i)
            out.append((start, end, sum(widths[start:end]), forced))
            start = end
            used = sum(widths[start : i + 1])
        i += 1
    if start < len(chars):
        out.append((start, len(chars), sum(widths[start:]), False))
    return out


def split_lines(
    frags: list[Any], max_widths: list[float], calc_bounds: bool, encoding: str = "utf8"
) -> Any:
    """reportlab's ``cjkFragSplit`` (paragraphs of several styles), with the Chinese rules."""
    chars: list[Any] = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            chars.extend(paragraph.cjkU(t, f, encoding) for t in text)
        else:
            chars.append(paragraph.cjkU(text, f, encoding))
    widths = [_width(c, max_widths[0]) for c in chars]
    breaks = {i for i, c in enumerate(chars) if hasattr(c.frag, "lineBreak")}
    lines = []
    for number, (start, end, width, forced) in enumerate(_lines(chars, widths, max_widths, breaks)):
        max_width = max_widths[min(number, len(max_widths) - 1)]
        lines.append(
            paragraph.makeCJKParaLine(
                chars[start:end], max_width, width, max_width - width, forced, calc_bounds
            )
        )
    return paragraph.ParaLines(kind=1, lines=lines)


def word_split(
    word: str | bytes, max_widths: Any, font_name: str, font_size: float, encoding: str = "utf8"
) -> list[list[Any]]:
    """reportlab's ``wordSplit`` (paragraphs of one style), with the Chinese rules."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    if not isinstance(max_widths, list | tuple):
        max_widths = [max_widths]
    widths = [float(w) for w in getCharWidths(text, font_name, font_size)]
    chars = list(text)
    out: list[list[Any]] = []
    for number, (start, end, width, _forced) in enumerate(_lines(chars, widths, list(max_widths))):
        max_width = max_widths[min(number, len(max_widths) - 1)]
        out.append([max_width - width, text[start:end].strip()])
    return out


def install() -> None:
    """Every Paragraph with wordWrap="CJK" breaks lines by these rules."""
    paragraph.cjkFragSplit = split_lines  # type: ignore[assignment]
    paragraph.wordSplit = word_split  # type: ignore[assignment]
