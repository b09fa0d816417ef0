"""The targets the library reports measure against: the team policy's, or the built-in ones.

The reports (`patterns`, `actions`, `remind`) take a `Targets`; the commands build it from the
policy of the library's folder with `targets_from_policy`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmtui.policy import Policy


@dataclass(frozen=True)
class Targets:
    # Detected later than this after the trigger is slow, as in the review's slow-detection rule.
    detection: dt.timedelta = dt.timedelta(minutes=5)
    # Share of the action items due in the window that should be done.
    completion: float = 0.7
    # The policy has no setting for the window: the guides speak of a 90-day completion rate.
    completion_window_days: int = 90


DEFAULT_TARGETS = Targets()


def targets_from_policy(policy: Policy) -> Targets:
    return Targets(detection=dt.timedelta(minutes=policy.detection_target_minutes),
                   completion=policy.completion_target)


def reviewed_within_policy_line(review_days: Sequence[int | None], policy: Policy) -> str:
    """`patterns`' line: of the postmortems whose review date is known (business days from
    resolution to review, None where unknown), how many were reviewed in time."""
    known = [days for days in review_days if days is not None]
    allowed = f"{policy.review_due_business_days} business day{'' if policy.review_due_business_days == 1 else 's'}"
    if not known:
        return f"No postmortem records both its resolution and its review, so none can be held to the policy ({allowed})."
    in_time = sum(days <= policy.review_due_business_days for days in known)
    return (f"{in_time} of {len(known)} postmortems reviewed within policy ({allowed} after resolution; "
            f"{len(review_days) - len(known)} without a recorded review).")
