"""The library's table of postmortems: sorted by any column, narrowed by typed words.

A `Catalog` holds every incident once and a list of the ones shown, in order; the virtual
`RowTable` asks it for the visible rows only. Sorting 10,000 incidents or filtering them on a
keystroke takes milliseconds, and nothing is drawn that is not on screen. On a narrow terminal the
columns least needed are left out (the days to review and to draft first) so the title stays
readable; their number keys still sort by them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.geometry import Size

from pmtui.app.common.row_table import Column, Row, RowTable
from pmtui.document.durations_text import brief_duration
from pmtui.library.index import IncidentRecord
from pmtui.terminal_text import for_terminal

STATUS_ORDER = {"draft": 0, "in_review": 1, "final": 2}
MIN_TITLE = 20  # cells the title keeps before columns are left out


@dataclass(frozen=True)
class SortColumn:
    title: str
    name: str  # in "sorted by …"
    width: int  # 0: takes the width the others leave
    key: Callable[[LibraryRow], Any]  # None sorts last, in both directions
    newest_first: bool  # its first press sorts descending (dates, durations, counts)
    left_out: int = 0  # on a narrow terminal, the order in which columns are left out (1 first); 0: never


@dataclass(frozen=True)
class LibraryRow:
    """One postmortem as the table shows it."""

    incident: IncidentRecord
    open_items: int
    haystack: str  # lower-case words the filter looks in

    @classmethod
    def of(cls, incident: IncidentRecord, open_items: int) -> LibraryRow:
        words = [incident.title, incident.incident_id or "", incident.date.isoformat() if incident.date else "",
                 incident.severity or "", incident.status, incident.status.replace("_", " "), *incident.tags]
        return cls(incident, open_items, " ".join(words).casefold())

    def cells(self) -> tuple[Text, ...]:
        incident = self.incident
        return (
            Text(incident.date.isoformat() if incident.date else "—"),
            Text(for_terminal(incident.title)),
            Text(for_terminal(incident.severity or "—")),
            Text(incident.status.replace("_", " ")),
            Text(brief_duration(incident.time_to_detect)),  # in full below the table
            Text(brief_duration(incident.time_to_resolve)),
            Text(str(self.open_items) if self.open_items else "·"),
            Text("—" if incident.hours_to_draft is None else f"{incident.hours_to_draft / 24:.1f}d"),
            Text("—" if incident.business_days_to_review is None else f"{incident.business_days_to_review}d"),
        )


COLUMNS: tuple[SortColumn, ...] = (
    SortColumn("Date", "date", 10, lambda row: row.incident.date, newest_first=True),
    SortColumn("Title", "title", 0, lambda row: row.incident.title.casefold(), newest_first=False),
    SortColumn("Sev", "severity", 6, lambda row: row.incident.severity, newest_first=False),
    SortColumn("Status", "status", 10, lambda row: STATUS_ORDER.get(row.incident.status), newest_first=False),
    SortColumn("TTD", "time to detect", 8, lambda row: row.incident.time_to_detect, newest_first=True),
    SortColumn("TTR", "time to resolve", 8, lambda row: row.incident.time_to_resolve, newest_first=True),
    SortColumn("Open", "open action items", 7, lambda row: row.open_items, newest_first=True),
    # From `resolved` to the draft started, and to the review meeting in business days (as the policy counts).
    SortColumn("Draft", "days to draft", 8, lambda row: row.incident.hours_to_draft, newest_first=True, left_out=2),
    SortColumn("Review", "days to review", 9, lambda row: row.incident.business_days_to_review, newest_first=True,
               left_out=1),
)


def open_counts(items: list) -> dict[int, int]:
    """Incident key -> its action items still open or in progress."""
    counts: dict[int, int] = {}
    for item in items:
        if item.is_open:
            counts[item.incident_key] = counts.get(item.incident_key, 0) + 1
    return counts


class Catalog:
    """Every incident, and the ones shown: a `RowSource` for the table."""

    def __init__(self) -> None:
        self.rows: list[LibraryRow] = []
        self.shown: list[LibraryRow] = []
        self.sort_column = 0
        self.descending = True
        self.filter_text = ""
        self.shown_columns: tuple[int, ...] = tuple(range(len(COLUMNS)))

    def load(self, incidents: list[IncidentRecord], open_items: dict[int, int]) -> None:
        self.rows = [LibraryRow.of(incident, open_items.get(incident.key, 0)) for incident in incidents]
        self._arrange()

    # ---------------------------------------------------------------------------- RowSource

    def row_count(self) -> int:
        return len(self.shown)

    def row(self, index: int) -> Row:
        cells = self.shown[index].cells()
        return Row(tuple(cells[column] for column in self.shown_columns))

    def fit(self, width: int) -> bool:
        """Leave out the columns least needed until the title has MIN_TITLE of `width` cells;
        whether the columns shown changed."""
        shown = list(range(len(COLUMNS)))
        for column in sorted((index for index, column in enumerate(COLUMNS) if column.left_out),
                             key=lambda index: COLUMNS[index].left_out):
            title = width - sum(COLUMNS[index].width for index in shown) - (len(shown) - 1)  # a space between columns
            if title >= MIN_TITLE:
                break
            shown.remove(column)
        changed = tuple(shown) != self.shown_columns
        self.shown_columns = tuple(shown)
        return changed

    # ---------------------------------------------------------------------------- sorting and filtering

    def sort_by(self, column: int) -> None:
        """Sort by `column`; the column already sorted by is reversed."""
        if column == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column = column
            self.descending = COLUMNS[column].newest_first
        self._arrange()

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self._arrange()

    def _arrange(self) -> None:
        terms = self.filter_text.casefold().split()
        rows = [row for row in self.rows if all(term in row.haystack for term in terms)] if terms else self.rows
        key = COLUMNS[self.sort_column].key
        # By path first, so equal keys keep a stable order; unknown values last either way.
        by_path = sorted(rows, key=lambda row: row.incident.path)
        known = [row for row in by_path if key(row) is not None]
        known.sort(key=key, reverse=self.descending)
        self.shown = known + [row for row in by_path if key(row) is None]

    def index_of(self, path: str | None) -> int | None:
        for index, row in enumerate(self.shown):
            if row.incident.path == path:
                return index
        return None

    def columns(self) -> list[Column]:
        """The table's header: each column's sort key, and an arrow on the one sorted by."""
        arrow = "▼" if self.descending else "▲"
        return [Column(f"{index + 1} {COLUMNS[index].title}" + (arrow if index == self.sort_column else ""),
                       COLUMNS[index].width) for index in self.shown_columns]

    def describe(self) -> str:
        order = "descending" if self.descending else "ascending"
        return f"sorted by {COLUMNS[self.sort_column].name}, {order}"



class IncidentTable(RowTable):
    """The table of postmortems: as many columns as fit, and never scrolled sideways."""

    def __init__(self, catalog: Catalog, **kwargs) -> None:
        super().__init__(catalog.columns(), catalog, **kwargs)
        self.catalog = catalog

    def refresh_rows(self) -> None:
        # Fitted as if the vertical scrollbar were shown: whether it is depends on the rows.
        if self.catalog.fit(self.size.width - self.styles.scrollbar_size_vertical):
            self.columns = self.catalog.columns()
        super().refresh_rows()
        # The lines are drawn to the width shown. RowTable's virtual width is the widget's, the
        # vertical scrollbar included: two cells of nothing to scroll to, and a scrollbar for them.
        self.virtual_size = Size(0, self.virtual_size.height)
