"""What the room reads on the shared screen: the text of the rendered lines, at the sizes a
meeting meets (80x24 laptop, 120x40, a 200x60 projector)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_harness import FakeClock, make_app, run_async, screen_lines
from document_factory import SAMPLES, events, make_document

from pmtui import storage

PAST_MIDNIGHT = SAMPLES / "checkout-index-lock.toml"  # 15 events from Sep 15 23:30 to Sep 16 00:38


@pytest.fixture
def past_midnight(tmp_path: Path) -> Path:
    path = tmp_path / "checkout.toml"
    shutil.copyfile(PAST_MIDNIGHT, path)
    return path


def screen_text(app) -> str:
    return "\n".join(line.rstrip() for line in screen_lines(app))


async def settled(pilot) -> None:
    pilot.app.meeting.settle()
    await pilot.pause()


@run_async
async def test_the_timeline_shows_the_highlighted_event_in_full_with_its_day(past_midnight: Path,
                                                                             clock: FakeClock) -> None:
    app = make_app(past_midnight, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "down")
        await settled(pilot)
        lines = screen_lines(app)
        row = next(line for line in lines if line.startswith("  T2 "))
        assert "Sep 15 23:41:20" in row and row.rstrip().endswith("…")  # the table cuts the text...
        detail = "\n".join(lines[lines.index(row) + 1:])
        assert "T2  Sep 15 23:41:20  · source deploy-bot  · milestone trigger" in detail
        assert "in one transaction" in detail  # ...the detail area shows the rest
        await pilot.press("end")
        await settled(pilot)
        assert "\n T15  Sep 16 00:38  · source Statuspage  · milestone closed\n" in screen_text(app)  # the next day


@run_async
async def test_a_one_day_timeline_shows_clock_times(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settled(pilot)
        row = next(line for line in screen_lines(app) if line.startswith("  T1 "))
        assert row.split()[1].count(":") == 1 and not any(month in row for month in ("Jan", "Oct", "Nov"))


@pytest.fixture
def trigger_after_detection(tmp_path: Path) -> Path:
    """Milestones out of order: "time to detect" would come out at -20m."""
    path = tmp_path / "unordered.toml"
    storage.save_new(make_document({"date": "2026-10-30", "severity": "SEV2"},
                                   timeline=events("14:00", "14:10", "14:30",
                                                   milestones={0: "impact_start", 1: "detected", 2: "trigger"})), path)
    return path


@run_async
async def test_a_negative_duration_shows_a_dash_pointing_at_the_finding(trigger_after_detection: Path,
                                                                        clock: FakeClock) -> None:
    app = make_app(trigger_after_detection, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settled(pilot)
        [order] = [finding for finding in app.meeting.review_findings if finding.rule == "milestone-order"]
        text = screen_text(app)
        assert f"Time to detect — ⚠ {order.ref}" in text
        assert "-20m" not in text


@run_async
async def test_the_detail_area_names_the_events_findings_by_their_row(trigger_after_detection: Path,
                                                                      clock: FakeClock) -> None:
    app = make_app(trigger_after_detection, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "end")
        await settled(pilot)
        text = screen_text(app)
        assert "\n T3  14:30  · milestone trigger\n event 2\n ⚠ T3: Nothing is recorded between 14:10 and 14:30" in text
        assert "timeline[2]" not in text


@run_async
async def test_a_selected_why_shows_its_whole_chain_from_the_problem(past_midnight: Path, clock: FakeClock) -> None:
    app = make_app(past_midnight, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("f4", "f4", "down", "down", "down", "down")  # why 1.1.1.1, four deep
        await settled(pilot)
        side = " ".join(" ".join(line.split()) for line in screen_text(app).splitlines())
        document = app.session.document
        for text in [document.root_cause.problem, *(why.answer for why in document.whys if "1.1.1.1".startswith(why.id))]:
            # every answer in full, wrapped: its last words are on screen, beside the cut tree
            assert " ".join(text.split()[-4:]) in side
        assert "↳ why 1.1.1.1 " in side and "↳ why 1.2 " not in side


@run_async
async def test_the_why_tree_takes_the_width_it_is_given(past_midnight: Path, clock: FakeClock) -> None:
    app = make_app(past_midnight, clock)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("f4", "f4")
        await settled(pilot)
        assert app.meeting.query_one("#whys-tree").size.width >= 100


@run_async
async def test_an_action_item_shows_in_full_with_the_why_it_addresses(past_midnight: Path, clock: FakeClock) -> None:
    app = make_app(past_midnight, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4", "f4", "down")  # AI-2
        await settled(pilot)
        text = screen_text(app)
        lines = text.splitlines()
        assert next(line for line in lines if line.startswith("  AI-1 ")).endswith(" 1.1.1.1")  # the id uncut
        flat = " ".join(text.split())
        item = app.session.document.action_items[1]
        why = next(why for why in app.session.document.whys if why.id == item.addresses)
        assert f"AI-2 {item.action}" in flat
        assert f"owner {item.owner} · due none · priority P1 · status open · kind prevent · ticket {item.ticket}" in flat
        assert f"Addresses why {why.id}: {' '.join(why.answer.split())}" in flat


@run_async
async def test_every_action_item_shows_in_full_at_80x24(past_midnight: Path, clock: FakeClock) -> None:
    """On a laptop the detail takes the rows the table does not need: no item is cut mid-sentence."""
    app = make_app(past_midnight, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "f4", "f4")
        document = app.session.document
        for number, item in enumerate(document.action_items):
            if number:
                await pilot.press("down")
            await settled(pilot)
            flat = " ".join(screen_text(app).split())
            assert f"{item.id} {' '.join(item.action.split())}" in flat
            for why in document.whys:
                if why.id == item.addresses:
                    assert f"Addresses why {why.id}: {' '.join(why.answer.split())}" in flat, item.id


@run_async
async def test_copy_for_a_tracker_names_the_postmortem_by_its_repository_path(past_midnight: Path,
                                                                              clock: FakeClock) -> None:
    (past_midnight.parent / ".git").mkdir()  # the postmortem folder is a repository's root
    app = make_app(past_midnight, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4", "f4", "c")
        await pilot.pause()
        await pilot.press("enter")  # Jira CSV
        await pilot.pause()
    assert "pmtui-action: checkout.toml#AI-4" in app.clipboard
    assert str(past_midnight.parent) not in app.clipboard


@pytest.mark.parametrize(("keys", "title", "shown"), [
    ((), "Summary", lambda document: document.incident.summary),
    (("f4", "down"), "Event T2", lambda document: document.timeline[1].event),
    (("f4", "f4", "down", "down"), "Why 1.1", lambda document: document.whys[1].answer),
    (("f4", "f4", "f4"), "Action item AI-1", lambda document: document.action_items[0].action),
])
@run_async
async def test_z_shows_the_highlighted_item_alone_and_z_or_escape_return(past_midnight: Path, clock: FakeClock,
                                                                         keys, title, shown) -> None:
    from pmtui.app.meeting.presenter import PresenterScreen

    app = make_app(past_midnight, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        panel = app.meeting.shown_panel
        for close in ("z", "escape"):
            await pilot.press("z")
            await pilot.pause()
            assert isinstance(app.screen, PresenterScreen)
            text = screen_text(app)
            assert text.lstrip().startswith(title)
            assert " ".join(shown(app.session.document).split()) in " ".join(text.split())
            await pilot.press(close)
            await pilot.pause()
            assert app.screen is app.meeting and app.meeting.shown_panel == panel


# ---------------------------------------------------------------------------- sizes


@pytest.mark.parametrize("size", [(200, 60), (250, 70)])
@run_async
async def test_a_projector_gives_the_event_text_the_width(past_midnight: Path, clock: FakeClock, size) -> None:
    from pmtui.app.common.row_table import RowTable

    app = make_app(past_midnight, clock)
    async with app.run_test(size=size) as pilot:
        assert app.meeting.query("#side")  # the side column is in the first frame, not mounted later
        await pilot.press("f4")
        await settled(pilot)
        table = app.meeting.query_one("#timeline-table", RowTable)
        event_width = table._widths(table.scrollable_content_region.width)[-1]
        assert event_width >= 120
        row = next(line for line in screen_lines(app) if line.startswith("  T1 "))
        assert app.session.document.timeline[0].event[:event_width - 1] in row


PANEL_KEYS = {"summary": (), "timeline": ("f4",), "whys": ("f4", "f4"), "actions": ("f4", "f4", "f4"),
              "findings": ("f4", "f4", "f4", "f4")}


@pytest.mark.parametrize("panel", list(PANEL_KEYS))
@run_async
async def test_no_table_is_wider_than_an_80x24_screen(past_midnight: Path, clock: FakeClock, panel: str) -> None:
    from pmtui.app.common.row_table import RowTable

    app = make_app(past_midnight, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*PANEL_KEYS[panel])
        await settled(pilot)
        tables = list(app.meeting.query(RowTable).results(RowTable))
        assert all(table.max_scroll_x == 0 for table in tables)
        assert all(len(line.rstrip()) <= 80 for line in screen_lines(app))


@pytest.mark.parametrize(("keys", "buttons"), [
    (("f4", "f4", "f4", "a"), "Save (Enter / Ctrl+S)"),  # the action form: eight fields
    (("f4", "a"), "Save (Enter / Ctrl+S)"),
    (("f4", "n"), "Save (Ctrl+S)"),  # a multi-line field: Enter starts a new line
    (("f4", "f4", "a"), "Save (Enter / Ctrl+S)"),
    (("f4", "f4", "f"), "Save (Ctrl+S)"),
    (("f4", "d"), "Yes"),
    (("f4", "i"), "Cancel (Esc)"),  # the import dialog
    (("f4", "f4", "f4", "l"), "Which why does AI-1 address?"),  # a pick-one list
    (("f4", "f4", "down", "v"), "Evidence for why 1"),  # a pick-many list
])
@run_async
async def test_every_dialog_shows_its_buttons_at_80x24(past_midnight: Path, clock: FakeClock, keys, buttons) -> None:
    app = make_app(past_midnight, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen is not app.meeting
        assert buttons in screen_text(app)


# ---------------------------------------------------------------------------- keys on screen


@pytest.mark.parametrize("width", [100, 120, 200])
@run_async
async def test_every_agenda_key_is_on_screen_from_100_columns(sample_copy: Path, clock: FakeClock, width: int) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.press("f4")
        await settled(pilot)
        lines = [line.rstrip() for line in screen_lines(app)]
        keys_line = next(line for line in lines if line.lstrip().startswith("F1 Help"))
        for key in ("F2 Pause", "F3 ◀Phase", "F4 Phase▶", "F5 Undo▶", "F6 +1m", "F7 +5m", "F8 Park", "F9 Finalize"):
            assert key in keys_line
        if width >= 120:
            assert keys_line.endswith("^O Panel ^Q Quit ^P Palette")  # nothing after it
        footer = lines[-1]
        assert footer.startswith("a Add event") and "▏" not in footer


@run_async
async def test_the_palette_lists_each_command_once_with_the_panels_keys(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settled(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles))
        assert "Save and quit" in titles and "Quit" not in titles
        assert "Move the event up among events that share its time" in titles
        [present] = [command for command in app.get_system_commands(app.screen) if command.title.startswith("Present")]
        await present.callback()
        await pilot.pause()
        from pmtui.app.meeting.presenter import PresenterScreen

        assert isinstance(app.screen, PresenterScreen)


@run_async
async def test_the_help_screen_lists_each_panels_bindings(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Shift+Up" in text and "Move the event up among events that share its time" in text
        assert "Present: the highlighted item alone" in text


# ---------------------------------------------------------------------------- untrusted text

HOSTILE = "ok \x1b]52;c;cm0gLXJmIH4=\x07 \x1b]0;owned\x07 \x1b[?1049l \x9b31m \u202eevil\u202c \x00 end"


def hostile_document() -> dict:
    """Every kind of text a meeting shows, each carrying terminal control sequences."""
    return {
        "incident": {"title": f"Title {HOSTILE}", "summary": f"Summary {HOSTILE}\nsecond line", "date": "2026-10-30",
                     "severity": "SEV2", "author": HOSTILE, "tags": [HOSTILE]},
        "impact": {"revenue": HOSTILE, "notes": HOSTILE},
        "timeline": [{"time": "14:00:00", "event": f"Event {HOSTILE}", "source": HOSTILE, "milestone": "impact_start"},
                     {"time": "14:05:00", "event": HOSTILE, "milestone": "detected"}],
        "detection": {"notes": HOSTILE},
        "whys": [{"id": "1", "answer": f"Answer {HOSTILE}", "question": HOSTILE, "evidence": ["T1"]},
                 {"id": "1.1", "answer": HOSTILE}],
        "root_cause": {"problem": f"Problem {HOSTILE}", "contributing_factors": [HOSTILE], "summary": HOSTILE},
        "action_items": [{"action": f"Action {HOSTILE}", "owner": HOSTILE, "addresses": "1.1", "ticket": HOSTILE}],
        "findings": {"went_well": [HOSTILE], "went_poorly": [HOSTILE], "lessons": [HOSTILE]},
        "meeting": {"parking_lot": [HOSTILE]},
    }


def control_characters(lines: list[str]) -> set[str]:
    import unicodedata

    return {char for line in lines for char in line
            if unicodedata.category(char) in ("Cc", "Cf") or "\x80" <= char <= "\x9f"}


@run_async
async def test_no_panel_passes_a_control_sequence_to_the_terminal(tmp_path: Path, clock: FakeClock) -> None:
    from pmtui.document.model import Document

    path = tmp_path / "hostile.toml"
    storage.save_new(Document.model_validate(hostile_document()), path)
    app = make_app(path, clock)
    async with app.run_test(size=(200, 60)) as pilot:
        seen = []
        steps = [
            (), ("down",), ("z",), ("escape", "e"), ("escape",),  # summary: table, detail, presenter, form
            ("f4",), ("z",), ("escape", "e"), ("escape", "n"), ("escape", "d"), ("n",),  # timeline
            ("f4",), ("down",), ("z",), ("escape", "e"), ("escape", "f"), ("escape",),  # whys
            ("f4",), ("z",), ("escape", "e"), ("escape", "l"), ("escape", "d"), ("n",),  # action items
            ("f4",), ("z",), ("escape", "e"), ("escape", "f1"),  # findings, then the help screen
        ]
        for keys in steps:
            await pilot.press(*keys)
            await settled(pilot)
            lines = screen_lines(app)
            seen.append("\n".join(lines))
            assert control_characters(lines) == set(), keys
        shown = "\n".join(seen)
        assert "\\x1b]52;c;" in shown and "\\u202e" in shown  # shown as visible escapes, not dropped


@run_async
async def test_a_form_saved_untouched_keeps_the_text_it_showed_escaped(tmp_path: Path, clock: FakeClock) -> None:
    from pmtui.document.model import Document

    path = tmp_path / "hostile.toml"
    storage.save_new(Document.model_validate(hostile_document()), path)
    app = make_app(path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "e")
        await pilot.pause()
        assert "\\x1b]52;c;" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.document.timeline[0].event == f"Event {HOSTILE}"  # not rewritten with escapes


@run_async
async def test_the_findings_panel_names_each_finding_by_what_the_row_shows(trigger_after_detection: Path,
                                                                           clock: FakeClock) -> None:
    app = make_app(trigger_after_detection, clock)
    async with app.run_test(size=(120, 70)) as pilot:
        await pilot.press("f4", "f4", "f4", "f4")
        await settled(pilot)
        text = screen_text(app)
        assert "warning: T1: impact_start (14:00) is before trigger (14:30)" in text
        assert "timeline[" not in text


@run_async
async def test_the_summary_detail_names_the_fields_findings(trigger_after_detection: Path, clock: FakeClock) -> None:
    app = make_app(trigger_after_detection, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert "\n Summary\n —   Enter edits\n ⚠ summary: SEV2 expects a summary" in screen_text(app)


@run_async
async def test_a_long_form_at_80x24_starts_at_its_first_field_label(past_midnight: Path, clock: FakeClock) -> None:
    app = make_app(past_midnight, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "f4", "f4", "a")
        await pilot.pause()
        text = screen_text(app)
        assert "Action (specific and checkable" in text and "Save (Enter / Ctrl+S)" in text


@run_async
async def test_a_short_terminal_runs_the_prompts_on_so_the_detection_phase_shows_the_whole_event(
        past_midnight: Path, clock: FakeClock) -> None:
    app = make_app(past_midnight, clock, "sev1-extended")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "f4", "down", "down")
        await settled(pilot)
        text = screen_text(app)
        assert "Detection and response  › What about our alerting made this easy to miss?  ›" in text
        assert "EXCLUSIVE lock; checkout p50 latency passes 10 s" in text  # T3's last words
        assert "Support escalated 3 minutes before the alert fired" in text
    roomy = make_app(past_midnight, clock, "sev1-extended")
    async with roomy.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4")
        await settled(pilot)
        lines = screen_lines(roomy)
        assert any(line.strip() == "› What about our alerting made this easy to miss?" for line in lines)
