"""`actions` and `patterns` hold a library to the team's policy: completion target, reviews in time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from document_factory import make_document
from pmtui import storage
from pmtui.cli import main
from pmtui.library.targets import DEFAULT_TARGETS, targets_from_policy
from pmtui.policy import DEFAULT_POLICY, policy_from_mapping
from pmtui.document.timeline import ProcessTimes, process_times
from pmtui.library.targets import reviewed_within_policy_line

TODAY = "2026-11-30"
TIMELINE = [{"time": "10:00:00", "event": "Errors start", "milestone": "impact_start"},
            {"time": "11:00:00", "event": "Fixed", "milestone": "resolved"}]


def save(folder: Path, name: str, *, reviewed: str | None = None, done: int = 0, open_items: int = 0) -> None:
    items = ([{"action": f"Done thing {n}", "due": "2026-11-10", "status": "done"} for n in range(done)]
             + [{"action": f"Open thing {n}", "due": "2026-11-12"} for n in range(open_items)])
    document = make_document({"title": name, "date": "2026-11-06", "severity": "SEV2"},  # a Friday
                             timeline=TIMELINE, action_items=items)
    if reviewed:
        document.meeting.started = dt.datetime.fromisoformat(reviewed)
    storage.save_new(document, folder / f"{name}.toml")


def test_process_times_measure_from_resolution() -> None:
    document = make_document({"date": "2026-11-06", "draft_started": "2026-11-07T11:00:00Z"}, timeline=TIMELINE)
    document.meeting.started = dt.datetime(2026, 11, 11, 9, 0, tzinfo=dt.timezone.utc)
    times = process_times(document)
    assert times.hours_to_draft == 24.0
    assert times.business_days_to_review == 3  # Fri -> Mon, Tue, Wed
    assert process_times(make_document(timeline=TIMELINE[:1])) == ProcessTimes(None, None, None)


def test_the_reviewed_within_policy_line_counts_known_reviews() -> None:
    times = [2, 5, None]
    assert reviewed_within_policy_line(times, DEFAULT_POLICY) == (
        "1 of 2 postmortems reviewed within policy (3 business days after resolution; 1 without a recorded review).")
    lenient = policy_from_mapping({"timeliness": {"review_due_business_days": 5}}, "test")
    assert reviewed_within_policy_line(times, lenient).startswith("2 of 2 postmortems reviewed within policy (5 business")


def test_patterns_says_how_many_were_reviewed_within_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save(tmp_path, "fast", reviewed="2026-11-10T09:00:00+00:00", done=3)
    save(tmp_path, "slow", reviewed="2026-11-16T09:00:00+00:00", done=3, open_items=1)
    save(tmp_path, "unreviewed")
    assert main(["patterns", str(tmp_path), "--today", TODAY]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert "1 of 2 postmortems reviewed within policy" in flat
    # One completion figure: the follow-up's, not a second one over every item ever due.
    assert "6 of 7 items due were done (86%): meets the 70% target. 0 of the 6 done verified." in flat
    assert flat.count("items due were done") == 1 and "Action items done" not in flat
    assert main(["patterns", str(tmp_path), "--today", TODAY, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["policy"]["reviewed"].startswith("1 of 2 postmortems reviewed within policy")
    assert list(payload["policy"]) == ["reviewed"]
    assert payload["follow_up"]["completion"] == {"window_days": 90, "due": 7, "done": 6, "verified": 0,
                                                  "rate": 0.8571, "target": 0.7, "below_target": False}


def test_actions_warns_below_the_policys_completion_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save(tmp_path, "a", done=3, open_items=1)  # 75% done
    assert main(["actions", str(tmp_path), "--today", TODAY]) == 0
    assert "WARNING" not in capsys.readouterr().out
    (tmp_path / ".pmtui").mkdir()
    (tmp_path / ".pmtui" / "policy.toml").write_text("[actions]\ncompletion_target = 80\n")
    assert main(["actions", str(tmp_path), "--today", TODAY]) == 0
    assert "(target 80%)" in " ".join(capsys.readouterr().out.split())
    assert main(["actions", str(tmp_path), "--today", TODAY, "--format", "json"]) == 0
    completion = json.loads(capsys.readouterr().out)["completion"]
    assert (completion["target"], completion["below_target"]) == (0.8, True)
    (tmp_path / ".pmtui" / "policy.toml").write_text("[actions]\ncompletion_target = \"most\"\n")
    assert main(["actions", str(tmp_path)]) == 2
    assert main(["patterns", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("actions.completion_target: expected a number") == 2


def test_actions_and_patterns_report_done_and_verified_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = make_document({"title": "Orders", "date": "2026-11-06"}, action_items=[
        {"action": "Alert", "due": "2026-11-10", "status": "done", "completed": "2026-11-09",
         "verified": "2026-11-20", "verified_note": "Fired in the game day on 2026-11-20"},
        {"action": "Runbook", "due": "2026-11-12", "status": "done"},
        {"action": "Resize", "due": "2026-11-14", "status": "done"},
        {"action": "Scale", "due": "2026-11-16"},
    ])
    storage.save_new(document, tmp_path / "pm.toml")
    assert main(["actions", str(tmp_path), "--today", TODAY]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert "4 action items, 1 overdue (1 open, 3 done (1 verified))." in flat
    assert "3 of 4 items due were done (75%), 1 of them verified." in flat
    assert main(["actions", str(tmp_path), "--today", TODAY, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["completion"]["verified"] == 1
    assert [item["verified"] for item in payload["items"]] == [None, "2026-11-20", None, None]
    assert main(["patterns", str(tmp_path), "--today", TODAY]) == 0
    assert "3 of 4 items due were done (75%): meets the 70% target. 1 of the 3 done verified." in " ".join(
        capsys.readouterr().out.split())


def test_verified_dates_round_trip_in_the_file(tmp_path: Path) -> None:
    document = make_document(action_items=[{"action": "Alert", "status": "done", "completed": "2026-11-09",
                                            "verified": "2026-11-20", "verified_note": "Game day"}])
    storage.save_new(document, tmp_path / "pm.toml")
    text = (tmp_path / "pm.toml").read_text()
    assert 'completed = 2026-11-09\nverified = 2026-11-20\nverified_note = "Game day"\n' in text
    item = storage.load_document(tmp_path / "pm.toml").action_items[0]
    assert (item.completed, item.verified, item.verified_note) == (dt.date(2026, 11, 9), dt.date(2026, 11, 20), "Game day")
    with pytest.raises(ValueError, match="expected a date"):
        make_document(action_items=[{"action": "x", "verified": dt.datetime(2026, 11, 20, 10, 0)}])


def test_the_index_keeps_days_to_draft_and_to_review(tmp_path: Path) -> None:
    from pmtui.library.index import open_library

    document = make_document({"title": "Orders", "date": "2026-11-06", "draft_started": "2026-11-08T11:00:00+00:00"},
                             timeline=TIMELINE)
    document.meeting.started = dt.datetime(2026, 11, 12, 9, 0, tzinfo=dt.timezone.utc)
    storage.save_new(document, tmp_path / "pm.toml")
    storage.save_new(make_document({"title": "Unknown"}), tmp_path / "other.toml")
    with open_library(tmp_path) as library:
        records = {record.title: record for record in library.incidents()}
    assert (records["Orders"].hours_to_draft, records["Orders"].business_days_to_review) == (48.0, 4)
    assert (records["Unknown"].hours_to_draft, records["Unknown"].business_days_to_review) == (None, None)


def test_the_policy_file_sets_the_targets_of_patterns_actions_and_remind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert targets_from_policy(DEFAULT_POLICY) == DEFAULT_TARGETS
    timeline = [{"time": "10:00:00", "event": "Config pushed", "milestone": "trigger"},
                {"time": "10:08:00", "event": "Alert fired", "milestone": "detected"},
                {"time": "11:00:00", "event": "Fixed", "milestone": "resolved"}]
    items = ([{"action": f"Done thing {n}", "due": "2026-11-10", "status": "done"} for n in range(4)]
             + [{"action": "Open thing", "due": "2026-11-12"}])  # 80% done
    storage.save_new(make_document({"title": "Orders", "date": "2026-11-06"}, timeline=timeline, action_items=items),
                     tmp_path / "pm.toml")

    def reports() -> dict[str, str]:
        texts = {}
        for command in ("patterns", "actions", "remind"):
            assert main([command, str(tmp_path), "--today", TODAY]) == 0
            texts[command] = " ".join(capsys.readouterr().out.split())
        assert main(["patterns", str(tmp_path), "--today", TODAY, "--format", "json"]) == 0
        texts["json"] = capsys.readouterr().out
        return texts

    built_in = reports()
    assert "1 incident was detected slower than the target (5m from trigger to detection)." in built_in["patterns"]
    assert "4 of 5 items due were done (80%): meets the 70% target." in built_in["patterns"]
    assert "WARNING" not in built_in["actions"]
    assert "(80%): meets the policy target of 70%." in built_in["remind"]
    payload = json.loads(built_in["json"])
    assert (payload["slow_detections"], payload["detection_target_seconds"]) == (1, 300)

    (tmp_path / ".pmtui").mkdir()
    (tmp_path / ".pmtui" / "policy.toml").write_text("[detection]\ntarget_minutes = 10\n"
                                                     "[actions]\ncompletion_target = 0.9\n")
    strict = reports()
    assert "detected slower" not in strict["patterns"]
    assert "4 of 5 items due were done (80%): below the 90% target." in strict["patterns"]
    assert "WARNING: only 80% of action items due in the last 90 days are done (target 90%)" in strict["actions"]
    assert "(80%): below the policy target of 90%." in strict["remind"]
    payload = json.loads(strict["json"])
    assert (payload["slow_detections"], payload["detection_target_seconds"]) == (0, 600)
    assert (payload["follow_up"]["completion"]["target"], payload["follow_up"]["completion"]["below_target"]) == (
        0.9, True)
