"""The review assistant live in the meeting: rows and nodes marked ⚠ as people type, the findings of
a marked row applied or dismissed from it (`w`), and blame findings holding a draft back in finalize."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_harness import FakeClock, make_app, run_async, type_text
from document_factory import make_document
from textual.widgets import Static

from pmtui import storage
from pmtui.app.meeting.review_marks import findings_at, findings_by_row, marked_rows, row_of
from pmtui.app.meeting.row_findings import RowFindingsScreen
from pmtui.app.meeting.session import EditError, Session
from pmtui.app.common.row_table import RowTable
from pmtui.app.meeting.panels.timeline import TimelinePanel
from pmtui.app.meeting.panels.whys import WhysPanel
from pmtui.document.model import Status
from pmtui.review import Finding

BLAME = "Maria forgot to renew the cert"
REWRITE = "Nothing reminded anyone to renew the cert"  # the blame rule's suggested rewrite


def timeline_table(app) -> RowTable:
    return app.meeting.query_one("#timeline-table", RowTable)


async def blame_on_the_timeline(app, pilot) -> RowTable:
    """The timeline phase, with BLAME at 09:20 (timeline[1]) and its review run."""
    await pilot.press("f4")
    app.session.add_event("09:20", BLAME)
    app.meeting.review_now()
    await pilot.pause()
    return timeline_table(app)


async def add_event(pilot, time: str, text: str) -> None:
    await pilot.press("a")
    await type_text(pilot, time)
    await pilot.press("tab")
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


# ---------------------------------------------------------------------------- paths to rows


def finding(path: str) -> Finding:
    return Finding(rule="blame-name", severity="warning", path=path, message="m")


def test_a_finding_path_names_its_row_and_only_that_row() -> None:
    assert row_of("timeline[3].event") == ("timeline", 3)
    assert row_of("action_items[12]") == ("action_items", 12)
    assert row_of("incident.summary") is None
    found = [finding("timeline[3].event"), finding("timeline[30]"), finding("whys[2].answer"),
             finding("root_cause.contributing_factors[0]"), finding("action_items[1].owner")]
    assert marked_rows(found, "timeline") == {3, 30}
    assert marked_rows(found, "whys") == {2}
    assert marked_rows(found, "action_items") == {1}
    assert findings_at(found, "timeline", 3) == [found[0]]  # timeline[30] is not timeline[3]
    by_row = findings_by_row([*found, finding("timeline[3].source")])
    assert by_row[("timeline", 3)] == [found[0], finding("timeline[3].source")]
    assert set(by_row) == {("timeline", 3), ("timeline", 30), ("whys", 2), ("action_items", 1)}


# ---------------------------------------------------------------------------- markers as people type


@run_async
async def test_a_blame_phrase_typed_into_an_event_is_marked_at_the_next_review(ready_draft: Path,
                                                                               clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        await pilot.press("f4")  # the timeline check
        table = timeline_table(app)
        assert table.marks == frozenset()
        before = len(app.session.review_findings())
        await add_event(pilot, "09:20", BLAME)
        index = next(i for i, event in enumerate(app.session.document.timeline) if event.event == BLAME)
        app.meeting.review_now()  # the debounce (0.3 s after the last keystroke), without waiting for it
        await pilot.pause()
        assert table.marks == {index}
        marker_cell = table.render_line(index + 1).text[:1]  # line 0 is the header
        assert marker_cell == RowTable.MARK
        assert table.render_line(1 + (1 - index)).text[:1] == " "  # the other event is not marked
        app.meeting.refresh_agenda()
        assert f"⚑ {before + 1} findings" in str(app.meeting.query_one("#agenda").render())


@run_async
async def test_apply_the_rewrite_from_the_marked_row(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        table = await blame_on_the_timeline(app, pilot)
        table.move_cursor(min(table.marks))
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, RowFindingsScreen)
        await pilot.press("enter")  # apply the suggested rewrite
        await pilot.pause()
        assert not isinstance(app.screen, RowFindingsScreen)  # nothing left to settle on that row
        app.meeting.review_now()
        await pilot.pause()
        assert table.marks == frozenset()
        await app.save_pending()
    saved = storage.load_document(ready_draft)
    assert [event.event for event in saved.timeline] == ["Deploys to staging fail TLS verification", REWRITE]


@run_async
async def test_the_dialog_offers_enter_only_when_a_finding_has_a_rewrite(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        await pilot.press("f4")
        app.session.add_event("09:20", "Seriously, who kicks off a 90-day backfill at two in the afternoon on a weekday?")
        app.meeting.review_now()
        await pilot.pause()
        table = timeline_table(app)
        table.move_cursor(min(table.marks))
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, RowFindingsScreen)
        hint = str(app.screen.query_one("#row-findings-hint", Static).render())
        assert "Enter" not in hint and "x dismisses" in hint  # the model's reproach has no rewrite to apply
        await pilot.press("escape")
        app.session.add_event("09:25", BLAME)
        app.meeting.review_now()
        await pilot.pause()
        table.move_cursor(max(table.marks))
        await pilot.press("w")
        await pilot.pause()
        assert "Enter applies the rewrite" in str(app.screen.query_one("#row-findings-hint", Static).render())


@run_async
async def test_dismiss_with_a_reason_from_the_marked_row(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        table = await blame_on_the_timeline(app, pilot)
        table.move_cursor(1)
        await pilot.press("w", "x")
        await pilot.pause()
        await pilot.press("enter")  # an empty reason is refused
        await pilot.pause()
        assert "say why" in str(app.screen.query_one(".dialog-error", Static).render())
        await type_text(pilot, "Quoted verbatim")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, RowFindingsScreen)
        app.meeting.review_now()
        await pilot.pause()
        assert table.marks == frozenset()
        await app.save_pending()
    text = ready_draft.read_text(encoding="utf-8")
    assert "[[dismissals]]" in text
    [dismissal] = storage.load_document(ready_draft).dismissals
    assert (dismissal.path, dismissal.reason, dismissal.text) == (
        "timeline[1].event", "Quoted verbatim", BLAME)
    assert dismissal.rule.startswith("blame")


@run_async
async def test_w_is_offered_only_on_a_marked_row(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        table = await blame_on_the_timeline(app, pilot)
        table.move_cursor(0)
        await pilot.pause()
        assert "w" not in app.screen.active_bindings  # so not in the Footer either
        await pilot.press("w")
        await pilot.pause()
        assert not isinstance(app.screen, RowFindingsScreen)
        table.move_cursor(1)
        await pilot.pause()
        assert app.screen.active_bindings["w"].binding.description == "Finding"


def test_a_stale_finding_is_not_applied_to_the_row_that_took_its_place(ready_draft: Path) -> None:
    session = Session(storage.load(ready_draft))
    session.add_event("09:20", BLAME)
    [shown] = [found for found in session.review_findings() if found.path == "timeline[1].event"]
    session.add_event("09:15", "Cert alert fires in staging")  # now timeline[1] is this event
    with pytest.raises(EditError, match=r"^T2: changed since this finding was shown"):
        session.apply_suggestion(shown)
    with pytest.raises(EditError, match="no longer current"):
        session.dismiss_finding(shown, "It was a quote")
    assert session.document.timeline[1].event == "Cert alert fires in staging"
    assert session.document.dismissals == []


@run_async
async def test_why_nodes_and_action_rows_are_marked_too(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        session = app.session
        session.add_why("1", "Maria forgot to set a renewal reminder")
        session.add_action({"action": "Be more careful with certificates", "owner": "Ben Okafor",
                            "due": "2026-11-30"})
        app.meeting.review_now()
        await pilot.pause()
        # Both panels are built after the review pass (on first show): they still get its marks.
        assert not app.meeting.query(WhysPanel)
        app.meeting.show_panel("whys")
        await pilot.pause()
        whys = app.meeting.query_one(WhysPanel)
        assert whys.review_marked == {"1.1"}
        assert str(whys._why_nodes["1.1"].label).startswith("⚠ 1.1")
        assert not str(whys._why_nodes["1"].label).startswith("⚠")
        app.meeting.show_panel("actions")
        await pilot.pause()
        actions = app.meeting.query_one("#actions-table", RowTable)
        assert 1 in actions.marks  # the vague one (and AI-1, which now addresses a why with a deeper cause)
        assert actions.marks == marked_rows(app.session.review_findings(), "action_items")
        assert actions.render_line(2).text[:1] == RowTable.MARK
        # From the marked why node, w opens its findings.
        app.meeting.show_panel("whys")
        await pilot.pause()
        whys._select("1.1")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, RowFindingsScreen)
        assert app.screen.row == ("whys", 1)


@run_async
async def test_marks_on_a_long_timeline_read_only_the_rows_on_screen(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "long.toml"
    events = [{"time": f"{(8 + n // 3600) % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}", "event": f"step {n}"}
              for n in range(10_000)]
    storage.save_new(make_document({"date": "2026-10-30"}, timeline=events), path)
    app = make_app(path, clock)
    async with app.run_test() as pilot:
        await pilot.press("f4")
        await pilot.pause()
        panel = app.meeting.query_one(TimelinePanel)
        rows_read = 0
        read_row = panel.table.source.row

        def counting_row(index: int):
            nonlocal rows_read
            rows_read += 1
            return read_row(index)

        panel.table.source.row = counting_row  # type: ignore[method-assign]
        panel.show_review([finding("timeline[2].event"), finding("timeline[9000].event")])
        await pilot.pause()
        assert panel.table.marks == {2, 9000}
        assert 0 < rows_read <= panel.table.size.height  # the visible rows, never the 10,000


# ---------------------------------------------------------------------------- finalize


@run_async
async def test_blame_blocks_in_review_until_it_is_fixed_or_dismissed(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        app.session.add_event("09:20", BLAME)
        await pilot.press("f9")
        await pilot.pause()
        blockers = str(app.screen.query_one("#finalize-blockers", Static).render())
        assert "✗ T2: " in blockers and "blame" in blockers  # the event as its row is named on screen
        await pilot.press("m")
        await pilot.pause()
        assert app.session.document.incident.status == Status.DRAFT
        await pilot.press("escape")
        [blame] = [found for found in app.session.review_findings() if found.path == "timeline[1].event"]
        app.session.dismiss_finding(blame, "Quoted verbatim from the incident channel")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.session.document.incident.status == Status.IN_REVIEW
        await app.save_pending()
    assert storage.load_document(ready_draft).incident.status == Status.IN_REVIEW


def test_the_fixture_is_otherwise_ready_for_review(ready_draft: Path) -> None:
    from pmtui.app.meeting.finalize import blockers

    assert blockers(storage.load_document(ready_draft), Status.IN_REVIEW) == []
