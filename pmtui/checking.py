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
from pmtui.review.blockers import blockers



@dataclass(frozen=True)
class Problem:
    """One line of `pmtui check` output."""

    file: str
    path: str
    severity: str  # "error", "warning" or "note"
    rule: str
    message: str
    suggestion: str | None = None

    def line(self) -> str:
        where = f"{self.file}:{self.path}" if self.path else self.file
        text = f"{where}: {self.severity} {self.rule} {self.message}"
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
    following = document.incident.status.next()
    if following is not None:
        problems.extend(
            Problem(file, blocker.path, "note", f"next-{following.value}", f"for {following.value}: {blocker.message}")
            for blocker in blockers(document, following)
            if blocker.path not in reviewed_paths
        )
    problems.extend(reviewed)
    return problems


def _review_problems(document: Document, file: str, today: dt.date | None) -> list[Problem]:
    try:
        from pmtui.review import review
    except ImportError:
        return []
    return [
        Problem(file, finding.path, finding.severity, finding.rule, finding.message, finding.suggestion)
        for finding in review(document, today=today)
    ]


def expand_paths(arguments: list[str]) -> list[Path]:
    """Files as given; folders searched recursively for .toml and .json postmortems."""
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
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
                print(f"pmtui: {exc}", file=err)
            continue
        problems = document_problems(document, str(path), today=today)
        report.extend(problems)
        if any(p.severity == "error" or (strict and p.severity == "warning") for p in problems):
            failed = True
        if output_format == "text":
            for problem in problems:
                print(problem.line(), file=out)
            errors = sum(p.severity == "error" for p in problems)
            warnings = sum(p.severity == "warning" for p in problems)
            verdict = "FAIL" if errors or (strict and warnings) else "ok"
            print(f"{path}: {verdict} ({document.incident.status.value}; {errors} error(s), {warnings} warning(s))", file=out)
    if output_format == "json":
        json.dump([asdict(problem) for problem in report], out, indent=2, ensure_ascii=False)
        out.write("\n")
    if unreadable:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if failed else EXIT_OK
