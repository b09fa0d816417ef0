"""`pmtui actions` on the known library: order, filters, completion rate, CSV and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from library_corpus import TODAY, write_corpus

from pmtui.cli import main
from pmtui.library import actions
from pmtui.library.index import open_library


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder)
    return folder


def report_for(corpus: Path, **options: object) -> actions.ActionsReport:
    with open_library(corpus) as library:
        return actions.actions_report(str(corpus), library.action_items(), today=TODAY,
                                      window_days=options.pop("window_days", 90), **options)


def keys(report: actions.ActionsReport) -> list[str]:
    return [f"{item.incident_label}/{item.item_id}" for item in report.items]


def test_overdue_first_then_by_due_date_undated_last(corpus: Path) -> None:
    report = report_for(corpus)
    assert keys(report) == [
        "INC-001/AI-2", "INC-004/AI-2", "INC-008/AI-2", "INC-012/AI-2",  # overdue, longest first
        "INC-001/AI-1", "INC-002/AI-1", "INC-003/AI-1", "INC-004/AI-1", "INC-005/AI-1", "INC-006/AI-1",
        "INC-007/AI-1", "INC-008/AI-1", "INC-010/AI-1", "INC-010/AI-2", "INC-011/AI-2",
        "INC-011/AI-1",  # due today: not overdue yet
        "INC-012/AI-1", "INC-009/AI-1",
    ]
    assert report.overdue == 4


def test_completion_over_the_window(corpus: Path) -> None:
    # Due 2026-03-18..2026-06-15: 8/AI-1 done, 8/AI-2 open, 10/AI-1 done, 10/AI-2 won't do,
    # 11/AI-1 open, 11/AI-2 done, 12/AI-2 in progress.
    rate = report_for(corpus).completion
    assert (rate.start, rate.end, rate.due, rate.done) == (dt.date(2026, 3, 18), TODAY, 7, 3)
    assert rate.below_target
    wide = report_for(corpus, window_days=365).completion
    assert (wide.due, wide.done) == (16, 9)  # all but the undated and the not-yet-due


def test_owner_filter_narrows_list_and_rate(corpus: Path) -> None:
    report = report_for(corpus, owner="ANA")
    assert keys(report) == ["INC-012/AI-2", "INC-001/AI-1", "INC-002/AI-1", "INC-005/AI-1", "INC-008/AI-1",
                            "INC-011/AI-1"]
    assert (report.completion.due, report.completion.done) == (3, 1)


def test_overdue_filter_keeps_the_rate_of_all_items(corpus: Path) -> None:
    report = report_for(corpus, overdue_only=True)
    assert keys(report) == ["INC-001/AI-2", "INC-004/AI-2", "INC-008/AI-2", "INC-012/AI-2"]
    assert (report.completion.due, report.completion.done) == (7, 3)


def test_rate_at_or_above_target_has_no_warning() -> None:
    rate = actions.Completion(90, TODAY, TODAY, due=10, done=7, target=0.7, verified=2)
    assert not rate.below_target and rate.warning() is None
    assert rate.judged() == ("Completion over the last 90 days: 7 of 10 items due were done (70%): meets the 70% "
                             "target. 2 of the 7 done verified.")
    none_due = actions.Completion(90, TODAY, TODAY, due=0, done=0, target=0.7)
    assert none_due.sentence() == none_due.judged() == "No action items were due in the last 90 days."


def test_table_output(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actions", str(corpus), "--today", TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    header = next(index for index, line in enumerate(lines) if line.split()[:1] == ["Due"])
    # At 80 columns the action texts would get 25 columns, fewer than they need: each goes under its row.
    assert lines[header].split() == ["Due", "Late", "Status", "Pri", "Owner", "Incident"]
    assert lines[header + 1].split() == ["2025-08-15", "304d", "open", "P2", "ben", "INC-001"]
    assert lines[header + 2] == "      Follow-up 2 of incident 1"
    flat = " ".join(text.split())
    assert "18 action items, 4 overdue (5 open, 2 in progress, 9 done (0 verified), 2 won't do)." in flat
    assert "Completion over the last 90 days: 3 of 7 items due were done (43%), 0 of them verified." in flat
    assert ("WARNING: only 43% of action items due in the last 90 days are done (target 70%): "
            "causes are staying unfixed.") in flat


def test_csv_output_parses_back(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actions", str(corpus), "--format", "csv", "--overdue", "--today", TODAY.isoformat()]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["incident"] for row in rows] == ["INC-001", "INC-004", "INC-008", "INC-012"]
    assert rows[0] == {
        "incident": "INC-001", "incident_title": "Checkout errors after deploy", "incident_date": "2025-07-10",
        "file": "2025/2025-07-10-01.toml", "id": "AI-2", "action": "Follow-up 2 of incident 1", "owner": "ben",
        "due": "2025-08-15", "priority": "P2", "status": "open", "overdue": "yes", "days_overdue": "304", "verified": "",
    }


def test_table_puts_actions_in_a_column_when_there_is_room(corpus: Path) -> None:
    lines = actions.render_table(report_for(corpus, overdue_only=True), width=100).splitlines()
    assert lines[2].split() == ["Due", "Late", "Status", "Pri", "Owner", "Incident", "Action"]
    assert lines[3].split()[-5:] == ["Follow-up", "2", "of", "incident", "1"]


def test_json_output_parses_back(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actions", str(corpus), "--format", "json", "--window", "12w", "--today", TODAY.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["completion"] == {"window_days": 84, "from": "2026-03-24", "to": "2026-06-15", "due": 6, "done": 2, "verified": 0,
                                  "rate": 0.3333, "below_target": True, "target": 0.7}
    assert len(data["items"]) == 18 and data["overdue"] == 4
    assert data["items"][-1]["due"] is None and data["items"][-1]["owner"] is None
    assert data["skipped"] == []


@pytest.mark.parametrize("window", ["0d", "ninety", "3m"])
def test_bad_window_is_a_usage_error(corpus: Path, window: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["actions", str(corpus), "--window", window])
    assert exit_info.value.code == 2
    assert f'invalid window "{window}"' in capsys.readouterr().err


def test_missing_folder_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert main(["actions", str(missing)]) == 2
    assert capsys.readouterr().err == f"pmtui: {missing}: no such folder\n"
    a_file = tmp_path / "file.toml"
    a_file.write_text("x")
    assert main(["patterns", str(a_file)]) == 2
    assert capsys.readouterr().err == f"pmtui: {a_file}: not a folder\n"
