"""Benchmarks for meetplan: `python -m benchmarks` (not part of the test suite).

Synthetic rosters of 300, 3,000 and 10,000 attendees are written as .xlsx,
each case is planned and rendered stage by stage in a fresh process, the whole
`meetplan build` is timed as a command, and the results are written with the
machine's description to benchmarks/results.md next to the issue's targets.

Modules: ``roster`` (the synthetic rosters), ``halls`` (which layout each
case uses), ``stages`` (one case, stage by stage, in its own process),
``memory`` (peak memory of a stage), ``machine`` (the machine, child
processes), ``report`` (targets and results.md).
"""
