"""F9 and `pmtui check` agree on what blocks a status: both go through `review.blockers`."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_factory import BROKEN, SAMPLES

from pmtui import storage
from pmtui.checking import document_problems
from pmtui.document.model import Document, Status
from pmtui.review.blockers import blockers, open_warnings

def loadable() -> list[Path]:
    paths = sorted(path for folder in (SAMPLES, BROKEN) for path in folder.iterdir() if path.suffix in (".toml", ".json"))
    kept = []
    for path in paths:
        try:
            storage.load_document(path)
        except storage.DocumentError:
            continue
        kept.append(path)
    return kept


def claiming(document: Document, status: Status) -> Document:
    changed = document.model_copy(deep=True)
    changed.incident.status = status
    return changed


@pytest.mark.parametrize("path", loadable(), ids=lambda path: path.name)
def test_f9_lists_what_check_reports_as_errors_at_that_status(path: Path) -> None:
    """What F9 says blocks S is exactly what `pmtui check` calls an error in the same document claiming S."""
    document = storage.load_document(path)
    for status in Status:
        f9 = sorted((blocker.path, blocker.message) for blocker in blockers(document, status))
        check = sorted((problem.path, problem.message) for problem in document_problems(claiming(document, status), path.name)
                       if problem.severity == "error")
        assert f9 == check, status


def test_the_comparison_covers_every_sample() -> None:
    """(No file in tests/broken/ loads today: each shows one way a file is refused.)"""
    assert {path.name for path in loadable()} >= {path.name for path in SAMPLES.iterdir() if path.suffix in (".toml", ".json")}


def test_warnings_inform_and_do_not_block_final() -> None:
    document = storage.load_document(SAMPLES / "db-pool-exhaustion.toml")
    assert blockers(document, Status.FINAL) == []
    warned = len(open_warnings(document, Status.FINAL))
    for event in document.timeline:
        event.milestone = None  # no "detected" or "resolved": a warning the room should see
    assert len(open_warnings(document, Status.FINAL)) > warned
    assert blockers(document, Status.FINAL) == []


def test_blame_blocks_in_review_and_a_missing_summary_is_named() -> None:
    document = storage.load_document(SAMPLES / "db-pool-exhaustion.toml")
    document.incident.summary = ""
    document.root_cause.summary = "Human error: the on-call engineer was careless."
    lines = [blocker.line() for blocker in blockers(document, Status.IN_REVIEW)]
    assert "summary: a summary is required" in lines  # named as the screen names the field
    assert any(line.startswith("root cause summary:") and "(blame-" in line for line in lines)
    assert not any(finding.rule.startswith("blame-") for finding in open_warnings(document, Status.IN_REVIEW))
