"""The meeting checklist (会务检查清单): materials, what the machine checked, what to tick by hand.

PROTOCOL.md §7. Materials are listed in meeting.toml (``[[materials]]``); the
automatic checks give one :class:`CheckResult` each; the items to tick by hand
are the standard list of §7, as the office adds to it, removes from it or
rewords it under ``[checklist]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from meetplan.model.settings import MeetingInfo


class Outcome(StrEnum):
    PASSED = "passed"  # ✓ the machine checked it and found nothing wrong
    FAILED = "failed"  # ✗ something is wrong; the reason says what and what to do
    MANUAL = "manual"  # the machine could not decide: check by hand (never counted as passed)

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {Outcome.PASSED: "通过", Outcome.FAILED: "不通过", Outcome.MANUAL: "需人工核对"}


class Stage(StrEnum):
    """When a checklist item is done (PROTOCOL.md §7)."""

    BEFORE = "会前"
    DURING = "会中"
    AFTER = "会后"


@dataclass(frozen=True)
class Material:
    """One ``[[materials]]`` entry of meeting.toml."""

    kind: str  # 讲话稿, 主持词, 工作报告, 会议须知, 议程 …
    title: str
    file: str = ""  # relative to the meeting folder (materials/…); "" for items only counted
    speaker: str = ""  # the roster name of who reads it, if anyone
    pages: int | None = None  # the expected page count, if known
    copies: str = ""  # a number, or a rule: rostrum, rostrum+5, all, hall+observer …
    index: int = 0  # its position in meeting.toml, 1-based, for messages


@dataclass(frozen=True)
class CheckResult:
    """One automatic check and what it found."""

    group: str  # what is checked, as a heading: 材料, 座位, 桌签, 签到表, 密级, 字体
    item: str  # the thing checked: "县委书记讲话（讲话稿）", "主席台座位" …
    outcome: Outcome
    reason: str = ""  # why it failed or needs a hand check; for a pass, what was found
    page: int | None = None  # the manuscript page it concerns, if one
    copies: int | None = None  # copies needed (materials only), from the plan


@dataclass(frozen=True)
class ChecklistItem:
    """One line to tick by hand."""

    stage: Stage
    text: str
    key: str = ""  # the standard item's key (before.notice …); "" for the office's own items
    owner: str = ""  # 负责人
    when: str = ""  # 时间


@dataclass(frozen=True)
class Checklist:
    meeting: MeetingInfo
    results: tuple[CheckResult, ...]
    items: tuple[ChecklistItem, ...]

    @property
    def failed(self) -> list[CheckResult]:
        return [r for r in self.results if r.outcome is Outcome.FAILED]

    @property
    def manual(self) -> list[CheckResult]:
        return [r for r in self.results if r.outcome is Outcome.MANUAL]

    @property
    def passed(self) -> bool:
        """Every automatic check passed (a check needing a hand check is not a pass)."""
        return all(r.outcome is Outcome.PASSED for r in self.results)
