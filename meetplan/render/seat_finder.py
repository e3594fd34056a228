"""座位查询.html: the seat finder page for the registration desk.

One self-contained HTML file (inline CSS and script, the data as embedded
JSON, the hall as inline SVG; no network, no web fonts) that any browser
opens from disk: type a name, part of a name, its pinyin initials (oysd) or
its pinyin (ouyang, shaodong), and the page shows the seat in big words and
marks it on a small picture of the hall.

The pinyin is worked out here, with the surname readings of
:mod:`meetplan.ordering.pinyin` (单 shan, 曾 zeng); the script only matches.
The picture puts hall seats where :mod:`meetplan.model.geometry` does (as the
seating chart draws them) and the rostrum rows as the chart sets them.

Names are data: everything from the roster reaches the page either escaped as
HTML text or inside JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes,
and the script shows it with ``textContent`` only. The same plan gives the
same bytes.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

from meetplan.model.attendee import Area, Attendance, Attendee
from meetplan.model.geometry import floor_positions, frame_width
from meetplan.model.layout import SeatUse
from meetplan.model.plan import Plan
from meetplan.ordering.pinyin import char_reading
from meetplan.ordering.surnames import SURNAME_READINGS, parse_name
from meetplan.ordering.text import is_han
from meetplan.protocol.rostrum import rostrum_offsets, table_seats

SEAT_FINDER = "座位查询.html"

# -- visible text (Chinese whatever the terminal's language) ---------------------

PAGE_TITLE = "座位查询"
PROMPT = "输入姓名、姓名中的字或拼音首字母（如 zs）查找座位"
PLACEHOLDER = "姓名或拼音首字母"
ROSTRUM = "主席台"
HALL = "会场"
NO_SEAT = "未安排座位"
TENTATIVE = "待定"
OBSERVER = "列席"
SUBSTITUTE = "代{name}出席"
NOTHING_FOUND = "未找到，请核对姓名或换用拼音首字母"
MORE = "另有{n}人，请多输入几个字"
CHOOSE = "找到{n}人，请点选："
PEOPLE = "共{n}人"
UNIT, TITLE, NOTE = "单位", "职务", "备注"
ROW = "{row}排"
LEGEND = "红色为所查座位"
MAX_RESULTS = 50  # shown in the result list; more asks for more letters

# -- the picture, in SVG user units (one hall seat = PITCH) ---------------------

PITCH = 10.0  # a hall seat's width with its gap
SEAT_W, SEAT_H = 8.0, 7.0
ROW_PITCH = 10.0
ROSTRUM_PITCH = 14.0  # rostrum seats are drawn a little larger, as on the chart
ROSTRUM_W, ROSTRUM_H = 12.0, 9.0
ROSTRUM_ROW = 12.0
STAGE_SIDE = 55.0  # the rostrum table beyond its seats: room for 主席台 and the row numbers
MIN_SCALE = 0.6  # screen pixels per unit at least: a hall seat stays 5 px wide
MARGIN = 30.0  # either side: room for row numbers
GAP = 24.0  # between the rostrum and the hall, and between floors


def rounded(v: float) -> float | int:
    """Coordinates with one decimal, written without a trailing .0 (smaller, stable)."""
    r = round(v, 1)
    return int(r) if r == int(r) else r


def num(v: float) -> str:
    return str(rounded(v))


# -- pinyin ----------------------------------------------------------------------


def name_syllables(name: str) -> list[str]:
    """The name read as pinyin, one toneless syllable per Han character (ü as v),
    the surname with its surname reading; a run of Latin letters or digits is one
    "syllable"; other characters (·, spaces) are left out."""
    parsed = parse_name(name)
    text = parsed.text or name
    readings = SURNAME_READINGS.get(parsed.surname, ())
    out: list[str] = []
    latin = ""
    for i, ch in enumerate(text):
        if is_han(ch):
            if latin:
                out.append(latin)
                latin = ""
            if i < len(readings):
                out.append(readings[i].rstrip("012345"))
            else:
                reading = char_reading(ch)
                if reading:
                    out.append(reading[0])
        elif ch.isascii() and ch.isalnum():
            latin += ch.lower()
        elif latin:
            out.append(latin)
            latin = ""
    if latin:
        out.append(latin)
    return out


# -- what the page holds ---------------------------------------------------------


def note_of(person: Attendee) -> str:
    """待定 / 代…出席 / 列席, as the seating chart marks them."""
    parts = []
    if person.area is Area.OBSERVER:
        parts.append(OBSERVER)
    if person.attendance is Attendance.TENTATIVE:
        parts.append(TENTATIVE)
    if person.substitute_for:
        parts.append(SUBSTITUTE.format(name=person.substitute_for))
    return "；".join(parts)


def section_word(count: int, index: int) -> str:
    names = {2: ("左区", "右区"), 3: ("左区", "中区", "右区")}.get(count)
    if names:
        return names[index]
    return f"第{index + 1}区" if count > 1 else ""


class Picture:
    """The hall as SVG, and where each seat of it is drawn."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.places: dict[tuple[str, str, int, int], tuple[float, float]] = {}
        self.parts: list[str] = []
        self.width = 0.0
        self.height = 0.0
        self._draw()

    def _draw(self) -> None:
        plan, layout = self.plan, self.plan.layout
        scenario = plan.base
        rows = scenario.rostrum_rows()
        offsets = rostrum_offsets(rows, plan.settings.protocol) if rows else []
        hall_w = max((frame_width(f) for f in layout.floors), default=0.0) * PITCH
        table = max(table_seats([len(r) for r in rows], offsets), 3.0) if rows else 0.0
        rostrum_pitch = ROSTRUM_PITCH
        inner = max(hall_w, table * rostrum_pitch + 2 * STAGE_SIDE)
        self.width = inner + 2 * MARGIN
        cx = self.width / 2
        parts = self.parts
        y = 8.0
        occupied = {(a.seat.floor, a.seat.row, a.seat.col) for a in scenario.in_area("hall")}
        if rows:
            stage_w = table * rostrum_pitch + 2 * STAGE_SIDE
            stage_h = len(rows) * ROSTRUM_ROW + 10
            parts.append(
                f'<rect class="stage" x="{num(cx - stage_w / 2)}" y="{num(y)}" '
                f'width="{num(stage_w)}" height="{num(stage_h)}" rx="4"/>'
                f'<text class="lbl" x="{num(cx - stage_w / 2 + 4)}" '
                f'y="{num(y + stage_h / 2 + 4)}">{ROSTRUM}</text>'
            )
            d = []
            ry = y + 5
            for seated, offset in reversed(
                list(zip(rows, offsets, strict=True))
            ):  # back row on top
                x = cx + (offset - len(seated) / 2) * rostrum_pitch
                for a in seated:
                    sx, sy = x + (rostrum_pitch - ROSTRUM_W) / 2, ry + 1.5
                    d.append(
                        f"M{num(sx)} {num(sy)}h{num(ROSTRUM_W)}v{num(ROSTRUM_H)}h-{num(ROSTRUM_W)}z"
                    )
                    self.places[("rostrum", "", a.seat.row, a.seat.col)] = (sx, sy)
                    x += rostrum_pitch
                if len(rows) > 1 and seated:
                    parts.append(
                        f'<text class="no" x="{num(cx + stage_w / 2 - 5)}" y="{num(ry + 8)}" '
                        f'text-anchor="end">{ROW.format(row=seated[0].seat.row)}</text>'
                    )
                ry += ROSTRUM_ROW
            parts.append(f'<path class="seat taken" d="{"".join(d)}"/>')
            y += stage_h + GAP
        for floor in layout.floors:
            floor_w = frame_width(floor) * PITCH
            left = MARGIN + (inner - floor_w) / 2  # each floor centred under the rostrum
            if floor.name:
                parts.append(
                    f'<text class="lbl" x="{num(MARGIN)}" y="{num(y + 8)}">{html.escape(floor.name)}</text>'
                )
                y += 14
            taken: list[str] = []
            empty: list[str] = []
            positions = floor_positions(floor)
            for row in floor.rows:
                uses = dict(row.uses)
                for col, x in enumerate(positions[row.number], start=1):
                    if uses.get(col) is SeatUse.BLOCKED:
                        continue
                    sx = left + x * PITCH + (PITCH - SEAT_W) / 2
                    key = (floor.name, row.number, col)
                    self.places[("hall", *key)] = (sx, y)
                    (taken if key in occupied else empty).append(
                        f"M{num(sx)} {num(y)}h{num(SEAT_W)}v{num(SEAT_H)}h-{num(SEAT_W)}z"
                    )
                label = html.escape(ROW.format(row=row.number))
                parts.append(
                    f'<text class="no" x="{num(left - 4)}" y="{num(y + 6)}" text-anchor="end">{label}</text>'
                    f'<text class="no" x="{num(left + floor_w + 4)}" y="{num(y + 6)}">{label}</text>'
                )
                y += ROW_PITCH
            parts.append(f'<path class="seat empty" d="{"".join(empty)}"/>')
            parts.append(f'<path class="seat taken" d="{"".join(taken)}"/>')
            y += GAP
        self.height = y

    def svg(self) -> str:
        mark = (
            '<g id="mark" style="display:none">'
            '<rect id="mark-row" class="band" x="0" y="0" width="0" height="0"/>'
            '<rect id="mark-col" class="band" x="0" y="0" width="0" height="0"/>'
            '<circle id="mark-ring" class="ring" cx="0" cy="0" r="14"/>'
            '<rect id="mark-seat" class="hit" x="0" y="0" width="0" height="0"/>'
            "</g>"
        )
        return (
            f'<svg id="hall" role="img" '
            f'aria-label="{html.escape(self.plan.layout.title or HALL)}" '
            f'viewBox="0 0 {num(self.width)} {num(self.height)}" '
            # a large hall is drawn larger than the box and scrolled to the seat
            f'style="min-width:{num(self.width * MIN_SCALE)}px">'
            + "".join(self.parts)
            + mark
            + "</svg>"
        )


def records(plan: Plan, picture: Picture) -> dict[str, Any]:
    """The data the script searches, as compact lists (a 10,000-seat hall stays small).

    Each person: [name, unit index, title, seat label, area words, note, initials,
    pinyin (syllables with spaces), seat kind ("rostrum", "hall" or "" unseated),
    floor, row, col, x, y].
    """
    scenario = plan.base
    # the units in the roster's order, whatever order the plan's seats come in: the
    # same plan is always the same page
    units: dict[str, int] = {}
    for attendee in plan.roster.attendees:
        units.setdefault(attendee.unit, len(units))
    people: list[tuple[int, list[Any]]] = []
    rows = {(f.name, r.number): r for f in plan.layout.floors for r in f.rows}

    def person_fields(p: Attendee) -> list[Any]:
        syllables = name_syllables(p.name)
        unit = units.setdefault(p.unit, len(units))
        return [
            p.name,
            unit,
            p.title,
            "",
            "",
            note_of(p),
            "".join(s[0] for s in syllables),
            " ".join(syllables),
        ]

    for a in scenario.assignments:
        p, seat = a.person, a.seat
        fields = person_fields(p)
        fields[3] = seat.label
        if seat.area == "rostrum":
            fields[4] = ROSTRUM
        else:
            words = [seat.floor or HALL]
            widths = rows[(seat.floor, seat.row)].sections
            count = sum(1 for w in widths if w)
            if count > 1:  # 左区 / 中区 / 右区: aisles split the row
                words.append(section_word(count, sum(1 for w in widths[: seat.section] if w)))
            if seat.use is not SeatUse.GENERAL:
                words.append(seat.use.label)
            fields[4] = "".join(words)
        place = picture.places.get((seat.area, seat.floor, seat.row, seat.col))
        if place is None:  # an area the picture does not draw
            fields += [seat.area, seat.floor, seat.row, seat.col, -1, -1]
        else:
            fields += [
                seat.area,
                seat.floor,
                seat.row,
                seat.col,
                rounded(place[0]),
                rounded(place[1]),
            ]
        people.append((p.id, fields))
    for u in scenario.unseated:
        fields = person_fields(u.person)
        fields[3] = NO_SEAT
        fields[5] = "；".join(x for x in (fields[5], u.reason.label) if x)
        fields += ["", "", 0, 0, -1, -1]
        people.append((u.person.id, fields))
    people.sort(key=lambda item: item[0])  # roster order: the office's own
    return {
        "units": list(units),
        "people": [f for _id, f in people],
        "sizes": {"rostrum": [ROSTRUM_W, ROSTRUM_H], "hall": [SEAT_W, SEAT_H]},
        "width": rounded(picture.width),
        "height": rounded(picture.height),
        "max": MAX_RESULTS,
        "text": {
            "nothing": NOTHING_FOUND,
            "more": MORE,
            "choose": CHOOSE,
            "noSeat": NO_SEAT,
        },
    }


def script_json(data: Any) -> str:
    """JSON safe inside <script>: no </script>, no <!--, no line separators that
    older engines take for line ends."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


# The page may load nothing: no fetch, no image, no font, even if a name smuggled markup in.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

STYLE = """
*{box-sizing:border-box}
body{margin:0;color:#222;background:#f6f6f4;
 font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",
 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Droid Sans Fallback",sans-serif}
header{background:#9b1c1c;color:#fff;padding:12px 20px}
header h1{margin:0;font-size:22px;font-weight:600}
header p{margin:4px 0 0;font-size:14px;opacity:.9}
main{display:flex;flex-wrap:wrap;gap:16px;padding:16px 20px}
#find{flex:1 1 320px;max-width:460px}
#where{flex:2 1 420px;min-width:300px}
label{display:block;font-size:15px;margin-bottom:6px}
#q{width:100%;font-size:26px;padding:10px 12px;border:2px solid #888;border-radius:8px}
#q:focus{outline:none;border-color:#9b1c1c}
#status{font-size:15px;color:#555;margin:8px 0;min-height:1.3em}
#results{list-style:none;margin:0;padding:0;max-height:50vh;overflow:auto}
#results button{display:block;width:100%;text-align:left;font-size:18px;padding:8px 10px;
 margin:0 0 4px;border:1px solid #ccc;border-radius:6px;background:#fff;cursor:pointer}
#results button.on{border-color:#9b1c1c;background:#fdeaea}
#results small{color:#666;margin-left:8px;font-size:14px}
#card{background:#fff;border:1px solid #ddd;border-radius:10px;padding:14px 18px;margin-bottom:12px;display:none}
#name{font-size:30px;font-weight:600}
#seat{font-size:44px;font-weight:700;color:#9b1c1c;margin:6px 0}
#area{font-size:20px;color:#333}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:8px 0 0;font-size:17px}
dt{color:#777}dd{margin:0}
#note.warn{color:#b45309;font-weight:600}
#pic{background:#fff;border:1px solid #ddd;border-radius:10px;padding:8px}
#pic p{margin:2px 4px 6px;font-size:14px;color:#555}
#view{max-height:70vh;overflow:auto}
svg{width:100%;height:auto;display:block}
.stage{fill:#f1ece4;stroke:#b9ab95}
.seat{stroke:none}.taken{fill:#c9c9c9}.empty{fill:#ececec}
.lbl{font-size:11px;fill:#555}.no{font-size:6px;fill:#aaa}
.band{fill:#fde68a;opacity:.6}.hit{fill:#dc2626}.ring{fill:none;stroke:#dc2626;stroke-width:2.5}
"""

SCRIPT = r"""
(function(){
var D=JSON.parse(document.getElementById('data').textContent);
var P=D.people,T=D.text;
var q=document.getElementById('q'),list=document.getElementById('results'),status=document.getElementById('status');
function $(id){return document.getElementById(id)}
function norm(s){return String(s).toLowerCase().replace(/[\s\u00b7\u2022\u30fb.\-]/g,'')}
var idx=P.map(function(p){
  var syl=p[7]?p[7].split(' '):[],tails=[];
  for(var i=0;i<syl.length;i++){tails.push(syl.slice(i).join(''))}
  return {name:norm(p[0]),label:norm(p[3]),ini:p[6],full:syl.join(''),tails:tails};
});
function score(k,s){
  if(/^[a-z]+$/.test(s)){
    if(k.ini===s||k.full===s)return 0;
    if(k.ini.indexOf(s)===0||k.full.indexOf(s)===0)return 1;
    for(var i=1;i<k.tails.length;i++){if(k.tails[i].indexOf(s)===0)return 2}
    if(k.name.indexOf(s)>=0)return 2;
    if(s.length>1&&k.ini.indexOf(s)>0)return 3;
    return -1;
  }
  if(k.name===s)return 0;
  if(k.name.indexOf(s)===0)return 1;
  if(k.name.indexOf(s)>0)return 2;
  if(k.label.indexOf(s)>=0)return 4;
  return -1;
}
function fill(t,n){return t.replace('{n}',n)}
function show(i){
  var p=P[i];
  $('card').style.display='block';
  $('name').textContent=p[0];
  $('seat').textContent=p[3];
  $('area').textContent=p[4];
  $('unit').textContent=D.units[p[1]]||'\u2014';
  $('title').textContent=p[2]||'\u2014';
  $('note').textContent=p[5]||'\u2014';
  $('note').className=p[5]?'warn':'';
  var bs=list.querySelectorAll('button');
  for(var j=0;j<bs.length;j++){bs[j].className=(+bs[j].getAttribute('data-i')===i)?'on':''}
  var m=$('mark');
  if(!p[8]||p[12]<0){m.style.display='none';return}
  var sz=D.sizes[p[8]],x=p[12],y=p[13],w=sz[0],h=sz[1];
  var s=$('mark-seat');
  s.setAttribute('x',x);s.setAttribute('y',y);s.setAttribute('width',w);s.setAttribute('height',h);
  s.setAttribute('data-area',p[8]);s.setAttribute('data-floor',p[9]);
  s.setAttribute('data-row',p[10]);s.setAttribute('data-col',p[11]);s.setAttribute('data-label',p[3]);
  var b=$('mark-row');
  b.setAttribute('x',0);b.setAttribute('y',y-1.5);b.setAttribute('width',D.width);b.setAttribute('height',h+3);
  var c=$('mark-col');
  c.style.display=p[8]==='hall'?'':'none';  // a rostrum seat is in no hall column
  c.setAttribute('x',x-1.5);c.setAttribute('y',0);c.setAttribute('width',w+3);c.setAttribute('height',D.height);
  var r=$('mark-ring');
  r.setAttribute('cx',x+w/2);r.setAttribute('cy',y+h/2);r.setAttribute('r',Math.max(w,h,D.width/60)+6);
  m.style.display='';
  var box=$('view'),svg=$('hall'),k=svg.getBoundingClientRect().width/D.width;
  box.scrollLeft=(x+w/2)*k-box.clientWidth/2;box.scrollTop=(y+h/2)*k-box.clientHeight/2;
}
function search(){
  var s=norm(q.value);
  list.textContent='';
  if(!s){status.textContent='';return}
  var found=[];
  for(var i=0;i<P.length;i++){var v=score(idx[i],s);if(v>=0)found.push([v,i])}
  found.sort(function(a,b){return a[0]-b[0]||a[1]-b[1]});
  if(!found.length){status.textContent=T.nothing;$('card').style.display='none';$('mark').style.display='none';return}
  status.textContent=found.length>1?fill(T.choose,found.length):'';
  var shown=found.slice(0,D.max);
  shown.forEach(function(f){
    var p=P[f[1]],li=document.createElement('li'),b=document.createElement('button'),sm=document.createElement('small');
    b.type='button';b.setAttribute('data-i',f[1]);
    b.appendChild(document.createTextNode(p[0]));
    sm.textContent=[D.units[p[1]],p[3]].filter(Boolean).join('\u3000');
    b.appendChild(sm);
    b.addEventListener('click',function(){show(f[1])});
    li.appendChild(b);list.appendChild(li);
  });
  if(found.length>shown.length){
    var more=document.createElement('li');
    more.textContent=fill(T.more,found.length-shown.length);list.appendChild(more);
  }
  if(found.length===1||found[0][0]<found[1][0])show(found[0][1]);
}
q.addEventListener('input',search);
q.addEventListener('keydown',function(e){if(e.key==='Enter'){var b=list.querySelector('button');if(b)b.click()}});
search();
})();
"""


def render_seat_finder(plan: Plan) -> bytes:
    """座位查询.html for the plan's base scenario (everyone who may come has a seat)."""
    picture = Picture(plan)
    data = records(plan, picture)
    meeting = plan.settings.meeting
    title = f"{meeting.title} {PAGE_TITLE}".strip() if meeting.title else PAGE_TITLE
    seated = sum(1 for p in data["people"] if p[8])
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header><h1>{html.escape(title)}</h1><p>{html.escape(PEOPLE.format(n=seated))}</p></header>
<main>
<section id="find">
<label for="q">{PROMPT}</label>
<input id="q" type="search" autocomplete="off" autocapitalize="off" spellcheck="false"
 placeholder="{PLACEHOLDER}" autofocus>
<div id="status" role="status"></div>
<ul id="results"></ul>
</section>
<section id="where">
<div id="card"><div id="name"></div><div id="seat"></div><div id="area"></div>
<dl><dt>{UNIT}</dt><dd id="unit"></dd><dt>{TITLE}</dt><dd id="title"></dd><dt>{NOTE}</dt><dd id="note"></dd></dl></div>
<div id="pic"><p>{LEGEND}</p><div id="view">{picture.svg()}</div></div>
</section>
</main>
<script type="application/json" id="data">{script_json(data)}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
    return page.encode("utf-8")


def finder_makers(plan: Plan) -> dict[str, Callable[[], bytes]]:
    """The seat finder for :func:`meetplan.build.document_makers`."""
    return {SEAT_FINDER: lambda: render_seat_finder(plan)}
