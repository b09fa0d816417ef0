"""A plain `pip install .` must carry everything pmtui reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_wheel_carries_layouts_samples_styles_and_schema(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("pmtui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"pmtui/_bundled/layouts/{path.name}" for path in (REPO / "layouts").glob("*.toml")}
    expected |= {f"pmtui/_bundled/sample_incidents/{path.name}" for path in (REPO / "sample_incidents").iterdir()}
    expected |= {"pmtui/app/common/app.tcss", "pmtui/app/watch/watch.tcss", "pmtui/export/postmortem.schema.json",
                 "pmtui/review/blame_weights.json", "pmtui/library/theme_weights.json"}
    assert expected <= names
    assert not any(".pmtui-index" in name or name.endswith(".keep") for name in names)
