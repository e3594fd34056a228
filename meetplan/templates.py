"""Files that `meetplan init` writes into a new meeting folder."""

from __future__ import annotations

MEETING_TOML = """\
# meetplan 会议设置。每个设置也可以在命令行给出（例如 --honor-side right），命令行优先。
# Settings for one meeting. Every key can also be given on the command line.

[meeting]
title = ""                     # 会议名称，印在签到表、座次表上，例如 "全县经济工作会议"
date = ""                      # 日期，例如 "2026-12-01"
time = ""                      # 时间，例如 "09:00"
venue = ""                     # 地点，例如 "县委大礼堂"
organizer = ""                 # 主办单位（写入文档属性），例如 "县委办公室"
classification = ""            # 密级，如 "内部"：印在每份文档左上角；不需要则留空
clock = "12h"                  # 时间写法：12h = 上午9:00（公文写法）| 24h = 9:00、14:30

roster = "roster.xlsx"         # 参会名单（meetplan 只读，不修改）
layout = "{layout}"     # 会场：`meetplan layouts` 列出可用会场，也可写会场文件路径

[protocol]
honor_side = "left"            # left = 左为上（政务会议）；right = 右为上（外事、商务）
# 主席台一排人数为双数时：A = 1号、2号居中，2号在1号左手侧；B = 1号在中线左手侧；
# axis = 双数单摆：1号坐在桌子正中线上，其余按单数排法一左一右，2号一侧多出一座
even_rostrum = "A"
# 主席台每排就座人数，从前排到后排，例如 [12, 12, 14, 14]；各排之和须等于主席台人数（含待定领导）。
# 待定领导不到会时，从后排起减少座椅，前排不留空位。不写则前排坐满会场该排座位数后再排下一排。
# rostrum_rows = [12, 12, 14, 14]
# 排序相同时的先后：surname-strokes 姓氏笔画 | name-strokes 姓名笔画 | pinyin 拼音 | list 名单顺序
name_order = "surname-strokes"
host = ""                      # 主持人姓名（须在主席台上）；空 = 不单独安排
host_seat = "rank"             # rank 按本人职级（不坐后排）| front-centre 前排正中 | front-end 前排边座
allow_ties = false             # true：允许"排序"相同，按 name_order 排列；false：排序重复视为错误

[print]
card_size = "A4"               # 桌签纸张：A4 | A5 | B5 | A3 | letter | 如 "210x297"（毫米）
card_title = false             # 桌签是否在姓名上方印职务
card_font = "song"             # 桌签字体：song 宋体 | hei 黑体 | kai 楷体 | fangsong 仿宋 | 字体文件路径
list_font = "song"             # 签到表等正文字体
heading_font = "hei"           # 标题字体
sign_in_remarks = "status"     # 签到表“备注”栏：status 只印请假/待定/代会 | all 另印名单备注 | none 留空
language = "zh"                # 文档语言：zh 中文（默认，与终端语言无关）| en 英文
sign_in = "by-area"            # 签到表：by-area 按区域 | by-unit 按单位（每单位一份，主席台仍单列）
passes = false                 # true 另印出席证（含二维码，签到时扫码）
pass_size = "90x120"           # 出席证尺寸（毫米），常用证件卡套内芯 90x120
pass_grid = "2x2"              # 每张 A4 纸排几张：横x竖
pass_title = "出席证"          # 证件名称，如 代表证；列席人员印“列席证”，工作人员印“工作证”
seat_label_code = false        # true 座签上也印二维码

# 报到签到（meetplan checkin）：列席人员是否计入“应到”人数
[checkin]
count_observers = false

# 指定单位的就座区域（可选，一般不用）：某单位须整块坐在指定区域内，如靠门的左区前三排。
# 指定的单位先排，其余单位按名单顺序排在其余座位；待定、代会等各种情形下都不移出该区域。
# 每个单位写一段，去掉行首的 # 即生效：
# [[hall.place]]
# unit = "县公安局"            # 单位名称，须与名单“单位”列完全一致
# floor = "一楼"               # 楼层；不写则不限
# sections = [1]               # 区：从会场看由左向右为 1、2、3（左区、中区、右区）；不写则不限
# rows = [1, 2, 3]             # 排号（与座次图一致），也可写 "1-3"；不写则不限
# 指定某人坐某个座位，请在名单的“座位”列填写，如“主席台第1排第3座”“1排12号”“二楼3排12号”。

# 合影（可选）：去掉下面各行行首的 # 即生成 合影站位图.pdf 和 合影说明.txt。
# 名单可加“合影”列（是/否），逐人指定是否参加合影，优先于 include。
# [photo]
# include = "rostrum"          # rostrum 主席台 | rostrum+hall-heads 加各单位第一人 | all 全体 | marked 按“合影”列
# front_row = "seated"         # 前排：seated 就座 | standing 站立
# rows = []                    # 每排人数，前排在先，如 [11, 12, 13]；空则自动（前排单数，错位站立）
# row_max = 15                 # 自动分排时每排最多人数
# labels = false               # true 另印站位贴（用座签纸）
"""
