"""Doors that speak only for themselves (issue 19), through real sync rounds between kiosk files and the server.

Two kiosk files sync as two door logins (members of ``kiosk_door``, with the
roles file applied, as the README sets a company up); the HR workstation is
the repository on the server (``hr``). Faces are real: each kiosk's engine
runs over the real videos (dlib through the recorded analyser), so
"recognised" below means a check-in the engine made.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from clocks import CHINA
from postgres import PostgresServer
from sync_rounds import check_in, sync

from kiosk.cli.main import main as kiosk_main
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.storage.enrollment_requests import RequestKind
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.sync.device import generated_device_id
from kiosk.sync.door import DoorRefused
from kiosk.sync.round import sync_status

ROLES_SQL = Path(__file__).resolve().parents[2] / "kiosk" / "security" / "roles.sql"
START = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)
"""Frames the engine sees per attempt (blink-0012 checks in by frame ~27, blink-0013 by 44)."""


@dataclass(frozen=True)
class Door:
    """A kiosk file and the door login it syncs as."""

    kiosk: Path
    login: str
    url: str

    @property
    def device_id(self) -> str:
        with Repository(self.kiosk) as repo:
            return generated_device_id(repo)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, faces, analyzer) -> tuple[Path, Path]:
    """Kiosk A with 0012 enrolled there, kiosk B with 0013 enrolled there (each on that kiosk only)."""
    folder = tmp_path_factory.mktemp("door-seeds")
    paths = []
    for name, code, person in (("a", "0012", "张伟"), ("b", "0013", "李娜")):
        images = sorted((faces / "webcam/nuaa/live" / code).glob("*.jpg"))[:5]
        path = folder / f"door-{name}.sqlite"
        with Repository(path) as repo:
            save_enrollment(repo, code=code, name=person, templates=templates_from_images(analyzer, images))
        paths.append(path)
    return paths[0], paths[1]


@pytest.fixture
def doors(seeds, server_url: str, postgres_server: PostgresServer, tmp_path: Path) -> Iterator[tuple[Door, Door]]:
    """Copies of the two kiosk files and a door login for each (not registered yet)."""
    database = server_url.rsplit("/", 1)[1]
    with postgres_server.admin(database) as conn:
        conn.execute(ROLES_SQL.read_text())
    made = []
    for seed, name in zip(seeds, ("a", "b"), strict=True):
        kiosk = tmp_path / seed.name
        shutil.copy(seed, kiosk)
        login = f"door_{name}_{database}"
        with postgres_server.admin() as conn:
            conn.execute(f"DROP ROLE IF EXISTS {login}")
            conn.execute(f"CREATE ROLE {login} LOGIN PASSWORD 'pw' IN ROLE kiosk_door")
        made.append(Door(kiosk, login, postgres_server.url(database, user=login, password="pw")))
    try:
        yield made[0], made[1]
    finally:
        with postgres_server.admin(database) as conn:
            for door in made:
                conn.execute(f"DROP OWNED BY {door.login}")
                conn.execute(f"DROP ROLE IF EXISTS {door.login}")


def register(hr: Repository, *doors: Door) -> None:
    """HR registers each door's login with its kiosk's device id (the workstation's Doors page)."""
    for door in doors:
        hr.doors.register(door.login, door.device_id, actor="hr")




def local_codes(kiosk: Path) -> list[str]:
    with Repository(kiosk) as repo:
        return [employee.code for employee in repo.employees.all(include_inactive=False)]


def server_events(url: str) -> list[tuple[str, str, str]]:
    """(employee code, kind, device id) of every event on the server, as its owner sees them."""
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT e.code, ev.kind, ev.device_id FROM events ev JOIN employees e ON e.id = ev.employee_id "
            "ORDER BY ev.at_utc, e.code"
        ).fetchall()


def test_a_new_enrollment_works_at_its_door_at_once_and_at_the_other_doors_only_after_hr_approves(
    doors, server_url, hr, video_frames, analyzer
):
    door_a, door_b = doors
    register(hr, door_a, door_b)
    # Enrolled at A: recognised there at once, before any sync.
    assert check_in(door_a.kiosk, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
    assert sync(door_a.kiosk, door_a.url).to_json() == {"pushed": 1, "pulled": 0, "pending": 0}
    sync(door_b.kiosk, door_b.url)
    # Waiting for HR: B does not get A's new person, and A does not get B's.
    assert local_codes(door_b.kiosk) == ["0013"] and local_codes(door_a.kiosk) == ["0012"]
    assert check_in(door_b.kiosk, "blink-0012.mp4", START, video_frames, analyzer) is None
    # A still recognises them after its round (its own enrollment came back as it was).
    assert sync(door_a.kiosk, door_a.url).to_json() == {"pushed": 0, "pulled": 0, "pending": 0}
    later = START + timedelta(hours=9)
    assert check_in(door_a.kiosk, "blink-0012.mp4", later, video_frames, analyzer) == "0012"
    sync(door_a.kiosk, door_a.url)

    pending = {request.code: request for request in hr.enrollment_requests.pending()}
    assert {code: (r.kind, r.door_login, r.device_id, r.templates) for code, r in pending.items()} == {
        "0012": (RequestKind.NEW, door_a.login, door_a.device_id, 5),
        "0013": (RequestKind.NEW, door_b.login, door_b.device_id, 5),
    }
    hr.enrollment_requests.approve(pending["0012"], actor="hr")
    # B's next round brings 0012 and their check-ins at A (stamped again by the approval).
    sync(door_b.kiosk, door_b.url)
    assert local_codes(door_b.kiosk) == ["0012", "0013"]
    with Repository(door_b.kiosk) as repo:
        zhang = repo.employees.find("0012")
        assert zhang is not None
        assert [e.kind for e in repo.events.between(START, START + timedelta(days=1), zhang.id)] == ["in", "out"]
    assert check_in(door_b.kiosk, "blink-0012.mp4", START + timedelta(days=1), video_frames, analyzer) == "0012"
    sync(door_b.kiosk, door_b.url)
    assert [(code, device) for code, _kind, device in server_events(server_url)] == [
        ("0012", door_a.device_id), ("0012", door_a.device_id), ("0012", door_b.device_id),
    ]  # fmt: skip
    assert [e.action for e in hr.audit.entries() if e.action.endswith("enrollment")] == ["approve_enrollment"]


def test_a_rejected_enrollment_stops_working_at_its_door_and_never_reaches_another(
    doors, server_url, hr, video_frames, analyzer
):
    door_a, door_b = doors
    register(hr, door_a, door_b)
    assert check_in(door_b.kiosk, "blink-0013.mp4", START, video_frames, analyzer) == "0013"
    sync(door_b.kiosk, door_b.url)
    [request] = [r for r in hr.enrollment_requests.pending() if r.code == "0013"]
    hr.enrollment_requests.reject(request, reason="not on the payroll", actor="hr")
    sync(door_b.kiosk, door_b.url)  # B learns it: the person is deactivated and their face erased there too
    assert local_codes(door_b.kiosk) == []
    with Repository(door_b.kiosk) as repo:
        li = repo.employees.find("0013")
        assert li is not None and not li.active and repo.templates.of(li.id) == []
    assert check_in(door_b.kiosk, "blink-0013.mp4", START + timedelta(hours=1), video_frames, analyzer) is None
    sync(door_a.kiosk, door_a.url)
    assert "0013" not in local_codes(door_a.kiosk)
    # The check-in made before the rejection stays on the server for HR to review (door B's day).
    assert server_events(server_url) == [("0013", "in", door_b.device_id)]
    [entry] = [e for e in hr.audit.entries() if e.action == "reject_enrollment"]
    assert entry.detail.endswith("5 templates erased; reason: not on the payroll")


def test_an_unregistered_door_gets_the_gallery_and_one_line_naming_its_login_until_hr_registers_it(
    doors, server_url, hr, video_frames, analyzer, capsys
):
    door_a, door_b = doors
    register(hr, door_a)
    sync(door_a.kiosk, door_a.url)
    hr.enrollment_requests.approve(hr.enrollment_requests.pending()[0], actor="hr")
    assert check_in(door_b.kiosk, "blink-0013.mp4", START, video_frames, analyzer) == "0013"

    code = kiosk_main(["sync", "--db", str(door_b.kiosk), "--server", door_b.url, "--json"])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err == (
        f"kiosk: error: server: this kiosk's login {door_b.login} is not registered as a door; ask HR to register "
        f"it on the workstation (Doors page) with this kiosk's device id, {door_b.device_id}\n"
    )
    # It read the gallery (0012 is recognised at B now) and wrote nothing: B's person and check-in wait.
    assert check_in(door_b.kiosk, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
    assert [code for code, _kind, _device in server_events(server_url)] == []
    assert [e.code for e in hr.employees.all()] == ["0012"]
    with Repository(door_b.kiosk) as repo:
        assert sync_status(repo).pending == 2

    register(hr, door_b)
    assert sync(door_b.kiosk, door_b.url).to_json() == {"pushed": 2, "pulled": 0, "pending": 0}


@pytest.mark.expected_log("kiosk.sync", "")
def test_a_door_sends_its_own_check_ins_late_and_keeps_back_what_it_may_not_send(
    doors, server_url, hr, video_frames, analyzer
):
    door_a, _ = doors
    register(hr, door_a)
    # Offline for two weeks: the check-ins it took then go now.
    assert check_in(door_a.kiosk, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
    with Repository(door_a.kiosk) as repo:
        zhang = repo.employees.find("0012")
        assert zhang is not None
        # Not this door's to send: a manual punch under another device id, and one dated tomorrow.
        repo.events.add_manual(zhang.id, "out", START + timedelta(hours=9), 480, "forgot to check out")
        tomorrow = datetime.now(UTC) + timedelta(days=1)
        repo.events.add(AttendanceEvent(None, zhang.id, "in", tomorrow, 480, 0.3, True, "face", door_a.device_id))
    assert sync(door_a.kiosk, door_a.url).to_json() == {"pushed": 1, "pulled": 0, "pending": 2}
    assert server_events(server_url) == [("0012", "in", door_a.device_id)]

    # Registered under another name than its check-ins carry: one line, and they wait.
    hr.doors.remove(door_a.device_id, reason="renamed", actor="hr")
    hr.doors.register(door_a.login, "north-door", actor="hr")
    with pytest.raises(DoorRefused, match=f"login {door_a.login} is registered as the door north-door, but this"):
        sync(door_a.kiosk, door_a.url)


def test_a_reenrollment_at_a_door_goes_to_hr_and_reaches_every_door_once_approved(
    doors, server_url, hr, video_frames, analyzer
):
    door_a, door_b = doors
    register(hr, door_a, door_b)
    sync(door_a.kiosk, door_a.url)
    hr.enrollment_requests.approve(hr.enrollment_requests.pending()[0], actor="hr")
    sync(door_b.kiosk, door_b.url)
    # 0012 re-enrolled at B (here: one of their own templates, as if captured again).
    with Repository(door_b.kiosk) as repo:
        zhang = repo.employees.find("0012")
        assert zhang is not None
        repo.templates.replace(zhang.id, repo.templates.of(zhang.id)[:1], actor="door admin")
    for _ in range(2):  # sent once, then waits for HR
        assert sync(door_b.kiosk, door_b.url).to_json() == {"pushed": 0, "pulled": 0, "pending": 0}
    server_zhang = hr.employees.find("0012")
    assert server_zhang is not None and len(hr.templates.of(server_zhang.id)) == 5
    [request] = [r for r in hr.enrollment_requests.pending() if r.kind is RequestKind.REENROLL]
    assert (request.kind, request.code, request.door_login, request.device_id, request.templates) == (
        RequestKind.REENROLL, "0012", door_b.login, door_b.device_id, 1,
    )  # fmt: skip
    hr.enrollment_requests.approve(request, actor="hr")
    assert len(hr.templates.of(server_zhang.id)) == 1
    assert sync(door_a.kiosk, door_a.url).pulled == 1
    with Repository(door_a.kiosk) as repo:
        assert len(repo.templates.of(repo.employees.find("0012").id)) == 1  # type: ignore[union-attr]
    assert check_in(door_a.kiosk, "blink-0012.mp4", START, video_frames, analyzer) == "0012"
    # B and the server agree again: nothing more to send or fetch.
    assert sync(door_b.kiosk, door_b.url).to_json() == {"pushed": 0, "pulled": 0, "pending": 0}
    assert [r.code for r in hr.enrollment_requests.pending()] == ["0013"]  # B's own new person, still waiting
    assert [e.action for e in hr.audit.entries()][:2] == ["approve_reenrollment", "request_reenrollment"]


@pytest.mark.expected_log("kiosk.sync", "HR rejected the re-enrollment of 0012")
def test_a_rejected_reenrollment_stays_at_its_door_only(doors, server_url, hr):
    door_a, _ = doors
    register(hr, door_a)
    sync(door_a.kiosk, door_a.url)
    hr.enrollment_requests.approve(hr.enrollment_requests.pending()[0], actor="hr")
    with Repository(door_a.kiosk) as repo:
        zhang = repo.employees.find("0012")
        assert zhang is not None
        repo.templates.replace(zhang.id, repo.templates.of(zhang.id)[:2], actor="door admin")
    sync(door_a.kiosk, door_a.url)
    [request] = hr.enrollment_requests.pending()
    hr.enrollment_requests.reject(request, reason="photos too dark", actor="hr")
    sync(door_a.kiosk, door_a.url)  # logged: it stays on this kiosk, as any re-enrollment at a door did
    server_zhang = hr.employees.find("0012")
    assert server_zhang is not None and len(hr.templates.of(server_zhang.id)) == 5
    with Repository(door_a.kiosk) as repo:
        assert len(repo.templates.of(zhang.id)) == 2
    assert hr.enrollment_requests.pending() == []
