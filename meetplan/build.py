"""One whole run: import -> plan -> every document, written at the end, all at once.

Nothing is written until every document has been made in memory, so a
failure anywhere leaves out/ as it was. Each file is then replaced
atomically (temporary file, then rename).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from meetplan.fonts import FontBook
from meetplan.history.log import LOG_NAME, Change, Day, read_log, replay
from meetplan.history.record import (
    fingerprint,
    first_from_record,
    first_record,
    roster_from_record,
)
from meetplan.i18n import _
from meetplan.layouts import load_layout
from meetplan.meeting import FONT_KEYS, MeetingConfig
from meetplan.model.attendee import Attendee
from meetplan.model.checklist import Checklist
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.plan import Plan
from meetplan.model.settings import PrintSettings, SeatLabels
from meetplan.planning import substitution_warnings, unitless_warnings
from meetplan.render.paper import paper_size
from meetplan.render.seat_labels import parse_grid, parse_label_spec
from meetplan.roster.load import load_roster
from meetplan.scenarios import standby

if TYPE_CHECKING:
    from meetplan.render.cards import Card

Progress = Callable[[str], None]

PLAN_JSON = "plan.json"
SEATING_XLSX = "座次表.xlsx"
CARDS_PDF = "桌签.pdf"
SIGN_IN_PDF = "签到表.pdf"
SIGN_IN_XLSX = "签到表.xlsx"
CHART_PDF = "座次图.pdf"
UNIT_EXTRACT_PDF = "座次分单位.pdf"
SEAT_LABELS_PDF = "座签.pdf"
CONTINGENCY_PDF = "应急调整表.pdf"
NEW_CARDS_PDF = "新增桌签.pdf"
CHECKLIST_PDF = "会务检查清单.pdf"
CHECKLIST_XLSX = "会务检查清单.xlsx"
FIRST_PLAN = ".first-plan.json"  # the first plan's seats, so that `attend` need not solve again


@dataclass
class BuildResult:
    plan: Plan
    documents: dict[str, bytes]
    warnings: list[Problem] = field(default_factory=list)
    day: Day | None = None
    checklist: Checklist | None = None  # what the checks found (build and attend make one)


def new_cards(before: Plan, after: Plan) -> list[Card]:
    """Cards the last change needs that were not printed before it."""
    from meetplan.render.cards import conditional_cards

    printed = {a.person.id for a in before.base.in_area("rostrum")} | {
        p.id for p in standby(before.roster)
    }
    return [card for card in conditional_cards(after) if card.person not in printed]


def log_path(config: MeetingConfig) -> Path | None:
    return config.folder / LOG_NAME if config.folder is not None else None


def plan_meeting(
    config: MeetingConfig, fonts: FontBook, extra: Change | None = None
) -> tuple[Day, list[Problem]]:
    """Read and check everything (settings, roster, layout, the day's changes) and report
    all problems together; then plan, replaying the attendance log (and ``extra``)."""
    assert config.roster is not None
    problems = check_print_settings(config.settings.printing, fonts)
    roster = layout = None
    warnings: list[Problem] = list(config.warnings)
    try:
        layout = load_layout(config.layout, base=config.folder)
    except UserError as error:
        problems += error.problems
    changes: list[Change] = []
    log = log_path(config)
    try:
        changes = read_log(log) if log is not None else []
    except UserError as error:
        problems += error.problems
    # On the day (changes to replay), the first build's record spares reading the
    # roster and solving the hall again, as long as nothing they depend on changed.
    key = ""
    record = b""
    if layout is not None and config.roster.is_file():
        key = fingerprint(config.roster, layout, config.settings)
        if (changes or extra) and (config.out / FIRST_PLAN).is_file():
            record = (config.out / FIRST_PLAN).read_bytes()
    known_roster = roster_from_record(record, key) if record else None
    if known_roster is not None:
        roster, roster_warnings = known_roster
    else:
        try:
            roster, roster_warnings = load_roster(
                config.roster, allow_ties=config.settings.protocol.allow_ties
            )
        except UserError as error:
            problems += error.problems
    if problems or roster is None or layout is None:
        raise UserError(problems)
    warnings += roster_warnings
    known = first_from_record(record, key, roster, layout) if record else None
    day = replace(
        replay(roster, layout, config.settings, changes, extra, known),
        key=key,
        imported=roster,
        roster_warnings=tuple(roster_warnings),
    )
    notes = substitution_warnings(day.roster) + unitless_warnings(day.roster) + list(day.plan.notes)
    return day, warnings + notes


def check_print_settings(printing: PrintSettings, fonts: FontBook) -> list[Problem]:
    """Paper and fonts exist, before any roster work; each problem names its setting."""
    problems: list[Problem] = []
    try:
        paper_size(printing.card_size)
    except UserError as error:
        problems += error.problems
    try:
        parse_grid(printing.label_grid, label_size=parse_label_spec(printing.label_size))
    except UserError as error:
        problems += error.problems
    for key in FONT_KEYS:
        try:
            fonts.resolve(getattr(printing, key))
        except UserError as error:
            problems += [
                replace(p, location=replace(p.location, key=f"print.{key}")) for p in error.problems
            ]
    return problems


def rostrum_cards(plan: Plan) -> list[Card]:
    """Every card printed in advance: each rostrum seat of the base plan (待定 leaders
    included), in laying order, then each standby substitute's card."""
    from meetplan.render.cards import conditional_cards

    return conditional_cards(plan)


def printed_fields(person: Attendee) -> list[tuple[str, str]]:
    """Everything of a person that some list prints: name, unit, title, remark."""
    return [
        ("姓名", person.name),
        ("单位", person.unit),
        ("职务", person.title),
        ("备注", person.extra.get("备注", "")),
    ]


def check_glyphs(plan: Plan, fonts: FontBook) -> list[Problem]:
    """Every character to be printed exists in the font that prints it, before anything is printed.

    A missing character names the person, the field and the character, never a blank box.
    """
    printing = plan.settings.printing
    problems: list[Problem] = []
    cards = {a.person.id for a in plan.base.in_area("rostrum")} | {
        p.id for p in standby(plan.roster)
    }
    for person in plan.roster.attendees:
        jobs = [(printing.list_font, printed_fields(person))]
        if person.id in cards:
            card_fields = [("姓名", person.name)]
            if printing.card_title:
                card_fields.append(("职务", person.title))
            jobs.append((printing.card_font, card_fields))
        for spec, fields in jobs:
            for field_name, text in fields:
                for ch in fonts.missing(spec, text):
                    problems.append(
                        Problem(
                            _(
                                "{name}: the character {char} (U+{code:04X}) in {field} is in no available "
                                "font ({font}), so it cannot be printed."
                            ).format(
                                name=person.name,
                                char=ch,
                                code=ord(ch),
                                field=field_name,
                                font=fonts.resolve(spec).family,
                            ),
                            Location(
                                file=plan.roster.source,
                                row=person.source_row,
                                column=field_name,
                                value=text,
                            ),
                            hint=_(
                                "Check the character is right; if it is, install a font that has it "
                                "and name its file in meeting.toml [print] (card_font / list_font)."
                            ),
                        )
                    )
    m = plan.settings.meeting
    for label, text in (
        ("meeting.title", m.title),
        ("meeting.date", m.date),
        ("meeting.time", m.time),
        ("meeting.venue", m.venue),
        ("meeting.classification", m.classification),
    ):
        missing = fonts.missing(printing.heading_font, text) + fonts.missing(
            printing.list_font, text
        )
        for ch in dict.fromkeys(missing):
            problems.append(
                Problem(
                    _("The character {char} (U+{code:04X}) is in no available font.").format(
                        char=ch, code=ord(ch)
                    ),
                    Location(key=label, value=text),
                    hint=_(
                        "Check the character is right, or name a font file that has it in meeting.toml [print]."
                    ),
                )
            )
    return problems


def font_notes(fonts: FontBook, printing: PrintSettings) -> list[Problem]:
    """Say when a font style asked for is not on this machine and another stands in."""
    notes = []
    seen = set()
    for key in FONT_KEYS:
        spec = getattr(printing, key)
        choice = fonts.resolve(spec)
        if choice.fallback_note and spec not in seen:
            seen.add(spec)
            notes.append(
                Problem(
                    choice.fallback_note, Location(key=f"print.{key}"), severity=Severity.WARNING
                )
            )
    return notes


def document_makers(plan: Plan, fonts: FontBook) -> dict[str, Callable[[], bytes]]:
    """Each document of out/ and the function that makes it (fonts registered here).

    The renderers are imported here, not at the top: ``meetplan attend`` prints
    its move list before any of them is needed.
    """
    from meetplan.render.cards import cards_text, render_cards
    from meetplan.render.chart_pdf import chart_text, render_chart, render_unit_extract
    from meetplan.render.contingency_pdf import contingency_text, render_contingency
    from meetplan.render.lists import HEADINGS, sign_in_sheets
    from meetplan.render.plan_json import render_plan_json
    from meetplan.render.seat_labels import labels_for, render_seat_labels, seat_label_text
    from meetplan.render.seating_xlsx import render_seating_xlsx
    from meetplan.render.sign_in_pdf import FIXED_TEXT, meeting_line, render_sign_in_pdf
    from meetplan.render.sign_in_xlsx import render_sign_in_xlsx

    printing = plan.settings.printing
    meeting = plan.settings.meeting
    cards = rostrum_cards(plan)
    cards_title = f"{meeting.title} 桌签"
    with_index = any(c.conditional for c in cards)  # an index page says which cards are conditional
    card_font = fonts.register(
        printing.card_font,
        cards_text(cards, with_title=printing.card_title, index=with_index, title=cards_title),
    )
    sheets = sign_in_sheets(plan)
    list_text = (
        "".join(r.name + r.unit + r.title + r.remark for s in sheets for r in s.rows)
        + meeting_line(meeting)
        + meeting.title
        + "".join(HEADINGS.values())
        + FIXED_TEXT
    )
    heading_text = meeting.title + "".join(HEADINGS.values()) + FIXED_TEXT + meeting.classification
    body = fonts.register(printing.list_font, list_text)
    heading = fonts.register(printing.heading_font, heading_text)
    chart = chart_text(plan, plan.base)
    chart_body = fonts.register(printing.list_font, chart)
    chart_heading = fonts.register(printing.heading_font, chart)
    makers: dict[str, Callable[[], bytes]] = {
        PLAN_JSON: lambda: render_plan_json(plan),
        SEATING_XLSX: lambda: render_seating_xlsx(plan),
        CARDS_PDF: lambda: render_cards(
            cards,
            card_font,
            paper_size(printing.card_size),
            with_title=printing.card_title,
            title=cards_title,
            author=meeting.organizer,
            index=with_index,
        ),
        SIGN_IN_PDF: lambda: render_sign_in_pdf(sheets, meeting, body, heading),
        SIGN_IN_XLSX: lambda: render_sign_in_xlsx(sheets, meeting),
        CHART_PDF: lambda: render_chart(plan, plan.base, chart_body, chart_heading),
        UNIT_EXTRACT_PDF: lambda: render_unit_extract(plan, plan.base, chart_body, chart_heading),
    }
    if len(plan.scenarios) > 1:
        contingency = contingency_text(plan)
        contingency_body = fonts.register(printing.list_font, contingency)
        contingency_heading = fonts.register(printing.heading_font, contingency)
        makers[CONTINGENCY_PDF] = lambda: render_contingency(
            plan, contingency_body, contingency_heading
        )
    if wants_seat_labels(plan):
        labels = labels_for(plan, plan.base)
        label_font = fonts.register(printing.card_font, seat_label_text(labels))
        size = parse_label_spec(printing.label_size)
        grid = parse_grid(printing.label_grid, label_size=size)
        makers[SEAT_LABELS_PDF] = lambda: render_seat_labels(
            labels,
            label_font,
            label_size=size,
            grid=grid,
            title=f"{meeting.title} 座签",
            author=meeting.organizer,
        )
    return makers


def wants_seat_labels(plan: Plan) -> bool:
    choice = plan.settings.printing.seat_labels
    return choice is SeatLabels.YES or (choice is SeatLabels.LAYOUT and plan.layout.seat_labels)


def render_documents(
    plan: Plan, fonts: FontBook, progress: Progress | None = None
) -> dict[str, bytes]:
    documents = {}
    for name, make in document_makers(plan, fonts).items():
        if progress:
            progress(_("Making {file}").format(file=name))
        documents[name] = make()
    return documents


def build(
    config: MeetingConfig,
    fonts: FontBook | None = None,
    progress: Progress | None = None,
    extra: Change | None = None,
) -> BuildResult:
    """Validate, plan and render everything in memory. Raises UserError; writes nothing.

    ``progress`` hears of each stage (for a terminal; the CLI passes nothing when
    its output is not one).
    """
    fonts = fonts or FontBook()
    if progress:
        progress(_("Reading the roster and the layout; seating the hall"))
    day, warnings = plan_meeting(config, fonts, extra)
    return finish(day, warnings, fonts, progress, extra is not None, config)


def finish(
    day: Day,
    warnings: list[Problem],
    fonts: FontBook,
    progress: Progress | None,
    changed: bool,
    config: MeetingConfig | None = None,
) -> BuildResult:
    """Check what will be printed and make every document of a planned day, in memory;
    then the checklist (会务检查清单), checking those documents and the materials."""
    from meetplan.render.cards import cards_text, render_cards
    from meetplan.render.lists import sign_in_sheets
    from meetplan.render.sign_in_pdf import clipped_cells

    plan = day.plan
    printing = plan.settings.printing
    glyph_problems = check_glyphs(plan, fonts)
    if glyph_problems:
        raise UserError(glyph_problems)
    for sheet, number, column, text in clipped_cells(sign_in_sheets(plan)):
        warnings.append(
            Problem(
                _(
                    "{sheet} No. {number}: the {column} is too long for the printed sheet and is cut short there."
                ).format(sheet=sheet, number=number, column=column),
                Location(file="签到表.pdf", column=column, value=text),
                hint=_(
                    "Shorten it in the roster if the sheet must show all of it; 签到表.xlsx keeps the full text."
                ),
                severity=Severity.WARNING,
            )
        )
    meeting = plan.settings.meeting
    empty = [key for key in ("title", "date", "venue") if not getattr(meeting, key)]
    if empty:
        warnings.append(
            Problem(
                _("Not filled in: {keys}; the documents print without them.").format(
                    keys=_(", ").join(f"meeting.{k}" for k in empty)
                ),
                Location(key="meeting"),
                hint=_(
                    "Fill them in under [meeting] in meeting.toml, or give --title, --date, --venue."
                ),
                severity=Severity.WARNING,
            )
        )
    if not plan.base.in_area("rostrum"):
        warnings.append(
            Problem(
                _("Nobody sits on the rostrum, so there are no table cards to print."),
                Location(file=plan.roster.source, column="座区"),
                hint=_("Give the rostrum leaders 座区 主席台 in the roster."),
                severity=Severity.WARNING,
            )
        )
    warnings += font_notes(fonts, printing)
    documents = render_documents(plan, fonts, progress)
    if changed and day.before is not None:
        fresh = new_cards(day.before, plan)
        if fresh:
            printing = plan.settings.printing
            font = fonts.register(printing.card_font, cards_text(fresh, title=NEW_CARDS_PDF))
            documents[NEW_CARDS_PDF] = render_cards(
                fresh,
                font,
                paper_size(printing.card_size),
                with_title=printing.card_title,
                title=f"{plan.settings.meeting.title} 新增桌签",
                author=plan.settings.meeting.organizer,
            )
    checklist = None
    if config is not None:
        if progress:
            progress(_("Checking the materials and the documents"))
        checklist = make_checklist(plan, config, documents, fonts)
        documents.update(render_checklist(checklist, fonts, printing))
    if day.first is not None and day.key:
        documents[FIRST_PLAN] = first_record(day.first, day.key, day.imported, day.roster_warnings)
    return BuildResult(plan, documents, warnings, day, checklist)


def make_checklist(
    plan: Plan, config: MeetingConfig, documents: dict[str, bytes], fonts: FontBook
) -> Checklist:
    """Every automatic check on the materials and the documents, and the items to tick."""
    from meetplan.materials.checks import run_checks
    from meetplan.materials.config import checklist_items

    printing = plan.settings.printing

    def missing(text: str) -> list[str]:
        found = fonts.missing(printing.card_font, text) + fonts.missing(printing.list_font, text)
        return list(dict.fromkeys(found))

    results = run_checks(
        plan,
        config.materials,
        config.folder,
        documents,
        cards_file=CARDS_PDF,
        sign_in_file=SIGN_IN_XLSX,
        displayed={CARDS_PDF, SEAT_LABELS_PDF, NEW_CARDS_PDF},
        missing_glyphs=missing,
    )
    return Checklist(plan.settings.meeting, tuple(results), checklist_items(config.checklist))


def render_checklist(
    checklist: Checklist, fonts: FontBook, printing: PrintSettings
) -> dict[str, bytes]:
    from meetplan.render.checklist_pdf import checklist_text, render_checklist_pdf
    from meetplan.render.checklist_xlsx import render_checklist_xlsx

    text = checklist_text(checklist)
    body = fonts.register(printing.list_font, text)
    heading = fonts.register(printing.heading_font, text)
    return {
        CHECKLIST_PDF: render_checklist_pdf(checklist, body, heading),
        CHECKLIST_XLSX: render_checklist_xlsx(checklist),
    }


def write_documents(out: Path, documents: dict[str, bytes]) -> list[Path]:
    """Replace the documents in out/ all together, or not at all.

    New contents go to temporary files first; then every old document is moved
    aside (on Windows this fails at once for a file open in Excel or WPS); only
    when all of that worked do the new files take their names. Any failure
    puts the old documents back, so out/ is never half old, half new.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            Problem(
                _("Cannot create the output folder: {error}").format(error=exc.strerror),
                Location(file=str(out)),
            )
        ) from None
    fresh: list[tuple[Path, Path]] = []  # (temporary file, target)
    aside: list[tuple[Path, Path]] = []  # (old document moved aside, its name)
    placed: list[Path] = []
    current = out
    try:
        for name, data in documents.items():
            current = out / name
            fd, name_new = tempfile.mkstemp(prefix=".meetplan-new-", dir=out)
            fresh.append((Path(name_new), current))
            os.chmod(fd, 0o666 & ~_umask())  # as readable as any file the user saves
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        for _tmp, target in fresh:
            current = target
            if target.exists():
                backup = Path(tempfile.mktemp(prefix=".meetplan-old-", dir=out))
                os.replace(target, backup)
                aside.append((backup, target))
        for new, target in fresh:
            current = target
            os.replace(new, target)
            placed.append(target)
    except OSError as exc:
        _undo(fresh, aside, placed)
        raise UserError(
            Problem(
                _("Cannot write {file}: {error}").format(file=current, error=exc.strerror),
                Location(file=str(current)),
                hint=_("Close the file if it is open in Excel or WPS, then build again."),
            )
        ) from None
    for backup, _target in aside:
        backup.unlink(missing_ok=True)
    return placed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _undo(
    fresh: list[tuple[Path, Path]], aside: list[tuple[Path, Path]], placed: list[Path]
) -> None:
    for target in placed:
        target.unlink(missing_ok=True)
    for backup, target in aside:
        os.replace(backup, target)
    for tmp, _target in fresh:
        tmp.unlink(missing_ok=True)
