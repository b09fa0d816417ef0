"""Tracker exports: CSVs parsed back field by field, and the GitHub script run against a fake `gh`."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from document_factory import make_document
from pmtui.cli import main
from pmtui.export import render
from pmtui.export.trackers import github_files, items_to_track

SOURCE = Path("postmortems/2026-10-27-orders.toml")
TRICKY = 'Fix "retry, then give up" logic — für Zahlungen 支払い\nsecond line with $(touch pwned) and `id`'
LONG = "Raise the limit " + "x" * 300


def document():
    return make_document(
        {"title": 'Orders API outage: "pool", exhausted', "id": "INC-2026-0412", "severity": "SEV1",
         "date": "2026-10-27", "timezone": "Europe/Berlin"},
        whys=[{"id": "1", "answer": "Requests waited for a database connection"},
              {"id": "1.1", "question": "Why did they wait?", "answer": 'The pool, "20 per worker", was never resized'}],
        action_items=[
            {"id": "AI-1", "action": TRICKY, "owner": "Priya Raman", "due": "2026-11-10", "priority": "P1",
             "kind": "prevent", "addresses": "1.1"},
            {"id": "AI-2", "action": "=HYPERLINK(\"http://evil\")", "owner": "@octocat", "priority": "P4",
             "status": "in_progress", "kind": "detect", "addresses": "1"},
            {"id": "AI-3", "action": LONG},
            {"id": "AI-4", "action": "already tracked", "ticket": "ORD-1"},
            {"id": "AI-5", "action": "finished", "status": "done"},
        ],
    )


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_only_open_items_without_a_ticket_are_exported():
    assert [item.id for item in items_to_track(document())] == ["AI-1", "AI-2", "AI-3"]


def test_jira_csv_field_by_field():
    text = render(document(), "jira-csv", source=SOURCE)
    assert text.endswith("\r\n")
    header, first, second, third = rows(text)
    assert header == ["Summary", "Issue Type", "Description", "Assignee", "Due Date", "Priority",
                      "Labels", "Labels", "Labels"]
    assert first[0] == 'Fix "retry, then give up" logic — für Zahlungen 支払い second line with $(touch pwned) and `id`'
    assert first[1] == "Task"
    assert first[3:] == ["Priya Raman", "2026-11-10", "Highest", "postmortem", "INC-2026-0412", "prevent"]
    assert first[2].splitlines() == [
        'From the postmortem "Orders API outage: "pool", exhausted" (INC-2026-0412, SEV1, 2026-10-27).',
        "Postmortem file: postmortems/2026-10-27-orders.toml",
        "Action item AI-1 · kind: prevent · owner: Priya Raman · due: 2026-11-10 · priority: P1",
        "",
        "Action:",
        'Fix "retry, then give up" logic — für Zahlungen 支払い',
        "second line with $(touch pwned) and `id`",
        "",
        "It addresses why 1.1:",
        'bq. Why did they wait? The pool, "20 per worker", was never resized',
        "",
        "pmtui-action: postmortems/2026-10-27-orders.toml#AI-1",
    ]
    assert second[0] == "'=HYPERLINK(\"http://evil\")"  # a spreadsheet shows it as text, never runs it
    assert second[3:] == ["'@octocat", "", "Low", "postmortem", "INC-2026-0412", "detect"]
    assert second[2].endswith("It addresses why 1:\nbq. Requests waited for a database connection\n\n"
                              "pmtui-action: postmortems/2026-10-27-orders.toml#AI-2")
    assert len(third[0]) == 255 and third[0].endswith("…")
    assert LONG in third[2]
    assert third[3:] == ["", "", "", "postmortem", "INC-2026-0412", ""]


def test_linear_csv_field_by_field():
    header, first, second, third = rows(render(document(), "linear-csv", source=SOURCE))
    # The columns Linear's CSV importer reads; it reads no due date, so that is in the description.
    assert header == ["Title", "Description", "Status", "Priority", "Assignee", "Labels"]
    assert first[2:] == ["Todo", "Urgent", "Priya Raman", "postmortem, INC-2026-0412, prevent"]
    description = first[1].splitlines()
    assert description[0] == 'From the postmortem "Orders API outage: "pool", exhausted" (INC-2026-0412, SEV1, 2026-10-27).'
    assert description[1] == r"Postmortem file: postmortems/2026-10-27-orders.toml"
    assert "due: 2026-11-10" in description[2]
    assert description[-3] == '> Why did they wait? The pool, "20 per worker", was never resized'
    assert description[-1] == "pmtui-action: postmortems/2026-10-27-orders.toml#AI-1"
    assert r"second line with $(touch pwned) and \`id\`" in first[1]  # Markdown: backticks escaped
    # Linear's export and importer mark formula-like cells with a leading ' and strip it again.
    assert second[0] == "'=HYPERLINK(\"http://evil\")"
    assert second[2:4] == ["In Progress", "Low"]
    assert third[3] == "No priority"


def test_no_items_gives_just_the_header():
    empty = make_document()
    assert rows(render(empty, "jira-csv")) == [
        ["Summary", "Issue Type", "Description", "Assignee", "Due Date", "Priority", "Labels"]]
    assert rows(render(empty, "linear-csv")) == [["Title", "Description", "Status", "Priority", "Assignee", "Labels"]]


def fake_gh(folder: Path) -> Path:
    """A `gh` that records each call's arguments and stdin as one JSON line."""
    log = folder / "calls.jsonl"
    script = folder / "gh"
    script.write_text(
        "#!/usr/bin/env python3\n"
        "import json, sys\n"
        "stdin = sys.stdin.read() if '--body-file' in sys.argv else ''\n"
        f"open({str(log)!r}, 'a').write(json.dumps({{'args': sys.argv[1:], 'stdin': stdin}}) + '\\n')\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return log


def run_script(tmp_path: Path, text: str) -> list[dict]:
    script = tmp_path / "create-issues.sh"
    script.write_text(text)
    log = fake_gh(tmp_path)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", str(script)], cwd=tmp_path, env=env, check=True, capture_output=True)
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_github_script_passes_titles_and_bodies_through_untouched(tmp_path):
    doc = document()
    calls = run_script(tmp_path, render(doc, "github", source=SOURCE))
    labels = [call["args"] for call in calls if call["args"][:2] == ["label", "create"]]
    issues = [call for call in calls if call["args"][:2] == ["issue", "create"]]
    assert labels == [["label", "create", "--", name] for name in ("postmortem", "INC-2026-0412", "prevent", "detect")]
    assert len(issues) == 3
    bodies = github_files(doc, SOURCE)
    assert [issue["stdin"] for issue in issues] == [bodies["AI-1.md"], bodies["AI-2.md"], bodies["AI-3.md"]]
    first, second = issues[0]["args"], issues[1]["args"]
    assert option(first, "--title") == [
        'Fix "retry, then give up" logic — für Zahlungen 支払い second line with $(touch pwned) and `id`']
    assert not (tmp_path / "pwned").exists()
    assert option(second, "--assignee") == ["octocat"]
    assert option(first, "--assignee") == []  # "Priya Raman" is not a GitHub login
    assert option(second, "--label") == ["postmortem", "INC-2026-0412", "detect"]


def option(arguments: list[str], name: str) -> list[str]:
    """The values of `--name=VALUE` arguments."""
    return [argument.split("=", 1)[1] for argument in arguments if argument.startswith(f"{name}=")]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_body_line_equal_to_the_terminator_does_not_end_the_body(tmp_path, monkeypatch):
    from pmtui.export import trackers

    nasty = "PMTUI_ISSUE_BODY\nPMTUI_ISSUE_BODY_1\n$(touch pwned) `touch pwned2` ${HOME} 'quoted' \\\nEOF\n"
    monkeypatch.setattr(trackers, "issue_body", lambda document, item, source=None: nasty)
    calls = run_script(tmp_path, render(document(), "github"))
    assert [call["stdin"] for call in calls if call["args"][:2] == ["issue", "create"]] == [nasty] * 3
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()


def test_github_folder_output_has_a_body_per_item_and_the_script(tmp_path, capsys):
    postmortem = tmp_path / "orders.json"
    postmortem.write_text(storage_json(document()))
    assert main(["export", str(postmortem), "--format", "github", "-o", str(tmp_path / "issues") + "/"]) == 0
    assert sorted(path.name for path in (tmp_path / "issues").iterdir()) == ["AI-1.md", "AI-2.md", "AI-3.md",
                                                                           "create-issues.sh"]
    assert (tmp_path / "issues" / "AI-2.md").read_text().startswith('From the postmortem "Orders API outage')
    assert "3 of 5 action items exported" in capsys.readouterr().err


def storage_json(doc) -> str:
    from pmtui import storage

    return storage.dumps(doc, "json").decode()


def test_export_cli_writes_the_csv_and_copies_it_without_a_clipboard(tmp_path, capsys, monkeypatch):
    import pyperclip

    def no_clipboard(text):
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    monkeypatch.setattr("pmtui.user_folders.sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    postmortem = tmp_path / "orders.json"
    postmortem.write_text(storage_json(document()))
    assert main(["export", str(postmortem), "--format", "jira-csv", "-o", "tickets.csv", "--copy"]) == 0
    err = capsys.readouterr().err
    written = (tmp_path / "tickets.csv").read_bytes()
    assert not list(tmp_path.glob("pmtui-export-*"))  # not in the current folder: in the user's cache
    [fallback] = (tmp_path / "cache" / "pmtui").glob("pmtui-export-*.csv")
    assert fallback.read_bytes() == written
    assert "No system clipboard here" in err and fallback.name in err


def test_export_to_a_folder_is_refused_for_single_file_formats(tmp_path, capsys):
    postmortem = tmp_path / "orders.json"
    postmortem.write_text(storage_json(document()))
    assert main(["export", str(postmortem), "--format", "linear-csv", "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
