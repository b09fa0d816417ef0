"""Action items a team can actually finish: owned, dated, concrete, aimed deep, and few.

Rule ids: `action-owner-missing`, `action-due-missing`, `action-overdue`, `action-vague`,
`action-shallow`, `action-too-many`. Only open items (open, in_progress) are judged: a done or
won't-do item is history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from pmtui.document.model import ActionItem, Priority
from pmtui.document.whys import children, subtree_ids
from pmtui.review.findings import WARNING, Finding, ReviewContext
from pmtui.review.language import clause_end, splice

# Days to agree a due date in, by priority, when the team has not picked one.
DEFAULT_DUE_DAYS = {Priority.P1: 14, Priority.P2: 30, Priority.P3: 60, Priority.P4: 90, None: 30}

_VAGUE_HINT = "Replace it with a change someone can verify as done: a check, an alert, an automation, a runbook step"


def _rest_after(text: str, match: re.Match[str]) -> str:
    return text[match.end():clause_end(text, match.end())].strip()


def _guard_rail(text: str, match: re.Match[str]) -> str:
    rest = _rest_after(text, match)
    rest = re.sub(r"^with\b", "for", rest, flags=re.IGNORECASE)
    return f"add an automated check or guard rail {rest}".strip()


# Vague wording -> the concrete action replacing that clause (None: no template fits).
VAGUE: list[tuple[re.Pattern[str], Callable[[str, re.Match[str]], str | None]]] = [
    (re.compile(r"\b(?:be|being|stay)\s+(?:more\s+|extra\s+)?careful\b|\btake\s+(?:more\s+)?care\b", re.IGNORECASE), _guard_rail),
    (re.compile(r"\bpay\s+(?:more\s+|closer\s+)?attention(?:\s+to)?|\bkeep\s+an\s+eye\s+on|\b(?:be|stay)\s+(?:more\s+)?(?:vigilant|alert)(?:\s+(?:about|to|for))?", re.IGNORECASE),
     lambda text, match: f"add an alert on {_rest_after(text, match)}" if _rest_after(text, match) else None),
    (re.compile(r"\btry\s+harder\b|\bdo\s+better\b|\bthink\s+harder\b", re.IGNORECASE), lambda *_: None),
    (re.compile(r"\bremember\s+to\b|\bdon['’]?t\s+forget\s+to\b", re.IGNORECASE),
     lambda text, match: f"automate the step to {_rest_after(text, match)} so nobody has to remember it"),
    (re.compile(r"\bcommunicate\s+better\b|\bimprove\s+(?:the\s+)?communication\b|\bbetter\s+communication\b", re.IGNORECASE),
     lambda text, match: f"set a status-update channel and cadence {_rest_after(text, match)}".strip()),
    (re.compile(r"\blook\s+into\b", re.IGNORECASE),
     lambda text, match: f"timebox an investigation of {_rest_after(text, match)} and file the concrete fix as a new action item"),
    (re.compile(r"\bdouble[\s-]?check\b", re.IGNORECASE),
     lambda text, match: f"automate the check of {_rest_after(text, match)}"),
    (re.compile(r"\b(?:be\s+aware\s+of|raise\s+awareness\s+(?:of|about))\b", re.IGNORECASE),
     lambda text, match: f"document {_rest_after(text, match)} in the runbook and link it from the alert"),
]


def _open_items(context: ReviewContext) -> Iterator[tuple[int, ActionItem]]:
    for index, item in enumerate(context.document.action_items):
        if item.status.is_open:
            yield index, item


def owner_missing(context: ReviewContext) -> Iterator[Finding]:
    for index, item in _open_items(context):
        if not (item.owner and item.owner.strip()):
            yield Finding(
                "action-owner-missing", WARNING, f"action_items[{index}].owner", f"{item.id} has no owner (final requires one)",
                "Name one person or team who will drive it to done",
            )


def due_missing(context: ReviewContext) -> Iterator[Finding]:
    for index, item in _open_items(context):
        if item.due is None:
            days = DEFAULT_DUE_DAYS[item.priority]
            proposed = (context.today + dt.timedelta(days=days)).isoformat()
            yield Finding(
                "action-due-missing", WARNING, f"action_items[{index}].due", f"{item.id} has no due date (final requires one)",
                f"Agree a date; {days} days is a common default for {item.priority or 'an unprioritised item'}: {proposed}",
                proposed,
            )


def overdue(context: ReviewContext) -> Iterator[Finding]:
    for index, item in _open_items(context):
        if item.due is not None and item.due < context.today:
            late = (context.today - item.due).days
            yield Finding(
                "action-overdue", WARNING, f"action_items[{index}].due",
                f"{item.id} was due {item.due.isoformat()} ({late} day{'s' if late != 1 else ''} ago) and is still {item.status.value}",
                "Press e to finish it, set a new date, or mark it won't do with the reason",
                file_suggestion="Finish it, agree a new date, or mark it wont_do with the reason",
            )


def vague(context: ReviewContext) -> Iterator[Finding]:
    for index, item in _open_items(context):
        for pattern, rewrite in VAGUE:
            match = pattern.search(item.action)
            if not match:
                continue
            new = rewrite(item.action, match)
            end = clause_end(item.action, match.end())
            replacement = splice(item.action, match.start(), end, new) if new else None
            yield Finding(
                "action-vague", WARNING, f"action_items[{index}].action",
                f'{item.id} is hard to verify as done: "{match.group()}"',
                replacement or _VAGUE_HINT, replacement,
            )
            break


def shallow(context: ReviewContext) -> Iterator[Finding]:
    """Items fixing only a first-level why when the tree under it goes deeper, and nothing does.

    The deepest causes are where a fix prevents the whole class of problem; a first-level fix
    mends this one instance.
    """
    whys = context.document.whys
    top_level = {why.id for why in children(whys, None)}
    addressed = {item.addresses for item in context.document.action_items if item.addresses}
    for index, item in _open_items(context):
        if item.addresses not in top_level:
            continue
        below = subtree_ids(whys, item.addresses) - {item.addresses}
        if not below or below & addressed:
            continue
        deepest = max((why for why in whys if why.id in below), key=lambda why: why.depth)
        yield Finding(
            "action-shallow", WARNING, f"action_items[{index}]",
            f"{item.id} fixes only the first why ({item.addresses}) while the tree goes {deepest.depth} deep",
            f'Add an action item at the deepest level (addresses = "{deepest.id}": {deepest.answer}) that prevents the class of problem',
        )


def too_many(context: ReviewContext) -> Iterator[Finding]:
    count = sum(1 for _ in _open_items(context))
    limit = context.config.max_open_items
    if count > limit:
        yield Finding(
            "action-too-many", WARNING, "action_items",
            f"{count} open action items; more than {limit} is too many to track",
            "Keep the few that prevent the class of problem; move the rest to the backlog or mark them wont_do",
        )


RULES = [owner_missing, due_missing, overdue, vague, shallow, too_many]
