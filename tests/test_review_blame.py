"""The blame check on a table of sentences: blameful ones it must catch, near misses it must not.

Precision and recall over the whole table are printed in the terminal summary and must stay 100%.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from pmtui.document.model import Status
from pmtui.review import apply_replacement, review
from pmtui.review.blame import BlameLexicon, name_aliases
from tests.blame_sentences import BLAMEFUL, CORPUS, CORPUS_PEOPLE, INNOCENT, NAME, PEOPLE, PHRASE, QUESTION
from tests.document_factory import make_document

LEXICON = BlameLexicon(PEOPLE)


def _rules(sentence: str) -> list[str]:
    return [hit.rule for hit in LEXICON.scan(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), CORPUS, ids=[sentence[:50] for sentence, _ in CORPUS])
def test_sentence(sentence: str, expected: str | None) -> None:
    rules = _rules(sentence)
    if expected is None:
        assert rules == [], f"false positive on {sentence!r}"
    else:
        assert expected in rules, f"missed {sentence!r} (got {rules})"


def test_corpus_precision_and_recall(terminal_summary: Callable[[str], None]) -> None:
    caught = {sentence: bool(_rules(sentence)) for sentence, _ in CORPUS}
    true_positives = sum(1 for sentence, expected in CORPUS if expected and caught[sentence])
    false_positives = sum(1 for sentence, expected in CORPUS if not expected and caught[sentence])
    false_negatives = sum(1 for sentence, expected in CORPUS if expected and not caught[sentence])
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    blameful = sum(1 for _, expected in CORPUS if expected)
    line = (
        f"blame check on {len(CORPUS)} sentences ({blameful} blameful, {len(CORPUS) - blameful} innocent): "
        f"precision {precision:.0%}, recall {recall:.0%}"
    )
    terminal_summary(line)
    print(line)
    assert len(CORPUS) >= 70
    assert (precision, recall) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("sentence", "rewritten"),
    [
        ("Maria forgot to renew the TLS certificate.", "Nothing reminded anyone to renew the TLS certificate."),
        ("Because Maria forgot to renew it, checkout failed.", "Because nothing reminded anyone to renew it, checkout failed."),
        ("Zoë didn't notice the alert.", "Nothing made the alert visible in time."),
        ("It was Maria's fault.", "It was a gap in the system's safeguards."),
        ("The outage was caused by human error.", "The outage was caused by a gap in the system's safeguards."),
        ("A careless change went out.", "An unchecked change went out."),
        ("Why didn't you notice?", "Was there a signal that would have made this visible?"),
        ("Why didn't you roll back sooner?", "What would have made it easier to roll back sooner?"),
        ("Who approved this change?", "What did the review check before approving this change, and what could it not see?"),
        ("Ólafur caused the outage by running the migration.", "Running the migration triggered the outage, and no safeguard caught it."),
        ("@devon was slow to respond to the page.", "It took longer than expected to respond to the page because …."),
        ("We initially blamed the CDN.", "We initially suspected the CDN."),
        ("Maria made a mistake.", "The system allowed this step to fail silently."),
        ("First line. Maria forgot to renew it.", "First line. Nothing reminded anyone to renew it."),
    ],
)
def test_rewrite_templates(sentence: str, rewritten: str) -> None:
    (hit,) = LEXICON.scan(sentence)
    assert hit.replacement == rewritten


def test_a_sentence_without_a_template_still_gets_advice() -> None:
    document = make_document({"participants": ["Maria"]}, findings={"went_poorly": ["We blamed Maria for the delay."]})
    (finding,) = [finding for finding in review(document, today=dt.date(2026, 4, 21)) if finding.rule.startswith("blame")]
    assert (finding.rule, finding.replacement) == ("blame-name", None)
    assert finding.suggestion and "system" in finding.suggestion


@pytest.mark.parametrize(
    ("entry", "aliases"),
    [
        ("Maria Gonzalez", ["Maria Gonzalez", "Maria"]),
        ("Priya Natarajan (SRE)", ["Priya Natarajan", "Priya"]),
        ("@devon", ["devon"]),
        ("maria.gonzalez@example.com", ["maria gonzalez", "maria"]),
        ("J. Smith", ["J. Smith", "Smith"]),
        ("Zoë", ["Zoë"]),
    ],
)
def test_name_aliases(entry: str, aliases: list[str]) -> None:
    assert name_aliases(entry) == aliases


def test_names_come_from_every_people_field() -> None:
    document = make_document(
        {"author": "Ana", "facilitator": "Bo Li", "reviewers": ["Chen"], "participants": ["Dana"]},
        timeline=[{"time": "10:00", "event": f"{name} forgot to page the team"} for name in ("Ana", "Bo", "Chen", "Dana", "Eve")],
    )
    flagged = {finding.path for finding in review(document, today=dt.date(2026, 4, 21)) if finding.rule == "blame-name"}
    assert flagged == {f"timeline[{index}].event" for index in range(4)}  # Eve is nobody on this incident


def test_blame_is_a_warning_in_a_draft_and_an_error_past_it() -> None:
    sections = {"root_cause": {"summary": "Human error."}}
    draft = make_document({"status": "draft"}, **sections)
    in_review = make_document({"status": "in_review"}, **sections)
    severities = {
        status: [f.severity for f in review(doc, today=dt.date(2026, 4, 21)) if f.rule == PHRASE]
        for status, doc in ((Status.DRAFT, draft), (Status.IN_REVIEW, in_review))
    }
    assert severities == {Status.DRAFT: ["warning"], Status.IN_REVIEW: ["error"]}


def test_applying_the_rewrite_clears_the_finding() -> None:
    document = make_document({"participants": ["Maria"]}, timeline=[{"time": "10:00", "event": "Maria forgot to renew the cert"}])
    (finding,) = [f for f in review(document, today=dt.date(2026, 4, 21)) if f.rule == NAME]
    apply_replacement(document, finding)
    assert document.timeline[0].event == "Nothing reminded anyone to renew the cert"
    assert not [f for f in review(document, today=dt.date(2026, 4, 21)) if f.rule.startswith("blame")]


def test_every_free_text_field_is_checked() -> None:
    blameful = "Human error."
    document = make_document(
        {"summary": blameful},
        impact={"notes": blameful},
        timeline=[{"time": "10:00", "event": blameful}],
        detection={"notes": blameful},
        root_cause={"problem": blameful, "summary": blameful, "contributing_factors": [blameful]},
        whys=[{"id": "1", "answer": blameful, "question": blameful}],
        findings={"went_well": [blameful], "went_poorly": [blameful], "lessons": [blameful]},
        action_items=[{"action": blameful}],
        meeting={"parking_lot": [blameful]},
    )
    paths = {f.path for f in review(document, today=dt.date(2026, 4, 21)) if f.rule == PHRASE}
    assert paths == {
        "incident.summary", "impact.notes", "timeline[0].event", "detection.notes", "root_cause.problem",
        "root_cause.summary", "root_cause.contributing_factors[0]", "whys[0].question", "whys[0].answer",
        "findings.went_well[0]", "findings.went_poorly[0]", "findings.lessons[0]", "action_items[0].action",
        "meeting.parking_lot[0]",
    }


# ------------------------------------------------------------------ mechanisms, one by one

MECHANISMS = BlameLexicon(CORPUS_PEOPLE)


@pytest.mark.parametrize(("sentence", "rule"), BLAMEFUL)
def test_blame_mechanisms(sentence: str, rule: str) -> None:
    assert rule in [hit.rule for hit in MECHANISMS.in_context(sentence)]


@pytest.mark.parametrize("sentence", INNOCENT)
def test_innocent_sentences_stay_quiet(sentence: str) -> None:
    assert list(MECHANISMS.in_context(sentence)) == []


def test_names_that_are_words_count_only_capitalized() -> None:
    assert [hit.rule for hit in MECHANISMS.in_context("Bill took too long to respond.")] == [NAME]
    assert list(MECHANISMS.in_context("bill took too long to arrive.")) == []


def test_a_pronoun_refers_back_to_the_person_named_before_it() -> None:
    (hit,) = MECHANISMS.in_context("They didn't even look at the list.", earlier="Tomas started the cleanup.")
    assert (hit.rule, hit.excerpt.endswith("(they: Tomas)")) == (NAME, True)
    (same_text,) = MECHANISMS.in_context("Rose took the page. She forgot to hand it over.")
    assert same_text.rule == NAME and "she: Rose" in same_text.excerpt
    (unknown,) = MECHANISMS.in_context("She forgot to hand it over.")
    assert unknown.rule == PHRASE
    assert list(MECHANISMS.in_context("They forgot to hand it over.")) == []


def test_a_pronoun_resolves_across_timeline_events() -> None:
    document = make_document(
        {"participants": ["Tomas Berg"]},
        timeline=[{"time": "10:00", "event": "Tomas starts the cleanup on db1"},
                  {"time": "10:01", "event": "He didn't even look at the hostname"}],
    )
    (finding,) = [f for f in review(document, today=dt.date(2026, 4, 21)) if f.rule.startswith("blame")]
    assert (finding.rule, finding.path) == (NAME, "timeline[1].event")
    assert "he: Tomas" in finding.message


def test_slow_to_respond_rewrite_keeps_a_cause() -> None:
    (hit,) = MECHANISMS.in_context("Sven was slow to respond.")
    assert hit.replacement == "It took longer than expected to respond because …."


def test_why_was_this_merged_is_aimed_at_a_person() -> None:
    (hit,) = MECHANISMS.in_context("Why was this code merged?")
    assert hit.rule == QUESTION and hit.rewrite and "look safe" in hit.rewrite


def test_a_question_answered_by_a_person_or_put_to_you_still_blames() -> None:
    assert [hit.rule for hit in MECHANISMS.in_context("Why didn't you notice? The graph was red for an hour.")] == [QUESTION]
    assert QUESTION in [hit.rule for hit in MECHANISMS.in_context("Why did Rose restart it? She wanted to go home.")]


def test_slow_to_respond_keeps_the_cause_the_sentence_gives() -> None:
    (hit,) = MECHANISMS.in_context("Sven was slow to respond because he was in another incident.")
    assert hit.replacement == "It took longer than expected to respond because he was in another incident."


@pytest.mark.parametrize(
    "person",
    ["The on-call", "The oncall engineer", "The night shift", "The release manager", "A co-worker", "The new hire",
     "The team member", "The DBAs", "Whoever was on duty", "They", "The incident commander", "The vendor's support staff",
     "@kwame", "Tomas Berg", "The SRE on duty", "The team lead"],
)
def test_every_way_of_naming_a_person_is_read_past_the_quick_check(person: str) -> None:
    """Texts naming no one skip the person rules; each way the rules name a person must still reach them."""
    earlier = "Tomas joined the call." if person == "They" else ""
    assert [hit.rule for hit in MECHANISMS.in_context(f"{person} forgot to renew the certificate.", earlier)]
