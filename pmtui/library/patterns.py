"""`pmtui patterns`: the quarterly review of a library. Counts, themes, trends, repeats.

- Shares are of incidents: an incident with two tags counts once under each, so they need not
  add up to 100%.
- Contributing-factor themes: see `themes.py`. Factors no theme knows are grouped by a word they
  share with another incident's unthemed factor ("other: vendor"), else counted as "other".
- Quarters are calendar quarters of the incident date; action-item completion per quarter is over
  the items *due* in that quarter (up to today), like `pmtui actions`.
- Repeated incidents: incidents, oldest first, are compared with the first incidents of each
  group they could repeat (likeness.py: rare words, phrases and the failure-mode signature of
  title, root cause, whys and factors); pairs at least REPEAT_THRESHOLD alike that agree on what
  changed are linked, best links first, into groups whose incidents are all at least COHESION
  alike. Groups of two or more are repeats, shown with why they match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pmtui.library.actions import Completion
from pmtui.library.index import ActionRecord, IncidentRecord, Library, Skipped
from pmtui.library.targets import DEFAULT_TARGETS, Targets
from pmtui.document.durations_text import format_duration as duration
from pmtui.library.terminal import bar, percent, sparkline, table, truncate, wrap
from pmtui.library.themes import THEMES, THEMES_BY_KEY
from pmtui.library.likeness import (GENERIC, MIN_SHARED_WORDS, SIGNATURE_MARK, Weights, cosine, explain, readable_term,
                                    same_change, shared_words)
from pmtui.library.words import spellings, words
from pmtui.terminal_text import for_terminal

# Likeness (likeness.py) from which an incident repeats an earlier one. Tuned on the tune halves of
# the realistic and independent test libraries: their repeats told alike score 0.34 and up, their
# look-alikes and other pairs 0.33 and less (those kept apart by what changed or by COHESION too).
REPEAT_THRESHOLD = 0.32
REPRESENTATIVES = 5  # two groups are compared by their first few incidents
# Every incident of a repeat group is at least this like every other (of its first few). Tuned on
# both realistic libraries' tune halves: two tellings of one failure mode that meet through a
# third score 0.25 and up, incidents chained only by one resembling both 0.17 and less.
COHESION = 0.2
TREND_QUARTERS = 40  # ten years fit in one line at 80 columns
GROUP_LABELS = 6  # incidents named per repeat group in the text report
THEMES_LISTED, TAGS_LISTED = 12, 10  # rows of the long tables; JSON lists them all
RECENT = 12  # "7 of the last 12 incidents were deploy-related"
OVERDUE_LISTED = 5  # the longest overdue action items named in the follow-up
SEV1_LISTED = 10  # SEV1 incidents named by title
SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
DETECTIONS = ("alert", "customer", "internal", "other")
UNKNOWN = "unknown"
NO_FACTORS = "(no factors or tags)"


@dataclass(frozen=True)
class Count:
    name: str
    count: int
    share: float  # of the incidents in the report


@dataclass(frozen=True)
class Quarter:
    name: str  # "2025-Q3"
    incidents: int
    median_ttd: dt.timedelta | None
    median_ttr: dt.timedelta | None
    impact_minutes: float | None  # total customer impact of the quarter's incidents
    actions_due: int
    actions_done: int
    sev1: int = 0

    @property
    def completion(self) -> float | None:
        return self.actions_done / self.actions_due if self.actions_due else None


@dataclass(frozen=True)
class RepeatGroup:
    incidents: tuple[IncidentRecord, ...]  # oldest first: the first one is what the others repeat
    shared_words: tuple[str, ...]  # words and phrases every incident of the group has, most telling first
    why: str  # "same failure mode: an expiry; shared: certificate, renewal …"


@dataclass(frozen=True)
class FollowUp:
    """Whether action items get done: what is overdue, and the completion against the target."""

    overdue: int
    longest_overdue: list[ActionRecord]  # the longest overdue first, at most OVERDUE_LISTED
    completion: Completion  # over the targets' completion window, ending today


@dataclass(frozen=True)
class DuplicateId:
    """One incident id in several files: a copy or a duplicate, never a repeat."""

    incident_id: str
    paths: tuple[str, ...]


@dataclass
class PatternsReport:
    folder: str
    today: dt.date
    since: dt.date | None
    incidents: int
    undated: int
    first: dt.date | None
    last: dt.date | None
    severity: list[Count]
    tags: list[Count]
    detection: list[Count]
    themes: list[Count]
    headlines: list[str]
    median_ttd: dt.timedelta | None
    median_ttr: dt.timedelta | None
    median_impact: dt.timedelta | None
    impact_minutes: float
    quarters: list[Quarter]
    repeats: list[RepeatGroup]
    duplicates: list[DuplicateId] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    empty_quarters: int = 0  # quarters between the first and the last without incidents or items due
    this_quarter: Quarter | None = None  # the quarter of `today`, and the one before: the review's comparison
    last_quarter: Quarter | None = None
    sev1: list[IncidentRecord] = field(default_factory=list)  # newest first
    slow_detections: int = 0  # incidents detected later than the detection target after their trigger
    follow_up: FollowUp | None = None
    targets: Targets = DEFAULT_TARGETS


# -------------------------------------------------------------------------------------- computing


def _counts(values: Iterable[str], total: int, order: Iterable[str] = ()) -> list[Count]:
    """Counts of `values`: names in `order` first (even when zero), the rest by count then name."""
    counted = Counter(values)
    named = list(order)
    rest = sorted((name for name in counted if name not in named), key=lambda name: (-counted[name], name))
    return [Count(name, counted[name], counted[name] / total if total else 0.0) for name in named + rest
            if counted[name] or name in order]


def _median(values: Iterable[dt.timedelta | None]) -> dt.timedelta | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def quarters_with_data(quarters: list[Quarter]) -> tuple[list[Quarter], int]:
    """The quarters with incidents or action items due, and how many without were left out: one
    postmortem from 2017 in a library of this year's would otherwise make 30 empty rows."""
    shown = [quarter for quarter in quarters if quarter.incidents or quarter.actions_due]
    return shown, len(quarters) - len(shown)


def _previous_quarter(name: str) -> str:
    year, quarter = (int(part) for part in name.split("-Q"))
    return f"{year - 1:04d}-Q4" if quarter == 1 else f"{year:04d}-Q{quarter - 1}"


def quarter_of(day: dt.date) -> str:
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def _quarter_range(first: str, last: str) -> list[str]:
    year, quarter = (int(part) for part in first.split("-Q"))
    names = []
    while f"{year:04d}-Q{quarter}" <= last:
        names.append(f"{year:04d}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return names


def factor_theme_names(incidents: list[IncidentRecord]) -> dict[int, list[str]]:
    """Theme titles per incident key: known themes, then recurring words of unthemed factors."""
    unthemed = {incident.key: [factor for factor, theme in zip(incident.factors, incident.factor_themes)
                               if theme is None] for incident in incidents}
    # Words any factor may use ("one", "step", "instead") would name a theme that says nothing.
    factor_words = {factor: [word for word in words(factor) if word not in GENERIC]
                    for factors in unthemed.values() for factor in factors}
    incidents_with_word: Counter[str] = Counter()
    for factors in unthemed.values():
        incidents_with_word.update({word for factor in factors for word in factor_words[factor]})
    spelled = spellings(factor_words)
    names: dict[int, list[str]] = {}
    for incident in incidents:
        found = [THEMES_BY_KEY[key].title for key in incident.themes]
        for factor in unthemed[incident.key]:
            recurring = [word for word in factor_words[factor] if incidents_with_word[word] >= 2]
            if recurring:
                top = max(recurring, key=lambda word: (incidents_with_word[word], word))
                found.append(f"other: {spelled.get(top, top)}")
            else:
                found.append("other")
        names[incident.key] = list(dict.fromkeys(found)) or [NO_FACTORS]
    return names


def remembered_repeats(library: Library, incidents: list[IncidentRecord]) -> list[RepeatGroup]:
    """`repeated_groups`, kept in the library's index until a file changes: on a warm run of a
    large library, comparing the incidents would be most of the report's work. The incidents may
    come without their terms (`Library.incidents(terms=False)`): they are read when needed."""
    listed = "\n".join([f"{REPEAT_THRESHOLD} {COHESION} {REPRESENTATIVES}", *(incident.path for incident in incidents)])
    key = "repeats " + hashlib.sha256(listed.encode("utf-8", "surrogateescape")).hexdigest()
    stored = library.remembered(key)
    if stored is not None:
        by_path = {incident.path: incident for incident in incidents}
        return [RepeatGroup(tuple(by_path[path] for path in group["paths"]), tuple(group["shared_words"]), group["why"])
                for group in json.loads(stored)]
    if not any(incident.terms for incident in incidents):
        terms = library.terms()
        incidents = [incident._replace(terms=terms[incident.key]) for incident in incidents]
    groups = repeated_groups(incidents)
    library.remember(key, json.dumps([{"paths": [incident.path for incident in group.incidents],
                                       "shared_words": group.shared_words, "why": group.why} for group in groups]))
    return groups


def repeated_groups(incidents: list[IncidentRecord], threshold: float = REPEAT_THRESHOLD) -> list[RepeatGroup]:
    """Groups of incidents that repeat a failure mode; see the module docstring.

    First, oldest first, each incident is compared with the first REPRESENTATIVES incidents of
    the draft groups it could repeat, and joins the one it is most like or starts a group; every
    pair at least `threshold` alike (sharing MIN_SHARED_WORDS words and agreeing on what
    changed) found on the way is a link. Then the links, best first, join final groups when
    every incident of the one is at least COHESION like every incident of the other (their first
    REPRESENTATIVES, in a big group). So a certificate told as "expired" and one told as "past
    its end date" meet through a third write-up like both, while a routing failure that
    resembles one DNS outage does not drag the other DNS outages into its group.

    Draft groups are found by prefix filtering (Bayardo et al., "Scaling up all pairs similarity
    search"): with a unit vector's terms ordered heaviest (rarest) first, a vector whose prefix
    shares no term with another cannot reach `threshold` with it once the rest of its terms
    weigh less than `threshold` together. So only prefixes are indexed, and the rare terms of a
    prefix have short lists, which keeps 10,000 incidents fast.
    """
    weights = Weights.of(incident.terms for incident in incidents)
    vectors = [weights.vector(incident.terms) for incident in incidents]
    drafts: list[list[int]] = []
    drafts_with_term: dict[str, list[int]] = defaultdict(list)
    links: list[tuple[float, int, int]] = []

    def index(draft: int, vector: dict[str, float]) -> None:
        remaining = sum(value * value for value in vector.values())
        for term in sorted(vector, key=vector.__getitem__, reverse=True):
            if math.sqrt(remaining) < threshold:
                break
            drafts_with_term[term].append(draft)
            remaining -= vector[term] ** 2

    for number, vector in enumerate(vectors):
        if not vector:
            continue
        best_score, best_draft = threshold, None
        for draft in sorted({draft for term in vector for draft in drafts_with_term.get(term, ())}):
            for other in drafts[draft][:REPRESENTATIVES]:
                score = cosine(vector, vectors[other])
                if (score >= threshold and shared_words(vector, vectors[other]) >= MIN_SHARED_WORDS
                        and same_change(incidents[number].terms, incidents[other].terms)):
                    links.append((score, other, number))
                    if best_draft is None or score > best_score:  # ties go to the earlier draft
                        best_score, best_draft = score, draft
        if best_draft is None:
            drafts.append([number])
            index(len(drafts) - 1, vector)
        else:
            drafts[best_draft].append(number)
            if len(drafts[best_draft]) <= REPRESENTATIVES:
                index(best_draft, vector)

    group_of = list(range(len(incidents)))
    members = {number: [number] for number in range(len(incidents))}
    for _, first, second in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        kept, joining = sorted((group_of[first], group_of[second]))
        if kept == joining or not all(cosine(vectors[one], vectors[other]) >= COHESION
                                      for one in members[kept][:REPRESENTATIVES]
                                      for other in members[joining][:REPRESENTATIVES]):
            continue
        for number in members[joining]:
            group_of[number] = kept
        members[kept] = sorted(members[kept] + members.pop(joining))
    repeats = [_repeat_group([(incidents[number], vectors[number]) for number in group])
               for group in members.values() if len(group) >= 2]
    # Biggest groups first; among equals, the one that happened most recently.
    return sorted(repeats, key=lambda repeat: (-len(repeat.incidents),
                                               -(repeat.incidents[-1].date or dt.date.min).toordinal()))


def _repeat_group(members: list[tuple[IncidentRecord, dict[str, float]]]) -> RepeatGroup:
    """The group with what its incidents share: terms every one has, most telling first."""
    vectors = [vector for _, vector in members]
    shared = sorted(set(vectors[0]).intersection(*vectors[1:]),
                    key=lambda term: (-sum(vector[term] for vector in vectors), term))
    spelled = spellings(text for incident, _ in members for text in (incident.title, incident.root_cause, *incident.factors))
    words = tuple(readable_term(term, spelled) for term in shared if not term.startswith(SIGNATURE_MARK))
    return RepeatGroup(tuple(incident for incident, _ in members), words, explain(shared, spelled))


def follow_up(library: Library, today: dt.date, targets: Targets, since: dt.date | None = None) -> FollowUp:
    """The action follow-up of the library's items (of incidents dated `since` or later)."""
    overdue, longest = library.overdue_actions(today, OVERDUE_LISTED, since)
    window = targets.completion_window_days
    start = today - dt.timedelta(days=window - 1)
    due, done, verified = library.completion_counts(start, today, since)
    return FollowUp(overdue, longest, Completion(window, start, today, due, done, targets.completion, verified))


def duplicate_ids(incidents: list[IncidentRecord]) -> list[DuplicateId]:
    """Incident ids written in more than one file, by id."""
    paths: dict[str, list[str]] = defaultdict(list)
    for incident in incidents:
        if incident.incident_id:
            paths[incident.incident_id].append(incident.path)
    return [DuplicateId(incident_id, tuple(sorted(found))) for incident_id, found in sorted(paths.items())
            if len(found) > 1]


def _headlines(dated: list[IncidentRecord], incidents: list[IncidentRecord], repeats: list[RepeatGroup],
               action_counts: dict[int, tuple[int, int]] | None, slow_detections: int,
               detection_target: dt.timedelta) -> list[str]:
    lines = []
    lead = _leading_theme(incidents, action_counts)
    if lead:
        lines.append(lead)
    if slow_detections:
        lines.append(f"{slow_detections} incident{'s were' if slow_detections != 1 else ' was'} detected slower "
                     f"than the target ({duration(detection_target)} from trigger to detection).")
    recent = dated[-RECENT:]
    if recent:
        by_theme = Counter(key for incident in recent for key in incident.themes)
        if by_theme:
            top = max(THEMES, key=lambda theme: by_theme[theme.key])
            if by_theme[top.key] >= 2:
                lines.append(f"{by_theme[top.key]} of the last {len(recent)} incidents were {top.key}-related.")
        by_customer = sum(incident.detection == "customer" for incident in recent)
        if by_customer:
            verb = "was" if by_customer == 1 else "were"
            lines.append(f"{by_customer} of the last {len(recent)} incidents {verb} first noticed by customers.")
    repeating = sum(len(group.incidents) - 1 for group in repeats)
    if repeating:
        lines.append(f"{repeating} incident{'s' if repeating != 1 else ''} repeated an earlier one "
                     f"({len(repeats)} group{'s' if len(repeats) != 1 else ''}, see Repeated incidents).")
    return lines


def _leading_theme(incidents: list[IncidentRecord], action_counts: dict[int, tuple[int, int]] | None) -> str | None:
    """"deploy/release: 7 of 12 incidents, 4 of its 9 action items open": the input to the
    quarter's investment discussion."""
    by_theme = Counter(key for incident in incidents for key in incident.themes)
    if not by_theme:
        return None
    top = max(THEMES, key=lambda theme: by_theme[theme.key])
    line = f"{top.title}: {by_theme[top.key]} of {len(incidents)} incidents"
    if action_counts is not None:
        counts = [action_counts.get(incident.key, (0, 0)) for incident in incidents if top.key in incident.themes]
        items, still_open = sum(count[0] for count in counts), sum(count[1] for count in counts)
        line += f", {still_open} of its {items} action items open"
    return line + "."


def _minutes(value: dt.timedelta | None) -> float:
    return value.total_seconds() / 60 if value is not None else 0.0


def patterns_report(folder: str, incidents: list[IncidentRecord], actions_due: dict[str, tuple[int, int]], *,
                    today: dt.date, since: dt.date | None = None, skipped: list[Skipped] | None = None,
                    action_counts: dict[int, tuple[int, int]] | None = None, follow: FollowUp | None = None,
                    library: Library | None = None, targets: Targets = DEFAULT_TARGETS) -> PatternsReport:
    """The report over `incidents` (oldest first, as `Library.incidents()` returns them).

    `actions_due`: quarter -> (action items due, done), as `Library.actions_due_by_quarter` counts
    them for the same `today` and `since`; `action_counts` and `follow` as `Library.action_counts`
    and `follow_up` give them (without them the report leaves out what needs them; `follow` carries
    its own completion target). With `library`, repeated incidents are kept in its index until a
    file changes. `targets`: the detection target the slow detections are counted against.
    """
    if since is not None:
        incidents = [incident for incident in incidents if incident.date is not None and incident.date >= since]
    total = len(incidents)
    dated = [incident for incident in incidents if incident.date is not None]
    theme_names = factor_theme_names(incidents)
    duplicates = duplicate_ids(incidents)
    copies = {path for duplicate in duplicates for path in duplicate.paths[1:]}
    compared = [incident for incident in incidents if incident.path not in copies]
    repeats = remembered_repeats(library, compared) if library is not None else repeated_groups(compared)

    by_quarter: dict[str, list[IncidentRecord]] = defaultdict(list)
    for incident in dated:
        by_quarter[quarter_of(incident.date)].append(incident)
    used = sorted(set(by_quarter) | set(actions_due))

    def quarter(name: str) -> Quarter:
        members = by_quarter.get(name, [])
        return Quarter(
            name,
            len(members),
            _median(incident.time_to_detect for incident in members),
            _median(incident.time_to_resolve for incident in members),
            sum(_minutes(incident.customer_impact) for incident in members)
            if any(incident.customer_impact is not None for incident in members) else None,
            *actions_due.get(name, (0, 0)),
            sum(incident.severity == "SEV1" for incident in members),
        )

    quarters, empty = quarters_with_data([quarter(name) for name in (_quarter_range(used[0], used[-1]) if used else [])])
    slow = sum(incident.time_to_detect is not None and incident.time_to_detect > targets.detection
               for incident in incidents)
    return PatternsReport(
        folder=folder, today=today, since=since, incidents=total, undated=total - len(dated),
        first=dated[0].date if dated else None, last=dated[-1].date if dated else None,
        severity=_counts((incident.severity or UNKNOWN for incident in incidents), total, SEVERITIES),
        tags=_counts((tag for incident in incidents for tag in dict.fromkeys(incident.tags)), total),
        detection=_counts((incident.detection or UNKNOWN for incident in incidents), total, DETECTIONS),
        themes=_counts((name for names in theme_names.values() for name in names), total),
        headlines=_headlines(dated, incidents, repeats, action_counts, slow, targets.detection),
        median_ttd=_median(incident.time_to_detect for incident in incidents),
        median_ttr=_median(incident.time_to_resolve for incident in incidents),
        median_impact=_median(incident.customer_impact for incident in incidents),
        impact_minutes=sum(_minutes(incident.customer_impact) for incident in incidents),
        quarters=quarters, repeats=repeats, duplicates=duplicates, skipped=skipped or [], empty_quarters=empty,
        this_quarter=quarter(quarter_of(today)), last_quarter=quarter(_previous_quarter(quarter_of(today))),
        sev1=[incident for incident in reversed(dated) if incident.severity == "SEV1"]
        + [incident for incident in incidents if incident.date is None and incident.severity == "SEV1"],
        slow_detections=slow, follow_up=follow, targets=targets,
    )


# -------------------------------------------------------------------------------------- rendering


def _period(report: PatternsReport) -> str:
    if report.first is None:
        return "no dated incidents"
    span = f"{report.first.isoformat()} to {report.last.isoformat()}"
    return span + (f", {report.undated} undated" if report.undated else "")


def _count_rows(counts: list[Count], width: int, limit: int | None = None) -> list[str]:
    shown = counts[:limit] if limit else counts
    if not shown:
        return ["  (none)"]
    names = [for_terminal(count.name) for count in shown]  # tags and "other: word" come from the documents
    name_width = min(28, max(len(name) for name in names))
    most = max(count.count for count in shown)
    bar_width = max(10, width - name_width - 22)
    lines = [f"  {truncate(name, name_width).ljust(name_width)}  {bar(count.count, most, bar_width)}"
             f" {count.count:>5} {round(count.share * 100):>4}%" for name, count in zip(names, shown)]
    if limit and len(counts) > limit:
        lines.append(f"  … and {len(counts) - limit} more")
    return lines


def _impact(minutes: float | None) -> str:
    return "—" if minutes is None else f"{round(minutes):,}"


def render_text(report: PatternsReport, width: int = 80) -> str:
    scope = f" since {report.since.isoformat()}" if report.since else ""
    lines = wrap(f"Patterns in {for_terminal(report.folder)}{scope}: {report.incidents} incidents ({_period(report)})",
                 width, "")
    lines.append("")
    if not report.incidents:
        lines.append("No postmortems to report on" + (" in that period." if report.since else "."))
        return "\n".join(lines + _skipped_note(report)) + "\n"
    if report.headlines:
        lines += [line for headline in report.headlines for line in wrap(for_terminal(headline), width, "  ")] + [""]
    lines += _review_lines(report, width)
    for title, counts, limit in (("Severity", report.severity, None), ("Detected by", report.detection, None),
                                 ("Contributing-factor themes", report.themes, THEMES_LISTED),
                                 ("Tags", report.tags, TAGS_LISTED)):
        lines += [title, *_count_rows(counts, width, limit), ""]
    lines += [
        "Durations (median over incidents with the milestones)",
        f"  time to detect {duration(report.median_ttd)}, time to resolve {duration(report.median_ttr)},"
        f" customer impact {duration(report.median_impact)}",
        f"  customer impact in total: {_impact(report.impact_minutes)} minutes",
        "",
    ]
    if report.quarters:
        lines += [*wrap("Per quarter" + _empty_note(report), width), *_quarter_table(report.quarters, width), ""]
        lines += [f"Trend over the last {min(len(report.quarters), TREND_QUARTERS)} quarters (oldest to newest)",
                  *_trend_lines(report.quarters), ""]
    lines += ["Repeated incidents"]
    if report.repeats:
        for group in report.repeats[:10]:
            first = group.incidents[0]
            lines.append(f"  {len(group.incidents)}× {truncate(for_terminal(first.title), width - 8)}")
            labels = ", ".join(f"{for_terminal(incident.label)} ({incident.date or 'undated'})"
                               for incident in group.incidents[:GROUP_LABELS])
            more = len(group.incidents) - GROUP_LABELS
            lines += wrap(labels + (f" and {more} more" if more > 0 else ""), width, "     ")
            if group.why:
                lines += wrap(for_terminal(group.why), width, "     ")
        if len(report.repeats) > 10:
            lines.append(f"  … and {len(report.repeats) - 10} more groups (see --format json)")
    else:
        lines.append("  (none)")
    if report.duplicates:
        lines += ["", "Warning: the same incident id in more than one file (a copy or a duplicate?)"]
        for duplicate in report.duplicates:
            lines += wrap(for_terminal(f"{duplicate.incident_id}: {', '.join(duplicate.paths)}"), width, "  ")
    return "\n".join(lines + _skipped_note(report)) + "\n"


def _empty_note(report: PatternsReport) -> str:
    if not report.empty_quarters:
        return ""
    plural = "s" if report.empty_quarters != 1 else ""
    return f" ({report.empty_quarters} quarter{plural} without incidents or action items due left out)"


def _quarter_row(quarter: Quarter) -> list[str]:
    return [quarter.name, str(quarter.incidents), str(quarter.sev1), duration(quarter.median_ttd),
            duration(quarter.median_ttr), _impact(quarter.impact_minutes),
            f"{quarter.actions_done}/{quarter.actions_due} {percent(quarter.actions_done, quarter.actions_due)}"]


def _quarter_table(quarters: list[Quarter], width: int) -> list[str]:
    return table(["Quarter", "Incidents", "SEV1", "TTD med", "TTR med", "Impact min", "Actions done"],
                 [_quarter_row(quarter) for quarter in quarters], width=width, flexible=0, right={1, 2, 3, 4, 5, 6})


def _review_lines(report: PatternsReport, width: int) -> list[str]:
    """The quarterly review: this quarter against the last, the SEV1s by name, the action follow-up."""
    lines = []
    if report.this_quarter and report.last_quarter:
        lines += [f"This quarter ({report.this_quarter.name}) against the last",
                  *_quarter_table([report.this_quarter, report.last_quarter], width), ""]
    if report.sev1:
        lines.append("SEV1 incidents, newest first")
        for incident in report.sev1[:SEV1_LISTED]:
            lines += wrap(f"{incident.date or 'undated'}  {for_terminal(incident.label)}  {for_terminal(incident.title)}",
                          width, "  ")
        if len(report.sev1) > SEV1_LISTED:
            lines.append(f"  … and {len(report.sev1) - SEV1_LISTED} more")
        lines.append("")
    if report.follow_up:
        follow = report.follow_up
        lines.append("Action follow-up")
        lines += wrap(f"{follow.overdue} action item{'s' if follow.overdue != 1 else ''} overdue"
                      + ("; the longest overdue:" if follow.longest_overdue else "."), width, "  ")
        for item in follow.longest_overdue:
            late = item.days_overdue(report.today)
            lines += wrap(f"{late}d late  {for_terminal(item.incident_label)} {for_terminal(item.item_id)}"
                          f" ({for_terminal(item.owner or 'no owner')}): {for_terminal(item.action)}", width, "    ")
        lines += wrap(follow.completion.judged(), width, "  ")
        lines.append("")
    return lines


def _skipped_note(report: PatternsReport) -> list[str]:
    if not report.skipped:
        return []
    return ["", f"Skipped {len(report.skipped)} unreadable file(s), listed on stderr."]


def _trend_lines(quarters: list[Quarter]) -> list[str]:
    """One sparkline per measure, one character per quarter, with the first and last values."""
    recent = quarters[-TREND_QUARTERS:]
    measures: list[tuple[str, Callable[[Quarter], float | None], Callable[[Quarter], str]]] = [
        ("incidents", lambda quarter: quarter.incidents, lambda quarter: str(quarter.incidents)),
        ("TTD median", lambda quarter: _seconds(quarter.median_ttd), lambda quarter: duration(quarter.median_ttd)),
        ("TTR median", lambda quarter: _seconds(quarter.median_ttr), lambda quarter: duration(quarter.median_ttr)),
        ("impact minutes", lambda quarter: quarter.impact_minutes, lambda quarter: _impact(quarter.impact_minutes)),
        ("actions done", lambda quarter: quarter.completion,
         lambda quarter: percent(quarter.actions_done, quarter.actions_due)),
    ]
    return [f"  {name:<15} {sparkline([value(quarter) for quarter in recent])}  "
            f"{shown(recent[0])} → {shown(recent[-1])}" for name, value, shown in measures]


def render_markdown(report: PatternsReport) -> str:
    scope = f" since {report.since.isoformat()}" if report.since else ""
    out = [f"# Incident patterns{scope}", "",
           f"{report.incidents} postmortems in `{for_terminal(report.folder)}` ({_period(report)}), as of "
           f"{report.today.isoformat()}.",
           ""]
    if report.headlines:
        out += [f"- {_inline(headline)}" for headline in report.headlines] + [""]
    out += _review_markdown(report)

    def count_table(title: str, counts: list[Count], label: str, limit: int | None = None) -> None:
        out.extend([f"## {title}", "", f"| {label} | Incidents | Share |", "|---|---:|---:|"])
        shown = counts[:limit] if limit else counts
        out.extend(f"| {_inline(count.name)} | {count.count} | {round(count.share * 100)}% |" for count in shown)
        if len(shown) < len(counts):
            out.append(f"| … and {len(counts) - len(shown)} more (`--format json` lists them all) | | |")
        out.append("")

    count_table("Severity", report.severity, "Severity")
    count_table("How incidents were detected", report.detection, "Detected by")
    count_table("Contributing-factor themes", report.themes, "Theme", THEMES_LISTED)
    count_table("Tags", report.tags, "Tag", TAGS_LISTED)
    out += ["## Time to detect and resolve", "",
            f"Median time to detect **{duration(report.median_ttd)}**, median time to resolve "
            f"**{duration(report.median_ttr)}**, median customer impact "
            f"**{duration(report.median_impact)}** ({_impact(report.impact_minutes)} minutes in total).", ""]
    if report.quarters:
        out += _quarter_markdown(report.quarters)
        if report.empty_quarters:
            out += [f"_{_empty_note(report).strip(' ()').capitalize()}._", ""]
    out += ["## Repeated incidents", ""]
    if report.repeats:
        for group in report.repeats:
            members = ", ".join(f"{_inline(incident.label)} ({incident.date or 'undated'})" for incident in group.incidents)
            out.append(f"- **{_inline(group.incidents[0].title)}** ({len(group.incidents)}×): {members}")
            if group.why:
                out.append(f"  - {_inline(group.why)}")
    else:
        out.append("None.")
    if report.duplicates:
        out += ["", "## Warning: the same incident id in more than one file", "",
                "A copy or a duplicate: only its first file is compared for repeats; the counts above include "
                "every file.", ""]
        out += [f"- {_inline(duplicate.incident_id)}: {_inline(', '.join(duplicate.paths))}"
                for duplicate in report.duplicates]
    out += ["", "_Themes group contributing factors by recurring words (see `pmtui patterns --help`); shares are "
            "of incidents, so they need not add up to 100%._", ""]
    return "\n".join(out)


def _inline(text: str) -> str:
    """Document text for one Markdown line, shown safely whether it is read in a terminal or a file."""
    from pmtui.export.markdown import inline

    return inline(for_terminal(text))


def _quarter_markdown(quarters: list[Quarter]) -> list[str]:
    rows = [f"| {quarter.name} | {quarter.incidents} | {quarter.sev1} | {duration(quarter.median_ttd)} | "
            f"{duration(quarter.median_ttr)} | {_impact(quarter.impact_minutes)} | "
            f"{quarter.actions_done} of {quarter.actions_due} ({percent(quarter.actions_done, quarter.actions_due)}) |"
            for quarter in quarters]
    return ["| Quarter | Incidents | SEV1 | Median TTD | Median TTR | Customer impact (min) | Actions done |",
            "|---|---:|---:|---:|---:|---:|---:|", *rows, ""]


def _review_markdown(report: PatternsReport) -> list[str]:
    out = []
    if report.this_quarter and report.last_quarter:
        out += [f"## This quarter ({report.this_quarter.name}) against the last", "",
                *_quarter_markdown([report.this_quarter, report.last_quarter])]
    if report.sev1:
        out += ["## SEV1 incidents", ""]
        out += [f"- {incident.date or 'undated'}: **{_inline(incident.title)}** ({_inline(incident.label)})"
                for incident in report.sev1[:SEV1_LISTED]]
        if len(report.sev1) > SEV1_LISTED:
            out.append(f"- … and {len(report.sev1) - SEV1_LISTED} more")
        out.append("")
    if report.follow_up:
        follow = report.follow_up
        out += ["## Action follow-up", "", follow.completion.judged(), "",
                f"**{follow.overdue}** action item{'s' if follow.overdue != 1 else ''} overdue"
                + (", the longest first:" if follow.longest_overdue else "."), ""]
        out += [f"- {item.days_overdue(report.today)} days late: {_inline(item.action)} "
                f"({_inline(item.incident_label)} {_inline(item.item_id)}, {_inline(item.owner or 'no owner')})"
                for item in follow.longest_overdue]
        out.append("")
    return out


def _seconds(value: dt.timedelta | None) -> float | None:
    return None if value is None else value.total_seconds()


def _quarter_json(quarter: Quarter) -> dict[str, object]:
    return {"quarter": quarter.name, "incidents": quarter.incidents, "sev1": quarter.sev1,
            "median_time_to_detect_seconds": _seconds(quarter.median_ttd),
            "median_time_to_resolve_seconds": _seconds(quarter.median_ttr),
            "customer_impact_minutes": None if quarter.impact_minutes is None else round(quarter.impact_minutes, 2),
            "actions_due": quarter.actions_due, "actions_done": quarter.actions_done,
            "completion": None if quarter.completion is None else round(quarter.completion, 4)}


def _follow_up_json(follow: FollowUp, today: dt.date) -> dict[str, object]:
    rate = follow.completion
    return {"overdue": follow.overdue,
            "longest_overdue": [{"incident": item.incident_label, "file": item.incident_path, "id": item.item_id,
                                 "action": item.action, "owner": item.owner, "due": item.due.isoformat(),
                                 "days_overdue": item.days_overdue(today)} for item in follow.longest_overdue],
            "completion": {"window_days": rate.window_days, "due": rate.due, "done": rate.done,
                           "verified": rate.verified, "rate": None if rate.rate is None else round(rate.rate, 4),
                           "target": rate.target, "below_target": rate.below_target}}


def render_json(report: PatternsReport) -> str:
    def counts(values: list[Count]) -> list[dict[str, object]]:
        return [{"name": count.name, "count": count.count, "share": round(count.share, 4)} for count in values]

    payload = {
        "folder": report.folder,
        "today": report.today.isoformat(),
        "since": report.since.isoformat() if report.since else None,
        "incidents": report.incidents,
        "undated": report.undated,
        "first": report.first.isoformat() if report.first else None,
        "last": report.last.isoformat() if report.last else None,
        "headlines": report.headlines,
        "severity": counts(report.severity),
        "detection": counts(report.detection),
        "themes": counts(report.themes),
        "tags": counts(report.tags),
        "median_seconds": {"time_to_detect": _seconds(report.median_ttd),
                           "time_to_resolve": _seconds(report.median_ttr),
                           "customer_impact": _seconds(report.median_impact)},
        "customer_impact_minutes": round(report.impact_minutes, 2),
        "quarters": [_quarter_json(quarter) for quarter in report.quarters],
        "empty_quarters": report.empty_quarters,
        "this_quarter": _quarter_json(report.this_quarter) if report.this_quarter else None,
        "last_quarter": _quarter_json(report.last_quarter) if report.last_quarter else None,
        "sev1": [{"id": incident.incident_id, "title": incident.title, "file": incident.path,
                  "date": incident.date.isoformat() if incident.date else None} for incident in report.sev1],
        "detection_target_seconds": report.targets.detection.total_seconds(),
        "slow_detections": report.slow_detections,
        "follow_up": _follow_up_json(report.follow_up, report.today) if report.follow_up else None,
        "repeats": [
            {"incidents": [{"id": incident.incident_id, "title": incident.title, "file": incident.path,
                            "date": incident.date.isoformat() if incident.date else None}
                           for incident in group.incidents],
             "shared_words": list(group.shared_words), "why": group.why}
            for group in report.repeats
        ],
        "duplicate_ids": [{"id": duplicate.incident_id, "files": list(duplicate.paths)} for duplicate in report.duplicates],
        "skipped": [{"file": item.path, "error": item.message} for item in report.skipped],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
