"""Formality to match the severity: a SEV1 needs the full story, a SEV4 only its essentials.

Rule ids: `severity-missing`, `severity-formality` (one finding per section the severity expects
and the document leaves empty, at that section's path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pmtui.document.model import Document, Severity
from pmtui.review.findings import WARNING, Finding, ReviewContext


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


def severity_missing(context: ReviewContext) -> Iterator[Finding]:
    if context.document.incident.severity is None:
        yield Finding(
            "severity-missing", WARNING, "incident.severity", "no severity, so nobody can tell how much this postmortem needs",
            "Set severity = SEV1..SEV4 (P1..P4 are accepted)",
        )


def formality(context: ReviewContext) -> Iterator[Finding]:
    severity = context.document.incident.severity
    if severity is None:
        return
    expected = context.config.required_sections or EXPECTED
    for path in expected[severity]:
        label, present = SECTIONS[path]
        if not present(context.document):
            yield Finding(
                "severity-formality", WARNING, path, f"{severity} expects {label}",
                f"Fill in {label}, or lower the severity if the incident was smaller than filed",
            )


RULES = [severity_missing, formality]
