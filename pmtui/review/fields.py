"""Field paths: the free-text fields a review reads, and reading or writing a field by its path.

A path is written in the document's own names, as `pmtui check` prints it: `incident.summary`,
`timeline[2].event`, `root_cause.contributing_factors[0]`, `action_items[1].due`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import ValidationError

from pmtui.document.model import Document

_STEP = re.compile(r"\.?([A-Za-z_]\w*)|\[(\d+)\]")


# The sections holding prose, in document order: a review can reread only the sections that changed.
TEXT_SECTIONS = ("incident", "impact", "timeline", "detection", "root_cause", "whys", "findings", "action_items", "meeting")


def text_fields(document: Document) -> Iterator[tuple[str, str]]:
    """(path, text) of every free-text field people write prose in, in document order."""
    for section in TEXT_SECTIONS:
        yield from section_text_fields(document, section)


def section_text_fields(document: Document, section: str) -> Iterator[tuple[str, str]]:
    """(path, text) of the free-text fields of one of `TEXT_SECTIONS`, in document order."""
    if section == "incident":
        for name in ("title", "summary"):
            yield from _present(f"incident.{name}", getattr(document.incident, name))
    elif section == "impact":
        for name, value in document.impact:
            yield from _present(f"impact.{name}", value)
    elif section == "timeline":
        for index, event in enumerate(document.timeline):
            yield f"timeline[{index}].event", event.event
    elif section == "detection":
        yield from _present("detection.notes", document.detection.notes)
    elif section == "root_cause":
        yield from _present("root_cause.problem", document.root_cause.problem)
        yield from _present("root_cause.summary", document.root_cause.summary)
        yield from _listed("root_cause.contributing_factors", document.root_cause.contributing_factors)
    elif section == "whys":
        for index, why in enumerate(document.whys):
            yield from _present(f"whys[{index}].question", why.question)
            yield f"whys[{index}].answer", why.answer
    elif section == "findings":
        for name in ("went_well", "went_poorly", "lessons", "got_lucky", "surprises", "open_questions"):
            yield from _listed(f"findings.{name}", getattr(document.findings, name))
    elif section == "action_items":
        for index, item in enumerate(document.action_items):
            yield f"action_items[{index}].action", item.action
    elif section == "meeting":
        yield from _listed("meeting.parking_lot", document.meeting.parking_lot)
    else:
        raise ValueError(f"{section}: not one of the sections holding prose")


_SCREEN_NAMES = {
    "incident.title": "title", "incident.summary": "summary", "detection.notes": "detection notes",
    "root_cause.problem": "problem statement", "root_cause.summary": "root cause summary",
    "root_cause.contributing_factors": "contributing factor", "findings.went_well": "went well",
    "findings.went_poorly": "went poorly", "findings.lessons": "lesson", "meeting.parking_lot": "parking lot",
}


def screen_ref(document: Document, path: str) -> str:
    """`path` in the words of the screen: `T4`, `AI-5`, `why 1.2.1`, `contributing factor 2`, `impact.revenue`.

    Events and action items go by their id, or by their number when they have none (T3 is the
    third event); list entries by their number from 1.
    """
    section, bracket, rest = path.partition("[")
    if not bracket:
        return _SCREEN_NAMES.get(path, path)
    index = int(rest.split("]", 1)[0])
    if section == "timeline" and index < len(document.timeline):
        return document.timeline[index].id or f"T{index + 1}"
    if section == "action_items" and index < len(document.action_items):
        return document.action_items[index].id or f"AI-{index + 1}"
    if section == "whys" and index < len(document.whys):
        return f"why {document.whys[index].id}"
    return f"{_SCREEN_NAMES.get(section, section)} {index + 1}"


def _present(path: str, text: str | None) -> Iterator[tuple[str, str]]:
    if text:
        yield path, text


def _listed(path: str, texts: list[str]) -> Iterator[tuple[str, str]]:
    for index, text in enumerate(texts):
        yield f"{path}[{index}]", text


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        if not match or (position == 0 and path.startswith(".")):
            raise ValueError(f'invalid field path "{path}"')
        name, index = match.groups()
        steps.append(name if name is not None else int(index))
        position = match.end()
    if not steps or not isinstance(steps[0], str):
        raise ValueError(f'invalid field path "{path}"')
    return steps


def _step(container: Any, step: str | int, path: str) -> Any:
    try:
        if isinstance(step, int):
            return container[step]
        if step not in type(container).model_fields:
            raise AttributeError(step)
        return getattr(container, step)
    except (IndexError, KeyError, TypeError, AttributeError):
        raise ValueError(f'no field "{path}" in this document') from None


def field_value(document: Document, path: str) -> Any:
    value: Any = document
    for step in _steps(path):
        value = _step(value, step, path)
    return value


def field_text(document: Document, path: str) -> str | None:
    """The field at `path` as text (dates in ISO form); None when it is empty or not a scalar."""
    value = field_value(document, path)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    return None


def set_field(document: Document, path: str, text: str) -> None:
    """Write `text` into the field at `path`, validated like a loaded file would be.

    Raises ValueError with a one-line message naming the path when the text does not fit.
    """
    *parents, last = _steps(path)
    container: Any = document
    for step in parents:
        container = _step(container, step, path)
    _step(container, last, path)  # the field must exist
    try:
        if isinstance(last, int):
            container[last] = text
        else:
            setattr(container, last, text)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise ValueError(f"{path}: {reason}") from None
