"""The exact optimum of one lane by dynamic programming over positions.

A lane's units form a chain: each starts at or after the end of the one
before, and every objective term of :mod:`meetplan.solver.blocks` is a sum over
units (splits) and over the empty stretches between them (empty seats, front
seats). So the cheapest placement of units 0..i with unit i at position p
depends only on the cheapest placement of units 0..i-1 ending at or before p:
a prefix minimum, linear in positions per unit.

The result is the CP-SAT model's starting solution and a proven lower bound
on its objective, which is what lets a 10,000-seat hall be solved to proven
optimality within seconds: the model's own linear relaxation is weak there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import accumulate

from meetplan.model.settings import HallSettings
from meetplan.solver.lanes import Break, Lane, Span, covers

INF = float("inf")


def break_weights(lane: Lane, weights: HallSettings) -> list[int]:
    """weight[x] for every position x that starts a segment (0 elsewhere)."""
    by_kind = {
        Break.AISLE: weights.split_aisle,
        Break.ROW: weights.split_row,
        Break.FLOOR: weights.split_floor,
    }
    out = [0] * (lane.capacity + 1)
    pos = 0
    for seg, brk in zip(lane.segments, lane.breaks, strict=False):
        pos += seg.capacity
        out[pos] = by_kind[brk]
    return out


def front_positions(lane: Lane, front_rows: int) -> list[bool]:
    """Per position: a seat in the front rows of the lowest floor (the seats a camera sees)."""
    return [
        seg.floor == 0 and seat.row <= front_rows for seg in lane.segments for seat in seg.seats
    ]


def solve_chain(
    lane: Lane,
    sizes: tuple[int, ...],
    windows: list[tuple[int, int]],
    weights: HallSettings,
    legal: Callable[[int, int], bool] | None = None,
    penalty: Callable[[int, int], int] | None = None,
    cover: Sequence[Span] = (),
) -> tuple[int, list[int]]:
    """(optimal cost, start position of each unit) with unit i's start within windows[i]
    and, when ``legal`` is given, only where ``legal(start, people)`` allows; ``penalty``
    adds a cost of its own to a start; ``cover[i]``, when given, holds the positions
    unit i's stretch must contain (its pinned seats)."""
    if not sizes:
        return 0, []
    sw = list(accumulate(break_weights(lane, weights)))  # sw[x]: split weight at positions <= x
    fc = [0, *accumulate(front_positions(lane, weights.front_rows))]  # fc[x]: front seats before x
    we, wf = weights.empty_inside, weights.front_empty

    def place(i: int, p: int) -> float:
        n = sizes[i]
        if legal is not None and not legal(p, n):
            return INF
        if i < len(cover) and not covers(p, n, cover[i]):
            return INF
        extra = penalty(p, n) if penalty is not None else 0
        return sw[p + n - 1] - sw[p] + extra

    def gap(p: int) -> int:  # the part of a gap's cost that depends on where it ends
        return we * p + wf * fc[p]

    # best[i][p - low]: cheapest cost of units 0..i with unit i starting at p
    low0, high0 = windows[0]
    best: list[list[float]] = [[place(0, p) + gap(p) for p in range(low0, high0 + 1)]]
    back: list[list[int]] = [[]]
    for i in range(1, len(sizes)):
        low, high = windows[i]
        plow, phigh = windows[i - 1]
        n_prev = sizes[i - 1]
        prev = best[-1]
        row: list[float] = []
        arg: list[int] = []
        run_min, run_arg = INF, -1
        q = plow
        for p in range(low, high + 1):
            while q <= phigh and q + n_prev <= p:  # previous unit ends by p
                value = prev[q - plow] - gap(q + n_prev)
                if value < run_min:
                    run_min, run_arg = value, q
                q += 1
            row.append(run_min + place(i, p) + gap(p))
            arg.append(run_arg)
        best.append(row)
        back.append(arg)
    last = best[-1]
    low_last = windows[-1][0]
    cost = min(last)
    if cost == INF:
        raise ValueError("no legal placement within the windows")
    p = low_last + last.index(cost)
    starts = [p]
    for i in range(len(sizes) - 1, 0, -1):
        p = back[i][p - windows[i][0]]
        starts.append(p)
    starts.reverse()
    return int(cost), starts
