"""Reading and writing files: formats, canonical form, atomic and conflict-safe saves."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from document_factory import REPO, SAMPLES, make_document, sample_paths
from pmtui import storage
from pmtui.document.model import Document, Severity, Status

# ------------------------------------------------------------------------------------- loading


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.name)
def test_samples_load_and_round_trip_through_both_formats(path: Path) -> None:
    document = storage.load_document(path)
    for fmt in ("toml", "json"):
        again, _, _ = storage.parse_document(storage.dumps(document, fmt), Path(f"x.{fmt}"))
        assert again == document


def test_the_samples_cover_the_promised_shapes() -> None:
    documents = {path.name: storage.load_document(path) for path in sample_paths()}
    assert len(documents) >= 4
    assert any(name.endswith(".json") for name in documents)
    assert {document.incident.status for document in documents.values()} == set(Status)
    assert {document.incident.severity for document in documents.values()} >= {Severity.SEV1, Severity.SEV2, Severity.SEV4}
    assert any(document.incident.timezone != "UTC" for document in documents.values())
    default = documents["db-pool-exhaustion.toml"]
    assert len(default.timeline) >= 15 and len(default.action_items) >= 5


def test_a_missing_file_and_a_folder_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(storage.DocumentError, match="no such file"):
        storage.load(tmp_path / "missing.toml")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(storage.DocumentError, match="is a folder"):
        storage.load(folder)


def test_the_extension_picks_the_format(tmp_path: Path) -> None:
    with pytest.raises(storage.DocumentError, match="unknown file type '.yaml'"):
        storage.load(tmp_path / "incident.yaml")
    assert storage.format_for(Path("A.TOML")) == "toml"
    assert storage.format_for(Path("a.json")) == "json"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbf[incident]\ntitle = "Search latency"\n')
    assert storage.load_document(path).incident.title == "Search latency"


def test_the_first_validation_problem_is_reported_with_a_count_of_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "many.toml"
    path.write_text('[incident]\ntitle = ""\nseverity = "SEV9"\ntimezone = "Nowhere/Town"\n')
    with pytest.raises(storage.DocumentError) as caught:
        storage.load(path)
    assert str(caught.value) == f"{path}: incident.title: must not be empty (and 2 more problems)"


def test_migrate_upgrades_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename_owner(raw: dict[str, Any]) -> dict[str, Any]:
        raw["renamed"] = True
        return raw

    monkeypatch.setattr(storage.documents, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(storage.documents, "MIGRATIONS", {1: rename_owner})
    assert storage.migrate({"schema_version": 1}, Path("x.toml")) == {"schema_version": 2, "renamed": True}


@pytest.mark.parametrize(
    ("version", "message"),
    [(0, "schema_version 0 is not a pmtui format version"), ("1", 'schema_version: expected an integer, got "1"'),
     (True, "schema_version: expected an integer")],
)
def test_unusable_schema_versions(version: object, message: str) -> None:
    with pytest.raises(storage.DocumentError, match=message):
        storage.migrate({"schema_version": version}, Path("x.toml"))


# ----------------------------------------------------------------------------- canonical form


def test_toml_is_written_in_canonical_form() -> None:
    document = make_document(
        {"severity": "P1", "date": "2026-04-20"},
        timeline=[{"time": "14:22", "event": "deploy"}],
        whys=[{"id": 1, "answer": "pool exhausted"}],
        findings={"lessons": ["one", "two"]},
    )
    text = storage.dumps(document, "toml", "# kept comment").decode()
    assert text.startswith("# kept comment\n\nschema_version = 2\n\n[incident]\n")
    assert 'severity = "SEV1"\n' in text
    assert "[[timeline]]\ntime = 14:22:00\nevent = \"deploy\"\nid = \"T1\"\n" in text
    assert '[[whys]]\nid = "1"\n' in text
    assert "[findings]\n" in text and "[[action_items]]" not in text
    assert "{" not in text  # never inline tables
    assert tomllib.loads(text)["timeline"][0]["time"] == dt.time(14, 22)


def test_json_keeps_schema_key_first_and_ends_with_a_newline() -> None:
    data = storage.dumps(make_document(), "json", extras={"$schema": "./pmtui.schema.json"})
    assert data.endswith(b"\n")
    assert list(json.loads(data))[:2] == ["$schema", "schema_version"]


def test_save_keeps_the_toml_preamble_and_json_schema(tmp_path: Path) -> None:
    toml_path = tmp_path / "a.toml"
    toml_path.write_text('#:schema ./pmtui.schema.json\n# Owner: SRE\n\n[incident]\ntitle = "x"\n')
    json_path = tmp_path / "a.json"
    json_path.write_text('{"$schema": "./pmtui.schema.json", "incident": {"title": "x"}}')
    for path in (toml_path, json_path):
        loaded = storage.load(path)
        loaded.document.incident.title = "renamed"
        storage.save(loaded)
    assert toml_path.read_text().startswith("#:schema ./pmtui.schema.json\n# Owner: SRE\n\n")
    assert json.loads(json_path.read_text())["$schema"] == "./pmtui.schema.json"
    assert storage.load_document(json_path).incident.title == "renamed"


def test_carriage_returns_survive_a_toml_save() -> None:
    document = make_document({"summary": "pasted from Windows\r\nsecond line"})
    again, _, _ = storage.parse_document(storage.dumps(document, "toml"), Path("x.toml"))
    assert again.incident.summary == "pasted from Windows\r\nsecond line"


# ------------------------------------------------------------------------------------ saving


def loaded_copy(tmp_path: Path, name: str = "db-pool-exhaustion.toml") -> storage.Loaded:
    path = tmp_path / name
    path.write_bytes((SAMPLES / name).read_bytes())
    return storage.load(path)


def test_save_writes_atomically_and_leaves_no_temp_file(tmp_path: Path) -> None:
    loaded = loaded_copy(tmp_path)
    loaded.document.incident.title = "Edited in the meeting"
    storage.save(loaded)
    assert [path.name for path in tmp_path.iterdir()] == ["db-pool-exhaustion.toml"]
    assert storage.load_document(loaded.path) == loaded.document


def test_save_keeps_file_permissions(tmp_path: Path) -> None:
    loaded = loaded_copy(tmp_path)
    os.chmod(loaded.path, 0o640)
    storage.save(loaded)
    assert stat.S_IMODE(loaded.path.stat().st_mode) == 0o640


def test_save_refuses_to_overwrite_a_file_changed_on_disk(tmp_path: Path) -> None:
    loaded = loaded_copy(tmp_path)
    edited_elsewhere = loaded.path.read_text().replace("Orders API outage", "Orders API outage (edited)")
    loaded.path.write_text(edited_elsewhere)
    loaded.document.incident.title = "Edited in the meeting"
    with pytest.raises(storage.ConflictError, match="changed on disk since it was opened"):
        storage.save(loaded)
    assert loaded.path.read_text() == edited_elsewhere
    storage.save(loaded, force=True)
    assert storage.load_document(loaded.path).incident.title == "Edited in the meeting"


def test_saving_twice_is_not_a_conflict_with_yourself(tmp_path: Path) -> None:
    loaded = loaded_copy(tmp_path)
    storage.save(loaded)
    loaded.document.incident.title = "second save"
    storage.save(loaded)
    assert storage.load_document(loaded.path).incident.title == "second save"


def test_rewriting_identical_bytes_is_not_a_change(tmp_path: Path) -> None:
    loaded = loaded_copy(tmp_path)
    content = loaded.path.read_bytes()
    loaded.path.write_bytes(content)
    os.utime(loaded.path, ns=(0, 0))
    assert not storage.changed_on_disk(loaded.path, loaded.fingerprint)


def test_save_new_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "taken.toml"
    path.write_text("precious")
    with pytest.raises(storage.DocumentError, match="already exists"):
        storage.save_new(make_document(), path)
    assert path.read_text() == "precious"


def test_save_new_then_save_again(tmp_path: Path) -> None:
    loaded = storage.save_new(make_document(), tmp_path / "new.json")
    loaded.document.incident.summary = "filled in"
    storage.save(loaded)
    assert storage.load_document(tmp_path / "new.json").incident.summary == "filled in"


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    loaded = loaded_copy(tmp_path)
    before = loaded.path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, disk_full)
    loaded.document.incident.title = "never written"
    with pytest.raises(storage.SaveError, match="No space left on device; the file on disk is unchanged"):
        storage.save(loaded)
    monkeypatch.undo()
    assert loaded.path.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["db-pool-exhaustion.toml"]


# ------------------------------------------------------------------------------- property test

# Text people paste into a postmortem: any script, emoji, right-to-left, quotes, backslashes,
# pipes, line breaks. Surrogates cannot be encoded as UTF-8, so no file can hold them.
NASTY = ["漢字テスト", "🔥🚒", "שלום עולם", "مرحبا", '"quoted" \'single\'', "C:\\path\\", "a | b", "\n", "\r\n", "\t",
         '"""', "'''", "# not a comment", "[not.a.table]", "x = 1"]
text = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map("".join),
)
required_text = text.filter(lambda value: value != "")
optional_text = st.none() | text
names = st.lists(text, max_size=3)
clock = st.times().map(lambda value: value.replace(microsecond=0))
offsets = st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)),
                           dt.timezone(dt.timedelta(hours=-7))])
stamp = st.builds(
    lambda day, clock_time, zone: dt.datetime.combine(day, clock_time, tzinfo=zone),
    st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), clock, offsets,
)


@st.composite
def why_trees(draw: st.DrawFn, event_ids: list[str]) -> list[dict[str, Any]]:
    """A valid tree: each new node goes under an existing one (or at the top), numbered next."""
    nodes: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        parent = draw(st.sampled_from([None, *nodes]))
        siblings = [node for node in nodes if node.rpartition(".")[0] == (parent or "")]
        number = len(siblings) + 1
        nodes.append(f"{parent}.{number}" if parent else str(number))
    return [
        {"id": node, "answer": draw(required_text), "question": draw(optional_text), "root": draw(st.booleans()),
         "accepted_risk": draw(st.booleans()),
         "evidence": draw(st.lists(st.sampled_from(event_ids), max_size=2, unique=True)) if event_ids else []}
        for node in nodes
    ]


@st.composite
def documents(draw: st.DrawFn) -> Document:
    timeline = [
        {"time": draw(clock | stamp), "event": draw(required_text), "source": draw(optional_text),
         "milestone": milestone}
        for milestone in draw(st.lists(st.sampled_from(["trigger", "detected", "resolved", None]), max_size=5))
    ]
    # Each milestone at most once: keep the first of each.
    seen: set[str] = set()
    for event in timeline:
        if event["milestone"] in seen:
            event["milestone"] = None
        seen.add(event["milestone"])
    event_ids = [f"T{number}" for number in range(1, len(timeline) + 1)]
    tree = draw(why_trees(event_ids))
    why_ids = [why["id"] for why in tree]
    raw = {
        "incident": {
            "title": draw(required_text), "id": draw(optional_text),
            "severity": draw(st.sampled_from([None, "SEV1", "P2", "sev3"])),
            "status": draw(st.sampled_from(["draft", "in_review", "final"])),
            "date": draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
            "timezone": draw(st.sampled_from(["UTC", "Europe/Berlin", "Asia/Kolkata", "America/Los_Angeles"])),
            "author": draw(optional_text), "reviewers": draw(names), "tags": draw(names),
            "summary": draw(optional_text),
        },
        "impact": {"revenue": draw(optional_text), "notes": draw(optional_text)},
        "timeline": timeline,
        "detection": {"how": draw(st.sampled_from([None, "alert", "customer"])), "notes": draw(optional_text)},
        "root_cause": {"problem": draw(optional_text), "summary": draw(optional_text),
                       "contributing_factors": draw(names)},
        "whys": tree,
        "findings": {"went_well": draw(names), "lessons": draw(names)},
        "action_items": [
            {"action": draw(required_text), "owner": draw(optional_text),
             "due": draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
             "priority": draw(st.sampled_from([None, "P1", "p4"])),
             "status": draw(st.sampled_from(["open", "done", "wont_do"])),
             "addresses": draw(st.sampled_from([None, *why_ids]))}
            for _ in range(draw(st.integers(0, 3)))
        ],
        "appendix": [{"title": draw(required_text), "url": draw(optional_text)} for _ in range(draw(st.integers(0, 2)))],
        "meeting": {
            "layout": draw(optional_text), "paused": draw(st.booleans()),
            "started": draw(st.none() | stamp),
            "phases": [{"id": draw(required_text), "title": draw(text),
                        "planned_minutes": draw(st.floats(0, 120)), "actual_seconds": draw(st.floats(0, 7200))}
                       for _ in range(draw(st.integers(0, 2)))],
            "parking_lot": draw(names),
        },
        "dismissals": [{"rule": "blame", "path": "incident.summary", "reason": draw(required_text)}
                       for _ in range(draw(st.integers(0, 1)))],
    }
    return Document.model_validate(raw)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents(), fmt=st.sampled_from(["toml", "json"]))
def test_any_document_round_trips_byte_for_byte(document: Document, fmt: str) -> None:
    data = storage.dumps(document, fmt, "# a comment" if fmt == "toml" else "")
    again, preamble, _ = storage.parse_document(data, Path(f"incident.{fmt}"))
    assert again == document
    assert storage.dumps(again, fmt, preamble) == data


def test_the_full_example_in_the_format_doc_is_the_bundled_sample() -> None:
    doc = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    example = doc.split("## A full example", 1)[1].split("```toml\n", 1)[1].split("\n```", 1)[0] + "\n"
    assert example == (SAMPLES / "db-pool-exhaustion.toml").read_text(encoding="utf-8")


_SCALARS = (
    st.text()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates()
    | st.times().map(lambda t: t.replace(microsecond=0))
    | st.datetimes().map(lambda d: d.replace(microsecond=0))
)


@settings(max_examples=150, deadline=None, database=None)
@given(value=_SCALARS | st.lists(st.text() | st.dates(), max_size=4))
def test_the_fast_toml_writer_agrees_with_tomli_w(value: Any) -> None:
    import tomli_w

    ours = tomllib.loads(storage.toml._toml_value("key", value))
    reference = tomllib.loads(tomli_w.dumps({"key": value}))
    assert ours == reference == {"key": value}


def test_long_prose_is_folded_without_changing_it() -> None:
    text = "The paging alert fired eight minutes after impact began,  because " * 6 + "end."
    line = storage.toml._toml_value("summary", text)
    assert tomllib.loads(line)["summary"] == text
    assert max(len(part) for part in line.splitlines()) <= 100
    assert line.count("\n") > 3


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_samples_are_stored_in_the_form_pmtui_writes(path: Path) -> None:
    """Opening a sample in the meeting app must not rewrite the whole file in the first autosave."""
    loaded = storage.load(path)
    assert storage.dumps(loaded.document, loaded.format, loaded.preamble, loaded.extras) == path.read_bytes()


def test_an_unquoted_clock_time_with_a_one_digit_hour_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "hand.toml"
    path.write_text('[incident]\ntitle = "x"\n\n[[timeline]]\ntime = 9:05\nevent = "e"\n')
    with pytest.raises(storage.DocumentError, match=r'line 5.*clock times with two-digit hours, as 09:05, or quoted, as "9:05"'):
        storage.load(path)


def test_offsets_with_seconds_and_long_values_are_refused_briefly(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"incident": {"title": "x"}, "timeline": [{"time": "2026-01-01T10:00:00+05:30:15", "event": "e"}]}))
    with pytest.raises(storage.DocumentError, match="timeline.0..time: invalid time .*whole minutes"):
        storage.load(path)
    path.write_text(json.dumps({"incident": {"title": "x", "timezone": "Z" * 500}}))
    with pytest.raises(storage.DocumentError) as caught:
        storage.load(path)
    assert len(str(caught.value).removeprefix(str(path))) < 160
