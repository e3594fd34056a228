"""The banquet's four documents for out/: 宴会桌次图.pdf, 席卡.pdf, 桌号牌.pdf, 宴会座位表.xlsx.

:func:`banquet_documents` plans the banquet and renders them; :func:`render_banquet`
renders a plan already made (``meetplan banquet`` prints it first). Fonts are those
of [print]: the chart in the list and heading fonts, the cards and table numbers in
the card font. Nothing here writes a file: the caller writes out/ at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from meetplan.i18n import _
from meetplan.model.banquet import BanquetPlan, BanquetSettings, Room
from meetplan.model.errors import Location, Problem
from meetplan.model.settings import Settings

if TYPE_CHECKING:
    from meetplan.fonts import FontBook
    from meetplan.model.plan import Plan
    from meetplan.render.fitting import Clipped

BANQUET_CHART_PDF = "宴会桌次图.pdf"
PLACE_CARDS_PDF = "席卡.pdf"
TABLE_NUMBERS_PDF = "桌号牌.pdf"
BANQUET_XLSX = "宴会座位表.xlsx"
BANQUET_DOCUMENTS = (BANQUET_CHART_PDF, PLACE_CARDS_PDF, TABLE_NUMBERS_PDF, BANQUET_XLSX)


def plan_banquet(
    plan: Plan,
    settings: BanquetSettings,
    room: Room,
    *,
    previous: Mapping[int, int] | None = None,
    settings_file: str = "meeting.toml",
) -> BanquetPlan:
    """The banquet of a meeting's plan: its roster, its name-order setting."""
    from meetplan.banquet.seating import assign

    return assign(
        plan.roster,
        room,
        settings,
        name_order=plan.settings.protocol.name_order,
        previous=previous,
        settings_file=settings_file,
    )


def render_banquet(banquet: BanquetPlan, fonts: FontBook, settings: Settings) -> dict[str, bytes]:
    """The four documents of a banquet plan; ``settings`` are the meeting's (its title,
    classification, fonts, name order)."""
    from meetplan.render.banquet_chart_pdf import chart_text, render_banquet_chart
    from meetplan.render.banquet_xlsx import render_banquet_xlsx
    from meetplan.render.paper import paper_size
    from meetplan.render.place_cards import place_cards, place_cards_text, render_place_cards
    from meetplan.render.table_numbers import numbers_text, render_table_numbers

    printing = settings.printing
    meeting = settings.meeting
    chart = chart_text(banquet, meeting)
    body = fonts.register(printing.list_font, chart)
    heading = fonts.register(printing.heading_font, chart)
    cards = place_cards(banquet)
    card_font = fonts.register(printing.card_font, place_cards_text(cards))
    number_font = fonts.register(printing.heading_font, numbers_text(banquet))
    return {
        BANQUET_CHART_PDF: render_banquet_chart(banquet, meeting, body, heading),
        PLACE_CARDS_PDF: render_place_cards(
            cards,
            card_font,
            paper_size(banquet.settings.card_size, key="banquet.card_size"),
            title=f"{meeting.title} 席卡",
            author=meeting.organizer,
        ),
        TABLE_NUMBERS_PDF: render_table_numbers(
            banquet,
            number_font,
            paper_size(banquet.settings.number_size, key="banquet.number_size"),
            title=f"{meeting.title} 桌号牌",
            author=meeting.organizer,
        ),
        BANQUET_XLSX: render_banquet_xlsx(banquet, meeting, settings.protocol.name_order),
    }


def banquet_documents(
    plan: Plan, fonts: FontBook, settings: BanquetSettings, room: Room
) -> dict[str, bytes]:
    """Plan the meeting's banquet and make its four documents (file name -> bytes).
    Raises :class:`~meetplan.model.errors.UserError` when the banquet cannot be seated."""
    return render_banquet(plan_banquet(plan, settings, room), fonts, plan.settings)


def check_banquet_glyphs(
    banquet: BanquetPlan, fonts: FontBook, settings: Settings, roster_file: str = ""
) -> list[Problem]:
    """Every diner's name in the card font and the list font, before anything is printed:
    a character no font has names the person, never a blank box on a 席卡."""
    printing = settings.printing
    problems = []
    for table in banquet.used:
        for seat in table.seats:
            person = seat.person
            for spec in dict.fromkeys((printing.card_font, printing.list_font)):
                for ch in fonts.missing(spec, person.name + person.title):
                    problems.append(
                        Problem(
                            _(
                                "{name}: the character {char} (U+{code:04X}) is in no available "
                                "font ({font}), so the banquet documents cannot print it."
                            ).format(
                                name=person.name,
                                char=ch,
                                code=ord(ch),
                                font=fonts.resolve(spec).family,
                            ),
                            Location(
                                file=roster_file,
                                row=person.source_row,
                                column="姓名",
                                value=person.name + person.title,
                            ),
                            hint=_(
                                "Check the character is right; if it is, install a font that has it "
                                "and name its file in meeting.toml [print]."
                            ),
                        )
                    )
    return problems


def clipped_banquet(banquet: BanquetPlan, fonts: FontBook, settings: Settings) -> list[Clipped]:
    """Names the chart or the 席卡 print cut short with "…" (for the build's warnings)."""
    from meetplan.render.banquet_chart_pdf import chart_text, clipped_chart
    from meetplan.render.paper import paper_size
    from meetplan.render.place_cards import clipped_place_cards, place_cards, place_cards_text

    printing = settings.printing
    body = fonts.register(printing.list_font, chart_text(banquet, settings.meeting))
    cards = place_cards(banquet)
    card_font = fonts.register(printing.card_font, place_cards_text(cards))
    return clipped_chart(banquet, body) + clipped_place_cards(
        cards, card_font, paper_size(banquet.settings.card_size, key="banquet.card_size")
    )
