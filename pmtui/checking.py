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
from pmtui.policy import DEFAULT_POLICY, Policy, PolicyError, load_policy
from pmtui.review.findings import ReviewConfig, review_config
from pmtui.terminal_text import for_terminal, json_for_terminal
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
    ref: str = ""  # the field as the app's screen names it ("T4", "why 1.2.1"), for review findings

    def line(self) -> str:
        where = f"{self.file}:{self.path}" if self.path else self.file
        ref = f"[{self.ref}] " if self.ref else ""
        text = f"{where}: {self.severity} {self.rule} {ref}{self.message}"
        if self.suggestion:
            text += f" (suggest: {self.suggestion})"
        return text


def document_problems(document: Document, file: str, *, today: dt.date | None = None,
                      policy: Policy = DEFAULT_POLICY) -> list[Problem]:
    """Errors for what the claimed status lacks; notes for what blocks the next status; review findings;
    what the policy says of the process (timeliness, the facilitator).

    A note is left out where a review finding already points at the same field: the finding says
    the same thing with a suggestion.
    """
    config = review_config(policy)
    depth = config.final_why_depth(document.incident.severity)
    problems = [
        Problem(file, requirement.path, "error", f"status-{document.incident.status.value}", requirement.message)
        for requirement in gates.unmet_claimed(document, min_why_depth=depth)
    ]
    reviewed = _review_problems(document, file, today, config, policy)
    reviewed_paths = {problem.path for problem in reviewed}
    following = document.incident.status.next()
    if following is not None:
        problems.extend(
            Problem(file, blocker.path, "note", f"next-{following.value}", f"for {following.value}: {blocker.message}")
            for blocker in blockers(document, following, config)
            if blocker.path not in reviewed_paths
        )
    problems.extend(reviewed)
    return problems


def _review_problems(document: Document, file: str, today: dt.date | None, config: ReviewConfig,
                     policy: Policy) -> list[Problem]:
    try:
        from pmtui.review import review
        from pmtui.review.process import due_dates_past_slo, facilitator_acting, timeliness
    except ImportError:
        return []
    findings = [*review(document, today=today, config=config),
                *timeliness(document, policy, today or dt.date.today()), *due_dates_past_slo(document, policy),
                *facilitator_acting(document)]
    return [
        Problem(file, finding.path, finding.severity, finding.rule, finding.message,
                finding.file_suggestion or finding.suggestion, finding.ref)
        for finding in findings
    ]


def repeat_problems(document: Document, path: Path, policy: Policy, library: Path) -> list[Problem]:
    """The third similar minor incident in `library`: a warning to write a full postmortem.

    Only minor incidents (whose severity's postmortem is not "always") look at the library; a
    library that cannot be opened is no reason to fail a check."""
    rules = policy.rules_for(document.incident.severity)
    if rules is None or rules.postmortem == "always":
        return []
    from pmtui.library.index import LibraryError, cache_index_path
    from pmtui.library.similar import similar_incidents
    from pmtui.review.process import repeated_minor_incident

    try:
        # The index in the user cache: a check leaves the checked folder as it found it.
        similar = similar_incidents(document, library, exclude_path=path, index_path=cache_index_path(library))
    except (LibraryError, OSError):
        return []
    return [Problem(str(path), finding.path, finding.severity, finding.rule, finding.message, finding.suggestion)
            for finding in repeated_minor_incident(document, policy, similar)]


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
    library: str | None = None,
) -> int:
    """`library`: the folder of past postmortems for `policy-repeat` (default: each document's own)."""
    out = out or sys.stdout
    err = err or sys.stderr
    unreadable = False
    failed = False
    report: list[Problem] = []
    named = {Path(argument) for argument in arguments}
    for path in expand_paths(arguments):
        try:
            document = storage.load_document(path)
            policy, _ = load_policy(path)
        except (storage.DocumentError, PolicyError) as exc:
            if isinstance(exc, storage.NotAPostmortem) and path not in named:
                # A package.json or a tool's config found in a folder of postmortems: not ours to judge.
                print(f"pmtui: {for_terminal(str(exc))}; skipped", file=err)
                continue
            unreadable = True
            report.append(Problem(str(path), "", "error", "unreadable", str(exc).removeprefix(f"{path}: ")))
            if output_format == "text":
                print(f"pmtui: {for_terminal(str(exc))}", file=err)
            continue
        problems = document_problems(document, str(path), today=today, policy=policy)
        problems += repeat_problems(document, path, policy, Path(library) if library else path.parent)
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
