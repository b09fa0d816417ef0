"""A folder of postmortems as the team's memory: follow-up, patterns, search, similar incidents.

- `index.py`     the SQLite index, a rebuildable cache of the files (they stay the source of truth)
- `actions.py`   `pmtui actions`: every action item, overdue first, and the completion rate
- `patterns.py`  `pmtui patterns`: the quarterly review (themes, trends, repeated incidents)
- `search.py`    `pmtui search`: full-text search, ranked, with snippets
- `similar.py`   similar past incidents, for the meeting's root-cause phase
- `themes.py`, `words.py`   how factors and incidents are compared
- `terminal.py`  bars, sparklines and tables for the text reports

Pure: no Textual. Reading a warm index does not import the document model either.
"""
