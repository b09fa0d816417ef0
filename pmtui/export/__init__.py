"""Turning a document into what other tools and people read. Pure: returns text."""

from __future__ import annotations

from pathlib import Path

from pmtui.document.model import Document


def render(document: Document, fmt: str, *, source: Path | None = None) -> str:
    """The document as text in `fmt` (md, json, toml, or a tracker format)."""
    if fmt == "md":
        from pmtui.export.markdown import to_markdown

        return to_markdown(document)
    if fmt in ("json", "toml"):
        from pmtui import storage

        return storage.dumps(document, fmt).decode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")
