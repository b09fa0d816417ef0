"""A form is built once for each shape of fields and refilled when it opens again: what it shows
each time is what that opening asked for, never what the last one left behind."""

from __future__ import annotations

from pathlib import Path

from app_harness import FakeClock, make_app, run_async, type_text
from textual.widgets import Input, Select, Static

from pmtui.app.common.forms import FormScreen


def field(app, name: str):
    return app.screen.query_one(f"#field-{name}")


@run_async
async def test_the_event_form_opened_again_is_the_same_dialog_showing_the_new_values(sample_copy: Path,
                                                                                  clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f4")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FormScreen) and form.form_title == "Add a timeline event"
        await type_text(pilot, "99:99")  # the time is selected on focus: typing replaces it
        await pilot.press("tab")
        await type_text(pilot, "half typed")
        await pilot.press("enter")
        assert "99:99" in str(form.query_one(".dialog-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()

        first = app.session.document.timeline[0]
        await pilot.press("e")
        assert app.screen is form
        assert form.form_title == f"Edit {first.id}"
        assert field(app, "event").value == first.event
        assert field(app, "source").value == (first.source or "")
        assert str(form.query_one(".dialog-error", Static).render()) == ""
        assert app.screen.focused is field(app, "time")
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("a")
        assert app.screen is form and field(app, "event").value == ""
        await pilot.press("tab")
        await type_text(pilot, "Second try")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert "Second try" in [event.event for event in app.session.document.timeline]
        assert "half typed" not in [event.event for event in app.session.document.timeline]


@run_async
async def test_a_refilled_drop_down_offers_what_exists_now(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        app.meeting.show_panel("actions")
        await app.meeting.panels_mounted()
        await pilot.pause()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("escape")
        await pilot.pause()
        why = app.session.add_why(None, "A cause named after the form was built")
        await pilot.press("a")
        assert app.screen is form
        addresses = field(app, "addresses")
        assert isinstance(addresses, Select) and addresses.value is Select.NULL
        addresses.value = why.id  # refused (InvalidSelectValueError) unless the new why is on offer
        await type_text(pilot, "Add a connection budget")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.document.action_items[-1].addresses == why.id


@run_async
async def test_the_capture_form_serves_each_list_with_its_own_title(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f8")
        form = app.screen
        assert isinstance(form, FormScreen) and form.form_title == "Park a question or note for later"
        await type_text(pilot, "Who owns PgBouncer?")
        await pilot.press("enter")
        await pilot.pause()
        app.meeting.capture("lessons")
        await pilot.pause()
        assert app.screen is form and form.form_title == "What did we learn?"
        assert isinstance(field(app, "text"), Input) and field(app, "text").value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.text_list("parking_lot")[-1] == "Who owns PgBouncer?"
