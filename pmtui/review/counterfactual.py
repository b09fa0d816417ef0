"""Counterfactuals: the incident retold as what should have happened instead of what did.

Rule id `counterfactual`: "If only…", "could have been prevented if…", "should have been caught",
"this was avoidable". Hindsight like this hides why the actual steps made sense at the time, so
the rule asks for the story as it was lived. It is a warning, never blame: a counterfactual about a
named person ("if Maria had checked…") is blame and reported by the blame rules instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from pmtui.review.blame import lexicon_for
from pmtui.review.fields import text_fields
from pmtui.review.findings import WARNING, Finding, ReviewContext
from pmtui.review.language import mask_quotes, normalized, sentence_spans

_N_T = r"(?:n['’]t|\s+not|\s+never)"
_CAUGHT = r"(?:prevented|avoided|caught|detected|spotted|noticed|stopped|found|seen|obvious|foreseen|anticipated|saved|recovered)"
# "would have", "could not have", "might never have": the modal a counterfactual turns on.
_WOULD_HAVE = r"(?:\b(?:would|could|might)|['’]d)(?:n['’]t|\s+not|\s+never)?(?:\s+(?:\w+ly\s+)?have|['’]ve)\b"
# … said as a possibility, not denied ("could not have shown the table approaching 16 TB" exonerates)
_MIGHT_HAVE = r"(?:\b(?:would|could|might)|['’]d)(?:\s+(?:\w+ly\s+)?have|['’]ve)\b"
# Where a sentence starts, past the time a timeline entry may open with ("16:41 — Had the check …").
_START = (r"^\s*(?:(?:\d{1,2}:?\d{2}(?::\d{2})?(?:\s*(?:UTC|GMT|Z|[A-Z]{1,3}T))?|day\s+\d+)\s*(?:[—–:-]+\s*)?)?"
          r"(?:\([^()]{1,40}\)\s*:?\s*)?")  # a note on the entry: "06:14 (added after review): In hindsight …"
# What a missing safeguard would have done for us, whatever named it: "An alert on resend volume would have
# told us", "Encrypting the telemetry would have made the leak far less harmful" (not what a course would
# have cost: "a re-import would have taken four hours", "restarting would have dropped in-flight payments")
_BENEFIT = (
    r"(?:(?:told|warned|alerted|paged)\s+(?:us|we|someone|somebody|anyone|the\s+(?:team|on-?call\w*|responders?|operators?|engineers?))|caught|exposed|surfaced|revealed|flagged|detected|spotted|shown|absorbed|saved|spared|protected"
    r"|prevented|avoided|contained|limited|shortened|halved|reduced|cut\s+(?:the|this|our|it)\b|kept\s+(?:\S+\s+){0,5}?(?:up|out|running|online|safe|alive|within|below|under|intact)"
    r"|made\s+(?:\S+\s+){0,6}?(?:far\s+|much\s+)?less\s+\w+|stopped\s+(?:the|this|it)\s+(?:\w+\s+)?(?:outage|incident|storm|leak|spread|cascade|flood|damage))\b"
)
COUNTERFACTUAL = re.compile(
    r"\bif\s+only\b"
    rf"|\b(?:could|would|might|should)(?:\s+\w+ly)?\s+(?:have|['’]ve)\s+been\s+(?:\w+ly\s+)?{_CAUGHT}\b"
    # what should have happened instead, whatever the verb: "should have been renewed", "ought to have gone"
    # (not a design stated against how it behaved: "the pipeline should have stopped but its check returned early")
    rf"|\b(?:should|ought\s+to)(?:{_N_T})?(?:\s+already)?\s+(?:have|['’]ve)\s+(?:(?:been\s+)?\w+(?:ed|en|ne|wn|un|ht|ck|ot)|had|come|done|run|shut|kept|held|set|put|cut)\b"
    r"(?![^.?!]*\bbut\s+(?:its|their|the|it|this|that)\b)"
    r"|\bshould\s+(?:have|['’]ve)\s+seen\s+(?:this|it)\s+coming\b"
    r"|\b(?:was|is|were)\s+(?:\w+ly\s+)?(?:\d+%\s+)?(?:preventable|avoidable)\b|\b(?:preventable|avoidable)\s+(?:with|by|if)\b"
    # the outcome undone by what was missing: "would not have occurred with proper input validation"
    rf"|{_WOULD_HAVE}\s+(?:occurred|happened|been\s+(?:possible|needed))\s+(?:with|without|if|had)\b"
    rf"|{_WOULD_HAVE}\s+(?:prevented|avoided|caught|stopped|detected|spotted|noticed|saved|revealed|flagged|surfaced|blocked|limited|contained|shortened|halved|reduced|cut\s+(?:the|this|our)\s+\w+\s+(?:in\s+half|short|down)|cut\s+(?:it\s+|that\s+)?(?:down\s+)?to|brought\s+(?:\S+\s+){{0,3}}?back)\b"
    # a safeguard that did not exist, as the subject: "A simple version check would have shown …"
    rf"|(?:{_START}|;\s*)(?:an?|one|better|more|earlier|faster|proper|stronger|clearer|any)\s+[^,;:?]{{0,60}}?{_WOULD_HAVE}\s+(?:\w+(?:ed|en|wn|ght)|shut|cut|kept|held|set|made|sent)\b"
    rf"|\bwould\s+(?:have|['’]ve)\s+been\s+(?:better|wiser|safer)\b"
    # "Had X …, Y could not have …", "If X had …, Y would have …", "With X, this would never have …"
    rf"|(?:{_START}|;\s*)(?:had\s+\w+|if\s+[^,]*\bhad\b|with(?:out)?\s+)[^?]*{_WOULD_HAVE}"
    # the loss undone: "If the document had used placeholders, the database would still be there"
    rf"|{_START}(?:had\s+\w+|if\s+[^,]*\bhad\b)[^?]*\b(?:would|could)(?:n['’]t|\s+not)?\s+(?:still\s+)?(?:be\s+(?:there|here|up|running|fine|intact|available|online|alive)|exist)\b"
    rf"|{_WOULD_HAVE}\s+(?:ended|stopped)\s+(?:there|then)\b|\b(?:proper|working|simple|better)\s+(?:[\w-]+\s+){{0,2}}?\w+\s+{_WOULD_HAVE}\s+(?:warned|alerted|paged|shown|told)\b"
    rf"|{_WOULD_HAVE}[^?]*\bif\b[^?]*\bhad\b"
    # hindsight named as such: "In hindsight the signs were all there", "Looking back, …"
    rf"|(?:{_START}|;\s*)(?:(?:in|with)\s+(?:the\s+benefit\s+of\s+)?(?:hindsight|retrospect)|looking\s+back\s*,)"
    # sooner than it did: "The rollback could have started ten minutes earlier"
    r"|\b(?:could|should)(?:\s+have|['’]ve)\s+\w+[^.?!]{0,40}?\b(?:earlier|sooner|faster|more\s+quickly)\b"
    # the conditional inverted mid-sentence: "Earlier detection was possible had the logs been indexed"
    r"|\b(?:possible|avoidable|preventable|likely|quicker|faster|shorter)\s+had\s+\w+"
    # … or at the end: "The entries would not have been created had the batch been idempotent"
    rf"|{_WOULD_HAVE}\s+(?!had\b)[^?]*?,?\s(?<!have\s)had\s+(?!never|not|just|already|only|long|also|ever)(?:the|a|an|our|this|that|there|we|it|any|\w+)\s+(?:[\w-]+\s+){{0,4}}?(?:been|existed|gone|run|used|worked|happened|started|waited|checked|tested|included)\b"
    # a safeguard's benefit, whatever names it: "Admission control at the core would have kept devices out"
    rf"|(?:{_START}|;\s*|\?\s*)(?!(?:he|she|they|you|we|i|none|neither|nothing)\b)[\w-]+[^;:?]{{0,90}}?(?<!\bthat\s)(?<!\bwhich\s)(?<!\balone\s){_MIGHT_HAVE}\s+{_BENEFIT}"
    # … or as a clause of its own: "could have been staged on one replica first, which would have shown the cold cache"
    rf"|,\s+which\s+{_MIGHT_HAVE}\s+{_BENEFIT}"
    # the better course the system had: "The rate service could have refused bookings instead of pricing them at zero"
    r"|\b(?:could|should)\s+have\s+\w+[^.;?!]{0,60}?\binstead\s+of\s+\w+ing\b"
    # a condition given as what was missing: "would never have reached production with a realistic data set"
    rf"|\b(?:would|could)(?:n['’]t|\s+not|\s+never)\s+have\s+\w+[^.;?!]{{0,60}}?\bwith\s+(?:a|an|the|any|proper|\w+)\b"
    # "If the roster push could resume, the sync storm would not have happened": any if-clause before it
    rf"|{_START}if\s+[^,?]{{3,80}},\s+[^?]*{_WOULD_HAVE}"
    rf"|{_WOULD_HAVE}\s+[^?]{{0,60}}?\bif\s+(?:the|a|an|our|we|it|there|every|each)\b"
    # a chance named as missed: "We missed an opportunity to catch this in staging"
    r"|\bmissed\s+(?:an?|the|several|two|many)\s+(?:\w+\s+)?(?:opportunit(?:y|ies)|chances?)\s+to\s+\w+"
    # the ideal against what happened: "Ideally the alert would have fired within a minute"
    rf"|{_START}(?:ideally|in\s+an\s+ideal\s+world)\b[^?]*{_WOULD_HAVE}",
    re.IGNORECASE,
)
# Hindsight turned the other way round is exactly what the rule asks for ("could not have known"),
# and a question someone asked, reported, is not the writer's hindsight ("Omar asked whether the
# cache should have been warmed").
_NOT_HINDSIGHT = re.compile(
    r"\bcould(?:n['’]t|\s+not)\s+have\s+known\b|\b(?:asked|asks|wondered|wonders)\s+(?:whether|if)\b"
    # what a design or a description promised, against which the sentence measures what happened
    r"|\bshould\s+have\s+been\b[^.;?!]{0,60}?,?\s+(?:according\s+to|as\s+(?:described|designed|documented|specified)|by\s+design|on\s+paper|in\s+theory)\b"
    # the order the plan required: "the schema step that should have gone first was still queued"
    r"|\b(?:that|which)\s+should\s+have\s+(?:gone|run|happened|come)\s+(?:first|before|earlier)\b"
    # … or its purpose, against what it did: "the update that should have brought every agent up left one node behind"
    r"|\b(?:that|which)\s+should\s+have\s+\w+[^.;?!]{0,60}?\b(?:left|failed|missed|skipped|stopped|did\s+not|didn['’]t)\b",
    re.IGNORECASE,
)
SUGGESTION = (
    "Describe what happened and why it made sense at the time; "
    "turn the missing safeguard into an action item"
)


# Every hindsight frame holds one of these (lower case): text without any is not read further.
_HINDSIGHT_WORDS = ("if", "had", "should", "ought", "would", "could", "might", "able", "hindsight", "retrospect", "looking back", "ideal", "missed")


# A question about someone's decision ("Why did Marco replay from the checkpoint …?"): its answer's "would
# have" weighs the course not taken ("A full replay would have duplicated a day of logs"), which is the
# reasoning the rule asks for, unless it says "if", "had" or "should".
_DECISION_QUESTION = re.compile(r"\bwhy\s+did\s+(?-i:[A-Z][\w'’-]+)\s+\w[^?]*\?\s*$", re.IGNORECASE)
_STATED_HINDSIGHT = re.compile(r"\b(?:if|had|should|ought|hindsight|retrospect|ideally)\b", re.IGNORECASE)


@lru_cache(maxsize=50_000)
def counterfactual_sentences(text: str) -> tuple[str, ...]:
    """The sentences of `text` that retell the incident as what should have happened (not questions)."""
    masked = mask_quotes(normalized(text))
    if not any(map(masked.lower().__contains__, _HINDSIGHT_WORDS)):
        return ()
    found = []
    previous = ""
    for start, end in sentence_spans(masked):
        sentence = masked[start:end]
        asked, previous = previous, sentence
        if sentence.endswith("?") or _NOT_HINDSIGHT.search(sentence):
            continue
        if _DECISION_QUESTION.search(asked) and not _STATED_HINDSIGHT.search(sentence):
            continue
        if COUNTERFACTUAL.search(sentence):
            found.append(" ".join(text[start:end].split()))
    return tuple(found)


def counterfactuals(context: ReviewContext) -> Iterator[Finding]:
    yield from counterfactuals_in(context, text_fields(context.document))


def counterfactuals_in(context: ReviewContext, fields: Iterable[tuple[str, str]]) -> Iterator[Finding]:
    """Hindsight in `fields` (path, text)."""
    lexicon = lexicon_for(tuple(context.document.incident.people()))
    for path, text in fields:
        sentences = counterfactual_sentences(text)
        if not sentences or lexicon.scan(text):  # blame about a person is reported as blame, once
            continue
        for sentence in sentences:
            yield Finding(
                "counterfactual", WARNING, path,
                f'hindsight: "{sentence if len(sentence) <= 70 else sentence[:69] + "…"}"',
                SUGGESTION,
            )


RULES = [counterfactuals]
