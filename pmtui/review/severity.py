"""Formality to match the severity: a SEV1 needs the full story, a SEV4 only its essentials.

Rule ids: `severity-missing`, `severity-formality` (one finding per section the severity expects
and the document leaves empty, at that section's path).
"""

from __future__ import annotations

from collections.abc import Iterator

from pmtui.document.sections import EXPECTED, SECTIONS
from pmtui.review.findings import WARNING, Finding, ReviewContext


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
