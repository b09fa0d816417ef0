"""Library commands never pass a document's control sequences to the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from library_corpus import TODAY, write_corpus, write_document

from pmtui.cli import main

HOSTILE = "\x1b]52;c;ZXZpbA==\x07 \x1b]0;title\x07 \x1b[?1049l \x9b31m \x85 \u202eevil\u202c \x00\x7f"
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    write_corpus(tmp_path)
    sections = {
        "incident": {"title": f"Pool exhausted {HOSTILE}", "id": f"INC-{HOSTILE}", "date": "2026-05-02",
                     "severity": "SEV1", "tags": [f"tag {HOSTILE}"], "summary": f"Summary {HOSTILE}"},
        "root_cause": {"problem": f"The orders database connection pool was exhausted under peak traffic {HOSTILE}",
                       "contributing_factors": [f"pool size {HOSTILE}", f"odd {HOSTILE}"]},
        "action_items": [{"action": f"Raise the pool {HOSTILE}", "owner": f"eve {HOSTILE}", "due": "2026-05-10"}],
    }
    write_document(tmp_path, "2026/bad\nok.toml", **sections)
    write_document(tmp_path, "2026/copy.toml", **sections)  # the same id twice: the duplicate warning too
    return tmp_path


@pytest.mark.parametrize("arguments", [
    ["actions", "{dir}"], ["actions", "{dir}", "--overdue"], ["patterns", "{dir}"], ["patterns", "{dir}", "--format", "md"],
    ["search", "{dir}", "pool"], ["search", "{dir}", "evil"], ["similar", "{dir}/2026/copy.toml"],
    ["similar", "{dir}/2026/2026-01-15-07.toml"],
], ids=lambda arguments: " ".join(arguments[:1] + arguments[2:]))
def test_no_control_character_reaches_the_terminal(library: Path, arguments: list[str],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main([argument.replace("{dir}", str(library)) for argument in arguments] + ["--today", TODAY.isoformat()]
                if arguments[0] in ("actions", "patterns") else
                [argument.replace("{dir}", str(library)) for argument in arguments]) == 0
    captured = capsys.readouterr()
    assert "evil" in captured.out or "pool" in captured.out.lower()  # the hostile document was shown
    for stream in (captured.out, captured.err):
        assert not UNSAFE.findall(stream)
