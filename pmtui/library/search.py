"""`pmtui search`: full-text search over a library, best match first, with the matching passage.

Words are matched by stem ("deploys" finds "deployed"); "quoted phrases" match as phrases and a
trailing * matches a prefix (`pool*`). Documents with all the words come first; when none has all
of them, documents with any are shown, and the result says so. Ranking is FTS5's bm25 with a
title match worth most, then root cause and factors, then summary and lessons, then timeline.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from dataclasses import dataclass

from pmtui.library.index import SEARCH_COLUMNS, Library, incident_label
from pmtui.library.terminal import truncate
from pmtui.terminal_text import for_terminal

# bm25 weights, in SEARCH_COLUMNS order: title, summary, timeline, root_cause, factors, lessons.
COLUMN_WEIGHTS = (10.0, 3.0, 1.0, 5.0, 4.0, 2.0)
# Where the snippet is taken from, most telling first (the title is shown anyway).
SNIPPET_PREFERENCE = ("root_cause", "factors", "summary", "lessons", "timeline", "title")
FIELD_NAMES = {"title": "title", "summary": "summary", "timeline": "timeline", "root_cause": "root cause",
               "factors": "factors", "lessons": "lessons"}
# Marks around matched words inside snippets; renderers turn them into bold or asterisks.
MATCH_START, MATCH_END = "\x02", "\x03"
SNIPPET_WORDS = 14


class QueryError(ValueError):
    """A query with nothing to search for; str() is one line."""


@dataclass(frozen=True)
class SearchHit:
    path: str  # relative to the library folder
    label: str
    title: str
    date: dt.date | None
    severity: str | None
    field: str  # where the snippet comes from
    snippet: str  # with MATCH_START/MATCH_END around matched words
    score: float  # higher is better


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    matched_all_words: bool
    note: str | None = None  # how the search was done, when it is not the normal way


_TERM = re.compile(r'"([^"]*)"|(\S+)')


def query_terms(query: str) -> list[str]:
    """FTS5 query terms: every word or "phrase" quoted (so no user text is FTS5 syntax)."""
    terms = []
    for phrase, word in _TERM.findall(query):
        text = phrase or word
        prefix = bool(word) and text.endswith("*")
        text = text.rstrip("*") if prefix else text
        if re.search(r"\w", text):
            terms.append('"' + text.replace('"', '""') + '"' + ("*" if prefix else ""))
    if not terms:
        raise QueryError(f'nothing to search for in "{query}" (give some words)')
    return terms


def search(library: Library, query: str, limit: int = 10) -> SearchResult:
    terms = query_terms(query)
    if not library.full_text:
        return _search_plain(library, query, terms, limit)
    for matched_all, joiner in ((True, " "), (False, " OR ")):
        hits = _search_fts(library, joiner.join(terms), limit)
        if hits or len(terms) == 1:
            return SearchResult(query, hits, matched_all)
    return SearchResult(query, [], False)


def _search_fts(library: Library, expression: str, limit: int) -> list[SearchHit]:
    weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
    ranked = library.query(
        f"SELECT rowid, bm25(search, {weights}) AS rank FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?",
        (expression, limit))
    if not ranked:
        return []
    # Snippets only for the rows shown: computing them for every match would cost more than the search.
    snippets = ", ".join(f"snippet(search, {index}, '{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_WORDS})"
                         for index in range(len(SEARCH_COLUMNS)))
    keys = [key for key, _ in ranked]
    rows = library.query(
        f"SELECT s.rowid, {snippets}, i.path, i.incident_id, i.title, i.date, i.severity FROM search s "
        f"JOIN incidents i ON i.key = s.rowid WHERE search MATCH ? AND s.rowid IN ({', '.join('?' * len(keys))})",
        (expression, *keys))
    by_key = {row[0]: row for row in rows}
    hits = []
    for key, rank in ranked:
        row = by_key[key]
        column_snippets = dict(zip(SEARCH_COLUMNS, row[1:1 + len(SEARCH_COLUMNS)]))
        field = next((name for name in SNIPPET_PREFERENCE if MATCH_START in (column_snippets[name] or "")), "title")
        path, incident_id, title, date, severity = row[1 + len(SEARCH_COLUMNS):]
        hits.append(SearchHit(path, incident_label(incident_id, path), title,
                              dt.date.fromisoformat(date) if date else None, severity, FIELD_NAMES[field],
                              " ".join(column_snippets[field].split()), -rank))
    return hits


def _search_plain(library: Library, query: str, terms: list[str], limit: int) -> SearchResult:
    """Without FTS5: case-insensitive substring matching of every word, ranked by weighted hits."""
    needles = [term.strip('"*').replace('""', '"').lower() for term in terms]
    columns = ", ".join(f"s.{column}" for column in SEARCH_COLUMNS)
    scored = []
    for row in library.query(
            f"SELECT i.path, i.incident_id, i.title, i.date, i.severity, {columns} FROM search s "
            "JOIN incidents i ON i.key = s.rowid"):
        texts = dict(zip(SEARCH_COLUMNS, (text.lower() for text in row[5:])))
        if not all(any(needle in text for text in texts.values()) for needle in needles):
            continue
        score = sum(weight * texts[column].count(needle)
                    for column, weight in zip(SEARCH_COLUMNS, COLUMN_WEIGHTS) for needle in needles)
        field = next(name for name in SNIPPET_PREFERENCE if any(needle in texts[name] for needle in needles))
        original = dict(zip(SEARCH_COLUMNS, row[5:]))[field]
        scored.append((score, row, field, _plain_snippet(original, needles)))
    scored.sort(key=lambda entry: -entry[0])
    hits = [SearchHit(row[0], incident_label(row[1], row[0]), row[2],
                      dt.date.fromisoformat(row[3]) if row[3] else None, row[4], FIELD_NAMES[field], snippet, score)
            for score, row, field, snippet in scored[:limit]]
    note = "this Python's SQLite has no FTS5: simple substring search, ranked by how often the words occur"
    return SearchResult(query, hits, True, note)


def _plain_snippet(text: str, needles: list[str]) -> str:
    lowered = text.lower()
    start = min(index for index in (lowered.find(needle) for needle in needles) if index >= 0)
    window = " ".join(text[max(0, start - 40): start + 80].split())
    for needle in needles:
        window = re.sub(re.escape(needle), lambda match: MATCH_START + match.group(0) + MATCH_END, window,
                        flags=re.IGNORECASE)
    return ("…" if start > 40 else "") + window + "…"


def render_text(result: SearchResult, folder: str, *, width: int = 80, emphasis: tuple[str, str] = ("**", "**")) -> str:
    """One entry per hit: rank, label, date, severity, title; then where it matched and the passage."""
    lines = []
    if result.note:
        lines += [f"note: {result.note}", ""]
    if not result.hits:
        return "\n".join([*lines, for_terminal(f'No postmortem in {folder} mentions "{result.query}".')]) + "\n"
    if not result.matched_all_words:
        lines += ["No postmortem has all the words; showing those with any of them.", ""]
    for rank, hit in enumerate(result.hits, start=1):
        facts = (hit.label, hit.date.isoformat() if hit.date else None, hit.severity, f"{folder.rstrip('/')}/{hit.path}")
        lines.append(f"{rank:>2}. " + truncate(for_terminal(hit.title), width - 4))
        lines.append("    " + for_terminal(" · ".join(part for part in facts if part)))
        # The document's text made safe piece by piece, then the emphasis (our own escapes) put in.
        pieces = re.split(f"([{MATCH_START}{MATCH_END}])", hit.snippet)
        marked = "".join(emphasis[0] if piece == MATCH_START else emphasis[1] if piece == MATCH_END
                         else for_terminal(piece) for piece in pieces)
        snippet = f"{hit.field}: {marked}"
        lines += textwrap.wrap(snippet, width, initial_indent="    ", subsequent_indent="    ", max_lines=3,
                               placeholder=" …", break_on_hyphens=False)
        lines.append("")
    return "\n".join(lines)


def render_json(result: SearchResult, folder: str) -> str:
    payload = {
        "folder": folder,
        "query": result.query,
        "matched_all_words": result.matched_all_words,
        "note": result.note,
        "hits": [
            {"file": hit.path, "id": hit.label, "title": hit.title,
             "date": hit.date.isoformat() if hit.date else None, "severity": hit.severity,
             "field": hit.field, "snippet": hit.snippet.replace(MATCH_START, "").replace(MATCH_END, ""),
             "score": round(hit.score, 4)}
            for hit in result.hits
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
