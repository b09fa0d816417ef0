"""Small documents for tests, built from plain mappings the way a file would spell them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmtui.document.model import Document

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_incidents"
BROKEN = Path(__file__).resolve().parent / "broken"


def sample_paths() -> list[Path]:
    return sorted(path for path in SAMPLES.iterdir() if path.suffix in (".toml", ".json"))


def make_document(incident: dict[str, Any] | None = None, **sections: Any) -> Document:
    """A valid document: a title, plus whatever sections the test cares about."""
    return Document.model_validate({"incident": {"title": "Search latency", **(incident or {})}, **sections})


def events(*times: str, milestones: dict[int, str] | None = None) -> list[dict[str, Any]]:
    """Timeline entries at `times`, with milestones by position."""
    milestones = milestones or {}
    entries = []
    for index, time in enumerate(times):
        entry: dict[str, Any] = {"time": time, "event": f"event {index}"}
        if index in milestones:
            entry["milestone"] = milestones[index]
        entries.append(entry)
    return entries


def whys(*ids: str) -> list[dict[str, Any]]:
    return [{"id": why_id, "answer": f"answer {why_id}"} for why_id in ids]
