"""The `pmtui` command's foundation: --version/--help, `new`, `check` and `export`.

`tests/broken/` holds one deliberately broken file per mistake a hand-edited postmortem can
contain; each must give exactly one line on stderr naming the file and where, and exit code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from document_factory import BROKEN, SAMPLES
from pmtui import __version__, checking, storage
from pmtui.checking import Problem
from pmtui.cli import main

# file in tests/broken -> a fragment of its one-line message (after "pmtui: <path>: ")
BROKEN_FILES = {
    "toml-syntax-error.toml": "TOML syntax error: Illegal character '\\n' (at line 2, column 24)",
    "wrong-type-list.toml": 'incident.reviewers: input should be a valid list (got "Jonas Weber")',
    "wrong-type-section.toml": "timeline: input should be a valid list",
    "bad-date.toml": 'incident.date: invalid date "2026-02-30" (use YYYY-MM-DD)',
    "datetime-as-date.toml": 'incident.date: expected a date like 2026-04-20, got the datetime "2026-04-20T14:02:00"',
    "bad-due-date.toml": 'action_items[0].due: invalid date "next week"',
    "impossible-time.toml": 'timeline[3].time: invalid time "25:61"',
    "unknown-timezone.toml": 'incident.timezone: unknown time zone "Europe/Atlantis"',
    "bad-severity.toml": "incident.severity: input should be 'SEV1', 'SEV2', 'SEV3' or 'SEV4'",
    "missing-title.toml": "incident.title: required field is missing",
    "missing-event-text.toml": "timeline[0].event: must not be empty",
    "duplicate-timeline-id.toml": 'timeline[1].id: duplicate event id "T1"',
    "duplicate-why-id.toml": 'whys[2].id: duplicate why id "1.1"',
    "why-without-parent.toml": 'whys[1].id: "1.1.1" has no parent why "1.1"',
    "bad-why-id.toml": "whys[0].id: invalid why id",
    "unknown-why-in-addresses.toml": 'action_items[0].addresses: unknown why id "1.4"',
    "unknown-evidence-id.toml": 'whys[0].evidence: unknown timeline event id "T9"',
    "duplicate-milestone.toml": 'timeline[2].milestone: "detected" is already on timeline[1]',
    "newer-schema-version.toml": "schema_version 3 was written by a newer pmtui",
    "unknown-field.toml": "incident.severty: unknown field",
    "empty.toml": "file is empty",
    "whitespace-only.json": "file is empty",
    "latin1.toml": "not UTF-8 text (byte 0xe9 at offset 23)",
    "invalid.json": "line 4, column 3: JSON syntax error",
    "array-at-top.json": "expected a JSON object {...} at the top, got an array",
    "duplicate-json-key.json": 'key "title" appears twice in one JSON object (keep one: pmtui would lose the other)',
    "lone-surrogate.json": "incident.timezone: contains \\udc80, half of a UTF-16 pair and no character on its own",
    "huge-number.json": "JSON error: a number longer than 4300 digits",
    "section-as-array.toml": "incident: expected a table ([section] in TOML, {...} in JSON), got an array",
    "bool-in-list.toml": "incident.reviewers[1]: input should be a valid string (got true)",
    "machine-local-timezone.toml": 'incident.timezone: time zone "localtime" differs from machine to machine',
}

# Made by the test, so the repository holds no binary files: name -> (bytes, message fragment)
GENERATED_FILES = {
    "screenshot.toml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "not UTF-8 text (byte 0x89 at offset 0)"),
    "nul-bytes.json": (b'{"incident": {"title": "x\x00"}}', "contains NUL bytes"),
    "notes.txt": (b"not a postmortem", "unknown file type '.txt'"),
}


def generated_cases(tmp_path: Path) -> dict[Path, str]:
    cases = {}
    for name, (data, fragment) in GENERATED_FILES.items():
        path = tmp_path / name
        path.write_bytes(data)
        cases[path] = fragment
    return cases


def assert_one_line_error(capsys: pytest.CaptureFixture[str], path: Path, fragment: str) -> None:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert captured.err.splitlines() == [captured.err.rstrip("\n")], captured.err
    assert captured.err.startswith(f"pmtui: {path}: ")
    assert fragment in captured.err


def test_every_broken_file_has_an_expected_message() -> None:
    assert sorted(BROKEN_FILES) == sorted(path.name for path in BROKEN.iterdir())


@pytest.mark.parametrize("command", ["check", "export"])
@pytest.mark.parametrize(("name", "fragment"), sorted(BROKEN_FILES.items()))
def test_broken_file_gives_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], command: str, name: str, fragment: str
) -> None:
    path = BROKEN / name
    assert main([command, str(path)]) == 2
    assert_one_line_error(capsys, path, fragment)


def test_binary_and_mistyped_files_give_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path, fragment in generated_cases(tmp_path).items():
        assert main(["check", str(path)]) == 2
        assert_one_line_error(capsys, path, fragment)


def test_checking_the_broken_folder_reports_each_file_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BROKEN)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == len(BROKEN_FILES)
    assert all(line.startswith(f"pmtui: {BROKEN}") for line in lines)


# ----------------------------------------------------------------------------- --version, --help


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"pmtui {__version__}\n"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("new", "check", "export", "meet"):
        assert f"    {command} " in out


def test_a_command_imports_no_other_command_module() -> None:
    import subprocess
    import sys

    sample = SAMPLES / "db-pool-exhaustion.toml"
    script = (
        "import sys; from pmtui.cli import main; code = main(['check', sys.argv[1]]); "
        "print(code, sorted(name for name in sys.modules if name.startswith('pmtui.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", script, str(sample)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 ['pmtui.cli.check']"


# ------------------------------------------------------------------------------------------ new


def test_new_writes_a_loadable_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "search-latency.toml"
    code = main(["new", str(path), "--title", "Search latency", "--severity", "P2",
                 "--date", "2026-04-20", "--timezone", "Europe/Berlin"])
    assert code == 0
    assert capsys.readouterr().out.splitlines()[0] == f"created {path} (SEV2, draft)"
    assert "# An incident postmortem. Run `pmtui meet search-latency.toml` to review it." in path.read_text().splitlines()
    incident = storage.load_document(path).incident
    assert (incident.title, incident.severity, incident.status, str(incident.date), incident.timezone) == (
        "Search latency", "SEV2", "draft", "2026-04-20", "Europe/Berlin",
    )


def test_new_json(tmp_path: Path) -> None:
    path = tmp_path / "incident.json"
    assert main(["new", str(path)]) == 0
    assert json.loads(path.read_text())["incident"]["title"] == "Untitled incident"


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "taken.toml"
    path.write_text("keep me")
    assert main(["new", str(path)]) == 2
    assert_one_line_error(capsys, path, "already exists; not overwriting it")
    assert path.read_text() == "keep me"


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [("--severity", "SEV9", "incident.severity"), ("--date", "2026-13-01", "incident.date: invalid date"),
     ("--timezone", "Moon/Base", "incident.timezone: unknown time zone")],
)
def test_new_with_a_bad_option_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, fragment: str
) -> None:
    path = tmp_path / "x.toml"
    assert main(["new", str(path), option, value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pmtui: ") and fragment in err
    assert not path.exists()


# ---------------------------------------------------------------------------------------- check


@pytest.fixture
def without_review(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the status gates: the review rules have their own tests and may grow."""
    monkeypatch.setattr(checking, "_review_problems", lambda *arguments: [])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


CLAIMS_FINAL_TOO_EARLY = """
[incident]
title = "Search latency"
severity = "SEV2"
status = "final"
summary = "Search was slow."

[root_cause]
summary = "A reindex ran on the primary."

[[timeline]]
time = "10:00"
event = "Reindex starts"

[[action_items]]
action = "Run reindexing on a replica"
"""


def test_check_passes_the_samples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLES)]) == 0
    out = capsys.readouterr().out
    assert out.count(": ok (") == len([p for p in SAMPLES.iterdir() if p.suffix in (".toml", ".json")])


@pytest.mark.usefixtures("without_review")
def test_check_fails_a_document_missing_what_its_status_needs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "early.toml", CLAIMS_FINAL_TOO_EARLY)
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{path}:action_items[0].owner: error status-final AI-1 needs an owner" in lines
    assert f"{path}:whys: error status-final SEV2 needs a why chain at least 3 deep (deepest is 0)" in lines
    assert lines[-1] == f"{path}: FAIL (final; 4 error(s), 0 warning(s))"


@pytest.mark.usefixtures("without_review")
def test_check_notes_what_blocks_the_next_status_without_failing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "review.toml", CLAIMS_FINAL_TOO_EARLY.replace('"final"', '"in_review"'))
    assert main(["check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"{path}:action_items[0].owner: note next-final for final: AI-1 needs an owner" in lines
    assert lines[-1] == f"{path}: ok (in_review; 0 error(s), 0 warning(s))"


def test_an_unreadable_file_wins_over_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    early = write(tmp_path / "early.toml", CLAIMS_FINAL_TOO_EARLY)
    assert main(["check", str(early), str(BROKEN / "empty.toml")]) == 2


def test_strict_turns_warnings_into_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def one_warning(document: object, file: str, today: object, *settings: object) -> list[Problem]:
        return [Problem(file, "incident.summary", "warning", "example-rule", "reads as blame")]

    monkeypatch.setattr(checking, "_review_problems", one_warning)
    path = SAMPLES / "cert-expiry-staging.toml"
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:incident.summary: warning example-rule reads as blame" in out
    assert out.splitlines()[-1] == f"{path}: FAIL (final; 0 error(s), 1 warning(s))"


def test_check_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    early = write(tmp_path / "early.toml", CLAIMS_FINAL_TOO_EARLY)
    broken = BROKEN / "impossible-time.toml"
    assert main(["check", "--format", "json", str(early), str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.err == ""
    report = json.loads(captured.out)
    assert set(report[0]) == {"file", "path", "ref", "severity", "rule", "message", "suggestion"}
    assert {(p["file"], p["severity"], p["rule"]) for p in report} >= {
        (str(early), "error", "status-final"), (str(broken), "error", "unreadable"),
    }
    unreadable = next(p for p in report if p["rule"] == "unreadable")
    assert unreadable["message"] == 'timeline[3].time: invalid time "25:61"'


@pytest.mark.usefixtures("without_review")
def test_check_recurses_into_folders_but_skips_hidden_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nested = write(tmp_path / "2026" / "q3" / "search.toml", '[incident]\ntitle = "Search latency"\n')
    write(tmp_path / ".git" / "broken.toml", "not = [toml")
    write(tmp_path / "README.md", "# Postmortems")
    assert main(["check", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith(f"{nested}:") for line in lines)
    assert lines[-1] == f"{nested}: ok (draft; 0 error(s), 0 warning(s))"


# --------------------------------------------------------------------------------------- export


def test_export_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SAMPLES / "db-pool-exhaustion.toml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Orders API outage: database connection pool exhausted after a deploy\n")
    assert "## Action items" in out


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_export_to_the_other_formats_gives_the_same_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    source = SAMPLES / "checkout-index-lock.toml"
    assert main(["export", str(source), "--format", fmt]) == 0
    exported = write(tmp_path / f"copy.{fmt}", capsys.readouterr().out)
    assert storage.load_document(exported) == storage.load_document(source)


def test_export_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = SAMPLES / "disk-full.json", tmp_path / "disk-full.md"
    assert main(["export", str(source)]) == 0
    to_stdout = capsys.readouterr().out
    assert main(["export", str(source), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"wrote {out}\n")
    assert out.read_text() == to_stdout


def test_export_to_a_missing_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "x.md"
    assert main(["export", str(SAMPLES / "disk-full.json"), "-o", str(out)]) == 2
    assert_one_line_error(capsys, out, "cannot save")
