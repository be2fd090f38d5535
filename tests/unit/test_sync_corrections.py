"""Corrections made at a kiosk that syncs with a company server (a real PostgreSQL server, real kiosk files).

The server is authoritative and events are append-only from the kiosks, so a
kiosk may correct or delete only what it has not sent yet; what it sends is
the corrected version, and a deleted event is never sent.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg
import pytest
from sync_rounds import sync

from kiosk.errors import StorageError
from kiosk.storage.events import EventOnServerError
from kiosk.storage.models import AttendanceEvent, parse_utc
from kiosk.storage.repository import Repository
from kiosk.storage.schema import SENDING_EVENTS_KEY
from kiosk.sync.round import sync_status

MORNING = datetime(2026, 11, 23, 0, 55, tzinfo=UTC)  # 08:55 in China
ON_SERVER = "This check-in is already on the server; correct it on the HR workstation."


@pytest.fixture
def door(tmp_path: Path) -> Path:
    """A kiosk file with 张伟 (0012) enrolled at this door (a stand-in template: no face is matched here)."""
    path = tmp_path / "door-north.sqlite"
    with Repository(path) as repo:
        repo.employees.add("0012", "张伟", templates=[("front", np.full(128, 0.05, dtype=np.float32))])
    return path


def check_in(repo: Repository, at: datetime, kind: str = "in") -> AttendanceEvent:
    zhang = repo.employees.find("0012")
    assert zhang is not None
    return repo.events.add(AttendanceEvent(None, zhang.id, kind, at, 480, 0.31, True, "face", "door-north"))


def server_events(url: str) -> list[tuple[str, str, datetime, str, str]]:
    """(uid, kind, time, source, note) of every event on the server, by time."""
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT uid, kind, at_utc, source, note FROM events ORDER BY at_utc").fetchall()
    return [(uid, kind, parse_utc(at_utc), source, note) for uid, kind, at_utc, source, note in rows]


def server_audit_actions(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [action for (action,) in conn.execute("SELECT action FROM audit_log ORDER BY id")]


def test_a_kiosk_corrects_what_it_has_not_sent_and_refuses_what_the_server_holds(door, server_url):
    with Repository(door) as repo:
        sent = check_in(repo, MORNING)
    assert sync(door, server_url).pushed == 1
    with Repository(door) as repo:
        corrected = check_in(repo, MORNING + timedelta(hours=8), "out")
        deleted = check_in(repo, MORNING + timedelta(hours=8, minutes=1), "out")
        zhang = repo.employees.find("0012")
        assert zhang is not None and corrected.id is not None and deleted.id is not None and sent.id is not None
        added = repo.events.add_manual(zhang.id, "in", MORNING + timedelta(days=1), 480, "badge forgotten")
        # Not sent yet: corrected and deleted here, and audited here.
        repo.events.update(corrected.id, at_utc=MORNING + timedelta(hours=9), reason="left at 17:55, confirmed")
        repo.events.delete(deleted.id, reason="second scan of the same exit")
        audit_before = repo.audit.entries()
        # On the server already: refused, and nothing is written (no change, no audit entry).
        with pytest.raises(EventOnServerError, match=f"^{ON_SERVER}$"):
            repo.events.update(sent.id, kind="out", reason="was a check-out")
        with pytest.raises(EventOnServerError, match=f"^{ON_SERVER}$"):
            repo.events.delete(sent.id, reason="duplicate")
        assert repo.events.with_uid(sent.uid or "") == sent
        assert repo.audit.entries() == audit_before
    assert sync(door, server_url).to_json() == {"pushed": 2, "pulled": 0, "pending": 0}
    # The server has the corrected check-out and the manual check-in, never the deleted scan.
    assert server_events(server_url) == [
        (sent.uid, "in", MORNING, "face", ""),
        (corrected.uid, "out", MORNING + timedelta(hours=9), "face", "left at 17:55, confirmed"),
        (added.uid, "in", MORNING + timedelta(days=1), "manual", "badge forgotten"),
    ]
    # The admin's reasons stay in this kiosk's audit log (the door role may not read the server's).
    assert "add_event" not in server_audit_actions(server_url)
    with Repository(door) as repo:
        assert [entry.action for entry in repo.audit.entries()[:3]] == ["delete_event", "update_event", "add_event"]
        # Sent now, so no longer correctable here either.
        with pytest.raises(EventOnServerError):
            repo.events.update(added.id or 0, kind="out", reason="was a check-out")


def test_an_event_from_another_door_or_from_hr_cannot_be_changed_at_the_kiosk(door, server_url, tmp_path):
    sync(door, server_url)
    with Repository(server_url, files_base=tmp_path / "hr") as hr:
        zhang = hr.employees.find("0012")
        assert zhang is not None
        from_hr = hr.events.add_manual(zhang.id, "out", MORNING + timedelta(hours=9), 480, "forgot to check out")
    assert sync(door, server_url).pulled == 1
    with Repository(door) as repo:
        pulled = repo.events.with_uid(from_hr.uid or "")
        assert pulled is not None and pulled.id is not None
        with pytest.raises(EventOnServerError):
            repo.events.delete(pulled.id, reason="not true")
        assert repo.events.with_uid(from_hr.uid or "") == pulled


def test_an_event_cannot_be_corrected_while_a_round_is_sending_it(door, server_url):
    """The round reads the event, the server takes it (here: after a lock the test holds), the round marks it
    sent: a correction in between would leave the server with the old value, so it is refused too."""
    with Repository(door) as repo:
        event = check_in(repo, MORNING)
    outcome: list[object] = []

    def round_in_background() -> None:
        try:
            outcome.append(sync(door, server_url))
        except StorageError as error:  # the lock outlived the round's lock timeout: sent again next round
            outcome.append(error)

    with psycopg.connect(server_url) as blocker:
        blocker.execute("LOCK TABLE events IN EXCLUSIVE MODE")  # held until this block commits
        worker = threading.Thread(target=round_in_background)
        worker.start()
        with Repository(door) as repo:
            while repo.settings.get(SENDING_EVENTS_KEY) is None:
                assert worker.is_alive(), f"the round ended before sending: {outcome}"
                threading.Event().wait(0.01)
            with pytest.raises(EventOnServerError):
                repo.events.update(event.id or 0, kind="out", reason="was a check-out")
            with pytest.raises(EventOnServerError):
                repo.events.delete(event.id or 0, reason="duplicate")
    worker.join()
    # Whether that round finished or gave up waiting, the next one leaves nothing pending or marked as being sent.
    sync(door, server_url)
    assert server_events(server_url) == [(event.uid, "in", MORNING, "face", "")]
    with Repository(door) as repo:
        assert sync_status(repo).pending == 0 and repo.settings.get(SENDING_EVENTS_KEY) is None
        assert repo.events.with_uid(event.uid or "") == event


def test_a_kiosk_that_never_synced_corrects_as_before(door):
    with Repository(door) as repo:
        event = check_in(repo, MORNING)
        fixed = repo.events.update(event.id or 0, kind="out", reason="was a check-out")
        assert fixed.kind == "out"
        repo.events.delete(event.id or 0, reason="duplicate")
        assert repo.events.with_uid(event.uid or "") is None
