"""The starting point of every new postmortem."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

from pmtui.document.model import Document
from pmtui.terminal_text import for_terminal


def new_document(
    *, title: str | None = None, severity: str | None = None, date: str | dt.date | None = None,
    timezone: str | None = None, today: dt.date | None = None,
) -> Document:
    """A draft with every section present and empty, ready to fill in the meeting."""
    incident: dict[str, object] = {
        "title": title or "Untitled incident",
        "date": date or (today or dt.date.today()),
        "summary": "",
    }
    if severity:
        incident["severity"] = severity
    if timezone:
        incident["timezone"] = timezone
    return Document.model_validate({"incident": incident, "root_cause": {"problem": "", "summary": ""}})


def template_preamble(path: Path, schema: str | None = None) -> str:
    """The comment a new TOML file starts with; `schema` (a path or URL) becomes Taplo's `#:schema` line."""
    if path.suffix.lower() != ".toml":
        return ""
    # The name as a shell word on one line: a newline in it would end the comment and break the file.
    intro = f"# An incident postmortem. Run `pmtui meet {for_terminal(shlex.quote(path.name))}` to review it."
    return f"#:schema {schema}\n{intro}" if schema else intro


def template_extras(path: Path, schema: str | None = None) -> dict[str, str]:
    """The keys a new JSON file starts with: `$schema`, which VS Code and other editors follow."""
    return {"$schema": schema} if schema and path.suffix.lower() == ".json" else {}
