"""The team's rules for postmortems: `.pmtui/policy.toml`, or the built-in default.

The policy file is found like `.editorconfig`: from the document's folder upwards, the first
`.pmtui/policy.toml` wins. Values it leaves out keep the built-in default, which encodes what the
incident-review guides agree on (Google SRE, Atlassian, PagerDuty): a draft within 48 hours of
resolution, the review within 3 business days, P1/P2 action items due within 4 and 8 weeks, at
least 70% of due action items done. Every value remembers where it came from, so `pmtui policy`
can say so. The full format with an example is in docs/policy.md.

Parsing is pure (`policy_from_mapping`); `find_policy_file` and `load_policy` do the file I/O,
reading TOML the way documents are read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui.document.kinds import Priority, Severity
from pmtui.document.sections import EXPECTED, SECTIONS
from pmtui.meeting.layout_names import BUILT_IN_LAYOUTS
from pmtui.policy_file import POLICY_PATH, find_policy_file  # noqa: F401  (the policy's file, found without loading this module)

if TYPE_CHECKING:
    from pmtui.document.model import Document

BUILT_IN = "built-in default"
LAYOUT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
# Line breaks, escape sequences and direction overrides: never part of one line of text or an address.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The full example in docs/policy.md is 3 KB: a policy file larger than this is not one.
MAX_POLICY_BYTES = 1024 * 1024
# Bounds on durations: a year says "never" as well as any longer time, and keeps date sums finite.
HOURS_IN_A_YEAR = 366 * 24
MINUTES_IN_A_YEAR = HOURS_IN_A_YEAR * 60


class PolicyError(Exception):
    """A policy file pmtui cannot use; str() is one line naming the file and the key."""


# Whether a severity needs a postmortem: always, never required, or when the impact was significant
# (lasted longer than `significant_minutes`, or touched more than `significant_users_percent`).
REQUIRED_CHOICES = ("always", "if-significant", "optional")


@dataclass(frozen=True)
class SeverityRules:
    definition: str
    postmortem: str  # one of REQUIRED_CHOICES
    layout: str
    min_why_depth: int
    required_sections: tuple[str, ...]


DEFAULT_SEVERITIES: dict[Severity, SeverityRules] = {
    Severity.SEV1: SeverityRules(
        "Critical: a core service is down or data is lost for many customers; all hands until mitigated.",
        "always", BUILT_IN_LAYOUTS[Severity.SEV1], 3, tuple(EXPECTED[Severity.SEV1])),
    Severity.SEV2: SeverityRules(
        "Major: a key feature is broken or badly degraded for a significant share of customers.",
        "always", BUILT_IN_LAYOUTS[Severity.SEV2], 3, tuple(EXPECTED[Severity.SEV2])),
    Severity.SEV3: SeverityRules(
        "Minor: a partial or brief degradation with a workaround; few customers noticed.",
        "if-significant", BUILT_IN_LAYOUTS[Severity.SEV3], 1, tuple(EXPECTED[Severity.SEV3])),
    Severity.SEV4: SeverityRules(
        "Low: no customer impact; an internal tool, a near miss or cosmetic issue.",
        "optional", BUILT_IN_LAYOUTS[Severity.SEV4], 1, tuple(EXPECTED[Severity.SEV4])),
}


@dataclass(frozen=True)
class Policy:
    draft_due_hours: float = 48
    review_due_business_days: int = 3
    detection_target_minutes: float = 5
    completion_target: float = 0.7
    action_due_weeks: Mapping[Priority, int] = field(default_factory=lambda: {Priority.P1: 4, Priority.P2: 8})
    significant_minutes: float = 15
    significant_users_percent: float = 1
    severities: Mapping[Severity, SeverityRules] = field(default_factory=lambda: dict(DEFAULT_SEVERITIES))
    owner_emails: Mapping[str, str] = field(default_factory=dict)
    # key as written in the file ("timeliness.draft_due_hours") -> the file that set it
    origins: Mapping[str, str] = field(default_factory=dict)

    def rules_for(self, severity: Severity | None) -> SeverityRules | None:
        return None if severity is None else self.severities[severity]

    def layout_for(self, severity: Severity | None) -> str:
        """The meeting layout a document of this severity opens in (no severity: the standard one)."""
        rules = self.rules_for(severity)
        return rules.layout if rules else "standard"

    def origin(self, key: str) -> str:
        return self.origins.get(key, BUILT_IN)


DEFAULT_POLICY = Policy()


# ------------------------------------------------------------------------------------ the file format

def _number(minimum: float, maximum: float | None = None, *, whole: bool = False):
    def read(value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)) or not math.isfinite(value):
            raise ValueError(f"expected {'a whole number' if whole else 'a number'}, got {value!r}")
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"between {minimum:g} and {maximum:g}" if maximum is not None else f"at least {minimum:g}"
            raise ValueError(f"expected a number {bounds}, got {value!r}")
        return value
    return read


def _percent(value: Any) -> float:
    """70 or 0.7 both mean 70%."""
    number = _number(0, 100)(value)
    return number / 100 if number > 1 else float(number)


# section -> key -> (Policy attribute, reader); [severity.*], [owners] and actions.due_weeks are read apart.
FIELDS: dict[str, dict[str, tuple[str, Any]]] = {
    "timeliness": {
        "draft_due_hours": ("draft_due_hours", _number(1, HOURS_IN_A_YEAR)),
        "review_due_business_days": ("review_due_business_days", _number(0, 261, whole=True)),
    },
    "detection": {"target_minutes": ("detection_target_minutes", _number(0, MINUTES_IN_A_YEAR))},
    "actions": {"completion_target": ("completion_target", _percent)},
    "postmortem_required": {
        "significant_minutes": ("significant_minutes", _number(0, MINUTES_IN_A_YEAR)),
        "significant_users_percent": ("significant_users_percent", _number(0, 100)),
    },
}


def _severity_rules(table: Any, base: SeverityRules, where: str) -> SeverityRules:
    if not isinstance(table, dict):
        raise ValueError(f"{where}: expected a table")
    changes: dict[str, Any] = {}
    for key, value in table.items():
        at = f"{where}.{key}"
        if key == "definition":
            if not isinstance(value, str) or not value.strip() or CONTROL.search(value.strip()):
                raise ValueError(f"{at}: expected one line of text")
            changes[key] = value.strip()
        elif key == "postmortem":
            if value not in REQUIRED_CHOICES:
                raise ValueError(f"{at}: expected one of {', '.join(REQUIRED_CHOICES)}, got {value!r}")
            changes[key] = value
        elif key == "layout":
            if not isinstance(value, str) or not LAYOUT_NAME.fullmatch(value):
                raise ValueError(f"{at}: expected a layout name like \"standard\", got {value!r}")
            changes[key] = value
        elif key == "min_why_depth":
            try:
                changes[key] = _number(1, 20, whole=True)(value)
            except ValueError as exc:
                raise ValueError(f"{at}: {exc}") from None
        elif key == "required_sections":
            if not isinstance(value, list) or any(not isinstance(section, str) or section not in SECTIONS
                                                  for section in value):
                raise ValueError(f"{at}: expected a list of sections from {', '.join(SECTIONS)}")
            changes[key] = tuple(value)
        else:
            raise ValueError(f"{at}: unknown key (see docs/policy.md)")
    return replace(base, **changes)


def _action_due_weeks(table: Any) -> dict[Priority, int]:
    if not isinstance(table, dict):
        raise ValueError("actions.due_weeks: expected a table like { P1 = 4, P2 = 8 }")
    weeks: dict[Priority, int] = {}
    for key, value in table.items():
        if key not in Priority.__members__:
            raise ValueError(f"actions.due_weeks.{key}: unknown priority (use P1..P4)")
        try:
            weeks[Priority(key)] = _number(1, 520, whole=True)(value)
        except ValueError as exc:
            raise ValueError(f"actions.due_weeks.{key}: {exc}") from None
    return weeks


def _owner_emails(table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ValueError("owners: expected a table of name = \"email\"")
    for name, email in table.items():
        if not isinstance(email, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+", email) or CONTROL.search(email):
            raise ValueError(f"owners.{name}: expected an email address, got {email!r}")
    return dict(table)


def policy_from_mapping(raw: Mapping[str, Any], source: str) -> Policy:
    """The policy a parsed file describes over the built-in default; ValueError names the key."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    severities = dict(DEFAULT_SEVERITIES)
    for section, table in raw.items():
        if section == "severity":
            if not isinstance(table, dict):
                raise ValueError("severity: expected tables like [severity.SEV1]")
            for name, rules in table.items():
                if name not in Severity.__members__:
                    raise ValueError(f"severity.{name}: unknown severity (use SEV1..SEV4)")
                severities[Severity(name)] = _severity_rules(rules, severities[Severity(name)], f"severity.{name}")
                origins.update({f"severity.{name}.{key}": source for key in rules})
        elif section == "owners":
            values["owner_emails"] = _owner_emails(table)
            origins["owners"] = source
        elif section in FIELDS:
            if not isinstance(table, dict):
                raise ValueError(f"{section}: expected a table [{section}]")
            for key, value in table.items():
                at = f"{section}.{key}"
                if section == "actions" and key == "due_weeks":
                    values["action_due_weeks"] = _action_due_weeks(value)
                elif key in FIELDS[section]:
                    attribute, read = FIELDS[section][key]
                    try:
                        values[attribute] = read(value)
                    except ValueError as exc:
                        raise ValueError(f"{at}: {exc}") from None
                else:
                    raise ValueError(f"{at}: unknown key (see docs/policy.md)")
                origins[at] = source
        else:
            raise ValueError(f"{section}: unknown section (see docs/policy.md)")
    return Policy(**values, severities=severities, origins=origins)


def load_policy(start: Path) -> tuple[Policy, Path | None]:
    """The effective policy for a document or folder, and the file it came from (None: built-in).

    PolicyError: one line naming the file and the key."""
    path = find_policy_file(start)
    if path is None:
        return DEFAULT_POLICY, None
    from pmtui.storage import DocumentError, parse_toml
    from pmtui.storage.files import read_bytes

    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise PolicyError(f"{path}: is a folder, not a file")
        if not stat.S_ISREG(mode):  # a FIFO would hang the read, a device never end
            raise PolicyError(f"{path}: not a regular file")
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read: {exc.strerror or exc}") from None
    data, _ = read_bytes(path, PolicyError, limit=MAX_POLICY_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(f"{path}: not UTF-8 text") from None
    try:
        raw = parse_toml(text, path)
        return policy_from_mapping(raw, str(path)), path
    except DocumentError as exc:
        raise PolicyError(str(exc)) from None
    except RecursionError:
        raise PolicyError(f"{path}: nested too deeply to be a policy") from None
    except ValueError as exc:
        raise PolicyError(f"{path}: {exc}") from None


# ------------------------------------------------------------------------------------ decisions


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def users_percent(text: str | None) -> float | None:
    """The share of users an impact text states as a percentage ("about 3% of checkouts"), if any."""
    found = _PERCENT.search(text or "")
    return float(found.group(1)) if found else None


def postmortem_required(document: Document, policy: Policy, impact_minutes: float | None) -> tuple[bool | None, str]:
    """Whether the policy requires a postmortem for this incident, and why.

    For "if-significant" severities pmtui decides from the document: the customer impact (the
    impact_start -> resolved milestones, given as `impact_minutes`) and a percentage written in
    `impact.users_affected`. When neither is known the answer is None: the team has to decide.
    """
    severity = document.incident.severity
    rules = policy.rules_for(severity)
    if rules is None:
        return None, "no severity, so the policy cannot say"
    if rules.postmortem == "always":
        return True, f"{severity}: always"
    if rules.postmortem == "optional":
        return False, f"{severity}: optional"
    reasons = []
    if impact_minutes is not None and impact_minutes > policy.significant_minutes:
        reasons.append(f"impact lasted {impact_minutes:.0f} min (over {policy.significant_minutes:g})")
    share = users_percent(document.impact.users_affected)
    if share is not None and share > policy.significant_users_percent:
        reasons.append(f"{share:g}% of users (over {policy.significant_users_percent:g}%)")
    if reasons:
        return True, f"{severity}: " + " and ".join(reasons)
    if impact_minutes is None and share is None:
        return None, f"{severity}: impact duration and share of users unknown; decide as a team"
    return False, f"{severity}: impact under the thresholds"


def due_by_policy(policy: Policy, priority: Priority | None, created: dt.date) -> dt.date | None:
    """The latest due date the policy's SLO allows for an action item of this priority."""
    weeks = policy.action_due_weeks.get(priority) if priority else None
    return created + dt.timedelta(weeks=weeks) if weeks else None


# ------------------------------------------------------------------------------------ describing it


def describe(policy: Policy) -> Iterator[tuple[str, str, str]]:
    """(key, value, where it came from) for every setting, in the order of docs/policy.md."""
    for section, keys in FIELDS.items():
        for key, (attribute, _) in keys.items():
            value = getattr(policy, attribute)
            shown = f"{round(value * 100)}%" if attribute == "completion_target" else f"{value:g}"
            yield f"{section}.{key}", shown, policy.origin(f"{section}.{key}")
        if section == "actions":
            weeks = ", ".join(f"{priority} = {count}" for priority, count in sorted(policy.action_due_weeks.items()))
            yield "actions.due_weeks", f"{{ {weeks} }}", policy.origin("actions.due_weeks")
    for severity, rules in policy.severities.items():
        for key in ("definition", "postmortem", "layout", "min_why_depth", "required_sections"):
            value = getattr(rules, key)
            shown = ", ".join(value) if isinstance(value, tuple) else str(value)
            yield f"severity.{severity}.{key}", shown, policy.origin(f"severity.{severity}.{key}")
    owners = ", ".join(f"{name} = {email}" for name, email in policy.owner_emails.items()) or "(none)"
    yield "owners", owners, policy.origin("owners")
