"""The library on realistic write-ups: repeats, similar incidents and themes scored against a
person's judgement (tests/realistic_truth.py). Run with `-s` to see the figures."""

from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path

import pytest
from realistic_truth import FACTOR_THEMES, LIBRARY, LOOK_ALIKES, QUERIES, REPEATS, SIMILAR, pairs

from pmtui import storage
from pmtui.library import patterns
from pmtui.library.index import IncidentRecord, open_library
from pmtui.library.similar import similar_incidents
from pmtui.library.themes import theme_of

TARGET = 0.8


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy, so the index is written to a temporary folder."""
    folder = tmp_path_factory.mktemp("realistic") / "library"
    shutil.copytree(LIBRARY, folder)
    return folder


def records(folder: Path) -> list[IncidentRecord]:
    with open_library(folder) as opened:
        return opened.incidents()


def stem(path: str | Path) -> str:
    return Path(path).stem


@pytest.mark.parametrize("part", ["tune", "measure", "all"])
def test_repeats_are_found_and_look_alikes_are_not(library: Path, part: str) -> None:
    folder = library if part == "all" else library / part
    groups = patterns.repeated_groups(records(folder))
    found = pairs([{stem(incident.path) for incident in group.incidents} for group in groups])
    expected = pairs(REPEATS[part])
    right = len(found & expected)
    precision, recall = right / len(found) if found else 1.0, right / len(expected)
    print(f"\nrepeats in {part}: precision {precision:.2f} ({right} of {len(found)} pairs found are repeats), "
          f"recall {recall:.2f} ({right} of {len(expected)} repeat pairs found)")
    assert precision >= TARGET and recall >= TARGET
    assert not found & {frozenset(pair) for pair in LOOK_ALIKES}
    assert all(group.why.startswith("same failure mode: ") for group in groups)


def test_similar_incidents_rank_a_repeat_in_the_top_three(library: Path) -> None:
    """Each query, and each library incident that has a repeat, asked against the whole library."""
    cases = [(storage.load_document(QUERIES / f"{name}.toml"), None, wanted) for name, wanted in SIMILAR.items()]
    for group in REPEATS["all"]:
        for name in sorted(group):
            path = next(library.rglob(f"{name}.toml"))
            cases.append((storage.load_document(path), path, group - {name}))
    hits = 0
    for document, path, wanted in cases:
        top = [stem(match.path) for match in similar_incidents(document, library, limit=3, exclude_path=path)]
        hits += bool(wanted & set(top))
    share = hits / len(cases)
    print(f"\nsimilar incidents: a wanted incident in the top 3 for {hits} of {len(cases)} queries ({share:.2f})")
    assert share >= TARGET


def test_factor_themes_agree_with_a_person(library: Path) -> None:
    agree = total = 0
    disagreements = []
    for path in sorted([*library.rglob("*.toml"), *QUERIES.glob("*.toml")]):
        factors = storage.load_document(path).root_cause.contributing_factors
        for factor, label in zip(factors, FACTOR_THEMES[path.stem], strict=True):
            total += 1
            found = theme_of(factor)
            agree += found == label
            if found != label:
                disagreements.append(f"  {factor!r}: {found} (a person: {label})")
    share = agree / total
    print(f"\nfactor themes agree with a person on {agree} of {total} factors ({share:.2f})", *disagreements, sep="\n")
    # 91 of 104 with the theme model, which follows the twenty-eight labelled sets' readers; 95 by the word
    # rules, tuned on this library's tune half. Less 0.02 for retraining.
    assert share >= 0.86


def test_unthemed_factors_are_not_grouped_by_words_any_factor_uses(library: Path) -> None:
    import datetime as dt

    from pmtui.library.likeness import GENERIC
    from pmtui.library.words import stem

    with open_library(library) as opened:
        report = patterns.patterns_report(str(library), opened.incidents(), {}, today=dt.date(2026, 11, 30))
    others = [count.name.removeprefix("other: ") for count in report.themes if count.name.startswith("other: ")]
    assert not [name for name in others if stem(name) in GENERIC]


def test_every_labelled_incident_is_in_the_library() -> None:
    names = {path.stem for path in [*LIBRARY.rglob("*.toml"), *QUERIES.glob("*.toml")]}
    assert names == set(FACTOR_THEMES)
    assert {name for group in REPEATS["all"] for name in group} <= names
    assert all(first != second for first, second in combinations(sorted(names), 2))
