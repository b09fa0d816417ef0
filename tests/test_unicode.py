"""Every text field takes any script: CJK, emoji (ZWJ sequences, flags, skin tones), right-to-left
Arabic and Hebrew, combining marks. The text survives save and load in both formats byte for byte
(no normalisation), the Markdown export keeps its tables' columns, and the tracker CSVs keep theirs.
"""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from pmtui import storage
from pmtui.document.model import Document
from pmtui.export import render

SAMPLES = {
    "chinese": "数据库连接池耗尽，订单服务超时",
    "japanese": "決済サービスの障害",
    "korean": "결제 서비스 장애",
    "emoji": "🔥 checkout down 🚨",
    "zwj sequences": "👩\u200d💻 paged 👨\u200d👩\u200d👧\u200d👦 team",
    "flags": "🇩🇪 → 🇯🇵 failover 🏳️\u200d🌈",
    "skin tone and variation selector": "👍🏽 ❤️ ✔︎",
    "arabic": "انقطاع خدمة الدفع",
    "hebrew": "שירות התשלומים נפל",
    "bidi mixed": "deploy v2.3 — نشر الإصدار 2.3 then rollback",
    "rtl with a pipe": "אירוע | انقطاع",  # a pipe inside right-to-left text must not split a table cell
    "combining marks": "Zoe\u0308 A\u030angstro\u0308m e\u0301\u0323",  # decomposed: must not be normalised
    "devanagari": "भुगतान सेवा विफल",
    "thai": "ระบบชำระเงินล่ม",
}


def unicode_document() -> Document:
    """A document with a different sample in every text field a person can type into."""
    text = itertools.cycle(SAMPLES.values())

    def several(count: int = 3) -> list[str]:
        return [next(text) for _ in range(count)]

    event_ids = several(2)
    mapping: dict[str, Any] = {
        "incident": {
            "title": next(text), "id": next(text), "severity": "SEV2", "date": "2026-04-20",
            "timezone": "Asia/Tokyo", "author": next(text), "facilitator": next(text), "reviewers": several(),
            "participants": several(), "tags": several(), "summary": "\n".join(several()),
        },
        "impact": {field: next(text) for field in (
            "users_affected", "failed_requests", "revenue", "slo", "support_tickets", "public_communication", "notes")},
        "timeline": [
            {"time": "14:02", "event": next(text), "id": event_ids[0], "source": next(text), "milestone": "impact_start"},
            {"time": "14:09", "event": next(text), "source": next(text), "milestone": "detected"},
            {"time": "15:30", "event": next(text), "id": event_ids[1], "milestone": "resolved"},
        ],
        "detection": {"how": "alert", "notes": next(text)},
        "root_cause": {"problem": next(text), "summary": next(text), "contributing_factors": several()},
        "whys": [
            {"id": "1", "answer": next(text), "question": next(text), "evidence": event_ids},
            {"id": "1.1", "answer": next(text), "root": True},
            {"id": "2", "answer": next(text), "accepted_risk": True},
        ],
        "findings": {"went_well": several(), "went_poorly": several(), "lessons": several()},
        "action_items": [
            {"id": next(text), "action": next(text), "owner": next(text), "due": "2026-05-01", "priority": "P2",
             "kind": "prevent", "addresses": "1.1"}
            for _ in range(len(SAMPLES))
        ] + [{"action": next(text), "ticket": next(text), "status": "done"}],
        "appendix": [{"title": next(text), "url": "https://example.com/" + next(text)}],
        "meeting": {"layout": next(text), "current_phase": next(text), "parking_lot": several(),
                    "phases": [{"id": next(text), "title": next(text), "planned_minutes": 5}]},
        "dismissals": [{"rule": next(text), "path": next(text), "reason": next(text), "text": next(text)}],
    }
    return Document.model_validate(mapping)


def contains(text: str, sample: str) -> bool:
    """`sample` is in `text` as typed, or with its pipe escaped where Markdown needs that."""
    return sample in text or sample.replace("|", "\\|") in text


def all_texts(value: Any) -> list[str]:
    """Every string in the document's tree."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in all_texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in all_texts(item)]
    return []


def test_every_sample_is_in_the_document() -> None:
    texts = "\n".join(all_texts(storage.to_mapping(unicode_document())))
    assert all(sample in texts for sample in SAMPLES.values())


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_text_survives_save_and_load_byte_for_byte(tmp_path: Path, fmt: str) -> None:
    document = unicode_document()
    path = tmp_path / f"incident.{fmt}"
    storage.save_new(document, path)
    reloaded = storage.load_document(path)
    assert reloaded == document
    assert all_texts(storage.to_mapping(reloaded)) == all_texts(storage.to_mapping(document))
    # Written as the characters themselves, not escapes, so the file reads well in a git diff.
    written = path.read_text(encoding="utf-8")
    assert all(contains(written, sample) for sample in SAMPLES.values())


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first), as a Markdown renderer sees them."""
    tables: list[list[list[str]]] = []
    in_cell = False
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = token.type.endswith("_open")
        elif token.type == "inline" and in_cell:
            tables[-1][-1].append(token.content)
    return tables


def test_markdown_export_keeps_text_and_table_columns() -> None:
    document = unicode_document()
    text = render(document, "md")
    tables = markdown_tables(text)
    assert len(tables) == 2  # timeline and action items
    for table in tables:
        header, *rows = table
        assert rows and all(len(row) == len(header) for row in rows), table
    timeline, actions = tables
    assert [row[1] for row in timeline[1:]] == [event.event for event in document.timeline]
    assert [row[1] for row in actions[1:]] == [item.action for item in document.action_items]
    assert [row[2] for row in actions[1:-1]] == [item.owner for item in document.action_items[:-1]]
    assert all(contains(text, sample) for sample in SAMPLES.values())


@pytest.mark.parametrize(("fmt", "title_column"), [("jira-csv", "Summary"), ("linear-csv", "Title")])
def test_tracker_csv_keeps_text_and_columns(fmt: str, title_column: str) -> None:
    document = unicode_document()
    text = render(document, fmt, source=Path("postmortems") / f"{SAMPLES['chinese']}.toml")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert rows and all(len(row) == len(header) for row in rows)
    open_items = [item for item in document.action_items if item.status.is_open]
    assert [row[header.index(title_column)] for row in rows] == [item.action for item in open_items]
    assert [row[header.index("Assignee")] for row in rows] == [item.owner for item in open_items]
    assert all(contains(row[header.index("Description")], document.whys[1].answer) for row in rows)
    text.encode("utf-8")


def test_github_script_keeps_titles() -> None:
    document = unicode_document()
    script = render(document, "github")
    for item in document.action_items[:-1]:
        assert item.action in script
