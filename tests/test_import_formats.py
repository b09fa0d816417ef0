"""Slack and PagerDuty as the real tools write them: an Enterprise Grid export (org_users.json,
private channels in groups.json, group DMs in mpims.json, file-only messages, emoji and marks),
a re-zipped export, and a PagerDuty log fetched one page at a time."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from document_factory import SAMPLES
from pmtui.cli import main
from pmtui.document.model import Milestone
from pmtui.importers import SourceError, read_events, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "import"
GRID = FIXTURES / "slack-grid"
PAGE = FIXTURES / "pagerduty" / "log_entries_page1.json"

EXPECTED_GRID_CHANNEL = [
    "Ana Souza: 🚨 card payments failing in eu-west, @Ben Okafor can you look?",
    "Ben Okafor: on it 👀 moving details to #sec-payments-war-room since it touches keys",
    "Ben Okafor: shared a file: p99 latency, last hour",
    "Chen Wei: rolled back the tokenizer config 👍",
    "Ana Souza: error rate back to normal ✅ still watching",
]


def texts(events) -> list[str]:
    return [event.event for event in events]


def test_an_enterprise_grid_export_names_people_and_private_channels() -> None:
    events = read_events("slack", GRID, channel="inc-payments")
    assert texts(events) == EXPECTED_GRID_CHANNEL
    assert events[0].time == dt.datetime(2026, 11, 3, 14, 1, tzinfo=dt.UTC)


def test_a_private_channel_and_a_mention_of_a_public_one() -> None:
    assert texts(read_events("slack", GRID, channel="#sec-payments-war-room")) == [
        "Ben Okafor: key rotation finished at 13:58, not related"]
    assert texts(read_events("slack", GRID, channel="general")) == ["Chen Wei: payments degraded, see #inc-payments"]


def test_a_whole_workspace_without_channel_is_one_line_exit_2(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    postmortem = tmp_path / "pm.toml"
    postmortem.write_bytes((SAMPLES / "db-pool-exhaustion.toml").read_bytes())
    assert main(["import", str(postmortem), "--from", "slack", str(GRID)]) == 2
    assert capsys.readouterr().err == (
        f"pmtui: {GRID}: 3 channels in this export; choose one with --channel "
        "(channels: #general, #inc-payments, #sec-payments-war-room)\n")


def rezip(target: Path, top: str, *, mac_junk: bool = False) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(GRID.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{top}/{path.relative_to(GRID).as_posix()}")
        if mac_junk:
            bundle.writestr(f"__MACOSX/{top}/._channels.json", b"\x00\x05\x16\x07")
    return target


@pytest.mark.parametrize("mac_junk", [False, True], ids=["plain", "with __MACOSX"])
def test_a_rezipped_export_with_one_top_level_folder(tmp_path: Path, mac_junk: bool) -> None:
    archive = rezip(tmp_path / "Acme export.zip", "Acme Slack export Nov 3 2026", mac_junk=mac_junk)
    assert texts(read_events("slack", archive, channel="inc-payments")) == EXPECTED_GRID_CHANNEL


def test_the_same_folder_unpacked_is_read_too(tmp_path: Path) -> None:
    with zipfile.ZipFile(rezip(tmp_path / "export.zip", "export")) as bundle:
        bundle.extractall(tmp_path / "unpacked")
    assert texts(read_events("slack", tmp_path / "unpacked", channel="inc-payments")) == EXPECTED_GRID_CHANNEL


def test_a_folder_of_two_exports_is_still_no_export(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
    with pytest.raises(SourceError, match="no Slack channel folders"):
        read_events("slack", tmp_path)


def test_a_page_of_a_longer_pagerduty_log_sets_no_milestones_and_says_so() -> None:
    imported = read_source("pagerduty", PAGE)
    assert [event.milestone for event in imported.events] == [None] * 4
    assert imported.notes == [f'{PAGE}: one page of a longer log ("more": true), so no milestones were taken from it; '
                              "import the whole log (every page's entries in one list) to set them"]


def test_the_whole_log_sets_milestones_and_has_no_note() -> None:
    imported = read_source("pagerduty", FIXTURES / "pagerduty" / "log_entries.json")
    assert imported.notes == []
    assert [event.milestone for event in imported.events if event.milestone] == [
        Milestone.DETECTED, Milestone.ACKNOWLEDGED, Milestone.ACKNOWLEDGED, Milestone.RESOLVED]


def test_a_trigger_carries_the_alert_summary_from_event_details() -> None:
    assert read_events("pagerduty", PAGE)[0].event == "Triggered: orders-api 5xx rate above 5% for 3 minutes"


def test_routine_entries_can_be_left_out() -> None:
    everything = texts(read_source("pagerduty", PAGE).events)
    assert "Notified Priya Raman by SMS." in everything
    assert texts(read_source("pagerduty", PAGE, skip_routine=True).events) == [
        "Triggered: orders-api 5xx rate above 5% for 3 minutes", "Acknowledged by Jonas Weber."]
    with pytest.raises(SourceError, match="--skip-routine only applies to PagerDuty logs, not to --from csv"):
        read_source("csv", FIXTURES / "csv" / "timeline.csv", skip_routine=True)


def test_the_command_line_prints_the_partial_log_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    postmortem = tmp_path / "pm.toml"
    postmortem.write_bytes((SAMPLES / "db-pool-exhaustion.toml").read_bytes())
    assert main(["import", str(postmortem), "--from", "pagerduty", str(PAGE), "--skip-routine", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert err.startswith(f"pmtui: note: {PAGE}: one page of a longer log")
    assert out.splitlines()[-1] == f"dry run, {postmortem} not changed: 2 events added"


def test_two_acknowledgements_are_reported_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    postmortem = tmp_path / "pm.toml"
    postmortem.write_bytes((SAMPLES / "db-pool-exhaustion.toml").read_bytes())
    main(["import", str(postmortem), "--from", "pagerduty", str(FIXTURES / "pagerduty" / "log_entries.json"),
          "--dry-run"])
    summary = capsys.readouterr().out.splitlines()[-1]
    assert "acknowledged, acknowledged" not in summary and summary.count("acknowledged") <= 1
