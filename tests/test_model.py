"""The document model: field rules, aliases, id assignment and cross-references."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from document_factory import events, make_document, whys
from pmtui.document.model import (
    SCHEMA_VERSION,
    ActionStatus,
    Document,
    Severity,
    Status,
    TimelineEvent,
    Why,
    parse_event_time,
)


@pytest.mark.parametrize("written", ["SEV1", "sev1", "P1", "p1", " SEV-1 ", "Sev 1"])
def test_severity_accepts_sev_and_p_spellings_and_stores_sev(written: str) -> None:
    assert make_document({"severity": written}).incident.severity == Severity.SEV1


@pytest.mark.parametrize("written", ["SEV5", "P0", "critical", "1"])
def test_unknown_severity_is_rejected(written: str) -> None:
    with pytest.raises(ValidationError):
        make_document({"severity": written})


def test_incident_defaults() -> None:
    incident = make_document().incident
    assert incident.status == Status.DRAFT
    assert incident.timezone == "UTC"
    assert incident.severity is None and incident.date is None
    assert incident.reviewers == [] and incident.participants == [] and incident.tags == []


def test_status_order_ends_at_final() -> None:
    assert Status.DRAFT.next() == Status.IN_REVIEW
    assert Status.IN_REVIEW.next() == Status.FINAL
    assert Status.FINAL.next() is None


def test_only_sev1_and_sev2_are_major() -> None:
    assert [severity.is_major for severity in Severity] == [True, True, False, False]


def test_open_action_statuses() -> None:
    assert {status for status in ActionStatus if status.is_open} == {ActionStatus.OPEN, ActionStatus.IN_PROGRESS}


def test_unknown_timezone_names_the_value() -> None:
    with pytest.raises(ValidationError, match='unknown time zone "Mars/Olympus"'):
        make_document({"timezone": "Mars/Olympus"})


def test_iana_timezone_is_kept() -> None:
    assert make_document({"timezone": "Asia/Kolkata"}).incident.timezone == "Asia/Kolkata"


def test_incident_date_rejects_a_datetime_instead_of_truncating_it() -> None:
    with pytest.raises(ValidationError, match="expected a date like"):
        make_document({"date": dt.datetime(2026, 4, 20, 14, 2)})


def test_action_due_rejects_a_datetime() -> None:
    with pytest.raises(ValidationError, match="expected a date like"):
        make_document(action_items=[{"action": "Add an alert", "due": dt.datetime(2026, 5, 1, 9, 0)}])


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("14:22", dt.time(14, 22)),
        ("9:05", dt.time(9, 5)),
        ("14:22:05", dt.time(14, 22, 5)),
        (" 14:22 ", dt.time(14, 22)),
        (dt.time(14, 22, 5, 999), dt.time(14, 22, 5)),
        ("2026-04-20T14:22:00", dt.datetime(2026, 4, 20, 14, 22)),
        ("2026-04-20T14:22:00Z", dt.datetime(2026, 4, 20, 14, 22, tzinfo=dt.timezone.utc)),
        (
            "2026-04-20T14:22:00+05:30",
            dt.datetime(2026, 4, 20, 14, 22, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        ),
    ],
)
def test_event_time_forms(written: object, expected: object) -> None:
    parsed = parse_event_time(written)
    assert parsed == expected
    assert type(parsed) is type(expected)


@pytest.mark.parametrize("written", ["25:61", "24:00", "14:60", "noon", "", "14h22", 1422])
def test_bad_event_time_names_the_value(written: object) -> None:
    with pytest.raises(ValueError, match="invalid time"):
        parse_event_time(written)


def test_timeline_event_needs_text() -> None:
    with pytest.raises(ValidationError):
        TimelineEvent(time="14:22", event="")


@pytest.mark.parametrize(("written", "stored"), [("1", "1"), (1, "1"), ("1.2.10", "1.2.10")])
def test_why_ids_are_dotted_paths(written: object, stored: str) -> None:
    assert Why(id=written, answer="x").id == stored


@pytest.mark.parametrize("written", ["0", "1.0", "1..2", "1.", ".1", "a", "01", True, 1.5])
def test_malformed_why_ids_are_rejected(written: object) -> None:
    with pytest.raises(ValidationError, match="invalid why id"):
        Why(id=written, answer="x")


def test_why_parent_and_depth() -> None:
    top, nested = Why(id="2", answer="x"), Why(id="2.1.3", answer="y")
    assert (top.parent_id, top.depth) == (None, 1)
    assert (nested.parent_id, nested.depth) == ("2.1", 3)


def test_missing_ids_continue_after_the_highest_one_people_wrote() -> None:
    document = make_document(
        timeline=[{"time": "10:00", "event": "a"}, {"time": "10:01", "event": "b", "id": "T1"},
                  {"time": "10:02", "event": "c"}],
        action_items=[{"action": "x", "id": "AI-2"}, {"action": "y"}, {"action": "z", "id": ""}],
    )
    assert [event.id for event in document.timeline] == ["T2", "T1", "T3"]
    assert [item.id for item in document.action_items] == ["AI-2", "AI-3", "AI-4"]


def test_assigning_ids_to_a_large_timeline_is_linear() -> None:
    document = make_document(timeline=[{"time": "10:00", "event": f"e{n}"} for n in range(5000)])
    assert document.timeline[-1].id == "T5000"


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ({"timeline": [{"time": "10:00", "event": "a", "id": "T1"}, {"time": "10:01", "event": "b", "id": "T1"}]},
         'timeline[1].id: duplicate event id "T1"'),
        ({"timeline": events("10:00", "10:01", milestones={0: "detected", 1: "detected"})},
         'timeline[1].milestone: "detected" is already on timeline[0]'),
        ({"whys": whys("1", "1", "1.1")}, 'whys[1].id: duplicate why id "1"'),
        ({"whys": whys("1", "2.1")}, 'whys[1].id: "2.1" has no parent why "2"'),
        ({"whys": [{"id": "1", "answer": "a", "evidence": ["T7"]}]}, 'whys[0].evidence: unknown timeline event id "T7"'),
        ({"action_items": [{"action": "a", "id": "AI-1"}, {"action": "b", "id": "AI-1"}]},
         'action_items[1].id: duplicate action item id "AI-1"'),
        ({"whys": whys("1"), "action_items": [{"action": "a", "addresses": "1.1"}]},
         'action_items[0].addresses: unknown why id "1.1"'),
    ],
)
def test_cross_reference_rules(sections: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        make_document(**sections)


def test_references_that_exist_are_accepted() -> None:
    document = make_document(
        timeline=[{"time": "10:00", "event": "deploy", "id": "T1"}],
        whys=[{"id": "1", "answer": "a", "evidence": ["T1"]}, {"id": "1.1", "answer": "b"}],
        action_items=[{"action": "fix", "addresses": "1.1"}],
    )
    assert document.action_items[0].addresses == "1.1"
    assert document.event_by_id("T1") is document.timeline[0]
    assert document.event_by_id("T2") is None


def test_unknown_fields_are_errors_not_silently_dropped() -> None:
    with pytest.raises(ValidationError, match="extra"):
        make_document({"severty": "SEV2"})
    with pytest.raises(ValidationError, match="extra"):
        make_document(impact={"users": "all"})


def test_schema_version_newer_than_supported_is_refused() -> None:
    with pytest.raises(ValidationError, match="newer than this pmtui understands"):
        Document.model_validate({"schema_version": SCHEMA_VERSION + 1, "incident": {"title": "x"}})
    with pytest.raises(ValidationError, match="is not a pmtui version"):
        Document.model_validate({"schema_version": 0, "incident": {"title": "x"}})


def test_impact_counts_as_filled_only_with_visible_text() -> None:
    assert not make_document().impact.is_filled()
    assert not make_document(impact={"notes": "  \n"}).impact.is_filled()
    assert make_document(impact={"revenue": "~$38,000"}).impact.is_filled()


def test_people_lists_everyone_once_in_order() -> None:
    incident = make_document(
        {"author": "Ana", "facilitator": "Ben", "reviewers": ["Ana", "Chi"], "participants": ["Dee", "Ben"]}
    ).incident
    assert incident.people() == ["Ana", "Ben", "Chi", "Dee"]


def test_priority_is_case_insensitive() -> None:
    assert make_document(action_items=[{"action": "a", "priority": " p2"}]).action_items[0].priority == "P2"


def test_milestone_event_finds_the_tagged_event() -> None:
    document = make_document(timeline=events("10:00", "10:05", milestones={1: "detected"}))
    assert document.milestone_event("detected") is document.timeline[1]
    assert document.milestone_event("resolved") is None


def test_meeting_record_rejects_negative_and_infinite_durations() -> None:
    with pytest.raises(ValidationError):
        make_document(meeting={"phases": [{"id": "whys", "title": "5 whys", "planned_minutes": -1}]})
    with pytest.raises(ValidationError):
        make_document(meeting={"phases": [{"id": "whys", "title": "5 whys", "planned_minutes": float("inf")}]})
