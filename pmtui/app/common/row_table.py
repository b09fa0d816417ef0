"""A virtual table: renders only the rows on screen, so 10,000 timeline events cost what 20 do.

Textual's DataTable keeps a renderable per cell and re-measures on change (tens of milliseconds
per added row at that size). Here a `RowSource` answers "how many rows" and "the cells of row i"
straight from the document, and the table draws the visible lines (Textual's Line API) with a
small cache that an edit simply clears.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CACHE_LIMIT = 512


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 0  # 0: this column takes the width the others leave
    marker: bool = False  # shows the review mark on rows that have findings (see `RowTable.set_marks`)


@dataclass(frozen=True)
class Row:
    cells: tuple[Text, ...]
    flagged: bool = False  # missing something the room should fill in: drawn in the warning colour


class RowSource(Protocol):
    def row_count(self) -> int: ...

    def row(self, index: int) -> Row: ...


class RowTable(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    RowTable { height: 1fr; background: $surface; overflow-x: hidden; }
    RowTable:focus { background-tint: $foreground 3%; }
    RowTable > .row-table--header { text-style: bold; color: $text-accent; background: $panel; }
    RowTable > .row-table--cursor { background: $block-cursor-blurred-background; }
    RowTable:focus > .row-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    RowTable > .row-table--flagged { color: $text-warning; }
    RowTable > .row-table--marker { color: $text-warning; text-style: bold; }
    RowTable > .row-table--empty { color: $text-muted; text-style: italic; }
    """
    COMPONENT_CLASSES = {
        "row-table--header", "row-table--cursor", "row-table--flagged", "row-table--empty", "row-table--marker",
    }
    MARK = "⚠"  # in the marker column of a row the review assistant has findings on
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    # No automatic repaint: `watch_cursor` redraws only the two rows that changed.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        def __init__(self, table: RowTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

        @property
        def control(self) -> RowTable:
            return self.table

    class Selected(Highlighted):
        """Enter or a double click on a row."""

    def __init__(self, columns: list[Column], source: RowSource, *, empty: str = "Nothing here yet",
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = columns
        self.source = source
        self.empty = empty
        self._cache: dict[tuple[int, int, bool], Strip] = {}
        self.marks: frozenset[int] = frozenset()

    # ---------------------------------------------------------------------------- data

    @property
    def row_count(self) -> int:
        return self.source.row_count()

    def refresh_rows(self) -> None:
        """The source changed: forget drawn rows, resize, keep the cursor in range."""
        self._cache.clear()
        # Rows are cut to the width shown (text columns end in "…"): nothing to scroll sideways to,
        # and a horizontal scrollbar would only eat a row.
        self.virtual_size = Size(0, self.row_count + 1)
        if self.cursor >= self.row_count:
            self.cursor = max(0, self.row_count - 1)
        self.refresh()

    def refresh_row(self, index: int) -> None:
        self._cache = {key: strip for key, strip in self._cache.items() if key[0] != index}
        self.refresh()

    def on_resize(self) -> None:
        self.refresh_rows()

    def set_marks(self, rows: frozenset[int]) -> None:
        """The rows the review assistant has findings on. Only rows whose mark changed are redrawn,
        so a 10,000-row table costs what the changed rows cost."""
        changed = self.marks ^ rows
        self.marks = rows
        if changed:
            self._cache = {key: strip for key, strip in self._cache.items() if key[0] not in changed}
            self.refresh()

    # ---------------------------------------------------------------------------- cursor

    def watch_cursor(self, old: int, new: int) -> None:
        self._cache = {key: strip for key, strip in self._cache.items() if key[0] not in (old, new)}
        top = self.scroll_y
        self.scroll_cursor_into_view()
        if self.scroll_y == top:  # only the two rows changed: redraw just their lines
            self.refresh_line(old + 1)  # +1: the header is line 0
            self.refresh_line(new + 1)
        else:
            self.refresh()
        if self.row_count:
            self.post_message(self.Highlighted(self, new))

    def move_cursor(self, index: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(index, self.row_count - 1))

    def scroll_cursor_into_view(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)  # minus the header line
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * max(1, self.scrollable_content_region.height - 2))

    def action_jump(self, index: int) -> None:
        self.move_cursor(index if index >= 0 else self.row_count - 1)

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_y) - 1
        if 0 <= row < self.row_count and event.y > 0:
            self.focus()
            self.move_cursor(row)
            if event.chain >= 2:
                self.action_select()

    # ---------------------------------------------------------------------------- drawing

    def _widths(self, total: int) -> list[int]:
        fixed = sum(column.width for column in self.columns)
        gaps = len(self.columns) - 1
        flexible = max(8, total - fixed - gaps)
        return [column.width or flexible for column in self.columns]

    def _line(self, cells: tuple[Text, ...] | list[Text], width: int, marked: bool = False) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for position, (cell, cell_width, column) in enumerate(zip(cells, self._widths(width), self.columns)):
            if position:
                line.append(" ")
            if marked and column.marker:
                cell = Text(self.MARK, style=self.get_component_rich_style("row-table--marker", partial=True))
            piece = cell.copy()
            piece.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append_text(piece)
        return line

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, style).apply_style(style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            header = self._line([Text(column.title) for column in self.columns], width)
            return self._strip(header, width, self.get_component_rich_style("row-table--header"))
        index = int(self.scroll_y) + y - 1
        is_cursor = index == self.cursor
        key = (index, width, is_cursor)
        cached = self._cache.get(key)
        if cached is not None:  # before anything else: a redraw of unchanged rows costs only this
            return cached
        base = self.rich_style
        if not self.row_count:
            if y == 1:
                return self._strip(Text(f" {self.empty}"), width, self.get_component_rich_style("row-table--empty"))
            return Strip.blank(width, base)
        if index >= self.row_count:
            return Strip.blank(width, base)
        row = self.source.row(index)
        style = base
        if row.flagged:
            style = style + self.get_component_rich_style("row-table--flagged", partial=True)
        if is_cursor:
            style = style + self.get_component_rich_style("row-table--cursor", partial=True)
        strip = self._strip(self._line(row.cells, width, index in self.marks), width, style)
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = strip
        return strip
