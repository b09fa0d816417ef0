"""Merging imported events: stored forms, instants kept, duplicates, window, milestones, no partial edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from document_factory import make_document
from pmtui import storage
from pmtui.document.model import Milestone, TimelineEvent
from pmtui.document.timeline import resolve_times
from pmtui.importers import read_events
from pmtui.importers.merge import MergeError, Window, parse_window, plan_merge

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BERLIN = ZoneInfo("Europe/Berlin")
INCIDENT = {"title": "Orders outage", "date": "2026-10-27", "timezone": "Europe/Berlin"}


def document(*timeline: dict, date: str | None = "2026-10-27"):
    return make_document({**INCIDENT, "date": date}, timeline=list(timeline))


def at(hour: int, minute: int, day: int = 27, second: int = 0) -> dt.datetime:
    """An instant, given as Berlin wall time in late October 2026 (CET, +01:00)."""
    return dt.datetime(2026, 10, day, hour, minute, second, tzinfo=BERLIN)


def event(when: dt.datetime | dt.time, text: str, milestone: Milestone | None = None) -> TimelineEvent:
    return TimelineEvent(time=when, event=text, source="test", milestone=milestone)


def merged(doc, events, window=None):
    plan = plan_merge(doc, events, window)
    plan.apply(doc)
    return plan


def utc_instants(doc) -> list[dt.datetime]:
    # In UTC: within one zone Python compares wall times, so a repeated hour would compare equal.
    return [instant.astimezone(dt.UTC) for instant in resolve_times(doc)]


def instants_by_id(doc) -> dict[str, dt.datetime]:
    return {event.id: instant for event, instant in zip(doc.timeline, utc_instants(doc))}


def test_slack_times_become_clock_times_in_the_incident_zone():
    doc = document()
    merged(doc, read_events("slack", FIXTURES / "slack-export", channel="inc-orders-api"))
    times = [event.time for event in doc.timeline]
    assert times[0] == dt.time(14, 9, 40)  # 13:09:40 UTC
    assert times[-2:] == [dt.time(23, 50), dt.time(9, 2)]  # the next morning stays a clock time: it rolls over
    assert resolve_times(doc)[-1] == at(9, 2, day=28)
    assert [event.id for event in doc.timeline] == [f"T{n}" for n in range(1, 10)]


def test_an_instant_beyond_the_next_day_is_stored_as_a_local_date_time():
    doc = document()
    merged(doc, [event(dt.datetime(2026, 10, 29, 9, 0, tzinfo=dt.UTC), "follow-up")])
    assert doc.timeline[0].time == dt.datetime(2026, 10, 29, 10, 0)


def test_times_without_a_date_follow_the_incident_date_and_roll_past_midnight():
    doc = document()
    merged(doc, [event(dt.time(23, 40), "late"), event(dt.time(0, 20), "after midnight")])
    assert resolve_times(doc) == [at(23, 40), at(0, 20, day=28)]


def test_the_timeline_ends_sorted_with_existing_ids_kept():
    doc = document({"time": "14:30", "event": "rollback", "id": "T7"}, {"time": "14:00", "event": "deploy"})
    plan = merged(doc, [event(at(14, 10), "alert"), event(at(13, 50), "merge")])
    assert [e.event for e in doc.timeline] == ["merge", "deploy", "alert", "rollback"]
    assert doc.timeline[3].id == "T7"
    assert len({e.id for e in doc.timeline}) == 4
    assert [e.event for e in plan.added] == ["merge", "alert"]


def test_importing_the_same_file_twice_adds_nothing_the_second_time():
    doc = document()
    first = merged(doc, read_events("pagerduty", FIXTURES / "pagerduty" / "log_entries.json"))
    before = doc.model_dump()
    second = merged(doc, read_events("pagerduty", FIXTURES / "pagerduty" / "log_entries.json"))
    assert (len(first.added), len(second.added), second.duplicates) == (6, 0, 6)
    assert doc.model_dump() == before


def test_a_duplicate_is_the_same_instant_and_text_whatever_the_spelling_of_time_or_spaces():
    doc = document({"time": "14:09:40", "event": "Acknowledged by  Priya Raman."})
    plan = plan_merge(doc, [event(dt.datetime(2026, 10, 27, 13, 9, 40, 250000, tzinfo=dt.UTC),
                                  "Acknowledged by Priya Raman."),
                            event(at(14, 9, second=40), "Acknowledged by Jonas Weber.")])
    assert plan.duplicates == 1
    assert [e.event for e in plan.added] == ["Acknowledged by Jonas Weber."]


def test_pagerduty_milestones_fill_only_empty_ones_first_in_time_wins():
    doc = document({"time": "14:05", "event": "customer report", "milestone": "detected"})
    plan = merged(doc, read_events("pagerduty", FIXTURES / "pagerduty" / "log_entries.json"))
    assert plan.milestones_set == [Milestone.ACKNOWLEDGED, Milestone.RESOLVED]
    assert plan.milestones_already_set == [Milestone.DETECTED]  # the second acknowledgement is a plain event
    assert doc.milestone_event(Milestone.DETECTED).event == "customer report"
    assert doc.milestone_event(Milestone.ACKNOWLEDGED).event == "Acknowledged by Priya Raman."
    assert "milestones set: acknowledged, resolved" in plan.summary()


def test_window_keeps_only_events_inside_both_ends_included():
    doc = document()
    window = parse_window(doc, "14:09", "14:14:02")
    plan = plan_merge(doc, read_events("slack", FIXTURES / "slack-export", channel="inc-orders-api"), window)
    assert [e.time for e in plan.added] == [dt.time(14, 9, 40), dt.time(14, 11, 3), dt.time(14, 12, 30), dt.time(14, 14, 2)]
    assert plan.outside_window == 5


def test_window_bounds_read_like_timeline_times():
    doc = document()
    assert parse_window(doc, "23:00", "01:00") == Window(at(23, 0), at(1, 0, day=28))
    assert parse_window(doc, "2026-10-27T12:00:00Z", None) == Window(at(13, 0), None)
    with pytest.raises(MergeError, match=r'^--since: invalid time "noonish"'):
        parse_window(doc, "noonish", None)
    with pytest.raises(MergeError, match="^--until 2026-10-26T10:00 is before --since 14:00$"):
        parse_window(doc, "14:00", "2026-10-26T10:00")


def test_a_message_from_the_evening_before_keeps_existing_clock_times_on_their_day():
    doc = document({"time": "09:00", "event": "alert"}, {"time": "10:00", "event": "fix"})
    before = instants_by_id(doc)
    plan = merged(doc, [event(at(17, 0, day=26), "risky deploy")])
    after = instants_by_id(doc)
    assert {key: after[key] for key in before} == before
    assert after[plan.added[0].id] == at(17, 0, day=26)
    assert doc.timeline[0].time == dt.datetime(2026, 10, 26, 17, 0)
    assert doc.timeline[1].time == dt.datetime(2026, 10, 27, 9, 0)  # pinned to its date
    assert doc.timeline[2].time == dt.time(10, 0)
    assert plan.pinned == 1
    assert plan.summary() == "1 event added; existing times now written with their date to stay on their day: 1"


def test_an_hour_that_happens_twice_keeps_its_offset():
    # 2026-10-25: Berlin's clocks go from 03:00 CEST back to 02:00 CET, so 02:30 happens twice.
    doc = make_document({**INCIDENT, "date": "2026-10-25"})
    first, second = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC), dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)
    merged(doc, [event(first, "first 02:30"), event(second, "second 02:30")])
    assert utc_instants(doc) == [first, second]
    assert doc.timeline[0].time == dt.time(2, 30)
    assert doc.timeline[1].time.utcoffset() == dt.timedelta(hours=1)


def test_errors_and_plans_leave_the_document_untouched():
    doc = document({"time": "14:00", "event": "deploy"}, date=None)
    before = doc.model_dump()
    with pytest.raises(MergeError, match="^incident.date is empty"):
        plan_merge(doc, [event(at(14, 5), "alert")])
    plan_merge(doc, [event(dt.time(14, 5), "alert")])  # planned, not applied
    assert doc.model_dump() == before


# Existing clock times on the incident day; imported instants from the day before to two days after.
# The days include both of Berlin's clock changes in 2026 (an hour skipped, an hour repeated).
clock_times = st.times(dt.time(0, 0), dt.time(23, 59)).map(lambda t: t.replace(microsecond=0))
offsets = st.integers(-24 * 3600, 3 * 24 * 3600).map(lambda seconds: dt.timedelta(seconds=seconds))


@settings(max_examples=80, deadline=None)
@given(day=st.sampled_from([dt.date(2026, 10, 27), dt.date(2026, 10, 25), dt.date(2026, 3, 29)]),
       existing=st.lists(clock_times, max_size=6), imported=st.lists(offsets, max_size=8))
def test_every_event_keeps_its_instant_through_a_save_and_the_timeline_is_sorted(day, existing, imported):
    doc = document(*({"time": t.isoformat(), "event": f"existing {i}"} for i, t in enumerate(sorted(existing))),
                   date=day.isoformat())
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=BERLIN).astimezone(dt.UTC)
    wanted = [start + offset for offset in imported]
    before = instants_by_id(doc)
    plan = merged(doc, [event(when, f"imported {i}") for i, when in enumerate(wanted)])
    saved, _, _ = storage.parse_document(storage.dumps(doc, "toml"), Path("saved.toml"))
    for after in (instants_by_id(doc), instants_by_id(saved)):
        assert {key: after[key] for key in before} == before
        assert sorted(after[e.id] for e in plan.added) == sorted(wanted)
    resolved = utc_instants(saved)
    assert resolved == sorted(resolved)
