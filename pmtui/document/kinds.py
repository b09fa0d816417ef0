"""The document's vocabulary: severities, statuses, milestones, priorities, as plain enums.

Apart from the pydantic model (`pmtui.document.model`, which re-exports them) so that what only
needs the words, such as the team policy read by the library reports, does not pay for building
the model.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"

    @property
    def is_major(self) -> bool:
        return self in (Severity.SEV1, Severity.SEV2)


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    FINAL = "final"

    def next(self) -> Status | None:
        order = list(Status)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None


class Milestone(StrEnum):
    """In the order they happen in a well-formed incident."""

    TRIGGER = "trigger"
    IMPACT_START = "impact_start"
    DETECTED = "detected"
    ACKNOWLEDGED = "acknowledged"
    DECLARED = "declared"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"
    CLOSED = "closed"


class DetectionHow(StrEnum):
    ALERT = "alert"
    CUSTOMER = "customer"
    INTERNAL = "internal"
    OTHER = "other"


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WONT_DO = "wont_do"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionKind(StrEnum):
    PREVENT = "prevent"
    DETECT = "detect"
    MITIGATE = "mitigate"
    PROCESS = "process"
