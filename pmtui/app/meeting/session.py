"""The one owner of the open document while the meeting app runs.

Widgets never change the document themselves: they call a method here, which validates the edit,
applies it, bumps the revision and tells the app which area changed (so only that area redraws
and an autosave is scheduled). Nothing here imports Textual, so edits are unit-testable.

Edits are copy-on-write: a changed event, why or list is replaced by a new object, never mutated.
So a shallow copy of the document (`snapshot`) is a consistent snapshot that a worker thread
can serialize and write while the room keeps typing.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from pmtui import storage
from pmtui.document import edits
from pmtui.document import timeline as tl
from pmtui.document import whys as why_tree
from pmtui.document.model import (
    ActionItem,
    Document,
    Status,
    TimelineEvent,
    Why,
    parse_event_time,
)

if TYPE_CHECKING:
    from pmtui.review.findings import Finding, ReviewConfig
    from pmtui.review.memo import ReviewMemo


class EditError(Exception):
    """An edit the document cannot take; str() is a one-line message naming the field."""


class Area:
    """Which part of the document an edit touched (what has to redraw)."""

    INCIDENT = "incident"
    IMPACT = "impact"
    TIMELINE = "timeline"
    DETECTION = "detection"
    ROOT_CAUSE = "root_cause"
    WHYS = "whys"
    ACTIONS = "actions"
    FINDINGS = "findings"
    MEETING = "meeting"


# The free-text lists people add to one line at a time: list name -> (section, field).
TEXT_LISTS: dict[str, tuple[str, str]] = {
    "went_well": ("findings", "went_well"),
    "went_poorly": ("findings", "went_poorly"),
    "lessons": ("findings", "lessons"),
    "got_lucky": ("findings", "got_lucky"),
    "surprises": ("findings", "surprises"),
    "open_questions": ("findings", "open_questions"),
    "parking_lot": ("meeting", "parking_lot"),
    "contributing_factors": ("root_cause", "contributing_factors"),
}
_LIST_AREA = {"findings": Area.FINDINGS, "meeting": Area.FINDINGS, "root_cause": Area.ROOT_CAUSE}

INCIDENT_LIST_FIELDS = ("reviewers", "participants", "tags")


@dataclass(frozen=True)
class SaveJob:
    """A consistent snapshot to write, and the revision it holds."""

    revision: int
    loaded: storage.Loaded


@dataclass(frozen=True)
class SaveOutcome:
    revision: int
    fingerprint: storage.Fingerprint | None = None
    error: str | None = None
    conflict: bool = False


def run_save(job: SaveJob) -> SaveOutcome:
    """Serialize and write a snapshot. Safe to call from a worker thread: touches nothing shared."""
    try:
        fingerprint = storage.save(job.loaded)
    except storage.ConflictError as exc:
        return SaveOutcome(job.revision, error=str(exc), conflict=True)
    except (storage.DocumentError, OSError, ValueError, TypeError) as exc:
        return SaveOutcome(job.revision, error=str(exc) or type(exc).__name__)
    return SaveOutcome(job.revision, fingerprint=fingerprint)


def _problem(prefix: str, exc: ValidationError) -> str:
    return f"{prefix}.{storage.describe_validation_error(exc)}"


def _rebuild(model: BaseModel, prefix: str, **changes: Any) -> Any:
    """A validated copy of `model` with `changes` (the original is left untouched)."""
    data = {**model.model_dump(), **changes}
    try:
        return type(model).model_validate(data)
    except ValidationError as exc:
        raise EditError(_problem(prefix, exc)) from None


def _blank_to_none(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text or None


def split_list(text: str) -> list[str]:
    """'Ana, Bo ,, Cy' -> ['Ana', 'Bo', 'Cy']: how people, tags and reviewers are typed."""
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_date(text: str, where: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise EditError(f'{where}: invalid date "{text}" (use YYYY-MM-DD)') from None


class Session:
    def __init__(
        self,
        loaded: storage.Loaded,
        on_change: Callable[[str, str | None], None] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        review_config: ReviewConfig | None = None,
    ) -> None:
        self.loaded = loaded
        self._review_config = review_config  # the team policy's thresholds; None: the built-in policy's
        self.on_change = on_change
        self.today = today  # injected so review findings ("overdue") are reproducible in tests
        self.revision = 0
        self.saved_revision = 0
        self.save_error: str | None = None
        self.conflict: str | None = None
        self._instants: list[dt.datetime] | None = None
        self._spans_days: bool | None = None  # whether times show their day, cached with the instants
        self._next_event_id: tuple[list[TimelineEvent], str] | None = None
        self._review_cache: tuple[int, list[Finding]] | None = None
        self._review_memo: ReviewMemo | None = None  # made with the first review pass (it brings the rules)

    # ---------------------------------------------------------------------------- state

    @property
    def document(self) -> Document:
        return self.loaded.document

    @property
    def path(self) -> Path:
        return self.loaded.path

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    def _put(self, name: str, value: Any) -> None:
        """Replace a top-level section. The value is already validated; skipping the document's
        own re-validation keeps an edit O(changed part) on a 10,000-event timeline."""
        self.document.__dict__[name] = value

    def _changed(self, area: str, note: str | None = None) -> None:
        self.revision += 1
        if area in (Area.TIMELINE, Area.INCIDENT):
            self._instants = None
            self._spans_days = None
        if self.on_change is not None:
            self.on_change(area, note)

    # ---------------------------------------------------------------------------- incident

    def set_incident_field(self, name: str, text: str) -> None:
        """Set one incident field from what was typed (lists comma-separated, blanks mean unset)."""
        incident = self.document.incident
        value: Any
        if name in INCIDENT_LIST_FIELDS:
            value = split_list(text)
        elif name == "date":
            value = parse_date(text, "incident.date")
        elif name in ("title", "timezone"):
            value = text.strip()
        elif name == "summary":
            value = text
        else:
            value = _blank_to_none(text)
        if getattr(incident, name) == value:
            return
        self._put("incident", _rebuild(incident, "incident", **{name: value}))
        self._changed(Area.INCIDENT)

    def set_status(self, status: Status) -> None:
        self._put("incident", self.document.incident.model_copy(update={"status": status}))
        self._changed(Area.INCIDENT)

    def set_section_field(self, section: str, name: str, text: str | None) -> None:
        """A free-text field of impact, detection or root_cause (blank means unset)."""
        model = getattr(self.document, section)
        value = _blank_to_none(text) if name != "how" else (text or None)
        if getattr(model, name) == value:
            return
        self._put(section, _rebuild(model, section, **{name: value}))
        self._changed(section)

    # ---------------------------------------------------------------------------- timeline

    def instants(self) -> list[dt.datetime]:
        """Each event's resolved instant, cached until the timeline or the incident changes: the
        edit, the derived durations and the review pass share one resolution per revision."""
        if self._instants is None:
            self._instants = tl.resolve_times(self.document)
        return self._instants

    def times_show_days(self) -> bool:
        """Whether event times show their day (`tl.format_event_time`): once per timeline revision."""
        if self._spans_days is None:
            self._spans_days = tl.spans_days(self.instants())
        return self._spans_days

    def _event(self, time_text: str, event: str, source: str | None, milestone: str | None,
               event_id: str | None, where: str) -> TimelineEvent:
        try:
            time = parse_event_time(time_text)
        except ValueError as exc:
            raise EditError(f"{where}.time: {exc}") from None
        try:
            return TimelineEvent(
                time=time, event=event.strip(), id=event_id,
                source=_blank_to_none(source), milestone=milestone or None,
            )
        except ValidationError as exc:
            raise EditError(_problem(where, exc)) from None

    def _instant_of(self, time: dt.time | dt.datetime) -> dt.datetime:
        """Where a new time falls: a clock time goes on the incident day closest to the events."""
        zone = tl.zone_of(self.document)
        if isinstance(time, dt.datetime):
            return time.replace(tzinfo=zone) if time.tzinfo is None else time.astimezone(zone)
        known = sorted(self.instants())
        days = sorted({instant.date() for instant in known}) or [self.document.incident.date or tl.UNDATED]

        def distance(candidate: dt.datetime) -> dt.timedelta:
            at = bisect.bisect_left(known, candidate)
            near = known[max(0, at - 1): at + 1]
            return min((abs(candidate - other) for other in near), default=dt.timedelta(0))

        candidates = [dt.datetime.combine(day, time, tzinfo=zone) for day in days]
        return min(candidates, key=distance)

    def _free_event_id(self) -> str:
        """The id a new event gets. Scanning 10,000 ids costs more than the rest of an edit, so the
        answer is kept with the timeline list it was computed from (edits replace that list)."""
        timeline = self.document.timeline
        if self._next_event_id is None or self._next_event_id[0] is not timeline:
            self._next_event_id = (timeline, edits.new_ids("T", {item.id for item in timeline if item.id}, 1)[0])
        return self._next_event_id[1]

    def add_event(self, time_text: str, event: str, source: str | None = None, milestone: str | None = None) -> int:
        """Insert a new event in time order; returns its index."""
        timeline = list(self.document.timeline)
        new = self._event(time_text, event, source, milestone, self._free_event_id(), "timeline[new]")
        index = edits.time_ordered_position(self._instant_of(new.time), self.instants())
        timeline.insert(index, new)
        timeline, note = edits.take_milestone(timeline, index)
        self._put("timeline", timeline)
        self._next_event_id = (timeline, edits.new_ids("T", {new.id}, 1)[0])  # new.id was the highest
        self._changed(Area.TIMELINE, note)
        return index

    def update_event(self, index: int, time_text: str, event: str, source: str | None, milestone: str | None) -> int:
        """Replace an event's fields; a new time moves it to its place in time order. Returns its index."""
        timeline = list(self.document.timeline)
        old = timeline[index]
        new = self._event(time_text, event, source, milestone, old.id, f"timeline[{index}]")
        del timeline[index]
        if new.time == old.time:
            position = index
        else:
            instants = [instant for at, instant in enumerate(self.instants()) if at != index]
            self._instants = instants  # the instants of the timeline without the moved event
            position = edits.time_ordered_position(self._instant_of(new.time), instants)
        timeline.insert(position, new)
        timeline, note = edits.take_milestone(timeline, position)
        self._put("timeline", timeline)
        self._changed(Area.TIMELINE, note)
        return position

    def delete_event(self, index: int) -> None:
        """Remove an event; whys that cited it as evidence stop citing it."""
        removed = self.document.timeline[index]
        citing = any(removed.id in why.evidence for why in self.document.whys)
        after = edits.delete_event(self.document, index)
        self._put("timeline", after.timeline)
        if citing:
            self._put("whys", after.whys)
            self._changed(Area.WHYS)
        self._changed(Area.TIMELINE, f"deleted {removed.id}")

    def move_event(self, index: int, step: int) -> int:
        """Swap with a neighbour at the same time (the order of simultaneous events is the room's call)."""
        target = index + step
        timeline = list(self.document.timeline)
        if not 0 <= target < len(timeline):
            return index
        instants = self.instants()
        if instants[index] != instants[target]:
            raise EditError(
                f"timeline[{index}]: events stay in time order; change the time of {timeline[index].id} to move it"
            )
        timeline[index], timeline[target] = timeline[target], timeline[index]
        self._put("timeline", timeline)
        self._changed(Area.TIMELINE)
        return target

    def toggle_key_event(self, index: int) -> bool:
        """Flip an event's `key` mark (the events the export's short timeline keeps); returns it."""
        timeline = list(self.document.timeline)
        timeline[index] = timeline[index].model_copy(update={"key": not timeline[index].key})
        self._put("timeline", timeline)
        self._changed(Area.TIMELINE)
        return timeline[index].key

    def sort_timeline(self) -> bool:
        """Put an imported or hand-edited timeline in time order. False when it already was."""
        order = tl.sort_key_order(self.document)
        if order == sorted(order):
            return False
        self._put("timeline", [self.document.timeline[index] for index in order])
        self._changed(Area.TIMELINE, "timeline sorted by time")
        return True

    def import_timeline(self, plan: Any, planned_on: Document) -> None:
        """Apply an import (a `pmtui.importers.merge.MergePlan`) planned on a copy of this document.

        Edits are copy-on-write, so the same timeline and incident objects mean nothing the plan
        read has changed; otherwise it could drop an event added meanwhile."""
        document = self.document
        if document.timeline is not planned_on.timeline or document.incident is not planned_on.incident:
            raise EditError("timeline: it changed while the import was prepared; preview the import again")
        self._put("timeline", plan.timeline)
        self._changed(Area.TIMELINE, "imported: " + plan.summary())

    # ---------------------------------------------------------------------------- whys

    def _why_index(self, why_id: str) -> int:
        for index, why in enumerate(self.document.whys):
            if why.id == why_id:
                return index
        raise EditError(f'whys: no why "{why_id}"')

    def _answer(self, answer: str, where: str) -> str:
        answer = answer.strip()
        if not answer:
            raise EditError(f"{where}.answer: must not be empty")
        return answer

    def add_why(self, parent_id: str | None, answer: str, question: str | None = None) -> Why:
        """A new answer under `parent_id` (None: a first-level why under the problem)."""
        answer = self._answer(answer, "whys[new]")
        if parent_id is not None:
            self._why_index(parent_id)
        whys = self.document.whys
        new = Why(id=why_tree.next_child_id(whys, parent_id), answer=answer, question=_blank_to_none(question))
        self._put("whys", why_tree.sort_whys([*whys, new]))
        self._changed(Area.WHYS)
        return new

    def add_sibling_why(self, why_id: str, answer: str, question: str | None = None) -> Why:
        """A second cause at the same level as `why_id`."""
        return self.add_why(why_tree.parent_of(why_id), answer, question)

    def _replace_why(self, why_id: str, **changes: Any) -> Why:
        index = self._why_index(why_id)
        whys = list(self.document.whys)
        whys[index] = _rebuild(whys[index], f"whys[{index}]", **changes)
        self._put("whys", whys)
        self._changed(Area.WHYS)
        return whys[index]

    def update_why(self, why_id: str, answer: str, question: str | None) -> Why:
        where = f"whys[{self._why_index(why_id)}]"
        return self._replace_why(why_id, answer=self._answer(answer, where), question=_blank_to_none(question))

    def toggle_why_flag(self, why_id: str, flag: str) -> bool:
        """Flip `root` or `accepted_risk`; returns the new value."""
        if flag not in ("root", "accepted_risk"):
            raise ValueError(flag)
        current = self.document.whys[self._why_index(why_id)]
        return getattr(self._replace_why(why_id, **{flag: not getattr(current, flag)}), flag)

    def set_evidence(self, why_id: str, event_ids: list[str]) -> None:
        known = {event.id for event in self.document.timeline}
        unknown = [event_id for event_id in event_ids if event_id not in known]
        if unknown:
            raise EditError(f'whys: unknown timeline event "{unknown[0]}"')
        self._replace_why(why_id, evidence=list(dict.fromkeys(event_ids)))

    def delete_why(self, why_id: str) -> list[str]:
        """Delete a why and its subtree; later siblings renumber and action-item links follow them."""
        self._why_index(why_id)
        # remove_subtree rewrites action items' links in place: give it copies (copy-on-write).
        self._put("action_items", [item.model_copy() for item in self.document.action_items])
        removed = why_tree.remove_subtree(self.document, why_id)
        self._changed(Area.ACTIONS)
        self._changed(Area.WHYS, f"deleted why {why_id}" + (f" and {len(removed) - 1} below it" if len(removed) > 1 else ""))
        return removed

    # ---------------------------------------------------------------------------- action items

    def _action(self, fields: dict[str, str], item_id: str, where: str) -> ActionItem:
        values: dict[str, Any] = {key: _blank_to_none(value) for key, value in fields.items()}
        values["action"] = (fields.get("action") or "").strip()
        values["due"] = parse_date(fields.get("due", ""), f"{where}.due")
        values["status"] = values.get("status") or "open"
        addresses = values.get("addresses")
        if addresses and not any(why.id == addresses for why in self.document.whys):
            raise EditError(f'{where}.addresses: no why "{addresses}"')
        try:
            return ActionItem(id=item_id, **values)
        except ValidationError as exc:
            raise EditError(_problem(where, exc)) from None

    def add_action(self, fields: dict[str, str]) -> int:
        """Append an action item from form text (action, owner, due, priority, status, kind, addresses, ticket)."""
        items = list(self.document.action_items)
        [item_id] = edits.new_ids("AI-", {item.id for item in items if item.id}, 1)
        items.append(self._action(fields, item_id, "action_items[new]"))
        self._put("action_items", items)
        self._changed(Area.ACTIONS)
        return len(items) - 1

    def update_action(self, index: int, fields: dict[str, str]) -> None:
        items = list(self.document.action_items)
        items[index] = self._action(fields, items[index].id or "", f"action_items[{index}]")
        self._put("action_items", items)
        self._changed(Area.ACTIONS)

    def link_action(self, index: int, why_id: str | None) -> None:
        if why_id is not None:
            self._why_index(why_id)
        items = list(self.document.action_items)
        items[index] = items[index].model_copy(update={"addresses": why_id})
        self._put("action_items", items)
        self._changed(Area.ACTIONS)

    def delete_action(self, index: int) -> None:
        items = list(self.document.action_items)
        removed = items.pop(index)
        self._put("action_items", items)
        self._changed(Area.ACTIONS, f"deleted {removed.id}")

    # ---------------------------------------------------------------------------- text lists

    def text_list(self, name: str) -> list[str]:
        section, field = TEXT_LISTS[name]
        return getattr(getattr(self.document, section), field)

    def _put_text_list(self, name: str, values: list[str]) -> None:
        section, field = TEXT_LISTS[name]
        self._put(section, getattr(self.document, section).model_copy(update={field: values}))
        self._changed(_LIST_AREA[section])

    def _line(self, name: str, text: str) -> str:
        text = text.strip()
        if not text:
            raise EditError(f"{'.'.join(TEXT_LISTS[name])}: an entry must not be empty")
        return text

    def add_text(self, name: str, text: str) -> int:
        values = [*self.text_list(name), self._line(name, text)]
        self._put_text_list(name, values)
        return len(values) - 1

    def update_text(self, name: str, index: int, text: str) -> None:
        values = list(self.text_list(name))
        values[index] = self._line(name, text)
        self._put_text_list(name, values)

    def replace_text_list(self, name: str, values: list[str]) -> None:
        self._put_text_list(name, [self._line(name, value) for value in values])

    def delete_text(self, name: str, index: int) -> None:
        values = list(self.text_list(name))
        del values[index]
        self._put_text_list(name, values)

    def settle_parked(self, index: int, into: str, action_fields: dict[str, str] | None = None) -> str:
        """Turn parking-lot item `index` into an action item (with `action_fields` such as owner and
        due), a lesson or an open question (`into`: "action", "lessons" or "open_questions"); it
        leaves the parking lot. Returns what it became."""
        parked = list(self.text_list("parking_lot"))
        text = parked.pop(index)
        if into == "action":
            added = self.add_action({**(action_fields or {}), "action": text})
            landed = self.document.action_items[added].id or "an action item"
        else:
            self.add_text(into, text)
            landed = "a lesson" if into == "lessons" else "an open question"
        self._put_text_list("parking_lot", parked)
        return landed

    # ---------------------------------------------------------------------------- meeting record

    def record_agenda(self, write_record: Callable[[Any], None]) -> None:
        """Store the agenda's state in [meeting] (`write_record` is `Agenda.write_record`)."""
        record = self.document.meeting.model_copy()
        write_record(record)
        if record.model_copy(update={"updated": self.document.meeting.updated}) == self.document.meeting:
            return  # only the time of writing would change (a paused meeting opened and closed): no edit
        self._put("meeting", record)
        self._changed(Area.MEETING)

    # ---------------------------------------------------------------------------- review findings

    @property
    def review_config(self) -> ReviewConfig:
        """The thresholds the review and F9 hold the document to, as `pmtui check` does: the team
        policy's, or the built-in policy's (loaded when first needed: it brings the review rules)."""
        if self._review_config is None:
            from pmtui.policy import DEFAULT_POLICY
            from pmtui.review.findings import review_config

            self._review_config = review_config(DEFAULT_POLICY)
        return self._review_config

    def review_findings(self) -> list[Finding]:
        """The review assistant's findings for the current revision."""
        if self._review_cache is not None and self._review_cache[0] == self.revision:
            return self._review_cache[1]
        from pmtui.review import ReviewMemo, review  # loaded after the first frame, with the first review pass

        # edits replace the sections they change (`_put`), so the memo can tell what an edit left alone
        self._review_memo = self._review_memo or ReviewMemo()
        found = review(self.document, today=self.today(), config=self.review_config, instants=self.instants(),
                       memo=self._review_memo)
        self._review_cache = (self.revision, found)
        return found

    def _apply_review(self, finding: Finding, change: Callable[[Document], Any], area: str) -> None:
        """Run a review helper that edits the document, on a copy so a running save never sees it half-done.

        Only for a finding about the document as it is now: a list shown a moment ago may hold one
        whose path (`timeline[3].event`) points at another row since an event was inserted."""
        if finding not in self.review_findings():
            raise EditError(f"{finding.ref}: changed since this finding was shown; it is no longer current")
        copy = self.document.model_copy(deep=True)
        try:
            change(copy)
        except ValueError as exc:
            raise EditError(str(exc)) from None
        self.loaded.document = copy
        self._instants = None
        self._spans_days = None
        self._changed(area)

    def dismiss_finding(self, finding: Finding, reason: str) -> None:
        from pmtui.review import dismiss

        reason = reason.strip()
        if not reason:
            raise EditError("dismissals: say why the finding does not apply (the reason is kept in the document)")
        self._apply_review(finding, lambda document: dismiss(document, finding, reason), Area.FINDINGS)

    def dismiss_rule(self, rule: str, reason: str) -> int:
        """Dismiss every open finding of one rule with one reason; how many it dismissed."""
        from pmtui.review import dismiss_rule

        reason = reason.strip()
        if not reason:
            raise EditError("dismissals: say why the findings do not apply (the reason is kept in the document)")
        findings = [finding for finding in self.review_findings() if finding.rule == rule]
        if findings:
            self._apply_review(findings[0], lambda document: dismiss_rule(document, findings, rule, reason),
                               Area.FINDINGS)
        return len(findings)

    def apply_suggestion(self, finding: Finding) -> None:
        from pmtui.review import apply_replacement

        if finding.replacement:
            self._apply_review(finding, lambda document: apply_replacement(document, finding), finding_area(finding))

    # ---------------------------------------------------------------------------- saving

    def snapshot(self) -> SaveJob | None:
        """The document as it is now, to write while edits go on, or None (nothing new, or a file
        changed on disk stops saving). One save at a time is the autosave's business."""
        if self.conflict or not self.dirty:
            return None
        loaded = self.loaded
        snapshot = storage.Loaded(
            loaded.document.model_copy(), loaded.path, loaded.format,
            loaded.fingerprint, loaded.preamble, loaded.extras,
        )
        return SaveJob(self.revision, snapshot)

    def saved(self, outcome: SaveOutcome) -> None:
        """What a save of a snapshot came to: clean up to its revision, an error, or a conflict."""
        if outcome.fingerprint is not None:
            self.loaded.fingerprint = outcome.fingerprint
            self.saved_revision = max(self.saved_revision, outcome.revision)
            self.save_error = None
        elif outcome.conflict:
            self.conflict = outcome.error
        else:
            self.save_error = outcome.error

    def save_now(self) -> SaveOutcome:
        """Save on the calling thread (when quitting); the outcome is already applied."""
        job = self.snapshot()
        if job is None:
            return SaveOutcome(self.revision, error=self.conflict, conflict=bool(self.conflict))
        outcome = run_save(job)
        self.saved(outcome)
        return outcome

    def save_recovery_copy(self) -> Path:
        """Write the edits beside the file under a new name, never over any file (after a conflict
        or a failed save), and return that name for the user."""
        return storage.save_recovery(self.loaded)

    def _replace_loaded(self, loaded: storage.Loaded) -> None:
        """Continue on another loaded file: everything redraws, and it counts as saved."""
        self.loaded = loaded
        self.conflict = self.save_error = None
        self._instants = None
        self._review_cache = None
        for area in (Area.INCIDENT, Area.IMPACT, Area.TIMELINE, Area.DETECTION, Area.ROOT_CAUSE,
                     Area.WHYS, Area.ACTIONS, Area.FINDINGS):
            self._changed(area)
        self.saved_revision = self.revision

    def reload(self) -> Path | None:
        """Read the file as it is on disk now (someone else changed it), after writing the unsaved
        edits to a recovery file; returns that file, or None when nothing was unsaved."""
        recovery = self.save_recovery_copy() if self.dirty else None
        try:
            loaded = storage.load(self.path)
        except storage.DocumentError as exc:
            raise EditError(str(exc)) from None
        self._replace_loaded(loaded)
        return recovery

    def save_as(self, path: Path) -> None:
        """Write the document to a new file (never over one) and continue there."""
        loaded = self.loaded
        try:
            same_format = storage.format_for(path) == loaded.format  # a TOML comment or JSON "$schema" stays in its kind
            saved = storage.save_new(self.document.model_copy(), path, preamble=loaded.preamble if same_format else "",
                                     extras=loaded.extras if same_format else None)
        except storage.DocumentError as exc:
            raise EditError(str(exc)) from None
        self._replace_loaded(saved)


def finding_area(finding: Finding) -> str:
    """The document area a review finding's field path points into."""
    head = finding.path.split(".")[0].split("[")[0]
    return {
        "incident": Area.INCIDENT, "impact": Area.IMPACT, "timeline": Area.TIMELINE,
        "detection": Area.DETECTION, "root_cause": Area.ROOT_CAUSE, "whys": Area.WHYS,
        "action_items": Area.ACTIONS, "findings": Area.FINDINGS,
    }.get(head, Area.FINDINGS)
