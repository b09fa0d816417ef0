"""Only `pmtui.app` may import Textual: headless commands must start fast and run without a terminal."""

from __future__ import annotations

import subprocess
import sys

from document_factory import SAMPLES

IMPORT_EVERYTHING_BUT_THE_APP = """
import importlib, pkgutil, sys
import pmtui

names = [
    module.name for module in pkgutil.walk_packages(pmtui.__path__, "pmtui.")
    # pmtui.__main__ runs the command when imported.
    if not module.name.startswith("pmtui.app") and module.name != "pmtui.__main__"
]
for name in names:
    importlib.import_module(name)
print(len(names))
print(sorted(name for name in sys.modules if name == "textual" or name.startswith("textual.")))
"""

RUN_HEADLESS_COMMANDS = f"""
import contextlib, io, sys
from pmtui.cli import main

with contextlib.redirect_stdout(io.StringIO()):
    main(["check", {str(SAMPLES)!r}])
    main(["export", {str(SAMPLES / "db-pool-exhaustion.toml")!r}])
print(sorted(name for name in sys.modules if name == "textual" or name.startswith("textual.")))
"""


def run_fresh(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_no_module_outside_the_app_imports_textual() -> None:
    count, textual_modules = run_fresh(IMPORT_EVERYTHING_BUT_THE_APP)
    assert int(count) >= 10  # the walk really found the package
    assert textual_modules == "[]"


def test_check_and_export_do_not_import_textual() -> None:
    assert run_fresh(RUN_HEADLESS_COMMANDS) == ["[]"]
