"""Independent pieces of work on both cores: one forked process makes part of
them while this one makes the rest.

reportlab and openpyxl hold the interpreter's lock, so threads would not help;
a forked process shares everything already loaded (the plan, the registered
font subsets) without copying it. Where the system cannot fork safely (Windows;
macOS, whose libraries may not survive a fork), with one core, or when
``MEETPLAN_SERIAL`` is set, everything is made here, one after the other.

The forked process only makes bytes and sends them back; it never writes a
file or prints. If it fails in any way — an error, a crash, no answer in time —
its share is made here after all, so an error surfaces exactly as it would
without the second process.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

# How long the other process may take beyond this one's share before its share
# is made here (a deadlock after fork, a machine swapping).
PATIENCE_FACTOR = 3.0
PATIENCE_MIN = 60.0  # seconds


def can_fork() -> bool:
    return (
        sys.platform.startswith("linux")
        and (os.cpu_count() or 1) > 1
        and not os.environ.get("MEETPLAN_SERIAL")
    )


def split(names: list[str], weight: Callable[[str], float]) -> tuple[list[str], list[str]]:
    """Two groups of about equal weight (heaviest first, each to the lighter group);
    the first is made here, the second by the other process."""
    here: list[str] = []
    there: list[str] = []
    load = [0.0, 0.0]
    for name in sorted(names, key=lambda n: (-weight(n), names.index(n))):
        side = 0 if load[0] <= load[1] else 1
        (here if side == 0 else there).append(name)
        load[side] += weight(name)
    return here, there


def in_two(work: Mapping[str, Callable[[], Any]], weight: Callable[[str], float]) -> dict[str, Any]:
    """Each piece of ``work`` done, by name; on two cores where possible."""
    names = list(work)
    if len(names) < 2 or not can_fork():
        return {name: work[name]() for name in names}
    import multiprocessing

    here, there = split(names, weight)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    other = context.Process(target=_make, args=(work, there, send), daemon=True)
    for stream in (sys.stdout, sys.stderr):  # or the other process prints it again
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        other.start()
    except OSError:  # no memory or no process left: one after the other
        return {name: work[name]() for name in names}
    send.close()
    started = time.monotonic()
    done = {name: work[name]() for name in here}
    spent = time.monotonic() - started
    theirs = _receive(receive, other, max(PATIENCE_MIN, PATIENCE_FACTOR * spent))
    if theirs is None:  # failed or too slow: its share is made here
        theirs = {name: work[name]() for name in there}
    done.update(theirs)
    return done


def _make(work: Mapping[str, Callable[[], Any]], names: list[str], send: Any) -> None:
    try:
        result = {name: work[name]() for name in names}
    except BaseException:  # the parent makes them again and reports the error itself
        result = None
    with contextlib.suppress(Exception):
        send.send(result)
    send.close()


def _receive(receive: Any, other: Any, patience: float) -> dict[str, Any] | None:
    result = None
    try:
        if receive.poll(patience):
            result = receive.recv()
    except (EOFError, OSError):
        result = None
    finally:
        receive.close()
        if other.is_alive():
            other.kill()
        other.join()
    return result if isinstance(result, dict) else None
