"""`pmtui watch FILE`: a read-only view for attendees that follows the file as the meeting app saves it.

A cheap stat every `interval` seconds notices a save (the meeting app replaces the file
atomically, so a changed inode, size or mtime means a whole new version); only then is the file
read and parsed, in a worker thread. Between saves the agenda's countdown runs on from the
record's `updated` time. A version that cannot be read (a broken hand edit) or a file that
disappears leaves the last good version on screen under a one-line warning. Nothing here ever
opens the file for writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Digits, Footer, Static

from pmtui import storage
from pmtui.app.common.sizing import SizeSteps, fit_to_terminal
from pmtui.app.common.themes import HIGH_CONTRAST, THEMES
from pmtui.app.common import debounce
from pmtui.app.common.keys import key_display, key_table
from pmtui.app.watch.agenda import AgendaColumn, AgendaStrip, headline
from pmtui.app.watch.document import DocumentView
from pmtui.document.model import Document
from pmtui.export import render
from pmtui.meeting.agenda import format_clock
from pmtui.meeting.live import LiveAgenda, live_agenda
from pmtui.terminal_text import for_terminal

POLL_SECONDS = 0.5  # how often the file is checked (a stat); `--interval` changes it
TICK_SECONDS = 0.5  # how often the countdown and "updated … ago" are redrawn between saves
# wide: room for a side column beside a document of 110+ columns (below it the document gets the whole
# width, and the agenda is the strip on top; the parking lot is in the document's open questions);
# tall: a big countdown
SIZES = SizeSteps(min_width=40, min_height=12, wide=150, tall=32)


def precise_utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FileKey(NamedTuple):
    """What a stat tells about a version of the file: an atomic save changes at least one of these."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileKey:
        stat = path.stat()
        return cls(stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Version:
    """One good version of the file, ready to show."""

    key: FileKey
    document: Document
    markdown: str

    @property
    def saved_at(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.key.mtime_ns / 1e9, dt.UTC)


def read_version(path: Path) -> Version:
    """Read and render the file; a one-line `storage.DocumentError` when it cannot be used."""
    try:
        # Taken before reading: a save in between shows up as a new key at the next poll.
        key = FileKey.of(path)
    except OSError:
        key = FileKey(0, 0, 0)  # matches no real file, so the next poll reads again; `load` names the problem
    document = storage.load(path).document
    # The document is untrusted: an ESC [?1049l in an event would throw the viewer out of the
    # alternate screen, an ESC ]52 write their clipboard.
    return Version(key, document, for_terminal(render(document, "md"), newlines=True, tab_width=4))


def format_ago(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min ago"


SHOWN_CHANGES = 3  # the status line names this many changes of a save, then counts the rest


def describe_changes(before: Document, after: Document) -> str:
    """What the last save changed, in the words `pmtui diff` uses ("+1 timeline event (T18)",
    "AI-3 owner: Ana → Ben"); the meeting clock, which moves with every save, goes unsaid."""
    from pmtui.document.changes import MEETING_CLOCK_LINE
    from pmtui.document.changes import describe_changes as document_changes

    lines = [line for line in document_changes(before, after) if line != MEETING_CLOCK_LINE]
    shown = ", ".join(for_terminal(line) for line in lines[:SHOWN_CHANGES])
    return shown + (f" and {len(lines) - SHOWN_CHANGES} more" if len(lines) > SHOWN_CHANGES else "")


def incident_line(document: Document) -> Text:
    incident = document.incident
    line = Text(no_wrap=True, overflow="ellipsis")
    facts = [incident.id, incident.severity.value if incident.severity else None,
             incident.status.value.replace("_", " ")]
    line.append(" · ".join(for_terminal(fact) for fact in facts if fact) + " · ", "dim")
    line.append(for_terminal(incident.title), "bold")
    return line


class FileRead(Message):
    """A worker's result: a new good version, or why the file could not be used."""

    def __init__(self, key: FileKey, version: Version | None, problem: str | None) -> None:
        super().__init__()
        self.key = key
        self.version = version
        self.problem = problem


class WatchHelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text("Keys (Esc closes)", style="bold"), classes="dialog-title")
            yield Static(key_table("Following the meeting (read-only: nothing here changes the file)", self.rows))


class WatchScreen(Screen):
    def __init__(self) -> None:
        super().__init__()
        self._status_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="body"):
            yield Static(id="incident")
            yield AgendaStrip(id="strip")
            with Horizontal(id="main"):
                yield DocumentView(id="document")
                with Vertical(id="side"):
                    yield Static(id="headline")
                    yield Digits("", id="countdown")
                    yield Static("Agenda", classes="section-title")
                    yield AgendaColumn(id="phases")
                    yield Static("Parking lot", classes="section-title")
                    yield Static(id="parking")
            yield Static(id="status")
        yield Static(id="too-small")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(DocumentView).focus()
        self.on_resize()
        self.app.show_version()  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        fit_to_terminal(self, SIZES, "pmtui watch")

    def show_document(self, version: Version) -> None:
        self.query_one("#incident", Static).update(incident_line(version.document))
        self.query_one(DocumentView).show(version.markdown)
        parking = version.document.meeting.parking_lot
        self.query_one("#parking", Static).update(
            Text("\n".join(f"• {for_terminal(entry)}" for entry in parking)) if parking else Text("empty", style="italic"))

    def show_agenda(self, live: LiveAgenda | None) -> None:
        """Called twice a second: the widgets redraw only when the agenda moved (see `live_agenda`)."""
        self.query_one(AgendaStrip).show(live)
        column = self.query_one(AgendaColumn)
        if live == column.live:
            return
        column.show(live)
        self.query_one("#headline", Static).update(headline(live, column.style), layout=False)  # one line, always
        countdown = self.query_one("#countdown", Digits)
        running_clock = live is not None and not live.ended and live.remaining is not None
        countdown.display = running_clock
        if running_clock:
            countdown.update(format_clock(live.remaining))
            countdown.set_class(live.warning, "-warning")
            countdown.set_class(live.overrun, "-overrun")

    def show_status(self, text: str, problem: bool) -> None:
        status = self.query_one("#status", Static)
        if text != self._status_text:
            # Only a longer or shorter text can change how many lines it wraps to.
            status.update(Text(text), layout=len(text) != len(self._status_text))
            self._status_text = text
        status.set_class(problem, "-problem")


class WatchApp(App[None]):
    CSS_PATH = "watch.tcss"
    TITLE = "pmtui watch"
    BINDINGS = [
        Binding("q,ctrl+q", "quit", "Quit", id="watch.quit", tooltip="stop watching (the file is left as it is)"),
        Binding("question_mark", "help", "Keys", id="watch.help", tooltip="this list"),
        Binding("t", "toggle_theme", "Contrast", id="watch.theme",
                tooltip="switch between high contrast and the usual colours"),
    ]
    SCROLL_KEYS = ("↑ ↓ PgUp PgDn Home End", "scroll the document (your place is kept when it reloads)")

    def __init__(
        self,
        path: Path,
        first: Version,
        *,
        interval: float = POLL_SECONDS,
        now: Callable[[], dt.datetime] = precise_utc_now,
    ) -> None:
        super().__init__()
        self.path = path
        self.shown = first  # the last good version: what is on screen
        self.interval = interval
        self.now = now
        self.problem: str | None = None
        self.last_change = ""
        self._seen: FileKey | None = first.key  # the version last read, good or not
        self._reading = False
        self._usual_theme = ""
        self.watch_screen = WatchScreen()
        for theme in THEMES:
            self.register_theme(theme)

    def get_default_screen(self) -> Screen:
        return self.watch_screen

    def on_mount(self) -> None:
        self._usual_theme = self.theme
        debounce.repeat(self, self.interval, self.poll_file)
        debounce.repeat(self, TICK_SECONDS, self.refresh_clock)

    # ---------------------------------------------------------------------------- following the file

    def poll_file(self) -> None:
        """Has the file changed since it was last read? A stat; the read itself runs in a worker."""
        if self._reading:
            return
        try:
            key = FileKey.of(self.path)
        except FileNotFoundError:
            self._seen = None
            self._set_problem(f"{self.path.name} is gone (deleted or renamed): showing the last version "
                              "and waiting for it to come back")
            return
        except OSError as exc:
            self._set_problem(f"{self.path}: cannot read: {exc.strerror or exc}")
            return
        if key != self._seen:
            self._reading = True
            self._read(key)

    @work(thread=True, exclusive=True, group="watch-read", exit_on_error=False)
    def _read(self, key: FileKey) -> None:
        try:
            version = read_version(self.path)
        except storage.DocumentError as exc:
            self.post_message(FileRead(key, None, str(exc)))
        except Exception as exc:  # noqa: BLE001 - one version pmtui cannot show must not stop the following
            self.post_message(FileRead(key, None, f"{self.path}: cannot show this version ({type(exc).__name__}: {exc})"))
        else:
            self.post_message(FileRead(key, version, None))

    def on_file_read(self, message: FileRead) -> None:
        self._reading = False
        self._seen = message.key
        if message.version is None:
            # The file is named on screen already: its name is enough, the rest of the line is the problem.
            problem = str(message.problem).replace(str(self.path), self.path.name, 1)
            self._set_problem(f"showing the last good version; {problem}")
            return
        self.problem = None
        before, self.shown = self.shown, message.version
        self.last_change = describe_changes(before.document, self.shown.document) or self.last_change
        self.show_version()

    def show_version(self) -> None:
        self.watch_screen.show_document(self.shown)
        self.refresh_clock()

    def _set_problem(self, problem: str) -> None:
        self.problem = problem
        self.refresh_clock()

    # ---------------------------------------------------------------------------- between saves

    def live_agenda(self) -> LiveAgenda | None:
        return live_agenda(self.shown.document.meeting, self.now())

    def status_text(self, live: LiveAgenda | None) -> str:
        if self.problem:
            return f"⚠ {self.problem}"
        parts = [f"{self.path.name} updated {format_ago((self.now() - self.shown.saved_at).total_seconds())}"]
        if self.last_change:
            parts[0] += f": {self.last_change}"
        if live is not None and live.stale:
            parts.append(f"no word from the meeting app for {format_ago(live.since_record).removesuffix(' ago')}; "
                         "the countdown may be off")
        return " · ".join(parts)

    def refresh_clock(self) -> None:
        live = self.live_agenda()
        self.watch_screen.show_agenda(live)
        self.watch_screen.show_status(self.status_text(live), problem=self.problem is not None)

    # ---------------------------------------------------------------------------- keys

    def action_help(self) -> None:
        rows = [(key_display(binding.key), binding.tooltip) for binding in self.BINDINGS]
        self.push_screen(WatchHelpScreen([*rows, self.SCROLL_KEYS]))

    def action_toggle_theme(self) -> None:
        high_contrast = self.theme == HIGH_CONTRAST.name
        self.theme = self._usual_theme if high_contrast else HIGH_CONTRAST.name
