"""The labelled sentence corpora in `tests/review/corpus/`, each split into a development and a test half.

`sentences.tsv` holds sentences in the shape published postmortems use, each labelled `blame`,
`counterfactual` or `clean`; `independent.tsv` is a second corpus of the same kind written apart
from the rules and from the first corpus, in other voices, to measure how the rules generalize;
`third.tsv` is a third, written apart from both and from the rules, from the structure of
published incident write-ups (narrative retellings, passives, failings as nouns, sarcasm, groups
and vendors' staff as culprits, names that are everyday words); `fourth.tsv` is a fourth, written
apart from all three, from published postmortems of other incidents, mostly people named acting
normally and blame as judgement of people; `fifth.tsv` is a fifth, written apart from all four, from
other published postmortems and from blame-culture writing that quotes blameful reviews; `sixth.tsv`
is a sixth, written apart from all five, from the status reports and engineering posts of yet other
organisations and from blame-culture writing, in the same proportions (most sentences innocent and
naming people); `seventh.tsv` is a seventh, written apart from all six, from availability reports,
status updates and engineering postmortems of still other organisations; `eighth.tsv` an eighth,
written apart from all seven, from bank, telecom and government incident reviews and chat-style
timelines; `ninth.tsv` a ninth, from cloud, certificate-authority and wiki operators' incident pages
in the five-whys form; `tenth.tsv` a tenth, from aviation, rail, bank, hospital and power-grid
incident reviews (the formal language of official reports) and engineering status pages;
`eleventh.tsv` and `twelfth.tsv` an eleventh and a twelfth, one kind of blame the issue lists after
another, and whole document entries as teams paste and write them (drafts under stress beside
published versions); `thirteenth.tsv` a thirteenth, three quarters innocent, the hardest innocent
text postmortems hold (slips told blamelessly, judgement words about software, people's own
accounts); `fourteenth.tsv` a fourteenth, blame as managers, peers, customers and
hedging or terse writers put it in review documents and comment threads; `fifteenth.tsv` a
fifteenth, small teams, maintainers and self-hosters writing in the first person; `sixteenth.tsv` a
sixteenth, banks, airlines, telecoms and energy companies in corporate register (committees and
roles, nominalisations, accountability frames); `seventeenth.tsv` a seventeenth, as close as can be
to the shape of published postmortems (narrative timelines naming engineers, "what went wrong"
lists, the rare published sentence that judges someone); `eighteenth.tsv` an eighteenth, the blame
that just-culture writing quotes as what to avoid, beside the rewrites it gives; `nineteenth.tsv` a
nineteenth, in the English of writers whose first language is another, and of translated
write-ups; `twentieth.tsv` a twentieth, from security incident write-ups, breach reports and
bug-bounty reports; `twentyfirst.tsv` a twenty-first, launches and live events that failed under
load, in a chatty tone where blame rides on ordinary words; `twentysecond.tsv` a twenty-second,
reviews written by or for non-engineers in councils, schools, hospitals and small businesses;
`twentythird.tsv` a twenty-third, reason-for-outage letters and managers' emails to leadership;
`twentyfourth.tsv` a twenty-fourth, what attendees write during a review (retro cards, terse bullets,
facilitator notes); `twentyfifth.tsv` a twenty-fifth, the same incident moments told blamefully and
rewritten blamelessly, side by side; `twentysixth.tsv` a twenty-sixth, four fifths innocent, timelines as incident
tools export them (chat channels, paging logs, incident bots); `twentyseventh.tsv` to `thirtyeighth.tsv`
twelve more, each written apart from all the others: sarcasm, attitude and blame carried across
sentences; learning reviews that explain people's reasoning; games and their communities; data,
analytics and machine-learning incidents; postmortems reviewed as pull requests; mid-size software
companies' published postmortems; five-whys answers and contributing-factor lists; founders' and
executives' public posts; open-source communities; incident calls and review meetings written down;
trading, payments and crypto incidents with regulators' findings; data centres, field staff,
contractors and the news reports that retell them; `thirtyninth.tsv` to `fortysixth.tsv` eight
more, each written apart from all the others: corporate IT and service desks; device fleets and
over-the-air updates; operations outside software companies (airlines, depots, shops, hotels);
industrial control rooms and utilities; the questions of a review's Q&A; long sentences and whole
paragraphs; safety investigations of ships, railways, plants and mines; the language of
performance reviews and accountability; `fortyseventh.tsv` to `fiftieth.tsv` four more: large
technology companies' published postmortems; status pages' short postmortems; government digital
services; companies in Europe, Asia, Latin America and Africa writing in English; `fiftyfirst.tsv` to `fiftyfourth.tsv`
four more in the same registers: cloud-native failure stories; postmortem collections' summaries
expanded back into sentences; postmortems in the SRE template; software companies' postmortems of
2022 to 2025; `fiftyfifth.tsv` and `fiftysixth.tsv` two more: research-computing centres and
open-source infrastructure teams; `fiftyseventh.tsv` to `sixtieth.tsv` four more: the root-cause
documents software vendors send their customers; collaboration software companies' incident
reviews; internal postmortems in the SRE workbook template with reviewers' comments; payments and
banking outages outside the US told in public statements and regulators' summaries; `sixtyfirst.tsv` to
`eightyfirst.tsv` twenty-one more: founders' own postmortems; hospital IT; telecom outage reports;
model API providers; data teams; regional clouds; consumer apps; developer tools' status pages;
ITIL major-incident reports; security-driven outages; open-source retrospectives; emergency
services and utilities; translated reports from Japan, Korea, Germany and France; engineering blogs
of 2012 to 2020; API companies' status pages; postmortem collections expanded; social platforms;
cloud-native talks; DNS, CDN and email providers; drafts before the blameless edit; one engineer's
first-person reports; `eightysecond.tsv` to `eightyninth.tsv` eight more: education and exam platforms;
payment processors and fintech APIs; internal platform teams; mobile releases; infrastructure as code
and cloud accounts; live-service games; observability vendors; airlines, rail and travel booking;
`ninetieth.tsv` to `ninetyseventh.tsv` eight more: analytics and CRM companies; databases as a
service; an upstream's customers and the upstream; public-sector and NGO teams; small e-commerce
shops; facilitators flagging blame in review; identity and secrets platforms; warehouse automation;
`ninetyeighth.tsv` to `hundredfifth.tsv` eight more: broadcasters and live streaming; payroll, HR and
accounting software; accidental sends and notifications; destructive commands and data-loss slips;
blockchain networks and exchange wallets; regulators' and inquiries' formal findings; food delivery
and ride hailing; insurance, lending and credit systems; `hundredsixth.tsv` to `hundredthirteenth.tsv`
eight more: betting and lottery platforms; ticket on-sales; smart buildings and access control;
satellite ground operations; managed service providers reporting to clients; pharmacy, laboratory
and telehealth systems; EV charging and energy retail; after-action reviews of public-safety
communications; `hundredfourteenth.tsv` to `hundredtwentyfirst.tsv` eight more: ports and shipping;
elections and civic technology; universities' student systems; ATM, card and point-of-sale networks;
AI features inside products; teams in India and Latin America; NOC shift logs and handoff notes;
courts, law firms and legal platforms; `hundredtwentysecond.tsv` to `hundredtwentyninth.tsv` eight
more: laboratory and clinical-trial systems; newsrooms; customer-support tooling; everyday privacy
slips; weather services; transit fare and passenger information; architecture and engineering
firms' IT; food supply chains and cold chains; `hundredthirtieth.tsv` to `hundredthirtyseventh.tsv`
eight more in the registers of published postmortems: SaaS companies' public postmortems; hosting
providers' post-incident reviews; engineering-blog deep dives; developer tools and CI services;
fintech and payments; e-commerce and marketplaces; postmortems reviewed as pull requests and wiki
pages; communication and collaboration apps; `hundredthirtyeighth.tsv` to `hundredfortyfifth.tsv`
eight more in the same registers: observability vendors; database and data platforms; online
games; identity, e-mail and messaging APIs; healthcare and education SaaS; media and content
platforms; travel and booking platforms; security and networking companies; `hundredfortysixth.tsv`
to `hundredfiftythird.tsv` eight more in the same registers: HR and workplace SaaS; marketing and
analytics SaaS; logistics and shipping software; open-source community infrastructure; no-code and
website builders; IoT and smart-home platforms; invoicing and subscription billing; project
management and knowledge bases; `hundredfiftyfourth.tsv` to `hundredsixtyfirst.tsv` eight more, four
in the same registers (publishers and ad tech; government contractors' SaaS; mobile startups; data
integration tools) and four in harder ones (incident-channel chatter; managers' and executives'
e-mails; inquiry, audit and ombudsman reports; field operations' shift logs); `hundredsixtysecond.tsv`
to `hundredsixtyninth.tsv` eight more, six in published registers (telecom and SMS carriers; identity
platforms; marketplace search; IoT fleets; DNS, registrars and e-mail delivery; ML platforms) and two
further from them (IT service management records; retail store operations); `hundredseventieth.tsv`
to `hundredseventyseventh.tsv` eight more in published registers (cloud storage and backup; video
and real-time communication; package ecosystems; maps and dispatch; health-record vendors; CI/CD
services; streaming-data deep dives; small SaaS companies' own postmortems);
`guide_examples.tsv` holds the blameless-postmortem guides' own examples of blame. The split is by
a checksum of the text, so it never changes with the order of the file: rules are tuned on the
development halves and measured on the test halves.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "review" / "corpus"
PLACES = {"timeline", "why", "factor"}
LABELS = {"blame", "counterfactual", "clean"}


@dataclass(frozen=True)
class Sentence:
    place: str
    label: str
    source: str
    text: str

    @property
    def half(self) -> str:
        return "dev" if zlib.crc32(self.text.encode()) % 2 == 0 else "test"


def _people(path: Path) -> list[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"#\s*people:\s*(.*)", line):
            return [name.strip() for name in match.group(1).split(",")]
    raise ValueError(f"{path}: no '# people:' line")


def load(name: str) -> list[Sentence]:
    sentences = []
    path = CORPUS / name
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        place, label, source, text = line.split("\t")
        if place not in PLACES or label not in LABELS:
            raise ValueError(f"{path}:{number}: unknown place or label")
        sentences.append(Sentence(place, label, source, text))
    return sentences


@dataclass(frozen=True)
class Corpus:
    """One corpus file: the people its sentences name, and its sentences."""

    name: str
    people: tuple[str, ...]
    sentences: tuple[Sentence, ...]

    @property
    def dev(self) -> list[Sentence]:
        return [sentence for sentence in self.sentences if sentence.half == "dev"]

    @property
    def test(self) -> list[Sentence]:
        return [sentence for sentence in self.sentences if sentence.half == "test"]


def corpus(name: str) -> Corpus:
    return Corpus(name, tuple(_people(CORPUS / name)), tuple(load(name)))


WRITTEN_WITH_THE_RULES = corpus("sentences.tsv")
INDEPENDENT = corpus("independent.tsv")
THIRD = corpus("third.tsv")
FOURTH = corpus("fourth.tsv")
FIFTH = corpus("fifth.tsv")
SIXTH = corpus("sixth.tsv")
SEVENTH = corpus("seventh.tsv")
EIGHTH = corpus("eighth.tsv")
NINTH = corpus("ninth.tsv")
TENTH = corpus("tenth.tsv")
ELEVENTH = corpus("eleventh.tsv")
TWELFTH = corpus("twelfth.tsv")
THIRTEENTH = corpus("thirteenth.tsv")
FOURTEENTH = corpus("fourteenth.tsv")
FIFTEENTH = corpus("fifteenth.tsv")
SIXTEENTH = corpus("sixteenth.tsv")
SEVENTEENTH = corpus("seventeenth.tsv")
EIGHTEENTH = corpus("eighteenth.tsv")
NINETEENTH = corpus("nineteenth.tsv")
TWENTIETH = corpus("twentieth.tsv")
TWENTY_FIRST = corpus("twentyfirst.tsv")
TWENTY_SECOND = corpus("twentysecond.tsv")
TWENTY_THIRD = corpus("twentythird.tsv")
TWENTY_FOURTH = corpus("twentyfourth.tsv")
TWENTY_FIFTH = corpus("twentyfifth.tsv")
TWENTY_SIXTH = corpus("twentysixth.tsv")
TWENTY_SEVENTH = corpus("twentyseventh.tsv")
TWENTY_EIGHTH = corpus("twentyeighth.tsv")
TWENTY_NINTH = corpus("twentyninth.tsv")
THIRTIETH = corpus("thirtieth.tsv")
THIRTY_FIRST = corpus("thirtyfirst.tsv")
THIRTY_SECOND = corpus("thirtysecond.tsv")
THIRTY_THIRD = corpus("thirtythird.tsv")
THIRTY_FOURTH = corpus("thirtyfourth.tsv")
THIRTY_FIFTH = corpus("thirtyfifth.tsv")
THIRTY_SIXTH = corpus("thirtysixth.tsv")
THIRTY_SEVENTH = corpus("thirtyseventh.tsv")
THIRTY_EIGHTH = corpus("thirtyeighth.tsv")
THIRTY_NINTH = corpus("thirtyninth.tsv")
FORTIETH = corpus("fortieth.tsv")
FORTY_FIRST = corpus("fortyfirst.tsv")
FORTY_SECOND = corpus("fortysecond.tsv")
FORTY_THIRD = corpus("fortythird.tsv")
FORTY_FOURTH = corpus("fortyfourth.tsv")
FORTY_FIFTH = corpus("fortyfifth.tsv")
FORTY_SIXTH = corpus("fortysixth.tsv")
FORTY_SEVENTH = corpus("fortyseventh.tsv")
FORTY_EIGHTH = corpus("fortyeighth.tsv")
FORTY_NINTH = corpus("fortyninth.tsv")
FIFTIETH = corpus("fiftieth.tsv")
FIFTY_FIRST = corpus("fiftyfirst.tsv")
FIFTY_SECOND = corpus("fiftysecond.tsv")
FIFTY_THIRD = corpus("fiftythird.tsv")
FIFTY_FOURTH = corpus("fiftyfourth.tsv")
FIFTY_FIFTH = corpus("fiftyfifth.tsv")
FIFTY_SIXTH = corpus("fiftysixth.tsv")
FIFTY_SEVENTH = corpus("fiftyseventh.tsv")
FIFTY_EIGHTH = corpus("fiftyeighth.tsv")
FIFTY_NINTH = corpus("fiftyninth.tsv")
SIXTIETH = corpus("sixtieth.tsv")
SIXTY_FIRST = corpus("sixtyfirst.tsv")
SIXTY_SECOND = corpus("sixtysecond.tsv")
SIXTY_THIRD = corpus("sixtythird.tsv")
SIXTY_FOURTH = corpus("sixtyfourth.tsv")
SIXTY_FIFTH = corpus("sixtyfifth.tsv")
SIXTY_SIXTH = corpus("sixtysixth.tsv")
SIXTY_SEVENTH = corpus("sixtyseventh.tsv")
SIXTY_EIGHTH = corpus("sixtyeighth.tsv")
SIXTY_NINTH = corpus("sixtyninth.tsv")
SEVENTIETH = corpus("seventieth.tsv")
SEVENTY_FIRST = corpus("seventyfirst.tsv")
SEVENTY_SECOND = corpus("seventysecond.tsv")
SEVENTY_THIRD = corpus("seventythird.tsv")
SEVENTY_FOURTH = corpus("seventyfourth.tsv")
SEVENTY_FIFTH = corpus("seventyfifth.tsv")
SEVENTY_SIXTH = corpus("seventysixth.tsv")
SEVENTY_SEVENTH = corpus("seventyseventh.tsv")
SEVENTY_EIGHTH = corpus("seventyeighth.tsv")
SEVENTY_NINTH = corpus("seventyninth.tsv")
EIGHTIETH = corpus("eightieth.tsv")
EIGHTY_FIRST = corpus("eightyfirst.tsv")
EIGHTY_SECOND = corpus("eightysecond.tsv")
EIGHTY_THIRD = corpus("eightythird.tsv")
EIGHTY_FOURTH = corpus("eightyfourth.tsv")
EIGHTY_FIFTH = corpus("eightyfifth.tsv")
EIGHTY_SIXTH = corpus("eightysixth.tsv")
EIGHTY_SEVENTH = corpus("eightyseventh.tsv")
EIGHTY_EIGHTH = corpus("eightyeighth.tsv")
EIGHTY_NINTH = corpus("eightyninth.tsv")
NINETIETH = corpus("ninetieth.tsv")
NINETY_FIRST = corpus("ninetyfirst.tsv")
NINETY_SECOND = corpus("ninetysecond.tsv")
NINETY_THIRD = corpus("ninetythird.tsv")
NINETY_FOURTH = corpus("ninetyfourth.tsv")
NINETY_FIFTH = corpus("ninetyfifth.tsv")
NINETY_SIXTH = corpus("ninetysixth.tsv")
NINETY_SEVENTH = corpus("ninetyseventh.tsv")
NINETY_EIGHTH = corpus("ninetyeighth.tsv")
NINETY_NINTH = corpus("ninetyninth.tsv")
HUNDREDTH = corpus("hundredth.tsv")
HUNDRED_FIRST = corpus("hundredfirst.tsv")
HUNDRED_SECOND = corpus("hundredsecond.tsv")
HUNDRED_THIRD = corpus("hundredthird.tsv")
HUNDRED_FOURTH = corpus("hundredfourth.tsv")
HUNDRED_FIFTH = corpus("hundredfifth.tsv")
HUNDRED_SIXTH = corpus("hundredsixth.tsv")
HUNDRED_SEVENTH = corpus("hundredseventh.tsv")
HUNDRED_EIGHTH = corpus("hundredeighth.tsv")
HUNDRED_NINTH = corpus("hundredninth.tsv")
HUNDRED_TENTH = corpus("hundredtenth.tsv")
HUNDRED_ELEVENTH = corpus("hundredeleventh.tsv")
HUNDRED_TWELFTH = corpus("hundredtwelfth.tsv")
HUNDRED_THIRTEENTH = corpus("hundredthirteenth.tsv")
HUNDRED_FOURTEENTH = corpus("hundredfourteenth.tsv")
HUNDRED_FIFTEENTH = corpus("hundredfifteenth.tsv")
HUNDRED_SIXTEENTH = corpus("hundredsixteenth.tsv")
HUNDRED_SEVENTEENTH = corpus("hundredseventeenth.tsv")
HUNDRED_EIGHTEENTH = corpus("hundredeighteenth.tsv")
HUNDRED_NINETEENTH = corpus("hundrednineteenth.tsv")
HUNDRED_TWENTIETH = corpus("hundredtwentieth.tsv")
HUNDRED_TWENTY_FIRST = corpus("hundredtwentyfirst.tsv")
HUNDRED_TWENTY_SECOND = corpus("hundredtwentysecond.tsv")
HUNDRED_TWENTY_THIRD = corpus("hundredtwentythird.tsv")
HUNDRED_TWENTY_FOURTH = corpus("hundredtwentyfourth.tsv")
HUNDRED_TWENTY_FIFTH = corpus("hundredtwentyfifth.tsv")
HUNDRED_TWENTY_SIXTH = corpus("hundredtwentysixth.tsv")
HUNDRED_TWENTY_SEVENTH = corpus("hundredtwentyseventh.tsv")
HUNDRED_TWENTY_EIGHTH = corpus("hundredtwentyeighth.tsv")
HUNDRED_TWENTY_NINTH = corpus("hundredtwentyninth.tsv")
HUNDRED_THIRTIETH = corpus("hundredthirtieth.tsv")
HUNDRED_THIRTY_FIRST = corpus("hundredthirtyfirst.tsv")
HUNDRED_THIRTY_SECOND = corpus("hundredthirtysecond.tsv")
HUNDRED_THIRTY_THIRD = corpus("hundredthirtythird.tsv")
HUNDRED_THIRTY_FOURTH = corpus("hundredthirtyfourth.tsv")
HUNDRED_THIRTY_FIFTH = corpus("hundredthirtyfifth.tsv")
HUNDRED_THIRTY_SIXTH = corpus("hundredthirtysixth.tsv")
HUNDRED_THIRTY_SEVENTH = corpus("hundredthirtyseventh.tsv")
HUNDRED_THIRTY_EIGHTH = corpus("hundredthirtyeighth.tsv")
HUNDRED_THIRTY_NINTH = corpus("hundredthirtyninth.tsv")
HUNDRED_FORTIETH = corpus("hundredfortieth.tsv")
HUNDRED_FORTY_FIRST = corpus("hundredfortyfirst.tsv")
HUNDRED_FORTY_SECOND = corpus("hundredfortysecond.tsv")
HUNDRED_FORTY_THIRD = corpus("hundredfortythird.tsv")
HUNDRED_FORTY_FOURTH = corpus("hundredfortyfourth.tsv")
HUNDRED_FORTY_FIFTH = corpus("hundredfortyfifth.tsv")
HUNDRED_FORTY_SIXTH = corpus("hundredfortysixth.tsv")
HUNDRED_FORTY_SEVENTH = corpus("hundredfortyseventh.tsv")
HUNDRED_FORTY_EIGHTH = corpus("hundredfortyeighth.tsv")
HUNDRED_FORTY_NINTH = corpus("hundredfortyninth.tsv")
HUNDRED_FIFTIETH = corpus("hundredfiftieth.tsv")
HUNDRED_FIFTY_FIRST = corpus("hundredfiftyfirst.tsv")
HUNDRED_FIFTY_SECOND = corpus("hundredfiftysecond.tsv")
HUNDRED_FIFTY_THIRD = corpus("hundredfiftythird.tsv")
HUNDRED_FIFTY_FOURTH = corpus("hundredfiftyfourth.tsv")
HUNDRED_FIFTY_FIFTH = corpus("hundredfiftyfifth.tsv")
HUNDRED_FIFTY_SIXTH = corpus("hundredfiftysixth.tsv")
HUNDRED_FIFTY_SEVENTH = corpus("hundredfiftyseventh.tsv")
HUNDRED_FIFTY_EIGHTH = corpus("hundredfiftyeighth.tsv")
HUNDRED_FIFTY_NINTH = corpus("hundredfiftyninth.tsv")
HUNDRED_SIXTIETH = corpus("hundredsixtieth.tsv")
HUNDRED_SIXTY_FIRST = corpus("hundredsixtyfirst.tsv")
HUNDRED_SIXTY_SECOND = corpus("hundredsixtysecond.tsv")
HUNDRED_SIXTY_THIRD = corpus("hundredsixtythird.tsv")
HUNDRED_SIXTY_FOURTH = corpus("hundredsixtyfourth.tsv")
HUNDRED_SIXTY_FIFTH = corpus("hundredsixtyfifth.tsv")
HUNDRED_SIXTY_SIXTH = corpus("hundredsixtysixth.tsv")
HUNDRED_SIXTY_SEVENTH = corpus("hundredsixtyseventh.tsv")
HUNDRED_SIXTY_EIGHTH = corpus("hundredsixtyeighth.tsv")
HUNDRED_SIXTY_NINTH = corpus("hundredsixtyninth.tsv")
HUNDRED_SEVENTIETH = corpus("hundredseventieth.tsv")
HUNDRED_SEVENTY_FIRST = corpus("hundredseventyfirst.tsv")
HUNDRED_SEVENTY_SECOND = corpus("hundredseventysecond.tsv")
HUNDRED_SEVENTY_THIRD = corpus("hundredseventythird.tsv")
HUNDRED_SEVENTY_FOURTH = corpus("hundredseventyfourth.tsv")
HUNDRED_SEVENTY_FIFTH = corpus("hundredseventyfifth.tsv")
HUNDRED_SEVENTY_SIXTH = corpus("hundredseventysixth.tsv")
HUNDRED_SEVENTY_SEVENTH = corpus("hundredseventyseventh.tsv")
CORPORA = [WRITTEN_WITH_THE_RULES, INDEPENDENT, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH, NINTH, TENTH, ELEVENTH, TWELFTH,
           THIRTEENTH, FOURTEENTH, FIFTEENTH, SIXTEENTH, SEVENTEENTH, EIGHTEENTH, NINETEENTH, TWENTIETH, TWENTY_FIRST,
           TWENTY_SECOND, TWENTY_THIRD, TWENTY_FOURTH, TWENTY_FIFTH, TWENTY_SIXTH, TWENTY_SEVENTH, TWENTY_EIGHTH, TWENTY_NINTH,
           THIRTIETH, THIRTY_FIRST, THIRTY_SECOND, THIRTY_THIRD, THIRTY_FOURTH, THIRTY_FIFTH,
           THIRTY_SIXTH, THIRTY_SEVENTH, THIRTY_EIGHTH, THIRTY_NINTH, FORTIETH, FORTY_FIRST,
           FORTY_SECOND, FORTY_THIRD, FORTY_FOURTH, FORTY_FIFTH, FORTY_SIXTH,
           FORTY_SEVENTH, FORTY_EIGHTH, FORTY_NINTH, FIFTIETH, FIFTY_FIRST, FIFTY_SECOND,
           FIFTY_THIRD, FIFTY_FOURTH, FIFTY_FIFTH, FIFTY_SIXTH, FIFTY_SEVENTH, FIFTY_EIGHTH, FIFTY_NINTH, SIXTIETH,
           SIXTY_FIRST, SIXTY_SECOND, SIXTY_THIRD, SIXTY_FOURTH, SIXTY_FIFTH, SIXTY_SIXTH, SIXTY_SEVENTH,
           SIXTY_EIGHTH, SIXTY_NINTH, SEVENTIETH, SEVENTY_FIRST, SEVENTY_SECOND, SEVENTY_THIRD, SEVENTY_FOURTH,
           SEVENTY_FIFTH, SEVENTY_SIXTH, SEVENTY_SEVENTH, SEVENTY_EIGHTH, SEVENTY_NINTH, EIGHTIETH, EIGHTY_FIRST,
           EIGHTY_SECOND, EIGHTY_THIRD, EIGHTY_FOURTH, EIGHTY_FIFTH, EIGHTY_SIXTH, EIGHTY_SEVENTH, EIGHTY_EIGHTH,
           EIGHTY_NINTH, NINETIETH, NINETY_FIRST, NINETY_SECOND, NINETY_THIRD, NINETY_FOURTH, NINETY_FIFTH,
           NINETY_SIXTH, NINETY_SEVENTH, NINETY_EIGHTH, NINETY_NINTH, HUNDREDTH, HUNDRED_FIRST, HUNDRED_SECOND,
           HUNDRED_THIRD, HUNDRED_FOURTH, HUNDRED_FIFTH, HUNDRED_SIXTH, HUNDRED_SEVENTH, HUNDRED_EIGHTH,
           HUNDRED_NINTH, HUNDRED_TENTH, HUNDRED_ELEVENTH, HUNDRED_TWELFTH, HUNDRED_THIRTEENTH, HUNDRED_FOURTEENTH,
           HUNDRED_FIFTEENTH, HUNDRED_SIXTEENTH, HUNDRED_SEVENTEENTH, HUNDRED_EIGHTEENTH, HUNDRED_NINETEENTH,
           HUNDRED_TWENTIETH, HUNDRED_TWENTY_FIRST, HUNDRED_TWENTY_SECOND, HUNDRED_TWENTY_THIRD, HUNDRED_TWENTY_FOURTH,
           HUNDRED_TWENTY_FIFTH, HUNDRED_TWENTY_SIXTH, HUNDRED_TWENTY_SEVENTH, HUNDRED_TWENTY_EIGHTH,
           HUNDRED_TWENTY_NINTH, HUNDRED_THIRTIETH, HUNDRED_THIRTY_FIRST, HUNDRED_THIRTY_SECOND, HUNDRED_THIRTY_THIRD,
           HUNDRED_THIRTY_FOURTH, HUNDRED_THIRTY_FIFTH, HUNDRED_THIRTY_SIXTH, HUNDRED_THIRTY_SEVENTH,
           HUNDRED_THIRTY_EIGHTH, HUNDRED_THIRTY_NINTH, HUNDRED_FORTIETH, HUNDRED_FORTY_FIRST, HUNDRED_FORTY_SECOND,
           HUNDRED_FORTY_THIRD, HUNDRED_FORTY_FOURTH, HUNDRED_FORTY_FIFTH, HUNDRED_FORTY_SIXTH, HUNDRED_FORTY_SEVENTH,
           HUNDRED_FORTY_EIGHTH, HUNDRED_FORTY_NINTH, HUNDRED_FIFTIETH, HUNDRED_FIFTY_FIRST, HUNDRED_FIFTY_SECOND,
           HUNDRED_FIFTY_THIRD, HUNDRED_FIFTY_FOURTH, HUNDRED_FIFTY_FIFTH, HUNDRED_FIFTY_SIXTH, HUNDRED_FIFTY_SEVENTH,
           HUNDRED_FIFTY_EIGHTH, HUNDRED_FIFTY_NINTH, HUNDRED_SIXTIETH, HUNDRED_SIXTY_FIRST,
           HUNDRED_SIXTY_SECOND, HUNDRED_SIXTY_THIRD, HUNDRED_SIXTY_FOURTH, HUNDRED_SIXTY_FIFTH,
           HUNDRED_SIXTY_SIXTH, HUNDRED_SIXTY_SEVENTH, HUNDRED_SIXTY_EIGHTH, HUNDRED_SIXTY_NINTH,
           HUNDRED_SEVENTIETH, HUNDRED_SEVENTY_FIRST, HUNDRED_SEVENTY_SECOND, HUNDRED_SEVENTY_THIRD,
           HUNDRED_SEVENTY_FOURTH, HUNDRED_SEVENTY_FIFTH, HUNDRED_SEVENTY_SIXTH, HUNDRED_SEVENTY_SEVENTH]
PEOPLE = list(WRITTEN_WITH_THE_RULES.people)
ALL = list(WRITTEN_WITH_THE_RULES.sentences)
DEV = WRITTEN_WITH_THE_RULES.dev
TEST = WRITTEN_WITH_THE_RULES.test
GUIDE_EXAMPLES = load("guide_examples.tsv")
