"""One case, in a fresh process: every stage of a build, each timed with its peak memory.

    python -m benchmarks.stages --roster R.xlsx --layout NAME --out DIR --json FILE

The stages are those of ``meetplan build`` (meetplan/build.py), run one by one:
import the roster, load the layout, plan, check the glyphs, then the
documents, then the checklist (会务检查清单): its checks, then its PDF and
xlsx. The documents are made by ``render_documents`` itself and the checklist
by ``make_checklist`` and ``render_checklist``, with every renderer they call
(each ``render_*`` function of meetplan.render's modules), every check (each
``check_*`` function of meetplan.materials.checks) and the font registrations
wrapped in a timer, so a renderer or check added later is timed too, by its own
name. Documents the build does not make yet are made by a direct call when
their renderer exists.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.memory import Meter


@dataclass
class Stage:
    name: str
    seconds: float
    peak_mb: float  # peak resident memory during the stage
    start_mb: float  # resident memory when it started
    detail: str = ""


@dataclass
class CaseResult:
    roster: str
    layout: str
    people: int = 0
    stages: list[Stage] = field(default_factory=list)
    solver: dict[str, Any] = field(default_factory=dict)
    cards: dict[str, Any] = field(default_factory=dict)
    checklist: dict[str, int] = field(default_factory=dict)  # how many checks, failed, by hand
    counts: dict[str, int] = field(default_factory=dict)
    memory_method: str = ""
    notes: list[str] = field(default_factory=list)


class Timer:
    """Times stages; a stage started inside another is part of the outer one only."""

    def __init__(self) -> None:
        self.meter = Meter()
        self.stages: list[Stage] = []
        self.outputs: dict[int, int] = {}  # id(stage) -> id(the bytes it returned)
        self.depth = 0
        self.running_peak = 0.0  # the largest peak seen since it was last set to 0

    @contextmanager
    def stage(self, name: str, detail: str = "") -> Iterator[Stage]:
        record = Stage(name, 0.0, 0.0, 0.0, detail)
        if self.depth:
            yield record
            return
        self.depth += 1
        self.running_peak = max(self.running_peak, self.meter.peak_mb())  # before the reset
        self.meter.start()
        began = time.perf_counter()
        try:
            yield record
        finally:
            record.seconds = time.perf_counter() - began
            record.peak_mb, record.start_mb = self.meter.stop()
            self.running_peak = max(self.running_peak, record.peak_mb)
            self.depth -= 1
        self.stages.append(record)

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name) as record:
                result = fn(*args, **kwargs)
                if isinstance(result, bytes):
                    record.detail = f"{len(result) / 1024:.0f} KiB"
                    self.outputs[id(record)] = id(result)
            return result

        return timed


def merge_repeated(stages: list[Stage], name: str, label: str) -> list[Stage]:
    """Many calls of one stage (font registrations) as one line: times summed, peak the largest."""
    same = [s for s in stages if s.name == name]
    if len(same) < 2:
        if same and label != name:
            same[0].name = label
        return stages
    merged = Stage(
        label,
        sum(s.seconds for s in same),
        max(s.peak_mb for s in same),
        min(s.start_mb for s in same),
        f"{len(same)} calls",
    )
    first = stages.index(same[0])
    rest = [s for s in stages if s.name != name]
    return [*rest[:first], merged, *rest[first:]]


FONTS = "fonts: subset and register"


def renderers() -> list[tuple[Any, str, str]]:
    """(module, function, stage name) of every ``render_*`` of meetplan.render's modules.

    ``meetplan.build`` imports its renderers inside the functions that call
    them, so they are wrapped where they are defined, not in meetplan.build.
    A renderer called by another is part of the outer one's time only.
    """
    import importlib
    import pkgutil

    import meetplan.render

    found = []
    for info in pkgutil.iter_modules(meetplan.render.__path__):
        try:
            module = importlib.import_module(f"meetplan.render.{info.name}")
        except Exception:  # a module being written: the build cannot be calling it
            continue
        for name, fn in sorted(vars(module).items()):
            if (
                name.startswith("render_")
                and callable(fn)
                and getattr(fn, "__module__", "") == module.__name__
            ):
                found.append((module, name, name))
    return found


def checks() -> list[tuple[Any, str, str]]:
    """(module, function, stage name) of every check of the checklist."""
    import meetplan.materials.checks as module

    return [
        (module, name, f"check: {name}")
        for name, fn in sorted(vars(module).items())
        if name.startswith("check_") and callable(fn)
    ]


def timed_group(
    timer: Timer,
    label: str,
    rest: str,
    call: Callable[[], Any],
    targets: Sequence[tuple[Any, str, str]],
    fonts: Any,
) -> tuple[Any, set[str]]:
    """``call()`` timed whole, and each of ``targets`` (and each font registration) it calls
    timed on its own; the lines: the parts, "LABEL: the rest (REST)", "LABEL, all of it".

    Returns call()'s result and the names of the functions it called. A part that
    returned a document of the result (a dict of file name to bytes) is named by it.
    """
    originals = [(owner, name, getattr(owner, name), shown) for owner, name, shown in targets]
    originals.append((fonts, "register", fonts.register, FONTS))
    for owner, name, fn, shown in originals:
        setattr(owner, name, timer.wrap(shown, fn))
    before = len(timer.stages)
    timer.running_peak = 0.0
    timer.meter.start()
    start_mb = timer.meter.now_mb()
    began = time.perf_counter()
    try:
        result = call()
    finally:
        for owner, name, fn, _shown in originals:
            if owner is fonts:
                del fonts.register  # the instance attribute; the method shows again
            else:
                setattr(owner, name, fn)
    seconds = time.perf_counter() - began
    whole = Stage(
        f"{label}, all of it",
        seconds,
        max(timer.running_peak, timer.meter.peak_mb()),
        start_mb,
        f"{len(result)} documents" if isinstance(result, dict) else "",
    )
    inner = timer.stages[before:]
    timer.stages = timer.stages[:before]
    called = {stage.name for stage in inner}
    documents = result if isinstance(result, dict) else {}
    document_of = {id(data): name for name, data in documents.items()}
    for stage in inner:
        document = document_of.get(timer.outputs.get(id(stage), 0))
        if document:
            stage.name = f"{document} ({stage.name})"
    left = whole.seconds - sum(s.seconds for s in inner)
    parts = merge_repeated(inner, FONTS, f"{label}: fonts (subsets)")
    for name in dict.fromkeys(s.name for s in parts):  # a check run once per material
        parts = merge_repeated(parts, name, name)
    timer.stages.extend(parts)
    timer.stages.append(Stage(f"{label}: the rest ({rest})", left, 0, 0))
    timer.stages.append(whole)
    return result, called


def bare_cards(names: Sequence[str], font: str, page: tuple[float, float]) -> bytes:
    """The baseline: reportlab drawing the same names on the same tent cards, nothing else."""
    from reportlab.pdfgen.canvas import Canvas

    from meetplan.render.cards import MARGIN, set_size

    width, height = max(page), min(page)
    half = height / 2
    size = set_size(font, width - 2 * MARGIN, half - 2 * MARGIN)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1, initialFontName=font)
    for name in names:
        c.setFont(font, size)
        c.drawCentredString(width / 2, half * 0.3, name)  # the face towards the hall
        c.saveState()
        c.translate(width, height)
        c.rotate(180)
        c.drawCentredString(width / 2, half * 0.3, name)  # the face towards the seat
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


def compare_cards(names: Sequence[str], font: str, repeats: int) -> dict[str, Any]:
    """Best-of-``repeats`` times of render_cards and of the bare loop, interleaved."""
    from meetplan.render.cards import Card, render_cards
    from meetplan.render.paper import paper_size

    page = paper_size("A4")
    cards = [Card(name) for name in names]
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(repeats):
        began = time.perf_counter()
        render_cards(cards, font, page)
        ours.append(time.perf_counter() - began)
        began = time.perf_counter()
        bare_cards(names, font, page)
        bare.append(time.perf_counter() - began)
    return {
        "cards": len(names),
        "repeats": repeats,
        "meetplan_s": min(ours),
        "bare_s": min(bare),
        "ratio": min(ours) / min(bare),
        "meetplan_median_s": statistics.median(ours),
        "bare_median_s": statistics.median(bare),
    }


def bare_sign_in_xlsx(sheets: Sequence[Any]) -> bytes:
    """The lower bound of 签到表.xlsx: openpyxl writing the same cells, one worksheet
    per sheet, nothing else (no styles, print setup or fixed timestamps)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for index, sheet in enumerate(sheets):
        ws = wb.create_sheet(f"{index + 1}")
        ws.append(["序号", "姓名", "单位", "职务", "签名", "备注"])
        for row in sheet.rows:
            ws.append([row.number, row.name, row.unit, row.title, "", row.remark])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bare_subset(path: str, index: int, text: str) -> bytes:
    """The lower bound of a font subset: fontTools subsetting the same characters
    once (its own output, CFF kept: reportlab could not embed it)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=False)
    options = subset.Options()
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def best_of(repeats: int, work: Any) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def compare_bounds(plan: Any, repeats: int) -> dict[str, Any]:
    """meetplan against the bare libraries doing the same work: 签到表.xlsx against
    openpyxl writing its cells, a list-font subset against fontTools subsetting the
    same characters (a new font book each time: no cache)."""
    from meetplan.fonts import FontBook
    from meetplan.render.lists import sign_in_sheets
    from meetplan.render.sign_in_xlsx import render_sign_in_xlsx

    sheets = sign_in_sheets(plan)
    meeting = plan.settings.meeting
    ours_xlsx = best_of(repeats, lambda: render_sign_in_xlsx(sheets, meeting))
    bare_xlsx = best_of(repeats, lambda: bare_sign_in_xlsx(sheets))
    text = "".join(r.name + r.unit + r.title for s in sheets for r in s.rows)
    spec = plan.settings.printing.list_font
    choice = FontBook().resolve(spec)
    counter = iter(range(10_000))

    def ours_subset() -> None:  # a character more each time: never reuse a registration
        FontBook().register(spec, text + chr(0x4E00 + next(counter)))

    ours_font = best_of(max(1, repeats // 2), ours_subset)
    bare_font = best_of(
        max(1, repeats // 2), lambda: bare_subset(str(choice.path), choice.index, text)
    )
    return {
        "sign_in_xlsx": {
            "meetplan_s": ours_xlsx,
            "bare_s": bare_xlsx,
            "ratio": ours_xlsx / bare_xlsx,
        },
        "subset": {
            "meetplan_s": ours_font,
            "bare_s": bare_font,
            "ratio": ours_font / bare_font,
            "characters": len(set(text)),
        },
    }


def solver_report(plan: Any) -> dict[str, Any]:
    """The hall plan's status when the planner reports one (the CP-SAT solver does)."""
    report = getattr(plan.base, "hall", None)
    if report is None:
        return {}
    out: dict[str, Any] = {}
    for key in ("method", "status", "objective", "bound", "gap", "units"):
        value = getattr(report, key, None)
        if value is not None:
            out[key] = value if isinstance(value, int | float) else str(value)
    return out


def run_case(
    roster: Path, layout_name: str, out: Path, repeats: int, classification: str = ""
) -> CaseResult:
    import meetplan.build as build
    from meetplan.fonts import FontBook
    from meetplan.layouts import load_layout
    from meetplan.meeting import MeetingConfig
    from meetplan.model.settings import MeetingInfo, Settings
    from meetplan.planning import make_plan
    from meetplan.render.lists import sign_in_sheets
    from meetplan.render.sign_in_pdf import clipped_cells
    from meetplan.roster import load_roster

    timer = Timer()
    result = CaseResult(str(roster), layout_name, memory_method=timer.meter.explanation)
    with timer.stage("import roster (load_roster)") as s:
        people, _warnings = load_roster(roster)
        s.detail = f"{len(people)} rows"
    result.people = len(people)
    with timer.stage("load layout") as s:
        layout = load_layout(layout_name)
        s.detail = f"hall {layout.hall_capacity} seats"
    settings = Settings(
        meeting=MeetingInfo(
            title="基准测试会议",
            date="2026-12-01",
            venue=layout.title,
            classification=classification,
        )
    )
    with timer.stage("plan (make_plan)") as s:
        plan = make_plan(people, layout, settings)
        s.detail = f"{len(plan.base.assignments)} seated"
    result.solver = solver_report(plan)
    fonts = FontBook()
    with timer.stage("glyph check (check_glyphs)"):
        problems = build.check_glyphs(plan, fonts)
    if problems:
        raise SystemExit(f"glyph problems: {problems[:3]}")
    with timer.stage("sign-in cells cut short (clipped_cells)"):
        clipped_cells(sign_in_sheets(plan))

    # Each renderer and check the build calls, and each font registration, timed on its own.
    documents, called = timed_group(
        timer,
        "render_documents",
        "card, list and chart data",
        lambda: build.render_documents(plan, fonts),
        renderers(),
        fonts,
    )
    config = MeetingConfig(
        folder=None, roster=roster, layout=layout_name, out=out, settings=settings
    )
    checklist, _called = timed_group(
        timer,
        "checklist checks (make_checklist)",
        "counts, speakers' seats",
        lambda: build.make_checklist(plan, config, documents, fonts),
        checks(),
        fonts,
    )
    checklist_documents, _called = timed_group(
        timer,
        "checklist documents (render_checklist)",
        "its text",
        lambda: build.render_checklist(checklist, fonts, plan.settings.printing),
        renderers(),
        fonts,
    )
    result.checklist = {
        "checks": len(checklist.results),
        "failed": len(checklist.failed),
        "by hand": len(checklist.manual),
    }
    documents.update(checklist_documents)

    extra_documents(timer, plan, fonts, called, result)

    with timer.stage("write files (write_documents)"):
        build.write_documents(out, documents)

    with timer.stage("table cards vs bare reportlab") as s:
        cards = build.rostrum_cards(plan)
        names = [c.name for c in cards]
        font = fonts.register(plan.settings.printing.card_font, "".join(names) + "国")
        result.cards["rostrum"] = compare_cards(names, font, repeats)
        many = [a.person.name for a in plan.base.in_area("hall")[:1000]]
        font = fonts.register(plan.settings.printing.card_font, "".join(many) + "国")
        # best of as many runs as the rostrum's: one slow run (the machine, a collection
        # of this process's large heap) must not stand for the renderer
        result.cards["hall_names"] = compare_cards(many, font, repeats)
        s.detail = "not part of a build"
    with timer.stage("documents vs the bare libraries") as s:
        result.cards["bounds"] = compare_bounds(plan, max(1, repeats // 2))
        s.detail = "not part of a build"
    result.stages = timer.stages
    result.counts = {
        "rostrum": len(plan.base.in_area("rostrum")),
        "hall": len(plan.base.in_area("hall")),
        "unseated": len(plan.base.unseated),
        "units": len({p.unit for p in people.attendees}),
    }
    return result


# Renderers that may not be called by render_documents yet: (module, function, document).
DIRECT = (
    ("meetplan.render.seat_labels", "render_seat_labels", "座签.pdf"),
    ("meetplan.render.chart_pdf", "render_chart", "座次图.pdf"),
    ("meetplan.render.chart_pdf", "render_unit_extract", "座次分单位.pdf"),
)


def extra_documents(
    timer: Timer, plan: Any, fonts: Any, called: set[str], result: CaseResult
) -> None:
    """座签, 座次图 and its per-unit extract by a direct call when the build does not make them."""
    import importlib

    printing = plan.settings.printing
    for module_name, function, document in DIRECT:
        if function in called:
            continue
        try:
            module = importlib.import_module(module_name)
            render = getattr(module, function)
        except (ImportError, AttributeError):
            result.notes.append(f"{document}: no {module_name}.{function} yet, not timed")
            continue
        with timer.stage(f"{document} ({function}, direct call)") as s:
            if function == "render_seat_labels":
                labels = module.labels_for(plan)
                font = fonts.register(printing.card_font, module.seat_label_text(labels))
                data = render(labels, font)
            else:
                text = module.chart_text(plan, plan.base)
                body = fonts.register(printing.list_font, text)
                heading = fonts.register(printing.heading_font, text)
                data = render(plan, plan.base, body, heading)
            s.detail = f"{len(data) / 1024:.0f} KiB, its fonts included"
        result.notes.append(
            f"{document} is not made by render_documents yet: timed by a direct call of "
            f"{function}, font registration included"
        )


def time_import(roster: Path, repeats: int) -> dict[str, Any]:
    """The roster import alone, best of ``repeats`` (the first includes openpyxl's own start)."""
    from meetplan.roster import load_roster

    times = []
    rows = 0
    for _ in range(repeats):
        began = time.perf_counter()
        roster_, _warnings = load_roster(roster)
        times.append(time.perf_counter() - began)
        rows = len(roster_)
    return {"rows": rows, "first_s": times[0], "best_s": min(times), "repeats": repeats}


def main(argv: Sequence[str] | None = None) -> int:
    # each document timed on its own: one after the other, in this process
    os.environ["MEETPLAN_SERIAL"] = "1"
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    parser.add_argument("--roster", type=Path, required=True)
    parser.add_argument("--layout")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--import-only", action="store_true")
    parser.add_argument("--classification", default="", help="the meeting's 密级, if any")
    args = parser.parse_args(argv)
    if args.import_only:
        payload: dict[str, Any] = time_import(args.roster, args.repeats)
    else:
        payload = asdict(
            run_case(args.roster, args.layout, args.out, args.repeats, args.classification)
        )
    args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
