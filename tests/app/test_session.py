"""The session's edits, without a screen: validation, cross-references, copy-on-write snapshots."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pytest

from pmtui import storage
from pmtui.app.launch import SAMPLE_COPY, launch_meeting, working_copy_of_sample
from pmtui.app.meeting.session import Area, EditError, Session, run_save
from pmtui.document.model import Document
from pmtui.resources import default_sample


@pytest.fixture
def session(sample_copy: Path) -> Session:
    return Session(storage.load(sample_copy))


def test_every_edit_bumps_the_revision_and_names_its_area(session: Session) -> None:
    seen: list[str] = []
    session.on_change = lambda area, note: seen.append(area)
    session.add_text("lessons", "One more")
    session.set_incident_field("tags", "db, deploy ,, ")
    assert seen == [Area.FINDINGS, Area.INCIDENT]
    assert session.revision == 2 and session.dirty
    assert session.document.incident.tags == ["db", "deploy"]


def test_a_bad_value_is_refused_with_the_field_named(session: Session) -> None:
    with pytest.raises(EditError, match=r'^incident\.date: invalid date "2026-13-01"'):
        session.set_incident_field("date", "2026-13-01")
    with pytest.raises(EditError, match=r"^timeline\[new\]\.time: invalid time"):
        session.add_event("25:99", "Never happened")
    with pytest.raises(EditError, match=r"^action_items\[new\]\.action: must not be empty"):
        session.add_action({"action": "  "})
    with pytest.raises(EditError, match=r'addresses: no why "9.9"'):
        session.add_action({"action": "Fix it", "addresses": "9.9"})
    assert session.revision == 0


def test_a_new_time_moves_the_event_to_its_place(session: Session) -> None:
    first = session.document.timeline[0]
    position = session.update_event(0, "14:28", first.event, first.source, None)
    times = [event.time for event in session.document.timeline]
    assert session.document.timeline[position].id == first.id
    assert times == sorted(times)


def test_deleting_an_event_drops_it_from_the_evidence(session: Session) -> None:
    index = next(i for i, event in enumerate(session.document.timeline) if event.id == "T4")
    session.delete_event(index)
    assert all("T4" not in why.evidence for why in session.document.whys)
    Document.model_validate(storage.to_mapping(session.document))  # still a valid file


def test_events_at_different_times_are_not_reordered_by_hand(session: Session) -> None:
    with pytest.raises(EditError, match="events stay in time order"):
        session.move_event(0, 1)


def test_deleting_a_why_renumbers_and_keeps_action_links_valid(session: Session) -> None:
    session.delete_why("1.1.1")
    ids = [why.id for why in session.document.whys]
    assert ids == ["1", "1.1", "1.1.1", "1.1.1.1"]  # 1.1.2 moved up
    links = {item.id: item.addresses for item in session.document.action_items}
    assert links["AI-1"] is None and links["AI-5"] == "1.1.1.1"


def test_a_save_snapshot_does_not_see_later_edits(session: Session) -> None:
    session.add_text("lessons", "Before the save")
    job = session.snapshot()
    assert job is not None
    session.add_event("14:40", "After the snapshot")
    session.add_text("lessons", "Also after")
    outcome = run_save(job)
    session.saved(outcome)
    on_disk = storage.load_document(session.path)
    assert "Before the save" in on_disk.findings.lessons
    assert "Also after" not in on_disk.findings.lessons
    assert all(event.event != "After the snapshot" for event in on_disk.timeline)
    assert session.dirty  # the later edits still need their own save
    session.saved(run_save(session.snapshot()))
    assert session.snapshot() is None  # nothing new to write
    assert not session.dirty


def test_bare_pmtui_works_on_a_copy_of_the_sample(tmp_path: Path) -> None:
    path, notice = working_copy_of_sample(tmp_path)
    assert path == tmp_path / SAMPLE_COPY
    assert path.read_bytes() == default_sample().read_bytes()
    assert str(path) in notice
    again, notice = working_copy_of_sample(tmp_path)
    assert again == path and "continuing" in notice


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG folders are the Linux and Unix convention")
def test_bare_pmtuis_copy_lives_in_the_users_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    path, notice = working_copy_of_sample()
    assert path == tmp_path / "data" / "pmtui" / SAMPLE_COPY and str(path) in notice
    assert [entry.name for entry in tmp_path.iterdir()] == ["data"]  # nothing in the current folder
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")  # not absolute: ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert working_copy_of_sample()[0] == tmp_path / "home" / ".local" / "share" / "pmtui" / SAMPLE_COPY


def test_a_link_planted_where_the_copy_goes_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    folder = tmp_path / "pmtui"
    folder.mkdir()
    (folder / SAMPLE_COPY).symlink_to(victim)
    with pytest.raises(OSError, match="not a regular file"):
        working_copy_of_sample(folder)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    (folder / SAMPLE_COPY).unlink()
    (folder / SAMPLE_COPY).symlink_to(tmp_path / "not-yet-there.toml")  # a dangling link: not created through
    with pytest.raises(OSError):
        working_copy_of_sample(folder)
    assert not (tmp_path / "not-yet-there.toml").exists()


def _args(file: str | None, layout: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(file=file, layout=layout, library=None, no_bell=False, theme=None)


def test_an_unreadable_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[incident\n", encoding="utf-8")
    assert launch_meeting(_args(str(broken))) == 2
    message = capsys.readouterr().err
    assert message.startswith(f"pmtui: {broken}: TOML syntax error") and message.count("\n") == 1


def test_an_unknown_layout_is_one_line_and_exit_2(sample_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert launch_meeting(_args(str(sample_copy), layout="marathon")) == 2
    assert 'no layout named "marathon"' in capsys.readouterr().err


def test_a_missing_file_suggests_pmtui_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert launch_meeting(_args(str(tmp_path / "nope.toml"))) == 2
    assert "pmtui new" in capsys.readouterr().err


def test_the_date_of_a_new_clock_time_follows_the_events(session: Session) -> None:
    index = session.add_event("14:05", "Mid-incident note")
    instant = session.instants()[index]
    assert instant.date() == dt.date(2026, 10, 27)


def test_the_meeting_opens_in_the_layout_the_team_policy_gives_the_severity(tmp_path: Path) -> None:
    from pmtui.app.launch import prepare_meeting
    from pmtui.document.template import new_document

    for severity, layout in (("SEV1", "sev1-extended"), ("SEV3", "lightweight"), ("SEV2", "standard")):
        path = tmp_path / f"{severity}.toml"
        storage.save_new(new_document(title="Outage", severity=severity, date="2026-10-30", timezone="UTC"), path)
        assert prepare_meeting(path).layout.name == layout  # the built-in policy
    (tmp_path / ".pmtui").mkdir()
    (tmp_path / ".pmtui" / "policy.toml").write_text('[severity.SEV2]\nlayout = "lightweight"\n', encoding="utf-8")
    assert prepare_meeting(tmp_path / "SEV2.toml").layout.name == "lightweight"
    assert prepare_meeting(tmp_path / "SEV2.toml", layout_name="standard").layout.name == "standard"  # --layout wins


def test_finalize_and_check_hold_the_document_to_the_policys_why_depth(tmp_path: Path) -> None:
    from pmtui import checking
    from pmtui.app.launch import prepare_meeting
    from pmtui.document.model import Status
    from pmtui.policy import load_policy
    from pmtui.review.blockers import blockers

    path = tmp_path / "incident.toml"
    path.write_bytes(default_sample().read_bytes())  # a final SEV1 whose deepest why chain is 5 deep
    (tmp_path / ".pmtui").mkdir()
    (tmp_path / ".pmtui" / "policy.toml").write_text("[severity.SEV1]\nmin_why_depth = 6\n", encoding="utf-8")
    session = prepare_meeting(path).session
    document = session.document
    assert session.review_config is not None and session.review_config.final_why_depth(document.incident.severity) == 6
    f9 = {blocker.path for blocker in blockers(document, Status.FINAL, session.review_config)}
    check = {problem.path for problem in checking.document_problems(document, str(path), policy=load_policy(path)[0])
             if problem.severity == "error"}
    assert "whys" in f9 and f9 == check
    assert blockers(document, Status.FINAL) == []  # the built-in depth (3) is met
