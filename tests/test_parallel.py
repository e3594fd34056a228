"""Documents made on two cores are the same bytes as made one after the other."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from meetplan.build import build
from meetplan.meeting import load_config
from meetplan.util import parallel
from meetplan.util.store import CACHE_DIR

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "county-plenary"


def test_two_processes_make_the_same_bytes_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not parallel.can_fork():
        pytest.skip("this system makes documents in one process only")
    folder = tmp_path / "county"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    shared = []
    real = parallel.split

    def recorded(*args: object) -> object:
        shared.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "split", recorded)
    both = build(load_config(folder)).documents
    assert shared  # the documents were shared between two processes
    shutil.rmtree(folder / CACHE_DIR)  # made again, not taken from the documents kept
    monkeypatch.setenv("MEETPLAN_SERIAL", "1")
    one = build(load_config(folder)).documents
    assert list(both) == list(one)
    assert both == one


def test_the_other_process_failing_only_means_making_its_share_here() -> None:
    if not parallel.can_fork():
        pytest.skip("this system makes documents in one process only")
    parent = os.getpid()

    def fails_elsewhere(value: bytes) -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("lost in the other process")
        return value

    work = {f"doc{i}": (lambda i=i: fails_elsewhere(bytes([i]))) for i in range(6)}
    assert parallel.in_two(work, weight=lambda name: 1.0) == {
        f"doc{i}": bytes([i]) for i in range(6)
    }


def test_an_error_is_raised_as_without_the_second_process() -> None:
    def broken() -> bytes:
        raise ValueError("a document that cannot be made")

    work = {"a": lambda: b"a", "b": broken, "c": lambda: b"c"}
    with pytest.raises(ValueError, match="cannot be made"):
        parallel.in_two(work, weight=lambda name: {"a": 1.0, "b": 5.0, "c": 1.0}[name])


def test_the_work_is_shared_by_weight() -> None:
    weights = {"a": 4.9, "b": 4.3, "c": 2.5, "d": 1.9, "e": 1.4, "f": 0.9, "g": 0.7}
    here, there = parallel.split(list(weights), weights.__getitem__)
    assert set(here) | set(there) == set(weights) and not set(here) & set(there)
    assert abs(sum(map(weights.get, here)) - sum(map(weights.get, there))) <= 1.0  # type: ignore[arg-type]


def test_background_work_is_collected_later_or_done_here() -> None:
    parent = os.getpid()
    where: list[str] = []

    def work(value: int) -> tuple[int, bool]:
        return value * 2, os.getpid() != parent

    pending = parallel.Background({f"w{i}": (lambda i=i: work(i)) for i in range(3)})
    where.append("this process goes on meanwhile")
    done = pending.result()
    assert {name: value for name, (value, _elsewhere) in done.items()} == {
        "w0": 0,
        "w1": 2,
        "w2": 4,
    }
    if parallel.can_fork():
        assert all(elsewhere for _value, elsewhere in done.values())

    def fails_elsewhere() -> int:
        if os.getpid() != parent:
            raise RuntimeError("lost in the other process")
        return 7

    assert parallel.Background({"x": fails_elsewhere}).result() == {"x": 7}
