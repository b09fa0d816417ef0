"""Train the theme model (`pmtui/library/theme_model.py`) on the `tune` halves of the labelled factor
sets (`tests/theme_sets.py`).

    python -m tests.train_theme_model     # rewrites pmtui/library/theme_weights.json

Multinomial logistic regression by stochastic gradient descent, in a fixed order from a fixed seed,
so the same sets always give the same weights. `measure` halves are never read: they measure it.
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the truth modules theme_sets imports

from theme_sets import Row, all_rows  # noqa: E402

from pmtui.library import theme_model  # noqa: E402
from pmtui.library.themes import THEMES, theme_evidence  # noqa: E402

CLASSES = (*(theme.key for theme in THEMES), theme_model.NONE)
EPOCHS = 30
RATE = 0.1
DECAY = 1e-2  # L2: a word seen in one factor should not decide alone (0.826 left-out agreement; 0.811 at 1e-3)
KEEP = 0.05  # weights smaller than this are left out of the shipped file


def examples(rows: list[Row]) -> list[tuple[frozenset[str], int]]:
    return [(theme_evidence(row.factor), CLASSES.index(row.theme or theme_model.NONE)) for row in rows if row.half == "tune"]


def train(data: list[tuple[frozenset[str], int]]) -> tuple[list[float], dict[str, list[float]]]:
    bias = [0.0] * len(CLASSES)
    weights: dict[str, list[float]] = {}
    order = list(range(len(data)))
    shuffle = random.Random(0).shuffle
    for _ in range(EPOCHS):
        shuffle(order)
        for index in order:
            found, label = data[index]
            rows = [weights.setdefault(feature, [0.0] * len(CLASSES)) for feature in sorted(found)]
            scores = [bias[c] + sum(row[c] for row in rows) for c in range(len(CLASSES))]
            top = max(scores)
            exps = [math.exp(score - top) for score in scores]
            total = sum(exps)
            for c in range(len(CLASSES)):
                error = exps[c] / total - (c == label)
                bias[c] -= RATE * error
                for row in rows:
                    row[c] = row[c] * (1 - RATE * DECAY) - RATE * error
    return bias, weights


def shipped(bias: list[float], weights: dict[str, list[float]]) -> dict[str, object]:
    kept = {feature: {str(c): round(weight, 4) for c, weight in enumerate(row) if abs(weight) >= KEEP}
            for feature, row in sorted(weights.items())}
    return {"classes": list(CLASSES), "bias": [round(value, 4) for value in bias],
            "weights": {feature: row for feature, row in kept.items() if row}}


def main() -> None:
    model = shipped(*train(examples(all_rows())))
    theme_model.WEIGHTS.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{theme_model.WEIGHTS}: {len(model['weights'])} features")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
