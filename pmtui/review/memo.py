"""The review pass of a document being edited: reread only the sections an edit replaced.

An editor that replaces a section whenever it changes it (a new timeline list, a new `whys` list,
a new `incident` model), and never changes one in place, can keep a `ReviewMemo` and pass it to
`review(memo=...)`: each rule's findings are kept with the section objects it read and reused while
they are the same objects. The prose rules (blame, hindsight) are kept per section, so adding a why
to a 10,000-event document does not reread the 10,000 events. The findings are exactly those of a
review without the memo (tests/app/test_session_review_memo.py compares them over random edit sequences).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pmtui.document.model import Document
from pmtui.review import actions, blame, counterfactual, root_cause, timeline_rules
from pmtui.review.fields import TEXT_SECTIONS, section_text_fields
from pmtui.review.findings import Finding, ReviewContext

Rule = Callable[[ReviewContext], Iterable[Finding]]

# The sections a rule reads, where it is not the whole document (the context's status, day, config
# and resolved times are part of every rule's key).
_READS: dict[Rule, tuple[str, ...]] = {
    **dict.fromkeys(actions.RULES, ("action_items",)),
    actions.shallow: ("action_items", "whys"),
    **dict.fromkeys(timeline_rules.RULES, ("timeline", "incident")),
    timeline_rules.slow_detection: ("timeline", "incident", "action_items"),
    **dict.fromkeys(root_cause.RULES, ("whys", "incident", "action_items")),
}
_ALL_SECTIONS = tuple(Document.model_fields)

# The prose rules, read section by section: blame also reads the text just before a section's first
# field (a pronoun refers back to the person last named), and both read the incident's people.
_BY_SECTION: dict[Rule, Callable[[ReviewContext, list[tuple[str, str]], str], Iterator[Finding]]] = {
    blame.blame_language: blame.blame_in,
    counterfactual.counterfactuals: lambda context, fields, earlier: counterfactual.counterfactuals_in(context, fields),
}


class ReviewMemo:
    """Each rule's findings from earlier passes, with what they were computed from."""

    def __init__(self) -> None:
        # key -> (the objects read, compared by identity; the values read, compared by equality; findings, text after)
        self._kept: dict[tuple[Rule, str], tuple[tuple[Any, ...], tuple[Any, ...], list[Finding], str]] = {}
        # section -> (the section object, its prose fields): both prose rules read the same list
        self._fields: dict[str, tuple[Any, list[tuple[str, str]]]] = {}

    def findings(self, rule: Rule, context: ReviewContext) -> list[Finding]:
        if rule in _BY_SECTION:
            return self._prose_findings(rule, context)
        document = context.document
        objects = (*(getattr(document, name) for name in _READS.get(rule, _ALL_SECTIONS)), context.known_instants)
        return self._reuse((rule, ""), objects, _values(context), lambda: (list(rule(context)), ""))[0]

    def _prose_findings(self, rule: Rule, context: ReviewContext) -> list[Finding]:
        document, by_section = context.document, _BY_SECTION[rule]
        found: list[Finding] = []
        earlier = ""
        for section in TEXT_SECTIONS:
            def scan(section: str = section, earlier: str = earlier) -> tuple[list[Finding], str]:
                fields = self._prose_fields(document, section)
                return list(by_section(context, fields, earlier)), fields[-1][1] if fields else earlier

            objects = (getattr(document, section), document.incident)
            section_findings, earlier = self._reuse((rule, section), objects, (*_values(context), earlier), scan)
            found += section_findings
        return found

    def _prose_fields(self, document: Document, section: str) -> list[tuple[str, str]]:
        kept = self._fields.get(section)
        if kept is None or kept[0] is not getattr(document, section):
            kept = self._fields[section] = (getattr(document, section), list(section_text_fields(document, section)))
        return kept[1]

    def _reuse(self, key: tuple[Rule, str], objects: tuple[Any, ...], values: tuple[Any, ...],
               compute: Callable[[], tuple[list[Finding], str]]) -> tuple[list[Finding], str]:
        kept = self._kept.get(key)
        if kept is not None and values == kept[1] and all(new is old for new, old in zip(objects, kept[0], strict=True)):
            return kept[2], kept[3]
        found, after = compute()
        self._kept[key] = (objects, values, found, after)  # holding the objects keeps their identity from being reused
        return found, after


def _values(context: ReviewContext) -> tuple[Any, ...]:
    return context.status, context.today, context.config
