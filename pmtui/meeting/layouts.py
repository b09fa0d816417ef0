"""Meeting layouts: the agenda of a review as a TOML file (see docs/layouts.md).

A layout is a name, a title and an ordered list of phases, each with the panel it shows and the
facilitator's prompts. `load_layout` takes a bundled name ("standard") or a path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pmtui.meeting.layout_names import BUILT_IN_LAYOUTS, default_layout_name  # noqa: F401  (re-exported)
from pmtui.resources import layouts_dir

Panel = Literal["summary", "timeline", "detection", "whys", "actions", "findings"]
PANELS: tuple[str, ...] = Panel.__args__  # type: ignore[attr-defined]


class LayoutError(Exception):
    """A layout pmtui cannot use; str() is the one-line message."""


class Phase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str = Field(min_length=1)
    minutes: float = Field(gt=0, le=480, allow_inf_nan=False)
    panel: Panel
    description: str = ""
    prompts: tuple[str, ...] = ()

    @property
    def seconds(self) -> float:
        return self.minutes * 60


# Far more than any meeting has; a layout with thousands of phases would flood the agenda bar.
MAX_PHASES = 50


class Layout(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    phases: tuple[Phase, ...] = Field(min_length=1, max_length=MAX_PHASES)

    @field_validator("phases")
    @classmethod
    def _unique_ids(cls, phases: tuple[Phase, ...]) -> tuple[Phase, ...]:
        seen: set[str] = set()
        for index, phase in enumerate(phases):
            if phase.id in seen:
                raise ValueError(f'phases[{index}].id: duplicate phase id "{phase.id}"')
            seen.add(phase.id)
        return phases

    @property
    def total_minutes(self) -> float:
        return sum(phase.minutes for phase in self.phases)

    def index_of(self, phase_id: str) -> int | None:
        return next((index for index, phase in enumerate(self.phases) if phase.id == phase_id), None)


def available_layouts() -> list[str]:
    """Names of the bundled layouts."""
    return sorted(path.stem for path in layouts_dir().glob("*.toml"))


def _resolve(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.parent != Path("."):
        return path
    bundled = layouts_dir() / f"{name_or_path}.toml"
    try:
        is_bundled = bundled.is_file()
    except OSError:  # a name too long to be a file name is no bundled layout either
        is_bundled = False
    if not is_bundled:
        raise LayoutError(
            f'no layout named "{name_or_path}" (bundled: {", ".join(available_layouts())}; or give a path to a .toml file)'
        )
    return bundled


def parse_layout(data: bytes, source: str) -> Layout:
    """Bytes of a layout file to a Layout, or a one-line LayoutError naming `source`."""
    from pmtui.storage import DocumentError, decode_text, describe_validation_error, parse_toml

    try:
        raw = parse_toml(decode_text(data, source, LayoutError), source)  # as postmortems are read
    except DocumentError as exc:  # already "SOURCE: TOML syntax error: ..."
        raise LayoutError(str(exc)) from None
    except RecursionError:
        raise LayoutError(f"{source}: nested too deeply to be a layout") from None
    except ValueError as exc:  # a value Python cannot hold, e.g. an integer of 5000 digits
        raise LayoutError(f"{source}: TOML error: {exc}") from None
    try:
        return Layout.model_validate(raw)
    except ValidationError as exc:
        raise LayoutError(f"{source}: {describe_validation_error(exc)}") from None


def load_layout(name_or_path: str) -> Layout:
    from pmtui.storage.files import MAX_DOCUMENT_BYTES, read_bytes

    path = _resolve(name_or_path)
    return parse_layout(read_bytes(path, LayoutError, limit=MAX_DOCUMENT_BYTES)[0], str(path))
