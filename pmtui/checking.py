"""What `pmtui check` does: load each file, list what its status lacks, set the exit code.

Kept apart from the argument parsing so the library index and tests can call it directly.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from pmtui import storage
from pmtui.document import gates
from pmtui.document.model import Document
from pmtui.exits import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from pmtui.terminal_text import for_terminal, json_for_terminal



@dataclass(frozen=True)
class Problem:
    """One line of `pmtui check` output."""

    file: str
    path: str
    severity: str  # "error", "warning" or "note"
    rule: str
    message: str
    suggestion: str | None = None
    ref: str = ""  # the field as the app's screen names it ("T4", "why 1.2.1"), for review findings

    def line(self) -> str:
        where = f"{self.file}:{self.path}" if self.path else self.file
        ref = f"[{self.ref}] " if self.ref else ""
        text = f"{where}: {self.severity} {self.rule} {ref}{self.message}"
        if self.suggestion:
            text += f" (suggest: {self.suggestion})"
        return text


def document_problems(document: Document, file: str, *, today: dt.date | None = None) -> list[Problem]:
    """Errors for what the claimed status lacks; notes for what blocks the next status; review findings.

    A note is left out where a review finding already points at the same field: the finding says
    the same thing with a suggestion.
    """
    problems = [
        Problem(file, requirement.path, "error", f"status-{document.incident.status.value}", requirement.message)
        for requirement in gates.unmet_claimed(document)
    ]
    reviewed = _review_problems(document, file, today)
    reviewed_paths = {problem.path for problem in reviewed}
    following, blocking = gates.blocking_next(document)
    if following is not None:
        problems.extend(
            Problem(file, requirement.path, "note", f"next-{following.value}", f"for {following.value}: {requirement.message}")
            for requirement in blocking
            if requirement.path not in reviewed_paths
        )
    problems.extend(reviewed)
    return problems


def _review_problems(document: Document, file: str, today: dt.date | None) -> list[Problem]:
    try:
        from pmtui.review import review
    except ImportError:
        return []
    return [
        Problem(file, finding.path, finding.severity, finding.rule, finding.message,
                finding.file_suggestion or finding.suggestion, finding.ref)
        for finding in review(document, today=today)
    ]


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a name too long: loading it says why, as for any unreadable file
        return False


def expand_paths(arguments: list[str]) -> list[Path]:
    """Files as given; folders searched recursively for .toml and .json postmortems."""
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if _is_folder(path):
            paths.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in storage.FORMATS and p.is_file()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            paths.append(path)
    return paths


def check_paths(
    arguments: list[str], *, strict: bool = False, output_format: str = "text",
    out: TextIO | None = None, err: TextIO | None = None, today: dt.date | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    unreadable = False
    failed = False
    report: list[Problem] = []
    for path in expand_paths(arguments):
        try:
            document = storage.load_document(path)
        except storage.DocumentError as exc:
            unreadable = True
            report.append(Problem(str(path), "", "error", "unreadable", str(exc).removeprefix(f"{path}: ")))
            if output_format == "text":
                print(f"pmtui: {for_terminal(str(exc))}", file=err)
            continue
        problems = document_problems(document, str(path), today=today)
        report.extend(problems)
        if any(p.severity == "error" or (strict and p.severity == "warning") for p in problems):
            failed = True
        if output_format == "text":
            for problem in problems:
                print(for_terminal(problem.line()), file=out)
            errors = sum(p.severity == "error" for p in problems)
            warnings = sum(p.severity == "warning" for p in problems)
            verdict = "FAIL" if errors or (strict and warnings) else "ok"
            print(f"{for_terminal(str(path))}: {verdict} ({document.incident.status.value}; {errors} error(s), {warnings} warning(s))", file=out)
    if output_format == "json":
        out.write(json_for_terminal(json.dumps([asdict(problem) for problem in report], indent=2, ensure_ascii=False)))
        out.write("\n")
    elif output_format != "text":  # github, sarif
        from pmtui.export.ci_formats import render

        out.write(render(output_format, report))
    if unreadable:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if failed else EXIT_OK
