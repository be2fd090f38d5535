"""``kill -9`` of ``kiosk sync`` in the middle of a round loses nothing and duplicates nothing.

A kiosk that was offline for a day holds :data:`EVENTS` check-ins and an
employee enrolled at its door. Real ``kiosk sync`` processes (forked from one
zygote, see ``sync_workload.py``) send them to the session's real PostgreSQL
server and are killed at seeded moments: most right after the server
committed a batch, which is exactly when the kiosk has not yet marked it sent.
After every kill: the kiosk file is intact and still holds every event, every
event the kiosk marked as sent is on the server, and the server holds nothing
the kiosk did not record. A last, uninterrupted round then brings the server
to exactly the kiosk's events, each once. ``KIOSK_CRASH_SEED`` replays a run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg
import pytest
import sync_workload

from kiosk.storage.repository import Repository
from kiosk.storage.schema import new_uid
from kiosk.sync.round import PUSH_BATCH, sync_once, sync_status
from kiosk.sync.server import open_server

SEED = int(os.environ.get("KIOSK_CRASH_SEED", "20261124"))
"""Seeds the kill moments; printed in every failure so that run can be replayed."""
KILLS = 6
"""Kills per run: one per batch boundary on average, so the window between the
server's commit and the kiosk's mark gets hit several times."""
EVENTS = 6 * PUSH_BATCH
"""A day of check-ins at a busy door, in six server transactions."""
WAIT_S = 60.0
"""Longest wait for a child to reach its kill moment; only a broken child takes this long."""
START = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def offline_day(tmp_path_factory) -> Path:
    """A kiosk file with two employees (one enrolled here only) and a day of check-ins, built once."""
    path = tmp_path_factory.mktemp("sync-kill") / "kiosk.sqlite"
    rng = np.random.default_rng(7)
    with Repository(path) as repo:
        people = [
            repo.employees.add(code, name, templates=[("front", rng.standard_normal(128) * 0.1)])
            for code, name in (("0001", "赵敏"), ("0002", "Alice Chen"))
        ]
        rows = [
            (new_uid(), people[index % 2].id, ("in", "out")[index // 2 % 2],
             (START + timedelta(seconds=10 * index)).isoformat(timespec="microseconds"), 480, 0.3, 1, "face",
             "kiosk-door", "")
            for index in range(EVENTS)
        ]  # fmt: skip
        with repo._tx.writing() as db:  # a day's check-ins in one go; the engine writes them one by one
            db.conn.executemany(
                "INSERT INTO events (uid, employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, "
                "device_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    return path


class Zygote:
    def __init__(self, folder: Path) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
        self.stderr = (folder / "zygote.err").open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(Path(sync_workload.__file__))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True, env=env,
        )  # fmt: skip

    def _reply(self) -> dict[str, int]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the sync zygote died; see zygote.err"
        return json.loads(line)

    def start(self, db: Path, server: str) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"db": str(db), "server": server}) + "\n")
        self.process.stdin.flush()
        return self._reply()["pid"]

    def status(self) -> int:
        return self._reply()["status"]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.stderr.close()


def _server_uids(conn: psycopg.Connection) -> list[str]:
    return [uid for (uid,) in conn.execute("SELECT uid FROM events").fetchall()]


def _check(db: Path, conn: psycopg.Connection, recorded: set[str]) -> int:
    """The invariants after a kill; returns how many events the server holds."""
    local = sqlite3.connect(db)
    try:
        assert local.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert {uid for (uid,) in local.execute("SELECT uid FROM events")} == recorded, "the kiosk lost an event"
        marked = {uid for (uid,) in local.execute("SELECT uid FROM sync_pushed_events")}
    finally:
        local.close()
    on_server = _server_uids(conn)
    assert len(on_server) == len(set(on_server)), "an event is on the server twice"
    assert set(on_server) <= recorded, "the server holds an event the kiosk never recorded"
    assert marked <= set(on_server), "the kiosk marked as sent an event the server does not hold"
    return len(on_server)


def test_kill_9_during_a_sync_round_loses_nothing_and_duplicates_nothing(offline_day, postgres_url, tmp_path):
    db = tmp_path / "kiosk.sqlite"
    db.write_bytes(offline_day.read_bytes())
    Repository(postgres_url, files_base=tmp_path / "hr").close()  # the server's owner creates the schema
    with sqlite3.connect(db) as local:
        recorded = {uid for (uid,) in local.execute("SELECT uid FROM events")}
    rng = random.Random(SEED)
    # Server event counts to kill at: right after each is reached, the kiosk has not yet marked that batch.
    targets = sorted(rng.sample(range(0, EVENTS + 1), KILLS))
    zygote = Zygote(tmp_path)
    hits = 0
    try:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            for kill, target in enumerate(targets, 1):
                delay = rng.uniform(0, 0.02)
                moment = f"seed {SEED}, kill {kill} of {KILLS}: at {target} server events + {delay * 1000:.1f} ms"
                try:
                    pid = zygote.start(db, postgres_url)
                    deadline = time.monotonic() + WAIT_S
                    while conn.execute("SELECT count(*) FROM events").fetchone()[0] < target:
                        assert time.monotonic() < deadline, f"child {pid} made no progress in {WAIT_S} s"
                        time.sleep(0.002)
                    time.sleep(delay)
                    os.kill(pid, signal.SIGKILL)
                    status = zygote.status()
                    hits += os.WIFSIGNALED(status)
                    held = _check(db, conn, recorded)
                    assert held >= target
                except AssertionError as error:
                    raise AssertionError(f"{moment} (replay with KIOSK_CRASH_SEED={SEED}): {error}") from error
        assert hits >= KILLS - 1, f"only {hits} of {KILLS} children were still running when killed"
        # The next round, uninterrupted, finishes the job: every event on the server exactly once.
        server = open_server(postgres_url)
        try:
            with Repository(db) as repo:
                sync_once(repo, server)
                assert sync_status(repo).pending == 0
        finally:
            server.close()
        with psycopg.connect(postgres_url) as conn:
            assert sorted(_server_uids(conn)) == sorted(recorded)
            assert conn.execute("SELECT count(*) FROM employees").fetchone()[0] == 2
            assert conn.execute("SELECT count(*) FROM templates").fetchone()[0] == 2
    finally:
        zygote.close()
