"""Ground truth for the independent test library in `tests/independent_library/`.

Twenty postmortems of public incidents, retold in our own words by imagined teams with their own
vocabulary (dates and the shape of each failure follow the published reports; company names are
left out), written without looking at the realistic library (`realistic_truth.py`), so that the
methods tuned on that one are tried on text they were not fitted to. Split by incident group
before anything was measured:

- `tune/`: repeats of a leap second, an expired certificate and another network's route leak,
  with look-alikes (a domain registration that lapsed, a backbone policy typed by hand, a deploy
  that missed a server); four of its incidents happen to be ones the realistic library also
  retells (in other words), which is why they are in the half that tuning may look at;
- `measure/`: repeats of a DNS zone or configuration change published everywhere at once, a
  regular expression that backtracks on one input, a date that overflows a counter, with
  look-alikes (a DNS provider under attack, a core banking migration, an alarm after the clock
  change); none of its incidents is one the realistic library retells;
- `independent_queries/`: six incidents in neither half, one per repeated failure mode, asked
  "what is this similar to?" against both halves together.

A *repeat* is the same failure mode told in different words by a different team; a *look-alike*
shares words ("DNS", "expired", "routes", "date", "deploy") but not the failure mode.
"""

from __future__ import annotations

from pathlib import Path

LIBRARY = Path(__file__).parent / "independent_library"
QUERIES = Path(__file__).parent / "independent_queries"

_TUNE = [
    {"dns-proxy-leap-second", "java-hosts-livelock-midnight"},
    {"core-network-sgsn-cert", "ground-station-cert", "chat-auth-cert-monday"},
    {"video-prefix-hijack", "transit-leak-optimizer"},
]
_MEASURE = [
    {"tld-zone-missing-dot", "country-tld-dnssec-signatures", "public-resolver-topology-change"},
    {"qa-site-regex-whitespace", "log-pipeline-grok-backtracking"},
    {"mail-scan-engine-2022-date", "gps-week-rollover"},
]
REPEATS = {"tune": _TUNE, "measure": _MEASURE, "all": _TUNE + _MEASURE}

# Pairs that share generic or topical words but not the failure mode: never a repeat.
LOOK_ALIKES = [
    ("marketing-domain-lapsed", "ground-station-cert"),  # expired, renewal, DNS
    ("marketing-domain-lapsed", "chat-auth-cert-monday"),
    ("marketing-domain-lapsed", "dns-proxy-leap-second"),  # DNS
    ("backbone-router-policy", "transit-leak-optimizer"),  # BGP, routes, prefixes
    ("backbone-router-policy", "video-prefix-hijack"),
    ("trading-deploy-missed-server", "core-network-sgsn-cert"),  # releases, every server
    ("dns-provider-ddos", "tld-zone-missing-dot"),  # DNS, name servers, resolvers
    ("dns-provider-ddos", "public-resolver-topology-change"),
    ("bank-platform-migration", "tld-zone-missing-dot"),  # database, a weekend's planned change
    ("alarm-clock-dst-change", "mail-scan-engine-2022-date"),  # date, time, clock
    ("alarm-clock-dst-change", "gps-week-rollover"),
    ("gps-week-rollover", "java-hosts-livelock-midnight"),  # time, clock, sync
    ("log-pipeline-grok-backtracking", "bank-platform-migration"),  # load, could not keep up
]

# Query -> the incidents it should find in the top three (of both halves together).
SIMILAR = {
    "root-ca-expiry-old-clients": {"core-network-sgsn-cert", "ground-station-cert", "chat-auth-cert-monday"},
    "checkin-system-leap-second": {"dns-proxy-leap-second", "java-hosts-livelock-midnight"},
    "search-traffic-route-leak": {"video-prefix-hijack", "transit-leak-optimizer"},
    "dnssec-rollout-resolution": {"tld-zone-missing-dot", "country-tld-dnssec-signatures",
                                  "public-resolver-topology-change"},
    "signup-email-regex-redos": {"qa-site-regex-whitespace", "log-pipeline-grok-backtracking"},
    "generator-counter-248-days": {"mail-scan-engine-2022-date", "gps-week-rollover"},
}

# The theme a person gives each contributing factor, in file order (None: no theme fits).
FACTOR_THEMES = {
    'dns-proxy-leap-second': [None, 'testing', 'deploy'],
    'java-hosts-livelock-midnight': [None, 'process', 'process', 'alerting'],
    'core-network-sgsn-cert': ['certificate', 'dependency', 'dependency', 'process'],
    'ground-station-cert': ['certificate', 'alerting', 'process'],
    'chat-auth-cert-monday': ['process', 'alerting', None],
    'video-prefix-hijack': ['network', 'network', 'dependency'],
    'transit-leak-optimizer': ['network', 'network', 'dependency', 'alerting'],
    'marketing-domain-lapsed': ['process', None, 'network', 'alerting'],
    'backbone-router-policy': ['config', 'process', 'network'],
    'trading-deploy-missed-server': ['deploy', 'config', 'alerting', 'process'],
    'qa-site-regex-whitespace': [None, 'alerting', 'process'],
    'mail-scan-engine-2022-date': [None, 'testing', 'process'],
    'gps-week-rollover': ['dependency', 'alerting', 'process'],
    'dns-provider-ddos': ['dependency', 'network', 'process'],
    'alarm-clock-dst-change': [None, 'testing', 'process'],
    'tld-zone-missing-dot': ['testing', 'deploy', 'process', 'alerting'],
    'country-tld-dnssec-signatures': ['process', 'deploy', 'alerting'],
    'log-pipeline-grok-backtracking': [None, 'testing', 'alerting'],
    'public-resolver-topology-change': ['deploy', 'config', 'alerting'],
    'bank-platform-migration': ['testing', 'config', 'process', 'capacity'],
    'root-ca-expiry-old-clients': ['certificate', 'dependency', 'alerting'],
    'checkin-system-leap-second': [None, 'testing'],
    'search-traffic-route-leak': ['network', 'alerting'],
    'dnssec-rollout-resolution': ['deploy', 'alerting'],
    'signup-email-regex-redos': [None, 'testing'],
    'generator-counter-248-days': [None, 'testing'],
}

