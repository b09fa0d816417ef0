"""The library's patterns view: `pmtui patterns` as charts.

Time to detect and time to resolve per quarter as Textual sparklines; severities, detection
methods and contributing-factor themes as bars; the headlines ("7 of the last 12 incidents were
deploy-related") and the repeated incidents as text. Everything comes from one `PatternsReport`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Sparkline, Static

from pmtui.document.durations_text import format_duration
from pmtui.library.patterns import Count, PatternsReport, Quarter
from pmtui.library.terminal import bar, percent

BAR_SECTIONS = (("Severity", "severity", None), ("Detected by", "detection", None),
                ("Contributing-factor themes", "themes", 10))
REPEATS_SHOWN = 5
MAX_BAR = 50  # cells; longer bars on a wide screen are harder to compare, not easier


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
        yield Static("Time to detect, median per quarter", classes="section-title")
        yield Sparkline([], id="ttd-trend")
        yield Static(id="ttd-caption", classes="trend-caption")
        yield Static("Time to resolve, median per quarter", classes="section-title")
        yield Sparkline([], id="ttr-trend")
        yield Static(id="ttr-caption", classes="trend-caption")
        yield Static(id="patterns-bars")
        yield Static(id="patterns-repeats")

    def show(self, report: PatternsReport) -> None:
        self.report = report
        self.query_one("#patterns-summary", Static).update(self._summary(report))
        for name, measure in (("ttd", lambda quarter: quarter.median_ttd), ("ttr", lambda quarter: quarter.median_ttr)):
            values, known = quarter_series(report.quarters, measure)
            sparkline = self.query_one(f"#{name}-trend", Sparkline)
            sparkline.data = values
            sparkline.display = len(values) > 1
            self.query_one(f"#{name}-caption", Static).update(trend_caption(known))
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
            text.append(f"\n• {headline}")
        text.append(f"\nMedian time to detect {format_duration(report.median_ttd)}, to resolve "
                    f"{format_duration(report.median_ttr)}; customer impact {round(report.impact_minutes):,} "
                    "minutes in all.")
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
            name_width = min(28, max(len(count.name) for count in shown))
            bar_width = max(10, min(MAX_BAR, width - name_width - 16))
            most = max(count.count for count in shown)
            for count in shown:
                name = count.name if len(count.name) <= name_width else count.name[: name_width - 1] + "…"
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
            text.append(f"  {len(group.incidents)}× {first.title}\n")
            dates = ", ".join(f"{incident.label} ({incident.date or 'undated'})" for incident in group.incidents[:6])
            text.append(f"     {dates}\n", style="dim")
        if len(report.repeats) > REPEATS_SHOWN:
            text.append(f"  … and {len(report.repeats) - REPEATS_SHOWN} more groups (pmtui patterns)\n", style="dim")
        done = sum(quarter.actions_done for quarter in report.quarters)
        due = sum(quarter.actions_due for quarter in report.quarters)
        text.append(f"\nAction items due so far that are done: {done} of {due} ({percent(done, due)}); "
                    "the follow-up view (a) lists them.")
        return text
