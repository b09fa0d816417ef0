"""JSON-lines import: one object per line, blank lines skipped, every bad line named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmtui.document.model import Milestone
from pmtui.importers import SourceError, read_events
from pmtui.importers.jsonl import parse_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "jsonl"


def test_fixture_reads_every_field():
    events = read_events("jsonl", FIXTURES / "events.jsonl")
    assert [(event.time, event.source, event.milestone) for event in events] == [
        (dt.datetime(2026, 10, 27, 13, 2, tzinfo=dt.UTC), "deploy-bot", None),
        (dt.datetime(2026, 10, 27, 13, 9, tzinfo=dt.UTC), "pgbouncer log", Milestone.IMPACT_START),
        (dt.time(14, 20), "kube events", None),
        (dt.datetime(2026, 10, 27, 14, 31, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))), "deploy-bot", Milestone.MITIGATED),
    ]
    assert events[2].event == "Autoscaler adds 6 pods; saturation gets worse"


def test_malformed_line_is_named_with_its_column():
    with pytest.raises(SourceError) as caught:
        read_events("jsonl", FIXTURES / "malformed.jsonl")
    assert str(caught.value) == f"{FIXTURES / 'malformed.jsonl'}: line 3, column 62: JSON syntax error: Expecting value"


def test_a_line_that_is_not_an_object():
    with pytest.raises(SourceError, match=r"not_objects\.jsonl: line 2: expected a JSON object"):
        read_events("jsonl", FIXTURES / "not_objects.jsonl")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"time": "14:20", "event": "x", "sorce": "kube"}', 'e.jsonl: line 1: unknown key "sorce" (expected time, event, source, milestone)'),
        ('{"time": "14:20"}', "e.jsonl: line 1: event: required key is missing"),
        ('{"event": "x"}', "e.jsonl: line 1: time: required key is missing"),
        ('{"time": 1400, "event": "x"}', "e.jsonl: line 1: time: expected a string, got int"),
        ('{"time": "14:20", "event": "x", "milestone": "fixed"}', 'e.jsonl: line 1: milestone: unknown milestone "fixed"'),
    ],
)
def test_bad_lines(line, message):
    with pytest.raises(SourceError) as caught:
        parse_jsonl(line.encode(), "e.jsonl")
    assert str(caught.value).startswith(message)
