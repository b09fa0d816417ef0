"""Generate a big postmortem: the timeline of an imported chat export plus its alerts, a branching
5-whys tree and many action items addressing it. Deterministic for a given seed.

    python benchmarks/bigdoc.py big.toml                      # 10,000 events, 500 whys, 300 actions
    python benchmarks/bigdoc.py small.json --events 10 --whys 5 --actions 3

Importable: `make_document(events=10_000, whys=500, actions=300, seed=0)` returns the Document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from pmtui import storage
from pmtui.document.model import Document, Milestone

PEOPLE = ["amara", "ben", "chen", "dana", "eli", "farah", "gus", "hana", "ivan", "jo", "kai", "lena", "mo",
          "nia", "omar", "priya", "quinn", "rosa", "sam", "tariq"]
SERVICES = ["checkout", "payments", "search", "auth", "inventory", "orders", "gateway"]
CHAT = [
    "{person}: anyone else seeing 5xx on {service}?",
    "{person}: error rate on {service} is at {rate}% and climbing",
    "{person}: I'm looking at the {service} dashboards now",
    "{person}: rolling back {service} to the previous build",
    "{person}: rollback done, watching the graphs",
    "{person}: db connections on {service} are pinned at the pool limit",
    "{person}: paging the database on-call",
    "{person}: status page updated: investigating elevated errors",
    "{person}: p99 latency for {service} back under 300ms",
    "{person}: customer support reports {count} new tickets",
    "{person}: can someone check whether the cron job ran at the usual time?",
    "{person}: I think it's the config change from this morning, diffing it now",
    "{person}: shifting 50% of traffic to the secondary region",
    "{person}: ack, taking comms",
    "{person}: let's keep this channel for the incident only please",
    "{person}: graphs look stable for the last 10 minutes",
]
ALERTS = [
    "[FIRING:1] {service} HighErrorRate ({rate}% 5xx over 5m)",
    "[FIRING:1] {service} LatencyP99 above 2s",
    "[RESOLVED] {service} HighErrorRate",
    "PagerDuty: incident #{count} triggered for {service} (escalation level 1)",
    "PagerDuty: acknowledged by {person}",
    "[FIRING:2] {service} DBPoolSaturation at {rate}%",
]
WHY_ANSWERS = [
    "The {service} pool hit its connection limit",
    "Each request held two connections instead of one",
    "A retry loop in the client doubled the load on {service}",
    "The config change raised the timeout from 2s to 30s",
    "Load tests do not cover the retry path",
    "Nobody reviews capacity for {service} after a release",
    "The alert threshold was tuned for last year's traffic",
    "The runbook for {service} failover describes the old cluster",
]
ACTIONS = [
    "Alert on {service} pool saturation above 80%",
    "Add jittered backoff to {service} client retries",
    "Load test the retry path of {service} in CI",
    "Review {service} capacity after every major release",
    "Update the {service} failover runbook",
    "Cap the {service} request timeout at 5s",
]
# Where in the chat each milestone falls (a share of the timeline), and what was said then.
MILESTONES = [
    (Milestone.TRIGGER, 0.0, "deploy bot: config change 4411 rolled out to checkout"),
    (Milestone.IMPACT_START, 0.01, "[FIRING:1] checkout HighErrorRate (12% 5xx over 5m)"),
    (Milestone.DETECTED, 0.05, "PagerDuty: incident #4411 triggered for checkout"),
    (Milestone.ACKNOWLEDGED, 0.06, "PagerDuty: acknowledged by dana"),
    (Milestone.DECLARED, 0.08, "lena: declaring a SEV1, I'm incident commander"),
    (Milestone.MITIGATED, 0.6, "dana: retries disabled, error rate dropping"),
    (Milestone.RESOLVED, 0.9, "[RESOLVED] checkout HighErrorRate"),
    (Milestone.CLOSED, 1.0, "lena: closing the incident, postmortem to follow"),
]
START = dt.datetime(2026, 4, 20, 8, 55, tzinfo=dt.UTC)


def _fill(rng: random.Random, template: str) -> str:
    return template.format(person=rng.choice(PEOPLE), service=rng.choice(SERVICES), rate=rng.randint(2, 80),
                           count=rng.randint(1, 400))


def _milestone_positions(count: int) -> dict[int, tuple[Milestone, str]]:
    """Index of each milestone's event; in a short timeline they take consecutive events."""
    positions: dict[int, tuple[Milestone, str]] = {}
    previous = -1
    for milestone, share, text in MILESTONES:
        index = max(round(share * (count - 1)), previous + 1)
        if index < count:
            positions[index] = (milestone, text)
            previous = index
    return positions


def _timeline(rng: random.Random, count: int) -> list[dict[str, object]]:
    """Chat messages with alerts between them, about 20 seconds apart, as an importer writes them."""
    milestones = _milestone_positions(count)
    moment = START
    entries: list[dict[str, object]] = []
    for index in range(count):
        moment += dt.timedelta(seconds=rng.randint(0, 40))
        is_alert = rng.random() < 0.15
        entry: dict[str, object] = {
            "time": moment, "event": _fill(rng, rng.choice(ALERTS if is_alert else CHAT)), "id": f"T{index + 1}",
            "source": "Alertmanager" if is_alert else "Slack #inc-checkout",
        }
        if index in milestones:
            milestone, entry["event"] = milestones[index]
            entry["milestone"] = milestone.value
        entries.append(entry)
    return entries


def _why_ids(rng: random.Random, count: int) -> list[str]:
    """A branching tree: up to 5 top-level answers, each node 0-3 answers deep down to level 6."""
    children: dict[str | None, int] = {None: 0}
    ids: list[str] = []
    while len(ids) < count:
        open_parents = [parent for parent, used in children.items()
                        if used < (5 if parent is None else 3) and (parent is None or parent.count(".") < 5)]
        parent = rng.choice(open_parents)
        children[parent] += 1
        why_id = f"{parent}.{children[parent]}" if parent else str(children[parent])
        children[why_id] = 0
        ids.append(why_id)
    return sorted(ids, key=lambda why_id: [int(part) for part in why_id.split(".")])


def make_document(events: int = 10_000, whys: int = 500, actions: int = 300, seed: int = 0) -> Document:
    rng = random.Random(seed)
    timeline = _timeline(rng, events)
    why_ids = _why_ids(rng, whys)
    leaves = {why_id for why_id in why_ids if not any(other.startswith(why_id + ".") for other in why_ids)}
    mapping = {
        "incident": {
            "title": "Checkout errors after a config change", "id": "INC-2026-0420", "severity": "SEV1",
            "status": "in_review", "date": START.date(), "timezone": "Europe/Berlin", "author": "dana",
            "facilitator": "lena", "participants": rng.sample(PEOPLE, 8), "tags": ["checkout", "config", "database"],
            "summary": "A config change raised client timeouts; retries exhausted the checkout database pool.",
        },
        "impact": {"users_affected": "about 30% of checkout attempts failed", "support_tickets": "412"},
        "timeline": timeline,
        "detection": {"how": "alert", "notes": "HighErrorRate fired four minutes after impact started."},
        "root_cause": {"problem": "Checkout requests failed while the database pool was exhausted.",
                       "summary": "Long timeouts and retries held connections until the pool ran out.",
                       "contributing_factors": ["no alert on pool saturation", "retry without backoff"]},
        "whys": [
            {"id": why_id, "answer": _fill(rng, rng.choice(WHY_ANSWERS)), "root": why_id in leaves and rng.random() < 0.2,
             "evidence": [f"T{rng.randint(1, events)}"] if events and rng.random() < 0.3 else []}
            for why_id in why_ids
        ],
        "findings": {"went_well": ["Rollback was quick once decided"], "went_poorly": ["Slow to page the owner"],
                     "lessons": ["Retries without backoff turn a slowdown into an outage"]},
        "action_items": [
            {"id": f"AI-{number}", "action": _fill(rng, rng.choice(ACTIONS)), "owner": rng.choice(PEOPLE),
             "due": START.date() + dt.timedelta(days=rng.randint(7, 90)), "priority": rng.choice(["P1", "P2", "P3"]),
             "status": rng.choice(["open", "open", "in_progress", "done"]),
             "kind": rng.choice(["prevent", "detect", "mitigate", "process"]),
             "addresses": rng.choice(why_ids) if why_ids else None}
            for number in range(1, actions + 1)
        ],
    }
    return Document.model_validate(mapping)


def make_small_document(seed: int = 0) -> Document:
    """The same incident at the size of a quick review: 10 events."""
    return make_document(events=10, whys=5, actions=3, seed=seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="where to write it (.toml or .json)")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--whys", type=int, default=500)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    document = make_document(args.events, args.whys, args.actions, args.seed)
    storage.write_atomic(args.file, storage.dumps(document, storage.format_for(args.file)))
    print(f"wrote {args.file}: {len(document.timeline)} events, {len(document.whys)} whys, "
          f"{len(document.action_items)} action items")


if __name__ == "__main__":
    main()
