"""The TOML parser: rtoml reads TOML 1.1 as tomli (the reference) does, and never what it refuses.

pmtui parses TOML with rtoml and falls back to tomllib (TOML 1.0) only when rtoml refuses a file:
tomllib then reads it or gives the error message. The generated documents here compare the three
parsers value for value; the mutated ones check that pmtui refuses every text tomli refuses, and
that whatever pmtui is given it loads or raises a DocumentError.

CI runs a bounded number of examples; for a long run by hand:
    PMTUI_FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/test_toml_parser.py --hypothesis-show-statistics
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import rtoml
import tomli
import tomli_w
from hypothesis import event, given
from hypothesis import strategies as st

from document_factory import BROKEN, SAMPLES, sample_paths
from fuzz_settings import FUZZ
from pmtui import storage

PATH = Path("incident.toml")


def assert_one_line(message: str) -> None:
    """Names the file, and holds no line break, tab or escape sequence that would reach the terminal."""
    assert message.startswith(f"{PATH}: "), ascii(message)
    assert not [char for char in message if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")], ascii(message)


def canonical(value: Any) -> Any:
    """A form that compares what matters: True is not 1, NaN equals NaN, -0.0 is not 0.0, and
    offset datetimes keep their offset (== on aware datetimes compares only the instant)."""
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, float):
        return ("float", repr(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return (type(value).__name__, value.isoformat())
    return (type(value).__name__, value)


def outcome(parse: Any, text: str) -> tuple[str, Any]:
    """("ok", canonical value), ("refused", None), or ("too deep", None) when the parser ran out
    of Python stack, which is no verdict on the text."""
    try:
        return "ok", canonical(parse(text))
    except RecursionError:
        return "too deep", None
    except ValueError:  # TOMLDecodeError, rtoml.TomlParsingError, an integer too long for str()
        return "refused", None


# ------------------------------------------------------------------------------ generated documents

CHARS = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be UTF-8
TRICKY = ["\x00", "\x1b[31m", "\x7f", "\r\n", "\r", "\n", "\t", '"""', "'''", "\\", "\\u0041", "\u2028", "\ufeff",
          "数据库", "👩\u200d💻", "e\u0301", "# x", "[a]", "a = 1", "14:22", " "]
TEXT = st.one_of(st.text(CHARS, max_size=20), st.sampled_from(TRICKY),
                 st.lists(st.sampled_from(TRICKY), min_size=1, max_size=4).map("".join))
KEYS = st.one_of(st.text(CHARS, max_size=8), st.sampled_from(["time", "a.b", "", " ", "[x]", '"', "1"]))
OFFSETS = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))
DATETIMES = st.builds(lambda moment, offset: moment.replace(tzinfo=offset), st.datetimes(), st.none() | OFFSETS)


# Whole minutes, which TOML 1.1 may write without seconds.
MINUTES = st.sampled_from([dt.time(14, 22), dt.datetime(2026, 4, 20, 14, 22),
                           dt.datetime(2026, 4, 20, 14, 22, tzinfo=dt.UTC)])


def scalars(integers: st.SearchStrategy[int]) -> st.SearchStrategy[Any]:
    return st.one_of(TEXT, st.booleans(), integers, st.floats(), st.dates(), st.times(), DATETIMES, MINUTES)


def trees(integers: st.SearchStrategy[int]) -> st.SearchStrategy[dict[str, Any]]:
    """Nested tables, arrays of values and arrays of tables: anything tomli_w can write."""
    values = st.recursive(
        scalars(integers),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=3),
        max_leaves=12,
    )
    tables = st.lists(st.dictionaries(KEYS, values, max_size=3), min_size=1, max_size=3)
    return st.dictionaries(KEYS, values | tables, max_size=6)


# rtoml holds integers in 128 bits; beyond that it refuses the file and tomllib reads it.
RTOML_INTEGERS = st.one_of(st.integers(-(2**63), 2**63 - 1), st.integers(-(2**127), 2**127 - 1))
ANY_INTEGERS = st.one_of(RTOML_INTEGERS, st.integers(-(10**200), 10**200))


def toml_1_1(draw: st.DrawFn, text: str) -> str:
    """Rewrites into what TOML 1.1 allows and 1.0 does not. They may also hit the inside of a
    string: the parsers must then agree on that text too."""
    if draw(st.booleans()):  # clock times without seconds
        text = re.sub(r"(\d\d:\d\d):00(?![.:\d])", r"\1", text)
    if draw(st.booleans()):  # \e and \xHH escapes
        text = text.replace("\\u001b", "\\e")
        text = re.sub(r"\\u00([0-9a-fA-F]{2})", r"\\x\1", text)
    if draw(st.booleans()):  # newlines and a trailing comma in inline tables
        text = text.replace("{ ", "{\n    ").replace(" }", ",\n}")
    return text


# How pmtui calls rtoml: a CRLF inside a multi-line string read as "\n", as tomli and tomllib read it.
rtoml_loads = storage.toml._rtoml_loads


@FUZZ
@given(tree=trees(RTOML_INTEGERS), multiline=st.booleans())
def test_rtoml_reads_toml_1_0_exactly_as_tomli_and_tomllib_do(tree: dict[str, Any], multiline: bool) -> None:
    text = tomli_w.dumps(tree, multiline_strings=multiline)
    result = canonical(rtoml_loads(text))
    assert result == canonical(tomli.loads(text)) == canonical(tomllib.loads(text))
    if not multiline:  # tomli_w writes a CRLF in a multi-line string as a newline
        assert result == canonical(tree)


@FUZZ
@given(tree=trees(RTOML_INTEGERS), data=st.data())
def test_rtoml_reads_toml_1_1_exactly_as_tomli_does(tree: dict[str, Any], data: st.DataObject) -> None:
    text = toml_1_1(data.draw, tomli_w.dumps(tree, multiline_strings=data.draw(st.booleans())))
    reference = outcome(tomli.loads, text)
    assert outcome(rtoml_loads, text) == reference
    toml_1_0 = outcome(tomllib.loads, text)
    if toml_1_0[0] == "ok":
        assert toml_1_0 == reference
    event(f"tomli: {reference[0]}, tomllib: {toml_1_0[0]}")


@FUZZ
@given(tree=trees(ANY_INTEGERS))
def test_pmtui_reads_every_valid_document_as_tomli_does(tree: dict[str, Any]) -> None:
    """Including what only the fallback reads (integers wider than 128 bits)."""
    text = tomli_w.dumps(tree)
    assert canonical(storage.parse_toml(text, PATH)) == canonical(tomli.loads(text)) == canonical(tree)


# ----------------------------------------------------------------------------- mutated and random text

SEEDS = [path.read_text(encoding="utf-8") for path in sample_paths() if path.suffix == ".toml"]
SEEDS += [path.read_text(encoding="utf-8") for path in sorted(BROKEN.glob("*.toml")) if path.name != "latin1.toml"]
# Pieces of TOML syntax, and of what TOML 1.1 added, to insert anywhere.
PIECES = ["[", "]", "[[", "]]", "{", "}", "=", '"', "'", '"""', "'''", ",", ".", "\n", "\r", "\r\n", "\t", " ", "#",
          "\\", "\\e", "\\x4", "\\x41", "\\u00e9", "\\U0001F600", ":", ":00", "-", "+", "T", "Z", "z", "nan", "inf",
          "0x", "0o", "0b", "1e", "_", "0", "00", "14:22", "9:05", "24:00", "2026-04-20", "2026-02-30", "+05:30",
          "\x00", "\x01", "\x7f", "\u2028", "\ufeff", "é", "true", "a.b", "time = 14:22\n", "x = {a = 1,\n}\n"]


@st.composite
def mutated(draw: st.DrawFn, seed: st.SearchStrategy[str]) -> str:
    """A document after 1-4 edits: a piece inserted, a span deleted, a line doubled or truncated."""
    text = draw(seed)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "insert", "delete", "double a line", "truncate"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(PIECES)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 12)):]
        elif action == "double a line":
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            line = text[start : end + 1 if end >= 0 else len(text)]
            text = text[:start] + line + text[start:]
        else:
            text = text[:position]
    return text


@st.composite
def written_documents(draw: st.DrawFn) -> str:
    """A tomli_w document, in TOML 1.0 or rewritten into 1.1."""
    text = tomli_w.dumps(draw(trees(RTOML_INTEGERS)))
    return toml_1_1(draw, text) if draw(st.booleans()) else text


TEXTS = st.one_of(
    mutated(st.sampled_from(SEEDS)),
    mutated(written_documents()),
    st.text(st.sampled_from(list("[]{}=\"',.\n\r\t #\\:-+TZ_0123456789abefinxu\x00\x7f\u2028é")), max_size=120),
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
)


@FUZZ
@given(text=TEXTS)
def test_rtoml_accepts_nothing_tomli_refuses(text: str) -> None:
    """And when both accept, they read the same values."""
    reference = outcome(tomli.loads, text)
    result = outcome(rtoml_loads, text)
    event(f"rtoml {result[0]}, tomli {reference[0]}")
    if result[0] == "ok" and reference[0] != "too deep":
        assert result == reference


@FUZZ
@given(text=TEXTS)
def test_pmtui_loads_or_explains_and_refuses_what_tomli_refuses(text: str) -> None:
    try:
        raw = storage.parse_toml(text, PATH)
    except storage.DocumentError as error:
        assert str(error).startswith(f"{PATH}: TOML syntax error: ")
        assert_one_line(str(error))
        raw = None
    except (RecursionError, ValueError):
        raw = None  # _parse turns these into their own one-line messages
    reference = outcome(tomli.loads, text)
    if raw is not None and reference[0] != "too deep":
        assert ("ok", canonical(raw)) == reference
    try:
        storage.parse_document(text.encode("utf-8"), PATH)
    except storage.DocumentError as error:
        assert_one_line(str(error))
        event("rejected")
        return
    event("loaded")
    # A byte-order mark at the start is tolerated (docs/format.md); TOML itself allows none.
    assert outcome(tomli.loads, text.removeprefix("\ufeff"))[0] != "refused"


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), TEXTS.map(lambda text: text.encode("utf-8", "surrogatepass"))))
def test_any_bytes_load_or_give_a_document_error(data: bytes) -> None:
    try:
        storage.parse_document(data, PATH)
    except storage.DocumentError as error:
        assert_one_line(str(error))


# ---------------------------------------------------------------------------- TOML 1.1 relaxations

HEAD = '[incident]\ntitle = "Search latency"\ndate = 2026-04-20\n\n'


@pytest.mark.parametrize(("written", "saved"), [
    ("time = 14:22", "time = 14:22:00"),
    ("time = 2026-04-20T14:22", "time = 2026-04-20 14:22:00"),
    ("time = 2026-04-20 14:22+05:30", "time = 2026-04-20 14:22:00+05:30"),
    ("time = 2026-04-20T14:22Z", "time = 2026-04-20 14:22:00+00:00"),
])
def test_times_without_seconds_load_and_are_saved_with_them(written: str, saved: str) -> None:
    data = f'{HEAD}[[timeline]]\n{written}\nevent = "deploy"\n'.encode()
    document, _, _ = storage.parse_document(data, PATH)
    text = storage.dumps(document, "toml").decode()
    assert f'[[timeline]]\n{saved}\nevent = "deploy"\n' in text
    assert tomllib.loads(text)  # what pmtui writes is TOML 1.0


def test_new_escapes_load_and_are_saved_as_toml_1_0_escapes() -> None:
    data = HEAD.encode() + b'[[timeline]]\ntime = 14:22\nevent = "\\e[1mdeploy\\x21 caf\\xe9"\n'
    document, _, _ = storage.parse_document(data, PATH)
    assert document.timeline[0].event == "\x1b[1mdeploy! café"
    text = storage.dumps(document, "toml").decode()
    assert 'event = "\\u001b[1mdeploy! café"\n' in text
    assert tomllib.loads(text)["timeline"][0]["event"] == "\x1b[1mdeploy! café"


def test_inline_tables_over_several_lines_load_and_are_saved_as_tables() -> None:
    data = (
        'incident = {\n    title = "Search latency",  # newlines, comments and a trailing comma\n'
        '    severity = "SEV2",\n}\n'
        'timeline = [\n    {time = 14:22, event = "deploy",},\n'
        '    {\n        time = 14:30,\n        event = "alert",\n    },\n]\n'
    ).encode()
    document, _, _ = storage.parse_document(data, PATH)
    text = storage.dumps(document, "toml").decode()
    assert text.startswith('schema_version = 2\n\n[incident]\ntitle = "Search latency"\nseverity = "SEV2"\n')
    assert '[[timeline]]\ntime = 14:22:00\nevent = "deploy"\n' in text
    assert '[[timeline]]\ntime = 14:30:00\nevent = "alert"\n' in text
    assert "{" not in text
    assert storage.parse_document(text.encode(), PATH)[0] == document


def test_offset_datetimes_get_the_standard_timezone_class() -> None:
    """rtoml's own tzinfo class cannot be copied or pickled: the app deep-copies documents."""
    data = HEAD.encode() + (
        b'[[timeline]]\ntime = 2026-04-20T14:22:05+05:30\nevent = "deploy"\n\n'
        b'[[timeline]]\ntime = 2026-04-20T14:30:00Z\nevent = "alert"\n\n'
        b'[meeting]\nstarted = 2026-04-21T09:00:00-07:00\nended = 2026-04-21T10:00:00-07:00\n'
        b'updated = 2026-04-21T10:00:00-07:00\n'
    )
    document, _, _ = storage.parse_document(data, PATH)
    times = [event.time for event in document.timeline]
    meeting = document.meeting
    for moment in (*times, meeting.started, meeting.ended, meeting.updated):
        assert type(moment.tzinfo) is dt.timezone, repr(moment)
    assert times[0].utcoffset() == dt.timedelta(hours=5, minutes=30) and times[1].tzinfo is dt.UTC
    assert meeting.started.tzinfo is meeting.ended.tzinfo  # one tzinfo per offset, as tomllib gives them
    assert copy.deepcopy(document) == document
    assert pickle.loads(pickle.dumps(document)) == document
    saved = storage.dumps(document, "toml")
    assert storage.dumps(storage.parse_document(saved, PATH)[0], "toml") == saved


# ----------------------------------------------------------------------------------- errors, fallback


def test_the_broken_toml_file_keeps_its_message() -> None:
    path = BROKEN / "toml-syntax-error.toml"
    with pytest.raises(storage.DocumentError) as caught:
        storage.load(path)
    assert str(caught.value) == f"{path}: TOML syntax error: Illegal character '\\n' (at line 2, column 24)"


def test_a_mistake_after_toml_1_1_times_is_reported_where_it_is() -> None:
    """tomllib would stop at the first `14:22`, which is valid: the message names the real mistake."""
    data = HEAD.encode() + (
        b'[[timeline]]\ntime = 14:22\nevent = "deploy"\n\n'
        b'[[timeline]]\ntime = 14:30\nevent = "alert\n'  # the closing quote is missing
    )
    with pytest.raises(storage.DocumentError) as caught:
        storage.parse_document(data, PATH)
    message = str(caught.value)
    assert message.startswith(f"{PATH}: TOML syntax error: ") and "at line 11" in message
    assert "14:22" not in message and "clock" not in message


def test_crlf_line_endings_read_as_tomllib_reads_them() -> None:
    """A file saved on Windows: the line breaks inside a multi-line string are plain newlines."""
    data = HEAD.encode() + b'[root_cause]\nsummary = """\nfirst line\nsecond line"""\n'
    document, _, _ = storage.parse_document(data.replace(b"\n", b"\r\n"), PATH)
    assert document.root_cause.summary == "first line\nsecond line"
    assert storage.parse_document(data, PATH)[0] == document


def test_a_second_byte_order_mark_is_refused_as_before() -> None:
    with pytest.raises(storage.DocumentError, match=r"TOML syntax error: Invalid statement \(at line 1, column 1\)"):
        storage.parse_document(b"\xef\xbb\xbf\xef\xbb\xbf" + HEAD.encode(), PATH)


@pytest.mark.parametrize(("text", "expected"), [
    ("a = " + "[" * 100 + "]" * 100, None),  # deeper than rtoml recurses
    ("a = 1e400", {"a": float("inf")}),  # rtoml refuses a float that overflows
    ("a = 0x" + "f" * 40, {"a": 16**40 - 1}),  # wider than rtoml's 128-bit integers
])
def test_what_rtoml_refuses_but_tomllib_reads_is_read(text: str, expected: Any) -> None:
    with pytest.raises(ValueError):
        rtoml.loads(text)
    raw = storage.parse_toml(text, PATH)
    assert raw == tomllib.loads(text)
    if expected is not None:
        assert raw == expected


def test_nesting_too_deep_for_any_parser_is_one_line() -> None:
    with pytest.raises(storage.DocumentError, match=f"^{PATH}: nested too deeply to be a postmortem$"):
        storage.parse_document(b"a = " + b"[" * 100_000 + b"]" * 100_000, PATH)


def test_the_bundled_samples_parse_the_same_with_rtoml_and_tomllib() -> None:
    for path in sorted(SAMPLES.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert canonical(rtoml_loads(text)) == canonical(tomllib.loads(text)), path.name
