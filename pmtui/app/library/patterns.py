"""The library's patterns view: `pmtui patterns` as charts.

What the text report says, in its order: the headlines ("deploy/release: 7 of 12 incidents, 6 of
its 13 action items open"), this quarter against the last, the SEV1s by title, the action
follow-up against the policy's target; then time to detect and to resolve per quarter as
sparklines over the quarters with data (how many empty ones were left out said below), severities,
detection methods and contributing-factor themes as bars, and the repeated incidents with why
they match. Everything comes from one `PatternsReport`, made as `pmtui patterns` makes it.
Document text (titles, ids, owners, themes named by their words) is shown through `for_terminal`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Sparkline, Static

from pmtui.document.durations_text import format_duration
from pmtui.library.patterns import SEV1_LISTED, Count, PatternsReport, Quarter
from pmtui.library.terminal import bar, percent, table
from pmtui.terminal_text import for_terminal

BAR_SECTIONS = (("Severity", "severity", None), ("Detected by", "detection", None),
                ("Contributing-factor themes", "themes", 10))
REPEATS_SHOWN = 5
MAX_BAR = 50  # cells; longer bars on a wide screen are harder to compare, not easier
QUARTER_HEADER = ["Quarter", "Incidents", "SEV1", "TTD med", "TTR med", "Impact min", "Actions done"]


def quarter_series(quarters: list[Quarter], measure: Callable[[Quarter], dt.timedelta | None]
                   ) -> tuple[list[float], list[tuple[str, dt.timedelta]]]:
    """Seconds per quarter for a sparkline, and (quarter, value) of the quarters that have one.

    Quarters without the milestones are left out rather than drawn as zero, which would read as
    "detected at once"."""
    known = [(quarter.name, value) for quarter in quarters if (value := measure(quarter)) is not None]
    return [value.total_seconds() for _, value in known], known


def trend_caption(known: list[tuple[str, dt.timedelta]]) -> Text:
    if not known:
        return Text("no incident has the milestones for this", style="italic")
    (first_name, first), (last_name, last) = known[0], known[-1]
    caption = Text(f"{first_name} {format_duration(first)} → {last_name} {format_duration(last)}")
    caption.append(f"  ({len(known)} quarter{'s' if len(known) != 1 else ''} with data)", style="dim")
    return caption


def quarter_lines(quarters: list[Quarter]) -> str:
    """The quarters as the text report's table: figures right-aligned under their heading."""
    rows = [[quarter.name, str(quarter.incidents), str(quarter.sev1), format_duration(quarter.median_ttd),
             format_duration(quarter.median_ttr),
             "—" if quarter.impact_minutes is None else f"{round(quarter.impact_minutes):,}",
             f"{quarter.actions_done}/{quarter.actions_due} {percent(quarter.actions_done, quarter.actions_due)}"]
            for quarter in quarters]
    return "\n".join(table(QUARTER_HEADER, rows, width=80, flexible=0, right=range(1, 7))) + "\n"


class PatternsView(VerticalScroll, can_focus=True):
    """Read-only; focusable so ↑ ↓ PgUp PgDn scroll it."""

    DEFAULT_CSS = """
    PatternsView { padding: 0 1; }
    PatternsView > .patterns--bar { color: $primary; }
    PatternsView Sparkline { margin: 0 0 0 2; max-width: 60; }
    PatternsView .trend-caption { margin: 0 0 1 2; }
    """
    COMPONENT_CLASSES = {"patterns--bar"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.report: PatternsReport | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Reading the library…", style="italic"), id="patterns-summary")
        yield Static(id="patterns-review")
        yield Static("Time to detect, median per quarter", classes="section-title")
        yield Sparkline([], id="ttd-trend")
        yield Static(id="ttd-caption", classes="trend-caption")
        yield Static("Time to resolve, median per quarter", classes="section-title")
        yield Sparkline([], id="ttr-trend")
        yield Static(id="ttr-caption", classes="trend-caption")
        yield Static(id="patterns-quarters")
        yield Static(id="patterns-bars")
        yield Static(id="patterns-repeats")

    def show(self, report: PatternsReport, against_policy: list[str]) -> None:
        """`against_policy`: what the policy asks that the report does not say (`pmtui patterns`' last lines)."""
        self.report = report
        self.query_one("#patterns-summary", Static).update(self._summary(report))
        self.query_one("#patterns-review", Static).update(self._review(report, against_policy))
        for name, measure in (("ttd", lambda quarter: quarter.median_ttd), ("ttr", lambda quarter: quarter.median_ttr)):
            values, known = quarter_series(report.quarters, measure)
            sparkline = self.query_one(f"#{name}-trend", Sparkline)
            sparkline.data = values
            sparkline.display = len(values) > 1
            self.query_one(f"#{name}-caption", Static).update(trend_caption(known))
        self.query_one("#patterns-quarters", Static).update(self._quarters(report))
        self._show_bars()
        self.query_one("#patterns-repeats", Static).update(self._repeats(report))

    def on_resize(self) -> None:
        if self.report is not None:
            self._show_bars()

    def _summary(self, report: PatternsReport) -> Text:
        text = Text(f"{report.incidents} incidents", style="bold")
        if report.first is not None:
            text.append(f" from {report.first.isoformat()} to {report.last.isoformat()}")
        if report.undated:
            text.append(f", {report.undated} undated")
        for headline in report.headlines:
            text.append(f"\n• {for_terminal(headline)}")
        text.append(f"\nMedian time to detect {format_duration(report.median_ttd)}, to resolve "
                    f"{format_duration(report.median_ttr)}; customer impact {round(report.impact_minutes):,} "
                    "minutes in all.")
        return text

    def _review(self, report: PatternsReport, against_policy: list[str]) -> Text:
        """The quarterly review: this quarter against the last, the SEV1s by title, the follow-up."""
        text = Text()
        if report.this_quarter and report.last_quarter:
            text.append(f"\nThis quarter ({report.this_quarter.name}) against the last\n", style="bold")
            text.append(quarter_lines([report.this_quarter, report.last_quarter]))
        if report.sev1:
            text.append("\nSEV1 incidents, newest first\n", style="bold")
            for incident in report.sev1[:SEV1_LISTED]:
                text.append(f"  {incident.date or 'undated'}  {for_terminal(incident.label)}  ", style="dim")
                text.append(f"{for_terminal(incident.title)}\n")
            if len(report.sev1) > SEV1_LISTED:
                text.append(f"  … and {len(report.sev1) - SEV1_LISTED} more\n", style="dim")
        if report.follow_up:
            follow = report.follow_up
            text.append("\nAction follow-up\n", style="bold")
            text.append(f"  {follow.overdue} action item{'s' if follow.overdue != 1 else ''} overdue"
                        + ("; the longest overdue:\n" if follow.longest_overdue else ".\n"))
            for item in follow.longest_overdue:
                text.append(f"    {item.days_overdue(report.today)}d late  {for_terminal(item.incident_label)} "
                            f"{for_terminal(item.item_id)} ({for_terminal(item.owner or 'no owner')}): "
                            f"{for_terminal(item.action)}\n")
            text.append(f"  {follow.completion.judged()}\n",
                        style="bold" if follow.completion.below_target else "")
        for line in against_policy:
            text.append(f"  {line}\n")
        return text

    def _quarters(self, report: PatternsReport) -> Text:
        text = Text("Per quarter", style="bold")
        if empty := report.empty_quarters:  # one postmortem from 2017 would otherwise add 30 empty rows
            text.append(f" ({empty} empty quarter{'s' if empty != 1 else ''} left out)")
        text.append("\n")
        text.append(quarter_lines(report.quarters) if report.quarters else "  none")
        text.rstrip()  # the bars below start with their own blank line
        return text

    def _show_bars(self) -> None:
        report = self.report
        assert report is not None
        width = max(40, self.scrollable_content_region.width or 78)
        bar_style = self.get_component_rich_style("patterns--bar")
        text = Text()
        for title, attribute, limit in BAR_SECTIONS:
            counts: list[Count] = getattr(report, attribute)
            text.append(f"\n{title}\n", style="bold")
            shown = counts[:limit] if limit else counts
            if not shown:
                text.append("  none\n", style="italic")
                continue
            names = [for_terminal(count.name) for count in shown]  # "other: word" is a document's word
            name_width = min(28, max(len(name) for name in names))
            bar_width = max(10, min(MAX_BAR, width - name_width - 16))
            most = max(count.count for count in shown)
            for name, count in zip(names, shown):
                name = name if len(name) <= name_width else name[: name_width - 1] + "…"
                text.append(f"  {name.ljust(name_width)} ")
                text.append(bar(count.count, most, bar_width), style=bar_style)
                text.append(f" {count.count:>4} {round(count.share * 100):>3}%\n")
            if limit and len(counts) > limit:
                text.append(f"  … and {len(counts) - limit} more (pmtui patterns lists them all)\n", style="dim")
        self.query_one("#patterns-bars", Static).update(text)

    def _repeats(self, report: PatternsReport) -> Text:
        text = Text("\nRepeated incidents\n", style="bold")
        if not report.repeats:
            text.append("  none\n", style="italic")
        for group in report.repeats[:REPEATS_SHOWN]:
            first = group.incidents[0]
            text.append(f"  {len(group.incidents)}× {for_terminal(first.title)}\n")
            dates = ", ".join(f"{for_terminal(incident.label)} ({incident.date or 'undated'})"
                              for incident in group.incidents[:6])
            text.append(f"     {dates}\n", style="dim")
            if group.why:
                text.append(f"     {for_terminal(group.why)}\n", style="dim")
        if len(report.repeats) > REPEATS_SHOWN:
            text.append(f"  … and {len(report.repeats) - REPEATS_SHOWN} more groups (pmtui patterns)\n", style="dim")
        if report.duplicates:
            text.append("\nThe same incident id in more than one file (a copy or a duplicate?)\n", style="bold")
            for duplicate in report.duplicates:
                text.append(f"  {for_terminal(duplicate.incident_id)}: {for_terminal(', '.join(duplicate.paths))}\n")
        return text
