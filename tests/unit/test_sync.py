"""Offline-first sync end to end: kiosks (SQLite files) and a real PostgreSQL server.

Each story drives the real engine over real videos (dlib through the recorded
analyser), real kiosk files and the session's real server (``postgres_server``
in ``tests/conftest.py``); the HR workstation is the repository opened on the
server's URL, as ``kiosk admin`` opens it. Kiosk files are enrolled once per
session and copied per test.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg
import pytest
from clocks import CHINA
from sync_rounds import check_in, sync

from kiosk.cli.main import main as kiosk_main
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.errors import StorageError
from kiosk.reports.csv_writer import write_events_csv
from kiosk.reports.query import ReportQuery
from kiosk.security.pins import PinStore
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.sync.device import generated_device_id
from kiosk.sync.round import sync_status

START = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)
"""Frames of a video the engine sees per check-in attempt: blink-0012 checks in
by frame ~27 and blink-0013 by frame 44, so 60 is enough, and a deactivated
person gets as many chances as an active one did."""


@dataclass(frozen=True)
class Seeds:
    kiosk_a: Path
    """A kiosk file with 0012 enrolled (on that kiosk only)."""
    kiosk_b: Path
    """A kiosk file with 0013 enrolled (on that kiosk only)."""


@pytest.fixture(scope="session")
def seeds(tmp_path_factory, faces, analyzer) -> Seeds:
    folder = tmp_path_factory.mktemp("sync-seeds")
    paths = []
    for name, code, person in (("a", "0012", "张伟"), ("b", "0013", "李娜")):
        images = sorted((faces / "webcam/nuaa/live" / code).glob("*.jpg"))[:5]
        path = folder / f"kiosk-{name}.sqlite"
        with Repository(path) as repo:
            save_enrollment(repo, code=code, name=person, templates=templates_from_images(analyzer, images))
        paths.append(path)
    return Seeds(*paths)


@pytest.fixture
def kiosks(seeds: Seeds, tmp_path: Path) -> tuple[Path, Path]:
    copies = []
    for seed in (seeds.kiosk_a, seeds.kiosk_b):
        copy = tmp_path / seed.name
        shutil.copy(seed, copy)
        copies.append(copy)
    return copies[0], copies[1]




def server_events(url: str) -> list[tuple[str, str, str, str]]:
    """(uid, employee code, kind, device id) of every event on the server."""
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT ev.uid, e.code, ev.kind, ev.device_id FROM events ev JOIN employees e ON e.id = ev.employee_id "
            "ORDER BY e.code"
        ).fetchall()


def local_events(kiosk: Path) -> list[tuple[str, str, str]]:
    with Repository(kiosk) as repo:
        codes = {e.id: e.code for e in repo.employees.all()}
        return sorted(
            (event.uid or "", codes[event.employee_id], event.kind)
            for event in repo.events.between(START - timedelta(days=2), START + timedelta(days=2))
        )


def test_two_kiosks_check_different_people_in_and_each_event_reaches_the_server_once(
    kiosks, server_url, video_frames, analyzer
):
    kiosk_a, kiosk_b = kiosks
    assert check_in(kiosk_a, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
    assert check_in(kiosk_b, "blink-0013.mp4", START, video_frames, analyzer) == "0013"

    assert sync(kiosk_a, server_url).to_json() == {"pushed": 1, "pulled": 0, "pending": 0}
    assert sync(kiosk_b, server_url).to_json() == {"pushed": 1, "pulled": 2, "pending": 0}  # 0012 and their event
    assert sync(kiosk_a, server_url).to_json() == {"pushed": 0, "pulled": 2, "pending": 0}  # 0013 and their event
    for kiosk in kiosks:  # nothing left to do, and nothing sent twice
        assert sync(kiosk, server_url).to_json() == {"pushed": 0, "pulled": 0, "pending": 0}

    events = server_events(server_url)
    assert [(code, kind) for _uid, code, kind, _device in events] == [("0012", "in"), ("0013", "in")]
    devices = {device for *_rest, device in events}
    assert len(devices) == 2 and all(device.startswith("kiosk-") for device in devices)
    # Both kiosks now hold the same two events, under the same global ids.
    assert local_events(kiosk_a) == local_events(kiosk_b) == sorted((uid, code, kind) for uid, code, kind, _ in events)


def test_an_employee_enrolled_on_one_kiosk_is_recognised_on_the_other_after_a_sync(
    kiosks, server_url, video_frames, analyzer
):
    kiosk_a, kiosk_b = kiosks
    assert check_in(kiosk_b, "blink-0012.mp4", START, video_frames, analyzer) is None  # B has never seen 0012
    sync(kiosk_a, server_url)
    assert sync(kiosk_b, server_url).pulled == 1
    assert check_in(kiosk_b, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
    sync(kiosk_b, server_url)
    [(_uid, code, kind, _device)] = server_events(server_url)
    assert (code, kind) == ("0012", "in")


@pytest.mark.expected_log("kiosk.sync", "")
def test_with_the_server_down_a_kiosk_keeps_checking_in_and_every_queued_event_arrives_once(
    kiosks, server_url, postgres_server, video_frames, analyzer
):
    kiosk_a, _ = kiosks
    sync(kiosk_a, server_url)
    postgres_server.stop()
    try:
        assert check_in(kiosk_a, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
        assert check_in(kiosk_a, "blink-0012.mp4", START + timedelta(hours=9), video_frames, analyzer) == "0012"
        with pytest.raises(StorageError, match="Cannot reach the attendance server"):
            sync(kiosk_a, server_url)
        with Repository(kiosk_a) as repo:
            assert sync_status(repo).pending == 2
    finally:
        postgres_server.start()
    assert sync(kiosk_a, server_url).to_json() == {"pushed": 2, "pulled": 0, "pending": 0}
    assert sync(kiosk_a, server_url).to_json() == {"pushed": 0, "pulled": 0, "pending": 0}
    assert sorted(kind for _uid, _code, kind, _device in server_events(server_url)) == ["in", "out"]


def test_an_employee_deactivated_on_the_hr_workstation_cannot_check_in_at_any_kiosk_after_the_next_sync(
    kiosks, server_url, hr, video_frames, analyzer
):
    kiosk_a, kiosk_b = kiosks
    for kiosk in (kiosk_a, kiosk_b, kiosk_a):
        sync(kiosk, server_url)
    zhang = hr.employees.find("0012")
    assert zhang is not None
    hr.employees.update(zhang.id, active=False, actor="hr")
    for kiosk in kiosks:
        sync(kiosk, server_url)
        assert check_in(kiosk, "blink-0012.mp4", START, video_frames, analyzer) is None
    # 0013, still active, still checks in at the kiosk that learnt 0012's deactivation.
    assert check_in(kiosk_a, "blink-0013.mp4", START, video_frames, analyzer) == "0013"
    # The kiosk's own retention pass later erases its copy of 0012's face: not news for the
    # server, which keeps its copy until its own retention pass (or HR) erases it.
    with Repository(kiosk_a) as repo:
        local_zhang = repo.employees.find("0012")
        assert local_zhang is not None
        repo.employees.erase_personal_data(local_zhang.id, "kiosk", "retention period over")
    assert sync(kiosk_a, server_url).employees_pushed == 0
    assert len(hr.templates.of(zhang.id)) == 5


def _exported(repo: Repository, path: Path) -> list[tuple[str, str, str, str]]:
    write_events_csv(ReportQuery(repo, date(2026, 11, 22), date(2026, 11, 24)), path)
    with path.open(encoding="utf-8-sig") as handle:
        return [(row["time"], row["employee_code"], row["type"], row["note"]) for row in csv.DictReader(handle)]


def test_a_correction_made_on_the_hr_workstation_shows_in_every_export(
    kiosks, server_url, hr, video_frames, analyzer, tmp_path
):
    kiosk_a, kiosk_b = kiosks
    assert check_in(kiosk_a, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
    for kiosk in (kiosk_a, kiosk_b, kiosk_a):
        sync(kiosk, server_url)
    [event] = hr.events.between(START - timedelta(days=1), START + timedelta(days=1))
    hr.events.update(event.id, at_utc=START.replace(hour=8, minute=30), reason="badge reader queue", actor="hr")
    zhang = hr.employees.find("0012")
    assert zhang is not None
    evening = START.replace(hour=18, minute=0)
    hr.events.add_manual(zhang.id, "out", evening, 480, reason="forgot to check out", actor="hr")
    for kiosk in (kiosk_a, kiosk_b):
        assert sync(kiosk, server_url).pulled == 2
    expected = [("08:30:00", "0012", "in", "badge reader queue"), ("18:00:00", "0012", "out", "forgot to check out")]
    assert _exported(hr, tmp_path / "hr.csv") == expected
    for kiosk in (kiosk_a, kiosk_b):
        with Repository(kiosk) as repo:
            assert _exported(repo, tmp_path / f"{kiosk.stem}.csv") == expected
    # A deletion on the server reaches the kiosks too, and is not sent back.
    hr.events.delete(event.id, reason="duplicate", actor="hr")
    for kiosk in (kiosk_a, kiosk_b):
        assert sync(kiosk, server_url).to_json() == {"pushed": 0, "pulled": 1, "pending": 0}
        with Repository(kiosk) as repo:
            assert _exported(repo, tmp_path / f"{kiosk.stem}.csv") == expected[1:]


@pytest.mark.parametrize("problem", ["wrong host", "bad password", "other schema"])
def test_a_bad_server_gets_one_line_a_non_zero_exit_and_leaves_the_local_file_untouched(
    problem, kiosks, server_url, postgres_server, capsys
):
    kiosk_a, _ = kiosks
    before = kiosk_a.read_bytes()
    url = {
        "wrong host": postgres_server.url("nowhere", host="127.0.0.2", port=1),
        "bad password": postgres_server.url(server_url.rsplit("/", 1)[1], password="wrong"),
        "other schema": server_url,
    }[problem]
    if problem == "other schema":
        with psycopg.connect(server_url) as conn:
            conn.execute("UPDATE kiosk_schema SET version = version + 1")
    code = kiosk_main(["sync", "--db", str(kiosk_a), "--server", url, "--json"])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("kiosk: error: ")
    assert {"wrong host": "Cannot reach", "bad password": "user name or password", "other schema": "newer kiosk"}[
        problem
    ] in err
    assert postgres_server.password not in err
    assert kiosk_a.read_bytes() == before


def test_kiosk_sync_prints_one_json_line(kiosks, server_url, capsys):
    kiosk_a, _ = kiosks
    assert kiosk_main(["sync", "--db", str(kiosk_a), "--server", server_url, "--json"]) == 0
    assert capsys.readouterr().out == '{"pushed": 0, "pulled": 0, "pending": 0}\n'


def test_a_kiosk_syncs_with_the_door_role_which_adds_staff_but_cannot_change_them(
    kiosks, server_url, postgres_server, hr, video_frames, analyzer
):
    roles = Path(__file__).resolve().parents[2] / "kiosk" / "security" / "roles.sql"
    database = server_url.rsplit("/", 1)[1]
    door = f"door_sync_{database}"
    with postgres_server.admin(database) as conn:
        conn.execute(roles.read_text())
        conn.execute(f"DROP ROLE IF EXISTS {door}")
        conn.execute(f"CREATE ROLE {door} LOGIN PASSWORD 'pw' IN ROLE kiosk_door")
    try:
        door_url = postgres_server.url(database, user=door, password="pw")
        kiosk_a, _ = kiosks
        with Repository(kiosk_a) as repo:  # HR registers the door with the kiosk's device id (Doors page)
            hr.doors.register(door, generated_device_id(repo), actor="hr")
        assert check_in(kiosk_a, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
        assert sync(kiosk_a, door_url).to_json() == {"pushed": 1, "pulled": 0, "pending": 0}
        assert [(code, kind) for _uid, code, kind, _device in server_events(server_url)] == [("0012", "in")]
        # Re-enrolled at the door with other photos: the door role may not replace a face on the
        # server, so the new templates stay on this kiosk (and are not overwritten by the old ones),
        # and go to HR as a request (kiosk.storage.enrollment_requests).
        with Repository(kiosk_a) as repo:
            zhang = repo.employees.find("0012")
            assert zhang is not None
            other = [("front", vector) for _angle, vector in repo.templates.of(zhang.id)][:1]
            repo.templates.replace(zhang.id, other, actor="door admin")
        assert sync(kiosk_a, door_url).to_json() == {"pushed": 0, "pulled": 0, "pending": 0}
        server_zhang = hr.employees.find("0012")
        assert server_zhang is not None and len(hr.templates.of(server_zhang.id)) == 5
        with Repository(kiosk_a) as repo:
            assert len(repo.templates.of(zhang.id)) == 1
        assert [(r.code, r.templates) for r in hr.enrollment_requests.pending()] == [("0012", 5), ("0012", 1)]
    finally:
        with postgres_server.admin(database) as conn:
            conn.execute(f"DROP OWNED BY {door}")
            conn.execute(f"DROP ROLE IF EXISTS {door}")


def test_a_personal_pin_and_the_admin_pin_set_on_the_hr_workstation_work_at_the_door_after_a_sync(
    kiosks, server_url, hr
):
    kiosk_a, _ = kiosks
    sync(kiosk_a, server_url)
    zhang = hr.employees.find("0012")
    assert zhang is not None
    PinStore(hr).set_employee_pin(zhang.id, "2468", actor="hr")
    hr.settings.set("admin_pin_hash", PinStore(hr).hash("135790"))
    with Repository(kiosk_a) as repo:  # the server's PIN key file is copied beside the kiosk file (README)
        PinStore(repo).key_path.write_bytes(PinStore(hr).key_path.read_bytes())
        PinStore(repo).key_path.chmod(0o600)
    # The employee (their PIN), the admin PIN and the fingerprint of the key both were made with.
    assert sync(kiosk_a, server_url).pulled == 3
    with Repository(kiosk_a) as repo:
        checked = PinStore(repo).verify_employee_pin("0012", "2468")
        assert checked is not None and checked.code == "0012"
        assert PinStore(repo).verify_employee_pin("0012", "1111") is None
        stored = repo.settings.get("admin_pin_hash")
        assert stored is not None and PinStore(repo).verify("135790", stored)


@pytest.mark.expected_log("kiosk.sync", "")
def test_two_kiosks_enrolling_different_people_under_one_code_keep_both_and_the_second_waits(
    kiosks, server_url, hr, clock
):
    kiosk_a, kiosk_b = kiosks
    with Repository(kiosk_b) as repo:  # someone else enrolled as 0012 at door B, before any sync
        other = repo.employees.add("0012", "王芳", templates=[("front", np.full(128, 0.05, dtype=np.float32))])
        repo.events.add(AttendanceEvent(None, other.id, "in", clock(), 480, 0.3, True, "face", "door-b"))
    sync(kiosk_a, server_url)
    # B's 0012 is refused by the server (the code is taken) and A's 0012 is not copied over it:
    # nothing is merged by guesswork, and B's check-in waits (the screen warns after an hour).
    assert sync(kiosk_b, server_url).to_json() == {"pushed": 0, "pulled": 0, "pending": 1}
    server_zhang = hr.employees.find("0012")
    assert server_zhang is not None and server_zhang.name == "张伟"
    with Repository(kiosk_b) as repo:
        assert [(e.code, e.name) for e in repo.employees.all()] == [("0012", "王芳"), ("0013", "李娜")]
