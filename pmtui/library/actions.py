"""`pmtui actions`: every action item in the library, overdue first, and whether items get done.

The completion rate is over a window ending today: of the items due in the last N days (today
included), the share marked `done`. `wont_do` counts as not done: a decision not to fix a cause
still leaves the cause in place. Below 70% the report says so prominently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

from pmtui.export.spreadsheet import formula_safe
from pmtui.library.index import ActionRecord
from pmtui.library.terminal import percent, table, wrap

COMPLETION_TARGET = 0.7
STATUS_NAMES = {"open": "open", "in_progress": "in progress", "done": "done", "wont_do": "won't do"}


@dataclass(frozen=True)
class Completion:
    window_days: int
    start: dt.date  # first day of the window
    end: dt.date  # today
    due: int
    done: int

    @property
    def rate(self) -> float | None:
        return self.done / self.due if self.due else None

    @property
    def below_target(self) -> bool:
        return self.rate is not None and self.rate < COMPLETION_TARGET

    def sentence(self) -> str:
        if not self.due:
            return f"No action items were due in the last {self.window_days} days."
        return (f"Completion over the last {self.window_days} days: {self.done} of {self.due} items due "
                f"were done ({percent(self.done, self.due)}).")

    def warning(self) -> str | None:
        if not self.below_target:
            return None
        return (f"WARNING: only {percent(self.done, self.due)} of action items due in the last "
                f"{self.window_days} days are done (target {round(COMPLETION_TARGET * 100)}%): "
                "causes are staying unfixed.")


def completion(items: list[ActionRecord], today: dt.date, window_days: int) -> Completion:
    start = today - dt.timedelta(days=window_days - 1)
    due = [item for item in items if item.due is not None and start <= item.due <= today]
    return Completion(window_days, start, today, len(due), sum(item.status == "done" for item in due))


def follow_up_order(items: list[ActionRecord], today: dt.date) -> list[ActionRecord]:
    """Overdue first (the longest overdue at the top), then by due date, undated last."""
    return sorted(items, key=lambda item: (not item.is_overdue(today), item.due is None,
                                           item.due or dt.date.max, item.incident_label, item.item_id))


@dataclass(frozen=True)
class ActionsReport:
    folder: str
    today: dt.date
    items: list[ActionRecord]  # in follow-up order, after the filters
    completion: Completion
    owner: str | None
    overdue_only: bool

    @property
    def overdue(self) -> int:
        return sum(item.is_overdue(self.today) for item in self.items)


def actions_report(folder: str, items: list[ActionRecord], *, today: dt.date, window_days: int,
                   owner: str | None = None, overdue_only: bool = False) -> ActionsReport:
    """`owner` (any case) narrows both the list and the completion rate; `overdue_only` the list."""
    if owner is not None:
        items = [item for item in items if (item.owner or "").casefold() == owner.casefold()]
    rate = completion(items, today, window_days)
    if overdue_only:
        items = [item for item in items if item.is_overdue(today)]
    return ActionsReport(folder, today, follow_up_order(items, today), rate, owner, overdue_only)


def render_table(report: ActionsReport, width: int = 80) -> str:
    scope = f" owned by {report.owner}" if report.owner else ""
    lines = [*wrap(f"Action items{scope} in {report.folder} (today {report.today.isoformat()})", width), ""]
    if report.items:
        lines += _item_lines(report, width)
    else:
        lines.append("  (no action items" + (" overdue)" if report.overdue_only else ")"))
    counts = {status: sum(item.status == status for item in report.items) for status in STATUS_NAMES}
    summary = ", ".join(f"{count} {STATUS_NAMES[status]}" for status, count in counts.items() if count)
    closing = [f"{len(report.items)} action items, {report.overdue} overdue" + (f" ({summary})." if summary else "."),
               report.completion.sentence()]
    warning = report.completion.warning()
    lines.append("")
    for paragraph in closing + (["", warning] if warning else []):
        lines += wrap(paragraph, width) or [""]
    return "\n".join(lines) + "\n"


MIN_ACTION_WIDTH = 30


def _item_lines(report: ActionsReport, width: int) -> list[str]:
    """A table; when the action text would get under MIN_ACTION_WIDTH columns, it goes on a line of
    its own under each row instead, so it stays readable at 80 columns."""
    header = ["Due", "Late", "Status", "Pri", "Owner", "Incident"]
    rows = []
    for item in report.items:
        late = item.days_overdue(report.today)
        rows.append([item.due.isoformat() if item.due else "—", f"{late}d" if late is not None else "",
                     STATUS_NAMES.get(item.status, item.status), item.priority or "—", item.owner or "—",
                     item.incident_label])
    columns = table(header, rows, width=width, flexible=5, right={1})
    room = width - max(len(line) for line in columns) - 2
    if room >= min(MIN_ACTION_WIDTH, max(len(item.action) for item in report.items)):
        return table([*header, "Action"], [[*row, item.action] for row, item in zip(rows, report.items)],
                     width=width, flexible=6, right={1})
    lines = [columns[0]]
    for line, item in zip(columns[1:], report.items):
        lines += [line, *wrap(item.action, width, "      ")]
    return lines


CSV_COLUMNS = ["incident", "incident_title", "incident_date", "file", "id", "action", "owner", "due", "priority",
               "status", "overdue", "days_overdue"]


def _item_fields(item: ActionRecord, report: ActionsReport) -> dict[str, object]:
    late = item.days_overdue(report.today)
    return {
        "incident": item.incident_label,
        "incident_title": item.incident_title,
        "incident_date": item.incident_date.isoformat() if item.incident_date else None,
        "file": item.incident_path,
        "id": item.item_id,
        "action": item.action,
        "owner": item.owner,
        "due": item.due.isoformat() if item.due else None,
        "priority": item.priority,
        "status": item.status,
        "overdue": late is not None,
        "days_overdue": late,
    }


def render_csv(report: ActionsReport) -> str:
    buffer = io.StringIO()
    # RFC 4180 line ends: with "\n" alone, a carriage return inside a cell went unquoted, and a
    # spreadsheet started a new row there (one that could begin with a formula).
    writer = csv.DictWriter(buffer, CSV_COLUMNS)
    writer.writeheader()
    for item in report.items:
        fields = _item_fields(item, report)
        fields["overdue"] = "yes" if fields["overdue"] else "no"
        writer.writerow({key: formula_safe(value) if isinstance(value, str) else "" if value is None else value
                         for key, value in fields.items()})
    return buffer.getvalue()


def render_json(report: ActionsReport, skipped: list[dict[str, str]]) -> str:
    rate = report.completion
    payload = {
        "folder": report.folder,
        "today": report.today.isoformat(),
        "owner": report.owner,
        "overdue_only": report.overdue_only,
        "completion": {
            "window_days": rate.window_days,
            "from": rate.start.isoformat(),
            "to": rate.end.isoformat(),
            "due": rate.due,
            "done": rate.done,
            "rate": None if rate.rate is None else round(rate.rate, 4),
            "below_target": rate.below_target,
            "target": COMPLETION_TARGET,
        },
        "overdue": report.overdue,
        "items": [_item_fields(item, report) for item in report.items],
        "skipped": skipped,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
