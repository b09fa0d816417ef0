"""Turning a document into what other tools and people read. Pure: returns text."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept light: the command line reads SUFFIXES while it builds its parser
    from pmtui.document.model import Document

# The action items as tickets (see trackers.py), and the file suffix each format's output takes.
TRACKER_FORMATS = ("jira-csv", "linear-csv", "github")
SUFFIXES = {"md": ".md", "json": ".json", "toml": ".toml", "jira-csv": ".csv", "linear-csv": ".csv", "github": ".sh"}


def render(document: Document, fmt: str, *, source: Path | None = None, key_events_only: bool = False,
           owner_emails: Mapping[str, str] | None = None) -> str:
    """The document as text in `fmt` (md, json, toml, or a tracker format).

    `source`: the postmortem's path as tickets should name it (repository-relative);
    `key_events_only` narrows the Markdown timeline to the key events;
    `owner_emails`: owner -> tracker account, for Jira (the policy's [owners])."""
    if fmt == "md":
        from pmtui.export.markdown import to_markdown

        return to_markdown(document, key_events_only=key_events_only)
    if fmt in ("json", "toml"):
        from pmtui import storage

        return storage.dumps(document, fmt).decode("utf-8")
    if fmt in TRACKER_FORMATS:
        from pmtui.export import trackers

        if fmt == "jira-csv":
            return trackers.to_jira_csv(document, source, owner_emails)
        writer = {"linear-csv": trackers.to_linear_csv, "github": trackers.to_github_script}[fmt]
        return writer(document, source)
    raise ValueError(f"unknown export format {fmt!r}")
