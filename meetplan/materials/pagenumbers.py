"""Printed page numbers: read them from a page's text, then check their sequence.

Pure functions on text and numbers (no PDF library), so every rule can be
tested on its own.

Reading (:func:`find_page_label`): the number is looked for only in the first
and last few non-empty lines of a page, where headers and footers end up
whatever order the text was extracted in. The decorated styles offices use are
recognised first:

* 公文 style with dashes: ``— 3 —``, ``－3－``, ``- 3 -`` (alone on its line, or at
  the start or end of a footer line, after a space)
* ``第3页 共18页`` (also ``共18页 第3页``), ``第 3 页``
* ``3/18``, ``3 / 18``, ``Page 3 of 18``, ``Page 3``

A plain number (1 to 3 digits) counts only when it stands alone on the very
first or very last line, so years and figures in the body are never taken for
page numbers.

Checking (:func:`check_numbering`): given the label found on each physical
page, report gaps, repeats, pages out of order, pages without a number, and
totals ("共18页") that disagree with the pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

EDGE_LINES = 3  # how many lines at the top and at the bottom may hold the number

# Dashes around a 公文 page number, after NFKC (which turns "－" and "﹣" into "-").
_DASHES = "-‐‑‒–—―−一ー~"
_D = f"[{re.escape(_DASHES)}]+"
_N = r"(\d{1,4})"

# Patterns that also carry the total: distinctive enough to be found inside a longer line.
_WITH_TOTAL_SEARCH: tuple[tuple[re.Pattern[str], bool], ...] = (
    # (pattern, number comes first)
    (re.compile(rf"第\s*{_N}\s*页\s*[,，、/]?\s*共\s*{_N}\s*页"), True),
    (re.compile(rf"共\s*{_N}\s*页\s*[,，、/]?\s*第\s*{_N}\s*页"), False),
    (re.compile(rf"(?<![A-Za-z])page\s*{_N}\s*(?:of|/)\s*{_N}(?!\d)", re.IGNORECASE), True),
)
# Patterns that must be the whole line.
_WITH_TOTAL_LINE = re.compile(rf"{_N}\s*/\s*{_N}")
_NUMBER_ONLY_LINE: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_D}\s*{_N}\s*{_D}"),
    re.compile(rf"第\s*{_N}\s*页"),
    re.compile(rf"page\s*{_N}", re.IGNORECASE),
)
# A 公文 number sharing its line with other footer text ("XX县人民政府办公室  — 3 —"):
# only at the very start or end of the line, set apart by a space.
_DASHED_AT_EDGE: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\s{_D}\s*{_N}\s*{_D}$"),
    re.compile(rf"^{_D}\s*{_N}\s*{_D}\s"),
)
_BARE = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class PageLabel:
    """A page number read from a page: the number, the total if printed, the line."""

    number: int
    total: int | None = None
    line: str = ""


def normalize_line(line: str) -> str:
    """Full-width digits and dashes to plain ones, runs of spaces to one space."""
    return " ".join(unicodedata.normalize("NFKC", line).split())


def parse_page_label(line: str) -> PageLabel | None:
    """The page number in a decorated style (not a bare number), or None."""
    text = normalize_line(line)
    if not text:
        return None
    for pattern, number_first in _WITH_TOTAL_SEARCH:
        m = pattern.search(text)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            number, total = (a, b) if number_first else (b, a)
            return _label(number, total, text)
    m = _WITH_TOTAL_LINE.fullmatch(text)
    if m:
        return _label(int(m.group(1)), int(m.group(2)), text)
    for pattern in _NUMBER_ONLY_LINE:
        m = pattern.fullmatch(text)
        if m:
            return _label(int(m.group(1)), None, text)
    for pattern in _DASHED_AT_EDGE:
        m = pattern.search(text)
        if m:
            return _label(int(m.group(1)), None, text)
    return None


def parse_bare_number(line: str) -> PageLabel | None:
    """A line that is nothing but a number from 1 to 999, or None."""
    text = normalize_line(line)
    if _BARE.fullmatch(text):
        return _label(int(text), None, text)
    return None


def _label(number: int, total: int | None, line: str) -> PageLabel | None:
    if number < 1 or (total is not None and total < 1):
        return None
    return PageLabel(number, total, line)


def text_lines(text: str) -> list[str]:
    """The non-empty lines of a page's text, normalised."""
    return [line for line in (normalize_line(raw) for raw in text.splitlines()) if line]


def _edges(lines: Sequence[str], count: int) -> Iterator[str]:
    """Last line, first line, second-to-last, second, ...: footers before headers."""
    seen: set[int] = set()
    for k in range(count):
        for i in (len(lines) - 1 - k, k):
            if 0 <= i < len(lines) and i not in seen:
                seen.add(i)
                yield lines[i]


def find_page_label(text: str, edge_lines: int = EDGE_LINES) -> PageLabel | None:
    """The page number printed on a page, from the page's extracted text.

    Decorated styles are looked for in the first and last ``edge_lines`` lines;
    a bare number only on the very first or very last line.
    """
    lines = text_lines(text)
    if not lines:
        return None
    for line in _edges(lines, edge_lines):
        label = parse_page_label(line)
        if label is not None:
            return label
    for line in _edges(lines, 1):
        label = parse_bare_number(line)
        if label is not None:
            return label
    return None


def is_only_page_number(text: str) -> bool:
    """Whether the page's text is nothing but page-number lines (a blank page with a footer)."""
    lines = text_lines(text)
    return bool(lines) and all(
        parse_page_label(line) is not None or parse_bare_number(line) is not None for line in lines
    )


# ---------------------------------------------------------------------------
# Checking the sequence


@dataclass(frozen=True)
class NoNumbers:
    """No page carries a readable number at all."""


@dataclass(frozen=True)
class Unnumbered:
    """A page with readable text but no number, while other pages have one."""

    page: int


@dataclass(frozen=True)
class Missing:
    """Numbers ``first``..``last`` are missing before ``page``, which shows ``number``."""

    page: int
    number: int
    first: int
    last: int


@dataclass(frozen=True)
class MissingAtEnd:
    """The pages print a total larger than the last number: pages missing at the end."""

    page: int  # the physical page with the highest number
    number: int
    total: int
    first: int
    last: int


@dataclass(frozen=True)
class Duplicate:
    page: int
    number: int
    first_page: int  # where the number appeared first


@dataclass(frozen=True)
class OutOfOrder:
    """``page`` shows ``number`` in the wrong place; it belongs after/before ``near_page``."""

    page: int
    number: int
    near_page: int
    near_number: int
    belongs_after: bool


@dataclass(frozen=True)
class WrongTotal:
    """The total printed on ``page`` differs from the one on most pages."""

    page: int
    total: int
    usual: int


@dataclass(frozen=True)
class BeyondTotal:
    """``page`` shows a number larger than the printed total."""

    page: int
    number: int
    total: int


NumberingIssue = (
    NoNumbers
    | Unnumbered
    | Missing
    | MissingAtEnd
    | Duplicate
    | OutOfOrder
    | WrongTotal
    | BeyondTotal
)


def check_numbering(
    labels: Sequence[PageLabel | None],
    *,
    blank: Collection[int] = (),
    unreadable: Collection[int] = (),
) -> list[NumberingIssue]:
    """Check the page numbers read from each physical page (``labels[0]`` is page 1).

    ``blank`` pages (reported elsewhere) neither need a number nor stand in for
    one; ``unreadable`` pages (scanned, text not extractable) need no number
    but are assumed to carry the one their position implies. The first page may
    lack a number (a cover); numbering may start at 1 on the first or the
    second page.
    """
    pages = len(labels)
    numbered = [(p, label) for p, label in enumerate(labels, 1) if label is not None]
    if not numbered:
        readable = [p for p in range(1, pages + 1) if p not in blank and p not in unreadable]
        return [NoNumbers()] if pages >= 2 and readable else []

    issues: list[NumberingIssue] = [
        Unnumbered(p)
        for p, label in enumerate(labels, 1)
        if label is None and p != 1 and p not in blank and p not in unreadable
    ]

    first_page: dict[int, int] = {}
    distinct: list[tuple[int, int]] = []  # (page, number), first occurrence of each number
    for p, label in numbered:
        if label.number in first_page:
            issues.append(Duplicate(p, label.number, first_page[label.number]))
        else:
            first_page[label.number] = p
            distinct.append((p, label.number))
    issues += _out_of_order(distinct)

    covered = set(first_page) | _implied_numbers(labels, blank)
    highest = max(first_page)
    missing = sorted(set(range(1, highest + 1)) - covered)
    for first, last in _runs(missing):
        page, number = next((p, n) for p, n in distinct if n > last)
        issues.append(Missing(page, number, first, last))

    totals = [(p, label.total) for p, label in numbered if label.total is not None]
    if totals:
        counts = Counter(total for _p, total in totals)
        usual = max(counts, key=lambda t: (counts[t], t))
        issues += [WrongTotal(p, total, usual) for p, total in totals if total != usual]
        issues += [BeyondTotal(p, n, usual) for p, n in distinct if n > usual]
        if highest < usual:
            page = first_page[highest]
            issues.append(MissingAtEnd(page, highest, usual, highest + 1, usual))
    return sorted(issues, key=_issue_page)


def _issue_page(issue: NumberingIssue) -> int:
    return getattr(issue, "page", 0)


def _implied_numbers(labels: Sequence[PageLabel | None], blank: Collection[int]) -> set[int]:
    """The numbers that unnumbered, non-blank pages stand for, from their nearest numbered page."""
    implied: set[int] = set()
    known = [(p, label.number) for p, label in enumerate(labels, 1) if label is not None]
    for p, label in enumerate(labels, 1):
        if label is not None or p in blank:
            continue
        before = [(q, n) for q, n in known if q < p]
        after = [(q, n) for q, n in known if q > p]
        if before:
            q, n = before[-1]
            implied.add(n + (p - q))
        elif after:
            q, n = after[0]
            implied.add(n - (q - p))
    return implied


def _runs(numbers: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Consecutive runs in sorted numbers: [2, 3, 7] -> (2, 3), (7, 7)."""
    start = prev = None
    for n in numbers:
        if start is None or prev is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            yield start, prev
            start = prev = n
    if start is not None and prev is not None:
        yield start, prev


def _out_of_order(distinct: Sequence[tuple[int, int]]) -> list[OutOfOrder]:
    """Pages not in the longest run of increasing numbers, with where each belongs."""
    keep = set(_longest_increasing(distinct))
    in_order = [distinct[i] for i in sorted(keep)]
    issues: list[OutOfOrder] = []
    for i, (p, n) in enumerate(distinct):
        if i in keep:
            continue
        lower = [(q, m) for q, m in in_order if m < n]
        if lower:
            q, m = lower[-1]
            issues.append(OutOfOrder(p, n, q, m, belongs_after=True))
        else:
            q, m = in_order[0]
            issues.append(OutOfOrder(p, n, q, m, belongs_after=False))
    return issues


def _longest_increasing(distinct: Sequence[tuple[int, int]]) -> list[int]:
    """Indexes of a longest strictly increasing subsequence of the numbers.

    Quadratic, which is plenty for a manuscript; among equally long ones the
    earliest pages are kept.
    """
    count = len(distinct)
    length = [1] * count
    parent = [-1] * count
    for i in range(count):
        for j in range(i):
            if distinct[j][1] < distinct[i][1] and length[j] + 1 > length[i]:
                length[i], parent[i] = length[j] + 1, j
    if not count:
        return []
    i = max(range(count), key=lambda k: (length[k], -k))
    chain: list[int] = []
    while i >= 0:
        chain.append(i)
        i = parent[i]
    return chain[::-1]
