"""Repeats, similar incidents and themes scored on two libraries of realistic write-ups, each
against a person's judgement: the realistic library the methods were tuned on
(tests/realistic_truth.py) and an independent one written apart from it
(tests/independent_truth.py). Every figure is printed in the run's "figures" summary, per half:
`tune` is what the methods were fitted to, `measure` what they were not."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from types import ModuleType

import independent_truth
import pytest
import realistic_truth

from pmtui import storage
from pmtui.library import patterns
from pmtui.library.index import open_library
from pmtui.library.similar import similar_incidents
from pmtui.library.themes import theme_of

TARGET = 0.8  # pair precision, pair recall, similar top-3
THEME_TARGET = 0.9
HALVES = ("tune", "measure")


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    false_look_alikes: int  # look-alike pairs grouped as repeats
    similar: float  # share of queries with a wanted incident in the top 3
    themes: float  # share of factors given the person's theme

    def line(self, name: str) -> str:
        return (f"{name}: repeats precision {self.precision:.2f} recall {self.recall:.2f}"
                f" ({self.false_look_alikes} look-alike pairs grouped), similar top-3 {self.similar:.2f},"
                f" themes {self.themes:.2f}")


def pairs(groups: list[set[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups for pair in combinations(sorted(group), 2)}


def half_of(path: Path) -> str:
    return next(part for part in path.parts if part in HALVES)


def score(truth: ModuleType, library: Path, half: str) -> Figures:
    """The figures of one half: repeats found in that half alone; similar incidents and themes for
    its incidents and for the queries whose wanted incidents are in it, asked of both halves."""
    with open_library(library / half) as opened:
        groups = patterns.repeated_groups(opened.incidents())
    found = pairs([{Path(incident.path).stem for incident in group.incidents} for group in groups])
    expected = pairs(truth.REPEATS[half])
    right = len(found & expected)
    look_alikes = len(found & {frozenset(pair) for pair in truth.LOOK_ALIKES})

    files = {path.stem: path for path in library.rglob("*.toml")}
    cases = [(truth.QUERIES / f"{name}.toml", None, wanted) for name, wanted in truth.SIMILAR.items()
             if half_of(files[min(wanted)]) == half]
    cases += [(files[name], files[name], group - {name}) for group in truth.REPEATS[half] for name in sorted(group)]
    hits = sum(bool(wanted & {match.path.stem for match in similar_incidents(
        storage.load_document(path), library, limit=3, exclude_path=exclude)}) for path, exclude, wanted in cases)

    documents = [path for path in files.values() if half_of(path) == half]
    documents += [case[0] for case in cases if case[1] is None]
    labelled = [(factor, label) for path in documents for factor, label in zip(
        storage.load_document(path).root_cause.contributing_factors, truth.FACTOR_THEMES[path.stem], strict=True)]
    agree = sum(theme_of(factor) == label for factor, label in labelled)
    return Figures(right / len(found) if found else 1.0, right / len(expected), look_alikes,
                   hits / len(cases), agree / len(labelled))


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of both libraries, so their indexes are written to a temporary folder."""
    folders = {}
    for name, truth in (("realistic", realistic_truth), ("independent", independent_truth)):
        folders[name] = tmp_path_factory.mktemp(name) / "library"
        shutil.copytree(truth.LIBRARY, folders[name])
    return folders


# (library, half) -> the floor each figure must keep: the target where it is met, the measured
# figure (rounded down, less 0.02 for the theme model's retraining) where it is not. Not met: factor
# themes on the measure halves. The independent library's, 31 of 38 factors (0.82) with the theme
# model (pmtui/library/theme_model.py), 22 by the word rules alone (0.66 before they were widened):
# its factors name two themes ("no limit on how many routes", "no check that our own domain
# resolves") where a person weighs what the factor is about. The realistic library's, 37 of 50
# (0.74) with the model against 45 by the word rules, which were tuned on that library's other half:
# the model reads the twenty-eight labelled sets better (0.885 against 0.65 on their measure halves)
# and this library worse; two people agree on only 0.80 of its factors, against 0.93-0.96 on the
# sentence sets (tests/test_theme_model.py).
FLOORS = {
    ("realistic", "tune"): Figures(TARGET, TARGET, 0, TARGET, THEME_TARGET),
    ("realistic", "measure"): Figures(TARGET, TARGET, 0, TARGET, 0.72),
    ("independent", "tune"): Figures(TARGET, TARGET, 0, TARGET, THEME_TARGET),
    ("independent", "measure"): Figures(TARGET, TARGET, 0, TARGET, 0.79),
}


@pytest.mark.parametrize(("name", "half"), list(FLOORS))
def test_figures_on_both_libraries(copies: dict[str, Path], name: str, half: str,
                                   terminal_summary: Callable[[str], None]) -> None:
    truth = realistic_truth if name == "realistic" else independent_truth
    figures = score(truth, copies[name], half)
    terminal_summary(figures.line(f"{name} library, {half} half"))
    floor = FLOORS[name, half]
    assert figures.precision >= floor.precision and figures.recall >= floor.recall
    assert figures.false_look_alikes <= floor.false_look_alikes
    assert figures.similar >= floor.similar
    assert figures.themes >= floor.themes


def test_every_labelled_incident_of_the_independent_library_is_in_it() -> None:
    truth = independent_truth
    names = sorted(path.stem for path in [*truth.LIBRARY.rglob("*.toml"), *truth.QUERIES.glob("*.toml")])
    assert set(names) == set(truth.FACTOR_THEMES) and len(names) == len(set(names))
    assert {name for group in truth.REPEATS["all"] for name in group} <= set(names)
    assert {name for pair in truth.LOOK_ALIKES for name in pair} <= set(names)
    assert len(list(truth.LIBRARY.rglob("*.toml"))) >= 20 and len(truth.REPEATS["all"]) >= 5
