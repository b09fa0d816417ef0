"""The targets the library reports measure against: the team policy's, or the built-in ones.

The reports (`patterns`, `actions`, `remind`) take a `Targets`; the commands build it from the
policy of the library's folder with `targets_from_policy`.
"""

from __future__ import annotations

import datetime as dt
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
