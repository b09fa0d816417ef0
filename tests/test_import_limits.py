"""Hostile or damaged import sources: one line naming the file and where in it, exit 2, never a
traceback; a zip may not expand without limit."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest

from document_factory import SAMPLES
from pmtui.cli import main
from pmtui.importers import read_events
from pmtui.importers import slack as slack_module

DAY = [{"type": "message", "user": "U1", "text": "rolling back", "ts": "1793106580.000100"}]


@pytest.fixture
def postmortem(tmp_path: Path) -> Path:
    path = tmp_path / "pm.toml"
    path.write_bytes((SAMPLES / "db-pool-exhaustion.toml").read_bytes())
    return path


def import_error(postmortem: Path, kind: str, source: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = postmortem.read_bytes()
    assert main(["import", str(postmortem), "--from", kind, str(source)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert postmortem.read_bytes() == before
    return err.removeprefix("pmtui: ").rstrip("\n")


def slack_zip(path: Path, *, compression: int = zipfile.ZIP_DEFLATED, day: bytes | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression) as bundle:
        bundle.writestr("users.json", "[]")
        bundle.writestr("incident/2026-10-27.json", day if day is not None else json.dumps(DAY * 50))
    return path


def patch_central_directory(path: Path, field_offset: int, value: int) -> None:
    """Overwrite a 2-byte field of the day file's central directory record."""
    data = bytearray(path.read_bytes())
    record = data.rindex(b"PK\x01\x02")  # the last entry: the day file
    data[record + field_offset:record + field_offset + 2] = struct.pack("<H", value)
    path.write_bytes(bytes(data))


def test_corrupt_deflate_data(tmp_path: Path, postmortem: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = slack_zip(tmp_path / "export.zip")
    with zipfile.ZipFile(archive) as bundle:
        info = bundle.getinfo("incident/2026-10-27.json")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename)
    data[start:start + 8] = b"\xff" * 8  # an invalid deflate block type
    archive.write_bytes(bytes(data))
    message = import_error(postmortem, "slack", archive, capsys)
    assert message.startswith(f"{archive}/incident/2026-10-27.json: cannot read this part of the .zip (")


def test_an_unsupported_compression_method(tmp_path: Path, postmortem: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = slack_zip(tmp_path / "export.zip", compression=zipfile.ZIP_STORED)
    patch_central_directory(archive, 10, 99)  # compression method 99 (AE-x encryption)
    message = import_error(postmortem, "slack", archive, capsys)
    assert message.startswith(f"{archive}/incident/2026-10-27.json: cannot read this part of the .zip (")
    assert "compression method" in message


def test_an_encrypted_entry(tmp_path: Path, postmortem: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = slack_zip(tmp_path / "export.zip", compression=zipfile.ZIP_STORED)
    patch_central_directory(archive, 8, 0x1)  # general purpose flag bit 0: encrypted
    message = import_error(postmortem, "slack", archive, capsys)
    assert message.startswith(f"{archive}/incident/2026-10-27.json: cannot read this part of the .zip (")
    assert "encrypted" in message


def test_a_zip_may_not_expand_past_its_budget(tmp_path: Path, postmortem: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slack_module, "ZIP_BUDGET_BYTES", 1024 * 1024)
    padding = [{"type": "message", "subtype": "channel_join", "text": " " * 1000, "ts": "1793106580.000100"}]
    archive = slack_zip(tmp_path / "bomb.zip", day=json.dumps(padding * 2000).encode())
    assert archive.stat().st_size < 100_000
    message = import_error(postmortem, "slack", archive, capsys)
    assert message == f"{archive}: expands to more than 1 MB (at incident/2026-10-27.json); not a Slack export pmtui reads"


def test_the_budget_leaves_real_exports_alone(tmp_path: Path) -> None:
    archive = slack_zip(tmp_path / "export.zip")
    assert len(read_events("slack", archive)) == 50


def test_a_huge_slack_timestamp(tmp_path: Path, postmortem: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = slack_zip(tmp_path / "export.zip", day=json.dumps([{**DAY[0], "ts": "99999999999999999999"}]).encode())
    message = import_error(postmortem, "slack", archive, capsys)
    assert message == f"{archive}/incident/2026-10-27.json: message 0: ts: 99999999999999999999 is not a time (out of range)"


def test_a_slack_timestamp_in_year_9999(tmp_path: Path, postmortem: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = slack_zip(tmp_path / "export.zip", day=json.dumps([{**DAY[0], "ts": "253402300000.000100"}]).encode())
    message = import_error(postmortem, "slack", archive, capsys)
    assert message.startswith(f"{archive}/incident/2026-10-27.json: message 0: ts: 9999-12-31T23:46:40+00:00 is out of range")


def test_a_csv_time_in_year_9999_with_an_offset(tmp_path: Path, postmortem: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "timeline.csv"
    source.write_text("time,event,source\n10:00,ok,ci\n9999-12-31T23:59:00-05:00,late,ci\n")
    message = import_error(postmortem, "csv", source, capsys)
    assert message == f"{source}: line 3: time: 9999-12-31T23:59:00-05:00 is out of range (years 2 to 9998)"


@pytest.mark.parametrize("kind", ["pagerduty", "jsonl"])
def test_a_5000_digit_number(tmp_path: Path, postmortem: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    source = tmp_path / "log.json"
    number = "9" * 5000
    if kind == "jsonl":
        source.write_text('{"time": "10:00", "event": "ok"}\n{"time": "10:01", "event": "x", "n": ' + number + "}\n")
        where = f"{source}: line 2"
    else:
        source.write_text('{"log_entries": [], "total": ' + number + "}")
        where = str(source)
    message = import_error(postmortem, kind, source, capsys)
    assert message.startswith(f"{where}: JSON error: a number longer than ")


def test_a_lone_surrogate_in_json_lines(tmp_path: Path, postmortem: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "events.jsonl"
    source.write_text('{"time": "10:00", "event": "ok"}\n{"time": "10:01", "event": "half \\ud800 a pair"}\n')
    message = import_error(postmortem, "jsonl", source, capsys)
    assert message == f"{source}: line 2: event: contains \\ud800, half of a UTF-16 pair and no character on its own"


def test_a_raw_line_separator_inside_a_json_lines_string_parses(tmp_path: Path) -> None:
    source = tmp_path / "events.jsonl"
    source.write_text('{"time": "10:00", "event": "first\u2028second"}\r\n{"time": "10:01", "event": "third"}\n',
                      encoding="utf-8", newline="")
    events = read_events("jsonl", source)
    assert [event.event for event in events] == ["first second", "third"]  # folded to one line, as any break
