"""The postmortem as Markdown, for `pmtui watch`: rendered off the event loop, drawn line by line.

Textual's Markdown widget rebuilds a widget per block on every update (about a second of CPU for
a typical postmortem), too slow to follow a file that is saved every few seconds. This view
renders the text with Rich in a worker thread at the current width and shows only the visible
lines, so a reload never blocks the screen and keeps the reader's place in the document.
"""

from __future__ import annotations

import io

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, TableElement
from rich.text import Text
from textual import work
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


# Below this many cells per column a table cuts dates and long words ("2026-12…"): the action items'
# nine columns at 80. Such a table is shown as one block of "Header: value" lines per row instead.
MIN_CELLS_PER_COLUMN = 12


class _Table(TableElement):
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        headers = [cell.content.plain for cell in self.header.row.cells] if self.header and self.header.row else []
        if not headers or options.max_width >= MIN_CELLS_PER_COLUMN * len(headers):
            yield from super().__rich_console__(console, options)
            return
        for row in self.body.rows if self.body else []:
            block = Text()
            for heading, cell in zip(headers, row.cells, strict=False):
                if cell.content.plain.strip():
                    block.append(f"{heading}: ", style="markdown.table.header")
                    block.append_text(cell.content)
                    block.append("\n")
            yield block


class _Markdown(Markdown):
    elements = {**Markdown.elements, "table_open": _Table}


def render_markdown(markdown: str, width: int) -> list[Strip]:
    """Markdown as lines `width` cells wide (pure Rich: safe in a thread)."""
    console = Console(width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      legacy_windows=False, emoji=False)
    # Links spelled out: an attendee over SSH can read a URL but rarely click one.
    renderable = _Markdown(markdown, hyperlinks=False)
    return [Strip(line) for line in console.render_lines(renderable, console.options, pad=False)]


class DocumentView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    DocumentView { overflow-y: scroll; overflow-x: hidden; }
    """

    class Rendered(Message):
        def __init__(self, markdown: str, width: int, lines: list[Strip]) -> None:
            super().__init__()
            self.markdown = markdown
            self.width = width
            self.lines = lines

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.markdown = ""
        self.lines: list[Strip] = []
        self._requested: tuple[str, int] | None = None  # the (text, width) last sent to be rendered

    @property
    def text_width(self) -> int:
        # The vertical scrollbar is always there, so this width does not change as the text grows.
        return self.scrollable_content_region.width

    def show(self, markdown: str) -> None:
        """Show this text from now on (a no-op when it is what is already shown)."""
        if markdown != self.markdown:
            self.markdown = markdown
            self._render_if_needed()

    def on_resize(self) -> None:
        self._render_if_needed()

    def _render_if_needed(self) -> None:
        wanted = (self.markdown, self.text_width)
        if wanted[1] > 0 and wanted != self._requested:
            self._requested = wanted
            self._render(*wanted)

    @work(thread=True, exclusive=True, group="render-document", exit_on_error=False)
    def _render(self, markdown: str, width: int) -> None:
        self.post_message(self.Rendered(markdown, width, render_markdown(markdown, width)))

    def on_document_view_rendered(self, message: Rendered) -> None:
        message.stop()
        if (message.markdown, message.width) != (self.markdown, self.text_width):
            return  # the text or the width changed while this was rendering; a newer render is on its way
        self.lines = message.lines
        # The scroll offset is kept: a reload leaves the reader where they were (clamped if the text shrank).
        self.virtual_size = Size(message.width, len(message.lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        return self.lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style).apply_style(self.rich_style)
