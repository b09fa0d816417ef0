"""How long `pmtui patterns`, `actions` and `search` take on generated libraries, cold and warm.

    python benchmarks/library.py [--sizes 1000 10000] [--repeat 3] [--keep DIR]

Each figure is the whole command as a user runs it (a fresh `pmtui` process: start-up, imports,
index refresh, report), output thrown away: wall time, and CPU time (user + system, worker
processes included), which stays honest on a machine busy with other work. Cold: the index deleted first, so
every file is parsed. Warm: the index up to date, the median of --repeat runs. Targets (issue 5):
1,000 documents cold under 3 s and warm under 0.3 s; 10,000 cold under 10 s and warm under 0.5 s.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_library  # noqa: E402  (a sibling script, not a package)

COMMANDS = {
    "patterns": ["patterns"],
    "actions": ["actions"],
    "search": ["search", "{folder}", "connection pool"],
}
TARGETS = {1000: (3.0, 0.3), 10000: (10.0, 0.5)}  # size -> (cold, warm) seconds


def pmtui_command() -> list[str]:
    script = Path(sys.executable).parent / "pmtui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmtui"]


def run_once(arguments: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def arguments_for(name: str, folder: Path) -> list[str]:
    template = COMMANDS[name]
    if "{folder}" in template:
        return [*pmtui_command(), *(part.replace("{folder}", str(folder)) for part in template)]
    return [*pmtui_command(), *template, str(folder)]


def measure(folder: Path, repeat: int) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
    """command -> ((cold wall, cold cpu), (warm wall, warm cpu))."""
    figures = {}
    for name in COMMANDS:
        shutil.rmtree(folder / ".pmtui-index", ignore_errors=True)
        cold = run_once(arguments_for(name, folder))
        warm_runs = [run_once(arguments_for(name, folder)) for _ in range(repeat)]
        warm = (statistics.median(run[0] for run in warm_runs), statistics.median(run[1] for run in warm_runs))
        figures[name] = (cold, warm)
    return figures


def cell(figure: tuple[float, float], target: float | None) -> str:
    wall, cpu = figure
    mark = "" if target is None else (" ok" if wall < target else " SLOW") + f" (<{target:g})"
    return f"{wall:5.2f} s / {cpu:5.2f} s{mark}".ljust(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per figure (median)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="generate the libraries under DIR and reuse them on the next run")
    args = parser.parse_args()
    print(f"{'size':>6}  {'command':<9} {'cold: wall / cpu':<30} {'warm: wall / cpu':<30}")
    with tempfile.TemporaryDirectory(prefix="pmtui-library-") as temp:
        for size in args.sizes:
            folder = (args.keep or Path(temp)) / str(size)
            marker = folder / ".generated"  # hidden: the library walk skips it
            if not marker.exists():
                started = time.perf_counter()
                generate_library(folder, size)
                marker.write_text(f"{size}\n")
                print(f"  (generated {size} postmortems in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
            cold_target, warm_target = TARGETS.get(size, (None, None))
            for name, (cold, warm) in measure(folder, args.repeat).items():
                print(f"{size:>6}  {name:<9} {cell(cold, cold_target)} {cell(warm, warm_target)}")


if __name__ == "__main__":
    main()
