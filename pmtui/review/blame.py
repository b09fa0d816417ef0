"""Blame language in free text: a person as the cause, blame phrases, questions aimed at a person.

A blameless postmortem asks what the system allowed, not who slipped. Three rule ids:

- `blame-name`: a name from the incident's people (or an @handle) as the subject of a blame
  construction ("Maria forgot to…", "Maria's mistake", "Maria should have…");
- `blame-phrase`: blame without a name ("human error", "careless", "the on-call failed to…");
- `blame-question`: a question aimed at a person ("Why didn't you…?", "Who approved…?").

Ordinary uses stay quiet: a name as the object ("paged Maria"), names that are also words
("we will add", "mark as root"), systems as subjects ("the health check failed to respond"),
technical terms ("error rate", "operator error log", "git blame") and anything in quotes.
Patterns are compiled once per set of people and each text is scanned once (cached), so the
app can re-run the review on every keystroke of a 10,000-event timeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache, reduce
from operator import or_

from pmtui.review import blame_model
from pmtui.review.fields import text_fields
from pmtui.review.findings import Finding, ReviewContext
from pmtui.review.language import (
    capitalized,
    clause_end,
    mask_quotes,
    normalized,
    sentence_around,
    sentence_spans,
    splice,
)

# Names that are also everyday words: matched only when capitalized, as a name is written.
WORD_NAMES = frozenset(
    """will grace mark bill joy hope faith rose may june april august pat sue rob art jack frank
    chase dawn summer sky amber ruby jade penny sandy carol max gene guy rich ray drew cliff dean
    crystal iris ivy lily violet miles hunter mason norm sterling rocky wade kit lane reed glen
    brook cash chip don nick eve bo page lance earl hazel heather holly king read case""".split()
)

# Words that make the name after them an object ("paged Maria", "the page to Maria").
_DETERMINERS = frozenset("the a an this that our their its each every no".split())
OBJECT_MARKERS = _DETERMINERS | frozenset(
    """by to with for from of at on about than via paged pinged called asked told notified alerted
    messaged thanked helped joined escalated contacted woke page ping call ask tell notify alert
    message thank help contact wake email cc loop involve invite include consult inform paging pinging calling asking
    telling notifying alerting messaging contacting waking emailing informing involving inviting consulting""".split()
)

# A subject right after one of these is a question's ("why did Maria …"), not a statement's.
QUESTION_AUXILIARIES = frozenset("did does do has have had was were is are would could should will can".split())

_APOSTROPHE = "['’]"
_DIDNT = rf"(?:didn{_APOSTROPHE}?t|did\s+not)"
# Any negated act, tense or grammar aside: "didn't check", "hasn't acked", "don't escalate", and the
# bare "not check" of writers whose first language is not English (never the passive "was not paged").
_NOT = rf"(?:(?:did|does|do|has|have|had)(?:n{_APOSTROPHE}?t|\s+not)|not)(?:\s+(?:even|yet|ever))?"
_NOTICE_VERBS = "notice|see|spot|catch|realize|realise|detect|recognize|recognise"
# Verbs that make "X didn't …" a reproach rather than a fact ("didn't have access" is a fact).
_ACT_VERBS = (
    "check|test|verify|validate|follow|read|escalate|respond|react|roll|review|look|page|ack"
    "|acknowledge|wait|update|communicate|run|double-check|report|monitor|ask|confirm|mention"
    "|tell|inform|act|bother|pay|think|use|consult|open|watch|investigate|restart|revert"
    "|hand|pick|answer|understand|even|care|listen|heed|learn|clean|tidy|document|renew|patch|rotate"
)
# The same acts in the -ing form of terse notes: "still not answering pages".
_ACT_ING = "|".join(verb[:-1] if verb.endswith("e") else verb for verb in _ACT_VERBS.split("|"))
# People named by their role or team: "the junior engineer", "the requesting team", "the SRE on duty".
_ROLE = (
    r"(?:on[\s-]?call(?:\s+(?:engineer|person|responder|sre))?|(?:(?:engineer|operator|developer|dev|sre|admin"
    r"|administrator|dba|intern|new\s+hire|responder|reviewer|approver|author|team\s+member|contractor|guy"
    r"|person|tester|employee|teammate|colleague|co-?worker|staffer|rookie|newbie|technician|pilot|co-?pilot|nurse|clerk|(?:security\s+)?guard|porter|maintainer|foreman|caretaker|receptionist|analyst|designer|architect"
    r"|consultant|staff|(?:co-?)?founder|planner|dispatcher|signall?er|noc|sysadmin|trader|pharmacist|accountant|underwriter|clinician|moderator)s?)|managers|executives|execs|techs|tech(?!\s+(?:debt|stack|industry|companies|company|giant|news|blog|talk|sector|world|support|team|lead))|team\s+lead|team|ops|head\s+of\s+(?:it|ict|\w+)"
    # a department named by its initials, capitalized: "Hospital IT saw the alert", "head office IT"
    r"|(?-i:IT)(?!\s+(?:systems?|services?|estate|infrastructure|budget|policy|department|team|staff)\b)"
    # functions of the company as a whole: "leadership ignored the warnings", "QA let it through"
    r"|(?:senior\s+|upper\s+)?(?:leadership|management)|qa(?!\s+(?:environment|env|cluster|server|database|stack|build|suite|tests?|system|box|instance))|(?:(?:first|second|third)[\s-]line\s+)?support(?!\s+(?:for|of|with|from|ticket|case|contract|plan|matrix|window)s?\b)"
    r"|(?:incident\s+)?commander|change\s+(?:advisory\s+|approval\s+|review\s+)?board"
    # the company's other functions: "comms sat on the draft", "customer care didn't tell them"
    r"|(?:comms|marketing|sales|customer\s+(?:care|service|success)|help\s?desk|service\s+desk|finance|procurement|payroll|client\s+services"
    r"|billing\s+op(?:eration)?s)(?!\s+(?:tool|system|software|app"
    r"|portal|queue|ticket|platform|e-?mail|campaign|channel|page|site|template|plan|list|data|figure|number|volume|event|report"
    r"|funnel|pipeline|tax)s?\b))"
)
# Words that name people only after a word saying which ("the deploy team", "the night shift", "the
# release manager"): a "secrets manager" or a "Kubernetes operator" is software.
_GROUP = (r"(?:team|squad|engineers|developers|devs|sres|dbas|crew|staff|shift|folks|people|office|department|desk|volunteers|maintainers|admins"
          r"|students|trustees|governors|agency)")
_QUALIFIED_ROLE = (
    r"(?:\w+-)?(?:release|incident|change|duty|night|day|shift|field|storage|network|engineering|product|project|programme|program|delivery"
    r"|on-?call|account|service|operations|ops|security|it|capacity|application|communications|risk|test|vendor|site|control"
    r"|programme|business|compliance|office|systems|practice|store|shop|web|digital|ict|depot|warehouse|plant|floor|branch|regional"
    r"|general|area|facilities|facility|hiring|marketing|sales|support|telecoms?|telephony|finance|billing|payroll|procurement"
    r"|infrastructure|platform|quality|reliability)"
    r"\s+(?:manager|lead|operator|technician|approver|director|owner)s?"
    # whoever leads something is a person: "the billing lead", "our data lead"
    r"|(?:[\w-]+\s+){1,2}?leads?(?![\w-])"
    # titles that only people hold: "the release coordinator", "the communications director"
    r"|(?:[\w-]+\s+){0,2}?(?:director|coordinator|officer|vp|ceo|cto|cio|supervisor|chair|chairman|chairwoman|chairperson)s?"
)
PERSON_NOUN = (
    r"(?:he|she|you|(?:someone|somebody|whoever"
    rf"|(?:the|our|their|your|this|that)\s+(?:(?:(?!(?:the|an?|our|their)\s)[\w'’-]+\s+){{0,2}}?{_GROUP}|{_QUALIFIED_ROLE})"
    r"|(?:(?:the|our|their|this|that|an?|(?:one|some|two|several|a\s+few)\s+of\s+(?:our|the|their))\s+(?:[\w-]+['’]s\s+)?)?(?:(?:junior|senior|new|requesting|database|network|platform|"
    r"vendor|contractor|supplier|third-party|external|"
    r"release|support|ops|infra|infrastructure|responsible|same|other|night|least\s+experienced|control[\s-]room|plant|shift|duty|field)\s+)?"
    # what follows the noun still names the person: "on the payments team", "responsible"
    rf"{_ROLE})(?:\s+(?:on|from|in|of|at)\s+(?:duty|call|shift|the\s+(?:\w+\s+)?(?:team|bridge|call|rotation|rota|data\s+cent(?:er|re)|site|vendor))"
    r"|\s+(?:responsible|in\s+charge))?)"
)
_ADVERB = (
    r"(?:\s+(?:has|have|had|just|simply|also|then|again|clearly|obviously|accidentally|mistakenly|apparently|once\s+again"
    r"|probably|unfortunately|completely|totally|initially|carelessly|both|all|even|still|pretty\s+much|basically|\w+ly)){0,2}"
)
# "Maria, who was on call that night, …", "Maria, the release manager, …", "Maria (SRE) …": what
# the sentence says about its subject, skipped to reach its verb.
_RELATIVE_CLAUSE = (
    r"(?:\s*,\s*(?:who\b[^,.;?!]{1,100}|(?:the|our|their|an?)\s+[^,.;?!]{1,50}"
    r"|as\s+(?:the|our|their|an?)\s+[^,.;?!]{1,40}|as\s+(?:per\s+)?usual|as\s+always|(?:once\s+|yet\s+)?again|predictably|of\s+course|in\s+(?:his|her|their)\s+(?:haste|hurry|rush)),"
    r"|\s*\([^()]{1,50}\)"
    r"|\s+who\s+[^,.;?!]{1,60}?(?=\s)|(?<=whoever)\s+[^,.;?!]{1,40}?(?=\s))?"
)
_NOT_A_CAUSE_NOUN = r"(?!\s+(?:budgets?|rates?|logs?|counts?|messages?|codes?|handling|pages?|metrics?|dashboards?|responses?|bars?|paths?|states?))"

# Past tenses not ending in -ed, for habits of omission: "never set up an alert".
_IRREGULAR_PAST = r"(?:set|put|ran|made|took|wrote|read|built|got|sent|told|gave|did|saw|left|kept|thought|brought|shut|went|came)"

# What turns an ordinary act into a shortcut: "… without a review", "… against everyone's advice".
_SHORTCUT = (
    r"(?:with\s+(?:no|zero)\s+(?:review|testing|tests|approval|sign-?off|canary|backup|rollback\s+plan)\b"
    r"|without\s+a\s+word\s+to\b|without\s+(?:first\s+|even\s+|any\s+)?(?:(?:test|check|read|review|wait|verify|confirm|open)ing\b|(?:a|an|the|anyone['’]s|anybody['’]s)\s+(?:single\s+)?(?:second\s+pair\s+of\s+eyes|second\s+(?:reader|reviewer|check)"
    r"|review(?:er)?|approval|sign-?off|canary|(?:--)?dry[\s-]?run))"
    r"|without\s+(?:telling|informing|warning|asking|notifying|consulting)\s+(?:anyone|anybody|us|a\s+soul|the\s+(?:rest|team|others?)\b)"
    r"|against\s+(?:everyone['’]s\s+|the\s+|our\s+|all\s+)?(?:\w+\s+)?(?:advice|policy|procedure|process|rules|runbook|checklist|plan|instructions?|orders|guidance)\b"
    r"|despite\s+(?:\w+\s+){0,2}?(?:failing|red|broken|warnings?|alerts?|objections?|advice|concerns?)\b"
    r"|over\s+(?:the\s+|everyone['’]s\s+|their\s+|our\s+)?(?:\w+\s+)?objections?\b"
    r"|even\s+though\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:had\s+been\s+|was\s+|were\s+)?(?:erroring|failing|red|broken|alerting|firing)\b"
    r"|even\s+though\s+(?:everyone|everybody|anyone)\s+(?:could\s+see|knew|saw|had\s+seen)\b"
    r"|on\s+a\s+friday(?:\s+(?:afternoon|evening|night))?\b|(?:at|during)\s+(?:the\s+)?peak(?:\s+(?:time|hours|traffic|load))?\b"
    r"|against\s+(?:all\s+)?common\s+sense\b|after\s+the\s+(?:code\s+|change\s+|deploy\s+)?freeze\s+(?:had\s+)?(?:started|began|begun)\b)"
)

# Choosing between two courses: "chose to fail over instead of waiting" weighs them, it does not blame.
_CHOOSING = r"(?:chose|chooses|decided|decides|opted|elected|preferred)"

# Skipping a safeguard on purpose: "decided to skip the canary", "chose not to wait".
_RISKY_CHOICE = (
    r"(?:to\s+sit\s+on\s+(?:the|a|an|this|that)\s+(?:[\w-]+\s+)?(?:fix|patch|report|alert|ticket|warning|update)\b"
    r"|(?:on\s+(?:his|her|their)\s+own\s+|unilaterally\s+)?to\s+(?:skip|ignore|bypass|override|disable|turn\s+off|silence|mute)\s+(?:the\s+|a\s+|an\s+|all\s+)?(?:\w+\s+)?"
    r"(?:canary|tests?|review|checklist|checks?|backups?|staging|approval|runbook|warnings?|alerts?|process|procedure|rollout"
    r"|pipeline|freeze|safeguards?|gates?|controls?)\b"
    r"|not\s+to\s+(?:wait|test|check|follow|review|escalate)\b)"
)

# A person as the subject, then one of these: (kind, pattern). Order matters where they overlap.
PREDICATES: list[tuple[str, str]] = [
    ("mistake", r"(?:made|makes|(?:keeps?|kept)\s+making)\s+(?:a\s+(?:series|string|number|couple|lot)\s+of\s+|a|an|another|one|some|several|many|multiple|the\s+same)?\s*(?:\w+\s+)?"
                r"(?:mistakes?|errors?|blunders?|(?:bad|wrong)\s+calls?|(?:poor|bad)\s+(?:decisions?|choices?))\b"
                r"|made\s+(?:a\s+)?typos?|(?:got|gets|getting)\s+(?:it|that|this|them|the\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:badly\s+|completely\s+|totally\s+|all\s+)?wrong\b|(?:did|does|do)\s+(?:a\s+|an\s+)?(?:mistakes?|errors?)\b|messed\s+the\b"
                r"|(?:mess|screw|fuck|slipp)(?:ed|es|s)?\s+up|botch(?:ed|es)|bungl(?:ed|es)|mishandl(?:ed|es)|blunder(?:ed|s)|goof(?:ed|s)"),
    # choosing to look away, which no reason excuses: "chose to ignore the canary because the demo was at noon"
    ("wilful", r"(?:decided|decides|chose|chooses|opted|elected)\s+to\s+(?:(?:ignore|disregard|overlook|hide|conceal|cover\s+up|downplay|bury|suppress)\b(?!\s+(?:nothing|none)\b)"
               r"|keep\s+(?:it|this|that|the\s+[\w-]+|quiet)\s*(?:quiet|under\s+wraps|to\s+(?:himself|herself|themselves))\b)"),
    # choosing the risky path: "decided to skip the canary", "chose not to wait" (which the sentence
    # may explain: "… because the last forty updates had gone out the same way")
    ("choice", rf"(?<=immediately\s)(?:(?:logs?|logged|signs?|signed)\s+off|(?:went|goes)\s+(?:home|to\s+bed))\b"
               rf"|(?:refused|refuses)\s+(?:every\s+request\s+|repeated\s+requests\s+)?to\s+(?!(?:be|let|allow|accept)\b)\w+"
               rf"|(?:decided|decides|chose|chooses|opted|elected)\s+(?:{_RISKY_CHOICE}"
               r"|to\s+keep\s+(?:\S+\s+){1,3}?in\s+the\s+dark\b)"
               r"|(?:decided|decides|chose|chooses)\s+to\s+(?:go\s+(?:back\s+)?to\s+(?:sleep|bed)|go\s+home|log\s+off|leave\s+(?:early|the\s+(?:bridge|call)))\b"
               r"|(?:went|goes)\s+back\s+to\s+(?:sleep|bed)\b|(?:wanted|wants)\s+to\s+go\s+(?:back\s+)?(?:to\s+)?(?:bed|sleep|home)\b"
               r"|(?:chose|chooses|picked|picks|took|takes)\s+(?:the\s+)?(?:slowest|worst|riskiest|most\s+dangerous|least\s+safe)\s+(?:possible\s+)?\w+"
               r"|thought\s+it\s+(?:was|would\s+be)\s+(?:fine|ok(?:ay)?|safe|a\s+good\s+idea)\s+to\s+(?:skip|ignore|bypass|disable|deploy|push|run|restart|delete)\b"
               r"|assumed\s+(?:that\s+)?(?:it|this|that|the\s+\w+)\s+would\s+(?:just\s+)?(?:work|be\s+(?:fine|safe|ok(?:ay)?))\b"
               r"|(?:chose|chooses|put|puts|picked)\s+(?:speed|convenience|the\s+deadline|shipping)\s+(?:over|before|ahead\s+of)\s+(?:safety|correctness|caution|the\s+process)\b"
               r"|(?:chose|chooses|prioriti[sz]ed|prioriti[sz]es|put|puts|picked|favou?red)\s+(?:cost(?:\s+savings)?|savings|speed|convenience|the\s+(?:deadline|launch(?:\s+date)?|budget)"
               r"|shipping|features|velocity|growth|profits?)\s+(?:over|before|ahead\s+of)\b"),
    # a shortcut past the safeguards, which the process itself may allow ("…, which the hotfix process
    # allows") or the sentence explain ("… because the change calendar listed it for that window")
    ("shortcut", r"(?:pushed|pushes|deployed|deploys|shipped|ships|went|goes)\s+(?:\S+\s+){0,5}?(?:straight|directly)\s+(?:to|into|on)\s+prod"
                 r"|(?:overr(?:ode|ides|idden)|bypass(?:ed|es)|circumvent(?:ed|s)|work(?:ed|s)\s+around)\s+(?:the\s+|a\s+|an\s+|all\s+)?(?:\w+\s+)?"
                 r"(?:freeze|alerts?|checks?|safeguards?|guard\s?rails?|pipeline|review|protections?|canary|tests?|warnings?|approval|process|procedure)\b"
                 r"|(?:\S+\s+){1,8}?despite\s+(?:being|having\s+been)\s+(?:asked|told|warned)\b"
                 r"|(?:\S+\s+){1,8}?despite\s+(?:the\s+|a\s+|an\s+|all\s+|several\s+|repeated\s+)?(?:\w+\s+)?"
                 r"(?:failing|red|broken|warnings?|alerts?|objections?|advice|concerns?)\b"
                 r"|(?:\S+\s+){1,8}?against\s+(?:everyone['’]s\s+|the\s+|our\s+|all\s+)?(?:[\w-]+(?:['’]s)?\s+)?(?:advice|instructions|orders)\b"
                 r"|(?:\S+\s+){1,8}?after\s+being\s+(?:\w+\s+)?(?:told|asked|warned)\s+(?:\w+\s+)?not\s+to\b"
                 r"|(?:deployed|deploys|pushed|pushes|shipped|ships|merged|merges|released|releases)\s+(?:\S+\s+){0,5}?after\s+the\s+(?:code\s+|change\s+|deploy\s+)?freeze\s+(?:had\s+)?(?:started|began|begun)\b"
                 r"|(?:\S+\s+){1,8}?even\s+though\s+(?:everyone|everybody|anyone)\s+(?:could\s+see|knew|saw|had\s+seen)\b"
                 r"|(?:\S+\s+){1,8}?(?:even\s+though|although)\s+(?:the\s+|our\s+)?(?:runbook|procedure|checklist|policy|documentation|docs)"
                 r"\s+(?:warns?|warned|says|said|forbids|forbade|prohibits|prohibited)\b"
                 # doing something else: not a choice between two courses ("chose to fail over instead of waiting")
                 r"|(?:without|w/o)\s+(?:telling|asking|warning|informing|consulting)\s+(?:anyone|anybody|the\s+\w+)\b"
                 rf"|(?!{_CHOOSING}\b)(?:\S+\s+){{0,8}}?(?:instead\s+of|rather\s+than)\s+(?:verifying|checking|testing"
                 r"|telling|informing|notifying"
                 r"|asking|waiting|reading|looking|confirming|escalating|investigating|responding|rolling\s+back|answering|acknowledging)\b"
                 r"|(?:shipped|ships|pushed|pushes|deployed|deploys|released|releases|merged|merges)\s+(?:\S+\s+){0,3}?untested"
                 r"|\S+\s+(?:\S+\s+){0,7}?with\s+no\s+(?:review|testing|tests|approval|sign-?off|canary|backup|rollback\s+plan)\b"
                 r"|(?!(?:roll(?:s|ed)?\s+back|revert(?:s|ed)?|fail(?:s|ed)?\s+over|restor(?:es|ed)|mitigat\w+|could|can|would|will|might|may)\b)"
                 r"\S+\s+(?:\S+\s+){0,7}?(?:without|w/o)\s+(?:first\s+|even\s+|any\s+|ever\s+)?"
                 r"(?:(?:test|check|read|review|wait|look|ask|tell|verify|understand|confirm|think|open)(?:ing|s)?\b"
                 r"|(?:a|an|the)\s+(?:second\s+pair\s+of\s+eyes|second\s+(?:look|reader|reviewer|check|person)|second\s+thought|(?:peer\s+|code\s+|change\s+)?review(?:er)?|approval|sign-?off|backup|snapshot|rollback\s+plan|canary|(?:--)?dry[\s-]?run|confirmation)"
                 r"|(?:running|putting)\s+(?:it|this|that|the\s+\w+)\s+(?:past|by|through)\s+(?:anyone|anybody|someone|a\s+reviewer)"
                 r"|(?:warning|informing|notifying|consulting|alerting)\s+(?:anyone|anybody|the\s+(?:\w+\s+)?(?:team|on-?call|customers?|support))"
                 r"|(?:anyone|anybody)['’]s\s+(?:review|approval|sign-?off|knowledge|say-?so|agreement)"
                 r"|(?:approval|sign-?off|permission|authori[sz]ation)\b"
                 r"|running\s+(?:the\s+|any\s+)?(?:\w+\s+)?(?:tests?|benchmarks?|checks?|suite))"
                 # a risky step at a time everyone knows is risky: "ran the migration at peak time"
                 r"|(?:ran|deployed|pushed|shipped|merged|released|started|applied|did)\s+(?:\S+\s+){0,5}?"
                 r"(?:(?:at|during|in)\s+(?:the\s+)?peak(?:\s+(?:time|hours|traffic|load))?|on\s+a\s+friday(?:\s+(?:afternoon|evening|night))?)\b"),
    ("slip", r"force[\s-]?push(?:ed|es)|yolo[\s-]?\w+|cowboy(?:ed)?\b|went\s+off[\s-]script|(?:sleeping|sleeps)\s+through|fat[\s-]?finger(?:ed|s)|rubber[\s-]?stamp(?:ed|s)|panick?(?:ed|s)|rush(?:ed|es)\b|slept\s+through"
             r"|had\s+no\s+(?:idea|clue)\s+what\s+(?:he|she|they|you)\s+(?:was|were)\s+doing"
             # competence judged in the present: "has no idea how the failover works"
             r"|(?:has|have)\s+no\s+(?:idea|clue)\s+(?:how|what)\b|drag(?:ged|s)\s+(?:his|her|their|your|its)\s+feet\b"
             r"|let\s+(?:us|them|you|everyone|everybody|the\s+(?:whole\s+)?(?:team|company|customers?))\s+down\b"
             r"|had\s+every\s+(?:opportunity|chance)\s+to\b"
             r"|took\s+(?:a\s+)?short-?cuts?\b|blindly\s+\w+|had\s+no\s+business\s+\w+ing\b"
             r"|waved\s+(?:\S+\s+){0,3}?through\b"
             rf"|{_NOT}\s+do\s+(?:his|her|their|your|the)\s+(?:job|homework|due\s+diligence)\b"
             rf"|{_NOT}\s+(?:do|run|perform)\s+(?:the\s+|any\s+|even\s+the\s+)?(?:basic\s+|necessary\s+|required\s+|proper\s+|usual\s+)?(?:checks|testing|tests|verification)\b"
             r"|took\s+(?:his|her|their|your)\s+eyes?\s+off\s+the\s+ball"
             # no attempt at all: "took no action on the alert for thirty minutes"
             r"|(?:took|takes)\s+no\s+action|made\s+no\s+(?:attempt|effort)|showed\s+no\s+urgency"
             r"|made\s+(?:it|things|this|matters|the\s+\w+)\s+worse"
             r"|(?:[\w'-]+\s+){1,8}?anyway\b"
             r"|unthinkingly\s+\w+|(?:deliberately|knowingly|intentionally|wil?lfully)\s+(?:hid|hides|concealed|conceals|withheld|withholds|covered\s+up)\b"
             r"|(?:abandoned|abandons|deserted|deserts)\s+(?:the|his|her|their)\s+(?:post|unit|station|watch|console|control\s+room)\b|wander(?:ed|s)\s+off\b|(?:\S+\s+){1,10}?without\s+so\s+much\s+as\b|(?:(?:was|were|is|are)\s+)?(?:off\s+)?doing\s+who\s+knows\s+what\b"
             # a failing of character as the motive: "restarts the fleet out of sheer timidity"
             r"|(?:\S+\s+){1,10}?out\s+of\s+(?:sheer\s+|pure\s+|plain\s+)?(?:impatience|timidity|laziness|arrogance|hubris|complacency|spite"
             r"|boredom|carelessness|stubbornness|cowardice|fear|panic|ignorance|habit|convenience)\b"
             r"|(?:(?:was|were|is|are)\s+)?more\s+interested\s+in\s+[^.;?!]{1,60}?\s+than\b"
             r"|(?:acted|acts|pretended\s+to\s+be|pretends\s+to\s+be)\s+(?:all\s+)?surprised\b|feigned\s+surprise|played\s+dumb"
             r"|(?:just\s+)?shrug(?:s|ged)(?:\s+it\s+off)?\b(?!\s+off\s+the)|(?:over|under)react(?:ed|s)\b|(?:hid|hides)\s+behind\b"
             r"|(?:was|were)\s+(?:in\s+a\s+hurry|rushing)\s+to\s+(?:get\s+home|go\s+home|leave|log\s+off)\b|(?:froze|freezes)\s+up\b"
             r"|(?:vanished|disappeared)\s+(?:from|for)\b|dither(?:ed|s)\b|overth(?:ought|inks)\b|cowboying\b|stroll(?:s|ed)\s+(?:in|onto|into)\b"
             rf"|{_NOT}\s+care\s+(?:to|about|much\s+about)\b|(?:cared|cares)\s+more\s+about\s+[^.;?!]{{1,60}}?\s+than\b|{_NOT}\s+(?:even\s+)?know\s+(?:their|his|her|your)\s+own\b"
             r"|(?:went|goes|go)\s+home\s+(?:while|before|leaving)\b|(?:fell|falls)\s+for\s+(?:a|an|the|it|this|that)\b"
             r"|(?:violat|breach)(?:ed|es)\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?:policy|freeze|procedure|process|rules?|protocol|runbook)\b"
             r"|(?:did|does|do)\s+nothing(?!\s+wrong)\b|(?:\S+\s+){1,6}?doing\s+nothing(?!\s+wrong)\b|(?:walked|walks)\s+away\b|(?:fell|falls)\s+asleep\s+on\s+the\s+job\b"
             r"|(?:was|were|is|are)(?:n['’]t|\s+not)\s+doing\s+(?:his|her|their|your)\s+jobs?\b"
             r"|(?:lacked|lacks|lack)\s+(?:even\s+)?(?:the\s+)?(?:most\s+)?(?:basic|elementary|fundamental|minimum)\s+(?:skills?|competence|knowledge"
             r"|airmanship|judge?ment|understanding|awareness|discipline)\b"
             r"|(?:sat|sits)\s+on\s+(?:it|them|that)\b"
             r"|(?:sat|sits)\s+on\s+(?:the|this|that|his|her|their|an?)\s+(?:[\w'’-]+\s+){0,3}?(?:for|until|over|while)\b"
             r"|(?:kept|keeps|keep)\s+(?:\S+\s+){1,3}?in\s+the\s+dark\b|would(?:n['’]t|\s+not)\s+(?:hear|listen)\b|refused\s+to\s+listen\b"
             r"|let\s+(?:\S+\s+){1,4}?(?:expire|lapse|slip|rot|run\s+out|fill\s+up|sit|linger|fester|pile\s+up|go\s+un\w+ed|drag\s+on)\b"
             r"|blew\s+it|fumbled|cut\s+corners|winged\s+it|went\s+rogue|half[\s-]?ass(?:ed|es)\b|screwed\s+the\s+pooch"
             rf"|{_NOT}\s+know\s+what\s+(?:he|she|they|you)\s+(?:was|were)\s+doing"
             r"|(?:failed|fails)\s+(?:\w+ly\s+)?(?:at\s+(?=\w+ing\b)|in\s+(?:his|her|their|your)\s+(?:duty|duties|job|role|responsibilit(?:y|ies)|obligations?)\b)"
             # a bet or a head start nobody agreed to: "jumped the gun", "took a gamble with the database"
             r"|jump(?:ed|s)\s+the\s+gun|(?:took|takes)\s+(?:a\s+|the\s+)?(?:gamble|punt|chance)\s+(?:with|on)\b|gambled\s+(?:that|on|with)\b"
             r"|(?:(?:was|were|is|are)\s+)?too\s+\w+\s+to\s+bother\b"
             r"|(?:left|leaves)\s+(?:\S+\s+){1,4}?un(?:acknowledged|answered|attended|checked|reviewed|read|monitored)\b"
             # holding news that needed acting on: "sat on the vendor's notice over the weekend"
             r"|(?:sat|sits)\s+on\s+(?:the|this|that|his|her|their|an?)\s+(?:[\w'’-]+\s+){0,2}?(?:alerts?|alarms?|pages?|notices?|notifications?"
             r"|tickets?|reports?|warnings?|e-?mails?|messages?|fix|patch|pull\s+requests?|requests?|failures?|errors?|problems?|issues?|drafts?|updates?"
             r"|announcements?|decisions?|findings?|results?|news)\b"
             r"|could(?:n['’]t|\s+not)\s+(?:even\s+)?(?:follow|read|handle|manage)\s+(?:a|the|one)\s+(?:simple|basic|single)\b"
             r"|(?:just\s+|simply\s+)?(?:clicked|clicks|hit|hits|pressed)\s+approve\b|(?:was|were|is)\s+nowhere\s+to\s+be\s+(?:found|seen)\b"
             r"|let\s+(?:this|it|that|things)\s+slide\b|made\s+a\s+(?:\w+\s+)?mess\s+of\b"
             r"|could(?:n['’]t|\s+not)\s+be\s+bothered|(?:can(?:not|['’]t|\s+not)|could(?:n['’]t|\s+not))\s+be\s+trusted\b|(?:was|were|is)\s+(?:too\s+)?(?:inexperienced|unqualified|clueless)\b"),
    # A wrong choice among look-alikes, which the sentence may go on to explain ("… because the
    # two terminals looked the same").
    ("wrong", r"(?:(?!(?:notic|spot|found|find|discover|realiz|realis|confirm|report|flag|suspect|identif|say|said|explain|point|show)\w*\b)\w+(?:ed|s)"
              r"|ran|chose|took|hit|put|sent|wrote|set|read|did)\s+(?:\S+\s+){0,3}?(?:the|a)\s+wrong\b"
              r"|mis(?:read|reads|typed|types|configured|configures|judged|judges|understood|understands|labell?ed|applied|interpreted|calculated|keyed)\b(?!\s+nothing)"
              # (a lucky find is no slip: "accidentally discovered the root cause")
              # (nor a belief, which is the person's reasoning at the time: "mistakenly believed it was drained")
              r"|(?:accidentally|mistakenly|inadvertently|wrongly|erroneously)\s+(?!(?:discover|found|find|notic|spott|stumbl|learn|realiz|realis"
              r"|believ|thought|think|assum|understood|conclud|expect)\w*)\w+"
              r"|got\s+(?:it|this|that|the\s+\w+(?:\s+\w+)?)\s+wrong"
              r"|(?:\S+\s+){1,8}?by\s+mistake\b"),
    # An expectation the person did not meet: "was supposed to check the replica but didn't".
    ("supposed", r"(?:was|were|is|are)\s+(?:supposed|meant|expected|required)\s+to\b[^.;?!]{0,80}?"
                 # "… but didn't", "… but wandered off": the same person, doing something else
                 r"\bbut\s+(?:instead\s+|then\s+|\w+ly\s+)?(?:didn['’]?t|did\s+not|never|forgot|failed|skipped|ignored|missed|wandered|went\s+(?:off|home|to)"
                 r"|left|chose|decided|got\s+distracted|instead)\b"
                 # warned and went ahead: "had been warned about the disk and did nothing"
                 r"|(?:(?:had\s+been|was|were|got)\s+(?:\w+\s+)?(?:warned|told|asked|reminded)|knew|had\s+known|(?:was|were)\s+(?:well\s+)?aware)\b"
                 r"[^.;?!]{0,80}?\b(?:and|but)\s+"
                 r"(?:still|nevertheless|anyway|did\s+nothing|ignored|went\s+ahead|pressed\s+on|carried\s+on|said\s+nothing|told\s+(?:no\s+one|nobody)"
                 r"|kept\s+quiet|stayed\s+silent)\b"),
    # a belated act told as a reproach: "finally bothers to look", "eventually wakes up"
    ("grudging", r"(?:(?<=finally\s)|(?<=eventually\s))(?:bother(?:s|ed)?|deign(?:s|ed)?|(?:gets?|got)\s+around"
                 r"|(?:wakes?|woke)\s+up|(?:shows?|showed|turns?|turned)\s+up)\b"),
    # The inexperienced as the culprit: "the intern deleted the bucket" singles out who did it.
    ("inexperienced", r"(?:(?<=intern\s)|(?<=hire\s)|(?<=junior\sdev\s)|(?<=junior\sengineer\s)|(?<=junior\sdeveloper\s)|(?<=new\sguy\s))"
                      r"(?:deleted|dropped|wiped|removed|destroyed|nuked|trashed|took\s+down|brought\s+down|ran|pushed|deployed)\b"),
    # a reputation for shortcuts: "is known for skipping code review", "is notorious for …"
    ("habit", r"(?:(?:is|was|are|were)\s+(?:\w+\s+)?(?:known|notorious|famous)\s+for|(?:has|have|had)\s+a\s+(?:long\s+)?(?:history|track\s+record|habit)\s+of)"
              r"\s+(?:skipping|ignoring|breaking|cutting|bypassing|rushing|missing|letting|forgetting|leaving|not\s+\w+ing)\b"
              r"|(?:is|was|are|were)\s+notorious\b"),
    # what happened to the person afterwards says they were judged: "has been spoken to"
    ("sanctioned", r"(?:has|have|had|was|were|will\s+be)\s+(?:been\s+)?(?:spoken\s+to|disciplined|reprimanded|fired|let\s+go|written\s+up|retrained"
                   r"|suspended|demoted|removed\s+from\s+(?:the\s+)?(?:on-?call\s+)?(?:rotation|team|project)|taken\s+off\s+(?:the\s+)?(?:rotation|project|on-?call))\b"),
    ("broke", r"(?:broke|breaks)(?!\s+(?:down|out|up|into|through|even|ground|apart|off|the\s+(?:news|work|task)))"
              r"(?!(?:\s+[\w'-]+){1,4}\s+(?:into|apart|down)\b)"),
    ("forgot", r"(?:forg[eo]ts?|neglect(?:ed|s)?|omitted)(?!\s+(?:nothing|none)\b)(?:\s+to\b)?|(?:fell|falls)\s+asleep|dozed\s+off"),
    ("notice", rf"(?:{_NOT}|(?:failed|fails)\s+to)\s+(?:even\s+)?(?:{_NOTICE_VERBS})(?:d|ed|n)?\b(?!(?:\s+[\w-]+){{0,4}}\s+before\b)"
               r"|never\s+(?:noticed|saw|spotted|caught|realized|realised|detected)\b"),
    # (an attempt that did not work is no omission: "failed to reach the vendor by phone")
    ("prompt", rf"could(?:n{_APOSTROPHE}t|\s+not)\s+even\b|(?:failed|fails)\s+to\b(?!\s+(?:reach|contact|connect|get\s+(?:through|a\s+(?:response|reply|answer|hold))|log\s+in|sign\s+in|reproduce|load(?!-)|boot|locate|obtain))"
               rf"|{_NOT}(?=\s+(?:(?:{_ACT_VERBS})(?:ed|d)?|(?:{_ACT_ING})ing)\b(?<!understand)(?<!understanding))"
               rf"|{_NOT}(?=\s+understand(?:ing)?\b(?!\s+(?:why|how|what|where|whether|which)\b))"
               r"|never\s+bother(?:ed|s)\b"),
    # past or habitual: "never checked the backups", "never reviews her own diffs"
    # (not "had never run a restore": what someone has never done is their experience, not a habit)
    ("never", rf"(?<!had\s)(?<!has\s)(?<!have\s)never(?=\s+(?:even\s+)?(?:\w+ed|(?:{_ACT_VERBS})(?:e?s)?|{_IRREGULAR_PAST})\b)"),
    ("should-not", rf"(?:should(?:n{_APOSTROPHE}t|\s+not|\s+never)|never\s+should)\s+have"),
    # (not what should have reached the person: "should have been paged by the latency alert")
    ("should", rf"(?:should(?:\s+have|{_APOSTROPHE}ve|\s+of)|ought\s+to\s+have)(?!\s+been\s+(?:on\s+(?:leave|vacation|holiday|pto)\b|off\b|paged|told|notified|alerted|informed|warned|called"
               r"|given|shown|sent|asked|included|consulted|trained|invited|copied|added|contacted|woken)\b"
               # nor what they should have been given: "should have had access to the runbook"
               r"|\s+had\s+(?:access|permissions?|credentials|the\s+(?:\w+\s+)?(?:access|context|information|tools?|training))"
               r"|\s+(?:received|gotten|got)\b)"
               rf"|could(?:\s+(?:easily\s+)?have|{_APOSTROPHE}ve)\s+(?:easily\s+)?(?:prevented|avoided|stopped|caught)\s+(?:all\s+(?:of\s+)?)?(?:this|it|that|the\s+\w+)"),
    # (not waiting on others: "was slow to get a response from the vendor")
    ("slow", r"dawdl(?:ed|es|ing)\b|dither(?:ed|s|ing)\b|(?:was|were|is)\s+(?:unreachable|uncontactable|nowhere\s+to\s+be\s+found)\s+(?:while|when)\s+(?:on\s+call|on\s+duty|on\s+shift)\b|(?:was|were|is)\s+(?:too\s+|very\s+|really\s+)?slow(?!\s+to\s+(?:get|receive|hear)\b)(?:\s+to\b)?|(?:took|takes)\s+(?:too\s+long|forever|ages)(?:\s+to\b)?"
             r"|(?:waited|waits|hesitated|hesitates|dithered|dithers|sat\s+on\s+it)\s+(?:(?:far|way|much)\s+)?(?:too\s+long|forever|ages)(?:\s+to\b)?"
             # "sat on the drag update for an hour", "sits on his hands": holding what should have moved
             r"|(?:sat|sits)\s+on\s+(?:(?:his|her|their|our|its)\s+hands\b|(?!(?:the|a)\s+(?:bridge|call|phone|line|floor|panel|committee|board)\b)(?:the|that|this|it|his|her|their)\b[^.;:!?]{0,40}?\b(?:for\s+(?:an?|\w+)\s+(?:hours?|days?|weeks?|months?)|all\s+(?:morning|day|night|afternoon|evening|weekend|week)))"
             r"|(?:wasted|wastes)\s+(?:an?\s+|\w+\s+|half\s+an\s+)?(?:hours?|minutes|time|day|afternoon|morning|evening|night)\b"),
    ("inattentive", rf"(?:was|were|is|are)(?:n{_APOSTROPHE}t|\s+not)\s+(?:paying\s+(?:\w+\s+)?attention|watching|looking)"),
    ("careless", rf"(?:was|were|is|are|been|become|became|grown|grew)\s+(?:(?!not\b|never\b)\w+\s+)?(?:careless|negligent|sloppy|lazy|reckless|distracted|inattentive|incompetent"
                 r"|hasty|cavalier|complacent|lax|overconfident|impatient|remiss|useless|hopeless|disorgani[sz]ed|asleep\s+on\s+the\s+job"
                 r"|asleep\s+at\s+(?:the\s+wheel|the\s+switch|(?:his|her|their)\s+desks?))\b"
                 # an order about conduct, not in the imperative: "Traders need to stop treating the guard as optional"
                 r"|(?:needs?|has|have)\s+to\s+stop\s+\w+ing\b"
                 r"|(?:deletes?|deleted|shoots?|shot|acts?|acted|restarts?|restarted)\s+(?:\S+\s+){0,3}?first\s+and\s+asks?\s+questions\s+later"
                 # a judgement as an aside: "Omar, impatient, force-pushes …"
                 r"|(?:impatient|careless|reckless|overconfident|hasty|sloppy|lazy|cavalier)(?=\s*,)"
                 r"|(?:was|were|is)\s+in\s+(?:a|too\s+much\s+of\s+a|such\s+a)\s+(?:rush|hurry)\b"
                 r"|(?:can(?:not|['’]t|\s+not)|could(?:n['’]t|\s+not))\s+be\s+trusted\b"
                 rf"|(?:was|were|is|are)(?:n{_APOSTROPHE}t|\s+not)\s+(?:competent|qualified|diligent|thorough|vigilant|attentive)\b"
                 r"|thought\s+(?:he|she|they|you)\s+knew\s+better"
                 r"|(?:was|were|is|are)\s+too\s+(?:stubborn|proud|scared|timid|arrogant|lazy)\s+to\b|(?:lost|loses)\s+(?:his|her|their)\s+nerve\b"
                 # knowledge hoarded: "keeping the deploy script to himself for years"
                 r"|(?:kept|keeps|keeping)\s+(?:\S+\s+){1,4}?to\s+(?:himself|herself|themselves)\b"
                 # priorities judged: "Penny putting a sales call ahead of a page"
                 r"|(?:put|puts|putting)\s+(?:\S+\s+){1,5}?(?:ahead\s+of|before|above)\s+(?:a\s+|the\s+|an\s+|his\s+|her\s+|their\s+)?(?:page|pages|customers?|safety|(?:the\s+)?incident|on-?call|patients?|users?|outage)\b"
                 # an attitude to a safeguard or to people: "treats the change template as a formality"
                 r"|(?:treats?|treated|treating)\s+(?:\S+\s+){1,5}?as\s+(?:a\s+|an\s+|their\s+)?(?:mere\s+)?(?:formality|optional|suggestion|afterthought|box-ticking(?:\s+exercise)?"
                 r"|personal\s+(?:sandbox|playground)|lab\s+rats|guinea\s+pigs)\b"
                 rf"|(?:was|were|is)(?:n{_APOSTROPHE}t|\s+not)\s+up\s+to\s+(?:the\s+)?(?:task|job)"
                 r"|(?:should|ought\s+to)\s+be\s+(?:ashamed|embarrassed)\b|(?:knows|knew)\s+better\s+than\s+(?:that|this|to)\b"
                 r"|(?:thinks|thought)\s+(?:\w+\s+){0,2}?(?:are|is|were|was)\s+(?:for\s+other\s+people|optional|beneath\s+(?:him|her|them))"
                 r"|(?:was|were|is)\s+(?:clearly\s+|simply\s+)?(?:not\s+up\s+to\s+(?:the\s+)?(?:task|job)|out\s+of\s+(?:his|her|their)\s+depth"
                 r"|in\s+over\s+(?:his|her|their)\s+head)"
                 rf"|could(?:\s+have|{_APOSTROPHE}ve)\s+been\s+(?:a\s+(?:lot|bit)\s+)?more\s+(?:careful|attentive|thorough|diligent|cautious)"
                 r"|(?:should|must|needs?\s+to|has\s+to|have\s+to|ought\s+to)\s+(?:be\s+(?:a\s+(?:lot|bit)\s+)?more\s+(?:careful|attentive|thorough|diligent|vigilant|cautious)"
                 r"|pay\s+(?:more\s+|closer\s+)?attention|know\s+better|learn\s+to\b|start\s+(?:paying|to\s+pay)\s+attention)"
                 r"|(?:was|were|is|are)\s+(?:\w+\s+)?(?:irresponsible|unprofessional)\b"
                 rf"|(?:was|were)(?:n{_APOSTROPHE}t|\s+not)\s+(?:being\s+)?careful"
                 rf"|{_NOT}\s+(?:exercise|use|show|take)\s+(?:\w+\s+)?(?:caution|care|judge?ment|diligence)\b"
                 rf"|(?:{_NOT}\s+take|(?:was|were|is|are)(?:n{_APOSTROPHE}t|\s+(?:\w+\s+)?not)\s+taking)\s+(?:\S+\s+){{1,4}}?seriously\b"),
    ("fault", r"(?:bears?|bore|carries|carried)\s+(?:the\s+)?(?:full\s+|sole\s+|primary\s+|direct\s+)?(?:responsibility|blame)\b"
              r"|(?:is|was|are|were)\s+(?:\w+\s+)?(?:accountable|culpable|liable)\s+for\s+(?:the|this)\s+(?:(?:failed|broken|lost|botched)\s+\w+|outage|incident|failure|mistake|data\s+loss|downtime)\b"
              r"|(?:should|must|will\s+have\s+to|has\s+to|needs?\s+to)\s+answer\s+for\s+(?:it|this|that|the\s+\w+)\b"
              r"|(?:should|must|needs?\s+to|ought\s+to)\s+be\s+held\s+(?:accountable|responsible|liable)\b"
              r"|(?:is|was)\s+the\s+one\s+(?:who|that)\s+(?:broke|caused|forgot|deleted|pushed|missed|ignored|messed|screwed|took\s+down)\b"
              r"|(?:is|was|were|are)\s+(?:to\s+blame|at\s+fault|responsible\s+for\s+(?:the|this)\s+"
              r"(?:outage|incident|failure|mistake|problem|breakage|downtime|mess|disaster|fiasco)"
              # "the reason the site went down", not "the reason we recovered so quickly"
              r"|the\s+(?:root\s+|real\s+|only\s+)?(?:reason|cause)\b[^.;:?!]{0,40}?"
              r"\b(?:outage|incident|failure|down|broke|failed|lost|crash(?:ed)?|downtime|problem|bug|regression|errors?)\b)"
              # "the DBA team failed us": a person failing people, not a step
              r"|failed\s+(?:us|them|everyone|the\s+(?:team|customers?|company))\b"),
    ("caused", r"caused(?!\s+(?:no|nothing|none)\b)|(?:introduced|triggered|created)(?=\s+(?:the|this|a|an)\s+(?:\w+\s+)?"
               r"(?:outage|incident|bug|regression|failure|problem|issue|downtime|breakage)s?\b)"),
    # (not "overlooked nothing", nor a missed objective: "the team missed its SLO")
    ("ignored", r"(?:ignor(?:ed|es)|overlook(?:ed|s)|miss(?:ed|es)|disregard(?:ed|s))(?!\s+(?:nothing|none)\b)"
                r"(?!\s+(?:its|their|our|the|an?)\s+(?:own\s+|\w+\s+)?(?:slo|sla|slos|slas|targets?|objectives?|goals?)\b)"
                r"|(?:keeps?|kept)\s+(?:ignoring|missing|skipping|forgetting|breaking)\b"),
    ("skipped", r"skip(?:ped|s)(?!\s+(?:ahead|to|over|lunch|dinner|breakfast|a\s+meal|sleep)\b)"),
    # what was done held against what was not, unless a reason follows: "froze instead of going to the
    # backup server", "Leah, instead of phoning the host, spent the hour posting" (not a choice, a
    # modal's ability or a question: "could troubleshoot instead of running degraded")
    ("instead", rf"(?!(?:{_CHOOSING}|could|would|can|will|might|may|must|should|ought|needs?|to)\b)"
                r"(?:[^\s,.;:!?]+\s+){0,8}?(?:instead\s+of|rather\s+than)\s+\w+ing\b"
                r"|(?:instead\s+of|rather\s+than)\s+\w+ing\b[^,.;:!?]{0,50},\s+(?!because|since|as\b)\w+"
                rf"|(?!(?:{_CHOOSING}|approved|approves)\b)(?:[^\s,.;:!?]+\s+){{0,8}}?rather\s+than\s+(?:think|check|look|ask|read|test|verify|listen)\b"),
]


def _obj(rest: str, fallback: str = "this") -> str:
    return rest or fallback


def _should(rest: str) -> str | None:
    if rest.startswith("known"):
        what = rest.removeprefix("known").strip()
        if not what or what.startswith("better"):
            return "nothing showed the risk in time"
        return f"nothing showed {what}" if what.startswith("that ") else f"nothing showed that {what}"
    if rest.startswith("been "):
        return "the system allowed this step to fail silently"
    return f"nothing in the process made sure someone had {rest}" if rest else None


def _caused(rest: str) -> str:
    effect, by, how = rest.partition(" by ")
    if by and how:
        return f"{how} triggered {effect}, and no safeguard caught it"
    return f"{_obj(effect)} was triggered by a change no safeguard caught"


# kind -> (predicate text, rest of the clause) -> the system-focused clause replacing it.
REWRITES: dict[str, Callable[[str, str], str | None]] = {
    "mistake": lambda _, rest: " ".join(("the system allowed this step to fail silently", rest)).strip(),
    "broke": lambda _, rest: f"{_obj(rest)} broke and nothing caught the change",
    "forgot": lambda verb, rest: (
        f"nothing reminded anyone to {rest}" if verb.endswith("to") and rest
        else f"nothing reminded anyone about {rest}" if rest else "nothing reminded anyone"
    ),
    "notice": lambda _, rest: (
        f"nothing made it visible in time {rest}" if rest.startswith("that ")
        else f"nothing made {_obj(rest)} visible in time"
    ),
    "prompt": lambda _, rest: f"nothing prompted anyone to {rest}" if rest else None,
    "never": lambda _, rest: (
        f"nothing in the process made sure someone had {rest}" if rest.split(" ", 1)[0].endswith("ed")
        else f"nothing in the process makes sure someone {rest}"
    ),
    "should-not": lambda _, rest: f"nothing in the process warned against having {rest}" if rest else None,
    "should": lambda _, rest: _should(rest),
    # The guides' rewrite keeps a cause: the room fills in what made the response slow.
    "slow": lambda verb, rest: (
        f"it took longer than expected to {rest} because …" if verb.endswith("to") and rest
        else "this took longer than expected because …"
    ),
    "slip": lambda _, __: None,
    "shortcut": lambda _, __: None,
    "habit": lambda _, __: None,
    "sanctioned": lambda _, __: None,
    "choice": lambda _, __: None,
    "wilful": lambda _, __: None,
    "grudging": lambda _, __: None,
    "wrong": lambda _, __: None,
    "supposed": lambda _, __: None,
    "inexperienced": lambda _, __: None,
    "inattentive": lambda _, rest: (
        f"nothing drew attention {rest} in time" if rest.startswith("to ") else "nothing drew attention to the problem in time"
    ),
    "careless": lambda _, __: "the process let a risky step through without a check",
    "fault": lambda _, __: "the system allowed this to fail",
    "caused": lambda _, rest: _caused(rest),
    "ignored": lambda _, rest: f"{_obj(rest)} did not stand out enough to act on",
    "skipped": lambda _, rest: f"nothing stopped {_obj(rest, 'the step')} from being skipped",
    "instead": lambda _, __: None,
}

# Every predicate and phrase contains one of these (lower case): text without any is skipped
# without running the patterns, which keeps a 10,000-event timeline cheap to check.
PREDICATE_WORDS = (
    "instruction", "orders", "guidance", "formality", "optional", "suggestion", "afterthought", "box-ticking",
    "sandbox", "playground", "lab rats", "guinea", "wrong", "refus", "ahead of", "before", "above", "immediately",
    "freeze", "common sense", "snapshot", "himself", "herself", "themselves", "dither", "reluctan", "unwilling",
    "asleep", "stop", "questions later", "silence", "everyone could", "everyone knew", "stubborn", "nerve",
    "unreachable", "rather than",
    "made", "mess", "screw", "fuck", "slipped", "botch", "blunder", "goof", "broke", "forgot", "neglect", "omit",
    "not", "n't", "n’t", "fail", "never", "should", "ought", "slow", "took", "takes", "careless", "negligent",
    "sloppy", "lazy", "reckless", "distract", "inattentive", "incompeten", "blame", "fault", "responsible", "caus",
    "introduc", "trigger", "creat", "ignor", "overlook", "miss", "disregard", "skip", "careful", "'s", "’s", "typo",
    "seriously", "caution", "policy", "procedure", "mistake", "half", "pooch", "useless", "hopeless", "making",
    "idea", "clue", "feet", "waste", "finger", "stamp", "panic", "rush", "slept", "wrong", "untested", "without",
    "w/o", "worse", "anyway", "deliberate", "knowing", "intentional", "wilful", "willful", "abandon", "desert", "wander", "break", "forget", "doesn", "bother", "accident", "out of", "interested", "surprised",
    "feigned", "dumb", "walk", "doing", "lack", "shrug", "wanted", "wants", "react", "hid", "disorgani", "overth",
    "cowboying", "stroll", "drag on", "vigilant", "attentive", "dither", "pride", "ego", "vanity", "care to", "care about", "care much", "cared more", "cares more", "own",
    "home", "fell for", "falls for", "vanish", "disappear", "violat", "breach", "become", "became", "grown", "grew",
    "quiet", "silent", "dark", "hear", "listen", "dawdl", "sat on", "sits on", "slowest", "worst", "riskiest",
    "dangerous", "sit on", "clean", "tidy", "renew", "rotate", "word to", "opening", "cowboy", "unreviewed",
    "better", "thinks", "unauthori", "unapproved", "unilateral", "mistaken", "inadvertent", "erroneous",
    "unthinking", "let ", "got ", "blew", "fumbl", "bungl", "mishandl", "corners", "winged", "rogue", "reason",
    "inexperienced", "unqualified", "clueless", "who", "had", "if", "peak", "friday", "intern", "hire", "mis",
    "straight", "directly", "overr", "bypass", "circumvent", "around", "nothing", "instead", "chose", "choose",
    "put", "picked", "decide", "priorit", "favor", "favour", "opted", "elected", "but", "warned", "told", "asked",
    "finally", "eventually", "wait", "hesitat", " by ", " part", "down to", " lies", " lay ", " rests", " rested",
    " sits", " sat ", " falls", " fell", "must", "need", "has to", "have to", "know better", "irresponsib",
    "unprofessional", "shortcut", "short-cut", "blindly", "business", "handling", "waved", "despite", "objection", "even though", "care",
    "assumed", "known", "notorious", "famous", "spoken to", "disciplin", "reprimand", "fired", "let go",
    "written up", "retrained", "nuked", "trashed", "whoever", "no action", "no attempt", "no effort", "urgency",
    "delayed", "prolong", "extended", "compounded", "exacerbat", "aggravat", "sleep", "asleep", "dozed", "bed",
    "log off", "leave", "slowed", "held up", "rather than", "though", "impatien", "knew", "aware", "jump", "gambl",
    "left", "ashamed", "embarrassed", "suspended", "demoted", "removed from", "taken off", "force", "knew better",
    "up to", "shoddy", "hasty", "cavalier", "yolo", "script", "sleeping", "sleeps", "incumbent", "bear", "bore",
    "carrie", "answer", "accountable", "culpable", "liable", "remiss", "opportunit", "chance", "could", "history",
    "track record", "down", "trusted", "competent", "qualified", "diligent", "thorough", "thought", "advice",
    "complacen", " lax", "overconfiden", "nowhere", "approve", "slide", "simple", "basic", "single", "with no",
    "insufficient", "inadequate", "depth", "over his", "over her", "over their", "the one", " do ", "eye",
    "went un",
    "hurry", "rushing", "froze", "freezes",
)
PHRASE_WORDS = (
    "human", "operator", "pilot", "complacen", "culture", "inattention", "indifferen", "apathy", "personnel",
    "engineer error", "engineer mistake", "engineer failure", "careless", "negligen", "sloppi", "sloppy",
    "reckless", "known", "attention", "careful", "ball", "the gun", "finger", "did a", "asleep", "fault", "blam", "lack", "s on ", "s all on",
    "s squarely on", "cause", "always", "why", "usual", "tend", "often", "down to", "lies", "rests", "falls",
    "great", "nice", "good", "fantastic", "brilliant", "excellent", "stellar", "watch", "excuse", "rush", "know",
    "insufficient", "inadequate", "little", "enough", "one thing", "one job", "thanks", "who", "culprit", "answer", "problem",
    "cared", "cares", "haste", "hurry", "rubber", "reasons", "some reason", "typical", "bothered", "explain",
    "lazi", "thoughtless", "irresponsib", "foolish", "stupid", "naive", "arrogant", "stubborn", "mindless",
    "clueless", "shame", "first-year", "first year", "junior", "intern", "beginner", "novice", "competent", "child",
    "next time", "future", "going forward", "from now on", "mistake of", "error of", "punish", "responsible",
    "who is", "again", "being", "rushing", "skipping", "ignoring", "forgetting", "breaking", "botching", "deleting",
    "missing", "bypassing", "fumbling", "messing", "screwing", "bungling", "decent", "sensible", "reasonable",
    "classic", "blindly", "incompeten", "shoddy", "useless", " let ", "allowed", "ask ",
)

# Every way the patterns name a person holds one of these words (or a listed name, or an @handle):
# a text with none of them blames nobody as a subject, agent or owner, and is not read for it.
_PERSON_WORDS = """he she you they him her them who whoever someone somebody team crew staff shift folks people
    manager lead operator technician approver oncall call engineer developer dev sre admin
    administrator dba intern hire responder reviewer author member contractor guy person tester employee teammate
    colleague coworker worker staffer rookie newbie commander ops leadership management qa office department desk director
    owner pilot copilot nurse clerk personnel guard volunteer maintainer student coordinator officer supervisor porter caretaker
    receptionist analyst designer architect consultant trustee governor agency foreman support comms marketing sales care
    helpdesk squad board founder cofounder planner dispatcher signaller signaler chair chairman chairwoman
    chairperson noc moderator sysadmin trader pharmacist accountant underwriter clinician exec executive tech finance
    procurement payroll services""".split()
PERSON_WORDS = frozenset([*_PERSON_WORDS, *(word + "s" for word in _PERSON_WORDS)])
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters: a key word of letters lies inside one

SAFEGUARD_GAP = "a gap in the system's safeguards"
_BLAME_VERB_FORMS = {"blame": "suspect", "blames": "suspects", "blamed": "suspected", "blaming": "suspecting"}
_NEGATED_BLAME = re.compile(
    rf"(?:\b(?:no|not|without|nobody|never|git)|n{_APOSTROPHE}t|\bno\s+one)\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE
)

# The judgements a phrase flags wherever they stand, and which a denial clears: "Nobody was
# negligent", "she was not careless".
_JUDGEMENT_ADJECTIVE = "careless|negligent|sloppy|reckless"
_JUDGEMENT_ADJECTIVES = frozenset(_JUDGEMENT_ADJECTIVE.split("|"))
_DENIED = re.compile(
    rf"(?:\b(?:nobody|no\s+one|no-one|none\s+of\s+(?:us|them))\s+(?:was|were|is|acted)|\b(?:was|were|is|are)(?:\s+not|n{_APOSTROPHE}t))"
    r"\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)

# Questions no answer makes innocent: "How could Priya not have noticed?", "What was he thinking?"
_NEVER_ANSWERED = re.compile(
    r".*?\b(?:how\s+could|what\s+(?:was|were)\s+\S+(?:\s+\S+)?\s+thinking|why\s+(?:is|was|are|were)\s+(?:\S+\s+){1,3}?only\s+(?:now\s+)?\w+ing)\b",
    re.IGNORECASE,
)
_BLAMING_DISMISSED = re.compile(
    r"[^.;?!]{0,60}?\b(?:would(?:n['’]t|\s+not)?|will(?:\s+not|n['’]t)?|does(?:n['’]t|\s+not)?|did(?:n['’]t|\s+not)?)\s+(?:have\s+)?"
    r"(?:taught|teach|helped|help|changed|change|fixed|fix|achieved|achieve|told|tell|prevented|prevent)\s+(?:us\s+)?(?:nothing|anything)\b",
    re.IGNORECASE,
)
# "Human error" named to be turned down as a cause: "not human error", "rather than human error",
# "human error was not listed as the root cause".
_PEOPLES_ERROR = r"(?:human|operator|pilot|personnel|engineer)\s+(?:errors?|mistakes?|failures?)"
_DISCUSSED_ERROR = re.compile(_PEOPLES_ERROR, re.IGNORECASE)
_TURNED_DOWN = re.compile(
    rf"\b(?:not|never|no\s+longer|rather\s+than|instead\s+of|beyond|reject(?:s|ed)?|replace[sd]?|ruled?\s+out|(?:do|does|did)(?:n{_APOSTROPHE}t|\s+not)\s+accept)\b"
    rf"[^.;?!]{{0,30}}?\b{_PEOPLES_ERROR}|{_PEOPLES_ERROR}\s+(?:(?:was|is|were|are)\s+)?(?:not|never)\b"
    rf"|{_PEOPLES_ERROR}\s+is\s+(?:a\s+)?(?:starting|symptom|label|where)\b",
    re.IGNORECASE,
)

ADVICE = {
    "blame-name": "Describe what the system allowed or failed to show, not what the person did wrong",
    "blame-phrase": "Name the condition in the system that made the step risky, not the person",
    "blame-question": "Ask what the system showed or allowed at the time, not why a person acted",
}
RULE_IDS = frozenset({"blame-name", "blame-phrase", "blame-question"})
LABELS = {
    "blame-name": "blames a person by name",
    "blame-phrase": "blame language",
    "blame-question": "question aimed at a person",
}


# A blame phrase's match -> (the excerpt to quote, the whole text rewritten or None).
PhraseRewrite = Callable[[str, re.Match[str]], tuple[str, str | None]]


@dataclass(frozen=True)
class BlameHit:
    """One blameful passage in a text: what it says, and the text with a rewrite if one fits."""

    rule: str
    excerpt: str
    rewrite: str | None
    replacement: str | None
    start: int = 0  # where the passage starts in the text
    pronoun: str | None = None  # "he", "she" or "they" when the blamed subject is a pronoun


def name_aliases(person: str) -> list[str]:
    """The ways a listed person is named in prose: full name, first name, handle."""
    entry = re.sub(r"\([^)]*\)|<[^>]*>", " ", person).strip()
    if "@" in entry.lstrip("@"):  # an e-mail address: maria.gonzalez@example.com
        entry = re.sub(r"[._-]+", " ", entry.split("@")[0].lstrip("@"))
    words = [word for word in re.split(r"\s+", entry.lstrip("@")) if word]
    named = [word for word in words if len(word.rstrip(".")) > 1]  # initials name nobody alone
    if not named:
        return []
    aliases = [" ".join(words)] if len(words) > 1 else []
    aliases.append(named[0])
    return list(dict.fromkeys(aliases))


def surname(person: str) -> str | None:
    """The last name of a listed person with more than one ("Gonzalez" of "Maria Gonzalez"), as formal
    reports name people ("Gonzalez did not escalate"); matched only capitalized, since surnames are
    often words ("Young", "Long")."""
    aliases = name_aliases(person)
    if len(aliases) < 2 or person.startswith("@"):
        return None
    last = aliases[0].split()[-1]
    if len(last.rstrip(".")) < 2 or last == aliases[1]:
        return None
    return last[0].upper() + last[1:]


def _alias_pattern(alias: str) -> str:
    pattern = r"\s+".join(re.escape(part) for part in alias.split())
    if alias.lower() in WORD_NAMES:
        return f"(?-i:{re.escape(capitalized(alias.lower()))})"
    return pattern


class BlameLexicon:
    """The blame patterns for one set of people, compiled once; `scan` is cached per text."""

    def __init__(self, people: Iterable[str]) -> None:
        aliases = sorted({alias for person in people for alias in name_aliases(person)}, key=len, reverse=True)
        surnames = sorted({last for person in people if (last := surname(person)) is not None} - set(aliases), key=len, reverse=True)
        names = [_alias_pattern(alias) for alias in aliases] + [f"(?-i:{re.escape(last)})" for last in surnames] + [r"@\w+(?:[.-]\w+)*"]
        name = rf"(?<![\w@.])(?:{'|'.join(names)})(?!\w)"
        self._person = rf"(?:(?P<named>{name}(?:\s*(?:,|and|&)\s*{name})*)|(?<!\w)(?:they|{PERSON_NOUN})(?!\w))"
        # Only the names are compiled per set of people; roles and pronouns are compiled once
        # (`_ROLE_SUBJECT`, `_PERSON_WORD_HERE`), which keeps a document's first check quick.
        self.named_subject = re.compile(rf"(?P<subject>(?P<named>{name}(?:\s*(?:,|and|&)\s*{name})*))", re.IGNORECASE)
        self.named_person = re.compile(name, re.IGNORECASE)
        self.person_here = _FirstOf(self.named_person, _PERSON_WORD_HERE)
        self._name_words = frozenset(word for alias in [*aliases, *surnames] for word in _WORD.findall(alias.lower()))
        self.scan = lru_cache(maxsize=50_000)(self._scan)
        # a sentence with two hits, or asked about again as a question's answer, is weighed once
        self._likely = lru_cache(maxsize=50_000)(self._probability)

    # Compiled the first time a text needs it ("Maria, who …"); questions and counterfactuals about a
    # person use patterns compiled once for everyone, then look for the person where one should stand.
    @cached_property
    def relative_antecedent(self) -> re.Pattern[str]:
        return re.compile(rf"{self._person}\s*,\s*$", re.IGNORECASE)

    def put_to_someone(
        self, opening: re.Pattern[str], sentence: str, offset: int, someone: re.Pattern[str] | None = None
    ) -> tuple[re.Match[str], str] | None:
        """`opening` at `offset`, then the person asked, then the rest of the question: "Why did" +
        "Maria" + "deploy on a Friday". The patterns are compiled once; only the names are the lexicon's."""
        asked = opening.match(sentence, offset)
        person = asked and (self.named_person.match(sentence, asked.end()) or (someone or _ASKED).match(sentence, asked.end()))
        rest = person and _REST_OF_QUESTION.match(sentence, person.end())
        return (asked, rest.group("rest")) if asked and rest else None

    def _scan(self, text: str) -> tuple[BlameHit, ...]:
        """The patterns' hits, weighed sentence by sentence by the model (`blame_model`): a hit it is
        all but sure is innocent is dropped, and so is a question it doubts that the next sentence
        answers (the five-whys form: "Why did Elena go quiet? She was reproducing the fault"); a
        sentence no pattern caught, whose subject is a person and which gives no cause of the
        system's, is a hit when the model is sure it blames, and so is such a question about
        someone that the next sentence does not answer with the system."""
        text = normalized(text)
        someone = self._someone_in(text)
        found = self._pattern_hits(text, someone)
        if not found and not someone and not _NOBODY.search(text):
            return ()
        masked = mask_quotes(text)
        spans = sentence_spans(masked) or [(0, len(masked))]
        kept = [hit for hit in found if self._stands(masked, spans, hit)]
        covered = {self._sentence_of(spans, hit.start) for hit in found}
        for index, (start, end) in enumerate(spans):
            if index in covered:
                continue
            if hit := self._judged_by_the_model(text, masked[start:end], start, _sentence_after(masked, spans, index)):
                kept.append(hit)
        return tuple(sorted(kept, key=lambda hit: hit.start))

    @staticmethod
    def _sentence_of(spans: list[tuple[int, int]], position: int) -> int:
        return next((index for index, (_, end) in enumerate(spans) if position < end), len(spans) - 1)

    def _probability(self, masked: str) -> float:
        return blame_model.probability(blame_model.features(masked, self.named_person))

    def _stands(self, masked: str, spans: list[tuple[int, int]], hit: BlameHit) -> bool:
        index = self._sentence_of(spans, hit.start)
        start, end = spans[index]
        if hit.rule == "blame-question" and index + 1 < len(spans):
            return self._likely(masked[start:spans[index + 1][1]]) >= blame_model.ANSWERED_VETO
        return self._likely(masked[start:end]) >= blame_model.VETO

    def _judged_by_the_model(self, text: str, sentence: str, offset: int, answer: str) -> BlameHit | None:
        nobody = list(_NOBODY.finditer(sentence))
        if not (nobody or self._someone_in(sentence)):
            return None
        likely = self._likely(sentence)
        if sentence.endswith("?"):
            # a question the patterns let pass, which the model finds a reproach: "Who kicked off a 90-day
            # backfill at two in the afternoon?", unless what follows answers it with the system
            if likely > blame_model.REPROACH and not self._answered_by_the_system(sentence, answer):
                return BlameHit("blame-question", _excerpt(text[offset:offset + len(sentence)]), None, None, offset, None)
            return None
        if _PRAISE.search(sentence) and not _HARM.search(sentence):
            return None  # "Maria did a great job on the failover" (sarcasm names the harm: "… of taking prod down")
        if likely <= blame_model.CONFIRM:
            return None
        mentions = sorted([*nobody, *self._subject_mentions(sentence)], key=lambda mention: mention.start())
        certain = likely > blame_model.CERTAIN
        subject = next((mention for mention in _subjects(mentions, sentence)
                        if (mention.group().lower() == "who" or _SUBJECT_PLACE.search(sentence, 0, mention.start()))
                        and not _OWNER_OF_A_THING.match(sentence, mention.end())
                        and not _explained_by_the_system(self, sentence, mention.end(), certain=certain)
                        and not (_BECAUSE_BEFORE.search(sentence, 0, mention.start()) and _WORN_OUT_AFTER.match(sentence, mention.end()))),
                       None)
        if subject is None and likely > blame_model.SURE and mentions \
                and not any(_explained_by_the_system(self, sentence, mention.end()) for mention in mentions):
            subject = mentions[0]  # the model all but sure, the person out of the subject's place: "Thanks to the CAB chair, we …"
        if subject is None:
            return None  # "the cluster switch that Pavel made failed": nobody acts, or the system explains it
        rule = "blame-name" if subject.groupdict().get("named") else "blame-phrase"
        pronoun = _PRONOUN.fullmatch(subject.group())
        excerpt = _excerpt(text[offset:offset + len(sentence)])
        return BlameHit(rule, excerpt, None, None, offset + subject.start(), pronoun.group().lower() if pronoun else None)

    def _someone_in(self, text: str) -> bool:
        return "@" in text or "IT" in text or self._mentions_someone(set(_WORD.findall(text.lower())))

    def _pattern_hits(self, text: str, someone: bool) -> tuple[BlameHit, ...]:
        """The patterns' hits in `text`; `someone`: whether it names a person at all (`_someone_in`)."""
        lowered = text.lower()
        # map over the bound method keeps the long word lists' loop in C
        kinds = reduce(or_, map(_key_kinds, set(_LETTERS.findall(lowered))), 0)
        may_blame_someone = someone and bool(kinds & _PREDICATE_KEY or any(map(lowered.__contains__, _PREDICATE_SPANS)))
        may_use_a_phrase = bool(kinds & _PHRASE_KEY or any(map(lowered.__contains__, _PHRASE_SPANS)))
        # a judgement blames only someone the sentence names
        may_judge = someone and bool(kinds & _JUDGED_KEY or any(map(lowered.__contains__, _JUDGED_SPANS)))
        if not (may_blame_someone or may_use_a_phrase or may_judge or "?" in text):
            return ()
        masked = mask_quotes(text)
        found: list[tuple[int, int, BlameHit]] = []

        def add(start: int, end: int, hit: BlameHit) -> None:
            if not any(start < taken_end and taken_start < end for taken_start, taken_end, _ in found):
                found.append((start, end, hit))

        if "?" in masked:
            for start, end, hit in self._questions(text, masked):
                add(start, end, hit)
        if may_blame_someone:
            for start, end, hit in self._people_as_cause(text, masked):
                add(start, end, hit)
        if may_judge:
            for start, end, hit in self._judged(text, masked):
                add(start, end, hit)
        if someone and "thanks to" in lowered:
            for start, end, hit in self._thanked_for_harm(text, masked):
                add(start, end, hit)
        for match in self._phrases(masked) if may_use_a_phrase else ():
            if match.group().endswith("?") and self._answered_by_the_system(match.group(), _next_sentence(masked, match.end())):
                continue  # "Who ran the backfill at peak? The scheduler did, after a time zone change."
            excerpt, replacement = _PHRASE_REWRITES[match.lastgroup or ""](text, match)
            slot = _slot(match)
            named = self._names_someone(masked, match) or (slot is not None and self.named_person.match(masked, slot))
            rule = "blame-name" if named else "blame-phrase"
            add(match.start(), match.end(), BlameHit(rule, excerpt, _rewritten_part(replacement, text, match.start()), replacement))
        return tuple(
            replace(hit, start=start, pronoun=pronoun.group().lower() if (pronoun := _PRONOUN.match(text, start)) else None)
            for start, _, hit in sorted(found, key=lambda item: item[0])
        )

    def _judged(self, text: str, masked: str) -> Iterator[tuple[int, int, BlameHit]]:
        """A judgement anywhere in a sentence that names someone: "…, which was irresponsible", "Poor
        attention to detail from Ben", "Having already broken payments, Olga …"; and a verdict said on
        its own after what someone did ("… by crippling the database. Great call.")."""
        judged, someone = _judged_patterns()
        for match in judged.finditer(masked):
            start, end = sentence_around(masked, match.start())
            if match.lastgroup == "verdict":
                start = 0
            named = self.named_person.search(masked, start, end)
            if named or someone.search(masked, start, end):
                yield self._hit(text, start, end, named is not None, None)

    def _thanked_for_harm(self, text: str, masked: str) -> Iterator[tuple[int, int, BlameHit]]:
        """Thanks for a harm, said of a person: "Thanks to Mark, the job ran twice." ("Thanks to
        Nadia, no data was lost" and "thanks to Noor's workaround, payments were retried" are thanks.)"""
        for match in _THANKS.finditer(masked):
            named = self.named_person.match(masked, match.end())
            start, end = sentence_around(masked, match.start())
            if (named or _PERSON_WORD_HERE.match(masked, match.end())) and _HARM.search(masked, start, end) \
                    and not _SPARED.search(masked, start, end):
                yield self._hit(text, start, end, named is not None, None)

    def _mentions_someone(self, words: set[str]) -> bool:
        """A cheap superset of the texts that name a person by a listed name's word or a person word."""
        return not words.isdisjoint(PERSON_WORDS) or not words.isdisjoint(self._name_words)

    def in_context(self, text: str, earlier: str = "") -> Iterator[BlameHit]:
        """The hits of `text`, a pronoun subject resolved to the person last named before it.

        `earlier` is the text read just before (the previous timeline event or answer). "They"
        blames only when it refers back to a named person; "he" and "she" always name someone, and
        when the person is known the finding says who.
        """
        for hit in self.scan(text):
            if hit.pronoun is None:
                yield hit
                continue
            before = f"{earlier}\n{text[:hit.start]}"
            masked = mask_quotes(normalized(before))
            named = [match.group() for match in self.named_person.finditer(masked)]
            if named:
                yield replace(hit, rule="blame-name", excerpt=f"{hit.excerpt} ({hit.pronoun}: {named[-1]})")
            elif hit.pronoun != "they":
                yield hit
            elif roles := [match.group() for match in _ROLE_SUBJECT.finditer(masked) if match.group().lower() not in _PRONOUNS]:
                # "The maintenance contractor signed off a load test they never ran"
                yield replace(hit, excerpt=f"{hit.excerpt} (they: {roles[-1]})")

    def _phrases(self, masked: str) -> Iterator[re.Match[str]]:
        """The blame phrases of `masked`; one turned down ("the cause was the disk") hides none after it."""
        position = 0
        while match := _PHRASES.search(masked, position):
            position = match.end()
            if match.group()[:4].lower() == "blam" and (_NEGATED_BLAME.search(masked, max(0, match.start() - 40), match.start())
                                                        or _BLAMING_DISMISSED.match(masked, match.end())):
                continue  # "not to blame", "blaming the DBA would have taught us nothing"
            if match.group().lower() in _JUDGEMENT_ADJECTIVES and _DENIED.search(masked, max(0, match.start() - 40), match.start()):
                continue  # "Nobody was negligent here: the template … hid the cost"
            if _DISCUSSED_ERROR.match(match.group()) and _TURNED_DOWN.search(masked, max(0, match.start() - 60), min(len(masked), match.end() + 40)):
                continue  # "we do not accept 'human error' as a root cause", "why was human error not listed?"
            slot = _slot(match)
            person = self.person_here.match(masked, slot) if slot is not None else None
            # the slot must hold a person, not something of theirs ("because of Maria's fix")
            if slot is not None and (person is None or re.match(_APOSTROPHE + "s", masked[person.end():])):
                position = match.start() + 1  # "the cause was human error": the slot held no person
                continue
            yield match

    def _names_someone(self, masked: str, match: re.Match[str]) -> bool:
        """A name inside the phrase ("the fault of Maria") or right after it ("blamed Maria")."""
        after = re.compile(r"\s*").match(masked, match.end()).end()
        return bool(self.named_person.search(masked, match.start(), match.end()) or self.named_person.match(masked, after))

    def _questions(self, text: str, masked: str) -> Iterator[tuple[int, int, BlameHit]]:
        spans = sentence_spans(masked)
        for index, (start, end) in enumerate(spans):
            if not masked[start:end].endswith("?"):
                continue
            sentence = masked[start:end]
            answer = _sentence_after(masked, spans, index)
            if _WHY.match(sentence, _QUESTION_OPENING.match(sentence).end()) and (person := self._person_as_the_answer(answer)):
                answer_start = spans[index + 1][0]
                yield self._hit(text, answer_start, spans[index + 1][1], self.named_person.fullmatch(person) is not None, None)
                continue  # "Why did the restore take so long? Kai. Next question."
            if self._answered_by_the_system(sentence, answer) and not _NEVER_ANSWERED.match(sentence):
                continue
            new = _question_rewrite(self, sentence)
            if new is not None:
                replacement = text[:start] + new + text[end:]
                yield start, end, BlameHit("blame-question", _excerpt(text[start:end]), new, replacement)

    def _person_as_the_answer(self, answer: str) -> str | None:
        """The person a why answer names and nothing else ("Kai.", "The intern, obviously.",
        "Grace's call, and the wrong one."): a person as the root cause."""
        bare = _BARE_ANSWER.fullmatch(answer)
        person = bare.group("person") if bare else ""
        return person if person and (self.named_person.fullmatch(person) or _PERSON_WORD_HERE.fullmatch(person)) else None

    def _answered_by_the_system(self, question: str, answer: str) -> bool:
        """The five-whys form: "Why did the team wait? The procedure needs a sign-off." asks, then answers.

        A question put to "you" stays a reproach whatever follows it.
        """
        if not answer or answer.endswith("?") or re.search(r"\byou\b", question, re.IGNORECASE):
            return False
        if _TRAIT_ANSWER.match(answer):
            return False  # "Why did Zara fail over? Impatience, frankly."
        reasoned = _REASONED_ANSWER.match(answer)  # "She judged a substring call easier to review"
        return (not self._starts_with_a_person(answer) or reasoned is not None) and not self.scan(answer)

    def _starts_with_a_person(self, text: str) -> bool:
        opening = re.match(r"[\s\-*•>(]*(?:because\s+|since\s+)?", text, re.IGNORECASE)
        position = opening.end() if opening else 0
        return bool(_PERSON_WORD.match(text, position) or self.named_person.match(text, position))

    def _people_as_cause(self, text: str, masked: str) -> Iterator[tuple[int, int, BlameHit]]:
        for subject in _subjects(self._subject_mentions(masked), masked):
            if _THAT_IS_WHY.search(masked, 0, subject.start()):
                continue
            match = (
                _PREDICATE.match(masked, subject.end())
                or _coordinated_predicate(masked, subject.end())
                or _relative_predicate(masked, subject.end())
            )
            if match is None:
                continue
            kind = match.lastgroup.replace("_", "-") if match.lastgroup else ""
            named = subject.groupdict().get("named") is not None
            if subject.group("subject").lower() == "who":
                antecedent = self.relative_antecedent.search(masked, 0, subject.start())
                if antecedent is None:
                    continue
                named = antecedent.group("named") is not None
            if kind in EXPLAINABLE and _explained_by_the_system(self, masked, match.end(), circumstances=kind not in {"slow", "mistake"}):
                continue
            predicate = match.group(match.lastgroup or 0)
            end = clause_end(masked, match.end())
            rest = text[match.end():end].strip()
            new = REWRITES[kind](predicate.lower(), rest)
            if new and _CAUSE.match(masked[end:].lstrip()):  # the sentence already gives a cause: keep it, once
                new = new.removesuffix(" because …")
            yield self._hit(text, subject.start(), end, named, new)
        # The person as the agent of a passive: "the alert was missed by the on-call engineer", "the
        # change was not tested by Maria", and any act when a shortcut follows ("was pushed by Arjun
        # without a review").
        for match in _PASSIVE.finditer(masked) if " by " in masked.lower() else ():
            person = self.person_here.match(masked, match.end())
            if person is None or _OF_THEIRS.match(masked, person.end()):
                continue
            if match.group("act") and not (_SHORTCUT_AFTER.match(masked, person.end()) or _DROPPED_AFTER.match(masked, person.end())):
                continue
            verb = match.group("verb").lower()
            explainable = verb in _EXPLAINABLE_PASSIVE or verb.startswith(("not", "never"))
            if explainable and _explained_by_the_system(self, masked, person.end()):
                continue
            yield self._hit(text, match.start(), person.end(), self.named_person.fullmatch(person.group()) is not None, None)
        for match in _PUT_ON.finditer(masked) if any(word in masked.lower() for word in _PUT_ON_WORDS) else ():
            person = self.person_here.match(masked, match.end())
            if person and _PUT_ON_TAILS[match.lastgroup or ""].match(masked, person.end()):
                yield self._hit(text, match.start(), person.end(), self.named_person.fullmatch(person.group()) is not None, None)
        possessive = "'s" in masked.lower() or "’s" in masked.lower()
        for match in _FAULT.finditer(masked) if possessive else ():  # a fault noun blames wherever it stands
            person = self._person_ending_at(masked, match.start())
            # "the engineer's mistake was possible because the tool has no confirmation step"
            if person and not _explained_by_the_system(self, masked, match.end(), circumstances=False):
                yield self._hit(text, person.start(), match.end(), self.named_person.fullmatch(person.group()) is not None, SAFEGUARD_GAP)
        for opening in _IF_SOMEONE.finditer(masked) if "if" in masked.lower() or "had" in masked.lower() else ():
            subject = self.named_person.match(masked, opening.end()) or _ASKED.match(masked, opening.end())
            cond = opening.group("cond") or opening.group("after")
            # "if X had …" / "had X checked …", with the consequence in the sentence ("if only" is its own)
            verb = (_PARTICIPLE if cond.lower().startswith("had") else _HAD).match(masked, subject.end()) if subject else None
            start, end = sentence_around(masked, opening.start())
            # "If Rafael actually read his pages, we wouldn't be here": the same reproach in the past simple
            if verb is None and subject and cond.lower().startswith("if") and (did := _JUST_DID.match(masked, subject.end())):
                if _WOULD_NOT.search(masked, did.end(), end):
                    verb = did
            if verb is None:
                continue
            if opening.group("cond") and not re.match(r"if\s+only", cond, re.IGNORECASE) and not _CONSEQUENCE.search(masked, verb.end(), end):
                continue
            named = subject.re is self.named_person
            yield self._hit(text, start, end, named, "What made the step look right at the time, and what would have caught it?")

    def _subject_mentions(self, masked: str) -> list[re.Match[str]]:
        """Everyone the text mentions who could be a subject, by name, pronoun or role, in order."""
        mentions = sorted([*self.named_subject.finditer(masked), *_ROLE_SUBJECT.finditer(masked)], key=lambda m: (m.start(), -m.end()))
        kept: list[re.Match[str]] = []
        for mention in mentions:
            if not kept or mention.start() >= kept[-1].end():
                kept.append(mention)
        return kept

    def _person_ending_at(self, masked: str, position: int) -> re.Match[str] | None:
        """The longest mention of a person ending right at `position` ("the junior engineer" before "'s mistake")."""
        window = max(0, position - 60)
        for word in _WORD_START.finditer(masked, window, position):
            if person := self.person_here.fullmatch(masked, word.start(), position):
                return person
        return None

    def rhetorical(self, sentence: str) -> bool:
        """A question that judges rather than asks: "What was Hiro thinking?", "Did the reviewer even open
        the diff?", "Why would anyone run that at peak?"."""
        for match in _RHETORICAL.finditer(sentence):
            person = _ANYONE.match(sentence, match.end()) or self.person_here.match(sentence, match.end())
            if person and _RHETORICAL_TAILS[match.lastgroup or ""].match(sentence, person.end()):
                return True
        return False

    def _hit(self, text: str, start: int, end: int, named: bool, new: str | None) -> tuple[int, int, BlameHit]:
        replacement = splice(text, start, end, new) if new else None
        rule = "blame-name" if named else "blame-phrase"
        return start, end, BlameHit(rule, _excerpt(text[start:end]), _rewritten_part(replacement, text, start), replacement)


_PRONOUN = re.compile(r"(?:he|she|they)(?!\w)", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "they", "you", "who"})
# A role or pronoun as a subject. "who" opens a relative clause about the person just named ("Maria,
# who should not have …"), or about the person a noun names ("the franchisee who broke the kiosk"),
# though not after a verb of knowing or asking ("nobody knew who owned it") or a word for everyone.
_NOT_AN_ANTECEDENT = "knew know asked ask wondered sure clear out on see check confirm tell told said of those anyone someone everyone people"
_AFTER_A_NOUN = "".join(rf"(?<!\b{word}\s)" for word in _NOT_AN_ANTECEDENT.split())
_ROLE_SUBJECT = re.compile(
    rf"(?P<subject>(?<!\w)(?:they|{PERSON_NOUN})(?!\w)|(?<=,\s)who(?!\w)|(?<=[a-z]\s){_AFTER_A_NOUN}who(?!\w))", re.IGNORECASE
)
# A role or pronoun in the slot of a phrase: "this one is on her", "the cause was the intern".
_PERSON_WORD_HERE = re.compile(rf"(?:you|{PERSON_NOUN}|him|her|them|the\s+team|whoever|(?:[\w-]+\s+)?(?:staff|personnel|crew))(?!\w)", re.IGNORECASE)


class _FirstOf:
    """The first of several patterns that matches at a position, as one alternation would."""

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        self.patterns = patterns

    def match(self, text: str, position: int = 0) -> re.Match[str] | None:
        return next((found for pattern in self.patterns if (found := pattern.match(text, position))), None)

    def fullmatch(self, text: str, start: int, end: int) -> re.Match[str] | None:
        return next((found for pattern in self.patterns if (found := pattern.fullmatch(text, start, end))), None)
_PERSON_WORD = re.compile(rf"(?:they|{PERSON_NOUN})(?!\w)", re.IGNORECASE)

# Judgements that blame whoever the sentence names, wherever they stand in it (`BlameLexicon._judged`).
_JUDGED = (
    r"\b(?:inexcusable|irresponsible|unprofessional|incompeten(?:t|ce)|idiotic|laziness|lazy(?![\s-]+(?:load|init|eval|evaluat|import))"
    r"|poor\s+(?:judge?ment|attention|decision[\s-]?making|choices?)"
    r"|(?:slow|late|careless|sloppy|lazy|clueless|asleep|absent|unreachable)\s+as\s+(?:per\s+)?(?:usual|always|ever)"
    r"|having\s+(?:already\s+|just\s+)?(?:broken|caused|wiped|deleted|taken\s+down|messed\s+up|screwed\s+up|botched)"
    r"|too\s+much\s+to\s+ask|why\s+(?:is|was)\s+it\s+always|(?:real|really|very)\s+smart|oh\s+(?:good|great)|another\s+day,\s+another"
    r"|even\s+(?:when|after|though)\s+(?:\w+\s+){0,2}?(?:asked|told|warned)|(?:complete|total|utter)\s+disregard"
    r"|(?:exactly\s+)?what\s+(?:we|everyone|the\s+(?:sop|runbook|procedure|policy|checklist|training|handbook))\s+(?:tells?|told|asks?|asked|warns?|warned|says?|said)\s+(?:(?:people|everyone|you|engineers|staff|operators)\s+)?not\s+to\s+do"
    r"|,\s+making\s+(?:everything|things|it|matters|the\s+(?:outage|incident))\s+(?:much\s+|far\s+|even\s+)?worse"
    r"|through\s+(?:sheer|pure)\s+(?:clumsiness|carelessness|laziness|negligence|incompetence|stupidity|arrogance)"
    r"|had\s+every\s+reason\s+to\s+know\b"
    r"|,\s+which\s+(?:is|was)\s+(?:just\s+|pretty\s+|really\s+)?(?:basic|elementary|the\s+bare\s+minimum)(?=\s*[.!]*\s*$)"
    r"|\bso\s+(?:that\s+)?(?:he|she|they)\s+(?:(?:doesn|didn|wouldn|won)['’]t|would\s+not|did\s+not|does\s+not)\s+(?:have\s+to|get\s+woken|be\s+(?:woken|bothered|disturbed))"
    r"|(?:embarrassing|shameful|ridiculous|absurd|inexcusable)\s+that|how\s+many\s+times\s+(?:do|did|must|have)\s+(?:we|i)\s+(?:have\s+to\s+)?(?:tell|ask|remind)"
    r"|too\s+busy\s+(?:chatting|talking|joking|arguing|browsing|playing)"
    r"|courtesy\s+of|because\s+why\s+not|way\s+to\s+go|(?:was|were|is|are)\s+so\s+(?:quick|eager|keen|fast)\s+to|(?:is|was|are|seems)\s+(?:apparently\s+)?optional\s+for"
    r"|next\s+time\s*,?\s+(?:\w+\s+){0,3}?(?:could|should|might|needs?\s+to|ought\s+to|must|try\s+to)"
    r"|(?<=,\s)as\s+(?:always|(?:per\s+)?usual|ever)\s*,\s+(?:\w+\s+){0,2}?(?:the\s+last\s+to|late|nowhere|missing|absent|unreachable|asleep)"
    r"|how\s+hard\s+(?:is|was|can)\s+it\s+(?:be\s+)?to|what\s+could\s+(?:possibly\s+)?go\s+wrong"
    r"|finally\s+(?:admits?|admitted|declares?|declared|acknowledges?|acknowledged|responds?|responded)"
    r"|still\s+(?:has|had)(?:n['’]t|\s+not)\s+(?:shown\s+up|responded|replied|answered|acknowledged)"
    r"|,?\s+and\s+(?:he|she|they|you)\s+knew\s+it|because\s+of\s+course\s+(?:he|she|they|you)\s+(?:does|did|do|would)"
    r"|leaving\s+(?:everyone|everybody|us|all\s+of\s+us|the\s+(?:team|room|bridge|customers?))\s+(?:waiting|hanging|in\s+the\s+dark|guessing)"
    r"|(?:apparently|clearly|obviously|evidently)\s+(?:nobody|no\s+one)\s+(?:ever\s+)?(?:taught|told|showed)\s+(?:him|her|them|you)"
    r"|(?:he|she|they)\s+(?:himself|herself|themselves|themself)\s+(?:had\s+)?(?:set|broke|wrote|caused|introduced|pushed|configured|created|made|approved)"
    r"|instead\s+of\s+doing\s+(?:his|her|their|your)\s+job"
    r"|(?:way\s+)?too\s+\w+ly\s*,?\s+as\s+(?:per\s+)?(?:usual|always|ever)"
    r"|,\s+which\s+(?:is|was)\s+the\s+(?:only|sole|whole|real)\s+reason\b"
    # the conduct judged in a clause of its own: "Lena had muted her phone, which is not acceptable"
    r"|,\s+which\s+(?:is|was)\s+(?:(?:simply|just|frankly|completely|totally|really)\s+)?(?:not\s+(?:acceptable|ok(?:ay)?|good\s+enough)"
    r"|unacceptable|unforgivable|negligent|reckless)\b"
    r"|(?:after|by|while)\s+wasting\s+(?:an?\s+|\w+\s+|half\s+an\s+)?(?:hours?|minutes|time|day|afternoon|morning|evening|night)"
    r"|making\s+excuses|amateur\s+hour|amateurish|rookie\s+mistake|schoolboy\s+error"
    # blame announced by its hedge, or by its tone: "Not to point fingers, but …", "Per my last three emails, …"
    r"|not\s+to\s+point\s+(?:any\s+)?(?:fingers|the\s+finger)|(?:i['’]m\s+)?not\s+saying\s+(?:it['’]s|it\s+(?:is|was))\s+\S+\s+fault"
    r"|per\s+my\s+(?:last|previous)\b|like\s+(?:that|this|it)\s+(?:will|would)\s+(?:fix|help|change|solve)\s+anything"
    r"|like\s+an?\s+(?:idiot|amateur|moron|child|rookie|fool|clown|cowboy|toddler)"
    r"|did\s+something\s+(?:stupid|dumb|reckless|careless|idiotic|foolish|silly)"
    r"|(?:after|than|before|later\s+than)\s+any(?:one|body)\s+(?:sensible|competent|reasonable|else|normal)\s+would\s+have"
    r"|with\s+(?:no|little|scant|complete|total|utter)\s+(?:regard|respect|thought)\s+for\b|disciplinary"
    # the language of a performance review: "is not a team player", "needs to step up", "entirely his own doing"
    r"|not\s+(?:a|much\s+of\s+a)\s+team\s+player|attitude\s+problem|underperform(?:ing|ed|s)?\b|needs?\s+to\s+step\s+up\b"
    r"|(?:entirely|all|completely|wholly)\s+(?:his|her|their)\s+own\s+doing|tells?\s+you\s+(?:everything|all\s+you\s+need\s+to\s+know)\s+about"
    r"|as\s+if\s+(?:nobody|no\s+one)\s+(?:had\s+)?(?:ever\s+)?(?:taught|told|showed|trained)|behind\s+(?:everyone|everybody)['’]s\s+back"
    r"|(?:wrong|careless|irresponsible|foolish|reckless|negligent|thoughtless)\s+of\s+(?:him|her|them|you)\b"
    r"|in\s+a\s+(?:blind\s+)?panic\b|(?:unjustified|pure|sheer|blind)\s+panic\b"
    r"|instead\s+of\s+doing\s+the\s+(?:one|obvious|only)\s+thing|,\s*true\s+to\s+form|\band\s+(?:he|she|they|you)\s+know\s+it\b"
    r"|\b(?:not|never|n['’]t)\b[^.;?!]{0,60}?\bas\s+the\s+(?:\w+\s+)?(?:policy|procedure|runbook|process|rules?|plan)\s+(?:requires|required|says|said|asks|demands)"
    r"|(?:his|her|their|your)\s+one\s+job|(?:he|she|they)\s+(?:was|were|had\s+been)\s+(?:told|asked|warned)\s+not\s+to\b"
    r"|(?:didn['’]t|did\s+not)\s+want\s+to\s+(?:work|come\s+in|miss|give\s+up|be\s+bothered|spend)"
    r"|(?:useless|hopeless|unhelpful|incompetent)\s+as\s+(?:ever|always|usual)|\blate,?\s+as\s+(?:usual|always|ever)"
    r"|(?:took|takes)\s+(?:forever|ages|too\s+long)\s+for\s+\S+\s+to\b|\b(?:he|she|they|you)\s+(?:can['’]t|cannot)\s+(?:even\s+)?(?:read|follow|understand|use|spell)\b"
    r"|\bway\s+too\s+(?:high|low|far|fast|many|much|aggressive\w*|early|late)\b|,\s*skipping\s+(?:every|all|each|the)\b"
    r"|had\s+no\s+(?:right|business|authority)\s+(?:to\b|\w+ing\b)"
    r"|(?:was|were|is|are)(?:n['’]t|\s+not)\s+worth\s+(?:his|her|their|the)\s+time|\bthis\s+is\s+the\s+(?:second|third|fourth|fifth|\w+th)\s+time\b"
    r"|\bwhich\s+anyone\s+(?:with\s+(?:any\s+|an\s+ounce\s+of\s+)?(?:sense|experience)|sensible)\s+would\s+(?:know|have\s+known)\s+not\s+to\b"
    r"|,\s*(?:end\s+of\s+story|plain\s+and\s+simple)\s*[.!]*\s*$"
    r"|to\s+cover\s+(?:himself|herself|themselves|their\s+backs?|his\s+back|her\s+back)\b|\bhere\s+we\s+are\s+again\b"
    r"|\bout\s+of\s+(?:sheer\s+|pure\s+)?(?:laziness|carelessness|negligence|spite|arrogance)\b|\bstopped\s+caring\b"
    r"|\bin\s+(?:his|her|their)\s+(?:infinite\s+)?wisdom\b|\bwash(?:ed|es)?\s+(?:his|her|their)\s+hands\s+of\b"
    r"|\bthrew\s+a\s+(?:fit|tantrum)\b|\bacted\s+surprised\b"
    r"|should\s+be\s+held\s+(?:responsible|accountable)|rather\s+than\s+(?:admit|own\s+up\s+to|take\s+responsibility\s+for)\b"
    r"|instead\s+of\s+\w+ing\b[^.;?!]{0,60}?,\s*(?:he|she|they)\s+(?:went\s+home|left|logged\s+off|went\s+to\s+bed))\b"
    r"|(?<=[.!]\s)(?P<verdict>(?:classic|genius|brilliant|typical|bravo|great\s+call|good\s+call|nice\s+one|smart\s+move|well\s+done"
    r"|simple\s+as\s+that|end\s+of\s+story|plain\s+and\s+simple|(?:yet\s+|once\s+)?again)[.!]*)\s*$"
)
_JUDGED_WORDS = (
    "sheer", "every reason", "satisfied", "concluded", "found that", "finds that", "not to do", "worse", "basic",
    "have to", "woken", "bothered", "disturbed", "rd time", "st time", "know not to", "known not to",
    "inexcusable", "irresponsib", "unprofessional", "incompeten", "idiotic", "lazy", "laziness", "poor ",
    " as usual", " as always", " as ever", "having", "courtesy", "embarrassing", "shameful", "ridiculous", "absurd",
    "many times", "too busy", "why not", "how hard", "too much", "always", "smart", "oh ", "another day", "even ",
    "disregard", "go wrong", "finally", "team player", "attitude", "underperform", "step up", "own doing", "tells you", "as if",
    "behind every", "still ha", "classic", "genius", "brilliant", "typical", "bravo", " call",
    "nice one", "smart move", "well done", "way to go", "quick", "eager", "keen", "fast", "optional", "next",
    "simple as", "end of story", "plain and simple", "knew it", "of course", "leaving", "only reason",
    "sole reason", "wasting", "excuses", "too", "amateur", "rookie", "schoolboy", "point", "saying", "per my",
    "anything", "like a", "like an", "something", "anyone", "anybody", "regard", "respect", "disciplin", "instead",
    "panic", "true to form", "know it", "as the", "one job", "told not", "want to", "as ever", "as usual",
    "as always", "of him", "of her", "of them", "of you", "no right", "no business", "no authority", "taught",
    "told", "showed", "himself", "herself", "themselves", "themself",
    "forever", "ages", "can't", "can’t", "cannot", "way too", "skipping", "acceptable", "okay", " ok", "good enough",
    "unforgivable", "negligent", "reckless", "be held", "rather than", "worth", "th time", "nd time", "end of story",
    "to cover", "here we are", "again", "laziness", "carelessness", "negligence", " spite", "arrogance", "caring", "wisdom",
    "hands of", "threw a", "surprised",
)


# The key words split in two: those of letters only are looked up once per distinct run of letters
# (a timeline repeats its vocabulary, so `_key_kinds` is nearly always a cache hit), the rest
# ("n't", "sat on", " by ") in the whole text.
def _letters_only(keys: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    keys = tuple(dict.fromkeys(keys))
    return frozenset(key for key in keys if key.isalpha()), tuple(key for key in keys if not key.isalpha())


_PREDICATE_FRAGMENTS, _PREDICATE_SPANS = _letters_only(PREDICATE_WORDS)
_PHRASE_FRAGMENTS, _PHRASE_SPANS = _letters_only(PHRASE_WORDS)
_JUDGED_FRAGMENTS, _JUDGED_SPANS = _letters_only(_JUDGED_WORDS)
_PREDICATE_KEY, _PHRASE_KEY, _JUDGED_KEY = 1, 2, 4
_KEY_LENGTHS = sorted({len(key) for key in _PREDICATE_FRAGMENTS | _PHRASE_FRAGMENTS | _JUDGED_FRAGMENTS})


@lru_cache(maxsize=100_000)
def _key_kinds(word: str) -> int:
    """Which key word lists have a word of letters that `word` contains, as bits: every piece of
    `word` as long as some key is looked up in the sets, cheaper than trying each key in turn."""
    pieces = {word[start:start + length] for length in _KEY_LENGTHS for start in range(len(word) - length + 1)}
    return (
        (_PREDICATE_KEY if not _PREDICATE_FRAGMENTS.isdisjoint(pieces) else 0)
        | (_PHRASE_KEY if not _PHRASE_FRAGMENTS.isdisjoint(pieces) else 0)
        | (_JUDGED_KEY if not _JUDGED_FRAGMENTS.isdisjoint(pieces) else 0)
    )


_SOMEONE = rf"(?<![\w@])(?:{PERSON_NOUN}|him|her|them|whoever|(?:[\w-]+\s+)?(?:staff|personnel|crew))(?!\w)"


@lru_cache(maxsize=1)
def _judged_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled the first time a text that names someone holds a judgement's key word: most
    documents never need them."""
    return re.compile(_JUDGED, re.IGNORECASE), re.compile(_SOMEONE, re.IGNORECASE)


# Blame verbs in the passive, and those of them a system can explain ("missed by the on-call
# engineer because the page went to a retired rotation").
_PASSIVE_BLAME = (
    r"broken|missed|ignored|overlooked|forgotten|botched|bungled|mishandled|messed\s+up|screwed\s+up|skipped"
    r"|(?:allowed|left)\s+to\s+(?:expire|lapse|fill\s+up|rot|fail|run\s+out)"
    r"|caused|introduced|waved\s+through|rubber[\s-]?stamped|fat[\s-]?fingered|mis(?:typed|configured|read|judged|understood|applied|keyed)|rushed"
    r"|un(?:answered|acknowledged|read|noticed|reviewed|tested|checked)"
)
_PASSIVE = re.compile(
    rf"(?:\b(?:was|were|got|been|went)\s+|,\s*)(?:\w+ly\s+)?(?P<verb>{_PASSIVE_BLAME}|(?:not|never)\s+(?:{_ACT_VERBS})(?:ed|d)"
    r"|(?P<act>\w+(?:ed|en|wn)|sent|run|made|put|set|built|done|read))(?:\s+(?:through|out|in|up|off))?(?:\s+(?:to|into|onto|on|for)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?\s+by\s+",
    re.IGNORECASE,
)
_SHORTCUT_AFTER = re.compile(rf"\s+(?:[^.;?!]{{0,40}}?\s)?{_SHORTCUT}", re.IGNORECASE)
# … or when what the agent did next was to drop it: "acknowledged by Drew and then left to rot"
_DROPPED_AFTER = re.compile(
    r"\s+(?:[^.;?!]{0,40}?\s)?(?:and|but)\s+(?:then\s+)?(?:left\s+(?:to\s+(?:rot|sit|fester|languish)|alone|unattended|un\w+ed)"
    r"|forgotten|abandoned|never\s+(?:touched|looked\s+at|followed\s+up))\b",
    re.IGNORECASE,
)
_OF_THEIRS = re.compile(r"[\w'’]")
_WORD_START = re.compile(r"(?<![\w@])[\w@]")
_EXPLAINABLE_PASSIVE = frozenset({"missed", "ignored", "overlooked", "forgotten", "skipped", "unanswered", "unacknowledged", "unread", "unnoticed"})
# Misses a system can explain ("missed the page because it went to a retired rotation").
EXPLAINABLE = frozenset({"notice", "prompt", "slow", "ignored", "forgot", "skipped", "never", "wrong", "supposed", "choice", "shortcut", "mistake", "instead"})
# Where a person's attention or means were, as opposed to what they were like ("in a hurry").
# What a person was not given, which explains even slowness: "… because she had no access".
_MEANS = re.compile(r"\s+had\s+no\s+(?:access|permissions?|credentials|rights|way\s+to)\b", re.IGNORECASE)
_WORN_OUT = r"\s+had\s+(?:just\s+)?(?:worked|been\s+(?:working|awake|up|on\s+(?:call|shift|duty)))"
_CIRCUMSTANCE = re.compile(
    r"\s+(?:(?:was|were)\s+(?:already\s+|still\s+|also\s+)?(?:(?!rushing|hurrying)\w+ing\b|(?!rushed|hurried)\w+ed\b"
    r"|on\s|at\s|asleep|away|off\b"
    rf"|offline|busy|in\s+(?:a|an|another|the)\s+(?!hurry|rush))|had\s+(?:no|not|never)\b|{_WORN_OUT})",
    re.IGNORECASE,
)
# A person who only owns the subject, a thing of theirs: "Rose's phone was off …" ("Rose's decision to
# deploy …" and "Rose's team ignored …" still judge people).
_OWNER_OF_A_THING = re.compile(
    rf"{_APOSTROPHE}s\s+(?:(?:work|personal|own|home|company)\s+)?(?:phone|laptop|pager|computer|device|car|train|flight|battery|internet"
    r"|connection|vpn|account|card|badge|calendar|inbox|mailbox|e-?mail|machine|workstation|desk|home|house)s?\b",
    re.IGNORECASE,
)
# The person inside the cause a sentence gives: "Maria's phone was off because she had worked the night shift".
_BECAUSE_BEFORE = re.compile(r"\b(?:because|since|as)\s+$", re.IGNORECASE)
_WORN_OUT_AFTER = re.compile(_WORN_OUT, re.IGNORECASE)
_CAUSE = re.compile(
    r"\b(?:because|since|due\s+to|when|while|after|(?<!\blong\s)(?<!\bsoon\s)(?<!\bwell\s)(?<!\bfar\s)(?<!\bmuch\s)as(?=\s+(?:the|a|an|it|its|their|his|her|there|this|that|nobody|no|we|they|he|she)\b))"
    r"\b(?!\s*(?:of\s+)?(?:it|this|that|him|her|them)\s*[.;!?]?\s*$)\s*(?:of\s+)?",
    re.IGNORECASE,
)


_ASIDE = re.compile(r"\s*(?:[;:–—-]+|,\s*and)\s*")
# The system's part in a person's slip, said in the clause after it: what it let through, kept from
# view, or caught ("; the shell rejected it").
_SYSTEM_LET_IT = re.compile(
    r"\b(?:reject(?:ed|s)|refus(?:ed|es)|block(?:ed|s)|caught|catch(?:es)?|accept(?:ed|s)|allow(?:ed|s)|permit(?:ted|s)|let|lets|list(?:ed|s)|show(?:ed|s)|display(?:ed|s)|gave\s+no|had\s+no|has\s+no"
    r"|(?:did|does)(?:n['’]t|\s+not)\s+(?:warn|validate|check|show|display|reject|block|stop|prevent|distinguish|ask|confirm|mention|list|say|catch)"
    r"|(?:had|have|has|shared)\s+(?:the\s+same|identical|similar)\s+\w+|(?:looked|look|were|are)\s+(?:the\s+same|identical|alike)"
    r"|(?:was|were|had\s+been)\s+(?:set|created|configured|added|changed|owned|managed)\s+by\s+(?:a|an|the)\b)\b",
    re.IGNORECASE,
)
# The call to act, not what kept the person from acting: "failed to escalate when the first alert fired".
_OCCASION = re.compile(
    r"\s*(?:the|an?|their|his|her|our)\s+(?:(?:first|second|next|same|new|critical|\w+-?\w*)\s+){0,2}?"
    r"(?:alert|alarm|page|pager|warning|ticket|notification|escalation|report|call)s?\s+(?:\w+ly\s+)?"
    r"(?:fired|went\s+off|triggered|sounded|came\s+(?:in|through)|arrived|went\s+unanswered|rang|landed|was\s+(?:sent|raised|opened|filed|received))\b",
    re.IGNORECASE,
)
# A change that called for the act: "neglected to update them when the state centres moved".
_CHANGE_TO_FOLLOW = re.compile(
    r"\s*(?:the|an?|our|their|its)\s+(?:[\w-]+\s+){0,3}?(?:moved|changed|migrated|switched|(?:was|were)\s+(?:renamed|moved|changed"
    r"|replaced|upgraded|retired|decommissioned|reassigned|reorgani[sz]ed))\b",
    re.IGNORECASE,
)
# How late, before "after" or "when": "looked at it an hour after the dashboard went red", "only
# responded when the secondary called him".
_LATE_BY = re.compile(r"(?:\b(?:seconds|minutes?|mins|hours?|hrs|days?|weeks?|long)|\bonly(?:\s+\w+)?)\s+$", re.IGNORECASE)
# A clause with a verb of its own: "after the pager app crashed", not "after the maintenance window".
_EVENT = re.compile(rf"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)\b(?:was|were|is|are|had|has|\w+ed|{_IRREGULAR_PAST}|lost|broke|fell|froze|hung|died|stuck|blew)\b", re.IGNORECASE)


# The reasoning of the moment, told as such: "…, believing the replica had hung", "expecting the
# prompt the staging tool shows", "as the runbook said".
_REASONING = re.compile(
    r"\b(?<!\bwithout\s)(?<!\bnot\s)(?:believing|thinking\s+(?:that\s+)?(?:it|the|this|he|she|they)|assuming\s+(?:that\s+)?(?:it|the|this)|expecting\s+(?:the|a|it)"
    r"|convinced\s+that|as\s+far\s+as\s+(?:he|she|they|anyone)\s+knew|had\s+every\s+reason(?!\s+to\s+know)"
    r"|on\s+the\s+advice\s+of|on\s+[\w'’]+['’]s\s+advice\b|at\s+the\s+(?:request|direction)\s+of|as\s+(?:advised|instructed)\s+by"
    r"|(?:as|like)\s+the\s+(?:[\w-]+\s+){0,2}?(?:runbook|procedure|checklist|playbook|guide|sop|manual|policy)\s+(?:said|says|told|tells|asked|asks|described|describes|instructs|instructed)"
    r"|(?<!\bnot\s)(?<!\bnever\s)(?<!\bof\s)(?<!\bthan\s)(?:following|per|under)\s+the\s+(?:[\w-]+\s+){0,3}?(?:runbook|procedure|process|checklist|playbook|policy)"
    # the person's account of it: "…; she said the runbook listed it as optional"
    r"|(?:he|she|they)\s+(?:said|explained|told\s+us)\s+(?:that\s+)?(?:the\s+(?:runbook|procedure|checklist|docs?|documentation|tool|dashboard|alert|ticket)|it\s+(?:was|looked))"
    # what it reasonably looked like: "…, reasonably taking them for the glitch IT had announced"
    r"|because\s+(?:he|she|they)\s+(?:knew|had\s+(?:seen|read|been\s+told))\b|\bfor\s+a\s+(?:good|sound)\s+reason\b"
    r"|(?:reasonably|understandably)\s+\w+ing\b|(?:taking|mistaking)\s+(?:it|them|this|these)\s+for\b|reasoning\s+that"
    # a purpose: "…, to stop customers being overdrawn"
    r"|(?:in\s+order|so\s+as)\s+to|,\s+to\s+(?:stop|prevent|protect|keep|avoid|spare|limit|save|get)\b)\b",
    re.IGNORECASE,
)


# The process allowing the step, or the system hiding what mattered: "…, which the hotfix process
# allows", "…, which is the documented emergency path", "…, which the dashboard did not show", "as designed".
_PROCESS_SAYS_SO = re.compile(
    r",?\s*\b(?:which\s+(?:(?:the|our|its)\s+(?:[\w-]+\s+){0,3}?(?:allows?|allowed|permits?|permitted|requires?|required|recommends?"
    r"|recommended|says|said|expects?|expected|hides|hid|(?:did|does)(?:n['’]t|\s+not)\s+(?:show|display|surface|indicate|mention|list)"
    r"|(?:shows?|showed|displays?|displayed)\s+only|only\s+(?:shows?|showed|displays?|displayed))"
    r"|(?:is|was)\s+(?:the\s+|an?\s+)?(?:documented|approved|standard|expected|agreed|known)\b"
    # what had changed under the person: "overlooked the dashboard, which had been moved to a new folder"
    r"|(?:had\s+been|has\s+been|was|were)\s+(?:\w+\s+)?(?:moved|renamed|hidden|relocated|removed|deleted|disabled|muted|silenced"
    r"|rerouted|routed|sent|archived|deprecated|mislabell?ed|misnamed)\b"
    r"|(?:had\s+been|have\s+been|kept|were|was)\s+(?:\w+\s+)?(?:firing|flapping|misfiring)\b)"
    r"|as\s+(?:designed|documented|planned|agreed|expected)"
    r"|with\s+the\s+(?:\w+\s+)?(?:approval|sign-?off|agreement|permission)\s+of)\b",
    re.IGNORECASE,
)


_SYSTEM_MADE_IT_EASY = re.compile(
    r"\b(?:that|which)\s+the\s+(?:[\w-]+\s+){0,2}?(?:tool|tooling|system|ui|interface|form|script|process|design|console|cli)\s+"
    r"(?:made|makes|had\s+made)\s+(?:easy|possible|likely|inevitable|natural)\b", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\bnot\s+$", re.IGNORECASE)  # "Rose's mistake, not because of the system" names no cause
_DEMANDED = re.compile(r"\b(?:requires?|required|expects?|expected|recommends?|recommended)\b", re.IGNORECASE)
_OMITTED = re.compile(rf"\b(?:{_NOT}|never|skipped|skips|forgot|forgets|neglected|neglects|failed\s+to|fails\s+to)\b", re.IGNORECASE)


# An answer that gives the person's reasoning at the time: "(Because) she judged …", "He had seen the
# same stack trace the week before and …", "She expected the replica to catch up".
_REASONED_ANSWER = re.compile(
    r"[\s\-*•>(]*(?:[Bb]ecause\s+)?(?:he|she|they|[A-Z][\w'’-]+)\s+(?:judged|reasoned|reckoned|figured|believed|expected|assumed"
    r"|thought\s+(?:that\s+)?(?:it|the|this)|had\s+(?:seen|read|run|used|been\s+told)|was\s+(?:told|following|reproducing|working\s+from)"
    r"|(?:knows|knew)\s+(?:the|where|how|which|what)|wanted\s+to\s+(?:know|check|confirm|be\s+sure|see|understand|rule\s+out|avoid|protect|keep)|wanted\s+(?:the|it|them)\s+(?:[\w-]+\s+){0,3}?(?:understood|checked|confirmed|verified|reviewed|tested)|(?:wrote|built|owns|owned|designed)\s+(?:the|that|this)|waited\s+(?:for|on))\b",
)
_TRAIT_ANSWER = re.compile(
    r"[\s\-*•>(]*(?:because\s+of\s+)?(?:impatience|laziness|carelessness|arrogance|pride|ego|panic|complacency|incompetence|negligence"
    r"|tunnel\s+vision|sloppiness|overconfidence|stubbornness|indifference|apathy|hubris|inattention"
    r"|(?:poor|bad|questionable)\s+(?:judge?ment|decision[\s-]making)|(?:a\s+)?(?:bad|wrong|poor)\s+call|lack\s+of\s+(?:care|attention|judge?ment|discipline))\b",
    re.IGNORECASE,
)
_WHY = re.compile(r"(?:why|how\s+come)\b", re.IGNORECASE)  # after the question's opening (`_QUESTION_OPENING`)
# A why answer that is a person and nothing more: "Kai.", "The intern, obviously.", "Grace's call, and the wrong one."
_BARE_ANSWER = re.compile(
    r"[\s\-*•>(]*(?:because\s+(?:of\s+)?)?(?:(?:obviously|honestly|frankly|simple)[,:]?\s+)?(?P<person>[^.!?,;:]{2,40}?)"
    r"(?:['’]s\s+(?:fault|doing)|['’]s\s+(?:call|decision|idea|choice),?\s+and\s+(?:the|a)\s+(?:wrong|bad|poor)\s+one)?"
    r"(?:,?\s+(?:again|obviously|as\s+usual|of\s+course|frankly|honestly|who\s+else))?\s*[.!]*\s*",
    re.IGNORECASE,
)
_FRONTED_CAUSE = re.compile(r"[\s\-*•>(]*(?P<how>because|since|as)\s+(?P<reason>[^,;]{8,}),", re.IGNORECASE)


def _explained_by_the_system(lexicon: BlameLexicon, masked: str, position: int, circumstances: bool = True, certain: bool = False) -> bool:
    """A cause in the same sentence that is not a person ("… because the VPN was down"), or a person's
    circumstances ("… because she was already handling another incident", "… he had no access").

    Being "slow" is a judgement of the person whatever kept them busy, so for it (`circumstances`
    false) only a cause outside the person explains; its rewrite keeps the cause the sentence gives.
    When the model is `certain` the sentence blames, a clause of cause or time after the person does
    not excuse them ("… neglected to escalate when the hold service first degraded", "… without
    warning anyone, because why would he"): the cause told first, the reasoning of the moment, the
    process and an aside about the system still do.
    """
    sentence_start, sentence_end = sentence_around(masked, position)
    fronted = _FRONTED_CAUSE.match(masked, sentence_start, position)
    # ("Since the migration in March, …" says when: "since" and "as" give a cause only with a verb)
    if fronted and (fronted.group("how").lower() == "because" or _EVENT.search(fronted.group("reason"))) \
            and not lexicon._starts_with_a_person(fronted.group("reason")) and not lexicon.scan(fronted.group("reason")):
        return True  # the cause told first: "Because the runbook pointed at the old cluster, the engineer …"
    if _SYSTEM_MADE_IT_EASY.search(masked, position, sentence_end):
        return True  # "made a mistake that the tooling made easy: two commands that differ by one flag"
    process = _PROCESS_SAYS_SO.search(masked, position, sentence_end)
    if process and _DEMANDED.search(process.group()) and _OMITTED.search(masked, sentence_start, position):
        process = None  # "Elif did not check the dry-run output, which the rota clearly expects": a reproach, not a reason
    if circumstances and (_REASONING.search(masked, sentence_start, sentence_end) or process):
        return True  # what the person believed at the time, or what the process allows, explains the step
    if circumstances and (aside := _ASIDE.match(masked, clause_end(masked, position))):
        person = _PERSON_WORD.match(masked, aside.end()) or lexicon.named_person.match(masked, aside.end())
        if person and _CIRCUMSTANCE.match(masked, person.end()):
            return True  # "Grace missed the handover; she was handling a customer escalation"
        if person is None and _SYSTEM_LET_IT.search(masked, aside.end(), sentence_end):
            return True  # "Will entered the wrong region code; the form accepted any string"
    cause = None if certain else _CAUSE.search(masked, position, sentence_end)
    while cause and (_NOT_BEFORE.search(masked, max(0, cause.start() - 8), cause.start()) or ((_OCCASION.match(masked, cause.end()) or _CHANGE_TO_FOLLOW.match(masked, cause.end()))
                      and cause.group().lower().startswith(("when", "after")))
                     or _LATE_BY.search(masked, max(0, cause.start() - 24), cause.start())):
        # "… when the alert fired" says when to act, "… an hour after the dashboard went red" how late: a why may follow
        cause = _CAUSE.search(masked, cause.end(), sentence_end)
    if cause is None:
        return False
    reason = masked[cause.end():sentence_end]
    if cause.group().lower().startswith("since") and not _EVENT.search(reason):
        return False  # "since Monday" says when
    if cause.group().lower().startswith(("when", "while", "after")) and (not circumstances or not _EVENT.search(reason)):
        return False  # "forgot … after the maintenance window" says when, not why; so does "dawdled while customers waited"
    person = _PERSON_WORD.match(reason) or lexicon.named_person.match(reason)
    circumstance = _CIRCUMSTANCE if circumstances else _MEANS
    explained = person is None or circumstance.match(reason, person.end()) is not None
    return explained and not lexicon.scan(reason)


# After "and", only a judgement carries over: "… and did not see a spike" or "… and skipped the
# steps already applied" reports what the check found.
_JUDGED_AFTER_AND = frozenset({"mistake", "slip", "shortcut", "choice", "wilful", "instead", "never", "careless", "grudging", "forgot", "should", "should_not"})
_WHO = re.compile(r"\s+(?:who|that)(?=\s)", re.IGNORECASE)
_AND_THEN = re.compile(r"\b(?:and|but)(?:\s+then)?(?=\s)", re.IGNORECASE)


def _relative_predicate(masked: str, position: int) -> re.Match[str] | None:
    """The blame inside a restrictive clause about the person: "the same person who forgets to update
    the status page", "the engineer that ignored the page", and in a cleft: "it was Tom who pushed …"."""
    who = _WHO.match(masked, position)
    return _PREDICATE.match(masked, who.end()) if who else None


def _coordinated_predicate(masked: str, position: int) -> re.Match[str] | None:
    """The blame in a second verb of the same subject: "… disabled the alert and never turned it back
    on", "… broke the build and went home" stays with the first verb's subject."""
    limit = min(len(masked), position + 120)
    stop = re.compile(r"[.;:!?()\n]|\b(?:because|since|who|which)\b", re.IGNORECASE).search(masked, position, limit)
    for conjunction in _AND_THEN.finditer(masked, position, stop.start() if stop else limit):
        match = _PREDICATE.match(masked, conjunction.end())
        if match and match.lastgroup in _JUDGED_AFTER_AND:
            return match
    return None


# "that" before a person usually reports what someone said ("Tomas explained that he had picked the
# wrong host"); after a judgement it opens one ("It could be argued that Anna should have …").
_JUDGED_THAT = re.compile(
    r"\b(?:argued|arguable|arguably|clear|obvious|evident|fair\s+to\s+say|unacceptable|inexcusable|unforgivable|disappointing|embarrassing|shocking|is\s+satisfied|(?:finds|found|concluded|concludes)"
    r"|(?:cause|reason|problem|truth|why|factor)\s+(?:is|was)(?:\s+simply)?|(?:say|state|admit)\s+(?:plainly|clearly|honestly))\s+that\s*$",
    re.IGNORECASE,
)

# Roles that software also has, and the words a clause may open with before a bare role ("because
# operator error…" is still about a person).
_SOFTWARE_ROLE = re.compile(r"(?:operator|admin|administrator)s?", re.IGNORECASE)
_NO_SINGLE = re.compile(r"\bno\s+(?:one|single)\s+$", re.IGNORECASE)
# Where a clause's subject stands: the sentence's start (past a time, a bullet or a speaker), or after
# a clause opener or a comma. "Ask the DBA team about limits" has no subject; "Because Felix …" has one.
_SUBJECT_PLACE = re.compile(
    r"(?:^[\s\-*•>(\[]*(?:\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:[—–:-]+\s*)?)?"
    r"|(?:[,;:—–]|\b(?:and|but|or|so|because|since|when|after|before|while|as|then|once|until|although|though|that|which|who)\b)\s*)"
    r"(?:(?:the|our|their|your|this|that|an?)\s+)?(?:[\w'’-]+\s+){0,2}?$",
    re.IGNORECASE,
)
# Praise, which the model alone never turns into blame unless the sentence names a harm.
_PRAISE = re.compile(
    r"\b(?:did|does|do|doing|done)\s+(?:a|an|such\s+an?)\s+(?:really\s+)?(?:great|excellent|fantastic|good|superb|brilliant|solid|terrific"
    r"|amazing|outstanding|stellar)\s+job\b|\b(?:kudos|shout-?out|well\s+done)\b|\bmade\s+sure\b",
    re.IGNORECASE,
)
# Thanks for what went wrong: the harm, and what a real thanks says was spared.
_THANKS = re.compile(r"(?<!\bno\s)\bthanks\s+to\s+", re.IGNORECASE)
_HARM = re.compile(
    r"\b(?:down|dark|dead|lost|late|delayed|wiped|logged\s+out|expired|twice|overflowed|broke|broken|bypassed|muted|unanswered|sideways"
    r"|gone|missing|quiet|silent|duplicat\w*|had\s+to\s+be\s+\w+ed|fell\s+over|collapsed|crashed|went\s+down|ran\s+on\s+(?:one|a\s+single)|the\s+wrong|rejected|failing|begging|scrambling"
    r"|spent\s+the\s+(?:whole\s+)?(?:morning|afternoon|evening|night|day|weekend)|during\s+the\s+busiest|left\s+off|fail(?:s|ed)?|outage|no\s+clue|nobody\s+(?:else\s+)?knew|(?:did\s+not|didn['’]t)\s+hear|public|stuck|took\s+down|leaked|corrupted|deleted)\b",
    re.IGNORECASE,
)
_SPARED = re.compile(
    r"\b(?:no\s+(?:customer|data|one|user|order|payment)s?|no\s+(?:[\w-]+\s+){1,3}?(?:had\s+to|was|were|needed)|nothing\s+was|stayed\s+(?:up|online|available|healthy|green|within)|ready|retried|recovered|restored|back\s+(?:up|online)"
    r"|in\s+(?:time|minutes)|before\s+(?:customers|anyone|users|it)|only|saved|avoided|prevented|caught|spotted|limited|contained|instead\s+of|rather\s+than)\b",
    re.IGNORECASE,
)
# Nobody as the one who should have acted: "Nobody on the release team bothers to look at the canary".
# (not "Nobody is to blame for …", which clears everyone, nor "Nobody else had done a restore", which is experience)
_NOBODY = re.compile(rf"(?<![\w-])(?:nobody|no[\s-]one)(?![\w-])(?!\s+(?:is|was|are|were)\s+(?:to\s+blame|at\s+fault|{_JUDGEMENT_ADJECTIVE}))(?!\s+else\b)"
                     r"(?!\s+(?:on\s+call\s+|on\s+the\s+[\w-]+\s+)?(?:was|were)\s+(?:paged|called|notified|told|alerted|woken|informed)\b)",
                     re.IGNORECASE)
_PEOPLES_SHIFTS = frozenset("shift night day human senior junior experienced new duty".split())  # "night-shift operators"
_CLAUSE_OPENERS = frozenset("and but or so because since when after before while as if then once until although though that".split())


# "It was Tom who …": the person singled out, then what they did (which the clause judges, or not).
_CLEFT = re.compile(r"\bit(?:\s+(?:was|is)|['’]s)\s+(?:(?:all|really|again|once\s+again)\s+)?$", re.IGNORECASE)
_SELF_REPORT = re.compile(
    r"\b(?:said|says|admitted|admits|felt|feels|wrote|writes|thinks|thought|noted|notes|explained|explains|acknowledged|acknowledges"
    r"|recalled|recalls|mentioned|conceded|concedes)\s+(?:that\s+)?$",
    re.IGNORECASE,
)


_WORD_BEFORE = re.compile(r"([\w'’]+)\.?\s*$")
_MAKE_SURE = re.compile(r"\b(?:(?:make|makes|made|making)\s+sure|ensure|ensures|ensured)\s+(?:that\s+)?$", re.IGNORECASE)
_AFTER_A_PREPOSITION = re.compile(r"\b(?:with|for|of|among|about|from|by|to|without)\s+[\w'’]+-[\w'’]+\s+$", re.IGNORECASE)
_TITLES = frozenset("mr mrs ms miss dr prof sir lt capt cpt sgt ssg maj col gen cdr insp supt".split())
# What comes before says why the person acted: "The error said only 'try again later', which is why staff kept retrying"
_THAT_IS_WHY = re.compile(r"\b(?:which|that)(?:\s+(?:is|was)|['’]s)\s+why\s+$", re.IGNORECASE)


def _subjects(mentions: Iterable[re.Match[str]], masked: str) -> Iterator[re.Match[str]]:
    """People who really are the subject of a statement: not right after "paged", "to", "the"…, nor
    after the auxiliary of a question ("Why did the team not roll back?" is the question rules' to judge)."""
    for match in mentions:
        start = match.start()  # where the person's name begins, a title included
        previous = _WORD_BEFORE.search(masked, 0, start)
        if previous and previous.group(1).lower().rstrip(".") in _TITLES:  # "why did Mr Asante …": the word before the title
            start = previous.start(1)
            previous = _WORD_BEFORE.search(masked, 0, start)
        if _AFTER_A_PREPOSITION.search(masked, 0, match.start()):
            continue  # "Fixture data with part-time employees should have caught it": the employees are in the data
        word = previous.group(1).lower() if previous else ""
        if previous and word.endswith(("'s", "’s")):  # past an owner: "why did Carmen's team …", "paged Rose's team"
            owner = _WORD_BEFORE.search(masked, 0, previous.start(1))
            if owner and owner.group(1).lower() in (OBJECT_MARKERS - _DETERMINERS) | QUESTION_AUXILIARIES \
                    and not owner.group(1).lower().endswith("ing"):  # "the paging vendor's support desk" is theirs
                word = owner.group(1).lower()
        cleft = _CLEFT.search(masked, 0, match.start()) and _WHO.match(masked, match.end())
        if word in OBJECT_MARKERS | QUESTION_AUXILIARIES and not _JUDGED_THAT.search(masked, 0, start) and not cleft:
            continue
        if _NO_SINGLE.search(masked, 0, match.start()):
            continue  # "no one person caused this" blames nobody
        if _MAKE_SURE.search(masked, 0, match.start()):
            continue  # "Olu asked her to make sure they did not use the day's numbers": an errand, not a deed
        if _PRONOUN.fullmatch(match.group()) and _SELF_REPORT.search(masked, 0, match.start()):
            continue  # "Olga later said she should have asked sooner": her own account, as "blamed himself"
        if _SOFTWARE_ROLE.fullmatch(match.group()) and word.isalpha() and word not in _CLAUSE_OPENERS | _PEOPLES_SHIFTS:
            continue  # "the Kubernetes operator", "the Django admin": a tool, named after what it runs
        yield match


def _sentence_after(masked: str, spans: list[tuple[int, int]], index: int) -> str:
    """The sentence after sentence `index` of `spans`, which may answer it; "" after the last."""
    return masked[slice(*spans[index + 1])] if index + 1 < len(spans) else ""


def _next_sentence(text: str, position: int) -> str:
    spans = sentence_spans(text[position:])
    return text[position + spans[0][0]:position + spans[0][1]] if spans else ""


# Where a question starts: past a bullet, and past the time a timeline entry opens with ("21:30 Who approved …?").
_QUESTION_OPENING = re.compile(r"[\s\-*•>(]*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[—–:-]+\s*)?)?(?:[\w@.-]+(?:\s+[\w@.-]+)?:\s+)?")


def _question_rewrite(lexicon: BlameLexicon, sentence: str) -> str | None:
    """The system-focused question replacing `sentence`; None when it is not aimed at a person."""
    opening = _QUESTION_OPENING.match(sentence)
    offset = opening.end() if opening else 0
    found = lexicon.put_to_someone(_WHY_NOT, sentence, offset, _ANYONE_ASKED)
    if found and not _asks_what_reached_them(found[0].group("neg"), found[1]):
        rest, negation = found[1], found[0].group("neg").lower()
        verb, _, obj = rest.partition(" ")
        if negation.startswith(("was", "were", "have", "had")):
            return "What would have made this easier to see at the time?"
        if re.fullmatch(_NOTICE_VERBS, verb, re.IGNORECASE):
            return f"Was there a signal that would have made {_obj(obj)} visible?"
        return f"What would have made it easier to {rest}?"
    if (found := lexicon.put_to_someone(_WHY_WAS, sentence, offset)) and _NOT_DOING.match(found[1]):
        return "What else was asking for attention at the time?"  # "Why was Frank not watching the feed?"
    if match := _WHY_PASSED.match(sentence, offset):
        return f"What made this look safe at the time it was {match.group('verb').lower()}, and what could the checks not see?"
    if found := lexicon.put_to_someone(_WHY_DID, sentence, offset):
        return f"What made it look right at the time to {found[1]}?"
    if match := _WHO_APPROVED.match(sentence, offset):
        return f"What did the review check before approving {match.group('rest')}, and what could it not see?"
    if _WHO_DID_IT.match(sentence, offset) or lexicon.rhetorical(sentence):
        return "What in the process let this happen, and what would have caught it?"
    return None


def _excerpt(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _rewritten_part(replacement: str | None, text: str, start: int) -> str | None:
    """The sentence of `replacement` holding the rewrite: what a person reads as the suggestion."""
    if replacement is None:
        return None
    sentence_start, sentence_end = sentence_around(replacement, min(start, max(len(replacement) - 1, 0)))
    return replacement[sentence_start:sentence_end]


def _replace_with(new: str) -> PhraseRewrite:
    def rewrite(text: str, match: re.Match[str]) -> tuple[str, str | None]:
        return _excerpt(match.group()), splice(text, match.start(), match.end(), new)

    return rewrite


def _advice_only(text: str, match: re.Match[str]) -> tuple[str, str | None]:
    start, end = sentence_around(text, match.start())
    return _excerpt(text[start:end]), None


def _remove(text: str, match: re.Match[str]) -> tuple[str, str | None]:
    return _excerpt(match.group()), text[: match.start()] + text[match.end():]


def _replace_sentence(new: str) -> PhraseRewrite:
    def rewrite(text: str, match: re.Match[str]) -> tuple[str, str | None]:
        start, end = sentence_around(text, match.start())
        return _excerpt(text[start:end]), text[:start] + new + text[end:]

    return rewrite


def _blame_verb(text: str, match: re.Match[str]) -> tuple[str, str | None]:
    """"We blamed the CDN" → "We suspected the CDN"; blaming a person gets no template."""
    word = match.group()
    softer = _BLAME_VERB_FORMS.get(word.lower())
    after = text[match.end(): match.end() + 20].lstrip().lower()
    if softer is None or not after.startswith(("the ", "a ", "an ", "it", "this", "that")) or after.startswith("the on"):
        return _excerpt(word), None
    return _excerpt(word), text[: match.start()] + (capitalized(softer) if word[0].isupper() else softer) + text[match.end():]


# The patterns that do not depend on who took part: compiled once, whatever the people.
_PREDICATE = re.compile(
    _RELATIVE_CLAUSE + r"(?:\s*,(?=\s))?" + _ADVERB + r"(?:\s+|\s*,\s*)(?:"
    + "|".join(f"(?P<{kind.replace('-', '_')}>{pattern})" for kind, pattern in PREDICATES) + ")",
    re.IGNORECASE,
)
_FAULT_NOUN = (
    rf"(?:{_APOSTROPHE}s\s+(?:own\s+|big\s+|simple\s+|honest\s+|careless\s+|silly\s+|stupid\s+|poor\s+|bad\s+|obvious\s+)?"
    r"(?:fault|mistake|error|blunder|negligence|carelessness|oversight|screw-?up|fuck-?up|failure|typo|misjudge?ment"
    r"|lapse|slip|inexperience|incompetence|laziness|inattention|haste|impatience|recklessness|sloppiness"
    r"|neglect|inaction|indifference|apathy|arrogance|hubris|timidity|stubbornness|ineptitude|ignorance|cluelessness"
    r"|indecision|indecisiveness|dithering|reluctance|unwillingness|silence|short-?cut|forgetfulness|absent-?mindedness|disorgani[sz]ation|overreaction|panic|pride|ego|vanity"
    rf"|complacency|overconfidence|(?:bad|wrong|poor)\s+call|(?:poor|bad|sloppy|careless)\s+(?:handling|work|execution|planning))s?\b(?!-\w){_NOT_A_CAUSE_NOUN}"
    # a piece of the person's work judged: "Chase's rushed review", "Anna's sloppy migration"
    r"|['’]s\s+(?:rushed|sloppy|shoddy|careless|hasty|lazy|cursory|half-hearted|botched|reckless|untested|unreviewed|cowboy|unauthori[sz]ed"
    r"|unapproved|unilateral|half-finished|half-baked|half-done)\s+\w+"
    r"|['’]s\s+(?:brilliant|bright|great|genius)\s+idea\b"
    # what the person could or would not do: "because of Hope's inability to make a decision"
    r"|['’]s\s+(?:inability|unwillingness|failure|refusal)\s+to\b"
    # a refusal that cost time: "Faith's refusal to roll back made the outage twice as long"
    r"|['’]s\s+(?:refusal|reluctance|insistence|stubbornness|indecision)\b(?=[^.;?!]*\b(?:made|cost|prolonged|delayed|extended|worse|longer)\b)"
    r"|['’]s\s+(?:slow|late|delayed|poor|inadequate|bad)\s+(?:response|reaction|handling|review|escalation|communication|decision|testing|work)\b"
    # a failing of the person, not of what they were given: "lack of care", not "lack of access"
    r"|['’]s\s+lack\s+of\s+(?:experience|attention|care|diligence|judge?ment|competence|skill|focus|discipline|rigou?r|follow-?through|ownership)\b"
    # the risky path as a noun: "Priya's decision to skip the canary"
    rf"|['’]s\s+(?:decision|choice)\s+{_RISKY_CHOICE}"
    # a decision of the person's as what did the harm: "Chase's call to restore dragged the outage out"
    # (not "Paula's decision to fail over shortened the outage")
    r"|['’]s\s+(?:call|choice|decision|insistence|refusal|idea|attempt)\b[^.;?!]{0,80}?\b(?:dragged\s+(?:\S+\s+){0,3}?out|prolonged"
    r"|made\s+(?:\S+\s+){0,3}?worse|worsened|(?:is|was)\s+(?:the\s+reason|why)|cost\s+us)\b"
    # a shortcut as a habit: "Nils's habit of running migrations by hand, unreviewed"
    r"|['’]s\s+(?:habit|tendency|penchant)\s+of\s+[^.;?!]{0,60}?\b(?:by\s+hand|unreviewed|untested|without|skipping|ignoring|bypassing|cutting\s+corners))"
)
_FAULT = re.compile(_FAULT_NOUN, re.IGNORECASE)
# A failing named as a noun ("poor judgement", "a lapse of attention"), blame once it is put on a person.
_FAILING_NOUN = (
    r"(?:(?:poor|bad|questionable|flawed|sloppy|careless)\s+(?:judge?ment|decision[\s-]making|choices?|decisions?|calls?|handling|work|execution|planning)"
    r"|(?:insufficient|inadequate|(?:more|proper|greater|better|due|basic)(?=\s+\w+\s+(?:by|of|from|on\s+the\s+part\s+of)\s+[^.;?!]{1,60}?\bwould\b))"
    r"\s+(?:diligence|care|attention|caution|rigou?r|ownership|oversight)"
    r"|non-?compliance|non-?adherence|lack\s+of\s+adherence(?:\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:process|procedure|policy|rules|plan))?"
    r"|(?:inadequate|insufficient|poor|lax|lack\s+of)\s+supervision"
    r"|(?:an?\s+)?(?:mistakes?|errors?|oversights?|lapses?(?:\s+of\s+(?:attention|judge?ment|concentration))?|negligence"
    r"|carelessness|sloppiness|laziness|incompetence|inexperience|inattention|misjudge?ments?|blunders?|slip-?ups?))"
)
_OUTCOME = r"(?:mess|outage|incident|failure|disaster|fiasco|breakage|downtime|data\s+loss)\s+(?:is|was)\s*,?\s*(?:(?:all|entirely|squarely|basically|\w+ly)\s*,?\s+)?"
# Where a failing or a bad outcome is put on someone, up to where the person stands; the group that
# matched says what must follow the person (`_PUT_ON_TAILS`): "poor judgement by the incident
# commander", "the failure of the database team to …", "an oversight on Gwen's part", "the outage
# was, frankly, down to Pat", "the whole mess was Ines's call", "on Mei's watch", "responsibility for
# the outage lies with Farid".
_PUT_ON = re.compile(
    r"\b(?:(?P<by>(?:{failing})\s+(?:by|of|from|on\s+the\s+part\s+of)\s+)|(?P<failure>failures?\s+(?:of|by)\s+)"
    r"|(?P<part>(?:{failing})\s+on\s+)|(?P<down>{outcome}(?:on|down\s+to)\s+|(?:boils|boiled|comes|came)\s+down\s+to\s+)|(?P<call>{outcome})"
    r"|(?P<harm>(?:prolonged|made\s+worse|worsened|compounded|exacerbated|aggravated)\s+by\s+)"
    r"|(?P<delay>(?:delayed|extended|slowed(?:\s+down)?|held\s+up)\s+by\s+)"
    r"|(?P<incumbent>incumbent\s+(?:up)?on\s+)"
    r"|(?P<owns>(?:mistake|error|fault|oversight|blunder|screw-?up)s?\s+(?:was|is|were)\s+(?:all\s+|entirely\s+|solely\s+)?)"
    r"|(?P<watch>on\s+(?=(?:\S+\s+){{0,2}}?\S+['’]s\s+watch\b))|(?P<lies>(?:(?:blame|fault)\b[^.;?!]{{0,40}}?|(?:responsibility|accountability)\s+for\s+(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:outage|incident|failure|delay|mistake|change|release|decision|error|loss|breach|downtime|migration|deployment)s?\b[^.;?!]{{0,20}}?)"
    r"\b(?:lies|lay|rests|rested|sits|sat|falls|fell)\s+"
    r"(?:(?:squarely|entirely|solely)\s+)?(?:with|on)\s+))".format(failing=_FAILING_NOUN, outcome=_OUTCOME),
    re.IGNORECASE,
)
_NOTHING_OF_THEIRS = re.compile(r"(?![\w'’])")
_PUT_ON_TAILS = {
    "by": _NOTHING_OF_THEIRS, "down": _NOTHING_OF_THEIRS, "lies": _NOTHING_OF_THEIRS, "incumbent": _NOTHING_OF_THEIRS,
    "owns": re.compile(r"['’]s\b(?!\s+\w)"),
    "failure": re.compile(r"\s+to\b"),
    "part": re.compile(r"['’]s\s+part\b"),
    "call": re.compile(r"['’]s\s+(?:call|doing|decision|responsibility)\b", re.IGNORECASE),
    "harm": re.compile(r"['’]s\s+(?!(?:fix|rollback|restore|patch|help|work)\b)\w+"),
    "delay": re.compile(r"['’]s\s+(?:insistence|refusal|reluctance|hesitation|indecision|inaction|absence|dithering|stubbornness)\b", re.IGNORECASE),
    "watch": re.compile(r"['’]s\s+watch\b(?!\s+as\b)", re.IGNORECASE),
}
_PUT_ON_WORDS = (" by ", " of ", " from ", " part", " on ", " to ", " with ", "'s", "’s")
_RHETORICAL = re.compile(
    r"\b(?:(?P<thinking>what\s+(?:was|were))|(?P<any>how\s+could|why\s+would"
    r"|why\s+(?:on\s+earth|the\s+hell)\s+(?:was|were|is|are|did|does|do|has|had|would))|(?P<even>did|does|do|is|was|were|has)"
    r"|(?P<take>why\s+did\s+it\s+take)|(?P<nobody>why\s+(?:was|were|did|is))|(?P<how_not>how\s+(?:did|does|do|could))"
    r"|^\W*(?P<negated>(?:did|does|should|could)n['’]?t))\s+",
    re.IGNORECASE,
)
_ANYONE = re.compile(r"(?:anyone|nobody|no\s+one|they)\b", re.IGNORECASE)
_RHETORICAL_TAILS = {
    "thinking": re.compile(r"\s+thinking\b", re.IGNORECASE),
    "any": re.compile(r"(?!\w)"),
    # "Why did it take Dmitri seventeen minutes to notice …?"
    "take": re.compile(r"\s+(?:so\s+long|too\s+long|(?:\w+\s+){0,2}?(?:seconds|minutes|hours|days|weeks)\s+to)\b", re.IGNORECASE),
    # "How did Grace not notice …?", "Didn't Mark read the runbook?", "Shouldn't Sam have known?"
    "how_not": re.compile(r"\s+(?:(?:not|never)(?!\s+(?:get|gets|got|be|been|receive|received)\b)|fail\s+to|manage\s+to\s+miss)\b", re.IGNORECASE),
    "negated": re.compile(rf"\s+(?:even\s+)?(?:(?:{_ACT_VERBS}|{_NOTICE_VERBS}|know)\b|have\s+(?:known|\w+ed)\b)", re.IGNORECASE),
    "even": re.compile(r"(?:\s+(?:on|from|in)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:team|shift|call))?\s+(?:even|ever|actually|really|bother)\b", re.IGNORECASE),
    # "Why was nobody watching?", not "Why was nobody paged?": that asks about the pager
    "nobody": re.compile(r"(?:(?<=nobody)|(?<=no\sone))(?!\s+(?:get|gets|got|paged|alerted|notified|told|informed|receives?|received)\b)", re.IGNORECASE),
}

# Counterfactuals about a person, up to where the person stands: "If Maria had been paying attention,
# …", "… would not have happened if Maria had done her job", "Nobody would have been paged at 3am if
# Chase had done his job", "If only Anna had listened", "Had Priya checked …".
_IF_SOMEONE = re.compile(
    r"\b(?:(?P<cond>if\s+(?:only\s+)?|had\s+)|(?P<after>(?:would|could|might)(?:\s+not|\s+never|n['’]t)?\s+have\b[^.;?!]{0,80}?\bif\s+))",
    re.IGNORECASE,
)
_HAD = re.compile(r"\s+(?:had|['’]d)\b", re.IGNORECASE)
_JUST_DID = re.compile(r"\s+(?:actually|just|only|even|ever|bothered\s+to)\s+\w+", re.IGNORECASE)
_WOULD_NOT = re.compile(r"\b(?:would|could)(?:n['’]t|\s+not|\s+never)\b|\bnone\s+of\s+this\b", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"\s+(?:not\s+)?(?:\w+(?:ed|en|wn)|done|made|run|read|kept|left|sent|told|paid|heard|set|put|built|got|thought|brought|caught|been)\b",
    re.IGNORECASE,
)
# What follows "if X had …" for it to be a counterfactual about X rather than a plain condition.
_CONSEQUENCE = re.compile(r"\b(?:would(?:n['’]t)?|could(?:n['’]t)?|none\s+of\s+this|never)\b", re.IGNORECASE)
# Blame phrases and their rewrites. A `slot` group must hold a person (checked against the people
# of the incident): "the fault of Maria" blames, "the fault of the load balancer" does not.
_PHRASE_LIST: list[tuple[str, PhraseRewrite]] = [
    (rf"\b(?:human|operator|pilot|personnel|engineer)\s+(?:errors?|mistakes?|failures?)\b{_NOT_A_CAUSE_NOUN}",
     _replace_with(SAFEGUARD_GAP)),
    (rf"\b(?:{_JUDGEMENT_ADJECTIVE})\b(?!-\w)", _replace_with("unchecked")),
    # the culprit known to all, unnamed: "We all know who broke the build"
    (r"\b(?:we\s+all|everyone|everybody)\s+knows?\s+who\s+(?:broke|caused|did\s+(?:it|this)|messed\s+up|screwed\s+up|is\s+(?:responsible|to\s+blame))\b[^.;?!]*",
     _advice_only),
    (r"\b(?:carelessness|negligence|sloppiness|recklessness)\b", _replace_with("a missing safeguard")),
    # a failing of the company that stands for its people: "the e-discovery vendor's incompetence", "the vendor's incompetent export"
    (r"\b(?:vendor|supplier|provider|contractor|partner|registrar|carrier|integrator|outsourcer|agency)['’]s\s+(?:own\s+|sheer\s+|usual\s+)?"
     r"(?:incompeten(?:ce|t)|negligent|careless|laziness|shoddy|useless|indifference|apathy|arrogance|complacency)\b", _advice_only),
    (r"\bculture\s+of\s+(?:non-?compliance|carelessness|complacency|cutting\s+corners|sloppiness|indifference|negligence)\b", _advice_only),
    # a failing of the people in a place that stands for them: "complacency in the control room"
    (r"\b(?:complacency|laziness|incompetence|inattention|indifference|apathy)\s+(?:in|of|among|within|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
     r"(?:room|team|shift|crew|staff|department|office|desk|ward|floor|manager|engineer|operator|technician|director|administrator|contractor)\b", _replace_with("a missing safeguard")),
    (r"\b(?:insufficient|inadequate|too\s+little|not\s+enough)\s+(?:care|caution|diligence|attention)\s+was\s+(?:taken|paid|exercised|given)\b", _advice_only),
    (r"\b(?:carelessly|negligently|sloppily|recklessly|lazily|thoughtlessly|irresponsibly|foolishly|stupidly|naively|arrogantly|blindly"
     r"|stubbornly|mindlessly|cluelessly)(?:\s+|\b)", _remove),
    (r"\black\s+of\s+(?:attention|care|diligence|judge?ment|competence|rigou?r|discipline|ownership|follow-?through|responsibility|professionalism)\b",
     _replace_with("a missing safeguard")),
    (rf"\bshould(?:\s+have|{_APOSTROPHE}ve)\s+known\s+better\b", _replace_with("had no signal that this was risky")),
    (rf"\bshould(?:\s+have|{_APOSTROPHE}ve)\s+known\b", _replace_with("had no signal showing")),
    (rf"\b(?:not|n{_APOSTROPHE}t)\s+(?:paying\s+(?:\w+\s+)?attention|careful\s+enough)\b",
     _replace_sentence("Nothing drew attention to the problem in time.")),
    (r"\bdropped\s+the\s+ball\b|\bjump(?:ed|ing)\s+the\s+gun\b|\b(?:never|didn['’]t|did\s+not)\s+(?:even\s+)?lift(?:ed)?\s+a\s+finger\b"
     r"|\bdid\s+an?\s+(?:half-?baked|sloppy|shoddy|lousy|poor|terrible|careless|rushed)\s+job\b|\bfailed\s+at\s+the\s+(?:one|only)\s+thing\b|\basleep\s+at\s+the\s+(?:wheel|switch)\b|\bhad\s+one\s+job\b|\bon\s+(?:his|her|their|your)\s+watch\b",
     _replace_sentence("The process had no backstop for this step.")),
    (r"\bexplain\s+(?:himself|herself|themselves|themself|yourself)\b"
     r"|\b(?:nobody|no\s+one)\b[^.;?!]{0,40}?\b(?:could\s+be\s+bothered|bothered\s+to)\b|\b(?:nobody|no\s+one)\s+(?:even\s+)?(?:cared|cares)\b"
     r"|\b(?:nobody|no\s+one)\b[^.;?!]{0,40}?\b(?:was|were|is)\s+(?:even\s+)?(?:paying\s+(?:\w+\s+)?attention|awake|watching"
     r"|doing\s+(?:their|his|her)\s+jobs?)\b"
     r"|\b(?:could(?:n['’]t|\s+not)|can['’]t|cannot|can\s+not)\s+be\s+bothered\b"
     r"|\b(?:engineer|operator|staff|personnel|employee|developer|team)\s+(?:inattention|carelessness|complacency|laziness|incompetence|apathy)\b"
     # judged by comparison: "a link any first-year would know to avoid"
     r"|\bany\s+(?:first[\s-]year|junior|intern|beginner|novice|child)\s+(?:would|could|should)"
     r"\s+(?:have\s+)?(?:known|know|spotted|caught|seen|noticed|tell|told|avoided|avoid)\b"
     r"|\bany\s+(?:competent|half-decent|reasonable|sensible|decent)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:would|could|should)\b"
     r"|\bfor\s+(?:reasons|some\s+reason)\s+(?:nobody|no\s+one)\s+(?:understands|understood|knows|can\s+explain)\b"
     r"|\b(?:was|is)\s+(?:just\s+|merely\s+|little\s+more\s+than\s+)?a\s+rubber[\s-]?stamp\b|\bno\s+excuse\s+for\b|\bin\s+(?:his|her|their|your)\s+(?:haste|hurry|rush)\b", _advice_only),
    (r"\b(?:the\s+)?fault\s+of\s+(?P<slot1>\S)", _replace_sentence("The system allowed this to fail.")),
    (r"\bby\s+(?:the\s+)?(?:mistake|error|fault|carelessness|negligence)\s+of\s+(?P<slot9>\S)", _advice_only),
    # a search for someone to punish
    (r"\b(?:find|identify|work\s+out)\s+(?:out\s+)?(?:who\s+(?:is|was)\s+(?:responsible|to\s+blame)|the\s+(?:person|people|one)\s+responsible)\b"
     r"|\b(?:be|are|is|get|gets|got)\s+punished\b|\bpunish\s+(?:him|her|them|whoever|the\s+\w+)\b", _advice_only),
    (r"\bshame\s+on\s+(?P<slot7>\S)|(?:^|(?<=[.!]\s))[\s\-*•]*classic\s+(?P<slot13>\S)", _advice_only),
    (r"\bno\s+thanks\s+to\s+(?P<slot10>\S)|\b(?:outage|incident|failure|mess|downtime|breakage)\s+(?:is|was)\s+(?:all\s+)?thanks\s+to\s+(?P<slot11>\S)",
     _advice_only),
    # a team as a byword: "Ops again.", "The DB team being the DB team."
    (r"^[\s\-*•]*(?:the\s+)?(?:ops|qa|dba|sre|infra|security|support|(?:\w+\s+)?team)\s+again\W*$"
     r"|\b(?:the\s+)?(\w+(?:\s+team)?)\s+being\s+(?:the\s+)?\1\b", _advice_only),
    (r"\b(?<!to\s)blam(?:e|es|ed|ing)\b(?!\s+(?:himself|herself|themselves|themself|myself|ourselves)\b)", _blame_verb),
    (rf"\b(?:it|(?:this|that|the)\s+(?:(?:lost|wasted|extra|missing|first|second|last|whole|entire)\s+)?(?:outage|incident|failure|mess|breakage|downtime"
     r"|delay|hours?|day|data\s+loss|loss|leak|breach|crash|regression|miss|page|mistake|error|fault|whole\s+thing)|this|that|(?<=,\s)which)(?:\s+one)?"
     rf"(?:\s+(?:is|was|falls|fell|lands|landed|rests|rested|sits)|{_APOSTROPHE}s)"
     r"\s+(?:all\s+|squarely\s+)?on\s+(?P<slot2>\S)",
     _replace_sentence("The process had no backstop for this step.")),
    (r"\b(?:(?:root\s+)?cause|culprit|(?<=the\s)(?:answer|problem))\s*(?:is|was|:)\s*(?P<slot3>\S)", _advice_only),
    (r"\b(?:because\s+of|due\s+to)\s+(?P<slot4>\S)", _advice_only),
    (r"\bwho\s+(?:\w+s|\w+ed)\s+(?:\S+\s+){0,6}?(?:on\s+a\s+friday|(?:at|during)\s+peak|without\s+(?:a\s+)?(?:review|testing|tests?|reading|checking|looking"
     r"|asking|telling))[^?]*\?", _advice_only),
    # thanks given for harm: "Thanks to Jonas, we lost an afternoon of orders" (not "thanks to Farid, we had the fix")
    # "Thanks to Max and his half-finished handover notes, …"
    (r"\bthanks\s+to\s+(?P<slot12>\S)(?=\S*\s+and\s+(?:his|her|their)\s+(?:half-finished|half-baked|sloppy|missing|incomplete|broken|untested"
     r"|careless|lazy|rushed)\b)", _advice_only),
    # "… fails, thanks to Carmen rushing the migration out"
    (r"\bthanks\s+to\s+(?P<slot8>\S)(?=\S*(?:['’]s)?\s+(?:rushing|skipping|ignoring|forgetting|breaking|botching|deleting|missing|bypassing"
     r"|fumbling|messing|screwing|bungling)\b)", _advice_only),
    (r"\bthanks\s+to\s+(?P<slot6>\S)(?=[^.;?!]*\b(?:lost|lose|losing|down|broke|broken|outage|failed|wasted|dropped|deleted|wiped"
     r"|missed|again|another|late|delayed|stuck|unanswered|unnoticed|ignored|expired|crashed|lapsed|offline|logged\s+out|locked\s+out)\b)(?![^.;?!]*\b(?:no|not|nothing|never|without)\b)", _advice_only),
    # (at the start of a sentence: not after a word, "… than typical Monday traffic")
    (r"\b(?<![\w,;]\s)typical\s+(?P<slot5>\S)", _advice_only),
    # a question of permission put on a person: "Why was Lena allowed to silence 300 alarms …?"
    (r"\bwhy\s+(?:was|were|is)\s+(?P<slot15>\S)(?=[^?.]{0,40}?\s+allowed\s+to\b)", _advice_only),
    # the person as the answer, with the work named theirs: "Ask Nils, it was his commit"
    (r"(?:^|(?<=[.?!]\s))\W*ask\s+(?P<slot16>\S)(?=\S*\s*[,;:—–-]\s*(?:it\s+was\s+)?(?:his|her|their)\s+(?:commit|change|push|deploy|script|migration|config|code|call|idea)\b)", _advice_only),
    # an order about a person: "Lesson learned: don't let Jonah near production on a Monday"
    (r"\b(?:don['’]t|do\s+not|never\s+again)\s+let\s+(?P<slot14>\S)(?=\S*\s+(?:anywhere\s+)?near\s+(?:prod|production|the\s+\w+|a\s+\w+)|\S*\s+touch\s+(?:prod|production))", _advice_only),
    (r"\b(?:like|as)\s+(?:he|she|they|you)\s+(?:always|usually|often|tends?\s+to|tend\s+to)\s+(?:does|do|did)\b", _remove),
    # an order to the reader about their own conduct: "Don't turn your phone off when you're on call"
    (r"(?:^|(?<=[.!?]\s))[\s\-*•>(]*(?:please\s+)?(?:don['’]t|do\s+not|never|stop)\s+(?:just\s+)?\w+[^.;?!]{0,60}?\byou(?:r|['’]re|\s+are)\b", _advice_only),
    # diligence asked of people in the imperative: "Next time, read the diff before approving."
    (r"(?:^|(?<=[.!?]\s))[\s\-*•>(]*(?:next\s+time|in\s+(?:the\s+)?future|going\s+forward|from\s+now\s+on)\s*,?\s*(?:please\s+)?"
     r"(?:just\s+|actually\s+|always\s+)?(?:read|check|double-check|test|verify|look\s+at|think|pay\s+attention|be\s+(?:more\s+)?careful"
     r"|follow|ask|wait|(?:don['’]t|do\s+not)\s+(?:just\s+)?(?:skip|ignore|assume|push|merge|deploy|approve|run|forget))\b", _advice_only),
    # praise said of a failure: "Great job, Mei: the certificate expired on your watch."
    (r"\b(?<![\w,;]\s)(?:great|nice|good|fantastic|brilliant|excellent|stellar)\s+(?:job|work|going)\b"
     r"(?=[^.?!]*\b(?:nobody|no\s+one|never|untested|on\s+(?:your|his|her|their)\s+watch|broke|expired|again|another|outage|down|lost|wiped)\b)", _advice_only),
]


def _slot(match: re.Match[str]) -> int | None:
    """Where the person a phrase names should stand, for phrases that name one."""
    return next((match.start(group) for group in _PERSON_SLOTS if match.group(group) is not None), None)


# Questions put to a person: the opening, then who is asked (`BlameLexicon.put_to_someone`), then the rest.
_WHY_NOT = re.compile(
    rf"(?:why|how\s+come)\s+(?P<neg>{_DIDNT}|was(?:n{_APOSTROPHE}?t|\s+not)|were(?:n{_APOSTROPHE}?t|\s+not)"
    rf"|haven{_APOSTROPHE}?t|hadn{_APOSTROPHE}?t)\s+",
    re.IGNORECASE,
)
_WHY_WAS = re.compile(r"(?:why|how\s+come)\s+(?:was|were|is|are)\s+", re.IGNORECASE)
_NOT_DOING = re.compile(r"not\s+(?:\w+ly\s+)?\w+ing\b", re.IGNORECASE)
_WHY_DID = re.compile(r"(?:why|how\s+come)(?:\s+on\s+earth|\s+the\s+hell)?\s+did\s+", re.IGNORECASE)
_ASKED = re.compile(rf"(?:you|{PERSON_NOUN})(?!\w)", re.IGNORECASE)
_ANYONE_ASKED = re.compile(rf"(?:anyone|anybody|you|{PERSON_NOUN})(?!\w)", re.IGNORECASE)  # "Why didn't anyone …?"
# What reaches a person, asked about: "Why didn't the team get an alert?", "Why wasn't Tom paged?"
# ask about the pager, not the person.
_GIVEN = re.compile(r"(?:get|receive|be\s+\w+(?:ed|en))\b", re.IGNORECASE)
_DONE_TO = re.compile(r"(?:\w+ed|told|sent|given|shown|woken)\b", re.IGNORECASE)


def _asks_what_reached_them(negation: str, rest: str) -> bool:
    passive = negation.lower().startswith(("was", "were")) and _DONE_TO.match(rest)
    return bool(passive or _GIVEN.match(rest))


_REST_OF_QUESTION = re.compile(r"\s+(?P<rest>[^?]*?)\s*\?")
# Who did it, asked as a reproach ("Who forgot to renew the certificate?", "Whose fault was it?");
# "How could Maria …?" is `BlameLexicon.rhetorical`'s.
_WHO_DID_IT = re.compile(
    rf"(?:and\s+)?who(?:\s+on\s+earth|\s+the\s+hell)?\s+(?:forgot|broke|caused|missed|ignored|let|messed\s+up|screwed\s+up|dropped"
    rf"|(?:is|was)\s+(?:responsible|to\s+blame|at\s+fault)|did\s+this|{_DIDNT}|should\s+have"
    rf"|(?:thought|decided|figured|felt)\s+(?:this|that|it)\s+was\s+a\s+(?:good|great|smart|fine)\s+idea)\b[^?]*\?"
    rf"|.*?(?:whose\s+(?:fault|mistake|(?:bright|brilliant|great)\s+idea)|what\s+were\s+you\s+thinking|what\s+possessed\b)[^?]*\?"
    rf"|who\s+(?:was|were)\s+(?:supposed|meant|expected)\s+to\b[^?]*\?"
    rf"|.*?\bwhose\s+(?:\w+\s+)?idea\s+was\s+(?:it|this|that)\b[^?]*\?"
    rf"|.*?\bhow\s+(?:did|could|does|do|has|have)\s+(?:nobody|no\s+one)\s+(?:catch|notice|see|spot|check|test|review|flag|question)\b[^?]*\?"
    rf"|.*?\bwhat\s+(?:did|does|do)\s+(?:\S+\s+){{1,3}}?expect(?:\s+(?:would|to)\s+happen)?\s*\?"
    rf"|.*?\bwhat\s+(?:were|was)\s+(?:you|he|she|they)\s+doing(?:\s+(?:with|to)\s+[^?]*)?\?"
    rf"|.*?\bwhy\s+(?:is|was|are|were)\s+(?:\S+\s+){{1,3}}?only\s+(?:now\s+)?\w+ing\b[^?]*\?"
    rf"|.*?\bwho\s+(?:even\s+)?(?:does|would\s+do)\s+(?:that|this)\b[^?]*\?",
    re.IGNORECASE,
)
# "Why was this code merged?": a passive question still looks for whoever merged it.
_WHY_PASSED = re.compile(
    r"(?:why|how\s+come)\s+(?:was|were|is|are)\s+(?:this|that|these|those|the|it)\b[^?]*?\b"
    r"(?P<verb>merged|approved|deployed|shipped|pushed|released|allowed|signed\s+off)\b[^?]{0,80}\?",
    re.IGNORECASE,
)
_WHO_APPROVED = re.compile(
    rf"(?:and\s+)?who(?:\s+on\s+earth|\s+the\s+hell)?\s+(?:approved|approves|signed\s+off(?:\s+on)?|okayed|ok{_APOSTROPHE}d|allowed)\s+(?P<rest>[^?]*?)\s*\?", re.IGNORECASE
)
# One pass over the text for every phrase; the group that matched picks the rewrite.
_PHRASES = re.compile("|".join(f"(?P<phrase{n}>{pattern})" for n, (pattern, _) in enumerate(_PHRASE_LIST)), re.IGNORECASE)
_PHRASE_REWRITES = {f"phrase{n}": rewrite for n, (_, rewrite) in enumerate(_PHRASE_LIST)}
# the groups of the phrases that must hold a person ("the fault of (?P<slot1>…)")
_PERSON_SLOTS = tuple(group for group in _PHRASES.groupindex if group.startswith("slot"))


@lru_cache(maxsize=64)
def lexicon_for(people: tuple[str, ...]) -> BlameLexicon:
    return BlameLexicon(people)


def blame_language(context: ReviewContext) -> Iterator[Finding]:
    yield from blame_in(context, text_fields(context.document))


def blame_in(context: ReviewContext, fields: Iterable[tuple[str, str]], earlier: str = "") -> Iterator[Finding]:
    """Blame in `fields` (path, text); `earlier` is the text read just before the first of them."""
    lexicon = lexicon_for(tuple(context.document.incident.people()))
    for path, text in fields:
        for hit in lexicon.in_context(text, earlier):
            yield Finding(
                rule=hit.rule,
                severity=context.blame_severity,
                path=path,
                message=f'{LABELS[hit.rule]}: "{hit.excerpt}"',
                suggestion=hit.rewrite or ADVICE[hit.rule],
                replacement=hit.replacement,
            )
        earlier = text


RULES = [blame_language]
