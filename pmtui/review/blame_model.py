"""A second opinion on blame, learned from labelled sentences: which words judge a person.

The patterns in `blame.py` find blame by its grammar (a person, then a judged verb). People who
write a sentence the patterns never saw ("restarts the fleet out of sheer timidity") slip past
them, and now and then a pattern reads blame into a sentence that explains itself. This model is a
logistic regression over a sentence's words, two-word phrases and word beginnings, with the
incident's names replaced by one token (so it learns "namex dropped", not "maria dropped") and quoted
passages blanked as the patterns blank them. It was trained on the development halves of the
labelled corpora in `tests/review/corpus/` only; `tests/review/train_blame_model.py` writes
`blame_weights.json` and a test checks that the shipped file is what it writes.

How the review combines the two (`BlameLexicon.scan`): a pattern's hit stands unless the model is
all but sure the sentence is innocent (below `VETO`, or `ANSWERED_VETO` for a question the text
goes on to answer); a sentence no pattern caught is blame when a person is its subject, no cause of
the system's is given, and the model is sure (above `CONFIRM`). The thresholds were chosen on
halves the model was not trained on: the corpora in six groups, each group's sentences judged by a
model trained on the other five. Over the 38 corpora of the time, lowering `CONFIRM` from 0.8 to
0.7 caught 25 more blameful test-half sentences for 7 more false alarms, and from 0.7 to 0.6 only
14 for 12. With 65 corpora to learn from the model is surer where it is right: from 0.7 to 0.65,
17 more for 2; to 0.6, 12 for 3; to 0.55, 10 for 1; to 0.5, 6 for 7. A `VETO` of 0.05 instead of
0.02 withdrew 7 false alarms and 11 true hits, and 0.01 kept 5 of each.

Above `SURE` the person need not be the subject: blame often names its culprit elsewhere ("Thanks to
the CAB chair, we pushed …", "Lazy load testing by Drew's team", "… was ignored by Priyanka's team,
again"). Every person the sentence names must still be unexplained by the system. Six-fold over 105
corpora, a `SURE` of 0.9 caught 18 more blameful development-half sentences for 1 more false alarm.

Both bars were then set together, six-fold over 129 corpora, as the lowest that keep the
development halves' precision above 97.5%: recall is the figure short of its target and precision
has room. From 0.55 and 0.9 to 0.45 and 0.7, the development halves went from 98.3% / 94.4% to
97.8% / 94.9% (28 more caught, 26 more false alarms), the test halves from 97.0% / 92.2% to 96.7% /
93.0%; 0.35 and 0.7 would have been 97.3% / 95.3% on the development halves.

The issue holds precision and recall to the same bar, so `CONFIRM` was then set near where the
smaller of the development halves' two figures is largest, six-fold: over 177 corpora that is 0.25
(97.0% / 96.9%; 0.45 gives 98.0% / 96.1%, 0.3 97.3% / 96.6%, 0.2 96.5% / 97.1%). The bar is 0.3,
the higher of two values a quarter point apart, since at 0.25 the model alone flagged plain
narration such as "Tomas starts the cleanup on db1" (topic words learned from corpora that retell
one cleanup on the wrong host). Above `CERTAIN` a clause of cause or
time after the person no longer excuses them (5 more caught for no false alarm on the development
halves, six-fold), and above `REPROACH` a question about someone that no pattern caught is a
reproach unless the next sentence answers it with the system (9 more for 1).
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

WEIGHTS = Path(__file__).with_name("blame_weights.json")
VETO = 0.02
ANSWERED_VETO = 0.2  # a question the text goes on to answer needs the model's support
CONFIRM = 0.3
SURE = 0.7  # all but sure: a person anywhere in the sentence will do, not only its subject
CERTAIN = 0.97  # certain: a clause of cause or time after the person does not excuse them
REPROACH = 0.75  # a question about someone that no pattern caught is a reproach above this
NAME = "namex"  # what a listed name or @handle becomes
STEM = 5  # a word longer than this also counts by its first letters: "carelessly" as "carel"

_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\?")
_DIGITS = re.compile(r"\d+")


def features(masked: str, names: re.Pattern[str]) -> frozenset[str]:
    """Words, word pairs and word beginnings of `masked` (a text with its quotes blanked)."""
    text = _DIGITS.sub(" 0 ", names.sub(f" {NAME} ", masked)).lower().replace("’", "'")
    words = _WORDS.findall(text)
    found = set(words)
    found.update(f"{first}_{second}" for first, second in zip(words, words[1:]))
    found.update(f"S:{word[:STEM]}" for word in words if len(word) > STEM)
    return frozenset(found)


@cache
def _model() -> tuple[float, dict[str, float]]:
    # read on first use: `pmtui check` on a document without people never needs it
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return data["bias"], data["weights"]


def probability(found: frozenset[str]) -> float:
    """How likely the model finds a text with these features blameful, 0 to 1."""
    bias, weights = _model()
    score = bias + sum(weights.get(feature, 0.0) for feature in found)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))
