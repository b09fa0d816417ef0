"""Shared pytest plumbing: figures a test wants shown in the terminal summary."""

from __future__ import annotations

from collections.abc import Callable

import os

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run unless asked otherwise: the suite is
# deterministic in CI; PMTUI_FUZZ_RANDOM=1 explores.
settings.register_profile("repeatable", derandomize=os.environ.get("PMTUI_FUZZ_RANDOM") != "1", deadline=None)
settings.load_profile("repeatable")

_SUMMARY_LINES = pytest.StashKey[list[str]]()


@pytest.fixture
def terminal_summary(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Call with a line of text to print it at the end of the test run (e.g. a measured figure)."""
    return request.config.stash.setdefault(_SUMMARY_LINES, []).append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(_SUMMARY_LINES, [])
    if lines:
        terminalreporter.section("figures")
        for line in lines:
            terminalreporter.write_line(line)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the long harnesses marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="a long harness: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
