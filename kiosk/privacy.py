"""Privacy by default: a former employee's face templates and PIN do not outlive the retention period.

:func:`erase_expired` erases the templates and personal PIN of every employee
deactivated more than ``Settings.template_retention_days`` ago; their
attendance history stays (HR needs it). It runs when the kiosk starts and once
a day while it runs (:class:`RetentionSchedule`, driven by the engine's frames
on the kiosk's clock), and on demand with ``kiosk erase --expired``. Each
erasure is audited and secure-deleted (see
:meth:`~kiosk.storage.employees.Employees.erase_personal_data`). Nothing is
erased while that clock is suspect (:mod:`kiosk.attendance.clock_check`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.attendance.clock_check import ClockSuspect, check_clock
from kiosk.errors import DatabaseBusy, DiskFull
from kiosk.storage.models import Employee
from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.retention")

CHECK_INTERVAL = timedelta(days=1)
"""How often a running kiosk looks for expired biometrics: the retention period
is counted in days, so a daily pass erases nothing more than a day late."""


RETRY_AFTER_PROBLEM = timedelta(hours=1)
"""How soon a pass stopped by a full disk or a suspect clock is tried again."""


@dataclass(frozen=True)
class Erased:
    """One employee whose biometrics were erased: how many templates, and whether a PIN went too."""

    employee: Employee
    templates: int
    pin: bool


def erase_expired(repo: Repository, now: datetime, retention_days: int, actor: str) -> list[Erased]:
    """Erase templates and PINs of employees deactivated more than ``retention_days`` before ``now``.

    ``now`` is aware. Employees with nothing left to erase are skipped (and not
    audited again). Returns who was erased, in code order.

    Nothing is erased while the clock is suspect (:mod:`kiosk.attendance.clock_check`):
    a clock run ahead would erase people early, and erasing cannot be undone.
    Raises :class:`~kiosk.attendance.clock_check.ClockSuspect` then.
    """
    verdict = check_clock(repo, now)
    if verdict.suspect:
        raise ClockSuspect(verdict, "nothing was erased")
    cutoff = now - timedelta(days=retention_days)
    erased = []
    for employee in repo.employees.all():
        if employee.active or employee.deactivated_at is None or employee.deactivated_at > cutoff:
            continue
        if not employee.has_pin and not repo.templates.of(employee.id):
            continue
        reason = (f"retention: deactivated {employee.deactivated_at.date().isoformat()}, "
                  f"more than {retention_days} days ago")
        templates, pin = repo.employees.erase_personal_data(employee.id, actor, reason)
        log.info("erased the biometrics of %s (%s)", employee.code, reason)
        erased.append(Erased(employee, templates, pin))
    return erased


class RetentionSchedule:
    """Runs :func:`erase_expired` at the first call and then once per :data:`CHECK_INTERVAL`.

    ``clock`` returns the kiosk's aware time. A busy database postpones the
    pass to the next call rather than blocking the caller (the engine calls
    this every frame).
    """

    def __init__(self, repo: Repository, clock: Callable[[], datetime], retention_days: int) -> None:
        self.repo = repo
        self.clock = clock
        self.retention_days = retention_days
        self._next_at: datetime | None = None

    def run_if_due(self) -> list[Erased]:
        now = self.clock()
        if self._next_at is not None and now < self._next_at:
            return []
        try:
            erased = erase_expired(self.repo, now, self.retention_days, actor="kiosk")
        except DatabaseBusy as busy:
            log.info("retention pass postponed: %s", busy)
            return []
        except (DiskFull, ClockSuspect) as problem:  # neither passes in a frame: try again in an hour
            log.warning("retention pass postponed: %s", problem)
            self._next_at = now + RETRY_AFTER_PROBLEM
            return []
        self._next_at = now + CHECK_INTERVAL
        return erased
