"""Learning reviews: the findings lists and key events of schema_version 2, and how version-1 files upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui import storage
from pmtui.document.model import SCHEMA_VERSION
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
