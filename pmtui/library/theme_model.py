"""A learned reading of a contributing factor's theme, over the word rules of `themes.py`.

The word rules (`themes.rule_scores`) find a theme by the words teams use for it; a person reads the
factor as a whole ("every client woke up at the top of the hour" is about load though it names no
load word, and "the probe meant to catch the expiry checked the wrong hostname" is about alerting
though it names a certificate). This model is a multinomial logistic regression over a factor's
words, two-word phrases and word beginnings, and over what the rules found (each theme's weight of
evidence and the rules' own pick), so it starts from the rules and learns where people read
otherwise. It was trained on the `tune` halves of the labelled factor sets in `tests/` only;
`python -m tests.train_theme_model` writes `theme_weights.json` and a test checks that the shipped
file is what it writes.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

WEIGHTS = Path(__file__).with_name("theme_weights.json")
NONE = "none"  # the class of a factor no theme fits
# A word also counts by its first 3, 4 and 5 letters ("expired" as "exp", "expi", "expir"): the
# families a theme's words come in ("expiry", "expired", "expiring") then share features. With each
# labelled set left out of training in turn, this read 0.811 of the left-out factors as people did
# against 0.784 with 5 letters only.
STEMS = (3, 4, 5)
# The factor's head, its first three words that are not filler ("No canary stage before the push":
# canary, stage, push), says what it is about more than a trailing clause does: 0.875 of left-out
# factors read as people did with the head as features of its own, 0.868 without.
HEAD = 3
_FILLER = frozenset("the a an of to was were is are and in on for by with that it its this as at from be had has not no our we".split())

_WORDS = re.compile(r"[a-z0-9]+")


def features(text: str, scores: Mapping[str, int], rule: str | None) -> frozenset[str]:
    """Words, word pairs and word beginnings of `text`, its head, and the rules' evidence: each theme
    the rules found (and how strongly, up to 3) and the theme they picked."""
    words = _WORDS.findall(text.lower())
    found = set(words)
    found.update(f"{first}_{second}" for first, second in zip(words, words[1:]))
    found.update(f"S{size}:{word[:size]}" for word in words for size in STEMS if len(word) > size)
    head = [word for word in words if word not in _FILLER][:HEAD]
    found.update(f"H:{word}" for word in head)
    found.update(f"H4:{word[:4]}" for word in head)
    found.update(f"R:{key}:{min(score, 3)}" for key, score in scores.items() if score)
    found.add(f"RULE:{rule or NONE}")
    return frozenset(found)


@cache
def _model() -> tuple[tuple[str, ...], tuple[float, ...], dict[str, dict[int, float]]]:
    # read on first use: most commands never theme a factor
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    weights = {feature: {int(index): weight for index, weight in row.items()} for feature, row in data["weights"].items()}
    return tuple(data["classes"]), tuple(data["bias"]), weights


def probabilities(found: frozenset[str]) -> dict[str, float]:
    """Each class's probability for a factor with these features (`NONE` for no theme)."""
    classes, bias, weights = _model()
    scores = list(bias)
    for feature in found:
        for index, weight in weights.get(feature, {}).items():
            scores[index] += weight
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return {name: value / total for name, value in zip(classes, exps)}


def predict(found: frozenset[str]) -> str | None:
    """The theme key a person would most likely give, or None."""
    likely = probabilities(found)
    best = max(likely, key=likely.__getitem__)
    return None if best == NONE else best
