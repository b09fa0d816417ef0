"""The review on text it was not written alongside: the labelled corpus and realistic documents.

Precision and recall are measured on the corpus's test half (rules are tuned on the development
half only) and printed in the terminal summary, with a count per rule over the samples, the
corpus and imported timelines: what a facilitator would see.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from pmtui import storage
from pmtui.document.model import Document, Status
from pmtui.importers import read_events
from pmtui.importers.merge import plan_merge
from pmtui.review import review
from pmtui.review.blame import RULE_IDS as BLAME_RULES
from pmtui.review.blame import BlameLexicon
from pmtui.review.counterfactual import counterfactual_sentences
from tests.document_factory import make_document
from tests.review_corpus import CORPORA, GUIDE_EXAMPLES, PEOPLE, Corpus, Sentence

TODAY = dt.date(2026, 4, 21)
LEXICON = BlameLexicon(PEOPLE)
ROOT = Path(__file__).parent.parent
SAMPLES = sorted((ROOT / "sample_incidents").iterdir())
IMPORTS = Path(__file__).parent / "fixtures" / "import"
IMPORTED = [
    ("csv", Path(__file__).parent / "review" / "imported" / "database-restore.csv", None),
    ("csv", IMPORTS / "csv" / "timeline.csv", None),
    ("slack", IMPORTS / "slack-export", "inc-orders-api"),
    ("pagerduty", IMPORTS / "pagerduty" / "log_entries.json", None),
    ("jsonl", IMPORTS / "jsonl" / "events.jsonl", None),
]


def blames(sentence: Sentence, lexicon: BlameLexicon = LEXICON) -> bool:
    return bool(list(lexicon.in_context(sentence.text)))


def hindsight(sentence: Sentence, lexicon: BlameLexicon = LEXICON) -> bool:
    return bool(counterfactual_sentences(sentence.text)) and not blames(sentence, lexicon)


def precision_recall(sentences: list[Sentence], label: str, flagged: Callable[[Sentence], bool]) -> tuple[float, float]:
    hits = {sentence.text: flagged(sentence) for sentence in sentences}
    true = sum(1 for s in sentences if s.label == label and hits[s.text])
    false = sum(1 for s in sentences if s.label != label and hits[s.text])
    missed = sum(1 for s in sentences if s.label == label and not hits[s.text])
    return true / (true + false), true / (true + missed)


def people_words(corpus: Corpus) -> re.Pattern[str]:
    """People in a sentence: a listed name, the writer ("I"), or a person named by role or team."""
    return re.compile(
        "|".join([*(rf"\b{re.escape(name.split()[0])}\b" for name in corpus.people), r"(?-i:\bI\b)",
                  r"\b(?:teams?|engineers?|operators?|customers?|on-call|support|responders?|reviewers?|nobody|anyone|someone|we|he|she|finance|lead"
                  r"|DBA|SRE|IC|commander|hire|vendor|manager|staff|officer|director|porter|caretaker|technician|administrator"
                  r"|analyst|trustees|agency|clerk|nurse|pilot|controller|head\s+of\s+\w+|you|crews?|drivers?|signallers?|master|mate|lookout|watchkeepers?"
                  r"|supervisors?|workers?|foreman|trainees?|maintainers?|contractors?|employees?|personnel|shift)\b"]),
        re.IGNORECASE,
    )


@pytest.mark.parametrize("corpus", CORPORA, ids=[corpus.name for corpus in CORPORA])
def test_each_corpus_is_big_enough_and_mostly_people_acting_normally(corpus: Corpus) -> None:
    with_people = [s for s in corpus.sentences if s.label == "clean" and people_words(corpus).search(s.text)]
    assert len(corpus.sentences) >= 300
    assert len(with_people) >= len(corpus.sentences) / 2
    assert {s.place for s in corpus.sentences if s.label == "blame"} == {"timeline", "why", "factor"}
    assert min(len(corpus.dev), len(corpus.test)) >= 0.4 * len(corpus.sentences)  # a checksum split: about half each


# What each test half must keep: the figure last measured (see docs/rules.md, rounded down) or the
# target (95% blame, 90% counterfactual), whichever is lower, less SLACK, so that a change which
# generalizes worse fails while retraining the model, which moves a sentence or two of a test half
# either way, does not. The pooled figures below are the ones to compare with the targets.
TARGETS = {"blame": (0.95, 0.95), "counterfactual": (0.9, 0.9)}
SLACK = 0.025
MEASURED = {
    ("sentences.tsv", "blame"): (0.96, 0.98),
    ("sentences.tsv", "counterfactual"): (1.00, 1.00),
    ("independent.tsv", "blame"): (0.93, 1.00),
    ("independent.tsv", "counterfactual"): (1.00, 0.96),
    ("third.tsv", "blame"): (1.00, 1.00),
    ("third.tsv", "counterfactual"): (1.00, 1.00),
    ("fourth.tsv", "blame"): (1.00, 1.00),
    ("fourth.tsv", "counterfactual"): (0.94, 1.00),
    ("fifth.tsv", "blame"): (0.90, 1.00),
    ("fifth.tsv", "counterfactual"): (1.00, 0.91),
    ("sixth.tsv", "blame"): (0.98, 0.94),
    ("sixth.tsv", "counterfactual"): (1.00, 1.00),
    ("seventh.tsv", "blame"): (1.00, 0.93),
    ("seventh.tsv", "counterfactual"): (1.00, 1.00),
    ("eighth.tsv", "blame"): (0.93, 0.95),
    ("eighth.tsv", "counterfactual"): (1.00, 0.92),
    ("ninth.tsv", "blame"): (0.94, 0.92),
    ("ninth.tsv", "counterfactual"): (1.00, 0.84),
    ("tenth.tsv", "blame"): (0.93, 0.92),
    ("tenth.tsv", "counterfactual"): (1.00, 1.00),
    ("eleventh.tsv", "blame"): (0.93, 0.95),
    ("eleventh.tsv", "counterfactual"): (1.00, 1.00),
    ("twelfth.tsv", "blame"): (1.00, 1.00),
    ("twelfth.tsv", "counterfactual"): (0.90, 1.00),
    ("thirteenth.tsv", "blame"): (0.88, 0.95),
    ("thirteenth.tsv", "counterfactual"): (1.00, 1.00),
    ("fourteenth.tsv", "blame"): (0.97, 0.97),
    ("fourteenth.tsv", "counterfactual"): (1.00, 1.00),
    ("fifteenth.tsv", "blame"): (0.95, 0.95),
    ("fifteenth.tsv", "counterfactual"): (1.00, 1.00),
    ("sixteenth.tsv", "blame"): (0.94, 0.90),
    ("sixteenth.tsv", "counterfactual"): (1.00, 1.00),
    ("seventeenth.tsv", "blame"): (0.96, 0.96),
    ("seventeenth.tsv", "counterfactual"): (1.00, 0.86),
    ("eighteenth.tsv", "blame"): (1.00, 1.00),
    ("eighteenth.tsv", "counterfactual"): (1.00, 1.00),
    ("nineteenth.tsv", "blame"): (0.94, 0.97),
    ("nineteenth.tsv", "counterfactual"): (1.00, 0.84),
    ("twentieth.tsv", "blame"): (0.93, 0.89),
    ("twentieth.tsv", "counterfactual"): (1.00, 0.93),
    ("twentyfirst.tsv", "blame"): (0.93, 0.81),
    ("twentyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("twentysecond.tsv", "blame"): (1.00, 0.97),
    ("twentysecond.tsv", "counterfactual"): (1.00, 0.93),
    ("twentythird.tsv", "blame"): (0.96, 0.96),
    ("twentythird.tsv", "counterfactual"): (0.92, 1.00),
    ("twentyfourth.tsv", "blame"): (0.93, 0.96),
    ("twentyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("twentyfifth.tsv", "blame"): (0.95, 0.96),
    ("twentyfifth.tsv", "counterfactual"): (0.92, 0.92),
    ("twentysixth.tsv", "blame"): (0.92, 1.00),
    ("twentysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("twentyseventh.tsv", "blame"): (0.97, 0.77),
    ("twentyseventh.tsv", "counterfactual"): (1.00, 1.00),
    ("twentyeighth.tsv", "blame"): (0.92, 1.00),
    ("twentyeighth.tsv", "counterfactual"): (0.90, 1.00),
    ("twentyninth.tsv", "blame"): (0.97, 0.95),
    ("twentyninth.tsv", "counterfactual"): (1.00, 0.88),
    ("thirtieth.tsv", "blame"): (0.97, 0.92),
    ("thirtieth.tsv", "counterfactual"): (0.94, 0.94),
    ("thirtyfirst.tsv", "blame"): (0.98, 0.90),
    ("thirtyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("thirtysecond.tsv", "blame"): (1.00, 0.97),
    ("thirtysecond.tsv", "counterfactual"): (1.00, 0.94),
    ("thirtythird.tsv", "blame"): (0.97, 0.95),
    ("thirtythird.tsv", "counterfactual"): (1.00, 1.00),
    ("thirtyfourth.tsv", "blame"): (0.92, 0.96),
    ("thirtyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("thirtyfifth.tsv", "blame"): (0.93, 0.89),
    ("thirtyfifth.tsv", "counterfactual"): (1.00, 0.89),
    ("thirtysixth.tsv", "blame"): (0.93, 1.00),
    ("thirtysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("thirtyseventh.tsv", "blame"): (0.97, 0.93),
    ("thirtyseventh.tsv", "counterfactual"): (1.00, 1.00),
    ("thirtyeighth.tsv", "blame"): (0.96, 0.98),
    ("thirtyeighth.tsv", "counterfactual"): (1.00, 1.00),
    ("thirtyninth.tsv", "blame"): (0.95, 0.97),
    ("thirtyninth.tsv", "counterfactual"): (1.00, 1.00),
    ("fortieth.tsv", "blame"): (0.93, 0.92),
    ("fortieth.tsv", "counterfactual"): (1.00, 1.00),
    ("fortyfirst.tsv", "blame"): (0.91, 0.95),
    ("fortyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("fortysecond.tsv", "blame"): (1.00, 0.95),
    ("fortysecond.tsv", "counterfactual"): (1.00, 1.00),
    ("fortythird.tsv", "blame"): (1.00, 0.95),
    ("fortythird.tsv", "counterfactual"): (1.00, 1.00),
    ("fortyfourth.tsv", "blame"): (1.00, 0.86),
    ("fortyfourth.tsv", "counterfactual"): (1.00, 0.84),
    ("fortyfifth.tsv", "blame"): (1.00, 0.75),
    ("fortyfifth.tsv", "counterfactual"): (1.00, 1.00),
    ("fortysixth.tsv", "blame"): (0.97, 0.93),
    ("fortysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("fortyseventh.tsv", "blame"): (0.97, 1.00),
    ("fortyseventh.tsv", "counterfactual"): (1.00, 0.91),
    ("fortyeighth.tsv", "blame"): (0.93, 0.96),
    ("fortyeighth.tsv", "counterfactual"): (1.00, 1.00),
    ("fortyninth.tsv", "blame"): (0.93, 0.89),
    ("fortyninth.tsv", "counterfactual"): (1.00, 0.93),
    ("fiftieth.tsv", "blame"): (0.97, 1.00),
    ("fiftieth.tsv", "counterfactual"): (1.00, 1.00),
    ("fiftyfirst.tsv", "blame"): (1.00, 1.00),
    ("fiftyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("fiftysecond.tsv", "blame"): (1.00, 1.00),
    ("fiftysecond.tsv", "counterfactual"): (1.00, 1.00),
    ("fiftythird.tsv", "blame"): (0.97, 0.97),
    ("fiftythird.tsv", "counterfactual"): (1.00, 0.93),
    ("fiftyfourth.tsv", "blame"): (0.93, 0.93),
    ("fiftyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("fiftyfifth.tsv", "blame"): (0.96, 0.90),
    ("fiftyfifth.tsv", "counterfactual"): (1.00, 0.93),
    ("fiftysixth.tsv", "blame"): (0.97, 0.95),
    ("fiftysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("fiftyseventh.tsv", "blame"): (0.97, 0.97),
    ("fiftyseventh.tsv", "counterfactual"): (1.00, 1.00),
    ("fiftyeighth.tsv", "blame"): (1.00, 1.00),
    ("fiftyeighth.tsv", "counterfactual"): (1.00, 1.00),
    ("fiftyninth.tsv", "blame"): (0.94, 0.97),
    ("fiftyninth.tsv", "counterfactual"): (1.00, 1.00),
    ("sixtieth.tsv", "blame"): (0.93, 0.93),
    ("sixtieth.tsv", "counterfactual"): (1.00, 1.00),
    ("sixtyfirst.tsv", "blame"): (1.00, 0.96),
    ("sixtyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("sixtysecond.tsv", "blame"): (0.93, 0.96),
    ("sixtysecond.tsv", "counterfactual"): (1.00, 1.00),
    ("sixtythird.tsv", "blame"): (0.96, 0.96),
    ("sixtythird.tsv", "counterfactual"): (1.00, 0.93),
    ("sixtyfourth.tsv", "blame"): (0.90, 0.93),
    ("sixtyfourth.tsv", "counterfactual"): (1.00, 0.84),
    ("sixtyfifth.tsv", "blame"): (0.94, 1.00),
    ("sixtyfifth.tsv", "counterfactual"): (1.00, 1.00),
    ("sixtysixth.tsv", "blame"): (0.97, 1.00),
    ("sixtysixth.tsv", "counterfactual"): (1.00, 0.85),
    ("sixtyseventh.tsv", "blame"): (0.86, 0.88),
    ("sixtyseventh.tsv", "counterfactual"): (1.00, 0.90),
    ("sixtyeighth.tsv", "blame"): (0.97, 1.00),
    ("sixtyeighth.tsv", "counterfactual"): (1.00, 1.00),
    ("sixtyninth.tsv", "blame"): (0.94, 0.94),
    ("sixtyninth.tsv", "counterfactual"): (0.96, 1.00),
    ("seventieth.tsv", "blame"): (0.94, 0.94),
    ("seventieth.tsv", "counterfactual"): (1.00, 1.00),
    ("seventyfirst.tsv", "blame"): (0.97, 0.97),
    ("seventyfirst.tsv", "counterfactual"): (1.00, 0.91),
    ("seventysecond.tsv", "blame"): (0.97, 0.92),
    ("seventysecond.tsv", "counterfactual"): (0.92, 1.00),
    ("seventythird.tsv", "blame"): (0.96, 0.93),
    ("seventythird.tsv", "counterfactual"): (1.00, 1.00),
    ("seventyfourth.tsv", "blame"): (1.00, 0.97),
    ("seventyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("seventyfifth.tsv", "blame"): (0.97, 0.89),
    ("seventyfifth.tsv", "counterfactual"): (1.00, 1.00),
    ("seventysixth.tsv", "blame"): (0.95, 0.93),
    ("seventysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("seventyseventh.tsv", "blame"): (1.00, 1.00),
    ("seventyseventh.tsv", "counterfactual"): (1.00, 1.00),
    ("seventyeighth.tsv", "blame"): (0.92, 1.00),
    ("seventyeighth.tsv", "counterfactual"): (1.00, 0.94),
    ("seventyninth.tsv", "blame"): (0.92, 1.00),
    ("seventyninth.tsv", "counterfactual"): (1.00, 0.92),
    ("eightieth.tsv", "blame"): (0.97, 1.00),
    ("eightieth.tsv", "counterfactual"): (1.00, 0.94),
    ("eightyfirst.tsv", "blame"): (0.92, 0.89),
    ("eightyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("eightysecond.tsv", "blame"): (0.93, 0.80),
    ("eightysecond.tsv", "counterfactual"): (1.00, 1.00),
    ("eightythird.tsv", "blame"): (1.00, 1.00),
    ("eightythird.tsv", "counterfactual"): (1.00, 1.00),
    ("eightyfourth.tsv", "blame"): (1.00, 1.00),
    ("eightyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("eightyfifth.tsv", "blame"): (0.97, 0.94),
    ("eightyfifth.tsv", "counterfactual"): (1.00, 1.00),
    ("eightysixth.tsv", "blame"): (0.96, 0.96),
    ("eightysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("eightyseventh.tsv", "blame"): (1.00, 0.93),
    ("eightyseventh.tsv", "counterfactual"): (1.00, 0.92),
    ("eightyeighth.tsv", "blame"): (0.96, 1.00),
    ("eightyeighth.tsv", "counterfactual"): (0.81, 1.00),
    ("eightyninth.tsv", "blame"): (1.00, 0.91),
    ("eightyninth.tsv", "counterfactual"): (0.93, 0.93),
    ("ninetieth.tsv", "blame"): (1.00, 0.96),
    ("ninetieth.tsv", "counterfactual"): (0.92, 0.92),
    ("ninetyfirst.tsv", "blame"): (0.97, 1.00),
    ("ninetyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("ninetysecond.tsv", "blame"): (0.92, 0.89),
    ("ninetysecond.tsv", "counterfactual"): (0.91, 1.00),
    ("ninetythird.tsv", "blame"): (1.00, 0.85),
    ("ninetythird.tsv", "counterfactual"): (0.91, 0.91),
    ("ninetyfourth.tsv", "blame"): (0.96, 0.93),
    ("ninetyfourth.tsv", "counterfactual"): (1.00, 0.93),
    ("ninetyfifth.tsv", "blame"): (0.90, 1.00),
    ("ninetyfifth.tsv", "counterfactual"): (1.00, 1.00),
    ("ninetysixth.tsv", "blame"): (1.00, 1.00),
    ("ninetysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("ninetyseventh.tsv", "blame"): (0.97, 1.00),
    ("ninetyseventh.tsv", "counterfactual"): (1.00, 1.00),
    ("ninetyeighth.tsv", "blame"): (0.97, 0.92),
    ("ninetyeighth.tsv", "counterfactual"): (1.00, 1.00),
    ("ninetyninth.tsv", "blame"): (1.00, 0.97),
    ("ninetyninth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredth.tsv", "blame"): (0.96, 1.00),
    ("hundredth.tsv", "counterfactual"): (1.00, 0.93),
    ("hundredfirst.tsv", "blame"): (0.94, 0.96),
    ("hundredfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredsecond.tsv", "blame"): (1.00, 0.97),
    ("hundredsecond.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredthird.tsv", "blame"): (0.94, 0.90),
    ("hundredthird.tsv", "counterfactual"): (1.00, 0.75),
    ("hundredfourth.tsv", "blame"): (0.95, 1.00),
    ("hundredfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfifth.tsv", "blame"): (0.97, 0.97),
    ("hundredfifth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredsixth.tsv", "blame"): (0.92, 1.00),
    ("hundredsixth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredseventh.tsv", "blame"): (1.00, 0.88),
    ("hundredseventh.tsv", "counterfactual"): (1.00, 0.85),
    ("hundredeighth.tsv", "blame"): (0.95, 0.93),
    ("hundredeighth.tsv", "counterfactual"): (1.00, 0.94),
    ("hundredninth.tsv", "blame"): (0.97, 0.91),
    ("hundredninth.tsv", "counterfactual"): (1.00, 0.91),
    ("hundredtenth.tsv", "blame"): (0.95, 0.88),
    ("hundredtenth.tsv", "counterfactual"): (1.00, 0.94),
    ("hundredeleventh.tsv", "blame"): (0.97, 0.94),
    ("hundredeleventh.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredtwelfth.tsv", "blame"): (0.97, 0.82),
    ("hundredtwelfth.tsv", "counterfactual"): (0.90, 0.83),
    ("hundredthirteenth.tsv", "blame"): (0.93, 0.93),
    ("hundredthirteenth.tsv", "counterfactual"): (1.00, 0.85),
    ("hundredfourteenth.tsv", "blame"): (0.94, 1.00),
    ("hundredfourteenth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfifteenth.tsv", "blame"): (1.00, 1.00),
    ("hundredfifteenth.tsv", "counterfactual"): (1.00, 0.90),
    ("hundredsixteenth.tsv", "blame"): (0.95, 0.95),
    ("hundredsixteenth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredseventeenth.tsv", "blame"): (1.00, 1.00),
    ("hundredseventeenth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredeighteenth.tsv", "blame"): (0.88, 1.00),
    ("hundredeighteenth.tsv", "counterfactual"): (1.00, 0.94),
    ("hundrednineteenth.tsv", "blame"): (0.97, 0.92),
    ("hundrednineteenth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredtwentieth.tsv", "blame"): (0.93, 0.88),
    ("hundredtwentieth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredtwentyfirst.tsv", "blame"): (1.00, 0.94),
    ("hundredtwentyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredtwentysecond.tsv", "blame"): (0.97, 0.89),
    ("hundredtwentysecond.tsv", "counterfactual"): (0.94, 1.00),
    ("hundredtwentythird.tsv", "blame"): (0.97, 0.80),
    ("hundredtwentythird.tsv", "counterfactual"): (1.00, 0.88),
    ("hundredtwentyfourth.tsv", "blame"): (0.94, 0.94),
    ("hundredtwentyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredtwentyfifth.tsv", "blame"): (0.97, 0.97),
    ("hundredtwentyfifth.tsv", "counterfactual"): (1.00, 0.87),
    ("hundredtwentysixth.tsv", "blame"): (0.97, 0.95),
    ("hundredtwentysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredtwentyseventh.tsv", "blame"): (1.00, 0.93),
    ("hundredtwentyseventh.tsv", "counterfactual"): (1.00, 0.93),
    ("hundredtwentyeighth.tsv", "blame"): (0.95, 0.97),
    ("hundredtwentyeighth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredtwentyninth.tsv", "blame"): (0.95, 0.91),
    ("hundredtwentyninth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredthirtieth.tsv", "blame"): (1.00, 0.90),
    ("hundredthirtieth.tsv", "counterfactual"): (1.00, 0.92),
    ("hundredthirtyfirst.tsv", "blame"): (1.00, 0.97),
    ("hundredthirtyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredthirtysecond.tsv", "blame"): (0.91, 1.00),
    ("hundredthirtysecond.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredthirtythird.tsv", "blame"): (0.95, 1.00),
    ("hundredthirtythird.tsv", "counterfactual"): (1.00, 0.94),
    ("hundredthirtyfourth.tsv", "blame"): (0.91, 0.97),
    ("hundredthirtyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredthirtyfifth.tsv", "blame"): (1.00, 1.00),
    ("hundredthirtyfifth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredthirtysixth.tsv", "blame"): (0.97, 0.95),
    ("hundredthirtysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredthirtyseventh.tsv", "blame"): (0.91, 1.00),
    ("hundredthirtyseventh.tsv", "counterfactual"): (1.00, 0.90),
    ("hundredthirtyeighth.tsv", "blame"): (1.00, 1.00),
    ("hundredthirtyeighth.tsv", "counterfactual"): (1.00, 0.91),
    ("hundredthirtyninth.tsv", "blame"): (0.97, 0.97),
    ("hundredthirtyninth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfortieth.tsv", "blame"): (0.97, 1.00),
    ("hundredfortieth.tsv", "counterfactual"): (1.00, 0.90),
    ("hundredfortyfirst.tsv", "blame"): (1.00, 1.00),
    ("hundredfortyfirst.tsv", "counterfactual"): (1.00, 0.94),
    ("hundredfortysecond.tsv", "blame"): (1.00, 0.97),
    ("hundredfortysecond.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfortythird.tsv", "blame"): (0.97, 0.94),
    ("hundredfortythird.tsv", "counterfactual"): (1.00, 0.88),
    ("hundredfortyfourth.tsv", "blame"): (0.97, 0.97),
    ("hundredfortyfourth.tsv", "counterfactual"): (1.00, 0.92),
    ("hundredfortyfifth.tsv", "blame"): (1.00, 0.97),
    ("hundredfortyfifth.tsv", "counterfactual"): (1.00, 0.92),
    ("hundredfortysixth.tsv", "blame"): (0.85, 0.92),
    ("hundredfortysixth.tsv", "counterfactual"): (1.00, 0.83),
    ("hundredfortyseventh.tsv", "blame"): (1.00, 1.00),
    ("hundredfortyseventh.tsv", "counterfactual"): (1.00, 0.93),
    ("hundredfortyeighth.tsv", "blame"): (1.00, 0.97),
    ("hundredfortyeighth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfortyninth.tsv", "blame"): (0.97, 0.97),
    ("hundredfortyninth.tsv", "counterfactual"): (0.93, 1.00),
    ("hundredfiftieth.tsv", "blame"): (1.00, 0.97),
    ("hundredfiftieth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfiftyfirst.tsv", "blame"): (1.00, 1.00),
    ("hundredfiftyfirst.tsv", "counterfactual"): (1.00, 0.84),
    ("hundredfiftysecond.tsv", "blame"): (1.00, 0.93),
    ("hundredfiftysecond.tsv", "counterfactual"): (1.00, 0.81),
    ("hundredfiftythird.tsv", "blame"): (0.96, 0.90),
    ("hundredfiftythird.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfiftyfourth.tsv", "blame"): (0.96, 0.96),
    ("hundredfiftyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfiftyfifth.tsv", "blame"): (1.00, 1.00),
    ("hundredfiftyfifth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfiftysixth.tsv", "blame"): (1.00, 1.00),
    ("hundredfiftysixth.tsv", "counterfactual"): (1.00, 0.75),
    ("hundredfiftyseventh.tsv", "blame"): (0.93, 0.97),
    ("hundredfiftyseventh.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfiftyeighth.tsv", "blame"): (0.95, 0.97),
    ("hundredfiftyeighth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredfiftyninth.tsv", "blame"): (0.96, 0.96),
    ("hundredfiftyninth.tsv", "counterfactual"): (0.91, 1.00),
    ("hundredsixtieth.tsv", "blame"): (0.97, 0.86),
    ("hundredsixtieth.tsv", "counterfactual"): (0.91, 0.91),
    ("hundredsixtyfirst.tsv", "blame"): (1.00, 0.94),
    ("hundredsixtyfirst.tsv", "counterfactual"): (0.92, 1.00),
    ("hundredsixtysecond.tsv", "blame"): (1.00, 0.92),
    ("hundredsixtysecond.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredsixtythird.tsv", "blame"): (0.97, 0.92),
    ("hundredsixtythird.tsv", "counterfactual"): (1.00, 0.91),
    ("hundredsixtyfourth.tsv", "blame"): (0.97, 0.97),
    ("hundredsixtyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredsixtyfifth.tsv", "blame"): (1.00, 0.96),
    ("hundredsixtyfifth.tsv", "counterfactual"): (1.00, 0.83),
    ("hundredsixtysixth.tsv", "blame"): (0.97, 0.95),
    ("hundredsixtysixth.tsv", "counterfactual"): (1.00, 0.86),
    ("hundredsixtyseventh.tsv", "blame"): (1.00, 1.00),
    ("hundredsixtyseventh.tsv", "counterfactual"): (1.00, 0.92),
    ("hundredsixtyeighth.tsv", "blame"): (1.00, 0.97),
    ("hundredsixtyeighth.tsv", "counterfactual"): (1.00, 0.92),
    ("hundredsixtyninth.tsv", "blame"): (0.96, 0.91),
    ("hundredsixtyninth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredseventieth.tsv", "blame"): (0.97, 0.97),
    ("hundredseventieth.tsv", "counterfactual"): (0.85, 1.00),
    ("hundredseventyfirst.tsv", "blame"): (1.00, 0.92),
    ("hundredseventyfirst.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredseventysecond.tsv", "blame"): (0.95, 0.97),
    ("hundredseventysecond.tsv", "counterfactual"): (1.00, 0.76),
    ("hundredseventythird.tsv", "blame"): (0.95, 1.00),
    ("hundredseventythird.tsv", "counterfactual"): (0.92, 0.92),
    ("hundredseventyfourth.tsv", "blame"): (1.00, 0.97),
    ("hundredseventyfourth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredseventyfifth.tsv", "blame"): (0.97, 0.95),
    ("hundredseventyfifth.tsv", "counterfactual"): (1.00, 0.92),
    ("hundredseventysixth.tsv", "blame"): (0.93, 0.97),
    ("hundredseventysixth.tsv", "counterfactual"): (1.00, 1.00),
    ("hundredseventyseventh.tsv", "blame"): (1.00, 0.97),
    ("hundredseventyseventh.tsv", "counterfactual"): (1.00, 0.94),
}


def bar(corpus: str, label: str) -> tuple[float, float]:
    measured = MEASURED.get((corpus, label), TARGETS[label])
    return tuple(min(target, figure) - SLACK for target, figure in zip(TARGETS[label], measured, strict=True))  # type: ignore[return-value]


BARS = {(corpus.name, label): bar(corpus.name, label) for corpus in CORPORA for label in TARGETS}


@pytest.mark.parametrize(("corpus", "label"), list(BARS), ids=[f"{name}-{label}" for name, label in BARS])
def test_precision_and_recall_on_the_test_half(corpus: str, label: str, terminal_summary: Callable[[str], None]) -> None:
    (measured,) = [c for c in CORPORA if c.name == corpus]
    lexicon = LEXICON if measured.people == tuple(PEOPLE) else BlameLexicon(measured.people)
    judge = blames if label == "blame" else hindsight

    def flagged(sentence: Sentence) -> bool:
        return judge(sentence, lexicon)

    precision, recall = precision_recall(measured.test, label, flagged)
    dev_precision, dev_recall = precision_recall(measured.dev, label, flagged)
    line = (
        f"{label} on the {corpus} test half ({sum(s.label == label for s in measured.test)} of {len(measured.test)} sentences): "
        f"precision {precision:.1%}, recall {recall:.1%} (development half: {dev_precision:.1%}, {dev_recall:.1%})"
    )
    terminal_summary(line)
    precision_bar, recall_bar = BARS[corpus, label]
    assert precision >= precision_bar and recall >= recall_bar, line


# Every test half together, and those of the corpora written apart from the rules: the figure to
# compare with the 95%/95% target, which both now meet (figures in docs/rules.md).
POOLED_BARS = {"every test half": (0.955, 0.95), "the test halves written apart from the rules": (0.955, 0.95)}


@pytest.mark.parametrize("pool", list(POOLED_BARS))
def test_pooled_precision_and_recall(pool: str, terminal_summary: Callable[[str], None]) -> None:
    corpora = CORPORA if pool == "every test half" else CORPORA[1:]
    tested = [(sentence, BlameLexicon(corpus.people)) for corpus in corpora for sentence in corpus.test]
    hits = [(sentence.label == "blame", blames(sentence, lexicon)) for sentence, lexicon in tested]
    true = sum(gold and hit for gold, hit in hits)
    precision, recall = true / sum(hit for _, hit in hits), true / sum(gold for gold, _ in hits)
    line = f"blame pooled over {pool} ({sum(gold for gold, _ in hits)} of {len(hits)} sentences): precision {precision:.1%}, recall {recall:.1%}"
    terminal_summary(line)
    precision_bar, recall_bar = POOLED_BARS[pool]
    assert precision >= precision_bar and recall >= recall_bar, line


@pytest.mark.parametrize("example", GUIDE_EXAMPLES, ids=[example.text for example in GUIDE_EXAMPLES])
def test_every_guide_example_is_caught(example: Sentence) -> None:
    assert blames(example)


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.name for sample in SAMPLES])
def test_the_samples_raise_no_blame(sample: Path) -> None:
    findings = review(storage.load_document(sample), today=TODAY)
    assert [f for f in findings if f.rule.startswith("blame") or f.rule == "counterfactual"] == []


def test_a_clean_final_document_raises_nothing_that_blocks() -> None:
    document = storage.load_document(ROOT / "sample_incidents" / "db-pool-exhaustion.toml")
    assert document.incident.status == Status.FINAL
    assert [f for f in review(document, today=TODAY) if f.severity == "error"] == []


def _corpus_documents() -> list[Document]:
    """Each corpus as three documents, one per place the rules read, written by its people."""
    documents = []
    for corpus in CORPORA:
        people = {"participants": list(corpus.people)}
        sentences = corpus.sentences
        timeline = [{"time": f"{10 + n // 60:02d}:{n % 60:02d}", "event": s.text}
                    for n, s in enumerate(s for s in sentences if s.place == "timeline")]
        answers = [{"id": str(n + 1), "answer": s.text, "root": True} for n, s in enumerate(s for s in sentences if s.place == "why")]
        factors = [s.text for s in sentences if s.place == "factor"]
        documents += [
            make_document(people, timeline=timeline),
            make_document(people, whys=answers),
            make_document(people, root_cause={"contributing_factors": factors}),
        ]
    return documents


def _imported_documents() -> list[Document]:
    documents = []
    for kind, source, channel in IMPORTED:
        document = make_document({"date": "2026-03-02", "participants": PEOPLE})
        plan_merge(document, read_events(kind, source, channel=channel)).apply(document)
        documents.append(document)
    return documents


def test_findings_per_rule(terminal_summary: Callable[[str], None]) -> None:
    """What a facilitator sees per rule; no rule fires more than twice on a clean, final sample."""
    columns = {
        "samples": [storage.load_document(sample) for sample in SAMPLES],
        "corpus": _corpus_documents(),
        "imported": _imported_documents(),
    }
    counts = {name: Counter(f.rule for doc in docs for f in review(doc, today=TODAY)) for name, docs in columns.items()}
    rules = sorted(set().union(*counts.values()))
    terminal_summary("findings per rule: " + "  ".join(f"{name} ({len(docs)} documents)" for name, docs in columns.items()))
    for rule in rules:
        terminal_summary(f"  {rule:<24}" + "".join(f"{counts[name][rule]:>10}" for name in columns))
    final = [doc for doc in columns["samples"] if doc.incident.status == Status.FINAL]
    assert final and all(count <= 2 for doc in final for count in Counter(f.rule for f in review(doc, today=TODAY)).values())
    restore = columns["imported"][0]
    (gaps,) = [f for f in review(restore, today=TODAY) if f.rule == "timeline-gap"]
    # the 18-hour copy explains its own silence; the busy first hour does not
    assert "01:00–06:00 (5h 00m, while T13 was under way)" in gaps.message
    assert "23:10–23:25 (15m), " in gaps.message


def test_docs_show_every_rule_firing_and_staying_quiet() -> None:
    sources = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "pmtui" / "review").glob("*.py"))
    rules = set(re.findall(r'"([a-z]+(?:-[a-z]+)+)",\s*(?:WARNING|INFO|severity)\b', sources))
    rules |= BLAME_RULES | {"counterfactual"}
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    table = docs.split("## Every rule: an example that fires, one that does not", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("`")[1]: line for line in table.splitlines() if line.startswith("| `")}
    assert len(rules) >= 20
    assert set(rows) == rules
    assert all(line.count(" | ") == 2 and line.rstrip(" |").split(" | ")[-1].strip() for line in rows.values())
