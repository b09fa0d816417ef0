"""What each status requires of a document, by severity.

`in_review` needs the skeleton of a postmortem; `final` needs it finished. SEV3/SEV4 may stay
lightweight: a summary, a root-cause summary and one action item carry them to `final`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmtui.document.model import Document, Severity, Status
from pmtui.document.whys import max_depth

MIN_WHY_DEPTH_MAJOR = 3


@dataclass(frozen=True)
class Requirement:
    """An unmet requirement: the field it concerns and what is missing."""

    path: str
    message: str


def _blank(text: str | None) -> bool:
    return not (text and text.strip())


def _is_lightweight(document: Document) -> bool:
    return document.incident.severity in (Severity.SEV3, Severity.SEV4)


def unmet(document: Document, status: Status, *, min_why_depth: int = MIN_WHY_DEPTH_MAJOR) -> list[Requirement]:
    """Requirements of `status` that `document` does not meet (empty for draft).

    `min_why_depth`: the why chain a SEV1/SEV2 needs for `final` (a team's policy may ask more)."""
    if status == Status.DRAFT:
        return []
    missing: list[Requirement] = []
    if _blank(document.incident.summary):
        missing.append(Requirement("incident.summary", "a summary is required"))
    if not document.timeline and not _is_lightweight(document):
        missing.append(Requirement("timeline", "at least one timeline event is required"))
    if _blank(document.root_cause.summary):
        missing.append(Requirement("root_cause.summary", "a root-cause summary is required"))
    if not document.action_items:
        missing.append(Requirement("action_items", "at least one action item is required"))
    if status == Status.FINAL:
        for index, item in enumerate(document.action_items):
            if _blank(item.owner):
                missing.append(Requirement(f"action_items[{index}].owner", f"{item.id} needs an owner"))
            if item.due is None:
                missing.append(Requirement(f"action_items[{index}].due", f"{item.id} needs a due date"))
        severity = document.incident.severity
        if severity is None:
            missing.append(Requirement("incident.severity", "a severity is required"))
        elif severity.is_major:
            if not document.impact.is_filled():
                missing.append(Requirement("impact", f"{severity} needs the impact filled in"))
            depth = max_depth(document.whys)
            if depth < min_why_depth:
                missing.append(
                    Requirement(
                        "whys",
                        f"{severity} needs a why chain at least {min_why_depth} deep (deepest is {depth})",
                    )
                )
    return missing


def unmet_claimed(document: Document, *, min_why_depth: int = MIN_WHY_DEPTH_MAJOR) -> list[Requirement]:
    """What the status the document claims requires and it lacks: errors for `pmtui check`."""
    return unmet(document, document.incident.status, min_why_depth=min_why_depth)


def blocking_next(document: Document, *, min_why_depth: int = MIN_WHY_DEPTH_MAJOR) -> tuple[Status | None, list[Requirement]]:
    """The next status and what still stops the document from moving to it."""
    following = document.incident.status.next()
    if following is None:
        return None, []
    return following, unmet(document, following, min_why_depth=min_why_depth)
