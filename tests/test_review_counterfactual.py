"""The counterfactual rule: hindsight without a person is a warning; with a person it is blame."""

from __future__ import annotations

import datetime as dt

import pytest

from pmtui.document.model import Status
from pmtui.review import blocking_findings, review
from pmtui.review.counterfactual import counterfactual_sentences
from tests.document_factory import make_document

TODAY = dt.date(2026, 4, 21)


@pytest.mark.parametrize(
    "sentence",
    [
        "If only the backup alerts had gone to a monitored channel.",
        "This could have been prevented if the canary had run longer.",
        "The bad rule should have been caught in staging.",
        "The whole outage was entirely avoidable.",
        "A lock timeout would have prevented the backlog.",
        "Restoring from a local snapshot could have cut the outage in half.",
        "A second replica would have reduced the impact.",
        "Had the restore been tested, the outage would have been shorter.",
        "This should never have reached production.",
        # what should have happened, whatever the verb
        "The expired certificate should have been renewed automatically.",
        "The change ought to have gone through the staged rollout.",
        "Rollback should have started at 14:10 but started at 14:40.",
        # "had …, … could not have", "with …, … would never have"
        "Had the rate limiter been per tenant, one import could not have saturated the pool.",
        "With a second reviewer, this would never have reached production.",
        # the third conditional in either order, with would, could or might
        "The outage could have been much shorter if the runbook had listed the restore times.",
        "A slower rollout might have caught the regression.",
        "A simple confirmation prompt would've saved us.",
        "If we had tested the restore, we'd have known the backups were empty.",
        "It would have been better to wait for the replica to catch up.",
        # hindsight named as such
        "In hindsight the warning signs were all there.",
        "Looking back, the cache was the obvious suspect.",
        # a missing safeguard as the subject, the ideal against what happened, what was lacking
        "A simple version check at startup would have revealed the stale binary.",
        "A maximum-prefix limit would have shut the sessions down before traffic moved.",
        "Ideally the alert would have fired within a minute.",
        "We should have had a runbook for this scenario.",
        "The problem would not have occurred with proper input validation.",
        # sooner than it did, the conditional inverted mid-sentence, a chance named as missed
        "The rollback could have started ten minutes earlier.",
        "Earlier detection was possible had the logs been indexed.",
        "We missed an opportunity to catch this in staging.",
        "We missed an opportunity to set up a scrubbing service before the attack.",
        # the conditional at the end, a safeguard's benefit whatever names it, a condition as "with …"
        "The duplicate invoices would not have been created had the batch been idempotent.",
        "Earlier detection was possible had queue latency been monitored.",
        "An alert on resend volume would have told us within minutes.",
        "Encrypting the export at rest would have made the open bucket far less harmful.",
        "A separate ring for the hosts, patched a week after their guests, would have kept both sites up.",
        "The rounding error would not have accumulated with integer cents in the ledger.",
        "If the sync could resume where it stopped, the morning storm would not have happened.",
        "The holds would have been released automatically if the controller sent a cancel on every path.",
        "The stock could have been saved had the backup freezers been used at once.",
        "06:14 (added after review): In hindsight the storm was visible in the March metrics too.",
        "The upgrade could have been staged on one replica first, which would have shown the cold cache.",
        "The duplicate batches would not have been sent had deletion happened on the first page.",
        "The rate service could have refused bookings instead of pricing them at zero.",
    ],
)
def test_hindsight_is_found(sentence: str) -> None:
    assert counterfactual_sentences(sentence) == (sentence,)


def test_an_answer_weighs_the_course_not_taken_only_after_a_decision() -> None:
    # after a question about what happened, the answer's missing safeguard is hindsight
    answer = "An alert on resend volume would have told us within minutes."
    assert counterfactual_sentences(f"Why did practices find the duplicates first? {answer}") == (answer,)
    # after a question about someone's decision, it is the reasoning the rule asks for
    reasoning = "A full replay would have told us nothing new and duplicated a day of logs."
    assert counterfactual_sentences(f"Why did Marco replay from the checkpoint? {reasoning}") == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "If the lag grows past ten minutes, the orchestrator fails over.",
        "The team could not have known the restore would take eighteen hours.",
        "If the prompt had shown the hostname in red, would the hosts have looked different?",
        "The queue would have drained in an hour at the normal rate, so we waited.",
        'The vendor wrote "this should have been caught" in their report.',
        # a design stated against how it behaved explains the mechanism
        "The deploy pipeline should have stopped at the canary but its check returned early.",
        "The change should have been a no-op, according to its description.",
        "Looking back at the logs, the first error came at 13:42.",
        "We would have liked to publish this report sooner.",
        # a question someone asked, reported
        "Omar asked whether the cache should have been warmed before the switch.",
        # what should happen next is a plan, not hindsight
        "The team should have the new alerts in place by next Friday.",
        "The runbook says the rollback should take ten minutes.",
        "We cut the outage short by failing over to the standby.",
        # what a course would have cost, what could not have been seen, a design described
        "Grace rolled back because patching each account would have needed a script the team had never run.",
        "No alert watched file sizes, so the capacity review could not have shown the table growing.",
        "Backfilled events would have paged customers about old errors, so notifications stayed off.",
        "None of them alone would have cut the power.",
        "The memory alerts that would have paged the vendor's engineers never fired.",
        # a decision's reasons weigh the course not taken
        "Why did Marco replay from the checkpoint rather than from zero? A full replay would have duplicated a day of logs.",
        "The update that should have brought every agent to the same version left one node on the old one.",
    ],
)
def test_plain_conditionals_and_questions_stay_quiet(sentence: str) -> None:
    assert counterfactual_sentences(sentence) == ()


def test_a_warning_that_never_blocks_and_blame_wins_for_a_person() -> None:
    document = make_document(
        {"participants": ["Maria"], "status": "in_review"},
        root_cause={"contributing_factors": [
            "The expiry should have been caught by monitoring.",
            "If Maria had checked the expiry, this would not have happened.",
        ]},
    )
    found = [(f.rule, f.severity, f.path) for f in review(document, today=TODAY) if f.rule in ("counterfactual", "blame-name")]
    assert found == [
        ("counterfactual", "warning", "root_cause.contributing_factors[0]"),
        ("blame-name", "error", "root_cause.contributing_factors[1]"),
    ]
    assert "counterfactual" not in {f.rule for f in blocking_findings(document, Status.IN_REVIEW)}
    (finding,) = [f for f in review(document, today=TODAY) if f.rule == "counterfactual"]
    assert finding.suggestion and "made sense at the time" in finding.suggestion
