"""`pmtui meet` and `pmtui library`: load the document and the layout (one-line errors, exit 2),
then run the app; the library takes turns with the meetings started from it.

Bare `pmtui` opens the bundled sample. The installed package must never be written to, so the
sample is copied into the user's data folder first (`pmtui.user_folders`; kept and reopened on
later runs), or into a new private temporary folder where that is not writable.
"""

from __future__ import annotations

import argparse
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from pmtui.app.meeting.app import PostmortemApp

SAMPLE_COPY = "sample-incident.toml"


def working_copy_of_sample(folder: Path | None = None) -> tuple[Path, str]:
    """A writable copy of the bundled sample, and a line telling the user where it is.

    Created exclusively and never through a symbolic link: a link planted where the copy goes
    would otherwise make pmtui write the sample, and every later edit, wherever it points."""
    from pmtui.resources import default_sample
    from pmtui.user_folders import data_folder

    home = folder or data_folder()
    target = home / SAMPLE_COPY
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        return _create_copy(target, default_sample().read_bytes())
    except FileExistsError:
        if stat.S_ISREG(os.lstat(target).st_mode):
            return target, f"Sample incident: continuing your copy {target}"
        raise OSError(f"{target}: not a regular file (a link?); remove it to get a fresh copy of the sample") from None
    except OSError:
        fresh = Path(tempfile.mkdtemp(prefix="pmtui-")) / SAMPLE_COPY  # private (0700) and new: nothing planted
        return _create_copy(fresh, default_sample().read_bytes())


def _create_copy(target: Path, data: bytes) -> tuple[Path, str]:
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with open(descriptor, "wb") as handle:
        handle.write(data)
    return target, f"Sample incident copied to {target} (the bundled one stays untouched)"


class LaunchError(Exception):
    """The meeting cannot start; str() is one line for the user."""


def library_for(option: str | None, document: Path | None) -> Path | None:
    """The library the meeting looks for similar past incidents in.

    `--library DIR` when given (LaunchError when it is no folder); else the document's own folder
    when other postmortem files (.toml, .json) sit beside the document, so a lone file in a home
    folder never sets off a walk of everything under it; none for the bundled sample.
    """
    if option is not None:
        folder = Path(option)
        if not folder.is_dir():
            raise LaunchError(f"--library {option}: {'not a folder' if folder.exists() else 'no such folder'}")
        return folder
    if document is None:
        return None
    folder = document.parent
    try:
        neighbours = [entry for entry in folder.iterdir()
                      if entry.suffix.lower() in (".toml", ".json") and entry.name != document.name
                      and not entry.name.startswith(".")]
    except OSError:
        return None
    return folder if neighbours else None


def prepare_meeting(path: Path, *, layout_name: str | None = None, library: Path | None = None, bell: bool = True,
                    theme: str | None = None, notice: str | None = None) -> PostmortemApp:
    """The meeting app on `path`, ready to run; LaunchError (one line) when it cannot start."""
    from pmtui import storage
    from pmtui.meeting.layouts import LayoutError, default_layout_name, load_layout
    from pmtui.policy_file import find_policy_file

    try:
        loaded = storage.load(path)
    except storage.DocumentError as exc:
        hint = " (start one with `pmtui new FILE`)" if not path.exists() else ""
        raise LaunchError(f"{exc}{hint}") from None
    # The team's policy (.pmtui/policy.toml above the file) picks the layout and sets the thresholds F9
    # holds the document to, the ones `pmtui check` uses. Without one, the built-in policy's: its layouts
    # are `default_layout_name`, and the session loads its thresholds with the first review, after the
    # first frame (reading a policy loads the review rules).
    severity = loaded.document.incident.severity
    config = None
    try:
        if find_policy_file(path) is None:
            layout = load_layout(layout_name or default_layout_name(severity))
        else:
            from pmtui.policy import PolicyError, load_policy
            from pmtui.review.findings import review_config

            try:
                policy, _ = load_policy(path)
            except PolicyError as exc:
                raise LaunchError(str(exc)) from None
            layout = load_layout(layout_name or policy.layout_for(severity))
            config = review_config(policy)
    except LayoutError as exc:
        raise LaunchError(str(exc)) from None

    from pmtui.app.meeting.app import PostmortemApp
    from pmtui.app.meeting.session import Session

    session = Session(loaded, review_config=config)
    app = PostmortemApp(session, layout, bell=bell, notice=notice, theme=theme, library=library)
    check_theme(app, theme)
    return app


def check_theme(app: App, theme: str | None) -> None:
    if theme and theme not in app.available_themes:
        raise LaunchError(f'unknown theme "{theme}" (for example: {", ".join(sorted(app.available_themes)[:6])}, '
                          "pmtui-high-contrast)")


def launch_meeting(args: argparse.Namespace) -> int:
    from pmtui.exits import EXIT_BAD_INPUT, EXIT_OK, error

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
        library = library_for(getattr(args, "library", None), None if args.file is None else path)
        app = prepare_meeting(path, layout_name=args.layout, library=library, bell=not args.no_bell,
                              theme=getattr(args, "theme", None), notice=notice)
    except LaunchError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    app.run()
    return app.return_code or EXIT_OK


def launch_library(args: argparse.Namespace) -> int:
    """`pmtui library DIR`: the library; Enter runs a meeting on a postmortem, quitting it comes back.

    Two apps taking turns rather than one: the meeting app owns one document from start to end
    (its session, agenda and autosave), and the library keeps its view (tab, sort, filter, row)
    in a `LibraryState` across the turns. A meeting that ends with edits it could not save stops
    here, so its message saying where the edits went stays on the terminal.
    """
    from pmtui.app.library.app import LibraryApp
    from pmtui.app.library.screen import LibraryState
    from pmtui.exits import EXIT_BAD_INPUT, EXIT_OK, error

    folder = Path(args.folder)
    state = LibraryState()
    theme: str | None = getattr(args, "theme", None)
    notice = None
    while True:
        library_app = LibraryApp(folder, state=state, theme=theme, notice=notice)
        try:
            check_theme(library_app, theme)
        except LaunchError as exc:
            error(str(exc))
            return EXIT_BAD_INPUT
        chosen = library_app.run()
        theme = library_app.theme
        if chosen is None:
            return library_app.return_code or EXIT_OK
        try:
            meeting = prepare_meeting(chosen, library=folder, bell=not args.no_bell, theme=theme)
        except LaunchError as exc:
            notice = str(exc)
            continue
        meeting.run()
        theme, notice = meeting.theme, None
        if meeting.session.dirty:
            return meeting.return_code or EXIT_BAD_INPUT
