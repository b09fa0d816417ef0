"""Finalize: what still blocks the next status, the move when nothing does, what the meeting left
open, and the export.

What blocks a status comes from `pmtui.review.blockers`, the definition `pmtui check` uses too:
unmet requirements and error findings block; warnings are listed and do not. `d` dismisses every
open finding of one rule with one reason. The parking lot is listed too, before the
warnings: ↑/↓ pick a parked item, which becomes an action item (`a`), a lesson (`l`) or an open
question (`q`). Export writes Markdown beside the document (asking before it replaces one), or
copies it: system clipboard, then the terminal's (OSC 52), then a file.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static

from pmtui.document.model import Status
from pmtui.review.blockers import blockers, open_warnings
from pmtui.terminal_text import for_terminal

if TYPE_CHECKING:
    from collections.abc import Callable

    from pmtui.app.meeting.session import Session

# Parking-lot key -> where the parked item goes.
SETTLE_KEYS = {"a": "action", "l": "lessons", "q": "open_questions"}
PARKED_HINT = "↑/↓ pick one: a makes it an action item, l a lesson, q an open question."


class FinalizeScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="finalize.close"),
        Binding("m", "move", "Move status", id="finalize.move"),
        Binding("x", "export", "Export .md", id="finalize.export"),
        Binding("c", "copy", "Copy .md", id="finalize.copy"),
        Binding("d", "dismiss_rule", "Dismiss a rule", id="finalize.dismiss_rule"),
        *(Binding(key, f"settle('{into}')", show=False, id=f"finalize.settle_{into}") for key, into in SETTLE_KEYS.items()),
    ]

    def __init__(self, session: Session, copy_out: Callable[[str, str], None]) -> None:
        super().__init__()
        self.session = session
        self.copy_out = copy_out  # (text, file suffix): the clipboard, as the meeting screen does it

    def compose(self) -> ComposeResult:
        # The buttons sit outside the scrolling part, so a long list never pushes them off an 80x24 screen.
        with Vertical(classes="dialog finalize"):
            yield Static(id="finalize-status", classes="dialog-title")
            with VerticalScroll(id="finalize-body"):
                # the parked items before the warnings: on an 80x24 screen they are what the keys act on
                yield Static(id="finalize-blockers")
                yield Static(classes="section-title", id="parked-title")
                yield OptionList(id="parked", compact=True)
                yield Static(PARKED_HINT, classes="dialog-hint", id="parked-hint")
                yield Static(id="finalize-warnings")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Move (m)", variant="primary", id="move", compact=True)
                yield Button("Export .md (x)", id="export", compact=True)
                yield Button("Copy .md (c)", id="copy", compact=True)
                yield Button("Close (Esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.refresh_state()
        parked = self.query_one("#parked", OptionList)
        if parked.display:
            # ↑/↓ pick the parked item a/l/q settle; the blockers above stay in view
            parked.focus(scroll_visible=False)

    def refresh_state(self) -> None:
        document = self.session.document
        status = document.incident.status
        following = status.next()
        title = Text(f"Status: {status.value}", style="bold")
        body = Text()
        worth_a_look = Text()
        if following is None:
            title.append("  (final: nothing further to do but export)")
            missing: list[str] = []
        else:
            config = self.session.review_config
            missing = [blocker.line() for blocker in blockers(document, following, config)]
            title.append(f"  → next: {following.value}")
            if missing:
                body.append(f"Before it can move to {following.value}:\n", style="bold")
                for line in missing:
                    body.append(f"  ✗ {for_terminal(line)}\n")
            else:
                body.append(f"Nothing blocks {following.value}: press m to move it.\n", style="bold")
            warnings = open_warnings(document, following, config)
            if warnings:
                worth_a_look.append("Worth a look (these do not block; d dismisses all of one rule):\n", style="bold")
                for finding in warnings:
                    worth_a_look.append(f"  ⚠ {finding.ref or finding.path}: {for_terminal(finding.message)} ({finding.rule})\n")
        self.query_one("#finalize-status", Static).update(title)
        self.query_one("#finalize-blockers", Static).update(body)
        self.query_one("#finalize-warnings", Static).update(worth_a_look)
        self.query_one("#move", Button).disabled = following is None or bool(missing)
        self._show_parked()

    def _show_parked(self) -> None:
        parked = self.session.text_list("parking_lot")
        options = self.query_one("#parked", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Text(for_terminal(entry)) for entry in parked])
        if parked:
            options.highlighted = min(highlighted or 0, len(parked) - 1)
        for widget_id in ("#parked-title", "#parked", "#parked-hint"):
            self.query_one(widget_id).display = bool(parked)
        self.query_one("#parked-title", Static).update(f"Parking lot: {len(parked)} open (not in the record yet)")

    @on(Button.Pressed, "#move")
    def action_move(self) -> None:
        session = self.session
        following = session.document.incident.status.next()
        if following is None or blockers(session.document, following, session.review_config):
            self.notify("Something still blocks the next status; see the list.", severity="warning", markup=False)
            return
        session.set_status(following)
        self.notify(f"Status is now {following.value}.", markup=False)
        self.refresh_state()

    def action_settle(self, into: str) -> None:
        """The highlighted parked item becomes an action item, a lesson or an open question."""
        options = self.query_one("#parked", OptionList)
        index = options.highlighted
        if not self.session.text_list("parking_lot") or index is None:
            self.notify("The parking lot is empty.", markup=False)
            return
        if into == "action" and self.session.document.incident.status is Status.FINAL:
            self._settle_into_final_action(index)
            return
        landed = self.session.settle_parked(index, into)
        self.notify(f"Parked item is now {landed}.", markup=False)
        self.refresh_state()

    def _settle_into_final_action(self, index: int) -> None:
        """A final postmortem needs an owner and a due date on every action item: ask for both, so
        settling a parked item never leaves a final document that `pmtui check` fails."""
        from pmtui.app.common.forms import FormField, FormScreen
        from pmtui.app.meeting.session import EditError

        def settle(fields: dict[str, str]) -> None:
            if not (fields["owner"].strip() and fields["due"].strip()):
                raise EditError("A final postmortem needs an owner and a due date on every action item.")
            landed = self.session.settle_parked(index, "action", fields)
            self.notify(f"Parked item is now {landed}.", markup=False)
            self.refresh_state()

        text = self.session.text_list("parking_lot")[index]
        people = tuple(self.session.document.incident.people())
        self.app.push_screen(FormScreen(f"Action item: {for_terminal(text)}", [
            FormField("owner", "Owner", suggestions=people),
            FormField("due", "Due (YYYY-MM-DD)"),
        ], settle))

    def action_dismiss_rule(self) -> None:
        """Pick a rule among the open findings, then give one reason for all of its findings."""
        from pmtui.app.common.forms import ChoiceScreen

        counts = Counter(finding.rule for finding in self.session.review_findings())
        if not counts:
            self.notify("No open findings to dismiss.", markup=False)
            return
        choices = [(f"{rule} ({count} finding{'s' if count != 1 else ''})", rule) for rule, count in sorted(counts.items())]
        self.app.push_screen(ChoiceScreen("Dismiss every open finding of which rule?", choices), self._ask_reason)

    def _ask_reason(self, rule: str | None) -> None:
        from pmtui.app.common.forms import FormField, FormScreen

        if rule is None:
            return

        def dismiss(fields: dict[str, str]) -> None:
            count = self.session.dismiss_rule(rule, fields["reason"])
            self.notify(f"Dismissed {count} {rule} finding{'s' if count != 1 else ''}.", markup=False)
            self.refresh_state()

        self.app.push_screen(FormScreen(f"Why does {rule} not apply here? (kept with each finding)",
                                        [FormField("reason", "Reason")], dismiss))

    def _markdown(self) -> str:
        from pmtui.export import render

        return render(self.session.document, "md")

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        from pmtui.app.common.forms import ConfirmScreen

        path = self.session.path.with_suffix(".md")
        if not path.exists():
            self._write_export(True)
            return
        self.app.push_screen(ConfirmScreen(f"{for_terminal(str(path))} exists. Replace it with this export?"),
                             self._write_export)

    def _write_export(self, confirmed: bool | None) -> None:
        from pmtui import storage

        path = self.session.path.with_suffix(".md")
        if not confirmed:
            self.notify(f"Not exported: {for_terminal(str(path))} is unchanged.", markup=False)
            return
        try:
            storage.write_atomic(path, self._markdown().encode("utf-8"))
        except storage.DocumentError as exc:
            self.notify(for_terminal(str(exc)), severity="error", markup=False)
            return
        self.notify(f"Markdown written to {for_terminal(str(path))}", markup=False)

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        self.copy_out(self._markdown(), ".md")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
