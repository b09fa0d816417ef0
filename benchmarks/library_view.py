"""How long `pmtui library` takes to show a generated library, warm, and what a keystroke costs.

    python benchmarks/library_view.py [--sizes 1000 10000] [--repeat 3]

The app runs headless (Textual's test driver). The open time runs from the start of the read in
the worker to the table, the patterns and the follow-up all being ready (the index warmed
first: the figure of every start after the first). Keystrokes: CPU time of typing one filter
character and of one re-sort, each including the table's redraw.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_library  # noqa: E402  (a sibling script, not a package)

from pmtui.app.library.app import LibraryApp  # noqa: E402
from pmtui.library.index import open_library  # noqa: E402


async def measure_once(folder: Path) -> tuple[float, float, float]:
    """(seconds to the table and charts, CPU per filter keystroke, CPU per sort)."""
    app = LibraryApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        opened = app.screen.reports.seconds  # type: ignore[attr-defined]
        await pilot.press("slash")
        before = time.process_time()
        for char in "deploy":
            await pilot.press(char)
        typing = (time.process_time() - before) / len("deploy")
        await pilot.press("escape", "escape")
        before = time.process_time()
        for column in "1234567":
            await pilot.press(column)
        sorting = (time.process_time() - before) / 7
    return opened, typing, sorting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'documents':>10} {'to table+charts (warm)':>24} {'filter key (cpu)':>17} {'sort key (cpu)':>15}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary) / "library"
            generate_library(folder, size)
            with open_library(folder):  # warm the index
                pass
            runs = [asyncio.run(measure_once(folder)) for _ in range(args.repeat)]
            opened, typing, sorting = (statistics.median(run[index] for run in runs) for index in range(3))
            print(f"{size:>10} {opened:>22.2f} s {typing * 1000:>14.1f} ms {sorting * 1000:>12.1f} ms")


if __name__ == "__main__":
    main()
