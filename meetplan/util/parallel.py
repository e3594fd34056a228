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
    here, there = split(names, weight)
    other = Background({name: work[name] for name in there})
    if not other.started:  # no memory or no process left: one after the other
        return {name: work[name]() for name in names}
    started = time.monotonic()
    done = {name: work[name]() for name in here}
    done.update(other.result(max(PATIENCE_MIN, PATIENCE_FACTOR * (time.monotonic() - started))))
    return done


class Background:
    """``work`` started in a forked process now, while this one goes on; its results
    collected with :meth:`result`. Where no process can be forked (see the module's
    docstring), or when the other process fails, :meth:`result` does the work here."""

    def __init__(self, work: Mapping[str, Callable[[], Any]]) -> None:
        self.work = dict(work)
        self._other: Any = None
        self._receive: Any = None
        if not self.work or not can_fork():
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        other = context.Process(target=_make, args=(self.work, list(self.work), send), daemon=True)
        for stream in (sys.stdout, sys.stderr):  # or the other process prints it again
            with contextlib.suppress(Exception):
                stream.flush()
        try:
            other.start()
        except OSError:  # no memory or no process left: done here when asked
            receive.close()
            send.close()
            return
        send.close()
        self._other, self._receive = other, receive

    @property
    def started(self) -> bool:
        return self._other is not None

    def result(self, patience: float = PATIENCE_MIN) -> dict[str, Any]:
        """The results by name; waits at most ``patience`` seconds for the other process."""
        theirs = None
        if self._other is not None:
            theirs = _receive(self._receive, self._other, patience)
            self._other = self._receive = None
        if theirs is None:  # failed, too slow, or never started: made here
            theirs = {name: make() for name, make in self.work.items()}
        return theirs


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
