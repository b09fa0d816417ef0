"""Small modal dialogs the panels edit through: a form, a yes/no question, a pick-one and a pick-many list.

A form does not touch the document: it hands what was typed to an `apply` callback (a session
method). When that raises `EditError` the message shows in the form and nothing is lost, so a typo
in a time never costs the room the sentence they just dictated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from pmtui.app.meeting.session import EditError
from pmtui.terminal_text import for_terminal


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] | None = None  # (shown, stored) pairs: a drop-down
    multiline: bool = False
    suggestions: tuple[str, ...] = ()  # completions offered as one types (a one-line field only)


def field_widget(field: FormField, *, keep_value_on_focus: bool = False) -> Widget:
    """The input a field is typed into: a drop-down, a text area or a one-line input.

    `keep_value_on_focus`: the cursor lands after the value instead of selecting it, so the first
    key typed adds to the value rather than replacing it."""
    if field.choices is not None:
        return Select(
            [(Content(shown), stored) for shown, stored in field.choices],
            value=field.value if field.value in {stored for _, stored in field.choices} else Select.NULL,
            allow_blank=True, id=f"field-{field.name}", compact=True,
        )
    if field.multiline:
        return TextArea(shown_value(field), id=f"field-{field.name}", soft_wrap=True, classes="field-text")
    suggester = SuggestFromList(field.suggestions, case_sensitive=False) if field.suggestions else None
    return Input(shown_value(field), placeholder=field.placeholder, id=f"field-{field.name}", compact=True,
                 select_on_focus=not keep_value_on_focus, suggester=suggester)


def shown_value(field: FormField) -> str:
    """The value as the field shows it: a control character in a document's text is shown as a
    visible escape (`\\x1b`), never sent to the terminal. `read_fields` gives the value back
    untouched when nobody edited it."""
    return for_terminal(field.value, newlines=field.multiline)


def field_column(fields: Sequence[FormField], *, keep_value_on_focus: bool = False) -> FieldColumn:
    """A form's fields, each under its label, scrolling when they outgrow the dialog."""
    widgets: list[Widget] = []
    for field in fields:
        widgets += [Label(Content(field.label), classes="field-label"),
                    field_widget(field, keep_value_on_focus=keep_value_on_focus)]
    return FieldColumn(*widgets, classes="dialog-fields", can_focus=False)


class FieldColumn(VerticalScroll):
    """Fields that scroll once they outgrow the dialog. Focusing the first field scrolls it into
    view past its own label; the column starts at the top, so the room reads what the field is."""

    def on_mount(self) -> None:
        self.call_after_refresh(self.scroll_home, animate=False)


def read_fields(screen: Screen, fields: Sequence[FormField]) -> dict[str, str]:
    """What was typed into each field's widget (an unpicked drop-down reads as "")."""
    found: dict[str, str] = {}
    for field in fields:
        widget = screen.query_one(f"#field-{field.name}")
        if isinstance(widget, Select):
            found[field.name] = "" if widget.value is Select.NULL else str(widget.value)
        else:
            assert isinstance(widget, (TextArea, Input))
            typed = widget.text if isinstance(widget, TextArea) else widget.value
            found[field.name] = field.value if typed == shown_value(field) else typed
    return found


class FormScreen(ModalScreen[bool]):
    """Fields in a column; Enter in a one-line field or Ctrl+S saves, Escape cancels.

    Open it with `show_form`: a form is built once for each shape of fields (their names, labels
    and kinds) and refilled each time it opens, so adding the tenth event costs the room a refill,
    not a new dialog of a dozen widgets to compose, mount and style."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.save", priority=True),
    ]

    def __init__(self, title: str, fields: Sequence[FormField], apply: Callable[[dict[str, str]], None]) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.form_title), classes="dialog-title")
            yield field_column(self.fields)
            yield Static("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                # Enter starts a new line in a multi-line field: there only Ctrl+S saves.
                keys = "Ctrl+S" if any(field.multiline for field in self.fields) else "Enter / Ctrl+S"
                yield Button(f"Save ({keys})", variant="primary", id="save", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def refill(self, title: str, fields: Sequence[FormField], apply: Callable[[dict[str, str]], None]) -> None:
        """Show these values in the fields built before (the same names, labels and kinds), from the top."""
        before = {field.name: field for field in self.fields}
        self.form_title, self.fields, self.apply = title, list(fields), apply
        self.query_one(".dialog-title", Label).update(Content(title))
        self.query_one(".dialog-error", Static).update("")
        for field in self.fields:
            fill(self.query_one(f"#field-{field.name}"), field, new_choices=field.choices != before[field.name].choices)
        self.query_one(".dialog-fields", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.set_focus(self.query_one(f"#field-{self.fields[0].name}"))

    def values(self) -> dict[str, str]:
        return read_fields(self, self.fields)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_submit(self) -> None:
        try:
            self.apply(self.values())
        except EditError as exc:
            self.query_one(".dialog-error", Static).update(Content(str(exc)))
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


def fill(widget: Widget, field: FormField, *, new_choices: bool) -> None:
    """Put a field's value (and its choices or suggestions) into the widget `field_widget` built for it."""
    with widget.prevent(Input.Changed, TextArea.Changed, Select.Changed):
        if isinstance(widget, Select):
            if new_choices:  # rebuilding a drop-down's list costs more than the rest of the refill
                widget.set_options([(Content(shown), stored) for shown, stored in field.choices or ()])
            stored_values = {stored for _, stored in field.choices or ()}
            widget.value = field.value if field.value in stored_values else Select.NULL
        elif isinstance(widget, TextArea):
            widget.load_text(field.value)
        else:
            assert isinstance(widget, Input)
            widget.value = field.value
            widget.placeholder = field.placeholder
            widget.suggester = SuggestFromList(field.suggestions, case_sensitive=False) if field.suggestions else None


def show_form(app: App, title: str, fields: Sequence[FormField], apply: Callable[[dict[str, str]], None]) -> None:
    """Open a form: the one built for fields of this shape before, refilled, or a new one kept for next time."""
    shape = "form:" + "|".join(
        f"{field.name}/{field.label}/{'choices' if field.choices is not None else field.multiline}" for field in fields
    )
    if app.is_screen_installed(shape):
        form = app.get_screen(shape)
        assert isinstance(form, FormScreen)
        form.refill(title, fields, apply)
    else:
        form = FormScreen(title, fields, apply)
        app.install_screen(form, shape)
    app.push_screen(form)


class LiveFormScreen(ModalScreen[None]):
    """Fields that write through as they are typed, like editing in place: every change goes to
    `apply`, so nothing typed waits for a Save. A value `apply` refuses (a half-typed date) is shown
    as the form's error and kept in the field; Enter or Escape closes the form, but not over a
    refused value unless asked twice, and then the field gets back what it had when the form
    opened, so a typo never leaves it half-erased."""

    BINDINGS = [Binding("escape", "close", "Close", id="live_form.close")]

    def __init__(self, title: str, fields: Sequence[FormField], apply: Callable[[dict[str, str]], None]) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.apply = apply
        self.problem: str | None = None
        self._close_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.form_title), classes="dialog-title")
            yield field_column(self.fields, keep_value_on_focus=True)
            yield Static("", classes="dialog-error")
            one_line = all(field.choices is None and not field.multiline for field in self.fields)
            yield Label("Saved as you type · " + ("Enter or Esc closes" if one_line else "Esc closes"),
                        classes="dialog-hint")

    def on_mount(self) -> None:
        for text_area in self.query(TextArea):  # typing continues the text, as an input's cursor does
            text_area.move_cursor(text_area.document.end)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self._close_armed = False
        try:
            self.apply(read_fields(self, self.fields))
        except EditError as exc:
            self.problem = str(exc)
        else:
            self.problem = None
        self.query_one(".dialog-error", Static).update(Content(self.problem or ""))
        for field in self.fields:
            self.query_one(f"#field-{field.name}").set_class(self.problem is not None, "-invalid")

    @on(Input.Submitted)
    def action_close(self) -> None:
        if self.problem is not None and not self._close_armed:
            self._close_armed = True
            self.query_one(".dialog-error", Static).update(
                Content(f"{self.problem} (not saved: press Esc again to put back what it was)")
            )
            return
        if self.problem is not None:  # asked twice: what the form opened with, not a half-erased value
            with suppress(EditError):
                self.apply({field.name: field.value for field in self.fields})
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or Enter confirms, n or Escape declines."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", variant="error", id="yes", compact=True)
                yield Button("No (n)", id="no", compact=True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of a list (Enter), or Escape for none."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], highlighted: str | None = None) -> None:
        super().__init__()
        self.choice_title = title
        self.choices = list(choices)
        self.highlighted = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.choice_title), classes="dialog-title")
            yield OptionList(*[Option(Content(shown), id=value) for shown, value in self.choices])

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for _, value in self.choices]
        if self.highlighted in values:
            options.highlighted = values.index(self.highlighted)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class PickManyScreen(ModalScreen[list[str] | None]):
    """Tick any number of entries (Space), Enter to keep them, Escape to leave them as they were."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="pick.cancel"),
        Binding("enter", "done", "Done", id="pick.done", priority=True),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], chosen: Sequence[str]) -> None:
        super().__init__()
        self.pick_title = title
        self.choices = list(choices)
        self.chosen = set(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.pick_title), classes="dialog-title")
            yield SelectionList[str](
                *[(Content(shown), value, value in self.chosen) for shown, value in self.choices]
            )
            yield Label("Space ticks, Enter keeps, Esc cancels", classes="dialog-hint")

    def action_done(self) -> None:
        self.dismiss(list(self.query_one(SelectionList).selected))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
