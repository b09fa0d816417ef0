"""How alike two incidents are: the measure behind repeated incidents and similar past incidents.

An incident is described by the terms of its title, root cause, 5-whys answers and contributing
factors:

- its words, normalised (`words.py`): "deployed" and "deploys" are one term;
- its two-word phrases ("name server", "connection pool"): a phrase two write-ups share says
  more than its two words apart;
- its failure-mode signature (`signature`): what changed (a configuration push, a deploy, a
  command run by hand, an upgrade, an expiry, a capacity change, the clock), how it spread (the
  whole fleet at once, no canary) and what broke (DNS, routing, data, sign-in, a crash), read
  from fixed phrases, so two teams that tell the same failure in different words still meet.

Terms are weighted by how rare they are in the library (inverse document frequency, as BM25
computes it): a term most incidents use counts for nothing, one that two incidents share and no
other counts most. Likeness is the cosine of two incidents' weighted terms: 0.0 nothing in
common, 1.0 the same.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmtui.library.words import stem, word_runs

if TYPE_CHECKING:
    from pmtui.document.model import Document

PHRASE_JOINER = "+"  # "name+server": terms are stored space-separated, so no space inside one
SIGNATURE_MARK = "="  # "=broke:dns"
COMMON_SHARE = 0.5  # a term in more than this share of the library is dropped...
# ...once the library is this big: in a small one, a failure mode that keeps coming back is what
# most of its incidents share, and that is the repeat to find, not boilerplate.
COMMON_AFTER = 8
SIGNATURE_WEIGHT = 2.0  # a signature feature counts this much more than a word as rare
# A repeat shares at least this many words: short write-ups ("canary too short") otherwise match on
# one word and the signature alone.
MIN_SHARED_WORDS = 3

# Words every kind of postmortem uses in passing: in a library of a dozen the rarity weights cannot
# tell yet that "took far longer" or "every region" says nothing about how something failed.
GENERIC = frozenset(stem(word) for word in """
    able across again ago also another anyone back because began begin behind came cause caused causes come
    could day done due earlier end ended engineer engineers error errors even every everyone expected
    fail failed failing failure failures far find first found get go going got hand happen happened help
    instead issue issues keep kept large larger last later least left less long longer lot made make making many
    much need needed needs new next nobody notice noticed now old one ones own part people per problem
    problems put quickly really region regions right said same saw see seen server servers service services
    set several show showed shown slowly someone start started starting status step steps still stop stopped system
    systems take taken team teams thing things time times today took two use used using various way week
    weeks went whole within work worked working year years
    down fix fixed half knew list outage outages return returned single
    site sites together tracked website
""".split())

# Failure-mode features: (feature, pattern over the lower-cased text). Patterns are whole words
# and phrases, never loose stems: "expired" alone is a cache as often as a certificate.
_FEATURES = (
    ("change:expiry", r"\b(certificates?|certs?|tls|ssl)\b[^.]{0,80}\b(expir\w*|lapsed?|renew\w*)"
                      r"|\b(expir\w*|lapsed?)\b[^.]{0,40}\b(certificates?|certs?)\b"),
    ("change:config", r"\b(configuration|config|settings?|policy|rules?|directive|content|dns) "
                      r"(change|changes|update|updates|push|pushes)\b|\bchange to the \w+ (configuration|policy)\b"),
    ("change:deploy", r"\b(deploy|deployed|release|released|new version|software release)\b"),
    ("change:manual", r"\b(by hand|typed|mistyped|typo|manual|manually|hand-typed|playbook)\b"
                      r"|\b(command|script)s? (was |were )?(run|ran|typed|given)\b"
                      r"|\b(ran|run|running|typed) (a|the|an) ([\w-]+ ){0,2}(command|script)\b"),
    ("change:external", r"\b(another|other|a third-party|a peer) (networks?|operators?|providers?|carriers?|isps?|companies)\b"
                        r"|\b(route|routes|prefix|prefixes) (were |was )?(leak\w*|hijack\w*)|\b(leak\w*|hijack\w*) (our|the|its) "
                        r"(\w+ )?(routes|prefixes)\b|\broute leaks?\b"),
    ("target:wrong", r"\bwrong (host|target|server|machine|database|environment|cluster|account|ids?)\b"
                     r"|\binstead of the (intended|secondary|test|staging)\b|\bthan intended\b"
                     r"|\bgiven the (ids?|list) of\b"),
    ("guard:none", r"\b(no|without|nothing) (a |any )?(check|checks|checked|confirmation|confirm|safeguard|"
                   r"second person|dry run|approval)\b|\bwithout asking\b|\bdid not (ask|refuse|check)\b"),
    ("change:upgrade", r"\b(unattended upgrades?|automatic (\w+ )?(security |system |os |operating system )?"
                       r"(updates?|upgrades?)|(package|system|os|kernel|operating system|security|version) "
                       r"(updates?|upgrades?)|upgraded (to|from))\b"),
    ("change:capacity", r"\b(adding (capacity|servers)|capacity (addition|removal)|quotas?|thread limit|"
                        r"traffic (spike|peak)|out of (memory|threads))\b"),
    ("change:time", r"\b(leap (day|second|year)|wall clock|monotonic clock|date arithmetic|date calculation)\b"),
    ("spread:fleet", r"\b(every|all) (\w+ )?(servers?|nodes?|regions?|locations?|data centers?|sensors?|machines?|"
                     r"zones?|hosts?|clusters?)\b|\b(at once|at the same time|in one step|whole fleet|"
                     r"whole network|fleet-wide|globally|worldwide)\b"),
    ("spread:no-canary", r"\b(no|without|skipped|skipping|skip|instead of|not) (a |the |any )?(usual )?"
                         r"(canary|canaries|staged|staggered|gradual|gradually|incremental)\b"),
    ("broke:dns", r"\b(dns|name servers?|nameservers?|resolv\w*|servfail|domain names?|name resolution)\b"),
    ("broke:routing", r"\b(bgp|routes|routing|prefixes|backbone|route announcements?)\b"),
    ("broke:data", r"\b(data loss|lost data|hours of data|data (was|were) (lost|deleted))\b"
                   r"|\b(deleted|removed|wiped|emptied) (the |all |their |its )?(\w+ )?(data|sites?|records?|tables?|"
                   r"files|data directory|database)\b|\brestor\w* (\w+ ){0,4}from (a )?backups?\b"),
    ("broke:auth", r"\b(sign[- ]in|log in|login|authentication|authenticated)\b"),
    ("broke:crash", r"\b(crash\w*|panic\w*|cpu|boot loop|infinite loop|blue screen)\b"),
)
_FEATURE_PATTERNS = tuple((name, re.compile(pattern)) for name, pattern in _FEATURES)
FEATURE_NAMES = {
    "change:expiry": "an expiry", "change:config": "a configuration change", "change:deploy": "a deploy",
    "change:external": "another network's change", "change:manual": "a command run by hand", "target:wrong": "the wrong target", "guard:none": "no safeguard", "change:upgrade": "an upgrade", "change:capacity": "capacity",
    "change:time": "the clock or a date", "spread:fleet": "everywhere at once", "spread:no-canary": "no canary",
    "broke:dns": "DNS", "broke:routing": "routing", "broke:data": "data", "broke:auth": "sign-in",
    "broke:crash": "a crash or CPU",
}


# "Nothing had been deployed", "not a configuration change": a change said not to have happened.
# Only what changed is read this way: "could not sign in" says that sign-in broke, and the
# safeguard and canary features are themselves about something missing.
_DENIED = re.compile(r"\b(no|not|nothing|never|without)\b(\W+\w+){0,2}\W+$")
_AFFIRMED_ONLY = ("change:", "target:")


def signature(texts: Iterable[str | None]) -> list[str]:
    """The failure-mode features the texts state, in `_FEATURES` order."""
    joined = "\n".join(text.lower() for text in texts if text)
    return [name for name, pattern in _FEATURE_PATTERNS if any(
        not (name.startswith(_AFFIRMED_ONLY) and _DENIED.search(joined, max(0, match.start() - 40), match.start()))
        for match in pattern.finditer(joined))]


def terms(texts: Iterable[str | None], signature_texts: Iterable[str | None] = ()) -> frozenset[str]:
    """Words, two-word phrases of adjacent words and signature features (of `texts` and `signature_texts`)."""
    texts = list(texts)
    found: set[str] = set()
    for text in texts:
        for run in word_runs(text):
            normal = [word for word in run if word not in GENERIC]
            found.update(normal)
            found.update(f"{first}{PHRASE_JOINER}{second}" for first, second in zip(run, run[1:])
                         if first != second and first not in GENERIC and second not in GENERIC)
    found.update(SIGNATURE_MARK + feature for feature in signature([*texts, *signature_texts]))
    return frozenset(found)


def compared_texts(document: Document) -> list[str | None]:
    """What two incidents are compared by: title, root cause, 5-whys answers, contributing factors."""
    cause = document.root_cause
    return [document.incident.title, cause.problem, cause.summary, *(why.answer for why in document.whys),
            *cause.contributing_factors]


def incident_terms(document: Document) -> frozenset[str]:
    """The terms of a postmortem; its summary adds to the signature only (it retells the rest)."""
    return terms(compared_texts(document), [document.incident.summary])


@dataclass(frozen=True)
class Weights:
    """Term weights of one library: rare terms weigh most, common ones nothing."""

    weight: dict[str, float]

    @classmethod
    def of(cls, term_sets: Iterable[frozenset[str]]) -> Weights:
        counted: Counter[str] = Counter()
        total = 0
        for found in term_sets:
            counted.update(found)
            total += 1
        return cls(_weights(counted, total))

    def vector(self, found: frozenset[str]) -> dict[str, float]:
        """`found` as unit-length weights (terms the library drops left out)."""
        weighted = {term: self.weight.get(term, self.unseen) for term in found}
        weighted = {term: value for term, value in weighted.items() if value > 0}
        norm = math.sqrt(sum(value * value for value in weighted.values()))
        return {term: value / norm for term, value in weighted.items()} if norm else {}

    @property
    def unseen(self) -> float:
        """The weight of a term no incident in the library has (a new incident's own words)."""
        return self.weight.get("", 0.0)


def _weights(counted: Counter[str], total: int) -> dict[str, float]:
    weights = {"": 0.0}
    for term, count in counted.items():
        if total >= COMMON_AFTER and count > COMMON_SHARE * total or count < 2:
            continue
        weight = _idf(count, total)
        weights[term] = weight * SIGNATURE_WEIGHT if term.startswith(SIGNATURE_MARK) else weight
    return weights


def _idf(count: int, total: int) -> float:
    """BM25's inverse document frequency: always positive, highest for the rarest terms."""
    return math.log(1 + (total - count + 0.5) / (count + 0.5))


def cosine(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second[term] for term, value in first.items() if term in second)


def same_change(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two incidents' terms agree on what changed: they share a "what changed" feature, or
    one of them does not say. A repeat is the same kind of change breaking the same kind of thing;
    a backbone policy typed by hand and another network's route leak both break routing, but
    they are not the same failure. (Terms, not weighted vectors: a feature only one incident of
    the library has weighs nothing, yet it still says what changed.)"""
    changes = [{term for term in found if term.startswith(_CHANGE)} for found in (first, second)]
    return not all(changes) or bool(changes[0] & changes[1])


_CHANGE = SIGNATURE_MARK + "change:"


def shared_words(first: dict[str, float], second: dict[str, float]) -> int:
    """How many single words (not phrases or signature features) the two share."""
    return sum(term in second for term in first if PHRASE_JOINER not in term and term[0] != SIGNATURE_MARK)


def shared_terms(first: dict[str, float], second: dict[str, float]) -> list[str]:
    """The terms both share, most telling first."""
    return sorted((term for term in first if term in second), key=lambda term: (-first[term] * second[term], term))


def explain(shared: list[str], spelled: dict[str, str], limit: int = 8) -> str:
    """Why two incidents match, for people: "same failure mode: …; shared: name server, DNS, …"."""
    features = [FEATURE_NAMES[term[1:]] for term in shared if term.startswith(SIGNATURE_MARK)]
    words = [readable_term(term, spelled) for term in shared if not term.startswith(SIGNATURE_MARK)]
    # A phrase already says its words: "name server" makes "name" and "server" redundant.
    in_phrases = {part for term in shared if PHRASE_JOINER in term for part in term.split(PHRASE_JOINER)}
    words = [word for term, word in zip([t for t in shared if not t.startswith(SIGNATURE_MARK)], words)
             if term not in in_phrases]
    parts = []
    if features:
        parts.append("same failure mode: " + ", ".join(features))
    if words:
        parts.append("shared: " + ", ".join(words[:limit]) + (" …" if len(words) > limit else ""))
    return "; ".join(parts)


def readable_term(term: str, spelled: dict[str, str]) -> str:
    """A term as the write-up spelled it: "name+server" -> "name server"."""
    return " ".join(spelled.get(part, part) for part in term.split(PHRASE_JOINER))
