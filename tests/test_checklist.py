"""The materials checklist: meeting.toml, the checks against the plan, bad materials, and
`meetplan check` on the county example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader, PdfWriter

from meetplan.cli import main
from meetplan.materials.checks import CopiesError, copies_needed
from meetplan.materials.config import checklist_items, parse_checklist, parse_materials
from meetplan.model.checklist import Stage

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-plenary"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.setenv("MEETPLAN_NO_SYSTEM_FONTS", "1")


@pytest.fixture
def county(tmp_path: Path) -> Path:
    folder = tmp_path / "county-plenary"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    return folder


def test_copies_rules() -> None:
    counts = {"rostrum": 16, "hall": 150, "observer": 5, "staff": 3, "all": 174}
    assert copies_needed("rostrum+5", counts) == (21, "主席台 16 + 5")
    assert copies_needed("主席台＋会场", counts)[0] == 166
    assert copies_needed("12", counts)[0] == 12
    assert copies_needed("all", counts)[0] == 174
    with pytest.raises(CopiesError, match="balcony"):
        copies_needed("rostrum+balcony", counts)


def test_materials_in_meeting_toml_are_checked_entry_by_entry() -> None:
    raw = [
        {"kind": "讲话稿", "title": "讲话", "file": "materials/a.pdf", "pages": 18},
        {"kind": "讲话稿", "pages": "十八"},
        {"title": "须知", "colour": "red"},
    ]
    materials, problems = parse_materials(raw, "meeting.toml")
    assert [m.title for m in materials] == ["讲话"] and materials[0].pages == 18
    keys = sorted(p.location.key for p in problems)
    assert keys == ["materials[2].pages", "materials[2].title", "materials[3].colour"]


def test_checklist_items_can_be_removed_reworded_owned_and_added() -> None:
    settings, problems = parse_checklist(
        {
            "remove": ["before.flowers"],
            "reword": {"before.banner": "电子屏会标已核对"},
            "owner": {"before.sound": "王强"},
            "time": {"before.sound": "8:00"},
            "add": [{"stage": "会后", "text": "退还借用的音响", "owner": "李华"}],
        },
        "meeting.toml",
    )
    assert problems == []
    items = checklist_items(settings)
    texts = [i.text for i in items]
    assert "花卉已摆放" not in texts and "电子屏会标已核对" in texts
    sound = next(i for i in items if i.key == "before.sound")
    assert (sound.owner, sound.when) == ("王强", "8:00")
    assert items[-1].text == "退还借用的音响" and items[-1].stage is Stage.AFTER
    stages = [i.stage for i in items]
    assert stages == sorted(stages, key=list(Stage).index)


def test_an_unknown_checklist_key_names_the_close_ones() -> None:
    _settings, problems = parse_checklist({"remove": ["before.flower"]}, "meeting.toml")
    assert len(problems) == 1
    assert "before.flower" in problems[0].message and "before.flowers" in problems[0].hint


def test_the_example_checklist_passes(county: Path) -> None:
    result = run("check", str(county))
    assert result.exit_code == 0, result.output
    assert "all 20 automatic checks passed" in result.output
    assert "21 copies: 主席台 16 + 5" in result.output  # 16 rostrum seats, 待定 included
    assert not (county / "out").exists()  # check writes nothing


def test_a_missing_page_fails_the_check_and_names_the_page(county: Path) -> None:
    speech = county / "materials" / "书记讲话.pdf"
    reader = PdfReader(speech)
    writer = PdfWriter()
    for index, page in enumerate(reader.pages):
        if index != 2:  # page 3 is lost
            writer.add_page(page)
    with speech.open("wb") as f:
        writer.write(f)
    result = run("check", str(county))
    assert result.exit_code == 1
    assert "The file has 5 pages but should have 6." in result.output
    assert "(page 3)" in result.output and "numbered 3 is missing" in result.output


def test_build_writes_the_checklist_and_reports_failures_at_the_end(county: Path) -> None:
    (county / "materials" / "主持词.pdf").unlink()
    result = run("build", str(county))
    assert result.exit_code == 0  # the other documents are made all the same
    assert (county / "out" / "会务检查清单.pdf").is_file()
    assert (county / "out" / "会务检查清单.xlsx").is_file()
    assert (county / "out" / "桌签.pdf").is_file()
    tail = result.output[result.output.index("Checklist:") :]
    assert "1 failed" in tail and "does not exist" in tail
    text = "".join(p.extract_text() for p in PdfReader(county / "out" / "会务检查清单.pdf").pages)
    assert "不通过" in text and "全县经济工作会议主持词" in text


BAD_MATERIALS = """
[[materials]]
kind = "讲话稿"
title = "缺文件"
file = "materials/nowhere.pdf"

[[materials]]
kind = "讲话稿"
title = "加密"
file = "materials/encrypted.pdf"

[[materials]]
kind = "讲话稿"
title = "截断"
file = "materials/truncated.pdf"

[[materials]]
kind = "讲话稿"
title = "旧格式"
file = "materials/old.doc"

[[materials]]
kind = "讲话稿"
title = "图片"
file = "materials/photo.pdf"

[[materials]]
kind = "讲话稿"
title = "无名讲话"
speaker = "张三丰"

[[materials]]
kind = "会议须知"
title = "须知"
copies = "rostrum+balcony"
"""


def test_each_bad_material_fails_with_its_reason_and_the_rest_still_run(county: Path) -> None:
    toml = county / "meeting.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text[: text.index("[[materials]]")] + BAD_MATERIALS, encoding="utf-8")
    folder = county / "materials"
    good = (folder / "主持词.pdf").read_bytes()
    writer = PdfWriter(clone_from=PdfReader(folder / "主持词.pdf"))
    writer.encrypt("secret")
    with (folder / "encrypted.pdf").open("wb") as f:
        writer.write(f)
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 2])
    (folder / "old.doc").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    (folder / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    result = run("check", str(county))
    assert result.exit_code == 1
    out = result.output
    lines = {
        title: [line for line in out.splitlines() if title in line]
        for title in ("缺文件", "加密", "截断", "旧格式", "图片", "无名讲话", "须知")
    }
    assert all(lines.values()), out
    assert "does not exist" in lines["缺文件"][0]
    assert "password" in lines["加密"][0]
    assert "incomplete" in lines["截断"][0] or "damaged" in lines["截断"][0]
    assert "old Word" in lines["旧格式"][0]
    assert "PNG" in lines["图片"][0]
    assert "not in the roster" in lines["无名讲话"][0]
    assert "balcony" in lines["须知"][0]
    assert all("FAILED" in v[0] for v in lines.values())
    # ... and the checks on the documents ran all the same
    for group in ("[桌签]", "[签到表]", "[字体]"):
        assert any(line.split()[:2] == ["ok", group] for line in out.splitlines()), group


def test_classification_mark_is_checked_on_every_document(county: Path) -> None:
    toml = county / "meeting.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'classification = ""', 'classification = "内部★会后收回"'
        ),
        encoding="utf-8",
    )
    result = run("check", str(county))
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "[密级]" in x)
    assert line.split()[0] == "ok"  # on every list, chart and sheet; not on cards and labels
    # A document without the mark is caught: the sign-in sheet's xlsx, say.
    from meetplan.build import build
    from meetplan.materials.checks import check_classification
    from meetplan.meeting import load_config

    result_docs = build(load_config(county))
    docs = dict(result_docs.documents)
    plain = build(load_config(EXAMPLE)).documents
    docs["签到表.xlsx"] = plain["签到表.xlsx"]
    found = check_classification(result_docs.plan, docs, displayed={"桌签.pdf", "座签.pdf"})
    assert found is not None and found.outcome.value == "failed" and "签到表.xlsx" in found.reason


def test_each_document_check_fails_on_a_document_that_lacks_what_it_checks(county: Path) -> None:
    """The checks read the documents' bytes: a card, a sign-in row or a page's mark taken
    out of a document fails them, naming what is missing (one regression test each)."""
    import io

    from openpyxl import load_workbook

    from meetplan.build import build
    from meetplan.materials.checks import check_cards, check_classification, check_sign_in
    from meetplan.meeting import load_config

    toml = county / "meeting.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('classification = ""', 'classification = "机密"'),
        encoding="utf-8",
    )
    made = build(load_config(county))
    plan, docs = made.plan, dict(made.documents)
    plain = build(load_config(EXAMPLE)).documents

    # 座次图.pdf without the mark on its pages
    bare = dict(docs, **{"座次图.pdf": plain["座次图.pdf"]})
    found = check_classification(plan, bare, displayed={"桌签.pdf", "座签.pdf"})
    assert found is not None and found.outcome.value == "failed"
    assert "座次图.pdf page 1" in found.reason and "签到表.pdf" not in found.reason

    # 桌签.pdf without its index and the first card
    cards = PdfReader(io.BytesIO(docs["桌签.pdf"])).pages
    first = cards[1].extract_text().splitlines()[0]  # the name on the first card
    writer = PdfWriter()
    for page in cards[2:]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    found = check_cards(plan, dict(docs, **{"桌签.pdf": out.getvalue()}), "桌签.pdf")
    assert found.outcome.value == "failed" and found.reason == f"No card for: {first}."

    # 签到表.xlsx with one row left out
    wb = load_workbook(io.BytesIO(docs["签到表.xlsx"]))
    ws = wb.worksheets[0]
    name = ws.cell(row=4, column=2).value
    ws.delete_rows(4)
    out = io.BytesIO()
    wb.save(out)
    found = check_sign_in(plan, dict(docs, **{"签到表.xlsx": out.getvalue()}), "签到表.xlsx")
    assert found.outcome.value == "failed" and found.reason == f"not listed: {name}."


def test_a_page_the_quick_reading_cannot_read_is_read_by_pypdf() -> None:
    """The mark drawn inside a form XObject: not read from the page's own operators, so
    pypdf reads that page; a page without the mark still fails, by its number."""
    import io
    from types import SimpleNamespace
    from typing import Any

    from reportlab.pdfgen.canvas import Canvas

    from meetplan.materials.checks import check_classification

    buf = io.BytesIO()
    c = Canvas(buf)
    c.beginForm("header")
    c.drawString(40, 800, "SECRET")
    c.endForm()
    for text in ("one", "two", "three"):
        if text != "two":
            c.doForm("header")
        c.drawString(40, 700, text)
        c.showPage()
    c.save()
    plan: Any = SimpleNamespace(
        settings=SimpleNamespace(meeting=SimpleNamespace(classification="SECRET"))
    )
    found = check_classification(plan, {"x.pdf": buf.getvalue()})
    assert found is not None and found.reason == "Missing on: x.pdf page 2."


def test_docs_list_every_standard_item_key() -> None:
    from meetplan.protocol.checklist import STANDARD_ITEMS

    doc = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    for item in STANDARD_ITEMS:
        assert f"| `{item.key}` | {item.stage.value} | {item.text} |" in doc


def test_a_misspelt_checklist_key_stops_check_with_where_and_what_to_do(county: Path) -> None:
    toml = county / "meeting.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"before.sound"', '"before.sounds"'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(county)])
    assert result.exit_code == 1
    assert "There is no standard checklist item 'before.sounds'." in result.output
    assert "checklist.owner" in result.output and "before.sound," in result.output
    assert "Nothing was checked" in result.output
