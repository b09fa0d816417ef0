"""The library index: an SQLite cache of what the reports need from every postmortem in a folder.

The files stay the source of truth. The index lives in `DIR/.pmtui-index/index.sqlite` (with a
`.gitignore` so it never gets committed) or, when DIR is not writable, in the user cache folder;
deleting it only costs one cold run. `refresh()` walks DIR (skipping hidden folders), re-reads a
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
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pmtui import __version__
from pmtui.library.themes import incident_themes, theme_of
from pmtui.library.words import word_set

if TYPE_CHECKING:
    from pmtui.document.model import Document

# Supported extensions, as in storage.FORMATS: importing storage here would load the pydantic model
# (about 0.2 s), which a warm run never needs.
DOCUMENT_SUFFIXES = (".toml", ".json")

# Bump when what is stored or how it is derived changes (columns, words.py, themes.py): an index
# written under another format is rebuilt from the files.
INDEX_FORMAT = 4
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
    terms: frozenset[str]  # normalised words of title, root cause and factors

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
    skipped: int


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
    spans = timeline.durations(document)
    factors = list(cause.contributing_factors)
    factor_themes = [theme_of(factor) for factor in factors]
    root_cause = _lines([cause.problem, cause.summary])
    terms = word_set([incident.title, root_cause, *factors])
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
    )
    actions = [
        (position, item.id or "", item.action, item.owner, item.due.isoformat() if item.due else None,
         item.priority.value if item.priority else None, item.status.value)
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


def _parse_file(job: tuple[str, bytes]) -> _Extracted | str:
    """A file's contribution, or its one-line error without the path (reports add the path back)."""
    from pmtui import storage

    display_path, data = job
    try:
        document, _, _ = storage.parse_document(data, Path(display_path))
    except storage.DocumentError as exc:
        return str(exc).removeprefix(f"{display_path}: ")
    return extract(document)


# --------------------------------------------------------------------------------------- location


def cache_home() -> Path:
    configured = os.environ.get("XDG_CACHE_HOME")
    return Path(configured) if configured else Path.home() / ".cache"


def _planted(folder: Path, ignore: Path, index: Path) -> bool:
    """Whether a repository committed the index folder or one of its files as a symlink (pmtui
    would create or write the file it points at, anywhere) or as something not a file (a pipe
    would hang SQLite): then the index goes to the user cache instead."""
    files = [ignore, index, *(index.with_name(index.name + suffix) for suffix in ("-journal", "-wal", "-shm"))]
    return folder.is_symlink() or any(path.is_symlink() or (path.exists() and not path.is_file()) for path in files)


def index_path_for(root: Path) -> Path:
    """Beside the library when it is writable; in the user cache otherwise."""
    beside = root / INDEX_FOLDER
    ignore = beside / ".gitignore"
    target = beside / INDEX_FILE
    try:
        beside.mkdir(exist_ok=True)
        if not _planted(beside, ignore, target):
            if not ignore.exists():
                ignore.write_text("# The pmtui library index: a cache, rebuilt from the postmortems.\n*\n")
            if os.access(beside, os.W_OK) and (not target.exists() or os.access(target, os.W_OK)):
                return target
    except OSError:
        pass
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:16]
    folder = cache_home() / "pmtui"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{digest}.sqlite"


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


def _create_schema(connection: sqlite3.Connection, full_text: bool) -> None:
    columns = ", ".join(SEARCH_COLUMNS)
    search_table = (
        f"CREATE VIRTUAL TABLE search USING fts5({columns}, tokenize='porter unicode61')"
        if full_text else f"CREATE TABLE search (rowid INTEGER PRIMARY KEY, {columns})"
    )
    connection.executescript(f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE files (
            path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL, error TEXT
        );
        CREATE TABLE incidents (
            key INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, title TEXT NOT NULL, incident_id TEXT,
            date TEXT, severity TEXT, status TEXT NOT NULL, tags TEXT NOT NULL, detection TEXT,
            time_to_detect REAL, time_to_resolve REAL, customer_impact REAL, root_cause TEXT NOT NULL,
            factors TEXT NOT NULL, factor_themes TEXT NOT NULL, themes TEXT NOT NULL, terms TEXT NOT NULL
        );
        CREATE TABLE actions (
            incident INTEGER NOT NULL, position INTEGER NOT NULL, item_id TEXT NOT NULL,
            action TEXT NOT NULL, owner TEXT, due TEXT, priority TEXT, status TEXT NOT NULL,
            PRIMARY KEY (incident, position)
        );
        -- Reports read incidents oldest first, undated last: this order without a sort.
        CREATE INDEX incidents_in_order ON incidents (date IS NULL, date, path);
        {search_table};
    """)
    connection.execute("INSERT INTO meta VALUES ('format', ?)", (_format_stamp(full_text),))
    connection.commit()


def _connect(index_path: Path, full_text: bool) -> sqlite3.Connection:
    """The index at `index_path`, rebuilt empty when it is corrupted or from another format."""
    for attempt in range(2):
        connection = sqlite3.connect(index_path, timeout=30)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                _create_schema(connection, full_text)
                return connection
            stamp = connection.execute("SELECT value FROM meta WHERE key='format'").fetchone()
            if stamp and stamp[0] == _format_stamp(full_text):
                return connection
        except sqlite3.DatabaseError:
            pass  # not a database, or missing tables: a cache, so start again
        connection.close()
        if attempt == 0:
            index_path.unlink(missing_ok=True)
    raise LibraryError(f"{index_path}: cannot create the library index")


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
    """An open library: refresh it, then read records. Use as a context manager to close it."""

    def __init__(self, root: Path, index_path: Path, connection: sqlite3.Connection, full_text: bool):
        self.root = root
        self.index_path = index_path
        self.connection = connection
        self.full_text = full_text

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def display_path(self, relative: str) -> str:
        """A file as the user named the folder: `incidents/2025/db.toml`."""
        return (self.root / relative).as_posix()

    def refresh(self, *, workers: int | None = None) -> RefreshCounts:
        """Bring the index in line with the files. `workers`: parse processes (None: decide)."""
        found = dict(_walk(self.root))
        known = {path: (size, mtime, sha) for path, size, mtime, sha in
                 self.connection.execute("SELECT path, size, mtime_ns, sha256 FROM files")}
        removed = [path for path in known if path not in found]
        touched: list[tuple[str, int, int, str]] = []  # same content, new mtime
        jobs: list[tuple[str, int, int, str, bytes | None]] = []
        for path, stat in found.items():
            size, mtime, sha = known.get(path, (None, None, None))
            if (size, mtime) == (stat.st_size, stat.st_mtime_ns):
                continue
            data = _read(self.root / path)
            digest = hashlib.sha256(data).hexdigest() if data is not None else ""
            if digest and digest == sha:
                touched.append((path, stat.st_size, stat.st_mtime_ns, digest))
            else:
                jobs.append((path, stat.st_size, stat.st_mtime_ns, digest, data))
        if not (removed or touched or jobs):
            return RefreshCounts(0, len(found), 0, self._count_skipped())
        readable = [(self.display_path(path), data) for path, _, _, _, data in jobs if data is not None]
        parsed = iter(self._parse_all(readable, workers))
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            for path in removed:
                self._forget(path)
            self.connection.executemany("UPDATE files SET size=?, mtime_ns=?, sha256=? WHERE path=?",
                                        [(size, mtime, sha, path) for path, size, mtime, sha in touched])
            for path, size, mtime, digest, data in jobs:
                self._forget(path)
                result = next(parsed) if data is not None else "cannot read the file"
                error = result if isinstance(result, str) else None
                self.connection.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?)", (path, size, mtime, digest, error))
                if isinstance(result, _Extracted):
                    self._store(path, result)
        return RefreshCounts(len(jobs), len(found) - len(jobs), len(removed), self._count_skipped())

    def _parse_all(self, jobs: list[tuple[str, bytes]], workers: int | None) -> list[_Extracted | str]:
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
            f"terms) VALUES ({placeholders})", (path, *extracted.incident))
        key = cursor.lastrowid
        self.connection.executemany("INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    [(key, *action) for action in extracted.actions])
        self.connection.execute(f"INSERT INTO search (rowid, {', '.join(SEARCH_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (key, *extracted.search_text))

    def _count_skipped(self) -> int:
        return self.connection.execute("SELECT count(*) FROM files WHERE error IS NOT NULL").fetchone()[0]

    # ----------------------------------------------------------------------------------- reading

    def skipped(self) -> list[Skipped]:
        return [Skipped(path, error) for path, error in
                self.connection.execute("SELECT path, error FROM files WHERE error IS NOT NULL ORDER BY path")]

    def incidents(self, where: str = "", parameters: tuple[object, ...] = ()) -> list[IncidentRecord]:
        """Every incident, oldest first (undated ones last); `where` narrows it (SQL on `incidents`)."""
        rows = self.connection.execute(
            "SELECT key, path, title, incident_id, date, severity, status, tags, detection, time_to_detect, "
            "time_to_resolve, customer_impact, root_cause, factors, factor_themes, themes, terms "
            f"FROM incidents {where} ORDER BY date IS NULL, date, path", parameters)
        with _collector_paused():
            return [_incident_record(row) for row in rows]

    def incident_at(self, relative: str) -> IncidentRecord | None:
        found = self.incidents("WHERE path = ?", (relative,))
        return found[0] if found else None

    def action_items(self, incident_keys: list[int] | None = None) -> list[ActionRecord]:
        """Action items in incident then file order; only those of `incident_keys` when given."""
        # Incidents first, in index order, then each one's items by their primary key: no big sort.
        query = ("SELECT i.key, i.path, i.incident_id, i.title, i.date, a.item_id, a.action, a.owner, a.due, "
                 "a.priority, a.status FROM incidents i CROSS JOIN actions a ON a.incident = i.key")
        parameters: tuple[object, ...] = ()
        if incident_keys is not None:
            query += f" WHERE a.incident IN ({', '.join('?' * len(incident_keys))})"
            parameters = tuple(incident_keys)
        query += " ORDER BY i.date IS NULL, i.date, i.path, a.position"
        with _collector_paused():
            return [
                ActionRecord(key, path, incident_label(incident_id, path), title, _date(date), item_id, action,
                             owner, _date(due), priority, status)
                for key, path, incident_id, title, date, item_id, action, owner, due, priority, status
                in self.connection.execute(query, parameters)
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
        return {quarter: (due, done) for quarter, due, done in
                self.connection.execute(query + " GROUP BY 1", parameters)}


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
     factors, factor_themes, themes, terms) = row
    return IncidentRecord(
        key, path, title, incident_id, date_of(date) if date else None, severity, status,
        tuple(tags.split(_UNIT)) if tags else (), detection,
        None if ttd is None else span(seconds=ttd), None if ttr is None else span(seconds=ttr),
        None if impact is None else span(seconds=impact), root_cause,
        tuple(factors.split(_UNIT)) if factors else (),
        tuple([theme or None for theme in factor_themes.split(_UNIT)]) if factor_themes else (),
        tuple(themes.split(_UNIT)) if themes else (), frozenset(terms.split()),
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
        connection = _connect(index_path, full_text)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"{root}: cannot open the library index: {exc}") from None
    library = Library(root, index_path, connection, full_text)
    if refresh:
        library.refresh()
    return library
