"""`pmtui check` holds a document to the team's policy: timeliness, thresholds, the facilitator, repeats."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from document_factory import make_document
from pmtui import checking, storage
from pmtui.cli import main
from pmtui.policy import DEFAULT_POLICY, policy_from_mapping
from pmtui.review.process import facilitator_acting, repeated_minor_incident, timeliness

TODAY = dt.date(2026, 11, 30)  # a Monday
RESOLVED_TIMELINE = [
    {"time": "14:00:00", "event": "Checkout errors start", "milestone": "impact_start"},
    {"time": "14:03:00", "event": "Alert fires", "milestone": "detected"},
    {"time": "14:40:00", "event": "Rollback finished", "milestone": "resolved"},
]


def document(**incident: object):
    return make_document({"severity": "SEV2", "date": "2026-11-20", "timezone": "Europe/Berlin", **incident},
                         timeline=RESOLVED_TIMELINE)


def rules(findings) -> dict[str, str]:
    return {finding.rule: finding.message for finding in findings}


def test_a_late_draft_is_a_warning_with_the_figures() -> None:
    late = document(draft_started="2026-11-25T15:00:00+01:00")  # 5 days after 14:40 on the 20th
    found = rules(timeliness(late, DEFAULT_POLICY, TODAY))
    assert found["policy-draft-late"] == "draft started 5 days after resolution; policy: 48 h"
    on_time = document(draft_started="2026-11-21T09:00:00+01:00")
    assert "policy-draft-late" not in rules(timeliness(on_time, DEFAULT_POLICY, TODAY))
    strict = policy_from_mapping({"timeliness": {"draft_due_hours": 12}}, "test")
    assert rules(timeliness(on_time, strict, TODAY))["policy-draft-late"] == (
        "draft started 18 h after resolution; policy: 12 h")


def test_a_late_review_counts_business_days() -> None:
    friday_to_thursday = document(status="in_review")  # resolved Friday the 20th
    friday_to_thursday.meeting.started = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
    assert rules(timeliness(friday_to_thursday, DEFAULT_POLICY, TODAY))["policy-review-late"] == (
        "review started 4 business days after resolution; policy: 3 business days")
    friday_to_wednesday = document(status="in_review")
    friday_to_wednesday.meeting.started = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone.utc)
    assert "policy-review-late" not in rules(timeliness(friday_to_wednesday, DEFAULT_POLICY, TODAY))


def test_a_draft_never_reviewed_is_late_once_the_business_days_are_gone() -> None:
    draft = document()
    assert rules(timeliness(draft, DEFAULT_POLICY, TODAY))["policy-review-late"] == (
        "no review yet, 6 business days after resolution; policy: 3 business days")
    assert timeliness(draft, DEFAULT_POLICY, dt.date(2026, 11, 24)) == []  # Tue: 2 business days
    assert timeliness(document(status="final"), DEFAULT_POLICY, TODAY) == []  # reviewed outside pmtui
    assert timeliness(document(severity="SEV4"), DEFAULT_POLICY, TODAY) == []  # optional postmortem


def test_the_facilitator_acting_in_the_timeline_is_noted() -> None:
    acting = make_document({"facilitator": "Maria Lopez"}, timeline=[
        {"time": "14:00:00", "event": "Alert fires"},
        {"time": "14:05:00", "event": "Maria rolls back release 2026.11.2"},
    ])
    [finding] = facilitator_acting(acting)
    assert (finding.rule, finding.severity, finding.path) == ("policy-facilitator", "note", "timeline[1].event")
    assert '"Maria Lopez" acts in the timeline (T2)' in finding.message
    quoted = make_document({"facilitator": "Maria Lopez"}, timeline=[
        {"time": "14:00:00", "event": "Support pings the channel", "source": "Maria Lopez"}])
    assert facilitator_acting(quoted)[0].path == "timeline[0].event"
    independent = make_document({"facilitator": "Ana Ruiz"}, timeline=RESOLVED_TIMELINE)
    assert facilitator_acting(independent) == []
    assert facilitator_acting(make_document(timeline=RESOLVED_TIMELINE)) == []


class Past:
    def __init__(self, title: str, date: dt.date | None, score: float) -> None:
        self.title, self.date, self.score = title, date, score


def test_the_third_similar_minor_incident_gets_a_full_postmortem() -> None:
    minor = make_document({"severity": "SEV3", "date": "2026-11-20"})
    two_before = [Past("Cert expired on staging", dt.date(2026, 3, 1), 0.6),
                  Past("Staging cert expired again", dt.date(2026, 7, 9), 0.5)]
    [finding] = repeated_minor_incident(minor, DEFAULT_POLICY, two_before)
    assert finding.rule == "policy-repeat"
    assert finding.message == ('2 similar incidents happened before: "Cert expired on staging" (2026-03-01); '
                               '"Staging cert expired again" (2026-07-09)')
    assert repeated_minor_incident(minor, DEFAULT_POLICY, two_before[:1]) == []
    loosely = [Past("a", dt.date(2026, 3, 1), 0.2), Past("b", dt.date(2026, 4, 1), 0.6)]
    assert repeated_minor_incident(minor, DEFAULT_POLICY, loosely) == []
    later = [two_before[0], Past("after this one", dt.date(2026, 12, 1), 0.9)]
    assert repeated_minor_incident(minor, DEFAULT_POLICY, later) == []
    major = make_document({"severity": "SEV2", "date": "2026-11-20"})
    assert repeated_minor_incident(major, DEFAULT_POLICY, two_before) == []


CERT = """\
[incident]
title = "{title}"
severity = "SEV4"
date = {date}

[root_cause]
summary = "The staging TLS certificate expired because renewal is manual and nobody owns the calendar reminder."
contributing_factors = ["manual certificate renewal", "no alert on certificate expiry"]

[[action_items]]
action = "Automate certificate renewal with cert-manager"
"""


def test_check_finds_the_repeat_in_the_documents_folder_or_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    for name, date in (("a", "2026-02-01"), ("b", "2026-06-01"), ("c", "2026-11-01")):
        (tmp_path / f"{name}.toml").write_text(CERT.format(title="Staging certificate expired", date=date))
    # Unrelated incidents beside them: likeness weighs words by how rare they are in the library.
    for name, (title, summary) in {
        "dns": ("Resolver flapping", "A resolver pool lost quorum after a kernel upgrade and answered SERVFAIL."),
        "pool": ("Orders API timeouts", "Doubled worker count exhausted the PgBouncer connection pool."),
    }.items():
        (tmp_path / f"{name}.toml").write_text(
            f'[incident]\ntitle = "{title}"\nseverity = "SEV2"\ndate = 2026-05-01\n\n[root_cause]\nsummary = "{summary}"\n')
    assert main(["check", str(tmp_path / "c.toml")]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'c.toml'}:incident.severity: warning policy-repeat 2 similar incidents happened before" in out
    # the first of them has no repeat before it
    main(["check", str(tmp_path / "a.toml")])
    assert "policy-repeat" not in capsys.readouterr().out
    alone = tmp_path / "elsewhere" / "d.toml"
    alone.parent.mkdir()
    alone.write_text(CERT.format(title="Staging certificate expired", date="2026-11-02"))
    main(["check", str(alone)])
    assert "policy-repeat" not in capsys.readouterr().out
    main(["check", str(alone), "--library", str(tmp_path)])
    assert "policy-repeat 3 similar incidents" in capsys.readouterr().out
    # the library's index went to the user cache: a check leaves the checked folders as they were
    assert not list(tmp_path.rglob(".pmtui-index"))
    assert list((tmp_path.parent / f"{tmp_path.name}-cache" / "pmtui").glob("*.sqlite"))


def write_policy(folder: Path, text: str) -> None:
    (folder / ".pmtui").mkdir(parents=True, exist_ok=True)
    (folder / ".pmtui" / "policy.toml").write_text(text)


def test_check_reads_thresholds_from_the_policy(tmp_path: Path) -> None:
    path = tmp_path / "pm.toml"
    pm = document()
    pm.whys = make_document(whys=[{"id": "1", "answer": "a"}, {"id": "1.1", "answer": "b"},
                                  {"id": "1.1.1", "answer": "c"}]).whys
    storage.save_new(pm, path)
    before = {problem.rule for problem in checking.document_problems(storage.load_document(path), "pm", today=TODAY)}
    assert "detection-slow" not in before and "whys-shallow" not in before  # 3m detection, 3 deep
    write_policy(tmp_path, "[detection]\ntarget_minutes = 2\n[severity.SEV2]\nmin_why_depth = 4\n"
                           "required_sections = [\"incident.summary\"]\n")
    out = tmp_path / "out.json"
    with out.open("w") as stream:
        assert checking.check_paths([str(path)], output_format="json", out=stream, today=TODAY) == 0
    problems = json.loads(out.read_text())
    found = {problem["rule"]: problem for problem in problems}
    assert found["detection-slow"]["message"] == "detection gap 3m, above 2m"
    assert found["whys-shallow"]["message"] == "SEV2 why chain is 3 deep; at least 4 are expected"
    assert {problem["path"] for problem in problems if problem["rule"] == "severity-formality"} == {
        "incident.summary"}


def test_the_final_gate_takes_the_policys_why_depth(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pm = make_document({"severity": "SEV1", "status": "final", "summary": "s"},
                       root_cause={"summary": "r"}, impact={"users_affected": "all"}, timeline=RESOLVED_TIMELINE,
                       whys=[{"id": "1", "answer": "a"}, {"id": "1.1", "answer": "b"}, {"id": "1.1.1", "answer": "c"}],
                       action_items=[{"action": "Add a pool alert", "owner": "Ana", "due": "2026-12-01"}])
    storage.save_new(pm, tmp_path / "pm.toml")
    write_policy(tmp_path, "[severity.SEV1]\nmin_why_depth = 5\n")
    assert main(["check", str(tmp_path / "pm.toml")]) == 1
    assert "error status-final SEV1 needs a why chain at least 5 deep (deepest is 3)" in capsys.readouterr().out


def test_a_malformed_policy_makes_check_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    storage.save_new(document(), tmp_path / "pm.toml")
    write_policy(tmp_path, "[detection]\ntarget_minutes = -1\n")
    assert main(["check", str(tmp_path / "pm.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "policy.toml: detection.target_minutes: expected a number between 0 and 527040, got -1" in err


def test_new_records_when_the_draft_was_started(tmp_path: Path) -> None:
    path = tmp_path / "pm.toml"
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    assert main(["new", str(path), "--timezone", "Europe/Berlin", "--no-schema"]) == 0
    started = storage.load_document(path).incident.draft_started
    assert started is not None and started.utcoffset() is not None
    assert before <= started <= dt.datetime.now(dt.timezone.utc)
    assert "draft_started = " in path.read_text()


def test_priority_actions_due_past_the_slo_are_flagged() -> None:
    from pmtui.review.process import due_dates_past_slo

    pm = make_document({"date": "2026-11-02"}, action_items=[
        {"action": "P1 in time", "priority": "P1", "due": "2026-11-30"},
        {"action": "P1 late", "priority": "P1", "due": "2026-12-01"},
        {"action": "P2 late", "priority": "P2", "due": "2027-01-05"},
        {"action": "P3 whenever", "priority": "P3", "due": "2027-06-01"},
        {"action": "P1 done late", "priority": "P1", "due": "2027-01-05", "status": "done"},
    ])
    found = due_dates_past_slo(pm, DEFAULT_POLICY)
    assert [(finding.path, finding.message) for finding in found] == [
        ("action_items[1].due", "AI-2 (P1) is due 2026-12-01, 29 days after the incident; policy: within 4 weeks"),
        ("action_items[2].due", "AI-3 (P2) is due 2027-01-05, 64 days after the incident; policy: within 8 weeks"),
    ]
    assert found[0].suggestion.startswith("Bring it forward to 2026-11-30")
    relaxed = policy_from_mapping({"actions": {"due_weeks": {"P1": 6, "P2": 10}}}, "test")
    assert due_dates_past_slo(pm, relaxed) == []


def test_timeliness_applies_where_the_policy_requires_a_postmortem() -> None:
    short = make_document({"severity": "SEV3", "date": "2026-11-20", "draft_started": "2026-11-27T10:00:00+01:00"},
                          timeline=[{"time": "14:00:00", "event": "Errors", "milestone": "impact_start"},
                                    {"time": "14:10:00", "event": "Fixed", "milestone": "resolved"}])
    assert timeliness(short, DEFAULT_POLICY, TODAY) == []  # 10 minutes, no share of users: not required
    short.impact.users_affected = "4% of EU checkouts"
    assert "policy-draft-late" in rules(timeliness(short, DEFAULT_POLICY, TODAY))
    long = document(severity="SEV3", draft_started="2026-11-27T10:00:00+01:00")  # 40 minutes of impact
    assert "policy-draft-late" in rules(timeliness(long, DEFAULT_POLICY, TODAY))
