"""Postmortem files on disk: `files` (reading bytes into text, writing atomically), `toml` (the
TOML reader and canonical writer) and `documents` (load, save, migrate, change-on-disk checks).

The names the rest of pmtui uses are importable from `pmtui.storage` itself.
"""

from pmtui.storage.documents import (
    FORMATS,
    MIGRATIONS,
    ConflictError,
    Fingerprint,
    Loaded,
    NotAPostmortem,
    changed_on_disk,
    current_fingerprint,
    describe_validation_error,
    dumps,
    field_path,
    format_for,
    load,
    load_document,
    RECOVERY_SUFFIX,
    migrate,
    parse_document,
    save,
    save_new,
    save_recovery,
    to_mapping,
)
from pmtui.storage.files import (
    DocumentError,
    SaveError,
    decode_text,
    locked,
    printable,
    read_bytes,
    write_atomic,
    write_new,
)
from pmtui.storage.toml import parse_toml, to_toml

__all__ = [
    "FORMATS", "MIGRATIONS", "RECOVERY_SUFFIX", "ConflictError", "DocumentError", "Fingerprint", "Loaded", "NotAPostmortem",
    "SaveError",
    "changed_on_disk", "current_fingerprint", "decode_text", "describe_validation_error", "dumps", "field_path",
    "format_for", "load", "load_document", "locked", "migrate", "parse_document", "parse_toml", "printable", "read_bytes",
    "save", "save_new", "save_recovery", "to_mapping", "to_toml", "write_atomic", "write_new",
]
