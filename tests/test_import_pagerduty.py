"""PagerDuty log entries: the fixture in the API's shape, milestones proposed, bad shapes refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pmtui.document.model import Milestone
from pmtui.importers import SourceError, read_events
from pmtui.importers.pagerduty import parse_log_entries

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "pagerduty"


def test_every_log_entry_becomes_an_event_with_its_milestone():
    events = read_events("pagerduty", FIXTURES / "log_entries.json")
    assert [(event.event, event.milestone) for event in events] == [
        ("Triggered: orders-api 5xx rate above 5% for 3 minutes", Milestone.DETECTED),  # the alert, not the API
        ("Notified Priya Raman by SMS.", None),
        ("Acknowledged by Priya Raman.", Milestone.ACKNOWLEDGED),
        ("Note added: PgBouncer at max_client_conn; suspect today's deploy (workers 4 → 8)", None),
        ("Acknowledged by Jonas Weber.", Milestone.ACKNOWLEDGED),  # the merge keeps only the first
        ("Resolved by Priya Raman.", Milestone.RESOLVED),
    ]
    assert {event.source for event in events} == {"PagerDuty"}
    assert events[0].time == dt.datetime(2026, 10, 27, 13, 8, 30, tzinfo=dt.UTC)


def test_a_bare_list_of_entries_is_accepted():
    entries = json.loads((FIXTURES / "log_entries.json").read_text())["log_entries"]
    events = parse_log_entries(json.dumps(entries[:2]).encode(), "entries.json").events
    assert [event.event for event in events] == ["Triggered: orders-api 5xx rate above 5% for 3 minutes",
                                                 "Notified Priya Raman by SMS."]


def test_wrong_top_level_shape():
    with pytest.raises(SourceError) as caught:
        read_events("pagerduty", FIXTURES / "wrong_shape.json")
    assert str(caught.value) == (
        f"{FIXTURES / 'wrong_shape.json'}: expected PagerDuty log entries (a list, or an object with "
        '"log_entries"), got an object without a log_entries list'
    )


def test_malformed_json_names_the_line():
    with pytest.raises(SourceError) as caught:
        read_events("pagerduty", FIXTURES / "malformed.json")
    assert str(caught.value) == f"{FIXTURES / 'malformed.json'}: line 9, column 5: JSON syntax error: Expecting ',' delimiter"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ('"log"', "e.json: expected PagerDuty log entries (a list, or an object with \"log_entries\"), got str"),
        ("[1]", "e.json: log_entries[0]: expected a log entry object, got int"),
        ('[{"type": "trigger_log_entry", "summary": "x"}]', "e.json: log_entries[0]: created_at: expected an ISO 8601 timestamp, got None"),
        ('[{"created_at": "last night", "summary": "x"}]', 'e.json: log_entries[0]: time: invalid time "last night"'),
        ('[{"created_at": "2026-10-27T13:08:30Z", "type": ["x"]}]', "e.json: log_entries[0]: summary: missing or empty"),
    ],
)
def test_bad_entries(entries, message):
    with pytest.raises(SourceError) as caught:
        parse_log_entries(entries.encode(), "e.json")
    assert str(caught.value).startswith(message)
