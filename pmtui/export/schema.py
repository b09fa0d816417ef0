"""The JSON Schema of a postmortem file, so editors validate and complete hand edits.

Generated from the pydantic models, then adjusted where the loader is looser than pydantic's schema
says: times and date-times as the loader reads them, TOML local values included; severities and
priorities in the other spellings it accepts ("P1", "sev-2"); why ids written as numbers. An editor
validating a TOML file sees its times and date-times as ISO strings (`14:22:00`,
`2026-10-27T14:02:00`), which JSON Schema's own `time`/`date-time` formats reject for lack of an
offset, so those fields carry patterns instead. A JSON file may name its schema in `"$schema"`.

pmtui ships the schema as `postmortem.schema.json` beside this module (a test keeps it equal to
the models). There is no website to point at, so files reference a copy next to them:
`pmtui new` writes `.postmortem.schema.json` when the folder has none, and `pmtui schema -o FILE`
writes it anywhere.
Run `python -m pmtui.export.schema` after changing the models to refresh the shipped copy.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("postmortem.schema.json")
# The name of a postmortem folder's copy; TOML files point at it with `#:schema ./<name>`. Hidden, so
# `pmtui check FOLDER` and the library, which skip dot-files, do not take it for a postmortem.
LOCAL_NAME = ".postmortem.schema.json"

_DATE_TIME = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?$"
_CLOCK = r"^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$"
DATE_TIME = {"type": "string", "pattern": _DATE_TIME}
EVENT_TIME = {
    "type": "string",
    "anyOf": [{"pattern": _CLOCK}, {"pattern": _DATE_TIME}],
    "description": "A clock time (14:22, 14:22:05, or a TOML local time), dated by incident.date and "
    "rolling past midnight; or an ISO 8601 date-time. Without an offset it is in incident.timezone.",
}
WHY_ID = {
    "anyOf": [{"type": "string", "pattern": r"^[1-9]\d*(\.[1-9]\d*)*$"}, {"type": "integer", "minimum": 1}],
    "description": 'A dotted path: "1" is a first answer, "1.2" the second answer to why "1".',
}
# Spellings the loader accepts besides the canonical values, which stay the completion suggestions.
SEVERITY_ALIASES = {"type": "string", "pattern": r"^\s*([Ss][Ee][Vv]|[Pp])\s*-?\s*[1-4]\s*$"}
PRIORITY_ALIASES = {"type": "string", "pattern": r"^\s*[Pp][1-4]\s*$"}


def _relax_date_times(node: Any) -> Any:
    """Every `format: date-time` string becomes DATE_TIME, which also takes local date-times."""
    if isinstance(node, dict):
        if node.get("format") == "date-time" and node.get("type") == "string":
            return {**{k: v for k, v in node.items() if k not in ("format", "type")}, **DATE_TIME}
        return {key: _relax_date_times(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_relax_date_times(item) for item in node]
    return node


def generate_schema() -> dict[str, Any]:
    # Imported here: `pmtui schema` and `pmtui new` only read the shipped copy and skip pydantic's start-up.
    from pmtui.document.model import SCHEMA_VERSION, Document

    schema = _relax_date_times(Document.model_json_schema(mode="validation"))
    definitions = schema["$defs"]
    definitions["TimelineEvent"]["properties"]["time"] = {"title": "Time", **EVENT_TIME}
    definitions["Why"]["properties"]["id"] = {"title": "Id", **WHY_ID}
    definitions["Incident"]["properties"]["severity"]["anyOf"].insert(1, SEVERITY_ALIASES)
    definitions["ActionItem"]["properties"]["priority"]["anyOf"].insert(1, PRIORITY_ALIASES)
    schema["properties"] = {"$schema": {"type": "string", "description": "Where editors find this schema."},
                            **schema["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:pmtui:postmortem:v{SCHEMA_VERSION}",
        "title": "pmtui postmortem",
        "description": f"An incident postmortem as pmtui reads it (schema_version {SCHEMA_VERSION}). "
        "Generated from pmtui's models by `pmtui schema`; docs/format.md describes every field.",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text() -> str:
    return json.dumps(generate_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_text() -> str:
    """The copy shipped with pmtui (equal to `schema_text()`; cheaper than generating it)."""
    return SCHEMA_FILE.read_text(encoding="utf-8")


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
