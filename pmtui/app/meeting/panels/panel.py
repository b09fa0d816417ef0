"""What every phase panel shares: the session it edits through, and how it hears about changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.containers import Container
from textual.content import Content

from pmtui.app.meeting.review_marks import findings_by_row
from pmtui.app.meeting.session import EditError, Session
from pmtui.app.common.row_table import RowTable

if TYPE_CHECKING:
    from pmtui.app.meeting.app import PostmortemApp


class Panel(Container):
    """A phase's editor. It reads the document, edits only through the session, and redraws
    in `document_changed` when an area it shows was edited (by itself or anyone else)."""

    AREAS: frozenset[str] = frozenset()
    ROW_SECTION: str | None = None  # the document list its rows or nodes show ("timeline"), for review marks

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown_findings: list[Any] = []  # as of the last (debounced) review: what marks and `w` go by
        self._findings_by_row: dict[tuple[str, int], list[Any]] = {}  # the same, by the entry they are about
        self._offering_row_findings = False  # what the Footer was last told about `w`

    @property
    def pm_app(self) -> PostmortemApp:
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session:
        return self.pm_app.session

    def document_changed(self, area: str) -> None:
        """Redraw what `area` changed; called only for areas in AREAS."""

    def focus_editor(self) -> None:
        """Put the keyboard where this panel's work starts."""

    def show_review(self, findings: list[Any]) -> None:
        """The review assistant's findings changed: mark the rows or nodes they point at."""
        self.shown_findings = findings
        self._findings_by_row = findings_by_row(findings)
        self.offer_row_findings()

    # ---------------------------------------------------------------------------- a marked row's findings (`w`)

    def current_row(self) -> int | None:
        """The index in ROW_SECTION of the highlighted entry, if any."""
        return None

    def row_findings(self) -> list[Any]:
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
            self.app.push_screen(RowFindingsScreen(self.ROW_SECTION, index))

    def attempt(self, edit: Callable[[], Any]) -> Any:
        """Run a session edit from a key press; a refused edit becomes a one-line notice."""
        try:
            return edit()
        except EditError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None


def plain(text: str) -> Content:
    """User text as content, never parsed as markup (a `[/deploy]` in an event must not break anything)."""
    return Content(text)
