"""Files pmtui ships: meeting layouts and sample incidents.

An installed wheel carries them under `pmtui/_bundled/`; an editable install or a checkout finds
them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pmtui's {name} folder is missing from this installation")


def layouts_dir() -> Path:
    return bundled_dir("layouts")


def samples_dir() -> Path:
    return bundled_dir("sample_incidents")


DEFAULT_SAMPLE = "db-pool-exhaustion.toml"


def default_sample() -> Path:
    """The incident bare `pmtui` opens."""
    return samples_dir() / DEFAULT_SAMPLE
