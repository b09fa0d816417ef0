"""What a review rule returns, the knobs the rules read, and the context they share.

A rule is a function `rule(context) -> Iterable[Finding]`; each rule module lists its rules in
`RULES`. The context computes what several rules need (resolved times, blame patterns) once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from pmtui.document.gates import MIN_WHY_DEPTH_MAJOR
from pmtui.document.model import Document, Milestone, Severity, Status
from pmtui.document.timeline import resolve_times

if TYPE_CHECKING:
    from pmtui.policy import Policy

ERROR, WARNING, INFO = "error", "warning", "info"  # info: a question for the room, nothing to fix


@dataclass(frozen=True)
class Finding:
    """One problem the review assistant sees in a document.

    `path` names the field in the document's own terms (`timeline[2].event`,
    `root_cause.contributing_factors[0]`, `action_items[1].owner`). `suggestion` is the advice a
    person reads; `replacement`, when set, is the whole new text of the field at `path` with that
    advice applied, so the app can apply it with one key. The suggestion names the app's keys
    where one does the job ("press x to mark it as an accepted risk"); `file_suggestion` then says
    the same in the file's field names for the command line. `ref` is filled in by `review()` from
    the path, so rules need not repeat it. Whether a finding blocks a status follows from its
    severity when judged at that status (`review.blocking_findings`): only errors block.
    """

    rule: str
    severity: str
    path: str
    message: str
    suggestion: str | None = None
    replacement: str | None = None
    file_suggestion: str | None = None  # the advice in the file's own field names, for `pmtui check`
    ref: str = ""  # the field as the screen names it: "T4", "AI-5", "why 1.2.1", "contributing factor 2"


@dataclass(frozen=True)
class ReviewConfig:
    """Thresholds teams tune (a team's policy sets them: `review_config`); the defaults follow common
    incident-review practice."""

    detection_threshold_minutes: float = 5
    timeline_gap_minutes: float = 10
    max_open_items: int = 10
    # the shortest acceptable deepest why chain, for the severities that have one
    min_why_depth: Mapping[Severity, int] = field(
        default_factory=lambda: {Severity.SEV1: MIN_WHY_DEPTH_MAJOR, Severity.SEV2: MIN_WHY_DEPTH_MAJOR})
    required_sections: Mapping[Severity, Sequence[str]] | None = None  # None: `severity.EXPECTED`

    def final_why_depth(self, severity: Severity | None) -> int:
        """The why depth the `final` gate asks of a SEV1/SEV2 (`gates.unmet(min_why_depth=...)`)."""
        return self.min_why_depth.get(severity, MIN_WHY_DEPTH_MAJOR) if severity else MIN_WHY_DEPTH_MAJOR


def review_config(policy: Policy) -> ReviewConfig:
    """The review rules' thresholds as the policy sets them."""
    return ReviewConfig(
        detection_threshold_minutes=policy.detection_target_minutes,
        min_why_depth={severity: rules.min_why_depth for severity, rules in policy.severities.items()},
        required_sections={severity: rules.required_sections for severity, rules in policy.severities.items()},
    )


@dataclass
class ReviewContext:
    """A document as the rules see it: judged as if it had `status`, on the day `today`."""

    document: Document
    status: Status
    today: dt.date
    config: ReviewConfig
    known_instants: list[dt.datetime] | None = None  # the document's resolved times, when the caller has them

    @property
    def blame_severity(self) -> str:
        """Blame language breaks every status past draft; in a draft it is a warning."""
        return WARNING if self.status == Status.DRAFT else ERROR

    @cached_property
    def instants(self) -> list[dt.datetime]:
        return self.known_instants if self.known_instants is not None else resolve_times(self.document)

    @cached_property
    def milestone_indices(self) -> dict[Milestone, int]:
        """Where each milestone is in the timeline (several rules ask; one pass over the events)."""
        return {event.milestone: index for index, event in enumerate(self.document.timeline) if event.milestone}
