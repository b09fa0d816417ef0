"""pmtui's performance figures against their targets, all measured in one run on this machine.

    .venv/bin/python benchmarks/run.py             # everything, 7 runs per timing
    .venv/bin/python benchmarks/run.py --runs 3 --only startup,storage

Sections (`--only` takes their names):
  startup    pmtui opening a sample to its first frame vs a bare Textual app (benchmarks/bare_app.py),
             both started the same way: in a pseudo-terminal of 80x24, exiting right after the first
             refresh. Wall time and peak RSS, median of the runs. Also pmtui opening the big document.
  keys       CPU time (time.process_time) per action, driven by Pilot: press the keys, let the app
             settle, median of --presses. Pilot's own cost per key (a key nothing is bound to) is
             measured in each app and subtracted, so the figures are what the app spends. Each edit on
             a 10-event document, its review pass and its autosave included, is compared with the same
             form round trip in a bare Textual app (benchmarks/bare_form.py), and a phase switch with
             a bare ContentSwitcher switch, driven the same way in the same run. The big document's
             figures (saving held off) are compared with the 10-event document's.
  autosave   the longest event-loop stall during a burst of edits on the big document with autosave
             on, seen by a 1 ms heartbeat timer.
  storage    save (dumps + atomic write) and load of the big document in TOML and JSON, median ms.
  memory     peak memory of loading the big document: a fresh process's peak RSS, and the Python
             allocations tracemalloc sees during the load.

The big document is benchmarks/bigdoc.py's: 10,000 timeline events, 500 whys, 300 action items.
Figures are noisy on a shared machine: compare ratios, and rerun before drawing conclusions.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigdoc import make_document, make_small_document  # noqa: E402

from pmtui import storage  # noqa: E402
from pmtui.document.model import Document  # noqa: E402
from pmtui.resources import default_sample  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parent
TERMINAL_SIZE = (80, 24)
START_TIMEOUT = 30.0  # seconds before a start-up run counts as hung
# The app exits right after its first rendered frame when this is set (see PostmortemApp.on_mount).
EXIT_AFTER_FIRST_FRAME = "PMTUI_EXIT_AFTER_FIRST_FRAME"
SECTIONS = ("startup", "keys", "autosave", "storage", "memory")


@dataclass
class Figure:
    name: str
    value: float | None  # None: not measured (see `note`)
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""

    def row(self) -> list[str]:
        shown = "not measured" if self.value is None else f"{self.value:,.1f} {self.unit}"
        verdict = {True: "met", False: "MISSED", None: ""}[self.met]
        return [self.name, shown, self.target, verdict, self.note]


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def print_table(figures: list[Figure]) -> None:
    header = ["figure", "measured", "target", "", "note"]
    rows = [header] + [figure.row() for figure in figures]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


# ------------------------------------------------------------------------------------------- startup


@dataclass(frozen=True)
class StartRun:
    wall_ms: float
    peak_rss_mb: float
    cpu_ms: float  # user + system: steadier than wall time on a shared machine


# Starts the program and reports its wall time and peak RSS. A small process of its own in between
# because Linux carries a process's peak RSS across exec: a program forked straight from this
# benchmark (holding the big document) would report our size instead of its own.
LAUNCHER = """
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(argv[0], argv)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as out:
    out.write(f"{time.perf_counter() - started} {usage.ru_maxrss} {status} {usage.ru_utime + usage.ru_stime}")
"""


def start_in_terminal(argv: list[str], env: dict[str, str], report: Path) -> StartRun | None:
    """Run `argv` in a fresh pseudo-terminal until it exits; None when it did not exit in time."""
    report.unlink(missing_ok=True)
    pid, terminal = pty.fork()
    if pid == 0:  # the child: size the terminal, become the launcher
        columns, lines = TERMINAL_SIZE
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        os.execve(sys.executable, [sys.executable, "-S", "-c", LAUNCHER, str(report), *argv], env)
    deadline = time.perf_counter() + START_TIMEOUT
    while True:  # drain the output, as a terminal would, until the program closes it
        ready, _, _ = select.select([terminal], [], [], max(0.0, deadline - time.perf_counter()))
        if not ready:
            os.killpg(os.getpgid(pid), 9)
            os.waitpid(pid, 0)
            os.close(terminal)
            return None
        try:
            if not os.read(terminal, 65536):
                break
        except OSError:  # EIO: the program closed the terminal
            break
    os.waitpid(pid, 0)
    os.close(terminal)
    wall, peak_kib, status, cpu = report.read_text().split()
    return StartRun(float(wall) * 1000, int(peak_kib) / 1024, float(cpu) * 1000) if status == "0" else None


def pmtui_command() -> list[str]:
    script = Path(sys.executable).with_name("pmtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmtui"]


def startup_figures(runs: int, big_path: Path, workdir: Path) -> list[Figure]:
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", **{EXIT_AFTER_FIRST_FRAME: "1"})
    sample = workdir / "sample.toml"

    def fresh_sample() -> None:  # the app records the meeting in the file: start each run from the same one
        shutil.copyfile(default_sample(), sample)

    big_copy = workdir / "big-start.toml"
    programs = {
        "bare": ([sys.executable, str(BENCHMARKS / "bare_app.py")], lambda: None),
        "app": ([*pmtui_command(), "meet", str(sample), "--no-bell"], fresh_sample),
        "big": ([*pmtui_command(), "meet", str(big_copy), "--no-bell"], lambda: shutil.copyfile(big_path, big_copy)),
    }
    # Interleaved (bare, app, big, bare, app, big, ...): a shared machine's load drifts, and runs
    # taken side by side see the same drift, so the ratios hold even when the milliseconds do not.
    results: dict[str, list[StartRun] | None] = {name: [] for name in programs}
    for _ in range(runs):
        for name, (argv, setup) in programs.items():
            taken = results[name]
            if taken is None:  # failed once: not run again
                continue
            setup()
            result = start_in_terminal(argv, env, workdir / "start-report.txt")
            if result is None:
                results[name] = None
            else:
                taken.append(result)
    bare, app, big = results["bare"], results["app"], results["big"]
    hung = f"failed or did not exit within {START_TIMEOUT:g} s: the app must honour {EXIT_AFTER_FIRST_FRAME}=1"
    if bare is None:
        return [Figure("start-up: bare Textual app", None, "ms", note="the bare app did not exit")]
    bare_wall = statistics.median(run.wall_ms for run in bare)
    bare_rss = statistics.median(run.peak_rss_mb for run in bare)
    figures = [
        Figure("start-up: bare Textual app, wall", bare_wall, "ms",
               note=f"CPU {statistics.median(run.cpu_ms for run in bare):,.0f} ms"),
        Figure("start-up: bare Textual app, peak RSS", bare_rss, "MB"),
    ]
    def ratio(runs_of: list[StartRun], value: Callable[[StartRun], float]) -> float:
        """The median of the per-round ratios to the bare app (each round's runs were side by side)."""
        return statistics.median(value(run) / value(floor) for run, floor in zip(runs_of, bare))

    if app is None:
        figures.append(Figure("start-up: pmtui sample, wall", None, "ms", "<= 1.3x bare", note=hung))
    else:
        wall_ratio = ratio(app, lambda run: run.wall_ms)
        rss_ratio = ratio(app, lambda run: run.peak_rss_mb)
        figures += [
            Figure("start-up: pmtui sample, wall", statistics.median(run.wall_ms for run in app), "ms",
                   "<= 1.3x bare", wall_ratio <= 1.3,
                   f"{wall_ratio:.2f}x bare; CPU {statistics.median(run.cpu_ms for run in app):,.0f} ms, "
                   f"{ratio(app, lambda run: run.cpu_ms):.2f}x bare"),
            Figure("start-up: pmtui sample, peak RSS", statistics.median(run.peak_rss_mb for run in app), "MB",
                   "<= 1.5x bare", rss_ratio <= 1.5, f"{rss_ratio:.2f}x bare"),
        ]
    if big is None:
        figures.append(Figure("open big document, wall", None, "ms", "< 1000 ms", note=hung))
    else:
        wall = statistics.median(run.wall_ms for run in big)
        note = f"{ratio(big, lambda run: run.wall_ms):.2f}x bare (process start included)"
        if app is not None:
            note += f"; {wall - statistics.median(run.wall_ms for run in app):,.0f} ms more than the sample"
        figures += [
            Figure("open big document, wall", wall, "ms", "< 1000 ms", wall < 1000, note),
            Figure("open big document, peak RSS", statistics.median(run.peak_rss_mb for run in big), "MB"),
        ]
    return figures


# ------------------------------------------------------------------------------- app: keys, autosave


@dataclass(frozen=True)
class Action:
    name: str
    panel: str  # shown before the action (the room is looking at it)
    keys: tuple[str, ...]
    edits: bool  # an edit also triggers the review pass and the autosave a moment later: part of its cost
    undo: tuple[str, ...] = ()  # keys pressed after the measurement to put things back (not measured)


ACTIONS = (
    Action("cursor move", "timeline", ("down",), edits=False),
    Action("add event", "timeline", ("a", "tab", "x", "enter"), edits=True),
    Action("edit event", "timeline", ("e", "tab", "end", "x", "enter"), edits=True),
    Action("add why", "whys", ("a", "x", "enter"), edits=True),
    Action("add action item", "actions", ("a", "x", "enter"), edits=True),
    Action("edit action item", "actions", ("e", "end", "x", "enter"), edits=True),
    Action("add finding", "findings", ("a", "x", "enter"), edits=True),
    Action("park a question", "timeline", ("f8", "x", "enter"), edits=True),
    Action("switch phase", "summary", ("f4",), edits=False, undo=("f3",)),
)
# Pilot's own cost of delivering one key and waiting for every widget to settle (it visits each
# widget on screen): a key nothing is bound to. Subtracted from each action's figure per key, so a
# figure is what the app spends, not the test driver.
NO_OP = Action("no-op key (Pilot's floor)", "timeline", ("f24",), edits=False)
# The floor an action is compared with: the same round trip in a bare Textual app (benchmarks/bare_form.py).
BARE_ROUND_TRIP = Action("bare Textual form round trip", "", ("a", "tab", "x", "enter"), edits=True)
BARE_SWITCH = Action("bare ContentSwitcher switch", "", ("f4",), edits=False, undo=("f4",))
BARE_FLOOR = {action.name: BARE_ROUND_TRIP for action in ACTIONS if action.edits} | {"switch phase": BARE_SWITCH}
BARE_LIMIT = {BARE_ROUND_TRIP.name: 3.0, BARE_SWITCH.name: 2.0}  # at most this many times the bare figure
CURSOR_TARGET_MS = 8.0
GROWTH_LIMIT = 2.0  # big-document cost at most this many times the small one's


def _app_for(path: Path) -> Any:
    from pmtui.app.meeting.app import PostmortemApp
    from pmtui.app.meeting.session import Session
    from pmtui.meeting.layouts import default_layout_name, load_layout

    loaded = storage.load(path)
    return PostmortemApp(Session(loaded), load_layout(default_layout_name(loaded.document.incident.severity)),
                         bell=False)


def _review_delay() -> float:
    from pmtui.app.meeting.screen import REVIEW_DELAY

    return REVIEW_DELAY + 0.05


async def _median_costs(pilot: Any, actions: tuple[Action, ...], repeats: int,
                        show: Callable[[str], None], settle: Callable[[Action], Any]) -> dict[str, float]:
    """Median CPU ms of each action: show its panel, wait for quiet, press its keys, `settle`."""
    costs: dict[str, list[float]] = {action.name: [] for action in actions}
    for action in actions:
        for _ in range(repeats):
            show(action.panel)
            await pilot.pause(_review_delay())
            started = time.process_time()
            for key in action.keys:
                await pilot.press(key)
            await settle(action)
            costs[action.name].append((time.process_time() - started) * 1000)
            for key in action.undo:
                await pilot.press(key)
    return {name: statistics.median(values) for name, values in costs.items()}


async def _action_costs(path: Path, repeats: int, autosave: bool) -> dict[str, float]:
    """Median CPU ms of each pmtui action. With `autosave` an edit's figure runs until its save is
    written; without, saving is held off (the document-growth figures compare the edits alone)."""
    app = _app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        if not autosave:
            app.autosave.schedule = lambda *args, **kwargs: None
        await pilot.pause(_review_delay())

        async def settle(action: Action) -> None:
            if not action.edits:
                await pilot.pause(0)
                return
            await pilot.pause(_review_delay())
            while autosave and (app.session.dirty or app.autosave.saving):
                await pilot.pause(0.02)

        return await _median_costs(pilot, (NO_OP, *ACTIONS), repeats, app.meeting.show_panel, settle)


async def _bare_costs(repeats: int) -> dict[str, float]:
    from bare_form import BareFormApp

    app = BareFormApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(_review_delay())

        async def settle(action: Action) -> None:
            await pilot.pause(0)

        return await _median_costs(pilot, (NO_OP, BARE_ROUND_TRIP, BARE_SWITCH), repeats, lambda panel: None, settle)


def key_figures(presses: int, big_path: Path, small_path: Path) -> list[Figure]:
    bare = asyncio.run(_bare_costs(presses))
    saved_small = asyncio.run(_action_costs(small_path, presses, autosave=True))
    raw_small = asyncio.run(_action_costs(small_path, presses, autosave=False))
    raw_big = asyncio.run(_action_costs(big_path, presses, autosave=False))

    def net(raw: dict[str, float], action: Action) -> float:
        """The action's cost less Pilot's floor for each of its keys, in the same app and run."""
        return max(raw[action.name] - raw[NO_OP.name] * len(action.keys), 0.0)

    figures = [Figure(f"keys: {NO_OP.name}, small doc", raw_small[NO_OP.name], "ms CPU",
                      note=f"{raw_big[NO_OP.name]:.1f} ms on the big doc, {bare[NO_OP.name]:.1f} ms in the bare "
                           "app; subtracted per key below")]
    for floor in (BARE_ROUND_TRIP, BARE_SWITCH):
        figures.append(Figure(f"keys: {floor.name}", net(bare, floor), "ms CPU",
                              note=f"{bare[floor.name]:.1f} ms with Pilot's floor"))
    for action in ACTIONS:
        small, big = net(raw_small, action), net(raw_big, action)
        growth = big / small if small else float("inf")
        if action.name in BARE_FLOOR:
            floor = BARE_FLOOR[action.name]
            limit = BARE_LIMIT[floor.name]
            measured = net(saved_small, action) if action.edits else small
            ratio = measured / net(bare, floor) if net(bare, floor) else float("inf")
            what = "review and autosave included" if action.edits else "the agenda's move included"
            figures.append(Figure(f"keys: {action.name}, small doc", measured, "ms CPU",
                                  f"<= {limit:g}x {floor.name.split(' ', 1)[1]}", ratio <= limit,
                                  f"{ratio:.2f}x bare; {what}"))
        target = f"<= {GROWTH_LIMIT:g}x small"
        met = growth <= GROWTH_LIMIT
        if action.name == "cursor move":
            target += f", < {CURSOR_TARGET_MS:g} ms"
            met = met and big < CURSOR_TARGET_MS
        figures.append(Figure(f"keys: {action.name}, big doc", big, "ms CPU", target, met,
                              f"{growth:.2f}x small without saving ({small:.1f} ms; {len(action.keys)} keys)"))
    return figures


async def _longest_stalls(path: Path, edits: int) -> tuple[float, float]:
    """Longest gap between 1 ms heartbeats (beyond the 1 ms itself): during a burst of edits, and
    from the end of the burst until every autosave it caused has been written."""
    app = _app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        loop = asyncio.get_running_loop()
        beats: list[float] = []
        app.set_interval(0.001, lambda: beats.append(loop.time()))
        app.meeting.show_panel("timeline")
        await pilot.pause(0.2)
        burst_start = len(beats)
        for number in range(edits):
            for key in ("a", "tab", *str(number % 10), "enter"):
                await pilot.press(key)
        burst_end = len(beats)
        deadline = loop.time() + 30
        while (app.session.dirty or app.autosave.saving) and loop.time() < deadline:
            await pilot.pause(0.05)
        await pilot.pause(0.1)

    def longest(start: int, end: int) -> float:
        gaps = [later - earlier for earlier, later in zip(beats[start:end], beats[start + 1:end])]
        return max(max(gaps, default=0.0) * 1000 - 1, 0.0)

    return longest(burst_start, burst_end), longest(burst_end, len(beats))


def autosave_figures(big_path: Path, workdir: Path) -> list[Figure]:
    copy = workdir / "big-autosave.toml"
    shutil.copyfile(big_path, copy)
    during, after = asyncio.run(_longest_stalls(copy, edits=10))
    return [
        Figure("longest loop stall, burst of 10 edits", during, "ms", note="includes handling the keys"),
        Figure("longest loop stall, autosave after it", after, "ms", "<= 10 ms", after <= 10,
               "big document, saved in a worker thread"),
    ]


# ------------------------------------------------------------------------------------ storage, memory


def storage_figures(runs: int, document: Document, workdir: Path) -> list[Figure]:
    figures = []
    for fmt in ("toml", "json"):
        path = workdir / f"saved-big.{fmt}"
        loaded = storage.save_new(document, path)

        def save() -> float:
            started = time.perf_counter()
            storage.save(loaded)
            return (time.perf_counter() - started) * 1000

        def load() -> float:
            started = time.perf_counter()
            storage.load(path)
            return (time.perf_counter() - started) * 1000

        size = path.stat().st_size / 1e6
        figures += [
            Figure(f"save big document, {fmt.upper()}", median_of(runs, save), "ms", note=f"{size:.1f} MB file"),
            Figure(f"load big document, {fmt.upper()}", median_of(runs, load), "ms"),
        ]
    return figures


PEAK_RSS_OF_LOAD = """
import sys
from pmtui import storage
if sys.argv[1] != "-":
    storage.load(sys.argv[1])
# VmHWM is this process's own peak (ru_maxrss would include the parent's size from before exec).
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


def _peak_rss_mb(path: str) -> float:
    output = subprocess.run([sys.executable, "-c", PEAK_RSS_OF_LOAD, path], capture_output=True, text=True,
                            check=True).stdout
    return int(output) / 1024


def memory_figures(workdir: Path, document: Document) -> list[Figure]:
    path = workdir / "big-memory.toml"
    storage.save_new(document, path)
    baseline = _peak_rss_mb("-")
    loaded_peak = _peak_rss_mb(str(path))
    tracemalloc.start()
    storage.load(path)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return [
        Figure("peak RSS: process that loads big doc", loaded_peak, "MB", note=f"{baseline:.1f} MB without loading"),
        Figure("peak Python allocations of the load", traced_peak / 1e6, "MB", note="tracemalloc"),
    ]


# --------------------------------------------------------------------------------------------- main


@contextmanager
def working_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="pmtui-bench-") as folder:
        yield Path(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per timing; the median is shown (default 7)")
    parser.add_argument("--presses", type=int, default=15, help="presses per action in `keys`; the median is shown")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {', '.join(SECTIONS)}")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)} (choose from {', '.join(SECTIONS)})")

    big = make_document()
    figures: list[Figure] = []
    with working_folder() as workdir:
        big_path = workdir / "big.toml"
        storage.save_new(big, big_path)
        small_path = workdir / "small.toml"
        storage.save_new(make_small_document(), small_path)
        app_sections = {"keys", "autosave"} & set(chosen)
        app_missing = app_sections and not (BENCHMARKS.parent / "pmtui" / "app" / "meeting" / "app.py").exists()
        for section in chosen:
            print(f"measuring {section}…", file=sys.stderr, flush=True)
            if section in app_sections and app_missing:
                figures.append(Figure(f"{section}: needs the meeting app", None, "", note="not measured yet"))
            elif section == "startup":
                figures += startup_figures(args.runs, big_path, workdir)
            elif section == "keys":
                figures += key_figures(args.presses, big_path, small_path)
            elif section == "autosave":
                figures += autosave_figures(big_path, workdir)
            elif section == "storage":
                figures += storage_figures(args.runs, big, workdir)
            elif section == "memory":
                figures += memory_figures(workdir, big)
    print(f"pmtui benchmarks: {len(big.timeline):,} events, {len(big.whys)} whys, {len(big.action_items)} action "
          f"items; median of {args.runs} runs; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    print_table(figures)


if __name__ == "__main__":
    main()
