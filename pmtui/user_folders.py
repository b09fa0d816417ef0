"""Where pmtui keeps files of its own for this user: its data folder and its cache folder.

Linux and other Unix follow the XDG base directories (`$XDG_DATA_HOME`, `$XDG_CACHE_HOME`, which
count only when absolute, else `~/.local/share`, `~/.cache`); macOS uses `~/Library/Application
Support` and `~/Library/Caches`; Windows `%LOCALAPPDATA%`. Pure: reads the environment, writes nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "pmtui"


def _xdg(variable: str, fallback: str) -> Path:
    configured = os.environ.get(variable, "")
    return Path(configured) if os.path.isabs(configured) else Path.home() / fallback


def _windows_local() -> Path:
    configured = os.environ.get("LOCALAPPDATA", "")
    return Path(configured) if configured else Path.home() / "AppData" / "Local"


def data_folder() -> Path:
    """pmtui's folder in the user's data folder (kept files, such as the sample's working copy)."""
    if sys.platform == "win32":
        return _windows_local() / APP
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP
    return _xdg("XDG_DATA_HOME", ".local/share") / APP


def cache_folder() -> Path:
    """pmtui's folder in the user's cache folder (files that may be lost, such as a copied export)."""
    if sys.platform == "win32":
        return _windows_local() / APP / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    return _xdg("XDG_CACHE_HOME", ".cache") / APP
