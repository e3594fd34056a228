"""The banquet in a few lines for the terminal (``meetplan banquet DIR``)."""

from __future__ import annotations

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Attendance
from meetplan.model.banquet import BanquetPlan, BanquetSeat, Role

# Roles said by name in the terminal; the others are listed by place.
NAMED_ROLES = (Role.HOST, Role.SECOND_HOST, Role.FIRST_GUEST, Role.SECOND_GUEST)


def _who(seat: BanquetSeat) -> str:
    name = seat.person.name + ("?" if seat.person.attendance is Attendance.TENTATIVE else "")
    return f"{seat.role.label} {name}" if seat.role in NAMED_ROLES else name


def terminal_lines(plan: BanquetPlan) -> list[str]:
    """What ``meetplan banquet`` prints: the room, the sides, each table set with its
    people in place order (roles named), the tables left unset, and the notes' count
    (the notes themselves are printed as warnings by the caller)."""
    room = plan.room
    used = plan.used
    seats = [s for t in used for s in t.seats]
    hosts = sum(1 for s in seats if s.host_side)
    lines = [
        _(
            "Banquet in {title} ({name}): {used} of {tables} tables set, {people} of {places} places."
        ).format(
            title=room.title,
            name=room.name,
            used=len(used),
            tables=len(room.tables),
            people=len(seats),
            places=room.places,
        ),
        "  "
        + _(
            "Host side (主方) {hosts}, guest side (客方) {guests}; not at the banquet: {absent}."
        ).format(hosts=hosts, guests=len(seats) - hosts, absent=len(plan.not_dining)),
    ]
    for table in used:
        line = ngettext(
            "Table {number}, {n} chair:", "Table {number}, {n} chairs:", table.chairs
        ).format(number=table.number, n=table.chairs)
        if plan.table_name(table.number) != f"{table.number}号桌":  # 主桌
            line += f" {plan.table_name(table.number)}"
        lines.append("  " + line)
        lines.append("    " + "  ".join(_who(s) for s in table.seats))
    if any(s.person.attendance is Attendance.TENTATIVE for s in seats):
        lines.append("  " + _("(? = tentative: place and card prepared)"))
    unused = [t.number for t in plan.tables if not t.used]
    if unused:
        lines.append(
            "  " + _("Not set: tables {numbers}.").format(numbers=_(", ").join(map(str, unused)))
        )
    return lines
