"""A realistic library of generated postmortems, for benchmarks and for trying the library views.

    python benchmarks/generate.py DIR [--count 1000] [--seed 7]

Each incident is one of a set of scenarios (a bad deploy, an expired certificate, a saturated
connection pool...) filled in with a service, people and times: varied severities and tags,
timelines of 10-40 events with milestones, contributing factors worded differently from one
incident to the next, 2-6 action items (older ones more often done), dates over three years.
Mostly TOML, one in ten JSON, spread over year folders as teams keep them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from pmtui import storage
from pmtui.document.model import Document

SERVICES = ["checkout", "payments", "search", "auth", "inventory", "notifications", "billing", "catalog",
            "recommendations", "gateway", "orders", "shipping", "accounts", "media", "reporting"]
PEOPLE = ["amara", "ben", "chen", "dana", "eli", "farah", "gus", "hana", "ivan", "jo", "kai", "lena",
          "mo", "nia", "omar", "priya", "quinn", "rosa", "sam", "tariq"]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London"]


@dataclass(frozen=True)
class Scenario:
    title: str
    problem: str
    summary: str
    tags: tuple[str, ...]
    factors: tuple[str, ...]
    whys: tuple[str, ...]
    actions: tuple[str, ...]
    lessons: tuple[str, ...]


SCENARIOS = [
    Scenario(
        "{service} errors after deploy of {version}",
        "A deploy of {service} {version} shipped a query without an index.",
        "The {version} release changed the order lookup; the new query scanned the whole table.",
        ("deploy", "database"),
        ("deploy went out without a canary", "no load test for the new query", "rollback took too long",
         "release checklist skipped"),
        ("The query scanned the whole table", "The migration adding the index was not in the release",
         "Migrations and code ship separately", "Nobody owns the release checklist"),
        ("Add a canary stage to the {service} pipeline", "Run the slow-query check in CI",
         "Make rollback one command", "Ship migrations before code"),
        ("Canaries catch what staging cannot", "Rollback must be rehearsed"),
    ),
    Scenario(
        "Expired TLS certificate on {service}",
        "The TLS certificate for {service} expired and clients refused to connect.",
        "Renewal was manual and the reminder went to someone who had left.",
        ("certificates", "tls"),
        ("certificate renewal was manual", "no alert on certificate expiry", "ownership unclear after reorg"),
        ("The certificate expired", "Renewal was manual", "Automation was never prioritised"),
        ("Automate certificate renewal for {service}", "Alert 14 days before any certificate expires",
         "Document certificate ownership"),
        ("Anything manual and yearly will be forgotten",),
    ),
    Scenario(
        "{service} connection pool exhausted",
        "The {service} database connection pool was exhausted under peak traffic.",
        "A traffic spike doubled the connections held per request; the pool hit its limit.",
        ("capacity", "database"),
        ("pool size unchanged since launch", "traffic spike not forecast", "missing monitoring on pool usage",
         "retry storm from clients"),
        ("Requests waited for connections", "The pool was too small for peak", "Capacity was never reviewed"),
        ("Alert on pool saturation above 80%", "Review capacity for {service} quarterly",
         "Add jittered backoff to client retries"),
        ("Capacity reviews need a calendar slot",),
    ),
    Scenario(
        "Config change broke {service} routing",
        "A configuration change removed the default route for {service}.",
        "A feature flag rollout shipped a config file with a missing key.",
        ("config",),
        ("config change not reviewed", "no validation of config files", "feature flag rolled out to 100% at once"),
        ("The default route was missing", "The config file lacked a key", "Config has no schema"),
        ("Validate config against a schema in CI", "Roll out flags in stages", "Require review for config changes"),
        ("Config is code",),
    ),
    Scenario(
        "Upstream {vendor} outage degraded {service}",
        "The {vendor} API returned errors and {service} had no fallback.",
        "Our dependency on {vendor} was synchronous on the checkout path.",
        ("dependency", "third-party"),
        ("no fallback for vendor outage", "timeouts too long on upstream calls", "vendor status page not watched"),
        ("Calls to {vendor} failed", "There was no fallback", "The dependency was never classified as critical"),
        ("Add a circuit breaker around {vendor} calls", "Shorten upstream timeouts to 2s",
         "Subscribe on-call to the {vendor} status page"),
        ("Every critical dependency needs a degraded mode",),
    ),
    Scenario(
        "{service} latency alert ignored for hours",
        "A noisy alert for {service} latency was silenced and a real regression went unnoticed.",
        "The alert threshold had been raised twice; the page was acknowledged and forgotten.",
        ("alerting", "on-call"),
        ("alert threshold too high", "alert fatigue from noisy pages", "no escalation after acknowledgement"),
        ("The page was acknowledged and dropped", "The alert fired every day", "Thresholds were never tuned"),
        ("Tune {service} latency alerts", "Escalate unresolved pages after 30 minutes",
         "Weekly review of noisy alerts"),
        ("An alert that always fires is an alert that never fires",),
    ),
    Scenario(
        "Disk full on {service} database primary",
        "The {service} database primary ran out of disk space.",
        "Log retention grew after a library upgrade; nobody watched disk usage.",
        ("capacity", "database", "storage"),
        ("no alert on disk usage", "log retention changed by upgrade", "capacity not reviewed"),
        ("Writes failed", "The disk was full", "Logs grew unbounded"),
        ("Alert at 80% disk usage", "Cap log retention for {service}", "Add disk to the capacity review"),
        ("Watch every resource that can run out",),
    ),
    Scenario(
        "DNS misconfiguration took down {service}",
        "A DNS record for {service} was deleted during a cleanup.",
        "A cleanup script treated the record as unused.",
        ("dns", "network", "config"),
        ("cleanup script had no dry run", "dns changes not reviewed", "missing monitoring on external endpoints"),
        ("The record was deleted", "The script thought it unused", "There is no inventory of records"),
        ("Add a dry run to the DNS cleanup script", "Synthetic checks on public endpoints",
         "Keep DNS in version control"),
        ("Destructive scripts need a dry run",),
    ),
    Scenario(
        "Bad deploy of {service} rolled back",
        "The {service} {version} build had a null pointer in the session handler.",
        "The bug was on a path the tests did not cover.",
        ("deploy", "testing"),
        ("test coverage gap in session handling", "canary too short to catch the error",
         "deploy on Friday evening"),
        ("The handler crashed on empty sessions", "No test covered empty sessions",
         "The canary ran for 5 minutes only"),
        ("Add tests for empty sessions in {service}", "Extend canary to 30 minutes", "Freeze deploys on Friday"),
        ("Short canaries give false confidence",),
    ),
    Scenario(
        "Runbook gap slowed {service} recovery",
        "Failover of {service} needed steps nobody on call knew.",
        "The runbook described the old cluster.",
        ("process", "on-call"),
        ("outdated runbook", "handoff between teams unclear", "on-call not trained on failover"),
        ("Failover stalled", "The runbook was outdated", "Runbooks are not reviewed"),
        ("Update the {service} failover runbook", "Quarterly failover drill", "Assign runbook owners"),
        ("Practise the failover before you need it",),
    ),
]

VENDORS = ["Stripe", "Twilio", "SendGrid", "Auth0", "Cloudflare", "Mapbox"]
SEVERITY_WEIGHTS = {"SEV1": 1, "SEV2": 3, "SEV3": 5, "SEV4": 2}
DETECTION_WEIGHTS = {"alert": 6, "customer": 2, "internal": 2, "other": 1}
FILLER_EVENTS = [
    "{person} joined the incident channel", "{person} checked the {service} dashboards",
    "Error rate at {rate}%", "{person} paged the database on-call", "Status page updated",
    "{person} suspects the last deploy", "Support reports more tickets", "{person} posted an update",
    "Traffic shifted to the secondary region", "Graphs look stable", "{person} opened a ticket with the vendor",
    "Customer success notified", "{person} reviewed recent changes",
]


def _fill(template: str, values: dict[str, str]) -> str:
    return template.format(**values)


def _timeline(rng: random.Random, values: dict[str, str], start: dt.datetime) -> list[dict[str, object]]:
    """10-40 events in order; the milestones spaced like a real incident."""
    count = rng.randint(10, 40)
    milestones = ["trigger", "impact_start", "detected", "acknowledged", "declared", "mitigated", "resolved"]
    gaps = [0, rng.randint(0, 5), rng.randint(1, 90), rng.randint(1, 15), rng.randint(1, 20),
            rng.randint(5, 120), rng.randint(5, 180)]
    slots = sorted(rng.sample(range(count), len(milestones)))
    minute = 0
    events: list[dict[str, object]] = []
    for index in range(count):
        if index in slots:
            milestone = milestones[slots.index(index)]
            minute += gaps[slots.index(index)]
            text = {"trigger": "Deploy or change started", "impact_start": "First customer errors",
                    "detected": "Alert fired", "acknowledged": "On-call acknowledged",
                    "declared": "Incident declared", "mitigated": "Mitigation in place",
                    "resolved": "Error rate back to normal"}[milestone]
            event: dict[str, object] = {"time": None, "event": text, "milestone": milestone}
        else:
            minute += rng.randint(0, 6)
            filler = rng.choice(FILLER_EVENTS)
            event = {"time": None, "event": _fill(filler, {**values, "person": rng.choice(PEOPLE),
                                                           "rate": str(rng.randint(2, 60))})}
        event["time"] = (start + dt.timedelta(minutes=minute)).time()
        events.append(event)
    return events


def incident_mapping(rng: random.Random, number: int, day: dt.date, today: dt.date) -> dict[str, object]:
    scenario = rng.choice(SCENARIOS)
    values = {"service": rng.choice(SERVICES), "vendor": rng.choice(VENDORS),
              "version": f"v{rng.randint(1, 9)}.{rng.randint(0, 30)}"}
    severity = rng.choices(list(SEVERITY_WEIGHTS), weights=list(SEVERITY_WEIGHTS.values()))[0]
    start = dt.datetime.combine(day, dt.time(rng.randint(0, 21), rng.randint(0, 59)))
    age_days = (today - day).days
    factors = rng.sample(scenario.factors, rng.randint(1, len(scenario.factors)))
    actions = []
    for position, template in enumerate(rng.sample(scenario.actions, min(len(scenario.actions), rng.randint(2, 6)))):
        due = day + dt.timedelta(days=rng.randint(7, 60))
        done_chance = 0.85 if age_days > 120 else 0.45
        status = "done" if rng.random() < done_chance else rng.choice(["open", "open", "in_progress", "wont_do"])
        actions.append({"id": f"AI-{position + 1}", "action": _fill(template, values), "owner": rng.choice(PEOPLE),
                        "due": due, "priority": rng.choice(["P1", "P2", "P2", "P3"]), "status": status,
                        "kind": rng.choice(["prevent", "detect", "mitigate", "process"])})
    while len(actions) < 2:
        actions.append({"id": f"AI-{len(actions) + 1}", "action": f"Write up lessons for {values['service']}",
                        "owner": rng.choice(PEOPLE), "due": day + dt.timedelta(days=14), "status": "done"})
    whys = [{"id": ".".join(["1"] * (depth + 1)), "answer": _fill(answer, values)}
            for depth, answer in enumerate(scenario.whys)]
    whys[-1]["root"] = True
    return {
        "schema_version": 1,
        "incident": {
            "title": _fill(scenario.title, values),
            "id": f"INC-{day.year}-{number:05d}",
            "severity": severity,
            "status": rng.choices(["final", "in_review", "draft"], weights=[8, 1, 1])[0],
            "date": day,
            "timezone": rng.choice(ZONES),
            "author": rng.choice(PEOPLE),
            "facilitator": rng.choice(PEOPLE),
            "participants": rng.sample(PEOPLE, 4),
            "tags": list(scenario.tags) + ([values["service"]] if rng.random() < 0.5 else []),
            "summary": _fill(scenario.summary, values) + f" Customers of {values['service']} saw errors.",
        },
        "impact": {"users_affected": f"about {rng.randint(1, 90)}% of {values['service']} users",
                   "support_tickets": str(rng.randint(0, 300))},
        "timeline": _timeline(rng, values, start),
        "detection": {"how": rng.choices(list(DETECTION_WEIGHTS), weights=list(DETECTION_WEIGHTS.values()))[0]},
        "root_cause": {"problem": _fill(scenario.problem, values), "summary": _fill(scenario.summary, values),
                       "contributing_factors": factors},
        "whys": whys,
        "findings": {"went_well": ["Rollback was quick once decided"], "went_poorly": ["Slow to page the owner"],
                     "lessons": list(scenario.lessons)},
        "action_items": actions,
    }


def generate_library(folder: Path, count: int, *, seed: int = 7, today: dt.date | None = None) -> list[Path]:
    """Write `count` postmortems under `folder` (year sub-folders); returns their paths."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    first_day = today - dt.timedelta(days=3 * 365)
    paths = []
    for number in range(1, count + 1):
        day = first_day + dt.timedelta(days=rng.randrange(3 * 365))
        mapping = incident_mapping(rng, number, day, today)
        year_folder = folder / str(day.year)
        year_folder.mkdir(parents=True, exist_ok=True)
        extension = "json" if number % 10 == 0 else "toml"
        path = year_folder / f"{day.isoformat()}-{number:05d}.{extension}"
        # Through the model and the real writer, so the files look exactly like ones pmtui saves.
        path.write_bytes(storage.dumps(Document.model_validate(mapping), extension))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate_library(args.folder, args.count, seed=args.seed)
    print(f"wrote {len(paths)} postmortems under {args.folder}")


if __name__ == "__main__":
    main()
