"""The postmortem document: one pydantic model tree, the contract of the file format.

Field names and their order here ARE the file format (docs/format.md): pydantic dumps fields in
declaration order, so a saved file is stable and diffs cleanly. Nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from pmtui.document.kinds import (  # noqa: F401  (re-exported: the model's vocabulary)
    ActionKind,
    ActionStatus,
    DetectionHow,
    Milestone,
    Priority,
    Severity,
    Status,
)

SCHEMA_VERSION = 2


def _severity_alias(value: Any) -> Any:
    """Teams say P1 as often as SEV1: accept both, store SEV."""
    if isinstance(value, str):
        text = value.strip().upper()
        match = re.fullmatch(r"(?:SEV|P)\s*-?\s*([1-4])", text)
        if match:
            return f"SEV{match.group(1)}"
    return value


def _priority_alias(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().upper()
    return value


_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def quoted(value: Any, limit: int = 40) -> str:
    """A user's value inside a one-line message: quoted, shortened, newlines shown as \\n."""
    text = str(value).replace("\n", "\\n")
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


_fixed_zone = functools.cache(dt.timezone)  # one tzinfo per offset, shared by every datetime that has it


def fixed_offset(value: dt.datetime) -> dt.datetime:
    """An offset datetime with its offset as a `datetime.timezone`, as tomllib gives it.

    rtoml gives each datetime a tzinfo of its own class, which cannot be copied or pickled (a deep
    copy of the document would fail); pydantic has one of its own for datetimes read from JSON
    text. Named zones are left as they are: their offset varies.
    """
    zone = value.tzinfo
    if zone is None or type(zone) is dt.timezone or isinstance(zone, ZoneInfo):
        return value
    # The constructor, not value.replace(tzinfo=...), which takes 2-3x as long (10,000 events).
    return dt.datetime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                       value.microsecond, _fixed_zone(value.utcoffset()), fold=value.fold)


Moment = Annotated[dt.datetime, AfterValidator(fixed_offset)]


def parse_event_time(value: Any) -> dt.time | dt.datetime:
    """A timeline time: a clock time (dated later by the incident) or a full datetime.

    Accepts TOML local times and datetimes, and strings "14:22", "14:22:05" or ISO 8601
    datetimes. Raises ValueError naming the bad value.
    """
    if isinstance(value, dt.datetime):
        return fixed_offset(value)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0) if value.tzinfo is None else value
    if isinstance(value, str):
        text = value.strip()
        match = _CLOCK.fullmatch(text)
        if match:
            hour, minute, second = (int(part or 0) for part in match.groups())
            try:
                return dt.time(hour, minute, second)
            except ValueError:
                raise ValueError(f"invalid time {quoted(value)}") from None
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"invalid time {quoted(value)} (use HH:MM, HH:MM:SS or an ISO 8601 datetime)") from None
        offset = parsed.utcoffset()
        if offset is not None and offset.total_seconds() % 60:
            # TOML cannot write such an offset back, and no real time zone has one.
            raise ValueError(f"invalid time {quoted(value)}: the UTC offset must be whole minutes")
        return parsed
    raise ValueError(f"invalid time {quoted(value)} (use HH:MM, HH:MM:SS or an ISO 8601 datetime)")


EventTime = Annotated[dt.time | dt.datetime, BeforeValidator(parse_event_time)]

def _unset(value: Any) -> bool:
    """For fields added after version 1: left out of a saved file while false or empty."""
    return not value


WHY_ID = re.compile(r"[1-9]\d*(?:\.[1-9]\d*)*")


class Model(BaseModel):
    """Shared config: unknown keys are errors (they are usually typos in a hand-edited file)."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=False,
        use_enum_values=False,
    )


class Incident(Model):
    title: str = Field(min_length=1)
    id: str | None = None
    severity: Annotated[Severity | None, BeforeValidator(_severity_alias)] = None
    status: Status = Status.DRAFT
    date: dt.date | None = None
    timezone: str = "UTC"
    author: str | None = None
    facilitator: str | None = None
    reviewers: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    summary: str | None = None
    draft_started: Moment | None = None  # set by `pmtui new`; the policy's draft deadline is measured to it

    @field_validator("date", mode="before")
    @classmethod
    def _date_only(cls, value: Any) -> Any:
        # A TOML datetime here would otherwise be silently truncated; say what is wrong instead.
        if isinstance(value, dt.datetime):
            raise ValueError(f'expected a date like 2026-04-20, got the datetime "{value.isoformat()}"')
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if not value or value != value.strip():
            raise ValueError(f"unknown time zone {quoted(value)}")
        if value.lower() == "localtime":  # a link to /etc/localtime: each reader's own zone, so times would differ
            raise ValueError(f"time zone {quoted(value)} differs from machine to machine "
                             '(use an IANA name like "Europe/Berlin")')
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(f'unknown time zone {quoted(value)} (use an IANA name like "Europe/Berlin")') from None
        return value

    def people(self) -> list[str]:
        """Everyone named on the incident, in a stable order without repeats."""
        names = [self.author, self.facilitator, *self.reviewers, *self.participants]
        return list(dict.fromkeys(name for name in names if name))


class Impact(Model):
    users_affected: str | None = None
    failed_requests: str | None = None
    revenue: str | None = None
    slo: str | None = None
    support_tickets: str | None = None
    public_communication: str | None = None
    notes: str | None = None

    def is_filled(self) -> bool:
        return any(value and value.strip() for value in self.model_dump().values())


class TimelineEvent(Model):
    time: EventTime
    event: str = Field(min_length=1)
    id: str | None = None
    source: str | None = None
    milestone: Milestone | None = None
    # A key event tells the story; the rest is the evidence log (`pmtui export --timeline key`).
    # Written only when set, so files that never mark one stay as they were (JSON too).
    key: bool = Field(default=False, exclude_if=_unset)


class Detection(Model):
    how: DetectionHow | None = None
    notes: str | None = None


class RootCause(Model):
    problem: str | None = None
    summary: str | None = None
    contributing_factors: list[str] = Field(default_factory=list)


class Why(Model):
    id: str
    answer: str = Field(min_length=1)
    question: str | None = None
    root: bool = False
    accepted_risk: bool = False
    evidence: list[str] = Field(default_factory=list)

    @field_validator("id", mode="before")
    @classmethod
    def _dotted_path(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not WHY_ID.fullmatch(value):
            raise ValueError(f'invalid why id {value!r} (use a dotted path like "1", "1.2", "1.2.1")')
        return value

    @property
    def parent_id(self) -> str | None:
        return self.id.rpartition(".")[0] or None

    @property
    def depth(self) -> int:
        return self.id.count(".") + 1


class Findings(Model):
    went_well: list[str] = Field(default_factory=list)
    went_poorly: list[str] = Field(default_factory=list)
    lessons: list[str] = Field(default_factory=list)
    # Learning-review findings (schema_version 2), written only when they hold something: the
    # files of teams that do not use them keep their lines.
    got_lucky: list[str] = Field(default_factory=list, exclude_if=_unset)
    surprises: list[str] = Field(default_factory=list, exclude_if=_unset)
    open_questions: list[str] = Field(default_factory=list, exclude_if=_unset)


class ActionItem(Model):
    id: str | None = None
    action: str = Field(min_length=1)
    owner: str | None = None
    due: dt.date | None = None
    priority: Annotated[Priority | None, BeforeValidator(_priority_alias)] = None
    status: ActionStatus = ActionStatus.OPEN
    kind: ActionKind | None = None
    addresses: str | None = None
    ticket: str | None = None
    completed: dt.date | None = None  # when it was done (set by `pmtui sync` from the tracker)
    verified: dt.date | None = None  # when someone checked the fix works: done is not verified
    verified_note: str | None = None

    @field_validator("due", "completed", "verified", mode="before")
    @classmethod
    def _date_only(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            raise ValueError(f'expected a date like 2026-05-01, got the datetime "{value.isoformat()}"')
        return value


class AppendixLink(Model):
    title: str
    url: str | None = None


class PhaseRecord(Model):
    """One agenda phase as it actually ran."""

    id: str
    title: str
    planned_minutes: float = Field(ge=0, allow_inf_nan=False)  # the layout's plan, kept as it was
    actual_seconds: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    extended_minutes: float = Field(default=0.0, ge=0, allow_inf_nan=False, exclude_if=_unset)  # F6/F7 added


class MeetingRecord(Model):
    """The review meeting itself: written by the meeting app, read by `pmtui watch`."""

    layout: str | None = None
    started: Moment | None = None
    ended: Moment | None = None
    current_phase: str | None = None
    phase_remaining_seconds: float | None = Field(default=None, allow_inf_nan=False)
    paused: bool = False
    updated: Moment | None = None
    phases: list[PhaseRecord] = Field(default_factory=list)
    parking_lot: list[str] = Field(default_factory=list)


class Dismissal(Model):
    """A review finding the team looked at and chose to keep, with the reason."""

    rule: str
    path: str
    reason: str = Field(min_length=1)
    text: str | None = None


class Document(Model):
    schema_version: int = SCHEMA_VERSION
    incident: Incident
    impact: Impact = Field(default_factory=Impact)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    detection: Detection = Field(default_factory=Detection)
    root_cause: RootCause = Field(default_factory=RootCause)
    whys: list[Why] = Field(default_factory=list)
    findings: Findings = Field(default_factory=Findings)
    action_items: list[ActionItem] = Field(default_factory=list)
    appendix: list[AppendixLink] = Field(default_factory=list)
    meeting: MeetingRecord = Field(default_factory=MeetingRecord)
    dismissals: list[Dismissal] = Field(default_factory=list)

    @field_validator("schema_version")
    @classmethod
    def _supported_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {value} is newer than this pmtui understands "
                f"({SCHEMA_VERSION}); upgrade pmtui"
            )
        if value < 1:
            raise ValueError(f"schema_version {value} is not a pmtui version (expected {SCHEMA_VERSION})")
        return value

    @model_validator(mode="after")
    def _assign_ids_and_check_references(self) -> Document:
        assign_ids(self)
        problems = reference_problems(self)
        if problems:
            raise ValueError(problems[0])
        return self

    def event_by_id(self, event_id: str) -> TimelineEvent | None:
        return next((event for event in self.timeline if event.id == event_id), None)

    def milestone_event(self, milestone: Milestone) -> TimelineEvent | None:
        return next((event for event in self.timeline if event.milestone == milestone), None)


def _highest_number(prefix: str, taken: set[str]) -> int:
    numbers = (int(text[len(prefix):]) for text in taken if text.startswith(prefix) and text[len(prefix):].isdigit())
    return max(numbers, default=0)


def next_free_id(prefix: str, taken: set[str]) -> str:
    """One past the highest number in use: ids of deleted items are not reused, so an old
    citation never points at a different event."""
    return f"{prefix}{_highest_number(prefix, taken) + 1}"


def assign_ids(document: Document) -> None:
    """Give every timeline event and action item a stable id, keeping the ones people wrote.

    Writes through __dict__ so that assignment validation (which would re-run the document
    validator) is not triggered from inside it.
    """
    for items, prefix in ((document.timeline, "T"), (document.action_items, "AI-")):
        missing = [item for item in items if not item.id]
        if not missing:
            continue
        first = _highest_number(prefix, {item.id for item in items if item.id}) + 1
        for number, item in enumerate(missing, start=first):
            item.__dict__["id"] = f"{prefix}{number}"


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def reference_problems(document: Document) -> list[str]:
    """Cross-field rules of the format: unique ids, existing parents and references."""
    problems: list[str] = []
    event_ids = [event.id or "" for event in document.timeline]
    for duplicate in _duplicates(event_ids):
        index = len(event_ids) - 1 - event_ids[::-1].index(duplicate)
        problems.append(f'timeline[{index}].id: duplicate event id "{duplicate}"')
    seen_milestones: dict[Milestone, int] = {}
    for index, event in enumerate(document.timeline):
        if event.milestone is None:
            continue
        if event.milestone in seen_milestones:
            first = seen_milestones[event.milestone]
            problems.append(
                f'timeline[{index}].milestone: "{event.milestone}" is already on timeline[{first}]'
                " (each milestone at most once)"
            )
        else:
            seen_milestones[event.milestone] = index
    why_ids = [why.id for why in document.whys]
    known_whys = set(why_ids)
    for duplicate in _duplicates(why_ids):
        index = len(why_ids) - 1 - why_ids[::-1].index(duplicate)
        problems.append(f'whys[{index}].id: duplicate why id "{duplicate}"')
    known_events = set(event_ids)
    for index, why in enumerate(document.whys):
        if why.parent_id and why.parent_id not in known_whys:
            problems.append(f'whys[{index}].id: "{why.id}" has no parent why "{why.parent_id}"')
        for cited in why.evidence:
            if cited not in known_events:
                problems.append(f'whys[{index}].evidence: unknown timeline event id "{cited}"')
    action_ids = [item.id or "" for item in document.action_items]
    for duplicate in _duplicates(action_ids):
        index = len(action_ids) - 1 - action_ids[::-1].index(duplicate)
        problems.append(f'action_items[{index}].id: duplicate action item id "{duplicate}"')
    for index, item in enumerate(document.action_items):
        if item.addresses and item.addresses not in known_whys:
            problems.append(f'action_items[{index}].addresses: unknown why id "{item.addresses}"')
    return problems
