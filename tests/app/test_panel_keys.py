"""One Pilot test per key of the README's key table that the panels own, each judged by what the
screen shows afterwards (the rendered lines), not only by the document."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_harness import FakeClock, make_app, run_async, screen_lines
from document_factory import make_document

from pmtui import storage


def rows(app, prefix: str = "T") -> list[str]:
    """The table rows on screen whose id starts with `prefix`, as the room reads them (after the
    review mark column)."""
    return [" ".join(line[2:].split()) for line in screen_lines(app) if line[2:].startswith(prefix)]


@pytest.fixture
def same_time_and_unsorted(tmp_path: Path) -> Path:
    path = tmp_path / "keys.toml"
    storage.save_new(make_document(
        {"date": "2026-10-30", "severity": "SEV2"},
        timeline=[{"time": "14:00:00", "event": "first at two"}, {"time": "14:00:00", "event": "second at two"},
                  {"time": "14:20:00", "event": "twenty past"}, {"time": "14:10:00", "event": "ten past, typed late"}],
        action_items=[{"action": "low priority, due soon", "priority": "P3", "due": "2026-11-05"},
                      {"action": "urgent, due late", "priority": "P1", "due": "2026-12-20"}],
    ), path)
    return path


@run_async
async def test_shift_up_and_down_reorder_events_that_share_a_time(same_time_and_unsorted: Path,
                                                                  clock: FakeClock) -> None:
    app = make_app(same_time_and_unsorted, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "down", "shift+up")
        await pilot.pause()
        assert rows(app)[:2] == ["T2 14:00 second at two", "T1 14:00 first at two"]
        await pilot.press("shift+down")
        await pilot.pause()
        assert rows(app)[:2] == ["T1 14:00 first at two", "T2 14:00 second at two"]


@run_async
async def test_s_sorts_the_timeline_by_time(same_time_and_unsorted: Path, clock: FakeClock) -> None:
    app = make_app(same_time_and_unsorted, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "s")
        await pilot.pause()
        assert [row.split()[1] for row in rows(app)] == ["14:00", "14:00", "14:10", "14:20"]
        await pilot.press("s")
        await pilot.pause()
        assert "already in time order" in " ".join(str(notice.message) for notice in app._notifications)


@run_async
async def test_o_cycles_the_action_items_sort(same_time_and_unsorted: Path, clock: FakeClock) -> None:
    app = make_app(same_time_and_unsorted, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4", "f4")
        await pilot.pause()
        assert "low priority" in rows(app, "AI-1")[0]
        await pilot.press("o")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "sorted by priority" in text and rows(app, "AI-")[0].startswith("AI-2 urgent")
        await pilot.press("o")
        await pilot.pause()
        assert "sorted by due date" in "\n".join(screen_lines(app)) and rows(app, "AI-")[0].startswith("AI-1 low")
    assert [item.action for item in storage.load(same_time_and_unsorted).document.action_items][0].startswith("low")


@run_async
async def test_ctrl_o_shows_another_panel_and_leaves_the_agenda(same_time_and_unsorted: Path,
                                                                clock: FakeClock) -> None:
    app = make_app(same_time_and_unsorted, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        phase = app.agenda.snapshot().phase.title
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Show which panel?" in "\n".join(screen_lines(app))
        await pilot.press("down", "down", "down", "enter")  # Action items
        await pilot.pause()
        assert app.meeting.shown_panel == "actions" and app.agenda.snapshot().phase.title == phase
        assert rows(app, "AI-")


@run_async
async def test_ctrl_g_turns_the_bell_off_and_on(same_time_and_unsorted: Path, clock: FakeClock) -> None:
    app = make_app(same_time_and_unsorted, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not app.settings.bell and "bell off" in "\n".join(screen_lines(app))
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.settings.bell and "bell off" not in "\n".join(screen_lines(app))


@run_async
async def test_k_marks_and_unmarks_a_key_event(same_time_and_unsorted: Path, clock: FakeClock) -> None:
    app = make_app(same_time_and_unsorted, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "down", "k")
        await pilot.pause()
        assert rows(app)[1] == "T2 14:00 ★ second at two"
        assert "· ★ key event" in "\n".join(screen_lines(app))
        assert app.session.document.timeline[1].key
        await pilot.press("k")
        await pilot.pause()
        assert rows(app)[1] == "T2 14:00 second at two" and not app.session.document.timeline[1].key


@pytest.mark.parametrize(("list_name", "title"), [("got_lucky", "Got lucky"), ("surprises", "Surprises"),
                                                  ("open_questions", "Open questions")])
@run_async
async def test_the_learning_review_lists_are_edited_like_the_others(same_time_and_unsorted: Path, clock: FakeClock,
                                                                    list_name: str, title: str) -> None:
    from textual.widgets import OptionList

    app = make_app(same_time_and_unsorted, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4", "f4", "f4")
        await pilot.pause()
        app.meeting.query_one(f"#list-{list_name}", OptionList).focus()
        await pilot.press("a", *"the pager", "enter")
        await pilot.pause()
        assert getattr(app.session.document.findings, list_name) == ["the pager"]
        text = "\n".join(screen_lines(app))
        assert title in text and "• the pager" in text
        await pilot.press("e", "end", "!", "enter")
        await pilot.pause()
        assert getattr(app.session.document.findings, list_name) == ["the pager!"]


@run_async
async def test_severity_is_chosen_beside_the_policys_definitions(same_time_and_unsorted: Path,
                                                                 clock: FakeClock) -> None:
    from pmtui.policy import DEFAULT_SEVERITIES
    from pmtui.document.model import Severity

    app = make_app(same_time_and_unsorted, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("down")  # Severity, under the summary
        await pilot.pause()
        flat = " ".join(" ".join(screen_lines(app)).split())
        assert f"SEV2 — {DEFAULT_SEVERITIES[Severity.SEV2].definition}" in flat
        await pilot.press("enter", "enter")  # open the drop-down
        await pilot.pause()
        flat = " ".join(" ".join(screen_lines(app)).split())
        for severity in (Severity.SEV1, Severity.SEV3):
            assert f"{severity.value} — {DEFAULT_SEVERITIES[severity].definition[:40]}" in flat


@pytest.fixture
def small_tree(tmp_path: Path) -> Path:
    path = tmp_path / "tree.toml"
    storage.save_new(make_document(
        {"date": "2026-10-30", "severity": "SEV2"},
        timeline=[{"time": "14:00:00", "event": "pool exhausted"}],
        whys=[{"id": "1", "answer": "the pool ran out"}, {"id": "1.1", "answer": "workers doubled"}],
        action_items=[{"action": "budget connections per service"}],
    ), path)
    return path


def tree_line(app, why_id: str) -> str:
    return next(" ".join(line.split()) for line in screen_lines(app) if f" {why_id} " in line and "▼" in line)


@run_async
async def test_r_and_x_mark_a_why_as_root_or_accepted_risk_on_screen(small_tree: Path, clock: FakeClock) -> None:
    app = make_app(small_tree, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4", "down", "down", "r")  # why 1.1
        await pilot.pause()
        assert "★ root" in tree_line(app, "1.1")
        await pilot.press("x")
        await pilot.pause()
        assert "≈ accepted risk" in tree_line(app, "1.1")
        await pilot.press("r", "x")
        await pilot.pause()
        assert "★ root" not in tree_line(app, "1.1") and "accepted risk" not in tree_line(app, "1.1")


@run_async
async def test_v_cites_evidence_and_the_chain_shows_it(small_tree: Path, clock: FakeClock) -> None:
    app = make_app(small_tree, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4", "down", "down", "v")
        await pilot.pause()
        await pilot.press("space", "enter")  # tick T1, confirm
        await pilot.pause()
        assert app.session.document.whys[1].evidence == ["T1"]
        assert "T1 14:00 pool exhausted" in " ".join(" ".join(screen_lines(app)).split())


@run_async
async def test_l_links_an_action_item_to_a_why(small_tree: Path, clock: FakeClock) -> None:
    app = make_app(small_tree, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4", "f4", "l")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # (none), 1, 1.1
        await pilot.pause()
        assert app.session.document.action_items[0].addresses == "1.1"
        assert "Addresses why 1.1: workers doubled" in " ".join(" ".join(screen_lines(app)).split())


@run_async
async def test_d_deletes_after_asking(small_tree: Path, clock: FakeClock) -> None:
    app = make_app(small_tree, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "d")
        await pilot.pause()
        assert "Delete T1 (14:00 pool exhausted)?" in "\n".join(screen_lines(app))
        await pilot.press("n")
        await pilot.pause()
        assert len(app.session.document.timeline) == 1
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.session.document.timeline == [] and "No events yet" in "\n".join(screen_lines(app))


@run_async
async def test_the_due_hint_cannot_be_taken_for_a_due_date(small_tree: Path, clock: FakeClock) -> None:
    """An empty due field shows an example, never a bare date the room reads as already set."""
    app = make_app(small_tree, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "f4", "f4", "a")
        await pilot.pause()
        due = app.screen.query_one("#field-due")
        assert due.value == ""
        assert due.placeholder.startswith("e.g. 2026-11-16")  # two weeks from the test's today
