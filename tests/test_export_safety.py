"""Exports that are safe to open: no formula in any CSV cell, Jira markup kept literal, `gh` arguments
that stay arguments, one file per item, and a mark that finds each ticket's action item again."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from document_factory import make_document
from pmtui import storage
from pmtui.cli import main
from pmtui.export import render
from pmtui.export.csv_cells import FORMULA_START, safe_cell
from pmtui.export.ticket_mark import find_marks, mark, repository_path
from pmtui.export.trackers import github_files, jira_text
from test_export_trackers import option, run_script

HOSTILE = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://evil","click")']


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def hostile_document():
    return make_document(
        {"title": "=cmd|' /C calc'!A0", "id": "-INC 7"},
        action_items=[{"id": f"@{n}", "action": value, "owner": value, "kind": "detect"}
                      for n, value in enumerate(HOSTILE)],
    )


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_cell_gets_a_leading_quote_and_stays_readable(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("Rotate the key") == "Rotate the key"
    assert safe_cell(None) == "" and safe_cell(7) == "7"


@pytest.mark.parametrize("fmt", ["jira-csv", "linear-csv"])
def test_no_tracker_csv_cell_starts_a_formula(fmt: str) -> None:
    table = rows(render(hostile_document(), fmt, source=Path("pm.toml")))
    assert len(table) == 1 + len(HOSTILE)
    for row in table:
        for cell in row:
            assert not cell.startswith(FORMULA_START), (fmt, cell)
    assert table[1][0] == "'=1+2"


def test_actions_csv_cells_are_safe_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    storage.save_new(hostile_document(), tmp_path / "pm.toml")
    assert main(["actions", str(tmp_path), "--format", "csv"]) == 0
    table = rows(capsys.readouterr().out)
    assert len(table) == 1 + len(HOSTILE)
    assert all(not cell.startswith(FORMULA_START) for row in table for cell in row)
    assert {row[5] for row in table[1:]} == {"'" + value for value in HOSTILE}


def test_jira_wiki_markup_in_user_text_stays_text() -> None:
    assert jira_text("{code}rm -rf{code} see [click|http://evil] *now* _a_ ^b^ ~c~ !img.png!") == (
        r"\{code\}rm -rf\{code\} see \[click\|http://evil\] \*now\* \_a\_ ^b^ ~c~ \!img.png\!".replace(
            "^b^", r"\^b\^").replace("~c~", r"\~c\~"))
    assert jira_text("h1. Heading") == r"h1\. Heading"
    assert jira_text("# numbered") == r"\# numbered"
    assert jira_text("- bullet") == r"\- bullet"
    assert jira_text(r"back\slash") == r"back\\slash"
    document = make_document(action_items=[{"action": "Wrap {code}x{code} in [docs|http://a]\nh2. second",
                                            "owner": "Ana"}])
    description = rows(render(document, "jira-csv"))[1][2]
    assert r"\{code\}x\{code\} in \[docs\|http://a\]" in description
    assert "\nh2\\. second" in description


def test_jira_assignee_is_the_owners_email_from_the_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = make_document(action_items=[{"action": "Add an alert", "owner": "Priya Raman"},
                                           {"action": "Add a runbook", "owner": "Jonas"}])
    storage.save_new(document, tmp_path / "pm.toml")
    (tmp_path / ".pmtui").mkdir()
    (tmp_path / ".pmtui" / "policy.toml").write_text('[owners]\n"priya raman" = "priya@example.com"\n')
    assert main(["export", str(tmp_path / "pm.toml"), "--format", "jira-csv"]) == 0
    table = rows(capsys.readouterr().out)
    assert [row[3] for row in table[1:]] == ["priya@example.com", "Jonas"]  # no mapping: as written


def test_labels_have_no_commas_or_spaces() -> None:
    document = make_document({"id": "INC 2026/0412, EU"}, action_items=[{"action": "Fix", "kind": "prevent"}])
    table = rows(render(document, "linear-csv"))
    assert table[1][5] == "postmortem, INC-2026/0412-EU, prevent"
    assert "--label=INC-2026/0412-EU" in render(document, "github")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_an_incident_id_like_an_option_stays_an_argument(tmp_path: Path) -> None:
    document = make_document({"id": "--repo=evil/evil"}, action_items=[{"action": "--repo=evil/evil"}])
    calls = run_script(tmp_path, render(document, "github", source=Path("pm.toml")))
    label_call = next(call["args"] for call in calls if call["args"][:2] == ["label", "create"]
                      and call["args"][-1] == "--repo=evil/evil")
    assert label_call == ["label", "create", "--", "--repo=evil/evil"]
    issue = next(call["args"] for call in calls if call["args"][:2] == ["issue", "create"])
    assert "--repo=evil/evil" not in issue  # only inside --title=… and --label=…
    assert option(issue, "--title") == ["--repo=evil/evil"]
    assert "--repo=evil/evil" in option(issue, "--label")


def test_items_whose_ids_clash_as_file_names_get_unique_files() -> None:
    document = make_document(action_items=[{"id": "AI 1", "action": "one"}, {"id": "AI_1", "action": "two"},
                                           {"id": "AI/1", "action": "three"}, {"id": "ai_1", "action": "four"}])
    files = github_files(document)
    bodies = {name: body for name, body in files.items() if name.endswith(".md")}
    assert len(bodies) == 4
    assert "AI_1.md" in bodies
    assert len({name.casefold() for name in bodies}) == 4
    assert len(set(bodies.values())) == 4  # no body lost
    assert github_files(document) == files  # the same names every time


def test_every_ticket_carries_a_mark_that_finds_its_action_item(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "postmortems" / "2026_10 orders.toml"
    path.parent.mkdir()
    path.write_text("")
    assert repository_path(path) == "postmortems/2026_10 orders.toml"
    assert repository_path(Path("/nowhere/pm.toml")) == "/nowhere/pm.toml"
    document = make_document(action_items=[{"id": "AI-7", "action": "Fix *it*"}])
    source = Path("postmortems/2026_10 orders.toml")
    for fmt, column in (("jira-csv", 2), ("linear-csv", 1)):
        description = rows(render(document, fmt, source=source))[1][column]
        assert find_marks(description) == [("postmortems/2026_10 orders.toml", "AI-7")], fmt
    body = next(body for name, body in github_files(document, source).items() if name.endswith(".md"))
    assert find_marks(body) == [("postmortems/2026_10 orders.toml", "AI-7")]
    assert find_marks("text\n" + mark("a/b.toml", "AI-1") + "\nmore") == [("a/b.toml", "AI-1")]
    assert find_marks("pmtui-action: nothing to find") == []


def test_export_names_the_postmortem_by_its_repository_path(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pms").mkdir()
    storage.save_new(make_document(action_items=[{"action": "Fix"}]), tmp_path / "pms" / "pm.toml")
    monkeypatch.chdir(tmp_path / "pms")
    assert main(["export", "pm.toml", "--format", "linear-csv"]) == 0
    assert find_marks(rows(capsys.readouterr().out)[1][1]) == [("pms/pm.toml", "AI-1")]
