"""Action items as tickets: a Jira CSV, a Linear CSV, and a GitHub `gh issue create` script.

Exported: the action items still to be tracked, that is open or in progress and without a
`ticket` yet (the ones with a ticket are already in a tracker; done ones need none). Every ticket's
description names the postmortem (title, incident id, file) and quotes the why it addresses, so the
ticket explains itself to whoever picks it up.

- Jira (`jira-csv`): Summary, Description, Assignee, Due Date (YYYY-MM-DD; pick that format in
  Jira's CSV import wizard), Priority (Highest/High/Medium/Low for P1-P4), and one `Labels` column
  per label, the way Jira's importer takes several values. The description uses Jira's `bq.` quote.
- Linear (`linear-csv`): the columns of Linear's own CSV export that its importer reads: Title,
  Description (Markdown), Assignee, Due Date, Priority (Urgent/High/Medium/Low, or "No priority"),
  Labels (comma-separated).
- In both CSVs, a cell that a spreadsheet would run as a formula (starting with = + - @) gets a
  leading ' (see `spreadsheet.py`); Linear's importer strips it again, as its own export adds it.
- GitHub (`github`): a bash script to review, then run in a clone of the repository. Each body is a
  quoted here-document, so the shell expands and runs nothing in it. GitHub has no due date or
  priority fields, so they are in the body; an owner written as `@login` becomes the assignee.
  With `-o FOLDER` each body is also written as `<id>.md` beside the script (`github_files`).

Summaries and titles are one line of at most 255 characters (Jira's limit); a longer or multi-line
action is given in full in the description.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pmtui.document.model import ActionItem, Document, Priority, Why
from pmtui.export import markdown
from pmtui.export.spreadsheet import formula_safe

TITLE_LIMIT = 255
SCRIPT_NAME = "create-issues.sh"
JIRA_PRIORITY = {Priority.P1: "Highest", Priority.P2: "High", Priority.P3: "Medium", Priority.P4: "Low"}
LINEAR_PRIORITY = {Priority.P1: "Urgent", Priority.P2: "High", Priority.P3: "Medium", Priority.P4: "Low"}
GITHUB_LOGIN = re.compile(r"@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))")
BODY_END = "PMTUI_ISSUE_BODY"


def one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Markup:
    """How a tracker's description field wants user text: folded to a line, as a paragraph, quoted."""

    inline: Callable[[str], str]
    block: Callable[[str], str]
    quote: str


MARKDOWN = Markup(markdown.inline, markdown.block, "> ")
JIRA = Markup(one_line, str.strip, "bq. ")  # Jira's CSV import reads wiki markup; `bq.` quotes a paragraph


def items_to_track(document: Document) -> list[ActionItem]:
    return [item for item in document.action_items if item.status.is_open and not item.ticket]


def title_of(item: ActionItem) -> str:
    title = one_line(item.action)
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1] + "…"


def labels_of(document: Document, item: ActionItem) -> list[str]:
    """Labels without spaces (Jira splits on them): postmortem, the incident id, the action's kind."""
    found = ["postmortem", document.incident.id, item.kind.value if item.kind else None]
    return [re.sub(r"\s+", "-", label.strip()) for label in found if label and label.strip()]


def _why(document: Document, item: ActionItem) -> Why | None:
    return next((why for why in document.whys if why.id == item.addresses), None)


def description(document: Document, item: ActionItem, source: Path | None, markup: Markup) -> str:
    """The ticket's body: where it comes from, the item's facts, the why it answers."""
    text = markup.inline
    incident = document.incident
    details = [value for value in (incident.id, incident.severity.value if incident.severity else None,
                                   incident.date.isoformat() if incident.date else None) if value]
    lines = [f'From the postmortem "{text(incident.title)}"' + (f" ({text(', '.join(details))})" if details else "") + "."]
    if source is not None:
        lines.append(f"Postmortem file: {text(source.as_posix())}")
    facts = [f"Action item {text(item.id or '')}"]
    facts += [f"{label}: {text(value)}" for label, value in (
        ("kind", item.kind.value if item.kind else None), ("owner", item.owner),
        ("due", item.due.isoformat() if item.due else None), ("priority", item.priority.value if item.priority else None),
    ) if value]
    lines.append(" · ".join(facts))
    if title_of(item) != item.action:
        lines += ["", "Action:", markup.block(item.action)]
    why = _why(document, item)
    if why is not None:
        asked = f"{text(why.question)} " if why.question else ""
        lines += ["", f"It addresses why {why.id}:", f"{markup.quote}{asked}{text(why.answer)}"]
    return "\n".join(lines)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: quoted where needed, CRLF line ends
    writer.writerow(header)
    writer.writerows([formula_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def to_jira_csv(document: Document, source: Path | None = None) -> str:
    items = items_to_track(document)
    labels = [labels_of(document, item) for item in items]
    label_columns = max((len(found) for found in labels), default=1)
    rows = [
        [
            title_of(item),
            description(document, item, source, JIRA),
            item.owner or "",
            item.due.isoformat() if item.due else "",
            JIRA_PRIORITY[item.priority] if item.priority else "",
            *found, *[""] * (label_columns - len(found)),
        ]
        for item, found in zip(items, labels)
    ]
    return _csv(["Summary", "Description", "Assignee", "Due Date", "Priority", *["Labels"] * label_columns], rows)


def to_linear_csv(document: Document, source: Path | None = None) -> str:
    rows = [
        [
            title_of(item),
            description(document, item, source, MARKDOWN),
            item.owner or "",
            item.due.isoformat() if item.due else "",
            LINEAR_PRIORITY[item.priority] if item.priority else "No priority",
            ", ".join(labels_of(document, item)),
        ]
        for item in items_to_track(document)
    ]
    return _csv(["Title", "Description", "Assignee", "Due Date", "Priority", "Labels"], rows)


def issue_body(document: Document, item: ActionItem, source: Path | None = None) -> str:
    return description(document, item, source, MARKDOWN) + "\n"


def _heredoc_end(body: str) -> str:
    """A terminator that no line of the body equals, so the body cannot end the here-document early."""
    lines = set(body.splitlines())
    end, number = BODY_END, 1
    while end in lines:
        end, number = f"{BODY_END}_{number}", number + 1
    return end


def _gh_command(document: Document, item: ActionItem, source: Path | None) -> list[str]:
    body = issue_body(document, item, source)
    end = _heredoc_end(body)
    options = [f"--title {shlex.quote(title_of(item))}"]
    options += [f"--label {shlex.quote(label)}" for label in labels_of(document, item)]
    login = GITHUB_LOGIN.fullmatch(item.owner.strip()) if item.owner else None
    if login:
        options.append(f"--assignee {shlex.quote(login.group(1))}")
    options.append(f"--body-file - <<'{end}'")
    return [f"# {one_line(item.id or '')}: {title_of(item)}", "gh issue create \\",
            *[f"  {option} \\" for option in options[:-1]], f"  {options[-1]}", body + end, ""]


def to_github_script(document: Document, source: Path | None = None) -> str:
    items = items_to_track(document)
    made_by = f"pmtui export {one_line(source.as_posix())} --format github" if source else "pmtui export"
    lines = [
        "#!/usr/bin/env bash",
        f"# GitHub issues for the open action items of the postmortem \"{one_line(document.incident.title)}\".",
        f"# Written by `{made_by}`.",
        "# Review it, then run it with bash from a clone of the repository the issues belong in;",
        "# it needs the GitHub CLI, logged in (`gh auth status`).",
        "# Issue bodies are quoted here-documents: the shell expands and runs nothing inside them.",
        "# It stops at the first failure; the issues above that point have been created.",
        "set -euo pipefail",
        "",
    ]
    labels = list(dict.fromkeys(label for item in items for label in labels_of(document, item)))
    if labels:
        lines.append("# An issue can only use labels that exist; creating one that exists already fails harmlessly.")
        # `--`: a label such as `--repo=evil/evil` (an incident id) is a name, not an option.
        lines += [f"gh label create -- {shlex.quote(label)} 2>/dev/null || true" for label in labels]
        lines.append("")
    for item in items:
        lines += _gh_command(document, item, source)
    return "\n".join(lines).rstrip("\n") + "\n"


def _file_name(item: ActionItem) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", item.id or "item") + ".md"


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `NAME-2.md`, `-3`…: ids that differ only where a file name cannot follow (`AI 1`,
    `AI/1`, `AI_1`) or only in case (one file on macOS and Windows) still get a file each."""
    stem, candidate, number = name.removesuffix(".md"), name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}.md"
    taken.add(candidate.lower())
    return candidate


def github_files(document: Document, source: Path | None = None) -> dict[str, str]:
    """For `-o FOLDER`: one Markdown body per action item, and the script that creates the issues."""
    taken: set[str] = set()
    files = {_unique(_file_name(item), taken): issue_body(document, item, source) for item in items_to_track(document)}
    files[SCRIPT_NAME] = to_github_script(document, source)
    return files
