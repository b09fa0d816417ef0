"""Getting data in and out from the meeting: importing into the timeline (`i`), copying exports
where there is no system clipboard, and the meeting record left paused when the facilitator quits."""

from __future__ import annotations

from pathlib import Path

import pyperclip
import pytest
from app_harness import FakeClock, make_app, run_async
from document_factory import make_document
from textual.widgets import Button, Input, Select, Static

from pmtui import storage
from pmtui.app.common.forms import ChoiceScreen
from pmtui.app.meeting.import_timeline import ImportScreen
from pmtui.app.meeting.session import EditError, Session
from pmtui.export import render
from pmtui.importers import read_events
from pmtui.importers.merge import plan_merge
from pmtui.meeting.agenda import Agenda
from pmtui.meeting.layouts import load_layout

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


@pytest.fixture
def incident(tmp_path: Path) -> Path:
    """The day of the CSV fixture's incident, with one action item to copy."""
    path = tmp_path / "orders.toml"
    storage.save_new(make_document(
        {"severity": "SEV2", "date": "2026-10-27", "timezone": "Europe/Berlin"},
        action_items=[{"action": 'Cap workers per pod, "8" at most', "owner": "Priya", "due": "2026-11-20"}],
    ), path)
    return path


@pytest.fixture
def no_clipboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No system clipboard; the fallback file goes to the returned cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("pmtui.user_folders.sys.platform", "linux")

    def copy(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", copy)
    return tmp_path / "cache" / "pmtui"


async def preview_import(app, pilot, kind: str, source: Path) -> ImportScreen:
    """Open the import dialog from the timeline, fill it in and wait for the plan (or the error)."""
    await pilot.press("f4", "i")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#field-kind", Select).value = kind
    source_field = screen.query_one("#field-source", Input)
    source_field.value = str(source)
    source_field.focus()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def dialog_text(screen: ImportScreen) -> tuple[str, str]:
    return (str(screen.query_one("#import-plan", Static).render()),
            str(screen.query_one(".dialog-error", Static).render()))


# ---------------------------------------------------------------------------- import


@run_async
async def test_import_shows_the_plan_then_adds_the_events_on_enter(incident: Path, clock: FakeClock) -> None:
    app = make_app(incident, clock)
    async with app.run_test() as pilot:
        screen = await preview_import(app, pilot, "csv", FIXTURES / "csv" / "timeline.csv")
        plan, problem = dialog_text(screen)
        assert plan.startswith("5 events added; milestones set: trigger, impact_start, mitigated")
        assert problem == ""
        assert app.session.document.timeline == []  # nothing changes before the room confirms
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        assert app.meeting.query_one("#timeline-table").row_count == 5
        await app.save_pending()
    saved = storage.load_document(incident)
    assert [event.id for event in saved.timeline] == ["T1", "T2", "T3", "T4", "T5"]
    assert saved.timeline[1].milestone.value == "trigger"


@run_async
async def test_importing_the_same_file_again_adds_nothing(incident: Path, clock: FakeClock) -> None:
    app = make_app(incident, clock)
    async with app.run_test() as pilot:
        events = read_events("csv", FIXTURES / "csv" / "timeline.csv")
        app.session.import_timeline(plan_merge(app.session.document, events), app.session.document.model_copy())
        screen = await preview_import(app, pilot, "csv", FIXTURES / "csv" / "timeline.csv")
        plan, _ = dialog_text(screen)
        assert plan.startswith("Nothing to add: 0 events added; 5 already in the timeline")
        assert screen.query_one("#import", Button).disabled


@run_async
async def test_the_importers_notes_show_with_the_plan(incident: Path, clock: FakeClock) -> None:
    app = make_app(incident, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await preview_import(app, pilot, "pagerduty", FIXTURES / "pagerduty" / "log_entries_page1.json")
        plan, problem = dialog_text(screen)
        assert plan.startswith("⚠ ") and "one page of a longer log" in plan
        assert "events added" in plan and problem == ""


@run_async
async def test_a_slack_export_of_several_channels_offers_them_to_pick(incident: Path, clock: FakeClock) -> None:
    app = make_app(incident, clock)
    async with app.run_test() as pilot:
        screen = await preview_import(app, pilot, "slack", FIXTURES / "slack-export")
        assert isinstance(app.screen, ChoiceScreen)
        assert [name for _, name in app.screen.choices] == ["general", "inc-orders-api"]
        app.screen.dismiss("inc-orders-api")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#field-channel", Input).value == "inc-orders-api"
        plan, problem = dialog_text(screen)
        assert "events added" in plan and problem == ""


@pytest.mark.parametrize(("kind", "source", "message"), [
    ("csv", "csv/bad_time.csv", 'line 4: time: invalid time "quarter past two"'),
    ("pagerduty", "pagerduty/malformed.json", "malformed.json"),
    ("jsonl", "jsonl/no-such-file.jsonl", "no such file"),
])
@run_async
async def test_bad_input_is_one_line_in_the_dialog_and_changes_nothing(incident: Path, clock: FakeClock, kind: str,
                                                                       source: str, message: str) -> None:
    app = make_app(incident, clock)
    async with app.run_test() as pilot:
        timeline = app.session.document.timeline
        screen = await preview_import(app, pilot, kind, FIXTURES / source)
        plan, problem = dialog_text(screen)
        assert message in problem and "\n" not in problem
        assert plan == ""
        assert app.screen is screen  # still open, with what was typed, to fix the path
        assert screen.query_one("#field-source", Input).value == str(FIXTURES / source)
        assert app.session.document.timeline is timeline  # untouched (edits replace the list)


@run_async
async def test_the_form_asks_for_what_is_missing(incident: Path, clock: FakeClock) -> None:
    app = make_app(incident, clock)
    async with app.run_test() as pilot:
        await pilot.press("f4", "i")
        await pilot.pause()
        app.screen.query_one("#field-source", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert dialog_text(app.screen)[1] == "From: pick what kind of file this is"


def test_an_import_planned_before_an_edit_is_refused(incident: Path) -> None:
    session = Session(storage.load(incident))
    snapshot = session.document.model_copy()
    plan = plan_merge(snapshot, read_events("csv", FIXTURES / "csv" / "timeline.csv"))
    session.add_event("14:05", "Someone adds an event meanwhile")
    with pytest.raises(EditError, match="changed while the import was prepared"):
        session.import_timeline(plan, snapshot)
    assert [event.event for event in session.document.timeline] == ["Someone adds an event meanwhile"]


# ---------------------------------------------------------------------------- clipboard


@run_async
async def test_copy_markdown_without_a_system_clipboard(incident: Path, clock: FakeClock, no_clipboard: Path) -> None:
    app = make_app(incident, clock)
    async with app.run_test() as pilot:
        notices: list[str] = []
        app.notify = lambda message, **options: notices.append(message)  # type: ignore[method-assign]
        await pilot.press("f9", "c")
        await pilot.pause()
        markdown = render(app.session.document, "md")
    assert app.clipboard == markdown  # sent with OSC 52
    assert not list(incident.parent.glob("pmtui-export-*"))  # never beside the postmortem
    [written] = no_clipboard.glob("pmtui-export-*.md")
    assert written.read_text(encoding="utf-8") == markdown
    assert notices == [f"Sent to the terminal's clipboard; if it did not arrive, the text is in {written}."]


@run_async
async def test_copy_action_items_as_a_tracker_csv(incident: Path, clock: FakeClock, no_clipboard: Path) -> None:
    app = make_app(incident, clock)
    async with app.run_test() as pilot:
        app.meeting.show_panel("actions")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # the first choice: Jira CSV
        await pilot.pause()
        expected = render(app.session.document, "jira-csv", source=app.session.path)
    assert app.clipboard == expected
    assert expected.startswith("Summary,Issue Type,Description,Assignee,Due Date,Priority,Labels")
    [written] = no_clipboard.glob("pmtui-export-*.csv")
    assert written.read_bytes().decode("utf-8") == expected  # with the CSV line ends (CR LF)


# ---------------------------------------------------------------------------- quitting mid-meeting


@run_async
async def test_quitting_mid_meeting_leaves_the_record_paused(incident: Path, clock: FakeClock) -> None:
    app = make_app(incident, clock)
    async with app.run_test() as pilot:
        clock.advance(90)
        assert app.agenda.running
        await pilot.press("ctrl+q")
        await pilot.pause()
    meeting = storage.load_document(incident).meeting
    assert meeting.paused
    assert meeting.current_phase == app.layout.phases[0].id
    assert meeting.phase_remaining_seconds == app.layout.phases[0].seconds - 90
    reopened = Agenda.restore(load_layout("standard"), meeting, clock)
    clock.advance(600)
    assert reopened.paused and reopened.snapshot().remaining == meeting.phase_remaining_seconds

