"""Documents and checks kept between builds (meetplan.render.memo): a rebuild takes
them from the meeting's cache, any change of what a document prints makes it anew,
and a damaged or missing cache gives the same documents as none."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.fonts import FontBook
from meetplan.model.checklist import CheckResult, Outcome
from meetplan.render import memo as memo_module
from meetplan.render.memo import CheckMemo, DocumentMemo, Unkeyable, made, maker_inputs
from meetplan.resources import layouts_dir
from meetplan.util.store import CACHE_DIR, Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "unit-meeting"


def meeting(tmp_path: Path, name: str = "meeting") -> Path:
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    return folder


def build(folder: Path) -> dict[str, bytes]:
    result = CliRunner().invoke(main, ["build", str(folder)])
    assert result.exit_code == 0, result.output
    return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir())}


def copy_without_cache(folder: Path, tmp_path: Path) -> Path:
    """The same meeting (its out/ with the printed plan's record too) in a copy that
    has no cache at all."""
    copy = tmp_path / f"nocache-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(CACHE_DIR, ".meetplan*"))
    return copy


def watch_making(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The documents each build makes (not taken from the memo), as in_two is asked."""
    from meetplan.util import parallel

    asked: list[list[str]] = []
    real = parallel.in_two

    def in_two(work: dict[str, object], weight: object) -> dict[str, bytes]:
        asked.append(list(work))
        return real(work, weight)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "in_two", in_two)
    return asked


def test_a_rebuild_takes_the_documents_from_the_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = meeting(tmp_path)
    made_now = watch_making(monkeypatch)
    first = build(folder)
    assert made_now == [[n for n in made_now[0]]] and "桌签.pdf" in made_now[0]
    assert list((folder / CACHE_DIR / "documents").glob("*.doc"))
    made_now.clear()
    assert build(folder) == first
    assert made_now == []  # nothing made: every document kept, the first rebuild too
    text = (folder / "meeting.toml").read_text(encoding="utf-8")
    (folder / "meeting.toml").write_text(
        text.replace('title = "', 'title = "（改）', 1), encoding="utf-8"
    )
    build(folder)
    assert {"桌签.pdf", "签到表.pdf", "签到表.xlsx", "座次图.pdf"} <= set(made_now[0])


@pytest.mark.parametrize("change", ["title", "name", "card_title"])
def test_a_changed_input_is_never_served_from_the_memo(tmp_path: Path, change: str) -> None:
    folder = meeting(tmp_path)
    build(folder)
    toml = folder / "meeting.toml"
    if change == "title":
        text = toml.read_text(encoding="utf-8")
        toml.write_text(text.replace('title = "', 'title = "（改）', 1), encoding="utf-8")
    elif change == "card_title":
        text = toml.read_text(encoding="utf-8")
        assert "card_title = true" in text
        toml.write_text(text.replace("card_title = true", "card_title = false"), "utf-8")
    else:
        roster = folder / "roster.csv"  # exported by an old system: GBK
        lines = roster.read_text(encoding="gbk").splitlines()
        column = lines[0].split(",").index("姓名")
        cells = lines[1].split(",")
        cells[column] = cells[column][:1] + "新名"
        lines[1] = ",".join(cells)
        roster.write_text("\n".join(lines) + "\n", encoding="gbk")
    copy = copy_without_cache(folder, tmp_path)
    assert build(folder) == build(copy)


def test_a_damaged_or_missing_cache_gives_the_same_documents(tmp_path: Path) -> None:
    folder = meeting(tmp_path)
    first = build(folder)
    kept = sorted((folder / CACHE_DIR / "documents").iterdir())
    assert any(p.suffix == ".checks" for p in kept)
    for i, path in enumerate(kept):  # cut short, one byte changed, emptied
        data = path.read_bytes()
        path.write_bytes([data[: len(data) // 2], b"x" + data[1:], b""][i % 3])
    assert build(folder) == first
    shutil.rmtree(folder / CACHE_DIR)
    assert build(folder) == first


def test_the_checks_are_kept_and_checked_again_for_other_bytes(tmp_path: Path) -> None:
    store = CheckMemo(tmp_path)
    results = [
        CheckResult("桌签", "每人一张", Outcome.PASSED, "12 张"),
        CheckResult("材料", "讲话稿", Outcome.FAILED, "缺第3页", page=3, copies=20),
    ]
    key = store.key({"plan": 1}, {"a.pdf": b"one"}, ("zh_CN",))
    assert key is not None
    store.put(key, results)
    assert store.get(key) == results
    assert store.key({"plan": 1}, {"a.pdf": b"two"}, ("zh_CN",)) != key
    assert store.key({"plan": 1}, {"a.pdf": b"one"}, ("en",)) != key
    assert store.key({"plan": 2}, {"a.pdf": b"one"}, ("zh_CN",)) != key


def render_stub(text: str, size: int) -> bytes:
    return (text * size).encode()


def test_a_maker_is_keyed_by_what_it_closes_over() -> None:
    memo = DocumentMemo(Path("/nonexistent"))
    a = memo.key("x.pdf", functools.partial(render_stub, "甲", 2))
    assert a == memo.key("x.pdf", functools.partial(render_stub, "甲", 2))
    assert a != memo.key("x.pdf", functools.partial(render_stub, "乙", 2))
    assert a != memo.key("y.pdf", functools.partial(render_stub, "甲", 2))
    title = "会议"
    first = memo.key("x.pdf", lambda: render_stub(title, 1))
    title = "另一会议"
    assert memo.key("x.pdf", lambda: render_stub(title, 1)) != first


def test_a_maker_over_anything_but_plain_data_is_made_each_time(tmp_path: Path) -> None:
    fonts = FontBook(use_system_fonts=False)
    with pytest.raises(Unkeyable):
        maker_inputs(lambda: render_stub(str(fonts), 1))
    made_here = lambda: render_stub("x", 1)  # noqa: E731
    with pytest.raises(Unkeyable):
        maker_inputs(lambda: made_here())  # a function made at run time
    with open(os.devnull) as stream, pytest.raises(Unkeyable):
        maker_inputs(functools.partial(render_stub, stream, 1))
    memo = DocumentMemo(tmp_path)
    calls = []

    def make(todo: dict[str, object]) -> dict[str, bytes]:
        calls.append(sorted(todo))
        return {name: maker() for name, maker in todo.items()}  # type: ignore[operator]

    makers = {"a.pdf": functools.partial(render_stub, "a", 1), "f.pdf": lambda: str(fonts).encode()}
    first, kept = made(makers, memo, make)  # type: ignore[arg-type]
    second, kept_again = made(makers, memo, make)  # type: ignore[arg-type]
    assert first == second and kept == [] and kept_again == ["a.pdf"]
    assert calls == [["a.pdf", "f.pdf"], ["f.pdf"]]


def test_a_change_of_meetplans_code_makes_every_document_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = DocumentMemo(tmp_path)
    maker = functools.partial(render_stub, "甲", 2)
    before = memo.key("x.pdf", maker)
    monkeypatch.setattr(memo_module, "code_digest", lambda: "another version")
    assert memo.key("x.pdf", maker) != before


def test_the_code_digest_covers_every_file_of_the_package() -> None:
    files = memo_module._package_files(ROOT / "meetplan")
    names = {p.relative_to(ROOT / "meetplan").as_posix() for p in files}
    assert "build.py" in names and "render/cards.py" in names
    assert any(n.endswith(".mo") for n in names)  # the printed words' catalogue
    assert not any("__pycache__" in n for n in names)
    layouts = memo_module._package_files(layouts_dir())
    assert any(p.suffix == ".toml" for p in layouts)


KEYS = """
import json, sys
from pathlib import Path
from meetplan.build import document_makers, font_book, plan_meeting
from meetplan.meeting import load_config
from meetplan.render.memo import DocumentMemo
config = load_config(Path(sys.argv[1]))
fonts = font_book(config)
day, _ = plan_meeting(config, fonts)
memo = DocumentMemo(Path(sys.argv[2]))
print(json.dumps({n: memo.key(n, m) for n, m in document_makers(day.plan, fonts).items()}))
"""


def test_the_keys_are_the_same_in_every_process(tmp_path: Path) -> None:
    """Python salts string hashes per process: a key that depended on a set's order
    would never be found again, and the memo would be useless."""
    folder = tmp_path / "county"
    shutil.copytree(
        ROOT / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
    )
    found = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, MEETPLAN_NO_SYSTEM_FONTS="1")
        run = subprocess.run(
            [sys.executable, "-c", KEYS, str(folder), str(tmp_path / "memo")],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        found.append(json.loads(run.stdout.strip().splitlines()[-1]))
    assert found[0] == found[1]
    unkeyed = [name for name, key in found[0].items() if key is None]
    assert unkeyed == []  # every document of the example can be kept


def test_the_store_keeps_to_its_limits(tmp_path: Path) -> None:
    store = Store(tmp_path, ".doc", limit=5, max_bytes=300)
    for i in range(8):
        store.put(f"k{i}", bytes(100))
        os.utime(store.path(f"k{i}"), (1000 + i, 1000 + i))
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == ["k6.doc", "k7.doc"]  # 2 x 132 bytes with their check sums: under 300
    assert store.get("k7") == bytes(100) and store.get("k0") is None


def test_the_county_example_rebuilt_makes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan solved and the same plan read back from the record are the same value,
    with the group photo, the banquet and the passes too: the first rebuild after a
    build takes every document from the memo."""
    folder = tmp_path / "county"
    shutil.copytree(
        ROOT / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
    )
    made_now = watch_making(monkeypatch)
    first = build(folder)
    assert made_now
    made_now.clear()
    assert build(folder) == first
    assert made_now == []


def test_no_document_prints_the_planning_notes(tmp_path: Path) -> None:
    """Plan.notes is left out of the memo's keys (field metadata printed=False): the
    documents must not depend on it."""
    from dataclasses import replace

    from meetplan.build import font_book, plan_meeting, render_documents
    from meetplan.meeting import load_config
    from meetplan.model.errors import Location, Problem, Severity

    folder = tmp_path / "county"
    shutil.copytree(
        ROOT / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
    )
    config = load_config(folder)
    fonts = font_book(config)
    day, _warnings = plan_meeting(config, fonts)
    noted = replace(
        day.plan,
        notes=(Problem("一条规划提示", Location(file="x"), severity=Severity.WARNING),),
    )
    assert render_documents(day.plan, fonts) == render_documents(noted, fonts)


def test_no_document_depends_on_the_terminals_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every printed word is Chinese whatever the terminal speaks: the documents of a
    build under an English and under a Chinese terminal are the same bytes (only the
    printed plan's record keeps the terminal's warnings)."""
    from meetplan import i18n

    made = {}
    for language in ("en", "zh_CN"):
        folder = meeting(tmp_path, f"meeting-{language}")
        monkeypatch.setenv("LANGUAGE", language)
        i18n.reset()
        try:
            made[language] = build(folder)
        finally:
            i18n.reset()
    assert made["en"].keys() == made["zh_CN"].keys()
    differ = [n for n in made["en"] if made["en"][n] != made["zh_CN"][n]]
    assert differ == [".printed-plan.json"]
