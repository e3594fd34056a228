"""Which hall each case is planned in: a shipped layout when one fits, else a generated one.

The issue names lecture-hall-200 / auditorium-600 for 300 people, an
auditorium-1500-class hall for 3,000 and great-hall-10000 for 10,000. No
shipped layout between 1,500 and 10,000 seats holds 3,000 people, so that
case gets a generated auditorium-1500-class hall (two floors, a balcony,
单双号 numbering downstairs) scaled to about 3,200 seats. When a shipped
layout is missing or too small, a generated stand-in of the same class is
used and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.roster import fits, shape_for
from meetplan.layouts import find_layout, read_layout
from meetplan.model.errors import UserError
from meetplan.model.layout import Layout

# Generated halls: TOML in the shipped layouts' format (schema/layout.schema.json).
GENERATED: dict[str, str] = {
    "bench-auditorium-3200": """\
title = "大礼堂（基准测试用）"
description = "生成的约3200座礼堂：一楼38排，单双号；二楼挑台20排，前4排列席；主席台两排。"

[rostrum]
rows = [15, 15]
podium = "front-right"

[[floors]]
name = "一楼"
rows = 38
sections = [14, 30, 14]
numbering = "odd-even"

[[floors.row_overrides]]
rows = [1, 2]
sections = [12, 30, 12]

[[floors.blocked]]
rows = [20]
seats = [1, 2, 3, 4]    # camera platform on the centre line

[[floors.reserved]]
use = "staff"
rows = [38]
sections = [1, 3]

[[floors]]
name = "二楼"
rows = 20
sections = [12, 28, 12]

[[floors.reserved]]
use = "observer"
rows = [1, 2, 3, 4]
""",
    "bench-great-hall-10400": """\
title = "万人大礼堂（基准测试用）"
description = "生成的约10400座大礼堂：三层，二楼前6排列席；主席台三排。"

[rostrum]
rows = [25, 25, 25]
podium = "front-centre"

[[floors]]
name = "一楼"
rows = 50
sections = [24, 52, 24]
numbering = "odd-even"

[[floors.reserved]]
use = "staff"
rows = [50]
sections = [1, 3]

[[floors]]
name = "二楼"
rows = 30
sections = [22, 50, 22]
numbering = "odd-even"

[[floors.reserved]]
use = "observer"
rows = [1, 2, 3, 4, 5, 6]

[[floors]]
name = "三楼"
rows = 28
sections = [22, 48, 22]
numbering = "odd-even"
""",
}

# Per case: the shipped layouts tried in order, then the generated stand-in.
CANDIDATES: dict[int, tuple[tuple[str, ...], str]] = {
    300: (("lecture-hall-200", "auditorium-600"), "bench-auditorium-3200"),
    3_000: (("auditorium-1500",), "bench-auditorium-3200"),
    10_000: (("great-hall-10000",), "bench-great-hall-10400"),
}


@dataclass(frozen=True)
class Hall:
    name: str  # as given to `meetplan build --layout` (a shipped name or a file path)
    layout: Layout
    notes: tuple[str, ...]  # why this hall: skipped candidates, stand-ins


def generated_path(name: str, folder: Path) -> Path:
    path = folder / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(GENERATED[name], encoding="utf-8")
    return path


def candidates_for(people: int) -> tuple[tuple[str, ...], str]:
    if people in CANDIDATES:
        return CANDIDATES[people]
    nearest = min(CANDIDATES, key=lambda size: abs(size - people) if size >= people else 10**9)
    return CANDIDATES[nearest]


def choose_hall(people: int, folder: Path, forced: str = "") -> Hall:
    """The first candidate that exists and seats the case's roster; else the generated stand-in.

    The roster is fitted to each candidate (see :func:`benchmarks.roster.shape_for`):
    a smaller rostrum or 列席 area changes the mix, not the number of people.
    """
    notes: list[str] = []
    shipped, fallback = candidates_for(people)
    for name in (forced,) if forced else shipped:
        try:
            path = generated_path(name, folder) if name in GENERATED else find_layout(name)
            layout = read_layout(path)
        except UserError as error:
            notes.append(f"{name}: not usable here ({error}); skipped")
            continue
        reason = fits(shape_for(people, layout), layout)
        if reason:
            notes.append(f"{name}: too small ({reason}); skipped")
            continue
        return Hall(str(path) if name in GENERATED else name, layout, tuple(notes))
    path = generated_path(fallback, folder)
    notes.append(f"using the generated stand-in {fallback}, written as {path.name}")
    return Hall(str(path), read_layout(path), tuple(notes))
