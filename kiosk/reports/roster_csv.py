"""The roster as CSV: ``code,name,department,shift`` of every active employee, as a roster import reads it.

Written like every other export (:mod:`kiosk.reports.csv_writer`): UTF-8 with
a BOM for Excel, text Excel would run as a formula prefixed with an
apostrophe, a temporary file renamed into place. The shift is each person's
newest assignment; English column codes, so the file imports back unchanged.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.reports.csv_writer import formula_safe, write_csv_atomically
from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.reports")

ROSTER_HEADER: tuple[str, ...] = ("code", "name", "department", "shift")


def write_roster_csv(repo: Repository, path: str | Path) -> int:
    """Write the active staff to ``path``; return the number of people. :class:`InputError` if it cannot be written."""
    latest = repo.shifts.latest()
    rows = []
    for employee in repo.employees.all(include_inactive=False):
        assignment = latest.get(employee.id)
        shift = assignment.shift_name if assignment is not None else ""
        rows.append([formula_safe(text) for text in (employee.code, employee.name, employee.department, shift)])
    write_csv_atomically(Path(path), ROSTER_HEADER, rows)
    log.info("wrote the roster of %d people to %s", len(rows), path)
    return len(rows)
