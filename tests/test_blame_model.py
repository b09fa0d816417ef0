"""The blame model: shipped as its trainer writes it, trained on development text only, and what
it adds to the patterns (a second opinion, never the only reason a named person's act is blame)."""

from __future__ import annotations

import json

from pmtui.review import blame_model
from pmtui.review.blame import BlameLexicon
from tests.review.train_blame_model import examples, labelled, shipped, train
from tests.review_corpus import CORPORA

LEXICON = BlameLexicon(["Olek Marsh", "Ruth Dane", "Tomas Berg"])


def test_the_shipped_weights_are_what_the_trainer_writes() -> None:
    model = shipped(*train(examples(CORPORA)))
    on_disk = json.loads(blame_model.WEIGHTS.read_text(encoding="utf-8"))
    assert abs(model["bias"] - on_disk["bias"]) < 1e-3  # type: ignore[operator]
    assert set(model["weights"]) == set(on_disk["weights"])  # type: ignore[arg-type]
    assert max(abs(weight - on_disk["weights"][feature]) for feature, weight in model["weights"].items()) < 1e-3  # type: ignore[union-attr]


def test_the_model_never_learns_from_a_test_half() -> None:
    tested = {sentence.text for corpus in CORPORA for sentence in corpus.test}
    learned = {text for _, text, _ in labelled(CORPORA)}
    assert len(learned) > 1500 and not learned & tested


def test_names_become_one_token_so_the_model_learns_the_act_not_the_person() -> None:
    assert blame_model.features("Olek dropped the ball", LEXICON.named_person) == \
        blame_model.features("Tomas dropped the ball", LEXICON.named_person)
    assert "namex_dropped" in blame_model.features("Olek dropped the ball", LEXICON.named_person)


def test_judgement_no_pattern_lists_is_caught_when_a_person_is_the_subject() -> None:
    sentence = "Olek restarted the fleet in tiny batches out of sheer timidity, dragging the outage into the evening."
    assert [hit.rule for hit in LEXICON.scan(sentence)] == ["blame-name"]
    # the same words with the system as the actor, or the person only as an object, stay quiet
    assert LEXICON.scan("The deploy tool restarted the fleet in tiny batches, dragging the outage into the evening.") == ()
    assert LEXICON.scan("The cluster switch that Olek made partially failed without any error being shown.") == ()


def test_a_why_question_the_text_answers_with_reasons_is_the_five_whys_form() -> None:
    answered = "Why did Ruth go quiet for forty minutes? She was reproducing the fault on a test host, and said so in the channel."
    assert LEXICON.scan(answered) == ()
    assert [hit.rule for hit in LEXICON.scan("Why did Ruth go quiet for forty minutes?")] == ["blame-question"]
