"""The theme model: shipped as its trainer writes it, trained on `tune` halves only, and how far it
agrees with people on the `measure` halves of every labelled factor set, beside the word rules
alone. Every figure is printed in the run's "figures" summary."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from theme_sets import HALVES, SENTENCE_SETS, all_rows, sentence_rows

from pmtui.library import theme_model
from pmtui.library.themes import THEMES_BY_KEY, rule_theme, theme_of
from tests.train_theme_model import examples, shipped, train

# The sets written apart from everything the rules and the model were first fitted to: the figure
# measured on the `measure` half, rounded down, less 0.02 (retraining moves a factor or two either
# way). The word rules alone score 0.54 to 0.73 on them. On first contact, with the model trained on
# the sets before them: sets 7 to 10 scored 0.70, 11 to 14 0.83, 15 to 20 0.86, 21 to 26 0.875,
# 27 to 34 0.895, 35 to 37 0.87 and 38 to 43 0.91.
NEW_SETS = tuple(f"factors{number}" for number in range(3, 44))
FLOORS = {"factors3": 0.89, "factors4": 0.93, "factors5": 0.89, "factors6": 0.87, "factors7": 0.84,
          "factors8": 0.80, "factors9": 0.87, "factors10": 0.89, "factors11": 0.84, "factors12": 0.88,
          "factors13": 0.90, "factors14": 0.90, "factors15": 0.87, "factors16": 0.93, "factors17": 0.90,
          "factors18": 0.92, "factors19": 0.88, "factors20": 0.86, "factors21": 0.89, "factors22": 0.89,
          "factors23": 0.88, "factors24": 0.90, "factors25": 0.88, "factors26": 0.90, "factors27": 0.90,
          "factors28": 0.92, "factors29": 0.81, "factors30": 0.88, "factors31": 0.84, "factors32": 0.87,
          "factors33": 0.88, "factors34": 0.90, "factors35": 0.82, "factors36": 0.91, "factors37": 0.90,
          "factors38": 0.84, "factors39": 0.91, "factors40": 0.91, "factors41": 0.90, "factors42": 0.88,
          "factors43": 0.87}


def test_the_shipped_weights_are_what_the_trainer_writes() -> None:
    model = shipped(*train(examples(all_rows())))
    on_disk = json.loads(theme_model.WEIGHTS.read_text(encoding="utf-8"))
    assert model["classes"] == on_disk["classes"] and model["bias"] == pytest.approx(on_disk["bias"], abs=1e-3)
    assert set(model["weights"]) == set(on_disk["weights"])  # type: ignore[arg-type]
    assert all(row == pytest.approx(on_disk["weights"][feature], abs=1e-3)
               for feature, row in model["weights"].items())  # type: ignore[union-attr]


def test_the_model_never_learns_from_a_measure_half() -> None:
    rows = all_rows()
    measured = {row.factor for row in rows if row.half == "measure"}
    learned = [row for row in rows if row.half == "tune"]
    assert len(examples(rows)) == len(learned) > 900 and not measured & {row.factor for row in learned}


@pytest.mark.parametrize("name", NEW_SETS)
def test_each_new_set_is_large_labelled_with_known_themes_and_split_in_two(name: str) -> None:
    rows = sentence_rows(name)
    factors = [row.factor for row in rows]
    assert len(rows) >= 300 and len(set(factors)) == len(factors)
    assert {row.theme for row in rows} <= {*THEMES_BY_KEY, None}
    assert all(sum(row.half == half for row in rows) >= 120 for half in HALVES)  # a checksum split: about half each
    assert all(sum(row.theme == key for row in rows) >= 18 for key in [*THEMES_BY_KEY, None])


@pytest.mark.parametrize("name", NEW_SETS)
def test_themes_agree_with_a_reviewer_on_the_measure_half(name: str, terminal_summary: Callable[[str], None]) -> None:
    rows = [row for row in sentence_rows(name) if row.half == "measure"]
    agree = sum(theme_of(row.factor) == row.theme for row in rows)
    by_rules = sum(rule_theme(row.factor) == row.theme for row in rows)
    terminal_summary(f"theme set {name}, measure half: themes agree on {agree} of {len(rows)} factors ({agree / len(rows):.2f};"
                     f" the word rules alone {by_rules / len(rows):.2f})")
    assert agree / len(rows) >= FLOORS[name]


def test_pooled_over_every_measure_half(terminal_summary: Callable[[str], None]) -> None:
    rows = [row for row in all_rows() if row.half == "measure"]
    agree = sum(theme_of(row.factor) == row.theme for row in rows)
    by_rules = sum(rule_theme(row.factor) == row.theme for row in rows)
    terminal_summary(f"themes pooled over every measure half ({len(rows)} factors of {len(SENTENCE_SETS) + 2} sets):"
                     f" agree on {agree / len(rows):.3f}, the word rules alone {by_rules / len(rows):.3f}")
    assert agree / len(rows) >= 0.89 and agree > by_rules


def test_the_rules_evidence_is_what_the_model_starts_from() -> None:
    # a factor the words name plainly keeps the rules' theme
    assert theme_of("No alert fired when the disk reached 95% on the primary.") == "alerting"
    assert theme_of("The certificate on the API gateway expired on a Sunday.") == "certificate"
    assert theme_of("An off-by-one error in the pagination code skipped the last page.") is None
    features = theme_model.features("No alert on the queue", {"alerting": 3}, "alerting")
    assert {"R:alerting:3", "RULE:alerting", "no_alert", "alert"} <= features


SECOND_REVIEWER = Path(__file__).parent / "theme_second_reviewer.tsv"


def test_two_people_agree_where_the_model_does_not_yet(terminal_summary: Callable[[str], None]) -> None:
    """A second reviewer labelled the measure halves of the four older sets by the same rule, from the
    factors alone (tests/theme_second_reviewer.tsv): how far two people agree is what the 0.9 target
    asks of the themes, and it is reachable."""
    with SECOND_REVIEWER.open(newline="", encoding="utf-8") as handle:
        second = {row["factor"]: None if row["theme"] == "None" else row["theme"] for row in csv.DictReader(handle, delimiter="\t")}
    first = {row.factor: row.theme for row in all_rows() if row.half == "measure" and row.set in {"realistic", "independent", "factors", "factors2"}}
    assert set(second) == set(first) and len(first) > 300
    people = sum(first[factor] == second[factor] for factor in first) / len(first)
    model = sum(theme_of(factor) == first[factor] for factor in first) / len(first)
    model_second = sum(theme_of(factor) == second[factor] for factor in first) / len(first)
    terminal_summary(f"themes on {len(first)} factors read by two people: they agree on {people:.2f}; the model agrees"
                     f" with the first on {model:.2f}, with the second on {model_second:.2f}")
    assert people >= 0.9 and model >= 0.8
