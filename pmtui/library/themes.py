"""Contributing-factor themes: "no alert", "missing monitoring" and "alert threshold" are one theme.

Method (the patterns report describes it in the same words): each factor is reduced to its
normalised words (`words.py`); the theme whose keyword list shares the most words with it wins, an
earlier theme in `THEMES` winning a tie; a factor sharing no word with any theme is unthemed (the
patterns report then groups unthemed factors by the words they repeat). An incident belongs to the
themes of its factors and of its tags, so a team that tags `deploy` but lists no factors still
counts as deploy-related. A tag counts only when it names a theme (`deploy`, `release`,
`database`, `dns`...), not on any keyword: `staging` says where it happened, not that testing failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pmtui.library.words import words


@dataclass(frozen=True)
class Theme:
    key: str  # one word: "7 of the last 12 incidents were deploy-related"
    title: str  # in tables
    keywords: frozenset[str]  # normalised words
    names: frozenset[str]  # normalised words of key and title: what a tag must say


def _theme(key: str, title: str, keywords: str) -> Theme:
    return Theme(key, title, frozenset(words(keywords)), frozenset(words(f"{key} {title}")))


# Order matters on ties: "no alert on disk usage" is about alerting before it is about capacity.
THEMES = (
    _theme("alerting", "alerting/monitoring",
           "alert alarm monitor monitoring page paging pager threshold dashboard metrics observability noisy "
           "synthetic probe"),
    _theme("deploy", "deploy/release",
           "deploy deployment release rollout rollback canary pipeline hotfix build ship"),
    _theme("config", "configuration",
           "config configuration setting flag toggle misconfiguration"),
    _theme("certificate", "certificates/expiry",
           "certificate cert expiry expire renewal tls ssl"),
    _theme("testing", "testing",
           "test testing coverage staging qa"),
    _theme("dependency", "dependencies/vendors",
           "dependency upstream downstream vendor third-party provider external fallback"),
    _theme("capacity", "capacity/load",
           "capacity load traffic spike scale scaling autoscaling quota limit saturation exhausted exhaustion "
           "pool memory cpu disk throttling overload forecast retention leak"),
    _theme("network", "network/DNS",
           "network dns timeout partition firewall routing latency"),
    _theme("data", "data/database",
           "database schema migration query index replication backup"),
    _theme("process", "process/runbooks",
           "runbook process handoff escalation oncall training documentation ownership owner checklist "
           "communication drill review"),
)
THEMES_BY_KEY = {theme.key: theme for theme in THEMES}


def theme_of(text: str) -> str | None:
    """The key of the theme `text` (a factor or a tag) is about, or None."""
    found = set(words(text))
    best, best_hits = None, 0
    for theme in THEMES:
        hits = len(found & theme.keywords)
        if hits > best_hits:
            best, best_hits = theme.key, hits
    return best


def tag_theme(tag: str) -> str | None:
    """The key of the theme a tag names ("deploy", "databases", "DNS"), or None."""
    found = set(words(tag))
    return next((theme.key for theme in THEMES if found & theme.names), None)


def incident_themes(factor_themes: Iterable[str | None], tags: Iterable[str]) -> list[str]:
    """The incident's themes in `THEMES` order: those of its factors and of its tags."""
    keys = {key for key in factor_themes if key} | {key for key in map(tag_theme, tags) if key}
    return [theme.key for theme in THEMES if theme.key in keys]
