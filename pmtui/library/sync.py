"""`pmtui sync`: action items made to say what their tickets say.

Each action item is matched to a ticket by its `ticket` field (the key, the URL or `#number`), or,
where `ticket` is empty, by the mark its exported ticket carries (`export/ticket_mark.py`: the
postmortem's repository path and the action's id). A matched item gets the ticket's key where its
`ticket` was empty, the ticket's status, and `completed`: the day the ticket was closed while it is
done, empty otherwise. Nothing else in the document changes. Pure: `changes_for` returns what would
change and `apply` does it to the document; reading the files and saving them is the command's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmtui.document.model import ActionItem, ActionStatus, Document
from pmtui.importers.tickets import Ticket


@dataclass(frozen=True)
class Change:
    index: int  # in document.action_items
    item_id: str
    field: str  # "ticket", "status" or "completed"
    old: object
    new: object

    def describe(self) -> str:
        def shown(value: object) -> str:
            return "(empty)" if value is None else str(value)

        return f"{self.item_id}: {self.field} {shown(self.old)} -> {shown(self.new)}"


class TicketIndex:
    """Tickets by every way an action item can name them."""

    def __init__(self, tickets: Sequence[Ticket]) -> None:
        self.by_name = {name.casefold(): ticket for ticket in tickets for name in (ticket.key, *ticket.aliases)}
        keys_by_mark: dict[tuple[str, str], list[str]] = {}
        for ticket in tickets:
            for mark in ticket.marks:
                keys_by_mark.setdefault(mark, []).append(ticket.key)
        # A mark on several tickets (an export copied into a new ticket) says nothing of which one
        # the action item follows: the item is left alone, and the command names the tickets.
        self.ambiguous = {mark: keys for mark, keys in keys_by_mark.items() if len(set(keys)) > 1}
        self.by_mark = {mark: ticket for ticket in tickets for mark in ticket.marks if mark not in self.ambiguous}
        self.matched: set[str] = set()

    def find(self, repository_path: str, item: ActionItem) -> Ticket | None:
        if item.ticket:
            ticket = self.by_name.get(item.ticket.strip().casefold())
        else:
            ticket = self.by_mark.get((repository_path, item.id or ""))
        if ticket is not None:
            self.matched.add(ticket.key)
        return ticket


def changes_for(document: Document, repository_path: str, tickets: TicketIndex) -> list[Change]:
    changes = []
    for index, item in enumerate(document.action_items):
        ticket = tickets.find(repository_path, item)
        if ticket is None:
            continue
        wanted = {
            "ticket": item.ticket or ticket.key,
            "status": ticket.status,
            # Kept when the tracker gives no date for a done ticket: pmtui never invents one.
            "completed": (ticket.completed or item.completed) if ticket.status == ActionStatus.DONE else None,
        }
        changes += [Change(index, item.id or "", field, getattr(item, field), value)
                    for field, value in wanted.items() if getattr(item, field) != value]
    return changes


def apply(document: Document, changes: Sequence[Change]) -> None:
    for change in changes:
        setattr(document.action_items[change.index], change.field, change.new)
