"""Slack export import on a hand-made export: who said what, what is skipped, markup, bad files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from pmtui.importers import SourceError, read_events
from pmtui.importers.slack import Directory

EXPORT = Path(__file__).parent / "fixtures" / "import" / "slack-export"
CHANNEL = EXPORT / "inc-orders-api"

EXPECTED_INCIDENT_CHANNEL = [
    "Priya Raman: I'm on it. 503s on checkout, p99 at 30 s. @here please hold deploys",
    "Marcus Feld: PgBouncer is refusing clients: PgBouncer dashboard "
    "(https://grafana.example.com/d/pgbouncer?var-env=prod&from=now-1h) shows max_client_conn > 2,000",
    "Jonas Weber: Release 2026.10.27-1 doubled gunicorn workers (PR https://github.com/acme/orders-api/pull/4127). "
    "@Priya Raman shall we roll back?",
    "Priya Raman: Yes, rolling back now",
    'Lena Hoffmann: Status page updated: "Degraded performance — orders" (Ärger bei Bestellungen, 注文) '
    "Next update in 30 min",
    "Marcus Feld: error rate graph after the rollback",
    "Priya Raman: Error rate back under 0.1% for 15 min. Mitigated, keeping #inc-orders-api open for the postmortem",
    "U09NOBODY: late-night check: all green",
    "Jonas Weber: Postmortem draft is up; review Thursday. cc @Marcus Feld",
]


def texts(events):
    return [event.event for event in events]


def test_one_channel_of_the_export_keeps_people_and_skips_notices_and_bots():
    events = read_events("slack", EXPORT, channel="inc-orders-api")
    assert texts(events) == EXPECTED_INCIDENT_CHANNEL
    assert {event.source for event in events} == {"Slack #inc-orders-api"}
    assert all(event.milestone is None for event in events)


def test_times_are_the_message_timestamps_in_utc_whole_seconds():
    events = read_events("slack", EXPORT, channel="#inc-orders-api")
    assert events[0].time == dt.datetime(2026, 10, 27, 13, 9, 40, tzinfo=dt.UTC)
    assert events[-1].time == dt.datetime(2026, 10, 28, 8, 2, 0, tzinfo=dt.UTC)


def test_a_whole_workspace_asks_for_a_channel():
    # Every channel of a workspace would flood the timeline: one line lists them instead.
    with pytest.raises(SourceError) as caught:
        read_events("slack", EXPORT)
    assert str(caught.value) == (f"{EXPORT}: 2 channels in this export; choose one with --channel "
                                 "(channels: #general, #inc-orders-api)")
    events = read_events("slack", EXPORT, channel="general")
    assert texts(events) == ["Marcus Feld: FYI orders are degraded, see #inc-orders-api"]
    assert events[0].source == "Slack #general"


def test_a_channel_folder_and_a_day_file_read_alone_still_find_users_json():
    assert texts(read_events("slack", CHANNEL)) == EXPECTED_INCIDENT_CHANNEL
    day = read_events("slack", CHANNEL / "2026-10-28.json")
    assert texts(day) == ["Jonas Weber: Postmortem draft is up; review Thursday. cc @Marcus Feld"]


def test_the_zip_slack_hands_out_reads_like_its_folder(tmp_path):
    archive = tmp_path / "Acme Slack export Oct 27 2026.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(EXPORT.rglob("*.json")):
            bundle.write(path, path.relative_to(EXPORT).as_posix())
    assert texts(read_events("slack", archive, channel="inc-orders-api")) == EXPECTED_INCIDENT_CHANNEL


def test_an_unknown_channel_lists_the_ones_there():
    with pytest.raises(SourceError, match=r"no channel #incident in this export \(channels: #general, #inc-orders-api\)$"):
        read_events("slack", EXPORT, channel="incident")


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        ("<@U01PRIYA> look", "@Priya Raman look"),
        ("<@U7UNKNOWN|sam> look", "@sam look"),
        ("<@U7UNKNOWN>", "@U7UNKNOWN"),
        ("see <#C0INCORD>", "see #inc-orders-api"),
        ("<!here> <!channel> <!subteam^S1|@oncall>", "@here @channel @oncall"),
        ("<!date^1793106580^{time}|14:09>", "14:09"),
        ("<https://x.example/a?b=1&amp;c=2|the graph>", "the graph (https://x.example/a?b=1&c=2)"),
        ("<https://x.example>", "https://x.example"),
        ("<mailto:oncall@acme.example|oncall@acme.example>", "oncall@acme.example"),
        ("a &lt;b&gt; &amp; c", "a <b> & c"),
        ("rollback [/deploy] *now*", "rollback [/deploy] now"),
        ("*bold* _italic_ ~struck~ and `code`", "bold italic struck and `code`"),
        ("max_client_conn at 2*3*4 and a_b_c", "max_client_conn at 2*3*4 and a_b_c"),
        ("<https://x.example/_a_/*b*|_the_ graph>", "_the_ graph (https://x.example/_a_/*b*)"),
        (":fire: :+1::skin-tone-3: :no_such_emoji: at 14:09:40", "🔥 👍 :no_such_emoji: at 14:09:40"),
    ],
)
def test_slack_markup_reads_as_plain_text(markup, plain):
    assert Directory(EXPORT).plain_text(markup) == plain


def copy_of_export(tmp_path: Path) -> Path:
    target = tmp_path / "export"
    shutil.copytree(EXPORT, target)
    return target


def test_malformed_day_file_names_file_and_line(tmp_path):
    export = copy_of_export(tmp_path)
    day = export / "inc-orders-api" / "2026-10-27.json"
    day.write_text('[\n  {"type": "message", "ts": "1793106580.0003"\n   "user": "U01PRIYA"}\n]\n')
    with pytest.raises(SourceError) as caught:
        read_events("slack", export, channel="inc-orders-api")
    assert str(caught.value) == f"{day}: line 3, column 4: JSON syntax error: Expecting ',' delimiter"


def test_day_file_that_is_not_a_list(tmp_path):
    export = copy_of_export(tmp_path)
    day = export / "general" / "2026-10-27.json"
    day.write_text(json.dumps({"messages": []}))
    with pytest.raises(SourceError, match=r"2026-10-27\.json: expected a list of messages, got dict$"):
        read_events("slack", export, channel="general")


def test_message_without_a_usable_timestamp(tmp_path):
    export = copy_of_export(tmp_path)
    day = export / "general" / "2026-10-27.json"
    day.write_text(json.dumps([{"type": "message", "user": "U02MARCUS", "text": "hi", "ts": "yesterday"}]))
    with pytest.raises(SourceError, match=r"2026-10-27\.json: message 0: ts: expected a Slack timestamp"):
        read_events("slack", export, channel="general")


def test_a_folder_without_channels_and_a_stray_file_are_refused(tmp_path):
    with pytest.raises(SourceError, match="no Slack channel folders"):
        read_events("slack", tmp_path)
    stray = tmp_path / "notes.json"
    stray.write_text("[]")
    with pytest.raises(SourceError, match="not a Slack export"):
        read_events("slack", stray)
    with pytest.raises(SourceError, match="no such file or folder"):
        read_events("slack", tmp_path / "missing")
    broken_zip = tmp_path / "export.zip"
    broken_zip.write_bytes(b"not a zip")
    with pytest.raises(SourceError, match=r"export\.zip: not a readable \.zip file"):
        read_events("slack", broken_zip)
