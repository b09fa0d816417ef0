"""How the postmortem process went, judged against the team's policy: `pmtui check` runs these.

Unlike the review rules, these look beyond the text: at the clock (was the draft started and the
review held in time), at who facilitated, and at the library (is this the same minor incident a
third time). They are not live rules in the meeting app: while the room is reviewing, "the review
is late" is no help.

Rule ids: `policy-draft-late`, `policy-review-late`, `policy-due-slo` (warnings), `policy-repeat`
(a warning: write a full postmortem), `policy-facilitator` (a note).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pmtui.document.model import Document, Status
from pmtui.document.timeline import business_days_between, durations, process_times, resolve_times, zone_of
from pmtui.policy import Policy, due_by_policy, postmortem_required
from pmtui.review.findings import WARNING, Finding

NOTE = "note"
# A past incident this close (0..1, the similar-incidents score) is "the same incident again":
# well above the panel's threshold for "worth a look".
REPEAT_SCORE = 0.35
REPEATS_FOR_FULL_POSTMORTEM = 2  # two before this one: this is the third


def _late_span(value: dt.timedelta) -> str:
    hours = value.total_seconds() / 3600
    return f"{value.days} days" if value.days >= 2 else f"{hours:.0f} h"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def timeliness(document: Document, policy: Policy, today: dt.date,
               instants: list[dt.datetime] | None = None) -> list[Finding]:
    """A draft started later than the policy allows after `resolved`; a review held (or, for a
    draft, still not held today) later than its business days allow. Only for postmortems the
    policy requires (or where it cannot tell: a SEV3 whose impact is unknown)."""
    if instants is None:
        instants = resolve_times(document)
    impact = durations(document, instants).customer_impact
    required, _ = postmortem_required(document, policy, None if impact is None else impact.total_seconds() / 60)
    if required is False:  # no deadline for a postmortem the policy does not ask for
        return []
    times = process_times(document, instants)
    if times.resolved is None:
        return []
    findings = []
    if times.to_draft is not None and times.to_draft > dt.timedelta(hours=policy.draft_due_hours):
        findings.append(Finding(
            "policy-draft-late", WARNING, "incident.draft_started",
            f"draft started {_late_span(times.to_draft)} after resolution; policy: {policy.draft_due_hours:g} h",
            "Start the draft while memories and chat logs are fresh: the day after, not the week after",
        ))
    days_allowed = policy.review_due_business_days
    if times.business_days_to_review is not None:
        days = times.business_days_to_review
        said = f"review started {_plural(days, 'business day')} after resolution"
    elif document.incident.status == Status.DRAFT:
        days = business_days_between(times.resolved.astimezone(zone_of(document)).date(), today)
        said = f"no review yet, {_plural(days, 'business day')} after resolution"
    else:
        return findings
    if days > days_allowed:
        findings.append(Finding(
            "policy-review-late", WARNING, "meeting.started",
            f"{said}; policy: {_plural(days_allowed, 'business day')}",
            "Hold the review within days, while the people involved still remember why they did what they did",
        ))
    return findings


def due_dates_past_slo(document: Document, policy: Policy) -> list[Finding]:
    """Open P1/P2 action items due later than the policy's SLO allows after the incident
    (Atlassian's 4 and 8 weeks by default): a far-off date is how priority actions slip."""
    day = document.incident.date
    if day is None:
        return []
    findings = []
    for index, item in enumerate(document.action_items):
        latest = due_by_policy(policy, item.priority, day)
        if latest is None or item.due is None or item.due <= latest or not item.status.is_open:
            continue
        weeks = policy.action_due_weeks[item.priority]
        findings.append(Finding(
            "policy-due-slo", WARNING, f"action_items[{index}].due",
            f"{item.id} ({item.priority}) is due {item.due.isoformat()}, {(item.due - day).days} days after the "
            f"incident; policy: within {weeks} weeks",
            f"Bring it forward to {latest.isoformat()}, or lower its priority if it can wait",
        ))
    return findings


def _acts(name: str, text: str) -> bool:
    """The name in an event, as the one doing something: "Maria restarted…", "Maria Lopez: …"."""
    full = re.escape(name.strip())
    first = re.escape(name.split()[0])
    return bool(re.search(rf"\b{full}\b", text, re.IGNORECASE) or re.match(rf"\s*{first}\b", text, re.IGNORECASE))


def facilitator_acting(document: Document) -> list[Finding]:
    """The guides ask for a facilitator who was not part of the response: say where they acted."""
    name = (document.incident.facilitator or "").strip()
    if not name:
        return []
    for index, event in enumerate(document.timeline):
        if _acts(name, event.event) or (event.source or "").strip().casefold() == name.casefold():
            return [Finding(
                "policy-facilitator", NOTE, f"timeline[{index}].event",
                f'the facilitator "{name}" acts in the timeline ({event.id}); a facilitator who was part of '
                "the response finds it hard to keep the review neutral",
                "Ask someone who was not involved to facilitate, or say in the review why it is the same person",
            )]
    return []


def repeated_minor_incident(document: Document, policy: Policy, similar: Sequence) -> list[Finding]:
    """The third similar minor incident gets a full postmortem.

    `similar`: `library.similar.SimilarIncident`s for this document (its own file excluded). Counted:
    those at least REPEAT_SCORE alike and not dated after this incident.
    """
    rules = policy.rules_for(document.incident.severity)
    if rules is None or rules.postmortem == "always":
        return []
    day = document.incident.date
    earlier = [incident for incident in similar
               if incident.score >= REPEAT_SCORE and (day is None or incident.date is None or incident.date <= day)]
    if len(earlier) < REPEATS_FOR_FULL_POSTMORTEM:
        return []
    named = "; ".join(f'"{incident.title}"' + (f" ({incident.date.isoformat()})" if incident.date else "")
                      for incident in earlier[:3])
    return [Finding(
        "policy-repeat", WARNING, "incident.severity",
        f"{len(earlier)} similar incidents happened before: {named}",
        "The same minor incident a third time needs a full postmortem: raise the severity, "
        "use the standard layout and dig for the cause they share",
    )]
