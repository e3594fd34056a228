"""One whole run: import -> plan -> every document, written at the end, all at once.

Nothing is written until every document has been made in memory, so a
failure anywhere leaves out/ as it was. Each file is then replaced
atomically (temporary file, then rename).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from meetplan.fonts import FontBook
from meetplan.i18n import _
from meetplan.layouts import load_layout
from meetplan.meeting import MeetingConfig
from meetplan.model.attendee import Attendee
from meetplan.model.errors import Location, Problem, Severity, UserError
from meetplan.model.plan import Plan
from meetplan.planning import make_plan
from meetplan.render.cards import Card, render_cards
from meetplan.render.lists import HEADINGS, sign_in_sheets
from meetplan.render.paper import paper_size
from meetplan.render.plan_json import render_plan_json
from meetplan.render.seating_xlsx import render_seating_xlsx
from meetplan.render.sign_in_pdf import FIXED_TEXT, meeting_line, render_sign_in_pdf
from meetplan.render.sign_in_xlsx import render_sign_in_xlsx
from meetplan.roster import load_roster

PLAN_JSON = "plan.json"
SEATING_XLSX = "座次表.xlsx"
CARDS_PDF = "桌签.pdf"
SIGN_IN_PDF = "签到表.pdf"
SIGN_IN_XLSX = "签到表.xlsx"


@dataclass
class BuildResult:
    plan: Plan
    documents: dict[str, bytes]
    warnings: list[Problem] = field(default_factory=list)


def plan_meeting(config: MeetingConfig) -> tuple[Plan, list[Problem]]:
    assert config.roster is not None
    roster, warnings = load_roster(config.roster, allow_ties=config.settings.protocol.allow_ties)
    layout = load_layout(config.layout, base=config.folder)
    return make_plan(roster, layout, config.settings), list(config.warnings) + list(warnings)


def rostrum_cards(plan: Plan) -> list[Card]:
    """One card per rostrum seat of the base plan (tentative leaders included), in laying order."""
    return [
        Card(name=a.person.name, title=a.person.title, seat_label=a.seat.label)
        for row in plan.base.rostrum_rows()
        for a in row
    ]


def _person_texts(person: Attendee, with_title: bool) -> list[tuple[str, str]]:
    texts = [("姓名", person.name), ("单位", person.unit)]
    if with_title:
        texts.append(("职务", person.title))
    return texts


def check_glyphs(plan: Plan, fonts: FontBook) -> list[Problem]:
    """Every character to be printed exists in the font that prints it, before anything is printed.

    A missing character names the person, the field and the character, never a blank box.
    """
    printing = plan.settings.printing
    problems: list[Problem] = []
    cards = {a.person.id for a in plan.base.in_area("rostrum")}
    for person in plan.roster.attendees:
        jobs = [(printing.list_font, _person_texts(person, True))]
        if person.id in cards:
            jobs.append(
                (
                    printing.card_font,
                    [("姓名", person.name)]
                    + ([("职务", person.title)] if printing.card_title else []),
                )
            )
        for spec, texts in jobs:
            for field_name, text in texts:
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
        ("meeting.venue", m.venue),
        ("meeting.classification", m.classification),
    ):
        for ch in fonts.missing(printing.heading_font, text) + fonts.missing(
            printing.list_font, text
        ):
            problems.append(
                Problem(
                    _("The character {char} (U+{code:04X}) is in no available font.").format(
                        char=ch, code=ord(ch)
                    ),
                    Location(key=label, value=text),
                )
            )
    return problems


def font_notes(fonts: FontBook, specs: Iterable[str]) -> list[Problem]:
    notes = []
    for spec in dict.fromkeys(specs):
        choice = fonts.resolve(spec)
        if choice.fallback_note:
            notes.append(
                Problem(choice.fallback_note, Location(key="print"), severity=Severity.WARNING)
            )
    return notes


def render_documents(plan: Plan, fonts: FontBook) -> dict[str, bytes]:
    printing = plan.settings.printing
    meeting = plan.settings.meeting
    cards = rostrum_cards(plan)
    card_text = "".join(
        c.name + (c.title if printing.card_title else "") + c.seat_label for c in cards
    )
    card_font = fonts.register(printing.card_font, card_text + "国")
    sheets = sign_in_sheets(plan)
    list_text = (
        "".join(r.name + r.unit + r.title + r.remark for s in sheets for r in s.rows)
        + meeting_line(meeting)
        + meeting.title
        + "".join(HEADINGS.values())
        + "第页共　"
    )
    heading_text = meeting.title + "".join(HEADINGS.values()) + FIXED_TEXT + meeting.classification
    body = fonts.register(printing.list_font, list_text)
    heading = fonts.register(printing.heading_font, heading_text)
    return {
        PLAN_JSON: render_plan_json(plan),
        SEATING_XLSX: render_seating_xlsx(plan),
        CARDS_PDF: render_cards(
            cards,
            card_font,
            paper_size(printing.card_size),
            with_title=printing.card_title,
            title=f"{meeting.title} 桌签",
            author=meeting.organizer,
        ),
        SIGN_IN_PDF: render_sign_in_pdf(sheets, meeting, body, heading),
        SIGN_IN_XLSX: render_sign_in_xlsx(sheets, meeting),
    }


def build(config: MeetingConfig, fonts: FontBook | None = None) -> BuildResult:
    """Validate, plan and render everything in memory. Raises UserError; writes nothing."""
    fonts = fonts or FontBook()
    plan, warnings = plan_meeting(config)
    printing = plan.settings.printing
    paper_size(printing.card_size)  # a bad size is an input error, found before any work
    glyph_problems = check_glyphs(plan, fonts)
    if glyph_problems:
        raise UserError(glyph_problems)
    warnings += font_notes(fonts, (printing.card_font, printing.list_font, printing.heading_font))
    return BuildResult(plan, render_documents(plan, fonts), warnings)


def write_documents(out: Path, documents: dict[str, bytes]) -> list[Path]:
    """Write every document into out/: all to temporary files first, then rename each.

    A failure while writing (disk full, folder not writable) leaves every old
    document as it was; a renamed file is always complete.
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
    pending: list[tuple[str, Path]] = []
    target = out
    try:
        for name, data in documents.items():
            target = out / name
            fd, tmp = tempfile.mkstemp(prefix=".meetplan-", dir=out)
            pending.append((tmp, target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        for tmp, target in pending:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _target in pending:
            Path(tmp).unlink(missing_ok=True)
        raise UserError(
            Problem(
                _("Cannot write {file}: {error}").format(file=target, error=exc.strerror),
                Location(file=str(target)),
                hint=_("Close the file if it is open in Excel or WPS, then build again."),
            )
        ) from None
    return [t for _tmp, t in pending]
