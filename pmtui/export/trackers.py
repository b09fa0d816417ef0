"""Action items as tickets: a Jira CSV, a Linear CSV, and a GitHub `gh issue create` script.

Exported: the action items still to be tracked, that is open or in progress and without a
`ticket` yet (the ones with a ticket are already in a tracker; done ones need none). Every ticket's
description names the postmortem (title, incident id, file) and quotes the why it addresses, so the
ticket explains itself to whoever picks it up, and ends with its mark (`ticket_mark.py`): the
postmortem's repository-relative path and the action's id, which `pmtui sync` finds it by. Every
CSV cell goes through `csv_cells.safe_cell`, so no spreadsheet runs one as a formula.

- Jira (`jira-csv`): Summary, Issue Type (Task), Description, Assignee, Due Date (YYYY-MM-DD; pick
  that format in Jira's CSV import wizard), Priority (Highest/High/Medium/Low for P1-P4), and one
  `Labels` column per label, the way Jira's importer takes several values. The Assignee is the
  owner's email from the team policy's `[owners]` (Jira Cloud maps users by email), else the owner
  as written. The description is Jira wiki markup: user text has `{ } [ ] | * _ ^ ~ !` escaped, so
  `{code}` or `[text|url]` in an action stays text; the why is quoted with `bq.`.
- Linear (`linear-csv`): the columns Linear's CSV importer reads (Title, Description in Markdown,
  Status, Priority as Urgent/High/Medium/Low or "No priority", Assignee, Labels comma-separated).
  Its importer reads no due date, so the due date is in the description only.
- GitHub (`github`): a bash script to review, then run in a clone of the repository. Each body is a
  quoted here-document, so the shell expands and runs nothing in it. Options are written as
  `--title=VALUE` and positional arguments follow `--`, so no value can become an option. GitHub
  has no due date or priority fields, so they are in the body; an owner written as `@login` becomes
  the assignee. With `-o FOLDER` each body is also written beside the script, one file per item
  under a unique name (`github_files`).

Summaries and titles are one line of at most 255 characters (Jira's limit); a longer or multi-line
action is given in full in the description.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pmtui.document.model import ActionItem, ActionStatus, Document, Priority, Why
from pmtui.export import markdown
from pmtui.export.csv_cells import csv_text
from pmtui.export.ticket_mark import mark

TITLE_LIMIT = 255
SCRIPT_NAME = "create-issues.sh"
JIRA_PRIORITY = {Priority.P1: "Highest", Priority.P2: "High", Priority.P3: "Medium", Priority.P4: "Low"}
LINEAR_PRIORITY = {Priority.P1: "Urgent", Priority.P2: "High", Priority.P3: "Medium", Priority.P4: "Low"}
LINEAR_STATUS = {ActionStatus.OPEN: "Todo", ActionStatus.IN_PROGRESS: "In Progress"}
JIRA_ISSUE_TYPE = "Task"
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


_JIRA_SPECIAL = re.compile(r"([\\{}\[\]|*_^~!])")
# At a line's start Jira reads lists (`#`, `-`), headings (`h1.`) and block quotes (`bq.`).
_JIRA_LINE_START = re.compile(r"^(\s*)(?:([#-])|(h[1-6]|bq)\.)")


def jira_text(line: str) -> str:
    """One line of user text as literal text in Jira wiki markup."""
    escaped = _JIRA_SPECIAL.sub(r"\\\1", line)
    return _JIRA_LINE_START.sub(lambda found: found[1] + ("\\" + found[2] if found[2] else found[3] + "\\."), escaped)


def _jira_block(text: str) -> str:
    return "\n".join(jira_text(line.strip()) for line in text.strip().splitlines() if line.strip())


MARKDOWN = Markup(markdown.inline, markdown.block, "> ")
JIRA = Markup(lambda text: jira_text(one_line(text)), _jira_block, "bq. ")  # Jira's CSV import reads wiki markup


def items_to_track(document: Document) -> list[ActionItem]:
    return [item for item in document.action_items if item.status.is_open and not item.ticket]


def title_of(item: ActionItem) -> str:
    title = one_line(item.action)
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1] + "…"


def labels_of(document: Document, item: ActionItem) -> list[str]:
    """Labels without spaces (Jira splits on them) or commas (`gh --label` and Linear split on those):
    postmortem, the incident id, the action's kind. `INC 2026/0412, EU` becomes `INC-2026/0412-EU`."""
    found = ["postmortem", document.incident.id, item.kind.value if item.kind else None]
    cleaned = (re.sub(r"[\s,]+", "-", label.strip()) for label in found if label)
    return list(dict.fromkeys(label for label in cleaned if label))


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
    if source is not None:
        lines += ["", text(mark(one_line(source.as_posix()), one_line(item.id or "")))]
    return "\n".join(lines)


def _assignee(owner: str | None, owner_emails: Mapping[str, str]) -> str:
    """The owner's tracker account (matched in any case), else the owner as written."""
    if not owner:
        return ""
    wanted = owner.strip().casefold()
    return next((email for name, email in owner_emails.items() if name.casefold() == wanted), owner)


def to_jira_csv(document: Document, source: Path | None = None, owner_emails: Mapping[str, str] | None = None) -> str:
    """`owner_emails`: owner as written in the document -> Jira account email (the policy's [owners])."""
    items = items_to_track(document)
    labels = [labels_of(document, item) for item in items]
    label_columns = max((len(found) for found in labels), default=1)
    rows = [
        [
            title_of(item),
            JIRA_ISSUE_TYPE,
            description(document, item, source, JIRA),
            _assignee(item.owner, owner_emails or {}),
            item.due.isoformat() if item.due else "",
            JIRA_PRIORITY[item.priority] if item.priority else "",
            *found, *[""] * (label_columns - len(found)),
        ]
        for item, found in zip(items, labels)
    ]
    header = ["Summary", "Issue Type", "Description", "Assignee", "Due Date", "Priority", *["Labels"] * label_columns]
    return csv_text(header, rows)


def to_linear_csv(document: Document, source: Path | None = None) -> str:
    rows = [
        [
            title_of(item),
            description(document, item, source, MARKDOWN),
            LINEAR_STATUS[item.status],
            LINEAR_PRIORITY[item.priority] if item.priority else "No priority",
            item.owner or "",
            ", ".join(labels_of(document, item)),
        ]
        for item in items_to_track(document)
    ]
    return csv_text(["Title", "Description", "Status", "Priority", "Assignee", "Labels"], rows)


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
    # `--title=VALUE` in one word: a title like "--repo=evil/evil" stays the title's value.
    options = [shlex.quote(f"--title={title_of(item)}")]
    options += [shlex.quote(f"--label={label}") for label in labels_of(document, item)]
    login = GITHUB_LOGIN.fullmatch(item.owner.strip()) if item.owner else None
    if login:
        options.append(shlex.quote(f"--assignee={login.group(1)}"))
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


def _file_names(items: list[ActionItem]) -> list[str]:
    """A file name per item, unique even where ids differ only in characters a file name cannot
    hold (`AI 1`, `AI_1`, `AI/1`): a clash gets a short hash of the id. Compared without case, for
    macOS and Windows."""
    taken = {SCRIPT_NAME.casefold()}
    names = []
    for item in items:
        item_id = item.id or "item"
        stem = re.sub(r"[^A-Za-z0-9._-]", "_", item_id).lstrip(".") or "item"
        name = f"{stem}.md"
        if name.casefold() in taken:
            name = f"{stem}-{hashlib.sha256(item_id.encode('utf-8')).hexdigest()[:8]}.md"
        taken.add(name.casefold())
        names.append(name)
    return names


def github_files(document: Document, source: Path | None = None) -> dict[str, str]:
    """For `-o FOLDER`: one Markdown body per action item, and the script that creates the issues."""
    items = items_to_track(document)
    files = {name: issue_body(document, item, source) for name, item in zip(_file_names(items), items)}
    files[SCRIPT_NAME] = to_github_script(document, source)
    return files
