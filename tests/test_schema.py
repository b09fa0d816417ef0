"""The JSON Schema: equal to the models, accepts every sample and new file, rejects broken ones."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from document_factory import make_document, sample_paths
from pmtui import storage
from pmtui.cli import main
from pmtui.export.schema import LOCAL_NAME, SCHEMA_FILE, schema_text, shipped_schema_text


def as_an_editor_sees_it(value: Any) -> Any:
    """A TOML file's values the way an editor validates them: dates and times as ISO strings."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_an_editor_sees_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_an_editor_sees_it(item) for item in value]
    return value


def read_as_editor(path: Path) -> Any:
    if path.suffix == ".toml":
        return as_an_editor_sees_it(tomllib.loads(path.read_text(encoding="utf-8")))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(shipped_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def problems(validator, instance) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(instance)]


def test_the_shipped_schema_is_the_models_schema():
    assert shipped_schema_text() == schema_text(), (
        f"{SCHEMA_FILE.name} is out of date with the models: run `python -m pmtui.export.schema`")


def test_schema_names_itself():
    schema = json.loads(shipped_schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:pmtui:postmortem:v2"
    assert schema["title"] == "pmtui postmortem"
    assert "docs/format.md" in schema["description"]


def test_there_are_samples_to_check():
    assert {path.suffix for path in sample_paths()} == {".toml", ".json"}


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.name)
def test_every_sample_validates(validator, path):
    assert problems(validator, read_as_editor(path)) == []


@pytest.mark.parametrize("name", ["incident.toml", "incident.json"])
def test_files_from_pmtui_new_reference_a_schema_that_exists_and_validate(validator, tmp_path, name, capsys):
    path = tmp_path / name
    assert main(["new", str(path), "--title", "Checkout down", "--date", "2026-10-27"]) == 0
    copy = tmp_path / LOCAL_NAME
    assert copy.read_text(encoding="utf-8") == shipped_schema_text()
    if path.suffix == ".toml":
        assert path.read_text().splitlines()[0] == f"#:schema ./{LOCAL_NAME}"
    else:
        assert json.loads(path.read_text())["$schema"] == f"./{LOCAL_NAME}"
    assert problems(validator, read_as_editor(path)) == []
    assert storage.load(path).document.incident.title == "Checkout down"
    assert f"wrote {copy} beside it" in capsys.readouterr().out


def test_pmtui_new_keeps_an_existing_schema_copy_and_no_schema_leaves_it_out(tmp_path):
    (tmp_path / LOCAL_NAME).write_text("{}")
    assert main(["new", str(tmp_path / "a.toml")]) == 0
    assert (tmp_path / LOCAL_NAME).read_text() == "{}"
    assert main(["new", str(tmp_path / "b.json"), "--no-schema"]) == 0
    assert "$schema" not in json.loads((tmp_path / "b.json").read_text())
    assert not (tmp_path / "b.json").read_text().startswith("#")


def test_the_json_schema_reference_survives_a_save(tmp_path):
    path = tmp_path / "incident.json"
    assert main(["new", str(path)]) == 0
    loaded = storage.load(path)
    loaded.document.incident.title = "Renamed"
    storage.save(loaded)
    assert json.loads(path.read_text())["$schema"] == f"./{LOCAL_NAME}"


@pytest.mark.parametrize(
    "time", ["14:22", "9:05", "14:22:05", "2026-10-27T14:22:00", "2026-10-27 14:22", "2026-10-27T13:22:00Z",
             "2026-10-27T14:22:00+01:00"])
def test_times_the_loader_accepts_the_schema_accepts(validator, time):
    document = {"incident": {"title": "t"}, "timeline": [{"time": time, "event": "e"}]}
    assert problems(validator, document) == []
    storage.parse_document(json.dumps(document).encode(), Path("t.json"))


def test_a_naive_date_time_in_the_meeting_record_validates(validator):
    document = as_an_editor_sees_it(storage.to_mapping(make_document(meeting={"started": "2026-10-30T10:00:00"})))
    assert problems(validator, document) == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda doc: doc["timeline"][0].update(time="quarter past two"), "timeline/0/time"),
        (lambda doc: doc["timeline"][0].pop("event"), "timeline/0"),
        (lambda doc: doc["incident"].update(severity="SEV9"), "incident/severity"),
        (lambda doc: doc["incident"].update(titel="typo"), "incident"),
        (lambda doc: doc["whys"].append({"id": "1.0", "answer": "a"}), "whys/"),
        (lambda doc: doc["action_items"][0].update(due="next week"), "action_items/0/due"),
        (lambda doc: doc.update(schema_version="one"), "schema_version"),
    ],
)
def test_a_broken_sample_is_rejected(validator, change, where):
    document = read_as_editor(sorted(sample_paths())[-1])
    change(document)
    found = problems(validator, document)
    assert found and any(problem.startswith(where) for problem in found), found


def test_pmtui_schema_prints_and_writes_the_schema(tmp_path, capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == shipped_schema_text()
    assert main(["schema", "-o", str(tmp_path / LOCAL_NAME)]) == 0
    assert (tmp_path / LOCAL_NAME).read_text(encoding="utf-8") == shipped_schema_text()
    assert capsys.readouterr().err == f"wrote {tmp_path / LOCAL_NAME}\n"
    assert main(["schema", "-o", str(tmp_path / "missing" / "x.json")]) == 2
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'missing' / 'x.json'}: cannot save: No such file or directory\n"


@pytest.mark.parametrize(("field", "value"), [("severity", "p2"), ("severity", "SEV-3"), ("severity", " sev 4 ")])
def test_severity_spellings_the_loader_accepts_validate(validator, field, value):
    document = {"incident": {"title": "t", field: value}, "whys": [{"id": 1, "answer": "a"}],
                "action_items": [{"action": "a", "priority": "p1"}]}
    assert problems(validator, document) == []
    storage.parse_document(json.dumps(document).encode(), Path("t.json"))
