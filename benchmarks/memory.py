"""Peak memory of one stage of work, as the operating system sees the process.

On Linux the kernel keeps the process's peak resident set (VmHWM in
/proc/self/status) and lets a process reset it (writing 5 to
/proc/self/clear_refs). Resetting it before a stage and reading it after
gives the stage's own peak: everything resident during the stage — Python
objects, reportlab's buffers, OR-Tools' C++ model — not only what Python
allocated (tracemalloc would miss the native part and slow the work down).

Where the reset is not possible (macOS, some containers), the fallback is
``ru_maxrss``: the process's high-water mark so far, which only shows a stage
that raised it.
"""

from __future__ import annotations

import re
import resource
import sys
from pathlib import Path

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")
_FIELD = re.compile(r"^(VmHWM|VmRSS):\s+(\d+)\s+kB", re.MULTILINE)


def _status() -> dict[str, int]:
    return {name: int(kb) for name, kb in _FIELD.findall(STATUS.read_text())}


def _ru_maxrss_kb() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, kB on Linux


class Meter:
    """``start()`` before a stage, ``stop()`` after: (peak MB during it, resident MB at its start)."""

    def __init__(self) -> None:
        self.method = "ru_maxrss"
        try:
            CLEAR_REFS.write_text("5")
            _status()["VmHWM"]
            self.method = "VmHWM"
        except (OSError, KeyError):
            pass
        self._start_mb = 0.0

    @property
    def explanation(self) -> str:
        if self.method == "VmHWM":
            return (
                "peak resident memory of the worker process during the stage "
                "(Linux VmHWM, reset before each stage), all memory included"
            )
        return "the process's peak resident memory so far (ru_maxrss) after the stage"

    def now_mb(self) -> float:
        if self.method == "VmHWM":
            return _status()["VmRSS"] / 1024
        return _ru_maxrss_kb() / 1024

    def start(self) -> None:
        if self.method == "VmHWM":
            CLEAR_REFS.write_text("5")
        self._start_mb = self.now_mb()

    def peak_mb(self) -> float:
        """The peak since the last start (VmHWM), or the process's peak so far (ru_maxrss)."""
        return _status()["VmHWM"] / 1024 if self.method == "VmHWM" else _ru_maxrss_kb() / 1024

    def stop(self) -> tuple[float, float]:
        return self.peak_mb(), self._start_mb
