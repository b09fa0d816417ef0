"""Ground truth for the realistic test library in `tests/realistic_library/`.

Twenty-four postmortems of public incidents, retold in our own words (dates and the shape of
each failure follow the published write-ups; names of companies are left out). They are split:

- `tune/`: the library the repeat and similarity methods were tuned on;
- `measure/`: a separate library, not looked at while tuning, that the targets are measured on;
- `realistic_queries/`: five new incidents, not in either library, used as "what is this similar to?" queries
  against the two libraries together.

A *repeat* is the same failure mode told in different words by a different team: the same kind
of change (a certificate left to expire, a command typed by hand against the wrong target, a
push to the whole fleet with no canary…) breaking the same kind of thing. A *look-alike* shares
words ("network", "DNS", "certificate", "every region") but not the failure mode.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

LIBRARY = Path(__file__).parent / "realistic_library"
TUNE, MEASURE = LIBRARY / "tune", LIBRARY / "measure"
QUERIES = Path(__file__).parent / "realistic_queries"

# Failure modes with more than one incident, per library (file stems).
REPEATS = {
    "tune": [
        # A certificate reached its expiry date unnoticed.
        {"chat-auth-certificate-2020", "mobile-core-cert-2018", "storage-https-cert-2013"},
        # A command or script run by hand against the wrong target, with no safeguard.
        {"object-store-playbook-typo-2017", "site-deletion-script-2022"},
        # A network change withdrew our routes (BGP) and cut us off the internet.
        {"backbone-withdrawn-2021", "edge-prefix-policy-2022"},
    ],
    "measure": [
        # A rule or content update pushed to the whole fleet at once, no canary, crashed or exhausted it.
        {"waf-regex-cpu-2019", "endpoint-content-crash-2024"},
        # A DNS configuration change reached every location at once and name resolution failed.
        {"dns-script-emergency-2021", "edge-dns-directive-2021"},
        # Date and time arithmetic broke on a leap day or leap second.
        {"leap-day-vm-agent-2012", "leap-second-resolver-2017"},
        # A destructive command typed by hand against the wrong target.
        {"wrong-host-database-wipe-2017", "datacenter-reboot-typo-2014"},
    ],
}
# In the two libraries together, the two "wrong target" groups are one failure mode.
REPEATS["all"] = [group for group in REPEATS["tune"] + REPEATS["measure"]
                  if "object-store-playbook-typo-2017" not in group and "wrong-host-database-wipe-2017" not in group]
REPEATS["all"].append(REPEATS["tune"][1] | REPEATS["measure"][3])

# Pairs that share generic or even specific words but not the failure mode: none may be called a repeat.
LOOK_ALIKES = [
    ("leap-day-vm-agent-2012", "chat-auth-certificate-2020"),  # a certificate, but a date bug, not an expiry
    ("customer-setting-latent-bug-2021", "waf-regex-cpu-2019"),  # edge-wide errors, but a customer's valid setting
    ("os-update-routes-2023", "backbone-withdrawn-2021"),  # routes removed, but by an OS upgrade on every node
    ("os-update-routes-2023", "endpoint-content-crash-2024"),  # fleet-wide at once, but an OS package upgrade
    ("network-control-plane-2019", "edge-prefix-policy-2022"),  # a network change in several locations, no routes withdrawn
    ("code-host-partition-2018", "network-control-plane-2019"),  # "network" in both; a partition and a failover
    ("auth-quota-zero-2020", "stream-front-end-threads-2020"),  # limits and capacity, different causes
    ("dns-script-emergency-2021", "backbone-withdrawn-2021"),  # DNS unreachable in both, different changes
    ("messaging-new-year-2021", "stream-front-end-threads-2020"),  # adding servers and scaling, different causes
]

# Query file stem -> the incidents of the two libraries together that a person would want to see.
SIMILAR = {
    "launcher-wildcard-cert": {"chat-auth-certificate-2020", "mobile-core-cert-2018", "storage-https-cert-2013"},
    "wan-router-command": {"backbone-withdrawn-2021", "edge-prefix-policy-2022"},
    "zone-delegation-change": {"dns-script-emergency-2021", "edge-dns-directive-2021"},
    "cleanup-against-production": {"object-store-playbook-typo-2017", "site-deletion-script-2022",
                                   "wrong-host-database-wipe-2017", "datacenter-reboot-typo-2014"},
    "storage-config-all-regions": {"waf-regex-cpu-2019", "endpoint-content-crash-2024"},
}

# Contributing factors, in file order, labelled with the theme a person gives them: what a fix of the
# factor would improve (None: no theme fits).
FACTOR_THEMES = {
    'chat-auth-certificate-2020': ['alerting', 'certificate', None, 'deploy'],
    'mobile-core-cert-2018': ['certificate', 'deploy', 'dependency', 'process'],
    'storage-https-cert-2013': ['alerting', 'deploy', 'process', 'deploy'],
    'object-store-playbook-typo-2017': ['capacity', 'process', 'data', 'dependency'],
    'site-deletion-script-2022': ['data', 'process', 'config', 'data'],
    'backbone-withdrawn-2021': ['process', 'network', 'dependency', 'capacity'],
    'edge-prefix-policy-2022': ['deploy', 'process', 'dependency', 'process'],
    'code-host-partition-2018': ['config', 'testing', 'data', 'process'],
    'auth-quota-zero-2020': ['capacity', 'process', 'alerting', 'data'],
    'game-service-discovery-2021': ['testing', 'dependency', 'alerting', 'capacity'],
    'trading-flag-reuse-2012': ['deploy', 'config', 'alerting', 'process'],
    'messaging-new-year-2021': ['capacity', 'capacity', 'capacity', 'alerting'],
    'waf-regex-cpu-2019': ['deploy', 'capacity', 'capacity', 'dependency'],
    'endpoint-content-crash-2024': ['deploy', 'testing', None, None],
    'dns-script-emergency-2021': ['process', None, 'dependency', 'dependency'],
    'edge-dns-directive-2021': ['deploy', 'deploy', 'config', 'alerting'],
    'leap-day-vm-agent-2012': [None, None, 'deploy', 'testing'],
    'leap-second-resolver-2017': [None, 'process', 'testing'],
    'wrong-host-database-wipe-2017': ['process', 'process', 'alerting', 'capacity'],
    'datacenter-reboot-typo-2014': ['process', 'process', 'capacity'],
    'customer-setting-latent-bug-2021': ['deploy', 'config', 'testing'],
    'stream-front-end-threads-2020': ['capacity', 'capacity', 'dependency'],
    'os-update-routes-2023': ['deploy', 'network', 'capacity', 'testing'],
    'network-control-plane-2019': ['process', 'network', 'dependency'],
    'launcher-wildcard-cert': ['alerting', 'alerting', 'certificate'],
    'wan-router-command': ['process', 'network', 'dependency'],
    'zone-delegation-change': ['deploy', 'testing', 'dependency'],
    'cleanup-against-production': [None, 'process'],
    'storage-config-all-regions': ['deploy', 'testing']
}


def pairs(groups: list[set[str]]) -> set[frozenset[str]]:
    """Every unordered pair of incidents inside the same group."""
    return {frozenset(pair) for group in groups for pair in combinations(sorted(group), 2)}
