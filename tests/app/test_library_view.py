"""`pmtui library` in the app, and similar past incidents in the meeting: driven by keys with Pilot.

The library is the known corpus of `tests/library_corpus.py` (twelve incidents, figures worked
out there), read with its fixed today so overdue items and the completion rate are exact.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

import pytest
from app_harness import FakeClock, make_app, run_async, type_text
from rich.console import Console
from textual.pilot import Pilot

from pmtui.app import launch
from pmtui.app.meeting.app import PostmortemApp
from pmtui.app.library.app import LibraryApp
from pmtui.app.library.screen import LibraryScreen, SkippedScreen
from pmtui.app.library.actions import ActionsView
from pmtui.app.library.patterns import PatternsView
from pmtui.app.meeting.panels.similar import SimilarIncidents, SimilarScreen
from pmtui.cli import main

sys.path.insert(0, str(Path(__file__).parent.parent))
from library_corpus import TODAY, write_corpus, write_document  # noqa: E402  (shared with the library tests)

WHYS_PHASE = 2  # phases to advance in the standard layout to reach the root cause


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    write_corpus(folder)
    return folder


def library_app(folder: Path) -> LibraryApp:
    return LibraryApp(folder, today=lambda: TODAY)


async def read(pilot: Pilot) -> LibraryScreen:
    """Wait for the worker that reads the library, and for its messages to be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen  # type: ignore[return-value]


def shown_numbers(screen: LibraryScreen) -> list[int]:
    """The incidents in the table, top to bottom, by their number (INC-007 -> 7)."""
    return [int(row.incident.incident_id.removeprefix("INC-")) for row in screen.catalog.shown]


def cells_of(screen: LibraryScreen, number: int) -> list[str]:
    index = shown_numbers(screen).index(number)
    return [cell.plain for cell in screen.catalog.row(index).cells]


def plain(widget) -> str:
    return str(widget.render())


def printed(renderable) -> str:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


# ------------------------------------------------------------------------------------ the table


@run_async
async def test_table_lists_every_incident_with_durations_and_open_items(corpus: Path) -> None:
    app = library_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await read(pilot)
        assert sorted(shown_numbers(screen)) == list(range(1, 13))
        assert shown_numbers(screen)[0] == 12  # newest first
        # The corpus records no draft start or review: the last two columns, days to draft and to review, say "—".
        assert cells_of(screen, 1) == ["2025-07-10", "Checkout errors after deploy", "SEV2", "final", "5m", "1h 00m",
                                       "1", "—", "—"]
        assert cells_of(screen, 12) == ["2026-06-01", "DNS record deleted", "SEV1", "in review", "12m", "1h 20m", "2",
                                        "—", "—"]
        assert cells_of(screen, 9) == ["2026-03-30", "Notification emails delayed", "—", "final", "—", "—", "1",
                                       "—", "—"]
        assert cells_of(screen, 2)[6] == "·"  # its one item is done
        assert "12 postmortems" in plain(screen.query_one("#library-status"))


@run_async
async def test_sorting_by_key_and_again_reverses(corpus: Path) -> None:
    app = library_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await read(pilot)
        await pilot.press("5")  # time to detect, longest first; the incident without one last
        assert shown_numbers(screen) == [5, 7, 2, 11, 10, 8, 12, 3, 6, 1, 4, 9]
        assert screen.table.columns[4].title == "5 TTD▼"
        await pilot.press("5")
        assert shown_numbers(screen) == [4, 1, 6, 3, 12, 8, 10, 11, 2, 7, 5, 9]
        await pilot.press("3")  # severity, SEV1 first, unknown last
        assert shown_numbers(screen)[:2] == [4, 12] and shown_numbers(screen)[-1] == 9
        await pilot.press("7")  # open items, most first
        assert shown_numbers(screen)[:3] == [12, 1, 4]
        assert "sorted by open action items, descending" in plain(screen.query_one("#library-status"))


def timely_incidents(folder: Path) -> None:
    """Two postmortems that record when their draft was started and their review held.

    "Drafted": resolved Friday 2026-06-05 11:00, draft two days later (2.0 days), review the
    Thursday after (4 business days). "Quick": resolved Monday 2026-06-08 11:00, draft at 23:00
    (0.5 days), review the next day (1 business day). The corpus records neither: "—"."""
    for title, day, drafted, reviewed in (("Drafted", "2026-06-05", "2026-06-07T11:00:00+00:00", "2026-06-11T09:00:00+00:00"),
                                          ("Quick", "2026-06-08", "2026-06-08T23:00:00+00:00", "2026-06-09T09:00:00+00:00")):
        write_document(folder, f"timely/{title}.toml",
                       incident={"title": title, "date": day, "timezone": "UTC", "draft_started": drafted},
                       timeline=[{"time": "10:00:00", "event": "Errors start", "milestone": "impact_start"},
                                 {"time": "11:00:00", "event": "Fixed", "milestone": "resolved"}],
                       meeting={"started": reviewed})


def titles(screen: LibraryScreen) -> list[str]:
    return [row.incident.title for row in screen.catalog.shown]


@run_async
async def test_days_to_draft_and_to_review_at_160x48(corpus: Path) -> None:
    timely_incidents(corpus)
    app = library_app(corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await read(pilot)
        headers = [column.title for column in screen.table.columns]
        assert headers == ["1 Date▼", "2 Title", "3 Sev", "4 Status", "5 TTD", "6 TTR", "7 Open", "8 Draft", "9 Review"]
        cells = {row.incident.title: [cell.plain for cell in screen.catalog.row(index).cells[-2:]]
                 for index, row in enumerate(screen.catalog.shown)}
        assert cells["Drafted"] == ["2.0d", "4d"] and cells["Quick"] == ["0.5d", "1d"]
        assert cells["DNS record deleted"] == ["—", "—"]
        await pilot.press("8")  # longest to draft first, the unknown ones last
        assert titles(screen)[:2] == ["Drafted", "Quick"] and screen.table.columns[7].title == "8 Draft▼"
        assert "sorted by days to draft, descending" in plain(screen.query_one("#library-status"))
        await pilot.press("9", "9")  # again: quickest review first
        assert titles(screen)[:2] == ["Quick", "Drafted"] and screen.table.columns[8].title == "9 Review▲"
        assert screen.table.max_scroll_x == 0


@run_async
async def test_at_80x24_the_timeliness_columns_give_way_to_the_title(corpus: Path) -> None:
    timely_incidents(corpus)
    for number in range(10):  # more rows than fit: the vertical scrollbar takes its two cells
        write_document(corpus, f"more/{number}.toml", incident={"title": f"More {number}", "date": "2024-01-01"})
    app = library_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await read(pilot)
        table = screen.table
        assert table.max_scroll_y > 0 and table.max_scroll_x == 0
        assert [column.title for column in table.columns] == [
            "1 Date▼", "2 Title", "3 Sev", "4 Status", "5 TTD", "6 TTR", "7 Open"]
        fixed = sum(column.width for column in table.columns) + len(table.columns) - 1
        assert table.scrollable_content_region.width - fixed >= 20  # the title keeps its cells
        assert len(screen.catalog.row(0).cells) == 7
        await pilot.press("8")  # its key sorts by it all the same
        assert titles(screen)[:2] == ["Drafted", "Quick"]
        assert "sorted by days to draft, descending" in plain(screen.query_one("#library-status"))
        await pilot.resize_terminal(120, 24)  # wide enough: every column
        await pilot.pause()
        assert [column.title for column in table.columns][-2:] == ["8 Draft▼", "9 Review"]
        assert table.max_scroll_x == 0


@run_async
async def test_the_highlighted_incidents_whole_title_shows_under_the_table_at_80x24(corpus: Path) -> None:
    """The title column is cut at 80 columns: the line under the table names the highlighted one in full."""
    long_title = "Uploads failing: media-processor nodes in ap-southeast-2 ran out of disk after a log flood"
    write_document(corpus, "long.toml", incident={"title": long_title, "date": "2030-01-01"})
    app = library_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await read(pilot)
        assert screen.catalog.shown[0].incident.title == long_title  # the newest: highlighted first
        detail = " ".join(plain(screen.query_one("#incident-detail")).split())
        assert long_title in detail and "long.toml" in detail
        await pilot.press("down")
        await pilot.pause()
        detail = " ".join(plain(screen.query_one("#incident-detail")).split())
        assert screen.catalog.shown[1].incident.title in detail and long_title not in detail


@run_async
async def test_long_durations_fit_their_columns_and_show_in_full_under_the_table(corpus: Path) -> None:
    """A 12-day resolution reads "12d 16h" in an 8-cell column (never cut with "…"); the line under the
    table gives it to the minute."""
    write_document(corpus, "slow.toml", incident={"title": "Slow", "date": "2030-01-01"}, timeline=[
        {"time": "2030-01-01T00:00:00", "event": "Impact starts", "milestone": "impact_start"},
        {"time": "2030-01-01T00:39:00", "event": "Alert", "milestone": "detected"},
        {"time": "2030-01-13T16:05:00", "event": "Fixed", "milestone": "resolved"},
    ])
    app = library_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await read(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Slow" in line)
        assert "12d 16h " in row and "12d 16h…" not in row
        detail = " ".join(plain(screen.query_one("#incident-detail")).split())
        assert "detected in 39m, resolved in 12d 16h 05m" in detail


@run_async
async def test_sorting_keeps_the_cursor_on_its_incident(corpus: Path) -> None:
    app = library_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await read(pilot)
        await pilot.press("down", "down")
        chosen = screen.catalog.shown[screen.table.cursor].incident.path
        await pilot.press("2")
        assert screen.catalog.shown[screen.table.cursor].incident.path == chosen


@run_async
async def test_filter_by_typed_words(corpus: Path) -> None:
    app = library_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await read(pilot)
        await pilot.press("slash")
        await type_text(pilot, "deploy")
        assert sorted(shown_numbers(screen)) == [1, 4, 6, 8, 11]  # titles, and the tag of 4
        await type_text(pilot, " sev1")
        assert shown_numbers(screen) == [4]
        assert "1 shown" in plain(screen.query_one("#library-status"))
        await pilot.press("enter")  # back to the table, the filter kept
        assert screen.table.has_focus and shown_numbers(screen) == [4]
        await pilot.press("escape")  # in the table: clears the filter
        await pilot.pause()
        assert len(shown_numbers(screen)) == 12
        await pilot.press("slash")
        await type_text(pilot, "review")  # the status in_review, as people say it
        assert sorted(shown_numbers(screen)) == [2, 4, 6, 8, 10, 12]
        await type_text(pilot, " nothing-like-this")
        assert shown_numbers(screen) == []
        assert "Nothing matches" in screen.table.empty


@run_async
async def test_enter_leaves_the_library_with_the_chosen_file(corpus: Path) -> None:
    app = library_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await read(pilot)
        await pilot.press("slash")
        await type_text(pilot, "dns")
        await pilot.press("enter", "enter")
    assert app.return_value == corpus / "2026" / "2026-06-01-12.json"
    assert app.state.selected == "2026/2026-06-01-12.json" and app.state.filter_text == "dns"


@run_async
async def test_the_library_comes_back_as_it_was_left(corpus: Path) -> None:
    first = library_app(corpus)
    async with first.run_test(size=(120, 40)) as pilot:
        await read(pilot)
        await pilot.press("5", "down", "down")  # the cursor stayed on INC-012 when sorting, then moved on
        await pilot.press("enter")
    assert first.return_value == corpus / "2025" / "2025-12-24-06.toml"
    again = LibraryApp(corpus, state=first.state, today=lambda: TODAY)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await read(pilot)
        assert screen.table.columns[4].title == "5 TTD▼"
        assert screen.catalog.shown[screen.table.cursor].incident.incident_id == "INC-006"


# ------------------------------------------------------------------------------------ patterns, actions, skipped


@run_async
async def test_patterns_view_charts_the_report(corpus: Path) -> None:
    app = library_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await read(pilot)
        await pilot.press("p")
        view = app.screen.query_one(PatternsView)
        assert view.has_focus
        # Medians per quarter, 2025-Q3 to 2026-Q2 (see library_corpus): TTD 10, 8, 30, 20 minutes.
        assert view.query_one("#ttd-trend").data == [600, 480, 1800, 1200]
        assert view.query_one("#ttr-trend").data == [3600, 7200, 4500, 4200]
        assert "2025-Q3 10m → 2026-Q2 20m" in plain(view.query_one("#ttd-caption"))
        bars = plain(view.query_one("#patterns-bars")).splitlines()
        counts = {line.split()[0]: line.split()[-2:] for line in bars if line.startswith("  SEV")}
        assert counts == {"SEV1": ["2", "17%"], "SEV2": ["3", "25%"], "SEV3": ["5", "42%"], "SEV4": ["1", "8%"]}
        assert any(line.split()[:1] == ["alert"] and line.split()[-2:] == ["6", "50%"] for line in bars)
        summary = plain(view.query_one("#patterns-summary"))
        assert "12 incidents from 2025-07-10 to 2026-06-01" in summary
        assert "7 of the last 12 incidents were deploy-related." in summary


def screen_text(app) -> str:
    """What the terminal shows, line by line, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def patterns_tab(folder: Path) -> tuple[str, list[str]]:
    """The patterns tab as the terminal shows it (tall enough for all of it), and the notices."""
    app = library_app(folder)
    async with app.run_test(size=(120, 200)) as pilot:
        await read(pilot)
        await pilot.press("p")
        await pilot.pause()
        return screen_text(app), [notification.message for notification in app._notifications]


@run_async
async def test_patterns_view_says_what_the_text_report_says(corpus: Path) -> None:
    # One postmortem from 2017: the quarters between it and 2025-Q3 hold nothing and are left out.
    write_document(corpus, "old/2017-03-01.toml", incident={"title": "Old outage", "date": "2017-03-01"})
    shown, _ = await patterns_tab(corpus)
    # The headlines as `pmtui patterns` words them (library_corpus: 7 deploy incidents, 13 items, 6 open).
    assert "• deploy/release: 7 of 13 incidents, 6 of its 13 action items open." in shown
    assert "• 9 incidents were detected slower than the target (5m from trigger to detection)." in shown
    assert "This quarter (2026-Q2) against the last" in shown
    rows = [line.split() for line in shown.splitlines() if line.strip()]
    assert ["2026-Q2", "3", "1", "20m", "1h", "10m", "215", "2/6", "33%"] in rows
    assert ["2026-Q1", "3", "0", "30m", "1h", "15m", "150", "4/4", "100%"] in rows
    assert "SEV1 incidents, newest first" in shown
    assert "2026-06-01  INC-012  DNS record deleted" in shown
    assert "2025-10-05  INC-004  Search outage after release" in shown
    assert "4 action items overdue; the longest overdue:" in shown
    assert "304d late  INC-001 AI-2 (ben): Follow-up 2 of incident 1" in shown
    assert "Completion over the last 90 days: 3 of 7 items due were done (43%): below the 70% target." in shown
    assert "No postmortem records both its resolution and its review" in shown  # the policy's review rule
    # Quarters with data only: 2017-Q1 and the four of the corpus, the 33 between said in one line.
    assert "Per quarter (33 empty quarters left out)" in shown
    start = next(index for index, row in enumerate(rows) if row[:2] == ["Per", "quarter"]) + 2
    assert [row[0] for row in rows[start:start + 6]] == ["2017-Q1", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2",
                                                          "Severity"]
    assert "shared: connection pool" in shown  # why the repeated incidents match


@run_async
async def test_patterns_view_measures_against_the_folders_policy(corpus: Path) -> None:
    (corpus / ".pmtui").mkdir()
    (corpus / ".pmtui" / "policy.toml").write_text("[detection]\ntarget_minutes = 15\n[actions]\ncompletion_target = 40\n")
    shown, _ = await patterns_tab(corpus)
    assert "detected slower than the target (15m from trigger to detection)" in shown
    assert "(43%): meets the 40% target." in shown


@run_async
async def test_a_malformed_policy_is_one_notice_and_the_built_in_one_is_used(corpus: Path) -> None:
    (corpus / ".pmtui").mkdir()
    (corpus / ".pmtui" / "policy.toml").write_text("[actions]\ncompletion_target = \"most\"\n")
    shown, notices = await patterns_tab(corpus)
    assert any("policy.toml" in notice and notice.endswith("the built-in policy is used") for notice in notices)
    assert "below the 70% target" in shown


@run_async
async def test_actions_view_overdue_first_and_a_prominent_warning(corpus: Path) -> None:
    app = library_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await read(pilot)
        await pilot.press("a")
        view = app.screen.query_one(ActionsView)
        completion = view.query_one("#completion")
        assert completion.has_class("-below-target")
        assert "only 43% of action items due in the last 90 days are done (target 70%)" in plain(completion)
        assert "18 action items, 4 overdue" in plain(view.query_one("#action-counts"))
        first = view.source.row(0)
        assert first.flagged and [cell.plain for cell in first.cells[:5]] == [
            "2025-08-15", "304d", "open", "ben", "INC-001"]
        assert [view.source.row(index).flagged for index in range(6)] == [True] * 4 + [False] * 2
        assert "⚠ 3/7 actions done" in plain(app.screen.query_one("#library-status"))
        await pilot.press("enter")  # opens the incident the item belongs to
    assert app.return_value == corpus / "2025" / "2025-07-10-01.toml"


@run_async
async def test_the_highlighted_action_item_shows_in_full_under_the_table_at_80x24(corpus: Path) -> None:
    app = library_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await read(pilot)
        await pilot.press("a")
        await pilot.pause()
        view = app.screen.query_one(ActionsView)
        await pilot.press("down")
        await pilot.pause()
        item = view.source.items[1]
        detail = " ".join(plain(view.query_one("#action-detail")).split())
        assert f"{item.item_id} {' '.join(item.action.split())}" in detail
        assert f"due {item.due.isoformat()}" in detail and item.incident_title.split()[0] in detail
        late = view.source.row(1).cells[1].plain
        assert late.endswith("d") and "…" not in late


@run_async
async def test_skipped_files_are_counted_and_explained(corpus: Path) -> None:
    (corpus / "broken.toml").write_text("[incident\n")
    app = library_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await read(pilot)
        assert len(screen.catalog.rows) == 12
        assert "1 skipped (s)" in plain(screen.query_one("#library-status"))
        await pilot.press("s")
        assert isinstance(app.screen, SkippedScreen)
        listing = "\n".join(plain(static) for static in app.screen.query("Static"))
        assert f"{(corpus / 'broken.toml').as_posix()}" in listing and "line 1" in listing
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


HOSTILE = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b31m\u202e"  # a clipboard write, a screen wipe, a C1 CSI, a bidi override
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@run_async
async def test_no_control_character_from_a_document_reaches_the_screen(tmp_path: Path) -> None:
    folder = tmp_path / f"library{HOSTILE}"
    write_corpus(folder)
    write_document(folder, f"2026/hostile{HOSTILE}.toml",
                   incident={"title": f"Title {HOSTILE} end", "id": f"INC-{HOSTILE}", "date": "2026-06-10",
                             "severity": "SEV1", "tags": [f"tag{HOSTILE}"]},
                   root_cause={"problem": f"Cause {HOSTILE}", "contributing_factors": [f"factor {HOSTILE}"]},
                   action_items=[{"action": f"Action {HOSTILE}", "owner": f"owner{HOSTILE}", "due": "2026-06-01"}])
    (folder / f"broken{HOSTILE}.toml").write_text(f'[incident\ntitle = "{HOSTILE}"\n')
    app = LibraryApp(folder, today=lambda: TODAY)
    async with app.run_test(size=(160, 120)) as pilot:
        screen = await read(pilot)
        assert any(row.incident.title.startswith("Title \x1b") for row in screen.catalog.rows)  # read as written
        for key in ("i", "p", "a", "s"):
            await pilot.press(key)
            await pilot.pause()
            shown = screen_text(app)
            assert not CONTROL.search(shown), (key, CONTROL.findall(shown))
            assert "\\x1b]52;c;" in shown  # shown escaped, not left out
            if key == "s":
                await pilot.press("escape")


def test_library_table_at_80x24(snap_compare, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus.parent)  # the status line names the folder as given: "library"

    async def run_before(pilot: Pilot) -> None:
        await read(pilot)
        pilot.app.clear_notifications()
        await pilot.press("down")

    assert snap_compare(LibraryApp(Path("library"), today=lambda: TODAY), terminal_size=(80, 24),
                        run_before=run_before)


# ------------------------------------------------------------------------------------ launching


def test_missing_folder_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'nowhere'}: no such folder\n"


def test_leaving_a_meeting_returns_to_the_library(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = corpus / "2025" / "2025-09-20-03.toml"
    library_turns: list[Path | None] = [chosen, None]
    meetings: list[tuple[Path, Path | None]] = []

    def run_library(self: LibraryApp) -> Path | None:
        return library_turns.pop(0)

    def run_meeting(self: PostmortemApp) -> None:
        meetings.append((self.session.path, self.library_dir))

    monkeypatch.setattr(LibraryApp, "run", run_library)
    monkeypatch.setattr(PostmortemApp, "run", run_meeting)
    assert launch.launch_library(argparse.Namespace(folder=str(corpus), no_bell=True, theme=None)) == 0
    assert meetings == [(chosen, corpus)] and library_turns == []


def test_default_library_is_the_documents_folder_when_it_has_company(corpus: Path, tmp_path: Path) -> None:
    document = corpus / "2025" / "2025-07-10-01.toml"
    assert launch.library_for(None, document) == corpus / "2025"
    alone = write_document(tmp_path / "alone", "only.toml", incident={"title": "Alone"})
    assert launch.library_for(None, alone) is None
    assert launch.library_for(None, None) is None  # the bundled sample
    assert launch.library_for(str(corpus), alone) == corpus
    with pytest.raises(launch.LaunchError, match="--library .*nowhere: no such folder"):
        launch.library_for(str(tmp_path / "nowhere"), alone)


# ------------------------------------------------------------------------------------ similar past incidents


def pool_incident(folder: Path) -> Path:
    return write_document(
        folder, "billing-pool.toml",
        incident={"title": "Billing connection pool exhausted", "date": "2026-06-20", "tags": ["capacity"]},
        root_cause={"problem": "The billing database connection pool was exhausted under peak traffic",
                    "contributing_factors": ["pool size too small for peak"]},
    )


async def at_root_cause(pilot: Pilot) -> SimilarIncidents:
    await pilot.press(*["f4"] * WHYS_PHASE)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen.query_one(SimilarIncidents)


@run_async
async def test_similar_past_incidents_in_the_root_cause_phase(corpus: Path, clock: FakeClock) -> None:
    document = pool_incident(corpus)
    app = make_app(document, clock, library=corpus)
    async with app.run_test() as pilot:
        assert not app.screen.query(SimilarIncidents)  # nothing built, nothing searched before the phase opens
        panel = await at_root_cause(pilot)
        titles = [match.title for match in panel.matches]
        assert titles[:2] == ["Payments connection pool exhausted", "Orders connection pool exhausted"]
        assert "Billing connection pool exhausted" not in titles  # the document itself
        assert not panel.has_class("-empty")
        assert "closest: Payments connection pool exhausted (2025-09-20)" in plain(panel.query_one("#similar-brief"))
        await pilot.press("i")
        assert isinstance(app.screen, SimilarScreen)
        listing = printed(app.screen.query("Static").last().content)
        assert "won't do" in listing and "matched on" in listing  # payments' item, never done


@pytest.mark.parametrize("edit", [
    lambda session: session.set_section_field("root_cause", "problem", "A cleanup script deleted a DNS record"),
    lambda session: session.add_why(None, "A cleanup script deleted the DNS record of the billing database"),
], ids=["problem", "5-whys answer"])
@run_async
async def test_similar_incidents_follow_root_cause_edits(corpus: Path, clock: FakeClock, edit) -> None:
    document = pool_incident(corpus)
    app = make_app(document, clock, library=corpus)
    async with app.run_test() as pilot:
        panel = await at_root_cause(pilot)
        assert "DNS record deleted" not in [match.title for match in panel.matches]
        edit(app.session)
        panel.settle()  # as when typing pauses
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "DNS record deleted" in [match.title for match in panel.matches]


@run_async
async def test_nothing_shown_when_the_document_is_alone(tmp_path: Path, clock: FakeClock) -> None:
    document = pool_incident(tmp_path / "alone")
    app = make_app(document, clock, library=launch.library_for(None, document))
    async with app.run_test() as pilot:
        panel = await at_root_cause(pilot)
        assert app.library_dir is None and panel.matches == [] and panel.has_class("-empty")
        assert panel.region.height == 0


@run_async
async def test_nothing_shown_when_the_library_holds_only_the_document(tmp_path: Path, clock: FakeClock) -> None:
    document = pool_incident(tmp_path / "alone")
    app = make_app(document, clock, library=document.parent)
    async with app.run_test() as pilot:
        panel = await at_root_cause(pilot)
        assert panel.searched_words is not None and panel.matches == [] and panel.has_class("-empty")
