"""Synthetic rosters: realistic, fictional, the same on every run.

Names are drawn from common surnames (a few compound ones) and given-name
characters, with some two-character names and a few transliterated minority
names; units are county and city departments; the rostrum holds the leaders,
the hall the units' people in the office's order, then the 列席. Some people
are 待定, a few 请假 (one with a deputy attending in their place, 代会), a
few speak (发言). Written as a real .xlsx with a title row above the header,
as offices send them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from meetplan.model.layout import Layout, SeatUse

SEED = 20261201
HEADERS = ["排序", "姓名", "性别", "单位", "职务", "座区", "出席", "代会", "发言", "备注"]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "令狐", "慕容", "皇甫")
GIVEN = (
    "建国华明伟芳军红平勇杰涛斌强磊波辉刚宁健玲静丽英梅敏燕霞云峰海林东亮志宏文春晓雪"
    "琳颖鹏飞浩宇晨阳振兴瑞祥德胜永利佳新成立忠诚卫民秀兰桂珍淑凤玉萍娟艳丹蕾婷洁"
)
MINORITY = (
    "阿依古丽·买买提",
    "买买提·艾力",
    "热依拉·阿不都",
    "次仁·多吉",
    "扎西·顿珠",
    "巴特尔·那顺",
    "古丽米拉·吐尔逊",
)

PLACES = (
    "城关镇",
    "东城区",
    "西城区",
    "南湖区",
    "北山区",
    "高新区",
    "经开区",
    "临江县",
    "青山县",
    "白水县",
    "石门县",
    "云溪县",
    "桃源县",
    "凤凰县",
    "安宁县",
    "永和县",
    "长乐县",
    "清河县",
    "平阳县",
    "阳泉县",
    "新安县",
)
DEPARTMENTS = (
    "委办公室",
    "政府办公室",
    "人大常委会办公室",
    "政协办公室",
    "纪委监委",
    "委组织部",
    "委宣传部",
    "委统战部",
    "委政法委",
    "发展和改革局",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业局",
    "城市管理局",
    "信访局",
    "总工会",
    "团委",
    "妇联",
    "科协",
    "工商联",
    "税务局",
    "供电公司",
    "融媒体中心",
)
OBSERVER_UNITS = (
    "人大代表（列席）",
    "政协委员（列席）",
    "驻地部队",
    "驻地企业代表",
    "离退休老干部代表",
    "新闻媒体",
    "高校代表",
    "群众代表",
    "律师代表",
    "社区代表",
)
LEADER_TITLES = (
    "书记",
    "副书记、市长",
    "人大常委会主任",
    "政协主席",
    "副书记",
    "常委、纪委书记、监委主任",
    "常委、组织部部长",
    "常委、宣传部部长",
    "常委、常务副市长",
    "常委、政法委书记",
    "常委、统战部部长",
    "常委、秘书长",
    "常委、副市长",
    "人大常委会副主任",
    "副市长",
    "政协副主席",
)
MEMBER_TITLES = ("局长", "党组书记", "副局长", "副局长", "总工程师", "科长", "副科长", "一级科员")
REMARKS = ("", "", "", "", "", "", "", "", "", "下午离会", "需要轮椅通道", "迟到半小时")


@dataclass(frozen=True)
class Shape:
    """What a synthetic roster holds."""

    people: int  # rows, everyone included
    units: int  # member units in the hall
    leaders: int  # on the rostrum
    observers: int = 0  # 列席
    staff: int = 0  # 工作人员
    tentative_share: float = 0.03  # 待定
    absent_share: float = 0.015  # 请假

    @property
    def members(self) -> int:
        return self.people - self.leaders - self.observers - self.staff


def shape_for(people: int, layout: Layout | None = None) -> Shape:
    """The issue's cases: 300 people ~1 unit, 3,000 ~100 units, 10,000 ~300 units.

    Given the hall, the roster is fitted to it as an office would: no more
    leaders than the rostrum seats, no more 列席 than a 列席 area holds (they
    fill it by whole units), staff only for the staff seats there are.
    """
    units = 1 if people <= 500 else max(2, round(people / 30 if people <= 3_000 else people / 33))
    leaders = 15 + round(10 * min(people, 10_000) / 10_000)
    observers = round(people * 0.06)
    staff = round(people * 0.005)
    if layout is not None:
        leaders = min(leaders, layout.rostrum_capacity)
        area = layout.capacity_for(SeatUse.OBSERVER)
        observers = min(observers, area) if area else observers
        staff = min(staff, layout.capacity_for(SeatUse.STAFF))
    return Shape(people, units, leaders, observers, staff)


class Names:
    """Distinct fictional names, as a real roster has (homonyms are a warning, not the case)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self) -> str:
        rng = self.rng
        while True:
            roll = rng.random()
            if roll < 0.004:
                name = rng.choice(MINORITY) + ("" if rng.random() < 0.5 else rng.choice("江提尔"))
            elif roll < 0.02:
                name = rng.choice(COMPOUND_SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            elif roll < 0.14:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            else:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            if name not in self.used:
                self.used.add(name)
                return name


def unit_names(count: int, rng: random.Random) -> list[str]:
    """Distinct member units, in the office's order (the roster's order is that order)."""
    if count == 1:
        return ["市直机关"]
    names = [f"{place}{dept}" for place in PLACES for dept in DEPARTMENTS]
    rng.shuffle(names)
    return names[:count]


def unit_sizes(total: int, count: int, rng: random.Random) -> list[int]:
    """Block sizes of very different lengths (3 to a few dozen), summing to ``total``."""
    weights = [rng.lognormvariate(0.0, 0.6) for _ in range(count)]
    scale = total / sum(weights)
    sizes = [max(3, int(w * scale)) for w in weights]
    i = 0
    while sum(sizes) != total:  # settle the rounding on the units in turn
        step = 1 if sum(sizes) < total else -1
        if sizes[i % count] + step >= 3:
            sizes[i % count] += step
        i += 1
    return sizes


def roster_rows(shape: Shape, seed: int = SEED) -> list[list[object]]:
    """The roster's data rows (no header), in the office's order: 排序 1, 2, 3 …"""
    rng = random.Random(seed)
    names = Names(rng)
    rows: list[list[object]] = []

    def add(unit: str, title: str, area: str, attendance: str = "出席", speaker: str = "") -> None:
        rows.append(
            [
                len(rows) + 1,
                names.new(),
                rng.choice("男男男女"),
                unit,
                title,
                area,
                attendance,
                "",
                speaker,
                rng.choice(REMARKS),
            ]
        )

    for i in range(shape.leaders):
        title = LEADER_TITLES[i] if i < len(LEADER_TITLES) else "副市长"
        unit = "市委" if "书记" in title or "常委" in title else "市政府"
        add(unit, title, "主席台", "待定" if i in (10, 17) else "出席", "是" if i < 2 else "")

    observers = shape.observers
    units = unit_names(shape.units, rng)
    sizes = unit_sizes(shape.members, len(units), rng)
    deputies: list[int] = []  # rows of units whose head sends a deputy (代会)
    for index, (unit, size) in enumerate(zip(units, sizes, strict=True)):
        for k in range(size):
            title = MEMBER_TITLES[min(k, len(MEMBER_TITLES) - 1)]
            speaker = "是" if k == 0 and index % 12 == 3 else ""
            add(unit, title, "会场", speaker=speaker)
        if index % 40 == 7 and size >= 3:
            deputies.append(len(rows) - size)  # the unit head's row, 0-based
    observer_units = OBSERVER_UNITS[: max(2, min(len(OBSERVER_UNITS), shape.units // 30 + 2))]
    for k in range(observers):
        add(observer_units[k * len(observer_units) // max(observers, 1)], "列席代表", "列席")
    for _ in range(shape.staff):
        add("会务组", "工作人员", "工作人员")

    # 待定 and 请假 spread over the hall, never on a deputy arrangement's rows
    reserved = {r for d in deputies for r in (d, d + 1)}
    hall_rows = [
        i for i in range(shape.leaders, len(rows)) if i not in reserved and rows[i][5] != "工作人员"
    ]
    for i in rng.sample(hall_rows, round(len(rows) * shape.tentative_share)):
        rows[i][6] = "待定"
    free = [i for i in hall_rows if rows[i][6] == "出席"]
    for i in rng.sample(free, round(len(rows) * shape.absent_share)):
        rows[i][6] = "请假"
    for head in deputies:
        rows[head][6] = "请假"
        rows[head][9] = "外出学习"
        rows[head + 1][7] = rows[head][1]  # the next in the unit attends in the head's place
        rows[head + 1][4] = f"{rows[head + 1][4]}（代会）"
    return rows


def needs(rows: list[list[object]]) -> dict[str, int]:
    """Seats the roster asks for, by kind: rostrum, members (代表席), 列席, staff."""
    seated = [r for r in rows if r[6] != "请假"]
    return {
        kind: sum(1 for r in seated if r[5] == area)
        for kind, area in (
            ("rostrum", "主席台"),
            ("members", "会场"),
            ("observers", "列席"),
            ("staff", "工作人员"),
        )
    }


def fits(shape: Shape, layout: Layout) -> str:
    """Why the roster cannot be seated in the layout, or "" when it can."""
    need = needs(roster_rows(shape))
    general = layout.capacity_for(SeatUse.GENERAL)
    observer_area = layout.capacity_for(SeatUse.OBSERVER)
    # 列席 beyond their own area (or without one) sit in the 代表席 after the members.
    overflow = need["observers"] if need["observers"] > observer_area else 0
    if need["members"] + overflow > general:
        return f"{general:,} member seats (代表席), {need['members'] + overflow:,} people need one"
    if need["rostrum"] > layout.rostrum_capacity:
        return f"rostrum of {layout.rostrum_capacity}, {need['rostrum']} leaders"
    return ""


def write_roster(
    path: Path,
    shape: Shape,
    seed: int = SEED,
    title: str = "",
    rows: list[list[object]] | None = None,
) -> Path:
    """The roster as an .xlsx: a title row, a blank row, the header, the people
    (``rows``: these instead of the shape's, e.g. a revised roster)."""
    rows = roster_rows(shape, seed) if rows is None else rows
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "参会名单"
    ws.append([title or f"基准测试会议参会人员名单（{shape.people}人）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    for letter, width in zip("ABCDEFGHIJ", (7, 14, 6, 28, 24, 8, 8, 10, 6, 14), strict=True):
        ws.column_dimensions[letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
