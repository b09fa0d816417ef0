"""Timeline times as instants (dates, zones, midnight) and the derived durations."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from document_factory import events, make_document
from pmtui.document import timeline as tl

BERLIN = ZoneInfo("Europe/Berlin")
MINUTE = dt.timedelta(minutes=1)


def test_clock_times_are_dated_by_the_incident_in_its_zone() -> None:
    document = make_document({"date": "2026-04-20", "timezone": "Europe/Berlin"}, timeline=events("14:02", "14:09:30"))
    assert tl.resolve_times(document) == [
        dt.datetime(2026, 4, 20, 14, 2, tzinfo=BERLIN),
        dt.datetime(2026, 4, 20, 14, 9, 30, tzinfo=BERLIN),
    ]


def test_going_backwards_past_midnight_rolls_to_the_next_day() -> None:
    document = make_document({"date": "2026-09-15"}, timeline=events("23:41", "23:58", "00:09", "00:38"))
    days = [instant.date() for instant in tl.resolve_times(document)]
    assert days == [dt.date(2026, 9, 15)] * 2 + [dt.date(2026, 9, 16)] * 2
    assert tl.durations(document).total == 57 * MINUTE


def test_a_small_step_backwards_is_an_out_of_order_entry_not_a_new_day() -> None:
    document = make_document({"date": "2026-04-20"}, timeline=events("10:00", "09:55", "10:30"))
    instants = tl.resolve_times(document)
    assert {instant.date() for instant in instants} == {dt.date(2026, 4, 20)}
    assert instants[1] - instants[0] == -5 * MINUTE


def test_each_midnight_of_a_long_incident_rolls_once() -> None:
    document = make_document({"date": "2026-04-20"}, timeline=events("20:00", "04:00", "16:00", "02:00"))
    days = [instant.day for instant in tl.resolve_times(document)]
    assert days == [20, 21, 21, 22]


def test_offset_datetimes_are_shown_in_the_incident_zone_and_date_later_clock_times() -> None:
    document = make_document(
        {"date": "2026-11-11", "timezone": "Asia/Kolkata"},
        timeline=events("23:50", "2026-11-12T08:51:00Z", "14:24"),
    )
    zone = ZoneInfo("Asia/Kolkata")
    assert tl.resolve_times(document) == [
        dt.datetime(2026, 11, 11, 23, 50, tzinfo=zone),
        dt.datetime(2026, 11, 12, 14, 21, tzinfo=zone),
        dt.datetime(2026, 11, 12, 14, 24, tzinfo=zone),
    ]


def test_naive_datetimes_are_in_the_incident_zone() -> None:
    document = make_document({"timezone": "America/Los_Angeles"}, timeline=events("2026-07-01T09:00:00"))
    (instant,) = tl.resolve_times(document)
    assert instant.utcoffset() == dt.timedelta(hours=-7)
    assert instant.astimezone(dt.timezone.utc).hour == 16


def test_without_a_date_clock_times_still_give_durations() -> None:
    document = make_document(timeline=events("23:50", "00:20", milestones={0: "impact_start", 1: "resolved"}))
    assert document.incident.date is None
    assert tl.durations(document).customer_impact == 30 * MINUTE


def test_durations_count_real_elapsed_time_across_a_dst_change() -> None:
    # Berlin moved clocks from 02:00 to 03:00 on 2026-03-29: 01:30 -> 03:30 is one hour.
    document = make_document(
        {"date": "2026-03-29", "timezone": "Europe/Berlin"},
        timeline=events("01:30", "03:30", milestones={0: "impact_start", 1: "resolved"}),
    )
    assert tl.durations(document).customer_impact == 60 * MINUTE
    assert tl.durations(document).total == 60 * MINUTE


FULL = {
    0: "trigger", 1: "impact_start", 2: "detected", 3: "acknowledged",
    4: "declared", 5: "mitigated", 6: "resolved", 7: "closed",
}


def test_every_derived_duration() -> None:
    document = make_document(
        {"date": "2026-04-20"},
        timeline=events("13:50", "14:02", "14:09", "14:17", "14:19", "14:23", "14:44", "14:56", "15:30",
                        milestones={index + 1: name for index, name in FULL.items()}),
    )
    durations = tl.durations(document)
    assert durations.detection_gap == 8 * MINUTE  # impact_start -> detected
    assert durations.time_to_detect == 15 * MINUTE  # trigger -> detected
    assert durations.time_to_acknowledge == 2 * MINUTE  # detected -> acknowledged
    assert durations.time_to_mitigate == 35 * MINUTE  # impact_start -> mitigated
    assert durations.time_to_resolve == 47 * MINUTE  # impact_start -> resolved
    assert durations.customer_impact == 47 * MINUTE  # impact_start -> resolved
    assert durations.total == 100 * MINUTE  # first event -> last event


def test_time_to_detect_falls_back_to_the_gap_without_a_trigger() -> None:
    document = make_document(timeline=events("14:09", "14:17", milestones={0: "impact_start", 1: "detected"}))
    durations = tl.durations(document)
    assert durations.time_to_detect == durations.detection_gap == 8 * MINUTE


def test_durations_are_none_where_a_milestone_is_missing() -> None:
    document = make_document(timeline=events("14:09", "14:17", milestones={1: "detected"}))
    durations = tl.durations(document)
    assert [value for name, _, value in durations.items() if name != "total"] == [None] * 6
    assert durations.total == 8 * MINUTE


def test_no_timeline_means_no_durations() -> None:
    assert all(value is None for _, _, value in tl.durations(make_document()).items())


def test_total_spans_first_to_last_instant_even_out_of_file_order() -> None:
    document = make_document(timeline=events("10:30", "10:00", "10:10"))
    assert tl.durations(document).total == 30 * MINUTE
    assert [event.time.minute for event in tl.sorted_timeline(document)] == [0, 10, 30]


def test_sorting_keeps_file_order_for_equal_times() -> None:
    document = make_document(timeline=events("10:00", "09:59", "10:00"))
    assert tl.sort_key_order(document) == [1, 0, 2]


def test_resolve_time_of_one_event() -> None:
    document = make_document({"date": "2026-09-15"}, timeline=events("23:59", "00:01"))
    assert tl.resolve_times(document)[1].date() == dt.date(2026, 9, 16)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "—"), (0, "0s"), (45, "45s"), (60, "1m"), (750, "12m 30s"), (4020, "1h 07m"),
        (93780, "1d 2h 03m"), (-300, "-5m"),
    ],
)
def test_format_duration(seconds: int | None, text: str) -> None:
    value = None if seconds is None else dt.timedelta(seconds=seconds)
    assert tl.format_duration(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.time(14, 22), "14:22"),
        (dt.time(14, 22, 5), "14:22:05"),
        (dt.datetime(2026, 4, 20, 14, 22), "2026-04-20 14:22"),
        (dt.datetime(2026, 4, 20, 14, 22, 5, tzinfo=dt.timezone.utc), "2026-04-20 14:22:05 +0000"),
    ],
)
def test_format_written_time(value: dt.time | dt.datetime, text: str) -> None:
    assert tl.format_written_time(value) == text


def test_a_one_day_incident_shows_clock_times() -> None:
    document = make_document({"date": "2026-09-15"}, timeline=events("14:00", "14:30:05", "23:50"))
    assert tl.event_times(document) == ["14:00", "14:30:05", "23:50"]


def test_an_incident_past_midnight_shows_every_time_with_its_day() -> None:
    document = make_document({"date": "2026-09-15"}, timeline=events("23:50", "00:03", "00:36"))
    assert tl.event_times(document) == ["Sep 15 23:50", "Sep 16 00:03", "Sep 16 00:36"]


def test_full_datetimes_are_shown_on_the_incident_clock_and_never_cut() -> None:
    # 22:03 UTC is 00:03 the next day in Berlin.
    document = make_document({"date": "2026-09-15", "timezone": "Europe/Berlin"},
                             timeline=events("23:50", "2026-09-15T22:03:00Z"))
    assert tl.event_times(document) == ["Sep 15 23:50", "Sep 16 00:03"]


def test_the_day_is_spelled_the_same_in_every_month() -> None:
    months = [tl.format_event_time(dt.datetime(2026, month, 1, 9, 5), with_day=True) for month in range(1, 13)]
    assert months[0] == "Jan 01 09:05" and months[-1] == "Dec 01 09:05"
    assert len({len(text) for text in months}) == 1


def test_elapsed_counts_offsets_even_at_the_ends_of_the_calendar() -> None:
    # Converting these to UTC overflows; the elapsed time is still exact.
    first = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    last = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert tl.elapsed(first, last) == (last.replace(tzinfo=None) - first.replace(tzinfo=None)) + dt.timedelta(hours=10)
    assert tl.elapsed(last, first) == -tl.elapsed(first, last)


def test_durations_use_the_instants_the_caller_already_resolved() -> None:
    document = make_document({"date": "2026-04-20"}, timeline=events("14:00", "14:30",
                                                                       milestones={0: "impact_start", 1: "resolved"}))
    shifted = [instant + dt.timedelta(hours=hour) for hour, instant in enumerate(tl.resolve_times(document))]
    assert tl.durations(document, shifted).customer_impact == 90 * MINUTE
    assert tl.durations(document).customer_impact == 30 * MINUTE
