"""What every phase panel shares: the session it edits through, how it hears about changes, and the
messages it posts up for what only the meeting screen may do (copy out, capture a line, open another panel)."""

from __future__ import annotations


from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.widgets import Static

from pmtui.app.meeting.review_marks import findings_by_row
from textual.message import Message

from pmtui.app.common.row_table import RowTable
from pmtui.app.meeting.session import EditError, Session
from pmtui.terminal_text import for_terminal

if TYPE_CHECKING:
    from pmtui.review.findings import Finding


class CopyWanted(Message):
    """Put this export on the clipboard (the screen knows how: system, terminal or a file)."""

    def __init__(self, text: str, suffix: str) -> None:
        super().__init__()
        self.text = text
        self.suffix = suffix


class CaptureWanted(Message):
    """Ask for one line into this findings list or the parking lot."""

    def __init__(self, list_name: str) -> None:
        super().__init__()
        self.list_name = list_name


class WhyHighlighted(Message):
    """The room is looking at this why (None: the problem): what a new action item addresses."""

    def __init__(self, why_id: str | None) -> None:
        super().__init__()
        self.why_id = why_id


class ActionWanted(Message):
    """Open the new-action-item form, addressing this why."""

    def __init__(self, why_id: str | None) -> None:
        super().__init__()
        self.why_id = why_id


# Every panel's presenter key; each lists it after its own keys, so the footer shows those first.
PRESENT = Binding("z", "present", "Present", id="panel.present",
                  tooltip="Present: the highlighted item alone, in large text (z or Esc returns)")


class Panel(Container):
    """A phase's editor. It reads the document, edits only through the session, and redraws
    in `document_changed` when an area it shows was edited (by itself or anyone else)."""

    AREAS: frozenset[str] = frozenset()
    ROW_SECTION: str | None = None  # the document list its rows or nodes show ("timeline"), for review marks

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.shown_findings: list[Finding] = []  # as of the last (debounced) review: what marks and `w` go by
        self._findings_by_row: dict[tuple[str, int], list[Finding]] = {}  # the same, by the entry they are about
        self._offering_row_findings = False  # what the Footer was last told about `w`

    def document_changed(self, area: str) -> None:
        """Redraw what `area` changed; called only for areas in AREAS."""

    def focus_editor(self) -> None:
        """Put the keyboard where this panel's work starts."""

    def settle(self) -> None:
        """Do now what waits for typing to pause (tests use it instead of sleeping)."""

    def show_review(self, findings: list[Finding]) -> None:
        """The review assistant's findings changed: mark the rows or nodes they point at."""
        self.shown_findings = findings
        self._findings_by_row = findings_by_row(findings)
        self.offer_row_findings()

    # ---------------------------------------------------------------------------- a marked row's findings (`w`)

    def current_row(self) -> int | None:
        """The index in ROW_SECTION of the highlighted entry, if any."""
        return None

    def row_findings(self) -> list[Finding]:
        index = self.current_row()
        if self.ROW_SECTION is None or index is None:
            return []
        return self._findings_by_row.get((self.ROW_SECTION, index), [])

    @on(RowTable.Highlighted)
    def offer_row_findings(self) -> None:
        """The Footer shows `w` on a marked row only. Refreshing the bindings rebuilds the whole
        Footer (tens of ms), so only when moving onto or off a marked row changes the offer."""
        offered = bool(self.row_findings())
        if offered != self._offering_row_findings:
            self._offering_row_findings = offered
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`w` is offered (in the Footer too) only on a row that has findings."""
        return bool(self.row_findings()) if action == "row_findings" else True

    def action_row_findings(self) -> None:
        from pmtui.app.meeting.row_findings import RowFindingsScreen

        index = self.current_row()
        if self.ROW_SECTION is not None and index is not None:
            self.app.push_screen(RowFindingsScreen(self.session, self.ROW_SECTION, index))

    def presented(self) -> tuple[str, Text] | None:
        """(a title, the highlighted item in full) for the presenter view; None: nothing highlighted."""
        return None

    def action_present(self) -> None:
        from pmtui.app.meeting.presenter import PresenterScreen

        shown = self.presented()
        if shown is None:
            self.notify("Highlight something first: z shows it large for the room.", markup=False)
            return
        self.app.push_screen(PresenterScreen(*shown))

    def attempt(self, edit: Callable[[], Any]) -> Any:
        """Run a session edit from a key press; a refused edit becomes a one-line notice."""
        try:
            return edit()
        except EditError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None


class Detail(Static):
    """The highlighted item in full, below a table. Laid out again only when its height changes:
    a cursor move between items of the same length redraws this area and nothing else."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines = -1  # lines the last text wrapped to

    def show(self, text: Text) -> None:
        width = self.content_region.width
        lines = len(text.wrap(self.app.console, width)) if width > 0 else -1
        self.update(text, layout=lines != self._lines or lines < 0)
        self._lines = lines


def append_findings(text: Text, findings: list[Finding]) -> None:
    """Each finding under a detail, named as the screen names its entry ("⚠ T4: …", "⚠ why 1.2: …")."""
    for finding in findings:
        text.append(f"\n⚠ {finding.ref}: ", style="bold")
        text.append(for_terminal(finding.message))


def plain(text: str) -> Content:
    """User text as content, never parsed as markup (a `[/deploy]` in an event must not break anything)."""
    return Content(text)
