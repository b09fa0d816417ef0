"""The review assistant: rules that turn a document into findings, used by `pmtui check` and the app.

Pure: imports only `pmtui.document` and the standard library. Severity follows one principle: a
finding is an error only where it breaks a requirement of the status the document claims, which
for review findings means blame language past `draft`; everything else is a warning.

Status requirements themselves (a summary for `in_review`, owners and due dates for `final`…)
belong to `pmtui.document.gates`, and `pmtui check` reports them as errors. Where a review rule
says the same thing as a requirement the claimed status already makes (a missing owner in a
`final` document), the rule stays quiet, so one problem is reported once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pmtui.document import gates
from pmtui.document.model import Dismissal, Document, Status
from pmtui.review import actions, blame, counterfactual, root_cause, severity, timeline_rules
from pmtui.review.fields import field_text, screen_ref, set_field, text_fields
from pmtui.review.findings import ERROR, INFO, WARNING, Finding, ReviewConfig, ReviewContext
from pmtui.review.memo import ReviewMemo

__all__ = [
    "ERROR",
    "INFO",
    "WARNING",
    "Finding",
    "ReviewConfig",
    "ReviewMemo",
    "apply_replacement",
    "blocking_findings",
    "review_at",
    "dismiss",
    "dismiss_rule",
    "field_text",
    "is_dismissed",
    "review",
    "text_fields",
]

RULES = [*blame.RULES, *counterfactual.RULES, *actions.RULES, *timeline_rules.RULES, *root_cause.RULES, *severity.RULES]

# Rules that restate a status requirement: silent where the claimed status's gate reports it.
RESTATES_A_GATE = frozenset(
    {"action-owner-missing", "action-due-missing", "whys-shallow", "severity-missing", "severity-formality"}
)
_SECTION_ORDER = {name: position for position, name in enumerate(Document.model_fields)}


def review(
    document: Document,
    *,
    today: dt.date | None = None,
    config: ReviewConfig | None = None,
    instants: list[dt.datetime] | None = None,
    memo: ReviewMemo | None = None,
) -> list[Finding]:
    """Every finding the team has not dismissed, in document order.

    `instants`: the document's resolved times (`timeline.resolve_times`) when the caller keeps them,
    so a 10,000-event timeline is not resolved again. `memo`: an editor's `ReviewMemo`, so a pass
    after an edit rereads only the sections the edit replaced."""
    return _review(document, document.incident.status, today, config, instants, memo)


def review_at(document: Document, status: Status, config: ReviewConfig | None = None) -> list[Finding]:
    """The findings as if the document had `status`: what F9 shows before a move to it."""
    return _review(document, status, None, config, None, None)


def blocking_findings(document: Document, target_status: Status, config: ReviewConfig | None = None) -> list[Finding]:
    """Findings to fix or dismiss before moving to `target_status`: the errors when the document is
    judged at that status, which is blame language from `in_review` on. Warnings never block. What
    the status itself requires comes from `gates.unmet(document, target_status)`, not from here.
    """
    return [finding for finding in review_at(document, target_status, config) if finding.severity == ERROR]


def _review(
    document: Document,
    status: Status,
    today: dt.date | None,
    config: ReviewConfig | None,
    instants: list[dt.datetime] | None,
    memo: ReviewMemo | None,
) -> list[Finding]:
    config = config or ReviewConfig()
    context = ReviewContext(document, status, today or dt.date.today(), config, instants)
    depth = config.final_why_depth(document.incident.severity)
    required = {requirement.path for requirement in gates.unmet(document, status, min_why_depth=depth)}
    findings = [
        finding
        for rule in RULES
        for finding in (rule(context) if memo is None else memo.findings(rule, context))
        if not (finding.rule in RESTATES_A_GATE and finding.path in required)
    ]
    if document.dismissals:
        findings = [finding for finding in findings if not is_dismissed(document, finding)]
    return sorted(
        (replace(finding, ref=screen_ref(document, finding.path)) for finding in findings),
        key=_document_order,
    )


def _document_order(finding: Finding) -> tuple[int, int]:
    section = finding.path.split(".", 1)[0].split("[", 1)[0]
    _, bracket, rest = finding.path.partition("[")
    index = int(rest.split("]", 1)[0]) if bracket else -1
    return _SECTION_ORDER.get(section, len(_SECTION_ORDER)), index


def is_dismissed(document: Document, finding: Finding) -> bool:
    """A dismissal covers a finding with its rule and path, while the field still reads as it did."""
    return any(
        dismissal.rule == finding.rule
        and dismissal.path == finding.path
        and (dismissal.text is None or dismissal.text == field_text(document, finding.path))
        for dismissal in document.dismissals
    )


def dismiss(document: Document, finding: Finding, reason: str) -> Dismissal:
    """Record that the team keeps this finding's text, and why; replaces an older dismissal of it."""
    if not reason.strip():
        raise ValueError(f"{finding.path}: a dismissal needs a reason")
    dismissal = Dismissal(
        rule=finding.rule, path=finding.path, reason=reason.strip(), text=field_text(document, finding.path)
    )
    kept = [old for old in document.dismissals if (old.rule, old.path) != (finding.rule, finding.path)]
    document.dismissals = [*kept, dismissal]
    return dismissal


def dismiss_rule(document: Document, findings: list[Finding], rule: str, reason: str) -> list[Dismissal]:
    """Dismiss every finding of `rule` among `findings` with one reason, recorded per finding (so a
    field that changes later brings its finding back on its own)."""
    return [dismiss(document, finding, reason) for finding in findings if finding.rule == rule]


def apply_replacement(document: Document, finding: Finding) -> None:
    """Apply a finding's suggested rewrite to its field. ValueError when it has none or it no longer fits."""
    if finding.replacement is None:
        raise ValueError(f"{finding.path}: {finding.rule} has no rewrite to apply")
    set_field(document, finding.path, finding.replacement)
