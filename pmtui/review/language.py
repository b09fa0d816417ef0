"""Small text helpers the wording rules share: quotes, sentences, clauses, casing, articles."""

from __future__ import annotations

import re
import unicodedata

# Quoted text is someone else's words (a customer's ticket, an error message): never judged.
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|`[^`\n]*`')
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
# Where a clause ends: punctuation, a dash, or a conjunction that starts a new thought.
_CLAUSE_END = re.compile(
    r"[,;:!?()\n—–]|\.(?=\s|$)|\s+-\s+"
    r"|\s(?:because|but|so|which|while|although|though|and|when|after|since|until|as|then|who|whereas|or)\b",
    re.IGNORECASE,
)
_SENTENCE_OPENING = re.compile(r"[\s\-*•>\"'“‘(]*")
_ARTICLE_BEFORE = re.compile(r"\b(a|an)\s+$", re.IGNORECASE)


def normalized(text: str) -> str:
    """NFC form, so "Zoë" typed with a combining diaeresis still matches the name."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def mask_quotes(text: str) -> str:
    """`text` with quoted passages blanked out, offsets unchanged."""
    return _QUOTED.sub(lambda match: " " * len(match.group()), text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, end including its closing punctuation, blanks skipped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if match.group() != "\n" else match.start()
        if text[start:end].strip():
            spans.append(_trimmed(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_around(text: str, position: int) -> tuple[int, int]:
    for start, end in sentence_spans(text):
        if start <= position < end:
            return start, end
    return _trimmed(text, 0, len(text))


def clause_end(text: str, position: int) -> int:
    match = _CLAUSE_END.search(text, position)
    end = match.start() if match else len(text)
    while end > position and text[end - 1].isspace():
        end -= 1
    return end


def starts_sentence(text: str, position: int) -> bool:
    start, _ = sentence_around(text, position)
    opening = _SENTENCE_OPENING.match(text, start)
    return opening is not None and opening.end() >= position


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def splice(text: str, start: int, end: int, new: str) -> str:
    """Replace text[start:end] with `new`, matching sentence casing and the article before it."""
    before = text[:start]
    new = capitalized(new) if starts_sentence(text, start) else new[:1].lower() + new[1:]
    article = _ARTICLE_BEFORE.search(before)
    if article:
        if re.match(r"(?:an?|the)\s", new, re.IGNORECASE):
            before = before[: article.start()]
        else:
            fitting = "an" if new[:1].lower() in "aeiou" else "a"
            if article.group(1)[0].isupper():
                fitting = capitalized(fitting)
            before = before[: article.start()] + fitting + before[article.end(1):]
    return before + new + text[end:]
