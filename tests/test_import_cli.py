"""`pmtui import`: a dry run writes nothing, errors leave the file byte-identical, a real run saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui import storage
from pmtui.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture
def postmortem(tmp_path) -> Path:
    path = tmp_path / "orders.toml"
    assert main(["new", str(path), "--title", "Orders outage", "--date", "2026-10-27",
                 "--timezone", "Europe/Berlin", "--no-schema"]) == 0
    return path


def test_dry_run_prints_the_events_and_writes_nothing(postmortem, capsys):
    capsys.readouterr()
    before = postmortem.read_bytes()
    code = main(["import", str(postmortem), "--from", "pagerduty", str(FIXTURES / "pagerduty" / "log_entries.json"),
                 "--dry-run"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert postmortem.read_bytes() == before
    assert out[0].split() == ["TIME", "EVENT", "SOURCE", "MILESTONE"]
    assert out[1].split() == ["14:08:30", *"Triggered: orders-api 5xx rate above 5% for 3 minutes".split(),
                              "PagerDuty", "detected"]
    assert len(out) == 1 + 6 + 1
    assert out[-1] == (f"dry run, {postmortem} not changed: 6 events added; "
                       "milestones set: detected, acknowledged, resolved")


def test_import_saves_and_a_second_import_changes_nothing(postmortem, capsys):
    slack = ["import", str(postmortem), "--from", "slack", str(FIXTURES / "slack-export"), "--channel", "inc-orders-api"]
    assert main(slack) == 0
    assert capsys.readouterr().out.strip().endswith("9 events added")
    document = storage.load_document(postmortem)
    assert len(document.timeline) == 9
    assert document.timeline[0].source == "Slack #inc-orders-api"
    saved = postmortem.read_bytes()
    assert main(slack) == 0
    assert postmortem.read_bytes() == saved
    assert "0 events added; 9 already in the timeline" in capsys.readouterr().out


def test_window_options(postmortem, capsys):
    assert main(["import", str(postmortem), "--from", "jsonl", str(FIXTURES / "jsonl" / "events.jsonl"),
                 "--since", "14:05", "--until", "14:30"]) == 0
    assert "2 events added; 2 outside --since/--until" in capsys.readouterr().out
    assert [event.event for event in storage.load_document(postmortem).timeline] == [
        "PgBouncer: no more connections allowed (max_client_conn)", "Autoscaler adds 6 pods; saturation gets worse"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "csv", str(FIXTURES / "csv" / "bad_time.csv")], 'bad_time.csv: line 4: time: invalid time "quarter past two"'),
        (["--from", "csv", str(FIXTURES / "csv" / "missing_column.csv")], "missing_column.csv: line 1: missing column source"),
        (["--from", "pagerduty", str(FIXTURES / "pagerduty" / "malformed.json")], "malformed.json: line 9, column 5: JSON syntax error"),
        (["--from", "pagerduty", str(FIXTURES / "pagerduty" / "wrong_shape.json")], "wrong_shape.json: expected PagerDuty log entries"),
        (["--from", "jsonl", str(FIXTURES / "jsonl" / "malformed.jsonl")], "malformed.jsonl: line 3, column 62: JSON syntax error"),
        (["--from", "csv", str(FIXTURES / "csv" / "timeline.csv"), "--channel", "x"], "--channel only applies to Slack exports"),
        (["--from", "slack", str(FIXTURES / "slack-export"), "--channel", "random"], "no channel #random in this export"),
        (["--from", "csv", str(FIXTURES / "csv" / "timeline.csv"), "--since", "soon"], '--since: invalid time "soon"'),
    ],
)
def test_bad_input_is_one_line_exit_2_and_the_file_is_byte_identical(postmortem, capsys, arguments, message):
    capsys.readouterr()
    before = postmortem.read_bytes()
    assert main(["import", str(postmortem), *arguments]) == 2
    captured = capsys.readouterr()
    assert postmortem.read_bytes() == before
    assert captured.out == ""
    assert captured.err.startswith("pmtui: ")
    assert message in captured.err
    assert captured.err.count("\n") == 1


def test_an_unreadable_postmortem_is_reported_before_the_source_is_read(tmp_path, capsys):
    assert main(["import", str(tmp_path / "missing.toml"), "--from", "csv", str(FIXTURES / "csv" / "timeline.csv")]) == 2
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'missing.toml'}: no such file\n"


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(postmortem, capsys, monkeypatch):
    from pmtui.importers import merge

    original = merge.plan_merge

    def plan_then_someone_saves(*args, **kwargs):
        plan = original(*args, **kwargs)
        postmortem.write_text(postmortem.read_text() + "\n# edited by a colleague\n")
        return plan

    monkeypatch.setattr(merge, "plan_merge", plan_then_someone_saves)
    assert main(["import", str(postmortem), "--from", "csv", str(FIXTURES / "csv" / "timeline.csv")]) == 2
    assert "changed on disk since it was opened" in capsys.readouterr().err
    assert postmortem.read_text().endswith("# edited by a colleague\n")
