"""The command line: parse, call the library, turn user errors into messages and exit codes.

Exit status: 0 done; 1 the input is wrong or cannot be seated; 2 wrong usage.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from meetplan import __version__
from meetplan.i18n import _, ngettext, speak_through_meetplan, terminal_language
from meetplan.model.attendee import Area, Attendance
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.plan import Plan, SolveStatus
from meetplan.model.text import screened, shown


def where_text(problem: Problem) -> str:
    """The location in the reader's language: 文件 roster.xlsx，第 5 行，“排序”列."""
    loc = problem.location
    parts = []
    if loc.file:
        parts.append(_("file {file}").format(file=loc.file))
    if loc.row is not None:
        parts.append(_("row {row}").format(row=loc.row))
    if loc.column:
        parts.append(_("column {column}").format(column=loc.column))
    if loc.key:
        parts.append(_("setting {key}").format(key=loc.key))
    if loc.value is not None:
        parts.append(_("value “{value}”").format(value=shown(loc.value)))
    return _(", ").join(parts)


def describe(problem: Problem) -> str:
    labels = {
        Severity.ERROR: _("Error"),
        Severity.WARNING: _("Warning"),
        Severity.NOTICE: _("Note"),
    }
    label = labels[problem.severity]
    lines = [_("{label}: {message}").format(label=label, message=screened(problem.message))]
    where = where_text(problem)
    if where:
        lines.append("  " + _("Where: {where}").format(where=where))
    if problem.hint:
        lines.append("  " + _("What to do: {hint}").format(hint=screened(problem.hint)))
    return "\n".join(lines)


def report(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(describe(p), err=True)


def waiting() -> None:
    click.echo(
        _("Another meetplan command is working on this meeting; waiting until it has finished…"),
        err=True,
    )


def said_written(out: Path, written: Any) -> None:
    """The documents written; those with the same bytes as before on one line
    (no need to print them again); the files in out/ that meetplan kept but did
    not make."""
    unchanged = set(written.unchanged)
    names = [p.name for p in written.documents if not p.name.startswith(".")]  # not the record
    new = [name for name in names if name not in unchanged]
    if new:
        click.echo(_("Written to {out}:").format(out=out))
        for name in new:
            click.echo(f"  {name}")
    same = [name for name in names if name in unchanged]
    if same:
        click.echo(
            _("Unchanged in {out} (no need to print again): {files}").format(
                out=out, files=_(", ").join(same)
            )
        )
    if written.theirs:
        click.echo(
            _("Kept in {out}, not made by meetplan: {files}").format(
                out=out, files=_(", ").join(written.theirs)
            )
        )


def terminal_progress() -> Callable[[str], None] | None:
    """Stage messages for a person watching a terminal; silent in scripts and logs."""
    if not sys.stderr.isatty():
        return None

    def show(message: str) -> None:
        click.echo(f"  … {message}", err=True)

    return show


def fail(error: UserError) -> None:
    report(error.problems)
    n = len(error.problems)
    click.echo(
        ngettext(
            "{n} problem found; nothing was written. Correct it and run the command again.",
            "{n} problems found; nothing was written. Correct them and run the command again.",
            n,
        ).format(n=n),
        err=True,
    )
    sys.exit(1)


@contextlib.contextmanager
def spoken(command: click.Command, ctx: click.Context | None = None) -> Iterator[None]:
    """The command's help and its options' help in the user's language, while shown.

    The texts are written in English and translated when read, so that the
    language is the one of the moment (tools/update_catalog.py collects them).
    """
    saved_help, saved_metavar = command.help, command.options_metavar
    params = command.get_params(ctx) if ctx is not None else command.params  # with --help
    saved: list[tuple[Any, Any]] = [(p, p.help) for p in params if getattr(p, "help", None)]
    # options of plain text and numbers: their metavar (TEXT, FLOAT …) in the user's words
    kinds = {"text": _("TEXT"), "float": _("NUMBER"), "integer": _("INTEGER")}
    named = [
        p
        for p in params
        if isinstance(p, click.Option) and p.metavar is None and p.type.name in kinds
    ]
    if command.help:
        command.help = _(command.help)
    command.options_metavar = _("[OPTIONS]")
    for param, text in saved:
        param.help = _(text)  # type: ignore[attr-defined]
    for param in named:
        param.metavar = kinds[param.type.name]
    try:
        yield
    finally:
        command.help, command.options_metavar = saved_help, saved_metavar
        for param, text in saved:
            param.help = text  # type: ignore[attr-defined]
        for param in named:
            param.metavar = None


class Command(click.Command):
    """A command whose help speaks the user's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with spoken(self, ctx):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with spoken(self):
            return super().get_short_help_str(limit)


class Group(click.Group):
    """The meetplan command group: its commands' help speaks the user's language."""

    command_class = Command

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with spoken(self, ctx):
            super().format_help(ctx, formatter)


speak_through_meetplan()  # click's own words (Usage:, Error: …) from the same catalogue


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="meetplan")
def main() -> None:
    """meetplan: seating plans, table cards and sign-in sheets for meetings (办会).

    Example:

        meetplan init my-meeting && meetplan build my-meeting
    """
    # A console that cannot show a character (a GBK console, a name beyond GBK) shows a
    # stand-in for it and carries on: never a traceback for what the terminal lacks.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # one that cannot be reconfigured
                reconfigure(errors="backslashreplace")


def run() -> None:
    """The ``meetplan`` command: :func:`main`, then out of the process at once.

    Once a command has done its work (its files written, its lock released, its
    output flushed), tearing the interpreter down (freeing every object of a plan,
    its fonts and documents) would take another 0.1-0.2 s, which is spent between
    the last line printed and the prompt. Any second process still at work (a
    failed build's glyph conversion) is stopped first.
    """
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):  # sys.exit("message"): said on stderr, status 1
        with contextlib.suppress(Exception):
            print(code, file=sys.stderr)
        code = 1
    status = code if isinstance(code, int) else (0 if code is None else 1)
    if "multiprocessing" in sys.modules:
        import multiprocessing

        for child in multiprocessing.active_children():
            with contextlib.suppress(Exception):
                child.terminate()
                child.join(1)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a reader that has gone (meetplan … | head)
            stream.flush()
    os._exit(status)


# What each setting does, as --help says it (the same key in meeting.toml).
SETTING_HELP = {
    "title": "The meeting's title, printed on every document.",
    "date": "The meeting's date, e.g. 2026-12-01 (printed as 2026年12月1日（星期二）).",
    "time": "The starting time, e.g. 09:00 (printed as 上午9:00).",
    "venue": "Where the meeting is held, printed on every document.",
    "organizer": "The organising office, written into the documents' properties.",
    "classification": "A classification mark such as 内部, printed top-left on every document.",
    "clock": "How the time is printed: 12h (上午9:00, default) or 24h (9:00, 14:30).",
    "honor_side": "left = 左为上 (government meetings, default); right = 右为上.",
    "even_rostrum": "Even number in a rostrum row: A (No.1 and No.2 share the centre), B, "
    "or axis (双数单摆: No.1 on the table's centre axis).",
    "name_order": "Order of people with equal 排序: surname-strokes, name-strokes, pinyin, list.",
    "host": "The host's (主持人) name, as on the roster.",
    "host_seat": "Where the host sits: by rank, front-centre or front-end.",
    "allow_ties": "Allow two people the same 排序 (then ordered by the name order).",
    "hall_method": "How units fill the hall: rows (横排法), columns (竖排法), "
    "center-out (左右排列法).",
    "substitute_seat": "Where a substitute (代会) sits: own-rank, or in-place (the leader's seat).",
    "rostrum_rows": "People in each rostrum row, front row first, e.g. 12,12,14,14 "
    "(default: each row filled to the layout's capacity).",
    "time_limit": "Seconds the hall solver may take (the best plan found by then is used).",
    "split_aisle": "Cost of a unit continuing across an aisle.",
    "split_row": "Cost of a unit continuing onto the next row.",
    "split_floor": "Cost of a unit continuing onto another floor.",
    "empty_inside": "Cost of each empty seat between units.",
    "front_empty": "Cost of each empty seat in the front rows.",
    "front_rows": "How many rows count as front rows.",
    "allow_unit_split": "Let a unit larger than any section sit across sections.",
    "gaps": "In a 待定 case, a seat of someone not coming: leave-empty, or close-up.",
    "within_unit": "Order inside a unit's block: list (排序 and list order) or name-order.",
    "row_order": "Rows of 横排法 and 左右排列法: serpentine (蛇形) or one-way.",
    "column_order": "Columns of 竖排法: across from the left, or centre-out.",
    "card_size": "Table card paper: A4, A5, B5, A3, letter or WxH in mm.",
    "card_title": "Print the 职务 above the name on table cards.",
    "card_font": "Table card font: song, hei, kai, fangsong or a font file.",
    "list_font": "Font of the lists and sheets: song, hei, kai, fangsong or a font file.",
    "heading_font": "Font of the titles: song, hei, kai, fangsong or a font file.",
    "seat_labels": "Seat labels (座签): layout (when the layout asks for them), yes or no.",
    "label_size": "One seat label in millimetres, e.g. 70x37.",
    "label_grid": "Seat labels across x down on an A4 sheet, e.g. 3x8.",
    "language": "The language of the printed documents: zh (default) or en.",
    "sign_in_remarks": "备注 on the sign-in sheets: status (default), all, or none.",
    "sign_in": "Sign-in sheets: by-area (default) or by-unit (one sheet per unit).",
    "passes": "Print passes (出席证.pdf) with a code the check-in desk scans.",
    "pass_size": "One pass in millimetres, e.g. 90x120.",
    "pass_grid": "Passes across x down on an A4 sheet, e.g. 2x2.",
    "pass_title": "The word on the passes (出席证, 代表证); 列席 get 列席证, staff 工作证.",
    "seat_label_code": "Print the pass's QR code on each seat label too.",
    "count_observers": "Count 列席 in the check-in desk's 应到/实到 with the members "
    "(default: on a line of their own).",
}


def _settings_options(command: Any) -> Any:
    """One CLI option per meeting.toml setting, same name with dashes, same meaning."""
    from meetplan.meeting import KEYS

    helps = SETTING_HELP
    for section in reversed(list(KEYS)):
        for key in reversed(list(KEYS[section])):
            if key in ("roster", "layout"):
                continue  # --roster and --layout are the build command's own options
            parser = KEYS[section][key]
            name = "--" + key.replace("_", "-")
            text = helps[key]
            if getattr(parser, "__name__", "") == "_bool":
                command = click.option(
                    f"{name}/--no-{key.replace('_', '-')}", key, default=None, help=text
                )(command)
            elif hasattr(parser, "allowed"):
                command = click.option(name, key, type=click.Choice(parser.allowed), help=text)(
                    command
                )
            elif getattr(parser, "__name__", "") in ("_number", "_weight"):
                kind = float if parser.__name__ == "_number" else int
                command = click.option(name, key, type=kind, help=text)(command)
            else:
                command = click.option(name, key, help=text)(command)
    return command


@main.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--roster",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The attendee spreadsheet (.xlsx, .xls, .csv); overrides meeting.toml.",
)
@click.option("--layout", help="A shipped layout's name or a layout file; overrides meeting.toml.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where documents go (default: the meeting folder's out/).",
)
@click.option(
    "--fresh",
    is_flag=True,
    help="Plan from nothing instead of from the plan printed last time (the change list "
    "says who moves).",
)
@_settings_options
def build(
    folder: Path | None,
    roster: Path | None,
    layout: str | None,
    out: Path | None,
    fresh: bool,
    **options: Any,
) -> None:
    """Import the roster, plan the seating and write every document into out/.

    Once out/ holds a printed plan, a revised roster is planned from it: only
    the people a change forces move, and the change list (变更清单.pdf) says
    who is new, who is gone and who moves where. Every setting of
    meeting.toml is also an option here (honor_side is --honor-side); the
    option wins.

    Example:

        meetplan build examples/county-plenary

        meetplan build examples/county-plenary --fresh

        meetplan build --roster names.xlsx --layout auditorium-600 --out out/
    """
    from meetplan.build import (
        check_out,
        finish,
        font_book,
        meeting_locked,
        plan_meeting,
        wants_seat_labels,
        write_documents,
    )
    from meetplan.meeting import KEYS, load_config

    if folder is None and roster is None:
        folder = Path.cwd()
    overrides = {
        section: {k: options.get(k) for k in keys if k in options} for section, keys in KEYS.items()
    }
    progress = terminal_progress()
    try:
        config = load_config(folder, roster=roster, layout=layout, out=out, overrides=overrides)
        check_out(config)
        with meeting_locked(config, waiting):
            fonts = font_book(config)
            if progress:
                progress(_("Reading the roster and the layout; seating the hall"))
            day, warnings = plan_meeting(config, fonts, fresh=fresh, documents=True)
            report(warnings)
            # The plan and what changed come first: the office reads them while the
            # documents are made.
            summarise(day.plan)
            if day.revision is not None:
                for line in revision_lines(day.revision, labels=wants_seat_labels(day.plan)):
                    click.echo(line)
            result = finish(day, [], fonts, progress, False, config)
            report(result.warnings)
            written = write_documents(config.out, result.documents, stale=result.stale)
    except UserError as error:
        fail(error)
        return
    said_written(config.out, written)
    if result.said is not None:
        click.echo("")
        checklist_summary(result.said, failures_only=True)


def checklist_summary(checklist: Any, failures_only: bool = False) -> None:
    """The automatic checks as a table: result, what, why. ``failures_only`` prints just
    the checks that did not pass (what ``build`` shows at its end)."""
    from meetplan.model.checklist import Outcome

    marks = {
        Outcome.PASSED: _("ok"),
        Outcome.FAILED: _("FAILED"),
        Outcome.MANUAL: _("by hand"),
    }
    results = checklist.results
    failed = len(checklist.failed)
    manual = len(checklist.manual)
    if failed or manual:
        click.echo(
            _(
                "Checklist: {n} automatic checks, {failed} failed, {manual} to check by hand."
            ).format(n=len(results), failed=failed, manual=manual),
            err=failures_only,
        )
    else:
        click.echo(_("Checklist: all {n} automatic checks passed.").format(n=len(results)))
    width = max((len(marks[r.outcome]) for r in results), default=0)
    for r in results:
        if failures_only and r.outcome is Outcome.PASSED:
            continue
        page = _(" (page {page})").format(page=r.page) if r.page else ""
        line = _("{mark}  [{group}] {item}{page}: {reason}").format(
            mark=f"{marks[r.outcome]:<{width}}",
            group=r.group,
            item=r.item,
            page=page,
            reason=r.reason,
        )
        click.echo("  " + line, err=failures_only)


@main.command()
@click.argument(
    "folder",
    required=False,
    type=click.Path(path_type=Path, file_okay=False),
)
def check(folder: Path | None) -> None:
    """Check the materials and the documents; print the checklist's automatic results.

    Exit status 0 when every automatic check passed, 1 otherwise (a failure, a
    check to do by hand, or input that cannot be planned). Nothing is written:
    `meetplan build` writes 会务检查清单.pdf and .xlsx.

    Example:

        meetplan check examples/county-plenary
    """
    from meetplan.build import build as run_build
    from meetplan.build import font_book, meeting_locked
    from meetplan.meeting import load_config

    try:
        config = load_config(folder or Path.cwd())
        with meeting_locked(config, waiting, writes=False):
            result = run_build(config, progress=terminal_progress())
    except UserError as error:
        report(error.problems)
        click.echo(
            _("Nothing was checked: correct the problems above and run the command again."),
            err=True,
        )
        sys.exit(1)
    checklist = result.checklist
    assert checklist is not None
    if terminal_language() != config.settings.printing.language:  # the reasons in the user's
        from meetplan.build import make_checklist

        checklist = make_checklist(result.plan, config, result.documents, font_book(config))
    checklist_summary(checklist)
    sys.exit(0 if checklist.passed else 1)


def summarise(plan: Plan) -> None:
    base = plan.base
    areas = Counter(p.area for p in plan.roster.attendees)
    click.echo(plan.settings.meeting.title or _("(no meeting title)"))
    click.echo(
        "  "
        + ngettext(
            "Roster: {n} person ({parts})", "Roster: {n} people ({parts})", len(plan.roster)
        ).format(
            n=len(plan.roster),
            parts=_(", ").join(f"{a.label} {areas[a]}" for a in Area if areas[a]),
        )
    )
    click.echo("  " + _("Rostrum, seen from the hall (left to right):"))
    rows = base.rostrum_rows()
    for index in range(len(rows), 0, -1):
        names = "  ".join(
            a.person.name + ("?" if a.person.attendance is Attendance.TENTATIVE else "")
            for a in rows[index - 1]
        )
        click.echo("    " + _("Row {row}: {names}").format(row=index, names=names))
    if any(a.person.attendance is Attendance.TENTATIVE for row in rows for a in row):
        click.echo("    " + _("(? = tentative: card and seat prepared)"))
    others = plan.scenarios[1:]
    if others:
        click.echo(
            "  "
            + ngettext(
                "{n} other case prepared (待定 / 代会), each with its cards and seats:",
                "{n} other cases prepared (待定 / 代会), each with its cards and seats:",
                len(others),
            ).format(n=len(others))
        )
        for number, scenario in enumerate(others, start=1):
            click.echo(f"    {number}. {scenario.title}")
    hall = base.in_area("hall")
    if base.hall is not None and base.hall.status is not SolveStatus.TRIVIAL:
        click.echo("  " + hall_sentence(base.hall))
        details = hall_details(dict(base.hall.terms))
        if details:
            click.echo("    " + details)
        lucky, speakers = base.hall.speakers_on_aisle
        if speakers:
            click.echo(
                "    "
                + _("speakers on an aisle seat: {lucky} of {n}").format(lucky=lucky, n=speakers)
            )
    click.echo(
        "  "
        + _("Hall: {n} seated of {cap} seats").format(n=len(hall), cap=plan.layout.hall_capacity)
    )
    if base.unseated:
        reasons = Counter(u.reason.label for u in base.unseated)
        click.echo(
            "  "
            + _("No seat: {n} — {parts}").format(
                n=len(base.unseated),
                parts=_("; ").join(
                    _("{reason} {n}").format(reason=reason, n=count)
                    for reason, count in reasons.items()
                ),
            )
        )


METHOD_NAMES = {"rows": "横排法", "columns": "竖排法", "center-out": "左右排列法"}


def hall_sentence(report: Any) -> str:
    """What the hall plan is, in a sentence a person reads: the method and how good."""
    method = METHOD_NAMES.get(report.method, report.method)
    if report.status is SolveStatus.OPTIMAL:
        return _("Hall: units seated by {method}; no better plan exists.").format(method=method)
    return _(
        "Hall: units seated by {method}; the best plan found in the time allowed, "
        "at most {gap:.1%} from the best."
    ).format(method=method, gap=report.gap)


def hall_details(terms: dict[str, int]) -> str:
    """The compromises of the hall plan that a person may want to look at (none: nothing)."""
    # each phrase a literal of its own, so that the catalogue finds it
    phrases: dict[str, Callable[[int], str]] = {
        "split_aisle": lambda n: ngettext(
            "{n} unit continues across an aisle", "{n} units continue across an aisle", n
        ),
        "split_row": lambda n: ngettext(
            "{n} unit continues onto the next row", "{n} units continue onto the next row", n
        ),
        "split_floor": lambda n: ngettext(
            "{n} unit continues onto another floor", "{n} units continue onto another floor", n
        ),
        "empty_inside": lambda n: ngettext(
            "{n} empty seat between units", "{n} empty seats between units", n
        ),
        "front_empty": lambda n: _("{n} of them in the front rows"),
    }
    parts = [say(n).format(n=n) for key, say in phrases.items() if (n := terms.get(key, 0))]
    return _("; ").join(parts)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.argument("name")
@click.option("--absent", is_flag=True, help="NAME does not come after all.")
@click.option("--present", is_flag=True, help="NAME comes (undoes --absent).")
@click.option(
    "--substitute", "other", metavar="OTHER", help="NAME does not come; OTHER comes in their place."
)
@click.option("--unit", default="", help="NAME's unit, when two people have that name.")
@click.option(
    "--other-unit", default="", help="OTHER's unit (when not on the roster, or to tell two apart)."
)
@click.option(
    "--title", "other_title", default="", help="OTHER's 职务, when OTHER is not on the roster."
)
def attend(
    folder: Path,
    name: str,
    absent: bool,
    present: bool,
    other: str | None,
    unit: str,
    other_unit: str,
    other_title: str,
) -> None:
    """Record a change on the day, re-plan with the fewest moves, print what to move.

    The change is added to attendance-log.jsonl in the meeting folder (the
    roster is never changed); the documents in out/ are written anew, and
    新增桌签.pdf holds only the cards that must newly be printed.

    Example:

        meetplan attend my-meeting 张建国 --absent

        meetplan attend my-meeting 张建国 --substitute 李明 --title 副县长
    """
    from meetplan.build import (
        check_out,
        finish,
        font_book,
        meeting_locked,
        plan_meeting,
        write_documents,
    )
    from meetplan.history.log import LOG_NAME, Action, append_log, new_change
    from meetplan.meeting import load_config
    from meetplan.moves import changes
    from meetplan.util.folder import length, take_back

    if absent + present + (other is not None) != 1:
        raise click.UsageError(_("Give exactly one of --absent, --present or --substitute OTHER."))
    kind = Action.SUBSTITUTE if other is not None else Action("absent" if absent else "present")
    log = folder / LOG_NAME
    try:
        change = new_change(
            kind, name, unit=unit, other=other or "", other_unit=other_unit, other_title=other_title
        )
        config = load_config(folder)
        check_out(config)
        with meeting_locked(config, waiting):
            day, warnings = plan_meeting(config, None, extra=change)
            assert day.before is not None
            report(warnings)
            # What to move comes first: the staff act on it while the documents are made
            # (the fonts, which the documents need, are opened after it).
            click.echo(_("Change: {change}").format(change=describe_change(change)))
            for line in move_lines(changes(day.before.base, day.plan.base), day.plan.settings):
                click.echo("  " + line)
            fonts = font_book(config)
            result = finish(day, [], fonts, terminal_progress(), changed=True, config=config)
            before = length(log)
            append_log(log, change)  # only once the change is known to work
            try:
                written = write_documents(config.out, result.documents, stale=result.stale_on_day)
            except UserError:
                take_back(log, before)  # the change stands only with its documents
                raise
    except UserError as error:
        fail(error)
        return
    click.echo(_("Recorded in {log}.").format(log=log))
    said_written(config.out, written)


def revision_lines(revision: Any, labels: bool = True) -> list[str]:
    """What changed since the printed plan, in the terminal (变更清单.pdf has it all)."""
    if revision.nothing:
        return [_("No change since the printed plan.")]
    head = (
        _("Planned from nothing (--fresh); compared with the printed plan:")
        if revision.fresh
        else _("Changes since the printed plan:")
    )
    lines = [head]
    if revision.fresh:
        lines.append(
            "  "
            + ngettext(
                "{n} person sits elsewhere than printed.",
                "{n} people sit elsewhere than printed.",
                revision.moved,
            ).format(n=revision.moved)
        )
    for person, seat in revision.added:
        lines.append(
            "  "
            + _("New: {name} ({unit}) {seat}").format(
                name=person.name, unit=person.unit or _("(no unit)"), seat=seat or _("no seat")
            )
        )
    for person, seat in revision.gone:
        lines.append(
            "  "
            + _("Gone: {name} ({unit}) {seat}").format(
                name=person.name, unit=person.unit or _("(no unit)"), seat=seat or _("no seat")
            )
        )
    for change in revision.edited:
        lines.append(
            "  "
            + _("Changed: {name}: {field} {before} → {after}").format(
                name=change.name,
                field=change.field,
                before=change.before or "—",
                after=change.after or "—",
            )
        )
    moves = [line for line in move_lines(revision.moves) if line != _("Nothing to move.")]
    lines += ["  " + line for line in moves]
    reprint = []
    if revision.cards:
        reprint.append(
            ngettext("{n} table card", "{n} table cards", len(revision.cards)).format(
                n=len(revision.cards)
            )
        )
    if revision.labels and labels:  # only when this meeting prints seat labels
        reprint.append(
            ngettext("{n} seat label", "{n} seat labels", len(revision.labels)).format(
                n=len(revision.labels)
            )
        )
    if reprint:
        lines.append("  " + _("To print again: {what}.").format(what=_(", ").join(reprint)))
    if revision.units:
        lines.append(
            "  "
            + _("Units whose page of 座次分单位.pdf changed: {units}.").format(
                units=_(", ").join(u or _("(no unit)") for u in revision.units)
            )
        )
    return lines


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.argument("names", nargs=-1)
@click.option("--unit", default="", help="The first person's unit, when two people have that name.")
@click.option("--other-unit", default="", help="The second person's unit, likewise.")
@click.option("--undo", is_flag=True, help="Take back the last hand adjustment (swap or seat).")
def swap(folder: Path, names: tuple[str, ...], unit: str, other_unit: str, undo: bool) -> None:
    """Two people exchange seats, by hand; kept and replayed by every later build.

    Both sit on the rostrum, or both in the hall. The adjustment is added to
    adjustments.jsonl in the meeting folder (the roster is never changed),
    what to move is printed, and the documents in out/ are written anew.

    Example:

        meetplan swap my-meeting 张建国 李明

        meetplan swap my-meeting --undo
    """
    from meetplan.history.adjust import make_swap

    if undo != (not names) or (not undo and len(names) != 2):
        raise click.UsageError(_("Give two names, or --undo alone."))
    hand_adjust(
        folder,
        undo,
        lambda printed, _chairs: make_swap(
            printed.printed, printed.printed_roster, names[0], unit, names[1], other_unit
        ),
    )


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.argument("name", required=False)
@click.argument("seat", required=False)
@click.option("--unit", default="", help="NAME's unit, when two people have that name.")
@click.option("--undo", is_flag=True, help="Take back the last hand adjustment (swap or seat).")
def seat(folder: Path, name: str | None, seat: str | None, unit: str, undo: bool) -> None:
    """Put a person on a seat, by hand; kept and replayed by every later build.

    SEAT is written as printed: 1排12号, 二楼3排12号, 主席台第1排第3座. Whoever
    sits there takes NAME's seat. What to move is printed, and the documents
    in out/ are written anew.

    Example:

        meetplan seat my-meeting 王伟 1排12号

        meetplan seat my-meeting --undo
    """
    from meetplan.history.adjust import make_seat
    from meetplan.model.layout import hall_seats

    if undo != (name is None) or (not undo and seat is None):
        raise click.UsageError(_("Give a name and a seat, or --undo alone."))
    hand_adjust(
        folder,
        undo,
        lambda printed, layout: make_seat(
            printed.printed,
            printed.printed_roster,
            hall_seats(layout),
            name or "",
            unit,
            seat or "",
        ),
    )


def hand_adjust(folder: Path, undo: bool, make: Callable[[Any, Any], Any]) -> None:
    """Record a hand adjustment (or take the last back), re-plan, print what to move."""
    from meetplan.build import (
        check_out,
        finish,
        font_book,
        meeting_locked,
        plan_meeting,
        printed_plan,
        write_documents,
    )
    from meetplan.history.adjust import (
        ADJUSTMENTS_NAME,
        Kind,
        append_adjustment,
        in_force,
        read_adjustments,
        stamped,
    )
    from meetplan.layouts import load_layout
    from meetplan.meeting import load_config
    from meetplan.util.folder import length, take_back

    path = folder / ADJUSTMENTS_NAME
    try:
        config = load_config(folder)
        check_out(config)
        with meeting_locked(config, waiting):
            if undo:
                held = in_force(read_adjustments(path))
                if not held:
                    raise UserError(
                        Problem(
                            _("There is no hand adjustment to take back."),
                            Location(file=str(path)),
                        )
                    )
                adjustment = stamped(Kind.UNDO)
                what = _("Taken back: {what}").format(what=held[-1].describe())
            else:
                printed = printed_plan(config)
                adjustment = make(printed, load_layout(config.layout, base=config.folder))
                what = _("Adjustment: {what}").format(what=adjustment.describe())
            fonts = font_book(config)
            day, warnings = plan_meeting(config, fonts, adjustment=adjustment)
            report(warnings)
            click.echo(what)
            if day.revision is not None:
                for line in move_lines(day.revision.moves, day.plan.settings):
                    click.echo("  " + line)
            result = finish(day, [], fonts, terminal_progress(), changed=False, config=config)
            before = length(path)
            append_adjustment(path, adjustment)  # only once the adjustment is known to work
            try:
                written = write_documents(config.out, result.documents, stale=result.stale)
            except UserError:
                take_back(path, before)  # the adjustment stands only with its documents
                raise
    except UserError as error:
        fail(error)
        return
    click.echo(_("Recorded in {log}.").format(log=path))
    said_written(config.out, written)


def describe_change(change: Any) -> str:
    if change.action.value == "absent":
        return _("{name} does not come").format(name=change.name)
    if change.action.value == "present":
        return _("{name} comes").format(name=change.name)
    return _("{name} does not come; {other} comes in their place").format(
        name=change.name, other=change.other
    )


def move_lines(moves: Any, settings: Any = None) -> list[str]:
    """What the staff do, in the order they do it."""
    from meetplan.protocol.rostrum import row_offset

    lines = []
    for name, label in moves.remove:
        lines.append(_("Take away the card of {name} ({seat})").format(name=name, seat=label))
    for row in moves.chairs:
        protocol = settings.protocol if settings is not None else None
        if protocol and row_offset(row.after, protocol.honor_side, protocol.even_rostrum):
            # 双数单摆: an even row is set with its No.1 on the table's axis, not centred
            text = (
                _(
                    "Rostrum row {row}: take away {n} chair(s); set the other {k} with the "
                    "row's first place on the table's centre line"
                )
                if row.change < 0
                else _(
                    "Rostrum row {row}: add {n} chair(s); set all {k} with the row's first "
                    "place on the table's centre line"
                )
            )
            lines.append(text.format(row=row.row, n=abs(row.change), k=row.after))
        elif row.change < 0:
            lines.append(
                _("Rostrum row {row}: take away {n} chair(s); set the other {k} centred").format(
                    row=row.row, n=-row.change, k=row.after
                )
            )
        else:
            lines.append(
                _("Rostrum row {row}: add {n} chair(s); set all {k} centred").format(
                    row=row.row, n=row.change, k=row.after
                )
            )
    for m in moves.move:
        lines.append(
            _("Carry the card of {name}: {before} → {after}").format(
                name=m.name, before=m.before, after=m.after
            )
        )
    for name, label in moves.add:
        lines.append(_("Put down the card of {name} at {seat}").format(name=name, seat=label))
    for label in moves.hall_empty:
        lines.append(_("Hall: {seat} stays empty").format(seat=label))
    for m in moves.hall_move:
        lines.append(
            _("Hall: {name} moves {before} → {after}").format(
                name=m.name, before=m.before, after=m.after
            )
        )
    for name, label in moves.hall_new:
        lines.append(_("Hall: {name} sits at {seat}").format(name=name, seat=label))
    if not lines:
        lines.append(_("Nothing to move."))
    return lines


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--layout",
    default="auditorium-600",
    show_default=True,
    help="The hall layout to start from (see `meetplan layouts`).",
)
def init(folder: Path, layout: str) -> None:
    """Create a meeting folder: meeting.toml with comments and a roster template.

    Example:

        meetplan init 2026-12-经济工作会议 --layout auditorium-600
    """
    from meetplan.layouts import find_layout
    from meetplan.roster import write_template
    from meetplan.templates import MEETING_TOML

    try:
        find_layout(layout)
        toml_path = folder / "meeting.toml"
        roster_path = folder / "roster.xlsx"
        for existing in (toml_path, roster_path):
            if existing.exists():
                raise UserError(
                    Problem(
                        _("{file} already exists; nothing was changed.").format(file=existing),
                        hint=_("Choose a new folder, or edit the existing files."),
                    )
                )
        (folder / "materials").mkdir(parents=True, exist_ok=True)
        toml_path.write_text(MEETING_TOML.format(layout=layout), encoding="utf-8")
        with open(roster_path, "wb") as f:
            write_template(f)
    except UserError as error:
        fail(error)
        return
    except OSError as exc:
        fail(
            UserError(
                _("Cannot create {folder}: {error}").format(
                    folder=shown(str(folder), 80), error=exc.strerror
                )
            )
        )
        return
    click.echo(
        _("Created {folder}: meeting.toml, roster.xlsx (template), materials/").format(
            folder=folder
        )
    )
    click.echo(
        _("Fill in roster.xlsx and meeting.toml, then run: meetplan build {folder}").format(
            folder=folder
        )
    )


@main.command()
@click.argument(
    "folder",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
)
def photo(folder: Path | None) -> None:
    """Print the group photo's line-up (合影站位) as the camera sees it, and its caption.

    The photo is set in meeting.toml [photo]; `meetplan build` writes
    合影站位图.pdf and 合影说明.txt. Nothing is written here.

    Example:

        meetplan photo examples/county-plenary
    """
    from meetplan.build import font_book, meeting_locked, plan_meeting
    from meetplan.meeting import load_config
    from meetplan.photo.lineup import change_lines, lineups, photo_changes, terminal_lines

    try:
        config = load_config(folder or Path.cwd())
        settings = config.settings.photo
        if settings is None:
            raise UserError(
                Problem(
                    _("meeting.toml has no [photo] section, so there is no group photo."),
                    Location(file=str((folder or Path.cwd()) / "meeting.toml"), key="photo"),
                    hint=_(
                        'Add [photo] to meeting.toml (include = "rostrum" lines up the '
                        "rostrum's people); `meetplan init` shows every setting."
                    ),
                )
            )
        with meeting_locked(config, waiting, writes=False):
            day, warnings = plan_meeting(config, font_book(config))
            found = lineups(day.plan, settings)
    except UserError as error:
        fail(error)
        return
    report(warnings)
    base, *others = found
    for line in terminal_lines(base):
        click.echo(line)
    for other in others:
        click.echo(_("If {case}:").format(case=other.title))
        for line in change_lines(photo_changes(base, other), len(base.rows)):
            click.echo("    " + line)


@main.command()
@click.argument(
    "folder",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
)
def banquet(folder: Path | None) -> None:
    """Print the banquet's tables (宴会桌次) and who sits where at each.

    The banquet is set in meeting.toml [banquet] and the roster's 宴会 and 主客
    columns; `meetplan build` writes 宴会桌次图.pdf, 席卡.pdf, 桌号牌.pdf and
    宴会座位表.xlsx. Nothing is written here.

    Example:

        meetplan banquet examples/county-plenary
    """
    from meetplan.banquet.report import terminal_lines
    from meetplan.build import banquet_of, font_book, meeting_locked, plan_meeting
    from meetplan.meeting import load_config

    try:
        config = load_config(folder or Path.cwd())
        if config.settings.banquet is None:
            raise UserError(
                Problem(
                    _("meeting.toml has no [banquet] section, so there is no banquet."),
                    Location(file=str((folder or Path.cwd()) / "meeting.toml"), key="banquet"),
                    hint=_(
                        'Add [banquet] with room = "banquet-hall-10" to meeting.toml and mark '
                        "the diners 宴会 = 是 in the roster; `meetplan init` shows every setting."
                    ),
                )
            )
        with meeting_locked(config, waiting, writes=False):
            day, warnings = plan_meeting(config, font_book(config))
            seated = banquet_of(day.plan, config.folder)
    except UserError as error:
        fail(error)
        return
    assert seated is not None
    report(warnings + list(seated.notes))
    for line in terminal_lines(seated):
        click.echo(line)


@main.command()
@click.argument("name", required=False)
def layouts(name: str | None) -> None:
    """List the shipped hall layouts, or show one as a picture.

    Example:

        meetplan layouts auditorium-600
    """
    from meetplan.layouts import load_layout, picture, read_layout, shipped_layouts

    try:
        if name:
            click.echo(picture(load_layout(name)))
            return
        for path in shipped_layouts():
            layout = read_layout(path)
            click.echo(
                _("{name:<20} rostrum {r:>3}  hall {h:>5}  {title}").format(
                    name=layout.name,
                    r=layout.rostrum_capacity,
                    h=layout.hall_capacity,
                    title=layout.title,
                )
            )
    except UserError as error:
        fail(error)


# -- the registration desk (签到) ----------------------------------------------------

QUIT = ("q", "quit", "exit", "退出")
UNDO = ("undo", "撤销")
COUNTS = ("?", "？", "统计")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--desk",
    default=None,
    help="This desk's name in the check-in log (default: the computer's name).",
)
@click.option(
    "--report",
    "write_report",
    is_flag=True,
    help="Write 签到统计.pdf and 签到统计.xlsx into out/ and print the counts; no desk.",
)
def checkin(folder: Path, desk: str | None, write_report: bool) -> None:
    """The registration desk: type a name, its pinyin initials or scan a pass.

    Each arrival is added to checkin-log.jsonl in the meeting folder, with the
    time and the desk; several desks may check people in at once. The desk
    shows the person's unit and seat and the counts 应到 / 实到 / 请假 / 未到.
    At the prompt: ? or 统计 for the counts by area and unit, 撤销 (undo) to
    take back this desk's last arrival, q or 退出 to stop.

    Example:

        meetplan checkin examples/county-plenary --desk 1号台

        meetplan checkin examples/county-plenary --report
    """
    from meetplan.build import meeting_locked, plan_meeting
    from meetplan.checkin.desk import Desk
    from meetplan.fonts import FontBook
    from meetplan.history.checkin import (
        CHECKIN_LOG,
        CheckinLog,
        check_writable,
        default_desk,
        desk_name,
    )
    from meetplan.history.log import LOG_NAME
    from meetplan.meeting import load_config

    fonts = FontBook()
    try:
        name = desk_name(desk) if desk is not None else default_desk()
        config = load_config(folder)
        with meeting_locked(config, waiting, writes=False):
            day, warnings = plan_meeting(config, fonts)
        log = CheckinLog(folder / CHECKIN_LOG)
        log.refresh(whole=write_report)
        if write_report:
            checkin_report(config, day.plan, log, fonts)
            return
        check_writable(log.path)
    except UserError as error:
        fail(error)
        return
    report([w for w in warnings if w.severity is not Severity.NOTICE] + log.warnings)
    session = Desk(
        day.plan, log, name, str(folder), count_observers=config.settings.checkin.count_observers
    )
    attendance = folder / LOG_NAME
    seen = _stamp(attendance)
    click.echo(config.settings.meeting.title or _("(no meeting title)"))
    click.echo(
        _(
            "Desk {desk}. Type a name, its pinyin initials (zjg) or scan a pass; "
            "? counts, 撤销 takes back the last arrival, q stops."
        ).format(desk=name)
    )
    click.echo(session.count_line())
    stdin = sys.stdin  # CliRunner gives its input here too
    while True:
        click.echo("> ", nl=False)
        line = stdin.readline()
        if not line:
            click.echo("")
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in QUIT:
            break
        try:
            if _stamp(attendance) != seen:  # `meetplan attend` recorded a change meanwhile
                seen = _stamp(attendance)
                day, _warnings = plan_meeting(config, fonts)
                session.plan = day.plan
                click.echo(_("The attendance log has changed: the plan of the day is read again."))
            report(session.refresh())
            if text in COUNTS:
                for out in session.count_details():
                    click.echo(out)
                continue
            if text.lower() in UNDO:
                for out in session.undo_last():
                    click.echo(out)
                click.echo(session.count_line())
                continue
            found = session.find(text)
            people = found.people
            if found.miss is not None:
                click.echo(session.missed(found, text), err=True)
                continue
            if len(people) > 1:
                for out in session.choices(found):
                    click.echo(out)
                click.echo("> ", nl=False)
                answer = stdin.readline().strip()
                chosen = int(answer) if answer.isdigit() else 0
                if not 1 <= chosen <= min(len(people), 20):
                    click.echo(_("Nothing recorded."))
                    continue
                people = (people[chosen - 1],)
            for out in session.check_in(people[0]):
                click.echo(out)
            click.echo(session.count_line())
        except UserError as error:  # the log cannot be written: said, the desk goes on
            report(error.problems)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns)


def checkin_report(config: Any, plan: Plan, log: Any, fonts: Any) -> None:
    """签到统计.pdf and 签到统计.xlsx into out/, beside the documents already there."""
    import datetime as dt

    from meetplan.build import check_out, meeting_locked, write_documents
    from meetplan.checkin.counts import tally
    from meetplan.render.checkin_report_pdf import REPORT_PDF, render_checkin_pdf
    from meetplan.render.checkin_report_xlsx import REPORT_XLSX, render_checkin_xlsx

    counts = tally(
        plan.roster, log.arrived(), count_observers=config.settings.checkin.count_observers
    )
    now = dt.datetime.now()
    at = f"{now.year}年{now.month}月{now.day}日 {now:%H:%M}"  # as 公文 write a date
    report(log.warnings)
    documents = {
        REPORT_PDF: render_checkin_pdf(plan, counts, at, fonts, damaged=len(log.warnings)),
        REPORT_XLSX: render_checkin_xlsx(plan, counts, at, damaged=len(log.warnings)),
    }
    check_out(config)
    with meeting_locked(config, waiting):
        written = write_documents(config.out, documents)
    from meetplan.checkin.desk import Desk

    desk = Desk(plan, log, "", "", count_observers=config.settings.checkin.count_observers)
    for line in desk.count_details():
        click.echo(line)
    click.echo(_("Written to {out}:").format(out=config.out))
    for path in written.documents:
        click.echo(f"  {path.name}")
