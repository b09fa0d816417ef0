"""Learning reviews: the findings lists and key events of schema_version 2, and how version-1 files upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from pmtui import storage
from pmtui.cli import main
from pmtui.document.model import SCHEMA_VERSION
from pmtui.export.markdown import to_markdown
from tests.document_factory import make_document, sample_paths


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.name)
def test_a_version_1_file_loads_and_its_save_changes_only_the_version(path, tmp_path):
    current = path.read_text(encoding="utf-8")
    old_line, new_line = (('"schema_version": 1,', '"schema_version": 2,') if path.suffix == ".json"
                          else ("schema_version = 1\n", "schema_version = 2\n"))
    assert new_line in current
    old = tmp_path / path.name
    old.write_text(current.replace(new_line, old_line), encoding="utf-8")
    loaded = storage.load(old)
    assert loaded.document == storage.load_document(path)
    assert loaded.document.schema_version == SCHEMA_VERSION == 2
    storage.save(loaded)
    assert old.read_text(encoding="utf-8") == current


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_the_new_fields_round_trip_byte_for_byte(fmt):
    document = make_document(
        timeline=[{"time": "14:00", "event": "deploy", "key": True}, {"time": "14:05", "event": "alert"}],
        findings={"went_well": ["rollback was quick"], "got_lucky": ["the one person who knew PgBouncer was on call"],
                  "surprises": ["the pool limit is per pod, not per fleet"], "open_questions": ["who owns the pool size?"]},
    )
    data = storage.dumps(document, fmt)
    again, _, _ = storage.parse_document(data, Path(f"x.{fmt}"))
    assert again == document
    assert storage.dumps(again, fmt) == data
    text = data.decode()
    assert text.count("key") == 1  # only the key event says so
    if fmt == "toml":
        assert 'got_lucky = ["the one person who knew PgBouncer was on call"]' in text
        assert "[[timeline]]\ntime = 14:00:00\nevent = \"deploy\"\nid = \"T1\"\nkey = true\n" in text


def test_empty_learning_review_lists_are_not_written():
    text = storage.dumps(make_document(findings={"lessons": ["x"]}), "toml").decode()
    assert "lessons" in text
    assert all(name not in text for name in ("got_lucky", "surprises", "open_questions", "key"))


def test_a_misspelt_new_field_is_an_error(tmp_path):
    path = tmp_path / "pm.toml"
    path.write_text('[incident]\ntitle = "x"\n\n[findings]\ngot_lucy = ["y"]\n', encoding="utf-8")
    with pytest.raises(storage.DocumentError, match="findings.got_lucy: unknown field"):
        storage.load(path)


def _learning_document():
    return make_document(
        {"date": "2026-10-27"},
        timeline=[{"time": "14:00", "event": "Deploy doubles *workers*", "key": True},
                  {"time": "14:05", "event": "Pool at 80%"},
                  {"time": "14:09", "event": "Checkout fails | 503", "key": True}],
        findings={"went_poorly": ["slow page"], "got_lucky": ["The DBA was *awake*"],
                  "surprises": ["# the pool is per pod"], "open_questions": ["Who owns [pool] sizing?"]},
    )


def _headings_and_rows(text: str) -> tuple[list[str], list[str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[index + 1].content for index, token in enumerate(tokens) if token.type == "heading_open"]
    cells = [token.content for token in tokens if token.type == "inline"]
    return headings, cells


def test_markdown_shows_the_learning_review_sections_escaped():
    text = to_markdown(_learning_document())
    headings, cells = _headings_and_rows(text)
    assert headings[headings.index("What went poorly"):] == [
        "What went poorly", "Where we got lucky", "Surprises", "Open questions"]
    assert "- The DBA was \\*awake\\*" in text
    assert "- \\# the pool is per pod" in text
    assert "- Who owns \\[pool\\] sizing?" in text
    assert "Pool at 80%" in cells  # every event by default


def test_markdown_key_timeline_shows_only_key_events():
    text = to_markdown(_learning_document(), key_events_only=True)
    headings, cells = _headings_and_rows(text)
    assert "Key events (UTC)" in headings and "Timeline (UTC)" not in headings
    assert "Pool at 80%" not in text
    assert "Checkout fails \\| 503" in text
    assert "1 more event in the full timeline." in text
    none_marked = to_markdown(make_document(timeline=[{"time": "14:00", "event": "x"}]), key_events_only=True)
    assert "No timeline event is marked as a key event (`key = true`)." in none_marked


def test_export_timeline_option(tmp_path, capsys):
    path = tmp_path / "pm.toml"
    path.write_bytes(storage.dumps(_learning_document(), "toml"))
    assert main(["export", str(path), "--timeline", "key"]) == 0
    assert "## Key events" in capsys.readouterr().out
    assert main(["export", str(path)]) == 0
    assert "Pool at 80%" in capsys.readouterr().out
    assert main(["export", str(path), "--format", "json", "--timeline", "key"]) == 2
    assert capsys.readouterr().err == "pmtui: --timeline key only applies to --format md\n"


def test_blameless_rules_read_the_learning_review_fields():
    from pmtui.review import review

    document = make_document(
        {"participants": ["Maria Lopez"]},
        findings={"got_lucky": ["Maria forgot to restart the pool"], "surprises": ["Why did you not page the DBA?"],
                  "open_questions": ["Was it human error by the on-call?"]},
    )
    found = {(finding.path, finding.rule) for finding in review(document)}
    assert {("findings.got_lucky[0]", "blame-name"), ("findings.surprises[0]", "blame-question"),
            ("findings.open_questions[0]", "blame-phrase")} <= found
