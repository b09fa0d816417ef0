"""Which bundled layout each severity opens in, without loading the layout format (pydantic):
the team policy names these as its defaults, and the library reports read the policy."""

from __future__ import annotations

from pmtui.document.kinds import Severity

# The layout each severity opens in unless the team policy says otherwise (the built-in policy's).
BUILT_IN_LAYOUTS = {Severity.SEV1: "sev1-extended", Severity.SEV2: "standard",
                    Severity.SEV3: "lightweight", Severity.SEV4: "lightweight"}


def default_layout_name(severity: Severity | None) -> str:
    """The built-in policy's layout: the extended review for SEV1, lightweight for the small
    incidents, the standard one otherwise (no severity yet included)."""
    return BUILT_IN_LAYOUTS.get(severity, "standard") if severity else "standard"
