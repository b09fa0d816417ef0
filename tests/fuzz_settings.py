"""The hypothesis settings every fuzz test shares: a bounded run in CI, a long one by hand
(`PMTUI_FUZZ_EXAMPLES=5000`)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ = settings(
    max_examples=int(os.environ.get("PMTUI_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
