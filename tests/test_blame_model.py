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
    sentence = "Tomas switched regions and did not verify anything afterwards."
    assert LEXICON._pattern_hits(sentence, someone=True) == ()  # no frame reads "… and did not verify" as blame
    assert [hit.rule for hit in LEXICON.scan(sentence)] == ["blame-name"]
    # the same words with the system as the actor, or the person only as an object, stay quiet
    assert LEXICON.scan("The failover script switched regions and did not verify anything afterwards.") == ()
    assert LEXICON.scan("The cluster switch that Olek made partially failed without any error being shown.") == ()
    # and a question is the question rules' to judge
    assert LEXICON.scan("Why did Ruth approve the change without a second reviewer? The policy lets one reviewer approve.") == ()


def test_a_why_question_the_text_answers_with_reasons_is_the_five_whys_form() -> None:
    answered = "Why did Ruth go quiet for forty minutes? She was reproducing the fault on a test host, and said so in the channel."
    assert LEXICON.scan(answered) == ()
    assert [hit.rule for hit in LEXICON.scan("Why did Ruth go quiet for forty minutes?")] == ["blame-question"]


def test_a_long_text_is_weighed_sentence_by_sentence() -> None:
    """A blameful sentence keeps its hit in a paragraph of innocent ones, and the model speaks for the
    sentence it judges: what the paragraph's other sentences say does not drown it out."""
    calm = ("The primary ran out of connections at 14:02. The pool was sized for last year's traffic. "
            "Ruth restarted the workers at 14:20 and the queue drained by 14:45. The status page was updated twice. ")
    assert [hit.rule for hit in LEXICON.scan(calm + "Tomas forgot to renew the certificate.")] == ["blame-name"]
    (hit,) = LEXICON.scan(calm + "Olek switched regions and did not verify anything afterwards.")
    assert hit.start == len(calm) and hit.excerpt.startswith("Olek switched")
    assert LEXICON.scan(calm) == ()
