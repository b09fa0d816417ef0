"""Similar past incidents, for the meeting's "didn't we deal with this before?" panel.

An incident is compared with every postmortem in the library the way repeated incidents are
found (`likeness.py`: rare words, two-word phrases and the failure-mode signature of title, root
cause, whys and factors, weighted by rarity across the library). Each match says why it matched
and lists its action items with their status: an open item on a similar past incident is the
point of the panel. `pmtui similar FILE` shows the same list on the command line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from pmtui.document.model import Document
from pmtui.library.actions import STATUS_NAMES
from pmtui.library.index import OPEN_STATUSES, ActionRecord, IncidentRecord, open_library
from pmtui.library.likeness import Weights, compared_texts, cosine, explain, incident_terms, shared_terms
from pmtui.library.terminal import truncate, wrap
from pmtui.library.words import spellings
from pmtui.terminal_text import for_terminal

MINIMUM_SCORE = 0.1  # below this, what two incidents share is a word or two of boilerplate


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
    why: str  # "same failure mode: an expiry; shared: certificate, renewal"
    action_items: tuple[PastAction, ...]

    @property
    def open_actions(self) -> int:
        return sum(item.status in OPEN_STATUSES for item in self.action_items)


def similar_incidents(document: Document, library_dir: str | os.PathLike[str], limit: int = 5,
                      exclude_path: str | os.PathLike[str] | None = None,
                      index_path: Path | None = None) -> list[SimilarIncident]:
    """The `limit` past incidents most like `document`, best first; [] when nothing is close.

    `exclude_path` is the document's own file (when it lives in the library); `index_path` where the
    index lives (default: beside the library, see `index.index_path_for`). Refreshes the index,
    which on a warm index costs a walk of the folder; raises index.LibraryError for a bad folder.
    """
    terms = incident_terms(document)
    excluded = Path(exclude_path).resolve() if exclude_path is not None else None
    with open_library(library_dir, index_path=index_path) as library:
        past = [incident for incident in library.incidents()
                if excluded is None or (library.root / incident.path).resolve() != excluded]
        weights = Weights.of([terms, *(incident.terms for incident in past)])
        vector = weights.vector(terms)
        if not vector:
            return []
        scored = []
        for incident in past:
            other = weights.vector(incident.terms)
            score = cosine(vector, other)
            if score >= MINIMUM_SCORE:
                scored.append((score, incident, other))
        scored.sort(key=lambda entry: (-entry[0], entry[1].path))
        best = scored[:limit]
        actions = library.action_items([incident.key for _, incident, _ in best])
        spelled = spellings(compared_texts(document))
        return [_similar(library.root, score, incident, explain(shared_terms(vector, other), spelled), actions)
                for score, incident, other in best]


def _similar(root: Path, score: float, incident: IncidentRecord, why: str, actions: list[ActionRecord]) -> SimilarIncident:
    items = tuple(PastAction(item.item_id, item.action, item.owner, item.due, item.status)
                  for item in actions if item.incident_key == incident.key)
    return SimilarIncident(incident.title, root / incident.path, incident.date, round(score, 3), why, items)


# -------------------------------------------------------------------------------------- rendering


def render_text(matches: list[SimilarIncident], library_dir: str, width: int = 80) -> str:
    """Best match first: title; date, file and score; why it matched; its action items, open first."""
    if not matches:
        return f"No similar past incidents in {for_terminal(library_dir)}.\n"
    lines = []
    for rank, match in enumerate(matches, start=1):
        facts = [match.date.isoformat() if match.date else "undated", for_terminal(match.path.as_posix()),
                 f"likeness {match.score:.2f}"]
        lines.append(f"{rank:>2}. " + truncate(for_terminal(match.title), width - 4))
        lines += wrap(" · ".join(facts), width, "    ")
        lines += wrap(for_terminal(match.why), width, "    ")
        items = sorted(match.action_items, key=lambda item: item.status not in OPEN_STATUSES)
        for item in items:
            due = f", due {item.due.isoformat()}" if item.due else ""
            owner = f", {for_terminal(item.owner)}" if item.owner else ""
            lines += wrap(f"{for_terminal(item.id)} [{STATUS_NAMES.get(item.status, item.status)}{owner}{due}] "
                          f"{for_terminal(item.action)}", width, "      ")
        lines.append("")
    return "\n".join(lines)


def render_json(matches: list[SimilarIncident], library_dir: str) -> str:
    payload = {
        "library": library_dir,
        "similar": [
            {"title": match.title, "file": match.path.as_posix(),
             "date": match.date.isoformat() if match.date else None, "score": match.score, "why": match.why,
             "open_actions": match.open_actions,
             "action_items": [{"id": item.id, "action": item.action, "owner": item.owner,
                               "due": item.due.isoformat() if item.due else None, "status": item.status}
                              for item in match.action_items]}
            for match in matches
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
