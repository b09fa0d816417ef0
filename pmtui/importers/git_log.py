"""A git repository's history as timeline events: commits, merges and tags.

    a1b2c3d commit by Ana Lima: Raise PgBouncer pool size to 400
    e4f5a6b merge by Ben Okafor: Merge pull request #812 from orders/pool
    tag v2026.10.27-1 on 9c8d7e6 by Ana Lima: Release 2026.10.27-1

Each event's time is when the commit landed (the committer date; for a tag, when it was made) and
its source is "git"; the name is the author's (the tagger's) as git records it. `git` runs as a
subprocess without a shell, with fixed output formats, a ref checked to be a ref (never an option)
and paths after `--`.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from pathlib import Path

from pmtui.document.model import TimelineEvent
from pmtui.importers import SourceError
from pmtui.importers.events import new_event
from pmtui.terminal_text import for_terminal

SOURCE = "git"
# No incident's timeline holds more changes than this; a whole history (a million commits in a big
# repository) would take minutes and gigabytes to read before anything could be said about it.
MAX_COMMITS = 10_000
# Fields split by NUL and records by RS: neither can occur in a subject or a name. The formats
# spell them as git's %x00 and %x1e: an argument cannot hold a NUL.
_FIELD, _RECORD = "\x00", "\x1e"
_COMMIT_FORMAT = "%x00".join(("%h", "%cI", "%an", "%P", "%s")) + "%x1e"
_TAG_FORMAT = "%00".join(("%(refname:short)", "%(creatordate:iso-strict)", "%(creator)", "%(objectname:short)",
                          "%(*objectname:short)", "%(subject)")) + "%1e"


def read_git_events(
    repository: Path, *, ref: str | None = None, paths: Sequence[str] = (),
    since: dt.datetime | None = None, until: dt.datetime | None = None,
) -> list[TimelineEvent]:
    """Commits (merges included) reachable from `ref` (default HEAD) that touch `paths` (default
    all), and the tags on them, between `since` and `until` when given; oldest first."""
    if not repository.is_dir():
        raise SourceError(f"{repository}: no such folder (--from git reads a repository's folder)")
    _git(repository, "rev-parse", "--git-dir")  # "not a git repository" said by git itself
    commit = _resolve(repository, "HEAD" if ref is None else ref)
    window = [f"--since={since.isoformat()}"] if since else []
    window += [f"--until={until.isoformat()}"] if until else []
    log = _git(repository, "log", "--no-show-signature", "--encoding=UTF-8", f"--format={_COMMIT_FORMAT}",
               f"--max-count={MAX_COMMITS + 1}", *window, commit, "--", *paths)
    records = _records(log)
    if len(records) > MAX_COMMITS:
        raise SourceError(f"{repository}: more than {MAX_COMMITS} commits to import; "
                          "narrow them with --since/--until or --paths")
    events = [_commit_event(record, repository) for record in records]
    tags = _git(repository, "for-each-ref", f"--merged={commit}", f"--format={_TAG_FORMAT}", "refs/tags")
    events.extend(_tag_event(record, repository) for record in _records(tags))
    return sorted(events, key=lambda event: event.time)  # type: ignore[arg-type, return-value]


def _resolve(repository: Path, ref: str) -> str:
    """The commit a branch, tag or hash names. A leading dash is refused before git sees it:
    `--output=x` must not become an option."""
    if not ref or ref.startswith("-"):
        raise SourceError(f"--ref: {for_terminal(repr(ref))} is not a branch, tag or commit")
    try:
        return _git(repository, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except SourceError:
        raise SourceError(f"--ref: no branch, tag or commit {for_terminal(repr(ref))} in {repository}") from None


def _git(repository: Path, *arguments: str) -> str:
    command = ["git", "-C", str(repository), *arguments]
    try:
        result = subprocess.run(command, capture_output=True, check=False)
    except FileNotFoundError:
        raise SourceError("--from git needs the git program, which is not installed") from None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = for_terminal(reason[0]) if reason else f"git {arguments[0]} failed"
        raise SourceError(f"{repository}: {detail}")
    return result.stdout.decode("utf-8", "replace")


def _records(output: str) -> list[list[str]]:
    return [record.strip("\n").split(_FIELD) for record in output.split(_RECORD) if record.strip()]


def _time(text: str, where: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise SourceError(f"{where}: unreadable date {text!r} from git") from None


def _commit_event(record: list[str], repository: Path) -> TimelineEvent:
    short_hash, date, author, parents, subject = record
    where = f"{repository}: commit {short_hash}"
    kind = "merge" if len(parents.split()) > 1 else "commit"
    return new_event(_time(date, where), f"{short_hash} {kind} by {author}: {subject}", SOURCE, where)


def _tag_event(record: list[str], repository: Path) -> TimelineEvent:
    name, date, creator, object_hash, tagged_hash, subject = record
    where = f"{repository}: tag {name}"
    # An annotated tag is an object of its own, pointing at the commit; a lightweight one is the commit.
    commit = tagged_hash or object_hash
    who = creator.partition(" <")[0]
    return new_event(_time(date, where), f"tag {name} on {commit} by {who}: {subject}", SOURCE, where)
