"""The roster template that ``meetplan init`` puts in a new meeting folder.

One sheet to fill (header on row 1, one fictional sample row, drop-down lists
for the columns with fixed values) and one sheet of instructions in Chinese.
It imports cleanly with :func:`~meetplan.roster.load_roster` (tested).
"""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from meetplan.model import Area, Attendance, Attendee
from meetplan.roster.load import INSTRUCTIONS_SHEET

ROSTER_SHEET = "名单"
LAST_ROW = 1000  # drop-down lists reach this row
NOTES_WIDTH = 72  # the instructions column, in character widths: fits A4 portrait

# (header, width in characters, sample value)
TEMPLATE_COLUMNS: tuple[tuple[str, int, object], ...] = (
    ("排序", 6, 1),
    ("姓名", 12, "张建国"),
    ("单位", 24, "县委"),
    ("职务", 20, "县委书记"),
    ("座区", 10, Area.ROSTRUM.label),
    ("出席", 8, Attendance.PRESENT.label),
    ("代会", 12, None),
    ("发言", 6, "是"),
    ("座位", 12, None),
    ("合影", 6, "是"),
    ("宴会", 6, "是"),
    ("主客", 6, "主方"),
    ("宴会座位", 10, None),
    ("性别", 6, "男"),
    ("民族", 8, "汉族"),
    ("备注", 30, "示例行，填写名单时请删除"),
)
SAMPLE_NOTE = TEMPLATE_COLUMNS[-1][2]


def is_sample(person: Attendee) -> bool:
    """Whether this is the template's sample row, left in by mistake."""
    return person.extra.get("备注") == SAMPLE_NOTE


INSTRUCTIONS: tuple[str, ...] = (
    "名单填写说明",
    "",
    "【总则】表头必须保留（表头上方可以加标题行）；各列顺序可以调整，只有“姓名”列必填，"
    "其余各列可以删除。多出的列不会被读取。第 2 行“张建国”为示例，请改写或删除。",
    "【总则】所有参会人员请放在同一张工作表里，只读取第一张有“姓名”列的工作表。"
    "空行会被跳过；表格中间的分组标题行（如“一、主席台领导”，合并单元格）会被跳过并提示。",
    "【排序】1 为最高，依次填 2、3……的整数。同一座区内不得重复；各座区可以分别从 1 编起，"
    "主席台以外还可以按单位分别从 1 编起（确需并列时，在 meeting.toml 的 [protocol] 中设 "
    "allow_ties = true，并列的人按姓名排序设置排列）。整列不填时，按名单先后顺序排序；"
    "只给主席台人员填、或个别人留空时，没填的人排在填了的人之后，按名单先后顺序排列。",
    "【序号】名单原有的“序号”列可以保留：有“排序”列时，“序号”只作行号；"
    "没有“排序”列时，以“序号”为排序。",
    "【姓名】必填。姓名中间为对齐加的空格会自动去掉（“王  伟”即“王伟”）；少数民族姓名中的"
    "间隔号统一为“·”。",
    "【单位】会场按单位分块就座。同一单位的几行可以合并单元格。",
    "【职务】按设置印在桌签、名单上。",
    "【座区】主席台 / 会场 / 列席 / 工作人员，可从下拉列表选择；留空视为会场。",
    "【出席】出席 / 待定 / 请假，可从下拉列表选择；留空视为出席。待定的领导也安排座位、制作桌签。",
    "【代会】某人代替某位领导参会时，填被代替领导的姓名，须与该领导所在行的姓名一致"
    "（该领导也应列在名单中，出席填“请假”）。",
    "【发言】是 / 否；留空视为否。",
    "【合影】是 / 否：是否参加合影；留空时按 meeting.toml 的 [photo] 设置（默认主席台人员参加合影）。",
    "【宴会】是 / 否：是否参加宴会；留空时按 meeting.toml 的 [banquet] 设置（默认只安排填“是”的人）。",
    "【主客】主方 / 客方：宴会时属主方还是客方；留空视为客方。各桌主陪、副主陪从主方人员中按排序产生，"
    "主方其他人员与客人相间而坐。",
    "【宴会座位】一般留空。确需指定时，填桌号，需要时加上位置，如“主桌”“3号桌”“1号桌主陪”"
    "“2号桌副主陪”“1号桌主宾”；桌号按宴会桌次图（主桌为1号桌）。",
    "【座位】一般留空，由程序排座。确需指定座位时，按座次图上的写法填写，如“主席台第1排第3座”"
    "“1排12号”“二楼3排12号”；此人在各种情形下都坐该座位，主席台其他人按位次依次排在其余座位，"
    "会场其所在单位围绕该座位成块就座。",
    "【性别】【民族】【备注】按需填写，原样保留，用于签到表等。",
)


def write_template(stream: BinaryIO) -> None:
    """Write the roster template (.xlsx) to a binary stream."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has its first sheet
    ws.title = ROSTER_SHEET
    ws.append([header for header, _width, _sample in TEMPLATE_COLUMNS])
    ws.append([sample for _header, _width, sample in TEMPLATE_COLUMNS])

    header_fill = PatternFill("solid", start_color="DDEBF7")
    for col, (_header, width, _sample) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    _fit_to_page_width(ws, landscape=True)
    ws.print_title_rows = "1:1"

    def letter(header: str) -> str:
        index = [h for h, _w, _s in TEMPLATE_COLUMNS].index(header)
        return get_column_letter(index + 1)

    def choose(header: str, values: list[str]) -> None:
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=header,
            error="请从下拉列表中选择：" + "、".join(values),
        )
        ws.add_data_validation(validation)
        validation.add(f"{letter(header)}2:{letter(header)}{LAST_ROW}")

    choose("座区", [area.label for area in Area])
    choose("出席", [attendance.label for attendance in Attendance])
    choose("发言", ["是", "否"])
    choose("合影", ["是", "否"])
    choose("宴会", ["是", "否"])
    choose("主客", ["主方", "客方"])
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="排序",
        error="排序请填 1、2、3……的整数，1 为最高。",
    )
    ws.add_data_validation(whole)
    whole.add(f"{letter('排序')}2:{letter('排序')}{LAST_ROW}")

    notes = wb.create_sheet(INSTRUCTIONS_SHEET)
    notes.column_dimensions["A"].width = NOTES_WIDTH
    for line in INSTRUCTIONS:
        notes.append([line or None])
    notes["A1"].font = Font(bold=True, size=14)
    for r, line in enumerate(INSTRUCTIONS[1:], start=2):
        notes.cell(row=r, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        # Office suites do not grow a row for wrapped text on opening: give the
        # height, counting a Chinese character as two width units.
        lines = -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) // (NOTES_WIDTH - 8))
        notes.row_dimensions[r].height = 16 * max(lines, 1) + 4
    _fit_to_page_width(notes, landscape=False)

    wb.save(stream)


def _fit_to_page_width(ws: Worksheet, *, landscape: bool) -> None:
    """Print on A4, as many pages down as needed but never cut across."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
