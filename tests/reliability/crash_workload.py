"""Storage work to be killed with SIGKILL at random moments, and what must hold afterwards.

Run as a script, this is a *zygote*: it imports the kiosk's storage once (about
1.5 s on the test machine) and then, for every job read as one JSON line from
stdin, forks a child that does the job until it is killed. It prints the
child's pid, reaps it, and prints how it ended. Forking skips the start-up, so
thirty kills cost seconds, not a minute. The zygote never opens the database
and runs no threads (the test sets ``OPENBLAS_NUM_THREADS=1``), so each child
starts clean and opens its own SQLite connection.

A child writes one line to its ``out`` file (``os.write`` on an ``O_APPEND``
descriptor: in the kernel once the call returns, whatever happens to the
process next) only after the repository call that committed it has returned.
So every line in the file names something the database promised to keep.

The test imports the same module for :func:`expected_templates` and the checks.
"""

from __future__ import annotations

import os
import sqlite3
import time
import traceback
import zlib
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import numpy as np
from zygote import serve

from kiosk.attendance.scan import AttendanceRules, CheckInSource
from kiosk.enrollment.capture import Template
from kiosk.enrollment.session import save_enrollment
from kiosk.storage.repository import Repository

START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
"""The first check-in's time; each later one is :data:`STEP` after the newest stored event."""
STEP = timedelta(minutes=6)
"""Between two check-ins of the kiosk; more than the 60 s cooldown and the 5 min before a check-out
may follow a check-in, so every scan writes an event."""
MAX_CHILD_S = 30.0
"""A child that is somehow not killed stops by itself after this long (the test then fails)."""


# --------------------------------------------------------------------------- what the children do


def check_in_forever(db: Path, out: Path) -> None:
    """Record check-ins round-robin for the stored employees through the real rules, until killed."""
    fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with Repository(db) as repo:
        employees = repo.employees.all()
        rules = AttendanceRules(repo, lambda: START)
        newest = max((e.at_utc for e in repo.events.between(START - STEP, START + timedelta(days=3650))), default=None)
        first = newest + STEP if newest is not None else START
        started = time.monotonic()
        for index in count():
            if time.monotonic() - started > MAX_CHILD_S:
                raise SystemExit("check_in_forever was never killed")
            at = first + index * STEP
            outcome = rules.register(employees[index % len(employees)], distance=0.3, live=True,
                                     source=CheckInSource.FACE, at=at)
            if outcome.event is None:
                raise SystemExit(f"no event recorded at {at}: {outcome.kind}")
            os.write(fd, f"{outcome.event.id}\n".encode())
            # A breath between check-ins: SQLite's lock is not fair, and a loop that takes it again
            # the instant it lets go starves every other writer's busy wait (a backup noting itself
            # waited out its 5 s); a real door writes a few times a minute.
            time.sleep(0.002)


def enroll_forever(db: Path, out: Path, vectors_file: Path, job: int) -> None:
    """Enroll new codes and re-enroll (``replace``) the real faces' codes, generation after generation.

    Generation ``g`` of code ``c`` is named ``c-g{g}``, in department
    ``dept{g}``, with exactly :func:`expected_templates` ``(c, g)``: any mix of
    two generations in the database is a half-done re-enrollment.
    """
    real = dict(np.load(vectors_file))
    fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with Repository(db) as repo:
        started = time.monotonic()
        for step in count():
            if time.monotonic() - started > MAX_CHILD_S:
                raise SystemExit("enroll_forever was never killed")
            if step % 3 == 2:
                code, generation, replace = f"N{job}-{step}", 0, False
            else:
                code = sorted(real)[(job + step) % len(real)]
                current = repo.employees.find(code)
                generation, replace = (generation_of(current.name) + 1 if current else 0), True
            templates = [Template(angle, vector) for angle, vector in expected_templates(code, generation, real)]
            save_enrollment(repo, code=code, name=f"{code}-g{generation}", department=f"dept{generation}",
                            templates=templates, consent_at=START + timedelta(minutes=generation),
                            replace=replace, actor=f"crash-test {job}")
            os.write(fd, f"{code} {generation}\n".encode())


# --------------------------------------------------------------------------- what must hold


def generation_of(name: str) -> int:
    return int(name.rsplit("-g", 1)[1])


def expected_templates(code: str, generation: int, real: dict[str, np.ndarray]) -> list[tuple[str, np.ndarray]]:
    """The templates generation ``generation`` of ``code`` is enrolled with.

    A real face's code gets one to three of its own photos' encodings, a
    different choice per generation; a new code gets two random vectors, as far
    from every face as two strangers (so the duplicate check passes them).
    """
    if code in real:
        own = real[code]
        chosen = [(generation + i) % len(own) for i in range(1 + generation % 3)]
        return [("photo" if i % 2 else "front", own[i]) for i in chosen]
    rng = np.random.default_rng(zlib.crc32(code.encode()))
    return [("photo", (rng.standard_normal(128) * 0.09).astype(np.float32)) for _ in range(2)]


def read_lines(out: Path) -> list[str]:
    return out.read_text().splitlines() if out.exists() else []


def check_database(db: Path) -> sqlite3.Connection:
    """A connection to ``db`` after checking SQLite's own idea of it: intact, no dangling references."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def check_check_ins(db: Path, printed: list[int], kills: int) -> None:
    """Every printed (committed) event is stored once; per person and day the events alternate in, out, in."""
    with check_database(db) as conn:
        rows = conn.execute("SELECT id, employee_id, kind, at_utc, utc_offset_minutes FROM events").fetchall()
        orphans = conn.execute("SELECT count(*) FROM events WHERE employee_id NOT IN (SELECT id FROM employees)")
        assert orphans.fetchone() == (0,)
    stored = {row[0] for row in rows}
    lost = sorted(set(printed) - stored)
    assert not lost, f"committed events missing after the kill: {lost}"
    assert len(printed) == len(set(printed))
    # A child may be killed after a commit and before writing its line: at most one such event per kill.
    assert len(stored) - len(printed) <= kills
    assert len({(row[1], row[3]) for row in rows}) == len(rows), "an event was stored twice"
    days: dict[tuple[int, str], list[str]] = defaultdict(list)
    for _id, employee_id, kind, at_utc, offset in sorted(rows, key=lambda row: row[3]):
        local = datetime.fromisoformat(at_utc) + timedelta(minutes=offset)
        days[(employee_id, local.date().isoformat())].append(kind)
    for key, kinds in days.items():
        assert kinds == ["in", "out"] * (len(kinds) // 2) + ["in"] * (len(kinds) % 2), (key, kinds)


def check_enrollments(db: Path, printed: list[tuple[str, int]], real: dict[str, np.ndarray]) -> None:
    """Every employee is wholly one generation (details, templates, audit); no printed enrollment is lost."""
    with check_database(db) as conn:
        employees = conn.execute("SELECT id, code, name, department, active, consent_at FROM employees").fetchall()
        templates: dict[int, list[tuple[str, bytes]]] = defaultdict(list)
        for employee_id, angle, vector in conn.execute("SELECT employee_id, angle, vector FROM templates ORDER BY id"):
            templates[employee_id].append((angle, vector))
        audits = conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'replace_templates' ORDER BY id"
        ).fetchall()
    ids = {row[0] for row in employees}
    assert set(templates) <= ids, f"templates without an employee: {sorted(set(templates) - ids)}"
    last_audit = {detail.split(":", 1)[0]: detail for (detail,) in audits}
    generations = {}
    for employee_id, code, name, department, active, consent_at in employees:
        generation = generation_of(name)
        generations[code] = generation
        assert name == f"{code}-g{generation}" and department == f"dept{generation}", (code, name, department)
        consented = (START + timedelta(minutes=generation)).isoformat(timespec="microseconds")
        assert active == 1 and consent_at == consented, (code, active, consent_at)
        want = [(angle, vector.astype("<f4").tobytes()) for angle, vector in expected_templates(code, generation, real)]
        assert templates.get(employee_id) == want, f"{code} is named generation {generation} but has other templates"
        angles = ",".join(angle for angle, _ in want)
        assert last_audit.get(code, "").endswith(f"-> {len(want)} templates ({angles})"), (code, last_audit.get(code))
    for code, generation in printed:
        assert generations.get(code, -1) >= generation, f"committed enrollment {code} g{generation} is lost"


# --------------------------------------------------------------------------- the zygote


def _run(job: dict[str, Any]) -> int:
    """One job in a forked child; what it raises goes to ``<out>.err`` for the test to show."""
    try:
        if job["kind"] == "check_in":
            check_in_forever(Path(job["db"]), Path(job["out"]))
        else:
            enroll_forever(Path(job["db"]), Path(job["out"]), Path(job["vectors"]), job["index"])
    except BaseException:
        with open(job["out"] + ".err", "a") as err:
            err.write(traceback.format_exc())
    return 1


if __name__ == "__main__":
    serve(_run)
