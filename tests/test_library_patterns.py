"""`pmtui patterns` on a library whose every figure is known (tests/library_corpus.py)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from library_corpus import TODAY, write_corpus, write_document

from pmtui.cli import main
from pmtui.document.durations_text import brief_duration, format_duration
from pmtui.library import likeness, patterns
from pmtui.library.index import open_library
from pmtui.library.targets import DEFAULT_TARGETS
from pmtui.library.terminal import bar, sparkline, table
from pmtui.library.themes import rule_theme, tag_theme, theme_of
from pmtui.library.words import word_runs, words


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def report(corpus: Path) -> patterns.PatternsReport:
    with open_library(corpus) as library:
        return patterns.patterns_report(str(corpus), library.incidents(), library.actions_due_by_quarter(TODAY),
                                        today=TODAY, action_counts=library.action_counts(),
                                        follow=patterns.follow_up(library, TODAY, DEFAULT_TARGETS))


def counts(values: list[patterns.Count]) -> dict[str, int]:
    return {count.name: count.count for count in values}


def test_counts_by_severity_detection_and_tag(report: patterns.PatternsReport) -> None:
    assert report.incidents == 12
    assert (report.first, report.last, report.undated) == (dt.date(2025, 7, 10), dt.date(2026, 6, 1), 0)
    assert counts(report.severity) == {"SEV1": 2, "SEV2": 3, "SEV3": 5, "SEV4": 1, "unknown": 1}
    assert [count.share for count in report.severity][:2] == [2 / 12, 3 / 12]
    assert counts(report.detection) == {"alert": 6, "customer": 3, "internal": 2, "other": 0, "unknown": 1}
    assert counts(report.tags) == {"capacity": 2, "deploy": 2, "checkout": 1, "dns": 1}


def test_factor_themes_group_differently_worded_factors(report: patterns.PatternsReport) -> None:
    # deploy: 1 canary, 4 rollback + tag, 6 canary, 8 deploy, 10 release checklist, 11 tag, 12 "part of a deploy".
    # alerting: 7 "missing monitoring", 8 "no alert", 11 "alert threshold". 12's "cleanup script had no
    # dry run" names no theme's word; the theme model reads a missing dry run as a missing check: testing.
    assert counts(report.themes) == {
        "deploy/release": 7, "alerting/monitoring": 3, "capacity/load": 2, patterns.NO_FACTORS: 1,
        "certificates/expiry": 1, "dependencies/vendors": 1, "network/DNS": 1, "testing": 1,
    }


def test_headlines_state_what_is_true(report: patterns.PatternsReport) -> None:
    assert report.headlines == [
        # Items of 1, 4, 6, 8, 10, 11, 12: 2+2+1+2+2+2+2; open: 1 AI-2, 4 AI-2, 8 AI-2, 11 AI-1, 12 AI-1 and AI-2.
        "deploy/release: 7 of 12 incidents, 6 of its 13 action items open.",
        # Detected in 30, 10, 60, 8, 45, 15, 20, 25 and 12 minutes; 5 and 2 are within the target, 9 has no milestones.
        "9 incidents were detected slower than the target (5m from trigger to detection).",
        "7 of the last 12 incidents were deploy-related.",
        "3 of the last 12 incidents were first noticed by customers.",
        "1 incident repeated an earlier one (1 group, see Repeated incidents).",
    ]


def test_durations_overall_and_per_quarter(report: patterns.PatternsReport) -> None:
    minutes = dt.timedelta(minutes=1)
    assert (report.median_ttd, report.median_ttr) == (15 * minutes, 70 * minutes)
    assert report.impact_minutes == 885
    assert [(q.name, q.incidents, q.median_ttd, q.median_ttr, q.impact_minutes) for q in report.quarters] == [
        ("2025-Q3", 3, 10 * minutes, 60 * minutes, 190),
        ("2025-Q4", 3, 8 * minutes, 120 * minutes, 330),
        ("2026-Q1", 3, 30 * minutes, 75 * minutes, 150),  # incident 9 has no milestones
        ("2026-Q2", 3, 20 * minutes, 70 * minutes, 215),
    ]


def test_action_completion_per_quarter_counts_items_due_up_to_today(report: patterns.PatternsReport) -> None:
    # 2026-Q2: the item due 2026-07-01 is not due yet, so it is left out.
    assert [(q.actions_done, q.actions_due) for q in report.quarters] == [(2, 3), (1, 3), (4, 4), (2, 6)]


def test_repeated_incidents_are_grouped(report: patterns.PatternsReport) -> None:
    assert [[incident.label for incident in group.incidents] for group in report.repeats] == [["INC-003", "INC-007"]]
    assert report.repeats[0].shared_words == ("connection", "connection pool", "database", "database connection",
                                              "exhausted", "peak", "peak traffic", "pool", "pool exhausted", "traffic")
    assert report.repeats[0].why == "shared: connection pool, database connection, peak traffic, pool exhausted"


def test_incidents_sharing_only_boilerplate_are_not_repeats(tmp_path: Path) -> None:
    """Generated write-ups alike only in their boilerplate: none repeats another."""
    titles = ["Certificate expired on edge", "DNS resolver flapping", "Checkout latency after deploy",
              "Disk full on the log host", "Queue consumer stuck", "Payment provider timeouts",
              "Search index corrupted", "Login page blank", "Cache stampede at noon", "Backup job failed",
              "Webhook delivery delayed", "Feature flag left on"]
    for number, title in enumerate(titles, start=1):
        write_document(tmp_path, f"{number:02d}.toml", incident={"title": title, "date": f"2025-{number:02d}-01"},
                       root_cause={"problem": "Users saw errors.", "summary": f"Cause number {number}.",
                                   "contributing_factors": [f"Factor number {number} of the incident"]},
                       whys=[{"id": "1", "answer": f"Users saw errors because of cause number {number}."}])
    with open_library(tmp_path) as library:
        assert patterns.repeated_groups(library.incidents()) == []


def test_since_narrows_every_figure(corpus: Path) -> None:
    with open_library(corpus) as library:
        since = dt.date(2026, 4, 1)
        recent = patterns.patterns_report(str(corpus), library.incidents(),
                                          library.actions_due_by_quarter(TODAY, since), today=TODAY, since=since)
    assert recent.incidents == 3
    assert counts(recent.themes)["deploy/release"] == 3
    assert recent.headlines[0] == "deploy/release: 3 of 3 incidents."  # no action counts given
    assert "3 of the last 3 incidents were deploy-related." in recent.headlines
    assert [(q.name, q.actions_done, q.actions_due) for q in recent.quarters] == [("2026-Q2", 2, 5)]
    assert recent.repeats == []


def test_text_report_fits_80_columns_and_shows_charts(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patterns", str(corpus), "--today", TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "7 of the last 12 incidents were deploy-related." in text
    assert "█" in text
    assert "  2026-Q1               3     0      30m   1h 15m         150      4/4 100%" in text
    assert "  2× Payments connection pool exhausted" in text
    assert "This quarter (2026-Q2) against the last\n" in text
    assert "SEV1 incidents, newest first\n  2026-06-01  INC-012  DNS record deleted\n" \
           "  2025-10-05  INC-004  Search outage after release\n" in text
    # Overdue on 2026-06-15: 1 AI-2 (due 2025-08-15), 4 AI-2, 8 AI-2, 12 AI-2 (due 2026-06-10); 11 AI-1 is due today.
    assert "  4 action items overdue; the longest overdue:\n    304d late  INC-001 AI-2 (ben): Follow-up 2 of incident 1\n" in text
    # Due 2026-03-18 to 2026-06-15: 8 AI-1 done, AI-2; 10 AI-1 done, AI-2; 11 AI-1, AI-2 done; 12 AI-2.
    assert "  Completion over the last 90 days: 3 of 7 items due were done (43%): below the\n  70% target." in text


def test_markdown_report(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patterns", str(corpus), "--format", "md", "--today", TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Incident patterns\n")
    assert "- 7 of the last 12 incidents were deploy-related." in text
    assert "| deploy/release | 7 | 58% |" in text
    assert "| 2026-Q2 | 3 | 1 | 20m | 1h 10m | 215 | 2 of 6 (33%) |" in text
    assert "## This quarter (2026-Q2) against the last" in text
    assert "- 2026-06-01: **DNS record deleted** (INC-012)" in text
    assert "**4** action items overdue, the longest first:" in text
    assert "- 304 days late: Follow-up 2 of incident 1 (INC-001 AI-2, ben)" in text
    assert "- **Payments connection pool exhausted** (2×): INC-003 (2025-09-20), INC-007 (2026-01-15)" in text


def test_json_report_parses_back(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patterns", str(corpus), "--format", "json", "--today", TODAY.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["incidents"] == 12
    assert data["median_seconds"] == {"time_to_detect": 900.0, "time_to_resolve": 4200.0, "customer_impact": 4200.0}
    assert data["quarters"][3] == {
        "quarter": "2026-Q2", "incidents": 3, "sev1": 1, "median_time_to_detect_seconds": 1200.0,
        "median_time_to_resolve_seconds": 4200.0, "customer_impact_minutes": 215.0,
        "actions_due": 6, "actions_done": 2, "completion": 0.3333,
    }
    assert [item["id"] for item in data["repeats"][0]["incidents"]] == ["INC-003", "INC-007"]
    assert data["repeats"][0]["incidents"][0]["file"] == "2025/2025-09-20-03.toml"
    assert {"name": "deploy/release", "count": 7, "share": 0.5833} in data["themes"]


def test_empty_library_reports_nothing_without_failing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat()]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert text.endswith(": 0 incidents (no dated incidents) No postmortems to report on.")


def test_bad_since_is_a_usage_error(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["patterns", str(corpus), "--since", "last week"])
    assert exit_info.value.code == 2
    assert 'invalid date "last week" (use YYYY-MM-DD)' in capsys.readouterr().err


# ------------------------------------------------------------------------------ words and themes


@pytest.mark.parametrize("text, theme", [
    ("no alert", "alerting"), ("missing monitoring", "alerting"), ("alert threshold too high", "alerting"),
    ("Deployments went out on Friday", "deploy"), ("misconfigured feature flag", "config"),
    ("connection pool exhausted", "capacity"), ("vendor outage", "dependency"), ("outdated runbook", "process"),
    ("no alert on disk usage", "alerting"),  # a tie goes to the earlier theme
    ("cleanup script had no dry run", None),
    # Whole words, not stems: none of these is about the theme its stems would suggest.
    ("The change was staged over a week", None), ("Nobody set up the new hosts", None),
    ("Cached entries expired at midnight", None), ("The status page showed stale news", "process"),
    ("Recovery depends on the order of restarts", None),
    # A missing safeguard decides the theme; a shared fate is a dependency.
    ("No alert on certificate expiry dates", "alerting"), ("Shipped without load testing", "testing"),
    ("The dashboards depended on the failing cluster", "dependency"),
    ("Nothing watched the replication lag", "alerting"),
    # A code defect is no theme's.
    ("An off-by-one error in the pagination code", None), ("The handler had a race condition", None),
    # A safeguard said to have worked is not the factor.
    ("The alert did fire on time; the database failover took twenty minutes", "data"),
    # Families of words, not only the words of the write-ups the lists were tuned on.
    ("The timeout knob was set to 30 milliseconds", "config"), ("The cache stampede after restart", "capacity"),
    ("The license for the cluster lapsed", "certificate"), ("Resolvers kept the old answer", "network"),
])
def test_rule_theme(text: str, theme: str | None) -> None:
    """The word rules, which the theme model (`theme_of`) reads as evidence."""
    assert rule_theme(text) == theme


@pytest.mark.parametrize("text, theme", [
    # the rules' plain cases stay as they were
    ("No alert on disk usage", "alerting"), ("Shipped without load testing", "testing"),
    ("An off-by-one error in the pagination code", None), ("The license for the cluster lapsed", "certificate"),
    # the factor read as a whole: a key that ran out expired, whatever the word "release" in "push"
    ("The signing key for the mobile push service ran out after five years.", "certificate"),
])
def test_theme_of(text: str, theme: str | None) -> None:
    assert theme_of(text) == theme


@pytest.mark.parametrize("tag, theme", [
    ("deploy", "deploy"), ("release-train", "deploy"), ("Databases", "data"), ("dns", "network"),
    ("certificates", "certificate"), ("staging", None), ("checkout", None),
])
def test_tags_count_when_they_name_a_theme(tag: str, theme: str | None) -> None:
    assert tag_theme(tag) == theme


def test_words_are_stemmed_and_synonyms_joined() -> None:
    assert words("Deploys deployed deploying deployment") == ["deploy"] * 4
    assert words("DB databases") == ["databas", "databas"]
    assert words("configured configuration config") == ["config"] * 3
    assert words("the on-call page at 3") == ["oncall", "pag"]
    assert word_runs("Pool exhausted under peak traffic, 3 times") == [["pool", "exhaust"], ["peak", "traffic"], ["tim"]]


def test_durations_read_like_people_say_them() -> None:
    cases = {0: "0s", 45: "45s", 60: "1m", 61: "1m 01s", 3660: "1h 01m", 90061: "1d 1h 01m", -75: "-1m 15s"}
    assert {seconds: format_duration(dt.timedelta(seconds=seconds)) for seconds in cases} == cases
    assert format_duration(None) == "—"


def test_a_brief_duration_keeps_its_two_largest_units_and_its_sign() -> None:
    cases = {12 * 86400 + 16 * 3600 + 5 * 60: "12d 16h", 3600 + 7 * 60: "1h 07m", 45: "45s", -(86400 + 7200 + 180): "-1d 2h"}
    assert {seconds: brief_duration(dt.timedelta(seconds=seconds)) for seconds in cases} == cases
    assert brief_duration(None) == "—"


def test_charts() -> None:
    assert bar(4, 4, 5) == "█████"
    assert bar(1, 4, 4) == "█   "
    assert bar(1, 16, 4) == "▎   "  # a quarter of a cell, in eighths
    assert bar(0, 4, 3) == "   "
    assert sparkline([1, 2, None, 8]) == "▁▂ █"
    assert sparkline([3, 3]) == "▁▁"


def test_table_wraps_the_flexible_column() -> None:
    lines = table(["A", "Text"], [["x", "one two three four five six"]], width=20, flexible=1)
    assert lines == ["  A  Text", "  x  one two three", "     four five six"]


def test_repeat_grouping_finds_what_comparing_every_pair_finds() -> None:
    """Prefix filtering is an optimisation only: the groups equal those of comparing every draft group."""
    import random

    from pmtui.library.index import IncidentRecord

    rng = random.Random(3)
    vocabulary = [f"w{number}" for number in range(40)]
    incidents = [
        IncidentRecord(key, f"{key}.toml", "t", None, None, None, "draft", (), None, None, None, None, "", (), (), (),
                       frozenset(rng.sample(vocabulary[: rng.randint(8, 40)], rng.randint(3, 8))))
        for key in range(300)
    ]
    weights = likeness.Weights.of(incident.terms for incident in incidents)
    vectors = [weights.vector(incident.terms) for incident in incidents]

    links = []
    drafts: list[list[int]] = []
    for incident in incidents:
        scores = []  # (score, -draft): the best score with each draft; ties go to the earlier draft
        for position, draft in enumerate(drafts):
            repeats = [(likeness.cosine(vectors[incident.key], vectors[other]), other)
                       for other in draft[:patterns.REPRESENTATIVES]
                       if likeness.shared_words(vectors[incident.key], vectors[other]) >= likeness.MIN_SHARED_WORDS]
            repeats = [(score, other) for score, other in repeats if score >= patterns.REPEAT_THRESHOLD]
            links += [(-score, other, incident.key) for score, other in repeats]
            scores += [(max(repeats)[0], -position)] if repeats else []
        if scores:
            drafts[-max(scores)[1]].append(incident.key)
        else:
            drafts.append([incident.key])
    groups = [[key] for key in range(len(incidents))]
    for _, first, second in sorted(links):
        kept, joining = sorted((next(g for g in groups if first in g), next(g for g in groups if second in g)),
                               key=min)
        if kept is not joining and all(likeness.cosine(vectors[one], vectors[other]) >= patterns.COHESION
                                       for one in kept[:patterns.REPRESENTATIVES]
                                       for other in joining[:patterns.REPRESENTATIVES]):
            kept[:] = sorted(kept + joining)
            groups.remove(joining)
    expected = sorted(group for group in groups if len(group) > 1)
    found = sorted([incident.key for incident in group.incidents] for group in patterns.repeated_groups(incidents))
    assert found == expected and len(found) > 10


def test_a_copied_postmortem_is_a_warning_not_a_repeat(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path)
    original = tmp_path / "2025/2025-07-10-01.toml"
    (tmp_path / "copy of 2025-07-10-01.toml").write_bytes(original.read_bytes())
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["duplicate_ids"] == [{"id": "INC-001", "files": ["2025/2025-07-10-01.toml", "copy of 2025-07-10-01.toml"]}]
    assert [[item["id"] for item in group["incidents"]] for group in data["repeats"]] == [["INC-003", "INC-007"]]
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Warning: the same incident id in more than one file (a copy or a duplicate?)\n" \
           "  INC-001: 2025/2025-07-10-01.toml, copy of 2025-07-10-01.toml\n" in out
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat(), "--format", "md"]) == 0
    assert "## Warning: the same incident id in more than one file" in capsys.readouterr().out


def test_files_that_are_no_postmortem_are_noted_not_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path)
    (tmp_path / "package.json").write_text('{"name": "docs-site", "version": "1.0.0"}')
    (tmp_path / "pyproject.toml").write_text('[tool.ruff]\nline-length = 120\n')
    (tmp_path / "broken.toml").write_text('[incident]\ntitle = ""\n')
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat()]) == 0
    captured = capsys.readouterr()
    assert "Skipped 1 unreadable file(s)" in captured.out
    assert captured.err.splitlines() == [
        f"pmtui: skipped {tmp_path}/broken.toml: incident.title: must not be empty",
        f"pmtui: note: {tmp_path}/package.json: not a postmortem (no [incident] table); left out",
        f"pmtui: note: {tmp_path}/pyproject.toml: not a postmortem (no [incident] table); left out",
    ]


def test_check_skips_files_that_are_no_postmortem_in_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path)
    (tmp_path / "package.json").write_text('{"name": "docs-site"}')
    assert main(["check", str(tmp_path)]) in (0, 1)  # findings depend on the corpus, never "unreadable"
    assert f"pmtui: {tmp_path}/package.json: not a postmortem (no [incident] table); skipped\n" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "package.json")]) == 2  # named on its own: a mistake worth failing


def test_quarters_without_data_are_left_out_and_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One postmortem from 2017 beside this year's: 2017-Q2 and 2026-Q2 shown, the 35 between counted."""
    write_document(tmp_path, "old.toml", incident={"title": "Old outage", "date": "2017-05-01"})
    write_document(tmp_path, "new.toml", incident={"title": "New outage", "date": "2026-05-01"})
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    assert "Per quarter (35 quarters without incidents or action items due left out)\n" in text
    assert "  2017-Q2  " in text and "  2026-Q2  " in text and "2017-Q3" not in text
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat(), "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert "_35 quarters without incidents or action items due left out._" in markdown
    assert "| 2017-Q3 |" not in markdown
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert ([quarter["quarter"] for quarter in data["quarters"]], data["empty_quarters"]) == (["2017-Q2", "2026-Q2"], 35)


def test_quarters_with_data() -> None:
    def quarter(name: str, incidents: int, due: int) -> patterns.Quarter:
        return patterns.Quarter(name, incidents, None, None, None, due, 0)

    quarters = [quarter("2025-Q1", 1, 0), quarter("2025-Q2", 0, 0), quarter("2025-Q3", 0, 2), quarter("2025-Q4", 0, 0)]
    shown, empty = patterns.quarters_with_data(quarters)
    assert ([item.name for item in shown], empty) == (["2025-Q1", "2025-Q3"], 2)


def test_markdown_caps_long_tables_like_the_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for number in range(15):
        write_document(tmp_path, f"{number}.toml", incident={"title": f"Outage {number}", "tags": [f"tag{number:02d}"]})
    assert main(["patterns", str(tmp_path), "--today", TODAY.isoformat(), "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert "| tag09 | 1 | 7% |" in markdown and "| tag10 |" not in markdown
    assert "| … and 5 more (`--format json` lists them all) | | |" in markdown


def test_repeats_are_remembered_until_a_file_changes(corpus: Path, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "remembered"
    shutil.copytree(corpus, folder, ignore=shutil.ignore_patterns(".pmtui-index"))

    def repeats() -> list[list[str]]:
        with open_library(folder) as library:
            found = patterns.remembered_repeats(library, library.incidents(terms=False))
            assert library.query("SELECT count(*) FROM derived")[0][0] == 1
            return [[incident.label for incident in group.incidents] for group in found]

    assert repeats() == repeats() == [["INC-003", "INC-007"]]
    copy = folder / "2026" / "2026-06-20-13.toml"
    copy.write_bytes((folder / "2025" / "2025-09-20-03.toml").read_bytes().replace(b"INC-003", b"INC-013"))
    assert repeats() == [["INC-003", "INC-013", "INC-007"]]  # the copy keeps the date of INC-003
