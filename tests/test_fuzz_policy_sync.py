"""Fuzzing the newer commands where the hostile-input review found them weak.

- `.pmtui/policy.toml`: NaN, infinities, huge numbers and lists of lists ended in tracebacks, in
  `pmtui policy` or later in `remind`: any value of any key is a policy whose durations add to a
  date, or one ValueError naming the key.
- Tracker exports for `pmtui sync`: a short row ended in a KeyError, and keys with escape
  sequences or line breaks were written into `ticket`: any export is tickets with printable
  one-line keys, or one SourceError.
- `pmtui diff` and `pmtui remind` over documents full of escape sequences: never a terminal control
  on the screen, whatever the text.

CI runs a bounded number of examples (tests/fuzz_settings.py); PMTUI_FUZZ_EXAMPLES raises it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from document_factory import make_document
from fuzz_settings import FUZZ
from pmtui import storage
from pmtui.document.model import Priority
from pmtui.importers import SourceError
from pmtui.importers.tickets import read_tickets
from pmtui.library.targets import targets_from_policy
from pmtui.policy import FIELDS, due_by_policy, policy_from_mapping
from pmtui.terminal_text import for_terminal
from test_cli_terminal_safety import unsafe_characters
from test_fuzz_cli import HOSTILE_TEXT, run

# What a TOML file can hold, weighted towards the values that once broke a policy.
TOML_VALUES = st.recursive(
    st.one_of(st.integers(), st.floats(), st.sampled_from([math.nan, math.inf, -math.inf, 10**20, -1, 0, 1e308]),
              st.booleans(), st.text(max_size=20), st.dates(), HOSTILE_TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)
KEYS = [(section, key) for section, keys in FIELDS.items() for key in keys] + [
    ("actions", "due_weeks"), ("severity", "SEV1"), ("owners", "Maria Lopez")]
SEVERITY_KEYS = ["definition", "postmortem", "layout", "min_why_depth", "required_sections"]


@FUZZ
@given(where=st.sampled_from(KEYS), value=TOML_VALUES, rule=st.sampled_from(SEVERITY_KEYS), rule_value=TOML_VALUES)
def test_any_policy_value_is_a_usable_policy_or_one_error(where: tuple[str, str], value: Any, rule: str,
                                                          rule_value: Any) -> None:
    section, key = where
    for raw in ({section: {key: value}}, {"severity": {"SEV2": {rule: rule_value}}}):
        try:
            policy = policy_from_mapping(raw, "policy.toml")
        except ValueError as exc:
            assert "\n" not in for_terminal(str(exc))
            continue
        targets_from_policy(policy)  # durations a date can be moved by
        for priority in Priority:
            due_by_policy(policy, priority, dt.date(9000, 1, 1))


CSV_CELL = st.one_of(HOSTILE_TEXT, st.sampled_from(["", "Done", "In Progress", "ORD-1", "24/Nov/26 3:14 PM",
                                                    "pmtui-action: pm.toml#AI-1", '"', "\r\n"]))


@FUZZ
@given(tracker=st.sampled_from(["jira", "linear"]),
       rows=st.lists(st.lists(CSV_CELL, max_size=6), max_size=4),
       header=st.permutations(["Issue key", "ID", "Status", "Resolution", "Resolved", "Completed", "Description"]))
def test_any_tracker_csv_is_tickets_with_one_line_keys_or_one_error(tracker: str, rows: list[list[str]],
                                                                    header: list[str]) -> None:
    import csv
    import io

    text = io.StringIO()
    csv.writer(text).writerows([header[:5], *rows])
    _check_tickets(tracker, text.getvalue().encode("utf-8", "surrogatepass"))


@FUZZ
@given(issues=st.lists(st.fixed_dictionaries({"number": st.one_of(st.integers(), st.booleans(), st.none()),
                                              "url": st.one_of(HOSTILE_TEXT, st.none()),
                                              "state": st.sampled_from(["OPEN", "CLOSED", 3]),
                                              "closedAt": st.one_of(st.none(), st.text(max_size=25),
                                                                    st.datetimes().map(dt.datetime.isoformat)),
                                              "body": st.one_of(HOSTILE_TEXT, st.lists(st.integers()))}),
                       max_size=3))
def test_any_github_export_is_tickets_with_one_line_keys_or_one_error(issues: list[dict[str, Any]]) -> None:
    _check_tickets("github", json.dumps(issues).encode())


def _check_tickets(tracker: str, data: bytes) -> None:
    try:
        tickets = read_tickets(tracker, data, "export")
    except SourceError as exc:
        assert "\n" not in for_terminal(str(exc))
        return
    for ticket in tickets:
        assert ticket.key and for_terminal(ticket.key) == ticket.key


@FUZZ
@given(title=HOSTILE_TEXT, event=HOSTILE_TEXT, owner=HOSTILE_TEXT, action=HOSTILE_TEXT)
def test_diff_and_remind_never_print_a_terminal_control(title: str, event: str, owner: str, action: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        old, new = Path(folder) / "old.toml", Path(folder) / "new.toml"
        storage.save_new(make_document(timeline=[{"time": "10:00", "event": "deploy"}],
                                       action_items=[{"id": "AI-1", "action": "a", "owner": "o", "due": "2026-03-01"}]), old)
        storage.save_new(make_document(
            incident={"title": title},
            timeline=[{"time": "10:00", "event": event}, {"time": "10:05", "event": f"{event}\n{event}", "source": owner}],
            action_items=[{"id": "AI-1", "action": action, "owner": owner, "due": "2026-03-01"},
                          {"id": "AI-2", "action": action, "owner": owner, "due": "2026-03-02"}]), new)
        for command in (["diff", str(old), str(new)], ["diff", str(new), str(old)],
                        ["remind", folder, "--today", "2026-03-03"], ["remind", folder, "--format", "json"]):
            code, out, err = run(command, terminal=True)
            assert code == 0 and "Traceback" not in err, command
            assert unsafe_characters(out) == [] and unsafe_characters(err) == [], command
