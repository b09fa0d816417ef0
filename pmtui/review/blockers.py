"""What blocks moving a document to a status: one definition for F9 (finalize) and `pmtui check`.

A document can move to `status` when it meets the status's requirements (`document.gates`) and no
review finding is an error at that status (blame language past `draft`, see docs/rules.md).
Warnings inform; they never block.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmtui.document import gates
from pmtui.document.model import Document, Status
from pmtui.review import blocking_findings, review_at
from pmtui.review.fields import screen_ref
from pmtui.review.findings import WARNING, Finding, ReviewConfig


@dataclass(frozen=True)
class Blocker:
    """One thing to settle before the move: the field it concerns and what is wrong with it."""

    path: str
    message: str
    rule: str | None = None  # the review rule, for a finding; None for a status requirement
    ref: str = ""  # the field as the screen names it (T4, AI-5, why 1.2.1), for people to read

    def line(self) -> str:
        return f"{self.ref or self.path}: {self.message}" + (f" ({self.rule})" if self.rule else "")


def blockers(document: Document, status: Status, config: ReviewConfig | None = None) -> list[Blocker]:
    """Everything that stops `document` from moving to `status`: unmet requirements, then findings.

    `config`: the team policy's thresholds (`pmtui.review.findings.review_config`), among them how deep a
    SEV1/SEV2 why chain must be for `final`; F9 and `pmtui check` both pass the policy's."""
    depth = (config or ReviewConfig()).final_why_depth(document.incident.severity)
    return [Blocker(need.path, need.message, ref=screen_ref(document, need.path))
            for need in gates.unmet(document, status, min_why_depth=depth)] + [
        Blocker(finding.path, finding.message, finding.rule, finding.ref)
        for finding in blocking_findings(document, status, config)
    ]


def open_warnings(document: Document, status: Status, config: ReviewConfig | None = None) -> list[Finding]:
    """The warnings when the document is judged at `status`: F9 lists them; they never block."""
    return [finding for finding in review_at(document, status, config) if finding.severity == WARNING]
