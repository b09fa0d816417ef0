"""CSV timeline import: the fixture's commas, quotes, unicode and line breaks; every bad-input message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pmtui.document.model import Milestone
from pmtui.importers import SourceError, read_events
from pmtui.importers.csv_log import parse_csv

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "csv"


def test_fixture_reads_field_by_field():
    events = read_events("csv", FIXTURES / "timeline.csv")
    assert [event.event for event in events] == [
        'PR #4127 "Raise gunicorn workers from 4 to 8 per pod" merged, CI green',
        "deploy-bot starts the rolling deploy of orders-api 2026.10.27-1 to prod-eu",
        'PgBouncer logs "no more connections allowed (max_client_conn)"; p99 jumps to 30 s',
        "Rollback finished; error rate falls under 0.1% — Ärger vorbei, 注文 OK",
        'Support: "customers can order again"',  # a quoted cell spanning two lines, folded
    ]
    assert events[0].time == dt.time(13, 48)
    assert events[1].time == dt.datetime(2026, 10, 27, 14, 2, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert events[3].time == dt.time(14, 31, 10)
    assert [event.source for event in events] == ["GitHub", "deploy-bot", "Grafana", "Grafana", "Zendesk"]
    assert [event.milestone for event in events] == [
        None, Milestone.TRIGGER, Milestone.IMPACT_START, Milestone.MITIGATED, None]
    assert all(event.id is None for event in events)


def test_columns_in_any_order_and_case_with_a_byte_order_mark():
    data = "\ufeffSource,TIME,Event\r\nGrafana,14:09,p99 jumps\r\n".encode()
    [event] = parse_csv(data, "t.csv")
    assert (event.time, event.event, event.source, event.milestone) == (dt.time(14, 9), "p99 jumps", "Grafana", None)


def test_an_empty_source_cell_means_no_source():
    [event] = parse_csv(b"time,event,source\n14:09,p99 jumps,\n", "t.csv")
    assert event.source is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing_column.csv", "missing_column.csv: line 1: missing column source (the header must name time, event, source)"),
        ("bad_time.csv", 'bad_time.csv: line 4: time: invalid time "quarter past two"'),
        ("bad_milestone.csv", 'bad_milestone.csv: line 2: milestone: unknown milestone "impact-began" (use one of trigger,'),
    ],
)
def test_bad_fixtures_name_file_and_line(name, message):
    with pytest.raises(SourceError) as caught:
        read_events("csv", FIXTURES / name)
    text = str(caught.value)
    assert str(FIXTURES / name) in text
    assert message in text
    assert "\n" not in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "t.csv: line 1: no header row"),
        (b"time,event,sorce\n", 't.csv: line 1: unknown column "sorce" (expected time, event, source[, milestone])'),
        (b"time,event,source,time\n", 't.csv: line 1: column "time" appears twice'),
        (b"time,event,source\n14:00,a,b,c\n", "t.csv: line 2: 4 cells but the header has 3 columns"),
        (b"time,event,source\n,deploy,ci\n", "t.csv: line 2: time: is empty"),
        (b"time,event,source\n14:00,  ,ci\n", "t.csv: line 2: event: must not be empty"),
        (b"time,event,source\n25:00,deploy,ci\n", 't.csv: line 2: time: invalid time "25:00"'),
        (b"time,event,source\n14:00,\xff,ci\n", "t.csv: not UTF-8 text (byte 0xff at offset 24)"),
    ],
)
def test_bad_input_messages(data, message):
    with pytest.raises(SourceError, match="^" + re.escape(message)):
        parse_csv(data, "t.csv")


def test_line_numbers_count_lines_not_records_after_a_multi_line_cell():
    data = b'time,event,source\n14:00,"two\nlines",ci\n14:01,ok,ci\nnoon,bad,ci\n'
    with pytest.raises(SourceError, match=r"^t\.csv: line 5: time:"):
        parse_csv(data, "t.csv")


def test_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(SourceError, match=r"nope\.csv: no such file$"):
        read_events("csv", tmp_path / "nope.csv")
