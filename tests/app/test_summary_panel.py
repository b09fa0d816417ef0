"""The Summary & impact panel: a table of fields, the highlighted one in full, and forms that save
as they are typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_harness import FakeClock, make_app, run_async, type_text
from textual.widgets import Input, Select, Static

from pmtui.app.common.forms import LiveFormScreen
from pmtui.app.common.row_table import RowTable
from pmtui.app.meeting.panels.summary import FIELDS, SUMMARY_ROW, SummaryPanel


def row_of(name: str) -> int:
    return next(index for index, field in enumerate(FIELDS) if field.name == name)


def detail_text(app) -> str:
    return str(app.meeting.query_one("#summary-detail", Static).render())


async def open_field(pilot, name: str) -> LiveFormScreen:
    table = pilot.app.meeting.query_one("#summary-table", RowTable)
    table.move_cursor(row_of(name))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LiveFormScreen)
    return pilot.app.screen


@run_async
async def test_the_walkthrough_starts_on_the_summary_shown_in_full(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.meeting.query_one("#summary-table", RowTable)
        assert table.has_focus and table.cursor == SUMMARY_ROW == row_of("summary")
        summary = app.session.document.incident.summary
        assert summary and len(summary) > 200
        assert summary.split()[-1] in detail_text(app)  # the whole paragraph, not the row's cut
        assert table.render_line(1 + row_of("title")).text.startswith("Title")
        await pilot.press("up")
        await pilot.pause()
        assert app.session.document.incident.title[:30] in detail_text(app)


@run_async
async def test_typing_adds_to_a_long_title_and_is_saved_before_the_form_closes(sample_copy: Path,
                                                                                clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        original = app.session.document.incident.title
        form = await open_field(pilot, "title")
        field = form.query_one("#field-value", Input)
        assert field.value == original and field.selected_text == ""
        await pilot.press("!")
        await pilot.pause()
        assert app.session.document.incident.title == original + "!"  # in the document already
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LiveFormScreen)
        assert original + "!" in detail_text(app)  # a long title is shown in full below the table


@run_async
async def test_a_half_typed_date_is_kept_with_its_error_and_never_dropped_silently(sample_copy: Path,
                                                                                   clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = await open_field(pilot, "date")
        field = form.query_one("#field-value", Input)
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2026-13")
        await pilot.pause()
        assert field.has_class("-invalid")
        error = str(form.query_one(".dialog-error", Static).render())
        assert "incident.date" in error
        assert app.session.document.incident.date is None  # the last value it took (erased), never the refused one
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form  # the first Escape warns instead of dropping the typing
        assert "Esc again" in str(form.query_one(".dialog-error", Static).render())
        await pilot.press("backspace", "backspace", "1", "0", "-", "0", "1")
        await pilot.pause()
        assert app.session.document.incident.date == dt.date(2026, 10, 1)
        assert not field.has_class("-invalid")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.meeting
        # Erased and mistyped, then Esc twice: the date the form opened with comes back.
        form = await open_field(pilot, "date")
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2026-1")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is app.meeting
        assert app.session.document.incident.date == dt.date(2026, 10, 1)


@run_async
async def test_severity_is_picked_and_status_is_left_to_finalize(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = await open_field(pilot, "severity")
        form.query_one("#field-value", Select).value = "SEV3"
        await pilot.pause()
        assert app.session.document.incident.severity.value == "SEV3"
        await pilot.press("escape")
        await pilot.pause()
        table = app.meeting.query_one("#summary-table", RowTable)
        table.move_cursor(row_of("status"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.meeting  # no form: the status changes in Finalize, where its gates are
        assert any("Finalize" in str(notice.message) for notice in app._notifications)


@run_async
async def test_missing_fields_the_review_needs_are_flagged(blank_draft: Path, clock: FakeClock) -> None:
    app = make_app(blank_draft, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        source = app.meeting.query_one(SummaryPanel).table.source
        assert source.row(row_of("summary")).flagged and source.row(row_of("users_affected")).flagged
        assert not source.row(row_of("author")).flagged
        app.session.set_incident_field("summary", "Checkout failed for 20 minutes.")
        await pilot.pause()
        assert not source.row(row_of("summary")).flagged
        assert "Checkout failed" in detail_text(app)
