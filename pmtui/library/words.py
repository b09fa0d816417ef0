"""Normalised words, the unit the library compares incidents by.

Text is lower-cased, split on anything that is not a letter or digit, stripped of common English
words, and reduced to a crude stem ("deploys", "deployed", "deploying", "deployment" -> "deploy";
"alerts", "alerting" -> "alert"), so two write-ups of the same cause share words however they are
phrased. A short synonym map joins the spellings teams use for the same thing ("db"/"database",
"config"/"configuration"). Deliberately small: predictable beats clever for a report people read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9]+")

STOP_WORDS = frozenset(
    """a about after again all also an and any are as at be been before being but by can could did do
    does doing during each few for from had has have having he her here his how i if in into is it its
    just more most no nor not of off on once only or other our out over own same she should since so some
    such than that the their them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with without would you your
    second seconds minute minutes hour hours day days customer customers user users incident incidents
    nothing something""".split()
)  # the last lines: words nearly every postmortem uses, which would make any two look alike

# (suffix, replacement), first match wins; the stem must keep at least three letters.
_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ments", ""), ("ment", ""), ("ings", ""), ("ing", ""),
             ("ed", ""), ("s", ""))
_KEEP_DOUBLE = frozenset("lsz")

# Stems of different spellings of one thing -> the stem used for all of them.
SYNONYMS = {
    "db": "databas",
    "config": "config", "configur": "config", "configuration": "config", "cfg": "config",
    "misconfigur": "config", "misconfiguration": "config",
    "cert": "certificat",
    "k8s": "kubernet",
}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix-stripping stem; the same for the usual inflections of one word."""
    if not word.endswith("ss"):
        for suffix, replacement in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: len(word) - len(suffix)] + replacement
                break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE and not word[-1].isdigit():
        word = word[:-1]  # "stopped" -> "stopp" -> "stop"
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # "release", "released", "releasing" all -> "releas"
    return SYNONYMS.get(word, word)


def _lower_words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("on-call", "oncall").replace("on call", "oncall"))


def _kept(word: str) -> bool:
    return len(word) > 1 and word not in STOP_WORDS and not word.isdigit()


def surface_words(text: str | None) -> list[tuple[str, str]]:
    """(word as written, lower-cased; its normalised form) for each word kept, in order."""
    if not text:
        return []
    return [(word, stem(word)) for word in _lower_words(text) if _kept(word)]


def word_runs(text: str | None) -> list[list[str]]:
    """The normalised words of `text` in runs of words that stand next to each other: a common
    word, digit or single letter ends a run ("pool exhausted under peak traffic" ->
    [["pool", "exhaust"], ["peak", "traffic"]]), so phrases never bridge one."""
    if not text:
        return []
    runs: list[list[str]] = [[]]
    for word in _lower_words(text):
        if _kept(word):
            runs[-1].append(stem(word))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def words(text: str | None) -> list[str]:
    """The normalised words of `text`, in order, repeats kept, common words dropped."""
    return [normal for _, normal in surface_words(text)]


def spellings(texts: Iterable[str | None]) -> dict[str, str]:
    """Normalised word -> how `texts` first wrote it, to show people words rather than stems."""
    spelled: dict[str, str] = {}
    for text in texts:
        for written, normal in surface_words(text):
            spelled.setdefault(normal, written)
    return spelled
