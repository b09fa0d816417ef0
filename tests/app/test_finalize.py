"""Finalize (F9): warnings listed but not blocking, a whole rule dismissed with one reason, the
parking lot settled one key per item, and an export that asks before it replaces a file."""

from __future__ import annotations

from pathlib import Path

from app_harness import FakeClock, make_app, run_async, screen_lines, type_text
from textual.widgets import Button, Static

from pmtui import storage
from pmtui.app.common.forms import ChoiceScreen, ConfirmScreen, FormScreen
from pmtui.app.meeting.finalize import FinalizeScreen
from pmtui.review.blockers import blockers
from pmtui.document.model import Status

BLAMES = ["Maria forgot to renew the cert", "Ben forgot to check the expiry alert"]


def finalize_text(app) -> str:
    return str(app.screen.query_one("#finalize-blockers", Static).render())


@run_async
async def test_one_reason_dismisses_every_finding_of_a_rule(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        app.session.add_event("09:20", BLAMES[0])
        app.session.add_event("09:30", BLAMES[1])
        await pilot.press("f9")
        await pilot.pause()
        assert finalize_text(app).count("✗") == 2
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        rules = {rule for _, rule in app.screen.choices}
        [blame_rule] = [rule for rule in rules if "blame" in rule]
        app.screen.dismiss(blame_rule)
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Quoted from the channel")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FinalizeScreen)
        assert "✗" not in finalize_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert app.session.document.incident.status == Status.IN_REVIEW
        await app.save_pending()
    dismissals = storage.load_document(ready_draft).dismissals
    assert [(d.rule, d.path, d.reason) for d in dismissals] == [
        (blame_rule, "timeline[1].event", "Quoted from the channel"),
        (blame_rule, "timeline[2].event", "Quoted from the channel"),
    ]


@run_async
async def test_each_parked_item_becomes_an_action_a_lesson_or_an_open_question(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        for entry in ("Who owns certificates?", "Renew staging certs too", "Alerts need owners"):
            app.session.add_text("parking_lot", entry)
        await pilot.press("f9")
        await pilot.pause()
        assert "Parking lot: 3 open" in str(app.screen.query_one("#parked-title").render())
        await pilot.press("q")  # the highlighted (first) item
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert not app.screen.query_one("#parked").display  # nothing left parked
        await app.save_pending()
    document = storage.load_document(ready_draft)
    assert document.meeting.parking_lot == []
    assert document.findings.open_questions == ["Who owns certificates?"]
    assert document.action_items[-1].action == "Renew staging certs too"
    assert document.action_items[-1].id == "AI-2"
    assert document.findings.lessons == ["Alerts need owners"]


@run_async
async def test_export_asks_before_replacing_a_file_and_names_the_path(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    exported = ready_draft.with_suffix(".md")
    async with app.run_test() as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert "Issue the staging certificate" in exported.read_text(encoding="utf-8")
        assert any(str(exported) in str(notice.message) for notice in app._notifications)
        exported.write_text("kept by hand\n", encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert str(exported) in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert exported.read_text(encoding="utf-8") == "kept by hand\n"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Issue the staging certificate" in exported.read_text(encoding="utf-8")


@run_async
async def test_finalize_shows_its_buttons_at_80x24_with_a_long_list(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for minute in range(20, 50):
            app.session.add_event(f"09:{minute}", f"Maria forgot step {minute}")
        for number in range(12):
            app.session.add_text("parking_lot", f"Parked question {number}")
        await pilot.press("f9")
        await pilot.pause()
        for button in app.screen.query(Button):
            region = button.region
            assert region.width > 0 and region.bottom <= 24 and region.right <= 80, button.id


@run_async
async def test_the_end_of_the_meeting_points_at_the_parked_items(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        app.session.add_text("parking_lot", "Who owns certificates?")
        for _ in app.layout.phases:
            await pilot.press("f4")
            await pilot.pause()
        assert app.agenda.ended
        assert any("F9 finalizes the document (1 parked item to settle there" in str(notice.message)
                   for notice in app._notifications)


@run_async
async def test_arrow_keys_pick_which_parked_item_a_key_settles(ready_draft: Path, clock: FakeClock) -> None:
    """With several parked items the room must be able to say which one: ↓ moves to the next."""
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        for entry in ("Who owns certificates?", "Renew staging certs too"):
            app.session.add_text("parking_lot", entry)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("down", "l")
        await pilot.pause()
        assert "↑/↓" in str(app.screen.query_one("#parked-hint").render())
        await app.save_pending()
    document = storage.load_document(ready_draft)
    assert document.findings.lessons == ["Renew staging certs too"]
    assert document.meeting.parking_lot == ["Who owns certificates?"]


@run_async
async def test_parked_items_show_above_the_warnings_at_80x24(ready_draft: Path, clock: FakeClock) -> None:
    app = make_app(ready_draft, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for minute in range(20, 30):
            app.session.add_event(f"09:{minute}", f"Checked dashboard {minute}")  # gaps: warnings, not blockers
        app.session.add_text("parking_lot", "Who owns certificates?")
        await pilot.press("f9")
        await pilot.pause()
        assert any("Who owns certificates?" in line for line in screen_lines(app))


@run_async
async def test_a_parked_item_joins_a_final_postmortem_only_with_an_owner_and_a_due_date(ready_draft: Path,
                                                                                         clock: FakeClock) -> None:
    """`a` on a final document asks for what final requires, so settling never makes `pmtui check` fail."""
    app = make_app(ready_draft, clock)
    async with app.run_test() as pilot:
        app.session.set_status(Status.FINAL)
        app.session.add_text("parking_lot", "Renew staging certs too")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # neither given: refused, nothing moves
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "owner and a due date" in str(app.screen.query_one(".dialog-error").render())
        assert app.session.text_list("parking_lot") == ["Renew staging certs too"]
        await type_text(pilot, "Ben Okafor")
        await pilot.press("tab")
        await type_text(pilot, "2026-11-27")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FinalizeScreen)
        final_needs = blockers(app.session.document, Status.FINAL, app.session.review_config)
        assert not [blocker for blocker in final_needs if blocker.path.startswith("action_items")]
        await app.save_pending()
    item = storage.load_document(ready_draft).action_items[-1]
    assert (item.action, item.owner, str(item.due)) == ("Renew staging certs too", "Ben Okafor", "2026-11-27")
