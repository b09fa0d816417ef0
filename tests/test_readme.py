"""The README is the user's manual: its set-up commands and command table must stay true."""

from __future__ import annotations

import re
from pathlib import Path

from pmtui.cli import COMMAND_MODULES, build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line and line.startswith("python3"))
    assert f"    {command}\n" in README


def test_the_install_command_opens_the_app() -> None:
    assert "    python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/pmtui\n" in README


def test_every_command_is_in_the_readme_table() -> None:
    choices = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert len(choices) == len(COMMAND_MODULES)
    for name in choices:
        assert re.search(rf"`pmtui {name}\b", README), name


def test_linked_docs_exist() -> None:
    for link in re.findall(r"\]\(((?:docs|benchmarks)/[^)]+)\)", README):
        assert (REPO / link).exists(), link
