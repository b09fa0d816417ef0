"""A small library whose every figure is known, for the library tests.

Twelve incidents over four quarters (2025-Q3 to 2026-Q2, three each), seven of them
deploy-related, two of them the same connection-pool failure; eighteen action items with due
dates around TODAY. The numbers the tests assert are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pmtui import storage
from pmtui.document.model import Document

TODAY = dt.date(2026, 6, 15)


@dataclass
class Spec:
    number: int
    date: str
    severity: str | None
    detection: str | None
    title: str
    problem: str
    factors: list[str]
    tags: list[str]
    ttd: int | None  # minutes from trigger to detected; None: no milestones at all
    ttr: int | None  # minutes from impact start to resolved
    actions: list[tuple[str | None, str, str | None]] = field(default_factory=list)  # (due, status, owner)


SPECS = [
    Spec(1, "2025-07-10", "SEV2", "alert", "Checkout errors after deploy", "A deploy shipped a query without an index",
         ["deploy went out without a canary"], ["checkout"], 5, 60,
         [("2025-08-01", "done", "ana"), ("2025-08-15", "open", "ben")]),
    Spec(2, "2025-08-02", "SEV3", "customer", "Expired certificate on the API", "The TLS certificate expired",
         ["certificate renewal was manual"], [], 30, 90, [("2025-09-01", "done", "ana")]),
    Spec(3, "2025-09-20", "SEV3", "alert", "Payments connection pool exhausted",
         "The payments database connection pool was exhausted under peak traffic",
         ["pool size unchanged since launch"], ["capacity"], 10, 40, [("2025-10-15", "wont_do", "chen")]),
    Spec(4, "2025-10-05", "SEV1", "alert", "Search outage after release", "The release removed a feature flag default",
         ["rollback took too long"], ["deploy"], 2, 120,
         [("2025-11-01", "done", "ben"), ("2025-12-01", "in_progress", "dana")]),
    Spec(5, "2025-11-11", "SEV3", "internal", "Batch job stuck", "A batch job deadlocked on a lock",
         ["vendor SDK retries forever"], [], 60, 180, [("2026-01-10", "done", "ana")]),
    Spec(6, "2025-12-24", "SEV4", "alert", "Login slow after deployment", "The deployment enabled debug logging",
         ["canary too short"], [], 8, 30, [("2026-01-20", "done", "ben")]),
    Spec(7, "2026-01-15", "SEV2", "customer", "Orders connection pool exhausted",
         "The orders database connection pool was exhausted under peak traffic",
         ["missing monitoring on pool usage"], ["capacity"], 45, 100, [("2026-03-01", "done", "chen")]),
    Spec(8, "2026-02-03", "SEV3", "alert", "Bad deploy broke image uploads", "A deploy changed the upload bucket name",
         ["deploy on Friday evening", "no alert on upload errors"], [], 15, 50,
         [("2026-03-20", "done", "ana"), ("2026-04-01", "open", "ben")]),
    Spec(9, "2026-03-30", None, None, "Notification emails delayed", "", [], [], None, None,
         [(None, "open", None)]),
    Spec(10, "2026-04-12", "SEV2", "alert", "Reporting broke after rollout", "The rollout changed a date format",
         ["release checklist skipped"], [], 20, 70,
         [("2026-05-01", "done", "dana"), ("2026-05-15", "wont_do", "chen")]),
    Spec(11, "2026-05-01", "SEV3", "customer", "Cache stampede after deploy", "A deploy flushed the cache",
         ["alert threshold too high"], ["deploy"], 25, 65,
         [("2026-06-15", "open", "ana"), ("2026-06-01", "done", "ben")]),
    Spec(12, "2026-06-01", "SEV1", "internal", "DNS record deleted", "A cleanup script deleted a DNS record",
         ["cleanup script had no dry run", "ran as part of a deploy"], ["dns"], 12, 80,
         [("2026-07-01", "open", "dana"), ("2026-06-10", "in_progress", "ana")]),
]


def _clock(minutes: int) -> str:
    return f"{10 + minutes // 60:02d}:{minutes % 60:02d}:00"


def document_for(spec: Spec) -> Document:
    timeline = []
    if spec.ttd is not None and spec.ttr is not None:
        timeline = [
            {"time": _clock(0), "event": "Change rolled out", "milestone": "trigger"},
            {"time": _clock(0), "event": "Errors start", "milestone": "impact_start"},
            {"time": _clock(spec.ttd), "event": "Alert fired", "milestone": "detected"},
            {"time": _clock(spec.ttr), "event": "Recovered", "milestone": "resolved"},
        ]
        timeline.sort(key=lambda event: event["time"])
    incident: dict[str, object] = {"title": spec.title, "id": f"INC-{spec.number:03d}", "date": spec.date,
                                   "tags": spec.tags, "status": "final" if spec.number % 2 else "in_review"}
    if spec.severity:
        incident["severity"] = spec.severity
    items = []
    for position, (due, status, owner) in enumerate(spec.actions, start=1):
        item: dict[str, object] = {"id": f"AI-{position}", "action": f"Follow-up {position} of incident {spec.number}",
                                   "status": status, "priority": "P2"}
        if due:
            item["due"] = due
        if owner:
            item["owner"] = owner
        items.append(item)
    return Document.model_validate({
        "incident": incident,
        "timeline": timeline,
        "detection": {"how": spec.detection} if spec.detection else {},
        "root_cause": {"problem": spec.problem, "contributing_factors": spec.factors},
        "action_items": items,
    })


def write_corpus(folder: Path) -> list[Path]:
    """The twelve incidents under `folder` (by year, TOML and a few JSON); returns their paths."""
    paths = []
    for spec in SPECS:
        extension = "json" if spec.number % 4 == 0 else "toml"
        path = folder / spec.date[:4] / f"{spec.date}-{spec.number:02d}.{extension}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(storage.dumps(document_for(spec), extension))
        paths.append(path)
    return paths


def write_document(folder: Path, name: str, **incident: object) -> Path:
    """One more postmortem from keyword sections: write_document(dir, "a.toml", incident={...})."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(storage.dumps(Document.model_validate(incident), path.suffix.lstrip(".")))
    return path
