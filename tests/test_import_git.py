"""`pmtui import --from git`: commits, merges and tags of a temporary repository as timeline events."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui import storage
from pmtui.cli import main
from pmtui.importers import SourceError
from pmtui.importers.git_log import read_git_events
from tests.git_repository import GitRepository
from tests.test_import_cli import postmortem  # noqa: F401  (the fixture: a new draft on 2026-10-27, Berlin)

ANA = "Ana Lima <ana@example.com>"
BEN = "Ben Okafor <ben@example.com>"


@pytest.fixture
def repository(tmp_path) -> GitRepository:
    """main: a config change at 13:48, a merge of an orders branch at 14:20 tagged v2 (annotated),
    a docs change at 16:30; v1 (lightweight) on the first commit. Times are Berlin time (+01:00)."""
    repository = GitRepository(tmp_path / "service")
    repository.commit({"config/pool.toml": "workers = 8\n"}, "Double gunicorn workers per pod",
                      author=ANA, date="2026-10-27T13:48:00+01:00")
    repository.git("tag", "v1")
    repository.git("checkout", "--quiet", "-b", "orders/pool")
    repository.commit({"config/pool.toml": "workers = 4\n"}, "Go back to four workers",
                      author=BEN, date="2026-10-27T14:15:00+01:00")
    repository.git("checkout", "--quiet", "main")
    repository.git("merge", "--quiet", "--no-ff", "-m", "Merge branch 'orders/pool'", "orders/pool",
                   author=BEN, date="2026-10-27T14:20:00+01:00")
    repository.git("tag", "-a", "v2", "-m", "Release with the pool fix", author=ANA, date="2026-10-27T14:25:00+01:00")
    repository.commit({"docs/runbook.md": "pool\n"}, "Runbook: PgBouncer limits", author=ANA,
                      date="2026-10-27T16:30:00+01:00")
    return repository


def test_commits_merges_and_tags_become_events(repository):
    events = read_git_events(repository.root)
    texts = [event.event.split(" ", 1)[1] for event in events if not event.event.startswith("tag")]
    assert texts == [
        "commit by Ana Lima: Double gunicorn workers per pod",
        "commit by Ben Okafor: Go back to four workers",
        "merge by Ben Okafor: Merge branch 'orders/pool'",
        "commit by Ana Lima: Runbook: PgBouncer limits",
    ]
    short_hash = repository.git("rev-parse", "--short", "HEAD").strip()
    assert events[-1].event.startswith(f"{short_hash} commit")
    tags = [event.event for event in events if event.event.startswith("tag")]
    first = repository.git("rev-parse", "--short", "v1").strip()
    merge = repository.git("rev-parse", "--short", "v2^{commit}").strip()
    assert tags == [f"tag v1 on {first} by Ana Lima: Double gunicorn workers per pod",
                    f"tag v2 on {merge} by Ana Lima: Release with the pool fix"]
    assert {event.source for event in events} == {"git"}
    assert [event.time.isoformat() for event in events][:2] == ["2026-10-27T13:48:00+01:00"] * 2


def test_ref_and_paths_narrow_the_history(repository):
    on_branch = read_git_events(repository.root, ref="v1")
    assert [event.event.split(" ", 1)[1] for event in on_branch] == [
        "commit by Ana Lima: Double gunicorn workers per pod", "v1 on " + on_branch[1].event.split(" on ")[1]]
    docs = read_git_events(repository.root, paths=["docs"])
    assert [event.event.split(": ", 1)[1] for event in docs if "commit" in event.event.split()[1]] == [
        "Runbook: PgBouncer limits"]


@pytest.mark.parametrize("ref", ["--output={out}", "-p", "", "no-such-branch", "main --output={out}"])
def test_a_ref_never_becomes_an_option(repository, ref, tmp_path):
    written = tmp_path / "written-by-git"
    with pytest.raises(SourceError, match="^--ref: "):
        read_git_events(repository.root, ref=ref.format(out=written))
    assert not written.exists()


def test_import_dry_run_then_import_through_the_merge(repository, postmortem, capsys):
    capsys.readouterr()
    before = postmortem.read_bytes()
    arguments = ["import", str(postmortem), "--from", "git", str(repository.root), "--since", "14:00", "--until", "15:00"]
    assert main([*arguments, "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert postmortem.read_bytes() == before
    assert out[0].split() == ["TIME", "EVENT", "SOURCE", "MILESTONE"]
    assert [line.split()[0] for line in out[1:-1]] == ["14:15", "14:20", "14:25"]
    assert all(line.rstrip().endswith("git") for line in out[1:-1])
    # git itself leaves out the commits outside the window; the v1 tag is read, then left out.
    assert out[-1] == f"dry run, {postmortem} not changed: 3 events added; 1 outside --since/--until"
    assert main(arguments) == 0
    timeline = storage.load_document(postmortem).timeline
    assert [event.id for event in timeline] == ["T1", "T2", "T3"]
    assert "merge by Ben Okafor" in timeline[1].event
    capsys.readouterr()
    assert main(arguments) == 0  # the same import again adds nothing
    assert "0 events added; 3 already in the timeline" in capsys.readouterr().out


def test_dry_run_shows_control_characters_as_escapes(repository, postmortem, capsys):
    repository.commit({"x": "1"}, "Deploy \x1b]0;owned\x07 now", date="2026-10-27T15:00:00+01:00")
    capsys.readouterr()
    assert main(["import", str(postmortem), "--from", "git", str(repository.root), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b]0;owned\\x07 now" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--ref", "--upload-pack=touch x"], "--ref: '--upload-pack=touch x' is not a branch, tag or commit"),
        (["--ref", "nope"], "--ref: no branch, tag or commit 'nope' in "),
    ],
)
def test_bad_refs_are_one_line_errors(repository, postmortem, arguments, message, capsys):
    before = postmortem.read_bytes()
    assert main(["import", str(postmortem), "--from", "git", str(repository.root), *arguments]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"pmtui: {message}") and err.count("\n") == 1
    assert postmortem.read_bytes() == before


def test_not_a_repository_and_git_options_elsewhere(postmortem, tmp_path, capsys):
    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["import", str(postmortem), "--from", "git", str(plain)]) == 2
    assert "not a git repository" in capsys.readouterr().err
    assert main(["import", str(postmortem), "--from", "git", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'missing'}: no such folder (--from git reads a repository's folder)\n"
    assert main(["import", str(postmortem), "--from", "csv", "x.csv", "--ref", "main"]) == 2
    assert "--ref and --paths only apply to --from git" in capsys.readouterr().err


def test_a_history_longer_than_any_incident_is_refused_until_narrowed(repository, postmortem, monkeypatch, capsys):
    """A whole big repository's history would take minutes and gigabytes; --since/--until bound it."""
    monkeypatch.setattr("pmtui.importers.git_log.MAX_COMMITS", 2)
    before = postmortem.read_bytes()
    assert main(["import", str(postmortem), "--from", "git", str(repository.root)]) == 2
    assert capsys.readouterr().err == (f"pmtui: {repository.root}: more than 2 commits to import; "
                                       "narrow them with --since/--until or --paths\n")
    assert postmortem.read_bytes() == before
    assert main(["import", str(postmortem), "--from", "git", str(repository.root), "--since", "14:00", "--until", "15:00"]) == 0


def test_hostile_subjects_and_names_reach_the_terminal_escaped(tmp_path, postmortem, capsys):
    hostile = GitRepository(tmp_path / "hostile")
    hostile.commit({"new\nline.txt": "x\n"}, "deploy \x1b]52;c;aGk=\x07\x1b[2J\u202e done",
                   author="Eve\x1b[31m <eve@example.com>", date="2026-10-27T14:00:00+01:00")
    assert main(["import", str(postmortem), "--from", "git", str(hostile.root), "--dry-run", "--paths", "new\nline.txt"]) == 0
    out = capsys.readouterr().out
    assert "commit by Eve\\x1b[31m: deploy" in out  # the rest is cut to the column's width
    assert not any(character in out for character in "\x1b\x07\u202e")
