"""out/ is replaced as a whole: wholly old or wholly new, even when the process
is killed; the user's own files stay and are named; documents that no longer
apply go; leftovers of a killed run are cleaned; one command at a time."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from meetplan import build as build_module
from meetplan.cli import main
from meetplan.model import UserError
from meetplan.util import folder
from meetplan.util.lock import LockError, meeting_lock

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

OLD = {"桌签.pdf": b"old cards", "座次图.pdf": b"old chart", "plan.json": b"{}"}
NEW = {"桌签.pdf": b"new cards", "座次图.pdf": b"new chart", "plan.json": b"{}"}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def contents(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.is_file()}


def leftovers(*folders: Path) -> list[str]:
    return [
        p.name
        for f in folders
        if f.is_dir()
        for p in f.iterdir()
        if p.name.startswith(".meetplan-")
    ]


class Killed(BaseException):
    """Stands for SIGKILL in-process: no except clause and no cleanup runs after it
    (the folder's code catches OSError only)."""


def steps_of_a_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    out = tmp_path / "count" / "out"
    build_module.write_documents(out, OLD)
    count = 0

    def counting(kind: str, source: Path, target: Path) -> None:
        nonlocal count
        count += 1

    monkeypatch.setattr(folder, "step", counting)
    build_module.write_documents(out, NEW)
    monkeypatch.setattr(folder, "step", lambda *a: None)
    return count


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_killed_at_every_step_leaves_out_wholly_old_or_wholly_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:  # as on Windows: no atomic exchange of two folders
        monkeypatch.setattr(folder, "_exchange", lambda a, b: False)
    total = steps_of_a_write(tmp_path, monkeypatch)
    assert total >= len(NEW)  # a write per changed document, and the switch
    seen = set()
    for k in range(1, total + 2):
        out = tmp_path / f"run{k}" / "out"
        build_module.write_documents(out, OLD)
        calls = 0

        def kill_at(kind: str, source: Path, target: Path, k: int = k) -> None:
            nonlocal calls
            calls += 1
            if calls == k:
                raise Killed

        monkeypatch.setattr(folder, "step", kill_at)
        with contextlib.suppress(Killed):
            build_module.write_documents(out, NEW)
        monkeypatch.setattr(folder, "step", lambda *a: None)
        # the next command first puts back what a killed run left, then cleans
        folder.recover(out)
        after = contents(out)
        assert after in (OLD, NEW), k
        seen.add("old" if after == OLD else "new")
        folder.clean_leftovers([out.parent, out])
        assert leftovers(out.parent, out) == []
        build_module.write_documents(out, NEW)
        assert contents(out) == NEW
    assert seen == {"old", "new"}


def test_a_build_killed_by_sigkill_leaves_out_wholly_old_and_the_next_cleans(
    tmp_path: Path,
) -> None:
    meeting = tmp_path / "meeting"
    shutil.copytree(EXAMPLES / "unit-meeting", meeting, ignore=shutil.ignore_patterns("out"))
    assert run("build", str(meeting)).exit_code == 0
    old = contents(meeting / "out")
    toml = meeting / "meeting.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("年度工作部署会", "年度工作推进会"),
        encoding="utf-8",
    )
    script = textwrap.dedent(
        """
        import os, signal, sys
        from meetplan.util import folder
        calls = 0
        def kill(kind, source, target):
            global calls
            calls += 1
            if calls == 3:  # in the middle of writing the new folder
                os.kill(os.getpid(), signal.SIGKILL)
        folder.step = kill
        from meetplan.cli import main
        sys.argv = ["meetplan", "build", sys.argv[1]]
        main()
        """
    )
    killed = subprocess.run(
        [sys.executable, "-c", script, str(meeting)], capture_output=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL
    assert contents(meeting / "out") == old
    assert leftovers(meeting) != []  # the half-made new folder
    assert run("build", str(meeting)).exit_code == 0
    assert leftovers(meeting, meeting / "out") == []
    assert contents(meeting / "out") != old


def test_user_files_stay_and_are_named_stale_documents_go(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_module.write_documents(out, {**OLD, "应急调整表.pdf": b"contingency"})
    (out / "领导要求.docx").write_bytes(b"mine")
    (out / "旧版").mkdir()
    (out / "旧版" / "桌签.pdf").write_bytes(b"an old print")
    written = build_module.write_documents(out, NEW, stale=["应急调整表.pdf"])
    assert written.theirs == ["旧版", "领导要求.docx"]
    assert (out / "领导要求.docx").read_bytes() == b"mine"
    assert (out / "旧版" / "桌签.pdf").read_bytes() == b"an old print"
    assert not (out / "应急调整表.pdf").exists()
    assert written.unchanged == ["plan.json"]


def test_an_unchanged_document_keeps_its_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_module.write_documents(out, OLD)
    before = (out / "plan.json").stat()
    build_module.write_documents(out, NEW)
    after = (out / "plan.json").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_contingency_sheet_goes_when_the_leaders_are_confirmed(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting"
    shutil.copytree(EXAMPLES / "unit-meeting", meeting, ignore=shutil.ignore_patterns("out"))
    assert run("build", str(meeting)).exit_code == 0
    assert (meeting / "out" / "应急调整表.pdf").exists()
    (meeting / "out" / "我的备注.txt").write_text("自己的", encoding="utf-8")
    roster = meeting / "roster.csv"  # GBK, as the office saved it
    text = roster.read_bytes().decode("gb18030")
    assert "待定" in text
    roster.write_bytes(text.replace("待定", "出席").encode("gb18030"))
    result = run("build", str(meeting))
    assert result.exit_code == 0, result.output
    assert not (meeting / "out" / "应急调整表.pdf").exists()
    assert "我的备注.txt" in result.output
    assert (meeting / "out" / "我的备注.txt").read_text(encoding="utf-8") == "自己的"


def test_a_linked_out_folder_is_refused(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting"
    shutil.copytree(EXAMPLES / "unit-meeting", meeting, ignore=shutil.ignore_patterns("out"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (meeting / "out").symlink_to(elsewhere, target_is_directory=True)
    result = run("build", str(meeting))
    assert result.exit_code == 1
    assert "link" in result.output and "Traceback" not in result.output
    assert list(elsewhere.iterdir()) == []


def test_out_may_not_hold_the_meeting(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting"
    shutil.copytree(EXAMPLES / "unit-meeting", meeting, ignore=shutil.ignore_patterns("out"))
    before = sorted(p.name for p in meeting.iterdir())
    result = run("build", str(meeting), "--out", str(meeting))
    assert result.exit_code == 1
    assert "folder of its own" in result.output
    assert sorted(p.name for p in meeting.iterdir() if p.name != ".meetplan.lock") == before


def test_attend_that_cannot_write_records_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = tmp_path / "meeting"
    shutil.copytree(EXAMPLES / "unit-meeting", meeting, ignore=shutil.ignore_patterns("out"))
    assert run("build", str(meeting)).exit_code == 0
    log = meeting / "attendance-log.jsonl"
    assert not log.exists()
    before = contents(meeting / "out")

    def read_only(new: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(folder, "_exchange_or_rename", read_only)
    name = first_hall_person(meeting)
    result = run("attend", str(meeting), name, "--absent")
    assert result.exit_code == 1
    assert "Recorded" not in result.output
    assert not log.exists()
    assert contents(meeting / "out") == before


def first_hall_person(meeting: Path) -> str:
    import json

    plan = json.loads((meeting / "out" / "plan.json").read_text(encoding="utf-8"))
    return next(str(a["name"]) for a in plan["attendees"] if a["area"] == "hall")


def test_one_command_at_a_time(tmp_path: Path) -> None:
    with meeting_lock(tmp_path):
        with pytest.raises(LockError) as err, meeting_lock(tmp_path, wait=0.2):
            pass
        assert err.value.busy
    with meeting_lock(tmp_path, wait=0.2):  # free again
        pass


def test_a_read_only_meeting_folder_is_said_before_planning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = tmp_path / "meeting"
    shutil.copytree(EXAMPLES / "unit-meeting", meeting, ignore=shutil.ignore_patterns("out"))
    real_open = os.open

    def refuse(path: object, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".meetplan.lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.setattr("meetplan.util.lock.os.open", refuse)
    result = run("build", str(meeting))
    assert result.exit_code == 1
    assert "Cannot write in the meeting folder" in result.output
    assert not (meeting / "out").exists()


def test_write_documents_reports_a_failure_with_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_module.write_documents(out, OLD)

    def full(kind: str, source: Path, target: Path) -> None:
        if kind == "write" and target.name == "座次图.pdf":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(folder, "step", full)
    with pytest.raises(UserError) as err:
        build_module.write_documents(out, NEW)
    problem = err.value.problems[0]
    assert "座次图.pdf" in problem.message and "No space left" in problem.message
    assert contents(out) == OLD
    assert leftovers(tmp_path, out) == []


def test_nothing_is_written_outside_the_meeting_folder(tmp_path: Path) -> None:
    """init, build, check, attend with a fresh HOME, TMPDIR and working folder:
    all three stay empty (LibreOffice, fonts, openpyxl, reportlab included)."""
    home, temp, cwd = tmp_path / "home", tmp_path / "tmp", tmp_path / "cwd"
    for path in (home, temp, cwd):
        path.mkdir()
    meetings = tmp_path / "meetings"
    meetings.mkdir()
    meeting = meetings / "county"
    shutil.copytree(EXAMPLES / "county-plenary", meeting, ignore=shutil.ignore_patterns("out"))
    docx = pytest.importorskip("docx")
    speech = docx.Document()
    speech.add_paragraph("讲话稿")
    speech.save(str(meeting / "materials" / "致辞.docx"))  # laid out by LibreOffice, if any
    with open(meeting / "meeting.toml", "a", encoding="utf-8") as toml:
        toml.write(
            '\n[[materials]]\nkind = "讲话稿"\ntitle = "致辞"\nfile = "materials/致辞.docx"\n'
        )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "TMP", "TEMP", "PYTHON"))
    }
    env.update(
        HOME=str(home),
        TMPDIR=str(temp),
        TEMP=str(temp),
        TMP=str(temp),
        LANGUAGE="en",
        PYTHONDONTWRITEBYTECODE="1",
    )

    def meetplan(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "meetplan", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done

    assert meetplan("init", str(meetings / "new")).returncode == 0
    assert meetplan("build", str(meeting)).returncode == 0
    assert meetplan("check", str(meeting)).returncode in (0, 1)
    import json

    plan = json.loads((meeting / "out" / "plan.json").read_text(encoding="utf-8"))
    name = next(str(a["name"]) for a in plan["attendees"] if a["area"] == "hall")
    assert meetplan("attend", str(meeting), name, "--absent").returncode == 0
    for path in (home, temp, cwd):
        assert sorted(str(p.relative_to(path)) for p in path.rglob("*")) == [], path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cwd", "home", "meetings", "tmp"]
    assert leftovers(meeting, meeting / "out") == []


def every_file(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_the_same_input_gives_byte_identical_out(tmp_path: Path) -> None:
    """Every file of out/ (the record included): in two folders at different
    places, and built again in the same folder."""
    first, second = tmp_path / "a" / "county", tmp_path / "b" / "elsewhere"
    for meeting in (first, second):
        shutil.copytree(EXAMPLES / "county-plenary", meeting, ignore=shutil.ignore_patterns("out"))
        assert run("build", str(meeting)).exit_code == 0
    built = every_file(first / "out")
    assert {".printed-plan.json", "座次表.xlsx", "签到表.xlsx", "会务检查清单.xlsx"} <= set(built)
    assert every_file(second / "out") == built
    assert run("build", str(first)).exit_code == 0
    assert every_file(first / "out") == built
