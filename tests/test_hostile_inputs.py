"""Hostile command lines and file systems: each gives one line naming what is wrong, exit 2, never
a traceback, and leaves the files as they were.

Each case here once ended in a traceback: a file name too long to look up, a symlink loop inside
a library, an option value past what dates or SQLite can hold, a control character in a search,
an out-of-range `--since`, a terminal whose encoding lacks a character of the output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from document_factory import SAMPLES
from pmtui.cli import main
from pmtui.meeting.layouts import LayoutError, load_layout

SAMPLE = SAMPLES / "db-pool-exhaustion.toml"
TOO_LONG = "a" * 300  # longer than any file system allows one name to be


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert len(err.splitlines()) == 1, err
    return err


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(SAMPLE, folder)
    (folder / "loop-a.toml").symlink_to("loop-b.toml")
    (folder / "loop-b.toml").symlink_to("loop-a.toml")
    return folder


@pytest.mark.parametrize(("command", "shown"), [
    (["actions"], "INC-2026-0412"), (["patterns"], "SEV1"), (["search", "pool"], "Orders API outage"),
], ids=["actions", "patterns", "search"])
def test_a_symlink_loop_in_a_library_is_skipped(library: Path, command: list[str], shown: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command[0], str(library), *command[1:]]) == 0
    out, err = capsys.readouterr()
    assert shown in out and "Traceback" not in err


@pytest.mark.parametrize("command", [["check", f"{TOO_LONG}.toml"], ["actions", TOO_LONG], ["patterns", TOO_LONG],
                                     ["search", TOO_LONG, "pool"], ["diff", f"{TOO_LONG}.toml", str(SAMPLE)]],
                         ids=["check", "actions", "patterns", "search", "diff"])
def test_a_name_too_long_is_one_line(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(command) == 2
    assert one_line_error(capsys).startswith(f"pmtui: {TOO_LONG}")


def test_a_layout_name_too_long_is_a_layout_error() -> None:
    with pytest.raises(LayoutError, match="no layout named"):
        load_layout(TOO_LONG)


@pytest.mark.parametrize(("command", "message"), [
    (["search", "LIBRARY", "pool\x00"], "the query holds the control character \\x00; give words only"),
    (["search", "--limit", "99999999999999999999", "LIBRARY", "pool"], 'invalid limit "99999999999999999999"'),
    (["actions", "--window", "99999999999", "LIBRARY"], 'invalid window "99999999999"'),
], ids=["search-nul", "search-limit", "actions-window"])
def test_option_values_past_what_the_machine_holds(command: list[str], message: str, library: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main([str(library) if argument == "LIBRARY" else argument for argument in command])
    except SystemExit as exited:  # argparse refuses the value itself
        code = exited.code
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and message in err


@pytest.mark.parametrize("flag", ["--since", "--until"])
@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"])
def test_an_import_window_outside_the_calendar(tmp_path: Path, flag: str, moment: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    postmortem = tmp_path / "pm.toml"
    shutil.copy(SAMPLE, postmortem)
    (tmp_path / "events.csv").write_text("time,event,source\n10:00,restart,shell\n")
    before = postmortem.read_bytes()
    assert main(["import", "--from", "csv", flag, moment, str(postmortem), str(tmp_path / "events.csv")]) == 2
    assert one_line_error(capsys) == f"pmtui: {flag}: {moment} is out of range (years 2 to 9998)\n"
    assert postmortem.read_bytes() == before


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", [["export", "library/db-pool-exhaustion.toml"], ["search", "library", "pool"],
                                     ["check", "library/db-pool-exhaustion.toml"]], ids=["export", "search", "check"])
def test_an_output_encoding_without_the_characters(encoding: str, command: list[str], library: Path) -> None:
    # The sample holds "Tomás", "€" and "…": an ASCII or latin-1 terminal gets escapes for what it lacks.
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    ran = subprocess.run([sys.executable, "-m", "pmtui", *command], capture_output=True, env=environment,
                         cwd=library.parent, timeout=60)
    assert ran.returncode == 0, ran.stderr.decode(encoding, "replace")
    assert b"Traceback" not in ran.stderr
    ran.stdout.decode(encoding)  # what was written is text in that encoding


@pytest.mark.parametrize("name", ["pm.toml", "pm.json", "notes.json"])
def test_schema_output_never_replaces_what_is_not_a_schema(tmp_path: Path, name: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / name
    target.write_text('{"incident": {"title": "Checkout errors"}}\n' if name != "pm.toml" else SAMPLE.read_text())
    before = target.read_bytes()
    assert main(["schema", "-o", str(target)]) == 2
    assert one_line_error(capsys) == (f"pmtui: {target}: exists and is not a JSON Schema; "
                                      "not replacing it (give another -o file)\n")
    assert target.read_bytes() == before


def test_schema_output_updates_an_older_schema(tmp_path: Path) -> None:
    target = tmp_path / ".postmortem.schema.json"
    target.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "older"}\n')
    assert main(["schema", "-o", str(target)]) == 0
    assert '"older"' not in target.read_text()


@pytest.mark.parametrize("command", ["check", "export", "layout"])
def test_a_huge_file_is_refused_before_it_is_read_whole(tmp_path: Path, command: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from pmtui.storage.files import MAX_DOCUMENT_BYTES

    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: costs no disk
    message = f"{huge}: larger than 16 MB, more than pmtui reads as one file"
    if command == "layout":
        with pytest.raises(LayoutError, match="larger than 16 MB"):
            load_layout(str(huge))
        return
    assert main([command, str(huge)]) == 2
    assert one_line_error(capsys) == f"pmtui: {message}\n"


FORMULAS = ['=HYPERLINK("https://evil.example","docs")', "+1+2", "-1+2", "@SUM(1)", "\t=1", "\r=1"]


@pytest.fixture
def formula_library(tmp_path: Path) -> Path:
    from pmtui import storage
    from document_factory import make_document

    folder = tmp_path / "formulas"
    folder.mkdir()
    items = [{"id": f"AI-{index}", "action": formula, "owner": formula} for index, formula in enumerate(FORMULAS)]
    document = make_document(incident={"id": "-INC-1", "title": "=1+1", "tags": ["@tag"]}, action_items=items)
    storage.save_new(document, folder / "pm.toml")
    return folder


@pytest.mark.parametrize("command", [["export", "--format", "jira-csv", "pm.toml"],
                                     ["export", "--format", "linear-csv", "pm.toml"],
                                     ["actions", "--format", "csv", "."]], ids=["jira", "linear", "actions"])
def test_no_csv_cell_is_a_formula(formula_library: Path, command: list[str], capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import csv
    import io

    monkeypatch.chdir(formula_library)
    assert main(command) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == 1 + len(FORMULAS)  # a carriage return inside a cell starts no row of its own
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    assert "'-1+2" in cells and "'@SUM(1)" in cells  # still readable, shown as text


def test_github_export_keeps_every_body_and_takes_no_id_as_an_option(tmp_path: Path) -> None:
    from document_factory import make_document
    from pmtui.export.trackers import SCRIPT_NAME, github_files

    ids = ["AI 1", "AI_1", "AI/1", "ai_1", None, None]
    document = make_document(incident={"id": "--repo=evil/evil"},
                             action_items=[{"id": item_id, "action": f"action {index}"}
                                           for index, item_id in enumerate(ids)])
    files = github_files(document)
    bodies = [name for name in files if name != SCRIPT_NAME]
    assert len({name.lower() for name in bodies}) == len(ids)  # one file each, even where case is ignored
    assert len({files[name] for name in bodies}) == len(ids)  # and each its own body
    assert "gh label create -- --repo=evil/evil " in files[SCRIPT_NAME]


def _plant(index: Path, what: str, outside: Path) -> None:
    """What a repository can commit in place of the library index (git stores symlinks as such)."""
    if what == "folder symlink":
        outside.mkdir()
        index.symlink_to(outside)
        return
    index.mkdir()
    if what == "index symlink":
        (index / "index.sqlite").symlink_to(outside)
    elif what == "journal symlink":
        (index / "index.sqlite-journal").symlink_to(outside)
    elif what == ".gitignore symlink":
        (index / ".gitignore").symlink_to(outside)
    else:
        os.mkfifo(index / "index.sqlite")


@pytest.mark.parametrize("what", ["folder symlink", "index symlink", "journal symlink", ".gitignore symlink",
                                  "index pipe"])
def test_a_planted_index_is_never_followed(library: Path, what: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    outside = tmp_path / "outside"
    _plant(library / ".pmtui-index", what, outside)
    assert main(["search", str(library), "pool"]) == 0
    assert "Orders API outage" in capsys.readouterr().out
    assert (sorted(outside.iterdir()) == []) if outside.is_dir() else not outside.exists()  # nothing written there
    if what != ".gitignore symlink":  # a planted .gitignore is left alone (never written through); the index may stay
        assert list((tmp_path / "cache" / "pmtui").glob("*.sqlite"))  # the index went to the user cache


def test_a_save_pmtui_could_not_read_back_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # An import of a huge log: the postmortem would outgrow what a load accepts, and be lost to pmtui.
    from pmtui.storage import documents

    postmortem = tmp_path / "pm.toml"
    shutil.copy(SAMPLE, postmortem)
    before = postmortem.read_bytes()
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", len(before) + 100)
    rows = "".join(f"10:{minute:02d},event number {minute} with some words,shell\n" for minute in range(60))
    (tmp_path / "events.csv").write_text("time,event,source\n" + rows)
    assert main(["import", "--from", "csv", str(postmortem), str(tmp_path / "events.csv")]) == 2
    assert "not saved: it would be 0 MB, more than pmtui reads as one file" in one_line_error(capsys)
    assert postmortem.read_bytes() == before


@pytest.mark.parametrize("kind", ["csv", "jsonl", "pagerduty"])
def test_an_import_source_too_large_is_refused_before_it_is_read_whole(kind: str, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import pmtui.importers

    monkeypatch.setattr(pmtui.importers, "SOURCE_LIMIT_BYTES", 3 * 1024 * 1024)  # the real one is 200 MB
    postmortem = tmp_path / "pm.toml"
    shutil.copy(SAMPLE, postmortem)
    source = tmp_path / "source.log"
    with source.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024 + 1)
    assert main(["import", "--from", kind, str(postmortem), str(source)]) == 2
    assert one_line_error(capsys) == f"pmtui: {source}: larger than 3 MB, more than pmtui reads as one file\n"


@pytest.mark.parametrize("command", [["check", ""], ["export", ""], ["export", str(SAMPLE), "-o", ""], ["new", ""],
                                     ["import", "--from", "csv", str(SAMPLE), ""], ["actions", ""], ["patterns", ""],
                                     ["search", "", "pool"], ["schema", "-o", ""]])
def test_an_empty_path_is_refused_rather_than_meaning_the_current_folder(command: list[str],
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # `pmtui check "$CHANGED"` with CHANGED unset checked every postmortem under the current folder.
    with pytest.raises(SystemExit) as exited:
        main(command)
    assert exited.value.code == 2
    assert "an empty path (a shell variable that is not set?)" in capsys.readouterr().err


def test_a_report_day_near_the_calendar_s_ends_is_refused(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["actions", str(library), "--today", "0001-01-01"])
    assert exited.value.code == 2
    assert 'argument --today: date "0001-01-01" is out of range (years 1900 to 9000)' in capsys.readouterr().err


def test_a_layout_with_thousands_of_phases_is_refused(tmp_path: Path) -> None:
    phase = '[[phases]]\nid = "p{0}"\ntitle = "Phase {0}"\nminutes = 480\npanel = "summary"\n'
    layout = tmp_path / "endless.toml"
    layout.write_text('name = "endless"\ntitle = "Endless"\n' + "".join(phase.format(index) for index in range(5000)))
    with pytest.raises(LayoutError) as caught:
        load_layout(str(layout))
    assert str(caught.value) == f"{layout}: phases: 5000 entries, more than the 50 allowed"


@pytest.mark.parametrize("command", [["actions"], ["patterns"], ["search", "pool"]], ids=["actions", "patterns", "search"])
def test_a_file_name_that_is_not_utf8_does_not_stop_a_library_report(library: Path, command: list[str],
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # A repository can hold any bytes in a name; the index stores names as text.
    shutil.copy(SAMPLE, os.fsencode(library) + b"/incident-\xff.toml")
    os.mkdir(os.fsencode(library) + b"/folder-\xfe")
    shutil.copy(SAMPLE, os.fsencode(library) + b"/folder-\xfe/incident.toml")
    assert main([command[0], str(library), *command[1:]]) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("name", ["x\ny.toml", "x\n[incident]\ntitle = 'forged'\n#.toml", "a b.toml",
                                  os.fsdecode(b"bytes-\xfd.toml")])
def test_new_makes_a_file_it_can_read_whatever_its_name(tmp_path: Path, name: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # The name goes into the file's first comment; a newline in it ended the comment and broke the file.
    assert main(["new", str(tmp_path / name), "--title", "Checkout errors", "--no-schema"]) == 0
    assert main(["check", str(tmp_path / name)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    from pmtui import storage

    assert storage.load_document(tmp_path / name).incident.title == "Checkout errors"


def test_checking_a_folder_without_postmortems_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("postmortems live in docs/postmortems/\n")
    assert main(["check", str(tmp_path / "docs")]) == 0  # nothing is wrong, but nothing was checked either
    assert one_line_error(capsys) == (f"pmtui: {tmp_path / 'docs'}: no postmortems in this folder "
                                      "(.toml or .json files; hidden ones are skipped)\n")
