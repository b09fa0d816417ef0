"""Pure document edits: the session and the importers share them."""

from __future__ import annotations

import datetime as dt

from document_factory import events, make_document

from pmtui.document import edits
from pmtui.document.model import Milestone


def at(hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2026, 11, 2, hour, minute, tzinfo=dt.UTC)


def test_new_ids_go_one_past_the_highest_and_never_fill_a_gap() -> None:
    assert edits.new_ids("T", {"T1", "T3"}, 2) == ["T4", "T5"]
    assert edits.new_ids("AI-", set(), 1) == ["AI-1"]


def test_a_new_event_goes_after_every_event_at_or_before_its_time() -> None:
    instants = [at(10, 0), at(10, 5), at(10, 5), at(11, 0)]
    assert edits.time_ordered_position(at(9, 0), instants) == 0
    assert edits.time_ordered_position(at(10, 5), instants) == 3
    assert edits.time_ordered_position(at(12, 0), instants) == 4


def test_a_milestone_moves_to_the_event_that_takes_it_and_says_so() -> None:
    document = make_document(timeline=events("10:00", "10:05", milestones={0: "detected"}))
    before = list(document.timeline)
    taking = [before[0], before[1].model_copy(update={"milestone": Milestone.DETECTED})]  # as the form sets it
    timeline, note = edits.take_milestone(taking, 1)
    assert [event.milestone for event in timeline] == [None, Milestone.DETECTED]
    assert note == "milestone detected moved from T1 to T2"
    assert taking[0].milestone == Milestone.DETECTED and document.timeline == before  # nothing mutated
    assert edits.take_milestone(timeline, 1) == (timeline, None)


def test_deleting_an_event_drops_it_from_the_evidence_of_every_why() -> None:
    document = make_document(timeline=events("10:00", "10:05"),
                             whys=[{"id": "1", "answer": "Pool too small", "evidence": ["T1", "T2"]}])
    after = edits.delete_event(document, 0)
    assert [event.id for event in after.timeline] == ["T2"]
    assert after.whys[0].evidence == ["T2"]
    assert [event.id for event in document.timeline] == ["T1", "T2"] and document.whys[0].evidence == ["T1", "T2"]
