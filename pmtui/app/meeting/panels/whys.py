"""5 whys: the tree from the problem statement down to the root causes, with the causes' details,
the contributing factors and the root-cause summary beside it.

Leaves with neither an action item nor an accepted-risk mark are flagged: a cause nobody acts on
is the next incident. The tree is updated node by node (labels, added children); only a deletion,
which renumbers siblings, rebuilds it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from pmtui.app.meeting.review_marks import marked_rows
from pmtui.app.common.forms import ConfirmScreen, FormField, PickManyScreen, show_form
from pmtui.app.meeting.session import Area, Session
from pmtui.app.meeting.panels.panel import PRESENT, ActionWanted, Detail, Panel, WhyHighlighted, append_findings
from pmtui.app.meeting.panels.similar import SimilarIncidents
from pmtui.app.common.safe_text import one_line, safe_text
from pmtui.document import timeline as tl
from pmtui.document import whys as why_tree
from pmtui.document.model import Document, Why

if TYPE_CHECKING:
    from pmtui.review.findings import Finding

PROBLEM = "problem"  # the tree root's data: the problem statement, not a why


def unaddressed_leaves(panel: Panel) -> set[str]:
    document = panel.session.document
    addressed = {item.addresses for item in document.action_items if item.addresses}
    return {
        why.id for why in why_tree.leaves(document.whys)
        if why.id not in addressed and not why.accepted_risk
    }


def why_label(why: Why, flagged: bool, panel: WhysPanel) -> Text:
    label = Text()
    if why.id in panel.review_marked:
        label.append("⚠ ", style=panel.get_component_rich_style("whys--marker"))
    label.append(f"{one_line(why.id)} ", style="bold")
    if why.root:
        label.append(" ★ root ", style=panel.get_component_rich_style("whys--root"))
        label.append(" ")
    if why.accepted_risk:
        label.append("≈ accepted risk ", style="italic")
    label.append(one_line(why.answer))
    if why.evidence:
        label.append(f"  ({one_line(', '.join(why.evidence))})", style="dim")
    if flagged:
        label.append("  ⚑ no action item", style="bold")
        label.stylize(panel.get_component_rich_style("whys--flagged"))
    return label


def why_chain(document: Document, why: Why, times: Callable[[int], str], findings: list[Finding]) -> Text:
    """The selected why's whole chain, from the problem down to it, every answer in full: the room
    reads a cause as the chain of answers that leads there. Then the selected why's question,
    action items, evidence (`times`: an event's time by its index) and findings."""
    text = Text()
    problem = (document.root_cause.problem or "").strip()
    text.append("Problem ", style="bold")
    text.append_text(safe_text(problem, newlines=True) if problem else Text("not stated yet (p)", style="italic"))
    for step in why_tree.chain(document.whys, why.id):
        text.append(f"\n↳ why {one_line(step.id)} ", style="bold")
        text.append_text(safe_text(step.answer, newlines=True))
    if why.question:
        text.append("\nAsked: ", style="bold")
        text.append_text(safe_text(why.question, newlines=True))
    addressed = [item.id for item in document.action_items if item.addresses == why.id]
    text.append("\nAction items: ", style="bold")
    text.append(one_line(", ".join(filter(None, addressed))) or "none")
    if why.evidence:
        text.append("\nEvidence:", style="bold")
        for event_id in why.evidence:
            index = next((index for index, event in enumerate(document.timeline) if event.id == event_id), None)
            if index is not None:
                text.append(f"\n {one_line(event_id)} {times(index)} ")
                text.append_text(safe_text(document.timeline[index].event))
    append_findings(text, findings)
    return text


class WhysPanel(Panel):
    DEFAULT_CSS = """
    WhysPanel > .whys--flagged { color: $text-warning; }
    WhysPanel > .whys--marker { color: $text-warning; text-style: bold; }
    WhysPanel > .whys--root { background: $success; color: $text; text-style: bold; }
    """
    COMPONENT_CLASSES = {"whys--flagged", "whys--root", "whys--marker"}
    AREAS = frozenset({Area.WHYS, Area.ACTIONS, Area.ROOT_CAUSE, Area.TIMELINE})
    ROW_SECTION = "whys"
    BINDINGS = [
        Binding("a", "add_child", "Add why", id="whys.add_child", tooltip="Add a why under the selected one"),
        Binding("s", "add_sibling", "Sibling", id="whys.add_sibling", tooltip="Add a sibling: another cause"),
        Binding("e", "edit", "Edit", id="whys.edit", tooltip="Edit the selected why"),
        Binding("d,delete", "delete", "Delete", id="whys.delete", tooltip="Delete the why with everything under it"),
        Binding("r", "toggle('root')", "Root", id="whys.root", tooltip="Mark or unmark the why as a root cause"),
        Binding("x", "toggle('accepted_risk')", "Risk", id="whys.accepted_risk",
                tooltip="Mark or unmark the why as an accepted risk"),
        Binding("v", "evidence", "Evidence", id="whys.evidence", tooltip="Cite timeline events as evidence"),
        Binding("t", "add_action", "Action", id="whys.add_action", tooltip="Add an action item for this why"),
        Binding("w", "row_findings", "Finding", id="whys.findings",
                tooltip="Review findings on a why marked ⚠: apply the rewrite or dismiss"),
        Binding("p", "problem", "Problem", id="whys.problem", show=False, tooltip="Edit the problem statement"),
        Binding("f", "factors", "Factors", id="whys.factors", show=False, tooltip="Edit the contributing factors"),
        Binding("c", "summary", "Root summary", id="whys.summary", show=False, tooltip="Edit the root-cause summary"),
        Binding("i", "similar", "Seen before?", id="whys.similar", show=False,
                tooltip="Similar past incidents in the library, with their action items"),
        PRESENT,
    ]

    def __init__(self, session: Session, *, library: Path | None = None, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.library = library  # past postmortems, for "similar past incidents"
        self._why_nodes: dict[str, TreeNode] = {}
        # what each node shows and what it was drawn from (the why, flagged, marked): edits replace
        # the whys they change, so only those are drawn again (500 labels cost more than the edit)
        self._why_labels: dict[str, tuple[tuple[Why, bool, bool], Text]] = {}
        self.review_marked: frozenset[str] = frozenset()  # ids of whys the review assistant has findings on

    def compose(self) -> ComposeResult:
        yield Tree[str](Text("Problem"), data=PROBLEM, id="whys-tree")
        with VerticalScroll(id="whys-side"):
            yield SimilarIncidents(self.session, library=self.library, id="similar")
            yield Detail(id="why-detail")
            yield Static("Contributing factors (f)", classes="section-title")
            yield Static(id="factors")
            yield Static("Root-cause summary (c)", classes="section-title")
            yield Static(id="root-summary")

    @property
    def tree(self) -> Tree[str]:
        return self.query_one("#whys-tree", Tree)

    def on_mount(self) -> None:
        self.tree.show_root = True
        self.tree.guide_depth = 3
        self._rebuild()
        self._show_why()
        self._show_root_cause()

    def focus_editor(self) -> None:
        self.tree.focus()

    def action_similar(self) -> None:
        self.query_one(SimilarIncidents).open_details()

    # ---------------------------------------------------------------------------- drawing

    def _problem_label(self) -> Text:
        problem = self.session.document.root_cause.problem
        label = Text("Problem: ", style="bold")
        label.append(one_line(problem.strip()) if problem and problem.strip() else "(press p to state the problem)")
        return label

    def _rebuild(self) -> None:
        tree = self.tree
        selected = self.selected_id()
        tree.clear()
        tree.root.set_label(self._problem_label())
        self._why_nodes = {}
        self._why_labels = {}
        flagged = unaddressed_leaves(self)
        for why in why_tree.in_tree_order(self.session.document.whys):
            self._add_node(why, flagged)
        tree.root.expand_all()
        self._select(selected)

    def _add_node(self, why: Why, flagged: set[str]) -> None:
        parent = self._why_nodes.get(why.parent_id) if why.parent_id else self.tree.root
        if parent is None:
            return
        drawn_from = self._drawn_from(why, flagged)
        label = why_label(why, drawn_from[1], self)
        node = parent.add(label, data=why.id, expand=True)
        self._why_nodes[why.id] = node
        self._why_labels[why.id] = (drawn_from, label)

    def _drawn_from(self, why: Why, flagged: set[str]) -> tuple[Why, bool, bool]:
        return why, why.id in flagged, why.id in self.review_marked

    def _sync(self) -> None:
        """Bring the tree in line with the document: new nodes are added, labels refreshed."""
        whys = self.session.document.whys
        ids = {why.id for why in whys}
        if not set(self._why_nodes) <= ids:
            self._rebuild()
            return
        flagged = unaddressed_leaves(self)
        self.tree.root.set_label(self._problem_label())
        for why in why_tree.in_tree_order(whys):
            node = self._why_nodes.get(why.id)
            if node is None:
                self._add_node(why, flagged)
                if why.parent_id in self._why_nodes:
                    self._why_nodes[why.parent_id].expand()
            else:
                drawn_from = self._drawn_from(why, flagged)
                shown = self._why_labels.get(why.id)
                if shown is not None and shown[0][0] is why and shown[0][1:] == drawn_from[1:]:
                    continue
                label = why_label(why, drawn_from[1], self)
                if shown is None or shown[1] != label:
                    node.set_label(label)
                self._why_labels[why.id] = (drawn_from, label)

    def selected_id(self) -> str | None:
        node = self.tree.cursor_node
        return None if node is None or node.data == PROBLEM else node.data

    def _select(self, why_id: str | None) -> None:
        """Put the cursor on a why once the tree has laid out any node just added."""

        def move() -> None:
            node = self._why_nodes.get(why_id) if why_id else self.tree.root
            self.tree.move_cursor(node or self.tree.root)

        self.tree.call_after_refresh(move)

    def event_time(self, index: int) -> str:
        return tl.format_event_time(self.session.instants()[index], with_day=self.session.times_show_days())

    def _show_why(self) -> None:
        """The selected why's chain: all a cursor move redraws."""
        document = self.session.document
        why_id = self.selected_id()
        why = next((why for why in document.whys if why.id == why_id), None)
        if why is not None:
            detail = why_chain(document, why, self.event_time, self.row_findings())
        else:  # the problem itself: what every chain starts from
            problem = (document.root_cause.problem or "").strip()
            detail = Text("Problem ", style="bold")
            detail.append_text(safe_text(problem, newlines=True) if problem else Text("not stated yet (p)", style="italic"))
            detail.append("\nSelect a why, or press a to answer “why did this happen?”", style="italic")
        self.query_one("#why-detail", Detail).show(detail)

    def _show_root_cause(self) -> None:
        document = self.session.document
        factors = document.root_cause.contributing_factors
        self.query_one("#factors", Static).update(
            safe_text("\n".join(f"• {factor}" for factor in factors), newlines=True) if factors
            else Text("none yet", style="italic")
        )
        summary = document.root_cause.summary
        self.query_one("#root-summary", Static).update(
            safe_text(summary.strip(), newlines=True) if summary and summary.strip()
            else Text("not written yet", style="italic")
        )

    def document_changed(self, area: str) -> None:
        if area in (Area.WHYS, Area.ACTIONS, Area.ROOT_CAUSE):
            self._sync()
        self._show_why()
        if area == Area.ROOT_CAUSE:
            self._show_root_cause()

    def show_review(self, findings: list) -> None:
        super().show_review(findings)
        whys = self.session.document.whys
        marked = frozenset(whys[index].id for index in marked_rows(findings, "whys") if index < len(whys))
        if marked != self.review_marked:
            self.review_marked = marked
            self._sync()
        self._show_why()  # the selected why's findings, under its chain

    def presented(self) -> tuple[str, Text] | None:
        document = self.session.document
        why = next((why for why in document.whys if why.id == self.selected_id()), None)
        if why is None:
            return "Problem", safe_text((document.root_cause.problem or "not stated yet").strip(), newlines=True)
        return f"Why {one_line(why.id)}", why_chain(document, why, self.event_time, self.row_findings())

    def current_row(self) -> int | None:
        why_id = self.selected_id()
        return next((index for index, why in enumerate(self.session.document.whys) if why.id == why_id), None)

    @on(Tree.NodeHighlighted, "#whys-tree")
    def _highlighted(self) -> None:
        self._show_why()
        self.post_message(WhyHighlighted(self.selected_id()))
        self.offer_row_findings()  # `w` is offered on a marked why only

    # ---------------------------------------------------------------------------- editing

    def _why_form(self, title: str, answer: str, question: str, apply) -> None:
        show_form(self.app, title, [
            FormField("answer", "Because… (a cause in the system, not a person)", answer),
            FormField("question", "The question asked, if not simply “why?” (optional)", question),
        ], apply)

    def action_add_child(self) -> None:
        parent = self.selected_id()

        def apply(fields: dict[str, str]) -> None:
            why = self.session.add_why(parent, fields["answer"], fields["question"])
            self._select(why.id)

        under = f"under {parent}" if parent else "under the problem"
        self._why_form(f"Why? (new answer {under})", "", "", apply)

    def action_add_sibling(self) -> None:
        sibling = self.selected_id()
        if sibling is None:
            self.action_add_child()
            return

        def apply(fields: dict[str, str]) -> None:
            why = self.session.add_sibling_why(sibling, fields["answer"], fields["question"])
            self._select(why.id)

        self._why_form(f"Another cause beside {sibling}", "", "", apply)

    def action_edit(self) -> None:
        why_id = self.selected_id()
        if why_id is None:
            self.action_problem()
            return
        why = next(why for why in self.session.document.whys if why.id == why_id)
        self._why_form(
            f"Edit why {why_id}", why.answer, why.question or "",
            lambda fields: self.session.update_why(why_id, fields["answer"], fields["question"]),
        )

    @on(Tree.NodeSelected, "#whys-tree")
    def _open(self, event: Tree.NodeSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        why_id = self.selected_id()
        if why_id is None:
            return
        below = len(why_tree.subtree_ids(self.session.document.whys, why_id)) - 1
        question = f"Delete why {why_id}" + (f" and the {below} below it?" if below else "?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: self.session.delete_why(why_id))
                self._select(why_tree.parent_of(why_id))

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_toggle(self, flag: str) -> None:
        why_id = self.selected_id()
        if why_id is not None:
            self.attempt(lambda: self.session.toggle_why_flag(why_id, flag))

    def action_evidence(self) -> None:
        why_id = self.selected_id()
        if why_id is None:
            return
        document = self.session.document
        why = next(why for why in document.whys if why.id == why_id)
        times = tl.event_times(document, self.session.instants())
        choices = [
            (f"{one_line(event.id or '')}  {time}  {one_line(event.event)}", event.id or "")
            for event, time in zip(document.timeline, times)
        ]
        if not choices:
            self.notify("The timeline is empty: add events first, then cite them here.", markup=False)
            return

        def picked(event_ids: list[str] | None) -> None:
            if event_ids is not None:
                self.attempt(lambda: self.session.set_evidence(why_id, event_ids))

        self.app.push_screen(PickManyScreen(f"Evidence for why {why_id}", choices, why.evidence), picked)

    def action_add_action(self) -> None:
        """An action item for the selected cause, linked to it."""
        self.post_message(ActionWanted(self.selected_id()))

    def _text_form(self, title: str, label: str, field: str, multiline: bool = False) -> None:
        value = getattr(self.session.document.root_cause, field) or ""
        show_form(self.app, title, [FormField(field, label, value, multiline=multiline)],
                  lambda fields: self.session.set_section_field("root_cause", field, fields[field]))

    def action_problem(self) -> None:
        self._text_form("Problem statement", "What went wrong, as the customer saw it", "problem")

    def action_summary(self) -> None:
        self._text_form("Root-cause summary", "The causes in a paragraph (Ctrl+S saves)", "summary", multiline=True)

    def action_factors(self) -> None:
        factors = self.session.document.root_cause.contributing_factors

        def apply(fields: dict[str, str]) -> None:
            lines = [line.strip() for line in fields["factors"].splitlines() if line.strip()]
            if lines != self.session.text_list("contributing_factors"):
                self.session.replace_text_list("contributing_factors", lines)

        show_form(self.app, "Contributing factors", [
            FormField("factors", "One factor per line (Ctrl+S saves)", "\n".join(factors), multiline=True),
        ], apply)
