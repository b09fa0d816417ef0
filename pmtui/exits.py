"""Exit codes of every `pmtui` command: 0 ok, 1 the documents have errors, 2 unreadable input or bad usage."""

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
