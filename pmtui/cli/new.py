"""`pmtui new FILE`: a new draft from the template."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("new", help="create a new draft postmortem from the template")
    parser.add_argument("file", help="the file to create (.toml or .json); never overwritten")
    parser.add_argument("--title", default=None, help="the incident's title")
    parser.add_argument("--severity", default=None, help="SEV1..SEV4 (P1..P4 accepted)")
    parser.add_argument("--date", default=None, help="the day the incident started (YYYY-MM-DD; default today)")
    parser.add_argument("--timezone", default=None, help='IANA time zone, e.g. "Europe/Berlin" (default UTC)')
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pydantic import ValidationError

    from pmtui import storage
    from pmtui.cli import EXIT_BAD_INPUT, error
    from pmtui.document.template import new_document, template_preamble

    path = Path(args.file)
    try:
        document = new_document(title=args.title, severity=args.severity, date=args.date, timezone=args.timezone)
        storage.save_new(document, path, preamble=template_preamble(path))
    except ValidationError as exc:
        error(storage.describe_validation_error(exc))
        return EXIT_BAD_INPUT
    except storage.DocumentError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    print(f"created {path} ({document.incident.severity or 'no severity'}, draft)")
    return 0
