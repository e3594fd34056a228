"""Timings for changes on the day (issue 4): ``python -m benchmarks.attend``.

- A single change in a 3,000-person meeting: wall time from starting
  ``meetplan attend`` until its move list is printed, and until it is done
  (documents written), interpreter start included. Target: move list ≤ 1 s.
- Precomputing the scenarios of a meeting with 10 待定 rostrum leaders:
  ``make_plan`` with them against the same roster with none. Target: ≤ 5 s more.

Results go to benchmarks/results-attend.md.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.halls import choose_hall
from benchmarks.machine import as_installed, machine
from benchmarks.roster import shape_for, write_roster

RESULTS = Path(__file__).resolve().parent / "results-attend.md"
PEOPLE = 3000


def meeting_folder(root: Path) -> Path:
    hall = choose_hall(PEOPLE, root)
    write_roster(root / "roster.xlsx", shape_for(PEOPLE, hall.layout))
    (root / "meeting.toml").write_text(
        '[meeting]\ntitle = "基准测试大会"\ndate = "2026-12-01"\nvenue = "大礼堂"\n'
        f'roster = "roster.xlsx"\nlayout = "{Path(hall.name).name}"\n',
        encoding="utf-8",
    )
    return root


def hall_names(root: Path, count: int) -> list[str]:
    import json

    plan = json.loads((root / "out" / "plan.json").read_text(encoding="utf-8"))
    names = [s["name"] for s in plan["scenarios"][0]["seats"] if s["area"] == "hall"]
    unique = [n for n in names if names.count(n) == 1]
    step = max(1, len(unique) // (count + 1))
    return unique[step : step * (count + 1) : step][:count]


def full_unit(root: Path, avoid: list[str]) -> tuple[str, str]:
    """A hall member (not among ``avoid``) and a unit other than theirs with no free seat
    in its block (none of ``avoid`` belongs to it): a substitute from that unit must be
    made room for, which is where the re-planning model works."""
    import json

    plan = json.loads((root / "out" / "plan.json").read_text(encoding="utf-8"))
    hall = [s for s in plan["scenarios"][0]["seats"] if s["area"] == "hall"]
    busy = {s["unit"] for s in hall if s["name"] in avoid}
    units = [s["unit"] for s in hall]
    unit = next(u for u in dict.fromkeys(units) if u not in busy)
    leaving = next(
        s["name"]
        for s in reversed(hall)
        if s["unit"] not in busy
        and s["unit"] != unit
        and units.count(s["unit"]) > 1
        and [x["name"] for x in hall].count(s["name"]) == 1
    )
    return leaving, unit


def time_change(root: Path, name: str, *how: str) -> tuple[float, float]:
    """(seconds until the move list is printed, seconds until done)."""
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "meetplan", "attend", str(root), name, *(how or ("--absent",))]
    env = as_installed({**os.environ, "MEETPLAN_NO_SYSTEM_FONTS": "1", "LANGUAGE": "en"})
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    first = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if first is None and line.startswith("  "):
            first = time.perf_counter() - start
    proc.wait()
    if proc.returncode:
        raise SystemExit(f"meetplan attend failed for {name}")
    return first or 0.0, time.perf_counter() - start


def scenario_cost(root: Path) -> tuple[float, float, int]:
    """make_plan seconds with 10 待定 rostrum leaders, and with none; and the scenario count."""
    from meetplan.layouts import load_layout
    from meetplan.model.attendee import Area, Attendance, Roster
    from meetplan.model.settings import Settings
    from meetplan.planning import make_plan
    from meetplan.roster import load_roster

    roster, _ = load_roster(root / "roster.xlsx")
    layout = load_layout(str(sorted(root.glob("bench-*.toml"))[0]))
    leaders = [p for p in roster.attendees if p.area is Area.ROSTRUM and p.seated][:10]
    ids = {p.id for p in leaders}
    none = Roster(
        tuple(
            replace(p, attendance=Attendance.PRESENT) if p.attendance is Attendance.TENTATIVE else p
            for p in roster.attendees
        ),
        roster.source,
    )
    ten = Roster(
        tuple(
            replace(p, attendance=Attendance.TENTATIVE) if p.id in ids else p
            for p in none.attendees
        ),
        roster.source,
    )
    timings = {}
    count = 0
    for label, r in (("none", none), ("ten", ten)):
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            plan = make_plan(r, layout, Settings())
            runs.append(time.perf_counter() - t)
        timings[label] = statistics.median(runs)
        count = len(plan.scenarios) - 1
    return timings["ten"], timings["none"], count


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = meeting_folder(Path(tmp))
        subprocess.run(
            [sys.executable, "-m", "meetplan", "build", str(root)],
            check=True,
            capture_output=True,
            env=as_installed({**os.environ, "MEETPLAN_NO_SYSTEM_FONTS": "1", "LANGUAGE": "en"}),
        )
        names = hall_names(root, 3)
        results = [time_change(root, name) for name in names]
        leaving, unit = full_unit(root, names)
        substitute = time_change(
            root, leaving, "--substitute", "代会人", "--other-unit", unit, "--title", "副局长"
        )
        with_ten, with_none, scenarios = scenario_cost(root)
    first = statistics.median(r[0] for r in results)
    done = statistics.median(r[1] for r in results)
    lines = [
        "# meetplan benchmark: changes on the day",
        "",
        "Written by `python -m benchmarks.attend`, meetplan's modules compiled as `pip install` "
        "leaves them. A 3,000-person meeting (synthetic roster, fixed seed) "
        "on a generated ~3,200-seat hall. Three changes mark one hall member absent each; "
        f"then a substitute from {unit}, whose block has no free seat, replaces {leaving} "
        "(the hall is re-planned: the exact fewest-moves programme of meetplan/solver/replan.py).",
        "",
        *(f"- {key}: {value}" for key, value in machine().items()),
        "",
        "| What | Target | Measured | Result |",
        "|---|---|---|---|",
        f"| one change, 3,000 people: move list printed (interpreter start included) "
        f"| ≤ 0.3 s (issue 15; issue 4: ≤ 1 s) | {first:.2f} s "
        f"(median of {len(results)}: {', '.join(f'{r[0]:.2f}' for r in results)}) "
        f"| {'pass' if first <= 0.3 else '**miss**'} |",
        f"| one change, 3,000 people: documents written too | — | {done:.2f} s | — |",
        f"| a substitute whose unit's block is full: move list printed | ≤ 1 s | {substitute[0]:.2f} s | "
        f"{'pass' if substitute[0] <= 1 else '**miss**'} |",
        f"| scenarios for 10 待定 rostrum leaders ({scenarios} scenarios) | ≤ 5 s more | "
        f"{with_ten - with_none:+.2f} s ({with_ten:.2f} s against {with_none:.2f} s) | "
        f"{'pass' if with_ten - with_none <= 5 else '**miss**'} |",
        "",
        f"Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
