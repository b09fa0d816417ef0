"""Contributing-factor themes: "no alert", "missing monitoring" and "alert threshold" are one theme.

A factor's theme (`theme_of`) is the one a person would give it, as `theme_model` reads it: a model
learned from labelled factors over the factor's words and over the word rules below, which are its
evidence (`rule_theme` is the rules' own pick). On the halves of twenty-eight labelled sets neither
was fitted to, the rules alone agreed with people on 0.65 of the factors, the model on 0.885; two
people agree on 0.91.

The word rules (the patterns report describes them in the same words): each theme has a list of whole words
and phrases, with the inflections written out ("alert", "alerts", "alerted"); a factor belongs to
the theme whose words it uses most, an earlier theme in `THEMES` winning a tie (a safeguard before
what it guarded: the theme a fix of the factor would improve). Words are matched whole, never as
stems: "staged" is not "staging", "set up" is not a setting, "caches expired" is not about
certificates. Where phrases overlap the longer one counts ("status page" is about communication,
not paging). A safeguard the factor says was missing ("no alert on…", "without load testing", "no
canary") counts three times: the factor is about that gap, whatever it was a gap in; a change that
did not happen ("no traffic change") is not a missing safeguard and counts once. So do a few phrases
that decide a theme on their own count three times ("depended on", "hosted on": a shared fate is a
dependency whatever else the factor names; "known only to": knowledge one team holds is process).
A clause saying a safeguard worked ("the alert did fire on time; …") counts for nothing, and a
factor that names a defect in the code ("a race", "an off-by-one") more than any theme is
unthemed. Each theme's list holds families of words teams use for one thing ("knob", "parameter",
"option", "override" for a setting; "stampede", "herd", "retries", "reconnects" for load), not
only the words of the write-ups it was tuned on. A factor using no theme's words is unthemed (the
patterns report then groups unthemed factors by the words they repeat).

An incident belongs to the themes of its factors and of its tags, so a team that tags `deploy`
but lists no factors still counts as deploy-related. A tag counts only when it names a theme
(`deploy`, `release`, `database`, `dns`...), not on any keyword: `staging` says where it
happened, not that testing failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pmtui.library import theme_model
from pmtui.library.words import words

MISSING_WEIGHT = 3
DECISIVE_WEIGHT = 3  # phrases marked "!": a relation that decides the theme ("depended on", "hosted on")
# "no alert", "without load testing", "never been tested", "no staged canary": a word between at most.
_MISSING = re.compile(r"\b(no|not|never|without|nobody|nothing|missing|lacked|lacks|lacking)\b(\W+\w+)?\W+$")
# "no traffic change", "no config change": an event that did not happen, not a missing safeguard.
_EVENT = re.compile(r"[\s-]+changes?\b")
# A safeguard said to have worked is not the factor: its clause counts for nothing.
_WORKED = re.compile(r"\b(?:worked as (?:designed|intended|expected)|did fire|fired on time"
                     r"|(?:was|were) (?:correct|fine)|did its job|(?:was|were) not the problem)\b")
_CLAUSE_END = re.compile(r"[;:.]")


@dataclass(frozen=True)
class Theme:
    key: str  # one word: "7 of the last 12 incidents were deploy-related"
    title: str  # in tables
    phrases: tuple[str, ...]  # its words and phrases; a leading "!" marks one that decides the theme
    names: frozenset[str]  # normalised words of key and title: what a tag must say

    # Compiled on first use: `pmtui check` imports the library for its repeat rule, and most
    # checks never theme a factor.
    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Its words and phrases, whole."""
        return _whole([phrase.lstrip("!") for phrase in self.phrases])

    @cached_property
    def decisive(self) -> re.Pattern[str]:
        """Those of its phrases that decide the theme on their own."""
        return _whole([phrase[1:] for phrase in self.phrases if phrase.startswith("!")] or ["(?!)"])


def _theme(key: str, title: str, phrases: str) -> Theme:
    """`phrases`: separated by commas; `(s|ed)` writes out inflections, as in a regular expression;
    a leading "!" marks a decisive phrase."""
    listed = tuple(phrase.strip() for phrase in phrases.split(",") if phrase.strip())
    return Theme(key, title, listed, frozenset(words(f"{key} {title}")))


def _whole(phrases: list[str]) -> re.Pattern[str]:
    """One pattern matching any of `phrases` as whole words, the longest first."""
    body = "|".join(phrase.replace(" ", r"[\s-]+") for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b")


# Order matters on ties: "no alert on disk usage" is about alerting before it is about capacity; a
# fix to a safeguard (alerts, rollouts, settings, tests, runbooks) comes before what it guarded
# ("the on-call runbook had no entry for hosts at full CPU": process, not capacity).
THEMES = (
    _theme("alerting", "alerting/monitoring", """
        alert(s|ed|ing)?, alarm(s|ed)?, monitor(s|ed|ing)?, unmonitored, pag(e|es|ed|ing), pager, threshold(s)?,
        dashboard(s)?, metric(s)?, observability, noisy, synthetic (check|probe)s?, probe(s)?, reminder(s)?,
        nobody read, went to a list, went to an inbox, inbox, warnings, detect(s|ed|ion|ing)?, undetected,
        notice(d)?, unnoticed, uptime check(s)?, failed silently, silent failure(s)?, visible, visibility,
        telemetry, logging, slo(s)?, error budget(s)?, instrument(ed|ation), uninstrumented, tracing,
        blind spot(s)?, notif(y|ied|ies|ication|ications), watch(ed|es|ing)?, graph(s|ed)?, signal(s)?,
        health endpoint(s)?, stayed green, looked healthy, unseen, mute(d)?, silenced"""),
    _theme("deploy", "deploy/release", """
        deploy(s|ed|ing|ment|ments)?, release(s|d)?, rollout(s)?, roll(ed)? out, rolling out, rollback(s)?,
        roll(ed)? back, canary, canaries, pipeline(s)?, hotfix(es)?, ship(s|ped)?, staged rollout,
        staggered( rollout| rings)?, pushed to, push(es)?, applied to (all|every), in one step, went to every,
        copied to each, updates, upgrade(s)?, rolling back, revert(s|ed|ing)?, artifact(s)?, new version,
        old version, previous version, promoted to production, bake time, baking, soak, redeploy(s|ed)?,
        blue-green, roll(ed)? forward, release train(s)?, continuous deployment, stage(s)?, phased, ring(s)?,
        went out, went live, binar(y|ies), whole fleet, fleet-wide"""),
    _theme("config", "configuration", """
        config(s)?, configuration(s)?, configured, misconfigured, misconfiguration, setting(s)?,
        feature flag(s)?, flag(s)?, toggle(s)?, mode, promote primaries, yaml, manifest(s)?,
        environment variable(s)?, default value(s)?, rule(s)?, hard-coded, hardcoded, knob(s)?, parameter(s)?,
        option(s)?, override(s)?, default(s)?, properties file(s)?"""),
    _theme("certificate", "certificates/expiry", """
        certificate(s)?, cert(s)?, tls, ssl, renewal(s)?, expiry date(s)?, validity, expiration date(s)?,
        certificate authority, ocsp, revoked, revocation, lapse(d|s)?, key rotation, rotat(e|ed|es|ing),
        credential(s)?, licen(s|c)e(s)?, signing key(s)?, api key(s)?, intermediate(s)?, acme, caa, pinning,
        end date(s)?, expiry, expiring"""),
    _theme("testing", "testing", """
        test(s|ed|ing)?, untested, test coverage, coverage, qa, staging, load test(s|ing)?, validator(s)?,
        validation, simulated, not caught, did not catch, never run with, exercised, suite(s)?, end-to-end,
        integration test(s)?, pre-release, would have caught, fuzz(ed|ing)?, chaos, game day(s)?,
        rehears(al|als|ed), lint(er|ers|ing)?, pre-production, preprod, benchmark(s|ed|ing)?, verif(y|ied),
        reproduc(e|ed|ing), mock(s|ed)?, fake(s)?, drill(s)?"""),
    _theme("dependency", "dependencies/vendors", """
        dependency, dependencies, !depended on, depend on (them|it|us), !relied on, !waited on, upstream,
        downstream, vendor(s)?, carrier(s)?, third-party, provider(s)?, external, !same dns, !same network,
        !same infrastructure, !hosted under, !hosted on, !served from, !went over, !ran over,
        !through the system that was failing, !needed the failed, !needed the affected, fallback(s)?,
        !same region, !single point of failure, package(s)?, librar(y|ies), sdk(s)?, partner(s)?, supplier(s)?,
        saas, !hosted by, !served by, registry, transitive, minor version, !one facility, !ties to, circular,
        goes through, !lives in one region, shared cluster, !single shared, non-obvious"""),
    _theme("process", "process/runbooks", """
        runbook(s)?, playbook(s)?, process(es)?, procedure(s)?, hand-off, handoff, escalation, on-call, on call,
        oncall, training, documentation, ownership, owner(s)?, owned, checklist(s)?, communication(s)?,
        review(s|ed)?, second person, confirmation, approval, approved, audit, status page, status updates,
        status message(s)?, status site, !depended on one person, !relied on one person,
        !one person remembering, reorganisation, reorganization, reorg, nobody knew, no one knew, unaware,
        !departed employee, !former employee, !left the company, kill switch, by hand, terminal prompt,
        emergency, announced, in parallel, grace period, instead of selecting, known to be safe, typed,
        mistyped, wrong host, manual(ly)?, told, knew, !known only to, knowledge, ticket(s)?,
        maintenance window(s)?, second pair of eyes, declared, severity level(s)?, manager(s)?,
        coordinat(e|ed|ing|ion), incident commander, incident response, escalat(e|ed|ing), communicat(e|ed|ing),
        informed, handover, trained, untrained, documented, undocumented, wiki, sign-off, change management,
        permission(s)?, human error, responder(s)?, on-call rotation, action item(s)?, follow-up(s)?,
        wrong window, wrong terminal, wrong machine, wrong target, keystroke, on leave, on holiday, vacation"""),
    _theme("capacity", "capacity/load", """
        capacity, load, overload(s|ed)?, traffic, spike(s)?, scale(s|d)?, scaling, autoscal(er|ing), quota(s)?,
        limit(s)?, rate limit(s)?, saturat(ed|ion), exhausted, exhaustion, pool(s)?, memory, cpu, disk(s)?,
        throttl(ed|ing), forecast(s)?, retention, leak(s)?, thread count, open files, power surge, cold start,
        restarted slowly, at once exceeded, overwhelm(s|ed|ing)?, filled, headroom, ran out, run out, keep up,
        backlog, throughput, oom, out of memory, heap, thundering herd, retry storm(s)?, burst(s)?, peak,
        surge(s)?, demand, backpressure, queue depth, stampede(s)?, herd(s)?, starv(e|ed|ation|ing), worker(s)?,
        backed up, piled up, reconnect(s|ed|ing|ion|ions)?, retr(y|ies|ied|ying), connection limit(s)?,
        file descriptor(s)?, concurrency, contention, undersized, sized"""),
    _theme("network", "network/DNS", """
        network(s|ing)?, dns, timeout(s)?, partition(s)?, firewall(s)?, routing, route(s)?, latency, bgp,
        backbone, router(s)?, packet loss, name servers?, fail-static, control plane, prefix(es)?,
        prefix filter(s)?, prefix limit(s)?, maximum prefix limit(s)?, route filter(s|ing)?, route leak(s)?,
        rpki, rpki validation, announce(s|d)?, announcement(s)?, peering, transit, routing table(s)?, mtu,
        switches, link(s)?, fibre, fiber, vpn, connectivity, ip address(es)?, subnet(s)?, vpc, interconnect(s)?,
        isp(s)?, domain name(s)?, resolver(s)?, resolution, resolv(e|es|ed|ing), tunnel(s)?, prox(y|ies),
        load balancer(s)?, allow-list, allowlist, nameserver(s)?, anycast, packet(s)?, sidecar(s)?, service mesh,
        ipv6, ipv4, cidr, ingress, egress, port(s)?"""),
    _theme("data", "data/database", """
        database(s)?, db, schema(s)?, migration(s)?, quer(y|ies), replication, replica(s)?, backup(s)?,
        restore(s|d)?, restoring, data loss, delet(e|ed|es|ion), soft delete, terabytes, index subsystem,
        row(s)?, corrupt(ed|ion)?, replicated, sql, shard(s|ing)?, consistency, inconsistent, inconsistency,
        truncat(e|ed|ion), dataset(s)?, data set(s)?, purge(d)?, table(s)?, column(s)?, snapshot(s)?,
        primary key(s)?, index(es)?, reconcil(e|ed|iation), duplicate(s|d)?"""),
)
THEMES_BY_KEY = {theme.key: theme for theme in THEMES}
# A defect in the code itself ("a race in the handler", "an off-by-one", "the code never expected a
# negative value") is no theme's: no safeguard of the list names it. A factor that says so more
# than it names any theme is unthemed.
DEFECT = _theme("defect", "software defect", """
    bug(s)?, buggy, null pointer(s)?, off-by-one, race condition(s)?, race, overflow(s|ed)?, backtrack(s|ed|ing)?,
    never expected, assumed, edge case(s)?, unhandled, exception(s)?, panic(s|ked)?, defect(s)?, logic error(s)?,
    negative""")


@lru_cache(maxsize=4096)  # a library repeats its boilerplate factors ("Cause number 4")
def theme_of(text: str) -> str | None:
    """The key of the theme `text` (a factor) is about, or None: what a person would give it, read by
    `theme_model` from the factor's words and the word rules' evidence."""
    return theme_model.predict(theme_evidence(text))


def theme_evidence(text: str) -> frozenset[str]:
    """What the theme model reads of `text`: its words and the word rules' evidence."""
    scores = rule_scores(text)
    return theme_model.features(text, scores, _pick(scores))


def rule_theme(text: str) -> str | None:
    """The theme the word rules alone give `text`, or None."""
    return _pick(rule_scores(text))


def _pick(scores: dict[str, int]) -> str | None:
    best = max(THEMES, key=lambda theme: scores[theme.key])
    return best.key if scores[best.key] and scores[best.key] >= scores[DEFECT.key] else None


def rule_scores(text: str) -> dict[str, int]:
    """Each theme's weight of evidence in `text`: its words and phrases, weighted as the module says."""
    lowered = text.lower()
    matches = sorted(((match.start(), match.end(), theme) for theme in (*THEMES, DEFECT)
                      for match in theme.pattern.finditer(lowered)), key=lambda span: (span[0], span[0] - span[1]))
    scores = dict.fromkeys([*THEMES_BY_KEY, DEFECT.key], 0)
    covered = 0
    for start, end, theme in matches:
        if start < covered:
            continue  # inside a longer phrase found at an earlier start
        covered = end
        if _WORKED.search(lowered, end, _clause_end(lowered, end)):
            continue  # "the alert did fire on time; the failover took twenty minutes"
        if theme.decisive.fullmatch(lowered, start, end):
            weight = DECISIVE_WEIGHT
        elif _MISSING.search(lowered, 0, start) and not _EVENT.match(lowered, end):
            weight = MISSING_WEIGHT
        else:
            weight = 1
        scores[theme.key] += weight
    return scores


def _clause_end(text: str, start: int) -> int:
    found = _CLAUSE_END.search(text, start)
    return found.start() if found else len(text)


def tag_theme(tag: str) -> str | None:
    """The key of the theme a tag names ("deploy", "databases", "DNS"), or None."""
    found = set(words(tag))
    return next((theme.key for theme in THEMES if found & theme.names), None)


def incident_themes(factor_themes: Iterable[str | None], tags: Iterable[str]) -> list[str]:
    """The incident's themes in `THEMES` order: those of its factors and of its tags."""
    keys = {key for key in factor_themes if key} | {key for key in map(tag_theme, tags) if key}
    return [theme.key for theme in THEMES if theme.key in keys]
