"""`pmtui remind`: per owner overdue and due-soon items, late postmortems, completion against the policy."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from document_factory import make_document
from pmtui import storage
from pmtui.cli import main

TODAY = "2026-11-30"  # a Monday
TIMELINE = [{"time": "10:00:00", "event": "Errors start", "milestone": "impact_start"},
            {"time": "11:00:00", "event": "Fixed", "milestone": "resolved"}]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    storage.save_new(make_document(
        {"title": "Orders outage", "date": "2026-11-02", "status": "final"}, timeline=TIMELINE,
        action_items=[
            {"id": "AI-1", "action": "Alert on pool saturation", "owner": "Priya", "due": "2026-11-20"},
            {"id": "AI-2", "action": "Resize workers", "owner": "Priya", "due": "2026-12-04"},
            {"id": "AI-3", "action": "Scale on latency", "owner": "Jonas", "due": "2026-11-29"},
            {"id": "AI-4", "action": "Page on the probe", "owner": "Jonas", "due": "2026-11-10", "status": "done"},
            {"id": "AI-5", "action": "Later", "owner": "Ana", "due": "2027-01-10"},
            {"id": "AI-6", "action": "=cmd|\x1b]52;c;evil\x07", "due": "2026-12-01"},
        ]), tmp_path / "orders.toml")
    (tmp_path / "team").mkdir()
    storage.save_new(make_document(
        {"title": "Search latency", "date": "2026-11-20", "severity": "SEV2",
         "draft_started": "2026-11-25T09:00:00+00:00"}, timeline=TIMELINE), tmp_path / "team" / "search.toml")
    return tmp_path


def test_remind_groups_items_by_owner_and_names_late_postmortems(library: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind", str(library), "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Postmortem follow-up, 2026-11-30\n")
    jonas, priya = out.index("### Jonas"), out.index("### Priya")
    assert jonas < priya  # the same number overdue: by name
    assert "- **1 day overdue**: AI-3 Scale on latency (Orders outage, due 2026-11-29, orders.toml)" in out
    assert "- **10 days overdue**: AI-1 Alert on pool saturation" in out
    assert "- due in 4 days: AI-2 Resize workers" in out
    assert "AI-5" not in out and "AI-4" not in out  # too far ahead; done
    assert "- Search latency (team/search.toml): draft started 4 days after resolution; policy: 48 h" in out
    assert "no review yet, 6 business days after resolution; policy: 3 business days" in out
    assert "1 of 3 action items due in the last 90 days are done (33%): below the policy target of 70%." in out
    assert "\x1b" not in out and "\x07" not in out


def test_remind_json_is_ready_for_a_chat_webhook(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind", str(library), "--today", TODAY, "--format", "json", "--days", "1"]) == 0
    out = capsys.readouterr().out
    assert out.isascii()
    payload = json.loads(out)
    assert payload["text"].startswith("# Postmortem follow-up")
    owners = {owner["owner"]: owner for owner in payload["owners"]}
    assert [item["id"] for item in owners["Priya"]["overdue"]] == ["AI-1"]
    assert owners["Priya"]["due_soon"] == []  # AI-2 is 4 days out, beyond --days 1
    assert [item["id"] for item in owners["(no owner)"]["due_soon"]] == ["AI-6"]
    assert payload["completion"] == {"window_days": 90, "due": 3, "done": 1, "rate": 0.3333, "target": 0.7,
                                     "below_target": True}
    assert {late["rule"] for late in payload["late"]} == {"policy-draft-late", "policy-review-late"}


def test_remind_uses_each_folders_policy(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / ".pmtui").mkdir()
    (library / ".pmtui" / "policy.toml").write_text("[actions]\ncompletion_target = 30\n")
    (library / "team" / ".pmtui").mkdir()
    (library / "team" / ".pmtui" / "policy.toml").write_text("[timeliness]\ndraft_due_hours = 200\n")
    assert main(["remind", str(library), "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert "draft started" not in out
    assert "meets the policy target of 30%" in out


def test_remind_refuses_what_it_cannot_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind", str(tmp_path / "missing")]) == 2
    (tmp_path / ".pmtui").mkdir()
    (tmp_path / ".pmtui" / "policy.toml").write_text("[actions]\ncompletion_target = true\n")
    assert main(["remind", str(tmp_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "not a folder" in err[0] and "actions.completion_target" in err[1]
    assert dt.date.fromisoformat(TODAY).weekday() == 0


@pytest.mark.parametrize("days", ["-1", "7.5", "1e3", "99999999999999999999", "999999999", "3661", "３"])
def test_days_past_what_dates_hold_is_one_line(days: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A billion days once ended in an OverflowError."""
    with pytest.raises(SystemExit) as exited:
        main(["remind", str(tmp_path), "--days", days])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and f'invalid number of days "{days}" (use a whole number from 0 to 3660)' in err


def test_an_owner_of_only_spaces_is_no_owner_and_markup_in_owners_stays_text(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    owners = ["   ", "[x](javascript:alert(1))", "x\r\n## injected"]
    storage.save_new(make_document(incident={"date": "2026-02-01"}, action_items=[
        {"id": f"AI-{index}", "action": "Fix it", "owner": owner, "due": "2026-03-01"} for index, owner in enumerate(owners)]),
        tmp_path / "pm.toml")
    assert main(["remind", str(tmp_path), "--today", "2026-03-03"]) == 0
    headings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("### ")]
    assert sorted(headings) == ["### (no owner)", "### \\[x\\](javascript:alert(1))", "### x ## injected"]
