"""Write the county-plenary example's manuscripts (examples/county-plenary/materials/).

    python tools/make_example_materials.py

The manuscripts are ordinary A4 PDFs set like 公文: title, body text, and the
page number as "— 3 —" at the foot of each page. They are made once and kept
in the repository; this script is how they were made (the same bytes every
time), so that a test can break one page of one and see the check fail.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meetplan.fonts import FontBook  # noqa: E402

FOLDER = ROOT / "examples" / "county-plenary" / "materials"

SENTENCES = (
    "今年以来，全县上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。",
    "地区生产总值预计增长百分之六左右，规模以上工业增加值、固定资产投资和社会消费品零售总额保持较快增长。",
    "我们要清醒看到，发展不平衡不充分的问题仍然突出，产业结构有待优化，创新能力还不够强。",
    "明年是承上启下的关键之年，做好经济工作意义重大。",
    "要坚持项目为王，抓招商、抓建设、抓投产，以项目建设的实际成效推动高质量发展。",
    "要做强实体经济，推动传统产业转型升级，培育壮大新兴产业，打造特色产业集群。",
    "要全面推进乡村振兴，巩固拓展脱贫攻坚成果，发展壮大村级集体经济。",
    "要持续优化营商环境，深化“放管服”改革，让企业办事更方便、投资更放心。",
    "要保障和改善民生，办好教育、医疗、养老、就业等民生实事，让群众有更多获得感。",
    "要守牢安全底线，统筹发展和安全，抓好安全生产、防灾减灾和社会稳定各项工作。",
    "各乡镇、各部门要切实扛起责任，细化目标任务，明确时间节点，确保各项部署落地见效。",
    "同志们，目标已经明确，任务已经部署，关键在于抓落实。",
)


def paragraphs(count: int, seed: int) -> list[str]:
    """Body text: the sentences above in a fixed rotation, four to a paragraph."""
    out = []
    for i in range(count):
        start = (seed * 5 + i * 3) % len(SENTENCES)
        out.append("".join(SENTENCES[(start + k) % len(SENTENCES)] for k in range(4)))
    return out


def manuscript(title: str, byline: str, pages: int, seed: int, body: str, heading: str) -> bytes:
    """A manuscript of exactly ``pages`` pages, numbered "— n —" at the foot."""
    buf = io.BytesIO()

    class Numbered(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs["invariant"] = 1
            kwargs["initialFontName"] = body
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

        def showPage(self) -> None:
            self.setFont(body, 14)
            self.drawCentredString(A4[0] / 2, 15 * mm, f"— {self.getPageNumber()} —")
            super().showPage()

    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        title=title,
        author="县委办公室",
        creator="meetplan example",
        initialFontName=body,
    )
    title_style = ParagraphStyle(
        "title", fontName=heading, fontSize=22, leading=32, alignment=TA_CENTER, wordWrap="CJK"
    )
    byline_style = ParagraphStyle(
        "byline", fontName=body, fontSize=16, leading=28, alignment=TA_CENTER, wordWrap="CJK"
    )
    text_style = ParagraphStyle(
        "text",
        fontName=body,
        fontSize=16,
        leading=29,
        firstLineIndent=32,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    story: list[object] = [Paragraph(title, title_style), Spacer(1, 4 * mm)]
    if byline:
        story += [Paragraph(byline, byline_style), Spacer(1, 6 * mm)]
    # Add paragraphs until the text fills exactly the pages asked for.
    count = 1
    while True:
        trial = io.BytesIO()
        probe = SimpleDocTemplate(trial, pagesize=A4, **{k: getattr(doc, k) for k in MARGINS})
        pieces = story + [Paragraph(t, text_style) for t in paragraphs(count, seed)]
        probe.build(list(pieces))
        if probe.page > pages:
            count -= 1
            break
        count += 1
    doc.build(
        story + [Paragraph(t, text_style) for t in paragraphs(count, seed)], canvasmaker=Numbered
    )
    data = buf.getvalue()
    return data


MARGINS = ("leftMargin", "rightMargin", "topMargin", "bottomMargin")

# (file, title, byline, pages)
MANUSCRIPTS = (
    ("书记讲话.pdf", "在全县经济工作会议上的讲话", "县委书记　郭琳强", 6),
    ("经济工作部署.pdf", "关于明年全县经济工作的安排意见", "县委常委、常务副县长　任勇飞", 4),
    ("主持词.pdf", "全县经济工作会议主持词", "县委副书记、县长　邓胜卫", 2),
    ("交流发言-县教育局.pdf", "办好人民满意的教育", "县教育局局长　贺梅玲", 2),
    ("会议须知.pdf", "会议须知", "", 1),
)


def main() -> int:
    fonts = FontBook()
    text = "".join(SENTENCES) + "".join(t + b for _f, t, b, _p in MANUSCRIPTS) + "— 0123456789"
    body = fonts.register("song", text)
    heading = fonts.register("hei", text)
    FOLDER.mkdir(parents=True, exist_ok=True)
    for seed, (name, title, byline, pages) in enumerate(MANUSCRIPTS):
        (FOLDER / name).write_bytes(manuscript(title, byline, pages, seed, body, heading))
        print(f"{FOLDER / name}: {pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
