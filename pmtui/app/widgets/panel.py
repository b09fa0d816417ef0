"""What every phase panel shares: the session it edits through, and how it hears about changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.containers import Container
from textual.content import Content

from pmtui.app.session import EditError, Session

if TYPE_CHECKING:
    from pmtui.app.app import PostmortemApp


class Panel(Container):
    """A phase's editor. It reads the document, edits only through the session, and redraws
    in `document_changed` when an area it shows was edited (by itself or anyone else)."""

    AREAS: frozenset[str] = frozenset()

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
