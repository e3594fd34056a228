"""One whole run: import -> plan -> every document, written at the end, all at once.

Nothing is written until every document has been made in memory, so a
failure anywhere leaves out/ as it was. Then out/ is replaced as a whole
(:mod:`meetplan.util.folder`): wholly old or wholly new, even when killed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetplan.history.adjust import ADJUSTMENTS_NAME, Adjustment, read_adjustments
from meetplan.history.log import LOG_NAME, Change, Day, read_log, replay
from meetplan.history.record import (
    OLD_RECORD,
    RECORD,
    RECORD_SIZE,
    PrintedPlan,
    Unusable,
    fingerprint,
    first_from_record,
    first_record,
    key_of,
    parse_record,
    read_printed,
    roster_from_record,
)
from meetplan.history.revision import Matching, Revision, carried, match_people, revise
from meetplan.i18n import _, in_language, terminal_language
from meetplan.layouts import load_layout
from meetplan.meeting import FONT_KEYS, MeetingConfig
from meetplan.model.attendee import Attendee, Roster
from meetplan.model.checklist import Checklist
from meetplan.model.errors import Location, Problem, Severity, UserError, raise_if_errors
from meetplan.model.plan import Plan
from meetplan.model.settings import MeetingInfo, PrintSettings, SeatLabels
from meetplan.model.text import shown
from meetplan.planning import substitution_warnings, unitless_warnings
from meetplan.roster.load import load_roster
from meetplan.scenarios import standby

if TYPE_CHECKING:
    from meetplan.fonts import FontBook
    from meetplan.model.banquet import BanquetPlan
    from meetplan.render.cards import Card
    from meetplan.render.fitting import Clipped
    from meetplan.render.memo import DocumentMemo
    from meetplan.util.lock import LockError

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
CHANGE_LIST_PDF = "变更清单.pdf"
REPRINT_CARDS_PDF = "补打桌签.pdf"
REPRINT_LABELS_PDF = "补打座签.pdf"
# Documents a build makes only sometimes: one left from an earlier build is removed, so
# that out/ never holds a document that no longer applies.
BANQUET_DOCUMENTS = ("宴会桌次图.pdf", "席卡.pdf", "桌号牌.pdf", "宴会座位表.xlsx")
PASSES_PDF = "出席证.pdf"  # meetplan.render.passes
# written by `meetplan checkin --report`, not by build: kept, never stale
CHECKIN_REPORT = ("签到统计.pdf", "签到统计.xlsx")
PHOTO_LABELS_PDF = "站位贴.pdf"  # set out on the risers, like seat labels
PHOTO_DOCUMENTS = ("合影站位图.pdf", "合影说明.txt", PHOTO_LABELS_PDF)  # meetplan.photo.documents
SOMETIMES = (
    PASSES_PDF,
    *PHOTO_DOCUMENTS,
    *BANQUET_DOCUMENTS,
    CONTINGENCY_PDF,
    SEAT_LABELS_PDF,
    NEW_CARDS_PDF,
    CHANGE_LIST_PDF,
    REPRINT_CARDS_PDF,
    REPRINT_LABELS_PDF,
    OLD_RECORD,
)
CHANGE_DOCUMENTS = (CHANGE_LIST_PDF, REPRINT_CARDS_PDF, REPRINT_LABELS_PDF)
SEAT_FINDER_HTML = "座位查询.html"  # meetplan.render.seat_finder
CHECKLIST_PDF = "会务检查清单.pdf"
CHECKLIST_XLSX = "会务检查清单.xlsx"


@dataclass
class BuildResult:
    plan: Plan
    documents: dict[str, bytes]
    warnings: list[Problem] = field(default_factory=list)
    day: Day | None = None
    checklist: Checklist | None = None  # what the checks found (build and attend make one)
    said: Checklist | None = None  # the same, in the terminal's language (for its summary)

    @property
    def stale(self) -> list[str]:
        """Documents of an earlier build that this one does not make (removed on writing).

        When nothing changed since the printed plan, the last change list and its
        reprints stay: they still say what the last revision changed, and may not
        have been printed yet.
        """
        keep: tuple[str, ...] = ()
        revision = self.day.revision if self.day is not None else None
        if revision is not None and revision.nothing:
            keep = CHANGE_DOCUMENTS
        return [name for name in SOMETIMES if name not in self.documents and name not in keep]

    @property
    def stale_on_day(self) -> list[str]:
        """The same for a change on the day (``attend``): the last change list and
        its reprints stay, as the roster did not change."""
        return [name for name in self.stale if name not in CHANGE_DOCUMENTS]


def new_cards(before: Plan, after: Plan) -> list[Card]:
    """Cards the last change needs that were not printed before it."""
    from meetplan.render.cards import conditional_cards

    printed = {a.person.id for a in before.base.in_area("rostrum")} | {
        p.id for p in standby(before.roster)
    }
    return [card for card in conditional_cards(after) if card.person not in printed]


def log_path(config: MeetingConfig) -> Path | None:
    return config.folder / LOG_NAME if config.folder is not None else None


def read_record(out: Path) -> bytes:
    """The record of the last build in out/ (its older name too), or nothing."""
    for name in (RECORD, OLD_RECORD):
        path = out / name
        if path.is_file():
            try:
                if path.stat().st_size > RECORD_SIZE:
                    return b"\xff"  # not a record meetplan wrote: damaged
                return path.read_bytes()
            except OSError:
                return b"\xff"  # unreadable: reported as a damaged record where it matters
    return b""


def small_enough(roster: Path) -> bool:
    """Whether the roster may be read whole for its fingerprint (a bigger one is
    refused by the reader, with the limit)."""
    from meetplan.roster.limits import MAX_FILE_BYTES

    try:
        return roster.stat().st_size <= MAX_FILE_BYTES
    except OSError:
        return False


def unusable_problem(reason: Unusable, out: Path) -> Problem:
    """Why the printed plan cannot be the baseline, and the office's choice."""
    messages = {
        Unusable.DAMAGED: _("The record of the printed plan in {out} cannot be read."),
        Unusable.LAYOUT: _(
            "The plan printed last time (in {out}) was made for another layout, or the "
            "layout file has changed since: its seats cannot be kept."
        ),
        Unusable.SHAPE: _(
            "The plan printed last time (in {out}) was made with other hall settings "
            "(hall_method, honor_side, row_order, column_order or [[hall.place]]): "
            "re-planning from it would not follow the new settings."
        ),
    }
    return Problem(
        messages[reason].format(out=out),
        Location(file=str(out / RECORD)),
        hint=_(
            "To plan the whole meeting again from nothing, run the build with --fresh: the "
            "change list then says who moves. Or put back the settings, layout or out/ "
            "folder that the printed documents were made with."
        ),
    )


def plan_meeting(
    config: MeetingConfig,
    fonts: FontBook | None,
    extra: Change | None = None,
    fresh: bool = False,
    adjustment: Adjustment | None = None,
    documents: bool = False,
) -> tuple[Day, list[Problem]]:
    """Read and check everything (settings, roster, layout, the day's changes) and report
    all problems together; then plan, replaying the attendance log (and ``extra``).

    Once out/ holds the record of a printed plan, that plan is the baseline: a
    revised roster is re-planned against it with the fewest moves, and the
    day's :class:`~meetplan.history.revision.Revision` says what changed
    (``fresh``: plan from nothing, and still say what changed). A change on the
    day (``extra``, from ``attend``) is applied to the printed plan, never to
    roster edits that nobody has built.

    ``documents``: the caller makes the documents next (a build): the glyphs of the
    roster's text are then converted in another process while the hall is solved.
    """
    assert config.roster is not None
    # On the day the move list comes first: the print settings are checked when the
    # documents are made (finish), not before it (reading the fonts takes a while).
    # (``fonts`` may then be None: attend makes its font book after the move list.)
    problems = (
        []
        if extra is not None
        else check_print_settings(config.settings.printing, fonts or font_book(config))
    )
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
    adjustments: list[Adjustment] = []
    adjusted = config.folder / ADJUSTMENTS_NAME if config.folder is not None else None
    try:
        adjustments = read_adjustments(adjusted) if adjusted is not None else []
    except UserError as error:
        problems += error.problems
    if adjustment is not None:
        adjustments.append(adjustment)
    on_the_day = extra is not None or adjustment is not None
    key = ""
    data = read_record(config.out)
    record = parse_record(data) if data else None  # read once; None: none, or damaged
    if layout is not None and config.roster.is_file() and small_enough(config.roster):
        key = fingerprint(config.roster, layout, config.settings)
    # The roster as the last build read it spares reading the spreadsheet again when
    # nothing it depends on changed.
    stored_roster = roster_from_record(record, key, str(config.roster))
    same = bool(data) and key_of(record) == key
    # On the day, a roster (or meeting.toml) edited since the last build is not what
    # was printed: the change applies to the printed plan.
    unbuilt = on_the_day and bool(data) and not same
    printed: PrintedPlan | Unusable | None = None
    # The printed plan is the baseline of a build, what an unbuilt edit's change applies
    # to, and what a hand adjustment is compared with; on a plain day it is not needed.
    if data and layout is not None and not (on_the_day and same and adjustment is None):
        printed = read_printed(record, layout, config.settings, str(config.roster))
    if unbuilt:
        if isinstance(printed, PrintedPlan):
            stored_roster = (printed.roster, [])
        else:
            problems.append(
                Problem(
                    _(
                        "The roster has changed since the documents were printed, and the "
                        "record of the printed plan in {out} cannot be used."
                    ).format(out=config.out),
                    Location(file=str(config.out / RECORD)),
                    hint=_(
                        "Run meetplan build first, check the documents it prints, then record "
                        "the change."
                    ),
                )
            )
    if stored_roster is not None:
        roster, roster_warnings = stored_roster
    else:
        try:
            roster, roster_warnings = load_roster(
                config.roster, allow_ties=config.settings.protocol.allow_ties
            )
        except UserError as error:
            problems += error.problems
    if not on_the_day and not fresh and not same and isinstance(printed, Unusable):
        problems.append(unusable_problem(printed, config.out))
    if problems or roster is None or layout is None:
        raise UserError(problems)
    if fonts is not None and documents and not on_the_day:
        # The glyphs of every name, unit and title converted in another process while
        # this one seats the hall: a first build's slowest part, done meanwhile.
        text = roster_text(roster, config.settings.meeting) + fixed_text(config)
        printing = config.settings.printing
        fonts.prepare(
            [
                (spec, text)
                for spec in (printing.list_font, printing.heading_font, printing.card_font)
            ],
            background=True,
        )
    # how the roster was read was said when it was built; on the day, only what matters
    warnings += [w for w in roster_warnings if not (on_the_day and w.severity is Severity.NOTICE)]
    known = None
    baseline = None
    notes: list[Problem] = []
    if unbuilt and isinstance(printed, PrintedPlan):
        known = printed.first
        notes.append(
            Problem(
                _(
                    "The roster or meeting.toml has changed since the documents were printed. "
                    "This change is applied to the plan as printed; those edits are not."
                ),
                Location(file=str(config.roster)),
                hint=_("Run meetplan build to plan the edits: it says what they move."),
                severity=Severity.WARNING,
            )
        )
    elif same and stored_roster is not None and not (fresh and extra is None):
        known = first_from_record(record, key, roster, layout)  # nothing changed since
    if known is None and not fresh and isinstance(printed, PrintedPlan):
        matching = match_people(printed.roster, roster)
        baseline = carried(printed.first, matching)
        notes += matched_notes(matching, config.roster)
    elif known is not None and extra is None and not changes:
        baseline = known  # the same roster and settings: the same plan, without solving again
    day = replace(
        replay(
            roster,
            layout,
            config.settings,
            changes,
            extra,
            known,
            baseline,
            adjustments,
            str(adjusted or ""),
        ),
        key=key_of(record) if unbuilt else key,  # unbuilt edits: the next build revises
        imported=roster,
        roster_warnings=tuple(roster_warnings),
    )
    if isinstance(printed, PrintedPlan) and extra is None:
        day = replace(
            day,
            revision=revise(printed.printed, printed.printed_roster, day.plan, fresh=fresh),
        )
    notes += list(day.notes) + substitution_warnings(day.roster) + unitless_warnings(day.roster)
    return day, warnings + notes + list(day.plan.notes)


def printed_plan(config: MeetingConfig) -> PrintedPlan:
    """The plan as printed by the last build, for a hand adjustment to name people and seats."""
    layout = load_layout(config.layout, base=config.folder)
    data = read_record(config.out)
    if not data:
        raise UserError(
            Problem(
                _("There is no printed plan in {out} yet.").format(out=config.out),
                Location(file=str(config.out)),
                hint=_("Run meetplan build first; hand adjustments change the plan it printed."),
            )
        )
    printed = read_printed(parse_record(data), layout, config.settings, str(config.roster))
    if isinstance(printed, Unusable):
        raise UserError(unusable_problem(printed, config.out))
    return printed


def matched_notes(matching: Matching, roster_file: Path) -> list[Problem]:
    """Say who was taken for the same person although their unit changed."""
    return [
        Problem(
            _(
                "{name} is taken to be the person printed under {old}: the unit is now {new}. "
                "They move to the block of {new}."
            ).format(
                name=m.new.name, old=m.old.unit or _("(no unit)"), new=m.new.unit or _("(no unit)")
            ),
            Location(file=str(roster_file), row=m.new.source_row, column="单位", value=m.new.unit),
            hint=_(
                "If they are two different people, give the new one's name as it is written "
                "in full, or build with --fresh."
            ),
            severity=Severity.NOTICE,
        )
        for m in matching.pairs
        if m.by_name_only and m.old.unit != m.new.unit
    ] + [
        Problem(
            _("{name} is taken to be {old} of {unit} as printed, with the name corrected.").format(
                name=m.new.name, old=m.old.name, unit=m.new.unit or _("(no unit)")
            ),
            Location(file=str(roster_file), row=m.new.source_row, column="姓名", value=m.new.name),
            hint=_("If they are two different people, build with --fresh."),
            severity=Severity.NOTICE,
        )
        for m in matching.pairs
        if m.by_name_only and m.old.unit == m.new.unit and m.old.name != m.new.name
    ]


def check_print_settings(printing: PrintSettings, fonts: FontBook) -> list[Problem]:
    """Paper and fonts exist, before any roster work; each problem names its setting."""
    from meetplan.render.paper import paper_size
    from meetplan.render.seat_labels import parse_grid, parse_label_spec

    problems: list[Problem] = []
    try:
        paper_size(printing.card_size)
    except UserError as error:
        problems += error.problems
    try:
        parse_grid(printing.label_grid, label_size=parse_label_spec(printing.label_size))
    except UserError as error:
        problems += error.problems
    from meetplan.render.passes import check_pass_settings

    problems += check_pass_settings(printing)
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


def roster_text(roster: Roster, meeting: MeetingInfo) -> str:
    """Everything of the roster and the meeting that the documents print, once each
    character: what the fonts will be asked for."""
    seen = dict.fromkeys(
        "".join(value for person in roster.attendees for _field, value in printed_fields(person))
    )
    seen.update(dict.fromkeys(meeting.title + meeting.venue + meeting.organizer))
    seen.update(dict.fromkeys(meeting.classification + meeting.date + meeting.time))
    return "".join(seen)


def fixed_text(config: MeetingConfig) -> str:
    """The words the lists, the chart and the checklist print whatever the roster."""
    from meetplan.materials.config import checklist_items
    from meetplan.render.chart_pdf import FIXED_TEXT as CHART_TEXT
    from meetplan.render.checklist_pdf import FIXED_TEXT as CHECKLIST_TEXT
    from meetplan.render.lists import HEADINGS
    from meetplan.render.sign_in_pdf import FIXED_TEXT as SIGN_IN_TEXT

    items = "".join(item.text for item in checklist_items(config.checklist))
    return CHART_TEXT + CHECKLIST_TEXT + SIGN_IN_TEXT + "".join(HEADINGS.values()) + items


def printed_fields(person: Attendee) -> list[tuple[str, str]]:
    """Everything of a person that some list prints: name, unit, title, remark."""
    return [
        ("姓名", person.name),
        ("单位", person.unit),
        ("职务", person.title),
        ("备注", person.extra.get("备注", "")),
    ]


# Missing characters listed one by one, at most; the rest are counted.
GLYPHS_SHOWN = 20


def capped_glyphs(problems: list[Problem], source: str) -> list[Problem]:
    """At most GLYPHS_SHOWN missing characters, then how many more: a font without
    Chinese named in [print] must not print a line per character and person."""
    if len(problems) <= GLYPHS_SHOWN:
        return problems
    more = Problem(
        _(
            "And {n} more characters that no available font has: the font named in "
            "meeting.toml [print] may not be a Chinese font."
        ).format(n=len(problems) - GLYPHS_SHOWN),
        Location(file=source),
        hint=_(
            "Name a Chinese font file (SimSun, SimHei, Noto Sans CJK …) in meeting.toml "
            "[print], or remove the setting to use the bundled fonts."
        ),
    )
    return [*problems[:GLYPHS_SHOWN], more]


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
    from meetplan.render.paper import paper_size
    from meetplan.render.plan_json import render_plan_json
    from meetplan.render.seat_labels import (
        labels_for,
        parse_grid,
        parse_label_spec,
        render_seat_labels,
        seat_label_text,
    )
    from meetplan.render.sign_in_pdf import FIXED_TEXT, meeting_line, render_sign_in_pdf

    printing = plan.settings.printing
    meeting = plan.settings.meeting
    cards = rostrum_cards(plan)
    cards_title = f"{meeting.title} 桌签"
    with_index = any(c.conditional for c in cards)  # an index page says which cards are conditional
    card_text = cards_text(
        cards, with_title=printing.card_title, index=with_index, title=cards_title
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
    chart = chart_text(plan, plan.base)
    # The glyphs of all this text converted first, on both cores (a first build's slowest
    # part); every subset below then finds them at hand.
    fonts.prepare(
        [
            (printing.card_font, card_text),
            (printing.list_font, list_text),
            (printing.heading_font, heading_text),
            (printing.list_font, chart),
            (printing.heading_font, chart),
        ]
    )
    card_font = fonts.register(printing.card_font, card_text)
    body = fonts.register(printing.list_font, list_text)
    heading = fonts.register(printing.heading_font, heading_text)
    chart_body = fonts.register(printing.list_font, chart)
    chart_heading = fonts.register(printing.heading_font, chart)

    # The workbooks' modules load openpyxl (and numpy with it): only when one is made,
    # not on a rebuild that takes every document from the memo.
    def seating_xlsx() -> bytes:
        from meetplan.render.seating_xlsx import render_seating_xlsx

        return render_seating_xlsx(plan)

    def sign_in_xlsx() -> bytes:
        from meetplan.render.sign_in_xlsx import render_sign_in_xlsx

        return render_sign_in_xlsx(sheets, meeting)

    makers: dict[str, Callable[[], bytes]] = {
        PLAN_JSON: lambda: render_plan_json(plan),
        SEATING_XLSX: seating_xlsx,
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
        SIGN_IN_XLSX: sign_in_xlsx,
        CHART_PDF: lambda: render_chart(plan, plan.base, chart_body, chart_heading),
        UNIT_EXTRACT_PDF: lambda: render_unit_extract(plan, plan.base, chart_body, chart_heading),
    }
    photo = plan.settings.photo
    if len(plan.scenarios) > 1:
        contingency = contingency_text(plan, photo)
        contingency_body = fonts.register(printing.list_font, contingency)
        contingency_heading = fonts.register(printing.heading_font, contingency)
        makers[CONTINGENCY_PDF] = lambda: render_contingency(
            plan, contingency_body, contingency_heading, photo
        )
    if photo is not None:
        from meetplan.photo.documents import photo_makers

        makers.update(photo_makers(plan, fonts, photo))
    from meetplan.render.passes import pass_makers
    from meetplan.render.seat_finder import finder_makers

    makers.update(pass_makers(plan, fonts))
    makers.update(finder_makers(plan))
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


# Names up to this long fit every seat box of the chart (condensed, set small):
# only a longer one needs the chart laid out once more to find whether it is cut.
CHART_SAFE_NAME = 5


def clipped_documents(plan: Plan, fonts: FontBook) -> list[Clipped]:
    """Text the PDFs print cut short with "…" (too long for a card, a label, a seat's
    box): said in warnings, as the sign-in sheet's are. The fonts are those
    :func:`document_makers` registers (registered once, so asking again is cheap)."""
    from meetplan.render.cards import cards_text, clipped_cards
    from meetplan.render.chart_pdf import chart_text, clipped_chart, clipped_extract
    from meetplan.render.fitting import clipped_meeting
    from meetplan.render.paper import paper_size
    from meetplan.render.seat_labels import (
        clipped_labels,
        labels_for,
        parse_label_spec,
        seat_label_text,
    )

    printing = plan.settings.printing
    meeting = plan.settings.meeting
    found = clipped_meeting(meeting)
    cards = rostrum_cards(plan)
    with_index = any(c.conditional for c in cards)
    card_font = fonts.register(
        printing.card_font,
        cards_text(
            cards, with_title=printing.card_title, index=with_index, title=f"{meeting.title} 桌签"
        ),
    )
    found += clipped_cards(
        cards, card_font, paper_size(printing.card_size), with_title=printing.card_title
    )
    if wants_seat_labels(plan):
        labels = labels_for(plan, plan.base)
        label_font = fonts.register(printing.card_font, seat_label_text(labels))
        found += clipped_labels(
            labels, label_font, label_size=parse_label_spec(printing.label_size)
        )
    if any(len(p.name) > CHART_SAFE_NAME for p in plan.roster.attendees):
        chart = chart_text(plan, plan.base)
        found += clipped_chart(
            plan,
            plan.base,
            fonts.register(printing.list_font, chart),
            fonts.register(printing.heading_font, chart),
        )
    found += clipped_extract(plan, plan.base)
    from meetplan.render.passes import clipped_pass_documents

    found += clipped_pass_documents(plan, fonts)
    if plan.settings.photo is not None:
        from meetplan.photo.documents import clipped_photo_documents

        found += clipped_photo_documents(plan, fonts, plan.settings.photo)
    return found


def cut_short(clipped: Sequence[Clipped], shown_names: int = 5) -> list[Problem]:
    """One warning per document and field: how many are cut, the first few named."""
    groups: dict[tuple[str, str], list[Clipped]] = {}
    for c in clipped:
        groups.setdefault((c.document, c.field), []).append(c)
    warnings = []
    for (document, what), items in groups.items():
        names = list(dict.fromkeys(shown(c.name or c.text) for c in items))
        listed = _(", ").join(names[:shown_names])
        if len(names) > shown_names:
            listed = _("{names} and {n} more").format(names=listed, n=len(names) - shown_names)
        if document:
            message = _(
                "{document}: {n} × {field} too long to print whole, cut short with …: {names}"
            ).format(document=document, n=len(items), field=what, names=listed)
            hint = (
                _(
                    "A name is never shortened: write it in by hand where it is cut, or print "
                    "on larger paper; the spreadsheets keep every name whole."
                )
                if what == "姓名"
                else _(
                    "Shorten them in the roster (a unit's usual short form), or print on larger "
                    "stock; the spreadsheets keep the full text."
                )
            )
        else:
            message = _(
                "{key} is too long to print whole; the documents cut it short with …"
            ).format(key=what)
            hint = _("Shorten it in meeting.toml.")
        warnings.append(
            Problem(
                message,
                Location(
                    file=document, column=what if document else "", key="" if document else what
                ),
                hint=hint,
                severity=Severity.WARNING,
            )
        )
    return warnings


def wants_seat_labels(plan: Plan) -> bool:
    choice = plan.settings.printing.seat_labels
    return choice is SeatLabels.YES or (choice is SeatLabels.LAYOUT and plan.layout.seat_labels)


def render_documents(
    plan: Plan,
    fonts: FontBook,
    progress: Progress | None = None,
    memo: DocumentMemo | None = None,
) -> dict[str, bytes]:
    """Every document of :func:`document_makers`, on both cores where the system can
    fork (:func:`meetplan.util.parallel.in_two`): the same bytes as one after the
    other (a test), in about half the time for a large meeting. With a ``memo``
    (:mod:`meetplan.render.memo`), a document whose inputs have not changed since
    a build kept it is taken from there instead of being made again."""
    return render_with(plan, fonts, progress, memo)[0]


CLIPPED = "cut short"  # render_with's work beside the documents: what the PDFs cut short


def render_with(
    plan: Plan,
    fonts: FontBook,
    progress: Progress | None = None,
    memo: DocumentMemo | None = None,
    alongside: Mapping[str, Callable[[], Any]] | None = None,
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """:func:`render_documents`, and the work of ``alongside`` (by name) shared out
    between the two processes with the documents; done here when every document
    comes from the memo."""
    from meetplan.render.memo import made
    from meetplan.util.parallel import in_two

    beside = dict(alongside or {})
    found: dict[str, Any] = {}

    def make(todo: Mapping[str, Callable[[], bytes]]) -> dict[str, bytes]:
        if progress:
            progress(_("Making {files}").format(files=_(", ").join(todo)))
        done = in_two({**todo, **beside}, weight=lambda name: DOCUMENT_WEIGHTS.get(name, 0.2))
        found.update({name: done.pop(name) for name in beside})
        return done

    documents, _kept = made(document_makers(plan, fonts), memo, make)
    if beside and not found:
        found = {name: work() for name, work in beside.items()}
    return documents, found


def document_memo(config: MeetingConfig | None) -> DocumentMemo | None:
    """Documents kept between builds in the meeting folder's ``.meetplan.cache``
    (:mod:`meetplan.render.memo`); none for a run without a meeting folder."""
    if config is None or config.folder is None:
        return None
    from meetplan.render.memo import DocumentMemo
    from meetplan.util.store import CACHE_DIR

    return DocumentMemo(config.folder / CACHE_DIR / "documents")


# How long each document takes, in seconds for 10,000 people (benchmarks, on one core of
# the benchmark machine): how the two processes share the work. CLIPPED is the search
# for text the PDFs cut short, done beside the documents.
DOCUMENT_WEIGHTS = {
    SIGN_IN_PDF: 3.2,
    SEATING_XLSX: 2.3,
    UNIT_EXTRACT_PDF: 1.9,
    SIGN_IN_XLSX: 1.2,
    SEAT_LABELS_PDF: 1.2,
    PASSES_PDF: 1.2,
    CLIPPED: 1.2,
    PLAN_JSON: 0.8,
    CHART_PDF: 0.65,
    SEAT_FINDER_HTML: 0.3,
    CONTINGENCY_PDF: 0.3,
}


def build(
    config: MeetingConfig,
    fonts: FontBook | None = None,
    progress: Progress | None = None,
    extra: Change | None = None,
    fresh: bool = False,
) -> BuildResult:
    """Validate, plan and render everything in memory. Raises UserError; writes nothing.

    ``progress`` hears of each stage (for a terminal; the CLI passes nothing when
    its output is not one).
    """
    fonts = fonts or font_book(config)
    if progress:
        progress(_("Reading the roster and the layout; seating the hall"))
    day, warnings = plan_meeting(config, fonts, extra, fresh=fresh, documents=True)
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
    from meetplan.render.lists import sign_in_sheets
    from meetplan.render.sign_in_pdf import clipped_cells

    plan = day.plan
    printing = plan.settings.printing
    if changed:  # attend: not checked before its move list (plan_meeting)
        raise_if_errors(check_print_settings(printing, fonts))
    glyph_problems = check_glyphs(plan, fonts)
    banquet = banquet_of(
        plan,
        config.folder if config is not None else None,
        earlier_banquet(config, day) if config is not None else {},
    )
    if banquet is not None:
        from meetplan.banquet.documents import check_banquet_glyphs

        glyph_problems += check_banquet_glyphs(banquet, fonts, plan.settings, plan.roster.source)
        warnings += list(banquet.notes)
    if glyph_problems:
        raise UserError(capped_glyphs(glyph_problems, plan.roster.source))
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
    memo = document_memo(config)
    # What the PDFs print cut short is found alongside the documents (on the other core).
    documents, found = render_with(
        plan, fonts, progress, memo, {CLIPPED: lambda: clipped_documents(plan, fonts)}
    )
    clipped = found[CLIPPED]
    if banquet is not None:
        from meetplan.banquet.documents import clipped_banquet

        clipped += clipped_banquet(banquet, fonts, plan.settings)
    warnings += cut_short(clipped)
    if banquet is not None:
        from meetplan.banquet.documents import render_banquet

        documents.update(render_banquet(banquet, fonts, plan.settings))
    if changed and day.before is not None:
        fresh = new_cards(day.before, plan)
        if fresh:
            documents[NEW_CARDS_PDF] = some_cards(plan, fresh, fonts, "新增桌签")
    if day.revision is not None and not day.revision.nothing:
        # nothing changed: the terminal says so, and the last change list stays
        documents.update(revision_documents(plan, day.revision, fonts))
    checklist = said = None
    if config is not None:
        if progress:
            progress(_("Checking the materials and the documents"))
        from meetplan.materials.checks import parsed_once

        with parsed_once():  # each document parsed once, for both checklists
            # Printed in the documents' language; the terminal's summary in the user's.
            with in_language(printing.language):
                checklist = make_checklist(plan, config, documents, fonts)
                documents.update(render_checklist(checklist, fonts, printing, memo))
            said = checklist
            if terminal_language() != printing.language and not checklist.passed:
                said = make_checklist(plan, config, documents, fonts)  # its reasons, the user's
    if day.first is not None and day.key:
        documents[RECORD] = first_record(
            day.first,
            day.key,
            day.imported,
            day.roster_warnings,
            layout=plan.layout,
            settings=plan.settings,
            printed=plan.base,
            printed_roster=day.roster,
            banquet=printed_tables(banquet),
        )
    return BuildResult(plan, documents, warnings, day, checklist, said)


def banquet_of(
    plan: Plan, folder: Path | None, earlier: dict[tuple[str, str], int] | None = None
) -> BanquetPlan | None:
    """The meeting's banquet, when meeting.toml has a [banquet]: its room (from the
    meeting folder's layouts/ or the shipped ones) seated by the rules of §8. With
    ``earlier`` (name, unit -> table, as printed), everyone still dining keeps their
    table where it has room: a revised list does not re-seat the dinner."""
    settings = plan.settings.banquet
    if settings is None:
        return None
    from meetplan.banquet.documents import plan_banquet
    from meetplan.banquet.room import load_room

    room = load_room(settings.room, folder)
    toml = str(folder / "meeting.toml") if folder is not None else "meeting.toml"
    previous = None
    if earlier:
        by_name: dict[str, list[int]] = {}
        for (name, _unit), table in earlier.items():
            by_name.setdefault(name, []).append(table)
        previous = {}
        for person in plan.roster.attendees:
            kept = earlier.get((person.name, person.unit))
            if kept is None and len(by_name.get(person.name, ())) == 1:
                kept = by_name[person.name][0]  # the unit changed: the same person
            if kept is not None:
                previous[person.id] = kept
    return plan_banquet(plan, settings, room, previous=previous, settings_file=toml)


def printed_tables(banquet: BanquetPlan | None) -> list[tuple[str, str, int]]:
    if banquet is None:
        return []
    return [(s.person.name, s.person.unit, t.number) for t in banquet.tables for s in t.seats]


def earlier_banquet(config: MeetingConfig, day: Day) -> dict[tuple[str, str], int]:
    """The banquet of the printed plan, unless this build plans from nothing (--fresh)."""
    if config.settings.banquet is None or (day.revision is not None and day.revision.fresh):
        return {}
    from meetplan.history.record import printed_banquet

    return printed_banquet(parse_record(read_record(config.out)))


def some_cards(plan: Plan, cards: list[Card], fonts: FontBook, kind: str) -> bytes:
    """A PDF of just these table cards (新增桌签, 补打桌签), set as 桌签.pdf sets them."""
    from meetplan.render.cards import cards_text, render_cards
    from meetplan.render.paper import paper_size

    printing = plan.settings.printing
    title = f"{plan.settings.meeting.title} {kind}"
    return render_cards(
        cards,
        fonts.register(
            printing.card_font, cards_text(cards, with_title=printing.card_title, title=title)
        ),
        paper_size(printing.card_size),
        with_title=printing.card_title,
        title=title,
        author=plan.settings.meeting.organizer,
    )


def revision_documents(plan: Plan, revision: Revision, fonts: FontBook) -> dict[str, bytes]:
    """变更清单.pdf, and only the table cards and seat labels to print again."""
    from meetplan.render.change_list_pdf import change_list_text, render_change_list
    from meetplan.render.seat_labels import (
        labels_for,
        parse_grid,
        parse_label_spec,
        render_seat_labels,
        seat_label_text,
    )

    printing = plan.settings.printing
    meeting = plan.settings.meeting
    text = change_list_text(plan, revision)
    documents = {
        CHANGE_LIST_PDF: render_change_list(
            plan,
            revision,
            fonts.register(printing.list_font, text),
            fonts.register(printing.heading_font, text),
        )
    }
    wanted = set(revision.cards)
    cards = [card for card in rostrum_cards(plan) if card.person in wanted]
    if cards:
        documents[REPRINT_CARDS_PDF] = some_cards(plan, cards, fonts, "补打桌签")
    relabel = set(revision.labels)
    if relabel and wants_seat_labels(plan):
        base = plan.base
        only = replace(
            base, assignments=tuple(a for a in base.assignments if a.person.id in relabel)
        )
        labels = labels_for(plan, only)
        size = parse_label_spec(printing.label_size)
        documents[REPRINT_LABELS_PDF] = render_seat_labels(
            labels,
            fonts.register(printing.card_font, seat_label_text(labels)),
            label_size=size,
            grid=parse_grid(printing.label_grid, label_size=size),
            title=f"{meeting.title} 补打座签",
            author=meeting.organizer,
        )
    return documents


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

    displayed = {
        CARDS_PDF,
        SEAT_LABELS_PDF,
        NEW_CARDS_PDF,
        PHOTO_LABELS_PDF,
        PASSES_PDF,  # worn for all to see
        "席卡.pdf",
        "桌号牌.pdf",
    }
    # The checks of meetplan's own documents, kept from a build that checked the same bytes.
    memo = key = checked = None
    if config.folder is not None:
        from meetplan.i18n import language
        from meetplan.render.memo import CheckMemo
        from meetplan.util.store import CACHE_DIR

        memo = CheckMemo(config.folder / CACHE_DIR / "documents")
        facts = (
            CARDS_PDF,
            SIGN_IN_XLSX,
            *sorted(displayed),
            fonts.identity(printing.card_font),
            fonts.identity(printing.list_font),
            language(),
        )
        key = memo.key(plan, documents, facts)
        checked = memo.get(key) if key is not None else None
    if checked is None:
        from meetplan.materials.checks import check_documents

        checked = check_documents(plan, documents, CARDS_PDF, SIGN_IN_XLSX, displayed, missing)
        if memo is not None and key is not None:
            memo.put(key, checked)
    results = run_checks(
        plan,
        config.materials,
        config.folder,
        documents,
        cards_file=CARDS_PDF,
        sign_in_file=SIGN_IN_XLSX,
        displayed=displayed,
        missing_glyphs=missing,
        documents_checked=checked,
    )
    return Checklist(plan.settings.meeting, tuple(results), checklist_items(config.checklist))


def render_checklist(
    checklist: Checklist,
    fonts: FontBook,
    printing: PrintSettings,
    memo: DocumentMemo | None = None,
) -> dict[str, bytes]:
    from meetplan.render.checklist_pdf import checklist_text, render_checklist_pdf
    from meetplan.render.memo import made

    text = checklist_text(checklist)
    body = fonts.register(printing.list_font, text)
    heading = fonts.register(printing.heading_font, text)

    def checklist_xlsx() -> bytes:
        from meetplan.render.checklist_xlsx import render_checklist_xlsx  # openpyxl: only if made

        return render_checklist_xlsx(checklist)

    makers: dict[str, Callable[[], bytes]] = {
        CHECKLIST_PDF: lambda: render_checklist_pdf(checklist, body, heading),
        CHECKLIST_XLSX: checklist_xlsx,
    }
    documents, _kept = made(makers, memo, lambda todo: {name: todo[name]() for name in todo})
    return documents


def font_book(config: MeetingConfig) -> FontBook:
    """The fonts of a run; in a meeting folder, subsets are kept between builds in
    its ``.meetplan.cache`` (:mod:`meetplan.fonts.cache`)."""
    from meetplan.fonts import FontBook
    from meetplan.fonts.cache import CACHE_DIR

    if config.folder is None:
        return FontBook()
    return FontBook(cache=config.folder / CACHE_DIR / "fonts")


def check_out(config: MeetingConfig) -> None:
    """out/ must be a folder of its own that meetplan may replace as a whole."""
    out = config.out
    if out.is_symlink():
        raise UserError(
            Problem(
                _(
                    "{out} is a link to {target}; meetplan replaces out/ as a whole and "
                    "does not write through links."
                ).format(out=out, target=os.readlink(out)),
                Location(file=str(out)),
                hint=_(
                    "Remove the link (what it points to stays as it is) and build again; "
                    "copy the documents elsewhere after the build, or give --out FOLDER."
                ),
            )
        )
    if out.exists() and not out.is_dir():
        raise UserError(
            Problem(
                _("{out} is a file, not a folder.").format(out=out),
                Location(file=str(out)),
                hint=_("Rename or move the file, or give another folder with --out FOLDER."),
            )
        )
    resolved = out.resolve()
    inputs = [config.roster] if config.roster is not None else []
    if config.folder is not None:
        inputs += [config.folder, config.folder / "meeting.toml"]
    for path in inputs:
        full = path.resolve()
        if full == resolved or resolved in full.parents:
            raise UserError(
                Problem(
                    _(
                        "The output folder {out} holds {path}; meetplan replaces the output "
                        "folder as a whole, so it must be a folder of its own."
                    ).format(out=out, path=path),
                    Location(file=str(out)),
                    hint=_("Give a new folder with --out FOLDER, e.g. --out out."),
                )
            )


@contextlib.contextmanager
def meeting_locked(
    config: MeetingConfig, waiting: Callable[[], None] | None = None, *, writes: bool = True
) -> Iterator[None]:
    """Hold the meeting's lock (:mod:`meetplan.util.lock`) for a command that
    plans and writes; first put back or clear what a killed run left. A command
    that only reads (``writes=False``) runs without the lock where the folder
    cannot be written to."""
    from meetplan.util.folder import clean_leftovers, recover
    from meetplan.util.lock import LockError, meeting_lock

    folder = config.folder if config.folder is not None else config.out.parent
    try:
        with meeting_lock(folder, waiting):
            if not config.out.is_symlink():
                recover(config.out)
            clean_leftovers(dict.fromkeys((folder, config.out.parent, config.out)))
            yield
            return
    except LockError as error:
        if error.busy or writes:
            raise _lock_problem(error, folder) from None
    yield  # reading a folder nobody may write to: nobody else writes it either


def _lock_problem(error: LockError, folder: Path) -> UserError:
    if error.busy:
        return UserError(
            Problem(
                _("Another meetplan command is still working on this meeting."),
                Location(file=str(error.path)),
                hint=_("Wait until it has finished (or close it), then run this one again."),
            )
        )
    return UserError(
        Problem(
            _("Cannot write in the meeting folder {folder}: {error}").format(
                folder=folder, error=error.reason
            ),
            Location(file=str(folder)),
            hint=_(
                "Copy the meeting folder to a place you may write to (not a CD or a "
                "read-only share), or ask for write permission; nothing was written."
            ),
        )
    )


@dataclass
class Written:
    """What writing out/ did: every document, the ones whose bytes did not
    change, and the files in out/ that meetplan did not make and kept."""

    documents: list[Path]
    unchanged: list[str]
    theirs: list[str]


# Every name a build of this version can write into out/; any other file there
# is the user's own, kept and named.
KNOWN = frozenset(
    (
        PLAN_JSON,
        SEATING_XLSX,
        CARDS_PDF,
        SIGN_IN_PDF,
        SIGN_IN_XLSX,
        CHART_PDF,
        UNIT_EXTRACT_PDF,
        CHECKLIST_PDF,
        CHECKLIST_XLSX,
        SEAT_FINDER_HTML,
        RECORD,
        *CHECKIN_REPORT,
        *SOMETIMES,
    )
)


def write_documents(out: Path, documents: dict[str, bytes], stale: Sequence[str] = ()) -> Written:
    """Replace out/ as a whole, or not at all (:mod:`meetplan.util.folder`).

    out/ then holds ``documents``, the files of the last build that this one
    keeps (the printed plan's record; the change list while nothing changed),
    and the user's own files; documents in ``stale`` (made by an earlier build,
    no longer applying) are gone.
    """
    from meetplan.util.folder import FolderError, replace_folder

    gone = set(stale)
    try:
        replaced = replace_folder(out, documents, keep=lambda name: name not in gone)
    except FolderError as error:
        raise UserError(
            Problem(
                _("Cannot write {file}: {error}").format(file=error.path, error=error.reason),
                Location(file=str(error.path)),
                hint=_(
                    "Close any file of out/ that is open in Excel, WPS or a PDF reader, "
                    "then build again. out/ is as it was."
                ),
            )
        ) from None
    theirs = [name for name in replaced.kept if name not in KNOWN]
    return Written(replaced.written, replaced.unchanged, theirs)
