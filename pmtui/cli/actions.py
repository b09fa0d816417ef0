"""`pmtui actions`: not built yet."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Registered when the command exists."""
