"""The hypothesis settings every fuzz test shares: a bounded, repeatable run in CI (the same
examples every run, so a red build means a change broke something), a long random one by hand
(`PMTUI_FUZZ_EXAMPLES=5000 PMTUI_FUZZ_RANDOM=1`)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ = settings(
    max_examples=int(os.environ.get("PMTUI_FUZZ_EXAMPLES", "150")),
    deadline=None,
    derandomize=os.environ.get("PMTUI_FUZZ_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
