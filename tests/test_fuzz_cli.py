"""Fuzzing the command line where the hostile-input review found it weak.

- Library reports (`actions`, `patterns`, `search`) over documents and file names full of escape
  sequences printed them raw: every report format must stay free of terminal controls.
- CSV cells (Jira, Linear, `actions --format csv`) could start a formula, and a carriage return
  inside a cell could start a row: whatever the text, every cell parses back as text, one row per item.
- Option values (`--since`, `--until`, `--window`, `--limit`, `--today`, a search query) past what dates or
  SQLite hold ended in tracebacks: whatever is typed, the answer is a result or one line and exit 2.

CI runs a bounded number of examples (tests/fuzz_settings.py); PMTUI_FUZZ_EXAMPLES raises it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from document_factory import SAMPLES, make_document
from fuzz_settings import FUZZ
from pmtui import storage
from pmtui.cli import main
from pmtui.export.csv_cells import FORMULA_START
from test_cli_terminal_safety import SEQUENCES, unsafe_characters

# Each example builds a library and its index, so these run a fifth of the usual examples.
LIBRARY_FUZZ = settings(FUZZ, max_examples=max(10, FUZZ.max_examples // 5))

# Any character a document can hold (surrogates cannot be saved), weighted towards the ones
# a terminal or a spreadsheet acts on.
HOSTILE_TEXT = st.lists(st.one_of(st.sampled_from(SEQUENCES), st.sampled_from(FORMULA_START), st.characters(
    blacklist_categories=("Cs",))), min_size=1, max_size=12).map("".join)
NAME_TEXT = HOSTILE_TEXT.map(lambda text: text.replace("/", "_").replace("\x00", "_")[:80])


@contextlib.contextmanager
def library_of(title: str, action: str, owner: str, name: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        document = make_document(
            incident={"title": f"deploy {title}", "id": f"INC {title}", "date": "2026-03-05", "tags": [title]},
            timeline=[{"time": "10:00", "event": f"deploy {action}", "source": owner}],
            action_items=[{"id": "AI-1", "action": action, "owner": owner, "due": "2026-03-01"},
                          {"id": "AI-2", "action": f"{action}\r{action}", "owner": owner}],
        )
        storage.save_new(document, Path(folder) / f"{name}.toml")
        (Path(folder) / f"broken {name}.toml").write_text("not = [toml")
        yield Path(folder)


class Output(io.StringIO):
    """Captured output that says whether it is a terminal (CSV and Markdown are cleaned for one)."""

    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def run(arguments: list[str], *, terminal: bool = False) -> tuple[int, str, str]:
    out, err = Output(terminal), Output(terminal)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(arguments)
        except SystemExit as exited:  # argparse refusing a value
            code = exited.code
    return code, out.getvalue(), err.getvalue()


REPORTS = [["actions"], ["actions", "--format", "csv"], ["actions", "--format", "json"], ["patterns"],
           ["patterns", "--format", "md"], ["patterns", "--format", "json"], ["search", "deploy"],
           ["search", "deploy", "--format", "json"], ["check"]]


@LIBRARY_FUZZ
@given(title=HOSTILE_TEXT, action=HOSTILE_TEXT, owner=HOSTILE_TEXT, name=NAME_TEXT)
def test_library_reports_never_print_a_terminal_control(title: str, action: str, owner: str, name: str) -> None:
    with library_of(title, action, owner, name) as folder:
        for command in REPORTS:
            code, out, err = run([command[0], str(folder), *command[1:]], terminal=True)
            assert code in (0, 1, 2), command
            out = out.replace("\x1b[1m", "").replace("\x1b[22m", "")  # search's own bold
            assert unsafe_characters(out) == [] and unsafe_characters(err) == [], command
            assert "Traceback" not in err


@LIBRARY_FUZZ
@given(title=HOSTILE_TEXT, action=HOSTILE_TEXT, owner=HOSTILE_TEXT)
def test_every_csv_cell_is_text_and_every_item_one_row(title: str, action: str, owner: str) -> None:
    with library_of(title, action, owner, "pm") as folder:
        for command, items in ((["export", str(folder / "pm.toml"), "--format", "jira-csv"], 2),
                               (["export", str(folder / "pm.toml"), "--format", "linear-csv"], 2),
                               (["actions", str(folder), "--format", "csv"], 2)):
            code, out, _ = run(command)
            assert code == 0
            rows = list(csv.reader(io.StringIO(out, newline="")))
            assert len(rows) == 1 + items, command
            assert [cell for row in rows for cell in row if cell.startswith(FORMULA_START)] == [], command


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the samples: a library command writes its index beside the postmortems."""
    folder = tmp_path_factory.mktemp("samples")
    for path in SAMPLES.iterdir():
        if path.is_file():
            shutil.copy(path, folder)
    return folder


OPTION_TEXT = st.one_of(st.text(max_size=40), st.sampled_from([
    "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "24:00", "99999999999999999999", "0", "-1",
    "1e400", "nan", "\x00", "2026-02-30", "10000-01-01T00:00:00Z",
]))


@FUZZ
@given(flag=st.sampled_from(["--since", "--until"]), value=OPTION_TEXT)
def test_any_import_window_is_a_result_or_one_line(flag: str, value: str, samples: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        events = Path(folder) / "events.csv"
        events.write_text("time,event,source\n10:00,restart,shell\n")
        code, _, err = run(["import", "--from", "csv", "--dry-run", f"{flag}={value}",
                            str(samples / "db-pool-exhaustion.toml"), str(events)])
    assert code in (0, 2) and "Traceback" not in err
    assert code == 0 or len(err.splitlines()) == 1 or err.startswith("usage:")


@FUZZ
@given(query=OPTION_TEXT.filter(lambda text: not text.startswith("-")), window=OPTION_TEXT, limit=OPTION_TEXT,
       today=st.dates())
def test_any_search_or_follow_up_option_is_a_result_or_one_line(query: str, window: str, limit: str, today: dt.date,
                                                                samples: Path) -> None:
    for command in (["search", str(samples), query or "pool"], ["search", f"--limit={limit}", str(samples), "pool"],
                    ["actions", f"--window={window}", str(samples)],
                    ["actions", f"--today={today.isoformat()}", str(samples)],
                    ["patterns", f"--today={today.isoformat()}", f"--since={today.isoformat()}", str(samples)]):
        code, _, err = run(command)
        assert code in (0, 2) and "Traceback" not in err, command
