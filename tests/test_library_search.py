"""`pmtui search` and similar past incidents on small corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from library_corpus import SPECS, document_for, write_corpus, write_document

from pmtui.cli import main
from pmtui.library import index, search
from pmtui.library.index import open_library
from pmtui.library.similar import similar_incidents


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four postmortems that mention "failover" in different places."""
    folder = tmp_path_factory.mktemp("search")
    write_document(folder, "title.toml", incident={"title": "Database failover failed", "id": "INC-T"})
    write_document(folder, "cause.toml", incident={"title": "Orders down", "id": "INC-C"},
                   root_cause={"problem": "The failover script pointed at the old primary"})
    write_document(folder, "timeline.toml", incident={"title": "Slow search", "id": "INC-L"},
                   timeline=[{"time": "10:00", "event": "Considered a failover, decided against it"}])
    write_document(folder, "lessons.json", incident={"title": "Cache outage", "id": "INC-S",
                                                     "summary": "Redis restarted"},
                   findings={"lessons": ["Practise restarts"]})
    return folder


def labels(result: search.SearchResult) -> list[str]:
    return [hit.label for hit in result.hits]


def test_ranked_by_where_the_word_is(corpus: Path) -> None:
    with open_library(corpus) as library:
        result = search.search(library, "failover")
    assert labels(result) == ["INC-T", "INC-C", "INC-L"]
    assert [hit.field for hit in result.hits] == ["title", "root cause", "timeline"]
    assert result.hits[1].snippet == f"The {search.MATCH_START}failover{search.MATCH_END} script pointed at the old primary"
    assert result.matched_all_words


def test_words_match_by_stem_and_prefix(corpus: Path) -> None:
    with open_library(corpus) as library:
        assert labels(search.search(library, "restarting")) == ["INC-S"]
        assert labels(search.search(library, "prim*")) == ["INC-C"]
        assert labels(search.search(library, '"old primary"')) == ["INC-C"]
        assert labels(search.search(library, '"primary old"')) == []


def test_all_words_first_then_any(corpus: Path) -> None:
    with open_library(corpus) as library:
        both = search.search(library, "failover script")
        either = search.search(library, "redis primary")
    assert labels(both) == ["INC-C"] and both.matched_all_words
    assert sorted(labels(either)) == ["INC-C", "INC-S"] and not either.matched_all_words


def test_fts_syntax_in_queries_is_just_text(corpus: Path) -> None:
    with open_library(corpus) as library:
        for query in ['failover AND', 'failover OR', 'failover"', '"failover', '-failover', 'failover*', '^failover+']:
            assert "INC-T" in labels(search.search(library, query)), query
        for query in ['NEAR(failover', 'title:failover']:  # one token each: a phrase, no error
            assert labels(search.search(library, query)) == [], query
    with pytest.raises(search.QueryError, match='nothing to search for in "-- ::"'):
        search.query_terms("-- ::")


def test_without_fts5_search_falls_back_to_substrings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "fts5_available", lambda: False)
    folder = tmp_path / "plain"
    write_corpus(folder)
    with open_library(folder) as library:
        assert not library.full_text
        result = search.search(library, "connection pool")
    assert sorted(labels(result)) == ["INC-003", "INC-007"]
    assert "no FTS5" in result.note
    assert f"{search.MATCH_START}connection{search.MATCH_END}" in result.hits[0].snippet


def test_search_command_text_and_json(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(corpus), "failover", "--limit", "2"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[:2] == [" 1. Database failover failed", f"    INC-T · {corpus.as_posix()}/title.toml"]
    assert "    root cause: The **failover** script pointed at the old primary" in text
    assert " 3. " not in text
    assert main(["search", str(corpus), "failover", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [hit["id"] for hit in data["hits"]] == ["INC-T", "INC-C", "INC-L"]
    assert (data["folder"], data["hits"][0]["file"]) == (str(corpus), "title.toml")
    assert data["hits"][1]["snippet"] == "The failover script pointed at the old primary"


def test_search_command_with_no_hits_or_no_words(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(corpus), "kubernetes"]) == 0
    assert capsys.readouterr().out == f'No postmortem in {corpus} mentions "kubernetes".\n'
    assert main(["search", str(corpus), "::"]) == 2
    assert capsys.readouterr().err == 'pmtui: nothing to search for in "::" (give some words)\n'


# ------------------------------------------------------------------------------- similar incidents


def test_similar_incidents_by_root_cause_and_factors(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    current = document_for(SPECS[6])  # Orders connection pool exhausted
    current_path = tmp_path / "2026/2026-01-15-07.toml"
    found = similar_incidents(current, tmp_path, limit=3, exclude_path=current_path)
    assert found[0].title == "Payments connection pool exhausted"
    assert found[0].path == tmp_path / "2025/2025-09-20-03.toml"
    assert found[0].why == "shared: connection pool, database connection, peak traffic, pool exhausted"
    assert [(item.id, item.status) for item in found[0].action_items] == [("AI-1", "wont_do")]
    assert found[0].open_actions == 0
    assert all(item.path != current_path for item in found)
    assert [item.score for item in found] == sorted((item.score for item in found), reverse=True)


def test_nothing_similar_gives_an_empty_list(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    unrelated = document_for(SPECS[0]).model_copy(deep=True)
    unrelated.incident.title = "Zebra"
    unrelated.incident.tags = []
    unrelated.root_cause.problem = "Quokka"
    unrelated.root_cause.contributing_factors = []
    assert similar_incidents(unrelated, tmp_path) == []
