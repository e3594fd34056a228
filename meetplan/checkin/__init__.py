"""The registration desk (签到): who is who at the desk, and the counts 应到 / 实到 / 请假 / 未到.

- :mod:`meetplan.checkin.match`: typed text or a scanned pass to people.
- :mod:`meetplan.checkin.counts`: the places to fill and how many are filled.
- :mod:`meetplan.checkin.desk`: one desk's session, as the terminal shows it.

The log itself is :mod:`meetplan.history.checkin`.
"""
