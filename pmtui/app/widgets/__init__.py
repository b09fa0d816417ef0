"""The meeting screen's parts: agenda bar, prompts, one editor panel per phase, the virtual table."""
