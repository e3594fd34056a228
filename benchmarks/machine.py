"""The machine a benchmark ran on, and timing of whole commands in a child process."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

PACKAGES = ("meetplan", "reportlab", "openpyxl", "ortools", "fonttools", "pypinyin")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return 0.0


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 0


def machine() -> dict[str, str]:
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return {
        "CPU": cpu_model(),
        "Cores": f"{usable_cores()} usable ({os.cpu_count()} online)",
        "RAM": f"{ram_gib():.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Packages": ", ".join(versions),
        "Date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time, interpreter start included
    peak_mb: float  # the child's peak resident memory
    returncode: int
    stderr: str


def run_child(args: list[str], env: dict[str, str], timeout: float = 900.0) -> Run:
    """Run a command; wall time and its own peak memory (os.wait4 reports it for this child)."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=False
    )
    assert proc.stderr is not None
    deadline = began + timeout
    stderr = b""
    # A build's warnings may fill the pipe: read it while waiting.
    while True:
        chunk = proc.stderr.read(65536)
        if not chunk:
            break
        stderr += chunk
        if time.perf_counter() > deadline:
            proc.kill()
            break
    proc.stderr.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait for it again
    peak_kb = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Run(seconds, peak_kb / 1024, proc.returncode, stderr.decode("utf-8", "replace"))


ROOT = Path(__file__).resolve().parent.parent


def as_installed(env: dict[str, str]) -> dict[str, str]:
    """``env`` for timing a command as an office runs it: pip leaves every module compiled,
    so the command must not compile meetplan on each start (PYTHONDONTWRITEBYTECODE, set
    in some shells and CI, would make every command compile it)."""
    out = dict(env)
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "meetplan")],
        env=out,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return out
