"""`pmtui check` findings for CI: GitHub Actions workflow commands and SARIF 2.1.0.

Both point at the line and column of each finding's field in its file (see field_lines.py), so a
pull request shows the finding beside the line that needs a change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from pmtui import __version__
from pmtui.export.field_lines import Position, locator
from pmtui.terminal_text import for_terminal

CI_FORMATS = ("github", "sarif")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

# GitHub's workflow commands: ::error, ::warning and ::notice.
_GITHUB_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}
# Where a file's own parser named the line of its mistake ("at line 5", "line 5, column 8").
_ERROR_LINE = re.compile(r"line (\d+)(?:,? column (\d+))?")
_LEADING_PATH = re.compile(r"([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): ")


class Finding(Protocol):
    """What `pmtui check` reports (checking.Problem): read here, never built."""

    file: str
    path: str
    severity: str
    rule: str
    message: str
    suggestion: str | None


def render(output_format: str, findings: list[Finding]) -> str:
    where = _Locations()
    if output_format == "github":
        return "".join(github_command(finding, where(finding)) + "\n" for finding in findings)
    return json.dumps(sarif_log(findings, where), indent=2) + "\n"


class _Locations:
    """Each file read and scanned once, however many findings it has."""

    def __init__(self) -> None:
        self._locators: dict[str, Callable[[str], Position]] = {}

    def __call__(self, finding: Finding) -> Position:
        # An unreadable file's message names the line ("TOML syntax error: ... at line 5") or
        # the field that failed validation ("timeline[3].time: invalid time").
        path = finding.path or _leading_path(finding.message)
        if not path:
            found = _ERROR_LINE.search(finding.message)
            return (int(found.group(1)), int(found.group(2) or 1)) if found else (1, 1)
        if finding.file not in self._locators:
            self._locators[finding.file] = _file_locator(Path(finding.file))
        return self._locators[finding.file](path)


def _leading_path(message: str) -> str:
    found = _LEADING_PATH.match(message)
    return found.group(1) if found else ""


def _file_locator(path: Path) -> Callable[[str], Position]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return lambda _path: (1, 1)
    return locator(text, "json" if path.suffix.lower() == ".json" else "toml")


def _message(finding: Finding) -> str:
    text = f"{finding.path}: {finding.message}" if finding.path else finding.message
    if finding.suggestion:
        text += f" (suggest: {finding.suggestion})"
    return text


# ------------------------------------------------------------------------------------ GitHub


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(finding: Finding, position: Position) -> str:
    """`::warning file=pm.toml,line=12,col=1,title=pmtui blame-name::timeline[4].event: …`

    Escaped as GitHub's own toolkit does (% CR LF everywhere, and : , in properties), after
    control characters from the document are made visible: the log is shown in a terminal view.
    A property is escaped the other way round, so that a file name's line break comes back from
    %0A as itself and the annotation finds the file; its other controls are made visible.
    """
    line, column = position
    properties = {"file": finding.file, "line": str(line), "col": str(column), "title": f"pmtui {finding.rule}"}
    shown = ",".join(f"{name}={for_terminal(_escape_property(value))}" for name, value in properties.items())
    command = _GITHUB_COMMANDS.get(finding.severity, "warning")
    return f"::{command} {shown}::{_escape_data(for_terminal(_message(finding)))}"


# ------------------------------------------------------------------------------------- SARIF


def _uri(file: str) -> str:
    """A relative path stays relative (GitHub resolves it against the repository)."""
    path = Path(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def sarif_log(findings: Iterable[Finding], where: Callable[[Finding], Position]) -> dict:
    """One run of the `pmtui` tool, each result with its file, line and column, and the field path."""
    findings = list(findings)
    rule_index = {rule: index for index, rule in enumerate(dict.fromkeys(finding.rule for finding in findings))}
    results = []
    for finding in findings:
        line, column = where(finding)
        location: dict = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(finding.file)},
                "region": {"startLine": line, "startColumn": column},
            },
        }
        if finding.path:
            location["logicalLocations"] = [{"fullyQualifiedName": finding.path, "kind": "member"}]
        results.append({
            "ruleId": finding.rule,
            "ruleIndex": rule_index[finding.rule],
            "level": finding.severity if finding.severity in ("error", "warning", "note") else "warning",
            "message": {"text": _message(finding)},
            "locations": [location],
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pmtui", "version": __version__, "rules": [{"id": rule} for rule in rule_index]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
