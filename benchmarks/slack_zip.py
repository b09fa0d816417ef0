"""How long `pmtui import --from slack` takes to read one channel out of a big workspace export,
from the .zip and from the folder it unpacks to.

    python benchmarks/slack_zip.py                        # 1000 channels x 20 days
    python benchmarks/slack_zip.py --channels 200 --days 5

The export is generated (deterministic) in a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmtui.importers import read_events  # noqa: E402

START = 1_772_700_000  # 2026-03-05, seconds since the epoch


def write_export(folder: Path, channels: int, days: int) -> None:
    (folder / "users.json").write_text(json.dumps([{"id": "U1", "name": "ana", "real_name": "Ana"}]))
    (folder / "channels.json").write_text(json.dumps([{"id": f"C{n}", "name": f"chan-{n:04d}"} for n in range(channels)]))
    for channel in range(channels):
        (folder / f"chan-{channel:04d}").mkdir()
        for day in range(days):
            stamp = START + day * 86_400
            messages = [{"type": "message", "user": "U1", "text": f"message {n}", "ts": f"{stamp + n * 60}.000100"}
                        for n in range(3)]
            name = time.strftime("%Y-%m-%d", time.gmtime(stamp)) + ".json"
            (folder / f"chan-{channel:04d}" / name).write_text(json.dumps(messages))


def zip_folder(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                bundle.write(path, path.relative_to(folder).as_posix())


def timed(source: Path, channel: str) -> tuple[float, int]:
    started = time.perf_counter()
    events = read_events("slack", source, channel=channel)
    return time.perf_counter() - started, len(events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--days", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "export"
        folder.mkdir()
        write_export(folder, args.channels, args.days)
        bundle = Path(temp) / "export.zip"
        zip_folder(folder, bundle)
        channel = f"chan-{args.channels // 2:04d}"
        for label, source in (("zip", bundle), ("folder", folder)):
            seconds, count = timed(source, channel)
            print(f"{label:>6}: {args.channels} channels x {args.days} days, one channel read "
                  f"({count} events) in {seconds:.2f} s")


if __name__ == "__main__":
    main()
