"""`pmtui new FILE`: a new draft from the template.

The new file names the JSON Schema for editors (`#:schema` in TOML, `"$schema"` in JSON) as
`./.postmortem.schema.json`, and that copy is written beside it when the folder has none, so the
reference always points at a real file. `--no-schema` leaves both out.
"""

from __future__ import annotations

import argparse

from pmtui.cli import path_argument


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("new", help="create a new draft postmortem from the template")
    parser.add_argument("file", type=path_argument, help="the file to create (.toml or .json); never overwritten")
    parser.add_argument("--title", default=None, help="the incident's title")
    parser.add_argument("--severity", default=None, help="SEV1..SEV4 (P1..P4 accepted)")
    parser.add_argument("--date", default=None, help="the day the incident started (YYYY-MM-DD; default today)")
    parser.add_argument("--timezone", default=None, help='IANA time zone, e.g. "Europe/Berlin" (default UTC)')
    parser.add_argument("--no-schema", action="store_true",
                        help="do not reference or write .postmortem.schema.json (the editor schema)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import datetime as dt
    from pathlib import Path

    from pydantic import ValidationError

    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, error, say
    from pmtui.document.timeline import zone_of
    from pmtui.document.template import new_document, template_extras, template_preamble
    from pmtui.export.schema import LOCAL_NAME, shipped_schema_text

    path = Path(args.file)
    schema = None if args.no_schema else f"./{LOCAL_NAME}"
    try:
        document = new_document(title=args.title, severity=args.severity, date=args.date, timezone=args.timezone)
        # The policy's draft deadline is measured to this moment (see docs/policy.md).
        document.incident.draft_started = dt.datetime.now(zone_of(document)).replace(microsecond=0)
        storage.save_new(document, path, preamble=template_preamble(path, schema), extras=template_extras(path, schema))
    except ValidationError as exc:
        error(storage.describe_validation_error(exc))
        return EXIT_BAD_INPUT
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    say(f"created {path} ({document.incident.severity or 'no severity'}, draft)")
    schema_copy = path.parent / LOCAL_NAME
    if schema and not schema_copy.exists():
        try:
            storage.write_atomic(schema_copy, shipped_schema_text().encode("utf-8"))
        except storage.DocumentError as exc:
            error(f"warning: {exc}; editors will not find the schema")
        else:
            say(f"wrote {schema_copy} beside it, so editors validate and complete the file")
    return 0
