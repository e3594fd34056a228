"""The automatic checks of the meeting checklist (会务检查清单), against the plan and the
documents about to be written.

Each check gives :class:`~meetplan.model.checklist.CheckResult` entries; one check
failing never stops the others. The documents are checked as they will be printed
(their bytes), not as the plan says they should be.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from meetplan.i18n import _, ngettext
from meetplan.model.attendee import Area, Attendance
from meetplan.model.checklist import CheckResult, Material, Outcome
from meetplan.model.geometry import aisle_seats
from meetplan.model.plan import Plan
from meetplan.scenarios import standby

# The areas a copies rule may name: the roster's areas in English and as offices
# write them (主席台 …), and everyone who comes.
ALL = "all"
AREA_NAMES: dict[str, str] = {a.value: a.label for a in Area} | {ALL: "全体"}
COPY_AREAS: dict[str, str] = (
    {name: name for name in AREA_NAMES}
    | {label: name for name, label in AREA_NAMES.items()}
    | {"全体参会人员": ALL}
)


class CopiesError(ValueError):
    """A copies rule that cannot be read; the message says which part."""


def area_counts(plan: Plan) -> dict[str, int]:
    """How many copies each area of a copies rule stands for, from the base plan.

    rostrum: every rostrum seat (待定 leaders included: their copy is laid out
    too); hall, observer, staff: the people of that area who come (待定
    included); all: everyone who comes.
    """
    waiting = {p.id for p in standby(plan.roster)}
    coming = [p for p in plan.roster.attendees if p.seated and p.id not in waiting]
    counts = {area.value: sum(1 for p in coming if p.area is area) for area in Area}
    counts[Area.ROSTRUM.value] = len(plan.base.in_area("rostrum"))  # 待定 seats included
    counts[ALL] = len(coming)
    return counts


def copies_needed(rule: str, counts: Mapping[str, int]) -> tuple[int, str]:
    """``"rostrum+5"`` → (rostrum seats plus 5, "主席台 16 + 5"). Terms are numbers or
    areas, joined by +; an unknown term raises :class:`CopiesError` naming it."""
    total = 0
    shown = []
    for term in re.split(r"[+＋]", rule):
        word = term.strip()
        if not word:
            raise CopiesError(_("an empty part"))
        if word.isdigit():
            total += int(word)
            shown.append(word)
            continue
        area = COPY_AREAS.get(word.lower())
        if area is None:
            raise CopiesError(word)
        total += counts[area]
        shown.append(f"{AREA_NAMES[area]} {counts[area]}")
    return total, " + ".join(shown)


def material_name(material: Material) -> str:
    return f"{material.title}（{material.kind}）"


def check_copies(material: Material, counts: Mapping[str, int]) -> CheckResult | None:
    if not material.copies:
        return None
    try:
        copies, shown = copies_needed(material.copies, counts)
    except CopiesError as error:
        return CheckResult(
            "材料",
            material_name(material),
            Outcome.FAILED,
            _(
                "The copies rule “{rule}” names an unknown area “{part}”; use a number or "
                "rostrum, hall, observer, staff, all (主席台, 会场, 列席, 工作人员, 全体), joined by +."
            ).format(rule=material.copies, part=str(error)),
        )
    return CheckResult(
        "材料",
        material_name(material),
        Outcome.PASSED,
        _("{copies} copies: {sum}.").format(copies=copies, sum=shown),
        copies=copies,
    )


def check_file(
    material: Material, folder: Path | None, libreoffice: str | None
) -> list[CheckResult]:
    """The manuscript itself, page by page."""
    from meetplan.materials.manuscripts import check_manuscript

    if not material.file:
        return []
    name = material_name(material)
    path = Path(material.file)
    if not path.is_absolute() and folder is not None:
        path = folder / path
    # LibreOffice works in a private folder made in the meeting folder, and removed.
    report = check_manuscript(path, material.pages, libreoffice=libreoffice or None, scratch=folder)
    results = [
        CheckResult("材料", name, f.outcome, f.message, page=f.page) for f in report.findings
    ]
    if not results:
        pages = report.pages
        results.append(
            CheckResult(
                "材料",
                name,
                Outcome.PASSED,
                ngettext(
                    "{file}: {pages} page, numbered without gaps ({method}).",
                    "{file}: {pages} pages, numbered without gaps ({method}).",
                    pages or 0,
                ).format(file=material.file, pages=pages, method=report.method),
            )
        )
    return results


def check_speakers_on_aisle(plan: Plan) -> list[CheckResult]:
    """Every speaker (发言 = 是) seated in the hall sits beside an aisle, to reach the podium."""
    aisles = aisle_seats(plan.layout)
    results = []
    for a in plan.base.in_area("hall"):
        if not a.person.speaker:
            continue
        item = _("{name} ({unit}) speaks").format(name=a.person.name, unit=a.person.unit)
        if (a.seat.floor, a.seat.row, a.seat.col) in aisles:
            results.append(
                CheckResult(
                    "座位",
                    item,
                    Outcome.PASSED,
                    _("Aisle seat {seat}.").format(seat=a.seat.label),
                )
            )
        else:
            results.append(
                CheckResult(
                    "座位",
                    item,
                    Outcome.MANUAL,
                    _(
                        "{seat} is not beside an aisle: the block of {unit} has no aisle seat "
                        "for them. Show them the way to the podium, or seat them by hand."
                    ).format(seat=a.seat.label, unit=a.person.unit or _("(no unit)")),
                )
            )
    return results


def check_speaker(material: Material, plan: Plan) -> CheckResult | None:
    """The speaker is on the roster, comes, and has a rostrum or hall seat to speak from."""
    if not material.speaker:
        return None
    item = _("{name} ({title})").format(name=material.speaker, title=material.title)
    people = plan.roster.by_name(material.speaker)
    if not people:
        close = difflib.get_close_matches(
            material.speaker, [p.name for p in plan.roster.attendees], n=3, cutoff=0.5
        )
        hint = _(" Did you mean {names}?").format(names=_(", ").join(close)) if close else ""
        return CheckResult(
            "座位",
            item,
            Outcome.FAILED,
            _("The speaker {name} is not in the roster.").format(name=material.speaker) + hint,
        )
    seats = {a.person.id: a.seat for a in plan.base.assignments}
    seated = [p for p in people if p.id in seats]
    if not seated:
        person = people[0]
        why = _("is marked 请假") if person.attendance is Attendance.ABSENT else _("has no seat")
        return CheckResult(
            "座位",
            item,
            Outcome.FAILED,
            _("The speaker {name} {why} in the plan: who reads “{title}”?").format(
                name=material.speaker, why=why, title=material.title
            ),
        )
    person = seated[0]
    seat = seats[person.id]
    note = (
        _(" (待定: a substitute reads it if they do not come)")
        if (person.attendance is Attendance.TENTATIVE)
        else ""
    )
    if seat.area == "rostrum":
        reason = _("Seated on the rostrum: {seat}.").format(seat=seat.label)
    else:
        reason = _("Seated in the hall at {seat}; speaks from the podium.").format(seat=seat.label)
    return CheckResult("座位", item, Outcome.PASSED, reason + note)


# Several checks read the same document; each is parsed once per run_checks.
@lru_cache(maxsize=32)
def pdf_reader(data: bytes) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


@lru_cache(maxsize=32)
def pdf_pages_text(data: bytes) -> tuple[str | None, ...]:
    """The text each page shows, read from its content stream (None: ask pypdf)."""
    from meetplan.materials.pdftext import pages_text

    return tuple(pages_text(pdf_reader(data)))


@lru_cache(maxsize=1024)
def pypdf_page_text(data: bytes, index: int) -> str:
    """pypdf's reading of one page: for the pages the quick reading cannot read or finds
    lacking, so that only pypdf's full text extraction ever fails a check."""
    return pdf_reader(data).pages[index].extract_text() or ""


def page_text(data: bytes, index: int, wanted: str) -> str:
    """Page ``index``'s text; pypdf's reading of it unless the quick one shows ``wanted``."""
    quick = pdf_pages_text(data)[index]
    if quick is not None and wanted in quick.replace(" ", ""):
        return quick
    return pypdf_page_text(data, index)


@lru_cache(maxsize=4)
def listed_names(data: bytes) -> Counter[str]:
    """How often each name is in the 姓名 column (B) of a sign-in workbook, below the heading.
    (Callers must not change the Counter: it is kept for the run, see :func:`parsed_once`.)

    Read from each sheet's XML, column B alone: openpyxl would build every cell of
    every row (0.5 s for 10,000 people; this takes a fifth of it).
    """
    listed: Counter[str] = Counter()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        shared = _shared_strings(archive)
        for _title, path in _sheets(archive):
            with archive.open(path) as sheet:
                for _event, element in ElementTree.iterparse(sheet):
                    if element.tag == CELL_TAG:
                        match = NAME_CELL.fullmatch(element.get("r", ""))
                        if match and int(match.group(1)) >= 4:
                            name = _cell_text(element, shared)
                            if name:
                                listed[name] += 1
                    elif element.tag == ROW_TAG:
                        element.clear()  # a row at a time, however long the sheet
    return listed


NAME_CELL = re.compile(r"B([0-9]+)")  # a cell of the 姓名 column, and its row


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """The workbook's sheets, in order: (title, path inside the archive)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    found = []
    for sheet in book.iter(f"{{{SHEET_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL_NS}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        found.append((sheet.get("name", ""), path))
    return found


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's shared strings (each the text of all its runs), if it has any."""
    try:
        table = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return ["".join(t.text or "" for t in item.iter(TEXT_TAG)) for item in table]


def _cell_text(cell: ElementTree.Element, shared: Sequence[str]) -> str:
    """A cell's value as text: inline, shared, a formula's cached result or a number."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(TEXT_TAG))
    value = cell.findtext(f"{{{SHEET_NS}}}v") or ""
    if kind == "s":
        return shared[int(value)] if value.isdigit() and int(value) < len(shared) else ""
    if kind == "n" and value:
        number = float(value)
        return "" if number == 0 else str(int(number)) if number.is_integer() else value
    return value


@lru_cache(maxsize=8)
def sheet_headers(data: bytes) -> tuple[tuple[str, str], ...]:
    """Each sheet's title and the left part of its page header, from the xlsx's XML.

    Only the workbook's sheet list and each sheet's <oddHeader> are read, not
    its cells; openpyxl reads the header's codes (&L, &"font" …) as it would
    for a whole workbook.
    """
    from openpyxl.worksheet.header_footer import HeaderFooterItem

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        out = []
        for title, path in _sheets(archive):
            header = ODD_HEADER.search(archive.read(path))
            text = ""
            if header is not None:
                node = ElementTree.fromstring(b"<h>" + header.group(1) + b"</h>")
                item = HeaderFooterItem.from_tree(node)  # None for an empty header
                text = (item.left.text or "") if item is not None else ""
            out.append((title, text))
    return tuple(out)


SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CELL_TAG, ROW_TAG, TEXT_TAG = (f"{{{SHEET_NS}}}{tag}" for tag in ("c", "row", "t"))
ODD_HEADER = re.compile(rb"<(?:\w+:)?oddHeader(?:\s[^>]*)?>(.*?)</(?:\w+:)?oddHeader>", re.DOTALL)


def check_cards(plan: Plan, documents: Mapping[str, bytes], cards_file: str) -> CheckResult:
    """A card in 桌签.pdf for every rostrum seat of the base plan and every standby substitute."""
    needed = [a.person for a in plan.base.in_area("rostrum")] + standby(plan.roster)
    item = _("a card for each of {n} people").format(n=len(needed))
    if not needed:
        return CheckResult("桌签", item, Outcome.PASSED, _("Nobody sits on the rostrum."))
    data = documents.get(cards_file)
    if data is None:
        return CheckResult(
            "桌签", item, Outcome.FAILED, _("{file} was not made.").format(file=cards_file)
        )
    pages = range(len(pdf_pages_text(data)))
    text = "".join(pdf_pages_text(data)[i] or pypdf_page_text(data, i) for i in pages)
    missing = [p.name for p in needed if p.name not in text.replace(" ", "").replace("\n", "")]
    if missing:  # pypdf's reading of every page decides
        text = "".join(pypdf_page_text(data, i) for i in pages)
        missing = [p.name for p in needed if p.name not in text.replace(" ", "").replace("\n", "")]
    if missing:
        return CheckResult(
            "桌签",
            item,
            Outcome.FAILED,
            _("No card for: {names}.").format(names=_(", ").join(missing)),
        )
    return CheckResult(
        "桌签",
        item,
        Outcome.PASSED,
        _("{file} has a card for every rostrum seat and every standby substitute.").format(
            file=cards_file
        ),
    )


def check_sign_in(plan: Plan, documents: Mapping[str, bytes], sign_in_file: str) -> CheckResult:
    """Every roster person on the sign-in sheets exactly once."""
    item = _("all {n} roster people").format(n=len(plan.roster))
    data = documents.get(sign_in_file)
    if data is None:
        return CheckResult(
            "签到表", item, Outcome.FAILED, _("{file} was not made.").format(file=sign_in_file)
        )
    listed = listed_names(data)
    wanted = Counter(p.name for p in plan.roster.attendees)
    missing = sorted((wanted - listed).elements())
    extra = sorted((listed - wanted).elements())
    if missing or extra:
        parts = []
        if missing:
            parts.append(_("not listed: {names}").format(names=_(", ").join(missing)))
        if extra:
            parts.append(_("listed too often: {names}").format(names=_(", ").join(extra)))
        return CheckResult("签到表", item, Outcome.FAILED, _("; ").join(parts) + _("."))
    return CheckResult(
        "签到表",
        item,
        Outcome.PASSED,
        _("{file} lists every roster person once.").format(file=sign_in_file),
    )


def check_classification(
    plan: Plan, documents: Mapping[str, bytes], displayed: Collection[str] = ()
) -> CheckResult | None:
    """With a classification, its mark is on every page of every PDF and every sheet's header.

    ``displayed`` are not documents but things set out for all to see (table
    cards, seat labels): a classification mark does not belong on them.
    """
    from meetplan.render.fitting import printed_classification

    mark = printed_classification(plan.settings.meeting)  # as printed: cut if very long
    if not mark:
        return None
    item = _("the mark “{mark}” on every document").format(mark=mark)
    lacking = []
    for name, data in sorted(documents.items()):
        if name in displayed:
            continue
        if name.endswith(".pdf"):
            pages = range(len(pdf_pages_text(data)))
            bare = [i + 1 for i in pages if mark not in page_text(data, i, mark).replace(" ", "")]
            if bare:
                lacking.append(
                    _("{file} page {pages}").format(
                        file=name, pages=_(", ").join(map(str, bare[:5]))
                    )
                )
        elif name.endswith(".xlsx"):
            bare_sheets = [title for title, header in sheet_headers(data) if mark not in header]
            if bare_sheets:
                lacking.append(
                    _("{file} sheet {sheets}").format(file=name, sheets=_(", ").join(bare_sheets))
                )
    if lacking:
        return CheckResult(
            "密级",
            item,
            Outcome.FAILED,
            _("Missing on: {where}.").format(where=_("; ").join(lacking)),
        )
    return CheckResult("密级", item, Outcome.PASSED, _("Printed top-left on every page and sheet."))


def unembedded_fonts(data: bytes) -> list[str]:
    """The fonts a PDF uses without carrying them (a printer would substitute its own)."""
    from meetplan.materials.pdftext import object_key

    reader = pdf_reader(data)
    missing: set[str] = set()
    seen: set[Any] = set()  # pages share their fonts: each is looked at once
    for page in reader.pages:
        resources: Any = page.get("/Resources") or {}
        fonts: Any = resources.get_object().get("/Font") if resources else None
        if not fonts:
            continue
        for ref in fonts.get_object().values():
            if object_key(ref) in seen:
                continue
            seen.add(object_key(ref))
            font = ref.get_object()
            described = [font]
            if "/DescendantFonts" in font:
                described = [d.get_object() for d in font["/DescendantFonts"]]
            for part in described:
                descriptor = part.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(str(font.get("/BaseFont", "?")))
    return sorted(missing)


def check_fonts(
    plan: Plan, documents: Mapping[str, bytes], missing_glyphs: Callable[[str], list[str]]
) -> CheckResult:
    """Every font in every PDF embedded; every character of every name in the fonts."""
    item = _("fonts embedded, every character of every name printable")
    problems = []
    for name, data in sorted(documents.items()):
        if name.endswith(".pdf"):
            bare = unembedded_fonts(data)
            if bare:
                problems.append(
                    _("{file} uses fonts it does not carry: {fonts}").format(
                        file=name, fonts=_(", ").join(bare)
                    )
                )
    names = "".join(dict.fromkeys("".join(p.name for p in plan.roster.attendees)))
    lacking = missing_glyphs(names)
    if lacking:
        problems.append(_("characters no font has: {chars}").format(chars=" ".join(lacking)))
    if problems:
        return CheckResult("字体", item, Outcome.FAILED, _("; ").join(problems) + _("."))
    pdfs = sum(1 for n in documents if n.endswith(".pdf"))
    return CheckResult(
        "字体",
        item,
        Outcome.PASSED,
        _(
            "{n} PDF files carry their fonts; all {chars} characters of the names are in them."
        ).format(n=pdfs, chars=len(names)),
    )


def run_checks(
    plan: Plan,
    materials: Sequence[Material],
    folder: Path | None,
    documents: Mapping[str, bytes],
    *,
    cards_file: str,
    sign_in_file: str,
    displayed: Collection[str] = (),
    missing_glyphs: Callable[[str], list[str]],
    libreoffice: str | None = "auto",
    documents_checked: list[CheckResult] | None = None,
) -> list[CheckResult]:
    """Every automatic check, in the order the checklist prints them.

    ``documents_checked``: what :func:`check_documents` found for these very
    documents in an earlier build (:class:`meetplan.render.memo.CheckMemo`).
    """
    with parsed_once():
        return _run_checks(
            plan,
            materials,
            folder,
            documents,
            cards_file,
            sign_in_file,
            displayed,
            missing_glyphs,
            libreoffice,
            documents_checked,
        )


_parsing = 0  # how many parsed_once blocks are open


@contextlib.contextmanager
def parsed_once() -> Iterator[None]:
    """Within it, each document is parsed once however many checks (and checklists: the
    build checks again in the terminal's language) read it; the parsed documents are
    forgotten when the outermost block ends."""
    global _parsing
    _parsing += 1
    try:
        yield
    finally:
        _parsing -= 1
        if not _parsing:
            for cached in (
                pdf_reader,
                pdf_pages_text,
                pypdf_page_text,
                sheet_headers,
                listed_names,
            ):
                cached.cache_clear()


def check_documents(
    plan: Plan,
    documents: Mapping[str, bytes],
    cards_file: str,
    sign_in_file: str,
    displayed: Collection[str],
    missing_glyphs: Callable[[str], list[str]],
) -> list[CheckResult]:
    """The checks of the documents meetplan made: cards, sign-in sheet, classification, fonts.

    They depend only on the plan, the documents' bytes, the fonts and the language
    of their messages, so a build may keep them (:class:`meetplan.render.memo.CheckMemo`).
    """
    results = [
        check_cards(plan, documents, cards_file),
        check_sign_in(plan, documents, sign_in_file),
    ]
    classification = check_classification(plan, documents, displayed)
    if classification is not None:
        results.append(classification)
    results.append(check_fonts(plan, documents, missing_glyphs))
    return results


def _run_checks(
    plan: Plan,
    materials: Sequence[Material],
    folder: Path | None,
    documents: Mapping[str, bytes],
    cards_file: str,
    sign_in_file: str,
    displayed: Collection[str],
    missing_glyphs: Callable[[str], list[str]],
    libreoffice: str | None,
    documents_checked: list[CheckResult] | None,
) -> list[CheckResult]:
    results: list[CheckResult] = []
    counts = area_counts(plan)
    for material in materials:
        copies = check_copies(material, counts)
        if copies is not None:
            results.append(copies)
        results += check_file(material, folder, libreoffice)
    for material in materials:
        speaker = check_speaker(material, plan)
        if speaker is not None:
            results.append(speaker)
    results += check_speakers_on_aisle(plan)
    if documents_checked is None:
        documents_checked = check_documents(
            plan, documents, cards_file, sign_in_file, displayed, missing_glyphs
        )
    return results + documents_checked
