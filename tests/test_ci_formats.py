"""`pmtui check --format github|sarif`: findings at the line of their field, escaped, and valid SARIF."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from pmtui import storage
from pmtui.checking import Problem
from pmtui.cli import main
from pmtui.export.ci_formats import github_command
from pmtui.export.field_lines import locator
from pmtui.review.fields import text_fields
from tests.document_factory import BROKEN, SAMPLES, sample_paths

# The SARIF 2.1.0 schema as OASIS publishes it (sarif-spec, Schemata/sarif-schema-2.1.0.json).
SARIF_SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text())


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.name)
def test_every_text_field_of_the_samples_is_found_on_its_line(path):
    text = path.read_text(encoding="utf-8")
    fmt = storage.format_for(path)
    locate = locator(text, fmt)
    lines = text.splitlines()
    fields = list(text_fields(storage.load_document(path)))
    assert len(fields) >= 5
    for field, value in fields:
        line, column = locate(field)
        found = lines[line - 1][column - 1:]
        name = field.rsplit(".", 1)[-1]
        if name.endswith("]"):  # an item of a list: the item itself, or the list's inline line
            listed = name.partition("[")[0]
            first_words = json.dumps(value)[:12]
            assert found.startswith(first_words) or f"{listed} = [" in found or f'"{listed}"' in found, field
        elif fmt == "toml":
            assert found.startswith(f"{name} = "), (field, found)
        else:
            assert found.startswith(f'"{name}": '), (field, found)


def test_fields_not_written_point_at_their_entry_or_section():
    text = '[incident]\ntitle = "x"\n\n[[action_items]]\naction = "a"\n\n[[action_items]]\n  action = "b"\n'
    locate = locator(text, "toml")
    assert locate("action_items[1].due") == (7, 1)
    assert locate("action_items[1].action") == (8, 3)
    assert locate("impact.notes") == (1, 1)
    json_text = '{\n  "incident": {"title": "x"},\n  "action_items": [\n    {"action": "a"}\n  ]\n}\n'
    locate = locator(json_text, "json")
    assert locate("action_items[0].due") == (4, 5)
    assert locate("incident.title") == (2, 16)


def test_key_lines_inside_multiline_strings_are_not_fields():
    text = '[incident]\nsummary = """\nevent = "not a key"\n"""\n\n[[timeline]]\ntime = 14:00:00\nevent = "real"\n'
    assert locator(text, "toml")("timeline[0].event") == (8, 1)


def test_github_commands_escape_data_and_properties():
    problem = Problem("dir,a:b/pm%.toml", "timeline[0].event", "warning", "blame-name",
                      "50% of\r\nit: \x1b]52;c;x\x07", "say, what")
    assert github_command(problem, (12, 3)) == (
        "::warning file=dir%2Ca%3Ab/pm%25.toml,line=12,col=3,title=pmtui blame-name"
        "::timeline[0].event: 50%25 of\\x0d\\x0ait: \\x1b]52;c;x\\x07 (suggest: say, what)"
    )
    named = Problem("new\nline\x1b[2J.toml", "", "error", "unreadable", "x")
    assert github_command(named, (1, 1)).startswith("::error file=new%0Aline\\x1b[2J.toml,line=1,")
    note = Problem("pm.toml", "", "note", "next-final", "multi\nline")
    assert github_command(note, (1, 1)).startswith("::notice file=pm.toml,line=1,col=1,")


def test_check_github_over_a_folder(tmp_path, capsys):
    for name in ("disk-full.json", "db-pool-exhaustion.toml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    shutil.copy(BROKEN / "impossible-time.toml", tmp_path / "broken.toml")
    code = main(["check", "--format", "github", str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 2  # one file unreadable
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out)
    broken_line = next(line for line in out if "broken.toml" in line)
    broken_text = (tmp_path / "broken.toml").read_text().splitlines()
    line_number = int(broken_line.split(",line=")[1].split(",")[0])
    assert broken_line.startswith("::error ")
    assert broken_text[line_number - 1].startswith("time = ")
    gap = next(line for line in out if "disk-full.json" in line and "timeline-gap" in line)
    assert ",line=44,col=7," in gap


def test_sarif_validates_against_the_published_schema(tmp_path, capsys):
    shutil.copy(BROKEN / "toml-syntax-error.toml", tmp_path / "syntax.toml")
    assert main(["check", "--format", "sarif", str(SAMPLES), str(tmp_path)]) == 2
    log = json.loads(capsys.readouterr().out)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert {result["level"] for result in results} >= {"error", "warning"}
    gap = next(result for result in results
               if result["ruleId"] == "timeline-gap" and result["locations"][0]["physicalLocation"]
               ["artifactLocation"]["uri"].endswith("disk-full.json"))
    assert gap["locations"][0]["physicalLocation"]["region"] == {"startLine": 44, "startColumn": 7}
    assert gap["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "timeline[2].time", "kind": "member"}]
    syntax = next(result for result in results if result["ruleId"] == "unreadable")
    assert syntax["locations"][0]["physicalLocation"]["region"]["startLine"] > 1
    rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rules[result["ruleIndex"]] == result["ruleId"] for result in results)


def test_a_log_missing_a_required_field_fails_the_schema():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SARIF_SCHEMA).validate({"version": "2.1.0", "runs": [{"results": []}]})
