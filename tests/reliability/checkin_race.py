"""One kiosk process of the two-process check-in race (``test_one_check_in.py``).

Spawned (not forked) twice by the test, so each process starts clean and opens
its own connection to the same database, as two kiosk programs on one file
(or two kiosks on one server) do. Both wait at a barrier before every round,
then register the same employee at the same moment through the real rules.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from clocks import CHINA

from kiosk.attendance.scan import AttendanceRules
from kiosk.storage.repository import Repository

START = datetime(2026, 3, 2, 8, 0, tzinfo=CHINA)
"""The first round's moment; the rounds all fall on this local day."""
STEP = timedelta(minutes=10)
"""Between two rounds: more than the 60 s cooldown and the 5 min before a check-out may follow
a check-in, so every round should write exactly one event, "in" and "out" in turn."""
COOLDOWN_S = 60.0
CHECKOUT_AFTER_MIN = 5.0
BARRIER_TIMEOUT_S = 60.0
"""Longest wait for the other process at a round's start; only a broken process takes this long."""


def race(location: str, files_base: str | None, code: str, rounds: int, barrier: Any, results: Any) -> None:
    """Register employee ``code`` once per round, all rounds in step with the other process;
    put ``(pid, [outcome kind per round])`` on ``results`` (or ``(pid, error text)``)."""
    try:
        with Repository(location, files_base=Path(files_base) if files_base else None) as repo:
            employee = repo.employees.find(code)
            assert employee is not None
            rules = AttendanceRules(
                repo, lambda: START, cooldown_s=COOLDOWN_S, device_id=f"kiosk-{os.getpid()}",
                checkout_after_min=CHECKOUT_AFTER_MIN,
            )
            kinds = []
            for index in range(rounds):
                barrier.wait(BARRIER_TIMEOUT_S)
                outcome = rules.register(employee, distance=0.3, live=True, at=START + index * STEP)
                kinds.append(outcome.kind.value)
        results.put((os.getpid(), kinds))
    except BaseException:
        barrier.abort()
        results.put((os.getpid(), traceback.format_exc()))
