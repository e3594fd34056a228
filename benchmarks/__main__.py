"""python -m benchmarks: time meetplan on rosters of 300, 3,000 and 10,000 attendees.

Example:

    python -m benchmarks                  # every case; writes benchmarks/results.md
    python -m benchmarks --sizes 300,3000
    python -m benchmarks --quick          # 300 and 3,000, fewer repeats, results not saved
    python -m benchmarks --layout 3000=great-hall-10000
    python -m benchmarks --sizes 10000 --classification 机密 --results /tmp/r.md
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.halls import choose_hall
from benchmarks.machine import as_installed, machine, run_child
from benchmarks.report import Case, markdown, targets
from benchmarks.roster import Shape, roster_rows, shape_for, write_roster

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.md"
SIZES = (300, 3_000, 10_000)
MEETING = ["--title", "基准测试会议", "--date", "2026-12-01"]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["MEETPLAN_NO_SYSTEM_FONTS"] = "1"  # the same embedded font on every machine
    env["LANGUAGE"] = "en"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def write_meeting(folder: Path, roster: Path, layout: str, venue: str, classification: str) -> None:
    """A meeting folder as an office has it: meeting.toml and the roster beside it."""
    folder.mkdir(parents=True)
    shutil.copy(roster, folder / roster.name)
    lines = [
        "[meeting]",
        f'title = "{MEETING[1]}"',
        f'date = "{MEETING[3]}"',
        f'venue = "{venue}"',
        f'roster = "{roster.name}"',
        f"layout = {json.dumps(layout, ensure_ascii=False)}",
    ]
    if classification:
        lines.append(f'classification = "{classification}"')
    (folder / "meeting.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "").replace(",", "")) for part in text.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes are whole numbers, e.g. 300,3000: {text}"
        ) from None
    if not sizes or min(sizes) < 50:
        raise argparse.ArgumentTypeError("each size must be at least 50 attendees")
    return sizes


def parse_layouts(items: Sequence[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for item in items:
        size, sep, name = item.partition("=")
        if not sep or not size.strip().isdigit() or not name.strip():
            raise SystemExit(f"--layout wants SIZE=NAME, e.g. 3000=great-hall-10000: {item}")
        out[int(size)] = name.strip()
    return out


def counts(shape: Shape) -> dict[str, Any]:
    rows = roster_rows(shape)
    return {
        "people": shape.people,
        "units": shape.units,
        "leaders": shape.leaders,
        "observers": shape.observers,
        "staff": shape.staff,
        "tentative": sum(1 for r in rows if r[6] == "待定"),
        "absent": sum(1 for r in rows if r[6] == "请假"),
    }


def run_case(
    size: int,
    work: Path,
    forced: str,
    repeats: int,
    builds: int,
    env: dict[str, str],
    classification: str = "",
) -> Case:
    hall = choose_hall(size, work / "layouts", forced)
    shape = shape_for(size, hall.layout)
    numbers = counts(shape)
    for note in hall.notes:
        say(f"  {size:,}: layout {note}")
    roster = work / f"roster-{size}.xlsx"
    began = time.perf_counter()
    write_roster(roster, shape)
    generate_s = time.perf_counter() - began
    say(f"  {size:,}: roster written ({generate_s:.1f} s); stages in a fresh process …")
    result_json = work / f"stages-{size}.json"
    run = run_child(
        [
            sys.executable,
            "-m",
            "benchmarks.stages",
            "--roster",
            str(roster),
            "--layout",
            hall.name,
            "--out",
            str(work / f"stages-out-{size}"),
            "--json",
            str(result_json),
            "--repeats",
            str(repeats),
            *(["--classification", classification] if classification else []),
        ],
        env,
        timeout=3600,
    )
    if run.returncode != 0:
        raise RuntimeError(f"the stages of {size:,} failed:\n{run.stderr[-2000:]}")
    stages = json.loads(result_json.read_text(encoding="utf-8"))
    say(f"  {size:,}: stages done in {run.seconds:.1f} s; `meetplan build` × {builds} …")
    case = Case(
        size=size,
        layout=Path(hall.name).stem,
        hall_seats=hall.layout.hall_capacity,
        hall_notes=list(hall.notes),
        shape=numbers,
        generate_s=generate_s,
        stages=stages,
    )
    # `meetplan build` as an office runs it: in a meeting folder, first with nothing kept
    # (no out/, no .meetplan.cache), then again with nothing changed.
    for attempt in range(builds):
        folder = work / f"meeting-{size}-{attempt}"
        shutil.rmtree(folder, ignore_errors=True)
        write_meeting(folder, roster, hall.name, hall.layout.title, classification)
        for runs in (case.builds, case.rebuilds):
            build = run_child([sys.executable, "-m", "meetplan", "build", str(folder)], env, 3600)
            runs.append(asdict(build))
            if build.returncode != 0:
                say(f"  {size:,}: `meetplan build` failed:\n{build.stderr[-1500:]}")
                return case
        case.written = sorted(p.name for p in (folder / "out").iterdir())
    return case


def import_alone(cases: dict[int, Case], work: Path, env: dict[str, str]) -> dict[str, Any] | None:
    """The 10,000-row import: the 10,000 case's import stage, or a run of its own."""
    if 10_000 in cases:
        stage = cases[10_000].stage("import")
        if stage is not None:
            return {"seconds": stage["seconds"], "note": "the 10,000 case's import stage"}
    roster = write_roster(work / "roster-10000.xlsx", shape_for(10_000))
    result_json = work / "import-10000.json"
    run = run_child(
        [
            sys.executable,
            "-m",
            "benchmarks.stages",
            "--import-only",
            "--roster",
            str(roster),
            "--json",
            str(result_json),
            "--repeats",
            "3",
        ],
        env,
    )
    if run.returncode != 0:
        say(f"import of 10,000 rows failed:\n{run.stderr[-1500:]}")
        return None
    data = json.loads(result_json.read_text(encoding="utf-8"))
    return {
        "seconds": data["first_s"],
        "note": f"own process, first of 3 (best {data['best_s']:.2f} s)",
    }


def interpreter_starts(env: dict[str, str], runs: int) -> dict[str, float]:
    commands = {
        "`python -c pass`": [sys.executable, "-c", "pass"],
        "`python -m meetplan --version`": [sys.executable, "-m", "meetplan", "--version"],
    }
    return {
        name: statistics.median(run_child(args, env).seconds for _ in range(runs))
        for name, args in commands.items()
    }


CHECKS = "checklist checks (make_checklist), all"
CHECKLIST_DOCUMENTS = "checklist documents (render_checklist), all"


def seconds(case: Case, stage: str) -> float:
    found = case.stage(stage)
    return float(found["seconds"]) if found else float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time meetplan's stages and whole builds on synthetic rosters "
        "and record the results next to the targets of issue 3.",
        epilog="Example: python -m benchmarks --sizes 300,3000",
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        help="roster sizes, comma-separated (default 300,3000,10000; with --quick 300,3000)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a fast check: 300 and 3,000 only, fewer repeats, results.md left alone",
    )
    parser.add_argument(
        "--layout",
        action="append",
        default=[],
        metavar="SIZE=NAME",
        help="plan a case in this layout (a shipped name or a .toml path)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        help=f"where to write the results (default {RESULTS.relative_to(ROOT)}; "
        "with --quick nothing is written unless given)",
    )
    parser.add_argument(
        "--classification",
        default="",
        metavar="MARK",
        help="give the meeting this 密级 (e.g. 机密): every list and sheet carries it and the "
        "checklist checks it on every page (default: none)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        help="keep the rosters and documents in this folder (default: a temporary one)",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ([300, 3_000] if args.quick else list(SIZES))
    forced = parse_layouts(args.layout)
    results = args.results or (None if args.quick else RESULTS)
    repeats, builds_small = (3, 1) if args.quick else (7, 3)

    work = args.work or Path(tempfile.mkdtemp(prefix="meetplan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = as_installed(child_env())
    say(f"meetplan benchmark: sizes {', '.join(f'{s:,}' for s in sizes)}; work folder {work}")
    load_start = os.getloadavg()[0]
    try:
        starts = interpreter_starts(env, 3 if not args.quick else 1)
        cases: dict[int, Case] = {}
        failures: list[str] = []
        for size in sizes:
            try:
                builds = builds_small if size <= 3_000 else 1
                cases[size] = run_case(
                    size, work, forced.get(size, ""), repeats, builds, env, args.classification
                )
            except RuntimeError as error:
                failures.append(str(error))
                say(str(error))
        import_10k = import_alone(cases, work, env) if (10_000 in cases or not args.quick) else None
        verdicts = targets(cases, import_10k)
        memory = next((c.stages["memory_method"] for c in cases.values()), "")
        command = "python -m benchmarks" + (" " + " ".join(argv or sys.argv[1:])).rstrip()
        info = machine()
        # Other work on the machine slows every stage; the load says whether there was any.
        info["Load average (1 min)"] = f"{load_start:.2f} at start, {os.getloadavg()[0]:.2f} at end"
        text = markdown(info, command.strip(), cases, verdicts, starts, memory)
        if failures:
            text += "\n## Failed\n\n" + "\n\n".join(f"```\n{f}\n```" for f in failures) + "\n"
        if results is not None:
            results.write_text(text, encoding="utf-8")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    print("meetplan benchmark — targets of issues 3 and 15")
    for v in verdicts:
        print(f"  [{v.result.strip('*'):>12}] {v.what}: {v.measured} (target {v.target})")
    for size, case in sorted(cases.items()):
        print(
            f"  {size:>6,} on {case.layout}: import {seconds(case, 'import'):.2f} s, "
            f"plan {seconds(case, 'plan'):.2f} s, "
            f"documents {seconds(case, 'render_documents, all'):.2f} s, "
            f"checklist {seconds(case, CHECKS) + seconds(case, CHECKLIST_DOCUMENTS):.2f} s"
            + (
                f", whole build {case.build_s:.2f} s / {case.build_mb:,.0f} MB"
                if case.builds
                else ""
            )
        )
    if results is not None:
        print(f"Results written to {results}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
