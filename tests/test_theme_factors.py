"""Factor themes against a third labelled set: contributing factors written apart from both test
libraries, one sentence each, in the ways published postmortems phrase them
(tests/theme_factors.tsv: the theme a reviewer gives each, what a fix of the factor would improve;
"None" where no theme fits). Split by a checksum of the sentence: `tune` is what the themes were
fitted to, `measure` what they were not. The agreement is printed in the run's "figures" summary."""

from __future__ import annotations

import csv
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from pmtui.library.themes import THEMES_BY_KEY, theme_of

FACTORS = Path(__file__).parent / "theme_factors.tsv"
TARGET = 0.9
# The target is met on both halves: 91 of 98 (0.93) on the measure half with the theme model (84 by
# the word rules alone, 82 before the word families and the code-defect rule, 69 before the theme
# words were widened). The measure half's floor is 0.02 under it: retraining moves a factor or two.
FLOORS = {"tune": TARGET, "measure": 0.88}


def labelled() -> list[tuple[str, str | None, str]]:
    """(factor, the reviewer's theme, half) for every row."""
    with FACTORS.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(row["factor"], None if row["theme"] == "None" else row["theme"],
             "tune" if zlib.crc32(row["factor"].encode()) % 2 == 0 else "measure") for row in rows]


def test_the_set_is_large_labelled_with_known_themes_and_split_in_two() -> None:
    rows = labelled()
    factors = [factor for factor, _, _ in rows]
    assert len(rows) >= 150 and len(set(factors)) == len(factors)
    assert {label for _, label, _ in rows} <= {*THEMES_BY_KEY, None}
    assert all(sum(half == name for _, _, half in rows) >= 60 for name in FLOORS)


@pytest.mark.parametrize("half", list(FLOORS))
def test_factor_themes_agree_with_a_reviewer(half: str, terminal_summary: Callable[[str], None]) -> None:
    rows = [(factor, label) for factor, label, name in labelled() if name == half]
    agree = sum(theme_of(factor) == label for factor, label in rows)
    share = agree / len(rows)
    terminal_summary(f"theme factors set, {half} half: themes agree on {agree} of {len(rows)} factors ({share:.2f})")
    assert share >= FLOORS[half]
