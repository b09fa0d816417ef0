"""`pmtui sync`: recorded tracker exports (gh JSON, Jira CSV, Linear CSV) update action items and
nothing else; `--dry-run` writes nothing."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path

import pytest

from pmtui import storage
from pmtui.cli import main
from pmtui.document.model import ActionStatus
from pmtui.importers import SourceError
from pmtui.importers.tickets import read_tickets

FIXTURES = Path(__file__).parent / "fixtures" / "sync"
EXPORTS = {"github": "gh-issues.json", "jira": "jira-export.csv", "linear": "linear-export.csv"}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A clone holding the recorded postmortem where its exported tickets say it is."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "postmortems").mkdir()
    shutil.copy(FIXTURES / "orders.toml", tmp_path / "postmortems" / "2026-10-27-orders.toml")
    return tmp_path


def items(repository: Path) -> dict[str, tuple]:
    document = storage.load_document(repository / "postmortems" / "2026-10-27-orders.toml")
    return {item.id: (item.ticket, item.status.value, item.completed) for item in document.action_items}


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]


EXPECTED = {
    "github": {
        "AI-1": ("https://github.com/acme/orders/issues/41", "done", dt.date(2026, 11, 9)),
        "AI-2": ("https://github.com/acme/orders/issues/42", "open", None),  # reopened in the tracker's view
        "AI-3": ("https://github.com/acme/orders/issues/43", "done", dt.date(2026, 11, 20)),
        "AI_4": ("ORD-7", "open", None),  # its ticket is in Jira
    },
    "jira": {
        "AI-1": ("ORD-12", "done", dt.date(2026, 11, 9)),
        "AI-2": ("ORD-13", "in_progress", None),
        "AI-3": ("ORD-14", "wont_do", None),
        "AI_4": ("ORD-7", "done", dt.date(2026, 11, 2)),  # matched by its ticket field
    },
    "linear": {
        "AI-1": ("ENG-101", "done", dt.date(2026, 11, 9)),
        "AI-2": ("ENG-102", "in_progress", None),
        "AI-3": ("ENG-103", "wont_do", None),
        "AI_4": ("ORD-7", "open", None),
    },
}


@pytest.mark.parametrize("tracker", list(EXPORTS))
def test_sync_round_trips_a_recorded_export(repository: Path, tracker: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = repository / "postmortems" / "2026-10-27-orders.toml"
    before = path.read_text()
    assert main(["sync", str(repository), "--from", tracker, str(FIXTURES / EXPORTS[tracker]), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert path.read_text() == before
    assert "(dry run: nothing written)" in out
    assert main(["sync", str(repository), "--from", tracker, str(FIXTURES / EXPORTS[tracker])]) == 0
    assert capsys.readouterr().out == out.replace("would change", "changed").replace(" (dry run: nothing written)", "")
    assert items(repository) == EXPECTED[tracker]
    after = path.read_text()
    # Nothing but the synced fields changed, byte for byte.
    assert all(line[2:].split(" = ")[0] in ("ticket", "status", "completed") for line in changed_lines(before, after))
    assert after == storage.dumps(storage.load_document(path), "toml").decode()  # still canonical
    # A second run finds nothing to change.
    assert main(["sync", str(repository), "--from", tracker, str(FIXTURES / EXPORTS[tracker])]) == 0
    assert capsys.readouterr().out.startswith("changed 0 action item(s) in 0 postmortem(s)")
    assert path.read_text() == after


def test_sync_reports_each_change_and_unmatched_tickets(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", str(repository), "--from", "jira", str(FIXTURES / "jira-export.csv"), "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    where = str(repository / "postmortems" / "2026-10-27-orders.toml")
    assert f"{where}: AI-1: ticket (empty) -> ORD-12" in lines
    assert f"{where}: AI-1: status open -> done" in lines
    assert f"{where}: AI-1: completed (empty) -> 2026-11-09" in lines
    assert f"{where}: AI-3: status open -> wont_do" in lines
    assert lines[-1] == ("would change 4 action item(s) in 1 postmortem(s); 1 of 5 ticket(s) matched no action item "
                         "(dry run: nothing written)")


def test_a_reopened_ticket_clears_completed(repository: Path, tmp_path: Path) -> None:
    issues = json.loads((FIXTURES / "gh-issues.json").read_text())
    assert main(["sync", str(repository), "--from", "github", str(FIXTURES / "gh-issues.json")]) == 0
    issues[0].update(state="OPEN", closedAt=None)
    reopened = tmp_path / "reopened.json"
    reopened.write_text(json.dumps(issues))
    assert main(["sync", str(repository), "--from", "github", str(reopened)]) == 0
    assert items(repository)["AI-1"] == ("https://github.com/acme/orders/issues/41", "open", None)


def test_github_not_planned_is_wont_do_and_hash_numbers_match() -> None:
    data = json.dumps([{"number": 7, "url": "https://github.com/a/b/issues/7", "state": "CLOSED",
                        "stateReason": "NOT_PLANNED", "closedAt": "2026-11-01T10:00:00Z", "body": ""}]).encode()
    [ticket] = read_tickets("github", data, "issues.json")
    assert ticket.status == ActionStatus.WONT_DO and ticket.completed is None
    assert "#7" in ticket.aliases


@pytest.mark.parametrize(("tracker", "content", "message"), [
    ("github", b"{", "issues.json: line 1: JSON syntax error"),
    ("github", b'{"number": 1}', "issues.json: expected a JSON array"),
    ("github", b'[{"title": "x"}]', "issues.json: issue [0]: needs number and url"),
    ("jira", b"Summary,Status\nx,Done\n", "issues.json: line 1: missing column issue key"),
    ("jira", "Issue key,Status,Resolution,Resolved\nORD-1,Done,Done,someday\n".encode(),
     'issues.json: line 2: Resolved: cannot read the date "someday"'),
    ("linear", b"\xff\xfe", "issues.json: not UTF-8 text"),
    # each of these once ended in a traceback, or wrote its text into the postmortem's `ticket`
    ("github", b'[{"number": true, "url": "https://github.com/a/b/issues/1"}]', "issues.json: issue [0]: needs number and url"),
    ("github", b'[{"number": 1, "url": "https://github.com/a/b/issues/1\\u001b]52;c;aGk=\\u0007"}]',
     "issues.json: issue [0]: url: not a ticket key"),
    ("github", b'[{"number": 1, "url": "ORD-1\\ud800"}]', "issues.json: issue [0]: url: not a ticket key"),
    ("github", b'[{"number": 1, "url": "' + b"x" * 1000 + b'"}]', "issues.json: issue [0]: url: not a ticket key"),
    ("jira", b"Issue key,Status\nORD-1\n", "issues.json: line 2: the row ends before column status"),
    ("jira", b'Issue key,Status\n"ORD-1,Done\n', "issues.json: line 2: the row ends before column status"),
    ("jira", b"Issue key,Status\n,Done\n", "issues.json: line 2: Issue key: no ticket key"),
    ("jira", b'Issue key,Status\n"ORD-1\nrm -rf",Done\n', "issues.json: line 3: Issue key: not a ticket key"),
    ("linear", b"ID,Status\nENG-\x001,Done\n", "issues.json: line 2: ID: not a ticket key"),
])
def test_a_broken_export_is_one_line_and_exit_2(repository: Path, tmp_path: Path, tracker: str, content: bytes,
                                                message: str, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "issues.json"
    export.write_bytes(content)
    with pytest.raises(SourceError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        read_tickets(tracker, content, str(export).replace(str(export), "issues.json"))
    before = (repository / "postmortems" / "2026-10-27-orders.toml").read_text()
    assert main(["sync", str(repository), "--from", tracker, str(export)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message.split(": ", 1)[1] in err
    assert (repository / "postmortems" / "2026-10-27-orders.toml").read_text() == before


def test_a_postmortem_changed_on_disk_is_not_overwritten(repository: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    real_load = storage.load

    def load_then_someone_edits(path):
        loaded = real_load(path)
        Path(path).write_text(Path(path).read_text() + "\n# edited meanwhile\n")
        return loaded

    monkeypatch.setattr(storage, "load", load_then_someone_edits)
    assert main(["sync", str(repository), "--from", "jira", str(FIXTURES / "jira-export.csv")]) == 2
    assert "changed on disk" in capsys.readouterr().err


def test_a_jira_export_without_resolution_reads_done_from_the_status() -> None:
    """Else an item done in Jira would go back to open."""
    [done, todo] = read_tickets("jira", b"Issue key,Status\nORD-1,Closed\nORD-2,To Do\n", "jira.csv")
    assert (done.status, todo.status) == (ActionStatus.DONE, ActionStatus.OPEN)


def test_a_mark_on_several_tickets_leaves_the_item_alone(repository: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A description copied into a new ticket carries the old mark: which ticket the item follows is unknown."""
    mark = "pmtui-action: postmortems/2026-10-27-orders.toml#AI-1"
    export = tmp_path / "issues.json"
    export.write_text(json.dumps([
        {"number": 7, "url": "https://github.com/a/b/issues/7", "state": "CLOSED", "closedAt": "2026-11-01T10:00:00Z", "body": mark},
        {"number": 8, "url": "https://github.com/a/b/issues/8", "state": "OPEN", "body": mark}]))
    before = items(repository)["AI-1"]
    assert main(["sync", str(repository / "postmortems"), "--from", "github", str(export)]) == 0
    assert items(repository)["AI-1"] == before
    assert capsys.readouterr().err == ("pmtui: left postmortems/2026-10-27-orders.toml#AI-1 as it is: tickets "
                                       "https://github.com/a/b/issues/7, https://github.com/a/b/issues/8 all carry its mark\n")


def test_a_folder_that_does_not_exist_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", str(tmp_path / "typo"), "--from", "jira", str(FIXTURES / "jira-export.csv")]) == 2
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'typo'}: no such file or folder\n"
