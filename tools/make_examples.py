"""Regenerate the example meeting folders' rosters (examples/*/roster.*).

The people are fictional: names are drawn from common surnames and given-name
characters with a fixed seed. Run: python tools/make_examples.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent / "examples"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "建国华明伟芳军红平勇杰涛斌强磊波辉刚宁健玲静丽英梅敏燕霞云峰海林东亮志宏文春晓雪"
    "琳颖鹏飞浩宇晨阳振兴瑞祥德胜永利佳新成立忠诚卫民"
)
HEADERS = ["排序", "姓名", "单位", "职务", "座区", "出席", "代会", "发言", "备注"]


def name(rng: random.Random, used: set[str], two: bool = False) -> str:
    while True:
        n = rng.choice(SURNAMES) + rng.choice(GIVEN) + ("" if two else rng.choice(GIVEN))
        if n not in used:
            used.add(n)
            return n


def county_plenary() -> None:
    rng = random.Random(2026)
    used: set[str] = set()
    rows: list[list[object]] = []
    leaders = [
        ("县委", "县委书记", "出席", "是"),
        ("县政府", "县委副书记、县长", "出席", "是"),
        ("县人大常委会", "县人大常委会主任", "出席", ""),
        ("县政协", "县政协主席", "出席", ""),
        ("县委", "县委副书记", "出席", ""),
        ("县纪委监委", "县委常委、县纪委书记、县监委主任", "出席", ""),
        ("县委", "县委常委、组织部部长", "出席", ""),
        ("县委", "县委常委、宣传部部长", "出席", ""),
        ("县政府", "县委常委、常务副县长", "出席", "是"),
        ("县委", "县委常委、政法委书记", "出席", ""),
        ("县人武部", "县委常委、县人武部部长", "待定", ""),
        ("县委", "县委常委、县委办公室主任", "出席", ""),
        ("县人大常委会", "县人大常委会副主任", "出席", ""),
        ("县政府", "副县长", "出席", ""),
        ("县政府", "副县长", "出席", ""),
        ("县政协", "县政协副主席", "出席", ""),
    ]
    for i, (unit, title, attend, speaks) in enumerate(leaders, start=1):
        n = (
            "欧阳少东"
            if i == 13
            else ("阿依古丽·买买提" if i == 16 else name(rng, used, two=(i == 8)))
        )
        rows.append([i, n, unit, title, "主席台", attend, "", speaks, ""])
    units = [
        "县委办公室",
        "县政府办公室",
        "县人大常委会办公室",
        "县政协办公室",
        "县纪委监委机关",
        "县委组织部",
        "县委宣传部",
        "县发展和改革局",
        "县财政局",
        "县教育局",
        "县自然资源局",
        "县住房和城乡建设局",
        "县农业农村局",
        "县卫生健康局",
        "城关镇",
    ]
    titles = ["主任", "副主任", "科长", "副科长", "一级科员"]
    precedence = len(rows)
    for unit in units:
        for k in range(rng.randint(8, 11)):
            precedence += 1
            title = titles[min(k, len(titles) - 1)]
            if unit.endswith("局"):
                title = "局长" if k == 0 else "副局长" if k < 3 else "股长"
            if unit == "城关镇":
                title = "党委书记" if k == 0 else "镇长" if k == 1 else "副镇长"
            rows.append(
                [
                    precedence,
                    name(rng, used, two=rng.random() < 0.15),
                    unit,
                    title,
                    "会场",
                    "出席",
                    "",
                    # two heads speak from the podium (典型发言): they need aisle seats
                    "是" if k == 0 and unit in ("县教育局", "城关镇") else "",
                    "",
                ]
            )
    # one absent department head sends a deputy in their place (代会)
    absent = next(r for r in rows if r[2] == "县财政局")
    absent[5] = "请假"
    absent[8] = "市里开会"
    precedence += 1
    rows.append(
        [
            precedence,
            name(rng, used),
            "县财政局",
            "副局长（代会）",
            "会场",
            "出席",
            absent[1],
            "",
            "",
        ]
    )
    # the 待定 leader (县人武部) may send his political commissar instead (代会, on standby)
    precedence += 1
    tentative_leader = next(r for r in rows if r[5] == "待定")
    rows.append(
        [
            precedence,
            name(rng, used),
            "县人武部",
            "县人武部政委（代会）",
            "主席台",
            "出席",
            tentative_leader[1],
            "",
            "",
        ]
    )
    # a hall member who may not come
    maybe = next(r for r in rows if r[2] == "县农业农村局" and r[3] == "股长")
    maybe[5] = "待定"
    for _ in range(5):
        precedence += 1
        rows.append(
            [precedence, name(rng, used), "县直有关单位", "列席代表", "列席", "出席", "", "", ""]
        )
    for _ in range(3):
        precedence += 1
        rows.append(
            [precedence, name(rng, used), "县委办公室", "工作人员", "工作人员", "出席", "", "", ""]
        )

    wb = Workbook()
    ws = wb.active
    ws.title = "参会名单"
    ws.append(["全县经济工作会议参会人员名单"])
    ws.merge_cells("A1:I1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(HEADERS)
    for r in rows:
        # typed by hand: two-character names often carry a spacer (王  伟)
        n = str(r[1])
        r = list(r)
        if len(n) == 2:
            r[1] = n[0] + "\u3000" + n[1]
        ws.append(r)
    for col, width in zip("ABCDEFGHI", (6, 16, 20, 32, 8, 8, 10, 6, 12), strict=True):
        ws.column_dimensions[col].width = width
    folder = ROOT / "county-plenary"
    folder.mkdir(parents=True, exist_ok=True)
    wb.save(folder / "roster.xlsx")


def unit_meeting() -> None:
    """A small meeting in a meeting room; the roster is a GBK CSV exported from an old system."""
    rng = random.Random(40)
    used: set[str] = set()
    rows = [
        ["1", name(rng, used), "市统计局", "局长", "主席台", "出席"],
        ["2", name(rng, used), "市统计局", "副局长", "主席台", "出席"],
        ["3", name(rng, used), "市统计局", "副局长", "主席台", "待定"],
        ["4", name(rng, used), "市统计局", "总统计师", "主席台", "出席"],
    ]
    offices = ["办公室", "综合统计科", "国民经济核算科", "工业交通统计科", "人口和社会科技统计科"]
    n = 4
    for office in offices:
        for k in range(4):
            n += 1
            rows.append(
                [
                    str(n),
                    name(rng, used),
                    f"市统计局{office}",
                    "科长" if k == 0 else "科员",
                    "会场",
                    "出席",
                ]
            )
    folder = ROOT / "unit-meeting"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "roster.csv", "w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["序号", "姓名", "单位", "职务", "区域", "是否出席"])
        w.writerows(rows)


if __name__ == "__main__":
    county_plenary()
    unit_meeting()
