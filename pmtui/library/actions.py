"""`pmtui actions`: every action item in the library, overdue first, and whether items get done.

The completion rate is over a window ending today: of the items due in the last N days (today
included), the share marked `done`. `wont_do` counts as not done: a decision not to fix a cause
still leaves the cause in place. Below the target (the team policy's `completion_target`, 70% by
default; see `targets.py`) the report says so prominently.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

from pmtui.export.csv_cells import csv_text

from pmtui.library.index import ActionRecord
from pmtui.library.targets import DEFAULT_TARGETS, Targets
from pmtui.library.terminal import GAP, draw_table, fitted_sizes, percent, table, table_width, wrap
from pmtui.terminal_text import for_terminal

STATUS_NAMES = {"open": "open", "in_progress": "in progress", "done": "done", "wont_do": "won't do"}


@dataclass(frozen=True)
class Completion:
    window_days: int
    start: dt.date  # first day of the window
    end: dt.date  # today
    due: int
    done: int
    target: float
    verified: int = 0  # of the done ones: done is not verified

    @property
    def rate(self) -> float | None:
        return self.done / self.due if self.due else None

    @property
    def below_target(self) -> bool:
        return self.rate is not None and self.rate < self.target

    def sentence(self) -> str:
        if not self.due:
            return f"No action items were due in the last {self.window_days} days."
        return f"{self._rate()}, {self.verified} of them verified."

    def judged(self) -> str:
        """The rate against the target, then how many of the done items were verified."""
        if not self.due:
            return self.sentence()
        verdict = "below" if self.below_target else "meets"
        judged = f"{self._rate()}: {verdict} the {round(self.target * 100)}% target."
        return judged + (f" {self.verified} of the {self.done} done verified." if self.done else "")

    def _rate(self) -> str:
        return (f"Completion over the last {self.window_days} days: {self.done} of {self.due} items due "
                f"were done ({percent(self.done, self.due)})")

    def warning(self) -> str | None:
        if not self.below_target:
            return None
        return (f"WARNING: only {percent(self.done, self.due)} of action items due in the last "
                f"{self.window_days} days are done (target {round(self.target * 100)}%): "
                "causes are staying unfixed.")


def completion(items: list[ActionRecord], today: dt.date, window_days: int, target: float) -> Completion:
    start = today - dt.timedelta(days=window_days - 1)
    due = [item for item in items if item.due is not None and start <= item.due <= today]
    done = [item for item in due if item.status == "done"]
    return Completion(window_days, start, today, len(due), len(done), target,
                      sum(item.verified is not None for item in done))


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


def actions_report(folder: str, items: list[ActionRecord], *, today: dt.date, targets: Targets = DEFAULT_TARGETS,
                   window_days: int | None = None, owner: str | None = None,
                   overdue_only: bool = False) -> ActionsReport:
    """`window_days` (`--window`) replaces the targets' completion window; `owner` (any case)
    narrows both the list and the completion rate; `overdue_only` the list."""
    if owner is not None:
        items = [item for item in items if (item.owner or "").casefold() == owner.casefold()]
    rate = completion(items, today, window_days or targets.completion_window_days, targets.completion)
    if overdue_only:
        items = [item for item in items if item.is_overdue(today)]
    return ActionsReport(folder, today, follow_up_order(items, today), rate, owner, overdue_only)


def render_table(report: ActionsReport, width: int = 80) -> str:
    scope = f" owned by {report.owner}" if report.owner else ""
    lines = [*wrap(for_terminal(f"Action items{scope} in {report.folder} (today {report.today.isoformat()})"), width), ""]
    if report.items:
        lines += _item_lines(report, width)
    else:
        lines.append("  (no action items" + (" overdue)" if report.overdue_only else ")"))
    tally = Counter(item.status for item in report.items)
    counts = {status: tally[status] for status in STATUS_NAMES}
    verified = sum(item.status == "done" and item.verified is not None for item in report.items)
    summary = ", ".join(f"{count} {STATUS_NAMES[status]}" + (f" ({verified} verified)" if status == "done" else "")
                        for status, count in counts.items() if count)
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
                     STATUS_NAMES.get(item.status, item.status), item.priority or "—", for_terminal(item.owner or "—"),
                     for_terminal(item.incident_label)])
    texts = [for_terminal(item.action) for item in report.items]
    sizes = fitted_sizes(header, rows, width=width, flexible=5)
    room = width - table_width(sizes) - len(GAP)  # what an Action column after the six would get
    if room >= min(MIN_ACTION_WIDTH, max(map(len, texts))):
        return table([*header, "Action"], [[*row, text] for row, text in zip(rows, texts)],
                     width=width, flexible=6, right={1})
    columns = draw_table(header, rows, sizes, flexible=5, right={1})
    lines = [columns[0]]
    for line, text in zip(columns[1:], texts):
        lines += [line, *wrap(text, width, "      ")]
    return lines


CSV_COLUMNS = ["incident", "incident_title", "incident_date", "file", "id", "action", "owner", "due", "priority",
               "status", "overdue", "days_overdue", "verified"]


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
        "verified": item.verified.isoformat() if item.verified else None,
    }


def render_csv(report: ActionsReport) -> str:
    """Every cell safe to open in a spreadsheet (`csv_cells.safe_cell`)."""
    rows = []
    for item in report.items:
        fields = _item_fields(item, report)
        fields["overdue"] = "yes" if fields["overdue"] else "no"
        rows.append([fields[column] for column in CSV_COLUMNS])
    return csv_text(CSV_COLUMNS, rows, line_end="\n")


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
            "verified": rate.verified,
            "rate": None if rate.rate is None else round(rate.rate, 4),
            "below_target": rate.below_target,
            "target": rate.target,
        },
        "overdue": report.overdue,
        "items": [_item_fields(item, report) for item in report.items],
        "skipped": skipped,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
