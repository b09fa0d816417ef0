"""What a tracker says of its tickets, read from the tracker's own export, for `pmtui sync`.

- GitHub: `gh issue list --state all --json number,title,state,closedAt,body,url` (a JSON array).
  A closed issue is done, unless its `stateReason` (when the export has it) is NOT_PLANNED.
- Jira: the issue navigator's CSV export. Read: `Issue key`, `Status`, `Resolution`, `Resolved`,
  `Description`. A resolution other than a won't-do kind means done; Jira writes `Resolved` in the
  site's date format, by default `24/Nov/26 3:14 PM`; ISO dates are read too.
- Linear: the workspace CSV export. Read: `ID`, `Status`, `Completed`, `Canceled`, `Description`.

Each becomes a `Ticket`: its key, its status as an action-item status, the day it was completed,
and the marks in its description (`ticket_mark.py`). Bad input is one `SourceError` line naming the
file and the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from pmtui.document.model import ActionStatus
from pmtui.export.ticket_mark import find_marks
from pmtui.importers import SourceError
from pmtui.importers.events import decode_text

TRACKERS = ("github", "jira", "linear")
STARTED = {"in progress", "in review", "started", "in development", "review"}
WONT_DO = {"won't do", "won't fix", "wont do", "wont fix", "duplicate", "cannot reproduce", "declined",
           "canceled", "cancelled", "not planned", "obsolete"}
JIRA_DATE_FORMATS = ("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%y")
# Jira's done statuses, for an export without the Resolution column
DONE_STATES = {"done", "closed", "resolved"}
# A key goes into the postmortem's `ticket` as it is: one short line of printable text, or no key.
MAX_KEY_LENGTH = 300
_NOT_IN_A_KEY = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass(frozen=True)
class Ticket:
    key: str  # what goes into an action item's `ticket`: ORD-12, ENG-3, a GitHub issue URL
    aliases: frozenset[str]  # other spellings of it people write into `ticket` (#12, the URL)
    status: ActionStatus
    completed: dt.date | None
    marks: tuple[tuple[str, str], ...]  # (repository path, action id)


def read_tickets(tracker: str, data: bytes, name: str) -> list[Ticket]:
    readers: dict[str, Callable[[bytes, str], list[Ticket]]] = {
        "github": _github, "jira": _jira, "linear": _linear}
    return readers[tracker](data, name)


def _date(text: str, where: str, formats: tuple[str, ...] = ()) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for pattern in formats:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise SourceError(f'{where}: cannot read the date "{text[:40]}"')


def _key(text: str, where: str) -> str:
    key = text.strip()
    if not key or len(key) > MAX_KEY_LENGTH or _NOT_IN_A_KEY.search(key):
        shown = key[:40] + ("…" if len(key) > 40 else "")
        raise SourceError(f'{where}: not a ticket key: "{shown}"' if key else f"{where}: no ticket key")
    return key


def _github(data: bytes, name: str) -> list[Ticket]:
    try:
        issues = json.loads(decode_text(data, name))
    except json.JSONDecodeError as exc:
        raise SourceError(f"{name}: line {exc.lineno}: JSON syntax error: {exc.msg}") from None
    except (RecursionError, ValueError):
        raise SourceError(f"{name}: not a `gh issue list --json` export") from None
    if not isinstance(issues, list):
        raise SourceError(f"{name}: expected a JSON array, as `gh issue list --json number,title,state,"
                          "closedAt,body,url` writes")
    tickets = []
    for index, issue in enumerate(issues):
        where = f"{name}: issue [{index}]"
        if (not isinstance(issue, dict) or not isinstance(issue.get("url"), str)
                or not isinstance(issue.get("number"), int) or isinstance(issue.get("number"), bool)):
            raise SourceError(f"{where}: needs number and url (gh issue list --json number,title,state,closedAt,body,url)")
        state = str(issue.get("state", "")).upper()
        closed = state == "CLOSED"
        reason = str(issue.get("stateReason") or "").upper()
        status = (ActionStatus.WONT_DO if reason == "NOT_PLANNED" else ActionStatus.DONE) if closed else ActionStatus.OPEN
        completed = _date(str(issue.get("closedAt") or ""), where) if status == ActionStatus.DONE else None
        body = issue.get("body") if isinstance(issue.get("body"), str) else ""
        tickets.append(Ticket(_key(issue["url"], f"{where}: url"), frozenset({f"#{issue['number']}"}), status, completed,
                              tuple(find_marks(body))))
    return tickets


def _csv_rows(data: bytes, name: str, needed: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column in lower case: value}); Jira repeats some columns (Labels): the first wins."""
    text = decode_text(data, name)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [title.strip().lower() for title in next(reader, [])]
        missing = [column for column in needed if column not in header]
        if missing:
            raise SourceError(f"{name}: line 1: missing column {', '.join(missing)} (is this the tracker's CSV export?)")
        rows = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            short = [column for column in needed if header.index(column) >= len(row)]
            if short:  # an unclosed quote, or a hand-trimmed row: guessing the cell could undo a status
                raise SourceError(f"{name}: line {reader.line_num}: the row ends before column {short[0]} "
                                  "(an unclosed quote?)")
            values: dict[str, str] = {}
            # other cells past a short row's end are empty
            for title, cell in zip(header, row + [""] * (len(header) - len(row))):
                values.setdefault(title, cell)
            rows.append((reader.line_num, values))
        return rows
    except csv.Error as exc:
        raise SourceError(f"{name}: line {reader.line_num}: CSV error: {exc}") from None


def _jira(data: bytes, name: str) -> list[Ticket]:
    tickets = []
    for line, row in _csv_rows(data, name, ("issue key", "status")):
        resolution = row.get("resolution", "").strip().casefold()
        if resolution and resolution != "unresolved":
            status = ActionStatus.WONT_DO if resolution in WONT_DO else ActionStatus.DONE
        elif row["status"].strip().casefold() in STARTED:
            status = ActionStatus.IN_PROGRESS
        elif "resolution" not in row and row["status"].strip().casefold() in DONE_STATES:
            status = ActionStatus.DONE
        else:
            status = ActionStatus.OPEN
        completed = (_date(row.get("resolved", ""), f"{name}: line {line}: Resolved", JIRA_DATE_FORMATS)
                     if status == ActionStatus.DONE else None)
        key = _key(row["issue key"], f"{name}: line {line}: Issue key")
        tickets.append(Ticket(key, frozenset(), status, completed, tuple(find_marks(row.get("description", "")))))
    return tickets


def _linear(data: bytes, name: str) -> list[Ticket]:
    tickets = []
    for line, row in _csv_rows(data, name, ("id", "status")):
        state = row["status"].strip().casefold()
        if row.get("completed", "").strip() or state in ("done", "completed"):
            status = ActionStatus.DONE
        elif row.get("canceled", "").strip() or state in WONT_DO:
            status = ActionStatus.WONT_DO
        elif state in STARTED:
            status = ActionStatus.IN_PROGRESS
        else:
            status = ActionStatus.OPEN
        completed = _date(row.get("completed", ""), f"{name}: line {line}: Completed") if status == ActionStatus.DONE else None
        tickets.append(Ticket(_key(row["id"], f"{name}: line {line}: ID"), frozenset(), status, completed,
                              tuple(find_marks(row.get("description", "")))))
    return tickets
