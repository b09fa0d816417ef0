"""A folder of postmortems as the team's memory: follow-up, patterns, search, similar incidents.

- `index.py`     the SQLite index, a rebuildable cache of the files (they stay the source of truth)
- `actions.py`   `pmtui actions`: every action item, overdue first, and the completion rate
- `patterns.py`  `pmtui patterns`: the quarterly review (follow-up, themes, trends, repeated incidents)
- `search.py`    `pmtui search`: full-text search, ranked, with snippets
- `similar.py`   `pmtui similar` and the meeting's similar past incidents
- `likeness.py`  how alike two incidents are: rare words, phrases, the failure-mode signature
- `themes.py`, `words.py`   contributing-factor themes; normalised words
- `targets.py`   the detection and completion targets the reports measure against
- `terminal.py`  bars, sparklines and tables for the text reports

Pure: no Textual. Reading a warm index does not import the document model either.
"""
