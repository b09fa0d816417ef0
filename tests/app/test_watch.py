"""`pmtui watch`: the attendees' view follows the file as the meeting app saves it, and never writes it.

The file is changed under the running app with atomic saves; the poll is triggered by hand (its
timer is set to an hour) and "now" is a fixed clock, so nothing here waits for real time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from app_harness import FakeClock, run_async
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from pmtui import storage
from pmtui.app.watch.app import WatchApp, describe_changes, format_ago, read_version
from pmtui.app.watch.document import DocumentView
from pmtui.cli import main
from pmtui.document.model import Document, TimelineEvent
from pmtui.meeting.agenda import Agenda
from pmtui.meeting.layouts import load_layout
from pmtui.resources import default_sample

SAVED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)  # when the meeting app wrote the record


class FixedNow:
    """The attendee's wall clock, moved by hand."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += dt.timedelta(seconds=seconds)


@pytest.fixture
def watched(tmp_path: Path) -> Path:
    path = tmp_path / "incident.toml"
    shutil.copyfile(default_sample(), path)
    stamp(path)
    return path


def stamp(path: Path, at: dt.datetime = SAVED) -> None:
    """Give the file a known modification time (what "updated … ago" counts from)."""
    ns = int(at.timestamp() * 1e9)
    os.utime(path, ns=(ns, ns))


def save_version(path: Path, change, at: dt.datetime = SAVED) -> None:
    """What the meeting app's autosave does: load, change, write atomically."""
    loaded = storage.load(path)
    change(loaded.document)
    storage.save(loaded)
    stamp(path, at)


def run_meeting(document: Document, *, seconds: float, moves: int = 0, pause: bool = False, end: bool = False) -> None:
    """The agenda record the meeting app would write after `moves` phase changes and `seconds` more."""
    clock = FakeClock()
    agenda = Agenda(load_layout("standard"), clock, wall=lambda: SAVED)
    agenda.start()
    for _ in range(moves):
        agenda.next_phase()
    clock.advance(seconds)
    if pause:
        agenda.toggle_pause()
    if end:
        while not agenda.ended:
            agenda.next_phase()
    agenda.write_record(document.meeting)


def add_event(text: str):
    def change(document: Document) -> None:
        document.timeline = [*document.timeline, TimelineEvent(time=dt.time(14, 59), event=text, source="Slack")]

    return change


def make_watch(path: Path, now: FixedNow) -> WatchApp:
    app = WatchApp(path, read_version(path), interval=3600, now=now)
    app.animation_level = "none"  # scrolling to the end would otherwise glide for a second
    return app


async def poll(app: WatchApp, pilot: Pilot) -> None:
    """One poll of the file, then until its read and the document's render have landed."""
    app.poll_file()
    for _ in range(3):
        for worker in list(app.workers):
            with contextlib.suppress(WorkerCancelled):  # a render overtaken by a newer one
                await worker.wait()
        await pilot.pause()


def screen_text(app: WatchApp) -> str:
    """Every character on the screen, as a person sees it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def document_text(app: WatchApp) -> str:
    return "\n".join(line.text for line in app.screen.query_one(DocumentView).lines)


# ------------------------------------------------------------------------------------ following


@run_async
async def test_before_the_meeting_it_shows_the_incident_and_waits(watched: Path) -> None:
    app = make_watch(watched, FixedNow(SAVED + dt.timedelta(seconds=3)))
    async with app.run_test() as pilot:
        await poll(app, pilot)
        screen = screen_text(app)
        assert "INC-2026-0412 · SEV1 · final" in screen.splitlines()[0]
        assert "Waiting for the meeting to start" in screen
        assert "incident.toml updated 3 s ago" in screen
        assert "database connection pool exhausted after a deploy" in document_text(app)


@run_async
async def test_a_save_shows_the_new_event_the_new_phase_and_its_time_left(watched: Path) -> None:
    now = FixedNow(SAVED + dt.timedelta(seconds=2))
    app = make_watch(watched, now)
    async with app.run_test() as pilot:
        await poll(app, pilot)

        def next_phase_and_event(document: Document) -> None:
            run_meeting(document, moves=1, seconds=30)  # 30 s into "Timeline check" (5 min planned)
            add_event("Rollback of [/deploy] finished")(document)

        save_version(watched, next_phase_and_event)
        await poll(app, pilot)
        screen = screen_text(app)
        assert "▶ Timeline check · 04:28 left" in screen  # 30 s spent, 2 s since the save
        assert "✓ W… │ ▶ Timeline check 04:28 │ · Root c" in screen  # the current phase keeps its name
        assert "incident.toml updated 2 s ago: +1 timeline event" in screen
        assert "Rollback of [/deploy] finished" in document_text(app)

        # Between saves the countdown runs on by itself.
        now.advance(10)
        app.refresh_clock()
        await pilot.pause()
        assert "▶ Timeline check · 04:18 left" in screen_text(app)
        assert "updated 12 s ago" in screen_text(app)


@run_async
async def test_overrun_pause_and_end_read_as_such(watched: Path) -> None:
    now = FixedNow(SAVED)
    app = make_watch(watched, now)
    async with app.run_test() as pilot:
        save_version(watched, lambda document: run_meeting(document, seconds=5 * 60 + 83))  # walkthrough: 5 min
        await poll(app, pilot)
        assert "▶ Walkthrough · over time +01:23" in screen_text(app)
        strip = app.screen.query_one("#strip")
        drawn = strip.render()
        clock_at = drawn.plain.index("over time")
        assert any(span.start <= clock_at < span.end and span.style == strip.style("overrun") for span in drawn.spans)

        save_version(watched, lambda document: run_meeting(document, seconds=20, pause=True))
        await poll(app, pilot)
        now.advance(600)  # a long coffee break: the paused clock does not move
        app.refresh_clock()
        await pilot.pause()
        assert "▶ Walkthrough · 04:40 left · ⏸ paused" in screen_text(app)
        assert "no word from the meeting app" not in screen_text(app)

        save_version(watched, lambda document: run_meeting(document, seconds=60, end=True))
        await poll(app, pilot)
        assert "The meeting has ended · took 01:00 of 40:00 planned" in screen_text(app)


@run_async
async def test_a_meeting_app_that_stopped_saving_is_pointed_out(watched: Path) -> None:
    now = FixedNow(SAVED)
    save_version(watched, lambda document: run_meeting(document, seconds=0))
    app = make_watch(watched, now)
    async with app.run_test() as pilot:
        now.advance(200)
        app.refresh_clock()
        await pilot.pause()
        status = " ".join(screen_text(app).split())  # the status line wraps at 80 columns
        assert "updated 3 min ago · no word from the meeting app for 3 min; the countdown may be off" in status


@run_async
async def test_a_broken_save_keeps_the_last_good_version_under_a_warning(watched: Path) -> None:
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test() as pilot:
        save_version(watched, add_event("Pool raised to 400"))
        await poll(app, pilot)
        text = watched.read_text(encoding="utf-8")
        watched.write_text(text.replace('severity = "SEV1"', "severity = SEV1"), encoding="utf-8")
        await poll(app, pilot)
        screen = screen_text(app)
        assert "⚠ showing the last good version; incident.toml: TOML syntax error" in screen
        assert "Pool raised to 400" in document_text(app)
        assert "INC-2026-0412 · SEV1" in screen

        # Fixed by hand: the warning goes and the new version shows.
        watched.write_text(text.replace("Pool raised to 400", "Pool raised to 500"), encoding="utf-8")
        await poll(app, pilot)
        assert "⚠" not in screen_text(app)
        assert "Pool raised to 500" in document_text(app)


@run_async
async def test_a_deleted_file_is_waited_for(watched: Path) -> None:
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test() as pilot:
        kept = watched.read_bytes()
        watched.unlink()
        await poll(app, pilot)
        assert "⚠ incident.toml is gone (deleted or renamed)" in screen_text(app)
        assert "database connection pool exhausted" in document_text(app)

        watched.write_bytes(kept.replace(b'status = "final"', b'status = "in_review"'))
        await poll(app, pilot)
        assert "⚠" not in screen_text(app)
        assert "INC-2026-0412 · SEV1 · in review" in screen_text(app)


@run_async
async def test_nothing_an_attendee_does_writes_the_file(watched: Path) -> None:
    save_version(watched, lambda document: run_meeting(document, seconds=10))
    before, before_stat = watched.read_bytes(), watched.stat()
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test() as pilot:
        await poll(app, pilot)
        for key in ("pagedown", "down", "end", "home", "t", "question_mark", "escape", "t"):
            await pilot.press(key)
        await poll(app, pilot)
        await pilot.press("q")
    assert watched.read_bytes() == before
    after_stat = watched.stat()
    assert (after_stat.st_mtime_ns, after_stat.st_ino) == (before_stat.st_mtime_ns, before_stat.st_ino)
    assert sorted(path.name for path in watched.parent.iterdir()) == ["incident.toml"]  # no temp or backup files


@run_async
async def test_a_reload_keeps_the_readers_place(watched: Path) -> None:
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test() as pilot:
        await poll(app, pilot)
        view = app.screen.query_one(DocumentView)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        place = view.scroll_y
        first_line = screen_text(app).splitlines()[3]
        assert place > 0
        save_version(watched, add_event("Pool raised to 600"))
        await poll(app, pilot)
        assert "Pool raised to 600" in document_text(app)
        assert view.scroll_y == place
        assert screen_text(app).splitlines()[3] == first_line


@run_async
async def test_help_lists_the_keys_and_t_switches_to_high_contrast(watched: Path) -> None:
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test() as pilot:
        usual = app.theme
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = screen_text(app)
        for keys in ("q / Ctrl+q", "?", "t", "PgUp PgDn"):
            assert keys in help_text
        await pilot.press("escape")
        await pilot.press("t")
        assert app.theme == "pmtui-high-contrast"
        await pilot.press("t")
        assert app.theme == usual


@run_async
async def test_a_large_terminal_gets_the_agenda_column_and_a_tiny_one_a_message(watched: Path) -> None:
    def with_parking_lot(document: Document) -> None:
        run_meeting(document, moves=2, seconds=90)
        document.meeting.parking_lot = ["Who owns [pgbouncer] limits?"]

    save_version(watched, with_parking_lot)
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test(size=(160, 48)) as pilot:
        await poll(app, pilot)
        screen = screen_text(app)
        assert "▶ Root cause" in screen and "01:30 of 10m" in screen  # the phase list
        assert "✓ Walkthrough" in screen and "· Action items" in screen
        assert "• Who owns [pgbouncer] limits?" in screen
        assert not app.screen.query_one("#strip").display
        assert app.screen.query_one(DocumentView).text_width > 100

        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        words = " ".join(screen_text(app).split())
        assert "Terminal too small: pmtui watch needs 40x12, this one is 30x10." in words
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "▶ Root cause · 08:30 left" in screen_text(app)


@run_async
async def test_at_120_columns_the_document_gets_the_width(watched: Path) -> None:
    long_event = ("Rollback of the connection pool change starts on every region, one after the other, "
                  "with traffic drained first")
    save_version(watched, add_event(long_event))
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test(size=(120, 40)) as pilot:
        await poll(app, pilot)
        assert not app.screen.query_one("#side").display and app.screen.query_one("#strip").display
        assert app.screen.query_one(DocumentView).text_width >= 110
        row = next(line for line in document_text(app).splitlines() if "Rollback of the connection" in line)
        assert "Rollback of the connection pool change starts on every region" in row  # wraps at 60+, not at 20


# ------------------------------------------------------------------------------------ the pieces


def test_describe_changes_names_what_grew_shrank_or_changed(watched: Path) -> None:
    before = storage.load(watched).document
    after = before.model_copy(deep=True)
    add_event("one")(after)
    add_event("two")(after)
    after.action_items = after.action_items[1:]
    after.whys[0].answer = "Edited in the meeting"
    assert describe_changes(before, after) == "+2 timeline events (T22, T23), why 1 answer changed, -1 action item (AI-1)"
    assert describe_changes(before, before.model_copy(deep=True)) == ""
    after.incident.title, after.incident.summary = "Renamed", "Rewritten"
    assert describe_changes(before, after).endswith(" and 2 more")  # the status line stays short
    ticking = before.model_copy(deep=True)
    run_meeting(ticking, moves=1, seconds=30)
    said = describe_changes(before, ticking)
    assert "meeting current phase: (none) → timeline" in said and "clock" not in said  # the clock moves every save


@run_async
async def test_the_learning_review_lists_show_in_the_document(watched: Path) -> None:
    def learning(document: Document) -> None:
        document.findings.got_lucky = ["The replica had caught up"]
        document.findings.surprises = ["PgBouncer queued silently"]
        document.findings.open_questions = ["Who owns pool sizing?"]

    save_version(watched, learning)
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test(size=(120, 40)) as pilot:
        await poll(app, pilot)
        text = document_text(app)
        for heading, entry in (("Where we got lucky", "The replica had caught up"),
                               ("Surprises", "PgBouncer queued silently"), ("Open questions", "Who owns pool sizing?")):
            assert heading in text and entry in text


@pytest.mark.parametrize(("seconds", "text"), [(-2, "0 s ago"), (59.9, "59 s ago"), (125, "2 min ago"),
                                               (3 * 3600 + 5 * 60, "3 h 05 min ago")])
def test_format_ago(seconds: float, text: str) -> None:
    assert format_ago(seconds) == text


# ------------------------------------------------------------------------------------ the command


def test_the_command_refuses_a_missing_or_broken_file_in_one_line(tmp_path: Path, capsys) -> None:
    assert main(["watch", str(tmp_path / "absent.toml")]) == 2
    assert capsys.readouterr().err.strip() == f"pmtui: {tmp_path / 'absent.toml'}: no such file"
    broken = tmp_path / "broken.toml"
    broken.write_text("[incident\n", encoding="utf-8")
    assert main(["watch", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TOML syntax error" in err


def test_the_command_rejects_a_silly_interval(watched: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["watch", str(watched), "--interval", "0"])
    assert exit_info.value.code == 2
    assert "--interval: must be between 0.1 and 60 seconds" in capsys.readouterr().err


@run_async
async def test_a_version_that_fails_to_render_is_reported_and_the_following_goes_on(
        watched: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test() as pilot:
        def broken_render(document: Document, fmt: str) -> str:
            raise RuntimeError("renderer bug")

        monkeypatch.setattr("pmtui.app.watch.app.render", broken_render)
        save_version(watched, add_event("Pool raised to 700"))
        await poll(app, pilot)
        assert "⚠ showing the last good version; incident.toml: cannot show this version (RuntimeError: renderer bug)" \
            in " ".join(screen_text(app).split())

        monkeypatch.undo()
        save_version(watched, add_event("Pool raised to 800"))
        await poll(app, pilot)
        assert "⚠" not in screen_text(app)
        assert "Pool raised to 800" in document_text(app)


@run_async
async def test_on_a_laptop_every_action_item_field_reads_whole(watched: Path) -> None:
    """At 80 columns nine table columns would cut the due date ("2026-12…"): each item reads as a block."""
    document = storage.load_document(watched)
    app = make_watch(watched, FixedNow(SAVED))
    async with app.run_test(size=(80, 24)) as pilot:
        await poll(app, pilot)
        flat = " ".join(document_text(app).split())
        for item in document.action_items:
            assert f"ID: {item.id} Action: {' '.join(item.action.split())}" in flat
            if item.due:
                assert f"Due: {item.due.isoformat()}" in flat
        assert "Time Event Source Milestone" in flat  # four columns still fit: the timeline stays a table


# ------------------------------------------------------------------------------------ hostile text

HOSTILE = "\x1b]52;c;ZXZpbA==\x07\x1b]0;owned\x07\x1b[?1049l\x9b2J\u202e"


@run_async
async def test_no_control_sequence_in_the_document_reaches_the_attendees_terminal(watched: Path) -> None:
    loaded = storage.load(watched)
    document = loaded.document
    document.incident.title += HOSTILE
    document.timeline[0].event += HOSTILE
    document.meeting.parking_lot = [f"parked{HOSTILE}"]
    storage.save(loaded)
    stamp(watched)
    app = make_watch(watched, FixedNow(SAVED + dt.timedelta(seconds=3)))
    async with app.run_test(size=(160, 50)) as pilot:
        await poll(app, pilot)
        shown = screen_text(app) + "\n" + document_text(app)
        assert not [ch for ch in shown if ch != "\n" and (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch == "\u202e")]
        assert "\\x1b]52;c;ZXZpbA==" in document_text(app)  # shown as a visible escape, not dropped
