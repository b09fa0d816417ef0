"""Fuzzing the loaders: whatever bytes arrive, pmtui loads them or says what is wrong in one line.

Documents start as trees shaped like a postmortem file (every section, dates at both ends of the
calendar, clock times that roll past midnight, odd but real time zones). Some stay clean, some get
junk in their fields (nonexistent time zones, empty titles, bad enum values), some get mutated
(wrong types, deep nesting, huge strings, NaN and infinities, 5000-digit integers, unknown keys),
and some have their bytes damaged (invalid UTF-8, NUL, a BOM, truncation, CRLF). Every document
that loads must also survive what pmtui does with it next: durations, the Markdown export, and
saving in both formats with a lossless round trip.

CI runs a bounded number of examples; for a long run by hand:
    PMTUI_FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/test_fuzz_loaders.py --hypothesis-show-statistics
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import event, given
from hypothesis import strategies as st

from document_factory import events, make_document
from fuzz_settings import FUZZ
from pmtui import storage
from pmtui.document import timeline
from pmtui.document.model import ActionKind, ActionStatus, DetectionHow, Milestone, Priority, Status
from pmtui.export import render
from pmtui.meeting.layouts import PANELS, LayoutError, parse_layout


# ------------------------------------------------------------------------------------------- leaves

TRICKY_TEXT = [
    "rollback [/deploy]", "| a | b |", "# not a heading", "*bold* _it_ `code`", "<script>", "a\r\nb", "a\rb",
    "line\nbreak", "\t", "\x00", "\x7f", "\x1b[31mred", "\u2028\u2029", "\ufeffbom", "\u200b", "'''", '"""',
    "数据库连接池耗尽", "👩\u200d💻 on call 🇩🇪", "انقطاع الخدمة", "שירות", "e\u0301\u0308", " ",
]
SHORT_TEXT = st.one_of(st.text(max_size=20), st.sampled_from(TRICKY_TEXT))
TEXT = st.one_of(SHORT_TEXT, st.text(max_size=80))
FILLED_TEXT = TEXT.filter(bool)  # fields that must not be empty
# A repeated piece keeps generation cheap while the loader still sees hundreds of kilobytes.
HUGE_TEXT = st.builds(lambda piece, count: piece * count, st.text(min_size=1, max_size=4), st.integers(10_000, 60_000))

CALENDAR_EDGES = [dt.date(1, 1, 1), dt.date(1, 1, 2), dt.date(9999, 12, 30), dt.date(9999, 12, 31)]
DATES = st.one_of(st.dates(), st.sampled_from(CALENDAR_EDGES))
CLOCK_TIMES = st.one_of(
    st.times(), st.sampled_from([dt.time(0, 0), dt.time(23, 59, 59), dt.time(12, 0), dt.time(1, 0)]),
    st.sampled_from(["14:22", "9:05", "14:22:05", "00:00"]),
)
BAD_CLOCK_TIMES = st.sampled_from(["24:00", "23:60", "1:2", "T14:22", "noon", "14:22+05:00", "", "14:22\ud800"])
WHOLE_MINUTE_OFFSETS = st.integers(-24 * 60 + 1, 24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))
EDGE_DATETIMES = [
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime(1, 1, 1, 0, 30),
    dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
    dt.datetime(9999, 12, 31, 23, 0),
]
DATETIMES = st.one_of(
    st.builds(lambda moment, offset: moment.replace(tzinfo=offset), st.datetimes(), st.none() | WHOLE_MINUTE_OFFSETS),
    st.sampled_from(EDGE_DATETIMES),
)
# Python allows UTC offsets with seconds; TOML cannot write them.
ODD_OFFSET_DATETIMES = st.datetimes(timezones=st.just(dt.timezone(dt.timedelta(hours=5, minutes=30, seconds=15))))
ZONES = st.sampled_from([
    "UTC", "Europe/Berlin", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu",
    "Australia/Lord_Howe", "Etc/GMT+12", "Etc/GMT-14",
])
BAD_ZONES = st.sampled_from([
    "Mars/Olympus", "", " UTC", "utc", "Europe/Berlin\n", "../../etc/passwd", "/etc/localtime",
    "Europe/" + "x" * 300, "UTC\x00", "Europe/Berlin\udc80",
])
NUMBERS = st.one_of(st.integers(-(2**70), 2**70), st.floats())  # NaN, infinities, huge
DURATIONS = st.floats(0, 1e12)


def optional(**fields: st.SearchStrategy[Any]) -> dict[str, st.SearchStrategy[Any]]:
    return fields


def _prefix_closed(paths: list[list[int]]) -> list[str]:
    """Dotted why ids whose parents all exist, in tree order: a valid why tree with branches."""
    ids = {".".join(str(n) for n in path[: depth + 1]) for path in paths for depth in range(len(path))}
    return sorted(ids, key=lambda why_id: [int(part) for part in why_id.split(".")])


def _one_event_per_milestone(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[Any] = set()
    for entry in events:
        if "milestone" in entry and entry["milestone"] in seen:
            del entry["milestone"]
        seen.add(entry.get("milestone"))
    return events


# ------------------------------------------------------------------------------------ plausible trees


def document_trees(messy: bool) -> st.SearchStrategy[dict[str, Any]]:
    """Trees shaped like a postmortem file; when `messy`, any field may hold junk for its type.

    Clean trees use valid values only (edge cases included), so a good share of examples load and
    reach the checks that run after loading.
    """

    def field(valid: st.SearchStrategy[Any], junk: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(valid, junk) if messy else valid

    def enum(values: type) -> st.SearchStrategy[Any]:
        return field(st.sampled_from([member.value for member in values]), SHORT_TEXT)

    filled = field(FILLED_TEXT, st.just(""))
    incident = st.fixed_dictionaries({"title": filled}, optional=optional(
        id=SHORT_TEXT, severity=field(st.sampled_from(["SEV1", "sev2", "P3", "P-4"]), st.sampled_from(["SEV9", "", "1"])),
        status=enum(Status), date=field(DATES, DATETIMES), timezone=field(ZONES, BAD_ZONES), author=TEXT,
        facilitator=SHORT_TEXT, reviewers=st.lists(SHORT_TEXT, max_size=3),
        participants=st.lists(SHORT_TEXT, max_size=3), tags=st.lists(SHORT_TEXT, max_size=3),
        summary=st.one_of(TEXT, HUGE_TEXT),
    ))
    events = st.lists(st.fixed_dictionaries(
        {"time": field(st.one_of(CLOCK_TIMES, DATETIMES), st.one_of(BAD_CLOCK_TIMES, ODD_OFFSET_DATETIMES)),
         "event": filled},
        optional=optional(id=st.text(min_size=1, max_size=8), source=SHORT_TEXT, milestone=enum(Milestone)),
    ), max_size=6, unique_by=lambda entry: entry.get("id")).map(_one_event_per_milestone)
    phase_records = st.lists(st.fixed_dictionaries(
        {"id": SHORT_TEXT, "title": SHORT_TEXT, "planned_minutes": field(DURATIONS, NUMBERS)},
        optional=optional(actual_seconds=field(DURATIONS, NUMBERS)),
    ), max_size=3)
    sections = optional(
        schema_version=field(st.sampled_from([1, 2]), st.sampled_from([0, -1, 3, 10**30, True, "1", 1.0])),
        impact=st.dictionaries(st.sampled_from(["users_affected", "failed_requests", "revenue", "slo",
                                                "support_tickets", "public_communication", "notes"]), TEXT, max_size=3),
        detection=st.fixed_dictionaries({}, optional=optional(how=enum(DetectionHow), notes=TEXT)),
        root_cause=st.fixed_dictionaries({}, optional=optional(
            problem=TEXT, summary=TEXT, contributing_factors=st.lists(SHORT_TEXT, max_size=3))),
        findings=st.fixed_dictionaries({}, optional=optional(
            went_well=st.lists(TEXT, max_size=2), went_poorly=st.lists(SHORT_TEXT, max_size=2),
            lessons=st.lists(SHORT_TEXT, max_size=2))),
        appendix=st.lists(st.fixed_dictionaries({"title": SHORT_TEXT}, optional=optional(url=SHORT_TEXT)), max_size=2),
        meeting=st.fixed_dictionaries({}, optional=optional(
            layout=SHORT_TEXT, started=DATETIMES, ended=DATETIMES, current_phase=SHORT_TEXT,
            phase_remaining_seconds=field(DURATIONS, NUMBERS), paused=st.booleans(), updated=DATETIMES,
            phases=phase_records, parking_lot=st.lists(TEXT, max_size=2))),
        dismissals=st.lists(st.fixed_dictionaries(
            {"rule": SHORT_TEXT, "path": SHORT_TEXT, "reason": FILLED_TEXT}, optional=optional(text=SHORT_TEXT)),
            max_size=2),
    )
    why_ids = field(
        st.lists(st.lists(st.integers(1, 3), min_size=1, max_size=5), max_size=6).map(_prefix_closed),
        st.lists(st.one_of(SHORT_TEXT, st.integers(-3, 10**20)), max_size=3),
    )

    @st.composite
    def trees(draw: st.DrawFn) -> dict[str, Any]:
        tree = draw(st.fixed_dictionaries({"incident": incident, "timeline": events}, optional=sections))
        ids = draw(why_ids)
        event_ids = [entry["id"] for entry in tree["timeline"] if "id" in entry]
        evidence = st.lists(st.sampled_from(event_ids), max_size=2) if event_ids else st.just([])
        tree["whys"] = [draw(st.fixed_dictionaries({"id": st.just(why_id), "answer": filled}, optional=optional(
            question=SHORT_TEXT, root=st.booleans(), accepted_risk=st.booleans(), evidence=evidence,
        ))) for why_id in ids]
        addresses = st.sampled_from([str(why_id) for why_id in ids]) if ids else st.none()
        tree["action_items"] = draw(st.lists(st.fixed_dictionaries({"action": filled}, optional=optional(
            id=st.text(min_size=1, max_size=8), owner=SHORT_TEXT, due=field(DATES, DATETIMES),
            priority=enum(Priority), status=enum(ActionStatus), kind=enum(ActionKind), addresses=addresses,
            ticket=SHORT_TEXT,
        )), max_size=4, unique_by=lambda item: item.get("id")))
        return tree

    return trees()


CLEAN_TREES = document_trees(messy=False)
MESSY_TREES = document_trees(messy=True)

# ------------------------------------------------------------------------------------------ mutation

# Values no serialiser writes (nesting deeper than it recurses, integers longer than str() allows)
# travel as a marker string and are spelled out in the text afterwards.
RAW_MARK = re.compile(r'"@@(deep|digits) (\d+)@@"')
WEIRD_VALUES = st.one_of(
    st.none(), st.booleans(), NUMBERS, TEXT, HUGE_TEXT, DATES, CLOCK_TIMES, DATETIMES,
    st.lists(st.one_of(st.integers(), SHORT_TEXT), max_size=3),
    st.dictionaries(SHORT_TEXT, SHORT_TEXT, max_size=2),
    st.sampled_from([50, 500, 900, 990, 1000, 1100, 5000, 100_000]).map(lambda depth: f"@@deep {depth}@@"),
    st.sampled_from([5000, 100_000]).map(lambda digits: f"@@digits {digits}@@"),
    # Lone surrogates: JSON spells them as escapes; validators that quote them used to crash.
    st.sampled_from(["\ud800", "14:22\udfff", "1.\ud800", "T\udc80"]),
)


def _slots(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in the tree: the places a mutation can hit."""
    found: list[tuple[Any, Any]] = []
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for key, value in items:
        found.append((tree, key))
        found.extend(_slots(value))
    return found


def mutate(draw: st.DrawFn, tree: dict[str, Any]) -> dict[str, Any]:
    """1-3 random edits anywhere in the tree: replace a value, delete it, or add an unknown key."""
    for _ in range(draw(st.integers(1, 3))):
        slots = _slots(tree)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["replace", "replace", "delete", "unknown key"]))
        if action == "replace":
            container[key] = draw(WEIRD_VALUES)
        elif action == "delete":
            del container[key]
        elif isinstance(container, dict):
            container[draw(SHORT_TEXT)] = draw(WEIRD_VALUES)
    return tree


# ---------------------------------------------------------------------------------------- serialising


def _without_none(value: Any) -> Any:
    """TOML has no null: leave such keys and items out, as a hand-written file would."""
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value if item is not None]
    return value


def _json_default(value: Any) -> str:
    return value.isoformat()


def _spell_out(marker: re.Match[str]) -> str:
    size = int(marker.group(2))
    return "[" * size + "]" * size if marker.group(1) == "deep" else "9" * size


def serialise(tree: dict[str, Any], fmt: str, ascii_only: bool) -> bytes:
    if fmt == "toml":
        text = tomli_w.dumps(_without_none(tree), multiline_strings=not ascii_only)
    else:
        text = json.dumps(tree, default=_json_default, ensure_ascii=ascii_only)
    text = RAW_MARK.sub(_spell_out, text)
    # Lone surrogates (JSON can spell them) become invalid UTF-8, as a broken writer would produce.
    return text.encode("utf-8", errors="surrogatepass")


def damage(draw: st.DrawFn, data: bytes) -> bytes:
    """The same bytes as a broken disk, editor or transfer might leave them."""
    kind = draw(st.sampled_from(["bom", "nul", "invalid utf-8", "truncate", "crlf", "duplicate key"]))
    position = draw(st.integers(0, len(data)))
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "nul":
        return data[:position] + b"\x00" + data[position:]
    if kind == "invalid utf-8":
        bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]))
        return data[:position] + bad + data[position:]
    if kind == "truncate":
        return data[:position]
    if kind == "duplicate key":  # a hand-merged file: the same key twice in one table or object
        return (data.replace(b"{", b'{"title": "a", "title": "b", ', 1) if data.startswith(b"{")
                else b'title = "a"\ntitle = "b"\n' + data)
    return data.replace(b"\n", b"\r\n")


@st.composite
def file_bytes(draw: st.DrawFn, clean: st.SearchStrategy[dict[str, Any]], messy: st.SearchStrategy[dict[str, Any]],
               fmt: str) -> bytes:
    """A tree as file bytes: clean, messy, mutated or damaged (a quarter of examples each)."""
    how = draw(st.sampled_from(["clean", "messy", "mutated", "damaged"]))
    tree = draw(messy if how == "messy" else clean)
    if how == "mutated":
        tree = mutate(draw, tree)
    data = serialise(tree, fmt, ascii_only=draw(st.booleans()))
    return damage(draw, data) if how == "damaged" else data


RAW_BYTES = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\x00", b"[]", b"null", b"1e999", b'"text"', b"[incident]", b"{}",
                     b"\xff\xfe[\x00i\x00]\x00", b"[[timeline]]\ntime = 25:00:00\n"]),
)

# -------------------------------------------------------------------------------------------- checks


def assert_one_line_naming(message: str, source: str) -> None:
    assert message.startswith(f"{source}: "), ascii(message)
    # No line break, tab or escape sequence reaches the terminal, and no lone surrogate that
    # printing to a UTF-8 terminal would choke on.
    unsafe = [char for char in message if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")]
    assert not unsafe, ascii(message)


def assert_loads_or_explains(data: bytes, fmt: str) -> None:
    path = Path(f"incident.{fmt}")
    try:
        document, _, _ = storage.parse_document(data, path)
    except storage.DocumentError as error:
        assert_one_line_naming(str(error), str(path))
        event("rejected")
        return
    event("loaded")  # --hypothesis-show-statistics shows how often the checks below ran
    timeline.durations(document)
    render(document, "md")
    for out_fmt in ("toml", "json"):
        saved = storage.dumps(document, out_fmt)
        reloaded, _, _ = storage.parse_document(saved, Path(f"saved.{out_fmt}"))
        assert reloaded == document, out_fmt


@pytest.mark.parametrize("fmt", ["toml", "json"])
@FUZZ
@given(data=st.data())
def test_generated_documents_load_or_give_one_line_error(fmt: str, data: st.DataObject) -> None:
    assert_loads_or_explains(data.draw(file_bytes(CLEAN_TREES, MESSY_TREES, fmt)), fmt)


@pytest.mark.parametrize("fmt", ["toml", "json"])
@FUZZ
@given(raw=RAW_BYTES)
def test_arbitrary_bytes_load_or_give_one_line_error(fmt: str, raw: bytes) -> None:
    assert_loads_or_explains(raw, fmt)


def _dicts(tree: Any) -> list[dict[str, Any]]:
    found = [tree] if isinstance(tree, dict) else []
    children = tree.values() if isinstance(tree, dict) else tree if isinstance(tree, list) else ()
    for child in children:
        found.extend(_dicts(child))
    return found


@FUZZ
@given(tree=CLEAN_TREES, data=st.data())
def test_a_lone_surrogate_in_any_text_is_one_line_naming_the_field(tree: dict[str, Any], data: st.DataObject) -> None:
    # JSON can spell half a UTF-16 pair; a validator quoting one in its message used to crash.
    container, key = data.draw(st.sampled_from([(c, k) for c, k in _slots(tree) if isinstance(c[k], str)]))
    container[key] += data.draw(st.sampled_from(["\ud800", "\udfff"]))
    with pytest.raises(storage.DocumentError) as caught:
        storage.parse_document(serialise(tree, "json", ascii_only=True), Path("incident.json"))
    assert_one_line_naming(str(caught.value), "incident.json")
    assert "half of a UTF-16 pair" in str(caught.value)


@FUZZ
@given(tree=CLEAN_TREES, data=st.data())
def test_a_key_given_twice_in_any_json_object_is_refused(tree: dict[str, Any], data: st.DataObject) -> None:
    # Keeping either value would silently drop the other; TOML refuses it, and so must JSON.
    container = data.draw(st.sampled_from([found for found in _dicts(tree) if found]))
    key = data.draw(st.sampled_from(sorted(container)))
    container["@@twice@@"] = data.draw(SHORT_TEXT)
    text = serialise(tree, "json", ascii_only=True).replace(b'"@@twice@@"', json.dumps(key).encode())
    with pytest.raises(storage.DocumentError) as caught:
        storage.parse_document(text, Path("incident.json"))
    assert_one_line_naming(str(caught.value), "incident.json")
    assert "appears twice" in str(caught.value)


# --------------------------------------------------------------------------------------------- layouts

LAYOUT_PHASES = st.lists(st.fixed_dictionaries(
    {"id": st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True), "title": FILLED_TEXT,
     "minutes": st.floats(0.5, 480), "panel": st.sampled_from(PANELS)},
    optional=optional(description=TEXT, prompts=st.lists(TEXT, max_size=3)),
), min_size=1, max_size=4, unique_by=lambda phase: phase["id"])
CLEAN_LAYOUTS = st.fixed_dictionaries(
    {"name": FILLED_TEXT, "title": FILLED_TEXT, "phases": LAYOUT_PHASES},
    optional=optional(description=st.one_of(TEXT, HUGE_TEXT)),
)
MESSY_LAYOUTS = st.fixed_dictionaries({
    "name": SHORT_TEXT, "title": TEXT,
    "phases": st.lists(st.fixed_dictionaries(
        {"id": SHORT_TEXT, "title": TEXT, "minutes": NUMBERS, "panel": st.one_of(st.sampled_from(PANELS), SHORT_TEXT)},
        optional=optional(prompts=st.lists(TEXT, max_size=3)),
    ), max_size=4),
})


@FUZZ
@given(data=st.one_of(file_bytes(CLEAN_LAYOUTS, MESSY_LAYOUTS, "toml"), RAW_BYTES))
def test_layouts_load_or_give_one_line_error(data: bytes) -> None:
    try:
        layout = parse_layout(data, "team.toml")
    except LayoutError as error:
        assert_one_line_naming(str(error), "team.toml")
        event("rejected")
        return
    event("loaded")
    assert layout.total_minutes > 0


# ---------------------------------------------------------------- regressions the fuzzers found


def test_clock_times_on_the_last_day_of_the_calendar_do_not_roll_past_it() -> None:
    document = make_document({"date": "9999-12-31", "timezone": "America/New_York"},
                             timeline=events("23:00", "01:00", milestones={0: "impact_start", 1: "resolved"}))
    assert [instant.date() for instant in timeline.resolve_times(document)] == [dt.date.max, dt.date.max]
    assert timeline.durations(document).customer_impact == -dt.timedelta(hours=22)
    assert "01:00" in render(document, "md")


@pytest.mark.parametrize(("first", "second"), [
    ("0001-01-01T00:00:00+14:00", "0001-01-01T01:00:00+14:00"),  # before 0001-01-01 in UTC
    ("9999-12-31T20:00:00-05:00", "9999-12-31T22:00:00-04:00"),  # after 9999-12-31 in UTC
])
def test_datetimes_whose_utc_instant_leaves_the_calendar_still_give_durations(first: str, second: str) -> None:
    document = make_document({"timezone": "Asia/Tokyo"},
                             timeline=events(first, second, milestones={0: "impact_start", 1: "resolved"}))
    assert timeline.durations(document).customer_impact == dt.timedelta(hours=1)
    assert timeline.durations(document).total == dt.timedelta(hours=1)
    render(document, "md")


@pytest.mark.parametrize(("data", "escaped"), [
    (b'[incident]\ntitle = "t"\n"\\u001b[31m" = 1\n', "\\x1b[31m: unknown field"),
    (b'[incident]\ntitle = "t"\ntimezone = "Europe/Berlin\\n"\n', 'unknown time zone "Europe/Berlin\\n"'),
    (b'[incident]\ntitle = "t"\ntimezone = "UTC\\u2028"\n', 'unknown time zone "UTC\\u2028"'),
])
def test_error_messages_escape_what_would_break_the_line_or_the_terminal(data: bytes, escaped: str) -> None:
    with pytest.raises(storage.DocumentError) as caught:
        storage.parse_document(data, Path("incident.toml"))
    assert escaped in str(caught.value)
    assert_one_line_naming(str(caught.value), "incident.toml")


def test_error_message_about_a_lone_surrogate_can_be_printed() -> None:
    with pytest.raises(storage.DocumentError) as caught:
        storage.parse_document(b'{"incident": {"title": "\\ud800"}}', Path("incident.json"))
    assert "\\ud800" in str(caught.value)
    str(caught.value).encode("utf-8")


def test_layout_with_an_integer_too_long_for_python_gives_one_line_error() -> None:
    with pytest.raises(LayoutError) as caught:
        parse_layout(b"name = " + b"9" * 5000 + b"\n", "team.toml")
    assert_one_line_naming(str(caught.value), "team.toml")
