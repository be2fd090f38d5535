"""``kill -9`` at random moments during check-ins and during enrollment and re-enrollment.

After every kill: SQLite's integrity check passes, no row is orphaned or
half-written (an employee is wholly one enrollment: name, department,
consent, templates and audit entry), and nothing a child reported as
committed is missing. The moments come from a seeded generator; a failure
names the seed and the kill, and ``KIOSK_CRASH_SEED=<seed>`` replays it.

The children are real processes doing storage work only, forked from one
zygote (see ``crash_workload.py``) so each kill costs milliseconds, not a
Python start-up. Real face encodings are computed once here, with the
``analyzer`` fixture, and handed to the enrollment children in a file.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import crash_workload
import numpy as np
import pytest

from kiosk.enrollment.session import templates_from_images
from kiosk.storage.repository import Repository

SEED = int(os.environ.get("KIOSK_CRASH_SEED", "20261124"))
"""Seeds the kill moments; printed in every failure so that run can be replayed."""
KILLS = 30
"""Kills per workload: enough that a window of a few milliseconds between two
writes of one operation gets hit (the two-transaction re-enrollment lost 4 of 20)."""
MAX_LINES_BEFORE_KILL = 6
"""A kill comes after 0 to this many committed operations of the child (0: while it opens the database)."""
MAX_EXTRA_DELAY_S = 0.03
"""…plus up to this long, so it lands anywhere inside the next operation."""
WAIT_S = 30.0
"""Longest wait for a child to reach its kill moment; only a broken child takes this long."""


class Zygote:
    """One ``crash_workload.py`` process that forks a child per job (see its docstring)."""

    def __init__(self, folder: Path) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
        self.stderr = (folder / "zygote.err").open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(Path(crash_workload.__file__))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True, env=env,
        )

    def _reply(self) -> dict[str, int]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the crash zygote died; see zygote.err"
        return json.loads(line)

    def kill_during(self, job: dict[str, Any], after_lines: int, extra_delay_s: float) -> None:
        """Start ``job`` in a child, SIGKILL it once it reported ``after_lines`` commits plus ``extra_delay_s``."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        pid = self._reply()["pid"]
        out, err = Path(job["out"]), Path(job["out"] + ".err")
        start_lines = len(crash_workload.read_lines(out))
        deadline = time.monotonic() + WAIT_S
        while len(crash_workload.read_lines(out)) < start_lines + after_lines and not err.exists():
            assert time.monotonic() < deadline, f"child {pid} made no progress in {WAIT_S} s"
            time.sleep(0.002)
        time.sleep(extra_delay_s)
        os.kill(pid, signal.SIGKILL)
        status = self._reply()["status"]
        problem = err.read_text() if err.exists() else ""
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"child {pid} ended by itself (status {status}) instead of being killed:\n{problem}"
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.stderr.close()


@pytest.fixture
def zygote(tmp_path: Path) -> Iterator[Zygote]:
    started = Zygote(tmp_path)
    yield started
    started.close()


def _kill_repeatedly(
    zygote: Zygote, job: Callable[[int], dict[str, Any]], check: Callable[[int], None]
) -> None:
    rng = random.Random(SEED)
    for kill in range(KILLS):
        after_lines, delay = rng.randint(0, MAX_LINES_BEFORE_KILL), rng.uniform(0, MAX_EXTRA_DELAY_S)
        moment = f"seed {SEED}, kill {kill + 1} of {KILLS}: after {after_lines} commits + {delay * 1000:.1f} ms"
        try:
            zygote.kill_during(job(kill), after_lines, delay)
            check(kill + 1)
        except AssertionError as error:
            raise AssertionError(f"{moment} (replay with KIOSK_CRASH_SEED={SEED}): {error}") from error


def test_kill_9_during_check_ins_loses_and_breaks_nothing(tmp_path: Path, zygote: Zygote) -> None:
    db, out = tmp_path / "kiosk.db", tmp_path / "checkins.txt"
    with Repository(db) as repo:
        for code, name in (("0001", "赵敏"), ("0002", "Alice Chen"), ("0003", "李娜")):
            repo.employees.add(code, name)

    def check(kills: int) -> None:
        crash_workload.check_check_ins(db, [int(line) for line in crash_workload.read_lines(out)], kills)

    _kill_repeatedly(zygote, lambda _kill: {"kind": "check_in", "db": str(db), "out": str(out)}, check)
    printed = crash_workload.read_lines(out)
    assert len(printed) >= KILLS, f"only {len(printed)} check-ins in {KILLS} runs: the kills hit nothing"
    with Repository(db) as repo:  # the kiosk opens what the crashes left, and carries on
        assert len(repo.events.between(crash_workload.START, crash_workload.START.replace(year=2100))) >= len(printed)


def test_kill_9_during_enroll_and_re_enroll_leaves_no_half_enrollment(
    tmp_path: Path, zygote: Zygote, faces: Path, analyzer
) -> None:
    real = {
        subject: np.stack([t.encoding for t in templates_from_images(
            analyzer, sorted((faces / "webcam/nuaa/live" / subject).glob("*.jpg"))[:3]
        )]).astype(np.float32)
        for subject in ("0001", "0003", "0007", "0012")
    }
    vectors = tmp_path / "vectors.npz"
    np.savez(vectors, **real)
    db, out = tmp_path / "kiosk.db", tmp_path / "enrolled.txt"  # the first child creates the database

    def job(kill: int) -> dict[str, Any]:
        return {"kind": "enroll", "db": str(db), "out": str(out), "vectors": str(vectors), "index": kill}

    def check(_kills: int) -> None:
        printed = [(code, int(generation)) for code, generation in map(str.split, crash_workload.read_lines(out))]
        if not db.exists():
            assert not printed
            return
        crash_workload.check_enrollments(db, printed, real)

    _kill_repeatedly(zygote, job, check)
    printed = crash_workload.read_lines(out)
    re_enrollments = [line for line in printed if not line.startswith("N") and not line.endswith(" 0")]
    assert len(printed) >= KILLS and len(re_enrollments) >= KILLS // 2, (
        f"{len(printed)} enrollments, {len(re_enrollments)} of them re-enrollments: the kills hit too little"
    )
