"""A kept review pass (`ReviewMemo`) rereads only the sections an edit replaced, and finds the same."""

from __future__ import annotations

import datetime as dt

import pytest

from pmtui import storage
from pmtui.document.model import Why
from pmtui.resources import default_sample
from pmtui.review import ReviewMemo, memo, review

TODAY = dt.date(2026, 11, 2)


@pytest.fixture
def read_sections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sections whose prose the memo reads, in order."""
    read: list[str] = []
    original = memo.section_text_fields

    def recording(document, section):
        read.append(section)
        return original(document, section)

    monkeypatch.setattr(memo, "section_text_fields", recording)
    return read


def test_replacing_the_whys_rereads_the_whys_prose_only(read_sections: list[str]) -> None:
    document = storage.load(default_sample()).document
    kept = ReviewMemo()
    assert review(document, today=TODAY, memo=kept) == review(document, today=TODAY)
    assert "timeline" in read_sections
    read_sections.clear()

    document.whys = [*document.whys, Why(id="9", answer="Maria should have caught the bad config")]
    found = review(document, today=TODAY, memo=kept)

    assert read_sections == ["whys"]
    assert found == review(document, today=TODAY)
    assert any(finding.path == f"whys[{len(document.whys) - 1}].answer" for finding in found)


def test_a_pass_over_the_same_sections_reads_nothing_again(read_sections: list[str]) -> None:
    document = storage.load(default_sample()).document
    kept = ReviewMemo()
    first = review(document, today=TODAY, memo=kept)
    read_sections.clear()
    assert review(document, today=TODAY, memo=kept) == first
    assert read_sections == []
