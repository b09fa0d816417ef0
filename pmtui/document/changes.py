"""What changed between two versions of a postmortem, in the words of the document.

`describe_changes(old, new)` gives lines such as "+2 timeline events (T17, T18)", "root cause
summary changed", "AI-3 owner: Ana → Ben" or "status: in_review → final": what a reviewer of a
pull request wants to know, where a line diff of the file shows folded TOML. Timeline events,
whys and action items are matched by id, so a reordered or renumbered file does not read as a
rewrite. Pure: the caller loads the documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel

from pmtui.document.model import Document

# A value up to this long is shown before and after; longer prose is only said to have changed.
_SHOWN_LENGTH = 40

# Sections whose name reads better in words than as a field name. `incident` is the document's
# headline: its fields speak for themselves ("status: draft → final").
_SECTION_LABELS = {"incident": "", "root_cause": "root cause"}

# The meeting app rewrites these on every save while a meeting runs: one line says they moved.
_MEETING_CLOCK = ("updated", "phase_remaining_seconds", "paused", "phases")
MEETING_CLOCK_LINE = "meeting clock and phase times updated"

# Lists of entries matched by their id, with the words for one entry.
_KEYED_LISTS = {"timeline": "timeline event", "whys": "why", "action_items": "action item"}


def _words(name: str) -> str:
    return name.replace("_", " ")


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value)


def _is_prose(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > _SHOWN_LENGTH or "\n" in value)


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def _quoted(text: str) -> str:
    return f'"{text}"' if len(text) <= _SHOWN_LENGTH else f'"{text[: _SHOWN_LENGTH - 1]}…"'


def _list_change(label: str, old: Sequence[Any], new: Sequence[Any]) -> Iterator[str]:
    """A list of texts (tags, lessons, evidence): what was added and what was removed."""
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    for sign, items in (("+", added), ("-", removed)):
        if items:
            shown = ", ".join(_quoted(_shown(item)) for item in items)
            yield f"{label}: {sign}{shown}"
    if not added and not removed:
        yield f"{label}: reordered"


def _value_change(label: str, old: Any, new: Any) -> Iterator[str]:
    if _is_prose(old) or _is_prose(new):
        if not old:
            yield f"{label} written"
        elif not new:
            yield f"{label} cleared"
        else:
            yield f"{label} changed"
    else:
        yield f"{label}: {_shown(old)} → {_shown(new)}"


def _model_changes(prefix: str, old: BaseModel, new: BaseModel, skip: tuple[str, ...] = ()) -> Iterator[str]:
    """Field by field, in the file's order; `prefix` names the section or entry ("AI-3")."""
    for name in type(new).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before == after or name in skip:
            continue
        label = f"{prefix} {_words(name)}".strip()
        if isinstance(after, list) and all(isinstance(item, BaseModel) for item in [*before, *after]):
            yield f"{label} changed"
        elif isinstance(after, list):
            yield from _list_change(label, before, after)
        else:
            yield from _value_change(label, old=before, new=after)


def _keyed_changes(noun: str, old: Sequence[Any], new: Sequence[Any]) -> Iterator[str]:
    """Entries matched by id: added, removed, then each changed one field by field."""
    old_by_id = {item.id: item for item in old}
    new_by_id = {item.id: item for item in new}
    added = [key for key in new_by_id if key not in old_by_id]
    removed = [key for key in old_by_id if key not in new_by_id]
    if added:
        yield f"+{_plural(len(added), noun)} ({', '.join(added)})"
    if removed:
        yield f"-{_plural(len(removed), noun)} ({', '.join(removed)})"
    for key, item in new_by_id.items():
        if key in old_by_id:
            # A why's id is a bare number: "why 1.2 answer changed" reads better than "1.2 answer".
            prefix = f"why {key}" if noun == "why" else key
            yield from _model_changes(prefix, old_by_id[key], item)
    kept_old = [key for key in old_by_id if key in new_by_id]
    kept_new = [key for key in new_by_id if key in old_by_id]
    if kept_old != kept_new:
        yield f"{noun}s reordered"


def _entry_changes(noun: str, old: Sequence[BaseModel], new: Sequence[BaseModel]) -> Iterator[str]:
    """Entries without an id (appendix links, dismissals): counted as added and removed."""
    added = sum(1 for item in new if item not in old)
    removed = sum(1 for item in old if item not in new)
    if added:
        yield f"+{_plural(added, noun)}"
    if removed:
        yield f"-{_plural(removed, noun)}"


def describe_changes(old: Document, new: Document) -> list[str]:
    """One line per change, in the order of the file's sections; empty when nothing changed."""
    lines: list[str] = []
    for name in type(new).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name in _KEYED_LISTS:
            lines.extend(_keyed_changes(_KEYED_LISTS[name], before, after))
        elif name == "appendix":
            lines.extend(_entry_changes("appendix link", before, after))
        elif name == "dismissals":
            lines.extend(_entry_changes("dismissal", before, after))
        elif name == "meeting":
            lines.extend(_model_changes("meeting", before, after, skip=_MEETING_CLOCK))
            if any(getattr(before, field) != getattr(after, field) for field in _MEETING_CLOCK):
                lines.append(MEETING_CLOCK_LINE)
        elif isinstance(after, BaseModel):
            lines.extend(_model_changes(_SECTION_LABELS.get(name, _words(name)), before, after))
        else:
            lines.extend(_value_change(_words(name), before, after))
    return lines
