"""How long the review takes: `pmtui check` per sample document, and a 10,000-event document
cold, warm (the app's keystroke case) and after one edit.

Run: .venv/bin/python benchmarks/review_speed.py
"""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path

from pmtui.checking import check_paths
from pmtui.document.model import ActionItem, Document, Incident, TimelineEvent, Why
from pmtui.review import review
from pmtui.review.blame import lexicon_for
from pmtui.review.counterfactual import counterfactual_sentences

WORDING = [
    "Pool usage on db-main reached {n}% of max connections",
    "Maria paged the database on-call after alert {n}",
    "Rolled back deploy v{n} of the checkout service",
    "The health check failed to respond on node {n}",
    "Error rate on /checkout rose to {n} per second",
    "Will restarted worker {n}; queue drained slowly",
]


def big_document(events: int = 10_000) -> Document:
    start = dt.datetime(2026, 4, 20, 9, 0)
    timeline = [
        TimelineEvent(time=start + dt.timedelta(seconds=7 * n), event=WORDING[n % len(WORDING)].format(n=n))
        for n in range(events)
    ]
    timeline[10].milestone = "impact_start"
    timeline[40].milestone = "detected"
    timeline[-1].milestone = "resolved"
    return Document(
        incident=Incident(
            title="Connection pool exhaustion", severity="SEV1", date=start.date(),
            author="Maria Gonzalez", participants=["Will Turner", "Zoë Adams", "Ólafur Arnalds", "José Ruiz"],
            summary="Checkout failed for most users.",
        ),
        timeline=timeline,
        whys=[Why(id="1", answer="The pool ran out"), Why(id="1.1", answer="Connections leaked", root=True)],
        action_items=[ActionItem(action="Alert on pool saturation", owner="Maria", due=dt.date(2026, 5, 1), addresses="1.1")],
    )


def measure(label: str, action, repeat: int = 5) -> None:
    best = min(_timed(action) for _ in range(repeat))
    print(f"{label:<48} {best * 1000:8.1f} ms")


def _timed(action) -> float:
    began = time.process_time()
    action()
    return time.process_time() - began


SAMPLES = sorted(str(path) for path in (Path(__file__).parent.parent / "sample_incidents").iterdir())


def _check_samples() -> None:
    check_paths(SAMPLES, out=io.StringIO(), err=io.StringIO())


def _forget_the_texts() -> None:
    lexicon_for.cache_clear()  # each lexicon holds its own cache of scanned texts
    counterfactual_sentences.cache_clear()


def check_per_document() -> None:
    """`pmtui check` on the samples, load included, start-up excluded: first run (patterns compiled and
    modules the check imports lazily loaded), a first run for people and texts never seen once those
    modules are loaded (what each further document of a `pmtui check` run costs), and later runs."""
    _forget_the_texts()
    first = _timed(_check_samples)
    _forget_the_texts()
    unseen = _timed(_check_samples)
    again = min(_timed(_check_samples) for _ in range(5))
    print(f"{'pmtui check, per sample document, first run':<48} {first * 1000 / len(SAMPLES):8.1f} ms")
    print(f"{'pmtui check, per document, new people and texts':<48} {unseen * 1000 / len(SAMPLES):8.1f} ms")
    print(f"{'pmtui check, per sample document, again':<48} {again * 1000 / len(SAMPLES):8.1f} ms")


def main() -> None:
    check_per_document()
    document = big_document()
    today = dt.date(2026, 4, 21)
    _forget_the_texts()
    began = time.process_time()
    findings = review(document, today=today)
    print(f"{'review, cold (patterns compiled, texts scanned)':<48} {(time.process_time() - began) * 1000:8.1f} ms"
          f"  ({len(document.timeline)} events, {len(findings)} findings)")
    measure("review, warm (every text already scanned)", lambda: review(document, today=today))

    def one_edit() -> None:
        document.timeline[5000].event += "x"
        review(document, today=today)

    measure("review after editing one event", one_edit)


if __name__ == "__main__":
    main()
