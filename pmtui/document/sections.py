"""What a postmortem of each severity is expected to contain: the sections, and how to tell each is
filled. The team policy starts from these (`pmtui.policy`), and the review rule `severity-formality`
reports what a document leaves empty (`pmtui.review.severity`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pmtui.document.kinds import Severity

if TYPE_CHECKING:
    from pmtui.document.model import Document


def _has(text: str | None) -> bool:
    return bool(text and text.strip())


# path -> (what it is called, whether the document has it)
SECTIONS: dict[str, tuple[str, Callable[[Document], bool]]] = {
    "incident.summary": ("a summary", lambda document: _has(document.incident.summary)),
    "impact": ("the impact (users affected, failed requests, revenue or SLO)", lambda document: document.impact.is_filled()),
    "timeline": ("a timeline", lambda document: bool(document.timeline)),
    "detection.how": ("how the incident was detected", lambda document: document.detection.how is not None),
    "root_cause.summary": ("a root-cause summary", lambda document: _has(document.root_cause.summary)),
    "root_cause.contributing_factors": ("contributing factors", lambda document: bool(document.root_cause.contributing_factors)),
    "findings": ("what went well, what went poorly or lessons", lambda document: any(
        (document.findings.went_well, document.findings.went_poorly, document.findings.lessons))),
    "action_items": ("at least one action item", lambda document: bool(document.action_items)),
}

# What each severity expects; the why chain of a major incident is judged by `whys-shallow`.
EXPECTED: dict[Severity, list[str]] = {
    Severity.SEV1: list(SECTIONS),
    Severity.SEV2: list(SECTIONS),
    Severity.SEV3: ["incident.summary", "timeline", "root_cause.summary", "action_items"],
    Severity.SEV4: ["incident.summary", "root_cause.summary", "action_items"],
}
