"""The meeting over time: everything that happened since the first build.

- :mod:`~meetplan.history.record`: the printed plan's record in out/ — the
  roster as read, the first plan and the plan as printed — and its fingerprint;
- :mod:`~meetplan.history.log`: the attendance log of the day (``attend``),
  replayed on the roster;
- :mod:`~meetplan.history.revision`: a revised roster matched to the printed
  one, re-planned against the printed plan with the fewest moves, and the
  change list between the two.

``build`` and ``attend`` go through this package; it knows nothing of the
documents.
"""
