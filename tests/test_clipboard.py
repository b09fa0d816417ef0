"""Copying without a system clipboard: a file instead, a clear one-line message, never an exception."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pyperclip
import pytest

from pmtui.clipboard import CopyMethod, copy_text

TEXT = "| Time | Event |\n| 14:09 | p99 → 30 s, «rollback» |\n"
NOW = dt.datetime(2026, 10, 27, 15, 4, 5)


@pytest.fixture
def no_clipboard(monkeypatch):
    def copy(text):
        raise pyperclip.PyperclipException(
            "Pyperclip could not find a copy/paste mechanism for your system.\n  https://pyperclip.readthedocs.io")

    monkeypatch.setattr(pyperclip, "copy", copy)


def test_system_clipboard_when_there_is_one(monkeypatch, tmp_path):
    copied = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    result = copy_text(TEXT, tmp_path)
    assert copied == [TEXT]
    assert (result.method, result.copied, result.path) == (CopyMethod.SYSTEM, True, None)
    assert result.message == f"Copied to the clipboard ({len(TEXT)} characters)."
    assert list(tmp_path.iterdir()) == []


def test_without_a_clipboard_the_text_goes_to_a_file(no_clipboard, tmp_path):
    result = copy_text(TEXT, tmp_path, suffix=".csv", now=NOW)
    assert result.method is CopyMethod.FILE and not result.copied
    assert result.path == tmp_path / "pmtui-export-20261027-150405.csv"
    assert result.path.read_bytes() == TEXT.encode("utf-8")
    assert result.message == (
        "No system clipboard here (Pyperclip could not find a copy/paste mechanism for your system.); "
        f"wrote the text to {result.path} instead."
    )
    assert "\n" not in result.message


def test_a_second_copy_in_the_same_second_gets_its_own_file(no_clipboard, tmp_path):
    first = copy_text("one", tmp_path, now=NOW)
    second = copy_text("two", tmp_path, now=NOW)
    assert second.path == tmp_path / "pmtui-export-20261027-150405-2.md"
    assert (first.path.read_text(), second.path.read_text()) == ("one", "two")


def test_the_terminal_clipboard_is_tried_and_a_file_kept_in_case_the_terminal_ignores_it(no_clipboard, tmp_path):
    sent = []
    result = copy_text(TEXT, tmp_path, terminal_copy=sent.append, now=NOW)
    assert sent == [TEXT]
    assert (result.method, result.copied) == (CopyMethod.TERMINAL, True)
    assert result.path.read_text(encoding="utf-8") == TEXT
    assert result.message == f"Sent to the terminal's clipboard; if it did not arrive, the text is in {result.path}."


def test_when_the_file_cannot_be_written_either_it_says_so_and_does_not_raise(no_clipboard, tmp_path):
    missing = tmp_path / "gone"
    result = copy_text(TEXT, missing)
    assert (result.method, result.copied, result.path) == (CopyMethod.NONE, False, None)
    assert result.message.startswith("No system clipboard (Pyperclip could not find")
    assert f"saving a copy in {missing} failed: No such file or directory." in result.message


def test_a_failing_clipboard_tool_is_handled_like_no_clipboard(monkeypatch, tmp_path):
    def broken_tool(text):
        raise subprocess.CalledProcessError(1, ["xclip", "-selection", "c"])

    monkeypatch.setattr(pyperclip, "copy", broken_tool)
    result = copy_text(TEXT, tmp_path)
    assert result.method is CopyMethod.FILE
    assert "xclip" in result.message


def test_export_copy_puts_the_output_on_the_clipboard_instead_of_stdout(monkeypatch, capsys):
    from document_factory import SAMPLES
    from pmtui.cli import main

    copied = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    assert main(["export", str(SAMPLES / "db-pool-exhaustion.toml"), "--copy"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert copied[0].startswith("# Orders API outage")
    assert captured.err == f"Copied to the clipboard ({len(copied[0]):,} characters).\n"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG folders are the Linux and Unix convention")
def test_the_file_goes_to_the_users_cache_folder_not_the_current_one(no_clipboard, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    result = copy_text(TEXT, now=NOW)
    assert result.path is not None and result.path.parent == tmp_path / "cache" / "pmtui"
    assert result.path.read_text(encoding="utf-8") == TEXT
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["cache"]
