"""The finished postmortem as Markdown, the form a team publishes.

User text goes through `inline` (for table cells and list items: escapes Markdown characters and
folds newlines) or `block` (for paragraphs: keeps line breaks), so no `|`, `*` or newline in what
people typed can break a table or start a heading. A ticket is a link only when it is a web
address, and nothing of the file's own location is written: the export is meant to be published.
"""

from __future__ import annotations

import re

from pmtui.document import timeline as tl
from pmtui.document import whys as why_tree
from pmtui.document.model import Document

# Characters that change meaning anywhere in a line (`&` starts entities like &amp;), and ones
# that do only at its start. A backslash escapes punctuation only, so "1." becomes "1\.".
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))")


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker, number, delimiter = match.groups()
    return indent + ("\\" + marker if marker else number + "\\" + delimiter)


def _escape_line(line: str) -> str:
    return _LINE_START.sub(_escape_line_start, _SPECIAL.sub(r"\\\1", line))


def inline(text: str | None) -> str:
    """Safe inside a table cell or on one list line: escaped, newlines folded to spaces."""
    if not text:
        return ""
    return _escape_line(" ".join(line.strip() for line in text.splitlines() if line.strip()))


def block(text: str | None) -> str:
    """A paragraph: each line escaped, line breaks kept as Markdown hard breaks."""
    if not text:
        return ""
    return "  \n".join(_escape_line(line.strip()) for line in text.strip().splitlines() if line.strip())


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _section(title: str, body: list[str]) -> list[str]:
    return [f"## {title}", "", *body, ""] if body else []


# A link target pmtui writes as a link: web and mail addresses only, and nothing in them that
# could end the `<...>` destination (`>`, a line break) or that a renderer would unescape (a backslash).
# Anything else, `javascript:` included, is shown as text.
_LINKABLE_URL = re.compile(r"(?i:https?|mailto):[^\s<>\\\x00-\x1f\x7f-\x9f]+")


def _appendix_line(title: str, url: str | None) -> str:
    if not url:
        return f"- {inline(title)}"
    if _LINKABLE_URL.fullmatch(url):
        return f"- [{inline(title)}](<{url}>)"
    return f"- {inline(title)}: {inline(url)}"


# A ticket is linked only when it is a web address; a key like "OPS-12" stays text.
_WEB_URL = re.compile(r"(?i:https?)://[^\s<>\\\x00-\x1f\x7f-\x9f]+")
ADDRESSED_ANSWER_LIMIT = 40  # characters of the why's answer in the action table; the tree has it in full


def _ticket(ticket: str | None) -> str:
    if not ticket:
        return ""
    return f"[{inline(ticket)}](<{ticket}>)" if _WEB_URL.fullmatch(ticket) else inline(ticket)


def _addresses(why_id: str | None, answers: dict[str, str]) -> str:
    """The why an action item addresses: its id and the start of its answer."""
    if not why_id:
        return ""
    answer = " ".join(answers.get(why_id, "").split())
    if len(answer) > ADDRESSED_ANSWER_LIMIT:
        cut = answer[: ADDRESSED_ANSWER_LIMIT - 1]
        answer = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + "…"  # at a word's end
    return inline(f"{why_id}: {answer}" if answer else why_id)


def _bullets(items: list[str]) -> list[str]:
    return [f"- {inline(item)}" for item in items if item.strip()]


def to_markdown(document: Document, *, key_events_only: bool = False) -> str:
    """The postmortem; `key_events_only` shows the timeline's key events (`key = true`) and says
    how many others the file keeps."""
    incident = document.incident
    durations = tl.durations(document)
    out: list[str] = [f"# {inline(incident.title)}", ""]

    meta = [
        ("ID", incident.id),
        ("Severity", incident.severity.value if incident.severity else None),
        ("Status", incident.status.value.replace("_", " ")),
        ("Date", f"{incident.date.isoformat()} ({incident.timezone})" if incident.date else incident.timezone),
        ("Duration", tl.format_duration(durations.total) if durations.total is not None else None),
        ("Author", incident.author),
        ("Facilitator", incident.facilitator),
        ("Reviewers", ", ".join(incident.reviewers)),
        ("Participants", ", ".join(incident.participants)),
        ("Tags", ", ".join(incident.tags)),
    ]
    user_text = {"ID", "Author", "Facilitator", "Reviewers", "Participants", "Tags"}
    out += [f"- **{label}:** {inline(value) if label in user_text else value}" for label, value in meta if value]
    out.append("")

    out += _section("Summary", [block(incident.summary)] if incident.summary and incident.summary.strip() else [])

    impact_fields = [
        ("Users affected", document.impact.users_affected),
        ("Failed requests", document.impact.failed_requests),
        ("Revenue", document.impact.revenue),
        ("SLO", document.impact.slo),
        ("Support tickets", document.impact.support_tickets),
        ("Public communication", document.impact.public_communication),
        ("Notes", document.impact.notes),
    ]
    out += _section("Impact", [f"- **{label}:** {inline(value)}" for label, value in impact_fields if value])

    if document.timeline:
        order = tl.sort_key_order(document)
        instants = tl.resolve_times(document)
        with_day = tl.spans_days(instants)
        rows = []
        shown = [index for index in order if document.timeline[index].key] if key_events_only else order
        for index in shown:
            event = document.timeline[index]
            rows.append([tl.format_event_time(instants[index], with_day=with_day), inline(event.event), inline(event.source),
                         event.milestone.value.replace("_", " ") if event.milestone else ""])
        if key_events_only:
            out += _section(f"Key events ({incident.timezone})", _key_events(rows, len(order) - len(shown)))
        else:
            out += _section(f"Timeline ({incident.timezone})", _table(["Time", "Event", "Source", "Milestone"], rows))

    detection = []
    if document.detection.how:
        detection.append(f"- **Detected by:** {document.detection.how.value}")
    if document.detection.notes:
        detection.append(f"- **Notes:** {inline(document.detection.notes)}")
    detection += [
        f"- **{label}:** {tl.format_duration(value)}"
        for name, label, value in durations.items()
        if name != "total" and value is not None
    ]
    out += _section("Detection and response", detection)

    root = []
    if document.root_cause.problem:
        root.append(f"**Problem:** {inline(document.root_cause.problem)}")
        root.append("")
    if document.root_cause.summary:
        root.append(block(document.root_cause.summary))
    out += _section("Root cause", root)

    if document.whys:
        lines = []  # the problem is stated once, under "Root cause", just above
        for why in why_tree.in_tree_order(document.whys):
            marks = [mark for flag, mark in ((why.root, "root cause"), (why.accepted_risk, "accepted risk")) if flag]
            suffix = f" _({', '.join(marks)})_" if marks else ""
            evidence = f" [evidence: {', '.join(inline(e) for e in why.evidence)}]" if why.evidence else ""
            question = inline(why.question or "Why?")
            lines.append(f"{'  ' * (why.depth - 1)}- **{why.id}** {question} {inline(why.answer)}{suffix}{evidence}")
        out += _section("Five whys", lines)

    out += _section("Contributing factors", _bullets(document.root_cause.contributing_factors))
    out += _section("What went well", _bullets(document.findings.went_well))
    out += _section("What went poorly", _bullets(document.findings.went_poorly))
    out += _section("Where we got lucky", _bullets(document.findings.got_lucky))
    out += _section("Surprises", _bullets(document.findings.surprises))

    if document.action_items:
        answers = {why.id: why.answer for why in document.whys}
        rows = [
            [
                inline(item.id), inline(item.action), inline(item.owner),
                item.due.isoformat() if item.due else "", item.priority.value if item.priority else "",
                item.status.value.replace("_", " "), item.kind.value.replace("_", " ") if item.kind else "",
                _addresses(item.addresses, answers), _ticket(item.ticket),
            ]
            for item in document.action_items
        ]
        header = ["ID", "Action", "Owner", "Due", "Priority", "Status", "Kind", "Addresses", "Ticket"]
        out += _section("Action items", _table(header, rows))

    out += _section("Lessons learned", _bullets(document.findings.lessons))
    # What the room asked and nobody settled: the parking lot's leftovers, then the recorded questions.
    out += _section("Open questions", _bullets([*document.meeting.parking_lot, *document.findings.open_questions]))
    out += _section("Appendix", [_appendix_line(link.title, link.url) for link in document.appendix])
    return "\n".join(out).rstrip() + "\n"


def _key_events(rows: list[list[str]], others: int) -> list[str]:
    lines = _table(["Time", "Event", "Source", "Milestone"], rows) if rows else [
        "No timeline event is marked as a key event (`key = true`)."]
    if others:
        lines += ["", f"{others} more event{'' if others == 1 else 's'} in the full timeline."]
    return lines
