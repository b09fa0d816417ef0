"""The meeting's key footer: one line that follows the keys on offer and repaints only when they change."""

from __future__ import annotations

from pathlib import Path

from app_harness import FakeClock, make_app, run_async

from pmtui.app.common.footer import KeyFooter
from pmtui.app.common.forms import FormScreen


@run_async
async def test_the_footer_shows_the_current_panels_keys_and_follows_a_phase_move(sample_copy: Path,
                                                                               clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        await pilot.pause()
        shown = footer.render().plain
        assert "e Edit" in shown and "Add event" not in shown  # the walkthrough shows the summary
        assert "palette" not in shown.lower()  # the agenda-keys line above names ^P; the footer holds the panel's keys
        await pilot.press("f4")
        await pilot.pause()
        shown = footer.render().plain
        assert "a Add event" in shown and "n Detection" in shown
        assert not footer.children  # one widget, not one per key


@run_async
async def test_a_form_opening_and_closing_repaints_the_footer_only_if_the_keys_changed(sample_copy: Path,
                                                                                    clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        before = footer.render().plain
        repaints = []
        footer.refresh = lambda *args, **kwargs: repaints.append(kwargs)  # type: ignore[method-assign]
        await pilot.press("e")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert repaints == []
        assert footer.render().plain == before


@run_async
async def test_clicking_a_key_in_the_footer_presses_it(sample_copy: Path, clock: FakeClock) -> None:
    app = make_app(sample_copy, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        column = footer.render().plain.index("Add event")
        await pilot.click(KeyFooter, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "Add a timeline event"
