"""The starting point of every new postmortem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmtui.document.model import Document


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


def template_preamble(path: Path) -> str:
    """The comment a new TOML file starts with."""
    if path.suffix.lower() != ".toml":
        return ""
    return f"# An incident postmortem. Run `pmtui meet {path.name}` to review it."
