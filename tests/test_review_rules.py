"""Every review rule beyond blame: each fires on the problem and stays quiet without it.

Also: dismissals, applying rewrites by path, error-versus-warning logic, what blocks a status
change, and `pmtui check` on a deliberately blameful, vague draft.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from pmtui.checking import check_paths
from pmtui.document.model import Document, Status
from pmtui.document.timeline import resolve_times
from pmtui.review import (
    Finding,
    ReviewConfig,
    apply_replacement,
    blocking_findings,
    review_at,
    dismiss,
    field_text,
    review,
)
from pmtui.review.fields import set_field
from tests.document_factory import events, make_document, whys

TODAY = dt.date(2026, 4, 21)
BLAMEFUL_DRAFT = Path(__file__).parent / "review" / "blameful_draft.toml"


def findings(document: Document, rule: str, **options: Any) -> list[Finding]:
    return [finding for finding in review(document, today=TODAY, **options) if finding.rule == rule]


def paths(document: Document, rule: str, **options: Any) -> list[str]:
    return [finding.path for finding in findings(document, rule, **options)]


def item(**fields: Any) -> dict[str, Any]:
    return {"action": "Alert on pool saturation above 80%", "owner": "Maria", "due": "2026-05-01", **fields}


# ------------------------------------------------------------------------------------ action items


def test_owner_and_due_missing_on_open_items_only() -> None:
    document = make_document(action_items=[
        item(owner=None, due=None), item(), item(owner=None, due=None, status="done"),
    ])
    assert paths(document, "action-owner-missing") == ["action_items[0].owner"]
    assert paths(document, "action-due-missing") == ["action_items[0].due"]


def test_due_missing_proposes_a_date_by_priority() -> None:
    document = make_document(action_items=[item(due=None, priority="P1")])
    (finding,) = findings(document, "action-due-missing")
    assert finding.replacement == "2026-05-05"
    apply_replacement(document, finding)
    assert document.action_items[0].due == dt.date(2026, 5, 5)


def test_overdue_only_while_open() -> None:
    document = make_document(action_items=[
        item(due="2026-04-01"), item(due="2026-04-01", status="done"), item(due="2026-04-21"),
    ])
    (finding,) = findings(document, "action-overdue")
    assert finding.path == "action_items[0].due"
    assert "20 days ago" in finding.message


@pytest.mark.parametrize(
    ("action", "rewritten"),
    [
        ("Be more careful with certificates", "Add an automated check or guard rail for certificates"),
        ("Pay more attention to the disk usage graphs", "Add an alert on the disk usage graphs"),
        ("Remember to renew the certificate", "Automate the step to renew the certificate so nobody has to remember it"),
        ("Look into connection pool sizing", "Timebox an investigation of connection pool sizing and file the concrete fix as a new action item"),
        ("Double-check the replica count before failover", "Automate the check of the replica count before failover"),
        ("Communicate better with support", "Set a status-update channel and cadence with support"),
        ("Try harder next time", None),
    ],
)
def test_vague_actions(action: str, rewritten: str | None) -> None:
    (finding,) = findings(make_document(action_items=[item(action=action)]), "action-vague")
    assert finding.path == "action_items[0].action"
    assert finding.replacement == rewritten
    assert finding.suggestion


def test_concrete_actions_are_not_vague() -> None:
    concrete = ["Alert when pool usage exceeds 80% for 5 minutes", "Add a lock_timeout of 5s to migrations",
                "Automate certificate renewal with cert-manager"]
    assert paths(make_document(action_items=[item(action=text) for text in concrete]), "action-vague") == []


def test_shallow_action_when_the_tree_goes_deeper() -> None:
    tree = whys("1", "1.1", "1.1.1")
    shallow = make_document(whys=tree, action_items=[item(addresses="1")])
    deep_too = make_document(whys=tree, action_items=[item(addresses="1"), item(addresses="1.1.1")])
    flat = make_document(whys=whys("1"), action_items=[item(addresses="1")])
    (finding,) = findings(shallow, "action-shallow")
    assert finding.path == "action_items[0]" and '"1.1.1"' in (finding.suggestion or "")
    assert paths(deep_too, "action-shallow") == []
    assert paths(flat, "action-shallow") == []


def test_too_many_open_items_is_configurable() -> None:
    document = make_document(action_items=[item() for _ in range(11)] + [item(status="done")])
    assert paths(document, "action-too-many") == ["action_items"]
    assert paths(document, "action-too-many", config=ReviewConfig(max_open_items=11)) == []


# ---------------------------------------------------------------------------------------- timeline


def test_events_out_of_order() -> None:
    assert paths(make_document(timeline=events("14:00", "14:10", "14:05")), "timeline-order") == ["timeline[2].time"]
    assert paths(make_document(timeline=events("23:50", "23:58", "00:03")), "timeline-order") == []  # past midnight


def test_milestones_out_of_order() -> None:
    reversed_detection = events("14:00", "13:50", milestones={0: "impact_start", 1: "detected"})
    (finding,) = findings(make_document(timeline=reversed_detection), "milestone-order")
    assert finding.path == "timeline[1].time" and "detected (13:50) is before impact_start (14:00)" in finding.message
    in_order = events("13:50", "14:00", "14:05", milestones={0: "trigger", 1: "impact_start", 2: "detected"})
    assert paths(make_document(timeline=in_order), "milestone-order") == []


def test_declared_cannot_precede_detection() -> None:
    timeline = events("14:00", "13:55", milestones={0: "detected", 1: "declared"})
    assert paths(make_document(timeline=timeline), "milestone-order") == ["timeline[1].time"]


def test_silent_gaps_inside_the_impact_window_only() -> None:
    timeline = events("09:00", "14:00", "14:05", "14:30", "14:35", "16:00",
                      milestones={1: "impact_start", 4: "mitigated", 5: "resolved"})
    (finding,) = findings(make_document(timeline=timeline), "timeline-gap")
    assert finding.path == "timeline[3].time"
    assert finding.message.startswith("Nothing is recorded between 14:05 and 14:30 (25m): what happened?")
    assert paths(make_document(timeline=timeline), "timeline-gap", config=ReviewConfig(timeline_gap_minutes=30)) == []


def test_silent_gaps_count_real_time_across_a_dst_change() -> None:
    # Berlin moved clocks from 02:00 to 03:00 on 2026-03-29: 01:55 -> 03:04 is 9 minutes, no gap.
    timeline = events("01:50", "01:55", "03:04", "03:06", milestones={0: "impact_start", 3: "resolved"})
    document = make_document({"date": "2026-03-29", "timezone": "Europe/Berlin"}, timeline=timeline)
    assert paths(document, "timeline-gap") == []


def test_the_review_uses_the_instants_the_caller_already_resolved() -> None:
    """The app resolves a 10,000-event timeline once per edit and hands the result to the review."""
    timeline = events("14:00", "14:05", "14:10", milestones={0: "impact_start", 2: "resolved"})
    document = make_document({"date": "2026-04-20"}, timeline=timeline)
    instants = resolve_times(document)
    assert paths(document, "timeline-gap", instants=instants) == []
    stretched = [instants[0], instants[1], instants[1] + dt.timedelta(hours=1)]
    assert paths(document, "timeline-gap", instants=stretched) == ["timeline[2].time"]


def test_missing_milestones_named_in_one_finding() -> None:
    (finding,) = findings(make_document(timeline=events("14:00", "14:10", milestones={0: "impact_start"})), "milestone-missing")
    assert finding.path == "timeline" and "detected, resolved" in finding.message
    complete = events("14:00", "14:05", "14:30", milestones={0: "impact_start", 1: "detected", 2: "resolved"})
    assert paths(make_document(timeline=complete), "milestone-missing") == []
    assert paths(make_document(), "milestone-missing") == []  # no timeline yet: nothing to mark


def test_slow_detection_with_the_figure_and_a_hint() -> None:
    timeline = events("13:50", "14:00", "14:12", milestones={0: "trigger", 1: "impact_start", 2: "detected"})
    (finding,) = findings(make_document(timeline=timeline), "detection-slow")
    assert finding.path == "timeline[2].time"
    assert "detection gap 12m and time to detect 22m, above 5m" in finding.message
    assert "detect" in (finding.suggestion or "")
    assert paths(make_document(timeline=timeline), "detection-slow", config=ReviewConfig(detection_threshold_minutes=30)) == []
    with_detect_item = make_document(timeline=timeline, action_items=[item(kind="detect")])
    assert paths(with_detect_item, "detection-slow") == []


def test_times_outside_the_incident() -> None:
    timeline = [
        {"time": "2026-04-19T23:00:00", "event": "the day before"},
        {"time": "2026-04-20T10:00:00", "event": "start"},
        {"time": "2026-04-20T11:00:00", "event": "closed", "milestone": "closed"},
        {"time": "2026-04-20T12:00:00", "event": "after closing"},
    ]
    document = make_document({"date": "2026-04-20"}, timeline=timeline)
    assert paths(document, "timeline-outside") == ["timeline[0].time", "timeline[3].time"]


# -------------------------------------------------------------------------------------- root cause


def test_shallow_chain_for_major_incidents_only() -> None:
    assert paths(make_document({"severity": "SEV1"}, whys=whys("1", "1.1")), "whys-shallow") == ["whys"]
    assert paths(make_document({"severity": "SEV1"}, whys=whys("1", "1.1", "1.1.1")), "whys-shallow") == []
    assert paths(make_document({"severity": "SEV3"}, whys=whys("1")), "whys-shallow") == []


def test_no_root_marked() -> None:
    assert paths(make_document(whys=whys("1", "1.1")), "whys-no-root") == ["whys"]
    marked = [{"id": "1", "answer": "a"}, {"id": "1.1", "answer": "b", "root": True}]
    assert paths(make_document(whys=marked), "whys-no-root") == []
    assert paths(make_document(), "whys-no-root") == []


@pytest.mark.parametrize(
    ("answer", "is_person"),
    [
        ("Human error", True),
        ("The engineer ran the wrong command", True),
        ("Maria forgot to renew it", True),
        ("The migration tool takes an exclusive lock without a timeout", False),
        ("Maria's runbook did not cover replica promotion", False),
    ],
)
def test_person_as_root_cause(answer: str, is_person: bool) -> None:
    tree = [{"id": "1", "answer": "Checkout failed"}, {"id": "1.1", "answer": answer, "root": True}]
    document = make_document({"participants": ["Maria"]}, whys=tree)
    assert paths(document, "whys-person-root") == (["whys[1].answer"] if is_person else [])


def test_leaves_need_an_action_or_an_accepted_risk() -> None:
    tree = [{"id": "1", "answer": "a"}, {"id": "1.1", "answer": "b"}, {"id": "1.2", "answer": "c"},
            {"id": "1.3", "answer": "d", "accepted_risk": True}]
    document = make_document(whys=tree, action_items=[item(addresses="1.1")])
    assert paths(document, "whys-leaf-unaddressed") == ["whys[2]"]


# ---------------------------------------------------------------------------------------- severity


def test_missing_severity() -> None:
    assert paths(make_document(), "severity-missing") == ["incident.severity"]
    assert paths(make_document({"severity": "SEV3"}), "severity-missing") == []


def test_formality_follows_severity() -> None:
    bare = {"summary": "Search was slow."}
    assert paths(make_document({"severity": "SEV4", **bare}), "severity-formality") == ["root_cause.summary", "action_items"]
    assert set(paths(make_document({"severity": "SEV1", **bare}), "severity-formality")) == {
        "impact", "timeline", "detection.how", "root_cause.summary", "root_cause.contributing_factors",
        "findings", "action_items",
    }


# ------------------------------------------------------------------- severity logic and gate overlap


def test_only_blame_is_an_error_and_only_past_draft() -> None:
    draft = make_document({"severity": "SEV1", "summary": "Maria forgot the cert.", "participants": ["Maria"]},
                          action_items=[item(action="Be more careful", owner=None)])
    assert {finding.severity for finding in review(draft, today=TODAY)} == {"warning"}
    draft.incident.status = Status.IN_REVIEW
    errors = [finding.rule for finding in review(draft, today=TODAY) if finding.severity == "error"]
    assert errors == ["blame-name"]


def test_a_gate_requirement_is_not_reported_twice() -> None:
    # In `final` the gate reports the missing owner as an error, so the review rule stays quiet.
    sections = {"action_items": [item(owner=None)], "root_cause": {"summary": "Pool too small"}}
    incident = {"severity": "SEV3", "summary": "Slow search"}
    draft = make_document({**incident, "status": "draft"}, **sections)
    final = make_document({**incident, "status": "final"}, **sections)
    assert paths(draft, "action-owner-missing") == ["action_items[0].owner"]
    assert paths(final, "action-owner-missing") == []


# -------------------------------------------------------------------------------------- dismissals


def test_a_dismissed_finding_stays_dismissed_until_the_text_changes() -> None:
    document = make_document(root_cause={"summary": "Human error."})
    (finding,) = findings(document, "blame-phrase")
    dismissal = dismiss(document, finding, "  quoting the vendor's report  ")
    assert (dismissal.rule, dismissal.path, dismissal.reason, dismissal.text) == (
        "blame-phrase", "root_cause.summary", "quoting the vendor's report", "Human error.")
    assert document.dismissals == [dismissal]
    assert findings(document, "blame-phrase") == []
    document.root_cause.summary = "Human error, again."
    assert paths(document, "blame-phrase") == ["root_cause.summary"]


def test_dismissing_again_replaces_the_old_dismissal() -> None:
    document = make_document(root_cause={"summary": "Human error."})
    (finding,) = findings(document, "blame-phrase")
    dismiss(document, finding, "first")
    dismiss(document, finding, "second")
    assert [d.reason for d in document.dismissals] == ["second"]


def test_a_dismissal_without_text_covers_any_text() -> None:
    document = Document.model_validate({
        "incident": {"title": "t"}, "whys": whys("1", "1.1"),
        "dismissals": [{"rule": "whys-no-root", "path": "whys", "reason": "still exploring"}],
    })
    assert paths(document, "whys-no-root") == []


def test_a_dismissal_needs_a_reason() -> None:
    document = make_document(root_cause={"summary": "Human error."})
    (finding,) = findings(document, "blame-phrase")
    with pytest.raises(ValueError, match=r"^root_cause.summary: a dismissal needs a reason$"):
        dismiss(document, finding, "   ")


# ----------------------------------------------------------------------------------- field paths


def test_field_text_by_path() -> None:
    document = make_document(
        {"summary": "s"}, timeline=events("14:00"), root_cause={"contributing_factors": ["a", "b"]},
        action_items=[item(priority="P2")],
    )
    assert field_text(document, "incident.summary") == "s"
    assert field_text(document, "timeline[0].event") == "event 0"
    assert field_text(document, "root_cause.contributing_factors[1]") == "b"
    assert field_text(document, "action_items[0].due") == "2026-05-01"
    assert field_text(document, "action_items[0].priority") == "P2"
    assert field_text(document, "action_items[0].ticket") is None
    assert field_text(document, "timeline") is None


@pytest.mark.parametrize("path", ["timeline[3].event", "incident.nope", "incident..summary", "[0]", ""])
def test_unknown_paths_are_one_line_errors(path: str) -> None:
    with pytest.raises(ValueError, match="field path|no field"):
        field_text(make_document(timeline=events("14:00")), path)


def test_a_rewrite_that_no_longer_fits_is_refused() -> None:
    document = make_document(action_items=[item()])
    with pytest.raises(ValueError, match=r"^action_items\[0\]\.due: "):
        set_field(document, "action_items[0].due", "next Tuesday")
    with pytest.raises(ValueError, match="has no rewrite"):
        apply_replacement(document, Finding("action-overdue", "warning", "action_items[0].due", "m"))


def test_list_items_are_rewritten_in_place() -> None:
    document = make_document(root_cause={"contributing_factors": ["fine", "Operator error during failover"]})
    (finding,) = findings(document, "blame-phrase")
    apply_replacement(document, finding)
    assert document.root_cause.contributing_factors == ["fine", "A gap in the system's safeguards during failover"]


# ------------------------------------------------------------------------------- status changes


def test_only_blame_blocks_and_the_rest_is_listed_without_blocking() -> None:
    document = make_document(
        {"summary": "Human error.", "severity": "SEV3"}, action_items=[item(action="Be more careful")]
    )
    assert [f.rule for f in blocking_findings(document, Status.IN_REVIEW)] == ["blame-phrase"]
    assert all(f.severity == "error" for f in blocking_findings(document, Status.IN_REVIEW))
    assert [f.rule for f in blocking_findings(document, Status.FINAL)] == ["blame-phrase"]
    listed = {f.rule: f.severity for f in review_at(document, Status.FINAL)}
    assert listed["action-vague"] == "warning"  # F9 shows it; it does not block
    assert blocking_findings(document, Status.DRAFT) == []
    (blame,) = blocking_findings(document, Status.IN_REVIEW)
    dismiss(document, blame, "quoted from the vendor")
    assert blocking_findings(document, Status.IN_REVIEW) == []


# ------------------------------------------------------------------------------------ pmtui check


def _check(*arguments: str, **options: Any) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check_paths(list(arguments), out=out, err=err, today=TODAY, **options)
    return code, out.getvalue()


def test_check_lists_every_problem_of_the_blameful_draft_with_a_rewrite() -> None:
    code, output = _check(str(BLAMEFUL_DRAFT))
    lines = [line for line in output.splitlines() if " warning " in line or " error " in line]
    rules = {line.split(" ")[2] for line in lines}
    assert rules >= {
        "blame-name", "blame-phrase", "blame-question", "action-owner-missing", "action-overdue", "action-vague",
        "action-shallow", "timeline-order", "timeline-gap", "detection-slow", "whys-shallow", "whys-no-root",
        "whys-person-root", "whys-leaf-unaddressed", "severity-formality",
    }
    assert all("(suggest: " in line for line in lines)
    assert f"{BLAMEFUL_DRAFT}:incident.summary: warning blame-name [summary] " in output
    assert f"{BLAMEFUL_DRAFT}:timeline[1].event: warning blame-name [T2] " in output
    assert "(suggest: Nothing reminded anyone to renew the TLS certificate.)" in output
    assert code == 0  # a rough draft: warnings only
    assert _check(str(BLAMEFUL_DRAFT), strict=True)[0] == 1


def test_check_fails_on_blame_past_draft(tmp_path: Path) -> None:
    in_review = tmp_path / "in_review.toml"
    in_review.write_text(BLAMEFUL_DRAFT.read_text(encoding="utf-8").replace('status = "draft"', 'status = "in_review"'),
                         encoding="utf-8")
    code, output = _check(str(in_review))
    assert code == 1
    assert f"{in_review}:incident.summary: error blame-name " in output


def test_check_json_gives_the_documented_keys() -> None:
    code, output = _check(str(BLAMEFUL_DRAFT), output_format="json")
    report = json.loads(output)
    assert code == 0
    assert {tuple(sorted(entry)) for entry in report} == {("file", "message", "path", "ref", "rule", "severity", "suggestion")}
    summary = next(entry for entry in report if entry["path"] == "incident.summary")
    assert (summary["rule"], summary["ref"]) == ("blame-name", "summary")
    event = next(entry for entry in report if entry["path"] == "timeline[1].event")
    assert event["ref"] == "T2"
    assert summary["suggestion"] == "Nothing reminded anyone to renew the TLS certificate."


def test_check_leaves_out_a_note_a_finding_already_explains(tmp_path: Path) -> None:
    document = tmp_path / "owner.toml"
    document.write_text(
        'schema_version = 1\n[incident]\ntitle = "t"\nseverity = "SEV4"\nstatus = "in_review"\nsummary = "s"\n'
        '[root_cause]\nsummary = "r"\n[[action_items]]\naction = "Alert on queue depth"\ndue = 2026-05-01\n',
        encoding="utf-8",
    )
    _, output = _check(str(document))
    owner_lines = [line for line in output.splitlines() if "action_items[0].owner" in line]
    assert len(owner_lines) == 1 and "action-owner-missing" in owner_lines[0]


# ------------------------------------------------------------------- calibrated timeline gaps


def test_the_gap_threshold_is_exclusive() -> None:
    def gap_paths(minutes: int) -> list[str]:
        timeline = [{"time": "14:00", "event": "Errors rise", "milestone": "impact_start"},
                    {"time": f"14:{minutes:02d}", "event": "Responder joins"},
                    {"time": "14:59", "event": "Errors stop", "milestone": "resolved"}]
        return paths(make_document(timeline=timeline), "timeline-gap", config=ReviewConfig(timeline_gap_minutes=10))

    assert "timeline[1].time" not in gap_paths(10)  # exactly the threshold: no question
    assert "timeline[1].time" in gap_paths(11)


def test_a_gap_explained_by_the_events_around_it_is_a_question_at_most() -> None:
    timeline = [
        {"time": "14:00", "event": "Writes fail", "milestone": "impact_start", "id": "T1"},
        {"time": "14:05", "event": "Restore from the snapshot started", "id": "T2"},
        {"time": "23:05", "event": "Restore completes; checking row counts", "id": "T3"},
        {"time": "23:40", "event": "Tables verified", "id": "T4"},
        {"time": "23:45", "event": "Writes back", "milestone": "mitigated", "id": "T5"},
    ]
    document = make_document({"status": "in_review"}, timeline=timeline)
    by_path = {f.path: f for f in findings(document, "timeline-gap")}
    assert by_path["timeline[2].time"].severity == "info"
    assert "while T2 was under way" in by_path["timeline[2].time"].message
    assert by_path["timeline[3].time"].severity == "warning"  # nothing explains 23:05 -> 23:40
    assert not [f for f in blocking_findings(document, Status.FINAL) if f.rule == "timeline-gap"]


def test_more_than_three_gaps_become_one_finding() -> None:
    times = ["14:00", "14:20", "14:40", "15:00", "15:20"]
    timeline = [{"time": time, "event": f"Step {n}"} for n, time in enumerate(times)]
    timeline[0]["milestone"], timeline[-1]["milestone"] = "impact_start", "resolved"
    (finding,) = findings(make_document(timeline=timeline), "timeline-gap")
    assert (finding.path, finding.severity) == ("timeline", "warning")
    assert finding.message.startswith("4 silent stretches in the impact window: 14:00–14:20 (20m), 14:20–14:40 (20m)")
    three = findings(make_document(timeline=timeline[:3] + [{**timeline[-1], "time": "15:00"}]), "timeline-gap")
    assert [f.path for f in three] == ["timeline[1].time", "timeline[2].time", "timeline[3].time"]


# ------------------------------------------------------------------------- refs and blocking


def test_every_finding_names_its_field_as_the_screen_does() -> None:
    document = make_document(
        {"summary": "Human error."},
        timeline=[{"time": "10:00", "event": "Human error.", "id": "T7"}, {"time": "10:01", "event": "Human error."}],
        root_cause={"contributing_factors": ["Fine.", "Human error."]},
        whys=[{"id": "1", "answer": "ok"}, {"id": "1.2", "answer": "ok"}, {"id": "1.2.1", "answer": "Human error."}],
        action_items=[item(), item(id="AI-5", action="Human error.")],
    )
    refs = {f.path: f.ref for f in findings(document, "blame-phrase")}
    assert refs == {
        "incident.summary": "summary", "timeline[0].event": "T7", "timeline[1].event": "T8",
        "root_cause.contributing_factors[1]": "contributing factor 2", "whys[2].answer": "why 1.2.1",
        "action_items[1].action": "AI-5",
    }


def test_blame_is_a_warning_in_a_draft_and_an_error_from_in_review_on() -> None:
    document = make_document({"summary": "Human error."}, action_items=[item(action="Be more careful")])
    for status, blame_severity in ((Status.DRAFT, "warning"), (Status.IN_REVIEW, "error"), (Status.FINAL, "error")):
        by_rule = {f.rule: f.severity for f in review_at(document, status)}
        assert by_rule["blame-phrase"] == blame_severity
        assert by_rule["action-vague"] == "warning"


def test_app_suggestions_name_keys_and_the_command_line_names_fields() -> None:
    document = make_document(whys=whys("1"))
    (finding,) = findings(document, "whys-leaf-unaddressed")
    assert "press x to mark it as an accepted risk" in (finding.suggestion or "")
    assert finding.file_suggestion == 'Add an action item with addresses = "1", or set accepted_risk = true on it'
    _, output = _check(str(BLAMEFUL_DRAFT))
    assert 'set accepted_risk = true' in output and "press x" not in output
