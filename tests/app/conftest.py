"""The meeting app under test: a copy of a document in tmp_path, a fake clock, a fixed today."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_harness import FakeClock
from document_factory import make_document

from pmtui import storage
from pmtui.app.common import debounce
from pmtui.document.template import new_document
from pmtui.resources import default_sample

@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def timers_on_the_fake_clock(clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Debounced and repeated work (review, autosave, next panel, figures, watch polling) runs when the test advances the clock
    or settles the screen, never by wall time: a loaded machine cannot reorder it."""
    monkeypatch.setattr(debounce, "schedule", clock.schedule)
    monkeypatch.setattr(debounce, "repeat", clock.repeat)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """The bundled sample, copied so the test may write it."""
    path = tmp_path / "incident.toml"
    shutil.copyfile(default_sample(), path)
    return path


@pytest.fixture
def blank_draft(tmp_path: Path) -> Path:
    """A new SEV2 draft, as `pmtui new` writes it."""
    path = tmp_path / "draft.toml"
    storage.save_new(new_document(title="Checkout errors", severity="SEV2", date="2026-10-30",
                                  timezone="Europe/Berlin"), path)
    return path


@pytest.fixture
def ready_draft(tmp_path: Path) -> Path:
    """A SEV2 draft that meets every requirement of in_review, with Maria in the room."""
    path = tmp_path / "cert.toml"
    storage.save_new(make_document(
        {"severity": "SEV2", "date": "2026-10-30", "timezone": "Europe/Berlin",
         "participants": ["Maria Lopez", "Ben Okafor"],
         "summary": "The staging certificate expired; deploys to staging failed for two hours."},
        timeline=[{"time": "09:10:00", "event": "Deploys to staging fail TLS verification", "milestone": "detected"}],
        root_cause={"summary": "The certificate was issued by hand and never renewed automatically."},
        whys=[{"id": "1", "answer": "The certificate expired"}],
        action_items=[{"action": "Issue the staging certificate through cert-manager", "owner": "Ben Okafor",
                       "due": "2026-11-20", "addresses": "1"}],
    ), path)
    return path
