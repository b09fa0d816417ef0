"""`pmtui meet`: load the document and the layout (one-line errors, exit 2), then run the app.

Bare `pmtui` opens the bundled sample. The installed package must never be written to, so the
sample is copied to `./pmtui-sample.toml` first (kept and reopened on later runs), or to the
temporary folder where the current one is not writable.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

SAMPLE_COPY = "pmtui-sample.toml"


def working_copy_of_sample(folder: Path | None = None) -> tuple[Path, str]:
    """A writable copy of the bundled sample, and a line telling the user where it is."""
    from pmtui.resources import default_sample

    for candidate_folder in (folder or Path.cwd(), Path(tempfile.gettempdir())):
        target = candidate_folder / SAMPLE_COPY
        if target.exists():
            return target, f"Sample incident: continuing your copy {target}"
        try:
            shutil.copyfile(default_sample(), target)
        except OSError:
            continue
        return target, f"Sample incident copied to {target} (the bundled one stays untouched)"
    raise OSError(f"cannot copy the sample incident to {folder or Path.cwd()} or {tempfile.gettempdir()}")


def launch_meeting(args: argparse.Namespace) -> int:
    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, EXIT_OK, error
    from pmtui.meeting.layouts import LayoutError, default_layout_name, load_layout

    notice = None
    if args.file is None:
        try:
            path, notice = working_copy_of_sample()
        except OSError as exc:
            error(str(exc))
            return EXIT_BAD_INPUT
    else:
        path = Path(args.file)
    try:
        loaded = storage.load(path)
    except storage.DocumentError as exc:
        hint = " (start one with `pmtui new FILE`)" if not path.exists() else ""
        error(f"{exc}{hint}")
        return EXIT_BAD_INPUT
    try:
        layout = load_layout(args.layout or default_layout_name(loaded.document.incident.severity))
    except LayoutError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT

    from pmtui.app.app import PostmortemApp
    from pmtui.app.session import Session

    theme = getattr(args, "theme", None)
    app = PostmortemApp(Session(loaded), layout, bell=not args.no_bell, notice=notice, theme=theme)
    if theme and theme not in app.available_themes:
        error(f'unknown theme "{theme}" (for example: {", ".join(sorted(app.available_themes)[:6])}, pmtui-high-contrast)')
        return EXIT_BAD_INPUT
    app.run()
    return app.return_code or EXIT_OK
