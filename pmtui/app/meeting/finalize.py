"""Finalize: what still blocks the next status, the move when nothing does, and the export.

What blocks a status comes from `pmtui.review.blockers`, the definition `pmtui check` uses too:
unmet requirements and error findings block; warnings are listed and do not. Export writes Markdown beside
the document, or copies it: system clipboard, then the terminal's (OSC 52), then a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from pmtui.review.blockers import blockers, open_warnings

if TYPE_CHECKING:
    from collections.abc import Callable

    from pmtui.app.meeting.session import Session


class FinalizeScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="finalize.close"),
        Binding("m", "move", "Move status", id="finalize.move"),
        Binding("x", "export", "Export .md", id="finalize.export"),
        Binding("c", "copy", "Copy .md", id="finalize.copy"),
    ]

    def __init__(self, session: Session, copy_out: Callable[[str, str], None]) -> None:
        super().__init__()
        self.session = session
        self.copy_out = copy_out  # (text, file suffix): the clipboard, as the meeting screen does it

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog finalize"):
            yield Static(id="finalize-status", classes="dialog-title")
            yield Static(id="finalize-blockers")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Move status (m)", variant="primary", id="move", compact=True)
                yield Button("Export Markdown (x)", id="export", compact=True)
                yield Button("Copy Markdown (c)", id="copy", compact=True)
                yield Button("Close (Esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.refresh_state()

    def refresh_state(self) -> None:
        document = self.session.document
        status = document.incident.status
        following = status.next()
        title = Text(f"Status: {status.value}", style="bold")
        body = Text()
        if following is None:
            title.append("  (final: nothing further to do but export)")
            missing: list[str] = []
        else:
            missing = [blocker.line() for blocker in blockers(document, following)]
            title.append(f"  → next: {following.value}")
            if missing:
                body.append(f"Before it can move to {following.value}:\n", style="bold")
                for line in missing:
                    body.append(f"  ✗ {line}\n")
            else:
                body.append(f"Nothing blocks {following.value}: press m to move it.\n", style="bold")
            warnings = open_warnings(document, following)
            if warnings:
                body.append("Worth a look (these do not block):\n", style="bold")
                for finding in warnings:
                    body.append(f"  ⚠ {finding.path}: {finding.message} ({finding.rule})\n")
        self.query_one("#finalize-status", Static).update(title)
        self.query_one("#finalize-blockers", Static).update(body)
        self.query_one("#move", Button).disabled = following is None or bool(missing)

    @on(Button.Pressed, "#move")
    def action_move(self) -> None:
        session = self.session
        following = session.document.incident.status.next()
        if following is None or blockers(session.document, following):
            self.notify("Something still blocks the next status; see the list.", severity="warning", markup=False)
            return
        session.set_status(following)
        self.notify(f"Status is now {following.value}.", markup=False)
        self.refresh_state()

    def _markdown(self) -> str:
        from pmtui.export import render

        return render(self.session.document, "md")

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        from pmtui import storage

        path = self.session.path.with_suffix(".md")
        try:
            storage.write_atomic(path, self._markdown().encode("utf-8"))
        except storage.DocumentError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Markdown written to {path}", markup=False)

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        self.copy_out(self._markdown(), ".md")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
