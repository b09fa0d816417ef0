"""The labelled sets of contributing factors, as (set, half, factor, theme) rows.

- `realistic`: the factors of tests/realistic_library and its queries (tests/realistic_truth.py);
- `independent`: those of tests/independent_library and its queries (tests/independent_truth.py);
- `factors`, `factors2`: tests/theme_factors.tsv and tests/theme_factors_2.tsv, one sentence each;
- `factors3` to `factors26`: tests/theme_factors_3.tsv to _26.tsv, each written apart from all the
  others from other published postmortems (clouds and CDNs; software companies' engineering blogs;
  banks, airlines, telecoms and public services; open-source and small operators; security
  incidents; network operators; games, apps and sale days; status pages of smaller companies;
  databases and storage; regulated industries; CI/CD and package ecosystems; cloud-native failure
  stories; customers of a failed vendor; e-commerce and payments; observability vendors; messaging
  services; identity and DNS providers; data and machine-learning platforms; airlines and logistics;
  healthcare IT; hosting providers; developer platforms and APIs; mobile clients; enterprise IT), by
  the same rule: the theme a fix of the factor would improve.

Each is split in two halves: `tune`, what the themes may be fitted to, and `measure`, what they may
not. The libraries are split by folder (a query goes with the half its wanted incidents are in, as
in the tests that score them); the sentence sets by a checksum of the sentence.
"""

from __future__ import annotations

import csv
import zlib
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import independent_truth
import realistic_truth

from pmtui import storage

HERE = Path(__file__).parent
SENTENCE_SETS = {"factors": HERE / "theme_factors.tsv", "factors2": HERE / "theme_factors_2.tsv",
                 **{f"factors{number}": HERE / f"theme_factors_{number}.tsv" for number in range(3, 44)}}
HALVES = ("tune", "measure")


class Row(NamedTuple):
    set: str
    half: str
    factor: str
    theme: str | None


def half_of_sentence(factor: str) -> str:
    return "tune" if zlib.crc32(factor.encode()) % 2 == 0 else "measure"


def sentence_rows(name: str) -> list[Row]:
    with SENTENCE_SETS[name].open(newline="", encoding="utf-8") as handle:
        return [Row(name, half_of_sentence(row["factor"]), row["factor"],
                    None if row["theme"] == "None" else row["theme"])
                for row in csv.DictReader(handle, delimiter="\t")]


def library_rows(name: str, truth: ModuleType) -> list[Row]:
    files = {path.stem: path for path in truth.LIBRARY.rglob("*.toml")}

    def half(path: Path) -> str:
        return next(part for part in path.parts if part in HALVES)

    documents = [(path, half(path)) for path in files.values()]
    documents += [(truth.QUERIES / f"{query}.toml", half(files[min(wanted)]))
                  for query, wanted in truth.SIMILAR.items()]
    return [Row(name, part, factor, label)
            for path, part in sorted(documents)
            for factor, label in zip(storage.load_document(path).root_cause.contributing_factors,
                                     truth.FACTOR_THEMES[path.stem], strict=True)]


def all_rows() -> list[Row]:
    return [*library_rows("realistic", realistic_truth), *library_rows("independent", independent_truth),
            *(row for name in SENTENCE_SETS for row in sentence_rows(name))]
