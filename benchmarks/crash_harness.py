"""Crash safety: kill the meeting app with SIGKILL while it edits, then check the file on disk.

    .venv/bin/python benchmarks/crash_harness.py                 # 100 rounds on the bundled sample
    .venv/bin/python benchmarks/crash_harness.py --rounds 20 --seed 7 --document big.toml

Each round copies the document, starts the app headless in a subprocess (the "driver" below) that
applies a random stream of edits through the session at a steady pace, and kills it at a random
moment. Every edit is written with its time to a side log *before* it is applied, so the log lists
everything the room typed. After the kill:

- the file parses and is a valid document (`storage.load`), and
- every edit logged more than SAVED_WITHIN (1 s, the autosave promise) before the kill is in it.

It prints the rounds, the edits verified, and the worst lag: the age, at the moment of the kill, of
the oldest edit that was not on disk yet. Exit status 1 when any round loses an edit or the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pmtui import storage
from pmtui.document.model import Document

SAVED_WITHIN = 1.0  # seconds: an edit older than this at the kill must be on disk
EDIT_PACE = 0.05  # seconds between edits while the driver runs (a fast typist's Enter rate)
START_TIMEOUT = 30.0  # seconds for the driver to mount before the round counts as failed
READY = "ready"

# What the driver does, by kind: each edit carries a unique marker text found again in the saved file.
EDIT_KINDS = ("lesson", "parking", "event", "why", "action")


def apply_edit(session, kind: str, marker: str, rng: random.Random) -> None:  # noqa: ANN001 - a Session
    if kind == "lesson":
        session.add_text("lessons", marker)
    elif kind == "parking":
        session.add_text("parking_lot", marker)
    elif kind == "event":
        session.add_event(f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00", marker)
    elif kind == "why":
        parents = [None, *(why.id for why in session.document.whys)]
        session.add_why(rng.choice(parents), marker)
    elif kind == "action":
        session.add_action({"action": marker, "owner": rng.choice(["ana", "bo", "cy"])})
    else:
        raise ValueError(kind)


def markers_in(document: Document) -> set[str]:
    """Every text an edit of EDIT_KINDS can have written."""
    return {
        *document.findings.lessons,
        *document.meeting.parking_lot,
        *(event.event for event in document.timeline),
        *(why.answer for why in document.whys),
        *(item.action for item in document.action_items),
    }


# --------------------------------------------------------------------------------------- the driver


def drive(path: Path, log_path: Path, seed: int) -> None:
    """Run the app headless on `path`, editing every EDIT_PACE seconds until killed."""
    from pmtui.app.meeting.app import PostmortemApp
    from pmtui.app.meeting.session import Session
    from pmtui.meeting.layouts import default_layout_name, load_layout

    rng = random.Random(seed)
    log = open(log_path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - open until the kill
    numbers = iter(range(sys.maxsize))

    class EditingApp(PostmortemApp):
        # Textual reads a relative CSS_PATH beside the module defining the class: point back at the app's.
        CSS_PATH = Path(inspect.getfile(PostmortemApp)).parent / PostmortemApp.CSS_PATH

        def on_mount(self) -> None:  # runs after PostmortemApp.on_mount (Textual calls both)
            log.write(f"{time.time():.6f} {READY} -\n")
            self.set_interval(EDIT_PACE, self.edit)

        def edit(self) -> None:
            kind = rng.choice(EDIT_KINDS)
            marker = f"crash-edit-{next(numbers)}"
            # In the kernel's page cache before the edit exists: a SIGKILL cannot lose this line.
            log.write(f"{time.time():.6f} {kind} {marker}\n")
            apply_edit(self.session, kind, marker, rng)

    loaded = storage.load(path)
    layout = load_layout(default_layout_name(loaded.document.incident.severity))
    EditingApp(Session(loaded), layout, bell=False).run(headless=True)


# ----------------------------------------------------------------------------------------- a round


@dataclass(frozen=True)
class LoggedEdit:
    at: float
    kind: str
    marker: str


@dataclass
class RoundResult:
    killed_after: float  # seconds after the app was ready
    edits: int  # edits logged before the kill
    verified: int  # of those, old enough that they had to be on disk
    on_disk: int  # of all logged edits, how many the file holds
    lag: float  # seconds: age at the kill of the oldest edit not on disk (0 when all are)
    stray_temp_files: int
    problems: list[str] = field(default_factory=list)


def read_log(log_path: Path) -> tuple[float | None, list[LoggedEdit]]:
    ready_at = None
    edits = []
    for line in log_path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) != 3:  # the line the kill cut short: its edit was never applied
            continue
        at, kind, marker = float(parts[0]), parts[1], parts[2]
        if kind == READY:
            ready_at = at
        else:
            edits.append(LoggedEdit(at, kind, marker))
    return ready_at, edits


def wait_until_ready(process: subprocess.Popen, log_path: Path) -> float | None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        if log_path.exists():
            ready_at, _ = read_log(log_path)
            if ready_at is not None:
                return ready_at
        time.sleep(0.02)
    return None


def crash_round(document: Path, folder: Path, seed: int, kill_window: tuple[float, float]) -> RoundResult:
    """One round: copy, drive, kill after a random time in `kill_window` (seconds after ready), check."""
    rng = random.Random(seed)
    path = folder / f"round-{seed}{document.suffix}"
    log_path = folder / f"round-{seed}.log"
    shutil.copyfile(document, path)
    log_path.unlink(missing_ok=True)
    process = subprocess.Popen(
        [sys.executable, __file__, "drive", str(path), str(log_path), str(seed)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        if wait_until_ready(process, log_path) is None:
            process.kill()
            _, error = process.communicate()
            message = error.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
            return RoundResult(0, 0, 0, 0, 0, 0, [f"the driver did not start: {message[0]}"])
        ready_at = time.time()
        time.sleep(rng.uniform(*kill_window))
        killed_at = time.time()
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
        process.stderr.close()  # type: ignore[union-attr]
    _, edits = read_log(log_path)
    stray = len(list(folder.glob(f".{path.name}.*.tmp")))
    try:
        saved = markers_in(storage.load(path).document)
    except storage.DocumentError as exc:
        return RoundResult(killed_at - ready_at, len(edits), 0, 0, 0, stray, [f"the file is unusable: {exc}"])
    due = [edit for edit in edits if edit.at <= killed_at - SAVED_WITHIN]
    lost = [edit for edit in due if edit.marker not in saved]
    unsaved = [edit for edit in edits if edit.marker not in saved]
    lag = killed_at - min(edit.at for edit in unsaved) if unsaved else 0.0
    problems = [f"lost {edit.kind} {edit.marker}, {killed_at - edit.at:.2f} s old at the kill" for edit in lost]
    return RoundResult(killed_at - ready_at, len(edits), len(due), len(edits) - len(unsaved), lag, stray, problems)


def run_rounds(rounds: int, document: Path, folder: Path, seed: int = 0,
               kill_window: tuple[float, float] = (0.2, 3.0),
               progress: Callable[[int, RoundResult], None] | None = None) -> list[RoundResult]:
    results = []
    for number in range(rounds):
        result = crash_round(document, folder, seed + number, kill_window)
        results.append(result)
        if progress is not None:
            progress(number, result)
        for leftover in folder.glob(f"*round-{seed + number}*"):
            leftover.unlink()
    return results


def summary(results: list[RoundResult]) -> str:
    failed = [result for result in results if result.problems]
    return (
        f"{len(results)} rounds, {len(failed)} failed; {sum(result.verified for result in results)} edits older "
        f"than {SAVED_WITHIN:g} s verified on disk ({sum(result.edits for result in results)} logged, "
        f"{sum(result.on_disk for result in results)} on disk); worst lag {max(result.lag for result in results):.2f} s; "
        f"{sum(result.stray_temp_files for result in results)} temp files left by kills mid-write"
    )


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "drive":
        drive(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(dt.datetime.now().timestamp()))
    parser.add_argument("--document", type=Path, default=None, help="default: the bundled sample")
    args = parser.parse_args()
    from pmtui.resources import default_sample

    document = args.document or default_sample()

    def progress(number: int, result: RoundResult) -> None:
        verdict = "; ".join(result.problems) or "ok"
        print(f"round {number + 1:3d}: killed {result.killed_after:.2f} s in, {result.verified:3d}/{result.edits:3d} "
              f"edits due, lag {result.lag:.2f} s: {verdict}", flush=True)

    print(f"seed {args.seed}, document {document}", flush=True)
    with tempfile.TemporaryDirectory(prefix="pmtui-crash-") as folder:
        results = run_rounds(args.rounds, document, Path(folder), args.seed, progress=progress)
    print(summary(results))
    return 1 if any(result.problems for result in results) else 0


if __name__ == "__main__":
    os.environ.pop("PMTUI_EXIT_AFTER_FIRST_FRAME", None)
    sys.exit(main())
