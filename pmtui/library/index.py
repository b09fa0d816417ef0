"""The library index: an SQLite cache of what the reports need from every postmortem in a folder.

The files stay the source of truth. The index lives in `DIR/.pmtui-index/index.sqlite` (with a
`.gitignore` so it never gets committed) or, when DIR is not writable or the index folder or file
is a link, in the user cache folder; deleting it only costs one cold run. It heals itself (see
`Library`) and may be shared by concurrent runs (write-ahead log, busy timeout, one-transaction
schema). `refresh()` walks DIR (skipping hidden folders), re-reads a
file only when its size or mtime changed and re-parses it only when its sha256 changed, forgets
deleted files, and records unreadable ones with their one-line error instead of failing.

Search uses SQLite's FTS5 (bm25 ranking, snippets). Where this Python's SQLite lacks FTS5 the text
goes into a plain table and `search.py` falls back to substring matching, and says so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pmtui import __version__
from pmtui.library.likeness import incident_terms
from pmtui.library.themes import incident_themes, theme_of

if TYPE_CHECKING:
    from pmtui.document.model import Document

# Supported extensions, as in storage.FORMATS: importing storage here would load the pydantic model
# (about 0.2 s), which a warm run never needs.
DOCUMENT_SUFFIXES = (".toml", ".json")

# Bump when what is stored or how it is derived changes (columns, words.py, themes.py): an index
# written under another format is rebuilt from the files. (likeness.py counts as well.)
INDEX_FORMAT = 11
INDEX_FOLDER = ".pmtui-index"
INDEX_FILE = "index.sqlite"
OPEN_STATUSES = frozenset({"open", "in_progress"})
SEARCH_COLUMNS = ("title", "summary", "timeline", "root_cause", "factors", "lessons")
# Below this many files to parse, starting worker processes costs more than it saves.
POOL_THRESHOLD = 200


class LibraryError(Exception):
    """The library folder cannot be used at all; str() is one line for the user."""


def incident_label(incident_id: str | None, path: str) -> str:
    """How reports name an incident: its id, or its file name without the extension."""
    return incident_id or Path(path).stem


# Records are NamedTuples, not dataclasses: a report reads tens of thousands of them and a tuple
# is built about five times faster than a frozen dataclass.
class IncidentRecord(NamedTuple):
    """One postmortem as the reports see it. `path` is relative to the library folder."""

    key: int
    path: str
    title: str
    incident_id: str | None
    date: dt.date | None
    severity: str | None
    status: str
    tags: tuple[str, ...]
    detection: str | None
    time_to_detect: dt.timedelta | None
    time_to_resolve: dt.timedelta | None
    customer_impact: dt.timedelta | None
    root_cause: str
    factors: tuple[str, ...]
    factor_themes: tuple[str | None, ...]
    themes: tuple[str, ...]
    terms: frozenset[str]  # what incidents are compared by: see likeness.incident_terms
    # After the `resolved` milestone: until the draft was started, until the review met (None: unknown)
    hours_to_draft: float | None = None
    business_days_to_review: int | None = None

    @property
    def label(self) -> str:
        return incident_label(self.incident_id, self.path)


class ActionRecord(NamedTuple):
    incident_key: int
    incident_path: str
    incident_label: str
    incident_title: str
    incident_date: dt.date | None
    item_id: str
    action: str
    owner: str | None
    due: dt.date | None
    priority: str | None
    status: str
    verified: dt.date | None = None  # done is not verified: someone checked that the fix works

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today and self.status in OPEN_STATUSES

    def days_overdue(self, today: dt.date) -> int | None:
        if self.due is None or self.due >= today or self.status not in OPEN_STATUSES:
            return None
        return (today - self.due).days


@dataclass(frozen=True)
class Skipped:
    """A file the index could not use. `path` is relative to the library folder, like every path
    in records; `message` the one-line storage error without the path."""

    path: str
    message: str


@dataclass(frozen=True)
class RefreshCounts:
    parsed: int
    unchanged: int  # content as indexed (a file only touched counts here)
    removed: int
    skipped: int  # postmortems that could not be read (files that are no postmortem not counted)


# ------------------------------------------------------------------------------------ extraction


@dataclass(frozen=True)
class _Extracted:
    """What one file contributes to the index, as plain values (it crosses process boundaries)."""

    incident: tuple[object, ...]
    actions: list[tuple[object, ...]]
    search_text: tuple[str, ...]


# Lists (tags, factors, themes) are stored as text joined by the ASCII unit separator, which no
# one types: splitting it back is several times faster than JSON for the rows of a large library.
_UNIT = "\x1f"


def _joined(values: list[str]) -> str:
    return _UNIT.join(value.replace(_UNIT, " ") for value in values)


def _seconds(value: dt.timedelta | None) -> float | None:
    return None if value is None else value.total_seconds()


def _lines(values: list[str | None]) -> str:
    return "\n".join(value for value in values if value)


def extract(document: Document) -> _Extracted:
    from pmtui.document import timeline

    incident = document.incident
    cause = document.root_cause
    instants = timeline.resolve_times(document)
    spans = timeline.durations(document, instants)
    process = timeline.process_times(document, instants)
    factors = list(cause.contributing_factors)
    factor_themes = [theme_of(factor) for factor in factors]
    root_cause = _lines([cause.problem, cause.summary])
    terms = incident_terms(document)
    row = (
        incident.title,
        incident.id,
        incident.date.isoformat() if incident.date else None,
        incident.severity.value if incident.severity else None,
        incident.status.value,
        _joined(incident.tags),
        document.detection.how.value if document.detection.how else None,
        _seconds(spans.time_to_detect),
        _seconds(spans.time_to_resolve),
        _seconds(spans.customer_impact),
        root_cause,
        _joined(factors),
        _joined([theme or "" for theme in factor_themes]),
        _joined(incident_themes(factor_themes, incident.tags)),
        " ".join(sorted(terms)),
        process.hours_to_draft,
        process.business_days_to_review,
    )
    actions = [
        (position, item.id or "", item.action, item.owner, item.due.isoformat() if item.due else None,
         item.priority.value if item.priority else None, item.status.value,
         item.verified.isoformat() if item.verified else None)
        for position, item in enumerate(document.action_items)
    ]
    search_text = (
        incident.title,
        incident.summary or "",
        _lines([event.event for event in document.timeline]),
        _lines([root_cause, *(why.answer for why in document.whys)]),
        _lines(factors),
        _lines(document.findings.lessons),
    )
    return _Extracted(row, actions, search_text)


class _Other(NamedTuple):
    """A file that is clearly no postmortem (package.json, a tool's config): noted, not an error."""

    message: str


def _parse_file(job: tuple[str, bytes]) -> _Extracted | _Other | str:
    """A file's contribution, or its one-line message without the path (reports add the path back)."""
    from pmtui import storage

    display_path, data = job
    try:
        document, _, _ = storage.parse_document(data, Path(display_path))
    except storage.NotAPostmortem as exc:
        return _Other(str(exc).removeprefix(f"{display_path}: "))
    except storage.DocumentError as exc:
        return str(exc).removeprefix(f"{display_path}: ")
    return extract(document)


# --------------------------------------------------------------------------------------- location


def cache_home() -> Path:
    configured = os.environ.get("XDG_CACHE_HOME")
    return Path(configured) if configured else Path.home() / ".cache"


def index_path_for(root: Path) -> Path:
    """Beside the library when it is writable and safe; in the user cache otherwise.

    Never through a symbolic link: a repository can commit `.pmtui-index` (or the index file in
    it) as a link to anywhere, and pmtui would then write, and on corruption replace, a file
    somewhere else. A planted link, or anything but a folder of ours, means the user cache.
    """
    beside = root / INDEX_FOLDER
    try:
        beside.mkdir(exist_ok=True)
        if _is_ours(beside, folder=True):
            _write_gitignore(beside)
            target = beside / INDEX_FILE
            companions = [beside / (INDEX_FILE + suffix) for suffix in SQLITE_COMPANIONS]
            if (os.access(beside, os.W_OK) and all(not os.path.lexists(path) or _is_ours(path) for path in [target, *companions])
                    and (not target.exists() or os.access(target, os.W_OK))):
                return target
    except OSError:
        pass
    return cache_index_path(root)


def cache_index_path(root: Path) -> Path:
    """The library's index in the user cache: for read-only folders, and for readers such as
    `pmtui check` that must leave the folder as they found it."""
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:16]
    folder = cache_home() / "pmtui"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{digest}.sqlite"


# SQLite's own files beside a database: the write-ahead log, its shared memory, a rollback journal.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def _is_ours(path: Path, *, folder: bool = False) -> bool:
    """A real folder or a regular file (no link, no second hard link) of this user: safe to write and replace."""
    status = os.lstat(path)
    kind = stat.S_ISDIR if folder else stat.S_ISREG
    return kind(status.st_mode) and status.st_uid == os.getuid() and (folder or status.st_nlink == 1)


def _write_gitignore(folder: Path) -> None:
    """Created exclusively and never through a link; one already there is left as it is."""
    try:
        descriptor = os.open(folder / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w") as ignore:
        ignore.write("# The pmtui library index: a cache, rebuilt from the postmortems.\n*\n")


# ------------------------------------------------------------------------------------------ schema


def fts5_available() -> bool:
    try:
        with sqlite3.connect(":memory:") as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return False
    return True


def _format_stamp(full_text: bool) -> str:
    return f"{INDEX_FORMAT}/{__version__}/{'fts5' if full_text else 'plain'}"


TABLES = ("meta", "files", "incidents", "actions", "search", "derived")


def _schema(full_text: bool) -> list[str]:
    columns = ", ".join(SEARCH_COLUMNS)
    search_table = (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5({columns}, tokenize='porter unicode61')"
        if full_text else f"CREATE TABLE IF NOT EXISTS search (rowid INTEGER PRIMARY KEY, {columns})"
    )
    return [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE IF NOT EXISTS files (
            path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL, error TEXT, other INTEGER NOT NULL  -- other: 1 for files that are no postmortem
        )""",
        """CREATE TABLE IF NOT EXISTS incidents (
            key INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, title TEXT NOT NULL, incident_id TEXT,
            date TEXT, severity TEXT, status TEXT NOT NULL, tags TEXT NOT NULL, detection TEXT,
            time_to_detect REAL, time_to_resolve REAL, customer_impact REAL, root_cause TEXT NOT NULL,
            factors TEXT NOT NULL, factor_themes TEXT NOT NULL, themes TEXT NOT NULL, terms TEXT NOT NULL,
            hours_to_draft REAL, business_days_to_review INTEGER
        )""",
        """CREATE TABLE IF NOT EXISTS actions (
            incident INTEGER NOT NULL, position INTEGER NOT NULL, item_id TEXT NOT NULL,
            action TEXT NOT NULL, owner TEXT, due TEXT, priority TEXT, status TEXT NOT NULL, verified TEXT,
            PRIMARY KEY (incident, position)
        )""",
        # What reports work out from all the incidents (repeated incidents): kept until a file changes.
        "CREATE TABLE IF NOT EXISTS derived (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # Reports read incidents oldest first, undated last: this order without a sort.
        "CREATE INDEX IF NOT EXISTS incidents_in_order ON incidents (date IS NULL, date, path)",
        search_table,
    ]


def _prepare(connection: sqlite3.Connection, full_text: bool) -> None:
    """Create the schema, or replace one of another format, in one transaction.

    Another pmtui may be doing the same at the same moment (two cold runs on a new library):
    BEGIN IMMEDIATE makes one wait for the other, and IF NOT EXISTS makes the second a no-op.
    Tables of another format are dropped, never the file: other processes may have it open.
    """
    stamp = _format_stamp(full_text)
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        current = None
        if connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
            current = connection.execute("SELECT value FROM meta WHERE key='format'").fetchone()
        if current and current[0] == stamp:
            return
        if current or connection.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone():
            for table in TABLES:
                connection.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _schema(full_text):
            connection.execute(statement)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (stamp,))


def _open(index_path: Path | str, full_text: bool) -> sqlite3.Connection:
    """The index at `index_path`, ready to use; sqlite3.Error when the file is no usable database."""
    # The timeout is SQLite's busy timeout: a second pmtui waits for the first's write instead of failing.
    connection = sqlite3.connect(index_path, timeout=30)
    try:
        if index_path != ":memory:":
            # Write-ahead logging: readers never block the writer, the writer never blocks readers.
            connection.execute("PRAGMA journal_mode=WAL")
        _prepare(connection, full_text)
    except BaseException:
        connection.close()
        raise
    return connection


def _connect(index_path: Path, full_text: bool) -> tuple[sqlite3.Connection, str | None]:
    """The index at `index_path`, and a notice when it had to be rebuilt or replaced for this run.

    A damaged database is a cache to drop: deleted and rebuilt when it is ours (`_is_ours`) and
    an SQLite database at all; anything else is left alone and an in-memory index used instead:
    pmtui never deletes a file it cannot tell it wrote.
    """
    try:
        return _open_when_free(index_path, full_text), None
    except sqlite3.Error as exc:
        problem = exc
    if _is_busy(problem):
        # Another pmtui holds the index longer than we wait: its file is sound, so never delete it.
        return _open(":memory:", full_text), _memory_notice(index_path, problem)
    if os.path.lexists(index_path) and _is_ours(index_path) and _is_database(index_path):
        for path in [index_path, *(Path(f"{index_path}{suffix}") for suffix in SQLITE_COMPANIONS)]:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        try:
            return _open(index_path, full_text), f"the library index {index_path} was unreadable ({problem}); rebuilt it"
        except sqlite3.Error as exc:
            problem = exc
    return _open(":memory:", full_text), _memory_notice(index_path, problem)


# How long a run waits for another pmtui's hold on the index (its first build of a big library).
BUSY_WAIT_SECONDS = 60


def _open_when_free(index_path: Path, full_text: bool) -> sqlite3.Connection:
    """`_open`, retried while another process holds the index.

    SQLite's busy timeout covers most waits, but not all: switching a new database to WAL, or a
    write that would deadlock with another connection's read, answers "database is locked" at once.
    """
    deadline = time.monotonic() + BUSY_WAIT_SECONDS
    while True:
        try:
            return _open(index_path, full_text)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _is_busy(problem: BaseException) -> bool:
    """A lock held by another connection (SQLITE_BUSY / SQLITE_LOCKED), not a damaged file."""
    return isinstance(problem, sqlite3.OperationalError) and "locked" in str(problem).lower()


def _is_database(path: Path) -> bool:
    """Empty or starting as every SQLite database does."""
    with open(path, "rb") as file:
        return file.read(16) in (b"", b"SQLite format 3\x00")


def _memory_notice(index_path: Path, problem: BaseException) -> str:
    return f"cannot use the library index {index_path} ({problem}); using a temporary one for this run"


# ----------------------------------------------------------------------------------------- library


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # Python keeps such bytes as lone surrogates
        return False
    return True


def _walk(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(relative posix path, stat) of every .toml/.json file; hidden entries and folder symlinks skipped.

    Plain strings rather than Path objects: on a warm run this walk is a good part of the time.
    """
    pending = [("", os.fspath(root))]
    while pending:
        relative, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue  # an unreadable sub-folder holds nothing we can index
        for entry in entries:
            if entry.name.startswith(".") or not _is_utf8(entry.name):
                continue  # hidden; or a name of bytes that are not UTF-8, which the index's text cannot hold
            if entry.is_dir(follow_symlinks=False):
                pending.append((f"{relative}{entry.name}/", entry.path))
            elif os.path.splitext(entry.name)[1].lower() in DOCUMENT_SUFFIXES:
                try:
                    if entry.is_file():
                        yield relative + entry.name, entry.stat()
                except OSError:
                    continue  # a symlink loop or an entry gone since the listing: nothing to index


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


class Library:
    """An open library: refresh it, then read records. Use as a context manager to close it.

    The index heals itself: any SQLite error on the index file while refreshing or reading (a
    disk full, the file deleted or damaged under it) makes the rest of the run use an in-memory
    index built from the files, with a line in `notices`: never a traceback, never a wrong answer.
    """

    def __init__(self, root: Path, index_path: Path, connection: sqlite3.Connection, full_text: bool,
                 notices: list[str] | None = None):
        self.root = root
        self.index_path = index_path
        self.connection = connection
        self.full_text = full_text
        self.notices = notices or []  # one line each, for the user: what the index had to do

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def display_path(self, relative: str) -> str:
        """A file as the user named the folder: `incidents/2025/db.toml`."""
        return (self.root / relative).as_posix()

    @property
    def in_memory(self) -> bool:
        """Whether this run works from an in-memory index (the file could not be used)."""
        return not self.connection.execute("PRAGMA database_list").fetchone()[2]

    def refresh(self, *, workers: int | None = None) -> RefreshCounts:
        """Bring the index in line with the files. `workers`: parse processes (None: decide)."""
        try:
            return self._refresh(workers)
        except sqlite3.Error as exc:
            return self._start_over_in_memory(exc, workers)

    def _start_over_in_memory(self, problem: sqlite3.Error, workers: int | None = None) -> RefreshCounts:
        if self.in_memory:
            raise LibraryError(f"{self.root}: the library index failed: {problem}") from None
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()
        self.connection = _open(":memory:", self.full_text)
        self.notices.append(_memory_notice(self.index_path, problem))
        return self._refresh(workers)

    def query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple]:
        """The rows of `sql`; on an SQLite error, once more on an in-memory index built from the files."""
        try:
            return self.connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            self._start_over_in_memory(exc)
            return self.connection.execute(sql, parameters).fetchall()

    def _refresh(self, workers: int | None) -> RefreshCounts:
        found = dict(_walk(self.root))
        known = {path: (size, mtime, sha) for path, size, mtime, sha in
                 self.connection.execute("SELECT path, size, mtime_ns, sha256 FROM files")}
        removed = [path for path in known if path not in found]
        touched: list[tuple[str, int, int, str]] = []  # same content, new mtime
        jobs: list[tuple[str, int, int, str, bytes | None]] = []
        for path, status in found.items():
            size, mtime, sha = known.get(path, (None, None, None))
            if (size, mtime) == (status.st_size, status.st_mtime_ns):
                continue
            data = _read(self.root / path)
            digest = hashlib.sha256(data).hexdigest() if data is not None else ""
            if digest and digest == sha:
                touched.append((path, status.st_size, status.st_mtime_ns, digest))
            else:
                jobs.append((path, status.st_size, status.st_mtime_ns, digest, data))
        if not (removed or touched or jobs):
            return RefreshCounts(0, len(found), 0, self._count_skipped())
        readable = [(self.display_path(path), data) for path, _, _, _, data in jobs if data is not None]
        parsed = iter(self._parse_all(readable, workers))
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.execute("DELETE FROM derived")
            for path in removed:
                self._forget(path)
            self.connection.executemany("UPDATE files SET size=?, mtime_ns=?, sha256=? WHERE path=?",
                                        [(size, mtime, sha, path) for path, size, mtime, sha in touched])
            for path, size, mtime, digest, data in jobs:
                self._forget(path)
                result = next(parsed) if data is not None else "cannot read the file"
                error = result.message if isinstance(result, _Other) else result if isinstance(result, str) else None
                self.connection.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
                                        (path, size, mtime, digest, error, isinstance(result, _Other)))
                if isinstance(result, _Extracted):
                    self._store(path, result)
        return RefreshCounts(len(jobs), len(found) - len(jobs), len(removed), self._count_skipped())

    def _parse_all(self, jobs: list[tuple[str, bytes]], workers: int | None) -> list[_Extracted | _Other | str]:
        if workers is None:
            workers = _pool_size(len(jobs))
        if workers <= 1:
            return [_parse_file(job) for job in jobs]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_parse_file, jobs, chunksize=max(1, len(jobs) // (workers * 4))))

    def _forget(self, path: str) -> None:
        self.connection.execute("DELETE FROM files WHERE path=?", (path,))
        row = self.connection.execute("SELECT key FROM incidents WHERE path=?", (path,)).fetchone()
        if row:
            for table, column in (("incidents", "key"), ("actions", "incident"), ("search", "rowid")):
                self.connection.execute(f"DELETE FROM {table} WHERE {column}=?", row)

    def _store(self, path: str, extracted: _Extracted) -> None:
        placeholders = ", ".join("?" * (len(extracted.incident) + 1))
        cursor = self.connection.execute(
            f"INSERT INTO incidents (path, title, incident_id, date, severity, status, tags, detection, "
            f"time_to_detect, time_to_resolve, customer_impact, root_cause, factors, factor_themes, themes, "
            f"terms, hours_to_draft, business_days_to_review) VALUES ({placeholders})", (path, *extracted.incident))
        key = cursor.lastrowid
        self.connection.executemany("INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    [(key, *action) for action in extracted.actions])
        self.connection.execute(f"INSERT INTO search (rowid, {', '.join(SEARCH_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (key, *extracted.search_text))

    def _count_skipped(self) -> int:
        return self.connection.execute("SELECT count(*) FROM files WHERE error IS NOT NULL AND NOT other").fetchone()[0]

    # ----------------------------------------------------------------------------------- reading

    def skipped(self) -> list[Skipped]:
        """Postmortems that could not be read, with why."""
        return [Skipped(path, error) for path, error in self.query(
            "SELECT path, error FROM files WHERE error IS NOT NULL AND NOT other ORDER BY path")]

    def others(self) -> list[Skipped]:
        """Files that are clearly no postmortem (package.json, a tool's config), left out."""
        return [Skipped(path, error) for path, error in self.query("SELECT path, error FROM files WHERE other ORDER BY path")]

    def incidents(self, where: str = "", parameters: tuple[object, ...] = (), *, terms: bool = True
                  ) -> list[IncidentRecord]:
        """Every incident, oldest first (undated ones last); `where` narrows it (SQL on `incidents`).

        `terms=False` leaves `terms` empty, for a report that does not compare incidents (or has
        their comparison remembered): they are a good part of reading a large library.
        """
        terms_column = "terms" if terms else "''"
        rows = self.query(
            "SELECT key, path, title, incident_id, date, severity, status, tags, detection, time_to_detect, "
            f"time_to_resolve, customer_impact, root_cause, factors, factor_themes, themes, {terms_column}, "
            f"hours_to_draft, business_days_to_review FROM incidents {where} ORDER BY date IS NULL, date, path",
            parameters)
        with _collector_paused():
            return [_incident_record(row) for row in rows]

    def terms(self) -> dict[int, frozenset[str]]:
        """Incident key -> its terms (see `incidents(terms=False)`)."""
        with _collector_paused():
            return {key: frozenset(terms.split()) for key, terms in self.query("SELECT key, terms FROM incidents")}

    def incident_at(self, relative: str) -> IncidentRecord | None:
        found = self.incidents("WHERE path = ?", (relative,))
        return found[0] if found else None

    def action_items(self, incident_keys: list[int] | None = None) -> list[ActionRecord]:
        """Action items in incident then file order; only those of `incident_keys` when given."""
        # Incidents first, in index order, then each one's items by their primary key: no big sort.
        query = ("SELECT i.key, i.path, i.incident_id, i.title, i.date, a.item_id, a.action, a.owner, a.due, "
                 "a.priority, a.status, a.verified FROM incidents i CROSS JOIN actions a ON a.incident = i.key")
        parameters: tuple[object, ...] = ()
        if incident_keys is not None:
            query += f" WHERE a.incident IN ({', '.join('?' * len(incident_keys))})"
            parameters = tuple(incident_keys)
        query += " ORDER BY i.date IS NULL, i.date, i.path, a.position"
        with _collector_paused():
            return [
                ActionRecord(key, path, incident_label(incident_id, path), title, _date(date), item_id, action,
                             owner, _date(due), priority, status, _date(verified))
                for key, path, incident_id, title, date, item_id, action, owner, due, priority, status, verified
                in self.query(query, parameters)
            ]

    def actions_due_by_quarter(self, today: dt.date, since: dt.date | None = None) -> dict[str, tuple[int, int]]:
        """"2025-Q3" -> (items due in that quarter up to today, how many of them done).

        Only items of incidents dated `since` or later when it is given. Counted by SQLite: the
        patterns report needs only these numbers, and building 30,000 records for them is slow.
        """
        query = ("SELECT substr(a.due, 1, 4) || '-Q' || ((CAST(substr(a.due, 6, 2) AS INTEGER) + 2) / 3), "
                 "count(*), sum(a.status = 'done') FROM actions a JOIN incidents i ON i.key = a.incident "
                 "WHERE a.due IS NOT NULL AND a.due <= ?")
        parameters: tuple[object, ...] = (today.isoformat(),)
        if since is not None:
            query += " AND i.date >= ?"
            parameters += (since.isoformat(),)
        return {quarter: (due, done) for quarter, due, done in self.query(query + " GROUP BY 1", parameters)}


    def remembered(self, key: str) -> str | None:
        """What `remember` kept under `key` since the files last changed, or None."""
        found = self.query("SELECT value FROM derived WHERE key = ?", (key,))
        return found[0][0] if found else None

    def remember(self, key: str, value: str) -> None:
        """Keep `value` until a file changes; a cache, so a failure to write it is no error."""
        with contextlib.suppress(sqlite3.Error), self.connection:
            self.connection.execute("INSERT OR REPLACE INTO derived VALUES (?, ?)", (key, value))

    # The patterns report's action follow-up, counted by SQLite for the same reason.

    def action_counts(self) -> dict[int, tuple[int, int]]:
        """Incident key -> (its action items, how many of them are open)."""
        return {key: (items, open_) for key, items, open_ in self.query(
            "SELECT incident, count(*), sum(status IN ('open', 'in_progress')) FROM actions GROUP BY incident")}

    def overdue_actions(self, today: dt.date, limit: int, since: dt.date | None = None) -> tuple[int, list[ActionRecord]]:
        """(How many items are overdue, the `limit` longest overdue), of incidents dated `since` or later."""
        condition = "a.due < ? AND a.status IN ('open', 'in_progress')" + (" AND i.date >= ?" if since else "")
        parameters: tuple[object, ...] = (today.isoformat(),) + ((since.isoformat(),) if since else ())
        count = self.query(f"SELECT count(*) FROM actions a JOIN incidents i ON i.key = a.incident WHERE {condition}",
                           parameters)[0][0]
        rows = self.query(
            "SELECT i.key, i.path, i.incident_id, i.title, i.date, a.item_id, a.action, a.owner, a.due, a.priority, "
            f"a.status FROM actions a JOIN incidents i ON i.key = a.incident WHERE {condition} "
            "ORDER BY a.due, i.path, a.position LIMIT ?", (*parameters, limit))
        return count, [ActionRecord(key, path, incident_label(incident_id, path), title, _date(date), item_id, action,
                                    owner, _date(due), priority, status)
                       for key, path, incident_id, title, date, item_id, action, owner, due, priority, status in rows]

    def completion_counts(self, start: dt.date, end: dt.date,
                          since: dt.date | None = None) -> tuple[int, int, int]:
        """(Items due from `start` to `end`, how many of them are done, how many of those verified),
        of incidents dated `since` or later."""
        query = ("SELECT count(*), coalesce(sum(a.status = 'done'), 0), "
                 "coalesce(sum(a.status = 'done' AND a.verified IS NOT NULL), 0) FROM actions a JOIN incidents i "
                 "ON i.key = a.incident WHERE a.due BETWEEN ? AND ?" + (" AND i.date >= ?" if since else ""))
        parameters = (start.isoformat(), end.isoformat()) + ((since.isoformat(),) if since else ())
        due, done, verified = self.query(query, parameters)[0]
        return due, done, verified


def _pool_size(jobs: int) -> int:
    """Worker processes for parsing `jobs` files: 1 (this process) unless a pool is safe and pays.

    Parsing and validating are CPU-bound and hold the GIL, so processes, not threads. Only by fork, which
    starts workers in milliseconds with everything imported and, unlike spawn, does not re-run the
    caller's main module; and only on Linux (fork is unsafe on macOS) from a process without other
    threads (forking a threaded process can deadlock the child), so the app, which refreshes from
    a worker thread, parses in that thread.
    """
    import threading

    if jobs < POOL_THRESHOLD or not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    # Cores other programs keep busy give nothing but the cost of the pool (measured: on a loaded
    # 2-core machine a pool of 2 took 50% longer than parsing here), so count only the idle ones.
    idle = (os.cpu_count() or 1) - os.getloadavg()[0]
    return max(1, min(4, round(idle)))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Building tens of thousands of records triggers the cyclic garbage collector over and over,
    though none of them can be in a cycle; pausing it makes reading a large library ~20% faster."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _incident_record(row: tuple, *, date_of=dt.date.fromisoformat, span=dt.timedelta) -> IncidentRecord:
    # Written out in one expression, local names bound as defaults: this runs once per incident per report.
    (key, path, title, incident_id, date, severity, status, tags, detection, ttd, ttr, impact, root_cause,
     factors, factor_themes, themes, terms, hours_to_draft, review_days) = row
    return IncidentRecord(
        key, path, title, incident_id, date_of(date) if date else None, severity, status,
        tuple(tags.split(_UNIT)) if tags else (), detection,
        None if ttd is None else span(seconds=ttd), None if ttr is None else span(seconds=ttr),
        None if impact is None else span(seconds=impact), root_cause,
        tuple(factors.split(_UNIT)) if factors else (),
        tuple([theme or None for theme in factor_themes.split(_UNIT)]) if factor_themes else (),
        tuple(themes.split(_UNIT)) if themes else (), frozenset(terms.split()), hours_to_draft, review_days,
    )


def open_library(folder: str | os.PathLike[str], *, refresh: bool = True, index_path: Path | None = None) -> Library:
    """Open (and by default refresh) the library in `folder`; LibraryError when it is no folder."""
    root = Path(folder)
    if not root.is_dir():
        reason = "no such folder" if not root.exists() else "not a folder"
        raise LibraryError(f"{root}: {reason}")
    if not os.access(root, os.R_OK | os.X_OK):
        raise LibraryError(f"{root}: cannot read the folder (permission denied)")
    full_text = fts5_available()
    try:
        index_path = index_path or index_path_for(root)
        connection, notice = _connect(index_path, full_text)
    except (OSError, sqlite3.Error) as exc:  # no cache folder, or the file cannot even be opened
        index_path = index_path or root / INDEX_FOLDER / INDEX_FILE
        connection, notice = _open(":memory:", full_text), _memory_notice(index_path, exc)
    library = Library(root, index_path, connection, full_text, [notice] if notice else [])
    if refresh:
        library.refresh()
    return library
