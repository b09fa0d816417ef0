"""What each status requires, by severity."""

from __future__ import annotations

from typing import Any

import pytest

from document_factory import make_document, sample_paths, whys
from pmtui import storage
from pmtui.document import gates
from pmtui.document.model import Document, Status


def paths(requirements: list[gates.Requirement]) -> list[str]:
    return [requirement.path for requirement in requirements]


def reviewable(severity: str = "SEV2", **overrides: Any) -> dict[str, Any]:
    """Sections that satisfy in_review; tests remove or change one at a time."""
    sections: dict[str, Any] = {
        "incident": {"title": "Search latency", "severity": severity, "summary": "Search was slow for 20 minutes."},
        "timeline": [{"time": "10:00", "event": "deploy"}],
        "root_cause": {"summary": "A reindex ran on the primary."},
        "action_items": [{"action": "Run reindexing on a replica"}],
    }
    sections.update(overrides)
    return sections


def finished(severity: str = "SEV2") -> dict[str, Any]:
    """Sections that satisfy final for any severity."""
    return reviewable(
        severity,
        action_items=[{"action": "Run reindexing on a replica", "owner": "Mei Chen", "due": "2026-12-01"}],
        impact={"users_affected": "~5% of searches"},
        whys=whys("1", "1.1", "1.1.1"),
    )


def test_draft_requires_nothing() -> None:
    assert gates.unmet(make_document(), Status.DRAFT) == []


def test_in_review_requires_the_skeleton() -> None:
    document = make_document({"severity": "SEV2", "summary": "  "})
    assert paths(gates.unmet(document, Status.IN_REVIEW)) == [
        "incident.summary", "timeline", "root_cause.summary", "action_items",
    ]


def test_in_review_met() -> None:
    assert gates.unmet(Document.model_validate(reviewable()), Status.IN_REVIEW) == []


def test_final_requires_owner_and_due_on_every_action_item() -> None:
    sections = finished()
    sections["action_items"] = [
        {"action": "a", "owner": "Mei Chen", "due": "2026-12-01"},
        {"action": "b", "owner": " "},
    ]
    unmet = gates.unmet(Document.model_validate(sections), Status.FINAL)
    assert paths(unmet) == ["action_items[1].owner", "action_items[1].due"]
    assert unmet[0].message == "AI-2 needs an owner"


@pytest.mark.parametrize("severity", ["SEV1", "SEV2"])
def test_final_for_major_incidents_requires_impact_and_a_three_deep_why_chain(severity: str) -> None:
    sections = finished(severity)
    sections.pop("impact")
    sections["whys"] = whys("1", "1.1", "2")
    unmet = gates.unmet(Document.model_validate(sections), Status.FINAL)
    assert paths(unmet) == ["impact", "whys"]
    assert unmet[1].message == f"{severity} needs a why chain at least 3 deep (deepest is 2)"


@pytest.mark.parametrize("severity", ["SEV1", "SEV2", "SEV3", "SEV4"])
def test_final_met(severity: str) -> None:
    assert gates.unmet(Document.model_validate(finished(severity)), Status.FINAL) == []


@pytest.mark.parametrize("severity", ["SEV3", "SEV4"])
def test_minor_incidents_may_stay_lightweight(severity: str) -> None:
    document = make_document(
        {"severity": severity, "summary": "Staging certificate expired."},
        root_cause={"summary": "Issued by hand, never renewed."},
        action_items=[{"action": "Renew through cert-manager", "owner": "Ben Okafor", "due": "2026-07-24"}],
    )
    assert gates.unmet(document, Status.FINAL) == []


def test_final_requires_a_severity() -> None:
    sections = finished()
    sections["incident"].pop("severity")
    assert paths(gates.unmet(Document.model_validate(sections), Status.FINAL)) == ["incident.severity"]


def test_claimed_status_is_what_check_enforces() -> None:
    sections = reviewable()
    sections["incident"]["status"] = "final"
    assert paths(gates.unmet_claimed(Document.model_validate(sections))) == [
        "action_items[0].owner", "action_items[0].due", "impact", "whys",
    ]


def test_blocking_next_names_the_following_status() -> None:
    draft = Document.model_validate(reviewable())
    assert gates.blocking_next(draft) == (Status.IN_REVIEW, [])
    sections = finished()
    sections["incident"]["status"] = "final"
    assert gates.blocking_next(Document.model_validate(sections)) == (None, [])


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.name)
def test_every_sample_meets_the_status_it_claims(path) -> None:
    assert gates.unmet_claimed(storage.load_document(path)) == []
