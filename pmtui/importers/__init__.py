"""Timeline import: what an incident left behind (CSV, Slack, PagerDuty, JSON lines, git) as timeline events.

One module per source turns its bytes into `TimelineEvent`s and reports bad input as a one-line
`SourceError` naming the file and the line, row or message. `merge.py` then places the events into
a document (time zone, window, duplicates, milestones). Nothing here touches a document's file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmtui.document.model import TimelineEvent
    from pmtui.importers.merge import Window

# Kept free of heavy imports: the command line reads KINDS while it builds its parser.
KINDS = ("csv", "slack", "pagerduty", "jsonl", "git")


class SourceError(Exception):
    """Input an importer cannot use; str() is one line naming the file and where in it."""


class ChannelNeeded(SourceError):
    """A Slack export of several channels: which one? `channels` lists them, for a dialog to offer."""

    def __init__(self, message: str, channels: list[str]) -> None:
        super().__init__(message)
        self.channels = channels


@dataclass
class Imported:
    """What a source holds: its events in source order, and one-line notes the user should read
    (such as a PagerDuty log that is only one page of a longer one)."""

    events: list[TimelineEvent]
    notes: list[str] = field(default_factory=list)


def read_source(
    kind: str, source: str | Path, *, channel: str | None = None, skip_routine: bool = False,
    ref: str | None = None, paths: Sequence[str] = (), window: Window | None = None,
) -> Imported:
    """The events in `source` (a file, for Slack an export folder or .zip, for git a repository)
    with any notes.

    `channel` picks a Slack channel; `skip_routine` leaves out PagerDuty's notifications and
    urgency changes; `ref` and `paths` narrow what git reads, and `window` only narrows what git
    reads (the merge applies it to every kind)."""
    source = Path(source)
    if channel is not None and kind != "slack":
        raise SourceError(f"--channel only applies to Slack exports, not to --from {kind}")
    if skip_routine and kind != "pagerduty":
        raise SourceError(f"--skip-routine only applies to PagerDuty logs, not to --from {kind}")
    if (ref is not None or paths) and kind != "git":
        raise SourceError(f"--ref and --paths only apply to --from git, not to --from {kind}")
    if kind == "git":
        from pmtui.importers.git_log import read_git_events

        return Imported(read_git_events(source, ref=ref, paths=paths, since=window.since if window else None,
                                        until=window.until if window else None))
    if kind == "slack":
        from pmtui.importers.slack import read_slack_export

        return Imported(read_slack_export(source, channel=channel))
    data = read_file(source)
    if kind == "csv":
        from pmtui.importers.csv_log import parse_csv

        return Imported(parse_csv(data, str(source)))
    if kind == "pagerduty":
        from pmtui.importers.pagerduty import parse_log_entries

        return parse_log_entries(data, str(source), skip_routine=skip_routine)
    if kind == "jsonl":
        from pmtui.importers.jsonl import parse_jsonl

        return Imported(parse_jsonl(data, str(source)))
    raise SourceError(f"unknown import source {kind!r} (use one of {', '.join(KINDS)})")


def read_events(kind: str, source: str | Path, *, channel: str | None = None) -> list[TimelineEvent]:
    """The events in `source`, in source order (`read_source` gives the notes too)."""
    return read_source(kind, source, channel=channel).events


# A source file is read whole: as much as a Slack .zip may expand to, far more than one incident
# leaves behind, and a bound on the memory a mistaken file (a disk image, a year of logs) costs.
SOURCE_LIMIT_BYTES = 200 * 1024 * 1024


def read_file(path: Path) -> bytes:
    from pmtui.storage.files import read_bytes

    return read_bytes(path, SourceError, limit=SOURCE_LIMIT_BYTES)[0]
