"""The session's review pass reuses what an edit left alone (`ReviewMemo`): its findings must be
exactly those of a full `review()` after every edit of a random sequence (fixed seeds)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pmtui import storage
from pmtui.app.meeting.session import EditError, Session
from pmtui.document.model import Status
from pmtui.document.timeline import format_written_time
from pmtui.resources import default_sample
from pmtui.review import review

TODAY = dt.date(2026, 11, 2)
# Prose the rules react to: blame by name and by pronoun, hindsight, vague fixes, silence markers.
TEXTS = [
    "Maria deployed the config change",
    "she forgot to check the canary",
    "they should have caught this in review",
    "if we had alerted on queue depth, we would have seen it an hour earlier",
    "improve monitoring",
    "restore started from the nightly snapshot",
    "restore complete",
    "Dev Patel's mistake caused the outage",
    "error rate back to baseline",
    "why was this change merged?",
]
MILESTONES = [None, None, None, "impact_start", "detected", "mitigated", "resolved", "trigger"]
EDITS_PER_RUN = 40


def _edits(session: Session, rng: random.Random) -> list[Callable[[], object]]:
    document = session.document
    text = rng.choice(TEXTS)
    time = f"{rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}"
    edits: list[Callable[[], object]] = [
        lambda: session.add_event(time, text, None, rng.choice(MILESTONES)),
        lambda: session.add_why(rng.choice([None, *(why.id for why in document.whys)]), text),
        lambda: session.add_action({"action": text}),
        lambda: session.add_text(rng.choice(["lessons", "parking_lot", "contributing_factors"]), text),
        lambda: session.set_incident_field(rng.choice(["participants", "summary"]), rng.choice(["Maria, Dev Patel", text, ""])),
        lambda: session.set_status(rng.choice([Status.DRAFT, Status.IN_REVIEW])),
    ]
    if document.timeline:
        index = rng.randrange(len(document.timeline))
        event = document.timeline[index]
        edits += [
            lambda: session.update_event(index, time if rng.random() < 0.5 else format_written_time(event.time), text, None, event.milestone),
            lambda: session.delete_event(index),
            lambda: session.move_event(index, rng.choice([-1, 1])),
        ]
    if document.whys:
        why = rng.choice(document.whys)
        edits.append(lambda: session.update_why(why.id, text, why.question))
    if document.action_items:
        index = rng.randrange(len(document.action_items))
        edits += [lambda: session.update_action(index, {"action": text}), lambda: session.delete_action(index)]
    findings = session.review_findings()
    if findings:
        finding = rng.choice(findings)
        edits.append(lambda: session.dismiss_finding(finding, "the team keeps it"))
        if finding.replacement is not None:
            edits.append(lambda: session.apply_suggestion(finding))
    return edits


@pytest.mark.parametrize("seed", range(4))
def test_the_kept_review_matches_a_full_one_after_every_edit(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "incident.toml"
    shutil.copyfile(default_sample(), path)
    session = Session(storage.load(path), today=lambda: TODAY)
    rng = random.Random(seed)
    applied = 0
    for _ in range(EDITS_PER_RUN):
        try:
            rng.choice(_edits(session, rng))()
        except EditError:
            continue  # an edit the session turns down (a move past the end) changes nothing
        applied += 1
        full = review(session.document, today=TODAY, config=session.review_config)
        assert session.review_findings() == full, f"seed {seed}, edit {applied}"
    assert applied > EDITS_PER_RUN // 2
