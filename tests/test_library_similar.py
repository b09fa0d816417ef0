"""`pmtui similar FILE`: the similar-past-incidents list on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from realistic_truth import LIBRARY, QUERIES

from pmtui.cli import main


@pytest.fixture()
def library(tmp_path: Path) -> Path:
    shutil.copytree(LIBRARY, tmp_path / "library")
    return tmp_path / "library"


def test_lists_the_closest_incidents_with_why_and_their_action_items(library: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["similar", str(QUERIES / "launcher-wildcard-cert.toml"), "--library", str(library), "-n", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(" 1. Chat and meetings client could not sign anyone in for three hours\n")
    assert " 2. Object storage rejected HTTPS requests worldwide for twelve hours\n" in out
    assert " 3. " not in out
    assert "same failure mode: an expiry" in out
    # Open items first: what is still to do on a similar incident is the point of the list.
    assert out.index("AI-2 [in progress, Ben Okafor, due 2020-04-03]") < out.index("AI-1 [done, Ana Ruiz")


def test_json_is_the_same_list(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["similar", str(QUERIES / "zone-delegation-change.toml"), "--library", str(library),
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    files = [Path(match["file"]).name for match in data["similar"]]
    assert files[0] in {"dns-script-emergency-2021.toml", "edge-dns-directive-2021.toml"}
    assert [match["score"] for match in data["similar"]] == sorted((match["score"] for match in data["similar"]),
                                                                   reverse=True)
    assert {"why", "open_actions", "action_items", "date", "title"} <= set(data["similar"][0])


def test_the_library_defaults_to_the_file_folder_without_the_file_itself(library: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    own = library / "measure" / "leap-second-resolver-2017.toml"
    assert main(["similar", str(own), "--format", "json"]) == 0
    files = [Path(match["file"]).name for match in json.loads(capsys.readouterr().out)["similar"]]
    assert files[0] == "leap-day-vm-agent-2012.toml"
    assert own.name not in files


def test_nothing_similar_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(QUERIES / "wan-router-command.toml", tmp_path / "only.toml")
    assert main(["similar", str(tmp_path / "only.toml")]) == 0
    assert capsys.readouterr().out == f"No similar past incidents in {tmp_path}.\n"


@pytest.mark.parametrize("arguments, message", [
    (["similar", "missing.toml"], "pmtui: missing.toml: no such file\n"),
    (["similar", str(QUERIES / "wan-router-command.toml"), "--library", "no-such-dir"],
     "pmtui: no-such-dir: no such folder\n"),
])
def test_bad_input_is_one_line_and_exit_2(arguments: list[str], message: str, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(arguments) == 2
    assert capsys.readouterr().err == message
