"""Similar past incidents, for the meeting's "didn't we deal with this before?" panel.

An incident is compared with every postmortem in the library by its root cause and contributing
factors (and its title): the score is mostly the Jaccard similarity of their normalised words
(`words.py`), plus a part for the factor themes they share (`themes.py`), so "no alert on pool
usage" and "missing monitoring" still meet. Each match says why it matched and lists its action
items with their status: an open item on a similar past incident is the point of the panel.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from pmtui.document.model import Document
from pmtui.library.index import ActionRecord, IncidentRecord, open_library
from pmtui.library.themes import THEMES_BY_KEY, incident_themes, theme_of
from pmtui.library.words import jaccard, readable, spellings, word_set

WORDS_WEIGHT, THEMES_WEIGHT = 0.8, 0.2
MINIMUM_SCORE = 0.12  # below this, what two incidents share is a word or two of boilerplate


@dataclass(frozen=True)
class PastAction:
    id: str
    action: str
    owner: str | None
    due: dt.date | None
    status: str  # open, in_progress, done, wont_do


@dataclass(frozen=True)
class SimilarIncident:
    title: str
    path: Path  # the file, as the library folder was given
    date: dt.date | None
    score: float  # 0..1
    why: str  # "same themes: capacity/load; shared words: connection, pool"
    action_items: tuple[PastAction, ...]

    @property
    def open_actions(self) -> int:
        return sum(item.status in ("open", "in_progress") for item in self.action_items)


def _texts(document: Document) -> list[str | None]:
    cause = document.root_cause
    return [document.incident.title, cause.problem, cause.summary, *cause.contributing_factors]


def similar_incidents(document: Document, library_dir: str | os.PathLike[str], limit: int = 5,
                      exclude_path: str | os.PathLike[str] | None = None,
                      index_path: Path | None = None) -> list[SimilarIncident]:
    """The `limit` past incidents most like `document`, best first; [] when nothing is close.

    `exclude_path` is the document's own file (when it lives in the library); `index_path` where the
    index lives (default: beside the library, see `index.index_path_for`). Refreshes the index,
    which on a warm index costs a walk of the folder; raises index.LibraryError for a bad folder.
    """
    texts = _texts(document)
    terms = word_set(texts)
    themes = frozenset(incident_themes((theme_of(factor) for factor in document.root_cause.contributing_factors),
                                       document.incident.tags))
    if not terms and not themes:
        return []
    excluded = Path(exclude_path).resolve() if exclude_path is not None else None
    with open_library(library_dir, index_path=index_path) as library:
        scored = []
        for incident in library.incidents():
            if excluded is not None and (library.root / incident.path).resolve() == excluded:
                continue
            score = WORDS_WEIGHT * jaccard(terms, incident.terms) + THEMES_WEIGHT * jaccard(themes, frozenset(incident.themes))
            if score >= MINIMUM_SCORE:
                scored.append((score, incident))
        scored.sort(key=lambda entry: (-entry[0], entry[1].path))
        best = scored[:limit]
        actions = library.action_items([incident.key for _, incident in best])
        return [_similar(library.root, score, incident, terms, themes, texts, actions) for score, incident in best]


def _similar(root: Path, score: float, incident: IncidentRecord, terms: frozenset[str], themes: frozenset[str],
             texts: list[str | None], actions: list[ActionRecord]) -> SimilarIncident:
    reasons = []
    shared_themes = [THEMES_BY_KEY[key].title for key in incident.themes if key in themes]
    if shared_themes:
        reasons.append("same themes: " + ", ".join(shared_themes))
    shared_words = readable(terms & incident.terms, spellings(texts))
    if shared_words:
        reasons.append("shared words: " + ", ".join(shared_words[:8]) + (" …" if len(shared_words) > 8 else ""))
    items = tuple(PastAction(item.item_id, item.action, item.owner, item.due, item.status)
                  for item in actions if item.incident_key == incident.key)
    return SimilarIncident(incident.title, root / incident.path, incident.date, round(score, 3), "; ".join(reasons), items)
