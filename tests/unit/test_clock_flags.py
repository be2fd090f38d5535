"""What follows a ``clock_suspect`` flag: retention erases nothing, HR confirms or fixes the punch
(audited), the raw export carries the flag, admins are warned, and the flag travels with sync.

Real databases (SQLite files, and the session's PostgreSQL server for sync), a fake clock for the
kiosk, and the real one where a command reads it (``kiosk erase``).
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from clocks import CHINA, FakeClock
from sync_rounds import sync

import kiosk
from kiosk.attendance.clock_check import ClockSuspect
from kiosk.attendance.scan import AttendanceRules
from kiosk.cli.main import main
from kiosk.engine import EventKind
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.errors import InputError
from kiosk.ops.health import Problem, admin_warnings
from kiosk.privacy import RetentionSchedule, erase_expired
from kiosk.reports.csv_writer import write_events_csv
from kiosk.reports.query import ReportQuery
from kiosk.settings.specs import Settings
from kiosk.storage.models import AttendanceEvent, Employee
from kiosk.storage.repository import Repository
from kiosk.sync.round import sync_once
from kiosk.sync.server import open_server
from kiosk.wiring import create_engine

FLAGGED = ("clock_suspect",)
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=CHINA)


def _face(repo: Repository, employee: Employee, at: datetime) -> AttendanceEvent:
    return repo.events.add(AttendanceEvent(None, employee.id, "in", at.astimezone(UTC), 480, 0.4, True, "face", "k"))


def _flagged_check_in(repo: Repository, employee: Employee) -> AttendanceEvent:
    """A check-in stamped half an hour behind the newest one in the log (the clock went back)."""
    _face(repo, repo.employees.add("E900", "王芳"), T0)
    outcome = AttendanceRules(repo, lambda: T0 - timedelta(minutes=30)).register(employee, distance=0.4, live=True)
    assert outcome.event is not None and outcome.event.flags == FLAGGED
    return outcome.event


# ---------------------------------------------------------------- at the door


@pytest.mark.expected_log("kiosk.retention", "retention pass postponed: nothing was erased")
def test_a_kiosk_woken_in_2000_records_the_check_in_flagged(tmp_path, video_frames, analyzer, faces, monkeypatch):
    """A dead CMOS battery: the engine over a real video still checks the person in, and flags the time."""
    monkeypatch.setattr(kiosk, "RELEASE_DATE", date(2026, 12, 7))
    cmos = datetime(2000, 1, 1, 8, 0, tzinfo=CHINA)
    photos = sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))[:5]
    with Repository(tmp_path / "k.sqlite") as repo:
        save_enrollment(repo, code="0012", name="张伟", templates=templates_from_images(analyzer, photos))
        engine = create_engine(repo, Settings(), lambda: cmos, analyzer=analyzer)
        checked_in = [event for frame in video_frames("blink-0012.mp4")[:60] for event in engine.process(frame).events
                      if event.kind is EventKind.CHECKED_IN]
        [flagged] = repo.events.flagged()
        assert [event.outcome.event for event in checked_in if event.outcome] == [flagged]
        assert (flagged.at_local, flagged.flags) == (cmos, FLAGGED)
        [warning] = admin_warnings(repo, tmp_path, cmos, 0)
        assert warning.detail.endswith("but it is earlier than the release of this version (2026-12-07)")


# ---------------------------------------------------------------- retention


@pytest.mark.expected_log("kiosk.retention", "retention pass postponed")
def test_retention_erases_nothing_while_the_clock_is_suspect(tmp_path: Path) -> None:
    clock = FakeClock(T0)
    with Repository(tmp_path / "k.sqlite", clock=clock) as repo:
        gone = repo.employees.add("A", "Ann", templates=[("front", np.ones(128, dtype=np.float32))])
        repo.employees.update(gone.id, active=False)
        _face(repo, repo.employees.add("B", "Bo"), T0 + timedelta(days=40))  # a clock ran ahead, then was set back
        clock.advance(days=31)  # past the retention period, but 9 days behind the log
        with pytest.raises(ClockSuspect, match="nothing was erased: the computer's clock looks wrong"):
            erase_expired(repo, clock(), 30, actor="kiosk")
        assert RetentionSchedule(repo, clock, 30).run_if_due() == []
        assert len(repo.templates.of(gone.id)) == 1
        assert not [entry for entry in repo.audit.entries() if entry.action == "erase_biometrics"]
        clock.now = T0 + timedelta(days=40, minutes=1)  # the clock is right again
        assert [erased.employee.code for erased in erase_expired(repo, clock(), 30, actor="kiosk")] == ["A"]


def test_kiosk_erase_expired_refuses_in_one_line_while_the_clock_is_suspect(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("KIOSK_DB", raising=False)
    db = tmp_path / "office.sqlite"
    with Repository(db) as repo:
        _face(repo, repo.employees.add("B", "Bo"), datetime.now(UTC) + timedelta(days=2))  # newer than this clock
    assert main(["erase", "--db", str(db), "--expired"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kiosk: error: nothing was erased: the computer's clock looks wrong (the clock reads ")
    assert "earlier than a check-in already recorded at" in err and err.count("\n") == 1


# ---------------------------------------------------------------- HR: confirm or fix


def test_hr_confirms_a_flagged_punch_audited_or_fixes_its_time(repo, employee) -> None:
    flagged = _flagged_check_in(repo, employee)
    assert flagged.id is not None
    assert [event.id for event in repo.events.flagged()] == [flagged.id]
    with pytest.raises(InputError, match="reason"):
        repo.events.confirm(flagged.id, reason=" ")
    confirmed = repo.events.confirm(flagged.id, reason="team leader saw her come in at 08:30", actor="hr")
    assert confirmed.flags == () and repo.events.with_uid(flagged.uid or "") == confirmed
    [entry] = [entry for entry in repo.audit.entries() if entry.action == "confirm_event"]
    assert entry.actor == "hr"
    assert entry.detail == (f"event {flagged.id}: E001 in at 2026-11-23 08:30:00+08:00 confirmed, "
                            "clock_suspect cleared; reason: team leader saw her come in at 08:30")
    with pytest.raises(InputError, match="nothing to confirm"):
        repo.events.confirm(flagged.id, reason="again")
    assert repo.events.flagged() == []

    second = AttendanceRules(repo, lambda: T0 - timedelta(hours=2)).register(employee, distance=0.4, live=True).event
    assert second is not None and second.id is not None and second.flags == FLAGGED
    fixed = repo.events.update(second.id, at_utc=T0.astimezone(UTC) + timedelta(hours=8), reason="real time 17:00")
    assert fixed.flags == () and repo.events.flagged() == []  # a time HR set rests on no clock


# ---------------------------------------------------------------- export and admins


def test_the_raw_export_carries_the_flag(repo, employee, tmp_path) -> None:
    _flagged_check_in(repo, employee)
    path = tmp_path / "events.csv"
    assert write_events_csv(ReportQuery(repo, date(2026, 11, 23), date(2026, 11, 23)), path) == 2
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(row["employee_code"], row["time"], row["flags"]) for row in rows] == [
        ("E001", "08:30:00", "clock_suspect"), ("E900", "09:00:00", ""),
    ]
    assert write_events_csv(ReportQuery(repo, date(2026, 11, 23), date(2026, 11, 23)), path, language="zh_CN") == 2
    assert path.read_text(encoding="utf-8-sig").splitlines()[0].endswith(",备注,标记")


def test_admins_are_warned_while_the_clock_is_suspect(repo, employee, tmp_path) -> None:
    _face(repo, employee, T0)
    assert admin_warnings(repo, tmp_path, T0 + timedelta(minutes=1), 0) == []
    [warning] = admin_warnings(repo, tmp_path, T0 - timedelta(minutes=11), 0)
    assert warning.problem is Problem.CLOCK_SUSPECT
    assert warning.detail == ("clock suspect: the clock reads 2026-11-23 08:49+08:00, but it is earlier than "
                              "a check-in already recorded at 2026-11-23 09:00+08:00")
    [low] = admin_warnings(repo, tmp_path, T0, 10**9)  # a million megabytes: no disk has that free
    assert low.problem is Problem.DISK_LOW and low.detail.startswith("low disk space: ")


# ---------------------------------------------------------------- with a server


def test_the_flag_goes_up_with_the_punch_and_hrs_confirmation_comes_down(server_url, hr, tmp_path) -> None:
    kiosk = tmp_path / "kiosk.sqlite"
    with Repository(kiosk) as local:
        flagged = _flagged_check_in(local, local.employees.add("0012", "张伟"))
    sync(kiosk, server_url)
    [on_server] = hr.events.flagged()
    assert (on_server.uid, on_server.flags) == (flagged.uid, FLAGGED)
    assert on_server.id is not None
    hr.events.confirm(on_server.id, reason="checked with the door camera", actor="hr")
    sync(kiosk, server_url)
    with Repository(kiosk) as local:
        assert local.events.flagged() == []
        assert local.events.with_uid(flagged.uid or "").flags == ()  # type: ignore[union-attr]


def test_a_sync_measures_the_kiosks_clock_against_the_servers(server_url, tmp_path) -> None:
    kiosk = tmp_path / "kiosk.sqlite"
    server = open_server(server_url)
    try:
        with Repository(kiosk) as local:
            sync_once(local, server)
            offset = local.sync_state.server_clock_offset()
            assert offset is not None and abs(offset) < 5  # one machine, one clock
            five_behind = lambda: datetime.now(UTC) - timedelta(minutes=5)  # noqa: E731
            sync_once(local, server, clock=five_behind)
            offset = local.sync_state.server_clock_offset()
            assert offset is not None and 295 < offset < 305
            outcome = AttendanceRules(local, five_behind).register(
                local.employees.add("0012", "张伟"), distance=0.4, live=True
            )
            assert outcome.event is not None and outcome.event.flags == FLAGGED
    finally:
        server.close()
