"""Shared pytest plumbing: figures a test wants shown in the terminal summary."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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
