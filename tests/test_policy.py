"""The team's policy: found like .editorconfig, merged over the built-in default, one-line errors."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from document_factory import make_document
from pmtui.cli import main
from pmtui.document.model import Priority, Severity
from pmtui.document.timeline import business_days_between
from pmtui.policy import (
    BUILT_IN,
    DEFAULT_POLICY,
    PolicyError,
    due_by_policy,
    find_policy_file,
    load_policy,
    policy_from_mapping,
    postmortem_required,
)


def write_policy(folder: Path, text: str) -> Path:
    path = folder / ".pmtui" / "policy.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_built_in_default_encodes_the_guides_numbers() -> None:
    policy = DEFAULT_POLICY
    assert policy.draft_due_hours == 48
    assert policy.review_due_business_days == 3
    assert policy.detection_target_minutes == 5
    assert policy.completion_target == 0.7
    assert policy.action_due_weeks == {Priority.P1: 4, Priority.P2: 8}
    assert policy.layout_for(Severity.SEV1) == "sev1-extended"
    assert policy.layout_for(Severity.SEV2) == "standard"
    assert policy.layout_for(Severity.SEV3) == policy.layout_for(Severity.SEV4) == "lightweight"
    assert policy.layout_for(None) == "standard"
    assert [policy.severities[severity].postmortem for severity in Severity] == [
        "always", "always", "if-significant", "optional"]
    assert all("\n" not in rules.definition for rules in policy.severities.values())


def test_the_nearest_policy_file_up_the_tree_wins(tmp_path: Path) -> None:
    outer = write_policy(tmp_path, "[timeliness]\ndraft_due_hours = 72\n")
    inner = write_policy(tmp_path / "team", "[timeliness]\ndraft_due_hours = 24\n")
    document = tmp_path / "team" / "2026" / "pm.toml"
    document.parent.mkdir(parents=True)
    document.write_text("", encoding="utf-8")
    assert find_policy_file(document) == inner.resolve()
    policy, found = load_policy(document)
    assert found == inner.resolve()
    assert policy.draft_due_hours == 24
    assert load_policy(tmp_path)[0].draft_due_hours == 72


def test_values_left_out_keep_the_default_and_say_where_each_came_from(tmp_path: Path) -> None:
    path = write_policy(tmp_path, '[severity.SEV2]\nlayout = "sev1-extended"\n[actions]\ncompletion_target = 80\n'
                                  '[owners]\n"Maria Lopez" = "maria@example.com"\n')
    policy, _ = load_policy(tmp_path)
    assert policy.layout_for(Severity.SEV2) == "sev1-extended"
    assert policy.severities[Severity.SEV2].min_why_depth == 3  # untouched key of the same table
    assert policy.completion_target == 0.8
    assert policy.origin("severity.SEV2.layout") == str(path.resolve())
    assert policy.origin("severity.SEV2.min_why_depth") == BUILT_IN
    assert policy.owner_emails == {"Maria Lopez": "maria@example.com"}


@pytest.mark.parametrize(("text", "message"), [
    ("[timeliness]\ndraft_due_hours = \"two days\"\n", "timeliness.draft_due_hours: expected a number, got 'two days'"),
    ("[timeliness]\ndraft_hours = 4\n", "timeliness.draft_hours: unknown key"),
    ("[severity.SEV9]\nlayout = \"x\"\n", "severity.SEV9: unknown severity"),
    ("[severity.SEV1]\npostmortem = \"sometimes\"\n", "severity.SEV1.postmortem: expected one of always"),
    ("[severity.SEV1]\nrequired_sections = [\"lessons\"]\n", "severity.SEV1.required_sections: expected a list"),
    ("[actions]\ndue_weeks = { P7 = 2 }\n", "actions.due_weeks.P7: unknown priority"),
    ("[actions]\ncompletion_target = 170\n", "actions.completion_target: expected a number between 0 and 100"),
    ("[owners]\nMaria = \"not an email\"\n", "owners.Maria: expected an email address"),
    ("[meeting]\nx = 1\n", "meeting: unknown section"),
    ("[timeliness\n", "TOML syntax error"),
    # each of these once ended in a traceback, or in a number no date sum can use
    ("[actions]\ncompletion_target = nan\n", "actions.completion_target: expected a number, got nan"),
    ("[timeliness]\ndraft_due_hours = inf\n", "timeliness.draft_due_hours: expected a number, got inf"),
    ("[timeliness]\ndraft_due_hours = 99999999999999999999\n", "timeliness.draft_due_hours: expected a number between 1 and 8784"),
    ("[timeliness]\nreview_due_business_days = 9223372036854775807\n", "review_due_business_days: expected a number between 0 and 261"),
    ("[detection]\ntarget_minutes = 1e308\n", "detection.target_minutes: expected a number between 0 and 527040"),
    ("[postmortem_required]\nsignificant_minutes = -inf\n", "significant_minutes: expected a number, got -inf"),
    ("[severity.SEV1]\nrequired_sections = [[\"timeline\"]]\n", "severity.SEV1.required_sections: expected a list"),
    ("[severity.SEV1]\nrequired_sections = [{ a = 1 }]\n", "severity.SEV1.required_sections: expected a list"),
    ("[severity.SEV1]\ndefinition = \"Critical\\rOK\"\n", "severity.SEV1.definition: expected one line of text"),
    ("[severity.SEV1]\ndefinition = \"Critical\\u001b[2J\"\n", "severity.SEV1.definition: expected one line of text"),
    ("[owners]\nMaria = \"maria\\u001b[31m@example.com\"\n", "owners.Maria: expected an email address"),
    ("[owners]\nMaria = \"maria\\u202e@example.com\"\n", "owners.Maria: expected an email address"),
    ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply to be a policy"),
])
def test_a_malformed_policy_is_one_line_naming_the_file_and_key(tmp_path: Path, text: str, message: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = write_policy(tmp_path, text)
    with pytest.raises(PolicyError) as raised:
        load_policy(tmp_path)
    assert str(raised.value).startswith(f"{path.resolve()}: ")
    assert message in str(raised.value)
    assert main(["policy", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_policy_command_prints_every_value_and_its_origin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_policy(tmp_path, "[detection]\ntarget_minutes = 10\n")
    assert main(["policy", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"policy for {tmp_path}: {path.resolve()}" in out
    line = next(line for line in out.splitlines() if "detection.target_minutes" in line)
    assert line.split()[1:] == ["10", f"[{path.resolve()}]"]
    assert "timeliness.draft_due_hours" in out and "[built-in default]" in out
    assert main(["policy", str(tmp_path / "nowhere-else")]) == 2  # a typo must not show the default as if it applied
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'nowhere-else'}: no such file or folder\n"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize(("make", "message"), [
    (Path.mkdir, "is a folder, not a file"),
    (_fifo, "not a regular file"),
    (lambda path: path.symlink_to(path.name), "cannot read: Too many levels of symbolic links"),
    (lambda path: path.symlink_to("nowhere.toml"), "cannot read: No such file or directory"),
    (lambda path: path.symlink_to("/dev/zero"), "not a regular file"),
    (lambda path: path.write_bytes(b"#" * (2 * 1024 * 1024)), "larger than 1 MB"),
], ids=["folder", "fifo", "symlink-loop", "dangling-symlink", "device", "huge"])
def test_a_policy_file_pmtui_cannot_read_is_an_error_not_the_default(tmp_path: Path, make, message: str,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Skipping it would silently hold the team to the built-in default; a FIFO would hang the read."""
    path = tmp_path / ".pmtui" / "policy.toml"
    path.parent.mkdir()
    make(path)
    for command in (["policy", str(tmp_path)], ["remind", str(tmp_path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"pmtui: {path}: ") and message in err, err


def test_postmortem_required_for_sev3_when_impact_was_long_or_wide() -> None:
    def sev3(users: str | None = None):
        return make_document({"severity": "SEV3"}, impact={"users_affected": users})

    assert postmortem_required(sev3(), DEFAULT_POLICY, 40)[0] is True
    assert "impact lasted 40 min" in postmortem_required(sev3(), DEFAULT_POLICY, 40)[1]
    assert postmortem_required(sev3("about 3% of checkouts"), DEFAULT_POLICY, 5)[0] is True
    assert postmortem_required(sev3("0.5% of users"), DEFAULT_POLICY, 10)[0] is False
    required, reason = postmortem_required(sev3(), DEFAULT_POLICY, None)
    assert required is None and "decide as a team" in reason
    assert postmortem_required(make_document({"severity": "SEV1"}), DEFAULT_POLICY, None)[0] is True
    assert postmortem_required(make_document({"severity": "SEV4"}), DEFAULT_POLICY, 90)[0] is False


def test_business_days_skip_weekends_and_slos_give_due_dates() -> None:
    friday = dt.date(2026, 11, 27)
    assert business_days_between(friday, dt.date(2026, 11, 30)) == 1  # Sat, Sun, Mon
    assert business_days_between(friday, dt.date(2026, 12, 3)) == 4
    assert business_days_between(friday, friday) == 0
    assert due_by_policy(DEFAULT_POLICY, Priority.P1, friday) == dt.date(2026, 12, 25)
    assert due_by_policy(DEFAULT_POLICY, Priority.P2, friday) == dt.date(2027, 1, 22)
    assert due_by_policy(DEFAULT_POLICY, Priority.P3, friday) is None


def test_policy_from_mapping_is_pure() -> None:
    policy = policy_from_mapping({"severity": {"SEV1": {"min_why_depth": 5}}}, "memory")
    assert policy.severities[Severity.SEV1].min_why_depth == 5
    assert policy.origin("severity.SEV1.min_why_depth") == "memory"
