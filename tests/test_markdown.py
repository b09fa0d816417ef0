"""The Markdown export, checked by parsing it the way a Markdown renderer would."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from document_factory import SAMPLES, make_document, sample_paths
from pmtui import storage
from pmtui.document import timeline as tl
from pmtui.document.model import Document
from pmtui.export import render
from pmtui.export.markdown import to_markdown

SECTION_ORDER = [
    "Summary", "Impact", "Timeline", "Detection and response", "Root cause", "Five whys",
    "Contributing factors", "What went well", "What went poorly", "Action items", "Lessons learned", "Open questions", "Appendix",
]

ACTION_HEADER = ("ID", "Action", "Owner", "Due", "Priority", "Status", "Kind", "Addresses", "Ticket")

PARSER = MarkdownIt("commonmark").enable("table")


def parse(document: Document) -> list[Token]:
    return PARSER.parse(to_markdown(document))


def plain(inline: Token) -> str:
    """What a reader sees of an inline token: text without markup, hard breaks as newlines."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    return [(int(token.tag[1]), plain(tokens[index + 1]))
            for index, token in enumerate(tokens) if token.type == "heading_open"]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts, header row first."""
    found: list[list[list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("th_open", "td_open"):
            found[-1][-1].append(plain(tokens[index + 1]))
    return found


def section(tokens: list[Token], title: str) -> list[Token]:
    """The tokens between the `## title` heading and the next heading."""
    start = next(index for index, (token, following) in enumerate(zip(tokens, tokens[1:]))
                 if token.type == "heading_open" and token.tag == "h2" and plain(following).startswith(title))
    end = next((index for index in range(start + 3, len(tokens)) if tokens[index].type == "heading_open"), len(tokens))
    return tokens[start + 3:end]


def folded(text: str) -> str:
    """How multi-line text reads in a table cell or list line."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def assert_only_our_structure(tokens: list[Token], document: Document) -> None:
    found = headings(tokens)
    assert found[0] == (1, folded(document.incident.title))
    titles = [title.split(" (")[0] for level, title in found[1:]]
    assert all(level == 2 for level, _ in found[1:])
    assert titles == [title for title in SECTION_ORDER if title in titles]
    assert not [token for token in tokens if token.type.startswith("html")]
    for table in tables(tokens):
        assert len({len(row) for row in table}) == 1, table


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.name)
def test_samples_export_to_well_formed_markdown(path: Path) -> None:
    document = storage.load_document(path)
    tokens = parse(document)
    assert_only_our_structure(tokens, document)
    by_header = {tuple(table[0]): table[1:] for table in tables(tokens)}
    if document.timeline:
        rows = by_header[("Time", "Event", "Source", "Milestone")]
        assert [row[1] for row in rows] == [folded(event.event) for event in tl.sorted_timeline(document)]
    if document.action_items:
        rows = by_header[ACTION_HEADER]
        assert [row[:2] for row in rows] == [[item.id, folded(item.action)] for item in document.action_items]


NASTY_EVENT = "rollback [/deploy] | step 2\n# not a heading\n* not a bullet `tick` <script>alert(1)</script>"
NASTY_SUMMARY = (
    "# Not a heading\n- not a bullet\n1. not a list\n---\n> not a quote\n"
    "<script>alert('x')</script>\n| a | b |\n`code` *star* _under_ \\back AT&amp;T &#35;"
)


def nasty_document() -> Document:
    return make_document(
        {"title": "Checkout | `down` <b>*again*</b>", "summary": NASTY_SUMMARY, "author": "Ana *the* | author",
         "date": "2026-04-20"},
        impact={"users_affected": "100% | all\nof them"},
        timeline=[
            {"time": "10:00", "event": NASTY_EVENT, "source": "Slack | #inc", "milestone": "impact_start"},
            {"time": "10:05", "event": "=== setext?\n--- rule?", "milestone": "detected"},
        ],
        root_cause={"problem": "Users | saw *errors*", "summary": "## also not a heading\nline two",
                    "contributing_factors": ["factor | one\n# two"]},
        whys=[{"id": "1", "answer": "pool | exhausted\n- nested?", "question": "Why *really*?", "evidence": ["T1"]},
              {"id": "1.1", "answer": "`workers` doubled", "root": True}],
        findings={"went_well": ["> quoted"], "lessons": ["1) numbered?"]},
        action_items=[{"action": "Add | check\n#2", "owner": "Bo <bo@example.com>", "due": "2026-05-01",
                       "priority": "P1", "kind": "detect", "addresses": "1.1", "ticket": "javascript:alert(1)"}],
        appendix=[{"title": "Grafana | board", "url": "https://grafana.example.com/d/x?a=1&b=2"}],
    )


def test_user_text_cannot_break_tables_headings_or_lists() -> None:
    document = nasty_document()
    tokens = parse(document)
    assert_only_our_structure(tokens, document)
    timeline_rows, action_rows = (table[1:] for table in tables(tokens))
    assert timeline_rows == [
        ["10:00", folded(NASTY_EVENT), "Slack | #inc", "impact start"],
        ["10:05", "=== setext? --- rule?", "", "detected"],
    ]
    assert action_rows == [["AI-1", "Add | check #2", "Bo <bo@example.com>", "2026-05-01", "P1", "open",
                            "detect", "1.1: `workers` doubled", "javascript:alert(1)"]]
    assert not [child for token in tokens for child in token.children or [] if child.type == "link_open"
                and child.attrs["href"].startswith("javascript")]


def test_a_multi_line_summary_stays_one_paragraph_with_its_line_breaks() -> None:
    summary = section(parse(nasty_document()), "Summary")
    assert [token.type for token in summary] == ["paragraph_open", "inline", "paragraph_close"]
    assert plain(summary[1]) == NASTY_SUMMARY


def test_list_items_keep_the_text_people_typed() -> None:
    tokens = parse(nasty_document())
    items = [plain(token) for token in section(tokens, "Contributing factors") if token.type == "inline"]
    assert items == ["factor | one # two"]
    lessons = [plain(token) for token in section(tokens, "Lessons learned") if token.type == "inline"]
    assert lessons == ["1) numbered?"]
    impact = [plain(token) for token in section(tokens, "Impact") if token.type == "inline"]
    assert impact == ["Users affected: 100% | all of them"]


def test_five_whys_nest_by_depth_with_marks_and_evidence() -> None:
    whys = section(parse(nasty_document()), "Five whys")
    lists = [token for token in whys if token.type == "bullet_list_open"]
    assert len(lists) == 2 and lists[1].level > lists[0].level
    lines = [plain(token) for token in whys if token.type == "inline"]
    assert lines == [
        "1 Why *really*? pool | exhausted - nested? [evidence: T1]",
        "1.1 Why? `workers` doubled (root cause)",
    ]


def test_the_problem_is_stated_once() -> None:
    assert to_markdown(nasty_document()).count(r"Users \| saw \*errors\*") == 1


def test_an_action_names_the_why_it_addresses_and_links_a_web_ticket() -> None:
    long_answer = "The deploy pipeline never checked the certificate's expiry date before it shipped"
    document = make_document(
        {"date": "2026-04-20"},
        whys=[{"id": "1", "answer": long_answer}],
        action_items=[{"action": "Check expiry in the pipeline", "addresses": "1", "kind": "prevent",
                       "ticket": "https://jira.example.com/browse/OPS-12"},
                      {"action": "Page on expiry", "ticket": "OPS-13"}],
    )
    tokens = parse(document)
    [table] = tables(tokens)
    assert table[1][6:] == ["prevent", "1: The deploy pipeline never checked the…",
                            "https://jira.example.com/browse/OPS-12"]
    assert table[2][6:] == ["", "", "OPS-13"]
    links = [child.attrs["href"] for token in section(tokens, "Action items") for child in token.children or []
             if child.type == "link_open"]
    assert links == ["https://jira.example.com/browse/OPS-12"]


def test_open_questions_hold_the_parking_lot_and_the_recorded_questions() -> None:
    document = make_document({"date": "2026-04-20"}, findings={"open_questions": ["Who owns certs?"]},
                             meeting={"parking_lot": ["Do other teams | hand-issue certs?"]})
    items = [plain(token) for token in section(parse(document), "Open questions") if token.type == "inline"]
    assert items == ["Do other teams | hand-issue certs?", "Who owns certs?"]


def test_no_local_path_reaches_the_export(tmp_path: Path) -> None:
    path = tmp_path / "secret-home" / "incident.toml"
    path.parent.mkdir()
    storage.save_new(nasty_document(), path)
    for fmt in ("md", "jira-csv", "linear-csv", "github"):
        text = render(storage.load_document(path), fmt, source=Path("postmortems/incident.toml"))
        assert str(tmp_path) not in text and "secret-home" not in text, fmt


def test_appendix_links_keep_their_url() -> None:
    appendix = section(parse(nasty_document()), "Appendix")
    link = next(child for token in appendix if token.type == "inline" for child in token.children or []
                if child.type == "link_open")
    assert link.attrs["href"] == "https://grafana.example.com/d/x?a=1&b=2"


def test_metadata_and_derived_times() -> None:
    document = storage.load_document(SAMPLES / "db-pool-exhaustion.toml")
    text = to_markdown(document)
    for line in ("- **Severity:** SEV1", "- **Status:** final", "- **Date:** 2026-10-27 (Europe/Berlin)",
                 "- **Duration:** 1h 42m", "- **Detection gap:** 8m", "- **Time to detect:** 15m",
                 "- **Customer impact:** 47m"):
        assert line in text.splitlines()


def test_a_bare_document_has_only_its_title_and_status() -> None:
    document = make_document()
    tokens = parse(document)
    assert headings(tokens) == [(1, "Search latency")]
    assert to_markdown(document) == "# Search latency\n\n- **Status:** draft\n- **Date:** UTC\n"


def test_render_dispatches_by_format() -> None:
    document = make_document()
    assert render(document, "md") == to_markdown(document)
    assert render(document, "toml") == storage.dumps(document, "toml").decode()
    with pytest.raises(ValueError, match="unknown export format"):
        render(document, "docx")


HOSTILE = "x>\n# injected heading\n<script>alert(1)</script> <img src=x onerror=alert(1)> javascript:alert(1)"
HOSTILE_URLS = ["javascript:alert(1)", "https://ok.example/a>b\n# injected heading", "<script>alert(1)</script>",
                "data:text/html,<script>alert(1)</script>", "JavaScript:alert(1)", "https://ok.example/<b>"]


def _with_hostile_text(node: dict | list, document: dict) -> None:
    """Every string under `node` replaced by HOSTILE wherever the model still accepts `document`
    (ids, dates and enums keep their values): each text field a person can type, found by trying."""
    for key, value in list(node.items() if isinstance(node, dict) else enumerate(node)):
        if isinstance(value, str):
            node[key] = HOSTILE
            try:
                Document.model_validate(document)
            except ValueError:
                node[key] = value
        elif isinstance(value, dict | list):
            _with_hostile_text(value, document)


def hostile_document() -> Document:
    raw = storage.to_mapping(storage.load_document(SAMPLES / "db-pool-exhaustion.toml"))
    _with_hostile_text(raw, raw)
    raw["appendix"] += [{"title": "t", "url": url} for url in HOSTILE_URLS]
    return Document.model_validate(raw)


def test_no_raw_html_heading_or_unsafe_link_from_any_text_field() -> None:
    document = hostile_document()
    text = to_markdown(document)
    assert text.count("injected heading") >= 20  # the hostile text did reach many fields
    tokens = parse(document)
    assert not [token for token in tokens if token.type.startswith("html")]
    assert [title for level, title in headings(tokens) if "injected" in title] == [folded(HOSTILE)]  # the title only
    hrefs = [child.attrs["href"] for token in tokens if token.type == "inline"
             for child in token.children or [] if child.type == "link_open"]
    assert all(str(href).startswith(("http://", "https://", "mailto:")) for href in hrefs), hrefs
    appendix = [plain(token) for token in section(tokens, "Appendix") if token.type == "inline"]
    assert f"t: {HOSTILE_URLS[0]}" in appendix and f"t: {folded(HOSTILE_URLS[1])}" in appendix


@pytest.mark.parametrize("url", ["https://example.com/a?b=1&c=(2)", "http://x.example", "mailto:oncall@example.com",
                                 "HTTPS://EXAMPLE.COM/"])
def test_web_and_mail_addresses_stay_links(url: str) -> None:
    document = make_document(appendix=[{"title": "Link", "url": url}])
    links = [child.attrs["href"] for token in parse(document) if token.type == "inline"
             for child in token.children or [] if child.type == "link_open"]
    assert len(links) == 1 and links[0].lower() == url.lower()


def test_a_timeline_over_midnight_shows_each_day_in_the_incidents_time_zone() -> None:
    document = make_document(
        {"date": "2026-09-15", "timezone": "Europe/Berlin"},
        timeline=[{"time": "23:50", "event": "Disk fills"}, {"time": "00:03:30", "event": "Pager goes off"},
                  {"time": "2026-09-15T23:10:00Z", "event": "Failover, logged in UTC"}],
    )
    [table] = tables(parse(document))
    assert [row[:2] for row in table[1:]] == [
        ["Sep 15 23:50", "Disk fills"], ["Sep 16 00:03:30", "Pager goes off"], ["Sep 16 01:10", "Failover, logged in UTC"]]
    one_day = make_document({"date": "2026-09-15"}, timeline=[{"time": "23:50", "event": "Disk fills"}])
    assert tables(parse(one_day))[0][1][0] == "23:50"
