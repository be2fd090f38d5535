"""Reading a roster: who works here, in which department and on which shift, from CSV or xlsx.

The columns are ``code,name,department,shift`` in any order, with English or
Chinese titles (工号, 姓名, 部门, 班次); ``department`` and ``shift`` may be left
out (then each person keeps theirs). The whole file is checked before anything
is stored, and the first problem is refused with one line naming its row:
a duplicate code, an empty code or name, a shift that does not exist, missing
columns or a file that cannot be read (see :mod:`kiosk.attendance.table_files`).
Applying the rows is storage's (:class:`kiosk.storage.roster.Roster`), in one
transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from kiosk.attendance.table_files import cell, column_indexes, read_table
from kiosk.errors import InputError
from kiosk.storage.models import RosterRow

#: Each column and the header titles it may have (the first is the English code).
ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "工号", "员工编号", "编号", "employee_code"),
    "name": ("name", "姓名"),
    "department": ("department", "部门"),
    "shift": ("shift", "班次"),
}


def read_roster(path: str | Path, known_shifts: Collection[str]) -> list[RosterRow]:
    """The roster's rows, checked; :class:`InputError` naming the file row of the first problem.

    ``known_shifts`` are the names of the stored shifts: a row naming another
    one is refused (add the shift first).
    """
    table = read_table(path)
    where = column_indexes(table, ROSTER_COLUMNS, required=("code", "name"))
    has_department = "department" in where
    first_row: dict[str, int] = {}
    rows: list[RosterRow] = []
    for number, cells in table.rows:
        code = cell(cells, where["code"])
        name = cell(cells, where["name"])
        shift = cell(cells, where.get("shift"))
        if not code:
            raise InputError(f"{table.where(number)}: empty code{f' for {name}' if name else ''}")
        if code in first_row:
            raise InputError(f"{table.where(number)}: duplicate code {code} (also row {first_row[code]})")
        first_row[code] = number
        if not name:
            raise InputError(f"{table.where(number)}: empty name for code {code}")
        if shift and shift not in known_shifts:
            known = ", ".join(sorted(known_shifts)) or "none yet"
            raise InputError(
                f"{table.where(number)}: unknown shift {shift!r} (known: {known}); add it with kiosk shift add first"
            )
        department = cell(cells, where.get("department")) if has_department else None
        rows.append(RosterRow(code, name, department, shift, table.where(number)))
    if not rows:
        raise InputError(f"{table.name}: no staff under the header row; nothing to import")
    return rows
