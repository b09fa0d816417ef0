"""The blame check on a table of sentences: blameful ones it must catch, near misses it must not.

Precision and recall over the whole table are printed in the terminal summary and must stay 100%.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from pmtui.document.model import Status
from pmtui.review import apply_replacement, review
from pmtui.review.blame import BlameLexicon, name_aliases
from tests.document_factory import make_document

PEOPLE = [
    "Maria Gonzalez",
    "Will Turner",
    "Zoë Adams",
    "José Ruiz",
    "Ólafur Arnalds",
    "Grace Hopper",
    "Mark Chen",
    "Bill Ng",
    "@devon",
    "Priya Natarajan (SRE)",
]
LEXICON = BlameLexicon(PEOPLE)

NAME, PHRASE, QUESTION = "blame-name", "blame-phrase", "blame-question"

# (sentence, the rule that must fire, or None when the sentence is innocent)
CORPUS: list[tuple[str, str | None]] = [
    # A person named as the cause
    ("Maria forgot to renew the TLS certificate before it expired.", NAME),
    ("Because Maria forgot to bump the pool size, checkout failed.", NAME),
    ("maria made a mistake in the load balancer config.", NAME),
    ("It was Maria's fault.", NAME),
    ("The outage was Maria’s mistake, plain and simple.", NAME),
    ("Zoë didn't notice the disk alert.", NAME),
    ("ZOË didn't notice the disk alert.", NAME),
    ("Zoe\u0308 didn't notice the disk alert.", NAME),  # the same name typed with a combining diaeresis
    ("José should have checked the dashboard before deploying.", NAME),
    ("Ólafur caused the outage by running the migration on the primary.", NAME),
    ("@devon was slow to respond to the page.", NAME),
    ("Will forgot to update the runbook.", NAME),
    ("Grace failed to roll back in time.", NAME),
    ("Mark made an error in the firewall rule.", NAME),
    ("Bill's mistake took the cluster down.", NAME),
    ("Maria Gonzalez failed to follow the runbook.", NAME),
    ("Maria and Will forgot to hand over the pager.", NAME),
    ("Priya ignored the disk-space warning.", NAME),
    ("José was careless with the feature flag.", NAME),
    ("Maria should have known the cert was about to expire.", NAME),
    ("Zoë did not check the replica lag before the failover.", NAME),
    ("Will broke production with a bad config push.", NAME),
    ("Maria skipped the canary stage.", NAME),
    ("Ólafur is to blame for the outage.", NAME),
    ("The outage was the fault of Maria.", NAME),
    ("Mark messed up the DNS change.", NAME),
    ("Maria never checked the replication status.", NAME),
    ("Priya shouldn't have deployed on a Friday evening.", NAME),
    ("Grace wasn't paying attention to the error budget alerts.", NAME),
    ("José simply forgot to re-enable the cron job.", NAME),
    ("@devon introduced the bug in the retry logic.", NAME),
    # Blame without a name
    ("The outage was caused by human error.", PHRASE),
    ("Root cause: operator error during the failover.", PHRASE),
    ("A careless change to the config went out unreviewed.", PHRASE),
    ("The team should have known the disk was filling up.", PHRASE),
    ("The on-call engineer failed to acknowledge the page.", PHRASE),
    ("Someone forgot to rotate the credentials.", PHRASE),
    ("He wasn't paying attention to the dashboard.", PHRASE),
    ("This was pure negligence.", PHRASE),
    ("The engineer carelessly deleted the production table.", PHRASE),
    ("We initially blamed the CDN.", PHRASE),
    ("The developer dropped the ball on the escalation.", PHRASE),
    ("She should have double-checked the migration.", PHRASE),
    # Questions aimed at a person
    ("Why didn't you notice the disk filling up?", QUESTION),
    ("Who approved this change?", QUESTION),
    ("Why didn't you notice?", QUESTION),
    ("Why did Maria deploy on a Friday?", QUESTION),
    ("Who forgot to renew the certificate?", QUESTION),
    ("Whose fault was the expired certificate?", QUESTION),
    ("Why didn't the on-call escalate sooner?", QUESTION),
    ("Who signed off on the migration without a lock timeout?", QUESTION),
    # Innocent: systems as subjects, technical terms
    ("The health check failed to respond within 5 seconds.", None),
    ("The error rate rose to 12% on /checkout.", None),
    ("The deploy caused a spike in p99 latency.", None),
    ("The primary failed to promote the replica.", None),
    ("Pool exhaustion caused cascading timeouts in the API tier.", None),
    ("The Postgres operator error log showed repeated restarts.", None),
    ("git blame shows the limit was lowered in March.", None),
    ("This is a blameless review; nobody is to blame.", None),
    ("We do not assign blame in this review.", None),
    ("Fault injection in staging did not cover disk exhaustion.", None),
    ("The segmentation fault was in the image library.", None),
    ("The alert should have fired at 80% but the threshold was 95%.", None),
    ("The retry logic made the overload worse.", None),
    ("The config change broke the TLS handshake for old clients.", None),
    ("Human error budgets are not a thing; error budgets are.", None),
    # Innocent: a name as the object, or a name doing ordinary things
    ("We paged Maria at 14:05.", None),
    ("Maria was paged at 14:05.", None),
    ("The page to Maria failed to reach her phone.", None),
    ("Maria rolled back the deploy at 14:31.", None),
    ("Zoë noticed the replica lag and declared the incident.", None),
    ("José's fix restored checkout within minutes.", None),
    ("Maria's error budget dashboard was already red.", None),
    ("Thanks to Ólafur, the failover finished quickly.", None),
    ("Will Turner facilitated the review.", None),
    ("The alert paged Grace, who acknowledged within a minute.", None),
    # Innocent: names that are also words
    ("We will add an alert on pool saturation.", None),
    ("Mark as root cause after the review.", None),
    ("The bill caused finance to ask questions.", None),
    ("Grace periods caused the retry storm.", None),
    ("We will fail over to the secondary region if the lag grows.", None),
    # Innocent: quoted words are someone else's
    ('The customer wrote "your engineer made a mistake" in the ticket.', None),
    ("The log said `operator error: timeout` before the crash.", None),
    # Innocent questions
    ("Why didn't the alert fire?", None),
    ("Who was on call?", None),
    ("Why did the pool run out of connections?", None),
    ("What would have made the lag visible sooner?", None),
]


def _rules(sentence: str) -> list[str]:
    return [hit.rule for hit in LEXICON.scan(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), CORPUS, ids=[sentence[:50] for sentence, _ in CORPUS])
def test_sentence(sentence: str, expected: str | None) -> None:
    rules = _rules(sentence)
    if expected is None:
        assert rules == [], f"false positive on {sentence!r}"
    else:
        assert expected in rules, f"missed {sentence!r} (got {rules})"


def test_corpus_precision_and_recall(terminal_summary: Callable[[str], None]) -> None:
    caught = {sentence: bool(_rules(sentence)) for sentence, _ in CORPUS}
    true_positives = sum(1 for sentence, expected in CORPUS if expected and caught[sentence])
    false_positives = sum(1 for sentence, expected in CORPUS if not expected and caught[sentence])
    false_negatives = sum(1 for sentence, expected in CORPUS if expected and not caught[sentence])
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    blameful = sum(1 for _, expected in CORPUS if expected)
    line = (
        f"blame check on {len(CORPUS)} sentences ({blameful} blameful, {len(CORPUS) - blameful} innocent): "
        f"precision {precision:.0%}, recall {recall:.0%}"
    )
    terminal_summary(line)
    print(line)
    assert len(CORPUS) >= 70
    assert (precision, recall) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("sentence", "rewritten"),
    [
        ("Maria forgot to renew the TLS certificate.", "Nothing reminded anyone to renew the TLS certificate."),
        ("Because Maria forgot to renew it, checkout failed.", "Because nothing reminded anyone to renew it, checkout failed."),
        ("Zoë didn't notice the alert.", "Nothing made the alert visible in time."),
        ("It was Maria's fault.", "It was a gap in the system's safeguards."),
        ("The outage was caused by human error.", "The outage was caused by a gap in the system's safeguards."),
        ("A careless change went out.", "An unchecked change went out."),
        ("Why didn't you notice?", "Was there a signal that would have made this visible?"),
        ("Why didn't you roll back sooner?", "What would have made it easier to roll back sooner?"),
        ("Who approved this change?", "What did the review check before approving this change, and what could it not see?"),
        ("Ólafur caused the outage by running the migration.", "Running the migration triggered the outage, and no safeguard caught it."),
        ("@devon was slow to respond to the page.", "It took longer than expected to respond to the page because …."),
        ("We initially blamed the CDN.", "We initially suspected the CDN."),
        ("Maria made a mistake.", "The system allowed this step to fail silently."),
        ("First line. Maria forgot to renew it.", "First line. Nothing reminded anyone to renew it."),
    ],
)
def test_rewrite_templates(sentence: str, rewritten: str) -> None:
    (hit,) = LEXICON.scan(sentence)
    assert hit.replacement == rewritten


def test_a_sentence_without_a_template_still_gets_advice() -> None:
    document = make_document({"participants": ["Maria"]}, findings={"went_poorly": ["We blamed Maria for the delay."]})
    (finding,) = [finding for finding in review(document, today=dt.date(2026, 4, 21)) if finding.rule.startswith("blame")]
    assert (finding.rule, finding.replacement) == ("blame-name", None)
    assert finding.suggestion and "system" in finding.suggestion


@pytest.mark.parametrize(
    ("entry", "aliases"),
    [
        ("Maria Gonzalez", ["Maria Gonzalez", "Maria"]),
        ("Priya Natarajan (SRE)", ["Priya Natarajan", "Priya"]),
        ("@devon", ["devon"]),
        ("maria.gonzalez@example.com", ["maria gonzalez", "maria"]),
        ("J. Smith", ["J. Smith", "Smith"]),
        ("Zoë", ["Zoë"]),
    ],
)
def test_name_aliases(entry: str, aliases: list[str]) -> None:
    assert name_aliases(entry) == aliases


def test_names_come_from_every_people_field() -> None:
    document = make_document(
        {"author": "Ana", "facilitator": "Bo Li", "reviewers": ["Chen"], "participants": ["Dana"]},
        timeline=[{"time": "10:00", "event": f"{name} forgot to page the team"} for name in ("Ana", "Bo", "Chen", "Dana", "Eve")],
    )
    flagged = {finding.path for finding in review(document, today=dt.date(2026, 4, 21)) if finding.rule == "blame-name"}
    assert flagged == {f"timeline[{index}].event" for index in range(4)}  # Eve is nobody on this incident


def test_blame_is_a_warning_in_a_draft_and_an_error_past_it() -> None:
    sections = {"root_cause": {"summary": "Human error."}}
    draft = make_document({"status": "draft"}, **sections)
    in_review = make_document({"status": "in_review"}, **sections)
    severities = {
        status: [f.severity for f in review(doc, today=dt.date(2026, 4, 21)) if f.rule == PHRASE]
        for status, doc in ((Status.DRAFT, draft), (Status.IN_REVIEW, in_review))
    }
    assert severities == {Status.DRAFT: ["warning"], Status.IN_REVIEW: ["error"]}


def test_applying_the_rewrite_clears_the_finding() -> None:
    document = make_document({"participants": ["Maria"]}, timeline=[{"time": "10:00", "event": "Maria forgot to renew the cert"}])
    (finding,) = [f for f in review(document, today=dt.date(2026, 4, 21)) if f.rule == NAME]
    apply_replacement(document, finding)
    assert document.timeline[0].event == "Nothing reminded anyone to renew the cert"
    assert not [f for f in review(document, today=dt.date(2026, 4, 21)) if f.rule.startswith("blame")]


def test_every_free_text_field_is_checked() -> None:
    blameful = "Human error."
    document = make_document(
        {"summary": blameful},
        impact={"notes": blameful},
        timeline=[{"time": "10:00", "event": blameful}],
        detection={"notes": blameful},
        root_cause={"problem": blameful, "summary": blameful, "contributing_factors": [blameful]},
        whys=[{"id": "1", "answer": blameful, "question": blameful}],
        findings={"went_well": [blameful], "went_poorly": [blameful], "lessons": [blameful]},
        action_items=[{"action": blameful}],
        meeting={"parking_lot": [blameful]},
    )
    paths = {f.path for f in review(document, today=dt.date(2026, 4, 21)) if f.rule == PHRASE}
    assert paths == {
        "incident.summary", "impact.notes", "timeline[0].event", "detection.notes", "root_cause.problem",
        "root_cause.summary", "root_cause.contributing_factors[0]", "whys[0].question", "whys[0].answer",
        "findings.went_well[0]", "findings.went_poorly[0]", "findings.lessons[0]", "action_items[0].action",
        "meeting.parking_lot[0]",
    }


# ------------------------------------------------------------------ mechanisms, one by one

CORPUS_PEOPLE = ["Tomas Berg", "Rose Adeyemi", "Bill Osei", "Will Hart", "Sven Olsen", "@kwame"]
MECHANISMS = BlameLexicon(CORPUS_PEOPLE)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        # the blamed person inside a relative clause, or its subject reached across one
        ("Tomas, who should not have been on a production shell that late, ran the cleanup.", NAME),
        ("Sven, who had been told twice about the lock, ran the migration anyway.", NAME),
        ("The on-call engineer, who was new to the rotation, failed to escalate.", PHRASE),
        # possessive fault nouns, people and roles
        ("Because of Tomas's oversight the primary lost six hours of data.", NAME),
        ("The junior engineer's mistake removed the index servers.", PHRASE),
        ("The outage was the fault of the DBA.", PHRASE),
        # roles and teams as the culprit
        ("The requesting team didn't bother to check the lock timeout.", PHRASE),
        ("The SRE on duty didn't check the dashboards.", PHRASE),
        # counterfactuals about a person
        ("If Tomas had been paying attention, the rollback would have been quick.", NAME),
        ("This would not have happened if Sven had done his job.", NAME),
        ("Had Rose checked the expiry date, we would not have lost an hour.", NAME),
        # present-tense narrative and idioms
        ("Tomas messes up the calculation.", NAME),
        ("Rose ignores the page for twenty minutes.", NAME),
        ("This one is on her.", PHRASE),
        ("This one is on Rose: the expiry was in her calendar.", NAME),
        ("Sven dropped the ball on the handover.", PHRASE),
        ("The on-call was asleep at the wheel.", PHRASE),
        # a person as subject of "took too long" / "took forever"
        ("Sven took too long to fail over.", NAME),
        ("@kwame took forever to answer the page.", NAME),
        # a person as the agent of a passive blame verb
        ("The disk alert was missed by the on-call engineer.", PHRASE),
        ("The regression was introduced by Tomas.", NAME),
        # a blame phrase after one that named no person ("the cause was human error")
        ("The root cause was human error by the on-call engineer.", PHRASE),
        # roles with their team, habits, chosen risky steps, failings of the person
        ("The new guy on the payments team had no idea what he was doing.", PHRASE),
        ("The team member ignored the linter.", PHRASE),
        ("Sven never reviews his own diffs.", NAME),
        ("Rose decided to skip the canary to save time.", NAME),
        ("The DBA ran the wrong script again.", PHRASE),
        ("Because of Tomas's lack of experience with the database.", NAME),
        ("Sven doesn't escalate until the second page.", NAME),
        ("Rose hastily forgot to hand over the pager.", NAME),
        # the subject reached past what the sentence says about it
        ("Tomas, the release manager, forgot to freeze the branch.", NAME),
        ("Sven (SRE) ignored the second page.", NAME),
        # the person as the cause, however the sentence puts it
        ("Tomas is the reason the site went down.", NAME),
        ("Because of Rose, the cluster was down for an hour.", NAME),
        ("Sven's decision to skip the canary took checkout down.", NAME),
        ("The DBA team failed us.", PHRASE),
        ("Someone on the platform team deleted the wrong bucket.", PHRASE),
        ("The engineer responsible forgot to renew the certificate.", PHRASE),
        ("Tomas pushed the change without a second pair of eyes.", NAME),
        ("Who thought this was a good idea?", QUESTION),
        ("He forgot to renew it, as usual.", PHRASE),  # "as usual" explains nothing
        # any tense or grammar of a negated act, including the bare forms of non-native English
        ("Tomas not check the logs before restart the service.", NAME),
        ("Rose forget to update the DNS record.", NAME),
        ("Sven push the config without test it.", NAME),
        ("Rose don't escalate to the vendor.", NAME),
        ("14:20 Sven still hasn't acked", NAME),
        ("Tomas has not bothered to update the ticket.", NAME),
        ("Rose keeps ignoring the disk alerts.", NAME),
        ("Sven should of checked the replica first.", NAME),
        ("Tomas never even looked at the diff.", NAME),
        ("The change was not tested by Tomas before the release.", NAME),  # a negated passive
        ("Why on earth did Rose restart the primary?", QUESTION),
        # an expectation the person did not meet
        ("Rose was supposed to check the replica but didn't.", NAME),
        # a wrong choice the sentence does not explain
        ("Tomas ran the cleanup on the wrong host.", NAME),
        # a miss whose reason is a judgement of the person, not their circumstances
        ("Tomas forgot the handover because he was in a hurry.", NAME),
        # a restrictive clause, and a judged second verb of the same subject
        ("The engineers who wrote the parser did not think about empty input.", PHRASE),
        ("Sven disabled the alert and never turned it back on.", NAME),
        # passives: a judged participle, or any act with a shortcut after the agent
        ("The change was rubber-stamped by Tomas.", NAME),
        ("The migration was started by Rose on a Friday evening.", NAME),
        ("The config was pushed by the on-call engineer without a review.", PHRASE),
        # roles: plurals, groups named by a qualifier, managers and operators that are people
        ("The operators ignored the lag warning.", PHRASE),
        ("The deploy team shipped it untested.", PHRASE),
        ("The night operator forgot to clear the maintenance flag.", PHRASE),
        ("The incident commander waited far too long to call the vendor.", PHRASE),
        # belated acts, warnings ignored, expectations met by something else
        ("14:40 Tomas finally bothers to open the dashboard.", NAME),
        ("Sven had been warned about the disk and did nothing.", NAME),
        ("Rose was meant to watch the restore but went to lunch.", NAME),
        # slips and shortcuts, and judgements of the person
        ("Tomas misconfigured the pool size.", NAME),
        ("Rose pushed the fix straight to production.", NAME),
        ("Sven overrode the change freeze.", NAME),
        ("Tomas deployed the patch against everyone's advice.", NAME),
        ("Rose assumed instead of checking.", NAME),
        ("Sven chose speed over safety.", NAME),
        ("Tomas was out of his depth on the database.", NAME),
        ("Rose could have been more careful with the flags.", NAME),
        ("Sven's habit of running migrations by hand, unreviewed.", NAME),
        # failings as nouns and bad outcomes put on a person
        ("Poor judgement by the release manager delayed the rollback.", PHRASE),
        ("The failure of the DBA team to apply the patch.", PHRASE),
        ("An oversight on Sven's part left the flag on.", NAME),
        ("The whole mess was Tomas's call.", NAME),
        ("The outage was, frankly, down to Rose.", NAME),
        ("Responsibility for the data loss lies with Sven.", NAME),
        ("It all went wrong on Tomas's watch.", NAME),
        ("Rose had one job.", PHRASE),
        ("This would never have happened if Rose had read the runbook.", NAME),
        # sarcasm and rhetorical questions
        ("Great job, Tomas: the certificate expired again.", PHRASE),
        ("What was Sven thinking, restarting the primary at noon?", QUESTION),
        ("Did the reviewer even open the diff?", QUESTION),
        ("Who on earth approved a global push?", QUESTION),
        ("Why didn't anyone notice the lag?", QUESTION),
        # the perfect tense, modal judgement in the present, shortcuts and failings of the person
        ("Tomas had ignored the disk alert for a week.", NAME),
        ("Rose needs to be more careful with production.", NAME),
        ("Sven should know better than to test against the primary.", NAME),
        ("The contractor was irresponsible with the credentials.", PHRASE),
        ("Tomas took a shortcut past the staging step.", NAME),
        ("Rose blindly trusted the green dashboard.", NAME),
        ("Sven's sloppy handling of the cutover.", NAME),
        # judging asides, waving a change through, going ahead despite the signs, not caring
        ("The database team, as usual, failed to announce the change.", PHRASE),
        ("Rose, in her haste, deleted the production bucket.", PHRASE),
        ("The change was waved through by the reviewer.", PHRASE),
        ("Tomas went ahead with the deploy despite the failing tests.", NAME),
        ("The on-call engineer simply didn't care about the alert.", PHRASE),
        # reputations, sanctions, assumptions, switching a safeguard off, who it comes down to
        ("Sven is known for skipping code review.", NAME),
        ("The responsible engineer has been spoken to.", PHRASE),
        ("Tomas just assumed it would work and pushed it.", NAME),
        ("The root cause was Rose's decision to disable the health checks.", NAME),
        ("The whole outage boils down to Sven not checking his work.", NAME),
        ("It's on the DBA for not verifying the backups.", PHRASE),
        ("Whoever approved this clearly didn't look at it.", PHRASE),
        ("The junior dev nuked the production table.", PHRASE),
        ("Because of Tomas's lack of follow-through the ticket stayed open.", NAME),
        # harm done by something of the person's, a hedge, a shortcut after a passive's agent
        ("The failover was delayed by Rose's insistence on waiting for a manager.", NAME),
        ("It could be argued that Sven should have escalated earlier.", NAME),
        ("The deployment was approved by Tomas despite two failing checks.", NAME),
        # doing something else, doing nothing, walking away, a review in name only
        ("Sven spent forty minutes on chat instead of looking at the database.", NAME),
        ("Rose took no action on the alert for thirty minutes.", NAME),
        ("Tomas let the alert sit unacknowledged for half an hour.", NAME),
        ("Because the on-call engineer chose to go back to sleep.", PHRASE),
        ("The QA team's sign-off was a rubber stamp.", PHRASE),
        ("Why on earth was Rose running a migration at 3pm?", QUESTION),
        # asides, work judged as the person's, going against the runbook, sanctions
        ("The on-call DBA, rather than escalating, tried three different fixes on the live database.", PHRASE),
        ("Sven decides, without telling anyone, to restart the primary.", NAME),
        ("Responsibility rests with the engineering manager, who approved the rollout.", PHRASE),
        ("Because Rose was too impatient to wait for the canary.", NAME),
        ("Why was nobody watching the dashboards? The on-call was at the gym.", QUESTION),
        ("Tomas ran the script twice, even though the runbook warns against it.", NAME),
        ("The SRE team should be ashamed of this response.", PHRASE),
        ("Rose, for reasons nobody understands, disabled the alert.", PHRASE),
        ("The engineer responsible has been removed from the on-call rotation.", PHRASE),
        ("Sven's rushed review missed the obvious bug.", NAME),
        # a judgement as an aside, never approving, not up to it, knowing better, "if only"
        ("10:42 Tomas, impatient, force-pushes over the release branch.", NAME),
        ("Rose should never have approved the change.", NAME),
        ("Sven clearly wasn't up to the job.", NAME),
        ("Because Tomas thought he knew better than the runbook.", NAME),
        ("If only Rose had listened to Sven.", NAME),
        ("Nobody would have been paged at 3am if Tomas had done his job properly.", NAME),
        ("The contractor's shoddy work caused the leak.", PHRASE),
        ("The whole team was asleep at the switch.", PHRASE),
        # terse notes, chat and the English of writers whose first language is not English
        ("15:20 tomas still not answering pages", NAME),
        ("sven did mistake in the yaml and deploy it to all clusters", NAME),
        ("Rose messed the rollout order, prod first.", NAME),
        ("@kwame yolo-deployed to prod", NAME),
        ("Root cause: Rose.", NAME),
        ("Typical Sven, not reading the ticket.", NAME),
        ("Tomas was supposed to watch it but clearly didn't.", NAME),
        ("Sven went off script and restarted the primary.", NAME),
        ("The on-call person sleeping through six pages is unacceptable.", PHRASE),
        ("The night-shift operator did not bother to escalate.", PHRASE),
        ("The guy who was on call just ignored everything.", PHRASE),
        ("What were they thinking pushing this at midnight?", QUESTION),
        ("The deployment went out because Rose approved it without a second look.", NAME),
        # responsibility put on a person in so many words, and failings named as nouns
        ("It was incumbent on Tomas to verify the backup.", NAME),
        ("Sven bears responsibility for the data loss.", NAME),
        ("The DBA is accountable for this failure.", PHRASE),
        ("The mistake was Rose's.", NAME),
        ("Rose let the whole team down.", NAME),
        ("Sven's neglect of the alerting config left us blind.", NAME),
        ("The on-call engineer's slow response made the outage twice as long.", PHRASE),
        ("Tomas was remiss in not checking the logs.", NAME),
        ("Tomas could have prevented this by reading the alert.", NAME),
        ("Sven had every opportunity to stop the deploy and didn't.", NAME),
        ("Rose's team has a history of skipping reviews.", PHRASE),
        # in a rush, not to be trusted, not competent, an aside naming the role, nobody bothered
        ("Because the developer was in a rush and skipped the integration tests.", PHRASE),
        ("Because Tomas cannot be trusted with production access.", NAME),
        ("Because Rose was not competent to run the migration.", NAME),
        ("Because Sven, as the change owner, should have verified the rollout plan.", NAME),
        ("Because nobody on the infra team could be bothered to document the failover.", PHRASE),
        ("Failure by the on-call engineer to follow the runbook.", PHRASE),
        # blame inside a restrictive clause, being made to explain oneself, thinking a shortcut fine
        ("It's always the same person who forgets to update the status page.", PHRASE),
        ("The person responsible for this change needs to explain themselves.", PHRASE),
        ("Rose thought it was fine to skip the backup.", NAME),
        # holding news that needed acting on, knowing and doing nothing, a decision that did the harm
        ("Tomas sat on the vendor's notice over the weekend.", NAME),
        ("The database team knew about the risk for months and did nothing.", PHRASE),
        ("Rose's call to restore from backup dragged the outage out for a day.", NAME),
        ("Sven's choice of a cheap provider is why the site went down.", NAME),
        # "that" after the cause opens a judgement; a time is no excuse for forgetting
        ("The real cause is that Tomas doesn't listen to warnings.", NAME),
        ("Rose forgot to re-enable the alerts after the maintenance window.", NAME),
        ("Sven failed miserably at coordinating the response.", NAME),
        ("It is unacceptable that Tomas ignored the page.", NAME),
        ("Sven went ahead without approval.", NAME),
        ("Had Rose done her job properly, none of this would have happened.", NAME),
        # idioms of a bet, questions that reproach, the outcome put on someone, an alert left waiting
        ("Tomas jumped the gun and deployed before the tests finished.", NAME),
        ("Rose took a gamble with the production database.", NAME),
        ("Sven bungled the rollback.", NAME),
        ("What possessed Tomas to restart every node at once?", QUESTION),
        ("How did Rose not notice the disk filling up?", QUESTION),
        ("Didn't Sven read the runbook?", QUESTION),
        ("Shouldn't Tomas have known the table was locked?", QUESTION),
        ("Rose was too busy to bother with the checklist.", NAME),
        ("Sven couldn't even tell us which version he deployed.", NAME),
        ("The outage is on Tomas.", NAME),
        ("Rose acted without thinking.", NAME),
        ("Sven left the alert unacknowledged for an hour.", NAME),
        # a judgement anywhere in a sentence that names someone, and a verdict after what they did
        ("Because Rose watched the graphs for ten minutes and went home, which was irresponsible.", NAME),
        ("Poor attention to detail from Tomas during review.", NAME),
        ("Having already broken payments, Sven now wants to pull the nodes too.", NAME),
        ("Tomas, slow as usual, finally declares the incident.", NAME),
        ("Another outage courtesy of the database team.", PHRASE),
        ("Rose decides a Monday lunchtime is the moment to rebuild the database. Genius.", NAME),
        ("Thanks to Sven, we lost an afternoon of orders.", NAME),
        ("The migration, rubber-stamped by the reviewer, wipes the tables.", PHRASE),
        ("The warning was ignored by ops for two days.", PHRASE),
        ("The change got pushed by Tomas with no review.", NAME),
        ("The answer is Rose.", NAME),
        ("Why did it take Sven seventeen minutes to notice?", QUESTION),
        ("Does Tomas even know how the failover works?", QUESTION),
        ("Who on earth approves a change like this at lunchtime?", QUESTION),
        ("Nobody on the SRE team bothered to check.", PHRASE),
        ("The platform team failed to load-test the failover.", PHRASE),
        ("Rose acted recklessly.", PHRASE),
        ("Sven went ahead with the migration despite being asked to wait.", NAME),
        ("It's frankly embarrassing that Tomas didn't know how to fail over.", NAME),
        ("Rose could have prevented all of this by reading the alert.", NAME),
        ("Sven assumed the backup worked without ever testing it.", NAME),
        ("Tomas, in his rush to get home, skipped the verification step.", PHRASE),
        ("The on-call was too busy chatting to notice the page.", PHRASE),
        ("Rose failed at the one thing she was asked to do.", PHRASE),
        ("Sven's refusal to roll back made the outage twice as long.", NAME),
        ("Seriously, Tomas, what were you doing?", QUESTION),
        ("How many times do we have to tell Rose to use the staging cluster?", NAME),
        # present tense, passives that drop it, answering for it, sarcasm and advice aimed at a person
        ("Tomas takes forever to pause the workflow.", NAME),
        ("The disk alert was acknowledged by Rose and then left to rot.", NAME),
        ("The change was rushed through by the release manager.", PHRASE),
        ("The DBA is accountable for the failed backups and should answer for it.", PHRASE),
        ("Sven should be held accountable for the outage.", NAME),
        ("Seriously, Sven, what were you doing with that wildcard?", QUESTION),
        ("Honestly, what did Rose expect would happen?", QUESTION),
        ("Who decided it was a good idea to run the backfill at peak?", QUESTION),
        ("Way to go, Tomas, another Friday outage.", NAME),
        ("Good thing Sven was so quick to merge that untested rule.", NAME),
        ("Apparently reading the runbook is optional for the night shift.", PHRASE),
        ("Maybe next time you could read the alert before closing it.", PHRASE),
        ("Tomas keeps making the same mistake with the firewall.", NAME),
        ("The incident commander made a series of bad calls.", PHRASE),
        ("Rose clearly has no idea how the failover works.", NAME),
        ("Sven dragged his feet on the escalation.", NAME),
        ("Tomas wasted an hour chasing the CDN.", NAME),
        ("The vendor's engineers were completely useless during the incident.", PHRASE),
        ("The on-call SRE went back to sleep after acknowledging the page.", PHRASE),
        ("We all know who broke the build.", PHRASE),
        ("Sven didn't do the basic checks.", NAME),
        ("Rose never should have approved that change.", NAME),
        ("Tomas blew away the production table by mistake.", NAME),
        ("sven asleep as usual, page unacked 20 min", NAME),
        ("Tomas merged w/o review AGAIN", NAME),
        ("Rose has to start paying attention to the alerts.", NAME),
        ("Sven half-assed the migration.", NAME),
        ("Tomas, as per usual, forgot to update the status page.", NAME),
        ("Rose fell asleep on shift.", NAME),
        ("The contractor didn't know what he was doing.", PHRASE),
        ("Who was supposed to be watching this?", QUESTION),
        ("Whose idea was it to deploy during peak traffic?", QUESTION),
        ("How did nobody catch this in review?", QUESTION),
        ("If Sven actually read his pages we wouldn't be here.", NAME),
        ("Proper diligence by the reviewer would have caught the error.", PHRASE),
        ("The change was deployed by an engineer who had not completed training, against policy.", PHRASE),
        ("Insufficient care was taken by the team when applying the change.", PHRASE),
        ("The engineer did not exercise appropriate caution.", PHRASE),
        ("Tomas did not take the warning seriously.", NAME),
        ("Rose failed in her responsibility to monitor the job.", NAME),
        ("Since the migration in March, Sven has ignored the disk alerts.", NAME),
        # the company's functions as culprits, and a plural habit
        ("Leadership ignored every warning from the SRE team.", PHRASE),
        ("Upper management chose to skip the load test to hit the launch date.", PHRASE),
        ("QA didn't bother to test the upgrade path.", PHRASE),
        ("The developers never test anything before shipping.", PHRASE),
        # a person singled out by a cleft
        ("It was Tomas who pushed the change without a review.", NAME),
        ("It's Rose that broke the build, again.", NAME),
        # diligence asked in the imperative, and a fault put on someone
        ("Next time, read the diff before you approve it.", PHRASE),
        ("Going forward, don't just approve PRs without reading them.", PHRASE),
        ("This falls squarely on the SRE who approved it.", PHRASE),
        ("Our DBA thought it would be fine to skip the backup.", PHRASE),
    ],
)
def test_blame_mechanisms(sentence: str, rule: str) -> None:
    assert rule in [hit.rule for hit in MECHANISMS.in_context(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The restore took too long to finish.",  # "took too long" with a system subject
        "The AWS bill caused finance to ask questions.",  # Bill is listed, but "bill" here is a word
        "The bill came in late and nobody noticed the spike.",
        "The alert paged Sven, who acknowledged within a minute.",  # names as objects
        "Support called Rose to ask for an estimate.",
        "The alert notified Tomas by SMS.",
        "We paged Tomas and he forgot nothing on the checklist.",
        "Tomas rolled back the deploy.",  # people acting normally
        "Rose decided to fail over to the standby.",
        'Tomas wrote "I think I ran it on the wrong host" in the channel.',  # quoted chat
        "The on-call engineer missed the first page because it was routed to a retired rotation.",
        "Sven was slow to join because the VPN was down with everything else.",
        "The cron job forgot to release the lock.",  # blame-like verbs, system subjects
        "The load balancer ignored the drain signal.",
        "Tomas ran git blame on the limits file.",
        "The error budget was spent by the second day.",
        "Mark the incident as resolved once the queue drains.",
        "They restarted the workers and the queue drained.",  # "they" with nobody named before
        "The disk alert was missed by the CI pipeline because it ran on a cached image.",  # passive, system agent
        "The page was missed by the on-call engineer because it went to a retired rotation.",
        "Rose forgot the handover notes because she was paged in the middle of writing them.",  # circumstances
        "Sven missed the message because he was already handling another incident.",
        "Tomas did not escalate because he had no access to the vendor portal.",
        "Tomas ran the cleanup on the wrong host because both terminals had the same prompt.",
        "Rose was supposed to renew the certificate but the reminder went to an old address.",
        "Because of Tomas's fix, checkout recovered at 15:10.",  # something of theirs, not the person
        "Tomas is the reason for the fast recovery.",
        "Sven forgot the old password as the vault had rotated it overnight.",
        "Tomas noticed the wrong version was deployed and opened a rollback.",  # seeing a wrong thing
        "Sven was not paged because the schedule had a gap.",  # a passive negation is about the pager
        "The alert was not acknowledged by the on-call engineer because the pager app had logged out.",
        "Why did the team not roll back sooner? The change had run for a day without problems.",
        "Sven never gets paged for this service; it belongs to the storage rotation.",
        "Rose decided to skip the remaining batches and start the failover.",  # skipping work, not a safeguard
        "Tomas was the reason we recovered so quickly: he remembered the old failover script.",
        "Sven, the incident commander, asked for a status update every 15 minutes.",
        # the five-whys form: a question the same answer goes on to answer with the system
        "Why did the team wait before failing over? The procedure needs a sign-off from a manager.",
        "The root cause was a retry loop in the client library.",
        # a risky choice the sentence explains, and what a second verb reports rather than judges
        "Rose decided not to wait for the canary because the last forty updates had gone out the same way.",
        "Tomas checked the graph and did not see a spike.",
        "Sven restarted the job and skipped the batches already applied.",
        # managers and operators that are software; a call, not a bad outcome
        "The secrets manager failed to rotate the key.",
        "The Kubernetes operator failed to reconcile the volume.",
        "The decision to fail over was Rose's call.",
        # a belated act that is just an act, a passive with no shortcut, a failing put on a system
        "Rose finally found the leaking connection.",
        "The fix was deployed by Tomas at 15:10.",
        "The ticket was misread by the parser because of a stray tab.",
        "Mistakes by the config generator doubled the weights.",
        "Nice work by Rose restoring the replica before the morning peak.",
        "Sven was told the restore would take hours and stayed on the bridge.",
        # what someone has never done is their experience, not a habit
        "Tomas had never run a restore of this size before.",
        "Rose has never seen the pool exhaust at night.",
        # the reasoning of the moment, told as such, explains a miss or a wrong choice
        "Tomas ran the cleanup on the wrong host, believing it was the replica.",
        "Sven skipped the canary, as the runbook said to for rule updates.",
        "Rose ignored the first alert, assuming it was the known flapping check.",
        # a missed objective, nothing overlooked, a "but" that is not a failing, slowness for want of access
        "The team missed its own SLO for the month.",
        "Our team overlooked nothing in the checklist; the checklist lacked the step.",
        "Sven was supposed to be off that day but joined to help with the restore.",
        "Rose was slow to update the status page because she had no access to the status tool.",
        "Tomas misjudged nothing; the graph simply did not show the queue.",
        "The team assumed the failover would work because it had worked in every drill.",
        "Tomas's team caused no further disruption during the maintenance.",
        # what someone reported, a fix that shortened it, a choice to let work finish
        "Tomas explained that he had picked the wrong host because both prompts matched.",
        "The outage was shortened by Rose's rollback.",
        "Sven decided to leave the queue draining overnight rather than force it.",
        # a shortcut the process allows or the sentence explains, a choice between two courses
        "Tomas deployed the fix without waiting for the nightly build, which the hotfix process allows.",
        "The team pushed the rollback directly to production, which is the documented emergency path.",
        "Rose ran the migration at peak traffic because the change calendar listed it for that window.",
        "Sven misread the graph's time zone, which the dashboard did not show.",
        "Rose chose to fail over instead of waiting for the provider.",
        # a delay by an ordinary request, a watch kept as a role
        "The rollout was delayed by Tomas's request to wait for the vendor's confirmation.",
        "The incident started on Rose's watch as incident commander and she handed over at 06:00.",
        "Why was nobody paged? The rotation had a gap that night.",
        "Why did no one get the alert?",
        "15:20 tomas acks page, start looking",
        "Rose skipped lunch to finish the restore.",
        "Typically the cache warms up within ten minutes.",
        "Sven has responsibility for the deploy tool's roadmap.",
        "We could have prevented this with a canary.",
        "Because Sven, as the change owner, was the only one who could approve the rollback.",
        "Failure of the on-call pager to deliver the first page.",
        "Because Tomas had production access only through the break-glass role.",
        "The person who wrote the migration joined the call to explain it.",
        "The engineer who was on call escalated within five minutes.",
        # what the dashboard did not display, a miss while busy, a page that should have reached them, a lucky find
        "Tomas misread the graph's time zone, which the dashboard did not display.",
        "Rose missed a call from the vendor while she was on the bridge.",
        "Sven should have been paged by the latency alert, but its threshold was too high.",
        "Tomas accidentally discovered the root cause while reading the logs.",
        "The team knew about the flaky test and had quarantined it.",
        "Rose failed to reach the vendor by phone and opened a support case instead.",
        "Tomas should have had access to the runbook, but the wiki was down.",
        "Sven missed the handover meeting; he was handling a customer escalation.",
        "The health check failed at 10:02 and again at 10:05.",
        "Tomas entered the wrong region code; the form accepted any string without validation.",
        "Rose blamed herself in the channel; we have since agreed that no one person caused this.",
        "Sven should have received the page, but his phone had lost its push token.",
        "Tomas's mistake-proofing script now blocks site IDs.",
        "The on-call engineer overlooked the second dashboard, which had been moved to a new folder the week before.",
        "Rose typed the wrong hostname in the first attempt; the shell rejected it.",
        "Sven should have been on leave but joined to help.",
        "Tomas failed to get a response from the vendor and escalated to their account manager.",
        "Rose pushed the hotfix straight to production per the emergency change procedure.",
        "Why didn't the team get an alert?",
        "Why wasn't Tomas paged?",
        "How did the engineer not get paged?",
        "Didn't the alert fire?",
        "The outage was on Tuesday.",
        "Sven's decision to fail over early shortened the outage by an hour.",
        "Thanks to Sven, no customer data was lost.",
        "Thanks to Rose's runbook, the restore took twenty minutes.",
        "Tomas turned on lazy loading for the dashboard.",
        "Rose restarted the job. Classic case of a retry storm.",
        "The backup finally completed; Sven confirmed the row counts.",
        "Having restored the backup, Rose reopened the app.",
        "Sven ignored the flapping alert, which was a known false positive.",
        "The restore failed to load the snapshot, and Tomas retried it.",
        "Rose was slow to get a response from the vendor, whose support line was closed.",
        "Sven pushed the fix directly to production under the emergency change process.",
        "Rose later said she should have asked for help sooner.",
        "The careless-write path in the storage engine skipped fsync.",
        "Tomas did not see the banner, which the console shows only on the first login.",
        "Rose did not understand why the config had no effect until she found the second file.",
        "The on-call was busy with another incident when the page arrived.",
        "Sven declined to roll back because the rollback would have dropped writes.",
        "How many times had Tomas run this migration before?",
        # the cause told first, the system's part after ", and", ";" or ":", the process's approval
        "Because the runbook's failover step pointed at the old cluster, the on-call engineer promoted the wrong replica.",
        "Sven did not check the replica lag; the runbook did not mention it.",
        "Rose ran the wrong script: the two scripts had the same name in different folders.",
        "Tomas didn't notice the disk alert, which was routed to a muted channel.",
        "Sven ignored the disk warnings, which had been firing for months without effect.",
        "Rose overrode the freeze with the approval of the incident commander.",
        "Who decided to run the backfill at peak? The scheduler did, after a time zone change.",
        "Tomas was the first to notice the missing balances.",
        "Sven's decision to fail over shortened the outage.",
        "Rose did the basic checks and found nothing wrong.",
        "Sven fell asleep after the handover, once Rose had taken the pager.",
        "Who was on call for the payments service that night? The rotation shows Tomas.",
        "If Rose just restarts the pod, it would recover.",
        "Sven mistakenly believed the cluster was drained; the drain command had returned early.",
        "More attention by the vendor to our ticket would have been welcome, but their queue was flooded.",
        "Rose took the warning to the change meeting, which approved the upgrade.",
        "Tomas wiped the disk after the data was copied, as the procedure says.",
        "Leadership approved the extra headcount for the on-call rotation.",
        "Management decided to pause all deploys for the weekend.",
        "QA missed nothing; the bug only appears with production data.",
        "The management plane ignored the health check results because of a stale cache.",
        "It was Tomas who first noticed the latency spike.",
        "It was the load balancer that dropped the connections.",
        "The team that owns the billing service rolled back the change.",
        "Next time the alert fires, the runbook will tell the responder which dashboard to open.",
        "Going forward, the deploy tool will check the target environment.",
        "The DBA thought it would be fine to run the migration because the table was small in staging.",
        "This rests on the assumption that the cache is warm.",
    ],
)
def test_innocent_sentences_stay_quiet(sentence: str) -> None:
    assert list(MECHANISMS.in_context(sentence)) == []


def test_names_that_are_words_count_only_capitalized() -> None:
    assert [hit.rule for hit in MECHANISMS.in_context("Bill took too long to respond.")] == [NAME]
    assert list(MECHANISMS.in_context("bill took too long to arrive.")) == []


def test_a_pronoun_refers_back_to_the_person_named_before_it() -> None:
    (hit,) = MECHANISMS.in_context("They didn't even look at the list.", earlier="Tomas started the cleanup.")
    assert (hit.rule, hit.excerpt.endswith("(they: Tomas)")) == (NAME, True)
    (same_text,) = MECHANISMS.in_context("Rose took the page. She forgot to hand it over.")
    assert same_text.rule == NAME and "she: Rose" in same_text.excerpt
    (unknown,) = MECHANISMS.in_context("She forgot to hand it over.")
    assert unknown.rule == PHRASE
    assert list(MECHANISMS.in_context("They forgot to hand it over.")) == []


def test_a_pronoun_resolves_across_timeline_events() -> None:
    document = make_document(
        {"participants": ["Tomas Berg"]},
        timeline=[{"time": "10:00", "event": "Tomas starts the cleanup on db1"},
                  {"time": "10:01", "event": "He didn't even look at the hostname"}],
    )
    (finding,) = [f for f in review(document, today=dt.date(2026, 4, 21)) if f.rule.startswith("blame")]
    assert (finding.rule, finding.path) == (NAME, "timeline[1].event")
    assert "he: Tomas" in finding.message


def test_slow_to_respond_rewrite_keeps_a_cause() -> None:
    (hit,) = MECHANISMS.in_context("Sven was slow to respond.")
    assert hit.replacement == "It took longer than expected to respond because …."


def test_why_was_this_merged_is_aimed_at_a_person() -> None:
    (hit,) = MECHANISMS.in_context("Why was this code merged?")
    assert hit.rule == QUESTION and hit.rewrite and "look safe" in hit.rewrite


def test_a_question_answered_by_a_person_or_put_to_you_still_blames() -> None:
    assert [hit.rule for hit in MECHANISMS.in_context("Why didn't you notice? The graph was red for an hour.")] == [QUESTION]
    assert QUESTION in [hit.rule for hit in MECHANISMS.in_context("Why did Rose restart it? She wanted to go home.")]


def test_slow_to_respond_keeps_the_cause_the_sentence_gives() -> None:
    (hit,) = MECHANISMS.in_context("Sven was slow to respond because he was in another incident.")
    assert hit.replacement == "It took longer than expected to respond because he was in another incident."


@pytest.mark.parametrize(
    "person",
    ["The on-call", "The oncall engineer", "The night shift", "The release manager", "A co-worker", "The new hire",
     "The team member", "The DBAs", "Whoever was on duty", "They", "The incident commander", "The vendor's support staff",
     "@kwame", "Tomas Berg", "The SRE on duty", "The team lead"],
)
def test_every_way_of_naming_a_person_is_read_past_the_quick_check(person: str) -> None:
    """Texts naming no one skip the person rules; each way the rules name a person must still reach them."""
    earlier = "Tomas joined the call." if person == "They" else ""
    assert [hit.rule for hit in MECHANISMS.in_context(f"{person} forgot to renew the certificate.", earlier)]
