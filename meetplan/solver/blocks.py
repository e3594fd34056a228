"""The CP-SAT model: unit blocks over the row segments of each lane.

Decisions are made per unit and segment (how many of a unit's people sit in a
segment), never per person and seat, so a 10,000-seat hall stays a model of a
few thousand variables. Units keep their order along the lane (hard); each
unit occupies one unbroken stretch of the lane: it may continue from one
segment into the next only by filling the first to its end and starting the
next at its beginning (hard). Empty seats are left at the end of a segment.
A unit's start is restricted to the positions where its stretch keeps the
lane's shape (hard, :class:`~meetplan.solver.lanes.LaneShape`): its part in a
row lies directly behind its part in the row before, never at the other end.

Objective terms (weights in :class:`meetplan.model.settings.HallSettings`):

- ``split_aisle``: a unit continues across an aisle or a blocked place;
- ``split_row``: a unit continues on the next row;
- ``split_floor``: a unit continues on another floor;
- ``empty_inside``: each empty seat within the occupied part of a lane;
- ``front_empty``: each empty seat in the front rows of the lowest floor.

Each unit's earliest legal start (the packed fill, where the shape allows it)
bounds its window, which reaches ``MIN_SHIFT`` seats or ``SHIFT_SEGMENTS``
segments further; the dynamic programme of :mod:`meetplan.solver.chain` solves
each lane exactly over the same windows and is the solver's starting point.
Nothing from OR-Tools leaves this module: :func:`solve_blocks` returns plain data.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import Any

from ortools.sat.python import cp_model

from meetplan.model.plan import SolveStatus
from meetplan.model.settings import HallSettings
from meetplan.solver.chain import front_positions, solve_chain
from meetplan.solver.lanes import Break, Lane, LaneShape, Shape, Span, covers

MIN_SHIFT = 40  # seats a unit may move beyond its packed position, at least
SHIFT_SEGMENTS = 3  # ... or this many of the lane's largest segments
TERMS = ("split_aisle", "split_row", "split_floor", "empty_inside", "front_empty")
# A unit that breaks its block (Shape.PREFER_BLOCK, a hall too full for blocks): the
# cost of one such unit outweighs any plan of blocks, so the fewest units break.
WRAP = 10_000_000


@dataclass(frozen=True)
class LaneUnits:
    lane: Lane
    sizes: tuple[int, ...]  # people per unit, in unit order
    shape: Shape = Shape.FREE  # how each unit's stretch keeps to one block (hard)
    pin_first: bool = False  # the first unit starts at the lane's start (左右排列法's centre unit)
    # per unit: the first and last position its stretch must contain (pinned seats, 座位)
    cover: tuple[Span, ...] = ()

    def fit(self) -> LaneShape:
        return LaneShape(self.lane, self.shape)


@dataclass
class BlockSolution:
    """Per lane, per segment: (unit index, first seat's offset in the segment, people)."""

    parts: list[list[list[tuple[int, int, int]]]]
    status: SolveStatus
    objective: int = 0
    bound: int = 0
    terms: dict[str, int] = field(default_factory=dict)


class _LaneModel:
    """One lane's variables and constraints, added to a shared CP-SAT model.

    Per unit: ``p``, the position along the lane of its first person; the unit
    covers positions p .. p+n-1. Units follow each other in order; the seats
    between two units are left empty. For every segment boundary a unit could
    reach, three literals say whether the unit lies wholly before it, wholly
    after it, or across it (a split, which costs by the kind of break).
    """

    def __init__(
        self, model: cp_model.CpModel, lu: LaneUnits, weights: HallSettings, key: str
    ) -> None:
        self.m = model
        self.lane = lu.lane
        self.sizes = lu.sizes
        self.w = weights
        self.key = key
        self.shape = lu.fit()
        self.pin_first = lu.pin_first
        self.cover = lu.cover
        self.caps = [s.capacity for s in self.lane.segments]
        self.starts = [0, *accumulate(self.caps)]  # starts[s] = first position of segment s
        self.total = self.starts[-1]
        largest = max(self.caps, default=0)
        self.reach = min(self.total - sum(self.sizes), max(MIN_SHIFT, SHIFT_SEGMENTS * largest))
        self.p: list[cp_model.IntVar] = []
        self.low: list[int] = []
        self.crossing: list[tuple[int, cp_model.IntVar]] = []  # (segment after the break, literal)
        self._units()

    def _segment_of(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1

    def _windows(self) -> list[tuple[int, int]]:
        """Where each unit may start: at its earliest legal start (the packed position,
        when the lane's shape allows it there) or up to ``reach`` seats later."""
        earliest = self.shape.earliest(self.sizes, self.cover)
        if earliest is None:  # the caller chose a shape these units fit (seat_hall)
            raise ValueError("the units do not fit this lane in this shape")
        windows = []
        later = sum(self.sizes)
        for i, (low, n) in enumerate(zip(earliest, self.sizes, strict=True)):
            high = low if (i == 0 and self.pin_first) else min(low + self.reach, self.total - later)
            span = self._span(i)
            if span is not None:  # the stretch must still hold the pinned seats
                high = min(high, span[0])
            windows.append((low, max(low, high)))
            later -= n
        return windows

    def _span(self, i: int) -> Span:
        return self.cover[i] if i < len(self.cover) else None

    def _units(self) -> None:
        self.windows = self._windows()
        hard = self.shape.shape in (Shape.BLOCK, Shape.COLUMN_FRONT)
        soft = self.shape.shape is Shape.PREFER_BLOCK
        legal = self.shape.legal if hard else None
        self.wraps: list[Any] = []

        def penalty(q: int, n: int) -> int:
            return 0 if self.shape.keeps_block(q, n) else WRAP

        self.chain_cost, chain = solve_chain(
            self.lane,
            self.sizes,
            self.windows,
            self.w,
            legal,
            penalty if soft else None,
            self.cover,
        )
        self.chain = chain
        for i, n in enumerate(self.sizes):
            low, high = self.windows[i]
            start = chain[i]
            span = self._span(i)
            if legal is None:
                # a pinned unit's start keeps its pinned seats inside the stretch (hard)
                starts = [q for q in range(low, high + 1) if covers(q, n, span)]
                p = self.m.new_int_var_from_domain(
                    cp_model.Domain.from_values(starts), f"{self.key}p{i}"
                )
                if soft:
                    blocks = [q for q in starts if self.shape.keeps_block(q, n)]
                    if not blocks:
                        self.wraps.append(1)
                    elif len(blocks) < len(starts):
                        kept = self.m.new_bool_var(f"{self.key}b{i}")
                        self.m.add_linear_expression_in_domain(
                            p, cp_model.Domain.from_values(blocks)
                        ).only_enforce_if(kept)
                        self.m.add_hint(kept, self.shape.keeps_block(start, n))
                        self.wraps.append(1 - kept)
            else:
                allowed = [q for q in range(low, high + 1) if legal(q, n) and covers(q, n, span)]
                p = self.m.new_int_var_from_domain(
                    cp_model.Domain.from_values(allowed), f"{self.key}p{i}"
                )
            if self.p:
                self.m.add(p >= self.p[-1] + self.sizes[i - 1])
            self.m.add_hint(p, start)
            first_seg = self._segment_of(low) + 1
            last_seg = self._segment_of(high + n - 1)
            for s in range(first_seg, last_seg + 1):
                b = self.starts[s]
                before = self.m.new_bool_var("")
                after = self.m.new_bool_var("")
                across = self.m.new_bool_var(f"{self.key}x{i}_{s}")
                self.m.add_exactly_one([before, after, across])
                self.m.add(p + n <= b).only_enforce_if(before)
                self.m.add(p >= b).only_enforce_if(after)
                self.m.add(p <= b - 1).only_enforce_if(across)
                self.m.add(p + n >= b + 1).only_enforce_if(across)
                self.m.add_hint(across, start < b < start + n)
                self.m.add_hint(before, start + n <= b)
                self.m.add_hint(after, start >= b)
                self.crossing.append((s, across))
            self.p.append(p)
            self.low.append(low)

    def _front_intervals(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for pos, front in enumerate(front_positions(self.lane, self.w.front_rows)):
            if not front:
                continue
            if spans and spans[-1][1] == pos:
                spans[-1] = (spans[-1][0], pos + 1)
            else:
                spans.append((pos, pos + 1))
        return spans

    def terms(self) -> dict[str, Any]:
        terms: dict[str, Any] = dict.fromkeys(TERMS, 0)
        if not self.sizes:
            return terms
        kinds = {Break.AISLE: "split_aisle", Break.ROW: "split_row", Break.FLOOR: "split_floor"}
        for s, across in self.crossing:
            terms[kinds[self.lane.breaks[s - 1]]] += across
        terms["empty_inside"] = self.p[-1] + self.sizes[-1] - sum(self.sizes)
        # front_empty: the empty seats of the gaps before each unit that fall in a front span
        spans = self._front_intervals()
        prev_end: Any = 0
        prev_low = 0
        for p, n, low in zip(self.p, self.sizes, self.low, strict=True):
            hi = low + self.reach
            for fa, fb in spans:
                if prev_low >= fb or hi <= fa:
                    continue  # this gap can never touch this front span
                # empty front seats in the gap [prev_end, p): min(p, fb) - max(prev_end, fa), if positive
                upto = self.m.new_int_var(0, self.total, "")
                self.m.add_min_equality(upto, [p, fb])
                since = self.m.new_int_var(0, self.total, "")
                self.m.add_max_equality(since, [prev_end, fa])
                empty = self.m.new_int_var(0, fb - fa, "")
                self.m.add(empty >= upto - since)
                terms["front_empty"] += empty
            end = self.m.new_int_var(low + n, self.total, "")
            self.m.add(end == p + n)
            prev_end = end
            prev_low = low + n
        return terms

    def parts(self, solver: cp_model.CpSolver | None) -> list[list[tuple[int, int, int]]]:
        """Per segment, (unit, offset, people): from the solver, or from the dynamic
        programme's placement when the solver found nothing in time."""
        out: list[list[tuple[int, int, int]]] = [[] for _ in self.lane.segments]
        for i, n in enumerate(self.sizes):
            pos = self.chain[i] if solver is None else solver.value(self.p[i])
            left = n
            while left:
                s = self._segment_of(pos)
                take = min(self.starts[s + 1] - pos, left)
                out[s].append((i, pos - self.starts[s], take))
                pos += take
                left -= take
        return out


def solve_blocks(lanes: list[LaneUnits], weights: HallSettings) -> BlockSolution:
    """Place every unit block; deterministic (one worker, fixed seed), within the time limit."""
    if not any(lu.sizes for lu in lanes):
        return BlockSolution([[[] for _ in lu.lane.segments] for lu in lanes], SolveStatus.TRIVIAL)
    model = cp_model.CpModel()
    parts = [_LaneModel(model, lu, weights, f"L{k}") for k, lu in enumerate(lanes)]
    totals: dict[str, Any] = {t: 0 for t in TERMS}
    for lm in parts:
        for name, expr in lm.terms().items():
            totals[name] += expr
    objective = sum(getattr(weights, name) * expr for name, expr in totals.items())
    objective += WRAP * sum(w for lm in parts for w in lm.wraps)
    # The dynamic programme solved each lane exactly over the same windows: its total is
    # a proven lower bound, and its placement (the hint) reaches it.
    proven = sum(lm.chain_cost for lm in parts)
    model.add(objective >= proven)
    model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = weights.time_limit
    solver.parameters.num_workers = 1  # one worker and a fixed seed: the same plan every time
    solver.parameters.random_seed = 7
    # Probing during presolve takes seconds on large halls and gains nothing here: the
    # bound comes from the dynamic programme.
    solver.parameters.cp_model_probing_level = 0
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # The dynamic programme's placement is always feasible, so this means no solution
        # was found in time: use that placement.
        placed = [lm.parts(None) for lm in parts]
        terms = costs(lanes, placed, weights)
        return BlockSolution(
            placed, SolveStatus.FEASIBLE, objective_of(terms, weights), proven, terms
        )
    status = SolveStatus.OPTIMAL if code == cp_model.OPTIMAL else SolveStatus.FEASIBLE
    return BlockSolution(
        parts=[lm.parts(solver) for lm in parts],
        status=status,
        objective=round(solver.objective_value),
        bound=round(solver.best_objective_bound),
        terms=costs(lanes, [lm.parts(solver) for lm in parts], weights),
    )


def costs(
    lanes: list[LaneUnits], parts: list[list[list[tuple[int, int, int]]]], weights: HallSettings
) -> dict[str, int]:
    """Each objective term's count for a placement, recomputed from the placement itself."""
    kinds = {Break.AISLE: "split_aisle", Break.ROW: "split_row", Break.FLOOR: "split_floor"}
    out = dict.fromkeys(TERMS, 0)
    for lu, per_seg in zip(lanes, parts, strict=True):
        segs = lu.lane.segments
        where: dict[int, list[int]] = {}
        for s, placed in enumerate(per_seg):
            for unit, _offset, _people in placed:
                where.setdefault(unit, []).append(s)
        for unit_segs in where.values():
            for a, _b in pairwise(unit_segs):
                out[kinds[lu.lane.breaks[a]]] += 1
        starts = [0, *accumulate(seg.capacity for seg in segs)]
        taken = {
            starts[s] + offset + k
            for s, placed in enumerate(per_seg)
            for _unit, offset, people in placed
            for k in range(people)
        }
        end = max(taken) + 1 if taken else 0
        out["empty_inside"] += end - len(taken)
        front = front_positions(lu.lane, weights.front_rows)
        out["front_empty"] += sum(1 for pos in range(end) if front[pos] and pos not in taken)
    return out


def objective_of(terms: dict[str, int], weights: HallSettings) -> int:
    return sum(getattr(weights, name) * count for name, count in terms.items())
