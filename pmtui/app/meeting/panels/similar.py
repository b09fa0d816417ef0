"""'Wait, didn't we deal with this before?': the past postmortems closest to this one's root cause.

Heads the 5-whys side column when the meeting knows a library (`--library DIR`, else the
document's own folder). The search (`pmtui.library.similar`) runs in a worker thread when the
panel first shows and again once root-cause edits pause, and only when the words it compares
(title, tags, problem, summary, 5-whys answers, factors) changed. On a wide terminal the closest matches are
listed with their action items; at 80 columns a two-line summary. Everywhere `i` opens the full
list. No library, or nothing similar in it: nothing is shown at all.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from pmtui.app.common.debounce import Debounce
from pmtui.app.common.safe_text import one_line
from pmtui.app.meeting.session import Area, Session
from pmtui.app.meeting.panels.panel import Panel
from pmtui.document.model import Document

if TYPE_CHECKING:
    from pmtui.library.similar import SimilarIncident  # the library loads when the first search runs

SETTLE_SECONDS = 1.0  # after the last root-cause edit, before searching again
SIDE_SHOWN = 2  # matches listed in full in the side column; `i` shows all of them
STATUS_MARKS = {"done": "✓", "wont_do": "✗", "in_progress": "◐", "open": "○"}
STATUS_NAMES = {"done": "done", "wont_do": "won't do", "in_progress": "in progress", "open": "open"}
OPEN_STATUSES = ("open", "in_progress")


def compared_words(document: Document) -> tuple[object, ...]:
    """What the similarity depends on: when this is unchanged, so are the matches."""
    incident, cause = document.incident, document.root_cause
    return (incident.title, tuple(incident.tags), cause.problem, cause.summary, tuple(cause.contributing_factors),
            tuple(why.answer for why in document.whys))


def describe(match: SimilarIncident, path: bool = False) -> Group:
    """One past incident: title and date, why it matched, its action items and whether they were done.

    A grid keeps wrapped lines under their own column, so a long action reads as one item."""
    rows = Table.grid(padding=(0, 1))
    rows.add_column(width=1)
    rows.add_column(ratio=1)
    rows.add_row("", Text(f"matched on {one_line(match.why)}", style="italic"))
    if path:
        rows.add_row("", Text(one_line(str(match.path)), style="dim"))
    if not match.action_items:
        rows.add_row("", Text("no action items", style="dim"))
    for item in match.action_items:
        line = Text(f"{one_line(item.id)} " if item.id else "", style="bold")
        line.append(one_line(item.action))
        details = [STATUS_NAMES.get(item.status, item.status), item.owner, f"due {item.due}" if item.due else None]
        line.append(f" ({one_line(', '.join(detail for detail in details if detail))})",
                    style="bold" if item.status in OPEN_STATUSES else "dim")
        rows.add_row(STATUS_MARKS.get(item.status, "?"), line)
    title = Text(one_line(match.title), style="bold")
    title.append(f"  {match.date.isoformat() if match.date else 'undated'}", style="dim")
    return Group(title, rows)


def headline(matches: list[SimilarIncident]) -> Text:
    still_open = sum(match.open_actions for match in matches)
    text = Text(f"{len(matches)} similar past incident{'s' if len(matches) != 1 else ''}", style="bold")
    if still_open:
        text.append(f", {still_open} of their action items still open", style="bold")
    return text


def listing(matches: list[SimilarIncident], path: bool = False) -> Group:
    parts: list[RenderableType] = [headline(matches)]
    for match in matches:
        parts += [Text(), describe(match, path)]
    return Group(*parts)


class SimilarFound(Message):
    def __init__(self, words: tuple[object, ...], matches: list[SimilarIncident], error: str | None) -> None:
        super().__init__()
        self.words = words
        self.matches = matches
        self.error = error


class SimilarIncidents(Panel):
    AREAS = frozenset({Area.INCIDENT, Area.ROOT_CAUSE, Area.WHYS})

    def __init__(self, session: Session, *, library: Path | None, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.library = library
        self.matches: list[SimilarIncident] = []
        self.error: str | None = None
        self.searched_words: tuple[object, ...] | None = None  # the words the matches are for
        self._settle = Debounce(self, SETTLE_SECONDS, self._search_if_changed)  # the room stopped typing
        self._visible = False

    def compose(self) -> ComposeResult:
        yield Static("Seen before? (i)", classes="section-title")
        yield Static(id="similar-brief")
        yield Static(id="similar-full")

    def on_mount(self) -> None:
        self.set_class(True, "-empty")

    # ---------------------------------------------------------------------------- when to search

    def on_show(self, event: events.Show) -> None:
        self._visible = True
        self._search_if_changed()

    def on_hide(self, event: events.Hide) -> None:
        self._visible = False

    def document_changed(self, area: str) -> None:
        self._settle.restart()

    def settle(self) -> None:
        self._settle.flush()

    def _search_if_changed(self) -> None:
        if self.library is None or not self._visible:
            return
        words = compared_words(self.session.document)
        if words != self.searched_words:
            self.searched_words = words
            # A shallow copy taken here is a consistent snapshot: edits replace sections, never mutate them.
            self._search(self.session.document.model_copy(), self.library, self.session.path, words)

    # A description, or Textual builds one from repr(document) on the event loop.
    @work(thread=True, exclusive=True, group="similar-incidents", exit_on_error=False,
          description="similar past incidents")
    def _search(self, document: Document, library: Path, own_path: Path, words: tuple[object, ...]) -> None:
        from pmtui.library.index import LibraryError
        from pmtui.library.similar import similar_incidents

        try:
            matches = similar_incidents(document, library, limit=5, exclude_path=own_path)
        except (LibraryError, sqlite3.Error, OSError) as exc:
            self.post_message(SimilarFound(words, [], f"Similar past incidents unavailable: {exc}"))
            return
        self.post_message(SimilarFound(words, matches, None))

    # ---------------------------------------------------------------------------- showing

    def on_similar_found(self, message: SimilarFound) -> None:
        if message.words != self.searched_words:
            return  # an older search finishing late
        self.matches, self.error = message.matches, message.error
        self.set_class(not self.matches and not self.error, "-empty")
        brief = self.query_one("#similar-brief", Static)
        full = self.query_one("#similar-full", Static)
        if self.error:
            brief.update(Text(self.error, style="italic"))
            full.update(Text(self.error, style="italic"))
            return
        if not self.matches:
            return
        top = self.matches[0]
        summary = headline(self.matches)
        summary.append(f"\nclosest: {one_line(top.title)} ({top.date.isoformat() if top.date else 'undated'})")
        brief.update(summary)
        shown = listing(self.matches[:SIDE_SHOWN])
        if len(self.matches) > SIDE_SHOWN:
            shown.renderables.append(Text(f"\n… i shows all {len(self.matches)}", style="dim"))
        full.update(shown)

    def open_details(self) -> None:
        if self.matches:
            self.app.push_screen(SimilarScreen(self.matches))
        elif self.library is None:
            self.notify("No library known: start the meeting with --library DIR to see similar past incidents.",
                        markup=False)
        else:
            self.notify(f"No similar past incidents in {one_line(str(self.library))}.", markup=False)


class SimilarScreen(ModalScreen[None]):
    """The full list, over the meeting (at 80 columns the side column has room for one line)."""

    BINDINGS = [Binding("escape,i,q", "dismiss", "Close", id="whys.similar.close")]

    def __init__(self, matches: list[SimilarIncident]) -> None:
        super().__init__()
        self.matches = matches

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text("Wait, didn't we deal with this before? (Esc closes)", style="bold"),
                         classes="dialog-title")
            yield Static(listing(self.matches, path=True))
