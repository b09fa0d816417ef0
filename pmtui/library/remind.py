"""`pmtui remind`: the follow-up digest a scheduled CI job posts to the team's chat.

Per owner: action items overdue, and those due within the next N days. Then postmortems late by
the policy (a draft started late, a review held late or not yet held), and the action-item
completion rate over the last 90 days against the policy's target (`targets.py`). Pure: takes
loaded documents, returns Markdown (for a chat message or an issue) or JSON (`text` holds the same
Markdown, as chat webhooks want it; the rest is the same digest as data, for the team's own script).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from pmtui.document.model import ActionStatus, Document
from pmtui.export.markdown import inline
from pmtui.library.targets import Targets
from pmtui.policy import Policy
from pmtui.review.process import timeliness

NO_OWNER = "(no owner)"


@dataclass(frozen=True)
class DueItem:
    file: str
    incident: str
    id: str
    action: str
    due: str
    days: int  # overdue by (positive) or due in (for due-soon items)


@dataclass
class OwnerDigest:
    owner: str
    overdue: list[DueItem] = field(default_factory=list)
    due_soon: list[DueItem] = field(default_factory=list)


@dataclass(frozen=True)
class LatePostmortem:
    file: str
    incident: str
    rule: str
    message: str


@dataclass(frozen=True)
class Digest:
    today: dt.date
    days: int
    owners: list[OwnerDigest]
    late: list[LatePostmortem]
    due: int  # action items due in the completion window
    done: int
    targets: Targets

    @property
    def rate(self) -> float | None:
        return self.done / self.due if self.due else None

    @property
    def below_target(self) -> bool:
        return self.rate is not None and self.rate < self.targets.completion


def build_digest(documents: Sequence[tuple[str, Document]], policy_for: Callable[[str], Policy], *,
                 today: dt.date, days: int, targets: Targets) -> Digest:
    """`documents`: (file as shown, document); `policy_for(file)`: the policy that applies to it;
    `targets`: the completion target and window (the folder's policy)."""
    owners: dict[str, OwnerDigest] = {}
    late: list[LatePostmortem] = []
    window_start = today - dt.timedelta(days=targets.completion_window_days - 1)
    due = done = 0
    for file, document in documents:
        title = document.incident.title
        for item in document.action_items:
            if item.due is None:
                continue
            if window_start <= item.due <= today:
                due += 1
                done += item.status == ActionStatus.DONE
            if not item.status.is_open:
                continue
            entry = DueItem(file, title, item.id or "", item.action, item.due.isoformat(), abs((item.due - today).days))
            owner = (item.owner or "").strip() or NO_OWNER  # "  " is no one to remind, nor a heading
            digest = owners.setdefault(owner, OwnerDigest(owner))
            if item.due < today:
                digest.overdue.append(entry)
            elif item.due <= today + dt.timedelta(days=days):
                digest.due_soon.append(entry)
        late += [LatePostmortem(file, title, finding.rule, finding.message)
                 for finding in timeliness(document, policy_for(file), today)]
    wanted = [digest for digest in owners.values() if digest.overdue or digest.due_soon]
    for digest in wanted:
        digest.overdue.sort(key=lambda item: -item.days)
        digest.due_soon.sort(key=lambda item: item.days)
    wanted.sort(key=lambda digest: (-len(digest.overdue), digest.owner.casefold()))
    return Digest(today, days, wanted, late, due, done, targets)


def _completion_line(digest: Digest) -> str:
    target, window = round(digest.targets.completion * 100), digest.targets.completion_window_days
    if digest.rate is None:
        return f"No action items were due in the last {window} days (policy target {target}% done)."
    verdict = "below" if digest.below_target else "meets"
    return (f"{digest.done} of {digest.due} action items due in the last {window} days are done "
            f"({round(100 * digest.rate)}%): {verdict} the policy target of {target}%.")


def _item_line(item: DueItem, overdue: bool) -> str:
    days = f"{item.days} day{'' if item.days == 1 else 's'}"
    when = f"**{days} overdue**" if overdue else ("due today" if item.days == 0 else f"due in {days}")
    return (f"- {when}: {inline(item.id)} {inline(item.action)} "
            f"({inline(item.incident)}, due {item.due}, {inline(item.file)})")


def render_markdown(digest: Digest) -> str:
    lines = [f"# Postmortem follow-up, {digest.today.isoformat()}", ""]
    if digest.owners:
        lines += [f"## Action items overdue or due within {digest.days} days", ""]
        for owner in digest.owners:
            lines.append(f"### {inline(owner.owner)}")
            lines += [_item_line(item, True) for item in owner.overdue]
            lines += [_item_line(item, False) for item in owner.due_soon]
            lines.append("")
    else:
        lines += [f"No action item is overdue or due within {digest.days} days.", ""]
    if digest.late:
        lines += ["## Postmortems late by the policy", ""]
        lines += [f"- {inline(late.incident)} ({inline(late.file)}): {inline(late.message)}" for late in digest.late]
        lines.append("")
    lines += ["## Completion", "", _completion_line(digest)]
    return "\n".join(lines) + "\n"


def render_json(digest: Digest) -> str:
    payload = {
        "text": render_markdown(digest),
        "today": digest.today.isoformat(),
        "days": digest.days,
        "owners": [asdict(owner) for owner in digest.owners],
        "late": [asdict(late) for late in digest.late],
        "completion": {"window_days": digest.targets.completion_window_days, "due": digest.due, "done": digest.done,
                       "rate": None if digest.rate is None else round(digest.rate, 4),
                       "target": digest.targets.completion, "below_target": digest.below_target},
    }
    # ASCII only: any control or bidi character a document holds arrives as a \u escape.
    return json.dumps(payload, indent=2, ensure_ascii=True) + "\n"
