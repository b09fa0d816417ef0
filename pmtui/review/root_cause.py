"""A root cause that reaches the system: deep enough, marked, not a person, and acted on.

Rule ids: `whys-shallow`, `whys-no-root`, `whys-person-root`, `whys-leaf-unaddressed`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmtui.document.model import Why
from pmtui.document.whys import leaves, max_depth
from pmtui.review.blame import PERSON_NOUN, lexicon_for
from pmtui.review.findings import WARNING, Finding, ReviewContext

# A cause that stops at a person: "human error", "the engineer ran the wrong command".
_PERSON_AS_CAUSE = re.compile(
    rf"^\s*(?:{PERSON_NOUN}|(?:a|an|the)\s+(?:person|human|engineer|operator|developer|user)|people|humans?|staff)\b"
    r"|\b(?:human|operator|pilot|personnel)\s+(?:errors?|mistakes?)\b|\b(?:lack\s+of\s+(?:care|attention|diligence))\b",
    re.IGNORECASE,
)


def shallow_chain(context: ReviewContext) -> Iterator[Finding]:
    severity = context.document.incident.severity
    minimum = context.config.min_why_depth.get(severity) if severity else None
    if minimum is None or minimum <= 1:
        return
    depth = max_depth(context.document.whys)
    if depth < minimum:
        yield Finding(
            "whys-shallow", WARNING, "whys",
            f"{severity} why chain is {depth} deep; at least {minimum} are expected",
            "Keep asking why under the deepest answer until you reach something the team can change",
        )


def no_root(context: ReviewContext) -> Iterator[Finding]:
    whys = context.document.whys
    if whys and not any(why.root for why in whys):
        yield Finding(
            "whys-no-root", WARNING, "whys", "no why is marked as a root cause",
            "Press r on the deepest cause(s) the team will act on to mark them as the root",
            file_suggestion="Mark the deepest cause(s) the team will act on with root = true",
        )


def _indexed(whys: list[Why], chosen: list[Why]) -> list[tuple[int, Why]]:
    """(index in `whys`, why) for each of `chosen`. By identity, not `whys.index(why)`: that
    compares models field by field and made a 500-why tree cost a quarter of a second per review."""
    position = {id(why): index for index, why in enumerate(whys)}
    return [(position[id(why)], why) for why in chosen]


def _root_causes(whys: list[Why]) -> list[tuple[int, Why]]:
    """The nodes marked root, or, when none is, the leaves (the de-facto root causes), with their indices."""
    return _indexed(whys, [why for why in whys if why.root] or leaves(whys))


def person_root(context: ReviewContext) -> Iterator[Finding]:
    whys = context.document.whys
    lexicon = lexicon_for(tuple(context.document.incident.people()))
    for index, why in _root_causes(whys):
        if _PERSON_AS_CAUSE.search(why.answer) or any(hit.rule == "blame-name" for hit in lexicon.scan(why.answer)):
            yield Finding(
                "whys-person-root", WARNING, f"whys[{index}].answer",
                f"root cause {why.id} stops at a person: \"{why.answer.strip()[:60]}\"",
                "Ask one more why: what let this step cause harm (a missing guard rail, a confusing tool, no alert)?",
            )


def leaf_unaddressed(context: ReviewContext) -> Iterator[Finding]:
    whys = context.document.whys
    addressed = {item.addresses for item in context.document.action_items if item.addresses}
    for index, why in _indexed(whys, leaves(whys)):
        if why.id not in addressed and not why.accepted_risk:
            yield Finding(
                "whys-leaf-unaddressed", WARNING, f"whys[{index}]",
                f"cause {why.id} has no action item addressing it and is not marked as an accepted risk",
                f"Add an action item for why {why.id} (press a in Action items, or l to link one), "
                "or press x to mark it as an accepted risk",
                file_suggestion=f'Add an action item with addresses = "{why.id}", or set accepted_risk = true on it',
            )


RULES = [shallow_chain, no_root, person_root, leaf_unaddressed]
