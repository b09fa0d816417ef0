"""The targets the library reports measure against, in one place.

Today's built-in figures; when a team's policy file supplies its own, it replaces these.
"""

from __future__ import annotations

import datetime as dt

# Detected later than this after the trigger is slow: the review's slow-detection threshold
# (`pmtui.review.findings.ReviewConfig.detection_threshold_minutes`).
DETECTION_TARGET = dt.timedelta(minutes=5)
# Share of the action items due in the window that should be done.
COMPLETION_TARGET = 0.7
COMPLETION_WINDOW_DAYS = 90
