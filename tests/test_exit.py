"""The ``meetplan`` command leaves the process at once when done (meetplan.cli.run):
its status and every line it printed are as click gives them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def meetplan(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LANGUAGE="en", MEETPLAN_NO_SYSTEM_FONTS="1")
    return subprocess.run(
        [sys.executable, "-m", "meetplan", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (("--version",), 0, "meetplan, version"),
        (("build", "--no-such-option"), 2, "No such option"),
        (("build", "/no/such/meeting"), 1, "Meeting folder not found"),
    ],
)
def test_the_status_is_clicks(args: tuple[str, ...], status: int, said: str) -> None:
    done = meetplan(*args)
    assert done.returncode == status
    assert said in done.stdout + done.stderr


def test_everything_printed_is_flushed_before_leaving() -> None:
    from meetplan.layouts import shipped_layouts

    done = meetplan("layouts")
    assert done.returncode == 0
    listed = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    assert {p.stem for p in shipped_layouts()} <= set(listed)
